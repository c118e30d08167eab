"""The case manager's pages, second round: alignment, focus, clearing, map, hours, show more."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from playwright.sync_api import Page, expect

# A 1 x 1 PNG: a tile server that answers, without the internet.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def tops(page: Page, *ids: str) -> dict[str, float]:
    return {i: page.locator(f"#{i}").bounding_box()["y"] for i in ids}  # type: ignore[index]


def active_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id"))


def post(visit: Any, path: str, **form: str) -> None:
    """Post as a page's form does, with the session's CSRF token (from a resource page)."""
    visit.goto("/resources/smc-0152")
    token = visit.page.locator("input[name=csrf_token]").first.input_value()
    response = visit.page.request.post(visit.base + path, form={**form, "csrf_token": token})
    assert response.ok, response.status


def add(visit: Any, *ids: str) -> None:
    for rid in ids:
        post(visit, "/list/add", id=rid)


def test_boxes_side_by_side_stay_in_line_when_one_shows_an_error(visit: Any) -> None:
    page = visit.page
    visit.goto("/?q=food&near=94063&radius=far")
    expect(page.locator("#radius-error")).to_be_visible()
    assert page.locator("#near").bounding_box() is not None
    found = tops(page, "near", "radius")
    assert found["near"] == found["radius"], found
    visit.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("Within (miles)").fill("far")
    page.get_by_label("People in household").fill("zero")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    expect(page.locator("#household-error")).to_be_visible()
    for line in (("near", "radius", "age", "gender"), ("household", "children", "income")):
        found = tops(page, *line)
        assert len(set(found.values())) == 1, found
    assert visit.axe_violations() == []


def test_focus_lands_on_the_results_after_a_search_not_on_the_empty_form(visit: Any) -> None:
    page = visit.page
    visit.goto("/")
    assert active_id(page) == ""  # the empty form keeps the page's start
    page.get_by_label("What does your client need?").fill("food")
    with page.expect_navigation():
        page.get_by_label("Near (ZIP or City, ST)").press("Enter")
    expect(page.locator("#results-heading")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is in the results, not the form
    assert page.evaluate("document.activeElement.closest('.results-section') !== null")
    with page.expect_navigation():
        page.get_by_role("link", name="Next page").click()
    expect(page.locator("#results-heading")).to_be_focused()
    assert visit.axe_violations() == []
    # An address that names a card keeps it: the focus is not taken to the heading.
    visit.goto("/?q=food&near=94063#r-smc-0152")
    assert active_id(page) != "results-heading"
    assert visit.errors == []


def test_focus_lands_on_the_referrals_after_an_assessment(visit: Any) -> None:
    page = visit.page
    visit.goto("/assess/")
    assert active_id(page) == ""
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    expect(page.locator("#referrals")).to_be_focused()
    assert visit.axe_violations() == []
    assert visit.errors == []


def test_clearing_the_list_looks_destructive_asks_first_and_can_be_undone(visit: Any) -> None:
    page = visit.page
    add(visit, "smc-0152", "smc-0001")
    visit.goto("/list/")
    clear = page.get_by_role("button", name="Clear the list")
    red = clear.evaluate("e => getComputedStyle(e).color")
    usual = page.get_by_role("link", name="Download as CSV").evaluate(
        "e => getComputedStyle(e).color"
    )
    assert red == "rgb(138, 28, 20)" and red != usual
    asked: list[str] = []

    def say_no(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", say_no)
    clear.click()
    assert asked == ["Clear all 2 referrals from the list?"]
    expect(page.locator(".referral-list > li")).to_have_count(2)
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        clear.click()
    expect(page.locator("main")).to_contain_text("The list is empty.")
    expect(page.locator(".notice.undo")).to_contain_text("The list was cleared (2 referrals).")
    assert page.locator("[data-list-count]").inner_text() == "0"
    assert visit.axe_violations() == []
    with page.expect_navigation():
        page.get_by_role("button", name="Undo").click()
    expect(page.locator(".referral-list > li")).to_have_count(2)
    assert page.locator("[data-list-count]").inner_text() == "2"
    assert page.locator(".notice.undo").count() == 0
    assert visit.errors == []


def test_clear_and_undo_work_without_javascript(no_js: Any) -> None:
    page = no_js.page
    add(no_js, "smc-0152")
    no_js.goto("/list/")
    with page.expect_navigation():
        page.get_by_role("button", name="Clear the list").click()
    assert "The list was cleared (1 referral)." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Undo").click()
    assert page.locator(".referral-list h2").all_inner_texts() == ["Community Kitchen"]


def test_without_javascript_the_map_says_it_needs_javascript(no_js: Any) -> None:
    page = no_js.page
    no_js.goto("/resources/smc-0152")
    text = page.locator("main").inner_text()
    assert "The map needs JavaScript" in text and "internet" not in text
    assert page.locator("#map").is_hidden()
    assert page.get_by_role("link", name="Directions").count() == 1


def test_with_tiles_the_map_says_nothing_of_the_internet(visit: Any) -> None:
    page = visit.page
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )
    visit.goto("/resources/smc-0152")
    page.wait_for_selector("#map .leaflet-tile-loaded")
    expect(page.locator("#map")).to_be_visible()
    note = page.locator("#map-note").inner_text()
    text = page.locator("main").inner_text()
    assert "internet" not in note and "offline" not in note and "JavaScript" not in text
    assert visit.axe_violations() == []
    assert visit.errors == []


def test_each_need_shows_three_and_the_rest_behind_show_more(visit: Any) -> None:
    page = visit.page
    visit.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    page.locator("input[name=food_worry][value=often]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    housing = page.locator("section.need-group", has=page.locator("h3", has_text="Housing"))
    cards = housing.locator("article.result")
    expect(cards).to_have_count(5)
    assert [c.is_visible() for c in cards.all()] == [True, True, True, False, False]
    more = housing.get_by_text("Show 2 more")
    more.focus()
    page.keyboard.press("Enter")  # a native <details>: the keyboard opens it
    assert all(c.is_visible() for c in cards.all())
    assert visit.axe_violations() == []
    assert visit.errors == []


def test_show_more_without_javascript_comes_back_open_after_adding(no_js: Any) -> None:
    page = no_js.page
    no_js.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    housing = page.locator("section.need-group", has=page.locator("h3", has_text="Housing"))
    housing.get_by_text("Show 2 more").click()
    hidden_card = housing.locator("details article.result").first
    with page.expect_navigation():
        hidden_card.get_by_role("button", name="Add to list").click()
    assert page.locator("[data-list-count]").inner_text() == "1"
    assert hidden_card.is_visible()
    assert "Remove from list" in hidden_card.locator("button").inner_text()


@pytest.mark.parametrize("path", ["/list/", "/list/print", "/resources/smc-0119"])
def test_unknown_hours_say_call_first(visit: Any, path: str) -> None:
    add(visit, "smc-0119")
    visit.goto(path)
    expect(visit.page.locator("main")).to_contain_text("Hours not listed: call first")
    assert visit.axe_violations() == []


def test_narrow_screen_with_the_undo_notice_and_show_more(phone: Any) -> None:
    page = phone.page
    add(phone, "smc-0152")
    post(phone, "/list/clear")
    phone.goto("/list/")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    page.locator("details.more-results > summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    summary = page.locator("details.more-results > summary").first.bounding_box()
    assert summary is not None and summary["height"] >= 40  # big enough to tap
