"""One document through every stage: load → normalize → segment → extract/link → metadata → emit.

``process`` is pure (records in, records out); ``write_artifacts`` saves its result under
``KG_HOME/documents/{doc_id}`` atomically.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Graph
from tqdm import tqdm

from ingest.emit import Emitter
from ingest.extract import extract
from ingest.legal import LegalExtraction, read_legal
from ingest.legal.egov import EgovLaw
from ingest.legal.emit import emit_legal
from ingest.legal.statute import emit_law, law_issued, law_passages, law_publishers, read_law
from ingest.load import load_path
from ingest.metadata import DocumentMetadata, read_metadata
from ingest.normalize import normalize
from ingest.records import Document, Extraction, Passage, Problem
from ingest.segment import passages as segment
from ingest.vocab import Vocabulary, cached_vocabulary, vocabulary_graph
from kg.errors import KGError
from kg.home import Home, write_atomic, write_json
from kg.iris import Iris
from kg.settings import Settings
from kg.validate import validate
from search.embed import EmbeddingCache, get_embedder
from search.index import embedded_texts

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


# ---------------------------------------------------------------- many documents, in worker processes


@dataclass
class Done:
    """What the batch needs to know about one processed document (the artifacts are on disk)."""

    doc_id: str
    title: str | None
    folder: str
    passages: int
    seconds: float
    problems: int
    legal: dict[str, Any]
    violations: list[str]


_WORKER: dict[str, Any] = {}  # per process: settings, vocabulary, SHACL reference graph, embedder, cache


def _die_with_parent(parent: int) -> None:
    """A killed ingest must not leave workers writing into KG_HOME behind it (Linux: PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    """Load the vocabulary, GiNZA and the embedder once per worker process (``parent`` given) or in this one."""
    from ingest.extract.ner import load_nlp

    if parent is not None:
        _die_with_parent(parent)

    vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
    iris = Iris(settings.base_iri)
    home = Home(settings.home)
    _WORKER.update(
        settings=settings,
        vocab=vocab,
        iris=iris,
        home=home,
        reference=vocabulary_graph(vocab, iris) if settings.validate else None,
        embedder=get_embedder(settings.embedding_model, settings.threads),
        cache=EmbeddingCache(home.cache / "embeddings.sqlite"),
    )
    load_nlp()


def process_path(path: Path, fingerprint: str) -> Done | str:
    """Read, process, validate, save and embed one document; a message if the file cannot be read."""
    w = _WORKER
    started = time.perf_counter()
    try:
        raw = load_path(path)
    except KGError as exc:
        return exc.message
    except Exception as exc:  # noqa: BLE001 - a file no reader expected (deep HTML, a broken PDF): reported
        return f"could not be read: {type(exc).__name__}: {exc}"[:300]
    settings: Settings = w["settings"]
    try:
        processed = process(raw, w["vocab"], w["iris"], settings.passage_chars)
    except Exception as exc:  # noqa: BLE001 - one bad document is reported; the batch goes on
        return f"could not be processed: {type(exc).__name__}: {exc}"[:300]
    reference = w["reference"]
    violations = validate(processed.graph + reference, settings.ontology_dir, settings.base_iri) if reference is not None else []
    folder = write_artifacts(w["home"], processed, fingerprint, violations)
    # Embedding here, beside the document's other work, spreads the model over every worker; the
    # generation build then finds each vector in the cache (keyed by text, so nothing is embedded twice).
    records = passage_records(processed)
    w["cache"].embed(w["embedder"], embedded_texts(records))
    return Done(
        doc_id=processed.doc.doc_id,
        title=processed.metadata.title,
        folder=folder,
        passages=len(processed.passages),
        seconds=round(time.perf_counter() - started, 3),
        problems=len(processed.extraction.problems),
        legal=processed.legal.summary(),
        violations=violations,
    )


def worker_count(settings: Settings, documents: int) -> int:
    """KG_INGEST_WORKERS, or one per core when 0; never more than there are documents."""
    wanted = settings.ingest_workers or os.cpu_count() or 1
    return max(1, min(wanted, documents))


def run_documents(paths: list[Path], settings: Settings, fingerprint: str) -> Iterator[tuple[Path, Done | str]]:
    """Process documents, yielding each as it finishes; at most two per worker are queued at a time, so
    memory does not grow with the batch."""
    workers = worker_count(settings, len(paths))
    # largest first: a big document started last would leave the other workers idle while it finishes
    paths = sorted(paths, key=lambda p: -p.stat().st_size if p.exists() else 0)
    if workers == 1:  # no pool for one document or one worker: no process start-up to pay
        _init_worker(settings)
        for path in paths:
            yield path, process_path(path, fingerprint)
        return
    # spawn, not fork: the parent may hold threads (a server, OpenMP) that a forked child would inherit broken
    ctx = mp.get_context("spawn")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):  # read by the workers' numpy/OpenMP as they load:
        os.environ[var] = str(settings.threads)  # one thread each, or two workers oversubscribe the cores
    # The cache is created (and put in WAL mode) here, once, so the workers do not race to create it.
    EmbeddingCache(Home(settings.home).cache / "embeddings.sqlite").close()
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(settings, os.getpid())) as pool:
        queued = iter(paths)
        running: dict[Future[Done | str], Path] = {}
        for path in islice(queued, 2 * workers):
            running[pool.submit(process_path, path, fingerprint)] = path
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                path = running.pop(future)
                yield path, future.result()
                for nxt in islice(queued, 1):
                    running[pool.submit(process_path, nxt, fingerprint)] = nxt


class Progress:
    """On a terminal, a bar (documents, passages, rate, time left); otherwise one flushed line per document."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.count, self.passages = total, 0, 0
        self.enabled = enabled and total > 0
        self.started = time.perf_counter()
        tty = sys.stderr.isatty()
        self.bar = tqdm(total=total, desc="documents", unit="doc", disable=not (self.enabled and tty))
        self.lines = self.enabled and not tty

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()

    def document(self, name: str, passages: int, seconds: float) -> None:
        self.count += 1
        self.passages += passages
        self.bar.set_postfix(passages=self.passages, refresh=False)
        self.bar.update(1)
        if self.lines:
            elapsed = time.perf_counter() - self.started
            left = elapsed / self.count * (self.total - self.count)
            print(
                f"ingested {self.count}/{self.total} {name}: {passages} passages in {seconds:.1f} s "
                f"({self.passages / elapsed:.1f} passages/s, about {left:.0f} s left)",
                file=sys.stderr,
                flush=True,
            )
