"""Pull the directory from an HSDS 3.0 API from the admin area: the URL checked, the job run.

The admin gives the API's root URL; :func:`checked_url` refuses, in the admin's language,
what the server will not fetch (a scheme other than http or https, a user name or password,
a URL longer than ``MAX_URL_LENGTH``). A private or loopback address is allowed: a hub is
often on the local network, and the admin is signed in. The server makes the requests.

Each pull gets a folder of its own, ``<uploads>/pulls/<id>/`` with a random id made here,
holding ``pull.json`` (what was asked) and its background job's progress (``jobs``). The job
(:func:`pull_work`) is the library's ``import_directory(url, ...)``: everything is fetched
before anything is imported, and the index is swapped only when complete, so a pull that
fails leaves the directory as it was. Each pull, done or failed, is recorded in the history
with the URL as its source.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext

from referral_match import ImportReport, ReferralMatchError, import_directory
from referral_match.history import record_import
from referral_match.hsds.api_pull import PULL_FORMAT, PullOptions, PullReport, api_root
from webapp.admin.jobs import JobFailed, Progress, read_job
from webapp.i18n import AsGiven

#: The longest URL taken: an API's root URL is short, and the URL is shown in the history.
MAX_URL_LENGTH = 500
#: How the history records a pull of what changed, merged into the directory.
MERGED_FORMAT = PULL_FORMAT + "-merged"
#: Pulls are forgotten after this many seconds (their imports stay in the history).
KEEP_SECONDS = 24 * 60 * 60
EXAMPLE = "http://hub.example.org:8000/hsds/"

_ID = re.compile(r"^[0-9a-f]{32}$")


class PullRefused(ValueError):
    """The URL is not one the admin area pulls from; ``message`` says why and what to do.

    ``shown`` is False when the URL should not be written back into the form (it holds a
    password).
    """

    def __init__(self, message: str, *, shown: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.shown = shown


def checked_url(text: str) -> str:
    """Return the root of the HSDS API the admin typed, or raise PullRefused saying why."""
    url = text.strip()
    if not url:
        raise PullRefused(
            gettext("Give the URL of the HSDS API to pull from, such as %(url)s.", url=EXAMPLE)
        )
    if len(url) > MAX_URL_LENGTH:
        raise PullRefused(
            gettext(
                "The URL is %(length)s characters long; the longest taken is %(max)s. Give "
                "the API's root URL, such as %(url)s.",
                length=len(url),
                max=MAX_URL_LENGTH,
                url=EXAMPLE,
            ),
            shown=False,
        )
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise PullRefused(gettext("The URL holds a space or a control character: type it again."))
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        # Checked first: a URL with a password is never written back into the page.
        raise PullRefused(
            gettext(
                "The URL holds a user name or password (before the @), which are never sent "
                "(nor kept): give the URL without them. An API that needs a password cannot "
                "be pulled from here."
            ),
            shown=False,
        )
    if parts.scheme.lower() not in ("http", "https"):
        raise PullRefused(
            gettext(
                "Only http:// and https:// URLs are pulled from, such as %(url)s.", url=EXAMPLE
            )
        )
    try:
        port = parts.port
    except ValueError:  # not a number, or past 65535
        port = 0
    if not parts.hostname or port == 0:
        raise PullRefused(
            gettext(
                "The URL names no server, or a port that is not a number from 1 to 65535: "
                "give it as %(url)s.",
                url=EXAMPLE,
            )
        )
    if parts.query or parts.fragment:
        raise PullRefused(
            gettext(
                "The URL has a query (?…) or a fragment (#…): give the API's root URL only, "
                "such as %(url)s.",
                url=EXAMPLE,
            )
        )
    try:
        return api_root(url)
    except ReferralMatchError as exc:  # what the checks above did not foresee
        raise PullRefused(AsGiven(exc.message)) from exc


@dataclass(frozen=True)
class Pulling:
    """A pull asked for in the admin area: its id, folder, the API's URL and how much."""

    id: str
    folder: Path
    url: str
    since_last_pull: bool


def new_pull(root: Path, url: str, *, since_last_pull: bool) -> Pulling:
    """Make the folder of a new pull of ``url`` (checked) under root; return the pull."""
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    pull_id = secrets.token_hex(16)
    folder = root / pull_id
    folder.mkdir()
    meta = {"url": url, "since_last_pull": since_last_pull}
    temp = folder / ".pull.json"
    temp.write_text(json.dumps(meta), "utf-8")
    os.replace(temp, folder / "pull.json")
    return Pulling(pull_id, folder, url, since_last_pull)


def load_pull(pull_id: str, root: Path) -> Pulling | None:
    """Return the pull with this id, or None (an unknown or malformed id)."""
    if not _ID.match(pull_id):
        return None
    folder = root / pull_id
    try:
        meta = json.loads((folder / "pull.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return Pulling(pull_id, folder, str(meta["url"]), bool(meta["since_last_pull"]))


def running_pull(root: Path) -> Pulling | None:
    """Return a pull whose job is still running, if there is one: one pull at a time."""
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        job = read_job(folder) if _ID.match(folder.name) else None
        if job is not None and job.state == "running":
            return load_pull(folder.name, root)
    return None


def _sweep(root: Path) -> None:
    """Delete the folders of pulls older than KEEP_SECONDS that are not running."""
    horizon = time.time() - KEEP_SECONDS
    for folder in root.iterdir():
        if not _ID.match(folder.name) or folder.stat().st_mtime >= horizon:
            continue
        job = read_job(folder)
        if job is None or job.state != "running":
            shutil.rmtree(folder, ignore_errors=True)


def pull_work(
    pulling: Pulling, index_dir: str, options: PullOptions | None = None
) -> Callable[[Progress], str]:
    """Return the background job's work: pull, import, record; its result the history entry.

    A pull the library refuses (down, not HSDS, failing part-way, nothing to import) is
    recorded in the history as an import that changed nothing, and ends the job with the
    library's message.
    """

    def work(progress: Progress) -> str:
        try:
            report = import_directory(
                pulling.url,
                index_dir,
                since_last_pull=pulling.since_last_pull,
                pull=options,
                progress=progress,
                pull_progress=lambda done, total: progress(done, total, "pull"),
            )
        except ReferralMatchError as exc:
            failed = ImportReport()
            failed.reject(pulling.url, None, None, None, exc.message)
            record_import(index_dir, failed, source=pulling.url, format=PULL_FORMAT)
            raise JobFailed(AsGiven(exc.message)) from exc
        merged = isinstance(report, PullReport) and report.merged
        fmt = MERGED_FORMAT if merged else PULL_FORMAT
        return record_import(index_dir, report, source=pulling.url, format=fmt).id

    return work
