"""Era dates, fiscal years and money amounts as policy analysts read them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.dates import find_dates
from ingest.extract.amounts import find_amounts


@pytest.mark.parametrize(
    ("text", "iso", "fiscal"),
    [
        ("令和3年6月30日", "2021-06-30", False),
        ("令和元(2019)年5月に策定", "2019-05", False),
        ("令和 10(2028)年3月31日まで", "2028-03-31", False),
        ("令和4年度予算額(案)", "2022", True),
        ("平成三十一年四月", "2019-04", False),
        ("2023年度中", "2023", True),
        ("2024年5月1日時点", "2024-05-01", False),
    ],
)
def test_dates(text: str, iso: str, fiscal: bool) -> None:
    found = find_dates(text)
    assert found, text
    assert (found[0].iso, found[0].fiscal) == (iso, fiscal)
    assert text[found[0].start : found[0].end] == found[0].surface


def test_bare_year_count_is_not_a_date() -> None:
    assert find_dates("約3年間の交流") == []


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("11.6億円", Decimal("1160000000"), "JPY"),
        ("1.15億円", Decimal("115000000"), "JPY"),  # floats would give 114999999
        ("1,160百万円", Decimal("1160000000"), "JPY"),
        ("1,200万ドル", Decimal("12000000"), "USD"),
        ("955億ユーロ", Decimal("95500000000"), "EUR"),
        ("百三十億円", Decimal("13000000000"), "JPY"),
        ("1兆2000億円", Decimal("1200000000000"), "JPY"),
        ("4兆6,820億円", Decimal("4682000000000"), "JPY"),  # 兆 then 億 with a thousands comma
    ],
)
def test_amounts(text: str, value: Decimal, currency: str) -> None:
    (amount,) = find_amounts(text)
    assert (amount.value, amount.currency) == (value, currency)


def test_two_amounts_sharing_one_unit_are_two_amounts() -> None:
    from ingest.extract.amounts import find_amounts

    found = find_amounts("【令和9年度予算概算要求額 7,200(5,100)百万円】")
    assert [(a.surface, a.value, a.bracketed) for a in found] == [
        ("7,200百万円", Decimal("7200000000"), False),
        ("5,100百万円", Decimal("5100000000"), True),
    ]
