"""GiNZA's named entities, filtered to plausible names: the last resort for names no rule or vocabulary knows.

Reads the passages' text; writes candidate spans (source ``ginza``) after every rule-based naming component,
so a rule or a curated name always wins on the same text. GiNZA runs once over all passages of the document
(batched), in ``prepare``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.names import is_descriptive, is_generic, is_province_abroad, last_coordinated
from ingest.extract.ner import ginza_entities
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import ASCII_ABBR, LOCAL_GOVERNMENT, Span, owned_by_local


@lru_cache(maxsize=8)
def _entities(texts: tuple[str, ...]) -> list[list[tuple[int, int, str, str]]]:
    # Cached: an ablation runs the same document once per component, and GiNZA is most of extraction's time.
    return ginza_entities(list(texts))


def _prepare(state: State) -> None:
    state.data["ginza_ner"] = _entities(tuple(p.text for p in state.passages))


def _spans(state: State) -> None:
    passage = state.passage
    for s, e, t, surface in state.data["ginza_ner"][state.position]:
        cut, surface = last_coordinated(surface)  # 「A県・B村・C大学」: three names; keep the last
        item = _ITEM_NUMBER.match(surface)  # 「一 大学等 …をいう」: an act's item number is not part of a name
        if item:
            cut, surface = cut + item.end(), surface[item.end() :]
        # GiNZA's bare abbreviations (PI, JT) are mostly noise; an abbreviation needs the vocabulary or NAME(ABBR).
        if is_generic(surface) or is_descriptive(surface) or ASCII_ABBR.match(surface) or _COUNT.fullmatch(surface):
            continue
        if " " in surface.strip() and is_generic(surface.split()[-1]):
            continue  # 「ケニア　共同研究機関」: a field's label after the word before it, not a name
        if is_province_abroad(surface):
            continue  # a place, found by cities_abroad
        if _GOVERNMENT.search(surface) and _country_inside(state, passage.start + s + cut):
            continue  # 「フィリピン政府」: the country acting, found as the country; not a body of its own
        start = passage.start + s + cut
        # 「宮城県」+「先端放射光利活用推進審議会」: GiNZA leaves the prefecture or municipality opening a body's name out
        local = next((sp for sp in state.spans if sp.end == start and sp.type in LOCAL_GOVERNMENT), None)
        if local is not None and t in _LOCAL_OWNED and owned_by_local(surface):
            start, surface = local.start, local.surface + surface
        state.spans.append(Span(start, passage.start + e, t, surface, None, "ginza", passage.index))


_LOCAL_OWNED = ("Organization", "Council", "ResearchInstitute")  # GiNZA's bodies a prefecture's name may open
_GOVERNMENT = re.compile(r"(?:国)?政府$")
_ITEM_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+|[0-9０-９]{1,2}[.．)）]?|[(（][0-9０-９一二三四五六七八九十]{1,2}[)）])[ \u3000]"
)
_COUNT = re.compile(r"[0-9０-９]+[\u3400-\u9fff]{1,2}")  # 「沿岸部の10省」「3大学」: a count, not a name


def _country_inside(state: State, start: int) -> bool:
    return any(sp.start == start and sp.type == "Country" for sp in state.spans)


COMPONENT = Component(
    "ginza_ner",
    reads="passages' text (GiNZA ja_ginza model)",
    writes="spans: ginza",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
