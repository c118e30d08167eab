"""Check a resource's eligibility rules against what is known of a client.

Each rule gives a :class:`~referral_match.ranking.results.Check`: "passed", "unknown" (the client's
answer is not known, or the rule is only in words) or "failed". A failed check excludes the
resource from a client's matches; an unknown one lowers its rank and is said.

A service for children (its ages end at 18 or below: WIC, child care, diapers, homework
help) is usually
asked for by a parent: when the client is older than it serves, its age and "youth" rules
are checked against the client's children (``children_ages``). A parent whose children's
ages are not given is "check", not "not eligible", unless the client lives alone.
"""

from __future__ import annotations

import dataclasses

from referral_match.geo.places import Place, city_key
from referral_match.model import Resource, ServiceArea
from referral_match.ranking.poverty import GUIDELINE_YEAR, percent_of_poverty
from referral_match.ranking.profile import ClientProfile
from referral_match.ranking.results import Check

__all__ = ["check_eligibility", "client_populations"]

#: Age from which a client counts as a senior, and up to which as youth (inclusive).
SENIOR_AGE = 60
YOUTH_MAX_AGE = 24
#: A service whose ages end at this or below serves children (through high school).
CHILDREN_SERVICE_MAX_AGE = 18

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
    if profile.children_ages:
        member.add("families")
    elif profile.household_size == 1:
        not_member.add("families")
    return member, not_member - member


def check_eligibility(
    resource: Resource, profile: ClientProfile, state: str | None, place: Place | None = None
) -> list[Check]:
    """Return the checks of every rule the resource states, in a fixed order.

    A rule read from the resource's eligibility text rather than a column says so, with
    the words it was read from. ``place`` is where the client lives, for the residence rule.
    """
    el = resource.eligibility
    child = _for_a_child(el.min_age, el.max_age, profile)
    checks: list[tuple[str, Check]] = []
    if el.min_age is not None or el.max_age is not None:
        checks.append(("age", _age(el.min_age, el.max_age, profile, child)))
    if el.genders:
        checks.append(("gender", _gender(el.genders, profile.gender, child)))
    if el.populations:
        has_child = any(_within(el.min_age, el.max_age, a) for a in profile.children_ages)
        checks.append(("population", _populations(el.populations, profile, child, has_child)))
    if el.income_limit_fpl is not None:
        checks.append(("income", _income(el.income_limit_fpl, profile, state)))
    if not el.residence.is_empty():
        checks.append(("residence", _residence(el.residence, place)))
    return [_sourced(check, el.said(rule)) for rule, check in checks]


def _sourced(check: Check, words: str) -> Check:
    """Return the check saying which words of the eligibility text it was read from."""
    if not words:
        return check
    detail = check.detail.rstrip(".")
    return dataclasses.replace(check, detail=f'{detail} (the eligibility says "{words}").')


def _residence(area: ServiceArea, place: Place | None) -> Check:
    names = [k.split("|")[0].title() for k in (*area.cities, *area.counties)]
    names += list(area.zips) + list(area.states)
    where = ", ".join(names)
    if place is None:
        return Check(
            "residence",
            "unknown",
            f"Serves residents of {where}; where the client lives is not given.",
        )
    keys = {("zip", place.zip), ("city", place.city_key), ("county", place.county_key)}
    keys |= {("city", city_key(other, place.state)) for other in place.other_cities}
    keys = {(kind, key) for kind, key in keys if key} | {("state", place.state)}
    wanted = {("zip", z) for z in area.zips} | {("city", c) for c in area.cities}
    wanted |= {("county", c) for c in area.counties} | {("state", s) for s in area.states}
    if keys & wanted:
        return Check(
            "residence", "passed", f"Serves residents of {where}; the client lives there."
        )
    if not {kind for kind, _ in wanted} & {kind for kind, key in keys if key}:
        # A rule naming cities cannot be settled for a client known only by state.
        return Check(
            "residence", "unknown", f"Serves residents of {where}; check where the client lives."
        )
    return Check("residence", "failed", f"Serves residents of {where} only.")


def _within(low: int | None, high: int | None, age: int) -> bool:
    return (low is None or age >= low) and (high is None or age <= high)


def _for_a_child(low: int | None, high: int | None, profile: ClientProfile) -> bool:
    """Return True when a service for children is asked for one of the client's children.

    That is when the service ends at CHILDREN_SERVICE_MAX_AGE or below and the client is
    not of its ages (or of unknown age while children's ages are given).
    """
    if high is None or high > CHILDREN_SERVICE_MAX_AGE:
        return False
    if profile.age is not None:
        return not _within(low, high, profile.age)
    return bool(profile.children_ages)


def _span(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"ages {low} to {high}"
    if low is not None:
        return f"ages {low} and over"
    return f"ages up to {high}"


def _age(low: int | None, high: int | None, profile: ClientProfile, child: bool) -> Check:
    span, age = _span(low, high), profile.age
    if child:
        fitting = [a for a in profile.children_ages if _within(low, high, a)]
        if fitting:
            return Check(
                "age", "passed", f"Serves {span}; the client has a child of {fitting[0]}."
            )
        if profile.children_ages:
            ages = _and(profile.children_ages)
            return Check("age", "failed", f"Serves {span}; the client's children are {ages}.")
        if profile.household_size == 1:
            return Check("age", "failed", f"Serves {span}; the client is {age} and lives alone.")
        return Check(
            "age",
            "unknown",
            f"Serves {span}, a service for children; check the client has a child that age.",
        )
    if age is None:
        return Check("age", "unknown", f"Serves {span}; the client's age is not known.")
    if not _within(low, high, age):
        return Check("age", "failed", f"Serves {span}; the client is {age}.")
    return Check("age", "passed", f"Serves {span}; the client is {age}.")


def _and(ages: tuple[int, ...]) -> str:
    words = [str(a) for a in ages]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _gender(genders: tuple[str, ...], gender: str | None, child: bool) -> Check:
    served = " and ".join(genders)
    if child:  # the child's gender is not asked
        return Check("gender", "unknown", f"Serves {served} children only; check the child's.")
    if gender is None:
        return Check("gender", "unknown", f"Serves {served} clients only; gender not given.")
    if gender not in genders:
        return Check("gender", "failed", f"Serves {served} clients only.")
    return Check("gender", "passed", f"Serves {served} clients.")


def _populations(
    required: tuple[str, ...], profile: ClientProfile, child: bool, has_child: bool
) -> Check:
    member, not_member = client_populations(profile)
    if child:  # the one served is a child of the client's: young, and of a family
        if has_child:
            member |= {"youth", "families"}
        not_member -= member | {"youth"}
    words = " or ".join(_POPULATION_WORDS.get(p, p) for p in required)
    if member & set(required):
        who = "asked for the client's child" if child else "the client is one"
        return Check("population", "passed", f"Serves {words}; {who}.")
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
