"""The Whoosh index: build it atomically, open it once, search it from many threads.

With ``whoosh_writer`` (its writer in child processes) this is the only module that imports
Whoosh. It takes and returns our own types (:class:`IndexQuery`, :class:`IndexHit`,
:class:`~referral_match.model.Resource`).

Each import builds a whole new generation beside the live one, which becomes current only
once complete (``generations.py``: folders, lock, atomic swap); a failed or killed import
leaves the live one serving. Readers notice the new generation on their next query.
A generation holds the Whoosh files (words, ids and the stored resources only), the
document sets and points (``docsets.py``), ``lengths.npy`` (each document's length, for
BM25), ``meta.json`` and ``words.txt`` (for "did you mean"). Every process that opens it
maps those side files rather than reading them: N serving workers share one copy through
the page cache, and opening takes milliseconds whatever the directory's size.

How a query runs, and why (measured at 100,000 resources, see ``bench/``):

- Words are searched in one text field, ``all``, where a resource's name is repeated three
  times and its keywords and category names twice: BM25 over one field costs a fifth of a
  query over five boosted fields, and the repetition gives names their weight. All words
  must match; when none do together, any word may.
- Geography is not filtered with Whoosh numeric ranges (slow when many documents fall in
  the box), nor are categories, service areas, languages, ages, cost or hours in Whoosh
  at all (a broad category costs as much as a common word): they are bitmaps of document
  numbers and a grid of points, written with the generation (``docsets.py``), so that
  filters are set operations in C.
- A word's documents and counts are read from Whoosh once and kept as numpy arrays; BM25
  is then computed for all candidates at once, as Whoosh's BM25F scores one field.
- Totals and facet counts come from the same sets, not from a second pass.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import whoosh.index
from whoosh.analysis import StemmingAnalyzer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, TEXT, Schema
from whoosh.spelling import ListCorrector

from referral_match.docnums import EMPTY, BitMap, FrozenBitMap, as_array, bitmap, mapped_array
from referral_match.errors import IndexFailure, IndexNotFound
from referral_match.index.docsets import HOURS_ZONE_SEPARATOR, DocumentSets, DocumentSetsBuilder
from referral_match.index.generations import Generations
from referral_match.index.records import Records, RecordWriter
from referral_match.index.records import encode as encode_record
from referral_match.index.whoosh_writer import AGAIN, IndexingWriter, indexing_processes
from referral_match.model import Resource, Status
from referral_match.taxonomy import Taxonomy

__all__ = [
    "IndexHit",
    "IndexQuery",
    "IndexResults",
    "IndexStore",
    "Snapshot",
    "analyze",
    "area_terms",
]

_META = "meta.json"
_WORDS_FILE = "words.txt"
_LENGTHS_FILE = "lengths.npy"
#: The longest word a spelling correction is looked for ("telecommunications" is 18).
_LONGEST_CORRECTED = 30
#: The layout of a generation (schema, side files). Bump it when that layout changes: an
#: index of another format is refused with a message to import again.
INDEX_FORMAT = 2
#: Words held by more than this share of resources are dropped from a query that has rarer
#: words (see Snapshot._text_matches).
COMMON_TERM_SHARE = 0.2
#: Postings kept in memory: each word's documents and counts (about 10 bytes each).
TERM_CACHE_POSTINGS = 1_000_000
#: Whoosh's BM25F parameters (its defaults, which the index's searchers use).
_BM25_B, _BM25_K1 = 0.75, 1.2
#: Resources kept decoded per opened generation. Resources never change within a
#: generation, and a match reads the same few dozen near the client again and again;
#: decoding one (zlib, JSON, dataclasses) costs about 60 µs. A resource is a few KB.
RESOURCE_CACHE = 4096
#: How often each part of a resource is repeated in the ``all`` field (its weight).
FIELD_REPEATS = {"name": 3, "keywords": 2, "category_names": 2, "organization": 1, "text": 1}

_ANALYZER = StemmingAnalyzer()
_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def analyze(text: str) -> list[str]:
    """Return the index tokens of a text (lower case, stemmed, without stop words)."""
    return [token.text for token in _ANALYZER(text)]


def _schema() -> Schema:
    # Only what Whoosh does best: the words and the ids (the resources themselves are in
    # records.py, the filters in docsets.py). ``seq`` is
    # the order a resource was added in: Whoosh's writer processes number documents in
    # another order, and the side files (docsets.py) are collected in this one.
    return Schema(
        id=ID(stored=True, unique=True),
        all=TEXT(analyzer=_ANALYZER, phrase=False),
        seq=COLUMN(NumericColumn("I")),
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


#: The fields of the document sets that hold exactly one value for every document.
_ONE_VALUE_FIELDS = frozenset({"status", "cost", "min_age", "max_age", "hours"})


def _docnums_by_seq(reader: Any, count: int) -> np.ndarray:
    """Return the document number of each resource, by the order it was added in (seq).

    Segment by segment: each segment's own reader gives its column for all its documents,
    deleted ones included (they are skipped).
    """
    docnum_of = np.zeros(count, dtype=np.uint32)
    for segment, offset in reader.leaf_readers():
        total = segment.doc_count_all()
        seqs = np.fromiter(segment.column_reader("seq"), dtype=np.int64, count=total)
        docnums = offset + np.arange(total, dtype=np.uint32)
        if segment.has_deletions():
            live = np.array([not segment.is_deleted(d) for d in range(total)], dtype=bool)
            seqs, docnums = seqs[live], docnums[live]
        docnum_of[seqs] = docnums
    return docnum_of


def _zoned_hours(resource: Resource) -> str:
    """Return the hours as the ``hours`` field keeps them: "ZONE@HOURS", or "HOURS"."""
    assert resource.hours is not None
    hours = resource.hours.to_text()
    return f"{resource.timezone}{HOURS_ZONE_SEPARATOR}{hours}" if resource.timezone else hours


def _category_names(resource: Resource, taxonomy: Taxonomy) -> str:
    return " ".join(t.name for code in resource.categories if (t := taxonomy.get(code)))


def _set_values(resource: Resource, taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Return the values of one resource in each field of the document sets."""
    tree = dict.fromkeys(
        code
        for own in resource.categories
        for code in (own, *(t.code for t in taxonomy.ancestors(own)))
    )
    el = resource.eligibility
    return {
        "category_tree": list(tree),
        "area": area_terms(resource),
        "languages": list(dict.fromkeys(resource.languages)),
        "status": [resource.status.value],
        "cost": [resource.cost.value],
        "min_age": ["none" if el.min_age is None else str(el.min_age)],
        "max_age": ["none" if el.max_age is None else str(el.max_age)],
        "hours": ["none" if resource.hours is None else _zoned_hours(resource)],
    }


def _point(resource: Resource) -> tuple[float, float] | None:
    if resource.latitude is not None and resource.longitude is not None:
        return resource.latitude, resource.longitude
    return None


def _document(resource: Resource, taxonomy: Taxonomy, seq: int) -> dict[str, Any]:
    """Return the Whoosh fields of one resource, the ``seq``-th added."""
    el = resource.eligibility
    parts = {
        "name": resource.name,
        "keywords": " ".join(resource.keywords),
        "category_names": _category_names(resource, taxonomy),
        "organization": resource.organization,
        "text": f"{resource.description} {el.text}",
    }
    return {
        "id": resource.id,
        "all": " ".join(" ".join([parts[k]] * n) for k, n in FIELD_REPEATS.items()),
        "seq": seq,
    }


def _vocabulary_words(resource: Resource, taxonomy: Taxonomy) -> list[str]:
    """Return the words of a resource that "did you mean" may suggest."""
    text = " ".join(
        (
            resource.name,
            " ".join(resource.keywords),
            _category_names(resource, taxonomy),
            resource.description,
        )
    )
    return _WORD.findall(text.lower())


@dataclass(frozen=True, slots=True)
class IndexQuery:
    """What to look for: words, categories, and filters. Empty means no constraint."""

    text: str = ""
    #: Resources in any of these categories (or their subcategories) are candidates too,
    #: whether or not they contain the words (taxonomy expansion of the query).
    candidate_codes: tuple[str, ...] = ()
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
    #: How many candidates to return (ranking picks the page among them).
    depth: int = 100
    #: Most resources whose words are scored; beyond that, the nearest are scored.
    max_scored: int = 5000
    facets: bool = False
    suggest: bool = False


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One candidate: a document number and its BM25 score for the words (0 if none)."""

    docnum: int
    text_score: float


@dataclass(frozen=True, slots=True)
class IndexResults:
    """The candidates of a query, the number of all matches, and facet counts."""

    hits: list[IndexHit]
    total: int
    facets: dict[str, int]
    suggestion: str | None


class Snapshot:
    """One opened generation of the index, shared by all threads.

    Whoosh searchers are not shared between threads: each thread gets its own, opened on
    first use and kept for the life of the snapshot. The in-memory parts (coordinates,
    category sets) are built once and only read afterwards.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.meta: dict[str, Any] = json.loads((path / _META).read_text("utf-8"))
            self._ix = whoosh.index.open_dir(str(path))
        except Exception as exc:  # Whoosh raises many kinds; all mean "cannot open"
            raise IndexFailure(f"The index in {path} cannot be opened: {exc}") from exc
        if self.meta.get("format") != INDEX_FORMAT:
            self._ix.close()
            raise IndexFailure(
                f"The index in {path.parent} was built by another version of referral-match. "
                "Import the directory again (referral-match import FILE) to rebuild it."
            )
        self._local = threading.local()
        self._searchers: list[Any] = []
        self._lock = threading.Lock()
        searcher = self._searcher()
        reader = searcher.reader()
        self.count: int = reader.doc_count()
        try:
            # Mapped, not read: see docsets.py.
            self._sets = DocumentSets.load(path)
            # Each document's length in words of the `all` field (as Whoosh stores it, to
            # one byte), and their average: the terms of BM25 that do not depend on the query.
            self._lengths = mapped_array(path / _LENGTHS_FILE)
            self._records = Records(path)
        except (OSError, ValueError, KeyError) as exc:
            self.close()
            raise IndexFailure(f"The index in {path} cannot be opened: {exc}") from exc
        inactive = [s.value for s in Status if s is not Status.ACTIVE]
        self._inactive = FrozenBitMap(self._sets.docs_of("status", inactive))
        self._term_cache: OrderedDict[str, _Postings] = OrderedDict()
        self._term_cache_size = 0
        self._average_length: float = searcher.avg_field_length("all") or 1.0
        words_file = path / _WORDS_FILE
        lines = words_file.read_text("utf-8").splitlines() if words_file.exists() else []
        self._vocabulary = {w: int(n) for w, _, n in (line.partition("\t") for line in lines)}
        self._corrector = ListCorrector(list(self._vocabulary))
        # Per snapshot, so a new generation starts empty and the old one's cache goes with it.
        self._cached_resource = functools.lru_cache(maxsize=RESOURCE_CACHE)(self._decode)

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
        if hasattr(self, "_cached_resource"):  # not when opening failed half way
            self._cached_resource.cache_clear()
        self._ix.close()

    def get(self, resource_id: str) -> Resource | None:
        """Return the resource with this id, or None."""
        docnum = self._searcher().document_number(id=resource_id)
        return None if docnum is None else self._records.get(docnum)

    def resources(self) -> Iterator[Resource]:
        """Yield every resource in the index."""
        yield from self._records

    def category_docs(self, code: str) -> FrozenBitMap:
        """Return the documents filed under a category or any of its subcategories."""
        return self._sets.docs("category_tree", code)

    def area_docs(self, key: str) -> FrozenBitMap:
        """Return the documents whose service area has this key (``county:san mateo|CA``)."""
        return self._sets.docs("area", key)

    def suggest(self, text: str) -> str | None:
        """Return the text with misspelt words replaced by the closest known words, or None.

        A word is misspelt when no resource holds it (as stemmed), so "pantri" (which stems
        like "pantry") is left alone and "dentel" becomes "dental".
        """
        searcher = self._searcher()
        changed = False
        words = []
        for word in text.split():
            key = word.lower().strip('.,;:!?"()')
            # No word worth correcting is longer than _LONGEST_CORRECTED: the corrector's
            # cost grows with the length of the word.
            if not (3 <= len(key) <= _LONGEST_CORRECTED and key.isalpha()):
                words.append(word)
                continue
            tokens = analyze(key)  # none for a stop word such as "with": never misspelt
            unknown = (
                bool(tokens)
                and key not in self._vocabulary
                and not any(searcher.doc_frequency("all", token) for token in tokens)
            )
            if unknown:
                found = self._corrector.suggest(key, limit=10, maxdist=2, prefix=1)
                if found:
                    # The closest word, and among equally close ones the most common.
                    word = min(found, key=lambda w: (_edit_distance(key, w), -self._vocabulary[w]))
                    changed = True
            words.append(word)
        return " ".join(words) if changed else None

    def search(self, query: IndexQuery) -> IndexResults:
        """Return the candidates of a query: the best by words, then by category and place."""
        try:
            return self._search(self._searcher(), query)
        except IndexFailure:
            raise
        except Exception as exc:
            raise IndexFailure(f"The search failed in the index {self.path}: {exc}") from exc

    def _search(self, searcher: Any, query: IndexQuery) -> IndexResults:
        allowed = self._sets.allowed(query)  # None: every active resource
        excluded = EMPTY if query.include_inactive else self._inactive
        scores: dict[int, float] = {}
        matched: BitMap | FrozenBitMap = EMPTY
        if query.text.strip():
            scores, matched = self._text_matches(searcher, query, allowed, excluded)
        by_category: BitMap | FrozenBitMap = EMPTY
        if query.candidate_codes:
            by_category = self._sets.docs_of("category_tree", query.candidate_codes)
            if allowed is not None:
                by_category &= allowed
            by_category -= excluded
        if not query.text.strip() and not query.candidate_codes:
            # Browsing: everything the filters allow is a match.
            everything = BitMap(range(self.count)) if allowed is None else allowed
            by_category = everything - excluded
        candidates = list(scores)
        others = by_category - BitMap(scores)
        room = max(query.depth - len(candidates), query.depth // 2)
        candidates += self._sets.nearest(others, query.near, room)
        hits = [IndexHit(d, scores.get(d, 0.0)) for d in candidates]
        every = matched | by_category
        facets = self._sets.facets(every) if query.facets else {}
        suggestion = None
        if query.suggest and query.text.strip():
            suggestion = self.suggest(query.text)
        return IndexResults(hits, len(every), facets, suggestion)

    def _text_matches(
        self,
        searcher: Any,
        query: IndexQuery,
        allowed: BitMap | FrozenBitMap | None,
        excluded: FrozenBitMap,
    ) -> tuple[dict[int, float], FrozenBitMap]:
        """Score the documents that hold the words: all of them, else any of them.

        Which documents hold the words is answered with each word's bitmap of documents
        (set operations run in C); only the documents that pass the filters are then
        scored, all at once. Words that most resources hold ("help", "services") are
        dropped when rarer words remain: their BM25 weight is near zero, and their long
        posting lists are what costs.
        """
        tokens = list(dict.fromkeys(analyze(query.text)))
        frequency = {t: searcher.doc_frequency("all", t) for t in tokens}
        present = [t for t in tokens if frequency[t]]
        if not present:
            return {}, EMPTY
        rare = [t for t in present if frequency[t] <= COMMON_TERM_SHARE * self.count]
        words = rare or present
        postings = {word: self._term_postings(word) for word in words}
        sets = sorted((p.docs for p in postings.values()), key=len)
        matched = sets[0].intersection(*sets[1:])
        if allowed is not None:
            matched &= allowed
        matched -= excluded
        candidates: BitMap | FrozenBitMap = matched
        if not matched and len(sets) > 1:
            # No resource holds every word: any word will do, most words first.
            matched = sets[0].union(*sets[1:])
            if allowed is not None:
                matched &= allowed
            matched -= excluded
            held, counts = np.unique(
                np.concatenate([p.ids for p in postings.values()]), return_counts=True
            )
            keep = np.isin(held, as_array(matched), assume_unique=True)
            held, counts = held[keep], counts[keep]
            most = np.lexsort((held, -counts))[: query.max_scored]  # ties: lower numbers
            candidates = FrozenBitMap(bitmap(held[most]))
        elif len(matched) > query.max_scored:
            candidates = bitmap(self._sets.nearest(matched, query.near, query.max_scored))
        docs = as_array(candidates)
        scores = self._bm25(searcher, postings, docs)
        best = np.lexsort((docs, -scores))[: query.depth]  # ties: lower numbers
        return {int(docs[i]): float(scores[i]) for i in best}, FrozenBitMap(matched)

    def _term_postings(self, token: str) -> _Postings:
        """Return the documents holding a word and how often, from a cache of bounded size."""
        with self._lock:
            postings = self._term_cache.get(token)
            if postings is not None:
                self._term_cache.move_to_end(token)
                return postings
        items = self._searcher().reader().postings("all", token).items_as("weight")
        pairs = np.array(list(items), dtype=np.float64).reshape(-1, 2)
        order = np.argsort(pairs[:, 0], kind="stable")  # by document number, for searches
        ids = pairs[order, 0].astype(np.uint32)
        postings = _Postings(ids, pairs[order, 1].astype(np.float32), FrozenBitMap(bitmap(ids)))
        with self._lock:
            if token not in self._term_cache:
                self._term_cache[token] = postings
                self._term_cache_size += len(postings)
                while self._term_cache_size > TERM_CACHE_POSTINGS and len(self._term_cache) > 1:
                    _, dropped = self._term_cache.popitem(last=False)
                    self._term_cache_size -= len(dropped)
        return postings

    def _bm25(self, searcher: Any, postings: dict[str, _Postings], docs: np.ndarray) -> np.ndarray:
        """Return each document's BM25 score for the words, as Whoosh's BM25F scores one field.

        From the words' cached postings and the field lengths of the generation, for all the
        documents at once: walking Whoosh's postings to score a few thousand documents was
        two thirds of a search's time.
        """
        scores = np.zeros(len(docs))
        if not len(docs):
            return scores
        b, k1 = _BM25_B, _BM25_K1
        norm = k1 * ((1 - b) + b * self._lengths[docs].astype(np.float64) / self._average_length)
        for word, posting in postings.items():
            if not len(posting):
                continue
            at = np.minimum(np.searchsorted(posting.ids, docs), len(posting) - 1)
            tf = np.where(posting.ids[at] == docs, posting.weights[at].astype(np.float64), 0.0)
            scores += searcher.idf("all", word) * tf * (k1 + 1) / (tf + norm)
        return scores

    def resource_at(self, docnum: int) -> Resource:
        """Return the resource stored as a document number of this snapshot."""
        return self._cached_resource(docnum)

    def _decode(self, docnum: int) -> Resource:
        return self._records.get(docnum)

    def point(self, docnum: int) -> tuple[float, float] | None:
        """Return the coordinates of a document, if it has any."""
        return self._sets.point(docnum)


@dataclass(frozen=True, slots=True)
class _Postings:
    """One word's documents (sorted), how often each holds it, and the same as a bitmap."""

    ids: np.ndarray
    weights: np.ndarray
    docs: FrozenBitMap

    def __len__(self) -> int:
        return len(self.ids)


def _edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _write(
    writer: IndexingWriter,
    resources: Iterable[Resource],
    taxonomy: Taxonomy,
    sets: DocumentSetsBuilder,
    records: RecordWriter,
) -> tuple[int, Counter[str]]:
    """Add the resources to the writer, the sets and the records; return their count and
    the words of "did you mean"."""
    count = 0
    vocabulary: Counter[str] = Counter()
    for resource in resources:
        seq = sets.add(_set_values(resource, taxonomy), _point(resource))
        writer.add_document(**_document(resource, taxonomy, seq))
        records.add(encode_record(resource))
        vocabulary.update(_vocabulary_words(resource, taxonomy))
        count += 1
    return count, vocabulary


def _write_side_files(folder: Path, sets: DocumentSetsBuilder, records: RecordWriter) -> None:
    """Write the document sets, points, records and lengths of a committed generation,
    numbering each resource as Whoosh did."""
    ix = whoosh.index.open_dir(str(folder))
    try:
        with ix.reader() as reader:
            docnum_of = _docnums_by_seq(reader, sets.count)
            sets.build(docnum_of).save(folder)
            seq_of = np.zeros(reader.doc_count_all(), dtype=np.int64)
            seq_of[docnum_of] = np.arange(sets.count)
            records.finish(seq_of)
            lengths = np.fromiter(
                (reader.doc_field_length(d, "all", 1) for d in range(reader.doc_count_all())),
                dtype=np.float32,
                count=reader.doc_count_all(),
            )
            np.save(folder / _LENGTHS_FILE, lengths, allow_pickle=False)
    finally:
        ix.close()


class IndexStore:
    """The index folder: opening the generation serving, and building a new one."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.generations = Generations(self.root)

    def current(self) -> Path | None:
        """Return the folder of the generation now serving, or None if nothing was imported."""
        return self.generations.current()

    def open(self) -> Snapshot:
        """Open the current generation, or raise IndexNotFound."""
        path = self.current()
        if path is None:
            raise IndexNotFound(str(self.root))
        return Snapshot(path)

    def build(
        self,
        resources: Iterable[Resource],
        taxonomy: Taxonomy,
        *,
        meta: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
        accept: Callable[[int], bool] = lambda count: count > 0,
    ) -> Path | None:
        """Index the resources into a new generation and make it current.

        ``accept(count)`` is asked once every resource is written; when it says no, or when
        anything fails or the process is killed, the new generation is thrown away and the
        current one keeps serving. Returns the new generation's folder, or None if refused.
        ``meta`` is written to the generation's ``meta.json``; a function giving it is
        called once every resource is written (to count the rows read, for instance).
        Raises :class:`IndexFailure` when an indexing process dies or is stuck.
        """
        with self.generations.new() as new:
            with indexing_processes():
                ix = whoosh.index.create_in(str(new.folder), _schema())
                writer = IndexingWriter(ix, procs=2, limitmb=256)
                sets = DocumentSetsBuilder(_ONE_VALUE_FIELDS)
                records = RecordWriter(new.folder)
                try:
                    count, vocabulary = _write(writer, resources, taxonomy, sets, records)
                    if not accept(count):
                        writer.cancel()
                        new.keep = False
                        return None
                    _commit(writer, new.folder)
                except BaseException:
                    writer.cancel()
                    raise
                finally:
                    records.close()
                    ix.close()
            _write_side_files(new.folder, sets, records)
            info = dict((meta() if callable(meta) else meta) or {})
            info.update(
                format=INDEX_FORMAT,
                count=count,
                built=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
            (new.folder / _META).write_text(json.dumps(info, indent=2), "utf-8")
            words = (f"{w}\t{n}" for w, n in sorted(vocabulary.items()) if analyze(w))
            (new.folder / _WORDS_FILE).write_text("\n".join(words), "utf-8")
        return new.final


def _commit(writer: IndexingWriter, folder: Path) -> None:
    """Commit the writer, with the errors of Whoosh and of the disk as IndexFailure."""
    try:
        writer.commit()
    except IndexFailure:
        raise
    except Exception as exc:
        raise IndexFailure(
            f"The new index could not be written in {folder.parent}: {exc}. {AGAIN}"
        ) from exc
