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

``hsds_rows`` turns resources into the tables' rows; ``hsds_package`` lays out and writes
the package's files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from referral_match.hsds.package import HSDS_TABLES, neutralise, write_package
from referral_match.hsds.rows import HsdsRows
from referral_match.model import Resource
from referral_match.taxonomy import Taxonomy, default_taxonomy

__all__ = ["HSDS_TABLES", "export_hsds", "hsds_service", "neutralise"]


def export_hsds(
    resources: Iterable[Resource], outdir: Path, *, taxonomy: Taxonomy | None = None
) -> dict[str, int]:
    """Write resources as an HSDS 3.0 tabular package in outdir; return rows per file.

    Each file is written beside its final name and moved into place when complete, so an
    interrupted export never leaves half a file. Files of outdir that are not part of the
    package are left alone.
    """
    collected = HsdsRows(taxonomy or default_taxonomy())
    for resource in resources:
        collected.resource(resource)
    return write_package(Path(outdir), collected.tables)


def hsds_service(resource: Resource, *, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """Return one resource as an HSDS 3.0 service object (the API's ``/services/<id>``).

    The service carries its organization, phones, schedules, service areas, languages, cost
    options, required documents, attributes and, when it has a place, its
    service_at_location (with its own phones, schedules and attributes) and the location
    (with its addresses, accessibility and attributes), as the HSDS API nests them; the
    attributes carry the ids of ours that are not UUIDs. ``json_read`` reads it back.
    """
    collected = HsdsRows(taxonomy or default_taxonomy())
    collected.resource(resource)
    t = collected.tables

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
        nested["organization"] = with_attributes(organization, organization["id"])
    places = []
    for link in children("service_at_location", "service_id", sid):
        # A resource at a place has its phones and hours on its service_at_location row.
        for table, plural in (("phone", "phones"), ("schedule", "schedules")):
            if rows := children(table, "service_at_location_id", link["id"]):
                link[plural] = rows
        location = next(
            (clean(x) for x in t["location"] if x["id"] == link.get("location_id")), None
        )
        if location is not None:
            for table, plural in (("address", "addresses"), ("accessibility", "accessibility")):
                if rows := children(table, "location_id", location["id"]):
                    location[plural] = rows
            link["location"] = with_attributes(location, location["id"])
        places.append(with_attributes(link, link["id"]))
    if places:
        nested["service_at_locations"] = places
    return with_attributes(nested, sid)
