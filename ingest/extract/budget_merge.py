"""One budget line stated twice (an overview and a detail page, 「事業経費:50百万円」 and 「令和4年度予算額
50百万円」) is one Budget with two sources. Two numbered items of one list that state the same amount, each naming its
own program (「②…プログラム 540百万円」「④…の整備 540百万円」), are two lines.

Reads result.budgets; writes result.budgets merged (its subject the one read most surely, ``also`` the further
statements).
"""

from __future__ import annotations

from ingest.extract.budgets import ITEM_LINE
from ingest.extract.pipeline import Component, State
from ingest.records import Budget


def merge_budgets(budgets: list[Budget], text: str = "") -> list[Budget]:
    """One budget line stated twice (an overview and a detail page, 「事業経費:50百万円」 and 「令和4年度予算額
    50百万円」) is one Budget with two sources; its subject is the one read most surely. ``text``: the document, where
    two items of one list (no blank line between) that each name their own program stay two lines."""
    merged: list[Budget] = []
    kept: dict[str, str] = {}  # a merged-away line's IRI → the line it became a statement of
    for b in budgets:
        same = next((m for m in merged if _same_line_item(m, b, text)), None)
        if same is None:
            merged.append(b)
            continue
        kept[b.iri] = same.iri
        same.also.append((b.passage, b.start, b.end))
        if b.subject_rank > same.subject_rank:
            same.subject, same.subject_rank = b.subject, b.subject_rank
        same.fiscal_year = same.fiscal_year or b.fiscal_year
        same.status = same.status or b.status
    for b in merged:  # a part of a line stated twice is a part of the one line that stays
        b.part_of = kept.get(b.part_of or "", b.part_of)
    return merged


def _same_line_item(a: Budget, b: Budget, text: str = "") -> bool:
    if (a.value, a.currency) != (b.value, b.currency) or a.recipient != b.recipient or bool(a.part_of) != bool(b.part_of):
        return False  # an agency's share is not the line of another item that happens to equal it
    if _items_of_one_list(a, b, text):
        return False  # 「②…プログラム 540百万円」 and 「④…の整備 540百万円」: each line names its own item
    if a.fiscal_year and a.fiscal_year == b.fiscal_year:
        return a.status == b.status or not (a.status and b.status)
    # Without a year on both sides, only the same subject makes it the same line.
    return a.subject is not None and a.subject == b.subject and not (a.fiscal_year and b.fiscal_year)


def _items_of_one_list(a: Budget, b: Budget, text: str) -> bool:
    """Two numbered items of one block (no blank line between them), each naming a program of its own on its line
    (a 合計 row that repeats an item's figure is no item: it is that line stated again)."""
    named = a.subject and b.subject and a.subject != b.subject and min(a.subject_rank, b.subject_rank) >= 3
    if not (named and text):
        return False
    first, second = sorted((a, b), key=lambda x: x.start)
    items = all(ITEM_LINE.match(text[text.rfind("\n", 0, x.start) + 1 : x.end]) for x in (first, second))
    return items and "\n\n" not in text[first.end : second.start]


def _finish(state: State) -> None:
    state.result.budgets = merge_budgets(state.result.budgets, state.text)


COMPONENT = Component(
    "budget_merge",
    reads="result.budgets",
    writes="result.budgets (merged)",
    doc=__doc__ or "",
    finish=_finish,
)
