"""Names in a table column whose header says what they are: under 構想名, 事業名 or 大学名 each cell is a name.

A flattened table keeps its columns apart with spaces (one, after ingest's normalization):

    大学名　　　　構想名　　　　　　　　　　連携自治体
    ○○大学　　　りんご産業DX共創構想　　　青森県・弘前市

A header line of two to eight cells, one of them a word for a kind of name (事業名, 構想名, プロジェクト名,
プログラム名, 制度名, 課題名 → programs and projects; 大学名, 機関名, 法人名, 団体名, 企業名, 拠点名 →
organisations), makes the cell in that column of each following row with as many cells a name of that kind. The
table ends at a blank line or a row with another number of cells (for a name column that comes first: a row
of one cell).

Reads the whole text (``prepare``); writes spans (source ``pattern:column``, ``pattern:project`` under 課題名)
in the passages the cells fall in.
"""

from __future__ import annotations

import re

from ingest.extract.names import is_generic
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span
from ingest.extract.tables import lines_with_offsets

_KINDS = (
    (re.compile(r"^(?:研究)?課題名$"), "Program", "pattern:project"),
    (re.compile(r"^(?:事業|構想|プロジェクト|プログラム|制度|取組)名(?:称)?$"), "Program", "pattern:column"),
    (re.compile(r"^(?:大学|機関|法人|団体|企業|拠点|研究機関|実施機関|代表機関)名(?:称)?$"), "Organization", "pattern:column"),
)
_CELL_GAP = re.compile(r"\s+")  # ingest's normalized text keeps one space between a flattened table's cells
_BOX = re.compile(r"[\u2500-\u257f]+")  # a drawn table's border (┌─┬─┐) glued to its first line
MAX_ROWS = 60
_VALUE = re.compile(r"[\d,.]+%?|[－\-―‐]")  # a number or an empty cell


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a flattened table line: text between spaces, with their offsets (a border drawn in box
    characters is not a cell)."""
    out, pos = [], 0
    for gap in [*_CELL_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        cell = _BOX.sub(lambda m: " " * len(m.group()), line[pos:end])
        if cell.strip():
            out.append((pos + len(cell) - len(cell.lstrip()), cell.strip()))
        pos = gap.end() if gap else len(line)
    return out


def column_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, type, source) of every cell under a column header naming a kind of name."""
    found = []
    numbered = lines_with_offsets(text)
    offsets, lines = [o for o, _ in numbered], [line for _, line in numbered]
    for i, line in enumerate(lines):
        header = _cells(line)
        if not 2 <= len(header) <= 8:
            continue
        kinds = {k: (kind, source) for k, (_, cell) in enumerate(header) for rx, kind, source in _KINDS if rx.match(cell)}
        if not kinds:
            continue
        for j in range(i + 1, min(len(lines), i + 1 + MAX_ROWS)):
            row = _cells(lines[j])
            # A name column that comes first may head a row of values whatever the header's cells split into.
            values = len(row) >= 2 and all(_VALUE.fullmatch(cell) for _, cell in row[1:])
            aligned = len(row) == len(header) or (set(kinds) == {0} and values)
            if not aligned:
                break
            for k, (kind, source) in kinds.items():
                at, cell = row[k]
                if len(cell) >= 3 and not is_generic(cell) and not re.fullmatch(r"[\d,.\s－\-―]+", cell):
                    start = offsets[j] + at
                    found.append((start, start + len(cell), cell, kind, source))
    return found


def _prepare(state: State) -> None:
    state.data["column_names"] = column_names(state.text)


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
