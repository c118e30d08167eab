"""The JSON API under /api/v1: search, match, resources, taxonomy, and its OpenAPI document.

Results have the same shape as the command line's ``--json`` output. Errors are JSON too:
``{"error": {"status", "message", "fields": {field: [what to fix]}}}``.
"""

from __future__ import annotations

import json
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from referral_match import InvalidProfile
from referral_match.hsds.export import hsds_service
from referral_match.ranking.profile import ClientProfileSchema
from webapp.api import schemas as s
from webapp.directory import get_directory
from webapp.json_errors import json_error, register_json_errors

bp = Blueprint("api", __name__, url_prefix="/api/v1")

#: A client profile is a few hundred bytes; its JSON nests two levels.
MAX_BODY_BYTES = 64 * 1024
MAX_JSON_DEPTH = 10
_TOO_DEEP = object()


register_json_errors(bp)
_error = json_error


@bp.errorhandler(InvalidProfile)
def _invalid_profile(exc: InvalidProfile) -> Response:
    return _error(422, exc.message, exc.messages)


@bp.errorhandler(ValidationError)
def _bad_parameters(exc: ValidationError) -> Response:
    messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
    fields = {
        name: [str(m) for m in (v if isinstance(v, list) else [v])] for name, v in messages.items()
    }
    return _error(422, "Some parameters are not valid: see fields.", fields)


def _load(schema: Any, data: Any) -> dict[str, Any]:
    """Validate request parameters; a ValidationError becomes a 422 naming each field."""
    loaded: dict[str, Any] = schema.load(data)
    return loaded


@bp.get("/search")
def search() -> Response:
    """Search resources by words, place and filters."""
    args = request.args.to_dict(flat=True)
    args["category"] = request.args.getlist("category")  # type: ignore[assignment]
    args["language"] = request.args.getlist("language")  # type: ignore[assignment]
    a = _load(s.SearchArgsSchema(), args)
    page = get_directory().search(
        a["q"],
        near=a.get("near"),
        radius_miles=a.get("radius"),
        categories=a["category"],
        languages=a["language"],
        age=a.get("age"),
        free_only=a["free"],
        open_now=a["open_now"],
        limit=a["limit"],
        offset=a["offset"],
    )
    return jsonify(page.to_dict())


@bp.post("/match")
def match() -> Response:
    """Match a client profile (JSON body) to resources."""
    limit = _load(s.MatchArgsSchema(), request.args.to_dict())["limit"]
    return jsonify(get_directory().match(_json_object(), limit=limit).to_dict())


def _json_object() -> dict[str, Any]:
    """Return the request's JSON object, or raise an HTTP error saying what is wrong with it.

    The body is bounded (a profile is a few hundred bytes) and so is its nesting: Python's
    JSON reader recurses, and 10,000 nested brackets would otherwise be a 500.
    """
    if not request.is_json:
        raise BadRequest(
            "Send the client profile as a JSON object (Content-Type: application/json)."
        )
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise RequestEntityTooLarge(
            f"The request body is larger than {MAX_BODY_BYTES // 1024} KB: a client profile "
            "is far smaller."
        )
    body = request.get_data(cache=False)[: MAX_BODY_BYTES + 1]
    if len(body) > MAX_BODY_BYTES:
        raise RequestEntityTooLarge(
            f"The request body is larger than {MAX_BODY_BYTES // 1024} KB: a client profile "
            "is far smaller."
        )
    try:
        data = json.loads(body)
    except RecursionError:
        data = _TOO_DEEP
    except ValueError as exc:
        raise BadRequest(f"The request body is not valid JSON: {exc}.") from None
    if data is _TOO_DEEP or _depth(data) > MAX_JSON_DEPTH:
        raise BadRequest(f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
    if not isinstance(data, dict):
        raise BadRequest("Send the client profile as a JSON object ({...}), not a list or value.")
    return data


def _depth(value: Any) -> int:
    """Return how deeply lists and objects nest in a JSON value (a scalar is 0)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


@bp.get("/resources/<path:resource_id>")
def resource(resource_id: str) -> Response:
    """Return everything known about one resource."""
    found = get_directory().get(resource_id)
    if found is None:
        return _error(404, f'There is no resource with the id "{resource_id}".')
    return jsonify(found.to_dict())


@bp.get("/services/<path:resource_id>")
def hsds_service_view(resource_id: str) -> Response:
    """Return one resource as an Open Referral HSDS 3.0 service object."""
    found = get_directory().get(resource_id)
    if found is None:
        return _error(404, f'There is no resource with the id "{resource_id}".')
    return jsonify(hsds_service(found, taxonomy=get_directory().taxonomy))


@bp.get("/taxonomy")
def taxonomy() -> Response:
    """Return the need taxonomy: codes, names, parents and synonyms."""
    terms = [
        {"code": t.code, "name": t.name, "parent": t.parent, "synonyms": list(t.synonyms)}
        for t in get_directory().taxonomy
    ]
    return jsonify({"terms": terms})


@bp.get("/openapi.json")
def openapi() -> Response:
    """Return the OpenAPI 3 document of this API."""
    return jsonify(openapi_spec().to_dict())


def openapi_spec() -> APISpec:
    """Build the OpenAPI document from the request and response schemas."""
    spec = APISpec(
        title="referral-match API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Search a resource directory and match clients' needs to it."},
    )
    spec.components.schema("ClientProfile", schema=ClientProfileSchema)
    for name in ("SearchResponse", "MatchResponse", "Term", "Error"):
        spec.components.schema(name, schema=getattr(s, f"{name}Schema"))
    error = {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"error": {"$ref": "#/components/schemas/Error"}},
                }
            }
        }
    }

    unavailable = {"503": {"description": "No directory has been imported yet", **error}}

    def ok(schema: str) -> dict[str, Any]:
        ref = {"$ref": f"#/components/schemas/{schema}"}
        return {"description": "OK", "content": {"application/json": {"schema": ref}}}

    spec.path(
        path="/api/v1/search",
        operations={
            "get": {
                "summary": "Search resources by words, place and filters",
                "parameters": [{"in": "query", "schema": s.SearchArgsSchema}],
                "responses": {
                    "200": ok("SearchResponse"),
                    "400": {"description": "Bad parameter", **error},
                    "422": {"description": "Parameters of the wrong type or range", **error},
                    **unavailable,
                },
            }
        },
    )
    spec.path(
        path="/api/v1/match",
        operations={
            "post": {
                "summary": "Rank referrals for a client profile, with reasons",
                "parameters": [{"in": "query", "schema": s.MatchArgsSchema}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ClientProfile"}
                        }
                    },
                },
                "responses": {
                    "200": ok("MatchResponse"),
                    "400": {"description": "Not a JSON object, or a place not found", **error},
                    "422": {"description": "Bad profile fields", **error},
                    **unavailable,
                },
            }
        },
    )
    for route, summary, answer in (
        ("resources", "One resource", "The resource"),
        (
            "services",
            "One resource as an Open Referral HSDS 3.0 service",
            "An HSDS 3.0 service object",
        ),
    ):
        spec.path(
            path=f"/api/v1/{route}/{{resource_id}}",
            operations={
                "get": {
                    "summary": summary,
                    "parameters": [
                        {
                            "in": "path",
                            "name": "resource_id",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {"description": answer},
                        "404": {"description": "No such resource", **error},
                        **unavailable,
                    },
                }
            },
        )
    spec.path(
        path="/api/v1/taxonomy",
        operations={
            "get": {
                "summary": "The need taxonomy",
                "responses": {
                    "200": {
                        "description": "Terms",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "terms": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Term"},
                                        }
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    )
    return spec
