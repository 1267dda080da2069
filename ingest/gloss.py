"""Cautious English translations of Japanese names the vocabularies do not know.

No translation model can be reached here, so a name is cut into words (Sudachi), each word is looked up
in a small glossary of policy vocabulary (``ontology/glossary.tsv``, where JMdict's first sense is wrong
for this domain: 事業 is a program, not an act) and then in JMdict (``jamdict``, offline), and the words
are joined in order. Japanese noun compounds are head-final like English ones, so the order mostly holds:
国際青少年サイエンス交流事業 → "International Youth Science Exchange Program".

Caution, because a word glossed by its first dictionary sense makes nonsense (市 → "Market", 手 → "Hand"):
a JMdict word is used only when the dictionary gives it one sense, and a name is translated only when
every word is. Otherwise there is no translation and the caller romanizes the name instead. Labels made
here are marked as machine translations (``stip:labelSource "translated"``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

_GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "ontology" / "glossary.tsv"
_SKIP = {"の", "・", "等", "及び", "並びに", "と", "に", "における", "による", "ため", "的", "間"}  # 間: 日米間, between
_LATIN = re.compile(r"^[\x00-\x7f]+$")
_local = threading.local()  # one JMdict handle per thread: its sqlite connection refuses other threads


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    rows = {}
    for line in _GLOSSARY_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ja, en = line.split("\t", 1)
            rows[ja.strip()] = en.strip()
    return rows


def _jamdict():  # type: ignore[no-untyped-def]
    if getattr(_local, "jamdict", None) is None:
        from jamdict import Jamdict

        _local.jamdict = Jamdict(memory_mode=False)
    return _local.jamdict


@lru_cache(maxsize=4096)
def word_gloss(word: str) -> str | None:
    """English for one Japanese word: the glossary first, then JMdict's gloss when the word has one sense."""
    if word in glossary():
        return glossary()[word]
    result = _jamdict().lookup(word, strict_lookup=True, lookup_chars=False, lookup_ne=False)
    if len(result.entries) != 1 or len(result.entries[0].senses) != 1:
        return None  # an ambiguous word (市: market or city) is not guessed
    for entry in result.entries:
        for sense in entry.senses:
            for g in sense.gloss:
                text = re.sub(r"\s*\([^)]*\)", "", g.text).strip()
                text = re.sub(r"^to ", "", text)
                if text and len(text) <= 30:
                    return text
    return None


def _title(text: str) -> str:
    small = {"and", "of", "for", "in", "on", "the", "a", "to", "with"}
    words = text.split()
    return " ".join(w if (i and w in small) or w[:1].isupper() else w[:1].upper() + w[1:] for i, w in enumerate(words))


# 「XについてのY」「Xに関するY」「Xに係るY」: Y on X. English puts the topic after the head, where Japanese puts it first.
_TOPIC = re.compile(r"^(?P<topic>.+)(?:について(?:の)?|に関する|に係る)(?P<head>.+)$")


def english_gloss(name: str, known: Callable[[str], str | None] | None = None) -> str | None:
    """An English rendering of a Japanese name, or None unless every word has one unambiguous gloss.

    ``known`` gives the English name of a word that is itself a known entity (東京大学 → The University
    of Tokyo)."""
    topic = _TOPIC.match(name)
    if topic:  # the last 「に関する」 splits first: 「…ディールについての協力に関する覚書」 → Memorandum on (Cooperation on …)
        head, about = english_gloss(topic.group("head"), known), english_gloss(topic.group("topic").strip("「」"), known)
        return f"{head} on {about}" if head and about else None
    return _word_by_word(name, known)


def _word_by_word(name: str, known: Callable[[str], str | None] | None) -> str | None:
    from search.keyword import tokenizer

    words: list[str] = []
    ordinal = re.search(r"第([0-9０-９]+|[一二三四五六七八九十百]+)回", name)
    if ordinal:  # 第27回, 第二回 → "27th", "2nd"; アドバイザリーボード第1回会合 → "1st Advisory Board Meeting"
        from kanjize import kanji2number

        digits = ordinal.group(1)
        n = int(digits) if digits.isdigit() else kanji2number(digits)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        words.append(f"{n}{suffix}")
        name = name[: ordinal.start()] + name[ordinal.end() :]
    unknown = 0
    morphemes = tokenizer().morphemes(name)
    i = 0
    while i < len(morphemes):
        surface, normalized, parts = morphemes[i]
        if not surface.strip() or surface in _SKIP:
            i += 1
            continue
        if _LATIN.match(surface):
            words.append(surface.strip())
            i += 1
            continue
        # Prefer the longest run of morphemes the glossary knows (科学技術 over 科学 + 技術).
        for j in range(len(morphemes), i + 1, -1):
            joined = "".join(m[0] for m in morphemes[i:j])
            if joined in glossary():
                words.append(glossary()[joined])
                i = j
                break
        else:
            gloss = (known(surface) if known else None) or word_gloss(surface) or word_gloss(normalized)
            if gloss is None and len(parts) > 1:  # a compound JMdict lacks: gloss its short-unit parts
                sub = [word_gloss(part) for part in parts if part not in _SKIP]
                gloss = " ".join(g for g in sub if g) if all(sub) else None
            if gloss is None and re.fullmatch(r"[0-9０-９]+", surface):
                gloss = surface
            if gloss is None:
                unknown += 1
            else:
                words.append(gloss)
            i += 1
    text = " ".join(w for w in words if w)
    return _title(text) if text and not unknown else None
