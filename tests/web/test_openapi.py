"""schemathesis drives every /api/v1 operation from the OpenAPI document: responses must conform, never 500.

(schemathesis's pytest plugin does not run under pytest 9, so the operations are iterated here.)
"""
from __future__ import annotations

import json

import schemathesis
from schemathesis.checks import positive_data_acceptance

from review.web.openapi import openapi_document
from hypothesis import HealthCheck, given, settings



@schemathesis.serializer("application/jsonl")
def _jsonl(_context, value) -> bytes:  # type: ignore[no-untyped-def]
    """Generated batch bodies: strings as they are (mostly bad JSONL, which must give a 400), else JSON."""
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


def test_api_conforms_to_its_openapi_document(api_schema) -> None:  # type: ignore[no-untyped-def]
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def conforms(case) -> None:  # type: ignore[no-untyped-def]
            # positive_data_acceptance assumes schema-valid means acceptable; a batch body is "a string" to
            # JSON Schema but must be valid JSONL to us, so a 400 there is right. Every other check runs.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()
        checked.append(operation.label)
    documented = [f"{m.upper()} {path}" for path, item in openapi_document()["paths"].items() for m in item
                  if path != "/api/v1/openapi.json"]  # schemathesis does not generate cases for the document itself
    assert sorted(checked) == sorted(documented)


def test_openapi_document_is_served_without_a_token(app) -> None:  # type: ignore[no-untyped-def]
    served = app.test_client().get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json == openapi_document()
    assert served.json["openapi"].startswith("3.1")
