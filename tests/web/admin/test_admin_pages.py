"""The admin pages a second time: tables that fit a phone, a confirmed discard, sortable and
downloadable data quality."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from referral_match import import_directory
from webapp import create_app

PASSWORD = "correct horse battery staple"
HEADER = "id,name,organization,categories,postal_code,phones,last_verified\n"
STALE = (
    "q-1,Beta Pantry,Org (fictional),102-04,94063,(650) 555-0101,2024-06-01\n"
    "q-2,Zeta Clinic,Org (fictional),102-04,94063,(650) 555-0102,2023-01-15\n"
    "q-3,Alpha Shelter,Org (fictional),102-04,94063,(650) 555-0103,2025-02-01\n"
    'q-4,"=HYPERLINK(""http://x"")",Org (fictional),102-04,94063,,\n'
)


@pytest.fixture()
def app(admin_config: dict[str, Any], tmp_path: Path) -> Flask:
    source = tmp_path / "stale.csv"
    source.write_text(HEADER + STALE, "utf-8")
    index = tmp_path / "quality-index"
    assert import_directory(source, index).index_updated
    hashed = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
    return create_app(admin_config | {"ADMIN_PASSWORD_HASH": hashed, "INDEX_DIR": str(index)})


@pytest.fixture()
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    assert (
        client.post("/admin/login", data={"username": "admin", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _stale_names(html: str) -> list[str]:
    """Return the three stale resources' names in the order the stale list shows them."""
    section = html.split('id="stale"', 1)[1].split("</section>", 1)[0]
    names = ("Zeta Clinic", "Beta Pantry", "Alpha Shelter")
    return sorted((n for n in names if n in section), key=section.index)


def test_the_quality_lists_sort_oldest_first_or_by_name(admin: FlaskClient) -> None:
    oldest = admin.get("/admin/quality/").text  # verified 2023, 2024, 2025
    assert _stale_names(oldest) == ["Zeta Clinic", "Beta Pantry", "Alpha Shelter"]
    assert 'aria-current="true">Oldest first' in oldest
    by_name = admin.get("/admin/quality/?sort=name").text
    assert _stale_names(by_name) == ["Alpha Shelter", "Beta Pantry", "Zeta Clinic"]
    assert 'aria-current="true">By name' in by_name
    assert _stale_names(admin.get("/admin/quality/?sort=nonsense").text) == _stale_names(oldest)


def test_the_quality_findings_download_as_csv_with_formulas_neutralised(
    admin: FlaskClient,
) -> None:
    response = admin.get("/admin/quality/quality.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "data-quality.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    stale = [r for r in rows if r["problem"].startswith("Not verified")]
    assert [r["id"] for r in stale] == ["q-2", "q-1", "q-3"]
    assert stale[0]["last_verified"] == "2023-01-15" and stale[0]["phone"]
    (never,) = [r for r in rows if r["problem"] == "Never verified"]
    assert never["name"] == '\'=HYPERLINK("http://x")'
    assert any(r["problem"] == "No phone number" and r["id"] == "q-4" for r in rows)


def test_admin_tables_scroll_in_their_own_box_and_the_page_has_its_styles(
    admin: FlaskClient, app: Flask
) -> None:
    page = admin.get("/admin/quality/")
    assert "admin.css" in page.text
    with app.test_client().get("/static/admin.css") as response:
        assert ".table-scroll" in response.text and "overflow-x: auto" in response.text
