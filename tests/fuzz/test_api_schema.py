"""The public API against its own OpenAPI document: requests made from it, valid and not.

Schemathesis reads ``/api/v1/openapi.json`` and sends each operation generated requests,
in-process through the WSGI app: no answer may be a 5xx, every status must be one the
document lists, every body must match the document's schema for it, and a request the
document does not allow must be refused. Bounded, and
derandomized so that CI runs the same requests every time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from webapp import create_app

#: Generated requests per operation: enough to find the holes the attack run found, in
#: a few seconds each.
EXAMPLES = 80


def _operations(sample_index: Path) -> list[Any]:
    app = create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = [
    "GET /api/v1/search",
    "POST /api/v1/match",
    "GET /api/v1/resources/{resource_id}",
    "GET /api/v1/services/{resource_id}",
    "GET /api/v1/taxonomy",
]


def test_every_operation_is_tried(sample_index: Path) -> None:
    assert sorted(op.label for op in _operations(sample_index)) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_the_api_answers_as_its_document_says(sample_index: Path, label: str) -> None:
    (operation,) = [op for op in _operations(sample_index) if op.label == label]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        # A request the document allows may still be refused, with a documented 4xx and a
        # message: "Klingon" is a string but not a language we know.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    call()
