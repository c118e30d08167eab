"""Read the HSDS API's query parameters into typed values, or refuse them naming the field.

A value that cannot be used raises :class:`~referral_match.InputError` with the parameter
as its ``field``: the views answer 400 with a message saying what is wrong and what would
do (``page must be a whole number of 1 or more, not "0".``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping

from referral_match import InputError
from referral_match.hsds.api_pages import DEFAULT_PER_PAGE, MAX_PER_PAGE
from referral_match.hsds.api_query import ServiceFilter

#: The longest text a search or id parameter may be: far longer than any name or UUID.
MAX_TEXT = 500
_WHOLE = re.compile(r"[+-]?[0-9]{1,30}")


@dataclasses.dataclass(frozen=True, slots=True)
class Listing:
    """How to lay out a listing: page number, records per page (None: all), format."""

    page: int
    per_page: int | None
    format: str


def text(args: Mapping[str, str], name: str) -> str | None:
    """Return a text parameter (None when absent), refusing one that is too long."""
    value = args.get(name)
    if value is not None and len(value) > MAX_TEXT:
        raise InputError(
            f"{name} must be at most {MAX_TEXT} characters, not {len(value)}.",
            field=name,
            value=value[:50],
        )
    return value


def flag(args: Mapping[str, str], name: str) -> bool:
    """Return a boolean parameter: ``true`` or ``false`` (absent is false)."""
    value = args.get(name)
    if value is None or value == "false":
        return False
    if value == "true":
        return True
    raise InputError(f'{name} must be true or false, not "{value[:50]}".', field=name, value=value)


def whole(args: Mapping[str, str], name: str, *, most: int | None = None) -> int | None:
    """Return a whole-number parameter of 1 or more (up to ``most``), or None when absent."""
    value = args.get(name)
    if value is None:
        return None
    limit = f" and at most {most}" if most is not None else ""
    number = int(value) if _WHOLE.fullmatch(value) else 0
    if number < 1 or (most is not None and number > most):
        raise InputError(
            f'{name} must be a whole number of 1 or more{limit}, not "{value[:50]}".',
            field=name,
            value=value,
        )
    return number


def listing(args: Mapping[str, str], *, all_by_default: bool = False) -> Listing:
    """Return the ``page``, ``per_page`` and ``format`` of a listing.

    ``all_by_default`` (``minimal=true``) puts every record on one page unless
    ``per_page`` says otherwise, as the specification asks of minimal listings.
    """
    fmt = args.get("format", "json")
    if fmt not in ("json", "ndjson"):
        raise InputError(
            f'format must be json or ndjson, not "{fmt[:50]}".', field="format", value=fmt
        )
    page = whole(args, "page") or 1
    per_page = whole(args, "per_page", most=None if all_by_default else MAX_PER_PAGE)
    if per_page is None and not all_by_default:
        per_page = DEFAULT_PER_PAGE
    return Listing(page, per_page, fmt)


def moment(args: Mapping[str, str], name: str) -> dt.datetime | None:
    """Return a date-time parameter (ISO 8601; without a zone, UTC), or None when absent."""
    value = args.get(name)
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{name} must be an ISO 8601 date-time such as 2024-05-01T00:00:00Z, "
            f'not "{value[:50]}".',
            field=name,
            value=value,
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def metres(args: Mapping[str, str], name: str) -> float | None:
    """Return a distance in metres (a number, 0 or more), or None when absent."""
    value = args.get(name)
    if value is None:
        return None
    try:
        number = float(value) if value.isascii() else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise InputError(
            f'{name} must be a distance in metres (a number, 0 or more), not "{value[:50]}".',
            field=name,
            value=value,
        )
    return number


def service_filter(args: Mapping[str, str]) -> ServiceFilter:
    """Return the filters of ``/services`` and ``/service_at_locations``."""
    return ServiceFilter(
        search=text(args, "search") or "",
        taxonomy_term_id=text(args, "taxonomy_term_id"),
        taxonomy_id=text(args, "taxonomy_id"),
        organization_id=text(args, "organization_id"),
        modified_after=moment(args, "modified_after"),
    )
