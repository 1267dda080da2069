"""Places written with their prefecture, cities abroad (CLDR), and the items of a budget sheet's breakdown,
run through the whole extraction pipeline on invented text, as a new document would be."""

from __future__ import annotations

from functools import lru_cache

from ingest.extract.budget_items import item_name
from ingest.extract.cities_abroad import cldr_cities
from ingest.pipeline import Processed, process
from ingest.records import Document
from ingest.vocab import Vocabulary, load_vocabulary
from kg.iris import Iris
from kg.settings import load_settings


@lru_cache(maxsize=1)
def _vocab() -> tuple[Vocabulary, Iris]:
    settings = load_settings()
    iris = Iris(settings.base_iri)
    return load_vocabulary(settings.ontology_dir, iris), iris


def _process(text: str) -> Processed:
    vocab, iris = _vocab()
    return process(Document(source="t.txt", media_type="text/plain", text=text, content_hash="0" * 64), vocab, iris)


def _names(p: Processed, *types: str) -> set[str]:
    return {m.surface for m in p.extraction.mentions if m.type in types}


def test_a_prefecture_written_before_a_curated_city_is_a_place_too() -> None:
    p = _process("説明会は愛知県名古屋市及び東京都千代田区の会場で行います。\n")
    assert {"愛知県", "東京都"} <= _names(p, "Prefecture")
    assert {"愛知県名古屋市", "東京都千代田区"} <= _names(p, "Municipality")


def test_a_city_inside_a_longer_city_name_is_not_that_city() -> None:
    p = _process("広島県・東広島市・地元企業による拠点を整備する。\n")
    cities = _names(p, "Municipality")
    assert "東広島市" in cities and "広島市" not in cities


def test_cities_abroad_come_with_their_english_name_and_country() -> None:
    p = _process("協定はナイロビにて署名され、次回会合はヘルシンキで開催される。会場はハノイ市内。\n")
    by_name = {m.surface: m.key for m in p.extraction.mentions if m.type == "City"}
    assert {"ナイロビ", "ヘルシンキ", "ハノイ市"} <= set(by_name)
    labels = {by_name[n]: p.extraction.entities[by_name[n]].labels.get("en") for n in ("ナイロビ", "ヘルシンキ")}
    assert set(labels.values()) == {"Nairobi", "Helsinki"}
    located = {f.subject: f.obj for f in p.extraction.facts if f.predicate.endswith("locatedIn")}
    assert located[by_name["ナイロビ"]].endswith("/country/KE")


def test_a_city_name_inside_an_agreement_or_a_katakana_word_is_no_city() -> None:
    p = _process("パリ協定の目標に沿って、リマスター版の資料を公開した。\n")
    assert _names(p, "City") == set()
    assert "ナイロビ" in cldr_cities() and "東京" not in {c for c, v in cldr_cities().items() if v.country != "JP"}


SHEET = """令和9年度概算要求
海洋観測基盤強化事業
令和9年度要求・要望額　　　2,000百万円
（前年度予算額　　　　　　　1,800百万円）

【事業内容】
１．観測ブイ網の高度化（新規）　　　　　　1,200百万円
　　支援件数：4件程度（1件あたり上限 300百万円）
２．データ共有基盤の構築（継続）　　　　　　800百万円
"""


def test_the_items_of_a_budget_sheet_are_programs_with_the_sheets_year_and_status() -> None:
    p = _process(SHEET)
    assert {"観測ブイ網の高度化", "データ共有基盤の構築"} <= _names(p, "Program")
    names = {iri: e.labels.get("ja") for iri, e in p.extraction.entities.items()}
    rows = {b.stated_as: (b.status, b.fiscal_year, names.get(b.subject or "")) for b in p.extraction.budgets}
    assert rows["1,200百万円"] == ("budget request", 2027, "観測ブイ網の高度化")
    assert rows["800百万円"] == ("budget request", 2027, "データ共有基盤の構築")
    # an award's size on a request sheet headed by its request is budgeted in the sheet's year
    assert rows["300百万円"][0:2] == ("per-award", 2027)


def test_lines_that_total_or_label_money_are_not_items() -> None:
    assert item_name("１．観測ブイ網の高度化（新規）　　1,200百万円") == (2, "観測ブイ網の高度化", None)
    assert item_name("（２）合計　　3,000百万円") is None
    assert item_name("・令和9年度予算額　　3,000百万円") is None
    assert item_name("・JST：3,000百万円") is None
    assert item_name("・総事業費（令和８～１２年度）　12,480,000千円（見込み）") is None  # a label and its years
    assert item_name("・１課題あたり年間 80,000千円程度　×　６課題") is None  # an award's rate


def test_an_items_name_stops_before_the_rows_next_cell() -> None:
    # a table of kinds of award: 区分 補助率 補助上限額 — the rate is the next cell, not part of the name
    assert item_name("(1)沿岸技術開発枠 2/3以内 3,000万円 3件程度") == (3, "沿岸技術開発枠", None)
    assert item_name("(2)沿岸実証枠 定額 1,000万円") == (3, "沿岸実証枠", None)
    # a table of themes: テーマ 実施予定先 実証地 額 — the body carrying the theme out is the next cell
    line = "2.沿岸蓄電池の遠隔協調制御(VPP)実証 北洋グリッド株式会社 ハノイ(ベトナム) 22億円"
    assert item_name(line) == (2, "沿岸蓄電池の遠隔協調制御(VPP)実証", None)
    assert item_name("3.沿岸電池の劣化評価 株式会社北洋リサイクル 16億円") == (2, "沿岸電池の劣化評価", None)


def test_two_items_of_equal_amounts_stay_two_budget_lines() -> None:
    text = (
        "令和9年度予算額（案）　5,000百万円\n（JST：30億円　AMED：20億円）\n\n"
        "（１）第一領域の研究（新規）　　3,000百万円\n（２）第二領域の研究（継続）　　2,000百万円\n"
    )
    p = _process("海洋観測基盤強化事業\n" + text)
    amounts = sorted(b.stated_as for b in p.extraction.budgets)
    assert amounts == sorted(["5,000百万円", "30億円", "20億円", "3,000百万円", "2,000百万円"])


CALL = """海洋観測国際共同研究プログラム
令和9年度 公募要領

1. 支援額
　1課題あたり総額3,000万円を上限とします。
※ 他の二国間交流事業で同一テーマの支援を受けている場合は応募できません。
2. 研究期間
　最長3年間（令和9年度〜令和11年度）
"""


def test_an_award_in_a_call_is_the_calls_program_and_year() -> None:
    p = _process(CALL)
    (award,) = [b for b in p.extraction.budgets if b.stated_as == "3,000万円"]
    names = {iri: e.labels.get("ja") for iri, e in p.extraction.entities.items()}
    assert (award.status, award.fiscal_year, names.get(award.subject or "")) == (
        "per-award",
        2027,
        "海洋観測国際共同研究プログラム",
    )


RULES = """（助成額）
第4条　研究活動費は、1年度あたり150万円を上限とする。
2　助成金の総額は、1人あたり900万円を超えないものとする。
3　申請者の年収は500万円以上であること。

別表（第4条関係）
地域
滞在費月額
北米
42万円
"""


def test_an_awards_cap_and_a_rate_table_are_per_award_and_a_requirement_is_no_budget() -> None:
    rows = {b.stated_as: b.status for b in _process(RULES).extraction.budgets}
    assert rows == {"150万円": "per-award", "900万円": "per-award", "42万円": "per-award"}


def test_a_lower_limit_column_is_no_budget_and_every_row_under_a_cap_column_is_an_award() -> None:
    """「補助下限額」 is the least an award may be, no money; each row's cell under 「補助上限額」 is that kind's award,
    a row's name holding a space in its brackets (…枠（COAST AI）) or a passage break falling inside the table."""
    filler = "本補助金は、沿岸地域の中小企業と大学等の共同研究開発を支援するものです。" * 6
    text = (
        f"令和9年度 沿岸ものづくり共同研究開発補助金 公募要領\n\n{filler}\n\n第3 補助対象事業の区分及び補助金額\n"
        "区分 補助率 補助上限額 補助下限額 事業期間\n"
        "沿岸一般枠 2/3以内 5,000千円 1,000千円 単年度\n"
        "沿岸AI実装枠(COAST AI) 2/3以内 10,000千円 2,000千円 最長2か年度\n"
        "沿岸GX転換枠 1/2以内 15,000千円 3,000千円 最長2か年度\n"
    )
    rows = {b.stated_as: b.status for b in _process(text).extraction.budgets}
    assert rows == {"5,000千円": "per-award", "10,000千円": "per-award", "15,000千円": "per-award"}


def test_provinces_abroad_are_places_and_a_ministry_abroad_is_not_japans() -> None:
    p = _process("沿岸部のトラヴィン省や北ソクチャン省など12省で被害が出た。カンボジア水資源省の担当者が出席した。\n")
    assert {"トラヴィン省", "北ソクチャン省"} <= _names(p, "Place")
    organisations = _names(p, "Agency", "Organization")
    assert "12省" not in organisations and "トラヴィン省" not in organisations
    assert "水資源省" not in {m.surface for m in p.extraction.mentions if m.type == "Agency"}  # not a Japanese one


def test_a_country_before_a_foreign_bodys_katakana_name_is_not_part_of_it() -> None:
    p = _process("東和大学と英国ケンブリッジ大学による共同研究拠点を設ける。\n")
    organisations = _names(p, "Organization", "University")
    assert "ケンブリッジ大学" in organisations and "英国ケンブリッジ大学" not in organisations
    assert "英国" in _names(p, "Country")


def test_minutes_titled_with_a_parent_body_make_it_an_organisation_the_committee_is_part_of() -> None:
    p = _process(
        "第3期海洋科学審議会 観測戦略委員会(第4回)議事要旨\n\n1.日時\n令和8年2月18日(水曜日)10時00分~12時00分\n"
        "2.場所\n文部科学省会議室\n"
    )
    organisations = _names(p, "Organization", "Council")
    assert {"海洋科学審議会", "観測戦略委員会"} <= organisations and "第3期海洋科学審議会" not in organisations
    labels = {m.surface: m.key for m in p.extraction.mentions}
    part_of = [f for f in p.extraction.facts if f.predicate.endswith("partOf")]
    assert any(f.subject == labels["観測戦略委員会"] and f.obj == labels["海洋科学審議会"] for f in part_of)


def test_a_katakana_province_a_countys_town_and_a_country_written_before_a_body_with_a_dot() -> None:
    p = _process(
        "研究センター（BIOTEC、パトゥムターニー県）と南宇和郡愛南町の拠点で行う。タイ・チュラーロンコーン大学と連携する。"
        "チュラーロンコーン大学の研究者が来日した。フィンランド・アカデミーと共同で公募する。\n"
    )
    assert "パトゥムターニー県" in _names(p, "Place") and "愛南町" in _names(p, "Municipality")
    organisations = _names(p, "Organization", "Agency")
    assert "チュラーロンコーン大学" in organisations and "タイ・チュラーロンコーン大学" not in organisations
    assert "フィンランド・アカデミー" in organisations  # written only with its country: the country is in its name


def test_a_quoted_agreements_ceremony_is_the_event_and_a_quoted_remark_is_no_name() -> None:
    p = _process(
        "本学は、「日タイ沿岸養殖連携協定」の協定締結式を執り行いました。学長は次のように述べた。\n"
        "「沿岸の研究の蓄積を、皆様とともに世界の課題解決に生かしてまいります。」\n"
    )
    events = [e for e in p.extraction.entities.values() if e.type == "Event"]
    assert [e.labels["ja"] for e in events] == ["日タイ沿岸養殖連携協定締結式"]
    assert events[0].labels["en"].endswith("signing ceremony")
    assert not any("まいります" in m.surface for m in p.extraction.mentions)


def test_a_quoted_name_holds_a_curated_tail_and_a_table_written_one_cell_per_line_gives_its_titles() -> None:
    p = _process(
        "文部科学省は「アフリカ・海洋共創研究拠点形成事業」(AFRI-SEA)を実施している。\n"
        "JSTは「国際科学技術共同研究推進事業戦略的国際共同研究プログラム」(以下「SICORP」という。)において公募する。\n\n"
        "番号\n課題名\n研究代表者\n1\n海藻由来バイオ樹脂の連続生産技術の開発\n北村 千尋(九州大学 教授)\n"
        "2\n沿岸堆積物の微生物による重金属回収\n佐伯 直樹(東北大学 准教授)\n\n"
    )
    programs = _names(p, "Program", "ResearchProject")
    assert "アフリカ・海洋共創研究拠点形成事業" in programs and "研究拠点形成事業" not in programs
    assert {"国際科学技術共同研究推進事業", "戦略的国際共同研究プログラム"} <= programs  # two names quoted as one
    assert "国際科学技術共同研究推進事業戦略的国際共同研究プログラム" not in programs
    assert {"海藻由来バイオ樹脂の連続生産技術の開発", "沿岸堆積物の微生物による重金属回収"} <= programs


def test_seas_gulfs_islands_peninsulas_and_deltas_are_regions_but_not_common_words_or_family_names() -> None:
    p = _process(
        "タイ湾沿岸地域とアンダマン海、メコンデルタ及びメコン川流域、ルソン島、紀伊半島沖で観測する。\n"
        "アジア海洋研究と火山観測のデータ流域を整備する。沖縄本島の離島。\n利根川 進\t1987年\tノーベル賞受賞\n"
    )
    regions = _names(p, "Region")
    assert {"タイ湾", "アンダマン海", "メコンデルタ", "メコン川流域", "ルソン島", "紀伊半島"} <= regions
    assert not regions & {"アジア海", "データ流域", "沖縄本島", "利根川", "火山"}
    assert "タイ" not in _names(p, "Country")  # the gulf is not the country


def test_allowances_in_a_table_a_rows_number_a_hiragana_name_and_a_menus_kinds_of_event() -> None:
    p = _process(
        "区分 支給額等 備考\n滞在費(長期) 月額380,000円 月単位で支給\n渡航費 往復航空券 現物支給\n\n"
        "事項 前年度予算額 令和8年度要求額\n①アジア沿岸共同研究型 100 120\n②アフリカ畑作共創型 80 90\n\n"
        "ホーム ＞ イベント・セミナー\n宮城県は「みやぎ・沿岸共同研究推進事業」(MIRAI-Coast)を実施しています。\n"
    )
    programs = _names(p, "Program")
    assert not programs & {"滞在費(長期)", "渡航費"}  # what an award pays for, not programs
    assert {"アジア沿岸共同研究型", "アフリカ畑作共創型"} <= programs and "①アジア沿岸共同研究型" not in programs
    assert "みやぎ・沿岸共同研究推進事業" in programs and "ぎ・沿岸共同研究推進事業" not in programs
    assert "イベント・セミナー" not in _names(p, "Event")


def test_a_city_of_geonames_written_after_its_own_country_and_a_name_spelt_without_vu_are_cities() -> None:
    """Sudachi does not know トロンハイム as a place; written after ノルウェー・ it is Norway's city GeoNames lists.
    After another country the same name is nothing; ジュネーブ is GeoNames' ジュネーヴ."""
    p = _process("令和8年6月、ノルウェー・トロンハイムにおいて会合を開いた。5月にジュネーブで開催される総会に出席する。\n")
    assert {"トロンハイム", "ジュネーブ"} <= _names(p, "City")
    assert "トロンハイム" not in _names(_process("令和8年6月、ケニア・トロンハイムにおいて会合を開いた。\n"), "City")
    # …and after its country's の, or with its country in brackets after it
    p = _process("実証地はチリ共和国のアントファガスタ。\n株式会社北洋　アントファガスタ（チリ）　29億円\n")
    assert [m.surface for m in p.extraction.mentions if m.type == "City"] == ["アントファガスタ", "アントファガスタ"]
    assert "トロンハイム" not in _names(_process("ケニアのトロンハイムにおいて会合を開いた。\n"), "City")


def test_a_katakana_name_after_a_country_and_a_dot_in_brackets_is_a_city_there() -> None:
    p = _process("海外拠点 国際稲研究所(フィリピン・ロスバニョス)で評価する。会合(イタリア・ボローニャ)に出席した。\n")
    assert {"ロスバニョス", "ボローニャ"} <= _names(p, "City")
    located = {
        (f.subject.rsplit("/", 1)[-1], f.obj.rsplit("/", 1)[-1]) for f in p.extraction.facts if f.predicate.endswith("locatedIn")
    }
    assert any(obj == "PH" or obj.lower() == "ph" for _, obj in located), located


def test_policy_regions_named_after_oceans_are_regions_of_their_own() -> None:
    p = _process("太平洋島嶼国及びインド太平洋地域の若手研究者を招へいする。中央アジア諸国とメコン地域の大学とも連携する。\n")
    assert {"太平洋島嶼国", "インド太平洋地域", "中央アジア諸国", "メコン地域"} <= _names(p, "Region")
    assert "島嶼国" not in _names(p, "Region")  # the whole name, not the small island states inside it


def test_larger_cities_abroad_from_geonames_when_sudachi_also_reads_a_place() -> None:
    p = _process("共同オフィスをボストン（米国）及びミュンヘンに置き、プネーの研究所と連携する。サンバの公演も開く。\n")
    cities = {m.surface: m.key for m in p.extraction.mentions if m.type == "City"}
    assert {"ボストン", "ミュンヘン", "プネー"} <= set(cities)
    assert "サンバ" not in cities  # a city in Angola, but also a common word: no second piece of evidence
    located = {(f.subject, str(f.obj)) for f in p.extraction.facts if f.predicate.endswith("locatedIn")}
    assert any(s == cities["プネー"] and o.endswith("/IN") for s, o in located)


def test_an_item_naming_a_thing_then_what_the_money_does_with_it_names_the_thing() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    # a quoted or bracketed name, then 「の整備」: the item is the named thing; an activity alone stays the item
    assert item_name("１．潮流観測網「ひかりしお」の構築　　1,500百万円")[1] == "潮流観測網「ひかりしお」"
    assert item_name("②沿岸気象データ基盤（CWDB）の整備　　900百万円")[1] == "沿岸気象データ基盤"
    assert item_name("３．沿岸気象データ共有基盤の整備　　700百万円")[1] == "沿岸気象データ共有基盤の整備"
    text = nfkc(
        "（単位：千円）\n"
        "　事項　　　　　　　　　　　　　　　　　令和8年度予算額　令和9年度要求額\n"
        "（1）潮流観測ブイ網「TideNet」の整備　　　1,200,000　　　1,450,000\n"
        "（2）沿岸防災情報システムの運用　　　　　　300,000　　　　320,000\n"
    ).text
    found = {surface for _, _, surface, _, _ in column_names(text)}
    assert "潮流観測ブイ網「TideNet」" in found and "沿岸防災情報システムの運用" in found
    assert not any(name.endswith("の整備") for name in found)


def test_a_history_of_years_with_the_requests_kind_in_brackets_and_rows_of_where_the_money_comes_from() -> None:
    p = _process(
        "潮風サイエンス・ハブ推進事業（SSH）\n"
        "\n"
        "■ 事業費\n"
        "　年度別事業費　　　　　　　　　　　　　　　　（単位：千円）\n"
        "　区分　　　　　　　令和5年度　　令和6年度　　令和7年度（要求）\n"
        "　文部科学省補助金　　310,000　　　325,000　　　340,000\n"
        "　潮風県負担金　　　　 50,000　　　 50,000　　　 60,000\n"
    )
    names = {iri: e.labels.get("ja") for iri, e in p.extraction.entities.items()}
    rows = {(b.stated_as, b.fiscal_year): (b.status, names.get(b.subject or "")) for b in p.extraction.budgets}
    # each year of a history is that year's own figure; the bracketed kind marks the request
    assert rows[("310,000", 2023)] == ("budget", "潮風サイエンス・ハブ推進事業")
    assert rows[("325,000", 2024)] == ("budget", "潮風サイエンス・ハブ推進事業")
    assert rows[("340,000", 2025)] == ("budget request", "潮風サイエンス・ハブ推進事業")
    # a local government's share is the program's money too, not a program of its own
    assert rows[("60,000", 2025)] == ("budget request", "潮風サイエンス・ハブ推進事業")
    assert "文部科学省補助金" not in _names(p, "Program")


def test_a_two_line_header_whose_last_column_of_ratios_has_no_kind_under_it() -> None:
    p = _process(
        "令和９年度 概算要求の概要\n"
        "　　　　　　　　　　　　　　　　　　　　　　（単位：千円）\n"
        "区　　分　　　　　　　　　　　前年度　　　　令和９年度　　　対前年度比\n"
        "　　　　　　　　　　　　　　　予算額　　　　要求・要望額\n"
        "１．潮流エネルギー実証推進事業　2,100,000　　2,600,000　　　123.8％\n"
    )
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in p.extraction.budgets}
    assert rows["2,100,000"] == ("previous-year budget", 2026)
    assert rows["2,600,000"] == ("budget request", 2027)
    # …and one whose changes column has its kind under it too
    p = _process(
        "（単位：千円）\n"
        "区　　分　　　　　　　　　　　令和９年度　　　令和１０年度　　　比　較\n"
        "　　　　　　　　　　　　　　　予算額　　　　　要求・要望額　　　増△減額\n"
        "潮流エネルギー実証推進事業　　3,100,000　　　3,500,000　　　400,000\n"
    )
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in p.extraction.budgets}
    assert rows["3,500,000"] == ("budget request", 2028) and "400,000" not in rows


def test_laws_the_programs_cite_are_known_by_their_whole_title_and_short_name() -> None:
    # a title with commas in it, which no name pattern reads whole, and a short name
    p = _process(
        "本事業の成果は、医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律（薬機法）に基づく承認を目指す。\n"
    )
    laws = {m.surface: m.key for m in p.extraction.mentions if m.type == "Law"}
    full = "医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律"
    assert full in laws and laws.get("薬機法") == laws[full]
    assert p.extraction.entities[laws[full]].labels["en"].startswith("Act on Securing Quality")
    # an order made under a known law keeps its whole name
    p = _process("補助金等に係る予算の執行の適正化に関する法律施行令（昭和30年政令第255号）を適用する。\n")
    assert {m.surface for m in p.extraction.mentions if m.type == "Law"} == {"補助金等に係る予算の執行の適正化に関する法律施行令"}


def test_a_city_of_geonames_a_few_words_after_its_country_in_the_same_clause_is_a_city_there() -> None:
    p = _process("ノルウェー北部のトロムソを拠点とする観測を行う。\n渡航先 オランダ　アイントホーフェン　3名\n")
    assert {"トロムソ", "アイントホーフェン"} <= _names(p, "City")
    # not across a comma or a full stop, and not after another country
    p = _process("ノルウェーと協力する。トロムソを拠点とする。\nケニア北部のトロムソで会合を開いた。\nノルウェー、トロムソ\n")
    assert "トロムソ" not in _names(p, "City")
    # a port named after the city is no city
    assert "トロムソ" not in _names(_process("ノルウェー北部のトロムソ港を結ぶ航路を設定する。\n"), "City")


def test_islands_written_half_in_kana_are_not_cut_at_the_island() -> None:
    from ingest.extract.geographic_features import find_features

    # 「太平洋島しょ国」 is 太平洋島嶼国 (the gazetteer's), not the island 「太平洋島」 and a word after it
    assert find_features("フィジーその他の太平洋島しょ国の研究機関") == []
    assert [name for _, _, name in find_features("ルソン島の研究機関")] == ["ルソン島"]


def test_a_foreign_name_whose_parts_a_double_hyphen_joins_is_one_name() -> None:
    # ＝ (= after NFKC) joins the parts of a foreign name in katakana: the state and the centre are whole
    p = _process("ドイツ南西部のバーデン＝ヴュルテンベルク州の中核機関：ライン＝ネッカー希少疾患センター（ハイデルベルク）\n")
    assert "バーデン=ヴュルテンベルク州" in _names(p, "Place")
    assert "ライン=ネッカー希少疾患センター" in _names(p, "Organization")


def test_the_americas_and_the_global_south_are_regions() -> None:
    p = _process("米州やグローバル・サウスの国々と連携する。\n")
    regions = [m.surface for m in p.extraction.mentions if m.type == "Region"]
    assert sorted(regions) == sorted(["米州", "グローバル・サウス"])
