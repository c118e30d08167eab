"""Tests of the online geocoder wrapper, with a stand-in geopy geocoder: never the network."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from geopy import exc as geopy_exc
from geopy.location import Location
from geopy.point import Point

from referral_match.errors import GeocoderFailure
from referral_match.geo import geocoding
from referral_match.geo.gazetteer import default_gazetteer, parse_location
from referral_match.geo.geocoding import CACHE_FILE, OnlineGeocoder, from_config
from referral_match.geo.places import Place

MIDDLEFIELD = "2600 Middlefield Rd, Redwood City, CA 94063"
MIDDLEFIELD_LOCATION = Location(
    "2600, Middlefield Road, Redwood City, San Mateo County, California, 94063, United States",
    Point(37.4745, -122.2158),
    {"place_id": 1234, "osm_type": "way", "display_name": "2600, Middlefield Road"},
)
STANFORD_LOCATION = Location(
    "Stanford University, Stanford, Santa Clara County, California, 94305, United States",
    Point(37.4313, -122.1694),
    {"place_id": 99},
)
OFFLINE_HINT = (
    "Check the network connection and the geocoder settings, or remove the geocoder setting "
    "to place addresses offline by ZIP code and city."
)


class FakeGeocoder:
    """A geopy-compatible geocoder that answers from a dict, or fails, and counts calls."""

    def __init__(
        self, answers: dict[str, Location] | None = None, error: Exception | None = None
    ) -> None:
        self.answers = answers or {}
        self.error = error
        self.queries: list[str] = []

    def geocode(self, query: str, **options: object) -> Location | None:
        self.queries.append(query)
        if self.error is not None:
            raise self.error
        return self.answers.get(query)


def _online(fake: FakeGeocoder, cache_dir: Path | None) -> OnlineGeocoder:
    return OnlineGeocoder(fake, name="fake", cache_dir=cache_dir, min_delay_seconds=0)


def test_exported_names_exist_and_have_docstrings() -> None:
    for name in geocoding.__all__:
        value = getattr(geocoding, name)
        if callable(value):
            assert value.__doc__, name


def test_answers_come_from_the_geocoder_then_from_the_cache(tmp_path: Path) -> None:
    fake = FakeGeocoder({MIDDLEFIELD: MIDDLEFIELD_LOCATION})
    online = _online(fake, tmp_path)
    assert online.geocode(MIDDLEFIELD) == MIDDLEFIELD_LOCATION
    assert online.geocode("  2600 middlefield rd,  Redwood City, CA 94063 ") == (
        MIDDLEFIELD_LOCATION
    )
    assert fake.queries == [MIDDLEFIELD]
    assert (tmp_path / CACHE_FILE).is_file()


def test_the_cache_outlives_the_process(tmp_path: Path) -> None:
    _online(FakeGeocoder({MIDDLEFIELD: MIDDLEFIELD_LOCATION}), tmp_path).geocode(MIDDLEFIELD)
    _online(FakeGeocoder(), tmp_path).geocode("Nowhere at all")
    fresh = FakeGeocoder()
    online = _online(fresh, tmp_path)
    location = online.geocode(MIDDLEFIELD)
    assert location == MIDDLEFIELD_LOCATION
    assert location is not None
    assert (location.latitude, location.longitude, location.altitude) == (
        37.4745,
        -122.2158,
        0.0,
    )
    assert online.geocode("nowhere AT ALL") is None  # "not found" is remembered too
    assert fresh.queries == []


def test_the_cache_is_per_service(tmp_path: Path) -> None:
    _online(FakeGeocoder({MIDDLEFIELD: MIDDLEFIELD_LOCATION}), tmp_path).geocode(MIDDLEFIELD)
    other = FakeGeocoder()
    assert (
        OnlineGeocoder(other, name="other", cache_dir=tmp_path, min_delay_seconds=0).geocode(
            MIDDLEFIELD
        )
        is None
    )
    assert other.queries == [MIDDLEFIELD]


def test_without_a_cache_dir_answers_are_kept_in_memory_only(tmp_path: Path) -> None:
    fake = FakeGeocoder({MIDDLEFIELD: MIDDLEFIELD_LOCATION})
    online = _online(fake, None)
    assert online.cache_path is None
    assert online.geocode(MIDDLEFIELD) == MIDDLEFIELD_LOCATION
    assert online.geocode(MIDDLEFIELD) == MIDDLEFIELD_LOCATION
    assert fake.queries == [MIDDLEFIELD]


def test_an_empty_query_is_not_sent() -> None:
    fake = FakeGeocoder()
    assert _online(fake, None).geocode("   ") is None
    assert fake.queries == []


def test_queries_are_spaced_by_the_rate_limit() -> None:
    fake = FakeGeocoder()
    online = OnlineGeocoder(fake, name="fake", min_delay_seconds=0.2)
    start = time.monotonic()
    online.geocode("first")
    online.geocode("second")
    assert time.monotonic() - start >= 0.19
    assert fake.queries == ["first", "second"]


@pytest.mark.parametrize(
    ("error", "described"),
    [
        (geopy_exc.GeocoderTimedOut("Service timed out"), "GeocoderTimedOut: Service timed out"),
        (
            geopy_exc.GeocoderUnavailable("Connection refused"),
            "GeocoderUnavailable: Connection refused",
        ),
        (
            geopy_exc.GeocoderRateLimited("Too many requests"),
            "GeocoderRateLimited: Too many requests",
        ),
        (
            geopy_exc.GeocoderAuthenticationFailure("Invalid key"),
            "GeocoderAuthenticationFailure: Invalid key",
        ),
    ],
)
def test_geopy_errors_become_geocoder_failures(
    tmp_path: Path, error: Exception, described: str
) -> None:
    fake = FakeGeocoder(error=error)
    online = _online(fake, tmp_path)
    with pytest.raises(GeocoderFailure) as caught:
        online.geocode(MIDDLEFIELD)
    assert str(caught.value) == f"The fake geocoder did not answer ({described}). {OFFLINE_HINT}"
    assert caught.value.__cause__ is error
    fake.error = None
    assert online.geocode(MIDDLEFIELD) is None  # failures are not cached: asked again
    assert fake.queries == [MIDDLEFIELD, MIDDLEFIELD]


def test_an_unusable_cache_folder_is_reported(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file, not a folder")
    with pytest.raises(GeocoderFailure) as caught:
        _online(FakeGeocoder(), not_a_folder)
    assert str(caught.value).startswith(
        f"The geocoding cache {not_a_folder / CACHE_FILE} cannot be used ("
    )
    assert str(caught.value).endswith(
        "): check that the folder is writable, or delete the file to start a new cache."
    )


@pytest.mark.parametrize("name", [None, "", "  ", "offline", "None", "OFF"])
def test_from_config_stays_offline_by_default(tmp_path: Path, name: str | None) -> None:
    assert from_config(name, "referral-match-tests", tmp_path) is None


def test_from_config_builds_a_rate_limited_cached_geocoder(tmp_path: Path) -> None:
    online = from_config(" Nominatim ", "referral-match-tests", tmp_path)  # no request made
    assert online is not None
    assert (online.name, online.cache_path, online.min_delay_seconds) == (
        "nominatim",
        tmp_path / CACHE_FILE,
        1.0,
    )


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        (
            "mapquack",
            None,
            'There is no geocoder called "mapquack": give a geopy service name such as '
            '"nominatim", or leave the geocoder unset to work offline.',
        ),
        (
            "nominatim",
            {"colour": "blue"},
            "The nominatim geocoder cannot be set up (Nominatim.__init__() got an unexpected "
            "keyword argument 'colour'): check its options (some services need an api_key), "
            "or leave the geocoder unset to work offline.",
        ),
    ],
)
def test_from_config_errors(
    tmp_path: Path, name: str, options: dict[str, object] | None, message: str
) -> None:
    with pytest.raises(GeocoderFailure) as caught:
        from_config(name, "referral-match-tests", tmp_path, options=options)
    assert str(caught.value) == message


def test_from_config_reports_a_missing_api_key(tmp_path: Path) -> None:
    with pytest.raises(GeocoderFailure) as caught:
        from_config("googlev3", "referral-match-tests", tmp_path)
    assert str(caught.value).startswith("The googlev3 geocoder cannot be set up (Since July 2018")
    assert isinstance(caught.value.__cause__, geopy_exc.ConfigurationError)


def _place(text: str, fake: FakeGeocoder) -> Place:
    return parse_location(text, gazetteer=default_gazetteer(), geocoder=_online(fake, None))


def test_parse_location_geocodes_a_street_address() -> None:
    fake = FakeGeocoder({MIDDLEFIELD: MIDDLEFIELD_LOCATION})
    place = _place(MIDDLEFIELD, fake)
    assert place == Place(
        point=Point(37.4745, -122.2158),
        label=MIDDLEFIELD_LOCATION.address,
        zip="94063",
        city="Redwood City",
        county="San Mateo",
        state="CA",
        precision="address",
    )
    assert fake.queries == [MIDDLEFIELD]


def test_parse_location_takes_the_areas_of_an_address_without_zip_from_its_city() -> None:
    text = "2600 Middlefield Rd, Redwood City, CA"
    place = _place(text, FakeGeocoder({text: MIDDLEFIELD_LOCATION}))
    assert (place.precision, place.zip, place.city, place.county, place.state) == (
        "address",
        "",
        "Redwood City",
        "San Mateo",
        "CA",
    )


def test_parse_location_asks_the_geocoder_what_the_gazetteer_does_not_know() -> None:
    place = _place("Stanford University", FakeGeocoder({"Stanford University": STANFORD_LOCATION}))
    assert (place.precision, place.label, place.zip, place.city, place.county, place.state) == (
        "address",
        STANFORD_LOCATION.address,
        "94305",
        "Stanford",
        "Santa Clara",
        "CA",
    )


@pytest.mark.parametrize("text", ["94063", "Redwood City, CA", "37.48,-122.21", "California"])
def test_parse_location_does_not_geocode_what_the_gazetteer_knows(text: str) -> None:
    fake = FakeGeocoder()
    assert _place(text, fake).precision != "address"
    assert fake.queries == []


@pytest.mark.parametrize(
    "fake",
    [FakeGeocoder(), FakeGeocoder(error=geopy_exc.GeocoderUnavailable("Connection refused"))],
    ids=["not found", "unavailable"],
)
def test_parse_location_falls_back_to_the_zip_code(fake: FakeGeocoder) -> None:
    place = _place(MIDDLEFIELD, fake)
    assert (place.precision, place.label, place.zip) == ("zip", "Redwood City, CA 94063", "94063")


def test_parse_location_raises_the_geocoder_failure_when_nothing_else_works() -> None:
    fake = FakeGeocoder(error=geopy_exc.GeocoderTimedOut("Service timed out"))
    with pytest.raises(GeocoderFailure) as caught:
        _place("1 Nowhere Lane, Xyzzy, ZZ", fake)
    assert str(caught.value) == (
        f"The fake geocoder did not answer (GeocoderTimedOut: Service timed out). {OFFLINE_HINT}"
    )
