"""Parse the values admins type into spreadsheet cells into typed values.

Each ``parse_*`` function takes the text of one cell and returns a typed value or raises
``ValueError`` with a message that says what is wrong and how to write it instead. The
marshmallow schemas wrap them as fields; the HSDS readers call them directly.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

import phonenumbers

from referral_match.geo.gazetteer import default_gazetteer
from referral_match.geo.places import city_key, county_key, normalize_state, normalize_zip
from referral_match.languages import parse_language
from referral_match.model import GENDERS, POPULATIONS, Cost, ServiceArea, Status

__all__ = [
    "parse_age",
    "parse_cost",
    "parse_date",
    "parse_fpl_percent",
    "parse_genders",
    "parse_language",
    "parse_languages",
    "parse_latitude",
    "parse_longitude",
    "parse_phone",
    "parse_phones",
    "parse_populations",
    "parse_service_area",
    "parse_status",
    "parse_website",
    "phone_state",
    "split_list",
]


def split_list(text: str) -> list[str]:
    """Split a list cell on ``;`` (or on ``,`` or line breaks when it has no ``;``)."""
    text = text.strip()
    if not text:
        return []
    separator = ";" if ";" in text else ("\n" if "\n" in text else ",")
    return [item.strip() for item in text.split(separator) if item.strip()]


def parse_latitude(text: str) -> float:
    """Read a latitude in decimal degrees, between -90 and 90."""
    return _parse_degrees(text, -90.0, 90.0)


def parse_longitude(text: str) -> float:
    """Read a longitude in decimal degrees, between -180 and 180."""
    return _parse_degrees(text, -180.0, 180.0)


def _parse_degrees(text: str, low: float, high: float) -> float:
    try:
        value = float(text.strip().rstrip("°"))
    except ValueError:
        raise ValueError(
            f"{text} is not a number: write decimal degrees such as 37.4815."
        ) from None
    if not low <= value <= high:
        raise ValueError(f"{text} is not between {low:g} and {high:g}.")
    return value


_SHORT_CODES = re.compile(r"^[2-9]11$|^988$")


# Most numbers in US directories look like one of "(650) 555-0100", "650-555-0100",
# "650.555.0100" or "+1 650 555 0100", with an optional extension. These are read with one
# regular expression; phonenumbers (ten times slower) reads everything else.
_US_PHONE = re.compile(
    r"(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?([2-9]\d{2})[\s.-]?(\d{4})"
    r"(?:\s*(?:ext\.?|x|extension|#)\s*(\d{1,6}))?",
    re.IGNORECASE,
)


def parse_phone(text: str) -> str:
    """Read one phone number in any common format and return it formatted for the US."""
    text = text.strip()
    if _SHORT_CODES.match(digits := re.sub(r"[\s.-]", "", text)):
        return digits  # 211, 311, 988 (also written "2-1-1"): dialled as they are
    if match := _US_PHONE.fullmatch(text):
        area, exchange, line, extension = match.groups()
        formatted = f"({area}) {exchange}-{line}"
        return f"{formatted} ext. {extension}" if extension else formatted
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValueError(
            f'"{text}" is not a phone number: write it with its area code, '
            "like (650) 555-0100 or 650-555-0100 ext. 12."
        )
    if number.country_code == 1:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@functools.lru_cache(maxsize=4096)
def phone_state(number: str) -> str | None:
    """Return the US state of a number's area code ("(312) 341-1070" -> "IL"), or None.

    Toll-free and national numbers (800, 888, 988...) have no state.
    """
    from phonenumbers import geocoder

    try:
        parsed = phonenumbers.parse(number, "US")
    except phonenumbers.NumberParseException:
        return None
    where = geocoder.description_for_number(parsed, "en")
    # "Chicago, IL", or a state's name alone ("Illinois"); "United States" for toll-free.
    return normalize_state(where.rsplit(",", 1)[-1].strip()) if where else None


#: What a phone cell says when there is no number.
_NO_NUMBER = {"no phone", "none", "n/a", "na", "no", "-", "no number", "not available", "unlisted"}


def parse_phones(text: str) -> tuple[str, ...]:
    """Read a list of phone numbers separated by ``;``, ``,`` or "or".

    Directories write numbers among words: "844-RIGHTS-9 (844-744-4879)", "(618) 394-7300
    or (877) 342-7891", "no phone". Each number found is kept; an item with no digits says
    there is no number ("no phone", "none"); anything else with no number we can dial is an
    error.
    """
    found: list[str] = []
    for item in split_list(re.sub(r"\s+or\s+", ";", text)):
        if item.strip().lower().rstrip(".") in _NO_NUMBER:
            continue
        try:
            found.append(parse_phone(item))
            continue
        except ValueError:
            pass
        numbers = [m.group(0) for m in _US_PHONE.finditer(item)]
        if not numbers:
            parse_phone(item)  # raises, naming the item
        found += [parse_phone(number) for number in numbers]
    return tuple(dict.fromkeys(found))


# The parse functions that values repeat for across rows (languages, areas, statuses...)
# keep their answers: a directory of 100,000 rows has a few hundred distinct values there.
@functools.lru_cache(maxsize=4096)
def parse_languages(text: str) -> tuple[str, ...]:
    """Read a list of languages (codes or names) and return their codes, without repeats."""
    return tuple(dict.fromkeys(parse_language(item) for item in split_list(text)))


@functools.lru_cache(maxsize=4096)
def parse_age(text: str) -> int:
    """Read an age in whole years, 0 to 120 (``"18+"`` and ``"18 years"`` are fine)."""
    match = re.fullmatch(r"\s*(\d{1,3})\s*(\+|years?|yrs?)?\s*", text, flags=re.IGNORECASE)
    if not match or int(match.group(1)) > 120:
        raise ValueError(f'"{text}" is not an age: write whole years from 0 to 120, like 18.')
    return int(match.group(1))


_GENDER_WORDS = {
    "female": "female",
    "f": "female",
    "women": "female",
    "woman": "female",
    "girls": "female",
    "male": "male",
    "m": "male",
    "men": "male",
    "man": "male",
    "boys": "male",
    "nonbinary": "nonbinary",
    "non-binary": "nonbinary",
    "non binary": "nonbinary",
}
_ANYONE = {"any", "all", "everyone", "anyone", "all genders"}


@functools.lru_cache(maxsize=4096)
def parse_genders(text: str) -> tuple[str, ...]:
    """Read the genders a service is limited to; "any" or blank means no limit."""
    found: list[str] = []
    for item in split_list(text):
        key = item.strip().lower()
        if key in _ANYONE:
            return ()
        if key not in _GENDER_WORDS:
            raise ValueError(
                f'"{item}" is not a gender we can match on: use {", ".join(GENDERS)}, '
                "or leave it blank for anyone."
            )
        found.append(_GENDER_WORDS[key])
    genders = tuple(dict.fromkeys(found))
    return () if set(genders) == set(GENDERS) else genders


_POPULATION_WORDS = {
    "veteran": "veterans",
    "veterans": "veterans",
    "vets": "veterans",
    "senior": "seniors",
    "seniors": "seniors",
    "older adults": "seniors",
    "elderly": "seniors",
    "family": "families",
    "families": "families",
    "families with children": "families",
    "pregnant": "pregnant",
    "pregnancy": "pregnant",
    "pregnant women": "pregnant",
    "disabled": "disabled",
    "disability": "disabled",
    "disabilities": "disabled",
    "people with disabilities": "disabled",
    "homeless": "homeless",
    "unhoused": "homeless",
    "people experiencing homelessness": "homeless",
    "immigrant": "immigrants",
    "immigrants": "immigrants",
    "refugees": "immigrants",
    "youth": "youth",
    "young adults": "youth",
    "teens": "youth",
    "transition age youth": "youth",
    "lgbtq": "lgbtq",
    "lgbtq+": "lgbtq",
    "lgbt": "lgbtq",
    "lgbtqia+": "lgbtq",
}


@functools.lru_cache(maxsize=4096)
def parse_populations(text: str) -> tuple[str, ...]:
    """Read the population groups a service is limited to."""
    found: list[str] = []
    for item in split_list(text):
        key = item.strip().lower()
        if key not in _POPULATION_WORDS:
            raise ValueError(
                f'"{item}" is not a population group we know: use one of {", ".join(POPULATIONS)}.'
            )
        found.append(_POPULATION_WORDS[key])
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=4096)
def parse_fpl_percent(text: str) -> int:
    """Read an income limit as a percent of the federal poverty guideline (``200`` or ``200%``)."""
    match = re.fullmatch(r"\s*(\d{1,4})\s*%?\s*(fpl|fpg)?\s*", text, flags=re.IGNORECASE)
    if not match or not 1 <= int(match.group(1)) <= 1000:
        raise ValueError(
            f'"{text}" is not a percent of the federal poverty guideline: write a whole '
            "number such as 200 (for 200% FPL)."
        )
    return int(match.group(1))


_STATUS_WORDS = {
    "active": Status.ACTIVE,
    "open": Status.ACTIVE,
    "yes": Status.ACTIVE,
    "inactive": Status.INACTIVE,
    "closed": Status.INACTIVE,
    "no": Status.INACTIVE,
    "defunct": Status.DEFUNCT,
    "temporarily closed": Status.TEMPORARILY_CLOSED,
    "temporarily_closed": Status.TEMPORARILY_CLOSED,
    "temporarily-closed": Status.TEMPORARILY_CLOSED,
    "closed temporarily": Status.TEMPORARILY_CLOSED,
}


@functools.lru_cache(maxsize=4096)
def parse_status(text: str) -> Status:
    """Read a status: active, inactive, defunct or temporarily closed."""
    key = " ".join(text.strip().lower().split())
    if key not in _STATUS_WORDS:
        raise ValueError(
            f'"{text}" is not a status: use active, inactive, defunct or temporarily closed.'
        )
    return _STATUS_WORDS[key]


_FREE = {"free", "no cost", "no fee", "none", "$0", "0", "no charge", "free of charge"}
_SLIDING = {"sliding scale", "sliding", "sliding fee", "sliding-scale", "income based"}
_FEE = {"fee", "fees", "paid", "cost", "charge", "fee for service", "insurance"}


@functools.lru_cache(maxsize=4096)
def parse_cost(text: str) -> Cost:
    """Read a cost: free, sliding scale or fee."""
    key = " ".join(text.strip().lower().split())
    if key in _FREE:
        return Cost.FREE
    if key in _SLIDING:
        return Cost.SLIDING_SCALE
    if key in _FEE:
        return Cost.FEE
    raise ValueError(
        f'"{text}" is not a cost we can filter on: use free, sliding scale or fee, '
        "and put the details in the fees column."
    )


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y")


def parse_date(text: str, *, today: dt.date | None = None) -> dt.date:
    """Read a date (``YYYY-MM-DD``, ``MM/DD/YYYY`` and a few others) that is not in the future."""
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            date = dt.datetime.strptime(value, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise ValueError(f'"{text}" is not a date: write it as YYYY-MM-DD, like 2026-09-30.')
    today = today or dt.date.today()
    if date > today + dt.timedelta(days=1):
        raise ValueError(f"{value} is in the future: give the date the record was last checked.")
    return date


def parse_website(text: str) -> str:
    """Read a web address, adding ``https://`` when the scheme is missing."""
    value = text.strip()
    if not re.match(r"^https?://", value, flags=re.IGNORECASE):
        value = "https://" + value
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*\.[^\s]+", value, flags=re.IGNORECASE):
        raise ValueError(f'"{text}" is not a web address: write it like https://example.org.')
    return value


_COUNTY = re.compile(
    r"^(?P<name>.+?\b(county|parish|borough))\s*(,?\s*(?P<state>[A-Za-z .]+))?$", re.IGNORECASE
)
_CITY = re.compile(r"^(?P<name>[^,]+?)\s*(,\s*(?P<state>[A-Za-z .]+))?$")
_NATIONAL = {"national", "nationwide", "us", "usa", "united states", "all states"}
_AREA_HELP = (
    'write ZIP codes, "City, ST", "Name County, ST", a state code such as CA, or "national", '
    'separated by ";".'
)


@functools.lru_cache(maxsize=4096)
def parse_service_area(text: str, *, default_state: str | None = None) -> ServiceArea:
    """Read a service area: ZIPs, ``City, ST``, ``Name County, ST``, states, or ``national``.

    A city or county written without its state takes ``default_state`` (the state of the
    resource's own address). Cities and counties are checked against the gazetteer, so that
    a misspelt name is caught at import rather than never matching a client.
    """
    zips: list[str] = []
    cities: list[str] = []
    counties: list[str] = []
    states: list[str] = []
    national = False
    gazetteer = default_gazetteer()
    for item in _service_area_items(text):
        key = item.lower().rstrip(".")
        if key in _NATIONAL:
            national = True
        elif (zip_code := normalize_zip(item)) is not None and re.fullmatch(r"[\d\s-]+", item):
            zips.append(zip_code)
        elif (state := normalize_state(item)) is not None:
            states.append(state)
        elif m := _COUNTY.match(item):
            state = _area_state(item, m["state"], default_state)
            if gazetteer.by_county(m["name"], state) is None:
                raise ValueError(
                    f'"{item}" is not a county of {state} that we know: check the '
                    "spelling, or " + _AREA_HELP
                )
            counties.append(county_key(m["name"], state))
        elif m := _CITY.match(item):
            state = _area_state(item, m["state"], default_state)
            if gazetteer.by_city(m["name"], state) is None:
                hint = gazetteer.suggest_city(m["name"], state)
                fix = f"did you mean {hint}?" if hint else "check the spelling."
                raise ValueError(f'"{item}" is not a city of {state} that we know: {fix}')
            cities.append(city_key(m["name"], state))
        else:
            raise ValueError(f'"{item}" is not an area we can match on: {_AREA_HELP}')
    return ServiceArea(
        zips=tuple(dict.fromkeys(zips)),
        cities=tuple(dict.fromkeys(cities)),
        counties=tuple(dict.fromkeys(counties)),
        states=tuple(dict.fromkeys(states)),
        national=national,
    )


def _area_state(item: str, written: str | None, default: str | None) -> str:
    """Return the state of a city or county in a service area, or raise ValueError."""
    if written:
        state = normalize_state(written)
        if state is None:
            raise ValueError(f'"{item}": "{written.strip()}" is not a US state; {_AREA_HELP}')
        return state
    if default:
        return default
    raise ValueError(f'"{item}" needs its state, like "{item}, CA" (or fill in the state column).')


def _service_area_items(text: str) -> Iterable[str]:
    # "City, ST" holds a comma, so only ";" and line breaks separate areas; but a plain run
    # of ZIP codes or state codes written with commas is split on them too.
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(
            re.fullmatch(r"\d{5}(-\d{4})?", p) or re.fullmatch(r"[A-Za-z]{2}", p) for p in pieces
        ):
            yield from pieces
        else:
            yield part
