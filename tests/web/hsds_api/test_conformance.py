"""The API answers as the official HSDS 3.0 openapi.json says, checked with its own schemas.

Every listing and record of the sample directory validates against the official response
schemas (jsonschema, formats included); this server's document describes the official
operations; and schemathesis sends each official operation generated requests, in-process:
as the document allows them, as it does not, and made of the sample's own ids and words so
that they find records. No answer may be a 5xx, and every 200 must match its schema (each
line of an ndjson stream, its record's). Bounded and derandomized: CI sends the same
requests every time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, positive_data_acceptance
from schemathesis.specs.openapi.checks import status_code_conformance

from referral_match.hsds.api_catalog import HsdsCatalog
from referral_match.model import Resource
from referral_match.taxonomy import default_taxonomy

pytestmark = pytest.mark.datasets

Conforms = Callable[..., list[str]]
LISTINGS = ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
#: Generated requests per operation and kind: about a minute for them all.
EXAMPLES = 60


def body(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_json()


def lines(client: FlaskClient, url: str) -> list[Any]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def test_the_check_catches_what_it_checks(hsds: FlaskClient, conforms: Conforms) -> None:
    page = body(hsds, "/hsds/services?per_page=2")
    assert conforms("/services", page) == []
    broken = json.loads(json.dumps(page))
    broken["total_items"] = "many"
    broken["contents"][0]["status"] = "open"
    del broken["contents"][1]["name"]
    broken["contents"][1]["id"] = "not a uuid"
    errors = conforms("/services", broken)
    assert len(errors) == 4, errors
    assert conforms("/services/{id}", {"id": "x"})  # a service needs a name and status


@pytest.mark.parametrize(
    "url",
    [
        "/hsds/services?per_page=1000",
        "/hsds/services?per_page=1000&full=true",
        "/hsds/services?minimal=true",
        "/hsds/services?search=food&taxonomy_id=x&page=2",
        "/hsds/organizations?per_page=1000",
        "/hsds/organizations?per_page=1000&full=true",
        "/hsds/organizations?per_page=20&full_service=true",
        "/hsds/taxonomies",
        "/hsds/taxonomy_terms?per_page=1000",
        "/hsds/taxonomy_terms?top_only=true",
        "/hsds/service_at_locations?per_page=1000",
        "/hsds/service_at_locations?per_page=1000&full=true",
        "/hsds/service_at_locations?postcode=94063&proximity=5000",
        "/hsds/",
    ],
)
def test_every_listing_matches_its_schema(hsds: FlaskClient, conforms: Conforms, url: str) -> None:
    path = "/" + url.removeprefix("/hsds/").partition("?")[0]
    assert conforms(path, body(hsds, url)) == []


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_record_and_streamed_line_matches_its_schema(
    hsds: FlaskClient, conforms: Conforms, listing: str
) -> None:
    records = lines(hsds, f"/hsds/{listing}?format=ndjson&full=true")
    assert records
    for record in records:
        assert conforms(f"/{listing}", record, item=True) == [], record["id"]
        detail = body(hsds, f"/hsds/{listing}/{record['id']}")
        assert conforms(f"/{listing}/{{id}}", detail) == [], record["id"]
    for record in lines(hsds, f"/hsds/{listing}?format=ndjson"):
        assert conforms(f"/{listing}", record, item=True) == [], record["id"]


def test_awkward_records_match_their_schemas(awkward: list[Resource], conforms: Conforms) -> None:
    by_id = {r.id: r for r in awkward}
    catalog = HsdsCatalog.build(
        awkward, taxonomy=default_taxonomy(), fetch=by_id.get, modified=dt.datetime.now(dt.UTC)
    )
    for p in range(len(catalog.service_ids)):
        for form in ("list", "minimal", "full"):
            assert (
                conforms("/services", json.loads(catalog.service_item(p, form)), item=True) == []
            )
        assert conforms("/services/{id}", json.loads(catalog.service_item(p, "full"))) == []
    for p in range(len(catalog.sal_ids)):
        for full in (False, True):
            item = json.loads(catalog.sal_item(p, full))
            assert conforms("/service_at_locations", item, item=True) == []
        assert conforms("/service_at_locations/{id}", json.loads(catalog.sal_record(p))) == []
    for p in range(len(catalog.organization_ids)):
        record = json.loads(catalog.organization_item(p, "full"))
        assert conforms("/organizations/{id}", record) == []


def test_our_document_describes_the_official_operations(
    hsds: FlaskClient, official: dict[str, Any]
) -> None:
    ours = body(hsds, "/hsds/openapi.json")

    def resolve(doc: dict[str, Any], param: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in param:
            param = doc["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        return param

    def plain(doc: dict[str, Any], schema: Any) -> Any:
        """Return a schema with the document's own schemas written out, without prose."""
        if isinstance(schema, list):
            return [plain(doc, s) for s in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/") and ref != "#/components/schemas/Page":
            return plain(doc, doc["components"]["schemas"][ref.rsplit("/", 1)[1]])
        return {k: plain(doc, v) for k, v in schema.items() if k != "description"}

    def operations(doc: dict[str, Any]) -> dict[str, Any]:
        found = {}
        for path, item in doc["paths"].items():
            get = item["get"]
            params = [
                resolve(doc, p) for p in item.get("parameters", []) + get.get("parameters", [])
            ]
            schema = plain(doc, get["responses"]["200"]["content"]["application/json"]["schema"])
            found[path] = {
                "operationId": get["operationId"],
                "parameters": sorted((p["name"], p["in"], p["schema"]["type"]) for p in params),
                "schema": json.dumps(schema, sort_keys=True),
            }
        return found

    assert operations(ours) == operations(official)
    page = [plain(d, d["components"]["schemas"]["Page"]) for d in (ours, official)]
    assert page[0] == page[1]


@pytest.fixture(scope="module")
def operations(hsds_app: Flask, bundled: dict[str, Any]) -> dict[str, Any]:
    schema = schemathesis.openapi.from_dict(bundled)
    schema.app = hsds_app
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


OPERATIONS = [
    "GET /",
    "GET /services/{id}",
    "GET /services",
    "GET /taxonomies/{id}",
    "GET /taxonomies",
    "GET /taxonomy_terms/{id}",
    "GET /taxonomy_terms",
    "GET /organizations/{id}",
    "GET /organizations",
    "GET /service_at_locations/{id}",
    "GET /service_at_locations",
]


def test_every_official_operation_is_tried(operations: dict[str, Any]) -> None:
    assert sorted(operations) == sorted(OPERATIONS)
    assert {label for label in OPERATIONS if not list(operations[label].query)} == ONLY_AN_ID


@pytest.fixture(scope="module")
def known(hsds_app: Flask) -> dict[str, list[str]]:
    """Return ids, words and places of the sample, to make requests that find records."""
    client = hsds_app.test_client()
    found = {
        name: [r["id"] for r in lines(client, f"/hsds/{name}?format=ndjson")][:25]
        for name in LISTINGS
    }
    return {
        **found,
        "search": ["food", "pantry", "Free clinic", "redwood", "zzzq", ""],
        "postcode": ["94063", "94401", "94025", "94010"],
        "proximity": ["0", "500", "5000", "25000.5"],
        "modified_after": ["2000-01-01", "2100-01-01T00:00:00Z"],
        "boolean": ["true", "false"],
        "format": ["json", "ndjson"],
    }


def realistic(op: Any, known: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    """Return requests of an operation made of the sample's own values."""
    listing = op.path.strip("/").split("/")[0]
    values: dict[str, st.SearchStrategy[str]] = {
        "page": st.integers(1, 4).map(str),
        "per_page": st.integers(1, 60).map(str),
        "taxonomy_term_id": st.sampled_from(known["taxonomy_terms"]),
        "taxonomy_id": st.sampled_from(known["taxonomies"]),
        "organization_id": st.sampled_from(known["organizations"]),
        "parent_id": st.sampled_from(known["taxonomy_terms"]),
    }
    for name in ("search", "postcode", "proximity", "modified_after", "format"):
        values[name] = st.sampled_from(known[name])
    query = {}
    for param in op.query:
        name = param.name
        query[name] = values.get(name, st.sampled_from(known["boolean"]))
    if op.path.endswith("{id}"):
        ids = st.sampled_from(known[listing] + ["no-such-id"])
        path = st.fixed_dictionaries({"id": ids})
    else:
        path = st.just({})
    return st.tuples(path, st.fixed_dictionaries({}, optional=query)).map(
        lambda pq: op.Case(path_parameters=pq[0] or None, query=pq[1])
    )


#: Operations with nothing to send but a path id, which is any text: no request can break
#: their document, so they get no negative requests.
ONLY_AN_ID = {"GET /", "GET /services/{id}", "GET /taxonomies/{id}", "GET /taxonomy_terms/{id}"}
ONLY_AN_ID.add("GET /service_at_locations/{id}")
RUNS = [
    (label, kind)
    for label in OPERATIONS
    for kind in ("positive", "negative", "realistic")
    if not (kind == "negative" and label in ONLY_AN_ID)
]


@pytest.mark.parametrize(("label", "kind"), RUNS)
def test_the_api_answers_as_the_official_document_says(
    operations: dict[str, Any],
    known: dict[str, list[str]],
    conforms: Conforms,
    label: str,
    kind: str,
) -> None:
    op = operations[label]
    strategy = (
        realistic(op, known)
        if kind == "realistic"
        else op.as_strategy(
            GenerationMode.POSITIVE if kind == "positive" else GenerationMode.NEGATIVE
        )
    )
    statuses: set[int] = set()

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = case.call()
        statuses.add(response.status_code)
        if (case.query or {}).get("format") == "ndjson" and response.status_code == 200:
            # The official document knows no ndjson type: check each line's record instead.
            case.validate_response(response, checks=[not_a_server_error])
            for line in response.text.splitlines():
                assert conforms(op.path, json.loads(line), item=True) == []
            return
        # Refusing what the document allows (a page of 0, an unknown ZIP) is a 400 or 404
        # with a message, which the document does not list: those two checks are left out.
        case.validate_response(
            response, excluded_checks=[positive_data_acceptance, status_code_conformance]
        )
        if response.status_code >= 400:
            assert response.json()["error"]["message"]

    call()
    assert max(statuses) < 500
    if kind == "realistic":
        assert 200 in statuses  # the requests found records
