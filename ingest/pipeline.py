"""One document through every stage: load → normalize → segment → extract/link → metadata → emit.

``process`` is pure (records in, records out); ``write_artifacts`` saves its result under
``KG_HOME/documents/{doc_id}`` atomically.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ingest.emit import Emitter
from ingest.extract import extract
from ingest.legal import LegalExtraction, read_legal
from ingest.legal.egov import EgovLaw
from ingest.legal.emit import emit_legal
from ingest.legal.statute import emit_law, law_issued, law_passages, law_publishers, read_law
from ingest.metadata import DocumentMetadata, read_metadata
from ingest.normalize import normalize
from ingest.records import Document, Extraction, Passage, Problem
from ingest.segment import passages as segment
from ingest.vocab import Vocabulary
from kg.home import Home, write_atomic, write_json
from kg.iris import Iris

# Bump when a stage changes what it produces: documents ingested by an older pipeline are redone.
PIPELINE_VERSION = "1"


@lru_cache(maxsize=4)
def pipeline_fingerprint(ontology_dir: Path, passage_chars: int, base_iri: str) -> str:
    """Version + the ingest code + vocabularies + settings that change output: any change re-ingests."""
    h = hashlib.sha256(f"{PIPELINE_VERSION}|{passage_chars}|{base_iri}".encode())
    code = sorted(Path(__file__).resolve().parent.rglob("*.py"))
    for path in [*code, *sorted(ontology_dir.rglob("*.ttl")), *sorted(ontology_dir.rglob("*.tsv"))]:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class Processed:
    doc: Document
    passages: list[Passage]
    extraction: Extraction
    metadata: DocumentMetadata
    graph: Graph
    legal: LegalExtraction


def process(
    raw: Document, vocab: Vocabulary, iris: Iris, passage_chars: int = 400, disable: frozenset[str] = frozenset()
) -> Processed:
    """Run every stage on one loaded document (``disable``: extraction components to leave out, for ablation)."""
    if isinstance(raw.law, EgovLaw):
        return _process_law(raw, raw.law, vocab, iris, passage_chars)
    doc = normalize(raw)
    passages = segment(doc.doc_id, doc.text, passage_chars)
    extraction = extract(doc.text, passages, vocab, iris, disable=disable)
    try:
        legal = read_legal(doc.text, passages, extraction, vocab, iris)
    except Exception as exc:  # noqa: BLE001 - a fault in the legal layer must not cost the document its other facts
        legal = LegalExtraction(text=doc.text, problems=[Problem("legal", f"legal layer failed: {exc!r}")])
    extraction.problems += legal.problems  # unresolved references are reported with the other problems
    labels = {iri: e.labels for iri, e in extraction.entities.items()}
    units = {f.subject: str(f.obj) for f in extraction.facts if f.predicate.endswith("#partOf")}
    metadata = read_metadata(doc.text, extraction.mentions, labels, lambda iri: units.get(iri) or vocab.parent_of(iri))
    graph = Emitter(iris).document_graph(doc, metadata, passages, extraction)
    emit_legal(graph, doc.doc_id, passages, legal, iris)
    return Processed(doc, passages, extraction, metadata, graph, legal)


def _process_law(doc: Document, law: EgovLaw, vocab: Vocabulary, iris: Iris, passage_chars: int) -> Processed:
    """An e-Gov law: its text is already laid out (no normalizing), a passage per provision, no GiNZA (the
    gazetteer finds the laws it cites), the provision tree from the XML rather than from the text."""
    passages = law_passages(doc.doc_id, law, passage_chars)
    extraction = extract(doc.text, passages, vocab, iris, use_ginza=False)
    info, legal = read_law(law, passages, extraction, vocab, iris)
    extraction.problems += legal.problems
    metadata = DocumentMetadata(
        law.title, law_issued(law), False, law_publishers(law, vocab), "statute", "the law's promulgation date", "the law"
    )
    graph = Emitter(iris).document_graph(doc, metadata, passages, extraction)
    emit_legal(graph, doc.doc_id, passages, legal, iris)
    emit_law(graph, doc.doc_id, law, info, legal, passages, iris)
    return Processed(doc, passages, extraction, metadata, graph, legal)


def passage_records(p: Processed) -> list[dict[str, object]]:
    """Passages as the index stores them, with the entities each mentions."""
    by_passage: dict[int, list[str]] = {}
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for m in p.extraction.mentions:
        keys = by_passage.setdefault(m.passage, [])
        if m.key not in keys:
            keys.append(m.key)
        spans.setdefault(m.passage, []).append((m.start, m.end, m.key))
    title = p.metadata.title
    issued = p.metadata.issued.iso if p.metadata.issued else None
    return [
        {
            **asdict(x),
            "title": title,
            "issued": issued,
            "source": p.doc.source,
            "entities": by_passage.get(x.index, []),
            "mentions": spans.get(x.index, []),
        }
        for x in p.passages
    ]


def write_artifacts(home: Home, p: Processed, fingerprint: str, violations: list[str]) -> str:
    """Save a processed document into a temporary folder, then move it into place."""
    tmp = home.new_temporary(home.documents)
    write_atomic(tmp / "text.txt", p.doc.text)
    write_atomic(tmp / "graph.nt", p.graph.serialize(format="nt"))
    write_json(tmp / "passages.json", passage_records(p))
    write_json(tmp / "offsets.json", p.doc.offset_map or [])
    entities = {
        iri: {"type": e.type, "labels": e.labels, "aliases": sorted({a for a, _ in e.alt_labels})}
        for iri, e in p.extraction.entities.items()
    }
    write_json(tmp / "entities.json", entities)
    record = {
        "doc_id": p.doc.doc_id,
        "source": p.doc.source,
        "content_hash": p.doc.content_hash,
        "media_type": p.doc.media_type,
        "title": p.metadata.title,
        "issued": p.metadata.issued.iso if p.metadata.issued else None,
        "issued_inferred": p.metadata.issued_inferred,
        "issued_source": p.metadata.issued_source,
        "publishers": p.metadata.publishers,
        "genre": p.metadata.genre,
        "fingerprint": fingerprint,
        "counts": {
            "characters": len(p.doc.text),
            "passages": len(p.passages),
            "mentions": len(p.extraction.mentions),
            "entities": len(p.extraction.entities),
            "facts": len(p.extraction.facts),
            "budgets": len(p.extraction.budgets),
            "triples": len(p.graph),
        },
        "problems": [asdict(x) for x in p.extraction.problems],
        "legal": p.legal.summary(),
        "shacl_violations": violations,
    }
    write_json(tmp / "record.json", record)
    return home.publish_document(tmp, p.doc.doc_id)
