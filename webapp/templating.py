"""Helpers that every page's templates use: links that change one filter, today's date,
and a cache of rendered pieces that depend only on their arguments."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from flask import Flask
from markupsafe import Markup

from webapp.i18n import page_language
from webapp.params import page_url


def shown_apart(reason: str) -> bool:
    """Return True for a reason the result shows elsewhere: eligibility, verification."""
    return reason.startswith(
        ("Eligible: ", "Check: ", "Not eligible: ", "Last verified", "Never verified")
    )


def retitle(reason: str, titles: dict[str, str] | None) -> str:
    """Return a reason with needs said by their titles ("Housing", not "housing_instability")."""
    for label, title in (titles or {}).items():
        reason = reason.replace(f'"{label}"', f'"{title}"')
    return reason


class FragmentCache:
    """Rendered template macros kept by their arguments, the least recently used dropped.

    For macros whose output depends on their arguments and the page's language alone
    (and on globals that never change, such as ``url_for`` and ``language_name``), such as
    a resource's details: resources are immutable values, so an edited resource is a new
    key and never shows stale text. Shared by the threads of one process.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Hashable, ...], Markup] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, macro: Any, *args: Hashable) -> Markup:
        """Return ``macro(*args)``, rendered now or earlier."""
        key = (macro.name, page_language(), *args)
        with self._lock:
            html = self._items.get(key)
            if html is not None:
                self._items.move_to_end(key)
                return html
        html = Markup(macro(*args))
        with self._lock:
            self._items[key] = html
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return html


#: Rendered pieces kept per process: a resource's details are about 1 KB.
FRAGMENT_CACHE = 4096


def init_app(app: Flask) -> None:
    """Register the helpers with Jinja."""
    app.add_template_global(page_url)
    app.add_template_test(shown_apart)
    app.add_template_filter(retitle)

    app.add_template_global(dt.date.today, "today_date")
    app.add_template_global(FragmentCache(FRAGMENT_CACHE), "cached")
