"""Write a validation report as CSV for a spreadsheet, with formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

from referral_match.hsds.export import neutralise

COLUMNS = ("kind", "file", "line", "column", "value", "message", "resource")


def report_csv(report: dict[str, Any]) -> str:
    """Return one CSV row per rejected value and per warning of an import report.

    Values come from the uploaded file, so a cell such as ``=HYPERLINK(...)`` is written
    as text that a spreadsheet shows rather than runs.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for kind, key in (("rejected", "rejected"), ("warning", "warnings")):
        for problem in report.get(key, []):
            row = [kind] + [problem.get(name) for name in COLUMNS[1:]]
            writer.writerow(["" if cell is None else neutralise(str(cell)) for cell in row])
    return out.getvalue()
