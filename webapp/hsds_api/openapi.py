"""The OpenAPI 3.1 document of ``/hsds/``: the official HSDS 3.0 API, as this server serves it.

The official ``openapi.json`` (Open Referral, CC BY-SA 4.0) is not copied into the project
(see ``../shared/datasets/README.md``): this document is written here, with the same
paths, operation ids, parameters and response schemas (by reference to the official
schema files), and adds what the official one leaves unsaid: this server's URL, the 400,
404 and 503 answers with their JSON error, and the ``application/x-ndjson`` stream of
``format=ndjson``. A test checks it against the official document, operation by operation.
"""

from __future__ import annotations

from typing import Any

from referral_match.hsds.api_pages import DEFAULT_PER_PAGE, MAX_PER_PAGE

#: Where the official HSDS 3.0 schemas are published; responses refer to them.
SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
HSDS_VERSION = "3.0"

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message", "fields"],
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}


def _param(name: str, kind: str, description: str, fmt: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind}
    if fmt is not None:
        schema["format"] = fmt
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


_PARAMETERS = {
    "search": _param(
        "search", "string", "Words that each must start a word of the record's text."
    ),
    "page": _param("page", "integer", "The page to return, from 1."),
    "per_page": _param(
        "per_page",
        "integer",
        f"Records per page: {DEFAULT_PER_PAGE} unless given, at most {MAX_PER_PAGE} "
        "(no limit with minimal=true, whose default is every record on one page).",
    ),
    "format": _param(
        "format", "string", "json (pages, the default) or ndjson: every record, one a line."
    ),
    "minimal": _param(
        "minimal", "boolean", "Only each service's id, name, status and last_modified."
    ),
    "full": _param("full", "boolean", "Fully nested records instead of one-to-one fields."),
    "modified_after": _param(
        "modified_after", "string", "Only records modified at or after this date-time.", "datetime"
    ),
    "taxonomy_term_id": _param(
        "taxonomy_term_id", "string", "Only services with this taxonomy term, or one under it."
    ),
    "taxonomy_id": _param("taxonomy_id", "string", "Only services with a term of this taxonomy."),
    "organization_id": _param("organization_id", "string", "Only services of this organization."),
    "full_service": _param("full_service", "boolean", "Nest the organization's services fully."),
    "postcode": _param(
        "postcode",
        "string",
        "A US ZIP code: only services whose service area (when they have one) covers it.",
    ),
    "proximity": _param(
        "proximity",
        "string",
        "With postcode: only locations within this many metres of the ZIP code's centre.",
    ),
}
_TERM_FILTERS = [
    _param("top_only", "boolean", "Only terms without a parent (the top level)."),
    _param("parent_id", "string", "Only terms whose parent has this id."),
]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/parameters/{name}"}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: str) -> dict[str, Any]:
    said = {
        "400": "A parameter cannot be used: the message and fields say which and why",
        "404": "No record has this id",
        "503": "No directory has been imported yet",
    }
    error = {"$ref": "#/components/schemas/Error"}
    return {status: _answer(said[status], error) for status in statuses}


def _listing(op_id: str, summary: str, item: str, params: list[Any]) -> dict[str, Any]:
    page = {
        "properties": {"contents": {"type": "array", "items": {"$ref": SCHEMAS + item}}},
        "allOf": [{"$ref": "#/components/schemas/Page"}],
    }
    ok = _answer(f"{summary}: one page", page)
    ok["content"]["application/x-ndjson"] = {"schema": {"$ref": SCHEMAS + item}}
    return {
        "get": {
            "summary": summary,
            "operationId": op_id,
            "parameters": params,
            "responses": {"200": ok, **_errors("400", "503")},
        }
    }


def _one(op_id: str, summary: str, schema: str, what: str, params: list[Any]) -> dict[str, Any]:
    path_id = {
        "in": "path",
        "name": "id",
        "required": True,
        "description": f"The id of the {what}.",
        "schema": {"type": "string"},
    }
    get: dict[str, Any] = {
        "summary": summary,
        "operationId": op_id,
        "responses": {
            "200": _answer(summary, {"$ref": SCHEMAS + schema}),
            **(_errors("400", "404", "503") if params else _errors("404", "503")),
        },
    }
    if params:
        get["parameters"] = params
    return {"parameters": [path_id], "get": get}


def openapi_document(server_url: str) -> dict[str, Any]:
    """Return the document, with ``server_url`` (ending in ``/hsds``) as its server."""
    listing = [_ref("page"), _ref("per_page"), _ref("format")]
    filters = [_ref(n) for n in ("taxonomy_term_id", "taxonomy_id", "organization_id")]
    # Operation ids are the official document's, so that clients generated from either
    # call the same names (its two taxonomy_terms ids are the other way round: kept so).
    paths = {
        "/": {
            "get": {
                "summary": "What this API is: its HSDS version, profile and OpenAPI document",
                "operationId": "getAPIMetaInformation",
                "responses": {
                    "200": _answer("About this API", {"$ref": "#/components/schemas/About"})
                },
            }
        },
        "/services/{id}": _one(
            "getFullyNestedServiceById",
            "One service, fully nested",
            "compiled/service.json",
            "service",
            [],
        ),
        "/services": _listing(
            "getPaginatedListOfServices",
            "Services, with their one-to-one fields and organization",
            "compiled/service_list.json",
            [
                _ref("search"),
                *listing,
                *filters,
                _ref("modified_after"),
                _ref("minimal"),
                _ref("full"),
            ],
        ),
        "/taxonomies/{id}": _one(
            "getTaxonomyById", "One taxonomy", "taxonomy.json", "taxonomy", []
        ),
        "/taxonomies": _listing(
            "getPaginatedListOfTaxonomies",
            "Taxonomies",
            "taxonomy.json",
            [_ref("search"), *listing],
        ),
        "/taxonomy_terms/{id}": _one(
            "getPaginatedListOfTaxonomyTerms",
            "One taxonomy term",
            "taxonomy_term.json",
            "taxonomy term",
            [],
        ),
        "/taxonomy_terms": _listing(
            "getTaxonomyTermById",
            "Taxonomy terms",
            "taxonomy_term.json",
            [_ref("search"), *listing, _ref("taxonomy_id"), *_TERM_FILTERS],
        ),
        "/organizations/{id}": _one(
            "getOrganizationById",
            "One organization, with its services",
            "compiled/organization.json",
            "organization",
            [_ref("full_service")],
        ),
        "/organizations": _listing(
            "getPaginatedListOfOrganizations",
            "Organizations",
            "compiled/organization_list.json",
            [_ref("search"), _ref("full_service"), _ref("full"), *listing],
        ),
        "/service_at_locations/{id}": _one(
            "getServiceAtLocationWithNestedDataById",
            "The service delivered at one service_at_location, fully nested with only it",
            "compiled/service.json",
            "service_at_location",
            [],
        ),
        "/service_at_locations": _listing(
            "getPaginatedListOfServiceAtLocation",
            "Services at locations, with their location and service",
            "compiled/service_at_location_list.json",
            [
                _ref("search"),
                *filters,
                _ref("modified_after"),
                _ref("full"),
                *listing,
                _ref("postcode"),
                _ref("proximity"),
            ],
        ),
    }
    page_fields = {
        "total_items": "integer",
        "total_pages": "integer",
        "page_number": "integer",
        "size": "integer",
        "first_page": "boolean",
        "last_page": "boolean",
        "empty": "boolean",
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "referral-match HSDS 3.0 API",
            "version": HSDS_VERSION,
            "summary": "The resource directory as Open Referral HSDS 3.0 records, read-only.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": {
                "Page": {
                    "type": "object",
                    "properties": {k: {"type": v} for k, v in page_fields.items()},
                },
                "About": {
                    "type": "object",
                    "properties": {
                        "version": {"type": "string"},
                        "profile": {"type": "string", "format": "uri"},
                        "openapi_url": {"type": "string", "format": "uri"},
                    },
                },
                "Error": _ERROR,
            },
            "parameters": _PARAMETERS,
        },
    }
