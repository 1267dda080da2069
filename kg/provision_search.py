"""Provisions found by what they say: 「What per-faculty threshold does the ordinance set for joint research
with companies?」 names no article, but one item of the ordinance states that threshold.

BM25 over the wording of every leaf provision (item, or paragraph without items) of the laws and ordinances
in the graph. A Japanese question is matched by its Sudachi tokens; an English one by its Japanese renderings
(the search lexicon and the names of the entities it mentions). A provision must share at least two words with
the question, so that a stray word never makes an answer; close runners-up come back beside the best one,
because neighbouring items often differ by one word (「…の数が」 and 「…の数を教員の数で除した数が」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from kg.service import Service
from search.hybrid import query_language
from search.keyword import KeywordIndex, tokenize

MIN_SHARED_WORDS = 2
RUNNER_UP = 0.8  # a provision scoring at least this share of the best one is returned beside it
MAX_PROVISIONS = 3

_LEAVES = """SELECT ?p ?text ?cls WHERE {
  ?p stip:text ?text ; eli:is_part_of+ ?law . ?law a ?cls .
  FILTER(?cls IN (stip:Law, stip:Ordinance))
  FILTER NOT EXISTS { ?child eli:is_part_of ?p }
}"""
# Which kind of instrument a question is about: 「the ordinance」「省令」 or 「the Act」「法律」.
_ORDINANCE = re.compile(r"\bordinances?\b|\bregulations?\b|省令|施行規則|政令", re.I)
_ACT = re.compile(r"\bAct\b|\bstatute\b|法律|(?<![省政])法(?:第|の|で|に|は)")


@dataclass(frozen=True)
class Leaf:
    iri: str
    text: str
    ordinance: bool


class ProvisionFinder:
    def __init__(self, service: Service) -> None:
        self.service = service
        rows = service.select(_LEAVES)
        self.leaves = [
            Leaf(r["p"]["value"], r["text"]["value"], r["cls"]["value"].endswith("Ordinance"))
            for r in sorted(rows, key=lambda r: r["p"]["value"])
        ]
        token_lists = [tokenize(leaf.text) for leaf in self.leaves]
        self.tokens = [set(tokens) for tokens in token_lists]
        self.index = KeywordIndex(token_lists)

    def find(self, question: str) -> list[str]:
        """IRIs of the provisions whose wording best matches the question, best first (empty if none does)."""
        if not self.leaves:
            return []
        words = self._words(question)
        scores = self.index.scores_for(words)
        wanted = self._wanted(question)
        if wanted is not None:
            scores = np.where([leaf.ordinance == wanted for leaf in self.leaves], scores, 0.0)
        best = float(scores.max(initial=0.0))
        if best <= 0:
            return []
        asked, out = set(words), []
        for row in np.argsort(-scores)[:MAX_PROVISIONS]:
            if scores[row] >= RUNNER_UP * best and len(self.tokens[row] & asked) >= MIN_SHARED_WORDS:
                out.append(self.leaves[row].iri)
        return out

    def _words(self, question: str) -> list[str]:
        if query_language(question) == "ja":
            return tokenize(question)
        return self.service.searcher().translate(question)

    @staticmethod
    def _wanted(question: str) -> bool | None:
        """True for an ordinance's provisions, False for a statute's, None when the question does not say."""
        ordinance, act = _ORDINANCE.search(question) is not None, _ACT.search(question) is not None
        return None if ordinance == act else ordinance
