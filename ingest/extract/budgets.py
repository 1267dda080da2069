"""Budget lines: an amount, its fiscal year, its status and the program or organisation it belongs to.

The fiscal year is the nearest 年度 before the amount on its line (or the lines just above), else a
note covering a whole list (「※いずれも令和４年度予算額（案）」), else a 年度 right after the amount.
「前年度予算額」 is the year before the list's year.

The status is what the amount's line says before it (要求額, 前年度予算額, 補正予算…), or right after it (「…2億円程度を
要求する」「…を補正予算案に計上」), else the block's heading; a sheet's
legend (「令和8年度要求額（前年度予算額）」) names its plain and bracketed figures; a year's budget stated beside the next
year's figure is last year's; rows under a results heading (■これまでの実績) are money spent; an increase said after its
amount (「…の増額」) is no line. Parts listed after うち or in a sentence opening with うち or 内訳 take their line's year
and status, each part the program named before it or, named
after a body, that body as recipient. An agency's share (「（JST:20億円 AMED:10億円）」) is a part of the line it follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ingest.dates import DateMention, find_dates
from ingest.extract.amounts import Amount, find_amounts
from ingest.extract.names import HUB_NAME, is_call
from ingest.extract.pipeline import Component, State
from ingest.extract.tables import CONTENTS_ENTRY
from ingest.records import Budget, Mention, Passage
from kg.iris import Iris

_STATUS = (
    ("前年度予算額", "previous-year budget"),
    ("補正予算", "supplementary budget"),
    ("予算額(案)", "budget request"),
    ("予算(案)", "budget request"),
    ("予算案", "budget request"),
    ("概算要求", "budget request"),
    ("要求・要望額", "budget request"),
    ("要求額", "budget request"),
    ("要望額", "budget request"),
    ("当初予算", "budget"),
    ("予算額", "budget"),
    ("予算", "budget"),
    ("実績", "actual"),
    ("決算", "actual"),
    ("執行額", "actual"),  # 「2024年度執行額：2,784,512千円」: money spent
    ("積み立てる額", "budget"),  # 「令和八年度において基金に積み立てる額は、…三十億円」: that year's money paid in
    ("積立額", "budget"),
    ("基金", "fund size"),
    ("ファンド", "fund size"),
)
# A line of a sheet's breakdown: an enumerator, a name, an optional tag, a gap and the item's amount.
# An item's tag in brackets after its name: 「（新規）」「（拡充・見直し）」, or a note opening with one (「（新規枠の拡大）」).
# …or a count of what it funds (「（年間20名程度）」「（8社）」): a note on the item, no part of its name.
ITEM_TAG = (
    r"[（(](?:(?:(?:新規|拡充|継続|一部新規|組替え?|見直し)[・、]?)+[^()（）\n]{0,12}"
    r"|[^()（）\n]{0,6}?[0-9０-９]+\s?(?:名|人|件|社|課題|機関|拠点|か国|カ国|回)(?:程度|以内|まで)?)[)）]"
)
ITEM_LINE = re.compile(
    r"^[\s　]*(?:[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]|[0-9０-９]{1,2}[.．、]|【[0-9０-９]{1,2}】|[①-⑳]|[ア-ン][.．]"
    r"|[・●○■◆])[\s　]*"
    rf"(?P<name>[^\s　].*?)[\s　]*(?:{ITEM_TAG})?[\s　]+"
    # the amount's label may stand between: 「④…事業　令和8年度要求・要望額　4,300,000千円」
    r"(?:(?:令和|平成)[0-9０-９元]{1,2}年度)?(?:要求・要望額|要求額|要望額|予算額|予算案|概算要求額)?(?:[（(]案[)）])?[\s　]*"
    r"(?:約)?[0-9０-９][0-9０-９,，.．]*(?:兆|億|百万|千|万)?円"  # the line may run on: a wrap was joined
)
# An amount one award (project, person, institution) receives: 「1件あたり上限 100百万円」「年額540万円」.
# Budgets named anywhere earlier in the amount's sentence, which a fund's or a plain 「予算」 word near it does not undo.
_SENTENCE_STATUS = (("補正予算", "supplementary budget"), ("概算要求", "budget request"), ("予算案", "budget request"))
_PER_AWARD = re.compile(
    r"(?:[1１一]\s?(?:件|課題|テーマ|人|名|機関|拠点|プロジェクト|チーム|グループ|コンソーシアム|大学|年度|年|"
    r"地域|自治体|団体|校|社|ネットワーク|か所|箇所|事業|分野|都道府県|市町村|施設|病院|"
    r"[\u30a1-\u30fa\u30fc]{2,8})\s?(?:あたり|当たり|につき)|"  # 「1ブロック当たり」「1ユニットあたり」: any unit in katakana
    r"[1１一]\s?の[^\s、。]{1,12}につき|"  # 「一の国際共同研究につき、各年度五千万円を限度」
    r"上限|最大|年額|月額|日額|"
    r"支援額|助成額|支給額|研究費)"
)
# 「1,000万円/年」: an amount per year, per award or per person is a rate, an award's size.
_PER_UNIT_AFTER = re.compile(r"\s?[/／]\s?(?:年|件|人|課題|年度|名)")
# A row of a call's kinds of award (「タイプA（共同研究枠）　1,800万円　定額　最長3年度　8件程度」, 「Ａ　共同研究開発枠
# 1,000万円」): it opens with the kind's label and states the award's term or how many are made.
_KIND_ROW = re.compile(
    r"^[\s　]*(?:[A-ZＡ-Ｚ](?=[\s　])|(?:タイプ|区分|類型)\s?[A-ZＡ-Ｚ0-9０-９]"
    r"|[^\s　、。]{1,24}(?:枠|型|コース|トラック)(?=[\s　（(]))"
)
_AWARD_TERMS = re.compile(
    r"最長\s?[0-9０-９一二三四五六七八九十]+\s?(?:年|か年|箇年)|定額"
    r"|[0-9０-９]+\s?[~～〜]?\s?[0-9０-９]*\s?(?:件|課題|名|人|社|機関)(?:程度|以内)?(?:[\s　]|$)"
)
# A table of rates: a column headed 月額/年額/日額/単価 above amounts standing alone (北米 48万円 欧州 45万円).
_RATE_COLUMN = re.compile(r"(?:月額|年額|日額|単価)")
_COMPARED = re.compile(r"前年度(?:予算)?額?(?:を(?:上回|下回)る|と同(?:額|程度)の?|に比べ(?:て)?|比で?)")
_LAST_YEAR = re.compile(r"[(（]\s?前年度(?:額|予算額?)?\s?[:：]?\s?(?:約)?$")
_CHANGE = re.compile(r"(?:増減(?:額)?\s?[:：]?\s?[+＋\-−△▲]?|[+＋△▲])\s?$")
# …or said after it: 「6億1,000万円の増額となります」「1,200万円減」
_CHANGE_AFTER = re.compile(r"\s?の?(?:増額|減額|増加|減少)|\s?[増減](?=[。、)）\s]|$)")
_PER_UNIT_COLUMN = re.compile(r"(?:上限額|支給額|助成額|支援額)[(（]?[1１一]\s?(?:人|件|課題|機関)(?:あたり|当たり)|単価")
# A table's caption ending in its unit of award: 「１．支援経費（1課題当たり・年度ごと）」 (no amount of its own).
_PER_UNIT_CAPTION = re.compile(
    r"^[^円。]*[(（][1１一]\s?(?:人|件|課題|機関|テーマ|プロジェクト)(?:あたり|当たり)[^()（）円]*[)）]$"
)
_CAP = re.compile(r"[)）]?\s?(?:を上限|を限度|以下|を超えない|まで)")  # a maximum: an award's size when per-award
_NOTE = re.compile(r"※\s?(?:いずれも|全て|すべて|金額は).{0,15}?年度")
SUBJECT_TYPES = ("Program", "Agency", "Organization", "ResearchInstitute", "University", "Council")


# A label alone on its line, naming the sum the next line states: 「【総事業費】」「■総額」
_SUM_LABEL_LINE = re.compile(
    r"[\s　]*[【［\[〔■●◆・]?[\s　]*(?:総(?!務)[\u3400-\u9fff]{1,2}費|総額|事業総額)[】］\]〕]?[\s　]*[:：]?[\s　]*"
)


def _line_above(text: str, line_start: int) -> str:
    """The line before the one starting at ``line_start`` ("" for the first)."""
    return text[_line_start(text, line_start, lines_back=1) : line_start - 1] if line_start > 0 else ""


def _words_before(text: str, line_start: int, pos: int) -> bool:
    """Whether the line holds any word (not only spaces, 約 or a bullet) before ``pos``."""
    return re.fullmatch(r"[\s　・○●■◆]*(?:約)?", text[line_start:pos]) is None


def _line_end(text: str, pos: int) -> int:
    """Where the line holding ``pos`` ends (its newline, or the end of the text)."""
    end = text.find("\n", pos)
    return end if end >= 0 else len(text)


def _lines_above(text: str, line_start: int, limit: int) -> Iterator[tuple[int, str]]:
    """The lines above the line starting at ``line_start``, nearest first, at most ``limit``: (start, text)."""
    pos = line_start
    for _ in range(limit):
        if pos <= 0:
            return
        pos = _line_start(text, pos - 1)
        yield pos, text[pos : _line_end(text, pos)]


def _line_start(text: str, pos: int, lines_back: int = 0) -> int:
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(lines_back):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


_LINE_ITEM = {"budget request", "budget", "previous-year budget", "supplementary budget", "fund size"}


def _heads_document(document: str, at: int, head_lines: int = 8) -> bool:
    """Whether an offset stands in the document's first lines (its title block), not in a section far below."""
    return bool(document) and document.count("\n", 0, at) < head_lines


def find_budgets(
    passage: Passage,
    mentions: list[Mention],
    iris: Iris,
    earlier: list[Budget] | None = None,
    headings: list[Heading] | None = None,
    document: str = "",
) -> list[Budget]:
    """Budget lines of one passage; ``mentions`` are the document's mentions so far (a budget page may
    name its program a few lines before the passage that states the amount), ``earlier`` its budgets
    so far (a name above a list of budget lines belongs to the first of them only) and ``headings`` the
    budget blocks' headings (their year and status apply to lines that state none); ``document`` the whole text
    (a breakdown line may follow its item across a passage break)."""
    text = passage.text
    agencies = {m.surface: m for m in mentions if m.passage == passage.index and m.type == "Agency"}
    fiscal = [d for d in find_dates(text) if d.fiscal]
    note = _list_note(text, fiscal)
    subjects = [m for m in mentions if m.passage >= passage.index - 2 and m.type in SUBJECT_TYPES]
    budgets: list[Budget] = []
    amounts = find_amounts(text)
    previous_end = 0
    # 「( )内は令和7年度当初予算額」: the sheet's note on bracketed figures, in this passage or elsewhere in the document
    sheet_note = _BRACKET_NOTE.search(text) or _BRACKET_NOTE.search(document)
    for k, amount in enumerate(amounts):
        if _in_range(text, amount, amounts[k - 1] if k else None):
            previous_end = amount.end
            continue  # 「30百万円~50百万円」 is a per-project range, not a budget line
        if _is_unit(text, amount):
            continue  # 「(単位:千円)」「(千円)」 is a unit, not an amount
        if _CHANGE.search(text, max(0, amount.start - 12), amount.start) or _CHANGE_AFTER.match(text, amount.end):
            previous_end = amount.end
            continue  # 「対前年度増減 +3,600百万円」「△500百万円」: a change between two lines, not a line
        # The status is what the text says before the amount, on its line, since the previous amount.
        line_start = _line_start(text, amount.start)
        # (a table may run on past a passage's end: its header is read in the whole document)
        sheet_text, shift = (document, passage.start) if document else (text, 0)
        block = sheet_text[max(sheet_text.rfind("\n\n", 0, shift + line_start), 0) : shift + line_start]
        # (most blocks name no award's size and no lower limit: their lines are not read again)
        named = _LOWER_LIMIT.search(block) or _AWARD_COLUMN.search(block)
        column = _column_header(sheet_text, shift + line_start, shift + amount.start, shift + amount.end) if named else None
        if column is not None and _LOWER_LIMIT.search(column):
            previous_end = amount.end
            continue  # under 「補助下限額」: the least an award may be, no money spent
        before = text[max(line_start, previous_end, amount.start - 30) : amount.start]
        capped_award = _PER_AWARD.search(before) is not None and _CAP.match(text, amount.end) is not None
        if _THRESHOLD.match(text, amount.end) and not capped_award:
            continue  # 「おおむね十億円以上」「年180万円以上を受給」: a requirement, not money spent
        said = _COMPARED.sub("", before)  # 「前年度予算額を上回る11億円を要求」: last year's is only compared with
        status = next((label for marker, label in _STATUS if marker in said), "")
        if _LAST_YEAR.search(before):  # 「…1億8,000万円です（前年度 1億5,000万円）」: last year's, said right before it
            status = "previous-year budget"
        if status in ("", "budget", "fund size"):
            # 「令和7年度補正予算において、…「…基金」に120億円を措置」: the sentence opens with the budget it is in.
            sentence = text[max(previous_end, text.rfind("。", 0, amount.start) + 1) : amount.start]
            status = next((label for marker, label in _SENTENCE_STATUS if marker in sentence), status)
        if not status and re.search(r"^[\s(（]*(?:約)?[\d.,]+[^)）]{0,4}[;；]?\s?基金", text[amount.end : amount.end + 16]):
            status = "fund size"
        awards = [a for a in _PER_AWARD.finditer(before)]
        if re.search(r"総額|合計", before):
            # 「本プロジェクトの研究費は、5年間の総額で約6億円」: the project's whole money, not one award's; 「総額最大
            # 30億円」 caps the sum. Only an award's unit (1課題当たり総額…) makes it one award's.
            awards = [a for a in awards if a.group()[0] in "1１一"]
        award = awards[-1] if awards else None
        if status == "fund size" and award is not None and max(before.rfind("基金"), before.rfind("ファンド")) < award.start():
            status = ""  # 「マッチングファンド方式により、1課題当たり年間最大1億円」: the award's size, said nearer
        if not status and (award is not None or _rate_table(sheet_text, shift + line_start, amount, column)):
            status = "per-award"
        if not status and (_PER_UNIT_AFTER.match(text, amount.end) or _kind_row(text, line_start, before)):
            status = "per-award"
        # 「6,850(4,120)百万円」 and 「85.0億円(52.0億円)」: a figure in brackets right after another
        beside = previous_end > 0 and re.fullmatch(r"\s?[(（]\s?", text[previous_end : amount.start]) is not None
        bracket_note = sheet_note if amount.bracketed or beside else None
        line_end = text.find("\n", amount.end)
        # (only an amount with no status yet, or a bracketed one, asks whether its line is an item of the sheet)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        item_line = (beside or not status) and ITEM_LINE.match(line) is not None
        # 「【1】…の整備 6,100百万円（4,200百万円）」 with no note, on a sheet whose box sets this year's request beside
        # last year's budget: the item's bracket is last year's too.
        last_year_beside = (
            beside
            and not bracket_note
            and item_line
            and any(b.status == "previous-year budget" for b in (*(earlier or ()), *budgets))
        )
        if last_year_beside:
            status = "previous-year budget"
        # 「概算要求額 4,870,000（3,412,000）千円」: a bare figure in brackets right after the line's request is last year's
        just_before = budgets[-1] if budgets and budgets[-1].end == passage.start + previous_end else None
        if beside and not status and just_before is not None and just_before.status == "budget request":
            status = "previous-year budget"
        if bracket_note:  # 「6,850（4,120）百万円」 with 「（ ）内は令和7年度当初予算額」: the bracket is last year's
            status = "previous-year budget"
        year = _fiscal_year(text, amount.start, amount.end, fiscal, note)
        block = heading_at(headings or [], passage.start + amount.start)
        if status in ("", "budget") and _AFTER_STATUS.match(text, amount.end):
            # 「…52億円を概算要求しています」: the status said after the amount; 「当初予算として…2億円を要求する」 asks for
            # the budget, not yet granted
            status = "budget request"
        put_in = _PUT_IN.match(text, amount.end) if status in ("", "budget") else None
        if put_in is not None:  # 「…48,600千円を\n令和8年度11月補正予算案に計上」: the budget it is put in, said after it
            kind = put_in.group("kind")
            status = "supplementary budget" if kind == "補正予算" else ("budget request" if put_in.group("draft") else "budget")
            year = next((d.year for d in fiscal if put_in.start() <= d.start < put_in.end()), year)
        if not status and _in_results_section(text, line_start):
            status = "actual"  # a row under 「■これまでの実績」: money spent, year by year
        if status == "per-award" and not any(line_start <= d.start < amount.start for d in fiscal):
            # An award's size holds whatever year: only its own line, the call it is offered in or the request sheet
            # it is budgeted in (「令和8年度概算要求」 heading the sheet, over 「1ブロック当たり年間40,000千円程度」) dates it.
            sheet = block is not None and block.status == "budget request" and _heads_document(document, block.start)
            year = block.year if block is not None and (block.status == CALL or sheet) else None
        if not status and item_line:
            # An item of the sheet's breakdown is part of the sheet's money: its year and status.
            sheet = block if block is not None and block.status != CALL else _sheet_line([*(earlier or []), *budgets])
            year, status = (
                (sheet.year, sheet.status)
                if isinstance(sheet, Heading)
                else ((sheet.fiscal_year, sheet.status) if sheet is not None else (year, status))
            )
        # 「要求・要望額 30億円」 under 「令和8年度概算要求」; an award's size is no year's money.
        if year is None and block is not None and status and status != "per-award" and block.status != CALL:
            year = block.year
        if bracket_note:
            # the note may stand in another passage; a legend's year is its unbracketed figures'
            noted = [d for d in find_dates(bracket_note.group()) if d.fiscal and not bracket_note.group("legend")]
            year = noted[0].year if noted else (year - 1 if year is not None else None)
        elif status == "previous-year budget" and year is not None:
            year = year - 1
        elif last_year_beside:  # the sheet's line's year, less one
            sheet_line = _sheet_line([*(earlier or []), *budgets])
            year = sheet_line.fiscal_year - 1 if sheet_line is not None and sheet_line.fiscal_year else None
        if status == "budget" and _compared_with(text, budgets, previous_end, amount.start, year):
            status = "previous-year budget"  # 「令和7年度予算額 12.4億円（令和6年度予算額 10.8億円）」: last year's, beside
        before_line = text[line_start : amount.start]
        # A sum is said in the amount's own sentence: 「…3年間で1億8,000万円を見込む。なお、…予算額(案)は12億円」.
        sentence_start = line_start + before_line.rfind("。") + 1
        # …after the amount before it: 「累計で約49億円に上り、令和7年度予算額は13億円」 sums the first only.
        own_words = max(sentence_start, previous_end)
        years = _total_years(text[own_words : amount.start], fiscal, own_words)
        if years:  # 「令和6年度補正予算額及び令和7年度予算額の合計 120億円」: a total over the years it names
            status, year = "total", None
        elif status != "per-award" and (
            _SUM_WORDS.search(text, own_words, amount.start)
            or (not status and year is None and _TOTAL.search(text, own_words, amount.start))
            # 「国庫債務負担行為 総額210億円（令和8年度〜令和10年度）」: a sum with the years it spans after it
            or (_TOTAL.search(text, own_words, amount.start) and _range_after(text, amount.end))
            # 「【総事業費】」 alone on the line above, the amount opening its line
            or (not _words_before(text, line_start, amount.start) and _SUM_LABEL_LINE.fullmatch(_line_above(text, line_start)))
        ):
            # 「総事業費：約190億円」「6年間で最大約96億円」「補正予算額と合わせて 7,280百万円」: money over several
            # years or budgets, with the years a range after it states (「（2024～2033年度）」).
            status, year = "total", None
            years = _range_after(text, amount.end)
        start, end = passage.start + amount.start, passage.start + amount.end
        share = _share_of(text, amount, previous_end, budgets, before_line, agencies, passage.start)
        if _BREAKDOWN_LINE.match(line):
            # A breakdown on a line of its own: the parts of the line its first part is of, or, set apart from
            # every line (a flow chart in between), of the sheet's line.
            known = [*(earlier or []), *budgets]
            sibling = next((b for b in reversed(budgets) if b.part_of and b.start >= passage.start + line_start), None)
            parent_line = next((b for b in known if b.iri == sibling.part_of), None) if sibling else None
            if parent_line is None and share is None:  # the item just above (a passage break between), else the sheet's
                # a うち line is a part, neither the item's line nor the sheet's own
                wholes = [b for b in known if not (document and _UCHI_OPEN.match(document, _line_start(document, b.start)))]
                parent_line = _line_just_above(wholes, passage.start + line_start, document) or _sheet_line(wholes)
            if parent_line is not None:
                share = _share_of(text, amount, amount.start, [parent_line], before_line, agencies, passage.start)
        companion = budgets[-1] if budgets and _is_companion(text, amount, previous_end, status) else None
        recipient = None
        whole = _breakdown_of(text, passage.start, amount, budgets, previous_end) if share is None and companion is None else None
        if whole is not None:  # 「総額45億円であり、うちA枠に30億円、B枠に15億円」: parts of the line before
            named = _allocated_to(text, passage.start, amount, subjects)
            share = (whole, None)
            if named is not None:
                subject_key, rank = named.key, 3
            else:  # 「【内訳】…（ＡＭＥＤ）800百万円」: a body's part of the line, the body its recipient
                subject_key, rank = whole.subject, whole.subject_rank
                recipient = next((m for m in reversed(subjects) if _receives(text, passage.start, m, amount)), None)
            # 「合計 86億円（うち令和6年度補正予算額 60億円、令和7年度予算額 26億円）」: the parts of a sum over years
            # keep the year and budget their own words name
            own_words = [d for d in fiscal if max(line_start, previous_end) <= d.start < amount.start]
            if not (whole.status == "total" and own_words and status in _LINE_ITEM):
                year, status = whole.fiscal_year, whole.status
        elif share is not None:  # 「(JST:20億円 AMED:10億円)」 after a program's line: each agency's part of it
            parent, recipient = share
            subject_key, rank = parent.subject, parent.subject_rank
            year, status = parent.fiscal_year, parent.status  # a part of that line: its year and status
        elif companion is not None:  # 「(前年度予算額 137億円)」 under 「予算額(案) 138億円」: the same subject
            subject_key, rank = companion.subject, companion.subject_rank
        else:
            consumed = [b.end for b in [*(earlier or []), *budgets] if b.status in _LINE_ITEM or b.fiscal_year]
            # 「JST:20億円」 labels a share of the line above; it is nobody's subject below.
            owners = [m for m in subjects if not _share_label(text, m.end - passage.start)]
            subject, rank = _subject(text, passage.start, start, owners, consumed)
            # 「…補正予算により800百万円の「J-NEXUS国際共同研究基金」を造成」: the program the amount is of, named after it
            named_after = next(
                (m for m in owners if m.type == "Program" and _OF_PROGRAM.fullmatch(text, amount.end, m.start - passage.start)),
                None,
            )
            subject, rank = (named_after, 3) if named_after is not None else (subject, rank)
            topic = _heading_program(block, mentions, start) if rank < 3 else None
            if topic is not None:  # the block's heading names the program: a line naming none is its money
                subject, rank = topic, 2
            subject_key = subject.key if subject else None
        previous_end = amount.end
        budgets.append(
            Budget(
                iri=iris.entity("Budget", f"{passage.doc_id}-{start}-{end}"),
                value=str(amount.value),
                currency=amount.currency,
                fiscal_year=year,
                subject=subject_key,
                stated_as=amount.surface,
                passage=passage.index,
                start=start,
                end=end,
                status=status,
                subject_rank=rank,
                recipient=recipient.key if recipient is not None else None,
                part_of=share[0].iri if share is not None else None,
                fiscal_years=years,
            )
        )
    return budgets


def _compared_with(text: str, budgets: list[Budget], previous_end: int, start: int, year: int | None) -> bool:
    """A year's budget stated right after the next year's figure, in its sentence (its bracket, or 「…が86億円、令和6年度
    予算額が72億円」) or in a bracket opening the next line: the figure it is compared with, last year's budget."""
    main = budgets[-1] if budgets else None
    if main is None or year is None or main.fiscal_year != year + 1 or main.status not in ("budget", "budget request"):
        return False
    between = text[previous_end:start]
    return previous_end > 0 and (not re.search(r"[。\n]", between) or _BRACKET_BELOW.fullmatch(between) is not None)


# 「令和9年度要求・要望額 423億円」 / 「（令和8年度予算額 382億円）」: the next line opens with the bracket
_BRACKET_BELOW = re.compile(r"[^\n。]{0,12}\n[ \t\u3000]*[（(][^\n。()（）]*")


# A section's heading (■ …, 【…】) and one that reports what was spent: 「■これまでの実績」「【支援実績】」「決算の推移」
_SECTION_HEAD = re.compile(r"^[ \t\u3000]*(?:[■□◆◇●]|【)[^\n]{0,30}$", re.M)
_RESULTS = re.compile(r"実績|決算")


def _kind_row(text: str, line_start: int, before: str) -> bool:
    """The amount stands in a row of a call's kinds of award that states the award's term or count, and is no sum."""
    line = text[line_start : _line_end(text, line_start)]
    return _KIND_ROW.match(line) is not None and _AWARD_TERMS.search(line) is not None and not re.search(r"総額|合計", before)


def _in_results_section(text: str, line_start: int) -> bool:
    """The amount's line stands in a section whose heading says it reports results (実績, 決算)."""
    heads = list(_SECTION_HEAD.finditer(text, 0, max(0, line_start - 1)))
    return bool(heads) and _RESULTS.search(heads[-1].group()) is not None


def _breakdown_of(text: str, offset: int, amount: Amount, budgets: list[Budget], previous_end: int) -> Budget | None:
    """The line an amount is a part of, when the same sentence said 「うち」 after that line's amount: right before
    this amount, or before the parts listed just before it (「うちA枠に35億円、B枠に25億円」). A line after the
    breakdown (「（うち…枠 5,200百万円）」 then 「補正予算額 3,000百万円」) is no part."""
    lines = [b for b in budgets if b.part_of is None and b.status != "previous-year budget"]
    if not lines:
        return None
    whole = lines[-1]
    listing = budgets[-1].part_of == whole.iri
    between = text[whole.end - offset if listing else max(whole.end - offset, previous_end) : amount.start]
    # 「48.5億円（うち…31億円）\n令和6年度予算額 41億円」: the bracket or the line that held the parts has ended
    closed = listing and _parts_closed(text, budgets[-1].end - offset, amount.start)
    # 「…58億4,000万円（…）。・内訳は、A 31億2,000万円、B 9億6,000万円」: the parts' own sentence opens with 内訳
    # (the sentence at most wrapped once; not a rate: 「（内訳）2百万円×20課題」; not a line with a budget's own label:
    # 「令和6年度補正予算 10億円」 under the breakdown)
    sentence = between[between.rfind("。") + 1 :]
    # (…or wrapped more, listing on from a part in the same sentence on a line that opens no item of its own:
    # 「内訳でございますが、Aに21億円、\nBに18億円、\nCに12億円を計上」)
    own_line = text[_line_start(text, amount.start) : amount.start]
    going_on = listing and "。" not in text[budgets[-1].end - offset : amount.start] and not _BLOCK_HEAD.match(own_line)
    wrapped_once = sentence.count("\n") <= 1
    itemized = "内訳" in sentence and (wrapped_once or going_on) and not re.match(r"\s?[×x✕]", text[amount.end :])
    if itemized:  # (a label before the whole on the same line is the whole's: 「予算額は計50億円、その内訳は、JST 24億円」)
        own = text[max(_line_start(text, amount.start), whole.end - offset) : amount.start]
        itemized = not any(marker in own for marker, _ in _STATUS)
    # 「…62億円です。このうち、A事業に48億円」: a sentence that opens with このうち lists the parts of the one before
    # (not an award's size: 「このうち「A枠」では、1自治体あたり最大5,000万円」)
    # (…or a line that opens so, under a breakdown line that ends in no full stop: 「内訳：A 1,700百万円／B 1,150百万円」)
    # (「・このうち」「・うち…」: a bulleted sentence opens so too)
    opens = any(re.match(r"[\s・○●]*(?:この|その)?うち", t) and not _PER_AWARD.search(t) for t in (sentence, own_line))
    parts = ("うち" in between and "。" not in between) or opens or itemized
    # (a blank line ends the breakdown: 「…650百万円」, a section of results, 「（うち企業利用 1,035件）」, then 「決算額…」)
    return whole if parts and not closed and "\n\n" not in between else None


def _parts_closed(text: str, last_part_end: int, start: int) -> bool:
    """The list of parts has ended before ``start``: a bracket opened before the parts closed after the last one, or
    the amount's line opens with a budget's own label."""
    since = text[last_part_end:start]
    if sum(map(since.count, ")）")) > sum(map(since.count, "(（")):
        return True
    # 「うちA 11.2億円」「うちB 7.2億円」 each on its line, then a line of its own (「※…補正予算で…2億3,500万円」)
    line_start, part_line = _line_start(text, start), _line_start(text, last_part_end)
    own_lines = part_line != line_start and re.match(r"[\s　]*うち", text[part_line:last_part_end]) is not None
    # (…unless that line ends in a comma: 「うち、A事業に9,600万円、\nBに3,200万円を計上する」 wraps one sentence)
    wraps = text[last_part_end : _line_end(text, last_part_end)].strip() in ("、", ",")
    if own_lines and not wraps and "うち" not in text[line_start:start]:
        return True
    # a line of its own opening with a budget's label; on the parts' own line (「予算額は25億円（うちA分18.5億円、B分…」)
    # that label is the whole's
    return part_line != line_start and BUDGET_LINE.match(text[line_start:start]) is not None


def _receives(text: str, offset: int, m: Mention, amount: Amount) -> bool:
    """A body named right before an amount (its short name's bracket between): the body the part goes to."""
    end = m.end - offset
    return m.type != "Program" and 0 <= end <= amount.start and _AFTER_BODY.fullmatch(text, end, amount.start) is not None


_AFTER_BODY = re.compile(r"[)）]?[\s　]*(?:約)?")


_BESIDE_NAME = re.compile(r"[\s　]*(?:[(（](?:新規|拡充|継続)[)）])?[\s　]*(?:約)?")  # 「AARI（新規）6億円」


def _allocated_to(text: str, offset: int, amount: Amount, subjects: list[Mention]) -> Mention | None:
    """The name an amount is allocated to: 「A枠に30億円」「Bへ15億円」 (a wrapped line in between allowed)."""
    for m in reversed(subjects):
        end = m.end - offset
        if 0 <= end <= amount.start and re.fullmatch(r"(?:に|へ|として)[\s　]*(?:約)?", text[end : amount.start]):
            return m
        # 「（うち国際実証プログラム 31億円）」: a program's part, its name right before the amount
        if 0 <= end <= amount.start and m.type == "Program" and _BESIDE_NAME.fullmatch(text, end, amount.start):
            return m
    return None


def _rate_table(text: str, line_start: int, amount: Amount, column: str | None) -> bool:
    """An amount alone on its line under a rate column's header in the same block (no blank line between), or a
    row's cell under a header cell (``column``) naming an award's size. ``line_start`` is the amount's line in
    ``text``."""
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    block = text[max(text.rfind("\n\n", 0, line_start), 0) : line_start]
    if line.endswith(amount.surface) and line != amount.surface and _PER_UNIT_COLUMN.search(block):
        return True  # a row's last cell under 「上限額(1人当たり)」
    if line != amount.surface and any(_PER_UNIT_CAPTION.match(above.strip()) for above in block.split("\n")):
        return True  # a row of a table captioned 「支援経費（1課題当たり・年度ごと）」: each cell is one award's
    if line == amount.surface:
        return _RATE_COLUMN.search(block) is not None
    return column is not None and _AWARD_COLUMN.search(column) is not None


_LOWER_LIMIT = re.compile(r"下限")  # 「補助下限額」: the least an award may be
_AWARD_COLUMN = re.compile(r"上限額?|(?:支援|助成|支給|交付)(?:額|金額)|[1１一](?:件|課題|者|人)(?:あたり|当たり)")
_CELL_BREAK = re.compile(r"\s+(?![^(（\n]*[)）])")  # a gap between cells, not inside brackets: 「…枠（SMART-X AI）」


def _column_header(text: str, line_start: int, start: int, end: int) -> str | None:
    """The header cell above the cell at ``start``…``end`` of the line at ``line_start``, when the header and the
    rows between hold as many cells (no blank line between)."""
    line_end = text.find("\n", end)
    row = _CELL_BREAK.split(text[line_start : line_end if line_end >= 0 else len(text)].strip())
    at = len(_CELL_BREAK.split(text[line_start:start].strip())) if text[line_start:start].strip() else 0
    for _, above in _lines_above(text, line_start, 6):
        if not above.strip():
            return None
        if find_amounts(above):
            continue  # a row above
        header = above.split()
        return header[at] if len(header) == len(row) > at else None
    return None


_ITEM_REACH = 300  # characters: an item's description between its amount and its breakdown line


def _line_just_above(budgets: list[Budget], pos: int, document: str) -> Budget | None:
    """The last request or budget line, nobody's share, ending shortly before a document offset in the same
    block (no blank line between: a flow chart set apart is not the item's description)."""
    if not document:
        return None
    lines = [b for b in budgets if b.recipient is None and b.part_of is None and b.status in ("budget request", "budget")]
    near = [b for b in lines if 0 <= pos - b.end <= _ITEM_REACH and "\n\n" not in document[b.end : pos]]
    return near[-1] if near else None


def _block_program_line(document: str, programs: list[Mention], budgets: list[Budget], pos: int) -> Budget | None:
    """The line of the program whose numbered heading opens the block at a document offset (「３．…プログラム」 over
    「（JAMSTEC：4,650百万円　極地研：2,500百万円）」): its latest year's request, else budget, wherever the sheet states it."""
    block = _block_program(document, programs, pos) if document else None
    if block is None:
        return None
    lines = [b for b in budgets if b.subject == block.key and b.recipient is None and b.part_of is None and b.start < pos]
    main = [b for b in lines if b.status == "budget request"] or [b for b in lines if b.status == "budget"]
    # the latest year's; of several, one its own line names (a row of the sheet's table, not a box the document's
    # program was given) and no total row (合計) that took the program's name
    return max(
        main,
        key=lambda b: (b.fiscal_year or 0, not _TOTAL_LINE.match(document, _line_start(document, b.start)), b.subject_rank),
        default=None,
    )


_TOTAL_LINE = re.compile(r"[\s　|｜]*(?:合[\s　]*計|総[\s　]*計|小[\s　]*計|計)[\s　|｜]")


_UCHI_OPEN = re.compile(r"[\s　・○●]*[(（]?うち")


def _sheet_line(budgets: list[Budget]) -> Budget | None:
    """The sheet's own line: its first request or budget that is nobody's share."""
    return next((b for b in budgets if b.recipient is None and b.status in ("budget request", "budget")), None)


@dataclass(frozen=True)
class Heading:
    start: int  # document offset of the heading
    year: int
    status: str
    line: tuple[int, int] = (0, 0)  # document offsets of the heading's line: a program it names is the block's


# A line that opens a block of budget lines: 「令和8年度概算要求」「令和７年度予算案の概要」「令和6年度補正予算」, or a
# topic line that names what the block is about first (「（2）「○○事業」の令和8年度概算要求について」).
_HEADING = re.compile(r"^[\s【〔(（■●◆]*(?:令和|平成)\S{1,3}年度\s?(?:第\S次)?(?:補正)?(?:予算|概算要求|要求)")
_TOPIC_HEADING = re.compile(
    r"^[^。\n]{0,60}?の(?:令和|平成)\S{1,3}年度\s?(?:第\S次)?(?:補正)?(?:予算|概算要求|要求)[^。\n]{0,12}$"
)
# A sheet's title naming its field between the year and the budget word: 「令和8年度 健康・医療分野の研究開発関係予算
# （案）のポイント」「令和8年度文部科学省予算（案）の概要」「令和8年度　海洋・極域分野　概算要求の概要」 (the whole line:
# a sentence with a year and 予算 is no heading).
_FIELD_HEADING = re.compile(
    r"^[\s【〔(（■●◆]*(?:令和|平成)\S{1,3}年度\s?(?:[^\s。、\d]|\s(?=\S)){1,30}?\s?(?:補正)?(?:予算|概算要求)(?:\(案\)|案)?"
    r"(?:の(?:ポイント|概要|骨子|説明資料)|について)?[\s】〕)）]*$"
)


# A call's heading: 「令和8年度 公募要領」「令和9年度採用分 募集要項」; the awards it states are that year's.
_CALL_HEADING = re.compile(
    r"^[\s【〔(（■●◆]*(?:(?:19|20)\d{2}年度\s?[(（]?)?(?:(?:令和|平成)\S{1,3}年度[)）]?)?\s?\S{0,12}?(?:公募要領|募集要項|実施要項|公募|募集|採用)"
)
# A call's dated title line: 「令和9年度 くまもと半導体国際共同研究人材派遣事業 実施要項」.
_CALL_TITLE_LINE = re.compile(
    r"^[\s　]*(?:令和|平成)\S{1,3}年度[ 　]*[^\n。、]{2,40}?(?:公募要領|募集要項|実施要項|募集案内)[ \t　]*$"
)
CALL = "call"  # the status of a call's heading: it dates awards, it states no budget


def budget_headings(text: str) -> list[Heading]:
    """The fiscal year and status each budget block's heading (or a call's heading) states, in document order."""
    out, pos, previous = [], 0, ""
    for line in text.split("\n"):
        # 「令和8年度」 on the line above 「…プログラム（…）公募要領」: a dated title written on two lines
        two_lines = _YEAR_ALONE.fullmatch(previous) and _CALL_TITLE.fullmatch(line)
        if (_CALL_HEADING.match(line) or _CALL_TITLE_LINE.match(line) or two_lines) and not find_amounts(line):
            years = [(pos + d.start, d.year) for d in find_dates(line) if d.fiscal]
            years += [(pos - len(previous) - 1 + d.start, d.year) for d in find_dates(previous) if d.fiscal and two_lines]
            if years:
                out.append(Heading(years[0][0], years[0][1], CALL))
        m = _HEADING.match(line) or _TOPIC_HEADING.match(line) or _FIELD_HEADING.match(line)
        if m and not find_amounts(line):  # a heading, not an amount line that opens with its year
            years = [d for d in find_dates(line) if d.fiscal]
            # 「令和8年度要求額　（前年度予算額）」: the bracket names the bracketed figures' status, not the heading's
            said = re.sub(r"[(（][^()（）\n]*前年度[^()（）\n]*[)）]", "", line)
            status = next((label for marker, label in _STATUS if marker in said), "")
            if years and not _TOTAL.search(line):
                out.append(Heading(pos + years[0].start, years[0].year, status, (pos, pos + len(line))))
        pos += len(line) + 1
        previous = line
    return out


_YEAR_ALONE = re.compile(r"[\s　]*(?:(?:令和|平成)\S{1,3}|(?:19|20)\d{2})年度[\s　]*")
_CALL_TITLE = re.compile(r"[\s　]*[^\n。、]{2,60}?(?:公募要領|募集要項|実施要項|募集案内)[ \t　]*")
_HEADING_SCOPE = 800  # characters after a heading's line that its program still owns
_PUT_IN = re.compile(
    r"\s?を\s?(?:(?:令和|平成)\S{1,3}年度|(?:19|20)\d{2}年度)?\s?(?:[0-9０-９]{1,2}月)?\s?(?P<kind>補正予算|当初予算|予算)(?P<draft>案)?に計上"
)
_AFTER_STATUS = re.compile(r"\s?(?:程度|前後|規模)?を(?:概算要求|要求)(?:し|する|[。、])")  # 「2億円程度を要求する」


def _heading_program(block: Heading | None, mentions: list[Mention], pos: int) -> Mention | None:
    """The last program a budget block's heading line names, for an amount within the heading's reach."""
    if block is None or pos - block.line[1] > _HEADING_SCOPE:
        return None
    named = [m for m in mentions if m.type == "Program" and block.line[0] <= m.start and m.end <= block.line[1]]
    return named[-1] if named else None


def heading_at(headings: list[Heading], pos: int) -> Heading | None:
    """The last budget heading before a document offset."""
    before = [h for h in headings if h.start <= pos]
    return before[-1] if before else None


_TOTAL = re.compile(r"合計|総額|の計|合算|累計|総(?!務)[\u3400-\u9fff]{1,2}費")
# Words that make an amount a sum whatever else its line says (「総額」 alone often only stresses a request): 総事業費, 総建造費,
# 事業総額.
_SUM_WORDS = re.compile(
    r"総(?!務)[\u3400-\u9fff]{1,2}費|事業総額|累計|と合わせて|[0-9０-９一二三四五六七八九十]+\s?(?:か年|カ年|ヶ年|年間)(?:で|の)"
)
_RANGE = re.compile(
    r"\s?[(（](?P<a>(?:19|20)\d{2})(?:年度?)?\s?[～〜~\-－]\s?(?P<b>(?:19|20)\d{2})年度?(?:の[^()（）\n]{1,12})?[)）]"
)  # 「（2024～2033年度）」「（2026年度～2033年度）」


# 「（令和5年度～令和9年度）」: a range of era years in brackets
_ERA_RANGE = re.compile(
    r"\s?[(（](?P<range>(?:令和|平成)\S{1,3}年度?\s?[～〜~\-－]\s?(?:令和|平成)?\S{1,3}年度)(?:の[^()（）\n]{1,12})?[)）]"
)  # …の10か年計画）


def _range_after(text: str, end: int) -> list[int]:
    """The fiscal years a range right after an amount states: 「（2024～2033年度）」「（令和5年度～令和9年度）」 →
    every year from the first to the last."""
    m = _RANGE.match(text, end)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
    else:
        era = _ERA_RANGE.match(text, end)
        years = sorted(d.year for d in find_dates(era.group("range")) if d.fiscal) if era else []
        if len(years) != 2:
            return []
        a, b = years
    return list(range(a, b + 1)) if 0 <= b - a < 30 else []


def _share_label(text: str, local_end: int) -> bool:
    """A name followed by a colon and an amount labels a share (「JST:20億円」); a unit after the colon does not
    (「一般枠:1課題あたり年間…」: the kind's award)."""
    after = text[local_end : local_end + 16]
    unit = r"(?![0-9０-９,，.．]*(?:課題|件|人|名|拠点|機関|チーム|か所|箇所))"
    label = rf"(?:[(（][^()（）]{{1,8}}[)）])?\s?[:：]\s?(?:約)?[0-9０-９][0-9０-９,，.．]*{unit}"
    return local_end >= 0 and re.match(label, after) is not None


def _total_years(before: str, fiscal: list[DateMention], line_start: int) -> list[int]:
    """The fiscal years a 「…及び…の合計」 names before its amount (two or more), else []."""
    if not _TOTAL.search(before):
        return []
    dates = sorted((d for d in fiscal if line_start <= d.start < line_start + len(before)), key=lambda d: d.start)
    years = sorted({d.year for d in dates})
    if len(dates) == 2 and re.fullmatch(_RANGE_SEP + "(?:度)?", before[dates[0].end - line_start : dates[1].start - line_start]):
        return list(range(years[0], years[-1] + 1)) if years[-1] - years[0] < 30 else years  # 令和8年度から令和10年度まで
    return years if len(years) >= 2 else []


# A share's label: a body's name or short name, with an aside before the colon (「内閣府（本府執行）：1,750百万円」).
_LABEL = r"(?P<agency>[A-Za-z][A-Za-z&\-]{1,11}|[\u3040-\u30ff\u3400-\u9fff]{2,16})(?:[(（][^()（）]{1,8}[)）])?"
# (「（うちJST分：6,280百万円、AMED分：1,270百万円）」: a part named as the body's portion; 「（内訳）JAMSTEC：400百万円」
# after the breakdown's bracketed label)
_SHARE = re.compile(rf"(?:^|[(（〔［\]］】、,\s/／]|[(（]内訳[)）])(?:うち)?{_LABEL}(?:分)?\s?[:：]\s?(?:約)?$")


# (「（JST分19億円、JICA分16億円）」: each body's portion)
_SHARE_BARE = re.compile(r"(?:^|[(（、,])(?P<agency>[A-Za-z]{2,12}|[\u3040-\u30ff\u3400-\u9fff]{2,16}?)(?:分)?\s?(?:約)?$")
# A line that is only a bracketed breakdown: 「（農研機構：4,300百万円　生研支援センター：2,550百万円）」.
_BREAKDOWN_LINE = re.compile(
    r"^[\s　]*[(（〔［](?:[\s　]*[^\s　:：()（）〔〕［］]{2,16}[:：]\s?(?:約)?"
    r"[0-9０-９][0-9０-９,，.．]*(?:兆|億|百万|千|万)?円)+"
    r"[\s　]*[)）〕］][\s　]*$"
)
# 「( )内は前年度予算額」「括弧内は…」「（ ）書きは…」: the sheet's note on its bracketed figures
_BRACKET_NOTE = re.compile(
    r"(?:[(（]\s*[)）]|括弧|かっこ|カッコ)\s*(?:内|書き)?は.{0,15}?(?:前年度|当初予算|予算額)"
    # or a legend over the items' amounts: 「令和8年度要求額　（前年度予算額）」 (its year is the unbracketed figures')
    r"|(?P<legend>^[\s　]*(?:令和|平成)\S{1,3}年度\S{0,6}(?:要求|要望|予算)\S{0,4}額[\s　]*[(（]\s*前年度予算額\s*[)）][\s　]*$)",
    re.M,
)
_MONEY_LABEL = re.compile(r"(?:額|費|金|予算|上限|総計|合計|期間|件数)$")


def _share_of(
    text: str,
    amount: Amount,
    previous_end: int,
    budgets: list[Budget],
    before_line: str,
    agencies: dict[str, Mention],
    offset: int = 0,
) -> tuple[Budget, Mention | None] | None:
    """An agency's part of the amount just before it, written 「(JST:20億円 AMED:10億円)」 on the same or next line,
    or without the colon in a bracket right after that amount (「2,400万円(熊本県1,600万円、熊本大学800万円)」)."""
    m = _SHARE.search(before_line)
    between = text[previous_end : amount.start]
    opened = sum(map(before_line.count, "(（")) > sum(map(before_line.count, ")）"))
    if m is None and opened and re.match(r"\s?[(（、,]", between) and "\n" not in between:
        m = _SHARE_BARE.search(before_line)
        m = None if m is not None and m.group("agency").startswith("うち") else m  # 「（うちX 31億円）」: a breakdown
    if m is None or not budgets or between.count("\n") > 2:
        return None  # the share list sits on the line's next line, or after one blank line
    # The share is of the block's main line: its request or budget, not the supplementary or last year's line.
    lines = [
        b
        for b in budgets
        if b.recipient is None
        and b.part_of is None
        and b.status not in ("previous-year budget", "per-award")
        and not (0 <= b.start - offset and _SHARE.search(text[_line_start(text, b.start - offset) : b.start - offset]))
        and not _part_above(text, b.start - offset, amount.start)
    ]
    main = [b for b in lines if b.status in ("budget request", "budget")]
    parent = (main or lines or [None])[-1]
    # 「…補正予算で300億円を措置（うちJST：250億円、AMED：50億円）」: the parts of the amount its line states, whatever
    # its status
    line_start = _line_start(text, amount.start)
    bracket = max(text.rfind("（", line_start, amount.start), text.rfind("(", line_start, amount.start))
    if bracket >= 0 and text.startswith("うち", bracket + 1):
        parent = next((b for b in reversed(lines) if line_start <= b.start - offset < amount.start), parent)
    agency = agencies.get(m.group("agency"))
    if parent is None:
        return None
    if agency is None:
        # 「（防災科研：1,980百万円 大学等：500百万円）」: a breakdown in brackets under the line names its recipients
        # by labels the text has not defined yet; still parts of that line, whoever they are.
        opened = sum(map(before_line.count, "(（〔［")) > sum(map(before_line.count, ")）〕］"))
        if not opened or _MONEY_LABEL.search(m.group("agency")):
            return None
    return parent, agency


def _part_above(text: str, start: int, share_start: int) -> bool:
    """A うち line above the share's line: a part of the block's money, not the whole its shares divide."""
    line = _line_start(text, start) if 0 <= start else -1
    return 0 <= line != _line_start(text, share_start) and _UCHI_OPEN.match(text, line) is not None


_THRESHOLD = re.compile(r"[)）]?\s?(?:以上|以下|未満|を超え|超)")
_RANGE_SEP = r"\s?(?:[~～〜]|から)\s?"


def _in_range(text: str, amount: Amount, previous: Amount | None) -> bool:
    """「30百万円~50百万円」「2,000円から2,500円」「200~250万円」: a per-unit range, not a budget line."""
    if re.match(_RANGE_SEP + r"\d", text[amount.end : amount.end + 4]):
        return True
    if re.search(r"\d" + _RANGE_SEP + "$", text[max(0, amount.start - 4) : amount.start]):
        return True
    return previous is not None and re.fullmatch(_RANGE_SEP, text[previous.end : amount.start]) is not None


def _is_unit(text: str, amount: Amount) -> bool:
    """「(単位:千円)」「(千円)」, or a unit word standing alone under a header's columns (「千円　　千円」)."""
    return "単位" in text[max(0, amount.start - 6) : amount.start] or (
        amount.surface in ("千円", "百万円", "万円")
        and (text[amount.start - 1 : amount.start] in ("(", "（") or not text[amount.start - 1 : amount.start].strip())
    )


def _is_companion(text: str, amount: Amount, previous_end: int, status: str) -> bool:
    """「(前年度予算額 137億円)」 right after 「予算額(案) 138億円」 (same or next line) restates the same line item."""
    return status == "previous-year budget" and previous_end > 0 and text[previous_end : amount.start].count("\n") <= 1


@dataclass(frozen=True)
class _Note:
    block_start: int  # the list the note covers starts after the last blank line before it
    start: int
    year: int


def _list_note(text: str, fiscal: list[DateMention]) -> _Note | None:
    """「※いずれも令和４年度予算額（案）」: a fiscal year stated once for the list just above it."""
    m = _NOTE.search(text)
    if not m:
        return None
    year = next((d.year for d in fiscal if m.start() <= d.start < m.end() + 5), None)
    if year is None:
        return None
    blank = text.rfind("\n\n", 0, m.start())
    return _Note(blank + 2 if blank >= 0 else 0, m.start(), year)


def _fiscal_year(text: str, a_start: int, a_end: int, fiscal: list[DateMention], note: _Note | None) -> int | None:
    # 「2010年度採択拠点」 is a cohort, not the year of the money.
    fiscal = [d for d in fiscal if not text.startswith("採択", d.end)]
    own_line = _line_start(text, a_start)
    # A year a few lines up dates the amount, but not across a blank line, nor into the block above an item's line
    # (「総整備費…（令和7年度~令和11年度）」 dates the item above's total, not the next item's amounts).
    item = ITEM_LINE.match(text[own_line:a_end]) is not None
    near = own_line if item else max(_line_start(text, a_start, lines_back=2), text.rfind("\n\n", 0, a_start) + 1)
    before = [d for d in fiscal if near <= d.start and d.end <= a_start]
    if before:
        return before[-1].year
    if note is not None and note.block_start <= a_start < note.start:
        return note.year
    line_end = text.find("\n", a_end)
    after = [d for d in fiscal if a_end <= d.start < (line_end if line_end >= 0 else len(text))]
    return after[0].year if after else None


# 「令和4年度予算額(案)」「令和3年度補正予算額」: the words a budget line opens with (a heading or a line of its own).
_BUDGET_WORDS = r"(?:令和|平成)\S{1,3}年度(?:補正)?予算"
_BUDGET_HEADER = re.compile(rf"^[\s(（]*{_BUDGET_WORDS}")
BUDGET_LINE = re.compile(rf"^[\s(（]*{_BUDGET_WORDS}額")
BUDGET_LABEL = re.compile(rf"{_BUDGET_WORDS}額")


def _subject(text: str, offset: int, start: int, subjects: list[Mention], consumed: list[int]) -> tuple[Mention | None, int]:
    """The program (else organisation) an amount belongs to, and how sure:
    3 named on the amount's own line, 2 on the line just above a line that opens with the budget header,
    1 named a few lines above with no other amount in between, 0 only a name another amount already took."""
    line = offset + _line_start(text, start - offset)
    sentence = max(line, offset + text.rfind("。", 0, start - offset) + 1)  # a paragraph unwrapped is one line
    before = [m for m in subjects if m.end <= start]
    programs = [m for m in before if m.type == "Program"]
    others = [m for m in before if m.type != "Program"]
    own_line = [m for m in programs if m.start >= sentence] or [m for m in others if m.start >= sentence]
    # 「Kavli IPMUは米国カブリ財団からの約14億円」: the giver (…から) is not whose money it is, nor the taker (…への).
    own_line = [m for m in own_line if not _TAKER.match(text, m.end - offset)]
    own_line = [m for m in own_line if not _GIVER.match(text, m.end - offset)] or own_line
    # The last name before the amount; of names ending together the longest (「AMED SICORP」 over 「SICORP」).
    last = max(own_line, key=lambda m: (m.end, m.end - m.start), default=None)
    if last is not None and not any(last.end <= c < start for c in consumed):
        return last, 3
    # (a sentence above, 「…JICAが…経費を負担する。」, is no heading: the bodies it names are not whose money it is)
    sentence_above = _line_above(text, line - offset).rstrip().endswith("。")
    if _BUDGET_HEADER.match(text[line - offset : start - offset]) and not sentence_above:
        above = offset + _line_start(text, line - offset - 1) if line > offset else line
        # (not a name in the aside of the line above: 「48.5億円（うち国際実証プログラム 31億円）」)
        heading = [m for m in before if above <= m.start < line and not _aside(text, offset, m)]
        if heading:  # the name ending last, the longest of those (not a curated name nested at its start)
            return max(heading, key=lambda m: (m.end, m.end - m.start)), 2
    # Above the amount's line, a course (…コース) is a part; the money is the program's.
    # A name in parentheses on a line above is an aside (「(+科研費最大150万円申請可能)」).
    # タイプB: a kind with its letter; 長期フェロー型 also when written in English (Long-term Fellow Type)
    kinds = {m.key for m in programs if re.search(r"(?:コース|タイプ|枠|型)[A-ZＡ-Ｚ]?$", m.surface)}
    if _PER_HUB.search(text, sentence - offset, start - offset):  # 「各拠点には…年間最大5億円」: the scheme's, no one hub's
        kinds |= {m.key for m in programs if HUB_NAME.search(m.surface)}
    whole = [
        m
        for m in programs
        if m.key not in kinds
        and m.start >= start - 600
        and not _aside(text, offset, m)
        and not _GIVER.match(text, m.end - offset)
        # 「■ 予算」 after a blank line opens another section: a program named in the text of the one before is not
        # its subject (the sheet's heading still is)
        and (not _NEW_SECTION.search(text, m.end - offset, start - offset) or _heads_its_line(text, _local(m, offset)))
    ]
    whole = [m for m in whole if not _glossed(text, offset, m, whole)]
    near = [m for m in others if m.start >= start - 600 and not _aside(text, offset, m)]
    for candidates in (whole, near):
        if candidates:
            last = max(candidates, key=lambda m: (m.end, m.end - m.start))
            free = not any(last.end <= c < start for c in consumed)
            return last, 1 if free else 0
    return None, 0


# An amount said of each hub (各拠点には, 1拠点当たり): the scheme's, no one hub's (names.HUB_NAME)
_PER_HUB = re.compile(r"各(?:拠点|ハブ)|[1１一](?:拠点|ハブ)|(?:拠点|ハブ)(?:当たり|あたり|につき|ごと)")
_NEW_SECTION = re.compile(r"\n[ \t\u3000]*\n[ \t\u3000]*(?:[■□◆◇●]|【[^】\n]{1,12}】)[^\n]{0,20}\n")
_OF_PROGRAM = re.compile(r"の[「『]?")  # 「800百万円の「…基金」」
_ABBR_AFTER = r"(?:[(（][A-Za-z][A-Za-z0-9\-&]{1,11}[)）])?"
_GIVER = re.compile(rf"{_ABBR_AFTER}(?:から|[」』]?を財源)")  # 「…補助金」を財源として: the money's source
_TAKER = re.compile(rf"[)）]?{_ABBR_AFTER}(?:への|に対する)")


def _aside(text: str, offset: int, m: Mention) -> bool:
    """True when a mention sits inside parentheses opened earlier on its line, after other words:
    「(+科研費最大150万円申請可能)」 is an aside, 「Collaboration(FIC)」 an abbreviation."""
    head = text[_line_start(text, max(0, m.start - offset)) : max(0, m.start - offset)]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）") and not head.endswith(("(", "（"))


def _glossed(text: str, offset: int, m: Mention, programs: list[Mention]) -> bool:
    """A name inside a bracketed English line (「(Horizon Europe Linkage Program:HELA)」) under a line naming a program:
    words of that program's English name, not another subject."""
    line_start = _line_start(text, max(0, m.start - offset))
    line_end = text.find("\n", line_start)
    if not _ENGLISH_LINE.fullmatch(text[line_start : line_end if line_end >= 0 else len(text)]):
        return False
    above = _line_start(text, max(0, line_start - 1))
    return any(above <= p.start - offset < line_start for p in programs if p is not m)


_ENGLISH_LINE = re.compile(r"[\s　]*[(（][A-Za-z][^()（）\n]*[:：][^()（）\n]*[)）][\s　]*")


SHEET_TOPIC = "pattern:sheet-topic"  # the source of a sheet's topic (budget_items): what its sums are for, no program


# A table of contents' heading (its entries: tables.CONTENTS_ENTRY).
_CONTENTS_HEADING = re.compile(r"^[\s　]*[(（【]?目[\s　]*次[)）】]?[\s　]*$")


def document_program(text: str, mentions: list[Mention], head_lines: int = 8) -> str | None:
    """The program a document is about: the one its header names (the first lines, a page's breadcrumb)."""
    end, seen, contents = 0, 0, []
    for line in text.split("\n"):
        if "。" in line:
            break  # running text: the header is over
        # 「（目次）」「１．…事業　・・・・　１」: the sheets, no one program
        listed = _CONTENTS_HEADING.match(line) is not None or CONTENTS_ENTRY.search(line) is not None
        if listed:
            contents.append((end, end + len(line)))
        end += len(line) + 1
        seen += bool(line.strip()) and not listed
        if seen >= head_lines:
            break
    programs = [m for m in mentions if m.type == "Program" and m.start < end and not any(s <= m.start < e for s, e in contents)]
    # A call's theme or a project under the program (「…」 below the program's line) is not what the document runs,
    # but a joint call the header names (令和8年度共同公募「…」の採択課題) is: its awards are the call's.
    calls = [m.key for m in programs if is_call(m.surface)]
    programs = [m for m in programs if m.source != SHEET_TOPIC]  # what a budget sheet's sums are for
    schemes = calls or [m.key for m in programs if m.source != "pattern:project"] or [m.key for m in programs]
    return schemes[-1] if schemes else None


_THIS_SCHEME = re.compile(r"本(?:公募|事業|プログラム|制度|プロジェクト|基金)")
# The scheme's own money said right before the amount, whoever else its line names (「運営費交付金…（本事業分3.6億円）」).
_THIS_SCHEMES_OWN = re.compile(r"本(?:公募|事業|プログラム|制度|基金)(?:分|の予算額?は?|予算額?)\s?[:：]?\s?(?:約)?$")


# 「・（参考）令和6年度決算額　」: a line stating one of the sheet's own figures, naming nothing
_OWN_FIGURE = re.compile(
    r"[\s　]*[・○●※]?[\s　]*(?:[(（]参考[)）])?[\s　]*(?:(?:令和|平成)\S{1,3}年度)?\S{0,4}"
    r"(?:決算|執行|実績|予算|要求|要望)額[\s　]*[:：]?[\s　]*(?:約)?"
)


def _subject_in_a_sentence(text: str, mentions: list[Mention], b: Budget) -> bool:
    """The subject found a few lines above was named in the running text of another bullet (「・令和7年度には、
    G-QAICの枠組みで…発表。」), not as the heading of the amount's block."""
    named = [m for m in mentions if m.key == b.subject and m.end <= b.start]
    if not named:
        return False
    last = max(named, key=lambda m: m.end)
    line_end = text.find("\n", last.end)
    return "。" in text[text.rfind("\n", 0, last.start) + 1 : line_end if line_end >= 0 else len(text)]


_DEFINED_THIS = re.compile(
    r"以下[「『](?P<word>本?(?:公募|事業|プログラム|制度|プロジェクト|基金))[」』]\s?(?:という|と称する|とします)"
)


def defined_this(text: str, mentions: list[Mention]) -> dict[str, str]:
    """What the document calls 「本事業」 (本公募, 本プログラム, a statute's 「基金」…) when it says so: the program named
    right before the bracket holding 「以下「本事業」という」 (「…共創研究事業（…：AMDC、以下「本事業」という。）」)."""
    programs = {m.end: m.key for m in mentions if m.type == "Program"}
    out: dict[str, str] = {}
    for m in _DEFINED_THIS.finditer(text):
        opening = max(text.rfind("（", 0, m.start()), text.rfind("(", 0, m.start()))
        if opening >= 0 and "\n" not in text[opening : m.start()] and opening in programs:
            out.setdefault(m.group("word"), programs[opening])
    return out


def _defined_words(defined: dict[str, str]) -> re.Pattern[str] | None:
    """The defined words, each standing on its own (not inside a longer word), in one pattern; None without any."""
    if not defined:
        return None
    words = "|".join(sorted(defined, key=len, reverse=True))
    return re.compile(rf"(?<![\u3005\u3400-\u9fff\u30a0-\u30ffA-Za-z])(?:{words})(?![\u3400-\u9fff\u30a0-\u30ff])")


def _said_of(line: str, words: re.Pattern[str] | None, defined: dict[str, str]) -> str | None:
    """The program the last defined word said in the line refers to."""
    said = [m.group() for m in words.finditer(line)] if words is not None else []
    return defined[said[-1]] if said else None


def attach_to_document_program(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """A budget line naming no program of its own (「予算案 24億円」 on a program's page) belongs to the program
    the document is about; one that only an organisation or a far name was found for, too, and an award's size
    (per-award) whose line names no program or only the body paying it. A project's money in the project's own
    block stays the project's."""
    types = {m.key: m.type for m in mentions}
    _awards_to_schemes(text, mentions, budgets, types)
    _to_lettered_kinds(text, mentions, budgets)
    _to_own_project(text, mentions, budgets)
    _to_listed_program(text, mentions, budgets)
    _to_block_program(text, mentions, budgets)
    program = document_program(text, mentions)
    items = [m for m in mentions if m.source == "pattern:budget-item"]
    headings = [m for m in mentions if m.type == "Program" and _heads_its_line(text, m)]
    projects = {m.key: m for m in mentions if m.source == "pattern:project"}
    this = defined_this(text, mentions)
    words = _defined_words(this)
    for b in budgets:
        line = text[text.rfind("\n", 0, b.start) + 1 : b.start]
        said = _said_of(line, words, this)
        weak = b.subject_rank <= 1 or types.get(b.subject or "") != "Program"
        if said is not None and b.recipient is None and b.part_of is None and weak:
            b.subject, b.subject_rank = said, 2  # 「本事業の令和8年度予算案額」「基金に積み立てる額」: what it was defined as
            continue
        project = projects.get(b.subject or "")
        if project is not None and project.end <= b.start and "\n\n" not in text[project.end : b.start]:
            continue  # 「課題名 … / 日本側研究費 2,850万円」: the money of the project whose block it stands in
        heading = _item_heading(text, b, headings + items) if b.status == "per-award" and b.subject_rank <= 1 else None
        # 「① …研究開発\n…（1拠点当たり年間最大6億円）」: the size of the item's awards, whoever the page is about
        track = heading is not None and _KIND_END.search(heading.surface) is not None
        if heading is not None and (heading.source != "pattern:budget-item" or track):  # a sheet's track owns its awards
            b.subject, b.subject_rank = heading.key, 2
        if program is None:
            continue
        # an award's size, or a sum over years (「総建造費：約335億円」), under an item: the item's
        under_item = b.status in ("per-award", "total") and _under_item(text, b, items + headings)
        if (
            b.recipient is None
            and not under_item
            and (
                b.subject is None
                or b.subject_rank == 0  # only a name another amount took: 「※上記のほか…」「総事業費」 are the sheet's
                or (b.subject_rank <= 1 and types.get(b.subject) != "Program")
                # a body is hardly ever whose money it is, even named on the amount's line (「JSTは…約6,000万円を措置」):
                # it pays or receives the program's money (a line with no status yet may be a share, read later)
                or (b.status and types.get(b.subject) != "Program")
                or (b.subject_rank <= 1 and b.status == "per-award")  # an award's size is the scheme's…
                or (b.status == "per-award" and types.get(b.subject or "") != "Program")  # …not the payer's
                or (b.subject_rank <= 1 and _THIS_SCHEME.search(line))  # 「本公募の予算総額」: the document's own
                or (types.get(b.subject or "") != "Program" and _THIS_SCHEMES_OWN.search(line))  # 「（本事業分3.6億円）」
                or (b.subject_rank == 1 and _OWN_FIGURE.fullmatch(line) and _subject_in_a_sentence(text, mentions, b))
            )
        ):
            b.subject, b.subject_rank = program, 1
    _awards_to_program_above(text, mentions, budgets)
    by_iri = {b.iri: b for b in budgets}
    named = {(m.key, m.end) for m in mentions}
    for b in budgets:  # a share is of its line's subject, as that line now stands; a part named for itself stays
        parent = by_iri.get(b.part_of or "")
        if parent is None:
            continue
        allocated = types.get(b.subject or "") == "Program" and any(
            (b.subject, end) in named for end in _ends_before(text, b.start)
        )
        if not allocated:
            b.subject, b.subject_rank = parent.subject, parent.subject_rank


_ENUMERATED = re.compile(r"^[\s　]*(?:[①-⑳]|[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．)）]|[ア-ン][.．)）])")


def _awards_to_program_above(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """An award's size on a line naming no program (「・1課題当たり年間最大100百万円、最長5年間」), that only the
    document's program was found for, is the size of the program named on the nearest line above it in its block
    (「・公募型研究「…チャレンジ」を実施する。」, 「2.2　若手研究者国際派遣プログラム「…」」), no blank line between."""
    programs = [m for m in mentions if m.type == "Program" and m.source != SHEET_TOPIC]
    for b in budgets:
        if b.status != "per-award" or b.subject_rank > 1 or b.part_of is not None or b.recipient is not None:
            continue
        line_start = _line_start(text, b.start)
        if any(line_start <= m.start < b.start for m in programs) or text[line_start : b.start].lstrip().startswith("※"):
            continue  # a name on its own line, placed already; a note, which speaks of the page at large
        for pos, line in _lines_above(text, line_start, 3):
            if not line.strip() or find_amounts(line):
                break  # the block's start; a row or line of amounts, whose names the other rules placed
            named = [m for m in programs if pos <= m.start and m.end <= pos + len(line)]
            if _ENUMERATED.match(line):  # 「② 短期招へい型：…」: one of the kinds listed, unless it heads its line
                named = [m for m in named if _heads_its_line(text, m)]
            if named:
                b.subject, b.subject_rank = min(named, key=lambda m: m.start).key, 2  # what the sentence is about
                break


def _ends_before(text: str, start: int) -> list[int]:
    """Where a name allocated the amount at ``start`` would end: 「A枠に30億円」「うちB 31億円」."""
    m = re.search(r"(?:に|へ|として)?[\s　]*(?:約)?$", text[max(0, start - 8) : start])
    return [start - len(m.group()) + k for k in range(len(m.group()) + 1)] if m else [start]


_THIS_PROJECT = re.compile(r"本(?:プロジェクト|研究課題|課題)(?:の|で|に|は)")
# 「同プログラムは…」「○(審議官)本フェローシップについては…」: the sentence is about the program named before it
_SAME_PROGRAM = re.compile(
    r"\s*[○●・]?(?:[(（][^()（）\n]{1,12}[)）])?(?P<which>[同本])(?P<kind>プログラム|事業|制度|基金|イニシアティブ|フェローシップ|スキーム)"
    r"(?:は|の|では|に|で|について)"
)


def to_program_referred_to(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「…「日ASEAN…プログラム」…。同プログラムはJSPSが実施しており、…予算額として8億5,000万円」: a sentence about
    同プログラム spends the money of the program named last before it, not the agency its clause names."""
    types = {m.key: m.type for m in mentions}
    document = document_program(text, mentions)
    for b in budgets:
        if b.part_of is not None or (b.subject_rank >= 2 and types.get(b.subject or "") == "Program"):
            continue
        start = text.rfind("。", 0, b.start) + 1
        same = _SAME_PROGRAM.match(text, start)
        if not same:
            continue
        before = [m for m in mentions if m.type == "Program" and m.end <= start]
        # 「本事業」 is the document's own program when it is of that kind; 「本フェローシップ」 in minutes, the last
        # fellowship named (its agenda item, far above); 「同プログラム」 the last program named.
        own = document if same.group("which") == "本" else None
        of_kind = [m for m in before if m.surface.endswith(same.group("kind")) and start - m.end < 5000]
        near = [m for m in of_kind if m.key == own] or of_kind or [m for m in before if start - m.end < 600]
        if near:
            b.subject, b.subject_rank = near[-1].key, 2


# A line listing a line's shares: 「【内訳】…」「内訳：…」 (its labels may lack the colon).
# 「・配分機関：JST（10,900百万円）、AMED（1,500百万円）」: the bodies the money goes to, each amount in brackets.
_LABEL_NOTE = r"[(（](?:[^()（）\n]|[(（][^()（）\n]{1,6}[)）]){1,30}[)）]"  # a note in brackets, one bracket nested in it
_BREAKDOWN_LABEL = re.compile(
    r"[\s　]*[・○]?[\s　]*(?:[0-9０-９]{1,2}[.．][\s　]*)?[【［\[〔(（]?"  # 「４．府省別内訳」: a numbered section
    r"(?:(?:執行機関|実施機関|配分機関|機関|府省|省庁)?別?内訳|(?:配分|執行|実施)機関(?:別内訳)?"
    r"|[^\s【】［］]{2,16}への配分(?:[(（]予定[)）])?"  # 「【研究推進法人への配分（予定）】」
    r"|[^\s【】［］]{2,16}の配分(?:見込み?|予定|計画|案)?"  # 「令和8年度要求額の配分見込み」
    r"|予算の配分(?:先)?)"  # 「【予算の配分】」
    # 「【配分機関別内訳（案）】」「【実施機関別内訳（令和8年度予算額（案））】」: a note in brackets, one nested in it
    rf"(?:{_LABEL_NOTE})?[】］\]〕)）]?\s?[:：]?"
)
_SHARE_LISTED = re.compile(rf"(?:^|[】］\]〕)）、,\s:：]){_LABEL}\s?(?:[:：]|[(（](?=\s?(?:約)?$))?\s?(?:約)?$")
_BLOCK_REACH = 1500  # characters: a program's block on a sheet, from its request line to its breakdown


# A うち line standing alone in a block (「うち第4期新規課題分　9,600,000千円」): a part of some whole
_UCHI_ALONE = re.compile(
    r"[\s　]*[(（]?うち(?:(?!円)[^\n]){1,40}?[\s　]+(?:約)?[0-9０-９][0-9０-９,，.．]*(?:兆|億|千万|百万|万|千)?円[)）]?[\s　]*"
)


def to_block_parts(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「うち第4期新規課題分　9,600,000千円」 in a program's block, with no whole on the lines above it: a part of the
    program's line wherever the sheet states it (the summary table's request), with its year and status."""
    programs = [m for m in mentions if m.type == "Program"]
    by_iri = {b.iri: b for b in budgets}
    for b in budgets:
        line_start = _line_start(text, b.start)
        if b.status or b.recipient is not None or not _UCHI_ALONE.fullmatch(text, line_start, _line_end(text, b.end)):
            continue
        whole = by_iri.get(b.part_of or "")
        if whole is not None and not _UCHI_ALONE.fullmatch(text, _line_start(text, whole.start), _line_end(text, whole.end)):
            continue  # a part of a whole that is no うち line of the list itself (a sibling is no whole)
        above = line_start
        while above > 0 and _UCHI_ALONE.fullmatch(text, _line_start(text, above - 1), above - 1):
            above = _line_start(text, above - 1)  # past the other うち lines of the list
        whole_above = above > 0 and any(_line_start(text, o.start) == _line_start(text, above - 1) for o in budgets)
        parent = None if whole_above else _block_program_line(text, programs, budgets, line_start)
        if parent is not None:
            b.part_of, b.status, b.fiscal_year, b.subject = parent.iri, parent.status, parent.fiscal_year, parent.subject
            b.subject_rank = 2


def to_summed_line(text: str, budgets: list[Budget]) -> None:
    """Shares on one line that together make another line's amount, not that of the line they were given, are parts
    of the line they sum to (「（配分先内訳）JST：2,050百万円　理研：3,380百万円　…」 under a table whose last row they do not
    add up to; the sheet's 7,480百万円 above it they do)."""
    by_iri = {b.iri: b for b in budgets}
    groups: dict[tuple[str, int], list[Budget]] = {}
    for b in budgets:
        if b.part_of and b.recipient:
            groups.setdefault((b.part_of, _line_start(text, b.start)), []).append(b)
    for (parent_iri, line), shares in groups.items():
        parent = by_iri.get(parent_iri)
        total = sum(Decimal(s.value) for s in shares)
        if parent is None or len(shares) < 2 or Decimal(parent.value) == total:
            continue
        wholes = _lines_stating(budgets, total, parent.currency, line)
        whole = max(wholes, key=lambda b: (b.subject_rank, b.end), default=None)
        if whole is None:
            continue
        for share in shares:
            share.part_of, share.subject, share.subject_rank = whole.iri, whole.subject, whole.subject_rank
            share.fiscal_year, share.status = whole.fiscal_year, whole.status


def to_item_lines(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「［執行機関別内訳］JST：9,100百万円、AMED：5,300百万円」 under a program's block, whose request the sheet's table
    states far above: each share is a part of that program's line (its request, else its budget), with its year and
    status, and the agency the label names as recipient."""
    agencies = [m for m in mentions if m.type in SUBJECT_TYPES and m.type != "Program"]
    program_mentions = [m for m in mentions if m.type == "Program"]
    programs = {m.key for m in program_mentions}
    by_iri = {b.iri: b for b in budgets}
    sheet = _sheet_line(budgets)
    for b in budgets:
        if b.subject is None:
            continue
        line_start = _line_start(text, b.start)
        before = text[line_start : b.start]
        listed = _BREAKDOWN_LABEL.match(text, line_start) is not None  # 「【内訳】科学技術振興機構（JST）3,600百万円、…」
        label = _SHARE.search(before) or (_SHARE_LISTED.search(before) if listed else None)
        if label is None:
            continue
        named = [m for m in agencies if m.start == line_start + label.start("agency")]
        # 「３．…プログラム（…）\n● …\n（JAMSTEC：4,650百万円　極地研：2,500百万円）」: a breakdown set apart from every
        # line, that only the sheet's line took, is of the program whose numbered heading opens its block.
        parent = by_iri.get(b.part_of or "")
        breakdown = (
            b.status in ("", "budget request", "budget")
            and (named or _BREAKDOWN_LINE.match(text[line_start : _line_end(text, line_start)]))
            and not _MONEY_LABEL.search(label.group("agency"))  # 「総建造費：約33,500百万円」 is the program's own sum
        )
        # (a body named right before its amount after the breakdown's label is the share's recipient, not its subject:
        # 「・実施機関別内訳：理化学研究所 1,985,000千円、…」)
        recipient_named = listed and bool(named) and b.subject == named[0].key
        unplaced = breakdown and (b.subject_rank <= 1 or recipient_named) and (parent is None or parent is sheet)
        block = _block_program_line(text, program_mentions, budgets, line_start) if breakdown else None
        # …and one that a line of another program took (a うち line above, its block closed) is moved there too
        misplaced = block is not None and parent is not None and parent.subject != block.subject
        if block is not None and (unplaced or misplaced):
            b.part_of, b.status, b.fiscal_year, b.subject = block.iri, block.status, block.fiscal_year, block.subject
            b.recipient = named[0].key if named else b.recipient
            continue
        if b.status:
            continue
        own = b.subject in programs
        lines = [
            o for o in budgets
            if o.recipient is None and o.part_of is None and o.start < b.start and o is not b
            and (o.subject == b.subject if own else o.subject in programs and b.start - o.end <= _BLOCK_REACH)
        ]  # fmt: skip
        main = [o for o in lines if o.status == "budget request"] or [o for o in lines if o.status == "budget"]
        if not main:
            continue
        # The program's own line: the latest year's; under a labelled list, the nearest line above (its block's).
        parent = max(main, key=lambda o: (o.fiscal_year or 0, o.start) if own else (o.start,))
        b.part_of, b.status, b.fiscal_year, b.subject = parent.iri, parent.status, parent.fiscal_year, parent.subject
        b.recipient = named[0].key if named else b.recipient


# A line that is only a body's name and its amount: 「国立研究開発法人理化学研究所　4,300,000千円」, perhaps with a
# note in brackets after it (「国土交通省　1,960百万円（うち海上保安庁分　720百万円）」: the note's amount is no share)
_TRAILING_NOTE = r"(?:[(（][^()（）\n]{1,40}[)）][\s　]*)?"
_BODY_AMOUNT_LINE = re.compile(
    r"[\s　・○]*(?P<body>[^\s　、。:：]{2,40}?)[\s　]*"
    rf"(?P<amount>(?:約)?[0-9０-９][0-9０-９,，.．]*(?:兆|億|千万|百万|万|千)?円)[\s　]*{_TRAILING_NOTE}"
)


# …or several such pairs on one line: 「JST　14,200百万円　　NEDO　10,300百万円　　AMED　5,800百万円」
_BODY_AMOUNT_PAIRS = re.compile(
    r"(?P<pairs>(?:[\s　・○、]*[^\s　、。:：\d()（）]{2,16}[\s　]*"
    r"(?:約)?[0-9０-９][0-9０-９,，.．]*(?:兆|億|千万|百万|万|千)?円[\s　]*){2,})"
    rf"{_TRAILING_NOTE}"  # 「…農研機構　50億円　（計　335億円）」: the sum in brackets restates the whole
)


def to_breakdown_list(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「【実施機関別内訳】(令和9年度要求・要望額)」 alone on its line, then one line per body 「…機構(QST)　5,400,000千円」
    (a note in brackets may follow: 「（うち…分　720百万円）」), or the pairs on one line with their sum in brackets after
    them: each amount is that body's share of the request of the program heading the block (「■…事業」), with its year
    and status, the body its recipient. A numbered section that is itself the label (「４．府省別内訳（…）」) breaks
    down the sheet's own line. A line above that the rows add up to is the line they break down, whatever block
    they stand in."""
    programs = [m for m in mentions if m.type == "Program"]
    bodies = [m for m in mentions if m.type in SUBJECT_TYPES and m.type != "Program"]
    lists: dict[int, list[tuple[Budget, Mention, Budget | None]]] = {}  # by the label's offset: (row, body, parent)
    for b in budgets:
        if b.part_of is not None or b.status not in ("", "budget request", "budget"):
            continue
        line_start = _line_start(text, b.start)
        line_end = _line_end(text, b.end)
        row = _BODY_AMOUNT_LINE.fullmatch(text, line_start, line_end)
        pairs = _BODY_AMOUNT_PAIRS.fullmatch(text, line_start, line_end) if row is None else None
        if pairs is not None and b.start >= pairs.end("pairs"):
            continue  # the bracketed sum after the pairs
        label = _breakdown_label_above(text, line_start)
        if (row is None and pairs is None) or label is None:
            continue
        if row is not None:
            body = next((m for m in bodies if m.start == row.start("body") and b.start == row.start("amount")), None)
        else:  # 「JST　14,200百万円　　NEDO　10,300百万円 …」: the body written right before the amount
            before = [m for m in bodies if line_start <= m.start and m.end <= b.start]
            last = max(before, key=lambda m: m.end, default=None)
            body = last if last is not None and not re.search(r"\d", text[last.end : b.start]) else None
        label_at, label_line = label
        parent = _block_program_line(text, programs, budgets, line_start)
        if parent is None and _NUMBERED_SECTION.match(label_line):
            parent = _sheet_line(budgets)  # 「４．府省別内訳（…）」: a section of the sheet breaks down the sheet's line
        if body is not None:
            lists.setdefault(label_at, []).append((b, body, parent))
    for label_at, rows in lists.items():
        summed = _line_summed(budgets, [b for b, _, _ in rows], label_at)
        for b, body, parent in rows:
            parent = summed or parent
            if parent is None:
                continue
            b.part_of, b.status, b.fiscal_year, b.subject = parent.iri, parent.status, parent.fiscal_year, parent.subject
            b.subject_rank, b.recipient = 2, body.key


def _line_summed(budgets: list[Budget], rows: list[Budget], before: int) -> Budget | None:
    """The nearest line above ``before`` (a request, budget or supplementary budget of its own) that the rows add up to."""
    if len(rows) < 2 or len({b.currency for b in rows}) > 1:
        return None
    wholes = _lines_stating(budgets, sum(Decimal(b.value) for b in rows), rows[0].currency, before)
    return wholes[-1] if wholes else None


def _lines_stating(budgets: list[Budget], total: Decimal, currency: str, before: int) -> list[Budget]:
    """The lines of their own (a request, budget or supplementary budget, nobody's share) ending before ``before``
    that state ``total``: what a set of shares may add up to."""
    return [
        b for b in budgets
        if b.end <= before and b.part_of is None and b.recipient is None and b.currency == currency
        and Decimal(b.value) == total and b.status in ("budget request", "budget", "supplementary budget")
    ]  # fmt: skip


_NUMBERED_SECTION = re.compile(r"[\s　]*[0-9０-９]{1,2}[.．]")
_ARROW = re.compile(r"[→⇒➡]")


def to_flow_chart(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """A sheet's chart of how the money flows (「国 ─（運営費交付金）→ 国立研究開発法人…機構（JST）　4,150百万円 ─（委託）→
    大学等」): the amount after a body an arrow leads to is that body's share of the line of the program whose block
    the chart stands in (else of the sheet's line), with its year and status, the body its recipient."""
    programs = [m for m in mentions if m.type == "Program"]
    bodies = [m for m in mentions if m.type in SUBJECT_TYPES and m.type != "Program"]
    for b in budgets:
        if b.part_of is not None or b.recipient is not None:
            continue
        if b.status not in ("", "budget request", "budget"):
            continue
        line_start = _line_start(text, b.start)
        arrow = _ARROW.search(text, line_start, b.start)
        if arrow is None:
            continue
        before = [m for m in bodies if arrow.end() <= m.start and m.end <= b.start]
        body = max(before, key=lambda m: m.end, default=None)
        # the body's name, its short name in brackets, then the amount (no other figure between)
        if body is None or _ARROW.search(text, body.end, b.start) or re.search(r"[0-9０-９]", text[body.end : b.start]):
            continue
        # the line of the program whose block the chart stands in, else the sheet's own line
        sheet = _block_program_line(text, programs, budgets, line_start) or _sheet_line(budgets)
        if sheet is None or sheet is b:
            continue
        b.part_of, b.status, b.fiscal_year, b.subject = sheet.iri, sheet.status, sheet.fiscal_year, sheet.subject
        b.subject_rank, b.recipient = 2, body.key


def _breakdown_label_above(text: str, line_start: int) -> tuple[int, str] | None:
    """The breakdown's label alone on its line over the run of body-and-amount lines the line stands in, if any:
    (its offset, its text)."""
    for at, line in _lines_above(text, line_start, 8):
        if _BODY_AMOUNT_LINE.fullmatch(line):
            continue
        label = _BREAKDOWN_LABEL.match(line)
        alone = label is not None and re.fullmatch(rf"[\s　]*(?:{_LABEL_NOTE})?[\s　]*", line[label.end() :])
        return (at, line) if alone else None
    return None


# A numbered heading that opens a block on a sheet: 「３．」「◆１．」「（２）」「②」, after an optional mark.
_BLOCK_HEAD = re.compile(
    # (「２　量子…事業」: a number and a space, as official sheets number their items, not a figure)
    r"[\s\u3000]*(?:[◆◇■□●▼▶][\s\u3000]*)?"
    r"(?P<number>[0-9０-９]{1,2}(?:[.．]|[ \u3000]+(?=[^\s\d,.，．]))|[（(][0-9０-９]{1,2}[)）]|[①-⑳])"
    r"|[\s\u3000]*[◆■]"  # or a heavy mark alone before the program's name (「■…事業」)
)


_CIRCLED = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_SECTION_LABEL = re.compile(r"[\s　]*【[^】\n]{2,12}】[\s　]*")


def _block_program(text: str, programs: list[Mention], line_start: int) -> Mention | None:
    """The program whose numbered heading opens the block a line stands in: the nearest numbered heading line above
    it, with no blank line between, when the line is that program's name (and its short name or tag) alone."""
    pos = line_start
    # under a section label of the block (「【予算の配分】」), the block's numbered program, past another section's points
    above = _line_start(text, line_start - 1) if line_start > 0 else 0
    sectioned = _SECTION_LABEL.fullmatch(text, above, _line_end(text, above)) is not None
    while pos > 0:
        pos = _line_start(text, pos - 1)
        end = _line_end(text, pos)
        head = _BLOCK_HEAD.match(text, pos, end)
        if head is None:
            if not text[pos:end].strip():
                return None
            continue
        start = head.end() + len(text[head.end() : end]) - len(text[head.end() : end].lstrip(" \u3000"))
        if sectioned and head.group("number") in _CIRCLED:
            continue  # 「【主な内容】①…②…」: points of another section of the block
        named = [m for m in programs if m.start == start and _HEADING_TAIL.fullmatch(text, m.end, end)]
        if named or head.group("number"):
            return max(named, key=lambda m: m.end, default=None)
    return None


def _to_own_project(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「本プロジェクトの研究費は…」 in a document about one research project: the money is that project's, not
    the program the project is funded under."""
    projects = {m.key for m in mentions if m.source == "pattern:project"}
    if len(projects) != 1:
        return
    (project,) = projects
    for b in budgets:
        if b.part_of is None and b.subject_rank <= 1 and _THIS_PROJECT.search(text[text.rfind("\n", 0, b.start) + 1 : b.start]):
            b.subject, b.subject_rank = project, 2


def _to_block_program(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「１．…プログラム（Q-AIM）」 over 「○事業期間・総事業費」「…総事業費 約900億円」: an amount whose line names no
    program, and whose subject was only the last name before it (a project of the block's table), is the money of
    the program whose numbered heading opens its block."""
    programs = [m for m in mentions if m.type == "Program"]
    for b in budgets:
        if b.part_of is not None or b.recipient is not None or b.subject_rank > 1:
            continue
        line_start = _line_start(text, b.start)
        if any(line_start <= m.start < b.start for m in programs) or text[line_start : b.start].lstrip().startswith("※"):
            continue  # a name on the amount's own line; a note, which speaks of the sheet at large
        if _UCHI_OPEN.match(text, line_start) or _SHARE.search(text[line_start : b.start]):
            continue  # a うち line or a body's share (JST：…): a part of some line, for item_shares to place
        block = _block_program(text, programs, line_start)
        # (a heading, not a row of a table of amounts: 「③…の整備　　４００」)
        if block is not None and not re.search(r"[0-9０-９]", text[block.end : _line_end(text, block.end)]):
            b.subject, b.subject_rank = block.key, 2


_AS_FOLLOWS = re.compile(r"(?:以下|次)の(?:とおり|通り)")


def _to_listed_program(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """「前身の「…事業」として、以下のとおり措置。」 over lines of amounts: the list's money is the program its
    opening line names (one program only), not the document's."""
    programs = [m for m in mentions if m.type == "Program"]
    for b in budgets:
        if b.part_of is not None or b.subject_rank > 2:
            continue  # (a name on the amount's own line is whose money it is)
        for pos, line in _lines_above(text, _line_start(text, b.start), 6):  # up the list, no blank line between
            if not line.strip():
                break
            if _AS_FOLLOWS.search(line):
                named = {m.key for m in programs if pos <= m.start and m.end <= pos + len(line)}
                if len(named) == 1:
                    b.subject, b.subject_rank = named.pop(), 2
                break


_LINE_NUMBER = re.compile(
    # …or a label in lenticular brackets (「【区分A】一般枠（標準型）」「【3】…事業」)
    r"^[\s\u3000]*(?:[（(][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})+[.．]?|[0-9０-９]{1,2}[.．]|[①-⑳]|[ア-ン][.．]"
    r"|【[^】\n]{1,8}】|[・●○■◆【])?[\s\u3000]*"
)
# …its short name, a tag, and the item's amounts (「(1)国際共同研究開発枠 4,800百万円(3,100百万円)」).
_HEADING_TAIL = re.compile(
    r"】?\s*(?:[（(「][^()（）「」]{1,80}[)）」]】?)?\s*(?:【[^】]{1,10}】)?\s*"  # 「【FS型（…型）】」, 「（SICP：Strategic …）」
    r"(?:(?:約)?[0-9,.]+(?:兆|億|万|千|百万)*円?\s*(?:[(（]\s*(?:約)?[0-9,.]+(?:兆|億|万|千|百万)*円?\s*[)）])?\s*)?"
)


_KIND_THEN_QUOTE = re.compile(rf"{_LINE_NUMBER.pattern}[^\s、。「」]{{1,24}}[「『]")


def _local(m: Mention, offset: int) -> Mention:
    """The mention with offsets in its passage's text."""
    return replace(m, start=m.start - offset, end=m.end - offset)


def _heads_its_line(text: str, m: Mention) -> bool:
    """A program named alone on its line after an item's number (「① 拠点形成型研究開発」「（1）共同研究タイプ（…）」),
    or quoted after the words for its kind (「○若手研究者相互派遣スキーム「…」」)."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    before, after = text[start : m.start], text[m.end : end if end >= 0 else len(text)]
    if _KIND_THEN_QUOTE.fullmatch(before) and after[:1] in "」』":
        return _HEADING_TAIL.fullmatch(after[1:]) is not None
    return _LINE_NUMBER.fullmatch(before) is not None and _HEADING_TAIL.fullmatch(after) is not None


_KIND_END = re.compile(r"(?:枠|型|タイプ|コース|トラック)$")


def _item_heading(text: str, b: Budget, headings: list[Mention]) -> Mention | None:
    """The item heading an award's size stands under: the nearest before it, with no blank line between."""
    heading = max((m for m in headings if m.end <= b.start), key=lambda m: m.end, default=None)
    if heading is None or "\n\n" in text[heading.end : b.start] or b.start - heading.end > 400:
        return None
    return None if _last_of_kinds(text, heading, headings) else heading


def _last_of_kinds(text: str, heading: Mention, headings: list[Mention]) -> bool:
    """The last of a list of kinds (「・資源・生態系トラック：…」 on the line after 「・沿岸防災トラック：…」): an amount
    after the list is the whole scheme's, not that kind's alone."""
    line_start = text.rfind("\n", 0, heading.start)
    if _KIND_END.search(heading.surface) is None or line_start < 0:
        return False
    above = text.rfind("\n", 0, line_start) + 1  # the line above starts here and ends at line_start
    return any(m.key != heading.key and above <= m.start < line_start and _KIND_END.search(m.surface) for m in headings)


def _awards_to_schemes(text: str, mentions: list[Mention], budgets: list[Budget], types: dict[str, str]) -> None:
    """An award's size (1拠点当たり年間最大4億円) is a scheme's, not the body's its line names: the program
    named last before it (within a paragraph's reach) takes it."""
    programs = [m for m in mentions if m.type == "Program" and not HUB_NAME.search(m.surface)]
    hubs = {m.key for m in mentions if m.type == "Program" and HUB_NAME.search(m.surface)}
    for b in budgets:
        # …nor a hub's that a program funds (「各拠点には…年間最大5億円」): the program's
        if b.status != "per-award" or b.recipient is not None:
            continue
        if types.get(b.subject or "") in (None, "Program") and b.subject not in hubs:
            continue
        before = [m for m in programs if m.end <= b.start and b.start - m.end <= 600]
        if before:
            b.subject, b.subject_rank = max(before, key=lambda m: m.end).key, 1
    for b in budgets:  # …nor is it one kind's when it follows a list of kinds: the scheme's named before the list
        before = [m for m in programs if m.end <= b.start and b.start - m.end <= 600]
        last = max(before, key=lambda m: m.end, default=None)
        # (but an amount on the kind's own row, 「(2)B枠　1/2以内　1,000万円」, is that kind's)
        listed = last is not None and "\n" in text[last.end : b.start] and _last_of_kinds(text, last, before)
        if b.status == "per-award" and last is not None and last.key == b.subject and listed:
            kinds = {m.key for m in before if _KIND_END.search(m.surface)}  # …written in English too (… Type)
            schemes = [m for m in before if m.key not in kinds]
            if schemes:
                b.subject, b.subject_rank = max(schemes, key=lambda m: m.end).key, 1


# 「【区分A】一般枠」 … 「A　1課題当たり年間 30,000千円」: a kind labelled with a letter, a table row by that letter
_KIND_LETTER = re.compile(r"^[\s　]*[【(（［\[]?(?:区分|タイプ|類型|種別)?\s?(?P<letter>[A-Z])\s?[】)）］\]]?[\s　:：.．]*$")
_ROW_LETTER = re.compile(r"[\s　]*(?:区分|タイプ)?(?P<letter>[A-Z])[\s　]")


def _to_lettered_kinds(text: str, mentions: list[Mention], budgets: list[Budget]) -> None:
    """An amount on a row that opens with a letter is the award of the kind that letter labels."""
    kinds: dict[str, str] = {}
    for m in mentions:
        label = _KIND_LETTER.match(text[text.rfind("\n", 0, m.start) + 1 : m.start])
        if m.type == "Program" and label is not None:
            kinds.setdefault(label.group("letter"), m.key)
    for b in budgets if len(kinds) >= 2 else []:
        row = _ROW_LETTER.match(text, text.rfind("\n", 0, b.start) + 1)
        kind = kinds.get(row.group("letter")) if row is not None else None
        if kind is not None and b.recipient is None:
            b.subject, b.subject_rank = kind, 2


def _under_item(text: str, b: Budget, items: list[Mention]) -> bool:
    """The amount's subject is the item of the sheet's breakdown its line stands under (no blank line between)."""
    item = max((m for m in items if m.start < b.start), key=lambda m: m.start, default=None)
    if item is None or _last_of_kinds(text, item, items):
        return False
    return item.key == b.subject and "\n\n" not in text[item.end : b.start]


def _headings(state: State) -> None:
    state.data["budget_headings"] = budget_headings(state.text)


def _passage_budgets(state: State) -> None:
    result = state.result
    headings = state.data.get("budget_headings", [])
    result.budgets += find_budgets(state.passage, result.mentions, state.iris, result.budgets, headings, state.text)


COMPONENT = Component(
    "budgets",
    reads="the document's budget headings, passage text, result.mentions so far, result.budgets so far",
    writes="result.budgets: value, currency, fiscal year, status, subject, agency shares, totals",
    doc=__doc__ or "",
    prepare=_headings,
    passage=_passage_budgets,
)
