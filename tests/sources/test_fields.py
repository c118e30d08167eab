"""Parsing single cell values into typed values, with fix-it messages."""

from __future__ import annotations

import datetime as dt

import pytest

from referral_match.model import Cost, ServiceArea, Status
from referral_match.sources import fields as f


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a; b ;c", ["a", "b", "c"]),
        ("a, b", ["a", "b"]),
        ("a;b, c", ["a", "b, c"]),
        ("a\nb", ["a", "b"]),
        ("", []),
        (" ; ", []),
    ],
)
def test_split_list(text: str, expected: list[str]) -> None:
    assert f.split_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(650) 555-0142", "(650) 555-0142"),
        ("650.555.0199 ext 4", "(650) 555-0199 ext. 4"),
        ("6505550142x12", "(650) 555-0142 ext. 12"),
        ("+1 650 555 0142", "(650) 555-0142"),
        ("1-800-273-TALK", "(800) 273-8255"),
        ("211", "211"),
        ("988", "988"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_parse_phone(text: str, expected: str) -> None:
    assert f.parse_phone(text) == expected


def test_parse_phone_rejects_with_the_fix() -> None:
    with pytest.raises(ValueError) as info:
        f.parse_phone("555-01")
    assert str(info.value) == (
        '"555-01" is not a phone number: write it with its area code, '
        "like (650) 555-0100 or 650-555-0100 ext. 12."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en; es", ("en", "es")),
        ("English, Spanish", ("en", "es")),
        ("spa", ("es",)),
        ("Tagalog; tl; Filipino", ("tl",)),
        ("iw", ("he",)),
        ("Mandarin; Cantonese", ("zh", "yue")),
        ("ASL", ("ase",)),
        ("Farsi", ("fa",)),
        ("zh-Hant", ("zh",)),
    ],
)
def test_parse_languages(text: str, expected: tuple[str, ...]) -> None:
    assert f.parse_languages(text) == expected


@pytest.mark.parametrize("text", ["xx", "Elvish tongue", "12"])
def test_parse_language_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a language we know"):
        f.parse_language(text)


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (f.parse_latitude, "100", "100 is not between -90 and 90."),
        (f.parse_latitude, "-90.5", "-90.5 is not between -90 and 90."),
        (f.parse_longitude, "181", "181 is not between -180 and 180."),
        (
            f.parse_latitude,
            "north",
            "north is not a number: write decimal degrees such as 37.4815.",
        ),
    ],
)
def test_coordinates_out_of_range(parse: object, text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse(text)  # type: ignore[operator]
    assert str(info.value) == message


def test_coordinates_in_range() -> None:
    assert f.parse_latitude(" 37.4815 ") == 37.4815
    assert f.parse_longitude("-122.2091") == -122.2091


@pytest.mark.parametrize(("text", "expected"), [("18", 18), ("18+", 18), ("65 years", 65)])
def test_parse_age(text: str, expected: int) -> None:
    assert f.parse_age(text) == expected


@pytest.mark.parametrize("text", ["121", "-1", "adult", "18.5"])
def test_parse_age_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not an age: write whole years from 0 to 120"):
        f.parse_age(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("female", ("female",)),
        ("Women", ("female",)),
        ("men; women", ("male", "female")),
        ("any", ()),
        ("female; male; nonbinary", ()),
    ],
)
def test_parse_genders(text: str, expected: tuple[str, ...]) -> None:
    assert f.parse_genders(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Veterans; older adults", ("veterans", "seniors")),
        ("LGBTQ+, refugees", ("lgbtq", "immigrants")),
        ("unhoused", ("homeless",)),
    ],
)
def test_parse_populations(text: str, expected: tuple[str, ...]) -> None:
    assert f.parse_populations(text) == expected


def test_parse_populations_rejects() -> None:
    with pytest.raises(ValueError, match='"students" is not a population group we know'):
        f.parse_populations("students")


@pytest.mark.parametrize(("text", "expected"), [("200", 200), ("138%", 138), ("250% FPL", 250)])
def test_parse_fpl_percent(text: str, expected: int) -> None:
    assert f.parse_fpl_percent(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Active", Status.ACTIVE),
        ("inactive", Status.INACTIVE),
        ("Temporarily  Closed", Status.TEMPORARILY_CLOSED),
        ("temporarily_closed", Status.TEMPORARILY_CLOSED),
        ("defunct", Status.DEFUNCT),
    ],
)
def test_parse_status(text: str, expected: Status) -> None:
    assert f.parse_status(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Free", Cost.FREE),
        ("no cost", Cost.FREE),
        ("Sliding Scale", Cost.SLIDING_SCALE),
        ("fee", Cost.FEE),
    ],
)
def test_parse_cost(text: str, expected: Cost) -> None:
    assert f.parse_cost(text) is expected


def test_parse_cost_rejects() -> None:
    with pytest.raises(ValueError) as info:
        f.parse_cost("$5")
    assert str(info.value) == (
        '"$5" is not a cost we can filter on: use free, sliding scale or fee, '
        "and put the details in the fees column."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-30", dt.date(2026, 9, 30)),
        ("9/30/2026", dt.date(2026, 9, 30)),
        ("09/30/26", dt.date(2026, 9, 30)),
        ("September 30, 2026", dt.date(2026, 9, 30)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert f.parse_date(text, today=dt.date(2026, 11, 26)) == expected


def test_parse_date_rejects_future_and_garbage() -> None:
    with pytest.raises(ValueError, match="2027-01-01 is in the future"):
        f.parse_date("2027-01-01", today=dt.date(2026, 11, 26))
    with pytest.raises(ValueError, match='"last week" is not a date: write it as YYYY-MM-DD'):
        f.parse_date("last week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("example.org", "https://example.org"), ("http://example.org/x", "http://example.org/x")],
)
def test_parse_website(text: str, expected: str) -> None:
    assert f.parse_website(text) == expected


def test_parse_website_rejects() -> None:
    with pytest.raises(ValueError, match="is not a web address"):
        f.parse_website("not a site")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("94063", ServiceArea(zips=("94063",))),
        ("94063, 94061-1234; 94062", ServiceArea(zips=("94063", "94061", "94062"))),
        ("Redwood City, CA", ServiceArea(cities=("redwood city|CA",))),
        ("San Mateo County, CA", ServiceArea(counties=("san mateo|CA",))),
        ("san mateo county california", ServiceArea(counties=("san mateo|CA",))),
        ("CA", ServiceArea(states=("CA",))),
        ("California; Nevada", ServiceArea(states=("CA", "NV"))),
        ("national", ServiceArea(national=True)),
        (
            "San Mateo County, CA; Palo Alto, CA; 94303",
            ServiceArea(zips=("94303",), cities=("palo alto|CA",), counties=("san mateo|CA",)),
        ),
    ],
)
def test_parse_service_area(text: str, expected: ServiceArea) -> None:
    assert f.parse_service_area(text) == expected


def test_service_area_names_without_a_state_take_the_rows_state() -> None:
    area = f.parse_service_area("San Mateo County; Redwood City", default_state="CA")
    assert area == ServiceArea(cities=("redwood city|CA",), counties=("san mateo|CA",))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("San Mateo County", '"San Mateo County" needs its state, like "San Mateo County, CA"'),
        (
            "Redwod City, CA",
            '"Redwod City, CA" is not a city of CA that we know: did you mean Redwood City, CA?',
        ),
        ("Sun Mateo County, CA", '"Sun Mateo County, CA" is not a county of CA that we know'),
        ("Springfield, ZZ", '"Springfield, ZZ": "ZZ" is not a US state'),
    ],
)
def test_parse_service_area_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        f.parse_service_area(text)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("2-1-1", ("211",)),
        ("844-RIGHTS-9 (844-744-4879)", ("(844) 744-4879",)),
        ("(618) 394-7300 or (877) 342-7891", ("(618) 394-7300", "(877) 342-7891")),
        ("no phone", ()),
    ],
)
def test_numbers_are_read_from_among_words(text: str, numbers: tuple[str, ...]) -> None:
    assert f.parse_phones(text) == numbers


def test_a_cell_with_no_number_we_can_dial_is_refused() -> None:
    with pytest.raises(ValueError, match='"call us" is not a phone number'):
        f.parse_phones("call us")
