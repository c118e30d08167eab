"""The admin's "Load from an HSDS API" form: a pull in the background, its report, its history.

Real servers on loopback ports: a second instance of the web app under waitress in a thread
(the hub, serving the sample directory), and for a hub that rejects a value or fails
part-way a tiny ``http.server`` of the test's own. The first app is signed in with the
test client; its pulls fetch from the hub over real sockets.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hsds.servers import hsds_hub

from referral_match import Directory
from referral_match.history import read_history
from webapp import create_app

LOCATION = re.compile(r"^/admin/pulls/([0-9a-f]{32})$")


# Servers --------------------------------------------------------------------------------------


hub = hsds_hub


@contextlib.contextmanager
def tiny(answer: Callable[[str, dict[str, str]], tuple[int, Any]]) -> Iterator[str]:
    """Serve JSON answers of ``answer(path, query)`` on a loopback port; yield /hsds/'s URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            parts = urllib.parse.urlsplit(self.path)
            status, value = answer(parts.path, dict(urllib.parse.parse_qsl(parts.query)))
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hsds/"
    finally:
        server.shutdown()
        server.server_close()


ABOUT = {"version": "3.0", "profile": "https://docs.openreferral.org/en/3.0/"}


def service(number: int, latitude: float = 37.4815) -> dict[str, Any]:
    """Return a small fully nested HSDS service."""
    location = {"id": f"l-{number}", "latitude": latitude, "longitude": -122.2091}
    return {
        "id": f"s-{number}",
        "name": f"Pantry {number}",
        "status": "active",
        "organization": {"id": "o-1", "name": "Peninsula Helping Hands (fictional)"},
        "service_at_locations": [{"id": f"sal-{number}", "location": location}],
    }


def paged(pages: list[list[dict[str, Any]]], fail_on: int | None = None) -> Callable[..., Any]:
    """Return the answers of an HSDS API of these pages that offers no NDJSON stream."""
    total = sum(len(p) for p in pages)

    def answer(path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path == "/hsds/":
            return 200, ABOUT
        if query.get("format") == "ndjson":
            return 400, {"error": {"message": "format must be json"}}
        page = int(query.get("page", "1"))
        if page == fail_on:
            return 500, {"error": {"message": "the database went away"}}
        head = {"total_items": total, "total_pages": len(pages), "page_number": page}
        return 200, {**head, "last_page": page >= len(pages), "contents": pages[page - 1]}

    return answer


def closed_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# The apps -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hub_url(sample_index: Path) -> Iterator[str]:
    """The HSDS API of a second instance of ours, serving the sample directory."""
    with hub(sample_index) as url:
        yield url


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    return create_app(admin_config)


@pytest.fixture()
def admin(app: Flask, admin_password: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/admin/login", data={"username": "admin", "password": admin_password})
    assert response.status_code == 302
    return client


def snapshot(index: Path) -> tuple[str, list[str]]:
    """Return which generation serves and the files of the index: to see it unchanged.

    The history (beside the generations) is left out: a failed pull is recorded there.
    """
    current = os.readlink(index / "current") if (index / "current").exists() else ""
    files = (str(p.relative_to(index)) for p in index.rglob("*"))
    return current, sorted(f for f in files if not f.startswith("history"))


def resource_ids(index: Path | str) -> set[str]:
    with Directory.open(index) as directory:
        return {r.id for r in directory.resources()}


def pull(admin: FlaskClient, url: str, **fields: str) -> str:
    """Submit the form; return the pull's page it sends to."""
    response = admin.post("/admin/pull", data={"url": url, **fields})
    assert response.status_code == 303, response.text
    location = str(response.headers["Location"])
    assert LOCATION.match(location), location
    return location


def follow(admin: FlaskClient, url: str) -> Any:
    """Open a pull's page as its script would until the pull has ended; return the page."""
    deadline = time.monotonic() + 60
    while True:
        page = admin.get(url, follow_redirects=True)
        if "<progress" not in page.text or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


def failure(html: str) -> str:
    """Return the words of the pull page's failure message."""
    found = re.search(r'<p class="field-error" role="alert" id="pull-failure">(.*?)</p>', html)
    assert found, html
    return found.group(1)


# A pull from a hub ------------------------------------------------------------------------------


def test_a_pull_from_a_hub_replaces_the_directory_and_is_in_the_history(
    admin: FlaskClient, app: Flask, hub_url: str, sample_index: Path
) -> None:
    index = app.config["INDEX_DIR"]
    hub_ids = resource_ids(sample_index)
    assert resource_ids(index).isdisjoint(hub_ids)  # good.csv's resources, before
    form = admin.get("/admin/").text
    assert '<h2 id="pull-heading">Load from an HSDS API</h2>' in form
    assert "This server fetches it, not your browser" in form

    report = follow(admin, pull(admin, hub_url.rstrip("/")))  # /hsds and /hsds/: one API
    assert report.request.path.startswith("/admin/history/")
    assert f"<h1>Pull from {hub_url}</h1>" in report.text
    assert "349 services pulled in one NDJSON stream." in report.text
    assert "Every service was pulled: the directory was replaced." in report.text
    assert "The directory now serves these resources." in report.text
    assert '<dd data-count="total_rows">352</dd>' in report.text
    assert '<dd data-count="imported">352</dd>' in report.text
    assert '<dd data-count="rejected">0</dd>' in report.text

    assert resource_ids(index) == hub_ids
    with Directory.open(sample_index) as directory:
        first = next(iter(directory.resources()))
    page = admin.get(f"/resources/{first.id}")  # the first app serves the hub's resources
    assert page.status_code == 200 and first.name in page.text

    (entry,) = read_history(index)
    assert (entry.source, entry.format, entry.imported) == (hub_url, "hsds-api", 352)
    assert entry.index_updated
    history = admin.get("/admin/").text
    assert f"<td>{hub_url}</td><td>HSDS 3.0 API</td><td>352</td>" in history
    assert f'href="/admin/history/{entry.id}"' in history


def test_only_what_changed_since_the_last_pull(
    admin: FlaskClient, app: Flask, hub_url: str
) -> None:
    index = Path(app.config["INDEX_DIR"])
    # Never pulled from the hub: "what changed" is everything, replacing good.csv's.
    follow(admin, pull(admin, hub_url, since_last_pull="yes"))
    (first,) = read_history(index)
    assert (first.format, first.imported, first.index_updated) == ("hsds-api", 352, True)
    unchanged = snapshot(index)
    time.sleep(1)  # times are to the second: let the pull's second pass
    again = follow(admin, pull(admin, hub_url, since_last_pull="yes"))
    assert "Only the services changed since the last pull were asked for" in again.text
    assert "Nothing changed at the API since then: the directory is as it was." in again.text
    assert "0 services pulled in one NDJSON stream." in again.text
    second = read_history(index)[0]
    assert (second.format, second.imported, second.index_updated) == (
        "hsds-api-merged",
        0,
        False,
    )
    assert "HSDS 3.0 API, what changed (merged)" in admin.get("/admin/").text
    assert snapshot(index)[0] == unchanged[0]  # the same generation serves


def test_a_pull_shows_its_progress_then_its_report(
    admin_config: dict[str, Any], admin_password: str, hub_url: str
) -> None:
    app = create_app(admin_config | {"ADMIN_WAIT_SECONDS": 0})  # the progress page shows
    admin = app.test_client()
    admin.post("/admin/login", data={"username": "admin", "password": admin_password})
    location = pull(admin, hub_url)
    state = admin.get(location + "/job").get_json()
    assert state["kind"] == "pull" and state["state"] in ("running", "done")
    assert state["next"] == location
    assert state["words"].startswith(("Starting", "Fetching the services", "Reading", "All rows"))
    report = follow(admin, location)
    assert "The directory now serves these resources." in report.text


def test_the_progress_page_of_a_pull_and_one_pull_at_a_time(
    admin: FlaskClient, app: Flask, hub_url: str
) -> None:
    location = pull(admin, hub_url)
    follow(admin, location)
    # Make the pull running again (this process: alive), fetching its services.
    folder = Path(app.config["UPLOAD_DIR"]) / "pulls" / location.rsplit("/", 1)[1]
    job = {"kind": "import", "state": "running", "pid": os.getpid(), "started": time.time() - 7}
    job |= {"done": 120, "total": 349, "message": "", "result": "", "stage": "pull"}
    (folder / "job.json").write_text(json.dumps(job), "utf-8")
    page = admin.get(location).text
    assert f"<h1>Pulling from {hub_url}</h1>" in page
    assert "Fetching the services from the HSDS API: 120 of 349 (7 s so far)." in page
    assert 'value="34"' in page and f'data-job-url="{location}/job"' in page
    # Another pull while one runs starts nothing: it shows the one running.
    assert admin.post("/admin/pull", data={"url": hub_url}).headers["Location"] == location
    assert len(read_history(app.config["INDEX_DIR"])) == 1


# Failures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("server", ["closed port", "not HSDS"])
def test_a_pull_that_fails_says_why_and_leaves_the_directory(
    admin: FlaskClient, app: Flask, hub_url: str, server: str
) -> None:
    index = Path(app.config["INDEX_DIR"])
    before, ids = snapshot(index), resource_ids(index)
    if server == "closed port":
        url = f"http://127.0.0.1:{closed_port()}/hsds/"
        said = (
            f"Cannot read the HSDS API at {url}: the connection was refused (is the server "
            "running, on this port?); tried 4 times over 3.5 s."
        )
    else:
        url = hub_url.removesuffix("hsds/")  # the case manager's search page: HTML
        said = f"{url} answers text/html, not JSON"
    page = follow(admin, pull(admin, url))
    assert page.request.path.startswith("/admin/pulls/")
    assert "The pull did not complete: the directory is as it was." in page.text
    message = failure(page.text)
    assert said in message and "the directory is as it was." in message
    assert f'<input type="hidden" name="url" value="{url}">' in page.text  # Pull again
    assert ">Pull again</button>" in page.text
    assert snapshot(index) == before and resource_ids(index) == ids
    (entry,) = read_history(index)  # the attempt is listed, as a failed upload's import
    assert (entry.source, entry.imported, entry.index_updated) == (url, 0, False)
    report = admin.get(f"/admin/history/{entry.id}").text
    assert "<strong>The directory was not changed</strong>" in report
    assert "the whole pull" in report and said.replace(">", "&gt;") in report


def test_a_hub_that_fails_part_way_changes_nothing(admin: FlaskClient, app: Flask) -> None:
    index = Path(app.config["INDEX_DIR"])
    before = snapshot(index)
    with tiny(paged([[service(1)], [service(2)]], fail_on=2)) as url:
        page = follow(admin, pull(admin, url))
    message = failure(page.text)
    assert message.startswith(
        f"The HSDS API at {url} failed on page 2 of 2 of its services, part-way: HTTP 500"
    )
    assert "Nothing was imported: the directory is as it was." in message
    assert snapshot(index) == before


def _first_row(report: str, table: str) -> list[str]:
    """Return the cells of the first row of a report's table of problems."""
    found = re.search(
        rf'<table class="problems" id="{table}">.*?<tbody>\s*<tr>(.*?)</tr>', report, re.S
    )
    assert found, report
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)


def test_rejected_values_show_their_record_and_json_path(admin: FlaskClient, app: Flask) -> None:
    nameless = service(3) | {"name": ""}
    with tiny(paged([[service(1), service(2, latitude=100), nameless]])) as url:
        report = follow(admin, pull(admin, url)).text
    assert "3 services pulled, page by page." in report
    assert '<dd data-count="total_rows">3</dd>' in report
    assert '<dd data-count="imported">2</dd>' in report
    assert '<dd data-count="rejected">1</dd>' in report
    assert '<dd data-count="warnings">1</dd>' in report
    assert '<th scope="col">Record</th>' in report and '<th scope="col">JSON path</th>' in report
    rejected = _first_row(report, "rejected")
    assert rejected[:4] == [f"{url}services", "3", "", "name"]
    assert rejected[5] == "the service has no name: fill in name."
    warned = _first_row(report, "warnings")
    assert warned[:5] == [
        f"{url}services",
        "2",
        "",
        "service_at_locations[0].location.latitude",
        "<code>100</code>",
    ]
    assert warned[5].startswith("100 is not between -90 and 90.")
    assert resource_ids(app.config["INDEX_DIR"]) == {"sal-1", "sal-2"}  # one per location


# The form refuses what the server will not fetch ------------------------------------------------


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("", "Give the URL of the HSDS API to pull from"),
        ("ftp://hub.example.org/hsds/", "Only http:// and https:// URLs are pulled from"),
        ("file:///etc/passwd", "Only http:// and https:// URLs are pulled from"),
        ("hub.example.org/hsds/", "Only http:// and https:// URLs are pulled from"),
        ("http://admin:s3cret@hub.example.org/hsds/", "holds a user name or password"),
        ("http://token@hub.example.org/hsds/", "holds a user name or password"),
        ("http://hub.example.org/" + "a" * 600, "The URL is 623 characters long"),
        ("http://hub.example.org:99999/hsds/", "a port that is not a number from 1 to 65535"),
        ("http:///hsds/", "The URL names no server"),
        ("http://hub.example.org/hsds/?key=1", "has a query (?…) or a fragment (#…)"),
        ("http://hub.example.org/hs ds/", "holds a space or a control character"),
    ],
)
def test_a_bad_url_is_refused_at_the_form(
    admin: FlaskClient, app: Flask, url: str, said: str
) -> None:
    index = Path(app.config["INDEX_DIR"])
    before = snapshot(index)
    response = admin.post("/admin/pull", data={"url": url})
    assert response.status_code == 400
    found = re.search(
        r'<p class="field-error" role="alert" id="pull-error">(.*?)</p>', response.text
    )
    assert found and said in found.group(1), response.text
    assert 'aria-invalid="true"' in response.text
    assert "s3cret" not in response.text and "token@" not in response.text  # never echoed
    assert snapshot(index) == before and read_history(index) == []
    assert not (Path(app.config["UPLOAD_DIR"]) / "pulls").exists()  # no job was started


def test_a_url_the_form_refuses_is_given_back_to_correct(admin: FlaskClient) -> None:
    response = admin.post(
        "/admin/pull", data={"url": "ftp://hub.example.org/hsds/", "since_last_pull": "yes"}
    )
    assert 'value="ftp://hub.example.org/hsds/"' in response.text
    assert 'name="since_last_pull" value="yes" checked' in response.text


def test_the_form_needs_a_sign_in_and_a_csrf_token(
    admin_config: dict[str, Any], admin_password: str, hub_url: str
) -> None:
    app = create_app(admin_config | {"WTF_CSRF_ENABLED": True})
    client = app.test_client()

    def token(path: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
        assert found
        return found.group(1)

    signed_out = client.post("/admin/pull", data={"url": hub_url, "csrf_token": token("/")})
    assert signed_out.status_code == 302 and signed_out.headers["Location"].startswith(
        "/admin/login"
    )
    credentials = {"username": "admin", "password": admin_password}
    login = client.post("/admin/login", data=credentials | {"csrf_token": token("/admin/login")})
    assert login.status_code == 302
    assert client.post("/admin/pull", data={"url": hub_url}).status_code == 400
    assert read_history(app.config["INDEX_DIR"]) == []
    form = client.get("/admin/").text.split('id="pull-heading"', 1)[1].split("</form>", 1)[0]
    assert 'name="csrf_token"' in form
    response = client.post("/admin/pull", data={"url": hub_url, "csrf_token": token("/admin/")})
    assert response.status_code == 303
    page = client.get(response.headers["Location"], follow_redirects=True).text
    assert "The directory now serves these resources." in page
    assert len(read_history(app.config["INDEX_DIR"])) == 1
