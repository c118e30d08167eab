"""DocumentSets: filters, nearest-first and facets on plain in-memory sets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from referral_match.index.docsets import DocumentSets

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
def test_allowed(query: Query, expected: set[int] | None) -> None:
    assert SETS.allowed(query) == expected


def test_allowed_answers_are_kept() -> None:
    query = Query(near=RWC, radius_miles=5, languages=("en",))
    assert SETS.allowed(query) is SETS.allowed(Query(near=RWC, radius_miles=5, languages=("en",)))


def test_nearest_first_and_without_a_place_lowest_numbers() -> None:
    assert SETS.nearest({0, 1, 2, 3, 4}, (37.5052, -122.2364), 3) == [2, 1, 0]
    assert SETS.nearest({4, 3, 2}, None, 2) == [2, 3]
    # The documents without a point come last.
    assert SETS.nearest({3, 4}, RWC, 2) == [3, 4]


def test_facets_count_top_level_categories() -> None:
    assert SETS.facets({0, 1, 2}) == {"102": 2, "103": 1}
    assert SETS.docs("category_tree", "999") == frozenset()
    assert SETS.point(4) is None and SETS.point(0) == POINTS[0]
