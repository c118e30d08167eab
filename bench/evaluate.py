"""Measure match quality on labelled cases, for the matcher and a plain BM25 baseline.

    python bench/evaluate.py                  # both sets: the tuned one, then the held-out one
    python bench/evaluate.py --set held-out --details
    python bench/evaluate.py --cases FILE --directory PATH   # one set of your own

Two sets, reported apart:

* **tuned on**: ``data/evaluation/cases.json``, 65 cases over the fictional sample directory,
  graded by resource id. The matcher's weights and rules were developed against these cases,
  so its figures here flatter it.
* **tuned on, second set**: ``data/evaluation/tuning/cases-*.json``, 30 cases over a fictional
  Pima County HSDS 3.0 package in agencies' prose (``data/evaluation/tuning/pima-hsds3``),
  graded by service id, written to tune on a directory other than the sample.
* **held out (never tuned on)**: ``data/evaluation/heldout/cases-*.json``, written before the
  matching changes of issue 11 and never used to tune them, over directories the matcher had
  not seen: a Travis County HSDS 3.0 package written in agencies' own prose
  (``data/evaluation/heldout/travis-hsds3``) and the real ILAO legal-aid and Ohana
  directories of ``$REFERRAL_MATCH_DATASETS`` (default ``../shared/datasets``). They are
  graded by the source's **service id**: a result counts once per service, at its best rank.

For every case the directory is ranked with ``Directory.match(profile)`` and with plain BM25
over each resource's name and description, the profile's needs and text as the query (no
taxonomy, no place, no eligibility). Printed for both: mean nDCG@10 (gains 2^grade - 1),
precision at 5, MRR, "first good" (a result graded 2 or 3 at rank 1), the number of
inactive or must-not-recommend resources in the first 10, and, for the matcher, how many of
the cases that say whether they are a crisis got the ``crisis`` flag right.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import OrGroup, QueryParser

from referral_match import Directory, Resource, Status, import_directory

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "data" / "evaluation" / "cases.json"
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
HELD_OUT = ROOT / "data" / "evaluation" / "heldout"
TUNING = ROOT / "data" / "evaluation" / "tuning"
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


def first_good(ranked: list[str], relevant: dict[str, int]) -> float:
    """Return 1 if the first result is graded 2 or 3, else 0."""
    return 1.0 if ranked and relevant.get(ranked[0], 0) >= 2 else 0.0


def once_each(keys: Iterable[str]) -> list[str]:
    """Return keys in order, each at its first (best) rank."""
    return list(dict.fromkeys(k for k in keys if k))


class Baseline:
    """Plain BM25 over name and description, the way a keyword search box works."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        schema = Schema(id=ID(stored=True), body=TEXT(analyzer=StemmingAnalyzer()))
        self.index = RamStorage().create_index(schema)
        with self.index.writer() as writer:
            for r in resources:
                writer.add_document(id=r.id, body=f"{r.name} {r.description}")
        self.parser = QueryParser("body", schema, group=OrGroup)

    def rank(self, profile: dict[str, Any], limit: int) -> list[str]:
        """Return the ids of the first ``limit`` resources for the profile's words."""
        words = " ".join([*profile.get("needs", []), str(profile.get("text", ""))])
        query = self.parser.parse(words.replace('"', " "))
        with self.index.searcher() as searcher:
            return [hit["id"] for hit in searcher.search(query, limit=limit)]


@dataclass
class Loaded:
    """One imported directory: the open Directory, its resources and the BM25 baseline."""

    directory: Directory
    resources: dict[str, Resource]
    baseline: Baseline


@dataclass
class Figures:
    """The per-case figures of one ranker, averaged when printed."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)

    def mean(self, name: str) -> float:
        return statistics.mean(self.values[name]) if self.values.get(name) else 0.0

    def total(self, name: str) -> int:
        return int(sum(self.values.get(name, [])))


def datasets_folder() -> Path:
    """Return the shared datasets folder ($REFERRAL_MATCH_DATASETS, else ../shared/datasets)."""
    return Path(os.environ.get("REFERRAL_MATCH_DATASETS") or ROOT.parent / "shared" / "datasets")


def directory_path(name: str) -> Path:
    """Return the folder or file a held-out case's ``directory`` names."""
    if name.startswith("heldout/"):
        return HELD_OUT / name.removeprefix("heldout/")
    if name.startswith("tuning/"):
        return TUNING / name.removeprefix("tuning/")
    return datasets_folder() / name


#: The ILAO cases are also ranked over ILAO's raw export, read through the mapping we ship:
#: the same services (same ids) with what the HSDS 1.1 conversion lost (status, areas,
#: income limits, populations). Not part of "all", which stays the directories as cased.
ILAO_CASES = "ilao-hsds-1.1"
ILAO_RAW = ("ilao-raw-export/services.csv", ROOT / "data" / "mappings" / "ilao-raw-export.toml")


def load(path: Path, tmp: Path, mapping: Path | None = None) -> Loaded:
    """Import a directory into a fresh index under tmp and open it."""
    index = tmp / f"index-{len(list(tmp.iterdir()))}"
    report = import_directory(path, index, mapping=mapping)
    if not report.index_updated:
        sys.exit(f"{path} could not be imported: {report.rejected[:3]}")
    directory = Directory.open(index)
    resources = {r.id: r for r in directory.resources()}
    # In id order: the baseline then ranks ties the same way whatever the import wrote.
    return Loaded(directory, resources, Baseline(sorted(resources.values(), key=lambda r: r.id)))


def evaluate(
    title: str,
    cases: list[dict[str, Any]],
    loaded: dict[str, Loaded],
    by_service: bool,
    details: bool,
) -> None:
    """Rank every case with both rankers and print the figures under ``title``."""
    figures = {"matcher": Figures(), "BM25 baseline": Figures()}
    crisis_right = crisis_cases = 0
    for case in cases:
        here = loaded[case.get("directory", "")]
        relevant = {k: int(v) for k, v in case["relevant"].items()}
        inactive = {
            (r.service_id if by_service else r.id)
            for r in here.resources.values()
            if r.status is not Status.ACTIVE
        }
        harmful = set(case.get("must_not_recommend", [])) | inactive
        matches = here.directory.match(case["profile"], limit=3 * K)
        found = [r.resource for r in matches.results]
        # BM25 knows nothing of sites: take enough hits to have K services.
        baseline = [here.resources[i] for i in here.baseline.rank(case["profile"], 5 * K)]
        for name, ranked_resources in (("matcher", found), ("BM25 baseline", baseline)):
            keys = [r.service_id if by_service else r.id for r in ranked_resources]
            ranked = once_each(keys)[:K]
            row = figures[name]
            row.add("nDCG@10", ndcg_at(ranked, relevant))
            row.add("P@5", precision_at(ranked, relevant))
            row.add("MRR", reciprocal_rank(ranked, relevant))
            row.add("first good", first_good(ranked, relevant))
            row.add("harmful", sum(1 for r in ranked if r in harmful))
        if "crisis" in case:
            crisis_cases += 1
            crisis_right += bool(getattr(matches, "crisis", False)) == bool(case["crisis"])
        if details:
            m, b = figures["matcher"], figures["BM25 baseline"]
            print(
                f"  {case['id']:<44} matcher nDCG {m.values['nDCG@10'][-1]:.2f}"
                f" first {'good' if m.values['first good'][-1] else 'bad '}"
                f" harmful {int(m.values['harmful'][-1])}"
                f"  | baseline {b.values['nDCG@10'][-1]:.2f}"
            )
    graded = sum(len(c["relevant"]) for c in cases)
    print(f"\n{title}: {len(cases)} cases, {graded} graded")
    print(f"{'':<15}{'nDCG@10':>9}{'P@5':>7}{'MRR':>7}{'first good':>12}  harmful in top 10")
    for name, row in figures.items():
        print(
            f"{name:<15}{row.mean('nDCG@10'):>9.3f}{row.mean('P@5'):>7.3f}{row.mean('MRR'):>7.3f}"
            f"{row.mean('first good'):>11.0%}  {row.total('harmful')}"
        )
    if crisis_cases:
        print(f"crisis flag right in {crisis_right} of {crisis_cases} cases that say")


def cases_in(folder: Path) -> list[dict[str, Any]]:
    """Return every case of a folder's cases-*.json files."""
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob("cases-*.json")):
        cases += json.loads(path.read_text("utf-8"))
    return cases


def evaluate_by_directory(
    kind: str, cases: list[dict[str, Any]], tmp: Path, details: bool
) -> dict[str, Loaded]:
    """Evaluate each directory's cases apart, graded by service id; return what was loaded."""
    names = sorted({c["directory"] for c in cases})
    missing = [n for n in names if not directory_path(n).exists()]
    if missing:
        sys.exit(
            f"Evaluation directories not found: {', '.join(missing)}. Set "
            "REFERRAL_MATCH_DATASETS to the shared datasets folder."
        )
    loaded = {name: load(directory_path(name), tmp) for name in names}
    for name in names:
        evaluate(
            f"{kind}: {name}",
            [c for c in cases if c["directory"] == name],
            loaded,
            by_service=True,
            details=details,
        )
    return loaded


def main() -> None:
    """Run the evaluation and print the tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=("both", "tuned", "held-out"), default="both")
    parser.add_argument("--cases", type=Path, help="A cases file of your own (graded by id).")
    parser.add_argument("--directory", type=Path, default=SAMPLE, help="Its directory.")
    parser.add_argument("--details", action="store_true", help="Print each case's figures.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.cases or args.set in ("both", "tuned"):
            cases_file = args.cases or CASES
            cases = json.loads(cases_file.read_text("utf-8"))
            loaded = {"": load(args.directory, tmp)}
            title = (
                f"{cases_file.name} over {args.directory.name}"
                if args.cases
                else "TUNED ON (the matcher was developed on these): data/evaluation/cases.json"
            )
            evaluate(title, cases, loaded, by_service=False, details=args.details)
        if not args.cases and args.set in ("both", "tuned"):
            # The second tuning set: its own directory, graded by service id.
            evaluate_by_directory(
                "TUNED ON (the matcher was developed on these)",
                cases_in(TUNING),
                tmp,
                args.details,
            )
        if not args.cases and args.set in ("both", "held-out"):
            cases = cases_in(HELD_OUT)
            loaded = evaluate_by_directory("HELD OUT (never tuned on)", cases, tmp, args.details)
            evaluate(
                "HELD OUT (never tuned on): all", cases, loaded, by_service=True, details=False
            )
            raw = datasets_folder() / ILAO_RAW[0]
            ilao = [c for c in cases if c["directory"] == ILAO_CASES]
            if ilao and raw.exists():
                evaluate(
                    f"HELD OUT (never tuned on): the {ILAO_CASES} cases over ILAO's raw export, "
                    "read with data/mappings/ilao-raw-export.toml",
                    ilao,
                    {ILAO_CASES: load(raw, tmp, mapping=ILAO_RAW[1])},
                    by_service=True,
                    details=args.details,
                )


if __name__ == "__main__":
    main()
