"""Client profiles: JSON in and out, with a message naming each bad field."""

from __future__ import annotations

import pytest

from referral_match import InvalidProfile
from referral_match.ranking.profile import ClientProfile, load_profile


def test_full_profile_round_trips() -> None:
    data = {
        "needs": ["evicted", "103-03"],
        "text": "No food at home.",
        "location": "94063",
        "radius_miles": 5,
        "age": 67,
        "gender": "female",
        "household_size": 4,
        "children_ages": [9, 2],
        "annual_income": 18000,
        "languages": ["Spanish", "en"],
        "veteran": False,
        "insurance": "medicare",
        "populations": ["seniors"],
    }
    profile = load_profile(data)
    assert profile.languages == ("es", "en")
    assert profile.needs == ("evicted", "103-03")
    assert profile.children_ages == (2, 9)  # youngest first
    assert load_profile(profile.to_dict()) == profile


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "needs", "give at least one need"),
        ({"needs": ["  "]}, "needs", "give at least one need"),
        ({"text": "food", "age": 130}, "age", "must be a whole number from 0 to 120."),
        ({"text": "food", "age": "sixty"}, "age", "Not a valid integer."),
        ({"text": "food", "gender": "x"}, "gender", "must be one of: female, male, nonbinary."),
        ({"text": "food", "languages": ["Elvish tongue"]}, "languages.0", "is not a language"),
        ({"text": "food", "populations": ["students"]}, "populations.0", "must be one of:"),
        ({"text": "food", "radius_miles": 0}, "radius_miles", "more than 0 and at most 500"),
        ({"text": "food", "household_size": 0}, "household_size", "from 1 to 30"),
        ({"text": "food", "annual_income": -5}, "annual_income", "0 or more"),
        ({"text": "food", "children_ages": [3, 18]}, "children_ages.1", "from 0 to 17"),
        ({"text": "food", "children_ages": [3.5]}, "children_ages.0", "Not a valid integer."),
        (
            {"text": "food", "household_size": 2, "children_ages": [3, 5]},
            "household_size",
            "must count the client and the 2 children given: at least 3.",
        ),
        ({"text": "food", "insurance": "gold"}, "insurance", "must be one of: none, medicaid"),
        ({"text": "food", "shoe_size": 9}, "shoe_size", "Unknown field."),
    ],
)
def test_bad_fields_are_named(data: dict, field: str, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InvalidProfile) as info:
        load_profile(data)
    assert field in info.value.messages
    assert any(message in text for text in info.value.messages[field])
    assert field in info.value.message


def test_not_an_object() -> None:
    with pytest.raises(InvalidProfile, match="must be a JSON object"):
        load_profile(["food"])


def test_profile_object_passes_through() -> None:
    profile = ClientProfile(needs=("food",))
    assert load_profile(profile) is profile
