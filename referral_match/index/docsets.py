"""What one index generation knows besides words: documents per value, and points on the map.

Whoosh finds the documents that hold words; everything else a search asks (within the
radius, in a category, in the service area, speaking a language, serving an age, free, open
now, active) is answered here with sets of document numbers. They are compressed bitmaps
(``referral_match.docnums``), written once when the generation is built (``sets.bin``,
``sets.json`` and the grid's arrays) and mapped, not decoded, by every process that opens
it: N serving workers share one copy through the page cache, and opening costs
milliseconds. A value's bitmap is read from the mapping the first time a search asks for
it. Set operations run in C, so a filter costs microseconds where walking Whoosh's postings
cost milliseconds. This module knows nothing of Whoosh: the index hands it values and
points.
"""

from __future__ import annotations

import array
import datetime as dt
import functools
import json
import math
import mmap
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Protocol

import numpy as np

from referral_match.docnums import EMPTY, BitMap, FrozenBitMap, as_array, bitmap
from referral_match.geo.grid import PointGrid, distances_miles
from referral_match.schedule import WeeklySchedule, local_time

#: Between a time zone and the hours kept in its wall clock, in an ``hours`` value.
HOURS_ZONE_SEPARATOR = "@"

__all__ = ["DocumentSets", "DocumentSetsBuilder", "Filters"]

#: Answers of ``allowed`` kept: a match asks the same place and filters once per need.
ALLOWED_CACHE = 8
_SETS_FILE = "sets.bin"
_SETS_INDEX = "sets.json"

Point = tuple[float, float]
Docs = BitMap | FrozenBitMap


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


class _SavedValues(Mapping[str, FrozenBitMap]):
    """The documents of each value of one field, read from the mapped file when first asked."""

    def __init__(self, data: mmap.mmap | bytes, spans: dict[str, list[int]]) -> None:
        self._data = data
        self._spans = spans
        self._read: dict[str, FrozenBitMap] = {}

    def __getitem__(self, value: str) -> FrozenBitMap:
        docs = self._read.get(value)
        if docs is None:
            start, size = self._spans[value]  # KeyError for an unknown value, as a dict
            docs = FrozenBitMap.deserialize(self._data[start : start + size])
            self._read[value] = docs  # two threads may both read it: the same bitmap
        return docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


class DocumentSets:
    """The documents of each value of each field, and each document's point.

    ``by_value`` maps a field (``category_tree``, ``area``, ``languages``, ``cost``,
    ``min_age``, ``max_age``, ``hours``, ``status``) to its values and their documents;
    ``one_value_fields`` are those that every document has exactly one value of. Build one
    from sets and points (tests, small directories), or :meth:`save` it with a generation
    and :meth:`load` it mapped. Only read once built, so threads share it; the small cache
    has its own lock.
    """

    def __init__(
        self,
        by_value: Mapping[str, Mapping[str, Iterable[int]]],
        points: Iterable[Point | None] | PointGrid,
        one_value_fields: frozenset[str],
    ) -> None:
        self._by_value: Mapping[str, Mapping[str, FrozenBitMap]] = {
            name: {
                value: docs if isinstance(docs, FrozenBitMap) else FrozenBitMap(docs)
                for value, docs in values.items()
            }
            for name, values in by_value.items()
        }
        self._grid = points if isinstance(points, PointGrid) else PointGrid(points)
        self._one_value_fields = one_value_fields
        self._allowed_cache: OrderedDict[tuple[object, ...], Docs | None] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def _of(
        cls,
        by_value: Mapping[str, Mapping[str, FrozenBitMap]],
        grid: PointGrid,
        one_value_fields: frozenset[str],
    ) -> DocumentSets:
        """Return the sets of bitmaps and a grid as they are (saved, or just built)."""
        sets = cls({}, grid, one_value_fields)
        sets._by_value = by_value
        return sets

    def save(self, folder: Path) -> None:
        """Write the sets and the grid into a generation's folder (see :meth:`load`)."""
        spans: dict[str, dict[str, list[int]]] = {}
        offset = 0
        with (folder / _SETS_FILE).open("wb") as out:
            for name, values in self._by_value.items():
                spans[name] = {}
                for value, docs in values.items():
                    data = docs.serialize()
                    out.write(data)
                    spans[name][value] = [offset, len(data)]
                    offset += len(data)
        index = {"one_value_fields": sorted(self._one_value_fields), "fields": spans}
        (folder / _SETS_INDEX).write_text(json.dumps(index, separators=(",", ":")), "utf-8")
        self._grid.save(folder)

    @classmethod
    def load(cls, folder: Path) -> DocumentSets:
        """Return the sets saved in a generation's folder, mapped from its files."""
        index = json.loads((folder / _SETS_INDEX).read_text("utf-8"))
        data: mmap.mmap | bytes = b""
        if (folder / _SETS_FILE).stat().st_size:  # an empty file cannot be mapped
            with (folder / _SETS_FILE).open("rb") as f:
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        by_value = {name: _SavedValues(data, spans) for name, spans in index["fields"].items()}
        return cls._of(by_value, PointGrid.load(folder), frozenset(index["one_value_fields"]))

    def values(self, field_name: str) -> list[str]:
        """Return the values that some document holds in a field."""
        return list(self._by_value.get(field_name, {}))

    def docs(self, field_name: str, value: str) -> FrozenBitMap:
        """Return the documents holding a value of a field (none if no document does)."""
        values = self._by_value.get(field_name, {})
        return values[value] if value in values else EMPTY

    def docs_of(self, field_name: str, values: Iterable[str]) -> BitMap:
        """Return the documents holding any of these values of a field."""
        return BitMap.union(BitMap(), *(self.docs(field_name, v) for v in values))

    def point(self, docnum: int) -> Point | None:
        """Return the coordinates of a document, if it has any."""
        return self._grid.point(docnum)

    def allowed(self, query: Filters) -> Docs | None:
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
        frozen = None if allowed is None else FrozenBitMap(allowed)
        with self._lock:
            self._allowed_cache[key] = frozen
            while len(self._allowed_cache) > ALLOWED_CACHE:
                self._allowed_cache.popitem(last=False)
        return frozen

    def _compute_allowed(self, query: Filters) -> BitMap | None:
        allowed: BitMap | None = None
        if query.near is not None and query.radius_miles is not None:
            allowed = self._grid.within(query.near[0], query.near[1], query.radius_miles)
            allowed |= self.docs_of("area", query.area_keys)
        if query.require_codes:
            required = self.docs_of("category_tree", query.require_codes)
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
        self, allowed: BitMap | None, field_name: str, admits: Callable[[str], bool]
    ) -> BitMap:
        """Return the documents of ``allowed`` (None: all) with a value the filter admits."""
        values = self._by_value.get(field_name, {})
        admitted = [v for v in values if admits(v)]
        if allowed is None:
            return self.docs_of(field_name, admitted)
        refused = [v for v in values if not admits(v)]
        # Every document has exactly one value of these fields, so removing the refused
        # ones is the same, and cheaper when most are admitted ("no age limit").
        if field_name in self._one_value_fields and self._size(field_name, refused) < len(allowed):
            return allowed - self.docs_of(field_name, refused)
        return allowed & self.docs_of(field_name, admitted)

    def _size(self, field_name: str, values: list[str]) -> int:
        """Return how many documents hold these values of a field (once per value held)."""
        return sum(len(self.docs(field_name, v)) for v in values)

    @functools.cached_property
    def _schedules(self) -> list[tuple[str, str, WeeklySchedule]]:
        """Every distinct opening-hours value, with its time zone and hours (read once)."""
        read = []
        for value in self._by_value.get("hours", {}):
            if value == "none":
                continue
            zone, _, hours = value.rpartition(HOURS_ZONE_SEPARATOR)
            read.append((value, zone, WeeklySchedule.parse(hours)))
        return read

    def nearest(self, docs: AbstractSet[int] | Docs, near: Point | None, limit: int) -> list[int]:
        """Return up to ``limit`` of the documents, nearest first (lowest numbers if no place).

        With a place, rings of growing radius are taken from the grid until they hold enough
        of the documents, so that distances are computed for a few, not for thousands. Ties
        go to the lower document number.
        """
        if not isinstance(docs, BitMap | FrozenBitMap):
            docs = BitMap(docs)
        if near is None:
            return [int(d) for d in as_array(docs)[:limit]] if limit > 0 else []
        ring: Docs = docs
        if len(docs) > 4 * limit:  # else few enough to measure them all
            radius = 2.0
            while radius <= 4000:
                ring = self._grid.within(near[0], near[1], radius) & docs
                if len(ring) >= limit:
                    break
                # Grow the ring by the area it still lacks (counts grow with the square).
                radius *= min(max(1.5 * math.sqrt(limit / max(len(ring), 1)), 1.5), 8.0)
            if len(ring) < limit:  # the rest have no coordinates: they serve an area
                rest = as_array(docs - ring)[: limit - len(ring)]
                ring = ring | bitmap(rest)
        members = as_array(ring)
        distances = distances_miles(self._grid.coordinates[members], near[0], near[1])
        distances[np.isnan(distances)] = math.inf
        order = np.lexsort((members, distances))[:limit]  # by distance, then number
        return [int(d) for d in members[order]]

    def facets(self, docs: AbstractSet[int] | Docs) -> dict[str, int]:
        """Return how many of the documents fall under each top-level category."""
        if not isinstance(docs, BitMap | FrozenBitMap):
            docs = BitMap(docs)
        counts = {}
        for code in self._top_codes:
            n = docs.intersection_cardinality(self.docs("category_tree", code))
            if n:
                counts[code] = n
        return counts

    @functools.cached_property
    def _top_codes(self) -> list[str]:
        return [c for c in self._by_value.get("category_tree", {}) if "-" not in c]


class DocumentSetsBuilder:
    """Collects each resource's values and point as an import writes them, in their order.

    The index may number documents in another order than they were added (Whoosh writes
    them from several processes): :meth:`save` takes each added resource's document number.
    """

    def __init__(self, one_value_fields: frozenset[str]) -> None:
        self._one_value_fields = one_value_fields
        self._members: dict[str, dict[str, array.array[int]]] = defaultdict(
            lambda: defaultdict(lambda: array.array("I"))
        )
        self._points = array.array("d")
        self.count = 0

    def add(self, values: Mapping[str, Iterable[str]], point: Point | None) -> int:
        """Add one resource's values of each field and its point; return its number."""
        seq = self.count
        for name, held in values.items():
            members = self._members[name]
            for value in held:
                members[value].append(seq)
        self._points.extend(point if point is not None else (math.nan, math.nan))
        self.count += 1
        return seq

    def build(self, docnum_of: np.ndarray) -> DocumentSets:
        """Return the sets, ``docnum_of[i]`` being the document number of the i-th added."""
        by_value = {
            name: {
                value: FrozenBitMap(bitmap(docnum_of[np.frombuffer(seqs, dtype=np.uint32)]))
                for value, seqs in sorted(values.items())
            }
            for name, values in self._members.items()
        }
        added = np.frombuffer(self._points, dtype=np.float64).reshape(-1, 2)
        coordinates = np.full((len(docnum_of), 2), math.nan)
        coordinates[docnum_of] = added
        grid = PointGrid.from_coordinates(coordinates)
        return DocumentSets._of(by_value, grid, self._one_value_fields)
