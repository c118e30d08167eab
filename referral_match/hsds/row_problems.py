"""Report problems with package rows: each warning once, and rejections traced to their cause.

``Notes`` says a warning about a row once however many resources share the row, or groups
rows into one warning per file. ``RowProblem`` is why a service, location or organization row
cannot make resources; ``Causes`` rejects the resource rows that depend on it and warns once
at the row to fix, naming the resource rows it cost.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referral_match.hsds.package_files import Row
from referral_match.report import ImportReport
from referral_match.sources import fields as parse

__all__ = [
    "Causes",
    "Notes",
    "RowProblem",
    "extra_problem",
    "coordinate_problems",
    "location_problems",
    "placed_by_address",
]

_LINES_SHOWN = 10


class Notes:
    """Warnings about package rows, each said once however many resources share the row."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self._said: set[tuple[str, int, str | None, str]] = set()
        self._grouped: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)

    def warn(self, row: Row, column: str | None, value: str | None, message: str) -> None:
        """Warn about one row (once per row and message), at its column or JSON path."""
        key = (row.file, row.line, row.path, message)
        if key not in self._said:
            self._said.add(key)
            self.report.warn(row.file, row.line, row.where(column), value, message)

    def group(self, row: Row, column: str | None, summary: str) -> None:
        """Collect a row into one warning per file and summary (see flush).

        Rows of JSON records are grouped by their path with the list positions left out
        (``service_at_locations[*].location.phones[*].type``).
        """
        where = row.where(column)
        if row.path and where:
            where = re.sub(r"\[\d+\]", "[*]", where)
        lines = self._grouped[(row.file, where, summary)]
        if row.line not in lines:
            lines.append(row.line)

    def flush(self) -> None:
        """Write the grouped warnings: one per file and summary, listing the lines."""
        for (file, column, summary), lines in self._grouped.items():
            self.report.warn(
                file, None, column, None, summary.format(n=len(lines), lines=_lines(lines))
            )
        self._grouped.clear()

    def phone_left_out(self, row: Row, type_column: str, links: Sequence[str]) -> bool:
        """Say why a phone row is not kept and return True: a fax, or a named contact's.

        ``links`` are the row's columns that tie a number to a service, location or
        organization; a number tied only to a contact is left out.
        """
        if row.get(type_column).lower() == "fax":
            self.group(
                row,
                type_column,
                "The fax numbers on {lines} were not imported: clients cannot call them.",
            )
            return True
        if not any(row.get(c) for c in links) and row.get("contact_id"):
            self.group(
                row,
                "contact_id",
                "The phones of named contacts on {lines} were not imported: contacts are not "
                "kept. Link the number to its service or location to have it shown.",
            )
            return True
        return False

    def holiday_hours(self, rows: Iterable[Row]) -> None:
        """Say, once per file, that holiday hours are left out (only weekly hours are kept)."""
        for row in rows:
            self.group(
                row,
                None,
                "The holiday hours on {lines} were not imported: referral-match keeps weekly "
                "hours only. Say holiday closures in the service's description.",
            )


def _lines(lines: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_LINES_SHOWN])
    more = f" and {len(lines) - _LINES_SHOWN} more" if len(lines) > _LINES_SHOWN else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


@dataclass(slots=True)
class RowProblem:
    """Why a row (a service, location or organization) cannot make resources."""

    row: Row
    column: str
    value: str
    message: str


def location_problems(row: Row) -> list[RowProblem]:
    """Return why a location row cannot be used: more cells than its header has columns.

    Coordinates that cannot be used do not stop a location (see :func:`coordinate_problems`):
    it is placed by its address instead.
    """
    return [extra_problem(row)] if row.extra else []


def placed_by_address(location: Row, notes: Notes) -> Row:
    """Return the location with coordinates that cannot be used blanked, warning once.

    A latitude of 100 is a typo, not a reason to lose the location: it is kept, placed by
    its address (or ZIP code) as a location without coordinates is.
    """
    problems = coordinate_problems(location)
    for problem in problems:
        notes.warn(
            location,
            problem.column,
            problem.value,
            f"{problem.message} The location was imported without coordinates and is placed "
            "by its address.",
        )
    if not problems:
        return location
    return dataclasses.replace(location, cells={**location.cells, "latitude": "", "longitude": ""})


def coordinate_problems(row: Row) -> list[RowProblem]:
    """Return what is wrong with a location's coordinates: impossible or half-given."""
    found: list[RowProblem] = []
    lat, lon = row.get("latitude"), row.get("longitude")
    for column, text, read in (
        ("latitude", lat, parse.parse_latitude),
        ("longitude", lon, parse.parse_longitude),
    ):
        if text:
            try:
                read(text)
            except ValueError as exc:
                found.append(
                    RowProblem(
                        row,
                        column,
                        text,
                        f"{exc} Write decimal degrees (like 37.4815 and -122.2091), or "
                        "leave both blank to place the location by its ZIP code.",
                    )
                )
    if bool(lat) != bool(lon):
        missing = "longitude" if lat else "latitude"
        found.append(
            RowProblem(
                row,
                missing,
                "",
                f"{missing} is missing while the other coordinate is given: give both, or "
                "neither to have them found from the ZIP code.",
            )
        )
    return found


def extra_problem(row: Row) -> RowProblem:
    """Return the problem of a row with more cells than its header has columns."""
    return RowProblem(
        row,
        "",
        ",".join(row.extra),
        f"the row has {len(row.extra)} more value(s) than the header has columns. Put quotes "
        "around values that contain commas.",
    )


class Causes:
    """Rejections of resource rows caused by rows of other files, and a warning per cause."""

    def __init__(self) -> None:
        self._costs: dict[tuple[str, int, str], list[tuple[str, int]]] = defaultdict(list)
        self._problems: dict[tuple[str, int, str], RowProblem] = {}

    def reject(
        self, report: ImportReport, candidate: Row, problem: RowProblem, column: str, value: str
    ) -> None:
        """Reject a resource row because of a problem in a row of another file."""
        where = f"{problem.row.file} line {problem.row.line}, column {problem.column}"
        what = {"service_id": "service", "location_id": "location"}.get(column, column)
        report.reject(
            candidate.file,
            candidate.line,
            column,
            value,
            f'{what} "{value}" cannot be used ({where}): {problem.message}',
        )
        key = (problem.row.file, problem.row.line, problem.column)
        self._problems[key] = problem
        self._costs[key].append((candidate.file, candidate.line))

    def flush(self, report: ImportReport) -> None:
        """Warn at each row that caused rejections, naming the resource rows it cost.

        One warning per distinct cause: 23 services naming the same missing organization
        are one problem to fix.
        """
        causes: dict[tuple[str, str, str, str], list[tuple[Row, list[tuple[str, int]]]]] = {}
        for key, problem in self._problems.items():
            cause = (problem.row.file, problem.column, problem.value, problem.message)
            causes.setdefault(cause, []).append((problem.row, self._costs[key]))
        for (file, column, value, message), rows in causes.items():
            costs = [cost for _, lost in rows for cost in lost]
            lost = "; ".join(
                f"{f} {_lines([n for g, n in costs if g == f])}"
                for f in dict.fromkeys(f for f, _ in costs)
            )
            where = ""
            if len(rows) > 1:
                where = f"{len(rows)} rows ({_lines([r.line for r, _ in rows])}): "
            report.warn(
                file,
                rows[0][0].line if len(rows) == 1 else None,
                column,
                value,
                f"{where}{message} Because of this, these resource rows were rejected: {lost}.",
            )
        self._problems.clear()
        self._costs.clear()
