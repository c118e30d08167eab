"""Lay out and write the files of an HSDS 3.0 tabular data package.

``HSDS_TABLES`` is the package's layout: each table's file and columns, in the order of the
official ``datapackage.json``. ``write_package`` writes rows into it: one CSV per table, its
text cells behind a single quote when a spreadsheet would run them as formulas (see
``neutralise``), and a ``datapackage.json`` that describes every table, its columns and their
types. Each file is written beside its final name and moved into place when complete.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from referral_match.hsds.package_files import FORMULA_PREFIXES

__all__ = ["HSDS_TABLES", "neutralise", "write_package"]

_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(?:\.[0-9]+)?")

#: Table name -> (file, columns), in the order of the HSDS 3.0 datapackage.json.
HSDS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": (
        "organizations.csv",
        (
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ),
    ),
    "service": (
        "services.csv",
        (
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ),
    ),
    "attribute": (
        "attributes.csv",
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    ),
    "service_at_location": (
        "service_at_location.csv",
        ("id", "service_id", "location_id", "description"),
    ),
    "location": (
        "locations.csv",
        (
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ),
    ),
    "phone": (
        "phones.csv",
        (
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ),
    ),
    "address": (
        "addresses.csv",
        (
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
    ),
    "schedule": (
        "schedules.csv",
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ),
    ),
    "service_area": (
        "service_areas.csv",
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    ),
    "required_document": ("required_documents.csv", ("id", "service_id", "document", "uri")),
    "language": (
        "languages.csv",
        ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    ),
    "accessibility": (
        "accessibility.csv",
        ("id", "location_id", "description", "details", "url"),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        (
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ),
    ),
    "cost_option": (
        "cost_options.csv",
        (
            "id",
            "service_id",
            "valid_from",
            "valid_to",
            "option",
            "currency",
            "amount",
            "amount_description",
        ),
    ),
    "taxonomy": ("taxonomies.csv", ("id", "name", "description", "uri", "version")),
}

#: Columns that hold numbers, dates and times (everything else is text).
_TYPES = {
    **dict.fromkeys(
        (
            "year_incorporated",
            "minimum_age",
            "maximum_age",
            "latitude",
            "longitude",
            "extension",
            "timezone",
            "count",
            "interval",
            "amount",
        ),
        "number",
    ),
    **dict.fromkeys(("assured_date", "valid_from", "valid_to", "dtstart", "until"), "date"),
    **dict.fromkeys(("opens_at", "closes_at"), "time"),
    "last_modified": "datetime",
}
#: Columns HSDS 3.0 requires (besides id), by table.
_REQUIRED = {
    "organization": ("name", "description"),
    "service": ("organization_id", "name", "status"),
    "attribute": ("link_id", "taxonomy_term_id", "link_entity"),
    "service_at_location": ("service_id", "location_id"),
    "location": ("location_type",),
    "phone": ("number",),
    "address": ("address_1", "city", "state_province", "postal_code", "country", "address_type"),
    "taxonomy_term": ("name", "description"),
    "cost_option": ("service_id",),
    "taxonomy": ("name", "description"),
}
_UUID_COLUMNS = re.compile(r"^(id|(?!tax_id$).*_id)$")


def neutralise(value: str) -> str:
    """Put a single quote before text a spreadsheet would run as a formula (=, +, -, @...).

    A negative number ("-5", "-122.2091") is left as it is: a spreadsheet reads it as the
    number it is, and quoted it would become text that no longer sorts or adds up.
    """
    if value.startswith(FORMULA_PREFIXES) and not _NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_package(outdir: Path, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write each table's rows and datapackage.json into outdir; return rows per file."""
    outdir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, (file, columns) in HSDS_TABLES.items():
        _write_csv(outdir / file, columns, tables[table])
        counts[file] = len(tables[table])
    _atomic_write(outdir / "datapackage.json", json.dumps(_descriptor(), indent=2) + "\n")
    return counts


def _cell(value: Any, typed: bool) -> str:
    """Write one value: numbers and dates as they are, text with formulas neutralised."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return text if typed else neutralise(text)


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    position = {column: number for number, column in enumerate(columns)}
    with _AtomicFile(path) as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for row in rows:
            # Rows hold a few of a table's columns: fill only those.
            cells = [""] * len(columns)
            for column, value in row.items():
                cells[position[column]] = _cell(value, column in _TYPES)
            writer.writerow(cells)


class _AtomicFile:
    """A text file written beside its destination and moved into place when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.temp = Path(temp)
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def __enter__(self) -> Any:
        return self.file

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.file.close()
        if exc_type is None:
            os.replace(self.temp, self.path)
        else:
            self.temp.unlink(missing_ok=True)


def _atomic_write(path: Path, text: str) -> None:
    with _AtomicFile(path) as file:
        file.write(text)


def _descriptor() -> dict[str, Any]:
    """Return the datapackage.json of an export: every table, its fields and their types."""
    resources = []
    for table, (file, columns) in HSDS_TABLES.items():
        fields = []
        for column in columns:
            field: dict[str, Any] = {"name": column, "type": _TYPES.get(column, "string")}
            if _UUID_COLUMNS.match(column):
                field["format"] = "uuid"
            field["constraints"] = {
                "required": column == "id" or column in _REQUIRED.get(table, ()),
                "unique": column == "id",
            }
            fields.append(field)
        resources.append(
            {
                "name": table,
                "path": file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "referral-match-export",
        "title": "Resource directory exported by referral-match",
        "profile": "tabular-data-package",
        "version": "3.0",
        "homepage": "https://docs.openreferral.org/en/latest/",
        "resources": resources,
    }
