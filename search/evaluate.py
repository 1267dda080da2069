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


def evaluate(service: Service, questions: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """Per language: metrics for bm25 alone, dense alone, entity alone and the hybrid fusion."""
    searcher = service.searcher()
    passages = service.index().passages
    allowed = np.ones(len(passages), dtype=bool)
    texts: dict[str, str] = {}
    ranks: dict[str, dict[str, list[int | None]]] = {}
    for q in questions:
        span = _evidence_span(service, q, texts)
        if span is None:
            continue
        parts = searcher.components(q["question"], allowed)
        fused: dict[int, float] = {}
        for name, rows in parts.items():
            for rank, (row, _) in enumerate(rows):
                fused[row] = fused.get(row, 0.0) + WEIGHTS[query_language(q["question"])][name] / (RRF_K + rank + 1)
        systems = {name: [r for r, _ in rows] for name, rows in parts.items()}
        systems["hybrid"] = sorted(fused, key=lambda r: -fused[r])
        for name, rows in systems.items():
            ranks.setdefault(q["lang"], {}).setdefault(name, []).append(_rank(rows, passages, span))
    return {lang: {name: metrics(r) for name, r in by.items()} for lang, by in ranks.items()}
