"""Tests of the offline geography: names, the gazetteer, parse_location, distances."""

from __future__ import annotations

import math
import random
from types import ModuleType

import pytest
from geopy.distance import geodesic
from geopy.location import Location
from geopy.point import Point

from referral_match.errors import InputError, LocationNotFound
from referral_match.geo import gazetteer as gazetteer_module
from referral_match.geo import places as geo
from referral_match.geo.gazetteer import Gazetteer, default_gazetteer, parse_location
from referral_match.geo.places import (
    EARTH_RADIUS_MILES,
    STATE_NAMES,
    Place,
    city_key,
    county_key,
    distance_miles,
    normalize_state,
    normalize_zip,
)

GENERIC = 'give a 5-digit ZIP code, "City, ST" or "latitude,longitude".'
EXAMPLE = 'give "latitude,longitude", e.g. "37.48,-122.21".'
RWC_ZIP = ("zip", "Redwood City, CA 94063", "94063", "Redwood City", "San Mateo")
RWC_CITY = ("city", "Redwood City, CA", "", "Redwood City", "San Mateo")
DID_YOU_MEAN = "is not a place we know: did you mean Redwood City, CA?"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize("module", [geo, gazetteer_module])
def test_exported_names_exist_and_have_docstrings(module: ModuleType) -> None:
    for name in module.__all__:
        value = getattr(module, name)
        if callable(value):
            assert value.__doc__, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("94063", "94063"),
        ("94063-1234", "94063"),
        ("94063 1234", "94063"),
        (" 94063 ", "94063"),
        ("940631234", "94063"),
        ("2134", "02134"),
        ("2134-5678", "02134"),
        ("02134", "02134"),
        ("", None),
        ("940", None),
        ("94063-12", None),
        ("940634", None),
        ("ABCDE", None),
        ("94063.0", None),
        ("Redwood City", None),
    ],
)
def test_normalize_zip(text: str, expected: str | None) -> None:
    assert normalize_zip(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CA", "CA"),
        ("ca", "CA"),
        ("California", "CA"),
        (" new  york ", "NY"),
        ("NEW HAMPSHIRE", "NH"),
        ("MT", "MT"),
        ("Mt.", "MT"),
        ("District of Columbia", "DC"),
        ("D.C.", "DC"),
        ("Washington, D.C.", "DC"),
        ("Washington", "WA"),
        ("Puerto Rico", "PR"),
        ("pr", "PR"),
        ("Guam", "GU"),
        ("U.S. Virgin Islands", "VI"),
        ("Virgin Islands", "VI"),
        ("American Samoa", "AS"),
        ("Northern Mariana Islands", "MP"),
        ("ZZ", None),
        ("", None),
        ("Calif", None),
        ("Redwood City", None),
    ],
)
def test_normalize_state(text: str, expected: str | None) -> None:
    assert normalize_state(text) == expected


def test_normalize_state_knows_every_code_and_name() -> None:
    assert len(STATE_NAMES) == 63  # 50 states, DC, 6 territories, 3 associated, 3 military
    for code, name in STATE_NAMES.items():
        assert (normalize_state(code), normalize_state(code.lower())) == (code, code)
        assert normalize_state(name) == code
        assert normalize_state(name.upper()) == code


@pytest.mark.parametrize(
    ("county", "state", "expected"),
    [
        ("San Mateo County", "CA", "san mateo|CA"),
        ("san mateo", "ca", "san mateo|CA"),
        ("San Mateo County", "California", "san mateo|CA"),
        ("San Mateo Co.", "CA", "san mateo|CA"),
        ("Orleans Parish", "LA", "orleans|LA"),
        ("Kenai Peninsula Borough", "AK", "kenai peninsula|AK"),
        ("Bethel Census Area", "AK", "bethel|AK"),
        ("Anchorage Municipality", "AK", "anchorage|AK"),
        ("Municipality of Anchorage", "AK", "anchorage|AK"),
        ("Juneau City and Borough", "AK", "juneau|AK"),
        ("City and Borough of Juneau", "AK", "juneau|AK"),
        ("city and county of San Francisco", "CA", "san francisco|CA"),
        ("San Francisco City and County", "CA", "san francisco|CA"),
        ("Adjuntas Municipio", "PR", "adjuntas|PR"),
        # Virginia's independent cities are counties of their own, distinct from the
        # counties of the same name.
        ("Richmond city", "VA", "richmond city|VA"),
        ("Richmond City", "VA", "richmond city|VA"),
        ("City of Richmond", "VA", "richmond city|VA"),
        ("Richmond County", "VA", "richmond|VA"),
        ("St. Louis County", "MO", "saint louis|MO"),
        ("Saint Louis County", "MO", "saint louis|MO"),
        ("Prince George's County", "MD", "prince georges|MD"),
        ("District of Columbia", "DC", "district of columbia|DC"),
        ("Doña Ana County", "NM", "dona ana|NM"),
    ],
)
def test_county_key(county: str, state: str, expected: str) -> None:
    assert county_key(county, state) == expected


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("Redwood City", "CA", "redwood city|CA"),
        ("  redwood   CITY ", "ca", "redwood city|CA"),
        ("Redwood City", "California", "redwood city|CA"),
        ("St. Louis", "MO", "saint louis|MO"),
        ("Saint Louis", "MO", "saint louis|MO"),
        ("Ft. Worth", "TX", "fort worth|TX"),
        ("Mt Baldy", "CA", "mount baldy|CA"),
        ("Winston-Salem", "NC", "winston salem|NC"),
        ("Cañon City", "CO", "canon city|CO"),
        ("Coeur d'Alene", "ID", "coeur dalene|ID"),
    ],
)
def test_city_key(city: str, state: str, expected: str) -> None:
    assert city_key(city, state) == expected


def test_zip_place(gazetteer: Gazetteer) -> None:
    place = gazetteer.by_zip("94063")
    assert place == Place(
        point=Point(37.4815, -122.2091),
        label="Redwood City, CA 94063",
        zip="94063",
        city="Redwood City",
        county="San Mateo",
        state="CA",
        precision="zip",
        timezone="America/Los_Angeles",
    )
    assert place is not None
    assert (place.latitude, place.longitude) == (37.4815, -122.2091)
    assert (place.city_key, place.county_key) == ("redwood city|CA", "san mateo|CA")
    assert hash(place) == hash(gazetteer.by_zip("94063-1234"))


def test_place_to_location(gazetteer: Gazetteer) -> None:
    place = gazetteer.by_zip("94063")
    assert place is not None
    location = place.to_location()
    assert isinstance(location, Location)
    assert location.address == "Redwood City, CA 94063"
    assert (location.latitude, location.longitude) == (37.4815, -122.2091)
    assert location.raw == {
        "zip": "94063",
        "city": "Redwood City",
        "county": "San Mateo",
        "state": "CA",
        "precision": "zip",
    }


def test_place_rejects_an_unknown_precision() -> None:
    with pytest.raises(ValueError, match="precision must be one of"):
        Place(Point(0, 0), "x", "", "", "", "", "street")


def test_city_is_the_mean_of_its_street_zip_codes(gazetteer: Gazetteer) -> None:
    # 94061, 94062, 94063 and 94065; 94064 is a PO box ZIP and does not count.
    place = gazetteer.by_city("redwood city", "California")
    assert place is not None
    assert place.latitude == pytest.approx((37.4647 + 37.4245 + 37.4815 + 37.5331) / 4, abs=1e-9)
    assert place.longitude == pytest.approx(
        (-122.2304 - 122.296 - 122.2091 - 122.2486) / 4, abs=1e-9
    )
    assert (place.label, place.zip, place.city, place.county, place.state, place.precision) == (
        "Redwood City, CA",
        "",
        "Redwood City",
        "San Mateo",
        "CA",
        "city",
    )


def test_a_name_the_post_office_accepts_is_in_its_city(gazetteer: Gazetteer) -> None:
    place = gazetteer.by_city("Hollywood", "CA")
    assert place is not None
    assert (place.label, place.city, place.county, place.city_key) == (
        "Hollywood, CA",
        "Los Angeles",
        "Los Angeles",
        "los angeles|CA",
    )


def test_county_and_state_places(gazetteer: Gazetteer) -> None:
    county = gazetteer.by_county("San Mateo County", "CA")
    assert county is not None
    assert (county.label, county.city, county.county, county.state, county.precision) == (
        "San Mateo County, CA",
        "",
        "San Mateo",
        "CA",
        "county",
    )
    assert county.county_key == "san mateo|CA"
    assert county.city_key == ""
    state = gazetteer.by_state("california")
    assert state is not None
    assert (state.label, state.city, state.county, state.state, state.precision) == (
        "California",
        "",
        "",
        "CA",
        "state",
    )


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("by_zip", ("99999",)),
        ("by_zip", ("abc",)),
        ("by_zip", ("09001",)),  # an APO code: no place on the map
        ("by_city", ("Nowhere", "CA")),
        ("by_city", ("Redwood City", "ZZ")),
        ("by_county", ("Nowhere County", "CA")),
        ("by_county", ("San Mateo County", "ZZ")),
        ("by_state", ("ZZ",)),
    ],
)
def test_unknown_places_are_none(gazetteer: Gazetteer, method: str, args: tuple[str]) -> None:
    assert getattr(gazetteer, method)(*args) is None


def test_suggest_city(gazetteer: Gazetteer) -> None:
    assert gazetteer.suggest_city("Redwod City", "CA") == "Redwood City, CA"
    assert gazetteer.suggest_city("Xyzzy", "CA") is None
    assert gazetteer.suggest_city("Redwod City", "ZZ") is None


def test_gazetteer_geocode_is_like_a_geopy_geocoder(gazetteer: Gazetteer) -> None:
    location = gazetteer.geocode("94063", exactly_one=True, timeout=5)
    assert isinstance(location, Location)
    assert (location.address, location.latitude, location.longitude) == (
        "Redwood City, CA 94063",
        37.4815,
        -122.2091,
    )
    assert gazetteer.geocode("Nowhere, CA") is None


def test_default_gazetteer_is_shared() -> None:
    assert default_gazetteer() is default_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("94063", RWC_ZIP),
        ("94063-1234", RWC_ZIP),
        (" 94063 ", RWC_ZIP),
        ("2134", ("zip", "Allston, MA 02134", "02134", "Allston", "Suffolk")),
        ("Redwood City, CA", RWC_CITY),
        ("redwood city ca", RWC_CITY),
        ("REDWOOD CITY,CA", RWC_CITY),
        ("Redwood City, California", RWC_CITY),
        ("Redwood City", RWC_CITY),
        ("Redwood City, CA 94063", RWC_ZIP),
        ("St. Louis, MO", ("city", "Saint Louis, MO", "", "Saint Louis", "St. Louis")),
        ("San Mateo County, CA", ("county", "San Mateo County, CA", "", "", "San Mateo")),
        ("san mateo county ca", ("county", "San Mateo County, CA", "", "", "San Mateo")),
        ("Marin, CA", ("county", "Marin County, CA", "", "", "Marin")),
        (
            "city and county of San Francisco, CA",
            ("county", "San Francisco County, CA", "", "", "San Francisco"),
        ),
        ("Orleans Parish, LA", ("county", "Orleans Parish, LA", "", "", "Orleans")),
        (
            "Kenai Peninsula Borough",
            ("county", "Kenai Peninsula Borough, AK", "", "", "Kenai Peninsula"),
        ),
        ("California", ("state", "California", "", "", "")),
        ("CA", ("state", "California", "", "", "")),
        ("Washington DC", ("state", "District of Columbia", "", "", "")),
        ("Indiana PA", ("city", "Indiana, PA", "", "Indiana", "Indiana")),
        ("San Juan, Puerto Rico", ("city", "San Juan, PR", "", "San Juan", "San Juan")),
        # A street address without a geocoder: its ZIP code, else its city.
        ("2600 Middlefield Rd, Redwood City, CA 94063", RWC_ZIP),
        ("2600 Middlefield Rd Redwood City CA 94063-1234", RWC_ZIP),
        ("2600 Middlefield Rd, Redwood City, CA", RWC_CITY),
        ("2600 Middlefield Rd Redwood City CA", RWC_CITY),
    ],
)
def test_parse_location(
    gazetteer: Gazetteer, text: str, expected: tuple[str, str, str, str, str]
) -> None:
    place = parse_location(text, gazetteer=gazetteer)
    assert (place.precision, place.label, place.zip, place.city, place.county) == expected


@pytest.mark.parametrize(
    ("text", "latitude", "longitude", "label"),
    [
        ("37.48,-122.21", 37.48, -122.21, "37.48, -122.21"),
        ("37.48, -122.21", 37.48, -122.21, "37.48, -122.21"),
        ("(37.48 , -122.21)", 37.48, -122.21, "37.48, -122.21"),
        ("+37.4800,-122.2100", 37.48, -122.21, "37.48, -122.21"),
        ("-33.8688, 151.2093", -33.8688, 151.2093, "-33.8688, 151.2093"),
        ("90,180", 90.0, 180.0, "90, 180"),
        ("-90,-180", -90.0, -180.0, "-90, -180"),
        ("0,0", 0.0, 0.0, "0, 0"),
    ],
)
def test_parse_coordinates(
    gazetteer: Gazetteer, text: str, latitude: float, longitude: float, label: str
) -> None:
    place = parse_location(text, gazetteer=gazetteer)
    assert place == Place(Point(latitude, longitude), label, "", "", "", "", "point")
    assert (place.latitude, place.longitude) == (latitude, longitude)
    assert (place.city_key, place.county_key) == ("", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Fremont, ZZ", f'"Fremont, ZZ" is not a place we know: {GENERIC}'),
        ("Nowhere, CA", f'"Nowhere, CA" is not a place we know: {GENERIC}'),
        ("Redwod City, CA", f'"Redwod City, CA" {DID_YOU_MEAN}'),
        ("redwood citty ca", f'"redwood citty ca" {DID_YOU_MEAN}'),
        ("Xyzzy Plugh", f'"Xyzzy Plugh" is not a place we know: {GENERIC}'),
        (",", f'"," is not a place we know: {GENERIC}'),
        ("", f"No location was given: {GENERIC}"),
        ("   ", f"No location was given: {GENERIC}"),
        (
            "99999",
            '"99999" is not a ZIP code we know: check the digits, or give "City, ST" or '
            '"latitude,longitude".',
        ),
        (
            "100,50",
            'Latitude 100 is not between -90 and 90: did you mean "50,100" (latitude first)?',
        ),
        (
            "-122.21,37.48",
            "Latitude -122.21 is not between -90 and 90: "
            'did you mean "37.48,-122.21" (latitude first)?',
        ),
        ("91,-122.21", f"Latitude 91 is not between -90 and 90: {EXAMPLE}"),
        ("200,100", f"Latitude 200 is not between -90 and 90: {EXAMPLE}"),
        ("37.48,-200", f"Longitude -200 is not between -180 and 180: {EXAMPLE}"),
        ("37.48,180.5", f"Longitude 180.5 is not between -180 and 180: {EXAMPLE}"),
        (
            "San Mateo",
            '"San Mateo" is a place in more than one state (San Mateo, CA; San Mateo, FL): '
            'add the state, as in "San Mateo, CA".',
        ),
        (
            "Springfield",
            '"Springfield" is a place in more than one state (Springfield, AR; '
            "Springfield, CO; Springfield, GA; Springfield, ID; Springfield, IL; ...): "
            'add the state, as in "Springfield, AR".',
        ),
    ],
)
def test_parse_location_errors(gazetteer: Gazetteer, text: str, message: str) -> None:
    with pytest.raises(LocationNotFound) as caught:
        parse_location(text, gazetteer=gazetteer)
    assert str(caught.value) == message
    assert caught.value.message == message
    assert (caught.value.field, caught.value.value) == ("location", text)
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "expected"),
    [
        (37.48, -122.21, 37.48, -122.21, 0.0),
        (0.0, 0.0, 0.0, 1.0, EARTH_RADIUS_MILES * math.pi / 180),
        (0.0, 0.0, 1.0, 0.0, EARTH_RADIUS_MILES * math.pi / 180),
        (0.0, 0.0, 0.0, 180.0, EARTH_RADIUS_MILES * math.pi),
        (90.0, 0.0, -90.0, 0.0, EARTH_RADIUS_MILES * math.pi),
        (0.0, 179.5, 0.0, -179.5, EARTH_RADIUS_MILES * math.pi / 180),
    ],
)
def test_distance_miles_exact(
    lat1: float, lon1: float, lat2: float, lon2: float, expected: float
) -> None:
    assert distance_miles(lat1, lon1, lat2, lon2) == pytest.approx(expected, rel=1e-12, abs=1e-9)
    assert distance_miles(lat2, lon2, lat1, lon1) == pytest.approx(expected, rel=1e-12, abs=1e-9)


def test_distance_miles_agrees_with_geodesic() -> None:
    rng = random.Random(7)
    for _ in range(500):
        lat1, lon1 = rng.uniform(19.0, 65.0), rng.uniform(-160.0, -67.0)
        lat2 = lat1 + rng.uniform(-0.7, 0.7)
        lon2 = lon1 + rng.uniform(-0.7, 0.7) / math.cos(math.radians(lat1))
        exact = geodesic((lat1, lon1), (lat2, lon2)).miles
        if 0.1 < exact < 50:
            assert distance_miles(lat1, lon1, lat2, lon2) == pytest.approx(exact, rel=0.005)
