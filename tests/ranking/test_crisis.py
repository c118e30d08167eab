"""Crisis language: many ways of saying it, in English and Spanish, and look-alikes."""

from __future__ import annotations

import pytest

from referral_match import Directory
from referral_match.ranking.crisis import crisis_lines, find_crisis


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("she says she wants to kill herself", "suicide"),
        ("Client reports suicidal thoughts since the eviction", "suicide"),
        ("he talked about ending his life", "suicide"),
        ("She doesn't want to live anymore", "suicide"),
        ("says there is no reason to live", "suicide"),
        ("he wishes he were dead", "suicide"),
        ("saving pills, talks of taking her own life", "suicide"),
        ("Dice que se quiere matar", "suicide"),
        ("quiere quitarse la vida", "suicide"),
        ("ya no quiere vivir", "suicide"),
        ("has been cutting herself", "self-harm"),
        ("history of self-harm, cut again last week", "self-harm"),
        ("se corta los brazos", "self-harm"),
        ("her boyfriend hits her", "violence at home"),
        ("Husband choked her last night", "violence at home"),
        ("he threatened to kill her if she leaves", "violence at home"),
        ("My boyfriend said he would hurt me if I leave", "violence at home"),
        ("her ex told her he'll kill us all", "violence at home"),
        ("was beaten by her partner", "violence at home"),
        ("mi esposo me pega", "violence at home"),
        ("la amenazó con matarla", "violence at home"),
        ("fleeing domestic violence", "violence at home"),
        ("stepdad beat the kids", "violence at home"),
        ("her son was hit by the babysitter and is not safe there", "child in danger"),
        ("he left the kids alone all weekend", "child in danger"),
        ("worried about child abuse by the uncle", "child in danger"),
        ("le pega a sus hijos", "child in danger"),
        ("brother overdosed on fentanyl yesterday", "overdose"),
        ("took too many pills last night", "overdose"),
        ("friend needed Narcan twice", "overdose"),
        ("tuvo una sobredosis", "overdose"),
    ],
)
def test_crisis_language_is_found(text: str, kind: str) -> None:
    assert kind in [s.kind for s in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "killing time at the library until the shelter opens",
        "this rent is killing me",
        "the wait is killing him",
        "dying to get back to work",
        "her phone died and she missed the appointment",
        "overdue on rent and the electric bill",
        "denies suicidal thoughts",
        "no suicidal ideation, mood is low",
        "has a restraining order now and feels safe",
        "wants her GED so she can enroll in a medical assistant program",
        "the kids are with their grandmother",
        "He does odd jobs for cash",
        "She hurt her back at work",
        "the doctor said she would hurt her back lifting boxes",
        "he said he would kill time at the mall",
        "her son was hurt in a car accident",
        "her son was hit by a car on the way to school",
    ],
)
def test_look_alikes_are_not_crises(text: str) -> None:
    assert find_crisis(text) == []


def test_each_crisis_gets_its_lines_and_none_gets_them_all() -> None:
    violence = find_crisis("her husband hits her")
    assert [line.phone for line in crisis_lines(violence)] == ["1-800-799-7233"]
    suicide = find_crisis("wants to kill himself")
    assert crisis_lines(suicide)[0].phone == "988"
    assert len(crisis_lines([])) >= 4


def test_a_match_whose_situation_speaks_of_suicide_is_flagged(
    sample_directory: Directory,
) -> None:
    found = sample_directory.match(
        {"needs": ["food"], "text": "she says she wants to kill herself", "location": "94063"}
    )
    assert found.crisis
    data = found.to_dict()
    assert data["crisis"] is True
    assert data["crisis_signs"] == [{"kind": "suicide", "phrase": "kill herself"}]
    assert data["crisis_lines"][0]["phone"] == "988"
    calm = sample_directory.match({"needs": ["food"], "text": "killing time", "location": "94063"})
    assert not calm.crisis and calm.to_dict()["crisis_lines"] == []


def test_a_child_being_hurt_is_a_crisis_and_a_child_hurt_in_an_accident_is_not() -> None:
    assert [s.kind for s in find_crisis("grandson is being hurt at home")] == ["child in danger"]
    assert find_crisis("her son was hurt in a car accident") == []
