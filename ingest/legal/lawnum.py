"""Law numbers (法令番号) and the e-Gov law IDs derived from them.

A law number names the era, the year, the kind of law and its number in that year:
平成七年法律第百三十号 is Act No. 130 of 1995. e-Gov's 15-character law ID is built from the same parts
(checked against every curated ID in ontology/vocab/laws.ttl by tests/test_legal.py):

    era digit (明治 1, 大正 2, 昭和 3, 平成 4, 令和 5) + two-digit year + kind + number
    法律 (Act):          "AC" + origin + number in 9 digits  — origin 0 = Cabinet bill, 1 = member's bill
    政令 (Cabinet Order): "CO" + number in 10 digits
    府省令 (ordinance):   "M" + issuer code (7 characters) + number in 4 digits

    平成七年法律第百三十号       → 407AC1000000130  (a member's bill)
    令和四年法律第五十一号       → 504AC0000000051  (a Cabinet bill)
    令和四年文部科学省令第三十七号 → 504M60000080037

The law number alone does not say whether an Act was a Cabinet or a member's bill, and issuer codes of
ordinances are not published as a table: an ID is derived only when those are known (curated data, or
the issuer codes in ``ISSUER_CODES``, each checked against a real e-Gov ID); otherwise none is given,
rather than a guess that would open the wrong law.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kanjize import number2kanji

from ingest.legal.numbers import NUMERAL, to_int

ERAS = {"明治": (1, 1868), "大正": (2, 1912), "昭和": (3, 1926), "平成": (4, 1989), "令和": (5, 2019)}
# Ministry → issuer code in ordinance IDs, e.g. 504M60000080037 (令和四年文部科学省令第三十七号).
ISSUER_CODES = {"文部科学省": "6000008"}

LAW_NUMBER = re.compile(
    rf"(?P<era>明治|大正|昭和|平成|令和)(?P<year>元|{NUMERAL})年"
    r"(?P<kind>法律|政令|勅令|内閣府令|(?P<issuer>[\u4e00-\u9fff・]{1,12}?省)令|[\u4e00-\u9fff・]{1,12}?規則)"
    rf"第(?P<number>{NUMERAL})号"
)
_KIND_EN = {"法律": "Act", "政令": "Cabinet Order", "勅令": "Imperial Ordinance", "内閣府令": "Cabinet Office Order"}


@dataclass(frozen=True)
class LawNumber:
    era: str
    year: int  # year of the era (元年 = 1)
    kind: str  # 法律, 政令, 勅令, 内閣府令, 文部科学省令, 人事院規則 …
    number: int
    issuer: str = ""  # the ministry of a 省令 (文部科学省)

    @property
    def western_year(self) -> int:
        return ERAS[self.era][1] + self.year - 1

    @property
    def key(self) -> tuple[str, int, str, int]:
        return (self.era, self.year, self.kind, self.number)

    @property
    def is_act(self) -> bool:
        return self.kind == "法律"

    def ja(self) -> str:
        """As promulgated, in kanji numerals: 平成七年法律第百三十号."""
        year = "元" if self.year == 1 else number2kanji(self.year)
        return f"{self.era}{year}年{self.kind}第{number2kanji(self.number)}号"

    def english(self, ministry_en: Callable[[str], str | None] | None = None) -> str:
        """Act No. 130 of 1995; Order of the Ministry of … No. 37 of 2022."""
        tail = f"No. {self.number} of {self.western_year}"
        if self.kind in _KIND_EN:
            return f"{_KIND_EN[self.kind]} {tail}"
        if self.issuer:
            name = ministry_en(self.issuer) if ministry_en else None
            return f"Order of the {name} {tail}" if name else f"Ministerial Order ({self.issuer}) {tail}"
        return f"{self.kind} {tail}"


def parse_law_number(text: str) -> LawNumber | None:
    """The law number a string is (after NFKC, whitespace removed), or None."""
    m = LAW_NUMBER.fullmatch(re.sub(r"\s+", "", text))
    return law_number_of(m) if m else None


def law_number_of(m: re.Match[str]) -> LawNumber:
    year = 1 if m.group("year") == "元" else to_int(m.group("year"))
    return LawNumber(m.group("era"), year, m.group("kind"), to_int(m.group("number")), m.group("issuer") or "")


def egov_law_id(num: LawNumber, member_bill: bool | None = None) -> str | None:
    """The e-Gov law ID of a law number, or None when the number does not determine it (see module doc)."""
    prefix = f"{ERAS[num.era][0]}{num.year:02d}"
    if num.kind == "法律":
        return None if member_bill is None else f"{prefix}AC{int(member_bill)}{num.number:09d}"
    if num.kind == "政令":
        return f"{prefix}CO{num.number:010d}"
    code = ISSUER_CODES.get(num.issuer)
    return f"{prefix}M{code}{num.number:04d}" if code else None


def egov_url(law_id: str) -> str:
    """Where e-Gov shows the current text of a law."""
    return f"https://laws.e-gov.go.jp/law/{law_id}"
