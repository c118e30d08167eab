"""marshmallow schemas that turn validated input rows into :class:`Resource` records."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validates_schema

from referral_match.geo.places import normalize_state, normalize_zip
from referral_match.model import Address, Cost, Eligibility, Resource, ServiceArea, Status
from referral_match.schedule import WeeklySchedule
from referral_match.sources import fields as parse
from referral_match.taxonomy import Taxonomy

__all__ = ["FLAT_COLUMNS", "REQUIRED_COLUMNS", "FlatRowSchema", "stable_id"]


class Parsed(fields.Field):  # type: ignore[type-arg]
    """A field read by one of the ``referral_match.sources.fields`` parse functions."""

    def __init__(self, parse_value: Callable[[str], Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.parse_value = parse_value

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        try:
            return self.parse_value(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class Categories(fields.Field):  # type: ignore[type-arg]
    """Taxonomy codes or names, resolved to codes with the schema's taxonomy."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        resolve = self.parent.resolve_category  # type: ignore[union-attr]
        try:
            return tuple(dict.fromkeys(resolve(v) for v in parse.split_list(value)))
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


def _text_list(text: str) -> tuple[str, ...]:
    return tuple(parse.split_list(text))


def stable_id(*parts: str) -> str:
    """Return a short id derived from the given parts, the same on every import."""
    key = "|".join(" ".join(p.lower().split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


class FlatRowSchema(Schema):
    """One row of the flat CSV format (see README), loaded into a :class:`Resource`.

    Empty cells must be removed before loading so that they take the defaults. The
    coordinates of rows without latitude/longitude are filled in later by geocoding.
    """

    class Meta:
        unknown = EXCLUDE  # unknown columns are reported once per file, not once per row

    id = fields.String()
    service_id = fields.String()
    organization_id = fields.String()
    location_id = fields.String()
    name = fields.String(required=True, error_messages={"required": "the service has no name."})
    organization = fields.String(
        required=True, error_messages={"required": "the organization's name is missing."}
    )
    description = fields.String()
    categories = Categories()
    keywords = Parsed(_text_list)
    status = Parsed(parse.parse_status)
    address = fields.String()
    city = fields.String()
    state = Parsed(lambda s: _state(s))
    postal_code = Parsed(lambda s: _zip(s))
    latitude = Parsed(parse.parse_latitude)
    longitude = Parsed(parse.parse_longitude)
    phones = Parsed(parse.parse_phones)
    email = fields.Email(
        error_messages={"invalid": "not an email address: write name@domain.org."}
    )
    website = Parsed(parse.parse_website)
    hours = fields.String()
    languages = Parsed(parse.parse_languages)
    min_age = Parsed(parse.parse_age)
    max_age = Parsed(parse.parse_age)
    genders = Parsed(parse.parse_genders)
    populations = Parsed(parse.parse_populations)
    income_limit_fpl = Parsed(parse.parse_fpl_percent)
    eligibility = fields.String()
    cost = Parsed(parse.parse_cost)
    fees = fields.String()
    service_area = fields.String()
    application_process = fields.String()
    required_documents = Parsed(_text_list)
    accessibility = Parsed(_text_list)
    last_verified = Parsed(parse.parse_date)

    def __init__(self, taxonomy: Taxonomy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.taxonomy = taxonomy
        self.warnings: list[tuple[str, str, str]] = []
        # Values repeat across rows; each distinct one is parsed once per import.
        self.resolve_category = functools.lru_cache(maxsize=4096)(taxonomy.resolve)
        self.parse_hours = functools.lru_cache(maxsize=4096)(WeeklySchedule.parse)

    @validates_schema
    def check_pairs(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Check the values that only make sense together."""
        lo, hi = data.get("min_age"), data.get("max_age")
        if lo is not None and hi is not None and lo > hi:
            raise ValidationError(
                f"min_age {lo} is above max_age {hi}: swap them, or fix the one that is wrong.",
                "max_age",
            )
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError(
                f"{missing} is missing while the other coordinate is given: give both, "
                "or neither to have them found from the ZIP code.",
                missing,
            )

    @post_load
    def make_resource(self, data: dict[str, Any], **kwargs: Any) -> Resource:
        """Build the resource, making stable ids for any the row leaves blank."""
        org, name = data["organization"], data["name"]
        street, city = data.get("address", ""), data.get("city", "")
        state, postal = data.get("state", ""), data.get("postal_code", "")
        has_address = any((street, city, state, postal))
        organization_id = data.get("organization_id") or stable_id(org)
        service_id = data.get("service_id") or stable_id(org, name)
        location_id = data.get("location_id") or (
            stable_id(org, street, city, postal) if has_address else ""
        )
        hours_text = data.get("hours", "")
        hours = self._parse_hours(hours_text)
        return Resource(
            id=data.get("id") or _resource_id(data, org, name, (street, city, postal)),
            service_id=service_id,
            organization_id=organization_id,
            location_id=location_id,
            name=name,
            organization=org,
            description=data.get("description", ""),
            categories=data.get("categories", ()),
            keywords=data.get("keywords", ()),
            status=data.get("status", Status.ACTIVE),
            address=Address(street, city, state, postal) if has_address else None,
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            geocoded_from="given" if "latitude" in data else "",
            phones=data.get("phones", ()),
            email=data.get("email", ""),
            website=data.get("website", ""),
            hours=hours,
            hours_text=hours_text,
            languages=data.get("languages", ()),
            eligibility=Eligibility(
                min_age=data.get("min_age"),
                max_age=data.get("max_age"),
                genders=data.get("genders", ()),
                populations=data.get("populations", ()),
                income_limit_fpl=data.get("income_limit_fpl"),
                text=data.get("eligibility", ""),
            ),
            cost=data.get("cost", Cost.UNKNOWN),
            fees=data.get("fees", ""),
            service_area=self._service_area(data.get("service_area", ""), state),
            application_process=data.get("application_process", ""),
            required_documents=data.get("required_documents", ()),
            accessibility=data.get("accessibility", ()),
            last_verified=data.get("last_verified"),
        )

    def _service_area(self, text: str, state: str) -> ServiceArea:
        # Parsed here rather than as a field: a county written without its state takes the
        # state of the row's address.
        if not text:
            return ServiceArea()
        try:
            return parse.parse_service_area(text, default_state=state or None)
        except ValueError as exc:
            raise ValidationError(str(exc), "service_area") from exc

    def _parse_hours(self, text: str) -> WeeklySchedule | None:
        # Hours a program cannot read ("by appointment") are still worth showing to a case
        # manager, so they are kept as text with a warning rather than rejecting the row.
        if not text:
            return None
        try:
            return self.parse_hours(text)
        except ValueError as exc:
            self.warnings.append(("hours", text, f"{exc}. Until then it is shown as written."))
            return None

    def load_row(self, cells: dict[str, str]) -> tuple[Resource, list[tuple[str, str, str]]]:
        """Load one row's non-empty cells into a resource, with (column, value, message)
        warnings; raise ValidationError naming the bad columns."""
        self.warnings = []
        resource: Resource = self.load(cells)
        return resource, self.warnings


def _state(text: str) -> str:
    state = normalize_state(text)
    if state is None:
        raise ValueError(f'"{text}" is not a US state: write its two-letter code, like CA.')
    return state


def _zip(text: str) -> str:
    zip_code = normalize_zip(text)
    if zip_code is None:
        raise ValueError(f'"{text}" is not a ZIP code: write 5 digits, like 94063 or 94063-1234.')
    return zip_code


#: Every column of the flat CSV format, in the order of the template.
FLAT_COLUMNS: tuple[str, ...] = tuple(FlatRowSchema._declared_fields)
#: Columns a flat CSV must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("name", "organization")


def _resource_id(data: dict[str, Any], org: str, name: str, address: tuple[str, ...]) -> str:
    """Return the id of a row that gives none, from the ids it gives where it gives them.

    A service id and a location id make the id (the same on every import, whatever else
    changes); a service id alone makes it with the address; only a row with neither is
    named by its organization, name and address.
    """
    service, location = data.get("service_id"), data.get("location_id")
    if service and location:
        return stable_id("service at location", service, location)
    if service:
        return stable_id("service", service, *address)
    return stable_id(org, name, *address)
