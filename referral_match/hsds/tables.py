"""Index the tables of an HSDS package: rows by id, and the rows linked to each of them.

``HsdsTables`` reads a package's tables once. Services, organizations and locations are
indexed by id; the rows of the other tables (addresses, phones, schedules, languages,
taxonomy attributes...) are indexed by the row they hang off. A linked row whose parent does
not exist is warned about at its own file and line and left out, so that ``hsds_records``
only ever sees linked rows that join.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from referral_match.hsds.fields import split_commas
from referral_match.hsds.package_files import Row, TableSource
from referral_match.hsds.row_problems import Notes

__all__ = ["SPLIT_FROM", "TABLES", "HsdsTables", "unknown_id"]

#: Table -> the file names it has in HSDS 3.0, 2.0 and 1.1 (all that exist are read).
TABLES: dict[str, tuple[str, ...]] = {
    "services": ("services.csv",),
    "organizations": ("organizations.csv",),
    "locations": ("locations.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "addresses": ("addresses.csv", "physical_addresses.csv", "postal_addresses.csv"),
    "phones": ("phones.csv",),
    "schedules": ("schedules.csv", "regular_schedules.csv"),
    "holiday_schedules": ("holiday_schedules.csv",),
    "languages": ("languages.csv",),
    "service_areas": ("service_areas.csv",),
    "cost_options": ("cost_options.csv",),
    "required_documents": ("required_documents.csv",),
    "accessibility": ("accessibility.csv", "accessibility_for_disabilities.csv"),
    "taxonomies": ("taxonomies.csv",),
    "taxonomy_terms": ("taxonomy_terms.csv", "taxonomy.csv"),
    "attributes": ("attributes.csv", "service_attributes.csv", "services_taxonomy.csv"),
    "eligibility": ("eligibility.csv", "eligibilities.csv"),
}
_SAL_FILES = TABLES["service_at_location"]
#: The cell a split link row carries: the id of the row it was split from.
SPLIT_FROM = "__split_from"
_PHONE_LINKS = ("service_at_location_id", "service_id", "location_id", "organization_id")


class HsdsTables:
    """Index the tables of one package by id, and the rows linked to services and locations."""

    def __init__(self, package: TableSource, notes: Notes) -> None:
        self.notes = notes
        p = package
        self.services = p.rows("services.csv", required=True)
        self.organizations = p.rows("organizations.csv")
        self.locations = p.rows("locations.csv")
        self.has_organizations = p.has("organizations.csv")
        #: Rows whose id an earlier row of the same file already has (by id(row)).
        self.duplicates: dict[int, Row] = {}
        self.service_by_id = self._index(self.services, "service")
        self.org_by_id = self._index(self.organizations, "organization")
        self.location_by_id = self._index(self.locations, "location")
        self.sal = self._once_per_link(
            self._split_ids(p.rows(*_SAL_FILES), ("service_id", "location_id"), "id")
        )
        self.sal_ids = {r.get("id") for r in self.sal if r.get("id")}
        # Only a row that links a service to a location that exists places the service; a
        # service whose links all fail is kept as a service without a location.
        placed = [r for r in self.sal if r.get("location_id") in self.location_by_id]
        self.named_services = {r.get("service_id") for r in placed}
        self.named_locations = {r.get("location_id") for r in self.sal if r.get("location_id")}
        self._read_links(p)

    def organization_of(self, service: Row) -> Row:
        """Return the organization row of a service, or an empty row when there is none."""
        org = self.org_by_id.get(service.get("organization_id"))
        return org if org is not None else Row(service.file, service.line, {})

    def _split_ids(
        self, rows: list[Row], columns: Sequence[str], own_id: str | None = None
    ) -> list[Row]:
        """Return the rows with each cell that lists several ids read as one row per id.

        Exports that flatten a many-to-many link write "89016,89006" in one cell; each id
        gets the row's other cells, and the row a warning at its own line.
        """
        split: list[Row] = []
        for row in rows:
            lists = {c: split_commas(row.get(c)) for c in columns if "," in row.get(c)}
            lists = {c: ids for c, ids in lists.items() if row.get(c) not in self._known(c)}
            if not lists or row.extra:
                split.append(row)
                continue
            combos: list[dict[str, str]] = [{}]
            for column, ids in lists.items():
                combos = [{**combo, column: i} for combo in combos for i in ids]
            for column, ids in lists.items():
                self.notes.warn(
                    row,
                    column,
                    row.get(column),
                    f"the cell names {len(ids)} ids; the row was read once for each of them. "
                    f"Give each id its own row, with one id in {column}.",
                )
            # The rows keep the row's own id (what schedules and phones link to), marked as
            # split so that each resource's id is made from its service and location too.
            mark = {SPLIT_FROM: row.get(own_id)} if own_id and row.get(own_id) else {}
            split += [
                dataclasses.replace(row, cells={**row.cells, **combo, **mark}) for combo in combos
            ]
        return split

    def _once_per_link(self, rows: list[Row]) -> list[Row]:
        """Return the link rows without those that repeat an earlier row's service and location.

        The same service at the same place twice would be listed twice to a client.
        """
        first: dict[tuple[str, str], Row] = {}
        kept: list[Row] = []
        for row in rows:
            link = (row.get("service_id"), row.get("location_id"))
            if all(link) and link in first:
                self.notes.warn(
                    row,
                    "service_id",
                    link[0],
                    f"service {link[0]} at location {link[1]} is already linked on line "
                    f"{first[link].line}, so this row was read once, there.",
                )
                continue
            first.setdefault(link, row)
            kept.append(row)
        return kept

    def _known(self, column: str) -> dict[str, Row]:
        """Return the rows by id that a link column names (empty before they are indexed)."""
        index = {"service_id": "service_by_id", "location_id": "location_by_id"}.get(column)
        return getattr(self, index, {}) if index else {}

    def _index(self, rows: list[Row], what: str) -> dict[str, Row]:
        """Index rows by id; a repeated id keeps its first row."""
        by_id: dict[str, Row] = {}
        for row in rows:
            key = row.get("id")
            if not key:
                continue
            if key in by_id:
                self.duplicates[id(row)] = by_id[key]
                if what != "service":
                    self.notes.warn(
                        row,
                        "id",
                        key,
                        f'id "{key}" is already used on line {by_id[key].line}: the {what} on '
                        "that line was used and this row was not. Give every row its own id.",
                    )
                continue
            by_id[key] = row
        return by_id

    def _read_links(self, p: TableSource) -> None:
        """Read the tables that hang off services, locations and service_at_location rows."""
        self.addresses: dict[str, list[Row]] = defaultdict(list)
        for row in self._split_ids(p.rows(*TABLES["addresses"]), ("location_id",)):
            if linked := self._attached(row, ("location_id",), "address"):
                self.addresses[linked.get("location_id")].append(linked)
        # Phones and schedules hang off the most specific row they name.
        self.phones: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in self._split_ids(p.rows("phones.csv"), _PHONE_LINKS):
            if linked := self._phone_attached(row):
                self.phones[_owner(linked, with_organization=True)].append(linked)
        self.schedules: dict[tuple[str, str], list[Row]] = defaultdict(list)
        links = ("service_at_location_id", "service_id", "location_id")
        for row in self._split_ids(p.rows(*TABLES["schedules"]), links):
            if linked := self._attached(row, links, "opening"):
                self.schedules[_owner(linked)].append(linked)
        self.notes.holiday_hours(p.rows("holiday_schedules.csv"))
        self.languages: dict[tuple[str, ...], list[Row]] = defaultdict(list)
        for row in self._split_ids(p.rows("languages.csv"), ("service_id", "location_id")):
            if not (row.get("service_id") or row.get("location_id")) and row.get("phone_id"):
                self.notes.group(
                    row,
                    "phone_id",
                    "The languages of phone lines on {lines} were not imported: give languages "
                    "with service_id (and location_id) to have them matched.",
                )
            elif linked := self._attached(row, ("service_id", "location_id"), "language"):
                service_id, location_id = linked.get("service_id"), linked.get("location_id")
                key = (
                    ("service", service_id, location_id)
                    if service_id
                    else ("location", location_id)
                )
                self.languages[key].append(linked)
        self.by_service: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for table in ("service_areas", "cost_options", "required_documents", "eligibility"):
            for row in self._split_ids(p.rows(*TABLES[table]), ("service_id",)):
                if linked := self._attached(row, ("service_id",), _WHAT[table]):
                    self.by_service[table][linked.get("service_id")].append(linked)
        self.accessibility: dict[str, list[Row]] = defaultdict(list)
        for row in self._split_ids(p.rows(*TABLES["accessibility"]), ("location_id",)):
            if linked := self._attached(row, ("location_id",), "accessibility feature"):
                self.accessibility[linked.get("location_id")].append(linked)
        self._read_taxonomy(p)

    def _attached(self, row: Row, columns: Sequence[str], what: str) -> Row | None:
        """Return the row if it names a service, location... that exists, else None.

        Rows that name none that exists are warned about (orphans). An id that does not
        exist beside one that does is warned about and blanked in the row returned, so that
        the row hangs off the one that does. Rows of services or locations that are rejected
        are accounted for by that rejection.
        """
        if row.extra:
            self.notes.warn(
                row,
                None,
                ",".join(row.extra),
                f"the row has {len(row.extra)} more value(s) than the header has columns, so "
                f"this {what} was not imported. Put quotes around values holding commas.",
            )
            return None
        given = [(c, row.get(c)) for c in columns if row.get(c)]
        if not given:
            self.notes.warn(
                row,
                columns[0],
                "",
                f"the row names no {' or '.join(columns)}, so this {what} belongs to nothing "
                "and was not imported. Fill in the id of what it belongs to.",
            )
            return None
        missing = [(c, v) for c, v in given if not self._exists(c, v)]
        if len(missing) == len(given):
            column, value = given[0]
            self.notes.warn(
                row, column, value, f"{unknown_id(column, value)} This {what} was not imported."
            )
            return None
        kept = ", ".join(c for c, v in given if (c, v) not in missing)
        for column, value in missing:
            self.notes.warn(
                row,
                column,
                value,
                f"{unknown_id(column, value)} This {what} was linked through {kept} only.",
            )
        if not missing:
            return row
        blanked = {column: "" for column, _ in missing}
        return dataclasses.replace(row, cells={**row.cells, **blanked})

    def _exists(self, column: str, value: str) -> bool:
        if column == "service_id":
            return value in self.service_by_id
        if column == "location_id":
            return value in self.location_by_id
        if column == "service_at_location_id":
            return value in self.sal_ids
        if column == "organization_id":
            return value in self.org_by_id
        return False

    def _phone_attached(self, row: Row) -> Row | None:
        links = _PHONE_LINKS
        # HSDS 3.0 calls the column "type"; 1.1 and 2.0 "number_type".
        type_column = "type" if row.get("type") else "number_type"
        if self.notes.phone_left_out(row, type_column, links):
            return None
        return self._attached(row, links, "phone")

    def _read_taxonomy(self, p: TableSource) -> None:
        """Index taxonomy terms and the attributes that link them to services."""
        taxonomies = {r.get("id"): r.get("name") for r in p.rows("taxonomies.csv")}
        self.term_by_id: dict[str, Row] = {}
        self.term_taxonomy: dict[str, str] = {}
        for row in p.rows("taxonomy_terms.csv", "taxonomy.csv"):
            if key := row.get("id"):
                self.term_by_id.setdefault(key, row)
                self.term_taxonomy[key] = (
                    taxonomies.get(row.get("taxonomy_id"))
                    or row.get("taxonomy")
                    or row.get("vocabulary")
                )
        self.attributes: dict[str, list[tuple[Row, Row]]] = defaultdict(list)
        for row in p.rows(*TABLES["attributes"]):
            link = row.get("link_id") or row.get("service_id")
            term_id = row.get("taxonomy_term_id") or row.get("taxonomy_id")
            known = (
                link in self.service_by_id
                or link in self.sal_ids
                or link in self.location_by_id
                or link in self.org_by_id
            )
            column = (
                "service_id" if row.get("service_id") and not row.get("link_id") else "link_id"
            )
            if not known:
                self.notes.warn(
                    row,
                    column,
                    link,
                    f'"{link}" is not the id of a service, location, organization or '
                    "service_at_location row, so this attribute was not imported: correct "
                    f"{column}, or delete the row.",
                )
            elif term_id not in self.term_by_id:
                self.notes.warn(
                    row,
                    "taxonomy_id" if row.get("taxonomy_id") else "taxonomy_term_id",
                    term_id,
                    f'"{term_id}" is not a term in the package\'s taxonomy table, so this '
                    "category was not imported: add the term, or correct the id.",
                )
            else:
                self.attributes[link].append((row, self.term_by_id[term_id]))


def unknown_id(column: str, value: str) -> str:
    """Say that an id is not in the table it names, and how to fix it."""
    table = _TABLE_OF.get(column, "its table")
    parts = split_commas(value)
    if len(parts) > 1:
        return (
            f'"{value}" names {len(parts)} ids in one cell: give each its own row, with one '
            f"id in {column}."
        )
    return f'"{value}" is not an id in {table}: add it there, or correct {column}.'


_WHAT = {
    "service_areas": "service area",
    "cost_options": "cost option",
    "required_documents": "required document",
    "eligibility": "eligibility rule",
}
_TABLE_OF = {
    "service_id": "services.csv",
    "location_id": "locations.csv",
    "service_at_location_id": "service_at_location.csv",
    "organization_id": "organizations.csv",
}


def _owner(row: Row, *, with_organization: bool = False) -> tuple[str, str]:
    """Return the most specific row a phone or schedule row names: ("sal", id) and so on."""
    if sal_id := row.get("service_at_location_id"):
        return "sal", sal_id
    if service_id := row.get("service_id"):
        return "service", service_id
    if (location_id := row.get("location_id")) or not with_organization:
        return "location", location_id
    return "organization", row.get("organization_id")
