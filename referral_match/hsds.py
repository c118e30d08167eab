"""Read Open Referral HSDS tabular packages (3.0, 2.0 and 1.1) into resources.

A package is a folder (or a zip file) of CSV files, one per table, joined by ids. One resource
is made per ``service_at_location`` row, and one per service that no such row names (a
hotline, an online service). The other tables are joined onto them; see README, "Open
Referral (HSDS) and Ohana".

This module does the joining; ``ohana`` shares the rest with it. ``package_files`` finds and
reads the files, ``hsds_fields`` turns cells into our values, and ``row_problems`` warns about
rows and traces rejections to their cause.

Accounting, so that nothing is lost silently:

* ``report.total_rows`` counts the *resource rows*: the rows of ``service_at_location.csv``
  plus the rows of ``services.csv`` that no ``service_at_location`` row names. Each is either
  yielded (and then imported) or rejected at its own file and line, so that
  ``imported + rejected_rows == total_rows``.
* When a resource row is rejected because of a row of another file (a service whose
  organization is missing, a location at latitude 100), the rejection names that row, and
  the row itself gets a warning with its own file, line, column and value.
* Every other row is joined onto the resources, or reported as a warning saying why it was
  left out (a phone whose parent is missing, a number that cannot be dialled, a term that is
  not in our taxonomy is kept as a keyword). Files we do not read (contacts, funding...) get
  one warning each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from referral_match import fields as parse
from referral_match.errors import SourceError
from referral_match.hsds_fields import (
    TermMapper,
    TermMapping,
    combine_costs,
    cost_from_text,
    eligibility_words,
    hsds_time,
    humanize,
    merge_areas,
    read_address,
    read_area,
    read_email,
    read_languages,
    read_phone,
    read_schedule,
    split_commas,
    weekday,
    whole_number,
)
from referral_match.model import Address, Cost, Eligibility, Resource, Status
from referral_match.package_files import (
    FORMULA_PREFIXES,
    Package,
    ProgressCallback,
    Row,
    header_columns,
    is_package_zip,
    open_package,
)
from referral_match.report import ImportReport
from referral_match.row_problems import (
    Causes,
    Notes,
    RowProblem,
    extra_problem,
    location_problems,
)
from referral_match.schemas import stable_id
from referral_match.taxonomy import Taxonomy

__all__ = [
    "ELIGIBILITY_TAXONOMY",
    "FORMULA_PREFIXES",
    "IDS_TAXONOMY",
    "KEYWORDS_TAXONOMY",
    "cost_from_text",
    "hsds_time",
    "is_hsds_folder",
    "is_package_zip",
    "header_columns",
    "open_package",
    "read_hsds",
    "weekday",
]

#: The taxonomy our export files keywords under (they come back as keywords, not categories).
KEYWORDS_TAXONOMY = "referral-match keywords"
#: The taxonomy whose attributes carry our own ids when they are not UUIDs (see export.py).
IDS_TAXONOMY = "referral-match ids"
#: The taxonomy of the eligibility HSDS has no field for: genders, populations, income limit.
ELIGIBILITY_TAXONOMY = "referral-match eligibility"

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


_NOT_KEPT = {
    "contacts.csv": "referral-match keeps no named contacts",
    "funding.csv": "funding sources are not kept",
    "programs.csv": "programs are not kept (their services are read)",
    "metadata.csv": "change history is not kept",
    "meta_table_descriptions.csv": "table descriptions are not kept",
    "organization_identifiers.csv": "organization identifiers are not kept",
    "payments_accepted.csv": "accepted payments are not kept",
    "mail_addresses.csv": "mail addresses are not kept",
}


def is_hsds_folder(folder: Path) -> bool:
    """Return True if a folder looks like an HSDS package rather than an Ohana export.

    An HSDS package has a datapackage.json or a service_at_location table, or services
    that name their organization (Ohana's name their location instead).
    """
    names = {p.name.lower(): p for p in folder.iterdir()}
    if "datapackage.json" in names or any(name in names for name in _SAL_FILES):
        return True
    services = names.get("services.csv")
    return services is not None and "organization_id" in header_columns(services)


# The HSDS join ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tags:
    """What a service's taxonomy terms say: categories, keywords and eligibility."""

    categories: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    populations: list[str] = field(default_factory=list)
    income_limit_fpl: int | None = None

    def add_mapping(self, mapping: TermMapping) -> None:
        """Add the category and keyword a term maps to."""
        if mapping.category:
            self.categories.append(mapping.category)
        if mapping.keyword:
            self.keywords.append(mapping.keyword)

    def add_eligibility(self, code: str, attribute: Row, notes: Notes) -> None:
        """Read one term of our eligibility taxonomy: gender:X, population:X or an income limit."""
        kind, _, value = code.partition(":")
        try:
            if kind == "gender":
                self.genders += parse.parse_genders(value)
            elif kind == "population":
                self.populations += parse.parse_populations(value)
            elif kind == "income_limit_fpl":
                self.income_limit_fpl = parse.parse_fpl_percent(attribute.get("value"))
            else:
                raise ValueError(
                    f'"{code}" is not a term of the {ELIGIBILITY_TAXONOMY} taxonomy: use '
                    "gender:..., population:... or income_limit_fpl."
                )
        except ValueError as exc:
            notes.warn(
                attribute, "value", attribute.get("value") or code, f"{exc} It was not imported."
            )


class _Join:
    """Index the tables of one package and build its resources."""

    def __init__(self, package: Package, report: ImportReport, taxonomy: Taxonomy) -> None:
        self.report = report
        self.notes = Notes(report)
        self.terms = TermMapper(taxonomy, self.notes)
        p = package
        self.services = p.rows("services.csv", required=True)
        self.organizations = p.rows("organizations.csv")
        self.locations = p.rows("locations.csv")
        self.sal = p.rows(*_SAL_FILES)
        self.has_organizations = p.has("organizations.csv")
        #: Rows whose id an earlier row of the same file already has (by id(row)).
        self.duplicates: dict[int, Row] = {}
        self.service_by_id = self._index(self.services, "service")
        self.org_by_id = self._index(self.organizations, "organization")
        self.location_by_id = self._index(self.locations, "location")
        self.sal_ids = {r.get("id") for r in self.sal if r.get("id")}
        # A row naming several services ("89016,89006") is rejected; its services are not
        # taken for services without a location.
        self.named_services = {i for r in self.sal for i in split_commas(r.get("service_id"))}
        self.named_locations = {r.get("location_id") for r in self.sal if r.get("location_id")}
        self.causes = Causes()
        self._service_problems: dict[int, list[RowProblem]] = {}
        self._location_problems: dict[int, list[RowProblem]] = {}
        self._read_links(p)

    # Indexes ---------------------------------------------------------------------------------

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

    def _read_links(self, p: Package) -> None:
        """Read the tables that hang off services, locations and service_at_location rows."""
        self.addresses: dict[str, list[Row]] = defaultdict(list)
        for row in p.rows(*TABLES["addresses"]):
            if linked := self._attached(row, ("location_id",), "address"):
                self.addresses[linked.get("location_id")].append(linked)
        # Phones and schedules hang off the most specific row they name.
        self.phones: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in p.rows("phones.csv"):
            if linked := self._phone_attached(row):
                self.phones[_owner(linked, with_organization=True)].append(linked)
        self.schedules: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in p.rows(*TABLES["schedules"]):
            links = ("service_at_location_id", "service_id", "location_id")
            if linked := self._attached(row, links, "opening"):
                self.schedules[_owner(linked)].append(linked)
        for row in p.rows("holiday_schedules.csv"):
            self.notes.group(
                row,
                None,
                "The holiday hours on {lines} were not imported: referral-match keeps weekly "
                "hours only. Say holiday closures in the service's description.",
            )
        self.languages: dict[tuple[str, ...], list[Row]] = defaultdict(list)
        for row in p.rows("languages.csv"):
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
            for row in p.rows(*TABLES[table]):
                if linked := self._attached(row, ("service_id",), _WHAT[table]):
                    self.by_service[table][linked.get("service_id")].append(linked)
        self.accessibility: dict[str, list[Row]] = defaultdict(list)
        for row in p.rows(*TABLES["accessibility"]):
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
        return Row(row.file, row.line, {**row.cells, **blanked})

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
        if (row.get("type") or row.get("number_type")).lower() == "fax":
            self.notes.group(
                row,
                "type",
                "The fax numbers on {lines} were not imported: clients cannot call them.",
            )
            return None
        links = ("service_at_location_id", "service_id", "location_id", "organization_id")
        if not any(row.get(c) for c in links) and row.get("contact_id"):
            self.notes.group(
                row,
                "contact_id",
                "The phones of named contacts on {lines} were not imported: contacts are not "
                "kept. Link the number to its service or location to have it shown.",
            )
            return None
        return self._attached(row, links, "phone")

    def _read_taxonomy(self, p: Package) -> None:
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

    # Problems that stop a row from making resources -------------------------------------------

    def service_problems(self, row: Row) -> list[RowProblem]:
        """Return why a service row cannot be used (empty when it can)."""
        if id(row) in self._service_problems:
            return self._service_problems[id(row)]
        found: list[RowProblem] = []
        if row.extra:
            found.append(extra_problem(row))
        elif id(row) in self.duplicates:
            first = self.duplicates[id(row)]
            found.append(
                RowProblem(
                    row,
                    "id",
                    row.get("id"),
                    f'id "{row.get("id")}" is already used on line {first.line}: give every '
                    "service its own id.",
                )
            )
        if not row.get("name"):
            found.append(RowProblem(row, "name", "", "the service has no name: fill in name."))
        found += self._organization_problems(row)
        if status := row.get("status"):
            try:
                parse.parse_status(status)
            except ValueError as exc:
                found.append(RowProblem(row, "status", status, str(exc)))
        ages: list[int] = []
        for column in ("minimum_age", "maximum_age"):
            if text := row.get(column):
                try:
                    ages.append(parse.parse_age(whole_number(text)))
                except ValueError as exc:
                    found.append(RowProblem(row, column, text, str(exc)))
        if len(ages) == 2 and ages[0] > ages[1]:
            found.append(
                RowProblem(
                    row,
                    "maximum_age",
                    row.get("maximum_age"),
                    f"minimum_age {ages[0]} is above maximum_age {ages[1]}: swap them, or fix "
                    "the one that is wrong.",
                )
            )
        self._service_problems[id(row)] = found
        return found

    def _organization_problems(self, row: Row) -> list[RowProblem]:
        org_id = row.get("organization_id")
        if not org_id:
            return [
                RowProblem(
                    row,
                    "organization_id",
                    "",
                    "the service names no organization: fill in organization_id with an id "
                    "from organizations.csv.",
                )
            ]
        org = self.org_by_id.get(org_id)
        if org is None:
            where = (
                "organizations.csv"
                if self.has_organizations
                else "organizations.csv (which the package does not have)"
            )
            return [
                RowProblem(
                    row,
                    "organization_id",
                    org_id,
                    f'"{org_id}" is not an id in {where}: add the organization there, or '
                    "correct organization_id.",
                )
            ]
        if not org.get("name"):
            return [
                RowProblem(
                    row,
                    "organization_id",
                    org_id,
                    f"organization {org_id} ({org.file} line {org.line}) has no name: fill in "
                    "its name.",
                )
            ]
        return []

    def location_problems(self, row: Row) -> list[RowProblem]:
        """Return why a location row cannot be used (empty when it can)."""
        if id(row) not in self._location_problems:
            self._location_problems[id(row)] = location_problems(row)
        return self._location_problems[id(row)]

    def finish(self) -> None:
        """Warn at each row that caused rejections, naming the rows it cost."""
        self.causes.flush(self.report)
        for row in self.locations:
            org_id = row.get("organization_id")
            if org_id and org_id not in self.org_by_id:
                self.notes.group(
                    row,
                    "organization_id",
                    "The locations on {lines} name an organization that is not in "
                    "organizations.csv. Their services are listed under the services' own "
                    "organization; add the missing organizations, or correct organization_id.",
                )
        unused = [r for r in self.locations if r.get("id") not in self.named_locations]
        for row in unused:
            if id(row) not in self.duplicates:
                self.notes.group(
                    row,
                    "id",
                    "The locations on {lines} were not imported: no service_at_location row "
                    "names them. Add a row linking each to its services.",
                )
        self.notes.flush()

    # Resources -------------------------------------------------------------------------------

    def resources(self) -> Iterator[tuple[str, int, Resource]]:
        """Yield a resource for every usable resource row, rejecting the others."""
        for sal in self.sal:
            self.report.total_rows += 1
            resource = self._located(sal)
            if resource is not None:
                yield sal.file, sal.line, resource
        for service in self.services:
            key = service.get("id")
            if key in self.named_services and id(service) not in self.duplicates:
                continue
            self.report.total_rows += 1
            problems = self.service_problems(service)
            for problem in problems:
                self.report.reject(
                    service.file, service.line, problem.column, problem.value, problem.message
                )
            if not problems:
                yield service.file, service.line, self._build(service, None, None)
        self.finish()

    def _located(self, sal: Row) -> Resource | None:
        if sal.extra:
            problem = extra_problem(sal)
            self.report.reject(sal.file, sal.line, None, problem.value, problem.message)
            return None
        service_id, location_id = sal.get("service_id"), sal.get("location_id")
        rejected = False
        for column, value, table, index in (
            ("service_id", service_id, "services.csv", self.service_by_id),
            ("location_id", location_id, "locations.csv", self.location_by_id),
        ):
            if not value:
                self.report.reject(
                    sal.file,
                    sal.line,
                    column,
                    "",
                    f"the row names no {column[:-3]}: fill in {column} with an id from {table}.",
                )
                rejected = True
            elif value not in index:
                self.report.reject(sal.file, sal.line, column, value, unknown_id(column, value))
                rejected = True
        if rejected:
            return None
        service, location = self.service_by_id[service_id], self.location_by_id[location_id]
        problems = [(p, "service_id", service_id) for p in self.service_problems(service)]
        problems += [(p, "location_id", location_id) for p in self.location_problems(location)]
        for problem, column, value in problems:
            self.causes.reject(self.report, sal, problem, column, value)
        return None if problems else self._build(service, location, sal)

    def _build(self, service: Row, location: Row | None, sal: Row | None) -> Resource:
        """Join a usable service (at a usable location, if any) into a resource."""
        notes = self.notes
        service_id = service.get("id")
        location_id = location.get("id") if location is not None else ""
        org = self.org_by_id[service.get("organization_id")]
        ids = self._our_ids(service, location, sal, org)
        address = self._address(location_id) if location is not None else None
        state = address.state if address is not None else ""
        tags = self._terms(service, sal)
        eligibility_text = [service.get("eligibility_description"), service.get("eligibility")]
        genders = tuple(tags.genders)
        populations = tuple(tags.populations)
        for row in self.by_service["eligibility"].get(service_id, []):
            text = row.get("eligibility")
            found_genders, found_populations = eligibility_words(text)
            genders += found_genders
            populations += found_populations
            if not (found_genders or found_populations):
                eligibility_text.append(text)
        areas = []
        for row in self.by_service["service_areas"].get(service_id, []):
            column, text = row.first("name", "service_area", "description")
            if text:
                area, kept = read_area(row, column, text, state, notes)
                areas.append(area)
                if kept:
                    eligibility_text.append(f"Service area: {kept}")
        hours, hours_text = read_schedule(self._schedule_rows(service_id, location_id, sal), notes)
        description = service.get("description")
        if sal is not None and (extra := sal.get("description")) and extra != description:
            description = f"{description}\n\n{extra}".strip()
        lat, lon = (location.get("latitude"), location.get("longitude")) if location else ("", "")
        ages = [whole_number(service.get(c)) for c in ("minimum_age", "maximum_age")]
        cost, fees = self._cost(service)
        return Resource(
            id=ids[0],
            service_id=ids[1],
            organization_id=ids[2],
            location_id=ids[3],
            name=service.get("name"),
            organization=org.get("name"),
            description=description,
            categories=tuple(dict.fromkeys(tags.categories)),
            keywords=tuple(dict.fromkeys(tags.keywords)),
            status=parse.parse_status(service.get("status"))
            if service.get("status")
            else Status.ACTIVE,
            address=address,
            latitude=parse.parse_latitude(lat) if lat else None,
            longitude=parse.parse_longitude(lon) if lon else None,
            geocoded_from="given" if lat else "",
            phones=self._phones(service, location, sal, org),
            email=self._email(service, org),
            website=self._website(service, org),
            hours=hours,
            hours_text=hours_text,
            languages=self._languages(service_id, location_id),
            eligibility=Eligibility(
                min_age=parse.parse_age(ages[0]) if ages[0] else None,
                max_age=parse.parse_age(ages[1]) if ages[1] else None,
                genders=tuple(dict.fromkeys(genders)),
                populations=tuple(dict.fromkeys(populations)),
                income_limit_fpl=tags.income_limit_fpl,
                text="\n".join(dict.fromkeys(t for t in eligibility_text if t)),
            ),
            cost=cost,
            fees=fees,
            service_area=merge_areas(areas),
            application_process=service.get("application_process"),
            required_documents=tuple(
                dict.fromkeys(
                    r.get("document")
                    for r in self.by_service["required_documents"].get(service_id, [])
                    if r.get("document")
                )
            ),
            accessibility=tuple(
                dict.fromkeys(
                    humanize(r.first("description", "accessibility")[1])
                    for r in self.accessibility.get(location_id, [])
                    if r.first("description", "accessibility")[1]
                )
            ),
            last_verified=self._verified(service),
        )

    def _our_ids(
        self, service: Row, location: Row | None, sal: Row | None, org: Row
    ) -> tuple[str, str, str, str]:
        """Return (id, service_id, organization_id, location_id) of a resource.

        A resource at a location takes the service_at_location row's id (or one made from
        the service and location ids); a service without location takes the service's id.
        Ids that an export by referral-match replaced by UUIDs come back from its attributes.
        """
        service_id, org_id = service.get("id"), org.get("id")
        location_id = location.get("id") if location is not None else ""
        if sal is not None:
            resource_id = sal.get("id") or stable_id("hsds", service_id, location_id)
            resource_id = self._id_attribute(sal.get("id"), "id", resource_id)
        else:
            resource_id = service_id or stable_id(org.get("name"), service.get("name"))
            resource_id = self._id_attribute(service_id, "id", resource_id)
        return (
            resource_id,
            self._id_attribute(service_id, "service_id", service_id),
            self._id_attribute(org_id, "organization_id", org_id),
            self._id_attribute(location_id, "location_id", location_id),
        )

    def _id_attribute(self, link: str, code: str, default: str) -> str:
        """Return the id an attribute of our ids taxonomy gives a row, else ``default``."""
        for attribute, term in self.attributes.get(link, []) if link else []:
            taxonomy = self.term_taxonomy.get(term.get("id"))
            if taxonomy == IDS_TAXONOMY and term.get("code") == code:
                return attribute.get("value")
        return default

    def _terms(self, service: Row, sal: Row | None) -> _Tags:
        """Return what the terms linked to a service (or its row here) say about it."""
        tags = _Tags()
        links = self.attributes.get(service.get("id"), [])
        if sal is not None and sal.get("id"):
            links = links + self.attributes.get(sal.get("id"), [])
        for code in split_commas(service.get("taxonomy_ids")):
            if (term := self.term_by_id.get(code)) is not None:
                links = [*links, (service, term)]
            else:  # an Open Eligibility code or a name, written in the service row
                tags.add_mapping(self.terms.map(service, code, "", "taxonomy_ids"))
        for attribute, term in links:
            taxonomy = self.term_taxonomy.get(term.get("id"), "")
            name = term.first("name", "term")[1]
            code = term.get("code")
            if taxonomy == IDS_TAXONOMY:
                continue
            if taxonomy == KEYWORDS_TAXONOMY:
                tags.keywords.append(name)
                continue
            if taxonomy == ELIGIBILITY_TAXONOMY:
                tags.add_eligibility(code, attribute, self.notes)
                continue
            if not code and re.fullmatch(r"\d{3}(-\d{2})*", term.get("id")):
                code = term.get("id")  # HSDS 1.1 taxonomy.csv keyed by Open Eligibility code
            tags.add_mapping(self.terms.map(term, code, name))
        return tags

    def _address(self, location_id: str) -> Address | None:
        rows = self.addresses.get(location_id, [])
        physical = [r for r in rows if _address_kind(r) == "physical"]
        postal = [r for r in rows if _address_kind(r) == "postal"]
        chosen = physical or postal
        for unused in postal if physical else []:
            self.notes.group(
                unused,
                "address_type",
                "The postal addresses on {lines} were not imported: the location's physical "
                "address is the one shown and placed on the map.",
            )
        for extra in chosen[1:]:
            self.notes.warn(
                extra,
                "location_id",
                location_id,
                f"location {location_id} has another address of this kind on line "
                f"{chosen[0].line}, which was used; this one was not imported.",
            )
        return read_address(chosen[0], self.notes) if chosen else None

    def _schedule_rows(self, service_id: str, location_id: str, sal: Row | None) -> list[Row]:
        """Return the most specific schedule rows: of the service here, the service, the place."""
        at = self.schedules
        own = at.get(("sal", sal.get("id")), []) if sal is not None and sal.get("id") else []
        of_service = [
            r
            for r in at.get(("service", service_id), [])
            if r.get("location_id") in ("", location_id)
        ]
        return own or of_service or at.get(("location", location_id), [])

    def _phones(
        self, service: Row, location: Row | None, sal: Row | None, org: Row
    ) -> tuple[str, ...]:
        """Return the numbers of the service here, the service and the location, else the org's."""
        at = self.phones
        location_id = location.get("id") if location is not None else ""
        rows = at.get(("sal", sal.get("id")), []) if sal is not None and sal.get("id") else []
        rows = rows + [
            r
            for r in at.get(("service", service.get("id")), [])
            if r.get("location_id") in ("", location_id)
        ]
        rows += at.get(("location", location_id), []) if location_id else []
        rows = rows or at.get(("organization", org.get("id")), [])
        numbers = (read_phone(row, self.notes) for row in rows)
        return tuple(dict.fromkeys(n for n in numbers if n))

    def _languages(self, service_id: str, location_id: str) -> tuple[str, ...]:
        """Return the languages of the service here, of the service, else of the location."""
        at = self.languages
        rows = (
            (at.get(("service", service_id, location_id), []) if location_id else [])
            or at.get(("service", service_id, ""), [])
            or (at.get(("location", location_id), []) if location_id else [])
        )
        codes: list[str] = []
        for row in rows:
            column, value = row.first("code", "language", "name")
            values = split_commas(value) if column == "language" else [value]
            codes += read_languages(row, column, values, self.notes)
        return tuple(dict.fromkeys(codes))

    def _email(self, service: Row, org: Row) -> str:
        return read_email(service, "email", self.notes) or read_email(org, "email", self.notes)

    def _website(self, service: Row, org: Row) -> str:
        for row, column in ((service, "url"), (org, "website"), (org, "url")):
            if text := row.get(column):
                try:
                    return parse.parse_website(text)
                except ValueError as exc:
                    self.notes.warn(row, column, text, f"{exc} It was not imported.")
        return ""

    def _cost(self, service: Row) -> tuple[Cost, str]:
        """Return the cost from cost options (an amount of 0 is free), else the fee text."""
        costs: list[Cost] = []
        texts: list[str] = []
        for row in self.by_service["cost_options"].get(service.get("id"), []):
            amount = row.get("amount")
            option, detail = row.get("option"), row.get("amount_description")
            cost = Cost.UNKNOWN
            if amount:
                try:
                    cost = Cost.FREE if float(amount.lstrip("$£€")) == 0 else Cost.FEE
                except ValueError:
                    self.notes.warn(
                        row,
                        "amount",
                        amount,
                        f'"{amount}" is not an amount: write a number such as 0 or 12.50.',
                    )
            for text in (option, detail):
                if cost is Cost.UNKNOWN and text:
                    cost = cost_from_text(text)
            costs.append(cost)
            currency = row.get("currency").upper()
            price = f"{amount} {currency}".strip() if amount and cost is Cost.FEE else ""
            described = ": ".join(
                p for p in (option, ", ".join(q for q in (price, detail) if q)) if p
            )
            texts.append(described)
        fees = service.get("fees_description") or service.get("fees")
        if fees and service.get("fees") and service.get("fees") != fees:
            fees = f"{fees} {service.get('fees')}"
        if not fees:
            fees = "; ".join(
                t for t in texts if t and t.lower() not in ("free", "fee", "sliding scale")
            )
        if costs:
            return combine_costs(costs), fees
        return cost_from_text(fees) if fees else Cost.UNKNOWN, fees

    def _verified(self, service: Row) -> dt.date | None:
        if text := service.get("assured_date"):
            try:
                return parse.parse_date(text[:10])
            except ValueError as exc:
                self.notes.warn(service, "assured_date", text, f"{exc} It was not imported.")
        return None


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


def _address_kind(row: Row) -> str:
    kind = row.get("address_type").lower()
    if kind:
        return kind
    return "postal" if row.file.endswith("postal_addresses.csv") else "physical"


def read_hsds(
    folder: Path,
    report: ImportReport,
    taxonomy: Taxonomy,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Yield (file, line, resource) for each usable resource row of an HSDS package.

    ``folder`` is the package's folder or a zip of it. Every row that cannot be used, and
    every value that was left out, is recorded in ``report`` (see the module docstring for
    how rows are counted). Raises SourceError when the package has no services.csv.
    """
    with open_package(folder) as root:
        package = Package(root, report, progress)
        if not package.has("services.csv"):
            raise SourceError(
                f"{folder.name} has no services.csv, so it is not an HSDS package: an HSDS "
                "folder holds services.csv, organizations.csv, locations.csv and "
                "service_at_location.csv.",
                file=folder.name,
            )
        join = _Join(package, report, taxonomy)
        package.warn_unread(_NOT_KEPT)
        yield from join.resources()
