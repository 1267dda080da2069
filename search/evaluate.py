"""Retrieval quality on the labelled question set (bench/data/questions.jsonl): recall@k and MRR.

A question is answered at rank r when the r-th passage contains its evidence span (located in the
normalized document text, so it is independent of how passages were cut).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from kg.service import Service
from search.hybrid import RRF_K, WEIGHTS, query_language


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _evidence_span(service: Service, q: dict[str, Any], texts: dict[str, str]) -> tuple[str, int, int] | None:
    docs = {d["source"]: d["doc_id"] for d in service.documents()}
    doc_id = docs.get(q["doc"])
    if doc_id is None:
        return None
    text = texts.setdefault(doc_id, service.document_text(doc_id))
    needle = unicodedata.normalize("NFKC", q["evidence"]).strip()
    start = text.find(needle)
    return (doc_id, start, start + len(needle)) if start >= 0 else None


def _rank(rows: list[int], passages: list[dict[str, Any]], span: tuple[str, int, int]) -> int | None:
    doc_id, s, e = span
    for rank, row in enumerate(rows, 1):
        p = passages[row]
        if p["doc_id"] == doc_id and p["start"] < e and s < p["end"]:
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    out = {f"recall@{k}": round(sum(1 for r in ranks if r and r <= k) / n, 3) for k in (1, 5, 10)}
    out["mrr"] = round(sum(1 / r for r in ranks if r) / n, 3)
    out["n"] = len(ranks)
    return out


NAIVE_CHUNK = 500  # characters: the default chunk size of common RAG frameworks


class NaiveBaseline:
    """The default pipeline of common RAG frameworks, for comparison: fixed 500-character chunks of each
    document's text, the same embedding model, flat cosine top-k. Chunk vectors go through the embedding
    cache, so only the first run pays for them."""

    def __init__(self, service: Service) -> None:
        from search.embed import EmbeddingCache
        from search.vectors import VectorIndex

        self.embedder = service.searcher().embedder
        self.chunks: list[dict[str, Any]] = []
        for d in service.documents():
            text = service.document_text(d["doc_id"])
            for start in range(0, len(text), NAIVE_CHUNK):
                self.chunks.append({"doc_id": d["doc_id"], "start": start, "end": min(len(text), start + NAIVE_CHUNK),
                                    "text": text[start : start + NAIVE_CHUNK]})  # fmt: skip
        cache = EmbeddingCache(service.home.cache / "embeddings.sqlite")
        self.vectors = VectorIndex.build(cache.embed(self.embedder, [c["text"] for c in self.chunks]))

    def search(self, query: str, k: int = 50) -> list[int]:
        qvec = self.embedder.embed_queries([query])[0]
        _, rows = self.vectors.search(qvec, min(k, len(self.chunks)))
        return [int(r) for r in rows]


def evaluate(service: Service, questions: list[dict[str, Any]], baseline: bool = True) -> dict[str, dict[str, dict[str, float]]]:
    """Per language: metrics for bm25 alone, dense alone, entity alone, the hybrid fusion, the naive RAG
    baseline run in the same process, and the oracle (each question's best rank among the retrievers)."""
    searcher = service.searcher()
    passages = service.index().passages
    allowed = np.ones(len(passages), dtype=bool)
    naive = NaiveBaseline(service) if baseline else None
    texts: dict[str, str] = {}
    ranks: dict[str, dict[str, list[int | None]]] = {}
    for q in questions:
        span = _evidence_span(service, q, texts)
        if span is None:
            continue
        if naive is not None:
            ranks.setdefault(q["lang"], {}).setdefault("naive", []).append(_rank(naive.search(q["question"]), naive.chunks, span))
        parts = searcher.components(q["question"], allowed)
        fused: dict[int, float] = {}
        for name, rows in parts.items():
            for rank, (row, _) in enumerate(rows):
                fused[row] = fused.get(row, 0.0) + WEIGHTS[query_language(q["question"])][name] / (RRF_K + rank + 1)
        systems = {name: [r for r, _ in rows] for name, rows in parts.items()}
        systems["hybrid"] = sorted(fused, key=lambda r: -fused[r])
        found = {name: _rank(rows, passages, span) for name, rows in systems.items()}
        # Not a system: each question's best rank among the retrievers. Fusing rankings seldom beats it (it can,
        # when several retrievers agree); passages no retriever ranks high need a reranker that reads them.
        found["oracle"] = min((r for name, r in found.items() if name != "hybrid" and r), default=None)
        for name, rank in found.items():
            ranks.setdefault(q["lang"], {}).setdefault(name, []).append(rank)
    return {lang: {name: metrics(r) for name, r in by.items()} for lang, by in ranks.items()}


def evaluate_ask(service: Service, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per language: share of questions answered; share whose citations contain the evidence span (cited)
    and whose answer citations themselves do (stated: the picked sentence or graph fact, not a context
    passage); share answered from the graph; latency (median, p95) of ask in process."""
    import time

    from kg.ask import Answerer

    answerer = Answerer(service)
    answerer.ask("warm-up: who runs SICORP?")  # loads the model and the lexicon outside the timings
    texts: dict[str, str] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    misses = []
    for q in questions:
        span = _evidence_span(service, q, texts)
        if span is None:
            continue
        t0 = time.perf_counter()
        answer = answerer.ask(q["question"])
        ms = (time.perf_counter() - t0) * 1000
        doc_id, s, e = span
        cited = any(c.doc_id == doc_id and c.start < e and s < c.end for c in answer.citations)
        stated = any(c.doc_id == doc_id and c.start < e and s < c.end for c in answer.citations if c.role == "answer")
        row = {"answered": answer.source is not None, "cited": cited, "stated": stated, "graph": answer.source == "graph"}
        rows.setdefault(q["lang"], []).append({**row, "ms": ms})
        if not cited:
            misses.append({"lang": q["lang"], "question": q["question"], "answer": answer.text})
    by_language = {}
    for lang, rs in rows.items():
        ms = np.array([r["ms"] for r in rs])
        by_language[lang] = {
            "answered": round(sum(r["answered"] for r in rs) / len(rs), 3),
            "cited": round(sum(r["cited"] for r in rs) / len(rs), 3),
            "stated": round(sum(r["stated"] for r in rs) / len(rs), 3),
            "graph": round(sum(r["graph"] for r in rs) / len(rs), 3),
            "p50_ms": round(float(np.median(ms)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "n": len(rs),
        }
    return {"by_language": by_language, "misses": misses}
