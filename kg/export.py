"""Export the whole graph: TriG and N-Quads keep the named graphs; Turtle and JSON-LD give their union."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from kg.iris import Iris

FORMATS = {
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}
EXTENSIONS = {"trig": "trig", "nquads": "nq", "turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld"}


def export(store: ox.Store, fmt: str, out: BinaryIO, iris: Iris) -> int:
    """Write every quad (or the union of graphs as triples) to ``out``; returns the statement count."""
    rdf_format, datasets = FORMATS[fmt]
    # the named graphs: the default graph is their merge, written again it would repeat every statement
    quads = [q for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    prefixes = iris.prefixes() if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    if datasets:
        ox.serialize(quads, out, format=rdf_format, prefixes=prefixes)
        return len(quads)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    ox.serialize(triples, out, format=rdf_format, prefixes=prefixes)
    return len(triples)
