"""Budget lines announced by 「以下」 belong to the program named first after them.

「以下①、②を一体的に運用\n令和4年度予算額(案): 34億円\n令和3年度補正予算額: 347億円 … ①大学フェローシップ創設事業」.
Reads result.budgets without a sure subject, the lines above them and the Program mentions after them;
writes the budgets' subject (rank 2).
"""

from __future__ import annotations

import re

from ingest.extract.budgets import BUDGET_LINE
from ingest.extract.pipeline import Component, State
from ingest.records import Mention

# 「以下①、②を…」 announces the programs below; 「概要は以下のとおり」 only says a list follows (its lines are about the
# program already named: budgets._to_listed_program).
_ANNOUNCES = re.compile(r"以下(?!の(?:とおり|通り))")


def _forward_subjects(state: State) -> None:
    """「以下①、②を一体的に運用\n令和4年度予算額(案): 34億円\n令和3年度補正予算額: 347億円 … ①大学フェローシップ創設事業」:
    budget lines announced by 「以下」 belong to the program named first after them."""
    text, result = state.text, state.result
    programs = sorted((m for m in result.mentions if m.type == "Program"), key=lambda m: m.start)
    for b in result.budgets:
        if b.subject_rank >= 2:
            continue
        line_start = text.rfind("\n", 0, b.start) + 1
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        while above > 0 and BUDGET_LINE.match(text[above:line_start]):  # a block of budget lines: look above it
            line_start, above = above, text.rfind("\n", 0, above - 1) + 1
        if not _ANNOUNCES.search(text, above, line_start):
            continue
        after = next((m for m in programs if b.end <= m.start <= b.end + 400 and _announced(text, m)), None)
        if after is not None:
            b.subject, b.subject_rank = after.key, 2


def _announced(text: str, m: Mention) -> bool:
    """A program a budget block announces: not a course, not a fund named in a parenthesised note line."""
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    return not re.search(r"(?:コース|タイプ)$", m.surface) and not line.lstrip().startswith(("(", "（"))


COMPONENT = Component(
    "announced_budgets",
    reads="result.budgets (subject rank < 2), lines above them, Program mentions after them",
    writes="result.budgets: subject",
    doc=__doc__ or "",
    finish=_forward_subjects,
)
