"""Check a resource's eligibility rules against what is known of a client.

Each rule gives a :class:`~referral_match.results.Check`: "passed", "unknown" (the client's
answer is not known, or the rule is only in words) or "failed". A failed check excludes the
resource from a client's matches; an unknown one lowers its rank and is said.
"""

from __future__ import annotations

from referral_match.model import Resource
from referral_match.poverty import GUIDELINE_YEAR, percent_of_poverty
from referral_match.profile import ClientProfile
from referral_match.results import Check

__all__ = ["check_eligibility", "client_populations"]

#: Age from which a client counts as a senior, and up to which as youth (inclusive).
SENIOR_AGE = 60
YOUTH_MAX_AGE = 24

_POPULATION_WORDS = {
    "veterans": "veterans",
    "seniors": "seniors",
    "families": "families with children",
    "pregnant": "pregnant people",
    "disabled": "people with disabilities",
    "homeless": "people experiencing homelessness",
    "immigrants": "immigrants and refugees",
    "youth": "youth and young adults",
    "lgbtq": "LGBTQ+ people",
}


def client_populations(profile: ClientProfile) -> tuple[set[str], set[str]]:
    """Return the population groups a client is known to be in, and known not to be in."""
    member = set(profile.populations)
    not_member: set[str] = set()
    if profile.veteran is True:
        member.add("veterans")
    elif profile.veteran is False:
        not_member.add("veterans")
    if profile.age is not None:
        (member if profile.age >= SENIOR_AGE else not_member).add("seniors")
        (member if profile.age <= YOUTH_MAX_AGE else not_member).add("youth")
    if profile.gender == "male":
        not_member.add("pregnant")
    return member, not_member - member


def check_eligibility(
    resource: Resource, profile: ClientProfile, state: str | None
) -> list[Check]:
    """Return the checks of every rule the resource states, in a fixed order."""
    el = resource.eligibility
    checks: list[Check] = []
    if el.min_age is not None or el.max_age is not None:
        checks.append(_age(el.min_age, el.max_age, profile.age))
    if el.genders:
        checks.append(_gender(el.genders, profile.gender))
    if el.populations:
        checks.append(_populations(el.populations, profile))
    if el.income_limit_fpl is not None:
        checks.append(_income(el.income_limit_fpl, profile, state))
    return checks


def _age(low: int | None, high: int | None, age: int | None) -> Check:
    if low is not None and high is not None:
        span = f"ages {low} to {high}"
    elif low is not None:
        span = f"ages {low} and over"
    else:
        span = f"ages up to {high}"
    if age is None:
        return Check("age", "unknown", f"Serves {span}; the client's age is not known.")
    if (low is not None and age < low) or (high is not None and age > high):
        return Check("age", "failed", f"Serves {span}; the client is {age}.")
    return Check("age", "passed", f"Serves {span}; the client is {age}.")


def _gender(genders: tuple[str, ...], gender: str | None) -> Check:
    served = " and ".join(genders)
    if gender is None:
        return Check("gender", "unknown", f"Serves {served} clients only; gender not given.")
    if gender not in genders:
        return Check("gender", "failed", f"Serves {served} clients only.")
    return Check("gender", "passed", f"Serves {served} clients.")


def _populations(required: tuple[str, ...], profile: ClientProfile) -> Check:
    member, not_member = client_populations(profile)
    words = " or ".join(_POPULATION_WORDS.get(p, p) for p in required)
    if member & set(required):
        return Check("population", "passed", f"Serves {words}; the client is one.")
    if set(required) <= not_member:
        return Check("population", "failed", f"Serves {words} only.")
    return Check("population", "unknown", f"Serves {words} only: check the client qualifies.")


def _income(limit: int, profile: ClientProfile, state: str | None) -> Check:
    rule = f"Household income up to {limit}% of the federal poverty guideline"
    if profile.annual_income is None or profile.household_size is None:
        return Check(
            "income", "unknown", f"{rule}; the client's income or household size is not known."
        )
    percent = percent_of_poverty(profile.annual_income, profile.household_size, state)
    detail = (
        f"{rule}; the client's is {percent:.0f}% ({GUIDELINE_YEAR} guideline, household "
        f"of {profile.household_size})."
    )
    return Check("income", "passed" if percent <= limit else "failed", detail)
