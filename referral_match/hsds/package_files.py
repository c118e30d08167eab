"""Find the CSV files of a tabular package (a folder, a zip, datapackage.json) and read them.

HSDS and Ohana packages are folders of CSV files, one per table. ``open_package`` gives the
folder of a package (unzipping it when needed, with the safe unpacker of
``sources.archive``); ``Package`` finds its files by name or through ``datapackage.json``
and reads them into ``Row``s that know their file and line, recording what it read, and
what it could not, in the import report. ``TableSource`` is what the table index needs of a
package, so that rows flattened from JSON (``json_tables``) are read the same way.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from referral_match.errors import SourceError
from referral_match.report import ImportReport
from referral_match.sources.archive import DEFAULT_LIMITS, ZipLimits, unpack_zip
from referral_match.sources.csvfile import CsvFile

__all__ = [
    "FORMULA_PREFIXES",
    "Package",
    "ProgressCallback",
    "Row",
    "TableSource",
    "header_columns",
    "is_package_zip",
    "open_package",
    "unquote_formula",
]

ProgressCallback = Callable[[int, int], None]

#: Characters that make a spreadsheet read a cell as a formula. The export writes text
#: starting with one of them behind a single quote; the readers take that quote off again.
#: A tab or carriage return first is also read as a formula by some spreadsheets, and
#: Excel reads the full-width signs of East Asian keyboards as the ASCII ones.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MAX_ZIP_BYTES = 2 * 1024**3


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a package file: where it is, and its cells by column name.

    A row flattened from a JSON record has the record's number as ``line`` and the JSON path
    of its object as ``path`` (``""`` for the record itself), so that reports name a value by
    its path (:meth:`where`); a CSV row has no path.
    """

    file: str
    line: int
    cells: dict[str, str]
    extra: tuple[str, ...] = ()
    path: str | None = None

    def where(self, column: str | None) -> str | None:
        """Return how a report names a column: itself, or its JSON path in a JSON record."""
        if self.path is None or not column:
            return column
        return f"{self.path}.{column}" if self.path else column

    def get(self, column: str) -> str:
        """Return a cell's text, or "" when the file has no such column."""
        return self.cells.get(column, "")

    def first(self, *columns: str) -> tuple[str, str]:
        """Return (column, text) of the first of these columns that is not blank."""
        for column in columns:
            if value := self.cells.get(column, ""):
                return column, value
        return columns[0], ""


class TableSource(Protocol):
    """Where the table index reads a package's rows: a :class:`Package`, or a JSON record."""

    def has(self, *names: str) -> bool:
        """Return True if the source holds any of these files."""
        ...

    def rows(self, *names: str, required: bool = False) -> list[Row]:
        """Return every row of the files with these names, in order."""
        ...


def unquote_formula(value: str) -> str:
    """Take off the quote that an export put before text a spreadsheet would run."""
    if value[:1] == "'" and value[1:2] in FORMULA_PREFIXES:
        return value[1:]
    return value


class Package:
    """The CSV files of a package folder, found by name (or through datapackage.json)."""

    def __init__(
        self, folder: Path, report: ImportReport, progress: ProgressCallback | None = None
    ) -> None:
        self.folder = folder
        self.report = report
        self.progress = progress
        self.paths: dict[str, Path] = {}
        self.used: set[str] = set()
        self._bytes_done = 0
        for path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV")):
            self.paths.setdefault(path.name.lower(), path)
        self._read_datapackage()
        self._bytes_total = sum(p.stat().st_size for p in self.paths.values()) or 1

    def _read_datapackage(self) -> None:
        """Find tables that datapackage.json puts in other folders; warn when it is broken."""
        descriptor = self.folder / "datapackage.json"
        if not descriptor.is_file():
            return
        try:
            data = json.loads(descriptor.read_text("utf-8-sig"))
            resources = data["resources"]
            paths = [str(r["path"]) for r in resources if isinstance(r.get("path"), str)]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.report.warn(
                "datapackage.json",
                None,
                None,
                None,
                "datapackage.json is not a data package descriptor (JSON with a resources "
                "list), so the tables were found by their file names. Write a valid "
                "descriptor, or delete the file.",
            )
            return
        for relative in paths:
            path = (self.folder / relative).resolve()
            if path.is_file() and path.is_relative_to(self.folder.resolve()):
                self.paths.setdefault(path.name.lower(), path)

    def has(self, *names: str) -> bool:
        """Return True if the package holds any of these files."""
        return any(name in self.paths for name in names)

    def name(self, file: str) -> str:
        """Return how reports call a file: its path inside the package."""
        path = self.paths[file]
        try:
            return path.relative_to(self.folder).as_posix()
        except ValueError:
            return path.name

    def rows(self, *names: str, required: bool = False) -> list[Row]:
        """Read every row of the files with these names (those that exist), in order."""
        found: list[Row] = []
        for file in names:
            if file in self.paths:
                found += self._read(file, required=required)
        return found

    def _read(self, file: str, *, required: bool) -> list[Row]:
        name = self.name(file)
        self.used.add(file)
        self.report.files.append(name)
        rows: list[Row] = []
        try:
            with CsvFile(self.paths[file], display_name=name) as csv_file:
                for warning in csv_file.warnings:
                    self.report.warn(name, None, None, None, warning)
                for row in csv_file.rows():
                    # Blank cells are left out: Row.get gives "" for them all the same.
                    cells = {k: unquote_formula(v) for k, v in row.cells.items() if k and v}
                    rows.append(Row(name, row.line, cells, row.extra))
        except SourceError as exc:
            if required:
                raise
            self.report.warn(name, None, None, None, f"{exc.message} The file was not read.")
        self._bytes_done += self.paths[file].stat().st_size
        if self.progress is not None:
            self.progress(self._bytes_done, self._bytes_total)
        return rows

    def warn_unread(self, purpose: dict[str, str]) -> None:
        """Warn once about every CSV file of the package that was not read."""
        for file in sorted(set(self.paths) - self.used):
            why = purpose.get(file, "it is not a table this format has")
            self.report.warn(
                self.name(file),
                None,
                None,
                None,
                f"{self.name(file)} was not read: {why}. Nothing in it was imported.",
            )


@contextlib.contextmanager
def open_package(path: Path, limits: ZipLimits = DEFAULT_LIMITS) -> Iterator[Path]:
    """Give the folder of a package: the folder itself, or a zip unpacked in a temp folder.

    A zip may hold the tables at its top or inside one folder. It is unpacked by
    :func:`~referral_match.sources.archive.unpack_zip` within ``limits``; one it refuses
    raises its :class:`~referral_match.sources.archive.ZipRefused` (a ``SourceError``).
    """
    if path.is_dir():
        yield path
        return
    if not zipfile.is_zipfile(path):
        raise SourceError(
            f"{path.name} is not a zip file, nor a folder: give the folder of the "
            "package's CSV files, or a zip of it.",
            file=path.name,
        )
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "package"
        unpack_zip(path, root, limits)
        if not any(root.glob("*.csv")):
            inner = [p for p in root.iterdir() if p.is_dir() and any(p.glob("*.csv"))]
            root = inner[0] if len(inner) == 1 else root
        yield root


def is_package_zip(path: Path) -> bool:
    """Return True if a file is to be read as a zipped package, not as one CSV file.

    That is a file named ``.zip``, or a zip that is not a spreadsheet (an Excel or
    LibreOffice workbook is a zip of XML, and the CSV reader says what to do with one).
    A damaged zip counts, so that the unpacker says what is wrong with it.
    """
    if not path.is_file():
        return False
    if path.suffix.lower() == ".zip":
        return True
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True
    return not names & {"[Content_Types].xml", "mimetype"}


def header_columns(path: Path) -> set[str]:
    """Return the normalised column names of a CSV file's header (none if it cannot be read)."""
    try:
        with CsvFile(path) as csv_file:
            return set(csv_file.columns)
    except SourceError:
        return set()
