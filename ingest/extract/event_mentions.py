"""Named events in each sentence (ingest/extract/events.py: 第8回アフリカ開発会議, 日米首脳会談, …).

Reads the passage's sentences; writes Event spans (source ``event``) with the date their sentence gives and
their name.
"""

from __future__ import annotations

from ingest.extract import relations as rel
from ingest.extract.events import find_events
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span


def _spans(state: State) -> None:
    passage = state.passage
    for s, e in rel.sentences(passage):
        sentence = passage.text[s - passage.start : e - passage.start]
        for ev in find_events(sentence, s):
            surface = passage.text[ev.start - passage.start : ev.end - passage.start]
            state.spans.append(Span(ev.start, ev.end, "Event", surface, None, "event", passage.index, date=ev.date, name=ev.name))


COMPONENT = Component(
    "event_mentions",
    reads="passage sentences",
    writes="spans: Event (event) with date and name",
    doc=__doc__ or "",
    passage=_spans,
)
