"""Helpers that every page's templates use: links that change one filter, today's date."""

from __future__ import annotations

import datetime as dt

from flask import Flask

from webapp.params import page_url


def shown_apart(reason: str) -> bool:
    """Return True for a reason the result shows elsewhere: eligibility, verification."""
    return reason.startswith(
        ("Eligible: ", "Check: ", "Not eligible: ", "Last verified", "Never verified")
    )


def retitle(reason: str, titles: dict[str, str] | None) -> str:
    """Return a reason with needs said by their titles ("Housing", not "housing_instability")."""
    for label, title in (titles or {}).items():
        reason = reason.replace(f'"{label}"', f'"{title}"')
    return reason


def init_app(app: Flask) -> None:
    """Register the helpers with Jinja."""
    app.add_template_global(page_url)
    app.add_template_test(shown_apart)
    app.add_template_filter(retitle)

    app.add_template_global(dt.date.today, "today_date")
