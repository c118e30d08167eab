"""Keep a record of imports beside the index: when, which file, what came of it.

Each import appends one JSON line to ``<index>/history.jsonl`` and writes its full report
to ``<index>/history/<id>.json``. The history lives in the index folder but outside the
index generations, so swapping in a new index keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referral_match.report import ImportReport

__all__ = ["HistoryEntry", "read_history", "read_history_report", "record_import"]

HISTORY_FILE = "history.jsonl"
REPORTS_DIR = "history"

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One import as the history tells it."""

    id: str
    when: str
    source: str
    format: str
    total_rows: int
    imported: int
    rejected_rows: int
    warnings: int
    index_updated: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as the JSON object of one history line."""
        return {
            "id": self.id,
            "when": self.when,
            "source": self.source,
            "format": self.format,
            "total_rows": self.total_rows,
            "imported": self.imported,
            "rejected_rows": self.rejected_rows,
            "warnings": self.warnings,
            "index_updated": self.index_updated,
        }


def record_import(
    index_dir: Path | str,
    report: ImportReport,
    *,
    source: str,
    format: str,
    when: dt.datetime | None = None,
) -> HistoryEntry:
    """Append one import to the history of index_dir and keep its report; return the entry.

    ``source`` is the name to show (a file name, not a path the admin's machine had).
    """
    index_dir = Path(index_dir)
    when = when or dt.datetime.now(dt.UTC)
    entry = HistoryEntry(
        id=when.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4),
        when=when.isoformat(timespec="seconds"),
        source=source if "://" in source else Path(source).name,  # a URL is kept whole
        format=format,
        total_rows=report.total_rows,
        imported=report.imported,
        rejected_rows=report.rejected_rows,
        warnings=len(report.warnings),
        index_updated=report.index_updated,
    )
    reports = index_dir / REPORTS_DIR
    with _lock:
        reports.mkdir(parents=True, exist_ok=True)
        (reports / f"{entry.id}.json").write_text(
            json.dumps(report.to_dict(), ensure_ascii=False), "utf-8"
        )
        with open(index_dir / HISTORY_FILE, "a", encoding="utf-8") as history:
            history.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
            history.flush()
            os.fsync(history.fileno())
    return entry


def read_history(index_dir: Path | str) -> list[HistoryEntry]:
    """Return the imports recorded for index_dir, newest first (none when there is no history).

    A line that cannot be read (a crash mid-write) is skipped, not fatal.
    """
    path = Path(index_dir) / HISTORY_FILE
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text("utf-8").splitlines():
        try:
            entries.append(HistoryEntry(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return entries[::-1]


def read_history_report(index_dir: Path | str, entry_id: str) -> dict[str, Any] | None:
    """Return the report kept for one history entry, or None when there is none."""
    if not entry_id.replace("-", "").isalnum():
        return None  # an id is letters, digits and a dash: never a path
    path = Path(index_dir) / REPORTS_DIR / f"{entry_id}.json"
    if not path.is_file():
        return None
    report: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return report
