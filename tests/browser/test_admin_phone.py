"""The admin pages on a 360 px phone: nothing wider than the screen, discard asked first."""

from __future__ import annotations

from pathlib import Path

from conftest import _visit, sign_in
from playwright.sync_api import Browser

BROKEN = Path(__file__).resolve().parents[1] / "data" / "flat" / "broken.csv"


def test_the_review_fits_a_phone_and_discard_is_asked_first(
    browser: Browser, admin_server: str
) -> None:
    for visit in _visit(
        browser, admin_server, viewport={"width": 360, "height": 740}, is_mobile=True
    ):
        page = visit.page
        sign_in(visit)
        page.get_by_label("File (.csv, .zip or .json)").set_input_files(str(BROKEN))
        with page.expect_navigation():
            page.get_by_role("button", name="Upload and check").click()
        page.wait_for_selector("table.problems")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the review page is {width} px wide on a 360 px screen"
        assert "Bad Latitude" in page.locator("#rejected").inner_text()
        assert visit.axe_violations() == []
        with page.expect_navigation():
            page.get_by_role("button", name="Discard this upload").click()
        assert "This cannot be undone" in page.content()
        with page.expect_navigation():
            page.get_by_role("link", name="No, keep it and go back to the review").click()
        assert "Review: broken.csv" in page.content()
        for path in ("/admin/", "/admin/quality/"):
            visit.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} is {width} px wide on a 360 px screen"
            assert visit.axe_violations() == []
        assert visit.errors == []
