"""The API under hostile requests: every answer is JSON with a 4xx, never a 500 or HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from webapp import create_app
from webapp.api.views import MAX_BODY_BYTES, MAX_JSON_DEPTH


@pytest.fixture()
def api(sample_index: Path) -> FlaskClient:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)}).test_client()


def _error(response: object, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]  # type: ignore[attr-defined]
    assert response.is_json  # type: ignore[attr-defined]
    error = response.get_json()["error"]  # type: ignore[attr-defined]
    assert error["status"] == status and error["message"]
    return str(error["message"])


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/nothing", 404),
        ("get", "/api/v2/search", 404),
        ("get", "/api/", 404),
        ("delete", "/api/v1/search", 405),
        ("put", "/api/v1/match", 405),
        ("get", "/api/v1/match", 405),
        ("trace", "/api/v1/search", 405),
    ],
)
def test_errors_outside_the_routes_are_json(
    api: FlaskClient, method: str, path: str, status: int
) -> None:
    response = api.open(path, method=method.upper())
    _error(response, status)
    if status == 405:
        assert response.headers["Allow"]


def test_a_wrong_method_on_a_page_says_what_is_allowed(api: FlaskClient) -> None:
    response = api.open("/", method="TRACE")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "security token" not in response.text


@pytest.mark.parametrize("language", ["\u0000G", "\x00Spanish", "es\x01", "a" * 5000])
def test_a_language_with_control_characters_is_refused(api: FlaskClient, language: str) -> None:
    _error(api.get("/api/v1/search", query_string={"q": "food", "language": language}), 400)
    message = _error(
        api.post("/api/v1/match", json={"needs": ["food"], "languages": [language]}), 422
    )
    assert "language" in message


@pytest.mark.parametrize("page", ["/", "/assess/"])
def test_pages_refuse_a_language_with_control_characters(api: FlaskClient, page: str) -> None:
    response = api.get(page, query_string={"q": "food", "language": "\u0000G"})
    assert response.status_code in (200, 400)
    assert "Something went wrong" not in response.text


def test_json_nested_ten_thousand_deep_is_refused(api: FlaskClient) -> None:
    body = '{"needs": ' + "[" * 10_000 + "]" * 10_000 + "}"
    message = _error(api.post("/api/v1/match", data=body, content_type="application/json"), 400)
    assert f"more than {MAX_JSON_DEPTH} levels" in message
    shallow_but_too_deep = (
        '{"needs": ' + "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1) + "}"
    )
    _error(
        api.post("/api/v1/match", data=shallow_but_too_deep, content_type="application/json"), 400
    )


def test_a_body_over_the_limit_is_refused(api: FlaskClient) -> None:
    body = '{"needs": ["food"], "text": "' + "x" * MAX_BODY_BYTES + '"}'
    message = _error(api.post("/api/v1/match", data=body, content_type="application/json"), 413)
    assert "64 KB" in message


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("[1, 2]", "application/json"), ("not json", "application/json"), ("{}", "text/plain")],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    api: FlaskClient, body: str, content_type: str
) -> None:
    _error(api.post("/api/v1/match", data=body, content_type=content_type), 400)


def test_long_search_words_are_refused_at_once(api: FlaskClient) -> None:
    message = _error(api.get("/api/v1/search", query_string={"q": "x" * 100_000}), 400)
    assert "100,000 characters" in message and "at most 500" in message
    # One long unknown word under the limit is searched, without a spelling suggestion.
    response = api.get("/api/v1/search", query_string={"q": "qzxv" * 120})
    assert response.status_code == 200 and response.get_json()["suggestion"] is None


def test_a_long_location_is_refused_at_once(api: FlaskClient) -> None:
    message = _error(
        api.get("/api/v1/search", query_string={"q": "food", "near": "9" * 50_000}), 400
    )
    assert "50,000 characters" in message


def test_a_radius_of_zero_is_refused_as_documented(api: FlaskClient) -> None:
    spec = api.get("/api/v1/openapi.json").get_json()
    (radius,) = [
        p for p in spec["paths"]["/api/v1/search"]["get"]["parameters"] if p["name"] == "radius"
    ]
    assert radius["schema"]["minimum"] == 0 and radius["schema"]["exclusiveMinimum"] is True
    _error(
        api.get("/api/v1/search", query_string={"q": "food", "near": "94063", "radius": "0"}), 422
    )
    ok = api.get("/api/v1/search", query_string={"q": "food", "near": "94063", "radius": "0.5"})
    assert ok.status_code == 200
