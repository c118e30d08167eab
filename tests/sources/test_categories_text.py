"""Categories read from a service's own words when its source files it under none."""

from __future__ import annotations

from referral_match.model import Resource
from referral_match.semantic import SIMILAR_MEANING, meaning
from referral_match.sources.categories_text import with_categories_from_text
from referral_match.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()


def service(name: str, description: str = "", **fields: object) -> Resource:
    return Resource(
        id="r",
        service_id="s",
        organization_id="o",
        location_id="",
        name=name,
        organization="Org",
        description=description,
        **fields,  # type: ignore[arg-type]
    )


def test_the_name_and_phrases_of_the_description_give_categories() -> None:
    read = with_categories_from_text(
        service("Eastside Food Pantry", "Groceries and emergency rental assistance."),
        TAXONOMY,
        None,
    )
    assert dict(read.categories_read) == {
        "102-04": "Food Pantry",
        "103-03-01": "emergency rental assistance",
    }
    assert set(read.categories) == {"102-04", "103-03-01"}
    assert read.as_given().categories == ()


def test_a_word_in_passing_in_the_description_gives_none() -> None:
    read = with_categories_from_text(
        service("Sleep Study", "Overnight tests while you sleep in a bed."), TAXONOMY, None
    )
    assert "104-03-01" not in read.categories  # "bed" is not a furniture bank


def test_a_description_in_other_words_is_read_by_its_meaning() -> None:
    read = with_categories_from_text(
        service("The Open Door", "Beds for the night for anyone with nowhere to sleep tonight."),
        TAXONOMY,
        meaning(),
    )
    assert ("101-04", SIMILAR_MEANING) in read.categories_read or "101-04" in read.categories


def test_categories_given_by_the_source_win() -> None:
    given = service("Eastside Food Pantry", categories=("108-05",))
    assert with_categories_from_text(given, TAXONOMY, None) is given


def test_agencies_own_ways_of_saying_what_they_do_give_categories() -> None:
    # Phrases of data/lexicon/agency-prose.csv: how agencies write, not how clients ask.
    cases = {
        "Twenty-four safe beds each night for women on their own.": "103-01",
        "A plate of hot supper served every evening, and sack lunches.": "102-05",
        "Call if someone you live with or date is hurting you.": "101-06-01",
        "Medically supervised withdrawal from alcohol.": "106-01-01",
    }
    for description, code in cases.items():
        read = with_categories_from_text(service("The Open Door", description), TAXONOMY, None)
        assert code in read.categories, (description, read.categories_read)


def test_a_clinic_is_medical_only_when_nothing_else_is_said() -> None:
    legal = service(
        "Tenant Defense Clinic",
        "If you have been served with court papers by your landlord, our attorneys help.",
    )
    assert "106-06" not in with_categories_from_text(legal, TAXONOMY, None).categories
    medical = with_categories_from_text(service("Eastside Clinic", "Check-ups."), TAXONOMY, None)
    assert medical.categories == ("106-06",)
