"""The legal layer: numerals and labels, law numbers and e-Gov IDs, the citation grammar, the provision tree,
resolution of every labelled reference in the corpus (checked on the real store), based_on delegations,
governing links with evidence, the HTTP/CLI interfaces, and malformed references reported by ingest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from ingest.legal.citations import Part, find_references
from ingest.legal.lawnum import egov_law_id, parse_law_number
from ingest.legal.numbers import ARTICLE, ITEM, PARAGRAPH, SUBITEM, Step, en_label, ja_label, parse_path_slug, path_slug, to_int
from ingest.legal.structure import group_laws, parse_articles
from kg.iris import Iris
from kg.service import Service
from kg.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "legal"
DOC = "004_2d7823e27d0b9444.txt"


def _gold() -> list[dict[str, object]]:
    return [json.loads(line) for line in (GOLD / "references.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------ numerals, labels, law numbers


@pytest.mark.parametrize(("numeral", "value"), [("四", 4), ("百三十", 130), ("三十四", 34), ("4", 4), ("４", 4), ("十一", 11)])
def test_numerals(numeral: str, value: int) -> None:
    assert to_int(numeral) == value


@pytest.mark.parametrize(
    ("path", "ja", "en", "slug"),
    [
        ((Step(ARTICLE, 4),), "第四条", "Article 4", "art_4"),
        ((Step(ARTICLE, 4), Step(PARAGRAPH, 3), Step(ITEM, 1)), "第四条第三項第一号", "Article 4(3)(i)", "art_4__para_3__item_1"),
        ((Step(ARTICLE, 34, (8,)), Step(PARAGRAPH, 2)), "第三十四条の八第二項", "Article 34-8(2)", "art_34-8__para_2"),
        ((Step(ARTICLE, 5), Step(PARAGRAPH, 2), Step(ITEM, 2), Step(SUBITEM, 4)), "第五条第二項第二号ニ", "Article 5(2)(ii)(d)",
         "art_5__para_2__item_2__subitem_4"),
    ],
)  # fmt: skip
def test_provision_labels(path: tuple[Step, ...], ja: str, en: str, slug: str) -> None:
    assert (ja_label(path), en_label(path), path_slug(path)) == (ja, en, slug)
    assert parse_path_slug(slug) == path


@pytest.mark.parametrize(
    ("number", "english", "member_bill", "egov"),
    [
        ("平成七年法律第百三十号", "Act No. 130 of 1995", True, "407AC1000000130"),
        ("令和四年法律第五十一号", "Act No. 51 of 2022", False, "504AC0000000051"),
        ("令和四年文部科学省令第三十七号", "Ministerial Order (文部科学省) No. 37 of 2022", None, "504M60000080037"),
        ("昭和二十六年政令第三百十九号", "Cabinet Order No. 319 of 1951", None, "326CO0000000319"),
        ("令和元年法律第一号", "Act No. 1 of 2019", None, None),  # a Cabinet or a member's bill? the number does not say
    ],
)
def test_law_numbers_and_egov_ids(number: str, english: str, member_bill: bool | None, egov: str | None) -> None:
    parsed = parse_law_number(number)
    assert parsed is not None and parsed.english() == english and parsed.ja() == number
    assert egov_law_id(parsed, member_bill) == egov


def test_every_curated_egov_id_follows_from_its_law_number() -> None:
    """The derivation rule agrees with every e-Gov ID in the curated vocabulary (ontology/vocab/laws.ttl)."""
    g = Graph().parse(ROOT / "ontology" / "vocab" / "laws.ttl", format="turtle", publicID="http://x/")
    ont = "http://x/ontology#"
    checked = 0
    for law, egov in g.subject_objects(URIRef(ont + "egovLawId")):
        number = parse_law_number(str(g.value(law, URIRef(ont + "lawNumber"))))
        assert number is not None, law
        member_bill = str(egov)[5] == "1" if number.is_act else None  # the one digit the number does not fix
        assert egov_law_id(number, member_bill) == str(egov), law
        checked += 1
    assert checked >= 18


# ------------------------------------------------------------------ the citation grammar


def _part(p: Part) -> str:
    """A compact reading of one locator part: L4 (article 4), Pprev (前項), I* (各号), S1-5 (イからホまで)."""
    number = "" if p.each and not p.rel else (p.rel or str(p.number))
    return f"{'LPIS'[p.level]}{number}{'-' + str(p.to) if p.to else ''}{'*' if p.each else ''}"


def _refs(text: str, in_statute: bool = True) -> list[tuple[str, str, str]]:
    out = []
    for r in find_references(text, 0, len(text), {}, in_statute=in_statute):
        reading = "".join(_part(p) for p in r.locator) + (
            "..".join(["", "".join(_part(p) for p in r.range_to)]) if r.range_to else ""
        )
        out.append((re.sub(r"\s+", "", r.surface), r.law.kind, reading))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("法第四条第三項第一号の文部科学省令で定める", [("法第四条第三項第一号", "bare", "L4P3I1")]),
        ("(法第４条第４項)", [("法第４条第４項", "bare", "L4P4")]),
        ("第二項第二号イからホまでに掲げる", [("第二項第二号イからホまで", "none", "P2I2S1-5")]),
        ("次項第二号イか\n\nらホまでに掲げる", [("次項第二号イからホまで", "none", "PnextI2S1-5")]),
        ("同号に定めるもののほか", [("同号", "none", "Isame")]),
        ("前項の規定", [("前項", "none", "Pprev")]),
        ("次項各号のいずれにも", [("次項各号", "none", "PnextI*")]),
        ("次の各号のいずれかに", []),
        ("第四項及び第五項の規定は", [("第四項", "none", "P4"), ("第五項", "none", "P5")]),
        ("第三項から第五項までの規定", [("第三項から第五項まで", "none", "P3..P5")]),
        ("第三十四条の八第二項", [("第三十四条の八第二項", "none", "L34P2")]),
        ("科学技術・イノベーション基本法(平成七年法律第百三十号)第二条第四項に規定する",
         [("科学技術・イノベーション基本法(平成七年法律第百三十号)第二条第四項", "named", "L2P4")]),
        ("材(ニにおいて「技術者等」という。)", [("ニ", "none", "S4")]),
        ("以下この項において同じ", [("この項", "none", "Pthis")]),
    ],
)  # fmt: skip
def test_reference_grammar(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _refs(text) == expected


# ------------------------------------------------------------------ the provision tree

STATUTE = """前文の説明。 12(目的)
第一条 この法律は、試験のための法律である。

(定義)
第二条 この法律において「研究機関」とは、次に掲げるものをいう。
一 大学
二 次のいずれかに該当する法人
イ 国立研究開発法人
ロ 独立行政法人
2 前項第二号の法人は、
三 年を超えない期間、二以上の事業を行うことができる。
3 前二項に定めるもののほか、必要な事項は、文部科学省令で定める。
以上が法律の本文である。
"""


def test_statute_tree_from_text() -> None:
    articles = parse_articles(STATUTE)
    assert [(a.node.path[0].number, a.node.title, a.kind) for a in articles] == [(1, "目的", "statute"), (2, "定義", "statute")]
    art2 = articles[1].node
    assert [len(p.children) for p in art2.children] == [2, 0, 0]  # a wrapped line 「三 年を…」 is not item 3 of 2(2)
    assert [len(i.children) for i in art2.children[0].children] == [0, 2]
    assert STATUTE[art2.start : art2.end].endswith("文部科学省令で定める。"), "the last node stops at its sentence"
    for a in articles:  # spans tile: a parent is its own wording followed by its children
        for n in a.node.walk():
            if n.children:
                assert n.children[0].start == n.own_end and n.children[-1].end == n.end
                assert all(x.end == y.start for x, y in zip(n.children, n.children[1:], strict=False))
    assert STATUTE[articles[0].node.start :].startswith("(目的)"), "the title glued to a page number is the article's"
    assert len(group_laws(articles)) == 1


def test_corpus_article_4_has_seven_paragraphs_and_paragraph_3_seven_items(service: Service) -> None:
    rows = service.select(
        """SELECT ?p (COUNT(DISTINCT ?item) AS ?n) WHERE {
             ?a eli:is_part_of law:iur-act ; stip:provisionNumber 4 ; a stip:Article .
             ?p eli:is_part_of ?a ; a stip:Paragraph ; stip:text ?t .
             OPTIONAL { ?item eli:is_part_of ?p ; a stip:Item } } GROUP BY ?p"""
    )
    counts = {r["p"]["value"].rsplit("_", 1)[-1]: int(r["n"]["value"]) for r in rows}
    assert counts == {"1": 0, "2": 3, "3": 7, "4": 0, "5": 0, "6": 0, "7": 0}


def test_quoted_trees_match_the_labelled_structure_and_texts_tile(client, service: Service) -> None:  # type: ignore[no-untyped-def]
    expected = json.loads((GOLD / "structure.json").read_text(encoding="utf-8"))
    doc_id = next(d["doc_id"] for d in service.documents() if d["source"] == DOC)
    text = service.document_text(doc_id)
    for key, want in expected.items():
        law, article = key.split("/")
        tree = client.get(f"/api/laws/{law}").get_json()
        node = next(a for a in tree["articles"] if a["iri"].endswith("/" + article))
        assert node["title"] == want["title"]
        assert [len(p["children"]) for p in node["children"]] == want["items_per_paragraph"]
        for path, n in want["subitems"].items():
            item = next(i for p in node["children"] for i in p["children"] if i["iri"].endswith("/" + path))
            assert len(item["children"]) == n
        _assert_tiles(node, text)


def _assert_tiles(node: dict[str, object], text: str) -> None:
    """A provision's text is the source slice, and its own wording followed by its children's texts."""
    assert node["text"] == text[node["start"] : node["end"]]  # type: ignore[index,misc]
    children = node["children"]
    if children:
        own = text[node["start"] : children[0]["start"]]  # type: ignore[index]
        assert own + "".join(c["text"] for c in children) == node["text"]  # type: ignore[union-attr]
        for c in children:  # type: ignore[union-attr]
            _assert_tiles(c, text)


# ------------------------------------------------------------------ references: 100 % of the labelled list


def _law_key(service: Service, slug: str) -> str:
    rows = service.select(f"SELECT ?id WHERE {{ law:{slug} stip:egovLawId ?id }}")
    return rows[0]["id"]["value"] if rows else slug


def test_every_labelled_reference_resolves_in_the_store(service: Service, settings) -> None:  # type: ignore[no-untyped-def]
    """Each labelled reference is a citation mention at its offsets in 004, referring to exactly the labelled
    provisions, and (inside a provision) cited by exactly the labelled provision; nothing else is found."""
    base = settings.base_iri
    keys: dict[str, str] = {}

    def iri(ref: str) -> str:
        slug, path = ref.split("/")
        keys.setdefault(slug, _law_key(service, slug))
        return f"{base}/law/{keys[slug]}/{path}"

    rows = service.select(
        f"""SELECT ?m ?start ?end ?target WHERE {{ ?d stip:sourceName "{DOC}" . ?p stip:inDocument ?d .
             ?m stip:inPassage ?p ; stip:extractedBy "legal:citation" ; stip:startOffset ?start ; stip:endOffset ?end ;
                stip:refersTo ?target }}"""
    )
    found: dict[tuple[int, int], set[str]] = {}
    for r in rows:
        found.setdefault((int(r["start"]["value"]), int(r["end"]["value"])), set()).add(r["target"]["value"])
    cites = service.select(
        """SELECT ?s ?o ?start WHERE { ?st rdf:predicate eli:cites ; rdf:subject ?s ; rdf:object ?o ; stip:startOffset ?start }"""
    )
    citing = {(int(r["start"]["value"]), r["o"]["value"]): r["s"]["value"] for r in cites}
    gold = _gold()
    wrong = []
    for row in gold:
        start = int(row["start"])  # type: ignore[call-overload]
        span = (start, start + len(str(row["surface"])))
        targets = {iri(str(t)) for t in row["targets"]}  # type: ignore[union-attr]
        if found.get(span) != targets:
            wrong.append(f"{row['surface']!r}@{start}: {found.get(span)} != {targets}")
        elif row["in"] and row["kind"] != "self":
            if any(citing.get((start, t)) != iri(str(row["in"])) for t in targets):
                wrong.append(f"{row['surface']!r}@{start}: not cited by {row['in']}")
    assert not wrong, wrong
    assert len(found) == len(gold), "references found that the labelled list does not have"
    record = next(d for d in service.documents() if d["source"] == DOC)
    assert record["legal"]["references"] == len(gold) and record["legal"]["unresolved"] == 0


def test_evaluation_command_scores_ours_and_jlawcite(settings) -> None:  # type: ignore[no-untyped-def]
    from ingest.legal.evaluate import evaluate, load_gold
    from ingest.vocab import load_vocabulary

    iris = Iris(settings.base_iri)
    results = evaluate(settings.corpus, load_gold(GOLD), load_vocabulary(settings.ontology_dir, iris), iris)
    ours = results["ours"]
    assert ours.correct == ours.total == len(_gold()) and not ours.extra
    assert results["jlawcite (NFKC text)"].correct < ours.total  # why we parse ourselves (ingest/legal/citations.py)


# ------------------------------------------------------------------ delegations: ordinance 第二条 → Act 4(3)


def _readme_query(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(title, 1)[1]
    return re.search(r"```sparql\n(.*?)```", block, re.S).group(1)  # type: ignore[union-attr]


def test_every_ordinance_paragraph_of_article_2_is_based_on_its_item_of_article_4_3(service: Service) -> None:
    rows = service.select(_readme_query("Ordinance paragraphs and the law items they are based on"))
    pairs = {(r["paragraph_ja"]["value"], r["item_ja"]["value"]) for r in rows}
    kanji = "一二三四五六七"
    assert pairs == {(f"第二条第{kanji[n]}項", f"第四条第三項第{kanji[n]}号") for n in range(7)}
    assert all(r["ordinance"]["value"].endswith("iur-act-enforcement-regulation") for r in rows)
    assert all(r["law"]["value"].endswith("/iur-act") and r["evidence"]["value"].startswith("法第四条第三項") for r in rows)


def test_provisions_filtered_by_based_on_and_cites(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/provisions", query_string={"based_on": "iur-act/art_4__para_3__item_2"})
    assert [p["labels"]["ja"] for p in r.get_json()["provisions"]] == ["第二条第二項"]
    r = client.get("/api/provisions", query_string={"cites": "504AC0000000051/art_4__para_1"})
    labels = [p["fullLabels"]["ja"] for p in r.get_json()["provisions"]]
    assert "国際卓越研究大学法第四条第四項" in labels and "国際卓越研究大学法施行規則第二条第一項" in labels


# ------------------------------------------------------------------ links: what governs the IREU system


def test_links_for_the_ireu_system(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/links", query_string={"subject": "国際卓越研究大学制度"}).get_json()
    assert data["subject"]["iri"].endswith("/id/program/iur-system")
    by_iri = {g["iri"].rsplit("/", 1)[-1]: g for g in data["governedBy"]}
    assert {"iur-act", "art_4", "art_4__para_4"} <= set(by_iri)
    consultation = by_iri["art_4__para_4"]
    assert consultation["labels"] == {"ja": "第四条第四項", "en": "Article 4(4)"}
    assert consultation["fullLabels"]["ja"] == "国際卓越研究大学法第四条第四項"
    assert consultation["fullLabels"]["en"].startswith("Article 4(4) of the Act on")
    assert any("法第4条第4項の規定に基づき" in ev["text"] and ev["passage"] for ev in consultation["evidence"])
    assert all(g["evidence"] for g in data["governedBy"]), "every governing provision comes with its passage"
    certification = next(e for e in data["events"] if "東北大学" in e["labels"]["ja"])
    assert certification["labels"]["en"].startswith("Certification of Tohoku University")
    assert {g["iri"].rsplit("/", 1)[-1] for g in certification["governedBy"]} >= {"art_4", "art_4__para_4"}
    english = client.get("/api/links", query_string={"subject": "System for Universities for International Research Excellence"})
    assert english.get_json()["subject"]["iri"] == data["subject"]["iri"]


def test_links_from_a_provision_to_what_it_governs(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/links", query_string={"subject": "iur-act/art_4"}).get_json()
    governed = {g["iri"].rsplit("/", 1)[-1] for g in data["governs"]}
    assert "iur-system" in governed and any(g.startswith("東北大学の国際卓越研究大学認定") for g in governed)


# ------------------------------------------------------------------ interfaces


def test_api_laws_lists_numbers_and_egov_ids(client) -> None:  # type: ignore[no-untyped-def]
    laws = {law["id"]: law for law in client.get("/api/laws").get_json()["laws"]}
    basic = laws["sti-basic-act"]
    assert basic["lawNumber"] == {"ja": "平成七年法律第百三十号", "en": "Act No. 130 of 1995"}
    assert basic["egovLawId"] == "407AC1000000130" and basic["egovUrl"].endswith("/407AC1000000130")
    assert laws["iur-act"]["quotedProvisions"] > 30 and laws["iur-act-enforcement-regulation"]["basedOn"].endswith("/iur-act")
    by_egov = client.get("/api/laws/504AC0000000051").get_json()
    assert by_egov["id"] == "iur-act" and by_egov["articles"][0]["labels"]["en"] == "Article 4"


def test_provision_page_shows_text_parent_children_citations_and_what_it_governs(client) -> None:  # type: ignore[no-untyped-def]
    wording = "総合科学技術・イノベーション会議及び科学技術・学術審議会の意見を聴かなければならない"
    expected = {  # the page in each interface language (web/i18n.py): section titles and names follow it
        "ja": (wording, "国際卓越研究大学法第四条", "引用されている規定", "第四条第七項", "この規定に基づくもの",
               "国際卓越研究大学制度"),
        "en": (wording, "Article 4, Universities for International Research Excellence Act", "Cited by", "Article 4(7)",
               "Governs", "System for Universities for International Research Excellence"),
    }  # fmt: skip
    for lang, parts in expected.items():
        client.set_cookie("lang", lang)
        page = client.get("/law/504AC0000000051/art_4__para_4", headers={"Accept": "text/html"}).get_data(as_text=True)
        for part in parts:
            assert part in page, (lang, part)
    client.set_cookie("lang", "ja")
    article = client.get("/law/504AC0000000051/art_4", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "第四条第三項" in article and "国際卓越研究大学の認定" in article
    ordinance = client.get("/law/504M60000080037/art_2__para_3", headers={"Accept": "application/json"})
    assert ordinance.status_code == 200
    assert client.get("/law/504AC0000000051").status_code == 303


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/laws/nope", 404), ("/api/laws/<b>", 400), ("/api/provisions?cites=garbage", 400),
     ("/api/provisions?based_on=iur-act/art_4__zz_1", 400), ("/api/provisions?law=nope", 404),
     ("/api/provisions?limit=0", 400), ("/api/links", 400), ("/api/links?subject=%E2%80%BDzz", 404),
     ("/law/504AC0000000051/art_99", 404), ("/law/nolaw", 404)],
)  # fmt: skip
def test_legal_errors_are_json(client, path: str, status: int) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code == status
    body = r.get_json()
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_cli_links(settings, ingested, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from kg.__main__ import main

    monkeypatch.setenv("KG_HOME", str(settings.home))
    monkeypatch.setenv("KG_BASE_IRI", settings.base_iri)
    assert main(["links", "国際卓越研究大学制度"]) == 0
    out = capsys.readouterr().out
    assert "国際卓越研究大学法第四条第四項" in out and "Article 4(4)" in out and "法第4条第4項の規定に基づき" in out
    assert main(["links", "no such program"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "hint:" in err and "Traceback" not in err


# ------------------------------------------------------------------ malformed references are reported

MALFORMED = """架空政策に関する資料

令和6年4月1日
文部科学省

本制度は、法第3条第2項に基づき実施する。
同号に定める基準を満たすこと。
前項の規定により申請を行う。
架空振興法第五条の規定による。
国立大学法人法第〇条の規定による。
科学技術・イノベーション基本法第二条第三項から第一項までの規定による。
様式第1号により提出する。
国立大学法人法(平成十五年法律第百十二号)第二条第一項に規定する国立大学法人。
宇宙基本法(平成二十年法律第四十三号)第三条の規定による。
"""


def test_malformed_and_unresolvable_references_are_reported_not_dropped(tmp_path: Path, settings, capsys,  # type: ignore[no-untyped-def]
                                                                         monkeypatch) -> None:  # fmt: skip
    from kg.__main__ import main

    doc = tmp_path / "corpus" / "malformed.txt"
    doc.parent.mkdir()
    doc.write_text(MALFORMED, encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KG_BASE_IRI", settings.base_iri)
    assert main(["ingest", str(doc.parent), "--json", "--quiet"]) == 0
    report = json.loads(capsys.readouterr().out)
    legal = report["legal"]["malformed.txt"]
    assert (legal["references"], legal["resolved"], legal["unresolved"]) == (8, 2, 6)
    problems = "\n".join(legal["problems"])
    for needle in ("法第3条第2項", "同号", "前項", "架空振興法第五条", "第〇条", "第三項から第一項まで"):
        assert needle in problems, needle
    assert "様式" not in problems
    assert report["problems"]["malformed.txt"] >= 6 and report["violations"] == {}
    svc = Service(load_settings(home=tmp_path / "home", base_iri=settings.base_iri))
    try:
        rows = svc.select('SELECT ?n WHERE { ?l stip:lawNumber ?n ; skos:prefLabel "宇宙基本法"@ja }')
        assert [r["n"]["value"] for r in rows] == ["平成二十年法律第四十三号"], "a law known only by its number is minted"
        cited = svc.select('SELECT ?t WHERE { ?m stip:extractedBy "legal:citation" ; stip:refersTo ?t }')
        assert any(r["t"]["value"].endswith("/415AC0000000112/art_2__para_1") for r in cited)
    finally:
        svc.close()
