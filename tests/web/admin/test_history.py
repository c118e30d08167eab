"""The import history kept beside the index (referral_match.history, no Flask)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from referral_match import ImportReport
from referral_match.history import read_history, read_history_report, record_import


def test_record_and_read_history(tmp_path: Path) -> None:
    assert read_history(tmp_path) == []
    report = ImportReport(total_rows=3, imported=2, index_updated=True)
    report.reject("a.csv", 3, "latitude", "100", "100 is not between -90 and 90.")
    when = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
    first = record_import(tmp_path, report, source="/home/x/a.csv", format="flat", when=when)
    second = record_import(tmp_path, ImportReport(), source="b.zip", format="hsds")
    entries = read_history(tmp_path)
    assert [e.id for e in entries] == [second.id, first.id]  # newest first
    assert first.when == "2026-05-01T12:00:00+00:00" and first.source == "a.csv"
    assert (first.total_rows, first.imported, first.rejected_rows) == (3, 2, 1)
    assert first.index_updated and not second.index_updated
    kept = read_history_report(tmp_path, first.id)
    assert kept is not None and kept["rejected"][0]["column"] == "latitude"
    assert len((tmp_path / "history.jsonl").read_text().splitlines()) == 2


def test_a_torn_line_is_skipped_and_ids_are_never_paths(tmp_path: Path) -> None:
    record_import(tmp_path, ImportReport(), source="a.csv", format="flat")
    with open(tmp_path / "history.jsonl", "a") as history:
        history.write('{"id": "cut off')
    assert len(read_history(tmp_path)) == 1
    assert read_history_report(tmp_path, "../../etc/passwd") is None
    assert read_history_report(tmp_path, "nothing-here") is None
