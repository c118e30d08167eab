"""Fixtures of the HSDS API tests: the app over the sample directory, awkward resources, and
the official schemas.

The official ``openapi.json`` refers to the HSDS schemas by their published URLs; ``bundled``
puts the copies from ``$REFERRAL_MATCH_DATASETS/hsds-3.0-schema`` into its components
instead, so that both jsonschema and schemathesis read them offline.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from referral_match.model import Address, Resource, ServiceArea
from webapp import create_app

PUBLISHED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
#: The published schemas the official openapi.json names, and the copies that stand for
#: them (a compiled schema is its table's schema with the references written out).
STAND_INS = {
    "compiled/service.json": "service.json",
    "compiled/organization.json": "organization.json",
    "compiled/service_list.json": "compiled/service_list.json",
    "compiled/organization_list.json": "compiled/organization_list.json",
    "compiled/service_at_location_list.json": "compiled/service_at_location_list.json",
    "taxonomy.json": "taxonomy.json",
    "taxonomy_term.json": "taxonomy_term.json",
}


def _name(file: str) -> str:
    return file.removesuffix(".json").replace("/", "_")


def bundle(official: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Return the official document with every schema it refers to in its components."""
    doc = copy.deepcopy(official)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})

    def load(file: str) -> str:
        name = _name(file)
        if name not in schemas:
            schemas[name] = {}  # taken before reading: schemas refer to each other
            schemas[name] = rewrite(json.loads((folder / file).read_text("utf-8")))
        return f"#/components/schemas/{name}"

    def rewrite(node: Any) -> Any:
        if isinstance(node, list):
            return [rewrite(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {k: rewrite(v) for k, v in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PUBLISHED):
            out["$ref"] = load(STAND_INS[ref.removeprefix(PUBLISHED)])
        elif isinstance(ref, str) and ref.endswith(".json"):  # a table schema's neighbour
            out["$ref"] = load(ref)
        return out

    doc["paths"] = rewrite(doc["paths"])
    return doc


@pytest.fixture(scope="session")
def official(datasets: Path) -> dict[str, Any]:
    """Return the official HSDS 3.0 openapi.json, as published."""
    path = datasets / "hsds-3.0-schema" / "openapi.json"
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


@pytest.fixture(scope="session")
def bundled(official: dict[str, Any], datasets: Path) -> dict[str, Any]:
    """Return the official document with the official schemas in it, served under /hsds."""
    doc = bundle(official, datasets / "hsds-3.0-schema")
    doc["servers"] = [{"url": "/hsds"}]
    return doc


@pytest.fixture(scope="session")
def conforms(bundled: dict[str, Any]) -> Callable[..., list[str]]:
    """Return a check of a body against the official 200 schema of an API path.

    ``conforms("/services", body)`` lists what is wrong (empty when the body is valid),
    formats included (UUIDs, dates, date-times); ``item=True`` checks one record of a
    listing (a line of ``format=ndjson``) instead of a page.
    """
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    base = "urn:hsds-openapi"
    registry = Registry().with_resource(base, Resource(bundled, DRAFT202012))
    validators: dict[str, Any] = {}

    def check(path: str, body: Any, *, item: bool = False) -> list[str]:
        if (path, item) not in validators:
            pointer = path.replace("~", "~0").replace("/", "~1")
            ref = f"{base}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
            ref += "/properties/contents/items" if item else ""
            validators[path, item] = Draft202012Validator(
                {"$ref": ref}, registry=registry, format_checker=FormatChecker()
            )
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validators[path, item].iter_errors(body)
        ]

    return check


@pytest.fixture(scope="session")
def hsds_app(sample_index: Path) -> Iterator[Flask]:
    """Return an app over the sample directory, shared by the session (one catalog build)."""
    yield create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def hsds(hsds_app: Flask) -> FlaskClient:
    """Return a test client of the shared app."""
    return hsds_app.test_client()


def resource(**changes: Any) -> Resource:
    """Return a resource at a place, with these fields changed."""
    base: dict[str, Any] = {
        "id": "r-1",
        "service_id": "svc-1",
        "organization_id": "org-1",
        "location_id": "loc-1",
        "name": "Food Pantry",
        "organization": "Peninsula Helping Hands (fictional)",
        "address": Address("2600 Middlefield Rd", "Redwood City", "CA", "94063"),
        "latitude": 37.4815,
        "longitude": -122.2091,
        "geocoded_from": "given",
        "categories": ("102-04",),
        "keywords": ("groceries",),
        "phones": ("(650) 555-0101 ext. 12",),
        "languages": ("en", "es"),
        "service_area": ServiceArea(counties=("san mateo|CA",)),
    }
    return Resource(**{**base, **changes})


@pytest.fixture()
def awkward() -> list[Resource]:
    """Return resources that make the export split a service (r-1, r-3), share a location
    between organizations (r-1, r-4), give a service no place (r-5, whose extension is not
    a number), a hotline with accessibility a virtual location (r-6), and an address no
    street (r-7)."""
    return [
        resource(),
        resource(id="r-2", location_id="loc-2", address=None, phones=()),
        resource(id="r-3", description="Another description, so another service", languages=()),
        resource(
            id="r-4",
            service_id="svc-2",
            name="Clothing Closet",
            organization_id="org-2",
            organization="Other Partners (fictional)",
        ),
        resource(
            id="r-5",
            service_id="svc-3",
            location_id="",
            address=None,
            geocoded_from="",
            phones=("(650) 555-0105 ext. 012",),
        ),
        resource(
            id="r-6",
            service_id="svc-4",
            location_id="",
            address=None,
            geocoded_from="",
            accessibility=("ramp",),
        ),
        resource(
            id="r-7",
            service_id="svc-5",
            location_id="loc-7",
            address=Address("", "Redwood City", "CA", "94063"),
            geocoded_from="zip",
        ),
    ]
