"""Turn resources into the rows of HSDS 3.0 tables, each row with a stable UUID.

``HsdsRows`` collects, table by table, the organizations, services, locations,
service_at_location links, phones, schedules, taxonomy terms, attributes... that resources
become; ``hsds_package.write_package`` writes them out. The rules it follows are those of
``export``'s docstring.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from typing import Any

from referral_match.hsds.fields import DAY_CODES
from referral_match.hsds.package import HSDS_TABLES
from referral_match.hsds.records import ELIGIBILITY_TAXONOMY, IDS_TAXONOMY, KEYWORDS_TAXONOMY
from referral_match.languages import language_name
from referral_match.model import Cost, Resource, ServiceArea
from referral_match.schedule import WeeklySchedule
from referral_match.taxonomy import Taxonomy

__all__ = ["HsdsRows"]

#: Our namespace for the UUIDs made from ids that are not UUIDs.
_NAMESPACE = uuid.UUID("6f1c3c52-4d0e-5b8a-9a51-2f3c1e0b7d11")
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


class HsdsRows:
    """Collect the rows of every HSDS table that resources become."""

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
        """Add the organization row of a resource and return its id."""
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
        """Add the location row of a resource (with address, accessibility); return its id."""
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
        """Add every row one resource needs: what its source gave (see Resource.as_given)."""
        r = r.as_given()
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
                    # HSDS has extensions as numbers; "012" keeps its zero as text.
                    "extension": int(extension)
                    if extension.isascii() and extension.isdigit() and extension[0] != "0"
                    else extension,
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
        """Write weekly hours as RRULE-style rows: one per opening time, with its days.

        Hours between two dates carry them as ``valid_from``/``valid_to``. A season of every
        year has no RRULE column here: those hours are written as text only (the
        description, "Jun 1-Aug 31: Mon-Fri 09:00-17:00"), which the reader reads back.
        """
        seasonal = hours is not None and hours.dates is not None and hours.dates.start is not None
        groups: dict[tuple[int, int, tuple[int, ...], tuple[int, ...]], list[int]] = {}
        for interval in hours.intervals if hours is not None and not seasonal else ():
            key = (interval.opens, interval.closes, interval.weeks, interval.monthdays)
            groups.setdefault(key, []).append(interval.day)
        description = text or (hours.to_text() if hours is not None and not groups else "")
        dates = hours.dates if hours is not None and not seasonal else None
        valid = {
            "valid_from": dates.first.isoformat() if dates and dates.first else "",
            "valid_to": dates.last.isoformat() if dates and dates.last else "",
        }
        rows = [
            {
                # "1st and 3rd Tue" is the RRULE FREQ=MONTHLY;BYDAY=1TU,3TU, and "the 15th"
                # FREQ=MONTHLY;BYMONTHDAY=15 (with no BYDAY: whatever its weekday).
                "freq": "MONTHLY" if weeks or monthdays else "WEEKLY",
                "byday": ",".join(f"{w}{DAY_CODES[d]}" for d in days for w in weeks)
                if weeks
                else ""
                if monthdays and len(days) == 7
                else ",".join(DAY_CODES[d] for d in days),
                "bymonthday": ",".join(str(d) for d in monthdays),
                "opens_at": _hhmm_ss(opens),
                "closes_at": _hhmm_ss(closes),
                **valid,
            }
            for (opens, closes, weeks, monthdays), days in groups.items()
        ]
        if not rows and description:
            rows = [{}]
        for number, row in enumerate(rows):
            row_id = _derived("schedule", owner, str(number))
            self.add("schedule", {"id": row_id, **link, **row, "description": description})


_CATEGORIES = "Open Eligibility (referral-match)"
_TAXONOMY_TEXT = {
    _CATEGORIES: "The need taxonomy of referral-match (data/taxonomy.csv), whose codes are "
    "Open Eligibility's at the top two levels.",
    KEYWORDS_TAXONOMY: "Free words that clients and case managers use for a service.",
    ELIGIBILITY_TAXONOMY: "Who a service is limited to: genders, population groups, and the "
    "highest income served as a percent of the federal poverty guideline.",
    IDS_TAXONOMY: "The ids rows have in referral-match, where they are not UUIDs.",
}
