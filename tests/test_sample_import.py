"""The sample directory imports cleanly, and a broken copy loses only its broken rows."""

from __future__ import annotations

import csv
from pathlib import Path

from referral_match import Directory, import_directory

SAMPLE_CSV = Path(__file__).resolve().parent.parent / "data" / "sample" / "resources.csv"

# (row index in the data, column, bad value, expected start of the message)
BREAKAGES = [
    (4, "latitude", "137.5", "137.5 is not between -90 and 90."),
    (20, "longitude", "-222", "-222 is not between -180 and 180."),
    (33, "name", "", "the service has no name."),
    (47, "categories", "Foood", '"Foood" is not a category'),
    (60, "phones", "call us", '"call us" is not a phone number'),
    (75, "min_age", "adults", '"adults" is not an age'),
    (90, "status", "maybe", '"maybe" is not a status'),
    (101, "languages", "Englsh", '"Englsh" is not a language we know'),
    (150, "last_verified", "31/31/2025", '"31/31/2025" is not a date'),
    (200, "service_area", "Atlantis County, CA", '"Atlantis County, CA" is not a county of CA'),
    (250, "income_limit_fpl", "lots", '"lots" is not a percent of the federal poverty guideline'),
]


def test_sample_imports_without_a_rejected_row(sample_directory: Directory) -> None:
    with SAMPLE_CSV.open(encoding="utf-8") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    assert sample_directory.count == rows >= 300


def test_broken_copy_reports_each_broken_row_and_loses_nothing_else(tmp_path: Path) -> None:
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    for index, column, value, _ in BREAKAGES:
        rows[index][column] = value
    duplicate = dict(rows[10])  # a second row with the id of row 10
    rows.insert(300, duplicate)
    broken = tmp_path / "broken-sample.csv"
    with broken.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)

    report = import_directory(broken, tmp_path / "index")

    # Spreadsheet rows: the header is row 1, so data row i is row i + 2.
    expected = {(index + 2, column) for index, column, _, _ in BREAKAGES}
    expected.add((300 + 2, "id"))
    assert {(p.line, p.column) for p in report.rejected} == expected
    messages = {p.line: p.message for p in report.rejected}
    for index, _, _, message in BREAKAGES:
        assert messages[index + 2].startswith(message), messages[index + 2]
    assert report.total_rows == len(rows)
    assert report.imported == len(rows) - len(expected)
    with Directory.open(tmp_path / "index") as directory:
        assert directory.count == report.imported
        kept = {r.id for r in directory.resources()}
    broken_ids = {rows[index]["id"] for index, *_ in BREAKAGES}
    assert not kept & broken_ids
    assert {r["id"] for r in rows} - broken_ids == kept
