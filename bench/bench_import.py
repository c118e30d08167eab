"""Measure a flat-CSV import (validation + geocoding + indexing): time and peak memory.

    python bench/bench_import.py 100000

Generates bench/out/resources-N.csv when missing, imports it into bench/out/index-N, and
prints rows, seconds, rows per second and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from referral_match import import_directory  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    source = OUT / f"resources-{args.count}.csv"
    if not source.exists():
        generate(args.count, source)
    index = OUT / f"index-{args.count}"
    started = time.perf_counter()
    report = import_directory(source, index)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Whoosh indexes in two child processes; this is the largest of them.
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"rows read:        {report.total_rows:,}")
    print(f"imported:         {report.imported:,} (rejected rows: {report.rejected_rows:,})")
    print(f"import time:      {seconds:.1f} s ({report.total_rows / seconds:,.0f} rows/s)")
    print(
        f"peak memory:      {peak_mb:,.0f} MB importing process, "
        f"{child_mb:,.0f} MB largest indexing process"
    )


if __name__ == "__main__":
    main()
