"""Protect forms and cookies: CSRF tokens on every form post, first-party secure cookies.

The session cookie is HttpOnly, SameSite=Lax, and Secure whenever the browser came over
HTTPS (directly, or through ``TRUSTED_PROXIES`` proxies that say so in X-Forwarded-Proto).

Every POST from a page must carry the ``csrf_token`` that Flask-WTF's ``CSRFProtect``
puts in each form (``_macros.html``'s ``csrf_field``; ``static/app.js`` sends it as
``X-CSRFToken``). The JSON API is exempt (``create_app`` exempts it): it reads no cookies,
so another site cannot borrow a logged-in browser through it.

Testing apps skip the token check unless ``WTF_CSRF_ENABLED`` is set, so tests of other
pages can post plain forms; the tests of this module turn it on.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect  # type: ignore[import-untyped]
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()


class SecureWhenHttps(SecureCookieSessionInterface):
    """Sign the session cookie; mark it Secure when the request came over HTTPS.

    ``SESSION_COOKIE_SECURE`` unset (or ``"auto"``) decides per request: a cookie marked
    Secure is never sent back over plain HTTP, so an office server reached as
    ``http://frontdesk:8000`` would refuse every form. ``True`` or ``False`` decide always.
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        setting = app.config.get("SESSION_COOKIE_SECURE")
        if setting is None or setting == "auto":
            return has_request_context() and request.is_secure
        return bool(setting)


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
    app.session_interface = SecureWhenHttps()
    trusted = int(app.config.get("TRUSTED_PROXIES") or 0)
    if trusted:
        # The proxy's X-Forwarded-* say whether the browser came over HTTPS, and from where
        # (the sign-in throttle counts per client address).
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted, x_port=trusted
        )
    csrf.init_app(app)
    if not app.config["WTF_CSRF_ENABLED"]:
        # No check, so no token: forms leave the field out and the session stays empty.
        app.jinja_env.globals.pop("csrf_token", None)
