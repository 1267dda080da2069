"""Curated names found exactly (ontology/vocab): programs, agencies, councils, countries, regions, laws.

Reads the gazetteer's hits in the passage; writes spans carrying the curated IRI (source ``gazetteer``). The
most precise source of names, so it comes before every pattern rule. A known university followed by a campus
(…大学バークレー校) is read whole, as a new organisation (source ``pattern``). A curated foreign body's name that
opens with a country (ノルウェー研究会議) also gives that country a span of its own, nested in the body's.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

# A campus of a known university (インド工科大学ボンベイ校, カリフォルニア大学バークレー校) is a body of its own.
_CAMPUS = re.compile(r"[\u30a1-\u30fa\u30fc・]{2,12}校(?![舎長内庭])")


_BODIES = ("Agency", "Organization", "University", "ResearchInstitute", "Council")


def _country_opening(state: State, start: int, end: int) -> Span | None:
    """The country a curated foreign body's name opens with (ノルウェー研究会議, 米国国務省): a mention of its own,
    nested in the body's, as a name found by its shape keeps it (what the text says of the body's country)."""
    for k in range(min(8, end - start - 2), 1, -1):
        entry = state.vocab.lookup(state.text[start : start + k], "Country")
        if entry is not None and entry.iri != state.iris.entity("Country", "JP"):
            return Span(start, start + k, "Country", state.text[start : start + k], entry.iri, "gazetteer", state.passage.index)
    return None


def _spans(state: State) -> None:
    passage = state.passage
    for h in state.hits:
        campus = _CAMPUS.match(state.text, h.end) if h.type == "University" else None
        if campus is not None:
            surface = state.text[h.start : campus.end()]
            state.spans.append(Span(h.start, campus.end(), "Organization", surface, None, "pattern", passage.index))
            continue
        country = _country_opening(state, h.start, h.end) if h.type in _BODIES else None
        if country is not None:  # before the body's span: a name may hold the places it names
            state.spans.append(country)
        state.spans.append(Span(h.start, h.end, h.type, state.text[h.start : h.end], h.iri, "gazetteer", passage.index))


COMPONENT = Component(
    "gazetteer_pass",
    reads="gazetteer hits",
    writes="spans: curated entities (gazetteer), and the country a foreign body's name opens with",
    doc=__doc__ or "",
    passage=_spans,
)
