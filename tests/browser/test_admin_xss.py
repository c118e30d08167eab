"""Hostile CSV values go through the admin upload and come out as text, in Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Visit, _visit
from playwright.sync_api import Browser
from werkzeug.security import generate_password_hash

from referral_match import import_directory
from webapp import create_app

DATA = Path(__file__).resolve().parents[1] / "data"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = (
    "id,name,organization,description,categories,postal_code,latitude,phones\n"
    f'x-1,Pantry {SCRIPT},"Org {IMG}","Free food {IMG} {SCRIPT}",102-04,94063,,(650) 555-0177\n'
    f'x-2,Second,Org,desc,102-04,94063,"{IMG}",(650) 555-0178\n'
)


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a fresh directory with an admin account, not in testing mode."""
    from waitress import create_server

    root = tmp_path_factory.mktemp("admin-xss")
    import_directory(DATA / "flat" / "good.csv", root / "index")
    app = create_app(
        {
            "INDEX_DIR": str(root / "index"),
            "UPLOAD_DIR": str(root / "uploads"),
            "LOGIN_THROTTLE_FILE": str(root / "login-failures.sqlite3"),
            "SECRET_KEY": "browser-admin-tests",
            "MAP_TILES": "",
            "ADMIN_USERNAME": "admin",
            "ADMIN_PASSWORD_HASH": generate_password_hash("browser-pw", "pbkdf2:sha256:1000"),
        }
    )
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture()
def admin_visit(browser: Browser, admin_server: str, tmp_path: Path) -> Iterator[Visit]:
    yield from _visit(browser, admin_server, viewport={"width": 1280, "height": 900})


def _no_markup_ran(visit: Visit) -> None:
    main = visit.page.locator("main")
    assert main.locator("script").count() == 0
    assert main.locator("img[src=x]").count() == 0


def test_hostile_values_render_as_text_and_no_dialog_fires(
    admin_visit: Visit, tmp_path: Path
) -> None:
    visit, page = admin_visit, admin_visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    visit.goto("/admin/")
    assert "/admin/login" in page.url
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("browser-pw")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/admin/")

    upload = tmp_path / "hostile.csv"
    upload.write_text(HOSTILE, "utf-8")
    page.get_by_label("File (.csv or .zip)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    assert "/admin/uploads/" in page.url
    assert IMG in page.locator("#rejected").inner_text()
    _no_markup_ran(visit)

    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert "The directory now serves these resources" in page.inner_text("main")

    visit.goto("/?q=pantry")
    result = page.locator("article.result", has_text="Pantry").first
    assert SCRIPT in result.inner_text() and IMG in result.inner_text()
    _no_markup_ran(visit)

    visit.goto("/resources/x-1")
    text = page.inner_text("main")
    assert f"Pantry {SCRIPT}" in text and f"Org {IMG}" in text
    _no_markup_ran(visit)

    visit.goto("/admin/quality/")
    assert SCRIPT in page.inner_text("main")
    _no_markup_ran(visit)

    page.wait_for_timeout(300)
    assert dialogs == []
    assert visit.external == []
