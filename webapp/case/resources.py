"""The resource page: everything known about one resource, with a map when it has a place."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote_plus

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from referral_match import Resource, ServiceArea
from webapp.directory import get_directory
from webapp.localized import capitalized, either, gender_words, population_words

bp = Blueprint("resources", __name__, url_prefix="/resources")

#: The map's credit to the tile server's data, unless MAP_ATTRIBUTION says otherwise.
DEFAULT_ATTRIBUTION = _l("© OpenStreetMap contributors")


def tiles() -> str:
    """Return the configured tile URL template ("" when maps are off)."""
    return str(current_app.config["MAP_TILES"])


def directions_url(resource: Resource) -> str | None:
    """Return a link that opens directions to the resource in the visitor's map app."""
    if resource.address is not None and resource.address.street:
        destination = resource.address.one_line()
    elif resource.has_coordinates:
        destination = f"{resource.latitude:.6f},{resource.longitude:.6f}"
    else:
        return None
    return "https://www.google.com/maps/dir/?api=1&destination=" + quote_plus(destination)


def area_words(area: ServiceArea) -> list[str]:
    """Return a service area as words: "Redwood City, CA", "San Mateo County, CA"..."""

    def place(key: str, county: bool = False) -> str:
        name, _, state = key.partition("|")
        name = gettext("%(name)s County", name=name.title()) if county else name.title()
        return f"{name}, {state}" if state else name

    words = [gettext("Anywhere in the US")] if area.national else []
    words += [place(c) for c in area.cities]
    words += [place(c, county=True) for c in area.counties]
    words += list(area.states) + list(area.zips)
    return words


@bp.app_template_global()
def who_words(resource: Resource) -> str:
    """Return who a resource serves in one line ("Ages 18 and over; female only"), or "".

    Its ages and genders come first, then its eligibility text, or without one the groups
    it serves (any of them); a rule read from the text is left to the text, which says it.
    """
    el = resource.eligibility
    parts: list[str] = []
    if not el.said("age"):
        if el.min_age is not None and el.max_age is not None:
            parts.append(gettext("ages %(min)s to %(max)s", min=el.min_age, max=el.max_age))
        elif el.min_age is not None:
            parts.append(gettext("ages %(min)s and over", min=el.min_age))
        elif el.max_age is not None:
            parts.append(gettext("ages up to %(max)s", max=el.max_age))
    if el.genders and not el.said("gender"):
        parts.append(gettext("%(genders)s only", genders=either(gender_words(el.genders))))
    if el.text:
        parts.append(el.text)
    elif el.populations:
        groups = either(population_words(el.populations))
        parts.append(gettext("for %(groups)s", groups=groups))
    return capitalized("; ".join(parts))


def safe_website(url: str) -> str | None:
    """Return the website if it is an http(s) address, the only kind worth a link."""
    return url if url.lower().startswith(("https://", "http://")) else None


@bp.get("/<path:resource_id>")
def show(resource_id: str) -> str:
    """Show one resource."""
    directory = get_directory()
    resource = directory.get(resource_id)
    if resource is None:
        abort(404)
    categories = [
        (code, term.name if (term := directory.taxonomy.get(code)) else code)
        for code in resource.categories
    ]
    return render_template(
        "case/resource.html",
        r=resource,
        categories=categories,
        area=area_words(resource.service_area),
        directions=directions_url(resource),
        website=safe_website(resource.website),
        open_now=resource.is_open(dt.datetime.now(dt.UTC)),
        map_tiles=tiles() if resource.has_coordinates else "",
        map_attribution=str(current_app.config.get("MAP_ATTRIBUTION", DEFAULT_ATTRIBUTION)),
    )
