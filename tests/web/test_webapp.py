"""The minimal search page, through Flask's test client and under the real WSGI server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app


@pytest.fixture()
def app(good_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(good_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_empty_search_page_shows_the_form(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<label for="q">' in page
    assert "6 resources in the directory" in page


def test_search_shows_results_with_distance_and_reasons(client: FlaskClient) -> None:
    page = client.get("/?q=food&near=94063&radius=20").get_data(as_text=True)
    assert "Community Food Pantry" in page
    assert " mi" in page and "miles from Redwood City, CA 94063" in page
    assert "English, Spanish" in page  # language names, not codes
    # Inactive resources never show.
    assert "Closed Clothing Closet" not in client.get("/?q=clothing").get_data(as_text=True)


def test_bad_location_is_a_400_with_the_fix(client: FlaskClient) -> None:
    response = client.get("/?q=food&near=Nowhere%2C+ZZ")
    assert response.status_code == 400
    assert "is not a place we know" in response.get_data(as_text=True)


def test_bad_number_is_a_400(client: FlaskClient) -> None:
    response = client.get("/?q=food&near=94063&radius=far")
    assert response.status_code == 400
    assert "radius must be a number" in response.get_data(as_text=True)


def test_no_index_is_a_503_that_says_what_to_do(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "nothing")})
    response = app.test_client().get("/")
    assert response.status_code == 503
    assert "referral-match import" in response.get_data(as_text=True)


def test_csv_values_are_escaped(tmp_path: Path) -> None:
    from referral_match import import_directory

    path = tmp_path / "xss.csv"
    path.write_text(
        "name,organization,description,postal_code\n"
        '"<script>alert(1)</script>Pantry","Org <img src=x onerror=alert(2)>",'
        '"<b>bold</b> food",94063\n',
        "utf-8",
    )
    import_directory(path, tmp_path / "index")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")})
    page = app.test_client().get("/?q=pantry").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Pantry" in page
    assert "<script>" not in page and "<img src=x" not in page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(good_index: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = dict(os.environ, REFERRAL_MATCH_INDEX=str(good_index))
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "referral_match", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                pytest.fail(f"serve exited: {log.read_text()}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_serve_answers_over_http_with_waitress(server: str) -> None:
    with urllib.request.urlopen(
        server + "?q=shelter&near=San+Mateo%2C+CA", timeout=10
    ) as response:
        assert response.status == 200
        assert response.headers["Server"] == "referral-match"
        page = response.read().decode()
    assert "Women&#39;s Shelter" in page
