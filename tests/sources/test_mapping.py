"""Mapped exports: a TOML mapping file reads a raw export with its own column titles."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from referral_match import import_directory
from referral_match.cli import main
from referral_match.importer import read_source
from referral_match.model import Cost, Status
from referral_match.report import ImportReport, Problem
from referral_match.sources.csvfile import CsvFile
from referral_match.sources.mapping import MappingError, load_mapping, parse_mapping
from referral_match.sources.mapping_draft import suggest_mapping

MAPPING_DIR = Path(__file__).resolve().parents[1] / "data" / "mapping"
EXPORT = MAPPING_DIR / "export.csv"
MAPPING = MAPPING_DIR / "mapping.toml"


def test_a_raw_export_loads_through_its_mapping(tmp_path: Path) -> None:
    index = tmp_path / "index"
    report = import_directory(EXPORT, index, mapping=MAPPING)
    assert report.total_rows == 7
    assert report.imported + report.rejected_rows == report.total_rows
    assert report.imported == 2
    from referral_match import Directory

    with Directory.open(index) as directory:
        by_name = {r.name: r for r in directory.resources()}
    hotline = by_name["Tenant Hotline"]
    assert hotline.organization == "Lakeside Legal Aid (fictional)"
    assert hotline.status == Status.ACTIVE
    assert (hotline.latitude, hotline.longitude) == (42.108547, -87.974705)
    assert hotline.geocoded_from == "given"
    assert hotline.languages == ("en", "es")
    assert hotline.description == "Hotline. Call us"
    assert hotline.cost == Cost.FREE
    assert hotline.address is not None and hotline.address.state == "IL"
    clinic = by_name["Eviction Clinic"]
    assert clinic.status == Status.INACTIVE
    assert clinic.description == "Walk-in clinic"
    assert clinic.cost == Cost.SLIDING_SCALE
    assert clinic.geocoded_from == "zip"


def test_bad_rows_are_reported_with_the_export_s_own_column_titles() -> None:
    report = import_directory(EXPORT, "unused", dry_run=True, mapping=MAPPING)
    assert report.rejected == [
        Problem(
            "export.csv",
            4,
            "Geolocation",
            "somewhere near the lake",
            'no "latitude, longitude" pair was found in this text: write it like '
            "42.108547, -87.974705, or leave it blank to place the row by its ZIP code.",
        ),
        Problem(
            "export.csv",
            5,
            "Is this service open?",
            "Maybe",
            '"Maybe" is neither yes nor no: write Yes or No.',
        ),
        Problem("export.csv", 6, "Program Title", None, "the service has no name."),
        Problem(
            "export.csv",
            7,
            "Zip",
            "Chicago",
            '"Chicago" is not a ZIP code: write 5 digits, like 94063 or 94063-1234.',
        ),
        Problem(
            "export.csv",
            8,
            None,
            "surplus",
            "the row has 1 more value(s) than the header has columns. Put quotes around "
            'values that contain the delimiter ",".',
        ),
    ]
    # "Internal notes" is ignored on purpose; "Featured content" is not mapped.
    assert [str(w) for w in report.warnings] == [
        "export.csv line 1: 1 column(s) are not in mapping.toml, so their values were not "
        'imported: "Featured content". Map them, or list them under ignore.'
    ]


def test_a_mapping_naming_a_missing_column_refuses_the_file(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[fields]\nname = "Program Titel"\norganization = "Agency"\n', "utf-8")
    report = import_directory(EXPORT, "unused", dry_run=True, mapping=mapping)
    assert report.total_rows == 0 and report.imported == 0
    assert [str(p) for p in report.rejected] == [
        'export.csv line 1, column Program Titel: m.toml maps name from column "Program '
        'Titel", which is not in the header. Did you mean "Program Title"? Fix the title in '
        "the mapping file."
    ]


def test_the_broken_mapping_file_names_its_key() -> None:
    with pytest.raises(MappingError) as caught:
        load_mapping(MAPPING_DIR / "bad_mapping.toml")
    assert caught.value.key == "fields.program"
    assert caught.value.message == (
        'bad_mapping.toml: fields.program: "program" is not a column of the flat format. '
        'Did you mean "name"? The keys of [fields] are our columns (see data/template.csv); '
        "the values name yours."
    )


SEE = 'See "Mapped exports" in README.md.'


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        ({"columns": {}}, "columns", 'm: unknown key "columns" at the top level'),
        ({}, "fields", "m: there is no [fields] table"),
        ({"fields": {"name": "A"}}, "fields.organization", "m: [fields] has no organization:"),
        (
            {"fields": {"name": 3, "organization": "B"}},
            "fields.name",
            f'm: fields.name: give a column title ("Title") or a table '
            f'({{ column = "Title", ... }}). {SEE}',
        ),
        (
            {"fields": {"name": {"column": "A", "splt": ","}, "organization": "B"}},
            "fields.name",
            'm: fields.name: unknown option "splt"; the options are column, join, separator, '
            f"split, latlon, yesno, value_map, default, template. {SEE}",
        ),
        (
            {"fields": {"name": {"join": ["A"]}, "organization": "B"}},
            "fields.name",
            f'm: fields.name: join must list two or more column titles, like join = ["A", "B"]. '
            f"{SEE}",
        ),
        (
            {
                "fields": {
                    "name": "A",
                    "organization": "B",
                    "city": {"column": "C", "latlon": True},
                }
            },
            "fields.city",
            f"m: fields.city: latlon only fills latitude or longitude. {SEE}",
        ),
        (
            {
                "fields": {
                    "name": "A",
                    "organization": "B",
                    "latitude": {"column": "C", "latlon": "(\\d+"},
                }
            },
            "fields.latitude",
            "m: fields.latitude: latlon is not a valid regular expression",
        ),
        (
            {
                "fields": {
                    "name": "A",
                    "organization": "B",
                    "status": {"column": "C", "yesno": {"si": "x"}},
                }
            },
            "fields.status",
            'm: fields.status: yesno takes yes and no, like yesno = { yes = "active", '
            f'no = "inactive" }}. {SEE}',
        ),
        (
            {"fields": {"name": "A", "organization": "B", "status": {"split": ","}}},
            "fields.status",
            "m: fields.status: say where the value comes from: column, join, template, or a "
            f"constant default. {SEE}",
        ),
        (
            {"fields": {"name": "A", "organization": "B"}, "ignore": "Notes"},
            "ignore",
            'm: ignore must be a list of column titles, like ignore = ["Notes"].',
        ),
    ],
)
def test_mapping_errors_name_the_key(data: dict[str, Any], key: str, message: str) -> None:
    with pytest.raises(MappingError) as caught:
        parse_mapping(data, name="m")
    assert caught.value.key == key
    assert caught.value.message.startswith(message)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[fields]\nname = Title\n", "utf-8")
    with pytest.raises(MappingError, match=r"^m\.toml is not valid TOML \(Invalid value"):
        load_mapping(path)


def test_latlon_takes_a_pattern_of_its_own(tmp_path: Path) -> None:
    export = tmp_path / "e.csv"
    export.write_text("Name,Org,Where\nA,B,lat=41.88 lng=-87.63\n", "utf-8")
    mapping = parse_mapping(
        {
            "fields": {
                "name": "Name",
                "organization": "Org",
                "latitude": {"column": "Where", "latlon": r"lat=(?P<lat>\S+) lng=(?P<lon>\S+)"},
                "longitude": {"column": "Where", "latlon": r"lat=(\S+) lng=(\S+)"},
            }
        }
    )
    report = import_directory(export, tmp_path / "index", mapping=mapping)
    assert report.imported == 1 and not report.rejected and report.index_updated


def test_cli_import_and_validate_take_mapping(tmp_path: Path) -> None:
    runner = CliRunner()
    index = str(tmp_path / "index")
    result = runner.invoke(
        main, ["--index", index, "import", str(EXPORT), "--mapping", str(MAPPING)]
    )
    assert result.exit_code == 0, result.output
    assert "7 rows read: 2 imported, 5 rejected, 1 warnings." in result.output
    result = runner.invoke(main, ["validate", str(EXPORT), "--mapping", str(MAPPING), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["total_rows"] == 7 and report["imported"] == 2
    assert report["rejected"][1]["column"] == "Is this service open?"


def test_cli_bad_mapping_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(
        main, ["validate", str(EXPORT), "--mapping", str(MAPPING_DIR / "bad_mapping.toml")]
    )
    assert result.exit_code == 2
    assert result.output.startswith(
        'Error: --mapping: bad_mapping.toml: fields.program: "program" is not a column'
    )
    assert result.output.count("\n") == 1


def test_suggest_mapping_prints_a_toml_proposal() -> None:
    result = CliRunner().invoke(main, ["validate", "--suggest-mapping", str(EXPORT)])
    assert result.exit_code == 0
    assert result.output == suggest_mapping(EXPORT)
    assert result.output == (
        "# Mapping for export.csv, proposed by referral-match validate --suggest-mapping.\n"
        "# Check every line, then run: referral-match validate export.csv --mapping "
        "THIS-FILE.toml\n"
        '# The format is described in README.md, "Mapped exports".\n'
        "\n"
        "[fields]\n"
        'name                = "Program Title"\n'
        'organization        = "Agency"\n'
        'status              = { column = "Is this service open?", yesno = '
        '{ yes = "active", no = "inactive" } }\n'
        'languages           = "Languages spoken"\n'
        'application_process = "How to apply"\n'
        'fees                = "Fee"\n'
        'postal_code         = "Zip"\n'
        '# service_area = "Service type"    # near miss: check it\n'
        "\n"
        "# Columns not in the flat format (not imported unless mapped):\n"
        '#   "Geolocation"\n'
        '#   "Featured content"\n'
        '#   "Internal notes"\n'
    )
    parsed = parse_mapping(tomllib.loads(result.output))
    assert {r.field for r in parsed.rules} >= {"name", "organization", "status"}


def test_suggest_mapping_needs_no_path_and_refuses_both() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Give PATH to validate, or --suggest-mapping FILE.csv." in result.output
    result = runner.invoke(main, ["validate", str(EXPORT), "--suggest-mapping", str(EXPORT)])
    assert result.exit_code == 2


def _ilao_mapping(services: Path, tmp_path: Path) -> Path:
    """Write a mapping for ILAO's services.csv after checking its header holds the columns."""
    with CsvFile(services) as csv_file:
        titles = set(csv_file.raw_columns)
    used = {
        "Services-ID", "Title", "Organization ID", "Location ID", "Is this service open?",
        "Phone number", "Hours of operation", "Geolocation", "Income eligibility and fees",
        "Flat fee description", "Sliding scale fees description", "Application process",
        "An individual must be one of these to qualify", "Amenities offered", "Service type",
        "Website address",
    }  # fmt: skip
    assert used <= titles, used - titles
    mapping = tmp_path / "ilao.toml"
    mapping.write_text(
        """
[fields]
id = "Services-ID"
service_id = "Services-ID"
name = "Title"
organization = "Organization ID"   # services.csv has no organization names
organization_id = "Organization ID"
location_id = "Location ID"
status = { column = "Is this service open?", yesno = { yes = "active", no = "inactive" } }
phones = "Phone number"
hours = "Hours of operation"
latitude = { column = "Geolocation", latlon = true }
longitude = { column = "Geolocation", latlon = true }
fees = { join = ["Income eligibility and fees", "Flat fee description",
                 "Sliding scale fees description"] }
eligibility = "An individual must be one of these to qualify"
application_process = "Application process"
accessibility = { column = "Amenities offered", split = "\\n" }
description = "Service type"
website = "Website address"
""",
        "utf-8",
    )
    return mapping


def test_the_real_ilao_raw_export_loads_with_every_row_accounted_for(
    datasets: Path, tmp_path: Path
) -> None:
    services = datasets / "ilao-raw-export" / "services.csv"
    mapping = _ilao_mapping(services, tmp_path)
    with services.open(newline="", encoding="utf-8-sig") as f:
        rows = sum(1 for row in csv.reader(f) if any(c.strip() for c in row)) - 1
    report = import_directory(services, tmp_path / "index", mapping=mapping)
    assert report.total_rows == rows
    assert report.imported + report.rejected_rows == rows
    assert report.imported > 0.9 * rows and report.index_updated
    # Problems name the export's own column titles, on the spreadsheet's line numbers.
    assert report.rejected and all(p.line and p.line > 1 for p in report.rejected)
    assert {p.column for p in report.rejected} <= {"Phone number", "Website address", "Title"}
    from referral_match import Directory

    with Directory.open(tmp_path / "index") as directory:
        placed = [r for r in directory.resources() if r.geocoded_from == "given"]
    assert placed
    for r in placed:  # Illinois and its neighbours: the "lat, lon" text was read right
        assert r.latitude is not None and r.longitude is not None
        assert 36.9 < r.latitude < 42.6 and -92 < r.longitude < -85, r


@pytest.mark.datasets
def test_ilao_ids_come_from_its_service_and_location_ids(datasets: Path, tmp_path: Path) -> None:
    # Without an id column, each row's id is made from the ids it gives, not its name
    # and organization (which 88 rows share with another).
    services = datasets / "ilao-raw-export" / "services.csv"
    mapping = tmp_path / "ilao.toml"
    text = _ilao_mapping(services, tmp_path).read_text("utf-8")
    mapping.write_text(text.replace('id = "Services-ID"\n', "", 1), "utf-8")
    report = import_directory(services, tmp_path / "index", mapping=mapping, dry_run=True)
    assert report.imported >= 420, report.rejected[:3]
    assert not [p for p in report.rejected if "is already used" in p.message]


def test_a_mapping_joins_the_other_files_of_an_export_by_key(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text(
        "Service,Title,Org\nS1,Eviction Defense,O1\nS2,Food Pantry,O9\n", "utf-8"
    )
    (tmp_path / "orgs.csv").write_text(
        "Org ID,Name,Site\nO1,Legal Aid (fictional),la.org\n", "utf-8"
    )
    mapping = tmp_path / "export.toml"
    mapping.write_text(
        """
[join.orgs]
file = "orgs.csv"
key = "Org ID"
on = "Org"
[fields]
service_id = "Service"
name = "Title"
organization = "orgs.Name"
website = "orgs.Site"
""",
        "utf-8",
    )
    report = ImportReport()
    found = {
        r.service_id: r for r in read_source(tmp_path / "services.csv", report, mapping=mapping)
    }
    assert found["S1"].organization == "Legal Aid (fictional)"
    assert found["S1"].website == "https://la.org"
    # A key with no row warns at its line; the service is kept.
    assert found["S2"].organization == "Organization not listed"
    (warning,) = [p for p in report.warnings if p.column == "Org"]
    assert (warning.file, warning.line, warning.value) == ("services.csv", 3, "O9")
    assert '"O9" is not a Org ID in orgs.csv' in warning.message


@pytest.mark.parametrize(
    ("join", "message"),
    [
        ('file = "nowhere.csv"\nkey = "Org ID"\non = "Org"', "which is not beside the export"),
        ('file = "orgs.csv"\nkey = "Missing"\non = "Org"', 'reads column "Missing" of orgs.csv'),
        ('file = "../orgs.csv"\nkey = "Org ID"\non = "Org"', "must be the name of a CSV file"),
    ],
)
def test_a_broken_join_is_refused_with_the_reason(tmp_path: Path, join: str, message: str) -> None:
    (tmp_path / "services.csv").write_text("Title,Org\nPantry,O1\n", "utf-8")
    (tmp_path / "orgs.csv").write_text("Org ID,Name\nO1,Org (fictional)\n", "utf-8")
    mapping = tmp_path / "export.toml"
    mapping.write_text(
        f'[join.orgs]\n{join}\n[fields]\nname = "Title"\norganization = "orgs.Name"\n'
    )
    report = ImportReport()
    try:
        list(read_source(tmp_path / "services.csv", report, mapping=mapping))
    except MappingError as exc:
        assert message in str(exc)
    else:
        assert any(message in p.message for p in report.rejected), report.rejected


@pytest.mark.datasets
def test_the_ilao_raw_export_joins_its_organizations(datasets: Path, tmp_path: Path) -> None:
    services = datasets / "ilao-raw-export" / "services.csv"
    mapping = tmp_path / "ilao.toml"
    text = _ilao_mapping(services, tmp_path).read_text("utf-8")
    text = text.replace(
        'organization = "Organization ID"   # services.csv has no organization names',
        'organization = "organizations.Title"',
    )
    joins = (
        '[join.organizations]\nfile = "organizations.csv"\n'
        'key = "Organization ID"\non = "Organization ID"\n'
    )
    mapping.write_text(joins + text, "utf-8")
    report = ImportReport()
    resources = list(read_source(services, report, mapping=mapping))
    assert len(resources) >= 420
    named = [r for r in resources if r.organization != "Organization not listed"]
    assert named and all(not r.organization.isdigit() for r in named)


def test_a_template_writes_text_around_values_and_depends_on_other_columns(
    tmp_path: Path,
) -> None:
    (tmp_path / "services.csv").write_text(
        "Id,Title,Statewide,Limited to,Counties,Zips,Fees,Percent,Loc\n"
        'S1,Eviction Help,No,Counties,"Cook\n\n    La Salle",60601,Free to eligible,200%,L1\n'
        "S2,Senior Law,Yes,,,,Free to everyone,150%,L2\n"
        'S3,Clinic,No,Zip codes,Cook,"60608\n\n    60623",Free to eligible,80%,L2\n'
        "S4,Nowhere,No,Counties,none,,,,\n",
        "utf-8",
    )
    (tmp_path / "locations.csv").write_text(
        "Loc ID,Standard\nL1,Federal  Poverty Level\nL2,Area median income\n", "utf-8"
    )
    mapping = parse_mapping(
        tomllib.loads(
            """
[join.loc]
file = "locations.csv"
key = "Loc ID"
on = "Loc"
[fields]
service_id = "Id"
name = "Title"
organization = { default = "Legal Aid (fictional)" }
[fields.service_area]
split = "\\n\\n    "
value_map = { "La Salle" = "LaSalle", "none" = "" }
default = "national"
template = [
    { text = "IL", when = { "Statewide" = "yes" } },
    { text = "{Counties} County, IL", when = { "Limited to" = "Counties" } },
    { text = "{Zips}", when = { "Limited to" = ["Zip codes", "ZIP"] } },
]
[fields.eligibility]
[[fields.eligibility.template]]
text = "Income up to {Percent} of the {loc.Standard}"
when = { "Fees" = "Free to eligible" }
[[fields.eligibility.template]]
text = "{{{Title}}}"
[fields.income_limit_fpl]
template = [{ text = "{Percent}", when = { "loc.Standard" = "federal poverty level" } }]
"""
        ),
        name="m.toml",
    )
    report = ImportReport()
    found = {
        r.service_id: r for r in read_source(tmp_path / "services.csv", report, mapping=mapping)
    }
    assert not report.rejected, report.rejected
    # One text per item, each value through value_map; a `when` picks the list that counts.
    assert found["S1"].service_area.counties == ("cook|IL", "lasalle|IL")
    assert found["S1"].service_area.zips == ()
    assert found["S2"].service_area.states == ("IL",)
    assert found["S3"].service_area.zips == ("60608", "60623")
    assert found["S3"].service_area.counties == ()
    assert found["S4"].service_area.national  # "none" maps to "": no text, so the default
    # Fixed words around the values of two files; a text naming an empty value is left out;
    # a `when` compares without case or extra spaces; {{ and }} are braces.
    assert found["S1"].eligibility.text == (
        "Income up to 200% of the Federal Poverty Level; {Eviction Help}"
    )
    assert found["S1"].eligibility.income_limit_fpl == 200
    assert found["S2"].eligibility.text == "{Senior Law}"
    assert found["S3"].eligibility.text == "Income up to 80% of the Area median income; {Clinic}"
    assert found["S3"].eligibility.income_limit_fpl is None


def test_a_template_naming_a_missing_column_refuses_the_file(tmp_path: Path) -> None:
    mapping = parse_mapping(
        {
            "fields": {
                "name": "Program Title",
                "organization": "Agency",
                "fees": {"template": "{Fe}"},
            }
        }
    )
    report = import_directory(EXPORT, "unused", dry_run=True, mapping=mapping)
    assert report.total_rows == 0
    assert [(p.column, p.message) for p in report.rejected] == [
        (
            "Fe",
            'mapping maps fees from column "Fe", which is not in the header. Did you mean '
            '"Fee"? Fix the title in the mapping file.',
        )
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"column": "A", "template": "{A}"},
            "give one of column, join or template, not column and template.",
        ),
        ({"template": "{A}", "yesno": {"yes": "x"}}, "template cannot be combined with"),
        ({"template": []}, "template must not be empty"),
        ({"template": 3}, "template must be a text in quotes"),
        ({"template": "{A} }"}, "has a } alone: write }} for a brace."),
        ({"template": "a { b"}, "has a { alone: write {{ for a brace."),
        ({"template": "a {  } b"}, "has an empty {}: name a column, like {Counties}."),
        ({"template": [{"txt": "A"}]}, "a template table takes text and when"),
        ({"template": [{"text": "A", "when": "B"}]}, "when must be a table of column = value"),
        ({"template": [{"text": "A", "when": {"B": []}}]}, "when must be a table of column"),
    ],
)
def test_template_errors_name_the_field(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(MappingError) as caught:
        parse_mapping({"fields": {"name": "N", "organization": "O", "fees": spec}}, name="m")
    assert caught.value.key == "fields.fees"
    assert caught.value.message.startswith("m: fields.fees: ")
    assert message in caught.value.message
