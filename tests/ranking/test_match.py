"""Matching client profiles over the sample directory: fit, eligibility, place, reasons."""

from __future__ import annotations

import re

import pytest

from referral_match import Directory, InvalidProfile, Status
from referral_match.taxonomy import default_taxonomy

PROFILES = [
    {"needs": ["evicted", "no food"], "location": "94063", "age": 67, "languages": ["es"]},
    {
        "needs": ["can't pay PG&E"],
        "location": "Daly City, CA",
        "household_size": 3,
        "annual_income": 30000,
    },
    {"needs": ["drinking problem"], "location": "94401", "age": 34, "gender": "male"},
    {
        "needs": ["daycare"],
        "location": "East Palo Alto, CA",
        "age": 29,
        "household_size": 2,
        "annual_income": 26000,
    },
    {
        "text": "Veteran sleeping in his car, needs a shower and a job",
        "location": "94080",
        "age": 52,
        "gender": "male",
        "veteran": True,
    },
    {"needs": ["103-03", "106"], "location": "94019", "radius_miles": 25},
    {"needs": ["shelter"], "location": "94063", "age": 30, "gender": "male"},
]


@pytest.mark.parametrize("profile", PROFILES)
def test_never_inactive_nor_explicitly_ineligible(
    sample_directory: Directory, profile: dict
) -> None:  # type: ignore[type-arg]
    found = sample_directory.match(profile, limit=25)
    assert found.results, profile
    for result in found.results:
        assert result.resource.status is Status.ACTIVE
        assert all(check.result != "failed" for check in result.eligibility)
        assert result.needs_met


@pytest.mark.parametrize("profile", PROFILES)
def test_reasons_are_true_of_the_resource(sample_directory: Directory, profile: dict) -> None:  # type: ignore[type-arg]
    taxonomy = default_taxonomy()
    for result in sample_directory.match(profile, limit=25).results:
        r = result.resource
        tree = {
            c for own in r.categories for c in (own, *(t.code for t in taxonomy.ancestors(own)))
        }
        for reason in result.reasons:
            if m := re.match(r"(\d+\.\d) miles from", reason):
                assert result.distance_miles is not None
                assert float(m.group(1)) == pytest.approx(result.distance_miles, abs=0.06)
                assert result.distance_miles <= (profile.get("radius_miles") or 10)
            if m := re.match(r'Meets "[^"]+": offers (.+?)(,|\.)', reason):
                names = {taxonomy.get(c).name.lower() for c in tree if taxonomy.get(c)}  # type: ignore[union-attr]
                assert m.group(1) in names, (reason, r.categories)
            if m := re.match(r'Meets "[^"]+": speaks of "(.+)"\.', reason):
                text = " ".join((r.name, " ".join(r.keywords), r.description)).lower()
                assert m.group(1).lower() in text.replace("\u2019", "'"), (reason, r.id)
            if reason.startswith("Speaks "):
                assert set(profile.get("languages", [])) & set(r.languages)
            if reason == "Free.":
                assert r.cost.value == "free"
            if reason.startswith("Serves the client's area by phone"):
                assert r.latitude is None


def test_one_stop_for_several_needs_ranks_first(sample_directory: Directory) -> None:
    found = sample_directory.match(PROFILES[0])
    assert set(found.by_need) == {"evicted", "no food"}
    assert len(found.results[0].needs_met) == 2
    assert all(found.by_need[label] for label in found.by_need)


def test_a_man_is_not_sent_to_a_womens_shelter(sample_directory: Directory) -> None:
    women_only = {
        r.id for r in sample_directory.resources() if r.eligibility.genders == ("female",)
    }
    assert women_only
    found = sample_directory.match(PROFILES[6], limit=50)
    assert not women_only & {r.resource.id for r in found.results}
    assert found.excluded >= 1


def test_unknown_eligibility_lowers_the_rank_and_is_said(sample_directory: Directory) -> None:
    known = sample_directory.match(
        {"needs": ["senior meals"], "location": "94401", "age": 70}, limit=50
    )
    unknown = sample_directory.match({"needs": ["senior meals"], "location": "94401"}, limit=50)
    by_id = {r.resource.id: r for r in known.results}
    compared = 0
    for result in unknown.results:
        if any(c.result == "unknown" and c.rule == "age" for c in result.eligibility):
            assert any(reason.startswith("Check: ") for reason in result.reasons)
            if result.resource.id in by_id:
                assert by_id[result.resource.id].score > result.score
                compared += 1
    assert compared >= 1


def test_service_area_brings_in_a_line_with_no_address(sample_directory: Directory) -> None:
    found = sample_directory.match({"needs": ["suicidal thoughts"], "location": "94019"}, limit=25)
    assert any(r.resource.latitude is None for r in found.results)


def test_bad_profile_names_the_field(sample_directory: Directory) -> None:
    with pytest.raises(InvalidProfile) as info:
        sample_directory.match({"needs": ["food"], "age": -3})
    assert "age" in info.value.messages


def test_match_json_shape(sample_directory: Directory) -> None:
    data = sample_directory.match(PROFILES[0]).to_dict()
    assert set(data) >= {"results", "by_need", "total", "took_ms"}
    first = data["results"][0]
    assert set(first) >= {
        "id",
        "service_id",
        "location_id",
        "name",
        "organization",
        "score",
        "distance_miles",
        "needs_met",
        "eligibility",
        "reasons",
    }
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
