"""Stage 6: records → RDF. One named graph per document; every mention, fact and budget points to its
passage and character offsets (PROV-O ``prov:wasDerivedFrom`` plus ``stip:startOffset``/``endOffset``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ingest.metadata import DocumentMetadata
from ingest.records import Budget, Document, Extraction, Passage
from kg.iris import QB, SCHEMA, Iris

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

# Budget statuses as the extractor names them → how a Japanese budget document says them.
_STATUS_JA = {"budget request": "予算額（案）", "previous-year budget": "前年度予算額", "supplementary budget": "補正予算",
              "budget": "予算", "fund size": "基金規模", "total": "合計", "actual": "実績",
              "per-award": "1件あたりの額"}  # fmt: skip
# Classes whose instances are also typed with their superclass, so a query for events finds meetings and one
# for places finds municipalities (the store does no RDFS inference).
ASSERTED_SUPERCLASS = {"Meeting": "Event", "Prefecture": "Place", "Municipality": "Place", "City": "Place"}
# Document genres (ingest/genre.py) → their stip:DocumentGenre terms.
GENRE_TERMS = {
    "press-release": "PressRelease", "meeting-minutes": "MeetingMinutes", "budget-request": "BudgetRequest",
    "white-paper": "WhitePaper", "statute": "Statute", "guideline": "Guideline", "web-page": "WebPage", "report": "Report",
}  # fmt: skip
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def text_language(text: str) -> str:
    """``ja`` when the text has Japanese script, else ``en``."""
    return "ja" if _JAPANESE.search(text[:2000]) else "en"


def amount_en(value: str, currency: str) -> str:
    """``JPY 1.371 billion`` for 1371000000 JPY: how an English reader states an amount."""
    amount = Decimal(value)
    for scale, word in _SCALES:
        if abs(amount) >= scale:
            return f"{currency} {format((amount / scale).normalize(), 'f')} {word}"
    return f"{currency} {amount:,}"


def budget_labels(b: Budget, subject: dict[str, str]) -> dict[str, str]:
    """ja/en labels of a budget from what it is of, its fiscal year and status and the amount as stated."""
    year = f"{b.fiscal_year}" if b.fiscal_year else ""
    if b.fiscal_years:  # a total over several years: FY2025–2026
        year = f"{b.fiscal_years[0]}–{b.fiscal_years[-1]}"
    ja_kind = (f"{year}年度" if year else "") + _STATUS_JA.get(b.status, "予算")
    en_kind = " ".join(x for x in (f"FY{year}" if year else "", b.status or "budget") if x)
    ja = " ".join(x for x in (subject.get("ja", ""), ja_kind, b.stated_as) if x)
    en = f"{en_kind}, {amount_en(b.value, b.currency)}"
    return {"ja": ja, "en": f"{subject['en']}: {en}" if subject.get("en") else en[:1].upper() + en[1:]}


@dataclass
class Emitter:
    iris: Iris

    def document_graph(self, doc: Document, meta: DocumentMetadata, passages: list[Passage], ex: Extraction) -> Graph:
        """The named graph of one document (its IRI is the document IRI)."""
        g = Graph(identifier=URIRef(self.iris.doc(doc.doc_id)))
        self._document(g, doc, meta)
        lang = text_language(doc.text)
        for p in passages:
            self._passage(g, doc, p, lang)
        self._entities(g, doc, ex)
        self._facts(g, doc, ex)
        self._budgets(g, doc, ex)
        self._observations(g, doc, ex)
        return g

    def _document(self, g: Graph, doc: Document, meta: DocumentMetadata) -> None:
        ont, d = self.iris.ont, URIRef(self.iris.doc(doc.doc_id))
        g.add((d, RDF.type, ont.Document))
        g.add((d, DCTERMS.title, Literal(meta.title, lang=text_language(meta.title))))
        if meta.issued is not None:
            g.add((d, DCTERMS.issued, Literal(meta.issued.iso, datatype=XSD[meta.issued.xsd_type])))
            g.add((d, ont.issuedInferred, Literal(meta.issued_inferred)))
            if meta.issued_source:
                g.add((d, ont.issuedSource, Literal(meta.issued_source)))
        for publisher in meta.publishers:
            g.add((d, DCTERMS.publisher, URIRef(publisher)))
        if meta.publisher_source:
            g.add((d, ont.publisherSource, Literal(meta.publisher_source)))
        g.add((d, DCTERMS.type, ont[GENRE_TERMS[meta.genre]]))
        g.add((d, ont.sourceName, Literal(doc.source)))
        g.add((d, ont.contentHash, Literal(doc.content_hash)))
        g.add((d, ont.mediaType, Literal(doc.media_type)))
        g.add((d, ont.characterCount, Literal(len(doc.text))))

    def _passage(self, g: Graph, doc: Document, p: Passage, lang: str) -> None:
        ont, node = self.iris.ont, URIRef(self.iris.passage(doc.doc_id, p.index))
        g.add((node, RDF.type, ont.Passage))
        g.add((node, ont.inDocument, URIRef(self.iris.doc(doc.doc_id))))
        g.add((node, ont.passageIndex, Literal(p.index)))
        g.add((node, ont.startOffset, Literal(p.start)))
        g.add((node, ont.endOffset, Literal(p.end)))
        g.add((node, ont.text, Literal(p.text, lang=lang)))
        if p.section:
            g.add((node, ont.sectionTitle, Literal(p.section, lang=lang)))

    def _entities(self, g: Graph, doc: Document, ex: Extraction) -> None:
        ont = self.iris.ont
        for iri, entity in ex.entities.items():
            node = URIRef(iri)
            if not entity.curated:  # curated entities are described once, in the vocabulary graph
                g.add((node, RDF.type, ont[entity.type]))
                if entity.type in ASSERTED_SUPERCLASS:  # a meeting is found by queries for events too
                    g.add((node, RDF.type, ont[ASSERTED_SUPERCLASS[entity.type]]))
                for extra in entity.extra_types:
                    g.add((node, RDF.type, ont[extra]))
                for lang, label in entity.labels.items():
                    g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
                for label, lang in entity.alt_labels:
                    g.add((node, SKOS.altLabel, Literal(label, lang=lang or None)))
                if entity.label_source and "en" in entity.labels:  # a machine-made English label says so
                    g.add((node, ont.labelSource, Literal(entity.label_source)))
        seen: dict[tuple[int, int], int] = {}
        for m in ex.mentions:
            passage = URIRef(self.iris.passage(doc.doc_id, m.passage))
            n = seen[(m.start, m.end)] = seen.get((m.start, m.end), -1) + 1
            node = URIRef(self.iris.mention(doc.doc_id, m.start, m.end, n))
            g.add((URIRef(m.key), ont.mentionedIn, passage))
            g.add((node, RDF.type, ont.Mention))
            g.add((node, ont.inPassage, passage))
            g.add((node, ont.refersTo, URIRef(m.key)))
            g.add((node, ont.startOffset, Literal(m.start)))
            g.add((node, ont.endOffset, Literal(m.end)))
            g.add((node, ont.surface, Literal(m.surface)))
            g.add((node, ont.extractedBy, Literal(m.source)))

    def _facts(self, g: Graph, doc: Document, ex: Extraction) -> None:
        for fact in ex.facts:
            obj = URIRef(fact.obj) if fact.datatype is None else Literal(fact.obj, datatype=URIRef(fact.datatype))
            triple = (URIRef(fact.subject), URIRef(fact.predicate), obj)
            g.add(triple)
            self._provenance(g, doc, triple, fact.passage, fact.start, fact.end, fact.extractor)

    def _provenance(self, g: Graph, doc: Document, triple: tuple, passage: int, start: int, end: int, by: str) -> None:
        """A reified statement saying which passage span states the triple."""
        ont, st = self.iris.ont, BNode()
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, triple[0]))
        g.add((st, RDF.predicate, triple[1]))
        g.add((st, RDF.object, triple[2]))
        g.add((st, PROV.wasDerivedFrom, URIRef(self.iris.passage(doc.doc_id, passage))))
        g.add((st, ont.startOffset, Literal(start)))
        g.add((st, ont.endOffset, Literal(end)))
        g.add((st, ont.extractedBy, Literal(by)))

    def _budgets(self, g: Graph, doc: Document, ex: Extraction) -> None:
        ont = self.iris.ont
        for b in ex.budgets:
            node = URIRef(b.iri)
            g.add((node, RDF.type, ont.Budget))
            subject = ex.entities.get(b.subject or "")
            for lang, label in budget_labels(b, subject.labels if subject else {}).items():
                g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
            g.add((node, SCHEMA.value, Literal(b.value, datatype=XSD.decimal)))
            g.add((node, SCHEMA.currency, Literal(b.currency)))
            g.add((node, ont.statedAs, Literal(b.stated_as, lang="ja")))
            g.add((node, PROV.wasDerivedFrom, URIRef(self.iris.passage(doc.doc_id, b.passage))))
            for passage, _, _ in b.also:
                g.add((node, PROV.wasDerivedFrom, URIRef(self.iris.passage(doc.doc_id, passage))))
            g.add((node, ont.startOffset, Literal(b.start)))
            g.add((node, ont.endOffset, Literal(b.end)))
            for year in b.fiscal_years or ([b.fiscal_year] if b.fiscal_year else []):
                g.add((node, ont.fiscalYear, Literal(f"{year:04d}", datatype=XSD.gYear)))
            if b.recipient:  # an agency's share of a program's budget
                g.add((node, ont.recipient, URIRef(b.recipient)))
            if b.part_of:
                g.add((node, ont.partOfBudget, URIRef(b.part_of)))
            if b.status:
                g.add((node, ont.budgetStatus, Literal(b.status)))
            if b.subject:
                g.add((node, ont.budgetOf, URIRef(b.subject)))
                g.add((URIRef(b.subject), ont.hasBudget, node))

    def _observations(self, g: Graph, doc: Document, ex: Extraction) -> None:
        ont = self.iris.ont
        tables: set[int] = set()
        for o in ex.observations:
            table = URIRef(f"{self.iris.doc(doc.doc_id)}#table{o.table}")
            if o.table not in tables:
                tables.add(o.table)
                g.add((table, RDF.type, ont.Table))
                g.add((table, RDFS.label, Literal(o.caption or f"table {o.table}", lang=text_language(o.caption or "x"))))
                g.add((table, DCTERMS.isPartOf, URIRef(self.iris.doc(doc.doc_id))))
            node = URIRef(f"{self.iris.doc(doc.doc_id)}#obs{o.start}-{o.end}")
            g.add((node, RDF.type, ont.Observation))
            g.add((node, QB.dataSet, table))
            g.add((node, ont.rowLabel, Literal(o.row)))
            g.add((node, ont.columnLabel, Literal(o.column)))
            g.add((node, SCHEMA.value, Literal(o.value, datatype=XSD.decimal)))
            if o.unit:
                g.add((node, ont.unit, Literal(o.unit)))
            if o.country:
                g.add((node, ont.refCountry, URIRef(o.country)))
            if o.year:
                g.add((node, ont.refPeriod, Literal(f"{o.year:04d}", datatype=XSD.gYear)))
            g.add((node, PROV.wasDerivedFrom, URIRef(self.iris.passage(doc.doc_id, o.passage))))
            g.add((node, ont.startOffset, Literal(o.start)))
            g.add((node, ont.endOffset, Literal(o.end)))
