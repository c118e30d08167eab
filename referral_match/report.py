"""The validation report of an import: what was loaded, what was rejected and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ImportReport", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One rejected row or one warning, located so that an admin can find and fix it.

    ``line`` is the row number as a spreadsheet shows the file (the header is row 1), or
    ``None`` for a problem with the whole file.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as the JSON object of the CLI and API contract."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    """Counts, rejected rows and warnings of one import or validation run.

    Every row read is either counted in ``imported`` or appears in ``rejected`` (a row with
    several bad values appears once per bad value, so count ``rejected_rows`` for rows).
    """

    total_rows: int = 0
    imported: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: True once the imported resources are the directory being served.
    index_updated: bool = False

    @property
    def rejected_rows(self) -> int:
        """Return how many distinct rows were rejected."""
        return len({(p.file, p.line) for p in self.rejected})

    @property
    def ok(self) -> bool:
        """Return True when nothing was rejected."""
        return not self.rejected

    def reject(
        self, file: str, line: int | None, column: str | None, value: str | None, message: str
    ) -> None:
        """Record a rejected row (or a fatal problem with a whole file when line is None)."""
        self.rejected.append(Problem(file, line, column, value, message))

    def warn(
        self, file: str, line: int | None, column: str | None, value: str | None, message: str
    ) -> None:
        """Record a warning: something was kept out or guessed, but the row was imported."""
        self.warnings.append(Problem(file, line, column, value, message))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as the JSON object of the CLI and API contract."""
        return {
            "total_rows": self.total_rows,
            "imported": self.imported,
            "rejected": [p.to_dict() for p in self.rejected],
            "warnings": [p.to_dict() for p in self.warnings],
            "index_updated": self.index_updated,
        }
