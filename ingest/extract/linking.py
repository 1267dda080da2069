"""Candidate spans → mentions and entities: which spans are taken, and what each one names.

Reads the current passage's candidate spans in pipeline order (earlier components take precedence on the same
text); writes ``result.mentions``, ``result.entities``, ``result.event_dates``, link problems, and the linker's
learnt aliases. A span is dropped when it is the tail of a name a line or page break cut, or when it overlaps
one taken before it, unless it may nest there (a name holding place names, an event holding what it is about).
Every component after it reads mentions, so it cannot be disabled.
"""

from __future__ import annotations

import re

from ingest.extract.names import wrapped_tail
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import LOCAL_GOVERNMENT, PLACES, Span, owned_by_local
from ingest.link import Linker
from ingest.records import Entity, Extraction, Mention, Problem
from kg.iris import slugify

_LOCAL_OWNED = ("Organization", "Council", "Agency", "ResearchInstitute", "Program")


def accepts(a: Span, taken: list[Span]) -> bool:
    """A span is taken unless it overlaps an earlier one; a name may contain place names (ノルウェー研究会議,
    日・北欧量子科学協働プログラム) and an event the series or programs it is about (第一回日印大学等フォーラム):
    those stay as nested mentions of their own."""
    # 「基盤研究(S・A)」 names two programs with one span: enumerated variants do not exclude each other.
    conflicts = [b for b in taken if a.start < b.end and b.start < a.end and not (a.source == b.source == "enumerated")]
    if not conflicts:
        return True
    # An event, or a name the document confirms (quoted, abbreviated, repeated), may hold curated names:
    # 「国際卓越研究大学研究等体制強化計画」 is not 「国際卓越研究大学」.
    confirmed = (
        "pattern:repeated", "pattern:agency-program", "pattern:whole", "pattern:budget-item", "pattern:sheet-topic",
        "pattern:project", "pattern:column",
    )  # fmt: skip
    # A law's name holds the bodies it governs (国立研究開発法人科学技術振興機構に関する省令).
    holds_names = a.type == "Event" or (a.type == "Law" and a.source == "pattern") or a.source in confirmed
    held = ("Event", "Program", "Agency", "Organization", "University", "Council", "Law", "Ordinance") if holds_names else ()
    if a.type == "Law":  # 「…地方公共団体及び[known law]」: a law known inside a law found by shape is the law meant
        # …and a local ordinance opens with the prefecture or municipality that made it (熊本県…条例)
        held = tuple(t for t in held if t not in ("Law", "Ordinance")) + ("Prefecture", "Municipality")
    nestable = PLACES + held
    # 「宮城県先端放射光利活用推進審議会」「熊本県産業技術センター」: a prefecture or municipality opening a body's or
    # a program's name is whose it is, part of the name
    # (not an address, 「静岡県焼津市」, nor the government's office or money, 「長野県庁」「熊本県負担金」)
    owned = a.type in _LOCAL_OWNED and sum(b.type in LOCAL_GOVERNMENT for b in conflicts) == 1
    conflicts = [
        b
        for b in conflicts
        if not (owned and b.type in LOCAL_GOVERNMENT and b.start == a.start and owned_by_local(a.surface[b.end - a.start :]))
    ]
    return a.type not in PLACES and all(
        b.type in nestable and a.start <= b.start and b.end <= a.end and (b.end - b.start) < (a.end - a.start) for b in conflicts
    )


def _link_spans(spans: list[Span], linker: Linker, result: Extraction) -> None:
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
            if entity is not None and span.source == "event:quoted" and span.name and entity.labels.get("ja") != span.name:
                # 「「…連携協定」の協定締結式」: the event is the instrument's ceremony; the instrument stays a name of it.
                entity.alt_labels.append((entity.labels.get("ja", span.surface), "ja"))
                english = entity.labels.get("en")
                entity.labels = {"ja": span.name, **({"en": f"{english} signing ceremony"} if english else {})}
        if entity is None:
            result.problems.append(Problem("link", f"unlinked {span.type} {span.surface!r}", span.passage))
            continue
        result.entities.setdefault(entity.iri, entity)
        result.mentions.append(Mention(span.start, span.end, span.surface, entity.type, span.passage, entity.iri, span.source))
        by_start[span.start] = entity.iri
        if span.source == "event":
            by_end[span.end] = (entity.iri, span.passage)


def _cut_by_passage_end(state: State, span: Span) -> bool:
    """A name ending its passage where the next line goes on with a word (「…州立大学」 / 「ボストン校 …」) may be
    the head of a longer name the passage split: only a curated name is trusted there."""
    end = state.passage.end
    return span.end == end and re.match(r"\n[\u3005\u30a1-\u30fa\u30fc\u3400-\u9fff]", state.text[end : end + 2]) is not None


def _link(state: State) -> None:
    taken: list[Span] = []
    for span in state.spans:
        if span.source != "gazetteer" and wrapped_tail(state.text, span.start):
            continue  # 「統合イノ\n\nベーション戦略2021」: the tail of a name a line or page break cut
        if span.source != "gazetteer" and _cut_by_passage_end(state, span):
            continue
        if accepts(span, taken):
            if span.type == "Program" and span.source == "pattern:whole":
                # 「アフリカ・…研究拠点形成事業」: a program's name ending in a curated one's is not a mention of it.
                taken = [t for t in taken if not (t.type == "Program" and t.end == span.end and t.start > span.start)]
            taken.append(span)
    _link_spans(sorted(taken, key=lambda s: s.start), state.linker, state.result)


COMPONENT = Component(
    "linking",
    reads="spans of the current passage, linker (vocabulary, IRIs)",
    writes="result.mentions, result.entities, result.event_dates, result.problems (link)",
    doc=__doc__ or "",
    passage=_link,
    required=True,
)
