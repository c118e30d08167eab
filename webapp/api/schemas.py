"""marshmallow schemas of the JSON API: what requests may hold and what responses look like.

The request schemas validate input; the response schemas only describe the output of the
library's ``to_dict()`` methods, for the OpenAPI document.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class SearchArgsSchema(Schema):
    """Query parameters of ``GET /api/v1/search``."""

    q = fields.String(load_default="", metadata={"description": "Words, e.g. help with rent."})
    near = fields.String(metadata={"description": 'ZIP, "City, ST" or "lat,lon".'})
    radius = fields.Float(
        validate=validate.Range(min=0, max=500, min_inclusive=False),
        metadata={
            "description": "Miles around `near` (default 10): more than 0, at most 500.",
            "exclusiveMinimum": True,
        },
    )
    category = fields.List(
        fields.String(),
        load_default=list,
        metadata={"description": "Taxonomy codes or names (any of)."},
    )
    language = fields.List(
        fields.String(),
        load_default=list,
        metadata={"description": "ISO 639 codes or names (any of)."},
    )
    age = fields.Integer(validate=validate.Range(min=0, max=120))
    free = fields.Boolean(load_default=False)
    open_now = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class MatchArgsSchema(Schema):
    """Query parameters of ``POST /api/v1/match``."""

    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class CheckSchema(Schema):
    """One eligibility rule checked against the client."""

    rule = fields.String()
    result = fields.String(metadata={"enum": ["passed", "unknown", "failed"]})
    detail = fields.String()


class ResultSchema(Schema):
    """One ranked resource, with why it was found."""

    id = fields.String()
    service_id = fields.String()
    location_id = fields.String()
    organization_id = fields.String()
    name = fields.String()
    organization = fields.String()
    score = fields.Float()
    distance_miles = fields.Float(allow_none=True)
    needs_met = fields.List(fields.String())
    eligibility = fields.List(fields.Nested(CheckSchema))
    reasons = fields.List(fields.String())
    open_now = fields.Boolean(allow_none=True)
    description = fields.String()
    categories = fields.List(fields.String())
    address = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    phones = fields.List(fields.String())
    website = fields.String()
    hours = fields.String()
    languages = fields.List(fields.String())
    cost = fields.String()
    status = fields.String()
    last_verified = fields.String(allow_none=True)


class FacetSchema(Schema):
    """Matching resources under one top-level need."""

    code = fields.String()
    name = fields.String()
    count = fields.Integer()


class SearchResponseSchema(Schema):
    """The answer of a search."""

    results = fields.List(fields.Nested(ResultSchema))
    total = fields.Integer()
    took_ms = fields.Float()
    facets = fields.List(fields.Nested(FacetSchema))
    suggestion = fields.String(allow_none=True)
    searched_for = fields.String(
        allow_none=True,
        metadata={
            "description": "The spelling correction searched instead of `q`, which found "
            "little as typed."
        },
    )
    location = fields.String(allow_none=True)


class NeedSchema(Schema):
    """A need as understood: the words said and the taxonomy codes that meet it."""

    label = fields.String()
    codes = fields.List(fields.String())
    words = fields.String()
    via = fields.String()
    related = fields.List(fields.String())


class CrisisSignSchema(Schema):
    """A crisis the needs or situation speak of, and the words that said it."""

    kind = fields.String(
        metadata={
            "enum": ["suicide", "self-harm", "violence at home", "child in danger", "overdose"]
        }
    )
    phrase = fields.String()


class CrisisLineSchema(Schema):
    """A national line to call in a crisis."""

    name = fields.String()
    phone = fields.String()
    other = fields.String()


class MatchResponseSchema(Schema):
    """The answer of a match: ranked results, the best per need, and any crisis."""

    crisis = fields.Boolean(
        metadata={"description": "The needs or situation speak of a crisis: show crisis_lines."}
    )
    crisis_signs = fields.List(fields.Nested(CrisisSignSchema))
    crisis_lines = fields.List(fields.Nested(CrisisLineSchema))

    results = fields.List(fields.Nested(ResultSchema))
    by_need = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    needs = fields.List(fields.Nested(NeedSchema))
    total = fields.Integer()
    excluded_as_ineligible = fields.Integer()
    also_nearby = fields.List(
        fields.Nested(ResultSchema),
        metadata={"description": "Shares words with a need but meets none: shown apart."},
    )
    unmet_needs = fields.List(
        fields.String(), metadata={"description": "Needs that nothing in reach meets."}
    )
    information_lines = fields.List(
        fields.Nested(ResultSchema),
        metadata={"description": "Lines that serve the area (211...), when a need is unmet."},
    )
    took_ms = fields.Float()
    location = fields.String(allow_none=True)


class TermSchema(Schema):
    """A term of the need taxonomy."""

    code = fields.String()
    name = fields.String()
    parent = fields.String(allow_none=True)
    synonyms = fields.List(fields.String())


class ErrorSchema(Schema):
    """An error: what went wrong, and per field what to fix."""

    status = fields.Integer()
    message = fields.String()
    fields_ = fields.Dict(
        data_key="fields", keys=fields.String(), values=fields.List(fields.String())
    )
