"""An export of several files, uploaded as one zip with its mapping (inside it or beside it)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from referral_match import Directory
from webapp import create_app

PASSWORD = "correct horse battery staple"
SERVICES = (
    b"Service ID,Program Title,Org ID,Zip\n"
    b"s1,Weekend Food Pantry,o1,94063\n"
    b"s2,Rent Help Desk,o2,94063\n"
    b"s3,Free Clinic,o9,94063\n"
)
ORGANIZATIONS = (
    b"Org ID,Title,Website address\no1,Helping Hands (fictional),hh.example.org\n"
    b"o2,Housing Now (fictional),hn.example.org\n"
)
MAPPING = b"""
[join.orgs]
file = "orgs.csv"
key = "Org ID"
on = "Org ID"

[fields]
service_id = "Service ID"
name = "Program Title"
organization = "orgs.Title"
website = "orgs.Website address"
postal_code = "Zip"
"""


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    return create_app(
        admin_config
        | {"ADMIN_PASSWORD_HASH": generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")}
    )


@pytest.fixture()
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    response = client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _upload(admin: FlaskClient, package: bytes, mapping: bytes | None = None) -> Any:
    data: dict[str, Any] = {"file": (io.BytesIO(package), "vendor-export.zip"), "format": "auto"}
    if mapping is not None:
        data["mapping"] = (io.BytesIO(mapping), "vendor.toml")
    return admin.post("/admin/upload", data=data, content_type="multipart/form-data")


def _report(app: Flask, review_url: str) -> dict[str, Any]:
    upload_id = review_url.rsplit("/", 1)[1]
    report: dict[str, Any] = json.loads(
        (Path(app.config["UPLOAD_DIR"]) / upload_id / "report.json").read_text("utf-8")
    )
    return report


@pytest.mark.parametrize("mapping_inside", [True, False])
def test_an_export_zipped_with_its_joined_files_is_checked_and_imported(
    admin: FlaskClient, app: Flask, mapping_inside: bool
) -> None:
    files = {"export/services.csv": SERVICES, "export/orgs.csv": ORGANIZATIONS}
    if mapping_inside:
        files["export/vendor.toml"] = MAPPING
    response = _upload(admin, _zip(files), None if mapping_inside else MAPPING)
    assert response.status_code == 303, response.text[:2000]
    review_url = response.headers["Location"]
    report = _report(app, review_url)
    assert (report["total_rows"], report["imported"]) == (3, 3)
    # The service whose organization orgs.csv lacks is kept, with a warning at its line.
    (warning,) = [w for w in report["warnings"] if "o9" in w["message"]]
    assert (warning["file"], warning["line"]) == ("services.csv", 4)
    page = admin.get(review_url)
    assert "vendor.toml" in page.text
    assert admin.post(f"{review_url}/import").status_code == 303
    with Directory.open(app.config["INDEX_DIR"]) as directory:
        names = {r.name: r.organization for r in directory.resources()}
    assert names["Weekend Food Pantry"] == "Helping Hands (fictional)"
    assert names["Rent Help Desk"] == "Housing Now (fictional)"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"orgs.csv": ORGANIZATIONS, "vendor.toml": MAPPING}, "holds only the files"),
        (
            {
                "services.csv": SERVICES,
                "more.csv": SERVICES,
                "orgs.csv": ORGANIZATIONS,
                "vendor.toml": MAPPING,
            },
            "several CSV files that vendor.toml does not join (more.csv, services.csv)",
        ),
        (
            {"services.csv": SERVICES, "orgs.csv": ORGANIZATIONS, "vendor.toml": b"[fields"},
            "is not valid TOML",
        ),
    ],
)
def test_a_zipped_export_that_cannot_be_read_says_why(
    admin: FlaskClient, files: dict[str, bytes], message: str
) -> None:
    response = _upload(admin, _zip(files))
    assert response.status_code == 400
    assert message in response.text
