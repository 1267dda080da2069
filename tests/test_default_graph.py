"""The default graph is the merge of the document graphs: a fact several graphs state is one triple there."""

from __future__ import annotations

from kg.service import Service
from kg.store import statement_count

SHARED = """SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }
            GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?g) > 1) LIMIT 1"""


def _term(cell: dict) -> str:  # type: ignore[type-arg]
    if cell["type"] == "uri":
        return f"<{cell['value']}>"
    value = cell["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{value}"@{cell["lang"]}' if cell.get("lang") else f'"{value}"^^<{cell["datatype"]}>'


def test_a_fact_stated_in_several_graphs_comes_back_once(service: Service, client) -> None:  # type: ignore[no-untyped-def]
    shared = service.select(SHARED)
    assert shared and int(shared[0]["n"]["value"]) >= 2, "the corpus states some fact in two graphs"
    s, p, o = (_term(shared[0][k]) for k in ("s", "p", "o"))
    assert len(service.select(f"SELECT * WHERE {{ {s} {p} {o} }}")) == 1
    query = f"SELECT ?o WHERE {{ {s} {p} ?o . FILTER(?o = {o}) }}"
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.get_json()["results"]["bindings"]) == 1


def test_statistics_count_each_graphs_statements(service: Service) -> None:
    in_graphs = int(service.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"])
    assert statement_count(service.store()) == in_graphs == service.stats()["triples"]
