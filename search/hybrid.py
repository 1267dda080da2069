"""Hybrid passage search, fused by reciprocal rank. The retrievers:

- bm25: Japanese BM25 over Sudachi tokens (an English question adds its JMdict renderings);
- dense: multilingual-e5 vectors of 300-character windows, each passage ranked by the window it sits in;
- entity: passages mentioning the entities the question names (by label or alias, either language);
- english (English questions only): BM25 over an English reading of each passage.

Each retriever proposes more candidates than asked; reciprocal rank fusion (RRF) combines them without
having to calibrate BM25 scores against cosines. Every hit says which components found it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kg.errors import BadRequest
from search.crosslingual import english_words, lexicon_for
from search.embed import Embedder
from search.index import PassageIndex
from search.keyword import KeywordIndex, tokenize

RRF_K = 5  # small: a retriever's top ranks matter most (measured: search/evaluate.py, k in 5, 10, 20, 60)
CANDIDATES = 50
# Per query language: Japanese BM25 tokens cannot match an English question, so English leans on the
# multilingual vectors and the entity labels. Measured on bench/data/questions.jsonl (search/evaluate.py).
# Measured on bench/data/questions.jsonl and checked on the unseen dev questions (search/evaluate.py).
WEIGHTS = {
    "ja": {"bm25": 1.0, "dense": 0.3, "entity": 0.1},
    "en": {"bm25": 0.3, "dense": 1.0, "entity": 0.5, "english": 2.0},
}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def query_language(query: str) -> str:
    return "ja" if _JAPANESE.search(query) else "en"


_LATIN_WORD = re.compile(r"[A-Za-z0-9]")


def check_k(k: int) -> None:
    if not 1 <= k <= 100:
        raise BadRequest("k must be between 1 and 100")


@dataclass
class Filters:
    doc: str | None = None  # document id (prefix) or source file name
    entity: str | None = None  # passages that mention this entity IRI
    type: str | None = None  # passages that mention an entity of this class
    fiscal_year: int | None = None  # passages stating a budget of this fiscal year (read from the graph)
    country: str | None = None  # passages that mention this country or region (IRI)
    agency: str | None = None  # passages that mention this agency (IRI)

    def active(self) -> bool:
        return any(v is not None and v != "" for v in vars(self).values())

    def accepts(self, passage: dict[str, Any], entities: dict[str, dict[str, Any]], fiscal_years: Collection[int] = ()) -> bool:
        """Whether the passage passes every filter; ``fiscal_years`` are those of the budgets it states."""
        if self.doc and not (passage["doc_id"].startswith(self.doc) or passage.get("source") == self.doc):
            return False
        mentioned = passage.get("entities", [])
        if any(iri and iri not in mentioned for iri in (self.entity, self.country, self.agency)):
            return False
        if self.type and not any(entities.get(e, {}).get("type") == self.type for e in mentioned):
            return False
        return self.fiscal_year is None or self.fiscal_year in fiscal_years


@dataclass
class Hit:
    row: int
    passage: dict[str, Any]
    score: float
    components: dict[str, dict[str, float]] = field(default_factory=dict)
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets within passage text

    def to_json(self, entities: dict[str, dict[str, Any]]) -> dict[str, Any]:
        p = self.passage
        return {
            "doc_id": p["doc_id"],
            "passage_id": f"{p['doc_id']}#p{p['index']}",
            "title": p.get("title"),
            "source": p.get("source"),
            "issued": p.get("issued"),
            "section": p.get("section"),
            "text": p["text"],
            "start": p["start"],
            "end": p["end"],
            "score": round(self.score, 6),
            "components": self.components,
            "highlights": self.highlights,
            "entities": [{"iri": e, **entities.get(e, {})} for e in p.get("entities", [])],
        }


class Searcher:
    def __init__(self, index: PassageIndex, embedder: Embedder,
                 fiscal_years: Mapping[int, Collection[int]] | None = None) -> None:  # fmt: skip
        self.index = index
        self.embedder = embedder
        self.fiscal_years = fiscal_years or {}  # passage row → fiscal years of the budgets it states
        self._labels = self._label_table(index.entities)
        self._english_labels = [
            (iri, words)
            for iri, info in index.entities.items()
            for label in [info.get("labels", {}).get("en", ""), *info.get("aliases", [])]
            if len(words := {w.rstrip("s") for w in english_words(label.replace("-", " "))}) >= 2
        ]
        self.lexicon = lexicon_for(index.keywords.vocabulary)  # English words → the corpus's Japanese words
        self._english = self._english_index(index)  # each passage read in English: glosses and entity names
        self._last_entities: tuple[str, list[str]] = ("", [])

    @staticmethod
    def _label_table(entities: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
        table = []
        for iri, info in entities.items():
            names = {*info.get("labels", {}).values(), *info.get("aliases", [])}
            for label in names | {_short_name(n) for n in names} | {_possessive(n) for n in names}:
                label = label.strip().lower()
                if len(label) >= 2 and (len(label) >= 3 or not _LATIN_WORD.match(label)):
                    table.append((label, iri))
        return sorted(table, key=lambda t: -len(t[0]))

    def query_entities(self, query: str) -> list[str]:
        """Entities the query names by any label or alias, in either language (longest names first)."""
        if self._last_entities[0] == query:  # search, components and highlighting all ask for the same query
            return self._last_entities[1]
        found, _ = self._match_names(query)
        if query_language(query) == "en":  # a long name written loosely names more than a word in it does
            found = list(dict.fromkeys([*self.close_entities(query), *found]))
        self._last_entities = (query, found)
        return found

    def close_entities(self, query: str, share: float = 0.75) -> list[str]:
        """Entities whose English label or alias shares most of its words with an English query
        (「the International Research Universities Act」 → 国際卓越研究大学法); best first."""
        words = {w.rstrip("s") for w in english_words(query.replace("-", " "))}
        scored = []
        for iri, label_words in self._english_labels:
            overlap = len(label_words & words) / len(label_words)
            if overlap >= share:
                scored.append((overlap, len(label_words), iri))
        return list(dict.fromkeys(iri for _, _, iri in sorted(scored, reverse=True)))[:3]

    def name_spans(self, query: str) -> list[tuple[int, int]]:
        """Where in the query the entities it names are written (to tell names from what is asked)."""
        return self._match_names(query)[1]

    def first_named(self, query: str, iris: list[str]) -> list[str]:
        """The entities in the order the query names them (the subject of 「Which agency runs ASPIRE, with NSF…」
        comes first), those it does not name by a label last."""
        q, first = query.lower(), {}
        for label, iri in self._labels:
            at = q.find(label) if iri in iris else -1
            if at >= 0:
                first[iri] = min(first.get(iri, at), at)
        return sorted(iris, key=lambda iri: first.get(iri, len(q)))

    def _match_names(self, query: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Entities named in the query and the spans naming them (longest labels first, no overlaps)."""
        q = query.lower()
        found: list[str] = []
        taken: list[tuple[int, int]] = []
        for label, iri in self._labels:
            s = q.find(label)
            while s >= 0:
                e = s + len(label)
                boundary_ok = not (
                    (_LATIN_WORD.match(label[0]) and s > 0 and _LATIN_WORD.match(q[s - 1]))
                    or (_LATIN_WORD.match(label[-1]) and e < len(q) and _LATIN_WORD.match(q[e]))
                )
                # The same name may label several entities (an event series and its dated editions): all of them.
                if boundary_ok and ((s, e) in taken or not any(s < te and ts < e for ts, te in taken)):
                    if (s, e) not in taken:
                        taken.append((s, e))
                    if iri not in found:
                        found.append(iri)
                s = q.find(label, s + 1)
        self._last_entities = (query, found)
        return found, taken

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """The k best passages for the query, fused from every retriever."""
        check_k(k)
        return self.top(query, self.ranked(query, filters), k)

    def top(self, query: str, ranked: list[Hit], k: int) -> list[Hit]:
        """The first k of a ranking, with the query's terms highlighted."""
        check_k(k)
        hits = ranked[:k]
        terms = self._highlight_terms(query)
        for hit in hits:
            hit.highlights = highlight(hit.passage["text"], terms)
        return hits

    def ranked(self, query: str, filters: Filters | None = None) -> list[Hit]:
        """Every candidate any retriever proposed that passes the filters, best first (not highlighted)."""
        query = query.strip()
        if not query:
            raise BadRequest("empty query", "give some words to search for")
        filters = filters or Filters()
        if filters.active():
            allowed = np.array([filters.accepts(p, self.index.entities, self.fiscal_years.get(row, ()))
                                for row, p in enumerate(self.index.passages)], dtype=bool)  # fmt: skip
        else:  # the common case: no per-passage Python loop on every query
            allowed = np.ones(len(self.index.passages), dtype=bool)
        ranked = self.components(query, allowed)
        weights = WEIGHTS[query_language(query)]
        fused: dict[int, Hit] = {}
        for name, rows in ranked.items():
            for rank, (row, score) in enumerate(rows):
                hit = fused.setdefault(row, Hit(row, self.index.passages[row], 0.0))
                hit.score += weights[name] / (RRF_K + rank + 1)
                hit.components[name] = {"rank": rank + 1, "score": round(float(score), 6)}
        return sorted(fused.values(), key=lambda h: -h.score)

    def components(self, query: str, allowed: np.ndarray) -> dict[str, list[tuple[int, float]]]:
        """Each retriever's ranked (row, score) candidates, restricted to allowed rows."""
        n = len(self.index.passages)
        if n == 0:
            return {}
        translated = self.translate(query) if query_language(query) == "en" else []
        bm25 = self.index.keywords.scores(query, translated)
        bm25_rows = [int(r) for r in np.argsort(-bm25)[: CANDIDATES * 3] if bm25[r] > 0 and allowed[r]][:CANDIDATES]
        qvec = self.embedder.embed_queries([query])[0]
        dense = self._dense(qvec, allowed)
        dense_score = dict(dense)
        entity_rows: dict[int, float] = {}
        for iri in self.query_entities(query):
            for r in self.index.by_entity.get(iri, []):
                if allowed[r]:
                    entity_rows[r] = max(entity_rows.get(r, -1.0), dense_score.get(r, -1.0))
        entity = sorted(entity_rows.items(), key=lambda t: -t[1])[:CANDIDATES]
        out = {"bm25": [(r, float(bm25[r])) for r in bm25_rows], "dense": dense, "entity": entity}
        if query_language(query) == "en":
            english = self._english.scores_for([_stem(w) for w in english_words(query)])
            out["english"] = [(int(r), float(english[r])) for r in np.argsort(-english)[: CANDIDATES * 3]
                              if english[r] > 0 and allowed[r]][:CANDIDATES]  # fmt: skip
        return out

    def _english_index(self, index: PassageIndex) -> KeywordIndex:
        """BM25 over an English reading of each passage: the first-sense English glosses of its words and the
        English names of the entities it mentions, so English questions meet Japanese passages halfway."""
        gloss = self.lexicon.reverse
        bags = []
        for p, tokens in zip(index.passages, index.keywords.token_lists, strict=True):
            words = [w for t in tokens for w in gloss.get(t, [])]
            for iri in p.get("entities", []):
                words += english_words(index.entities.get(iri, {}).get("labels", {}).get("en", ""))
            bags.append([_stem(w) for w in words])
        return KeywordIndex(bags)

    def _dense(self, qvec: np.ndarray, allowed: np.ndarray) -> list[tuple[int, float]]:
        """Passages ranked by the nearest window they sit in (a window's passages in text order)."""
        vectors = self.index.vectors
        scores, windows = vectors.search(qvec, min(vectors.size, CANDIDATES * 3))
        ranked: dict[int, float] = {}
        for score, w in zip(scores, windows, strict=True):
            for r in self.index.window_rows[int(w)]:
                if allowed[r] and r not in ranked:
                    ranked[r] = float(score)
        return list(ranked.items())[:CANDIDATES]

    def translate(self, query: str) -> list[str]:
        """Japanese keywords for an English query: the Japanese names of the entities it names (Sakura Science →
        さくらサイエンスプログラム) and the corpus words its other words mean."""
        tokens: list[str] = []
        for iri in self.query_entities(query):
            ja = self.index.entities.get(iri, {}).get("labels", {}).get("ja")
            if ja:
                tokens += tokenize(ja)
        return tokens + self.lexicon.translate(query)

    def _highlight_terms(self, query: str) -> list[str]:
        terms = {t for t in tokenize(query) if len(t) >= 2 or re.match(r"[\u3400-\u9fff]", t)}
        for iri in self.query_entities(query):
            info = self.index.entities.get(iri, {})
            terms |= set(info.get("labels", {}).values()) | set(info.get("aliases", []))
        return sorted((t for t in terms if t.strip()), key=len, reverse=True)


_GENERIC_TAIL = re.compile(r"(?:\s+(?:exchange|program|programme|plan|initiative|project|system|fund|scheme))+$", re.I)


def _stem(word: str) -> str:
    """A crude English stem so 「invited」 meets 「invite」 and 「universities」 「university」."""
    for suffix in ("ies", "ied", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _short_name(name: str) -> str:
    """「Sakura Science Exchange Program」 → 「Sakura Science」: how people name programs in questions."""
    short = _GENERIC_TAIL.sub("", name)
    return short if len(short) >= 6 and " " in short.strip() else name


_OWNER_AND_NAME = re.compile(r"^(?P<owner>[A-Za-z][A-Za-z0-9&\-]+) (?P<name>[^\x00-\x7f].*)$")


def _possessive(name: str) -> str:
    """「JSPS 国際共同研究」 (a table's agency and program) is written 「JSPSの国際共同研究」 in a sentence."""
    m = _OWNER_AND_NAME.match(name)
    return f"{m.group('owner')}の{m.group('name')}" if m else name


def highlight(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the text where any term occurs (case-insensitive)."""
    lower = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        for m in re.finditer(re.escape(term.lower()), lower):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append(m.span())
    return sorted(spans)
