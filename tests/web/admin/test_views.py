"""The admin area: sign-in and its throttle, upload and review, import, history, quality."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash, generate_password_hash

from referral_match import Directory
from referral_match.cli import main
from referral_match.history import read_history
from webapp import create_app

DATA = Path(__file__).resolve().parents[2] / "data"
PASSWORD = "correct horse battery staple"
HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
UPLOAD_ID = "0123456789abcdef0123456789abcdef"

GOOD = (DATA / "flat" / "good.csv").read_bytes()
HOSTILE = (
    b"id,name,organization,categories,postal_code,latitude,phones\r\n"
    b"h-1,New Pantry,Fresh Org (fictional),102-04,94063,,(650) 555-0199\r\n"
    b'h-2,"=HYPERLINK(""http://x"",""y"")",Fresh Org (fictional),102-04,94063,=1+1,'
    b"(650) 555-0198\r\n"
)


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    return create_app(admin_config | {"ADMIN_PASSWORD_HASH": HASH})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def admin(client: FlaskClient) -> FlaskClient:
    response = client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    return client


def upload(client: FlaskClient, content: bytes, name: str, fmt: str = "auto") -> object:
    return client.post(
        "/admin/upload",
        data={"file": (io.BytesIO(content), name), "format": fmt},
        content_type="multipart/form-data",
    )


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/"),
        ("get", "/admin/quality/"),
        ("get", f"/admin/uploads/{UPLOAD_ID}"),
        ("get", f"/admin/uploads/{UPLOAD_ID}/report.csv"),
        ("get", "/admin/history/x"),
        ("post", "/admin/upload"),
        ("post", f"/admin/uploads/{UPLOAD_ID}/import"),
        ("post", f"/admin/uploads/{UPLOAD_ID}/discard"),
    ],
)
def test_admin_pages_redirect_to_the_sign_in_without_a_session(
    client: FlaskClient, method: str, path: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/admin/login?next=" if method == "get" else "/admin/login")


def test_sign_in_and_out(client: FlaskClient) -> None:
    page = client.get("/admin/login")
    assert page.status_code == 200 and 'type="password"' in page.text
    wrong = client.post("/admin/login", data={"username": "admin", "password": "nope"})
    assert wrong.status_code == 401 and "username or password is not right" in wrong.text
    right = client.post(
        "/admin/login?next=/admin/quality/", data={"username": "admin", "password": PASSWORD}
    )
    assert right.headers["Location"] == "/admin/quality/"
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout").status_code == 302
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_sign_in_never_sends_to_another_site(client: FlaskClient, target: str) -> None:
    response = client.post(
        f"/admin/login?next={target}", data={"username": "admin", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/admin/"


def test_without_an_account_nobody_signs_in(good_index: Path) -> None:
    client = create_app({"TESTING": True, "INDEX_DIR": str(good_index)}).test_client()
    page = client.get("/admin/login")
    assert "No admin account is set up" in page.text and "hash-password" in page.text
    for password in ("", "admin", "password"):
        response = client.post("/admin/login", data={"username": "admin", "password": password})
        assert response.status_code == 401
    assert client.get("/admin/").status_code == 302


def test_failed_sign_ins_are_throttled_per_address_and_not_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        response = client.post(
            "/admin/login", data={"username": "admin", "password": "guess-secret"}
        )
        assert response.status_code == 401
    blocked = client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    assert blocked.status_code == 429 and "Wait 15 minutes" in blocked.text
    other = client.post(
        "/admin/login",
        data={"username": "admin", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert other.status_code == 302
    assert "guess-secret" not in caplog.text and PASSWORD not in caplog.text
    assert "failed admin sign-in" in caplog.text


def test_upload_review_import_and_history(admin: FlaskClient, app: Flask) -> None:
    response = upload(admin, HOSTILE, "new-directory.csv")
    assert response.status_code == 303
    review_url = response.headers["Location"]
    upload_id = review_url.rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{32}", upload_id)
    stored = Path(app.config["UPLOAD_DIR"]) / upload_id
    assert sorted(p.name for p in stored.iterdir()) == [
        "job.json",
        "report.json",
        "upload.csv",
        "upload.json",
    ]

    review = admin.get(review_url)
    assert review.status_code == 200
    assert "new-directory.csv" in review.text and "has not changed" in review.text
    assert '<dd data-count="total_rows">2</dd>' in review.text
    assert '<dd data-count="imported">1</dd>' in review.text
    rejected = review.text[review.text.index('id="rejected"') :]
    # The row's name is shown (as text: it is a formula in the file).
    assert (
        "<td>3</td><td>=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)</td><td>latitude</td>"
        "<td><code>=1+1</code></td>"
    ) in rejected
    with Directory.open(app.config["INDEX_DIR"]) as directory:
        assert directory.get("h-1") is None  # a review changes nothing

    report = admin.get(f"{review_url}/report.csv")
    assert report.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))
    assert rows[0] == ["kind", "file", "line", "column", "value", "message", "resource"]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    assert ["rejected", "new-directory.csv", "3", "latitude", "'=1+1"] == rows[1][:5]

    done = admin.post(f"{review_url}/import")
    assert done.status_code == 303
    result = admin.get(done.headers["Location"], follow_redirects=True)
    # The file and its report are gone; what the upload was and what came of it stay.
    assert sorted(p.name for p in stored.iterdir()) == ["job.json", "upload.json"]
    assert "The directory now serves these resources" in result.text
    search = admin.get("/?q=New+Pantry")
    assert "New Pantry" in search.text

    (entry,) = read_history(app.config["INDEX_DIR"])
    assert (entry.source, entry.format, entry.total_rows, entry.imported) == (
        "new-directory.csv",
        "auto",
        2,
        1,
    )
    assert entry.rejected_rows == 1 and entry.index_updated
    index_page = admin.get("/admin/")
    assert "new-directory.csv" in index_page.text and entry.id in index_page.text
    history_csv = admin.get(f"/admin/history/{entry.id}/report.csv")
    assert "'=1+1" in history_csv.text


def test_a_file_with_nothing_valid_cannot_be_imported(admin: FlaskClient, app: Flask) -> None:
    response = upload(admin, (DATA / "flat" / "header_only.csv").read_bytes(), "empty.csv")
    review = admin.get(response.headers["Location"])
    assert "Nothing in this file can be imported" in review.text
    assert ">Import</button>" not in review.text


def test_the_broken_file_report_names_every_line_column_and_fix(admin: FlaskClient) -> None:
    response = upload(admin, (DATA / "flat" / "broken.csv").read_bytes(), "broken.csv")
    review = admin.get(response.headers["Location"]).text
    # Each row is named by its resource, so "line 3" is "Bad Latitude".
    assert "<td>3</td><td>Bad Latitude</td><td>latitude</td><td><code>100</code></td>" in review
    assert "100 is not between -90 and 90." in review
    assert "did you mean &#34;Food Pantry&#34; (102-04)?" in review
    assert 'id="warnings"' in review


def test_an_hsds_package_zip(admin: FlaskClient) -> None:
    package = {
        f"v11/{p.name}": p.read_bytes() for p in (DATA / "hsds" / "v11").iterdir() if p.is_file()
    }
    response = upload(admin, zipped(package), "hsds-package.zip", "hsds")
    assert response.status_code == 303
    review = admin.get(response.headers["Location"])
    assert '<dd data-count="imported">3</dd>' in review.text
    done = admin.post(response.headers["Location"] + "/import")
    assert done.status_code == 303


EXPORT = (DATA / "mapping" / "export.csv").read_bytes()
MAPPING = (DATA / "mapping" / "mapping.toml").read_bytes()


def upload_mapped(
    client: FlaskClient, export: bytes, mapping: bytes, mapping_name: str = "vendor.toml"
) -> Any:
    return client.post(
        "/admin/upload",
        data={
            "file": (io.BytesIO(export), "vendor-export.csv"),
            "mapping": (io.BytesIO(mapping), mapping_name),
            "format": "auto",
        },
        content_type="multipart/form-data",
    )


def test_another_systems_export_with_its_mapping(admin: FlaskClient, app: Flask) -> None:
    response = upload_mapped(admin, EXPORT, MAPPING)
    assert response.status_code == 303
    review = admin.get(response.headers["Location"]).text
    assert "read through the mapping vendor.toml" in review
    assert '<dd data-count="imported">2</dd>' in review
    assert "vendor-export.csv" in review  # problems name the admin's file, not ours
    done = admin.post(response.headers["Location"] + "/import")
    assert done.status_code == 303
    assert "Tenant Hotline" in admin.get("/?q=tenant+hotline").text
    (entry,) = read_history(app.config["INDEX_DIR"])
    assert (entry.source, entry.format, entry.imported) == (
        "vendor-export.csv",
        "mapped by vendor.toml",
        2,
    )


@pytest.mark.parametrize(
    ("mapping", "mapping_name", "message"),
    [
        (b"[fields]\nname = Program Title\n", "vendor.toml", "vendor.toml is not valid TOML"),
        (
            (DATA / "mapping" / "bad_mapping.toml").read_bytes(),
            "mine.toml",
            "mine.toml: fields.program: &#34;program&#34; is not a column of the flat format.",
        ),
        (MAPPING, "vendor.json", "vendor.json is not a mapping: a mapping is a .toml file"),
        (b"\xff\xfe[fields]", "vendor.toml", "vendor.toml is not UTF-8 text"),
    ],
)
def test_a_bad_mapping_is_refused_with_its_name_and_nothing_is_kept(
    admin: FlaskClient, app: Flask, mapping: bytes, mapping_name: str, message: str
) -> None:
    response = upload_mapped(admin, EXPORT, mapping, mapping_name)
    assert response.status_code == 400
    assert message in response.text
    uploads = Path(app.config["UPLOAD_DIR"])
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_a_mapping_reads_one_csv_not_a_package(admin: FlaskClient) -> None:
    package = zipped({"a.csv": GOOD, "b.csv": GOOD})
    response = admin.post(
        "/admin/upload",
        data={
            "file": (io.BytesIO(package), "two.zip"),
            "mapping": (io.BytesIO(MAPPING), "vendor.toml"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "a mapping reads one export" in response.text
    response = admin.post(
        "/admin/upload",
        data={
            "file": (io.BytesIO(EXPORT), "export.csv"),
            "mapping": (io.BytesIO(MAPPING), "vendor.toml"),
            "format": "hsds",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "A mapping reads another system" in response.text


def test_suggest_a_mapping_for_an_export(admin: FlaskClient, app: Flask) -> None:
    response = admin.post(
        "/admin/suggest-mapping",
        data={"export": (io.BytesIO(EXPORT), "vendor export (June).csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="vendor-export-June-mapping.toml"'
    )
    suggestion = tomllib.loads(response.text)
    assert suggestion["fields"]["postal_code"] == "Zip"
    assert "Program Title" in response.text  # every column is in it, placed or as a comment
    uploads = Path(app.config["UPLOAD_DIR"])
    assert list(uploads.iterdir()) == []  # nothing kept
    # What it suggests is a mapping the upload accepts.
    assert upload_mapped(admin, EXPORT, response.data).status_code == 303


def test_suggesting_needs_one_csv(admin: FlaskClient) -> None:
    response = admin.post(
        "/admin/suggest-mapping",
        data={"export": (io.BytesIO(zipped({"a.csv": GOOD, "b.csv": GOOD})), "two.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    # A zip is unpacked only by an upload's background check, never in the request.
    assert 'id="suggest-error">two.zip is a zip: upload the export itself, the one CSV.' in (
        response.text
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00\x03\x00", "tool.exe", "is not a .csv, .zip or .json file"),
        (b"\x00\x01\x02binary\x00", "data.csv", "is named .csv but is not text"),
        (zipped({"a.csv": b"x"}), "sneaky.csv", "is named .csv but is not text"),
        (b"id,name\n1,x\n", "fake.zip", "is named .zip but is not a zip file"),
        (zipped({"../../evil.csv": GOOD}), "evil.zip", "unsafe path"),
        (zipped({"/etc/evil.csv": GOOD}), "abs.zip", "unsafe path"),
        (zipped({"notes.txt": b"hello"}), "notes.zip", "holds no CSV files"),
        (b"", "empty.csv", "is empty"),
    ],
)
def test_file_type_checks(
    admin: FlaskClient, app: Flask, content: bytes, name: str, message: str
) -> None:
    response = upload(admin, content, name)
    assert response.status_code == 400
    assert message in response.text
    uploads = Path(app.config["UPLOAD_DIR"])
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_the_browsers_file_name_never_becomes_a_path(admin: FlaskClient, app: Flask) -> None:
    response = upload(admin, GOOD, "../../../etc/passwd.csv")
    assert response.status_code == 303
    (folder,) = Path(app.config["UPLOAD_DIR"]).iterdir()
    assert (folder / "upload.csv").read_bytes() == GOOD
    assert json.loads((folder / "upload.json").read_text())["name"] == "passwd.csv"


@pytest.mark.parametrize("upload_id", ["..", "0" * 31, "../" + UPLOAD_ID, UPLOAD_ID])
def test_unknown_or_malformed_upload_ids_are_not_found(admin: FlaskClient, upload_id: str) -> None:
    assert admin.get(f"/admin/uploads/{upload_id}").status_code == 404


def test_an_oversized_upload_gets_413(admin_config: dict[str, Any], tmp_path: Path) -> None:
    app = create_app(admin_config | {"ADMIN_PASSWORD_HASH": HASH, "MAX_CONTENT_LENGTH": 2048})
    client = app.test_client()
    client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    response = upload(client, GOOD * 20, "big.csv")
    assert response.status_code == 413 and "File too large" in response.text
    assert not (tmp_path / "uploads").exists()


def test_discard_asks_first_then_deletes(admin: FlaskClient, app: Flask) -> None:
    review_url = upload(admin, GOOD, "good.csv").headers["Location"]
    review = admin.get(review_url)
    assert 'class="danger">Discard this upload' in review.text  # not like Import
    asked = admin.post(review_url + "/discard")
    assert asked.status_code == 200 and "This cannot be undone" in asked.text
    assert admin.get(review_url).status_code == 200  # nothing deleted yet
    assert admin.post(review_url + "/discard", data={"confirm": "yes"}).status_code == 303
    assert admin.get(review_url).status_code == 404


def test_the_whole_flow_with_csrf_tokens(admin_config: dict[str, Any]) -> None:
    app = create_app(admin_config | {"ADMIN_PASSWORD_HASH": HASH, "WTF_CSRF_ENABLED": True})
    client = app.test_client()

    def token(path: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
        assert found
        return found.group(1)

    credentials = {"username": "admin", "password": PASSWORD}
    assert client.post("/admin/login", data=credentials).status_code == 400
    login = client.post("/admin/login", data=credentials | {"csrf_token": token("/admin/login")})
    assert login.status_code == 302
    data = {"file": (io.BytesIO(GOOD), "good.csv"), "format": "flat"}
    assert client.post("/admin/upload", data=data).status_code == 400
    data = {"file": (io.BytesIO(GOOD), "good.csv"), "csrf_token": token("/admin/")}
    review_url = client.post("/admin/upload", data=data).headers["Location"]
    assert client.post(review_url + "/import").status_code == 400
    done = client.post(review_url + "/import", data={"csrf_token": token(review_url)})
    assert done.status_code == 303
    assert client.post("/admin/logout").status_code == 400


def test_quality_page(admin: FlaskClient) -> None:
    page = admin.get("/admin/quality/")
    assert page.status_code == 200
    for heading in ("Never verified", "No phone number", "Likely duplicates"):
        assert heading in page.text
    assert re.search(r"\d+ resources checked", page.text)


def test_hash_password_prompts_twice_and_prints_a_hash() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["hash-password"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    printed = result.output.strip().splitlines()[-1]
    assert check_password_hash(printed, PASSWORD)
    assert PASSWORD not in result.output
    mismatch = runner.invoke(
        main, ["hash-password"], input=f"{PASSWORD}\nother\n{PASSWORD}\n{PASSWORD}\n"
    )
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output.lower()
    short = runner.invoke(main, ["hash-password"], input="short\nshort\n")
    assert short.exit_code == 1 and "at least 12" in short.output
