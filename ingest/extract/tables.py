"""Flattened statistics tables → observations (one per cell), in the spirit of the W3C Data Cube.

A table is found by its header line: at least two year columns (2010 2019 …) or three country columns
(米国 フランス イギリス …). Each following line whose label is followed by at least as many numbers as
there are columns is a row; each number becomes an observation with its row label, column label, unit,
the country and year it refers to (when a label is one), and the span of the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.vocab import Vocabulary

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_NUMBER = re.compile(r"(?P<neg>▲\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>%|名|人|件|機関|か国|校)?")
_MISSING = re.compile(r"不明|―|-(?=\s|$)")
_PAREN_NUMBER = re.compile(r"[(（]\s?\d[\d,]*\s?[名人件]?\s?[)）]")
_FOOTNOTE = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u209f]|\*\d")
_GLUED_ROW = re.compile(r"(?<=\d)(?![名人件校]|機関|か国)(?=[\u3040-\u30ff\u3400-\u9fffA-Za-z(（])")


@dataclass
class Cell:
    start: int
    end: int
    row: str
    column: str
    value: Decimal
    unit: str
    country: str | None = None  # IRI of a country the row or column names
    year: int | None = None


@dataclass
class Table:
    caption: str
    start: int
    columns: list[str]
    cells: list[Cell] = field(default_factory=list)


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line of a text with the offset it starts at."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


# A table of contents' entry: its title, leaders and a page number (「第2章 公募の概要 ……… 2」「１．…事業　・・・・　１」).
CONTENTS_ENTRY = re.compile(r"(?:[.．…‥・]{3,}|[.．…‥]{2,}\s*)\s*[-－]?\s*\d{1,3}\s*[-－]?$")

# Cells split by bars or tabs (「事業名｜所管｜令和6年度」, a web page's table or a Markdown row): two or more separators.
SEPARATOR = re.compile(r"\s*[｜|│┃\t]\s*")  # between a table's cells: a bar (box-drawing too) or a tab


# 「…ユニット（BRIDGE-X）2,100,000」: a narrow column leaves no space between a bracketed name and the first figure
_GLUED_FIGURE = re.compile(r"(?<=[)）])(?=\d{1,3}(?:,\d{3})+(?:\.\d+)?$)")


def _unglued(start: int, token: str) -> list[tuple[int, int, str]]:
    """A space-separated token, split where a grouped figure is glued to the bracket closing a label."""
    glue = _GLUED_FIGURE.search(token)
    if glue is None:
        return [(start, start + len(token), token)]
    k = glue.start()
    return [(start, start + k, token[:k]), (start + k, start + len(token), token[k:])]


def cells_of(line: str) -> list[tuple[int, int, str]]:
    """A table line's cells (start, end, text): the pieces between bars or tabs when it has two or more, else its
    space-separated tokens. A bar at either edge (「| a | b |」) opens or closes the row, not an empty cell."""
    separators = list(SEPARATOR.finditer(line))
    if len(separators) < 2:
        return [piece for m in re.finditer(r"\S+", line) for piece in _unglued(m.start(), m.group())]
    cells, pos = [], 0
    for sep in [*separators, None]:
        end = sep.start() if sep is not None else len(line.rstrip())
        piece = line[pos:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            cells.append((pos + lead, end, piece.strip()))
        elif 0 < pos and sep is not None:  # an empty cell inside the row
            cells.append((pos, pos, ""))
        pos = sep.end() if sep is not None else end
    return cells


def _header(line: str, vocab: Vocabulary) -> tuple[str, list[str]] | None:
    tokens = line.split()
    years = [t for t in tokens if _YEAR.match(t)]
    if len(years) >= 2:
        first = tokens.index(years[0])
        return " ".join(tokens[:first]), tokens[first:]
    countries = [t for t in tokens if (e := vocab.lookup(t)) is not None and e.type in ("Country", "Region")]
    if len(countries) >= 3 and len(countries) >= len(tokens) - 2:
        first = tokens.index(countries[0])
        return " ".join(tokens[:first]), tokens[first:]
    return None


def _caption(lines: list[tuple[int, str]], index: int) -> str:
    for _, line in reversed(lines[max(0, index - 6) : index]):
        line = line.strip()
        if line and not line.startswith(("※", "*", "出典")) and not _NUMBER.search(line[:4] if line else ""):
            return line[:80]
    return ""


def _row_cells(segment: str, seg_start: int, columns: list[str]) -> tuple[str, list[tuple[int, int, Decimal, str]]] | None:
    body = _FOOTNOTE.sub(lambda m: " " * len(m.group(0)), segment)
    body = _PAREN_NUMBER.sub(lambda m: " " * len(m.group(0)), body)  # 「(153名)」 is a sub-count of the cell before
    first = _NUMBER.search(body)
    if first is None or first.start() == 0:
        return None
    missing_lead = _MISSING.search(body, 0, first.start())
    if missing_lead:  # 「科学・工学 不明 193 …」: the first cell is missing, not part of the label
        first = missing_lead
    label = re.sub(r"\s+", " ", body[: first.start()]).strip(" :")
    if not label or len(label) > 40 or label.endswith((";", "；", "。", "、", ",")) or not re.search(r"[^\W\d_]", label):
        return None
    cells: list[tuple[int, int, Decimal, str]] = []
    pos = first.start()
    while pos < len(body) and len(cells) < len(columns):
        m = _NUMBER.search(body, pos)
        gap = body[pos : m.start()] if m else body[pos:]
        for _ in _MISSING.finditer(gap):
            cells.append((seg_start + pos, seg_start + pos, Decimal("NaN"), ""))
        if m is None:
            break
        value = Decimal(m.group("num").replace(",", ""))
        if m.group("neg"):
            value = -value
        cells.append((seg_start + m.start(), seg_start + m.end(), value, m.group("unit") or ""))
        pos = m.end()
    if len(cells) < len(columns):
        return None
    return label, cells[: len(columns)]


def find_tables(text: str, vocab: Vocabulary) -> list[Table]:
    """Every flattened table in a normalized document text, with its cells as observations."""
    lines = lines_with_offsets(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        header = _header(line, vocab)
        if header is None:
            i += 1
            continue
        _, columns = header
        table = Table(_caption(lines, i), start, columns)
        parsed_rows: list[tuple[str, list[tuple[int, int, Decimal, str]]]] = []
        misses = 0
        j = i + 1
        while j < len(lines) and misses < 5:
            row_start, row_line = lines[j]
            if _header(row_line, vocab) is not None:
                break  # the next table starts
            found = False
            for seg_off, segment in _split_glued(row_line):
                parsed = _row_cells(segment, row_start + seg_off, columns)
                if parsed:
                    found = True
                    parsed_rows.append(parsed)
            misses = 0 if found else misses + (1 if row_line.strip() else 0)
            j += 1
        # A label repeated under several rows (「科学・工学」, 「その他」) is a breakdown of the row above it.
        counts: dict[str, int] = {}
        for label, _ in parsed_rows:
            counts[label] = counts.get(label, 0) + 1
        parent = None
        for label, cells in parsed_rows:
            if _country_of(label, vocab):
                parent = label
            elif parent and counts[label] > 1:
                label = f"{parent} {label}"
            for column, (s, e, value, unit) in zip(columns, cells, strict=True):
                if not value.is_nan():
                    table.cells.append(_cell(s, e, label, column, value, unit, vocab))
        rows = len(parsed_rows)
        if rows >= 2:
            tables.append(table)
        i = j
    return tables


def _split_glued(line: str) -> list[tuple[int, str]]:
    """A row glued to the next (「6,305科学・工学 3,457…」) is cut where a label starts after a number."""
    cuts = [0] + [m.start() for m in _GLUED_ROW.finditer(line)] + [len(line)]
    return [(a, line[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if line[a:b].strip()]


def _country_of(label: str, vocab: Vocabulary) -> str | None:
    entry = vocab.lookup(re.sub(r"[(（].*", "", label).split(" ")[0].strip())
    return entry.iri if entry is not None and entry.type == "Country" else None


def _cell(s: int, e: int, row: str, column: str, value: Decimal, unit: str, vocab: Vocabulary) -> Cell:
    country = _country_of(row, vocab) or _country_of(column, vocab)
    year = int(column) if _YEAR.match(column) else None
    return Cell(s, e, row, column, value, unit, country, year)
