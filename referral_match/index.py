"""The Whoosh index: build it atomically, open it once, search it from many threads.

This is the only module that imports Whoosh. It takes and returns our own types
(:class:`IndexQuery`, :class:`IndexHit`, :class:`~referral_match.model.Resource`).

On disk an index folder holds generations::

    INDEX/
      current -> gen-20261126T203000-3f2a      (symlink, replaced atomically)
      gen-20261126T203000-3f2a/                (Whoosh files + meta.json)
      .building-.../                           (an import in progress, or a killed one)

An import builds a whole new generation beside the live one and only then points
``current`` at it with one ``rename``; a failed or killed import leaves ``current`` as it
was. Readers notice the new generation on their next query.

Geography is not filtered with Whoosh numeric ranges (slow when many documents fall in the
box): each opened generation keeps every resource's coordinates in memory in a
:class:`~referral_match.geo.PointGrid`, turns "within N miles" into a set of document
numbers, and hands that set to Whoosh as a filter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import heapq
import json
import math
import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import whoosh.index
from whoosh import sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Every, Or, Query, Term

from referral_match.errors import IndexFailure, IndexNotFound
from referral_match.geo import distance_miles
from referral_match.grid import PointGrid
from referral_match.model import Resource, Status
from referral_match.schedule import WeeklySchedule
from referral_match.taxonomy import Taxonomy

__all__ = ["IndexHit", "IndexQuery", "IndexResults", "IndexStore", "Snapshot", "analyze"]

_NO_COORDINATE = 999.0
_CURRENT = "current"
_LOCK = ".import.lock"
_META = "meta.json"
#: Generations kept besides the current one, so that readers still on them can finish.
_KEEP_OLD = 1

#: Text fields searched for the words of a query, with their weights.
TEXT_FIELD_BOOSTS: dict[str, float] = {
    "name": 3.0,
    "keywords": 2.0,
    "category_names": 2.0,
    "organization": 1.0,
    "text": 1.0,
}


_ANALYZER = StemmingAnalyzer()


def analyze(text: str) -> list[str]:
    """Return the index tokens of a text (lower case, stemmed, without stop words)."""
    return [token.text for token in _ANALYZER(text)]


def _schema() -> Schema:
    analyzer = _ANALYZER
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=analyzer),
        organization=TEXT(analyzer=analyzer),
        keywords=TEXT(analyzer=analyzer),
        category_names=TEXT(analyzer=analyzer),
        # Everything a client might search for, in one field that also feeds "did you mean".
        text=TEXT(analyzer=analyzer, spelling=True),
        category=KEYWORD(),
        category_tree=KEYWORD(),
        top_category=KEYWORD(),
        languages=KEYWORD(),
        status=ID(),
        cost=ID(),
        min_age=ID(),
        max_age=ID(),
        area=KEYWORD(),
        hours=ID(),
        lat=COLUMN(NumericColumn("d", default=_NO_COORDINATE)),
        lon=COLUMN(NumericColumn("d", default=_NO_COORDINATE)),
        payload=STORED(),
    )


def area_terms(resource: Resource) -> list[str]:
    """Return the service-area keys of a resource, as stored in the ``area`` field."""
    area = resource.service_area
    terms = [f"zip:{z}" for z in area.zips]
    terms += [f"city:{c}" for c in area.cities]
    terms += [f"county:{c}" for c in area.counties]
    terms += [f"state:{s}" for s in area.states]
    if area.national:
        terms.append("national")
    return terms


def _document(resource: Resource, taxonomy: Taxonomy) -> dict[str, Any]:
    """Return the Whoosh fields of one resource."""
    tree: dict[str, None] = {}
    names: list[str] = []
    for code in resource.categories:
        tree[code] = None
        term = taxonomy.get(code)
        if term is not None:
            names.append(term.name)
        for ancestor in taxonomy.ancestors(code):
            tree[ancestor.code] = None
    category_names = " ".join(names)
    keywords = " ".join(resource.keywords)
    el = resource.eligibility
    doc: dict[str, Any] = {
        "id": resource.id,
        "name": resource.name,
        "organization": resource.organization,
        "keywords": keywords,
        "category_names": category_names,
        "text": " ".join(
            (
                resource.name,
                resource.organization,
                resource.description,
                keywords,
                category_names,
                el.text,
            )
        ),
        "category": " ".join(resource.categories),
        "category_tree": " ".join(tree),
        "top_category": " ".join(c for c in tree if "-" not in c),
        "languages": " ".join(resource.languages),
        "status": resource.status.value.replace(" ", "_"),
        "cost": resource.cost.value.replace(" ", "_"),
        "min_age": "none" if el.min_age is None else str(el.min_age),
        "max_age": "none" if el.max_age is None else str(el.max_age),
        "area": " ".join(t.replace(" ", "_") for t in area_terms(resource)),
        "hours": "none" if resource.hours is None else resource.hours.to_text(),
        "payload": json.dumps(resource.to_dict(), separators=(",", ":")),
    }
    if resource.latitude is not None and resource.longitude is not None:
        doc["lat"] = resource.latitude
        doc["lon"] = resource.longitude
    return doc


@dataclass(frozen=True, slots=True)
class IndexQuery:
    """What to look for: words, category boosts, and filters. Empty means no constraint."""

    text: str = ""
    #: Category codes whose resources score higher, with their weights (query expansion).
    boost_codes: dict[str, float] = field(default_factory=dict)
    #: Only resources in any of these categories (or their subcategories).
    require_codes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    age: int | None = None
    free_only: bool = False
    open_at: dt.datetime | None = None
    near: tuple[float, float] | None = None
    radius_miles: float | None = None
    #: Service-area keys (``zip:94063``, ``county:san mateo|CA``...) that also admit a
    #: resource outside the radius.
    area_keys: tuple[str, ...] = ()
    include_inactive: bool = False
    limit: int = 100
    facets: bool = False
    suggest: bool = False


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One matching resource with its text score and the query words it matched."""

    resource: Resource
    score: float
    docnum: int
    matched: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class IndexResults:
    """The top hits of a query, the number of all matches, and facet counts."""

    hits: list[IndexHit]
    total: int
    facets: dict[str, int]
    suggestion: str | None


class Snapshot:
    """One opened generation of the index, shared by all threads.

    Whoosh searchers are not shared between threads: each thread gets its own, opened on
    first use and kept for the life of the snapshot.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._ix = whoosh.index.open_dir(str(path))
        except Exception as exc:  # Whoosh raises many kinds; all mean "cannot open"
            raise IndexFailure(f"The index in {path} cannot be opened: {exc}") from exc
        self.meta: dict[str, Any] = json.loads((path / _META).read_text("utf-8"))
        self._local = threading.local()
        self._searchers: list[Any] = []
        self._lock = threading.Lock()
        reader = self._searcher().reader()
        self.count: int = reader.doc_count()
        lats = list(reader.column_reader("lat"))
        lons = list(reader.column_reader("lon"))
        self._points: list[tuple[float, float] | None] = [
            None if lat == _NO_COORDINATE else (lat, lon)
            for lat, lon in zip(lats, lons, strict=True)
        ]
        self._grid = PointGrid(self._points)
        self._parser = MultifieldParser(
            list(TEXT_FIELD_BOOSTS),
            self._ix.schema,
            fieldboosts=TEXT_FIELD_BOOSTS,
            group=OrGroup.factory(0.9),
        )

    def _searcher(self) -> Any:
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._ix.searcher()
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def close(self) -> None:
        """Close every searcher and the index."""
        with self._lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
        self._ix.close()

    def point(self, docnum: int) -> tuple[float, float] | None:
        """Return the coordinates of a document, if it has any."""
        return self._points[docnum]

    def get(self, resource_id: str) -> Resource | None:
        """Return the resource with this id, or None."""
        searcher = self._searcher()
        fields = searcher.document(id=resource_id)
        if fields is None:
            return None
        return Resource.from_dict(json.loads(fields["payload"]))

    def resources(self) -> Iterator[Resource]:
        """Yield every resource in the index."""
        for fields in self._searcher().reader().all_stored_fields():
            yield Resource.from_dict(json.loads(fields["payload"]))

    def lexicon(self, field_name: str) -> list[str]:
        """Return the distinct values indexed in a keyword field."""
        return [v.decode("utf-8") for v in self._searcher().lexicon(field_name)]

    def search(self, query: IndexQuery) -> IndexResults:
        """Run a query and return the top ``query.limit`` hits by text score."""
        searcher = self._searcher()
        try:
            return self._search(searcher, query)
        except IndexFailure:
            raise
        except Exception as exc:
            raise IndexFailure(f"The search failed in the index {self.path}: {exc}") from exc

    def _search(self, searcher: Any, query: IndexQuery) -> IndexResults:
        scoring: list[Query] = []
        text_query = None
        if query.text.strip():
            text_query = self._parser.parse(query.text)
            scoring.append(text_query)
        if query.boost_codes:
            scoring.extend(
                Term("category_tree", code, boost=weight)
                for code, weight in query.boost_codes.items()
            )
        matcher: Query = Or(scoring) if scoring else Every()
        filters = self._filters(searcher, query)
        allowed: set[int] | None = None
        if query.near is not None and query.radius_miles is not None:
            allowed = self._grid.within(query.near[0], query.near[1], query.radius_miles)
            if query.area_keys:
                areas = Or([Term("area", k.replace(" ", "_")) for k in query.area_keys])
                allowed.update(searcher.docs_for_query(areas))
            if filters:
                allowed.intersection_update(searcher.docs_for_query(And(filters)))
        mask = None
        if not query.include_inactive:
            mask = Or(
                [Term("status", s.value.replace(" ", "_")) for s in Status if s != Status.ACTIVE]
            )
        if not scoring and allowed is not None:
            return self._nearest(searcher, query, allowed, mask)
        kwargs: dict[str, Any] = {
            "limit": max(query.limit, 1),
            "mask": mask,
            "terms": text_query is not None,
        }
        if allowed is not None:
            kwargs["filter"] = allowed
        elif filters:
            kwargs["filter"] = And(filters)
        if query.facets:
            kwargs["groupedby"] = {
                "top_category": sorting.FieldFacet("top_category", allow_overlap=True)
            }
            kwargs["maptype"] = sorting.Count
        results = searcher.search(matcher, **kwargs)
        hits = []
        for hit in results:
            matched: tuple[tuple[str, str], ...] = ()
            if text_query is not None and hit.matched_terms():
                matched = tuple(
                    (f, t.decode("utf-8") if isinstance(t, bytes) else str(t))
                    for f, t in hit.matched_terms()
                )
            resource = Resource.from_dict(json.loads(hit["payload"]))
            hits.append(IndexHit(resource, float(hit.score or 0.0), hit.docnum, matched))
        facets: dict[str, int] = {}
        if query.facets:
            facets = {str(k): int(v) for k, v in results.groups("top_category").items()}
        suggestion = None
        if query.suggest and text_query is not None:
            corrected = searcher.correct_query(text_query, query.text, prefix=1)
            if corrected.query != text_query:
                suggestion = corrected.string
        return IndexResults(hits, len(results), facets, suggestion)

    def _nearest(
        self, searcher: Any, query: IndexQuery, allowed: set[int], mask: Query | None
    ) -> IndexResults:
        """Return the allowed documents nearest first (a search with a place but no words)."""
        if mask is not None:
            allowed.difference_update(searcher.docs_for_query(mask))
        assert query.near is not None
        lat, lon = query.near
        points = self._points

        def distance(docnum: int) -> float:
            point = points[docnum]
            return math.inf if point is None else distance_miles(lat, lon, point[0], point[1])

        nearest = heapq.nsmallest(query.limit, allowed, key=distance)
        hits = [
            IndexHit(
                Resource.from_dict(json.loads(searcher.stored_fields(d)["payload"])), 1.0, d, ()
            )
            for d in nearest
        ]
        facets: dict[str, int] = {}
        if query.facets and allowed:
            counts = searcher.search(
                Every(),
                filter=allowed,
                limit=1,
                groupedby={"top_category": sorting.FieldFacet("top_category", allow_overlap=True)},
                maptype=sorting.Count,
            ).groups("top_category")
            facets = {str(k): int(v) for k, v in counts.items()}
        return IndexResults(hits, len(allowed), facets, None)

    def _filters(self, searcher: Any, query: IndexQuery) -> list[Query]:
        filters: list[Query] = []
        if query.require_codes:
            filters.append(Or([Term("category_tree", c) for c in query.require_codes]))
        if query.languages:
            filters.append(Or([Term("languages", lang) for lang in query.languages]))
        if query.free_only:
            filters.append(Term("cost", "free"))
        if query.age is not None:
            age = query.age
            filters.append(
                Or(
                    [Term("min_age", "none")]
                    + [Term("min_age", str(a)) for a in range(0, age + 1)]
                )
            )
            filters.append(
                Or([Term("max_age", "none")] + [Term("max_age", str(a)) for a in range(age, 121)])
            )
        if query.open_at is not None:
            open_keys = [
                key
                for key in self.lexicon("hours")
                if key != "none" and WeeklySchedule.parse(key).is_open(query.open_at)
            ]
            filters.append(Or([Term("hours", k) for k in open_keys]) if open_keys else _NOTHING)
        return filters


_NOTHING = Term("id", "\x00no document has this id\x00")


class IndexStore:
    """The index folder: its generations, the atomic swap, and the import lock."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def current(self) -> Path | None:
        """Return the folder of the generation now serving, or None if nothing was imported."""
        link = self.root / _CURRENT
        try:
            target = os.readlink(link)
        except (FileNotFoundError, NotADirectoryError):
            return None
        path = self.root / target
        return path if path.is_dir() else None

    def open(self) -> Snapshot:
        """Open the current generation, or raise IndexNotFound."""
        path = self.current()
        if path is None:
            raise IndexNotFound(str(self.root))
        return Snapshot(path)

    @contextlib.contextmanager
    def _import_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / _LOCK, "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexFailure(
                    f"Another import into {self.root} is running; wait for it to finish."
                ) from None
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def build(
        self,
        resources: Iterable[Resource],
        taxonomy: Taxonomy,
        *,
        meta: dict[str, Any] | None = None,
        accept: Callable[[int], bool] = lambda count: count > 0,
    ) -> Path | None:
        """Index the resources into a new generation and make it current.

        ``accept(count)`` is asked once every resource is written; when it says no, or when
        anything fails or the process is killed, the new generation is thrown away and the
        current one keeps serving. Returns the new generation's folder, or None if refused.
        """
        with self._import_lock():
            self._remove_stale()
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
            name = f"gen-{stamp}-{secrets.token_hex(3)}"
            building = self.root / f".building-{name}"
            building.mkdir()
            try:
                ix = whoosh.index.create_in(str(building), _schema())
                writer = ix.writer(limitmb=256)
                count = 0
                try:
                    for resource in resources:
                        writer.add_document(**_document(resource, taxonomy))
                        count += 1
                except BaseException:
                    writer.cancel()
                    raise
                if not accept(count):
                    writer.cancel()
                    ix.close()
                    shutil.rmtree(building, ignore_errors=True)
                    return None
                writer.commit()
                ix.close()
                info = dict(meta or {})
                info.update(
                    count=count, built=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                )
                (building / _META).write_text(json.dumps(info, indent=2), "utf-8")
                final = self.root / name
                building.rename(final)
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
            self._point_current_at(name)
            self._remove_old(keep=name)
            return final

    def _point_current_at(self, name: str) -> None:
        temp = self.root / f".current-{secrets.token_hex(4)}"
        os.symlink(name, temp)
        os.replace(temp, self.root / _CURRENT)  # atomic on POSIX
        fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _remove_stale(self) -> None:
        # Left by a killed import: only ever removed while holding the import lock.
        for path in self.root.glob(".building-*"):
            shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob(".current-*"):
            path.unlink(missing_ok=True)

    def _remove_old(self, keep: str) -> None:
        generations = sorted(p for p in self.root.glob("gen-*") if p.name != keep)
        for path in generations[: max(len(generations) - _KEEP_OLD, 0)]:
            shutil.rmtree(path, ignore_errors=True)
