"""Dictionary matching of curated names (all labels, aliases, abbreviations) at character level.

Character-level rather than token-level: Sudachi may cut 「文科省令」 or 「日ASEAN」 differently from the
name on its own, and a name must be found however the tokenizer splits its neighbourhood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.vocab import Vocabulary

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_KATAKANA = re.compile(
    r"[\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f]"
)  # not 「・」: スリランカ・ウィクラマシンハ  # a katakana name must not be part of a longer word (タイ in タイプ)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    iri: str
    type: str


class Gazetteer:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.index: dict[str, list[str]] = {}
        for surface in vocab.by_surface:
            self.index.setdefault(surface[0], []).append(surface)
        for names in self.index.values():
            names.sort(key=len, reverse=True)

    def find(self, text: str, offset: int = 0) -> list[Hit]:
        """Longest, leftmost non-overlapping matches; ASCII names must stand as whole words."""
        hits: list[Hit] = []
        i = 0
        n = len(text)
        while i < n:
            match = None
            for surface in self.index.get(text[i], ()):
                if not text.startswith(surface, i):
                    continue
                end = i + len(surface)
                if _ASCII_WORD.match(surface[0]) and i > 0 and _ASCII_WORD.match(text[i - 1]):
                    continue
                if _ASCII_WORD.match(surface[-1]) and end < n and _ASCII_WORD.match(text[end]):
                    continue
                if _KATAKANA.match(surface[0]) and i > 0 and _KATAKANA.match(text[i - 1]):
                    continue
                if _KATAKANA.match(surface[-1]) and end < n and _KATAKANA.match(text[end]):
                    continue
                match = (surface, end)
                break
            if match is None:
                i += 1
                continue
            surface, end = match
            entry = self.vocab.entries[self.vocab.by_surface[surface][0]]
            hits.append(Hit(offset + i, offset + end, entry.iri, entry.type))
            i = end
        return hits
