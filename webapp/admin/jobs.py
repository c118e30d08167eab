"""Run an upload's check or import in the background, its progress kept beside the upload.

Checking 100,000 rows takes about half a minute and importing them about a minute: longer
than a browser, or a proxy in front of the site, should wait for one page. So the work runs
in a thread of the server process that got the request, and writes how far it has got to
``job.json`` in the upload's folder. The progress page, whichever ``--workers`` process
serves it, reads that file and refreshes itself until the work is done. A job whose process
has gone (the server was stopped) is "interrupted": an interrupted import leaves the
directory as it was, since the index swaps only when a build is complete.

A check of a zip starts by unpacking it (stage "unpack"), in the job too: a zip can take
seconds to unpack and check, and a hostile one is refused there, its refusal kept as the
job's message, while the request that uploaded it has long answered.

A job started by a request runs in that request's app and language, so that its words (the
message of a failure) are in the admin's language; the library's messages stay in English
and the job says so (``given``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

from flask import current_app, has_request_context
from flask_babel import force_locale, gettext

from webapp.i18n import AsGiven, page_language
from webapp.localized import count

log = logging.getLogger(__name__)

#: A job reports its progress at most this often (seconds): it is a file write.
REPORT_EVERY = 0.5

Kind = Literal["check", "import"]
State = Literal["running", "done", "failed", "interrupted"]
#: What a job is doing: unpacking a zip, fetching from an HSDS API (``done`` counts the
#: services), or reading the rows (the import's progress).
Stage = Literal["unpack", "pull", "rows"]


class Progress(Protocol):
    """What a job's work gets: call it with (bytes done, bytes in all) as work goes on.

    It is also a plain ``(done, total)`` progress callback for ``import_directory``; the
    stage defaults to reading the rows.
    """

    def __call__(self, done: int, total: int, /, stage: Stage = "rows") -> None: ...


@dataclass(frozen=True)
class Job:
    """What a background job is doing, or what came of it."""

    kind: Kind
    state: State
    pid: int
    started: float
    done: int = 0
    total: int = 0
    #: For a failed job, what went wrong, in words for the admin.
    message: str = ""
    #: True when the message is the library's, in English (shown marked as such).
    given: bool = False
    #: For a finished import, the id of its history entry.
    result: str = ""
    #: What a running job is doing ("" in jobs written before stages were kept: the rows).
    stage: str = ""

    @property
    def percent(self) -> int | None:
        """Return how much of the file has been read, in percent, if that is known."""
        return min(100, round(100 * self.done / self.total)) if self.total else None

    @property
    def seconds(self) -> int:
        """Return how long the job has been running (or ran)."""
        return max(0, round(time.time() - self.started))

    def describe(self) -> str:
        """Say how far a running job has got, in words for the admin (in the page's language)."""
        took = gettext("%(seconds)s s so far", seconds=self.seconds)
        if self.stage == "unpack":
            if self.percent is not None:
                return gettext(
                    "Unpacking the zip and checking its files: %(percent)s%% (%(took)s).",
                    percent=self.percent,
                    took=took,
                )
            return gettext("Unpacking the zip and checking its files (%(took)s).", took=took)
        if self.stage == "pull":
            if self.total:
                return gettext(
                    "Fetching the services from the HSDS API: %(done)s of %(total)s (%(took)s).",
                    done=count(self.done),
                    total=count(self.total),
                    took=took,
                )
            return gettext(
                "Fetching the services from the HSDS API: %(done)s fetched (%(took)s).",
                done=count(self.done),
                took=took,
            )
        if self.percent is None:
            return gettext("Starting (%(took)s).", took=took)
        if self.kind == "import" and self.percent >= 100:
            return gettext("All rows read; building the new index (%(took)s).", took=took)
        return gettext(
            "Reading and checking the rows: %(percent)s%% of the file (%(took)s).",
            percent=self.percent,
            took=took,
        )


class JobRunning(Exception):
    """Raised by :func:`start_job` when the folder already has a job running."""


class JobFailed(Exception):
    """Raised by a job's work to end it with a message for the admin (state "failed")."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _path(folder: Path) -> Path:
    return folder / "job.json"


def _write(folder: Path, job: Job) -> None:
    # Written aside and renamed, so that a reader never sees half a file.
    temp = folder / f".job-{threading.get_ident()}.json"
    try:
        temp.write_text(json.dumps(asdict(job)), "utf-8")
        os.replace(temp, _path(folder))
    except FileNotFoundError:  # the upload was discarded meanwhile: nobody is waiting
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def read_job(folder: Path) -> Job | None:
    """Return the job of an upload folder, or None if it never had one."""
    try:
        data = json.loads(_path(folder).read_text("utf-8"))
    except FileNotFoundError:
        return None
    job = Job(**data)
    if job.state == "running" and not _alive(job.pid):
        return replace(job, state="interrupted")
    return job


def _claim(folder: Path) -> None:
    """Take the folder's job slot, or raise JobRunning (two clicks on Import, say)."""
    lock = folder / ".job.lock"
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return
        except FileExistsError:
            job = read_job(folder)
            if job is None or job.state == "running":
                raise JobRunning(str(folder)) from None
            lock.unlink(missing_ok=True)  # left by a process that died mid-job
    raise JobRunning(str(folder))


def _context() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """Return what a job's thread runs in: the starting request's app and language."""
    if not has_request_context():
        return contextlib.nullcontext
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    language = page_language()

    @contextlib.contextmanager
    def inside() -> Iterator[None]:
        with app.app_context(), force_locale(language):
            yield

    return inside


def _stopped(kind: Kind) -> str:
    if kind == "check":
        return gettext(
            "The check stopped with an error (it is in the server's log); the directory has "
            "not changed."
        )
    return gettext(
        "The import stopped with an error (it is in the server's log); the directory has "
        "not changed."
    )


def start_job(folder: Path, kind: Kind, work: Callable[[Progress], str]) -> threading.Thread:
    """Run ``work(progress)`` in a thread; keep its progress and outcome in ``folder``.

    ``work`` returns the job's result (a history entry id, or ""); it raises
    :class:`JobFailed` to end with a message. Any other exception is logged and said as
    a failure that changed nothing. Raises :class:`JobRunning` if the folder's previous job
    has not ended: one job at a time per upload.
    """
    _claim(folder)
    context = _context()
    job = Job(kind=kind, state="running", pid=os.getpid(), started=time.time())
    _write(folder, job)
    last = 0.0

    def progress(done: int, total: int, /, stage: Stage = "rows") -> None:
        nonlocal job, last
        now = time.monotonic()
        # A new stage shows at once: its words change, and its percent starts again.
        if now - last >= REPORT_EVERY or stage != job.stage:
            last = now
            job = replace(job, done=done, total=total, stage=stage)
            _write(folder, job)

    def run() -> None:
        nonlocal job
        try:
            with context():
                try:
                    result = work(progress)
                except JobFailed:
                    raise
                except Exception:
                    log.exception("an admin %s stopped", kind)
                    raise JobFailed(_stopped(kind)) from None
        except JobFailed as exc:
            given = isinstance(exc.message, AsGiven)
            job = replace(job, state="failed", message=exc.message, given=given)
        else:
            job = replace(job, state="done", done=job.total, result=result)
        _write(folder, job)
        (folder / ".job.lock").unlink(missing_ok=True)

    thread = threading.Thread(target=run, name=f"admin-{kind}", daemon=True)
    thread.start()
    return thread
