"""Document metadata from layout: genre, title, issue date and where it came from (ingest/metadata.py,
ingest/genre.py), on invented documents in the genres' usual layouts."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.genre import classify
from ingest.metadata import find_issued, find_title

PRESS = """報道発表
発表日:2021.05.20
国立研究開発法人 科学技術振興機構

新たな国際共同研究プログラム「ABC-LINK」を開始
〜アジアの若手研究者をつなぐ〜

本プログラムは平成27年度より実施してきた事業を発展させたものである。
科学技術・イノベーション基本法（平成七年法律第百三十号）に基づき推進する。

【問い合わせ先】
科学技術振興機構 国際部
"""

MINUTES = """第7回 先端研究推進委員会 議事要旨

1．日時：令和6年10月3日（木）14:00～16:00
2．場所：文部科学省 3F1特別会議室
3．出席者：
委員長 青木 誠
4．議題
（1）国際頭脳循環について
（2）その他
"""

BUDGET = """令和8年度概算要求のポイント
文部科学省 研究振興局

国際共同研究加速事業
令和8年度要求・要望額 30億円
（前年度予算額 25億円）
"""

ORDINANCE = """○○研究開発法施行規則
（令和五年文部科学省令第十二号）
（趣旨）
第一条 この省令は、○○研究開発法の施行に関し必要な事項を定めるものとする。
第二条 法第三条第一項の文部科学省令で定める基準は、次のとおりとする。
附 則
この省令は、公布の日から施行する。
"""

WEB = """ホーム > 事業紹介 > 国際交流
国際青年交流プログラム
このプログラムは、海外の青年を日本に招へいする事業です。
ページの先頭へ
Copyright © Example Agency. All Rights Reserved.
"""


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (PRESS, "press-release"),
        (MINUTES, "meeting-minutes"),
        (BUDGET, "budget-request"),
        (ORDINANCE, "statute"),
        (WEB, "web-page"),
    ],
)
def test_genre_is_read_from_the_layout(text: str, genre: str) -> None:
    assert classify(text)[0] == genre


def test_the_title_is_the_title_line_not_its_subtitle_nor_the_header() -> None:
    assert (
        find_title(PRESS, ["国立研究開発法人 科学技術振興機構", "科学技術振興機構"])
        == "新たな国際共同研究プログラム「ABC-LINK」を開始"
    )


def test_minutes_are_titled_by_their_meeting_not_their_first_agenda_item() -> None:
    assert find_title(MINUTES).replace(" ", "") == "第7回先端研究推進委員会議事要旨"


def test_a_labelled_date_line_wins_over_a_cited_law_and_a_reported_year() -> None:
    issued, inferred, source = find_issued(PRESS, "press-release")
    assert issued is not None and issued.iso == "2021-05-20" and not inferred
    assert source == "labelled date line"


def test_a_meeting_is_dated_by_its_date_line() -> None:
    issued, inferred, _ = find_issued(MINUTES, "meeting-minutes")
    assert issued is not None and issued.iso == "2024-10-03" and not inferred


def test_a_budget_request_without_a_date_is_inferred_from_the_year_it_requests() -> None:
    issued, inferred, source = find_issued(BUDGET, "budget-request")
    assert issued is not None and issued.iso == "2025" and inferred  # the request for FY2026 is made in 2025
    assert "令和8年度" in source


def test_a_law_number_is_never_the_issue_date() -> None:
    issued, inferred, _ = find_issued(
        "国際研究の推進について\n\n科学技術・イノベーション基本法（平成七年法律第百三十号）による。"
    )
    assert issued is None or issued.year != 1995


def test_numbered_labels_make_minutes_and_a_chapter_heading_makes_a_white_paper() -> None:
    minutes = "海洋委員会 観測検討会（第4回）\n議事要旨\n\n１．日時　令和7年11月20日\n２．場所　文部科学省\n３．出席者\n委員\n"
    minutes += "令和8年度概算要求及び予算案について、要求・要望額の説明があった。\n"
    assert classify(minutes)[0] == "meeting-minutes"
    paper = "第2部　科学技術政策の展開\n　第3章　研究開発の推進\n\n第\n4\n節\n\n第4節　海洋分野の研究開発\n"
    paper += "政府は令和7年度予算額として120億円を計上し、補正予算でも措置した。\n"
    assert classify(paper)[0] == "white-paper"


def test_a_budget_sheet_is_titled_by_its_program_not_its_english_rendering() -> None:
    text = "令和8年度予算（案）主要事項\n研究開発局防災研究課\n\n海洋防災研究プロジェクト\n（Ocean Disaster Research Project）\n"
    text += "令和8年度予算額（案）　2,780百万円\n"
    assert find_title(text, [], "budget-request") == "海洋防災研究プロジェクト"


def test_titles_keep_a_draft_mark_inside_join_a_wrapped_line_and_the_bodies_above_minutes() -> None:
    sheet = "令和7年8月\n令和9年度予算（案）の主要事項\n～海洋観測の高度化～\n\n【基本的な考え方】\n海洋観測を進める。\n"
    assert find_title(sheet, [], "budget-request") == "令和9年度予算（案）の主要事項"
    press = "2026年2月18日\n\n北洋国向け円借款貸付契約の調印:沿岸観測網の整備で\n防災力を強化\n\n本日、署名した。\n"
    assert find_title(press) == "北洋国向け円借款貸付契約の調印:沿岸観測網の整備で防災力を強化"
    minutes = "海洋開発審議会 沿岸分科会\n沿岸観測部会(第6回)議事録\n\n1.日時 令和8年2月9日\n"
    assert find_title(minutes) == "海洋開発審議会 沿岸分科会 沿岸観測部会(第6回)議事録"
    sheet = "沿岸観測高度化プログラム\n(Coastal Observation Program:COP) 【新規】\n\n令和9年度要求・要望額 48億円\n"
    assert find_title(sheet, [], "budget-request") == "沿岸観測高度化プログラム"


def test_a_web_pages_title_under_its_breadcrumb_is_joined_when_wrapped() -> None:
    page = "ホーム > ニュース > プレスリリース\n\n2026年2月18日\n\n沿岸観測網の整備で\n防災力を強化\n\n本日、署名した。\n"
    assert find_title(page) == "沿岸観測網の整備で防災力を強化"


def test_a_pages_menu_row_and_a_table_of_contents_entry_are_not_titles() -> None:
    page = (
        "ホーム > 事業紹介 > 国際共同研究\nEnglish | 文字サイズ 標準 拡大\n"
        "機構について　事業紹介　公募情報　成果・評価　ニュース\n\n"
        "沿岸防災国際共同研究事業（COAST-J）\n\n■ 事業概要\n本事業は沿岸防災の共同研究を支援する。\n"
    )
    assert find_title(page) == "沿岸防災国際共同研究事業（COAST-J）"
    call = (
        "令和7年11月14日\n沿岸防災研究機構\n\n令和8年度\n沿岸防災国際共同研究プログラム公募要領\n\n目次\n"
        "第1章 はじめに ……………………………… 1\n第2章 公募の概要 ……………………………… 2\n\n第1章 はじめに\n本機構は公募を行います。\n"
    )
    assert find_title(call) == "沿岸防災国際共同研究プログラム公募要領"


def test_a_white_paper_is_dated_by_the_month_beside_its_edition_else_by_its_edition_year() -> None:
    body = "第1章 海洋観測の推進\n海洋観測を推進している。\n"
    issued, _, _ = find_issued("令和9年版 海洋白書(令和9年6月 海洋庁)\n\n" + body, "white-paper")
    assert issued is not None and issued.iso == "2027-06"
    issued, _, source = find_issued("令和9年版 海洋白書\n\n" + body, "white-paper")
    assert issued is not None and issued.iso == "2027" and source == "edition year"
    issued, _, source = find_issued("海洋青書2027\n\n" + body, "white-paper")  # the year after the book's name
    assert issued is not None and issued.iso == "2027" and source == "edition year"


def test_a_budget_sheet_title_skips_an_english_name_line_with_its_labels() -> None:
    text = "令和8年度概算要求の概要(PR資料)\n令和7年8月28日\n海洋庁\n\n沿岸共創型研究開発推進事業\n"
    text += "(英文名:Coastal Co-Creation R&D Initiative/略称:CORE-C)\n\n令和8年度概算要求額 85.0億円(52.0億円)\n"
    assert find_title(text, [], "budget-request") == "沿岸共創型研究開発推進事業"


def test_a_budget_sheets_title_is_its_heading_not_the_subtitle_under_it() -> None:
    text = (
        "令和9年度予算(案)主要事項\n(研究振興局)\n\n湖沼・湿地研究の総合的推進\n〜水辺の生態系を未来へつなぐ〜\n\n"
        "令和9年度予算額(案) 5,400百万円\n(前年度予算額 4,900百万円)\n\n文部科学省 研究振興局\n"
    )
    assert find_title(text, ["文部科学省"], genre="budget-request") == "湖沼・湿地研究の総合的推進"


def test_a_call_whose_title_line_ends_in_its_genre_word_is_a_guideline_though_it_cites_a_budget() -> None:
    text = (
        "令和9年度「北洋感染症研究推進事業」国際共同研究トラック第2回公募 公募要領\n― North Sea Health Call 2027 ―\n\n"
        "令和9年1月\n北洋研究開発機構\n\n※本公募は、令和9年度政府予算案に基づき実施するものです。\n\n"
        "第1章 事業の概要\n本事業は、感染症研究を推進する。令和8年度予算額は10億円である。\n第2章 応募資格\n"
    )
    assert classify(text)[0] == "guideline"


def test_minutes_whose_body_talks_of_budget_requests_are_minutes() -> None:
    header = "内閣府\n北洋科学戦略専門調査会(第3回)議事要旨\n1.日時:2026年5月12日 10:00~12:00\n2.場所:中央合同庁舎\n"
    attendees = "".join(f"委員 北山 {n} 北洋大学 教授\n" for n in "一二三四五六七八")
    body = "令和9年度概算要求について説明があった。令和9年度要求・要望額 30億円、前年度予算額 25億円。事業概要の説明。\n" * 3
    assert classify(header + attendees + body)[0] == "meeting-minutes"


def test_a_budget_sheet_is_titled_by_its_program_not_the_english_name_under_it() -> None:
    text = (
        "令和9年度概算要求 事業説明資料\n(研究振興局)\n\n北洋素材データ研究加速事業(NMD)\n"
        "Northern Materials Data Accelerator Program\n\n 令和9年度要求・要望額 5,860百万円\n"
    )
    assert find_title(text, [], "budget-request") == "北洋素材データ研究加速事業(NMD)"


def test_a_news_releases_title_is_not_its_label_nor_a_sentence_of_its_body() -> None:
    release = (
        "2026年3月2日\n国立研究開発法人新エネルギー・産業技術総合開発機構\n\nニュースリリース\n\n"
        "日本・ケニアの2か国で地熱発電の遠隔監視実証に着手\n―「GEO-LINK」第1期の実施予定先として3件を採択―\n\n"
        "　NEDOは、「再エネ技術海外実証基金事業」の一環として実施する\n"
        "「地熱遠隔監視国際実証プログラム（GEO-LINK）」の公募において、実施予定先として3件を採択しました。\n"
    )
    title = find_title(release, ["国立研究開発法人新エネルギー・産業技術総合開発機構"], "press-release")
    assert title == "日本・ケニアの2か国で地熱発電の遠隔監視実証に着手"


def test_a_calls_cover_stacked_over_its_document_word_is_one_title_and_a_numbered_section_is_none() -> None:
    cover = (
        "令和9年度\n海洋保健研究開発推進事業\n国際共同臨床研究加速プログラム（MARICAP）\n公募要領\n\n"
        "令和8年12月1日\n国立研究開発法人日本医療研究開発機構\n\n目　次\n第1章　はじめに\n"
    )
    assert find_title(cover, ["国立研究開発法人日本医療研究開発機構"], "guideline") == (
        "令和9年度 海洋保健研究開発推進事業 国際共同臨床研究加速プログラム（MARICAP） 公募要領"
    )
    chapter = (
        "第２部　科学技術・イノベーション政策の展開\n第３章　沿岸地域における科学技術の推進\n\n第１節　沿岸の研究拠点\n\n"
        "　沿岸の大学や企業が持つ技術を結集する。\n\n１　沿岸イノベーション拠点形成プログラム（CORE）\n"
    )
    title = unicodedata.normalize("NFKC", find_title(chapter, [], "white-paper")).replace(" ", "")
    assert title == "第3章沿岸地域における科学技術の推進"  # 「１　…プログラム」 is a section's heading


def test_a_gazettes_ordinance_is_titled_by_its_promulgation_formula_not_the_masthead() -> None:
    gazette = (
        "北陸県公報　号外第十九号　　　　　　　　令和九年三月十日（水曜日）\n　　　　条　　　例\n"
        "北陸県沿岸観測技術振興条例をここに公布する。\n　　令和九年三月十日\n　　　　　　　　　　北陸県知事　森川　正人\n"
        "北陸県条例第八号\n　　　北陸県沿岸観測技術振興条例\n　　　第一章　総則\n（目的）\n"
        "第一条　この条例は、沿岸観測技術の振興に関し、基本理念を定めることを目的とする。\n"
    )
    assert classify(gazette)[0] == "statute"  # though 第一章 heads it like a white paper's chapter
    assert find_title(gazette, [], "statute") == "北陸県沿岸観測技術振興条例"
    ordinance = (
        "官\n報\n令和９年３月２日　火曜日　　　　　　　号外第４１号\n\n省　令\n\n○文部科学省令第九号\n"
        "　沿岸観測推進法（令和八年法律第十二号）第五条第一項の規定に基づき、沿岸観測推進法施行規則を次のように定める。\n"
        "　　令和九年三月二日\n　　　　　　　　文部科学大臣　山田 一郎\n　　　沿岸観測推進法施行規則\n"
    )
    assert find_title(ordinance, [], "statute") == "沿岸観測推進法施行規則"


def test_a_calls_title_line_ending_in_its_document_word_is_the_title_not_the_parent_program_above() -> None:
    call = (
        "沿岸保健国際共創研究事業\n令和10年度「沿岸AI日豪共同研究プログラム（CORAL-J）」公募要領\n\n令和9年12月\n"
        "国立研究開発法人日本医療研究開発機構\n\n目　次\n第1章　はじめに\n"
    )
    assert find_title(call, ["国立研究開発法人日本医療研究開発機構"], "guideline") == (
        "令和10年度「沿岸AI日豪共同研究プログラム（CORAL-J）」公募要領"
    )
    # a year and the word alone names nothing: the program above it is the title
    assert find_title("沿岸保健国際共創研究事業\n令和10年度 公募要領\n\n令和9年12月\n", [], "guideline") == (
        "沿岸保健国際共創研究事業"
    )


def test_a_budget_sheet_headed_by_its_label_is_titled_by_what_it_is_for() -> None:
    # the label says what kind of paper it is; the line under the label's block names the program
    sheet = "資料３\n令和9年8月\n令和10年度予算概算要求　事業説明資料\n\n沿岸観測データ共創事業\n"
    sheet += "（Coastal Data Co-creation Program：CDCP）\n\n文部科学省研究開発局\n\n【要求の概要】\n"
    sheet += "令和10年度要求・要望額　48億円\n"
    assert find_title(sheet, ["文部科学省"], "budget-request") == "沿岸観測データ共創事業"
    topic = "令和10年度　概算要求のポイント\n沿岸・極域分野の研究開発の推進\n\n令和9年8月\n文部科学省\n\n"
    topic += "令和10年度要求・要望額　423億円\n"
    assert find_title(topic, ["文部科学省"], "budget-request") == "沿岸・極域分野の研究開発の推進"
    # a sheet summing several programs keeps its label: sections follow it, or the office that issued it
    summary = "令和10年度　沿岸研究関係　概算要求の概要\n令和9年8月\n研究開発局 参事官(沿岸担当)付\n\n"
    summary += "I.主要事項一覧\n１．沿岸観測データ共創事業　4,800百万円\n"
    assert find_title(summary, ["文部科学省"], "budget-request") == "令和10年度　沿岸研究関係　概算要求の概要"


def test_a_line_drawn_with_box_rules_is_no_title() -> None:
    sheet = (
        "令和９年度予算（案）主要事項　　　資料２－３\n令和８年１２月２６日\n文部科学省　研究振興局\n"
        "────────────────────\n北洋創薬研究基盤プログラム（NORTH-Drug）\nNorth Sea Drug Discovery Platform Program\n"
        "────────────────────\n　令和9年度予算額（案）　　　94億円\n"
    )
    assert find_title(sheet, genre="budget-request") == "北洋創薬研究基盤プログラム（NORTH-Drug）"


def test_a_numbered_release_and_one_with_points_for_the_press_are_press_releases() -> None:
    numbered = (
        "北洋科学技術機構報　第1024号\n令和9年2月12日\n\n北洋科学技術機構\n\n「NORFIELD」令和9年度新規研究課題の決定について\n"
        "　本プログラムの令和9年度要求額は4億円、前年度予算額は3億円、うち補正予算額は1億円である。事業概要は以下。\n"
    )
    points = (
        "2027年3月18日\n北洋量子機構\n北洋大学\n\n小型量子センサで心臓の磁場を可視化\n\n【発表のポイント】\n"
        "●手のひらサイズの量子センサを開発しました。\n"
    )
    assert classify(numbered)[0] == "press-release"
    assert classify(points)[0] == "press-release"


def test_a_lead_sentence_whose_subject_has_an_aside_in_brackets_is_no_title() -> None:
    release = (
        "ニュースリリース\n2027年11月18日\n国立研究開発法人北洋エネルギー技術機構\n\n"
        "日本・ノルウェー共同で寒冷地向け水素サプライチェーンの実証に着手\n\n"
        # (the lead as unwrapping leaves it: its first lines joined)
        "　国立研究開発法人北洋エネルギー技術機構（NEXT、理事長：石川 和久）は、"
        "「国際エネルギー実証事業」の一環として実施している\n"
        "「北洋水素実証プログラム（North Hydrogen Exchange、NH-EX）」の第2期実証テーマとして、寒冷地の実証を採択しました。\n"
    )
    orgs = ["国立研究開発法人北洋エネルギー技術機構", "北洋エネルギー技術機構"]
    assert find_title(release, orgs, genre="press-release") == "日本・ノルウェー共同で寒冷地向け水素サプライチェーンの実証に着手"


def test_a_pages_update_date_after_its_page_number_dates_it() -> None:
    """「ページ番号：024817　　更新日：2025年12月3日」 under the page's heading: the page's own date, not the latest date
    its text states."""
    page = (
        "北洋宇宙イノベーション創出事業について\n\nページ番号:024817 更新日:2025年12月3日\n\n"
        "　令和8年4月から第2期の公募を開始します。\n"
    )
    issued, inferred, source = find_issued(page, "web-page")
    assert (issued.iso if issued else None, inferred, source) == ("2025-12-03", False, "labelled date line")


def test_a_budget_sheets_title_is_its_program_not_the_aside_in_brackets_under_it() -> None:
    sheet = (
        "令和8年度予算(案) 主要事項説明資料\n令和7年12月26日\n文部科学省研究開発局\n\n"
        "北洋火山防災研究推進事業\n(火山調査研究推進本部の調査観測計画関連)\n\n令和8年度予算額(案) 2,480百万円\n"
    )
    assert find_title(sheet, ["文部科学省"], genre="budget-request") == "北洋火山防災研究推進事業"


def test_a_wrapped_sentence_opening_with_a_connective_is_no_title() -> None:
    """「このうち、令和7年10月にリガで開催した」: a sentence of the body broken at the line's end, dated and naming a
    meeting, is no title; the chapter heading above it is."""
    chapter = (
        "第３部　研究基盤の強化\n\n第５章　研究者の国際循環と海外拠点の整備\n\n"
        "　政府は、研究者の国際循環を促すため、各種の施策を講じている。\n"
        "　このうち、令和7年10月にリガで開催した\n第3回日・ラトビア科学技術協力合同委員会では、人材交流の拡大で一致した。\n"
    )
    assert find_title(chapter, [], genre="white-paper") == "第５章　研究者の国際循環と海外拠点の整備"


def test_a_news_release_reporting_a_signing_with_its_time_and_place_is_a_press_release_of_its_own_date() -> None:
    """「ニュースリリース」 over its date: a release, dated by its header, though its body lays out the signing's 日時
    and 場所 as minutes do."""
    release = (
        "ニュースリリース\n　　　　　　　　2027年5月20日\n　　　　　　　　独立行政法人北洋協力機構\n\n"
        "ラトビア向け技術協力「バルト海沿岸防災人材育成プロジェクト」の討議議事録に署名\n\n"
        "　独立行政法人北洋協力機構は、5月14日、リガにおいて討議議事録に署名しました。\n\n【署名式の概要】\n"
        "日　時：2027年5月14日（金）10時～11時（現地時間）\n場　所：ラトビア教育科学省（リガ）\n"
        "署名者：日本側　北洋協力機構ラトビア事務所 所長　堀 祐介\n"
    )
    assert classify(release)[0] == "press-release"
    assert find_issued(release, "press-release")[0].iso == "2027-05-20"


def test_a_date_alone_at_the_foot_of_the_first_page_dates_the_sheet() -> None:
    """A request sheet with no date at its top, dated on a line of its own just above the first page's number."""
    sheet = (
        "令和9年度 北洋海洋観測関係 概算要求の概要\n北洋省 海洋政策課\n\n１．概算要求の全体像\n"
        "　令和9年度は以下のとおり要求する。\n\n２．令和8年度の主な成果\n　・観測ブイを10基設置。\n"
        + "".join(f"　・沿岸観測点{k}を整備し、データの公開を開始。\n" for k in range(1, 13))
        + "\n"
        "令和８年８月２８日\n\n－　１　－\n\n３．各事業の概要\n（１）北洋海洋観測推進事業　　12億円（10億円）\n"
    )
    issued, inferred, _ = find_issued(sheet, "budget-request")
    assert issued is not None and issued.iso == "2026-08-28" and not inferred


def test_a_navigation_tree_under_the_breadcrumb_is_not_the_pages_title() -> None:
    """Under 「ホーム ＞ … ＞ 事業概要」 a side menu drawn as a tree (its root label, then ├/│ branches) stands before the
    page's own heading."""
    page = (
        "北洋研究機構\n検索\nホーム ＞ 研究事業 ＞ 国際部 ＞ 北洋海洋共同研究事業 ＞ 事業概要\n\n国際部のページ\n"
        "　├ 北洋海洋共同研究事業\n　│　├ 事業概要\n　│　└ 公募情報\n　└ 国際共同研究に関する協定\n\n"
        "北洋海洋共同研究事業について\n最終更新日：2026年10月5日\n\n1．事業の目的\n"
    )
    assert find_title(page, ["北洋研究機構"], genre="web-page") == "北洋海洋共同研究事業について"
