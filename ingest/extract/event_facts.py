"""Date, participants and subject of each event mentioned in a passage, from its sentence.

Reads the passage's mentions (events and the places, organisations and programs beside them), ``event_dates``
and the vocabulary; writes ``result.facts``: schema:startDate, participant (places and organisations named in,
next to, or cued around the event; sides in a table row; who gathers in the sentence after a series is
introduced) and about (programs an event is about, or the event it is held on the occasion of).
"""

from __future__ import annotations

import re

from ingest.extract import relations as rel
from ingest.extract.country_compounds import country_compounds
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import PLACES
from ingest.records import Extraction, Fact, Mention, Passage
from ingest.vocab import Vocabulary
from kg.iris import SCHEMA, Iris

_PAIRING = ("・", "と", "-", "－", "‐", "=")


def _paired(text: str, start: int, end: int) -> bool:
    return text[end : end + 1] in _PAIRING or text[max(0, start - 1) : start] in _PAIRING


def _places_named(name: str, gazetteer: Gazetteer, vocab: Vocabulary) -> set[str]:
    """Countries and regions a name pairs, whole (日本・アフリカ, 日・北欧) or as compound kanji (日印 → Japan,
    India). A place that is the topic (アフリカ開発会議, 日本留学説明会, インド同窓会) is not a party."""
    hits = [
        h
        for h in gazetteer.find_all(name)
        if h.type in PLACES and (_paired(name, h.start, h.end) or name[h.start - 1 : h.start] == "日")
    ]
    places = {h.iri for h in hits}
    places |= {span.iri for span in country_compounds(name, 0, 0, vocab) if span.iri}
    # 日・ケニア, 日・北欧: 日 before a middle dot and a place is Japan.
    if "日" in vocab.country_abbr and any(name[max(0, h.start - 2) : h.start] == "日・" for h in hits):
        places.add(vocab.country_abbr["日"])
    return places


def _row_parties(passage: Passage, ev: Mention, here: list[Mention]) -> list[Mention]:
    """In a table row, the places a row gives as sides: 「インド側10大学、日本側21大学」「アフリカ側(エジプト、ガーナ…)」.
    The row is the event named first on it (not a series named inside an edition's name)."""
    if any(m.type == "Event" and m.start <= ev.start and ev.end <= m.end and m.end - m.start > ev.end - ev.start for m in here):
        return []
    line_end = passage.text.find("\n", ev.end - passage.start)
    row_end = passage.start + (line_end if line_end >= 0 else len(passage.text))
    nxt = [m.start for m in here if m.type == "Event" and m.start > ev.end]
    row_end = min([row_end, *nxt])
    row = passage.text[ev.end - passage.start : row_end - passage.start]
    sides = [(ev.end + x.start(), ev.end + x.end()) for x in re.finditer(r"[^\s、()（）]{1,12}側(?:[(（][^)）]*[)）])?", row)]
    # 「学長等27名(日本10名、中国9名、ASEAN諸国8名)」: places counted by their participants.
    sides += [
        (ev.end + x.start(), ev.end + x.end())
        for x in re.finditer(r"(?<=[(（、])[^\s、()（）\d]{1,12}(?=\d+(?:名|大学|機関))", row)
    ]
    return [m for m in here if m.type in PLACES and any(a <= m.start and m.end <= b for a, b in sides)]


def _event_facts(passage: Passage, result: Extraction, iris: Iris, gazetteer: Gazetteer, vocab: Vocabulary) -> None:
    """Date, participants and subject of each event mentioned in the passage, from its sentence."""
    ont = iris.ont
    here = [m for m in result.mentions if m.passage == passage.index]
    previous: tuple[int, list[Mention]] = (-1, [])  # end and events of the sentence before
    for s, e in rel.sentences(passage):
        sentence = [m for m in here if s <= m.start < e]
        sentence_text = passage.text[s - passage.start : e - passage.start]
        _continued_participants(passage, previous, s, e, sentence, sentence_text, result, str(ont.participant))
        previous = (e, [m for m in sentence if m.type == "Event"])
        # A short sentence that says who took part (参加, 署名…) names participants anywhere in it.
        cued = (
            len(sentence_text) <= 160
            and re.search(r"参加|出席|署名|締結|共同議長|開催|認定|選定|会談|登壇", sentence_text) is not None
        )
        events = [m for m in sentence if m.type == "Event"]
        # With two events in one sentence (「日米首脳会談での来日を機に、…局長との会談を実施」) the cue says nothing of
        # which one its parties attended: only names next to an event count.
        cued = cued and len({m.key for m in events}) == 1
        for ev in events:
            for place in _row_parties(passage, ev, here):
                result.facts.append(
                    Fact(ev.key, str(ont.participant), place.key, passage.index, s, e, extractor="rules:event(row)")
                )
            # The places an event's name holds take part in it: 日印大学等フォーラム → Japan, India.
            for place in _places_named(result.entities[ev.key].labels.get("ja", ev.surface), gazetteer, vocab):
                result.facts.append(Fact(ev.key, str(ont.participant), place, passage.index, s, e, extractor="rules:event"))
            date = result.event_dates.get(ev.key)
            if date is not None:
                xsd = f"http://www.w3.org/2001/XMLSchema#{date.xsd_type}"
                result.facts.append(Fact(ev.key, str(SCHEMA.startDate), date.iso, passage.index, s, e, xsd, "rules:event"))
            for m in sentence:
                if m is ev or m.key == ev.key:
                    continue
                if m.type in (*rel.ORG_TYPES, "Country", "Region") and any(
                    o.type in rel.ORG_TYPES and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                    for o in sentence
                ):
                    # 米国国土安全保障省 inside 米国国土安全保障省科学技術局: the unit takes part, not the whole (nor
                    # the country 米国NSF is named with)
                    continue
                inside = ev.start <= m.start and m.end <= ev.end
                # Participants are named in or right next to the event's name, not anywhere in a long table row.
                # Before the event: close by, or in the same clause (「松本文部科学大臣と…OSTP局長との会談」).
                before = m.end <= ev.start and (
                    ev.start - 20 <= m.start
                    or (
                        m.type in rel.ORG_TYPES
                        and ev.start - 40 <= m.start
                        and not re.search(r"[、。]", passage.text[m.end - passage.start : ev.start - passage.start])
                    )
                )
                adjacent = cued or inside or before or (ev.end <= m.start <= ev.end + 3)
                # A program a short sentence names beside an event is what the event was about (「…首脳会議の議長声明の
                # 中で、さくらサイエンスプログラムを通じた…」「…を開催し、NEXT-AFRICAの設計について合意した」).
                if not adjacent and m.type == "Program" and len(sentence_text) <= 200:
                    result.facts.append(Fact(ev.key, str(ont.about), m.key, passage.index, s, e, extractor="rules:event"))
                    continue
                if not adjacent:
                    continue
                if inside and m.type in PLACES and not _paired(passage.text, m.start - passage.start, m.end - passage.start):
                    continue  # 「第8回アフリカ開発会議」: the place is the topic, not a party
                if m.type in ("Country", "Region") or m.type in rel.ORG_TYPES:
                    result.facts.append(Fact(ev.key, str(ont.participant), m.key, passage.index, s, e, extractor="rules:event"))
                elif m.type == "Program" or (m.type == "Event" and _occasion_of(ev, m, sentence_text)):
                    result.facts.append(Fact(ev.key, str(ont.about), m.key, passage.index, s, e, extractor="rules:event"))


_GATHER = re.compile(r"一堂に会|が参加|参加し|出席し|が集")


def _continued_participants(passage: Passage, previous: tuple[int, list[Mention]], s: int, e: int, sentence: list[Mention],
                            text: str, result: Extraction, participant: str) -> None:  # fmt: skip
    """「「アジア大学フォーラム」は…を拡大発展させたものです。日本、中国及び他のアジア地域から…大学等が一堂に会し…」:
    a sentence right after one naming a single event, saying who gathers, names that event's participants."""
    end, events = previous
    gap = passage.text[end - passage.start : s - passage.start]
    if not events or "\n\n" in gap or any(m.type == "Event" for m in sentence) or not _GATHER.search(text):
        return
    # The event the sentence before is about: its only event, or the topic it opens with (「「X」は…」).
    topic = events[0] if len(events) == 1 or re.match(r"[」』]?は", passage.text[events[0].end - passage.start :]) else None
    if topic is None:
        return
    for m in sentence:
        if m.type in PLACES or m.type in rel.ORG_TYPES:
            result.facts.append(Fact(topic.key, participant, m.key, passage.index, s, e, extractor="rules:event(next)"))


_OCCASION = re.compile(r"サイドイベント|パートナー事業|関連イベント|関連行事|記念")


def _occasion_of(ev: Mention, other: Mention, sentence: str) -> bool:
    """An event held on the occasion of another (「…公式サイドイベント」「TICAD9パートナー事業」) is about it;
    an edition is not about its series (第二回日印大学等フォーラム, 日印大学等フォーラム), nor a name about
    its own abbreviation (第8回アフリカ開発会議(TICAD8))."""
    a, b = ev.surface, other.surface
    if a in b or b in a and not (ev.start <= other.start and other.end <= ev.end and ev.surface.find(b) > 0):
        return False
    return _OCCASION.search(sentence) is not None and ev.start <= other.start


def _facts(state: State) -> None:
    _event_facts(state.passage, state.result, state.iris, state.gazetteer, state.vocab)


COMPONENT = Component(
    "event_facts",
    reads="result.mentions and result.event_dates of the passage, passage sentences, vocabulary",
    writes="result.facts: startDate, participant, about of events",
    doc=__doc__ or "",
    passage=_facts,
)
