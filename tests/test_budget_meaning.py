"""Budget lines with their meaning: status from the heading, the block's fiscal year, agency shares as
parts of the program's budget, totals over several years (ingest/extract/budgets.py), on invented text."""

from __future__ import annotations

from ingest.extract.budgets import budget_headings, find_budgets
from ingest.records import Mention, Passage
from kg.iris import Iris

TEXT = """令和8年度概算要求
国際共同研究加速事業
要求・要望額 30億円（前年度予算額 25億円）
（JST:20億円 AMED:10億円）
令和7年度補正予算額及び令和8年度予算額の合計 48億円
"""


def _mention(surface: str, type_: str, key: str) -> Mention:
    at = TEXT.index(surface)
    return Mention(at, at + len(surface), surface, type_, 0, key)


def test_budget_lines_keep_status_year_shares_and_totals() -> None:
    mentions = [
        _mention("国際共同研究加速事業", "Program", "P"),
        _mention("JST", "Agency", "JST"),
        _mention("AMED", "Agency", "AMED"),
    ]
    budgets = find_budgets(Passage("d", 0, 0, len(TEXT), TEXT), mentions, Iris("http://x"), [], budget_headings(TEXT))
    rows = [(b.stated_as, b.status, b.fiscal_year, b.subject, b.recipient, b.fiscal_years) for b in budgets]
    assert rows == [
        ("30億円", "budget request", 2026, "P", None, []),
        ("25億円", "previous-year budget", 2025, "P", None, []),
        ("20億円", "budget request", 2026, "P", "JST", []),
        ("10億円", "budget request", 2026, "P", "AMED", []),
        ("48億円", "total", None, "P", None, [2025, 2026]),
    ]
    assert budgets[2].part_of == budgets[3].part_of == budgets[0].iri
