"""Find US places offline by ZIP code or name, and read the place a person typed.

A :class:`Gazetteer` is built from the ``zipcodes`` package (USPS ZIP codes with their city,
county and centroid). :func:`parse_location` reads a ZIP code, "City, ST", county, state,
"latitude,longitude" or street address; an address needs the caller's
:class:`~referral_match.geo.geocoding.OnlineGeocoder`, else its ZIP code or city is used. They
share a module because :meth:`Gazetteer.geocode` is :func:`parse_location` on one gazetteer.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import zipcodes
from geopy.location import Location
from geopy.point import Point

from referral_match.errors import GeocoderFailure, LocationNotFound
from referral_match.geo.places import (
    STATE_NAMES,
    Place,
    county_name,
    fold_name,
    normalize_state,
    normalize_zip,
    parse_coordinates,
)

if TYPE_CHECKING:
    from referral_match.geo.geocoding import OnlineGeocoder

__all__ = ["MAX_LOCATION_CHARS", "Gazetteer", "default_gazetteer", "parse_location"]

#: The longest location read: a street address with its city, state and ZIP is far shorter.
MAX_LOCATION_CHARS = 200

_ZIP_TOKEN_RE = re.compile(r"\d{5}(?:-\d{4})?")
_ADDRESS_RE = re.compile(r"\d+[A-Za-z]?(?:-\d+)?\s+\S")
_STATE_LIKE_RE = re.compile(r"[A-Za-z]{2}\.?")
_GENERIC_HELP = 'give a 5-digit ZIP code, "City, ST" or "latitude,longitude".'


class _Zip(NamedTuple):
    """One ZIP code as the gazetteer keeps it until a Place is asked for."""

    code: str
    latitude: float
    longitude: float
    city: str
    county: str
    state: str
    rank: int
    #: Other city names the post office accepts for this ZIP ("East Palo Alto" for 94303).
    other_cities: tuple[str, ...] = ()
    timezone: str = ""


@dataclass
class _Group:
    """The ZIP codes of one city, county or state, and the name to show for it."""

    name: str
    zips: list[_Zip] = field(default_factory=list)
    alias: bool = False

    def centroid(self) -> Point:
        """Return the mean of the best-ranked ZIP centroids (active street ZIPs first)."""
        best = min(item.rank for item in self.zips)
        chosen = [item for item in self.zips if item.rank == best]
        latitude = math.fsum(item.latitude for item in chosen) / len(chosen)
        longitude = math.fsum(item.longitude for item in chosen) / len(chosen)
        point: Point = Point(latitude, longitude)
        return point

    def most_common(self, attribute: str) -> str:
        """Return the most common non-empty value of a ZIP attribute in the group."""
        values = Counter(getattr(item, attribute) for item in self.zips)
        values.pop("", None)
        return values.most_common(1)[0][0] if values else ""


def _zip_rank(row: dict[str, Any]) -> int:
    """Rank a ZIP for centroids: active street ZIPs, then other active ones, then the rest."""
    if not row["active"]:
        return 2
    return 0 if row["zip_code_type"] == "STANDARD" else 1


class Gazetteer:
    """Look up US ZIP codes, cities, counties and states offline.

    The tables are built from the ``zipcodes`` package one state at a time, the first time
    a place in that state is asked for, and places are made when first asked for. A name
    given without a state loads every state, once. Lookups are thread-safe.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: set[str] = set()
        self._all_loaded = False
        self._zips: dict[str, _Zip] = {}
        self._groups: dict[str, _Group] = {}  # "city:key", "county:key" and "state:CA"
        self._places: dict[str, Place] = {}
        self._city_names: dict[str, dict[str, str]] = {}
        self._national: dict[str, list[str]] = defaultdict(list)

    def by_zip(self, zip_code: str) -> Place | None:
        """Return the place of a ZIP code (its centroid), or None if it is unknown."""
        code = normalize_zip(zip_code)
        if code is None:
            return None
        if code not in self._zips:
            rows = zipcodes.matching(code)  # type: ignore[no-untyped-call]
            if not rows:
                return None
            self._load(rows[0]["state"])
        return self._place(f"zip:{code}")

    def by_city(self, city: str, state: str) -> Place | None:
        """Return a city (the mean of its ZIP centroids), or None if it is unknown."""
        code = normalize_state(state)
        if code is None:
            return None
        self._load(code)
        return self._place(f"city:{fold_name(city)}|{code}")

    def by_county(self, county: str, state: str) -> Place | None:
        """Return a county (the mean of its ZIP centroids), or None if it is unknown."""
        code = normalize_state(state)
        if code is None:
            return None
        self._load(code)
        return self._place(f"county:{fold_name(county_name(county))}|{code}")

    def by_state(self, state: str) -> Place | None:
        """Return a state (the mean of its ZIP centroids), or None if it is unknown."""
        code = normalize_state(state)
        if code is None:
            return None
        self._load(code)
        return self._place(f"state:{code}")

    def by_name(self, name: str) -> list[Place]:
        """Return the cities, then the counties, of every state that are called `name`."""
        self.load_all()
        places = (self._place(key) for key in self._national.get(fold_name(name), ()))
        return [place for place in places if place is not None]

    def suggest_city(self, city: str, state: str) -> str | None:
        """Return the "City, ST" in `state` whose name is closest to `city`, if any is close."""
        code = normalize_state(state)
        if code is None:
            return None
        self._load(code)
        names = self._city_names.get(code, {})
        close = difflib.get_close_matches(fold_name(city), names, n=1, cutoff=0.8)
        return f"{names[close[0]]}, {code}" if close else None

    def geocode(self, query: str, **_options: object) -> Location | None:
        """Return the Location of a ZIP, "City, ST", county, state or "lat,lon", or None.

        This makes a gazetteer interchangeable with a geopy geocoder; geopy's options
        (``exactly_one``, ``timeout``...) are accepted and ignored.
        """
        try:
            return parse_location(query, gazetteer=self).to_location()
        except LocationNotFound:
            return None

    def load_all(self) -> None:
        """Load every state now, rather than each one when a place in it is first asked for."""
        if not self._all_loaded:
            for code in STATE_NAMES:
                self._load(code)
            self._all_loaded = True

    def _load(self, state: str) -> None:
        """Index the ZIP codes of one state, unless that was done already."""
        if state in self._loaded:
            return
        with self._lock:
            if state not in self._loaded:
                rows = zipcodes.filter_by(state=state)  # type: ignore[no-untyped-call]
                self._index(state, rows)
                self._loaded.add(state)

    def _index(self, state: str, rows: Iterable[dict[str, Any]]) -> None:
        """Group the ZIP codes of one state by city, county and state."""
        groups: dict[str, _Group] = {}
        aliases: dict[str, _Group] = {}
        whole = _Group(STATE_NAMES.get(state, state))
        folded: dict[str, str] = {}  # names repeat from ZIP to ZIP: fold each once
        counties: dict[str, str] = {}
        for row in rows:
            latitude, longitude = float(row["lat"]), float(row["long"])
            if latitude == 0 and longitude == 0:
                continue  # military APO/FPO codes have no place on the map
            county = row["county"]
            if county not in counties:
                counties[county] = county_name(county)
            item = _Zip(
                row["zip_code"],
                latitude,
                longitude,
                row["city"],
                counties[county],
                state,
                _zip_rank(row),
                tuple(row["acceptable_cities"]),
                row.get("timezone") or "",
            )
            self._zips[item.code] = item
            whole.zips.append(item)
            if item.city not in folded:
                folded[item.city] = fold_name(item.city)
            key = f"city:{folded[item.city]}|{state}"
            groups.setdefault(key, _Group(item.city)).zips.append(item)
            for alias in row["acceptable_cities"]:
                key = f"city:{fold_name(alias)}|{state}"
                aliases.setdefault(key, _Group(alias, alias=True)).zips.append(item)
            if county:
                if item.county not in folded:
                    folded[item.county] = fold_name(item.county)
                key = f"county:{folded[item.county]}|{state}"
                groups.setdefault(key, _Group(f"{county}, {state}")).zips.append(item)
        if not whole.zips:
            return
        for key, group in aliases.items():
            # "Hollywood, CA" is a name the post office accepts for some Los Angeles ZIPs:
            # it is found under its own name, but it is in the city of Los Angeles.
            groups.setdefault(key, group)
        groups[f"state:{state}"] = whole
        self._groups.update(groups)
        cities = {}
        for key, group in groups.items():
            kind, name = key.split(":", 1)
            if kind == "city" and not group.alias:
                cities[name.split("|")[0]] = group.name
            if kind != "state" and not group.alias:
                self._national[name.split("|")[0]].append(key)
        self._city_names[state] = cities

    def _place(self, key: str) -> Place | None:
        """Return the place for a table key ("zip:94063", "city:redwood city|CA"...)."""
        place = self._places.get(key)
        if place is not None:
            return place
        kind, name = key.split(":", 1)
        if kind == "zip":
            item = self._zips.get(name)
            if item is None:
                return None
            place = Place(
                point=Point(item.latitude, item.longitude),
                label=f"{item.city}, {item.state} {item.code}",
                zip=item.code,
                city=item.city,
                county=item.county,
                state=item.state,
                precision="zip",
                other_cities=item.other_cities,
                timezone=item.timezone,
            )
        else:
            group = self._groups.get(key)
            if group is None:
                return None
            state = group.zips[0].state
            city = group.most_common("city") if group.alias else group.name
            place = Place(
                point=group.centroid(),
                label=f"{group.name}, {state}" if kind == "city" else group.name,
                zip="",
                city=city if kind == "city" else "",
                county={"city": group.most_common("county"), "county": group.zips[0].county}.get(
                    kind, ""
                ),
                state=state,
                precision=kind,
                timezone=group.most_common("timezone"),
            )
        self._places[key] = place
        return place


@functools.cache
def default_gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer (its states load lazily, on first use)."""
    return Gazetteer()


def _is_county(name: str) -> bool:
    """Tell whether a name says it is a county ("San Mateo County", "Orleans Parish")."""
    return county_name(name) != " ".join(name.split())


def _split_state(parts: list[str]) -> str | None:
    """Remove a trailing state from comma-separated parts and return its code, if any."""
    if len(parts) > 1 and (code := normalize_state(parts[-1])) is not None:
        parts.pop()
        return code
    words = parts[-1].split()
    for size in (3, 2, 1):
        if len(words) >= size and (code := normalize_state(" ".join(words[-size:]))):
            parts[-1] = " ".join(words[:-size])
            return code
    return None


def _name_candidates(parts: list[str], address: bool) -> list[str]:
    """Return the names that may be the city or county, the most likely first."""
    name = parts[-1]
    words = name.split()
    if len(parts) > 1 or not address:
        return [name]
    # "2600 Middlefield Rd Redwood City": the city is some of the last words.
    return [" ".join(words[start:]) for start in range(max(1, len(words) - 5), len(words))]


def _ambiguous(text: str, places: list[Place]) -> LocationNotFound:
    """Return the error for a name that several states have."""
    labels = sorted(place.label for place in places)
    shown = "; ".join(labels[:5]) + ("; ..." if len(labels) > 5 else "")
    return LocationNotFound(
        f'"{text}" is a place in more than one state ({shown}): add the state, '
        f'as in "{labels[0]}".',
        value=text,
    )


def _anywhere(name: str, gazetteer: Gazetteer) -> list[Place]:
    """Return the counties called `name` if it says "County", else the cities, else counties."""
    if _is_county(name):
        places = gazetteer.by_name(county_name(name))
        return [place for place in places if place.precision == "county"]
    places = gazetteer.by_name(name)
    return [place for place in places if place.precision == "city"] or places


def _resolve_offline(text: str, gazetteer: Gazetteer) -> tuple[Place | None, str | None]:
    """Return the place a ZIP, city, county or state name denotes, or a suggestion."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return None, None
    last_words = parts[-1].split()
    if _ZIP_TOKEN_RE.fullmatch(last_words[-1]) and (len(parts) > 1 or len(last_words) > 1):
        place = gazetteer.by_zip(last_words[-1])
        if place is not None:
            return place, None
        parts[-1] = " ".join(last_words[:-1])
        parts = [part for part in parts if part]
    address = _ADDRESS_RE.match(text) is not None
    state = _split_state(parts)
    if state is None and len(parts) > 1 and _STATE_LIKE_RE.fullmatch(parts[-1]):
        return None, None  # "Fremont, ZZ": a state code we do not know
    parts = [part for part in parts if part]
    if not parts:
        return (gazetteer.by_state(state) if state else None), None
    for name in _name_candidates(parts, address):
        if state is None:
            places = _anywhere(name, gazetteer)
            if len(places) > 1:
                raise _ambiguous(name, places)
            if places:
                return places[0], None
            continue
        if _is_county(name):
            place = gazetteer.by_county(name, state)
        else:
            place = gazetteer.by_city(name, state) or gazetteer.by_county(name, state)
        if place is not None:
            return place, None
    return None, gazetteer.suggest_city(parts[-1], state) if state else None


def _geocode(
    text: str, geocoder: OnlineGeocoder, gazetteer: Gazetteer, offline: Place | None
) -> Place | None:
    """Return the place an online geocoder finds for `text`, with the offline place's areas."""
    location = geocoder.geocode(text)
    if location is None:
        return None
    address = str(location.address or text)
    if offline is None:
        # The geocoder's address usually ends with the postcode: take its city and county.
        codes = _ZIP_TOKEN_RE.findall(address)
        offline = gazetteer.by_zip(codes[-1]) if codes else None
    return Place(
        point=Point(float(location.latitude), float(location.longitude)),
        label=address,
        zip=offline.zip if offline else "",
        city=offline.city if offline else "",
        county=offline.county if offline else "",
        state=offline.state if offline else "",
        precision="address",
    )


def parse_location(
    text: str, *, gazetteer: Gazetteer | None = None, geocoder: OnlineGeocoder | None = None
) -> Place:
    """Return the place a user typed: ZIP, "City, ST", county, state, "lat,lon" or address.

    A street address goes to `geocoder` when one is given; without one, or when it finds
    nothing or fails, the ZIP code in the text is used (precision "zip"), else the city.
    Raise :class:`LocationNotFound` with a message that says what to type instead.
    """
    gazetteer = gazetteer or default_gazetteer()
    if len(text) > MAX_LOCATION_CHARS:
        # The longest real address is far shorter; reading a long text costs seconds.
        raise LocationNotFound(
            f"The location is {len(text):,} characters long, more than the "
            f"{MAX_LOCATION_CHARS} read: {_GENERIC_HELP}",
            value=text[:MAX_LOCATION_CHARS],
        )
    query = " ".join(text.split())
    if not query:
        raise LocationNotFound(f"No location was given: {_GENERIC_HELP}", value=text)
    point = parse_coordinates(query)
    if point is not None:
        return point
    code = normalize_zip(query)
    if code is not None:
        place = gazetteer.by_zip(code)
        if place is None:
            raise LocationNotFound(
                f'"{query}" is not a ZIP code we know: check the digits, or give "City, ST" '
                'or "latitude,longitude".',
                value=text,
            )
        return place
    failure: GeocoderFailure | None = None
    offline, suggestion = _resolve_offline(query, gazetteer)
    if geocoder is not None and (offline is None or _ADDRESS_RE.match(query)):
        try:
            online = _geocode(query, geocoder, gazetteer, offline)
        except GeocoderFailure as exc:
            online, failure = None, exc
        if online is not None:
            return online
    if offline is not None:
        return offline
    if failure is not None:
        raise failure
    if suggestion is not None:
        raise LocationNotFound(
            f'"{query}" is not a place we know: did you mean {suggestion}?', value=text
        )
    raise LocationNotFound(f'"{query}" is not a place we know: {_GENERIC_HELP}', value=text)
