"""`referral-match serve`: its word at start, and security headers on waitress's own pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def port(served: tuple[int, Path]) -> int:
    return served[0]


@pytest.fixture(scope="module")
def served(
    sample_index: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, Path]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = int(s.getsockname()[1])
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = dict(os.environ, REFERRAL_MATCH_INDEX=str(sample_index), REFERRAL_MATCH_SECRET_KEY="k")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "referral_match", "serve", "--port", str(free)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while not _exchange(free, b"GET /list/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"):
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the server did not start in 30 s"
        time.sleep(0.1)
    yield free, log
    process.terminate()
    process.wait(timeout=10)


def _exchange(port: int, request: bytes) -> bytes:
    """Send raw bytes; return the whole answer (empty if nothing listens yet)."""
    chunks: list[bytes] = []
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            try:
                connection.sendall(request)
            except OSError:  # the server answered and closed before reading it all
                pass
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    except OSError:
        pass
    return b"".join(chunks)


def _headers(answer: bytes) -> tuple[int, dict[str, str]]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    return status, {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n", 431),
        (b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
    ],
)
def test_the_servers_own_error_pages_carry_the_security_headers(
    port: int, request_bytes: bytes, status: int
) -> None:
    answered, headers = _headers(_exchange(port, request_bytes))
    assert answered == status
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"]


def test_the_apps_own_pages_keep_their_policy(port: int) -> None:
    status, headers = _headers(
        _exchange(port, b"GET /list/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    )
    assert status == 200 and "default-src 'self'" in headers["content-security-policy"]


def test_serve_says_once_that_plain_http_is_not_encrypted(served: tuple[int, Path]) -> None:
    _, log = served
    assert log.read_text().count("the connection is not encrypted") == 1
