"""A real instance of the web app on a loopback port, for the tests that pull from one."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from webapp import create_app
from webapp.server import create_server


@contextlib.contextmanager
def hsds_hub(index: Path) -> Iterator[str]:
    """Serve the web app over ``index`` with waitress on a loopback port; yield /hsds/'s URL.

    A plain helper (not a fixture): the pull tests start hubs over indexes of their own.
    """
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/hsds/"
    finally:

        def close_all() -> None:  # in the server's own loop: it ends once its map is empty
            for dispatcher in list(server._map.values()):
                if dispatcher is not server and dispatcher is not server.trigger:
                    dispatcher.close()
            server.close()

        server.trigger.pull_trigger(close_all)
        thread.join(10)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive()
