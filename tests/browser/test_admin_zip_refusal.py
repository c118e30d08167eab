"""A hostile zip is refused by the background check, and the progress page says why."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import Visit, sign_in

ADMIN_WAIT_SECONDS = 0  # the page answers at once: the refusal comes on the progress page


def test_the_progress_page_shows_why_a_zip_was_refused(admin_visit: Visit, tmp_path: Path) -> None:
    visit, page = admin_visit, admin_visit.page
    archive = tmp_path / "deep.zip"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a/" * 2000 + "x.csv", "id,name\n")
    archive.write_bytes(out.getvalue())
    sign_in(visit)
    page.get_by_label("File (.csv, .zip or .json)").set_input_files(str(archive))
    page.get_by_role("button", name="Upload and check").click()
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=30_000)
    assert alert.inner_text().startswith("deep.zip holds a path 2,001 levels deep")
    assert "at most 20 levels are accepted" in alert.inner_text()
    assert visit.axe_violations() == []
    with page.expect_navigation():
        page.get_by_role("button", name="Discard this upload").click()
    assert page.url.endswith("/admin/")
    assert visit.errors == []
