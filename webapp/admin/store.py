"""The admin area's small SQLite file: sign-in attempts and signed-in sessions.

Both are kept in one file in the instance folder, so that every process serving the site
(``serve --workers N``) sees the same: kept in each process's memory, N workers would allow
N times as many guesses, and a sign-out in one worker would not end the session in another.
SQLite locks the file between processes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

#: Where the admin's data is kept, in the instance folder, unless LOGIN_THROTTLE_FILE says.
STORE_FILE = "login-failures.sqlite3"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS failures (address TEXT NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS failures_address ON failures (address)",
    "CREATE TABLE IF NOT EXISTS sessions "
    "(token TEXT PRIMARY KEY, username TEXT NOT NULL, started REAL NOT NULL)",
)


class SharedFile:
    """One SQLite file (a path or a ``file:`` URI) opened once per process, shared by threads."""

    def __init__(self, database: str) -> None:
        self.database = database
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connection(self) -> sqlite3.Connection:
        # Opened on first use in each process: `serve --workers` forks after the app is
        # made, and a SQLite connection must not cross a fork.
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(
                self.database,
                timeout=10,
                isolation_level=None,  # autocommit, unless a transaction is begun below
                check_same_thread=False,
                uri=self.database.startswith("file:"),
            )
            self._pid = os.getpid()
            for statement in _SCHEMA:
                self._db.execute(statement)
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Give the connection inside one write transaction, taken before anything is read.

        ``BEGIN IMMEDIATE`` takes the file's write lock at once, so that a count read in
        the transaction is still true when the transaction writes, in every process.
        """
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def close(self) -> None:
        """Close this process's connection."""
        with self._lock:
            if self._db is not None and self._pid == os.getpid():
                self._db.close()
            self._db = None


def store_for(app: Flask) -> SharedFile:
    """Return the app's file: ``LOGIN_THROTTLE_FILE``, else one in the instance folder.

    An app in testing mode with no file set gets a database of its own in memory, so that
    tests never share (or leave behind) sign-ins.
    """
    database = app.config.get("LOGIN_THROTTLE_FILE")
    if not database:
        if app.testing:
            database = f"file:admin-{uuid.uuid4().hex}?mode=memory&cache=shared"
        else:
            database = str(Path(app.instance_path, STORE_FILE))
    return SharedFile(str(database))
