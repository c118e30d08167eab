"""Assemble resources from the rows of an HSDS package that join.

``ResourceBuilder`` turns a usable service (at a usable location, if any) and the rows linked
to them in ``HsdsTables`` into one ``Resource``: our ids back from an export, taxonomy terms
as categories, keywords and eligibility, the most specific address, hours, phones and
languages, and costs. Values it cannot use are warned about through ``Notes`` and left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from referral_match.hsds.fields import (
    TermMapper,
    TermMapping,
    combine_costs,
    cost_from_text,
    eligibility_words,
    humanize,
    merge_areas,
    read_address,
    read_area,
    read_email,
    read_languages,
    read_phone,
    read_schedule,
    split_commas,
    whole_number,
)
from referral_match.hsds.package_files import Row
from referral_match.hsds.row_problems import Notes
from referral_match.hsds.tables import SPLIT_FROM, HsdsTables
from referral_match.model import (
    ORGANIZATION_NOT_LISTED,
    Address,
    Cost,
    Eligibility,
    Resource,
    Status,
)
from referral_match.schedule import zone_name
from referral_match.sources import fields as parse
from referral_match.sources.schemas import stable_id

__all__ = ["ELIGIBILITY_TAXONOMY", "IDS_TAXONOMY", "KEYWORDS_TAXONOMY", "ResourceBuilder"]

#: The taxonomy our export files keywords under (they come back as keywords, not categories).
KEYWORDS_TAXONOMY = "referral-match keywords"
#: The taxonomy whose attributes carry our own ids when they are not UUIDs (see hsds_rows.py).
IDS_TAXONOMY = "referral-match ids"
#: The taxonomy of the eligibility HSDS has no field for: genders, populations, income limit.
ELIGIBILITY_TAXONOMY = "referral-match eligibility"


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


class ResourceBuilder:
    """Assemble the resources of one package from its indexed tables."""

    def __init__(self, tables: HsdsTables, terms: TermMapper, notes: Notes) -> None:
        self.tables = tables
        self.terms = terms
        self.notes = notes

    def build(self, service: Row, location: Row | None, sal: Row | None) -> Resource:
        """Join a usable service (at a usable location, if any) into a resource."""
        notes = self.notes
        service_id = service.get("id")
        location_id = location.get("id") if location is not None else ""
        org = self.tables.organization_of(service)
        ids = self._our_ids(service, location, sal, org)
        address = self._address(location_id) if location is not None else None
        state = address.state if address is not None else ""
        tags = self._terms(service, sal)
        eligibility_text = [service.get("eligibility_description"), service.get("eligibility")]
        genders = tuple(tags.genders)
        populations = tuple(tags.populations)
        for row in self.tables.by_service["eligibility"].get(service_id, []):
            text = row.get("eligibility")
            found_genders, found_populations = eligibility_words(text)
            genders += found_genders
            populations += found_populations
            if not (found_genders or found_populations):
                eligibility_text.append(text)
        areas = []
        for row in self.tables.by_service["service_areas"].get(service_id, []):
            column, text = row.first("name", "service_area", "description")
            if text:
                area, kept = read_area(row, column, text, state, notes)
                areas.append(area)
                if kept:
                    eligibility_text.append(f"Service area: {kept}")
        schedule_rows = self._schedule_rows(service_id, location_id, sal)
        hours, hours_text = read_schedule(schedule_rows, notes)
        # HSDS 3.0 schedules may say their time zone (a UTC offset; an IANA name is taken too).
        zone = next((z for r in schedule_rows if (z := zone_name(r.get("timezone")))), "")
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
            organization=org.get("name") or ORGANIZATION_NOT_LISTED,
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
                    for r in self.tables.by_service["required_documents"].get(service_id, [])
                    if r.get("document")
                )
            ),
            accessibility=tuple(
                dict.fromkeys(
                    humanize(r.first("description", "accessibility")[1])
                    for r in self.tables.accessibility.get(location_id, [])
                    if r.first("description", "accessibility")[1]
                )
            ),
            last_verified=self._verified(service),
            timezone=zone,
        )

    def _our_ids(
        self, service: Row, location: Row | None, sal: Row | None, org: Row
    ) -> tuple[str, str, str, str]:
        """Return (id, service_id, organization_id, location_id) of a resource.

        A resource at a location takes the service_at_location row's id (or one made from
        the service and location ids); a service without location takes the service's id.
        Ids that an export by referral-match replaced by UUIDs come back from its attributes.
        """
        service_id = service.get("id")
        org_id = org.get("id") or service.get("organization_id")
        location_id = location.get("id") if location is not None else ""
        if sal is not None and sal.get(SPLIT_FROM):
            # One of the resources of a row that named several services: its own id.
            resource_id = stable_id("hsds", sal.get("id"), service_id, location_id)
        elif sal is not None:
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
        for attribute, term in self.tables.attributes.get(link, []) if link else []:
            taxonomy = self.tables.term_taxonomy.get(term.get("id"))
            if taxonomy == IDS_TAXONOMY and term.get("code") == code:
                return attribute.get("value")
        return default

    def _terms(self, service: Row, sal: Row | None) -> _Tags:
        """Return what the terms linked to a service (or its row here) say about it."""
        tags = _Tags()
        links = self.tables.attributes.get(service.get("id"), [])
        if sal is not None and sal.get("id"):
            links = links + self.tables.attributes.get(sal.get("id"), [])
        for code in split_commas(service.get("taxonomy_ids")):
            if (term := self.tables.term_by_id.get(code)) is not None:
                links = [*links, (service, term)]
            else:  # an Open Eligibility code or a name, written in the service row
                tags.add_mapping(self.terms.map(service, code, "", "taxonomy_ids"))
        for attribute, term in links:
            taxonomy = self.tables.term_taxonomy.get(term.get("id"), "")
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
        rows = self.tables.addresses.get(location_id, [])
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
        at = self.tables.schedules
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
        at = self.tables.phones
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
        at = self.tables.languages
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
        for row in self.tables.by_service["cost_options"].get(service.get("id"), []):
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


def _address_kind(row: Row) -> str:
    kind = row.get("address_type").lower()
    if kind:
        return kind
    return "postal" if row.file.endswith("postal_addresses.csv") else "physical"
