"""Physical geography by shape: seas, gulfs, lakes, islands, peninsulas, deltas, river basins and mountains
(アンダマン海, タイ湾, ルソン島, 紀伊半島, メコンデルタ, メコン川流域, 小笠原諸島, 関東平野) are regions (stip:Region).

The name before the kind of feature must be a word Sudachi's dictionary knows as a place name (メコン, ルソン, 紀伊);
a common word (データ流域, 近海, 火山) or a family name (霧島 is read as one) is not, so 霧島山 and 南海トラフ are missed.
A katakana place name inside a longer word (東シナ海's シナ) is not the name either; a kind that goes on into
another word (アジア海洋, 島民) is no feature; a family name followed by a given name (利根川 進) is a person's. It
runs before the gazetteer so that the feature wins over the country or region inside it (タイ湾 is not Thailand).

Reads the passage text; writes Region spans (source ``feature``).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.place_words import is_place_name
from ingest.extract.spans import Span

_KIND = re.compile(r"デルタ|川流域|流域|半島|諸島|列島|海峡|海溝|トラフ|山脈|山地|盆地|平野|湾|湖|島|海|川|山")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,12}$")
_KANJI_RUN = re.compile(r"[\u3005\u3400-\u9fff]{2,6}$")
# What may follow a feature's name: not a word going on, unless it says where on or around it (タイ湾沿岸地域).
_AFTER = re.compile(
    r"(?![\u3005\u3400-\u9fff\u30a1-\u30fa\u30fc])|沿岸|周辺|地域|地方|全域|一帯|沖|北部|南部|東部|西部|中部|及び|並びに|等|間"
)

_GIVEN_NAME = re.compile(r"[ \u3000][\u3005\u3400-\u9fff]")
_IDEOGRAPH = re.compile(r"[\u3005\u3400-\u9fff]")


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
        if not _AFTER.match(text, kind.end()) or _GIVEN_NAME.match(text, kind.end()):
            continue  # 「アジア海洋」: the word goes on; 「利根川 進」: a family name and a given name
        if text.startswith("しょ", kind.end()):
            continue  # 「太平洋島しょ国」: 島嶼 written half in kana, a word going on
        stem = _stem(text[max(0, kind.start() - 12) : kind.start()])
        if stem is None:
            continue
        start = kind.start() - len(stem)
        if stem[0] >= "\u30a1" and _IDEOGRAPH.match(text[start - 1 : start]):
            continue  # 「東シナ海」: a katakana place name inside a longer word is not the feature's name
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
