"""A document an agency titles with its own name presents that agency's work.

「JSTの国際青少年交流」「日本学術振興会第5期…における国際関係事業の…総合指針」: the programs it names with no
operator stated elsewhere are run by that agency, and the organisational units it names with no parent
(国際統括本部, 海外研究連絡センター) are its own. Reads the title line (an Agency mention starting the first
lines and going on as a title), the mentions and the relation facts so far; writes relation_facts (operatedBy,
partOf).
"""

from __future__ import annotations

import re

from ingest.extract import relations as rel
from ingest.extract.cost_heads import without_heads
from ingest.extract.pipeline import Component, State
from ingest.records import Fact, Mention, Passage


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


def _finish(state: State) -> None:
    ont = state.iris.ont
    by_passage = rel.mentions_by_passage(state.result)
    facts = _title_operator(state.text, state.passages, by_passage, state.relation_facts, str(ont.operatedBy), str(ont.partOf))
    state.relation_facts += without_heads(state, facts)  # 拠点運営費, 一般会計: money, not a program anyone runs


COMPONENT = Component(
    "title_operator",
    reads="title line, result.mentions, relation_facts so far, the cost heads (cost_heads)",
    writes="relation_facts: operatedBy, partOf (rules:titleOperator, rules:titleUnit)",
    doc=__doc__ or "",
    finish=_finish,
)
