"""Checks and imports in the background: their progress, outcome, and the pages that follow."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from referral_match.history import read_history
from webapp import create_app
from webapp.admin.jobs import Job, JobFailed, JobRunning, Progress, read_job, start_job

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = (ROOT / "data" / "sample" / "resources.csv").read_bytes()


def dead_pid() -> int:
    """Return the id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_job_reports_progress_then_its_result(tmp_path: Path) -> None:
    seen: list[Job | None] = []
    release = threading.Event()

    def work(progress: Progress) -> str:
        progress(30, 120)
        seen.append(read_job(tmp_path))
        release.wait(10)
        return "entry-1"

    thread = start_job(tmp_path, "import", work)
    time.sleep(0.05)
    running = read_job(tmp_path)
    assert running is not None and running.state == "running" and running.kind == "import"
    release.set()
    thread.join(10)
    (during,) = seen
    assert during is not None and (during.done, during.total, during.percent) == (30, 120, 25)
    assert during.describe().startswith("Reading and checking the rows: 25% of the file")
    finished = read_job(tmp_path)
    assert finished is not None and (finished.state, finished.result) == ("done", "entry-1")


def test_a_job_says_which_stage_it_is_at(tmp_path: Path) -> None:
    stages: list[tuple[str, int | None]] = []

    def work(progress: Progress) -> str:
        progress(1, 4, "unpack")  # a new stage is written at once, however soon
        job = read_job(tmp_path)
        assert job is not None
        stages.append((job.describe().split(":")[0], job.percent))
        progress(2, 4)  # within REPORT_EVERY, but the rows are a new stage again
        job = read_job(tmp_path)
        assert job is not None
        stages.append((job.describe().split(":")[0], job.percent))
        return ""

    start_job(tmp_path, "check", work).join(10)
    assert stages == [
        ("Unpacking the zip and checking its files", 25),
        ("Reading and checking the rows", 50),
    ]
    # A job kept before stages were (no "stage" in job.json) reads as reading the rows.
    old = Job(kind="check", state="running", pid=os.getpid(), started=time.time(), done=1, total=2)
    assert old.describe().startswith("Reading and checking the rows: 50%")


def test_a_job_that_fails_says_why(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def refused(progress: Progress) -> str:
        raise JobFailed("export.csv: not a CSV file.")

    start_job(tmp_path, "check", refused).join(10)
    job = read_job(tmp_path)
    assert job is not None and (job.state, job.message) == (
        "failed",
        "export.csv: not a CSV file.",
    )

    def broken(progress: Progress) -> str:
        raise KeyError("a bug")

    with caplog.at_level(logging.ERROR):
        start_job(tmp_path, "import", broken).join(10)
    job = read_job(tmp_path)
    assert job is not None and job.state == "failed"
    assert (
        job.message.startswith("The import stopped with an error") and "a bug" not in job.message
    )
    assert "an admin import stopped" in caplog.text and "KeyError" in caplog.text


def test_a_job_whose_process_is_gone_was_interrupted(tmp_path: Path) -> None:
    job = Job(kind="import", state="running", pid=dead_pid(), started=time.time())
    (tmp_path / "job.json").write_text(json.dumps(job.__dict__), "utf-8")
    found = read_job(tmp_path)
    assert found is not None and found.state == "interrupted"
    assert read_job(tmp_path / "none") is None


def test_one_job_at_a_time_per_upload(tmp_path: Path) -> None:
    release = threading.Event()
    first = start_job(tmp_path, "import", lambda progress: str(release.wait(10)))
    with pytest.raises(JobRunning):
        start_job(tmp_path, "import", lambda progress: "second")
    release.set()
    first.join(10)
    start_job(tmp_path, "import", lambda progress: "again").join(10)
    assert read_job(tmp_path).result == "again"  # type: ignore[union-attr]
    # A job whose process died leaves its claim behind: it does not block a new one.
    (tmp_path / ".job.lock").touch()
    job = Job(kind="import", state="running", pid=dead_pid(), started=time.time())
    (tmp_path / "job.json").write_text(json.dumps(job.__dict__), "utf-8")
    start_job(tmp_path, "import", lambda progress: "after").join(10)
    assert read_job(tmp_path).result == "after"  # type: ignore[union-attr]


def test_a_discarded_upload_ends_its_job_quietly(tmp_path: Path) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()

    def work(progress: Progress) -> str:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()  # the admin discarded the upload while it was checked
        progress(1, 2)
        return ""

    start_job(folder, "check", work).join(10)
    assert not folder.exists()


@pytest.fixture()
def app(admin_config: dict[str, Any]) -> Flask:
    return create_app(admin_config | {"ADMIN_WAIT_SECONDS": 0})  # the progress page shows


@pytest.fixture()
def admin(app: Flask, admin_password: str) -> FlaskClient:
    client = app.test_client()
    client.post("/admin/login", data={"username": "admin", "password": admin_password})
    return client


def follow(admin: FlaskClient, url: str) -> str:
    """Open a page as the progress page's script would until the job is done; return it."""
    deadline = time.monotonic() + 60
    while True:
        page = admin.get(url, follow_redirects=True).text
        if "<progress" not in page or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


def test_upload_and_import_in_the_background(admin: FlaskClient, app: Flask) -> None:
    response = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(SAMPLE), "resources.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    review_url = response.headers["Location"]
    state = admin.get(review_url + "/job").get_json()
    assert state["kind"] == "check" and state["state"] in ("running", "done")
    assert state["next"] == review_url
    review = follow(admin, review_url)
    assert '<dd data-count="imported">352</dd>' in review

    response = admin.post(review_url + "/import")
    assert response.status_code == 303 and response.headers["Location"] == review_url
    result = follow(admin, review_url)
    assert "The directory now serves these resources" in result
    (entry,) = read_history(app.config["INDEX_DIR"])
    assert entry.imported == 352
    # Importing again is refused quietly: it shows the import that was made.
    again = admin.post(review_url + "/import", follow_redirects=True)
    assert "The directory now serves these resources" in again.text
    assert len(read_history(app.config["INDEX_DIR"])) == 1


def _running(admin: FlaskClient, app: Flask, kind: str, **fields: object) -> str:
    """Upload a file, then put a job of ``kind`` in its folder; return the review URL."""
    response = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(SAMPLE), "resources.csv")},
        content_type="multipart/form-data",
    )
    review_url = response.headers["Location"]
    follow(admin, review_url)
    folder = Path(app.config["UPLOAD_DIR"]) / review_url.rsplit("/", 1)[1]
    job = {"kind": kind, "state": "running", "pid": 0, "started": time.time() - 7}
    job |= {"done": 0, "total": 0, "message": "", "result": ""} | fields
    job["pid"] = job["pid"] or os.getpid()  # this process: alive
    (folder / "job.json").write_text(json.dumps(job), "utf-8")
    return review_url


def test_the_progress_page_says_how_far_the_job_has_got(admin: FlaskClient, app: Flask) -> None:
    review_url = _running(admin, app, "import", done=450, total=1000)
    page = admin.get(review_url).text
    assert "<h1>Importing resources.csv</h1>" in page
    assert 'value="45"' in page and "45% of the file (7 s so far)" in page
    assert f'data-job-url="{review_url}/job"' in page and f'href="{review_url}"' in page
    assert "Searches keep answering meanwhile" in page
    # A second click on Import while it runs starts nothing: it shows the progress.
    response = admin.post(review_url + "/import")
    assert response.headers["Location"] == review_url
    folder = Path(app.config["UPLOAD_DIR"]) / review_url.rsplit("/", 1)[1]
    assert read_job(folder) == Job(**json.loads((folder / "job.json").read_text()))
    assert read_job(folder).done == 450  # type: ignore[union-attr]  # untouched


def test_an_interrupted_import_can_be_run_again(admin: FlaskClient, app: Flask) -> None:
    review_url = _running(admin, app, "import", pid=dead_pid(), done=1000, total=1000)
    page = admin.get(review_url).text
    assert "The import was interrupted: the server stopped before it finished." in page
    assert "The directory has not changed." in page
    assert ">Import again</button>" in page
    admin.post(review_url + "/import")
    assert "The directory now serves these resources" in follow(admin, review_url)
