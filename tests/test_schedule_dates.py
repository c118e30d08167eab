"""Seasonal hours, hours between two dates, and openings on days of the month."""

from __future__ import annotations

import datetime as dt

import pytest

from referral_match.schedule import Interval, ScheduleError, WeeklySchedule
from referral_match.schedule_dates import DateSpan, split_dates


@pytest.mark.parametrize(
    ("text", "canonical", "described"),
    [
        (
            "Jun-Aug: Mon-Fri 9am-5pm",
            "Jun 1-Aug 31: Mon-Fri 09:00-17:00",
            "June 1 to August 31: Mon–Fri 9 am–5 pm",
        ),
        (
            "Daily 7pm-7am (Nov 1 - Mar 31)",
            "Nov 1-Mar 31: Daily 19:00-07:00",
            "November 1 to March 31: Every day 7 pm–7 am",
        ),
        (
            "June 15th through September 1st: Sat 10-2",
            "Jun 15-Sep 1: Sat 10:00-14:00",
            "June 15 to September 1: Sat 10 am–2 pm",
        ),
        (
            "2026-06-01 to 2026-08-31: Tue 1pm-4pm",
            "2026-06-01 to 2026-08-31: Tue 13:00-16:00",
            "June 1, 2026 to August 31, 2026: Tue 1 pm–4 pm",
        ),
        ("Mon 9-5 (until 12/31/2026)", "until 2026-12-31: Mon 09:00-17:00", None),
        ("from 2027-01-04: Mon-Fri 8-4", "from 2027-01-04: Mon-Fri 08:00-16:00", None),
        (
            "15th of the month 9am-12pm",
            "15th of the month 09:00-12:00",
            "15th of the month 9 am–noon",
        ),
        (
            "Mon-Fri 9-5; 1st and 15th of each month 6pm-8pm",
            "Mon-Fri 09:00-17:00; 1st & 15th of the month 18:00-20:00",
            None,
        ),
        ("last day of every month 9-12", "last day of the month 09:00-12:00", None),
        ("22nd of the month Tue 9-12", "22nd of the month Tue 09:00-12:00", None),
    ],
)
def test_hours_with_dates_are_read_written_and_read_back(
    text: str, canonical: str, described: str | None
) -> None:
    schedule = WeeklySchedule.parse(text)
    assert schedule.to_text() == canonical
    assert WeeklySchedule.parse(canonical) == schedule
    # The index keeps hours as lowercase keywords: they read back the same.
    assert WeeklySchedule.parse(canonical.lower()) == schedule
    if described is not None:
        assert schedule.describe() == described


def test_a_summer_schedule_is_closed_in_winter_and_says_when_it_opens() -> None:
    summer = WeeklySchedule.parse("Jun-Aug: Mon-Fri 9am-5pm")
    assert summer.is_open(dt.datetime(2026, 7, 1, 10))  # a Wednesday in July
    assert not summer.is_open(dt.datetime(2026, 12, 2, 10))  # a Wednesday in December
    assert summer.opens_next(dt.datetime(2026, 12, 2, 10)) == dt.datetime(2027, 6, 1, 9)


def test_a_winter_shelter_runs_over_the_new_year_and_its_last_night_into_the_morning() -> None:
    shelter = WeeklySchedule.parse("Daily 7pm-7am (Nov 1 - Mar 31)")
    assert shelter.is_open(dt.datetime(2026, 12, 31, 23))
    assert shelter.is_open(dt.datetime(2027, 1, 1, 3))
    assert shelter.is_open(dt.datetime(2027, 4, 1, 6))  # the night of March 31
    assert not shelter.is_open(dt.datetime(2027, 4, 1, 20))
    assert not shelter.is_open(dt.datetime(2026, 10, 31, 6))  # the night before its season
    assert shelter.opens_next(dt.datetime(2027, 7, 3, 12)) == dt.datetime(2027, 11, 1, 19)


def test_dated_hours_hold_only_between_their_dates() -> None:
    dated = WeeklySchedule.parse("2026-06-01 to 2026-08-31: Tue 1pm-4pm")
    assert dated.is_open(dt.datetime(2026, 6, 2, 14))
    assert not dated.is_open(dt.datetime(2026, 9, 1, 14))
    assert dated.opens_next(dt.datetime(2026, 9, 1, 14)) is None  # never again


def test_an_opening_on_a_day_of_the_month_falls_on_any_weekday() -> None:
    monthly = WeeklySchedule.parse("15th of the month 9am-12pm")
    assert monthly.is_open(dt.datetime(2026, 12, 15, 10))  # a Tuesday
    assert monthly.is_open(dt.datetime(2027, 1, 15, 10))  # a Friday
    assert not monthly.is_open(dt.datetime(2026, 12, 16, 10))
    assert monthly.opens_next(dt.datetime(2026, 12, 16, 10)) == dt.datetime(2027, 1, 15, 9)
    last = WeeklySchedule.parse("last day of the month 9-12")
    assert last.is_open(dt.datetime(2027, 2, 28, 10)) and not last.is_open(
        dt.datetime(2027, 2, 27, 10)
    )


def test_a_31st_skips_the_months_without_one() -> None:
    schedule = WeeklySchedule.parse("31st of the month 10-2")
    assert schedule.opens_next(dt.datetime(2027, 4, 1, 9)) == dt.datetime(2027, 5, 31, 10)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Feb 30-Mar 3: Mon 9-5", "no such day: 2/30"),
        ("32nd of the month 9-5", "names a day that no month has"),
        ("2026-08-31 to 2026-06-01: Mon 9-5", "is before"),
    ],
)
def test_dates_that_cannot_be_are_refused_saying_why(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError, match=problem):
        WeeklySchedule.parse(text)


@pytest.mark.parametrize(
    "text",
    ["Mon: 9-5", "Hours: Mon-Fri 9-5", "Mon-Fri 9-5 (except holidays)", "9:00-17:00 Mon-Fri"],
)
def test_text_that_only_looks_like_it_has_dates_is_left_whole(text: str) -> None:
    assert split_dates(text) == (None, text)


def test_a_span_is_a_season_or_dates_never_both() -> None:
    with pytest.raises(ValueError):
        DateSpan(start=(6, 1), end=(8, 31), first=dt.date(2026, 1, 1))
    with pytest.raises(ValueError):
        DateSpan()
    assert DateSpan.dates(None, None) is None
    with pytest.raises(ValueError):
        Interval(0, 540, 600, weeks=(1,), monthdays=(15,))


def test_during_gives_the_same_hours_on_other_dates() -> None:
    weekly = WeeklySchedule.parse("Mon-Fri 9-5")
    span = DateSpan.dates(dt.date(2026, 6, 1), None)
    assert weekly.during(span).to_text() == "from 2026-06-01: Mon-Fri 09:00-17:00"
    assert weekly.during(None) == weekly
