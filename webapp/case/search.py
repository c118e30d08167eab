"""The search page: words, a place, needs and filters; results with distances and reasons.

Also the map of results that the search and the assessment pages share (``results_map``):
each result's number on the page, and the points the page's map.js draws.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from referral_match import Directory, InputError, ReferralMatchError, SearchResult, SearchResults
from referral_match.directory import DEFAULT_RADIUS_MILES
from referral_match.geo.places import Place
from webapp import params
from webapp.case import languages
from webapp.case.resources import DEFAULT_ATTRIBUTION
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


@dataclass
class ResultsMap:
    """The results of a page as its map shows them, numbered as the page lists them.

    ``numbers`` gives each resource its number on the page (the first time it is shown);
    ``points`` are those with coordinates, in that order. The others are counted:
    ``by_phone`` have no address (by phone, online or on the move), ``unplaced`` have one
    that was never turned into coordinates.
    """

    numbers: dict[str, int] = field(default_factory=dict)
    points: list[dict[str, Any]] = field(default_factory=list)
    by_phone: int = 0
    unplaced: int = 0
    place: dict[str, Any] | None = None

    def data(self) -> dict[str, Any]:
        """Return what the page's map draws, as the JSON of its data block."""
        tiles = ""
        # Tiles under the results' map only when asked for: the map is whole without them,
        # and a page of results then asks nothing of another site.
        if current_app.config["RESULTS_MAP_TILES"]:
            tiles = str(current_app.config.get("MAP_TILES") or "")
        return {
            "points": self.points,
            "place": self.place,
            "tiles": tiles,
            "attribution": str(current_app.config.get("MAP_ATTRIBUTION") or DEFAULT_ATTRIBUTION),
        }


def client_place(directory: Directory, words: str) -> Place | None:
    """Return the place a search or match was centred on, for its map (None if lost).

    The search or match found it a moment ago, so this asks the same (cached) gazetteer
    or geocoder again; should it fail now, the map just leaves the place out.
    """
    try:
        return directory.locate(words)
    except ReferralMatchError:
        return None


def results_map(
    shown: Iterable[tuple[str, SearchResult]], place: Place | None, first: int = 1
) -> ResultsMap:
    """Number the results shown from ``first``, in page order; place those with coordinates.

    ``shown`` holds (element id prefix, result) for each card, in the page's order; a
    resource shown twice (the assessment's groups) keeps its first number and card.
    """
    found = ResultsMap()
    if place is not None:
        found.place = {"lat": place.latitude, "lon": place.longitude, "label": place.label}
    for key, result in shown:
        r = result.resource
        if r.id in found.numbers:
            continue
        number = found.numbers[r.id] = first + len(found.numbers)
        if r.latitude is None or r.longitude is None:
            if r.address is None:
                found.by_phone += 1
            else:
                found.unplaced += 1
            continue
        found.points.append(
            {
                "n": number,
                "label": f"{number}. {r.name}",
                "lat": round(r.latitude, 6),
                "lon": round(r.longitude, 6),
                "target": f"{key}r-{r.id}",
            }
        )
    return found


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
    shown = ResultsMap()
    if page is not None and page.results:
        place = client_place(directory, near) if page.location else None
        first = (page_number - 1) * PAGE_SIZE + 1  # as the list counts: 11 on page 2
        shown = results_map((("", r) for r in page.results), place, first)
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
        results_map=shown,
    ), (400 if error else 200)
