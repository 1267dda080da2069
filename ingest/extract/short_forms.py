"""Short forms of curated organisations the document names in two words.

「国際卓越研究大学 アドバイザリーボード」 defines 「アドバイザリーボード」 for the rest of the document, so a later
「アドバイザリーボード第1回会合」 names the same body. Reads the whole text (``prepare``: gazetteer hits whose
last word is distinctive, not 委員会 or 事務局); writes spans with the curated IRI (source ``gazetteer-short``)
after the full name.
"""

from __future__ import annotations

import re

from ingest.extract import relations as rel
from ingest.extract.names import is_generic
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span


def _prepare(state: State) -> None:
    forms = []  # (end of the full name, short form, type, IRI)
    for h in state.gazetteer.find(state.text, 0):
        words = state.text[h.start : h.end].split()
        if h.type in rel.ORG_TYPES and len(words) > 1 and len(words[-1]) >= 6 and not is_generic(words[-1]):
            forms.append((h.end, words[-1], h.type, h.iri))
    state.data["short_forms"] = forms


def _spans(state: State) -> None:
    passage = state.passage
    for after, short, kind, iri in state.data["short_forms"]:
        for m in re.finditer(re.escape(short), passage.text):
            s = passage.start + m.start()
            if s >= after:
                state.spans.append(Span(s, s + len(short), kind, short, iri, "gazetteer-short", passage.index))


COMPONENT = Component(
    "short_forms",
    reads="whole text (gazetteer hits of two-word organisation names), passage text",
    writes="spans: curated organisations (gazetteer-short)",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
