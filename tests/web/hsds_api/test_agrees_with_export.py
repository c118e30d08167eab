"""The API and ``export --format hsds`` agree: the same ids, the same records, nested alike.

The catalog keeps only the one-to-one fields and makes nested records again on demand,
giving each resource the ids the build gave it: every nested record must be the export's
own rows nested, even where resources split a service or share a location.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from referral_match import Directory
from referral_match.hsds.api_catalog import HsdsCatalog
from referral_match.hsds.api_records import Tables, json_row, nested_service
from referral_match.hsds.export import export_hsds
from referral_match.hsds.rows import HsdsRows
from referral_match.model import Resource
from referral_match.taxonomy import default_taxonomy

WHEN = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def stream(client: FlaskClient, url: str) -> list[dict[str, Any]]:
    body = client.get(url).get_data(as_text=True)
    return [json.loads(line) for line in body.splitlines()]


def as_cell(value: Any) -> str:
    """Return a JSON value as the package's CSV writes it (formulas quoted)."""
    text = str(value)
    return (
        "'" + text
        if text[:1] in "=+-@" and not text.lstrip("-").replace(".", "").isdigit()
        else text
    )


@pytest.mark.parametrize(
    ("file", "url"),
    [
        ("services.csv", "/hsds/services?format=ndjson"),
        ("organizations.csv", "/hsds/organizations?format=ndjson"),
        ("service_at_location.csv", "/hsds/service_at_locations?format=ndjson"),
        ("taxonomies.csv", "/hsds/taxonomies?format=ndjson"),
        ("taxonomy_terms.csv", "/hsds/taxonomy_terms?format=ndjson"),
    ],
)
def test_listings_hold_the_exported_rows_in_their_order(
    hsds: FlaskClient, sample_directory: Directory, tmp_path: Path, file: str, url: str
) -> None:
    export_hsds(sample_directory.resources(), tmp_path)
    exported = csv_rows(tmp_path / file)
    listed = stream(hsds, url)
    assert [r["id"] for r in listed] == [r["id"] for r in exported]
    for record, row in zip(listed, exported, strict=True):
        flat = {k: v for k, v in record.items() if not isinstance(v, dict | list)}
        assert {k: as_cell(v) for k, v in flat.items() if k != "last_modified"} == {
            k: v for k, v in row.items() if k != "last_modified" and (v != "" or k in flat)
        }


def catalog_of(resources: list[Resource]) -> HsdsCatalog:
    by_id = {r.id: r for r in resources}
    return HsdsCatalog.build(
        resources, taxonomy=default_taxonomy(), fetch=by_id.get, modified=WHEN
    )


def exported_nested(resources: list[Resource]) -> dict[str, dict[str, Any]]:
    """Return every service nested from the rows the export writes, by id."""
    rows = HsdsRows(default_taxonomy())
    for r in resources:
        rows.resource(r)
    t = Tables(rows.tables)
    locations = {row["id"]: json_row("location", row) for row in rows.tables["location"]}
    found = {}
    for row in rows.tables["service"]:
        service = {**json_row("service", row), "last_modified": WHEN.isoformat()}
        org = t.one("organization", row["organization_id"])
        found[row["id"]] = nested_service(t, service, org, locations)
    return found


@pytest.mark.parametrize("which", ["awkward", "sample"])
def test_nested_records_are_the_exported_rows_nested(
    sample_directory: Directory, awkward: list[Resource], which: str
) -> None:
    resources = awkward if which == "awkward" else list(sample_directory.resources())
    catalog = catalog_of(resources)
    expected = exported_nested(resources)
    assert catalog.service_ids == list(expected)
    for p, service_id in enumerate(catalog.service_ids):
        assert json.loads(catalog.service_item(p, "full")) == expected[service_id]


def test_the_awkward_resources_are_what_they_seem(awkward: list[Resource]) -> None:
    catalog = catalog_of(awkward)
    assert len(catalog.service_ids) == 6  # svc-1 split in two, svc-2 ... svc-5
    assert len(catalog.sal_ids) == 6  # every resource but the hotline without a place
    services = [json.loads(catalog.service_item(p, "full")) for p in range(6)]

    def ours(record: dict[str, Any]) -> set[str]:
        return {a["value"] for a in record.get("attributes", []) if a["link_type"] == "identifier"}

    assert "svc-1" in ours(services[0]) and "svc-1" in ours(services[1])
    assert len(services[0]["service_at_locations"]) == 2  # r-1 and r-2
    # loc-1 is written once, by r-1 (org-1); r-4 of org-2 is there too.
    shared = services[2]["service_at_locations"][0]["location"]
    assert shared == services[0]["service_at_locations"][0]["location"]
    assert shared["organization_id"] == services[0]["organization_id"]
    assert shared["organization_id"] != services[2]["organization_id"]
    phone = services[0]["service_at_locations"][0]["phones"][0]
    assert (phone["number"], phone["extension"]) == ("(650) 555-0101", 12)
    hotline = services[3]
    assert "service_at_locations" not in hotline and hotline["languages"]
    # Its extension keeps its zero: not a number, so it stays with the number.
    assert [(p["number"], "extension" in p) for p in hotline["phones"]] == [
        ("(650) 555-0105 ext. 012", False)
    ]
    virtual = services[4]["service_at_locations"][0]["location"]
    assert virtual["location_type"] == "virtual"
    assert [a["description"] for a in virtual["accessibility"]] == ["ramp"]
    (streetless,) = services[5]["service_at_locations"][0]["location"]["addresses"]
    assert streetless["address_1"] == "" and streetless["city"] == "Redwood City"


def test_a_service_at_location_is_nested_with_its_own_rows_only(
    awkward: list[Resource],
) -> None:
    catalog = catalog_of(awkward)
    for p, sal_id in enumerate(catalog.sal_ids):
        service = json.loads(catalog.sal_record(p))
        (place,) = service["service_at_locations"]
        assert place["id"] == sal_id
        position = catalog.service_position(service["id"])
        assert position is not None
        full = json.loads(catalog.service_item(position, "full"))
        assert place in full["service_at_locations"]
        item = json.loads(catalog.sal_item(p, full=True))
        assert item["location"] == place["location"] and item["service"]["id"] == service["id"]
