"""Budget tables: a flattened table whose columns are fiscal years and whose amounts carry the caption's unit.

A white paper or a budget sheet shows a program's money over several years as a table:

    表2-1　主要事業の予算推移（単位：億円）
    事業名　　　　令和4年度　令和5年度　令和6年度
    ○○推進事業　　－　　　　72　　　　86

The header line names two or more fiscal years (令和4年度, 2024年度) and nothing else but a label; the unit is
stated in the caption or the lines just above (単位：億円・百万円・千円・万円, or 円 alone). Each following line
that starts with a label and holds one number per column is a row; each number is a budget line of the program
or organisation the label names, for its column's year, with the status the caption line says (予算 → budget,
決算 → actual, 概算要求 → request; budget when it says none; a note under the table is not read). A dash is an
empty cell, and a cell another rule already read as a budget line is left to it.

A budget sheet's table names its columns by kind instead: 事項 | 前年度予算額 | 令和8年度要求・要望額 | 対前年度比. Each
column's words give its status and year (前年度 is the year before the request's; うち要望額 is part of the column
before it), and a column of changes or ratios is read past. The label may be spaced out (区　分) or take a column of
words with it (事業名｜所管); cells are split by bars or tabs when the line has them (a web page's table).

Its header may stand on two lines, the years above the kinds (令和8年度 令和9年度 対前年度 / 予算額 要求・要望額 増減額);
a column of ratios after the years may have its whole heading on the top line (令和8年度 令和9年度 対前年度比 / 予算額 …).
A sheet of items under one column (事　項　令和8年度要求・要望額) whose legend says 「（　）内は前年度予算額」 gives each
item's bare figure the column's year and status and the bracketed one last year's budget; a うち line is a part of the
line above.

A page's table may give each figure with its unit and no caption (「…補助金　60,000千円　20,000千円」): its cells are read
by their columns and replace the lines running text had read from them. Rows labelled only with a kind of money (当初,
補正, 補正予算額) under columns of years are the sheet's program's, a 補正 row under a year's budget column that year's
supplementary budget; 皆増 is an empty change cell; a month may stand in a column's name (令和6年度2月補正予算額).

A list of selected projects with an amount column whose header carries the unit (配分額（上限、億円）) gives each
row's amount as that project's award.

A sheet's box of labelled bare figures under its unit caption (2027年度要求・要望額 3,900,000 / うち要求額 2,400,000 /
2026年度当初予算額 2,700,000) gives the sheet's program's money by each label's year and kind, うち lines as parts. A
table of kinds' columns with no caption of its own takes the sheet's unit when the sheet states only one; a last
column of words (備考, 区分: 新規・拡充, 主な内容) is read past, and a header's spaced-out words (区　分) are one cell. A row
naming only a kind of money under columns of years (当初予算額, 補正予算額, 執行額（決算額）) gives its cells that kind, as
the sheet's program's money.

A table's rows run at most to the next table's header: a table further down is read under its own columns. A column
headed by the formula of a comparison (「(B)−(A)」 under 「比較増△減額」) is read past like any column of changes. A total
row (合計) summing several programs' rows is a total of each column's year, of what the sheet's title block says its
money is for (「…分野の研究開発の推進」, ``budget_items.sheet_topic``); summing one program's items, it stays that
program's line.

A last column 合計 after the years (「2026年度 … 2030年度 合計」) is each row's total over those years; under a header
of years alone a row of figures with no label is the document's program's; a caption saying 実績 or 決算 on the line
above a unit alone in brackets (「第1期の年度別事業費（実績）」 over 「（単位：億円）」) makes the figures money spent.

A header a converter wrote one cell per line, each column's year above its kind (区　分 / 令和7年度 / 当初予算額 /
令和8年度 / 概算要求額 / 対前年度比 / （％）), is read as the one line of columns it stands for.

A table may run the other way, fiscal years down its side (予算額の推移): 「年度　当初予算額　補正予算額　執行額」 over one
row per year, or 「年度　区分　予算額」 whose second cell (当初予算, 2月補正予算) or last remark (備考) names the row's kind;
each cell is the sheet's program's money for its row's year, a うち column a part of the row's first amount, and a
累計 or 合計 row a total over the years of the rows above it.

Reads the whole text, its mentions and result.budgets; writes result.budgets (cells no other rule read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.dates import find_dates
from ingest.extract.budget_items import BRACKET_LEGEND, FIGURE
from ingest.extract.budgets import CALL, SHEET_TOPIC, SUBJECT_TYPES, Heading, budget_headings, document_program, heading_at
from ingest.extract.names import FUNDING_SOURCE
from ingest.extract.pipeline import Component, State
from ingest.extract.tables import cells_of, lines_with_offsets
from ingest.records import Budget, Mention

_UNITS = {"億円": Decimal(100_000_000), "百万円": Decimal(1_000_000), "千円": Decimal(1_000), "万円": Decimal(10_000),
          "円": Decimal(1)}  # fmt: skip
_UNIT = re.compile(r"単位\s?[:：]?\s?(?P<unit>億円|百万円|千円|万円|円)")
_CELL = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.,年月日%])")
_RATIO = re.compile(r"[+＋\-－▲△]?\d+(?:\.\d+)?%|[+＋\-－▲△]\d{1,3}(?:,\d{3})*(?:\.\d+)?")
# A cell carrying its own unit (a web page's or a sheet's table with no caption: 「60,000千円」「2,400百万円」).
_UNIT_CELL = re.compile(rf"{_CELL.pattern}(?P<unit>億円|百万円|千円|万円)")
_EMPTY = re.compile(r"^(?:－|-|―|‐|ー|—|…|\*|皆増|皆減)$")  # 皆増: new this year, no change to state
_STATUS = (("概算要求", "budget request"), ("要求", "budget request"), ("補正", "supplementary budget"),
           ("決算", "actual"), ("実績", "actual"), ("予算", "budget"))  # fmt: skip


# A header cell that states what its column's amounts are: a fiscal year, a budget word, or both (令和8年度要求・
# 要望額, 前年度予算額); a column of changes or ratios (増減, 対前年度比) is read past.
_COLUMN_STATUS = (("前年度", "previous-year budget"), ("補正", "supplementary budget"), ("要求", "budget request"),
                  ("要望", "budget request"), ("予算額(案)", "budget request"), ("予算案", "budget request"),
                  ("決算", "actual"), ("実績", "actual"), ("予算", "budget"), ("当初", "budget"))  # fmt: skip
_REIWA_SHORT = re.compile(r"^[RＲ]\s?([0-9]{1,2})(?:年度)?")
# …or a formula of the columns it compares: 「(B)−(A)」 under 「比較増△減額」
_SKIP_COLUMN = re.compile(r"増[△▲]?減|比|差|伸び|%|^[(（]?[A-ZＡ-Ｚ][)）]?\s?[−\-－ー‐]\s?[(（]?[A-ZＡ-Ｚ][)）]?$")
TOTAL = "total"  # the status of a sum over the years of the columns before it
Column = tuple[int | None, str | None]  # (fiscal year, status of the column's own words), (None, None): read past


# A year header's kind in brackets after the year: 「令和9年度（案）」「令和8年度（要求）」「令和6年度（決算）」.
_YEAR_KIND = re.compile(r"[\s　]?[(（](?P<kind>案|要求|要望|概算要求|要求・要望|決算|実績|補正|当初)[)）]")


def _year_kind(line: str, end: int) -> str | None:
    """The status the bracket after a year's header states (a draft, 案, is the request), None without one."""
    m = _YEAR_KIND.match(line, end)
    if m is None:
        return None
    return next((label for marker, label in _COLUMN_STATUS if marker in m.group("kind")), "budget request")


def _year_columns(line: str, heading_year: int | None = None) -> list[Column] | None:
    """The columns a header line names, when two or more hold amounts of fiscal years or budget kinds and the
    line holds little else: a year-only header (令和4年度 令和5年度) or a sheet's (事項 前年度予算額 令和8年度要求額).
    ``heading_year``: the year of the budget block's heading, for kinds written without one (前年度予算額 要求額)."""
    if not line or "。" in line:
        return None
    years = [d for d in find_dates(line) if d.fiscal]
    tail = _YEAR_KIND.sub("", line[years[-1].end :]).strip(" \t\u3000|｜│┃") if years else ""
    summed = len(years) >= 2 and _TOTAL_ROW.match(tail) is not None  # 「2026年度 … 2030年度 合計」: their sum last
    if len(years) >= 2 and (not tail or summed) and not re.search(r"[0-9０-９]", line[: years[0].start]):
        # 「令和8年度　令和9年度（案）」「令和8年度（要求）」: the year's kind in brackets after it
        columns = [(d.year, _year_kind(line, d.end)) for d in years]
        request = next((y for y, st in columns if st == "budget request"), None)
        if summed:
            return [*columns, (None, TOTAL)]
        if len(columns) > 2:
            return columns  # several years' figures: their history, each year's own
        # the draft or request set beside last year's budget
        return [(y, "previous-year budget" if request and st is None and y == request - 1 else st) for y, st in columns]
    cells = [cell for _, _, cell in cells_of(line)]
    # The label may take several cells: spaced out (区　分) or with a column of words before the amounts (事業名｜所管).
    first = next((k for k, cell in enumerate(cells) if any(marker in cell for marker, _ in _COLUMN_STATUS)), 0)
    label = "".join(cells[:first])
    if not 1 <= len(label) <= 12 or re.search(r"[0-9０-９]", label):
        return None
    columns: list[Column] = []
    for cell in cells[first:]:
        if _SKIP_COLUMN.search(cell) and columns:
            columns.append((None, None))
            continue
        status = next((label for marker, label in _COLUMN_STATUS if marker in cell), None)
        year = next((d.year for d in find_dates(cell) if d.fiscal), None)
        short = _REIWA_SHORT.match(cell)  # 「R9要求」「R8当初」: a Reiwa year written short
        year = year or (2018 + int(short.group(1)) if short else None)
        years_written = rf"(?:令和|平成)[0-9０-９元]{{1,2}}年度|20\d\d年度|{_REIWA_SHORT.pattern}"
        # (a month may name the budget: 「令和6年度2月補正予算額」)
        if status is None or re.search(r"[0-9０-９]", re.sub(rf"{years_written}|[0-9０-９]{{1,2}}月", "", cell)):
            return None
        if cell.startswith("うち") and columns and columns[-1][1] is not None:  # うち要望額: part of the column before
            year, status = columns[-1]
        columns.append((year, status))
    amounts = [c for c in columns if c[1] is not None]
    if len(amounts) < 2:
        return None
    known = next((y for y, st in amounts if y is not None and st != "previous-year budget"), None)
    if known is None and heading_year is not None and any(y is None and st == "budget request" for y, st in amounts):
        # 「区分 前年度予算額 要求額」 under 「令和8年度概算要求」: the request is the heading's year's
        columns = [(heading_year if st == "budget request" and y is None else y, st) for y, st in columns]
        known = heading_year
    if known is None:
        return None
    # 前年度予算額 beside 令和8年度要求額 is 令和7年度's budget.
    columns = [(known - 1 if st == "previous-year budget" and y is None else y, st) for y, st in columns]
    # A sheet setting this year's budget beside next year's request (令和8年度予算額 | 令和9年度要求額 | 補正…) compares
    # the request with last year's budget; a table of several years' budgets (令和6年度 | 令和7年度 | 令和8年度要求額)
    # is their history, each year's budget.
    kinds = [st for _, st in amounts]
    request = next((y for y, st in columns if st == "budget request" and y is not None), None)
    if kinds.count("budget") == 1 and request is not None:
        return [(y, "previous-year budget" if st == "budget" and y == request - 1 else st) for y, st in columns]
    return columns


def _two_line_header(line: str, below: str) -> str:
    """A header written on two lines, the years above the kinds (令和8年度 令和9年度 対前年度 / 予算額 要求・要望額
    増減額), as one line of columns (令和8年度予算額 令和9年度要求・要望額 対前年度増減額); "" when the line below is
    not such a row of kinds."""
    top, kinds = _spaced_joined([c for _, _, c in cells_of(line)]), [c for _, _, c in cells_of(below)]
    if not 2 <= len(kinds) <= len(top) or not all(
        any(marker in cell for marker, _ in _COLUMN_STATUS) or _SKIP_COLUMN.search(cell) for cell in kinds
    ):
        return ""
    # 「事項 令和8年度 令和9年度 対前年度比 / 予算額 要求・要望額」: the kinds stand under the years; a column of
    # ratios after them has its whole heading on the top line.
    years = [k for k, cell in enumerate(top) if any(d.fiscal for d in find_dates(cell))]
    after = top[years[-1] + 1 :] if years else []
    if (
        len(years) == len(kinds)
        and years == list(range(years[0], years[0] + len(years)))
        and after
        and all(_SKIP_COLUMN.search(cell) for cell in after)
    ):
        return " ".join([*top[: years[0]], *(top[k] + kind for k, kind in zip(years, kinds, strict=True)), *after])
    # 「前年度 令和８年度 対前年度比 / 予算額 要求・要望額」: a last column of ratios has no kind under it
    core = list(top)
    while len(core) > len(kinds) and _SKIP_COLUMN.search(core[-1]) and not any(_SKIP_COLUMN.search(k) for k in kinds):
        core.pop()
    label = core[: len(core) - len(kinds)]
    named = (a + b for a, b in zip(core[len(label) :], kinds, strict=True))
    return " ".join([*label, *named, *top[len(core) :]])


def _unit_and_status(lines: list[tuple[int, str]], header: int, reach: int = 3) -> tuple[Decimal, str] | None:
    """The unit and status the caption (the nearest of the ``reach`` lines above the header stating a unit) states;
    None without a unit. Only the caption's words count: the sentence before it is about something else."""
    for k in range(header - 1, max(0, header - reach) - 1, -1):
        line = lines[k][1]
        unit = _UNIT.search(line)
        if unit is not None:
            status = next((label for marker, label in _STATUS if marker in line), "budget")
            # 「第1期の年度別事業費（実績）」 over a unit alone in brackets: the caption on the line above says it
            if status == "budget" and k > 0 and _UNIT_ALONE.fullmatch(line.strip()) and _SPENT.search(lines[k - 1][1]):
                status = "actual"
            return _UNITS[unit.group("unit")], status
    return None


_UNIT_ALONE = re.compile(r"[(（]\s?単位\s?[:：]?\s?(?:億円|百万円|千円|万円|円)\s?[)）]")
_SPENT = re.compile(r"実績|決算")


def _sheet_unit(lines: list[tuple[int, str]], header: int) -> tuple[Decimal, str] | None:
    """A table of kinds' columns (年度予算額 | 年度要求・要望額) with no caption of its own: the sheet's unit, stated
    once at its top (（単位：千円）) for every bare figure on it, when the sheet states no other unit."""
    units = {m.group("unit") for _, line in lines for m in _UNIT.finditer(line)}
    return _unit_and_status(lines, header, reach=header) if len(units) == 1 else None


def _units_in_cells(lines: list[tuple[int, str]], header: int, columns: int, remarks: bool) -> bool:
    """The table's first row (one of the two lines under its header) gives every figure with its unit."""
    for _, line in lines[header + 1 : header + 3]:
        remark = _REMARK_CELL.search(line) if remarks else None
        row = _row(line[: remark.start()] if remark else line, columns) if columns else None
        if row is not None:
            figures = [cell for _, _, cell in row[1] if cell]
            return bool(figures) and all(_UNIT_CELL.fullmatch(cell) for cell in figures)
    return False


def _row(line: str, columns: int, unlabelled: bool = False) -> tuple[int, list[tuple[int, int, str]]] | None:
    """Where a row's label ends and its cells (start, end, text; empty cells with empty text). ``unlabelled``: under
    a header of years alone, a row of figures only (label end 0) is the sheet's program's."""
    tokens = cells_of(line)
    if len(tokens) < columns + 1 and not (unlabelled and len(tokens) == columns):
        return None
    cells = tokens[-columns:]
    if not all(_CELL.fullmatch(t) or _UNIT_CELL.fullmatch(t) or _EMPTY.match(t) or _RATIO.fullmatch(t) for _, _, t in cells):
        return None
    if len(tokens) == columns:
        return 0, [(s, e, "" if _EMPTY.match(t) else t) for s, e, t in cells]
    label_end = tokens[-columns - 1][1]
    if not re.search(r"[^\W\d_]", line[:label_end]):
        return None
    return label_end, [(s, e, "" if _EMPTY.match(t) else t) for s, e, t in cells]


# A row naming a kind of money, under columns of years: 「当初予算額」「補正予算額」「執行額（決算額）」.
# 「当初」「補正」 alone label rows too (a table of past years: 当初 / 補正 under 令和6年度予算額).
_ROW_KIND = re.compile(r"(?:当初予算|補正予算|予算|決算|執行|実績|要求・要望|要求|当初|補正)額?(?:[(（][^()（）]{1,8}[)）])?")


def _row_kind(label: str) -> str | None:
    """The status a short row label states when it is no more than a kind of money, else None."""
    bare = re.sub(r"[\s　|｜]", "", label)
    return _kind_of(bare) if _ROW_KIND.fullmatch(bare) else None


def _subject(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The longest program or organisation mention inside a row's label."""
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.type in SUBJECT_TYPES]
    return max(inside, key=lambda m: (m.type == "Program", m.end - m.start), default=None)


def _spaced_joined(cells: list[str]) -> list[str]:
    """Cells with a spaced-out word joined (区 分 → 区分, 比 較 → 比較): single characters side by side are one cell."""
    out: list[str] = []
    for cell in cells:
        if len(cell) == 1 and out and len(out[-1]) == 1 and not cell.isdigit():
            out[-1] += cell
        else:
            out.append(cell)
    return out


def _header(lines: list[tuple[int, str]], i: int, heading_year: int | None = None) -> tuple[bool, bool, list[Column] | None]:
    """Whether line ``i`` is a table's header: (its last column is a breakdown, its last column is remarks, its
    columns or None)."""
    line = lines[i][1]
    # A last column of shares by agency (実施機関別内訳): each row ends in 「JST 60.0 JSPS 32.0」.
    breakdown = bool(line.split()) and "内訳" in line.split()[-1]
    # A last column of remarks (備考): each row may end in a word (拡充, 新規) that is no amount.
    remarks = bool(line.split()) and _REMARKS.fullmatch(line.split()[-1]) is not None
    header = line.rsplit(maxsplit=1)[0] if breakdown or remarks else line
    # the kinds on the line below name what the years above hold (令和8年度 令和9年度 / 予算額 要求・要望額)
    split = _two_line_header(header, lines[i + 1][1]) if i + 1 < len(lines) else ""
    columns = (_year_columns(split, heading_year) if split else None) or _year_columns(header, heading_year)
    if columns is None and (len(line.split()) == 1 or all(len(word) == 1 for word in line.split())):  # (区　分)
        stacked = _stacked_header(lines, i)
        columns = _year_columns(stacked, heading_year) if stacked else None
    return breakdown, remarks, columns


_PERCENT_CELL = re.compile(r"[(（][%％][)）]")
_ROW_LABEL = re.compile(r"[^\d０-９\s:：()（）]{1,8}")  # 区分, 事項, 事業名: the label column's heading


def _stacked_header(lines: list[tuple[int, str]], i: int) -> str:
    """A header a converter wrote one cell per line, each column's year above its kind (区　分 / 令和7年度 / 当初予算額 /
    令和8年度 / 概算要求額 / 対前年度比 / （％）), as one line of columns; "" when line ``i`` starts none. It runs to the
    table's first row, a line of several cells with figures."""
    if not _ROW_LABEL.fullmatch(re.sub(r"[\s　]", "", lines[i][1])):
        return ""  # (most lines: no label column's heading starts a header here)
    cells: list[str] = []
    for _, line in lines[i : i + 12]:
        cell = re.sub(r"[\s　]", "", line)
        if (len(line.split()) > 1 and re.search(r"[0-9０-９]", line)) or not cell or len(cell) > 16:
            break
        if cells and _PERCENT_CELL.fullmatch(cell):
            cells[-1] += cell
        elif cells and _is_year_only(cells[-1]) and not _is_year_only(cell) and _kind_of(cell):
            cells[-1] += cell  # the kind under its year: one column's name
        else:
            cells.append(cell)
    if len(cells) < 3 or not _ROW_LABEL.fullmatch(cells[0]):
        return ""
    return " ".join(cells)


def _is_year_only(cell: str) -> bool:
    return any(d.fiscal and d.start == 0 and d.end == len(cell) for d in find_dates(cell))


def _year_of(block: Heading | None) -> int | None:
    return block.year if block is not None else None


def table_budgets(state: State) -> list[Budget]:
    text, result = state.text, state.result
    lines = lines_with_offsets(text)
    taken = {(b.start, b.end) for b in result.budgets}
    out: list[Budget] = []
    blocks = [h for h in budget_headings(text) if h.status != CALL]
    headers = [_header(lines, i, _year_of(heading_at(blocks, start))) for i, (start, _) in enumerate(lines)]
    for i in range(len(lines)):
        breakdown, remarks, years = headers[i]
        meaning = _unit_and_status(lines, i) if years else None
        kinds = [(year, kind) for year, kind in years or [] if kind is not None]
        if meaning is None and len(kinds) >= 2 and all(year is not None for year, _ in kinds):
            meaning = _sheet_unit(lines, i)  # 「区分　2025年度予算額　2026年度要求・要望額」 far below the sheet's unit
        if meaning is None and len(kinds) >= 2 and _units_in_cells(lines, i, len(years or []), remarks):
            meaning = Decimal(1), "budget"  # 「…補助金　60,000千円　20,000千円」: each cell states its unit
        if years is None or meaning is None:
            continue
        unit, status = meaning
        unlabelled = any(d.fiscal and d.start == 0 for d in find_dates(lines[i][1].strip()))
        above: dict[tuple[int | None, str], Budget] = {}  # the last whole row's line per column
        above_subject: Mention | None = None
        rows: set[str] = set()  # the entities the table's rows are about
        # the rows run to the next table's header at most (a table further down is read with its own columns)
        end = next((j for j in range(i + 1, min(len(lines), i + 40)) if headers[j][2]), i + 40)
        for row_start, row_line in lines[i + 1 : end]:
            pairs = list(_SHARE_PAIR.finditer(row_line)) if breakdown else []
            head = row_line[: pairs[0].start()] if pairs else row_line
            remark = _REMARK_CELL.search(head) if remarks else None
            row = _row(head[: remark.start()] if remark else head, len(years), unlabelled)
            if row is None:
                if breakdown and not row_line.strip().startswith(("(", "（")):
                    break
                continue  # the table ends at its first line that is no row; a wrapped English name goes on
            label_end, cells = row
            subject = _subject(result.mentions, row_start, row_start + label_end)
            if label_end == 0:
                subject = _document_mention(text, result.mentions)
            if FUNDING_SOURCE.match(re.sub(r"[\s　|｜]", "", row_line[:label_end])):
                subject = _document_mention(text, result.mentions)  # 「文部科学省補助金」: the sheet's money, from MEXT
            total = subject is None and _TOTAL_ROW.match(re.sub(r"\s", "", row_line[:label_end])) is not None
            if total:  # 「合計 4,200 5,200」: the sheet's program, unless that is one of the rows it sums
                subject = _document_mention(text, result.mentions)
                subject = None if subject is not None and subject.key in rows else subject
            # …a sum over several programs' rows is a total, of what the sheet's title block says its money is for
            summed = total and subject is None and len(rows - {""}) >= 2
            if summed:
                subject = next((m for m in result.mentions if m.source == SHEET_TOPIC), None)
            rows.add(subject.key if subject is not None else "")
            part = _UCHI_ROW.match(row_line[:label_end]) is not None  # 「（うちGX分野特別枠）25.0」: part of the row above
            if part and subject is None:
                subject = above_subject
            whole = None
            kind = _row_kind(row_line[:label_end]) if subject is None else None
            if kind is not None:  # 「補正予算額　―　480」 under the sheet's years: the sheet's program's money
                subject = _document_mention(text, result.mentions)
            if subject is None and not summed and any(own == TOTAL for _, own in years):
                continue  # a row naming no program or body we know (a company's share of a plan): whose money is unknown
            for (year, own), (s, e, cell) in zip(years, cells, strict=True):
                own = own or (kind if year is not None else None)  # a year's column, the row's kind (補正予算額)
                if kind == "supplementary budget" and own == "budget":
                    own = kind  # 「補正　350」 under 「令和6年度予算額」: that year's supplementary budget
                start, end = row_start + s, row_start + e
                if not cell or own is None and year is None or _RATIO.fullmatch(cell):
                    continue
                if (start, end) in taken and not _UNIT_CELL.fullmatch(cell):
                    continue
                read = [b for b in result.budgets if (b.start, b.end) == (start, end)] if (start, end) in taken else []
                out.append(_budget(state, cell, unit, year, "total" if summed else own or status, subject, start, end))
                if own == TOTAL:  # the last column: a sum over the years of the columns before it
                    out[-1].fiscal_years = [y for y, _ in years if y is not None]
                if read:  # read as running text already, its column not known there: the table's reading replaces it
                    result.budgets = [b for b in result.budgets if b is not read[0]]
                    for b in [*result.budgets, *out]:  # (a share of the line read before is a share of this one)
                        b.part_of = out[-1].iri if b.part_of == read[0].iri else b.part_of
                column = (year, own or status)
                if part and column in above:
                    out[-1].part_of = above[column].iri
                elif not part:
                    above[column] = out[-1]
                whole = whole or (out[-1] if out[-1].status in ("budget request", "budget") else None)
            above_subject = subject if not part else above_subject
            for pair in pairs if whole is not None else []:
                start, end = row_start + pair.start("num"), row_start + pair.end("num")
                share = _budget(state, pair.group("num"), unit, whole.fiscal_year, whole.status, subject, start, end)
                named = _subject_at(result.mentions, row_start + pair.start("who"))
                share.recipient, share.part_of = (named.key if named else None), whole.iri
                out.append(share)
    return out


_SHARE_PAIR = re.compile(r"[ \u3000](?P<who>[A-Za-z][A-Za-z&\-]{1,11}|[\u30a0-\u30ff\u3400-\u9fff]{2,12})[ \u3000]"
                         r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=[ \u3000]|$)")  # fmt: skip


# A table's last column of words, not amounts: remarks, or its kind of change (区分: 新規, 拡充), or what it is for.
_REMARKS = re.compile(r"備\s?考|摘\s?要|区分|主な内容|事業概要")
_REMARK_CELL = re.compile(r"[ \u3000]+[^\W\d_][^\s\d]{0,15}[ \u3000]*$")  # 「… 8,915,000　拡充」: the row's remark
_UCHI_ROW = re.compile(r"^[\s|｜]*[(（]?うち")
_TOTAL_ROW = re.compile(r"^\s*(?:合計|総計|計|総額|合算)\s*$")


def _document_mention(text: str, mentions: list[Mention]) -> Mention | None:
    key = document_program(text, mentions)
    return next((m for m in mentions if m.key == key), None) if key else None


def _subject_at(mentions: list[Mention], start: int) -> Mention | None:
    """The agency or organisation mention starting at a share's label."""
    return next((m for m in mentions if m.start == start and m.type in SUBJECT_TYPES), None)


def _budget(state: State, cell: str, unit: Decimal, year: int | None, status: str, subject: Mention | None,
            start: int, end: int) -> Budget:  # fmt: skip
    passage = next((p for p in state.passages if p.start <= start < p.end), state.passages[-1])
    own_unit = _UNIT_CELL.fullmatch(cell)
    figure = own_unit.group("num") if own_unit is not None else cell
    if own_unit is not None:  # 「60,000千円」: the cell's own unit, whatever the table's caption says
        unit = _UNITS[own_unit.group("unit")]
    value = Decimal(figure.replace(",", "")) * unit
    return Budget(
        iri=state.iris.entity("Budget", f"{passage.doc_id}-{start}-{end}"),
        value=str(value.quantize(Decimal(1))),
        currency="JPY",
        fiscal_year=year,
        subject=subject.key if subject is not None else None,
        stated_as=cell,
        passage=passage.index,
        start=start,
        end=end,
        status=status,
        subject_rank=3 if subject is not None else 0,
    )


# A column of amounts whose header carries the unit (NEDO負担額（期間総額・上限、億円）, 配分額(千円)): one amount per row.
_AMOUNT_COLUMN = re.compile(r"(?:額|金額|費)[^\s]*?[(（][^()（）]*?(?P<unit>億円|百万円|千円|万円)[^()（）]*[)）]$")


def column_budgets(state: State) -> list[Budget]:
    """One budget line per row of a table with an amount column, for the project or program the row names: an
    award's size when the rows are projects or the header says 上限 or 1件当たり, else the row's budget."""
    text, result = state.text, state.result
    lines = lines_with_offsets(text)
    taken = {(b.start, b.end) for b in result.budgets}
    out: list[Budget] = []
    for i, (_, line) in enumerate(lines):
        header = line.split()
        at = next((k for k, cell in enumerate(header) if _AMOUNT_COLUMN.search(cell)), None)
        if at is None or len(header) < 2 or at == 0:
            continue
        unit = _UNITS[_AMOUNT_COLUMN.search(header[at]).group("unit")]  # type: ignore[union-attr]
        capped = re.search(r"上限|当たり|あたり|日額|月額|年額|単価", header[at]) is not None  # a rate: each row's award
        # 「令和8年度要求額（百万円）」: a header naming a fiscal year and a budget's kind says what each row's amount is
        year = next((d.year for d in find_dates(header[at]) if d.fiscal), None)
        kind = next((label for marker, label in _COLUMN_STATUS if marker in header[at]), None) if year else None
        for row_start, row_line in lines[i + 1 : i + 40]:
            tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", row_line)]
            if len(tokens) < len(header):
                break
            s, e, cell = tokens[at - len(header)] if at == len(header) - 1 else tokens[at]
            if not (_CELL.fullmatch(cell) or _EMPTY.match(cell)):
                break
            subject = _subject(result.mentions, row_start, row_start + s)
            start, end = row_start + s, row_start + e
            if _EMPTY.match(cell) or (start, end) in taken:
                continue
            project = subject is not None and subject.source == "pattern:project"
            status = "per-award" if capped or (project and kind is None) else kind or "budget"
            budget = _budget(state, cell, unit, year if kind and not capped else None, status, subject, start, end)
            if subject is None and capped:  # a rate by region or by kind (日額, 単価): the award of the scheme the page runs
                budget.subject, budget.subject_rank = document_program(state.text, result.mentions), 1
            out.append(budget)
    return out


# A sheet of items under one column of amounts, last year's in brackets after each (「（　）内は前年度予算額」):
# 「事　項　　令和８年度要求・要望額」 over 「１．…の構築　6,812,400　（5,104,200）」.
_BRACKET_ROW = re.compile(
    rf"^(?P<label>[ \t\u3000]*\S.*?)[ \t\u3000]+(?P<num>{FIGURE})"
    rf"(?:[ \t\u3000]*[(（][ \t\u3000]*(?P<prev>{FIGURE}|[－\-―])[ \t\u3000]*[)）])?[ \t\u3000]*$"
)


def _one_column(line: str) -> tuple[int, str] | None:
    """The year and status of a header line with a label and one column of amounts (事　項　令和８年度要求・要望額)."""
    cells = [cell for _, _, cell in cells_of(line)]
    if len(cells) < 2 or "。" in line:
        return None
    status = next((label for marker, label in _COLUMN_STATUS if marker in cells[-1]), None)
    year = next((d.year for d in find_dates(cells[-1]) if d.fiscal), None)
    label = "".join(cells[:-1])
    if status is None or year is None or not 1 <= len(label) <= 6 or re.search(r"[0-9０-９]", label):
        return None
    return year, status


def _split_column(lines: list[tuple[int, str]], i: int) -> tuple[int, str] | None:
    """The year and status of a one-column header written on two lines: the label and the column's year
    (事　　項　　令和９年度), then its budget words with the bracket's kind beside them (要求・要望額　（前年度予算額）)."""
    cells = [cell for _, _, cell in cells_of(lines[i][1])]
    below = next((line for _, line in lines[i + 1 : i + 3] if line.strip()), "")
    under = [cell for _, _, cell in cells_of(below)]
    if len(cells) < 2 or not under or "。" in below or len(under) > 2:
        return None
    year = next((d.year for d in find_dates(cells[-1]) if d.fiscal), None)
    label = "".join(cells[:-1])
    if year is None or not 1 <= len(label) <= 6 or re.search(r"[0-9０-９]", label):
        return None
    if any(marker in cells[-1] for marker, _ in _COLUMN_STATUS) or (len(under) == 2 and "前年度" not in under[1]):
        return None
    status = next((label for marker, label in _COLUMN_STATUS if marker in under[0]), None)
    return (year, status) if status is not None and status != "previous-year budget" else None


# 「うち国立研究開発法人宇宙航空研究開発機構（JAXA）分」: the part of the line above that goes to the body it names
_SHARE_ROW = re.compile(r"^[\s\u3000]*うち(?P<body>.+?)分[\s\u3000]*$")


def bracketed_budgets(state: State) -> list[Budget]:
    """One budget line per item of a sheet whose legend says the bracketed figures are last year's: the figure for
    the header's year and status, the bracketed one last year's budget; a うち line is a part of the line above."""
    text, result = state.text, state.result
    lines = lines_with_offsets(text)
    taken = {(b.start, b.end) for b in result.budgets}
    out: list[Budget] = []
    for i, (_, line) in enumerate(lines):
        column = _one_column(line) or _split_column(lines, i)
        meaning = _unit_and_status(lines, i) if column else None
        if column is None or meaning is None:
            continue
        if not any(BRACKET_LEGEND.search(above) for _, above in lines[max(0, i - 3) : i + 1]):
            continue
        (year, status), unit = column, meaning[0]
        above: Budget | None = None
        for row_start, row_line in lines[i + 1 : i + 120]:
            if _UNIT.search(row_line) or _one_column(row_line):
                break  # another sheet's table
            m = _BRACKET_ROW.match(row_line)
            part = m is not None and m.group("label").strip().startswith("うち")
            if m is None or not re.search(r"[^\W\d_]", m.group("label")) or not (m.group("prev") or part or above is None):
                continue  # prose, or a line ending in a number with no bracket after it
            subject = _subject(result.mentions, row_start, row_start + m.end("label"))
            recipient = None
            if part and above is not None and subject is not None and _SHARE_ROW.match(m.group("label")):
                if subject.type != "Program":  # the body's share of the line above: that line's subject's money
                    recipient, subject = subject.key, None
            if part and above is not None:
                subject = subject or next((x for x in result.mentions if x.key == above.subject), None)
            elif subject is None:
                subject = _document_mention(text, result.mentions)
            for group, (y, st) in (("num", (year, status)), ("prev", (year - 1, "previous-year budget"))):
                start, end = row_start + m.start(group), row_start + m.end(group)
                if m.group(group) and m.group(group)[0].isdigit() and (start, end) not in taken:
                    budget = _budget(state, m.group(group), unit, y, st, subject, start, end)
                    if group == "num" and part and above is not None:
                        budget.part_of, budget.recipient = above.iri, recipient
                    elif group == "num":
                        above = budget
                    out.append(budget)
    return out


# A line of a sheet's box: a budget's label (its year and kind) and a bare figure in the caption's unit.
_BOX_LINE = re.compile(
    r"^[ \t\u3000]*(?P<label>(?:(?:令和|平成)?[0-9元]{1,4}年度)?[^\s\d]*?(?:要求|要望|予算|補正|当初|決算|執行)[^\s\d]{0,8}?額?)"
    rf"[ \t\u3000]+(?P<num>{FIGURE})[ \t\u3000]*$"
)
_YEAR_LABEL = re.compile(r"^(?:(?:令和|平成)[0-9０-９元]{1,2}|20\d\d)年度")


def box_budgets(state: State) -> list[Budget]:
    """A sheet's box of labelled bare figures under its unit caption (（単位：千円） over 「2026年度要求・要望額　4,860,000」
    「うち要求額　2,860,000」「2025年度当初予算額　3,120,000」): each the sheet's program's money, for the year and kind
    its label names; a うち line is a part of the line above it that is no part."""
    text, result = state.text, state.result
    lines = lines_with_offsets(text)
    taken = {(b.start, b.end): b for b in result.budgets}
    subject = _document_mention(text, result.mentions)
    out: list[Budget] = []
    for i, (_, line) in enumerate(lines):
        meaning = _unit_and_status(lines, i, reach=2) if _BOX_LINE.match(line) else None
        if meaning is None or (i and _BOX_LINE.match(lines[i - 1][1])):
            continue  # not the first line of a box under a caption
        whole: Budget | None = None
        for row_start, row in lines[i:]:
            m = _BOX_LINE.match(row)
            if m is None:
                break
            label, part = m.group("label"), m.group("label").startswith("うち")
            if not part and not _YEAR_LABEL.match(label):
                break  # a box line names its year; only its parts take the year of the line above
            status = next((kind for marker, kind in _COLUMN_STATUS if marker in label), "budget")
            year = next((d.year for d in find_dates(label) if d.fiscal), whole.fiscal_year if part and whole else None)
            start, end = row_start + m.start("num"), row_start + m.end("num")
            if (start, end) in taken:  # another rule read it: still the line its parts belong to
                whole = whole if part else taken[(start, end)]
                continue
            budget = _budget(state, m.group("num"), meaning[0], year, status, subject, start, end)
            if part and whole is not None:
                budget.part_of = whole.iri
            elif not part:
                whole = budget
            out.append(budget)
    return out


# A table of fiscal years down its side (予算額の推移): 「年度　当初予算額　補正予算額　執行額」 over 「令和4年度　2,480　－
# 2,391」, or 「年度　区分　予算額」 over 「令和6年度　2月補正予算　85,000」, closed by a 累計 or 合計 row; a last column of
# remarks (備考: 当初予算, 6月補正予算) may name each row's kind, and a うち column is a part of the row's first amount.
_YEAR_HEAD = re.compile(r"年度(?:別)?")
_KIND_HEAD = re.compile(r"区分|種別|内訳")  # a column naming each row's kind of money
_AMOUNT_HEAD = re.compile(r"予算|要求|要望|決算|執行|実績|補正|当初|事業費|金額|^うち")
_SUM_LABEL = re.compile(r"(?:累計|合計|総計|計|総額)(?:[(（][^()（）]{1,20}[)）])?")
_PART = "part"  # an amount column headed うち…: a part of the row's first amount


@dataclass(frozen=True)
class _YearRows:
    kind_column: bool  # the second column names each row's kind (区分)
    kinds: list[str | None]  # each amount column's status, _PART, or None for a column read past (増減, 対前年度比)
    remarks: bool  # a last column of words (備考) that may name the row's kind


def _kind_of(words: str) -> str | None:
    """The status a column's or a row's words name (補正 → supplementary, 執行 → actual), None when they name none."""
    if "執行" in words:
        return "actual"
    return next((label for marker, label in _COLUMN_STATUS if marker in words), None)


def _year_row_header(line: str) -> _YearRows | None:
    """A years-down table's header line, or None."""
    cells = _spaced_joined([cell for _, _, cell in cells_of(line)])
    if len(cells) < 2 or not _YEAR_HEAD.fullmatch(cells[0]):
        return None
    remarks = len(cells) > 2 and _REMARKS.fullmatch(cells[-1]) is not None
    kind_column = len(cells) > 2 + remarks and _KIND_HEAD.fullmatch(cells[1]) is not None
    amounts = cells[1 + kind_column : len(cells) - remarks]
    if not amounts or not all(_AMOUNT_HEAD.search(c) or _SKIP_COLUMN.search(c) for c in amounts):
        return None
    kinds = [None if _SKIP_COLUMN.search(c) else _PART if c.startswith("うち") else _kind_of(c) or "budget" for c in amounts]
    return _YearRows(kind_column, kinds, remarks)


def year_row_budgets(state: State) -> list[Budget]:
    """A table of fiscal years down its side under a unit caption: each cell the sheet's program's money for its
    row's year, of its column's kind (or the kind the row's 区分 or 備考 cell names); a 累計/合計 row is a total over
    the years of the rows above it."""
    text, result = state.text, state.result
    lines = lines_with_offsets(text)
    taken = {(b.start, b.end) for b in result.budgets}
    out: list[Budget] = []
    for i, (_, line) in enumerate(lines):
        header = _year_row_header(line)
        meaning = _unit_and_status(lines, i) if header else None
        if header is None or meaning is None:
            continue
        subject = _document_mention(text, result.mentions)
        years: list[int] = []
        for row_start, row_line in lines[i + 1 : i + 30]:
            row = _year_row(row_line, header)
            if row is None:
                break
            year, row_kind, figures = row
            whole: Budget | None = None
            for kind, (s, e, cell) in zip(header.kinds, figures, strict=True):
                start, end = row_start + s, row_start + e
                if kind is None or _EMPTY.match(cell) or _RATIO.fullmatch(cell) or (start, end) in taken:
                    continue
                status = "total" if year is None else row_kind if row_kind and kind in ("budget", _PART) else kind
                budget = _budget(state, cell, meaning[0], year, status, subject, start, end)
                if kind == _PART:
                    budget.status = whole.status if whole is not None else status
                    budget.part_of = whole.iri if whole is not None else None
                whole = whole or budget
                if year is None:
                    budget.fiscal_years = sorted(set(years))
                out.append(budget)
            if year is not None:
                years.append(year)
    return out


def _year_row(line: str, header: _YearRows) -> tuple[int | None, str | None, list[tuple[int, int, str]]] | None:
    """A row of a years-down table: (its year, None on a 累計/合計 row; the kind its 区分 or 備考 cell names; its
    amount cells), or None where the table has ended."""
    cells = cells_of(line)
    label = cells[0][2] if cells else ""
    year = next((d.year for d in find_dates(label) if d.fiscal and d.start == 0), None)
    if year is None and _SUM_LABEL.fullmatch(label) is None:
        return None
    # a 合計 row may leave the 区分 cell out; a remark may hold spaces
    kind_cell = header.kind_column and year is not None
    figures = cells[1 + kind_cell : 1 + kind_cell + len(header.kinds)]
    rest = cells[1 + kind_cell + len(header.kinds) :]
    if len(figures) < len(header.kinds) or rest and not header.remarks:
        return None
    if not all(_CELL.fullmatch(c) or _EMPTY.match(c) or _RATIO.fullmatch(c) for _, _, c in figures):
        return None
    words = (cells[1][2] if kind_cell else "") + "".join(c for _, _, c in rest)
    return year, _kind_of(re.sub(r"[(（][^()（）]*[)）]", "", words)), figures


def _finish(state: State) -> None:
    if state.passages:
        found = table_budgets(state)  # (it may take back lines read as running text: a table's cell with its unit)
        state.result.budgets += found
        state.result.budgets += column_budgets(state)
        state.result.budgets += bracketed_budgets(state)
        state.result.budgets += box_budgets(state)
        state.result.budgets += year_row_budgets(state)


COMPONENT = Component(
    "budget_tables",
    reads="whole text (tables with fiscal-year columns and a unit), mentions, result.budgets",
    writes="result.budgets: one line per table cell, with its row's subject, column's year and the caption's status",
    doc=__doc__ or "",
    finish=_finish,
)
