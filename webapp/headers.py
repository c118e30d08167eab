"""Response headers: nothing loads from other sites, and client pages are never cached.

The Content-Security-Policy admits this site only (the map tile server too, for images),
so a CDN link or an injected script cannot load. Pages may show what a client needs (the
assessment, the referral list), so no page is kept in a browser or proxy cache; static
files are. The pages waitress writes itself (a bad request line, headers too large) carry
them too: see ``webapp.server``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request


def content_security_policy(tiles: str) -> str:
    """Return the policy: this site only, plus the tile server's origin for images."""
    parts = urlsplit(tiles) if tiles else None
    tile_origin = f" {parts.scheme}://{parts.netloc}" if parts and parts.netloc else ""
    return (
        "default-src 'self'; "
        f"img-src 'self' data:{tile_origin}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def security_headers(policy: str) -> list[tuple[str, str]]:
    """Return the headers every response carries, with this Content-Security-Policy."""
    return [
        ("Content-Security-Policy", policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]


#: For the server's own error pages (waitress's 400, 413, 431...): plain text, loads nothing.
SERVER_ERROR_HEADERS = security_headers(
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
) + [("Cache-Control", "no-store")]


def init_app(app: Flask) -> None:
    """Add the headers to every response."""
    always = security_headers(content_security_policy(str(app.config["MAP_TILES"])))

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        for name, value in always:
            headers.setdefault(name, value)
        if request.endpoint != "static":
            headers.setdefault("Cache-Control", "no-store")
        return response
