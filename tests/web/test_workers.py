"""`referral-match serve --workers N`: processes sharing one port, and sharing it fairly.

Real processes on a real port: the connections each worker holds are read from /proc.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="reads connections from Linux's /proc"
)


def _children(pid: int) -> list[int]:
    """Return the processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # it ended meanwhile
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _established_sockets(port: int) -> set[str]:
    """Return the inodes of the server ends of established TCP connections on ``port``."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rpartition(":")[2], 16)
        if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
            inodes.add(fields[9])
    return inodes


def _connections_held(pid: int, port: int) -> int:
    """Return how many of the established connections on ``port`` process ``pid`` holds."""
    established = _established_sockets(port)
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in established:
            held += 1
    return held


PASSWORD = "correct horse battery staple"


@pytest.fixture()
def two_workers(
    sample_index: Path, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = dict(
        os.environ,
        REFERRAL_MATCH_INDEX=str(sample_index),
        REFERRAL_MATCH_SECRET_KEY="k",
        REFERRAL_MATCH_ADMIN_USERNAME="admin",
        REFERRAL_MATCH_ADMIN_PASSWORD_HASH=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"),
        REFERRAL_MATCH_LOGIN_THROTTLE_FILE=str(tmp_path / "throttle.sqlite3"),
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "referral_match", "serve", "--port", str(port)]
            + ["--workers", "2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 or not _answers(port):
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "serve --workers 2 did not start in 30 s"
        time.sleep(0.1)
    yield process, port
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/list/")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


def test_a_burst_of_browsers_is_shared_between_the_workers(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    # 16 browsers connecting at once, then each asking for a page over its keep-alive
    # connection: left to the kernel, one worker could take them all and leave a core idle.
    process, port = two_workers
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(16)]
    for connection in connections:
        connection.connect()
    for connection in connections:
        connection.request("GET", "/?q=food&near=94063")
    for connection in connections:
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    try:
        held = sorted(_connections_held(pid, port) for pid in _children(process.pid))
        assert sum(held) == 16
        assert held[1] - held[0] <= 2, f"connections per worker: {held}"
    finally:
        for connection in connections:
            connection.close()


def test_stopping_the_server_stops_every_worker(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = two_workers
    workers = _children(process.pid)
    assert len(workers) == 2
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    # The server waits for its workers before it exits: none is left behind.
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert not _answers(port)


def test_when_a_worker_dies_the_server_stops_instead_of_half_serving(
    two_workers: tuple[subprocess.Popen[bytes], int], tmp_path: Path
) -> None:
    process, port = two_workers
    first, second = _children(process.pid)
    os.kill(first, signal.SIGKILL)
    assert process.wait(timeout=10) == 1
    assert not Path(f"/proc/{second}").exists()
    assert f"Worker process {first} was killed by signal 9" in (tmp_path / "serve.log").read_text()
    assert not _answers(port)


def _sign_in(connection: http.client.HTTPConnection, password: str) -> int:
    """Post the sign-in form over this connection as a browser would; return the status."""
    connection.request("GET", "/admin/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, page
    body = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "username": "admin", "password": password}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    connection.request("POST", "/admin/login", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def test_failed_sign_ins_count_across_workers(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    # Two browsers from one address, each kept by a different worker: the limit of 5
    # failures holds for the site, not 5 per worker.
    process, port = two_workers
    first, second = (http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in "ab")
    assert _sign_in(first, "guess one") == 401
    assert _sign_in(second, "guess two") == 401
    workers = _children(process.pid)
    assert sorted(_connections_held(pid, port) for pid in workers) == [1, 1]
    for guess in ("three", "four", "five"):
        assert _sign_in(first, guess) == 401
    assert _sign_in(second, PASSWORD) == 429
    assert _sign_in(first, PASSWORD) == 429
    first.close()
    second.close()


def test_forty_guesses_at_once_get_no_more_checks_than_the_limit(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    # Each guess is counted before its password is checked, in one transaction of the
    # shared file: sent all at once to both workers, 40 guesses get 5 checks, not 17.
    _, port = two_workers
    forms = []
    for _ in range(40):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/admin/login")
        response = connection.getresponse()
        page = response.read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert token, page
        cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
        forms.append((connection, token.group(1), cookie))
    start = threading.Barrier(len(forms))

    def guess(form: tuple[http.client.HTTPConnection, str, str]) -> int:
        connection, token, cookie = form
        body = urllib.parse.urlencode(
            {"csrf_token": token, "username": "admin", "password": "wrong guess"}
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        start.wait()
        connection.request("POST", "/admin/login", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status

    with concurrent.futures.ThreadPoolExecutor(len(forms)) as pool:
        statuses = list(pool.map(guess, forms))
    assert sorted(statuses) == [401] * 5 + [429] * 35
