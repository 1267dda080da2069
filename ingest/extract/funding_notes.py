"""Whose grant or fund pays for a program: 「(日本学術振興会(JSPS)の運営費交付金の内数)」
「(科学技術振興機構(JST)創発的研究推進基金)」 on one of the two lines after a program's budget amount.

Reads result.budgets whose subject is a program, the lines after each amount and the Agency mentions on them;
writes relation_facts: operatedBy (rules:operatedBy(fund)).
"""

from __future__ import annotations

import re

from ingest.extract.cost_heads import without_heads
from ingest.extract.pipeline import Component, State
from ingest.records import Extraction, Fact

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


def _finish(state: State) -> None:
    facts = _funding_notes(state.text, state.result, str(state.iris.ont.operatedBy))
    state.relation_facts += without_heads(state, facts)  # 拠点運営費, 一般会計: money, not a program anyone runs


COMPONENT = Component(
    "funding_notes",
    reads="result.budgets (of programs), note lines after them, Agency mentions, the cost heads (cost_heads)",
    writes="relation_facts: operatedBy (rules:operatedBy(fund))",
    doc=__doc__ or "",
    finish=_finish,
)
