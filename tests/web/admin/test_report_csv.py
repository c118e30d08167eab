"""The validation report as CSV: what came from the file is shown, never run, by a spreadsheet."""

from __future__ import annotations

import csv
import io

from webapp.admin.report_csv import report_csv


def _rows(report: dict[str, object]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(report_csv(report))))


def test_formulas_are_text_and_negative_numbers_stay_numbers() -> None:
    report = {
        "rejected": [
            {"file": "d.csv", "line": 3, "column": "latitude", "value": "-91.5", "message": "m"},
            {
                "file": "d.csv",
                "line": 4,
                "column": "name",
                "value": "\uff1dcmd|'/c calc'!A1",
                "resource": "=SUM(A1)",
            },
            {"file": "d.csv", "line": 5, "column": "name", "value": '=HYPERLINK("x")'},
        ],
        "warnings": [{"file": "d.csv", "line": -1, "message": "@everyone"}],
    }
    rows = _rows(report)
    assert rows[1][4] == "-91.5"
    assert rows[2][4] == "'\uff1dcmd|'/c calc'!A1"
    assert rows[2][6] == "'=SUM(A1)"  # the row's name, from the file, is neutralised too
    assert rows[3][4] == '\'=HYPERLINK("x")'
    assert rows[4][2:] == ["-1", "", "", "'@everyone", ""]
