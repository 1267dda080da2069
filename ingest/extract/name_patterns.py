"""Names not in the vocabularies, found by their shape (ingest/extract/names.py): quoted names, names ending in a
head noun (事業, プログラム, 機構…), laws, and the abbreviation a name defines in parentheses.

A body's name right after a street address's house number is a building (…二番町5-25 二番町センタービル), not a body.

Reads the passage text; writes spans (source ``pattern``, ``pattern:whole`` for a name that may hold curated
names, ``pattern:project`` for a research project's title) and each defined abbreviation (source
``pattern-abbr``, an alias of the name it follows).
"""

from __future__ import annotations

import re

from ingest.extract.names import find_names
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

_KATAKANA = re.compile(r"[\u30a1-\u30fa]")
# A street address's house number (…町5-25, …3丁目2番1号) right before the name, on its line
_ADDRESS_BEFORE = re.compile(r"[0-9０-９]+\s?(?:[-－‐−ー]\s?[0-9０-９]+){1,2}\s?$")


def _names_only(start: int, end: int, parts: list[tuple[int, int]]) -> bool:
    """Names found inside cover the whole span, one after another (「X事業」 and 「Yプログラム」 quoted as one, the
    line break between them lost): a run of names, not one name holding them."""
    at = start
    for a, b in sorted(p for p in parts if start <= p[0] and p[1] <= end and p != (start, end)):
        if a == at:
            at = b
    return at == end


def _spans(state: State) -> None:
    passage = state.passage
    text, offset = passage.text, passage.start
    countries = {sp.start: sp.end for sp in state.spans if sp.type == "Country"}
    foreign = {sp.start for sp in state.spans if sp.type == "Country" and not sp.surface.startswith(("日本", "我が国"))}
    found = find_names(text, offset, state.text[max(0, offset - 400) : offset])
    parts = [(n.start, n.end) for n in found] + [(sp.start, sp.end) for sp in state.spans if sp.source == "gazetteer"]
    for n in found:
        if n.type == "Organization" and _ADDRESS_BEFORE.search(text, 0, n.start - offset):
            continue  # 「〒102-8012 東京都千代田区二番町5-25 二番町センタービル」: a building in an address
        holds = n.holds_names and not _names_only(n.start, n.end, parts)
        source = "pattern:project" if n.project else "pattern:whole" if holds else "pattern"
        start, surface, kind = n.start, n.surface, n.type
        if kind == "Program" and start in foreign and surface.endswith(("基金", "財団")):
            kind = "Organization"  # 「デンマーク・イノベーション基金」: a country's funding body, not a fund
        after_country = countries.get(start, n.end)
        if kind == "Organization" and after_country < n.end:
            # 「米国カリフォルニア大学」「タイ・チュラーロンコーン大学」: the country says where a foreign body is; it is
            # not part of its name.
            dot = 1 if text[after_country - offset : after_country - offset + 1] == "・" else 0
            rest = surface[after_country + dot - start :]
            # With a dot the country is often part of the name (フィンランド・アカデミー): only when the document
            # also writes the body without it.
            alone = not dot or state.text.count(rest) > state.text.count(f"・{rest}")
            if _KATAKANA.match(text, after_country - offset + dot) and alone:
                start, surface = after_country + dot, rest
        state.spans.append(Span(start, n.end, kind, surface, None, source, passage.index))
        if n.abbreviation:
            a, b = n.abbreviation
            state.spans.append(
                Span(a, b, kind, text[a - offset : b - offset], None, "pattern-abbr", passage.index, alias_of=n.start)
            )


COMPONENT = Component(
    "name_patterns",
    reads="passage text",
    writes="spans: names by shape (pattern, pattern:whole, pattern:project) and their abbreviations (pattern-abbr)",
    doc=__doc__ or "",
    passage=_spans,
)
