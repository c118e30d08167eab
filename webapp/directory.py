"""Open the resource directory once per app and hand it to the views."""

from __future__ import annotations

import threading

from flask import Flask, current_app

from referral_match import Directory

_EXTENSION = "referral_match"


def init_app(app: Flask) -> None:
    """Register the directory holder on the app (opened lazily, on the first request)."""
    app.extensions[_EXTENSION] = {"directory": None, "lock": threading.Lock()}


def get_directory() -> Directory:
    """Return the app's directory, opening it on first use (raises IndexNotFound)."""
    holder = current_app.extensions[_EXTENSION]
    directory: Directory | None = holder["directory"]
    if directory is None:
        with holder["lock"]:
            directory = holder["directory"]
            if directory is None:
                directory = Directory.open(current_app.config["INDEX_DIR"])
                holder["directory"] = directory
    return directory
