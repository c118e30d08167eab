"""Read the flat CSV format (one row per resource; see README) into resources."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path

from marshmallow import ValidationError

from referral_match.model import Resource
from referral_match.report import ImportReport
from referral_match.sources.csvfile import CsvFile, CsvRow
from referral_match.sources.schemas import FLAT_COLUMNS, REQUIRED_COLUMNS, FlatRowSchema
from referral_match.taxonomy import Taxonomy

__all__ = ["COLUMN_ALIASES", "checked_rows", "is_flat_header", "read_flat"]

#: Other names admins give the flat format's columns.
COLUMN_ALIASES: dict[str, str] = {
    "service_name": "name",
    "service": "name",
    "program": "name",
    "program_name": "name",
    "organization_name": "organization",
    "organisation": "organization",
    "agency": "organization",
    "agency_name": "organization",
    "category": "categories",
    "taxonomy": "categories",
    "street": "address",
    "address_1": "address",
    "street_address": "address",
    "zip": "postal_code",
    "zip_code": "postal_code",
    "zipcode": "postal_code",
    "postcode": "postal_code",
    "lat": "latitude",
    "lng": "longitude",
    "lon": "longitude",
    "long": "longitude",
    "phone": "phones",
    "phone_number": "phones",
    "telephone": "phones",
    "url": "website",
    "web": "website",
    "e_mail": "email",
    "language": "languages",
    "minimum_age": "min_age",
    "maximum_age": "max_age",
    "gender": "genders",
    "population": "populations",
    "eligibility_description": "eligibility",
    "fee": "fees",
    "service_areas": "service_area",
    "documents": "required_documents",
    "how_to_apply": "application_process",
    "last_verified_on": "last_verified",
    "updated": "last_verified",
}

ProgressCallback = Callable[[int, int], None]


def canonical_column(column: str) -> str:
    """Return the flat-format column a (normalised) header stands for."""
    return COLUMN_ALIASES.get(column, column)


def is_flat_header(columns: list[str]) -> bool:
    """Return True if these normalised headers hold the flat format's required columns."""
    names = {canonical_column(c) for c in columns}
    return all(c in names for c in REQUIRED_COLUMNS)


def read_flat(
    path: Path,
    report: ImportReport,
    taxonomy: Taxonomy,
    *,
    display_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Yield (file, line, resource) for each usable row of a flat CSV file.

    Every row that cannot be used is recorded in ``report``.

    File-level problems (empty, binary, missing required columns) are reported as one
    problem with no line, and nothing is read from that file.
    """
    name = display_name or path.name
    report.files.append(name)
    with CsvFile(path, display_name=name) as csv_file:
        for warning in csv_file.warnings:
            report.warn(name, None, None, None, warning)
        columns = _map_columns(csv_file.raw_columns, csv_file.columns, name, report)
        missing = [c for c in REQUIRED_COLUMNS if c not in columns.values()]
        if missing:
            report.reject(
                name,
                1,
                ", ".join(missing),
                None,
                f"the header has no {' or '.join(missing)} column"
                f"{'s' if len(missing) > 1 else ''}. Every row needs a service name and an "
                "organization; see data/template.csv for the column names.",
            )
            return
        schema = FlatRowSchema(taxonomy)
        raw_names = dict(zip(csv_file.columns, csv_file.raw_columns, strict=True))
        for row in checked_rows(csv_file, name, report, progress):
            cells = {columns[k]: v for k, v in row.cells.items() if v and k in columns}
            try:
                resource, warnings = schema.load_row(cells)
            except ValidationError as exc:
                _report_errors(exc, cells, raw_names, columns, name, row.line, report)
                continue
            for column, value, message in warnings:
                report.warn(name, row.line, column, value, message)
            yield name, row.line, resource


def checked_rows(
    csv_file: CsvFile, name: str, report: ImportReport, progress: ProgressCallback | None
) -> Iterator[CsvRow]:
    """Yield the rows that fit the header, counting every row and reporting the others."""
    for row in csv_file.rows():
        report.total_rows += 1
        if progress is not None and report.total_rows % 500 == 0:
            progress(csv_file.bytes_read, csv_file.size)
        if row.extra:
            report.reject(
                name,
                row.line,
                None,
                csv_file.delimiter.join(row.extra),
                f"the row has {len(row.extra)} more value(s) than the header has columns. "
                "Put quotes around values that contain the delimiter "
                f'"{csv_file.delimiter}".',
            )
            continue
        yield row
    if progress is not None:
        progress(csv_file.size, csv_file.size)


def _map_columns(
    raw: list[str], normalised: list[str], file: str, report: ImportReport
) -> dict[str, str]:
    """Map the file's normalised headers to flat-format columns; warn about the rest."""
    known = set(FLAT_COLUMNS)
    mapping: dict[str, str] = {}
    for title, column in zip(raw, normalised, strict=True):
        target = canonical_column(column)
        if target in known and target not in mapping.values():
            mapping[column] = target
            continue
        if not column:
            message = "a column has no title; its values were not imported."
        elif target in mapping.values():
            message = (
                f'column "{title}" holds the same field as another column; '
                "its values were not imported."
            )
        else:
            close = difflib.get_close_matches(column, sorted(known), n=1, cutoff=0.75)
            hint = f' Did you mean "{close[0]}"?' if close else ""
            message = (
                f'column "{title}" is not part of the flat format, so its values were '
                f"not imported.{hint} See data/template.csv for the columns."
            )
        report.warn(file, 1, title or None, None, message)
    return mapping


def _report_errors(
    exc: ValidationError,
    cells: dict[str, str],
    raw_names: dict[str, str],
    columns: dict[str, str],
    file: str,
    line: int,
    report: ImportReport,
) -> None:
    """Turn marshmallow's messages into one rejected-row problem per bad column."""
    titles = {target: raw_names[source] for source, target in columns.items()}
    messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    for field_name, field_messages in messages.items():
        texts = field_messages if isinstance(field_messages, list) else [str(field_messages)]
        column = None if field_name == "_schema" else titles.get(field_name, field_name)
        for text in texts:
            report.reject(file, line, column, cells.get(field_name), str(text))
