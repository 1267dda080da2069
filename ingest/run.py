"""Batch ingest: process new or changed documents, then publish a new generation (store + index).

Unchanged documents (same content hash, same pipeline fingerprint) are skipped; when nothing changed,
nothing is rebuilt. A file that cannot be read is reported and the rest of the batch goes on.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph
from tqdm import tqdm

from ingest.load import MEDIA_TYPES, load_path
from ingest.pipeline import Progress, pipeline_fingerprint, run_documents
from ingest.vocab import Vocabulary, cached_vocabulary, vocabulary_graph
from kg.errors import BadRequest, KGError, NotFound
from kg.home import Home, check_size, disk_errors, settle_base, write_atomic, write_json
from kg.iris import Iris
from kg.settings import Settings
from kg.store import STORE_DIR, build_store, is_external, publish_external
from search.embed import EmbeddingCache, get_embedder
from search.index import build_index, embedded_texts


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    violations: dict[str, list[str]] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)
    legal: dict[str, dict[str, Any]] = field(default_factory=dict)  # per document: references found/resolved, problems
    generation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return self.__dict__


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into the supported files they hold; report paths that do not exist."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MEDIA_TYPES)
        elif path.exists():
            files.append(path)
        else:
            missing.append((str(path), "no such file or directory"))
    return files, missing


def ingest(paths: list[Path], settings: Settings, progress: bool = True, force: bool = False) -> IngestReport:
    """Ingest files and folders into KG_HOME; returns what was done, skipped and refused.

    Changed documents go through the pipeline in worker processes (``KG_INGEST_WORKERS``), each also
    embedding its own passages into the shared cache, so the generation build only assembles the index.
    """
    settings = settle_base(settings, rebuilding=True)  # keep the store's IRIs unless KG_BASE_IRI says otherwise
    home = Home(settings.home)
    report = IngestReport()
    files, report.failed = discover(paths)
    with home.writer_lock():
        catalog = home.catalog()
        fingerprint = pipeline_fingerprint(settings.ontology_dir, settings.passage_chars, settings.base_iri)
        vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
        changed = False
        todo: list[Path] = []  # paths only: each worker reads its own file, so memory stays flat
        queued: set[str] = set()
        copies: list[tuple[Path, str]] = []  # a second file with the same content as one queued: done once
        for path in files:
            try:
                raw = load_path(check_size(path))
            except KGError as exc:
                report.failed.append((str(path), exc.message))
                continue
            except Exception as exc:  # noqa: BLE001 - a file no reader expected (deep HTML, a broken PDF): reported
                report.failed.append((str(path), f"could not be read: {type(exc).__name__}: {exc}"[:300]))
                continue
            known = catalog["documents"].get(raw.doc_id)
            if known and known["fingerprint"] == fingerprint and home.document_dir(known["dir"]).is_dir() and not force:
                report.skipped.append(path.name)
                changed |= _map_source(catalog, str(path.resolve()), raw.doc_id, report)
            elif raw.doc_id in queued:
                copies.append((path, raw.doc_id))
            else:
                queued.add(raw.doc_id)
                todo.append(path)
        with Progress(len(todo), progress) as shown:
            for path, done in run_documents(todo, settings, fingerprint):
                if isinstance(done, str):  # the file became unreadable between the two reads
                    report.failed.append((str(path), done))
                    continue
                catalog["documents"][done.doc_id] = {
                    "source": path.name, "fingerprint": fingerprint, "title": done.title, "dir": done.folder,
                }  # fmt: skip
                _map_source(catalog, str(path.resolve()), done.doc_id, report)
                report.ingested.append(path.name)
                report.seconds[path.name] = done.seconds
                report.problems[path.name] = done.problems
                report.legal[path.name] = done.legal
                if done.violations:
                    report.violations[path.name] = done.violations
                shown.document(path.name, done.passages, done.seconds)
                changed = True
        for path, doc_id in copies:
            if doc_id in catalog["documents"]:
                report.skipped.append(path.name)
                _map_source(catalog, str(path.resolve()), doc_id, report)
        if changed or home.current() is None or force:
            catalog["pipeline"] = fingerprint
            report.generation = str(build_generation(home, catalog, settings, vocab, progress))
    return report


def _map_source(catalog: dict[str, Any], source: str, doc_id: str, report: IngestReport) -> bool:
    """Point a source path at a document; a path whose content changed drops its old document."""
    old = catalog["sources"].get(source)
    catalog["sources"][source] = doc_id
    if old is None or old == doc_id:
        return old is None
    if old not in catalog["sources"].values():
        catalog["documents"].pop(old, None)
        report.removed.append(old)
    return True


def remove(ref: str, settings: Settings, progress: bool = True) -> IngestReport:
    """Drop a document (by id, file name or path): its graph, passages and vectors."""
    settings = settle_base(settings)
    home = Home(settings.home)
    report = IngestReport()
    with home.writer_lock():
        catalog = home.catalog()
        doc_id = resolve_document(catalog, ref)
        catalog["documents"].pop(doc_id)
        catalog["sources"] = {s: d for s, d in catalog["sources"].items() if d != doc_id}
        report.removed.append(doc_id)
        vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
        report.generation = str(build_generation(home, catalog, settings, vocab, progress))
    return report


def reindex(settings: Settings, progress: bool = True) -> IngestReport:
    """Rebuild store and index from the stored documents (e.g. after changing the embedding model)."""
    settings = settle_base(settings)
    home = Home(settings.home)
    report = IngestReport()
    with home.writer_lock():
        catalog = home.catalog()
        vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
        report.generation = str(build_generation(home, catalog, settings, vocab, progress))
    return report


def resolve_document(catalog: dict[str, Any], ref: str) -> str:
    """A document id from an id, an id prefix, a file name or a path."""
    if not ref.strip():
        raise BadRequest("empty document reference")
    docs = catalog["documents"]
    if ref in docs:
        return ref
    matches = {d for d, info in docs.items() if info["source"] == ref or d.startswith(ref)}
    matches |= {d for s, d in catalog["sources"].items() if s == ref or s == str(Path(ref).resolve())}
    if len(matches) == 1:
        return matches.pop()
    if not matches:
        raise NotFound(f"no ingested document matches {ref!r}", "list them with `python -m kg stats` or GET /api/documents")
    raise BadRequest(f"{ref!r} matches {len(matches)} documents; give the document id")


@disk_errors
def build_generation(home: Home, catalog: dict[str, Any], settings: Settings, vocab: Vocabulary, progress: bool) -> Path:
    """Build store + index for the catalogued documents in a temporary folder, then publish it."""
    iris = Iris(settings.base_iri)
    tmp = home.new_temporary(home.generations)
    ref = tmp / "reference"
    ref.mkdir()
    ontology = Graph().parse(settings.ontology_dir / "stip.ttl", format="turtle", publicID=f"{settings.base_iri}/")
    write_atomic(ref / "ontology.nt", ontology.serialize(format="nt"))
    write_atomic(ref / "vocab.nt", vocabulary_graph(vocab, iris).serialize(format="nt"))
    doc_ids = sorted(catalog["documents"], key=lambda d: catalog["documents"][d]["source"])
    graphs = [(iris.ontology_graph(), ref / "ontology.nt"), (iris.vocab_graph(), ref / "vocab.nt")]
    folders = {d: home.document_dir(catalog["documents"][d]["dir"]) for d in doc_ids}
    graphs += [(iris.doc(d), folders[d] / "graph.nt") for d in doc_ids]
    build_store(tmp / STORE_DIR, graphs)
    if is_external(settings.store):  # the local copy is built too: it validates the data before it goes out
        publish_external(settings.store, settings.base_iri, graphs)

    passages: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {
        e.iri: {"type": e.type, "labels": e.labels, "aliases": sorted({a for a, _ in e.aliases} | set(e.abbreviations))}
        for e in vocab.entries.values()
    }
    for d in doc_ids:
        folder = folders[d]
        passages += json.loads((folder / "passages.json").read_text(encoding="utf-8"))
        for iri, info in json.loads((folder / "entities.json").read_text(encoding="utf-8")).items():
            entities.setdefault(iri, info)
    embedder = get_embedder(settings.embedding_model, settings.threads)
    cache = EmbeddingCache(home.cache / "embeddings.sqlite")
    texts = embedded_texts(passages)
    todo = cache.count_missing(embedder.model_id, texts)
    with tqdm(total=todo, desc="embedding", unit="passage", disable=not (progress and sys.stderr.isatty()) or todo == 0) as bar:
        build_index(tmp, passages, entities, embedder, cache, progress=bar)
    write_json(tmp / "catalog.json", catalog)
    return home.publish_generation(tmp)
