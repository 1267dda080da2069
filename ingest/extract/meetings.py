"""Meetings as events: numbered sessions of a body (第N回…会議/部会/委員会/フォーラム) with their date and time,
place and agenda, read from the labelled lines minutes and notices use (日時, 場所/会場, 議題/議事).

A generic word (会議, 国際会議, 説明会) is never a meeting by itself: a meeting needs its number (第N回) or a
name of its own before the meeting word. The meeting a document records (minutes, a notice) is the one its
header names; its labelled lines give that meeting's date, place and agenda. Chair and attendees are joined
from the people found in the document (ingest/extract/people.py) by the extraction component.

Other sessions of the recorded meeting's body are named by their number alone: 「次回（第15回）は…」, 「次回、第23回は…」,
「第13回部会」, 「第21回の議事録案」.

Reads: the document text. Writes: MeetingHit records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Namespace
from rdflib.namespace import XSD

from ingest.dates import DateMention, find_dates
from ingest.extract.pipeline import Component
from ingest.extract.spans import passage_at
from ingest.link import Linker
from ingest.records import Entity, Extraction, Fact, Mention, Passage
from kg.iris import SCHEMA, Iris, slugify

_NUMBER = r"第\s?(?P<num>[0-9０-９]+|[一二三四五六七八九十百]+)\s?回"
_MEETING_WORD = (
    r"(?:会議|本会議|部会|分科会|委員会|小委員会|審議会|懇談会|検討会|協議会|研究会|調査会|フォーラム|シンポジウム|ワークショップ|"
    r"サミット|会合|総会|理事会|評議会|ボード|ミーティング|対話|ワーキンググループ|WG|タスクフォース|報告会|発表会|セミナー|"
    r"Forum|Meeting|Symposium|Workshop|Conference)"
)
_BODY = r"[\u3005\u3040-\u30ff\u3400-\u9fffA-Za-z0-9・ー＆&\-]"
# 第12回総合科学技術・イノベーション会議, 科学技術・学術審議会国際戦略委員会（第5回）, 第3回日独科学技術協力合同委員会
NUMBERED = re.compile(
    rf"{_NUMBER}\s?(?P<body>{_BODY}{{2,40}}?{_MEETING_WORD})(?!{_BODY}*?{_MEETING_WORD})"
    rf"|(?P<body2>{_BODY}{{2,40}}?{_MEETING_WORD})\s?[(（]第\s?(?P<num2>[0-9０-９]+|[一二三四五六七八九十百]+)\s?回[)）]"
)
# The words of a sentence before a body's name: up to its last particle before a word not in hiragana.
# (…に関する, …に向けた, …に係る are words of the name: 「研究インテグリティに関する有識者会議」)
# 「次回の…検討会（第5回）」「開催された…委員会（第18回）」: which session, and what was done, are no part of the name.
_CLAUSE = re.compile(
    r"^.*(?:において|にて|[ではがをとへも、]|に(?![関係対向基伴資])|(?:次回|前回|今回)の|(?:され|し|れ)た)(?=[^\u3040-\u309f])"
)
_GENERIC = re.compile(rf"^(?:国際|関係|各種|定例|臨時|本|同|当該|全体|合同|次回|前回|今回|公開|非公開)?{_MEETING_WORD}$")
_TIME = re.compile(r"(?P<t>\d{1,2}\s?[:：時]\s?\d{0,2}\s?分?\s?[～〜~\-－―–]\s?\d{1,2}\s?[:：時]\s?\d{0,2}\s?分?)")
# The label may be numbered 「1.」「(1)」 or 「１　日　時」 (the number and a space).
_LABEL = r"^\s*(?:[0-9０-９]{{1,2}}(?:\s?[.．、]|\s)|[(（][0-9０-９]+[)）])?\s*[【〔(（■●○]?\s*{}\s*[】〕)）]?\s*[:：]?\s*"
_DATE_LINE = re.compile(_LABEL.format(r"(?:開催)?日\s*時|開催日"))
_PLACE_LINE = re.compile(_LABEL.format(r"(?:場\s*所|会\s*場|開催場所)"))
_AGENDA_HEAD = re.compile(_LABEL.format(r"(?:議\s*題|議事次第|次\s*第|アジェンダ|議\s*事(?=\s*(?:[:：】〕)）]|$)))"))
_AGENDA_ITEM = re.compile(
    r"^\s*(?:[(（]?[0-9０-９]+[)）.．、]|[①-⑳]|[一二三四五六七八九十]+[.．、]|[・•])\s*(?P<item>\S.{1,80})$"
)
_OTHER_LABEL = re.compile(_LABEL.format(r"(?:出席者|出席|配付資料|資料|概要|議事概要|主な意見|その他|閉会|開会|委員|議員)"))


@dataclass
class MeetingHit:
    start: int
    end: int
    name: str  # 第12回総合科学技術・イノベーション会議
    number: int | None
    body: str  # the meeting body's name without the number (総合科学技術・イノベーション会議)
    date: DateMention | None = None
    time: str | None = None
    place: str | None = None
    agenda: list[str] = field(default_factory=list)
    recorded: bool = False  # the meeting the document itself records (its header names it)
    alias: str | None = None  # the name with the parent body the title writes before it


def _number(raw: str) -> int | None:
    import unicodedata

    raw = unicodedata.normalize("NFKC", raw)
    if raw.isdigit():
        return int(raw)
    from kanjize import kanji2number

    try:
        return int(kanji2number(raw))
    except (ValueError, KeyError):
        return None


def find_meetings(text: str) -> list[MeetingHit]:
    """Every numbered meeting named in the text; the one the header names gets the labelled lines' details."""
    hits: list[MeetingHit] = []
    for m in NUMBERED.finditer(text):
        body = m.group("body") or m.group("body2")
        num = m.group("num") or m.group("num2")
        s, e = m.start(), m.end()
        clause = _CLAUSE.match(body) if m.group("body2") else None
        # 「10月14日にベルリンにおいて日・ドイツ…合同委員会（第18回）」: the sentence before it is not its name (but
        # a name in kana, 「くまもと…」, is)
        if clause and re.search(r"[^\u3040-\u309f]", clause.group()[:-1]):
            body, s = body[clause.end() :], s + clause.end()
        if _GENERIC.match(body):
            continue  # 第2回会議: a session of a body the text has not named
        hits.append(MeetingHit(s, e, re.sub(r"\s", "", text[s:e]), _number(num), body))
    recorded = _recorded(text, hits)
    if recorded is not None:
        _details(text, recorded)
        hits += _sessions_of(text, recorded, hits)
    return hits


# Minutes name the body's other sessions by number only: 「次回（第15回）は…」「参考資料2 第13回部会 議事要旨」.
# …and 「次回、第23回は…」「第21回の議事録案」: the next session, or the session whose minutes are read.
_NEXT = re.compile(r"次回\s?(?:の|[、,])?\s?[(（]?第\s?(?P<num>[0-9０-９]+|[一二三四五六七八九十]+)\s?回[)）]?")
_SHORT = re.compile(rf"第\s?(?P<num>[0-9０-９]+|[一二三四五六七八九十]+)\s?回\s?(?P<kind>{_MEETING_WORD})")
_MINUTES_OF = re.compile(r"第\s?(?P<num>[0-9０-９]+|[一二三四五六七八九十]+)\s?回\s?の?\s?(?:議事録|議事要旨|議事概要)")


def _sessions_of(text: str, recorded: MeetingHit, hits: list[MeetingHit]) -> list[MeetingHit]:
    """Other sessions of the recorded meeting's body, named by their number alone (next, earlier)."""
    taken = [(h.start, h.end) for h in hits]
    out = []
    for pattern in (_NEXT, _SHORT, _MINUTES_OF):
        for m in pattern.finditer(text):
            kind = m.groupdict().get("kind")
            if kind and not recorded.body.endswith(kind):
                continue  # 第3回日英AI研究対話: another body's session
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            num = _number(m.group("num"))
            if num is None or num == recorded.number:
                continue
            # named as the document names its own session: 「第23回…審議会」 → 「第24回…審議会」, else 「…(第24回)」
            number_first = recorded.name.startswith("第")
            name = f"第{num}回{recorded.body}" if number_first else f"{recorded.body}(第{num}回)"
            parent = _parent(text, recorded)
            out.append(MeetingHit(m.start(), m.end(), name, num, recorded.body, alias=f"{parent}{name}" if parent else None))
            taken.append((m.start(), m.end()))
    return out


def _parent(text: str, recorded: MeetingHit) -> str:
    """The parent body the title writes before the recorded meeting's body, with its space
    (「第13期科学技術・学術審議会 国際戦略委員会(第5回)」 → 「第13期科学技術・学術審議会 」), else nothing."""
    before = text[text.rfind("\n", 0, recorded.start) + 1 : recorded.start]
    return before.lstrip() if re.fullmatch(rf"\s*{_BODY}{{2,40}}[ \u3000]", before) else ""


def _recorded(text: str, hits: list[MeetingHit]) -> MeetingHit | None:
    """The meeting in the header (first 8 lines) of a document with labelled meeting lines."""
    header_end = _nth_line_end(text, 8)
    if not re.search(_DATE_LINE.pattern, text, re.M):
        return None
    for h in hits:
        if h.start < header_end:
            h.recorded = True
            return h
    return None


def _nth_line_end(text: str, n: int) -> int:
    pos, seen = 0, 0
    while seen < n:
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        if text[pos:nxt].strip():
            seen += 1
        pos = nxt + 1
    return pos


def _shift(d: DateMention, offset: int) -> DateMention:
    return DateMention(d.start + offset, d.end + offset, d.surface, d.year, d.month, d.day, d.fiscal)


def _details(text: str, hit: MeetingHit) -> None:
    agenda_open = False
    offset = 0
    for line in text.split("\n"):
        here, offset = offset, offset + len(line) + 1
        if _DATE_LINE.match(line) and hit.date is None:
            dated = [d for d in find_dates(line) if d.month and not d.fiscal]
            hit.date = _shift(dated[0], here) if dated else None
            t = _TIME.search(line)
            hit.time = re.sub(r"\s", "", t.group("t")) if t else None
            continue
        if _PLACE_LINE.match(line) and hit.place is None:
            hit.place = _PLACE_LINE.sub("", line).strip() or None
            continue
        if _AGENDA_HEAD.match(line):
            agenda_open = True
            rest = _AGENDA_HEAD.sub("", line).strip()
            if rest:
                item = _AGENDA_ITEM.match(rest)
                hit.agenda.append((item.group("item") if item else rest).strip())
            continue
        if agenda_open:
            if _OTHER_LABEL.match(line) or _DATE_LINE.match(line) or _PLACE_LINE.match(line):
                agenda_open = False
                continue
            item = _AGENDA_ITEM.match(line)
            if item:
                hit.agenda.append(item.group("item").strip())
            elif line.strip() and hit.agenda:
                agenda_open = False
    if hit.date is None:  # a notice gives the date in the header without a label
        head = text[: _nth_line_end(text, 8)]
        dated = [d for d in find_dates(head) if d.day and not d.fiscal]
        hit.date = dated[0] if dated else None


# --- into the graph ---------------------------------------------------------------------------------------

_CHAIR = re.compile(r"(?:議長|座長|委員長|主査|部会長|分科会長|会長)")
_ATTENDANCE = re.compile(r"^\s*(?:[0-9０-９]+\s?[.．、]\s*)?[【〔(（]?(?:出席者|出席議員|出席委員|出席|構成員|参加者)", re.M)


def _absorb_unnumbered(hit: MeetingHit, meeting: str, result: Extraction) -> None:
    """「…合同委員会」 read as an event inside 「…合同委員会（第18回）」 is this session, not an event of its own."""
    inside = {m.key for m in result.mentions if m.type == "Event" and hit.start <= m.start and m.end <= hit.end}
    for key in inside - {meeting}:
        entity = result.entities.get(key)
        if (
            entity is not None
            and entity.labels.get("ja") == hit.body
            and all(hit.start <= m.start and m.end <= hit.end for m in result.mentions if m.key == key)
        ):
            result.merge(key, meeting)


def add_meetings(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """Meeting entities for numbered sessions; the recorded one with its date, time, venue, place, agenda,
    chair and attendees (the people and bodies of its attendance list)."""
    ont = iris.ont
    for hit in find_meetings(text):
        passage = passage_at(passages, hit.start)
        entity = _meeting_entity(hit, result, linker, iris)
        surface = text[hit.start : hit.end]
        _absorb_unnumbered(hit, entity.iri, result)
        result.mentions.append(Mention(hit.start, hit.end, surface, "Meeting", passage, entity.iri, "rules:meeting"))
        facts: list[tuple[str, str | int, int, int, str | None]] = []  # predicate, object, start, end, datatype
        if hit.number is not None:
            facts.append((str(ont.meetingNumber), hit.number, hit.start, hit.end, str(XSD.integer)))
        if hit.recorded:
            facts += _recorded_facts(text, hit, result, ont)
            _people_of(text, hit, entity.iri, result, ont)
            body = _standing_body(text, hit, passage, result, linker)
            _parent_body(text, hit, body, passage, result, linker, iris)
        for pred, obj, start, end, dt in facts:
            at = passage_at(passages, start)
            result.facts.append(Fact(entity.iri, pred, obj, at, start, end, dt, "rules:meeting"))
        if hit.recorded and hit.date is not None:
            result.event_dates[entity.iri] = hit.date
    for entity in result.entities.values():  # every numbered session the event rules found is a meeting too
        m = NUMBERED.fullmatch(entity.labels.get("ja", ""))
        if entity.type == "Event" and m is not None and not _GENERIC.match(m.group("body") or m.group("body2") or ""):
            entity.type = "Meeting"


_STANDING = re.compile(
    r"(?:会議|部会|分科会|委員会|小委員会|審議会|懇談会|検討会|協議会|ワーキンググループ|WG|タスクフォース|理事会)$"
)


def _standing_body(text: str, hit: MeetingHit, passage: int, result: Extraction, linker: Linker) -> str | None:
    """The body whose session a document records (「…推進部会（第6回）議事録」) is an organisation of its own: a
    committee that meets, not only the meeting."""
    return _body_mention(text, hit.body, text.find(hit.body, hit.start, hit.end), passage, result, linker)


def _body_mention(text: str, name: str, start: int, passage: int, result: Extraction, linker: Linker) -> str | None:
    """The standing body named at ``start`` as an organisation mention; the IRI of the body named there."""
    if start < 0 or not _STANDING.search(name) or _GENERIC.match(name):
        return None
    end = start + len(name)
    named = [m for m in result.mentions if m.start <= start and end <= m.end and m.type not in ("Meeting", "Event")]
    if named:
        return named[0].key  # a name the vocabulary or a rule already gave
    entity = linker.entity_for("Organization", name)
    if entity is None:
        return None
    result.entities.setdefault(entity.iri, entity)
    result.mentions.append(Mention(start, end, name, entity.type, passage, entity.iri, "rules:meeting"))
    return entity.iri


def _parent_body(
    text: str, hit: MeetingHit, body: str | None, passage: int, result: Extraction, linker: Linker, iris: Iris
) -> None:
    """The parent body a title writes before the committee (「第13期科学技術・学術審議会 国際戦略委員会(第5回)」): an
    organisation the committee is part of; the term (第13期) is not part of its name."""
    parent = _parent(text, hit).strip()
    term = re.match(r"第\s?[0-9０-９一二三四五六七八九十]+\s?期", parent)
    name = parent[term.end() :] if term else parent
    start = text.rfind(name, 0, hit.start) if name else -1
    iri = _body_mention(text, name, start, passage, result, linker)
    if iri is not None and body is not None and iri != body:
        result.facts.append(Fact(body, str(iris.ont.partOf), iri, passage, start, hit.end, extractor="rules:meeting"))
        committee = result.entities.get(body)
        if committee is not None and not committee.curated and (name + hit.body, "ja") not in committee.alt_labels:
            committee.alt_labels.append((name + hit.body, "ja"))  # its full name: 科学技術・学術審議会国際戦略委員会


def _recorded_facts(
    text: str, hit: MeetingHit, result: Extraction, ont: Namespace
) -> list[tuple[str, str | int, int, int, str | None]]:
    """Date and time, venue and the places it names, and agenda items of the meeting a document records."""
    out: list[tuple[str, str | int, int, int, str | None]] = []
    if hit.date is not None:
        d = hit.date
        out.append((str(SCHEMA.startDate), d.iso, d.start, d.end, str(XSD[d.xsd_type])))
        if hit.time:
            out.append((str(SCHEMA.startTime), hit.time, d.start, d.end, str(XSD.string)))
    if hit.place:
        at = text.find(hit.place)
        out.append((str(ont.venue), hit.place, at, at + len(hit.place), str(XSD.string)))
        for m in result.mentions:
            if at <= m.start < at + len(hit.place) and m.type in ("Prefecture", "Municipality", "Place"):
                out.append((str(ont.location), m.key, m.start, m.end, None))
    for item in hit.agenda:
        at = text.find(item)
        out.append((str(ont.agendaItem), item, at, at + len(item), str(XSD.string)))
    return out


def _meeting_entity(hit: MeetingHit, result: Extraction, linker: Linker, iris: Iris) -> Entity:
    """The meeting's entity; an event the event rules already found on the same words becomes this meeting."""
    for m in result.mentions:  # the same words, or an edition the event rules named the same way
        same_words = hit.start <= m.start and m.end <= hit.end
        named = result.entities.get(m.key)
        label = named.labels.get("ja", "") if named is not None else ""
        if m.type in ("Event", "Meeting") and named is not None and (label == hit.name or same_words and hit.name in label):
            named.type = "Meeting"
            return named
    iri = iris.entity("Meeting", slugify(hit.name))
    if iri not in result.entities:
        body = linker.vocab.lookup(hit.body)
        if body is not None and body.labels.get("en"):
            body_en, source = body.labels["en"], "translated"
        else:
            labels, source = linker.labels_with_source(hit.body)
            body_en = labels.get("en", "")
        en = f"{body_en}, {_ordinal(hit.number)} meeting" if hit.number is not None else body_en
        result.entities[iri] = Entity(iri=iri, type="Meeting", labels={"ja": hit.name, "en": en}, label_source=source)
        if hit.alias:
            result.entities[iri].alt_labels.append((hit.alias, "ja"))
    return result.entities[iri]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _people_of(text: str, hit: MeetingHit, iri: str, result: Extraction, ont: Namespace) -> None:
    """The recorded meeting's chair (a person named with 議長/座長/委員長… on the same line) and attendees (people
    and bodies listed under 出席者)."""
    lists = [m.start() for m in _ATTENDANCE.finditer(text)]
    seen: set[str] = set()
    for m in result.mentions:
        if m.type != "Person" or m.key in seen:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        listed = any(0 <= m.start - s <= 1500 for s in lists)
        if _CHAIR.search(line) and (listed or hit.recorded):
            result.facts.append(Fact(iri, str(ont.chair), m.key, m.passage, m.start, m.end, extractor="rules:meeting"))
        if listed:
            seen.add(m.key)
            result.facts.append(Fact(iri, str(ont.participant), m.key, m.passage, m.start, m.end, extractor="rules:meeting"))


COMPONENT = Component(
    "meetings",
    reads="document text, passages, Person and place mentions, event entities",
    writes="Meeting mentions and entities; number, date, time, venue, location, agenda, chair and participant facts",
    doc=__doc__ or "",
    finish=lambda state: add_meetings(state.text, state.passages, state.result, state.linker, state.iris),
)
