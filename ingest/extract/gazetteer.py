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


def _whole_word(text: str, i: int, end: int, surface: str) -> bool:
    """ASCII and katakana names must not be part of a longer word (SICORP in SICORPS, インド in インドネシア)."""
    for pattern in (_ASCII_WORD, _KATAKANA):
        if pattern.match(surface[0]) and i > 0 and pattern.match(text[i - 1]):
            return False
        if pattern.match(surface[-1]) and end < len(text) and pattern.match(text[end]):
            return False
    # A hyphenated Latin name is one word: NEXUS in NEXUS-SEMI is not NEXUS.
    if _ASCII_WORD.match(surface[-1]) and text[end : end + 1] == "-" and _ASCII_WORD.match(text[end + 1 : end + 2] or " "):
        return False
    if _ASCII_WORD.match(surface[0]) and i > 1 and text[i - 1] == "-" and _ASCII_WORD.match(text[i - 2]):
        return False
    return True


# A place name that opens a longer organisation name (大阪府立大学, 青森県産業技術センター, 横浜市立大学) is left
# to that name: matched on its own it would hide the organisation from the rules that find unlisted names.
_PLACE_TYPES = ("Prefecture", "Municipality")
_ORG_AFTER_PLACE = re.compile(
    r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc-\u30ff]{0,12}?"  # not 「・」: 青森県・弘前大学 lists two names
    r"(?:大学院?|大学校|高等専門学校|研究所|研究センター|センター|研究機構|機構|病院|学校|協会|財団|振興会|公社)"
)


def _opens_name(text: str, end: int, type_name: str) -> bool:
    return type_name in _PLACE_TYPES and _ORG_AFTER_PLACE.match(text, end) is not None


_IDEOGRAPH = re.compile(r"[\u3005\u3400-\u9fff]")


def _ends_longer_name(text: str, i: int, type_name: str) -> bool:
    """A municipality's name at the tail of a longer one (広島市 in 東広島市, 大阪市 in 東大阪市): an ideograph
    before it that is not its prefecture's last character (愛知県名古屋市) makes it part of another word."""
    return type_name == "Municipality" and i > 0 and bool(_IDEOGRAPH.match(text[i - 1])) and text[i - 1] not in "都道府県"


# A law's name that opens an order or rules made under it (…法律施行令, 地方自治法施行規則) is left to that name.
_UNDER_LAW = re.compile(r"施行令|施行規則|施行細則|施行規程")


def _opens_order(text: str, end: int, type_name: str) -> bool:
    return type_name == "Law" and _UNDER_LAW.match(text, end) is not None


# Words that may stand before a ministry's name without making another name (旧文部省, 日本国外務省, 同環境省).
_BEFORE_MINISTRY = "国旧元前現同両各本当"


# A ministry named by one word: two ideographs or a katakana word before 省 (環境省, エネルギー省).
_ONE_WORD_MINISTRY = re.compile(r"(?:[\u3400-\u9fff]{1,2}|[\u30a1-\u30fa\u30fc]+)省")


def _inside_foreign_ministry(text: str, i: int, surface: str) -> bool:
    """A short ministry name at the tail of a longer one (環境省 in 農業環境省, エネルギー省 in 連邦経済エネルギー省, a
    ministry abroad): the ideograph before it belongs to that other ministry's name."""
    return (
        _ONE_WORD_MINISTRY.fullmatch(surface) is not None and i > 0
        and bool(_IDEOGRAPH.match(text[i - 1])) and text[i - 1] not in _BEFORE_MINISTRY
    )  # fmt: skip


_WRAP_MIN_LINE = 20  # a line this long that breaks inside a name was wrapped, not ended


def _wrapped_end(text: str, i: int, surface: str) -> int:
    """End of ``surface`` at ``i`` when a hard line wrap splits it (「EUのホラ\nイゾンヨーロッパ」), else -1."""
    j = text.find("\n", i + 1, i + len(surface))
    if j < 0 or j - (text.rfind("\n", 0, i) + 1) < _WRAP_MIN_LINE:
        return -1
    if text[i:j] + text[j + 1 : i + len(surface) + 1] == surface:
        return i + len(surface) + 1
    return -1


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
                end = i + len(surface) if text.startswith(surface, i) else _wrapped_end(text, i, surface)
                if end < 0 or not _whole_word(text, i, end, surface):
                    continue
                match = (surface, end)
                break
            if match is None:
                i += 1
                continue
            surface, end = match
            entry = self.vocab.entries[self.vocab.by_surface[surface][0]]
            if (
                _opens_name(text, end, entry.type)
                or _opens_order(text, end, entry.type)
                or _ends_longer_name(text, i, entry.type)
                or _inside_foreign_ministry(text, i, surface)
            ):
                i += 1
                continue
            hits.append(Hit(offset + i, offset + end, entry.iri, entry.type))
            i = end
        return hits

    def find_all(self, text: str) -> list[Hit]:
        """Every curated name inside a text, including ones that overlap (names inside a longer name)."""
        hits = []
        for i in range(len(text)):
            for surface in self.index.get(text[i], ()):
                end = i + len(surface)
                if text.startswith(surface, i) and len(surface) < len(text) and _whole_word(text, i, end, surface):
                    entry = self.vocab.entries[self.vocab.by_surface[surface][0]]
                    hits.append(Hit(i, i + len(surface), entry.iri, entry.type))
        return hits
