"""Errors as JSON, for the APIs under /api/v1 and /hsds/.

Every error answers ``{"error": {"status", "message", "fields": {field: [what to fix]}}}``,
whether the library raised it (bad input, no directory yet) or Flask did (404, 405).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from werkzeug.exceptions import HTTPException

from referral_match import IndexNotFound, InputError, ReferralMatchError

__all__ = ["json_error", "register_json_errors"]


def json_error(status: int, message: str, fields: dict[str, list[str]] | None = None) -> Response:
    """Return a JSON error response with this status, message and per-field messages."""
    response = jsonify({"error": {"status": status, "message": message, "fields": fields or {}}})
    response.status_code = status
    return response


def register_json_errors(bp: Blueprint) -> None:
    """Make every error a blueprint's views raise (or Flask raises for them) JSON."""

    @bp.errorhandler(InputError)
    def _bad_input(exc: InputError) -> Response:
        return json_error(400, exc.message, {exc.field: [exc.message]} if exc.field else None)

    @bp.errorhandler(IndexNotFound)
    def _no_index(exc: IndexNotFound) -> Response:
        return json_error(503, exc.message)

    @bp.errorhandler(ReferralMatchError)
    def _failure(exc: ReferralMatchError) -> Response:
        return json_error(500, exc.message)

    @bp.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        return json_error(exc.code or 500, exc.description or exc.name)
