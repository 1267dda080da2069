"""Property-based fuzzing of every route of the OpenAPI description (/openapi.json) with schemathesis, against
the real app behind waitress on loopback: no answer is a 5xx, and every answer matches the description
(status codes, JSON error shape). Bounded: a fixed number of examples per route, derandomized."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from kg.openapi import description

EXAMPLES = 12  # per route: 13 routes, about a minute on 2 shared cores


def test_every_route_answers_without_5xx(live_server: str) -> None:
    schema = schemathesis.openapi.from_dict(description(live_server))
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call_and_validate(
                base_url=live_server, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
            )
            if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith("application/json"):
                body = response.json()
                assert body["ok"] is False and body["status"] == response.status_code

        fuzz()
        tried.append(operation.path)
    assert len(tried) == len(description(live_server)["paths"])
