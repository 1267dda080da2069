"""English labels for Japanese personal names, by reading, never by glossing the characters.

The reading comes from Sudachi's dictionary (its 人名 entries carry readings), the romanization from pykakasi
(Hepburn); long vowels are written the way passports write them (Tarō → Taro, Yūko → Yuko). Names are
given in Western order, given name first. A reading of a rare name can be wrong, so every such label is
marked machine-made by the caller (``stip:labelSource "romanized"``).
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().create(tokenizer.Tokenizer.SplitMode.C)


@lru_cache(maxsize=1)
def _kakasi():  # type: ignore[no-untyped-def]
    import pykakasi

    return pykakasi.kakasi()


def warm() -> None:
    """Load the dictionary and the romanizer now (about half a second) rather than on the first name."""
    _tokenizer()
    _kakasi()


def _hepburn(kana: str) -> str:
    roman = "".join(part["hepburn"] for part in _kakasi().convert(kana))
    roman = re.sub(r"o[ou](?![aeiou])", "o", roman.replace("'", ""))
    return roman.replace("uu", "u")


@lru_cache(maxsize=8192)
def name_parts(name: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, role, reading) for each token of a name: role is 姓, 名, or '' for other tokens."""
    parts = []
    for tok in _tokenizer().tokenize(name.replace("\u3000", " ")):
        if tok.surface().isspace():
            continue
        pos = tok.part_of_speech()
        role = pos[3] if pos[2] == "人名" else ""
        parts.append((tok.surface(), role, tok.reading_form()))
    return tuple(parts)


@lru_cache(maxsize=8192)
def part_of_speech(word: str) -> tuple[str, ...]:
    """Sudachi's part of speech of a word read as one token (empty when it is several)."""
    tokens = list(_tokenizer().tokenize(word))
    return tuple(tokens[0].part_of_speech()) if len(tokens) == 1 else ()


def looks_like_person(name: str) -> bool:
    """A family name followed by a given name (Sudachi's 姓 then 名), or two CJK words split by a space where
    the first is a known family name: 「山田 太郎」, 「山田太郎」."""
    parts = name_parts(name)
    if not 2 <= len(parts) <= 3 or any(not re.fullmatch(r"[\u3005\u3040-\u30ff\u3400-\u9fff]+", s) for s, _, _ in parts):
        return False
    roles = [r for _, r, _ in parts]
    spaced = " " in name.strip() or "\u3000" in name.strip()
    if roles[0] == "姓" and "名" in roles[1:]:
        return True
    # Written apart (family, space, given) with one part the dictionary knows as a name: 筒井 義信, 山田 光; a family
    # name the dictionary splits (三国 → 三 + 国) before a given name it knows.
    if spaced and roles == ["", "姓"] and part_of_speech(parts[0][0])[1:2] == ("普通名詞",):
        return False  # 「創出 吉永」: a common word, then a family name (a table's cells: …の創出　吉永 真由)
    if spaced and len(parts) == 2 and ("姓" in roles or "名" in roles):
        # …but not a word of four kanji or more the dictionary does not know as a given name (「堤 科学技術・…局長」)
        return not (roles[1] != "名" and re.fullmatch(r"[\u3005\u3400-\u9fff]{4,}", parts[1][0]))
    family, _, given = name.strip().replace("\u3000", " ").partition(" ")
    kanji_family = re.fullmatch(r"[\u3005\u3400-\u9fff]{2,3}", family) is not None
    return spaced and kanji_family and roles[-1] == "名" and parts[-1][0] == given


def romanize_reading(reading: str) -> str | None:
    """A reading written as 「ひろせ けい」 (family, space, given) → "Kei Hirose"."""
    parts = [p for p in re.split(r"[ \u3000]+", reading.strip()) if p]
    if len(parts) != 2:
        return None
    family, given = (_hepburn(p).capitalize() for p in parts)
    return f"{given} {family}"


def romanize_name(name: str) -> str | None:
    """「山田 太郎」 → "Taro Yamada"; a foreign name in katakana keeps its order (グエン・ヴァン・ミン → "Guen Van Min");
    None when a part has no reading."""
    if re.fullmatch(r"[\u30a1-\u30fa\u30fc・]+", name):
        return " ".join(_hepburn(part).capitalize() for part in name.split("・") if part)
    parts = name_parts(name)
    if not parts:
        return None
    romans = []
    for _surface, _, reading in parts:
        if not reading or reading == "キゴウ":
            return None
        romans.append(_hepburn(reading).capitalize())
    family, given = romans[0], romans[1:]
    return " ".join([*given, family]) if given else family


_SUFFIX_EN = {"市": "City", "町": "Town", "村": "Village", "区": "Ward", "県": "Prefecture"}


def romanize_text(name: str) -> str | None:
    """A name in Hepburn, word by word (つくば市 → "Tsukuba City"): Latin words kept, a municipality's suffix
    in English. None when a word has no reading."""
    words: list[str] = []
    latin = False  # the previous token was Latin: NEXT-Q stays one word
    for tok in _short_units().tokenize(name.replace("\u3000", " ")):
        surface = tok.surface()
        if surface.isspace() or surface in ("・", "、", "「", "」", "(", ")", "（", "）"):
            latin = False
            continue
        if re.fullmatch(r"[\x21-\x7e]+", surface):
            if latin and words:
                words[-1] += surface
            else:
                words.append(surface)
            latin = True
            continue
        latin = False
        if surface in _SUFFIX_EN and words:
            words.append(_SUFFIX_EN[surface])
            continue
        reading = tok.reading_form()
        if not reading or reading == "キゴウ":
            return None
        words.append(_hepburn(reading).capitalize())
    return " ".join(words) or None


@lru_cache(maxsize=1)
def _short_units():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().create(tokenizer.Tokenizer.SplitMode.A)
