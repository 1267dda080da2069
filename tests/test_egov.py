"""Whole laws from e-Gov law XML (ingest/legal/egov.py, statute.py; kg/legal.py; the law pages).

Fixtures in tests/data/legal/egov/, written by hand in the standard law schema: the corpus's quotation of
国際卓越研究大学法 第四条・第五条 (e-Gov's file name) and of its 施行規則 第二条 (wrapped as e-Gov's API returns
a law), and a fictional act with every element the loader reads. The store is the corpus document that
quotes them (004) plus those files, ingested once for this module with the real components.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from ingest.legal.egov import parse_law
from ingest.legal.numbers import SUBITEM, Step, en_label, ja_label, parse_path_slug
from ingest.load import load_path
from kg.errors import UnsupportedDocument
from kg.legal import Legal, _differences
from kg.settings import Settings, load_settings

DATA = Path(__file__).resolve().parent / "data" / "legal"
EGOV = DATA / "egov"
FICTIONAL = EGOV / "506AC0000000099_20250401_507AC0000000012.xml"
IUR = "504AC0000000051"
ORDINANCE = "504M60000080037"


def _paths(law: Any) -> list[str]:
    from ingest.legal.numbers import path_slug

    return [path_slug(n.path) for top in law.articles for n in top.walk()]


# ---------------------------------------------------------------- parsing, no store


def test_fictional_act_every_element() -> None:
    law = parse_law(FICTIONAL.read_bytes(), FICTIONAL.name)
    assert (law.title, law.law_num, law.law_type) == ("研究交流促進試験法", "令和六年法律第九十九号", "Act")
    assert (law.egov_id, law.as_of, law.amending_id) == ("506AC0000000099", "2025-04-01", "507AC0000000012")
    assert law.promulgated == (2024, 6, 1)
    paths = _paths(law)
    assert "art_36-2__para_1" in paths and "art_36-3__para_1" in paths  # branch articles (Num="36_2")
    assert "art_36__para_2__item_2__subitem_1__subitem2_2" in paths  # Subitem2 under Subitem1
    assert [a.path[0].slug() for a in law.articles] == ["art_1", "art_2", "art_3", "art_36", "art_36-2", "art_36-3", "art_37"]
    # Ruby readings are not text; main and proviso sentences are both kept; tables are text.
    assert "こうりゅう" not in law.text and "研究者の交流を促進し" in law.text
    assert "届け出なければならない。ただし、受入れの期間が一月に満たないときは、この限りでない。" in law.text
    assert "短期 | 一年未満" in law.text
    # Structure: part → chapter → section → subsection → division, as slugs under the law.
    part = law.divisions[0]
    assert (part.slug, part.title) == ("part_1", "第一編 総則")
    chapter2 = part.children[1]
    assert [d.slug for d in chapter2.children] == ["part_1__chap_2__sec_1", "part_1__chap_2__sec_2"]
    assert chapter2.children[1].children[0].children[0].slug == "part_1__chap_2__sec_2__subsec_1__div_1"
    # 附則 of the original act (with articles) and of the amending act (a bare paragraph).
    assert [(s.slug, s.amend_law_num) for s in law.supplements] == [("suppl", ""), ("suppl_507-act-12", "令和七年法律第十二号")]
    assert [n.path[0].slug() for n in law.supplements[1].nodes] == ["para_1"]
    assert [t.title for t in law.tables] == ["別表第一"]
    assert {(d.term, d.definition) for d in law.definitions} == {
        ("研究機関", "大学及び試験研究を行う法人をいう。"),
        ("交流研究者", "研究機関に属し、他の研究機関において研究を行う者をいう。"),
        ("交流事業", "研究機関が交流研究者を受け入れて行う事業"),
    }


def test_every_span_is_its_provision() -> None:
    """A provision's span holds its number and words, its children inside it; own words end at the first child."""
    law = parse_law(FICTIONAL.read_bytes(), FICTIONAL.name)
    art = next(a for a in law.articles if a.path[0].branch == (2,))
    assert law.text[art.start : art.body] == "(届出事項の変更)\n第三十六条の二 "
    for top in law.articles:
        for n in top.walk():
            for c in n.children:
                assert n.start <= c.start < c.end <= n.end
    item = law.articles[3].children[1].children[1]
    assert law.text[item.body : item.own_end].strip() == "受入れの内容であって次に掲げるもの"


def test_api_wrapper_and_law_id_from_the_xml() -> None:
    law = parse_law((EGOV / "iur_enforcement_regulation_api.xml").read_bytes(), "iur_enforcement_regulation_api.xml")
    assert law.egov_id == ORDINANCE and law.is_ordinance and law.as_of is None
    assert len([n for a in law.articles for n in a.walk()]) == 18


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?xml version='1.0'?>\n<Law><LawBody>", "not well-formed XML"),
        (b"<?xml version='1.0'?>\n<rss><channel/></rss>", "not an e-Gov law (root element <rss>)"),
        (b"<?xml version='1.0'?>\n<Law><LawNum>x</LawNum></Law>", "without LawBody/LawTitle"),
        (b"<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'b'>]><Law/>", "DOCTYPE"),
    ],
)
def test_bad_xml_is_named(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedDocument) as err:
        parse_law(data, "bad.xml")
    assert message in str(err.value) and "bad.xml" in str(err.value)


def test_deeper_sub_item_labels_and_paths() -> None:
    path = (Step(0, 36), Step(1, 2), Step(2, 2), Step(SUBITEM, 1), Step(SUBITEM + 1, 2))
    assert ja_label(path) == "第三十六条第二項第二号イ(2)"
    assert en_label(path) == "Article 36(2)(ii)(a)(2)"
    assert parse_path_slug("art_36__para_2__item_2__subitem_1__subitem2_2") == path
    assert parse_path_slug("para_1") == (Step(1, 1),)  # a 附則 without articles
    with pytest.raises(ValueError):
        parse_path_slug("item_1")


def test_differences_ignore_spacing_and_report_words() -> None:
    assert _differences("第四条 大学の 設置者は、\n申請により", "第四条 大学の設置者は、申請により") == []
    diff = _differences("2 前項の認定を受けた者", "2 前項の認可を受けた者")
    assert [(d["quoted"], d["official"]) for d in diff] == [("定", "可")]


def test_prev_and_next_article_around_branch_articles(settings: Settings, tmp_path: Path) -> None:
    """次条 of 第三十六条 is 第三十六条の二, 前条 of 第三十七条 is 第三十六条の二 (not 第三十七条 / 第三十六条)."""
    from ingest.pipeline import process
    from ingest.run import cached_vocabulary
    from kg.iris import Iris

    def article(num: str, title: str, words: str) -> str:
        return (f"<Article Num='{num}'><ArticleTitle>{title}</ArticleTitle><Paragraph Num='1'><ParagraphNum/>"
                f"<ParagraphSentence><Sentence>{words}</Sentence></ParagraphSentence></Paragraph></Article>")  # fmt: skip

    xml = (
        "<Law Era='Reiwa' Year='06' Num='097' LawType='Act'><LawNum>令和六年法律第九十七号</LawNum><LawBody>"
        "<LawTitle>枝番試験法</LawTitle><MainProvision>"
        + article("36", "第三十六条", "次条の規定は、届出について適用する。")
        + article("36_2", "第三十六条の二", "前条の届出は、書面でしなければならない。")
        + article("37", "第三十七条", "前条の書面には、氏名を記載する。")
        + "</MainProvision></LawBody></Law>"
    )
    f = tmp_path / "506AC0000000097_20240601_000000000000000.xml"
    f.write_text(xml, encoding="utf-8")
    vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
    p = process(load_path(f), vocab, Iris(settings.base_iri), settings.passage_chars)
    cited = {r.source.iri.rsplit("/", 1)[-1]: r.targets[0].iri.rsplit("/", 1)[-1] for r in p.legal.references if r.source}
    assert cited == {"art_36__para_1": "art_36-2", "art_36-2__para_1": "art_36", "art_37__para_1": "art_36-2"}


def _synthetic_act(articles: int) -> bytes:
    """An act of ``articles`` articles, three paragraphs each with items and sub-items, written in the schema."""
    body = []
    for a in range(1, articles + 1):
        paras = []
        for p in range(1, 4):
            items = "".join(
                f"<Item Num='{i}'><ItemTitle>{'一二三'[i - 1]}</ItemTitle><ItemSentence><Sentence>第{a}条の事項{i}</Sentence>"
                f"</ItemSentence><Subitem1 Num='1'><Subitem1Title>イ</Subitem1Title><Subitem1Sentence><Sentence>細目</Sentence>"
                f"</Subitem1Sentence></Subitem1></Item>"
                for i in range(1, 4)
            )
            paras.append(
                f"<Paragraph Num='{p}'><ParagraphNum>{p if p > 1 else ''}</ParagraphNum><ParagraphSentence><Sentence>"
                f"前項の規定により、次に掲げる事項を定める。第{a}条の規定は、前条第一項各号に準ずる。</Sentence></ParagraphSentence>{items}</Paragraph>"
            )
        head = f"<ArticleCaption>（見出し{a}）</ArticleCaption><ArticleTitle>第{a}条</ArticleTitle>"
        body.append(f"<Article Num='{a}'>{head}{''.join(paras)}</Article>")
    xml = (
        "<?xml version='1.0' encoding='UTF-8'?><Law Era='Reiwa' Year='06' Num='098' LawType='Act'>"
        "<LawNum>令和六年法律第九十八号</LawNum><LawBody><LawTitle>大規模試験法</LawTitle><MainProvision>"
        f"{''.join(body)}</MainProvision><SupplProvision><Paragraph Num='1'><ParagraphNum/><ParagraphSentence>"
        "<Sentence>この法律は、公布の日から施行する。</Sentence></ParagraphSentence></Paragraph></SupplProvision></LawBody></Law>"
    )
    return xml.encode()


def test_a_fifty_article_act_loads_in_seconds(tmp_path: Path, settings: Settings) -> None:
    """Parse, provision tree, references and RDF of a 50-article act (every article, paragraph, item, sub-item)."""
    from ingest.pipeline import process
    from ingest.run import cached_vocabulary
    from kg.iris import Iris

    f = tmp_path / "506AC0000000098_20240601_000000000000000.xml"
    f.write_bytes(_synthetic_act(50))
    vocab = cached_vocabulary(settings.ontology_dir, settings.base_iri)
    started = time.perf_counter()
    p = process(load_path(f), vocab, Iris(settings.base_iri), settings.passage_chars)
    seconds = time.perf_counter() - started
    assert len(p.legal.provisions) == 50 * (1 + 3 * (1 + 3 * 2)) + 1  # articles, paragraphs, items, sub-items, 附則
    resolved = [r for r in p.legal.references if not r.problem]
    assert len(resolved) >= 50 * 3 * 2 - 3  # 前項 and 前条第一項各号 in every paragraph (none before 第1条第1項)
    print(f"\n50-article act: {len(p.legal.provisions)} provisions, {len(p.legal.references)} references, "
          f"{len(p.graph)} triples in {seconds:.2f} s")  # fmt: skip
    assert seconds < 20, seconds  # about 1 s alone; the bound leaves room for a shared 2-core machine


# ---------------------------------------------------------------- ingested with the corpus document that quotes them


@pytest.fixture(scope="module")
def egov_settings(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Settings:
    home = tmp_path_factory.mktemp("egov_home")
    return load_settings(home=home, corpus=corpus, base_iri="http://127.0.0.1:9", query_timeout=5)


@pytest.fixture(scope="module")
def egov_report(egov_settings: Settings, corpus: Path):  # type: ignore[no-untyped-def]
    from ingest.run import ingest

    quoting = next(corpus.glob("004_*.txt"))
    bad = DATA / "egov_bad"
    return ingest([quoting, EGOV, bad], egov_settings, progress=False)


@pytest.fixture(scope="module")
def legal(egov_settings: Settings, egov_report) -> Legal:  # type: ignore[no-untyped-def]
    from kg.service import Service

    return Legal(Service(egov_settings))


@pytest.fixture(scope="module")
def egov_client(egov_settings: Settings, egov_report):  # type: ignore[no-untyped-def]
    from server import create_app

    app = create_app(egov_settings)
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["kg"].close()


def test_bad_files_are_reported_by_name_and_the_batch_goes_on(egov_report) -> None:  # type: ignore[no-untyped-def]
    failed = dict((Path(p).name, m) for p, m in egov_report.failed)
    assert set(failed) == {"broken.xml", "not_a_law.xml"}
    assert "not well-formed" in failed["broken.xml"] and "root element <rss>" in failed["not_a_law.xml"]
    assert len(egov_report.ingested) == 4


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n in nodes:
        out += [n, *_walk(n["children"])]
    return out


@pytest.mark.parametrize(("law", "quoted"), [(IUR, 39), (ORDINANCE, 18)])
def test_quoted_provisions_are_one_resource_with_both_texts(legal: Legal, law: str, quoted: int) -> None:
    data = legal.law(law)
    assert data["quotedProvisions"] == quoted and data["officialProvisions"] == quoted
    nodes = [n for n in _walk(data["articles"]) if n["quoted"]]
    assert len(nodes) == quoted
    for n in nodes:
        assert n["official"] and n["officialText"], n["iri"]
        assert n["document"] and n["text"]  # the document's quotation, with its offsets
        assert n["differences"] == [], (n["iri"], n["differences"])  # the corpus quotes the official words


def test_ordinance_paragraphs_fill_the_acts_items(legal: Legal, egov_settings: Settings) -> None:
    base = egov_settings.base_iri
    for n in range(1, 8):
        rows = legal.provisions(based_on=f"{IUR}/art_4__para_3__item_{n}")
        assert f"{base}/law/{ORDINANCE}/art_2__para_{n}" in [r["iri"] for r in rows]


def test_internal_and_external_references_are_links(legal: Legal, egov_settings: Settings) -> None:
    base = f"{egov_settings.base_iri}/law"
    links = legal.links("506AC0000000099/art_36-2__para_1")
    assert [c["iri"] for c in links["cites"]] == [f"{base}/506AC0000000099/art_36__para_2"]  # 前条第二項各号, 同項
    suppl = legal.links("506AC0000000099/suppl/art_2__para_1")
    assert {c["iri"] for c in suppl["cites"]} == {f"{base}/506AC0000000099/suppl/art_1", f"{base}/506AC0000000099/art_36-2"}
    other = legal.links("506AC0000000099/art_3__para_2")
    assert f"{base}/407AC1000000130/art_2__para_4" in [c["iri"] for c in other["cites"]]
    assert legal.links("506AC0000000099/art_36-3")["citedBy"][0]["iri"] == f"{base}/506AC0000000099/art_37__para_1"


def test_chapter_and_section_references_are_links(legal: Legal, egov_settings: Settings) -> None:
    """次章, 第二章第二節 and この章 in 第一条第二項 (in 第一編第一章) resolve to the law's divisions."""
    base = f"{egov_settings.base_iri}/law/506AC0000000099"
    cites = {c["iri"] for c in legal.links("506AC0000000099/art_1__para_2")["cites"]}
    assert cites == {f"{base}/part_1__chap_2", f"{base}/part_1__chap_2__sec_2", f"{base}/part_1__chap_1"}


def test_definitions_are_terms_linked_to_their_uses(legal: Legal) -> None:
    term = legal.links("交流研究者")
    assert term["subject"]["types"] == ["DefinedTerm"]
    assert term["definition"] == "研究機関に属し、他の研究機関において研究を行う者をいう。"
    assert term["definedIn"][0]["iri"].endswith("/506AC0000000099/art_2__para_1__item_2")
    used = [u["iri"].rsplit("/", 1)[-1] for u in term["usedBy"]]
    assert "art_36__para_1" in used and "art_2__para_1__item_2" not in used


def test_api_law_returns_the_whole_tree(egov_client) -> None:  # type: ignore[no-untyped-def]
    r = egov_client.get("/api/laws/506AC0000000099")
    assert r.status_code == 200
    data = r.get_json()
    assert data["fullText"]["asOf"] == "2025-04-01" and data["fullText"]["lastAmendedBy"] == "507AC0000000012"
    assert len(_walk(data["articles"])) == 26 and data["officialProvisions"] == 31
    assert [s["amendLawNumber"] for s in data["supplementaryProvisions"]] == [None, "令和七年法律第十二号"]
    assert [len(s["articles"]) for s in data["supplementaryProvisions"]] == [2, 1]
    assert data["contents"][0]["labels"]["ja"] == "第一編 総則"
    chapter = data["contents"][0]["divisions"][0]
    assert [a["labels"]["ja"] for a in chapter["articles"]] == ["第一条", "第二条"]
    assert "短期 | 研究機関の長" in data["tables"][0]["text"]
    assert {t["term"] for t in data["terms"]} == {"研究機関", "交流研究者", "交流事業"}


def test_law_and_provision_pages(egov_client) -> None:  # type: ignore[no-untyped-def]
    page = egov_client.get("/id/law/506AC0000000099", headers={"Accept": "text/html"}).get_data(as_text=True)
    expected_words = (
        "第一章 目的及び定義",
        "第一目 手続",
        "第三十六条の二",
        "附則(令和七年法律第十二号)",
        "別表第一",
        "交流研究者",
    )
    for expected in expected_words:
        assert expected in page, expected
    r = egov_client.get("/law/506AC0000000099/suppl/art_2__para_1", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "前条の規定による施行の際" in r.get_data(as_text=True)
    quoted = egov_client.get(f"/law/{IUR}/art_4__para_3__item_1", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "official-text" in quoted and "国際的に卓越した研究の実績として文部科学省令で定めるもの" in quoted


def test_a_legal_question_finds_the_official_text(legal: Legal) -> None:
    result = legal.service.search("交流研究者を受け入れるときの届出", k=3)
    top = result["hits"][0]
    assert top["source"] == FICTIONAL.name and top["section"] == "第三十六条"
