"""Names not in the vocabularies, found by their shape (ingest/extract/names.py): quoted names, names ending in a
head noun (事業, プログラム, 機構…), laws, and the abbreviation a name defines in parentheses.

Reads the passage text; writes spans (source ``pattern``, ``pattern:whole`` for a name that may hold curated
names, ``pattern:project`` for a research project's title) and each defined abbreviation (source
``pattern-abbr``, an alias of the name it follows).
"""

from __future__ import annotations

from ingest.extract.names import find_names
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span


def _spans(state: State) -> None:
    passage = state.passage
    text, offset = passage.text, passage.start
    for n in find_names(text, offset):
        source = "pattern:project" if n.project else "pattern:whole" if n.holds_names else "pattern"
        state.spans.append(Span(n.start, n.end, n.type, n.surface, None, source, passage.index))
        if n.abbreviation:
            a, b = n.abbreviation
            state.spans.append(
                Span(a, b, n.type, text[a - offset : b - offset], None, "pattern-abbr", passage.index, alias_of=n.start)
            )


COMPONENT = Component(
    "name_patterns",
    reads="passage text",
    writes="spans: names by shape (pattern, pattern:whole, pattern:project) and their abbreviations (pattern-abbr)",
    doc=__doc__ or "",
    passage=_spans,
)
