"""The site reached by a name other than localhost over plain HTTP, as on an office network.

Chromium trusts http://127.0.0.1 as if it were HTTPS (a Secure cookie still comes back), so
the browser here reaches the server as http://frontdesk.test, mapped to loopback: there a
Secure cookie is never sent back, as on a real office network, and every form would fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

CHROMIUM = "/usr/bin/chromium"
NAME = "frontdesk.test"


@pytest.fixture(scope="module")
def office_browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--host-resolver-rules=MAP {NAME} 127.0.0.1",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture()
def office_page(office_browser: Browser, live_server: str) -> Iterator[tuple[Page, str]]:
    base = f"http://{NAME}:{urlsplit(live_server).port}"
    context = office_browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page, base
    context.close()


def test_an_assessment_and_the_list_work_over_plain_http_by_name(
    office_page: tuple[Page, str],
) -> None:
    page, base = office_page
    page.goto(base + "/assess/")
    page.get_by_label("ZIP code or City, ST").fill("94063")
    page.get_by_label("Age", exact=True).fill("67")
    page.locator("input[name=food_worry][value=often]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find referrals").click()
    assert "Please send the form again" not in page.content()
    food = page.locator(".need-group", has=page.locator("h3", has_text="Food"))
    food.locator("button.list-toggle").first.click()
    expect(page.locator("[data-list-count]")).to_have_text("1")
    page.goto(base + "/list/")
    assert page.locator(".referral, article, li").count() >= 1
    expect(page.locator("[data-list-count]")).to_have_text("1")
    cookies = page.context.cookies()
    assert cookies and not any(c["secure"] for c in cookies)
