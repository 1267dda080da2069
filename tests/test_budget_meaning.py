"""Budget lines with their meaning: status from the heading, the block's fiscal year, agency shares as
parts of the program's budget, totals over several years (ingest/extract/budgets.py), on invented text."""

from __future__ import annotations

from ingest.extract.budgets import attach_to_document_program, budget_headings, find_budgets
from ingest.extract.pipeline import extract
from ingest.normalize import nfkc
from ingest.records import Budget, Extraction, Mention, Passage
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.iris import Iris

TEXT = """令和8年度概算要求
国際共同研究加速事業
要求・要望額 30億円（前年度予算額 25億円）
（JST:20億円 AMED:10億円）
令和7年度補正予算額及び令和8年度予算額の合計 48億円
"""


def _one_passage(text: str, vocab: Vocabulary, iris: Iris) -> Extraction:
    """The rule-based pipeline (no GiNZA) on an already normalized text read as one passage."""
    return extract(text, passages("t", text, 2000), vocab, iris, use_ginza=False)


def _subject_labels(result: Extraction) -> dict[str | None, str | None]:
    """Each budget subject's Japanese label."""
    return {b.subject: result.entities[b.subject].labels.get("ja") for b in result.budgets if b.subject}


def _subject_by_amount(result: Extraction) -> dict[str, str | None]:
    """Each budget line's stated amount → its subject's Japanese label."""
    return {b.stated_as: result.entities[b.subject].labels.get("ja") for b in result.budgets if b.subject}


def _mention(surface: str, type_: str, key: str) -> Mention:
    at = TEXT.index(surface)
    return Mention(at, at + len(surface), surface, type_, 0, key)


def test_budget_lines_keep_status_year_shares_and_totals() -> None:
    mentions = [
        _mention("国際共同研究加速事業", "Program", "P"),
        _mention("JST", "Agency", "JST"),
        _mention("AMED", "Agency", "AMED"),
    ]
    budgets = find_budgets(Passage("d", 0, 0, len(TEXT), TEXT), mentions, Iris("http://x"), [], budget_headings(TEXT))
    rows = [(b.stated_as, b.status, b.fiscal_year, b.subject, b.recipient, b.fiscal_years) for b in budgets]
    assert rows == [
        ("30億円", "budget request", 2026, "P", None, []),
        ("25億円", "previous-year budget", 2025, "P", None, []),
        ("20億円", "budget request", 2026, "P", "JST", []),
        ("10億円", "budget request", 2026, "P", "AMED", []),
        ("48億円", "total", None, "P", None, [2025, 2026]),
    ]
    assert budgets[2].part_of == budgets[3].part_of == budgets[0].iri


SHEET_RAW = """令和9年度予算（案）主要事項
海洋観測基盤強化事業
令和9年度予算額（案）　　　2,000百万円
令和8年度補正予算額　　　　　400百万円

　　（海洋研：1,200百万円　気象研究所への移替え：300百万円　大学等：500百万円）

【事業内容】
①　観測網の整備（拡充）　　　500百万円
【事業期間】
　令和9年度〜令和13年度（5年間）　総事業費（見込み）　約100億円
"""
SHEET = nfkc(SHEET_RAW).text  # as ingest normalizes every text (circled numbers kept)


def test_a_breakdown_in_brackets_is_parts_of_the_sheets_line_whoever_its_labels_name() -> None:
    at = SHEET.index("海洋観測基盤強化事業")
    mentions = [Mention(at, at + 10, "海洋観測基盤強化事業", "Program", 0, "P")]
    budgets = find_budgets(Passage("d", 0, 0, len(SHEET), SHEET), mentions, Iris("http://x"), [], budget_headings(SHEET))
    rows = {b.stated_as: (b.status, b.fiscal_year, b.part_of == budgets[0].iri) for b in budgets}
    assert rows["1,200百万円"] == rows["300百万円"] == ("budget request", 2027, True)
    assert rows["500百万円"][:2] == ("budget request", 2027)  # the item line, under a 予算（案） heading
    assert rows["約100億円"][0] == "total"


def test_the_projects_whole_cost_labelled_jigyo_sogaku_is_a_sum_not_a_years_budget() -> None:
    text = nfkc("海洋観測基盤強化事業\n【事業期間】令和9年度～令和13年度（5年間）\n【事業総額（見込み）】380億円程度\n").text
    mentions = [_at(text, "海洋観測基盤強化事業", "P")]
    budgets = find_budgets(Passage("d", 0, 0, len(text), text), mentions, Iris("http://x"), [], budget_headings(text))
    # the label's 事業総額 says the amount spans the project's years: not the last year's budget
    assert [(b.stated_as, b.status, b.fiscal_year) for b in budgets] == [("380億円", "total", None)]


MINUTES = nfkc(
    """（3）「海洋データ統合推進プログラム」の令和9年度概算要求について
　事務局から説明があった。
　・令和9年度概算要求額は総額60億円（前年度予算額40億円）であり、うち観測基盤整備枠に
　　35億円、地域連携研究枠に25億円を計上。
"""
).text


def test_a_topic_heading_names_the_blocks_program_and_a_breakdown_after_uchi_is_parts_of_the_line() -> None:
    mentions = [
        _at(MINUTES, "海洋データ統合推進プログラム", "P"),
        _at(MINUTES, "観測基盤整備枠", "A"),
        _at(MINUTES, "地域連携研究枠", "B"),
    ]
    budgets = find_budgets(Passage("d", 0, 0, len(MINUTES), MINUTES), mentions, Iris("http://x"), [], budget_headings(MINUTES))
    rows = [(b.stated_as, b.status, b.fiscal_year, b.subject) for b in budgets]
    assert rows == [
        ("60億円", "budget request", 2027, "P"),
        ("40億円", "previous-year budget", 2026, "P"),
        ("35億円", "budget request", 2027, "A"),
        ("25億円", "budget request", 2027, "B"),
    ]
    assert budgets[2].part_of == budgets[3].part_of == budgets[0].iri


def _at(text: str, surface: str, key: str) -> Mention:
    at = text.index(surface)
    return Mention(at, at + len(surface), surface, "Program", 0, key)


REQUEST = nfkc(
    """令和9年度予算概算要求の概要
沿岸防災技術開発プロジェクト
【令和9年度予算概算要求額　3,000百万円】
＜対策のポイント＞
沿岸の観測と地域の実証を一体で進めます。
１．沿岸観測網の構築　　　　　　　　　　1,800百万円
２．地域実証支援　　　　　　　　　　　　1,200百万円
　　補助率：定額（1地区あたり上限 60百万円）

＜事業の流れ＞
国　─→　海洋研　（１の事業）
国　─→　支援機関　（２の事業）

　　（海洋研：1,800百万円　支援機関：1,200百万円）

※ 上記のほか、令和8年度補正予算において、機材の整備として500百万円を措置。
"""
).text


def test_a_detached_breakdown_a_note_and_an_award_under_an_item_keep_their_lines() -> None:
    def at(surface: str, key: str, source: str = "pattern") -> Mention:
        i = REQUEST.index(surface)
        return Mention(i, i + len(surface), surface, "Program", 0, key, source)

    mentions = [
        at("沿岸防災技術開発プロジェクト", "P"),
        at("沿岸観測網の構築", "I1", "pattern:budget-item"),
        at("地域実証支援", "I2", "pattern:budget-item"),
    ]
    passage = Passage("d", 0, 0, len(REQUEST), REQUEST)
    budgets = find_budgets(passage, mentions, Iris("http://x"), [], budget_headings(REQUEST))
    attach_to_document_program(REQUEST, mentions, budgets)
    rows = {b.stated_as + ("" if b.part_of is None else " (part)"): (b.status, b.fiscal_year, b.subject) for b in budgets}
    assert rows["3,000百万円"] == ("budget request", 2027, "P")
    assert rows["60百万円"] == ("per-award", None, "I2")  # the award's size of the item it stands under
    assert rows["1,800百万円 (part)"] == rows["1,200百万円 (part)"] == ("budget request", 2027, "P")
    assert rows["500百万円"] == ("supplementary budget", 2026, "P")  # 「上記のほか」: the sheet's, not the last item's


TABLE = nfkc(
    """海洋データ統合推進事業は令和5年度から実施している。

表３-１　海洋分野の主要事業の予算推移（単位：億円）
事業名　　　　　　　　　　　　令和5年度　令和6年度　令和7年度
海洋データ統合推進事業　　　　－　　　　　52　　　　64
沿岸観測網整備事業　　　　　　18　　　　　20　　　　22
（注）いずれも当初予算額。
"""
).text


def test_a_table_with_fiscal_year_columns_gives_one_budget_line_per_cell(vocab: Vocabulary, iris: Iris) -> None:
    result = extract(TABLE, passages("t", TABLE, 400), vocab, iris, use_ginza=False)
    cells = sorted((b.stated_as, b.value, b.fiscal_year, b.status) for b in result.budgets)
    assert cells == sorted([
        ("52", "5200000000", 2024, "budget"), ("64", "6400000000", 2025, "budget"),
        ("18", "1800000000", 2023, "budget"), ("20", "2000000000", 2024, "budget"), ("22", "2200000000", 2025, "budget"),
    ])  # fmt: skip
    labels = _subject_by_amount(result)
    assert labels["52"] == "海洋データ統合推進事業"


COLUMNS = nfkc(
    """海洋観測高度化プログラム
（単位：百万円）
事項 前年度予算額 令和9年度要求・要望額 対前年度比
① 沖合観測網研究開発 1,200 1,500 125.0%
② 漁港データ連携実証プロジェクト － 300 －
（1）沖合観測網研究開発
　大学等の観測拠点を整備する（1拠点当たり年間最大2億円）。

採択課題一覧
No. 研究開発テーマ名 実施機関 配分額（期間総額・上限、億円）
1 深海ドローンによる海底地形の自動計測 北洋大学 3.5
2 海洋音響データの機械学習解析基盤の開発 南洋大学 2.0
"""
).text


def test_a_sheets_columns_name_the_year_and_status_and_an_amount_column_gives_each_rows_award(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = extract(COLUMNS, passages("s", COLUMNS, 400), vocab, iris, use_ginza=False)
    label = _subject_labels(result)
    rows = {b.stated_as: (b.status, b.fiscal_year, label.get(b.subject)) for b in result.budgets}
    assert rows["1,200"] == ("previous-year budget", 2026, "沖合観測網研究開発")  # 前年度 beside 令和9年度
    assert rows["1,500"] == ("budget request", 2027, "沖合観測網研究開発")
    assert rows["300"] == ("budget request", 2027, "漁港データ連携実証プロジェクト")
    assert "125.0%" not in rows and "125.0" not in rows  # a ratio column is read past
    assert rows["2億円"][0] == "per-award" and rows["2億円"][2] == "沖合観測網研究開発"  # under the item's heading
    assert rows["3.5"] == ("per-award", None, "深海ドローンによる海底地形の自動計測")
    assert rows["2.0"] == ("per-award", None, "海洋音響データの機械学習解析基盤の開発")
    assert {b.value for b in result.budgets if b.stated_as == "3.5"} == {"350000000"}


BARS = nfkc(
    """図表3　極域関連の主な予算（単位：億円）
事業名｜所管｜令和5年度予算額｜令和6年度予算額
北極域観測高度化推進事業｜文部科学省｜12｜14.5
| 南極氷床コア解析プログラム | 文部科学省 | － | 3.2 |
資料：文部科学省作成
"""
).text


def test_a_table_whose_cells_are_split_by_bars_reads_past_a_column_of_words(vocab: Vocabulary, iris: Iris) -> None:
    result = extract(BARS, passages("b", BARS, 400), vocab, iris, use_ginza=False)
    label = _subject_labels(result)
    rows = sorted((b.stated_as, b.value, b.fiscal_year, b.status, label.get(b.subject)) for b in result.budgets)
    assert rows == [
        ("12", "1200000000", 2023, "budget", "北極域観測高度化推進事業"),
        ("14.5", "1450000000", 2024, "budget", "北極域観測高度化推進事業"),
        ("3.2", "320000000", 2024, "budget", "南極氷床コア解析プログラム"),
    ]


SUMMARY = nfkc(
    """令和9年度概算要求　主要事項
沿岸防災研究の国際的展開の加速

　　　　　　　　　　　　令和9年度要求・要望額　　　　90億円
　　　　　　　　　　　　（前年度予算額　　　　　　　　70億円）

○ 沿岸域の災害リスクの高まりを受け、各国との共同研究と人材交流を一体的に進める。

【総括表】　　　　　　　　　　　　　　　（単位：千円）
区　分　　　　　　　　　　前年度予算額　　令和9年度要求・要望額　　うち要望額
①沿岸防災共同研究強化事業　　　5,000,000　　　　6,000,000　　　　1,000,000
②防災人材交流加速プログラム　　2,000,000　　　　3,000,000　　　　　　　―
合　計　　　　　　　　　　　　　7,000,000　　　　9,000,000　　　　1,000,000

①沿岸防災共同研究強化事業（新規拡充）　　令和9年度要求・要望額　6,000,000千円
　・配分機関：JST（4,500百万円）、AMED（1,500百万円）
②防災人材交流加速プログラム　　令和9年度要求・要望額　30億円
"""
).text


def test_a_sheets_summary_table_its_items_their_shares_and_its_heading_as_subject(vocab: Vocabulary, iris: Iris) -> None:
    result = _one_passage(SUMMARY, vocab, iris)
    label = _subject_labels(result)
    english = {iri: result.entities[iri].labels.get("en") for iri in result.entities}
    rows = {}  # every statement of an amount, merged or not → what the budget line says
    for b in result.budgets:
        for start, end in [(b.start, b.end), *((s, e) for _, s, e in b.also)]:
            rows.setdefault(SUMMARY[start:end], []).append(
                (b.status, b.fiscal_year, label.get(b.subject), english.get(b.recipient or ""))
            )
    heading, item = "沿岸防災研究の国際的展開の加速", "沿岸防災共同研究強化事業"
    # the sheet's heading says what its money does: the subject of the box's amounts and of the table's total row
    assert rows["90億円"] == rows["9,000,000"] == [("budget request", 2027, heading, None)]
    assert rows["70億円"][0][2] == heading
    # a spaced-out header label (区　分), a うち column of the request's year, and the spaced-out total row (合　計)
    assert rows["5,000,000"] == [("previous-year budget", 2026, item, None)]
    assert ("budget request", 2027, item, None) in rows["1,000,000"]
    # the item's own line names it with its amount's label between (「…事業（新規拡充）　令和9年度要求・要望額　…」)
    assert rows["6,000,000千円"] == [("budget request", 2027, item, None)]
    assert not any("新規拡充" in (name or "") for name in label.values())
    # the bodies the item's money goes to, each amount in brackets after its name
    assert rows["4,500百万円"] == [("budget request", 2027, item, "Japan Science and Technology Agency")]
    assert rows["1,500百万円"][0][:3] == ("budget request", 2027, item)


LEGEND = nfkc(
    """令和9年度概算要求のポイント
沿岸観測高度化推進事業
　　　　　　　　　　　　　　　　令和9年度要求・要望額　　　　90億円
　　　　　　　　　　　　　　　　（前年度予算額　　　　　　　　70億円）

背景・課題
・沿岸域の観測網には空白域が多く残されている。

【事業概要】
　　　　　　　　　　　　　　　　　　　　　　　　令和9年度要求額　（前年度予算額）
①沿岸ブイ観測網の整備（拡充）　　　　　　　　　5,000百万円　（4,000百万円）
　※観測船建造に係る国庫債務負担行為 総額120億円（令和9年度〜令和11年度）
②沿岸データ人材育成プログラム（新規）　　　　　　　800百万円　（新規）

【これまでの成果】
・令和7年度には、「沿岸ブイ観測網」の枠組みで研究者30名を海外へ派遣した。
・（参考）令和7年度決算額　6,123,456千円
"""
).text


def test_a_legend_over_the_items_names_both_figures_and_a_reference_line_is_the_sheets(vocab: Vocabulary, iris: Iris) -> None:
    result = _one_passage(LEGEND, vocab, iris)
    label = _subject_labels(result)
    rows = {b.stated_as: (b.status, b.fiscal_year, label.get(b.subject), b.fiscal_years) for b in result.budgets}
    item = "沿岸ブイ観測網の整備"
    # 「令和9年度要求額　（前年度予算額）」: the plain figure is the request, the bracketed one last year's budget
    assert rows["5,000百万円"] == ("budget request", 2027, item, [])
    assert rows["4,000百万円"] == ("previous-year budget", 2026, item, [])
    assert rows["800百万円"][:2] == ("budget request", 2027)
    # a sum with the years it spans after it, though the block is a year's request
    assert rows["120億円"][0] == "total" and rows["120億円"][3] == [2027, 2028, 2029]
    # a labelled figure of the sheet's own after a bullet whose sentence named another program
    assert rows["6,123,456千円"][:3] == ("actual", 2025, "沿岸観測高度化推進事業")


UCHI = nfkc(
    """海洋循環共同研究事業（MARC）
相手国の研究機関と共同で、沿岸と外洋の観測を一体的に進めます。
■ 事業の構成
①「沿岸実証プログラム」
②「外洋観測プログラム」
■ 予算
令和7年度予算額　　50億円（うち沿岸実証プログラム 30億円）
令和6年度予算額　　44億円
"""
).text


def test_a_bracketed_uchi_part_names_its_program_and_ends_with_its_bracket(vocab: Vocabulary, iris: Iris) -> None:
    result = _one_passage(UCHI, vocab, iris)
    label = _subject_labels(result)
    rows = {b.stated_as: (b.status, b.fiscal_year, label.get(b.subject), b.part_of) for b in result.budgets}
    whole = next(b.iri for b in result.budgets if b.stated_as == "50億円")
    assert rows["30億円"] == ("budget", 2025, "沿岸実証プログラム", whole)
    # the next line is a year's budget of its own, the program's, not a part of the line above nor the aside's program
    assert rows["44億円"] == ("budget", 2024, "海洋循環共同研究事業", None)


LETTERED = nfkc(
    """令和9年度
沿岸防災国際共同研究プログラム（COAST-R）公募要領

第1章 はじめに
本プログラムは、沿岸防災に関する国際共同研究を支援するものです。

2.1 公募する課題
【区分A】標準枠（年齢・所属機関の制限なし）
【区分B】萌芽枠（令和9年4月1日時点で博士号取得後10年以内の研究者）

2.2 研究費の規模
区分　　研究費の規模（間接経費を含む）　　研究実施予定期間
A　　　1課題当たり年間 20,000千円　　　　　最長3年
B　　　1課題当たり年間 5,000千円　　　　　　最長2年
"""
).text


def test_a_table_row_by_letter_is_the_award_of_the_kind_that_letter_labels(vocab: Vocabulary, iris: Iris) -> None:
    result = _one_passage(LETTERED, vocab, iris)
    label = _subject_labels(result)
    rows = {b.stated_as: (b.status, b.fiscal_year, label.get(b.subject)) for b in result.budgets}
    # the call's year is on the line above its title; a kind's aside may be long (博士号取得後10年以内の研究者)
    assert rows["20,000千円"] == ("per-award", 2027, "標準枠")
    assert rows["5,000千円"] == ("per-award", 2027, "萌芽枠")


def test_a_body_named_on_the_amounts_line_pays_the_programs_money_it_does_not_own_it(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        "プレスリリース\n2026年1月20日\n\n日タイ沿岸防災共同研究プログラムの新規課題を決定\n\n"
        "科学技術振興機構（JST）は、日タイ沿岸防災共同研究プログラムの新規採択課題を決定しました。\n"
        "■支援の規模\n・JSTは本プログラムの令和7年度予算として約6,000万円を措置しています。\n"
    ).text
    result = _one_passage(text, vocab, iris)
    label = _subject_by_amount(result)
    assert label["約6,000万円"] == "日タイ沿岸防災共同研究プログラム"


def test_amounts_under_a_results_heading_are_money_spent_in_their_rows_year(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        "沿岸研究国際連携プログラム\n本学が実施する国際共同研究の支援制度です。\n\n"
        "■これまでの実績\n年度　採択件数　支援総額\n"
        "2023年度（令和５年度）　14件　2,190万円\n2024年度（令和６年度）　17件　3,610万円\n"
    ).text
    result = _one_passage(text, vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows == {"2,190万円": ("actual", 2023), "3,610万円": ("actual", 2024)}


def test_last_years_budget_stated_beside_this_years_figure_is_the_previous_years(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        "沿岸観測推進プログラム\n沿岸域の観測を支援する制度です。\n\n■予算\n"
        "令和7年度予算額　12.4億円（令和6年度予算額　10.8億円）\n"
        "令和8年度予算案は15億円です。\n\n令和5年度予算額　9億円\n"
    ).text
    result = _one_passage(text, vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows["10.8億円"] == ("previous-year budget", 2024)
    assert rows["12.4億円"] == ("budget", 2025) and rows["9億円"] == ("budget", 2023)  # a year's budget on its own line


def test_an_itemized_sentence_after_the_line_lists_its_parts_by_program(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        "沿岸研究推進委員会（第3回）議事要旨\n\n"
        "・関係経費は「沿岸観測推進事業」「沿岸人材育成プログラム」「沿岸AI基盤構築事業」の3事業からなる。\n"
        "・令和8年度政府予算案における沿岸研究関係経費は40億円（前年度予算額35億円）。\n"
        "・内訳は、沿岸観測推進事業 25億円、沿岸人材育成プログラム 9億円、沿岸AI基盤構築事業（新規）6億円。\n"
        "・令和7年度補正予算 3億円を別途計上。事業経費の（内訳）2百万円×20課題。\n"
    ).text
    result = _one_passage(text, vocab, iris)
    label = _subject_labels(result)
    rows = {b.stated_as: (b.status, b.fiscal_year, label.get(b.subject), b.part_of is not None) for b in result.budgets}
    assert rows["9億円"] == ("budget request", 2026, "沿岸人材育成プログラム", True)
    assert rows["6億円"] == ("budget request", 2026, "沿岸AI基盤構築事業", True)  # its tag (新規) between
    assert rows["3億円"][0] == "supplementary budget" and not rows["3億円"][3]  # a line with its own label
    assert not rows["2百万円"][3]  # a rate, not a part


def test_a_breakdown_opened_in_the_sentence_of_the_whole_divides_it_among_the_bodies_named(vocab: Vocabulary, iris: Iris) -> None:
    """「…予算額は計50億円であり、その内訳は、JST 24億円、…」: the budget label before the whole on the same line is
    the whole's, so the amounts after 内訳 are its parts, each the program's money going to the body named."""
    text = nfkc(
        "（2）沿岸共創研究\nJST及びAMEDは、「沿岸共創型社会実装研究プログラム（COSP）」を実施している。\n"
        "令和8年度予算額は計50億円であり、その内訳は、JST 30億円、AMED 20億円である。\n"
    ).text
    result = _one_passage(text, vocab, iris)
    label = _subject_by_amount(result)
    assert label["30億円"] == label["20億円"] == "沿岸共創型社会実装研究プログラム"
    parts = [b for b in result.budgets if b.stated_as in ("30億円", "20億円")]
    assert all(b.part_of is not None and b.status == "budget" and b.fiscal_year == 2026 for b in parts)


def test_a_short_name_written_before_the_english_name_in_brackets_names_the_program_again(vocab: Vocabulary, iris: Iris) -> None:
    """「…事業（GSB：Global Science Bridge）」 defines GSB: 「GSBの令和6年度予算額は52億円」 is that program's money,
    not the last program named before it."""
    text = nfkc(
        "「沿岸サイエンス・ブリッジ事業（CSB：Coastal Science Bridge）」を実施している。\n"
        "本事業は「インド洋枠（CSB-IO）」と「北極枠（CSB-AR）」の2つの枠組みから構成される。\n"
        "CSBの令和6年度予算額は52億円である。\n"
    ).text
    result = _one_passage(text, vocab, iris)
    assert _subject_by_amount(result)["52億円"] == "沿岸サイエンス・ブリッジ事業"


def test_a_nicknamed_program_owns_its_amounts_and_the_body_money_goes_to_is_not_their_subject(
    vocab: Vocabulary, iris: Iris
) -> None:
    text = nfkc(
        "(1)概算要求について\n"
        "事務局より、全国沿岸観測データ統合解析基盤構築事業(通称「CoastFusion」)の令和9年度概算要求について説明があった。\n"
        "・令和9年度要求額は14億6,000万円(前年度予算額9億8,000万円)。\n"
        "・内訳は、国立研究開発法人防災科学技術研究所(NIED)への補助金11億円。\n"
    ).text
    result = extract(text, passages("m", text, 400), vocab, iris, use_ginza=False)
    label = _subject_by_amount(result)
    program = "全国沿岸観測データ統合解析基盤構築事業"  # 「全国…」 is a name, not 「全…」 (every …)
    assert label["14億6,000万円"] == label["9億8,000万円"] == label["11億円"] == program


def test_an_awards_size_is_the_schemes_not_the_body_its_line_names(vocab: Vocabulary, iris: Iris) -> None:
    text = nfkc(
        "「沿岸感染症研究ネットワーク強化事業」では、北洋大学と南洋大学に拠点を置いている。\n"
        "各拠点には国立研究開発法人科学技術振興機構から1拠点当たり年間最大4億円を配分している。\n"
    ).text
    result = extract(text, passages("w", text, 400), vocab, iris, use_ginza=False)
    award = next(b for b in result.budgets if b.stated_as.endswith("4億円"))
    assert award.status == "per-award"
    assert result.entities[award.subject].labels.get("ja") == "沿岸感染症研究ネットワーク強化事業"


def test_sums_over_years_are_totals_with_the_range_they_state_and_a_stressed_request_is_not(
    vocab: Vocabulary, iris: Iris
) -> None:
    text = nfkc(
        "「沿岸感染症研究ネットワーク強化事業」の10年間の総事業費は約250億円（2024～2033年度）を見込んでいる。\n"
        "「沿岸観測データ連携プログラム」の令和9年度概算要求額は総額45億円（前年度予算額28億円）である。\n"
        "「沿岸防災データ実証プロジェクト」の予算総額は最大1,150億円（2026年度～2033年度）である。\n"
    ).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    rows = {b.stated_as: (b.status, b.fiscal_year, b.fiscal_years) for b in result.budgets}
    assert rows["約250億円"] == ("total", None, list(range(2024, 2034)))
    # the range may write 年度 after each year
    assert rows["1,150億円"] == ("total", None, list(range(2026, 2034)))
    assert rows["45億円"][:2] == ("budget request", 2027)


def test_a_projects_own_money_its_sentences_budget_and_an_awards_size_said_nearer_than_a_fund(
    vocab: Vocabulary, iris: Iris
) -> None:
    text = nfkc(
        "SATREPSプロジェクト「干潟の再生技術の開発(TIDE-Re:Tidal Flat Restoration)」を開始します。\n"
        "本プロジェクトの研究費は、5年間の総額で約4億2,000万円を予定しています。\n"
        "また、令和7年度補正予算において、研究者の招へいのため、「沿岸頭脳循環基金」に80億円を措置した。\n"
        "本プログラムは、「マッチングファンド方式」により、1課題当たり年間最大6,000万円を支援する。\n"
    ).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    names: dict[str, str] = {}
    for m in result.mentions:  # an entity by the name it is first mentioned by (TIDE-Re is its short name)
        names.setdefault(m.key, m.surface)
    rows = {b.stated_as: (b.status, names.get(b.subject or "")) for b in result.budgets}
    assert rows["約4億2,000万円"] == ("total", "干潟の再生技術の開発")  # the project's, not SATREPS's; not one award
    assert rows["80億円"][0] == "supplementary budget"
    assert rows["6,000万円"][0] == "per-award"


def _surfaces(result: Extraction) -> dict[str, set[str]]:
    """Every surface each entity is mentioned by."""
    names: dict[str, set[str]] = {}
    for m in result.mentions:
        names.setdefault(m.key, set()).add(m.surface)
    return names


def _subjects(result: Extraction) -> dict[str, str | None]:
    """Each budget line by its amount as written: the surface of its subject."""
    names = {m.key: m.surface for m in result.mentions}
    return {b.stated_as: names.get(b.subject or "") for b in result.budgets}


def _lines(result: Extraction, with_year: bool = True) -> dict[str, tuple[str | int | None, ...]]:
    """Each budget line by its amount as written: the surface of its subject, its status and (unless left out) its
    fiscal year."""
    subjects = _subjects(result)
    return {
        b.stated_as: (subjects[b.stated_as], b.status, b.fiscal_year) if with_year else (subjects[b.stated_as], b.status)
        for b in result.budgets
    }


def _extract(raw: str, vocab: Vocabulary, iris: Iris) -> Extraction:
    """The rule-based pipeline (no GiNZA) on invented text, normalized as ingest normalizes it."""
    text = nfkc(raw).text
    return extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)


def test_a_request_said_after_its_amount_is_a_request(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract("文部科学省は、令和9年度に「沿岸観測データ連携プログラム」として52億円を概算要求している。\n", vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows["52億円"] == ("budget request", 2027)


def test_a_sum_is_read_in_its_own_sentence_and_a_range_of_years_spans_every_year(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "JST側の支援総額は、令和8年度から令和10年度までの3年間で1億8,000万円を見込んでいます。"
        "なお、「沿岸観測データ連携プログラム」の令和8年度予算額(案)は12億3千万円です。\n",
        vocab,
        iris,
    )
    rows = {b.stated_as: (b.status, b.fiscal_year, b.fiscal_years) for b in result.budgets}
    assert rows["1億8,000万円"] == ("total", None, [2026, 2027, 2028])
    assert rows["12億3千万円"] == ("budget request", 2026, [])


def test_a_sentence_about_the_same_program_spends_that_programs_money_and_named_calls_and_projects_are_found(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(
        "第2章 国際共同研究の推進\n第1節 アジア地域との連携\n"
        "令和7年4月に開始した「日ASEAN沿岸研究者循環プログラム」により、若手研究者を受け入れる取組が始まった。\n"
        "同プログラムは日本学術振興会(JSPS)が実施しており、令和7年度予算額として8億5,000万円が計上された。\n"
        "「日英次世代通信共同研究公募」を実施した。本協定の中核となる共同研究「沿岸養殖の自動給餌システムの開発」は採択された。\n",
        vocab,
        iris,
    )
    rows = _subjects(result)
    assert rows["8億5,000万円"] == "日ASEAN沿岸研究者循環プログラム"  # not JSPS, which runs it
    programs = {m.surface for m in result.mentions if m.type == "Program"}
    assert {"日英次世代通信共同研究公募", "沿岸養殖の自動給餌システムの開発"} <= programs


def test_a_tracks_award_last_years_amount_in_brackets_and_this_schemes_share_keep_their_meaning(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(
        "令和8年度 瀬戸内・海外共同開発推進事業 募集要項\n\n"
        "本事業は、県内企業と海外の研究機関との共同研究を支援するものです。本事業には次の２つの枠があります。\n"
        "■ 海外連携調査枠（調査枠）\n・支援額：1課題あたり250万円（1年間）\n"
        "■ 海外共同開発枠（開発枠）\n・支援額：1課題あたり年間900万円\n\n"
        "「瀬戸内・海外共同開発推進事業」の令和7年度の事業費は1億2,000万円です（前年度 9,000万円）。\n"
        "本事業は文部科学省からの補助金により実施するものであり、本募集は令和8年度予算案（本事業分2.4億円）の成立を前提とします。\n",
        vocab,
        iris,
    )
    rows = _lines(result)
    assert rows["250万円"][:2] == ("海外連携調査枠", "per-award")  # the track's award, under the track's heading
    assert rows["900万円"][:2] == ("海外共同開発枠", "per-award")
    assert rows["9,000万円"] == ("瀬戸内・海外共同開発推進事業", "previous-year budget", 2024)
    assert rows["2.4億円"][0] == "瀬戸内・海外共同開発推進事業"  # the scheme's share, not the ministry's money


def test_a_breakdown_in_tortoise_brackets_is_parts_of_the_item_just_above_across_a_passage_break(
    vocab: Vocabulary, iris: Iris
) -> None:
    item = "　　共同研究機関と、耐塩性品種及び節水型の水管理技術を共同開発します。現地の試験圃場を活用して栽培試験を行います。\n"
    result = _extract(
        "沿岸農業研究共創プログラム\n【令和8年度要求・要望額 3,000百万円】\n\n＜事業内容＞\n"
        + "①　沿岸塩害対策共同研究型（継続）　　　１，２００百万円\n"
        + item * 3
        + "　　〔農研機構：７００百万円、JIRCAS：５００百万円〕\n",
        vocab,
        iris,
    )
    rows = _lines(result)
    assert rows["700百万円"] == rows["500百万円"] == ("沿岸塩害対策共同研究型", "budget request", 2026)
    assert {b.recipient for b in result.budgets if b.stated_as == "700百万円"} == {iris.entity("Agency", "naro")}


def test_a_calls_per_person_column_its_year_and_shares_without_a_colon(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度　くまもと半導体国際共同研究人材派遣事業　実施要項\n\n"
        "区分　派遣期間　支援金の上限額（１人当たり）\n"
        "長期派遣　3か月以上6か月以内　150万円\n短期派遣　2週間以上3か月未満　50万円\n\n"
        "本事業の令和9年度予算額は2,400万円（熊本県1,600万円、熊本大学800万円）であり、県と大学が負担する。\n",
        vocab,
        iris,
    )
    rows = _lines(result)
    assert rows["150万円"] == rows["50万円"] == ("くまもと半導体国際共同研究人材派遣事業", "per-award", 2027)
    shares = {b.stated_as: b.part_of for b in result.budgets}
    whole = next(b.iri for b in result.budgets if b.stated_as == "2,400万円")
    assert shares["1,600万円"] == shares["800万円"] == whole  # parts of the year's budget, not budgets of their own


def test_a_short_name_defined_across_a_passage_break_names_the_program(vocab: Vocabulary, iris: Iris) -> None:
    filler = "　大学等が海外の複数の研究機関と組織的な共同研究の枠組みを形成する取組を支援している。\n" * 7
    result = _extract(  # the quoted name ends the first passage, its bracket opens the second
        "（１）グローバル研究連携形成プログラム\n"
        + filler
        + "　文部科学省は、令和５年度から「グローバル研究連携形成プログラム」\n"
        + "（Global Research Linkage Program：ＧＲＬＰ）を実施している。\n"
        + filler
        + "　ＧＲＬＰの令和７年度予算額は４５億円である。\n",
        vocab,
        iris,
    )
    (budget,) = [b for b in result.budgets if b.stated_as == "45億円"]
    assert result.entities[budget.subject or ""].labels["ja"] == "グローバル研究連携形成プログラム"  # not a new 「GRLP」


def test_an_agency_breakdown_far_below_the_sheets_table_is_parts_of_the_programs_request(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和９年度 国際関係予算（案）の概要\n\n令和９年度予算額（案）　　１０，０００百万円\n"
        "対前年度増減　　　＋５００百万円（＋５．３％）\n\n"
        "＜主要事項＞　　（単位：百万円）\n事項　令和８年度予算額　令和９年度予算額（案）　令和８年度補正予算額\n"
        "１．海洋観測国際連携推進費　４，０００　４，６００　１，０００\n\n"
        "＜事業概要＞\n１．海洋観測国際連携推進費（Ocean Observation Linkage Fund）\n"
        + "　・同志国の資金配分機関との共同公募により、海洋観測の国際共同研究を支援する。\n" * 8  # the sheet's next page
        + "　［執行機関別内訳］JST：３，０００百万円、内閣府（本府執行）：１，６００百万円\n",
        vocab,
        iris,
    )
    by_iri = {b.iri: b for b in result.budgets}
    shares = {b.stated_as: b for b in result.budgets if b.stated_as in ("3,000百万円", "1,600百万円")}
    for share in shares.values():
        parent = by_iri[share.part_of or ""]
        assert (parent.stated_as, share.status, share.fiscal_year) == ("4,600", "budget request", 2027)
    assert shares["3,000百万円"].recipient == iris.entity("Agency", "jst")
    assert "500百万円" not in {b.stated_as for b in result.budgets}  # a change between two lines is no line


def test_a_sheets_table_with_a_column_of_agency_shares_and_a_rate_table_on_a_call(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和９年度予算案の概要\n\n事業内容\n（単位：億円）\n"
        "事業名　令和９年度予算案　前年度予算額　実施機関別内訳（令和９年度）\n"
        "①海洋人材循環加速プログラム【新規】　８０．０　－　ＪＳＴ ５０．０　ＪＳＰＳ ３０．０\n"
        "　（Ocean Talent Circulation Accelerator：ＯＴＣＡ）\n"
        "②沿岸観測基盤強化事業　４０．０　３６．０　ＪＳＴ ２５．０　ＡＭＥＤ １５．０\n",
        vocab,
        iris,
    )
    by_iri = {b.iri: b for b in result.budgets}
    rows = {b.stated_as: b for b in result.budgets}
    assert (rows["80.0"].status, rows["80.0"].fiscal_year, rows["36.0"].status) == (
        "budget request",
        2027,
        "previous-year budget",
    )
    for share, whole, agency in (("50.0", "80.0", "jst"), ("30.0", "80.0", "jsps"), ("15.0", "40.0", "amed")):
        assert by_iri[rows[share].part_of or ""].stated_as == whole
        assert rows[share].recipient == iris.entity("Agency", agency)
    programs = {m.surface for m in result.mentions if m.type == "Program"}
    assert "海洋人材循環加速プログラム" in programs and not [p for p in programs if "【" in p or p.startswith("(")]

    call = _extract(
        "日本学術振興会\n日本・太平洋島嶼二国間交流事業　令和９年度（２０２７年度）分募集要項\n\n"
        "（３）滞在費\n地域区分　日額（千円）\n指定都市（シドニー等）　２２\n南アジア　１４\n",
        vocab,
        iris,
    )
    names = {m.key: m.surface for m in call.mentions}
    rates = {b.stated_as: (b.status, names.get(b.subject or "")) for b in call.budgets}
    assert rates["22"] == rates["14"] == ("per-award", "日本・太平洋島嶼二国間交流事業")


def test_a_blocks_labelled_breakdown_without_colons_and_a_program_opening_with_a_curated_name(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(
        "令和９年度概算要求　主要事項\n\n"
        "３．ホライズン・ヨーロッパ参画加速プログラム\n（Horizon Europe Participation Acceleration Program：HEPA）\n"
        "【令和９年度要求額　2,300百万円】（前年度予算額　1,600百万円）\n"
        "・欧州側パートナーの探索と提案書の作成を支援する。\n"
        "【内訳】科学技術振興機構（ＪＳＴ）1,500百万円、日本医療研究開発機構（ＡＭＥＤ）800百万円\n",
        vocab,
        iris,
    )
    labels = {b.stated_as: result.entities[b.subject or ""].labels["ja"] for b in result.budgets if b.subject}
    assert labels["2,300百万円"] == labels["800百万円"] == "ホライズン・ヨーロッパ参画加速プログラム"  # not Horizon Europe
    by_iri = {b.iri: b for b in result.budgets}
    shares = {b.stated_as: b for b in result.budgets if b.part_of}
    assert {s: by_iri[b.part_of or ""].stated_as for s, b in shares.items()} == {
        "1,500百万円": "2,300百万円",
        "800百万円": "2,300百万円",
    }
    assert shares["800百万円"].recipient == iris.entity("Agency", "amed")


def test_a_program_named_as_the_moneys_source_is_not_the_budgets_subject(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "北陸大学グローバル研究連携加速プログラム\n\n"
        "本プログラムは、北陸県の「北陸国際研究交流促進補助金」を財源として実施しています。\n\n"
        "2026年度予算額:4,600万円\n",
        vocab,
        iris,
    )
    rows = _subjects(result)
    assert rows["4,600万円"] == "北陸大学グローバル研究連携加速プログラム"


def test_a_sheets_title_names_its_program_and_last_years_column_is_last_years_budget(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度概算要求 沿岸観測ネットワーク強化プログラム\n(研究振興局)\n\n"
        "令和9年度要求・要望額 12,480百万円\n\n"
        "【予算内訳】 (単位:百万円)\n"
        "区分 令和8年度予算額 令和9年度要求額\n"
        "1.沿岸フロンティア共同研究(JST・AMED) 4,200 5,600\n"
        "2.沿岸頭脳循環基盤整備 600 800\n",
        vocab,
        iris,
    )
    rows = _lines(result)
    assert rows["12,480百万円"] == ("沿岸観測ネットワーク強化プログラム", "budget request", 2027)  # not the bureau
    assert rows["4,200"] == ("沿岸フロンティア共同研究", "previous-year budget", 2026)  # the agencies are no part of it
    assert rows["5,600"] == ("沿岸フロンティア共同研究", "budget request", 2027)


def test_a_schemes_award_a_tracks_award_and_a_capped_sum_over_years(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "本プログラムは、次の二つのトラックで構成されます。\n"
        "■共同研究トラック(Track R)……3年間の共同研究\n■若手交流トラック(Track N)……2年間の交流\n\n"
        "(1)共同研究トラック(Track R)\n・支援額:1課題あたり年額800万円を上限\n\n"
        "○日加海洋フロンティア共同研究プログラム(OCEAN-F)\n"
        "JSTとNSERCが共同で実施する共同研究プログラムです。令和9年度から3年間で日本側総額最大30億円を投じます。\n"
        "○若手研究者相互派遣スキーム「メープル・リンク」\n"
        "日本側ではJSTが派遣者1人あたり年額最大600万円を支援します。\n",
        vocab,
        iris,
    )
    names: dict[str, str] = {}
    for m in result.mentions:
        names.setdefault(m.key, m.surface)  # the name, not its short name said later
    rows = {b.stated_as: (names.get(b.subject or ""), b.status) for b in result.budgets}
    assert rows["800万円"] == ("共同研究トラック", "per-award")
    assert rows["30億円"] == ("日加海洋フロンティア共同研究プログラム", "total")  # not NSERC, named a sentence before
    assert rows["600万円"] == ("メープル・リンク", "per-award")  # the scheme under whose line it stands, not JST
    programs = {m.surface for m in result.mentions if m.type == "Program"}
    assert {"共同研究トラック", "若手交流トラック", "メープル・リンク"} <= programs


def test_last_years_budget_only_compared_with_and_a_sum_said_before_another_amount(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "・沿岸共創研究イニシアティブについては、前年度予算額を上回る11億3,000万円を要求する方針である。\n"
        "同事業の予算は、令和3年度から令和6年度までの累計で約49億円に上り、令和7年度予算額は13億1,000万円である。\n",
        vocab,
        iris,
    )
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows["11億3,000万円"][0] == "budget request"  # not last year's: it is only compared with
    assert rows["約49億円"] == ("total", None)
    assert rows["13億1,000万円"] == ("budget", 2025)  # the sum word before the first amount is not its own


def test_a_joint_call_the_header_names_owns_the_awards_not_the_body_paying_them(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "報道発表\n令和8年9月29日\n北洋研究開発機構\n\n"
        "日加海洋データ連携共同研究プログラム(J-OCEAN)\n令和8年度共同公募「沿岸防災のためのデジタル観測技術」の採択課題を決定\n\n"
        "北洋研究開発機構は、カナダの研究機関と共同で実施した共同公募の結果、4件を採択しました。\n"
        "■支援の規模\n"
        "・北洋研究開発機構の支援額:1課題あたり3年間で総額4,200万円以内\n",
        vocab,
        iris,
    )
    rows = _subjects(result)
    assert rows["4,200万円"] == "共同公募「沿岸防災のためのデジタル観測技術」"


def test_a_bracketed_figure_beside_an_amount_a_tracks_award_and_a_table_of_several_years(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "沿岸共創型研究開発推進事業\n\n令和8年度概算要求額 85.0億円(52.0億円)\n※( )内は令和7年度当初予算額\n\n"
        "事業概要\n(1)国際共同研究開発枠 4,800百万円(3,100百万円)\n・1テーマ当たり年間3億円以内、最長4年間。\n\n"
        "■事業費の推移(単位:百万円)\n区分 令和6年度当初予算 令和7年度当初予算 令和8年度要求額\n"
        "国際共同研究開発枠 2,600 3,100 4,800\n",
        vocab,
        iris,
    )
    names = {m.key: m.surface for m in result.mentions}
    rows = {(b.stated_as, b.start): (names.get(b.subject or ""), b.status, b.fiscal_year) for b in result.budgets}
    by_surface = {s: v for (s, _), v in sorted(rows.items(), key=lambda kv: kv[0][1])}
    assert by_surface["52.0億円"] == ("沿岸共創型研究開発推進事業", "previous-year budget", 2025)
    assert by_surface["3,100百万円"] == ("国際共同研究開発枠", "previous-year budget", 2025)
    assert by_surface["3億円"][:2] == ("国際共同研究開発枠", "per-award")  # the track's award, by its theme
    assert by_surface["2,600"] == ("国際共同研究開発枠", "budget", 2024)  # a history of budgets: each year's own


def test_this_fellowship_in_minutes_a_cap_per_one_project_and_a_tables_total_row(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "沿岸観測推進事業\n\n概要は次のとおり。\n"
        "(2)「沿岸頭脳循環ブリッジ・フェローシップ(仮称)」の制度設計について\n"
        "○(北川委員)研究セキュリティ・アドバイザー制度の活用も検討すべきではないか。\n"
        "○(南審議官)本フェローシップについては、令和8年度概算要求において42億円を要求している。\n"
        "第四条 沿岸共同研究助成の額は、一の共同研究につき、各年度五千万円を限度とする。\n\n"
        "■事業費の推移(単位:百万円)\n区分 令和6年度当初予算 令和7年度当初予算 令和8年度要求額\n"
        "沿岸観測枠 2,600 3,100 4,800\n合計 4,200 5,200 8,500\n",
        vocab,
        iris,
    )
    rows = _lines(result, with_year=False)
    assert rows["42億円"] == ("沿岸頭脳循環ブリッジ・フェローシップ", "budget request")
    assert rows["五千万円"][1] == "per-award"
    assert rows["4,200"] == ("沿岸観測推進事業", "budget")  # the total row is the sheet's program's


def test_a_projects_block_keeps_its_money_under_a_call_counted_by_its_countries(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "報道発表\n令和8年3月2日\n北洋研究開発機構\n\n日本・北欧3か国共同公募「沿岸資源の循環利用」における新規採択課題の決定について\n\n"
        "北洋研究開発機構は、4課題を採択しました。\n\n【課題1】\n"
        "課題名 使用済み漁網からの高分子回収プロセスの開発\n日本側代表 北洋大学 教授 山川 一郎\n"
        "日本側研究費 2,850万円(3年間総額)\n",
        vocab,
        iris,
    )
    programs = {m.surface for m in result.mentions if m.type == "Program"}
    assert "日本・北欧3か国共同公募「沿岸資源の循環利用」" in programs
    rows = _subjects(result)
    assert rows["2,850万円"] == "使用済み漁網からの高分子回収プロセスの開発"  # not the call the page is about


def test_items_nicknamed_under_a_note_on_the_sheets_brackets_and_a_total_in_era_years(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度予算(案)主要事項\n(研究振興局)\n\n湖沼・湿地研究の総合的推進\n〜水辺の生態系を未来へつなぐ〜\n\n"
        "令和9年度予算額(案) 5,400百万円\n(前年度予算額 4,900百万円)\n\n文部科学省 研究振興局\n\n"
        "【事業内容】(括弧内は前年度予算額)\n"
        "①湖沼観測ネットワーク「レイクネット」 1,300百万円(1,100百万円)\n"
        " 湖沼の水質を常時観測する。\n"
        " 総整備費:約9,000百万円(令和7年度~令和11年度)\n\n"
        "②湿地炭素評価計画(Wetland Carbon Assessment:WECA) 700百万円(650百万円)\n"
        " 湿地の炭素収支を評価する。\n",
        vocab,
        iris,
    )
    names = _surfaces(result)
    rows = {b.stated_as: (names.get(b.subject or "", set()), b.status, b.fiscal_year, b.fiscal_years) for b in result.budgets}
    # a bracketed figure is last year's, as the note on the brackets says
    assert rows["1,100百万円"][1:3] == ("previous-year budget", 2026)
    assert rows["650百万円"][1:3] == ("previous-year budget", 2026)
    # an item keeps its nickname as a name, and its English and short names are not part of its name
    assert {"湖沼観測ネットワーク", "レイクネット"} <= rows["1,300百万円"][0]
    assert "湿地炭素評価計画" in rows["700百万円"][0]
    # a sum over the years in era years, under an item, is the item's total
    assert rows["約9,000百万円"] == (rows["1,300百万円"][0], "total", None, [2025, 2026, 2027, 2028, 2029])


def test_an_item_heading_with_its_amounts_on_the_next_line_owns_them(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度概算要求\n砂丘環境研究推進事業\n令和9年度要求・要望額 3,000百万円\n(前年度予算額 2,000百万円)\n\n"
        "【事業内容】\n１．乾燥地観測基盤「デューンアイ」の構築(拡充)\n (Dune Observation Infrastructure)\n"
        " 令和9年度要求額 1,200百万円(前年度予算額 900百万円)\n ・砂丘の移動を観測する。\n\n"
        "２．砂漠化対策人材育成制度(新規)\n 令和9年度要求額 400百万円(新規)\n",
        vocab,
        iris,
    )
    names = _surfaces(result)
    rows = {b.stated_as: (names.get(b.subject or "", set()), b.status) for b in result.budgets}
    assert "デューンアイ" in rows["1,200百万円"][0]
    assert rows["900百万円"] == (rows["1,200百万円"][0], "previous-year budget")
    assert "砂漠化対策人材育成制度" in rows["400百万円"][0]
    assert "砂丘環境研究推進事業" in rows["3,000百万円"][0]


def test_an_award_after_a_list_of_kinds_is_the_schemes_not_the_last_kinds(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度概算要求 主要事項\n(国際関係)\n\n令和8年8月\n文部科学省\n国際戦略室\n\nⅢ.国際協力の推進\n(単位:百万円)\n"
        "事 項\n前年度予算額\n令和9年度要求額\n\n"
        "１．北洋共同研究プログラム\n【令和9年度要求額 900百万円】\n・1課題当たり年間60百万円程度。\n\n"
        "２．北洋頭脳循環フェローシップ事業\n【令和9年度要求額 1,480百万円】(前年度予算額 1,200百万円)\n"
        "\n事業概要\n〇 若手研究者を招へいし、頭脳循環を促進。\n〇 本事業は次の2類型で実施。\n"
        " ① 長期滞在型(Long-term Type):6か月以上2年以内の受入れ\n"
        " ② 短期招へい型(Short-term Type):2週間以上3か月以内の招へい\n・支援規模:フェロー1人当たり年間6.2百万円\n",
        vocab,
        iris,
    )
    rows = _lines(result, with_year=False)
    assert rows["6.2百万円"] == ("北洋頭脳循環フェローシップ事業", "per-award")


def test_money_said_of_a_program_named_after_it_and_a_section_that_names_none(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "ホーム > 国際交流事業 > 北洋研究ネクサス形成事業 > 事業概要\n\n北洋研究ネクサス形成事業\n\n"
        "■ 事業の内容\n・このほか、北洋研究振興協会との日北共同公募「ノルド・コール」を実施しています。\n\n"
        "■ 予算\n令和7年度予算額 1,260百万円\n"
        "また、令和6年度補正予算により800百万円の「北洋国際共同研究基金」を造成し、柔軟な共同研究を可能としています。\n",
        vocab,
        iris,
    )
    rows = _subjects(result)
    assert rows["800百万円"] == "北洋国際共同研究基金"
    assert rows["1,260百万円"] == "北洋研究ネクサス形成事業"  # the page's program, not the call named in another section


def test_a_budget_after_a_list_of_lettered_kinds_is_the_programs(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "北洋気候適応共同研究推進事業 公募要領\n\n(2)事業の構成\n 本事業(略称:NP-CARE)は次の2つの枠で構成される。\n"
        "  ■タイプA(共同研究枠):対象国の研究機関と共同で適応策の実証を行うもの\n"
        "  ■タイプB(若手交流枠):40歳未満の研究者の相互派遣を行うもの\n(3)予算規模\n"
        " 令和8年度予算額 3億2,000万円(前年度予算額 2億8,000万円)\n",
        vocab,
        iris,
    )
    names = {m.key: m.surface for m in result.mentions if m.type == "Program"}
    assert "タイプB" in names.values()
    rows = {b.stated_as: names.get(b.subject or "") for b in result.budgets}
    assert rows["3億2,000万円"] in ("北洋気候適応共同研究推進事業", "NP-CARE")


def test_a_sheets_items_and_kinds_keep_their_own_money(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和9年度概算要求のポイント\n\n北洋データ駆動型研究革新プログラム\n"
        " 令和9年度要求・要望額 9,860百万円\n (うち重要政策推進枠 3,300百万円)\n 前年度予算額 6,450百万円\n"
        " 令和7年度補正予算額 2,000百万円\n\n■事業内容\n"
        "【1】北洋計算基盤の整備 4,100百万円(3,200百万円)\n ・計算資源を整備する。\n\n"
        "【2】北洋基盤モデル開発プロジェクト 3,260百万円(1,650百万円)\n"
        " ・一般枠:1課題あたり年間 150百万円程度、10課題程度\n\n"
        "2.1 公募区分\n【区分A】標準枠(基盤型)\n ・研究開発費の規模:1課題当たり年間 4,000万円(直接経費)を上限\n",
        vocab,
        iris,
    )
    rows = _lines(result)
    assert rows["2,000百万円"][1:] == ("supplementary budget", 2025)  # not a part of the request above the うち line
    assert rows["4,100百万円"] == ("北洋計算基盤の整備", "budget request", 2027)
    assert rows["3,200百万円"][1:] == ("previous-year budget", 2026)  # the item's bracket: last year's, as on the box
    assert rows["150百万円"][:2] == ("一般枠", "per-award")  # 「一般枠:1課題…」: the kind's award, not a share label
    assert rows["4,000万円"][:2] == ("標準枠", "per-award")  # under its labelled kind heading


TWO_LINE_HEADER = """令和10年度 概算要求のポイント
沿岸・島嶼分野の研究開発の推進

令和9年8月
文部科学省 研究開発局 沿岸地球課

令和10年度要求・要望額　　　　　　１２０億円
（令和９年度予算額　　　　　　　　１００億円）

【事業の概要】
（単位：百万円）
事　項　　　　　　　　　　令和９年度　　令和10年度　　　対前年度
　　　　　　　　　　　　　予算額　　　　要求・要望額　　増△減額
①沿岸観測事業　　　　　　　　4,120　　　　5,380　　　　1,260
②島嶼人材事業（新規）　　　　　　 －　　　　　500　　　　　500
合　計　　　　　　　　　　　　　　　4,120　　　 5,880　　　　1,760
※ 計数は四捨五入のため合計と一致しない場合がある。
※ 各事業の詳細は次のとおり。
※ 運営費交付金の内数を含む。

【背景・課題】
・沿岸域の観測網には空白域が多く残されており、高潮や津波の予測精度の向上が求められている。
・島嶼地域では研究人材の確保が難しく、大学と自治体が連携した育成の仕組みが必要である。
・観測データの利活用は分野ごとに分断されており、統合的な解析基盤の整備が求められている。

◆１．沿岸観測事業
● 沿岸から外洋までの観測データを統合し、予測に活用する。
◆２．島嶼人材事業（新規）
● 島嶼の大学院生・若手研究者の研修を支援する。
"""


def test_a_summary_tables_header_on_two_lines_and_items_named_in_blocks_after_it(vocab: Vocabulary, iris: Iris) -> None:
    lines = _lines(_extract(TWO_LINE_HEADER, vocab, iris))
    heading = "沿岸・島嶼分野の研究開発の推進"
    # the title block's date and issuer stand between the sheet's heading and its amounts; the bracket on the next
    # line is last year's budget
    assert lines["120億円"] == (heading, "budget request", 2028)
    assert lines["100億円"] == (heading, "previous-year budget", 2027)
    # the years above the kinds (令和9年度 / 予算額), a column of changes (増△減額) read past; each row's program is
    # named in its own block further on, after the table
    assert lines["4,120"] == ("沿岸観測事業", "previous-year budget", 2027)
    assert lines["5,380"] == ("沿岸観測事業", "budget request", 2028)
    assert lines["500"] == ("島嶼人材事業", "budget request", 2028)
    assert "1,260" not in lines


BRACKETED_SHEET = """令和10年度概算要求主要事項（研究開発局）
　　　　　　　　　　　　　　　　　　　　　　　　　令和9年8月29日

沿岸・島嶼研究の戦略的推進

　　　　　　　　　　　　　　　　　　　　　　（　）内は前年度予算額
　　　　　　　　　　　　　　　　　　　　　　　　（単位：千円）
事　　項　　　　　　　　　　　　　　　　令和10年度要求・要望額
沿岸・島嶼研究の戦略的推進　　　　　　　　　12,500,000　（10,000,000）
　うち重要政策推進枠　　　　　　　　　　　　 2,000,000

【主な事項】
１．沿岸観測網「うみあかり」の整備　　　　　　　4,800,000　（4,100,000）
　　係留ブイと海底ケーブル式センサーを組み合わせた観測網を展開する。
２．島嶼共創研究プロジェクト（新規）　　　　　　1,200,000　（　　　－　）
　　　・１課題あたり年間 60,000千円程度　×　５課題
"""


def test_a_sheet_whose_legend_brackets_last_years_budget_after_each_items_bare_figure(vocab: Vocabulary, iris: Iris) -> None:
    lines = _lines(_extract(BRACKETED_SHEET, vocab, iris))
    sheet = "沿岸・島嶼研究の戦略的推進"  # the sheet's own line names what its money does
    assert lines["12,500,000"] == (sheet, "budget request", 2028)
    assert lines["10,000,000"] == (sheet, "previous-year budget", 2027)
    assert lines["2,000,000"] == (sheet, "budget request", 2028)  # うち: a part of the line above
    assert lines["4,800,000"] == ("沿岸観測網「うみあかり」", "budget request", 2028)
    assert lines["4,100,000"] == ("沿岸観測網「うみあかり」", "previous-year budget", 2027)
    assert lines["1,200,000"] == ("島嶼共創研究プロジェクト", "budget request", 2028)  # new: no figure last year


BAR_TABLE_SHEET = """2027年8月
経済産業省 産業技術環境局 研究開発課

令和10年度概算要求 PR資料

地域沿岸テック実装加速事業

令和10年度概算要求額　１２０．０億円（８５．５億円）
　　　　　　　　　　　　※（　）は令和９年度当初予算額

■地方大学や公設試験研究機関が有する研究シーズを、地域の中堅・中小企業と連携して社会実装につなげるため支援します。

＜内訳＞　　　　　　　　　　　　　　　　　　　　　　　　　（単位：億円）
｜区分　　　　　　　　　　　　　　　　　　｜Ｒ10要求｜Ｒ９当初｜
｜①実証支援枠「ハマカゼ」　　　　　　　　｜　72.0　｜　51.5　｜
｜　（うち脱炭素特別枠）　　　　　　　　　｜　25.0　｜　 －　 ｜
｜②沿岸量産化ブリッジ枠　　　　　　　　　｜　30.0　｜　20.0　｜
"""


def test_a_pr_sheets_bar_table_with_short_reiwa_columns_and_a_bracket_the_note_dates(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(BAR_TABLE_SHEET, vocab, iris)
    lines = _lines(result)
    program = "地域沿岸テック実装加速事業"
    # 「※（　）は令和９年度当初予算額」: the bracketed figure is last year's budget
    assert lines["85.5億円"] == (program, "previous-year budget", 2027)
    # the table's rows stay rows (not joined where the line fills the page); Ｒ10要求 and Ｒ９当初 name their columns
    assert lines["72.0"][1:] == ("budget request", 2028) and lines["51.5"][1:] == ("previous-year budget", 2027)
    assert lines["30.0"] == ("沿岸量産化ブリッジ枠", "budget request", 2028)
    # a うち row is a part of the row above, for that row's program
    (part,) = [b for b in result.budgets if b.stated_as == "25.0"]
    (whole,) = [b for b in result.budgets if b.stated_as == "72.0"]
    assert part.subject == whole.subject and part.part_of == whole.iri


def _as_part(line: Budget) -> tuple[str | None, str | None, str, int | None]:
    """What a part of another line says: its subject, the line it is part of, its status and year."""
    return line.subject, line.part_of, line.status, line.fiscal_year


def _part_of(whole: Budget) -> tuple[str | None, str | None, str, int | None]:
    """What a part of ``whole`` should say: the whole's subject, status and year, and the whole as its line."""
    return whole.subject, whole.iri, whole.status, whole.fiscal_year


BLOCK_SHARES = """令和10年度 概算要求のポイント
火山・地震分野の研究開発の推進

令和9年8月
文部科学省 研究開発局 地震火山課

令和10年度要求・要望額　　　　　　９０億円
（令和９年度予算額　　　　　　　　８０億円）

（単位：百万円）
事　項　　　　　　　　　　　　令和９年度　　令和10年度　　　対前年度
　　　　　　　　　　　　　　　予算額　　　　要求・要望額　　増△減額
①火山観測強化プログラム（VOLC-NET）　　　3,100　　　　3,900　　　　　800
②地震防災人材育成事業　　　　　　　　　　　900　　　　1,100　　　　　200

◆１．火山観測強化プログラム（VOLC-NET）
● 全国の活火山の観測網を強化し、噴火予測の高度化を図る。
　（JAXA：2,600百万円　防災科学技術研究所：1,300百万円）
● 総整備費：約12,000百万円（令和10年度～令和14年度）
２．地震防災人材育成事業
● 大学院生の現地研修を支援する。
"""


def test_a_breakdown_in_a_programs_numbered_block_is_a_part_of_that_programs_request(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(BLOCK_SHARES, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    request = by_amount["3,900"]
    assert (request.status, request.fiscal_year) == ("budget request", 2028)
    # the bracketed breakdown under the program's numbered heading is of the program's request in the table above,
    # not of the sheet's 90億円; the body its label names receives its share
    for share in ("2,600百万円", "1,300百万円"):
        assert _as_part(by_amount[share]) == _part_of(request)
    jaxa = by_amount["2,600百万円"].recipient
    assert jaxa is not None and result.entities[jaxa].labels.get("en") == "Japan Aerospace Exploration Agency"
    # the block's own sum over years, labelled with a money word, stays a total
    assert by_amount["約12,000百万円"].status == "total" and by_amount["約12,000百万円"].part_of is None


SPLIT_HEADER_SHEET = """令和10年度　概算要求事項別表
（科学技術・学術政策局）

（　）内は前年度予算額　　　　　　　　　　　　　　　　　　（単位：千円）

事　　　項　　　　　　　　　　　　　　令和10年度
　　　　　　　　　　　　　　　　　　　要求・要望額　　　（前年度予算額）
　　　　　　　　　　　　　　　　　　　　　千円　　　　　　　　千円
１．研究基盤共用プログラム　　　　　　　4,200,000　（　3,600,000　）
　　うち国立研究開発法人理化学研究所（理研）分　　1,100,000
２．地域研究人材循環事業　　　　　　　　　　950,000　（　　800,000　）
"""


def test_a_sheets_one_column_header_on_two_lines_its_unit_words_and_a_bodys_share_row(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(SPLIT_HEADER_SHEET, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    # the column's year on the label's line, its budget words (and the bracket's kind) on the next: each row's
    # figure is the request, the bracketed one last year's budget, in thousands of yen
    request = by_amount["4,200,000"]
    assert (request.status, request.fiscal_year, request.value) == ("budget request", 2028, "4200000000")
    assert (by_amount["3,600,000"].status, by_amount["3,600,000"].fiscal_year) == ("previous-year budget", 2027)
    assert by_amount["950,000"].status == "budget request"
    # 「うち…理化学研究所（理研）分」: the body's share of the row above, that row's program's money
    share = by_amount["1,100,000"]
    assert (share.part_of, share.subject, share.status) == (request.iri, request.subject, "budget request")
    assert share.recipient is not None and result.entities[share.recipient].labels.get("ja") == "理化学研究所"
    # the unit written under each column is no amount
    assert "千円" not in by_amount


REMARKS_TABLE = """令和10年度概算要求の概要
火山・地震分野の研究開発の推進
文部科学省研究開発局地震火山課

＜予算総括表＞　　　　　　　　　　　　　　　　　（単位：千円）
事　　項　　　　　　　　　　　令和９年度　　　令和10年度　　　備考
　　　　　　　　　　　　　　　予算額　　　　　要求・要望額
火山観測網高度化事業　　　　　4,100,200　　　5,300,000　　　拡充
　うち重要政策推進枠（要望）　　　　―　　　　　900,000
地震防災人材育成事業　　　　　　318,400　　　　356,500　　　継続
計　　　　　　　　　　　　　　4,418,600　　　5,656,500

■１．火山観測網高度化事業
　全国の活火山の観測網を更新する。
■２．地震防災人材育成事業
　大学院生の現地研修を支援する。
"""


def test_a_summary_table_with_a_remarks_column_under_years_whose_kinds_stand_below(vocab: Vocabulary, iris: Iris) -> None:
    lines = _lines(_extract(REMARKS_TABLE, vocab, iris))
    # the years above (令和９年度 令和10年度) hold what the line below says (予算額 要求・要望額), not two budgets;
    # each row's remark (拡充, 継続) is no amount and does not hide the row
    assert lines["4,100,200"] == ("火山観測網高度化事業", "previous-year budget", 2027)
    assert lines["5,300,000"] == ("火山観測網高度化事業", "budget request", 2028)
    assert lines["900,000"] == ("火山観測網高度化事業", "budget request", 2028)
    assert lines["356,500"] == ("地震防災人材育成事業", "budget request", 2028)


def test_a_summary_table_whose_last_column_is_the_kind_of_change(vocab: Vocabulary, iris: Iris) -> None:
    """「区分」 (新規, 拡充, 継続) closes the header as 備考 does: a column of words, no amounts."""
    table = REMARKS_TABLE.replace("令和９年度　　　令和10年度　　　備考", "令和９年度　　　令和10年度　　　区分")
    lines = _lines(_extract(table, vocab, iris))
    assert lines["4,100,200"] == ("火山観測網高度化事業", "previous-year budget", 2027)
    assert lines["356,500"] == ("地震防災人材育成事業", "budget request", 2028)


KINDS_BY_ROW = """令和9年度概算要求　事業説明資料
令和8年8月
経済産業省　産業技術環境局

海洋素材循環実証事業

　令和9年度要求額　　12.0億円

５．これまでの予算額及び執行状況　　　　　　　　　　（単位：百万円）
　　　　　　　　　　　　　令和6年度　　　令和7年度
　当初予算額　　　　　　　　　910　　　　　1,050
　補正予算額　　　　　　　　　 ―　　　　　　 320
　執行額（決算額）　　　　　　876　　　　　1,298
"""


def test_a_table_of_years_whose_rows_name_the_kind_of_money(vocab: Vocabulary, iris: Iris) -> None:
    """Years as columns, kinds as rows (当初, 補正, 決算): each row's kind, and the sheet's program's money."""
    lines = _lines(_extract(KINDS_BY_ROW, vocab, iris))
    assert lines["910"] == ("海洋素材循環実証事業", "budget", 2024)
    assert lines["320"] == ("海洋素材循環実証事業", "supplementary budget", 2025)
    assert lines["1,298"] == ("海洋素材循環実証事業", "actual", 2025)


RATIO_AFTER_YEARS = """令和12年度概算要求の概要（防災分野）
文部科学省研究開発局地震火山課

■要求総括表
　　　　　　　　　　　　　　　　　　　　　　（単位：千円）
事　　項　　　　　　　　　　　令和11年度　　　令和12年度　　　対前年度比
　　　　　　　　　　　　　　　予算額　　　　要求・要望額
１　沿岸観測網高度化事業　　　2,400,000　　3,000,000　　125.0％
２　防災人材育成事業　　　　　　　150,000　　　　210,000　　140.0％

■１．沿岸観測網高度化事業
　沿岸の地震・津波観測網を更新する。
■２．防災人材育成事業
　自治体職員の研修を支援する。
"""


def test_a_summary_table_whose_kinds_stand_under_the_years_and_a_ratio_column_beside_them(vocab: Vocabulary, iris: Iris) -> None:
    lines = _lines(_extract(RATIO_AFTER_YEARS, vocab, iris))
    # the kinds below (予算額 要求・要望額) belong to the years (令和11年度 令和12年度), not to the ratio column
    # (対前年度比), whose whole heading is on the line above
    assert lines["2,400,000"] == ("沿岸観測網高度化事業", "previous-year budget", 2029)
    assert lines["3,000,000"] == ("沿岸観測網高度化事業", "budget request", 2030)
    assert lines["210,000"] == ("防災人材育成事業", "budget request", 2030)


SUM_PARTS_AND_LABELS = """沿岸防災データ連携事業
令和7年度補正予算額及び令和8年度予算額の合計 74億円
（うち令和7年度第1次補正予算額 50億円、令和8年度予算額 24億円）

【総事業費】
　約３１０億円（令和８年度～令和１７年度の１０か年計画）
【実施体制】
　モデル地域数：４地域程度　１地域あたり　25,000千円
"""


def test_the_parts_of_a_sum_keep_their_own_budgets_a_sum_labelled_above_and_an_award_per_region(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(SUM_PARTS_AND_LABELS, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    whole = by_amount["74億円"]
    assert whole.status == "total" and whole.fiscal_years == [2025, 2026]
    # each part of the sum names its own year and budget: a supplementary budget and an initial one
    for stated, status, year in (("50億円", "supplementary budget", 2025), ("24億円", "budget", 2026)):
        part = by_amount[stated]
        assert (part.part_of, part.status, part.fiscal_year) == (whole.iri, status, year)
    # 「【総事業費】」 alone on the line above labels the amount a sum over the years its bracket spans
    total = by_amount["約310億円"]
    assert total.status == "total" and total.fiscal_years == list(range(2026, 2036))
    # 「１地域あたり」: one award's size
    assert by_amount["25,000千円"].status == "per-award"


BOX_SHEET = """2027年度（令和9年度）概算要求　個別事業説明資料
総務省　国際戦略局

沿岸センサー網高度化実証事業

                                                （単位：千円）
  2027年度要求・要望額          3,900,000
    うち要求額                    2,400,000
    うち重要政策推進枠要望額      1,500,000
  2026年度当初予算額              2,700,000
  2025年度補正予算額                800,000

1. 事業の概要
 (1) 海底センサー実証
     海底ケーブル式センサーを3地域に設置し、常時観測を行う。
 (2) 沿岸データ連携実証
     自治体と連携し、防災データの地域内処理モデルを構築する。

2. 要求内訳
--------------------------------------------------------------
  区分                        2026年度予算額    2027年度要求・要望額
--------------------------------------------------------------
  (1) 海底センサー実証          2,000,000          2,900,000
  (2) 沿岸データ連携実証          700,000          1,000,000
--------------------------------------------------------------
  計                            2,700,000          3,900,000
"""


def test_a_sheets_box_of_labelled_figures_and_a_table_far_below_its_unit(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(BOX_SHEET, vocab, iris)
    by_amount: dict[str, list] = {}
    for b in result.budgets:
        by_amount.setdefault(b.stated_as, []).append(b)
    lines = _lines(result)
    program = "沿岸センサー網高度化実証事業"
    # the box's labelled bare figures, in the caption's thousands of yen, for the year and kind each label names
    (request,) = by_amount["3,900,000"]  # the box's line and the table's total row: one line stated twice
    assert (request.status, request.fiscal_year, request.value) == ("budget request", 2027, "3900000000")
    assert lines["800,000"] == (program, "supplementary budget", 2025)
    # うち lines are parts of the line above, of its year; the part stays a part of the one line left after merging
    for part in ("2,400,000", "1,500,000"):
        assert [(b.part_of, b.status, b.fiscal_year) for b in by_amount[part]] == [(request.iri, "budget request", 2027)]
    # the table's header names kinds of columns; its bare figures take the sheet's unit stated once at the top, and
    # each numbered row whose item has a block of its own above is that item's money
    assert lines["2,900,000"] == ("海底センサー実証", "budget request", 2027)
    assert lines["700,000"] == ("沿岸データ連携実証", "previous-year budget", 2026)
    (row,) = by_amount["2,900,000"]
    assert row.value == "2900000000"
    # an item named by no program's head noun is what the money does: typed a budget item (an activity)
    assert row.subject is not None and "BudgetItem" in result.entities[row.subject].extra_types


LISTED_SHARES = """令和10年度概算要求 主要事項説明資料
火山・地震科学技術分野

1.総括表
（単位：千円）
区　分　　　　　　　　　　　　令和9年度　　　令和10年度　　　比　較
　　　　　　　　　　　　　　　予算額　　　　要求・要望額　　増△減額
火山観測強化推進事業　　　　　6,400,000　　　8,100,000　　1,700,000
うち火山センシング拠点形成　　2,000,000　　　2,600,000　　　600,000
地震防災人材育成事業　　　　　　900,000　　　1,000,000　　　100,000
合　計　　　　　　　　　　　　7,300,000　　　9,100,000　　1,800,000

■火山観測強化推進事業
【事業概要】
・全国の活火山の観測網を強化し、噴火予測の高度化を図る。
【実施機関別内訳】（令和10年度要求・要望額）
国立研究開発法人防災科学技術研究所　5,000,000千円
国立研究開発法人海洋研究開発機構　3,100,000千円

●火山センシング拠点形成（拡充）
・火山ガスの常時計測拠点を全国3か所に置く。
"""


def test_a_header_with_spaced_out_words_and_a_list_of_bodies_shares_under_its_label(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(LISTED_SHARES, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    # 「区　分」 and 「比　較」 are one cell each: the years above line up with the kinds below
    request = by_amount["8,100,000"]
    assert (request.status, request.fiscal_year) == ("budget request", 2028)
    assert (by_amount["6,400,000"].status, by_amount["6,400,000"].fiscal_year) == ("previous-year budget", 2027)
    assert "1,700,000" not in by_amount  # the column of changes is read past
    # under 「【実施機関別内訳】」 alone on its line, each body's amount is its share of the request of the program
    # heading the block (「■…事業」)
    for share, body in (("5,000,000千円", "防災科学技術研究所"), ("3,100,000千円", "海洋研究開発機構")):
        line = by_amount[share]
        assert _as_part(line) == _part_of(request)
        assert line.recipient is not None and result.entities[line.recipient].labels.get("ja") == body
    # a うち row naming an item its own block describes (「●火山センシング拠点形成（拡充）」) is that item's money, a
    # part of the row above
    part = by_amount["2,600,000"]
    assert part.part_of == request.iri and part.status == "budget request"
    assert part.subject is not None and result.entities[part.subject].labels.get("ja") == "火山センシング拠点形成"


INLINE_SHARES = """令和10年度概算要求における主要事項
令和9年8月
文部科学省研究振興局

Ⅰ．総括表　　　　　　　　　　　　　　　　　　（単位：千円）
事　　項　　　　　　　　　　　　前年度予算額　　令和10年度要求・要望額　　区分
１　広域計算資源連携事業「WAVE-Link」　2,660,000　　3,235,000　　継続
２　量子計測基盤推進事業「Q-FORT」　　4,120,000　　5,300,000　　拡充

Ⅱ．事項別の概要
１　広域計算資源連携事業「WAVE-Link」
　　・全国の計算資源を単一の認証基盤で利用可能とする。
　　・実施機関別内訳：理化学研究所 1,985,000千円、国立情報学研究所 1,250,000千円

２　量子計測基盤推進事業「Q-FORT」
【事業内容】
　・量子計測の3領域で研究拠点を運営する。
　・実施機関：科学技術振興機構（JST）3,850,000千円、量子科学技術研究開発機構（QST）1,450,000千円
"""


def test_shares_listed_after_the_breakdowns_label_on_its_line_under_items_numbered_with_a_space(
    vocab: Vocabulary, iris: Iris
) -> None:
    """「２　…事業」 (a number and a space) heads its block; each body named before its amount after the label is the
    share's recipient, the block's program its subject."""
    result = _extract(INLINE_SHARES, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    for share, whole in (("1,985,000千円", "3,235,000"), ("3,850,000千円", "5,300,000"), ("1,450,000千円", "5,300,000")):
        assert by_amount[share].subject == by_amount[whole].subject is not None, share
        assert by_amount[share].status == "budget request"
        assert _as_part(by_amount[share]) == _part_of(by_amount[whole])
        assert by_amount[share].recipient is not None


def test_an_award_per_unit_of_any_kind_on_a_request_sheet_is_per_award_in_the_sheets_year(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "令和10年度概算要求　事業説明資料\n令和9年8月\n\n沿岸医療連携推進事業\n\n"
        "　令和10年度要求額　　12.0億円\n"
        "　・ブロック拠点への配分額：1ブロック当たり年間　40,000千円程度（8ブロック）\n"
    )
    lines = _lines(_extract(text, vocab, iris))
    assert lines["40,000千円"][1:] == ("per-award", 2028)


SECTION_SHARES = """令和10年度概算要求の概要
湖沼環境モニタリング推進プログラム
令和9年8月　環境省・文部科学省

１．湖沼環境モニタリング推進プログラム（LAKE-MON：Lake Environment Monitoring Program）
　　令和10年度要求額　　48億円（令和9年度予算額　41億円）
【配分機関別内訳（案）】
　　JST　20億円　　AMED　16億円　　NEDO　12億円　　（計　48億円）

２．府省別内訳（令和10年度要求・要望額）
　　文部科学省　　3,000百万円（運営費交付金を含む）
　　環境省　　　　1,800百万円（うち地方環境事務所分　300百万円）
"""


def test_a_breakdown_label_with_a_note_or_a_number_and_bodies_with_notes_after_their_amounts(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(SECTION_SHARES, vocab, iris)
    by_amount = {b.stated_as: b for b in reversed(result.budgets)}  # the first line of an amount stated twice
    request = by_amount["48億円"]
    assert (request.status, request.fiscal_year) == ("budget request", 2028)
    # 「【配分機関別内訳（案）】」 then the bodies and amounts on one line, their sum in brackets after them: each is
    # the body's share of the program's request, not the body's own budget
    shares = (("20億円", "科学技術振興機構"), ("16億円", "日本医療研究開発機構"))
    shares += (("12億円", "新エネルギー・産業技術総合開発機構"),)
    for share, body in shares:
        line = by_amount[share]
        assert (line.subject, line.status, line.fiscal_year) == (request.subject, "budget request", 2028)
        assert line.recipient is not None and result.entities[line.recipient].labels.get("ja") == body
    # a numbered section of the sheet (「２．府省別内訳（…）」) breaks down the sheet's own line; a note in brackets
    # after a body's amount does not keep the line from being a share
    for share, body in (("3,000百万円", "文部科学省"), ("1,800百万円", "環境省")):
        line = by_amount[share]
        assert (line.subject, line.status, line.fiscal_year) == (request.subject, "budget request", 2028)
        assert line.recipient is not None and result.entities[line.recipient].labels.get("ja") == body
    # …and the amount inside that note is no share of the body the line opens with
    note = by_amount["300百万円"]
    assert note.recipient is None or result.entities[note.recipient].labels.get("ja") != "環境省"


def test_a_note_after_a_lines_parts_each_on_its_own_line_is_no_part(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "沿岸観測データ連携プログラム\n"
        "2027年度予算額　22.0億円（2026年度予算額　19.5億円）\n"
        "　うち国土交通省計上分　13.0億円\n"
        "　うち文部科学省計上分　9.0億円\n"
        "※2026年度補正予算で、観測機器の更新費として3億1,000万円が措置されました。\n"
    )
    by_amount = {b.stated_as: b for b in _extract(text, vocab, iris).budgets}
    whole = by_amount["22.0億円"]
    assert [by_amount[p].part_of for p in ("13.0億円", "9.0億円")] == [whole.iri, whole.iri]
    # the note on a line of its own after the うち lines states another budget: last year's supplementary
    note = by_amount["3億1,000万円"]
    assert (note.part_of, note.status, note.fiscal_year) == (None, "supplementary budget", 2026)


SHARES_IN_A_SENTENCE = """第３節　開発途上国との国際共同研究

　我が国は、開発途上国との共同研究を推進している。

１　沿岸防災国際協働研究（COAST-G）
　「沿岸防災国際協働研究（COAST-G: Coastal Science Partnership - Global）」は、
JSTと独立行政法人国際協力機構（JICA）が連携し、途上国の研究機関と我が国の大学等が共同研究を行うものである。
JSTが日本側の研究費を、JICAが政府開発援助（ODA）による技術協力経費を負担する。
令和８年度予算額は約25億円（うちJST分18.5億円、JICA分6.5億円）である。
"""


def test_shares_listed_after_uchi_on_the_wholes_own_line_and_a_sentence_above_is_no_heading(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(SHARES_IN_A_SENTENCE, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    whole = by_amount["約25億円"]
    # the sentence above (「JSTが…、JICAが…を負担する。」) names bodies, not whose money the line is: the program is
    assert result.entities[whole.subject].labels["ja"] == "沿岸防災国際協働研究"
    # both shares after 「うち」 are parts of that line, the second too (its line opens with the whole's label)
    for share in ("18.5億円", "6.5億円"):
        part = by_amount[share]
        assert (part.part_of, part.subject, part.fiscal_year) == (whole.iri, whole.subject, 2026)


TWO_TABLES_SPACED_HEADERS = """令和９年度概算要求ＰＲ資料
沿岸防災・海洋観測統合事業（C-WAVE）

■事業の内容　　　　　　　　　　　　　　　　　　（単位：百万円）
　取　組　　　　　　　　　　　　　　　　令和８年度　　令和９年度
　　　　　　　　　　　　　　　　　　　　予算額　　　　要求額
①沿岸波浪観測網整備（C-WAVE Net）　　　3,200　　　　4,100
②津波浸水予測高度化（C-WAVE Sim）　　　1,100　　　　1,700
③海洋防災人材育成プログラム（新規）　　　－　　　　　　600

（参考）関連する主な事業　　　　　　　　　　　　　（単位：千円）
　事　業　名　　　　　　　　　　　令和８年度　　令和９年度　　対前年度
　　　　　　　　　　　　　　　　　予算額　　　　要求額　　　　増△減額
　沿岸防災技術実証補助金　　　　　850,000　　　910,000　　　　60,000
　海洋観測国際連携事業　　　　　　120,000　　　 95,000　　　△25,000
　一般管理費　　　　　　　　　　　 30,000　　　 30,000　　　　　　 0
"""


def test_tables_with_spaced_out_two_line_headers_read_each_row_under_its_own_columns(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(TWO_TABLES_SPACED_HEADERS, vocab, iris)
    programs = {m.surface for m in result.mentions if m.type == "Program"}
    # 「取　組」 and 「事　業　名」 spaced out, with the kinds (予算額 要求額) on the line below: each row names a program;
    # a row's short name in brackets may hold a space (C-WAVE Net); the sheet's tag (新規) is no part of the name
    assert {"沿岸波浪観測網整備", "津波浸水予測高度化", "海洋防災人材育成プログラム"} <= programs
    assert {"沿岸防災技術実証補助金", "海洋観測国際連携事業"} <= programs
    assert "一般管理費" not in programs  # a row of costs
    lines = _lines(result)
    assert lines["3,200"] == ("沿岸波浪観測網整備", "previous-year budget", 2026)
    assert lines["1,700"] == ("津波浸水予測高度化", "budget request", 2027)
    # the first table's columns do not run on into the second table: its first row is read once, under its own
    # columns, and the change column (増△減額) is no budget
    assert lines["850,000"] == ("沿岸防災技術実証補助金", "previous-year budget", 2026)
    assert lines["910,000"] == ("沿岸防災技術実証補助金", "budget request", 2027)
    assert "60,000" not in lines and len([b for b in result.budgets if b.stated_as == "910,000"]) == 1


PAIRS_UNDER_A_LABEL = """令和9年度 概算要求の概要
　　　　　　　　　　　　　　　　　　　　　　　（単位：千円）
　事　　項　　　　　　　　　　　令和8年度　　令和9年度　　備考
　　　　　　　　　　　　　　　　予算額　　　　要求・要望額
１　沿岸防災統合研究プログラム（C-RISE）　12,000,000　　15,500,000　　拡充
２　海洋観測データ連携事業　　　　　　　　　 800,000　　　 950,000　　継続

Ⅱ．主要事項の概要

１．沿岸防災統合研究プログラム（C-RISE）
【事業の目的】
　沿岸の防災研究を府省の枠を超えて推進する。
【研究推進法人への配分（予定）】
　　JST　9,200百万円　　NEDO　4,300百万円　　AMED　2,000百万円
"""


def test_a_line_of_agency_shares_under_a_label_of_allocation_is_parts_of_the_programs_request(
    vocab: Vocabulary, iris: Iris
) -> None:
    result = _extract(PAIRS_UNDER_A_LABEL, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    request = by_amount["15,500,000"]
    recipients = {e.iri: e.labels.get("ja") for e in result.entities.values()}
    for stated, agency in (("9,200百万円", "科学技術振興機構"), ("4,300百万円", "新エネルギー・産業技術総合開発機構")):
        share = by_amount[stated]
        assert (share.part_of, share.status, share.fiscal_year) == (request.iri, "budget request", 2027)
        assert share.subject == request.subject and recipients[share.recipient] == agency


def test_uchi_lines_alone_in_a_programs_block_are_parts_of_its_request_not_of_each_other(vocab: Vocabulary, iris: Iris) -> None:
    sheet = PAIRS_UNDER_A_LABEL.replace(
        "【研究推進法人への配分（予定）】",
        "【令和9年度の取組】\n　　課題Ａ　沿岸波浪の予測\n　　　うち第2期新規課題分　　　　4,500,000千円\n"
        "　　　うち第1期継続課題分（8課題）　11,000,000千円\n【研究推進法人への配分（予定）】",
    )
    result = _extract(sheet, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    request = by_amount["15,500,000"]
    for stated in ("4,500,000千円", "11,000,000千円"):  # siblings: neither is the other's whole
        part = by_amount[stated]
        assert (part.part_of, part.status, part.fiscal_year, part.subject) == (
            request.iri,
            "budget request",
            2027,
            request.subject,
        )


SHEET_OF_KINDS = """令和10年度 海洋分野の研究開発関係予算（案）のポイント

１．総括表
（単位：千円）
区分　前年度予算額　要求額
沿岸観測推進プログラム　523,000　610,000
極域データ連携事業　100,000　120,000
合計　623,000　730,000

２．主要事項
（１）沿岸観測推進プログラム
　【事業の概要】
　　沿岸域の観測網を整備する。
　【主な内容】
　　①沿岸観測拠点の整備
　　　全国3拠点で観測を行う。
　　・うち新規拠点分（新規）　　50,000千円
　【予算の配分】
　　（JST：400,000千円、北洋大学：210,000千円）

（２）極域データ連携事業
　【事業の概要】
　　極域の観測データを共有する。
　【予算の配分】
　　（NIPR：120,000千円）
"""


def test_a_sheets_kinds_written_without_years_take_the_year_of_its_title(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(SHEET_OF_KINDS, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    names = _subject_by_amount(result)
    assert (by_amount["523,000"].status, by_amount["523,000"].fiscal_year) == ("previous-year budget", 2027)
    assert (by_amount["610,000"].status, by_amount["610,000"].fiscal_year) == ("budget request", 2028)
    assert names["610,000"] == "沿岸観測推進プログラム"
    # the total row sums the rows: it is none of their programs'
    assert "623,000" not in names and "730,000" not in names
    # a うち line under the sheet's title has the title's year and status
    assert (by_amount["50,000千円"].status, by_amount["50,000千円"].fiscal_year) == ("budget request", 2028)


def test_shares_under_a_section_label_are_parts_of_the_blocks_program_not_of_a_line_above(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(SHEET_OF_KINDS, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    # 【予算の配分】 closes the section of points (①…): the shares are of the numbered block's program
    for stated in ("400,000千円", "210,000千円"):
        assert by_amount[stated].part_of == by_amount["610,000"].iri
    # the next block's share is of its own program, not of the うち line of the block before
    assert by_amount["120,000千円"].part_of == by_amount["120,000"].iri


def test_a_figure_glued_to_a_bracketed_name_is_a_cell_of_its_own() -> None:
    from ingest.extract.tables import cells_of

    cells = [c for _, _, c in cells_of("うち沿岸観測ユニット(COU)2,100,000 2,880,000 137.1%")]
    assert cells == ["うち沿岸観測ユニット(COU)", "2,100,000", "2,880,000", "137.1%"]
    assert [c for _, _, c in cells_of("沿岸観測(2025)")] == ["沿岸観測(2025)"]  # a year in brackets stays


def test_a_box_drawn_table_of_years_reads_the_draft_as_the_request_beside_last_years_budget(
    vocab: Vocabulary, iris: Iris
) -> None:
    from ingest.normalize import normalize
    from ingest.records import Document

    raw = (
        "沿岸観測推進プログラム\n\n【予算内訳】　（単位：億円）\n"
        "┌──────────────┬──────┬────────┐\n"
        "│区分　　　　　　　　　　　　│令和9年度　│令和10年度（案）│\n"
        "├──────────────┼──────┼────────┤\n"
        "│①沿岸観測推進プログラム　　│　２０．０　│　　２８．０　　│\n"
        "└──────────────┴──────┴────────┘\n"
    )
    text = normalize(Document("t.txt", "text/plain", raw, "h")).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    rows = {b.stated_as: (b.status, b.fiscal_year, b.value) for b in result.budgets}
    assert rows["20.0"] == ("previous-year budget", 2027, "2000000000")
    assert rows["28.0"] == ("budget request", 2028, "2800000000")


def test_an_amount_under_a_column_of_an_awards_size_is_per_award(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "令和10年度 沿岸観測補助金 募集要項\n\n１　補助対象事業と補助上限額\n"
        "　　区分　　　　　　　補助率　　　補助上限額　　　採択予定件数\n"
        "　　（１）沿岸技術開発枠　２／３以内　　3,000万円　　　３件程度\n"
        "　　（２）沿岸実証枠　　　１／２以内　　1,000万円　　　５件程度\n"
        "　　（３）海外展開枠　　　１／２以内　　　500万円　　　４件程度\n\n"
        "２　予算額\n　　令和10年度当初予算額　　　120,000千円\n",
        vocab,
        iris,
    )
    rows = {b.stated_as: b.status for b in result.budgets}
    assert rows["3,000万円"] == rows["1,000万円"] == "per-award"
    assert rows["120,000千円"] == "budget"  # the scheme's own money, under no such column
    # each row's award is its kind's, named on the row (not the scheme's, as after a list of kinds)
    names = _subject_by_amount(result)
    assert (names["3,000万円"], names["1,000万円"]) == ("沿岸技術開発枠", "沿岸実証枠")


def test_amounts_listed_under_a_line_naming_a_program_as_follows_are_that_programs(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "【令和10年度　概算要求】\n沿岸観測推進プログラム（COAST）\n\n１．要求額\n　令和10年度要求額　　　52億円\n\n"
        "２．前身事業の予算推移（参考）\n　前身の「沿岸観測基盤整備事業」として、以下のとおり措置。\n"
        "　　令和7年度補正予算　　　5.0億円\n　　令和8年度当初予算　　　28.4億円\n",
        vocab,
        iris,
    )
    names = _subject_by_amount(result)
    assert names["52億円"] == "沿岸観測推進プログラム"
    assert names["5.0億円"] == names["28.4億円"] == "沿岸観測基盤整備事業"


_BLOCK_SHEET = (
    "令和9年度 沿岸科学技術関係 概算要求の概要\n\n"
    "１．沿岸観測融合研究推進プログラム（C-FUSE）\n"
    "　○研究開発課題と管理法人\n"
    "　　課題名　　　　　　　　　　　　管理法人　　令和9年度要求額（百万円）\n"
    "　　A　沿岸データ同化基盤「C-DAS」　　　JST　　　7,400\n"
    "　　B　沿岸生態系AI観測　　　　　　　　NEDO　　　6,100\n"
    "　　※各府省への計上額（移替え後）：文部科学省 7,400百万円、経済産業省 6,100百万円\n"
    "　○事業期間・総事業費\n"
    "　　令和7年度～令和11年度（5年間）　総事業費 約900億円\n"
)


def test_a_project_tables_request_column_gives_each_row_its_year_and_status(vocab: Vocabulary, iris: Iris) -> None:
    """Under 「令和9年度要求額（百万円）」 each project row's amount is that year's request, not an award's size."""
    result = _one_passage(nfkc(_BLOCK_SHEET).text, vocab, iris)
    # (the note under the table states the same money per ministry: a row may be one line with it)
    rows = {(b.value, b.status, b.fiscal_year) for b in result.budgets}
    assert {("7400000000", "budget request", 2027), ("6100000000", "budget request", 2027)} <= rows


def test_a_note_under_a_project_table_is_no_project(vocab: Vocabulary, iris: Iris) -> None:
    result = _one_passage(nfkc(_BLOCK_SHEET).text, vocab, iris)
    names = {e.labels.get("ja", "") for e in result.entities.values()}
    assert not any(n.startswith("※") for n in names)


def test_an_amount_naming_no_program_in_a_numbered_block_is_the_blocks_programs(vocab: Vocabulary, iris: Iris) -> None:
    """「総事業費 約900億円」 under 「１．…プログラム」 is that program's, not the last project its table listed."""
    result = _one_passage(nfkc(_BLOCK_SHEET).text, vocab, iris)
    assert _subject_by_amount(result)["約900億円"] == "沿岸観測融合研究推進プログラム"


def test_a_count_broken_down_after_a_blank_line_makes_no_later_amount_a_part(vocab: Vocabulary, iris: Iris) -> None:
    """「（うち企業利用 1,035件）」 under a new section is a count's breakdown: the 決算額 after it is that year's
    actual money, not a part of the supplementary line above the blank line."""
    text = nfkc(
        "■令和7年度補正予算の内容\n・沿岸計測共用ネットワーク「CoastNet」 650百万円\n\n"
        "■これまでの成果\n・利用件数:令和6年度 延べ4,210件(うち企業利用 1,035件)\n(参考)令和6年度決算額 6,874百万円\n"
    ).text
    rows = {b.stated_as: (b.status, b.fiscal_year, b.part_of) for b in _one_passage(text, vocab, iris).budgets}
    assert rows["6,874百万円"] == ("actual", 2024, None)


def test_a_sentence_opening_with_kono_uchi_lists_the_parts_of_the_amount_before_it(vocab: Vocabulary, iris: Iris) -> None:
    """「…予算額（案）は62億円です。このうち、A事業に48億円、B事業に14億円」: the parts of the request, with its year and
    status; an award's size in such a sentence (「このうち「C枠」では、1自治体あたり最大5,000万円」) stays an award."""
    text = nfkc(
        "「沿岸水素実証プログラム」の2026年度予算額（案）は62億円です。このうち、"
        "「沿岸共同実証事業」に48億円、「沿岸受入拠点調査事業」に14億円を計上しています。\n"
        "令和8年度補正予算で「沿岸防災共創基金」に150億円を計上した。"
        "このうち「沿岸自治体実装枠」では、1自治体あたり最大5,000万円を補助する。\n"
    ).text
    rows = {b.stated_as: (b.status, b.fiscal_year, b.part_of is not None) for b in _one_passage(text, vocab, iris).budgets}
    assert rows["48億円"] == rows["14億円"] == ("budget request", 2026, True)
    assert rows["5,000万円"][0] == "per-award" and not rows["5,000万円"][2]


def test_a_line_opening_with_kono_uchi_under_a_breakdown_line_is_a_part_of_the_whole(vocab: Vocabulary, iris: Iris) -> None:
    """「…予算額は2,850百万円です。」 / 「内訳：A省計上分 1,700百万円／B省計上分 1,150百万円」 / 「このうち、…約900百万円を
    予定」: the breakdown line ends in no full stop, yet the line under it opens a sentence of its own that takes the
    whole's year and status, not the previous year's named beside the whole."""
    text = nfkc(
        "　令和9年度予算案における本事業の予算額は3,120百万円（令和8年度予算額　2,600百万円）です。\n"
        "　　内訳：文部科学省計上分　1,900百万円／経済産業省計上分　1,220百万円\n"
        "　このうち、本公募による新規採択分として約800百万円を予定しています。\n"
    ).text
    rows = {b.stated_as: (b.status, b.fiscal_year, b.part_of is not None) for b in _one_passage(text, vocab, iris).budgets}
    assert rows["約800百万円"] == ("budget request", 2027, True)


SUMMED_SHEET = """令和10年度概算要求の概要
　　　　　　　　　　　　　　　　　　　　　　　　令和9年8月
湖沼・河川分野の研究開発の推進
　　　　　　　　　　　　　　　　　　　　　　　　環境省水環境研究課

（単位：千円）
事　　項　　　　　　　　　　　　令和9年度　　　令和10年度　　比較増△減額　　備考
　　　　　　　　　　　　　　　　予算額(A)　　　要求額(B)　　　(B)−(A)
１　湖沼観測網整備事業（LAKE-NET）2,100,000　　　2,600,000　　　500,000　　拡充
２　河川生態系予測プログラム（RIVER-EYE）800,000　　　　950,000　　　150,000
　　　合　　計　　　　　　　　　2,900,000　　　3,550,000　　　650,000
"""


def test_a_header_whose_columns_carry_letters_and_a_total_row_over_several_programs(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(SUMMED_SHEET, vocab, iris)
    by_amount = {b.stated_as: b for b in result.budgets}
    names = {iri: e.labels.get("ja") for iri, e in result.entities.items()}
    # 「予算額(A) 要求額(B) (B)−(A)」: the letters name the columns, the formula is a column of changes read past
    assert (by_amount["2,600,000"].status, by_amount["2,600,000"].fiscal_year) == ("budget request", 2028)
    assert (by_amount["2,100,000"].status, by_amount["2,100,000"].fiscal_year) == ("previous-year budget", 2027)
    assert names[by_amount["950,000"].subject] == "河川生態系予測プログラム"
    assert "500,000" not in by_amount
    # the total row sums several programs' rows: a total of each column's year, of what the title block says the
    # sheet's money is for (an activity, typed a budget item, not the sheet's program)
    for cell, year in (("2,900,000", 2027), ("3,550,000", 2028)):
        line = by_amount[cell]
        assert (line.status, line.fiscal_year) == ("total", year)
        assert line.subject is not None and names[line.subject] == "湖沼・河川分野の研究開発の推進"
        assert "BudgetItem" in result.entities[line.subject].extra_types


def test_rows_of_tracks_with_english_names_name_the_tracks_whose_awards_they_state(vocab: Vocabulary, iris: Iris) -> None:
    result = _extract(
        "３．支援の内容\n　本事業には次の二つの枠を設ける。\n"
        "北辺海洋共同研究枠（North Track）　　北辺研究機構　　１課題当たり最大４億円（５年間）　　12課題\n"
        "若手研究者派遣枠（Young Abroad Track）　南洋学術振興会　１人当たり年額500万円　　　　　　100人\n",
        vocab,
        iris,
    )
    names = {m.key: m.surface for m in result.mentions}
    assert {b.stated_as: names.get(b.subject or "") for b in result.budgets} == {
        "4億円": "北辺海洋共同研究枠",
        "500万円": "若手研究者派遣枠",
    }


def test_rows_of_a_calls_kinds_of_award_and_rates_are_award_sizes(vocab: Vocabulary, iris: Iris) -> None:
    """A row opening with a kind of award that states its term or count (「タイプA（共同研究枠）　1,600万円　定額　最長3年度
    6件程度」), an amount per year (「1,200万円/年」) and one 「一件につき」 are the size of one award; a budget table's
    row for a track with no term (「うち沿岸連携枠　320百万円」) keeps the sheet's status."""
    text = nfkc(
        "３．支援内容\n"
        "タイプA（共同研究枠）　1,600万円　　　定額　　最長3年度　　6件程度\n"
        "タイプB（若手交流枠）　　450万円　　　定額　　最長2年度　　9件程度\n"
        "Ｃ　海外連携枠（Coast-X Global）1,200万円/年\n"
        "　実証枠　　実証海域を利用して行う実証研究　　一件につき二千万円\n\n"
        "令和9年度概算要求額　沿岸観測推進事業　2,400百万円\n"
        "うち沿岸連携枠　　320百万円\n"
    ).text
    status = {b.stated_as: b.status for b in _one_passage(text, vocab, iris).budgets}
    assert status["1,600万円"] == status["450万円"] == status["1,200万円"] == status["二千万円"] == "per-award"
    assert status["320百万円"] != "per-award"


def test_a_bracketed_breakdown_of_the_bodies_portions_is_their_shares_of_the_sheets_request(
    vocab: Vocabulary, iris: Iris
) -> None:
    """「（うちJST分：5,100百万円、AMED分：980百万円）」 under the sheet's delivery chart: each body's share of the program's
    request, with its year and status."""
    text = nfkc(
        "令和9年度概算要求\n沿岸観測融合研究推進事業\n令和9年度要求・要望額　6,080百万円（前年度予算額　5,200百万円）\n\n"
        "【事業スキーム】\n　文部科学省 ─運営費交付金→ 国立研究開発法人科学技術振興機構（JST） ─委託→ 大学等\n"
        "　文部科学省 ─補助金→ 国立研究開発法人日本医療研究開発機構（AMED） ─委託→ 大学等\n"
        "　　（うちJST分：5,100百万円、AMED分：980百万円）\n"
    ).text
    result = _one_passage(text, vocab, iris)
    rows = {b.stated_as: b for b in result.budgets}
    for share in ("5,100百万円", "980百万円"):
        b = rows[share]
        assert (b.status, b.fiscal_year, b.recipient is not None) == ("budget request", 2027, True)
        assert result.entities[b.subject].labels["ja"] == "沿岸観測融合研究推進事業"
    # …and a bracket of portions right after an amount on its line divides that amount, whatever its status
    text = nfkc(
        "令和9年度予算案では沿岸観測関係予算として総額96億円を計上した。また、沿岸観測加速基金の創設のため、"
        "令和8年度補正予算で120億円を措置した（うちJST：90億円、AMED：30億円）。\n"
    ).text
    rows = {b.stated_as: b for b in _one_passage(text, vocab, iris).budgets}
    assert [(rows[s].status, rows[s].fiscal_year) for s in ("90億円", "30億円")] == [("supplementary budget", 2026)] * 2


def test_every_cell_of_a_table_captioned_per_project_is_one_awards(vocab: Vocabulary, iris: Iris) -> None:
    """「１．研究経費（1課題当たり・年度ごと）」 over a table of direct, indirect and whole costs by kind of award: each
    cell is the size of one award, not the direct cost alone; a table with no such caption keeps its status."""
    text = nfkc(
        "４．経費\n"
        "１．研究経費（1課題当たり・年度ごと）\n"
        "　区分　　　　　　　直接経費　　　間接経費　　　合計\n"
        "　共同研究型　　　　8,000千円　　2,400千円　　10,400千円\n"
        "　交流型　　　　　　2,000千円　　　600千円　　 2,600千円\n\n"
        "５．事業費\n"
        "　区分　　　　　　　直接経費　　　間接経費　　　合計\n"
        "　令和9年度予算額　90,000千円　　27,000千円　117,000千円\n"
    ).text
    status = {b.stated_as: b.status for b in _one_passage(text, vocab, iris).budgets}
    assert {status[a] for a in ("8,000千円", "2,400千円", "10,400千円", "2,000千円", "600千円")} == {"per-award"}
    assert status["90,000千円"] != "per-award"


def test_a_ministrys_program_named_before_its_request_said_after_the_amount(vocab: Vocabulary, iris: Iris) -> None:
    """「文部科学省の…事業として、令和9年度は総額12億円を要求。」: the program's request, named after 「…省の」."""
    text = nfkc("・文部科学省の沿岸観測基盤整備事業として、令和9年度は総額12億円を要求。\n").text
    result = _one_passage(text, vocab, iris)
    (line,) = [b for b in result.budgets if b.stated_as == "12億円"]
    assert (line.status, line.fiscal_year) == ("budget request", 2027)
    assert _subject_labels(result)[line.subject] == "沿岸観測基盤整備事業"


def test_the_program_a_document_defines_as_this_program_owns_the_money_said_of_it(vocab: Vocabulary, iris: Iris) -> None:
    """「…研究事業（…、以下「本事業」という。）」 then 「本事業の令和9年度予算案額：5億円」: the defined program's money,
    not that of the track the call's header names last."""
    text = nfkc(
        "令和9年度「潮風医療機器共同研究事業」公募要領\n"
        "　臨床実装トラック「SHIO-Med」／若手共創トラック「SHIO-Young」\n"
        "\n"
        "1.1　事業の目的\n"
        "　潮風医療機器共同研究事業（Shiokaze Medical Device Program：SMDP、以下「本事業」という。）は、医療機器の"
        "共同開発を推進する。\n"
        "1.2　事業の予算規模\n"
        "　本事業の令和9年度予算案額：5億円（前年度予算額：4億円）\n"
    ).text
    result = _one_passage(text, vocab, iris)
    subjects = _subject_by_amount(result)
    assert subjects["5億円"] == subjects["4億円"] == "潮風医療機器共同研究事業"


def test_a_statutes_defined_word_for_its_fund_names_the_fund_and_owns_what_is_paid_into_it(vocab: Vocabulary, iris: Iris) -> None:
    """「…の規定に基づき、潮見県沿岸研究振興基金（以下「基金」という。）を設置する。」 names a fund once; 「令和八年度に
    おいて基金に積み立てる額は、…八億円とする。」 further on is the fund's money that year, not the program named nearest."""
    text = nfkc(
        "第一条　沿岸研究の振興に資するため、地方自治法第二百四十一条の規定に基づき、潮見県沿岸研究振興基金（以下「基金」"
        "という。）を設置する。\n"
        "第五条　知事は、潮見沿岸研究助成事業を実施する。\n"
        "　　　附　則\n"
        "２　令和八年度において基金に積み立てる額は、第二条の規定にかかわらず、八億円とする。\n"
    ).text
    result = _one_passage(text, vocab, iris)
    assert "潮見県沿岸研究振興基金" in {m.surface for m in result.mentions if m.type == "Program"}
    assert _subject_by_amount(result)["八億円"] == "潮見県沿岸研究振興基金"
    (paid_in,) = [b for b in result.budgets if b.stated_as == "八億円"]
    assert (paid_in.status, paid_in.fiscal_year) == ("budget", 2026)  # that year's money paid in, not the fund's size


def test_an_awards_size_is_the_program_named_on_the_line_above_it(vocab: Vocabulary, iris: Iris) -> None:
    """「・若手研究者派遣プログラム「…」を新たに設ける。」 over 「支援額：1名当たり年間 9,000千円」: the size of that
    program's awards, not of the call's program."""
    text = nfkc(
        "令和9年度 潮見国際共同研究事業 公募要領\n"
        "\n"
        "2.1　共同研究タイプ\n"
        "　　研究期間：最長3年度\n"
        "\n"
        "・若手研究者派遣プログラム「SHIO Fellows」を新たに設ける。\n"
        "　　支援額：1名当たり年間 9,000千円（渡航費・滞在費を含む）\n"
    ).text
    subjects = _subject_by_amount(_one_passage(text, vocab, iris))
    assert subjects["9,000千円"] in ("若手研究者派遣プログラム", "SHIO Fellows")  # the program, by its name or nickname


def test_a_chart_of_how_the_money_flows_gives_each_body_its_share(vocab: Vocabulary, iris: Iris) -> None:
    """「国 ─（運営費交付金）→ 国立研究開発法人科学技術振興機構（JST）　2,100百万円 ─（委託）→ 大学等」 under the sheet's
    request: the body's share of that request, with its year and status."""
    text = nfkc(
        "潮見量子研究推進事業\n"
        "令和9年度要求・要望額　　30億円（前年度予算額　25億円）\n"
        "\n"
        "【事業スキーム】\n"
        "　国 ─（運営費交付金）→ 国立研究開発法人科学技術振興機構（JST）　2,100百万円 ─（委託）→ 大学・研究機関等\n"
        "　国 ─（運営費交付金）→ 国立研究開発法人理化学研究所（理研）　　　900百万円\n"
    ).text
    result = _one_passage(text, vocab, iris)
    lines = {b.stated_as: b for b in result.budgets}
    whole = lines["30億円"]
    for share in ("2,100百万円", "900百万円"):
        b = lines[share]
        assert (b.part_of, b.status, b.fiscal_year, b.subject) == (whole.iri, "budget request", 2027, whole.subject)
        assert b.recipient is not None and result.entities[b.recipient].labels["ja"] != "国"
