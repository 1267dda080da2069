"""Normalization keeps Japanese intact, undoes PDF layout and can always point back to raw offsets."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.normalize import normalize
from ingest.records import Document


def _norm(text: str) -> Document:
    return normalize(Document("t.txt", "text/plain", text, "0" * 64))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＪＳＴは２０２４年", "JSTは2024年"),  # full-width ASCII → ASCII
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width katakana with voiced marks composes
        ("人\n材\n・\n知\nの\n好\n循\n環\n", "人材・知の好循環"),  # vertical text, one char per line
        ("日 本 学 術 振 興 会", "日本学術振興会"),  # letter-spaced heading
        ("13,959名 ³", "13,959名 ³"),  # footnote marks are not turned into digits
        ("**招へい対象者**:40歳以下", "招へい対象者:40歳以下"),  # converter emphasis removed
    ],
)
def test_normalize_cases(raw: str, expected: str) -> None:
    assert _norm(raw).text == expected


def test_offsets_point_back_to_raw_characters() -> None:
    raw = "令和４年度\n\n人\n材\n育\n成\n\nＡＭＥＤ（日本医療研究開発機構）"
    doc = _norm(raw)
    assert len(doc.offset_map) == len(doc.text)
    for i, ch in enumerate(doc.text):
        if ch.strip():
            assert unicodedata.normalize("NFKC", raw[doc.offset_map[i]]) == ch


def test_corpus_offsets_are_consistent(corpus) -> None:  # type: ignore[no-untyped-def]
    from ingest.load import load_path

    for path in sorted(corpus.glob("*.txt")):
        raw = load_path(path)
        doc = normalize(raw)
        assert len(doc.offset_map) == len(doc.text)
        assert doc.offset_map == sorted(doc.offset_map), f"{path.name}: offsets must be monotonic"
        kanji = [i for i, c in enumerate(doc.text) if "\u4e00" <= c <= "\u9fff"]
        assert all(raw.text[doc.offset_map[i]] == doc.text[i] for i in kanji), path.name


def test_rows_of_a_flattened_table_are_not_joined_as_wrapped_lines() -> None:
    rows = [f"{i} 海洋観測データの機械学習解析基盤の開発その{i} 北洋大学・南洋大学 {i}.5" for i in range(1, 7)]
    text = "\n".join(["採択一覧", *rows, "以上。"])
    assert _norm(text).text.split("\n")[1:7] == rows  # 1.5 and the next row's 2 are not glued into 1.52


def test_a_second_entry_set_deep_under_a_rows_column_is_not_joined_to_the_row() -> None:
    rows = [f"{i}　　沿岸観測データの機械学習解析基盤の開発その{i}　　　北洋テクノ{i}株式会社" for i in range(1, 7)]
    # a second body of the last row's column stands on its own line, set under that column
    text = "\n".join(["採択一覧", *rows, "　　　　　　　　　　　　　　　　　　　　　国立大学法人北洋大学", "以上。"])
    lines = _norm(text).text.split("\n")
    assert lines[6:8] == ["6 沿岸観測データの機械学習解析基盤の開発その6 北洋テクノ6株式会社", "国立大学法人北洋大学"]
    # a paragraph's indent is not a column: its wrapped text still joins
    prose = "　本事業は、沿岸域の観測データを統合し、防災・減災に資する解析基盤を整備するものであり、令和８年度から\n　実施する。"
    assert "令和8年度から実施する。" in _norm("\n".join([prose] * 6)).text


def test_rows_of_a_table_drawn_with_bars_are_not_joined_as_wrapped_lines() -> None:
    rows = [f"|{i}.沿岸観測データ統合解析基盤の整備その{i} | {i}2.0 | {i}1.5 |" for i in range(1, 7)]
    text = "\n".join(["内訳(単位:億円)", *rows, "", "以上。"])
    assert _norm(text).text.split("\n")[1:7] == rows  # not 「…| 11.5 ||2.沿岸…」


def test_rows_with_columns_of_figures_and_a_remark_and_the_rules_between_them_are_not_joined() -> None:
    rule = "─" * 40
    rows = [f"沿岸観測データ統合基盤の整備事業その{i} {i},210,500 {i},905,300 拡充" for i in range(1, 6)]
    text = "\n".join(["予算総括表(単位:千円)", rule, *rows, rule, "計 13,852,300 19,106,800", "以上。"])
    # the rows end in a word (拡充), not a sentence's end, and fill the page's width: still rows, the rules apart
    assert _norm(text).text.split("\n")[1:8] == [rule, *rows, rule]


def test_rows_with_two_cells_of_money_and_a_word_after_them_are_not_joined() -> None:
    rows = [f"沿岸観測推進枠その{i}(COAST X{i}) {i}/3以内 {i}0,000千円 {i},000千円 最長{i}か年度" for i in range(1, 6)]
    text = "\n".join(["区分 補助率 補助上限額 補助下限額 事業期間", *rows, "", "以上。"])
    # each row ends in a word (か年度), not a sentence's end, and fills the page's width: still one kind per line
    assert _norm(text).text.split("\n")[1:6] == rows


def test_rows_labelled_by_letters_are_not_joined() -> None:
    rows = [
        f"{c}　沿岸観測データ連携推進枠その{i}　　{i},000万円/年　　2/3以内　　最長{i}年　　{i}件程度"
        for i, c in enumerate("ＡＢＣＤＥ", 1)
    ]
    text = "\n".join(["第３　支援枠及び補助額", *rows, "", "以上。"])
    # each row ends in a word (件程度), not a sentence's end, and fills the page's width: a row opening with a
    # letter and a space is the next row, not the last one's text wrapped
    assert _norm(text).text.split("\n")[1:6] == [_norm(r).text for r in rows]


def test_lines_each_naming_a_body_and_its_amount_are_not_joined() -> None:
    rows = [f"国立研究開発法人沿岸観測技術研究開発機構第{i}研究所(CO{i}) {i},400,000千円" for i in range(1, 6)]
    text = "\n".join(["【実施機関別内訳】(令和10年度要求・要望額)", *rows, "", "以上。"])
    # each line fills the page's width and ends in an amount, not a sentence's end: still one body per line
    assert _norm(text).text.split("\n")[1:6] == rows


def test_a_tables_header_and_rows_of_labels_are_not_joined_to_the_next_line() -> None:
    header = "研究課題名 日本側研究代表者(所属・役職) 相手国研究代表者(所属・役職) 相手国"
    row = "John Smith 北洋海洋大学 海洋工学研究所 教授"
    lines = [header, "沿岸域における海藻藻場の再生技術の共同開発に関する研究", "山川 一郎 南洋大学 教授", row, "ノルウェー"]
    wrapped = ["各国の研究機関と連携して海洋観測の成果を共有する取組を進めており" * 2][0][: len(header)]
    text = "\n".join([wrapped] * 6 + ["以上です。", "", *lines])  # a page hard-wrapped at the header's width
    normalized = _norm(text).text.split("\n")
    assert normalized[0] == wrapped * 6 + "以上です。"  # the page's wrapped lines are joined…
    assert normalized[2:] == lines  # …and the table's header and rows are not


def test_a_field_line_is_not_joined_to_the_next_field() -> None:
    first = "課題名:北極海の海氷減少が沿岸漁業と地域社会に与える影響の長期評価と適応策"
    wrapped = ("各国の研究機関と連携して海洋観測の成果を共有する取組を進めており" * 2)[: len(first)]
    text = "\n".join([wrapped] * 6 + ["以上です。", "", first, "日本側代表者:北洋大学 教授 山川 一郎"])
    assert _norm(text).text.split("\n")[-2:] == [first, "日本側代表者:北洋大学 教授 山川 一郎"]


def test_lines_of_fields_set_apart_by_a_gap_are_not_joined() -> None:
    first = "課題名\u3000\u3000北極海の海氷減少が沿岸漁業と地域社会に与える影響の長期評価と適応策の検討"
    wrapped = ("各国の研究機関と連携して海洋観測の成果を共有する取組を進めており" * 2)[: len(first)]
    text = "\n".join([wrapped] * 6 + ["以上です。", "", first, "日本側代表\u3000北洋大学 教授 山川 一郎"])
    assert _norm(text).text.split("\n")[-2:] == [
        "課題名 北極海の海氷減少が沿岸漁業と地域社会に与える影響の長期評価と適応策の検討",
        "日本側代表 北洋大学 教授 山川 一郎",
    ]


def test_a_subtitle_between_dashes_is_not_joined_to_the_title_above() -> None:
    title = "令和9年度「北洋感染症研究推進事業」国際共同研究トラック第2回公募 公募要領"
    wrapped = ("各国の研究機関と連携して海洋観測の成果を共有する取組を進めており" * 2)[: len(title)]
    text = "\n".join([title, "― North Sea Health Call 2027 ―", "", *[wrapped] * 6, "以上です。"])
    assert _norm(text).text.split("\n")[:2] == [title, "― North Sea Health Call 2027 ―"]


def test_rows_of_a_spaced_list_are_not_joined_as_wrapped_lines() -> None:
    rows = [
        "委員 北山 恭子 北洋海洋大学 学長",
        "同 南田 沙耶 国立研究開発法人北洋エネルギー・産業技術総合開発機構(NEDO)海洋技術室長",  # fills the width
        "関係省庁 文部科学省 研究開発局 海洋地球課長 小田 啓一郎",
    ]
    prose = "本調査会は、北洋の海洋観測と極域研究の推進方策について審議するために設置されたものである。"
    out = _norm("\n".join([prose, prose, prose, *rows, prose, prose])).text
    for row in rows:
        assert row in out.split("\n")


def test_an_attendance_row_longer_than_the_page_is_not_joined_to_the_next_entry() -> None:
    entries = [f"　　北浜 太{i}　　北洋海洋科学大学 教授" for i in range(1, 6)]
    long_row = "　　南田 由紀　　国立研究開発法人北洋沿岸海洋研究開発機構（NOMA）　海洋付加価値情報創生部門 部門長"
    foreign = "　　ラーシュ・ベルグ　ノルウェー王国大使館 科学技術参事官（Web）"
    # a page 42 characters wide: the row's last 42 characters are its body, unit and post, one cell gap
    prose = ["　沿岸域の観測データを統合し、防災・減災に資する解析基盤を整備するものであり、令和８年"] * 8
    text = "\n".join(["３　出席者", *entries, long_row, foreign, *entries, "４　議事概要", *prose, "以上"])
    lines = _norm(text).text.split("\n")
    # the long row's end, cut from its start where the page is read, holds one cell gap; whole it holds three
    assert "ラーシュ・ベルグ ノルウェー王国大使館 科学技術参事官(Web)" in lines


def test_a_header_whose_columns_name_years_is_not_joined_to_the_first_row() -> None:
    header = "事業名 令和9年度予算額 令和10年度要求額 増減"
    row = "沿岸観測推進プログラム 1,200 1,500 300"
    wrapped = ("各国の研究機関と連携して海洋観測の成果を共有する取組を進めており" * 2)[: len(header)]
    text = "\n".join([wrapped] * 6 + ["以上です。", "", "(単位:百万円)", header, row, "以上。"])
    # the header fills the page's width and ends in no sentence's end; its cells hold years, still labels
    assert _norm(text).text.split("\n")[3:5] == [header, row]


def test_rows_of_a_table_drawn_with_box_lines_are_not_joined() -> None:
    rows = [
        "┌──────────────────┬────────┬──────────┐",
        "│区分　　　　　　　　　　　　　　　　│令和9年度　│令和10年度（案）　│",
        "├──────────────────┼────────┼──────────┤",
        "│①沿岸観測網の高度化　　　　　　　　│　　２０．０　│　　　２８．０　　│",
        "│②沿岸データ統合基盤の整備　　　　　│　　１０．０　│　　　１４．０　　│",
        "└──────────────────┴────────┴──────────┘",
    ]
    text = "\n".join(["【予算内訳】　（単位：億円）", *rows, "以上。"])
    lines = _norm(text).text.split("\n")
    assert len(lines) == len(rows) + 2  # each rule and row stays a line of its own
    assert lines[4] == "│①沿岸観測網の高度化 │ 20.0 │ 28.0 │"


def test_rows_whose_cells_stand_apart_only_in_the_raw_text_are_not_joined() -> None:
    # cells set apart by ideographic or double blanks, with Latin names between brackets: collapsing the blanks
    # leaves no gap between two Japanese characters, so only the raw line shows them as cells
    rows = [
        "沿岸観測加速枠（Coast Track）\u3000\u3000NOMA\u3000\u3000\u3000１課題当たり最大３億円（５年間）\u3000\u300012課題",
        "若手研究者派遣枠（Young Sail Track）\u3000北洋学術振興会\u3000１人当たり年額500万円\u3000\u3000\u3000\u3000180人",
    ]
    note = "（注）Young Sail Trackは北洋学術振興会が基金の一部の委託を受けて運営している。"
    prose = "\u3000本基金は、北洋沿岸の観測研究を担う研究者の国際共同研究を加速するため令和６年度に創設され、十年間"
    header = "枠の名称\u3000\u3000運営機関\u3000\u3000支援内容\u3000\u3000採択"
    text = "\n".join([*[prose] * 6, "を支援期間とする。", "", header, *rows, note])
    lines = _norm(text).text.split("\n")
    assert "沿岸観測加速枠(Coast Track) NOMA 1課題当たり最大3億円(5年間) 12課題" in lines
    assert "若手研究者派遣枠(Young Sail Track) 北洋学術振興会 1人当たり年額500万円 180人" in lines
    assert "(注)Young Sail Trackは北洋学術振興会が基金の一部の委託を受けて運営している。" in lines


def test_rows_of_four_cells_one_listing_things_with_commas_are_not_joined() -> None:
    # 「研究開発費、設備費、人件費」: a cell listing costs; four cells apart still make the line a row
    rows = [
        "\u3000北洋共同研究推進事業\u3000\u3000研究開発費、設備費、人件費\u3000\u3000三分の二以内\u3000\u3000一件当たり三千万円",
        "\u3000沿岸スタートアップ育成事業\u3000\u3000試作費、実証費、謝金\u3000\u3000二分の一以内\u3000\u3000一件当たり一千万円",
    ]
    prose = "\u3000本基金は、北洋沿岸の観測研究を担う研究者の国際共同研究を加速するため令和６年度に創設され、十年間"
    text = "\n".join([*[prose] * 6, "を支援期間とする。", "", *rows])
    lines = _norm(text).text.split("\n")
    assert any(line.endswith("一件当たり三千万円") for line in lines), lines


def test_a_statute_definition_spaced_like_cells_still_joins_its_wrapped_text() -> None:
    item = "二\u3000域内事業者\u3000北洋振興基本法（昭和四十年法律第九十九号）第二条第一項に規定する事業者であって、"
    text = "\n".join(["\u3000この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。北洋沿岸の"] * 5
                     + [item[:46], item[46:] + "域内に本店を有するものをいう。"])  # fmt: skip
    assert item.replace("\u3000", " ").replace("（", "(").replace("）", ")") in _norm(text).text


def test_a_table_written_one_cell_per_line_is_set_back_into_rows() -> None:
    """A PDF's columns read down: the header's cells and each row's cells each on a line of their own become one line
    per row, so the table's reader sees its columns; the offsets still point at the raw figures."""
    raw = (
        "■配分の推移（単位：百万円）\n区分\n令和7年度予算額\n令和8年度予算額（案）\n対前年度増減\n"
        "潮見観測網\n1,200\n1,450\n250\n潮見人材育成\n―\n300\n皆増\n\n以上\n"
    )
    doc = _norm(raw)
    rows = "区分 令和7年度予算額 令和8年度予算額(案) 対前年度増減\n潮見観測網 1,200 1,450 250\n潮見人材育成 ― 300 皆増\n"
    assert rows in doc.text
    at = doc.text.index("1,450")
    assert raw[doc.offset_map[at] : doc.offset_map[at] + 5] == "1,450"


def test_a_header_written_one_cell_per_line_over_rows_written_across_is_set_on_one_line() -> None:
    doc = _norm("予算\n区分\n令和7年度当初予算額\n令和6年度2月補正予算額\n潮見補助金　60,000千円　20,000千円\n")
    assert "区分 令和7年度当初予算額 令和6年度2月補正予算額\n潮見補助金 60,000千円 20,000千円" in doc.text


def test_short_lines_that_are_no_table_stay_lines() -> None:
    """A list of short items (no column of years or kinds of money over them) is left as it is."""
    text = "参加機関\n東北大学\n京都大学\n九州大学\n"
    assert _norm(text).text == text.strip("\n")
