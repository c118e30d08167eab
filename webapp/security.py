"""Protect forms and cookies: CSRF tokens on every form post, first-party secure cookies.

Every POST from a page must carry the ``csrf_token`` that Flask-WTF's ``CSRFProtect``
puts in each form (``_macros.html``'s ``csrf_field``; ``static/app.js`` sends it as
``X-CSRFToken``). The JSON API is exempt (``create_app`` exempts it): it reads no cookies,
so another site cannot borrow a logged-in browser through it.

Testing apps skip the token check unless ``WTF_CSRF_ENABLED`` is set, so tests of other
pages can post plain forms; the tests of this module turn it on.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect  # type: ignore[import-untyped]

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    """Turn on CSRF protection and set the session cookie's flags."""
    app.config.setdefault("WTF_CSRF_ENABLED", not app.testing)
    # A token lives as long as the session that holds it, not Flask-WTF's default hour:
    # a case manager may leave an assessment open over lunch.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        # Another site's form posting here carries no cookie.
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        # create_app leaves it None so that a configured False (plain HTTP on purpose) holds.
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
    csrf.init_app(app)
    if not app.config["WTF_CSRF_ENABLED"]:
        # No check, so no token: forms leave the field out and the session stays empty.
        app.jinja_env.globals.pop("csrf_token", None)
