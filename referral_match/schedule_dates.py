"""The dates a schedule holds on: a season every year, or from and to given dates.

Directories write seasonal hours as ``Jun-Aug: Mon-Fri 9am-5pm``, ``Nov 1 - Mar 31: Daily
7pm-7am`` (a winter shelter: the season runs over the new year) or ``Mon-Fri 9-5 (June to
August)``, and HSDS 3.0 schedules give ``valid_from`` and ``valid_to`` dates. A
:class:`DateSpan` is either kind; :func:`split_dates` takes it off the front (``...:``) or
the end (``(...)``) of an hours text and leaves the weekly hours to
:class:`~referral_match.schedule.WeeklySchedule`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateSpan", "split_dates"]

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    )
} | {"sept": 9}
_MONTH = r"(?P<{0}m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:\s+(?P<{0}d>\d{{1,2}})(?:st|nd|rd|th)?)?"
_TO = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*"
_SEASON = re.compile(
    _MONTH.format("a") + _DAY.format("a") + _TO + _MONTH.format("b") + _DAY.format("b"),
    re.IGNORECASE,
)
_DATE = r"(?P<{0}>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
_VALIDITY = re.compile(
    r"(?:from\s+|starting\s+)?"
    + _DATE.format("first")
    + _TO
    + _DATE.format("last")
    + r"|(?:from|starting)\s+"
    + _DATE.format("only_first")
    + r"|(?:until|till|through|to)\s+"
    + _DATE.format("only_last"),
    re.IGNORECASE,
)
#: A span before the hours ("Jun-Aug: ...") or after them in brackets ("... (Jun-Aug)").
_LEADING = re.compile(r"^\s*(?:open\s+)?(?P<span>[^:;()\n]+?)\s*:\s*(?P<rest>\S.*)$", re.DOTALL)
_TRAILING = re.compile(r"^(?P<rest>.*\S)\s*\((?:open\s+)?(?P<span>[^()]+)\)\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The dates a schedule holds on: ``start`` to ``end`` every year, or ``first`` to ``last``.

    A yearly span is (month, day) pairs and may run over the new year (Nov 1 to Mar 31).
    Dated spans may be open at one end (from a date on, or until a date).
    """

    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    first: dt.date | None = None
    last: dt.date | None = None

    def __post_init__(self) -> None:
        yearly = self.start is not None and self.end is not None
        dated = self.first is not None or self.last is not None
        if yearly == dated:
            raise ValueError("a span is a season (start and end) or dates (first, last)")
        for pair in (self.start, self.end):
            if pair is not None:
                month, day = pair
                if not (1 <= month <= 12 and 1 <= day <= _days_in(month)):
                    raise ValueError(f"no such day: {month}/{day}")
        if self.first and self.last and self.last < self.first:
            raise ValueError(f"{self.last} is before {self.first}")

    @classmethod
    def dates(cls, first: dt.date | None, last: dt.date | None) -> DateSpan | None:
        """Return the span from ``first`` to ``last`` (either may be None), or None if both."""
        return None if first is None and last is None else cls(first=first, last=last)

    def contains(self, date: dt.date) -> bool:
        """Tell whether the schedule holds on this date."""
        if self.start is not None and self.end is not None:
            day = (date.month, date.day)
            if self.start <= self.end:
                return self.start <= day <= self.end
            return day >= self.start or day <= self.end  # over the new year
        return (self.first is None or self.first <= date) and (
            self.last is None or date <= self.last
        )

    def to_text(self) -> str:
        """Write the span as :func:`split_dates` reads it: ``Jun 1-Aug 31``, ``2026-06-01 to
        2026-08-31``, ``from 2026-06-01``, ``until 2026-08-31``."""
        if self.start is not None and self.end is not None:
            return f"{_month_day(self.start)}-{_month_day(self.end)}"
        if self.first and self.last:
            return f"{self.first.isoformat()} to {self.last.isoformat()}"
        if self.first:
            return f"from {self.first.isoformat()}"
        assert self.last is not None
        return f"until {self.last.isoformat()}"

    def describe(self) -> str:
        """Write the span for people: ``June 1 to August 31``, ``until August 31, 2026``."""
        if self.start is not None and self.end is not None:
            return f"{_month_day(self.start, full=True)} to {_month_day(self.end, full=True)}"
        if self.first and self.last:
            return f"{_long(self.first)} to {_long(self.last)}"
        if self.first:
            return f"From {_long(self.first)}"
        assert self.last is not None
        return f"Until {_long(self.last)}"


def split_dates(text: str) -> tuple[DateSpan | None, str]:
    """Return the span an hours text starts (``...:``) or ends (``(...)``) with, and the rest.

    Text without one comes back whole, with None. A span that names a day that does not
    exist (Feb 30) raises ValueError.
    """
    for pattern in (_LEADING, _TRAILING):
        match = pattern.match(text)
        if match:
            span = parse_span(match.group("span"))
            if span is not None:
                return span, match.group("rest")
    return None, text


def parse_span(text: str) -> DateSpan | None:
    """Read a whole text as a span ("June to August", "2026-06-01 to 2026-08-31"), or None."""
    text = text.strip()
    if match := _SEASON.fullmatch(text):
        first_month = _MONTHS[match["am"].lower()]
        last_month = _MONTHS[match["bm"].lower()]
        start = (first_month, int(match["ad"] or 1))
        end = (last_month, int(match["bd"] or _days_in(last_month)))
        return DateSpan(start=start, end=end)
    if match := _VALIDITY.fullmatch(text):
        first = match["first"] or match["only_first"]
        last = match["last"] or match["only_last"]
        return DateSpan(first=_date(first) if first else None, last=_date(last) if last else None)
    return None


def _date(text: str) -> dt.date:
    if "/" in text:
        month, day, year = (int(p) for p in text.split("/"))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def _days_in(month: int) -> int:
    return 29 if month == 2 else calendar.monthrange(2001, month)[1]


def _month_day(pair: tuple[int, int], *, full: bool = False) -> str:
    month, day = pair
    names = calendar.month_name if full else calendar.month_abbr
    return f"{names[month]} {day}"


def _long(date: dt.date) -> str:
    return f"{calendar.month_name[date.month]} {date.day}, {date.year}"
