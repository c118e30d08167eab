"""The search page: words, a place, filters; results with distances and reasons."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from referral_match import InputError
from webapp.directory import get_directory

bp = Blueprint("search", __name__)

PAGE_SIZE = 20


def _number(name: str, kind: type[int] | type[float]) -> int | float | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        raise InputError(f'{name} must be a number, not "{raw}".', field=name, value=raw) from None


@bp.get("/")
def index() -> str:
    """Show the search form and, when a search was asked, its results."""
    directory = get_directory()
    args = request.args
    text = args.get("q", "").strip()
    near = args.get("near", "").strip()
    category = args.get("category", "").strip()
    language = args.get("language", "").strip()
    asked = any((text, near, category))
    page = None
    page_number = int(_number("page", int) or 1)
    if asked:
        page = directory.search(
            text,
            near=near or None,
            radius_miles=_number("radius", float) if near else None,
            categories=[category] if category else [],
            languages=[language] if language else [],
            age=_number("age", int),  # type: ignore[arg-type]
            free_only=args.get("free") == "1",
            open_now=args.get("open_now") == "1",
            limit=PAGE_SIZE,
            offset=(max(page_number, 1) - 1) * PAGE_SIZE,
        )
    return render_template(
        "search.html",
        args=args,
        page=page,
        page_number=page_number,
        page_size=PAGE_SIZE,
        categories=directory.taxonomy.top_level(),
        count=directory.count,
    )
