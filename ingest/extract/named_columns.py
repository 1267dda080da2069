"""Names in a table column whose header says what they are: under 構想名, 事業名 or 大学名 each cell is a name.

A flattened table keeps its columns apart with spaces (one, after ingest's normalization):

    大学名　　　　構想名　　　　　　　　　　連携自治体
    ○○大学　　　りんご産業DX共創構想　　　青森県・弘前市

A header line of two to eight cells, one of them a word for a kind of name (事業名, 構想名, プロジェクト名,
プログラム名, 制度名 → programs; 課題名, テーマ名, 研究開発課題名, 案件名 → projects; 大学名, 機関名, 法人名, 団体名,
企業名, 拠点名 → organisations), makes the cell in that column of each following row a name of that kind. A budget
table's item column counts too: 事項 (事業, 区分, 項目, 取組) first, beside columns of amounts (前年度予算額,
令和8年度要求額). A header's label may be spaced out a letter at a time (事　業　名), and its kinds may stand on a
second line under the years (令和7年度 令和8年度 / 予算額 要求額): that line is the header's, not a row. Rows of
costs or accounts under an item column (人件費, 一般管理費, 一般会計) are not programs.

Rows are read as a flattened table writes them: a row number with no column of its own (①, 1.) is not a cell; a
row with more cells than its header (a value written with a space) still has its name cell in place when only row
numbers stand before it; a row whose bracket stays open goes on on the next line; quotes around a title and a
short name after it (one with a space too: 「…開発(Q-SEED Core)」, a cell up to its closing bracket) and the
sheet's tag (新規, 拡充) are not part of the name. The table ends at a blank line or a row of another shape.

A table flattened one cell per line (a PDF's table read column by column within each row) is read too, when its
header starts with a column of row numbers: 番号 / 課題名 / 研究代表者 on lines of their own, then rows of as many
lines, each opening with its number (1, 2, …). So is one whose header stands on one line and whose rows are
stacked a cell per line beneath it, when the rows fill the block to its end. A field line with a colon
(課題名:…, プロジェクト名：…) names its value the same way.

Reads the whole text (``prepare``); writes spans (source ``pattern:column``, ``pattern:project`` under 課題名)
in the passages the cells fall in.
"""

from __future__ import annotations

import re

from ingest.extract.names import FUNDING_SOURCE, ORG_SUFFIX, PROGRAM_SUFFIX, is_generic, without_activity
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span
from ingest.extract.tables import SEPARATOR, cells_of, lines_with_offsets

_KINDS = (
    (re.compile(r"^(?:研究開発|研究|共同研究)?(?:課題|テーマ)名$|^案件名$"), "Program", "pattern:project"),
    (re.compile(r"^(?:事業|構想|プロジェクト|プログラム|制度|取組|施策)名(?:称)?$"), "Program", "pattern:column"),
    (re.compile(r"^(?:大学|機関|法人|団体|企業|拠点|研究機関|実施機関|代表機関)名(?:称)?$"), "Organization", "pattern:column"),
)
# A budget table's item column (事項 | 前年度予算額 | 令和8年度要求額): its cells are the programs the amounts are for.
_ITEM_HEADER = re.compile(r"^(?:事項|事業|区分|項目|取組)$")
_AMOUNT_HEADER = re.compile(r"予算|要求|要望|決算|金額")  # a budget column, not 支給額 (an allowance)
_AWARD_HEADER = re.compile(r"^(?:支援|助成|補助|配分)(?:額|金額|上限額)|^研究(?:開発)?費|^支援期間|^採択予定")
_NOT_ITEM = re.compile(r"^(?:合計|総計|小計|計|総額|その他|うち.*|内訳)$")
# A row of costs or accounts, not a program: 人件費, 一般管理費, 事業費; 一般会計, 復興特会, 一般勘定.
_COST_OR_ACCOUNT = re.compile(
    r"^.{0,4}(?:人件費|物件費|事業費|研究費|委託費|旅費|管理費|経費|事務費|庁費)(?:[(（][^()（）]{1,6}[)）])?$|(?:会計|特会|勘定)$"
)
_PERSON_COLUMN = re.compile(r"代表者|研究者|責任者|氏名|所属|役職")
_RULE = re.compile(r"[\u2500-\u257f―‐\-=＝━]{4,}")  # a line drawn across the table
_LETTER = re.compile(r"[\u3400-\u9fff\u3041-\u30ff]")  # one kanji or kana: a letter of a spaced-out label
_CELL_GAP = re.compile(r"\s+")  # ingest's normalized text keeps one space between a flattened table's cells
_BOX = re.compile(r"[\u2500-\u257f]+")  # a drawn table's border (┌─┬─┐) glued to its first line
MAX_ROWS = 60
_HEADER_CELL = re.compile(r"^[^。、\d]{1,24}$")  # a header cell: a short label, no sentence, no number
_VALUE = re.compile(r"[\d,.]+%?|[－\-―‐]")  # a number or an empty cell
# A row's number or letter in a column of its own (①, 1., (2), A, No.): not a name.
_INDEX_HEADER = re.compile(r"^(?:No\.?|番号|項番|区分|#)$")  # a header's column of row numbers
_INDEX = re.compile(r"^(?:[\u2460-\u2473]|[(（]?[0-9０-９]{1,2}[)）.．]?|[A-ZＡ-Ｚa-z][.．)）]?|No\.?)$")


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a flattened table line: text between bars or tabs when it has two or more, else between
    spaces, with their offsets (a border drawn in box characters is not a cell)."""
    if len(SEPARATOR.findall(line)) >= 2:
        return [(start, cell) for start, _, cell in cells_of(line)]
    out, pos = [], 0
    for gap in [*_CELL_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        cell = _BOX.sub(lambda m: " " * len(m.group()), line[pos:end])
        if cell.strip():
            out.append((pos + len(cell) - len(cell.lstrip()), cell.strip()))
        pos = gap.end() if gap else len(line)
    return _bracketed(line, _letter_spaced(out))


def _letter_spaced(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A header's label spaced out a letter at a time (「事　業　名」「取　組」) is one cell, not three."""
    out: list[tuple[int, str]] = []
    spaced = False  # the last cell so far is built of single letters
    for at, cell in cells:
        letter = _LETTER.fullmatch(cell) is not None
        if letter and spaced and at == out[-1][0] + 2 * len(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + cell)
            continue
        out.append((at, cell))
        spaced = letter
    return out


def _bracketed(line: str, cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A cell whose bracket closes in a later cell on the line is one with them: 「…開発(Q-SEED Core)」."""
    out: list[tuple[int, str]] = []
    open_at: int | None = None
    for at, cell in cells:
        if open_at is not None:
            start = out[-1][0]
            out[-1] = (start, line[start : at + len(cell)])
            if not _unclosed(out[-1][1]):
                open_at = None
            continue
        out.append((at, cell))
        if _unclosed(cell) and not _unclosed(line[at:]):
            open_at = at
    return out


def _header_kinds(header: list[tuple[int, str]], below: list[tuple[int, str]] = ()) -> dict[int, tuple[str, str]]:
    """The columns of a header line that name a kind of name: {column: (type, source)}. ``below`` is the header's
    second line, when it has one (「令和7年度 令和8年度」 over 「予算額 要求額」)."""
    kinds = {k: (kind, source) for k, (_, cell) in enumerate(header) for rx, kind, source in _KINDS if rx.match(cell)}
    if not kinds and header and _ITEM_HEADER.match(header[0][1]):
        if any(_AMOUNT_HEADER.search(cell) for _, cell in [*header[1:], *below]):
            kinds = {0: ("Program", "pattern:column")}
        # 「区分 支援期間 支援額 採択予定件数」: a call's kinds of award, each a part of the program
        elif any(_AWARD_HEADER.search(cell) for _, cell in header[1:]):
            kinds = {0: ("Program", "pattern:column")}
    return kinds


def _header_line(cells: list[tuple[int, str]], header: list[tuple[int, str]]) -> bool:
    """A header's second line: labels only, no more of them than the header has columns, one at least naming
    money (予算額 要求額 増△減額 under 令和7年度 令和8年度 対前年度)."""
    labels = [cell for _, cell in cells]
    return (
        0 < len(labels) <= len(header)
        and all(_HEADER_CELL.match(c) for c in labels)
        and any(re.search(r"額|予算|要求|要望", c) for c in labels)
    )


def _row_cells(row: list[tuple[int, str]], header: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A row's cells lined up with the header's: a leading row number with no column of its own is dropped."""
    if len(row) == len(header) + 1 and _INDEX.match(row[0][1]) and not _INDEX_HEADER.match(header[0][1]):
        return row[1:]
    return row


def _aligned(row: list[tuple[int, str]], header: list[tuple[int, str]], kinds: dict[int, tuple[str, str]]) -> bool:
    """Whether the row's name cells stand under their headers. Extra cells (a value written with a space,
    「1課題当たり 50,000千円」) do not shift the columns before them when those hold only row numbers."""
    if len(row) == len(header):
        return True
    if len(row) < 2:
        return False
    first = min(kinds)
    if set(kinds) == {0} and all(_VALUE.fullmatch(cell) for _, cell in row[1:]):
        return True  # a name column that comes first, heading a row of values
    if len(row) > len(header) and all(_PERSON_COLUMN.search(cell) for _, cell in header[max(kinds) + 1 :]):
        # 「区分 研究開発課題名 研究開発代表者（所属機関・役職）」: the extra cells are the person's name and post, written
        # with spaces in the last columns; the name columns before them stand in place
        return max(kinds) + 1 < len(header)
    return len(row) > len(header) and all(_INDEX.match(cell) for _, cell in row[:first])


def _unclosed(line: str) -> bool:
    """A row whose bracket is still open goes on on the next line (「山田 花子（熊本大学」 / 「大学院…）タイ」)."""
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


def _name_cell(cell: str) -> tuple[int, str] | None:
    """The name a cell holds, with its offset in the cell: quotes around a title are not part of it."""
    marker = re.match(r"(?:[\u2460-\u2473]|[(（]?[0-9０-９]{1,2}[)）.．])\s?(?=\S)", cell)  # 「①…型」: the row's number
    offset, cell = (marker.end(), cell[marker.end() :]) if marker else (0, cell)
    m = re.fullmatch(r"[「『](.+)[」』]", cell)
    at, name = (offset + 1, m.group(1)) if m else (offset, cell)
    # 「…構築事業（Facility-DT）1,600,000」: the row's first figure glued to the name's closing bracket is a cell of its own
    name = re.sub(r"(?<=[)）])[0-9０-９][0-9０-９,，.．]*$", "", name)
    name = re.sub(r"\s?[(（](?:新規|拡充|継続|一部新規)[)）]$", "", name)  # 「…プログラム(新規)」: the sheet's tag
    # its short name is a name of its own (「…開発(Q-SEED Core)」 too)
    name = re.sub(r"\s?[(（「][A-Za-z][A-Za-z0-9\-&]{1,11}(?: [A-Za-z][A-Za-z0-9\-&]{1,11})?[)）」]$", "", name)
    name = re.sub(r"\s?[(（][A-Z]{2,8}(?:・[A-Z]{2,8})+[)）]$", "", name)  # 「…支援(JST・AMED)」: the agencies running it
    name = without_activity(name)  # 「…網「SeaMesh」の整備」: the row names the thing the money is for, nickname and all
    name = re.sub(r"(?<=大学)大学院$", "", name)  # under 大学名, 「名古屋大学大学院」 names the university
    name = re.sub(r"\s?【[^】]{1,8}】$", "", name)  # 「…プログラム【新規】」: the sheet's tag, not the name
    if name.startswith(("(", "（")):
        return None  # 「(Global Talent …」: the English name wrapped under the row, not a row of its own
    if name.count("「") != name.count("」") or _unclosed(name):
        return None  # 「…プロジェクト「RareBridge」 cut at the space inside its quotes: not the whole name
    if len(name) < 3 or is_generic(name) or _NOT_ITEM.match(name.replace(" ", "")) or re.fullmatch(r"[\d,.\s－\-―]+", name):
        return None
    if _COST_OR_ACCOUNT.search(name) or FUNDING_SOURCE.match(name):
        return None  # 「人件費」「一般会計」「文部科学省補助金」: an item column's costs, accounts and sources of money
    if re.search(r"(?:[のとやをに・、]|による|における|及び|並びに|とする|する)$", name):
        return None  # 「…機能性食品素材の」: a title the row wraps onto its next line, cut mid-phrase
    return at, name


# A column's label that ends like a body's name: 担当府省, 所管省庁, 実施機関 (a header, not a name beside its kind).
_LABEL = re.compile(r"^(?:担当|所管|実施|主管|関係|申請|代表)[^\s]{1,4}$")
_NAME_END = re.compile(f"(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX})$")


def _field_line(header: list[tuple[int, str]], kinds: dict[int, tuple[str, str]]) -> bool:
    """A block of fields (プロジェクト名 / 研究期間 / 研究費, each with its value) opens with the kind word and a
    name beside it: the second cell is a name (a head noun, or longer than a column's label), not a label. A line
    of several fields (「案件名 …整備事業 借款契約額 312億円」) holds the name right after the kind word."""
    if len(header) == 2:
        value = header[1][1]
        return set(kinds) == {0} and (len(value) > 12 or _NAME_END.search(value) is not None)
    # 「研究課題名 日本側研究代表者(所属・役職) 相手国」: a header of several columns, labels only
    k = next(iter(kinds))
    beside = header[k + 1][1] if k + 1 < len(header) else ""
    return len(kinds) == 1 and _NAME_END.search(beside) is not None and not _LABEL.match(beside)


def column_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, type, source) of every cell under a column header naming a kind of name."""
    found = []
    numbered = lines_with_offsets(text)
    offsets, lines = [o for o, _ in numbered], [line for _, line in numbered]
    for i, line in enumerate(lines):
        header = _cells(line)
        if not 2 <= len(header) <= 8:
            continue
        below = _cells(lines[i + 1]) if i + 1 < len(lines) else []
        below = below if _header_line(below, header) else []
        kinds = _header_kinds(header, below)
        if not kinds:
            continue
        if _field_line(header, kinds):  # 「プロジェクト名　北極…プロジェクト」: a field and its value, not a header
            k = next(iter(kinds))
            kind, source = kinds[k]
            at = header[k + 1][0]
            named = _name_cell(line[at:].strip() if len(header) == 2 else header[k + 1][1])
            if named:
                start = offsets[i] + at + named[0]
                found.append((start, start + len(named[1]), named[1], kind, source))
            continue
        j = i + 2 if below else i + 1
        while j < min(len(lines), i + 1 + MAX_ROWS):
            if _RULE.fullmatch(lines[j].strip()):
                j += 1  # a rule drawn under the header or between rows
                continue
            if lines[j].lstrip().startswith(("※", "＊")):
                break  # 「※各府省への計上額：…」: a note under the table ends it
            row = _row_cells(_cells(lines[j]), header)
            if not _aligned(row, header, kinds):
                break
            for k, (kind, source) in kinds.items():
                at, cell = row[k]
                named = _name_cell(cell)
                if named:
                    start = offsets[j] + at + named[0]
                    found.append((start, start + len(named[1]), named[1], kind, source))
            j += 2 if _unclosed(lines[j]) and j + 1 < len(lines) and len(_cells(lines[j + 1])) < len(header) else 1
    return found


def vertical_column_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, type, source) of every cell under a name column of a one-cell-per-line table."""
    found = []
    numbered = lines_with_offsets(text)
    offsets, lines = [o for o, _ in numbered], [line.strip() for _, line in numbered]
    i = 0
    while i < len(lines):
        if not _INDEX_HEADER.match(lines[i]):
            i += 1
            continue
        width = next((w for w in range(2, 9) if i + w < len(lines) and lines[i + w] in ("1", "①")), 0)
        header = [(0, cell) for cell in lines[i : i + width]]
        kinds = _header_kinds(header) if width and all(_HEADER_CELL.match(c) for _, c in header) else {}
        if not kinds:
            i += 1
            continue
        row, number = i + width, 1
        while row + width <= len(lines) and lines[row] in (str(number), chr(0x2460 + number - 1)):
            for k, (kind, source) in kinds.items():
                named = _name_cell(lines[row + k])
                if named:
                    start = offsets[row + k] + len(numbered[row + k][1]) - len(numbered[row + k][1].lstrip()) + named[0]
                    found.append((start, start + len(named[1]), named[1], kind, source))
            row, number = row + width, number + 1
        i = row
    return found


_BLOCK_END = re.compile(r"^(?:[■□◆◇●○【＜<※]|\(?注)")  # a new heading or note ends a table


def stacked_column_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, type, source) of every name in a table whose rows are stacked a cell per line under
    a header written on one line (研究課題名 日本側研究代表者 相手国研究代表者 相手国, then four lines a row).
    The rows must fill the block exactly, so a paragraph after a header is never read as a table."""
    found = []
    numbered = lines_with_offsets(text)
    offsets, lines = [o for o, _ in numbered], [line.strip() for _, line in numbered]
    for i, line in enumerate(lines):
        header = _cells(line)
        kinds = _header_kinds(header) if 3 <= len(header) <= 8 else {}
        if not kinds or _field_line(header, kinds):
            continue
        end = i + 1
        while end < len(lines) and lines[end] and not _BLOCK_END.match(lines[end]):
            end += 1
        width, block = len(header), lines[i + 1 : end]
        if not block or len(block) % width or len(_cells(block[0])) >= width:
            continue  # no rows, rows that do not fill the block, or rows written across (column_names reads them)
        for row in range(i + 1, end, width):
            for k, (kind, source) in kinds.items():
                named = _name_cell(lines[row + k])
                if named and len(_cells(lines[row + k])) == 1:
                    start = offsets[row + k] + len(numbered[row + k][1]) - len(numbered[row + k][1].lstrip()) + named[0]
                    found.append((start, start + len(named[1]), named[1], kind, source))
    return found


# A field written with a colon: 「課題名:チリ沿岸の…評価」「事業名：… 実施機関：AMED」 (a block of fields per project).
_COLON_FIELD = re.compile(
    r"^[ \t\u3000]*(?:[・●○■◆◇]\s?)?(?P<label>[^\s:：]{2,12})[ \t\u3000]*[:：][ \t\u3000]*(?P<value>[^\n。:：]{4,80}?)"
    r"(?=[ \t\u3000]*$|[ \t\u3000]+[^\s:：]{2,12}[:：])",  # …up to the line's end or the next field on it
    re.M,
)


def colon_field_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, type, source) of the value of every 「kind名:value」 field line."""
    found = []
    for m in _COLON_FIELD.finditer(text):
        kind = next(((k, src) for rx, k, src in _KINDS if rx.match(m.group("label"))), None)
        named = _name_cell(m.group("value")) if kind else None
        if kind and named:
            start = m.start("value") + named[0]
            found.append((start, start + len(named[1]), named[1], kind[0], kind[1]))
    return found


def _prepare(state: State) -> None:
    text = state.text
    state.data["column_names"] = (
        column_names(text) + vertical_column_names(text) + stacked_column_names(text) + colon_field_names(text)
    )


def _spans(state: State) -> None:
    p = state.passage
    for start, end, surface, kind, source in state.data["column_names"]:
        if p.start <= start and end <= p.end:
            state.spans.append(Span(start, end, kind, surface, None, source, p.index))


COMPONENT = Component(
    "named_columns",
    reads="whole text (table headers naming a kind of name, their rows)",
    writes="spans: pattern:column (Program, Organization), pattern:project under 課題名",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
