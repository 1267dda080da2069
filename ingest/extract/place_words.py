"""Whether a word is a place name, by Sudachi's dictionary (地名): 仙台, つくば, and place names written in hiragana
(くまもと, しなの, みちのく) that open regional names (くまもと半導体…コンソーシアム). A library the naming and
places components share, not a component.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().create(tokenizer.Tokenizer.SplitMode.C)


@lru_cache(maxsize=4096)
def is_place_name(word: str) -> bool:
    """Sudachi reads the whole word as one place name (地名)."""
    tokens = list(_tokenizer().tokenize(word))
    if len(tokens) == 1:
        pos = tokens[0].part_of_speech()
        return pos[1] == "固有名詞" and pos[2] == "地名"
    return False
