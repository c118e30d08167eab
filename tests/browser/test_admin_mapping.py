"""Another system's export with its mapping, through the admin pages in Chromium."""

from __future__ import annotations

from pathlib import Path

from conftest import Visit, sign_in

MAPPING_DIR = Path(__file__).resolve().parents[1] / "data" / "mapping"


def test_suggest_a_mapping_then_upload_the_export_with_it(
    admin_visit: Visit, tmp_path: Path
) -> None:
    visit, page = admin_visit, admin_visit.page
    sign_in(visit)
    assert visit.axe_violations() == []

    # No mapping yet: the page suggests one from the export, as a download.
    page.get_by_label("Export (.csv)").set_input_files(str(MAPPING_DIR / "export.csv"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Suggest a mapping").click()
    assert download.value.suggested_filename == "export-mapping.toml"
    suggested = tmp_path / "suggested.toml"
    download.value.save_as(suggested)
    assert 'postal_code         = "Zip"' in suggested.read_text("utf-8")

    # The admin completes it (here: the mapping the tests keep) and uploads both.
    page.get_by_label("File (.csv, .zip or .json)").set_input_files(
        str(MAPPING_DIR / "export.csv")
    )
    page.get_by_label("Mapping (.toml)").set_input_files(str(MAPPING_DIR / "mapping.toml"))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    assert "/admin/uploads/" in page.url
    assert "read through the mapping mapping.toml" in page.inner_text("main")
    assert visit.axe_violations() == []
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert "The directory now serves these resources" in page.inner_text("main")
    visit.goto("/admin/")
    assert "mapped by mapping.toml" in page.locator("table.history").inner_text()


def test_a_bad_mapping_is_said_next_to_the_form(admin_visit: Visit) -> None:
    visit, page = admin_visit, admin_visit.page
    sign_in(visit)
    page.get_by_label("File (.csv, .zip or .json)").set_input_files(
        str(MAPPING_DIR / "export.csv")
    )
    page.get_by_label("Mapping (.toml)").set_input_files(str(MAPPING_DIR / "bad_mapping.toml"))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    error = page.locator("#upload-error").inner_text()
    assert error.startswith('bad_mapping.toml: fields.program: "program" is not a column')
    assert visit.axe_violations() == []
