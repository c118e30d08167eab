"""The referral list: add and remove resources from any page, print it, export it as CSV.

The list is resource ids in the user's session (a signed cookie), never on the server's
disk. Forms post here and come back to the page they were on; with JavaScript, app.js posts
the same forms in the background and asks for JSON. Clearing the list keeps its ids under
a key of their own until the list next changes, so that "Undo" can bring them back.

The printed list is in the language asked for (``?lang=``), else the client's language
kept from the last assessment, else the page's; so are the email and the text message the
list page offers (``share``), and the printout's QR codes' labels. The case manager's name,
phone and note for the printout are kept in the session too, and cleared with the list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, gettext, ngettext
from flask_wtf.csrf import CSRFError  # type: ignore[import-untyped]

from referral_match import Resource
from webapp import i18n
from webapp.case import export, share
from webapp.directory import get_directory
from webapp.localized import date_in_words
from webapp.params import local_target
from webapp.security import csrf

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
        title = gettext("Not found") if status == 404 else gettext("Please check")
        return render_template("error.html", title=title, message=message), status
    return redirect(local_target(request.form.get("next"), url_for(".show")), code=303)


def add_to_list(rid: str) -> tuple[str, int]:
    """Add a resource to the list; return what happened and an HTTP status."""
    resource = get_directory().get(rid) if rid else None
    if resource is None:
        return gettext('There is no resource "%(id)s" in the directory.', id=rid), 404
    ids = listed()
    if rid not in ids:
        if len(ids) >= MAX_ITEMS:
            return gettext(
                "The list holds %(most)s referrals at most: remove some first.", most=MAX_ITEMS
            ), 400
        session[_KEY] = [*ids, rid]
        session.pop(_CLEARED_KEY, None)
    return gettext("Added %(name)s to the referral list.", name=resource.name), 200


def remove_from_list(rid: str) -> str:
    """Remove a resource from the list (nothing happens if it was not there)."""
    session[_KEY] = [i for i in listed() if i != rid]
    session.pop(_CLEARED_KEY, None)
    resource = get_directory().get(rid) if rid else None
    return gettext(
        "Removed %(name)s from the referral list.", name=resource.name if resource else rid
    )


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
    share.forget_case_manager()  # the note was for this client: Undo does not bring it back
    if ids:
        session[_CLEARED_KEY] = ids
    return _answer(gettext("The referral list is empty."))


@bp.post("/undo-clear")
def undo_clear() -> Any:
    """Bring back the list as it was before it was cleared."""
    cleared = list(session.pop(_CLEARED_KEY, ()))
    if not cleared:
        return _answer(gettext("There is no cleared list to bring back."))
    session[_KEY] = cleared
    return _answer(
        ngettext(
            "The referral list is back: %(num)s referral.",
            "The referral list is back: %(num)s referrals.",
            len(cleared),
        )
    )


def _list_page(form: Any = None, errors: dict[str, str] | None = None) -> str:
    """Render the list page; ``form`` and ``errors`` are the case manager's form sent back."""
    items = _resources()
    found = [r for _, r in items if r is not None]
    with force_locale(print_language()):  # the client reads them: in the printout's language
        email, text_message = share.email_link(found), share.text_message_link(found)
    words = share.case_manager()
    return render_template(
        "case/list.html",
        items=items,
        cleared=len(session.get(_CLEARED_KEY, ())),
        client_language=i18n.client_language(),
        email=email,
        text_message=text_message,
        case_manager=words,
        cm_form=form
        if form is not None
        else {"cm_name": words.name, "cm_phone": words.phone, "cm_note": words.note},
        cm_errors=errors or {},
        cm_saved=request.args.get("saved") == "1",
        cm_limits={name: most for name, (most, _) in share.FIELDS.items()},
    )


@bp.get("/")
def show() -> str:
    """Show the list, with links to print, export and share it, and "Undo" after a clear."""
    return _list_page()


# Exempt from the check before the view, to check here: a stale token shows the form again
# with what was typed, instead of an error page that loses it.
@csrf.exempt
@bp.post("/note")
def note() -> Any:
    """Keep the case manager's name, phone and note for the printout, in the session only."""
    words, errors = share.read_form(request.form)
    if current_app.config.get("WTF_CSRF_ENABLED"):
        try:
            csrf.protect()
        except CSRFError:
            errors = {
                "csrf_token": gettext(
                    "This form's security token had expired (it proves the form came from "
                    "this site). The answers are kept: check them and send it again."
                ),
                **errors,
            }
    if errors:
        return _list_page(request.form, errors), 400
    share.keep_case_manager(words)
    return redirect(url_for(".show", saved=1, _anchor="case-manager"), code=303)


def date_words(day: dt.date) -> str:
    """Return a date as a client reads it on paper: "3 December 2026" (in the page's language)."""
    return date_in_words(day)


def print_language() -> str:
    """Return the printout's language: asked for, else the client's, else the page's."""
    return (
        i18n.catalog_for(request.args.get("lang"))
        or i18n.client_language()
        or i18n.page_language()
    )


@bp.get("/print")
def printable() -> str:
    """Show the list as a clean page to print and hand to the client, in their language."""
    items = [(rid, r) for rid, r in _resources() if r is not None]
    with force_locale(print_language()):
        codes = {
            rid: share.qr_code(
                url_for("resources.show", resource_id=rid, _external=True),
                gettext("QR code of the page of %(name)s on this site", name=r.name),
            )
            for rid, r in items
        }
        return render_template(
            "case/print.html",
            items=items,
            qr_codes=codes,
            case_manager=share.case_manager(),
            printed_on=date_words(dt.date.today()),
            as_written_note=i18n.page_language() != i18n.SOURCE_LANGUAGE,
        )


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
