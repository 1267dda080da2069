"""Monetary amounts: value in base units as an exact Decimal, ISO 4217 currency, and the span.

Arabic numerals are multiplied with Decimal (floats turn 1.15億 into 114999999); kanji numerals
(百三十億円) go through ``suji``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_UNITS = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4,
          "千": Decimal(1000), "": Decimal(1)}  # fmt: skip
# Japanese currency names → ISO 4217. A country-qualified name wins over the bare one (豪ドル → AUD).
_CURRENCIES = {
    "円": "JPY", "ドル": "USD", "米ドル": "USD", "ユーロ": "EUR", "ポンド": "GBP", "英ポンド": "GBP", "元": "CNY",
    "人民元": "CNY", "ウォン": "KRW", "豪ドル": "AUD", "カナダドル": "CAD", "カナダ・ドル": "CAD", "シンガポールドル": "SGD",
    "シンガポール・ドル": "SGD", "香港ドル": "HKD", "台湾ドル": "TWD", "ニュージーランドドル": "NZD", "スイスフラン": "CHF",
    "スイス・フラン": "CHF", "ルピー": "INR", "インドルピー": "INR", "インド・ルピー": "INR", "ランド": "ZAR", "レアル": "BRL",
    "ルーブル": "RUB", "バーツ": "THB", "リンギット": "MYR", "ルピア": "IDR", "ドン": "VND", "ペソ": "MXN",
    "ノルウェー・クローネ": "NOK", "ノルウェークローネ": "NOK", "デンマーク・クローネ": "DKK", "デンマーククローネ": "DKK",
    "スウェーデン・クローナ": "SEK", "スウェーデンクローナ": "SEK", "クローナ": "SEK",
}  # fmt: skip
_CURRENCY_WORDS = "|".join(sorted(_CURRENCIES, key=len, reverse=True))
_AMOUNT = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<big>兆)?(?:(?P<rest>\d,\d{3}|\d{1,4})\s?(?=億))?"
    rf"(?P<unit>百万|億|万|千)?\s?(?P<cur>{_CURRENCY_WORDS})"
)
_PAIR = re.compile(
    r"(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?[(（]\s?(?P<b>\d{1,3}(?:,\d{3})+|\d+)\s?[)）]\s?(?P<unit>百万|億|万|千)?(?P<cur>円)"
)
_KANJI_AMOUNT = re.compile(
    r"(?P<num>[一二三四五六七八九十百千〇]+(?:兆|億|万)?[一二三四五六七八九十百千〇]*(?:兆|億|万)?)(?P<cur>円|ドル|ユーロ)"
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    surface: str
    value: Decimal
    currency: str
    approximate: bool = False
    bracketed: bool = False  # the second of 「6,850（4,120）百万円」: a figure given beside the first (often last year's)


# 「3億5千万円」「2億5,000万円」「12億6千万円」: 億 and 万 in one amount.
_OKU_MAN = re.compile(
    rf"(?P<oku>\d{{1,4}}(?:\.\d+)?)\s?億\s?(?P<man>\d{{1,3}}(?:,\d{{3}})?|\d{{1,4}})\s?(?P<k>千)?万\s?(?P<cur>{_CURRENCY_WORDS})"
)


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money stated in the text."""
    found: list[Amount] = []
    for m in _OKU_MAN.finditer(text):
        man = Decimal(m.group("man").replace(",", "")) * (1000 if m.group("k") else 1)
        value = Decimal(m.group("oku")) * _UNITS["億"] + man * _UNITS["万"]
        found.append(_amount(text, m, value.quantize(Decimal(1)) if value == value.to_integral() else value))
    for m in _PAIR.finditer(text):  # 「6,850（4,120）百万円」: two amounts sharing one unit
        unit = _UNITS[m.group("unit") or ""]
        for group, bracketed in (("a", False), ("b", True)):
            value = Decimal(m.group(group).replace(",", "")) * unit
            end = m.end() if bracketed else m.end(group)  # the shared unit is covered, not read again as 百万円
            found.append(Amount(m.start(group), end, m.group(group) + (m.group("unit") or "") + m.group("cur"),
                                value.quantize(Decimal(1)) if value == value.to_integral() else value,
                                _CURRENCIES[m.group("cur")], bracketed=bracketed))  # fmt: skip
    for m in _AMOUNT.finditer(text):
        if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in found):
            continue
        value = Decimal(m.group("num").replace(",", ""))
        if m.group("big"):  # 1兆2000億円
            value *= _UNITS["兆"]
            if m.group("rest"):
                value += Decimal(m.group("rest").replace(",", "")) * _UNITS["億"]  # 4兆6,820億円
        else:
            value *= _UNITS[m.group("unit") or ""]
        found.append(_amount(text, m, value.quantize(Decimal(1)) if value == value.to_integral() else value))
    for m in _KANJI_AMOUNT.finditer(text):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        import suji

        values = suji.values(m.group("num"))
        if values:
            found.append(_amount(text, m, Decimal(str(values[0]["val"]))))
    return sorted(found, key=lambda a: a.start)


def _amount(text: str, m: re.Match[str], value: Decimal) -> Amount:
    approximate = text[max(0, m.start() - 1) : m.start()] == "約"
    start = m.start() - 1 if approximate else m.start()
    return Amount(start, m.end(), text[start : m.end()], value, _CURRENCIES[m.group("cur")], approximate)
