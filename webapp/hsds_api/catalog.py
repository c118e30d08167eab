"""Keep one HSDS catalog per app, built again when the directory serves a new generation.

Building reads every resource (about a minute for 100,000 on one core), so it is done once
per index generation, by the first request that needs it, while the others wait; the
previous catalog is let go first, so that two are never held at once.
"""

from __future__ import annotations

import datetime as dt
import threading

from flask import Flask, current_app

from referral_match import Directory
from referral_match.hsds.api_catalog import HsdsCatalog
from webapp.directory import get_directory

_EXTENSION = "referral_match_hsds"


def init_app(app: Flask) -> None:
    """Register the catalog holder on the app (built lazily, on the first request)."""
    app.extensions[_EXTENSION] = {"key": None, "catalog": None, "lock": threading.Lock()}


def _generation(directory: Directory) -> str:
    """Return what names the generation being served: its folder, unique per import."""
    return str(directory.store.current())


def _built(directory: Directory) -> dt.datetime:
    """Return when the generation being served was built (now, if its index does not say)."""
    built = directory.info.get("built")
    try:
        when = dt.datetime.fromisoformat(str(built))
    except ValueError:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def get_catalog() -> HsdsCatalog:
    """Return the catalog of the generation being served, building it if needed."""
    holder = current_app.extensions[_EXTENSION]
    directory = get_directory()
    key = _generation(directory)
    catalog: HsdsCatalog | None = holder["catalog"]
    if catalog is not None and holder["key"] == key:
        return catalog
    with holder["lock"]:
        key = _generation(directory)
        if holder["catalog"] is None or holder["key"] != key:
            holder["catalog"] = None
            # Read the key before the resources: should an import land in between, the
            # next request sees a newer generation than the key and builds again.
            holder["catalog"] = HsdsCatalog.build(
                directory.resources(),
                taxonomy=directory.taxonomy,
                fetch=directory.get,
                modified=_built(directory),
            )
            holder["key"] = key
        built: HsdsCatalog = holder["catalog"]
        return built
