"""Read a CSV file as admins really make them: any encoding Excel writes, any delimiter.

The reader streams: memory stays flat however large the file. It turns the header into
canonical column names and numbers every row as a spreadsheet shows it (the header is
row 1), so that every problem can be reported at a place the admin can find.

Whatever the bytes, reading ends in rows or in a :class:`SourceError` that says what to do:
the encoding is decided on the whole file (:mod:`referral_match.sources.charset`), and the
size of a line, a cell and the header is bounded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from referral_match.errors import SourceError
from referral_match.sources.charset import Encoding, detect_encoding

__all__ = [
    "MAX_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "CsvFile",
    "CsvRow",
    "normalize_header",
]

#: A row of a real directory is a few kB; a 10 MB cell is a broken file, not a description.
MAX_FIELD_CHARS = 10 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_CHARS)
#: Real directories have fewer than 200 columns. The bound keeps a hostile header (a million
#: columns) from costing minutes and gigabytes: every row becomes a dict of that width.
MAX_COLUMNS = 1000
#: A line is read whole before csv parses it: this bounds the memory one line can take.
MAX_LINE_CHARS = 32 * 1024 * 1024
#: The start of the header, where the delimiter is looked for.
_DELIMITER_SAMPLE_CHARS = 1024 * 1024


def normalize_header(name: str) -> str:
    """Return the canonical form of a column title: ``" Postal-Code "`` -> ``"postal_code"``."""
    name = name.strip().lstrip("\ufeff").strip().lower()
    return re.sub(r"[\s\-./]+", "_", name).strip("_")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its spreadsheet row number and its cells by canonical column name."""

    line: int
    cells: dict[str, str]
    #: Cells beyond the header's columns (an unquoted delimiter inside a value, usually).
    extra: tuple[str, ...] = ()


class CsvFile:
    """An open CSV file: ``columns``, ``encoding``, ``warnings``, and its rows as an iterator.

    Use as a context manager::

        with CsvFile(path) as f:
            for row in f.rows():
                ...
    """

    def __init__(self, path: Path | str, *, display_name: str | None = None) -> None:
        self.path = Path(path)
        self.name = display_name or self.path.name
        self.warnings: list[str] = []
        try:
            self._binary: BinaryIO = open(self.path, "rb")  # noqa: SIM115 (closed by close())
        except OSError as exc:
            raise SourceError(
                f"{self.name} cannot be opened ({exc.strerror}). Check that it is a file "
                "and that referral-match may read it.",
                file=self.name,
            ) from exc
        try:
            self.size = self.path.stat().st_size
            found: Encoding = detect_encoding(self._binary, self.name)
            self.encoding = found.name
            self.warnings += found.warnings
            self._text = io.TextIOWrapper(
                self._binary, encoding=found.codec, errors=found.errors, newline=""
            )
            self.delimiter = self._detect_delimiter()
            self._reader = csv.reader(self._lines(), delimiter=self.delimiter)
            self.raw_columns, self.columns = self._read_header()
        except BaseException:
            self._binary.close()
            raise

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._binary.close()

    @property
    def bytes_read(self) -> int:
        """Return how far into the file reading has got, for progress bars."""
        try:
            return self._binary.tell()
        except ValueError:  # closed
            return self.size

    def rows(self) -> Iterator[CsvRow]:
        """Yield each non-blank data row, numbered as a spreadsheet numbers it.

        Raises :class:`SourceError` when the rest of the file cannot be read as CSV (a cell
        over 10 MB, a line over 32 MB, a row of more than ``MAX_COLUMNS`` values).
        """
        line = 1
        width = len(self.columns)
        while True:
            line += 1
            cells = self._next_record(line)
            if cells is None:
                return
            if len(cells) > MAX_COLUMNS:
                raise SourceError(
                    f"{self.name} row {line} has too many values: {len(cells):,}, at most "
                    f"{MAX_COLUMNS:,} (the header has {width}). The file is damaged or is "
                    "not a directory: check that row.",
                    file=self.name,
                )
            if not any(cell.strip() for cell in cells):
                continue
            values = [cell.strip() for cell in cells]
            # Spreadsheets often drop trailing empty cells; pad them back.
            values += [""] * (width - len(values))
            extra = tuple(v for v in values[width:] if v)
            yield CsvRow(line, dict(zip(self.columns, values[:width], strict=True)), extra)

    def _next_record(self, line: int) -> list[str] | None:
        """Return the cells of the next record, None at the end, or raise SourceError."""
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise self._csv_error(exc, line) from exc
        except UnicodeDecodeError as exc:  # detect_encoding checked the file: never expected
            raise SourceError(
                f"{self.name} row {line}: the file cannot be read as {self.encoding} text "
                f'from here ({exc.reason}). Save it from Excel as "CSV UTF-8" and import '
                "that file.",
                file=self.name,
            ) from exc

    def _csv_error(self, exc: csv.Error, line: int) -> SourceError:
        """Return the error to raise for what the csv module could not parse."""
        where = f"{self.name} row {line}{' (the header)' if line == 1 else ''}"
        if "field larger than field limit" in str(exc):
            return SourceError(
                f"{where}: a value is longer than {MAX_FIELD_CHARS:,} characters, the most "
                "a cell may hold. Check for a quote that is opened but never closed: what "
                "follows it runs together into one value.",
                file=self.name,
            )
        return SourceError(
            f"{where}: the file is not valid CSV ({exc}). "
            "Check for a quote that is opened but never closed.",
            file=self.name,
        )

    def _lines(self) -> Iterator[str]:
        """Yield the file's lines for csv, refusing one too long to be part of a row."""
        number = 0
        while line := self._text.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(line) > MAX_LINE_CHARS:
                raise SourceError(
                    f"{self.name} line {number} is longer than {MAX_LINE_CHARS:,} "
                    "characters: a directory file has one row per line, a few thousand "
                    "characters at most. Check that this is a CSV export of the directory.",
                    file=self.name,
                )
            yield line

    def _detect_delimiter(self) -> str:
        """Return the delimiter used in the header line: comma, semicolon or tab."""
        header = self._text.readline(_DELIMITER_SAMPLE_CHARS)
        self._text.seek(0)
        counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","

    def _read_header(self) -> tuple[list[str], list[str]]:
        """Read the header row and return its raw and canonical column names."""
        raw = self._next_record(1)
        if raw is None:
            raise SourceError(f"{self.name} is empty: it has no header row.", file=self.name)
        if len(raw) > MAX_COLUMNS:
            # Checked before anything is made per column: the cost stays that of one line.
            raise SourceError(
                f"{self.name}: the header has too many columns: {len(raw):,}, at most "
                f"{MAX_COLUMNS:,}. A directory has one column per field (fewer than 200); "
                "check that the first row of the file is its header.",
                file=self.name,
            )
        columns = [normalize_header(c) for c in raw]
        seen: dict[str, int] = {}
        for number, column in enumerate(columns, start=1):
            if not column:
                continue
            if column in seen:
                raise SourceError(
                    f'{self.name}: column "{raw[number - 1].strip()}" appears twice in the '
                    f"header (columns {seen[column]} and {number}). Rename or delete one.",
                    file=self.name,
                    column=column,
                )
            seen[column] = number
        return [c.strip() for c in raw], columns
