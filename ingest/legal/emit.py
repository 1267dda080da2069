"""The legal layer → RDF in the document's named graph.

Provisions are ``{base}/law/{e-Gov law ID or law slug}/art_4__para_3__item_1`` typed stip:Article,
stip:Paragraph, stip:Item or stip:SubItem (subclasses of eli:LegalResourceSubdivision), with
eli:is_part_of (the enclosing provision, or the law for an article), eli:number ("4", "34-8", "イ"),
stip:provisionNumber (the integer), skos:prefLabel in Japanese (第四条第三項第一号) and English
(Article 4(3)(i)), eli:title for article titles, and — where the document quotes them — stip:text (the
exact source text, so a parent's text is its own wording followed by its children's), stip:startOffset /
stip:endOffset into the document, prov:wasDerivedFrom the passages it spans and dcterms:source the document.
Relations carry a reified statement pointing at the passage and span that state them, as every other
extracted fact does: eli:cites (provision → provision), eli:based_on (ordinance provision → the law
provision whose delegation it fills), stip:governedBy (program/event → provision or law).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from ingest.legal import LegalExtraction
from ingest.legal.laws import LawInfo
from ingest.legal.links import LegalEvent
from ingest.legal.numbers import LEVEL_NAMES, Path, en_label, ja_label
from ingest.legal.resolve import passage_at, provision_iri
from ingest.records import Passage
from kg.iris import ELI, SCHEMA, Iris


def emit_legal(g: Graph, doc_id: str, passages: list[Passage], legal: LegalExtraction, iris: Iris) -> None:
    """Add the legal layer of one document to its graph."""
    ont, doc = iris.ont, URIRef(iris.doc(doc_id))
    described: set[str] = set()
    for law in legal.laws.values():
        if not law.curated:
            _law(g, law, iris)
    for p in legal.provisions:
        node, n = URIRef(p.iri), p.node
        _provision(g, p.law, n.path, iris, described)
        text = legal.text[n.start : n.end]
        if legal.official:  # the law's own words: kept beside any document's quotation of them
            g.add((node, ont.officialText, Literal(text.strip(), lang="ja")))
            wording = legal.text[n.body : n.own_end].strip()
            if wording:
                g.add((node, ont.officialWording, Literal(wording, lang="ja")))
        else:
            g.add((node, ont.text, Literal(text, lang="ja")))
            g.add((node, ont.startOffset, Literal(n.start)))
            g.add((node, ont.endOffset, Literal(n.end)))
        g.add((node, DCTERMS.source, doc))
        if n.title:
            g.add((node, ELI.title, Literal(n.title, lang="ja")))
        spanned = [x for x in passages if x.start < n.end and n.start < x.end]
        for x in spanned:
            g.add((node, PROV.wasDerivedFrom, URIRef(iris.passage(doc_id, x.index))))
        if spanned:
            _mention(g, iris, doc_id, f"prov{n.start}-{n.end}", p.iri, spanned[0].index, n.start, n.end, "", "legal:structure")
    for r in legal.references:
        passage = passage_at(passages, r.ref.start)
        for i, t in enumerate(r.targets):
            _provision(g, t.law, t.path, iris, described)
            if passage is not None:
                frag = f"ref{r.ref.start}-{r.ref.end}" + (f"-{i}" if len(r.targets) > 1 else "")
                _mention(g, iris, doc_id, frag, t.iri, passage, r.ref.start, r.ref.end, r.ref.surface, "legal:citation")
            if r.source is not None and not r.self_scope and passage is not None:
                _stated(g, iris, doc_id, (URIRef(r.source.iri), ELI.cites, URIRef(t.iri)), passage, r.ref.start, r.ref.end,
                        "legal:citation")  # fmt: skip
    for b in legal.based_on:
        passage = passage_at(passages, b.ref.ref.start)
        if passage is not None:
            triple = (URIRef(b.source.iri), ELI.based_on, URIRef(b.target.iri))
            _stated(g, iris, doc_id, triple, passage, b.ref.ref.start, b.ref.ref.end, "legal:basedOn")
    for ev in legal.events:
        _event(g, iris, doc_id, ev, legal.text[ev.start : ev.end])
    for link in legal.links:
        triple = (URIRef(link.subject), ont.governedBy, URIRef(link.target))
        _stated(g, iris, doc_id, triple, link.passage, link.start, link.end, link.rule)


def _law(g: Graph, law: LawInfo, iris: Iris) -> None:
    """A law the vocabulary does not hold: what the text tells of it."""
    ont, node = iris.ont, URIRef(law.iri)
    g.add((node, RDF.type, ont[law.type]))
    for lang, label in law.labels.items():
        g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    if law.number is not None:
        g.add((node, ont.lawNumber, Literal(law.number.ja())))
    if law.egov_id:
        g.add((node, ont.egovLawId, Literal(law.egov_id)))
    if law.based_on:
        g.add((node, ELI.based_on, URIRef(law.based_on)))


def _provision(g: Graph, law: LawInfo, path: Path, iris: Iris, described: set[str]) -> None:
    """A provision and the provisions above it: type, number, labels and the chain up to its law."""
    for depth in range(1, len(path) + 1):
        sub = path[:depth]
        iri = provision_iri(iris.base, law, sub)
        if iri in described:
            continue
        described.add(iri)
        node, step = URIRef(iri), sub[-1]
        parent = URIRef(law.iri) if depth == 1 else URIRef(provision_iri(iris.base, law, sub[:-1]))
        g.add((node, RDF.type, iris.ont[LEVEL_NAMES[step.level]]))
        g.add((node, ELI.is_part_of, parent))
        g.add((node, ELI.number, Literal(step.number_text())))
        g.add((node, iris.ont.provisionNumber, Literal(step.number)))
        suppl = law.part_of is not None  # a provision of the 附則: 附則第二条 / Supplementary Provisions, Article 2
        g.add((node, SKOS.prefLabel, Literal(("附則" if suppl else "") + ja_label(sub), lang="ja")))
        g.add((node, SKOS.prefLabel, Literal(("Supplementary Provisions, " if suppl else "") + en_label(sub), lang="en")))


def _mention(g: Graph, iris: Iris, doc_id: str, frag: str, target: str, passage: int, start: int, end: int,
             surface: str, by: str) -> None:  # fmt: skip
    ont = iris.ont
    node, p = URIRef(f"{iris.doc(doc_id)}#{frag}"), URIRef(iris.passage(doc_id, passage))
    g.add((URIRef(target), ont.mentionedIn, p))
    g.add((node, RDF.type, ont.Mention))
    g.add((node, ont.inPassage, p))
    g.add((node, ont.refersTo, URIRef(target)))
    g.add((node, ont.startOffset, Literal(start)))
    g.add((node, ont.endOffset, Literal(end)))
    if surface:
        g.add((node, ont.surface, Literal(surface)))
    g.add((node, ont.extractedBy, Literal(by)))


def _stated(g: Graph, iris: Iris, doc_id: str, triple: tuple, passage: int, start: int, end: int, by: str) -> None:
    """The triple, and a reified statement saying which passage span states it."""
    ont, st = iris.ont, BNode()
    g.add(triple)
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, triple[0]))
    g.add((st, RDF.predicate, triple[1]))
    g.add((st, RDF.object, triple[2]))
    g.add((st, PROV.wasDerivedFrom, URIRef(iris.passage(doc_id, passage))))
    g.add((st, ont.startOffset, Literal(start)))
    g.add((st, ont.endOffset, Literal(end)))
    g.add((st, ont.extractedBy, Literal(by)))


def _event(g: Graph, iris: Iris, doc_id: str, ev: LegalEvent, surface: str) -> None:
    ont, node = iris.ont, URIRef(ev.iri)
    g.add((node, RDF.type, ont.Event))
    for lang, label in ev.labels.items():
        g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    if ev.date is not None:
        g.add((node, SCHEMA.startDate, Literal(ev.date.iso, datatype=XSD[ev.date.xsd_type])))
    for who in ev.participants:
        _stated(g, iris, doc_id, (node, ont.participant, URIRef(who)), ev.passage, ev.start, ev.end, "legal:act")
    for what in ev.about:
        _stated(g, iris, doc_id, (node, ont.about, URIRef(what)), ev.passage, ev.start, ev.end, "legal:act")
    # The mention's surface is the text it spans (the sentence stating the act), not the event's name.
    _mention(g, iris, doc_id, f"ev{ev.start}-{ev.end}", ev.iri, ev.passage, ev.start, ev.end, surface, "legal:act")
