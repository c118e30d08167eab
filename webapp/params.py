"""Read numbers and choices from a query string or form, and build links that change one.

Values that cannot be used raise :class:`~referral_match.InputError` naming the field, so
that the page can show the message next to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import unquote, urlencode, urlsplit

from flask import request
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from referral_match import InputError

#: Longer than any page of this site's address with its query.
_MAX_TARGET = 2000


def number(
    values: Mapping[str, str], name: str, label: str, *, whole: bool = False
) -> float | None:
    """Return the field as a number (None when blank), or raise InputError naming it.

    ``label`` is the field in words, as the message begins with it, in the page's language
    (``gettext("The radius")``: "The radius must be...").
    """
    raw = values.get(name, "").strip().replace(",", "").lstrip("$")
    if not raw:
        return None
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        given = values.get(name, "").strip()
        if whole:
            text = gettext('%(field)s must be a whole number, not "%(value)s".')
        else:
            text = gettext('%(field)s must be a number, not "%(value)s".')
        raise InputError(text % {"field": label, "value": given}, field=name, value=raw) from None
    if value < 0 or value != value:  # NaN
        raise InputError(
            gettext("%(field)s cannot be negative.", field=label), field=name, value=raw
        )
    return value


def whole(values: Mapping[str, str], name: str, label: str) -> int | None:
    """Return the field as a whole number (None when blank), or raise InputError naming it."""
    value = number(values, name, label, whole=True)
    return None if value is None else int(value)


def words(values: MultiDict[str, str], name: str) -> list[str]:
    """Return the non-blank values of a repeated field, stripped, without repeats."""
    return list(dict.fromkeys(v.strip() for v in values.getlist(name) if v.strip()))


def page_url(**changes: object) -> str:
    """Return the current page's URL with some query parameters changed.

    A value of None removes the parameter; a list sets repeated values. Other parameters,
    repeated ones included (``category``), are kept.
    """
    args: dict[str, list[str]] = request.args.to_dict(flat=False)
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        elif isinstance(value, list | tuple):
            args[name] = [str(v) for v in value]
        else:
            args[name] = [str(value)]
    query = urlencode([(k, v) for k, vs in args.items() for v in vs])
    return request.path + ("?" + query if query else "")


def local_target(target: str | None, default: str) -> str:
    """Return ``target`` if it is a path on this site, else ``default`` (no open redirects).

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so that
    ``/\\t/evil.example`` goes to ``//evil.example``, another site: a target with a control
    character or a backslash is refused, as typed or once decoded again, and so is one that
    names a site once decoded (``/%2F%2Fevil.example``). Spaces must come encoded.
    """
    if not target or len(target) > _MAX_TARGET or " " in target:
        return default
    for text in (target, unquote(target)):
        if (
            not text.startswith("/")
            or text.startswith("//")
            or any(c == "\\" or not c.isprintable() for c in text)
        ):
            return default
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return default
    return target
