"""Events: meetings, summits, forums, symposia, signings and agreements, by the word that names the kind
of event (首脳会談, 閣僚会合, シンポジウム, 署名, 覚書…) with the name before it, and the date of the
sentence when it gives one. 「第一回日印大学等フォーラム」 is an edition of the forum series it names. A list line's
name written a space before the kind (「RARE-X 成果報告会2025」) is part of the event; the signing of a named
agreement (「…データ連携協定の締結式」) is an event, that of a kind of agreement (「連携協定の締結式」) is not. Which session
is meant (次回, 前回, 今回 before 第N回) is no part of a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import DateMention, find_dates
from ingest.extract.names import is_generic

_EVENT = re.compile(
    r"(?P<name>(?:第[0-9一二三四五六七八九十]+回)?[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー&\-]{0,28}?"
    r"(?:首脳会談|首脳会合|首脳会議|首脳声明|閣僚会合|閣僚会議|大臣会合|ハイレベル会合|高級実務者会合|実務者会合|高官会合|外相会談|局長会談|会談|サミット|シンポジウム|ミーティング|"
    r"第[0-9一二三四五六七八九十]+回会合|"
    r"フォーラム|説明会|同窓会|合同委員会|開発会議|国際会議|署名式|締結式|調印式|署名|締結|覚書|取決め|総会|年次会合|交流会議|"
    r"フェスタ|フェスティバル|ワークショップ|セミナー|成果報告会|報告会|ラウンドテーブル|"
    r"TICAD\s?\d*|COP\d+|[0-9]+周年|会議(?=20\d{2}))(?:\d{4})?)"
)
_CUT = re.compile(r"^(?:.*(?:及び|並びに|又は|[のはがをにでとへもや、])|[0-9,]+[名人件校機関]+)(?=.)")
# A generic word for a kind of meeting is never an event by itself: 会談, 国際会議, 定例の説明会, 各種フォーラム.
_BARE = re.compile(
    # 「令和8年度公募説明会」「協定署名」「契約締結」: a kind of act, its year or date at most (「令和6年5月署名」)
    r"^(?:(?:(?:令和|平成)[0-9元]+|(?:19|20)[0-9]{2})年度?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?)?(?:第[0-9一二三四五六七八九十]+回)?"
    r"(?:国際|関係|各種|定例|臨時|合同|本|同|当該|公開|オンライン|全体|年次|次回|前回|今回)?"
    r"(?:公募|募集|事業|制度|科学技術協力|協定|契約|二国間|多国間|研究|キックオフ・?|合同|ハイレベル|実務者|高級実務者|高官)?"
    r"(?:会談|署名|締結|覚書|取決め|総会|説明会|フォーラム|シンポジウム|ミーティング|国際会議|会議|会合|サミット|交流会|同窓会|署名式|"
    r"合同委員会|協定締結|協定締結式|連携協定締結|包括連携協定締結|締結式|記者会見|Web会議|オンライン会議|"
    r"ワークショップ|セミナー|成果報告会|報告会|ラウンドテーブル|"
    # 「共同実施契約の署名式」「包括連携協定の締結式」: the signing of a kind of agreement, no name of its own
    r"(?:共同|実施|研究|開発|連携|協力|包括|業務|委託|技術|事業|相互|基本)*(?:協定|契約)の(?:締結式|署名式|調印式))$"
)


_CEREMONY = re.compile(r"の?(?:署名式|調印式|締結式)")
# 「五島海洋データ連携協定の締結式」: the ceremony of a named agreement or contract (not itself a kind of event)
_PAPERS_CEREMONY = re.compile(
    r"(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー&\-]{2,28}?(?:協定|契約|取決め|共同声明)の?(?:署名式|締結式|調印式))"
)
_VENUE = re.compile(r"場|ホール|会館|センター|棟")
# A quoted name ending in a word for a gathering is the gathering's name: 「…日印合同キックオフ会合」「…国際研究交流会」.
_GATHERING = (
    r"(?:会合|交流会|大会|フェア|展示会|博覧会|コンテスト|ハッカソン|キャンプ|ウィーク|式典|授賞式|パートナリング|カンファレンス|"
    r"シンポジウム|セミナー|ワークショップ|説明会|報告会|フォーラム|サミット|ミーティング|ラウンドテーブル|商談会|見本市|ミッション|"
    r"Forum|Symposium|Workshop|Summit|Conference|Meeting|Seminar|Week)"
)
# …with the year of its edition after it: 「…キックオフ会合2026」「Ocean … Forum 2026」.
_QUOTED_EVENT = re.compile(rf"[「『](?P<name>[^「」『』\n。、]{{2,40}}?{_GATHERING}(?:\s?(?:19|20)\d{{2}})?)[」』]")
# An event block's name field: 「名称：RARE-Link Japan 第2期キックオフシンポジウム」 (the whole value is the name).
_NAME_FIELD = re.compile(
    rf"^[ \t\u3000]*(?:名称|イベント名|行事名)[ \t\u3000]*[:：][ \t\u3000]*(?P<name>[^\n。、]{{2,60}}?{_GATHERING})[ \t\u3000]*$",
    re.M,
)
_KINDS = ("イベント", "お知らせ", "ニュース", "講演会", "催し", "行事")
# The name a list line writes a space before the kind of event (「RARE-X 成果報告会2025」「日独加 希少疾患…シンポジウム」
# 「愛媛県・ベルゲン市 海洋…覚書締結式」): a project's name in capitals, the countries' initials, or the parties.
_PARTY = r"[^\s・、。「」()（）]{1,12}(?:県|市|州|都|府|町|村|大学|機構)"
_NAME_BEFORE_SPACE = re.compile(
    r"(?:^|(?<=[\s「『(（・●■◆]))"
    rf"(?:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[日米英独仏加豪中韓印伊露泰越比]{{2,4}}|{_PARTY}・{_PARTY})[ \u3000]$"
)


def _kinds_listed(name: str) -> bool:
    """「イベント・セミナー」 (a site menu's heading): kinds of event listed together, no event."""
    parts = name.split("・")
    return len(parts) > 1 and all(p in _KINDS or _BARE.match(p) for p in parts)


@dataclass(frozen=True)
class EventSpan:
    start: int
    end: int
    name: str
    date: DateMention | None


# An act of certification or selection is an event even without a name: 「文部科学大臣が東北大学を国際卓越研究大学に
# 認定（令和6年11月）」 → 「東北大学の国際卓越研究大学認定」.
_ACT = re.compile(
    r"が(?P<object>[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z・ー]{2,20})を"
    r"(?P<status>[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z・ー]{2,20})に(?P<act>認定|選定|指定)"
)


def find_events(text: str, offset: int = 0) -> list[EventSpan]:
    """Events named in one sentence or line of text, with the sentence's nearest date if any."""
    dates = [d for d in find_dates(text) if d.month and not d.fiscal]
    events = [
        EventSpan(
            offset + m.start("object"),
            offset + m.end("act"),
            f"{m.group('object')}の{m.group('status')}{m.group('act')}",
            min(dates, key=lambda d: abs(d.start - m.start())) if dates else None,
        )  # fmt: skip
        for m in _ACT.finditer(text)
    ]
    for m in _EVENT.finditer(text):
        name = m.group("name")
        cut = _CUT.match(name)
        start = m.start("name") + (cut.end() if cut else 0)
        lead = re.match(r"(?:19|20)\d{2}(?=第)|(?:次回|前回|今回)の?(?=第)", text[start : m.end("name")])
        # 「2025第5回…フォーラム」: a table's year column; 「次回第13回会合」: which session is meant: no part of the name
        start += lead.end() if lead else 0
        end = m.end("name")
        ceremony = _CEREMONY.match(text, end) if re.search(r"(?:覚書|取決め|協定|契約)$", name) else None
        end = ceremony.end() if ceremony else end  # 「協力覚書(の)署名式」: the ceremony is the event, not the paper
        start += 1 if text[start] == "・" else 0  # 「・日英…ワークショップ」: a list item's bullet
        before = _NAME_BEFORE_SPACE.search(text, max(0, start - 28), start)
        if before and (not before.group().isascii() or sum(c.isupper() for c in before.group()) >= 2):
            start = before.start()  # (a word in capitals, not 「in」 or 「the」)
        name = text[start:end]
        if len(name) < 4 or is_generic(name) or _BARE.match(name) or _kinds_listed(name):
            continue
        if _VENUE.match(text, end):
            continue  # 「神戸国際会議場」: the hall, a place, not a conference
        date = min(dates, key=lambda d: abs(d.start - start)) if dates else None
        events.append(EventSpan(offset + start, offset + end, name, date))
    for m in [*_QUOTED_EVENT.finditer(text), *_NAME_FIELD.finditer(text), *_PAPERS_CEREMONY.finditer(text)]:
        name = m.group("name")
        found = any(e.start == offset + m.start("name") and e.end == offset + m.end("name") for e in events)
        if found or _BARE.match(name) or is_generic(name) or _kinds_listed(name):
            continue
        date = min(dates, key=lambda d: abs(d.start - m.start("name"))) if dates else None
        events.append(EventSpan(offset + m.start("name"), offset + m.end("name"), name, date))
    # 「RARE-Link Japan 第2期キックオフシンポジウム」: the numbered words inside the quoted name are not a second event
    return [e for e in events if not any(_holds(o, e) for o in events)]


def _holds(outer: EventSpan, inner: EventSpan) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start
