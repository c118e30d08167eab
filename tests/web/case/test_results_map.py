"""The map of results on the search and assessment pages: its data, its numbers, its words.

The map is drawn in the browser (webapp/static/map.js, see tests/browser/test_results_map.py);
the page carries what it draws: a JSON data block with a point for each result shown that has
coordinates, numbered as the cards, and a box hidden until the map is drawn.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app

FOOD_ASSESSMENT = {"near": "94063", "age": "67", "living": "none", "food_worry": "often"}


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def get(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def map_data(html: str) -> dict[str, Any]:
    """Return the map's data block, parsed."""
    found = re.findall(
        r'<script type="application/json" id="results-map-data">(.*?)</script>', html, re.S
    )
    assert len(found) == 1, "one data block"
    data: dict[str, Any] = json.loads(found[0])
    return data


def cards(html: str) -> list[tuple[str, int]]:
    """Return (element id, number shown) for every result card, in page order."""
    return [
        (card_id, int(number))
        for card_id, number in re.findall(
            r'<article class="result" id="([^"]+)"[^>]*><span class="result-n">(\d+)<',
            html,
        )
    ]


def test_search_map_has_a_point_for_each_result_numbered_as_the_list(
    client: FlaskClient, sample_directory: Any
) -> None:
    html = get(client, "/?q=food&near=94063")
    shown = cards(html)
    assert [n for _, n in shown] == list(range(1, 11))
    data = map_data(html)
    points = data["points"]
    assert [(p["target"], p["n"]) for p in points] == shown  # every card has coordinates
    for p in points:
        resource = sample_directory.get(p["target"].removeprefix("r-"))
        assert (p["lat"], p["lon"]) == (round(resource.latitude, 6), round(resource.longitude, 6))
        assert p["label"] == f"{p['n']}. {resource.name}"  # the marker's accessible name
    assert data["place"]["label"] == "Redwood City, CA 94063"
    assert 37 < data["place"]["lat"] < 38 and -123 < data["place"]["lon"] < -122
    assert data["tiles"] == ""  # no tiles unless asked: the page asks nothing of other sites
    assert "Map of these results, numbered as the list" in html
    assert "The client's place: Redwood City, CA 94063" in html
    assert '<script src="/static/map.js" defer></script>' in html


def test_page_two_counts_on_from_the_first(client: FlaskClient, sample_directory: Any) -> None:
    html = get(client, "/?q=food&near=94063&page=2")
    assert '<ol class="results" start="11">' in html
    shown = cards(html)
    assert [n for _, n in shown] == list(range(11, 21))
    placed = [(c, n) for c, n in shown if sample_directory.get(c[2:]).has_coordinates]
    assert [(p["target"], p["n"]) for p in map_data(html)["points"]] == placed
    left_out = len(shown) - len(placed)
    assert left_out and f"{left_out} results serve by phone" in html


def test_results_without_coordinates_are_counted_not_drawn(
    client: FlaskClient, sample_directory: Any
) -> None:
    html = get(client, "/?q=medicare&near=94063")
    shown = cards(html)
    assert len(shown) == 5
    unplaced = [c for c, _ in shown if not sample_directory.get(c[2:]).has_coordinates]
    assert len(unplaced) == 2
    points = map_data(html)["points"]
    assert [p["target"] for p in points] == [c for c, _ in shown if c not in unplaced]
    assert [p["n"] for p in points] == [n for c, n in shown if c not in unplaced]
    assert "2 results serve by phone, online or on the move: not on the map." in html


def test_no_map_when_no_result_has_coordinates_or_nothing_matched(client: FlaskClient) -> None:
    html = get(client, "/?q=helpline&near=94063")
    assert len(cards(html)) == 2  # numbered all the same
    for page in (html, get(client, "/?q=zzzzqqqq"), get(client, "/")):
        assert 'id="results-map"' not in page and "results-map-data" not in page
        assert "map.js" not in page


def test_without_javascript_the_map_box_is_hidden_and_says_nothing_of_the_internet(
    client: FlaskClient,
) -> None:
    for html in (
        get(client, "/?q=food&near=94063"),
        client.post("/assess/", data=FOOD_ASSESSMENT).get_data(as_text=True),
    ):
        box = re.search(r'<details class="results-map" id="results-map"[^>]*>', html)
        assert box is not None and " hidden" in box.group(0)
        inside = html.split(box.group(0))[1].split("</details>")[0]
        assert "internet" not in inside and "offline" not in inside
        assert "needs an internet connection" not in html and "<noscript" not in html
        # Nothing runs from the page itself: the data block is data, scripts come from here.
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'type="application/json"' in tag or re.search(r'src="/static/[^"]+"', tag)


def test_assessment_map_numbers_each_place_once_in_page_order(
    client: FlaskClient, sample_directory: Any
) -> None:
    response = client.post("/assess/", data=FOOD_ASSESSMENT | {"other_needs": "dental care"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    shown = cards(html)
    # The same place in two groups shows the same number; new places count on.
    first: dict[str, int] = {}
    for card_id, number in shown:
        rid = card_id.split("r-", 1)[1]
        first.setdefault(rid, number)
        assert number == first[rid]
    assert sorted(set(first.values())) == list(range(1, len(first) + 1))
    assert list(first.values()) == sorted(first.values())
    assert len(shown) > len(first)  # the sample has places meeting several needs
    data = map_data(html)
    expected = [
        (card_id, number)
        for card_id, number in shown
        if number == first[card_id.split("r-", 1)[1]]
        and sample_directory.get(card_id.split("r-", 1)[1]).has_coordinates
    ]
    # One point per place, at its first card (several needs: "ns-", need 1: "n1-"...).
    seen: set[int] = set()
    expected = [(c, n) for c, n in expected if not (n in seen or seen.add(n))]
    assert [(p["target"], p["n"]) for p in data["points"]] == expected
    assert data["points"][0]["target"].startswith("ns-r-")
    placed = {n for _, n in expected}
    missing = [rid for rid, n in first.items() if n not in placed]
    assert all(not sample_directory.get(rid).has_coordinates for rid in missing)
    if missing:
        count = len(missing)
        assert f"{count} result{'s' if count > 1 else ''} serve" in html
    assert data["place"]["label"] == "Redwood City, CA 94063"
    assert "Map of these referrals, numbered as the cards" in html


def test_the_empty_assessment_and_one_with_errors_have_no_map(client: FlaskClient) -> None:
    assert "results-map" not in get(client, "/assess/")
    wrong = client.post("/assess/", data={"age": "x", "living": "none"})
    assert wrong.status_code == 400 and "results-map" not in wrong.get_data(as_text=True)


def test_the_answers_kept_for_back_are_only_in_the_browser(client: FlaskClient) -> None:
    """Back restores the answers from sessionStorage (app.js); the page says so only then."""
    html = client.post("/assess/", data=FOOD_ASSESSMENT).get_data(as_text=True)
    note = re.search(r'<p class="notice" id="answers-restored"[^>]*>', html)
    assert note is not None and " hidden" in note.group(0)
    with client.session_transaction() as session:
        assert "94063" not in json.dumps(dict(session))


def test_tiles_under_the_results_map_only_when_asked(sample_index: Path) -> None:
    config = {"TESTING": True, "INDEX_DIR": str(sample_index), "RESULTS_MAP_TILES": True}
    html = get(create_app(config).test_client(), "/?q=food&near=94063")
    data = map_data(html)
    assert data["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert data["attribution"] == "© OpenStreetMap contributors"
    off = create_app(config | {"MAP_TILES": ""}).test_client()
    assert map_data(get(off, "/?q=food&near=94063"))["tiles"] == ""
