"""The OpenAPI 3.1 description of the JSON API, served at /openapi.json.

It is also the list of parameters each route accepts: the server refuses others with a 400, and the fuzz
tests (tests/test_fuzz_api.py) generate requests from it and check every answer against it.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "required": ["ok", "error", "status", "code"],
    "properties": {
        "ok": {"const": False},
        "error": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "hint": {"type": "string"},
    },
}


def _q(name: str, kind: str = "string", required: bool = False, doc: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": {"type": kind}, "description": doc}


# Route → (summary, query parameters, required top-level keys of a 200 answer).
ROUTES: dict[str, tuple[str, list[dict[str, Any]], list[str]]] = {
    "/api/search": (
        "Hybrid passage search with filters and facets",
        [
            _q("q", doc="question or keywords, ja or en"),
            _q("k", "integer", doc="number of passages (1-100)"),
            _q("doc"),
            _q("type"),
            _q("entity"),
            _q("fiscal_year", doc="2022 or FY2022"),
            _q("country", doc="IRI or name: India, インド, IN"),
            _q("agency", doc="IRI or name: JST, 文部科学省"),
        ],
        ["query", "hits", "facets", "filters", "entities"],
    ),  # fmt: skip
    "/api/ask": ("Question answering with citations", [_q("q", doc="the question")], ["answered"]),
    "/api/documents": ("Ingested documents", [], ["documents"]),
    "/api/entities": ("Entities by type and label", [_q("type"), _q("q"), _q("limit", "integer")], ["entities"]),
    "/api/entity": ("One entity with facts and evidence", [_q("iri", required=True)], ["iri"]),
    "/api/stats": ("Counts per class", [], []),
    "/api/laws": ("Laws and ordinances", [], ["laws"]),
    "/api/laws/{ident}": ("One law with its provision tree", [], []),
    "/api/provisions": (
        "Provisions citing, based on or part of another",
        [_q("cites"), _q("based_on"), _q("law"), _q("limit", "integer")],
        ["provisions"],
    ),
    "/api/links": ("Provisions governing a subject, or what a provision governs", [_q("subject", required=True)], []),
    "/health": ("Liveness and the published generation", [], ["ok"]),
}
SPARQL_PARAMS = ["query", "default-graph-uri", "named-graph-uri", "format", "timeout"]


def allowed_params(path: str) -> set[str] | None:
    """The query parameters a documented route accepts; None for routes this description does not cover."""
    if path.startswith("/api/laws/"):
        return set()
    route = ROUTES.get(path)
    return None if route is None else {p["name"] for p in route[1]}


def description(server_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    errors = {
        str(code): {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, text in ((400, "bad input"), (404, "not found"), (413, "request too large"), (414, "URI too long"),
                           (429, "this client's limit (Retry-After)"), (503, "saturated or not ingested (Retry-After)"))
    }  # fmt: skip
    for path, (summary, params, keys) in ROUTES.items():
        if path == "/api/laws/{ident}":
            params = [{"name": "ident", "in": "path", "required": True, "schema": {"type": "string"}}]
        ok = {"type": "object", "required": keys}
        paths[path] = {
            "get": {
                "summary": summary,
                "parameters": params,
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ok}}}, **errors},
            }
        }
    paths["/sparql"] = {
        "get": {
            "summary": "SPARQL 1.1 Protocol query operation (results by Accept or format)",
            "parameters": [_q(name) for name in SPARQL_PARAMS],
            "responses": {"200": {"description": "query results"}, **errors, "403": errors["400"], "406": errors["400"],
                          "422": errors["400"]},
        }
    }  # fmt: skip
    return {
        "openapi": "3.1.0",
        "info": {"title": "STIP-KG", "version": "1", "description": "Knowledge graph and bilingual search over "
                 "Japanese science-and-technology policy documents."},
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": {"Error": ERROR}},
    }  # fmt: skip
