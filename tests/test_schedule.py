import datetime as dt
from collections.abc import Iterable

import pytest

from referral_match.errors import InputError
from referral_match.schedule import Interval, ScheduleError, WeeklySchedule

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = range(5)
EVERY_DAY = range(7)
EXAMPLE = '"Mon-Fri 09:00-17:00; Sat 10:00-14:00"'


def h(hour: int, minute: int = 0) -> int:
    return hour * 60 + minute


def on(days: Iterable[int], *ranges: tuple[int, int]) -> list[Interval]:
    return [Interval(day, opens, closes) for day in days for opens, closes in ranges]


def at(text: str) -> dt.datetime:
    """Week of 2024-06-03: Monday the 3rd to Sunday the 9th."""
    return dt.datetime.fromisoformat(text)


ACCEPTED = [
    (
        "Mon-Fri 09:00-17:00; Sat 10:00-14:00",
        [*on(WEEKDAYS, (h(9), h(17))), *on([SAT], (h(10), h(14)))],
    ),
    ("Mon-Fri 9am-5pm", on(WEEKDAYS, (h(9), h(17)))),
    ("mon-fri 9AM-5PM", on(WEEKDAYS, (h(9), h(17)))),
    ("Mon-Fri 9:30 AM - 5 PM", on(WEEKDAYS, (h(9, 30), h(17)))),
    ("Monday, Wednesday 9:00 AM - 12:00 PM", on([MON, WED], (h(9), h(12)))),
    ("Tue,Thu 13:00-16:00", on([TUE, THU], (h(13), h(16)))),
    ("Tu/Th 1pm-4pm", on([TUE, THU], (h(13), h(16)))),
    ("M-F 8-5", on(WEEKDAYS, (h(8), h(17)))),
    ("Mon 10-2", on([MON], (h(10), h(14)))),
    ("Mon 12-4", on([MON], (h(12), h(16)))),
    ("Mon 9:30-12:30", on([MON], (h(9, 30), h(12, 30)))),
    ("Mon 11:00-1:00", on([MON], (h(11), h(13)))),
    ("Mon 9-5pm", on([MON], (h(9), h(17)))),
    ("Mon 6-9pm", on([MON], (h(18), h(21)))),
    ("Mon 11-1pm", on([MON], (h(11), h(13)))),
    ("Mon 9am-5", on([MON], (h(9), h(17)))),
    ("Mon 10pm-6", on([MON], (h(22), h(6)))),
    ("Mon 09:00-5", on([MON], (h(9), h(17)))),
    ("24/7", on(EVERY_DAY, (0, h(24)))),
    ("24 hours", on(EVERY_DAY, (0, h(24)))),
    ("open 24 hours", on(EVERY_DAY, (0, h(24)))),
    ("Open 24 hours a day, 7 days a week", on(EVERY_DAY, (0, h(24)))),
    ("Mon-Fri 24 hours", on(WEEKDAYS, (0, h(24)))),
    ("9am-5pm Monday-Friday", on(WEEKDAYS, (h(9), h(17)))),
    (
        "9-12 Mon, Wed; 1-5pm Tue",
        [*on([MON], (h(9), h(12))), *on([TUE], (h(13), h(17))), *on([WED], (h(9), h(12)))],
    ),
    ("Daily 8am-8pm", on(EVERY_DAY, (h(8), h(20)))),
    ("Every day 08:00-20:00", on(EVERY_DAY, (h(8), h(20)))),
    ("7 days a week 8-8", on(EVERY_DAY, (h(8), h(20)))),
    ("Weekdays 9-17", on(WEEKDAYS, (h(9), h(17)))),
    ("Weekends 10am-2pm", on([SAT, SUN], (h(10), h(14)))),
    ("Mon 09:00-12:00, 13:00-17:00", on([MON], (h(9), h(12)), (h(13), h(17)))),
    ("Mon-Fri 9am-12pm & 1pm-5pm", on(WEEKDAYS, (h(9), h(12)), (h(13), h(17)))),
    ("Mon 9am-noon and 1-5pm", on([MON], (h(9), h(12)), (h(13), h(17)))),
    ("Sat noon-midnight", on([SAT], (h(12), h(24)))),
    ("Sat 12 noon - 12 midnight", on([SAT], (h(12), h(24)))),
    ("Sun midnight-6am", on([SUN], (0, h(6)))),
    ("Fri-Sat 22:00-02:00", on([FRI, SAT], (h(22), h(2)))),
    ("Sun-Tue 10:00-14:00", on([MON, TUE, SUN], (h(10), h(14)))),  # wraps around
    ("Mon-Fri 0900-1700", on(WEEKDAYS, (h(9), h(17)))),
    ("Mon\u2013Fri 9a\u20135p", on(WEEKDAYS, (h(9), h(17)))),
    ("Mon\u2014Fri 9 a.m. \u2014 5 p.m.", on(WEEKDAYS, (h(9), h(17)))),
    ("Monday to Friday 9 to 5", on(WEEKDAYS, (h(9), h(17)))),
    ("Monday through Thursday 9:00 to 12:00", on(range(4), (h(9), h(12)))),
    ("  Mon-Fri:   9.30 - 17.30  ", on(WEEKDAYS, (h(9, 30), h(17, 30)))),
    ("Tues, Weds, Thurs 10-12", on([TUE, WED, THU], (h(10), h(12)))),
    ("Mondays 9-12", on([MON], (h(9), h(12)))),
    ("Mon 9-12\nWed 13:00-17:00", [*on([MON], (h(9), h(12))), *on([WED], (h(13), h(17)))]),
    ("Mon 9-12 | Wed 9-12", on([MON, WED], (h(9), h(12)))),
    ("Mon-Fri 9-5, Sat 10-2", [*on(WEEKDAYS, (h(9), h(17))), *on([SAT], (h(10), h(14)))]),
    ("Mon-Fri 9-5; Sat-Sun closed", on(WEEKDAYS, (h(9), h(17)))),
    ("Mon 00:00-24:00", on([MON], (0, h(24)))),
    ("Mon 18:00-00:00", on([MON], (h(18), h(24)))),
    ("closed", []),
]


@pytest.mark.parametrize(("text", "intervals"), ACCEPTED)
def test_parse_reads_each_accepted_form(text: str, intervals: list[Interval]) -> None:
    assert WeeklySchedule.parse(text).intervals == tuple(intervals)


@pytest.mark.parametrize(("text", "intervals"), ACCEPTED)
def test_to_text_reads_back_equal(text: str, intervals: list[Interval]) -> None:
    hours = WeeklySchedule(tuple(intervals))
    assert WeeklySchedule.parse(hours.to_text()) == hours


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Mon-Fri 9am-5pm; Sat 10am-2pm", "Mon-Fri 09:00-17:00; Sat 10:00-14:00"),
        ("Sat 10-2; Mon-Fri 9-5", "Mon-Fri 09:00-17:00; Sat 10:00-14:00"),
        ("Mon, Tue, Wed, Fri 9-5; Thu 9-12", "Mon-Wed, Fri 09:00-17:00; Thu 09:00-12:00"),
        ("Sun-Tue 10:00-14:00", "Mon-Tue, Sun 10:00-14:00"),
        ("Mon 9-12, 1-5pm", "Mon 09:00-12:00, 13:00-17:00"),
        ("Fri-Sat 10pm-2am", "Fri-Sat 22:00-02:00"),
        ("Sat noon-midnight", "Sat 12:00-24:00"),
        ("Daily 8am-8pm", "Daily 08:00-20:00"),
        ("open 24 hours", "24/7"),
        ("Mon-Sun 00:00-24:00", "24/7"),
        ("Weekends 24 hours", "Sat-Sun 00:00-24:00"),
        ("closed", "closed"),
    ],
)
def test_to_text_writes_canonical_form(text: str, canonical: str) -> None:
    assert WeeklySchedule.parse(text).to_text() == canonical


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("Mon-Fri 09:00-17:00; Sat 10:00-14:00", "Mon–Fri 9 am–5 pm; Sat 10 am–2 pm"),
        ("24/7", "Open 24 hours, every day"),
        ("Daily 08:00-20:00", "Every day 8 am–8 pm"),
        ("Mon 9:30-12:00, 13:00-17:45", "Mon 9:30 am–noon, 1 pm–5:45 pm"),
        ("Fri-Sat 22:00-02:00", "Fri–Sat 10 pm–2 am"),
        ("Sat 18:00-24:00; Sun 00:00-00:30", "Sat 6 pm–midnight; Sun midnight–12:30 am"),
        ("Mon, Wed, Fri 12:15-13:00", "Mon, Wed, Fri 12:15 pm–1 pm"),
        ("Weekends 24 hours", "Sat–Sun 24 hours"),
        ("closed", "Closed"),
    ],
)
def test_describe_writes_for_people(text: str, described: str) -> None:
    assert WeeklySchedule.parse(text).describe() == described


@pytest.mark.parametrize(
    ("text", "when", "is_open"),
    [
        ("Mon-Fri 9-5", "2024-06-03 09:00", True),  # opening minute
        ("Mon-Fri 9-5", "2024-06-03 08:59:59", False),
        ("Mon-Fri 9-5", "2024-06-03 16:59:59", True),
        ("Mon-Fri 9-5", "2024-06-03 17:00", False),  # closing minute
        ("Mon-Fri 9-5", "2024-06-08 12:00", False),  # Saturday
        ("Mon 9-12, 13-17", "2024-06-03 12:30", False),  # lunch break
        ("Fri 22:00-02:00", "2024-06-07 23:30", True),
        ("Fri 22:00-02:00", "2024-06-08 01:59", True),  # after midnight, Saturday
        ("Fri 22:00-02:00", "2024-06-08 02:00", False),
        ("Fri 22:00-02:00", "2024-06-08 23:00", False),
        ("Fri 22:00-02:00", "2024-06-07 01:00", False),  # Thursday night was not open
        ("Sun 20:00-06:00", "2024-06-10 05:59", True),  # Sunday night into Monday
        ("Sun 20:00-06:00", "2024-06-03 05:59", True),  # the same, a week earlier
        ("Sun 20:00-06:00", "2024-06-10 06:00", False),
        ("Sat noon-midnight", "2024-06-08 23:59", True),
        ("Sat noon-midnight", "2024-06-09 00:00", False),
        ("24/7", "2024-06-05 03:00", True),
        ("closed", "2024-06-05 12:00", False),
    ],
)
def test_is_open(text: str, when: str, is_open: bool) -> None:
    assert WeeklySchedule.parse(text).is_open(at(when)) is is_open


@pytest.mark.parametrize(
    ("text", "when", "opens"),
    [
        ("Mon-Fri 9-5", "2024-06-03 08:00", "2024-06-03 09:00"),
        ("Mon-Fri 9-5", "2024-06-03 10:15", "2024-06-03 10:15"),  # open now
        ("Mon-Fri 9-5", "2024-06-03 17:00", "2024-06-04 09:00"),
        ("Mon-Fri 9-5", "2024-06-07 18:00", "2024-06-10 09:00"),  # over the weekend
        ("Mon 9-5", "2024-06-03 17:30", "2024-06-10 09:00"),  # a week later
        ("Sun 20:00-06:00", "2024-06-10 07:00", "2024-06-16 20:00"),
    ],
)
def test_opens_next(text: str, when: str, opens: str) -> None:
    assert WeeklySchedule.parse(text).opens_next(at(when)) == at(opens)


def test_opens_next_is_none_when_never_open() -> None:
    assert WeeklySchedule.parse("closed").opens_next(at("2024-06-03 12:00")) is None


@pytest.mark.parametrize(
    ("text", "always"),
    [("24/7", True), ("Daily 00:00-24:00", True), ("Mon-Sat 24 hours", False), ("closed", False)],
)
def test_is_always_open(text: str, always: bool) -> None:
    assert WeeklySchedule.parse(text).is_always_open is always


def unreadable(text: str, problem: str) -> str:
    return f'could not read "{text}": {problem}; write hours like {EXAMPLE}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f'no opening hours given; write hours like {EXAMPLE}, or "24/7"'),
        (" ; \n ", f'no opening hours given; write hours like {EXAMPLE}, or "24/7"'),
        (
            "Mnday 9-5",
            unreadable("Mnday 9-5", '"Mnday" is not a day or a time (did you mean "Monday"?)'),
        ),
        ("By appointment", unreadable("By appointment", '"By" is not a day or a time')),
        ("Mon-Fri 9-5 #", unreadable("Mon-Fri 9-5 #", '"#" is not a day or a time')),
        (
            "T 9-5",
            unreadable(
                "T 9-5", '"T" could be Tuesday or Thursday (write the first three letters)'
            ),
        ),
        (
            "Mon 25:00-26:00",
            unreadable("Mon 25:00-26:00", '"25:00" is not a time of day (hours go from 0 to 24)'),
        ),
        (
            "Mon 9:75-10",
            unreadable("Mon 9:75-10", '"9:75" is not a time of day (minutes go from 00 to 59)'),
        ),
        (
            "Mon 13pm-2pm",
            unreadable(
                "Mon 13pm-2pm",
                '"13pm" is not a time of day (with am or pm, hours go from 1 to 12)',
            ),
        ),
        (
            "Tue,Thu 1-4",
            unreadable(
                "Tue,Thu 1-4",
                '"1-4" could be morning or evening (write "1pm-4pm", '
                'or on the 24-hour clock "13:00-16:00")',
            ),
        ),
        (
            "Mon 5-9",
            unreadable(
                "Mon 5-9",
                '"5-9" could be morning or evening (write "5pm-9pm", '
                'or on the 24-hour clock "17:00-21:00")',
            ),
        ),
        (
            "9am-5pm",
            unreadable(
                "9am-5pm",
                '"9am-5pm" does not say which days (add them, like '
                '"Mon-Fri 9am-5pm" or "Daily 9am-5pm")',
            ),
        ),
        (
            "Mon-Fri",
            unreadable(
                "Mon-Fri",
                '"Mon-Fri" has no hours after it (like "Mon-Fri 09:00-17:00", '
                'or "Mon-Fri closed")',
            ),
        ),
        (
            "Mon 9am",
            unreadable("Mon 9am", '"9am" has no closing time (give both, like "09:00-17:00")'),
        ),
        (
            "Mon 09:00-09:00",
            unreadable("Mon 09:00-09:00", '"09:00-09:00" opens and closes at the same time'),
        ),
        (
            "Mon 24:00-06:00",
            unreadable("Mon 24:00-06:00", '"24:00-06:00" opens at 24:00 (write 00:00 instead)'),
        ),
        (
            "Mon-Fri 9-5\nMon 12-1",
            unreadable(
                "Mon-Fri 9-5; Mon 12-1",
                "Mon 09:00-17:00 and 12:00-13:00 overlap (give each day's hours once)",
            ),
        ),
        (
            "Weekdays-Sun 9-5",
            unreadable("Weekdays-Sun 9-5", '"Weekdays-Sun" is not a range of days'),
        ),
        (
            "Mon 9-5 - 6",
            unreadable("Mon 9-5 - 6", 'did not expect "-" after "Mon 9-5"'),
        ),
        ("- 9-5", unreadable("- 9-5", 'did not expect "-"')),
        (
            "9-5 Mon-Fri 10-2",
            unreadable(
                "9-5 Mon-Fri 10-2",
                '"9-5" does not say which days (add them, like "Mon-Fri 9-5" or "Daily 9-5")',
            ),
        ),
    ],
)
def test_parse_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        WeeklySchedule.parse(text)
    assert str(caught.value) == message
    assert caught.value.field == "hours"
    assert caught.value.value == text


def test_schedule_error_is_a_value_error_and_an_input_error() -> None:
    with pytest.raises(ValueError, match="could not read"):
        WeeklySchedule.parse("Mon-Fri nine to five")
    assert issubclass(ScheduleError, InputError)


@pytest.mark.parametrize(
    ("rows", "intervals"),
    [
        (
            [(MON, "09:00", "17:00"), (SAT, dt.time(10), dt.time(14))],
            [*on([MON], (h(9), h(17))), *on([SAT], (h(10), h(14)))],
        ),
        ([(TUE, "13:00:00", "16:30:00")], on([TUE], (h(13), h(16, 30)))),
        ([(SUN, "00:00", "23:59")], on([SUN], (0, h(24)))),  # HSDS's "all day"
        ([(FRI, "22:00", "02:00")], on([FRI], (h(22), h(2)))),
        ([(WED, "18:00", "24:00"), (MON, "18:00", "00:00")], on([MON, WED], (h(18), h(24)))),
        ([], []),
    ],
)
def test_from_day_hours(
    rows: list[tuple[int, dt.time | str, dt.time | str]], intervals: list[Interval]
) -> None:
    assert WeeklySchedule.from_day_hours(rows).intervals == tuple(intervals)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [(MON, "09:00", "17:00"), (7, "09:00", "17:00")],
            "row 2: weekday 7 is not between 0 (Monday) and 6 (Sunday)",
        ),
        (
            [(MON, "9am", "17:00")],
            'row 1: opens_at "9am" is not a time; write it as HH:MM, like "17:00"',
        ),
        (
            [(MON, "09:00", "09:00")],
            "row 1: 09:00-09:00 is not an opening time; write opens_at and closes_at as HH:MM, "
            'like "09:00" and "17:00"',
        ),
        (
            [(MON, "09:00", "17:00"), (MON, "12:00", "13:00")],
            "Mon 09:00-17:00 and 12:00-13:00 overlap (give each day's hours once)",
        ),
    ],
)
def test_from_day_hours_explains_bad_rows(
    rows: list[tuple[int, dt.time | str, dt.time | str]], message: str
) -> None:
    with pytest.raises(ScheduleError) as caught:
        WeeklySchedule.from_day_hours(rows)
    assert str(caught.value) == message


def test_intervals_are_sorted_so_equal_hours_compare_equal() -> None:
    forwards = WeeklySchedule((Interval(MON, h(9), h(12)), Interval(MON, h(13), h(17))))
    backwards = WeeklySchedule((Interval(MON, h(13), h(17)), Interval(MON, h(9), h(12))))
    assert forwards == backwards
    assert forwards.intervals[0].opens == h(9)


@pytest.mark.parametrize(
    ("day", "opens", "closes"), [(7, h(9), h(17)), (MON, h(24), h(2)), (MON, h(9), 0)]
)
def test_interval_rejects_impossible_values(day: int, opens: int, closes: int) -> None:
    with pytest.raises(ValueError, match="not an opening interval"):
        Interval(day, opens, closes)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1st and 3rd Tue 3pm-6pm", "1st & 3rd Tue 15:00-18:00"),
        ("2nd Thu 5pm-8pm", "2nd Thu 17:00-20:00"),
        ("Mon-Fri 9-5; 1st Sat 10-2", "Mon-Fri 09:00-17:00; 1st Sat 10:00-14:00"),
        ("last Fri 18:00-02:00", "last Fri 18:00-02:00"),
        ("first and third Wednesday 5pm-8pm", "1st & 3rd Wed 17:00-20:00"),
    ],
)
def test_weeks_of_the_month_are_read_and_written_back(text: str, canonical: str) -> None:
    hours = WeeklySchedule.parse(text)
    assert hours.to_text() == canonical
    assert WeeklySchedule.parse(canonical) == hours


def test_a_monthly_opening_is_open_only_in_its_weeks() -> None:
    hours = WeeklySchedule.parse("1st and 3rd Tue 3pm-6pm")
    # December 2026: Tuesdays are the 1st, 8th, 15th, 22nd and 29th.
    assert hours.is_open(dt.datetime(2026, 12, 1, 16))
    assert not hours.is_open(dt.datetime(2026, 12, 8, 16))
    assert hours.is_open(dt.datetime(2026, 12, 15, 16))
    assert hours.opens_next(dt.datetime(2026, 12, 2, 9)) == dt.datetime(2026, 12, 15, 15)
    last = WeeklySchedule.parse("last Fri 18:00-02:00")
    assert last.is_open(dt.datetime(2026, 12, 26, 1))  # after the last Friday, the 25th
    assert not last.is_open(dt.datetime(2026, 12, 19, 1))
    assert hours.describe() == "1st & 3rd Tue 3 pm–6 pm"


def test_a_5th_weekday_and_odd_inputs() -> None:
    fifth = WeeklySchedule.parse("5th Tue 10am-12pm")
    assert fifth.opens_next(dt.datetime(2024, 11, 1, 12)) == dt.datetime(2024, 12, 31, 10)
    with pytest.raises(ScheduleError):
        WeeklySchedule.parse("2th Tue 9am-12pm")
    with pytest.raises(ScheduleError, match="overlap"):
        WeeklySchedule.parse("1st Tue 9am-5pm; 3rd Tue 10-11am; 1st Tue 12-1pm")
