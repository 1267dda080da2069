"""Linked Data: every IRI the service mints dereferences here, in the formats Linked Data clients ask for,
with labels in both languages and the passages that state its facts; unknown IRIs get a helpful 404; the
ontology is served at its namespace; the endpoint describes itself (SPARQL Service Description) and the
dataset (VoID)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, VOID

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
STIP_TEXT = "ontology#text"


def minted(service) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every entity and provision IRI that is the subject of a triple → one of its ontology classes."""
    rows = service.select(
        f"""SELECT ?s (SAMPLE(?t) AS ?type) WHERE {{ ?s a ?t .
            FILTER(STRSTARTS(STR(?s), "{service.iris.base}/id/") || STRSTARTS(STR(?s), "{service.iris.base}/law/"))
            FILTER(STRSTARTS(STR(?t), "{service.iris.ont}")) }} GROUP BY ?s"""
    )
    return {r["s"]["value"]: r["type"]["value"] for r in rows}


def path_of(service, iri: str) -> str:  # type: ignore[no-untyped-def]
    return iri.removeprefix(service.iris.base)


def test_every_minted_iri_dereferences_with_labels_and_sources(client, service) -> None:  # type: ignore[no-untyped-def]
    iris = minted(service)
    assert len(iris) > 600 and len(set(iris.values())) >= 15
    mentioned = {r["e"]["value"] for r in service.select("SELECT DISTINCT ?e WHERE { ?e stip:mentionedIn ?p }")}
    failures = []
    for iri in sorted(iris):
        r = client.get(path_of(service, iri), headers={"Accept": "text/turtle"})
        if r.status_code != 200 or r.mimetype != "text/turtle":
            failures.append((iri, r.status_code))
            continue
        triples = list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))
        me = ox.NamedNode(iri)
        labels = {t.object.language for t in triples if t.subject == me and t.predicate.value == str(SKOS.prefLabel)}
        if labels != {"ja", "en"}:
            failures.append((iri, f"labels {labels}"))
        if not any(t.subject == me and t.predicate == ox.NamedNode(str(RDF.type)) for t in triples):
            failures.append((iri, "no type"))
        if iri in mentioned and not any(t.predicate.value.endswith(STIP_TEXT) for t in triples):
            failures.append((iri, "no source passage text"))
    assert not failures, failures[:20]


def one_per_class(service) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}
    for iri, cls in sorted(minted(service).items()):
        seen.setdefault(cls, iri)
    return sorted(seen.values())


@pytest.mark.parametrize(
    ("accept", "suffix", "media", "parse_format"),
    [
        ("text/turtle", ".ttl", "text/turtle", "turtle"),
        ("application/ld+json", ".jsonld", "application/ld+json", "json-ld"),
        ("application/n-triples", ".nt", "application/n-triples", "nt"),
        ("application/rdf+xml", ".rdf", "application/rdf+xml", "xml"),
    ],
)
def test_each_class_in_each_rdf_format_by_accept_and_suffix(client, service, accept, suffix, media, parse_format) -> None:  # type: ignore[no-untyped-def]
    for iri in one_per_class(service):
        for r in (client.get(path_of(service, iri), headers={"Accept": accept}), client.get(path_of(service, iri) + suffix)):
            assert r.status_code == 200 and r.mimetype == media, (iri, r.status_code)
            g = Graph().parse(data=r.get_data(as_text=True), format=parse_format)
            langs = {o.language for o in g.objects(URIRef(iri), SKOS.prefLabel)}
            assert langs == {"ja", "en"}, (iri, langs)


def test_each_class_as_html_and_json(client, service) -> None:  # type: ignore[no-untyped-def]
    for iri in one_per_class(service):
        labels = service.labels(iri)
        html = client.get(path_of(service, iri), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert html.status_code == 200 and html.mimetype == "text/html", iri
        assert labels["ja"] in html.get_data(as_text=True)
        data = client.get(path_of(service, iri), headers={"Accept": "application/json"}).get_json()
        assert data["iri"] == iri and data["labels"]["en"]


def test_representation_carries_facts_links_and_evidence(client, service) -> None:  # type: ignore[no-untyped-def]
    """SICORP: its facts, the labels of what it links to, what links to it, and the sentence of each fact."""
    r = client.get("/id/program/jst-sicorp", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    me, ont = URIRef(f"{service.iris.base}/id/program/jst-sicorp"), Namespace(str(service.iris.ont))
    jst = URIRef(f"{service.iris.base}/id/agency/jst")
    assert (me, ont.operatedBy, jst) in g
    assert (jst, SKOS.prefLabel, Literal("Japan Science and Technology Agency", lang="en")) in g
    budget = g.value(me, ont.hasBudget)  # linked entities come with their labels
    assert str(g.value(budget, SKOS.prefLabel)).startswith(("JST SICORP", "JST SICORP:"))
    statements = [st for st in g.subjects(RDF.subject, me) if (st, RDF.predicate, ont.operatedBy) in g]
    passage = g.value(statements[0], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    text = str(g.value(passage, ont.text))
    start, end = int(g.value(statements[0], ont.startOffset)), int(g.value(statements[0], ont.endOffset))
    assert text[start - int(g.value(passage, ont.startOffset)) :][: end - start] == "JST SICORP(11.6億円)"
    assert g.value(passage, ont.inDocument) is not None


def test_document_iri_gives_its_graph_with_passages(client, service) -> None:  # type: ignore[no-untyped-def]
    doc = sorted(service.catalog()["documents"])[0]
    r = client.get(f"/doc/{doc}.ttl")
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    passage = URIRef(f"{service.iris.base}/doc/{doc}#p1")
    assert g.value(passage, URIRef(f"{service.iris.ont}text")) is not None  # the #p1 fragment is described here
    r = client.get(f"/doc/{doc}", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.mimetype == "application/n-triples"


def test_shared_graphs_dereference(client, service) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/graph/vocab", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "文部科学省" in r.get_data(as_text=True)
    assert client.get("/graph/ontology").status_code == 303
    assert client.get("/graph/nope", headers={"Accept": "text/turtle"}).status_code == 404


UNKNOWN = ["/id/agency/mextt", "/id/program/sakura-sciense", "/law/504AC0000000051/art_99", "/doc/nope.ttl"]


@pytest.mark.parametrize("path", UNKNOWN)
def test_unknown_iri_is_404_json_for_clients(client, path: str) -> None:  # type: ignore[no-untyped-def]
    for accept in ("application/json", "text/turtle", "*/*"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == 404 and r.mimetype == "application/json"
        body = r.get_json()
        assert body["ok"] is False and body["status"] == 404 and body["hint"] and "suggestions" in body


def test_unknown_iri_is_a_helpful_page_for_browsers(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/id/agency/mextt", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    page = r.get_data(as_text=True)
    assert r.status_code == 404 and r.mimetype == "text/html"
    assert 'href="/id/agency/mext"' in page and "文部科学省" in page  # did you mean
    assert "/search?q=mextt" in page
    body = client.get("/id/program/sakura-sciense", headers={"Accept": "application/json"}).get_json()
    assert body["suggestions"][0]["path"] == "/id/program/sakura-science"


def test_404_page_escapes_the_path(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/id/agency/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "<script>alert(1)</script>" not in r.get_data(as_text=True)


# ---------------------------------------------------------------- the ontology at its namespace IRI


@pytest.fixture(scope="module")
def ontology(app) -> Graph:  # type: ignore[no-untyped-def]
    r = app.test_client().get("/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    return Graph().parse(data=r.get_data(as_text=True), format="turtle")


def test_every_ontology_term_has_ja_en_labels_and_comments(ontology: Graph, service) -> None:  # type: ignore[no-untyped-def]
    ns = str(service.iris.ont)
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    terms = {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(ns)}
    assert len(terms) > 50
    missing = [
        (str(t).removeprefix(ns), str(p).rsplit("#", 1)[-1])
        for t in terms
        for p in (RDFS.label, RDFS.comment)
        if {o.language for o in ontology.objects(t, p)} < {"ja", "en"}
    ]
    assert not missing


def test_every_stip_term_in_the_data_is_in_the_ontology(ontology: Graph, service) -> None:  # type: ignore[no-untyped-def]
    used = service.select(
        f"""SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s a ?t }} FILTER(STRSTARTS(STR(?t), "{service.iris.ont}")) }}"""
    )
    declared = set(ontology.subjects(RDF.type, None))
    assert {r["t"]["value"] for r in used} - {str(t) for t in declared} == set()


@pytest.mark.parametrize(("path", "fmt"), [("/ontology.ttl", "turtle"), ("/ontology.jsonld", "json-ld"), ("/ontology.nt", "nt")])
def test_ontology_formats(client, path: str, fmt: str, service) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path)
    g = Graph().parse(data=r.get_data(as_text=True), format=fmt)
    assert (URIRef(f"{service.iris.ont}Program"), RDFS.label, Literal("事業・制度", lang="ja")) in g


def test_ontology_page_has_an_anchor_per_term(client, ontology: Graph, service) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/ontology", headers={"Accept": "text/html"}).get_data(as_text=True)
    for t in ontology.subjects(RDF.type, OWL.Class):
        if str(t).startswith(str(service.iris.ont)):
            name = str(t).rsplit("#", 1)[-1]
            assert f'id="{name}"' in page and str(ontology.value(t, RDFS.label)) in page
    assert "Program" in page and "事業・制度" in page


# ---------------------------------------------------------------- Service Description and VoID


def test_service_description_at_the_endpoint(client, service) -> None:  # type: ignore[no-untyped-def]
    for headers in ({"Accept": "text/turtle"}, {}, {"Accept": "*/*"}):
        r = client.get("/sparql", headers=headers)
        assert r.status_code == 200 and r.mimetype == "text/turtle", headers
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    svc = next(g.subjects(RDF.type, SD.Service))
    base = service.iris.base
    assert g.value(svc, SD.endpoint) == URIRef(f"{base}/sparql")
    assert SD.SPARQL11Query in set(g.objects(svc, SD.supportedLanguage))
    formats = set(g.objects(svc, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV, FORMATS.SPARQL_Results_TSV,
            FORMATS.Turtle, FORMATS["JSON-LD"], FORMATS["N-Triples"]} <= formats  # fmt: skip
    assert SD.UnionDefaultGraph in set(g.objects(svc, SD.feature))
    dataset = g.value(svc, SD.defaultDataset)
    names = {g.value(n, SD.name) for n in g.objects(dataset, SD.namedGraph)}
    expected = {URIRef(str(n.value)) for n in service.store().named_graphs()}
    assert names == expected and len(names) == 7
    assert int(g.value(g.value(dataset, SD.defaultGraph), VOID.triples)) > 20000
    comment = " ".join(str(c) for c in g.objects(svc, RDFS.comment))
    assert "503" in comment and "422" in comment and "403" in comment


@pytest.mark.parametrize(
    ("accept", "fmt"), [("application/ld+json", "json-ld"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")]
)
def test_service_description_formats(client, accept: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    assert any(True for _ in Graph().parse(data=r.get_data(as_text=True), format=fmt).subjects(RDF.type, SD.Service))


def test_service_description_link_on_the_page(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="http://' in page and "/sparql?format=turtle" in page
    r = client.get("/sparql?format=turtle", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == "text/turtle" and "sd:Service" in r.get_data(as_text=True)


def test_no_query_asking_for_results_is_400(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400 and r.get_json()["error"] == "missing query"


def test_void_description(client, service) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    ds = next(s for s in g.subjects(RDF.type, VOID.Dataset) if str(s).endswith("#dataset"))
    base, ont = service.iris.base, service.iris.ont
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef(f"{base}/sparql")
    distinct = service.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert int(g.value(ds, VOID.triples)) == int(distinct[0]["n"]["value"])
    partitions = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities)) for p in g.objects(ds, VOID.classPartition)}
    programs = service.select("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a stip:Program }")
    assert partitions[URIRef(f"{ont}Program")] == int(programs[0]["n"]["value"]) > 50
    assert partitions[URIRef(f"{ont}Document")] == 5
    props = {g.value(p, VOID.property) for p in g.objects(ds, VOID.propertyPartition)}
    assert URIRef(f"{ont}operatedBy") in props and SKOS.prefLabel in props
    page = URIRef("http://xmlns.com/foaf/0.1/page")
    subsets = {g.value(s, page): int(g.value(s, VOID.triples)) for s in g.objects(ds, VOID.subset)}
    per_graph = service.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert subsets == {URIRef(r["g"]["value"]): int(r["n"]["value"]) for r in per_graph}
    examples = list(g.objects(ds, VOID.exampleResource))
    assert len(examples) >= 5
    for example in examples:  # example resources dereference
        assert client.get(str(example).removeprefix(base), headers={"Accept": "text/turtle"}).status_code == 200
    assert {str(o) for o in g.objects(ds, URIRef("http://purl.org/dc/terms/title"))} and g.value(ds, VOID.uriSpace)


def test_void_formats_and_page(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.mimetype == "application/ld+json" and json.loads(r.data)
    page = client.get("/.well-known/void", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "void:Dataset" in page.get_data(as_text=True)
    assert "/.well-known/void?format=json-ld" in page.get_data(as_text=True)
    r = client.get("/.well-known/void?format=json-ld", headers={"Accept": "text/html"})
    assert r.mimetype == "application/ld+json"
