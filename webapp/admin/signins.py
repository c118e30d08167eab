"""The admin's signed-in sessions, kept on the server so that signing out ends them.

The session cookie only carries a random token; the token is valid while its row is in the
admin's SQLite file (:mod:`webapp.admin.store`) and younger than ``ADMIN_SESSION_HOURS``.
"Sign out" deletes the row: a copy of the cookie taken before then opens nothing after.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from webapp.admin.store import SharedFile


class SignIns:
    """Start, check and end admin sessions; each lasts at most ``lifetime`` seconds."""

    def __init__(
        self,
        store: SharedFile,
        lifetime: float = 12 * 3600,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lifetime = lifetime
        self._file = store
        self._clock = clock

    def start(self, username: str) -> str:
        """Record a new session for ``username`` and return its token for the cookie."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._file.transaction() as db:
            db.execute("DELETE FROM sessions WHERE started <= ?", (now - self.lifetime,))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?)", (token, username, now))
        return token

    def valid(self, token: object, username: str) -> bool:
        """Return True while the token is a live session of ``username``."""
        if not isinstance(token, str) or not token:
            return False
        with self._file.transaction() as db:
            row = db.execute(
                "SELECT started FROM sessions WHERE token = ? AND username = ?", (token, username)
            ).fetchone()
        return row is not None and row[0] > self._clock() - self.lifetime

    def end(self, token: object) -> None:
        """End the session with this token (nothing happens for an unknown one)."""
        if isinstance(token, str):
            with self._file.transaction() as db:
                db.execute("DELETE FROM sessions WHERE token = ?", (token,))
