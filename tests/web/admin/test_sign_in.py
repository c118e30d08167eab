"""Sign-in holds against hostile requests: no redirect off the site, no session after sign-out."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from webapp import create_app

PASSWORD = "correct horse battery staple"
HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    return create_app(admin_config | {"ADMIN_PASSWORD_HASH": HASH})


def _sign_in(client: FlaskClient, query: str = "") -> Any:
    return client.post("/admin/login" + query, data={"username": "admin", "password": PASSWORD})


@pytest.mark.parametrize(
    "next_",
    [
        "/%09/evil.example",  # a browser drops the tab: //evil.example
        "/%0a/x",  # a newline: was a 500 after sign-in
        "/%0d%0aSet-Cookie:%20x=1",
        "//evil.example",
        "/%5Cevil.example",  # a backslash: a browser reads /\evil.example as //evil.example
        "/%2F%2Fevil.example",  # decoded again: ///evil.example
        "/%252F%252Fevil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "%20//evil.example",
        "/\u200b/evil.example",
    ],
)
def test_after_sign_in_never_to_another_site(app: Flask, next_: str) -> None:
    response = _sign_in(app.test_client(), "?next=" + next_)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


@pytest.mark.parametrize(
    "next_", ["/admin/quality/", "/admin/history/a%20b", "/admin/quality/?sort=name&x=%C3%A9"]
)
def test_after_sign_in_to_the_page_asked_for(app: Flask, next_: str) -> None:
    response = _sign_in(app.test_client(), "?next=" + quote(next_, safe="/"))
    assert response.headers["Location"] == next_


def test_a_page_asked_for_with_spaces_comes_back_after_sign_in(app: Flask) -> None:
    client = app.test_client()
    asked = client.get("/admin/history/a b?q=x y")
    assert asked.status_code == 302
    login = asked.headers["Location"]
    response = client.post(login, data={"username": "admin", "password": PASSWORD})
    assert response.headers["Location"] == "/admin/history/a%20b?q=x%20y"


def test_a_cookie_copied_before_sign_out_opens_nothing_after(app: Flask) -> None:
    client = app.test_client()
    assert _sign_in(client).status_code == 302
    copied = client.get_cookie("session")
    assert copied is not None
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout").status_code == 302
    assert client.get("/admin/").status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", copied.value)
    assert thief.get("/admin/").status_code == 302


def test_a_session_ends_after_its_hours(admin_config: dict[str, Any]) -> None:
    app = create_app(admin_config | {"ADMIN_PASSWORD_HASH": HASH, "ADMIN_SESSION_HOURS": 0})
    client = app.test_client()
    assert _sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_signing_in_again_ends_the_earlier_session(app: Flask) -> None:
    client = app.test_client()
    _sign_in(client)
    before = client.get_cookie("session")
    assert before is not None
    _sign_in(client)
    old = app.test_client()
    old.set_cookie("session", before.value)
    assert old.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("next_", ["/list/\nx", "/\r\nLocation: //evil.example", "//evil"])
def test_a_list_form_with_a_hostile_next_goes_back_to_the_list(app: Flask, next_: str) -> None:
    client = app.test_client()
    response = client.post("/list/clear", data={"next": next_})
    assert response.status_code == 303
    assert response.headers["Location"] == "/list/"
