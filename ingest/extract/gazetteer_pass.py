"""Curated names found exactly (ontology/vocab): programs, agencies, councils, countries, regions, laws.

Reads the gazetteer's hits in the passage; writes spans carrying the curated IRI (source ``gazetteer``). The
most precise source of names, so it comes before every pattern rule. A known university followed by a campus
(…大学バークレー校) is read whole, as a new organisation (source ``pattern``).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

# A campus of a known university (インド工科大学ボンベイ校, カリフォルニア大学バークレー校) is a body of its own.
_CAMPUS = re.compile(r"[\u30a1-\u30fa\u30fc・]{2,12}校(?![舎長内庭])")


def _spans(state: State) -> None:
    passage = state.passage
    for h in state.hits:
        campus = _CAMPUS.match(state.text, h.end) if h.type == "University" else None
        if campus is not None:
            surface = state.text[h.start : campus.end()]
            state.spans.append(Span(h.start, campus.end(), "Organization", surface, None, "pattern", passage.index))
        else:
            state.spans.append(Span(h.start, h.end, h.type, state.text[h.start : h.end], h.iri, "gazetteer", passage.index))


COMPONENT = Component(
    "gazetteer_pass",
    reads="gazetteer hits",
    writes="spans: curated entities (gazetteer)",
    doc=__doc__ or "",
    passage=_spans,
)
