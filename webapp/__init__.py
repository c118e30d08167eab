"""The web front of referral-match: a Flask app built on the ``referral_match`` library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from referral_match import default_index_path


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: defaults, then instance config, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        INDEX_DIR=str(default_index_path()),
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        # Map tiles, fetched by the browser only when it is online; "" turns maps off.
        MAP_TILES="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        RESULTS_MAP_TILES=False,
        # None: Secure when the request came over HTTPS (security.SecureWhenHttps).
        SESSION_COOKIE_SECURE=None,
        # Proxies in front of the app whose X-Forwarded-* headers are to be believed.
        TRUSTED_PROXIES=0,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("REFERRAL_MATCH")
    else:
        app.config.from_mapping(test_config)
    os.makedirs(Path(app.instance_path), exist_ok=True)

    from webapp import directory, errors, i18n, localized
    from webapp.case import search

    # The pages in the browser's or the chosen language (issue 14): English, Spanish...
    i18n.init_app(app)
    localized.init_app(app)
    directory.init_app(app)
    errors.init_app(app)
    app.register_blueprint(search.bp)

    from webapp.api import views as api

    app.register_blueprint(api.bp)
    from webapp.hsds_api import views as hsds_api

    hsds_api.init_app(app)  # the Open Referral HSDS 3.0 API under /hsds/ (issue 13)

    # The case manager's pages (issue 4): a signed session for the referral list, headers.
    from webapp import headers, security, sessions, templating
    from webapp.case import assess, referrals, resources

    sessions.init_app(app)
    security.init_app(app)
    # The JSON API reads no cookies, so another site cannot borrow a signed-in browser.
    security.csrf.exempt(api.bp)
    headers.init_app(app)
    templating.init_app(app)
    for blueprint in (assess.bp, resources.bp, referrals.bp):
        app.register_blueprint(blueprint)

    # The admin area (issue 5): sign-in, upload and review, history, data quality.
    from webapp.admin import auth, quality
    from webapp.admin import views as admin

    auth.init_app(app)
    app.register_blueprint(admin.bp)
    app.register_blueprint(quality.bp)
    return app
