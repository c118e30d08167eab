"""Map library errors to HTTP status codes and pages (the library knows nothing of HTTP).

Pages say what went wrong in the page's language; a library error's own message stays in
the library's English (:class:`~webapp.i18n.AsGiven`). The API's errors are in English.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_wtf.csrf import CSRFError  # type: ignore[import-untyped]
from werkzeug.exceptions import HTTPException, InternalServerError

from referral_match import IndexNotFound, InputError, ReferralMatchError
from webapp.i18n import AsGiven


def _is_api() -> bool:
    return any(request.path == p or request.path.startswith(p + "/") for p in ("/api", "/hsds"))


def _allowed(exc: HTTPException) -> str:
    """Return the methods a 405 says the address takes, for its Allow header."""
    return dict(exc.get_headers()).get("Allow", "")


def _api_error(exc: HTTPException, message: str) -> ResponseReturnValue:
    """Answer an error outside the API's own routes in the API's JSON shape."""
    status = exc.code or 500
    body = jsonify({"error": {"status": status, "message": message, "fields": {}}})
    headers = {"Allow": _allowed(exc)} if status == 405 else {}
    return body, status, headers


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(IndexNotFound)
    def no_index(exc: IndexNotFound) -> tuple[str, int]:
        return render_template(
            "error.html", title=gettext("No directory yet"), message=AsGiven(exc.message)
        ), 503

    @app.errorhandler(InputError)
    def bad_input(exc: InputError) -> tuple[str, int]:
        return render_template(
            "error.html", title=gettext("Please check"), message=AsGiven(exc.message)
        ), 400

    @app.errorhandler(ReferralMatchError)
    def failure(exc: ReferralMatchError) -> tuple[str, int]:
        return render_template(
            "error.html", title=gettext("Something went wrong"), message=AsGiven(exc.message)
        ), 500

    @app.errorhandler(500)
    def server_error(exc: Exception) -> ResponseReturnValue:
        if _is_api():
            return _api_error(
                InternalServerError(), "The request failed because of an error on our side."
            )
        return render_template(
            "error.html",
            title=gettext("Something went wrong"),
            message=gettext(
                "The page could not be shown because of an error on our side. "
                "Try again; if it keeps happening, tell the directory's administrator."
            ),
        ), 500

    @app.errorhandler(404)
    def not_found(exc: HTTPException) -> ResponseReturnValue:
        if _is_api():
            return _api_error(exc, f"There is nothing at {request.path} in this API.")
        return render_template(
            "error.html",
            title=gettext("Not found"),
            message=gettext("There is no page at this address."),
        ), 404

    @app.errorhandler(405)
    def wrong_method(exc: HTTPException) -> ResponseReturnValue:
        allowed = _allowed(exc)
        if _is_api():
            return _api_error(
                exc, f"{request.path} does not take {request.method}: use {allowed or 'GET'}."
            )
        page = render_template(
            "error.html",
            title=gettext("Not here"),
            message=gettext(
                "This address does not take that kind of request: use the page's own "
                "buttons and links."
            ),
        )
        return page, 405, {"Allow": allowed}

    @app.errorhandler(CSRFError)
    def no_token(exc: CSRFError) -> ResponseReturnValue:
        if request.endpoint == "assess.results":
            # The answers came with the stale token: show them again, not an empty form.
            from webapp.case.assess import show_again

            return show_again(
                request.form,
                gettext(
                    "This form's security token had expired (it proves the form came from "
                    "this site). The answers are kept: check them and send it again."
                ),
            )
        return render_template(
            "error.html",
            title=gettext("Please send the form again"),
            message=gettext(
                "This form could not be accepted because its security token is missing or "
                "out of date (it proves the form came from this site). Go back, reload the "
                "page and send the form again."
            ),
        ), 400

    @app.errorhandler(413)
    def too_large(exc: HTTPException) -> ResponseReturnValue:
        if _is_api():
            return _api_error(exc, exc.description or "The request is too large.")
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        return render_template(
            "error.html",
            title=gettext("File too large"),
            message=gettext(
                "The upload is larger than this site accepts (%(megabytes)s MB). Split the "
                "file into smaller files, or zip an HSDS package, and upload again.",
                megabytes=limit // (1024 * 1024),
            ),
        ), 413

    @app.errorhandler(429)
    def too_many(exc: HTTPException) -> tuple[str, int]:
        return render_template(
            "error.html", title=gettext("Too many attempts"), message=exc.description
        ), 429
