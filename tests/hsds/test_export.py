"""Exporting HSDS 3.0: valid against the official schemas, and imports back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from referral_match import Directory
from referral_match.cli import main
from referral_match.hsds.export import HSDS_TABLES, export_hsds, neutralise
from referral_match.importer import read_source
from referral_match.model import Address, Cost, Eligibility, Resource, ServiceArea
from referral_match.report import ImportReport
from referral_match.schedule import WeeklySchedule

HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"


def reimport(folder: Path) -> tuple[dict[str, Resource], ImportReport]:
    report = ImportReport()
    resources = {r.id: r for r in read_source(folder, report, format="hsds")}
    return resources, report


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def assert_round_trip(resources: list[Resource], outdir: Path) -> ImportReport:
    export_hsds(resources, outdir)
    back, report = reimport(outdir)
    assert report.rejected == []
    assert report.total_rows == len(back) == len(resources)
    assert {r.id: r.to_dict() for r in resources} == {k: r.to_dict() for k, r in back.items()}
    return report


def test_the_sample_directory_round_trips(sample_directory: Directory, tmp_path: Path) -> None:
    resources = list(sample_directory.resources())
    assert len(resources) == 352
    assert assert_round_trip(resources, tmp_path / "hsds").warnings == []


@pytest.mark.parametrize(("folder", "fmt"), [("v3", "hsds"), ("v11", "hsds"), ("ohana", "ohana")])
def test_imported_packages_round_trip(tmp_path: Path, folder: str, fmt: str) -> None:
    resources = list(read_source(HSDS / folder, ImportReport(), format=fmt))  # type: ignore[arg-type]
    assert resources
    report = assert_round_trip(resources, tmp_path / "hsds")
    # Only what the data itself says twice: a morning opening that closes at 3 am.
    assert [p.column for p in report.warnings] in ([], ["closes_at"])


def resource(**changes: Any) -> Resource:
    base: dict[str, Any] = {
        "id": "r-1",
        "service_id": "svc-1",
        "organization_id": "org-1",
        "location_id": "loc-1",
        "name": "Food Pantry",
        "organization": "Peninsula Helping Hands (fictional)",
        "address": Address("2600 Middlefield Rd", "Redwood City", "CA", "94063"),
        "latitude": 37.4815,
        "longitude": -122.2091,
        "geocoded_from": "given",
        "county": "San Mateo",
    }
    return Resource(**{**base, **changes})


def test_formulas_are_neutralised_in_text_but_not_in_numbers(tmp_path: Path) -> None:
    risky = resource(
        name='=HYPERLINK("http://evil.example","click")',
        organization="@Risk Partners (fictional)",
        description="-5 degrees outside: warm clothes given out",
        keywords=("+plus", "rent"),
        phones=("+44 20 7946 0958",),
        application_process="=1+1",
    )
    out = tmp_path / "hsds"
    export_hsds([risky], out)
    service = rows(out / "services.csv")[0]
    assert service["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert service["description"] == "'-5 degrees outside: warm clothes given out"
    assert service["application_process"] == "'=1+1"
    assert rows(out / "organizations.csv")[0]["name"] == "'@Risk Partners (fictional)"
    assert rows(out / "phones.csv")[0]["number"] == "'+44 20 7946 0958"
    assert {r["name"] for r in rows(out / "taxonomy_terms.csv")} >= {"'+plus", "rent"}
    location = rows(out / "locations.csv")[0]
    assert location["longitude"] == "-122.2091"  # a number, not text: left as it is
    back, _ = reimport(out)
    # What the import reads from the text (categories here) comes on top of what was given.
    assert back["r-1"].as_given().to_dict() == risky.to_dict()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@me", "'@me"),
        ("a=b", "a=b"),
        ("", ""),
        # Full-width signs, which Excel reads as the ASCII ones, and a leading tab or CR.
        ("\uff1dcmd|'/c calc'!A1", "'\uff1dcmd|'/c calc'!A1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # Negative numbers stay numbers; a formula that starts like one does not.
        ("-5", "-5"),
        ("-122.2091", "-122.2091"),
        ("-5+cmd", "'-5+cmd"),
        ("-1.", "'-1."),
    ],
)
def test_neutralise(value: str, written: str) -> None:
    assert neutralise(value) == written


def test_ids_become_uuids_and_come_back(tmp_path: Path) -> None:
    kept = str(uuid.uuid4())
    resources = [
        resource(),
        resource(id=kept, service_id=kept, organization_id=kept, location_id=kept),
    ]
    out = tmp_path / "hsds"
    export_hsds(resources, out)
    sal = rows(out / "service_at_location.csv")
    assert kept in {r["id"] for r in sal}
    for table in ("service_at_location", "services", "locations", "organizations"):
        for row in rows(out / f"{table}.csv"):
            uuid.UUID(row["id"])  # every id is a UUID
    ids = {r["value"] for r in rows(out / "attributes.csv") if r["link_type"] == "identifier"}
    assert ids == {"r-1", "svc-1", "org-1", "loc-1"}  # the UUID ids need no attribute
    back, _ = reimport(out)
    given = {k: r.as_given().to_dict() for k, r in back.items()}
    assert given == {r.id: r.to_dict() for r in resources}


def test_resources_that_disagree_about_their_service_split_it(tmp_path: Path) -> None:
    near = resource(id="r-1", location_id="loc-1", description="Mondays")
    far = resource(
        id="r-2",
        location_id="loc-2",
        description="Fridays",
        address=Address("1 Main St", "San Mateo", "CA", "94401"),
        latitude=37.56,
        longitude=-122.32,
    )
    hotline = resource(
        id="r-3", location_id="", address=None, latitude=None, longitude=None, geocoded_from=""
    )
    out = tmp_path / "hsds"
    counts = export_hsds([near, far, hotline], out)
    assert counts["services.csv"] == 3
    assert counts["service_at_location.csv"] == 2
    back, _ = reimport(out)
    assert {r.service_id for r in back.values()} == {"svc-1"}
    assert back["r-3"].location_id == ""


def test_everything_a_resource_says_is_written(tmp_path: Path) -> None:
    full = resource(
        categories=("103-03-01",),
        keywords=("rent",),
        phones=("(650) 555-0100 ext. 4",),
        email="help@example.org",
        website="https://example.org",
        hours=WeeklySchedule.parse("Mon-Fri 9am-5pm; Fri 22:00-02:00"),
        hours_text="Mon-Fri 9am-5pm; Fri 22:00-02:00",
        languages=("en", "es"),
        eligibility=Eligibility(18, 64, ("female",), ("veterans",), 200, "Residents only"),
        cost=Cost.SLIDING_SCALE,
        fees="$5-$20",
        service_area=ServiceArea(
            zips=("94063",), cities=("east palo alto|CA",), counties=("san mateo|CA",)
        ),
        required_documents=("Photo ID",),
        accessibility=("ramp",),
        last_verified=dt.date(2026, 1, 2),
    )
    out = tmp_path / "hsds"
    export_hsds([full], out)
    schedules = rows(out / "schedules.csv")
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == [
        ("MO,TU,WE,TH,FR", "09:00:00", "17:00:00"),
        ("FR", "22:00:00", "02:00:00"),
    ]
    assert rows(out / "phones.csv")[0]["extension"] == "4"
    assert [a["name"] for a in rows(out / "service_areas.csv")] == [
        "94063",
        "East Palo Alto, CA",
        "San Mateo County, CA",
    ]
    assert rows(out / "cost_options.csv")[0]["option"] == "sliding scale"
    service = rows(out / "services.csv")[0]
    assert (service["minimum_age"], service["maximum_age"]) == ("18", "64")
    assert service["assured_date"] == "2026-01-02"
    back, _ = reimport(out)
    assert back["r-1"].as_given().to_dict() == full.to_dict()


def test_the_cli_exports_the_directory(tmp_path: Path, good_index: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["--index", str(good_index), "export", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Exported 6 resources to {out} as an HSDS 3.0 package:")
    assert "services.csv" in result.output
    result = runner.invoke(
        main, ["--index", str(good_index), "export", "--format", "hsds", "--json", str(out)]
    )
    data = json.loads(result.output)
    assert data["resources"] == 6
    assert set(data["files"]) == {file for file, _ in HSDS_TABLES.values()}
    assert (out / "datapackage.json").is_file()


def test_export_into_a_file_is_a_usage_error(tmp_path: Path, good_index: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("not a folder")
    result = CliRunner().invoke(main, ["--index", str(good_index), "export", str(target)])
    assert result.exit_code == 2


# Validation against the official HSDS 3.0 schemas ---------------------------------------------


def validate(outdir: Path, schema_dir: Path) -> list[str]:
    """Check an exported package against the official descriptor and JSON schemas.

    Field names and order, required fields, types (number, date, time), enums, UUID ids,
    unique ids, foreign keys to written tables, and each row against the table's JSON schema.
    """
    from jsonschema import Draft202012Validator, FormatChecker

    official = json.loads((schema_dir / "datapackage.json").read_text("utf-8"))
    by_path = {r["path"]: r for r in official["resources"]}
    errors: list[str] = []
    ids: dict[str, set[str]] = {}
    tables: dict[str, list[dict[str, str]]] = {}
    for path in sorted(outdir.glob("*.csv")):
        resource = by_path.get(path.name)
        if resource is None:
            errors.append(f"{path.name} is not a table of HSDS 3.0")
            continue
        fields = resource["schema"]["fields"]
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
        if header != [f["name"] for f in fields]:
            errors.append(f"{path.name}: columns {header} differ from HSDS's")
        table = rows(path)
        tables[resource["name"]] = table
        schema = json.loads((schema_dir / f"{resource['name']}.json").read_text("utf-8"))
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        for line, row in enumerate(table, start=2):
            record: dict[str, Any] = {}
            for field in fields:
                name, value, rules = field["name"], row[field["name"]], field["constraints"]
                where = f"{path.name} line {line}, {name}"
                if value == "":
                    if rules.get("required") or name in schema.get("tabular_required", ()):
                        errors.append(f"{where}: required but empty")
                    continue
                try:
                    record[name] = _typed(field["type"], value)
                except ValueError:
                    errors.append(f"{where}: {value!r} is not a {field['type']}")
                    continue
                if "enum" in rules and value not in rules["enum"]:
                    errors.append(f"{where}: {value!r} not in {rules['enum']}")
                if field.get("format") == "uuid":
                    try:
                        uuid.UUID(value)
                    except ValueError:
                        errors.append(f"{where}: {value!r} is not a UUID")
            for error in validator.iter_errors(record):
                errors.append(f"{path.name} line {line}: {error.message}")
        row_ids = [r["id"] for r in table]
        if len(set(row_ids)) != len(row_ids):
            errors.append(f"{path.name}: ids are not unique")
        ids[resource["name"]] = set(row_ids)
    for resource in official["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            for row in tables.get(resource["name"], []):
                value = row.get(key["fields"], "")
                if value and value not in ids.get(target, set()):
                    errors.append(f"{resource['path']}: {key['fields']} {value} not in {target}")
    return errors


def _typed(kind: str, value: str) -> Any:
    if kind == "number":
        return float(value)
    if kind == "date":
        dt.date.fromisoformat(value)
    elif kind == "time" and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d", value):
        raise ValueError(value)
    elif kind == "datetime":
        dt.datetime.fromisoformat(value)
    return value


@pytest.mark.datasets
def test_the_export_is_valid_hsds_3_0(
    datasets: Path, sample_directory: Directory, tmp_path: Path
) -> None:
    schema_dir = datasets / "hsds-3.0-schema"
    resources = list(sample_directory.resources())
    resources += read_source(HSDS / "v3", ImportReport())
    resources += read_source(HSDS / "ohana", ImportReport())
    out = tmp_path / "hsds"
    export_hsds(resources, out)
    assert validate(out, schema_dir) == []
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    official = {
        r["name"]: r
        for r in json.loads((schema_dir / "datapackage.json").read_text())["resources"]
    }
    for written in descriptor["resources"]:
        expected = official[written["name"]]
        assert written["path"] == expected["path"]
        assert [(f["name"], f["type"]) for f in written["schema"]["fields"]] == [
            (f["name"], f["type"]) for f in expected["schema"]["fields"]
        ]


@pytest.mark.datasets
def test_the_validator_catches_what_it_checks(datasets: Path, tmp_path: Path) -> None:
    out = tmp_path / "hsds"
    export_hsds([resource()], out)
    services = out / "services.csv"
    text = services.read_text("utf-8")
    services.write_text(text.replace(",active,", ",open,"), "utf-8")
    errors = validate(out, datasets / "hsds-3.0-schema")
    assert any("services.csv line 2, status" in e for e in errors)
