"""The quad store: Oxigraph (pyoxigraph), on disk, one named graph per document; or an external SPARQL 1.1
server (``KG_STORE=http://…``) that the service queries over HTTP and an ingest publishes to.

Chosen by measurement (see bench/): rdflib's SPARQL engine is fine for building and serializing graphs
but orders of magnitude slower on joins and aggregates. A store is built once per generation and then
only read, so many processes (server, SPARQL workers) can open it read-only at the same time.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import requests

from kg.errors import KGError
from kg.iris import Iris

STORE_DIR = "store"
_RESULTS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"


def build_store(path: Path, graphs: Iterable[tuple[str, Path]]) -> None:
    """Create a store at ``path``: bulk-load (graph IRI, N-Triples file) pairs into named graphs, then make the
    default graph their merge.

    Queries without a dataset read the default graph. Oxigraph's union-of-graphs mode gives a triple once per
    graph holding it, so a fact several documents state (a provision's label, an agency's type) multiplied
    every join it took part in; the merge is a set, as SPARQL's RDF merge is."""
    store = ox.Store(str(path))
    for graph_iri, file in graphs:
        store.bulk_load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
    for graph in list(store.named_graphs()):  # one graph at a time: memory stays that of the largest
        quads = store.quads_for_pattern(None, None, None, graph)
        store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads])
    store.flush()
    store.optimize()
    del store


def is_external(store: str) -> bool:
    """True when KG_STORE names a SPARQL server rather than the embedded store."""
    return store.startswith(("http://", "https://"))


def open_store(generation: Path, store: str = "") -> ox.Store | RemoteStore:
    """The generation's embedded store, or the external server KG_STORE names."""
    return RemoteStore(store) if is_external(store) else _embedded(str(generation / STORE_DIR))


def open_location(location: str) -> ox.Store | RemoteStore:
    """A store by location: an embedded store's folder or an external server's query URL."""
    return RemoteStore(location) if is_external(location) else _embedded(location)


def _embedded(location: str) -> ox.Store:
    store = ox.Store.read_only(location)
    empty_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    if empty_default and next(iter(store.named_graphs()), None) is not None:
        raise OSError("the store was built before its default graph held the merge of the document graphs")
    return store


def statement_count(store: ox.Store | RemoteStore) -> int:
    """Quads in the named graphs (the merged default graph repeats them)."""
    if isinstance(store, RemoteStore):
        return len(store)
    return len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def endpoints(query_url: str) -> tuple[str, str]:
    """(query, update) URLs: Oxigraph serves ``/query`` and ``/update``; Virtuoso's ``/sparql`` takes both."""
    base = query_url.rstrip("/")
    return base, base.removesuffix("/query") + "/update" if base.endswith("/query") else base


class RemoteStore:
    """An external SPARQL 1.1 server behind the subset of ``pyoxigraph.Store`` the service uses.

    Results come back as pyoxigraph's own types (``parse_query_results`` / ``parse``), so every caller
    runs unchanged. The server must answer queries over the union of its named graphs by default
    (Oxigraph: ``serve --union-default-graph``; Virtuoso does so already).
    """

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.query_url, self.update_url = endpoints(url)
        self.timeout = timeout
        self._http = requests.Session()

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        base_iri: str | None = None,
        use_default_graph_as_union: bool = False,  # the server's default graph is the union already
        default_graph: list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
    ) -> Any:
        # Parsed here first, by the same parser as the embedded store, so a syntax error reads the same (its line
        # and column in the user's query, not in the query with our PREFIX lines before it).
        ox.Store().query(query, prefixes=prefixes, base_iri=base_iri)
        head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        head = (f"BASE <{base_iri}>\n" if base_iri else "") + head
        params = [("default-graph-uri", g.value) for g in default_graph or []]
        params += [("named-graph-uri", g.value) for g in named_graphs or []]
        try:
            reply = self._http.post(
                self.query_url,
                params=params,
                data=(head + query).encode("utf-8"),
                headers={"Content-Type": "application/sparql-query", "Accept": f"{_RESULTS}, {_TRIPLES};q=0.9"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise OSError(f"external store {self.query_url} unreachable: {exc}") from None
        if reply.status_code == 400:  # the server's parser refused it: the caller's syntax error
            raise SyntaxError(reply.text.strip()[:500])
        if reply.status_code != 200:
            raise OSError(f"external store answered {reply.status_code}: {reply.text.strip()[:300]}")
        kind = reply.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == _TRIPLES:
            return ox.parse(reply.content, format=ox.RdfFormat.N_TRIPLES)
        return ox.parse_query_results(reply.content, format=ox.QueryResultsFormat.JSON)

    def quads_for_pattern(self, s: Any, p: Any, o: Any, g: Any) -> list[ox.Quad]:
        """Quads of the named graphs matching a pattern (None = any), as the embedded store gives them."""
        term = {"s": s, "p": p, "o": o, "g": g}
        where = " ".join(f"VALUES ?{k} {{ {v} }}" for k, v in term.items() if v is not None)
        rows = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} GRAPH ?g {{ ?s ?p ?o }} }}")
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def __len__(self) -> int:
        """Quads in the named graphs (the embedded store's ``len``)."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    def named_graphs(self) -> list[ox.NamedNode]:
        return [r["g"] for r in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]

    def update(self, update: str) -> None:
        """Run one SPARQL Update request: the server applies it as one transaction or not at all."""
        try:
            reply = self._http.post(
                self.update_url,
                data=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"},
                timeout=max(self.timeout, 600),
            )
        except requests.RequestException as exc:
            raise KGError(f"external store {self.update_url} unreachable: {exc}", "check KG_STORE") from None
        if reply.status_code not in (200, 204):
            raise KGError(f"external store refused the update ({reply.status_code}): {reply.text.strip()[:300]}")


def publish_external(url: str, base_iri: str, graphs: Iterable[tuple[str, Path]]) -> None:
    """Replace every graph under ``base_iri`` on the external store with ``graphs``, in ONE update request,
    so readers see the old generation or the new one, and a failed ingest leaves the store as it was.
    Graphs outside ``base_iri`` (the user's other data) are not touched."""
    parts = [
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{base_iri}/")) }} ;\nINSERT {{\n'
    ]
    for graph_iri, file in graphs:
        parts += [f"GRAPH <{graph_iri}> {{\n", file.read_text(encoding="utf-8"), "}\n"]
    # INSERT {…} WHERE {}, not INSERT DATA: the same triples, and Virtuoso refuses blank nodes in INSERT DATA.
    parts.append("} WHERE {}\n")
    RemoteStore(url).update("".join(parts))


def class_counts(store: ox.Store | RemoteStore, iris: Iris) -> dict[str, int]:
    """Instances per ontology class across all document graphs and the vocabulary."""
    query = f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }}
                FILTER(STRSTARTS(STR(?c), "{iris.ont}")) }} GROUP BY ?c ORDER BY DESC(?n)"""
    return {
        row["c"].value.removeprefix(str(iris.ont)): int(row["n"].value)
        for row in store.query(query)  # type: ignore[union-attr]
    }
