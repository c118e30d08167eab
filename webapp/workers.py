"""Serve one app from several processes sharing one listening socket (pre-fork).

A Python process runs one request's Python code at a time, so one waitress process uses one
core however many threads it has. With ``--workers N`` the socket is opened once and N
processes, forked from it, each run waitress on it: the kernel hands each connection to one
of them. Sessions are signed cookies, so any worker can answer any request; each worker
opens the directory itself, on its first request.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any


def serve_forked(app: Any, *, host: str, port: int, threads: int, workers: int) -> None:
    """Serve ``app`` on host:port from ``workers`` processes; stop them all on a signal."""
    import waitress

    listener = socket.create_server((host, port), backlog=1024)
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: serve until told to stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                waitress.serve(app, sockets=[listener], threads=threads, ident="referral-match")
            finally:
                os._exit(0)
        children.append(pid)
    listener.close()  # the workers hold it

    def stop(signum: int, frame: object) -> None:
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # If one worker dies, stop the others too: a half-served site is worse than a clear stop.
    _, status = os.wait()
    stop(signal.SIGTERM, None)
    for child in children:
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass
    sys.exit(0 if os.WIFSIGNALED(status) or os.waitstatus_to_exitcode(status) == 0 else 1)
