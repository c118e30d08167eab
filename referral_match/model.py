"""The plain, typed records that the library works with once input has been validated.

A :class:`Resource` is one service at one location (HSDS ``service_at_location``), or a
service with no physical location (a hotline, an online or mobile service) that serves an
area. Readers and schemas build these from CSV rows; the index stores them; search and
matching return them. Ranking code never sees a raw dict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from referral_match.schedule import WeeklySchedule, local_time

__all__ = [
    "GENDERS",
    "ORGANIZATION_NOT_LISTED",
    "POPULATIONS",
    "Address",
    "Cost",
    "Eligibility",
    "Resource",
    "ServiceArea",
    "Status",
]

#: Population groups a resource may be limited to (and a client may belong to).
POPULATIONS: tuple[str, ...] = (
    "veterans",
    "seniors",
    "families",
    "pregnant",
    "disabled",
    "homeless",
    "immigrants",
    "youth",
    "lgbtq",
)

#: The organization of a service whose source names no organization it holds: the service
#: is still one a client can call, so it is kept under this name.
ORGANIZATION_NOT_LISTED = "Organization not listed"

#: Genders a resource may be limited to. An empty list of genders means anyone.
GENDERS: tuple[str, ...] = ("female", "male", "nonbinary")


@functools.lru_cache(maxsize=4096)
def _parse_hours(text: str) -> WeeklySchedule:
    # Stored hours are canonical text that a directory repeats across many resources.
    return WeeklySchedule.parse(text)


class Status(StrEnum):
    """Whether a resource is operating (HSDS 3.0 ``service.status``)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class Cost(StrEnum):
    """What a client pays."""

    FREE = "free"
    SLIDING_SCALE = "sliding scale"
    FEE = "fee"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Address:
    """A street address; every part is optional except that the whole is not empty."""

    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""

    def one_line(self) -> str:
        """Return the address as one line, e.g. ``"12 Main St, Redwood City, CA 94063"``."""
        tail = " ".join(p for p in (self.state, self.postal_code) if p)
        return ", ".join(p for p in (self.street, self.city, tail) if p)


@dataclass(frozen=True, slots=True)
class ServiceArea:
    """Where a resource's clients may live, whatever the distance to its door.

    Cities are kept as ``"redwood city|CA"`` and counties as ``"san mateo|CA"`` (lower case,
    without the word "County") so that matching a client's place is an exact comparison.
    """

    zips: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    national: bool = False

    def is_empty(self) -> bool:
        """Return True when no area was given."""
        return not (self.zips or self.cities or self.counties or self.states or self.national)


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Who a resource serves. Empty values mean "no rule", never "nobody"."""

    min_age: int | None = None
    max_age: int | None = None
    genders: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    #: Highest household income served, as a percent of the federal poverty guideline.
    income_limit_fpl: int | None = None
    text: str = ""
    #: Where clients must live to be served ("Elk Grove and Wilton residents only"), which a
    #: client inside the radius may still not meet; empty means no such rule.
    residence: ServiceArea = field(default_factory=ServiceArea)
    #: The rules read from the eligibility text rather than given in columns, each with the
    #: words it came from: (("gender", "Men 18 and older"), ("age", "18 and older")).
    from_text: tuple[tuple[str, str], ...] = ()

    def said(self, rule: str) -> str:
        """Return the words a rule was read from ("" when a column gave it)."""
        return next((words for name, words in self.from_text if name == rule), "")


@dataclass(frozen=True, slots=True)
class Resource:
    """One service at one location, or one location-less service that serves an area."""

    id: str
    service_id: str
    organization_id: str
    location_id: str
    name: str
    organization: str
    description: str = ""
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    status: Status = Status.ACTIVE
    address: Address | None = None
    latitude: float | None = None
    longitude: float | None = None
    #: How the coordinates were obtained: "given", "address", "zip", "city" or "" if none.
    geocoded_from: str = ""
    #: County of the location (from the ZIP gazetteer), used for service-area matching.
    county: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""
    website: str = ""
    hours: WeeklySchedule | None = None
    hours_text: str = ""
    languages: tuple[str, ...] = ()
    eligibility: Eligibility = field(default_factory=Eligibility)
    cost: Cost = Cost.UNKNOWN
    fees: str = ""
    service_area: ServiceArea = field(default_factory=ServiceArea)
    application_process: str = ""
    required_documents: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    last_verified: dt.date | None = None
    #: Where the service area came from when the source gave none: "" (given, or none),
    #: "eligibility text" ("Elk Grove residents only"), "name" ("Legal help in Cook
    #: County") or "phone" (the state of its area code, for a service with no address and
    #: no area).
    area_from: str = ""
    #: The categories read from the resource's own text when its source gave none, each
    #: with the words it was read from (or "similar meaning"): (("101-04", "shelter"),).
    categories_read: tuple[tuple[str, str], ...] = ()
    #: The words of its description that closed an "active" resource ("Temporarily closed:
    #: funds exhausted"); "" when the status is as the source gave it.
    status_read: str = ""
    #: The IANA time zone its hours are kept in ("America/Chicago"): an HSDS schedule's,
    #: else its ZIP code's; "" when not known ($REFERRAL_MATCH_TIMEZONE, else the machine's).
    timezone: str = ""

    def is_open(self, moment: dt.datetime) -> bool | None:
        """Return whether it is open at a moment (in its own time zone), None if hours unknown."""
        return (
            None if self.hours is None else self.hours.is_open(local_time(moment, self.timezone))
        )

    def as_given(self) -> Resource:
        """Return the resource as its source gave it, without what the import read into it.

        Rules read from the eligibility text (``Eligibility.from_text``), a service area
        guessed for a service with none (``area_from``), categories and a closure read from
        its words, and its time zone are left out: an export that keeps
        only what was given imports back into the same resource, the rest read again.
        """
        el = self.eligibility
        taken = {rule for rule, _ in el.from_text}
        read_in = self.area_from or self.categories_read or self.status_read or self.timezone
        if not taken and not read_in:
            return self
        given = Eligibility(
            min_age=None if "age" in taken else el.min_age,
            max_age=None if "age" in taken else el.max_age,
            genders=() if "gender" in taken else el.genders,
            populations=() if "population" in taken else el.populations,
            income_limit_fpl=None if "income" in taken else el.income_limit_fpl,
            text=el.text,
            residence=ServiceArea() if "residence" in taken else el.residence,
        )
        area = ServiceArea() if self.area_from else self.service_area
        read = {code for code, _ in self.categories_read}
        return dataclasses.replace(
            self,
            eligibility=given,
            service_area=area,
            area_from="",
            categories=tuple(c for c in self.categories if c not in read),
            categories_read=(),
            status=Status.ACTIVE if self.status_read else self.status,
            status_read="",
            # Found again from the ZIP code on import; HSDS keeps zones as UTC offsets only.
            timezone="",
        )

    @property
    def has_coordinates(self) -> bool:
        """Return True when the resource can be placed on a map."""
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the resource as JSON-serialisable plain data (the inverse of from_dict)."""
        el = self.eligibility
        area = self.service_area
        return {
            "id": self.id,
            "service_id": self.service_id,
            "organization_id": self.organization_id,
            "location_id": self.location_id,
            "name": self.name,
            "organization": self.organization,
            "description": self.description,
            "categories": list(self.categories),
            "keywords": list(self.keywords),
            "status": self.status.value,
            "address": None
            if self.address is None
            else {
                "street": self.address.street,
                "city": self.address.city,
                "state": self.address.state,
                "postal_code": self.address.postal_code,
            },
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geocoded_from": self.geocoded_from,
            "county": self.county,
            "phones": list(self.phones),
            "email": self.email,
            "website": self.website,
            "hours": None if self.hours is None else self.hours.to_text(),
            "hours_text": self.hours_text,
            "languages": list(self.languages),
            "eligibility": {
                "min_age": el.min_age,
                "max_age": el.max_age,
                "genders": list(el.genders),
                "populations": list(el.populations),
                "income_limit_fpl": el.income_limit_fpl,
                "text": el.text,
                "residence": _area_dict(el.residence),
                "from_text": [list(pair) for pair in el.from_text],
            },
            "cost": self.cost.value,
            "fees": self.fees,
            "service_area": _area_dict(area),
            "area_from": self.area_from,
            "categories_read": [list(pair) for pair in self.categories_read],
            "status_read": self.status_read,
            "timezone": self.timezone,
            "application_process": self.application_process,
            "required_documents": list(self.required_documents),
            "accessibility": list(self.accessibility),
            "last_verified": None
            if self.last_verified is None
            else self.last_verified.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Resource:
        """Rebuild a resource from the output of :meth:`to_dict`."""
        addr = data.get("address")
        el = data.get("eligibility") or {}
        area = data.get("service_area") or {}
        verified = data.get("last_verified")
        hours = data.get("hours")
        return cls(
            id=data["id"],
            service_id=data["service_id"],
            organization_id=data["organization_id"],
            location_id=data["location_id"],
            name=data["name"],
            organization=data["organization"],
            description=data.get("description", ""),
            categories=tuple(data.get("categories", ())),
            keywords=tuple(data.get("keywords", ())),
            status=Status(data.get("status", "active")),
            address=None if addr is None else Address(**addr),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            geocoded_from=data.get("geocoded_from", ""),
            county=data.get("county", ""),
            phones=tuple(data.get("phones", ())),
            email=data.get("email", ""),
            website=data.get("website", ""),
            hours=None if not hours else _parse_hours(hours),
            hours_text=data.get("hours_text", ""),
            languages=tuple(data.get("languages", ())),
            eligibility=Eligibility(
                min_age=el.get("min_age"),
                max_age=el.get("max_age"),
                genders=tuple(el.get("genders", ())),
                populations=tuple(el.get("populations", ())),
                income_limit_fpl=el.get("income_limit_fpl"),
                text=el.get("text", ""),
                residence=_area_from_dict(el.get("residence") or {}),
                from_text=tuple((rule, words) for rule, words in el.get("from_text", ())),
            ),
            cost=Cost(data.get("cost", "unknown")),
            fees=data.get("fees", ""),
            service_area=_area_from_dict(area),
            area_from=data.get("area_from", ""),
            categories_read=tuple(
                (code, words) for code, words in data.get("categories_read", ())
            ),
            status_read=data.get("status_read", ""),
            timezone=data.get("timezone", ""),
            application_process=data.get("application_process", ""),
            required_documents=tuple(data.get("required_documents", ())),
            accessibility=tuple(data.get("accessibility", ())),
            last_verified=None if not verified else dt.date.fromisoformat(verified),
        )


def _area_dict(area: ServiceArea) -> dict[str, Any]:
    return {
        "zips": list(area.zips),
        "cities": list(area.cities),
        "counties": list(area.counties),
        "states": list(area.states),
        "national": area.national,
    }


def _area_from_dict(area: dict[str, Any]) -> ServiceArea:
    return ServiceArea(
        zips=tuple(area.get("zips", ())),
        cities=tuple(area.get("cities", ())),
        counties=tuple(area.get("counties", ())),
        states=tuple(area.get("states", ())),
        national=bool(area.get("national", False)),
    )
