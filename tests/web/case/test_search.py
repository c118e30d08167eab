"""The search page: needs as checkboxes, filters, results with reasons, facets, pages, hints."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app
from webapp.case.search import PAGE_SIZE


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def test_landing_page_offers_every_top_level_need_and_the_filters(client: FlaskClient) -> None:
    html = page(client, "/")
    assert "352 resources in the directory" in html
    assert html.count('type="checkbox" name="category"') == 11
    for name in ("Emergency", "Food", "Housing", "Transit", "Legal"):
        assert f"> {name}</label>" in html
    assert '<option value="es">Spanish</option>' in html
    assert 'name="free"' in html and 'name="open_now"' in html and 'id="age"' in html


def test_results_show_what_a_case_manager_needs(client: FlaskClient) -> None:
    html = page(client, "/?q=food&near=94063&radius=5&language=es&age=30")
    assert "results near Redwood City, CA 94063" in html
    assert "Food Pantry" in html and "Second Loaf Food Network" in html
    assert " mi" in html and "English, Spanish" in html  # distance; language names
    assert "<dt>Cost</dt><dd>Free" in html
    assert '<span class="badge passed">Eligible</span> No age limit.' in html
    assert "Last verified 20" in html
    assert 'aria-label="Why this result"' in html and "miles from Redwood City" in html
    assert "Closed now" in html or "Open now" in html
    assert 'href="/resources/smc-' in html


def test_facets_link_to_one_need_and_keep_the_rest(client: FlaskClient) -> None:
    html = page(client, "/?q=food&near=94063&radius=5")
    assert 'Money <span class="n">11</span>' in html
    link = html.split("Money <span")[0].rsplit('href="', 1)[1].split('"')[0]
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query == {"q": ["food"], "near": ["94063"], "radius": ["5"], "category": ["107"]}


def test_several_needs_are_any_of_them_and_survive_paging(client: FlaskClient) -> None:
    one = page(client, "/?category=102")
    both = page(client, "/?category=102&category=103")
    count = lambda html: int(html.split('id="results-heading">')[1].split(" ")[0])  # noqa: E731
    assert count(both) > count(one)
    assert both.count("checked") == 2
    assert "Next page" in both and 'start="1"' in both
    second = page(client, "/?category=102&category=103&page=2")
    assert f'start="{PAGE_SIZE + 1}"' in second and "Previous page" in second
    assert 'href="/?category=102&amp;category=103&amp;page=3" rel="next"' in second


def test_a_misspelling_is_searched_as_its_correction_with_a_way_back(
    client: FlaskClient,
) -> None:
    html = page(client, "/?q=fod+pantri")
    assert "Showing results for <strong>food pantri</strong>" in html
    assert "as_typed=1" in html
    typed = page(client, "/?q=fod+pantri&as_typed=1")
    assert "Did you mean" in typed and "q=food" in typed


def test_empty_result_says_what_to_change(client: FlaskClient) -> None:
    url = "/?q=food&near=94063&radius=1&language=ar&age=3&free=1&open_now=1"
    html = page(client, url)
    assert "Nothing matched." in html
    for hint in (
        "Include services that are closed now",
        "Include services that charge a fee",
        "Include services that do not list Arabic",
        "Leave out the client&#39;s age",
        "Look within 25 miles",
    ):
        assert hint in html
    # Each hint drops its own filter and keeps the others.
    link = html.split("Look within 25 miles")[0].rsplit('href="', 1)[1].split('"')[0]
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["radius"] == ["25"] and query["language"] == ["ar"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("q=food&near=94063&radius=far", "radius", "The radius must be a number"),
        ("q=food&age=old", "age", "The age must be a whole number"),
        ("q=food&near=Nowhere%2C+ZZ", "near", "is not a place we know"),
        ("q=food&language=xx", "language", "is not a language we know"),
        ("q=food&category=Spaceships", "needs", "is not a category"),
        ("q=food&near=94063&radius=900", "radius", "between 0 and 500 miles"),
    ],
)
def test_bad_input_is_shown_next_to_its_field(
    client: FlaskClient, query: str, field: str, message: str
) -> None:
    html = page(client, "/?" + query, 400)
    assert 'class="error-summary" role="alert"' in html
    assert f'<a href="#{field}">' in html and message in html
    assert f'<p class="field-error" id="{field}-error">' in html
    assert 'value="food"' in html  # what was typed is kept


def test_inactive_resources_never_show(client: FlaskClient) -> None:
    html = page(client, "/?q=tenant+helpline")
    assert "smc-0084" not in html  # defunct


def count_pages(html: str) -> int:
    return int(html.split('<span class="page-of">(page ')[1].split(" of ")[1].split(")")[0])


@pytest.mark.parametrize("past", [1, 3, 10**20])
def test_a_page_past_the_last_goes_to_the_last(client: FlaskClient, past: int) -> None:
    last = count_pages(page(client, "/?q=shelter&near=94063"))
    assert last == 2
    response = client.get(f"/?q=shelter&near=94063&page={last + past}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/?q=shelter&near=94063&page={last}"
    html = page(client, response.headers["Location"])
    assert f"(page {last} of {last})" in html and "Nothing matched." not in html
    assert "Next page" not in html and "Previous page" in html


def test_a_page_past_the_only_page_goes_to_the_first(client: FlaskClient) -> None:
    response = client.get("/?q=zebra+ballet&page=4")
    assert response.status_code == 302 and response.headers["Location"] == "/?q=zebra+ballet"
    assert "page 4" not in page(client, response.headers["Location"])


@pytest.mark.parametrize("number", ["0", "-1", "abc", "2.5", ""])
def test_a_page_number_that_is_not_one_goes_to_the_first_page(
    client: FlaskClient, number: str
) -> None:
    response = client.get(f"/?q=food&near=94063&page={number}")
    if number == "":
        assert response.status_code == 200  # blank is the first page
        return
    assert response.status_code == 302
    assert response.headers["Location"] == "/?q=food&near=94063"


def test_place_and_radius_say_their_examples_in_words_not_as_placeholders(
    client: FlaskClient,
) -> None:
    html = page(client, "/")
    assert 'placeholder="94063"' not in html and 'placeholder="10"' not in html
    near = html.split('<label for="near">')[1].split("</label>")[0]
    radius = html.split('<label for="radius">')[1].split("</label>")[0]
    assert "e.g. 94063 or Redwood City, CA" in near
    assert "Within (miles)" in radius and "10 if blank" in radius


def test_an_error_sits_between_the_label_and_the_box(client: FlaskClient) -> None:
    # Boxes side by side are aligned at the bottom: an error under one would lift it.
    html = page(client, "/?q=food&near=94063&radius=far", 400)
    field = html.split('<label for="radius">')[1].split("</div>")[0]
    assert field.index('id="radius-error"') < field.index('<input id="radius"')


def test_the_results_heading_takes_the_focus_only_after_a_search(client: FlaskClient) -> None:
    html = page(client, "/?q=food&near=94063")
    assert '<h2 tabindex="-1" data-focus-on-load id="results-heading">' in html
    assert "data-focus-on-load" not in page(client, "/")


def test_unknown_hours_say_call_first(client: FlaskClient) -> None:
    html = page(client, "/?q=preschool")
    card = html.split('id="r-smc-0120"')[1].split("</article>")[0]
    assert '<dt>Hours</dt><dd><span class="no-hours">Hours not listed: call first</span>' in card
