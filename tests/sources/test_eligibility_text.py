"""Rules read from eligibility written in words, on the sample's and real directories' text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from referral_match.geo.gazetteer import default_gazetteer
from referral_match.geo.places import Place
from referral_match.hsds.ohana import read_ohana
from referral_match.model import Eligibility, Resource, ServiceArea
from referral_match.ranking.eligibility import check_eligibility
from referral_match.ranking.profile import load_profile
from referral_match.report import ImportReport
from referral_match.sources.eligibility_text import name_area, read_rules, with_rules_from_text
from referral_match.taxonomy import default_taxonomy

GAZETTEER = default_gazetteer()


def rules(text: str, name: str = "", state: str = "CA", county: str = "Sacramento"):
    return read_rules(text, name, state=state, county=county, gazetteer=GAZETTEER)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Men 18 and older with Medi-Cal", {"genders": ("male",), "min_age": 18}),
        # Others sent elsewhere do not make it a service for them too.
        (
            "Men 18 years and older. Women and families are referred to partner programs.",
            {"genders": ("male",), "min_age": 18},
        ),
        (
            "Women 18 and older; transgender women are welcome. Men are referred to Ironwood.",
            {"genders": ("female",), "min_age": 18},
        ),
        (
            "For teens 12 to 17. Young adults 18 and older are welcome at The Wash.",
            {"min_age": 12, "max_age": 17},
        ),
        # Where a service's own clients are served is not elsewhere.
        ("Seniors 60 and older can call for a ride", {"min_age": 60}),
        # "household income" names no other group.
        (
            "Unemployed people 55 and older with household income at or below 125% of poverty",
            {"min_age": 55, "income_limit_fpl": 125},
        ),
        ("women and their children", {"genders": ("female",)}),
        ("Solo para mujeres mayores de 18", {"genders": ("female",), "min_age": 18}),
        ("Single men experiencing homelessness", {"genders": ("male",)}),
        ("ages 12 to 17", {"min_age": 12, "max_age": 17}),
        ("Youth ages 16-24", {"min_age": 16, "max_age": 24}),
        ("Adults 18+", {"min_age": 18}),
        ("Adults age 60 and older", {"min_age": 60}),
        ("Children and teens 18 and under", {"max_age": 18}),
        # Two groups: the loosest ages, so that neither group is turned away.
        ("Age 55 or over for most programs, age 60 or over for lunch program", {"min_age": 55}),
        ("Senior citizens age 60 or over, disabled individuals age 18-59", {"min_age": 18}),
        ("for veterans", {"populations": ("veterans",)}),
        ("Veterans and eligible spouses", {"populations": ("veterans",)}),
        ("People experiencing homelessness", {"populations": ("homeless",)}),
        (
            "Household income at or below 200% of the federal poverty level",
            {"income_limit_fpl": 200},
        ),
        ("Tenants with income under about 250% FPL", {"income_limit_fpl": 250}),
        (
            "Elk Grove and Wilton residents only",
            {"residence": ServiceArea(cities=("elk grove|CA", "wilton|CA"))},
        ),
        (
            "Residents of Sacramento County",
            {"residence": ServiceArea(counties=("sacramento|CA",))},
        ),
        (
            "County residents 18+",
            {"min_age": 18, "residence": ServiceArea(counties=("sacramento|CA",))},
        ),
        (
            "Resident of California to obtain a library card",
            {"residence": ServiceArea(states=("CA",))},
        ),
    ],
)
def test_plain_rules_are_read(text: str, expected: dict[str, object]) -> None:
    found = rules(text)
    for field, value in expected.items():
        assert getattr(found, field) == value, field
    untouched = {"genders": (), "populations": (), "min_age": None, "max_age": None}
    for field, value in untouched.items():
        if field not in expected:
            assert getattr(found, field) == value, field


@pytest.mark.parametrize(
    "text",
    [
        "Serves men and women 18+ (gender)",
        "Pregnant, breastfeeding or postpartum people and children under 5",
        "People who are homeless or at risk of homelessness",
        "Families with children under 3",
        "Must reside and/or work in Sacramento County",
        "Open to everyone",
        "Low-income households, including students and immigrants",
    ],
)
def test_alternatives_and_mentions_are_not_rules(text: str) -> None:
    found = rules(text)
    assert found.genders == () or "gender" in text
    assert (found.min_age, found.max_age) in ((None, None), (18, None))
    assert found.populations == ()
    assert found.residence.is_empty()


def test_a_name_such_as_womens_shelter_limits_the_gender() -> None:
    assert rules("", "Hope Women's Shelter").genders == ("female",)
    assert rules("", "Men's Recovery Home").genders == ("male",)
    assert rules("Open to all adults", "Women's Health Clinic").genders == ()


def resource(**eligibility: object) -> Resource:
    return Resource(
        id="r1",
        service_id="s1",
        organization_id="o1",
        location_id="",
        name="Recovery House",
        organization="Org",
        eligibility=Eligibility(**eligibility),  # type: ignore[arg-type]
        phones=("(916) 555-0100",),
    )


def test_a_column_wins_over_the_text_and_the_text_fills_the_rest() -> None:
    given = resource(min_age=21, text="Men 18 and older with Medi-Cal")
    read = with_rules_from_text(given, GAZETTEER)
    assert read.eligibility.min_age == 21  # the column
    assert read.eligibility.genders == ("male",)  # the text
    assert read.eligibility.from_text == (("gender", "Men 18 and older with Medi-Cal"),)
    assert read.as_given().eligibility == given.eligibility


def test_a_service_with_no_place_is_given_the_state_of_its_phone() -> None:
    read = with_rules_from_text(resource(), GAZETTEER)
    assert read.service_area.states == ("CA",) and read.area_from == "phone"
    assert read.as_given().service_area.is_empty()


def test_rules_from_text_are_checked_and_say_where_they_come_from() -> None:
    read = with_rules_from_text(
        resource(text="Men 18 and older. Elk Grove and Wilton residents only."), GAZETTEER
    )
    woman = load_profile({"needs": ["detox"], "gender": "female", "age": 30})
    checks = {c.rule: c for c in check_eligibility(read, woman, "CA", None)}
    assert checks["gender"].result == "failed"
    assert checks["gender"].detail == (
        'Serves male clients only (the eligibility says "Men 18 and older").'
    )
    elk_grove = GAZETTEER.by_zip("95624")
    sacramento = GAZETTEER.by_zip("95814")
    assert isinstance(elk_grove, Place) and isinstance(sacramento, Place)
    man = load_profile({"needs": ["detox"], "gender": "male", "age": 30})
    assert {c.rule: c.result for c in check_eligibility(read, man, "CA", elk_grove)} == {
        "age": "passed",
        "gender": "passed",
        "residence": "passed",
    }
    away = {c.rule: c for c in check_eligibility(read, man, "CA", sacramento)}
    assert away["residence"].result == "failed"
    assert "Elk Grove, Wilton" in away["residence"].detail
    assert {c.rule: c.result for c in check_eligibility(read, man, "CA", None)}["residence"] == (
        "unknown"
    )


@pytest.mark.datasets
def test_real_ohana_eligibility_is_read(datasets: Path) -> None:
    report = ImportReport()
    resources = [
        with_rules_from_text(r, GAZETTEER)
        for _, _, r in read_ohana(datasets / "ohana-sample-csv", report, default_taxonomy())
    ]
    by_text = {r.eligibility.text.split("\n")[0]: r.eligibility for r in resources}
    county = by_text["Resident of San Mateo County age 55 or over"]
    assert county.min_age == 55
    assert county.residence.counties == ("san mateo|CA",)
    assert by_text["Age 18 or over"].min_age == 18
    assert all(not r.eligibility.from_text for r in resources if not r.eligibility.text)


def test_a_service_with_no_place_takes_the_area_its_name_says() -> None:
    named = dataclasses.replace(
        resource(),
        name="Free legal information and forms in Cook County",
        phones=("(312) 555-0100",),
    )
    read = with_rules_from_text(named, GAZETTEER)
    assert read.service_area.counties == ("cook|IL",) and read.area_from == "name"
    assert name_area("Help in Spanish", "IL", GAZETTEER).is_empty()


@pytest.mark.parametrize(
    "text",
    [
        "Students in grades 9-12",
        "Provides a 3-5 day supply of food",
        "Open Mon-Fri 9-12 for walk-ins",
        "Over 100 volunteers serve 50+ families",
        "Clients above 200% of the federal poverty level pay a fee",
        "Para padres solteros",
    ],
)
def test_numbers_and_words_that_are_not_rules_give_none(text: str) -> None:
    found = rules(text)
    assert (found.min_age, found.max_age, found.genders, found.income_limit_fpl) == (
        None,
        None,
        (),
        None,
    )
