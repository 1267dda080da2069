"""Typed spans and their English rendering: amounts, counts, fiscal years, dates, provisions, places, people."""

from __future__ import annotations

from decimal import Decimal

from kg.answer import render
from kg.answer.question import analyse
from kg.answer.spans import find_spans, render_money

SENTENCE = (
    "Q-ACCELには、令和6年度補正予算額として420億円が計上され、研究センター（G-QuAT）が茨城県つくば市に設置された。"
    "教授である宮城 遥人が就任した。4課題、基礎基盤研究19課題の計23課題が実施されており、法第四条第三項第二号に基づく。"
)


def test_money_rendering() -> None:
    assert render_money(Decimal(3_000_000_000), "JPY") == "¥3.0 billion"
    assert render_money(Decimal(1_160_000_000), "JPY") == "¥1.16 billion"
    assert render_money(Decimal(42_000_000_000), "JPY") == "¥42 billion"
    assert render_money(Decimal(10_000_000), "JPY", approximate=True) == "about ¥10 million"
    assert render_money(Decimal(5000), "USD") == "$5,000"


def test_typed_spans() -> None:
    (amount,) = find_spans(SENTENCE, "amount", [])
    assert (amount.ja, amount.en, amount.year, amount.status) == ("420億円", "¥42 billion", 2024, "supplementary")
    counts = find_spans(SENTENCE, "count", [])
    assert [c.ja for c in counts] == ["4課題", "19課題", "23課題"] and counts[-1].en == "23 projects"
    assert [s.en for s in find_spans(SENTENCE, "fiscal_year", [])] == ["FY2024"]
    assert [s.en for s in find_spans(SENTENCE, "provision", [])] == ["Article 4(3)(ii)"]
    assert [s.en for s in find_spans(SENTENCE, "place", [])] == ["Tsukuba City, Ibaraki Prefecture"]
    assert [s.en for s in find_spans(SENTENCE, "person", [])] == ["Haruto Miyagi"]
    assert [s.en for s in find_spans("2025年4月3日、大臣が会談した。", "date", [])] == ["3 April 2025"]


def test_graph_label_wins_over_pattern() -> None:
    names = [(0, 8, "http://x/org/jst", "Agency", "科学技術振興機構", "Japan Science and Technology Agency")]
    (span,) = find_spans("科学技術振興機構が実施する。", "organization", names)
    assert (span.en, span.iri) == ("Japan Science and Technology Agency", "http://x/org/jst")


def test_answer_line_in_the_askers_language() -> None:
    (amount,) = find_spans(SENTENCE, "amount", [])
    assert render.line([amount], analyse("How much did Q-ACCEL get?")) == "¥42 billion (FY2024 supplementary budget)"
    assert render.line([amount], analyse("Q-ACCELの額はいくらか")) == "420億円（2024年度・補正予算）"
    total = find_spans(SENTENCE, "count", [])[-1]
    assert render.line([total], analyse("How many research topics are there in all?")) == "23 research topics"
    assert render.is_english("¥42 billion (FY2024)") and not render.is_english("420億円が計上された")


def test_periods_and_lists() -> None:
    sentence = "派遣期間終了後60日以内に提出し、帳簿を5年間保存する。施行は令和5年4月1日。"
    spans = find_spans(sentence, "date", [])
    assert [s.en for s in spans] == ["1 April 2023", "within 60 days", "5 years"]
    assert [s.status for s in spans] == [None, "period", "period"]
    places = find_spans("実証予定地域：長崎県対馬市、沖縄県石垣市、山形県酒田市", "list", [])
    assert [s.ja for s in places] == ["長崎県対馬市", "沖縄県石垣市", "山形県酒田市"]


def test_stated_compares_numbers_and_dates_by_value() -> None:
    from search.evaluate import states

    assert states("¥3.0 billion (FY2026 request)", {"answer": "30億円"})
    assert states("3,000百万円", {"answer": "30億円"})
    assert states("about 4,000 students", {"answer": "約4,000名"})
    assert states("29 March 2024", {"answer": "令和６年３月２９日"})
    assert not states("10名", {"answer": "全体で10名（うち米国で7名）"})  # half of a two-part answer
    assert not states("2024-10-19", {"answer": "2024年10月19日、インド・ニューデリー"})  # the place is missing
    assert states("Tsukuba City, Ibaraki Prefecture", {"answer": "茨城県つくば市", "accept": ["Tsukuba"]})


def test_counts_are_counts_of_things() -> None:
    (seven,) = find_spans("四 選定委員が七人以上であることを証する書類", "count", [])
    assert (seven.en, seven.unit) == ("at least 7 people", "人")  # kanji numerals, the qualifier kept
    counts = find_spans("支援額の上限は1課題あたり45万ユーロ。採択予定件数：4課題程度", "count", [])
    assert [c.en for c in counts] == ["about 4 projects"]  # 1課題あたり is a rate, not a count
    line = render.line(counts, analyse("Roughly how many projects will be selected?"))
    assert line == "about 4 projects"


def test_dates_that_are_no_answers() -> None:
    assert find_spans("法律施行規則（平成十八年文部科学省令第三十六号）の規定による届出", "date", []) == []  # a law's number
    (cited,) = find_spans("量子未来社会ビジョン（令和4年4月 統合イノベーション戦略推進会議決定）等を踏まえ", "date", [])
    assert cited.status == "cited"  # the date of a decision the sentence cites: an answer only when asked when it was decided
    start, end = find_spans("公募期間：令和7年9月12日（金）〜令和7年11月7日（金）正午", "date", [])
    assert (start.unit, end.unit, end.en) == ("start", "end", "7 November 2025")


def test_fiscal_year_range_and_places() -> None:
    (years,) = find_spans("第4段階（令和8年度〜令和12年度）では", "fiscal_year", [])
    assert years.en == "FY2026 to FY2030"
    assert [s.en for s in find_spans("「第3回日米豪量子技術対話」が東京で開催され", "place", [])] == ["Tokyo"]
    assert find_spans("北海道次世代ロジック人材ハブ", "place", []) == []  # a place heading a longer name
    items = find_spans("AACRIは、防災、感染症、食料安全保障の3領域を対象とし", "list", [])
    assert [s.ja for s in items] == ["防災", "感染症", "食料安全保障"] and {s.unit for s in items} == {"領域"}
    assert find_spans("本日、研究開発計画を決定しました", "list", []) == []  # two nouns with no head are no list
