"""What a case manager does, in Chromium: search, filter, assess, list, print, export."""

from __future__ import annotations

import csv
import io
import re

from conftest import Visit
from playwright.sync_api import expect


def test_search_then_filter(visit: Visit) -> None:
    page = visit.page
    visit.goto("/")
    page.get_by_label("What does your client need?").fill("food")
    page.get_by_label("Near (ZIP or City, ST)").fill("94063")
    page.get_by_label("Within (miles)").press("Enter")
    heading = page.locator("#results-heading")
    assert "near Redwood City, CA 94063" in heading.inner_text()
    everything = int(heading.inner_text().split()[0])
    page.get_by_text("Needs and filters").click()
    page.get_by_label("Money", exact=True).check()
    page.get_by_label("Language spoken").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert "category=107" in page.url and "language=es" in page.url
    assert int(heading.inner_text().split()[0]) < everything
    first = page.locator("article.result").first
    assert "Spanish" in first.inner_text() and "mi" in first.inner_text()
    assert first.locator(".reasons li").count() > 0
    assert page.locator(".badge.passed, .badge.unknown").count() >= 0
    assert visit.external == [] and visit.errors == []


def test_assessment_groups_referrals_by_need_and_adds_in_place(visit: Visit) -> None:
    page = visit.page
    visit.goto("/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("Age", exact=True).fill("67")
    page.get_by_label("Preferred language").select_option("es")
    page.get_by_label("No steady place").check()
    page.locator("input[name=food_worry][value=often]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    assert page.url.endswith("/assess/#referrals")
    groups = page.locator(".need-group h3")
    assert groups.all_inner_texts()[:1] == ["One stop for several needs"]
    assert {"Housing", "Food"} <= set(groups.all_inner_texts())
    housing = page.locator(".need-group", has=page.locator("h3", has_text="Housing"))
    assert 'Meets "Housing"' in housing.locator(".reasons").first.inner_text()
    url = page.url
    button = housing.locator("button.list-toggle").first
    button.click()
    expect(page.locator("[data-list-count]")).to_have_text("1")
    assert page.url == url  # no reload: the answers are still on the page
    assert "Remove from list" in button.inner_text()
    expect(page.locator("#list-status")).to_contain_text("to the referral list")
    assert page.get_by_label("Age", exact=True).input_value() == "67"
    assert visit.external == [] and visit.errors == []


def test_list_print_view_and_export(visit: Visit) -> None:
    page = visit.page
    visit.goto("/?q=food+pantry&near=94063")
    page.locator("button.list-toggle").nth(0).click()
    page.locator("button.list-toggle").nth(1).click()
    expect(page.locator("[data-list-count]")).to_have_text("2")
    names = page.locator("article.result h3").all_inner_texts()[:2]
    with page.expect_navigation():
        page.get_by_role("link", name="Referral list").click()
    assert page.locator(".referral-list h2").all_inner_texts() == names

    with page.expect_navigation():
        page.get_by_role("link", name="Print for the client").click()
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # JavaScript shows it
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden()
    assert page.locator(".print-tools").is_hidden()
    printed = page.locator(".printout").inner_text()
    for label in ("Address", "Phone", "Hours", "What to bring", "How to apply"):
        assert label in printed
    assert page.locator(".printout > li").count() == 2
    page.emulate_media(media="screen")

    visit.goto("/list/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    text = download.value.path().read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == names
    assert all(not r["phones"].startswith(("=", "+", "-", "@")) for r in rows)
    assert visit.external == [] and visit.errors == []


def test_resource_page_map_is_local_and_the_page_whole_without_tiles(visit: Visit) -> None:
    page = visit.page
    visit.goto("/resources/smc-0152")
    page.wait_for_selector("#map .leaflet-marker-icon")
    # Only tiles were asked of another site, and the test aborted them (as if offline).
    assert visit.external and all(
        u.startswith("https://tile.openstreetmap.org/") for u in visit.external
    )
    expect(page.locator("#map")).to_have_class(re.compile("offline"))
    assert "cannot load while offline" in page.locator("#map-note").inner_text()
    assert "1421 Bayfront Pkwy" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Directions").count() == 1
    assert visit.errors == []
