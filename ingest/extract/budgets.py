"""Budget lines: an amount, its fiscal year, its status and the program or organisation it belongs to.

The fiscal year is the nearest 年度 before the amount on its line (or the lines just above), else a
note covering a whole list (「※いずれも令和４年度予算額（案）」), else a 年度 right after the amount.
「前年度予算額」 is the year before the list's year.
"""

from __future__ import annotations

import re

from ingest.dates import find_dates
from ingest.extract.amounts import find_amounts
from ingest.records import Budget, Mention, Passage
from kg.iris import Iris

_STATUS = (
    ("前年度予算額", "previous-year budget"),
    ("補正予算", "supplementary budget"),
    ("予算額(案)", "budget request"),
    ("予算案", "budget request"),
    ("概算要求", "budget request"),
    ("予算額", "budget"),
    ("予算", "budget"),
    ("実績", "actual"),
    ("決算", "actual"),
    ("基金", "fund size"),
    ("ファンド", "fund size"),
)
_NOTE = re.compile(r"※\s?(?:いずれも|全て|すべて|金額は).{0,15}?年度")
SUBJECT_TYPES = ("Program", "Agency", "Organization", "ResearchInstitute", "University", "Council")


def _line_start(text: str, pos: int, lines_back: int = 0) -> int:
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(lines_back):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def find_budgets(passage: Passage, mentions: list[Mention], iris: Iris) -> list[Budget]:
    """Budget lines of one passage; ``mentions`` are the document's mentions so far (a budget page may
    name its program a few lines before the passage that states the amount)."""
    text = passage.text
    fiscal = [d for d in find_dates(text) if d.fiscal]
    note = _NOTE.search(text)
    note_year = next((d.year for d in fiscal if note and note.start() <= d.start < note.end() + 5), None)
    subjects = [m for m in mentions if m.passage >= passage.index - 2 and m.type in SUBJECT_TYPES]
    budgets = []
    amounts = find_amounts(text)
    previous_end = 0
    for k, amount in enumerate(amounts):
        if _in_range(text, amount, amounts[k - 1] if k else None):
            previous_end = amount.end
            continue  # 「30百万円~50百万円」 is a per-project range, not a budget line
        if "単位" in text[max(0, amount.start - 6) : amount.start] or (
            amount.surface in ("千円", "百万円", "万円") and text[amount.start - 1 : amount.start] in ("(", "（")
        ):
            continue  # 「(単位:千円)」「(千円)」 is a unit, not an amount
        # The status is what the text says before the amount, on its line, since the previous amount.
        line_start = _line_start(text, amount.start)
        before = text[max(line_start, previous_end, amount.start - 30) : amount.start]
        previous_end = amount.end
        status = next((label for marker, label in _STATUS if marker in before), "")
        if not status and re.search(r"^[\s(（]*(?:約)?[\d.,]+[^)）]{0,4}[;；]?\s?基金", text[amount.end : amount.end + 16]):
            status = "fund size"
        year = _fiscal_year(text, amount.start, amount.end, fiscal, note_year)
        if status == "previous-year budget" and year is not None:
            year = year - 1
        start, end = passage.start + amount.start, passage.start + amount.end
        subject, rank = _subject(text, passage.start, start, subjects)
        budgets.append(
            Budget(
                iri=iris.entity("Budget", f"{passage.doc_id}-{start}-{end}"),
                value=str(amount.value),
                currency=amount.currency,
                fiscal_year=year,
                subject=subject.key if subject else None,
                stated_as=amount.surface,
                passage=passage.index,
                start=start,
                end=end,
                status=status,
                subject_rank=rank,
            )
        )
    return budgets


def _in_range(text: str, amount, previous) -> bool:  # type: ignore[no-untyped-def]
    after = text[amount.end : amount.end + 2]
    if re.match(r"\s?[~～〜]\s?\d", after):
        return True
    return previous is not None and re.fullmatch(r"\s?[~～〜]\s?", text[previous.end : amount.start]) is not None


def _fiscal_year(text: str, a_start: int, a_end: int, fiscal: list, note_year: int | None) -> int | None:  # type: ignore[type-arg]
    near = _line_start(text, a_start, lines_back=2)
    before = [d for d in fiscal if near <= d.start and d.end <= a_start]
    if before:
        return before[-1].year
    if note_year is not None:
        return note_year
    line_end = text.find("\n", a_end)
    after = [d for d in fiscal if a_end <= d.start < (line_end if line_end >= 0 else len(text))]
    return after[0].year if after else None


def _subject(text: str, offset: int, start: int, subjects: list[Mention]) -> tuple[Mention | None, int]:
    """The nearest program (else organisation) named before the amount, and how sure: 2 when it is on the
    amount's own line, 1 when it is a few lines above, 0 when there is none."""
    line = offset + _line_start(text, start - offset)
    programs = [m for m in subjects if m.type == "Program" and m.end <= start]
    # Above the amount's line, a course (…コース) is a part; the money is the program's.
    whole = [m for m in programs if not re.search(r"(?:コース|タイプ|枠)$", m.surface)]
    others = [m for m in subjects if m.type != "Program" and m.end <= start]
    # A budget belongs to a program before an organisation: 「RCNが3,000万クローネを拠出」 funds the program.
    for candidates, since, rank in ((programs, line, 2), (whole, start - 600, 1), (others, line, 1), (others, start - 600, 0)):
        near = [m for m in candidates if since <= m.start]
        if near:
            return near[-1], rank
    return None, 0
