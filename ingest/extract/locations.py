"""Where a body stands and where an event takes place.

A body: the place written in brackets right after its name.

Documents say where a university, institute or company is by a bracket after its name that holds nothing but the
place: 「長崎大学（長崎県長崎市）」, 「株式会社ステラフォージ（北海道大樹町）」, 「ベルゲン大学（ノルウェー・ベルゲン）」,
「瀬戸内マリンエナジー株式会社（本社：愛媛県今治市）」. The body is stip:location the most specific place named there
(the city rather than its prefecture or country; a country alone says whose body it is, not where it
stands). A bracket with other words in it (「（学長：…）」「（JST）」) says
something else.

An event: the place a sentence says it is held at, written with において・で・にて before a verb of holding
(「ストックホルムにおいて第15回…合同委員会が開催され」, 「令和7年3月にヘルシンキで開催された第2回…ワークショップ」,
「…フォーラム」を福岡県福岡市で開催), when the sentence names one event; the most specific place so written counts.

Reads: organisation, event and place mentions. Writes: stip:location facts (body or event → place).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.extract.pipeline import Component, State
from ingest.records import Extraction, Fact, Mention
from kg.iris import Iris

_BODIES = ("Agency", "Organization", "University", "ResearchInstitute")
_PLACES = ("Country", "Prefecture", "Municipality", "City", "Place")
_OPEN = re.compile(r"\s?[(（](?:本社|所在地|本部)?\s?[:：]?\s?")
_JOIN = re.compile(r"[\s・、]*")  # between the places of one bracket: 「ノルウェー・ベルゲン」「長崎県 長崎市」
_CLOSE = re.compile(r"\s?[)）]")


def body_locations(text: str, result: Extraction, iris: Iris) -> None:
    places = sorted((m for m in result.mentions if m.type in _PLACES), key=lambda m: (m.start, -m.end))
    starts: dict[int, Mention] = {}
    for p in places:
        starts.setdefault(p.start, p)  # the longest place mention starting there
    located = str(iris.ont.location)
    seen = {(f.subject, f.obj) for f in result.facts if f.predicate == located}
    for body in [m for m in result.mentions if m.type in _BODIES]:
        opening = _OPEN.match(text, body.end)
        if opening is None:
            continue
        at, named = opening.end(), []
        while (place := starts.get(at)) is not None:
            named.append(place)
            at = _JOIN.match(text, place.end).end()  # type: ignore[union-attr]
        close = _CLOSE.match(text, named[-1].end) if named else None
        if close is None:
            continue  # no place, or words besides the places in the bracket
        where = named[-1]
        if where.type == "Country":
            continue  # 「ケンブリッジ大学（英国）」: the body's country, not where it stands
        if (body.key, where.key) not in seen and where.key != body.key:
            seen.add((body.key, where.key))
            result.facts.append(Fact(body.key, located, where.key, body.passage, body.start, close.end(),
                                     extractor="rules:body-location"))  # fmt: skip


# 「…において」「…で開催」「…にて」: a place, its particle, then (within the clause) a verb of holding.
_AT = re.compile(r"\s?(?:において|にて|で)")
_HELD = re.compile(r"開催|行われ|行う|行った|開かれ|実施され|実施する|実施した")
_SPECIFIC = {"City": 0, "Municipality": 0, "Place": 1, "Prefecture": 2, "Country": 3}


def event_locations(text: str, result: Extraction, iris: Iris) -> None:
    located = str(iris.ont.location)
    seen = {(f.subject, f.obj) for f in result.facts if f.predicate == located}
    spans = _sentences(text)
    starts = [s for s, _ in spans]
    events = _by_sentence(starts, spans, [m for m in result.mentions if m.type in ("Event", "Meeting")])
    places = _by_sentence(starts, spans, [m for m in result.mentions if m.type in _SPECIFIC])
    for k, here in events.items():  # only the sentences that name an event
        s, e = spans[k]
        if len({m.key for m in here}) != 1 or not _HELD.search(text, s, e):
            continue
        event = here[0]
        at = [p for p in places.get(k, []) if _AT.match(text, p.end) and not event.start <= p.start < event.end]
        if not at:
            continue
        where = min(at, key=lambda p: (_SPECIFIC[p.type], -p.start))
        if (event.key, where.key) not in seen:
            seen.add((event.key, where.key))
            result.facts.append(Fact(event.key, located, where.key, event.passage, s, e, extractor="rules:event-location"))


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+", text)]


def _by_sentence(starts: list[int], spans: list[tuple[int, int]], mentions: list[Mention]) -> dict[int, list[Mention]]:
    """The mentions starting in each sentence, by the sentence's index, in the mentions' order."""
    out: dict[int, list[Mention]] = {}
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < spans[k][1]:
            out.setdefault(k, []).append(m)
    return out


def _locations(state: State) -> None:
    body_locations(state.text, state.result, state.iris)
    event_locations(state.text, state.result, state.iris)


COMPONENT = Component(
    "locations",
    reads="organisation, event and place mentions (after places, cities_abroad and meetings)",
    writes="stip:location facts: a body → the place in the bracket after its name; an event → where a sentence says it is held",
    doc=__doc__ or "",
    finish=_locations,
)
