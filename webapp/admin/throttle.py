"""Count sign-in attempts per client address and refuse more than a few failures in a window.

An attempt is counted before its password is checked, in the same transaction that reads
the count (see :meth:`LoginThrottle.attempt`): 40 guesses sent at once to several workers
get ``limit`` checks, not one per worker. A sign-in that succeeds forgets its address's
failures. The counts are kept in the admin's SQLite file (:mod:`webapp.admin.store`); rows
older than the window are deleted as they expire.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from flask import Flask

from webapp.admin.store import STORE_FILE, SharedFile, store_for

#: Where the failures are kept, in the instance folder, unless LOGIN_THROTTLE_FILE says.
THROTTLE_FILE = STORE_FILE


class LoginThrottle:
    """Allow at most ``limit`` failures per address within ``window`` seconds.

    ``database`` is a file path, a SQLite URI (``file:...``) or a :class:`SharedFile`:
    several throttles, in one process or several, that open the same file share their counts.
    """

    def __init__(
        self,
        database: str | SharedFile,
        limit: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.time,  # the wall clock: processes share it
    ) -> None:
        self.limit = limit
        self.window = window
        self._file = database if isinstance(database, SharedFile) else SharedFile(database)
        self._clock = clock

    def attempt(self, address: str) -> bool:
        """Count one sign-in attempt from this address; return False if it must be refused.

        The attempt counts as a failure until :meth:`succeeded` says otherwise, so that a
        password being checked already uses up one of the address's tries.
        """
        now = self._clock()
        with self._file.transaction() as db:
            (count,) = self._count(db, address, now)
            if count >= self.limit:
                return False
            db.execute("INSERT INTO failures VALUES (?, ?)", (address, now))
        return True

    def blocked(self, address: str) -> bool:
        """Return True when this address has used up its failures for now."""
        with self._file.transaction() as db:
            (count,) = self._count(db, address, self._clock())
        return bool(count >= self.limit)

    def failed(self, address: str) -> None:
        """Record one failed sign-in from this address (one not counted by ``attempt``)."""
        with self._file.transaction() as db:
            db.execute("INSERT INTO failures VALUES (?, ?)", (address, self._clock()))

    def succeeded(self, address: str) -> None:
        """Forget the failures of an address that signed in."""
        with self._file.transaction() as db:
            db.execute("DELETE FROM failures WHERE address = ?", (address,))

    def close(self) -> None:
        """Close the database connection."""
        self._file.close()

    def _count(self, db: sqlite3.Connection, address: str, now: float) -> tuple[int]:
        db.execute("DELETE FROM failures WHERE at <= ?", (now - self.window,))
        row: tuple[int] = db.execute(
            "SELECT count(*) FROM failures WHERE address = ?", (address,)
        ).fetchone()
        return row


def throttle_for(app: Flask, store: SharedFile | None = None) -> LoginThrottle:
    """Return the app's throttle, on ``store`` or on the app's own file (see ``store_for``)."""
    return LoginThrottle(
        store or store_for(app),
        limit=int(app.config.get("LOGIN_ATTEMPTS", 5)),
        window=float(app.config.get("LOGIN_WINDOW_SECONDS", 15 * 60)),
    )
