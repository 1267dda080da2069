"""Stage 5: passages → mentions, entities, facts and budgets, each with the span that states it.

Components run in a fixed order and the later ones never override the earlier ones on the same span:
1. gazetteer (curated names, exact), 2. country compounds (日米 → Japan + US), 3. pattern rules for
names not in the vocabularies (NAME(ABBR), 「…プログラム」), 4. GiNZA NER filtered to plausible names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import find_dates
from ingest.extract.amounts import find_amounts
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.ner import ginza_entities
from ingest.link import Linker
from ingest.records import Budget, Extraction, Fact, Mention, Passage, Problem
from ingest.vocab import Vocabulary
from kg.iris import Iris

_PROGRAM_SUFFIX = r"(?:プログラム|事業|制度|基金|イニシアティブ|計画|Programme|Program|Initiative)"
_NAMED_ABBR = re.compile(
    rf"(?P<name>[^\s「」『』()、。:*]{{3,40}}?{_PROGRAM_SUFFIX})\s?\((?P<abbr>[A-Za-z][A-Za-z0-9\-]{{1,11}})\)"
)
_QUOTED_PROGRAM = re.compile(rf"[「『](?P<name>[^「」『』\n]{{3,40}}?{_PROGRAM_SUFFIX})[」』]")
_STATUS = (("予算額(案)", "budget request"), ("予算案", "budget request"), ("概算要求", "budget request"),
           ("補正予算", "supplementary budget"), ("予算額", "budget"), ("実績", "actual"), ("決算", "actual"))  # fmt: skip


@dataclass
class _Span:
    start: int
    end: int
    type: str
    surface: str
    iri: str | None
    source: str
    passage: int


def _overlaps(a: _Span, taken: list[_Span]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in taken)


def _country_compounds(text: str, offset: int, passage: int, vocab: Vocabulary) -> list[_Span]:
    """日米, 日印, 日ASEAN: a run of one-kanji country abbreviations starting with 日 names each country."""
    if not vocab.country_abbr:
        return []
    chars = "".join(re.escape(c) for c in vocab.country_abbr)
    pattern = re.compile(rf"日(?:[{chars}])+(?=[間首協共合関交連科政両の・]|ASEAN)|日(?=ASEAN)")
    spans = []
    for m in pattern.finditer(text):
        for i, ch in enumerate(m.group(0)):
            iri = vocab.country_abbr.get(ch)
            if iri:
                s = offset + m.start() + i
                spans.append(_Span(s, s + 1, "Country", ch, iri, "compound", passage))
    return spans


def _pattern_names(text: str, offset: int, passage: int) -> list[_Span]:
    spans = []
    for m in _NAMED_ABBR.finditer(text):
        s, e = offset + m.start("name"), offset + m.end("name")
        spans.append(_Span(s, e, "Program", m.group("name"), None, "pattern", passage))
        spans.append(
            _Span(offset + m.start("abbr"), offset + m.end("abbr"), "Program", m.group("abbr"), None, "pattern-abbr", passage)
        )
    for m in _QUOTED_PROGRAM.finditer(text):
        spans.append(
            _Span(offset + m.start("name"), offset + m.end("name"), "Program", m.group("name"), None, "pattern", passage)
        )
    return spans


def extract(text: str, passages: list[Passage], vocab: Vocabulary, iris: Iris, use_ginza: bool = True) -> Extraction:
    """Run every extractor over the passages of one normalized document text."""
    gazetteer = Gazetteer(vocab)
    linker = Linker(vocab, iris)
    result = Extraction()
    ginza = ginza_entities([p.text for p in passages]) if use_ginza else [[] for _ in passages]
    for passage, ginza_ents in zip(passages, ginza, strict=True):
        taken: list[_Span] = []
        candidates = [
            *(
                _Span(h.start, h.end, h.type, text[h.start : h.end], h.iri, "gazetteer", passage.index)
                for h in gazetteer.find(passage.text, passage.start)
            ),
            *_country_compounds(passage.text, passage.start, passage.index, vocab),
            *_pattern_names(passage.text, passage.start, passage.index),
            *(_Span(passage.start + s, passage.start + e, t, surf, None, "ginza", passage.index) for s, e, t, surf in ginza_ents),
        ]
        for span in candidates:
            if not _overlaps(span, taken):
                taken.append(span)
        _link_spans(sorted(taken, key=lambda s: s.start), linker, result)
        result.budgets += _budgets(text, passage, result.mentions, iris)
    _relations(text, passages, result, iris)
    return result


def _link_spans(spans: list[_Span], linker: Linker, result: Extraction) -> None:
    pending_abbr: dict[int, str] = {}
    for span in spans:
        if span.source == "pattern-abbr" and span.start in pending_abbr:
            entity = linker.entity_by_iri(pending_abbr[span.start]) if pending_abbr[span.start] in linker.vocab.entries else None
            iri = pending_abbr[span.start]
            linker.learn_alias(span.surface, iri)
            result.mentions.append(Mention(span.start, span.end, span.surface, span.type, span.passage, iri, "pattern"))
            if entity is None and iri in result.entities:
                result.entities[iri].alt_labels.append((span.surface, "en"))
            continue
        entity = linker.entity_by_iri(span.iri) if span.iri else linker.entity_for(span.type, span.surface)
        if entity is None:
            result.problems.append(Problem("link", f"unlinked {span.type} {span.surface!r}", span.passage))
            continue
        result.entities.setdefault(entity.iri, entity)
        result.mentions.append(Mention(span.start, span.end, span.surface, entity.type, span.passage, entity.iri, span.source))
        # NAME(ABBR): the abbreviation right after a name is that name's alias in this document.
        pending_abbr[span.end + 1] = entity.iri
        pending_abbr[span.end + 2] = entity.iri


def _budgets(text: str, passage: Passage, mentions: list[Mention], iris: Iris) -> list[Budget]:
    """Amounts with their fiscal year (nearest 年度 before, else a note for the whole passage) and subject."""
    budgets = []
    dates = find_dates(passage.text)
    fiscal = [d for d in dates if d.fiscal]
    note = re.search(r"※いずれも.{0,12}?年度", passage.text)
    subjects = [m for m in mentions if m.passage == passage.index and m.type in ("Program", "Agency")]
    for amount in find_amounts(passage.text):
        start, end = passage.start + amount.start, passage.start + amount.end
        line_start = passage.text.rfind("\n", 0, amount.start) + 1
        before = [d for d in fiscal if d.end <= amount.start and d.start >= line_start - 200]
        year = before[-1].year if before else None
        if year is None and note:
            year = next((d.year for d in fiscal if d.start >= note.start()), None)
        subject = next((m for m in reversed(subjects) if m.end <= start and m.start >= passage.start + line_start), None)
        context = passage.text[max(0, amount.start - 30) : amount.end + 15]
        status = next((label for marker, label in _STATUS if marker in context), "")
        digest = f"{passage.doc_id}-{start}-{end}"
        budgets.append(
            Budget(
                iri=iris.entity("Budget", digest),
                value=str(amount.value),
                currency=amount.currency,
                fiscal_year=year,
                subject=subject.key if subject else None,
                stated_as=amount.surface,
                passage=passage.index,
                start=start,
                end=end,
                status=status,
            )
        )
    return budgets


def _relations(text: str, passages: list[Passage], result: Extraction, iris: Iris) -> None:
    """First relations: a program and the agency named in the same sentence as its operator."""
    by_passage: dict[int, list[Mention]] = {}
    for m in result.mentions:
        by_passage.setdefault(m.passage, []).append(m)
    op = str(iris.ont.operatedBy)
    for passage in passages:
        ms = by_passage.get(passage.index, [])
        for sent in re.finditer(r"[^。\n]+", passage.text):
            s, e = passage.start + sent.start(), passage.start + sent.end()
            programs = [m for m in ms if s <= m.start < e and m.type == "Program"]
            agencies = [m for m in ms if s <= m.start < e and m.type == "Agency"]
            if len(agencies) != 1 or not programs:
                continue
            agency = agencies[0]
            sentence = text[s:e]
            # 「JSTが…プログラムを実施」 / 「JSTの…事業」 / 「…事業(JST)」
            if (
                re.search(
                    r"(?:が|は|の|による|において).{0,60}?(?:実施|運営|開始|推進|支援|事業|プログラム)",
                    sentence[agency.end - s :],
                )
                or text[agency.start - 1 : agency.start] == "("
            ):
                for program in programs:
                    if program.key != agency.key:
                        result.facts.append(Fact(program.key, op, agency.key, passage.index, s, e, extractor="rules:operatedBy"))
