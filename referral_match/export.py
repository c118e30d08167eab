"""Write resources as an Open Referral HSDS 3.0 tabular data package.

``export_hsds`` writes one CSV per HSDS table, with the table's columns in the order of the
official ``datapackage.json``, plus a ``datapackage.json`` describing them. Reading the
package back with ``read_hsds`` gives the same resources:

* Each resource at a location is a ``service_at_location`` row; a resource without one is a
  service of its own. Resources of one service that differ in what HSDS keeps per service
  (name, description, eligibility, cost, service area...) become services of their own, and
  resources of one location that differ in address or accessibility, locations of their own.
* HSDS ids are UUIDs. Ids that are UUIDs are written as they are; the others are replaced by
  UUIDs derived from them (the same on every export), and the original is kept in an
  ``attributes`` row of the ``referral-match ids`` taxonomy, from which an import restores it.
* Categories are ``attributes`` linking services to ``taxonomy_terms`` of our taxonomy (Open
  Eligibility codes); keywords, genders, populations and income limits are terms of the
  ``referral-match keywords`` and ``referral-match eligibility`` taxonomies.
* Coordinates are written when they came with the data (or from a street-address geocoder):
  a ZIP code's centre is not the place of the service, and an import finds it again.
* Text that starts with ``=``, ``+``, ``-`` or ``@`` is written behind a single quote, so that
  a spreadsheet shows it rather than running it as a formula; numbers (``-122.21``) are not
  touched, and the HSDS readers take the quote off again.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from referral_match.fields import language_name
from referral_match.hsds import (
    ELIGIBILITY_TAXONOMY,
    FORMULA_PREFIXES,
    IDS_TAXONOMY,
    KEYWORDS_TAXONOMY,
)
from referral_match.model import Cost, Resource, ServiceArea
from referral_match.schedule import WeeklySchedule
from referral_match.taxonomy import Taxonomy, default_taxonomy

__all__ = ["HSDS_TABLES", "export_hsds", "hsds_service", "neutralise"]

#: Our namespace for the UUIDs made from ids that are not UUIDs.
_NAMESPACE = uuid.UUID("6f1c3c52-4d0e-5b8a-9a51-2f3c1e0b7d11")

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
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SERVICE_FIELDS = (
    "name",
    "organization_id",
    "organization",
    "description",
    "categories",
    "keywords",
    "status",
    "email",
    "website",
    "eligibility",
    "cost",
    "fees",
    "service_area",
    "application_process",
    "required_documents",
    "last_verified",
)
_PRECISE = ("given", "address")


def neutralise(value: str) -> str:
    """Put a single quote before text a spreadsheet would run as a formula (=, +, -, @)."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _derived(*parts: str) -> str:
    """Return a UUID made from these parts, the same on every export (a version 5 UUID)."""
    # uuid.uuid5, without building UUID objects: an export makes millions of these.
    digest = bytearray(hashlib.sha1(_NAMESPACE.bytes + "|".join(parts).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _hhmm_ss(minutes: int) -> str:
    # HSDS writes "open until midnight" as 23:59; 24:00 is not a time of day.
    minutes = min(minutes, 1439) if minutes == 1440 else minutes
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


class _Ids:
    """Hand out HSDS ids for our ids: the id itself when it is a UUID, else a derived UUID.

    The same (kind, id) can need several HSDS rows when resources disagree about it (one
    service_id with two descriptions): each variant gets its own UUID.
    """

    def __init__(self) -> None:
        self._variants: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)

    def get(self, kind: str, our_id: str, variant: str = "") -> str:
        variants = self._variants[(kind, our_id)]
        if variant not in variants:
            if not variants and our_id and _is_uuid(our_id):
                variants[variant] = our_id
            else:
                variants[variant] = _derived(kind, our_id, str(len(variants)))
        return variants[variant]


class _Writer:
    """Collect the rows of every table, then write them."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in HSDS_TABLES}
        self.ids = _Ids()
        self.written: set[tuple[str, str]] = set()
        self.terms: dict[tuple[str, str], str] = {}

    def add(self, table: str, row: dict[str, Any]) -> None:
        """Add a row once (rows are keyed by table and id)."""
        if (table, row["id"]) not in self.written:
            self.written.add((table, row["id"]))
            self.tables[table].append(row)

    def our_id(self, entity: str, hsds_id: str, code: str, our_id: str) -> None:
        """Keep an id of ours that differs from its HSDS id, in an ids-taxonomy attribute."""
        if our_id != hsds_id:
            term = self.term(IDS_TAXONOMY, code, code, f"The referral-match {code} of the row.")
            self.attribute(entity, hsds_id, term, "identifier", our_id)

    def term(self, taxonomy: str, code: str, name: str, description: str, parent: str = "") -> str:
        """Add a taxonomy term (and its taxonomy) and return its id."""
        key = (taxonomy, code or name)
        if key in self.terms:
            return self.terms[key]
        taxonomy_id = _derived("taxonomy", taxonomy)
        self.add(
            "taxonomy",
            {"id": taxonomy_id, "name": taxonomy, "description": _TAXONOMY_TEXT[taxonomy]},
        )
        term_id = _derived("term", taxonomy, code or name)
        self.add(
            "taxonomy_term",
            {
                "id": term_id,
                "code": code,
                "name": name,
                "description": description or name,
                "parent_id": parent,
                "taxonomy": taxonomy,
                "taxonomy_id": taxonomy_id,
            },
        )
        self.terms[key] = term_id
        return term_id

    def category(self, code: str) -> str:
        """Add our taxonomy's term for a code (and its ancestors) and return its id."""
        term = self.taxonomy.get(code)
        if term is None:  # a code the taxonomy lost since import: keep it as written
            return self.term(_CATEGORIES, code, code, code)
        parent = self.category(term.parent) if term.parent else ""
        return self.term(_CATEGORIES, term.code, term.name, term.description, parent)

    def attribute(
        self, entity: str, link: str, term: str, link_type: str, value: str = ""
    ) -> None:
        """Link a row to a taxonomy term."""
        self.add(
            "attribute",
            {
                "id": _derived("attribute", link, term),
                "link_id": link,
                "taxonomy_term_id": term,
                "link_type": link_type,
                "link_entity": entity,
                "value": value,
            },
        )

    # Entities --------------------------------------------------------------------------------

    def organization(self, r: Resource) -> str:
        org_id = self.ids.get("organization", r.organization_id, r.organization)
        if ("organization", org_id) not in self.written:
            self.add(
                "organization",
                {"id": org_id, "name": r.organization, "description": r.organization},
            )
            self.our_id("organization", org_id, "organization_id", r.organization_id)
        return org_id

    def service(self, r: Resource, org_id: str, own: bool) -> str:
        """Add the service row of a resource (its own when it has no location)."""
        data = r.to_dict()
        signature = json.dumps([data[f] for f in _SERVICE_FIELDS], sort_keys=True, default=str)
        variant = f"own:{r.id}" if own else signature
        service_id = self.ids.get("service", r.service_id or r.id, variant)
        if ("service", service_id) in self.written:
            return service_id
        el = r.eligibility
        self.add(
            "service",
            {
                "id": service_id,
                "organization_id": org_id,
                "name": r.name,
                "description": r.description,
                "url": r.website,
                "email": r.email,
                "status": r.status.value,
                "application_process": r.application_process,
                "fees_description": r.fees,
                "eligibility_description": el.text,
                "minimum_age": el.min_age,
                "maximum_age": el.max_age,
                "assured_date": r.last_verified.isoformat() if r.last_verified else "",
            },
        )
        self.our_id("service", service_id, "service_id", r.service_id)
        for code in r.categories:
            self.attribute("service", service_id, self.category(code), "category")
        for word in r.keywords:
            term = self.term(KEYWORDS_TAXONOMY, "", word, word)
            self.attribute("service", service_id, term, "keyword")
        self._eligibility(service_id, r)
        self._cost(service_id, r)
        for number, name in enumerate(self._areas(r.service_area)):
            self.add(
                "service_area",
                {
                    "id": _derived("area", service_id, str(number)),
                    "service_id": service_id,
                    "name": name,
                },
            )
        for number, document in enumerate(r.required_documents):
            self.add(
                "required_document",
                {
                    "id": _derived("document", service_id, str(number)),
                    "service_id": service_id,
                    "document": document,
                },
            )
        return service_id

    def _eligibility(self, service_id: str, r: Resource) -> None:
        el = r.eligibility
        codes = [f"gender:{g}" for g in el.genders] + [f"population:{p}" for p in el.populations]
        for code in codes:
            term = self.term(ELIGIBILITY_TAXONOMY, code, code.partition(":")[2], code)
            self.attribute("service", service_id, term, "eligibility")
        if el.income_limit_fpl is not None:
            term = self.term(
                ELIGIBILITY_TAXONOMY,
                "income_limit_fpl",
                "income limit",
                "Highest household income served, as a percent of the federal poverty guideline.",
            )
            self.attribute("service", service_id, term, "eligibility", str(el.income_limit_fpl))

    def _cost(self, service_id: str, r: Resource) -> None:
        if r.cost is Cost.UNKNOWN:
            return
        self.add(
            "cost_option",
            {
                "id": _derived("cost", service_id),
                "service_id": service_id,
                "option": r.cost.value,
                "currency": "USD" if r.cost is Cost.FREE else "",
                "amount": 0 if r.cost is Cost.FREE else "",
            },
        )

    def _areas(self, area: ServiceArea) -> list[str]:
        names: list[str] = ["national"] if area.national else []
        names += list(area.states) + list(area.zips)
        # Keys hold folded names ("east palo alto|CA"); written in title case, they read back
        # to the same keys.
        for key in area.cities:
            city, state = key.split("|")
            names.append(f"{city.title()}, {state}")
        for key in area.counties:
            county, state = key.split("|")
            word = {"LA": "Parish", "AK": "Borough"}.get(state, "County")
            names.append(f"{county.title()} {word}, {state}")
        return names

    def location(self, r: Resource, org_id: str) -> str:
        precise = r.geocoded_from in _PRECISE and r.latitude is not None
        address = None if r.address is None else r.address.one_line()
        signature = json.dumps(
            [address, precise and [r.latitude, r.longitude], list(r.accessibility)]
        )
        location_id = self.ids.get("location", r.location_id or r.id, signature)
        if ("location", location_id) in self.written:
            return location_id
        self.add(
            "location",
            {
                "id": location_id,
                "location_type": "physical" if r.address is not None or precise else "virtual",
                "organization_id": org_id,
                "name": r.organization,
                "latitude": r.latitude if precise else "",
                "longitude": r.longitude if precise else "",
            },
        )
        self.our_id("location", location_id, "location_id", r.location_id)
        if r.address is not None:
            a = r.address
            self.add(
                "address",
                {
                    "id": _derived("address", location_id),
                    "location_id": location_id,
                    "address_1": a.street,
                    "city": a.city,
                    "state_province": a.state,
                    "postal_code": a.postal_code,
                    "country": "US",
                    "address_type": "physical",
                },
            )
        for number, feature in enumerate(r.accessibility):
            self.add(
                "accessibility",
                {
                    "id": _derived("access", location_id, str(number)),
                    "location_id": location_id,
                    "description": feature,
                },
            )
        return location_id

    def resource(self, r: Resource) -> None:
        """Add every row one resource needs."""
        org_id = self.organization(r)
        # Accessibility belongs to locations in HSDS: a hotline that has some gets a virtual one.
        located = bool(
            r.location_id
            or r.address is not None
            or r.geocoded_from in _PRECISE
            or r.accessibility
        )
        service_id = self.service(r, org_id, own=not located)
        if located:
            location_id = self.location(r, org_id)
            sal_id = self.ids.get("service_at_location", r.id)
            self.add(
                "service_at_location",
                {"id": sal_id, "service_id": service_id, "location_id": location_id},
            )
            self.our_id("service_at_location", sal_id, "id", r.id)
            link = {"service_at_location_id": sal_id}
        else:
            location_id, sal_id = "", ""
            self.our_id("service", service_id, "id", r.id)
            link = {"service_id": service_id}
        owner = sal_id or service_id
        for number, phone in enumerate(r.phones):
            digits, _, extension = phone.partition(" ext. ")
            self.add(
                "phone",
                {
                    "id": _derived("phone", owner, str(number)),
                    **link,
                    "number": digits,
                    "extension": extension,
                    "type": "voice",
                },
            )
        for number, code in enumerate(r.languages):
            self.add(
                "language",
                {
                    "id": _derived("language", owner, str(number)),
                    "service_id": service_id,
                    "location_id": location_id,
                    "name": language_name(code),
                    "code": code,
                },
            )
        self._schedule(owner, link, r.hours, r.hours_text)

    def _schedule(
        self, owner: str, link: dict[str, str], hours: WeeklySchedule | None, text: str
    ) -> None:
        """Write weekly hours as RRULE-style rows: one per opening time, with its days."""
        groups: dict[tuple[int, int], list[int]] = {}
        for interval in hours.intervals if hours is not None else ():
            groups.setdefault((interval.opens, interval.closes), []).append(interval.day)
        description = text or (hours.to_text() if hours is not None and not groups else "")
        rows = [
            {
                "freq": "WEEKLY",
                "byday": ",".join(_DAY_CODES[d] for d in days),
                "opens_at": _hhmm_ss(opens),
                "closes_at": _hhmm_ss(closes),
            }
            for (opens, closes), days in groups.items()
        ]
        if not rows and description:
            rows = [{}]
        for number, row in enumerate(rows):
            row_id = _derived("schedule", owner, str(number))
            self.add("schedule", {"id": row_id, **link, **row, "description": description})

    # Writing ---------------------------------------------------------------------------------

    def write(self, outdir: Path) -> dict[str, int]:
        outdir.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        for table, (file, columns) in HSDS_TABLES.items():
            _write_csv(outdir / file, columns, self.tables[table])
            counts[file] = len(self.tables[table])
        _atomic_write(outdir / "datapackage.json", json.dumps(_descriptor(), indent=2) + "\n")
        return counts


_CATEGORIES = "Open Eligibility (referral-match)"
_TAXONOMY_TEXT = {
    _CATEGORIES: "The need taxonomy of referral-match (data/taxonomy.csv), whose codes are "
    "Open Eligibility's at the top two levels.",
    KEYWORDS_TAXONOMY: "Free words that clients and case managers use for a service.",
    ELIGIBILITY_TAXONOMY: "Who a service is limited to: genders, population groups, and the "
    "highest income served as a percent of the federal poverty guideline.",
    IDS_TAXONOMY: "The ids rows have in referral-match, where they are not UUIDs.",
}


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


def export_hsds(
    resources: Iterable[Resource], outdir: Path, *, taxonomy: Taxonomy | None = None
) -> dict[str, int]:
    """Write resources as an HSDS 3.0 tabular package in outdir; return rows per file.

    Each file is written beside its final name and moved into place when complete, so an
    interrupted export never leaves half a file. Files of outdir that are not part of the
    package are left alone.
    """
    writer = _Writer(taxonomy or default_taxonomy())
    for resource in resources:
        writer.resource(resource)
    return writer.write(Path(outdir))


def hsds_service(resource: Resource, *, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """Return one resource as an HSDS 3.0 service object (the API's ``/services/<id>``).

    The service carries its organization, phones, schedules, service areas, languages, cost
    options, required documents, attributes and, when it has a place, its
    service_at_location with the location and its addresses, as the HSDS API nests them.
    """
    writer = _Writer(taxonomy or default_taxonomy())
    writer.resource(resource)
    t = writer.tables

    def clean(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if v not in (None, "")}

    def children(table: str, key: str, value: str) -> list[dict[str, Any]]:
        return [clean(r) for r in t[table] if r.get(key) == value]

    def with_attributes(row: dict[str, Any], entity_id: str) -> dict[str, Any]:
        attributes = children("attribute", "link_id", entity_id)
        for attribute in attributes:
            term = next(
                (x for x in t["taxonomy_term"] if x["id"] == attribute.get("taxonomy_term_id")),
                None,
            )
            if term is not None:
                attribute["taxonomy_term"] = clean(term)
        return {**row, "attributes": attributes} if attributes else row

    service = clean(t["service"][0])
    sid = service["id"]
    nested = dict(service)
    for table, plural in (
        ("phone", "phones"),
        ("schedule", "schedules"),
        ("service_area", "service_areas"),
        ("language", "languages"),
        ("cost_option", "cost_options"),
        ("required_document", "required_documents"),
    ):
        rows = children(table, "service_id", sid)
        if rows:
            nested[plural] = rows
    organization = next(
        (clean(o) for o in t["organization"] if o["id"] == service.get("organization_id")), None
    )
    if organization is not None:
        nested["organization"] = organization
    places = []
    for link in children("service_at_location", "service_id", sid):
        location = next(
            (clean(x) for x in t["location"] if x["id"] == link.get("location_id")), None
        )
        if location is not None:
            addresses = children("address", "location_id", location["id"])
            if addresses:
                location["addresses"] = addresses
            link["location"] = location
        places.append(link)
    if places:
        nested["service_at_locations"] = places
    return with_attributes(nested, sid)
