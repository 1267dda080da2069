"""Typed answer extraction: candidate sentences from the top passages, the span of the asked type that
satisfies the question's constraints, sentences scored across languages.

A sentence scores by the question words it shares (their Japanese renderings included), the entities the
question names (labels in both languages), the embedding model's cosine between question and the sentence's
passage (so an English question meets a Japanese sentence), a cross-encoder's score when one is set,
whether it states a span of the asked type, and the rank of its passage. A span must satisfy the
constraints: the fiscal year asked (a count from a page about another year is no answer), the budget status
asked; an organisation, person or place the question itself names is not its answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ingest.dates import find_dates
from kg.answer.question import Question
from kg.answer.spans import ENTITY_TYPES, Span, find_spans
from search.keyword import tokenize

_SENTENCE = re.compile(r"[^。\n]+。?")
CANDIDATES = 12  # best sentences per question searched for typed spans (and reread by a reranker)
_LIST_COUNTRIES = re.compile(r"\bcountr(?:y|ies)\b|\bregions?\b|国|地域", re.I)


@dataclass
class Candidate:
    passage: dict[str, Any]
    rank: int
    start: int  # document offsets
    end: int
    text: str
    score: float = 0.0
    spans: list[Span] | None = None


def candidates(hits: list[Any], k: int = 5) -> list[Candidate]:
    """Every sentence (or table line) of the top k passages."""
    out = []
    for rank, hit in enumerate(hits[:k]):
        p = hit.passage
        for m in _SENTENCE.finditer(p["text"]):
            if len(m.group(0).strip()) >= 4:
                out.append(Candidate(p, rank, p["start"] + m.start(), p["start"] + m.end(), m.group(0)))
    return out


def entity_names(sentence: str, labels: list[tuple[str, str]], entities: dict[str, dict[str, Any]]):  # type: ignore[no-untyped-def]
    """(start, end, iri, type, ja, en) of the entities the graph knows, found in the sentence by label."""
    low, taken, out = sentence.lower(), [], []
    for label, iri in labels:
        if len(label) < 2:
            continue
        s = low.find(label)
        while s >= 0:
            e = s + len(label)
            if not any(s < te and ts < e for ts, te in taken):
                taken.append((s, e))
                info = entities.get(iri, {})
                names = info.get("labels", {})
                out.append((s, e, iri, info.get("type") or "", names.get("ja") or sentence[s:e], names.get("en") or ""))
            s = low.find(label, e)
    return out


def satisfies(span: Span, sentence: str, question: Question, passage: str = "") -> bool:
    """The constraints a span must meet: the fiscal year asked (the year its line states, else one its sentence or
    passage states), the budget status asked."""
    if question.fiscal_year is not None and span.type in ("amount", "count"):
        if span.year is not None and span.year != question.fiscal_year:
            return False
        if span.year is None and question.fiscal_year not in {d.year for d in find_dates(passage or sentence) if d.fiscal}:
            return False
    if question.status and span.type == "amount" and span.status and span.status != question.status:
        return False
    return True


def pick(question: Question, hits: list[Any], words: set[str], names: set[str], searcher: Any,
         entities: dict[str, dict[str, Any]], reranker: Any = None) -> tuple[Candidate, list[Span]] | None:  # fmt: skip
    """The best candidate sentence and the spans of the asked type it states (empty when none qualifies)."""
    cands = candidates(hits)
    if not cands:
        return None
    labels = getattr(searcher, "_labels", [])
    typed = question.type not in ("definition", "description")
    for c in cands:
        low = c.text.lower()
        tokens = set(tokenize(c.text)) | {w for w in words if w in low}
        named = sum(1 for n in names if n and n in low)
        c.score = (
            5 * len(words & tokens)
            + 4 * named
            + 3 * (question.fiscal_year is not None and str(question.fiscal_year) in _years(c.text))
        )
        c.score *= (1.0, 0.85, 0.7, 0.6, 0.5)[c.rank]
        c.score *= 0.3 if len(c.text.strip()) < 12 else 1.0
    # The embedding model's cosine between the question and each sentence's passage (computed by search for the
    # question's ranking): it meets an English question to a Japanese sentence. Embedding the sentences themselves
    # costs ~0.3 s each on one contended core, over the latency budget; a reranker (KG_RERANKER) reads them instead.
    for c in cands:
        c.score += 20 * float(hits[c.rank].components.get("dense", {}).get("score", 0.0))
    top = sorted(cands, key=lambda c: -c.score)[:CANDIDATES]
    if reranker is not None:  # KG_RERANKER: a cross-encoder reads question and sentence together
        scores = reranker.scores(question.text, [c.text for c in top])
        low, high = min(scores), max(scores)
        for c, score in zip(top, scores, strict=True):
            c.score += 20 * (score - low) / (high - low or 1.0)
    for c in top:
        if not typed:
            continue
        found = find_spans(c.text, question.type, entity_names(c.text, labels, entities) if question.type in ENTITY_TYPES else [])
        if question.type == "list" and _LIST_COUNTRIES.search(question.text):
            found = [s for s in found if s.iri and entities.get(s.iri, {}).get("type") in ("Country", "Region")]
        found = [s for s in found if satisfies(s, c.text, question, c.passage["text"]) and not _names_subject(s, names)]
        if question.type == "date" and not question.period:  # 「When did … come into force?」: a date, never 「6か月」
            found = [s for s in found if s.status != "period"]
        c.spans = found
        c.score += 15 if found else 0
    best = max(top, key=lambda c: c.score)
    return best, list(best.spans or [])


def _names_subject(span: Span, names: set[str]) -> bool:
    """An organisation or place the question itself names is not its answer (「Who runs X?」 is not X); ``names``
    holds the labels and the IRIs of the entities the question names."""
    return span.type in ("organization", "person", "place", "list") and (span.ja.lower() in names or span.iri in names)


def _years(text: str) -> str:
    return " ".join(str(d.year) for d in find_dates(text))
