"""Generate N realistic resources in one metro area as a flat CSV, for benchmarks.

Each row is a copy of a row of the sample directory (data/sample/resources.csv) with a new
id, a numbered site name and a place spread over the metro area around San Mateo County,
so that the text, categories, hours and eligibility look like real data.

    python bench/generate.py 100000 bench/out/resources-100k.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
#: The metro area: about 40 x 40 miles centred on San Mateo, CA (half-extents in degrees).
CENTER = (37.54, -122.30)
HALF_EXTENT_DEGREES = (0.29, 0.37)


def generate(count: int, out: Path, seed: int = 7) -> None:
    """Write ``count`` resources to ``out``."""
    rng = random.Random(seed)
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns = list(reader.fieldnames or [])
        templates = list(reader)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for i in range(count):
            row = dict(rng.choice(templates))
            row["id"] = f"bench-{i:07d}"
            row["name"] = f"{row['name']} (site {i % 997})"
            row["location_id"] = f"loc-{i:07d}"
            if row.get("latitude") or rng.random() < 0.9:
                lat = CENTER[0] + rng.uniform(-1, 1) * HALF_EXTENT_DEGREES[0]
                lon = CENTER[1] + rng.uniform(-1, 1) * HALF_EXTENT_DEGREES[1]
                row["latitude"] = f"{lat:.5f}"
                row["longitude"] = f"{lon:.5f}"
            writer.writerow(row)


def main() -> None:
    """Parse the arguments and generate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
