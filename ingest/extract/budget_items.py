"""The items of a budget sheet's breakdown: 「１．研究マネジメント体制整備支援（新規）　1,500百万円」.

A budget request or budget sheet lists what the money is for as numbered lines, each a name, an optional tag
(新規・拡充・継続) and the item's amount at the end of the line (a bare figure with last year's in brackets when the
sheet states its unit: 「１．…の整備　4,800,000　（4,100,000）」), or a heading whose amounts stand on the next line
(an English name in brackets may come between). Each such name is a part of the program (a
Program of its own) and the subject of the amount on its line; the budget component gives that amount the
sheet's fiscal year and status (see ``budgets.ITEM_LINE``).

An item named by what it does (…の構築, …の開発) is typed stip:BudgetItem as well: an activity the sheet funds,
not a program with a name of its own. An item's nickname (…観測網「ブルーグリッド」) is one of its names. The
amount's label may stand between the name and the amount (「④…事業　令和8年度要求・要望額　4,300,000千円」). A sheet's
heading that says what its money does, standing over the box of its amounts (「…の戦略的強化」 over 「令和8年度要求・
要望額　268億円」), is such an activity too, and so is the line of a sheet's title block saying what its money is for
(「極域・海洋分野の研究開発の推進」, 「量子・光科学技術分野」): the subject of the sheet's total rows, never its program.
An item's name is a mention wherever else the sheet writes it as a word of
its own (the summary table's row above the item's block).

Reads: the whole text (the items' names), the passage text, then the mentions. Writes: Program spans (source
``pattern:budget-item``), extra types.
"""

from __future__ import annotations

import re

from ingest.extract.budgets import ITEM_LINE, ITEM_TAG, SHEET_TOPIC
from ingest.extract.names import ACTIVITY, PROGRAM_SUFFIX, without_activity
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import WORD_CHAR, Span

# Lines that look like items but total, qualify or restate money: 合計, うち…, 令和8年度予算額, 人件費.
# 「１課題あたり年間」「1拠点当たり」: an award's rate, not an item
_RATE_LABEL = re.compile(r"(?:あたり|当たり|につき)|(?:年間|年額|月額|程度)$")
_NOT_AN_ITEM = re.compile(r"^(?:合計|総計|小計|計|うち|内訳|その他)|(?:予算|要求|要望|補正|合計|費|額|計|規模)$|^(?:令和|平成)")
# 「…プログラム「R-MAP」」: the abbreviation in brackets after a program's name is not part of the name.
_TRAILING_ABBREVIATION = re.compile(r"^(?P<name>.+(?:プログラム|事業|制度|計画|支援|拠点))「[A-Za-z0-9\-]+」$")


# 「南極…掘削計画（Deep Ice Core Initiative：DICI）」: the English and short names after the item's are not part of it.
_TRAILING_ENGLISH = re.compile(r"\s?[（(][A-Za-z][^()（）]{0,80}[)）]$")
# An item heading on a line of its own, its amounts on the next: 「１．…「ブルーグリッド」の構築（拡充）」 over
# 「令和8年度要求額　3,480百万円（前年度予算額　2,710百万円）」. Its tag: （新規）, （新規拡充）, 【一部新規】.
_HEADING_ITEM = re.compile(
    r"^[\s　]*(?:[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、]|[①-⑳])[\s　]*(?P<name>[^\s　].*?)[\s　]*"
    rf"(?:{ITEM_TAG}|【[^】\n]{{1,8}}】)?[\s　]*$"
)
_AMOUNT_BELOW = re.compile(
    r"^[\s　]*(?:(?:令和|平成)\S{1,3}年度)?(?:要求・要望額|要求額|予算額|予算案|概算要求額)(?:[（(]案[)）])?"
    r"[\s　]*(?:約)?[0-9０-９]"
)
# Between a heading and its amounts: its English name in brackets, or a subtitle between 〜 〜.
_ASIDE = re.compile(r"^[\s　]*(?:[（(][A-Za-z][^()（）]*[)）]|[〜～~].*[〜～~])[\s　]*$")


def _below(lines: list[str], i: int, skip: re.Pattern[str] = _ASIDE) -> str:
    """The first line after line i that is neither blank nor an aside (nor another line ``skip`` passes over)."""
    for line in lines[i + 1 : i + 6]:
        if line.strip() and not _ASIDE.match(line) and not skip.match(line):
            return line
    return ""


# Under a unit caption (（単位：千円）), an item's amount may be a bare number, last year's in brackets after it:
# 「１．次世代海洋観測網「みおつくし」の構築　　6,812,400　（5,104,200）」.
FIGURE = r"(?:\d{1,3}(?:,\d{3})+|\d+)"  # a bare figure: 6,812,400
_FIGURES = rf"{FIGURE}[\s　]*[（(][\s　]*(?:{FIGURE}|[－\-―])[\s　]*[)）][\s　]*$"  # 「6,812,400　（5,104,200）」 ending a line
BARE_ITEM_LINE = re.compile(
    r"^[\s　]*(?:[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、]|[①-⑳])[\s　]*(?P<name>[^\s　].*?)[\s　]*"
    rf"(?:{ITEM_TAG})?[\s　]+{_FIGURES}"
)
_BARE_SHEET_LINE = re.compile(rf"^[\s　]*(?P<name>[^\s　]{{4,40}}?)[\s　]+{_FIGURES}")
# A row's next cell after the name's: a rate (2/3以内, 50%, 定額) or the body carrying the item out (株式会社…).
_NEXT_CELL = re.compile(
    r"[\s　]+(?=(?:\d+/\d+|\d+(?:\.\d+)?%|定額)(?:以内|以下|程度)?(?:[\s　]|$)"
    r"|(?:株式会社|有限会社|合同会社|国立大学法人|公立大学法人|学校法人|国立研究開発法人|(?:一般|公益)[社財]団法人)[^\s　]"
    r"|[^\s　]{2,30}(?:株式会社|有限会社|合同会社)(?:[\s　]|$))"
)
BRACKET_LEGEND = re.compile(r"[(（]\s*[)）]\s?内?は前年度(?:予算額|予算)|括弧内は前年度(?:予算額|予算)")
UNIT_CAPTION = re.compile(r"単位\s?[:：]\s?(?:億円|百万円|千円|万円)")


def item_name(line: str, next_line: str = "", captioned: bool = False) -> tuple[int, str, tuple[int, str] | None] | None:
    """Offset in the line and text of a budget item's name, and its nickname (offset, text) when it has one, or
    None when the line is no item. ``captioned``: the sheet states its unit, so an amount may be a bare number."""
    m = ITEM_LINE.match(line) or (_HEADING_ITEM.match(line) if _AMOUNT_BELOW.match(next_line) else None)
    if m is None and captioned:
        m = BARE_ITEM_LINE.match(line)
        # the sheet's own line, unnumbered, names what its money does (「海洋・極域研究の戦略的推進　23,067,480」)
        whole = _BARE_SHEET_LINE.match(line) if m is None else None
        m = m or (whole if whole and is_activity(whole.group("name")) else None)
        if m is not None and re.search(r"[\s　][\d,.]+(?:[\s　]|$)", m.group("name")):
            return None  # 「1.…事業　8,200　11,500」: a row of a table of several columns, not an item's line
    if m is None:
        return None
    name = _NEXT_CELL.split(_TRAILING_ENGLISH.sub("", m.group("name").strip()), maxsplit=1)[0]
    name = _TRAILING_ENGLISH.sub("", without_activity(name))  # 「…基盤（JODIS）の整備」 names the 基盤
    nicknamed = _NICKNAMED.match(name)
    trimmed = _TRAILING_ABBREVIATION.match(name) or nicknamed
    nickname = None
    if nicknamed:
        nickname = (m.start("name") + nicknamed.start("nick"), nicknamed.group("nick"))
    name = trimmed.group("name") if trimmed else name
    label = re.sub(r"[(（][^()（）]*[)）]$", "", name)  # 「総事業費（令和８～１２年度）」: a label and its years
    if len(name) < 4 or _NOT_AN_ITEM.search(label) or _RATE_LABEL.search(label) or re.search(r"[:：]", name):
        return None
    return m.start("name"), name, nickname


def _sheet_heading(lines: list[str], i: int) -> tuple[int, str, None] | None:
    """A sheet's heading standing alone over its amounts (「国際頭脳循環・国際共同研究の戦略的強化」 over 「令和8年度
    要求・要望額　268億円」) when it says what the money does: the subject of the sheet's amounts, an activity."""
    name = lines[i].strip()
    if not 6 <= len(name) <= 40 or re.search(r"[。、\s]", name):
        return None
    if not is_activity(name) or not _AMOUNT_BELOW.match(_below(lines, i, skip=_DATE_OR_ISSUER)):
        return None
    return lines[i].index(name), name, None


# A title block's date and issuing body between a sheet's heading and its amounts (「令和8年8月」「文部科学省 研究開発局」).
_DATE_OR_ISSUER = re.compile(
    r"^[\s　]*(?:(?:令和|平成)[0-9０-９元]{1,2}年[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|"
    r"[\u3400-\u9fff・]{2,20}(?:省|庁|府)(?:[\s　]+[\u3400-\u9fff・]{2,20}(?:局|部|課|室))*)[\s　]*$"
)


# A budget sheet's title block: its first lines, before any running text, with a budget word among them.
_SHEET_TITLE_WORD = re.compile(r"概算要求|予算|要求")
_SECTION_NUMBER = re.compile(r"[Ⅰ-Ⅻ0-9０-９①-⑳第]|[(（]")
_TOPIC_FIELD = re.compile(r"[\u3400-\u9fff・]分野$")  # 「量子・光科学技術分野」: the field a sheet's money is for


def sheet_topic(text: str, head_lines: int = 8) -> tuple[int, str] | None:
    """The line of a budget sheet's title block that says what the sheet's money is for (「極域・海洋分野の研究開発の
    推進」, 「量子・光科学技術分野」): the subject of the sheet's sums. Its document offset and name."""
    block: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if "。" in line or len(block) >= head_lines:
            break
        if line.strip():
            block.append((pos, line))
        pos += len(line) + 1
    if not any(_SHEET_TITLE_WORD.search(line) for _, line in block):
        return None
    for at, line in block:
        name = line.strip()
        if not 4 <= len(name) <= 40 or re.search(r"[\s、。:：()（）「」]", name) or _SHEET_TITLE_WORD.search(name):
            continue
        if _SECTION_NUMBER.match(name):
            continue  # 「Ⅲ．…の推進」: a section of the sheet, not its title block
        if is_activity(name) or _TOPIC_FIELD.search(name):
            return at + line.index(name), name
    return None


def _prepare(state: State) -> None:
    lines = state.text.split("\n")
    state.data["sheet_topic"] = sheet_topic(state.text)
    # the layout the bare figures belong to: a unit caption and a legend saying the bracketed figures are last year's
    captioned = UNIT_CAPTION.search(state.text) is not None and BRACKET_LEGEND.search(state.text) is not None
    state.data["captioned"] = captioned
    found = (item_name(line, _below(lines, i), captioned) for i, line in enumerate(lines))
    rows = _rows_with_blocks(lines)
    names = {f[1] for f in found if f is not None} | rows
    state.data["budget_items"] = sorted(names, key=len, reverse=True)
    # a row's item with no program's head noun (海底センサー実証) is what the money does: an activity, unless a
    # proper element names it (グローバル・フロンティア共同研究, Q-LEAD育成)
    state.data["row_activities"] = {
        name for name in rows if not re.search(f"{PROGRAM_SUFFIX}$", name) and not _PROPER.search(name)
    }


# A numbered or marked heading alone on its line (「 (1) 光伝送基盤実証」「●…拠点形成(拡充)」), and a numbered or
# うち row of figures (「(1) 光伝送基盤実証 1,900,000 2,400,000」「うち…ネットワーク(QUEST-J) 650,000 980,000」).
_NUMBER = r"[\s　]*(?:[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．]|[①-⑳])[\s　]*"
_MARK = r"[\s　]*[●■◆○◇][\s　]*"
_TAG = r"(?:[（(][^()（）]{1,20}[)）])*"  # its short name, （拡充）
_NUMBERED_HEADING = re.compile(rf"(?:{_NUMBER}|{_MARK})(?P<name>[^\s　、。:：（）()]{{4,30}}){_TAG}[\s　]*")
_NUMBERED_ROW = re.compile(
    rf"(?:{_NUMBER}|[\s　]*うち)(?P<name>[^\s　、。:：（）()]{{4,30}}){_TAG}(?:[\s　]+(?:{FIGURE}|[－\-―]))" + r"{2,4}[\s　]*"
)


_PROPER = re.compile(r"[ァ-ヶー]{2,}・[ァ-ヶー]|[A-Za-z]{2,}")


def _rows_with_blocks(lines: list[str]) -> set[str]:
    """Items a sheet's table lists by number with their figures (「(1) 光伝送基盤実証　1,900,000　2,400,000」) and
    describes in a numbered block of their own elsewhere (「(1) 光伝送基盤実証」 alone on its line): each is an item."""
    headings = {m.group("name") for line in lines if (m := _NUMBERED_HEADING.fullmatch(line))}
    rows = {m.group("name") for line in lines if (m := _NUMBERED_ROW.fullmatch(line))}
    both = {without_activity(name) for name in rows & headings}  # 「…基盤「BTX」の開発」: the named thing
    return {name for name in both if not _NOT_AN_ITEM.search(name) and not _RATE_LABEL.search(name)}


def _spans(state: State) -> None:
    passage, pos = state.passage, state.passage.start
    lines = passage.text.split("\n")
    items: set[int] = set()
    for i, line in enumerate(lines):
        found = item_name(line, _below(lines, i), state.data["captioned"]) or _sheet_heading(lines, i)
        if found is not None:
            start, name = pos + found[0], found[1]
            items.add(start)
            state.spans.append(Span(start, start + len(name), "Program", name, None, "pattern:budget-item", passage.index))
            if found[2] is not None:  # 「…観測網「ブルーグリッド」」: the nickname names the item too
                at, nick = pos + found[2][0], found[2][1]
                state.spans.append(Span(at, at + len(nick), "Program", nick, None, "pattern-abbr", passage.index, alias_of=start))
        pos += len(line) + 1
    topic = state.data["sheet_topic"]
    if topic is not None and passage.start <= topic[0] < passage.start + len(passage.text) and topic[0] not in items:
        start, name = topic
        items.add(start)
        state.spans.append(Span(start, start + len(name), "Program", name, None, SHEET_TOPIC, passage.index))
    # Another use of an item's name as a word of its own (a summary table's row 「④…事業　3,000,000　4,300,000」
    # above the item's own line), not inside a longer name
    for name in state.data["budget_items"]:
        for m in re.finditer(rf"(?<!{WORD_CHAR}){re.escape(name)}(?!{WORD_CHAR})", passage.text):
            if passage.start + m.start() not in items:
                start = passage.start + m.start()
                state.spans.append(Span(start, start + len(name), "Program", name, None, "pattern:budget-item", passage.index))


# An item named by what it does (全国ネットワークの構築, 予測モデルの開発: names.ACTIVITY) is an activity the sheet
# funds, not a program with a name of its own: it stays the subject of its line, typed stip:BudgetItem.


# 「…プラットフォーム「アグリ・ツイン」の開発」: a thing with a nickname, then what the money does with it; the item
# names the thing.
# A nickname is a katakana or Latin word (「ミマモリ」); a quoted theme (課題領域Ⅰ「超高齢社会の健康維持」) is the name.
_NICKNAMED = re.compile(
    rf"^(?P<name>[^「」]{{4,}}?)「(?P<nick>[\u30a0-\u30ffA-Za-z0-9\-]{{1,20}}(?: [A-Za-z0-9\-]{{1,12}})?)」"
    rf"(?:{ACTIVITY.pattern})?$"
)


def is_activity(name: str) -> bool:
    return ACTIVITY.search(name) is not None


def _type_activities(state: State) -> None:
    for m in state.result.mentions:
        entity = state.result.entities.get(m.key)
        activity = is_activity(m.surface) or m.surface in state.data.get("row_activities", ())
        if m.source == SHEET_TOPIC and entity is not None and not entity.curated and "BudgetItem" not in entity.extra_types:
            entity.extra_types.append("BudgetItem")
        if m.source == "pattern:budget-item" and entity is not None and not entity.curated and activity:
            if "BudgetItem" not in entity.extra_types:
                entity.extra_types.append("BudgetItem")


COMPONENT = Component(
    "budget_items",
    reads="whole text (item names), passage text; result.mentions and entities",
    writes="spans: the named items of a budget sheet's breakdown (Program); BudgetItem extra type of activities",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
    finish=_type_activities,
)
