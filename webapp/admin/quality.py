"""The data-quality page: records that could send a client to the wrong door.

Each list can be sorted oldest first (by when it was last verified, never verified first)
or by name, and the whole page downloads as CSV for a spreadsheet, formulas neutralised
(in English, whatever the page's language, as the other downloads).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from referral_match.hsds.export import neutralise
from referral_match.model import Resource
from referral_match.quality import STALE_AFTER_DAYS, check_quality
from webapp.admin.auth import admin_required
from webapp.directory import get_directory

bp = Blueprint("quality", __name__, url_prefix="/admin/quality")

#: How a list may be ordered: its name in the query string, and in words.
SORTS = {"oldest": _l("Oldest first"), "name": _l("By name")}
CSV_COLUMNS = ("problem", "id", "name", "organization", "last_verified", "phone", "address")


def _sorted(items: list[Resource], sort: str) -> list[Resource]:
    if sort == "name":
        return sorted(items, key=lambda r: (r.name.casefold(), r.id))
    # Never verified first, then the longest ago.
    return sorted(items, key=lambda r: (r.last_verified or dt.date.min, r.name.casefold(), r.id))


def _findings(sort: str) -> dict[str, Any]:
    directory = get_directory()
    resources = {r.id: r for r in directory.resources()}
    report = check_quality(resources.values())
    sections = [
        (
            "stale",
            gettext("Not verified for more than %(days)s days", days=STALE_AFTER_DAYS),
            report.stale,
        ),
        ("never-verified", gettext("Never verified"), report.never_verified),
        ("no-coordinates", gettext("Address but no map position"), report.no_coordinates),
        ("no-phone", gettext("No phone number"), report.no_phone),
    ]
    return {
        "total": report.total,
        "sections": [
            (key, title, _sorted([resources[i] for i in ids], sort))
            for key, title, ids in sections
        ],
        "duplicates": [(resources[a], resources[b], why) for a, b, why in report.duplicates],
    }


def _sort() -> str:
    sort = request.args.get("sort", "oldest")
    return sort if sort in SORTS else "oldest"


@bp.get("/")
@admin_required
def show() -> Any:
    """List stale, never verified, unplaced and phoneless records, and likely duplicates."""
    sort = _sort()
    return render_template("admin/quality.html", sort=sort, sorts=SORTS, **_findings(sort))


@bp.get("/quality.csv")
@admin_required
def download() -> Response:
    """Download the same findings as CSV: one row per resource and problem."""
    with force_locale("en"):
        findings = _findings(_sort())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = [(title, r) for _, title, items in findings["sections"] for r in items]
    rows += [(f"Likely duplicate of {b.id}: {why}", a) for a, b, why in findings["duplicates"]]
    for problem, r in rows:
        verified = r.last_verified.isoformat() if r.last_verified else ""
        phone = r.phones[0] if r.phones else ""
        address = r.address.one_line() if r.address is not None else ""
        cells = [problem, r.id, r.name, r.organization, verified, phone, address]
        writer.writerow([neutralise(c) for c in cells])
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="data-quality.csv"'
    return response
