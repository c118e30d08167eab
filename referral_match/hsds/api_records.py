"""Turn the export's HSDS rows into the JSON records of the HSDS 3.0 API, flat or nested.

The rows are those ``HsdsRows`` makes for ``export_hsds``, so a record of the API is a row
of the package: the same id and the same values. As JSON, a record leaves out the cells
the package leaves empty, except the fields the official schema requires (an address with
no street keeps ``"address_1": ""``); a phone extension that is not a number ("012") is
written after the phone number, as the schema has extensions as numbers.

Nested records put each row under its parent as the API nests them: a service holds its
organization, phones, schedules, service areas, languages, cost options, required
documents and attributes (each with its taxonomy term), and its ``service_at_locations``,
each with its own phones, schedules and attributes and its location (addresses,
accessibility, attributes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

__all__ = ["REQUIRED", "Tables", "json_row", "nested_service", "nested_service_at_location"]

#: The fields the official HSDS 3.0 schemas require of each table's records.
REQUIRED: dict[str, tuple[str, ...]] = {
    "service": ("id", "name", "status"),
    "organization": ("id", "name", "description"),
    "location": ("id", "location_type"),
    "address": (
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "phone": ("id", "number"),
    "taxonomy": ("id", "name", "description"),
    "taxonomy_term": ("id", "name", "description"),
}


def json_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Return a row as the API's record: empty cells left out, required ones kept."""
    required = REQUIRED.get(table, ("id",))
    record = {k: v for k, v in row.items() if (v is not None and v != "") or k in required}
    extension = record.get("extension") if table == "phone" else None
    if isinstance(extension, str):
        # The schema has extensions as numbers; "012" or "12a" is not one (the package keeps
        # it as text): it stays with the number, as it is dialled.
        record["number"] = f"{record['number']} ext. {record.pop('extension')}"
    return record


class Tables:
    """The rows of a few HSDS tables, found by the value of a column."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self.tables = tables
        self._by: dict[tuple[str, str], dict[Any, list[dict[str, Any]]]] = {}

    def children(self, table: str, column: str, value: Any) -> list[dict[str, Any]]:
        """Return the records of a table whose column holds this value."""
        key = (table, column)
        if key not in self._by:
            found: dict[Any, list[dict[str, Any]]] = defaultdict(list)
            for row in self.tables.get(table, ()):
                found[row.get(column)].append(row)
            self._by[key] = found
        return [json_row(table, row) for row in self._by[key].get(value, ())]

    def one(self, table: str, row_id: Any) -> dict[str, Any] | None:
        """Return the record of a table with this id, or None."""
        found = self.children(table, "id", row_id)
        return found[0] if found else None

    def attributes(self, record: dict[str, Any]) -> dict[str, Any]:
        """Return the record with its attributes, each holding its taxonomy term."""
        attributes = self.children("attribute", "link_id", record["id"])
        for attribute in attributes:
            term = self.one("taxonomy_term", attribute.get("taxonomy_term_id"))
            if term is not None:
                attribute["taxonomy_term"] = term
        return {**record, "attributes": attributes} if attributes else record


def _with(record: dict[str, Any], name: str, children: list[dict[str, Any]]) -> None:
    if children:
        record[name] = children


def _location(t: Tables, location: dict[str, Any]) -> dict[str, Any]:
    nested = dict(location)
    _with(nested, "addresses", t.children("address", "location_id", location["id"]))
    _with(nested, "accessibility", t.children("accessibility", "location_id", location["id"]))
    return t.attributes(nested)


def nested_service_at_location(
    t: Tables,
    link: dict[str, Any],
    locations: dict[str, dict[str, Any]],
    service: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return a service_at_location record with its phones, schedules and location.

    ``locations`` gives the location records by id (the directory's, which the link's
    location row may only repeat); ``service``, when given, is nested too.
    """
    nested = json_row("service_at_location", link)
    _with(nested, "phones", t.children("phone", "service_at_location_id", nested["id"]))
    _with(nested, "schedules", t.children("schedule", "service_at_location_id", nested["id"]))
    location = locations.get(nested.get("location_id", "")) or t.one(
        "location", nested.get("location_id")
    )
    if location is not None:
        nested["location"] = _location(t, location)
    if service is not None:
        nested["service"] = service
    return t.attributes(nested)


def nested_service(
    t: Tables,
    service: dict[str, Any],
    organization: dict[str, Any] | None,
    locations: dict[str, dict[str, Any]],
    places: Collection[str] | None = None,
) -> dict[str, Any]:
    """Return a service record with everything that hangs off it, as ``/services/{id}``.

    ``places`` limits the service_at_locations nested to those ids (None: all of them).
    """
    nested = dict(service)
    sid = service["id"]
    for table, plural in (
        ("phone", "phones"),
        ("schedule", "schedules"),
        ("service_area", "service_areas"),
        ("language", "languages"),
        ("cost_option", "cost_options"),
        ("required_document", "required_documents"),
    ):
        _with(nested, plural, t.children(table, "service_id", sid))
    if organization is not None:
        nested["organization"] = t.attributes(organization)
    links = [
        nested_service_at_location(t, link, locations)
        for link in t.tables.get("service_at_location", ())
        if link.get("service_id") == sid and (places is None or link["id"] in places)
    ]
    _with(nested, "service_at_locations", links)
    return t.attributes(nested)
