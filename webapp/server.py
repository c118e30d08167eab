"""Make the waitress server that serves the app, its own error pages included.

Waitress answers some requests itself, before the app sees them: a malformed request line
(400), a body over its limit (413), headers too large (431). Those pages are written by
waitress's ``ErrorTask``; the server made here uses one that adds the security headers
every app response carries (``webapp.headers``).
"""

from __future__ import annotations

from typing import Any

from waitress import create_server as create_waitress_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer
from waitress.task import ErrorTask

from webapp.headers import SERVER_ERROR_HEADERS


class _SecureErrorTask(ErrorTask):  # type: ignore[misc]
    """Waitress's error page, with the security headers."""

    def execute(self) -> None:
        # Added before the page is written: waitress sends the headers with its first write.
        self.response_headers.extend(SERVER_ERROR_HEADERS)
        super().execute()


class _SecureChannel(HTTPChannel):  # type: ignore[misc]
    error_task_class = _SecureErrorTask


def create_server(app: Any, **options: Any) -> Any:
    """Return a waitress server for ``app`` (``options`` as for ``waitress.create_server``)."""
    server = create_waitress_server(app, **options)
    # One listener gives one server; several (a host name with many addresses) give a
    # MultiSocketServer whose map holds one server per address.
    servers = server.map.values() if isinstance(server, MultiSocketServer) else [server]
    for one in servers:
        if isinstance(one, BaseWSGIServer):
            one.channel_class = _SecureChannel
    return server
