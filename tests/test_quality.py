"""Data-quality checks that point admins at records likely to mislead a referral."""

from __future__ import annotations

import datetime as dt

from referral_match.model import Address, Resource
from referral_match.quality import check_quality

TODAY = dt.date(2026, 11, 26)
HERE = Address("100 Main St", "Redwood City", "CA", "94063")


def resource(rid: str, name: str, **kw: object) -> Resource:
    base: dict[str, object] = dict(
        id=rid,
        service_id=rid,
        organization_id="o",
        location_id="l",
        name=name,
        organization="Org",
        address=HERE,
        latitude=37.48,
        longitude=-122.2,
        phones=("(650) 555-0100",),
        last_verified=dt.date(2026, 6, 1),
    )
    base.update(kw)
    return Resource(**base)  # type: ignore[arg-type]


def test_each_kind_of_problem_is_found() -> None:
    report = check_quality(
        [
            resource("ok", "Food Pantry"),
            resource("stale", "Clinic", last_verified=dt.date(2024, 1, 1)),
            resource("never", "Legal Aid", last_verified=None),
            resource("unplaced", "Shelter", latitude=None, longitude=None),
            resource("hotline", "Crisis Line", address=None, latitude=None, longitude=None),
            resource("silent", "Job Club", phones=()),
            resource("twin", "Food Pantry"),
            resource("close", "Food Pantries"),
        ],
        today=TODAY,
    )
    assert report.total == 8
    assert report.stale == ["stale"]
    assert report.never_verified == ["never"]
    assert report.no_coordinates == ["unplaced"]  # a hotline has no place on purpose
    assert report.no_phone == ["silent"]
    assert ("ok", "twin", "same name and address") in report.duplicates
    assert ("ok", "close", "very close names at one address") in report.duplicates
    assert not any("Clinic" in why for *_, why in report.duplicates)


def test_sample_directory_report(sample_directory) -> None:  # type: ignore[no-untyped-def]
    report = check_quality(sample_directory.resources(), today=TODAY)
    assert report.total == sample_directory.count
    assert report.stale  # the sample has records not verified for over a year
    assert report.to_dict()["total"] == report.total
