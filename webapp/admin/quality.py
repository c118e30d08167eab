"""The data-quality page: records that could send a client to the wrong door."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from referral_match.quality import STALE_AFTER_DAYS, check_quality
from webapp.admin.auth import admin_required
from webapp.directory import get_directory

bp = Blueprint("quality", __name__, url_prefix="/admin/quality")


@bp.get("/")
@admin_required
def show() -> Any:
    """List stale, never verified, unplaced and phoneless records, and likely duplicates."""
    directory = get_directory()
    resources = {r.id: r for r in directory.resources()}
    report = check_quality(resources.values())
    sections = [
        ("stale", f"Not verified for more than {STALE_AFTER_DAYS} days", report.stale),
        ("never-verified", "Never verified", report.never_verified),
        ("no-coordinates", "Address but no map position", report.no_coordinates),
        ("no-phone", "No phone number", report.no_phone),
    ]
    return render_template(
        "admin/quality.html",
        total=report.total,
        sections=[(key, title, [resources[i] for i in ids]) for key, title, ids in sections],
        duplicates=[(resources[a], resources[b], why) for a, b, why in report.duplicates],
    )
