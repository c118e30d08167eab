"""Reading Open Referral HSDS packages: joined into resources, every row accounted for."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from referral_match import Directory, SourceError, import_directory
from referral_match.cli import main
from referral_match.hsds.read import cost_from_text, hsds_time, read_hsds, weekday
from referral_match.importer import detect_format, read_source
from referral_match.model import Cost, Resource, Status
from referral_match.report import ImportReport
from referral_match.taxonomy import default_taxonomy

HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"


def read(folder: Path) -> tuple[dict[str, Resource], ImportReport, list[tuple[str, int]]]:
    report = ImportReport()
    rows = list(read_hsds(folder, report, default_taxonomy()))
    return {r.id: r for _, _, r in rows}, report, [(f, n) for f, n, _ in rows]


@pytest.fixture(scope="module")
def v3() -> tuple[dict[str, Resource], ImportReport, list[tuple[str, int]]]:
    return read(HSDS / "v3")


@pytest.fixture(scope="module")
def v11() -> tuple[dict[str, Resource], ImportReport, list[tuple[str, int]]]:
    return read(HSDS / "v11")


def where(problems: list) -> set[tuple[str, int | None, str | None, str | None]]:
    return {(p.file, p.line, p.column, p.value) for p in problems}


def test_a_service_at_a_location_joins_every_table(v3) -> None:
    resources, _, _ = v3
    pantry = resources["sal-1"]
    assert (pantry.service_id, pantry.organization_id, pantry.location_id) == ("s-1", "o-1", "l-1")
    assert pantry.name == "Food Pantry"
    assert pantry.organization == "Peninsula Helping Hands (fictional)"
    assert pantry.address is not None
    assert pantry.address.one_line() == "2600 Middlefield Rd, Redwood City, CA 94063"
    assert (pantry.latitude, pantry.longitude, pantry.geocoded_from) == (
        37.4815,
        -122.2091,
        "given",
    )
    # Its own phone first, then the location's; the fax is left out.
    assert pantry.phones == ("(650) 555-0100", "(650) 555-0150")
    assert pantry.hours is not None
    assert pantry.hours.to_text() == "Mon-Wed 09:00-17:00; Sat 10:00-14:00"
    assert pantry.languages == ("en", "es")
    assert pantry.cost is Cost.FREE  # a cost option of amount 0
    assert pantry.service_area.zips == ("94063",)
    assert pantry.required_documents == ("Photo ID",)
    assert pantry.accessibility == ("wheelchair accessible",)
    assert pantry.eligibility.text == "San Mateo County residents"
    assert pantry.email == "pantry@phh.example.org"
    assert pantry.website == "https://phh.example.org/pantry"
    assert str(pantry.last_verified) == "2026-01-15"
    assert pantry.status is Status.ACTIVE


def test_the_same_service_elsewhere_takes_that_places_address_and_text(v3) -> None:
    resources, _, _ = v3
    annex = resources["sal-2"]
    assert annex.service_id == "s-1" and annex.location_id == "l-2"
    # "California" is read as CA; the postal address is not the place.
    assert annex.address is not None
    assert annex.address.one_line() == "24 Second Ave, Suite 5, San Mateo, CA 94401"
    assert annex.description.endswith("Annex pantry opens on Saturdays only.")
    # A monthly rule by weekday (freq MONTHLY, byday 1SA) is read, its text kept too.
    assert annex.hours is not None and annex.hours.to_text() == "1st Sat 10:00-12:00"
    assert annex.hours_text == "First Saturday of the month 10-12"


def test_ages_fees_and_location_hours(v3) -> None:
    resources, _, _ = v3
    rent = resources["sal-3"]
    assert (rent.eligibility.min_age, rent.eligibility.max_age) == (18, 64)
    assert rent.cost is Cost.SLIDING_SCALE and rent.fees == "Sliding scale by income"
    assert rent.categories == ("103-03-01",)  # "Rent Assistance", by name
    # A service area we cannot place stays readable in the eligibility text.
    assert rent.service_area.is_empty()
    assert rent.eligibility.text.endswith("Service area: Atlantis")
    assert rent.email == "help@phh.example.org"  # the organization's
    # A language row naming a location that does not exist is the service's everywhere.
    assert rent.languages == ("fr",)


def test_a_service_without_location_is_a_resource_of_its_own(v3) -> None:
    resources, _, _ = v3
    hotline = resources["s-3"]
    assert hotline.location_id == "" and hotline.address is None
    assert hotline.phones == ("(650) 555-0199 ext. 12",)
    assert hotline.hours is not None and hotline.hours.is_always_open
    assert hotline.hours_text == "Open around the clock"
    assert hotline.languages == ("zh",)
    assert hotline.service_area.counties == ("san mateo|CA",)
    assert hotline.cost is Cost.FEE and hotline.fees == "Consultation: 25 USD, per call"
    assert hotline.website == "https://bayside.example.org"
    assert hotline.keywords == ("Underwater Basket Weaving",)


def test_taxonomy_terms_map_to_our_codes(v3) -> None:
    resources, report, _ = v3
    pantry = resources["sal-1"]
    # 102-04 is ours; 102-06-02 is "Food Benefits" in Open Eligibility but another need in
    # ours: filed under the parent, and its name kept as a keyword.
    assert pantry.categories == ("102-04", "102-06")
    assert pantry.keywords == ("Food Benefits",)
    assert ("taxonomy_terms.csv", 5, "code", "102-06-02") in where(report.warnings)
    unknown = [p for p in report.warnings if p.value == "Underwater Basket Weaving"]
    assert unknown and "kept as a keyword" in unknown[0].message


def test_every_resource_row_is_imported_or_rejected(v3) -> None:
    resources, report, yielded = v3
    assert report.total_rows == 11
    assert len(resources) == 8
    assert report.rejected_rows == 3
    assert len(resources) + report.rejected_rows == report.total_rows
    rejected = {(p.file, p.line) for p in report.rejected}
    assert not rejected & set(yielded)
    # Every service_at_location row that links a service to a place, and every service no
    # such row places, is one of them; the two links to nothing are warned about instead.
    sal_lines = {("service_at_location.csv", n) for n in (2, 3, 4, 5, 6, 9)}
    assert sal_lines <= rejected | set(yielded)
    lone = {("services.csv", n) for n in (4, 5, 7, 8, 9)}
    assert lone <= rejected | set(yielded)
    warned = {(p.file, p.line) for p in report.warnings}
    assert {("service_at_location.csv", 7), ("service_at_location.csv", 8)} <= warned


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "message"),
    [
        ("service_at_location.csv", 5, "service_id", "s-5", "minimum_age 70 is above"),
        ("services.csv", 8, "status", "open-ish", "use active, inactive"),
        ("services.csv", 9, "id", "s-1", 'id "s-1" is already used on line 2'),
    ],
)
def test_rejections_say_where_and_how_to_fix(v3, file, line, column, value, message) -> None:
    _, report, _ = v3
    found = [p for p in report.rejected if (p.file, p.line) == (file, line)]
    assert [(p.column, p.value) for p in found] == [(column, value)]
    assert message in found[0].message


def test_the_row_that_caused_a_rejection_is_named_at_its_own_line(v3) -> None:
    _, report, _ = v3
    by_place = {(p.file, p.line, p.column): p for p in report.warnings}
    ages = by_place[("services.csv", 6, "maximum_age")]
    assert ages.value == "18"
    assert ages.message.endswith(
        "Because of this, these resource rows were rejected: service_at_location.csv line 5."
    )


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "message"),
    [
        (
            "locations.csv",
            4,
            "latitude",
            "100",
            "100 is not between -90 and 90. Write decimal degrees (like 37.4815 and "
            "-122.2091), or leave both blank to place the location by its ZIP code. The "
            "location was imported without coordinates and is placed by its address.",
        ),
        (
            "service_at_location.csv",
            7,
            "service_id",
            "s-99",
            'the row names service "s-99", which is not in services.csv, so it links nothing '
            "a client can use and was left out. Fill in service_id with an id from "
            "services.csv.",
        ),
        (
            "service_at_location.csv",
            8,
            "location_id",
            "",
            "no location is named, so this row places service s-2 nowhere; the service is "
            "imported at its other locations. Fill in location_id with an id from "
            "locations.csv.",
        ),
        (
            "service_at_location.csv",
            9,
            "service_id",
            "s-1,s-2",
            "the cell names 2 ids; the row was read once for each of them. Give each id its "
            "own row, with one id in service_id.",
        ),
        (
            "services.csv",
            5,
            "organization_id",
            "o-9",
            '"o-9" is not an id in organizations.csv: add the organization there, or correct '
            'organization_id. The service was imported under "Organization not listed".',
        ),
        (
            "services.csv",
            7,
            "organization_id",
            "o-3",
            "organization o-3 (organizations.csv line 4) has no name: fill in its name. The "
            'service was imported under "Organization not listed".',
        ),
    ],
)
def test_what_a_client_can_still_use_is_kept_with_a_warning(
    v3, file, line, column, value, message
) -> None:
    resources, report, _ = v3
    assert not [p for p in report.rejected if (p.file, p.line) == (file, line)]
    found = [p for p in report.warnings if (p.file, p.line, p.column) == (file, line, column)]
    assert [(p.value, p.message) for p in found][:1] == [(value, message)]


def test_kept_rows_load_as_a_client_would_need_them(v3) -> None:
    resources, _, _ = v3
    # Latitude 100: the site is kept, without coordinates (placed by its address at import).
    assert resources["sal-5"].latitude is None and resources["sal-5"].name == "Food Pantry"
    assert resources["s-4"].organization == "Organization not listed"
    assert resources["s-4"].organization_id == "o-9"
    assert resources["s-6"].organization == "Organization not listed"
    # "s-1,s-2" at l-2: s-1 is already there (sal-2), s-2 is a new site of its own.
    at_annex = sorted(r.service_id for r in resources.values() if r.location_id == "l-2")
    assert at_annex == ["s-1", "s-2"]


@pytest.mark.parametrize(
    ("file", "line", "column", "value"),
    [
        ("addresses.csv", 5, "location_id", "l-77"),
        ("phones.csv", 6, "service_id", "s-404"),
        ("phones.csv", 7, "number", "555-01"),
        ("service_areas.csv", 5, "service_id", "s-404"),
        ("service_areas.csv", 4, "name", "Atlantis"),
        ("attributes.csv", 6, "link_id", "nope"),
        ("schedules.csv", 7, "opens_at", "25:00"),
        ("schedules.csv", 7, "closes_at", "26:00"),
        ("languages.csv", 5, "name", "Xyzzy"),
        ("languages.csv", 7, "location_id", "l-404"),
    ],
)
def test_rows_left_out_are_warned_about_at_their_line(v3, file, line, column, value) -> None:
    _, report, _ = v3
    assert (file, line, column, value) in where(report.warnings)


def test_rows_left_out_on_purpose_are_summed_up_per_file(v3) -> None:
    _, report, _ = v3
    summaries = {(p.file, p.column): p.message for p in report.warnings if p.line is None}
    assert "fax numbers on line 5" in summaries[("phones.csv", "type")]
    assert "postal addresses on line 4" in summaries[("addresses.csv", "address_type")]
    assert "locations on line 5 were not imported" in summaries[("locations.csv", "id")]
    assert "not in organizations.csv" in summaries[("locations.csv", "organization_id")]
    assert "contacts.csv was not read" in summaries[("contacts.csv", None)]


def test_hsds_1_1_file_names_and_columns(v11) -> None:
    resources, report, _ = v11
    assert report.total_rows == 3 and len(resources) == 3 and not report.rejected
    shelter = resources["sl-a"]
    assert shelter.categories == ("101-04",)  # services_taxonomy -> taxonomy.csv by name
    assert shelter.eligibility.genders == ("female",)  # eligibility.csv
    assert shelter.languages == ("en", "es")  # language names
    # regular_schedules weekday 1 is Monday and 7 Sunday; 18:00-08:00 runs overnight.
    assert shelter.hours is not None and shelter.hours.to_text() == "Mon, Sun 18:00-08:00"
    assert shelter.address is not None and shelter.address.street == "100 Harbor Blvd"
    assert shelter.cost is Cost.FREE and shelter.fees == "Free"
    vets = resources["sl-b"]
    assert vets.eligibility.populations == ("veterans",)
    assert vets.eligibility.text == "adult"
    assert vets.hours is not None and vets.hours.to_text() == "Tue 09:00-16:00"
    assert vets.accessibility == ("wheelchair", "disabled parking")
    assert vets.address is not None and vets.address.postal_code == "94019"
    assert vets.service_area.cities == ("half moon bay|CA",)
    assert vets.phones == ("(650) 555-0122",)  # the organization's, as it has no other
    crisis = resources["svc-c"]
    assert crisis.status is Status.INACTIVE
    assert crisis.phones == ("988",)
    assert crisis.service_area.national
    assert crisis.categories == ("101-07",) and crisis.keywords == ("Not A Code",)
    assert {
        ("eligibility.csv", 5, "service_id", "svc-zz"),
        ("services_taxonomy.csv", 4, "taxonomy_id", "tx-9"),
        ("regular_schedules.csv", 5, "closes_at", "noonish"),
        ("regular_schedules.csv", 6, "weekday", "Funday"),
        ("services.csv", 4, "taxonomy_ids", "Not A Code"),
    } <= where(report.warnings)


def test_a_zip_of_the_package_reads_like_the_folder(tmp_path: Path, v3) -> None:
    resources, report, _ = v3
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((HSDS / "v3").iterdir()):
            zf.write(path, f"export-2026/{path.name}")  # inside one folder, as people zip
    zipped, zipped_report, _ = read(archive)
    assert {k: r.to_dict() for k, r in zipped.items()} == {
        k: r.to_dict() for k, r in resources.items()
    }
    assert zipped_report.rejected == report.rejected
    assert detect_format(archive) == "hsds"
    with pytest.raises(SourceError, match="is a zip file: the flat format is one CSV file"):
        list(read_source(archive, ImportReport(), format="flat"))


def test_validate_reports_a_package_as_json() -> None:
    result = CliRunner().invoke(main, ["validate", "--json", str(HSDS / "v3")])
    assert result.exit_code == 1  # rows were rejected
    data = json.loads(result.output)
    assert (data["total_rows"], data["imported"]) == (11, 8)
    assert {"file": "locations.csv", "line": 4, "column": "latitude", "value": "100"}.items() <= (
        next(w for w in data["warnings"] if w["column"] == "latitude").items()
    )


@pytest.mark.parametrize(
    ("folder", "expected"), [("v3", "hsds"), ("v11", "hsds"), ("ohana", "ohana")]
)
def test_auto_tells_the_formats_apart(folder: str, expected: str) -> None:
    assert detect_format(HSDS / folder) == expected


def test_a_folder_without_services_is_refused(tmp_path: Path) -> None:
    (tmp_path / "organizations.csv").write_text("id,name\n1,Org\n")
    with pytest.raises(SourceError, match="holds no services.csv"):
        detect_format(tmp_path)
    with pytest.raises(SourceError, match="has no services.csv"):
        list(read_hsds(tmp_path, ImportReport(), default_taxonomy()))


def test_an_unreadable_datapackage_json_is_reported(tmp_path: Path) -> None:
    shutil.copytree(HSDS / "v11", tmp_path / "pkg")
    (tmp_path / "pkg" / "datapackage.json").write_text("../../datapackage.json")
    _, report, _ = read(tmp_path / "pkg")
    assert ("datapackage.json", None, None, None) in where(report.warnings)


def test_import_builds_a_searchable_directory(tmp_path: Path) -> None:
    report = import_directory(HSDS / "v3", tmp_path / "index")
    assert report.index_updated
    assert (report.total_rows, report.imported, report.rejected_rows) == (11, 8, 3)
    with Directory.open(tmp_path / "index") as directory:
        annex = directory.get("sal-2")
        # No coordinates in the package: placed at its ZIP code, like flat rows.
        assert annex is not None and annex.geocoded_from == "zip" and annex.county == "San Mateo"
        found = directory.search("food pantry", near="94063", radius_miles=10)
        assert "sal-1" in [r.resource.id for r in found.results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00:00", "09:00"),
        ("0930", "09:30"),
        ("9:00", "09:00"),
        ("9am", "09:00"),
        ("4:00 PM", "16:00"),
        ("12 pm", "12:00"),
        ("17:30Z", "17:30"),
        ("09:00-05:00", "09:00"),
        ("24:00", "24:00"),
    ],
)
def test_times_as_packages_write_them(text: str, expected: str) -> None:
    assert hsds_time(text) == expected


@pytest.mark.parametrize("text", ["noon-ish", "25:00", "13pm", ""])
def test_times_that_are_not(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        hsds_time(text)


@pytest.mark.parametrize(
    ("text", "day"), [("1", 0), ("7", 6), ("Monday", 0), ("sun", 6), ("TH", 3), ("Tues", 1)]
)
def test_weekdays(text: str, day: int) -> None:
    assert weekday(text) == day


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("Free to everyone", Cost.FREE),
        ("None. Donations requested of clients who can afford it.", Cost.FREE),
        ("Sliding scale based on income", Cost.SLIDING_SCALE),
        ("Flat fee regardless of income", Cost.FEE),
        ("$60 application fee.", Cost.FEE),
        ("Vary according to income ($5-$90).", Cost.SLIDING_SCALE),
        ("$2.50 suggested donation for lunch", Cost.UNKNOWN),
        ("None, except for permits and photocopying", Cost.UNKNOWN),
        ("Varies", Cost.UNKNOWN),
    ],
)
def test_fee_text_is_classified_only_when_it_says(text: str, cost: Cost) -> None:
    assert cost_from_text(text) is cost


# The real packages in $REFERRAL_MATCH_DATASETS ------------------------------------------------


@pytest.mark.datasets
@pytest.mark.parametrize(
    ("package", "total", "imported"),
    [("hsds-3.0-example", 1, 1), ("hsds-1.1-sample", 13, 13), ("ilao-hsds-1.1", 429, 429)],
)
def test_real_packages_account_for_every_resource_row(
    datasets: Path, package: str, total: int, imported: int
) -> None:
    folder = datasets / package
    resources, report, yielded = read(folder)
    assert (report.total_rows, len(yielded)) == (total, imported)
    assert len(yielded) + report.rejected_rows == report.total_rows
    # Each row of the service_at_location file is imported, rejected or (a link to
    # nothing, a repeat) warned about at its own line.
    sal = next(p for p in folder.iterdir() if "at_location" in p.name)
    lines = set(range(2, 2 + sum(1 for _ in _csv_rows(sal))))
    accounted = {n for f, n in yielded if f == sal.name}
    accounted |= {p.line for p in report.rejected + report.warnings if p.file == sal.name}
    assert lines == accounted


def _csv_rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))[1:]


@pytest.mark.datasets
def test_the_official_3_0_example_has_an_impossible_location(datasets: Path) -> None:
    resources, report, _ = read(datasets / "hsds-3.0-example")
    assert report.rejected == []
    # Its one location is at latitude 100: the service is kept there, without coordinates.
    (resource,) = resources.values()
    assert resource.location_id == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    assert resource.latitude is None
    found = where(report.warnings)
    assert ("locations.csv", 2, "latitude", "100") in found
    # datapackage.json is a link that was not followed, and an attribute links to nothing.
    assert ("datapackage.json", None, None, None) in found
    assert ("attributes.csv", 2, "link_id", "f28dd44b-0c4d-479f-8e90-4c52219a8b3c") in found


@pytest.mark.datasets
def test_the_1_1_sample_joins_and_names_its_bad_numbers(datasets: Path) -> None:
    resources, report, _ = read(datasets / "hsds-1.1-sample")
    helpline = resources["d254626c-6858-46ad-850a-6e1c53ea463a"]
    assert helpline.name == "Never Homeless Helpline"
    assert helpline.address is not None and helpline.address.postal_code == "10001"
    assert helpline.hours is not None and helpline.hours.to_text() == "Mon-Wed 09:00-17:00"
    assert helpline.languages == ("en", "es")
    assert helpline.accessibility == ("disabled parking",)
    bad_numbers = {p.value for p in report.warnings if p.file == "phones.csv"}
    assert "(223) 346 12361" in bad_numbers
    assert ("service_areas.csv", 2, "service_area", "Sample service area") in where(
        report.warnings
    )


@pytest.mark.datasets
def test_ilao_loads_whole_and_names_what_it_had_to_guess(datasets: Path) -> None:
    resources, report, _ = read(datasets / "ilao-hsds-1.1")
    services = {r.service_id for r in resources.values()}
    assert len(services) >= 400  # of 429
    assert report.rejected == []
    warnings = report.warnings
    missing_org = [p for p in warnings if "is not an id in organizations.csv" in p.message]
    assert len({(p.file, p.line) for p in missing_org}) >= 250
    merged = [p for p in warnings if p.value == "89016,89006"]
    assert merged and "the row was read once for each of them" in merged[0].message
    assert {"89016", "89006"} <= services
    no_service = [
        p for p in warnings if p.file == "service_at_location.csv" and p.column == "service_id"
    ]
    no_service = [p for p in no_service if p.value == ""]
    assert len(no_service) == 185
    # The schedules (7 rows per location, by weekday name) reach the resources.
    assert any(r.hours is not None for r in resources.values())
    assert all(r.organization for r in resources.values())


@pytest.mark.datasets
def test_ilao_imports_into_a_directory_that_lists_every_service(
    datasets: Path, tmp_path: Path
) -> None:
    # No ILAO location has coordinates, so no index segment writes a coordinate column:
    # the points must still line up with the documents (a multi-segment Whoosh reader
    # leaves such segments out of its column).
    report = import_directory(datasets / "ilao-hsds-1.1", tmp_path / "index")
    assert report.imported == 429
    with Directory.open(tmp_path / "index") as directory:
        page = directory.search(limit=500)
        assert page.total == 429
        assert all(r.distance_miles is None for r in page.results)


def test_a_split_link_row_keeps_the_hours_and_phones_linked_to_it(tmp_path: Path) -> None:
    files = {
        "organizations.csv": "id,name\no-1,Helping Hands (fictional)\n",
        "services.csv": "id,organization_id,name\ns-1,o-1,Pantry\ns-2,o-1,Rent Help\n",
        "locations.csv": "id,organization_id,name\nl-1,o-1,Main Office\n",
        "service_at_location.csv": 'id,service_id,location_id\nsal-1,"s-1,s-2",l-1\n',
        "schedules.csv": "id,service_at_location_id,freq,byday,opens_at,closes_at\n"
        "h-1,sal-1,WEEKLY,MO,09:00,17:00\n",
        "phones.csv": "id,service_at_location_id,number\np-1,sal-1,(650) 555-0100\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    resources, report, _ = read(tmp_path)
    assert sorted(r.service_id for r in resources.values()) == ["s-1", "s-2"]
    assert len(set(resources)) == 2  # each has its own id
    for resource in resources.values():
        assert resource.hours is not None and resource.hours.to_text() == "Mon 09:00-17:00"
        assert resource.phones == ("(650) 555-0100",)
    assert not [p for p in report.warnings if "is not an id in service_at_location" in p.message]
