"""The relevance floor: a result meets a need, the rest is shown apart; unmet needs say so."""

from __future__ import annotations

import csv

import pytest

from referral_match import Directory, import_directory

COLUMNS = ("id", "name", "organization", "description", "categories", "keywords", "status")
COLUMNS += ("address", "city", "state", "postal_code", "phones", "service_area")
ROWS = [
    (
        "r-pantry",
        "Eastside Pantry",
        "Eastside (fictional)",
        "Free groceries every Friday.",
        "102-04",
        "",
        "active",
        "1 Main St",
        "Redwood City",
        "CA",
        "94063",
        "(650) 555-0101",
        "",
    ),
    # Shares the word "bed" with the need, but offers no bed.
    (
        "r-clinic",
        "Sleep Clinic",
        "Rest Well (fictional)",
        "Tests for sleep problems in bed.",
        "106-01",
        "",
        "active",
        "2 Main St",
        "Redwood City",
        "CA",
        "94063",
        "(650) 555-0102",
        "",
    ),
    # Shares one word of three with "feeling really down", and nothing of its meaning.
    (
        "r-homebuyer",
        "Homebuyer Workshop",
        "Own It (fictional)",
        "Classes on saving for a down payment and getting a mortgage.",
        "103-05",
        "",
        "active",
        "3 Main St",
        "Redwood City",
        "CA",
        "94063",
        "(650) 555-0103",
        "",
    ),
    (
        "r-dv",
        "Safe Home Line",
        "Safe Home (fictional)",
        "Someone to call when a partner threatens or hurts you; safety plans.",
        "101-06-01",
        "",
        "active",
        "4 Main St",
        "Redwood City",
        "CA",
        "94063",
        "(650) 555-0104",
        "",
    ),
    (
        "r-211",
        "211 San Mateo",
        "United Way (fictional)",
        "Call 211 for any local service.",
        "108-05-03",
        "",
        "active",
        "",
        "",
        "CA",
        "",
        "211",
        "San Mateo County, CA",
    ),
]


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Directory:
    folder = tmp_path_factory.mktemp("relevance")
    path = folder / "resources.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    report = import_directory(path, folder / "index")
    assert report.imported == len(ROWS), report.rejected
    return Directory.open(folder / "index")


def test_sharing_a_word_with_a_need_is_not_meeting_it(directory: Directory) -> None:
    found = directory.match({"needs": ["bed"], "location": "94063"})
    assert "r-clinic" not in [r.resource.id for r in found.results]
    assert "r-clinic" in [r.resource.id for r in found.also_nearby]
    assert found.to_dict()["also_nearby"][0]["id"] == "r-clinic"


def test_a_need_nothing_meets_says_so_and_offers_the_areas_lines(directory: Directory) -> None:
    found = directory.match({"needs": ["food", "bed"], "location": "94063"})
    assert [r.resource.id for r in found.results] == ["r-pantry"]
    assert found.unmet_needs == ("bed",)
    assert [r.resource.id for r in found.information_lines] == ["r-211"]
    data = found.to_dict()
    assert (
        data["unmet_needs"] == ["bed"] and data["information_lines"][0]["name"] == "211 San Mateo"
    )


def test_when_every_need_is_met_no_lines_are_added(directory: Directory) -> None:
    found = directory.match({"needs": ["food"], "location": "94063"})
    assert found.unmet_needs == () and found.information_lines == []


def test_the_sample_results_all_meet_a_need(sample_directory: Directory) -> None:
    found = sample_directory.match({"needs": ["showers", "bed"], "location": "94063"})
    for result in found.results:
        assert any(
            reason.startswith("Meets")
            and "mentions" not in reason
            and "often needed" not in reason
            for reason in result.reasons
        ), result.reasons
    assert found.also_nearby


def test_one_shared_word_of_several_is_not_meeting_a_need(directory: Directory) -> None:
    found = directory.match({"needs": ["feeling really down"], "location": "94063"})
    assert "r-homebuyer" not in [r.resource.id for r in found.results]
    nearby = {r.resource.id: r for r in found.also_nearby}
    # Shown apart, saying only the word it really holds.
    assert 'mentions "down"' in " ".join(nearby["r-homebuyer"].reasons)
    assert "feeling" not in " ".join(nearby["r-homebuyer"].reasons).replace(
        'Meets "feeling really down"', ""
    )


def test_a_threat_in_the_situation_brings_domestic_violence_help(directory: Directory) -> None:
    text = "My boyfriend takes my paychecks and said he would hurt me if I leave."
    found = directory.match({"text": text, "location": "94063"})
    assert found.crisis
    assert [r.resource.id for r in found.results][:1] == ["r-dv"]
    assert [n.via for n in found.needs] == ["crisis"]
    assert (
        'Meets "said he would hurt me": offers domestic violence help.' in found.results[0].reasons
    )
