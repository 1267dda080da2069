"""Events: a meeting-like name (首脳会談, 閣僚会合, サミット, シンポジウム, 署名…) with a date in the same
sentence. The event gets its date, the countries its name or sentence names as participants, and the
programs of the sentence as what it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import DateMention, find_dates
from ingest.extract.names import is_generic

_EVENT = re.compile(
    r"(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー]{0,24}?"
    r"(?:首脳会談|首脳会合|首脳声明|閣僚会合|閣僚会議|大臣会合|外相会談|会談|サミット|シンポジウム|署名式|総会|年次会合|国際会議|"
    r"TICAD\s?\d*|G7|G20|COP\d+))"
)
_PARTICLE_CUT = re.compile(r"^.*[のはがをにでとへもや、](?=.)")


@dataclass(frozen=True)
class EventSpan:
    start: int
    end: int
    name: str
    date: DateMention


def find_events(text: str, offset: int = 0) -> list[EventSpan]:
    """Dated meeting-like events in one sentence or line of text."""
    dates = [d for d in find_dates(text) if d.month and not d.fiscal]
    if not dates:
        return []
    events = []
    for m in _EVENT.finditer(text):
        name = m.group("name")
        cut = _PARTICLE_CUT.match(name)
        start = m.start("name") + (cut.end() if cut else 0)
        name = text[start : m.end("name")]
        if len(name) < 3 or is_generic(name) or name in ("G7", "G20"):
            continue
        date = min(dates, key=lambda d: abs(d.start - start))
        events.append(EventSpan(offset + start, offset + m.end("name"), name, date))
    return events
