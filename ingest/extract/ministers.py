"""A minister acts for the ministry: 「文部科学大臣が…認定」 names 文部科学省.

Reads the passage text and the vocabulary; writes a span of the ministry (source ``minister``) over the office,
with a personal name before it cut off (「松本文部科学大臣」 → 文部科学大臣).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span, known_tail

_MINISTER = re.compile(r"(?P<stem>[\u3400-\u9fff]{2,8})大臣")


def _spans(state: State) -> None:
    passage = state.passage
    for m in _MINISTER.finditer(passage.text):
        # 「松本文部科学大臣」: the ministry is the longest tail of the name before 大臣 that names one.
        found = known_tail(m.group("stem"), state.gazetteer, ("省",))
        if found is not None:
            cut, entry = found
            s = passage.start + m.start() + cut
            state.spans.append(
                Span(s, passage.start + m.end(), entry.type, m.group(0)[cut:], entry.iri, "minister", passage.index)
            )


COMPONENT = Component(
    "ministers",
    reads="passage text, vocabulary (ministries)",
    writes="spans: curated ministries (minister)",
    doc=__doc__ or "",
    passage=_spans,
)
