"""Each protection of the web app, tested so that the test fails without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app


@pytest.fixture()
def app(sample_index: Path) -> Flask:
    """Return a testing app with the CSRF check on, as in production."""
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no csrf_token field"
    return found.group(1)


def test_a_post_without_a_csrf_token_is_refused_with_a_clear_page(client: FlaskClient) -> None:
    response = client.post("/list/add", data={"id": "smc-0001", "next": "/"})
    assert response.status_code == 400
    assert "security token is missing or out of date" in response.text
    assert "reload the page" in response.text
    with client.session_transaction() as session:
        assert "referrals" not in session


def test_a_post_with_a_wrong_token_is_refused(client: FlaskClient) -> None:
    client.get("/?q=food")
    response = client.post("/list/add", data={"id": "smc-0001", "csrf_token": "forged"})
    assert response.status_code == 400


def test_a_post_with_the_pages_token_is_accepted(client: FlaskClient) -> None:
    page = client.get("/?q=food+pantry")
    rid = re.search(r'name="id" value="([^"]+)"', page.text)
    assert rid
    response = client.post(
        "/list/add", data={"id": rid.group(1), "next": "/", "csrf_token": _token(page.text)}
    )
    assert response.status_code in (302, 303)
    with client.session_transaction() as session:
        assert session["referrals"] == [rid.group(1)]


def test_the_token_also_works_as_a_header(client: FlaskClient) -> None:
    page = client.get("/?q=food+pantry")
    rid = re.search(r'name="id" value="([^"]+)"', page.text)
    assert rid
    response = client.post(
        "/list/add",
        data={"id": rid.group(1)},
        headers={"X-CSRFToken": _token(page.text), "Accept": "application/json"},
    )
    assert response.status_code < 400


def test_the_json_api_takes_no_token(client: FlaskClient) -> None:
    response = client.post("/api/v1/match", json={"needs": ["food"], "location": "94063"})
    assert response.status_code == 200, response.text


def test_an_oversized_upload_gets_413_with_a_clear_page(sample_index: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(sample_index), "MAX_CONTENT_LENGTH": 1024})
    response = app.test_client().post("/list/add", data={"id": "x" * 4096})
    assert response.status_code == 413
    assert "File too large" in response.text and "upload again" in response.text


@pytest.mark.parametrize("path", ["/", "/assess/", "/list/", "/nowhere"])
def test_security_headers_on_every_page(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "script-src" not in policy or "'unsafe-inline'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_flags_in_production(sample_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "k"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_ENABLED"] is True
    client = app.test_client()
    page = client.get("/?q=food+pantry", base_url="https://localhost")
    rid = re.search(r'name="id" value="([^"]+)"', page.text)
    assert rid
    response = client.post(
        "/list/add",
        data={"id": rid.group(1), "csrf_token": _token(page.text)},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/"},
    )
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_configured_plain_http_cookie_is_kept(sample_index: Path) -> None:
    app = create_app(
        {"INDEX_DIR": str(sample_index), "SECRET_KEY": "k", "SESSION_COOKIE_SECURE": False}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_testing_apps_are_not_secure_only(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_SECURE"] is False
