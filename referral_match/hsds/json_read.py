"""Read HSDS 3.0 JSON: an array of fully nested services, or NDJSON (one service per line).

JSON is HSDS 3.0's own form: each record is a service object as an HSDS API's
``/services/{id}`` returns it (and as ``export.hsds_service`` writes it), nesting its
organization, service_at_locations with their locations, phones, schedules, languages,
service areas, cost options and attributes. A file holds a JSON array of them, one object per
line (NDJSON: ``.ndjson``, ``.jsonl``, or a ``.json`` file whose first line is a whole
object), one service object, or an HSDS API page (``{"contents": [...]}``).

Each record is read on its own: ``json_tables`` flattens it into the rows of the HSDS tables,
and the package reader's parts index and join them (``tables``, ``records``, ``fields``,
``row_problems``), so that JSON is read exactly as a package is. NDJSON is read line by line;
an array is read whole, up to :data:`MAX_JSON_BYTES`.

Where: a problem is reported at the file, the record's ``line`` and the JSON path of the
value as its ``column`` (``services.json`` line 3, ``service_at_locations[0].location.
latitude``). ``line`` is the record's number: its place in the array (1 for the first
service), or, in NDJSON, its line in the file (blank lines are skipped and not counted as
records, but keep their numbers, as an editor shows them).

Accounting, as the package reader's (see ``read``), with the record as the row:

* A record makes one resource per service_at_location, or one when it has none. Each is
  yielded, or rejected at its record: the whole record when it is not a JSON object, cannot be
  read, or its service cannot be used (no name, a status or age we cannot read); a resource
  whose id an earlier one has (the same service twice) on its own.
* ``report.total_rows`` counts the resources yielded plus one for each record with a
  rejection, so that ``imported + rejected_rows == total_rows`` (``rejected_rows`` counts
  records; the rejected resources of one record are one row, at that record).
* Values that cannot be used (latitude 100, a phone that cannot be dialled, a term not in our
  taxonomy) are warned about at their path and left out, as for a package; nested objects we
  do not keep (contacts, funding, metadata...) get one warning per file and path.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from referral_match.errors import SourceError
from referral_match.hsds.fields import TermMapper
from referral_match.hsds.json_tables import flatten, json_type
from referral_match.hsds.package_files import ProgressCallback, Row
from referral_match.hsds.read import service_row_problems
from referral_match.hsds.records import ResourceBuilder
from referral_match.hsds.row_problems import Notes, placed_by_address
from referral_match.hsds.tables import HsdsTables
from referral_match.model import ORGANIZATION_NOT_LISTED, Resource
from referral_match.report import ImportReport
from referral_match.taxonomy import Taxonomy

__all__ = ["JSON_SUFFIXES", "MAX_JSON_BYTES", "MAX_LINE_BYTES", "is_hsds_json", "read_hsds_json"]

#: The file names read as HSDS JSON.
JSON_SUFFIXES = (".json", ".ndjson", ".jsonl")
#: The largest JSON array read (it is read whole); NDJSON is read line by line, at any size.
MAX_JSON_BYTES = 500 * 1024**2
#: The longest line of NDJSON read as one service.
MAX_LINE_BYTES = 64 * 1024**2
_NDJSON_SUFFIXES = (".ndjson", ".jsonl")
_SNIFF_BYTES = 8 * 1024**2
_SHOWN = 80
_SERVICE_KEYS = ("organization", "service_at_locations", "id")
_HOW = "Give an array of HSDS 3.0 services, or one service object per line (NDJSON)."


@dataclass(frozen=True, slots=True)
class _Record:
    """One record of a JSON file: its number, its value, or why it cannot be read."""

    line: int
    unit: str
    value: Any = None
    problem: str = ""
    shown: str | None = None


def read_hsds_json(
    path: Path,
    report: ImportReport,
    taxonomy: Taxonomy,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Yield (file, line, resource) for each usable resource of an HSDS 3.0 JSON file.

    ``line`` is the record's number (see the module docstring). Every record or value that
    cannot be used is recorded in ``report``. Raises SourceError when the file cannot be read
    as JSON services at all (empty, not JSON, too large, nested too deeply, not UTF-8).
    """
    name = path.name
    report.files.append(name)
    notes = Notes(report)
    terms = TermMapper(taxonomy, notes)
    first_use: dict[str, int] = {}
    for record in _records(path, name, progress):
        before = len(report.rejected)
        kept: list[Resource] = []
        for row, resource in _resources(record, name, report, notes, terms):
            first = first_use.get(resource.id)
            if first is None:
                first_use[resource.id] = record.line
                kept.append(resource)
                continue
            where = "in this record" if first == record.line else f"on {record.unit} {first}"
            report.reject(
                name,
                record.line,
                row.where("id"),
                resource.id,
                f'id "{resource.id}" is already used {where}: this service (at this '
                "location) is listed twice. Delete the repeated record, or give each "
                "service_at_location its own id.",
            )
        report.total_rows += len(kept) + (len(report.rejected) > before)
        for resource in kept:
            yield name, record.line, resource
    notes.flush()


def _resources(
    record: _Record, name: str, report: ImportReport, notes: Notes, terms: TermMapper
) -> list[tuple[Row, Resource]]:
    """Return the resources of one record, each with the row it was made from; else reject it."""
    if record.problem:
        report.reject(name, record.line, None, record.shown, record.problem)
        return []
    if not isinstance(record.value, dict):
        report.reject(
            name,
            record.line,
            None,
            _shown(record.value),
            f"{record.unit} {record.line} is {json_type(record.value)}, not a service object: "
            "each record must be a JSON object with the service's name, its organization "
            "and its service_at_locations.",
        )
        return []
    tables = HsdsTables(flatten(record.value, name, record.line, notes), notes)
    service = tables.services[0]
    problems = service_row_problems(service)
    for problem in problems:
        report.reject(
            name, record.line, service.where(problem.column), problem.value, problem.message
        )
    if problems:
        return []
    _organization_notes(service, tables, notes)
    builder = ResourceBuilder(tables, terms, notes)
    made: list[tuple[Row, Resource]] = []
    for sal in tables.sal:
        location = tables.location_by_id.get(sal.get("location_id"))
        if location is not None:
            placed = placed_by_address(location, notes)
            made.append((sal, builder.build(service, placed, sal)))
    if not made:
        made.append((service, builder.build(service, None, None)))
    return made


def _organization_notes(service: Row, tables: HsdsTables, notes: Notes) -> None:
    """Warn when a service's organization is not given (it is imported all the same)."""
    org_id = service.get("organization_id")
    org = tables.org_by_id.get(org_id)
    kept = f'The service was imported under "{ORGANIZATION_NOT_LISTED}".'
    if org is None and org_id:
        notes.warn(
            service,
            "organization_id",
            org_id,
            f'the record names organization "{org_id}" but holds no "organization" object, so '
            f"its name is not known: nest the organization, with its name. {kept}",
        )
    elif org is None:
        notes.warn(
            service,
            "organization",
            None,
            'the service has no "organization": nest the organization that provides it, with '
            f"its name. {kept}",
        )
    elif not org.get("name"):
        notes.warn(org, "name", "", f"the organization has no name: fill in its name. {kept}")


# Reading the file ----------------------------------------------------------------------------


def _records(path: Path, name: str, progress: ProgressCallback | None) -> Iterator[_Record]:
    """Yield the records of a JSON or NDJSON file; raise SourceError when it has none."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            _check_start(file, name)
            if path.suffix.lower() in _NDJSON_SUFFIXES or _is_ndjson(file):
                yield from _lines(file, name, size, progress)
            else:
                yield from _whole(file, name, size, progress)
    except OSError as exc:
        raise SourceError(f"{name} cannot be read: {exc.strerror or exc}.", file=name) from exc


def _check_start(file: BinaryIO, name: str) -> None:
    """Refuse an empty file, or one in UTF-16 or UTF-32 (JSON files are UTF-8)."""
    head = file.read(4)
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if head.startswith(bom):
            raise SourceError(
                f"{name} is {encoding} text, but JSON files are UTF-8: save it as UTF-8 "
                "and import it again.",
                file=name,
            )
    file.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
    while chunk := file.read(1024**2):
        if chunk.strip():
            file.seek(0)
            return
    raise SourceError(f"{name} is empty: it holds no services. {_HOW}", file=name)


def _is_ndjson(file: BinaryIO) -> bool:
    """Return True if a .json file holds one object per line: a whole first line, and more."""
    try:
        first = b""
        while not first.strip():
            first = file.readline(MAX_LINE_BYTES + 1)
            if not first:
                return False
        value = json.loads(first.decode("utf-8-sig"))
        return isinstance(value, dict) and bool(file.read(64 * 1024).strip())
    except (ValueError, RecursionError):
        return False
    finally:
        file.seek(0)


def _whole(
    file: BinaryIO, name: str, size: int, progress: ProgressCallback | None
) -> Iterator[_Record]:
    """Yield the records of a file read whole: an array, one service, or an API page."""
    if size > MAX_JSON_BYTES:
        raise SourceError(
            f"{name} is {_size(size)}, and a JSON array is read whole, up to "
            f"{_size(MAX_JSON_BYTES)}: write the services one per line (NDJSON, "
            "named .ndjson), which is read line by line at any size, or split the file.",
            file=name,
        )
    value = _load(file.read(), name)
    if isinstance(value, dict) and isinstance(value.get("contents"), list):
        records: list[Any] = value["contents"]  # a page of an HSDS API's /services
    elif isinstance(value, dict) and any(key in value for key in ("name", *_SERVICE_KEYS)):
        records = [value]
    elif isinstance(value, list):
        records = value
    else:
        what = (
            "one JSON object that is not a service (it has no name, organization, "
            "service_at_locations or id)"
            if isinstance(value, dict)
            else json_type(value)
        )
        raise SourceError(f"{name} holds {what}, not services. {_HOW}", file=name)
    if not records:
        raise SourceError(f"{name} holds an empty list: there are no services in it.", file=name)
    for number, record in enumerate(records, start=1):
        yield _Record(number, "record", record)
        if progress is not None:
            progress(size * number // len(records), size)


def _load(data: bytes, name: str) -> Any:
    """Parse a whole JSON file, turning every way it can fail into a SourceError."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name} is not UTF-8 text (byte {exc.start + 1} cannot be read), but JSON files "
            "are UTF-8: save it as UTF-8 and import it again.",
            file=name,
        ) from exc
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{name} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. {_HOW}",
            file=name,
        ) from exc
    except RecursionError as exc:
        raise SourceError(
            f"{name} nests arrays or objects far more deeply than HSDS services do, so it "
            f"was not read. {_HOW}",
            file=name,
        ) from exc
    except ValueError as exc:  # a number too long to read, say
        raise SourceError(f"{name} cannot be read as JSON: {exc}. {_HOW}", file=name) from exc


def _lines(
    file: BinaryIO, name: str, size: int, progress: ProgressCallback | None
) -> Iterator[_Record]:
    """Yield the records of an NDJSON file, one per line that is not blank."""
    done = number = 0
    found = False
    while raw := file.readline(MAX_LINE_BYTES + 1):
        number += 1
        done += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while rest := file.readline(1024**2):
                done += len(rest)
                if rest.endswith(b"\n"):
                    break
            record = _Record(
                number,
                "line",
                problem=f"line {number} is longer than {_size(MAX_LINE_BYTES)}, too long "
                "for one service, so it was not read: check that each line holds one service.",
                shown=_shown_bytes(raw),
            )
        else:
            raw = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
            if not raw.strip():
                continue
            record = _parse_line(raw, number)
        if not found and record.problem:
            raise SourceError(
                f"{name} is not NDJSON (one JSON service object per line): {record.problem} "
                "A JSON file written over several lines must be an array of services, "
                "named .json.",
                file=name,
            )
        found = True
        yield record
        if progress is not None:
            progress(done, size)
    if not found:
        raise SourceError(f"{name} is empty: it holds no services. {_HOW}", file=name)


def _parse_line(raw: bytes, number: int) -> _Record:
    """Return one NDJSON line as a record, or the record of why it cannot be read."""
    try:
        return _Record(number, "line", json.loads(raw.decode("utf-8")))
    except UnicodeDecodeError as exc:
        why = f"is not UTF-8 text (byte {exc.start + 1} of the line cannot be read)"
    except json.JSONDecodeError as exc:
        why = f"is not JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        why = "nests arrays or objects far more deeply than an HSDS service does"
    except ValueError as exc:
        why = f"cannot be read as JSON ({exc})"
    return _Record(
        number,
        "line",
        problem=f"line {number} {why}, so it was not read: write one service object per "
        "line. Fix the line, or delete it.",
        shown=_shown_bytes(raw),
    )


# Telling HSDS JSON apart ---------------------------------------------------------------------


def is_hsds_json(path: Path) -> bool:
    """Return True if a file is HSDS JSON: a .json, .ndjson or .jsonl file of services.

    That is, its first record (of an array, of an NDJSON file, of an API page, or the one
    object it holds) is an object with a ``name`` and an ``organization``,
    ``service_at_locations`` or ``id``. Only the file's start is read.
    """
    if path.suffix.lower() not in JSON_SUFFIXES or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return False
    record = _first_record(head.decode("utf-8-sig", errors="replace"))
    return (
        isinstance(record, dict)
        and "name" in record
        and any(key in record for key in _SERVICE_KEYS)
    )


def _first_record(text: str) -> Any:
    """Return the first record of a JSON file's start, or None when it cannot be found."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    try:
        if text.startswith("[", start):
            return decoder.raw_decode(text, start + 1 + _blank(text[start + 1 :]))[0]
        if text.startswith("{", start):
            try:
                value = decoder.raw_decode(text, start)[0]
            except ValueError:
                # An API page longer than what was read: its first service.
                page = re.search(r'"contents"\s*:\s*\[\s*', text)
                return decoder.raw_decode(text, page.end())[0] if page else None
            contents = value.get("contents") if isinstance(value, dict) else None
            if isinstance(contents, list):
                return contents[0] if contents else None
            return value
    except (ValueError, RecursionError):
        return None
    return None


def _blank(text: str) -> int:
    """Return how many whitespace characters a text starts with."""
    return len(text) - len(text.lstrip())


def _size(count: int) -> str:
    """Return a number of bytes as a person reads it: 500 MB, or 200 bytes."""
    return f"{count / 1024**2:,.0f} MB" if count >= 1024**2 else f"{count:,} bytes"


def _shown(value: Any) -> str:
    """Return a value as a report shows it: JSON, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = str(type(value).__name__)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _shown_bytes(raw: bytes) -> str:
    """Return the start of a line as a report shows it."""
    text = raw[: _SHOWN * 4].decode("utf-8", errors="replace").strip()
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
