"""Measure the HSDS 3.0 API on a large directory: the catalog build, pages, and the ndjson stream.

    python bench/bench_hsds_api.py 100000      # after bench/bench_import.py 100000

Opens the app on bench/out/index-N and, in this order:

1. times the first request, which builds the catalog of the generation (reading every
   resource), and reports the memory the process holds once it is built;
2. times ``GET /hsds/services?per_page=50`` on random pages, in-process (the WSGI app, as
   the test client calls it) and over loopback HTTP (waitress in this process, one
   client), and prints p50, p95, p99 and the mean in milliseconds, and the memory resident
   after; the same for a few other listings, for comparison (records nested with
   ``full=true`` read resources from the index: each waitress thread opens its own Whoosh
   searcher the first time);
3. streams ``GET /hsds/services?format=ndjson`` and ``/hsds/service_at_locations?format=
   ndjson`` over HTTP, reading them as they come, and prints the time, the lines and bytes
   received, and how much the process's resident memory grew while each was sent (sampled
   as chunks arrive).

Targets (issue 13): p95 of a page <= 50 ms; the stream of 100,000 services <= 60 s, without
holding them all.
"""

from __future__ import annotations

import argparse
import http.client
import random
import resource
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

from waitress import create_server

from webapp import create_app

OUT = Path(__file__).resolve().parent / "out"


def rss_mb() -> float:
    """Return this process's resident memory now, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


def report(label: str, timings: list[float]) -> None:
    """Print the percentiles of timings given in seconds."""
    ms = [t * 1000 for t in timings]
    print(
        f"{label:<58} p50 {percentile(ms, 50):6.1f}  p95 {percentile(ms, 95):6.1f}  "
        f"p99 {percentile(ms, 99):6.1f}  mean {statistics.fmean(ms):6.1f} ms  (n={len(ms)}, "
        f"{rss_mb():,.0f} MB resident after)"
    )


def timed(get: Callable[[str], bytes], urls: list[str]) -> list[float]:
    """Return how long each request took, in seconds."""
    timings = []
    for url in urls:
        started = time.perf_counter()
        get(url)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per listing")
    args = parser.parse_args()
    index = OUT / f"index-{args.count}"
    if not index.exists():
        raise SystemExit(f"{index} is missing: run bench/bench_import.py {args.count} first.")
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    client = app.test_client()
    before = rss_mb()
    started = time.perf_counter()
    first = client.get("/hsds/services?per_page=1").get_json()
    build = time.perf_counter() - started
    total = first["total_items"]
    print(f"resources:        {args.count:,} ({total:,} HSDS services)")
    print(f"catalog build:    {build:.1f} s (the first request after an import)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"memory:           {rss_mb():,.0f} MB resident after the build "
        f"({rss_mb() - before:+,.0f} MB), peak {peak:,.0f} MB"
    )

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    port = server.effective_port  # type: ignore[union-attr]
    threading.Thread(target=server.run, daemon=True).start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def over_http(url: str) -> bytes:
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (url, body[:200])
        return body

    def in_process(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, url
        return response.get_data()

    rng = random.Random(13)
    pages = -(-total // 50)
    urls = [
        f"/hsds/services?per_page=50&page={rng.randint(1, pages)}" for _ in range(args.requests)
    ]
    for get in (in_process, over_http):  # warm-up
        timed(get, urls[:20])
    report("/hsds/services?per_page=50, in-process", timed(in_process, urls))
    report("/hsds/services?per_page=50, HTTP", timed(over_http, urls))
    others = [
        ("/hsds/services?per_page=50&search=food+pantry&page={}", 5),
        ("/hsds/services?per_page=50&full=true&page={}", pages),
        ("/hsds/service_at_locations?per_page=50&page={}", pages),
        ("/hsds/service_at_locations?postcode=94063&proximity=5000&page={}", 5),
        ("/hsds/organizations?per_page=50&page={}", 1),
    ]
    for template, most in others:
        sample = [
            template.format(rng.randint(1, most)) for _ in range(max(20, args.requests // 10))
        ]
        report(template.format("N") + ", HTTP", timed(over_http, sample))

    for url in ("/hsds/services?format=ndjson", "/hsds/service_at_locations?format=ndjson"):
        connection.request("GET", url)
        response = connection.getresponse()
        baseline = peak = rss_mb()
        lines = size = 0
        started = time.perf_counter()
        while chunk := response.read1(1 << 16):
            lines += chunk.count(b"\n")
            size += len(chunk)
            if lines % 1000 < 60:
                peak = max(peak, rss_mb())
        seconds = time.perf_counter() - started
        print(
            f"{url}: {lines:,} records, {size / 1e6:,.1f} MB in {seconds:.1f} s "
            f"({lines / seconds:,.0f} a second); resident memory {baseline:,.0f} MB before, "
            f"at most {peak - baseline:+,.0f} MB while streaming"
        )
    server.close()


if __name__ == "__main__":
    main()
