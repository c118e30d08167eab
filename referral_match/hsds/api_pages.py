"""Lay out a listing of the HSDS API: one page of it as the ``Page`` schema says, or all of it
as newline-delimited JSON.

A listing is a sequence of record positions (a ``range`` when nothing is filtered) and a
function that renders one position as JSON bytes. Both layouts are generators of byte
chunks, so that a listing of every record is sent as it is rendered, never held whole.
The page's numbers are those of the HSDS 3.0 ``Page`` schema: ``total_items``,
``total_pages``, ``page_number`` (from 1), ``size`` (records on this page), ``first_page``,
``last_page`` and ``empty`` (this page holds none).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["DEFAULT_PER_PAGE", "MAX_PER_PAGE", "json_page", "ndjson_lines", "page_fields"]

#: Records on a page when ``per_page`` is not given.
DEFAULT_PER_PAGE = 50
#: The largest ``per_page``: more is a stream (``format=ndjson``), not a page.
MAX_PER_PAGE = 1000
#: Records rendered before their bytes are handed on.
_BATCH = 200

Render = Callable[[int], bytes]


def page_fields(total: int, page: int, per_page: int) -> dict[str, Any]:
    """Return the ``Page`` fields of page ``page`` (from 1) of ``total`` records."""
    pages = -(-total // per_page)
    start = (page - 1) * per_page
    size = max(0, min(per_page, total - start))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": size,
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": size == 0,
    }


def json_page(items: Sequence[int], page: int, per_page: int, render: Render) -> Iterator[bytes]:
    """Yield one page of a listing as the JSON of a ``Page`` with its ``contents``."""
    fields = page_fields(len(items), page, per_page)
    head = json.dumps(fields, separators=(",", ":"))[:-1] + ',"contents":['
    yield head.encode()
    start = (page - 1) * per_page
    chosen = items[start : start + fields["size"]]
    for at in range(0, len(chosen), _BATCH):
        batch = b",".join(render(p) for p in chosen[at : at + _BATCH])
        yield batch if at == 0 else b"," + batch
    yield b"]}"


def ndjson_lines(items: Sequence[int], render: Render) -> Iterator[bytes]:
    """Yield every record of a listing, one JSON object a line, without pages."""
    for at in range(0, len(items), _BATCH):
        yield b"".join(render(p) + b"\n" for p in items[at : at + _BATCH])
