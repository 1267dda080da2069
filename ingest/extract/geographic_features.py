"""Physical geography by shape: seas, gulfs, islands, peninsulas, deltas, river basins, mountains and troughs
(アンダマン海, タイ湾, ルソン島, 紀伊半島, メコンデルタ, メコン川流域, 霧島山, 南海トラフ) are regions (stip:Region).

The name before the kind of feature must itself be a name: a katakana word (メコン, ルソン), or a word Sudachi's
dictionary knows as a place name (紀伊, 霧島). Common words before a kind (近海, 離島, 火山, 沖縄本島's 本) are not,
and a kind that goes on into another word (アジア海洋, 島民) is no feature. It runs before the gazetteer so that
the feature wins over the country or region inside it (タイ湾 is not Thailand).

Reads the passage text; writes Region spans (source ``feature``).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.places import is_place_name
from ingest.extract.spans import Span

_KIND = re.compile(r"デルタ|川流域|流域|半島|諸島|列島|海峡|海溝|トラフ|山脈|山地|盆地|平野|湾|湖|島|海|川|山")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,12}$")
_KANJI_RUN = re.compile(r"[\u3005\u3400-\u9fff]{2,6}$")
# What may follow a feature's name: not a word going on, unless it says where on or around it (タイ湾沿岸地域).
_AFTER = re.compile(
    r"(?![\u3005\u3400-\u9fff\u30a1-\u30fa\u30fc])|沿岸|周辺|地域|地方|全域|一帯|沖|北部|南部|東部|西部|中部|及び|並びに|等|間"
)


def _stem(before: str) -> str | None:
    """The longest place name ending ``before`` (two or more letters of one script), or None."""
    run = _KATAKANA_RUN.search(before) or _KANJI_RUN.search(before)
    if run is None:
        return None
    word = run.group()
    return next((word[i:] for i in range(len(word) - 1) if is_place_name(word[i:])), None)


def find_features(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every geographic feature named in the text."""
    found: list[tuple[int, int, str]] = []
    for kind in _KIND.finditer(text):
        if found and kind.start() < found[-1][1]:
            continue  # 「メコン川流域」 read once
        stem = _stem(text[max(0, kind.start() - 12) : kind.start()])
        before = text[kind.start() - len(stem) - 1 : kind.start() - len(stem)] if stem else ""
        if stem and stem[0] >= "\u30a1" and re.match(r"[\u3005\u3400-\u9fff]", before):
            continue  # 「東シナ海」: a katakana place name inside a longer word is not the feature's name
        if re.match(r"[ \u3000][\u3005\u3400-\u9fff]", text[kind.end() : kind.end() + 2]):
            continue  # 「利根川 進」: a family name and a given name
        if stem and _AFTER.match(text, kind.end()):
            start = kind.start() - len(stem)
            found.append((start, kind.end(), text[start : kind.end()]))
    return found


def _spans(state: State) -> None:
    passage = state.passage
    for start, end, name in find_features(passage.text):
        if state.vocab.lookup(name) is None:  # a curated name (a prefecture, 広島) is the gazetteer's
            state.spans.append(Span(passage.start + start, passage.start + end, "Region", name, None, "feature", passage.index))


COMPONENT = Component(
    "geographic_features",
    reads="passage text",
    writes="spans: Region (feature) for seas, gulfs, islands, peninsulas, deltas, basins, mountains",
    doc=__doc__ or "",
    passage=_spans,
)
