"""Measure what opening a directory costs each serving process: time, own and shared memory.

    python bench/bench_memory.py 100000 --workers 2     # after bench/bench_import.py 100000

Starts N processes (as ``serve --workers N`` does), each of which opens bench/out/index-N,
runs searches and three-need matches until warm, and reads its memory from
``/proc/self/smaps_rollup``: its own memory (RSS minus what it shares with other
processes: the mapped side files and Whoosh's files, in the page cache once for all) and
the shared mappings. Printed per worker, with the time to open and the figures of a process
that only imported Python and the library, for comparison.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SEARCHES = ["food pantry", "rent help", "free clinic", "legal aid", "dental care", "tax help"]
NEEDS = [("evicted", "no food", "job"), ("shelter", "hot meal", "shower")]
PLACES = ["94063", "94401", "94080", "94303"]


def memory_mb() -> dict[str, float]:
    """Return this process's memory from /proc/self/smaps_rollup, in MB."""
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        fields[name] = int(value.split()[0]) / 1024
    shared = fields["Shared_Clean"] + fields["Shared_Dirty"]
    return {
        "rss": fields["Rss"],
        "own": fields["Rss"] - shared,
        "shared": shared,
        "anonymous": fields["Anonymous"],
    }


def worker(
    index: Path, rounds: int, ready: multiprocessing.Barrier, out: multiprocessing.Queue
) -> None:
    """Open the directory, warm it with searches and matches, report time and memory."""
    from referral_match import Directory  # imported here: its cost is counted apart

    before = memory_mb()
    started = time.perf_counter()
    directory = Directory.open(index)
    opened_ms = (time.perf_counter() - started) * 1000
    after_open = memory_mb()
    for i in range(rounds):
        place = PLACES[i % len(PLACES)]
        for text in SEARCHES:
            directory.search(text, near=place, radius_miles=10)
        for needs in NEEDS:
            directory.match({"needs": list(needs), "location": place, "radius_miles": 10})
    ready.wait()  # every worker warm: the shared pages are mapped by all of them now
    out.put((opened_ms, before, after_open, memory_mb(), directory.count))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")  # fresh processes, as the server's are
    ready, results = context.Barrier(args.workers), context.Queue()
    processes = [
        context.Process(
            target=worker, args=(OUT / f"index-{args.count}", args.rounds, ready, results)
        )
        for _ in range(args.workers)
    ]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    for n, (opened_ms, before, after_open, warm, count) in enumerate(reports, start=1):
        print(
            f"worker {n}: {count:,} resources, open {opened_ms:.0f} ms; "
            f"own memory {warm['own']:.0f} MB (library loaded: {before['own']:.0f} MB, "
            f"just opened: {after_open['own']:.0f} MB), shared {warm['shared']:.0f} MB, "
            f"RSS {warm['rss']:.0f} MB"
        )


if __name__ == "__main__":
    main()
