"""Stage 5: passages → mentions, entities, events, facts and budgets, each with the span that states it.

Components run in a fixed order and a later one never overrides an earlier one on the same span:
1. gazetteer (curated names, exact), 2. country compounds (日米 → Japan + US), 3. pattern rules for
names not in the vocabularies (ingest/extract/names.py), 4. GiNZA NER filtered to plausible names.
Before them, a pass over the whole document collects the names it defines for later use (abbreviations in
parentheses, the last word of a two-word curated name), so a later bare use is found too.
Then events (named, or meetings between office holders), relations and budgets are read from the sentences
around the mentions, and document-level rules place what a sentence alone cannot (a slide title after its
budget box, a scheme's parameters on a budget page, participants in the sentence after a series is introduced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ingest.dates import DateMention, find_dates
from ingest.extract import relations as rel
from ingest.extract.budgets import (
    BUDGET_LABEL,
    BUDGET_LINE,
    attach_to_document_program,
    budget_headings,
    find_budgets,
)
from ingest.extract.english_names import add_english_names
from ingest.extract.events import find_events
from ingest.extract.gazetteer import Gazetteer, Hit
from ingest.extract.meetings import add_meetings
from ingest.extract.names import (
    find_names,
    is_descriptive,
    is_generic,
    kind_of,
    last_coordinated,
    repeated_names,
    wrapped_tail,
)
from ingest.extract.ner import ginza_entities
from ingest.extract.people import add_people
from ingest.extract.places import add_places
from ingest.extract.tables import find_tables
from ingest.link import Linker
from ingest.records import Budget, Entity, Extraction, Fact, Mention, Observation, Passage, Problem
from ingest.vocab import VocabEntry, Vocabulary
from kg.iris import SCHEMA, Iris, slugify

_PLACES = ("Country", "Region")
_ASCII_ABBR = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,11}$")


@dataclass
class _Span:
    start: int
    end: int
    type: str
    surface: str
    iri: str | None
    source: str
    passage: int
    alias_of: int | None = None  # start offset of the name this abbreviation belongs to
    date: DateMention | None = None  # for events: the date their sentence gives
    name: str | None = None  # for an edition in a table row: 「第一回」 names 「第一回日印大学等フォーラム」


def _accepts(a: _Span, taken: list[_Span]) -> bool:
    """A span is taken unless it overlaps an earlier one; a name may contain place names (ノルウェー研究会議,
    日・北欧量子科学協働プログラム) and an event the series or programs it is about (第一回日印大学等フォーラム):
    those stay as nested mentions of their own."""
    # 「基盤研究(S・A)」 names two programs with one span: enumerated variants do not exclude each other.
    conflicts = [b for b in taken if a.start < b.end and b.start < a.end and not (a.source == b.source == "enumerated")]
    if not conflicts:
        return True
    # An event, or a name the document confirms (quoted, abbreviated, repeated), may hold curated names:
    # 「国際卓越研究大学研究等体制強化計画」 is not 「国際卓越研究大学」.
    holds_names = a.type == "Event" or a.source in ("pattern:repeated", "pattern:agency-program", "pattern:whole")
    nestable = _PLACES + (
        ("Event", "Program", "Agency", "Organization", "University", "Council", "Law", "Ordinance") if holds_names else ()
    )
    return a.type not in _PLACES and all(
        b.type in nestable and a.start <= b.start and b.end <= a.end and (b.end - b.start) < (a.end - a.start) for b in conflicts
    )


def _country_compounds(text: str, offset: int, passage: int, vocab: Vocabulary) -> list[_Span]:
    """日米, 日印, 日ASEAN: a run of one-kanji country abbreviations starting with 日 names each country."""
    if not vocab.country_abbr:
        return []
    chars = "".join(re.escape(c) for c in vocab.country_abbr)
    pattern = re.compile(rf"日(?:[{chars}])+(?=[間首協共合関交連科政両の・大医]|ASEAN|EU)|日(?=・?(?:ASEAN|EU))")
    spans = []
    for m in pattern.finditer(text):
        for i, ch in enumerate(m.group(0)):
            iri = vocab.country_abbr.get(ch)
            if iri:
                s = offset + m.start() + i
                spans.append(_Span(s, s + 1, vocab.entries[iri].type, ch, iri, "compound", passage))
    return spans


def _pattern_spans(text: str, offset: int, passage: int) -> list[_Span]:
    spans = []
    for n in find_names(text, offset):
        spans.append(_Span(n.start, n.end, n.type, n.surface, None, "pattern:whole" if n.holds_names else "pattern", passage))
        if n.abbreviation:
            a, b = n.abbreviation
            spans.append(_Span(a, b, n.type, text[a - offset : b - offset], None, "pattern-abbr", passage, alias_of=n.start))
    return spans


_AGENCY_TAIL = re.compile(
    r"[ /]?(?P<name>[A-Za-z][A-Za-z0-9\-]{1,15}|[\u30a0-\u30ff\u3400-\u9fff]{2,20}?(?:研究|事業|プログラム))"
    r"(?=\s?[(（]|[ \t]*$)",
    re.M,
)


def _agency_programs(passage: Passage, hits: list[Hit], gazetteer: Gazetteer, iris: Iris) -> list[_Span]:
    """「AMED SICORP(2.6億円)」「JSPS 国際共同研究(4.3億円)」: an agency's own line of a shared or generic program
    is a program of its own (its budget is not the whole program's). A program only that agency runs is
    just the program (「JST さくらサイエンスプログラム」)."""
    spans = []
    vocab, operated_by = gazetteer.vocab, iris.ont.operatedBy
    for h in hits:
        m = _AGENCY_TAIL.match(passage.text, h.end - passage.start) if h.type == "Agency" else None
        if m is None:
            continue
        known = vocab.lookup(m.group("name"), "Program")
        if known is None and m.group("name").isascii():
            continue  # an unknown abbreviation after an agency is not a program name
        if known is not None and {str(o) for o in vocab.graph.objects(URIRef(known.iri), operated_by)} == {h.iri}:
            continue
        end = passage.start + m.end("name")
        surface = passage.text[h.start - passage.start : m.end("name")]
        spans.append(_Span(h.start, end, "Program", surface, None, "pattern:agency-program", passage.index))
    return spans


_ENUMERATED = re.compile(r"(?P<stem>[\u30a0-\u30ff\u3400-\u9fff]{2,20})[(（](?P<items>[A-Za-z0-9](?:・[A-Za-z0-9])+)[)）]")


def _enumerated_spans(passage: Passage, gazetteer: Gazetteer) -> list[_Span]:
    """「基盤研究(S・A)」 is 基盤研究(S) and 基盤研究(A) when the vocabulary knows each variant."""
    spans = []
    for m in _ENUMERATED.finditer(passage.text):
        s, e = passage.start + m.start(), passage.start + m.end()
        for item in m.group("items").split("・"):
            entry = gazetteer.vocab.lookup(f"{m.group('stem')}({item})")
            if entry is not None:
                spans.append(_Span(s, e, entry.type, m.group(0), entry.iri, "enumerated", passage.index))
    return spans


_MINISTER = re.compile(r"(?P<stem>[\u3400-\u9fff]{2,8})大臣")


def _minister_spans(passage: Passage, gazetteer: Gazetteer) -> list[_Span]:
    """「文部科学大臣が…認定」: a minister acts for the ministry (文部科学大臣 → 文部科学省)."""
    spans = []
    for m in _MINISTER.finditer(passage.text):
        # 「松本文部科学大臣」: the ministry is the longest tail of the name before 大臣 that names one.
        found = _known_tail(m.group("stem"), gazetteer, ("省",))
        if found is not None:
            cut, entry = found
            s = passage.start + m.start() + cut
            spans.append(_Span(s, passage.start + m.end(), entry.type, m.group(0)[cut:], entry.iri, "minister", passage.index))
    return spans


def _known_tail(body: str, gazetteer: Gazetteer, suffixes: tuple[str, ...]) -> tuple[int, VocabEntry] | None:
    """Where the longest tail of ``body`` that the vocabulary knows (as is, or with one of ``suffixes``) starts,
    and its entry: a personal name before an office (松本|文部科学, マイケル・クラツィオス|OSTP) is cut off."""
    for i in range(len(body) - 1):
        for suffix in suffixes:
            entry = gazetteer.vocab.lookup(body[i:] + suffix)
            if entry is not None:
                return i, entry
    return None


# 「あべ文部科学大臣(当時)が マイケル・クラツィオスOSTP局長と電話会談を実施」「松本文部科学大臣と…OSTP局長との会談」:
# a meeting between two office holders, named by their offices (文部科学大臣・OSTP局長電話会談).
_TITLE = r"(?:大臣|局長|長官|総裁|理事長|会長|学長|大使|首相|大統領)"
_MEETING = re.compile(
    rf"(?P<a>[^\s、。()（）「」]{{2,30}}?{_TITLE})(?:[(（]当時[)）])?(?:が\s?|と)"
    rf"(?P<b>[^\s、。()（）「」]{{2,30}}?{_TITLE})との?(?P<ev>電話会談|会談|会合|面会)"
)
# 「…との科学技術協力に係るJSOIに文科省が署名」: the signing of an instrument named by its abbreviation.
_SIGNED = re.compile(r"(?P<name>[A-Z][A-Za-z0-9&\-]{1,10})に[^、。\s]{1,20}が(?:署名|締結)")
# 「内閣府とOSTP間で署名された「[日米間の…協力に関する覚書](#)」」: an instrument quoted by its full name (a link the
# PDF kept around it, or not); the particles inside it are part of the name.
_QUOTED_INSTRUMENT = re.compile(
    r"「\[?(?P<name>[^「」\[\]()（）\n]{2,60}?(?:覚書|協定|取決め|取極|共同声明|共同宣言|議定書))\]?(?:\([^)\s]*\))?」"
)


def _office(holder: str, gazetteer: Gazetteer) -> str | None:
    """The office in 「あべ文部科学大臣」「マイケル・クラツィオスOSTP局長」: the longest tail naming a known body."""
    title = re.search(rf"{_TITLE}$", holder)
    found = _known_tail(holder[: title.start()] if title else holder, gazetteer, ("", "省"))
    return holder[found[0] :] if found is not None else None


def _meeting_spans(passage: Passage, gazetteer: Gazetteer) -> list[_Span]:
    spans = []
    dates = [d for d in find_dates(passage.text) if d.month and not d.fiscal]
    for m in _MEETING.finditer(passage.text):
        a, b = _office(m.group("a"), gazetteer), _office(m.group("b"), gazetteer)
        if a is None or b is None:
            continue
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        s, e = passage.start + m.start("ev"), passage.start + m.end("ev")
        spans.append(
            _Span(s, e, "Event", m.group("ev"), None, "event", passage.index, date=date, name=f"{a}・{b}{m.group('ev')}")
        )
    for m in _SIGNED.finditer(passage.text):
        s, e = passage.start + m.start("name"), passage.start + m.end("name")
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        spans.append(
            _Span(s, e, "Event", m.group("name"), None, "event", passage.index, date=date, name=f"{m.group('name')}署名")
        )
    for m in _QUOTED_INSTRUMENT.finditer(passage.text):
        s, e = passage.start + m.start("name"), passage.start + m.end("name")
        date = min(dates, key=lambda d: abs(d.start - m.start())) if dates else None
        spans.append(_Span(s, e, "Event", m.group("name"), None, "event:quoted", passage.index, date=date))
    return spans


def _repeated_spans(passage: Passage, names: list[str]) -> list[_Span]:
    spans = []
    for name in names:
        for m in re.finditer(re.escape(name), passage.text):
            s = passage.start + m.start()
            spans.append(_Span(s, s + len(name), kind_of(name), name, None, "pattern:repeated", passage.index))
    return spans


_DIRECTION = re.compile(r"(?:東南|北東|南東|北西|南西|中央|東|西|南|北|中)$")


def _directional_regions(passage: Passage, hits: list[Hit], gazetteer: Gazetteer) -> list[_Span]:
    """「東アフリカ」「西アジア」: a direction before a known region names a part of it, unless the vocabulary knows the
    whole name as something else (南アフリカ is a country, 東南アジア a curated region)."""
    spans = []
    for h in hits:
        if h.type != "Region":
            continue
        direction = _DIRECTION.search(passage.text[max(0, h.start - passage.start - 2) : h.start - passage.start])
        if direction is None:
            continue
        start = h.start - len(direction.group(0))
        end = h.end - len(re.search(r"(?:諸国|地域)?$", passage.text[: h.end - passage.start]).group(0))  # type: ignore[union-attr]
        name = passage.text[start - passage.start : end - passage.start]  # 東アフリカ諸国 → 東アフリカ
        if gazetteer.vocab.lookup(name) is None and not any(o.start < h.start <= o.end and o is not h for o in hits):
            spans.append(_Span(start, end, "Region", name, None, "pattern", passage.index))
    return spans


def _defined_abbreviations(text: str) -> list[tuple[int, str, str]]:
    """(end of the definition, abbreviation, type) of each 「name(ABBR)」 the document defines: later bare uses of
    the abbreviation (「NEXT-AFRICAの設計について合意した」) name the same entity."""
    defined = []
    for n in find_names(text):
        if n.abbreviation and n.type != "Law":
            a, b = n.abbreviation
            if _ASCII_ABBR.match(text[a:b]) and len(text[a:b]) >= 3:
                defined.append((b, text[a:b], n.type))
    return defined


def _short_forms(text: str, gazetteer: Gazetteer) -> list[tuple[int, str, str, str]]:
    """(end of the full name, short form, type, IRI) for curated organisations the document names in two words
    (「国際卓越研究大学 アドバイザリーボード」): later, the last word alone (「アドバイザリーボード第1回会合」) names the
    same body. Only distinctive words count (not 委員会, 事務局)."""
    forms = []
    for h in gazetteer.find(text, 0):
        words = text[h.start : h.end].split()
        if h.type in rel.ORG_TYPES and len(words) > 1 and len(words[-1]) >= 6 and not is_generic(words[-1]):
            forms.append((h.end, words[-1], h.type, h.iri))
    return forms


def _short_form_spans(passage: Passage, forms: list[tuple[int, str, str, str]]) -> list[_Span]:
    spans = []
    for after, short, kind, iri in forms:
        for m in re.finditer(re.escape(short), passage.text):
            s = passage.start + m.start()
            if s >= after:
                spans.append(_Span(s, s + len(short), kind, short, iri, "gazetteer-short", passage.index))
    return spans


def _abbreviation_spans(passage: Passage, defined: list[tuple[int, str, str]]) -> list[_Span]:
    spans = []
    for after, abbr, kind in defined:
        for m in re.finditer(rf"(?<![A-Za-z0-9\-]){re.escape(abbr)}(?![A-Za-z0-9\-])", passage.text):
            s = passage.start + m.start()
            if s >= after:
                spans.append(_Span(s, s + len(abbr), kind, abbr, None, "pattern:abbr-again", passage.index))
    return spans


def _ginza_spans(passage: Passage, ents: list[tuple[int, int, str, str]]) -> list[_Span]:
    spans = []
    for s, e, t, surface in ents:
        # GiNZA's bare abbreviations (PI, JT) are mostly noise; an abbreviation needs the vocabulary or NAME(ABBR).
        cut, surface = last_coordinated(surface)  # 「A県・B村・C大学」: three names; keep the last
        if is_generic(surface) or is_descriptive(surface) or _ASCII_ABBR.match(surface):
            continue
        spans.append(_Span(passage.start + s + cut, passage.start + e, t, surface, None, "ginza", passage.index))
    return spans


def extract(text: str, passages: list[Passage], vocab: Vocabulary, iris: Iris, use_ginza: bool = True) -> Extraction:
    """Run every extractor over the passages of one normalized document text."""
    gazetteer = Gazetteer(vocab)
    linker = Linker(vocab, iris)
    result = Extraction()
    ginza = ginza_entities([p.text for p in passages]) if use_ginza else [[] for _ in passages]
    repeated = sorted(repeated_names(text), key=len, reverse=True)
    abbreviations = _defined_abbreviations(text)
    short_forms = _short_forms(text, gazetteer)
    series = [(m.start(), m.group(1)) for m in _QUOTED_SERIES.finditer(text)]
    headings = budget_headings(text)
    for passage, ginza_ents in zip(passages, ginza, strict=True):
        taken: list[_Span] = []
        hits = gazetteer.find(passage.text, passage.start)
        candidates = [
            *_directional_regions(passage, hits, gazetteer),
            *_enumerated_spans(passage, gazetteer),
            *(_Span(h.start, h.end, h.type, text[h.start : h.end], h.iri, "gazetteer", passage.index) for h in hits),
            *_country_compounds(passage.text, passage.start, passage.index, vocab),
            *_short_form_spans(passage, short_forms),
            *_meeting_spans(passage, gazetteer),
            *_event_spans(passage),
            *_edition_spans(text, passage, series),
            *_agency_programs(passage, hits, gazetteer, iris),
            *_minister_spans(passage, gazetteer),
            *_pattern_spans(passage.text, passage.start, passage.index),
            *_repeated_spans(passage, repeated),
            *_abbreviation_spans(passage, abbreviations),
            *_ginza_spans(passage, ginza_ents),
        ]
        for span in candidates:
            if span.source != "gazetteer" and wrapped_tail(text, span.start):
                continue  # 「統合イノ\n\nベーション戦略2021」: the tail of a name a line or page break cut
            if _accepts(span, taken):
                taken.append(span)
        _link_spans(sorted(taken, key=lambda s: s.start), linker, result)
        _organisation_units(text, passage, gazetteer, linker, result, iris)
        _event_facts(passage, result, iris, gazetteer, vocab)
        result.budgets += find_budgets(passage, result.mentions, iris, result.budgets, headings)
    _relations(text, passages, result, iris, gazetteer)
    add_people(text, passages, result, linker, iris)
    add_places(text, passages, result, linker, iris)
    add_meetings(text, passages, result, linker, iris)
    add_english_names(text, result)
    _forward_subjects(text, result)
    _titles_after_blocks(text, result)
    _scheme_parameters(text, result)
    attach_to_document_program(text, result.mentions, result.budgets)
    result.budgets = merge_budgets(result.budgets)
    result.observations = _observations(text, passages, vocab)
    return result


def _forward_subjects(text: str, result: Extraction) -> None:
    """「以下①、②を一体的に運用\n令和4年度予算額(案): 34億円\n令和3年度補正予算額: 347億円 … ①大学フェローシップ創設事業」:
    budget lines announced by 「以下」 belong to the program named first after them."""
    programs = sorted((m for m in result.mentions if m.type == "Program"), key=lambda m: m.start)
    for b in result.budgets:
        if b.subject_rank >= 2:
            continue
        line_start = text.rfind("\n", 0, b.start) + 1
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        while above > 0 and BUDGET_LINE.match(text[above:line_start]):  # a block of budget lines: look above it
            line_start, above = above, text.rfind("\n", 0, above - 1) + 1
        if "以下" not in text[above:line_start]:
            continue
        after = next((m for m in programs if b.end <= m.start <= b.end + 400 and _announced(text, m)), None)
        if after is not None:
            b.subject, b.subject_rank = after.key, 2


_BLOCK_TAIL = re.compile(r"^\s*(?:[(（][^)）\n]*[)）]|※[^\n]*)?\s*$")


def _titles_after_blocks(text: str, result: Extraction) -> None:
    """A slide whose title the PDF put after its budget box: 「【事業スキーム】…支援額:2百万円程度/件…事業経費:50百万円
    \n令和4年度予算額(案) 50百万円\n(前年度予算額 ー)\n※…の一部\n\n国際頭脳循環に参入する若手研究者の\n
    新たな流動モードの促進」. When a budget line that found no sure subject ends such a box and the next paragraph is a
    short title ending in a program's name, the line and the box's other weakly placed amounts belong to it."""
    programs = sorted((m for m in result.mentions if m.type == "Program"), key=lambda m: m.start)
    for b in result.budgets:
        line_start = text.rfind("\n", 0, b.start) + 1
        if b.subject_rank >= 2 or not BUDGET_LINE.match(text[line_start : b.start]):
            continue
        pos = text.find("\n", b.end)
        while pos >= 0:  # skip the box's note lines: (前年度予算額 ー), ※…の一部
            nxt = text.find("\n", pos + 1)
            line = text[pos + 1 : nxt if nxt >= 0 else len(text)]
            if not line.strip() or not _BLOCK_TAIL.match(line):
                break
            pos = nxt
        if pos < 0:
            continue
        title_end = text.find("\n\n", pos + 1)
        title = text[pos + 1 : title_end if title_end >= 0 else len(text)]
        if not title.strip() or len(title) > 60 or "。" in title or BUDGET_LABEL.search(title):
            continue
        end = pos + 1 + len(title.rstrip())
        named = next((m for m in programs if m.end == end and pos < m.start), None)
        if named is None:
            continue
        box = text.rfind("【", 0, line_start)
        for other in result.budgets:
            same_box = other is b or (box >= 0 and line_start - 400 <= box < other.start < b.start and other.subject_rank <= 1)
            if not same_box:
                continue
            other.subject, other.subject_rank = named.key, 2
            # 「事業経費:50百万円 (内訳)2百万円×20課題+事務経費10百万円」: a breakdown of the box's total is of its year;
            # a unit price (「2百万円×20課題」) is not.
            unit_price = re.match(r"\s?(?:程度)?\s?[×x/／]", text[other.end : other.end + 4]) is not None
            line_head = text[text.rfind("\n", 0, other.start) + 1 : other.start]
            if other.fiscal_year is None and not unit_price and "内訳" in line_head:
                other.fiscal_year = b.fiscal_year


_SCHEME_LINE = re.compile(r"^[\s•・○●▷]*(?:支援規模|支援額|支援金額|補助額|助成額|単価|事業規模)")
_SCHEME_REACH = 2000  # characters: the slide a scheme's parameters are on


def _scheme_parameters(text: str, result: Extraction) -> None:
    """「• 支援規模:最大7億円/年×10年」: a scheme's parameters belong to a program, not to the organisation the line
    above happens to name (「…米国カブリ財団からの約14億円の寄附」). Without a program placed surely, they go to the
    program whose budget sheet header is nearest on the slide (「世界トップレベル研究拠点プログラム(WPI) 令和4年度予算額…」)."""
    programs = {m.key for m in result.mentions if m.type == "Program"}
    headers = [m for m in result.mentions if m.type == "Program" and _budget_header(text, m)]
    for b in result.budgets:
        line = text[text.rfind("\n", 0, b.start) + 1 : b.start]
        if b.subject_rank >= 2 or b.subject in programs or not _SCHEME_LINE.match(line) or not headers:
            continue
        nearest = min(headers, key=lambda h: abs(h.start - b.start))
        if abs(nearest.start - b.start) <= _SCHEME_REACH:
            b.subject, b.subject_rank = nearest.key, 2


def _budget_header(text: str, m: Mention) -> bool:
    """A program opening its line (after a page number) with a budget amount on the same line."""
    line_end = text.find("\n", m.end)
    before = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    return (
        not before.strip(" 0123456789")
        and BUDGET_LABEL.search(text[m.end : line_end if line_end >= 0 else len(text)]) is not None
    )


def _announced(text: str, m: Mention) -> bool:
    """A program a budget block announces: not a course, not a fund named in a parenthesised note line."""
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    return not re.search(r"(?:コース|タイプ)$", m.surface) and not line.lstrip().startswith(("(", "（"))


def merge_budgets(budgets: list[Budget]) -> list[Budget]:
    """One budget line stated twice (an overview and a detail page, 「事業経費:50百万円」 and 「令和4年度予算額
    50百万円」) is one Budget with two sources; its subject is the one read most surely."""
    merged: list[Budget] = []
    for b in budgets:
        same = next((m for m in merged if _same_line_item(m, b)), None)
        if same is None:
            merged.append(b)
            continue
        same.also.append((b.passage, b.start, b.end))
        if b.subject_rank > same.subject_rank:
            same.subject, same.subject_rank = b.subject, b.subject_rank
        same.fiscal_year = same.fiscal_year or b.fiscal_year
        same.status = same.status or b.status
    return merged


def _same_line_item(a: Budget, b: Budget) -> bool:
    if (a.value, a.currency) != (b.value, b.currency):
        return False
    if a.fiscal_year and a.fiscal_year == b.fiscal_year:
        return a.status == b.status or not (a.status and b.status)
    # Without a year on both sides, only the same subject makes it the same line.
    return a.subject is not None and a.subject == b.subject and not (a.fiscal_year and b.fiscal_year)


def _observations(text: str, passages: list[Passage], vocab: Vocabulary) -> list[Observation]:
    import bisect

    starts = [p.start for p in passages]
    out = []
    for n, table in enumerate(find_tables(text, vocab)):
        for c in table.cells:
            i = max(0, bisect.bisect_right(starts, c.start) - 1)
            if not passages or not passages[i].start <= c.start < passages[i].end:
                continue  # a cell outside every passage cannot be cited
            out.append(
                Observation(
                    n, table.caption, c.row, c.column, str(c.value), c.unit, passages[i].index, c.start, c.end, c.country, c.year
                )
            )
    return out


def _link_spans(spans: list[_Span], linker: Linker, result: Extraction) -> None:
    by_start: dict[int, str] = {}
    by_end: dict[int, tuple[str, int]] = {}  # events by end offset: an abbreviation may follow in parentheses
    for span in spans:
        if span.source == "pattern-abbr":
            target = by_start.get(span.alias_of or -1)
            if target is None:  # its name was overruled by a longer curated match: link to what ends there
                continue
            linker.learn_alias(span.surface, target)
            result.entities[target].alt_labels.append((span.surface, "en"))
            result.mentions.append(
                Mention(span.start, span.end, span.surface, result.entities[target].type, span.passage, target, "pattern")
            )
            continue
        if span.source in ("event", "event-row"):
            date, name = span.date, span.name or span.surface
            slug = slugify(f"{name}-{date.iso}" if date else name)
            iri = linker.iris.entity("Event", slug)
            # 「第8回アフリカ開発会議(TICAD8)」: an event's abbreviation in parentheses names the same event.
            named = by_end.get(span.start - 1)
            if named is not None and span.passage == named[1] and result.entities[named[0]].type == "Event":
                iri = named[0]
                result.entities[iri].alt_labels.append((span.surface, "en" if span.surface.isascii() else "ja"))
            entity = result.entities.get(iri)
            if entity is None:
                labels, source = linker.labels_with_source(name)
                entity = Entity(iri=iri, type="Event", labels=labels, label_source=source)
            if date is not None:
                result.event_dates[iri] = date
        else:
            entity = linker.entity_by_iri(span.iri) if span.iri else linker.entity_for(span.type, span.surface)
        if entity is None:
            result.problems.append(Problem("link", f"unlinked {span.type} {span.surface!r}", span.passage))
            continue
        result.entities.setdefault(entity.iri, entity)
        result.mentions.append(Mention(span.start, span.end, span.surface, entity.type, span.passage, entity.iri, span.source))
        by_start[span.start] = entity.iri
        if span.source == "event":
            by_end[span.end] = (entity.iri, span.passage)
    # A curated name followed by (ABBR): the abbreviation is an alias too (handled by the gazetteer when known).


_UNIT_AFTER = re.compile(
    r"[ \t\u3000]?(?:[(（][A-Za-z]{2,10}[)）])?[ \t\u3000]?"  # on the same line: a unit on the next line may be anyone's
    r"(?P<unit>[\u30a0-\u30ff\u3400-\u9fff・]{1,12}?(?:部|局|課|室|本部|事務局|部会|分科会))"
    r"(?![\u3400-\u9fff])"
)
_UNIT_SUFFIX = re.compile(r"(?:委員会|部会|分科会|部|局|課|室|本部|事務局|センター|研究所)$")


def _organisation_units(text: str, passage: Passage, gazetteer: Gazetteer, linker: Linker, result: Extraction,
                        iris: Iris) -> None:  # fmt: skip
    """Units of organisations: 「科学技術振興機構(JST) 国際部」 is a unit of JST, and 「科学技術・学術審議会
    国際戦略委員会」 is a committee of the council its name begins with. Each unit is partOf its parent."""
    part_of = str(iris.ont.partOf)
    here = [m for m in result.mentions if m.passage == passage.index and m.type in ("Agency", "Organization", "Council",
                                                                                 "University", "ResearchInstitute")]  # fmt: skip
    for m in here:
        unit = _UNIT_AFTER.match(text, m.end, passage.end)
        if unit and not is_generic(unit.group("unit")) and not any(o.start == unit.start("unit") for o in here):
            parent = result.entities[m.key]
            name = f"{parent.labels.get('ja', m.surface)} {unit.group('unit')}"
            entity = linker.entity_for("Organization", name)
            if entity is not None and parent.labels.get("en"):  # "International Department, Japan Science and …"
                unit_en, source = linker.labels_with_source(unit.group("unit"))
                if unit_en.get("en"):
                    entity.labels["en"], entity.label_source = f"{unit_en['en']}, {parent.labels['en']}", source
            if entity is not None:
                result.entities.setdefault(entity.iri, entity)
                s, e = unit.start("unit"), unit.end("unit")
                result.mentions.append(Mention(s, e, unit.group("unit"), entity.type, passage.index, entity.iri, "rules:unit"))
                result.facts.append(Fact(entity.iri, part_of, m.key, passage.index, m.start, e, extractor="rules:partOf"))
        if _UNIT_SUFFIX.search(m.surface):
            inner = [h for h in gazetteer.find(m.surface[:-1], m.start) if h.start == m.start and h.type in rel.ORG_TYPES]
            if inner and inner[0].iri != m.key:
                parent_iri = inner[0].iri
                result.entities.setdefault(parent_iri, linker.entity_by_iri(parent_iri))
                result.mentions.append(Mention(m.start, inner[0].end, text[m.start : inner[0].end], inner[0].type,
                                               passage.index, parent_iri, "rules:unit"))  # fmt: skip
                result.facts.append(Fact(m.key, part_of, parent_iri, passage.index, m.start, m.end, extractor="rules:partOf"))


_PAIRING = ("・", "と", "-", "－", "‐", "=")


def _paired(text: str, start: int, end: int) -> bool:
    return text[end : end + 1] in _PAIRING or text[max(0, start - 1) : start] in _PAIRING


def _places_named(name: str, gazetteer: Gazetteer, vocab: Vocabulary) -> set[str]:
    """Countries and regions a name pairs, whole (日本・アフリカ, 日・北欧) or as compound kanji (日印 → Japan,
    India). A place that is the topic (アフリカ開発会議, 日本留学説明会, インド同窓会) is not a party."""
    hits = [
        h
        for h in gazetteer.find_all(name)
        if h.type in _PLACES and (_paired(name, h.start, h.end) or name[h.start - 1 : h.start] == "日")
    ]
    places = {h.iri for h in hits}
    places |= {span.iri for span in _country_compounds(name, 0, 0, vocab) if span.iri}
    # 日・ケニア, 日・北欧: 日 before a middle dot and a place is Japan.
    if "日" in vocab.country_abbr and any(name[max(0, h.start - 2) : h.start] == "日・" for h in hits):
        places.add(vocab.country_abbr["日"])
    return places


def _event_spans(passage: Passage) -> list[_Span]:
    spans = []
    for s, e in rel.sentences(passage):
        sentence = passage.text[s - passage.start : e - passage.start]
        for ev in find_events(sentence, s):
            surface = passage.text[ev.start - passage.start : ev.end - passage.start]
            spans.append(_Span(ev.start, ev.end, "Event", surface, None, "event", passage.index, date=ev.date, name=ev.name))
    return spans


# A series the document names in quotes (「日印大学等フォーラム」を開催) and a table of its editions:
# 「回 開催日・場所 …\n第一回 2023年1月23日 東京 …第二回 2023年9月30日 京都 …」.
_QUOTED_SERIES = re.compile(
    r"「([^「」\n]{2,30}?(?:フォーラム|会議|シンポジウム|ミーティング|サミット|交流会))」(?=を開催|が開催|は)"
)
_EDITION_ROW = re.compile(r"第(?:[一二三四五六七八九十]+|\d+)回(?=\s*\d{4}年\d{1,2}月(?:\d{1,2}日)?)")


def _edition_spans(text: str, passage: Passage, series: list[tuple[int, str]]) -> list[_Span]:
    """Editions listed in a table under the series they belong to, each with the date of its row."""
    spans = []
    for m in _EDITION_ROW.finditer(passage.text):
        at = passage.start + m.start()
        named = [name for start, name in series if at - 1500 <= start < at]
        if not named:
            continue
        row = passage.text[m.end() : m.end() + 40]
        date = next((d for d in find_dates(row) if d.month and not d.fiscal), None)
        spans.append(_Span(at, at + len(m.group(0)), "Event", m.group(0), None, "event-row", passage.index, date=date,
                           name=m.group(0) + named[-1]))  # fmt: skip
    return spans


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
    return [m for m in here if m.type in _PLACES and any(a <= m.start and m.end <= b for a, b in sides)]


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
                if m.type in rel.ORG_TYPES and any(
                    o.type in rel.ORG_TYPES and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                    for o in sentence
                ):
                    continue  # 米国国土安全保障省 inside 米国国土安全保障省科学技術局: the unit takes part, not the whole
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
                if inside and m.type in _PLACES and not _paired(passage.text, m.start - passage.start, m.end - passage.start):
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
        if m.type in _PLACES or m.type in rel.ORG_TYPES:
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


def _title_operator(text: str, passages: list[Passage], by_passage: dict[int, list[Mention]], facts: list[Fact],
                    op: str, part_of: str) -> list[Fact]:  # fmt: skip
    """A document an agency titles with its own name (「JSTの国際青少年交流」, 「日本学術振興会第5期…における国際関係
    事業の…総合指針」) presents that agency's work: the programs it names with no operator stated elsewhere are run
    by it, and the organisational units it names with no parent (国際統括本部, 海外研究連絡センター) are its own."""
    if not passages:
        return []
    head_end = min(len(text), passages[0].start + 300)
    head = [m for ms in by_passage.values() for m in ms if m.start < head_end and m.type == "Agency"]
    # The title line starts with the agency and goes on (a line holding only the agency is the publisher line).
    agency = next((m for m in head if _title_line(text, m)), None)
    if agency is None:
        return []
    line_end = text.find("\n", agency.start)
    evidence = (passages[0].index, agency.start, line_end if line_end >= 0 else len(text))
    # Programs and sub-programs, not courses: a course (…コース) is run through its program.
    skip = {f.subject for f in facts if f.predicate == op}
    skip |= {f.subject for f in facts if f.predicate.endswith("#subProgramOf") and rel.is_part_name(f.subject, by_passage)}
    has_parent = {f.subject for f in facts if f.predicate == part_of}
    mentions = [m for ms in by_passage.values() for m in ms]
    programs = {m.key for m in mentions if m.type == "Program" and m.key not in skip}
    units = {
        m.key
        for m in mentions
        if m.type in rel.ORG_TYPES
        and _UNIT_SUFFIX_OWN.search(m.surface)
        and not _NOT_OWN_UNIT.search(m.surface)  # a research centre or a ministry's office is someone else's
        and m.key not in has_parent
    }
    return [Fact(k, op, agency.key, *evidence, extractor="rules:titleOperator") for k in sorted(programs)] + [
        Fact(k, part_of, agency.key, *evidence, extractor="rules:titleUnit") for k in sorted(units - {agency.key})
    ]


_UNIT_SUFFIX_OWN = re.compile(r"(?:本部|センター|事務局|部|室|課)$")
_NOT_OWN_UNIT = re.compile(r"(?:研究センター|研究所|府|省|庁)")


def _title_line(text: str, agency: Mention) -> bool:
    """The agency starts a line and the line goes on as a title (「日本学術振興会第5期…」「JSTの…」), not as the
    sender's address (「文部科学省 科学技術・学術政策局」) or the agency alone."""
    line_end = text.find("\n", agency.end)
    rest = text[agency.end : line_end if line_end >= 0 else len(text)]
    at_line_start = text.rfind("\n", 0, agency.start) + 1 == agency.start
    return at_line_start and bool(rest) and not rest[0].isspace() and not _UNIT_SUFFIX_OWN.search(rest.rstrip())


def _agency_in_names(ms: list[Mention], gazetteer: Gazetteer, rel_iri: str, passage: int, s: int, e: int) -> list[Fact]:
    """A program whose name begins with an agency's name is that agency's (NSF Global Centers, JSPS 国際共同研究)."""
    facts = []
    for m in ms:
        if m.type != "Program":
            continue
        lead = [h for h in gazetteer.find_all(m.surface) if h.start == 0 and h.type in rel.ORG_TYPES]
        if lead and lead[0].iri != m.key:
            facts.append(Fact(m.key, rel_iri, lead[0].iri, passage, s, e, extractor="rules:operatedBy(name)"))
    return facts


_FUNDING_NOTE = re.compile(r"^[(（][^()（）\n]{0,4}(?P<body>.{2,40}?(?:運営費交付金|基金|補助金)(?:の内数|中の推計額)?)[)）]\s*$")


def _funding_notes(text: str, result: Extraction, rel_iri: str) -> list[Fact]:
    """A budget line's note 「(日本学術振興会(JSPS)の運営費交付金の内数)」「(科学技術振興機構(JST)創発的研究推進基金)」
    says whose grant or fund pays for the program: that agency runs it."""
    facts = []
    agencies = [m for m in result.mentions if m.type == "Agency"]
    for b in result.budgets:
        subject = result.entities.get(b.subject or "")
        if subject is None or subject.type != "Program":
            continue
        for _passage, _start, end in [(b.passage, b.start, b.end), *b.also]:
            # the note stands on one of the two lines after the amount
            line_start = text.find("\n", end) + 1
            for _ in range(3):
                line_end = text.find("\n", line_start)
                line_end = len(text) if line_end < 0 else line_end
                if _FUNDING_NOTE.match(text[line_start:line_end]):
                    payer = next((a for a in agencies if line_start <= a.start < line_end), None)
                    if payer is not None:
                        facts.append(
                            Fact(
                                subject.iri,
                                rel_iri,
                                payer.key,
                                payer.passage,
                                line_start,
                                line_end,
                                extractor="rules:operatedBy(fund)",
                            )
                        )
                    break
                if text[line_start:line_end].strip():
                    break
                line_start = line_end + 1
    return facts


def _agency_part(ms: list[Mention], rel_iri: str, passage: int, s: int, e: int) -> list[Fact]:
    """「AMED SICORP」 is AMED's part of SICORP."""
    parts = [m for m in ms if m.source == "pattern:agency-program"]
    return [
        Fact(part.key, rel_iri, whole.key, passage, s, e, extractor="rules:subProgramOf(agency)")
        for part in parts
        for whole in ms
        if whole.type == "Program" and whole.key != part.key and part.start < whole.start and whole.end <= part.end
    ]


_CERTIFY = re.compile(
    r"が(?P<object>[^、。を]{2,20})を(?P<status>[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{2,20})に(?:認定|選定|指定)"
)


def _certifier(text: str, s: int, e: int, ms: list[Mention], systems: dict[str, str], op: str, passage: int) -> list[Fact]:
    """「文部科学大臣が東北大学を国際卓越研究大学に認定」: the body that certifies runs the system of that status
    (国際卓越研究大学制度), when the document names such a system (``systems``: programs by Japanese name)."""
    facts = []
    for m in _CERTIFY.finditer(text, s, e):
        actor = next((o for o in ms if o.type in rel.ORG_TYPES and o.end == m.start()), None)
        program = next(
            (systems[n] for n in (m.group("status") + x for x in ("制度", "事業", "プログラム")) if n in systems), None
        )
        if actor is not None and program is not None:
            facts.append(Fact(program, op, actor.key, passage, s, e, extractor="rules:operatedBy(certifies)"))
    return facts


def _places_in_names(ms: list[Mention], gazetteer: Gazetteer, rel_iri: str, passage: int, s: int, e: int,
                     japan: str) -> list[Fact]:  # fmt: skip
    """A curated program whose name holds a place (インド大学生招へいプログラム) partners with it, and any program
    whose name pairs Japan with a country in one-kanji compounds (日米医学協力計画 → United States)."""
    facts = []
    for m in ms:
        if m.type != "Program":
            continue
        places = {h.iri for h in gazetteer.find_all(m.surface) if h.type in _PLACES} if m.source == "gazetteer" else set()
        places |= {span.iri for span in _country_compounds(m.surface, 0, 0, gazetteer.vocab) if span.iri}
        for iri in sorted(places - {japan}):
            facts.append(Fact(m.key, rel_iri, iri, passage, s, e, extractor="rules:partnerCountry"))
    return facts


def _relations(text: str, passages: list[Passage], result: Extraction, iris: Iris, gazetteer: Gazetteer) -> None:
    ont = iris.ont
    japan = iris.entity("Country", "JP")
    by_passage: dict[int, list[Mention]] = {}
    events = [m for m in result.mentions if m.type == "Event"]
    for m in result.mentions:
        # A place inside an event's name (日印首脳会談) is who met, not a program's partner.
        inside_event = m.type in _PLACES and any(ev.start <= m.start and m.end <= ev.end for ev in events)
        if m.type != "Event" and not inside_event:
            by_passage.setdefault(m.passage, []).append(m)
    facts: list[Fact] = []
    systems = {x.labels["ja"]: iri for iri, x in result.entities.items() if x.type == "Program" and x.labels.get("ja")}
    programs_in_order = sorted((m for ms in by_passage.values() for m in ms if m.type == "Program"), key=lambda m: m.start)
    rels = {"operatedBy": str(ont.operatedBy), "partnerCountry": str(ont.partnerCountry)}
    current: Mention | None = None  # the program whose numbered heading the text is under
    page: Mention | None = None  # the program a budget sheet's page is about (「SICORP 令和4年度予算額(案)…」)
    for passage in passages:
        ms = by_passage.get(passage.index, [])
        heading = [m for m in ms if m.type == "Program" and m.start < passage.start + len(passage.section) and passage.section]
        earlier = [m for m in programs_in_order if m.end <= passage.start]
        facts += rel.section_courses(passage, ms, heading, str(ont.subProgramOf), page, earlier)
        for s, e in rel.sentences(passage):
            sentence = [m for m in ms if s <= m.start < e]
            page = rel.page_program(text, s, e, sentence) or page
            # A numbered heading line starts (or ends) the block a program's bullets belong to.
            line_heading = rel.heading_program(text[s:e], s, sentence) if text.rfind("\n", 0, s) + 1 == s else False
            if line_heading is not False:
                current = line_heading if isinstance(line_heading, Mention) else None
            elif current is not None or page is not None:
                # Bullets under a numbered program heading, else on a program's budget sheet page, speak of it.
                subject, strict = (current, False) if current is not None else (page, True)
                facts += rel.implicit_subject(text, s, e, sentence, subject, rels, passage.index, japan, strict)
            if page is not None and current is None:
                facts += rel.page_calls(text, s, e, sentence, page, str(ont.subProgramOf), passage.index)
            facts += rel.operated_by(text, s, e, sentence, str(ont.operatedBy), passage.index)
            # In a sentence reporting an event (「…大臣会合を開催し、…の担当大臣が…共同声明に署名した」) the places are
            # who met, not the partners of a program it mentions.
            if not any(s <= ev.start < e for ev in events):
                facts += rel.partner_country(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
                facts += rel.named_partners(s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += _places_in_names(sentence, gazetteer, str(ont.partnerCountry), passage.index, s, e, japan)
            facts += _agency_in_names(sentence, gazetteer, str(ont.operatedBy), passage.index, s, e)
            facts += rel.place_labels_program(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += rel.described_partners(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += rel.sub_program(text, s, e, sentence, str(ont.subProgramOf), passage.index)
            facts += rel.listed_categories(text, s, e, sentence, str(ont.subProgramOf), passage.index)
            facts += _certifier(text, s, e, sentence, systems, str(ont.operatedBy), passage.index)
            facts += _agency_part(sentence, str(ont.subProgramOf), passage.index, s, e)
            facts += rel.part_of(text, s, e, sentence, str(ont.partOf), passage.index)
            facts += rel.set_up(text, s, e, sentence, str(ont.partOf), passage.index)
    all_mentions = [m for ms in by_passage.values() for m in ms]
    facts += rel.section_tree(text, all_mentions, str(ont.subProgramOf))
    facts += rel.course_programs(facts, all_mentions, str(ont.subProgramOf))
    facts += _title_operator(text, passages, by_passage, facts, str(ont.operatedBy), str(ont.partOf))
    facts += _funding_notes(text, result, str(ont.operatedBy))
    seen: set[tuple[str, str, str]] = set()
    for f in facts:  # one fact per triple and sentence
        key = (f.subject, f.predicate, str(f.obj) + str(f.start))
        if key not in seen:
            seen.add(key)
            result.facts.append(f)
