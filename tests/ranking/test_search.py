"""Searching the sample directory: words, synonyms, places, filters, facets, spelling."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from referral_match import Directory, InputError, LocationNotFound, Resource, Status

# A Tuesday at 10:00, so that "open now" does not depend on when the tests run.
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 0)


def names(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.resource.name for r in page.results]


def test_words_find_resources_and_say_why(sample_directory: Directory) -> None:
    page = sample_directory.search("food pantry", limit=5)
    assert page.total > 5
    first = page.results[0]
    assert "Food Pantry" in first.resource.name or "102-04" in first.resource.categories
    assert any("food pantry" in reason.lower() for reason in first.reasons)


def test_client_words_reach_professional_wording(sample_directory: Directory) -> None:
    # The resources say "withdrawal management"; the client says "detox".
    page = sample_directory.search("detox", limit=10)
    assert page.total > 0
    for result in page.results:
        tree = {c[:6] for c in result.resource.categories}
        assert "106-01" in tree, result.resource.name
        assert any('covers "detox"' in reason for reason in result.reasons)


def test_near_filters_by_radius_or_service_area(sample_directory: Directory) -> None:
    page = sample_directory.search("food", near="94063", radius_miles=3, limit=100)
    assert page.location == "Redwood City, CA 94063"
    assert page.results
    for result in page.results:
        d = result.distance_miles
        if d is None or d > 3:
            # Outside the radius: only because its service area covers the client's place.
            area = result.resource.service_area
            covered = (
                "94063" in area.zips
                or "redwood city|CA" in area.cities
                or "san mateo|CA" in area.counties
                or "CA" in area.states
                or area.national
            )
            assert covered, result.resource.name
            assert any(reason.startswith("Serves ") for reason in result.reasons)
        else:
            assert any("miles from Redwood City" in reason for reason in result.reasons)


def test_place_without_words_lists_nearest_first(sample_directory: Directory) -> None:
    page = sample_directory.search(near="94401", radius_miles=2, limit=20)
    distances = [r.distance_miles for r in page.results if r.distance_miles is not None]
    assert distances == sorted(distances)
    assert distances and distances[-1] <= 2


def test_inactive_resources_are_never_returned(sample_directory: Directory) -> None:
    inactive = [r for r in sample_directory.resources() if r.status is not Status.ACTIVE]
    assert len(inactive) >= 12
    for resource in inactive[:12]:
        page = sample_directory.search(resource.name, limit=50)
        assert resource.id not in {r.resource.id for r in page.results}


@pytest.mark.parametrize(
    ("kwargs", "check"),
    [
        ({"languages": ["Spanish"]}, lambda r: "es" in r.languages),
        ({"free_only": True}, lambda r: r.cost.value == "free"),
        ({"categories": ["Food"]}, lambda r: any(c.startswith("102") for c in r.categories)),
        (
            {"age": 70},
            lambda r: (r.eligibility.min_age or 0) <= 70 <= (r.eligibility.max_age or 120),
        ),
        (
            {"age": 8},
            lambda r: (r.eligibility.min_age or 0) <= 8 <= (r.eligibility.max_age or 120),
        ),
    ],
)
def test_filters(sample_directory: Directory, kwargs: dict, check) -> None:  # type: ignore[no-untyped-def, type-arg]
    page = sample_directory.search("help", limit=100, **kwargs)
    assert page.results
    assert all(check(r.resource) for r in page.results)
    unfiltered = sample_directory.search("help", limit=100)
    assert page.total < unfiltered.total


def _serves_age(r: Resource, age: int) -> bool:
    return (r.eligibility.min_age or 0) <= age <= (r.eligibility.max_age or 999)


@pytest.mark.parametrize(
    ("kwargs", "check"),
    [
        ({"languages": ["es", "zh"]}, lambda r: {"es", "zh"} & set(r.languages)),
        ({"age": 18}, lambda r: _serves_age(r, 18)),
        ({"age": 0}, lambda r: _serves_age(r, 0)),
        ({"age": 64, "free_only": True}, lambda r: r.cost.value == "free" and _serves_age(r, 64)),
    ],
)
def test_filters_keep_exactly_the_resources_that_pass(
    sample_directory: Directory,
    kwargs: dict,  # type: ignore[type-arg]
    check,  # type: ignore[no-untyped-def]
) -> None:
    everything = sample_directory.search("help", limit=500)
    # Results are one per service; a service passes when one of its sites does.
    services = {r.resource.service_id for r in everything.results}
    expected = {
        r.service_id for r in sample_directory.resources() if r.service_id in services and check(r)
    }
    filtered = sample_directory.search("help", limit=500, **kwargs)
    assert expected and {r.resource.service_id for r in filtered.results} == expected


def test_open_now(sample_directory: Directory) -> None:
    late = dt.datetime(2026, 11, 24, 23, 30)  # Tuesday night
    page = sample_directory.search("help", open_now=True, now=late, limit=100)
    assert page.results
    for result in page.results:
        assert result.resource.hours is not None and result.resource.hours.is_open(late)
        assert result.open_now is True


def test_facets_count_top_level_needs(sample_directory: Directory) -> None:
    page = sample_directory.search("help", limit=5)
    assert page.facets
    assert all("-" not in code for code in page.facets)
    name, count = page.facets["102"]
    assert name == "Food"
    food_only = sample_directory.search("help", categories=["102"], limit=5)
    # Facets count sites; the total counts a service at several sites once.
    assert 0 < food_only.total <= count


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("shleter", "shelter"), ("dentel care", "dental care"), ("fod pantry", "food pantry")],
)
def test_a_misspelling_is_searched_as_its_correction(
    sample_directory: Directory, typed: str, meant: str
) -> None:
    page = sample_directory.search(typed)
    assert page.searched_for == meant and page.suggestion is None
    assert page.total == sample_directory.search(meant).total > 0
    assert page.to_dict()["searched_for"] == meant


def test_stop_words_are_not_misspellings(sample_directory: Directory) -> None:
    assert sample_directory.search("help with rent").suggestion is None


def test_a_misspelling_that_stems_right_needs_no_suggestion(sample_directory: Directory) -> None:
    page = sample_directory.search("pantri")  # stems like "pantry"
    assert page.suggestion is None and page.total > 0


def test_no_suggestion_for_words_that_match(sample_directory: Directory) -> None:
    assert sample_directory.search("food pantry").suggestion is None


def test_paging(sample_directory: Directory) -> None:
    first = sample_directory.search("food", limit=5)
    second = sample_directory.search("food", limit=5, offset=5)
    assert not {r.resource.id for r in first.results} & {r.resource.id for r in second.results}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"near": "Nowhere, ZZ"}, LocationNotFound, "is not a place we know"),
        ({"near": "94063", "radius_miles": 0}, InputError, "radius must be between 0 and 500"),
        ({"age": 130}, InputError, "age must be between 0 and 120"),
        ({"limit": 0}, InputError, "limit must be between 1 and 500"),
        ({"categories": ["Food Pantri"]}, InputError, 'did you mean "Food Pantry" (102-04)?'),
    ],
)
def test_bad_requests(
    sample_directory: Directory, kwargs: dict, error: type, message: str
) -> None:  # type: ignore[type-arg]
    with pytest.raises(error) as info:
        sample_directory.search("food", **kwargs)
    assert message in info.value.message  # type: ignore[attr-defined]


def test_results_are_json_serialisable(sample_directory: Directory) -> None:
    import json

    page = sample_directory.search("rent help", near="Daly City, CA", radius_miles=5)
    data = json.loads(json.dumps(page.to_dict()))
    assert data["results"][0]["reasons"]
    assert data["location"] == "Daly City, CA"


def test_concurrent_searches_from_threads(sample_directory: Directory) -> None:
    expected = names(sample_directory.search("food pantry", near="94063", limit=10))
    errors: list[BaseException] = []
    outcomes: list[list[str]] = []

    def work() -> None:
        try:
            for _ in range(20):
                outcomes.append(
                    names(sample_directory.search("food pantry", near="94063", limit=10))
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(outcomes) == 160 and all(o == expected for o in outcomes)


def test_when_no_resource_holds_every_word_any_word_will_do(sample_directory: Directory) -> None:
    both = sample_directory.search("pantry dentist", limit=50)
    assert both.total > 0
    words = [set(r.resource.name.lower().split()) | set(r.resource.description.lower().split())
             for r in both.results]  # fmt: skip
    assert not any({"pantry", "dentist"} <= w for w in words)
    assert sample_directory.search("pantry", limit=1).total < both.total


def test_the_word_cache_stays_within_its_bound(
    sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_match.index import whoosh_index as index

    monkeypatch.setattr(index, "TERM_CACHE_POSTINGS", 50)
    directory = Directory.open(sample_index)
    snapshot = directory._snapshot_for_query()
    for word in ("food", "rent", "clinic", "legal", "shelter", "job"):
        directory.search(word)
        assert snapshot._term_cache_size <= 50 or len(snapshot._term_cache) == 1
    assert snapshot._term_cache_size == sum(map(len, snapshot._term_cache.values()))


def test_a_zips_other_city_names_count_for_service_areas() -> None:
    from referral_match.geo.gazetteer import parse_location
    from referral_match.ranking.search import place_area_keys

    keys = place_area_keys(parse_location("94303"))  # Palo Alto, also East Palo Alto
    assert "city:palo alto|CA" in keys and "city:east palo alto|CA" in keys


def test_resources_are_decoded_once_per_generation_within_a_bound(
    sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from referral_match.index import whoosh_index as index

    monkeypatch.setattr(index, "RESOURCE_CACHE", 3)
    directory = Directory.open(sample_index)
    snapshot = directory._snapshot_for_query()
    first = snapshot.resource_at(0)
    assert snapshot.resource_at(0) is first  # kept, not decoded again
    for docnum in range(1, 4):
        snapshot.resource_at(docnum)
    assert snapshot._cached_resource.cache_info().currsize == 3
    again = snapshot.resource_at(0)  # dropped as the least recently used, decoded anew
    assert again == first and again is not first
    directory.close()
    assert snapshot._cached_resource.cache_info().currsize == 0


def test_foood_bank_finds_food_not_furniture_banks(sample_directory: Directory) -> None:
    page = sample_directory.search("foood bank", near="94063", radius_miles=10, limit=3)
    assert page.searched_for == "food bank"
    assert all("102" in c for r in page.results for c in [" ".join(r.resource.categories)])


def test_a_services_name_ranks_it_first(sample_directory: Directory) -> None:
    page = sample_directory.search("Family Support Services", near="94063", radius_miles=10)
    assert page.results[0].resource.name == "Family Support Services"
    organization = page.results[0].resource.organization
    by_org = sample_directory.search(organization, near="94063", radius_miles=10, limit=3)
    assert by_org.results[0].resource.organization == organization


def test_one_service_at_several_sites_is_one_result(sample_directory: Directory) -> None:
    page = sample_directory.search("food pantry", near="94063", radius_miles=10, limit=20)
    services = [r.resource.service_id for r in page.results]
    assert len(services) == len(set(services))
    several = [r for r in page.results if any("sites" in x for x in r.reasons)]
    assert several and "Offered at" in " ".join(several[0].reasons)


@pytest.mark.parametrize(
    ("spanish", "code"),
    [("comida", "102"), ("ayuda con la renta", "103-03"), ("guardería", "108-03")],
)
def test_spanish_words_find_what_their_english_counterparts_find(
    sample_directory: Directory, spanish: str, code: str
) -> None:
    page = sample_directory.search(spanish, near="94063", radius_miles=10, limit=5)
    assert page.results
    assert all(any(c.startswith(code) for c in r.resource.categories) for r in page.results[:3])


def test_the_total_counts_a_service_at_several_sites_once(sample_directory: Directory) -> None:
    page = sample_directory.search("food", near="94063", limit=500)
    # Every page up to the total is full but the last, and the last is not empty.
    assert page.total == len(page.results)
    last = (page.total - 1) // 10 * 10
    tail = sample_directory.search("food", near="94063", limit=10, offset=last)
    assert 1 <= len(tail.results) <= 10
