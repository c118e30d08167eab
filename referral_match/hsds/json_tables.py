"""Flatten one HSDS 3.0 service object into the rows of the HSDS tables, with JSON paths.

An HSDS API's ``/services/{id}`` (and ``export.hsds_service``) nests in one service object
what a tabular package links by id: its organization, its service_at_locations with their
locations (addresses, accessibility, languages...), phones, schedules, service areas,
languages, cost options, required documents, and attributes with their taxonomy terms.
:func:`flatten` turns such a record into the rows ``HsdsTables`` reads, under the file names of
their tables. Each ``Row`` has the record's number as its line and the JSON path of its
object as its path (``service_at_locations[0].location``), so that a report names a value by
its path: ``service_at_locations[0].location.latitude``.

* Nesting decides the links: a phone under a service_at_location is that row's phone,
  whatever its own ``service_at_location_id`` says, and a nested organization, location or
  taxonomy term sets its parent's ``organization_id``, ``location_id`` or
  ``taxonomy_term_id``. Other link ids an object gives (a service's language at a
  ``location_id``) are kept.
* An object without an id gets one made from its parent's id and its place in the record,
  the same on every import: a service from its organization's name and its own (as
  ``records`` makes a resource id), a service_at_location from its service and location.
* An object repeated with the same id and values (one location under two
  service_at_locations) is read once.
* Scalars become cells (numbers as written, ``true``/``false``); a list of scalars is one
  cell of comma-separated values. Objects this reader does not keep (contacts, funding,
  programs, metadata, or any other nested object) get one warning per file and path.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from referral_match.hsds.package_files import Row
from referral_match.hsds.row_problems import Notes
from referral_match.sources.schemas import stable_id

__all__ = ["RecordTables", "flatten", "json_type"]


@dataclass(frozen=True, slots=True)
class _Kind:
    """An HSDS object: its table's file, what it is called, and the objects nested in it."""

    file: str
    what: str
    #: key -> the kind of the objects of the list under it
    lists: dict[str, str] = field(default_factory=dict)
    #: key -> (the kind of the one object under it, the column of ours that takes its id)
    single: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: the column in which the objects listed under this one name it
    link: str = ""


_ATTRIBUTES = {"attributes": "attribute"}
_KINDS: dict[str, _Kind] = {
    "service": _Kind(
        "services.csv",
        "service",
        {
            "service_at_locations": "service_at_location",
            "phones": "phone",
            "schedules": "schedule",
            "service_areas": "service_area",
            "languages": "language",
            "cost_options": "cost_option",
            "required_documents": "required_document",
            **_ATTRIBUTES,
        },
        {"organization": ("organization", "organization_id")},
        "service_id",
    ),
    "organization": _Kind(
        "organizations.csv",
        "organization",
        {"phones": "phone", **_ATTRIBUTES},
        {},
        "organization_id",
    ),
    "service_at_location": _Kind(
        "service_at_location.csv",
        "service_at_location",
        {"phones": "phone", "schedules": "schedule", **_ATTRIBUTES},
        {"location": ("location", "location_id")},
        "service_at_location_id",
    ),
    "location": _Kind(
        "locations.csv",
        "location",
        {
            "addresses": "address",
            "phones": "phone",
            "schedules": "schedule",
            "languages": "language",
            "accessibility": "accessibility",
            **_ATTRIBUTES,
        },
        {},
        "location_id",
    ),
    "attribute": _Kind(
        "attributes.csv", "attribute", {}, {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")}
    ),
    "taxonomy_term": _Kind(
        "taxonomy_terms.csv", "taxonomy term", {}, {"taxonomy_detail": ("taxonomy", "taxonomy_id")}
    ),
    "taxonomy": _Kind("taxonomies.csv", "taxonomy"),
    "phone": _Kind("phones.csv", "phone"),
    "schedule": _Kind("schedules.csv", "schedule"),
    "service_area": _Kind("service_areas.csv", "service area"),
    "language": _Kind("languages.csv", "language"),
    "cost_option": _Kind("cost_options.csv", "cost option"),
    "required_document": _Kind("required_documents.csv", "required document"),
    "address": _Kind("addresses.csv", "address"),
    "accessibility": _Kind("accessibility.csv", "accessibility feature"),
}

#: Nested objects that are not kept, and why (as the package reader says of their files).
_NOT_KEPT = {
    "contacts": "referral-match keeps no named contacts",
    "funding": "funding sources are not kept",
    "program": "programs are not kept (their services are read)",
    "programs": "programs are not kept (their services are read)",
    "metadata": "change history is not kept",
    "organization_identifiers": "organization identifiers are not kept",
    "locations": "an organization's locations are read from its services' records",
    "services": "an organization's services are read from their own records",
    "attributes": "only the attributes of services, service_at_locations, locations and "
    "organizations are read",
    "languages": "only the languages of services and locations are read, not of phone lines",
}
_OTHER = "it holds objects that referral-match does not read there"

Cells = dict[str, str]


class RecordTables:
    """The rows of one JSON record, by table file, read as a package's are (a TableSource)."""

    def __init__(self, tables: dict[str, list[Row]]) -> None:
        self._tables = tables

    def has(self, *names: str) -> bool:
        """Return True if the record has rows of any of these tables."""
        return any(self._tables.get(name) for name in names)

    def rows(self, *names: str, required: bool = False) -> list[Row]:
        """Return the record's rows of these tables, in order."""
        return [row for name in names for row in self._tables.get(name, ())]


def flatten(record: dict[str, Any], file: str, line: int, notes: Notes) -> RecordTables:
    """Return the rows of one service object: record ``line`` of ``file``.

    What cannot be read (a phone that is not an object, contacts...) is warned about
    through ``notes`` at its JSON path.
    """
    flattener = _Flattener(file, line, notes)
    flattener.add("service", record, "", "", {}, "")
    return RecordTables(flattener.tables)


def _text(value: Any) -> str | None:
    """Return a scalar JSON value as a cell's text ("" for null), or None for anything else."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    return None


def _cell(value: Any) -> str | None:
    """Return a JSON value as a cell: a scalar, or a list of scalars joined by commas."""
    if isinstance(value, list):
        texts = [_text(item) for item in value]
        if any(t is None for t in texts):
            return None
        return ", ".join(t for t in texts if t)
    return _text(value)


def _given_id(value: Any) -> str:
    """Return an id as given (a string or a number), or "" when there is none."""
    text = _text(value) if not isinstance(value, bool) else None
    return text.strip() if text else ""


class _Flattener:
    """Collect the rows of one record, table by table."""

    def __init__(self, file: str, line: int, notes: Notes) -> None:
        self.file = file
        self.line = line
        self.notes = notes
        self.tables: dict[str, list[Row]] = defaultdict(list)
        self._added: dict[tuple[str, str], Cells] = {}
        #: location id -> (id, path) of the first service_at_location there
        self._places: dict[str, tuple[str, str]] = {}

    def _at(self, path: str) -> Row:
        """Return an empty row at a path, to warn about what is there."""
        return Row(self.file, self.line, {}, path=path)

    def add(
        self, kind: str, obj: dict[str, Any], path: str, parent: str, links: Cells, own_id: str
    ) -> None:
        """Add the row of one object (with ``links`` to its parent), then what it nests.

        ``own_id`` is the id its parent gave it (made when it had none), else "".
        """
        spec = _KINDS[kind]
        prefix = f"{path}." if path else ""
        cells: Cells = {}
        for key, value in obj.items():
            if key in spec.lists or key in spec.single:
                continue
            text = _cell(value)
            if text is None:
                self._not_read(path, key)
            elif text:
                cells[key] = text
        cells.update(links)
        single: list[tuple[str, str, Any, str]] = []
        for key, (child_kind, column) in spec.single.items():
            value = obj.get(key)
            child_path = f"{prefix}{key}"
            if isinstance(value, dict):
                child_id = (
                    _given_id(value.get("id"))
                    or cells.get(column, "").strip()
                    or self._made_id(child_kind, value, parent, child_path)
                )
                cells[column] = child_id
                single.append((child_kind, child_path, value, child_id))
            elif kind == "service_at_location":
                # Still a resource at a place: the one named by location_id, if any.
                cells[column] = cells.get(column, "").strip() or stable_id(
                    "hsds-json", parent, child_path
                )
                single.append((child_kind, child_path, {}, cells[column]))
                self.notes.warn(
                    self._at(path),
                    key,
                    None if value is None else str(value)[:80],
                    'the service_at_location has no "location" object, so this resource has no '
                    "address or coordinates: nest its location, with its addresses, latitude "
                    "and longitude.",
                )
            elif value is not None:
                self._not_an_object(path, key, value, _KINDS[child_kind].what)
        cells["id"] = own_id or _given_id(obj.get("id")) or self._made_id(kind, obj, parent, path)
        if kind == "service_at_location" and not _given_id(obj.get("id")):
            # As records.py makes the id of a row without one: from its service and place.
            cells["id"] = stable_id("hsds", parent, cells.get("location_id", ""))
        # A place given twice joins the first (and adds no row of its own); an object given
        # twice with the same values is added once.
        first = kind != "service_at_location" or self._first_place(cells, path)
        key_of_row = (spec.file, cells["id"])
        if first and self._added.get(key_of_row) != cells:
            self._added.setdefault(key_of_row, cells)
            self.tables[spec.file].append(Row(self.file, self.line, cells, path=path))
        for child_kind, child_path, value, child_id in single:
            self.add(child_kind, value, child_path, cells["id"], {}, child_id)
        for key, child_kind in spec.lists.items():
            self._add_list(key, child_kind, obj.get(key), prefix, path, cells["id"], spec)

    def _first_place(self, cells: Cells, path: str) -> bool:
        """Return True for the first service_at_location at its location; else warn and
        make the row take the id of that first one, which its phones and hours join."""
        location_id = cells.get("location_id", "")
        first_id, first_path = self._places.setdefault(location_id, (cells["id"], path))
        if first_id == cells["id"]:
            return True
        self.notes.warn(
            self._at(path),
            "location",
            location_id,
            f"the service is already at this location in {first_path}, so this "
            "service_at_location was read as part of that one, with its phones, hours and "
            "attributes. List each place of a service once.",
        )
        cells["id"] = first_id
        return False

    def _add_list(
        self, key: str, kind: str, value: Any, prefix: str, path: str, own_id: str, spec: _Kind
    ) -> None:
        """Add the objects of a list nested in an object whose id is ``own_id``."""
        if value is None:
            return
        what = _KINDS[kind].what
        if not isinstance(value, list):
            self._not_an_object(path, key, value, f"list of {what} objects")
            return
        column = "link_id" if kind == "attribute" else spec.link
        for number, item in enumerate(value):
            item_path = f"{prefix}{key}[{number}]"
            if isinstance(item, dict):
                made = stable_id("hsds-json", own_id, f"{key}[{number}]")
                own = "" if _given_id(item.get("id")) else made
                self.add(kind, item, item_path, own_id, {column: own_id}, own)
            else:
                self._not_an_object(path, f"{key}[{number}]", item, what)

    def _made_id(self, kind: str, obj: dict[str, Any], parent: str, path: str) -> str:
        """Return the id of an object that has none, the same on every import."""
        name = _text(obj.get("name")) or ""
        if kind == "service":
            organization = obj.get("organization")
            org_name = organization.get("name") if isinstance(organization, dict) else ""
            return stable_id(_text(org_name) or "", name)
        if kind == "organization":
            return stable_id("hsds-json", "organization", name or parent)
        if kind == "taxonomy_term":
            code = _text(obj.get("code")) or ""
            taxonomy = _text(obj.get("taxonomy")) or ""
            return stable_id("hsds-json", "term", taxonomy, code, name)
        if kind == "taxonomy":
            return stable_id("hsds-json", "taxonomy", name)
        return stable_id("hsds-json", parent, path)

    def _not_an_object(self, path: str, key: str, value: Any, what: str) -> None:
        shown = str(value)[:80] if not isinstance(value, dict | list) else type(value).__name__
        article = "an" if what[:1] in "aeiou" else "a"
        self.notes.warn(
            self._at(path),
            key,
            shown,
            f"this is not {article} {what} object ({json_type(value)} instead), so it was "
            "not imported. Write it as HSDS 3.0 nests it.",
        )

    def _not_read(self, path: str, key: str) -> None:
        """Say once per file that what a key holds is not kept (by key, or by path if unknown)."""
        # What is known is said once wherever it is; something unknown, at its path.
        row = Row(self.file, self.line, {}) if key in _NOT_KEPT else self._at(path)
        # The summary is formatted with the lines: braces in a key must stay braces.
        shown = key.replace("{", "{{").replace("}", "}}")
        reason = _NOT_KEPT.get(key, _OTHER)
        self.notes.group(row, key, f'"{shown}" was not imported on {{lines}}: {reason}.')


def json_type(value: Any) -> str:
    """Return what a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    return "an array" if isinstance(value, list) else "an object"
