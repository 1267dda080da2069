"""Curated names found exactly (ontology/vocab): programs, agencies, councils, countries, regions, laws.

Reads the gazetteer's hits in the passage; writes spans carrying the curated IRI (source ``gazetteer``). The
most precise source of names, so it comes before every pattern rule.
"""

from __future__ import annotations

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span


def _spans(state: State) -> None:
    passage = state.passage
    state.spans += (
        Span(h.start, h.end, h.type, state.text[h.start : h.end], h.iri, "gazetteer", passage.index) for h in state.hits
    )


COMPONENT = Component(
    "gazetteer_pass",
    reads="gazetteer hits",
    writes="spans: curated entities (gazetteer)",
    doc=__doc__ or "",
    passage=_spans,
)
