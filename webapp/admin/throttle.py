"""Count failed sign-ins per client address and refuse more than a few in a window.

The failures are kept in a small SQLite file in the instance folder, so that every process
serving the site (``serve --workers N``) counts the same failures: kept in each process's
memory, N workers would allow N times as many guesses. SQLite locks the file between
processes; a failure is one row, and rows older than the window are deleted as they expire.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from flask import Flask

#: Where the failures are kept, in the instance folder, unless LOGIN_THROTTLE_FILE says.
THROTTLE_FILE = "login-failures.sqlite3"


class LoginThrottle:
    """Allow at most ``limit`` failures per address within ``window`` seconds.

    ``database`` is a file path, or a SQLite URI (``file:...``): several throttles, in one
    process or several, that open the same file share their counts.
    """

    def __init__(
        self,
        database: str,
        limit: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.time,  # the wall clock: processes share it
    ) -> None:
        self.limit = limit
        self.window = window
        self._database = database
        self._clock = clock
        self._lock = threading.Lock()  # one connection per process, shared by its threads
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connection(self) -> sqlite3.Connection:
        # Opened on first use in each process: `serve --workers` forks after the app is
        # made, and a SQLite connection must not cross a fork.
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(
                self._database,
                timeout=10,
                isolation_level=None,  # autocommit; each change below is one statement
                check_same_thread=False,
                uri=self._database.startswith("file:"),
            )
            self._pid = os.getpid()
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS failures (address TEXT NOT NULL, at REAL NOT NULL)"
            )
            self._db.execute("CREATE INDEX IF NOT EXISTS failures_address ON failures (address)")
        return self._db

    def blocked(self, address: str) -> bool:
        """Return True when this address has used up its failures for now."""
        with self._lock:
            db = self._connection()
            db.execute("DELETE FROM failures WHERE at <= ?", (self._clock() - self.window,))
            (count,) = db.execute(
                "SELECT count(*) FROM failures WHERE address = ?", (address,)
            ).fetchone()
        return bool(count >= self.limit)

    def failed(self, address: str) -> None:
        """Record one failed sign-in from this address."""
        with self._lock:
            self._connection().execute(
                "INSERT INTO failures VALUES (?, ?)", (address, self._clock())
            )

    def succeeded(self, address: str) -> None:
        """Forget the failures of an address that signed in."""
        with self._lock:
            self._connection().execute("DELETE FROM failures WHERE address = ?", (address,))

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            if self._db is not None and self._pid == os.getpid():
                self._db.close()
            self._db = None


def throttle_for(app: Flask) -> LoginThrottle:
    """Return the app's throttle: ``LOGIN_THROTTLE_FILE``, else one in the instance folder.

    An app in testing mode with no file set gets a database of its own in memory, so that
    tests never share (or leave behind) failures.
    """
    database = app.config.get("LOGIN_THROTTLE_FILE")
    if not database:
        if app.testing:
            database = f"file:throttle-{uuid.uuid4().hex}?mode=memory&cache=shared"
        else:
            database = str(Path(app.instance_path, THROTTLE_FILE))
    return LoginThrottle(
        str(database),
        limit=int(app.config.get("LOGIN_ATTEMPTS", 5)),
        window=float(app.config.get("LOGIN_WINDOW_SECONDS", 15 * 60)),
    )
