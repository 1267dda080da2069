"""Self-descriptions of the service: a SPARQL 1.1 Service Description of the endpoint and a VoID
description of the dataset (triple counts, class and property partitions, named graphs, examples).

Both are built from statistics computed once per published generation (``dataset_stats``) and share
node IRIs, so a client that reads one can follow into the other: the Service Description's default
dataset is the VoID dataset ``{base}/.well-known/void#dataset`` and each named graph is one of its
subsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from kg.iris import Iris
from kg.settings import Settings
from kg.sparql import FORMAT_MEDIA

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")

# Our result formats → their W3C format IRIs (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "trig": "TriG",
    "nq": "N-Quads", "rdfxml": "RDF_XML",
}  # fmt: skip

# Titles of the graphs that are not documents (documents are titled by their own title).
SHARED_GRAPH_TITLES = {
    "/graph/vocab": (
        "典拠データ（機関・事業・法令・地域、ISO 3166 の国）",
        "Curated authority data (agencies, programs, laws, regions, ISO 3166 countries)",
    ),
    "/graph/ontology": ("STIP オントロジー", "The STIP ontology"),
}

# Classes whose most-mentioned member is offered as a VoID example resource.
EXAMPLE_CLASSES = ("Program", "Agency", "Country", "Law", "Event", "Article", "Document")


@dataclass
class DatasetStats:
    """Counts over the union of all graphs (distinct triples), and per named graph."""

    triples: int
    distinct_subjects: int
    distinct_objects: int
    entities: int  # distinct IRIs under the base that are the subject of a triple
    graphs: list[dict[str, Any]]  # {iri, triples, title}
    classes: list[tuple[str, int]]  # (class IRI, distinct instances)
    properties: list[tuple[str, int]]  # (property IRI, distinct triples)
    examples: list[str]
    vocabularies: list[str] = field(default_factory=list)


def _one(store: ox.Store, query: str, prefixes: dict[str, str]) -> list[Any]:
    return list(store.query(query, prefixes=prefixes))  # type: ignore[arg-type]


def dataset_stats(store: ox.Store, iris: Iris, titles: dict[str, str]) -> DatasetStats:
    """Count what the store holds. ``titles`` names document graphs (graph IRI → document title)."""
    px = iris.prefixes()
    # The union default graph of Oxigraph 0.5 repeats a triple held by two graphs (oxigraph#1919), so the
    # counts go through DISTINCT to report the RDF merge a SPARQL user queries.
    distinct = "{ SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    totals = _one(
        store,
        f"""SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?ds) (COUNT(DISTINCT ?o) AS ?do)
            (COUNT(DISTINCT IF(isIRI(?s) && STRSTARTS(STR(?s), "{iris.base}/"), ?s, ?none)) AS ?e) WHERE {distinct}""",
        px,
    )[0]
    graphs = [
        {"iri": r["g"].value, "triples": int(r["n"].value), "title": titles.get(r["g"].value, "")}
        for r in _one(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", px)
    ]
    classes = [
        (r["c"].value, int(r["n"].value))
        for r in _one(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c ORDER BY ?c", px)
        if isinstance(r["c"], ox.NamedNode)
    ]
    properties = [
        (r["p"].value, int(r["n"].value))
        for r in _one(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {distinct} GROUP BY ?p ORDER BY ?p", px)
    ]
    examples = []
    for name in EXAMPLE_CLASSES:
        rows = _one(
            store,
            f"""SELECT ?e (COUNT(?m) AS ?n) WHERE {{ ?e a stip:{name} . OPTIONAL {{ ?m stip:refersTo ?e }} }}
                GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1""",
            px,
        )
        examples += [r["e"].value for r in rows]
    used = {p for p, _ in properties} | {c for c, _ in classes}
    vocabularies = sorted({ns for ns in px.values() if any(t.startswith(ns) for t in used)})
    return DatasetStats(
        triples=int(totals["t"].value),
        distinct_subjects=int(totals["ds"].value),
        distinct_objects=int(totals["do"].value),
        entities=int(totals["e"].value),
        graphs=graphs,
        classes=classes,
        properties=properties,
        examples=examples,
        vocabularies=vocabularies,
    )


def void_iri(iris: Iris, fragment: str = "") -> URIRef:
    return URIRef(f"{iris.base}/.well-known/void" + (f"#{fragment}" if fragment else ""))


def _graph_node(iris: Iris, graph_iri: str) -> URIRef:
    return void_iri(iris, "graph-" + graph_iri.rstrip("/").rsplit("/", 1)[-1])


def _new_graph(iris: Iris) -> Graph:
    g = Graph(bind_namespaces="core")  # rdflib's own defaults would bind schema: to https://schema.org/
    for prefix, ns in {**iris.prefixes(), "void": str(VOID), "sd": str(SD), "formats": str(FORMATS), "foaf": str(FOAF)}.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def _titled(g: Graph, node: URIRef, ja: str, en: str) -> None:
    g.add((node, DCTERMS.title, Literal(ja, lang="ja")))
    g.add((node, DCTERMS.title, Literal(en, lang="en")))


def _add_dataset(g: Graph, stats: DatasetStats, iris: Iris) -> URIRef:
    """The dataset and its named-graph subsets, as both VoID and the Service Description read them."""
    ds = void_iri(iris, "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, SD.Dataset))
    _titled(g, ds, "科学技術・イノベーション政策 知識グラフ",
            "STIP Knowledge Graph of Japanese science, technology and innovation policy")  # fmt: skip
    g.add((ds, DCTERMS.description, Literal(
        "Programs, agencies, countries, budgets, laws and their provisions extracted from Japanese science and technology "
        "policy documents, each fact traced to the passage and character offsets that state it.", lang="en")))  # fmt: skip
    g.add((ds, DCTERMS.description, Literal(
        "日本の科学技術政策文書から抽出した事業・機関・国・予算・法令と条項。"
        "各事実は出典の段落と文字位置を持つ。", lang="ja")))  # fmt: skip
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{iris.base}/sparql")))
    g.add((ds, VOID.uriSpace, Literal(f"{iris.base}/")))
    g.add((ds, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(stats.distinct_subjects, datatype=XSD.integer)))
    g.add((ds, VOID.distinctObjects, Literal(stats.distinct_objects, datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats.properties), datatype=XSD.integer)))
    for vocab in stats.vocabularies:
        g.add((ds, VOID.vocabulary, URIRef(vocab)))
    for example in stats.examples:
        g.add((ds, VOID.exampleResource, URIRef(example)))
    for name in ("ttl", "jsonld", "nt", "rdfxml", "trig", "nq"):
        g.add((ds, VOID.feature, FORMATS[FORMAT_IRIS[name]]))
    for cls, n in stats.classes:
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in stats.properties:
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    for graph in stats.graphs:
        node = _graph_node(iris, graph["iri"])
        g.add((ds, VOID.subset, node))
        g.add((node, RDF.type, VOID.Dataset))
        g.add((node, RDF.type, SD.Graph))
        g.add((node, VOID.triples, Literal(graph["triples"], datatype=XSD.integer)))
        g.add((node, VOID.sparqlEndpoint, URIRef(f"{iris.base}/sparql")))
        g.add((node, FOAF.page, URIRef(graph["iri"])))
        titles = SHARED_GRAPH_TITLES.get(graph["iri"].removeprefix(iris.base), (graph["title"], ""))
        for title, lang in zip(titles, ("ja", "en"), strict=True):
            if title:
                g.add((node, DCTERMS.title, Literal(title, lang=lang)))
        if graph["iri"].startswith(f"{iris.base}/doc/"):
            g.add((node, DCTERMS.source, URIRef(graph["iri"])))
    return ds


def void_description(stats: DatasetStats, iris: Iris) -> Graph:
    """The VoID description served at /.well-known/void."""
    g = _new_graph(iris)
    doc = void_iri(iris)
    g.add((doc, RDF.type, VOID.DatasetDescription))
    _titled(g, doc, "STIP-KG データセットの VoID 記述", "VoID description of the STIP-KG dataset")
    ds = _add_dataset(g, stats, iris)
    g.add((doc, FOAF.primaryTopic, ds))
    return g


def service_description(stats: DatasetStats, iris: Iris, settings: Settings) -> Graph:
    """The SPARQL 1.1 Service Description served at the endpoint (GET /sparql with an RDF Accept)."""
    g = _new_graph(iris)
    endpoint = URIRef(f"{iris.base}/sparql")
    svc = URIRef(f"{iris.base}/sparql#service")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL10Query))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add((svc, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for name in FORMAT_MEDIA:
        g.add((svc, SD.resultFormat, FORMATS[FORMAT_IRIS[name]]))
    _titled(g, svc, "STIP-KG SPARQL エンドポイント", "STIP-KG SPARQL endpoint")
    limits_en = (
        f"Read-only SPARQL 1.1 query endpoint: updates, LOAD and SERVICE are refused (403); no outbound requests. "
        f"A query running longer than {settings.query_timeout:g} s is stopped (503); a result of more than "
        f"{settings.max_rows} rows or triples is refused (422, add LIMIT). The default graph is the union of the named "
        f"graphs: one per document (its IRI is the document IRI), the curated vocabulary and the ontology."
    )
    limits_ja = (
        f"読み取り専用の SPARQL 1.1 クエリ窓口。更新・LOAD・SERVICE は拒否（403）、外部への通信は行わない。"
        f"{settings.query_timeout:g} 秒を超えるクエリは停止（503）、"
        f"{settings.max_rows} 行（トリプル）を超える結果は拒否（422、LIMIT を付ける）。"
        f"デフォルトグラフは全名前付きグラフ（文書ごと・典拠語彙・オントロジー）の和。"
    )
    g.add((svc, RDFS.comment, Literal(limits_en, lang="en")))
    g.add((svc, RDFS.comment, Literal(limits_ja, lang="ja")))
    ds = _add_dataset(g, stats, iris)
    g.add((svc, SD.defaultDataset, ds))
    default = BNode()
    g.add((ds, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    for graph in stats.graphs:
        named = BNode()
        g.add((ds, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(graph["iri"])))
        g.add((named, SD.graph, _graph_node(iris, graph["iri"])))
    g.add((svc, RDFS.seeAlso, void_iri(iris)))
    return g


# rdflib serializer names for the RDF media types these documents are offered in.
RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdfxml": "xml"}


def serialize(g: Graph, fmt: str) -> bytes:
    data = g.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode()
