"""Pulling a directory from an HSDS 3.0 API: one instance of ours serves, another pulls.

Real servers on loopback ports, nothing else: the web app under waitress in a thread (the
hub), and for the servers that misbehave (HTML, JSON that is not HSDS, a 500 part-way) a
tiny ``http.server`` of the test's own. The pulled directory is compared with an import of
the CSV the hub imported, field by field.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import http.server
import json
import os
import socket
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hsds.servers import hsds_hub
from referral_match import Directory, import_directory
from referral_match.cli import main
from referral_match.hsds.api_pull import (
    HsdsApiError,
    PullOptions,
    PullReport,
    api_root,
    last_pull,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "data" / "sample" / "resources.csv"
#: Quick retries, so that a server that is down fails the test in well under a second.
QUICK = PullOptions(timeout=5, retries=3, backoff=0.01)


# Servers --------------------------------------------------------------------------------------


hub = hsds_hub


Answer = tuple[int, str, bytes]


class Tiny:
    """A tiny HTTP server of the test's own: ``answer(path, query)`` says what it sends."""

    def __init__(self, answer: Callable[[str, dict[str, str]], Answer]) -> None:
        self.asked: Counter[str] = Counter()
        tiny = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query))
                tiny.asked[f"{parts.path}?page={query.get('page', '')}"] += 1
                status, kind, body = answer(parts.path, query)
                self.send_response(status)
                if status in (301, 302):
                    self.send_header("Location", kind)
                else:
                    self.send_header("Content-Type", kind.removesuffix(" (cut short)"))
                # An answer "cut short" promises more than it sends, then the connection ends.
                cut = 1000 if kind.endswith(" (cut short)") else 0
                self.send_header("Content-Length", str(len(body) + cut))
                self.end_headers()
                with contextlib.suppress(ConnectionError):  # the client gave up waiting
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hsds/"

    def __enter__(self) -> Tiny:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


ABOUT = json.dumps({"version": "3.0", "profile": "https://docs.openreferral.org/en/3.0/"})


def json_answer(value: Any, status: int = 200) -> Answer:
    return status, "application/json", json.dumps(value).encode()


def service(number: int, **location: Any) -> dict[str, Any]:
    """Return a small fully nested HSDS service."""
    return {
        "id": f"s-{number}",
        "name": f"Pantry {number}",
        "status": "active",
        "organization": {"id": "o-1", "name": "Peninsula Helping Hands (fictional)"},
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location": {
                    "id": f"l-{number}",
                    "latitude": 37.4815,
                    "longitude": -122.2091,
                    **location,
                },
            }
        ],
    }


def paged(pages: list[list[dict[str, Any]]], fail_on: int | None = None) -> Callable[..., Answer]:
    """Return the answers of an HSDS API of these pages that offers no NDJSON stream."""
    total = sum(len(p) for p in pages)

    def answer(path: str, query: dict[str, str]) -> Answer:
        if path == "/hsds/":
            return 200, "application/json", ABOUT.encode()
        if query.get("format") == "ndjson":
            return json_answer({"error": {"message": "format must be json"}}, 400)
        page = int(query.get("page", "1"))
        if page == fail_on:
            return json_answer({"error": {"message": "the database went away"}}, 500)
        contents = pages[page - 1] if page <= len(pages) else []
        head = {"total_items": total, "total_pages": len(pages), "page_number": page}
        return json_answer({**head, "last_page": page >= len(pages), "contents": contents})

    return answer


# Indexes --------------------------------------------------------------------------------------


def snapshot(index: Path) -> tuple[str, list[str]]:
    """Return which generation serves and every file of the index folder: to see it unchanged."""
    current = os.readlink(index / "current") if (index / "current").exists() else ""
    return current, sorted(str(p.relative_to(index)) for p in index.rglob("*"))


def resources(index: Path) -> dict[str, Any]:
    with Directory.open(index) as directory:
        return {r.id: r for r in directory.resources()}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def sample_rows() -> list[dict[str, str]]:
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def hub_url(sample_index: Path) -> Iterator[str]:
    """The HSDS API of an instance of ours serving the sample directory."""
    with hub(sample_index) as url:
        yield url


@pytest.fixture(scope="module")
def pulled(hub_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index pulled from the hub once, with the command line; not to be changed."""
    index = tmp_path_factory.mktemp("pulled") / "index"
    result = CliRunner().invoke(main, ["--index", str(index), "import", hub_url, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"], report["warnings"]) == (352, [], [])
    assert report["pull"]["via"] == "ndjson" and report["pull"]["services"] == 349
    return index


@pytest.fixture()
def local(pulled: Path, tmp_path: Path) -> Path:
    """A fresh local index pulled from the hub (a copy of ``pulled``), to change."""
    import shutil

    index = tmp_path / "local"
    shutil.copytree(pulled, index, symlinks=True)
    return index


# A pull gives what the hub has ------------------------------------------------------------------


def test_a_pull_gives_the_resources_an_import_of_the_csv_gives(
    pulled: Path, sample_index: Path
) -> None:
    imported, got = resources(sample_index), resources(pulled)
    assert sorted(got) == sorted(imported) and len(got) == 352
    for rid, resource in imported.items():
        other = got[rid]
        assert (other.service_id, other.organization_id, other.location_id) == (
            resource.service_id,
            resource.organization_id,
            resource.location_id,
        )
        assert (other.name, other.organization) == (resource.name, resource.organization)
        assert other.hours == resource.hours and other.hours_text == resource.hours_text
        assert other.languages == resource.languages
        assert other.eligibility == resource.eligibility
        assert (other.latitude, other.longitude) == (resource.latitude, resource.longitude)
        # And everything else: nothing differs by design (the export keeps what was given,
        # and the pull reads again what the import read from the words).
        assert other.to_dict() == resource.to_dict()


def test_the_pulled_generation_says_where_and_when_it_was_pulled_from(
    pulled: Path, hub_url: str
) -> None:
    with Directory.open(pulled) as directory:
        info = directory.info
    assert info["source"] == hub_url and info["source_format"] == "hsds-api"
    when = last_pull(info, hub_url.rstrip("/"))  # the same API, however its URL is written
    assert when is not None and abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(hours=1)
    assert last_pull(info, "http://127.0.0.1:1/hsds/") is None


def test_paging_gives_the_same_resources(hub_url: str, pulled: Path, tmp_path: Path) -> None:
    index = tmp_path / "paged"
    options = PullOptions(per_page=25, ndjson=False)
    report = import_directory(hub_url, index, pull=options)
    assert isinstance(report, PullReport) and report.pull is not None
    assert (report.pull.via, report.pull.pages, report.pull.services) == ("pages", 14, 349)
    assert (report.imported, report.rejected, report.warnings) == (352, [], [])
    assert {k: r.to_dict() for k, r in resources(index).items()} == {
        k: r.to_dict() for k, r in resources(pulled).items()
    }


@pytest.mark.parametrize("url", ["/hsds", "/hsds/services", "/hsds/"])
def test_the_api_root_is_found_from_how_its_url_is_written(url: str) -> None:
    assert api_root("HTTP://Hub.example.org:8000" + url) == "http://hub.example.org:8000/hsds/"


# Merging what changed ---------------------------------------------------------------------------


@pytest.fixture()
def changes(sample_rows: list[dict[str, str]], tmp_path: Path) -> Path:
    """An index of what changed at a hub: five sample resources renamed, and one new."""
    rows = [dict(row, name=row["name"] + " (new hours)") for row in sample_rows[20:25]]
    rows.append(dict(sample_rows[30], id="smc-new-1", name="Brand New Pantry"))
    index = tmp_path / "changes"
    assert import_directory(write_csv(tmp_path / "changes.csv", rows), index).index_updated
    return index


def test_modified_after_merges_what_changed_and_keeps_the_rest(
    local: Path, changes: Path, tmp_path: Path
) -> None:
    before = resources(local)
    with hub(changes) as url:
        result = CliRunner().invoke(
            main,
            ["--index", str(local), "import", url, "--modified-after", "2020-01-01", "--json"],
        )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pull"]["modified_after"] == "2020-01-01T00:00:00+00:00"
    assert report["pull"]["merged"] and (report["imported"], report["pull"]["kept"]) == (6, 347)
    after = resources(local)
    assert set(after) == set(before) | {"smc-new-1"}
    changed = {r.id for r in after.values() if r.name.endswith(" (new hours)")}
    assert changed == {f"smc-{n:04d}" for n in range(21, 26)}
    assert after["smc-new-1"].name == "Brand New Pantry"
    untouched = set(before) - changed
    assert {k: after[k].to_dict() for k in untouched} == {
        k: before[k].to_dict() for k in untouched
    }


def test_a_date_after_every_change_pulls_nothing_and_changes_nothing(
    local: Path, hub_url: str
) -> None:
    unchanged = snapshot(local)
    result = CliRunner().invoke(
        main, ["--index", str(local), "import", hub_url, "--modified-after", "2100-01-01"]
    )
    assert result.exit_code == 0, result.output
    assert "Pulled 0 services modified at or after 2100-01-01T00:00:00+00:00" in result.output
    assert "Nothing changed at the API since then: the directory is as it was." in result.output
    assert snapshot(local) == unchanged


def test_since_last_pull_takes_what_changed_since_the_pull_that_built_the_directory(
    sample_rows: list[dict[str, str]], tmp_path: Path
) -> None:
    hub_index, index = tmp_path / "hub", tmp_path / "local"
    first = write_csv(tmp_path / "first.csv", sample_rows[:40])
    assert import_directory(first, hub_index).index_updated
    # Times are to the second, and "modified after" is "at or after": a hub built in the
    # second its pull began is pulled again the next time. Let that second pass.
    time.sleep(1.1)
    runner = CliRunner()
    since_last = ["--index", str(index), "import", "--since-last-pull", "--json"]
    with hub(hub_index) as url:
        # No pull of this API serves here yet: everything is pulled.
        result = runner.invoke(main, [*since_last, url])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert (report["pull"]["modified_after"], report["pull"]["merged"]) == (None, False)
        assert report["imported"] == 40
        # Nothing has changed at the hub since: nothing is pulled, nothing changes.
        unchanged = snapshot(index)
        result = runner.invoke(main, [*since_last, url])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["pull"]["services"] == 0
        assert snapshot(index) == unchanged
        # The hub imports again: its services are newer than the last pull, and merged.
        renamed = [dict(row, name="Renamed " + row["name"]) for row in sample_rows[:3]]
        second = write_csv(tmp_path / "second.csv", renamed)
        assert import_directory(second, hub_index).index_updated
        with Directory.open(index) as directory:
            started = last_pull(directory.info, url)
        result = runner.invoke(main, [*since_last, url])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["pull"]["modified_after"] == started.isoformat()  # type: ignore[union-attr]
        assert (report["imported"], report["pull"]["kept"]) == (3, 37)
    after = resources(index)
    assert len(after) == 40 and after["smc-0001"].name == "Renamed Food Pantry"
    assert after["smc-0040"].name == sample_rows[39]["name"]


def test_modified_after_needs_a_directory_to_merge_into(hub_url: str, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="nothing to merge the services changed since"):
        import_directory(
            hub_url, tmp_path / "empty", modified_after=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        )
    assert not (tmp_path / "empty" / "current").exists()


# Servers that fail: a clear error, and the directory as it was --------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_server_that_is_down_is_said_so_and_nothing_changes(local: Path) -> None:
    unchanged = snapshot(local)
    url = f"http://127.0.0.1:{closed_port()}/hsds/"
    with pytest.raises(HsdsApiError) as raised:
        import_directory(url, local, pull=QUICK)
    message = raised.value.message
    assert message.startswith(f"Cannot read the HSDS API at {url}: the connection was refused")
    assert "tried 4 times" in message and "the directory is as it was" in message
    assert snapshot(local) == unchanged


def html(path: str, query: dict[str, str]) -> Answer:
    return 200, "text/html; charset=utf-8", b"<!doctype html><title>Our agency</title>"


def other_json(path: str, query: dict[str, str]) -> Answer:
    return json_answer({"hello": "world", "items": []})


def old_hsds(path: str, query: dict[str, str]) -> Answer:
    return json_answer({"version": "2.0"})


def elsewhere(path: str, query: dict[str, str]) -> Answer:
    return 302, "http://localhost:9/hsds/", b""


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (html, 'answers text/html, not JSON (it starts "<!doctype html><title>Our agency'),
        (other_json, "answers JSON without a version (its keys: hello, items): it is not an"),
        (old_hsds, "serves HSDS 2.0, and only HSDS 3 APIs can be pulled"),
        (elsewhere, "redirects to http://localhost:9/hsds/, on another server, which is not"),
    ],
    ids=["html", "other-json", "hsds-2", "redirect-elsewhere"],
)
def test_a_url_that_is_not_an_hsds_api_is_said_so_and_nothing_changes(
    local: Path, answer: Callable[..., Answer], said: str
) -> None:
    unchanged = snapshot(local)
    with Tiny(answer) as tiny:
        result = CliRunner().invoke(main, ["--index", str(local), "import", tiny.url])
    assert result.exit_code == 1
    assert said in result.output and "Nothing was imported: the directory is as it was." in (
        result.output
    )
    assert snapshot(local) == unchanged
    assert sum(tiny.asked.values()) == 1  # no retry for an answer that is not HSDS


def test_a_server_that_fails_part_way_replaces_nothing(local: Path) -> None:
    unchanged = snapshot(local)
    pages = [[service(1), service(2)], [service(3), service(4)], [service(5)]]
    with Tiny(paged(pages, fail_on=2)) as tiny, pytest.raises(HsdsApiError) as raised:
        import_directory(tiny.url, local, pull=QUICK)
    assert raised.value.message == (
        f"The HSDS API at {tiny.url} failed on page 2 of 3 of its services, part-way: HTTP 500 "
        '("the database went away"), tried 4 times. Nothing was imported: the directory is '
        "as it was. Pull again once the server works."
    )
    assert tiny.asked["/hsds/services?page=2"] == 4  # tried, then three retries
    assert tiny.asked["/hsds/services?page=3"] == 0
    assert snapshot(local) == unchanged


def test_a_server_without_ndjson_is_paged_and_its_records_reported_at_their_path(
    tmp_path: Path,
) -> None:
    pages = [[service(1), service(2, latitude=100)], [service(3), "not a service"]]
    with Tiny(paged(pages)) as tiny:
        report = import_directory(tiny.url, tmp_path / "index", pull=QUICK)
    assert isinstance(report, PullReport) and report.pull is not None
    assert (report.pull.via, report.pull.pages, report.pull.services) == ("pages", 2, 4)
    where = tiny.url + "services"
    # The record's number in the pull, and the JSON path of the value: as for a JSON file.
    assert [(p.file, p.line, p.column) for p in report.warnings if p.column] == [
        (where, 2, "service_at_locations[0].location.latitude")
    ]
    assert [(p.file, p.line) for p in report.rejected] == [(where, 4)]
    assert "line 4 is a string, not a service object" in report.rejected[0].message
    assert (report.total_rows, report.imported, report.rejected_rows) == (4, 3, 1)
    assert report.index_updated and set(resources(tmp_path / "index")) == {
        "sal-1",
        "sal-2",
        "sal-3",
    }


def test_a_server_whose_pages_disagree_with_its_count_is_not_used(tmp_path: Path) -> None:
    def answer(path: str, query: dict[str, str]) -> Answer:
        if path == "/hsds/":
            return 200, "application/json", ABOUT.encode()
        body = {"total_items": 5, "total_pages": 1, "last_page": True, "contents": [service(1)]}
        return json_answer(body)

    with Tiny(answer) as tiny, pytest.raises(HsdsApiError, match="counts 5 services but its 1"):
        import_directory(tiny.url, tmp_path / "index", pull=QUICK)
    assert not (tmp_path / "index" / "current").exists()


def test_a_stream_cut_short_is_tried_again_then_refused(tmp_path: Path) -> None:
    def answer(path: str, query: dict[str, str]) -> Answer:
        if path == "/hsds/":
            return 200, "application/json", ABOUT.encode()
        lines = "".join(json.dumps(service(n)) + "\n" for n in (1, 2))
        return 200, "application/x-ndjson (cut short)", lines.encode()

    with Tiny(answer) as tiny, pytest.raises(HsdsApiError) as raised:
        import_directory(tiny.url, tmp_path / "index", pull=QUICK)
    assert "the connection broke off (IncompleteRead); tried 4 times" in raised.value.message
    assert not (tmp_path / "index" / "current").exists()


def test_a_server_that_does_not_answer_in_time_is_said_so(tmp_path: Path) -> None:
    def answer(path: str, query: dict[str, str]) -> Answer:
        time.sleep(1)
        return 200, "application/json", ABOUT.encode()

    options = PullOptions(timeout=0.2, retries=1, backoff=0.01)
    with Tiny(answer) as tiny, pytest.raises(HsdsApiError) as raised:
        import_directory(tiny.url, tmp_path / "index", pull=options)
    assert f"at {tiny.url}: it did not answer within 0.2 s; tried 2 times" in raised.value.message
