"""Weekly opening hours: read what directory admins type, answer "open now?", print them back.

:meth:`WeeklySchedule.parse` reads text such as ``Mon-Fri 9am-5pm; Sat 10:00-14:00``. Groups
are separated by ``;``, ``|``, new lines, or simply start with a day again. A group names days
(``Mon``, ``Tu/Th``, ``Mon-Fri``, ``Sun-Tue``, ``Daily``, ``Weekdays``, ``Weekends``), then one
or more time ranges, ``24 hours`` or ``closed``. ``24/7`` and ``open 24 hours`` alone mean
always open; ``closed`` alone means never open. Times without am/pm are read by these rules,
so that no guess is silent:

* ``09:00``, ``0900``, ``0`` and hours from 13 to 24 are the 24-hour clock: ``Weekdays 9-17``.
* When only one end of a range says am/pm (or noon, midnight, or is on the 24-hour clock), the
  other end is read so that the range is as short as possible: ``9-5pm`` is 9 am to 5 pm,
  ``6-9pm`` is 6 pm to 9 pm, ``10pm-6`` runs to 6 am.
* When neither end says, the range must open between 7 and 12 o'clock, read as morning (12 as
  noon), and it closes at the first such hour after that: ``8-5`` is 08:00-17:00 and ``10-2``
  is 10:00-14:00. ``1-4`` or ``5-9`` could be morning or evening, so they are rejected.
* A range that closes at or before it opens runs overnight: ``Fri 22:00-02:00`` ends at 2 am on
  Saturday. ``midnight`` closes a day (24:00).

Hours are the service's own wall-clock time. :func:`local_time` turns a moment into the wall
clock of a resource's time zone, so that "open now" is answered there, never in the
server's time zone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import os
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from referral_match.errors import InputError
from referral_match.schedule_dates import DateSpan, split_dates

__all__ = [
    "Interval",
    "ScheduleError",
    "WeeklySchedule",
    "is_time_zone",
    "local_time",
    "zone_name",
]

_DAY_MINUTES = 1440
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EVERY_DAY = frozenset(range(7))
_EXAMPLE = '"Mon-Fri 09:00-17:00; Sat 10:00-14:00"'


class ScheduleError(InputError, ValueError):
    """Opening hours that cannot be read (a ValueError too, as ``parse`` promises)."""


@dataclass(frozen=True, slots=True)
class Interval:
    """One opening on one weekday, in minutes since midnight."""

    day: int  # 0 = Monday ... 6 = Sunday
    opens: int  # 0 ... 1439
    closes: int  # 1 ... 1440; at or before `opens` means it closes the next day
    #: The weeks of the month it opens ("1st and 3rd Tue"): 1 to 5, and -1 for the last;
    #: empty for every week.
    weeks: tuple[int, ...] = ()
    #: The days of the month it opens ("15th of the month"): 1 to 31, and -1 for the last;
    #: empty for every day. Such an opening has an interval for each weekday it may fall on.
    monthdays: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        valid = (
            self.day in range(7)
            and self.opens in range(1440)
            and self.closes in range(1, 1441)
            and all(w in (-1, 1, 2, 3, 4, 5) for w in self.weeks)
            and all(d == -1 or 1 <= d <= 31 for d in self.monthdays)
            and not (self.weeks and self.monthdays)
        )
        if not valid:
            raise ValueError(f"not an opening interval: {self!r}")

    def on(self, date: dt.date) -> bool:
        """Tell whether this opening happens on a date of its weekday (its week or day of
        the month)."""
        if self.monthdays:
            last_day = (date + dt.timedelta(days=1)).month != date.month
            return date.day in self.monthdays or (last_day and -1 in self.monthdays)
        if not self.weeks:
            return True
        week = (date.day - 1) // 7 + 1
        last = (date + dt.timedelta(days=7)).month != date.month
        return week in self.weeks or (last and -1 in self.weeks)

    @property
    def overnight(self) -> bool:
        """Tell whether this opening runs past midnight into the next day."""
        return self.closes <= self.opens


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    """The regular opening hours of a service over one week, and the dates they hold on."""

    intervals: tuple[Interval, ...]
    #: The season or dates the hours hold on ("Jun-Aug"); None for all year.
    dates: DateSpan | None = None

    def __post_init__(self) -> None:
        # Sort here so that equal hours compare equal however they were built.
        ordered = tuple(
            sorted(self.intervals, key=lambda i: (i.day, i.opens, i.closes, i.weeks, i.monthdays))
        )
        if problem := _overlap(ordered):
            raise ScheduleError(problem, field="hours")
        object.__setattr__(self, "intervals", ordered)

    @classmethod
    def parse(cls, text: str) -> WeeklySchedule:
        """Read opening hours as people write them, such as ``Mon-Fri 9am-5pm; Sat 10-2``.

        A season or dates may come first or last: ``Jun-Aug: Mon-Fri 9-5``, ``Daily
        7pm-7am (Nov 1 - Mar 31)``, ``2026-06-01 to 2026-08-31: Sat 10-2``.
        """
        try:
            dates, weekly = split_dates(text)
        except ValueError as exc:
            raise _unreadable(text, f"its dates cannot be used ({exc})") from None
        intervals = _Reader(weekly).intervals()
        if problem := _overlap(intervals):
            raise _unreadable(text, problem)
        return cls(tuple(intervals), dates)

    def during(self, dates: DateSpan | None) -> WeeklySchedule:
        """Return the same hours, holding only on these dates (None: all year)."""
        return WeeklySchedule(self.intervals, dates)

    @classmethod
    def from_day_hours(
        cls,
        rows: Iterable[
            tuple[int, dt.time | str, dt.time | str]
            | tuple[int, dt.time | str, dt.time | str, tuple[int, ...]]
            | tuple[int, dt.time | str, dt.time | str, tuple[int, ...], tuple[int, ...]]
        ],
    ) -> WeeklySchedule:
        """Build hours from (weekday, opens_at, closes_at[, weeks[, monthdays]]) rows.

        0 is Monday. ``weeks`` are the weeks of the month (1 to 5, -1 the last) for a
        monthly opening by weekday, ``monthdays`` the days of the month (1 to 31, -1 the
        last) for one by date.
        """
        intervals = []
        for number, row in enumerate(rows, start=1):
            day, opens_at, closes_at = row[0], row[1], row[2]
            weeks: tuple[int, ...] = row[3] if len(row) > 3 else ()
            monthdays: tuple[int, ...] = row[4] if len(row) > 4 else ()
            if not 0 <= day <= 6:
                raise ScheduleError(
                    f"row {number}: weekday {day} is not between 0 (Monday) and 6 (Sunday)",
                    field="weekday",
                    value=day,
                )
            opens = _minutes(opens_at, number, "opens_at")
            closes = _minutes(closes_at, number, "closes_at")
            # HSDS writes "open all day" as 00:00-23:59; 00:00 as a closing time is midnight.
            closes = _DAY_MINUTES if closes in (0, _DAY_MINUTES - 1) else closes
            if opens in (closes, _DAY_MINUTES):
                raise ScheduleError(
                    f"row {number}: {_hhmm(opens)}-{_hhmm(closes)} is not an opening time; "
                    'write opens_at and closes_at as HH:MM, like "09:00" and "17:00"',
                    field="closes_at",
                    value=closes_at,
                )
            intervals.append(Interval(day, opens, closes, weeks, monthdays))
        return cls(tuple(intervals))

    @property
    def is_always_open(self) -> bool:
        """Tell whether the service is open around the clock every day."""
        return self.intervals == tuple(Interval(day, 0, _DAY_MINUTES) for day in range(7))

    def to_text(self) -> str:
        """Write the hours in the canonical form that ``parse`` reads back unchanged."""
        return _canonical_text(self)

    def describe(self) -> str:
        """Write the hours for people, such as ``Mon–Fri 9 am–5 pm; Sat 10 am–2 pm``."""
        return _description(self)

    def is_open(self, at: dt.datetime) -> bool:
        """Tell whether the service is open at a local wall-clock time (minute precision)."""
        minute = at.hour * 60 + at.minute
        today = at.weekday()
        yesterday = (today - 1) % 7
        date = at.date()
        before = date - dt.timedelta(days=1)
        # An opening belongs to the date it opens on: a winter night shelter's last night
        # runs into the morning after its season.
        today_holds = self.dates is None or self.dates.contains(date)
        yesterday_holds = self.dates is None or self.dates.contains(before)
        for interval in self.intervals:
            if (
                today_holds
                and interval.day == today
                and interval.opens <= minute
                and interval.on(date)
                and (interval.overnight or minute < interval.closes)
            ):
                return True
            if (
                yesterday_holds
                and interval.overnight
                and interval.day == yesterday
                and minute < interval.closes
                and interval.on(before)
            ):
                return True
        return False

    def opens_next(self, at: dt.datetime) -> dt.datetime | None:
        """Return the first moment from `at` on when the service is open (None if never)."""
        if self.is_open(at):
            return at
        monday = dt.datetime.combine(
            at.date() - dt.timedelta(days=at.weekday()), dt.time(), at.tzinfo
        )
        starts = []
        # A monthly opening ("5th Tue", "31st of the month") may be some weeks away, at
        # most thirteen; a season may be most of a year away.
        weeks = 14 if self.dates is None else 14 + 53
        for interval in self.intervals:
            start = monday + dt.timedelta(days=interval.day, minutes=interval.opens)
            start = start if start > at else start + dt.timedelta(days=7)
            for _ in range(weeks):
                if interval.on(start.date()) and (
                    self.dates is None or self.dates.contains(start.date())
                ):
                    starts.append(start)
                    break
                start += dt.timedelta(days=7)
        return min(starts, default=None)

    def _write(self, dash: str, every_day: str, write_range: Callable[[int, int], str]) -> str:
        """Write the days that share the same ranges (and weeks) as one group."""
        Key = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]]
        groups: dict[Key, list[int]] = {}
        for day in range(7):
            on_day = [i for i in self.intervals if i.day == day]
            for when in dict.fromkeys((i.weeks, i.monthdays) for i in on_day):
                ranges = tuple(
                    (i.opens, i.closes) for i in on_day if (i.weeks, i.monthdays) == when
                )
                groups.setdefault((*when, ranges), []).append(day)
        return "; ".join(
            f"{_weeks_text(weeks)}{_monthdays_days_text(monthdays, days, dash, every_day)} "
            f"{', '.join(write_range(*r) for r in ranges)}"
            for (weeks, monthdays, ranges), days in groups.items()
        )


# Reading ---------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<sep>[;|\n])
    | (?P<space>[^\S\n]+|[:.])
    | (?P<allday>24\s*/\s*7(?:\s*/\s*365)?|24\s*(?:hours|hrs|h)\b(?:\s+a\s+day)?)
    | (?P<daily>every\s+day|7\s+days(?:\s+a\s+week)?|all\s+week)
    | (?P<monthday>(?:\b\d{1,2}(?:st|nd|rd|th)|\blast\s+day)(?:\s*(?:,|&|\band\b)\s*
        (?:\d{1,2}(?:st|nd|rd|th)|last\s+day))*\s+of\s+(?:the|each|every)\s+month\b)
    | (?P<nth>\b(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)\b)
    | (?P<noon>(?:12\s*)?noon)
    | (?P<midnight>(?:12\s*)?midnight)
    | (?P<time>\d+(?:[:.]\d+)?(?:\s*[ap](?:\.?\s?m\b\.?|\b))?)
    | (?P<dash>[-~\u2010-\u2015\u2212]|\b(?:to|through|thru|till|until)\b)
    | (?P<comma>[,/&+]|\band\b)
    | (?P<word>[^\W\d_]+)
    | (?P<other>\S)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CLOCK = re.compile(r"(\d+)(?:[:.](\d+))?\s*([ap])?", re.IGNORECASE)
_TIMES = ("time", "noon", "midnight")
_WEEK_WORDS = {
    **{f"{n}{s}": n for n, s in ((1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (5, "th"))},
    **dict(zip(("first", "second", "third", "fourth", "fifth"), range(1, 6), strict=True)),
    "last": -1,
}
_FILLERS = frozenset({"open", "from", "hours", "on"})
_AMBIGUOUS = {"t": "Tuesday or Thursday", "s": "Saturday or Sunday"}


def _day_words() -> dict[str, frozenset[int]]:
    """Map every accepted day word (Mon, Tues, Thursdays, M, Weekends, ...) to its days."""
    words = dict.fromkeys(("daily", "everyday"), _EVERY_DAY)
    words |= dict.fromkeys(("weekday", "weekdays"), frozenset(range(5)))
    words |= dict.fromkeys(("weekend", "weekends"), frozenset({5, 6}))
    # Single letters only where they are not ambiguous (T, S); "weds" is no prefix.
    words |= {"m": frozenset({0}), "w": frozenset({2}), "f": frozenset({4})}
    words["weds"] = frozenset({2})
    for day, name in enumerate(_FULL_NAMES):
        # Every prefix from two letters on is unique: mo, tu, we, th, fr, sa, su.
        for end in range(2, len(name) + 1):
            words[name[:end]] = frozenset({day})
        words[name + "s"] = frozenset({day})
    return words


_DAY_WORDS = _day_words()


class _Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int
    days: frozenset[int] = frozenset()


class _Time(NamedTuple):
    text: str
    minutes: int  # on the 24-hour clock, or the morning reading when not `fixed`
    fixed: bool  # False for 1-12 without am/pm, which could also be 12 hours later


class _Reader:
    """Turn one hours text into intervals, token by token.

    The text is groups of days then ranges (or ranges then days, ending the group): days are
    ``Mon``, ``Mon-Fri``, ``Tu/Th``, ``Weekdays``...; ranges are ``9-5``, ``9-12, 1-5``,
    ``24 hours`` or ``closed``. A comma or a new day after the ranges starts the next group.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def kind(self, ahead: int = 0) -> str:
        at = self.pos + ahead
        return self.tokens[at].kind if at < len(self.tokens) else "end"

    def take(self) -> _Token:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def since(self, start: int) -> str:
        """Return the text from token `start` up to the current token."""
        return self.text[self.tokens[start].start : self.tokens[self.pos - 1].end]

    def intervals(self) -> list[Interval]:
        found: list[Interval] = []
        groups = 0
        while self.kind() != "end":
            if self.kind() in ("sep", "comma"):
                self.pos += 1
                continue
            start = self.pos
            monthdays = self.monthdays()
            weeks = () if monthdays else self.weeks()
            days = self.days()
            if monthdays:
                days = days or _EVERY_DAY  # "15th of the month", whatever the weekday
            if weeks and not days:
                raise _unreadable(
                    self.text, f'"{self.since(start)}" needs a day after it (like "1st Tue")'
                )
            ranges_start = self.pos
            ranges = self.ranges(days, start)
            days = days or self.days_after()
            if not days:
                if ranges not in ([], [(0, _DAY_MINUTES)]):
                    hours = self.since(ranges_start)
                    raise _unreadable(
                        self.text,
                        f'"{hours}" does not say which days (add them, like '
                        f'"Mon-Fri {hours}" or "Daily {hours}")',
                    )
                days = _EVERY_DAY
            found += [
                Interval(day, *hours, weeks, monthdays) for day in sorted(days) for hours in ranges
            ]
            groups += 1
            if self.kind() not in ("end", "sep", "comma", "days"):
                raise self.unexpected(start)
        if not groups:
            problem = f'no opening hours given; write hours like {_EXAMPLE}, or "24/7"'
            raise ScheduleError(problem, field="hours", value=self.text)
        return found

    def monthdays(self) -> tuple[int, ...]:
        """Read the days of the month a group starts with: "1st and 15th of the month"."""
        if self.kind() != "monthday":
            return ()
        text = self.take().text.lower()
        found = {int(n) for n in re.findall(r"\d+", text)} | ({-1} if "last" in text else set())
        if any(not 1 <= n <= 31 for n in found if n != -1):
            raise _unreadable(self.text, f'"{text}" names a day that no month has')
        return tuple(sorted(found, key=lambda d: (d < 0, d)))

    def weeks(self) -> tuple[int, ...]:
        """Read the weeks of the month a group starts with: "1st and 3rd", "last"."""
        found: set[int] = set()
        while self.kind() == "nth":
            found.add(_WEEK_WORDS[self.take().text.lower()])
            if self.kind() == "comma" and self.kind(1) == "nth":
                self.pos += 1
        return tuple(sorted(found, key=lambda w: (w < 0, w)))

    def unexpected(self, start: int) -> ScheduleError:
        after = f' after "{self.since(start)}"' if self.pos > start else ""
        return _unreadable(self.text, f'did not expect "{self.tokens[self.pos].text}"{after}')

    def days(self) -> frozenset[int]:
        days: set[int] = set()
        while self.kind() == "days":
            first = self.take()
            if self.kind() == "dash" and self.kind(1) == "days":
                self.pos += 1
                last = self.take()
                if len(first.days) != 1 or len(last.days) != 1:
                    where = self.text[first.start : last.end]
                    raise _unreadable(self.text, f'"{where}" is not a range of days')
                (a,), (b,) = first.days, last.days
                days.update((a + step) % 7 for step in range((b - a) % 7 + 1))
            else:
                days.update(first.days)
            if self.kind() == "comma" and self.kind(1) == "days":
                self.pos += 1
        return frozenset(days)

    def days_after(self) -> frozenset[int]:
        """Read days written after the hours ("9-5 Mon-Fri"), if they end the group."""
        back = self.pos
        if self.kind() == "comma":
            self.pos += 1
        days = self.days()
        if self.kind() not in ("end", "sep"):
            self.pos, days = back, frozenset()
        return days

    def ranges(self, days: frozenset[int], start: int) -> list[tuple[int, int]]:
        if self.kind() == "comma" and self.kind(1) in _TIMES:
            self.pos += 1
        if self.kind() in ("allday", "closed"):
            return [] if self.take().kind == "closed" else [(0, _DAY_MINUTES)]
        if self.kind() not in _TIMES:
            if days and self.kind() in ("end", "sep"):
                named = self.since(start)
                raise _unreadable(
                    self.text,
                    f'"{named}" has no hours after it (like "{named} 09:00-17:00", '
                    f'or "{named} closed")',
                )
            raise self.unexpected(start)
        found = [self.time_range()]
        while self.kind() in _TIMES or (self.kind() == "comma" and self.kind(1) in _TIMES):
            if self.kind() == "comma":
                self.pos += 1
            found.append(self.time_range())
        return found

    def time_range(self) -> tuple[int, int]:
        first = self.take()
        if self.kind() != "dash" or self.kind(1) not in _TIMES:
            raise _unreadable(
                self.text,
                f'"{first.text}" has no closing time (give both, like "09:00-17:00")',
            )
        self.pos += 1
        last = self.take()
        span = self.text[first.start : last.end]
        a, b = _clock(first, self.text), _clock(last, self.text)
        if a.fixed:
            opens = a.minutes
        elif b.fixed:
            opens = _nearest(a, lambda c: (b.minutes - c - 1) % _DAY_MINUTES)
        elif 7 * 60 <= a.minutes < 12 * 60 or a.minutes < 60:
            opens = a.minutes if a.minutes >= 60 else a.minutes + 720
        else:
            evening = a.minutes + 720
            closes = _nearest(b, lambda c: (c - evening - 1) % _DAY_MINUTES)
            raise _unreadable(
                self.text,
                f'"{span}" could be morning or evening (write "{_spoken(evening, "")}-'
                f'{_spoken(closes, "")}", or on the 24-hour clock '
                f'"{_hhmm(evening)}-{_hhmm(closes)}")',
            )
        if b.fixed:
            closes = b.minutes
        else:
            closes = _nearest(b, lambda c: (c - opens - 1) % _DAY_MINUTES)
        closes = closes % _DAY_MINUTES or _DAY_MINUTES
        if opens == _DAY_MINUTES:
            raise _unreadable(self.text, f'"{span}" opens at 24:00 (write 00:00 instead)')
        if opens == closes:
            raise _unreadable(self.text, f'"{span}" opens and closes at the same time')
        return opens, closes


def _tokens(text: str) -> list[_Token]:
    """Split hours text into tokens, rejecting words that are not days."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind, word, days = match.lastgroup or "other", match.group().strip(), frozenset[int]()
        if kind == "space" or word.lower() in _FILLERS:
            continue
        if kind == "daily":
            kind, days = "days", _EVERY_DAY
        elif kind == "word" and word.lower() == "closed":
            kind = "closed"
        elif kind == "word" and word.lower() in _DAY_WORDS:
            kind, days = "days", _DAY_WORDS[word.lower()]
        elif kind in ("word", "other"):
            raise _unreadable(text, _unknown_word(word))
        tokens.append(_Token(kind, word, match.start(), match.end(), days))
    return tokens


def _unknown_word(word: str) -> str:
    """Say why a word is not a day, suggesting the day it probably meant."""
    if word.lower() in _AMBIGUOUS:
        return f'"{word}" could be {_AMBIGUOUS[word.lower()]} (write the first three letters)'
    known = [*_FULL_NAMES, "daily", "weekdays", "weekends", "closed", "noon", "midnight"]
    close = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.75)
    hint = f' (did you mean "{close[0].capitalize()}"?)' if close else ""
    return f'"{word}" is not a day or a time{hint}'


def _clock(token: _Token, text: str) -> _Time:
    """Read one time of day, checking that its hour and minutes exist."""
    if token.kind != "time":
        return _Time(token.text, 720 if token.kind == "noon" else 0, True)
    match = _CLOCK.match(token.text)
    assert match is not None  # the token pattern only lets such text through
    digits, minutes, meridiem = match.groups()
    if minutes is None and len(digits) > 2:  # 0900, 1730
        digits, minutes = digits[:-2], digits[-2:]
    hour, minute = int(digits), int(minutes or 0)
    if minutes is not None and (len(minutes) != 2 or minute > 59):
        raise _unreadable(text, f'"{token.text}" is not a time of day (minutes go from 00 to 59)')
    if meridiem:
        if not 1 <= hour <= 12:
            problem = f'"{token.text}" is not a time of day (with am or pm, hours go from 1 to 12)'
            raise _unreadable(text, problem)
        return _Time(token.text, hour % 12 * 60 + minute + 720 * (meridiem in "pP"), True)
    if hour > 24 or (hour == 24 and minute):
        raise _unreadable(text, f'"{token.text}" is not a time of day (hours go from 0 to 24)')
    if hour == 0 or hour >= 13 or digits.startswith("0"):
        return _Time(token.text, hour * 60 + minute, True)
    return _Time(token.text, hour % 12 * 60 + minute, False)


def _nearest(time: _Time, distance: Callable[[int], int]) -> int:
    """Choose the am or pm reading of a time without am/pm that makes `distance` smallest."""
    return min((time.minutes, time.minutes + 720), key=distance)


def _overlap(intervals: Iterable[Interval]) -> str | None:
    """Describe the first two openings on one day that overlap, if any."""
    ordered = sorted(intervals, key=lambda i: (i.day, i.opens, i.closes))
    # Openings of the same weeks, compared in time order ("1st Tue 9-12" and "3rd Tue 10-1"
    # never meet): each set of weeks on its own, and every week with the rest. Openings on
    # days of the month are compared with each other only: "15th of the month 6-8pm" is
    # on top of the weekly hours.
    pairs = [
        (a, b)
        for n, a in enumerate(ordered)
        for b in ordered[n + 1 :]
        if a.day == b.day
        and bool(a.monthdays) == bool(b.monthdays)
        and (not a.monthdays or set(a.monthdays) & set(b.monthdays))
        and (not a.weeks or not b.weeks or set(a.weeks) & set(b.weeks))
    ]
    for a, b in pairs:
        if b.opens < (_DAY_MINUTES if a.overnight else a.closes):
            return (
                f"{_DAYS[a.day]} {_hhmm(a.opens)}-{_hhmm(a.closes)} and "
                f"{_hhmm(b.opens)}-{_hhmm(b.closes)} overlap (give each day's hours once)"
            )
    return None


def _minutes(value: dt.time | str, row: int, field: str) -> int:
    """Read an HSDS time (a time, or text like "09:00:00") as minutes since midnight."""
    if isinstance(value, str):
        if value.strip() in ("24:00", "24:00:00"):
            return _DAY_MINUTES
        try:
            value = dt.time.fromisoformat(value.strip())
        except ValueError as exc:
            raise ScheduleError(
                f'row {row}: {field} "{value}" is not a time; write it as HH:MM, like "17:00"',
                field=field,
                value=value,
            ) from exc
    return value.hour * 60 + value.minute


def _unreadable(text: str, problem: str) -> ScheduleError:
    """Build the error for text that cannot be read, showing the form that can."""
    shown = re.sub(r"\s*\n\s*", "; ", text.strip())
    return ScheduleError(
        f'could not read "{shown}": {problem}; write hours like {_EXAMPLE}',
        field="hours",
        value=text,
    )


# Writing ---------------------------------------------------------------------------------------


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _spoken_range(opens: int, closes: int) -> str:
    """Write a range as people say it: 9 am–5 pm, or 24 hours."""
    if (opens, closes) == (0, _DAY_MINUTES):
        return "24 hours"
    return f"{_spoken(opens)}–{_spoken(closes)}"


def _spoken(minutes: int, space: str = " ") -> str:
    """Write a time as people say it: 9 am, 5:30 pm, noon, midnight."""
    if minutes % _DAY_MINUTES == 0:
        return "midnight"
    if minutes == 720:
        return "noon"
    hour, minute = divmod(minutes, 60)
    clock = f"{hour % 12 or 12}" + (f":{minute:02d}" if minute else "")
    return f"{clock}{space}{'am' if hour < 12 else 'pm'}"


_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def _weeks_text(weeks: tuple[int, ...]) -> str:
    """Write the weeks of the month before the days: "1st & 3rd ", or "" for every week."""
    return " & ".join(_ORDINALS[w] for w in weeks) + " " if weeks else ""


def _monthdays_days_text(
    monthdays: tuple[int, ...], days: list[int], dash: str, every_day: str
) -> str:
    """Write the days of a group: "15th of the month", or its weekdays as runs."""
    if not monthdays:
        return _days_text(days, dash, every_day)
    named = " & ".join("last day" if d == -1 else _ordinal(d) for d in monthdays)
    on = "" if len(days) == 7 else " " + _days_text(days, dash, every_day)
    return f"{named} of the month{on}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _days_text(days: list[int], dash: str, every_day: str) -> str:
    """Write sorted weekdays as runs: ``Mon-Wed, Fri``."""
    if len(days) == 7:
        return every_day
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        _DAYS[run[0]] if len(run) == 1 else f"{_DAYS[run[0]]}{dash}{_DAYS[run[-1]]}"
        for run in runs
    )


# Directories repeat the same few hundred schedules; pages and exports write them again and
# again, so each is written once.
@functools.lru_cache(maxsize=4096)
def _canonical_text(schedule: WeeklySchedule) -> str:
    season = f"{schedule.dates.to_text()}: " if schedule.dates else ""
    if schedule.is_always_open:
        return season + "24/7"
    weekly = schedule._write("-", "Daily", lambda o, c: f"{_hhmm(o)}-{_hhmm(c)}") or "closed"
    return season + weekly


@functools.lru_cache(maxsize=4096)
def _description(schedule: WeeklySchedule) -> str:
    season = f"{schedule.dates.describe()}: " if schedule.dates else ""
    if schedule.is_always_open:
        return season + "Open 24 hours, every day"
    return season + (schedule._write("–", "Every day", _spoken_range) or "Closed")


#: The time zone of resources whose own is not known: $REFERRAL_MATCH_TIMEZONE, else the
#: machine's.
TIMEZONE_VARIABLE = "REFERRAL_MATCH_TIMEZONE"


@functools.lru_cache(maxsize=256)
def _zone(name: str) -> dt.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None  # not a zone ("America" is a folder of the zone database)


def is_time_zone(name: str) -> bool:
    """Return True if name is an IANA time zone ("America/Chicago")."""
    return _zone(name) is not None


def zone_name(text: str) -> str:
    """Return the IANA name of a time zone given by name or whole-hour UTC offset, or "".

    HSDS 3.0 gives a schedule's zone as an offset ("-5"): it becomes "Etc/GMT+5", whose sign
    is the other way round by the POSIX convention.
    """
    text = text.strip()
    if is_time_zone(text):
        return text
    try:
        offset = float(text)
    except ValueError:
        return ""
    if not math.isfinite(offset) or offset != int(offset) or not -12 <= offset <= 14:
        return ""
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{-int(offset):+d}"


def local_time(moment: dt.datetime, zone: str) -> dt.datetime:
    """Return a moment as the wall-clock time (naive) of a time zone.

    A naive moment is already someone's wall clock and is returned as it is. An aware one is
    converted to ``zone``, else to $REFERRAL_MATCH_TIMEZONE, else to the machine's zone.
    """
    if moment.tzinfo is None:
        return moment
    tz = _zone(zone) or _zone(os.environ.get(TIMEZONE_VARIABLE, ""))
    return (moment.astimezone(tz) if tz else moment.astimezone()).replace(tzinfo=None)
