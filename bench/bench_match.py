"""Measure match latency on a warm directory: three-need profiles with a 10-mile radius.

    python bench/bench_match.py 100000      # after bench/bench_import.py 100000

Opens bench/out/index-N once, matches each profile once to warm it, then times repeated
matches of three-need profiles at places around the metro area and prints p50, p95, p99.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from referral_match import Directory

OUT = Path(__file__).resolve().parent / "out"
NEEDS = [
    ("evicted", "no food", "job"),
    ("behind on rent", "daycare", "food stamps"),
    ("drinking problem", "depressed", "no ride to the doctor"),
    ("can't pay PG&E", "dentist", "legal aid"),
    ("shelter", "hot meal", "shower"),
    ("103-03", "102-04", "106-07"),
]
PLACES = ["94063", "94401", "94080", "94015", "94303", "94025", "94002", "94070"]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--matches", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(3)
    directory = Directory.open(OUT / f"index-{args.count}")
    profiles = [
        {
            "needs": list(needs),
            "location": place,
            "radius_miles": 10,
            "age": rng.randint(20, 80),
            "household_size": rng.randint(1, 5),
            "annual_income": rng.randint(0, 60_000),
            "languages": [rng.choice(["en", "es", "zh", "tl"])],
        }
        for needs in NEEDS
        for place in PLACES
    ]
    cold = []
    for profile in profiles[:: len(PLACES)]:
        t0 = time.perf_counter()
        directory.match(profile)
        cold.append((time.perf_counter() - t0) * 1000)
    times = []
    for _ in range(args.matches):
        profile = rng.choice(profiles)
        t0 = time.perf_counter()
        directory.match(profile)
        times.append((time.perf_counter() - t0) * 1000)
    ordered = sorted(times)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    print(
        f"cold:    first match of each need set: median {statistics.median(cold):.0f} ms, "
        f"max {max(cold):.0f} ms"
    )
    print(
        f"matches: {len(times)} three-need profiles, 10-mile radius, {directory.count:,} resources"
    )
    print(
        f"latency: p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, "
        f"mean {statistics.mean(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
