"""The SPARQL endpoint: standard results, clear errors, read-only, no outbound requests, bounded."""

from __future__ import annotations

import json

import pytest

from kg.errors import ForbiddenQuery
from kg.sparql import query_form

SELECT_PROGRAMS = "SELECT ?p ?l WHERE { ?p a stip:Program ; skos:prefLabel ?l } LIMIT 5"


def test_select_returns_standard_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", query_string={"query": SELECT_PROGRAMS}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"
    body = json.loads(r.data)
    assert body["head"]["vars"] == ["p", "l"] and 0 < len(body["results"]["bindings"]) <= 5
    assert body["results"]["bindings"][0]["p"]["type"] == "uri"


def test_post_forms(client) -> None:  # type: ignore[no-untyped-def]
    r1 = client.post("/sparql", data={"query": SELECT_PROGRAMS})
    r2 = client.post("/sparql", data=SELECT_PROGRAMS, content_type="application/sparql-query")
    assert r1.status_code == r2.status_code == 200
    assert json.loads(r1.data) == json.loads(r2.data)


def test_malformed_query_is_400_with_parser_message(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p "})
    assert r.status_code == 400
    body = r.get_json()
    assert body["ok"] is False and "syntax" in body["error"].lower()
    assert body["line"] == 1 and body["column"] == 25 and "line 1, column 25" in body["error"]


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused(client, query: str) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 403 and r.get_json()["code"] == "forbidden_query"


def test_keywords_inside_strings_and_iris_are_fine() -> None:
    assert query_form('SELECT ?s WHERE { ?s ?p "INSERT SERVICE" . ?s <http://x/SERVICE> ?o } # DELETE') == "SELECT"
    with pytest.raises(ForbiddenQuery):
        query_form("SELECT * { service <http://x> { ?s ?p ?o } }")


def test_update_operation_via_form_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert r.status_code == 403


def test_timeout_stops_the_query_and_server_keeps_serving(client) -> None:  # type: ignore[no-untyped-def]
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = client.get("/sparql", query_string={"query": slow})
    assert r.status_code == 503 and r.get_json()["code"] == "query_timeout"
    ok = client.get("/sparql", query_string={"query": SELECT_PROGRAMS})
    assert ok.status_code == 200


def test_row_cap(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from kg.errors import TooManyRows
    from kg.service import Service

    svc = Service(replace(settings, max_rows=10))
    try:
        with pytest.raises(TooManyRows) as info:
            svc.sparql("SELECT ?s WHERE { ?s a stip:Passage }")
        assert "LIMIT" in info.value.hint
        assert svc.sparql("SELECT ?s WHERE { ?s a stip:Passage } LIMIT 10").rows == 10
    finally:
        svc.close()


@pytest.mark.parametrize(
    ("accept", "mimetype"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_content_negotiation(client, accept: str, mimetype: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", query_string={"query": SELECT_PROGRAMS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mimetype and r.data


def test_construct_as_turtle_and_unsupported_accept(client) -> None:  # type: ignore[no-untyped-def]
    q = "CONSTRUCT { ?p a stip:Program } WHERE { ?p a stip:Program } LIMIT 3"
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle" and b"Program" in r.data
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": "image/png"})
    assert r.status_code == 406
