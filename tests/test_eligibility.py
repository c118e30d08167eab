"""Eligibility checks: passed, unknown or failed, with words a case manager can read."""

from __future__ import annotations

import pytest

from referral_match.eligibility import check_eligibility
from referral_match.model import Eligibility, Resource
from referral_match.profile import ClientProfile


def resource(**rules: object) -> Resource:
    return Resource(
        id="r",
        service_id="s",
        organization_id="o",
        location_id="l",
        name="X",
        organization="Y",
        eligibility=Eligibility(**rules),
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rules", "profile", "expected"),
    [
        ({}, ClientProfile(), []),
        ({"min_age": 60}, ClientProfile(age=67), [("age", "passed")]),
        ({"min_age": 60}, ClientProfile(age=45), [("age", "failed")]),
        ({"min_age": 18, "max_age": 24}, ClientProfile(), [("age", "unknown")]),
        ({"genders": ("female",)}, ClientProfile(gender="male"), [("gender", "failed")]),
        ({"genders": ("female",)}, ClientProfile(), [("gender", "unknown")]),
        ({"populations": ("veterans",)}, ClientProfile(veteran=True), [("population", "passed")]),
        ({"populations": ("veterans",)}, ClientProfile(veteran=False), [("population", "failed")]),
        ({"populations": ("veterans",)}, ClientProfile(), [("population", "unknown")]),
        ({"populations": ("seniors",)}, ClientProfile(age=70), [("population", "passed")]),
        (
            {"populations": ("seniors", "disabled")},
            ClientProfile(age=30),
            [("population", "unknown")],
        ),
        (
            {"income_limit_fpl": 200},
            ClientProfile(annual_income=30000, household_size=1),
            [("income", "passed")],
        ),
        (
            {"income_limit_fpl": 200},
            ClientProfile(annual_income=40000, household_size=1),
            [("income", "failed")],
        ),
        (
            {"income_limit_fpl": 200},
            ClientProfile(annual_income=40000, household_size=3),
            [("income", "passed")],
        ),
        ({"income_limit_fpl": 200}, ClientProfile(annual_income=40000), [("income", "unknown")]),
    ],
)
def test_checks(rules: dict, profile: ClientProfile, expected: list) -> None:  # type: ignore[type-arg]
    checks = check_eligibility(resource(**rules), profile, "CA")
    assert [(c.rule, c.result) for c in checks] == expected


def test_income_check_says_the_percent() -> None:
    (check,) = check_eligibility(
        resource(income_limit_fpl=200), ClientProfile(annual_income=40000, household_size=1), "CA"
    )
    assert check.detail == (
        "Household income up to 200% of the federal poverty guideline; the client's is 256% "
        "(2025 guideline, household of 1)."
    )
