"""BM25 over Sudachi tokens (bm25s). Mode C keeps compounds whole (国際卓越研究大学); their mode A parts
are indexed too, so a query for 「卓越」 or 「研究大学」 still matches.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import bm25s
import numpy as np

_SKIP_POS = {"補助記号", "空白"}
_STOP = {
    "の",
    "に",
    "は",
    "を",
    "が",
    "と",
    "で",
    "た",
    "し",
    "て",
    "も",
    "な",
    "か",
    "や",
    "へ",
    "する",
    "ある",
    "いる",
    "れる",
    "こと",
    "等",
    "など",
}


class _Tokenizer:
    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode

        self._tok = Dictionary(dict="core").create()
        self._c, self._a = SplitMode.C, SplitMode.A
        self._lock = threading.Lock()  # a Sudachi tokenizer object is not safe to share across threads

    def morphemes(self, text: str) -> list[tuple[str, str, list[str]]]:
        """(surface, normalized form, mode-A parts) of each mode-C morpheme."""
        with self._lock:
            return [
                (m.surface(), m.normalized_form(), [a.surface() for a in m.split(self._a)])
                for m in self._tok.tokenize(text[:20000], self._c)
            ]

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        with self._lock:
            for m in self._tok.tokenize(text[:20000], self._c):
                if m.part_of_speech()[0] in _SKIP_POS:
                    continue
                norm = m.normalized_form().lower()
                if norm in _STOP or not norm.strip():
                    continue
                out.append(norm)
                parts = m.split(self._a)
                if len(parts) > 1:
                    out += [p.normalized_form().lower() for p in parts if p.part_of_speech()[0] not in _SKIP_POS]
        return out


@lru_cache(maxsize=1)
def tokenizer() -> _Tokenizer:
    return _Tokenizer()


def tokenize(text: str) -> list[str]:
    """Normalized Sudachi tokens for indexing and querying."""
    return tokenizer().tokens(text)


class KeywordIndex:
    def __init__(self, token_lists: list[list[str]]) -> None:
        self.size = len(token_lists)
        self.token_lists = token_lists
        self._bm25 = bm25s.BM25()
        if token_lists:
            self._bm25.index([t or ["\u0000"] for t in token_lists], show_progress=False)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._bm25.vocab_dict) if self.size else frozenset()

    def scores_for(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for already-tokenized query terms."""
        vocab = self._bm25.vocab_dict if self.size else {}
        known = [t for t in tokens if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def scores(self, query: str, extra_tokens: list[str] | None = None) -> np.ndarray:
        """BM25 score of every passage for the query and any extra tokens (an English query's Japanese
        renderings); zeros when no token is known."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocab = self._bm25.vocab_dict
        tokens = [t for t in [*tokenize(query), *(extra_tokens or [])] if t in vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
