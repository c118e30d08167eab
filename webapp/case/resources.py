"""The resource page: everything known about one resource, with a map when it has a place."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote_plus

from flask import Blueprint, abort, current_app, render_template

from referral_match import Resource, ServiceArea
from webapp.directory import get_directory

bp = Blueprint("resources", __name__, url_prefix="/resources")

DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors"


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

    def place(key: str, suffix: str = "") -> str:
        name, _, state = key.partition("|")
        return f"{name.title()}{suffix}, {state}" if state else name.title() + suffix

    words = ["Anywhere in the US"] if area.national else []
    words += [place(c) for c in area.cities]
    words += [place(c, " County") for c in area.counties]
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
            parts.append(f"ages {el.min_age} to {el.max_age}")
        elif el.min_age is not None:
            parts.append(f"ages {el.min_age} and over")
        elif el.max_age is not None:
            parts.append(f"ages up to {el.max_age}")
    if el.genders and not el.said("gender"):
        parts.append(" or ".join(el.genders) + " only")
    if el.text:
        parts.append(el.text)
    elif el.populations:
        parts.append("for " + " or ".join(el.populations))
    words = "; ".join(parts)
    return words[:1].upper() + words[1:]


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
        map_attribution=current_app.config.get("MAP_ATTRIBUTION", DEFAULT_ATTRIBUTION),
    )
