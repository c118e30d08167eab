"""DocumentSets: filters, nearest-first and facets, built in memory and mapped from files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from referral_match.index.docsets import DocumentSets, DocumentSetsBuilder

# Five documents: 0-2 in Redwood City (0.7 miles apart), 3 in San Francisco, 4 with no
# point (a hotline serving the county).
POINTS = [(37.4852, -122.2364), (37.4952, -122.2364), (37.5052, -122.2364), (37.7749, -122.4194)]
SETS = DocumentSets(
    {
        "category_tree": {
            "102": frozenset({0, 1}),
            "102-04": frozenset({0}),
            "103": frozenset({2, 3, 4}),
        },
        "area": {"county:san mateo|CA": frozenset({4})},
        "languages": {"en": frozenset({0, 1, 2, 3, 4}), "es": frozenset({1, 4})},
        "cost": {"free": frozenset({0, 1, 4}), "fee": frozenset({2, 3})},
        "min_age": {"none": frozenset({0, 2, 4}), "18": frozenset({1}), "60": frozenset({3})},
        "max_age": {"none": frozenset({0, 1, 3, 4}), "17": frozenset({2})},
        "hours": {"none": frozenset({3, 4}), "Mon-Fri 9:00-17:00": frozenset({0, 1, 2})},
    },
    [*POINTS, None],
    frozenset({"cost", "min_age", "max_age", "hours"}),
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> DocumentSets:
    """The same sets, saved into a folder and mapped back from it."""
    folder = tmp_path_factory.mktemp("sets")
    SETS.save(folder)
    return DocumentSets.load(folder)


@dataclass(frozen=True)
class Query:
    near: tuple[float, float] | None = None
    radius_miles: float | None = None
    area_keys: tuple[str, ...] = ()
    require_codes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    age: int | None = None
    free_only: bool = False
    open_at: dt.datetime | None = None


RWC = (37.4852, -122.2364)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(), None),
        (Query(near=RWC, radius_miles=1), {0, 1}),  # 2 is 1.4 miles away
        (Query(near=RWC, radius_miles=1, area_keys=("county:san mateo|CA",)), {0, 1, 4}),
        (Query(require_codes=("102",)), {0, 1}),
        (Query(languages=("es",)), {1, 4}),
        (Query(free_only=True), {0, 1, 4}),
        (Query(age=17), {0, 2, 4}),  # 1 serves 18 and over, 3 is for 60 and over
        (Query(age=18), {0, 1, 4}),  # 2 serves up to 17
        (Query(age=60, free_only=True, languages=("en",)), {0, 1, 4}),
        (Query(open_at=dt.datetime(2026, 11, 24, 10, 0)), {0, 1, 2}),  # a Tuesday morning
        (Query(open_at=dt.datetime(2026, 11, 29, 10, 0)), set()),  # a Sunday
        (Query(near=RWC, radius_miles=1, age=18, free_only=True), {0, 1}),
    ],
)
def test_allowed(query: Query, expected: set[int] | None, saved: DocumentSets) -> None:
    for sets in (SETS, saved):
        allowed = sets.allowed(query)
        assert (None if allowed is None else set(allowed)) == expected


def test_allowed_answers_are_kept() -> None:
    query = Query(near=RWC, radius_miles=5, languages=("en",))
    assert SETS.allowed(query) is SETS.allowed(Query(near=RWC, radius_miles=5, languages=("en",)))


def test_nearest_first_and_without_a_place_lowest_numbers(saved: DocumentSets) -> None:
    for sets in (SETS, saved):
        assert sets.nearest({0, 1, 2, 3, 4}, (37.5052, -122.2364), 3) == [2, 1, 0]
        assert sets.nearest({4, 3, 2}, None, 2) == [2, 3]
        # The documents without a point come last.
        assert sets.nearest({3, 4}, RWC, 2) == [3, 4]


def test_nearest_takes_rings_when_there_are_many() -> None:
    # 2,000 points on a line going north from Redwood City, 0.07 miles apart, every
    # tenth without a point: the nearest 5 are found in a ring, then the rest by number.
    points = [None if i % 10 == 9 else (37.4852 + i * 0.001, -122.2364) for i in range(2000)]
    sets = DocumentSets({"category_tree": {}}, points, frozenset())
    assert sets.nearest(set(range(2000)), RWC, 5) == [0, 1, 2, 3, 4]
    assert sets.nearest(set(range(1500, 2000)), RWC, 3) == [1500, 1501, 1502]
    assert sets.nearest({9, 19, 29, 5}, RWC, 3) == [5, 9, 19]


def test_facets_count_top_level_categories(saved: DocumentSets) -> None:
    for sets in (SETS, saved):
        assert sets.facets({0, 1, 2}) == {"102": 2, "103": 1}
        assert not sets.docs("category_tree", "999")
        assert sets.point(4) is None and sets.point(0) == POINTS[0]
        assert sets.values("cost") == ["free", "fee"]


def test_builder_numbers_documents_as_the_index_does(tmp_path: Path) -> None:
    # Added in one order, numbered in another (as Whoosh's writer processes do).
    builder = DocumentSetsBuilder(frozenset({"cost"}))
    builder.add({"cost": ["free"], "languages": ["en", "es"]}, RWC)
    builder.add({"cost": ["fee"], "languages": ["en"]}, None)
    builder.add({"cost": ["free"], "languages": []}, POINTS[3])
    built = builder.build(np.array([2, 0, 1], dtype=np.uint32))
    built.save(tmp_path)
    for sets in (built, DocumentSets.load(tmp_path)):
        assert set(sets.docs("cost", "free")) == {2, 1}
        assert set(sets.docs("languages", "es")) == {2}
        assert [sets.point(d) for d in range(3)] == [None, POINTS[3], RWC]
        assert sets.nearest({0, 1, 2}, RWC, 3) == [2, 1, 0]
