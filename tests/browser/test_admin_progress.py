"""A check and an import followed on the progress page, in Chromium, with and without JS."""

from __future__ import annotations

from pathlib import Path

from conftest import Visit, _visit, sign_in
from playwright.sync_api import Browser

ADMIN_WAIT_SECONDS = 0  # the pages answer at once: the progress page shows
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "resources.csv"


def test_the_progress_page_follows_the_check_and_the_import(admin_visit: Visit) -> None:
    visit, page = admin_visit, admin_visit.page
    sign_in(visit)
    page.get_by_label("File (.csv, .zip or .json)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Upload and check").click()
    # The progress page, then (by itself) the report.
    page.wait_for_selector("dd[data-count=imported]", timeout=60_000)
    assert page.locator("dd[data-count=imported]").inner_text() == "352"
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("text=The directory now serves these resources", timeout=60_000)
    assert "/admin/history/" in page.url
    assert visit.errors == []


def test_without_javascript_refresh_shows_how_far_it_has_got(
    browser: Browser, admin_server: str
) -> None:
    for visit in _visit(browser, admin_server, java_script_enabled=False):
        sign_in(visit)
        page = visit.page
        page.get_by_label("File (.csv, .zip or .json)").set_input_files(str(SAMPLE))
        with page.expect_navigation():
            page.get_by_role("button", name="Upload and check").click()
        refreshed = 0
        while page.locator("progress").count() and refreshed < 600:
            with page.expect_navigation():
                page.get_by_role("link", name="Refresh").click()
            refreshed += 1
        assert page.locator("dd[data-count=imported]").inner_text() == "352"
