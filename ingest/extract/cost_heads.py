"""A budget table's row for a head of expenditure or an account: 「うち　拠点運営費　2,400,000　2,640,000」, 「調査・分析経費
48,320　55,600」, 「一般会計　62,480　78,915」, 「医療分野の研究開発関連予算（AMED対象経費）　1,418億円」.

Such a row's label is whose money the row's amounts are: a head of expenditure (…費, …経費, …費補助), a category of
a government's budget (…関連予算, …関係予算) or an account (…会計). It is neither a program nor a body, so it is
typed stip:BudgetItem as well as Program (as a budget sheet's activities are), the budget rules give it the
amounts on its line, and the relation rules leave it out (nobody runs it, nothing is its part).

Not heads, their amounts being a program's or a body's: a label that only says what kind of cost an award pays
(研究費, 研究開発費, 日本側研究費, 国費), one summing a project's cost over its years (総事業費, 総建造費), one naming
the body that spends it (JST委託研究費, ODA経費), a sentence about a cost (「令和7年度補正予算で…の更新経費」), and a
rate (1課題当たり…). A head the document names in English too (「…推進費（Strategic … Fund）」) is a fund with
a name of its own: a program. A label holding another name (「…アカデミー運営費」, once that name is a span) is left
to it: this component runs after the naming components, and a later span never overrides an earlier one.

A sentence giving such a category its sum names it the same way: 「令和8年度予算案における国際事業関係経費は58億
4,000万円」, 「…関連施策として総額約186億円を計上」.

Reads the passage text; writes Program spans (source ``pattern:budget-item``, as the sheet's items) and the
BudgetItem extra type of their entities.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span
from ingest.records import Fact

# A head is an item of the sheet's breakdown to the budget rules: the same source as budget_items' items.
SOURCE = "pattern:budget-item"

_OPENING = r"^[\s　]*(?:[・○●■◆][\s　]*)?(?:うち[\s　]*|(?:[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、]?|[①-⑳])[\s　]*)?"
_HEAD = r"(?:経費|費補助|費|関連予算|関係予算|会計)"
# the label, an aside in brackets after it (（AMED対象経費）), then the row's first amount or figure, or an empty cell
_ROW = re.compile(
    _OPENING + rf"(?P<label>[^\s　、。:：「」()（）]{{2,40}}?{_HEAD})(?:[（(][^()（）\n]{{1,30}}[)）])?[\s　]*[:：]?[\s　]*"
    r"(?:約)?(?:[0-9０-９]|[―－\-](?=[\s　]))"
)
# What only names a kind of cost an award or a project pays, not a head of the budget.
_GENERIC = re.compile(
    r"^(?:研究|研究開発|共同研究|事業|総事業|委託研究|技術協力|人件|物件|旅|一般管理|管理|事務|直接|間接|委託|運営|設備|"
    r"初年度|国|補助|経|総)$|側|^総"
)
_RATE = re.compile(r"あたり|当たり|につき|上限|以内|以下")


def head_label(line: str) -> tuple[int, str] | None:
    """The offset in the line and text of the head of expenditure or account the row is for, or None."""
    m = _ROW.match(line)
    if m is None or _RATE.search(line):
        return None
    label = re.sub(r"^うち[\s　]*", "", m.group("label"))
    if re.search(r"年度|予算[でにを]|^(?:令和|平成)", label):
        return None  # 「令和7年度補正予算で…の更新経費」: a sentence about the cost, not a row for it
    modifier = re.sub(f"{_HEAD}$", "", label)
    if len(modifier) < 2 and label != "一般会計" or _GENERIC.search(modifier) or re.search(r"[A-Za-z]", label):
        return None
    return m.start("label"), label


# …or a sentence stating a category of the budget's sum: 「…における国際事業関係経費は58億4,000万円」, 「国際頭脳循環
# 関連施策として総額約186億円」, 「科学技術関係予算案は…」.
_SAID = re.compile(
    r"(?:(?<=[\u3041-\u3096、\s　・])|^)(?P<label>[\u3005\u30a0-\u30ff\u3400-\u9fffー]{2,24}?(?:関係|関連)(?:予算|経費|施策))"
    r"(?:案)?(?:は|として|が)[、\s　]?(?:総額|合計)?で?[\s　]?(?:約)?[0-9０-９]",
    re.M,
)


def said_heads(text: str) -> list[tuple[int, str]]:
    """The categories of a budget that a sentence gives a sum for: (offset, label)."""
    return [(m.start("label"), m.group("label")) for m in _SAID.finditer(text)]


def _spans(state: State) -> None:
    passage, pos = state.passage, state.passage.start
    found_in_lines = []
    for line in passage.text.split("\n"):
        found = head_label(line)
        if found is not None:
            found_in_lines.append((pos + found[0], found[1]))
        pos += len(line) + 1
    said = [(passage.start + at, label) for at, label in said_heads(passage.text)]
    for start, label in [*found_in_lines, *said]:
        state.spans.append(Span(start, start + len(label), "Program", label, None, SOURCE, passage.index))
        state.data.setdefault("cost_heads", set()).add(label)


def _head_keys(state: State) -> set[str]:
    """The entities that are heads of expenditure or accounts (whichever component's span named them: a budget
    table's item column may have taken the row's label first)."""
    heads = state.data.get("cost_heads", ())
    return {m.key for m in state.result.mentions if m.type == "Program" and m.surface in heads}


def without_heads(state: State, facts: list[Fact]) -> list[Fact]:
    """The relation facts that are not about a head: money, not a program, so nobody runs it and nothing is its
    part (the relation rules pass their facts through this)."""
    heads = _head_keys(state)
    return [f for f in facts if f.subject not in heads and f.obj not in heads]


def _type_heads(state: State) -> None:
    # 「…推進費（Strategic International Research Linkage Fund）」: a head the document gives an English name of its
    # own is a fund with a name, a program, not a mere head of the budget (an English phrase, not a note that opens
    # with a short name: 「…関連予算（AMED対象経費）」)
    heads = state.data.get("cost_heads", set())
    heads -= {h for h in heads if re.search(rf"{re.escape(h)}[\s　]*[（(][A-Za-z][A-Za-z \-&,.'’]{{5,}}[)）]", state.text)}
    for key in _head_keys(state):
        entity = state.result.entities.get(key)
        if entity is not None and not entity.curated and "BudgetItem" not in entity.extra_types:
            entity.extra_types.append("BudgetItem")


COMPONENT = Component(
    "cost_heads",
    reads="passage text; result.mentions and entities",
    writes="spans: a budget row's head of expenditure or account (Program); their BudgetItem extra type",
    doc=__doc__ or "",
    passage=_spans,
    finish=_type_heads,
)
