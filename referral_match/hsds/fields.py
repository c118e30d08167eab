"""Turn the cells of HSDS and Ohana rows into our values, warning about those we cannot use.

Times, weekdays, costs, phones, email addresses, languages, service areas, addresses, weekly
schedules, and taxonomy terms mapped onto our taxonomy. The ``read_*`` functions warn
through ``Notes`` (at the row's file, line and column) and leave out what they cannot read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referral_match.geo.places import normalize_state, normalize_zip
from referral_match.hsds.package_files import Row
from referral_match.hsds.row_problems import Notes
from referral_match.model import Address, Cost, ServiceArea
from referral_match.schedule import WeeklySchedule
from referral_match.schedule_dates import DateSpan
from referral_match.sources import fields as parse
from referral_match.taxonomy import Taxonomy

__all__ = [
    "DAY_CODES",
    "TermMapper",
    "TermMapping",
    "combine_costs",
    "cost_from_text",
    "eligibility_words",
    "hsds_time",
    "humanize",
    "merge_areas",
    "read_address",
    "read_area",
    "read_email",
    "read_languages",
    "read_phone",
    "read_schedule",
    "split_commas",
    "weekday",
    "whole_number",
]

_TIME = re.compile(
    r"(\d{1,2})(?:[:.]?(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?\s*m\.?)?"
    r"\s*(?:z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_WEEKDAYS = {
    **{name: day for day, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    **{
        name[:length]: day
        for day, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
        for length in (3, 4, len(name))
    },
    **{str(day + 1): day for day in range(7)},  # ISO 8601: 1 is Monday, 7 is Sunday
}
#: RFC 5545 weekday codes (HSDS ``schedule.byday``), Monday first.
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def hsds_time(text: str) -> str:
    """Read a time as packages write it ("09:00:00", "9:00", "9am", "4:00 PM") as HH:MM."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f'"{text}" is not a time: write it as HH:MM, like 09:00 or 17:30.')
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), (match[4] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f'"{text}" is not a time: with am or pm, hours go from 1 to 12.')
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise ValueError(f'"{text}" is not a time of day: write it as HH:MM, like 17:30.')
    return f"{hour:02d}:{minute:02d}"


def weekday(text: str) -> int:
    """Read a weekday (1-7 from Monday, a name, or an RRULE code like MO) as 0-6 from Monday."""
    day = _WEEKDAYS.get(text.strip().lower())
    if day is None:
        raise ValueError(
            f'"{text}" is not a weekday: write a name such as Monday, or 1 (Monday) to 7 (Sunday).'
        )
    return day


_FREE_WORDS = {"free", "none", "no fee", "no fees", "no cost", "no charge", "$0", "0"}


def cost_from_text(text: str) -> Cost:
    """Classify a fee description: free, sliding scale, fee, or unknown when it does not say."""
    key = " ".join(text.lower().split())
    first = re.split(r"[.;(]", key, maxsplit=1)[0].strip(" ,")
    with contextlib.suppress(ValueError):
        return parse.parse_cost(first)
    if re.search(r"sliding|income.based|(based on|according to) income", key):
        return Cost.SLIDING_SCALE
    if first in _FREE_WORDS or first.startswith("free "):
        return Cost.FREE
    if "donation" in key and not re.search(r"\bfees?\b|\bcharge", key):
        return Cost.UNKNOWN  # a suggested donation is neither free nor a fee
    if re.search(r"[$£€]\s*[1-9]|\bflat fee\b|\bfees? (?:is|are|of)\b", key):
        return Cost.FEE
    return Cost.UNKNOWN


def combine_costs(costs: Iterable[Cost]) -> Cost:
    """Return the cost a client filter should see for several cost options."""
    known = {c for c in costs if c is not Cost.UNKNOWN}
    if Cost.SLIDING_SCALE in known:
        return Cost.SLIDING_SCALE
    if known == {Cost.FREE}:
        return Cost.FREE
    return Cost.FEE if Cost.FEE in known else Cost.UNKNOWN


def whole_number(text: str) -> str:
    """Return "12" for "12", "12.0" or " 12 " (numbers in packages may be written as floats)."""
    match = re.fullmatch(r"\s*(\d+)(?:\.0*)?\s*", text)
    return match.group(1) if match else text


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def read_email(row: Row, column: str, notes: Notes) -> str:
    """Return a row's email address, or warn and return "" when it is not one."""
    text = row.get(column)
    if text and not _EMAIL.fullmatch(text):
        notes.warn(
            row,
            column,
            text,
            f'"{text}" is not an email address: write name@domain.org. It was not imported.',
        )
        return ""
    return text


def humanize(value: str) -> str:
    """Turn an enumerated value such as ``disabled_parking`` into ``disabled parking``."""
    return value.replace("_", " ").strip()


def split_commas(text: str) -> list[str]:
    """Split a comma-separated cell (Ohana lists, HSDS 1.1 lists), dropping blanks."""
    return [item.strip() for item in re.split(r"[,;\n]", text) if item.strip()]


def read_phone(row: Row, notes: Notes) -> str | None:
    """Read the number (and extension) of a phone row, or warn and return None."""
    number = row.first("number", "phone", "phone_number")[1].strip().strip('"').strip()
    extension = whole_number(row.get("extension"))
    if not number:
        notes.warn(row, "number", "", "the phone has no number, so it was not imported.")
        return None
    if extension and not re.search(r"(ext|x)\.?\s*\d", number, re.IGNORECASE):
        number = f"{number} ext. {extension}"
    try:
        return parse.parse_phone(number)
    except ValueError as exc:
        notes.warn(row, "number", number, f"{exc} This number was not imported.")
        return None


def read_languages(row: Row, column: str, values: Iterable[str], notes: Notes) -> list[str]:
    """Read language names or codes, warning about (and leaving out) those we do not know."""
    codes = []
    for value in values:
        try:
            codes.append(parse.parse_language(value))
        except ValueError as exc:
            notes.warn(row, column, value, f"{exc} This language was not imported.")
    return codes


def read_area(
    row: Row, column: str, text: str, state: str, notes: Notes
) -> tuple[ServiceArea, str]:
    """Read a service area; return (area, "") or, when it cannot be placed, (empty, text).

    Areas in HSDS are free text; one we cannot place is kept in the eligibility text, so
    that a case manager still reads it, and is reported.
    """
    try:
        return parse.parse_service_area(text, default_state=state or None), ""
    except ValueError as exc:
        notes.warn(
            row,
            column,
            text,
            f"{exc} It was kept in the eligibility text, but clients are not matched on it.",
        )
        return ServiceArea(), text


def merge_areas(areas: Iterable[ServiceArea]) -> ServiceArea:
    """Join several service areas into one."""
    areas = list(areas)
    return ServiceArea(
        zips=tuple(dict.fromkeys(z for a in areas for z in a.zips)),
        cities=tuple(dict.fromkeys(c for a in areas for c in a.cities)),
        counties=tuple(dict.fromkeys(c for a in areas for c in a.counties)),
        states=tuple(dict.fromkeys(s for a in areas for s in a.states)),
        national=any(a.national for a in areas),
    )


def read_address(row: Row, notes: Notes) -> Address | None:
    """Read an address row (HSDS or Ohana); parts that are not US-shaped are warned about."""
    street = ", ".join(
        p for p in (row.get("address_1"), row.get("address_2"), row.get("address_3")) if p
    )
    city = row.get("city")
    state_text = row.get("state_province")
    state = normalize_state(state_text) if state_text else ""
    if state is None:
        notes.warn(
            row,
            "state_province",
            state_text,
            f'"{state_text}" is not a US state, so the address was imported without it: '
            "write the two-letter code, like CA.",
        )
        state = ""
    postal_text = row.get("postal_code")
    postal = normalize_zip(postal_text) if postal_text else ""
    if postal is None:
        notes.warn(
            row,
            "postal_code",
            postal_text,
            f'"{postal_text}" is not a US ZIP code, so the address was imported without it: '
            "write 5 digits, like 94063.",
        )
        postal = ""
    if not any((street, city, state, postal)):
        return None
    return Address(street, city, state, postal)


def read_schedule(rows: Sequence[Row], notes: Notes) -> tuple[WeeklySchedule | None, str]:
    """Turn schedule rows (1.1 ``weekday`` or 3.0 ``byday`` style) into weekly hours and text.

    Returns the hours (None when no row gives weekly times) and the rows' descriptions.
    Rows that cannot be read are warned about and left out. A monthly rule by weekday
    ("freq MONTHLY, byday 1TU,3TU": the 1st and 3rd Tuesday) or by day of the month
    ("bymonthday 1,15") is read; one every few weeks is kept as text only. The rows'
    ``valid_from`` and ``valid_to`` (else ``dtstart`` and ``until``) bound the hours when
    the rows agree on them; rows for different dates (summer and winter hours) are kept
    as text, with a warning.
    """
    triples: list[tuple[int, str, str, tuple[int, ...], tuple[int, ...]]] = []
    spans: dict[DateSpan | None, Row] = {}
    texts: list[str] = []
    for row in rows:
        if (description := row.get("description")) and description not in texts:
            texts.append(description)
        opens_text, closes_text = row.get("opens_at"), row.get("closes_at")
        if not opens_text and not closes_text:
            continue  # closed that day, or a description only
        days = _schedule_days(row, notes)
        if days is None:
            continue
        times = [_schedule_time(row, c, notes) for c in ("opens_at", "closes_at")]
        if times[0] is None or times[1] is None:
            continue
        opens, closes = times[0], times[1]
        if closes != "00:00" and closes < opens and opens < "12:00":
            notes.warn(
                row,
                "closes_at",
                closes_text,
                f"it opens at {opens} and closes at {closes}, which was read as closing at "
                f"{closes} the next day: if it closes in the afternoon, write "
                f"{int(closes[:2]) + 12:02d}{closes[2:]}.",
            )
        span = _schedule_dates(row, notes)
        if isinstance(span, bool):  # warned: not imported
            continue
        spans.setdefault(span, row)
        monthdays = _monthdays(row)
        triples += [(day, opens, closes, weeks, monthdays) for day, weeks in days]
    triples = list(dict.fromkeys(triples))
    hours = None
    if len(spans) > 1:
        notes.warn(
            list(spans.values())[1],
            "valid_from",
            None,
            "these schedule rows hold on different dates (seasonal hours): they are shown "
            "as text only, and open-now is not answered. Give each season's hours in the "
            'description, like "Jun-Aug: Mon-Fri 9-5".',
        )
        texts = texts or [
            "; ".join(f"{DAY_CODES[d].title()} {o}-{c}" for d, o, c, _, _ in triples)
        ]
        triples = []
    if triples:
        try:
            hours = WeeklySchedule.from_day_hours(triples).during(next(iter(spans)))
        except ValueError as exc:
            notes.warn(
                rows[0],
                "opens_at",
                None,
                f"these hours cannot be used ({exc}); they are shown as text only.",
            )
            texts = texts or [
                "; ".join(f"{DAY_CODES[d].title()} {o}-{c}" for d, o, c, _, _ in triples)
            ]
    elif texts:
        with contextlib.suppress(ValueError):
            hours = WeeklySchedule.parse("; ".join(texts))
    return hours, " ".join(texts)


def _schedule_time(row: Row, column: str, notes: Notes) -> str | None:
    """Return a schedule row's opens_at or closes_at as HH:MM, or warn and return None."""
    text = row.get(column)
    try:
        if not text:
            raise ValueError(f"{column} is blank: give both the opening and the closing time.")
        return hsds_time(text)
    except ValueError as exc:
        notes.warn(row, column, text, f"{exc} This opening was not imported.")
        return None


def _schedule_days(row: Row, notes: Notes) -> list[tuple[int, tuple[int, ...]]] | None:
    """Return the weekdays a schedule row is about, each with its weeks of the month (none:
    every week), or warn and return None."""
    if value := row.get("weekday"):
        try:
            return [(weekday(value), ())]
        except ValueError as exc:
            notes.warn(row, "weekday", value, f"{exc} This opening was not imported.")
            return None
    freq, interval = row.get("freq").upper(), whole_number(row.get("interval"))
    byday = row.get("byday")
    by_date = freq == "MONTHLY" and bool(row.get("bymonthday"))
    monthly = freq == "MONTHLY" and not by_date
    numbered = re.search(r"\d", byday)
    if by_date and _monthdays(row) and not numbered:
        if not byday:
            return [(day, ()) for day in range(7)]  # the 15th, whatever its weekday
    elif (
        freq not in ("", "WEEKLY", "MONTHLY")
        or interval not in ("", "1")
        or (numbered and not monthly)
        or by_date
    ):
        notes.warn(
            row,
            "freq",
            freq or None,
            "only weekly hours are read; this rule (monthly, or every few weeks) was kept "
            "as text in the description.",
        )
        return None
    if not byday:
        notes.warn(
            row,
            "byday",
            "",
            'the row says when it opens but not on which days: fill in byday, like "MO,TU,WE". '
            "This opening was not imported.",
        )
        return None
    weeks: dict[int, list[int]] = {}
    for code in split_commas(byday):
        match = re.fullmatch(r"([+-]?[1-5])?\s*([A-Za-z]{2})", code.strip())
        try:
            if match is None:
                raise ValueError(code)
            day = weekday(match.group(2))
            week = int(match.group(1)) if match.group(1) else 0
            if week not in (-1, 0, 1, 2, 3, 4, 5):
                raise ValueError(code)
            weeks.setdefault(day, []).append(week)
        except ValueError:
            notes.warn(
                row,
                "byday",
                byday,
                f'"{code}" is not an RRULE day: use MO, TU, WE, TH, FR, SA or SU (with a '
                'week for a monthly rule, like "1TU" or "-1FR"). This opening was not imported.',
            )
            return None
    # 0 is every week of the month: "TU" in a monthly rule is every Tuesday.
    return [
        (day, () if 0 in found else tuple(sorted(set(found), key=lambda w: (w < 0, w))))
        for day, found in weeks.items()
    ]


def _monthdays(row: Row) -> tuple[int, ...]:
    """Return a monthly rule's days of the month (``bymonthday`` "1,15", "-1"), or ()."""
    if row.get("freq").upper() != "MONTHLY":
        return ()
    found: list[int] = []
    for part in split_commas(row.get("bymonthday")):
        try:
            day = int(part.strip())
        except ValueError:
            return ()
        if not (day == -1 or 1 <= day <= 31):
            return ()
        found.append(day)
    return tuple(sorted(set(found), key=lambda d: (d < 0, d)))


def _schedule_dates(row: Row, notes: Notes) -> DateSpan | None | bool:
    """Return the dates a schedule row holds on (None: always), or False (warned: unusable).

    ``valid_from``/``valid_to`` say it; ``dtstart``/``until`` (the rule's first and last
    day) stand in where they are blank.
    """
    dates: list[dt.date | None] = []
    for columns in (("valid_from", "dtstart"), ("valid_to", "until")):
        column, text = row.first(*columns)
        if not text:
            dates.append(None)
            continue
        try:
            dates.append(dt.date.fromisoformat(text.strip()[:10]))
        except ValueError:
            notes.warn(
                row,
                column,
                text,
                f'{column} "{text}" is not a date: write it as YYYY-MM-DD. The row\'s hours '
                "were read as holding all year.",
            )
            dates.append(None)
    try:
        return DateSpan.dates(dates[0], dates[1])
    except ValueError as exc:
        notes.warn(row, "valid_to", row.get("valid_to"), f"{exc}: this opening was not imported.")
        return False


@dataclass(frozen=True, slots=True)
class TermMapping:
    """What one taxonomy term of a package becomes: a category of ours and/or a keyword."""

    category: str | None
    keyword: str | None


class TermMapper:
    """Map a package's taxonomy terms (Open Eligibility codes or names) onto our taxonomy.

    Open Eligibility's top and second levels are ours, so those codes pass through. Third
    level codes are ours only when the names agree: where Open Eligibility names another
    need with the same code, the term's name decides, else its parent. A term we cannot place
    becomes a keyword, which search still finds, with a warning.
    """

    def __init__(self, taxonomy: Taxonomy, notes: Notes) -> None:
        self.taxonomy = taxonomy
        self.notes = notes
        self._cache: dict[tuple[str, str], TermMapping] = {}

    def _resolve(self, text: str) -> str | None:
        try:
            return self.taxonomy.resolve(text) if text else None
        except ValueError:
            return None

    def map(self, row: Row, code: str, name: str, column: str = "") -> TermMapping:
        """Return the category (or keyword) of a term; warn (once per term) when it is lost.

        ``column`` names the cell to report; by default the term row's code or name.
        """
        key = (code, name)
        if key not in self._cache:
            self._cache[key] = self._map(row, code.strip(), name.strip(), column)
        return self._cache[key]

    def _map(self, row: Row, code: str, name: str, column: str) -> TermMapping:
        ours = self.taxonomy.get(code) if code else None
        by_name = self._resolve(name)
        if ours is not None:
            same_name = _fold(name) == _fold(ours.name)
            if ours.level <= 2 or not name or same_name or by_name == code:
                return TermMapping(code, None)
            if by_name is not None:
                return TermMapping(by_name, None)
            parent = ours.parent
            self.notes.warn(
                row,
                column or "code",
                code,
                f'code {code} is "{ours.name}" in our taxonomy, but this package calls it '
                f'"{name}": its services were filed under the broader {parent} and "{name}" '
                "was kept as a keyword. Give the term the name or code it has in "
                "data/taxonomy.csv to file it exactly.",
            )
            return TermMapping(parent, name)
        if by_name is not None:
            return TermMapping(by_name, None)
        if (by_code := self._resolve(code)) is not None:
            return TermMapping(by_code, None)
        label = name or code
        parent = next((p for p in _code_parents(code) if p in self.taxonomy), None)
        where = f" and its services were filed under {parent}" if parent else ""
        self.notes.warn(
            row,
            column or ("name" if name else "code"),
            label,
            f'"{label}" is not a term of our taxonomy (data/taxonomy.csv), so it was kept '
            f"as a keyword, which searches still find{where}. To file it under a category, "
            "use one of our codes or names.",
        )
        return TermMapping(parent, label)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("&", " and ").split())


def _code_parents(code: str) -> list[str]:
    """Return the broader Open Eligibility codes of a code: 102-06-09 -> [102-06, 102]."""
    if not re.fullmatch(r"\d{3}(-\d{2})+", code):
        return []
    parts = code.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def eligibility_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (genders, populations) when a short eligibility value names them, else ((), ())."""
    with contextlib.suppress(ValueError):
        genders = parse.parse_genders(text)
        if genders:
            return genders, ()
    with contextlib.suppress(ValueError):
        return (), parse.parse_populations(text)
    return (), ()
