"""The referral list: add and remove resources from any page, print it, export it as CSV.

The list is resource ids in the user's session (a signed cookie), never on the server's
disk. Forms post here and come back to the page they were on; with JavaScript, app.js posts
the same forms in the background and asks for JSON. Clearing the list keeps its ids under
a key of their own until the list next changes, so that "Undo" can bring them back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    Response,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from referral_match import Resource
from webapp.case import export
from webapp.directory import get_directory
from webapp.params import local_target

bp = Blueprint("referrals", __name__, url_prefix="/list")

#: Most referrals a list holds (the session cookie must stay under 4 KB).
MAX_ITEMS = 50
_KEY = "referrals"
#: The ids of the list last cleared, kept until the list changes again.
_CLEARED_KEY = "referrals_cleared"


def listed() -> list[str]:
    """Return the ids on the user's list, in the order they were added."""
    return list(session.get(_KEY, ()))


@bp.app_context_processor
def list_count() -> dict[str, Any]:
    """Give every page the list's length, for the count in the navigation."""
    return {"referral_count": len(listed())}


@bp.app_template_global()
def listed_ids() -> frozenset[str]:
    """Return the ids on the list, for the add/remove buttons."""
    return frozenset(listed())


def _resources() -> list[tuple[str, Resource | None]]:
    directory = get_directory()
    return [(rid, directory.get(rid)) for rid in listed()]


def _answer(message: str, status: int = 200) -> Any:
    """Answer a list change: JSON for app.js, else back to the page the form was on."""
    ids = listed()
    if request.accept_mimetypes.best == "application/json":
        rid = request.form.get("id", "")
        return jsonify(message=message, count=len(ids), in_list=rid in ids), status
    if status >= 400:
        title = "Not found" if status == 404 else "Please check"
        return render_template("error.html", title=title, message=message), status
    return redirect(local_target(request.form.get("next"), url_for(".show")), code=303)


def add_to_list(rid: str) -> tuple[str, int]:
    """Add a resource to the list; return what happened and an HTTP status."""
    resource = get_directory().get(rid) if rid else None
    if resource is None:
        return f'There is no resource "{rid}" in the directory.', 404
    ids = listed()
    if rid not in ids:
        if len(ids) >= MAX_ITEMS:
            return f"The list holds {MAX_ITEMS} referrals at most: remove some first.", 400
        session[_KEY] = [*ids, rid]
        session.pop(_CLEARED_KEY, None)
    return f"Added {resource.name} to the referral list.", 200


def remove_from_list(rid: str) -> str:
    """Remove a resource from the list (nothing happens if it was not there)."""
    session[_KEY] = [i for i in listed() if i != rid]
    session.pop(_CLEARED_KEY, None)
    resource = get_directory().get(rid) if rid else None
    return f"Removed {resource.name if resource else rid} from the referral list."


@bp.post("/add")
def add() -> Any:
    """Add a resource to the list."""
    return _answer(*add_to_list(request.form.get("id", "").strip()))


@bp.post("/remove")
def remove() -> Any:
    """Remove a resource from the list."""
    return _answer(remove_from_list(request.form.get("id", "").strip()))


@bp.post("/clear")
def clear() -> Any:
    """Empty the list, keeping its ids for "Undo" until the list changes again."""
    ids = listed()
    session.pop(_KEY, None)
    if ids:
        session[_CLEARED_KEY] = ids
    return _answer("The referral list is empty.")


@bp.post("/undo-clear")
def undo_clear() -> Any:
    """Bring back the list as it was before it was cleared."""
    cleared = list(session.pop(_CLEARED_KEY, ()))
    if not cleared:
        return _answer("There is no cleared list to bring back.")
    session[_KEY] = cleared
    return _answer(f"The referral list is back: {len(cleared)} referrals.")


@bp.get("/")
def show() -> str:
    """Show the list, with links to print and export it, and "Undo" after a clear."""
    return render_template(
        "case/list.html", items=_resources(), cleared=len(session.get(_CLEARED_KEY, ()))
    )


def date_words(day: dt.date) -> str:
    """Return a date as a client reads it on paper: "3 December 2026"."""
    return f"{day.day} {day:%B %Y}"


@bp.get("/print")
def printable() -> str:
    """Show the list as a clean page to print and hand to the client."""
    items = [(rid, r) for rid, r in _resources() if r is not None]
    return render_template("case/print.html", items=items, printed_on=date_words(dt.date.today()))


@bp.get("/export.csv")
def export_csv() -> Response:
    """Download the list as CSV, formulas neutralised."""
    resources = [r for _, r in _resources() if r is not None]
    name = f"referrals-{dt.date.today().isoformat()}.csv"
    return Response(
        export.to_csv(resources).encode("utf-8-sig"),  # the BOM makes Excel read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
