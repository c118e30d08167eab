"""Eligibility checks: passed, unknown or failed, with words a case manager can read."""

from __future__ import annotations

import pytest

from referral_match.model import Eligibility, Resource
from referral_match.ranking.eligibility import check_eligibility
from referral_match.ranking.profile import ClientProfile


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


WIC = {"max_age": 5, "populations": ("pregnant", "families")}
AFTER_SCHOOL = {"min_age": 5, "max_age": 13, "populations": ("youth",)}


@pytest.mark.parametrize(
    ("rules", "profile", "expected", "age_detail"),
    [
        # A parent asking for a service for children: the child's age decides.
        (
            WIC,
            ClientProfile(age=24, household_size=2, children_ages=(0,)),
            [("age", "passed"), ("population", "passed")],
            "Serves ages up to 5; the client has a child of 0.",
        ),
        (
            AFTER_SCHOOL,
            ClientProfile(age=41, household_size=3, children_ages=(2, 9)),
            [("age", "passed"), ("population", "passed")],
            "Serves ages 5 to 13; the client has a child of 9.",
        ),
        (
            WIC,
            ClientProfile(age=30, household_size=3, children_ages=(7, 9)),
            [("age", "failed"), ("population", "passed")],
            "Serves ages up to 5; the client's children are 7 and 9.",
        ),
        # No children's ages: a household of one has none; otherwise nobody knows.
        (
            WIC,
            ClientProfile(age=30, household_size=1),
            [("age", "failed"), ("population", "unknown")],
            "Serves ages up to 5; the client is 30 and lives alone.",
        ),
        (
            AFTER_SCHOOL,
            ClientProfile(age=30, household_size=3),
            [("age", "unknown"), ("population", "unknown")],
            "Serves ages 5 to 13, a service for children; check the client has a child that age.",
        ),
        # The client of its ages is the one served, whatever the children's ages.
        (
            {"min_age": 12, "max_age": 17, "populations": ("youth",)},
            ClientProfile(age=16, household_size=2, children_ages=(0,)),
            [("age", "passed"), ("population", "passed")],
            "Serves ages 12 to 17; the client is 16.",
        ),
        # Young adults' services are not for a parent's child.
        (
            {"min_age": 18, "max_age": 24, "populations": ("youth",)},
            ClientProfile(age=41, household_size=2, children_ages=(9,)),
            [("age", "failed"), ("population", "failed")],
            "Serves ages 18 to 24; the client is 41.",
        ),
        # The client's age not given, the children's given.
        (
            {"max_age": 3},
            ClientProfile(children_ages=(2,)),
            [("age", "passed")],
            "Serves ages up to 3; the client has a child of 2.",
        ),
    ],
)
def test_services_for_children_are_checked_against_the_clients_children(
    rules: dict,  # type: ignore[type-arg]
    profile: ClientProfile,
    expected: list,  # type: ignore[type-arg]
    age_detail: str,
) -> None:
    checks = check_eligibility(resource(**rules), profile, "CA")
    assert [(c.rule, c.result) for c in checks] == expected
    assert checks[0].detail == age_detail


def test_a_child_only_service_limited_by_gender_asks_to_check_the_childs() -> None:
    profile = ClientProfile(age=35, gender="male", household_size=2, children_ages=(10,))
    checks = check_eligibility(resource(max_age=14, genders=("female",)), profile, "CA")
    assert [(c.rule, c.result) for c in checks] == [("age", "passed"), ("gender", "unknown")]
    assert checks[1].detail == "Serves female children only; check the child's."


def test_children_make_a_family_and_living_alone_does_not() -> None:
    from referral_match.ranking.eligibility import client_populations

    assert "families" in client_populations(ClientProfile(children_ages=(4,)))[0]
    assert "families" in client_populations(ClientProfile(household_size=1))[1]
    assert "families" not in set().union(*client_populations(ClientProfile(household_size=3)))
