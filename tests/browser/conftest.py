"""Browser fixtures: the real app under waitress on loopback, and Debian's Chromium.

Every test is marked ``browser`` and skipped, saying why, when /usr/bin/chromium or the
playwright package is missing. Requests that leave the loopback server are aborted and
recorded, so a test can assert that a page asks nothing of other sites.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "webapp" / "static" / "vendor" / "axe.min.js"

try:
    from playwright.sync_api import Browser, Page, Playwright, sync_playwright
except ImportError:  # the test extra installs it
    sync_playwright = None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests as browser tests, and skip them when nothing can run them."""
    here = Path(__file__).parent
    reason = None
    if sync_playwright is None:
        reason = "the playwright package is not installed (pip install -e '.[test]')"
    elif not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _serve(config: dict[str, Any]) -> Iterator[str]:
    """Serve an app (not in testing mode) with waitress on a free loopback port."""
    from waitress import create_server

    server = create_server(create_app(config), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(sample_index: Path) -> Iterator[str]:
    """Serve the sample directory to the case manager's pages."""
    yield from _serve({"INDEX_DIR": str(sample_index), "SECRET_KEY": "browser-tests"})


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Visit:
    """A fresh browser context on the live server, with what it tried to fetch elsewhere."""

    page: Page
    base: str
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Any:
        """Open a page of the app."""
        return self.page.goto(self.base + path)

    def axe_violations(self, impacts: tuple[str, ...] = ("serious", "critical")) -> list[Any]:
        """Run the vendored axe-core in the page; return violations of these impacts."""
        self.page.add_script_tag(url="/static/vendor/axe.min.js")
        found: list[dict[str, Any]] = self.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"""
        )
        return [v for v in found if v["impact"] in impacts]


def _visit(browser: Browser, live_server: str, **options: Any) -> Iterator[Visit]:
    context = browser.new_context(base_url=live_server, **options)
    page = context.new_page()
    visit = Visit(page, live_server)
    host = urlsplit(live_server).netloc

    def route(r: Any) -> None:
        if urlsplit(r.request.url).netloc == host or r.request.url.startswith("data:"):
            r.continue_()
        else:
            visit.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
    page.on(
        "console",
        lambda m: (
            visit.errors.append(m.text)
            if m.type == "error" and "net::ERR_FAILED" not in m.text
            else None
        ),
    )
    page.set_default_timeout(10_000)
    yield visit
    context.close()


@pytest.fixture()
def visit(browser: Browser, live_server: str) -> Iterator[Visit]:
    """Return a desktop-sized visit (1280 x 900) with JavaScript on."""
    yield from _visit(browser, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture()
def phone(browser: Browser, live_server: str) -> Iterator[Visit]:
    """Return a 360 px wide visit, as on a small phone."""
    yield from _visit(browser, live_server, viewport={"width": 360, "height": 740}, is_mobile=True)


@pytest.fixture()
def no_js(browser: Browser, live_server: str) -> Iterator[Visit]:
    """Return a visit with JavaScript turned off."""
    yield from _visit(
        browser, live_server, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )


ADMIN_PASSWORD = "browser-pw"


@pytest.fixture(scope="module")
def admin_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Serve a fresh directory (tests/data/flat/good.csv) with an admin account, per module.

    Checks and imports finish before the page answers, unless the module sets
    ``ADMIN_WAIT_SECONDS`` lower (0: the progress page shows at once).
    """
    from werkzeug.security import generate_password_hash

    from referral_match import import_directory

    root = tmp_path_factory.mktemp("admin")
    import_directory(
        Path(__file__).resolve().parents[1] / "data" / "flat" / "good.csv", root / "index"
    )
    yield from _serve(
        {
            "INDEX_DIR": str(root / "index"),
            "UPLOAD_DIR": str(root / "uploads"),
            "LOGIN_THROTTLE_FILE": str(root / "login-failures.sqlite3"),
            "SECRET_KEY": "browser-admin-tests",
            "MAP_TILES": "",
            "ADMIN_USERNAME": "admin",
            "ADMIN_WAIT_SECONDS": getattr(request.module, "ADMIN_WAIT_SECONDS", 120),
            "ADMIN_PASSWORD_HASH": generate_password_hash(ADMIN_PASSWORD, "pbkdf2:sha256:1000"),
        }
    )


@pytest.fixture()
def admin_visit(browser: Browser, admin_server: str) -> Iterator[Visit]:
    """Return a desktop-sized visit to the admin server, not yet signed in."""
    yield from _visit(browser, admin_server, viewport={"width": 1280, "height": 900})


def sign_in(visit: Visit) -> None:
    """Sign the admin in through the form, as a person would."""
    page = visit.page
    visit.goto("/admin/")
    assert "/admin/login" in page.url
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/admin/")
