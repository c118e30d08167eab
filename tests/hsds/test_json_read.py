"""Reading HSDS 3.0 JSON: nested services in, every record accounted for at its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from referral_match import Directory, SourceError
from referral_match.cli import main
from referral_match.hsds import json_read
from referral_match.hsds.export import hsds_service
from referral_match.hsds.json_read import is_hsds_json, read_hsds_json
from referral_match.hsds.read import read_hsds
from referral_match.index.whoosh_index import IndexStore
from referral_match.model import ORGANIZATION_NOT_LISTED, Resource
from referral_match.report import ImportReport
from referral_match.sources.flat import read_flat
from referral_match.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "data" / "sample" / "resources.csv"
V3 = ROOT / "tests" / "data" / "hsds" / "v3"
TAXONOMY = default_taxonomy()

Rows = list[tuple[str, int, Resource]]


def read(path: Path, **kwargs: Any) -> tuple[Rows, ImportReport]:
    """Read a JSON file, checking that every record is accounted for."""
    report = ImportReport()
    rows = list(read_hsds_json(path, report, TAXONOMY, **kwargs))
    assert len(rows) + report.rejected_rows == report.total_rows
    return rows, report


def write(path: Path, records: list[Any], *, ndjson: bool = False) -> Path:
    if ndjson:
        path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    else:
        path.write_text(json.dumps(records), "utf-8")
    return path


def where(problems: list) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(p.file, p.line, p.column, p.value) for p in problems]


SERVICE: dict[str, Any] = {
    "id": "s-1",
    "name": "Food Pantry",
    "status": "active",
    "organization": {"id": "o-1", "name": "Peninsula Helping Hands (fictional)"},
    "service_at_locations": [
        {
            "id": "sal-1",
            "location": {
                "id": "l-1",
                "location_type": "physical",
                "latitude": 37.4815,
                "longitude": -122.2091,
                "addresses": [
                    {
                        "id": "a-1",
                        "address_1": "2600 Middlefield Rd",
                        "city": "Redwood City",
                        "state_province": "CA",
                        "postal_code": "94063",
                        "country": "US",
                        "address_type": "physical",
                    }
                ],
            },
            "phones": [{"id": "p-1", "number": "650-555-0100"}],
            "schedules": [
                {"id": "h-1", "freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:00:00",
                 "closes_at": "17:00:00"}
            ],
        }
    ],
}  # fmt: skip


def service(**changes: Any) -> dict[str, Any]:
    """Return a fresh copy of SERVICE with top-level changes (None deletes a key)."""
    made = copy.deepcopy(SERVICE)
    for key, value in changes.items():
        if value is None:
            made.pop(key, None)
        else:
            made[key] = value
    return made


def elsewhere(number: int) -> dict[str, Any]:
    """Return another service, with ids of its own."""
    other = service(id=f"s-{number}", name=f"Pantry {number}")
    other["service_at_locations"][0]["id"] = f"sal-{number}"
    return other


# Round trip: our own /api/v1/services/<id> back in ------------------------------------------


@pytest.fixture(scope="module")
def sample() -> list[Resource]:
    return [resource for _, _, resource in read_flat(SAMPLE_CSV, ImportReport(), TAXONOMY)]


@pytest.fixture(scope="module")
def exported(sample: list[Resource]) -> list[dict[str, Any]]:
    return [hsds_service(resource, taxonomy=TAXONOMY) for resource in sample]


@pytest.mark.parametrize("ndjson", [False, True], ids=["array", "ndjson"])
def test_the_sample_directory_round_trips_through_hsds_json(
    tmp_path: Path, sample: list[Resource], exported: list[dict[str, Any]], ndjson: bool
) -> None:
    name = "services.ndjson" if ndjson else "services.json"
    rows, report = read(write(tmp_path / name, exported, ndjson=ndjson))
    assert (report.rejected, report.warnings) == ([], [])
    assert report.total_rows == len(rows) == len(sample) == 352
    assert [(file, line) for file, line, _ in rows] == [(name, n) for n in range(1, 353)]
    back = {resource.id: resource for _, _, resource in rows}
    pantry = back["smc-0002"]
    assert (pantry.name, pantry.organization) == ("Food Pantry", "Second Loaf Food Network")
    assert (pantry.latitude, pantry.longitude) == (37.6568, -122.42838)
    assert pantry.phones == ("(650) 555-0100 ext. 2",)
    assert pantry.hours is not None and pantry.hours.to_text() == "Sat 09:00-12:00"
    assert pantry.categories == ("102-04",)
    # Everything else too: ids, keywords, eligibility, cost, areas, accessibility...
    assert {r.id: r.to_dict() for r in sample} == {k: r.to_dict() for k, r in back.items()}


@pytest.mark.datasets
def test_what_the_exporter_writes_is_valid_hsds_3_json(
    datasets: Path, exported: list[dict[str, Any]]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = datasets / "hsds-3.0-schema" / "compiled" / "service_with_definitions.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema.read_text("utf-8")))
    for record in exported:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert errors == [], (record["name"], errors[:3])
    # A resource at a place has its phones and hours on its service_at_location.
    places = [sal for record in exported for sal in record.get("service_at_locations", [])]
    assert any("phones" in sal and "schedules" in sal for sal in places)


def official_example(schema: dict[str, Any]) -> dict[str, Any]:
    """Return the service the HSDS 3.0 schema's own examples make, nested three levels deep.

    The spec ships no JSON example; every field of its schema has one (written as text, so
    numbers are turned into numbers), which makes a fully nested service.
    """
    definitions = schema["definitions"]

    def build(spec: dict[str, Any], depth: int) -> dict[str, Any]:
        made: dict[str, Any] = {}
        for key, field in spec["properties"].items():
            ref = field.get("$ref") or field.get("items", {}).get("$ref")
            if ref and depth < 3:
                nested = build(definitions[ref.rsplit("/", 1)[1]], depth + 1)
                made[key] = [nested] if field.get("type") == "array" else nested
            elif "example" in field and not ref:
                number = {"number": float, "integer": int}.get(field.get("type", ""))
                made[key] = number(field["example"]) if number else field["example"]
        return made

    return build(schema, 0)


@pytest.mark.datasets
def test_the_official_schemas_example_service_is_read(datasets: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = datasets / "hsds-3.0-schema" / "compiled" / "service_with_definitions.json"
    schema = json.loads(schema_file.read_text("utf-8"))
    example = official_example(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(example)) == []
    rows, report = read(write(tmp_path / "example.json", [example]))
    assert report.rejected == []
    [(_, line, counselling)] = rows
    assert line == 1
    assert counselling.name == "Community Counselling"
    assert counselling.organization == "Example Organization Inc."
    assert counselling.id == example["service_at_locations"][0]["id"]
    assert counselling.languages == ("ur",)
    assert (counselling.eligibility.min_age, counselling.eligibility.max_age) == (12, 100)
    assert counselling.hours is not None and counselling.phones
    # The example's location is at latitude 100, as in its tabular twin: kept, unplaced.
    assert counselling.latitude is None and counselling.address is not None
    columns = {p.column for p in report.warnings}
    assert "service_at_locations[0].location.latitude" in columns
    # What is not kept is said once per kind, wherever it is nested.
    assert {"contacts", "funding", "metadata", "program"} <= columns
    assert [p.column for p in report.warnings if "metadata" in (p.column or "")] == ["metadata"]


@pytest.mark.datasets
def test_the_official_tabular_example_reads_the_same_as_json(
    datasets: Path, tmp_path: Path
) -> None:
    package = [r for _, _, r in read_hsds(datasets / "hsds-3.0-example", ImportReport(), TAXONOMY)]
    records = [hsds_service(r, taxonomy=TAXONOMY) for r in package]
    rows, report = read(write(tmp_path / "example.ndjson", records, ndjson=True))
    assert report.rejected == []
    assert [r.to_dict() for _, _, r in rows] == [r.as_given().to_dict() for r in package]


# What the report says, and where ------------------------------------------------------------


def test_every_value_is_named_by_its_record_and_json_path(tmp_path: Path) -> None:
    record = service()
    place = record["service_at_locations"][0]
    place["location"]["latitude"] = 100
    place["phones"].append({"number": "12"})
    annex = copy.deepcopy(place)
    annex["id"], annex["location"]["id"] = "sal-1b", "l-1b"
    record["service_at_locations"].append(annex)
    rows, report = read(write(tmp_path / "services.json", [elsewhere(2), record]))
    assert report.rejected == []
    pantry = next(r for _, line, r in rows if line == 2)
    # Kept without coordinates, placed by its address as the CSV reader does.
    assert pantry.latitude is None and pantry.longitude is None
    assert pantry.address is not None and pantry.address.postal_code == "94063"
    assert pantry.phones == ("(650) 555-0100",)
    # The same problem at two places of one record: said at each.
    assert where(report.warnings) == [
        ("services.json", 2, "service_at_locations[0].location.latitude", "100"),
        ("services.json", 2, "service_at_locations[0].phones[1].number", "12"),
        ("services.json", 2, "service_at_locations[1].location.latitude", "100"),
        ("services.json", 2, "service_at_locations[1].phones[1].number", "12"),
    ]
    assert "100 is not between -90 and 90" in report.warnings[0].message
    assert "imported without coordinates" in report.warnings[0].message


@pytest.mark.parametrize(
    ("changes", "column", "value", "message"),
    [
        ({"name": None}, "name", "", "the service has no name: fill in name."),
        ({"name": ""}, "name", "", "the service has no name: fill in name."),
        ({"status": "open-ish"}, "status", "open-ish", "open-ish"),
        ({"minimum_age": "twelve"}, "minimum_age", "twelve", "twelve"),
        ({"minimum_age": 65, "maximum_age": 18}, "maximum_age", "18", "is above maximum_age"),
    ],
)
def test_a_service_that_cannot_be_used_is_rejected_once_at_its_record_and_path(
    tmp_path: Path, changes: dict[str, Any], column: str, value: str, message: str
) -> None:
    broken = service(id="s-2", **changes)
    # Two places: still one rejected record, not two.
    broken["service_at_locations"].append(copy.deepcopy(broken["service_at_locations"][0]))
    broken["service_at_locations"][1]["id"] = "sal-2b"
    broken["service_at_locations"][1]["location"]["id"] = "l-2b"
    rows, report = read(write(tmp_path / "services.json", [service(), broken]))
    assert [line for _, line, _ in rows] == [1]
    assert where(report.rejected) == [("services.json", 2, column, value)]
    assert message in report.rejected[0].message
    assert report.total_rows == 2


def test_a_record_with_several_problems_is_one_rejected_row(tmp_path: Path) -> None:
    broken = service(id="s-2", name=None, status="open-ish", minimum_age=-3)
    rows, report = read(write(tmp_path / "services.json", [broken, service()]))
    assert [line for _, line, _ in rows] == [2]
    assert [(p.line, p.column) for p in report.rejected] == [
        (1, "name"),
        (1, "status"),
        (1, "minimum_age"),
    ]
    assert (report.total_rows, report.rejected_rows) == (2, 1)


@pytest.mark.parametrize(
    ("record", "what"),
    [("Food Pantry", "a string"), (42, "a number"), (None, "null"), ([1, 2], "an array")],
)
def test_a_record_that_is_not_an_object_is_rejected_at_its_number(
    tmp_path: Path, record: Any, what: str
) -> None:
    rows, report = read(write(tmp_path / "services.json", [service(), record, elsewhere(3)]))
    assert [line for _, line, _ in rows] == [1, 3]
    [problem] = report.rejected
    assert (problem.file, problem.line, problem.column) == ("services.json", 2, None)
    assert problem.message.startswith(f"record 2 is {what}, not a service object")


def test_ndjson_with_bad_lines_rejects_those_records_and_imports_the_others(
    tmp_path: Path,
) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    lines = [json.dumps(service()), '{"name": "broken",', "", json.dumps(elsewhere(4)), deep]
    path = tmp_path / "services.ndjson"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    rows, report = read(path)
    # A blank line is not a record, but keeps its number, as an editor shows it.
    assert [(file, line) for file, line, _ in rows] == [
        ("services.ndjson", 1),
        ("services.ndjson", 4),
    ]
    assert [(p.line, p.column) for p in report.rejected] == [(2, None), (5, None)]
    assert report.rejected[0].message.startswith("line 2 is not JSON (")
    assert report.rejected[0].value == '{"name": "broken",'
    assert "nests arrays or objects far more deeply" in report.rejected[1].message
    assert report.total_rows == 4


def test_a_repeated_record_is_rejected_and_counted_once(tmp_path: Path) -> None:
    rows, report = read(write(tmp_path / "s.ndjson", [service(), service()], ndjson=True))
    assert len(rows) == 1
    assert where(report.rejected) == [("s.ndjson", 2, "service_at_locations[0].id", "sal-1")]
    assert 'id "sal-1" is already used on line 1' in report.rejected[0].message
    assert (report.total_rows, report.rejected_rows) == (2, 1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("s.json", b"name,organization\nPantry,Org\n", "s.json is not JSON: Expecting value at "
         "line 1, column 1."),
        ("s.json", b'{"services": []}', "s.json holds one JSON object that is not a service"),
        ("s.json", b'"Food Pantry"', "s.json holds a string, not services."),
        ("s.json", b"", "s.json is empty: it holds no services."),
        ("s.json", b" \n\t\n", "s.json is empty: it holds no services."),
        ("s.json", b"\xef\xbb\xbf", "s.json is empty: it holds no services."),
        ("s.json", b"[]", "s.json holds an empty list: there are no services in it."),
        ("s.json", b"[" * 10_000 + b"]" * 10_000, "s.json nests arrays or objects far more "
         "deeply than HSDS services do"),
        ("s.json", '[{"name": "Café"}]'.encode("latin-1"), "s.json is not UTF-8 text"),
        ("s.json", '[{"name": "Café"}]'.encode("utf-16"), "s.json is UTF-16 text, but JSON"),
        ("s.ndjson", b"\n\n", "s.ndjson is empty: it holds no services."),
        ("s.ndjson", b'{\n  "name": "Food Pantry"\n}\n', "s.ndjson is not NDJSON (one JSON "
         "service object per line): line 1 is not JSON ("),
    ],
    ids=["csv", "object", "string", "empty", "blank", "bom-only", "empty-list", "deep",
         "latin-1", "utf-16", "blank-ndjson", "pretty-ndjson"],
)  # fmt: skip
def test_a_file_that_holds_no_services_is_refused_with_what_to_do(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as raised:
        read(path)
    assert raised.value.message.startswith(message), raised.value.message
    assert raised.value.file == name


def test_sizes_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_read, "MAX_JSON_BYTES", 200)
    with pytest.raises(SourceError, match=r"read whole, up to 200 bytes: write the services"):
        read(write(tmp_path / "big.json", [service()]))
    monkeypatch.setattr(json_read, "MAX_LINE_BYTES", 900)
    long = service(id="s-2", description="x" * 1000)
    rows, report = read(
        write(tmp_path / "big.ndjson", [service(), long, elsewhere(3)], ndjson=True)
    )
    assert [line for _, line, _ in rows] == [1, 3]
    assert report.rejected[0].line == 2
    assert report.rejected[0].message.startswith("line 2 is longer than 900 bytes")


@pytest.mark.parametrize("suffix", [".json", ".ndjson"])
def test_a_utf8_bom_is_read_past(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"services{suffix}"
    records = [service(), elsewhere(2)]
    text = (
        "".join(json.dumps(r) + "\n" for r in records)
        if suffix == ".ndjson"
        else json.dumps(records)
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows, report = read(path)
    assert (len(rows), report.rejected) == (2, [])


def test_one_service_object_an_api_page_and_ndjson_named_json_are_read(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(service(), indent=2), "utf-8")
    assert [r.id for _, _, r in read(one)[0]] == ["sal-1"]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"total_items": 2, "contents": [service(), elsewhere(2)]}))
    assert [(n, r.id) for _, n, r in read(page)[0]] == [(1, "sal-1"), (2, "sal-2")]
    lines = write(tmp_path / "lines.json", [service(), elsewhere(2)], ndjson=True)
    assert [(n, r.id) for _, n, r in read(lines)[0]] == [(1, "sal-1"), (2, "sal-2")]


@pytest.mark.parametrize("ndjson", [False, True], ids=["array", "ndjson"])
def test_progress_reaches_the_end_of_the_file(tmp_path: Path, ndjson: bool) -> None:
    path = write(tmp_path / "services.json", [service(), elsewhere(2)], ndjson=ndjson)
    seen: list[tuple[int, int]] = []
    read(path, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) == 2
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


# Nesting ---------------------------------------------------------------------------------------


def test_nesting_links_objects_whatever_ids_they_give(tmp_path: Path) -> None:
    record = service()
    place = record["service_at_locations"][0]
    place["phones"][0]["service_at_location_id"] = "somewhere-else"
    place["service_id"] = "another-service"
    record["organization"].pop("id")
    record["organization_id"] = "o-given"
    [(_, _, pantry)], report = read(write(tmp_path / "s.json", [record]))
    assert pantry.phones == ("(650) 555-0100",)
    assert (pantry.service_id, pantry.organization_id, pantry.location_id) == (
        "s-1",
        "o-given",
        "l-1",
    )
    assert pantry.hours is not None and pantry.hours.to_text() == "Mon-Tue 09:00-17:00"
    assert report.warnings == []


def test_objects_without_ids_get_the_same_ids_on_every_import(tmp_path: Path) -> None:
    bare = service(id=None)
    bare["organization"].pop("id")
    for place in bare["service_at_locations"]:
        place.pop("id")
        place["location"].pop("id")
    hotline = service(id=None, name="Crisis Line", service_at_locations=None)
    path = write(tmp_path / "s.json", [bare, hotline])
    first, report = read(path)
    again, _ = read(path)
    assert [r.to_dict() for _, _, r in first] == [r.to_dict() for _, _, r in again]
    assert report.rejected == [] and len({r.id for _, _, r in first}) == 2
    assert all(r.service_id and r.organization_id for _, _, r in first)


def test_the_same_place_twice_in_a_record_is_read_once(tmp_path: Path) -> None:
    record = service()
    second = copy.deepcopy(record["service_at_locations"][0])
    second["id"] = "sal-1b"
    record["service_at_locations"].append(second)
    second["phones"].append({"number": "650-555-0111"})
    rows, report = read(write(tmp_path / "s.json", [record]))
    [(_, _, pantry)] = rows
    # Read as part of the first: its phones (the new one, the repeated one once) and hours.
    assert (pantry.id, pantry.phones) == ("sal-1", ("(650) 555-0100", "(650) 555-0111"))
    assert pantry.hours is not None and pantry.hours.to_text() == "Mon-Tue 09:00-17:00"
    assert where(report.warnings) == [("s.json", 1, "service_at_locations[1].location", "l-1")]
    assert "already at this location in service_at_locations[0]" in report.warnings[0].message


def test_what_is_missing_is_warned_about_at_its_path(tmp_path: Path) -> None:
    no_org = service(organization=None)
    no_place = elsewhere(2)
    no_place["service_at_locations"][0].pop("location")
    no_place["service_at_locations"][0]["location_id"] = "l-9"
    odd = elsewhere(3)
    odd["phones"] = ["650-555-0199"]
    odd["contacts"] = [{"name": "Dana"}]
    no_org["contacts"] = [{"name": "Sam"}]
    rows, report = read(write(tmp_path / "s.json", [no_org, no_place, odd]))
    resources = {line: r for _, line, r in rows}
    assert resources[1].organization == ORGANIZATION_NOT_LISTED
    assert (resources[2].location_id, resources[2].address) == ("l-9", None)
    assert [(p.line, p.column) for p in report.warnings] == [
        (1, "organization"),
        (2, "service_at_locations[0].location"),
        (3, "phones[0]"),
        (None, "contacts"),
    ]
    assert ORGANIZATION_NOT_LISTED in report.warnings[0].message
    assert report.warnings[3].message.startswith('"contacts" was not imported on lines 1, 3')


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("s.json", json.dumps([SERVICE]), True),
        ("s.json", json.dumps(SERVICE, indent=2), True),
        ("s.ndjson", json.dumps(SERVICE) + "\n" + json.dumps(SERVICE), True),
        ("s.jsonl", json.dumps({"name": "Line", "id": "x"}), True),
        ("s.json", json.dumps({"total_items": 1, "contents": [SERVICE]}), True),
        ("s.json", json.dumps([{"name": "No links"}]), False),
        ("s.json", json.dumps([{"type": "Feature"}]), False),
        ("s.json", "name,organization\nPantry,Org\n", False),
        ("s.json", "", False),
        ("s.txt", json.dumps([SERVICE]), False),
        ("s.csv", json.dumps([SERVICE]), False),
    ],
)
def test_hsds_json_is_told_apart_by_its_first_record(
    tmp_path: Path, name: str, content: str, expected: bool
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    assert is_hsds_json(path) is expected
    assert not is_hsds_json(tmp_path)  # a folder


# Into an index -----------------------------------------------------------------------------


def test_hsds_json_imports_into_a_directory(tmp_path: Path) -> None:
    package = [r for _, _, r in read_hsds(V3, ImportReport(), TAXONOMY)]
    path = write(tmp_path / "services.ndjson", [hsds_service(r) for r in package], ndjson=True)
    report = ImportReport()
    resources = (resource for _, _, resource in read_hsds_json(path, report, TAXONOMY))

    def accept(count: int) -> bool:
        report.imported = count
        return count > 0

    # As importer.import_directory builds one (without placing and reading words).
    built = IndexStore(tmp_path / "index").build(resources, TAXONOMY, accept=accept)
    assert built is not None
    assert report.imported + report.rejected_rows == report.total_rows == len(package)
    with Directory.open(tmp_path / "index") as directory:
        assert directory.count == len(package)
        for resource in package:
            found = directory.get(resource.id)
            assert found is not None
            assert (found.name, found.organization, found.phones, found.hours) == (
                resource.name,
                resource.organization,
                resource.phones,
                resource.hours,
            )


@pytest.mark.parametrize("ndjson", [False, True])
def test_the_command_line_tells_hsds_json_apart_and_imports_it(
    sample: list[Resource], tmp_path: Path, ndjson: bool
) -> None:
    records = [hsds_service(r, taxonomy=TAXONOMY) for r in sample[:40]]
    path = write(
        tmp_path / ("services.ndjson" if ndjson else "services.json"), records, ndjson=ndjson
    )
    index = tmp_path / "index"
    result = CliRunner().invoke(main, ["--index", str(index), "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["imported"] == 40 and report["index_updated"]
    with Directory.open(index) as directory:
        assert {r.id for r in directory.resources()} == {r.id for r in sample[:40]}
    wrong = tmp_path / "other.json"
    wrong.write_text('[{"hello": "world"}]', "utf-8")
    refused = CliRunner().invoke(main, ["--index", str(index), "validate", str(wrong)])
    assert refused.exit_code == 1 and "is not a JSON file of HSDS services" in refused.output
