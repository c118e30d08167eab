"""The HSDS API's behaviour on the sample directory: pages, filters, forms, streams, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from referral_match import Directory, import_directory
from referral_match.geo.gazetteer import default_gazetteer
from referral_match.geo.places import distance_miles
from referral_match.hsds.api_search import fold_words
from webapp import create_app

SERVICES = 349  # the sample's 352 resources are 349 HSDS services


def get(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def stream(client: FlaskClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/x-ndjson"
    assert response.is_streamed  # sent as made, never held whole
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["contents"]]


def test_the_root_says_what_the_api_is(hsds: FlaskClient) -> None:
    about = get(hsds, "/hsds/")
    assert about["version"] == "3.0"
    assert about["openapi_url"] == "http://localhost/hsds/openapi.json"
    assert about["profile"].startswith("https://")
    doc = get(hsds, "/hsds/openapi.json")
    assert doc["openapi"] == "3.1.0"
    assert doc["servers"] == [{"url": "http://localhost/hsds"}]


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("", (SERVICES, 7, 1, 50, True, False, False)),
        ("?page=2&per_page=50", (SERVICES, 7, 2, 50, False, False, False)),
        ("?page=7&per_page=50", (SERVICES, 7, 7, 49, False, True, False)),
        ("?page=8&per_page=50", (SERVICES, 7, 8, 0, False, True, True)),
        ("?per_page=349", (SERVICES, 1, 1, SERVICES, True, True, False)),
        ("?per_page=1000", (SERVICES, 1, 1, SERVICES, True, True, False)),
        ("?search=zzzyzzx", (0, 0, 1, 0, True, True, True)),
    ],
)
def test_pages_say_where_they_are(hsds: FlaskClient, query: str, fields: tuple[Any]) -> None:
    page = get(hsds, f"/hsds/services{query}")
    names = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page")
    assert tuple(page[n] for n in (*names, "empty")) == fields
    assert len(page["contents"]) == page["size"]


def test_pages_and_the_stream_hold_every_service_once_in_the_same_order(
    hsds: FlaskClient,
) -> None:
    paged = [i for n in range(1, 9) for i in ids(get(hsds, f"/hsds/services?page={n}"))]
    streamed = [s["id"] for s in stream(hsds, "/hsds/services?format=ndjson")]
    assert paged == streamed
    assert len(set(paged)) == SERVICES


def test_a_search_finds_services_by_the_start_of_their_words(hsds: FlaskClient) -> None:
    found = stream(hsds, "/hsds/services?format=ndjson&full=true&search=Food+PANTR")
    assert found
    for service in found:
        text = " ".join(
            [service["name"], service.get("description", ""), service["organization"]["name"]]
            + [a["taxonomy_term"]["name"] for a in service.get("attributes", [])]
        )
        words = fold_words(text)
        assert any(w.startswith("food") for w in words)
        assert any(w.startswith("pantr") for w in words)
    assert len(found) < SERVICES
    # Accents and case are folded, in the search and in the text.
    assert stream(hsds, "/hsds/services?format=ndjson&search=f%C3%B3od+PANTR") == stream(
        hsds, "/hsds/services?format=ndjson&search=food+pantr"
    )


def terms(client: FlaskClient) -> list[dict[str, Any]]:
    return stream(client, "/hsds/taxonomy_terms?format=ndjson")


def test_a_taxonomy_term_finds_its_services_and_those_of_terms_under_it(
    hsds: FlaskClient,
) -> None:
    food = next(t for t in terms(hsds) if t.get("code") == "102")
    found = stream(hsds, f"/hsds/services?format=ndjson&full=true&taxonomy_term_id={food['id']}")
    codes = [
        {a["taxonomy_term"].get("code", "") for a in s["attributes"] if "taxonomy_term" in a}
        for s in found
    ]
    assert found and all(any(c.split("-")[0] == "102" for c in cs) for cs in codes)
    assert any("102" not in cs for cs in codes)  # filed under a narrower term only
    everything = stream(hsds, "/hsds/services?format=ndjson&full=true")
    assert len(found) == sum(
        any(
            a.get("taxonomy_term", {}).get("code", "").split("-")[0] == "102"
            and a["taxonomy_term"]["taxonomy"].startswith("Open Eligibility")
            for a in s.get("attributes", [])
        )
        for s in everything
    )


def test_a_taxonomy_finds_the_services_with_any_of_its_terms(hsds: FlaskClient) -> None:
    eligibility = next(
        t for t in get(hsds, "/hsds/taxonomies")["contents"] if t["name"].endswith("eligibility")
    )
    found = {
        s["id"]
        for s in stream(hsds, f"/hsds/services?format=ndjson&taxonomy_id={eligibility['id']}")
    }
    expected = {
        s["id"]
        for s in stream(hsds, "/hsds/services?format=ndjson&full=true")
        if any(a.get("link_type") == "eligibility" for a in s.get("attributes", []))
    }
    assert found == expected and 0 < len(found) < SERVICES


def test_filters_combine_as_and(hsds: FlaskClient) -> None:
    org = get(hsds, "/hsds/organizations?search=food")["contents"][0]["id"]
    by_org = {s["id"] for s in stream(hsds, f"/hsds/services?format=ndjson&organization_id={org}")}
    by_words = {s["id"] for s in stream(hsds, "/hsds/services?format=ndjson&search=free")}
    both = stream(hsds, f"/hsds/services?format=ndjson&organization_id={org}&search=free")
    assert {s["id"] for s in both} == by_org & by_words
    assert by_org and all(s["organization_id"] == org for s in both)
    assert stream(hsds, "/hsds/services?format=ndjson&organization_id=nobody") == []


def test_modified_after_compares_with_when_the_directory_was_built(
    hsds: FlaskClient, sample_directory: Directory
) -> None:
    built = dt.datetime.fromisoformat(str(sample_directory.info["built"]))
    minimal = get(hsds, "/hsds/services?minimal=true")["contents"]
    assert {s["last_modified"] for s in minimal} == {built.isoformat()}
    for when, count in (
        (built - dt.timedelta(days=1), SERVICES),
        (built, SERVICES),  # on or after
        (built + dt.timedelta(seconds=1), 0),
    ):
        query = when.isoformat().replace("+", "%2B")
        assert get(hsds, f"/hsds/services?modified_after={query}")["total_items"] == count
    assert get(hsds, "/hsds/services?modified_after=2000-01-01")["total_items"] == SERVICES


def test_minimal_services_are_one_page_of_ids_and_dates(hsds: FlaskClient) -> None:
    page = get(hsds, "/hsds/services?minimal=true")
    assert page["size"] == SERVICES and page["total_pages"] == 1
    assert {frozenset(s) for s in page["contents"]} == {
        frozenset({"id", "name", "status", "last_modified"})
    }
    assert get(hsds, "/hsds/services?minimal=true&per_page=10")["size"] == 10


def test_full_services_are_those_of_services_by_id(hsds: FlaskClient) -> None:
    page = get(hsds, "/hsds/services?full=true&per_page=5")
    for service in page["contents"]:
        assert service == get(hsds, f"/hsds/services/{service['id']}")
    listed = get(hsds, "/hsds/services?per_page=5")["contents"]
    assert all("service_at_locations" not in s and "organization" in s for s in listed)
    assert any("service_at_locations" in s for s in page["contents"])


def test_a_full_service_nests_its_places_with_their_phones_and_hours(
    hsds: FlaskClient,
) -> None:
    services = stream(hsds, "/hsds/services?format=ndjson&full=true")
    places = [p for s in services for p in s.get("service_at_locations", [])]
    assert len(places) == len(stream(hsds, "/hsds/service_at_locations?format=ndjson"))
    assert any(p.get("phones") for p in places) and any(p.get("schedules") for p in places)
    assert all(p["location"]["id"] == p["location_id"] for p in places)
    assert any(p["location"].get("addresses") for p in places)


def test_organizations_alone_with_their_services_listed_or_nested(hsds: FlaskClient) -> None:
    alone = get(hsds, "/hsds/organizations?per_page=3")
    assert alone["total_items"] == 79
    assert all("services" not in o for o in alone["contents"])
    listed = get(hsds, "/hsds/organizations?per_page=3&full=true")["contents"]
    for org in listed:
        own = stream(hsds, f"/hsds/services?format=ndjson&organization_id={org['id']}")
        assert [s["id"] for s in org["services"]] == [s["id"] for s in own]
        assert org == get(hsds, f"/hsds/organizations/{org['id']}")
    nested = get(hsds, "/hsds/organizations?per_page=3&full_service=true")["contents"]
    for org in nested:
        for service in org["services"]:
            assert service == get(hsds, f"/hsds/services/{service['id']}")
        assert org == get(hsds, f"/hsds/organizations/{org['id']}?full_service=true")


def test_taxonomies_and_their_terms(hsds: FlaskClient) -> None:
    taxonomies = get(hsds, "/hsds/taxonomies")["contents"]
    assert len(taxonomies) == 4
    for taxonomy in taxonomies:
        assert get(hsds, f"/hsds/taxonomies/{taxonomy['id']}") == taxonomy
    assert ids(get(hsds, "/hsds/taxonomies?search=eligib")) == [
        t["id"]
        for t in taxonomies
        if any(w.startswith("eligib") for w in fold_words(f"{t['name']} {t['description']}"))
    ]
    assert get(hsds, "/hsds/taxonomies?search=keywords")["total_items"] == 1
    every = terms(hsds)
    top = stream(hsds, "/hsds/taxonomy_terms?format=ndjson&top_only=true")
    assert top == [t for t in every if not t.get("parent_id")] and len(top) < len(every)
    food = next(t for t in every if t.get("code") == "102")
    under = stream(hsds, f"/hsds/taxonomy_terms?format=ndjson&parent_id={food['id']}")
    assert under and under == [t for t in every if t.get("parent_id") == food["id"]]
    of = stream(hsds, f"/hsds/taxonomy_terms?format=ndjson&taxonomy_id={food['taxonomy_id']}")
    assert of == [t for t in every if t["taxonomy_id"] == food["taxonomy_id"]]
    assert get(hsds, f"/hsds/taxonomy_terms/{food['id']}") == food
    assert [t["id"] for t in stream(hsds, "/hsds/taxonomy_terms?format=ndjson&search=food")]


def our_ids(client: FlaskClient) -> dict[str, str]:
    """Return our resource id of each service_at_location, from its identifier attribute."""
    found = {}
    for sal in stream(client, "/hsds/service_at_locations?format=ndjson&full=true"):
        for attribute in sal.get("attributes", []):
            if attribute["taxonomy_term"]["code"] == "id":
                found[sal["id"]] = attribute["value"]
    return found


@pytest.mark.parametrize(
    ("postcode", "metres"), [("94063", None), ("94063", 3000), ("94401", 800)]
)
def test_service_at_locations_near_a_postcode(
    hsds: FlaskClient, sample_directory: Directory, postcode: str, metres: int | None
) -> None:
    place = default_gazetteer().by_zip(postcode)
    assert place is not None

    def covers(area: Any) -> bool:
        return (
            area.is_empty()
            or area.national
            or place.zip in area.zips
            or place.city_key in area.cities
            or place.county_key in area.counties
            or place.state in area.states
        )

    def near(r: Any) -> bool:
        if metres is None:
            return True
        if r.latitude is None:
            return False
        return (
            distance_miles(place.latitude, place.longitude, r.latitude, r.longitude) * (1609.344)
            <= metres
        )

    query = f"postcode={postcode}" + (f"&proximity={metres}" if metres is not None else "")
    found = stream(hsds, f"/hsds/service_at_locations?format=ndjson&{query}")
    mapping = our_ids(hsds)
    resources = {r.id: r for r in sample_directory.resources()}
    expected = {
        sal
        for sal, rid in mapping.items()
        if covers(resources[rid].as_given().service_area) and near(resources[rid])
    }
    assert {s["id"] for s in found} == expected
    assert 0 < len(expected) < len(mapping)


def test_service_at_locations_by_id_are_their_service_with_them_alone(
    hsds: FlaskClient,
) -> None:
    for sal in get(hsds, "/hsds/service_at_locations?per_page=5&full=true")["contents"]:
        service = get(hsds, f"/hsds/service_at_locations/{sal['id']}")
        assert service["id"] == sal["service_id"] == sal["service"]["id"]
        assert [p["id"] for p in service["service_at_locations"]] == [sal["id"]]
        assert service["service_at_locations"][0]["location"] == sal["location"]
    listed = get(hsds, "/hsds/service_at_locations?per_page=1")["contents"][0]
    assert set(listed) == {"id", "service_id", "location_id", "location", "service"}


def test_searching_places_finds_words_of_their_address_too(hsds: FlaskClient) -> None:
    found = stream(hsds, "/hsds/service_at_locations?format=ndjson&full=true&search=redwood")
    assert found
    in_address = [
        s for s in found if any("Redwood" in a["city"] for a in s["location"].get("addresses", []))
    ]
    assert len(in_address) > len(stream(hsds, "/hsds/services?format=ndjson&search=redwood"))


@pytest.mark.parametrize(
    ("url", "field", "says"),
    [
        ("/hsds/services?page=0", "page", "1 or more"),
        ("/hsds/services?page=two", "page", '"two"'),
        ("/hsds/services?per_page=1001", "per_page", "at most 1000"),
        ("/hsds/services?per_page=", "per_page", "whole number"),
        ("/hsds/taxonomies?format=xml", "format", "json or ndjson"),
        ("/hsds/services?full=yes", "full", "true or false"),
        ("/hsds/services?minimal=true&full=true", "minimal", "cannot both"),
        ("/hsds/services?modified_after=yesterday", "modified_after", "ISO 8601"),
        ("/hsds/organizations?full_service=1", "full_service", "true or false"),
        ("/hsds/organizations/x?full_service=no", "full_service", "true or false"),
        ("/hsds/taxonomy_terms?top_only=maybe", "top_only", "true or false"),
        ("/hsds/service_at_locations?proximity=500", "proximity", "give postcode"),
        ("/hsds/service_at_locations?postcode=94063&proximity=far", "proximity", "metres"),
        ("/hsds/service_at_locations?postcode=94063&proximity=-1", "proximity", "0 or more"),
        ("/hsds/service_at_locations?postcode=ABCDE", "postcode", "ZIP code"),
        ("/hsds/service_at_locations?postcode=00000", "postcode", "ZIP code"),
        ("/hsds/services?search=" + "x" * 501, "search", "at most 500"),
    ],
)
def test_bad_parameters_are_refused_naming_them(
    hsds: FlaskClient, url: str, field: str, says: str
) -> None:
    response = hsds.get(url)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400 and field in error["message"] and says in error["message"]
    assert error["fields"] == {field: [error["message"]]}


@pytest.mark.parametrize(
    "path", ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
)
def test_unknown_ids_are_404s_in_json(hsds: FlaskClient, path: str) -> None:
    response = hsds.get(f"/hsds/{path}/no-such-id")
    assert response.status_code == 404
    assert '"no-such-id"' in response.get_json()["error"]["message"]


@pytest.mark.parametrize(("method", "path"), [("post", "/hsds/services"), ("get", "/hsds/nope")])
def test_other_addresses_and_methods_answer_in_json(
    hsds: FlaskClient, method: str, path: str
) -> None:
    response = getattr(hsds, method)(path)
    assert response.status_code in (404, 405)
    assert response.get_json()["error"]["status"] == response.status_code


def test_no_directory_yet_is_a_503(tmp_path: Path) -> None:
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/hsds/services")
    assert response.status_code == 503
    assert "import" in response.get_json()["error"]["message"].lower()


def test_a_new_import_is_served_at_the_next_request(
    good_index: Path, flat_dir: Path, tmp_path: Path
) -> None:
    client = create_app({"TESTING": True, "INDEX_DIR": str(good_index)}).test_client()
    before = get(client, "/hsds/services")
    assert before["total_items"] == 6
    assert get(client, "/hsds/services")["contents"] == before["contents"]  # kept
    lines = (flat_dir / "good.csv").read_text("utf-8").splitlines(keepends=True)
    smaller = tmp_path / "smaller.csv"
    smaller.write_text("".join(lines[:3]), "utf-8")
    assert import_directory(smaller, good_index).index_updated
    assert get(client, "/hsds/services")["total_items"] == 2


@pytest.mark.parametrize(
    "filters",
    [
        ["search=food", "postcode=94063&proximity=8000"],
        ["search=free+redwood", "postcode=94401"],
        ["search=clinic", "organization_id={org}", "postcode=94063&proximity=20000"],
        ["organization_id={org}", "postcode=94063"],
        ["taxonomy_term_id={term}", "search=redwood"],
    ],
)
def test_service_at_location_filters_combine_as_and(hsds: FlaskClient, filters: list[str]) -> None:
    org = get(hsds, "/hsds/organizations?search=health")["contents"][0]["id"]
    term = next(t for t in terms(hsds) if t.get("code") == "101")["id"]
    filters = [f.format(org=org, term=term) for f in filters]

    def found(*given: str) -> set[str]:
        url = "/hsds/service_at_locations?format=ndjson&" + "&".join(given)
        return {s["id"] for s in stream(hsds, url)}

    each = [found(f) for f in filters]
    assert all(each)
    assert found(*filters) == set.intersection(*each)
