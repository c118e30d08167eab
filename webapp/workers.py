"""Serve one app from several processes sharing one listening socket (pre-fork).

A Python process runs one request's Python code at a time, so one waitress process uses one
core however many threads it has. With ``--workers N`` the socket is opened once and N
processes, forked from it, each run waitress on it. Sessions are signed cookies, so any
worker can answer any request; each worker opens the directory itself, on its first request.

Left to the kernel, a burst of new connections goes to whichever worker wakes first: 16
browsers arriving together were seen to end up 16 and 0, one core idle and every page twice
as slow. So the workers share their open-connection counts, and a worker takes new
connections only while no other worker has fewer (least connections, as a load balancer
would do): the same 16 browsers end up 8 and 8. See :class:`LeastConnections`.
"""

from __future__ import annotations

import multiprocessing.sharedctypes
import os
import signal
import socket
import sys
from typing import Any

from waitress import wasyncore


class _Wakeup(wasyncore.file_dispatcher):  # type: ignore[misc]
    """The read end of a worker's wake-up pipe: a byte there makes its loop look again."""

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def handle_read(self) -> None:
        try:
            self.recv(512)
        except OSError:
            pass


class LeastConnections:
    """Decide, in each worker, whether it should accept new connections now.

    Made before the workers are forked. Each worker publishes how many connections it has
    open (shared memory) whenever its event loop turns, and listens only while it has no
    more than any other worker. A worker that stops listening wakes the others (a byte on
    their pipes) so that the one with the fewest looks again and takes over: at every
    moment at least one worker is listening, and a new connection never waits for a timeout.
    """

    def __init__(self, workers: int) -> None:
        self.counts = multiprocessing.sharedctypes.RawArray("i", workers)
        self.pipes = [os.pipe() for _ in range(workers)]

    def attach(self, server: Any, number: int) -> None:
        """Make this worker's waitress ``server`` (worker ``number``) take its fair share."""
        _Wakeup(self.pipes[number][0], map=server._map)  # keeps a copy of the descriptor
        others = [write_end for i, (_, write_end) in enumerate(self.pipes) if i != number]
        for i, (read_end, write_end) in enumerate(self.pipes):
            os.close(read_end)
            if i == number:
                os.close(write_end)
            else:
                os.set_blocking(write_end, False)
        counts = self.counts
        waitress_readable = server.readable  # its own checks: maintenance, connection limit
        state = {"listening": True}

        def readable() -> bool:
            if not waitress_readable():
                return False
            mine = len(server.active_channels)
            counts[number] = mine
            fair = all(mine <= n for i, n in enumerate(counts) if i != number)
            if state["listening"] and not fair:
                for write_end in others:
                    try:
                        os.write(write_end, b"!")
                    except BlockingIOError:  # its pipe is full: it will look anyway
                        pass
            state["listening"] = fair
            return fair

        server.readable = readable


def serve_forked(app: Any, *, host: str, port: int, threads: int, workers: int) -> None:
    """Serve ``app`` on host:port from ``workers`` processes; stop them all on a signal."""
    import logging

    from webapp.server import create_server

    logging.basicConfig()  # as waitress.serve does: its warnings reach the terminal
    listener = socket.create_server((host, port), backlog=1024)
    balance = LeastConnections(workers)
    children: list[int] = []
    for number in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: serve until told to stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                server = create_server(
                    app, sockets=[listener], threads=threads, ident="referral-match"
                )
                balance.attach(server, number)
                server.run()
            finally:
                os._exit(0)
        children.append(pid)
    listener.close()  # the workers hold it
    for read_end, write_end in balance.pipes:
        os.close(read_end)
        os.close(write_end)

    def stop(signum: int, frame: object) -> None:
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # If one worker dies, stop the others too: a half-served site is worse than a clear stop.
    pid, status = os.wait()
    stop(signal.SIGTERM, None)
    for child in children:
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass
    code = os.waitstatus_to_exitcode(status)
    # Ctrl-C and `kill` reach the workers too: dying of SIGINT or SIGTERM is a clean stop.
    if code not in (0, -signal.SIGINT, -signal.SIGTERM):
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        print(f"Worker process {pid} {how}; the server stopped.", file=sys.stderr)
        sys.exit(1)
