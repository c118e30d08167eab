"""The search page: words, a place, needs and filters; results with distances and reasons."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from referral_match import InputError, SearchResults
from referral_match.directory import DEFAULT_RADIUS_MILES
from webapp import params
from webapp.case import languages
from webapp.directory import get_directory
from webapp.i18n import AsGiven, in_english
from webapp.localized import count, language_name
from webapp.params import page_url

bp = Blueprint("search", __name__)

PAGE_SIZE = 10
#: The form's element for each field an InputError may name.
FIELD_IDS = {"location": "near", "category": "needs", "page": "q", "limit": "q", "offset": "q"}
#: Radii offered when nothing was found nearby.
WIDER_RADII = (25, 50, 100)


def page_asked() -> int | None:
    """Return the page number asked for (1 when none), or None when it is not one (0, -1, x)."""
    try:
        number = params.whole(request.args, "page", gettext("The page number"))
    except InputError:
        return None
    if number is None:
        return 1
    return number if number >= 1 else None


def empty_state(radius: float | None) -> list[tuple[str, str]]:
    """Return what to change when nothing matched: (what, link) for each filter in use."""
    args = request.args
    hints = []
    if args.get("open_now"):
        hints.append((gettext("Include services that are closed now"), page_url(open_now=None)))
    if args.get("free"):
        hints.append((gettext("Include services that charge a fee"), page_url(free=None)))
    if args.get("language"):
        name = language_name(args["language"])
        hints.append(
            (
                gettext("Include services that do not list %(language)s", language=name),
                page_url(language=None),
            )
        )
    if args.get("age"):
        hints.append((gettext("Leave out the client's age"), page_url(age=None)))
    if args.getlist("category"):
        hints.append(
            (gettext("Look under every need, not only those ticked"), page_url(category=None))
        )
    if args.get("near"):
        wider = next((r for r in WIDER_RADII if r > (radius or DEFAULT_RADIUS_MILES)), None)
        if wider is not None:
            hints.append(
                (
                    gettext("Look within %(miles)s miles", miles=count(wider)),
                    page_url(radius=wider),
                )
            )
    return hints


@bp.get("/")
def index() -> ResponseReturnValue:
    """Show the search form and, when a search was asked, its results.

    A page number that is not one (``page=0``, ``page=x``) goes to the first page, and one
    past the last page to the last, so that the page never says "page 5 of 2".
    """
    directory = get_directory()
    args = request.args
    asked = page_asked()
    if asked is None:
        return redirect(page_url(page=None))
    text = args.get("q", "").strip()
    near = args.get("near", "").strip()
    categories = params.words(args, "category")
    language = args.get("language", "").strip()
    page: SearchResults | None = None
    error: InputError | None = None
    message = ""
    radius = age = None
    page_number = asked
    try:
        radius = params.number(args, "radius", gettext("The radius"))
        age = params.whole(args, "age", gettext("The age"))
    except InputError as exc:  # ours, in the page's language
        error, message = exc, exc.message
    try:
        if error is None and (text or near or categories):
            page = directory.search(
                text,
                near=near or None,
                radius_miles=radius if near else None,
                categories=categories,
                languages=[language] if language else [],
                age=age,
                free_only=args.get("free") == "1",
                open_now=args.get("open_now") == "1",
                limit=PAGE_SIZE,
                offset=(page_number - 1) * PAGE_SIZE,
                as_typed=args.get("as_typed") == "1",
            )
    except InputError as exc:  # the library's, in English
        error, message = exc, AsGiven(exc.message)
    pages = 0 if page is None else -(-page.total // PAGE_SIZE)
    if page is not None and page_number > max(pages, 1):
        return redirect(page_url(page=pages if pages > 1 else None))
    names = {t.code: t.name for t in directory.taxonomy.top_level()}
    active = [in_english(names.get(c, c)) for c in categories]  # the taxonomy's, in English
    active += [language_name(language)] if language else []
    age_given = args.get("age", "").strip()
    active += [gettext("age %(age)s", age=age_given)] if age_given else []
    active += [gettext("free only")] if args.get("free") == "1" else []
    active += [gettext("open now")] if args.get("open_now") == "1" else []
    language_choices = languages.choices()
    if language and language not in dict(language_choices):
        language_choices = [*language_choices, (language, language_name(language))]
    return render_template(
        "case/search.html",
        args=args,
        page=page,
        errors={FIELD_IDS.get(error.field or "q", error.field or "q"): message} if error else {},
        page_number=page_number,
        page_size=PAGE_SIZE,
        pages=pages,
        categories=directory.taxonomy.top_level(),
        chosen=set(categories),
        active=active,
        languages=language_choices,
        hints=empty_state(radius) if page is not None and not page.results else [],
        count=directory.count,
        default_radius=DEFAULT_RADIUS_MILES,
    ), (400 if error else 200)
