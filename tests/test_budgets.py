"""Budget lines read from the layouts budget sheets use: amounts with their year, status and subject."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import extract
from ingest.extract.gazetteer import Gazetteer
from ingest.records import Extraction
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.iris import Iris


def run(text: str, vocab: Vocabulary, iris: Iris) -> Extraction:
    return extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)


def lines(ex: Extraction) -> list[tuple[Decimal, int | None, str, str | None]]:
    """(value, fiscal year, status, subject's Japanese label) per budget line."""
    label = {iri: e.labels.get("ja") or e.labels.get("en") for iri, e in ex.entities.items()}
    return [(Decimal(b.value), b.fiscal_year, b.status, label.get(b.subject or "")) for b in ex.budgets]


def test_heading_line_and_previous_year_companion(vocab: Vocabulary, iris: Iris) -> None:
    text = "7.科学技術イノベーションの戦略的国際展開\n令和4年度予算額(案) 138億円\n(前年度予算額 137億円)\n"
    assert lines(run(text, vocab, iris)) == [
        (Decimal(13800000000), 2022, "budget request", "科学技術イノベーションの戦略的国際展開"),
        (Decimal(13700000000), 2021, "previous-year budget", "科学技術イノベーションの戦略的国際展開"),
    ]


def test_agency_lines_of_a_shared_program_are_their_own_subjects(vocab: Vocabulary, iris: Iris) -> None:
    text = "JST SICORP(11.6億円)\nAMED SICORP(2.6億円)\nJSPS 国際共同研究(4.3億円)\n※いずれも令和4年度予算額(案)\n"
    ex = run(text, vocab, iris)
    assert [(v, fy, s) for v, fy, _, s in lines(ex)] == [
        (Decimal(1160000000), 2022, "JST SICORP"),
        (Decimal(260000000), 2022, "AMED SICORP"),
        (Decimal(430000000), 2022, "JSPS 国際共同研究"),
    ]
    amed_sicorp = next(iri for iri, e in ex.entities.items() if "AMED SICORP" in e.labels.values())
    facts = {(f.predicate.rsplit("#", 1)[-1], str(f.obj)) for f in ex.facts if f.subject == amed_sicorp}
    assert ("operatedBy", iris.entity("Agency", "amed")) in facts
    assert ("subProgramOf", iris.entity("Program", "sicorp")) in facts


def test_a_year_note_covers_only_its_own_list(vocab: Vocabulary, iris: Iris) -> None:
    text = "英国 FIC\n1.6億ポンド(約250億円;基金)\n\nJST SICORP(11.6億円)\n※いずれも令和4年度予算額(案)\n"
    years = {v: fy for v, fy, _, _ in lines(run(text, vocab, iris))}
    assert years[Decimal(160000000)] is None and years[Decimal(1160000000)] == 2022


@pytest.mark.parametrize(
    "text",
    [
        "次の各号のいずれかに該当すること。\n一 共同研究等の経費の額が、おおむね十億円以上であること。\n",
        "特任助教等の平均的な給与の額等を勘案すると、2,000円から2,500円程度の時間給の支払いが想定される。\n",
        "支援額:200~250万円(研究費を含む)\n",
    ],
)
def test_thresholds_and_ranges_are_not_budget_lines(text: str, vocab: Vocabulary, iris: Iris) -> None:
    assert run(text, vocab, iris).budgets == []


def test_a_restated_amount_is_one_budget_with_two_sources(vocab: Vocabulary, iris: Iris) -> None:
    text = "世界トップレベル研究拠点プログラム(WPI) 令和4年度予算額(案) 6,100百万円\n\n" * 2
    ex = run(text, vocab, iris)
    assert len(ex.budgets) == 1 and len(ex.budgets[0].also) == 1


def test_a_hard_wrapped_name_is_still_found(vocab: Vocabulary) -> None:
    text = "・近年、世界的に国際共同研究に力を入れる傾向が表れている。例えばEUのホラ\nイゾンヨーロッパでは、約12兆円の大型予算"
    hits = [h for h in Gazetteer(vocab).find(text) if h.type == "Program"]
    assert [text[h.start : h.end] for h in hits] == ["ホラ\nイゾンヨーロッパ"]


def test_budget_lines_announced_by_ika_belong_to_the_program_named_after_them(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "【主な取組】\n\n以下①、②を一体的に運用\n令和4年度予算額(案): 34億円\n令和3年度補正予算額 : 347億円\n"
        "(科学技術振興機構(JST)創発的研究推進基金)\n\n①大学フェローシップ創設事業\n採択大学数:47大学\n"
    )
    assert [(v, s) for v, _, _, s in lines(run(text, vocab, iris))] == [
        (Decimal(3400000000), "大学フェローシップ創設事業"),
        (Decimal(34700000000), "大学フェローシップ創設事業"),
    ]


def test_a_list_said_to_follow_is_about_the_program_already_named_not_one_named_below(vocab: Vocabulary, iris: Iris) -> None:
    """「概要は以下のとおり」 only says a list follows: its request is the program named above, not a new scheme the list
    goes on to name."""
    text = (
        "（1）令和9年度概算要求について\n事務局より、沿岸火山観測網整備事業（通称「VolcNet」）の\n"
        "令和9年度概算要求について説明があった。概要は以下のとおり。\n・令和9年度要求額は12億円（前年度予算額9億円）。\n"
        "・新たに「民間気象データ活用実証」を設け、公募により実証する。\n"
    )
    subjects = {v: s for v, _, _, s in lines(run(text, vocab, iris))}
    assert subjects[Decimal(1200000000)] == subjects[Decimal(900000000)] == "沿岸火山観測網整備事業"
