"""HSDS schedules with dates and days of the month: read, exported and read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from referral_match.hsds.export import export_hsds, hsds_service
from referral_match.hsds.json_read import read_hsds_json
from referral_match.importer import read_source
from referral_match.model import Resource
from referral_match.report import ImportReport
from referral_match.schedule import WeeklySchedule
from referral_match.taxonomy import default_taxonomy

HOURS = [
    "15th of the month 09:00-12:00",
    "Mon-Fri 09:00-17:00; 1st & 15th of the month 18:00-20:00",
    "2026-06-01 to 2026-08-31: Tue 13:00-16:00",
    "from 2027-01-04: Mon-Fri 08:00-16:00",
    "Nov 1-Mar 31: Daily 19:00-07:00",
    "Jun 1-Aug 31: Mon-Fri 09:00-17:00",
]


def _resource(number: int, hours: str) -> Resource:
    return Resource(
        id=f"r-{number}",
        service_id=f"svc-{number}",
        organization_id="org-1",
        location_id="",
        name=f"Service {number}",
        organization="Helping Hands (fictional)",
        hours=WeeklySchedule.parse(hours),
        hours_text=hours,
    )


@pytest.fixture()
def resources() -> list[Resource]:
    return [_resource(n, hours) for n, hours in enumerate(HOURS)]


def test_hours_with_dates_and_days_of_the_month_round_trip_through_a_package(
    resources: list[Resource], tmp_path: Path
) -> None:
    export_hsds(resources, tmp_path / "hsds")
    with (tmp_path / "hsds" / "schedules.csv").open(encoding="utf-8") as file:
        written = list(csv.DictReader(file))
    by_service = {row["service_id"]: row for row in written}
    assert any(r["bymonthday"] == "15" and r["byday"] == "" for r in written)
    assert any(r["valid_from"] == "2026-06-01" and r["valid_to"] == "2026-08-31" for r in written)
    report = ImportReport()
    back = {r.id: r for r in read_source(tmp_path / "hsds", report, format="hsds")}
    assert report.rejected == [] and report.warnings == []
    for resource in resources:
        assert back[resource.id].hours == resource.hours, by_service.get(resource.service_id)


def test_and_through_hsds_json(resources: list[Resource], tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    taxonomy = default_taxonomy()
    path.write_text(json.dumps([hsds_service(r, taxonomy=taxonomy) for r in resources]), "utf-8")
    report = ImportReport()
    back = {r.id: r for _, _, r in read_hsds_json(path, report, taxonomy)}
    assert report.rejected == []
    for resource in resources:
        assert back[resource.id].hours == resource.hours


PACKAGE = {
    "organizations.csv": "id,name\no1,Helping Hands (fictional)\n",
    "services.csv": (
        "id,organization_id,name,status\ns1,o1,Pantry,active\ns2,o1,Summer Camp,active\n"
    ),
}


def _package(tmp_path: Path, schedules: str) -> Path:
    folder = tmp_path / "package"
    folder.mkdir()
    for name, text in {**PACKAGE, "schedules.csv": schedules}.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_a_schedule_row_by_day_of_the_month_and_between_dates_is_read(tmp_path: Path) -> None:
    folder = _package(
        tmp_path,
        "id,service_id,freq,byday,bymonthday,opens_at,closes_at,valid_from,valid_to,dtstart,until\n"
        "x1,s1,MONTHLY,,1,09:00,12:00,,,,\n"
        "x2,s1,MONTHLY,,-1,09:00,12:00,,,,\n"
        "x3,s2,WEEKLY,MO,,09:00,15:00,,,2026-06-15,2026-08-21\n",
    )
    report = ImportReport()
    back = {r.name: r for r in read_source(folder, report, format="hsds")}
    assert report.warnings == []
    assert back["Pantry"].hours is not None
    assert back["Pantry"].hours == WeeklySchedule.parse(
        "1st of the month 9am-12pm; last day of the month 9am-12pm"
    )
    assert back["Summer Camp"].hours is not None
    assert back["Summer Camp"].hours.to_text() == "2026-06-15 to 2026-08-21: Mon 09:00-15:00"


def test_rows_for_different_dates_are_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    folder = _package(
        tmp_path,
        "id,service_id,freq,byday,opens_at,closes_at,valid_from,valid_to,description\n"
        "x1,s1,WEEKLY,MO,09:00,17:00,2026-06-01,2026-08-31,\n"
        "x2,s1,WEEKLY,MO,10:00,14:00,2026-09-01,2027-05-31,\n",
    )
    report = ImportReport()
    back = {r.name: r for r in read_source(folder, report, format="hsds")}
    assert back["Pantry"].hours is None and back["Pantry"].hours_text
    (warning,) = [w for w in report.warnings if w.column == "valid_from"]
    assert warning.line == 3 and "different dates" in warning.message


def test_a_date_that_is_not_one_is_warned_and_the_hours_hold_all_year(tmp_path: Path) -> None:
    folder = _package(
        tmp_path,
        "id,service_id,freq,byday,opens_at,closes_at,valid_from\n"
        "x1,s1,WEEKLY,MO,09:00,17:00,June 1st\n",
    )
    report = ImportReport()
    back = {r.name: r for r in read_source(folder, report, format="hsds")}
    assert back["Pantry"].hours == WeeklySchedule.parse("Mon 9-5")
    (warning,) = [w for w in report.warnings if w.column == "valid_from"]
    assert "YYYY-MM-DD" in warning.message
