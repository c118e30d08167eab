"""Sign the directory's admin in and out, and keep admin pages behind the sign-in.

One admin account comes from the config: ``ADMIN_USERNAME`` and ``ADMIN_PASSWORD_HASH`` (a
werkzeug password hash, made by ``referral-match hash-password``), set in the instance
``config.py`` or as ``$REFERRAL_MATCH_ADMIN_USERNAME`` and
``$REFERRAL_MATCH_ADMIN_PASSWORD_HASH``. There is no default password: without both, nobody
can sign in. Failed sign-ins are throttled per client address; nothing typed is logged.
Sessions are recorded on the server, so that "Sign out" ends them for every copy of the cookie.
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, ngettext
from werkzeug.exceptions import TooManyRequests
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from webapp.admin.signins import SignIns
from webapp.admin.store import store_for
from webapp.admin.throttle import LoginThrottle, throttle_for
from webapp.params import local_target

bp = Blueprint("auth", __name__, url_prefix="/admin")
log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

#: A valid hash of nothing anyone knows, checked when the username is wrong, so that a
#: wrong name takes as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$0123456789abcdef$" + "0" * 128


def init_app(app: Flask) -> None:
    """Give the app its sign-in throttle and its record of signed-in sessions.

    By default an address may fail 5 times in 15 minutes, and a session lasts 12 hours
    (``ADMIN_SESSION_HOURS``); both are kept in one SQLite file (``webapp.admin.store``).
    """
    store = store_for(app)
    app.extensions["referral_match_login_throttle"] = throttle_for(app, store)
    app.extensions["referral_match_sign_ins"] = SignIns(
        store, lifetime=float(app.config.get("ADMIN_SESSION_HOURS", 12)) * 3600
    )
    app.register_blueprint(bp)


def _throttle() -> LoginThrottle:
    throttle: LoginThrottle = current_app.extensions["referral_match_login_throttle"]
    return throttle


def _sign_ins() -> SignIns:
    sign_ins: SignIns = current_app.extensions["referral_match_sign_ins"]
    return sign_ins


def configured() -> bool:
    """Return True when an admin account is configured."""
    return bool(
        current_app.config.get("ADMIN_USERNAME") and current_app.config.get("ADMIN_PASSWORD_HASH")
    )


def signed_in() -> bool:
    """Return True when the session belongs to the admin and has not been signed out."""
    if not configured():
        return False
    name = current_app.config["ADMIN_USERNAME"]
    return session.get("admin") == name and _sign_ins().valid(session.get("admin_token"), name)


def admin_required(view: F) -> F:
    """Send visitors who are not signed in as the admin to the sign-in page."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not signed_in():
            # Come back to a page after signing in; a form post cannot be replayed.
            target = None
            if request.method == "GET":
                # Quoted again: a raw space or control character would not pass _safe_next.
                query = quote(request.query_string.decode("latin-1"), safe="/=&%+:@,;?")
                target = quote(request.path) + ("?" + query if query else "")
            return redirect(url_for("auth.login", next=target))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def check_credentials(username: str, password: str) -> bool:
    """Return True when the username and password are the configured admin's."""
    name = str(current_app.config.get("ADMIN_USERNAME") or "")
    password_hash = str(current_app.config.get("ADMIN_PASSWORD_HASH") or "")
    right_name = bool(name) and hmac.compare_digest(username.encode(), name.encode())
    try:
        right_password = check_password_hash(password_hash or _DUMMY_HASH, password)
    except ValueError:  # a malformed hash in the config
        log.error("ADMIN_PASSWORD_HASH is not a werkzeug password hash")
        return False
    return right_name and right_password and bool(password_hash)


def _safe_next(target: str | None) -> str:
    """Return a path on this site to go to after signing in (never another site)."""
    return local_target(target, url_for("admin.index"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Show the sign-in form; sign the admin in."""
    error = None
    address = request.remote_addr or "unknown"
    if request.method == "POST":
        # Counted before the password is checked: concurrent guesses cannot outrun the count.
        if not _throttle().attempt(address):
            minutes = max(1, round(_throttle().window / 60))
            raise TooManyRequests(
                ngettext(
                    "There have been too many failed sign-in attempts from your address. "
                    "Wait %(num)s minute and try again.",
                    "There have been too many failed sign-in attempts from your address. "
                    "Wait %(num)s minutes and try again.",
                    minutes,
                )
            )
        if check_credentials(request.form.get("username", ""), request.form.get("password", "")):
            _throttle().succeeded(address)
            name = current_app.config["ADMIN_USERNAME"]
            _sign_ins().end(session.get("admin_token"))
            session["admin"] = name
            session["admin_token"] = _sign_ins().start(name)
            log.info("admin signed in")
            return redirect(_safe_next(request.args.get("next")))
        log.warning("failed admin sign-in")  # no name, password or address: nothing typed
        error = gettext("The username or password is not right.")
    status = 401 if error else 200
    return render_template(
        "admin/login.html", error=error, configured=configured(), next=request.args.get("next")
    ), status


@bp.post("/logout")
def logout() -> Response:
    """Sign the admin out, on the server too (the referral list in the session stays)."""
    _sign_ins().end(session.pop("admin_token", None))
    session.pop("admin", None)
    return redirect(url_for("auth.login"))
