"""Measure the web pages under load: 16 clients at once on loopback, search and assessment.

    python bench/bench_web.py                  # starts `referral-match serve` on the sample
    python bench/bench_web.py --workers 1      # ... with one process (default: one per core)
    python bench/bench_web.py --requests 800   # more requests per page (default 400)
    python bench/bench_web.py --url http://127.0.0.1:5000   # a server already running
    python bench/bench_web.py --think 1        # each client pauses ~1 s between requests

Without --url it imports data/sample/resources.csv into bench/out/web-index (once) and
starts `referral-match serve --workers N` on a free loopback port (N: the cores). Each
client keeps one connection open and sends requests back to back (or pausing 0.5 to 1.5
times --think seconds, as a person reading the page would): first all clients search
(GET /, varied words, places and filters), then all clients assess (POST /assess/, varied
answers); --mixed sends both at once. A warm-up round is not timed. Prints p50, p95, p99
and the mean per page, in milliseconds, and the throughput.
Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
SAMPLE = ROOT / "data" / "sample" / "resources.csv"

SEARCHES = [
    {"q": "food pantry", "near": "94063"},
    {"q": "rent help", "near": "94401", "radius": "5"},
    {"q": "free clinic", "near": "94080", "language": "es"},
    {"q": "child care", "near": "94303", "age": "3"},
    {"q": "legal aid", "near": "Redwood City, CA"},
    {"q": "job training", "near": "94015", "free": "1"},
    {"q": "mental health", "near": "94025", "language": "zh"},
    {"q": "shelter", "near": "San Mateo, CA", "open_now": "1"},
    {"q": "", "near": "94063", "category": "102"},
    {"q": "", "near": "94066", "category": "103", "radius": "15"},
    {"q": "dental care", "near": "94002"},
    {"q": "bus pass", "near": "94010", "age": "70"},
]
ASSESSMENTS = [
    {"near": "94063", "age": "67", "living": "none", "food_worry": "often", "language": "es"},
    {"near": "94401", "utilities": "yes", "transport": "yes", "household": "3", "income": "24000"},
    {"near": "94080", "safety": "frequently", "living": "worried"},
    {"near": "94303", "food_ran_out": "sometimes", "domain": "employment", "age": "34"},
    {"near": "Redwood City, CA", "living": "none", "veteran": "yes", "age": "58"},
    {"near": "94025", "domain": "mental_health", "situation": "Lost her job, behind on rent"},
    {"near": "94015", "home_problems": "mold", "age": "41", "household": "4", "children": "3, 8"},
    {"near": "94066", "domain": "substance_use", "age": "29", "gender": "male"},
    {"near": "94002", "food_worry": "sometimes", "domain": "financial_strain", "age": "72"},
    {"near": "94010", "utilities": "shut_off", "language": "zh", "household": "2"},
    {"near": "94044", "domain": "disabilities", "transport": "yes", "age": "63"},
    {"near": "94403", "living": "worried", "domain": "education", "age": "19"},
    {"near": "94061", "safety": "sometimes", "domain": "family_community_support"},
    {"near": "94080", "food_ran_out": "often", "household": "5", "income": "31000"},
    {"near": "94401", "domain": "employment", "language": "vi", "age": "45"},
    {"near": "94303", "living": "none", "age": "24", "children": "1", "household": "2"},
]


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(index: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Import the sample if needed and start `referral-match serve`; return it and its URL."""
    from referral_match import Directory, IndexNotFound, import_directory

    try:
        Directory.open(index).close()
    except IndexNotFound:
        report = import_directory(SAMPLE, index)
        print(f"imported {report.imported} resources into {index}")
    port = free_port()
    env = dict(
        os.environ, REFERRAL_MATCH_INDEX=str(index), REFERRAL_MATCH_SECRET_KEY=secrets.token_hex()
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "referral_match", "serve", "--port", str(port)]
        + ["--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, url
        except OSError:
            if process.poll() is not None:
                raise SystemExit(
                    "referral-match serve exited; run it by hand to see why."
                ) from None
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("referral-match serve did not start listening within 30 s.")


class Client(threading.Thread):
    """One case manager's browser: one keep-alive connection, requests back to back."""

    def __init__(
        self,
        host: str,
        port: int,
        number: int,
        count: int,
        warmup: int,
        think: float,
        pages: tuple[str, ...],
    ) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.number, self.pages = host, port, number, pages
        self.count, self.warmup, self.think = count, warmup, think
        self.random = random.Random(number)
        self.times: dict[str, list[float]] = {"search": [], "assessment": []}
        self.failures = 0

    def _csrf(self, connection: http.client.HTTPConnection) -> dict[str, str]:
        """Open the assessment page as a browser would: its session cookie and CSRF token."""
        connection.request("GET", "/assess/")
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        if not found:
            return {}
        return {"Cookie": cookie, "X-CSRFToken": found.group(1)}

    def run(self) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        browser = self._csrf(connection) if "assessment" in self.pages else {}
        for i in range(self.warmup + self.count):
            if self.think and i:
                time.sleep(self.think * self.random.uniform(0.5, 1.5))
            kind = self.pages[(i + self.number) % len(self.pages)]
            pick = (i * 7 + self.number) % 1000
            started = time.perf_counter()
            if kind == "search":
                query = urllib.parse.urlencode(SEARCHES[pick % len(SEARCHES)])
                connection.request("GET", "/?" + query)
            else:
                body = urllib.parse.urlencode(ASSESSMENTS[pick % len(ASSESSMENTS)])
                headers = {"Content-Type": "application/x-www-form-urlencoded", **browser}
                connection.request("POST", "/assess/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                self.failures += 1
            elif i >= self.warmup:
                self.times[kind].append(elapsed)
        connection.close()


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of the sorted values lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--clients", type=int, default=16, help="clients at once (16)")
    parser.add_argument(
        "--requests", type=int, default=400, help="timed requests per page, all clients (400)"
    )
    parser.add_argument(
        "--mixed", action="store_true", help="search and assess at once, not one after another"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server processes, without --url (default: the cores)",
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause between requests, seconds (0)"
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.requests <= 10_000 or args.think < 0:
        raise SystemExit("--clients must be 1 to 64, --requests 1 to 10000, --think >= 0.")
    process = None
    if args.url:
        url = args.url
    else:
        process, url = start_server(OUT / "web-index", args.workers)
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "", parts.port or 80
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"{url} is not a loopback address: this benchmark stays on loopback.")
    phases = [("search", "assessment")] if args.mixed else [("search",), ("assessment",)]
    times: dict[str, list[float]] = {"search": [], "assessment": []}
    try:
        for pages in phases:
            per_client = max(2, -(-len(pages) * args.requests // args.clients))
            clients = [
                Client(host, port, n, per_client, warmup=4, think=args.think, pages=pages)
                for n in range(args.clients)
            ]
            started = time.perf_counter()
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            wall = time.perf_counter() - started
            total = sum(len(t) for c in clients for t in c.times.values())
            failed = sum(c.failures for c in clients)
            print(
                f"{' and '.join(pages)}: {args.clients} clients (think {args.think:g} s), "
                f"{total} timed requests in {wall:.1f} s ({total / wall:.0f}/s), {failed} failed"
            )
            for client in clients:
                for kind, values in client.times.items():
                    times[kind] += values
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    for kind, values in times.items():
        print(
            f"{kind:>10}: n={len(values)}  p50 {percentile(values, 0.5):.0f} ms  "
            f"p95 {percentile(values, 0.95):.0f} ms  p99 {percentile(values, 0.99):.0f} ms  "
            f"mean {statistics.fmean(values):.0f} ms"
        )


if __name__ == "__main__":
    main()
