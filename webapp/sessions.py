"""Sign the user's session cookie (it holds the referral list) and set its cookie flags.

The session is a cookie signed with ``SECRET_KEY``, read from the app's config: the
instance ``config.py``, ``$REFERRAL_MATCH_SECRET_KEY`` or the test config. Testing and
debug apps without one get a random key. Any other app without one refuses to start:
a key made up per process would break sessions between worker processes and at restarts.
"""

from __future__ import annotations

import secrets

from flask import Flask

#: The one-line fix, given in the refusal and by ``referral-match serve``.
HOW_TO_SET = (
    "Set REFERRAL_MATCH_SECRET_KEY to a long random value, such as the output of "
    "`python -c 'import secrets; print(secrets.token_hex(32))'`, or put SECRET_KEY in "
    "{instance}/config.py."
)


class MissingSecretKey(RuntimeError):
    """The app has no SECRET_KEY and is neither in testing nor in debug mode."""

    def __init__(self, instance_path: str) -> None:
        super().__init__(
            "referral-match needs a secret key to sign its session cookies (the referral "
            "list) and none is configured. " + HOW_TO_SET.format(instance=instance_path)
        )
        self.instance_path = instance_path


def init_app(app: Flask) -> None:
    """Check the secret key (or make one for testing and debug); keep the cookie first-party."""
    if not app.config.get("SECRET_KEY"):
        if not (app.testing or app.debug):
            raise MissingSecretKey(app.instance_path)
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        # Another site's form posting to /list/add carries no cookie.
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
