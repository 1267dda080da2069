"""Names the document confirms by repeating them (names.repeated_names): every use of such a name is a mention.

Reads the whole text (``prepare``: the repeated names, longest first) and each passage; writes spans (source
``pattern:repeated``) typed by the name's head noun.
"""

from __future__ import annotations

import re

from ingest.extract.names import kind_of, repeated_names
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span


def _prepare(state: State) -> None:
    state.data["repeated_names"] = sorted(repeated_names(state.text), key=len, reverse=True)


def _spans(state: State) -> None:
    passage = state.passage
    for name in state.data["repeated_names"]:
        for m in re.finditer(re.escape(name), passage.text):
            s = passage.start + m.start()
            state.spans.append(Span(s, s + len(name), kind_of(name), name, None, "pattern:repeated", passage.index))


COMPONENT = Component(
    "repeated_names",
    reads="whole text (names used more than once), passage text",
    writes="spans: pattern:repeated",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
