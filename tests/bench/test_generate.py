"""bench/generate.py: a benchmark directory that looks like real data and imports cleanly."""

from __future__ import annotations

import csv
import importlib.util
import math
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from referral_match import import_directory
from referral_match.geo.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "bench" / "generate.py"
SAMPLE = ROOT / "data" / "sample" / "resources.csv"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first, as `python bench/generate.py` would be, for its NamedTuples.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def local_file(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "local.csv"
    gen.generate(1000, path)
    return path


@pytest.fixture(scope="module")
def national_file(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "national.csv"
    gen.generate(1000, path, national=True)
    return path


def test_file_has_the_sample_columns_and_count_rows(local_file: Path) -> None:
    columns, rows = read_rows(local_file)
    assert columns == read_rows(SAMPLE)[0]
    assert len(rows) == 1000
    assert all(None not in row and row["name"].strip() for row in rows)


def test_same_seed_same_bytes_other_seed_other_bytes(gen: ModuleType, tmp_path: Path) -> None:
    first, again, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    gen.generate(300, first, seed=3)
    gen.generate(300, again, seed=3)
    gen.generate(300, other, seed=4)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_ids_are_unique_and_numbered(local_file: Path) -> None:
    _, rows = read_rows(local_file)
    assert [row["id"] for row in rows] == [f"bench-{i:07d}" for i in range(1000)]
    assert [row["location_id"] for row in rows] == [f"loc-{i:07d}" for i in range(1000)]


def test_points_are_inside_the_metro_box(gen: ModuleType, local_file: Path) -> None:
    _, rows = read_rows(local_file)
    (lat0, lon0), (dlat, dlon) = gen.CENTER, gen.HALF_EXTENT_DEGREES
    placed = [row for row in rows if row["latitude"]]
    assert len(placed) > 900
    for row in placed:
        assert abs(float(row["latitude"]) - lat0) <= dlat + 1e-5
        assert abs(float(row["longitude"]) - lon0) <= dlon + 1e-5


def test_national_points_spread_over_metros(gen: ModuleType, national_file: Path) -> None:
    _, rows = read_rows(national_file)
    reach = gen.NATIONAL_JITTER_DEGREES + 1e-5
    metros = set()
    for row in rows:
        metro = next(m for m in gen.METROS if (m.city, m.state) == (row["city"], row["state"]))
        assert row["postal_code"] == metro.zip
        if row["latitude"]:
            assert abs(float(row["latitude"]) - metro.latitude) <= reach
            assert abs(float(row["longitude"]) - metro.longitude) <= reach
        metros.add(metro)
    assert len(metros) > 10


def test_every_metro_is_known_to_the_gazetteer(gen: ModuleType) -> None:
    # The importer checks a service area's city and warns about a ZIP far from the point.
    gazetteer = default_gazetteer()
    for metro in gen.METROS:
        assert gazetteer.by_city(metro.city, metro.state) is not None, metro
        place = gazetteer.by_zip(metro.zip)
        assert place is not None and place.state == metro.state, metro
        miles = 69 * math.hypot(
            place.latitude - metro.latitude,
            (place.longitude - metro.longitude) * math.cos(math.radians(metro.latitude)),
        )
        assert miles < 5, metro


def test_vocabulary_grows_past_the_sample(gen: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "5k.csv"
    gen.generate(5000, path)
    sample = gen.description_vocabulary(SAMPLE)
    # Measured: 3.03-3.07 times the sample's 1,385 words over seeds 1, 2 and 7.
    assert len(gen.description_vocabulary(path)) > 2.5 * len(sample)


def test_descriptions_mix_sentences_of_the_category(gen: ModuleType, local_file: Path) -> None:
    _, rows = read_rows(local_file)
    _, sample = read_rows(SAMPLE)
    sentences = [gen.split_sentences(row["description"]) for row in rows]
    assert all(2 <= len(s) <= 5 for s in sentences)
    # Not the sample's descriptions repeated: nearly every description is new.
    assert len({row["description"] for row in rows}) > 950
    assert len({row["description"] for row in rows} & {r["description"] for r in sample}) < 10
    assert len({row["name"] for row in rows}) > 700


def test_typos_keep_the_ends_of_long_words_only(gen: ModuleType) -> None:
    rng = random.Random(1)
    for _ in range(200):
        typo = gen.add_typo("groceries,", rng)
        assert typo != "groceries," and typo[0] == "g" and typo.endswith("s,")
        assert abs(len(typo) - len("groceries,")) <= 1
    assert gen.add_typo("food", rng) == "food"
    assert gen.add_typo("24/7.", rng) == "24/7."


def test_generated_rows_import_without_a_rejection(gen: ModuleType, tmp_path: Path) -> None:
    local, national = tmp_path / "local.csv", tmp_path / "national.csv"
    gen.generate(300, local, seed=11)
    gen.generate(300, national, seed=11, national=True)
    report = import_directory(local, tmp_path / "index")
    assert (report.imported, report.rejected, report.warnings) == (300, [], [])
    assert report.index_updated
    report = import_directory(national, tmp_path / "index-national", dry_run=True)
    assert (report.imported, report.rejected, report.warnings) == (300, [], [])
