"""Provision numbers and paths: kanji/Arabic numerals, イロハ sub-items, and the labels a path is shown by.

A path is a tuple of ``Step(level, number, branch)`` from the article down: 第三十四条の八第二項第一号イ is
(Step(ARTICLE, 34, (8,)), Step(PARAGRAPH, 2), Step(ITEM, 1), Step(SUBITEM, 1)). The first paragraph of an
article is numbered 1 even though statutes print no number for it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kanjize import kanji2number, number2kanji

ARTICLE, PARAGRAPH, ITEM, SUBITEM = 0, 1, 2, 3
# e-Gov's Subitem1 … Subitem10 are levels 3 … 12: イ, (1), (i) … all typed stip:SubItem.
LEVEL_NAMES = ("Article", "Paragraph", "Item", *("SubItem",) * 10)
LEVEL_SLUGS = ("art", "para", "item", "subitem", *(f"subitem{n}" for n in range(2, 11)))
LEVEL_KANJI = ("条", "項", "号", *("",) * 10)

# The iroha order used to letter sub-items (イ, ロ, ハ …); the classical kana ヰ and ヱ are part of it.
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
NUMERAL = r"[0-9０-９一二三四五六七八九十百千〇]+"
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def to_int(numeral: str) -> int:
    """Arabic, full-width or kanji numerals → int (百三十 → 130). Raises ValueError when it is none."""
    text = unicodedata.normalize("NFKC", numeral).strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if not re.fullmatch(r"[一二三四五六七八九十百千〇]+", text):
        raise ValueError(f"not a numeral: {numeral!r}")
    return int(kanji2number(text))


def iroha_index(kana: str) -> int:
    """イ → 1, ロ → 2 …; ValueError for anything else."""
    i = IROHA.find(kana)
    if len(kana) != 1 or i < 0:
        raise ValueError(f"not an iroha letter: {kana!r}")
    return i + 1


def roman(n: int) -> str:
    """Lower-case Roman numerals, as the Japanese Law Translation numbers items: 3 → iii."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def sub_letter(n: int) -> str:
    """Sub-items in English: (a), (b) … for イ, ロ …; past z, aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


@dataclass(frozen=True, order=True)
class Step:
    level: int
    number: int
    branch: tuple[int, ...] = ()

    def ja(self) -> str:
        if self.level == SUBITEM:
            return IROHA[self.number - 1]
        if self.level > SUBITEM:
            return f"({self.number})"
        branch = "".join(f"の{number2kanji(b)}" for b in self.branch)
        return f"第{number2kanji(self.number)}{LEVEL_KANJI[self.level]}{branch}"

    def slug(self) -> str:
        branch = "".join(f"-{b}" for b in self.branch)
        return f"{LEVEL_SLUGS[self.level]}_{self.number}{branch}"

    def number_text(self) -> str:
        """The number as ELI's eli:number holds it: "4", "34-8", "イ"."""
        if self.level == SUBITEM:
            return IROHA[self.number - 1]
        if self.level > SUBITEM:
            return str(self.number)
        return "-".join(str(n) for n in (self.number, *self.branch))


Path = tuple[Step, ...]


def ja_label(path: Path) -> str:
    """第四条第三項第一号イ"""
    return "".join(s.ja() for s in path)


def en_label(path: Path) -> str:
    """Article 4(3)(i)(a); an article alone is "Article 4", a branch article "Article 34-8"."""
    if not path:
        return ""
    first, rest = path[0], path[1:]
    out = f"Article {first.number_text()}" if first.level == ARTICLE else ""
    for s in rest if first.level == ARTICLE else path:
        if s.level == PARAGRAPH:
            out += f"({s.number})"
        elif s.level == ITEM:
            out += f"({roman(s.number)}{''.join(f'-{b}' for b in s.branch)})"
        elif s.level == SUBITEM:
            out += f"({sub_letter(s.number)})"
        else:
            out += f"({s.number})"
    return out


def path_slug(path: Path) -> str:
    """art_4__para_3__item_1: the provision part of a provision IRI."""
    return "__".join(s.slug() for s in path)


_SLUG_STEP = re.compile(r"^(art|para|item|subitem(?:10|[2-9])?)_(\d+)((?:-\d+)*)$")


def parse_path_slug(slug: str) -> Path:
    """Inverse of path_slug; ValueError when the slug is not one."""
    steps = []
    for part in slug.split("__"):
        m = _SLUG_STEP.match(part)
        if not m:
            raise ValueError(f"not a provision path: {slug!r}")
        branch = tuple(int(b) for b in m.group(3).split("-")[1:]) if m.group(3) else ()
        steps.append(Step(LEVEL_SLUGS.index(m.group(1)), int(m.group(2)), branch))
    levels = [s.level for s in steps]
    # 附則 without articles number their paragraphs directly: para_1
    if levels != list(range(levels[0], levels[0] + len(levels))) or levels[0] not in (ARTICLE, PARAGRAPH):
        raise ValueError(f"provision path must run article → paragraph → item → sub-item: {slug!r}")
    return tuple(steps)
