"""Each protection of the web app, tested so that the test fails without it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


def _add_to_list(client: FlaskClient, base_url: str, **headers: str) -> Any:
    """Search, then add the first result to the list as a browser would; return the answer."""
    page = client.get("/?q=food+pantry", base_url=base_url, headers=headers)
    rid = re.search(r'name="id" value="([^"]+)"', page.text)
    assert rid
    return client.post(
        "/list/add",
        data={"id": rid.group(1), "csrf_token": _token(page.text)},
        base_url=base_url,
        headers={"Referer": base_url + "/", **headers},
    )


def test_session_cookie_flags_over_https(sample_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "k"})
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_ENABLED"] is True
    response = _add_to_list(app.test_client(), "https://frontdesk")
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_forms_work_over_plain_http_on_any_name(sample_index: Path) -> None:
    # An office server reached as http://frontdesk: a Secure cookie would never come back,
    # and every form would fail its token check.
    app = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "k"})
    client = app.test_client()
    response = _add_to_list(client, "http://frontdesk:8000")
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "Secure" not in cookie and "HttpOnly" in cookie
    with client.session_transaction(base_url="http://frontdesk:8000") as session:
        assert len(session["referrals"]) == 1


def test_behind_a_trusted_proxy_its_https_counts(sample_index: Path) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    trusting = create_app(
        {"INDEX_DIR": str(sample_index), "SECRET_KEY": "k", "TRUSTED_PROXIES": 1}
    )
    # The proxy speaks plain HTTP to the app and says the browser came over HTTPS.
    page = trusting.test_client().get("/assess/", base_url="http://frontdesk", headers=forwarded)
    assert "Secure" in page.headers["Set-Cookie"]
    # Without the setting, anybody could send the header: it is not believed.
    plain = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "k"})
    page = plain.test_client().get("/assess/", base_url="http://frontdesk", headers=forwarded)
    assert "Secure" not in page.headers["Set-Cookie"]


@pytest.mark.parametrize(("setting", "secure"), [(True, True), (False, False)])
def test_a_configured_cookie_setting_holds_for_every_request(
    sample_index: Path, setting: bool, secure: bool
) -> None:
    app = create_app(
        {"INDEX_DIR": str(sample_index), "SECRET_KEY": "k", "SESSION_COOKIE_SECURE": setting}
    )
    for base in ("http://frontdesk", "https://frontdesk"):
        page = app.test_client().get("/assess/", base_url=base)
        assert ("Secure" in page.headers["Set-Cookie"]) is secure


def test_an_assessment_whose_token_expired_comes_back_filled_in(sample_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "k"})
    client = app.test_client()
    answers = {"near": "94063", "age": "67", "other_needs": "food", "csrf_token": "stale"}
    response = client.post("/assess/", data=answers, base_url="http://frontdesk")
    assert response.status_code == 400
    assert 'value="94063"' in response.text and 'value="67"' in response.text
    assert "send it again" in response.text
    # The page carries a fresh token: sending it again works.
    again = client.post(
        "/assess/",
        data=answers | {"csrf_token": _token(response.text)},
        base_url="http://frontdesk",
        headers={"Referer": "http://frontdesk/assess/"},
    )
    assert again.status_code == 200 and "referrals" in again.text
