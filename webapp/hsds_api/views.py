"""The HSDS 3.0 API under /hsds/: listings paged or streamed, records by id, and its document.

Records are those of ``referral-match export --format hsds`` (same ids, same values), from
the catalog of the generation being served. Errors are JSON, as under ``/api/v1``:
``{"error": {"status", "message", "fields": {parameter: [what to fix]}}}``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import Blueprint, Flask, Response, current_app, jsonify, request

from referral_match import InputError
from referral_match.hsds.api_pages import json_page, ndjson_lines
from referral_match.hsds.api_query import Nearby, postcode_place
from webapp.directory import get_directory
from webapp.hsds_api import catalog as catalogs
from webapp.hsds_api import params
from webapp.hsds_api.catalog import get_catalog
from webapp.hsds_api.openapi import HSDS_VERSION, openapi_document
from webapp.json_errors import json_error, register_json_errors

bp = Blueprint("hsds_api", __name__, url_prefix="/hsds")

#: Where a profile of HSDS would be described; this API serves HSDS 3.0 as it is.
DEFAULT_PROFILE = "https://docs.openreferral.org/en/3.0/"
_JSON = "application/json"


def init_app(app: Flask) -> None:
    """Register the blueprint and the catalog it pages from."""
    catalogs.init_app(app)
    app.register_blueprint(bp)


register_json_errors(bp)


def _error(status: int, message: str, field: str | None = None) -> Response:
    return json_error(status, message, {field: [message]} if field else None)


def _missing(what: str, item_id: str) -> Response:
    return _error(404, f'There is no {what} with the id "{item_id[:100]}".', "id")


def _listing(
    layout: params.Listing, items: Sequence[int], render: Callable[[int], bytes]
) -> Response:
    """Answer a listing: a page of it, or all of it as newline-delimited JSON."""
    if layout.format == "ndjson":
        return Response(ndjson_lines(items, render), mimetype="application/x-ndjson")
    per_page = layout.per_page or max(1, len(items))
    return Response(json_page(items, layout.page, per_page, render), mimetype=_JSON)


def _record(body: bytes) -> Response:
    return Response(body, mimetype=_JSON)


@bp.get("/")
def about() -> Response:
    """Say what this API is: its HSDS version, profile and OpenAPI document."""
    return jsonify(
        {
            "version": HSDS_VERSION,
            "profile": current_app.config.get("HSDS_PROFILE", DEFAULT_PROFILE),
            "openapi_url": request.host_url + "hsds/openapi.json",
        }
    )


@bp.get("/openapi.json")
def openapi() -> Response:
    """Return this API's OpenAPI 3.1 document, with this server's URL."""
    return jsonify(openapi_document(request.host_url + "hsds"))


@bp.get("/services")
def services() -> Response:
    """List services: filtered, paged or streamed; minimal, one-to-one or full."""
    args = request.args
    minimal, full = params.flag(args, "minimal"), params.flag(args, "full")
    if minimal and full:
        raise InputError("minimal and full cannot both be true: choose one.", field="minimal")
    layout, query = params.listing(args, all_by_default=minimal), params.service_filter(args)
    form = "minimal" if minimal else "full" if full else "list"
    catalog = get_catalog()
    return _listing(layout, catalog.services(query), lambda p: catalog.service_item(p, form))


@bp.get("/services/<path:item_id>")
def service(item_id: str) -> Response:
    """Return one service, fully nested."""
    catalog = get_catalog()
    p = catalog.service_position(item_id)
    if p is None:
        return _missing("service", item_id)
    return _record(catalog.service_item(p, "full"))


@bp.get("/organizations")
def organizations() -> Response:
    """List organizations: alone, with their services listed, or with them nested."""
    args = request.args
    nested = "full" if params.flag(args, "full_service") else "list"
    services_with = nested if params.flag(args, "full") or nested == "full" else "none"
    layout, search = params.listing(args), params.text(args, "search") or ""
    catalog = get_catalog()
    found = catalog.organizations(search)
    return _listing(layout, found, lambda p: catalog.organization_item(p, services_with))


@bp.get("/organizations/<path:item_id>")
def organization(item_id: str) -> Response:
    """Return one organization with its services (fully nested with full_service)."""
    nested = "full" if params.flag(request.args, "full_service") else "list"
    catalog = get_catalog()
    p = catalog.organization_position(item_id)
    if p is None:
        return _missing("organization", item_id)
    return _record(catalog.organization_item(p, nested))


@bp.get("/taxonomies")
def taxonomies() -> Response:
    """List taxonomies."""
    layout, search = params.listing(request.args), params.text(request.args, "search") or ""
    catalog = get_catalog()
    return _listing(layout, catalog.taxonomy_positions(search), catalog.taxonomy_item)


@bp.get("/taxonomies/<path:item_id>")
def taxonomy(item_id: str) -> Response:
    """Return one taxonomy."""
    catalog = get_catalog()
    p = catalog.taxonomy_position(item_id)
    return _missing("taxonomy", item_id) if p is None else _record(catalog.taxonomy_item(p))


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    """List taxonomy terms: of a taxonomy, at the top level, or under a parent."""
    args = request.args
    layout = params.listing(args)
    query = (
        params.text(args, "search") or "",
        params.text(args, "taxonomy_id"),
        params.flag(args, "top_only"),
        params.text(args, "parent_id"),
    )
    catalog = get_catalog()
    return _listing(layout, catalog.term_positions(*query), catalog.term_item)


@bp.get("/taxonomy_terms/<path:item_id>")
def taxonomy_term(item_id: str) -> Response:
    """Return one taxonomy term."""
    catalog = get_catalog()
    p = catalog.term_position(item_id)
    return _missing("taxonomy term", item_id) if p is None else _record(catalog.term_item(p))


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    """List services at locations: filtered like services, or near a postcode."""
    args = request.args
    layout, query, full = (
        params.listing(args),
        params.service_filter(args),
        params.flag(args, "full"),
    )
    postcode, proximity = params.text(args, "postcode"), params.metres(args, "proximity")
    if proximity is not None and postcode is None:
        raise InputError(
            "proximity is measured from a postcode: give postcode too (such as 94063).",
            field="proximity",
        )
    near = None
    if postcode is not None:
        near = Nearby(postcode_place(get_directory().gazetteer, postcode), proximity)
    catalog = get_catalog()
    found = catalog.service_at_locations(query, near)
    return _listing(layout, found, lambda p: catalog.sal_item(p, full))


@bp.get("/service_at_locations/<path:item_id>")
def service_at_location(item_id: str) -> Response:
    """Return the service at one location, fully nested with that service_at_location only."""
    catalog = get_catalog()
    p = catalog.sal_position(item_id)
    if p is None:
        return _missing("service_at_location", item_id)
    return _record(catalog.sal_record(p))
