"""Stage 2: Document → Document with clean text and a map back to raw character offsets.

PDF conversion leaves layout behind: full-width ASCII, vertical text one character per line, hard-wrapped
lines, letter-spaced headings (日 本 学 術), tables read down their columns one cell per line. We undo those while
recording, for every output character, the raw offset it came from, so provenance can always point into the original
file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ingest.records import Document

# Characters NFKC would flatten into something misleading: footnote marks (² → 2 glues onto numbers)
# and circled enumerators (① → 1).
_KEEP = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf]")
_HALFWIDTH_MARKS = "\uff9e\uff9f"
_BULLET = re.compile(
    r"^\s*(?:[（(]注\d*[）)]|注\d*[:：]|[○●◎◯・•▶▷■□◆◇※＊*\-–—→➢✓]|\(?\d{1,2}[\).．.、]|[①-⑳]|【|第[0-9一二三四五六七八九十百]+[条章節項]|[一二三四五六七八九十]+\s|[イロハニホヘト]\s|[（(][0-9一二三四五六七八九十]+[）)])"
)
_SENTENCE_END = "。．.!?！？:：」』）)"
_CJK = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"


@dataclass
class Mapped:
    text: str
    offsets: list[int]  # raw offset of each character of text

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Mapped:
        """Regex substitution that keeps the offset map; replacement characters map into the match."""
        out: list[str] = []
        offs: list[int] = []
        pos = 0
        for match in pattern.finditer(self.text):
            out.append(self.text[pos : match.start()])
            offs.extend(self.offsets[pos : match.start()])
            new = repl(match)
            span = match.end() - match.start()
            out.append(new)
            offs.extend(_map_replacement(new, match.group(0), self.offsets[match.start() : match.end()], span))
            pos = match.end()
        out.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        return Mapped("".join(out), offs)


def _map_replacement(new: str, old: str, old_offsets: list[int], span: int) -> list[int]:
    # Deletion-only replacements (the common case) keep each surviving character's own offset.
    result: list[int] = []
    j = 0
    for ch in new:
        while j < len(old) and old[j] != ch:
            j += 1
        if j < len(old):
            result.append(old_offsets[j])
            j += 1
        else:
            result.append(old_offsets[min(len(result), span - 1)] if old_offsets else 0)
    return result


def nfkc(text: str) -> Mapped:
    """NFKC per character cluster (base + combining marks) so each output char knows its source."""
    out: list[str] = []
    offs: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _HALFWIDTH_MARKS):
            j += 1
        cluster = text[i:j]
        norm = cluster if _KEEP.match(cluster) else unicodedata.normalize("NFKC", cluster)
        out.append(norm)
        offs.extend([i] * len(norm))
        i = j
    return Mapped("".join(out), offs)


_VERTICAL_RUN = re.compile(r"(?:^[^\S\n]*\S[^\S\n]*\n){3,}", re.M)
_LETTER_SPACED = re.compile(rf"^(?:[{_CJK}] ){{2,}}[{_CJK}] ?$", re.M)
_SPACES = re.compile(r"[^\S\n]+")
_TRAILING = re.compile(r"[^\S\n]+$", re.M)
_LEADING = re.compile(r"^[^\S\n]+", re.M)
_BLANKS = re.compile(r"\n{3,}")
_MARKDOWN_BOLD = re.compile(r"\*\*(?=\S)([^*\n]{1,200}?)\*\*")


def rejoin_vertical(m: Mapped) -> Mapped:
    """Runs of one-character lines are vertical text: join them into one line."""
    return m.sub(_VERTICAL_RUN, lambda mt: mt.group(0).replace("\n", "").replace(" ", "") + "\n")


def unspace_letters(m: Mapped) -> Mapped:
    """「日 本 学 術 振 興 会」 → 「日本学術振興会」."""
    return m.sub(_LETTER_SPACED, lambda mt: mt.group(0).replace(" ", ""))


def collapse_whitespace(m: Mapped) -> Mapped:
    m = m.sub(_SPACES, lambda mt: " ")
    m = m.sub(_TRAILING, lambda mt: "")
    m = m.sub(_LEADING, lambda mt: "")
    return m


_SUBTITLE_LINE = re.compile(r"^\s*([―〜～~—－])[^\n]{2,80}\1\s*$")
_LABEL_GAP = re.compile(rf"[{_CJK}]{{2,8}} (?=\S)")
_CELL_GAP = re.compile(rf"[{_CJK}] (?=[{_CJK}])")


def _table_rows(line: str, next_line: str) -> bool:
    """Two rows of a flattened table (cells between spaces, 「1 …の開発 株式会社… 38.0」), or a field and the next
    field (「日本側代表者:…」): not one wrapped line. Joining them would also glue the last cell's number to the next
    row's (38.0 + 2 → 38.02)."""
    numbers_meet = line[-1:].isdigit() and next_line[:1].isdigit()
    # (a row labelled by a letter: 「B スタートアップ挑戦枠 300万円/年 …」)
    label = re.match(rf"(?:\d{{1,3}}|[\u2460-\u2473]|[A-Z](?=[ ][{_CJK}])) ", next_line)
    numbered_row = label is not None and next_line.count(" ") >= 2
    field = re.match(r"[^\s:：、。()（）]{2,12}[:：]", next_line) is not None  # 「日本側代表者:…」 opens a field
    # 「課題名　…」 over 「日本側代表　…」: two lines each opening with a short label and a gap are fields, not prose
    # (Japanese prose puts no space after its first word).
    fields = _LABEL_GAP.match(line) is not None and _LABEL_GAP.match(next_line) is not None
    row = line.count(" ") >= 2 and (numbered_row or line[-1:].isdigit())
    # 「同 宮永 沙耶 …機構 室長」 over 「関係省庁 文部科学省 …」: prose puts no space between two Japanese characters
    # (but around a spaced name) and has commas; lines of no commas that do so twice or more are a list's cells.
    gaps = len(_CELL_GAP.findall(line)) >= 2 and len(_CELL_GAP.findall(next_line)) >= 2
    cells = gaps and not re.search("[、。]", line + next_line)
    # rows of a table drawn with bars (|①…| 72.0 | 51.5 |, or box-drawing │)
    bars = len(_BAR.findall(line)) >= 2 and len(_BAR.findall(next_line)) >= 2
    # 「…事業 6,820,400 8,915,000 拡充」: a row whose figures stand in columns, a remark after them; a rule between rows
    figures = _FIGURE_CELLS.search(line) is not None
    # 「…機構(QST) 5,400,000千円」 over 「…研究所 4,300,000千円」: entries of a list of amounts, one per line
    amounts = _AMOUNT_END.search(line) is not None and _AMOUNT_END.search(next_line) is not None
    # 「…枠 2/3以内 10,000千円 2,000千円 最長2か年度」 over 「…枠 1/2以内 15,000千円 …」: two cells of money on each line
    money = len(_MONEY_CELL.findall(line)) >= 2 and len(_MONEY_CELL.findall(next_line)) >= 2
    rule = _RULE_LINE.fullmatch(line) is not None or _RULE_LINE.fullmatch(next_line) is not None
    return numbers_meet or field or fields or _header_row(line) or row or cells or bars or figures or amounts or money or rule


_FIGURE_CELLS = re.compile(r"(?:^| )\d[\d,.]* (?:\d[\d,.]*|[―－\-])(?: |$)")
_AMOUNT_END = re.compile(r"\d(?:兆|億|千万|百万|万|千)?円$")
_MONEY_CELL = re.compile(r"(?:^| )[\d,.]+(?:兆|億|千万|百万|万|千)?円(?= |$)")
_RULE_LINE = re.compile(r"[\u2500-\u257f\-－―=＝_]{8,}")  # a rule, box-drawing corners (┌─┬─┐) included
_BAR = re.compile(r"[|｜│┃]")


_YEARS_WRITTEN = re.compile(r"(?:令和|平成)[0-9元]{1,2}年度?|(?:19|20)\d\d年度?|(?<![A-Za-z])R[0-9]{1,2}(?![0-9])")


def _header_row(line: str) -> bool:
    """A table's header or row (研究課題名 日本側研究代表者(所属・役職) 相手国): three or more short labels between
    spaces, two of them Japanese, no sentence or number among them. Its last cell is not continued by the next row."""
    cells = line.split(" ")
    # a column's year is part of its label (令和7年度予算額, R8要求)
    labels = all(0 < len(c) <= 24 and not re.search(r"[、。,.\d]", _YEARS_WRITTEN.sub("", c)) for c in cells)
    japanese = sum(1 for c in cells if re.search(rf"[{_CJK}]", c))
    return len(cells) >= 3 and labels and japanese >= 2


_CELL_INDENT = 6  # whitespace characters: deeper than a paragraph's indent, a line set under a table's column


def _column_continuation(raw: str, raw_start: int, prev_line: str) -> bool:
    """The next line stands deep under a column of the row above (「１　…実証　株式会社A」 over 「　　　　　　　株式会社B」):
    a second entry of that cell, not the row's text wrapped; joined, two names would run together."""
    indent = raw[raw.rfind("\n", 0, raw_start) + 1 : raw_start]
    return prev_line.count(" ") >= 2 and len(indent) >= _CELL_INDENT and not indent.strip()


# two or more blanks, or an ideographic one, inside a line: a gap between cells
_WIDE_GAP = re.compile(r"(?<=\S)(?:[^\S\n]{2,}|\u3000)(?=\S)")


def _spaced_cells(raw: str, raw_end: int) -> bool:
    """The raw line ending at ``raw_end`` sets three or more cells apart with wide or ideographic gaps (「…枠（Go Abroad
    Track）　日本学術振興会　１人当たり…」), ends in a short cell and has no comma or full stop: a table's row.
    Collapsing blanks hides these gaps, and Japanese prose, wrapped or not, puts no blank between its words (English
    prose puts one ASCII space)."""
    line = raw[raw.rfind("\n", 0, raw_end) + 1 : raw_end + 1].strip()
    cells = _WIDE_GAP.split(line)
    # A statute's definition (「二　用語　…法（…）第二条第一項に規定する…」) is spaced so too, but its last cell is
    # the definition's text, most of the line, running on; a row's last cell is short (18課題, 12億円).
    # A cell may list things with 、 (「研究開発費、設備費、人件費」) when four or more cells stand apart.
    listed = len(cells) >= 4 and "。" not in line
    return len(cells) >= 3 and len(cells[-1]) <= 0.6 * len(line) and (listed or not re.search("[、。]", line))


def unwrap_lines(m: Mapped, raw: str = "") -> Mapped:
    """Join hard-wrapped lines: a line that fills the page width and does not end a sentence continues. ``raw`` is
    the text the offsets point into, which still has each line's indentation."""
    lines = m.text.split("\n")
    lengths = sorted(len(line) for line in lines if len(line) >= 8)
    if len(lengths) < 5:
        return m
    width = lengths[int(len(lengths) * 0.8)]
    wrapped = sum(1 for n in lengths if 0.85 * width <= n <= width + 2) / len(lengths)
    # A blank line between wrapped lines only means "continued" when the whole document is wrapped so.
    double_spaced = wrapped >= 0.35 and m.text.count("\n\n") > 0.3 * m.text.count("\n")
    pattern = re.compile(r"\n\n" if double_spaced else r"\n(?!\n)")

    def join(mt: re.Match[str]) -> str:
        before = m.text[max(0, mt.start() - width - 1) : mt.start()]
        prev_line = before.rsplit("\n", 1)[-1]
        after = m.text[mt.end() : mt.end() + 12]
        full = max(8, int(width * 0.85)) <= len(prev_line) <= width + 2
        if full and prev_line and prev_line[-1] not in _SENTENCE_END and after and not _BULLET.match(after):
            end = m.text.find("\n", mt.end())
            next_line = m.text[mt.end() : end if end >= 0 else len(m.text)]
            subtitle = _SUBTITLE_LINE.match(next_line) is not None  # 「― One Health Asia Call 2026 ―」 under a title
            cell = bool(raw) and mt.end() < len(m.offsets) and _column_continuation(raw, m.offsets[mt.end()], prev_line)
            # (read whole too: a row of cells longer than the page width shows them all only whole)
            row = m.text[m.text.rfind("\n", 0, mt.start()) + 1 : mt.start()]
            cells = len(_CELL_GAP.findall(row)) >= 2 and not re.search("[、。]", row)
            rows = _table_rows(prev_line, next_line) or (cells and _table_rows(row, next_line))
            rows = rows or (bool(raw) and _spaced_cells(raw, m.offsets[mt.start() - 1]))
            return mt.group(0) if subtitle or cell or rows else ""
        return mt.group(0)

    return m.sub(pattern, join)


# A column's heading in a table written one cell per line: a year or a kind of money (令和7年度予算額, 対前年度増減).
_COLUMN_WORD = re.compile(r"予算|要求|要望|決算|実績|執行|補正|当初|増減|比較|備考|^(?:合計|累計)$")
_ROW_LABEL = re.compile(r"[^\d\s:：。、]{1,8}")  # 区分, 事業名, 項目: the label column's heading
_FIGURE = re.compile(r"[+＋▲△\-－]?[\d,.]+(?:兆|億|千万|百万|万|千)?円?|[―－\-‐ー—…*]|皆増|皆減")


def _column_head(line: str) -> bool:
    plain = 0 < len(line) <= 16 and " " not in line and not re.search(r"単位|[:：■□●◆【〔]", line)
    return plain and bool(_YEARS_WRITTEN.search(line) or _COLUMN_WORD.search(line))


def _vertical_table(lines: list[str], i: int) -> list[int]:
    """The lines whose line breaks end cells, not rows, of a table written one cell per line from line ``i``: its
    header (「区分」「令和7年度予算額」「令和8年度予算額（案）」 each on a line) and, when its rows are written so too,
    each row's cells after the label. Empty when no such table starts there."""
    label = _ROW_LABEL.fullmatch(lines[i]) is not None and not _column_head(lines[i])
    j = i + 1 if label else i
    while j < len(lines) and _column_head(lines[j]):
        j += 1
    columns = j - (i + 1 if label else i)
    if columns < 2 or columns + label < 3:
        return []
    joins = list(range(i, j - 1))  # the header's cells on one line
    width = columns + 1
    across = width if label else columns  # (under a header of years alone a row may have no label)
    if j < len(lines) and len(lines[j].split(" ")) >= across and re.search(r"\d", lines[j]):
        return joins  # rows written across: only the header was set down
    rows = 0
    while j + width <= len(lines) and not _FIGURE.fullmatch(lines[j]) and " " not in lines[j]:
        cells = lines[j + 1 : j + width]
        if not all(_FIGURE.fullmatch(c) for c in cells):
            break
        joins += range(j, j + width - 1)
        j, rows = j + width, rows + 1
    return joins if rows else []


def fold_vertical_tables(m: Mapped) -> Mapped:
    """A table converted one cell per line (a PDF's columns read down) set back into rows: each line break that ends
    a cell becomes a space, so the header and each row stand on one line. Same length: offsets are unchanged."""
    lines = m.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    chars = list(m.text)
    i = 0
    while i < len(lines):
        joins = _vertical_table(lines, i)
        for k in joins:
            chars[starts[k] + len(lines[k])] = " "
        i = max(joins) + 2 if joins else i + 1
    return Mapped("".join(chars), m.offsets)


def normalize(doc: Document) -> Document:
    """NFKC (keeping footnote marks), rejoin vertical and letter-spaced text, unwrap lines, tidy spaces."""
    m = nfkc(doc.text).sub(re.compile(r"\r\n?"), lambda mt: "\n")
    m = m.sub(_MARKDOWN_BOLD, lambda mt: mt.group(1))  # converters leave **emphasis** behind
    m = collapse_whitespace(m)
    m = fold_vertical_tables(m)
    m = rejoin_vertical(m)
    m = unspace_letters(m)
    m = unwrap_lines(m, doc.text)
    m = m.sub(_BLANKS, lambda mt: "\n\n")
    text = m.text.strip("\n")
    lead = len(m.text) - len(m.text.lstrip("\n"))
    offsets = m.offsets[lead : lead + len(text)]
    if doc.offset_map:  # normalizing twice composes the maps
        offsets = [doc.offset_map[o] for o in offsets]
    return Document(doc.source, doc.media_type, text, doc.content_hash, offsets)
