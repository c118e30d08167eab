"""The admin area: upload a file, review its validation report, import it; the history.

A directory is also pulled from an HSDS 3.0 API (``pulls``): the form's URL is checked
here, then fetched and imported in a background job, and recorded in the history.

Every view needs the admin's sign-in (``webapp.admin.auth``) and every form a CSRF token
(``webapp.security``). The import itself is the library's: a new index generation is built
beside the live one and swapped in atomically, so searches keep answering throughout.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from referral_match import ImportReport, ReferralMatchError, import_directory
from referral_match.history import read_history, read_history_report, record_import
from referral_match.importer import Format
from referral_match.sources.mapping import MappingError
from referral_match.sources.mapping_draft import suggest_mapping
from webapp.admin import pulls
from webapp.admin.auth import admin_required
from webapp.admin.jobs import Job, JobFailed, JobRunning, Progress, read_job, start_job
from webapp.admin.report_csv import report_csv
from webapp.admin.row_names import add_row_names
from webapp.admin.uploads import (
    MAX_UNPACKED_BYTES,
    Upload,
    UploadRejected,
    load_upload,
    store_upload,
    zip_limits,
)
from webapp.i18n import AsGiven

bp = Blueprint("admin", __name__, url_prefix="/admin")

FORMATS = {
    "auto": _l("Tell from the file"),
    "flat": _l("Flat CSV (one row per resource)"),
    "hsds": _l("Open Referral HSDS package"),
    "ohana": _l("Ohana CSV export"),
    "hsds-json": _l("HSDS 3.0 JSON (services, or one per line)"),
}
#: How the history names the formats of pulls (never offered for an upload).
PULLED = {
    pulls.PULL_FORMAT: _l("HSDS 3.0 API"),
    pulls.MERGED_FORMAT: _l("HSDS 3.0 API, what changed (merged)"),
}
#: How the history records the format of an import read through a mapping.
MAPPED_BY = "mapped by "


@bp.app_template_filter()
def format_words(fmt: str) -> str:
    """Return an import's format in words: a history entry keeps its code ("flat")."""
    if fmt in FORMATS:
        return str(FORMATS[fmt])
    if fmt in PULLED:
        return str(PULLED[fmt])
    if fmt.startswith(MAPPED_BY):
        return gettext("mapped by %(mapping)s", mapping=fmt.removeprefix(MAPPED_BY))
    return fmt


def _wait_seconds() -> float:
    """Return how long a request waits for its job before showing the progress page."""
    return float(current_app.config.get("ADMIN_WAIT_SECONDS", 3))


def _index_dir() -> str:
    return str(current_app.config["INDEX_DIR"])


def _uploads() -> Path:
    """Return the folder for uploads: ``UPLOAD_DIR``, else ``<instance>/uploads``."""
    return Path(current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path, "uploads"))


def _pulls() -> Path:
    """Return the folder of the pulls' jobs, beside the uploads."""
    return _uploads() / "pulls"


def _upload_or_404(upload_id: str) -> Upload:
    upload = load_upload(upload_id, _uploads())
    if upload is None:
        abort(404)
    return upload


def _index_page(
    error: str | None = None,
    status: int = 200,
    *,
    suggest_error: str | None = None,
    pull_error: str | None = None,
    pull_url: str = "",
    since_last_pull: bool = False,
) -> tuple[str, int]:
    return render_template(
        "admin/index.html",
        formats=FORMATS,
        history=read_history(_index_dir()),
        error=error,
        suggest_error=suggest_error,
        pull_error=pull_error,
        pull_url=pull_url,
        since_last_pull=since_last_pull,
        max_url_length=pulls.MAX_URL_LENGTH,
    ), status


@bp.get("/")
@admin_required
def index() -> Any:
    """Show the upload form and the import history."""
    return _index_page()


@bp.post("/upload")
@admin_required
def upload() -> Any:
    """Store the uploaded file, validate it without importing, and show the review page.

    The request only saves the file; a background job unpacks a zip (within
    ``MAX_UPLOAD_UNPACKED_BYTES``) and checks the rows. A refusal that comes within
    ``ADMIN_WAIT_SECONDS`` is shown on the upload form (400), a later one on the progress
    page.
    """
    file = request.files.get("file")
    mapping = request.files.get("mapping")
    if mapping is not None and not mapping.filename:
        mapping = None  # the optional mapping field left empty
    fmt = request.form.get("format", "auto")
    if fmt not in FORMATS:
        return _index_page(
            gettext("Unknown format %(format)s: choose one from the list.", format=repr(fmt)),
            400,
        )
    if file is None or not file.filename:
        return _index_page(gettext("Choose a file to upload."), 400)
    if mapping is not None and fmt not in ("auto", "flat"):
        return _index_page(
            gettext(
                "A mapping reads another system's CSV export, not an %(format)s: choose "
                "“%(auto)s”, or upload the package without a mapping.",
                format=FORMATS[fmt],
                auto=FORMATS["auto"],
            ),
            400,
        )
    try:
        stored = store_upload(file, _uploads(), fmt, mapping=mapping)
    except UploadRejected as exc:
        return _index_page(exc.message, 400)
    index_dir = _index_dir()
    limits = zip_limits(
        int(current_app.config.get("MAX_UPLOAD_UNPACKED_BYTES", MAX_UNPACKED_BYTES))
    )

    def check(progress: Progress) -> str:
        try:
            ready = stored.unpack(limits, lambda done, total: progress(done, total, "unpack"))
        except UploadRejected as exc:
            stored.discard_data()  # nothing of a refused zip is kept; its refusal is
            raise JobFailed(exc.message) from exc
        try:
            mapping = ready.mapping()
            report = import_directory(
                ready.source,
                index_dir,
                format=cast(Format, fmt),
                dry_run=True,
                mapping=mapping,
                progress=progress,
            )
        except ReferralMatchError as exc:
            # A mapping's message names the mapping file; others are about the upload.
            where = "" if isinstance(exc, MappingError) else f"{ready.name}: "
            raise JobFailed(AsGiven(where + exc.message)) from exc
        report = ready.name_files(report)
        kept = report.to_dict() | {"rejected_rows": report.rejected_rows}
        kept = add_row_names(kept, ready.source, ready.name, mapping)
        if ready.folder.is_dir():  # not discarded while it was checked
            ready.keep_report(kept)
        return ""

    start_job(stored.folder, "check", check).join(_wait_seconds())
    job = read_job(stored.folder)
    if job is not None and job.state == "failed":  # a file that cannot be read at all
        stored.discard()
        return _index_page(AsGiven(job.message) if job.given else job.message, 400)
    return redirect(url_for("admin.review", upload_id=stored.id), code=303)


@bp.post("/suggest-mapping")
@admin_required
def suggest() -> Any:
    """Return a proposed mapping for another system's CSV export, as a .toml download."""
    file = request.files.get("export")
    if file is None or not file.filename:
        return _index_page(
            suggest_error=gettext("Choose the export (a .csv file) to suggest a mapping for."),
            status=400,
        )
    try:
        stored = store_upload(file, _uploads(), "flat")
    except UploadRejected as exc:
        return _index_page(suggest_error=exc.message, status=400)
    try:
        if not stored.unpacked:  # a zip: unpacking it is a background job's work
            return _index_page(
                suggest_error=gettext(
                    "%(file)s is a zip: upload the export itself, the one CSV.", file=stored.name
                ),
                status=400,
            )
        text = suggest_mapping(stored.source)
    except ReferralMatchError as exc:
        return _index_page(suggest_error=AsGiven(f"{stored.name}: {exc.message}"), status=400)
    finally:
        stored.discard()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(stored.name).stem).strip("-")[:60] or "export"
    response = Response(text, mimetype="application/toml")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-mapping.toml"'
    return response


@bp.get("/uploads/<upload_id>")
@admin_required
def review(upload_id: str) -> Any:
    """Show the validation report of an upload, with Import and Download buttons.

    While its check or import runs, show how far it has got instead; once imported, go to
    the import's report.
    """
    stored = _upload_or_404(upload_id)
    job = read_job(stored.folder)
    if job is not None and job.kind == "import" and job.state == "done":
        return redirect(url_for("admin.history_report", entry_id=job.result), code=303)
    if job is not None and job.state != "done":
        # A refused zip shows here too: its job's message says which limit it went over.
        return render_template("admin/progress.html", upload=stored, job=job)
    return render_template(
        "admin/review.html",
        upload=stored,
        report=stored.report() or {},
        format_name=str(FORMATS.get(stored.format, stored.format)),
    )


@bp.get("/uploads/<upload_id>/report.csv")
@admin_required
def review_csv(upload_id: str) -> Response:
    """Download the validation report of an upload as CSV."""
    stored = _upload_or_404(upload_id)
    return _csv_response(report_csv(stored.report() or {}), f"report-{stored.id[:8]}.csv")


@bp.get("/uploads/<upload_id>/job")
@admin_required
def job_status(upload_id: str) -> Any:
    """Return how far an upload's check or import has got, as JSON (for the progress page)."""
    stored = _upload_or_404(upload_id)
    job = read_job(stored.folder)
    if job is None:
        abort(404)
    return _job_json(job, job.kind, url_for("admin.review", upload_id=stored.id))


def _job_json(job: Job, kind: str, next_url: str) -> dict[str, Any]:
    """Return a job's state as the progress page's script reads it."""
    return {
        "kind": kind,
        "state": job.state,
        "percent": job.percent,
        "words": job.describe(),
        "next": next_url,
    }


@bp.post("/uploads/<upload_id>/import")
@admin_required
def run_import(upload_id: str) -> Any:
    """Import the reviewed upload into the live directory and record it in the history."""
    stored = _upload_or_404(upload_id)
    job = read_job(stored.folder)
    if job is not None and (
        job.kind == "import" and job.state == "done" or job.state == "running"
    ):
        # Already importing or imported (a second click): show where it is.
        return redirect(url_for("admin.review", upload_id=stored.id), code=303)
    if not stored.unpacked or job is None or job.kind == "check" and job.state != "done":
        # Not checked (a zip not unpacked, a check refused or stopped): never import it.
        return redirect(url_for("admin.review", upload_id=stored.id), code=303)
    index_dir = _index_dir()

    def work(progress: Progress) -> str:
        try:
            report = import_directory(
                stored.source,
                index_dir,
                format=cast(Format, stored.format),
                mapping=stored.mapping(),
                progress=progress,
            )
            report = stored.name_files(report)
        except ReferralMatchError as exc:
            report = ImportReport()
            report.reject(stored.name, None, None, None, exc.message)
        fmt = MAPPED_BY + stored.mapping_name if stored.mapping_name else stored.format
        entry = record_import(index_dir, report, source=stored.name, format=fmt)
        stored.discard_data()  # the job's outcome stays, for the page waiting on it
        return entry.id

    try:
        start_job(stored.folder, "import", work).join(_wait_seconds())
    except JobRunning:  # a second click that got past the check above
        pass
    return redirect(url_for("admin.review", upload_id=stored.id), code=303)


@bp.post("/uploads/<upload_id>/discard")
@admin_required
def discard(upload_id: str) -> Any:
    """Throw an upload away without importing it, once the admin has confirmed.

    An upload with resources that could still be imported asks first, on a page of its
    own (so that it works without JavaScript); one that was refused has nothing to lose.
    """
    stored = _upload_or_404(upload_id)
    report = stored.report()
    if report and report.get("imported") and request.form.get("confirm") != "yes":
        return render_template("admin/discard.html", upload=stored, report=report)
    stored.discard()
    return redirect(url_for("admin.index"), code=303)


@bp.post("/pull")
@admin_required
def pull() -> Any:
    """Check the URL of an HSDS API, then pull and import it in a background job.

    A URL the server will not fetch is refused on the form (400). The pull's page follows
    the job and goes on to the import's report; while a pull runs, another shows it.
    """
    typed = request.form.get("url", "")
    since_last_pull = request.form.get("since_last_pull") == "yes"
    try:
        url = pulls.checked_url(typed)
    except pulls.PullRefused as exc:
        return _index_page(
            pull_error=exc.message,
            status=400,
            pull_url=typed[: pulls.MAX_URL_LENGTH] if exc.shown else "",
            since_last_pull=since_last_pull,
        )
    running = pulls.running_pull(_pulls())
    if running is not None:
        return redirect(url_for("admin.pull_page", pull_id=running.id), code=303)
    pulling = pulls.new_pull(_pulls(), url, since_last_pull=since_last_pull)
    work = pulls.pull_work(pulling, _index_dir())
    start_job(pulling.folder, "import", work).join(_wait_seconds())
    return redirect(url_for("admin.pull_page", pull_id=pulling.id), code=303)


def _pull_or_404(pull_id: str) -> pulls.Pulling:
    pulling = pulls.load_pull(pull_id, _pulls())
    if pulling is None:
        abort(404)
    return pulling


@bp.get("/pulls/<pull_id>")
@admin_required
def pull_page(pull_id: str) -> Any:
    """Show how far a pull has got, or why it failed; once imported, the import's report."""
    pulling = _pull_or_404(pull_id)
    job = read_job(pulling.folder)
    if job is None:
        abort(404)
    if job.state == "done":
        return redirect(url_for("admin.history_report", entry_id=job.result), code=303)
    return render_template("admin/pull.html", pulling=pulling, job=job)


@bp.get("/pulls/<pull_id>/job")
@admin_required
def pull_status(pull_id: str) -> Any:
    """Return how far a pull has got, as JSON (for its page's script)."""
    pulling = _pull_or_404(pull_id)
    job = read_job(pulling.folder)
    if job is None:
        abort(404)
    return _job_json(job, "pull", url_for("admin.pull_page", pull_id=pulling.id))


@bp.get("/history/<entry_id>")
@admin_required
def history_report(entry_id: str) -> Any:
    """Show the report of one past import."""
    entry = next((e for e in read_history(_index_dir()) if e.id == entry_id), None)
    report = read_history_report(_index_dir(), entry_id)
    if entry is None or report is None:
        abort(404)
    pulled = entry.format in PULLED
    return render_template("admin/import.html", entry=entry, report=report, pulled=pulled)


@bp.get("/history/<entry_id>/report.csv")
@admin_required
def history_csv(entry_id: str) -> Response:
    """Download the report of one past import as CSV."""
    report = read_history_report(_index_dir(), entry_id)
    if report is None:
        abort(404)
    return _csv_response(report_csv(report), f"import-{entry_id}.csv")


def _csv_response(text: str, filename: str) -> Response:
    response = Response("\ufeff" + text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
