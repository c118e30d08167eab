"""Import a resource directory: read, validate, place on the map, index, swap in.

``import_directory`` is the one entry point the CLI and the web app use. Whatever the
source format, every row read ends up either imported or reported, and the live index is
only replaced once the new one is complete. A source that is an http(s) URL is an HSDS 3.0
API: its services are pulled whole into a temporary NDJSON file first (``hsds.api_pull``),
then read as any HSDS JSON file; with ``modified_after`` the services pulled are merged into
the directory served instead of replacing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from referral_match.errors import GeocoderFailure, InputError, SourceError
from referral_match.geo.gazetteer import Gazetteer, default_gazetteer
from referral_match.geo.geocoding import OnlineGeocoder
from referral_match.geo.places import distance_miles
from referral_match.hsds.api_pull import (
    PULL_FORMAT,
    PullOptions,
    PullReport,
    api_root,
    is_api_url,
    last_pull,
    pull_services,
)
from referral_match.hsds.json_read import JSON_SUFFIXES, is_hsds_json, read_hsds_json
from referral_match.hsds.ohana import is_ohana_folder, read_ohana
from referral_match.hsds.read import is_hsds_folder, is_package_zip, open_package, read_hsds
from referral_match.index.whoosh_index import IndexStore, Snapshot
from referral_match.model import Resource, ServiceArea
from referral_match.report import ImportReport
from referral_match.schedule import zone_name
from referral_match.semantic import meaning
from referral_match.sources.categories_text import with_categories_from_text
from referral_match.sources.csvfile import CsvFile
from referral_match.sources.eligibility_text import with_rules_from_text
from referral_match.sources.flat import is_flat_header, read_flat
from referral_match.sources.mapping import Mapping, load_mapping, read_mapped
from referral_match.sources.status_text import with_status_from_text
from referral_match.taxonomy import Taxonomy, default_taxonomy

__all__ = ["Format", "detect_format", "import_directory", "read_source"]

Format = Literal["auto", "flat", "hsds", "ohana", "hsds-json", "hsds-api"]
ProgressCallback = Callable[[int, int], None]

#: Given coordinates further than this from their ZIP code's centre earn a warning.
_FAR_FROM_ZIP_MILES = 60.0


def detect_format(path: Path) -> Format:
    """Tell which format a file or folder holds, by its files and headers."""
    if not path.exists():
        raise SourceError(f"{path} does not exist.", file=str(path))
    if path.is_dir() or is_package_zip(path):
        with open_package(path) as folder:
            if is_hsds_folder(folder):
                return "hsds"
            if is_ohana_folder(folder):
                return "ohana"
        raise SourceError(
            f"{path.name} holds no services.csv, so it is neither an HSDS package nor an "
            "Ohana export: give the folder (or zip) that holds services.csv, or a flat CSV "
            "file.",
            file=path.name,
        )
    if path.suffix.lower() in JSON_SUFFIXES:
        if is_hsds_json(path):
            return "hsds-json"
        raise SourceError(
            f"{path.name} is not a JSON file of HSDS services: its first record is not a "
            "service object (with a name, and an organization, service_at_locations or id). "
            "Give an array of HSDS 3.0 services, or one service per line (NDJSON); "
            "--format hsds-json reads it anyway and reports every record.",
            file=path.name,
        )
    with CsvFile(path) as csv_file:
        if is_flat_header(csv_file.columns):
            return "flat"
    raise SourceError(
        f"{path.name} is not in a format we can read: a flat CSV needs at least the columns "
        "name and organization (see data/template.csv).",
        file=path.name,
    )


def read_source(
    path: Path,
    report: ImportReport,
    *,
    format: Format = "auto",
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
    geocoder: OnlineGeocoder | None = None,
    progress: ProgressCallback | None = None,
    mapping: Mapping | Path | str | None = None,
    timezone: str = "",
) -> Iterator[Resource]:
    """Yield the valid resources of a source, placed on the map and with unique ids.

    Everything that is not yielded is recorded in ``report``. With a ``mapping`` (a
    :class:`Mapping` or the path of a mapping file), the source is one CSV file read through it.
    ``timezone`` (an IANA name, or a UTC offset) is the directory's own: the time zone of the
    resources whose source gives none (an HSDS schedule's ``timezone`` wins), before the one
    of their state or ZIP code. A zone that is not one raises InputError.
    """
    zone = _directory_zone(timezone)
    taxonomy = taxonomy or default_taxonomy()
    gazetteer = gazetteer or default_gazetteer()
    rows: Iterable[tuple[str, int, Resource]]
    if mapping is not None:
        if format not in ("auto", "flat"):
            raise SourceError(
                f"--mapping reads one CSV file; it cannot be combined with --format {format}.",
                file=path.name,
            )
        if path.is_dir() or is_package_zip(path):
            raise SourceError(
                f"{path.name} is a {'folder' if path.is_dir() else 'zip file'}: a mapping "
                "reads one CSV file. Give the file the mapping was written for.",
                file=path.name,
            )
        if not isinstance(mapping, Mapping):
            mapping = load_mapping(mapping)
        rows = read_mapped(path, mapping, report, taxonomy, progress=progress)
        if zone:
            rows = _in_zone(rows, zone)
        placed = _placed(rows, gazetteer, report, geocoder)
        yield from _unique(_read_from_text(placed, gazetteer, taxonomy), report)
        return
    chosen = detect_format(path) if format == "auto" else format
    if chosen == "flat":
        if path.is_dir() or is_package_zip(path):
            raise SourceError(
                f"{path.name} is a {'folder' if path.is_dir() else 'zip file'}: the flat "
                "format is one CSV file. Give the file, or --format hsds or ohana for a "
                "package of tables.",
                file=path.name,
            )
        rows = read_flat(path, report, taxonomy, progress=progress)
    elif chosen == "hsds":
        rows = read_hsds(path, report, taxonomy, progress)
    elif chosen == "hsds-json":
        rows = read_hsds_json(path, report, taxonomy, progress)
    elif chosen == "hsds-api":
        raise SourceError(
            f"{path.name} is a file or folder, but --format hsds-api reads an HSDS 3.0 API: "
            "give its URL (http://HOST:PORT/hsds/).",
            file=path.name,
        )
    else:
        rows = read_ohana(path, report, taxonomy, progress)
    if zone:
        rows = _in_zone(rows, zone)
    placed = _placed(rows, gazetteer, report, geocoder)
    yield from _unique(_read_from_text(placed, gazetteer, taxonomy), report)


def _directory_zone(text: str) -> str:
    """Return the IANA name of a directory's time zone ("" for none), or raise InputError."""
    if not text.strip():
        return ""
    zone = zone_name(text)
    if not zone:
        raise InputError(
            f'"{text}" is not a time zone: give an IANA name such as "America/Chicago", or '
            'a UTC offset such as "-6".',
            field="timezone",
            value=text,
        )
    return zone


def _in_zone(
    rows: Iterable[tuple[str, int, Resource]], zone: str
) -> Iterator[tuple[str, int, Resource]]:
    """Give the resources whose source names no time zone the directory's."""
    for file, line, resource in rows:
        if not resource.timezone:
            resource = dataclasses.replace(resource, timezone=zone)
        yield file, line, resource


def _read_from_text(
    rows: Iterable[tuple[str, int, Resource]], gazetteer: Gazetteer, taxonomy: Taxonomy
) -> Iterator[tuple[str, int, Resource]]:
    """Fill in what each resource's words say and its columns do not.

    Eligibility rules, a closure its description announces, categories when it has none.
    """
    model = meaning()
    for file, line, resource in rows:
        resource = with_status_from_text(with_rules_from_text(resource, gazetteer))
        if not resource.timezone and len(states := _area_states(resource.service_area)) == 1:
            # A hotline keeps the hours of the state it serves.
            state = gazetteer.by_state(states.pop())
            if state is not None and state.timezone:
                resource = dataclasses.replace(resource, timezone=state.timezone)
        yield file, line, with_categories_from_text(resource, taxonomy, model)


def _placed(
    rows: Iterable[tuple[str, int, Resource]],
    gazetteer: Gazetteer,
    report: ImportReport,
    geocoder: OnlineGeocoder | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Fill in coordinates and county when they are missing.

    A street address goes to the online geocoder when one is configured; otherwise (or when
    it finds nothing) the ZIP code's centre is used, else the city's.
    """
    for file, line, resource in rows:
        address = resource.address
        if geocoder is not None and resource.latitude is None and address and address.street:
            resource = _geocode_street(resource, geocoder, report, file, line)
        place = None
        if address is not None and address.postal_code:
            place = gazetteer.by_zip(address.postal_code)
            if place is None:
                report.warn(
                    file,
                    line,
                    "postal_code",
                    address.postal_code,
                    f"{address.postal_code} is not a known US ZIP code; check it.",
                )
        if place is None and address is not None and address.city and address.state:
            place = gazetteer.by_city(address.city, address.state)
        lat, lon = resource.latitude, resource.longitude
        if lat is not None and lon is not None:
            if lat == 0 and lon == 0:
                report.warn(
                    file,
                    line,
                    "latitude",
                    "0",
                    "0,0 is in the Atlantic Ocean, not a real location: the "
                    "coordinates were ignored.",
                )
                resource = dataclasses.replace(
                    resource, latitude=None, longitude=None, geocoded_from=""
                )
            elif place is not None and place.precision == "zip":
                miles = distance_miles(lat, lon, place.latitude, place.longitude)
                if miles > _FAR_FROM_ZIP_MILES:
                    report.warn(
                        file,
                        line,
                        "latitude",
                        f"{lat}, {lon}",
                        f"these coordinates are {miles:,.0f} miles from ZIP "
                        f"{place.zip}: check for swapped latitude and longitude or "
                        "a missing minus sign.",
                    )
        if place is not None:
            if resource.latitude is None:
                resource = dataclasses.replace(
                    resource,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    geocoded_from=place.precision,
                )
            # An HSDS offset ("-8", Etc/GMT+8) keeps no daylight saving: the ZIP's zone does.
            fixed = not resource.timezone or resource.timezone.startswith("Etc/")
            zone = place.timezone if fixed and place.timezone else resource.timezone
            resource = dataclasses.replace(resource, county=place.county, timezone=zone)
        yield file, line, resource


def _geocode_street(
    resource: Resource, geocoder: OnlineGeocoder, report: ImportReport, file: str, line: int
) -> Resource:
    """Place a resource at its street address with the online geocoder, if it can."""
    assert resource.address is not None
    query = resource.address.one_line()
    try:
        location = geocoder.geocode(query)
    except GeocoderFailure as exc:
        report.warn(file, line, "address", query, f"{exc.message} The ZIP code was used.")
        return resource
    if location is None:
        report.warn(
            file,
            line,
            "address",
            query,
            "the geocoder could not find this address; the ZIP code was used.",
        )
        return resource
    return dataclasses.replace(
        resource,
        latitude=location.latitude,
        longitude=location.longitude,
        geocoded_from="address",
    )


def _area_states(area: ServiceArea) -> set[str]:
    """Return the states a service area names, itself or through its cities and counties."""
    keys = (*area.cities, *area.counties)
    return {*area.states, *(key.rpartition("|")[2] for key in keys)} - {""}


def _unique(rows: Iterable[tuple[str, int, Resource]], report: ImportReport) -> Iterator[Resource]:
    """Reject the second and later rows that reuse an id."""
    seen: dict[str, tuple[str, int]] = {}
    for file, line, resource in rows:
        first = seen.get(resource.id)
        if first is not None:
            where = f"line {first[1]}" if first[0] == file else f"{first[0]} line {first[1]}"
            report.reject(
                file,
                line,
                "id",
                resource.id,
                f'id "{resource.id}" is already used on {where}: give every '
                "resource its own id (or leave id blank to have one made).",
            )
            continue
        seen[resource.id] = (file, line)
        yield resource


def import_directory(
    source: Path | str,
    index_dir: Path | str,
    *,
    format: Format = "auto",
    dry_run: bool = False,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
    geocoder: OnlineGeocoder | None = None,
    progress: ProgressCallback | None = None,
    mapping: Mapping | Path | str | None = None,
    timezone: str = "",
    modified_after: dt.datetime | None = None,
    since_last_pull: bool = False,
    pull: PullOptions | None = None,
    pull_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Validate a source and, unless ``dry_run``, make it the directory served from index_dir.

    The new index replaces the whole directory, atomically, and only if at least one
    resource was valid; otherwise the previous directory keeps serving. Raises
    :class:`SourceError` when the source cannot be read at all. With ``mapping`` (a mapping
    file or a loaded :class:`Mapping`), the CSV file is a raw export read through it; a bad
    mapping file raises :class:`~referral_match.sources.mapping.MappingError`. ``timezone``
    is the directory's (see :func:`read_source`), recorded in the generation's meta.json.

    A source that is an http(s) URL (or ``format="hsds-api"``) is an HSDS 3.0 API, pulled
    as :func:`~referral_match.hsds.api_pull.pull_services` says (``pull`` sets its timeout,
    retries and page size; ``pull_progress(services, total)`` follows it), and the report is
    a :class:`~referral_match.hsds.api_pull.PullReport`. ``modified_after`` pulls only the
    services modified at or after it and merges them into the directory: each pulled resource
    replaces the one of the same id, and the others are kept.
    ``since_last_pull`` does so from the start of the pull that built the directory served,
    when it was pulled from this URL, and pulls everything otherwise. A failed pull raises
    :class:`~referral_match.hsds.api_pull.HsdsApiError` before anything is replaced.
    """
    if format == "hsds-api" or (format == "auto" and is_api_url(str(source))):
        if not isinstance(source, str) or not is_api_url(source):
            raise SourceError(
                f"{source} is not a URL, but --format hsds-api reads an HSDS 3.0 API: give "
                "its URL (http://HOST:PORT/hsds/).",
                file=str(source),
            )
        return _import_pull(
            source,
            index_dir,
            dry_run=dry_run,
            taxonomy=taxonomy or default_taxonomy(),
            gazetteer=gazetteer,
            geocoder=geocoder,
            progress=progress,
            timezone=timezone,
            modified_after=modified_after,
            since_last_pull=since_last_pull,
            options=pull,
            pull_progress=pull_progress,
        )
    if modified_after is not None or since_last_pull:
        raise InputError(
            f"{source} is not an HSDS API: only a pull from one (its http:// URL) can take what "
            "changed since a date; a file or folder is imported whole.",
            field="modified_after",
        )
    source = Path(source)
    taxonomy = taxonomy or default_taxonomy()
    report = ImportReport()
    resources = read_source(
        source,
        report,
        format=format,
        taxonomy=taxonomy,
        gazetteer=gazetteer,
        geocoder=geocoder,
        progress=progress,
        mapping=mapping,
        timezone=timezone,
    )
    if dry_run:
        report.imported = sum(1 for _ in resources)
        return report

    def accept(count: int) -> bool:
        report.imported = count
        return count > 0

    built = IndexStore(index_dir).build(
        resources,
        taxonomy,
        # Counted as the rows are read: only known once every resource is written.
        meta=lambda: {
            "source": source.name,
            "rows": report.total_rows,
            "timezone": _directory_zone(timezone),
        },
        accept=accept,
    )
    report.index_updated = built is not None
    return report


# Pulling from an HSDS API ----------------------------------------------------------------------

#: The name the pulled services are read under, replaced in the report by their URL.
_PULLED = "services.ndjson"


def _import_pull(
    url: str,
    index_dir: Path | str,
    *,
    dry_run: bool,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer | None,
    geocoder: OnlineGeocoder | None,
    progress: ProgressCallback | None,
    timezone: str,
    modified_after: dt.datetime | None,
    since_last_pull: bool,
    options: PullOptions | None,
    pull_progress: ProgressCallback | None,
) -> PullReport:
    """Pull the services of an HSDS API, then import them, or merge them in."""
    root = api_root(url)
    zone = _directory_zone(timezone)
    store = IndexStore(index_dir)
    merging = modified_after is not None or since_last_pull
    current = store.open() if merging and store.current() is not None else None
    try:
        since = modified_after
        no_earlier_pull = False
        if since_last_pull and since is None:
            since = last_pull(current.meta, root) if current is not None else None
            no_earlier_pull = since is None
        if since is not None and current is None and not dry_run:
            raise InputError(
                f"No directory has been imported into {index_dir} yet, so there is nothing to "
                f"merge the services changed since {since.isoformat()} into: pull every service "
                "first (without --modified-after).",
                field="modified_after",
                value=since,
            )
        if since is None and current is not None:
            current.close()  # a whole pull replaces the directory: nothing is read from it
            current = None
        with tempfile.TemporaryDirectory(prefix="referral-match-pull-") as folder:
            path = Path(folder) / _PULLED
            pulled = pull_services(
                root, path, modified_after=since, options=options, progress=pull_progress
            )
            report = PullReport(pull=pulled, merged=since is not None)
            report.no_earlier_pull = no_earlier_pull
            if pulled.services == 0 and since is None:
                raise SourceError(
                    f"The HSDS API at {root} holds no services: there is nothing to import, "
                    "and the directory is as it was.",
                    file=pulled.services_url,
                )
            if pulled.services:
                try:
                    _read_pulled(
                        path,
                        report,
                        (store, current),
                        taxonomy=taxonomy,
                        gazetteer=gazetteer,
                        geocoder=geocoder,
                        progress=progress,
                        zone=zone,
                        dry_run=dry_run,
                    )
                except SourceError as exc:
                    message = exc.message.replace(_PULLED, pulled.services_url)
                    raise SourceError(message, file=pulled.services_url) from exc
                finally:
                    _name_the_source(report, pulled.services_url)
            return report
    finally:
        if current is not None:
            current.close()


def _read_pulled(
    path: Path,
    report: PullReport,
    index: tuple[IndexStore, Snapshot | None],
    *,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer | None,
    geocoder: OnlineGeocoder | None,
    progress: ProgressCallback | None,
    zone: str,
    dry_run: bool,
) -> None:
    """Read the pulled services as HSDS JSON and, unless dry_run, index them.

    ``index`` is the store to build in and, to merge into, the generation serving.
    """
    store, current = index
    pulled = report.pull
    assert pulled is not None
    resources: Iterable[Resource] = read_source(
        path,
        report,
        format="hsds-json",
        taxonomy=taxonomy,
        gazetteer=gazetteer,
        geocoder=geocoder,
        progress=progress,
        timezone=zone,
    )
    if dry_run:
        report.imported = sum(1 for _ in resources)
        return
    if current is not None:
        resources = _merged(resources, current, report)

    def accept(count: int) -> bool:
        if current is None:
            report.imported = count
        return report.imported > 0

    def meta() -> dict[str, Any]:
        info: dict[str, Any] = {
            "source": pulled.url,
            "source_format": PULL_FORMAT,
            "pulled_at": pulled.started.isoformat(),
            "rows": report.total_rows,
            "timezone": zone,
        }
        if current is not None:
            info["timezone"] = zone or current.meta.get("timezone", "")
            info["merged"] = {
                "modified_after": pulled.modified_after and pulled.modified_after.isoformat(),
                "into": current.meta.get("source", ""),
                "kept": report.kept,
            }
        return info

    built = store.build(resources, taxonomy, meta=meta, accept=accept)
    report.index_updated = built is not None


def _merged(
    pulled: Iterable[Resource], current: Snapshot, report: PullReport
) -> Iterator[Resource]:
    """Yield the pulled resources, then those of the directory that none of them replaces.

    A pulled resource replaces the one of the same id. Nothing else is removed: what the
    API no longer holds (a service, or one of its locations) goes only with a whole pull.
    """
    ids: set[str] = set()
    for resource in pulled:
        ids.add(resource.id)
        report.imported += 1
        yield resource
    for resource in current.resources():
        if resource.id not in ids:
            report.kept += 1
            yield resource


def _name_the_source(report: ImportReport, name: str) -> None:
    """Name the services' URL, not the temporary file, in every problem of the report."""
    report.files = [name if f == _PULLED else f for f in report.files]
    for problems in (report.rejected, report.warnings):
        problems[:] = [
            dataclasses.replace(p, file=name) if p.file == _PULLED else p for p in problems
        ]
