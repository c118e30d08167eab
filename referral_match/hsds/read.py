"""Read Open Referral HSDS tabular packages (3.0, 2.0 and 1.1) into resources.

A package is a folder (or a zip file) of CSV files, one per table, joined by ids. One resource
is made per ``service_at_location`` row, and one per service that no such row names (a
hotline, an online service). The other tables are joined onto them; see README, "Open
Referral (HSDS) and Ohana".

This module checks the resource rows and accounts for them: ``hsds_tables`` indexes the tables
and the rows linked to them, and ``hsds_records`` assembles a resource from the rows that join.
``ohana`` shares the rest with it: ``package_files`` finds and reads the files, ``hsds_fields``
turns cells into our values, and ``row_problems`` warns about rows and traces rejections to
their cause.

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

from collections.abc import Iterator
from pathlib import Path

from referral_match.errors import SourceError
from referral_match.hsds.fields import TermMapper, cost_from_text, hsds_time, weekday, whole_number
from referral_match.hsds.package_files import (
    FORMULA_PREFIXES,
    Package,
    ProgressCallback,
    Row,
    header_columns,
    is_package_zip,
    open_package,
)
from referral_match.hsds.records import (
    ELIGIBILITY_TAXONOMY,
    IDS_TAXONOMY,
    KEYWORDS_TAXONOMY,
    ResourceBuilder,
)
from referral_match.hsds.row_problems import (
    Causes,
    Notes,
    RowProblem,
    extra_problem,
    location_problems,
    placed_by_address,
)
from referral_match.hsds.tables import TABLES, HsdsTables, unknown_id
from referral_match.model import ORGANIZATION_NOT_LISTED, Resource
from referral_match.report import ImportReport
from referral_match.sources import fields as parse
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
    "service_row_problems",
    "unknown_id",
    "weekday",
]

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


def service_row_problems(row: Row) -> list[RowProblem]:
    """Return what in a service's own values stops it from making resources (empty if none).

    A service with no name, a status we do not know, an age that is not one, or
    ``minimum_age`` above ``maximum_age``. (Ids used twice are checked across the package.)
    """
    found: list[RowProblem] = []
    if not row.get("name"):
        found.append(RowProblem(row, "name", "", "the service has no name: fill in name."))
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
    return found


class _ResourceRows:
    """Check the resource rows of one package, building the usable ones and rejecting the rest."""

    def __init__(self, package: Package, report: ImportReport, taxonomy: Taxonomy) -> None:
        self.report = report
        self.notes = Notes(report)
        terms = TermMapper(taxonomy, self.notes)
        self.tables = HsdsTables(package, self.notes)
        self.builder = ResourceBuilder(self.tables, terms, self.notes)
        self.causes = Causes()
        self._service_problems: dict[int, list[RowProblem]] = {}
        self._location_problems: dict[int, list[RowProblem]] = {}

    # Problems that stop a row from making resources -------------------------------------------

    def service_problems(self, row: Row) -> list[RowProblem]:
        """Return why a service row cannot be used (empty when it can)."""
        if id(row) in self._service_problems:
            return self._service_problems[id(row)]
        found: list[RowProblem] = []
        if row.extra:
            found.append(extra_problem(row))
        elif id(row) in self.tables.duplicates:
            first = self.tables.duplicates[id(row)]
            found.append(
                RowProblem(
                    row,
                    "id",
                    row.get("id"),
                    f'id "{row.get("id")}" is already used on line {first.line}: give every '
                    "service its own id.",
                )
            )
        found += service_row_problems(row)
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
        org = self.tables.org_by_id.get(org_id)
        if org is None:
            where = (
                "organizations.csv"
                if self.tables.has_organizations
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
        for row in self.tables.locations:
            org_id = row.get("organization_id")
            if org_id and org_id not in self.tables.org_by_id:
                self.notes.group(
                    row,
                    "organization_id",
                    "The locations on {lines} name an organization that is not in "
                    "organizations.csv. Their services are listed under the services' own "
                    "organization; add the missing organizations, or correct organization_id.",
                )
        unused = [
            r for r in self.tables.locations if r.get("id") not in self.tables.named_locations
        ]
        for row in unused:
            if id(row) not in self.tables.duplicates:
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
        for sal in self.tables.sal:
            if not self._links_a_place(sal):
                continue
            self.report.total_rows += 1
            resource = self._located(sal)
            if resource is not None:
                yield sal.file, sal.line, resource
        for service in self.tables.services:
            key = service.get("id")
            if key in self.tables.named_services and id(service) not in self.tables.duplicates:
                continue
            self.report.total_rows += 1
            problems = self.service_problems(service)
            for problem in problems:
                self.report.reject(
                    service.file, service.line, problem.column, problem.value, problem.message
                )
            if not problems:
                self._organization_notes(service)
                yield service.file, service.line, self.builder.build(service, None, None)
        self.finish()

    def _links_a_place(self, sal: Row) -> bool:
        """Return True if a service_at_location row makes a resource row; else warn why not.

        A row that names no service, or one that is not in services.csv, links nothing a
        client can use. A row whose location is missing leaves its service to be imported
        without a place (unless another row places it).
        """
        if sal.extra:
            return True
        service_id, location_id = sal.get("service_id"), sal.get("location_id")
        if not service_id or service_id not in self.tables.service_by_id:
            what = (
                f'names service "{service_id}", which is not in services.csv'
                if service_id
                else "names no service"
            )
            self.notes.warn(
                sal,
                "service_id",
                service_id,
                f"the row {what}, so it links nothing a client can use and was left out. "
                "Fill in service_id with an id from services.csv.",
            )
            return False
        if not location_id or location_id not in self.tables.location_by_id:
            what = (
                f'"{location_id}" is not in locations.csv'
                if location_id
                else "no location is named"
            )
            placed = service_id in self.tables.named_services
            self.notes.warn(
                sal,
                "location_id",
                location_id,
                f"{what}, so this row places service {service_id} nowhere; the service is "
                + (
                    "imported at its other locations."
                    if placed
                    else "imported without a location."
                )
                + " Fill in location_id with an id from locations.csv.",
            )
            return False
        return True

    def _organization_notes(self, service: Row) -> None:
        """Warn, once per service row, that its organization is missing (it is still kept)."""
        for problem in self._organization_problems(service):
            self.notes.warn(
                service,
                problem.column,
                problem.value,
                f'{problem.message} The service was imported under "{ORGANIZATION_NOT_LISTED}".',
            )

    def _located(self, sal: Row) -> Resource | None:
        if sal.extra:
            problem = extra_problem(sal)
            self.report.reject(sal.file, sal.line, None, problem.value, problem.message)
            return None
        service = self.tables.service_by_id[sal.get("service_id")]
        location = self.tables.location_by_id[sal.get("location_id")]
        problems = [(p, "service_id", service.get("id")) for p in self.service_problems(service)]
        problems += [
            (p, "location_id", location.get("id")) for p in self.location_problems(location)
        ]
        for problem, column, value in problems:
            self.causes.reject(self.report, sal, problem, column, value)
        if problems:
            return None
        self._organization_notes(service)
        return self.builder.build(service, placed_by_address(location, self.notes), sal)


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
        resource_rows = _ResourceRows(package, report, taxonomy)
        package.warn_unread(_NOT_KEPT)
        yield from resource_rows.resources()
