"""The generic-phrase filter and the name patterns (ingest/extract/names.py) on phrases of the kinds every
genre uses: generic words are never names, names written in the ways documents write them are found."""

from __future__ import annotations

import pytest

from ingest.extract.names import find_names, is_generic, wrapped_tail


def _programs(text: str) -> set[str]:
    """The names find_names reads as programs in the text."""
    return {s.surface for s in find_names(text) if s.type == "Program"}


def _bodies(text: str) -> list[str]:
    """The names find_names reads as organisations in the text, in order."""
    return [s.surface for s in find_names(text) if s.type == "Organization"]


GENERIC = [
    "本事業", "同事業", "当該事業", "各事業", "両大学", "国内外の研究機関", "国際共同研究事業", "関係機関", "研究機関",
    "大学等", "事務局", "審査委員会", "国立研究開発法人", "大学・高等専門学校", "政策・審議会", "・推進委員会", "プログラム",
    "所管省", "地方大学",
    # a kind word before a body's head names a kind of body
    "小規模大学", "担当府省", "共同事務局", "公益法人", "技術委員会", "合同委員会", "専門委員会", "民間事務局",
    "研究開発プログラム", "ODA事業",
    # a section's label (its contents, details, targets, scale, outline) and a note
    "事業規模・支援内容", "成果目標", "採択テーマ詳細", "事業概要", "応募要件", "※各府省への計上額",
    # a hub's role in a network and a kind of facility
    "サテライト拠点", "バックアップ拠点", "地方ブロック拠点", "寒冷地データセンター", "地方分散データセンター",
    # a count of things
    "3事業", "５大学", "二つのプログラム",
]  # fmt: skip


@pytest.mark.parametrize(
    "name", ["日本学術振興会", "技術研究組合", "共同利用・共同研究拠点", "京都大学防災研究所", "北海サテライト拠点"]
)
def test_names_that_open_with_a_kind_word_stay_names(name: str) -> None:
    assert not is_generic(name)


@pytest.mark.parametrize("phrase", GENERIC)
def test_generic_phrases_are_not_names(phrase: str) -> None:
    assert is_generic(phrase)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("大学と連携して事業を実施する。", []),  # a verb phrase, not a program
        # a proposal listed under the body that proposed it, at the end of its line
        (
            "・株式会社潮見マイクロテック（菊陽町）　「次世代ウエハ研磨技術の開発」",
            ["株式会社潮見マイクロテック", "次世代ウエハ研磨技術の開発"],
        ),
        # an ordinance named with words in kana
        ("潮見県ものづくり技術振興条例に基づき支援する。", ["潮見県ものづくり技術振興条例"]),
        ("潮見県脱炭素社会づくり推進条例（令和5年条例第3号）", ["潮見県脱炭素社会づくり推進条例"]),
        # a ministry's own program, named after 「…省の」; a kind of program so written is none
        ("文部科学省の沿岸観測基盤整備事業として、総額12億円を要求。", ["文部科学省", "沿岸観測基盤整備事業"]),
        ("文部科学省の委託事業として実施する。", ["文部科学省"]),
        ("宮城県・仙台市・東北工業研究機構が連携する。", ["東北工業研究機構"]),  # coordinated names are split
        ("新拠点を「みらい共創ラボ」と名付けた。", ["みらい共創ラボ"]),
        ("国際共同研究プログラム「BLUE-ARC」を開始した。", ["BLUE-ARC"]),
        ("QUANTA事業の成果を報告する。", ["QUANTA事業"]),
        ("委託事業「研究者の交流に関する調査」の結果", []),  # a survey's title, not a program
        ("新規課題「海底熱水域の長期観測技術」を採択した。", ["海底熱水域の長期観測技術"]),  # a quoted research project
        ("PD：山本 一郎（株式会社北陸テック技術顧問）", ["株式会社北陸テック"]),  # a firm by its legal form, not the post
        ("在ケニア日本国大使館と連携する。", ["在ケニア日本国大使館"]),
        ("長谷川 周平（京都大学防災研究所教授）", ["京都大学防災研究所"]),  # an institute written with its university
        (
            "「海洋研究拠点形成事業 海外連携プログラム」を開始",
            ["海洋研究拠点形成事業", "海外連携プログラム"],
        ),  # a program and its part
        ("「砂漠緑化のための水循環モデルの構築」（通称：GREENLOOP）を開始", ["砂漠緑化のための水循環モデルの構築"]),
        # A quoted name the text sets up or runs, whatever its last word; a survey's title is not one.
        ("公募型研究「海洋データ挑戦枠」を新設する。", ["海洋データ挑戦枠"]),
        ("「沿岸観測先導研究」（5年間の総額約40億円）を実施した。", ["沿岸観測先導研究"]),
        ("「港湾強靱化パッケージ」の一環として行う。", ["港湾強靱化パッケージ"]),
        ("「漁業者の意識に関する調査」を実施した。", []),
        # A talk in a programme of talks, listed with its title, is no program.
        ("・基調講演「沿岸観測の次の十年」\n・パネルディスカッション「データをどう共有するか」\n", []),
        ("「共同開設科目」を設けた場合", []),
        # Quoted names the text counts as one kind: 「A」と「B」の二つの公募枠.
        ("「先端連携型」と「若手育成型」の二つの公募枠を設ける。", ["先端連携型", "若手育成型"]),
        # A heading line naming a program after its number, with a tag after it.
        ("④ 沿岸観測データ連携推進事業　【一部新規】\n事業の内容", ["沿岸観測データ連携推進事業"]),
        ("（1）共同研究タイプ（Joint Research Type）\n研究期間：3年", ["共同研究タイプ"]),
        ("選考はQ-LINKS審査・評価委員会が行う。", ["Q-LINKS審査・評価委員会"]),  # named by its program: not generic
        ("・ノルウェー:ノルウェー・アカデミー(NA:Norwegian Academy)", ["ノルウェー・アカデミー"]),  # not 「大学・学会」
        ("式にはJSPSナイロビ事務所の所長が出席した。", ["JSPSナイロビ事務所"]),  # an office abroad
        # A quoted name holding its own short (and English) name, even on two lines; a post so written is no name.
        ("「海底資源共同探査(DEEP-X)」を開始した。", ["海底資源共同探査"]),
        ("「沿岸頭脳循環プログラム(CBC:Coastal Brain\nCirculation)」に10億円", ["沿岸頭脳循環プログラム"]),
        ("研究プロジェクト\n「干潟の再生技術の開発(TIDE-Re:\nTidal Flat Restoration)」を開始", ["干潟の再生技術の開発"]),
        ("「包括的国際化担当役員(CGO)」を置く。", []),
        # Kinds of award: quoted with a clause between them, or numbered under a heading that says they are kinds.
        ("「若手派遣型」と、研究室単位で行う「研究室交流型」の二つの類型がある。", ["若手派遣型", "研究室交流型"]),
        (
            "募集する研究課題の類型\n(1)多国間研究型\n 3か国以上が参加する。\n(2)予備研究型(PS型)\n",
            ["多国間研究型", "予備研究型"],
        ),
        ("(1)多国間研究型\n 3か国以上が参加する。\n", []),  # no heading says these are kinds
        # A title block's program line with its short name, written in two words; not a table's cells.
        (  # the second word alone is found too; the longer name wins when mentions are resolved
            "令和9年度\n日本-中東 海洋共同研究プログラム(MEJ)\n公募要領\n",
            ["日本-中東 海洋共同研究プログラム", "海洋共同研究プログラム"],
        ),
        ("一\n二\n三\n四\n五\n相手国 機関\nベトナム 海洋開発基金(VOF)\n", ["海洋開発基金"]),  # a table's cells
    ],
)
def test_names_found_by_shape(text: str, names: list[str]) -> None:
    assert sorted({n.surface for n in find_names(text)}) == sorted(names)


@pytest.mark.parametrize(
    ("text", "name", "short"),
    [
        ("海洋観測基盤強化事業（OCEAN事業）を開始する。", "海洋観測基盤強化事業", "OCEAN事業"),
        ("２．観測人材育成プログラム「O-MAP」（拡充）", "観測人材育成プログラム", "O-MAP"),
        ("戦略的観測研究プログラム（SORP）", "戦略的観測研究プログラム", "SORP"),
    ],
)
def test_a_short_name_in_brackets_belongs_to_the_name_before_it(text: str, name: str, short: str) -> None:
    (span,) = [n for n in find_names(text) if n.abbreviation is not None]
    assert span.surface == name and text[span.abbreviation[0] : span.abbreviation[1]] == short


def test_a_named_share_of_a_breakdown_is_a_program_and_a_generic_one_is_not() -> None:
    text = "総額60億円であり、うち観測基盤整備枠に35億円、地域連携研究枠に25億円を計上。利用枠の3割を公募枠とする。"
    names = {n.surface: n.type for n in find_names(text)}
    assert names.get("観測基盤整備枠") == "Program" and names.get("地域連携研究枠") == "Program"
    assert "利用枠" not in names and "公募枠" not in names


def test_cells_under_a_header_naming_a_kind_of_name_are_names() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    text = nfkc(
        "支援対象は次のとおり。\n"
        "　大学名　　　　　構想名　　　　　　　　　　　連携自治体\n"
        "　北海大学　　　　昆布養殖DX共創構想　　　　　北海県・港市\n"
        "　南山大学　　　　火山と共生する地域の共創構想　　南山県・麓市\n"
        "\n"
        "　事業名　　　　　　　　令和5年度　令和6年度\n"
        "　海洋データ統合推進事業　－　　　　52\n"
        "令和6年度の構想名　未定\n"
    ).text
    found = {(surface, kind) for _, _, surface, kind, _ in column_names(text)}
    assert found == {
        ("北海大学", "Organization"), ("南山大学", "Organization"),
        ("昆布養殖DX共創構想", "Program"), ("火山と共生する地域の共創構想", "Program"),
        ("海洋データ統合推進事業", "Program"),
    }  # fmt: skip
    for start, end, surface, _, _ in column_names(text):
        assert text[start:end] == surface


def test_a_table_split_by_bars_with_rules_between_its_rows_and_a_column_of_measures() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    text = nfkc(
        "■採択課題一覧\n"
        "――――――――――――――――\n"
        "No.｜研究課題名　　　　　　　｜研究代表者（所属）　　｜相手国\n"
        "――――――――――――――――\n"
        "1 ｜干潟再生の長期評価　　　｜岩城 紗英（北洋大学 教授）｜タイ\n"
        "2 ｜沿岸集落の高潮避難支援｜森永 啓（東和大学 准教授）｜フィリピン\n"
        "――――――――――――――――\n"
        "\n"
        "第2-1表/主な施策と予算額\n"
        "　施策名　　　　　　　　　　担当府省　　予算額\n"
        "　沿岸共創拠点形成事業　　　文部科学省　　8,700百万円\n"
        "　地方研究力連携交付金　　　内閣府　　　　4,800百万円\n"
    ).text
    found = {(surface, kind) for _, _, surface, kind, _ in column_names(text)}
    assert found == {
        ("干潟再生の長期評価", "Program"), ("沿岸集落の高潮避難支援", "Program"),  # cells between bars
        ("沿岸共創拠点形成事業", "Program"), ("地方研究力連携交付金", "Program"),  # not 担当府省, the next column's label
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a bullet and the item's number before a heading program
        ("◆1.沿岸フロンティア拠点形成事業\n ○ 全国5拠点を支援。\n", ["沿岸フロンティア拠点形成事業"]),
        # a university and the hub it runs, quoted: two names, not a nickname of the university
        ("(1)北洋大学「高原型ウェルネス産業創出拠点」\n 北洋大学は…\n", ["北洋大学", "高原型ウェルネス産業創出拠点"]),
        ("資料3 日蘭沿岸人材交流スキーム(COAST-NL)骨子(案)", ["日蘭沿岸人材交流スキーム"]),
        ("【事業スキーム】\n", []),
    ],
)
def test_headings_numbered_after_a_bullet_quoted_hubs_and_schemes(text: str, names: list[str]) -> None:
    found = find_names(text)
    assert sorted({n.surface for n in found}) == sorted(names)
    assert all(n.abbreviation is None for n in found if n.surface.endswith("大学"))  # the hub is not its short name


def test_a_title_cell_a_row_wraps_onto_its_next_line_is_no_name() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    text = nfkc(
        "番号　研究課題名　　　　　　　　　　　　日本側研究代表者\n"
        "1　　マングローブ林の炭素蓄積量の　　　浅利 祐介\n"
        "　　　衛星観測による推定　　　　　　　　北洋大学 教授\n"
        "2　　沿岸養殖病害早期検知技術の開発　　谷口 恵美\n"
        "3　　サトウキビ残さを原料とする　　　　　堀 一郎\n"
        "　　　生分解性素材の実装　　　　　　　　南洋大学 教授\n"
    ).text
    found = {surface for _, _, surface, _, _ in column_names(text)}
    assert "マングローブ林の炭素蓄積量の" not in found and "沿岸養殖病害早期検知技術の開発" in found
    assert not any(name.endswith("する") for name in found)


def test_column_names_read_past_row_numbers_split_values_wrapped_rows_and_quotes() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    text = nfkc(
        "区分 研究開発課題名 研究開発費の規模 予定数\n"
        "A 海底地形の自動計測 1課題当たり年間 50,000千円 3課題程度\n"
        "\n"
        "課題名　研究代表者（所属）　相手国\n"
        "「沿岸浸食の予測モデルの構築」　山田 花子（北洋大学\n"
        "大学院工学研究科）　タイ\n"
        "「漁港の脱炭素化技術の実証」　川村 一郎（南洋大学）　ベトナム\n"
        "\n"
        "案件名 形態 協力期間・金額\n"
        "北部洪水予警報システム改善計画 無償資金協力 2022年贈与契約 供与額18億円\n"
        "\n"
        "（単位：百万円）\n"
        "事項 前年度予算額 令和9年度要求額\n"
        "① 沖合観測網研究開発 1,200 1,500\n"
        "合計 1,200 1,500\n"
    ).text
    found = {surface for _, _, surface, _, _ in column_names(text)}
    assert found == {
        "海底地形の自動計測", "沿岸浸食の予測モデルの構築", "漁港の脱炭素化技術の実証", "北部洪水予警報システム改善計画",
        "沖合観測網研究開発",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("・地震防災対策特別措置法に基づき観測する。", "地震防災対策特別措置法"),  # a bullet is not part of it
        ("個人情報の保護に関する法律（平成15年法律第57号）を遵守する。", "個人情報の保護に関する法律"),
        ("補助金等に係る予算の執行の適正化に関する法律に準じる。", "補助金等に係る予算の執行の適正化に関する法律"),
        ("第十五条の規定に基づき、並びに同法を実施するため", None),  # 「並びに同法」 is no law's name
        # Okurigana and による inside a long name; an article right after the name.
        (
            "(海洋生物等の取扱い等の規制による海洋の多様性の確保に関する法律(平成30年法律第9号))",
            "海洋生物等の取扱い等の規制による海洋の多様性の確保に関する法律",
        ),
        ("海洋観測施設整備法第25条第1項に基づく許可", "海洋観測施設整備法"),
        ("研究施設及び法第二条第四項に規定する", None),  # 「法」 alone is the Act the text defined
        ("研究者が新法を提案した。", None),  # a particle is no okurigana
    ],
)
def test_law_names_end_on_their_joining_words_and_open_on_no_bullet_or_conjunction(text: str, law: str | None) -> None:
    laws = {n.surface for n in find_names(text) if n.type == "Law"}
    assert laws == ({law} if law else set())


def test_a_name_after_a_hiragana_conjunction_starts_after_it() -> None:
    from ingest.extract.names import find_names

    text = "ドイツ研究振興協会(DFG)およびカナダ自然科学・工学研究会議(NSERC)と共同で実施した。"
    assert "カナダ自然科学・工学研究会議" in {n.surface for n in find_names(text)}


def test_law_names_amended_followed_by_jo_or_another_rule_and_short_ones_with_their_number() -> None:
    from ingest.normalize import nfkc

    def laws(text: str) -> list[str]:
        return [n.surface for n in find_names(nfkc(text).text) if n.type == "Law"]

    assert laws("・改正種苗法（令和２年法律第７４号）により制限された。") == ["種苗法"]
    assert laws("滞在費は所得税法上の非課税所得として取り扱う。") == ["所得税法"]
    assert laws("交付は、宮城県補助金交付規則及び財団の要綱に基づき行う。") == ["宮城県補助金交付規則"]
    assert laws("大学に関する法律及び会計その他の事項") == []  # a phrase about laws, not a law


def test_tracks_quoted_across_a_line_break_or_listed_with_a_bullet_and_a_calls_program_are_names() -> None:
    text = (
        "令和9年度 沿岸観測共創フェローシップ募集要項\n\n"
        "令和8年度からは新たに「若手研究者短期派遣枠」及び\n 「海外研究者共同招へい枠」の二つのサブプログラムを設ける。\n"
        "本事業には次の２つの枠があります。\n■ 海外連携調査枠（調査枠）\n・支援額：1課題あたり250万円\n"
        "共同研究課題 公募要領\n"
    )
    names = {s.surface for s in find_names(text) if s.type == "Program"}
    assert {"沿岸観測共創フェローシップ", "若手研究者短期派遣枠", "海外研究者共同招へい枠", "海外連携調査枠"} <= names
    assert "共同研究課題" not in names  # a call for projects names no program


def test_a_field_block_names_its_project_and_its_other_fields_are_not_names() -> None:
    from ingest.extract.named_columns import column_names

    text = (
        "プロジェクト名　　南極－中緯度大気循環共同研究プロジェクト\n"
        "研究期間　　　　　2027年4月1日～2030年3月31日（3年間）\n"
        "研究費（日本側）　総額約6億円（予定）\n"
        "内訳：極地研 約4億円、北海道大学 約2億円\n"
    )
    assert [surface for _, _, surface, _, _ in column_names(text)] == ["南極－中緯度大気循環共同研究プロジェクト"]


def test_a_table_stacked_a_cell_per_line_under_a_one_line_header_names_its_projects() -> None:
    from ingest.extract.named_columns import column_names, stacked_column_names

    text = (
        "研究課題名 日本側研究代表者(所属・役職) 相手国研究代表者(所属・役職) 相手国\n"
        "海藻藻場の再生技術の共同開発\n山川 一郎 南洋大学 教授\nJohn Smith 北洋海洋研究所 主任研究員\nノルウェー\n"
        "寒冷地の地熱利用システムの構築\n川村 花子 北陸工業大学 准教授\nAnna Berg 北欧地熱機構 教授\nアイスランド\n"
        "\n<各課題の概要>\n課題1:藻場の再生を試みる。\n"
    )
    names = [surface for _, _, surface, _, _ in stacked_column_names(text)]
    assert names == ["海藻藻場の再生技術の共同開発", "寒冷地の地熱利用システムの構築"]
    assert column_names(text) == []  # a row written across would have been read there, not here
    unfilled = text.replace("アイスランド\n", "")  # rows that do not fill the block: not read as this table
    assert stacked_column_names(unfilled) == []


def test_a_field_with_a_colon_names_its_project_up_to_the_next_field_on_its_line() -> None:
    from ingest.extract.named_columns import colon_field_names

    text = (
        "◇令和6年度採択 共同研究タイプ\n"
        "課題名:北極海の海氷減少が沿岸漁業に与える影響の評価\n"
        "日本側代表者:北洋大学 教授 山川 一郎\n"
        "事業名:沿岸観測データ連携推進事業 実施機関:JST 所管:文部科学省\n"
        "研究期間:3年間\n"
    )
    assert [(n, k) for _, _, n, k, _ in colon_field_names(text)] == [
        ("北極海の海氷減少が沿岸漁業に与える影響の評価", "Program"),
        ("沿岸観測データ連携推進事業", "Program"),
    ]


def test_a_campus_is_part_of_a_universitys_name_and_boxed_kinds_are_programs() -> None:
    names = {s.surface for s in find_names("南洋国立大学ハノイ校海洋研究所と連携する。")}
    assert "南洋国立大学ハノイ校" in names or "南洋国立大学ハノイ校海洋研究所" in names
    assert "南洋国立大学" not in names
    text = "本プログラムには次の二つのタイプがあります。\n【共同研究タイプ】(Joint Research Type)\n・支援額:年間600万円\n"
    assert [s.surface for s in find_names(text) if s.type == "Program"] == ["共同研究タイプ"]


def test_a_private_universitys_two_letter_proper_name_and_a_conjunction_after_a_body() -> None:
    """崇城大学 and 東海大学 (a head Sudachi knows as a proper noun) are names, also before 及び or 等; 女子大学 and
    短期大学 name kinds of university."""
    text = "熊本大学、崇城大学及び県内企業で構成する。東海大学等の研究者。女子大学や短期大学等。"
    assert {n.surface for n in find_names(text) if n.type == "Organization"} >= {"崇城大学", "東海大学"}
    assert not {"女子大学", "短期大学"} & {n.surface for n in find_names(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1,500億円の「国際卓越研究者招へい基金」が造成された。", "国際卓越研究者招へい基金"),  # 招へい is a noun
        ("令和6年度から「沿岸頭脳循環フェローシップ」を開始した。", "沿岸頭脳循環フェローシップ"),
        ("本事業は、北陸県の「北陸国際研究交流促進補助金」を財源とする。", "北陸国際研究交流促進補助金"),
        # quoted, a scheme named for what it funds or does
        ("財源には、内閣府の「沿岸医療国際展開調整費」からの配分がある。", "沿岸医療国際展開調整費"),
        ("帰国後は「若手帰国者スタートアップ支援」を活用して研究室を立ち上げた。", "若手帰国者スタートアップ支援"),
        ("新たに「民間気象データ活用実証」を設け、公募により実証する。", "民間気象データ活用実証"),
        ("県は「山間地イノベーション加速パッケージ」を取りまとめた。", "山間地イノベーション加速パッケージ"),
        ("「宇宙産業人材育成講座」を開講している。", "宇宙産業人材育成講座"),
        ("「沿岸漁業データ連携基盤の構築」では、漁協と連携する。", "沿岸漁業データ連携基盤の構築"),
    ],
)
def test_fellowships_grants_and_funds_are_programs(text: str, name: str) -> None:
    assert [s.surface for s in find_names(text) if s.type == "Program"] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("(2)「沿岸頭脳循環ブリッジ・フェローシップ(仮称)」の制度設計について", "沿岸頭脳循環ブリッジ・フェローシップ"),
        ("外務省・JICA「途上国共創ラボ構想」と連携する。", "途上国共創ラボ構想"),
        ("一 海外研究を助成する事業(以下「沿岸共同研究強化助成」という。)", "沿岸共同研究強化助成"),
    ],
)
def test_a_working_name_an_initiative_and_a_scheme_an_act_defines_are_programs(text: str, name: str) -> None:
    assert [s.surface for s in find_names(text) if s.type == "Program"] == [name]


def test_a_frame_of_the_budget_request_rules_is_a_share_of_a_request_not_a_program(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.segment import passages

    text = (
        "令和12年度概算要求の概要\n（単位：千円）\n事　項　令和11年度予算額　令和12年度要求・要望額\n"
        "沿岸観測網高度化事業　2,400,000　3,000,000\n（うち重要政策推進枠）　―　600,000\n"
        "※「重要政策推進枠」は、概算要求の基本的な方針に基づく要望額である。\n\n"
        "■１．沿岸観測網高度化事業\n　沿岸の地震・津波観測網を更新する。\n"
    )
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    assert not [m for m in result.mentions if m.surface == "重要政策推進枠"]
    share = next(b for b in result.budgets if b.stated_as == "600,000")
    request = next(b for b in result.budgets if b.stated_as == "3,000,000")
    # the frame's amount is a part of the program's request, the program its subject
    assert share.part_of == request.iri and share.subject == request.subject is not None


def test_a_numbered_row_naming_a_project_and_its_period_names_the_project() -> None:
    text = (
        "これまでの採択プロジェクト\n"
        "第1号　CO2由来沿岸素材製造技術開発プロジェクト　2025年度～2031年度　予算総額　最大620億円\n"
        "第2号　北洋海氷観測高度化プロジェクト　令和7年度～令和12年度　予算総額　最大420億円\n"
        "第3号　観測を進めるプロジェクトの実施体制を整える。\n"
    )
    names = [n.surface for n in find_names(text) if n.type == "Program"]
    assert names == ["CO2由来沿岸素材製造技術開発プロジェクト", "北洋海氷観測高度化プロジェクト"]


def test_an_operating_grant_is_a_kind_of_money_not_a_program() -> None:
    assert is_generic("運営費交付金")
    assert is_generic("新しい制度")  # an adjective before the head noun


def test_laws_listed_with_oyobi_ordinances_named_for_a_body_and_hiragana_joins() -> None:
    text = (
        "感染症法及び家畜伝染病予防法に基づく手続を行う。外国為替及び外国貿易法を遵守する。\n"
        "動物の愛護及び動物に対する虐待の防止に関する法律を踏まえる。\n"
        "国立研究開発法人海洋研究開発機構が行う国際共同観測業務に関する省令を定める。\n"
    )
    laws = [n.surface for n in find_names(text) if n.type == "Law"]
    assert laws == [
        "感染症法",
        "家畜伝染病予防法",
        "外国為替及び外国貿易法",
        "動物の愛護及び動物に対する虐待の防止に関する法律",
        "国立研究開発法人海洋研究開発機構が行う国際共同観測業務に関する省令",
    ]


def test_a_local_ordinance_is_a_law_named_with_the_prefecture_that_made_it(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.segment import passages

    text = (
        "本事業は、長崎県海洋産業振興条例（令和5年長崎県条例第12号）に基づく。\n"
        "参考資料　北海道寒冷地技術振興条例（抜粋）\n"
        "同条例第3条及び県条例の定めにより、本条例の趣旨を踏まえる。\n"
    )
    laws = [n.surface for n in find_names(text) if n.type == "Law"]
    assert laws == ["長崎県海洋産業振興条例", "北海道寒冷地技術振興条例"]  # 同条例, 県条例, 本条例: words, not names
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    kinds = {m.surface: m.type for m in result.mentions}
    # the ordinance holds the prefecture's name, which stays a place of its own
    assert kinds["長崎県海洋産業振興条例"] == "Law" and kinds["長崎県"] == "Prefecture"
    assert kinds["北海道寒冷地技術振興条例"] == "Law"


def test_methods_are_not_laws_a_hiragana_place_opens_a_name_and_an_english_name_before_the_short_one() -> None:
    text = (
        "結核菌の薬剤耐性の迅速判定法を確立し、従来の培養法と比較する。\n"
        "令和9年度　くまもと半導体国際共同研究人材派遣事業　実施要項\n"
        "文部科学省は「グローバル研究連携形成プログラム」\n（Global Research Linkage Program：GRLP）を実施している。\n"
        "GRLPの令和7年度予算額は45億円である。\n"
    )
    found = find_names(text)
    assert not [n for n in found if n.type == "Law"]
    programs = {n.surface: n for n in found if n.type == "Program"}
    assert "くまもと半導体国際共同研究人材派遣事業" in programs
    grlp = programs["グローバル研究連携形成プログラム"]
    assert grlp.abbreviation is not None and text[grlp.abbreviation[0] : grlp.abbreviation[1]] == "GRLP"
    assert "GRLPの" not in programs  # a budget line's subject does not end in a particle


def test_a_firm_named_before_its_legal_form_and_one_after_a_bullet() -> None:
    text = (
        "4 排ガス由来CO2の統合実証 北洋グリーン燃料合同会社\n"
        "・南海精密化学株式会社(八代市)「洗浄薬液の開発」\n・有限会社天草クリーン(天草市)\n"
    )
    firms = [n.surface for n in find_names(text) if n.type == "Organization"]
    assert firms == ["北洋グリーン燃料合同会社", "南海精密化学株式会社", "有限会社天草クリーン"]


def test_a_body_by_its_legal_form_may_open_with_a_place_in_hiragana_but_not_with_a_particle() -> None:
    found = {n.surface for n in find_names("公益財団法人ながさき国際研究振興財団\n公益財団法人として活動する。\n")}
    assert found == {"公益財団法人ながさき国際研究振興財団"}


def test_an_acts_item_number_is_not_part_of_a_name_ginza_reads(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.segment import passages

    text = (
        "第二条 この省令において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n"
        "一 大学等 学校教育法(昭和二十二年法律第二十六号)第一条に規定する大学(大学院を含む。)及び高等専門学校をいう。\n"
    )
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=True)
    assert not [m.surface for m in result.mentions if m.surface.startswith("一 ")]


def test_a_quoted_name_after_its_kind_leaves_its_short_name_out() -> None:
    text = "JSTは、国際共同研究プログラム「ノース・シー・リンク(NSL)」において公募を行う。"
    assert [(n.surface, n.type) for n in find_names(text) if "リンク" in n.surface] == [("ノース・シー・リンク", "Program")]


def test_a_countrys_fund_is_its_funding_body_not_a_program(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.segment import passages

    text = "本公募は、フィンランド・サイエンス基金(FSF)と共同で、「北洋共同研究基金」により実施する。\n"
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    kinds = {m.surface: m.type for m in result.mentions}
    assert kinds["フィンランド・サイエンス基金"] == "Organization"
    assert kinds["北洋共同研究基金"] == "Program"  # no country before it: a fund


def test_a_line_of_several_fields_names_the_value_beside_its_kind_not_the_labels_below() -> None:
    from ingest.extract.named_columns import column_names

    text = (
        "■ 案件概要\n"
        "案件名 北洋沿岸防災観測網整備事業 借款契約額 120億円\n"
        "金利 年0.40% 償還期間 30年\n"
        "実施機関 北洋気象庁 事業完成予定 2031年12月\n"
    )
    assert [(n, k) for _, _, n, k, _ in column_names(text)] == [("北洋沿岸防災観測網整備事業", "Program")]


def test_kinds_of_award_quoted_listed_or_tabled_are_programs_and_a_method_is_no_law() -> None:
    from ingest.extract.named_columns import column_names

    names = {s.surface: s.type for s in find_names(
        "支援は「量産試作枠」と「基礎素材枠」の2区分とする。\n"
        "サブトラックA「沿岸感染症サーベイランス」 上限30,000千円\n若手研究者枠「NW-Youth」 上限8,000千円\n"
        " ・沿岸防災トラック :津波の即時予測モデルを開発\n ・資源・生態系トラック:水産資源の将来予測を高度化\n"
        "従来の吸着・電気透析法に比べ、電力消費を5分の1に低減した。\n"
    )}  # fmt: skip
    for name in ("量産試作枠", "基礎素材枠", "沿岸感染症サーベイランス", "NW-Youth", "沿岸防災トラック", "資源・生態系トラック"):
        assert names.get(name) == "Program", name
    assert not [n for n, t in names.items() if t == "Law"]
    table = "区分 支援期間 支援額 採択予定件数\nハブ形成タイプ 5年間 1拠点あたり年間30,000千円(上限) 5件程度\n"
    assert [(n, k) for _, _, n, k, _ in column_names(table)] == [("ハブ形成タイプ", "Program")]


def test_a_program_named_once_without_quotes_by_what_is_said_of_it() -> None:
    text = (
        "北洋研究機構は、沿岸ゲノム医療基盤推進事業の一環として新たな公募を行う。\n"
        "省令の施行の際現に振興会が実施している日北若手研究者相互派遣事業に係る派遣は、なお従前の例による。\n"
        "学内支援制度の一環として旅費を支援する。技術協力プロジェクトの一環として実施する。\n"
    )
    programs = _programs(text)
    assert {"沿岸ゲノム医療基盤推進事業", "日北若手研究者相互派遣事業"} <= programs
    assert not programs & {"学内支援制度", "技術協力プロジェクト"}  # kinds of scheme, not names


def test_a_name_quoted_after_a_programs_head_noun_is_a_program_whatever_it_ends_in() -> None:
    kinds = {s.surface: s.type for s in find_names("北洋大学は、人材育成制度「ミライアカデミー」を創設した。")}
    assert kinds.get("ミライアカデミー") == "Program"


def test_a_table_whose_last_columns_hold_people_written_with_spaces_still_names_its_projects() -> None:
    from ingest.extract.named_columns import column_names

    table = (
        "区分 研究開発課題名 研究開発代表者(所属機関・役職)\n"
        "拠点形成枠 北洋希少疾患ゲノム連携拠点(N-RARE) 末永 大輔(北洋大学 大学院医学研究院 教授)\n"
        "国際連携枠 日北データ相互解析プロジェクト「Rare Link」 土屋 亜希(南洋大学 医学部 准教授)\n"
        "国際連携枠 日加小児共同コホート研究(MAPLE) 早瀬 隆(東洋大学 特任教授)\n"
    )
    assert [n for _, _, n, _, _ in column_names(table)] == ["北洋希少疾患ゲノム連携拠点", "日加小児共同コホート研究"]


def test_bodies_set_up_or_named_by_a_latin_short_name_after_their_kind_and_a_plan_set_up_is_a_program() -> None:
    kinds = {s.surface: s.type for s in find_names(
        "北洋の研究機関NORSEAと共同研究協定を結んだ。「北洋グリーン素材アライアンス」の設立も発表された。"
        "「日北サクラ・ノルド交流計画」の創設が合意された。"
    )}  # fmt: skip
    assert kinds.get("NORSEA") == "Organization"
    assert kinds.get("北洋グリーン素材アライアンス") == "Organization"
    assert kinds.get("日北サクラ・ノルド交流計画") == "Program"


def test_kinds_of_award_labelled_lettered_or_with_a_long_aside_are_programs() -> None:
    text = (
        "3.1 応募区分\n【区分1】標準枠（基盤型）\n ・上限：年間20,000千円\n\n"
        "■タイプP（パイロット研究型）\n　研究費：年間5,000千円\n"
        "本事業の支援タイプは次のとおり。\n【本格型】\n 期間：5年\n【予備調査型（フィージビリティ調査型）】\n 期間：1年\n"
    )
    programs = _programs(text)
    assert {"標準枠", "タイプP", "本格型", "予備調査型"} <= programs


def test_a_kind_under_a_heading_in_the_passage_before_is_still_a_kind() -> None:
    heading = "本公募は次の二つの枠からなる。\n\n"
    item = "○国際連携枠\n　相手国機関と共同で公募する。\n"
    alone = {s.surface for s in find_names(item)}
    assert "国際連携枠" not in alone  # nothing says it is a kind …
    assert "国際連携枠" in {s.surface for s in find_names(item, len(heading), heading)}  # … until its heading is read


def test_a_sheet_heading_with_a_number_in_brackets_or_a_quoted_short_name_is_a_program() -> None:
    text = "【2】北洋自動観測拠点形成事業（Auto-Obs拠点）　1,200百万円（300百万円）\n沿岸データ基盤「SEA-Link」整備事業\n"
    programs = _programs(text)
    assert {"北洋自動観測拠点形成事業", "沿岸データ基盤「SEA-Link」整備事業"} <= programs


def test_a_numbered_part_and_a_joint_call_quoted_after_their_kind_are_programs() -> None:
    text = "サブプログラム2「沿岸藻場モニタリング」では観測を開始した。北洋研究評議会との共同公募「日北極域コール」を開始する。"
    programs = _programs(text)
    assert {"沿岸藻場モニタリング", "日北極域コール"} <= programs


def test_a_list_item_named_with_its_short_name_is_a_program_and_its_short_name_an_alias() -> None:
    text = (
        "① 干潟再生ツイン（Tidal-Twin）：有明海をモデルに再生効果を予測する。\n"
        "■テーマB　港湾向け水素混焼実証「H2Mix」\n"
        "① 研究成果の普及：シンポジウムを開催する。\n"
    )
    spans = {s.surface: s for s in find_names(text)}
    assert spans["干潟再生ツイン"].type == "Program" and spans["港湾向け水素混焼実証"].type == "Program"
    a, b = spans["干潟再生ツイン"].abbreviation or (0, 0)
    assert text[a:b] == "Tidal-Twin"
    assert "研究成果の普及" not in spans


def test_a_name_under_a_rule_line_is_not_the_tail_of_a_wrapped_name() -> None:
    from ingest.extract.names import wrapped_tail

    text = "─" * 30 + "\n北洋海洋観測推進プログラム\n"
    assert not wrapped_tail(text, text.index("北洋"))
    wrapped = "これは二十文字を超える長い行で途中の語が折り返されている統合イノ\nベーション戦略"
    assert wrapped_tail(wrapped, wrapped.index("ベ"))


def test_a_quoted_plan_and_a_quoted_list_item_said_what_it_does_are_programs() -> None:
    text = (
        "「北洋データ・アカデミー」構想を具体化する。\n"
        " ○「北洋量子計算フラッグシップ」：誤り耐性計算機の開発\n ○「北洋海域調査報告書」：概要\n"
    )
    kinds = {s.surface: s.type for s in find_names(text)}
    spans = find_names(text)
    assert [s.type for s in spans if s.surface == "北洋データ・アカデミー"] == ["Program"]
    assert kinds.get("北洋量子計算フラッグシップ") == "Program"
    assert "北洋海域調査報告書" not in kinds  # a report's title, not a program


def test_the_second_kind_of_a_list_with_terms_between_is_a_kind_too() -> None:
    text = "■ 支援の内容\n【本格型】\n 期間:5年間\n 支援額:年間3,000万円\n\n【予備調査型（フィージビリティ調査型）】\n"
    programs = _programs(text)
    assert {"本格型", "予備調査型"} <= programs


def test_a_name_after_a_clause_with_its_english_and_short_names_defined_in_one_bracket() -> None:
    text = (
        "機構は、沿岸防災研究センター（以下「センター」という。）と連携して実施する太平洋島嶼国沿岸防災研究拠点形成事業"
        "（英語名称 Pacific Coastal Resilience Hubs、略称「PACH」。以下「本事業」という。）の実施に関し定める。\n"
    )
    found = {s.surface: s.abbreviation for s in find_names(text) if s.type == "Program"}
    assert "太平洋島嶼国沿岸防災研究拠点形成事業" in found
    a, b = found["太平洋島嶼国沿岸防災研究拠点形成事業"] or (0, 0)
    assert text[a:b] == "PACH"
    assert "研修プログラム" not in _programs("毎年度実施する研修プログラムに参加する。")  # a short rest is a kind


def test_a_line_ending_a_clause_does_not_wrap_into_the_name_on_the_next() -> None:
    clause = "（以下「機構」という。）が独立行政法人国際協力機構と連携して実施する\n太平洋島嶼国沿岸防災研究拠点形成事業\n"
    assert not wrapped_tail(clause, clause.index("太平洋"))
    cut = "本年度から開始された太平洋島嶼国における沿岸防災研究拠点形\n成事業（PACH）について\n"
    assert wrapped_tail(cut, cut.index("成事業"))


def test_a_bullet_before_a_bodys_name_is_not_part_of_it() -> None:
    found = {(s.surface, s.type) for s in find_names("・沿岸未来社会ビジョン推進会議における議論を踏まえ、役割を分担。\n")}
    assert ("沿岸未来社会ビジョン推進会議", "Organization") in found


def test_a_long_english_name_quoted_after_its_kind_is_a_program() -> None:
    text = "　サブプログラム「Pacific Young Ocean Scientist Fellowship」により、若手研究者を拠点に派遣する。\n"
    assert "Pacific Young Ocean Scientist Fellowship" in _programs(text)


def test_a_fields_label_after_a_country_is_no_body_ginza_reads(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.normalize import nfkc
    from ingest.segment import passages

    text = nfkc(
        "１．乾燥地における干ばつ早期警戒システムの構築\n"
        "　　研究代表者：山田 花子（北洋大学 大学院農学研究院 教授）\n"
        "　　相手国：ケニア　共同研究機関：ナイロビ大学、ケニア気象局\n"
        "２．沿岸都市の洪水リスク評価手法の開発\n"
        "　　相手国：インドネシア　共同研究機関：バンドン工科大学\n"
    ).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=True)
    # 「ケニア　共同研究機関」 (a country, then the next field's label) is no body; the bodies named after it are
    assert not [m.surface for m in result.mentions if "共同研究機関" in m.surface]
    assert {"ナイロビ大学", "バンドン工科大学"} <= {m.surface for m in result.mentions}


def test_a_universitys_hospital_is_a_body_of_its_own() -> None:
    found = {n.surface for n in find_names("北海道大学病院（北海道札幌市）と琉球大学病院が新たに加わった。")}
    assert found == {"北海道大学病院", "琉球大学病院"}


def test_a_name_may_open_with_a_place_written_in_hiragana_but_not_with_a_clause() -> None:
    text = (
        "・くまもと半導体人材共創コンソーシアム（熊本県）\n"
        "　とやま創薬オープンラボ推進協議会が参加する。\n"
        "（３）しなの精密計測バレー協議会\n"
        "さらに精密計測バレー協議会が参加した。\n"
        "・ケニア拠点では、血液マーカーを同定した。\n"
    )
    found = {n.surface for n in find_names(text)}
    # くまもと, とやま, しなの: places in hiragana (Sudachi's 地名) are words of the name, の in しなの no particle
    assert {"くまもと半導体人材共創コンソーシアム", "とやま創薬オープンラボ推進協議会", "しなの精密計測バレー協議会"} <= found
    assert "さらに精密計測バレー協議会" not in found  # さらに is a conjunction, not a place
    assert "ケニア拠点" not in found  # a site in a country, not a hub with a name


def test_after_a_legal_form_a_word_in_hiragana_opens_the_name_whatever_particle_it_ends_in() -> None:
    # ふじのくに ends in に, which would be a particle: after 公益財団法人 it is the name's own first word
    found = {n.surface for n in find_names("事務局は公益財団法人ふじのくに先端産業振興機構が務める。\n")}
    assert "公益財団法人ふじのくに先端産業振興機構" in found and "先端産業振興機構" not in found


def test_rows_of_a_tables_kinds_each_under_a_letter_with_its_cells_are_programs() -> None:
    # (as the normalizer gives a table: one space between cells)
    text = (
        "第3 支援枠及び補助額\n"
        "A 地域実装推進枠 800万円/年 2/3以内 最長2年 5件程度\n"
        "B 若手起業挑戦枠 300万円/年 3/4以内 1年 4件程度\n"
        "C 国際共創枠(Nord-Link)1,200万円/年 2/3以内 最長3年 2件程度\n"
    )
    assert {"地域実装推進枠", "若手起業挑戦枠", "国際共創枠"} <= _programs(text)
    # one such line alone is no table of kinds
    assert "地域実装推進枠" not in _programs("A 地域実装推進枠 800万円/年 2/3以内 最長2年 5件程度\n")


def test_a_long_compound_ending_in_a_programs_head_noun_as_its_sentences_subject_is_a_program() -> None:
    assert "沿岸レジリエンス基盤強化事業" in _programs("・沿岸レジリエンス基盤強化事業には36億円を計上し、自治体を支援する。")
    assert "グローバル研究者往還支援事業" in _programs("グローバル研究者往還支援事業は令和7年度予算額が12億円である。")
    # a short or generic one is a common noun, and a clause is no name
    assert not _programs("国際共同研究事業は、各国との連携を深める。本事業は継続する。")
    assert not _programs("地域の大学が行う事業は多い。")


def test_a_reference_heading_naming_a_program_is_a_program() -> None:
    assert "先端海洋計測基盤整備基金" in _programs("（参考１）先端海洋計測基盤整備基金\n　総額450億円を造成。")
    assert "地域観測ネットワーク形成支援事業" in _programs("（参考）地域観測ネットワーク形成支援事業\n")


def test_a_prefecture_opening_a_bodys_name_is_part_of_it_not_an_address_nor_its_office(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import extract
    from ingest.segment import passages

    text = (
        "第十七条　知事の附属機関として、福井県沿岸観測技術振興審議会（以下「審議会」という。）を置く。\n"
        "　第四章　福井県海洋資源利活用推進審議会（第十七条―第二十一条）\n"
        "実証は静岡県焼津市及び高知県黒潮町で行い、申請書は福井県庁に提出する。\n"
    )
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=True)
    bodies = {m.surface for m in result.mentions if m.type in ("Organization", "Council")}
    assert {"福井県沿岸観測技術振興審議会", "福井県海洋資源利活用推進審議会"} <= bodies
    assert not {"静岡県焼津市", "高知県黒潮町", "福井県庁"} & bodies


def test_a_names_english_name_in_brackets_and_a_figure_glued_to_it_are_not_part_of_the_name() -> None:
    from ingest.extract.named_columns import column_names
    from ingest.normalize import nfkc

    text = "文部科学省は、令和5年度から「沿岸共創テックハブ形成事業（CoastTech Hub）」を実施している。"
    assert ("沿岸共創テックハブ形成事業", "Program") in {(n.surface, n.type) for n in find_names(nfkc(text).text)}
    table = nfkc(
        "（単位：千円）\n事項　　　　　　　　　　　　　　令和9年度予算額　　令和10年度要求額\n"
        "１．沿岸観測施設デジタルツイン構築事業（Coast-DT）1,600,000　　　2,500,000\n"
    ).text
    found = {surface for _, _, surface, _, _ in column_names(table)}
    assert "沿岸観測施設デジタルツイン構築事業（Coast-DT）" in found or "沿岸観測施設デジタルツイン構築事業" in found
    assert not [f for f in found if f.endswith("1,600,000")]


def test_a_company_whose_name_opens_with_a_word_in_hiragana_keeps_it() -> None:
    assert _bodies("実施者：みどり電子工業株式会社（福岡県）") == ["みどり電子工業株式会社"]
    assert _bodies("・くまもとデバイス工業株式会社") == ["くまもとデバイス工業株式会社"]
    # a clause before it is not part of it
    assert _bodies("協力として電子工業株式会社が参加") == ["電子工業株式会社"]
    assert _bodies("ほか、すべての参加企業株式会社") == ["参加企業株式会社"]


def test_a_name_opening_with_zen_before_a_katakana_word_is_a_name_and_zen_before_a_kind_is_not() -> None:
    # 「全ゲノム…」「全固体電池…」: 全 is part of the word; 「全事業」「全大学」: every one of a kind
    assert not is_generic("全ゲノム解析推進プログラム") and not is_generic("全固体電池研究開発事業")
    assert is_generic("全事業") and is_generic("全大学")


def test_a_quoted_short_name_in_capitals_before_the_kind_of_scheme_is_a_program() -> None:
    assert _programs("・防災分野を対象とする新設の「NORDIC-CR」トラックで、5課題を採択") == {"NORDIC-CR"}
    assert _programs("「Data」事業を行う。「データ」事業を行う。") == set()


def test_credit_unions_and_public_finance_corporations_are_bodies() -> None:
    assert _bodies("菅原 理沙 みやぎ共創信用金庫 地域創生部長") == ["みやぎ共創信用金庫"]
    assert _bodies("北洋政策金融公庫の融資") == ["北洋政策金融公庫"]
    assert _bodies("地元の信用金庫と連携する") == []


def test_a_universitys_institute_labelling_its_share_is_named_whole(vocab, iris) -> None:  # type: ignore[no-untyped-def]
    """「（内訳）…　東京大学地震研究所：150百万円」: the institute before the colon is one body, not the university the
    vocabulary knows (東京大学) with words after it."""
    from ingest.extract import extract
    from ingest.segment import passages

    text = "(内訳)海洋研究開発機構:210百万円 東京大学地震研究所:150百万円\n"
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    assert "東京大学地震研究所" in {m.surface for m in result.mentions if m.type == "Organization"}


def test_a_program_named_by_an_english_phrase_with_its_spaces_then_japanese_words() -> None:
    """「④ＡＩ for Science人材育成プログラム（継続）」: one program's name; English prose (「Science and Technology
    Agencyの事業」) names none."""
    text = "④AI for Science人材育成プログラム(継続) 1,490 950\nScience and Technology Agencyの事業である。\n"
    assert [(s.surface, s.type) for s in find_names(text)] == [("AI for Science人材育成プログラム", "Program")]
