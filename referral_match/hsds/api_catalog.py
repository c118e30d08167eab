"""The HSDS 3.0 API's view of one index generation: its records, found and filtered fast.

``HsdsCatalog.build`` runs the export's ``HsdsRows`` over every resource once, in the order
``export_hsds`` reads them, so that ids and records agree with ``referral-match export
--format hsds``. It keeps what listings need, compactly: each service, organization and
location as the JSON of its one-to-one fields, the service_at_location links, and record
positions by word, taxonomy term, taxonomy, organization and service area. The child rows
(phones, schedules, attributes...) are not kept: a nested record (``/services/{id}``,
``full=true``) is made again when asked for, from the resources of that service, with the
very ids the build gave them (``api_ids``). The catalog never changes once built; build a
new one for a new generation.

Filters (``api_query``) combine as AND. Listings keep the export's order (the order of the
index).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from referral_match.geo.places import Place, distance_miles
from referral_match.hsds.api_ids import KINDS, RecordingIds, ReplayedIds
from referral_match.hsds.api_query import Nearby, ServiceFilter, area_keys, place_keys
from referral_match.hsds.api_records import Tables, json_row, nested_service
from referral_match.hsds.api_records import nested_service_at_location as nested_link
from referral_match.hsds.api_search import WordIndex, fold_words
from referral_match.hsds.rows import HsdsRows
from referral_match.model import Resource
from referral_match.taxonomy import Taxonomy

__all__ = ["HsdsCatalog"]

#: The tables whose rows ``HsdsRows`` checks before adding their children.
_PARENTS = {"organization", "service", "location", "taxonomy", "taxonomy_term"}
_METRES_PER_MILE = 1609.344
_METRES_PER_DEGREE = 111_320.0

Fetch = Callable[[str], Resource | None]


def _body(record: dict[str, Any]) -> bytes:
    """Return a record's JSON without its braces, to be extended."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))[1:-1].encode()


def _json(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def _matches(words: Iterable[str], wanted: list[str]) -> bool:
    return all(any(w.startswith(x) for w in words) for x in wanted)


class HsdsCatalog:
    """Every HSDS record of one directory generation, by position, id and filter."""

    def __init__(self, taxonomy: Taxonomy, fetch: Fetch, modified: dt.datetime) -> None:
        """Start an empty catalog; use :meth:`build`."""
        self.taxonomy = taxonomy
        self.modified = modified
        self._fetch = fetch
        self._modified = b',"last_modified":' + _json(modified.isoformat())
        self._resource_ids: list[str] = []
        self._given: list[tuple[str, ...]] = []
        self.service_ids: list[str] = []
        self._service_pos: dict[str, int] = {}
        self._service_body: list[bytes] = []
        self._service_minimal: list[bytes] = []
        self._service_org = array("I")
        self._service_resources: list[list[int]] = []
        self._service_sals: list[list[int]] = []
        self._service_words = WordIndex()
        self._term_services: dict[str, array[int]] = defaultdict(lambda: array("I"))
        self._taxonomy_services: dict[str, set[int]] = defaultdict(set)
        self._area_services: dict[str, array[int]] = defaultdict(lambda: array("I"))
        self._no_area = array("I")
        self.organization_ids: list[str] = []
        self._org_pos: dict[str, int] = {}
        self._org_json: list[bytes] = []
        self._org_services: list[list[int]] = []
        self._org_words = WordIndex()
        self._location_pos: dict[str, int] = {}
        self._location_ids: list[str] = []
        self._location_json: list[bytes] = []
        self.sal_ids: list[str] = []
        self._sal_pos: dict[str, int] = {}
        self._sal_service = array("I")
        self._sal_location = array("I")
        self._sal_resource = array("I")
        self._sal_lat = array("d")
        self._sal_lon = array("d")
        self._sal_words = WordIndex()
        self._by_latitude = array("I")
        self.taxonomies: list[dict[str, Any]] = []
        self.terms: list[dict[str, Any]] = []
        self._term_pos: dict[str, int] = {}
        self._term_children: dict[str, list[str]] = defaultdict(list)

    # Building --------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        resources: Iterable[Resource],
        *,
        taxonomy: Taxonomy,
        fetch: Fetch,
        modified: dt.datetime,
    ) -> HsdsCatalog:
        """Build the catalog of these resources (in the order of the index).

        ``fetch`` returns a resource by id, to make nested records again later;
        ``modified`` is every record's ``last_modified`` (when the generation was built).
        """
        catalog = cls(taxonomy, fetch, modified)
        rows = HsdsRows(taxonomy)
        ids = rows.ids = RecordingIds()
        location_words: dict[str, list[str]] = defaultdict(list)
        for resource in resources:
            ids.given = []
            rows.resource(resource)
            catalog._take(resource, tuple(ids.given), rows.tables, location_words)
            # Everything wanted is taken: keep memory to the catalog's. Child rows need no
            # entry in ``written``: each is added once, behind its parent's own check.
            for name, table in rows.tables.items():
                if name not in _PARENTS:
                    rows.written.difference_update((name, row["id"]) for row in table)
                table.clear()
        catalog._freeze()
        return catalog

    def _take(
        self,
        r: Resource,
        given: tuple[str, ...],
        t: dict[str, list[dict[str, Any]]],
        location_words: dict[str, list[str]],
    ) -> None:
        """Take what listings need from the rows one resource added."""
        index = len(self._resource_ids)
        self._resource_ids.append(r.id)
        self._given.append(given)
        for row in t["taxonomy"]:
            self.taxonomies.append(json_row("taxonomy", row))
        for row in t["taxonomy_term"]:
            term = json_row("taxonomy_term", row)
            self._term_pos[term["id"]] = len(self.terms)
            self.terms.append(term)
            if term.get("parent_id"):
                self._term_children[term["parent_id"]].append(term["id"])
        for row in t["organization"]:
            record = json_row("organization", row)
            self._org_pos[record["id"]] = len(self.organization_ids)
            self.organization_ids.append(record["id"])
            self._org_json.append(_json(record))
            self._org_services.append([])
            self._org_words.add(len(self._org_json) - 1, [record["name"], record["description"]])
        for row in t["location"]:
            self._location_pos[row["id"]] = len(self._location_json)
            self._location_ids.append(row["id"])
            self._location_json.append(_json(json_row("location", row)))
        for row in t["address"]:
            parts = (row["address_1"], row["city"], row["state_province"], row["postal_code"])
            location_words[row["location_id"]] += [p for p in parts if p]
        for row in t["service"]:
            self._add_service(r, row, t["attribute"])
        service = self._service_pos[given[1]]
        self._service_resources[service].append(index)
        if len(given) == len(KINDS):
            sal = len(self.sal_ids)
            self.sal_ids.append(given[3])
            self._sal_pos[given[3]] = sal
            self._sal_service.append(service)
            self._sal_location.append(self._location_pos[given[2]])
            self._sal_resource.append(index)
            self._sal_lat.append(math.nan if r.latitude is None else r.latitude)
            self._sal_lon.append(math.nan if r.longitude is None else r.longitude)
            self._sal_words.add(sal, location_words.get(given[2], ()))
            self._service_sals[service].append(sal)

    def _add_service(
        self, r: Resource, row: dict[str, Any], attributes: list[dict[str, Any]]
    ) -> None:
        position = len(self.service_ids)
        record = json_row("service", row)
        self.service_ids.append(record["id"])
        self._service_pos[record["id"]] = position
        self._service_body.append(_body(record))
        self._service_minimal.append(_body({k: record[k] for k in ("id", "name", "status")}))
        org = self._org_pos[record["organization_id"]]
        self._service_org.append(org)
        self._org_services[org].append(position)
        self._service_resources.append([])
        self._service_sals.append([])
        words = [record["name"], record.get("description", ""), r.organization]
        for attribute in attributes:
            if attribute["link_id"] != record["id"]:
                continue
            term_id = attribute["taxonomy_term_id"]
            self._term_services[term_id].append(position)
            term = self.terms[self._term_pos[term_id]]
            self._taxonomy_services[term["taxonomy_id"]].add(position)
            if attribute["link_type"] != "identifier":
                words.append(term["name"])
        self._service_words.add(position, words)
        keys = area_keys(r.as_given().service_area)
        for key in keys:
            self._area_services[key].append(position)
        if not keys:
            self._no_area.append(position)

    def _freeze(self) -> None:
        for index in (self._service_words, self._org_words, self._sal_words):
            index.freeze()
        lats = self._sal_lat
        located = (p for p in range(len(lats)) if not math.isnan(lats[p]))
        self._by_latitude = array("I", sorted(located, key=lats.__getitem__))
        self._term_services = dict(self._term_services)
        self._area_services = dict(self._area_services)

    # Filters ---------------------------------------------------------------------------------

    def _service_sets(self, f: ServiceFilter) -> list[set[int]] | None:
        """Return the sets of services each filter but ``search`` allows (None: none at all)."""
        sets: list[set[int]] = []
        if f.modified_after is not None and self.modified < f.modified_after:
            return None
        if f.organization_id is not None:
            org = self._org_pos.get(f.organization_id)
            sets.append(set() if org is None else set(self._org_services[org]))
        if f.taxonomy_term_id is not None:
            found: set[int] = set()
            for term in self._narrower(f.taxonomy_term_id):
                found.update(self._term_services.get(term, ()))
            sets.append(found)
        if f.taxonomy_id is not None:
            sets.append(self._taxonomy_services.get(f.taxonomy_id, set()))
        return sets

    def _narrower(self, term_id: str) -> list[str]:
        """Return a term and every term under it."""
        found, stack = [term_id], [term_id]
        while stack:
            for child in self._term_children.get(stack.pop(), ()):
                if child not in found:  # a taxonomy that loops still ends
                    found.append(child)
                    stack.append(child)
        return found

    def services(self, f: ServiceFilter) -> Sequence[int]:
        """Return the positions of the services that pass the filter, in order."""
        sets = self._service_sets(f)
        if sets is None:
            return ()
        sets += [self._service_words.find(word) for word in fold_words(f.search)]
        return _intersect(sets, len(self.service_ids))

    def service_at_locations(self, f: ServiceFilter, near: Nearby | None) -> Sequence[int]:
        """Return the positions of the service_at_locations that pass, in order.

        A word searched for is found in the service or in the location's address. Near a
        postcode, a service with a service area must cover it; with a proximity, the
        location must be that close to the postcode's centre.
        """
        sets = self._service_sets(f)
        if sets is None:
            return ()
        if near is not None:
            allowed = set(self._no_area)
            for key in place_keys(near.place):
                allowed.update(self._area_services.get(key, ()))
            sets.append(allowed)
        services = set(_intersect(sets, 0)) if sets else None
        words = [
            self._sal_words.find(word) | self._sals_of(self._service_words.find(word))
            for word in fold_words(f.search)
        ]
        if near is not None and near.proximity_m is not None:
            candidates: Sequence[int] = self._within(near.place, near.proximity_m)
        elif words:
            candidates = _intersect(words, 0)
            words = []
        elif services is not None:
            candidates, services = sorted(self._sals_of(services)), None
        else:
            return range(len(self.sal_ids))
        sal_service = self._sal_service
        return [
            p
            for p in candidates
            if (services is None or sal_service[p] in services) and all(p in w for w in words)
        ]

    def _sals_of(self, services: Iterable[int]) -> set[int]:
        found: set[int] = set()
        for service in services:
            found.update(self._service_sals[service])
        return found

    def _within(self, place: Place, metres: float) -> list[int]:
        """Return, in order, the service_at_locations this close to a place."""
        lat, lon = place.latitude, place.longitude
        dlat = metres / _METRES_PER_DEGREE
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        lats, lons, miles = self._sal_lat, self._sal_lon, metres / _METRES_PER_MILE
        # Only those in the band of latitudes: the positions are kept sorted by latitude.
        start = bisect.bisect_left(self._by_latitude, lat - dlat, key=lats.__getitem__)
        stop = bisect.bisect_right(self._by_latitude, lat + dlat, key=lats.__getitem__)
        return sorted(
            p
            for p in self._by_latitude[start:stop]
            if abs(lons[p] - lon) <= dlon and distance_miles(lat, lon, lats[p], lons[p]) <= miles
        )

    def organizations(self, search: str) -> Sequence[int]:
        """Return the positions of the organizations whose name holds the words searched."""
        sets = [self._org_words.find(word) for word in fold_words(search)]
        return _intersect(sets, len(self.organization_ids))

    def taxonomy_positions(self, search: str) -> Sequence[int]:
        """Return the positions of the taxonomies whose name or description holds the words."""
        wanted = fold_words(search)
        return [
            p
            for p, t in enumerate(self.taxonomies)
            if _matches(fold_words(f"{t['name']} {t['description']}"), wanted)
        ]

    def term_positions(
        self, search: str, taxonomy_id: str | None, top_only: bool, parent_id: str | None
    ) -> Sequence[int]:
        """Return the positions of the taxonomy terms that pass every filter given."""
        wanted = fold_words(search)
        return [
            p
            for p, t in enumerate(self.terms)
            if (taxonomy_id is None or t.get("taxonomy_id") == taxonomy_id)
            and not (top_only and t.get("parent_id"))
            and (parent_id is None or t.get("parent_id") == parent_id)
            and _matches(fold_words(f"{t.get('code', '')} {t['name']} {t['description']}"), wanted)
        ]

    # Lookups ---------------------------------------------------------------------------------

    def service_position(self, service_id: str) -> int | None:
        """Return the position of a service, or None."""
        return self._service_pos.get(service_id)

    def organization_position(self, organization_id: str) -> int | None:
        """Return the position of an organization, or None."""
        return self._org_pos.get(organization_id)

    def sal_position(self, sal_id: str) -> int | None:
        """Return the position of a service_at_location, or None."""
        return self._sal_pos.get(sal_id)

    def taxonomy_position(self, taxonomy_id: str) -> int | None:
        """Return the position of a taxonomy, or None."""
        return next((p for p, t in enumerate(self.taxonomies) if t["id"] == taxonomy_id), None)

    def term_position(self, term_id: str) -> int | None:
        """Return the position of a taxonomy term, or None."""
        return self._term_pos.get(term_id)

    # Records ---------------------------------------------------------------------------------

    def service_item(self, p: int, form: str = "list") -> bytes:
        """Return a service as a listing shows it: ``list``, ``minimal`` or ``full``."""
        if form == "full":
            return _json(self.service_record(p))
        if form == "minimal":
            return b"{" + self._service_minimal[p] + self._modified + b"}"
        organization = self._org_json[self._service_org[p]]
        return (
            b"{"
            + self._service_body[p]
            + self._modified
            + b',"organization":'
            + organization
            + b"}"
        )

    def _service(self, p: int) -> dict[str, Any]:
        record: dict[str, Any] = json.loads(b"{" + self._service_body[p] + self._modified + b"}")
        return record

    def _replayed(self, indexes: Iterable[int]) -> Tables:
        """Make again the rows of these resources, with the ids the build gave them."""
        rows = HsdsRows(self.taxonomy)
        ids = rows.ids = ReplayedIds()
        for index in indexes:
            resource = self._fetch(self._resource_ids[index])
            if resource is None:  # gone since the build: a new generation is coming
                continue
            ids.given, ids.asked = list(self._given[index]), 0
            rows.resource(resource)
        return Tables(rows.tables)

    def _locations(self, t: Tables) -> dict[str, dict[str, Any]]:
        """Return the directory's location records for the locations of these rows."""
        found = {}
        for row in t.tables["location"]:
            p = self._location_pos.get(row["id"])
            if p is not None:
                found[row["id"]] = json.loads(self._location_json[p])
        return found

    def service_record(self, p: int, only_sal: int | None = None) -> dict[str, Any]:
        """Return a service fully nested, with all its service_at_locations or only one."""
        indexes = (
            self._service_resources[p] if only_sal is None else [self._sal_resource[only_sal]]
        )
        t = self._replayed(indexes)
        organization = json.loads(self._org_json[self._service_org[p]])
        places = None if only_sal is None else {self.sal_ids[only_sal]}
        return nested_service(t, self._service(p), organization, self._locations(t), places)

    def sal_record(self, p: int) -> bytes:
        """Return the service of a service_at_location, nested with that one only."""
        return _json(self.service_record(self._sal_service[p], only_sal=p))

    def organization_item(self, p: int, services: str = "none") -> bytes:
        """Return an organization with no services, their ``list`` form, or ``full`` ones."""
        if services == "none":
            return self._org_json[p]
        if services == "full":
            nested = b",".join(_json(self.service_record(s)) for s in self._org_services[p])
        else:
            nested = b",".join(
                b"{" + self._service_body[s] + self._modified + b"}" for s in self._org_services[p]
            )
        return self._org_json[p][:-1] + b',"services":[' + nested + b"]}"

    def sal_item(self, p: int, full: bool = False) -> bytes:
        """Return a service_at_location with its location and service, flat or nested."""
        service = self._sal_service[p]
        if full:
            t = self._replayed([self._sal_resource[p]])
            organization = json.loads(self._org_json[self._service_org[service]])
            locations = self._locations(t)
            nested = nested_service(t, self._service(service), organization, locations, ())
            link = next(r for r in t.tables["service_at_location"] if r["id"] == self.sal_ids[p])
            return _json(nested_link(t, link, locations, nested))
        head = {
            "id": self.sal_ids[p],
            "service_id": self.service_ids[service],
            "location_id": self._location_ids[self._sal_location[p]],
        }
        return (
            _json(head)[:-1]
            + b',"location":'
            + self._location_json[self._sal_location[p]]
            + b',"service":'
            + self.service_item(service)
            + b"}"
        )

    def taxonomy_item(self, p: int) -> bytes:
        """Return a taxonomy's record."""
        return _json(self.taxonomies[p])

    def term_item(self, p: int) -> bytes:
        """Return a taxonomy term's record."""
        return _json(self.terms[p])


def _intersect(sets: list[set[int]], count: int) -> Sequence[int]:
    """Return, in order, the positions in every set (all ``count`` of them when no sets)."""
    if not sets:
        return range(count)
    sets.sort(key=len)
    return sorted(sets[0].intersection(*sets[1:]))
