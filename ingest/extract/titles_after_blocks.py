"""A slide whose title the PDF put after its budget box.

「【事業スキーム】…支援額:2百万円程度/件…事業経費:50百万円\n令和4年度予算額(案) 50百万円\n(前年度予算額 ー)\n※…の一部
\n\n国際頭脳循環に参入する若手研究者の\n新たな流動モードの促進」. Reads result.budgets without a sure subject, the
box's note lines and the short paragraph after it; writes the subject (rank 2) of the line and of the box's other
weakly placed amounts, and the fiscal year of a breakdown (内訳) of the box's total.
"""

from __future__ import annotations

import re

from ingest.extract.budgets import BUDGET_LABEL, BUDGET_LINE
from ingest.extract.pipeline import Component, State

_BLOCK_TAIL = re.compile(r"^\s*(?:[(（][^)）\n]*[)）]|※[^\n]*)?\s*$")


def _titles_after_blocks(state: State) -> None:
    """A slide whose title the PDF put after its budget box: 「【事業スキーム】…支援額:2百万円程度/件…事業経費:50百万円
    \n令和4年度予算額(案) 50百万円\n(前年度予算額 ー)\n※…の一部\n\n国際頭脳循環に参入する若手研究者の\n
    新たな流動モードの促進」. When a budget line that found no sure subject ends such a box and the next paragraph is a
    short title ending in a program's name, the line and the box's other weakly placed amounts belong to it."""
    text, result = state.text, state.result
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


COMPONENT = Component(
    "titles_after_blocks",
    reads="result.budgets (subject rank < 2), the lines after a budget box, Program mentions",
    writes="result.budgets: subject, fiscal_year of breakdowns",
    doc=__doc__ or "",
    finish=_titles_after_blocks,
)
