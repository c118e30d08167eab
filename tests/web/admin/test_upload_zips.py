"""Uploaded zips are unpacked in the background check, safely: refusals are pages, never 500s."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sources.zip_corpus import CORPUS, CSV, Case, claiming

from referral_match.history import read_history
from webapp import create_app
from webapp.admin.uploads import MAX_UNPACKED_BYTES

DATA = Path(__file__).resolve().parents[2] / "data"
GOOD = (DATA / "flat" / "good.csv").read_bytes()


def signed_in(config: dict[str, Any], password: str) -> tuple[Flask, FlaskClient]:
    app = create_app(config)
    client = app.test_client()
    client.post("/admin/login", data={"username": "admin", "password": password})
    return app, client


@pytest.fixture()
def waiting(admin_config: dict[str, Any], admin_password: str) -> tuple[Flask, FlaskClient]:
    """An app whose upload page waits for the check: a refusal is said on the form."""
    return signed_in(admin_config, admin_password)


@pytest.fixture()
def background(admin_config: dict[str, Any], admin_password: str) -> tuple[Flask, FlaskClient]:
    """An app whose upload page answers at once: the check goes on in the background."""
    return signed_in(admin_config | {"ADMIN_WAIT_SECONDS": 0}, admin_password)


def upload(client: FlaskClient, content: bytes, name: str) -> Any:
    """Post a file to the upload form, as a browser does."""
    # The body is made here: the test client spools one over 500 KB to a temporary file it
    # never closes, and every warning is an error in these tests.
    boundary = "zip-corpus-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="format"\r\n\r\nauto\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        "/admin/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def follow(client: FlaskClient, url: str) -> Any:
    """Open the review page until its job has ended, as the progress page does."""
    deadline = time.monotonic() + 30
    while True:
        page = client.get(url, follow_redirects=True)
        if "<progress" not in page.text or time.monotonic() > deadline:
            return page
        time.sleep(0.05)


def kept(app: Flask) -> list[str]:
    """Return every file kept under the uploads folder."""
    root = Path(app.config["UPLOAD_DIR"])
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_a_hostile_zip_is_refused_on_the_form_and_nothing_is_kept(
    waiting: tuple[Flask, FlaskClient], case: Case
) -> None:
    app, client = waiting
    response = upload(client, case.data, f"{case.id}.zip")
    assert response.status_code == 400
    assert 'id="upload-error"' in response.text
    assert str(escape(case.message)) in response.text
    assert kept(app) == []


@pytest.mark.parametrize(
    "case", [c for c in CORPUS if c.id != "not-a-zip"], ids=lambda case: case.id
)
def test_a_zip_is_unpacked_in_the_background_and_its_refusal_shown(
    background: tuple[Flask, FlaskClient], case: Case
) -> None:
    app, client = background
    response = upload(client, case.data, f"{case.id}.zip")
    # The request saved the zip and answered: unpacking it is the check's work.
    assert response.status_code == 303
    review_url = response.headers["Location"]
    page = follow(client, review_url)
    assert page.status_code == 200  # the upload's own page, saying why it was refused
    assert f'<p class="field-error" role="alert">{case.id}.zip ' in page.text
    assert str(escape(case.message)) in page.text
    assert "Upload a file" in page.text and ">Discard this upload</button>" in page.text
    # Nothing of the zip is kept: only what the upload was and why it was refused.
    upload_id = review_url.rsplit("/", 1)[1]
    assert kept(app) == [f"{upload_id}/job.json", f"{upload_id}/upload.json"]
    job = client.get(review_url + "/job").get_json()
    assert job["state"] == "failed"
    # A refused zip is never imported, whatever is posted.
    assert client.post(review_url + "/import").headers["Location"] == review_url
    assert read_history(app.config["INDEX_DIR"]) == []
    assert client.post(review_url + "/discard").status_code == 303
    assert kept(app) == []


def test_uploads_unpack_to_200_mb_at_most_unless_configured(
    admin_config: dict[str, Any], admin_password: str
) -> None:
    assert MAX_UNPACKED_BYTES == 200 * 1024**2
    app, client = signed_in(admin_config, admin_password)
    # 490 MB said by a small zip (the attack of issue 15): over the uploads' 200 MB.
    response = upload(client, claiming(490 * 1024**2), "bomb.zip")
    assert response.status_code == 400
    assert (
        "bomb.zip would unpack to more than 200 MB, the most a zip may unpack to here: leave "
        "out the files the import does not read, or have the server&#39;s administrator unzip "
        "it and import the folder with `referral-match import`."
    ) in response.text
    assert kept(app) == []
    app, client = signed_in(admin_config | {"MAX_UPLOAD_UNPACKED_BYTES": 1024}, admin_password)
    response = upload(client, zipped({"services.csv": CSV * 100}), "small.zip")
    assert response.status_code == 400 and "more than 1 KB, the most a zip" in response.text


def test_uploaded_zips_hold_200_files_and_folders_at_most(
    waiting: tuple[Flask, FlaskClient],
) -> None:
    app, client = waiting
    response = upload(client, zipped({f"t{i}.csv": GOOD for i in range(201)}), "many.zip")
    assert response.status_code == 400
    assert "many.zip holds 201 files and folders; at most 200 are accepted." in response.text


def test_a_package_zip_is_checked_in_the_background_then_imported(
    background: tuple[Flask, FlaskClient],
) -> None:
    app, client = background
    package = {
        f"v11/{p.name}": p.read_bytes() for p in (DATA / "hsds" / "v11").iterdir() if p.is_file()
    }
    package["__MACOSX/v11/._services.csv"] = b"\x00\x05\x16\x07"
    response = upload(client, zipped(package), "hsds-package.zip")
    assert response.status_code == 303
    review_url = response.headers["Location"]
    review = follow(client, review_url)
    assert review.status_code == 200 and '<dd data-count="imported">3</dd>' in review.text
    upload_id = review_url.rsplit("/", 1)[1]
    # The zip itself is gone once unpacked; the macOS files were never written.
    files = kept(app)
    assert f"{upload_id}/upload.zip" not in files and f"{upload_id}/package/v11/services.csv" in (
        files
    )
    assert not [f for f in files if "__MACOSX" in f]
    meta = json.loads((Path(app.config["UPLOAD_DIR"]) / upload_id / "upload.json").read_text())
    assert (meta["source"], meta["unpacked"]) == ("package/v11", True)
    client.post(review_url + "/import")
    assert "The directory now serves these resources" in follow(client, review_url).text


def test_a_zipped_csv_is_read_as_that_csv(waiting: tuple[Flask, FlaskClient]) -> None:
    app, client = waiting
    response = upload(client, zipped({"export/good.csv": GOOD}), "good.zip")
    assert response.status_code == 303
    review = client.get(response.headers["Location"])
    assert "good.zip" in review.text and 'data-count="imported"' in review.text


def test_a_zip_inside_a_zip_is_not_unpacked_by_the_import(
    waiting: tuple[Flask, FlaskClient],
) -> None:
    app, client = waiting
    inner = CORPUS[0].data  # the ratio bomb, named as a CSV file
    response = upload(client, zipped({"services.csv": inner}), "outer.zip")
    assert response.status_code == 400
    assert "services.csv is named .csv but is not text" in response.text
    assert kept(app) == []


def test_the_progress_page_says_a_zip_is_being_unpacked(
    background: tuple[Flask, FlaskClient],
) -> None:
    app, client = background
    response = upload(client, zipped({"good.csv": GOOD}), "good.zip")
    review_url = response.headers["Location"]
    follow(client, review_url)
    folder = Path(app.config["UPLOAD_DIR"]) / review_url.rsplit("/", 1)[1]
    job = json.loads((folder / "job.json").read_text())
    job |= {"state": "running", "stage": "unpack", "done": 30, "total": 120}
    (folder / "job.json").write_text(json.dumps(job))
    page = client.get(review_url).text
    assert "Unpacking the zip and checking its files: 25%" in page
    assert client.get(review_url + "/job").get_json()["words"].startswith("Unpacking the zip")
