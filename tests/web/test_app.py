"""The web front as a whole: secret key, headers, error pages, labelled forms, no CDN."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from referral_match import IndexFailure
from webapp import create_app
from webapp.headers import content_security_policy
from webapp.sessions import MissingSecretKey

STATIC = Path(__file__).resolve().parents[2] / "webapp" / "static"
PAGES = ["/", "/?q=food&near=94063", "/assess/", "/resources/smc-0152", "/list/", "/list/print"]


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Controls(HTMLParser):
    """Collect form controls, the labels that name them, and every src/href."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.in_label = 0
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append({**a, "_wrapped": "yes" if self.in_label else None})
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.urls.append(str(a["src"]))
        if tag == "link" and a.get("href"):
            self.urls.append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


@pytest.mark.parametrize("url", PAGES)
def test_every_control_has_a_label_and_nothing_loads_from_elsewhere(
    client: FlaskClient, url: str
) -> None:
    client.post("/list/add", data={"id": "smc-0152"})
    parser = Controls()
    parser.feed(client.get(url).get_data(as_text=True))
    for control in parser.controls:
        assert control["_wrapped"] or control.get("id") in parser.label_for, control
    for src in parser.urls:
        assert src.startswith(("/static/", "data:")), src


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_never_cached_and_admit_only_this_site(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["Cache-Control"] == "no-store"
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; img-src 'self' data: https://tile.openstreetmap")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    static = client.get("/static/style.css")
    assert static.headers.get("Cache-Control") != "no-store"
    static.close()


def test_policy_follows_the_tile_server() -> None:
    assert "img-src 'self' data:;" in content_security_policy("")
    assert "data: https://tiles.example.org;" in content_security_policy(
        "https://tiles.example.org/{z}/{x}/{y}.png"
    )


@pytest.mark.parametrize(
    "path",
    [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet/LICENSE.txt",
        "vendor/axe.min.js",
        "vendor/axe-core-LICENSE.txt",
        "app.js",
        "map.js",
        "print.css",
    ],
)
def test_vendored_and_own_assets_are_served(client: FlaskClient, path: str) -> None:
    assert (STATIC / path).is_file()
    response = client.get("/static/" + path)
    assert response.status_code == 200
    response.close()


def test_no_stylesheet_or_script_points_at_a_cdn() -> None:
    for path in [*STATIC.glob("*.css"), *STATIC.glob("*.js")]:
        text = path.read_text("utf-8")
        assert "http://" not in text and "https://" not in text, path


def test_outside_debug_a_secret_key_is_required(sample_index: Path) -> None:
    with pytest.raises(MissingSecretKey) as caught:
        create_app({"INDEX_DIR": str(sample_index)})
    assert "REFERRAL_MATCH_SECRET_KEY" in str(caught.value)
    assert "secrets.token_hex(32)" in str(caught.value)
    configured = create_app({"INDEX_DIR": str(sample_index), "SECRET_KEY": "configured"})
    assert configured.secret_key == "configured"


def test_testing_and_debug_apps_get_a_random_key(sample_index: Path) -> None:
    keys = {
        create_app({"INDEX_DIR": str(sample_index), mode: True}).secret_key
        for mode in ("TESTING", "DEBUG")
    }
    assert len(keys) == 2 and all(keys)


def test_the_key_comes_from_the_environment(
    sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFERRAL_MATCH_SECRET_KEY", "from-env")
    monkeypatch.setenv("REFERRAL_MATCH_INDEX", str(sample_index))
    assert create_app().secret_key == "from-env"


def test_error_pages(client: FlaskClient, tmp_path: Path) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "There is no page at this address." in missing.text
    wrong = client.get("/list/add")
    assert wrong.status_code == 405 and "use the page&#39;s own buttons" in wrong.text
    no_index = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    for url in ("/", "/assess/", "/resources/x", "/list/"):
        response = no_index.get(url)
        assert response.status_code == 503 and "referral-match import" in response.text


def test_server_errors_are_pages_that_say_what_to_do(sample_index: Path) -> None:
    app = create_app(
        {"TESTING": True, "PROPAGATE_EXCEPTIONS": False, "INDEX_DIR": str(sample_index)}
    )

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    @app.get("/index-broke")
    def index_broke() -> str:
        raise IndexFailure("The index in /x cannot be opened: disk on fire")

    client = app.test_client()
    response = client.get("/boom")
    assert (
        response.status_code == 500 and "tell the directory&#39;s administrator" in response.text
    )
    response = client.get("/index-broke")
    assert response.status_code == 500 and "disk on fire" in response.text


def test_serve_without_a_key_makes_one_for_its_run_and_says_so(
    sample_index: Path, tmp_path: Path
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "REFERRAL_MATCH_SECRET_KEY"}
    env["REFERRAL_MATCH_INDEX"] = str(sample_index)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "referral_match", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/list/", timeout=2) as r:
                    assert r.status == 200
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert "referral lists are lost when it stops" in log.read_text()
