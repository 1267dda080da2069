"""A budget row for a head of expenditure or an account is whose money the row is (ingest/extract/cost_heads.py), on
invented budget sheets."""

from __future__ import annotations

import pytest

from ingest.extract.cost_heads import head_label
from ingest.extract.pipeline import extract
from ingest.normalize import nfkc
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.iris import Iris


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("うち　沿岸拠点運営費　　　　1,800,000　　　2,050,000　　　250,000", "沿岸拠点運営費"),
        ("観測・解析経費　　　　　　　31,200　　　　　　36,400", "観測・解析経費"),
        ("一般会計　　　　　　　　　　48,110　　　　　59,700　　　　　124.1％", "一般会計"),
        ("海洋分野の研究開発関連予算（NOMA対象経費）　　　　　1,205億円", "海洋分野の研究開発関連予算"),
        ("３．その他の沿岸・極域関連経費　　　　　　2,080,500　（3,140,220）", "その他の沿岸・極域関連経費"),
        ("・うち　観測設備整備費補助　　　　　　　　21,000千円", "観測設備整備費補助"),
    ],
)
def test_a_rows_head_of_expenditure_or_account_is_read(line: str, label: str) -> None:
    found = head_label(nfkc(line).text)
    assert found is not None and found[1] == label


@pytest.mark.parametrize(
    "line",
    [
        "研究開発費　　1課題当たり年間　上限30,000千円",  # an award's rate
        "日本側研究費　　　　　　　　　24,000千円",  # the kind of cost an award pays
        "研究費　　　　　　　　　　　　12,000千円",
        "総建造費　　　　　　　　　　　約29,800百万円",  # a project's cost over its years
        "うち国費　　　　　　　　　　　6,500万円",
        "NOMA委託研究費　　　　　　　　18,000千円",  # the money a body spends
        "令和8年度補正予算で観測設備の更新経費　　1,200,000千円",  # a sentence about a cost
        "合　計　　　　　　　　　　　　5,200,000　　　6,100,000",  # a total row
    ],
)
def test_a_row_for_an_awards_cost_a_total_or_a_body_is_no_head(line: str) -> None:
    assert head_label(nfkc(line).text) is None


SHEET = """JSTの沿岸観測推進 令和10年度概算要求の概要
沿岸観測分野の研究開発の推進
（単位：千円）
事項　　　　　　　　　　　　令和9年度予算額　　令和10年度要求額　　増△減額
沿岸観測拠点形成プログラム　　3,600,000　　　　　4,100,000　　　　500,000
うち　沿岸拠点運営費　　　　　1,800,000　　　　　2,050,000　　　　250,000
観測・解析経費　　　　　　　　31,200　　　　　　　36,400　　　　　　5,200

沿岸観測拠点形成プログラムは文部科学省が実施する。
"""


def test_a_heads_row_is_its_own_and_no_program_of_anyones(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(SHEET).text
    result = extract(text, passages("t", text, 2000), vocab, iris, use_ginza=False)
    subjects = {b.stated_as: result.entities[b.subject] for b in result.budgets if b.subject}
    assert subjects["2,050,000"].labels["ja"] == "沿岸拠点運営費"
    assert subjects["36,400"].labels["ja"] == "観測・解析経費"
    assert subjects["4,100,000"].labels["ja"] == "沿岸観測拠点形成プログラム"
    heads = [iri for iri, e in result.entities.items() if e.labels.get("ja") in ("沿岸拠点運営費", "観測・解析経費")]
    assert len(heads) == 2 and all("BudgetItem" in result.entities[iri].extra_types for iri in heads)
    # nobody runs a head of expenditure, though the sheet's title says whose work it presents
    assert [f for f in result.facts if f.subject == subjects["4,100,000"].iri and f.predicate.endswith("operatedBy")]
    assert not [f for f in result.facts if f.subject in heads or f.obj in heads]


def test_a_head_the_sheet_names_in_english_too_is_a_fund_of_its_own(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        SHEET.replace("観測・解析経費", "沿岸国際連携推進費")
        + "２．沿岸国際連携推進費（Coastal International Linkage Fund）\n　英国・ドイツとの共同研究を支援する。\n"
    ).text
    result = extract(text, passages("t", text, 2000), vocab, iris, use_ginza=False)
    fund = [e for e in result.entities.values() if e.labels.get("ja") == "沿岸国際連携推進費"]
    assert len(fund) == 1 and "BudgetItem" not in fund[0].extra_types


def test_a_sentence_giving_a_category_of_the_budget_its_sum_names_whose_money_it_is(vocab: Vocabulary, iris: Iris) -> None:
    """「令和9年度予算案における沿岸研究関係経費は42億円（前年度予算額38億円）」: the category's money, a head, not
    the program the minutes are about."""
    text = nfkc(
        "第3回 沿岸観測推進プログラム運営委員会 議事要旨\n"
        "・令和9年度予算案における沿岸研究関係経費は42億円（前年度予算額38億円）。\n"
        "・沿岸観測推進プログラムでは、本年度8課題を採択した。\n"
    ).text
    result = extract(text, passages("t", text, 2000), vocab, iris, use_ginza=False)
    subjects = {b.stated_as: result.entities[b.subject].labels["ja"] for b in result.budgets if b.subject}
    assert subjects["42億円"] == subjects["38億円"] == "沿岸研究関係経費"
