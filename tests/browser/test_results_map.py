"""The map of results in Chromium, and Back keeping the assessment's answers.

The map: numbered markers matching the cards at 1280 and 360 px, each reached with Tab and
followed with Enter, drawn without map tiles (nothing is asked of another site), absent
without JavaScript. Back: an assessment submitted, a resource opened, Back: the answers.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Visit, _serve, _visit
from playwright.sync_api import Browser, Page, expect

SEARCH = "/?q=food&near=94063"
# A 1 x 1 PNG: a tile server that answers, without the internet.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def markers(page: Page) -> list[tuple[str, str]]:
    """Return (number shown, accessible name) of each marker, in order."""
    found: list[list[str]] = page.eval_on_selector_all(
        ".map-marker", "els => els.map(e => [e.textContent, e.getAttribute('aria-label')])"
    )
    return [(text, name) for text, name in found]


def cards(page: Page) -> dict[str, tuple[str, str]]:
    """Return the number and name of each card, by the card's element id."""
    found: list[list[str]] = page.eval_on_selector_all(
        "article.result",
        """els => els.map(e => [e.id, e.querySelector('.result-n').textContent,
                                 e.querySelector('h2 a, h3 a, h4 a').textContent])""",
    )
    return {card_id: (number, name) for card_id, number, name in found}


def assert_markers_match_the_cards(page: Page) -> None:
    box = page.locator("#results-map")
    expect(box).to_be_visible()
    canvas = page.locator("#results-map-canvas").bounding_box()
    assert canvas is not None and canvas["width"] > 250 and canvas["height"] > 150
    shown = cards(page)
    numbers = {number: name for number, name in shown.values()}
    drawn = markers(page)
    assert len(drawn) >= 5
    assert [int(n) for n, _ in drawn] == sorted(int(n) for n, _ in drawn)
    for number, name in drawn:
        assert name == f"{number}. {numbers[number]}"
    targets = page.eval_on_selector_all(".map-marker", "els => els.map(e => e.hash.slice(1))")
    for (number, _), target in zip(drawn, targets, strict=True):
        assert shown[target][0] == number  # the marker leads to the card of its number
    for marker in page.locator(".map-marker").all():
        at = marker.bounding_box()
        assert at is not None
        assert (
            canvas["x"] <= at["x"] and at["x"] + at["width"] <= canvas["x"] + canvas["width"] + 1
        )
        assert (
            canvas["y"] <= at["y"] and at["y"] + at["height"] <= canvas["y"] + canvas["height"] + 1
        )
    expect(page.locator(".map-place")).to_have_count(1)
    expect(box).to_contain_text("The client's place: Redwood City, CA 94063")
    expect(page.locator(".map-scale")).to_contain_text(" mi")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("size", ["visit", "phone"])
def test_the_search_map_numbers_its_markers_as_the_list(
    request: pytest.FixtureRequest, size: str
) -> None:
    visit: Visit = request.getfixturevalue(size)
    page = visit.page
    visit.goto(SEARCH)
    assert_markers_match_the_cards(page)
    assert [n for n, _ in markers(page)] == [str(n) for n in range(1, 11)]
    if size == "phone":  # above the list, and it folds away
        map_box = page.locator("#results-map").bounding_box()
        first = page.locator("article.result").first.bounding_box()
        assert map_box is not None and first is not None and map_box["y"] < first["y"]
        page.locator("#results-map > summary").click()
        expect(page.locator("#results-map-canvas")).to_be_hidden()
        page.locator("#results-map > summary").click()
        expect(page.locator(".map-marker").first).to_be_visible()
    else:  # beside the list
        map_box = page.locator("#results-map").bounding_box()
        first = page.locator("article.result").first.bounding_box()
        assert map_box is not None and first is not None and map_box["x"] > first["x"]
    assert visit.external == [] and visit.errors == []
    assert visit.axe_violations() == []


def test_tab_reaches_a_marker_and_enter_moves_to_its_result(visit: Visit) -> None:
    page = visit.page
    visit.goto(SEARCH)
    expect(page.locator("#results-heading")).to_be_focused()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('map-marker')"):
            break
    else:
        pytest.fail("Tab never reached a marker")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("1. ")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    name = str(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert name.startswith("3. ")
    target = str(page.evaluate("document.activeElement.hash.slice(1)"))
    page.keyboard.press("Enter")
    card = page.locator(f"#{target}")
    expect(card.locator("h3 a")).to_be_focused()
    assert "3. " + card.locator("h3 a").inner_text() == name
    expect(card).to_be_in_viewport()
    assert visit.errors == []


def test_the_assessment_map_and_a_marker_behind_show_more(visit: Visit) -> None:
    page = visit.page
    visit.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    page.locator("input[name=food_worry][value=often]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    assert_markers_match_the_cards(page)
    # A card behind a closed "Show N more": its marker opens it and moves there.
    hidden = page.eval_on_selector_all(
        "details.more-results:not([open]) article.result", "els => els.map(e => e.id)"
    )
    targets = page.eval_on_selector_all(".map-marker", "els => els.map(e => e.hash.slice(1))")
    behind = [t for t in targets if t in hidden]
    assert behind, "the sample has a place shown only behind Show more"
    marker = page.locator(f".map-marker[href='#{behind[0]}']")
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{behind[0]} h4 a")).to_be_focused()
    expect(page.locator(f"#{behind[0]}")).to_be_visible()
    assert visit.external == [] and visit.errors == []
    assert visit.axe_violations() == []


def test_without_javascript_there_is_no_map_box_only_the_list(no_js: Visit) -> None:
    page = no_js.page
    no_js.goto(SEARCH)
    expect(page.locator("#results-map")).to_be_hidden()
    assert page.locator(".map-marker").count() == 0
    main = page.locator("main").inner_text()
    assert "Map of these results" not in main and "internet" not in main
    assert "JavaScript" not in main
    expect(page.locator("article.result .result-n").first).to_have_text("1")
    no_js.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    expect(page.locator("#results-map")).to_be_hidden()
    assert "internet" not in page.locator("main").inner_text()
    assert no_js.external == []


def fill_assessment(page: Page) -> None:
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("Age", exact=True).fill("67")
    page.get_by_label("Gender").select_option("female")
    page.locator("#language-0").select_option("es")
    page.locator("#language-1").select_option("en")
    page.locator("input[name=veteran][value=yes]").check()
    page.get_by_label("No steady place").check()
    page.locator("input[name=food_worry][value=often]").check()
    page.get_by_label("Anything else they need").fill("dental care")
    page.get_by_label("The situation, in the client's words (optional)").fill("Lost my job")


def assert_filled_in(page: Page) -> None:
    assert page.locator("#near").input_value() == "94063"
    assert page.get_by_label("Age", exact=True).input_value() == "67"
    assert page.get_by_label("Gender").input_value() == "female"
    assert page.locator("#language-0").input_value() == "es"
    assert page.locator("#language-1").input_value() == "en"
    assert page.locator("input[name=veteran][value=yes]").is_checked()
    assert page.get_by_label("No steady place").is_checked()
    assert page.locator("input[name=food_worry][value=often]").is_checked()
    assert page.get_by_label("Anything else they need").input_value() == "dental care"
    situation = page.get_by_label("The situation, in the client's words (optional)")
    assert situation.input_value() == "Lost my job"


def test_back_from_a_resource_returns_the_assessment_filled_in(visit: Visit) -> None:
    page = visit.page
    visit.goto("/assess/")
    fill_assessment(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    expect(page.locator("#referrals")).to_be_focused()
    with page.expect_navigation():
        page.locator("article.result h4 a").first.click()
    assert "/resources/" in page.url
    page.go_back()  # not "Confirm Form Resubmission": the page is asked for again (GET)
    expect(page.locator("#answers-restored")).to_be_visible()
    assert_filled_in(page)
    # The answers come back into the form, and it finds the referrals again.
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    expect(page.locator("#referrals")).to_be_visible()
    assert_filled_in(page)
    # A new assessment starts empty: the answers belong to the visit Back returns to.
    with page.expect_navigation():
        page.get_by_role("link", name="Needs assessment").click()
    assert page.locator("#near").input_value() == ""
    expect(page.locator("#answers-restored")).to_be_hidden()
    # Kept in this tab's sessionStorage only, never in a cookie.
    assert "94063" not in str(page.context.cookies())
    assert "94063" in str(page.evaluate("JSON.stringify(sessionStorage)"))
    assert visit.errors == []


def test_back_after_adding_to_the_list_returns_the_answers_typed(visit: Visit) -> None:
    page = visit.page
    visit.goto("/assess/")
    fill_assessment(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    page.locator("button.list-toggle").first.click()  # in the background: no page change
    expect(page.locator("#list-status")).to_contain_text("to the referral list")
    page.go_back()
    assert page.url.endswith("/assess/")
    assert_filled_in(page)
    expect(page.locator("#answers-restored")).to_be_visible()
    assert visit.axe_violations() == []


@pytest.fixture(scope="module")
def tiles_server(sample_index: Path) -> Iterator[str]:
    """Serve the sample directory with map tiles asked for under the results' map."""
    yield from _serve(
        {"INDEX_DIR": str(sample_index), "SECRET_KEY": "browser-tests", "RESULTS_MAP_TILES": True}
    )


@pytest.fixture()
def tiles_visit(browser: Browser, tiles_server: str) -> Iterator[Visit]:
    yield from _visit(browser, tiles_server, viewport={"width": 1280, "height": 900})


def test_tiles_under_the_map_when_asked_and_the_map_whole_when_they_fail(
    tiles_visit: Visit,
) -> None:
    page = tiles_visit.page
    tiles_visit.goto(SEARCH)  # tiles refused, as offline: the plain map, no tiles
    assert_markers_match_the_cards(page)
    expect(page.locator(".map-tiles img")).to_have_count(0)
    expect(page.locator(".map-credit")).to_be_hidden()
    assert tiles_visit.external  # it did ask, as the option says
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in tiles_visit.external)

    def answer(route: Any) -> None:
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route("https://tile.openstreetmap.org/**", answer)
    tiles_visit.goto(SEARCH)
    expect(page.locator(".map-tiles img").first).to_be_attached()
    page.wait_for_function(
        "[...document.querySelectorAll('.map-tiles img')].every(i => i.complete)"
    )
    assert page.locator(".map-tiles img").count() > 0
    expect(page.locator(".map-credit")).to_have_text("© OpenStreetMap contributors")
    assert_markers_match_the_cards(page)
    assert tiles_visit.axe_violations() == []
