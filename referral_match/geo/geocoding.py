"""Online geocoding of street addresses, opt-in: a geopy geocoder, rate-limited and cached.

referral-match works offline by default (see :mod:`referral_match.geo.gazetteer`). When a directory
admin configures a geocoder, :class:`OnlineGeocoder` asks it for the addresses the offline
gazetteer cannot place precisely, at most once a second (as Nominatim's usage policy asks),
and remembers every answer, found or not, in a SQLite file, so that the same address is
never asked twice. This is the only module that imports ``geopy.geocoders``.

The cache keeps the addresses it was asked about: give client addresses to a geocoder whose
``cache_dir`` is None (answers kept in memory only) if they must not be written to disk.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderNotFound, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location
from geopy.point import Point

from referral_match.errors import GeocoderFailure

__all__ = ["CACHE_FILE", "OnlineGeocoder", "from_config"]

#: Name of the cache file in the cache folder.
CACHE_FILE = "geocoding-cache.sqlite3"

_OFFLINE_NAMES = {"", "none", "off", "offline"}
_MEMORY_ENTRIES = 4096
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    query TEXT NOT NULL,
    address TEXT,
    latitude REAL,
    longitude REAL,
    altitude REAL,
    raw TEXT,
    PRIMARY KEY (service, query)
)
"""


def _query_key(query: str) -> str:
    """Return the form of a query the cache compares: spaces collapsed, case folded."""
    return " ".join(query.split()).casefold()


class OnlineGeocoder:
    """Geocode addresses with a geopy geocoder, rate-limited, with answers cached on disk.

    ``geocoder`` is any object with geopy's ``geocode(query, **options)`` method returning
    a :class:`geopy.location.Location` or None. Errors are raised as
    :class:`~referral_match.errors.GeocoderFailure`. Failed queries are not retried
    (geopy's retries log the query, which may be a client's address) nor cached.
    """

    def __init__(
        self,
        geocoder: Any,
        *,
        name: str | None = None,
        cache_dir: Path | None = None,
        min_delay_seconds: float = 1.0,
    ) -> None:
        self.name = name or type(geocoder).__name__.lower()
        self.cache_path = cache_dir / CACHE_FILE if cache_dir is not None else None
        self.min_delay_seconds = min_delay_seconds
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            error_wait_seconds=max(5.0, min_delay_seconds),
            max_retries=0,
            swallow_exceptions=False,
        )
        self._memory: OrderedDict[str, Location | None] = OrderedDict()
        self._lock = threading.Lock()
        if self.cache_path is not None:
            self._sql(_SCHEMA, ())

    def geocode(self, query: str) -> Location | None:
        """Return the location of an address, from the cache or else from the geocoder."""
        key = _query_key(query)
        if not key:
            return None
        found, location = self._cached(key)
        if found:
            return location
        try:
            location = self._geocode(query)
        except GeopyError as exc:
            raise GeocoderFailure(
                f"The {self.name} geocoder did not answer ({type(exc).__name__}: {exc}). "
                "Check the network connection and the geocoder settings, or remove the "
                "geocoder setting to place addresses offline by ZIP code and city."
            ) from exc
        self._remember(key, location)
        return location

    def _cached(self, key: str) -> tuple[bool, Location | None]:
        """Return (True, answer) when the query was answered before, else (False, None)."""
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return True, self._memory[key]
        if self.cache_path is None:
            return False, None
        rows = self._sql(
            "SELECT address, latitude, longitude, altitude, raw FROM answers "
            "WHERE service = ? AND query = ?",
            (self.name, key),
        )
        if not rows:
            return False, None
        address, latitude, longitude, altitude, raw = rows[0]
        location: Location | None = None
        if address is not None:
            location = Location(address, Point(latitude, longitude, altitude), json.loads(raw))
        self._keep(key, location)
        return True, location

    def _remember(self, key: str, location: Location | None) -> None:
        """Store an answer (None included) in memory and in the cache file."""
        self._keep(key, location)
        if self.cache_path is None:
            return
        values: tuple[object, ...] = (self.name, key, None, None, None, None, None)
        if location is not None:
            values = (
                self.name,
                key,
                str(location.address),
                float(location.latitude),
                float(location.longitude),
                float(location.altitude or 0.0),
                json.dumps(location.raw, default=str),
            )
        self._sql("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", values)

    def _keep(self, key: str, location: Location | None) -> None:
        """Keep an answer in memory, forgetting the least recently used beyond a limit."""
        with self._lock:
            self._memory[key] = location
            self._memory.move_to_end(key)
            while len(self._memory) > _MEMORY_ENTRIES:
                self._memory.popitem(last=False)

    def _sql(self, statement: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """Run one statement on the cache file and return its rows."""
        assert self.cache_path is not None
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.cache_path, timeout=30)) as connection:
                with connection:
                    return connection.execute(statement, parameters).fetchall()
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderFailure(
                f"The geocoding cache {self.cache_path} cannot be used ({exc}): check that "
                "the folder is writable, or delete the file to start a new cache."
            ) from exc


def from_config(
    name: str | None,
    user_agent: str,
    cache_dir: Path | None,
    *,
    options: dict[str, Any] | None = None,
) -> OnlineGeocoder | None:
    """Return the online geocoder a configuration names, or None to stay offline.

    ``name`` is a geopy service name ("nominatim", "photon", "googlev3"...); None, "" and
    "offline" mean no geocoder. ``options`` go to the geopy class (``api_key``, ``timeout``...).
    """
    if name is None or name.strip().lower() in _OFFLINE_NAMES:
        return None
    service = name.strip().lower()
    try:
        geocoder_class = get_geocoder_for_service(service)
    except GeocoderNotFound as exc:
        raise GeocoderFailure(
            f'There is no geocoder called "{name}": give a geopy service name such as '
            '"nominatim", or leave the geocoder unset to work offline.'
        ) from exc
    try:
        geocoder = geocoder_class(user_agent=user_agent, **(options or {}))
    except (GeopyError, TypeError) as exc:
        raise GeocoderFailure(
            f"The {service} geocoder cannot be set up ({exc}): check its options "
            "(some services need an api_key), or leave the geocoder unset to work offline."
        ) from exc
    return OnlineGeocoder(geocoder, name=service, cache_dir=cache_dir)
