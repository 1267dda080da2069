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
RANK_WEIGHTS = (1.0, 0.85, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35)  # by the rank of the sentence's passage
PASSAGES = len(RANK_WEIGHTS)  # passages whose sentences are candidates
CANDIDATES = 12  # best sentences per question searched for typed spans (and reread by a reranker)
_LIST_COUNTRIES = re.compile(r"\bcountr(?:y|ies)\b|(?:どの|相手|対象|協力|参加)国|国・地域|国々|国と地域", re.I)


@dataclass
class Candidate:
    passage: dict[str, Any]
    rank: int
    start: int  # document offsets
    end: int
    text: str
    context: tuple[str, ...] = ()  # the lines above it in its passage, nearest first (a heading, a table's labels)
    score: float = 0.0
    spans: list[Span] | None = None


def candidates(hits: list[Any], k: int = PASSAGES) -> list[Candidate]:
    """Every sentence (or table line) of the top k passages, with the lines above it."""
    out = []
    for rank, hit in enumerate(hits[:k]):
        p = hit.passage
        for m in _SENTENCE.finditer(p["text"]):
            if len(m.group(0).strip()) >= 2:
                out.append(Candidate(p, rank, p["start"] + m.start(), p["start"] + m.end(), m.group(0),
                                     _lines_above(p["text"], m.start())))  # fmt: skip
    return out


def _lines_above(text: str, start: int, n: int = 3) -> tuple[str, ...]:
    """The n non-empty lines before the line a sentence starts on, nearest first: a value on a line of its own
    (「2024年6月12日」「宮城県仙台市」) is about the labels, headings and cells written above it."""
    lines = [line for line in text[: text.rfind("\n", 0, start + 1) + 1].split("\n") if line.strip()]
    return tuple(reversed(lines[-n:]))


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


def mentioned(c: Candidate, entities: dict[str, dict[str, Any]]):  # type: ignore[no-untyped-def]
    """(start, end, iri, type, ja, en) of the entities ingest found in the sentence (its passage's typed mentions,
    with the graph's labels), offsets relative to the sentence."""
    s0 = c.start - c.passage["start"]
    out = []
    for s, e, iri in c.passage.get("mentions", []):
        if s0 <= s and e <= s0 + len(c.text):
            info = entities.get(iri, {})
            names = info.get("labels", {})
            out.append((s - s0, e - s0, iri, info.get("type") or "", names.get("ja") or c.text[s - s0 : e - s0],
                        names.get("en") or ""))  # fmt: skip
    return sorted(out, key=lambda n: (n[0], -(n[1] - n[0])))


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


def _word_score(text: str, words: set[str], names: set[str]) -> tuple[float, set[str]]:
    """5 per question word the text holds (Sudachi's normalized forms too), 4 per name; the words met."""
    low = text.lower()
    met = (set(tokenize(text)) | {w for w in words if w in low}) & words
    met_names = {n for n in names if n and not n.startswith("http") and n in low}
    return 5 * len(met) + 4 * len(met_names), met | met_names


WINDOW = 14  # characters either side of a span where the question's words tie it to what is asked


def span_score(span: Span, sentence: str, question: Question, words: set[str], names: set[str]) -> float:
    """How well a span answers beyond its type: the question's words and names around it, the post a person is
    asked by (委員長 before the name), the country an adjective asks for, the counter a count is asked in, an
    amount per month or per year, the end of a period for a deadline, a total for a total."""
    low = sentence.lower()
    before, after = low[max(0, span.start - WINDOW) : span.start], low[span.end : span.end + WINDOW]
    near = before + " " + after
    score = 3.0 * sum(1 for w in words | names if w and not w.startswith("http") and w in near)
    # The post is written before the name (委員長：藤原 浩二, 研究代表者：… 教授 森下 雅人) or right after it (木下主査).
    post = sentence[max(0, span.start - 24) : span.start] + " " + sentence[span.end : span.end + 4]
    if question.roles and span.type == "person":  # someone in another post is not who is asked for
        score += 12 if any(r in post for r in question.roles) else -4
    if question.country:
        own = f"{span.ja} {span.en} {sentence[max(0, span.start - 8) : span.start]}"
        katakana = re.search(r"[\u30a1-\u30fa]", span.ja) is not None  # a place in Japan is written in kanji
        japanese_place = "日本" in question.country and span.type in ("place", "list") and not katakana
        score += 8 if japanese_place or any(n in own for n in question.country) else 0
    if question.counters and span.type == "count":
        score += 8 if span.unit in question.counters else -4
    if question.per and span.type == "amount":
        marks = ("月額", "月") if question.per == "month" else ("年額", "年間", "毎年")
        score += 6 if any(m in sentence[max(0, span.start - 6) : span.start] for m in marks) else -6
    if question.end and span.type == "date":  # 〜令和7年11月7日, 6月30日まで; not the day a period opens
        closes = span.unit == "end" or re.match(r"\S{0,12}?まで", sentence[span.end :]) is not None
        score += 6 if closes else -6 if span.unit == "start" else 0
    if span.type == "count" and (question.approx or question.minimum):
        qualifier = "about " if question.approx else "at least "
        score += 4 if span.en.startswith(qualifier) else 0
    if span.type == "fiscal_year" and span.status == "range" and re.search(r"\byears\b|期間|から.*まで", question.text):
        score += 6
    if span.type == "date" and re.fullmatch(r"\d{4}", span.en):
        score -= 3  # a bare year answers 「when」 worse than a day or a month
    if span.type == "date" and _IN_FORCE.search(question.text) and re.match(r"(?:から|より|に)施行", sentence[span.end :]):
        score += 12
    if question.total and span.type == "count" and re.search(r"(?:計|合計|累計|全体で|総数|総計)\s?$", sentence[: span.start]):
        score += 8
    if span.type in ("organization", "person", "place") and span.iri is None:
        score -= 3  # found by a pattern, not among the entities ingest extracted and linked: less sure
    if span.type == "list" and span.unit and any(span.unit in w or w in span.unit for w in words if len(w) >= 2):
        score += 6  # 「対象とする領域」 meets 「…の3領域」
    return score


_ASKS_DECISION = re.compile(r"決定|公表|策定|改定|改訂|\bdecid|\bannounc|\badopt|\bpublish|\bformulat|\brevis", re.I)
_ASKS_ISSUED = re.compile(r"発表|公表|発行|日付|\bissued\b|\bpublished\b|\bdated?\b|\breleased?\b", re.I)
_IN_FORCE = re.compile(r"\binto force\b|\beffective\b|\btake effect\b|\benforce|施行", re.I)
_ORDINAL_AT = re.compile(r"第\s?([0-9]+|[一二三四五六七八九十]+)\s?(?:回|期|段階|次)")
# A deadline's label; a call's period (公募期間) ends on its deadline.
_DEADLINE_WORDS = re.compile(r"締切|締め切|期限|まで|(?:公募|募集|応募|申請|受付)期間|deadline", re.I)


def _ordinals(text: str) -> set[int]:
    from kanjize import kanji2number

    return {int(g) if g.isdigit() else int(kanji2number(g)) for g in _ORDINAL_AT.findall(text)}


def context_score(c: Candidate, question: Question, names: set[str], documents: dict[str, set[str]] | None = None) -> float:
    """What the sentence's passage, its document and the lines above it say about it: the entities the question
    names are mentioned in its passage, or at least in its document (an answer about Q-LINKS comes from a page about
    Q-LINKS); the edition asked (第6回) is the one stated, not another (第5回); a deadline's label (公募締切) is above it."""
    here = {iri for iri in c.passage.get("entities", []) if iri in names}
    elsewhere = {iri for iri in (documents or {}).get(c.passage["doc_id"], set()) if iri in names} - here
    score = 8.0 * min(2, len(here)) + 5.0 * min(2, len(elsewhere))
    if question.ordinal is not None:  # the sentence and its labels, else the heading of its passage
        near = _ordinals(" ".join([c.text, *c.context[:2]])) or _ordinals(c.passage["text"][:80])
        score += 8 if question.ordinal in near else -6 if near else 0
    if question.end and any(_DEADLINE_WORDS.search(line) for line in c.context[:1]):
        score += 10
    return score


def pick(question: Question, hits: list[Any], words: set[str], names: set[str], searcher: Any,
         entities: dict[str, dict[str, Any]], reranker: Any = None,
         documents: dict[str, set[str]] | None = None) -> tuple[Candidate, list[Span]] | None:  # fmt: skip
    """The best candidate sentence and the spans of the asked type it states, best first (empty when none
    qualifies). A typed question is answered by a sentence stating a span of its type that meets its
    constraints whenever one of the candidates does: a heading that shares more words states no answer."""
    cands = candidates(hits)
    if not cands:
        return None
    labels = getattr(searcher, "_labels", [])
    typed = question.type not in ("definition", "description")
    for c in cands:
        own, met = _word_score(c.text, words, names)
        context = 0.0
        # Headings and labels above a sentence count less; above a value on a line of its own (a table cell), nearly as much.
        weights = (1.0, 0.7, 0.5) if len(c.text.strip()) < 20 else (0.5, 0.35, 0.25)
        for weight, line in zip(weights, c.context, strict=False):
            line_score, line_met = _word_score(line, words - met, {n for n in names if n not in met})
            context += weight * line_score
            met |= line_met
        # Words shared count by the rank of the passage they are in; the constraints (the entity's passage, the
        # edition, a deadline's label) hold wherever the passage ranks.
        c.score = (own + context) * RANK_WEIGHTS[c.rank] + context_score(c, question, names, documents)
        c.score += 3 * (question.fiscal_year is not None and str(question.fiscal_year) in _years(c.text))
    # The embedding model's cosine between the question and each sentence's passage (computed by search for the
    # question's ranking): it meets an English question to a Japanese sentence. Embedding the sentences themselves
    # costs ~0.3 s each on one contended core, over the latency budget; a reranker (KG_RERANKER) reads them instead.
    for c in cands:
        c.score += 20 * float(hits[c.rank].components.get("dense", {}).get("score", 0.0))
    ranked = sorted(cands, key=lambda c: -c.score)
    top = ranked[:CANDIDATES]
    if reranker is not None:  # KG_RERANKER: a cross-encoder reads question and sentence together
        scores = reranker.scores(question.text, [c.text for c in top])
        low, high = min(scores), max(scores)
        for c, score in zip(top, scores, strict=True):
            c.score += 20 * (score - low) / (high - low or 1.0)
    if typed:
        for i, c in enumerate(ranked):
            c.spans = _typed_spans(c, question, names, entities, labels if i < CANDIDATES else [])
            best = max((span_score(s, c.text, question, words, names) for s in c.spans), default=0.0)
            c.spans.sort(key=lambda s: -span_score(s, c.text, question, words, names))
            if question.type == "list" and c.spans:  # the longest enumeration of the best items first
                c.spans = _best_run_first(c.spans, c.text, question, words, names)
            c.score += (15 + min(best, 24)) if c.spans else 0
    for c in ranked:
        if len(c.text.strip()) < 12 and not c.spans:
            c.score *= 0.3  # a heading-like line that states nothing asked
    answering = [c for c in ranked if c.spans]
    best = max(answering or ranked, key=lambda c: c.score)
    return best, list(best.spans or [])


_BETWEEN_ITEMS = re.compile(r"(?:[（(][^）)]{0,20}[）)])?\s*(?:、|,|及び|および|並びに|と|・)?\s*")


def runs(spans: list[Span], sentence: str) -> list[list[Span]]:
    """Spans written one after another, joined only by separators or a parenthesis each (名古屋大学（愛知県名古屋市）、…)."""
    out: list[list[Span]] = []
    for s in sorted(spans, key=lambda s: s.start):
        if out and _BETWEEN_ITEMS.fullmatch(sentence[out[-1][-1].end : s.start]):
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _best_run_first(spans: list[Span], sentence: str, question: Question, words: set[str], names: set[str]) -> list[Span]:
    """A list is answered by an enumeration: the run whose items score best, longer runs first."""
    best = max(runs(spans, sentence), key=lambda r: max(span_score(s, sentence, question, words, names) for s in r) + 3 * len(r))
    top = max(best, key=lambda s: span_score(s, sentence, question, words, names))
    return [top, *(s for s in spans if s is not top)]


def _dateline(span: Span, c: Candidate) -> bool:
    """A line holding nothing but the document's own date (a press release's or a rule's dateline): the day the
    page was issued, not when anything it tells of happens."""
    rest = re.sub(r"[（(][^）)]*[）)]|\s", "", c.text.replace(span.ja, "", 1))
    issued = str(c.passage.get("issued") or "")
    if rest or not issued:
        return False
    return any(f"{d.year:04d}-{d.month or 0:02d}" + (f"-{d.day:02d}" if d.day else "") == issued for d in find_dates(span.ja))


def _typed_spans(c: Candidate, question: Question, names: set[str], entities: dict[str, dict[str, Any]],
                 labels: list[tuple[str, str]]) -> list[Span]:  # fmt: skip
    """The spans of the asked type the sentence states that meet the question's constraints. Entities come from
    the passage's typed mentions (ingest's), then from the graph's labels for the best sentences."""
    known: list[Any] = []
    if question.type in ENTITY_TYPES:
        known = mentioned(c, entities)
        taken = [(n[0], n[1]) for n in known]
        known += [n for n in entity_names(c.text, labels, entities) if not any(n[0] < e and s < n[1] for s, e in taken)]
    found = find_spans(c.text, question.type, known)
    if question.type == "list" and _LIST_COUNTRIES.search(question.text):
        found = [s for s in found if s.iri and entities.get(s.iri, {}).get("type") in ("Country", "Region")]
    found = [s for s in found if satisfies(s, c.text, question, c.passage["text"]) and not _names_subject(s, names)]
    if question.counters and question.type == "count":  # a count of other things (2,002機関 for young people) is none
        found = [s for s in found if s.unit in question.counters]
    if question.type == "date" and not question.period:  # 「When did … come into force?」: a date, never 「6か月」
        found = [s for s in found if s.status != "period"]
    if question.type == "date" and not _ASKS_DECISION.search(question.text):
        found = [s for s in found if s.status != "cited"]
    if question.type == "date" and not _ASKS_ISSUED.search(question.text):
        found = [s for s in found if not _dateline(s, c)]
    return found


def _names_subject(span: Span, names: set[str]) -> bool:
    """An organisation or place the question itself names is not its answer (「Who runs X?」 is not X); ``names``
    holds the labels and the IRIs of the entities the question names."""
    return span.type in ("organization", "person", "place", "list") and (span.ja.lower() in names or span.iri in names)


def _years(text: str) -> str:
    return " ".join(str(d.year) for d in find_dates(text))
