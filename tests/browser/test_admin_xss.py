"""Hostile CSV values go through the admin upload and come out as text, in Chromium."""

from __future__ import annotations

from pathlib import Path

from conftest import Visit, sign_in

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = (
    "id,name,organization,description,categories,postal_code,latitude,phones\n"
    f'x-1,Pantry {SCRIPT},"Org {IMG}","Free food {IMG} {SCRIPT}",102-04,94063,,(650) 555-0177\n'
    f'x-2,Second,Org,desc,102-04,94063,"{IMG}",(650) 555-0178\n'
)


def _no_markup_ran(visit: Visit) -> None:
    main = visit.page.locator("main")
    # The results map's data is a JSON block the browser never runs; the hostile values
    # in it are escaped (no "<" at all), so they cannot close it.
    assert main.locator("script:not([type='application/json'])").count() == 0
    for block in main.locator("script[type='application/json']").all():
        assert "<" not in block.inner_text()
    assert main.locator("img[src=x]").count() == 0


def test_hostile_values_render_as_text_and_no_dialog_fires(
    admin_visit: Visit, tmp_path: Path
) -> None:
    visit, page = admin_visit, admin_visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    sign_in(visit)

    upload = tmp_path / "hostile.csv"
    upload.write_text(HOSTILE, "utf-8")
    page.get_by_label("File (.csv, .zip or .json)").set_input_files(str(upload))
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
