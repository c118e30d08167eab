"""The public entry point: a resource directory opened from an index folder.

    >>> from referral_match import Directory
    >>> directory = Directory.open("instance/index")
    >>> page = directory.search("food pantry", near="94063", radius_miles=5)
    >>> page.results[0].resource.name

A Directory opens the index once and is safe to share between threads. When an import
swaps in a new generation of the index, the next query sees it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from referral_match.errors import InputError
from referral_match.geo.gazetteer import Gazetteer, default_gazetteer, parse_location
from referral_match.geo.geocoding import OnlineGeocoder
from referral_match.geo.places import Place
from referral_match.index.whoosh_index import IndexStore, Snapshot
from referral_match.languages import parse_language
from referral_match.model import Resource
from referral_match.ranking.match import MatchResults, MatchWeights, run_match
from referral_match.ranking.profile import ClientProfile, load_profile
from referral_match.ranking.results import SearchResults
from referral_match.ranking.search import SearchRequest, run_search
from referral_match.taxonomy import Taxonomy, default_taxonomy

__all__ = [
    "DEFAULT_INDEX",
    "DEFAULT_RADIUS_MILES",
    "MAX_SEARCH_CHARS",
    "Directory",
    "default_index_path",
]

#: Where the index lives when neither --index nor $REFERRAL_MATCH_INDEX says.
DEFAULT_INDEX = Path("instance") / "index"
#: Radius of a search that gives a place but no radius.
DEFAULT_RADIUS_MILES = 10.0
#: The longest search text: a few words, or a service's name, are far shorter.
MAX_SEARCH_CHARS = 500


def default_index_path() -> Path:
    """Return ``$REFERRAL_MATCH_INDEX`` or ``./instance/index``."""
    return Path(os.environ.get("REFERRAL_MATCH_INDEX") or DEFAULT_INDEX)


class Directory:
    """A searchable resource directory backed by an index folder."""

    def __init__(
        self,
        path: Path | str,
        *,
        taxonomy: Taxonomy | None = None,
        gazetteer: Gazetteer | None = None,
        geocoder: OnlineGeocoder | None = None,
    ) -> None:
        self.store = IndexStore(path)
        self.taxonomy = taxonomy or default_taxonomy()
        self.gazetteer = gazetteer or default_gazetteer()
        self.geocoder = geocoder
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._snapshot_for_query()  # fail now, not at the first query, if nothing is there

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        taxonomy: Taxonomy | None = None,
        gazetteer: Gazetteer | None = None,
        geocoder: OnlineGeocoder | None = None,
    ) -> Directory:
        """Open the directory in ``path`` (default: :func:`default_index_path`)."""
        return cls(
            path if path is not None else default_index_path(),
            taxonomy=taxonomy,
            gazetteer=gazetteer,
            geocoder=geocoder,
        )

    def _snapshot_for_query(self) -> Snapshot:
        """Return the snapshot of the current generation, reopening after an import."""
        current = self.store.current()
        snapshot = self._snapshot
        if snapshot is not None and snapshot.path == current:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._snapshot.path != current:
                # The old snapshot is not closed here: other threads may still be reading
                # it. Its files stay readable until the garbage collector closes them.
                self._snapshot = self.store.open()
            return self._snapshot

    def close(self) -> None:
        """Release the index files."""
        with self._lock:
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def count(self) -> int:
        """Return how many resources the directory holds."""
        return self._snapshot_for_query().count

    @property
    def info(self) -> dict[str, object]:
        """Return what is known of the import being served (source, counts, when built)."""
        return dict(self._snapshot_for_query().meta)

    def get(self, resource_id: str) -> Resource | None:
        """Return the resource with this id, or None."""
        return self._snapshot_for_query().get(resource_id)

    def resources(self) -> Iterator[Resource]:
        """Yield every resource, active or not."""
        return self._snapshot_for_query().resources()

    def locate(self, location: str) -> Place:
        """Turn a ZIP, "City, ST", address or "lat,lon" into a place, or raise InputError."""
        return parse_location(location, gazetteer=self.gazetteer, geocoder=self.geocoder)

    def search(
        self,
        text: str = "",
        *,
        near: str | Place | None = None,
        radius_miles: float | None = None,
        categories: Iterable[str] = (),
        languages: Iterable[str] = (),
        age: int | None = None,
        free_only: bool = False,
        open_now: bool = False,
        limit: int = 10,
        offset: int = 0,
        now: dt.datetime | None = None,
        as_typed: bool = False,
    ) -> SearchResults:
        """Find resources by words and filters, ranked by relevance and distance.

        A misspelt word is searched as its correction (``searched_for`` says so) unless
        ``as_typed``.

        ``text`` is free words ("help with rent"), expanded through the taxonomy's synonyms.
        ``near`` is a ZIP code, "City, ST", "lat,lon" or a street address (with an online
        geocoder); with it, only resources within ``radius_miles`` (default 10) or whose
        service area covers the place are returned. ``categories`` are taxonomy codes or
        names; ``languages`` ISO 639 codes or names. Inactive resources are never returned.
        """
        started = time.perf_counter()
        if len(text) > MAX_SEARCH_CHARS:
            # Spelling suggestions and stemming cost time with every character.
            raise InputError(
                f"The search words are {len(text):,} characters long; at most "
                f"{MAX_SEARCH_CHARS} are searched. Search for a few words, such as "
                '"help with rent".',
                field="q",
                value=text[:MAX_SEARCH_CHARS],
            )
        if limit < 1 or limit > 500:
            raise InputError("limit must be between 1 and 500.", field="limit", value=limit)
        if offset < 0:
            raise InputError("offset cannot be negative.", field="offset", value=offset)
        if radius_miles is not None and not 0 < radius_miles <= 500:
            raise InputError(
                f"radius must be between 0 and 500 miles, not {radius_miles:g}.",
                field="radius",
                value=radius_miles,
            )
        if age is not None and not 0 <= age <= 120:
            raise InputError(f"age must be between 0 and 120, not {age}.", field="age", value=age)
        place = self.locate(near) if isinstance(near, str) and near.strip() else None
        if isinstance(near, Place):
            place = near
        request = SearchRequest(
            text=text.strip(),
            place=place,
            radius_miles=(radius_miles or DEFAULT_RADIUS_MILES) if place else None,
            categories=tuple(self._category_codes(categories)),
            languages=tuple(self._language_codes(languages)),
            age=age,
            free_only=free_only,
            open_now=open_now,
            limit=limit,
            offset=offset,
            now=now or dt.datetime.now(dt.UTC),
            as_typed=as_typed,
        )
        page = run_search(self._snapshot_for_query(), self.taxonomy, request)
        return dataclasses.replace(
            page,
            took_ms=(time.perf_counter() - started) * 1000,
            location=place.label if place else None,
        )

    def match(
        self,
        profile: ClientProfile | dict[str, Any],
        *,
        limit: int = 10,
        now: dt.datetime | None = None,
        weights: MatchWeights | None = None,
    ) -> MatchResults:
        """Rank the resources that fit a client's needs, eligibility and place, with reasons.

        ``profile`` is a :class:`ClientProfile` or its JSON form (validated; bad fields raise
        :class:`InvalidProfile` naming each). Inactive resources and resources the client is
        explicitly ineligible for are never returned.
        """
        if limit < 1 or limit > 100:
            raise InputError("limit must be between 1 and 100.", field="limit", value=limit)
        client = load_profile(profile)
        place = self.locate(client.location) if client.location else None
        return run_match(
            self._snapshot_for_query(),
            self.taxonomy,
            client,
            place,
            limit=limit,
            now=now,
            weights=weights or MatchWeights(),
        )

    def _category_codes(self, categories: Iterable[str]) -> Iterator[str]:
        for value in categories:
            try:
                yield self.taxonomy.resolve(value)
            except ValueError as exc:
                raise InputError(str(exc), field="category", value=value) from exc

    def _language_codes(self, languages: Iterable[str]) -> Iterator[str]:
        for value in languages:
            try:
                yield parse_language(value)
            except ValueError as exc:
                raise InputError(str(exc), field="language", value=value) from exc
