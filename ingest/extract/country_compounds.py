"""Countries named by one-kanji compounds: 日米, 日印, 日ASEAN name Japan and each partner.

Reads the passage text and the vocabulary's one-kanji country abbreviations; writes one Country span per kanji
(source ``compound``). ``country_compounds`` is also used on names (event and program names that pair Japan
with a country).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span
from ingest.vocab import Vocabulary


def country_compounds(text: str, offset: int, passage: int, vocab: Vocabulary) -> list[Span]:
    """日米, 日印, 日ASEAN: a run of one-kanji country abbreviations starting with 日 names each country."""
    if not vocab.country_abbr:
        return []
    chars = "".join(re.escape(c) for c in vocab.country_abbr)
    pattern = re.compile(rf"日(?:[{chars}])+(?=[間首協共合関交連科政両の・大医]|ASEAN|EU)|日(?=・?(?:ASEAN|EU))")
    spans = []
    for m in pattern.finditer(text):
        for i, ch in enumerate(m.group(0)):
            iri = vocab.country_abbr.get(ch)
            if iri:
                s = offset + m.start() + i
                spans.append(Span(s, s + 1, vocab.entries[iri].type, ch, iri, "compound", passage))
    return spans


def _spans(state: State) -> None:
    state.spans += country_compounds(state.passage.text, state.passage.start, state.passage.index, state.vocab)


COMPONENT = Component(
    "country_compounds",
    reads="passage text, vocabulary (country_abbr)",
    writes="spans: Country (compound)",
    doc=__doc__ or "",
    passage=_spans,
)
