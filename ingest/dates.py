"""Dates and fiscal years in Japanese text, with character spans.

Candidate spans are found with one regex (so offsets are exact); their values come from ja-timex, which
knows the eras and kanji numerals. What ja-timex does not do is handled here: 令和5(2023)年 (the
Western year in parentheses wins) and 年度, the April–March fiscal year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NUM = r"[0-9０-９一二三四五六七八九十〇元]{1,4}"
_DATE = re.compile(
    rf"(?P<era>令和|平成|昭和)?(?(era)\s?)(?P<year>{_NUM})\s?(?:[(（](?P<west>\d{{4}})[)）])?\s?年(?P<fy>度)?"
    rf"(?:\s?(?P<month>{_NUM})\s?月(?:\s?(?P<day>{_NUM})\s?日)?)?"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int
    month: int | None = None
    day: int | None = None
    fiscal: bool = False

    @property
    def iso(self) -> str:
        """ISO 8601 with the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def xsd_type(self) -> str:
        return {1: "gYear", 2: "gYearMonth", 3: "date"}[len(self.iso.split("-"))]


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from ja_timex import TimexParser

    return TimexParser()


def _timex_value(text: str) -> tuple[int | None, int | None, int | None]:
    """Year, month, day of a date string according to ja-timex (None where it gives none)."""
    for timex in _parser().parse(text):
        if timex.type != "DATE":
            continue
        value = timex.value.removeprefix("FY")
        parts = value.split("-")
        nums = [int(p) if p.isdigit() else None for p in parts] + [None, None, None]
        return nums[0], nums[1], nums[2]
    return None, None, None


def find_dates(text: str) -> list[DateMention]:
    """Every year, year-month or full date in the text, era or Western, with its span."""
    result = []
    for m in _DATE.finditer(text):
        if not m.group("era") and not (m.group("year").isdigit() and len(m.group("year")) == 4):
            continue  # 「3年」 alone is a duration or an era year whose era we cannot know
        surface = m.group(0)
        if m.group("west"):
            year: int | None = int(m.group("west"))
            _, month, day = _timex_value(re.sub(r"[(（]\d{4}[)）]|\s", "", surface).replace("年度", "年"))
        else:
            year, month, day = _timex_value(re.sub(r"\s", "", surface).replace("年度", "年"))
        if year is None or not 1868 <= year <= 2200:
            continue
        if month is not None and not 1 <= month <= 12:
            month, day = None, None
        result.append(DateMention(m.start(), m.end(), surface, year, month, day, bool(m.group("fy"))))
    return result
