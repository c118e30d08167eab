"""The JSON API: same shapes as the CLI, field-level errors, and its OpenAPI document."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from webapp import create_app


@pytest.fixture()
def api(sample_index: Path) -> FlaskClient:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)}).test_client()


def test_search(api: FlaskClient) -> None:
    response = api.get("/api/v1/search?q=food+pantry&near=94063&radius=5&language=es&limit=3")
    assert response.status_code == 200
    data = response.get_json()
    assert set(data) >= {"results", "total", "took_ms", "facets"}
    assert len(data["results"]) <= 3
    for result in data["results"]:
        assert "es" in result["languages"] and result["reasons"]


def test_search_bad_parameters_name_the_field(api: FlaskClient) -> None:
    response = api.get("/api/v1/search?q=food&radius=far&limit=0")
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == {"radius", "limit"}


def test_search_unknown_place(api: FlaskClient) -> None:
    response = api.get("/api/v1/search?q=food&near=Nowhere,+ZZ")
    assert response.status_code == 400
    assert "location" in response.get_json()["error"]["fields"]


def test_match(api: FlaskClient) -> None:
    profile = {
        "needs": ["evicted", "no food"],
        "location": "94063",
        "age": 67,
        "languages": ["es"],
    }
    response = api.post("/api/v1/match?limit=5", json=profile)
    assert response.status_code == 200
    data = response.get_json()
    assert set(data["by_need"]) == {"evicted", "no food"}
    assert 0 < len(data["results"]) <= 5


@pytest.mark.parametrize(
    ("profile", "fields"),
    [
        ({"needs": ["food"], "age": -1, "gender": "robot"}, {"age", "gender"}),
        ({}, {"needs"}),
        ({"needs": ["food"], "favourite_colour": "blue"}, {"favourite_colour"}),
        ({"needs": ["food"], "children_ages": [4, 19]}, {"children_ages.1"}),
        ({"needs": ["food"], "household_size": 1, "children_ages": [4]}, {"household_size"}),
    ],
)
def test_match_rejects_bad_profiles_field_by_field(
    api: FlaskClient,
    profile: dict,  # type: ignore[type-arg]
    fields: set[str],
) -> None:
    response = api.post("/api/v1/match", json=profile)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert set(error["fields"]) == fields
    assert all(error["fields"][f] for f in fields)


def test_match_for_a_parent_with_childrens_ages(api: FlaskClient) -> None:
    profile = {"needs": ["after school program"], "location": "94303", "age": 41}
    profile |= {"household_size": 2, "children_ages": [9]}
    data = api.post("/api/v1/match", json=profile).get_json()
    reasons = [r for result in data["results"] for r in result["reasons"]]
    assert "Eligible: Serves ages 5 to 13; the client has a child of 9." in reasons


def test_match_needs_json(api: FlaskClient) -> None:
    response = api.post("/api/v1/match", data="needs=food")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]["message"]


def test_resource_and_404(api: FlaskClient) -> None:
    first = api.get("/api/v1/search?q=food").get_json()["results"][0]["id"]
    assert api.get(f"/api/v1/resources/{first}").get_json()["id"] == first
    missing = api.get("/api/v1/resources/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["message"] == 'There is no resource with the id "nope".'


def test_taxonomy(api: FlaskClient) -> None:
    terms = api.get("/api/v1/taxonomy").get_json()["terms"]
    assert {"code": "102", "name": "Food", "parent": None}.items() <= terms[
        next(i for i, t in enumerate(terms) if t["code"] == "102")
    ].items()


def test_openapi_document_describes_every_route(api: FlaskClient) -> None:
    doc = api.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {
        "/api/v1/search",
        "/api/v1/match",
        "/api/v1/resources/{resource_id}",
        "/api/v1/services/{resource_id}",
        "/api/v1/taxonomy",
    }
    profile = doc["components"]["schemas"]["ClientProfile"]["properties"]
    assert {"needs", "location", "age", "languages"} <= set(profile)
    names = {p["name"] for p in doc["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "near", "radius", "category", "limit"} <= names


def test_services_are_hsds_3_shaped(api: FlaskClient) -> None:
    first = api.get("/api/v1/search?q=food+pantry&near=94063").get_json()["results"][0]
    service = api.get(f"/api/v1/services/{first['id']}").get_json()
    assert {"id", "name", "status"} <= set(service)
    assert service["name"] == first["name"]
    assert service["organization"]["name"] == first["organization"]
    location = service["service_at_locations"][0]["location"]
    assert location["latitude"] == pytest.approx(first["latitude"])
    assert api.get("/api/v1/services/nope").status_code == 404


def test_services_validate_against_the_official_schema(
    api: FlaskClient, datasets: Path, sample_directory
) -> None:  # type: ignore[no-untyped-def]
    import json

    import jsonschema

    schema_file = datasets / "hsds-3.0-schema" / "compiled" / "service_with_definitions.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text("utf-8")))
    checked = 0
    for resource in list(sample_directory.resources())[:60]:
        service = api.get(f"/api/v1/services/{resource.id}").get_json()
        errors = [e.message for e in validator.iter_errors(service)]
        assert errors == [], (resource.id, errors[:3])
        checked += 1
    assert checked == 60
