"""Stage 4: genre, title, publisher and issue date of a document, read from its layout.

Government documents state who issued them and when in a header block (the first lines: issuing body, date
line, title) or a sign-off (a dateline, 【問い合わせ先】, 担当). Those are read first. A date is never taken from a
citation (平成七年法律第百三十号) nor from an event the body reports (平成27年度より…); when the document states
no date of its own, one is inferred and marked so, with what it was inferred from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ingest.dates import DateMention, find_dates
from ingest.extract.divisions import is_regional_bureau
from ingest.extract.tables import CONTENTS_ENTRY
from ingest.genre import classify
from ingest.records import Mention

_CJK = r"\u3040-\u30ff\u3400-\u9fff"
_HEAD_LINES = 25
_TAIL_LINES = 15

# Lines that label the document's own date: 発表日:2021.05.20, 公表日 令和7年5月20日, 最終更新日 …, also after another
# field of the page (「ページ番号:024817 更新日:2025年12月3日」)
_DATE_LABEL = re.compile(
    r"^\s*(?:[^\s:：]{1,10}[:：]\s?[^\s:：]{1,20}\s+)?(?:[0-9０-９]+\s?[.．、]\s*)?[【〔\[(（]?(?:発表日|公表日|発行日|掲載日|公開日|作成日|更新日|最終更新日|更新|発表|報道発表日|開催日時|開催日|日\s*時)"
    r"[】〕\])）]?\s*[:：]?\s*"
)
_EDITION = re.compile(
    r"(?:令和|平成)\S{1,3}年版(?=.{0,30}白書)|白書\s?[(（](?:令和|平成)\S{1,3}年版[)）]|^\s*\S{1,12}(?:白書|青書)\s?(?:19|20)\d{2}\s*$"
)
# 日時 labels a meeting's date: the document's own date only in minutes (a notice's 説明会 日時 is not).
_MEETING_DATE_LABEL = re.compile(r"^\s*(?:[0-9０-９]+\s?[.．、]\s*)?[【〔\[(（]?(?:開催日時|開催日|日\s*時)")
_DOTTED = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[./／-]\s*(?P<m>\d{1,2})\s*[./／-]\s*(?P<d>\d{1,2})(?!\d)")
# A date that is part of a citation: 平成七年法律第百三十号, 令和4年文部科学省令第10号, 令和5年政令第…
_CITATION_AFTER = re.compile(r"^\s*(?:[^\s、。]{0,12}?(?:法律|政令|省令|府令|規則|告示|条例|訓令)第)")
_SINCE_AFTER = re.compile(r"^\s*(?:度)?(?:より|から|以降|以来|に(?:開始|創設|設立|発足|策定|制定))")
_SIGN_OFF = re.compile(
    r"問い?合わせ先|問合せ先|照会先|担\s*当\s*[:：】]|^\s*[(（【]?担当[)）】]?|連絡先|発行[:：]|発表者|作成[:：]"
)
_COPYRIGHT = re.compile(r"(?:Copyright|©|\(C\))\s*(?:[0-9\-–\s]+)?(?P<name>.+?)(?:\.?\s*All Rights Reserved.*)?$", re.I)
_UNIT_WORDS = re.compile(
    rf"^[{_CJK}A-Za-z・\s]{{1,20}}(?:局|部|課|室|係|センター|本部|事務局|グループ|チーム|担当|ユニット|研究科|学部)$"
)
_ORG_TAIL = re.compile(
    rf"[{_CJK}A-Za-z・]{{2,30}}?(?:省|庁|府|機構|振興会|研究所|研究機構|大学|会議|委員会|審議会|協会|財団|法人|センター|本部|事務局|研究院)"
)

_TITLE_WORDS = re.compile(
    r"(?:について|に向けて|に向けた|指針|戦略|方針|計画|報告|概要|制度|交流|ガイドライン|要綱|要項|要領|構想|白書|議事要旨|議事録|議事概要|"
    r"開催|開始|決定|採択|公募|募集|締結|署名|設立|発足|規則|省令|政令|告示|規程|概算要求|予算|事業|プログラム)"
)
_NOT_TITLE = re.compile(
    r"^(?:[○●◎・•▶■□◆◇\-※*＊]|\d+[.)．）]|\d{1,2}\s|[(（]\d+[)）]|[①-⑳]|目次|はじめに|【|〔|資料|参考資料|別添|別紙|"
    r"報道発表|プレスリリース|ニュースリリース|記者発表|お知らせ$|報道関係者各位|各位|(?i:press release)|"
    r"ホーム|トップ|TOP|メニュー|"
    r"日\s*時|場\s*所|会\s*場|出席者|議\s*題|配付資料|Q\s*\d|A\s*\d|第[一二三四五六七八九十]+条)"
)
# a subject and its comma open running text; the subject may be a body's long name with an aside in brackets
# (「…開発機構（NEDO、理事長：石黒 和久）は、」)
_PROSE_OPENING = re.compile(
    r"^(?:[^「」『』、。]{1,20}?|[^「」『』、。()（）]{1,40}[(（][^()（）]{1,40}[)）])は、"
    # …or a connective and its comma (「このうち、」「また、」): a sentence of the body that goes on from the one before
    r"|^(?:この|その)?うち、|^(?:また|さらに|なお|一方|このほか|加えて|あわせて|併せて|具体的には|例えば|特に)、"
)
_SUBTITLE = re.compile(r"^[〜～~―—－\-−]|[〜～~―—]$")
_TRAILING_SUBTITLE = re.compile(r"(?<=.{6})\s*([〜～~―—－])[^〜～~―—－]{2,60}\1$")
_CONTINUES = re.compile(r"(?:における|の|に関する|及び|並びに|と|、|・|に係る|に向けた|で|を|に|が|や|へ|から)$")
_ACT_NUMBER = re.compile(
    r"(?:最終改正)?\s*(?:(?:令和|平成|昭和)\S{1,3}年)?\s*\S{0,10}?(?:法律|政令|省令|府令|規程|規則|告示|訓令|達)第\S{1,6}号"
)
_LEGAL_FORM = re.compile(
    r"国立大学法人|国立研究開発法人|独立行政法人|公益財団法人|一般財団法人|公益社団法人|一般社団法人|学校法人"
)
_LATIN_LEAD = re.compile(r"^[A-Za-z0-9][\x20-\x7e]{14,}(?=[\u3040-\u30ff\u3400-\u9fff第「])")
_PAREN_NOTE = re.compile(r"\s*[(（](?:概要|案|素案|本文)[)）](?=\s|$)")  # 「…（案）」 at the end; 「予算（案）の…」 keeps it
_BREADCRUMB = re.compile(r"[>＞›»]")
_SITE_CHROME = re.compile(
    r"スキップ|メニュー|ログイン|サイト内検索|文字サイズ|サイトマップ|ページの先頭|English$|^Japanese$|印刷用"
)


# A web page's menu: five or more short words set apart by spaces or bars, no sentence (「…について 事業紹介 公募・調達 …」)
_MENU = re.compile(r"[^\s。、]{1,10}(?:[ \u3000|｜]+[^\s。、|｜]{1,10}){4,}")


@dataclass
class DocumentMetadata:
    title: str
    issued: DateMention | None
    issued_inferred: bool
    publishers: list[str]  # entity IRIs
    genre: str = "report"
    issued_source: str = ""  # where the date was read or what it was inferred from
    publisher_source: str = ""  # header, sign-off, copyright, title, most named


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for the non-empty lines."""
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append((pos + len(raw) - len(raw.lstrip()), raw.strip()))
        pos += len(raw) + 1
    return out


# --- issue date -------------------------------------------------------------------------------------------


_WEST_ERA = re.compile(
    r"(?P<y>(?:19|20)\d{2})年\s?[(（](?:令和|平成|昭和)[^()（）]{1,3}年[)）]\s?(?P<m>\d{1,2})月(?:\s?(?P<d>\d{1,2})日)?"
)


def _own_dates(line: str, offset: int) -> list[DateMention]:
    """Dates in a line that are not part of a law number and not the start of something the body reports."""
    found = [d for d in find_dates(line) if not d.fiscal]
    for m in _WEST_ERA.finditer(line):  # 「2026年（令和8年）2月」: the era in parentheses restates the year
        found = [d for d in found if not m.start() <= d.start < m.end()]
        day = int(m["d"]) if m["d"] else None
        found.append(DateMention(m.start(), m.end(), m.group(0), int(m["y"]), int(m["m"]), day))
    found = [d for d in found if not _CITATION_AFTER.match(line[d.end :]) and not _SINCE_AFTER.match(line[d.end :])]
    for m in _DOTTED.finditer(line):
        y, mo, da = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= da <= 31:
            found.append(DateMention(m.start(), m.end(), m.group(0), y, mo, da))
    return [DateMention(d.start + offset, d.end + offset, d.surface, d.year, d.month, d.day, d.fiscal) for d in found]


def _date_line(line: str) -> bool:
    """A line that is only a date (and maybe a weekday or the issuing body): the document's dateline."""
    rest = line
    for d in _own_dates(line, 0):
        rest = rest.replace(d.surface, " ")
    if line.startswith(("(", "（", "※", "*")):  # a caption or a note, not a dateline
        return False
    rest = re.sub(r"[(（][月火水木金土日](?:曜日?)?[)）]|[\s　:：,，]", "", rest)
    return len(rest) <= 2 or bool(_ORG_TAIL.fullmatch(rest)) or bool(_UNIT_WORDS.match(rest))


def find_issued(text: str, genre: str = "report") -> tuple[DateMention | None, bool, str]:
    """The document's own date: a labelled date line, a dateline in the header or sign-off, a date alone at the foot
    of the first page (over 「－ １ －」), a white paper's edition, a dated title;
    else inferred (marked) from the fiscal year of a budget request or the latest date the body states."""
    lines = _lines(text)
    head, tail = lines[:_HEAD_LINES], lines[-_TAIL_LINES:] if len(lines) > _HEAD_LINES else []
    # 発表日:2021.05.20 / 更新日 令和8年1月9日 at the top; for minutes, their 日時 line.
    labelled = head[:10] if genre != "meeting-minutes" else head
    for off, line in labelled:
        if _DATE_LABEL.match(line) and (genre == "meeting-minutes" or not _MEETING_DATE_LABEL.match(line)):
            dated = [d for d in _own_dates(line, off) if d.month]
            if dated:
                return dated[0], False, "labelled date line"
    # A date standing alone near the very top or bottom (not a table cell further in).
    for zone, name in ((head[:10], "dateline in the header"), (list(reversed(tail[-6:])), "dateline in the sign-off")):
        for off, line in zone:
            dated = [d for d in _own_dates(line, off) if d.month]
            if dated and _date_line(line):
                return max(dated, key=lambda d: bool(d.day)), False, name
    for off, line in head + tail:  # a labelled date further down the header or in the sign-off
        if _DATE_LABEL.match(line) and not _MEETING_DATE_LABEL.match(line):
            dated = [d for d in _own_dates(line, off) if d.month]
            if dated:
                return dated[0], False, "labelled date line"
    foot = _first_page_foot(lines)
    if foot is not None:
        return foot, False, "dateline at the foot of the first page"
    for off, line in lines:  # 「令和8年版…白書」, a running footer 「…白書（令和7年版）」: a white paper's edition
        edition = _EDITION.search(line)
        if edition:
            month = [d for d in _own_dates(line, off) if d.month and not edition.start() <= d.start - off < edition.end()]
            if month:  # 「令和8年版…白書（令和8年6月 文部科学省）」: the month it was published, beside the edition
                return month[0], False, "date in the title"
            dated = [d for d in find_dates(edition.group(0)) if not d.fiscal]
            year = re.search(r"(?:19|20)\d{2}", edition.group(0)) if not dated else None  # 「外交青書2026」
            if year:
                at = DateMention(off + edition.start(), off + edition.end(), year.group(), int(year.group()))
                return at, False, "edition year"
            if dated:
                d = dated[0]
                return DateMention(off + edition.start(), off + edition.end(), d.surface, d.year), False, "edition year"
    for off, line in head[:8]:  # a dated title: 「…について（令和7年8月）」
        dated = [d for d in _own_dates(line, off) if d.month]
        if dated and len(line) <= 90:
            return dated[0], False, "date in the title"
    return _inferred_date(text, genre)


# The first page's number standing alone: 「－ １ －」「- 1 -」「1/4」 (not a bare 1: a table's cell, one per line).
_FIRST_PAGE_NUMBER = re.compile(r"[-－ー―‐]\s*[1１]\s*[-－ー―‐]|[1１]\s*[/／]\s*[0-9０-９]{1,3}")


def _first_page_foot(lines: list[tuple[int, str]]) -> DateMention | None:
    """A full date alone on its line right above the first page's number: the sheet's date, at the foot of its
    first page."""
    for (off, above), (_, line) in zip(lines, lines[1:], strict=False):
        if _FIRST_PAGE_NUMBER.fullmatch(line):
            dated = [d for d in _own_dates(above, off) if d.day]
            return dated[0] if dated and _date_line(above) else None
    return None


def _inferred_date(text: str, genre: str) -> tuple[DateMention | None, bool, str]:
    if genre == "budget-request":
        # A request for fiscal year N is made in the calendar year before it (概算要求 in August, 予算案 in December).
        years = [d for d in find_dates(text[:1500]) if d.fiscal]
        if years:
            fy = max(years, key=lambda d: d.year)
            return DateMention(fy.start, fy.end, fy.surface, fy.year - 1), True, f"the fiscal year requested ({fy.surface})"
    dated = [d for d in _own_dates(text, 0) if d.month and not _reported_event(text, d)]
    if dated:
        latest = max(dated, key=lambda d: (d.year, d.month or 0, d.day or 0))
        return latest, True, f"the latest date the text states ({latest.surface})"
    return None, True, ""


def _reported_event(text: str, d: DateMention) -> bool:
    """A date the body reports as a start (…より, …に設立): history, not when the document was written."""
    return bool(_SINCE_AFTER.match(text[d.end : d.end + 12]))


# --- title ------------------------------------------------------------------------------------------------


def _strip_date(line: str) -> str:
    for d in sorted(_own_dates(line, 0), key=lambda d: -d.start):
        if d.day or d.month:
            line = (line[: d.start] + line[d.end :]).strip()
    line = re.sub(r"[(（][月火水木金土日](?:曜日?)?[)）]", "", line)
    return re.sub(r"^[\s:：]+|[\s:：]+$", "", line)


def _is_org_line(line: str, orgs: list[str]) -> bool:
    """A line naming only the issuing body (and its bureau or division)."""
    rest = line
    for name in sorted(orgs, key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = _LEGAL_FORM.sub("", re.sub(r"[\s　()（）・、]", "", rest))
    return rest != line.replace(" ", "") and (not rest or bool(_UNIT_WORDS.match(rest)) or len(rest) <= 3)


# (English name) 【新規】, (英文名:… / 略称:…)
# …or an English name on a line of its own (「Materials Data … Program」)
_ENGLISH_ASIDE = re.compile(
    r"^\s*(?:[(（](?:[\x20-\x7e]|英文名|英語名|英名|略称|：)+[)）]\s*(?:【[^】]{1,8}】)?|[\x20-\x7e]+)\s*$"
)
_AMOUNT_LINE = re.compile(r"^[\s【(（]*(?:(?:令和|平成)\S{1,3}年度\s?)?(?:要求・要望額|要求額|予算額|予算案|概算要求額)")


_ASIDE_LINE = re.compile(r"[(（][^()（）]+[)）]")


def _budget_sheet_title(top: list[str], orgs: list[str]) -> str | None:
    """A budget sheet is titled by the program heading its amount box: the line just above 「要求・要望額 …」 (an
    English rendering between them, in brackets or on a line of its own, does not count)."""
    # …nor does a subtitle between 〜 〜 under the heading (「海洋・極域研究の戦略的推進」 / 「〜…に向けて〜」 / 予算額)
    # …nor an aside in brackets on a line of its own (「（…推進本部の調査観測計画関連）」 under the program's name)
    top = [
        ln
        for ln in top
        if not _ENGLISH_ASIDE.match(ln)
        and not _SUBTITLE.search(ln.strip())
        and not _RULE_LINE.fullmatch(ln)
        and not _ASIDE_LINE.fullmatch(ln.strip())
    ]
    for line, below in zip(top, top[1:], strict=False):
        if _AMOUNT_LINE.match(below) and not _skip_title_line(line, _strip_date(line), orgs) and "年度" not in line:
            return line.strip()
    return None


# A budget sheet's label for the kind of paper it is (「令和8年度概算要求　事業説明資料」「概算要求のポイント」), not
# what the money is for.
_SHEET_LABEL = re.compile(r"(?:概算要求|予算).{0,6}?(?:説明資料|の概要|のポイント|主要事項)")
_SECTION_OR_RULE = re.compile(r"^\s*(?:【[^】]*】|[■□◆●○※]|[─━―\-=＝]{3,})")


_OFFICE_LINE = re.compile(r"(?:局|部|課|室|付|参事官)(?:[(（][^()（）]{1,12}[)）])?(?:付)?$")
_NUMBERED_SECTION = re.compile(
    r"^(?:[IVXⅠ-Ⅻ]+|[0-9０-９]{1,2}|[（(][0-9０-９]{1,2}[)）]|第[0-9０-９一二三四五六七八九十]+)[.．、\s　]"
)


def _named_after_label(top: list[str], orgs: list[str]) -> str | None:
    """A budget sheet headed by its label: the first line below the label's block (its date, body, number and amount
    box passed over) that names something, a program or what the money does."""
    for line in top[1:]:
        bare = _strip_date(line).strip()
        if _skip_title_line(line, bare, orgs) or _ENGLISH_ASIDE.match(line) or _SECTION_OR_RULE.match(line):
            continue
        if _SUBTITLE.search(bare):
            return None  # 「〜海洋観測の高度化〜」: the label's subtitle; the label is the title
        if _AMOUNT_LINE.match(line) or _OFFICE_LINE.search(bare):
            continue  # the amount box; the issuing office (「…政策局 参事官(国際戦略担当)付」)
        if _NUMBERED_SECTION.match(bare) or bare.endswith("分野"):
            return None  # 「I.主要事項一覧」, a field's name: the sheet sums several programs, its label says what it is
        if re.search(r"[0-9０-９]", bare) or _SHEET_LABEL.search(bare):
            continue  # a sheet number (資料２－３)
        return bare if len(bare) <= 40 and not re.search(r"[、。:：]", bare) else None
    return None


def find_title(text: str, orgs: list[str] | None = None, genre: str = "report") -> str:
    """The title line near the top: not a label, date, body name, breadcrumb, subtitle, agenda item or a sentence
    that goes on from the one before (このうち、…); on a web page, the heading under its breadcrumb trail (past a
    navigation tree beside it), else the trail's last step."""
    orgs = orgs or []
    nonempty = [ln for _, ln in _lines(text[:5000])]
    for i, line in enumerate(nonempty[:25]):  # a web page: the heading under its breadcrumb trail
        crumbs = [c.strip() for c in re.split(r"\s*[>＞›»]\s*", line) if c.strip()]
        if len(crumbs) >= 3:
            below = _without_trees(nonempty[i + 1 : i + 40])[:4]
            after = [ln for ln in below if not _skip_title_line(ln, _strip_date(ln), orgs)]
            return _join_wrapped(after[0], after[1] if len(after) > 1 else "") if after else crumbs[-1]
    best, best_score, best_rank = "", -99.0, 0
    for rank, line in enumerate(nonempty[:40]):
        bare = _PAREN_NOTE.sub("", _strip_date(line)).strip()
        bare = _TRAILING_SUBTITLE.sub("", bare)  # a subtitle a line wrap joined on: 「…を開始〜日欧の…〜」
        bare = _LATIN_LEAD.sub("", bare)  # an English title line the unwrapping joined to the Japanese one
        if _skip_title_line(line, bare, orgs):
            continue
        score = 2.0 * bool(_TITLE_WORDS.search(bare)) + 1.0 * (bare != line) - rank * 0.12
        score += 1.0 if best_score == -99.0 else 0.0  # the first line that can be a title usually is
        score += 1.5 if re.match(r"第\s?\S{1,3}\s?章", bare) else 0.0  # a chapter heads its sections
        score += 0.5 if 10 <= len(bare) <= 60 else 0.0
        score += 1.0 if re.search(r"「.+」", bare) and rank < 10 else 0.0
        score -= 3.0 if _SUBTITLE.search(bare) else 0.0
        if score > best_score:
            best, best_score, best_rank = bare, score, rank
    if not best:
        return nonempty[0][:80] if nonempty else ""
    labelled = genre == "budget-request" and _SHEET_LABEL.search(best) is not None
    block = (
        _promulgated_title(nonempty[:_HEAD_LINES])
        or _minutes_title(nonempty[:6])
        or _cover_title(nonempty[:5])
        or _call_title(nonempty[:5])
        or (_budget_sheet_title(nonempty[:8], orgs) if genre == "budget-request" else None)
        or (_named_after_label(nonempty[best_rank : best_rank + 10], orgs) if labelled else None)
    )
    if block:
        return block
    nxt = nonempty[best_rank + 1] if best_rank + 1 < len(nonempty) else ""
    best = re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", _join_wrapped(best, nxt))
    return _PAREN_NOTE.sub("", best).strip()


# A line of a site's navigation tree: 「├ 事業概要」「│　└ 公募情報」.
_TREE_LINE = re.compile(r"^[├└│┃┣┗┠┖]")


def _without_trees(lines: list[str]) -> list[str]:
    """The lines less a navigation tree beside the page (its branches and the root label above them)."""
    tree = [bool(_TREE_LINE.match(ln)) for ln in lines]
    return [ln for k, ln in enumerate(lines) if not tree[k] and not (k + 1 < len(lines) and tree[k + 1])]


def _join_wrapped(title: str, nxt: str) -> str:
    """A title broken over two lines: 「…期間における」 + 「国際関係事業の…総合指針」."""
    if _CONTINUES.search(title) and nxt and len(nxt) <= 60 and not _SUBTITLE.search(nxt):
        return title + _strip_date(nxt)
    return title


# 「…条例をここに公布する。」, 「…の規定に基づき、…法施行規則を次のように定める。」: the promulgation or enactment formula
# names the act the document carries, which is its title (the gazette's masthead, 「…県公報　号外第…号」, is not).
_PROMULGATION = re.compile(r"(?:^|、)[\s　]*(?!この|本|同)(?P<name>[^\s。、「」]{6,80}?)を(?:ここに公布する|次のように定める)")


def _promulgated_title(top: list[str]) -> str | None:
    for line in top:
        m = _PROMULGATION.search(line)
        if m:
            return m["name"]
    return None


_MINUTES_WORD = re.compile(r"^(?:議事録|議事要旨|議事概要|会議録)(?:[(（][^)）]*[)）])?$")


def _minutes_title(top: list[str]) -> str | None:
    """Minutes titled over several lines: 「科学技術・学術審議会 … / …委員会（第9回） / 議事録」 is one title."""
    for i, line in enumerate(top):
        if _MINUTES_WORD.match(line.strip()) and 0 < i <= 3:
            return re.sub(r"\s+", " ", " ".join(x.strip() for x in top[: i + 1]))
        # 「科学技術・学術審議会 …分科会」 over 「…部会（第6回）議事録」: the bodies above belong to the title.
        if _MINUTES_END.search(line.strip()) and 0 < i <= 2 and all(_BODY_LINE.search(x.strip()) for x in top[:i]):
            return re.sub(r"\s+", " ", " ".join(x.strip() for x in top[: i + 1]))
    return None


# A call's cover: its year, program and track stacked over the word for the document (令和8年度 / …事業 / …プログラム /
# 公募要領) make one title.
_COVER_WORD = re.compile(r"^(?:公募要領|公募要項|募集要項|募集要領|応募要領|実施要領|申請要領)$")


def _cover_title(top: list[str]) -> str | None:
    for i, line in enumerate(top):
        if _COVER_WORD.match(line.strip()) and 1 < i <= 4 and all(len(x.strip()) <= 40 and "。" not in x for x in top[:i]):
            return " ".join(x.strip() for x in top[: i + 1])
    return None


_CALL_WORD = re.compile(r"(?:公募要領|公募要項|募集要項|募集要領|応募要領|実施要領|申請要領)$")


def _call_title(top: list[str]) -> str | None:
    """A header line naming a call and ending in the word for the document (「令和9年度「…プログラム（CAIRN）」公募要領」)
    is the title, not the parent program over it; a line of a year and the word alone (「令和8年度 公募要領」), or of a
    generic word and it (「共同研究課題 公募要領」), names nothing and is left to the other rules."""
    for line in top:
        word = _CALL_WORD.search(line.strip())
        if not word:
            continue
        named = re.sub(r"[\s「」『』()（）]|に係る|に関する|分$", "", _strip_date(line.strip()[: word.start()]))
        for d in find_dates(named):
            named = named.replace(d.surface, "")
        if len(named) >= 8:
            return line.strip()
    return None


_MINUTES_END = re.compile(r"(?:議事録|議事要旨|議事概要|会議録)$")
_BODY_LINE = re.compile(r"^[^\d。、]{2,40}(?:会議|審議会|分科会|部会|委員会|本部|協議会|懇談会|検討会)$")


# A line drawn with box-drawing or other rule characters (「────────」「＝＝＝＝」) between the header's parts.
_RULE_LINE = re.compile(r"[\s\u2500-\u257f\u2015\u2014=＝_＿~〜*＊・.．]{3,}")


def _skip_title_line(line: str, bare: str, orgs: list[str]) -> bool:
    if not 6 <= len(bare) <= 90 or bare.endswith(("。", "、")) or _NOT_TITLE.match(bare):
        return True
    if _PROSE_OPENING.match(bare):
        return True  # 「NEDOは、「…事業」の一環として実施する」: a sentence of the body, wrapped
    if _DATE_LABEL.match(line) or _SIGN_OFF.search(line) or _BREADCRUMB.search(line) or _COPYRIGHT.search(line):
        return True
    if _SITE_CHROME.search(bare) or _MENU.fullmatch(bare):
        return True  # 「メインコンテンツへスキップ」「文字サイズ」, a row of menu words: a web page's navigation
    if CONTENTS_ENTRY.search(bare):
        return True  # 「第2章 公募の概要 ……… 2」: an entry of the table of contents
    rest = bare
    for d in find_dates(bare):
        rest = rest.replace(d.surface, "")
    if len(re.sub(r"[\s()（）]", "", rest)) <= 4:
        return True  # 「2027年度（令和9年度）採用分」: a date line
    if re.fullmatch(r"[-－ー―\s\d/ページ]+", bare) or _RULE_LINE.fullmatch(bare) or _UNIT_WORDS.fullmatch(bare.replace(" ", "")):
        return True  # a page number, or a bureau or division standing alone under its body
    if _ACT_NUMBER.search(bare) and len(_ACT_NUMBER.sub("", bare)) <= 8:
        return True  # 「令和5年規程第12号」「最終改正 令和7年規程第4号」: the act's number, not its title
    return _is_org_line(bare, orgs)


# --- publisher --------------------------------------------------------------------------------------------


def _body_at(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start < end and m.type in _BODY_TYPES]


# A prefecture or municipality written as the government that issues papers: its office, its site, or one of its
# departments (熊本県庁, 熊本県ホームページ, 熊本県商工労働部産業振興局半導体産業推進課), or its name alone on a line of
# the page's banner (「鹿児島県」 between the site's menus).
_LOCAL_OFFICE = re.compile(
    r"\s?(?:庁|役所|役場|(?:公式)?ホームページ|公式サイト|(?:公式)?(?:ウェブ|Web|WEB)サイト|[^\s。、]{0,24}?(?:部|局|課|室|班)(?=\s|$))"
    r"|[ \t]*(?=\n|\Z)"
)
# A sign-off's label before the government that signs (「【問合せ先】静岡県経済産業部…」「担当：…」)
_SIGN_OFF_LABEL = re.compile(r"^[\s　・]*(?:【[^】]{1,10}】|[(（][^)）]{1,10}[)）]|[^\s:：]{1,10}[:：])?[\s　]*$")


def _local_government_at(text: str, mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The prefectures and municipalities a line names as an issuing government, opening the line."""
    return [
        m
        for m in mentions
        if start <= m.start < end
        and m.type in ("Prefecture", "Municipality")
        and _SIGN_OFF_LABEL.match(text[text.rfind("\n", 0, m.start) + 1 : m.start].rstrip(" \u3000【［[(（・")) is not None
        and _LOCAL_OFFICE.match(text, m.end)
    ]


_BODY_TYPES = ("Agency", "Organization", "University", "ResearchInstitute", "Council")


def find_publishers(
    text: str,
    title: str,
    mentions: list[Mention],
    labels: dict[str, dict[str, str]],
    genre: str = "report",
    parent_of: Callable[[str], str | None] | None = None,
) -> tuple[list[str], str]:
    """The issuing body and where it was read: a header line naming only bodies (its bureau when the line names
    one), the sign-off, a copyright line; for minutes, the body whose room the meeting was held in or the
    ministry a council belongs to; then the title, else the body named most (ministries first). A prefecture or
    municipality issues papers too: its site or office on a header line, its department signing off."""
    lines = _lines(text)
    surfaces = sorted({m.surface for m in mentions if m.type in _BODY_TYPES}, key=len, reverse=True)
    if genre == "meeting-minutes":  # a minutes header names the meeting, not its publisher
        found = _minutes_publisher(lines, title, mentions, parent_of)
        if found:
            return found
    if genre == "statute":  # an ordinance is issued by the ministries its number or its signatories name
        found = _enacting_bodies(lines, mentions)
        if found:
            return found
    header = []
    # Minutes open with the meeting's record (日時, 場所, 出席者 and their bodies): no issuing body there.
    for off, line in lines[:_HEAD_LINES] if genre != "meeting-minutes" else []:
        if "。" in line:
            break  # running text: the header is over
        bare = _strip_date(line)
        if bare and bare.replace(" ", "") != title.replace(" ", "") and _is_org_line(bare, surfaces):
            header += _body_at(mentions, off, off + len(line))
        elif not header and len(line.strip()) <= 40:  # 「熊本県ホームページ」: a local government's site or office
            header += _local_government_at(text, mentions, off, off + len(line))
    # A bureau standing alone (（科学技術・学術政策局）) is the publisher's part: the body above it publishes.
    bodies = [m for m in header if not _bureau(m.surface)] or header
    if bodies:  # a council or bureau on the header line stands for its ministry; an agency for itself
        first = bodies[0]
        # 「経済産業省 九州経済産業局 地域経済部」: the ministry's regional bureau written after it issues the document
        after = [b for b in bodies[1:] if not text[first.end : b.start].strip() and is_regional_bureau(b.surface)]
        first = after[0] if after else first
        # 「内閣府 科学技術・イノベーション推進事務局」: an agency of the body named before it is the issuer.
        part = [b for b in bodies[1:] if b.type == "Agency" and parent_of is not None and parent_of(b.key) == first.key]
        first = part[0] if part else first
        climb = first.type == "Council" or _bureau(first.surface)
        top = _top(first.key, parent_of) if climb else first.key
        if climb and top == first.key and _bureau(first.surface):
            # 「（研究振興局）」 of no ministry the vocabulary knows: the ministry the document names most.
            ministry = _most_named_ministry(mentions, labels)
            return ([ministry], "header (its bureau's ministry)") if ministry else ([top], "header")
        return [top], "header"
    tail = lines[-_TAIL_LINES:] if len(lines) > 3 else []
    for i, (off, line) in enumerate(tail):
        if _SIGN_OFF.search(line):
            span_end = tail[min(i + 3, len(tail) - 1)][0] + len(tail[min(i + 3, len(tail) - 1)][1])
            # (a prefecture opening the line before its departments is the government whose bureau signs)
            here = _local_government_at(text, mentions, off, span_end) or _body_at(mentions, off, span_end)
            if here:
                bureau = _bureau(here[0].surface)
                top = _top(here[0].key, parent_of) if bureau else here[0].key
                ministry = _most_named_ministry(mentions, labels) if bureau and top == here[0].key else None
                return [ministry or top], "sign-off"  # 「担当：研究振興局…」: the bureau's ministry
    for off, line in lines:
        if _COPYRIGHT.search(line) and not line.startswith("出典"):
            here = _body_at(mentions, off, off + len(line))
            if here:
                return [here[-1].key], "copyright line"
    agencies = [m for m in mentions if m.type in _BODY_TYPES]
    in_title = [m.key for m in agencies if m.surface in title]
    if in_title:
        return [in_title[0]], "title"
    ministry = _most_named_ministry(mentions, labels)
    if ministry:
        return [ministry], "most named ministry"
    counts = Counter(m.key for m in agencies if m.type == "Agency")
    return ([counts.most_common(1)[0][0]], "most named agency") if counts else ([], "")


def _most_named_ministry(mentions: list[Mention], labels: dict[str, dict[str, str]]) -> str | None:
    counts = Counter(m.key for m in mentions if m.type == "Agency")
    ministries = [k for k, _ in counts.most_common() if labels.get(k, {}).get("ja", "").endswith(("省", "府", "庁"))]
    return ministries[0] if ministries else None


# 「文部科学省・国土交通省令第三号」「内閣府令第五号」「宮城県条例第十四号」; 「文部科学大臣 上条 恵一」 or 「宮城県知事
# 千田 康之」 signing it.
_ENACTMENT_NUMBER = re.compile(r"(?:省令|府令|規則|告示|政令|条例)第[0-9一二三四五六七八九十百千〇]+号")
_SIGNATORY = re.compile(r"^\s*(?:\S{2,12}大臣|\S{1,10}?[都道府県市町村区](?:知事|長))\s+\S")
_ENACTING_TYPES = ("Agency", "Prefecture", "Municipality")  # a ministry, or the local government of an ordinance


def _enacting_bodies(lines: list[tuple[int, str]], mentions: list[Mention]) -> tuple[list[str], str] | None:
    """The ministries (or the prefecture or municipality) a statute's number line or its signatories name, in
    order."""
    for test, source in ((_ENACTMENT_NUMBER.search, "the ordinance's number"), (_SIGNATORY.match, "its signatories")):
        keys: list[str] = []
        for off, line in lines[:_HEAD_LINES]:
            if test(line):
                here = [m for m in mentions if off <= m.start < off + len(line) and m.type in _ENACTING_TYPES]
                keys += [m.key for m in here if m.key not in keys]
        if keys:
            return keys, source
    return None


_VENUE_LINE = re.compile(r"^\s*(?:[0-9０-９]+\s?[.．、]\s*)?[【〔(（]?(?:場\s*所|会\s*場|開催場所)")


_BUREAU = re.compile(r"(?:(?<!事務)局|部|課|室|係|分科会|部会)$")  # a secretariat (事務局) stands for itself


def _bureau(surface: str) -> bool:
    """A bureau or department of a body, not a ministry's regional bureau (九州経済産業局), which issues its own papers."""
    return _BUREAU.search(surface) is not None and not is_regional_bureau(surface)


def _top(iri: str, parent_of: Callable[[str], str | None] | None) -> str:
    """The body a unit or council ultimately belongs to (研究計画・評価分科会 → 科学技術・学術審議会 → 文部科学省)."""
    seen = {iri}
    while parent_of is not None and (parent := parent_of(iri)) and parent not in seen:
        seen.add(parent)
        iri = parent
    return iri


def _minutes_publisher(
    lines: list[tuple[int, str]], title: str, mentions: list[Mention], parent_of: Callable[[str], str | None] | None
) -> tuple[list[str], str] | None:
    """Minutes are published by the council's secretariat: the ministry a council in the title belongs to, or
    the body whose building the 場所 line names (場所：文部科学省 3F1特別会議室)."""
    # A committee's parent that is itself a committee named here (an unlisted council) is no ministry.
    not_agencies = {m.key for m in mentions if m.type != "Agency"}
    for m in mentions:
        if m.type in _BODY_TYPES and m.surface in title.replace(" ", "") and parent_of is not None:
            top = _top(m.key, parent_of)
            if top != m.key and top not in not_agencies:
                return [top], "the council's ministry"
    for off, line in lines[:_HEAD_LINES]:
        if _VENUE_LINE.match(line):
            here = [m for m in _body_at(mentions, off, off + len(line)) if m.type == "Agency"]
            if here:
                return [here[0].key], "the meeting's venue"
    return None


def read_metadata(
    text: str,
    mentions: list[Mention],
    labels: dict[str, dict[str, str]],
    parent_of: Callable[[str], str | None] | None = None,
) -> DocumentMetadata:
    """Genre, title, issue date and publisher; ``labels`` are the entity labels by IRI, ``parent_of`` gives the
    body a curated council or unit belongs to."""
    genre, _ = classify(text)
    issued, inferred, issued_source = find_issued(text, genre)
    orgs = sorted({m.surface for m in mentions if m.type in _BODY_TYPES})
    title = find_title(text, orgs, genre)
    publishers, publisher_source = find_publishers(text, title, mentions, labels, genre, parent_of)
    return DocumentMetadata(title, issued, inferred, publishers, genre, issued_source, publisher_source)
