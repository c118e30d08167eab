"""The pages' quality in Chromium: keyboard only, 360 px, JavaScript off, axe-core clean."""

from __future__ import annotations

import pytest
from conftest import Visit
from playwright.sync_api import expect

PAGES = [
    "/",
    "/?q=food&near=94063&radius=5&age=30&language=es",
    "/?q=food&near=94063&radius=1&language=ar&free=1&open_now=1",
    "/assess/",
    "/resources/smc-0152",
    "/resources/smc-0103",
    "/list/",
    "/list/print",
    "/nowhere",
]


def focused(visit: Visit) -> str:
    return str(
        visit.page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.id || e.name || '') + '|' + (e.innerText || e.value || '').trim() }"
        )
    )


def tab_to(visit: Visit, wanted: str, limit: int = 60) -> None:
    for _ in range(limit):
        visit.page.keyboard.press("Tab")
        if wanted in focused(visit):
            return
    raise AssertionError(f"Tab never reached {wanted!r}; focus is on {focused(visit)!r}")


def test_keyboard_only(visit: Visit) -> None:
    page = visit.page
    visit.goto("/")
    page.keyboard.press("Tab")
    assert "Skip to content" in focused(visit)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    tab_to(visit, "q|")
    page.keyboard.type("food")
    tab_to(visit, "near|")
    page.keyboard.type("94063")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_contain_text("near Redwood City")
    tab_to(visit, "|Add to list")
    page.keyboard.press("Enter")
    expect(page.locator("[data-list-count]")).to_have_text("1")
    assert "|Remove from list" in focused(visit)  # focus stays where it was
    # The assessment, by keyboard: a radio group answers with the arrow keys.
    visit.goto("/assess/")
    tab_to(visit, "near|")
    page.keyboard.type("94063")
    tab_to(visit, "living|")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=living][value=none]").is_checked()
    tab_to(visit, "|Find referrals")
    page.keyboard.press("Enter")
    expect(page.locator("#referrals")).to_contain_text("Referrals near")
    assert visit.errors == []


@pytest.mark.parametrize("path", ["/", "/?q=food&near=94063", "/assess/", "/resources/smc-0152"])
def test_narrow_screen(phone: Visit, path: str) -> None:
    phone.goto(path)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"
    # Every button and text box is big enough to tap.
    small = phone.page.evaluate(
        """() => [...document.querySelectorAll('main button, main input:not([type=checkbox])'
                   + ':not([type=radio]):not([type=hidden]), main select')]
              .filter(e => e.offsetParent && e.getBoundingClientRect().height < 40)
              .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == []


def test_narrow_screen_assessment_and_list(phone: Visit) -> None:
    page = phone.page
    phone.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.locator("input[name=food_worry][value=often]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    page.locator("button.list-toggle").first.click()
    expect(page.locator("[data-list-count]")).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for path in ("/list/", "/list/print"):
        phone.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_everything_works_without_javascript(no_js: Visit) -> None:
    page = no_js.page
    no_js.goto("/?q=food&near=94063")
    card = page.locator("article.result").nth(2)
    with page.expect_navigation():
        card.get_by_role("button", name="Add to list").click()
    # Back on the same results, at the same card, with the list counted.
    assert page.url.endswith("#" + str(card.get_attribute("id")))
    assert page.locator("[data-list-count]").inner_text() == "1"
    assert "Remove from list" in card.locator("button").inner_text()

    no_js.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    assert "Referrals near" in page.locator("#referrals").inner_text()
    first = page.locator(".need-group article.result").first
    with page.expect_navigation():
        first.get_by_role("button", name="Add to list").click()
    assert page.locator("[data-list-count]").inner_text() == "2"
    assert "Referrals near" in page.locator("#referrals").inner_text()  # answers kept
    assert page.get_by_label("ZIP code or City, ST").input_value() == "94063"

    no_js.goto("/list/print")
    assert page.locator("button[data-print]").is_hidden()
    assert page.locator(".printout > li").count() == 2
    no_js.goto("/list/")
    with page.expect_navigation():
        page.get_by_role("button", name="Clear the list").click()
    assert "The list is empty." in page.locator("main").inner_text()
    assert no_js.external == []


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_serious(visit: Visit, path: str) -> None:
    if path.startswith("/list"):
        visit.page.request.post(visit.base + "/list/add", form={"id": "smc-0152"})
    visit.goto(path)
    violations = visit.axe_violations()
    assert violations == [], violations
    assert [u for u in visit.external if "tile.openstreetmap.org" not in u] == []


def test_axe_on_assessment_results(visit: Visit) -> None:
    visit.goto("/assess/")
    page = visit.page
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("No steady place").check()
    page.locator("input[name=safety][value=frequently]").check()
    with page.expect_navigation():  # axe must run on the results, not the form being left
        page.get_by_role("button", name="Find referrals").click()
    assert visit.axe_violations() == []
    page.get_by_label("Age", exact=True).fill("old")
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    assert "The age must be a whole number" in page.locator(".error-summary").inner_text()
    assert visit.axe_violations() == []
