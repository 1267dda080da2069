"""The analysts' pages as the server renders them (issue 7): answers with citations, facets and filters,
entity, law, provision, document and browse pages, the language switch, and escaping."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest


def page(client, path: str, lang: str = "en", status: int = 200, **params: str) -> str:  # type: ignore[no-untyped-def]
    """The HTML of a page as a reader who chose ``lang`` sees it."""
    client.set_cookie("lang", lang)
    r = client.get(path, query_string=params or None, headers={"Accept": "text/html"})
    assert r.status_code == status, r.get_data(as_text=True)[:500]
    assert r.mimetype == "text/html"
    return r.get_data(as_text=True)


def section(html: str, ident: str) -> str:
    """The HTML of the <section id=…> of a page (up to the next card)."""
    start = html.index(f'id="{ident}"')
    return html[start : html.find('<section class="card"', start + 1)]


def doc_id(service, source_prefix: str) -> str:  # type: ignore[no-untyped-def]
    return next(d["doc_id"] for d in service.documents() if d["source"].startswith(source_prefix))


# ------------------------------------------------------------------ home: ask and search


def test_english_question_gets_a_cited_japanese_passage(client) -> None:  # type: ignore[no-untyped-def]
    html = page(
        client, "/", q="Which October 2024 summit statement referred to continued efforts through the Sakura Science Program?"
    )
    answer = section(html, "answer")
    assert "第27回日・ASEAN首脳会議" in answer
    cited = re.search(r'<li id="src-1" class="source">.*?</li>', answer, re.S)
    assert cited and re.search(r'href="/doc/[0-9a-f]+#p\d+"', cited.group(0))
    assert "第27回日・ASEAN首脳会議" in re.search(r"<mark>(.*?)</mark>", cited.group(0), re.S).group(1)  # type: ignore[union-attr]


def test_graph_answer_lists_labels_in_the_chosen_language(client) -> None:  # type: ignore[no-untyped-def]
    q = "Who runs the Sakura Science Program?"
    en = section(page(client, "/", q=q), "answer")
    ja = section(page(client, "/", lang="ja", q=q), "answer")
    assert ">Japan Science and Technology Agency</a>" in en and "From the knowledge graph" in en
    assert ">科学技術振興機構</a>" in ja and "ナレッジグラフから" in ja
    assert 'href="/id/agency/jst"' in en


def test_facets_link_to_filtered_results(client, service) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/", q="予算額")
    for name in ("doc", "type", "fiscal_year", "country", "agency"):
        assert f'class="facet facet-{name}"' in html
    link = unescape(re.search(r'<a href="(/\?[^"]*fiscal_year=2022[^"]*)"', html).group(1))  # type: ignore[union-attr]
    filtered = page(client, link)
    assert 'class="applied"' in filtered and "FY2022" in filtered
    budget_passages = {r["p"]["value"].rsplit("/doc/", 1)[1] for r in service.select(
        'SELECT DISTINCT ?p WHERE { ?b stip:fiscalYear "2022"^^xsd:gYear ; prov:wasDerivedFrom ?p }')}  # fmt: skip
    shown = set(re.findall(r'<span class="pid">([0-9a-f]+#p\d+)</span>', section(filtered, "hits-h")))
    assert shown and shown <= budget_passages


def test_bad_filter_is_explained_on_the_page(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/", status=400, q="予算", country="Atlantis")
    assert "no country or region named" in html and 'role="alert"' in html


# ------------------------------------------------------------------ language


def test_language_switch_sets_a_cookie_and_returns(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/lang/en", query_string={"next": "/browse?x=1"})
    assert r.status_code == 303 and r.headers["Location"] == "/browse?x=1"
    assert "lang=en" in r.headers["Set-Cookie"] and "Max-Age" in r.headers["Set-Cookie"]
    html = client.get("/browse", headers={"Accept": "text/html"}).get_data(as_text=True)  # the client keeps the cookie
    assert '<html lang="en">' in html and ">Programs<" in html


def test_an_unknown_interface_language_is_a_404_and_sets_nothing(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/lang/fr", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.get_json()["error"] == "no interface language 'fr'" and "Set-Cookie" not in r.headers


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_language_switch_only_returns_to_this_site(client, target: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/lang/ja", query_string={"next": target})
    assert r.status_code == 303 and r.headers["Location"] == "/"


@pytest.mark.parametrize(("accept", "lang", "word"), [("en-US,en;q=0.9", "en", "Browse"), ("ja,en;q=0.5", "ja", "一覧")])
def test_language_defaults_to_the_browser_preference(app, accept: str, lang: str, word: str) -> None:  # type: ignore[no-untyped-def]
    html = app.test_client().get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and f">{word}</a>" in html


# ------------------------------------------------------------------ entity, law, provision pages


def test_program_page_budgets_chart_facts_events_graph(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/id/program/sakura-science")
    assert "<h1>Sakura Science Exchange Program</h1>" in html and "さくらサイエンスプログラム" in html
    budgets = section(html, "budgets")
    assert budgets.count("<rect ") == 2 and "FY2021" in budgets and "FY2022" in budgets and "1,371百万円" in budgets
    facts = section(html, "facts")
    row = re.search(r"<tr><th scope=\"row\">operated by</th>.*?</tr>", facts, re.S)
    assert row and 'href="/id/agency/jst"' in row.group(0) and "JSTの国際青少年交流" in row.group(0)  # its document
    # the sentence that states it, marked: 「科学技術振興機構(JST)は2014年に「さくらサイエンスプログラム」を開始し…」
    assert re.search(r"<mark>[^<]*JST[^<]*さくらサイエンスプログラム[^<]*</mark>", row.group(0))
    assert "2023-03" in section(html, "events")
    data = json.loads(unescape(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html).group(1)))  # type: ignore[union-attr]
    ids = {n["id"].rsplit("/", 2)[-2] + "/" + n["id"].rsplit("/", 1)[-1] for n in data["nodes"]}
    assert "agency/jst" in ids and "program/sakura-science-bilateral" in ids
    assert all(e["source"] in {n["id"] for n in data["nodes"]} for e in data["edges"])
    assert "/static/vendor/cytoscape.min.js" in html


def test_program_page_links_to_its_governing_provision_with_the_sentence(client) -> None:  # type: ignore[no-untyped-def]
    governing = section(page(client, "/id/program/iur-system", lang="ja"), "governing")
    link = re.search(r'<a href="/law/504AC0000000051/art_4"[^>]*>([^<]+)</a>', governing)
    assert link and link.group(1) == "国際卓越研究大学法第四条"
    assert "<mark>" in governing and "国際卓越研究大学制度について" in governing


def test_law_page_shows_the_provision_tree_with_texts_citations_and_what_it_governs(client) -> None:  # type: ignore[no-untyped-def]
    html = section(page(client, "/id/law/iur-act"), "law")
    assert 'id="art_4"' in html and 'id="art_4__para_3__item_1"' in html
    assert "国際的に卓越した研究の実績として文部科学省令で定めるものを有していること。" in html
    item = html[html.index('id="art_4__para_3__item_1"') :]
    assert re.search(r"Implemented by</dt><dd><a href=\"/law/504M60000080037/art_2__para_1\">Article 2\(1\), Regulation", item)
    assert 'href="/id/program/iur-system"' in html  # Article 4 governs the system
    assert "Act No. 51 of 2022" in html and "https://laws.e-gov.go.jp/law/504AC0000000051" in html


def test_provision_page(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/law/504AC0000000051/art_4", lang="ja")
    assert "<h1>国際卓越研究大学法第四条</h1>" in html
    prov = section(html, "provision")
    assert "大学の設置者は、申請により" in prov and 'href="/id/program/iur-system"' in prov and 'href="/id/law/iur-act"' in prov


def test_agency_and_country_pages_list_their_programs(client) -> None:  # type: ignore[no-untyped-def]
    jst = section(page(client, "/id/agency/jst"), "incoming")
    assert 'href="/id/program/sakura-science"' in jst
    india = page(client, "/id/country/IN")
    assert "<h1>India</h1>" in india and "インド" in india and 'href="/id/program/' in section(india, "incoming")


# ------------------------------------------------------------------ documents and browse


def test_document_page_marks_passages_and_mentions(client, service) -> None:  # type: ignore[no-untyped-def]
    doc = doc_id(service, "004")
    html = page(client, f"/doc/{doc}", lang="ja")
    passages = [p for p in service.index().passages if p["doc_id"] == doc]
    assert all(f'id="p{p["index"]}"' in html for p in passages)
    assert '<a class="mention" href="/id/program/iur-system">国際卓越研究大学制度</a>' in html
    assert '<h1 lang="ja">国際卓越研究大学制度について</h1>' in html and 'href="/id/agency/mext"' in html


def test_browse_lists_with_counts_and_budget_table(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/browse")
    for ident in ("programs", "agencies", "countries", "laws", "budgets", "documents"):
        assert f'id="{ident}"' in html
    programs = section(html, "programs")
    row = re.search(r'<tr><th scope="row"><a href="/id/program/sakura-science">.*?</tr>', programs, re.S)
    assert row and 'href="/id/agency/jst"' in row.group(0) and '<td class="num">14</td>' in row.group(0)
    budgets = section(html, "budgets")
    assert '<th scope="col">FY2021</th><th scope="col">FY2022</th>' in budgets and "year not stated" in budgets
    sakura = re.search(r'<tr><th scope="row"><a href="/id/program/sakura-science">.*?</tr>', budgets, re.S)
    assert sakura and "¥1.27 bn" in sakura.group(0) and "¥1.37 bn" in sakura.group(0)
    assert 'href="/id/law/iur-act"' in section(html, "laws")


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize("q", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</title><script>x</script>"])
def test_query_is_escaped_everywhere_and_pages_forbid_inline_scripts(client, q: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/", query_string={"q": q}, headers={"Accept": "text/html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and q not in html and "<script>" not in html and "<img src=x" not in html
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_sparql_page_still_renders_inside_the_layout(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/sparql")
    assert 'id="lang-switch"' in html and "<textarea" in html


def test_a_budget_page_is_named_by_its_amount_and_shows_its_sentence(client, service) -> None:  # type: ignore[no-untyped-def]
    budget = service.select(
        'SELECT ?b WHERE { ?b stip:budgetOf ?p ; stip:statedAs "1,371百万円"@ja ; stip:fiscalYear "2022"^^xsd:gYear }'
    )[0]["b"]["value"]
    html = page(client, budget.removeprefix(service.iris.base))
    assert "<h1>¥1.37 bn · FY2022</h1>" in html and 'class="stated-in"' in html and "<mark>1,371百万円</mark>" in html
    assert 'href="/id/program/sakura-science"' in html
