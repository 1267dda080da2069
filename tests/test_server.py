"""HTTP API: JSON shapes, entity dereferencing, error shape, escaping."""

from __future__ import annotations

import pytest


def test_health(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/health")
    assert r.status_code == 200 and r.get_json()["ok"] is True


def test_api_search_english_question(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/search", query_string={"q": "age limit of Sakura Science invitees", "k": 5})
    assert r.status_code == 200
    hits = r.get_json()["hits"]
    assert any("40歳以下" in h["text"] for h in hits)


def test_api_documents(client) -> None:  # type: ignore[no-untyped-def]
    docs = client.get("/api/documents").get_json()["documents"]
    assert len(docs) == 5 and all(d["title"] and d["issued"] and d["publishers"] for d in docs)


def test_api_entities_by_type(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/entities", query_string={"type": "Program"})
    programs = r.get_json()["entities"]
    assert any(p["iri"].endswith("/sakura-science") for p in programs)
    assert all(p["type"] == "Program" and p["mentions"] > 0 for p in programs)


def test_program_list_has_agency_countries_budgets(client) -> None:  # type: ignore[no-untyped-def]
    programs = client.get("/api/entities", query_string={"type": "Program"}).get_json()["entities"]
    assert all({"operatedBy", "partnerCountries", "budgets"} <= set(p) for p in programs)
    assert any(p["operatedBy"] for p in programs) and any(p["partnerCountries"] for p in programs)
    assert any(p["budgets"] for p in programs)


def test_entity_page_shows_facts_with_their_sentence(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/id/program/sakura-science", headers={"Accept": "application/json"}).get_json()
    extracted = [f for f in data["facts"] if f["evidence"]]
    assert extracted, "extracted facts must carry the sentence they come from"
    html = client.get("/id/program/sakura-science", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert extracted[0]["evidence"][0]["text"][:20] in html


def test_entity_dereferences_in_each_format(client, settings) -> None:  # type: ignore[no-untyped-def]
    path = "/id/agency/mext"
    html = client.get(path, headers={"Accept": "text/html"})
    assert html.status_code == 200 and "文部科学省" in html.get_data(as_text=True)
    data = client.get(path, headers={"Accept": "application/json"}).get_json()
    assert data["labels"]["ja"] == ["文部科学省"] and data["passages"]
    ttl = client.get(path + ".ttl")
    assert ttl.status_code == 200 and ttl.mimetype == "text/turtle" and "文部科学省" in ttl.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [("/id/agency/no-such-agency", 404), ("/api/search?q=", 400), ("/api/search?q=x&k=abc", 400),
     ("/api/entities?type=Nope", 400), ("/doc/nope", 404), ("/no/such/route", 404)],
)  # fmt: skip
def test_errors_are_json(client, path: str, status: int) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code == status
    body = r.get_json()
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_query_text_is_escaped_in_html(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/search", query_string={"q": "<script>alert(1)</script>"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_api_search_filters_and_facets(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/search", query_string={"q": "予算額", "fiscal_year": "2022", "agency": "JST", "k": 5})
    body = r.get_json()
    assert r.status_code == 200 and body["filters"]["fiscal_year"] == 2022 and body["filters"]["agency"].endswith("/agency/jst")
    assert body["hits"] and all(any(e["iri"] == body["filters"]["agency"] for e in h["entities"]) for h in body["hits"])
    assert {"doc", "type", "fiscal_year", "country", "agency", "depth"} <= set(body["facets"])


@pytest.mark.parametrize(("param", "value"), [("fiscal_year", "next year"), ("country", "Atlantis"), ("agency", "Nobody")])
def test_api_search_bad_filter_is_400_json(client, param: str, value: str) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/search", query_string={"q": "予算", param: value}).get_json()
    assert body["ok"] is False and body["status"] == 400 and body["hint"]
