"""An HSDS 3.0 JSON file of services, uploaded, checked and imported from the admin page."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from referral_match import Directory
from referral_match.hsds.export import hsds_service
from webapp import create_app

PASSWORD = "correct horse battery staple"


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    hashed = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
    return create_app(admin_config | {"ADMIN_PASSWORD_HASH": hashed})


@pytest.fixture()
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    response = client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _services(sample_directory: Directory, count: int) -> list[dict[str, Any]]:
    resources = sorted(sample_directory.resources(), key=lambda r: r.id)[:count]
    return [hsds_service(r, taxonomy=sample_directory.taxonomy) for r in resources]


def _upload(admin: FlaskClient, content: bytes, name: str, **extra: Any) -> Any:
    data = {"file": (io.BytesIO(content), name), "format": "auto", **extra}
    return admin.post("/admin/upload", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("name", ["services.json", "services.ndjson"])
def test_an_hsds_json_file_is_checked_and_imported(
    admin: FlaskClient, app: Flask, sample_directory: Directory, name: str
) -> None:
    services = _services(sample_directory, 12)
    if name.endswith(".ndjson"):
        content = "\n".join(json.dumps(s) for s in services).encode()
    else:
        content = json.dumps(services).encode()
    response = _upload(admin, content, name)
    assert response.status_code == 303, response.text[:1000]
    review_url = response.headers["Location"]
    report = json.loads(
        (Path(app.config["UPLOAD_DIR"]) / review_url.rsplit("/", 1)[1] / "report.json").read_text()
    )
    assert (report["total_rows"], report["imported"]) == (12, 12)
    assert admin.post(f"{review_url}/import").status_code == 303
    with Directory.open(app.config["INDEX_DIR"]) as directory:
        assert directory.count == 12


def test_a_rejected_record_is_named_by_the_admins_file_and_its_number(
    admin: FlaskClient, app: Flask, sample_directory: Directory
) -> None:
    services = _services(sample_directory, 3)
    services[1]["name"] = ""
    response = _upload(admin, json.dumps(services).encode(), "vendor.json")
    review = admin.get(response.headers["Location"]).text
    assert "<td>vendor.json</td><td>2</td>" in review


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"id,name\n1,x\n", "services.json", "is not JSON text"),
        (b"\x89PNG\r\n", "services.json", "is not JSON text"),
    ],
)
def test_a_file_named_json_that_is_not_is_refused(
    admin: FlaskClient, content: bytes, name: str, message: str
) -> None:
    response = _upload(admin, content, name)
    assert response.status_code == 400 and message in response.text


def test_a_json_file_takes_no_mapping(admin: FlaskClient) -> None:
    response = _upload(
        admin, b"[]", "services.json", mapping=(io.BytesIO(b"[fields]\n"), "m.toml")
    )
    assert response.status_code == 400 and "Upload it without a mapping" in response.text
