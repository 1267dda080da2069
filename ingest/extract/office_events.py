"""Events named by what happened rather than by a name: meetings between office holders, signings, instruments.

- 「あべ文部科学大臣(当時)が マイケル・クラツィオスOSTP局長と電話会談を実施」: a meeting between two office
  holders, named by their offices (文部科学大臣・OSTP局長電話会談);
- 「…との科学技術協力に係るJSOIに文科省が署名」: the signing of an instrument named by its abbreviation;
- 「「日米間の…協力に関する覚書」」: an instrument quoted by its full name.

Reads the passage text, its dates and the vocabulary (to find the office's body); writes Event spans (source
``event``, or ``event:quoted``) carrying the nearest date and the event's name.
"""

from __future__ import annotations

import re

from ingest.dates import find_dates
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span, known_tail

_TITLE = r"(?:大臣|局長|長官|総裁|理事長|会長|学長|大使|首相|大統領)"
_MEETING = re.compile(
    rf"(?P<a>[^\s、。()（）「」]{{2,30}}?{_TITLE})(?:[(（]当時[)）])?(?:が\s?|と)"
    rf"(?P<b>[^\s、。()（）「」]{{2,30}}?{_TITLE})との?(?P<ev>電話会談|会談|会合|面会)"
)
_SIGNED = re.compile(r"(?P<name>[A-Z][A-Za-z0-9&\-]{1,10})に[^、。\s]{1,20}が(?:署名|締結)")
# The particles inside a quoted instrument's name are part of it; a link the PDF kept around it is not.
_QUOTED_INSTRUMENT = re.compile(
    r"「\[?(?P<name>[^「」\[\]()（）\n]{2,60}?(?:覚書|協定|取決め|取極|共同声明|共同宣言|議定書))\]?(?:\([^)\s]*\))?」"
)

_CEREMONY_AFTER = re.compile(r"の(?:協定|覚書|取決め)?(?P<kind>締結式|署名式|調印式)")


def _office(holder: str, gazetteer: Gazetteer) -> str | None:
    """The office in 「あべ文部科学大臣」「マイケル・クラツィオスOSTP局長」: the longest tail naming a known body."""
    title = re.search(rf"{_TITLE}$", holder)
    found = known_tail(holder[: title.start()] if title else holder, gazetteer, ("", "省"))
    return holder[found[0] :] if found is not None else None


def _spans(state: State) -> None:
    passage, gazetteer = state.passage, state.gazetteer
    spans = state.spans
    dates = [d for d in find_dates(passage.text) if d.month and not d.fiscal]
    for m in _MEETING.finditer(passage.text):
        a, b = _office(m.group("a"), gazetteer), _office(m.group("b"), gazetteer)
        if a is None or b is None:
            continue
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        s, e = passage.start + m.start("ev"), passage.start + m.end("ev")
        spans.append(Span(s, e, "Event", m.group("ev"), None, "event", passage.index, date=date, name=f"{a}・{b}{m.group('ev')}"))
    for m in _SIGNED.finditer(passage.text):
        s, e = passage.start + m.start("name"), passage.start + m.end("name")
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        spans.append(Span(s, e, "Event", m.group("name"), None, "event", passage.index, date=date, name=f"{m.group('name')}署名"))
    for m in _QUOTED_INSTRUMENT.finditer(passage.text):
        s, e = passage.start + m.start("name"), passage.start + m.end("name")
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        # 「「…連携協定」の協定締結式を執り行った」: the event is the ceremony, named after its instrument.
        ceremony = _CEREMONY_AFTER.match(passage.text, m.end())
        name = m.group("name") + ceremony.group("kind") if ceremony else None
        spans.append(Span(s, e, "Event", m.group("name"), None, "event:quoted", passage.index, date=date, name=name))


COMPONENT = Component(
    "office_events",
    reads="passage text and dates, vocabulary (offices' bodies)",
    writes="spans: Event (event, event:quoted) with date and name",
    doc=__doc__ or "",
    passage=_spans,
)
