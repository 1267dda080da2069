"""People, posts, meetings and places in the published graph: two invented documents (a council meeting's
summary and an agency's press release) ingested into their own store, asked through the gallery's SPARQL
examples and the entity pages, as a researcher and a reader would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.gallery import load_gallery
from kg.service import Service
from kg.settings import load_settings

MINUTES = """第4回 地域イノベーション戦略会議 議事要旨

1．日時：令和7年9月12日（金）10:00～11:30
2．場所：中央合同庁舎4号館 第1会議室
3．出席者：
議長 石田 和夫 内閣総理大臣
森 陽子 文部科学大臣
有識者議員 松井 亮
4．議題
（1）地域の研究拠点の形成について
（2）国際頭脳循環について
5．議事概要
石田議長から、茨城県つくば市における拠点形成の方針について発言があった。
"""

PRESS = """報道発表
令和7年10月1日
国立研究開発法人科学技術振興機構

新たな国際共同研究の公募を開始
〜アジアの若手研究者をつなぐ〜

科学技術振興機構（JST、理事長（川村 直樹））は、本日、国際共同研究プログラム「ASIA-LINK」の公募を開始しました。
"""


@pytest.fixture(scope="module")
def people_service(tmp_path_factory: pytest.TempPathFactory, settings) -> Iterator[Service]:  # type: ignore[no-untyped-def]
    from ingest.run import ingest

    folder = tmp_path_factory.mktemp("people_docs")
    (folder / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "press.txt").write_text(PRESS, encoding="utf-8")
    local = load_settings(home=tmp_path_factory.mktemp("people_home"), base_iri=settings.base_iri)
    report = ingest([folder], local, progress=False)
    assert report.failed == [] and report.violations == {}, "SHACL must accept people, posts and meetings"
    svc = Service(local)
    yield svc
    svc.close()


def _example(name: str, svc: Service) -> list[dict[str, str]]:
    (example,) = [ex for ex in load_gallery() if ex.name.startswith(name)]
    return [{k: v["value"] for k, v in r.items()} for r in svc.select(example.text(svc.iris.prefixes()))]


def test_who_attended_a_meeting_with_its_chair_date_and_agenda(people_service: Service) -> None:
    (row,) = _example("17-", people_service)
    assert row["date"] == "2025-09-12"
    assert row["chair_en"] == "Kazuo Ishida"
    assert set(row["attendees"].split(" | ")) == {"Kazuo Ishida", "Yoko Mori", "Ryo Matsui"}
    assert set(row["agenda"].split(" | ")) == {"地域の研究拠点の形成について", "国際頭脳循環について"}


def test_every_post_a_person_holds_with_its_organization(people_service: Service) -> None:
    rows = _example("18-", people_service)
    held = {(r["name_ja"], r["post_en"]) for r in rows}
    assert ("森 陽子", "Minister, Ministry of Education, Culture, Sports, Science and Technology") in held
    assert ("川村 直樹", "President, Japan Science and Technology Agency") in held
    assert all(r["passage"].startswith(people_service.iris.base + "/doc/") for r in rows)


def test_the_press_release_metadata_and_its_municipality(people_service: Service) -> None:
    docs = {d["source"]: d for d in people_service.documents()}
    assert docs["press.txt"]["title"] == "新たな国際共同研究の公募を開始"
    assert docs["press.txt"]["issued"] == "2025-10-01"
    rows = people_service.select(
        "SELECT DISTINCT ?en WHERE { ?m a stip:Municipality ; stip:mentionedIn ?p ; skos:prefLabel ?en ."
        ' FILTER(LANG(?en) = "en") }'
    )
    assert [r["en"]["value"] for r in rows] == ["Tsukuba City"]


def test_a_person_page_names_them_in_both_languages_with_their_post(people_service: Service, settings) -> None:  # type: ignore[no-untyped-def]
    from server import create_app

    local = load_settings(home=people_service.settings.home, base_iri=settings.base_iri)
    app = create_app(local)
    try:
        (row,) = people_service.select('SELECT ?p WHERE { ?p a stip:Person ; skos:prefLabel "川村 直樹"@ja }')
        path = row["p"]["value"].removeprefix(settings.base_iri)
        page = app.test_client().get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "川村 直樹" in html and "Naoki Kawamura" in html and "理事長" in html
    finally:
        app.extensions["kg"].close()


def test_a_meeting_page_shows_its_chair_attendees_and_agenda(people_service: Service, settings) -> None:  # type: ignore[no-untyped-def]
    from server import create_app

    app = create_app(load_settings(home=people_service.settings.home, base_iri=settings.base_iri))
    try:
        (row,) = people_service.select("SELECT ?m WHERE { ?m a stip:Meeting }")
        path = row["m"]["value"].removeprefix(settings.base_iri)
        html = app.test_client().get(path, headers={"Accept": "text/html", "Cookie": "lang=en"}).get_data(as_text=True)
        for text in ("石田 和夫", "森 陽子", "地域の研究拠点の形成について", "中央合同庁舎4号館 第1会議室", "2025"):
            assert text in html, text
    finally:
        app.extensions["kg"].close()
