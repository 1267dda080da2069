"""Who issued a document, read from its layout through the whole pipeline (ingest/metadata.py), on invented
documents: a secretariat of a ministry is its own issuer; minutes of an unlisted committee are the ministry's."""

from __future__ import annotations

from functools import lru_cache

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


def _publishers(text: str) -> list[str]:
    vocab, iris = _vocab()
    p: Processed = process(Document(source="t.txt", media_type="text/plain", text=text, content_hash="0" * 64), vocab, iris)
    return [iri.rsplit("/", 1)[-1] for iri in p.metadata.publishers]


def test_a_secretariat_named_after_its_ministry_is_the_issuer() -> None:
    text = "令和9年度予算案のポイント\n内閣府　科学技術・イノベーション推進事務局\n令和8年12月20日\n\n海洋観測基盤強化事業\n"
    assert _publishers(text) == ["sti-secretariat"]


def test_a_ministrys_bureau_in_the_header_stands_for_the_ministry() -> None:
    text = "令和9年度概算要求のポイント\n文部科学省 研究振興局\n\n海洋観測基盤強化事業\n令和9年度要求・要望額 30億円\n"
    assert _publishers(text) == ["mext"]


def test_minutes_of_an_unlisted_committee_are_published_where_it_met() -> None:
    text = (
        "海洋科学委員会 観測技術部会（第3回）議事要旨\n\n日時：2026年5月12日（火）10:00〜12:00\n"
        "場所：文部科学省 15F特別会議室\n出席者：\n山本 一郎 部会長\n"
    )
    assert _publishers(text) == ["mext"]


def test_a_joint_ordinance_is_issued_by_the_ministries_its_number_names() -> None:
    text = (
        "○文部科学省・国土交通省令第五号\n　海洋調査の推進に関する法律第八条の規定に基づき、施行規則を次のように定める。\n"
        "　　令和八年三月二日\n　　　文部科学大臣　　山田 一郎\n\n　　　海洋調査の推進に関する法律施行規則\n\n"
        "（目的）\n第一条　この省令は、海洋調査推進協議会の運営に関し必要な事項を定める。\n\n"
        "附　則\nこの省令は、公布の日から施行する。\n"
    )
    assert _publishers(text) == ["mext", "mlit"]


def test_a_bureau_signing_off_a_sheet_stands_for_the_ministry_the_sheet_names() -> None:
    text = (
        "令和9年度概算要求 主要事項説明資料（研究振興局）\n\n沿岸観測高度化プログラム\n令和9年度要求・要望額 30億円\n"
        "文部科学省は、沿岸観測の高度化を進める。\n\n（担当：研究振興局 基礎研究課 沿岸研究推進室）\n"
    )
    assert _publishers(text) == ["mext"]


def test_minutes_whose_attendance_list_names_agencies_are_published_by_their_contact_line() -> None:
    text = (
        "北洋量子戦略タスクフォース（第6回）議事要旨\n\n１．日時　令和7年12月4日（木）15:00〜17:00\n"
        "２．場所　中央合同庁舎第8号館 8階 特別中会議室\n３．出席者\n（構成員）\n　大峯 聡一郎　　北洋大学 教授【座長】\n"
        "（関係府省等）\n　経済産業省 商務情報政策局 情報産業課 企画官　桐生 亜矢\n"
        "　国立研究開発法人新エネルギー・産業技術総合開発機構（NEDO）ロボット・AI部 主幹　奥寺 学\n"
        "（事務局）\n　内閣府 科学技術・イノベーション推進事務局 参事官　伊原 誠\n\n"
        "４．議題\n（１）開発計画について\n\n（以上）\n\n問い合わせ先：内閣府 科学技術・イノベーション推進事務局 量子技術担当\n"
    )
    assert _publishers(text) in (["cabinet-office"], ["sti-secretariat"])  # not an attendee's body (NEDO)


def test_a_sheet_issued_by_a_ministrys_regional_bureau_named_after_the_ministry() -> None:
    text = "令和9年度 地域産業人材事業の概要\n経済産業省 北陸経済産業局 地域経済部\n令和8年8月\n\n北陸沿岸人材育成事業\n"
    # the bureau's own region makes it a body of its own, not a department of the ministry
    assert _publishers(text) == ["北陸経済産業局"]  # a minted body: its IRI is its name


def test_a_prefectures_web_page_is_the_prefectures_not_the_ministries_it_cites() -> None:
    # a prefecture's web page names its site on the top line; the ministries it cites are not its publisher
    page = (
        "長崎県ホームページ\nホーム ＞ しごと・産業 ＞ 科学技術振興\n海洋技術共創プログラムについて\n\n"
        "　長崎県では、経済産業省及び文部科学省の支援を受けて、海洋技術共創プログラムを実施しています。\n"
        "　経済産業省の補助事業と連携し、文部科学省の拠点とも協力します。\n"
    )
    assert _publishers(page) == ["nagasaki"]


def test_minutes_of_a_prefectural_council_signed_off_by_the_prefectures_department_are_the_prefectures() -> None:
    minutes = (
        "第５回長崎県海洋技術振興審議会　議事要旨\n\n１　日　時　令和８年６月２日（火）午後２時から\n"
        "２　場　所　県庁行政棟３階　会議室\n３　議　事\n　経済産業省の事業について報告があった。経済産業省と協議する。\n\n"
        "【問合せ先】\n長崎県産業労働部新産業創造課　科学技術振興班\n電話：095-824-1111\n"
    )
    assert _publishers(minutes) == ["nagasaki"]


def test_a_prefectures_bureau_signing_off_with_spaces_is_the_prefectures_not_a_ministrys() -> None:
    # 「長崎県 産業労働部 産業革新局 …課」: the bureau (…局) is the prefecture's, not a ministry's bureau to climb from
    minutes = (
        "第３回長崎県海洋技術振興審議会　議事要旨\n\n　　　　　　長崎県 産業労働部 産業革新局 新産業集積課\n\n"
        "１　日　時　令和８年６月２日（火）午後２時から\n"
        "２　場　所　県庁行政棟３階　会議室\n３　議　事\n　国土交通省の事業について報告があった。国土交通省と協議する。\n\n"
        "【問合せ先】\n長崎県 産業労働部 産業革新局 新産業集積課 海洋産業班\n電話：095-824-1111\n"
    )
    assert _publishers(minutes) == ["nagasaki"]


def test_a_prefectures_ordinance_in_its_gazette_is_issued_by_the_prefecture_whose_governor_signs() -> None:
    text = (
        "福井県公報　号外第十九号　　　　　　　　令和九年三月十日（水曜日）\n　　　　条　　　例\n"
        "福井県沿岸観測技術振興条例をここに公布する。\n　　令和九年三月十日\n　　　　　　　　　　福井県知事　森川　正人\n"
        "福井県条例第八号\n　　　福井県沿岸観測技術振興条例\n（目的）\n"
        "第一条　この条例は、国立研究開発法人海洋研究開発機構及び県内の大学と連携し、沿岸観測技術を振興することを目的とする。\n"
        "（審議会）\n第二条　福井県沿岸観測技術振興審議会を置く。\n"
    )
    assert _publishers(text) == ["fukui"]


def test_a_prefectures_sign_off_after_its_label_and_its_official_website_header_are_the_prefectures() -> None:
    minutes = (
        "第２回ふくい半導体人材育成コンソーシアム運営委員会　議事概要\n\n"
        "１　日　時　　令和８年２月10日（火）14時00分〜16時00分\n２　場　所　　福井県庁　第一会議室\n"
        "３　議事概要\n　経済産業省の支援制度について事務局から説明があった。経済産業省の補助事業の活用も検討する。\n"
        "\n（以上）\n\n"
        "【問合せ先】福井県産業労働部 産業技術課 人材育成班\n　　　　　　電話 0776-20-0123\n"
    )
    assert _publishers(minutes) == ["fukui"]
    page = (
        "福井県公式ウェブサイト\n文字サイズ　標準　拡大\n\n"
        "トップページ ＞ 産業・しごと ＞ 沿岸観測テクノロジー実装プロジェクト\n\n"
        "沿岸観測テクノロジー実装プロジェクトについて\n経済産業省及び文部科学省の事業と連携し、経済産業省の支援を受けて実施します。\n"
    )
    assert _publishers(page) == ["fukui"]


def test_a_prefectures_long_departments_name_and_its_name_alone_on_a_pages_banner_make_it_the_issuer() -> None:
    """「熊本県商工労働部産業振興局半導体産業推進課」 under a call's title and date; a page whose banner names the prefecture
    on a line of its own between the site's menus: the prefecture issues both, not the ministry the text cites."""
    call = (
        "令和８年度　熊本県先端半導体共同研究推進事業費補助金　公募要領\n\n　　　　　令和８年１月１５日\n"
        "　　　　　熊本県商工労働部産業振興局半導体産業推進課\n\n第１　事業の目的\n"
        "　経済産業省の支援策と連携し、県内の半導体関連企業と大学等の共同研究を支援する。\n"
    )
    page = (
        "本文へ\n文字サイズ　小　中　大\n鹿児島県\nくらし・環境　健康・福祉　教育・文化　産業・労働\n"
        "ホーム ＞ 産業・労働 ＞ 科学技術 ＞ かごしま宇宙イノベーション創出事業について\n\n"
        "かごしま宇宙イノベーション創出事業について\n\n　本事業は、文部科学省の地域イノベーション施策と連携して実施しています。\n"
    )
    assert _publishers(call) == ["kumamoto"]
    assert _publishers(page) == ["kagoshima"]
