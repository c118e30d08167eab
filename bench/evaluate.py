"""Measure match quality on the labelled cases, for the matcher and a plain BM25 baseline.

    python bench/evaluate.py                 # data/evaluation/cases.json over the sample
    python bench/evaluate.py --cases FILE --directory FILE.csv --details

For every case it ranks the directory twice: with ``Directory.match(profile)``, and with
plain BM25 over each resource's name and description, the profile's needs and text as the
query (no taxonomy, no place, no eligibility). It prints, for both, the mean nDCG@10 (graded
gains 2^grade - 1), precision at 5 (share of the first five that are graded relevant), MRR
(reciprocal rank of the first relevant result) and how many recommended resources (in the
first 10) are inactive or on the case's must-not-recommend list.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
import sys
import tempfile
from pathlib import Path

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import OrGroup, QueryParser

from referral_match import Directory, import_directory

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "data" / "evaluation" / "cases.json"
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
K = 10


def dcg(gains: list[float]) -> float:
    """Return the discounted cumulative gain of gains in rank order."""
    return sum(g / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    """Return nDCG@k of a ranking against graded relevance."""
    gains = [2 ** relevant.get(rid, 0) - 1 for rid in ranked[:k]]
    ideal = sorted((2**g - 1 for g in relevant.values()), reverse=True)[:k]
    return dcg(gains) / dcg(ideal) if ideal else 0.0


def precision_at(ranked: list[str], relevant: dict[str, int], k: int = 5) -> float:
    """Return the share of the first k results that are graded relevant."""
    return sum(1 for rid in ranked[:k] if relevant.get(rid, 0) > 0) / k


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    """Return 1/rank of the first relevant result, 0 if none."""
    for rank, rid in enumerate(ranked, start=1):
        if relevant.get(rid, 0) > 0:
            return 1 / rank
    return 0.0


class Baseline:
    """Plain BM25 over name and description, the way a keyword search box works."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        schema = Schema(id=ID(stored=True), body=TEXT(analyzer=StemmingAnalyzer()))
        self.index = RamStorage().create_index(schema)
        with self.index.writer() as writer:
            for row in rows:
                writer.add_document(id=row["id"], body=f"{row['name']} {row['description']}")
        self.parser = QueryParser("body", schema, group=OrGroup)

    def rank(self, profile: dict[str, object]) -> list[str]:
        """Return the ids of the first K resources for the profile's words."""
        words = " ".join([*profile.get("needs", []), str(profile.get("text", ""))])  # type: ignore[misc]
        query = self.parser.parse(words.replace('"', " "))
        with self.index.searcher() as searcher:
            return [hit["id"] for hit in searcher.search(query, limit=K)]


def main() -> None:
    """Run the evaluation and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--directory", type=Path, default=SAMPLE)
    parser.add_argument("--details", action="store_true", help="Print each case's figures.")
    args = parser.parse_args()
    cases = json.loads(args.cases.read_text("utf-8"))
    with args.directory.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    inactive = {
        r["id"] for r in rows if r.get("status", "active").strip().lower() not in ("", "active")
    }
    baseline = Baseline(rows)
    with tempfile.TemporaryDirectory() as tmp:
        report = import_directory(args.directory, Path(tmp) / "index")
        if report.rejected:
            sys.exit(f"{args.directory} has rejected rows; fix them first.")
        directory = Directory.open(Path(tmp) / "index")
        figures: dict[str, dict[str, list[float]]] = {"matcher": {}, "BM25 baseline": {}}
        for case in cases:
            relevant = {k: int(v) for k, v in case["relevant"].items()}
            harmful = set(case.get("must_not_recommend", [])) | inactive
            rankings = {
                "matcher": [
                    r.resource.id for r in directory.match(case["profile"], limit=K).results
                ],
                "BM25 baseline": baseline.rank(case["profile"]),
            }
            for name, ranked in rankings.items():
                row = figures[name]
                row.setdefault("nDCG@10", []).append(ndcg_at(ranked, relevant))
                row.setdefault("P@5", []).append(precision_at(ranked, relevant))
                row.setdefault("MRR", []).append(reciprocal_rank(ranked, relevant))
                row.setdefault("harmful", []).append(sum(1 for r in ranked[:K] if r in harmful))
            if args.details:
                print(
                    f"{case['id']:<40} matcher nDCG {figures['matcher']['nDCG@10'][-1]:.2f}"
                    f"  baseline {figures['BM25 baseline']['nDCG@10'][-1]:.2f}"
                )
        directory.close()
    print(
        f"{len(cases)} cases, {sum(len(c['relevant']) for c in cases)} graded resources, "
        f"directory {args.directory.name} ({len(rows)} resources)"
    )
    print(f"{'':<15}{'nDCG@10':>9}{'P@5':>7}{'MRR':>7}  inactive or ineligible recommended")
    for name, row in figures.items():
        print(
            f"{name:<15}{statistics.mean(row['nDCG@10']):>9.3f}{statistics.mean(row['P@5']):>7.3f}"
            f"{statistics.mean(row['MRR']):>7.3f}  {int(sum(row['harmful']))}"
        )


if __name__ == "__main__":
    main()
