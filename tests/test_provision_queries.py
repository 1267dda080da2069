"""The answerer's provision queries when several documents quote the same law.

A provision's IRI is the law's, so two documents quoting 第二条第一項 describe one node, each in its own named
graph with its own text, offsets and passages. Read across graphs, every document's start would pair with every
other's end (spans ending before they start) and the rows would multiply with each new document.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import ask
from kg.iris import Iris

BASE = "http://127.0.0.1:8000"


def _store(documents: int) -> ox.Store:
    iris, store = Iris(BASE), ox.Store()
    stip, prov = str(iris.ont), "http://www.w3.org/ns/prov#"
    eli, skos = "http://data.europa.eu/eli/ontology#", "http://www.w3.org/2004/02/skos/core#"
    para = ox.NamedNode(f"{BASE}/law/X/art_2__para_1")
    for d in range(documents):
        graph = ox.NamedNode(f"{BASE}/doc/d{d}")
        start = 1000 * (d + 1)
        for i in (1, 2):
            item = ox.NamedNode(f"{BASE}/law/X/art_2__para_1__item_{i}")
            quads = [
                (item, ox.NamedNode(eli + "is_part_of"), para),
                (item, ox.NamedNode(skos + "prefLabel"), ox.Literal(f"第二条第一項第{i}号", language="ja")),
                (item, ox.NamedNode(skos + "prefLabel"), ox.Literal(f"Article 2(1)({'i' * i})", language="en")),
                (item, ox.NamedNode(stip + "text"), ox.Literal(f"item {i} as document {d} quotes it", language="ja")),
                (item, ox.NamedNode(stip + "startOffset"), ox.Literal(str(start + 100 * i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
                (item, ox.NamedNode(stip + "endOffset"), ox.Literal(str(start + 100 * i + 50), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
                (item, ox.NamedNode(prov + "wasDerivedFrom"), ox.NamedNode(f"{BASE}/doc/d{d}#p{i}")),
            ]  # fmt: skip
            for s, p, o in quads:
                store.add(ox.Quad(s, p, o, graph))
    return store


def _rows(store: ox.Store) -> list[dict[str, str]]:
    query = ask._PARTS.replace("__X__", f"<{BASE}/law/X/art_2__para_1>")
    result = store.query(query, use_default_graph_as_union=True, prefixes=Iris(BASE).prefixes())
    return [{v.value: s[v].value for v in result.variables if s[v] is not None} for s in result]  # type: ignore[union-attr]


def test_each_row_reads_one_documents_quotation() -> None:
    rows = _rows(_store(3))
    for r in rows:
        doc = r["g"].rsplit("/", 1)[1]
        assert r["passage"].startswith(f"{BASE}/doc/{doc}#"), "the passage is of the graph the row reads"
        assert int(r["start"]) < int(r["end"]), "start and end come from the same quotation"
        assert f"document {doc[1:]}" in r["text"]


def test_rows_grow_with_the_documents_not_with_their_product() -> None:
    # two items, each quoted once per document: one row per item and document
    assert [len(_rows(_store(n))) for n in (1, 3, 6)] == [2, 6, 12]
