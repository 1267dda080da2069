"""The quad store: Oxigraph (pyoxigraph), on disk, one named graph per document.

Chosen by measurement (see bench/): rdflib's SPARQL engine is fine for building and serializing graphs
but orders of magnitude slower on joins and aggregates. A store is built once per generation and then
only read, so many processes (server, SPARQL workers) can open it read-only at the same time.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.iris import Iris

STORE_DIR = "store"


def build_store(path: Path, graphs: Iterable[tuple[str, Path]]) -> None:
    """Create a store at ``path`` and bulk-load (graph IRI, N-Triples file) pairs into named graphs."""
    store = ox.Store(str(path))
    for graph_iri, file in graphs:
        store.bulk_load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
    store.flush()
    store.optimize()
    del store


def open_store(generation: Path) -> ox.Store:
    return ox.Store.read_only(str(generation / STORE_DIR))


def class_counts(store: ox.Store, iris: Iris) -> dict[str, int]:
    """Instances per ontology class across all document graphs and the vocabulary."""
    query = f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }}
                FILTER(STRSTARTS(STR(?c), "{iris.ont}")) }} GROUP BY ?c ORDER BY DESC(?n)"""
    return {
        row["c"].value.removeprefix(str(iris.ont)): int(row["n"].value)
        for row in store.query(query)  # type: ignore[union-attr]
    }
