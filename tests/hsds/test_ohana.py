"""Reading Ohana API CSV exports: services under locations, comma-separated lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_match import import_directory
from referral_match.hsds.ohana import read_ohana
from referral_match.model import Cost, Resource, Status
from referral_match.report import ImportReport
from referral_match.taxonomy import default_taxonomy

OHANA = Path(__file__).resolve().parents[1] / "data" / "hsds" / "ohana"


def read(folder: Path) -> tuple[dict[str, Resource], ImportReport]:
    report = ImportReport()
    resources = {r.id: r for _, _, r in read_ohana(folder, report, default_taxonomy())}
    return resources, report


@pytest.fixture(scope="module")
def ohana() -> tuple[dict[str, Resource], ImportReport]:
    return read(OHANA)


def where(problems: list) -> set[tuple[str, int | None, str | None, str | None]]:
    return {(p.file, p.line, p.column, p.value) for p in problems}


def test_a_service_takes_its_location_and_organization(ohana) -> None:
    resources, _ = ohana
    pantry = resources["1"]
    assert (pantry.service_id, pantry.location_id, pantry.organization_id) == ("1", "1", "1")
    assert pantry.organization == "Redwood Family Services (fictional)"
    assert pantry.address is not None
    assert pantry.address.one_line() == "2600 Middlefield Road, Redwood City, CA 94063"
    assert (pantry.latitude, pantry.longitude) == (37.477227, -122.213221)
    assert pantry.phones == ("(650) 780-7525",)  # the fax is left out
    assert pantry.hours is not None and pantry.hours.to_text() == "Mon, Wed 09:00-17:00"
    # Comma-separated lists: the location's languages and accessibility, the service's
    # keywords, documents, areas (cities without a state take the address's) and codes.
    assert pantry.languages == ("es", "tl")
    assert pantry.accessibility == ("disabled parking", "ramp")
    assert pantry.keywords == ("groceries", "food bank")
    assert pantry.required_documents == ("Photo ID", "Proof of address")
    assert pantry.service_area.cities == ("redwood city|CA",)
    assert pantry.service_area.counties == ("san mateo|CA",)
    assert pantry.categories == ("102", "102-04")
    assert pantry.eligibility.text == "Residents of San Mateo County\nFamilies with children"
    assert pantry.cost is Cost.FREE and pantry.fees == "None."
    assert pantry.email == "info@rfs.example.org"
    assert pantry.website == "http://rfs.example.org"
    assert pantry.status is Status.ACTIVE


def test_a_virtual_location_gives_a_resource_without_address(ohana) -> None:
    resources, report = ohana
    online = resources["2"]
    assert online.address is None and online.latitude is None
    assert online.phones == ("(650) 403-4300 ext. 12",)
    assert online.languages == ("en", "ko")  # the service's own list
    assert online.service_area.states == ("CA",)
    assert online.cost is Cost.FEE
    # "Credit Counseling" is 107-05-01 in Open Eligibility, another need in ours.
    assert online.categories == ("107-05",)
    assert online.keywords == ("taxes", "Credit Counseling", "999-99")
    assert online.hours is not None
    assert online.hours.to_text() == "Fri 10:00-16:00; Sat 09:00-03:00"
    assert ("regular_schedules.csv", 5, "closes_at", "03:00") in where(report.warnings)


def test_every_service_row_is_imported_or_rejected(ohana) -> None:
    resources, report = ohana
    assert report.total_rows == 6
    assert len(resources) + report.rejected_rows == report.total_rows
    assert where(report.rejected) == {
        ("services.csv", 6, "location_id", "9"),
        ("services.csv", 7, "name", ""),
    }
    messages = {p.line: p.message for p in report.rejected}
    assert (
        messages[6] == '"9" is not an id in locations.csv: add it there, or correct location_id.'
    )


def test_a_missing_organization_or_bad_coordinates_keep_the_service(ohana) -> None:
    resources, report = ohana
    by_location = {r.location_id: r for r in resources.values()}
    nameless, far = by_location["3"], by_location["4"]
    # The organization has no name: the service is still one a client can call.
    assert nameless.organization == "Organization not listed"
    assert nameless.latitude == 37.5
    # Latitude 137.5 is a typo: the location is kept without coordinates.
    assert far.latitude is None and far.longitude is None
    messages = {(p.file, p.line, p.column): p.message for p in report.warnings}
    assert (
        "organization 2 (organizations.csv line 3) has no name"
        in messages[("locations.csv", 4, "organization_id")]
    )
    assert (
        'imported under "Organization not listed"'
        in messages[("locations.csv", 4, "organization_id")]
    )
    latitude = messages[("locations.csv", 5, "latitude")]
    assert "137.5 is not between -90 and 90" in latitude
    assert "imported without coordinates and is placed by its address" in latitude


def test_rows_of_other_files_are_joined_or_reported(ohana) -> None:
    _, report = ohana
    found = where(report.warnings)
    assert {
        ("addresses.csv", 3, "location_id", "99"),
        ("phones.csv", 5, "location_id", "77"),
        ("locations.csv", 4, "organization_id", "2"),
        ("locations.csv", 5, "latitude", "137.5"),
        ("services.csv", 3, "taxonomy_ids", "999-99"),
    } <= found
    summaries = {(p.file, p.column): p.message for p in report.warnings if p.line is None}
    assert "fax numbers on line 3" in summaries[("phones.csv", "number_type")]
    assert "named contacts on line 6" in summaries[("phones.csv", "contact_id")]
    assert "holiday hours on line 2" in summaries[("holiday_schedules.csv", None)]
    assert "locations on line 6 were not imported" in summaries[("locations.csv", "id")]
    assert "contacts.csv was not read" in summaries[("contacts.csv", None)]


def test_import_detects_and_indexes_an_ohana_folder(tmp_path: Path) -> None:
    report = import_directory(OHANA, tmp_path / "index")
    assert report.index_updated
    assert (report.total_rows, report.imported, report.rejected_rows) == (6, 4, 2)


@pytest.mark.datasets
def test_the_ohana_sample_imports_every_service(datasets: Path) -> None:
    resources, report = read(datasets / "ohana-sample-csv")
    assert (report.total_rows, len(resources), report.rejected_rows) == (23, 23, 0)
    passports = resources["22"]
    assert passports.categories == ("105", "108", "108-05", "108-05-01", "111", "111-05")
    assert passports.hours is not None
    assert passports.hours.to_text() == "Mon 08:00-12:00, 14:00-16:00; Wed 10:00-15:00"
    assert resources["20"].status is Status.DEFUNCT
    assert resources["1"].languages == ("es", "tl")
    # Its real defects: a morning opening that "closes" at 3 am, faxes, contacts' phones.
    found = where(report.warnings)
    assert ("regular_schedules.csv", 12, "closes_at", "03:00") in found
    summaries = {(p.file, p.column) for p in report.warnings if p.line is None}
    assert {("phones.csv", "number_type"), ("phones.csv", "contact_id")} <= summaries
