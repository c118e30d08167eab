"""Places and their names: US state and county names, ZIP codes, the Place type, distances.

Names are compared through keys ("redwood city|CA", "san mateo|CA") so that spellings,
accents and abbreviations ("Mt", "St.") do not matter. Distances are great-circle
(haversine) distances on a sphere of mean Earth radius, in miles. Places are found by ZIP
code or name in :mod:`referral_match.geo.gazetteer`; :class:`~referral_match.geo.grid.PointGrid`
finds the points within a radius among many.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from geopy.location import Location
from geopy.point import Point

from referral_match.errors import InputError, LocationNotFound

__all__ = [
    "EARTH_RADIUS_MILES",
    "PRECISIONS",
    "STATE_NAMES",
    "Place",
    "check_coordinates",
    "city_key",
    "county_key",
    "county_name",
    "distance_miles",
    "fold_name",
    "normalize_state",
    "normalize_zip",
    "parse_coordinates",
]

#: Mean radius of the Earth (IUGG), in miles.
EARTH_RADIUS_MILES = 3958.8

#: How precisely a :class:`Place` was located, from the most to the least precise.
PRECISIONS: tuple[str, ...] = ("point", "address", "zip", "city", "county", "state")

#: USPS codes of the states, DC, the territories, the freely associated states and the
#: military "states", with their names.
STATE_NAMES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
    "UM": "U.S. Minor Outlying Islands",
    "FM": "Federated States of Micronesia",
    "MH": "Marshall Islands",
    "PW": "Palau",
    "AA": "Armed Forces Americas",
    "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}

_STATE_ALIASES = {
    "washington dc": "DC",
    "washington d c": "DC",
    "dist of columbia": "DC",
    "virgin islands": "VI",
    "us virgin islands": "VI",
    "usvi": "VI",
    "cnmi": "MP",
    "micronesia": "FM",
    "republic of palau": "PW",
    "republic of the marshall islands": "MH",
    "commonwealth of puerto rico": "PR",
}

# Abbreviations that USPS spells out in city names ("Mt Baldy" and "Mount Baldy" are one).
_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}

_ZIP_RE = re.compile(r"(\d{5})(?:[-\s]?\d{4})?|(\d{4})(?:[-\s]\d{4})?")
_NUMBER = r"[+-]?(?:\d{1,3}(?:\.\d*)?|\.\d+)"
_COORDINATES_RE = re.compile(rf"\(?\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\)?")
_COUNTY_PREFIX_RE = re.compile(
    r"^(?:city and county|city and borough|consolidated city|municipality|county|parish"
    r"|borough) of\s+",
    re.IGNORECASE,
)
_CITY_OF_RE = re.compile(r"^city of\s+(.+)$", re.IGNORECASE)
_COUNTY_SUFFIX_RE = re.compile(
    r"\s+(?:city and county|city and borough|census area|municipality|municipio|county"
    r"|parish|borough|co\.?)$",
    re.IGNORECASE,
)
_PUNCTUATION = str.maketrans({".": "", "'": "", "\u2019": "", "-": " ", "/": " ", ",": " "})
_RADIANS = math.pi / 180
_HALF_RADIANS = math.pi / 360
_EARTH_DIAMETER_MILES = 2 * EARTH_RADIUS_MILES


def fold_name(name: str) -> str:
    """Return a name in the form keys compare: lower case, no accents or punctuation."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in name if not unicodedata.combining(c))
    words = name.lower().translate(_PUNCTUATION).split()
    return " ".join([_WORDS.get(word, word) for word in words])


_STATE_LOOKUP: dict[str, str] = {
    **{code.lower(): code for code in STATE_NAMES},  # "D.C." folds to "dc"
    **{fold_name(name): code for code, name in STATE_NAMES.items()},
    **{fold_name(alias): code for alias, code in _STATE_ALIASES.items()},
}


def normalize_zip(text: str) -> str | None:
    """Return the 5-digit ZIP code in `text` ("94063-1234" -> "94063"), or None."""
    match = _ZIP_RE.fullmatch(text.strip())
    if match is None:
        return None
    five, four = match.groups()
    # A spreadsheet that took the ZIP code for a number dropped its leading zero.
    return five if five is not None else "0" + four


def normalize_state(text: str) -> str | None:
    """Return the USPS code of a state or territory given by code or name, or None."""
    code = text.strip().rstrip(".").upper()
    if code in STATE_NAMES:
        return code
    return _STATE_LOOKUP.get(fold_name(text))


def _state_code(state: str) -> str:
    """Return the USPS code for `state`, or the text itself in upper case if it is none."""
    return normalize_state(state) or " ".join(state.split()).upper()


def county_name(county: str) -> str:
    """Return a county's name without "County", "Parish", "Borough" and the like."""
    name = " ".join(county.split())
    prefix = _COUNTY_PREFIX_RE.match(name)
    city_of = _CITY_OF_RE.match(name)
    if prefix is not None:
        name = name[prefix.end() :]
    elif city_of is not None:
        # "City of Richmond" is Virginia's independent city, which the Census calls
        # "Richmond city": a different county from "Richmond County".
        name = f"{city_of.group(1)} city"
    return _COUNTY_SUFFIX_RE.sub("", name) or name


def county_key(county: str, state: str) -> str:
    """Return the key service areas store for a county: "san mateo|CA"."""
    return f"{fold_name(county_name(county))}|{_state_code(state)}"


def city_key(city: str, state: str) -> str:
    """Return the key service areas store for a city: "redwood city|CA"."""
    return f"{fold_name(city)}|{_state_code(state)}"


@dataclass(frozen=True)
class Place:
    """A point on the map with what is known of its ZIP code, city, county and state.

    Fields that are not known are empty strings (a "lat,lon" place knows no city).
    ``county`` is the county's name without the word "County" ("San Mateo").
    """

    point: Point = field(hash=False)
    label: str
    zip: str
    city: str
    county: str
    state: str
    precision: str
    #: Other names of the place's city (the post office's acceptable cities for a ZIP).
    other_cities: tuple[str, ...] = ()
    #: The IANA time zone of the place ("America/Los_Angeles"), "" when not known.
    timezone: str = ""

    def __post_init__(self) -> None:
        """Check that the precision is one of :data:`PRECISIONS`."""
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")

    @property
    def latitude(self) -> float:
        """Return the latitude in degrees."""
        return float(self.point.latitude)

    @property
    def longitude(self) -> float:
        """Return the longitude in degrees."""
        return float(self.point.longitude)

    @property
    def city_key(self) -> str:
        """Return the city as service areas store it, or "" when the city is unknown."""
        return city_key(self.city, self.state) if self.city else ""

    @property
    def county_key(self) -> str:
        """Return the county as service areas store it, or "" when the county is unknown."""
        return county_key(self.county, self.state) if self.county else ""

    def to_location(self) -> Location:
        """Return the place as a geopy Location (what geopy geocoders return)."""
        raw = {
            "zip": self.zip,
            "city": self.city,
            "county": self.county,
            "state": self.state,
            "precision": self.precision,
        }
        location: Location = Location(self.label, self.point, raw)
        return location


def _format_coordinate(value: float) -> str:
    """Return a coordinate with at most 6 decimals and no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def parse_coordinates(text: str) -> Place | None:
    """Return the place of "latitude,longitude", or None if `text` is not that shape."""
    match = _COORDINATES_RE.fullmatch(text)
    if match is None:
        return None
    lat_text, lon_text = match.groups()
    latitude, longitude = float(lat_text), float(lon_text)
    example = 'give "latitude,longitude", e.g. "37.48,-122.21".'
    if not -90 <= latitude <= 90:
        if -90 <= longitude <= 90 and -180 <= latitude <= 180:
            example = f'did you mean "{lon_text},{lat_text}" (latitude first)?'
        raise LocationNotFound(
            f"Latitude {lat_text} is not between -90 and 90: {example}", value=text
        )
    if not -180 <= longitude <= 180:
        raise LocationNotFound(
            f"Longitude {lon_text} is not between -180 and 180: {example}", value=text
        )
    return Place(
        point=Point(latitude, longitude),
        label=f"{_format_coordinate(latitude)}, {_format_coordinate(longitude)}",
        zip="",
        city="",
        county="",
        state="",
        precision="point",
    )


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in miles between two points given in degrees."""
    phi1 = lat1 * _RADIANS
    phi2 = lat2 * _RADIANS
    half_dphi = math.sin((phi2 - phi1) * 0.5)
    half_dlam = math.sin((lon2 - lon1) * _HALF_RADIANS)
    a = half_dphi * half_dphi + math.cos(phi1) * math.cos(phi2) * half_dlam * half_dlam
    # Rounding can push `a` a hair above 1 for antipodal points.
    return _EARTH_DIAMETER_MILES * math.asin(math.sqrt(a) if a < 1.0 else 1.0)


def check_coordinates(latitude: float, longitude: float, what: str) -> None:
    """Raise InputError unless latitude and longitude are finite and in range."""
    if not -90 <= latitude <= 90:
        raise InputError(f"{what}: latitude {latitude} is not between -90 and 90.", value=latitude)
    if not -180 <= longitude <= 180:
        raise InputError(
            f"{what}: longitude {longitude} is not between -180 and 180.", value=longitude
        )
