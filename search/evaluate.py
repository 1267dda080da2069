"""Retrieval quality on the labelled question set (bench/data/questions.jsonl): recall@k and MRR.

A question is answered at rank r when the r-th passage contains its evidence span (located in the
normalized document text, so it is independent of how passages were cut).
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
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


RERANK_DEPTH = 20  # passages of the fused ranking a configured cross-encoder rereads
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
    from kg.answer.models import reranker as load_reranker

    reranker = load_reranker(service.settings.reranker)
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
        if reranker is not None:  # KG_RERANKER: the cross-encoder reorders fusion's first RERANK_DEPTH passages
            head = systems["hybrid"][:RERANK_DEPTH]
            scores = reranker.scores(q["question"], [passages[r]["text"] for r in head])
            systems["reranked"] = [r for _, r in sorted(zip(scores, head, strict=True), key=lambda t: -t[0])]
        found = {name: _rank(rows, passages, span) for name, rows in systems.items()}
        # Not a system: each question's best rank among the retrievers. Fusing rankings seldom beats it (it can,
        # when several retrievers agree); passages no retriever ranks high need a reranker that reads them.
        found["oracle"] = min((r for name, r in found.items() if name not in ("hybrid", "reranked") and r), default=None)
        for name, rank in found.items():
            ranks.setdefault(q["lang"], {}).setdefault(name, []).append(rank)
    return {lang: {name: metrics(r) for name, r in by.items()} for lang, by in ranks.items()}


def _normal(text: str) -> str:
    return re.sub(r"[\s,，、・]", "", unicodedata.normalize("NFKC", text)).lower()


_EN_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(trillion|billion|million)", re.I)
_EN_SCALE = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}


def amounts_in(text: str) -> set[Decimal]:
    """Money values a text states, in base units, Japanese (30億円, 3,000百万円) or English (¥3.0 billion)."""
    from ingest.extract.amounts import find_amounts

    values = {a.value for a in find_amounts(unicodedata.normalize("NFKC", text))}
    values |= {Decimal(m.group(1)) * _EN_SCALE[m.group(2).lower()] for m in _EN_AMOUNT.finditer(text)}
    return {v.normalize() for v in values}


def states(shown: str, q: dict[str, Any]) -> bool:
    """Whether what an answer shows (its line and structured items) states the gold answer: the answer in
    either language or an accepted form, compared without spaces and separators; amounts by value."""
    golds = [g for g in (q.get("answer"), q.get("answer_en"), *q.get("accept", [])) if g]
    norm = _normal(shown)
    if any(_normal(g) and _normal(g) in norm for g in golds):
        return True
    gold_values = set().union(*(amounts_in(g) for g in golds)) if golds else set()
    if gold_values & amounts_in(shown):
        return True
    return any(_same_numbers(g, shown) or _same_dates(g, shown) for g in golds)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FILLER = re.compile(r"[約計名人件か国カヶ所機関課題回年月日間度以上以下程度まで原則全体で拠点校社大学%％()（）~〜、・\s]")


def _same_numbers(gold: str, shown: str) -> bool:
    """A gold answer that is a number with its counter (約4,000名, 原則7日間まで) is stated when every number
    in it is: the words around the number carry nothing else to check."""
    g = unicodedata.normalize("NFKC", gold).replace(",", "")
    numbers = _NUMBER.findall(g)
    if not numbers or len(_FILLER.sub("", _NUMBER.sub("", g))) > 2:
        return False
    have = set(_NUMBER.findall(unicodedata.normalize("NFKC", shown).replace(",", "")))
    return all(n in have for n in numbers)


def _same_dates(gold: str, shown: str) -> bool:
    """Dates compared by value: 令和６年３月２９日 = 2024年3月29日 = 29 March 2024 (ISO in the answer)."""
    from ingest.dates import find_dates

    g = unicodedata.normalize("NFKC", gold)
    dates = [d for d in find_dates(g) if d.month]
    rest = g
    for d in dates:
        rest = rest.replace(d.surface, "")
    if not dates or len(_FILLER.sub("", rest)) > 4:  # 「2024年10月19日、インド・ニューデリー」 asks for a place too
        return False
    wanted = {d.iso for d in dates}
    have = {d.iso for d in find_dates(unicodedata.normalize("NFKC", shown))} | set(re.findall(r"\d{4}-\d{2}-\d{2}", shown))
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
              "December"]  # fmt: skip
    for m in re.finditer(r"(\d{1,2}) (" + "|".join(months) + r") (\d{4})", shown):
        have.add(f"{m.group(3)}-{months.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}")
    return wanted <= have


def shown_text(answer: Any) -> str:
    """The answer line and every structured item's labels, values, amounts and provision wording (not the
    quoted sources)."""
    parts = [answer.text]
    for item in answer.items:
        parts += [str(v) for v in item.get("labels", {}).values()]
        parts += [str(item[k]) for k in ("value", "statedAs", "amount", "text") if item.get(k)]
        if item.get("amount"):
            parts.append(f"{item['amount']}円")
    return "\n".join(parts)


def evaluate_ask(service: Service, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per language and per answer type: share of questions answered; stated (the answer line or a structured
    item states the gold answer); cited (a citation holds the evidence span); quoted (the answer's own
    citation does, not a context passage); answered in English (of the answered English questions, those
    whose answer line is in English); from the graph; latency (median, p95) of ask in process."""
    import time

    from kg.ask import Answerer

    answerer = Answerer(service)
    answerer.warm()  # loads the model, the lexicon and the romanizer outside the timings
    answerer.ask("Where is it, who heads it, and how many projects in FY2024?")  # and the passage path's libraries
    texts: dict[str, str] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    misses = []
    for q in questions:
        span = _evidence_span(service, q, texts)
        if span is None:
            continue
        t0 = time.perf_counter()
        service.searcher().search(q["question"], k=5)  # baseline in the same process: search alone
        t1 = time.perf_counter()
        answer = answerer.ask(q["question"])
        ms, search_ms = (time.perf_counter() - t1) * 1000, (t1 - t0) * 1000
        doc_id, s, e = span
        cited = any(c.doc_id == doc_id and c.start < e and s < c.end for c in answer.citations)
        quoted = any(c.doc_id == doc_id and c.start < e and s < c.end for c in answer.citations if c.role == "answer")
        answered = answer.source is not None
        stated = answered and states(shown_text(answer), q)
        row = {"answered": answered, "cited": cited, "quoted": quoted, "stated": stated, "graph": answer.source == "graph",
               "english": answered and answer.language() == "en", "type": q.get("type") or q.get("kind") or "other"}  # fmt: skip
        rows.setdefault(q["lang"], []).append({**row, "ms": ms, "search_ms": search_ms})
        if not stated:
            misses.append({"lang": q["lang"], "type": row["type"], "question": q["question"], "gold": q.get("answer"),
                           "answer": answer.text, "cited": cited})  # fmt: skip
    by_language = {lang: _ask_rates(rs, lang) for lang, rs in rows.items()}
    by_type = {lang: {t: _ask_rates([r for r in rs if r["type"] == t], lang) for t in sorted({r["type"] for r in rs})}
               for lang, rs in rows.items()}  # fmt: skip
    return {"by_language": by_language, "by_type": by_type, "misses": misses}


def _ask_rates(rs: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    ms = np.array([r["ms"] for r in rs])
    answered = [r for r in rs if r["answered"]]
    out = {k: round(sum(r[k] for r in rs) / len(rs), 3) for k in ("answered", "stated", "cited", "quoted", "graph")}
    # Of the answered questions, the share whose answer line an English reader can read (English questions only).
    out["english"] = round(sum(r["english"] for r in answered) / len(answered), 3) if answered and lang == "en" else None
    out |= {"p50_ms": round(float(np.median(ms)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1), "n": len(rs)}
    # Timings on a shared machine are noisy: ask's p95 over search's p95 measured on the same questions in the same run.
    search = np.array([r["search_ms"] for r in rs])
    out["p95_vs_search"] = round(float(np.percentile(ms, 95) / max(np.percentile(search, 95), 1e-9)), 2)
    return out
