"""Read the CSV export of an Ohana API directory (Code for America's, HSDS 1.0 era).

Ohana hangs every service off one location (``services.location_id``); the location names
its organization. Lists (languages, keywords, service areas, taxonomy codes, accessibility)
are comma-separated in one cell. One resource is made per row of ``services.csv``, so
``report.total_rows`` counts those rows and ``imported + rejected_rows == total_rows``. The
other files are joined onto them; their rows that cannot be (a phone whose location is
missing, a number that cannot be dialled) are reported as warnings at their own line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from referral_match.errors import SourceError
from referral_match.hsds.fields import (
    TermMapper,
    cost_from_text,
    humanize,
    merge_areas,
    read_address,
    read_area,
    read_email,
    read_languages,
    read_phone,
    read_schedule,
    split_commas,
)
from referral_match.hsds.package_files import (
    Package,
    ProgressCallback,
    Row,
    header_columns,
    open_package,
)
from referral_match.hsds.read import unknown_id
from referral_match.hsds.row_problems import (
    Causes,
    Notes,
    RowProblem,
    extra_problem,
    location_problems,
    placed_by_address,
)
from referral_match.model import (
    ORGANIZATION_NOT_LISTED,
    Address,
    Cost,
    Eligibility,
    Resource,
    ServiceArea,
    Status,
)
from referral_match.report import ImportReport
from referral_match.sources import fields as parse
from referral_match.sources.schemas import stable_id
from referral_match.taxonomy import Taxonomy

__all__ = ["is_ohana_folder", "read_ohana"]

_NOT_KEPT = {
    "contacts.csv": "referral-match keeps no named contacts",
    "programs.csv": "programs are not kept (their services are read)",
}
_NONE = {"none", "none.", "n/a", "na", "no", "-"}


def is_ohana_folder(folder: Path) -> bool:
    """Return True if a folder holds an Ohana export: services.csv with a location_id column."""
    services = next((p for p in folder.iterdir() if p.name.lower() == "services.csv"), None)
    if services is None:
        return False
    columns = header_columns(services)
    return "location_id" in columns and "organization_id" not in columns


class _OhanaJoin:
    """Index the files of one Ohana export and build its resources."""

    def __init__(self, package: Package, report: ImportReport, taxonomy: Taxonomy) -> None:
        self.report = report
        self.notes = Notes(report)
        self.terms = TermMapper(taxonomy, self.notes)
        self.causes = Causes()
        p = package
        self.services = p.rows("services.csv", required=True)
        self.locations = _by_id(p.rows("locations.csv"), self.notes, "location")
        self.organizations = _by_id(p.rows("organizations.csv"), self.notes, "organization")
        self.addresses = self._by_location(p.rows("addresses.csv"), "address")
        self.mail_addresses = self._by_location(p.rows("mail_addresses.csv"), "mail address")
        self.taxonomy_names = {r.get("taxonomy_id"): r.get("name") for r in p.rows("taxonomy.csv")}
        service_ids = {r.get("id") for r in self.services if r.get("id")}
        self.phones: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in p.rows("phones.csv"):
            self._file_phone(row, service_ids)
        self.schedules: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in p.rows("regular_schedules.csv"):
            key = self._owner(row, service_ids, "opening hours")
            if key is not None:
                self.schedules[key].append(row)
        self.notes.holiday_hours(p.rows("holiday_schedules.csv"))

    def _by_location(self, rows: list[Row], what: str) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            location_id = row.get("location_id")
            if location_id in self.locations:
                found[location_id].append(row)
            else:
                self.notes.warn(
                    row,
                    "location_id",
                    location_id,
                    f"{unknown_id('location_id', location_id)} This {what} was not imported.",
                )
        return found

    def _owner(self, row: Row, service_ids: set[str], what: str) -> tuple[str, str] | None:
        """Return ("service", id), ("location", id) or ("organization", id) for a row.

        The first id that exists wins; ids that do not exist are warned about, and a row
        naming none that exists is not imported.
        """
        given = [
            (column, kind, value, known)
            for column, kind, known in (
                ("service_id", "service", service_ids),
                ("location_id", "location", self.locations),
                ("organization_id", "organization", self.organizations),
            )
            if (value := row.get(column))
        ]
        found = next(((kind, value) for _, kind, value, known in given if value in known), None)
        for column, _, value, known in given:
            if value not in known:
                consequence = (
                    f"These {what} were not imported."
                    if found is None
                    else f"These {what} were linked through the {found[0]} only."
                )
                self.notes.warn(row, column, value, f"{unknown_id(column, value)} {consequence}")
        if not given:
            self.notes.warn(
                row,
                "location_id",
                "",
                f"the row names no service_id or location_id, so these {what} belong to "
                "nothing and were not imported. Fill in the id of what it belongs to.",
            )
        return found

    def _file_phone(self, row: Row, service_ids: set[str]) -> None:
        links = ("service_id", "location_id", "organization_id")
        if self.notes.phone_left_out(row, "number_type", links):
            return
        key = self._owner(row, service_ids, "phone numbers")
        if key is not None:
            self.phones[key].append(row)

    def resources(self) -> Iterator[tuple[str, int, Resource]]:
        """Yield a resource for every usable service row, rejecting the others."""
        seen: dict[str, int] = {}
        used_locations: set[str] = set()
        for service in self.services:
            self.report.total_rows += 1
            location_id = service.get("location_id")
            used_locations.add(location_id)
            problems = self._service_problems(service, seen)
            for problem in problems:
                self.report.reject(
                    service.file, service.line, problem.column, problem.value, problem.message
                )
            if problems:
                continue
            location = self.locations[location_id]
            causes = location_problems(location)
            for problem in causes:
                self.causes.reject(self.report, service, problem, "location_id", location_id)
            if not causes:
                for problem in self._org_problems(location):
                    self.notes.warn(
                        location,
                        problem.column,
                        problem.value,
                        f"{problem.message} Its services were imported under "
                        f'"{ORGANIZATION_NOT_LISTED}".',
                    )
                yield (
                    service.file,
                    service.line,
                    self._build(service, placed_by_address(location, self.notes)),
                )
        self.causes.flush(self.report)
        for location_id, row in self.locations.items():
            if location_id not in used_locations:
                self.notes.group(
                    row,
                    "id",
                    "The locations on {lines} were not imported: no service in services.csv "
                    "names them. Add their services, with location_id.",
                )
        self.notes.flush()

    def _service_problems(self, row: Row, seen: dict[str, int]) -> list[RowProblem]:
        found: list[RowProblem] = []
        if row.extra:
            found.append(extra_problem(row))
        key = row.get("id")
        if key in seen:
            found.append(
                RowProblem(
                    row,
                    "id",
                    key,
                    f'id "{key}" is already used on line {seen[key]}: give every service its '
                    "own id.",
                )
            )
        elif key:
            seen[key] = row.line
        if not row.get("name"):
            found.append(RowProblem(row, "name", "", "the service has no name: fill in name."))
        location_id = row.get("location_id")
        if not location_id:
            found.append(
                RowProblem(
                    row,
                    "location_id",
                    "",
                    "the service names no location: fill in location_id with an id from "
                    "locations.csv.",
                )
            )
        elif location_id not in self.locations:
            found.append(
                RowProblem(row, "location_id", location_id, unknown_id("location_id", location_id))
            )
        if status := row.get("status"):
            try:
                parse.parse_status(status)
            except ValueError as exc:
                found.append(RowProblem(row, "status", status, str(exc)))
        return found

    def _org_problems(self, location: Row) -> list[RowProblem]:
        org_id = location.get("organization_id")
        org = self.organizations.get(org_id)
        if org is None:
            message = (
                unknown_id("organization_id", org_id)
                if org_id
                else "the location names no organization: fill in organization_id."
            )
            return [RowProblem(location, "organization_id", org_id, message)]
        if not org.get("name"):
            return [
                RowProblem(
                    location,
                    "organization_id",
                    org_id,
                    f"organization {org_id} ({org.file} line {org.line}) has no name: fill in "
                    "its name.",
                )
            ]
        return []

    def _build(self, service: Row, location: Row) -> Resource:
        notes = self.notes
        location_id = location.get("id")
        org = self.organizations.get(location.get("organization_id")) or Row(
            location.file, location.line, {}
        )
        virtual = location.get("virtual").lower() == "true"
        address = self._address(location_id)
        state = address.state if address is not None else ""
        eligibility = [
            text
            for text in (service.get("eligibility"), service.get("audience"))
            if text and text.lower() not in _NONE
        ]
        areas: list[ServiceArea] = []
        for item in split_commas(service.get("service_areas")):
            area, kept = read_area(service, "service_areas", item, state, notes)
            areas.append(area)
            if kept:
                eligibility.append(f"Service area: {kept}")
        categories: list[str] = []
        keywords = split_commas(service.get("keywords"))
        for code in split_commas(service.get("taxonomy_ids")):
            mapping = self.terms.map(
                service, code, self.taxonomy_names.get(code, ""), "taxonomy_ids"
            )
            categories += [mapping.category] if mapping.category else []
            keywords += [mapping.keyword] if mapping.keyword else []
        language_row = service if service.get("languages") else location
        hours, hours_text = read_schedule(
            self.schedules.get(("service", service.get("id")))
            or self.schedules.get(("location", location_id), []),
            notes,
        )
        lat, lon = location.get("latitude"), location.get("longitude")
        fees = service.get("fees")
        status = service.get("status")
        return Resource(
            id=service.get("id") or _stable_id(org, service, location),
            service_id=service.get("id"),
            organization_id=org.get("id") or location.get("organization_id"),
            location_id=location_id,
            name=service.get("name"),
            organization=org.get("name") or ORGANIZATION_NOT_LISTED,
            description=service.get("description") or location.get("description"),
            categories=tuple(dict.fromkeys(categories)),
            keywords=tuple(dict.fromkeys(keywords)),
            status=parse.parse_status(status) if status else Status.ACTIVE,
            address=None if virtual else address,
            latitude=parse.parse_latitude(lat) if lat else None,
            longitude=parse.parse_longitude(lon) if lon else None,
            geocoded_from="given" if lat else "",
            phones=self._phones(service, location, org),
            email=self._first_valid("email", service, location, org),
            website=self._first_valid("website", service, location, org),
            hours=hours,
            hours_text=hours_text,
            languages=tuple(
                dict.fromkeys(
                    read_languages(
                        language_row,
                        "languages",
                        split_commas(language_row.get("languages")),
                        notes,
                    )
                )
            ),
            eligibility=Eligibility(text="\n".join(dict.fromkeys(eligibility))),
            cost=cost_from_text(fees) if fees else Cost.UNKNOWN,
            fees=fees,
            service_area=merge_areas(areas),
            application_process=service.get("application_process"),
            required_documents=tuple(split_commas(service.get("required_documents"))),
            accessibility=tuple(
                dict.fromkeys(humanize(a) for a in split_commas(location.get("accessibility")))
            ),
        )

    def _address(self, location_id: str) -> Address | None:
        street = self.addresses.get(location_id, [])
        mail = self.mail_addresses.get(location_id, [])
        rows = street or mail
        for unused in mail if street else []:
            self.notes.group(
                unused,
                "location_id",
                "The mail addresses on {lines} were not imported: the location's street "
                "address is the one shown and placed on the map.",
            )
        for extra in rows[1:]:
            self.notes.warn(
                extra,
                "location_id",
                location_id,
                f"location {location_id} has another address on line {rows[0].line}, which "
                "was used; this one was not imported.",
            )
        return read_address(rows[0], self.notes) if rows else None

    def _phones(self, service: Row, location: Row, org: Row) -> tuple[str, ...]:
        rows = self.phones.get(("service", service.get("id")), []) + self.phones.get(
            ("location", location.get("id")), []
        )
        rows = rows or self.phones.get(("organization", org.get("id")), [])
        numbers = (read_phone(row, self.notes) for row in rows)
        return tuple(dict.fromkeys(n for n in numbers if n))

    def _first_valid(self, column: str, *rows: Row) -> str:
        """Return the first valid email (or website) of the service, location or org."""
        for row in rows:
            if column == "email":
                if email := read_email(row, column, self.notes):
                    return email
            elif text := row.get(column):
                try:
                    return parse.parse_website(text)
                except ValueError as exc:
                    self.notes.warn(row, column, text, f"{exc} It was not imported.")
        return ""


def _stable_id(org: Row, service: Row, location: Row) -> str:
    """Return an id for a service row without one, the same on every import."""
    return stable_id("ohana", org.get("name"), service.get("name"), location.get("id"))


def _by_id(rows: list[Row], notes: Notes, what: str) -> dict[str, Row]:
    """Index rows by id; a repeated id keeps its first row and the others are warned about."""
    found: dict[str, Row] = {}
    for row in rows:
        key = row.get("id")
        if key in found:
            notes.warn(
                row,
                "id",
                key,
                f'id "{key}" is already used on line {found[key].line}: the {what} on that '
                "line was used and this row was not. Give every row its own id.",
            )
        elif key:
            found[key] = row
    return found


def read_ohana(
    folder: Path,
    report: ImportReport,
    taxonomy: Taxonomy,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Yield (file, line, resource) for each usable service row of an Ohana CSV export.

    ``folder`` is the export's folder or a zip of it. Every row that cannot be used is
    recorded in ``report``. Raises SourceError when the folder has no services.csv.
    """
    with open_package(folder) as root:
        package = Package(root, report, progress)
        if not package.has("services.csv"):
            raise SourceError(
                f"{folder.name} has no services.csv, so it is not an Ohana export: an Ohana "
                "folder holds services.csv, locations.csv and organizations.csv.",
                file=folder.name,
            )
        join = _OhanaJoin(package, report, taxonomy)
        package.warn_unread(_NOT_KEPT)
        yield from join.resources()
