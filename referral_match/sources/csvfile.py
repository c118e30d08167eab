"""Read a CSV file as admins really make them: any encoding Excel writes, any delimiter.

The reader streams: memory stays flat however large the file. It turns the header into
canonical column names and numbers every row as a spreadsheet shows it (the header is
row 1), so that every problem can be reported at a place the admin can find.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import charset_normalizer

from referral_match.errors import SourceError

__all__ = ["CsvFile", "CsvRow", "normalize_header"]

_SAMPLE_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024
# A row of a real directory is a few kB; a 10 MB cell is a broken file, not a description.
csv.field_size_limit(10 * 1024 * 1024)


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
        self._binary: BinaryIO = open(self.path, "rb")  # noqa: SIM115 (closed by close())
        try:
            self.size = self.path.stat().st_size
            self.encoding = self._detect_encoding()
            self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="")
            self.delimiter = self._detect_delimiter()
            self._reader = csv.reader(self._text, delimiter=self.delimiter)
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
        """Yield each non-blank data row, numbered as a spreadsheet numbers it."""
        line = 1
        width = len(self.columns)
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line += 1
                raise SourceError(
                    f"{self.name} row {line}: the file is not valid CSV ({exc}). "
                    "Check for a quote that is opened but never closed.",
                    file=self.name,
                ) from exc
            line += 1
            if not any(cell.strip() for cell in cells):
                continue
            values = [cell.strip() for cell in cells]
            # Spreadsheets often drop trailing empty cells; pad them back.
            values += [""] * (width - len(values))
            extra = tuple(v for v in values[width:] if v)
            yield CsvRow(line, dict(zip(self.columns, values[:width], strict=True)), extra)

    def _detect_encoding(self) -> str:
        """Return the file's encoding: UTF-8 (with or without BOM) or what Excel wrote."""
        sample = self._binary.read(_SAMPLE_BYTES)
        self._binary.seek(0)
        if not sample.strip():
            raise SourceError(
                f"{self.name} is empty: it has no header row and no data.", file=self.name
            )
        if sample.startswith(b"PK\x03\x04") or sample.startswith(b"\xd0\xcf\x11\xe0"):
            raise SourceError(
                f"{self.name} is an Excel workbook, not a CSV file. In Excel choose "
                'File > Save As > "CSV UTF-8 (Comma delimited)" and import that file.',
                file=self.name,
            )
        if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
            return "utf-16"
        if b"\x00" in sample:
            raise SourceError(
                f"{self.name} looks like a binary file, not text: it contains NUL bytes. "
                "Export the directory as CSV and import that file.",
                file=self.name,
            )
        if self._is_utf8():
            return "utf-8-sig"
        guess = charset_normalizer.from_bytes(sample).best()
        encoding = "cp1252"
        if guess is not None and guess.encoding not in _WESTERN_SINGLE_BYTE:
            encoding = guess.encoding
        self.warnings.append(
            f"{self.name} is not UTF-8; it was read as {_ENCODING_NAMES.get(encoding, encoding)}. "
            'If accented letters look wrong, save it from Excel as "CSV UTF-8".'
        )
        return encoding

    def _is_utf8(self) -> bool:
        """Return True if the whole file decodes as UTF-8 (checked in chunks, at C speed)."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := self._binary.read(_CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
        finally:
            self._binary.seek(0)
        return True

    def _detect_delimiter(self) -> str:
        """Return the delimiter used in the header line: comma, semicolon or tab."""
        header = self._text.readline()
        self._text.seek(0)
        counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","

    def _read_header(self) -> tuple[list[str], list[str]]:
        """Read the header row and return its raw and canonical column names."""
        try:
            raw = next(self._reader)
        except StopIteration:
            raise SourceError(
                f"{self.name} is empty: it has no header row.", file=self.name
            ) from None
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


_WESTERN_SINGLE_BYTE = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "mac_roman",
    "cp850",
    "cp437",
    "mac_latin2",
    "iso8859_9",
    "cp1254",
    "ascii",
}
_ENCODING_NAMES = {"cp1252": "Windows-1252 (Excel's Western encoding)", "utf-16": "UTF-16"}
