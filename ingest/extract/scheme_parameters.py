"""A scheme's parameters (「• 支援規模:最大7億円/年×10年」) belong to a program, not to the organisation the line
above happens to name (「…米国カブリ財団からの約14億円の寄附」).

Without a program placed surely, they go to the program whose budget sheet header is nearest on the slide
(「世界トップレベル研究拠点プログラム(WPI) 令和4年度予算額…」). Reads result.budgets on scheme lines and the Program
mentions heading a line with a budget amount; writes the budgets' subject (rank 2).
"""

from __future__ import annotations

import re

from ingest.extract.budgets import BUDGET_LABEL
from ingest.extract.pipeline import Component, State
from ingest.records import Mention

_SCHEME_LINE = re.compile(r"^[\s•・○●▷]*(?:支援規模|支援額|支援金額|補助額|助成額|単価|事業規模)")
_SCHEME_REACH = 2000  # characters: the slide a scheme's parameters are on


def _scheme_parameters(state: State) -> None:
    """「• 支援規模:最大7億円/年×10年」: a scheme's parameters belong to a program, not to the organisation the line
    above happens to name (「…米国カブリ財団からの約14億円の寄附」). Without a program placed surely, they go to the
    program whose budget sheet header is nearest on the slide (「世界トップレベル研究拠点プログラム(WPI) 令和4年度予算額…」)."""
    text, result = state.text, state.result
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


COMPONENT = Component(
    "scheme_parameters",
    reads="result.budgets on scheme lines (支援規模, 支援額…), Program mentions heading budget lines",
    writes="result.budgets: subject",
    doc=__doc__ or "",
    finish=_scheme_parameters,
)
