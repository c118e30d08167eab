"""Name the resource of each reported row, so that an admin can tell "line 812" by its name.

The validation report locates a problem by file and line. The review page also shows the
name written on that line: this module reads the upload's files again, once, when the
check is done, and adds a ``resource`` to each problem of the kept report.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from referral_match import SourceError
from referral_match.sources.csvfile import CsvFile, normalize_header
from referral_match.sources.flat import canonical_column
from referral_match.sources.mapping import Mapping

#: Columns that hold a record's name, in the flat format, HSDS and Ohana files.
NAME_COLUMNS = ("name", "title", "program_title", "service_title", "service_name")
#: The longest name shown: a name cell is a short text.
_MAX_NAME = 120


def add_row_names(
    report: dict[str, Any], source: Path, shown_as: str, mapping: Mapping | None = None
) -> dict[str, Any]:
    """Return the report with ``resource`` (the row's name, or "") on each located problem.

    ``source`` is what was checked: one CSV file (which the report calls ``shown_as``) or
    the folder of a package, whose files the report names by their path inside it.
    """
    wanted: dict[str, set[int]] = defaultdict(set)
    for key in ("rejected", "warnings"):
        for problem in report.get(key, []):
            if isinstance(problem.get("line"), int):
                wanted[problem["file"]].add(problem["line"])
    names: dict[tuple[str, int], str] = {}
    for file, lines in wanted.items():
        path = _path_of(file, source, shown_as)
        if path is not None:
            names.update(((file, line), name) for line, name in _names(path, lines, mapping))
    named = dict(report)
    for key in ("rejected", "warnings"):
        named[key] = [
            p | {"resource": names.get((p["file"], p.get("line")), "")}
            for p in report.get(key, [])
        ]
    return named


def _path_of(file: str, source: Path, shown_as: str) -> Path | None:
    """Return the file a report's problem names, inside what was checked (never outside)."""
    if source.is_file():
        return source if file in (shown_as, source.name) else _beside(source.parent, file)
    return _beside(source, file)


def _beside(folder: Path, file: str) -> Path | None:
    path = (folder / file).resolve()
    inside = path.is_relative_to(folder.resolve())
    return path if inside and path.is_file() and path.suffix.lower() == ".csv" else None


def _names(path: Path, lines: set[int], mapping: Mapping | None) -> list[tuple[int, str]]:
    """Return (line, name) for the wanted lines of a CSV file that has a name column."""
    found: list[tuple[int, str]] = []
    try:
        with CsvFile(path) as csv_file:
            column = _name_column(csv_file.columns, mapping)
            if column is None:
                return []
            last = max(lines)
            for row in csv_file.rows():
                if row.line in lines:
                    found.append((row.line, row.cells.get(column, "")[:_MAX_NAME]))
                if row.line >= last:
                    break
    except SourceError:
        return []  # a file the check could not read either: its problems say so
    return found


def _name_column(columns: list[str], mapping: Mapping | None) -> str | None:
    """Return the column of a file that holds the record's name."""
    if mapping is not None:
        for rule in mapping.rules:
            if rule.field == "name" and rule.columns:
                column = normalize_header(rule.columns[0])
                if column in columns:
                    return column
    for column in columns:
        if canonical_column(column) == "name" or column in NAME_COLUMNS:
            return column
    return None
