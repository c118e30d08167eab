"""The resource page: everything known, a map when there is a place, the page whole without."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from referral_match import import_directory
from webapp import create_app
from webapp.case.resources import directions_url, safe_website


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_shows_everything_known(client: FlaskClient) -> None:
    response = client.get("/resources/smc-0152")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for expected in (
        "<h1>Community Kitchen</h1>",
        "Harvest Table Community Kitchen",
        "1421 Bayfront Pkwy, Room 4, Redwood City, CA 94063",
        "https://www.google.com/maps/dir/?api=1&amp;destination=1421+Bayfront+Pkwy",
        'href="tel:(650) 555-0120"',
        'href="mailto:help@harvest-table.example.org"',
        'href="https://harvest-table.example.org/free-meals"',
        "Every day 5 pm–6:30 pm",
        "English, Spanish",
        "<dt>Ages</dt><dd>Any age</dd>",
        "94063; 94061; 94062; 94065",
        "Just come in during meal times.",
        "None required",
        "ground floor, accessible restroom",
        "Last verified 2026-03-04",
        "Add to list",
    ):
        assert expected in html, expected


def test_map_uses_vendored_leaflet_and_says_the_address_is_enough(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0152").get_data(as_text=True)
    assert '<div id="map" class="map" data-lat="37.' in html
    assert 'src="/static/vendor/leaflet/leaflet.js"' in html
    assert 'href="/static/vendor/leaflet/leaflet.css"' in html
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "the address above is all a client needs" in html


def test_without_javascript_the_map_says_it_needs_javascript(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0152").get_data(as_text=True)
    # The box shows only when app.js runs; without it the page says why there is no map.
    assert re.search(r'<div id="map"[^>]* data-needs-js hidden></div>', html)
    noscript = html.split("<noscript>")[1].split("</noscript>")[0]
    assert "The map needs JavaScript" in noscript
    assert "The address and the Directions link above are all a client needs." in noscript
    # The words about the internet are for map.js to show when the tiles fail, not before.
    note = html.split('id="map-note">')[1].split("</p>")[0]
    shown, hidden = note.split("<span hidden>")
    assert hidden.startswith("The map needs an internet connection;")
    assert "internet" not in shown


def test_a_pin_at_the_zip_centre_says_so(client: FlaskClient) -> None:
    assert "centre of the ZIP code" in client.get("/resources/smc-0117").get_data(as_text=True)


def test_a_service_without_a_place_has_no_map(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0103").get_data(as_text=True)
    assert "No street address" in html
    assert 'id="map"' not in html and "leaflet.js" not in html


def test_maps_can_be_turned_off(sample_index: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(sample_index), "MAP_TILES": ""})
    html = app.test_client().get("/resources/smc-0152").get_data(as_text=True)
    assert 'id="map"' not in html and "Directions" in html


def test_inactive_resource_warns(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0114").get_data(as_text=True)
    assert "Status: defunct." in html and "Do not refer clients here" in html


def test_unknown_resource_is_404(client: FlaskClient) -> None:
    response = client.get("/resources/no-such-thing")
    assert response.status_code == 404
    assert "There is no page at this address." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
    ],
)
def test_only_web_addresses_become_links(url: str, link: str | None) -> None:
    # The importer refuses such websites already; the page does not rely on it.
    assert safe_website(url) == link


def test_directions_go_to_the_address_or_the_coordinates(sample_index: Path) -> None:
    from referral_match import Directory

    with Directory.open(sample_index) as directory:
        kitchen = directory.get("smc-0152")
        hotline = directory.get("smc-0103")
    assert kitchen is not None and hotline is not None
    assert directions_url(kitchen) == (
        "https://www.google.com/maps/dir/?api=1&destination="
        "1421+Bayfront+Pkwy%2C+Room+4%2C+Redwood+City%2C+CA+94063"
    )
    assert directions_url(hotline) is None


@pytest.mark.parametrize("odd_id", ["svc/12", "a/b/c", "id with space", "x?y#z", "100%"])
def test_an_id_with_a_slash_or_url_characters_has_a_page_and_an_api_record(
    tmp_path: Path, flat_dir: Path, odd_id: str
) -> None:
    text = (flat_dir / "good.csv").read_text("utf-8").replace("t-001,", f'"{odd_id}",', 1)
    source = tmp_path / "odd.csv"
    source.write_text(text, "utf-8")
    index = tmp_path / "index"
    assert import_directory(source, index).index_updated
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    client = app.test_client()
    with app.test_request_context():
        page = url_for("resources.show", resource_id=odd_id)
        record = url_for("api.resource", resource_id=odd_id)
        service = url_for("api.hsds_service_view", resource_id=odd_id)
    shown = client.get(page)
    assert shown.status_code == 200 and "Community Food Pantry" in shown.text
    assert client.get(record).get_json()["id"] == odd_id
    assert client.get(service).status_code == 200


def test_a_service_without_a_location_shows_no_empty_location_id(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0203").get_data(as_text=True)  # served by phone
    ids = html.split("<dt>Ids</dt>")[1].split("</dd>")[0]
    assert ids == (
        "<dd><code>smc-0203</code> (service <code>svc-medicare-compass-hicap-line</code>)"
    )
    assert "location )" not in html and "<code></code>" not in html
    with_location = client.get("/resources/smc-0152").get_data(as_text=True)
    assert ", location <code>loc-harvest-table-rwc</code>)" in with_location


def test_unknown_hours_say_call_first(client: FlaskClient) -> None:
    html = client.get("/resources/smc-0119").get_data(as_text=True)
    assert '<dt>Hours</dt><dd><span class="no-hours">Hours not listed: call first</span>' in html
