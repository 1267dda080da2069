"""Property-based fuzzing of every route of the OpenAPI description (/openapi.json) with schemathesis, against
the real app behind waitress on loopback: no answer is a 5xx, and every answer matches the description
(status codes, JSON error shape). Bounded: a fixed number of examples per route, derandomized."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from kg.openapi import description


@pytest.fixture(scope="module")
def api_schema(live_server: str):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_dict(description(live_server))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_route_answers_without_5xx(case, live_server: str) -> None:  # type: ignore[no-untyped-def]
    response = case.call_and_validate(
        base_url=live_server, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
    if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code
