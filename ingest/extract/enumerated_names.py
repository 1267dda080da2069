"""Names enumerated in one span: 「基盤研究(S・A)」 is 基盤研究(S) and 基盤研究(A).

Reads the passage text and the vocabulary; writes one span per variant the vocabulary knows (source
``enumerated``), all over the same text (linking lets enumerated spans share it).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

_ENUMERATED = re.compile(r"(?P<stem>[\u30a0-\u30ff\u3400-\u9fff]{2,20})[(（](?P<items>[A-Za-z0-9](?:・[A-Za-z0-9])+)[)）]")


def _spans(state: State) -> None:
    passage = state.passage
    for m in _ENUMERATED.finditer(passage.text):
        s, e = passage.start + m.start(), passage.start + m.end()
        for item in m.group("items").split("・"):
            entry = state.vocab.lookup(f"{m.group('stem')}({item})")
            if entry is not None:
                state.spans.append(Span(s, e, entry.type, m.group(0), entry.iri, "enumerated", passage.index))


COMPONENT = Component(
    "enumerated_names",
    reads="passage text, vocabulary",
    writes="spans: curated entities (enumerated)",
    doc=__doc__ or "",
    passage=_spans,
)
