"""What one index generation keeps in memory: documents per value, and points on the map.

Whoosh finds the documents that hold words; everything else a search asks (within the
radius, in a category, in the service area, speaking a language, serving an age, free, open
now) is answered here with sets of document numbers, read once when the generation is
opened. Set operations run in C, so a filter costs microseconds where walking Whoosh's
postings cost milliseconds. This module knows nothing of Whoosh: the index hands it plain
sets and points.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Protocol

from referral_match.geo.grid import PointGrid
from referral_match.geo.places import distance_miles
from referral_match.schedule import WeeklySchedule, local_time

#: Between a time zone and the hours kept in its wall clock, in an ``hours`` value.
HOURS_ZONE_SEPARATOR = "@"

__all__ = ["DocumentSets", "Filters"]

#: Answers of ``allowed`` kept: a match asks the same place and filters once per need.
ALLOWED_CACHE = 8

Point = tuple[float, float]


class Filters(Protocol):
    """What limits a search besides its words (the index's query has these fields)."""

    @property
    def near(self) -> Point | None: ...
    @property
    def radius_miles(self) -> float | None: ...
    @property
    def area_keys(self) -> tuple[str, ...]: ...
    @property
    def require_codes(self) -> tuple[str, ...]: ...
    @property
    def languages(self) -> tuple[str, ...]: ...
    @property
    def age(self) -> int | None: ...
    @property
    def free_only(self) -> bool: ...
    @property
    def open_at(self) -> dt.datetime | None: ...


class DocumentSets:
    """The documents of each value of each field, and each document's point.

    ``by_value`` maps a field (``category_tree``, ``area``, ``languages``, ``cost``,
    ``min_age``, ``max_age``, ``hours``) to its values and their documents;
    ``one_value_fields`` are those that every document has exactly one value of. Built once
    and only read afterwards, so threads share it; the small cache has its own lock.
    """

    def __init__(
        self,
        by_value: dict[str, dict[str, frozenset[int]]],
        points: list[Point | None],
        one_value_fields: frozenset[str],
    ) -> None:
        self._by_value = by_value
        self._points = points
        self._grid = PointGrid(points)
        self._one_value_fields = one_value_fields
        self._top_codes = [c for c in by_value["category_tree"] if "-" not in c]
        self._allowed_cache: OrderedDict[tuple[object, ...], AbstractSet[int] | None] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def docs(self, field_name: str, value: str) -> frozenset[int]:
        """Return the documents holding a value of a field (none if no document does)."""
        return self._by_value[field_name].get(value, frozenset())

    def point(self, docnum: int) -> Point | None:
        """Return the coordinates of a document, if it has any."""
        return self._points[docnum]

    def allowed(self, query: Filters) -> AbstractSet[int] | None:
        """Return the documents the place and filters admit, or None when nothing limits.

        The answer is shared with the cache: callers must not change it.
        """
        key = (
            query.near,
            query.radius_miles,
            query.area_keys,
            query.require_codes,
            query.languages,
            query.age,
            query.free_only,
            query.open_at,
        )
        with self._lock:
            if key in self._allowed_cache:
                self._allowed_cache.move_to_end(key)
                return self._allowed_cache[key]
        allowed = self._compute_allowed(query)
        with self._lock:
            self._allowed_cache[key] = allowed
            while len(self._allowed_cache) > ALLOWED_CACHE:
                self._allowed_cache.popitem(last=False)
        return allowed

    def _compute_allowed(self, query: Filters) -> set[int] | None:
        allowed: set[int] | None = None
        if query.near is not None and query.radius_miles is not None:
            allowed = self._grid.within(query.near[0], query.near[1], query.radius_miles)
            for key in query.area_keys:
                allowed.update(self.docs("area", key))
        if query.require_codes:
            required: set[int] = set()
            for code in query.require_codes:
                required.update(self.docs("category_tree", code))
            allowed = required if allowed is None else allowed & required
        for field_name, admits in self._filters(query):
            allowed = self._keep(allowed, field_name, admits)
        return allowed

    def _filters(self, query: Filters) -> list[tuple[str, Callable[[str], bool]]]:
        """Return the query's filters: a field and the values it admits."""
        filters: list[tuple[str, Callable[[str], bool]]] = []
        if query.languages:
            filters.append(("languages", lambda v: v in query.languages))
        if query.free_only:
            filters.append(("cost", lambda v: v == "free"))
        if (age := query.age) is not None:
            # "none" means no limit that way.
            filters.append(("min_age", lambda v: v == "none" or int(v) <= age))
            filters.append(("max_age", lambda v: v == "none" or int(v) >= age))
        if (when := query.open_at) is not None:
            # A value is "ZONE@HOURS" (hours in that zone's wall clock) or just "HOURS".
            open_values = {
                value
                for value, zone, hours in self._schedules
                if hours.is_open(local_time(when, zone))
            }
            filters.append(("hours", open_values.__contains__))
        return filters

    def _keep(
        self, allowed: set[int] | None, field_name: str, admits: Callable[[str], bool]
    ) -> set[int]:
        """Return the documents of ``allowed`` (None: all) with a value the filter admits."""
        admitted: list[frozenset[int]] = []
        refused: list[frozenset[int]] = []
        for value, docs in self._by_value[field_name].items():
            (admitted if admits(value) else refused).append(docs)
        if allowed is None:
            return set().union(*admitted)
        # Every document has exactly one value of these fields, so removing the refused
        # ones is the same, and cheaper when most are admitted ("no age limit").
        if field_name in self._one_value_fields and sum(map(len, refused)) < len(allowed):
            return allowed.difference(*refused)
        return allowed & set().union(*admitted)

    @functools.cached_property
    def _schedules(self) -> list[tuple[str, str, WeeklySchedule]]:
        """Every distinct opening-hours value, with its time zone and hours (read once)."""
        read = []
        for value in self._by_value["hours"]:
            if value == "none":
                continue
            zone, _, hours = value.rpartition(HOURS_ZONE_SEPARATOR)
            # Keyword values come back with spaces for underscores; zone names have none.
            read.append((value, zone.replace(" ", "_"), WeeklySchedule.parse(hours)))
        return read

    def nearest(self, docs: AbstractSet[int], near: Point | None, limit: int) -> list[int]:
        """Return up to ``limit`` of the documents, nearest first (lowest numbers if no place).

        With a place, rings of growing radius are taken from the grid until they hold enough
        of the documents, so that distances are computed for a few, not for thousands.
        """
        ring: AbstractSet[int]
        if near is None or len(docs) <= 4 * limit:
            ring = docs  # few enough to measure them all
        else:
            ring = set()
            radius = 2.0
            while radius <= 4000:
                ring = self._grid.within(near[0], near[1], radius) & docs
                if len(ring) >= limit:
                    break
                # Grow the ring by the area it still lacks (counts grow with the square).
                radius *= min(max(1.5 * math.sqrt(limit / max(len(ring), 1)), 1.5), 8.0)
            if len(ring) < limit:  # the rest have no coordinates: they serve an area
                ring = set(ring) | set(heapq.nsmallest(limit - len(ring), set(docs) - ring))
        if near is None:
            return heapq.nsmallest(limit, ring)
        lat, lon = near
        points = self._points

        def distance(docnum: int) -> float:
            point = points[docnum]
            return math.inf if point is None else distance_miles(lat, lon, point[0], point[1])

        return heapq.nsmallest(limit, ring, key=distance)

    def facets(self, docs: AbstractSet[int]) -> dict[str, int]:
        """Return how many of the documents fall under each top-level category."""
        counts = {}
        for code in self._top_codes:
            n = len(docs & self.docs("category_tree", code))
            if n:
                counts[code] = n
        return counts
