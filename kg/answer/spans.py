"""Typed spans a sentence states: amounts, fiscal years, dates, counts, provisions, and the organisations,
people and places it names, each with an English rendering composed from the span (numbers, dates, article
numbers) or from the graph's English label of the entity it names (romanized when the graph has none).

Offsets are relative to the sentence. Nothing here translates prose: a span the rules cannot render
keeps its Japanese, and the caller says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.dates import find_dates
from ingest.extract.amounts import find_amounts

_COUNTERS_EN = {
    "名": "people", "人": "people", "者": "people", "件": "cases", "課題": "projects", "プロジェクト": "projects",
    "か国": "countries", "カ国": "countries", "ヶ国": "countries", "ヵ国": "countries", "か国・地域": "countries and regions",
    "機関": "institutions", "校": "schools", "社": "companies", "拠点": "centres", "回": "times", "大学": "universities",
    "チーム": "teams", "分野": "fields", "領域": "areas", "本": "items", "テーマ": "themes", "地域": "regions",
    "か所": "sites", "台": "units", "症例": "cases", "箇所": "sites", "機": "units", "基": "units", "年間": "years",
    "法人": "corporations", "団体": "bodies",
}  # fmt: skip
_COUNTER_WORDS = "|".join(sorted(_COUNTERS_EN, key=len, reverse=True))
_COUNT = re.compile(
    rf"(?<![第\d,.])(?P<approx>約|計|合計|全体で|延べ|累計)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?<![\u4e00-\u9fff])[一二三四五六七八九十百千]+)\s?(?P<counter>{_COUNTER_WORDS})"
    r"(?P<qual>以上|程度|超|以内|未満)?(?!あたり|当たり|につき|ごと|毎)"  # 「1課題あたり」 is a rate, not a count
)
_PROVISION = re.compile(
    r"第(?P<art>[0-9一二三四五六七八九十百]+)条(?:の(?P<sub>[0-9一二三四五六七八九十]+))?"
    r"(?:第(?P<para>[0-9一二三四五六七八九十]+)項)?(?:第(?P<item>[0-9一二三四五六七八九十]+)号)?"
)
_PERIOD = re.compile(
    r"(?P<num>\d+|[一二三四五六七八九十]+)\s?(?:(?P<unit>日|か月|カ月|ヶ月|箇月|週間)(?P<rel>以内|間|前まで|前|後|経過後)?"
    r"|(?P<year>年)(?P<yrel>以内|間|前まで|経過後))"
)
_PERIOD_EN = {"日": "day", "か月": "month", "カ月": "month", "ヶ月": "month", "箇月": "month", "年": "year", "週間": "week"}
_PERSON = re.compile(
    r"(?<![\u4e00-\u9fff\d])(?![^ \u3000]*[年月日第回条])(?!(?:教授|准教授|講師|助教|委員|主査|理事|室長|課長|部長|局長|大臣"
    r"|名誉教授|所長|会長|社長|議長|座長|次長|顧問|代表|政務官|審議官)[ \u3000])[\u4e00-\u9fff]{1,3}(?<![条項号第])[ \u3000]"
    r"(?:[\u4e00-\u9fff]{1,3}|[\u3040-\u309f]{2,3})(?![\u4e00-\u9fff])"
)
_FOREIGN_PERSON = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}・[\u30a1-\u30fa\u30fc]{2,}")
_FOREIGN_PLACE = re.compile(
    r"(?<![\u30a1-\u30fa\u30fc・\u4e00-\u9fffA-Za-z])[\u30a1-\u30fa\u30fc]{3,}(?=で|にて|において|に設置|に置|市|郊外)"
)  # not the end of a longer name (JAXA相模原キャンパスにおいて)
_NAME_GOES_ON = re.compile(r"(?![及並等内外全各市区町村])[\u4e00-\u9fff\u30a1-\u30fa]")
# Where a meeting was held, written without its prefecture (「東京で開催」): the name before 「で開催」.
_HELD_AT = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?=で(?:開催|開かれ)|にて開催|において開催)")
_PREFECTURE = r"(?:北海道|東京都|大阪府|京都府|[\u4e00-\u9fff]{2,3}県)"
_PLACE = re.compile(rf"(?P<pref>{_PREFECTURE})(?P<city>[\u4e00-\u9fff\u3040-\u30ff]{{1,5}}?[市町村区])?")
_ORG = re.compile(
    r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z・]{2,24}?(?:大学院大学|大学|研究所|研究機構|研究開発機構|機構|研究センター|センター|財団|協会"
    r"|委員会|審議会|評議会|会議|振興会|省|庁|本部|株式会社)"
)
_STATUS_JA = [("supplementary", "補正"), ("request", "要求"), ("request", "要望"), ("actual", "決算"),
              ("actual", "実績"), ("previous-year", "前年度"), ("budget", "予算")]  # fmt: skip
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
ENTITY_TYPES = {
    "organization": {"Agency", "Organization", "Organisation", "Ministry", "University", "Council", "ResearchInstitute"},
    "person": {"Person"},
    "place": {"Place", "City", "Prefecture", "Municipality"},
    "list": {"Country", "Region", "Organization", "Agency", "University", "ResearchInstitute", "Municipality", "Place", "Person"},
}


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int
    ja: str  # the document's words
    en: str  # the system's rendering
    year: int | None = None  # the fiscal year the sentence states for an amount or count
    status: str | None = None  # budget status an amount's line states; "period" for a date span that is one
    iri: str | None = None  # the entity, when the span names one the graph knows
    unit: str | None = None  # the counter a count is written with (か国, 課題); for a date, "end" when it closes a period


def find_spans(sentence: str, kind: str, names: list[tuple[int, int, str, str, str, str]]) -> list[Span]:
    """Spans of the asked type in a sentence; ``names`` are the entities found in it as
    (start, end, iri, type, ja label, en label)."""
    if kind == "amount":
        return [_amount_span(sentence, a) for a in find_amounts(sentence)]
    if kind == "count":
        return [_count_span(sentence, m) for m in _COUNT.finditer(sentence) if not _is_money(sentence, m.end())]
    if kind == "fiscal_year":
        return _fiscal_spans(sentence)
    if kind == "date":  # a date, or the period a rule sets (「60日以内」「5年間」: by when, for how long)
        dates = [Span(kind, d.start, d.end, d.surface, render_date(d.year, d.month, d.day),
                      status="cited" if _DECIDED.match(sentence, d.end) else None, unit=_range_end(sentence, d.start, d.end))
                 for d in find_dates(sentence) if not d.fiscal and not _LAW_NUMBER.match(sentence, d.end)]  # fmt: skip
        periods = [Span(kind, m.start(), m.end(), m.group(0), render_period(m), status="period")
                   for m in _PERIOD.finditer(sentence)
                   if not any(d.start < m.end() and m.start() < d.end for d in dates)]  # fmt: skip
        return dates + periods  # a date first; the caller prefers a period when one is asked
    if kind == "provision":
        return [Span(kind, m.start(), m.end(), m.group(0), render_provision(m)) for m in _PROVISION.finditer(sentence)]
    if kind in ENTITY_TYPES:
        return _entity_spans(sentence, kind, names)
    return []


_RANGE = re.compile(r"\s*(?:〜|～|~|から|－|-|―)\s*")
_RANGE_BEFORE = re.compile(r"(?:〜|～|~)\s*$")
# 「平成十八年文部科学省令第三十六号」「令和5年規程第12号」: the year of a law's number, not a date anything happened
_LAW_NUMBER = re.compile(r"\s*(?:[^\s、。]{0,8}?(?:法律|政令|省令|府令|規則|規程|告示|訓令|条例))第")


# 「(令和4年4月 統合イノベーション戦略推進会議決定)」: the date of a document the sentence cites, not of what it tells,
# unless the question asks when it was decided or published (status "cited")
_DECIDED = re.compile(r"\s*[^\s()（）。、]{0,30}?(?:決定|改定|改訂|策定|公表|閣議決定)\s*[)）]")


_RANGE_AFTER = re.compile(r"\s*(?:[（(][^）)]{0,6}[）)])?\s*(?:〜|～|~)")


def _range_end(sentence: str, start: int, end: int) -> str | None:
    """The end of a period for the date closing it (〜令和7年11月7日), its start for the one opening it."""
    return "end" if _RANGE_BEFORE.search(sentence[:start]) else "start" if _RANGE_AFTER.match(sentence, end) else None


def _fiscal_spans(sentence: str) -> list[Span]:
    """Fiscal years, a range (令和8年度〜令和12年度) as one span: FY2026 to FY2030."""
    years = [d for d in find_dates(sentence) if d.fiscal]
    out: list[Span] = []
    for d in years:
        if out and out[-1].status != "range" and _RANGE.fullmatch(sentence[out[-1].end : d.start]):
            first = out.pop()
            out.append(Span("fiscal_year", first.start, d.end, sentence[first.start : d.end], f"{first.en} to FY{d.year}",
                            d.year, status="range"))  # fmt: skip
        else:
            out.append(Span("fiscal_year", d.start, d.end, d.surface, f"FY{d.year}", d.year))
    return out


def _entity_spans(sentence: str, kind: str, names: list[tuple[int, int, str, str, str, str]]) -> list[Span]:
    """The entities of the asked type the graph knows in the sentence, else what the patterns find."""
    spans = [Span(kind, s, e, sentence[s:e], en or ja, iri=iri)
             for s, e, iri, etype, ja, en in names if etype in ENTITY_TYPES[kind]]  # fmt: skip
    taken = [(s.start, s.end) for s in spans]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    if kind == "person":
        from ingest.romanize import romanize_name

        spans += [Span(kind, m.start(), m.end(), m.group(0), romanize_name(m.group(0)) or m.group(0))
                  for m in _PERSON.finditer(sentence) if free(m.start(), m.end())]  # fmt: skip
        from ingest.romanize import romanize_text

        spans += [Span(kind, m.start(), m.end(), m.group(0), romanize_text(m.group(0)) or m.group(0))
                  for m in _FOREIGN_PERSON.finditer(sentence) if free(m.start(), m.end())]  # fmt: skip
    elif kind == "place":
        spans += [Span(kind, m.start(), m.end(), m.group(0), render_place(m.group("pref"), m.group("city")))
                  for m in _PLACE.finditer(sentence) if free(m.start(), m.end())]  # fmt: skip
        from ingest.gloss import english_gloss
        from ingest.romanize import romanize_text

        # A city abroad, written in katakana where something happens (「ナイロビで署名」): JMdict's English, else romanized.
        for m in _FOREIGN_PLACE.finditer(sentence):
            if free(m.start(), m.end()):
                en = english_gloss(m.group(0)) or romanize_text(m.group(0)) or m.group(0)
                spans.append(Span(kind, m.start(), m.end(), m.group(0), en))
        for m in _HELD_AT.finditer(sentence):
            if free(m.start(), m.end()) and (en := english_gloss(m.group(0))):  # a place JMdict knows (東京 → Tokyo)
                spans.append(Span(kind, m.start(), m.end(), m.group(0), en))
        # 「北海道次世代ロジック人材ハブ」: a place written at the head of a longer name is not where something is.
        spans = [s for s in spans if not _NAME_GOES_ON.match(sentence, s.end)]
    if kind == "list":  # a list of places or bodies the graph does not know: what the patterns find
        from ingest.gloss import english_gloss

        for m in [*_PLACE.finditer(sentence), *_ORG.finditer(sentence)]:
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                en = render_place(m.group("pref"), m.group("city")) if "pref" in m.re.groupindex else english_gloss(m.group(0))
                spans.append(Span(kind, m.start(), m.end(), m.group(0), en or m.group(0)))
        spans += [s for s in _enumeration_spans(sentence) if free(s.start, s.end)]
    elif kind == "organization":
        from ingest.gloss import english_gloss

        spans += [Span(kind, m.start(), m.end(), m.group(0), english_gloss(m.group(0)) or m.group(0))
                  for m in _ORG.finditer(sentence) if free(m.start(), m.end())]  # fmt: skip
    spans = sorted(spans, key=lambda s: s.start)
    return _merge_places(spans, sentence) if kind in ("place", "list") else spans


def _merge_places(spans: list[Span], sentence: str) -> list[Span]:
    """A prefecture written right before its city (茨城県つくば市) is one place: Tsukuba City, Ibaraki Prefecture."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == s.start and re.search(r"[都道府県]$", prev.ja) and re.search(r"[市区町村]$", s.ja)
                and not re.search(r"[市区町村]$", prev.ja)):  # fmt: skip
            out[-1] = Span(s.type, prev.start, s.end, sentence[prev.start : s.end], f"{s.en}, {prev.en}", iri=s.iri)
        else:
            out.append(s)
    return out


_ITEM = r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z0-9・ー]{2,14}"
_ENUMERATION = re.compile(rf"(?<![\u4e00-\u9fff\u30a0-\u30ffA-Za-z0-9・ー]){_ITEM}(?:(?:、|及び|および|並びに){_ITEM})+")
_ENUM_SPLIT = re.compile(r"、|及び|および|並びに")
_HEAD = re.compile(r"の(?:\d+|[一二三四五六七八九十]+)?(?P<head>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})")


def _enumeration_spans(sentence: str) -> list[Span]:
    """The items of an enumeration of nouns (防災、感染症、食料安全保障の3領域), each glossed in English; ``unit``
    holds the noun the enumeration is of (領域), so a question asking for that noun finds it."""
    from ingest.gloss import english_gloss

    out = []
    for m in _ENUMERATION.finditer(sentence):
        head = _HEAD.match(sentence, m.end())
        items = _ENUM_SPLIT.split(m.group(0))
        opened = re.search(r"[:：(（]\s*$", sentence[: m.start()]) is not None
        if len(items) < 3 and head is None and not opened:  # 「本日、研究開発計画を決定」 is no list
            continue
        at = m.start()
        for item in items:
            start = sentence.index(item, at)
            at = start + len(item)
            if item in ("以下", "以上", "同様", "その他", "ほか", "等"):
                continue
            out.append(Span("list", start, at, item, english_gloss(item) or item, unit=head.group("head") if head else None))
    return out


def _is_money(sentence: str, end: int) -> bool:
    return sentence[end : end + 1] in ("円", "万", "億")


def _amount_span(sentence: str, a) -> Span:  # type: ignore[no-untyped-def]
    before = sentence[max(0, a.start - 40) : a.start]
    fiscal = [d for d in find_dates(before) if d.fiscal]
    status = next((name for name, word in reversed(_STATUS_JA) if word in before[-20:]), None)
    status = next((name for name, word in _STATUS_JA if word in before[-20:]), status)
    year = fiscal[-1].year if fiscal else None
    return Span("amount", a.start, a.end, a.surface, render_money(a.value, a.currency, a.approximate), year, status)


_QUALIFIERS_EN = {"以上": "at least ", "程度": "about ", "超": "over ", "以内": "up to ", "未満": "under "}


def _count_span(sentence: str, m: re.Match[str]) -> Span:
    fiscal = [d for d in find_dates(sentence[: m.start()]) if d.fiscal]
    n = m.group("num")
    n = n if n[0].isdigit() else str(_int(n))  # 七人 → 7 people
    qualifier = "about " if m.group("approx") == "約" else _QUALIFIERS_EN.get(m.group("qual") or "", "")
    return Span("count", m.start("num"), m.end(), sentence[m.start("num") : m.end()],
                f"{qualifier}{n} {_COUNTERS_EN[m.group('counter')]}", fiscal[-1].year if fiscal else None,
                unit=m.group("counter"))  # fmt: skip


def render_money(value: Decimal, currency: str, approximate: bool = False) -> str:
    """¥3.0 billion, ¥420 million, $1.2 million; other currencies by their ISO code."""
    sign = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}.get(currency, f"{currency} ")
    v = Decimal(value)
    for size, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if v >= size:
            x = v / size
            text = f"{x:.0f}" if x >= 10 and x == x.to_integral() else f"{x:.2f}".rstrip("0")
            text = text + "0" if text.endswith(".") else text
            return f"{'about ' if approximate else ''}{sign}{text} {word}"
    return f"{'about ' if approximate else ''}{sign}{v:,.0f}"


def render_date(year: int, month: int | None, day: int | None) -> str:
    if month and day:
        return f"{day} {_MONTHS[month - 1]} {year}"
    return f"{_MONTHS[month - 1]} {year}" if month else str(year)


def render_period(m: re.Match[str]) -> str:
    """60日以内 → within 60 days; 5年間 → 5 years; 3か月前 → 3 months before."""
    n = _int(m.group("num"))
    unit = _PERIOD_EN[m.group("unit") or m.group("year")] + ("s" if n != 1 else "")
    rel = m.group("rel") or m.group("yrel") or ""
    if rel == "以内":
        return f"within {n} {unit}"
    if rel.startswith("前"):
        return f"{n} {unit} before"
    return f"{n} {unit} after" if rel.endswith("後") else f"{n} {unit}"


def _int(text: str) -> int:
    from kanjize import kanji2number

    return int(text) if text.isdigit() else int(kanji2number(text))


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def render_provision(m: re.Match[str]) -> str:
    """第四条第三項第二号 → Article 4(3)(ii); 第二条の二 → Article 2-2."""
    text = f"Article {_int(m.group('art'))}" + (f"-{_int(m.group('sub'))}" if m.group("sub") else "")
    text += f"({_int(m.group('para'))})" if m.group("para") else ""
    return text + (f"({_roman(_int(m.group('item')))})" if m.group("item") else "")


def render_place(prefecture: str, city: str | None) -> str:
    """茨城県つくば市 → Tsukuba City, Ibaraki Prefecture (romanized readings)."""
    from ingest.romanize import romanize_text

    pref = {"北海道": "Hokkaido", "東京都": "Tokyo", "大阪府": "Osaka Prefecture", "京都府": "Kyoto Prefecture"}.get(prefecture)
    pref = pref or romanize_text(prefecture) or prefecture
    return f"{romanize_text(city) or city}, {pref}" if city else pref
