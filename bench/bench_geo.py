"""Print how long the offline geography takes: gazetteer loading, distances, PointGrid.within.

Run from the repository root: ``.venv/bin/python bench/bench_geo.py``. Each figure is the
median (and the slowest) of several runs, in a fresh process for the loading figures.
Nothing here is asserted: the numbers are for people.
"""

from __future__ import annotations

import math
import random
import statistics
import subprocess
import sys
import time

from referral_match.geo.grid import PointGrid
from referral_match.geo.places import distance_miles

CENTER = (37.48, -122.21)  # Redwood City, CA
SQUARE_MILES = 40.0
POINTS = 100_000
QUERIES = 200

_LOAD_SCRIPT = """
import time
t0 = time.perf_counter()
import zipcodes
zipcodes.matching("10001")
t1 = time.perf_counter()
from referral_match.geo.gazetteer import Gazetteer, parse_location
g = Gazetteer()
t2 = time.perf_counter()
g.by_zip("94063")
t3 = time.perf_counter()
parse_location("Redwood City, CA", gazetteer=g)
t4 = time.perf_counter()
g.load_all()
t5 = time.perf_counter()
print(t1 - t0, t3 - t2, t4 - t3, t5 - t4)
"""


def _milliseconds(seconds: list[float]) -> str:
    """Return "median ms (max ms)" for a list of durations in seconds."""
    return f"{statistics.median(seconds) * 1000:8.3f} ms median, {max(seconds) * 1000:8.3f} ms max"


def bench_loading(runs: int = 5) -> None:
    """Time the gazetteer's first lookups, each run in a fresh interpreter."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SCRIPT], check=True, capture_output=True, text=True
        ).stdout
        samples.append([float(value) for value in out.split()])
    names = [
        "zipcodes' own first call (data unpacking)",
        "first ZIP lookup: index California",
        'then "Redwood City, CA"',
        "load_all(): index the other states",
    ]
    print(f"Gazetteer, fresh process ({runs} runs):")
    for name, values in zip(names, zip(*samples, strict=True), strict=True):
        print(f"  {name:45} {_milliseconds(list(values))}")


def _random_points(
    rng: random.Random, count: int, miles: float = SQUARE_MILES
) -> list[tuple[float, float] | None]:
    """Return points spread uniformly over a square of `miles` a side around CENTER."""
    half_lat = miles / 2 / 69.09
    half_lon = half_lat / math.cos(math.radians(CENTER[0]))
    lat, lon = CENTER
    return [
        (lat + rng.uniform(-half_lat, half_lat), lon + rng.uniform(-half_lon, half_lon))
        for _ in range(count)
    ]


def bench_distance(rng: random.Random, pairs: int = 200_000) -> None:
    """Time distance_miles on random pairs."""
    points = _random_points(rng, pairs + 1)
    start = time.perf_counter()
    for a, b in zip(points, points[1:], strict=False):
        assert a is not None and b is not None
        distance_miles(a[0], a[1], b[0], b[1])
    elapsed = time.perf_counter() - start
    print(f"distance_miles: {elapsed / pairs * 1e6:.3f} µs per pair ({pairs:,} pairs)")


def bench_grid(rng: random.Random) -> None:
    """Time PointGrid construction and within() against a brute-force scan."""
    points = _random_points(rng, POINTS)
    centers = [point for point in _random_points(rng, QUERIES, SQUARE_MILES / 2) if point]
    print(f"PointGrid: {POINTS:,} points over {SQUARE_MILES:.0f}x{SQUARE_MILES:.0f} miles,")
    print(f"  {QUERIES} random centers in the middle half of the square:")
    for cell in (0.05, 0.02, 0.01):
        start = time.perf_counter()
        grid = PointGrid(points, cell_degrees=cell)
        built = time.perf_counter() - start
        print(f"  cell_degrees={cell}: built in {built * 1000:.0f} ms")
        for radius in (1.0, 5.0, 10.0, 25.0):
            times, found = [], []
            for lat, lon in centers:
                start = time.perf_counter()
                found.append(len(grid.within(lat, lon, radius)))
                times.append(time.perf_counter() - start)
            print(
                f"    within({radius:4.0f} mi): {_milliseconds(times)}"
                f"  ({statistics.median(found):,.0f} points found)"
            )
    lat, lon = centers[0]
    start = time.perf_counter()
    for point in points:
        assert point is not None
        distance_miles(lat, lon, point[0], point[1])
    print(f"  brute force over all points: {(time.perf_counter() - start) * 1000:.1f} ms")


def main() -> None:
    """Run every benchmark and print the figures."""
    rng = random.Random(20240601)
    bench_loading()
    bench_distance(rng)
    bench_grid(rng)


if __name__ == "__main__":
    main()
