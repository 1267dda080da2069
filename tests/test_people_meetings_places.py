"""People and posts, numbered meetings and municipalities, found by shape (ingest/extract/people.py,
meetings.py, places.py), on invented text."""

from __future__ import annotations

import re

import pytest

from ingest.extract.events import find_events
from ingest.extract.meetings import find_meetings
from ingest.extract.people import find_people
from ingest.extract.pipeline import extract
from ingest.extract.places import find_places
from ingest.normalize import nfkc, normalize
from ingest.records import Document, Mention, Passage
from ingest.romanize import looks_like_person, romanize_name, romanize_text
from ingest.vocab import Vocabulary
from kg.iris import Iris


def _people(text: str) -> dict[str, list[str]]:
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [])
    return {h.name: [p.title for p in h.posts] for h in hits}


def test_a_president_named_in_parentheses_after_the_post() -> None:
    assert _people("研究振興機構（理事長（川村 直樹））は本日発表した。") == {"川村 直樹": ["理事長"]}


def test_an_attendance_list_gives_each_person_and_every_post() -> None:
    found = _people("出席者：\n議長 石田 和夫 内閣総理大臣\n森 陽子 文部科学大臣\n有識者議員 松井 亮\n")
    assert found == {"石田 和夫": ["議長", "内閣総理大臣"], "森 陽子": ["大臣"], "松井 亮": ["有識者議員"]}


def test_a_particle_or_an_honorific_after_a_given_name_is_not_part_of_it() -> None:
    text = "署名式には、沿岸事務所長 大垣 直人と、在タイ日本国大使館の特命全権大使 堀江 真理子氏が出席した。"
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [])
    assert sorted((h.name, text[h.start : h.end]) for h in hits) == [("堀江 真理子", "堀江 真理子"), ("大垣 直人", "大垣 直人")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("同大学のヘンドリク・デ・ボーア教授は、", "ヘンドリク・デ・ボーア"),  # a one-letter particle inside the name
        ("出身のジャン・ボスコ・ムガボ特別研究員も参加し、", "ジャン・ボスコ・ムガボ"),  # …and も after the post
        ("アイシャ・ラフマン氏の「干潟炭素の衛星計測」が選ばれた。", "アイシャ・ラフマン"),  # an honorific
        ("北欧側代表 アイノ・ヴィルタラ 博士(オウル大学)", "アイノ・ヴィルタラ"),  # a doctor's title
        ("北欧側代表 Prof. Ingrid Solvang(Norwegian University)", "Ingrid Solvang"),  # a Latin title
        ("財団(FAPEMA、理事長:Helena Cardoso Ribas)と共同で", "Helena Cardoso Ribas"),  # a post and a colon
        ("委員 Andrew McLaren University of Dundee, Professor", "Andrew McLaren"),  # Mc…; a body's word ends it
        ("主任調査員 宇野 真奈香\n", "宇野 真奈香"),  # posts below a director's: 調査員, ユニット長, 係員, 次長
        ("ユニット長 大島 理香\n", "大島 理香"),
        ("担当:係長 阿部 結衣、係員 高田光\n", "高田光"),
        ("高城 真理 経済商工観光部次長(技術担当)、\n", "高城 真理"),
        ("担当：係長　松永 亜美、主事　津田 悠真\n", "津田 悠真"),  # 主事, a junior post
        ("同機構では、本年4月に宮坂 千尋が理事長に就任した。", "宮坂 千尋"),  # a name taking up a post
        ("　　参事官（国際担当）　　ガルシア 真央　　TEL 03-0000-0000\n", "ガルシア 真央"),  # a mixed name after a post
        # an attendance list's entries, marked ◎ (the chair) or ○, each before its affiliation in the next cell
        ("出席者\n　◎桑畑 弘樹　　北陸工業大学 学術研究部工学系 教授\n", "桑畑 弘樹"),
        ("出席者\n　○鳴海 沙耶　　北陸工業大学 材料科学研究所 特任教授\n", "鳴海 沙耶"),
        ("出席者\n　　ヨハン・クレーマー　ハンブルク先端光学クラスター 国際連携ディレクター\n", "ヨハン・クレーマー"),
    ],
)
def test_foreign_names_with_titles_and_names_beside_junior_posts_are_people(text: str, name: str) -> None:
    assert name in _people(text)


def test_a_katakana_phrase_before_a_bodys_post_is_no_person() -> None:
    assert _people("ゲノム・データ基盤事業部長が説明した。") == {}


def test_a_table_with_a_column_of_people_names_them_in_its_rows() -> None:
    text = (
        "（別紙）新規採択課題一覧\n"
        "番号 研究課題名 日本側研究代表者 タイ側研究代表者\n"
        "1 マングローブ林の炭素蓄積量の 浅利 祐介 スリヤー・ブンナーク\n"
        " 衛星観測による推定 北洋大学 大学院理学研究院 教授 チェンマイ大学 理学部 准教授\n"
        "2 沿岸養殖における病害の 谷口 恵美 アノン・ケーオマニー\n"
        " 早期検知技術 南洋大学 水産学部 准教授 コンケン大学 農学部 講師\n"
        # a given name written in hiragana
        "3 塩害農地の土壌改良 今井 さおり ソムチャイ・ウォンサワット\n"
        "\n本件の問い合わせは広報課まで。\n"
    )
    names = set(_people(text))
    assert {"浅利 祐介", "スリヤー・ブンナーク", "谷口 恵美", "アノン・ケーオマニー", "今井 さおり"} <= names
    assert not any("大学" in n or "学部" in n or "教授" in n for n in names)


def test_a_city_joined_to_its_prefecture_by_a_conjunction_is_the_city_alone() -> None:
    text = "信州大学を中心に長野県及び松本市、県内の企業が参画する。"
    at = text.index("長野県")
    assert [(h.name, h.prefecture) for h in find_places(text, [(at, at + 3, "長野県")])] == [("松本市", "長野県")]


def test_a_katakana_name_before_shi_is_a_city_abroad_not_a_municipality() -> None:
    # Japanese municipalities are written in kanji or hiragana: 「オウル市」 after 「宮城県と」 is not a city of Miyagi,
    # nor is 「ラサ市」 inside 「カラサ市」
    text = "宮城県とオウル市の間で署名した。実証地は豪州カラサ市と山梨県南アルプス市。"
    prefectures = [(0, 3, "宮城県"), (text.index("山梨県"), text.index("山梨県") + 3, "山梨県")]
    assert [(h.name, h.prefecture) for h in find_places(text, prefectures)] == [("南アルプス市", "山梨県")]


def test_words_that_are_not_names_are_not_people() -> None:
    assert _people("大学と連携して事業を推進する。理事長が説明した。国際会議に参加した。") == {}
    # a family name before a bureau's words is no given name: 「堤 科学技術・学術政策局長」
    assert not looks_like_person("堤 科学技術") and looks_like_person("堤 由紀子")


def test_names_are_romanized_in_western_order_never_glossed() -> None:
    assert romanize_name("山田 太郎") == "Taro Yamada"
    assert romanize_name("井上 裕子") == "Yuko Inoue"
    assert looks_like_person("佐藤花子") and not looks_like_person("連携事業")
    assert romanize_text("つくば市") == "Tsukuba City"


def test_a_numbered_meeting_with_its_date_time_place_and_agenda() -> None:
    text = (
        "第3回 地域連携推進会議 議事概要\n\n日時：令和7年2月14日（金）13:30～15:00\n場所：中央合同庁舎7号館\n"
        "議題\n1. 事業の進捗について\n2. 今後の予定について\n"
    )
    (meeting,) = find_meetings(text)
    assert (meeting.name, meeting.number, meeting.recorded) == ("第3回地域連携推進会議", 3, True)
    assert meeting.date is not None and meeting.date.iso == "2025-02-14" and meeting.time == "13:30～15:00"
    assert meeting.place == "中央合同庁舎7号館"
    assert meeting.agenda == ["事業の進捗について", "今後の予定について"]


def test_a_generic_meeting_word_is_not_a_meeting() -> None:
    assert find_meetings("国際会議に出席した。第2回会議でも議論した。") == []


def test_a_papers_signing_date_is_no_event() -> None:
    """A table of agreements: 「研究協力に関する覚書（令和6年5月署名）」 (a paper of a kind, its signing dated): the
    date with 署名 is no event; a named signing ceremony still is."""
    text = "研究協力に関する覚書（令和6年5月署名）\n日ラトビア研究交流に関する取決め（2025年3月署名）\n"
    assert find_events(text) == []
    signing = find_events("リガで北洋・ラトビア研究協力協定の締結式を行った。")
    assert [e.name for e in signing] == ["北洋・ラトビア研究協力協定の締結式"]


def test_a_conference_hall_is_no_event() -> None:
    from ingest.extract.events import find_events

    text = "会場：潮見国際会議場（潮見県潮見市）\n第3回潮見国際会議を開催した。"
    assert [e.name for e in find_events(text)] == ["第3回潮見国際会議"]
    # a quoted round table or business meeting is named whole
    text = "ベルリンで開催された「日独水素協力ラウンドテーブル2027」と「潮見・ニュースペース商談会2026」に参加した。"
    assert [e.name for e in find_events(text)] == ["日独水素協力ラウンドテーブル2027", "潮見・ニュースペース商談会2026"]


def test_municipalities_after_their_prefecture_and_known_cities() -> None:
    text = "茨城県つくば市に拠点を置き、宮城県・仙台市・東北大学が連携する。都市部の市町村や同市とは別に、福岡市でも開催。"
    prefectures = [(0, 3, "茨城県"), (text.index("宮城県"), text.index("宮城県") + 3, "宮城県")]
    found = {(h.name, h.prefecture) for h in find_places(text, prefectures)}
    assert found == {("つくば市", "茨城県"), ("仙台市", "宮城県"), ("福岡市", None)}


def test_a_town_is_written_with_its_prefecture_or_county_else_it_is_a_district() -> None:
    text = "会場：K's五番町ビル\n拠点は沖縄県西原町に置く。"
    start = text.index("沖縄県")
    assert [h.name for h in find_places(text, [(start, start + 3, "okinawa")])] == ["西原町"]


def test_a_town_listed_beside_a_municipality_is_one_in_its_prefecture_and_a_hiragana_city_after_its_prefecture() -> None:
    text = "実施場所:北海道苫小牧市、白老町\n協力自治体は合志市及び大津町である。\n宮崎県えびの市で実証する。\n本町と各町村で"
    prefectures = [(text.index(p), text.index(p) + 3, p) for p in ("北海道", "宮崎県")]
    found = [(h.name, h.prefecture) for h in find_places(text, prefectures)]
    assert found == [("苫小牧市", "北海道"), ("白老町", "北海道"), ("合志市", None), ("大津町", None), ("えびの市", "宮崎県")]


def test_a_city_whose_name_ends_in_a_towns_letter_is_the_city() -> None:
    """大町市 and 四日市市: 町 or 市 followed by 市 is part of the city's name, not a town before a stray letter."""
    assert [h.name for h in find_places("県内では、大町市及び安曇野市と連携し、四日市市でも実証する。", [])] == [
        "大町市",
        "安曇野市",
        "四日市市",
    ]


def test_a_year_column_before_an_edition_is_not_part_of_the_event() -> None:
    from ingest.extract.events import find_events

    assert [e.name for e in find_events("2025第5回日ASEAN科学技術フォーラム（ハノイ）")] == ["第5回日ASEAN科学技術フォーラム"]


def test_minutes_name_the_bodys_other_sessions_by_number_alone() -> None:
    text = (
        "海洋観測技術ワーキンググループ(第7回)議事要旨\n\n日時：令和8年3月2日（月）10:00～12:00\n場所：オンライン\n"
        "参考資料1 第6回ワーキンググループ 議事要旨\n次回（第8回）は令和8年5月に開催予定。\n第3回日独海洋対話の報告があった。\n"
    )
    names = {m.name for m in find_meetings(text)}
    assert {"海洋観測技術ワーキンググループ(第7回)", "海洋観測技術ワーキンググループ(第6回)"} <= names
    assert "海洋観測技術ワーキンググループ(第8回)" in names and "第3回日独海洋対話" in names


def test_minutes_name_the_next_session_after_a_comma_and_the_session_whose_minutes_are_read() -> None:
    text = (
        "沿岸観測推進委員会（第12回） 議事録\n\n日時：令和8年3月2日（月）10:00～12:00\n"
        "【主査】第11回の議事録案でございます。\n【参事官】次回、第13回は令和8年5月に開催予定です。\n"
    )
    names = {m.name for m in find_meetings(text)}
    assert {"沿岸観測推進委員会(第11回)", "沿岸観測推進委員会(第13回)"} <= names


def test_minutes_with_numbered_spaced_labels_record_their_meeting_and_name_the_next_session_alike() -> None:
    text = (
        "第７回長崎県海洋技術振興審議会　議事要旨\n\n"
        "１　日　時　　令和８年６月２日（火）　午後２時から午後４時まで\n"
        "２　場　所　　長崎県庁行政棟３階　会議室\n"
        "事務局から、次回（第８回）の審議会は令和９年２月に開催すると説明があった。\n"
    )
    hits = {m.name: m for m in find_meetings(nfkc(text).text)}  # as ingest reads it
    recorded = hits["第7回長崎県海洋技術振興審議会"]
    # 「１　日　時」: a label numbered with a space is still the date's label
    assert recorded.recorded and recorded.date is not None and (recorded.date.year, recorded.date.month) == (2026, 6)
    assert recorded.place is not None and recorded.place.startswith("長崎県庁")
    # the next session is named as the document names its own: the number first
    assert "第8回長崎県海洋技術振興審議会" in hits


def test_a_high_level_meeting_with_its_name_is_an_event_the_bare_kind_is_not() -> None:
    from ingest.extract.events import find_events

    named = find_events("2025年10月にマニラで開催された日ASEAN防災協力ハイレベル会合において確認された。")
    assert [e.name for e in named] == ["日ASEAN防災協力ハイレベル会合"]
    assert find_events("実務者会合を開催した。") == [] and find_events("ハイレベル会合を開く。") == []


def test_a_budget_sheets_activity_is_a_budget_item_not_a_named_program() -> None:
    from ingest.extract.budget_items import is_activity

    assert is_activity("全国ネットワークの構築") and is_activity("複合災害予測モデルの開発")
    assert not is_activity("研究マネジメント体制整備支援") and not is_activity("観測ブイ網の高度化事業")


def test_foreign_names_after_or_before_a_title_in_katakana_or_latin_letters() -> None:
    found = _people("ファン・ミンチャウ委員、渡会 芳郎委員\n担当：職員 ラジェシュ・クマール\n委員 Lena Hoffmann (オンライン)\n")
    assert found == {
        "ファン・ミンチャウ": ["委員"],
        "渡会 芳郎": ["委員"],
        "ラジェシュ・クマール": ["職員"],
        "Lena Hoffmann": ["委員"],
    }
    assert _people("ゲノム・データ基盤事業部長 柳田 浩\n") == {"柳田 浩": ["部長"]}  # a department is no person


def test_a_contact_line_a_speaker_label_and_a_name_before_its_body_and_post() -> None:
    text = (
        "出席者：川上 恭子委員、田淵 健司国際戦略室長\n"
        "【田淵室長】資料に基づき説明した。\n"
        "井筒 昌弘文部科学省研究振興局長が挨拶した。\n"
        "＜機構理事 石動 健一郎のコメント＞\n"
        "機構 広報部 担当：大河内 誠、真鍋 あかり\n"
    )
    passages = [Passage("d", 0, 0, len(text), text)]
    org = text.index("文部科学省")
    orgs = [Mention(org, org + 5, "文部科学省", "Agency", 0, "mext", "gazetteer")]
    names = {h.name for h in find_people(text, passages, orgs)}
    assert {"田淵 健司", "井筒 昌弘", "石動 健一郎", "大河内 誠", "真鍋 あかり"} <= names  # 【田淵室長】 is 田淵 健司
    assert "田淵" not in names and not any(n.startswith("井筒 昌弘文") for n in names)


def test_a_post_is_not_a_family_name() -> None:
    assert _people("座長　　鷲尾 直人　　北洋大学 教授\n") == {"鷲尾 直人": ["座長", "教授"]}  # not 「座長 鷲尾」


def test_a_name_before_its_affiliation_in_parentheses_is_a_person() -> None:
    text = "課題名 研究代表者(所属) 相手国\n「沿岸浸食の予測」 樫村 真琴(北洋大学\n大学院工学研究科) タイ\n"
    assert _people(text) == {"樫村 真琴": []}
    assert _people("海洋観測(北洋大学)と連携する。") == {}  # a word before a body is no name


def test_an_items_number_before_a_word_is_no_family_name() -> None:
    assert _people("　五　学識経験を有する者のうちから文部科学大臣が委嘱する者　五人以内\n") == {}


def test_a_ceremony_is_the_event_not_the_paper_signed_and_festivals_are_events() -> None:
    from ingest.extract.events import find_events

    names = lambda t: [e.name for e in find_events(t)]  # noqa: E731
    assert names("ジャカルタにおいて協力覚書の署名式を執り行いました。") == ["協力覚書の署名式"]
    assert names("北洋県庁において沿岸防災データ連携協定締結式を行った。") == ["沿岸防災データ連携協定締結式"]
    assert names("「沿岸市民サイエンスフェスタ2026」を開催する。") == ["沿岸市民サイエンスフェスタ2026"]
    assert names("説明会を開催する。") == []
    assert names("令和9年4月に募集説明会を開催する。") == []  # a call's briefing by its kind alone


def test_a_members_list_with_the_post_after_the_name_and_the_body_in_parentheses() -> None:
    text = "(委員)\n岩城 紗英 主査(北洋大学大学院理学研究科 教授)\n森永 啓 委員(東和大学 准教授)\n"
    # not 「紗英 主査」; the post in the list and the post at the body in parentheses
    assert _people(text) == {"岩城 紗英": ["主査", "教授"], "森永 啓": ["委員", "准教授"]}


def _posts_at(text: str, bodies: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Each person's posts with the body each belongs to, the bodies given as organisation mentions."""
    orgs = [Mention(m.start(), m.end(), b, "Organization", 0, b) for b in bodies for m in re.finditer(re.escape(b), text)]
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], orgs)
    return {h.name: [(p.title, p.org.surface if p.org else "") for p in h.posts] for h in hits}


def test_a_contact_lines_posts_in_brackets_a_principal_and_a_given_name_before_a_prefecture() -> None:
    text = (
        "　　橋爪 孝之　　北陸県 商工労働部 産業振興局長\n　　久保田 亮介　北陸高等専門学校 校長\n"
        "担当：松尾（課長）、吉富（係長）\n"
    )
    at = text.index("北陸県")
    prefecture = Mention(at, at + 3, "北陸県", "Prefecture", 0, "p")
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [], [prefecture])
    found = {h.name: [p.title for p in h.posts] for h in hits}
    # not 「孝之　北陸県」: a given name and a prefecture
    assert found == {"橋爪 孝之": ["局長"], "久保田 亮介": ["校長"], "松尾": [], "吉富": []}


def test_a_posts_body_named_with_its_short_name_and_unit_before_it_or_before_the_person() -> None:
    text = (
        "オブザーバー\n　国立研究開発法人海洋観測機構（JOMO） 国際部長 芦田 修一\n"
        "　東和商工会議所 産業技術本部長　沖野 多恵\n"
        "式典では、北洋大学大学院農学研究院の三浦 沙織教授と北洋大学の宮坂 俊介理事が講演した。\n"
        "　里見 美紀子 主査（東和大学 理事・副学長）\n"
        "　リンダ・チャン 委員（南洋国立大学 副学長）\n"
    )
    found = _posts_at(text, ["国立研究開発法人海洋観測機構", "東和商工会議所", "北洋大学", "東和大学", "南洋国立大学"])
    assert found == {
        "芦田 修一": [("部長", "国立研究開発法人海洋観測機構")],  # the 国際部's head, at the body named before it
        "沖野 多恵": [("本部長", "東和商工会議所")],
        "三浦 沙織": [("教授", "北洋大学")],  # the body before the person, the post after the name
        "宮坂 俊介": [("理事", "北洋大学")],
        "里見 美紀子": [("主査", ""), ("副学長", "東和大学")],
        "リンダ・チャン": [("委員", ""), ("副学長", "南洋国立大学")],
    }


def test_members_by_family_name_joined_in_prose_and_a_bracketed_speaker() -> None:
    found = _people("欠席委員として、桐生委員及び榊原委員から連絡があった。\n○(桐生委員)資料について質問があった。\n")
    assert set(found) == {"桐生", "榊原"}
    assert _people("各委員及び事務局から説明があった。") == {}  # 各 is no family name


def test_co_investigators_and_a_one_syllable_foreign_family_name() -> None:
    text = " 主たる共同研究者 浜岡 真澄 北洋大学 准教授\n 研究代表者 レ・ミン・トゥアン 海浜大学 所長\n"
    # the role in the project and the post at the body, each written on the line
    assert _people(text) == {"浜岡 真澄": ["主たる共同研究者", "准教授"], "レ・ミン・トゥアン": ["所長", "研究代表者"]}


def test_a_foreign_name_before_its_post_and_an_english_gloss() -> None:
    orgs = [Mention(5, 8, "財務省", "Agency", 0, "x", "gazetteer")]
    text = "相手国側:財務省 アナ・M・サントス次官(Undersecretary Ana M. Santos)\n"
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], orgs)
    assert [h.name for h in hits] == ["アナ・M・サントス"]  # not 「財務省 ア」


def test_workshops_and_report_meetings_are_events_and_the_bare_words_are_not() -> None:
    from ingest.extract.events import find_events

    names = lambda t: [e.name for e in find_events(t)]  # noqa: E731
    assert names("「TIDE-Reキックオフ・ワークショップ」には約80名が参加した。") == ["TIDE-Reキックオフ・ワークショップ"]
    assert names("オスロにおいて「MARINE-J合同成果報告会」を開催する。") == ["MARINE-J合同成果報告会"]
    assert names("キックオフ・ワークショップを開催した。成果報告会で発表する。") == []


def test_a_quoted_name_ending_in_a_word_for_a_gathering_is_an_event() -> None:
    from ingest.extract.events import find_events

    names = lambda t: [e.name for e in find_events(t)]  # noqa: E731
    assert names("研究チームが参加する「J-OCEAN日加合同キックオフ会合」を開催する。") == ["J-OCEAN日加合同キックオフ会合"]
    assert names("翌年度に開催する「ほくりく海洋国際研究交流会」で成果を報告する。") == ["ほくりく海洋国際研究交流会"]
    assert names("「交流会」を開く。関係者の会合に出席した。") == []  # the bare words name no one event


def test_other_sessions_carry_the_parent_body_the_title_writes_before_the_meeting() -> None:
    text = (
        "海洋審議会 観測部会(第5回)議事要旨\n\n日時：令和8年3月2日（月）10:00～12:00\n場所：オンライン\n"
        "次回(第6回)は令和8年5月に開催予定。\n"
    )
    sixth = next(m for m in find_meetings(text) if m.number == 6)
    assert sixth.name == "観測部会(第6回)" and sixth.alias == "海洋審議会 観測部会(第6回)"


def test_latin_names_before_their_body_and_post_a_name_with_its_reading_and_deputy_posts() -> None:
    found = _people(
        "Hanna Bergmann（ミュンスター大学 教授）\nDavid O'Connor（トロント大学 准教授）\n"
        "＜お問い合わせ先＞\n高野 美咲（タカノ ミサキ）\n"
        "国家研究イノベーション庁のスリ・ウィダヤンティ副長官が共同議長を務めた。\n"
    )
    assert found == {
        "Hanna Bergmann": ["教授"],
        "David O'Connor": ["准教授"],
        "高野 美咲": [],
        "スリ・ウィダヤンティ": ["副長官"],
    }
    assert _people("Deutsche Forschungsgemeinschaft（DFG）と共同で実施した。\n") == {}  # a body, not a person


def test_signatories_with_a_body_and_post_apart_a_ceremony_named_after_its_paper_and_more_posts() -> None:
    from ingest.extract.events import find_events

    found = _people(
        "署名者\n　ヨハンナ・リンドクヴィスト　スウェーデン研究評議会 事務局長\n"
        "立会人\n　槙原 修平　在スウェーデン日本国大使館 特命全権大使\n"
        "担当：戸塚 早苗（主幹）、柳瀬 康太（主任）\n　　参事官補佐　鴫原 悟　（電話：03-0000-0000）\n"
    )
    assert found == {
        "ヨハンナ・リンドクヴィスト": ["事務局長"],  # a body, a space, the title: not a department's words
        "槙原 修平": ["特命全権大使"],
        "戸塚 早苗": ["主幹"],
        "柳瀬 康太": ["主任"],
        "鴫原 悟": ["参事官補佐"],
    }
    events = [e.name for e in find_events("名称　　日本-スウェーデン極域観測研究協力覚書署名式\n")]
    assert events == ["日本-スウェーデン極域観測研究協力覚書署名式"]  # the ceremony, not the paper


def test_a_members_post_in_a_committees_minutes_is_a_post_of_that_committee(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.extract.pipeline import extract
    from ingest.normalize import nfkc
    from ingest.segment import passages

    text = nfkc(
        "科学技術・学術審議会 研究計画・評価分科会\n沿岸観測データ連携委員会（第3回）議事録\n\n"
        "１．日時　令和8年5月12日（火曜日）10時00分～12時00分\n２．出席者\n"
        "（委員）\n　栗栖 文香　委員　　　北洋大学大学院理学研究科教授\n"
    ).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    labels = {iri: e.labels.get("ja", "") for iri, e in result.entities.items()}
    held = {labels[f.obj] for f in result.facts if f.predicate.endswith("holds")}
    post_in = {labels[f.subject]: labels[f.obj] for f in result.facts if f.predicate.endswith("postIn")}
    committee_post = next(p for p in held if p.endswith("委員"))
    assert post_in[committee_post] == "沿岸観測データ連携委員会"  # not the division the title writes first


def test_a_latin_name_opening_a_list_line_and_katakana_inside_a_bodys_name() -> None:
    found = _people(
        "森下 彩乃　北洋大学 大学院医学系研究科 准教授\nPriya Raghavan　全インド医科大学ニューデリー校 教授\n"
        "小野寺 健吾　東北大学 東北メディカル・メガバンク機構 教授\n"
    )
    assert found == {"森下 彩乃": ["准教授"], "Priya Raghavan": ["教授"], "小野寺 健吾": ["教授"]}  # no メディカル・メガバンク


def test_a_roll_with_ditto_marks_and_posts_after_a_spaced_name() -> None:
    found = _people(
        "出席者\n　議　長　小寺 誠一郎　　内閣総理大臣\n　議　員　三島 由紀夫　　内閣官房長官\n"
        "　同　　　堀田 千里　　　内閣府特命担当大臣（科学技術政策）\n"
        "　　　　同 研究環境課 研究セキュリティ推進室 専門官　内田 彩（内線 4375）\n"
    )
    assert {"小寺 誠一郎", "三島 由紀夫", "堀田 千里", "内田 彩"} <= set(found)
    assert not [n for n in found if n.startswith(("同", "長", "員"))]  # 「同」 is ditto, not a family name


def test_a_paper_signed_at_a_named_ceremony_is_that_ceremonys_event(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.extract import extract
    from ingest.normalize import nfkc
    from ingest.segment import passages

    text = nfkc(
        "JSTとNSERCは令和8年11月5日、研究協力覚書に署名しました。\n"
        "署名は、同日オタワで開かれた「日加海洋研究協力覚書署名式」で行われました。\n"
        "令和7年に締結した「北極観測データの共有に関する協定」に基づき、共同観測を進めています。\n"
    ).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    events = {e.labels["ja"]: e for e in result.entities.values() if e.type == "Event"}
    assert "研究協力覚書" not in events  # the paper is another name of its ceremony
    assert ("研究協力覚書", "ja") in events["日加海洋研究協力覚書署名式"].alt_labels
    assert "北極観測データの共有に関する協定" in events  # an agreement of another kind, signed at no ceremony named
    # a paper named by its kind alone, undated and signed at no ceremony named, is no event; dated, its signing is
    other = nfkc("本事業は、北洋県と締結した連携覚書及び実施取決めに基づき実施する。\n").text
    found = extract(other, passages("t", other, 400), vocab, iris, use_ginza=False)
    assert not [e for e in found.entities.values() if e.type == "Event"]
    assert not [m for m in found.mentions if "覚書" in m.surface or "取決め" in m.surface]
    dated = nfkc("令和8年4月、JSTとNSFの間で連携覚書を締結した。\n").text
    found = extract(dated, passages("t", dated, 400), vocab, iris, use_ginza=False)
    assert [e.labels["ja"] for e in found.entities.values() if e.type == "Event"] == ["連携覚書"]
    ceremony = events["日加海洋研究協力覚書署名式"].iri
    assert all(m.key == ceremony for m in result.mentions if m.surface == "研究協力覚書")


def test_a_campus_of_a_known_university_is_a_body_of_its_own(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.extract import extract
    from ingest.segment import passages

    text = "広島大学(広島県東広島市)×インド工科大学ボンベイ校(インド・ムンバイ) 半導体設計\n"
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    bodies = {m.surface for m in result.mentions if m.type in ("Organization", "University")}
    assert "インド工科大学ボンベイ校" in bodies and "インド工科大学" not in bodies


def test_a_posts_remit_between_post_and_name_and_a_doctoral_student() -> None:
    text = "科学技術・学術政策局参事官（国際戦略担当）　桐山 由香\n派遣者：北洋大学　博士後期課程学生　江川 遥（北陸県北陸市）\n"
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [])
    assert {h.name for h in hits} == {"桐山 由香", "江川 遥"}


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        ("日本側からは桐山 正人科学技術協力担当大使、相手国側からは", "桐山 正人", "大使"),  # after a particle, no space
        ("日本側からは沢口 洋平駐ケニア大使が出席した。", "沢口 洋平", "大使"),  # 駐 opens the post
        ("北洋大学大学院農学研究科の宮川 亜紀准教授は、", "宮川 亜紀", "教授"),  # 准 opens the post
        ("森山 拓海 国立研究開発法人北洋研究所 理事【主査代理】\n", "森山 拓海", "理事"),  # a tag after the post
        ("大沢 健 内閣府 科学技術・イノベーション推進事務局 参事官\n", "大沢 健", "参事官"),
        ("安田 由紀 株式会社ミナトテック 執行役員 研究開発本部長\n", "安田 由紀", "執行役員"),
        ("文部科学大臣 三国 晴彦\n", "三国 晴彦", "大臣"),  # a family name the dictionary splits
    ],
)
def test_names_written_against_their_posts(text: str, name: str, post: str) -> None:
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [])
    assert [(h.name, [p.title for p in h.posts]) for h in hits] == [(name, [post])]


def test_a_numbered_session_written_after_its_sentence_and_its_unnumbered_name_are_one_meeting() -> None:
    names = [h.name for h in find_meetings("7月14日にベルリンにおいて日・北欧海洋科学協力合同委員会(第18回)を開催した。")]
    assert names == ["日・北欧海洋科学協力合同委員会(第18回)"]
    title = "研究インテグリティ・国際頭脳循環に関する有識者会議(第6回)\n"
    assert [h.body for h in find_meetings(title)] == ["研究インテグリティ・国際頭脳循環に関する有識者会議"]


def test_an_event_read_inside_a_numbered_session_merges_into_it(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.extract import extract
    from ingest.segment import passages

    text = "7月14日にベルリンにおいて日・北欧海洋科学協力合同委員会(第18回)を開催した。\n"
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    events = [e.labels["ja"] for e in result.entities.values() if e.type in ("Event", "Meeting")]
    assert events == ["日・北欧海洋科学協力合同委員会(第18回)"]


def test_people_in_a_roll_of_divisions_posts_a_group_of_people_and_latin_names_with_accents() -> None:
    people = _people(
        "(構成員)\n"
        " 浜名 真理子 北洋技術総合研究所 量子デバイス研究部門 部門長【座長代理】\n"
        " 南雲 拓海 株式会社北洋量子 代表取締役CEO\n"
        "北洋大学の長峰 遼 教授、汐見 美咲 助教らの研究グループは、南洋大学のカルロス・ミランダ 教授と共同で開発した。\n"
        "北洋都市データ科学ハブ 北洋大学 Émile Lefèvre 教授 フランス\n"
        # letters of Latin Extended-A (š, č, ř, Ł): Czech and Polish names
        "③山岳観光部門（部門長：北洋大学 人文学部 准教授　Lenka Dvořáková）\n"
    )
    assert people["浜名 真理子"] == ["部門長"]
    assert people["南雲 拓海"] == ["代表取締役CEO"]
    assert people["汐見 美咲"] == ["助教"]
    assert people["カルロス・ミランダ"] == ["教授"]
    assert people["Émile Lefèvre"] == ["教授"]
    assert people["Lenka Dvořáková"] == ["准教授"]


def test_a_numbered_gathering_inside_a_quoted_or_field_name_is_not_a_second_event() -> None:
    from ingest.extract.events import find_events

    quoted = find_events("○ 令和9年3月19日に「NORTH-Link Japan 第2期キックオフシンポジウム」を開催します。")
    assert [e.name for e in quoted] == ["NORTH-Link Japan 第2期キックオフシンポジウム"]
    field = find_events("\u3000名称:NORTH-Link Japan 第2期キックオフシンポジウム\n")
    assert [e.name for e in field] == ["NORTH-Link Japan 第2期キックオフシンポジウム"]


def test_a_quoted_gathering_with_its_editions_year_and_a_bulleted_workshop_are_events() -> None:
    from ingest.extract.events import find_events

    names = lambda t: [e.name for e in find_events(t)]  # noqa: E731
    assert names("国際シンポジウム「Polar Data Forum 2027」を2027年2月に札幌市で開催する。") == ["Polar Data Forum 2027"]
    assert names("「北洋創薬パートナリング2027」への参加を推奨します。") == ["北洋創薬パートナリング2027"]
    assert names("　・日北海洋観測ワークショップ（Joint Workshop）") == ["日北海洋観測ワークショップ"]


def test_a_survey_panels_session_and_the_clause_before_a_session_are_read_right() -> None:
    names = {m.name for m in find_meetings("内閣府 北洋科学戦略専門調査会(第3回)議事要旨\n")}
    assert names == {"北洋科学戦略専門調査会(第3回)"}
    text = "事務局から、次回の北洋観測推進検討会(第6回)の予定が示された。7月に開催された北洋素材戦略委員会(第9回)で報告した。"
    assert {m.name for m in find_meetings(text)} == {"北洋観測推進検討会(第6回)", "北洋素材戦略委員会(第9回)"}


def test_people_in_slashed_rows_after_a_long_body_name_before_による_and_with_a_katakana_family_name() -> None:
    def names(t: str) -> list[str]:
        return [h.name for h in find_people(t, [Passage("d", 0, 0, len(t), t)], [])]

    assert names("1/Track-I/沿岸災害リスク評価/北川 亮(北洋大学 災害科学研究所 教授)/フィリピン") == ["北川 亮"]
    assert names(" 説明者 南田 沙耶 国立研究開発法人北洋エネルギー・産業技術総合開発機構(NEDO)海洋技術室長") == ["南田 沙耶"]
    assert names("北洋工業大学の早川 周平 学長による基調講演") == ["早川 周平"]
    assert names("北洋研究機構のアンナ・ニエミ長官による講演") == ["アンナ・ニエミ"]
    assert names("PO ミラー 由香(北洋大学病院 先端医療研究センター長)") == ["ミラー 由香"]
    assert names(" 調査役 北山 一輝(キタヤマ カズキ)") == ["北山 一輝"]
    assert names("データ 連携(北洋大学 教授)") == []  # a katakana word, not a family name


def test_a_kind_of_act_and_a_dated_briefing_are_no_events() -> None:
    from ingest.extract.events import find_events

    for text in ("協定署名を行った。", "契約締結後に支払う。", "令和8年度公募説明会を開催する。"):
        assert find_events(text) == [], text
    assert [e.name for e in find_events("第3回日北科学技術協力合同委員会を開催")] == ["第3回日北科学技術協力合同委員会"]


def _related(raw: str, predicate: str, vocab: Vocabulary, iris: Iris) -> set[tuple[str, str]]:
    """The (subject, object) Japanese labels of the facts with a predicate ending so, the rule-based pipeline (no GiNZA)
    run on invented text normalized as ingest normalizes it."""
    from ingest.extract.pipeline import extract
    from ingest.normalize import nfkc
    from ingest.segment import passages

    text = nfkc(raw).text
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    labels = {iri: e.labels.get("ja", "") for iri, e in result.entities.items()}
    return {(labels[f.subject], labels[f.obj]) for f in result.facts if f.predicate.endswith(predicate)}


def test_a_city_the_vocabulary_knows_written_after_its_prefecture_is_stated_to_be_in_it(vocab: Vocabulary, iris: Iris) -> None:
    text = "〒100-8959 東京都千代田区霞が関3-2-2\n会場：宮城県 仙台市 青葉区の国際センター\n札幌市でも開催する。\n"
    located = _related(text, "#locatedIn", vocab, iris)
    assert {("千代田区", "東京都"), ("仙台市", "宮城県")} <= located
    assert not any(city == "札幌市" for city, _ in located)  # written alone: the document does not say where it is


def test_the_place_in_brackets_after_a_bodys_name_is_where_it_stands(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "連携機関は、名古屋大学（愛知県名古屋市）、琉球大学（沖縄県西原町）、ケンブリッジ大学（英国）、"
        "九州大学（学長：石橋 達朗）である。\n"
    )
    where = _related(text, "#location", vocab, iris)
    # the city, not its prefecture; a country alone says whose body it is; a bracket of other words says nothing
    assert where == {("名古屋大学", "名古屋市"), ("琉球大学", "西原町")}


def test_where_a_sentence_says_an_event_is_held_is_its_location(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "2025年10月21日には、ストックホルムにおいて第15回日・スウェーデン科学技術協力合同委員会が開催された。\n"
        "令和7年5月に横浜市で開催した「第3回日本・北欧極域科学フォーラム」では、観測計画を議論した。\n"
        "第4回日独水素対話では、東京とベルリンの研究者が意見を交わした。\n"
    )
    where = _related(text, "#location", vocab, iris)
    assert any(event.startswith("第15回日・スウェーデン") and place == "ストックホルム" for event, place in where)
    assert any(event.startswith("第3回日本・北欧") and place == "横浜市" for event, place in where)
    assert not any(event.startswith("第4回日独") for event, _ in where)  # no verb of holding: who met, not where


def test_a_name_before_a_bodys_formal_name_its_short_name_a_unit_and_the_post() -> None:
    # 「…機構（NOMA）　海洋情報創生部門 部門長」: the short name in brackets and a unit between the body and the post
    people = _people("３　出席者\n　　南田 由紀　　国立研究開発法人北洋海洋研究開発機構（NOMA）　海洋情報創生部門 部門長\n")
    assert "南田 由紀" in people


def test_a_village_written_after_its_county_is_named_without_it_and_in_the_prefecture_before() -> None:
    text = "施設は茨城県那珂郡東海村にある。福島県郡山市と岐阜県郡上市も参加する。"
    prefectures = [(text.index(p), text.index(p) + 3, p) for p in ("茨城県", "福島県", "岐阜県")]
    found = {(h.name, h.prefecture) for h in find_places(text, prefectures)}
    # 那珂郡 is a county, no part of the village's name; 郡山市 and 郡上市 open with the letter
    assert found == {("東海村", "茨城県"), ("郡山市", "福島県"), ("郡上市", "岐阜県")}


def test_a_designated_citys_ward_is_a_place_named_with_its_city(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.extract import extract
    from ingest.normalize import nfkc
    from ingest.segment import passages

    text = nfkc("会場は熊本市中央区の市民会館です。\n所在地：熊本県熊本市中央区港町1-2-3\n本市中央区でも開催する。\n").text
    hits = [(h.name, h.city) for h in find_places(text, [])]
    assert ("中央区", "熊本市") in hits and not [h for h in hits if h[1] == "本市"]  # 「本市」 names no city
    result = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False)
    wards = {e.iri: e for e in result.entities.values() if e.labels.get("ja") == "熊本市中央区"}
    assert len(wards) == 1  # not Tokyo's 中央区: the ward is named with its city
    (ward,) = wards
    assert any(f.subject == ward and f.predicate.endswith("locatedIn") for f in result.facts)


def test_names_before_a_spaced_honorific_after_a_verb_before_も_and_last_on_a_contact_line() -> None:
    found = _people(
        "本公募のプログラムオフィサーを務める岸田 沙耶 氏（海洋研究機構 名誉フェロー）は、\n"
        "平塚 雅史 氏（北陸大学 教授）\n"
        "長谷部 誠一郎教授も「現場に触れることが大切だ」と話す。\n"
        "在リマ日本国総領事館の児島 聡 総領事が出席した。\n"
        "国立研究開発法人海洋研究機構 広報課 新庄 拓郎\n"
        "産業振興課 企画幹 丸岡 大輔 ほか\n"
    )
    assert set(found) == {"岸田 沙耶", "平塚 雅史", "長谷部 誠一郎", "児島 聡", "新庄 拓郎", "丸岡 大輔"}
    assert found["児島 聡"] == ["総領事"] and found["平塚 雅史"] == ["教授"]


def test_a_members_list_row_as_normalized_and_a_mixed_name_with_its_reading() -> None:
    # normalizing leaves one space where the row set its cells apart
    found = _people("出席者\n(委員) ※敬称略、◎座長\n◎大河原 康弘 北陸大学 学術研究部工学系 教授\nペレイラ 直美(ペレイラ ナオミ)")
    assert {"大河原 康弘", "ペレイラ 直美"} <= set(found)
    assert found["大河原 康弘"] == ["教授"]
    # a family name before a space is no entry of its own: 「真鍋 健一構成員」
    assert "真鍋" not in _people("出席者\n※真鍋 健一構成員(日本船主協会 技術委員長)は欠席\n")


def test_a_list_lines_name_before_a_space_and_the_kind_of_event_is_part_of_the_event() -> None:
    names = [e.name for line in (
        "2025年12月9日(火) NOVA-X 成果報告会2025",
        "・BlueGrid-NEXT キックオフシンポジウムを開催",
        "2月17日(火) 日英加 希少疾患創薬シンポジウム",
        "名称 高知県・ブレスト市 海洋連携覚書締結式",
        "会場は in シンポジウム会場です",
    ) for e in find_events(line)]  # fmt: skip
    assert names == [
        "NOVA-X 成果報告会2025", "BlueGrid-NEXT キックオフシンポジウム", "日英加 希少疾患創薬シンポジウム",
        "高知県・ブレスト市 海洋連携覚書締結式",
    ]  # fmt: skip


def test_a_specialist_a_signature_in_brackets_a_bank_and_a_director_and_a_family_name_that_is_a_place() -> None:
    found = _people(
        "専門職 平野 大地 電話:03-0000-0000\n"
        "【株式会社北斗グリッド 代表取締役社長 野口 浩平】\n"
        "菅原 理沙 みちのく共創信用金庫 地域創生部長\n"
    )
    assert set(found) == {"平野 大地", "野口 浩平", "菅原 理沙"}
    text = "千葉 康弘 株式会社北斗フォトニクス 取締役\n"
    place = Mention(0, 2, "千葉", "Prefecture", 0, "http://x/chiba", "rules:place")
    hits = find_people(text, [Passage("d", 0, 0, len(text), text)], [], [place])
    assert [(h.name, [p.title for p in h.posts]) for h in hits] == [("千葉 康弘", ["取締役"])]


def test_a_numbered_round_table_a_quoted_mission_and_the_signing_of_a_named_agreement_are_events() -> None:
    names = [e.name for line in (
        "2027年6月 第3回日仏合成燃料ラウンドテーブル(東京都内)で計画を説明する",
        "来年度に予定している「信州・ロレーヌ科学技術交流ミッション2027」に参加する",
        "北洋海洋データ連携協定の締結式が北洋市役所で行われた",
        "ラウンドテーブルを開催する。連携協定の締結式を行う。パートナーとの共同実施契約の署名式を行う。",
    ) for e in find_events(line)]  # fmt: skip
    assert names == [
        "第3回日仏合成燃料ラウンドテーブル", "信州・ロレーヌ科学技術交流ミッション2027", "北洋海洋データ連携協定の締結式",
    ]  # fmt: skip


def test_a_rows_title_ending_in_a_common_word_before_the_investigator_and_a_bureau_after_a_family_name() -> None:
    table = (
        "採択年度 研究課題名 研究代表者 所属機関 所在地\n"
        "令和5年度 経口シャペロン薬の創出 吉川 真由 北洋大学 北海道札幌市\n"
        "令和6年度 アンチセンス核酸医薬の開発 桑田 拓也 南洋大学 熊本県熊本市\n"
    )
    assert set(_people(table)) == {"吉川 真由", "桑田 拓也"}
    assert not looks_like_person("創出 吉川")
    assert "堤 科学" not in _people("日本側代表のコメント(堤 科学技術・学術政策局長)\n")
    # …while a short given name before its post is kept: 「八重樫 航教授」
    assert "八重樫 航" in _people("北洋大学防災研究所の八重樫 航教授を研究代表者とし、同研究所と連携する。\n")


def test_a_numbered_attendance_list_goes_on_under_its_groups_and_ditto_is_no_name(vocab: Vocabulary, iris: Iris) -> None:
    """「３．出席者」 then （委員）…（事務局）: each group's label renews the list; 「同」 (ditto, the body above) in the next
    cell is not a given name, and a Latin name after it with a note after the post is a person too."""
    rows = ["（委員）", "　会　長　　　高瀬　真理子　　北洋大学副学長"]
    rows += [f"　同　　　　　{n}　　北洋大学教授" for n in ("石黒　誠", "大河内　修", "三好　彩", "柳田　健太郎", "吉永　奈緒")]
    rows += ["　同　　　　　Karin Lindqvist　オウル大学教授（オンライン出席）", "（説明者）"]
    rows += [f"　{n}　　北洋県産業振興局長" for n in ("小椋　隆之", "長谷部　亮", "野々村　大輔")]
    rows += [
        "（事務局）",
        "　前原　聡　　　内閣府科学技術・イノベーション推進事務局統括官",
        "　松永　美香　　同　参事官（地域担当）",
    ]
    text = normalize(Document("t.txt", "text/plain", "３．出席者\n" + "\n".join(rows) + "\n", "0" * 64)).text
    result = extract(text, [Passage("d", 0, 0, len(text), text)], vocab, iris, use_ginza=False)
    people = {e.labels.get("ja", "") for e in result.entities.values() if e.type == "Person"}
    assert {"松永 美香", "Karin Lindqvist", "前原 聡", "高瀬 真理子"} <= people
    assert not any("同" in name for name in people)
    short = (
        "３．出席者\n　高瀬　真理子　　内閣府科学技術・イノベーション推進事務局統括官\n　松永　美香　　同　参事官（地域担当）\n"
    )
    text = normalize(Document("t.txt", "text/plain", short, "0" * 64)).text
    result = extract(text, [Passage("d", 0, 0, len(text), text)], vocab, iris, use_ginza=False)
    assert "松永 美香" in {e.labels.get("ja", "") for e in result.entities.values() if e.type == "Person"}


def test_a_one_character_given_name_before_a_post_and_a_name_run_on_into_a_ministers_post() -> None:
    text = "北洋農工大学大学院農学研究院の小野寺 遥准教授は、我が国からは三浦尚人文部科学大臣政務官が出席した会合で講演した。"
    assert {"小野寺 遥", "三浦尚人"} <= set(_people(text))


def test_which_session_is_meant_is_no_part_of_a_numbered_meetings_name() -> None:
    """「次回第13回会合」 is the 13th session, a number and a generic word, no event named by itself (the minutes'
    own body's next session is read from the header: see meetings); 「2026第5回…フォーラム」 keeps its name."""
    text = "事務局から、次回第１３回会合は令和８年１月２２日（木）に開催予定である旨の連絡があった。"
    assert [e.name for e in find_events(nfkc(text).text)] == []
    named = "次回第６回潮見国際フォーラムは、令和８年５月に開催予定である。"
    assert [e.name for e in find_events(nfkc(named).text)] == ["第6回潮見国際フォーラム"]


def test_a_latin_name_with_a_title_written_right_after_it_in_running_text() -> None:
    """「…大学（NTNU）のIngrid Solberg教授らの」「…気象局のWanjiru Kamau主任研究官とともに」: people; a body's name in Latin
    letters before a post (「Business Finland理事長」) is not."""
    text = (
        "北洋科学技術大学（ＮＴＮＵ）のIngrid Solberg教授らの研究グループは、"
        "ケニア気象局のWanjiru Kamau主任研究官とともに開発した。Business Finland理事長が来日した。"
    )
    assert set(_people(nfkc(text).text)) == {"Ingrid Solberg", "Wanjiru Kamau"}
    lecture = "基調講演「北欧の海洋素材」\n　　Astrid Nyland 氏（ベルゲン大学 教授）\n"
    assert set(_people(nfkc(lecture).text)) == {"Astrid Nyland"}


def test_a_post_ending_a_line_and_the_name_opening_the_next_is_one_person() -> None:
    """「（北洋大学大学院工学研究科 教授\\n　山口 航、相手方：…）」: a bracket wrapped between the post and the name."""
    text = "・寒冷地の橋梁点検手法の比較研究（北洋大学大学院工学研究科 教授\n　山口 航、相手方：ラトビア・リガ工科大学）\n"
    assert _people(text) == {"山口 航": ["教授"]}


def test_a_lists_letter_spaced_field_label_is_no_persons_name() -> None:
    """「来　賓　　北洋大使館 特命全権大使　堀 祐介」: the label 来賓 written with a space in it is no family and given name."""
    text = "出席者：\n　北洋大学　　学長　　早乙女 恭平\n　来　賓　　北洋大使館 特命全権大使　堀 祐介\n"
    assert set(_people(text)) == {"早乙女 恭平", "堀 祐介"}


def test_a_dotted_katakana_name_spelled_in_latin_letters_after_it_is_a_person() -> None:
    """「ジョセフ・オティエノ（Joseph Otieno）」 in a table of roles: a person; a katakana phrase with its English
    (「グリーン・イノベーション（Green Innovation）」) is not."""
    text = "ラトビア側総括　　ジョセフ・オティエノ（Joseph Otieno）　北洋公社 研究開発部長\n"
    assert "ジョセフ・オティエノ" in _people(text)
    assert _people("グリーン・イノベーション（Green Innovation）を推進する。\n") == {}
