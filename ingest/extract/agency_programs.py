"""An agency's own line of a shared or generic program: 「AMED SICORP(2.6億円)」「JSPS 国際共同研究(4.3億円)」.

Its budget is not the whole program's, so it is a program of its own. A program only that agency runs is just
the program (「JST さくらサイエンスプログラム」). Reads the gazetteer's Agency hits, the text after them and the
vocabulary's operators; writes Program spans (source ``pattern:agency-program``).
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

_AGENCY_TAIL = re.compile(
    r"[ /]?(?P<name>[A-Za-z][A-Za-z0-9\-]{1,15}|[\u30a0-\u30ff\u3400-\u9fff]{2,20}?(?:研究|事業|プログラム))"
    r"(?=\s?[(（]|[ \t]*$)",
    re.M,
)


def _spans(state: State) -> None:
    passage, vocab, operated_by = state.passage, state.vocab, state.iris.ont.operatedBy
    for h in state.hits:
        m = _AGENCY_TAIL.match(passage.text, h.end - passage.start) if h.type == "Agency" else None
        if m is None:
            continue
        known = vocab.lookup(m.group("name"), "Program")
        if known is None and m.group("name").isascii():
            continue  # an unknown abbreviation after an agency is not a program name
        if known is not None and {str(o) for o in vocab.graph.objects(URIRef(known.iri), operated_by)} == {h.iri}:
            continue
        end = passage.start + m.end("name")
        surface = passage.text[h.start - passage.start : m.end("name")]
        state.spans.append(Span(h.start, end, "Program", surface, None, "pattern:agency-program", passage.index))


COMPONENT = Component(
    "agency_programs",
    reads="gazetteer hits (Agency), passage text, vocabulary (operatedBy)",
    writes="spans: Program (pattern:agency-program)",
    doc=__doc__ or "",
    passage=_spans,
)
