"""Measure search latency on a warm directory: two-word queries with a 10-mile radius.

Warm means the directory is open and each query's words have been searched once (their
document sets are cached in memory, as they are after a few minutes of use); the first
search of each query is reported apart as "cold".

    python bench/bench_search.py 100000      # after bench/bench_import.py 100000

Opens bench/out/index-N once, runs a warm-up, then times each query and prints p50, p95,
p99 and the mean, in milliseconds; then the same with one of the search page's filters
(age, language, free only, open now, or all but open now) on every query.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from referral_match import Directory

OUT = Path(__file__).resolve().parent / "out"
QUERIES = [
    "food pantry",
    "rent help",
    "free clinic",
    "child care",
    "legal aid",
    "job training",
    "mental health",
    "bus pass",
    "emergency shelter",
    "dental care",
    "senior meals",
    "utility bill",
    "domestic violence",
    "tax help",
    "baby diapers",
    "detox program",
    "immigration lawyer",
    "health insurance",
    "winter clothing",
    "food stamps",
]
FILTERS = [
    {"age": 30},
    {"age": 72},
    {"languages": ["es"]},
    {"languages": ["zh", "vi"]},
    {"free_only": True},
    {"open_now": True},
    {"age": 8, "languages": ["es"], "free_only": True},
]
PLACES = [
    "94063",
    "94401",
    "94080",
    "94015",
    "94303",
    "94025",
    "94002",
    "94070",
    "94066",
    "94010",
    "94403",
    "94061",
]


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--radius", type=float, default=10.0)
    args = parser.parse_args()
    rng = random.Random(1)
    started = time.perf_counter()
    directory = Directory.open(OUT / f"index-{args.count}")
    print(
        f"open:    {(time.perf_counter() - started) * 1000:.0f} ms "
        f"for {directory.count:,} resources"
    )
    cold = []
    for text in QUERIES:  # warm-up: every query once, its words met for the first time
        t0 = time.perf_counter()
        directory.search(text, near=rng.choice(PLACES), radius_miles=args.radius)
        cold.append((time.perf_counter() - t0) * 1000)
    print(
        f"cold:    first search of each of {len(cold)} queries: median "
        f"{statistics.median(cold):.1f} ms, max {max(cold):.1f} ms"
    )
    for label, filters in (("queries", [{}]), ("filtered", FILTERS)):
        times = []
        totals = []
        for _ in range(args.queries):
            text, near, chosen = rng.choice(QUERIES), rng.choice(PLACES), rng.choice(filters)
            t0 = time.perf_counter()
            page = directory.search(text, near=near, radius_miles=args.radius, **chosen)
            times.append((time.perf_counter() - t0) * 1000)
            totals.append(page.total)
        print(
            f"{label}: {len(times)} two-word searches, {args.radius:g}-mile radius"
            f"{', one filter set each' if len(filters) > 1 else ''}, "
            f"median {statistics.median(totals):,.0f} matches each"
        )
        print(
            f"latency: p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
            f"p99 {percentile(times, 99):.1f} ms, mean {statistics.mean(times):.1f} ms"
        )


if __name__ == "__main__":
    main()
