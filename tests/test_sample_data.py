"""Checks on the fictional sample directory, data/sample/resources.csv, and its generator."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import zipcodes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
TEMPLATE = ROOT / "data" / "template.csv"
TAXONOMY = ROOT / "data" / "taxonomy.csv"
README = ROOT / "README.md"
GENERATOR = ROOT / "scripts" / "make_sample_data.py"

STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
CODE = re.compile(r"^\d{3}(-\d{2}){0,2}$")


def readme_columns() -> list[str]:
    """Return the columns of the README's flat CSV table, in the table's order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## The flat CSV format", 1)[1]
    columns: list[str] = []
    for line in section.splitlines():
        if line.startswith("## "):
            break
        if not line.startswith("| `"):
            continue
        first_cell = line.split("|")[1]
        columns.extend(re.findall(r"`([^`]+)`", first_cell))
    return columns


def read_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_data", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def category_codes(row: dict[str, str]) -> list[str]:
    return [c.strip() for c in row["categories"].split(";") if CODE.match(c.strip())]


def test_readme_table_is_parsed() -> None:
    columns = readme_columns()
    assert columns[0] == "id"
    assert {"name", "organization", "service_area", "last_verified"} <= set(columns)
    assert len(columns) == len(set(columns))


def test_sample_header_is_the_readme_columns_in_order() -> None:
    header = read_header(SAMPLE)
    columns = readme_columns()
    assert [h for h in header if h not in columns] == []
    assert header == columns


def test_template_is_the_header_only() -> None:
    assert read_header(TEMPLATE) == readme_columns()
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1


def test_generator_columns_match_readme(generator: ModuleType) -> None:
    assert list(generator.COLUMNS) == readme_columns()


def test_at_least_320_resources(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 320


def test_ids_are_unique_and_readable(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"smc-\d{4}", i) for i in ids)


def test_required_columns_are_filled(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["name"].strip(), row["id"]
        assert row["organization"].strip(), row["id"]
        assert row["service_id"] and row["organization_id"], row["id"]


def test_every_top_level_need_is_covered(rows: list[dict[str, str]]) -> None:
    top_levels = {code[:3] for row in rows for code in category_codes(row)}
    assert {str(n) for n in range(101, 112)} <= top_levels


def test_one_to_three_categories(rows: list[dict[str, str]]) -> None:
    for row in rows:
        categories = [c for c in row["categories"].split(";") if c.strip()]
        assert 1 <= len(categories) <= 3, row["id"]


def test_categories_exist_in_taxonomy(rows: list[dict[str, str]]) -> None:
    if not TAXONOMY.exists():
        pytest.skip("data/taxonomy.csv not written yet")
    with TAXONOMY.open(encoding="utf-8", newline="") as handle:
        terms = list(csv.DictReader(handle))
    known = {term[column].strip().lower() for term in terms for column in ("code", "name")}
    unknown = {
        c.strip()
        for row in rows
        for c in row["categories"].split(";")
        if c.strip() and c.strip().lower() not in known
    }
    assert unknown == set()


def test_location_less_services_have_area_and_phone(rows: list[dict[str, str]]) -> None:
    remote = [
        row
        for row in rows
        if not row["latitude"] and not row["longitude"] and not row["address"]
        if row["service_area"].strip() and row["phones"].strip()
    ]
    assert len(remote) >= 15


def test_some_resources_are_not_active(rows: list[dict[str, str]]) -> None:
    assert {row["status"] for row in rows} <= STATUSES
    assert sum(row["status"] != "active" for row in rows) >= 12


def test_some_rows_need_geocoding(rows: list[dict[str, str]]) -> None:
    assert any(row["postal_code"] and not row["latitude"] for row in rows)
    assert any(re.fullmatch(r"\d{5}-\d{4}", row["postal_code"]) for row in rows)


def test_coordinates_are_near_their_zip(rows: list[dict[str, str]]) -> None:
    for row in rows:
        if not row["postal_code"]:
            continue
        match = zipcodes.matching(row["postal_code"][:5])
        assert match, row["id"]
        assert match[0]["state"] == "CA"
        assert match[0]["county"] in {
            "San Mateo County",
            "San Francisco County",
            "Santa Clara County",
        }
        if row["latitude"]:
            assert abs(float(row["latitude"]) - float(match[0]["lat"])) <= 0.011, row["id"]
            assert abs(float(row["longitude"]) - float(match[0]["long"])) <= 0.011, row["id"]


def test_contacts_are_fictional(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for digits in re.findall(r"\d[\d\s().+-]{8,}\d", row["phones"]):
            assert re.search(r"555\D?01\d\d$", digits), (row["id"], digits)
        if row["email"]:
            assert row["email"].endswith(".example.org"), row["id"]
        if row["website"]:
            host = re.sub(r"^https?://", "", row["website"]).split("/")[0]
            assert host.endswith("example.org"), row["id"]


def test_ids_are_consistent(rows: list[dict[str, str]]) -> None:
    org_names: dict[str, set[str]] = {}
    addresses: dict[str, set[str]] = {}
    for row in rows:
        org_names.setdefault(row["organization_id"], set()).add(row["organization"])
        if row["location_id"]:
            addresses.setdefault(row["location_id"], set()).add(row["address"])
    assert all(len(names) == 1 for names in org_names.values())
    assert all(len(a) == 1 for a in addresses.values())
    assert 60 <= len(org_names) <= 80
    pairs = [(row["service_id"], row["location_id"]) for row in rows]
    assert len(pairs) == len(set(pairs))


def test_generator_is_deterministic(generator: ModuleType, tmp_path: Path) -> None:
    output = tmp_path / "resources.csv"
    assert generator.main(["--output", str(output), "--quiet"]) == 0
    assert output.read_bytes() == SAMPLE.read_bytes()
