"""Hybrid search on the real corpus: English and Japanese questions find the Japanese passage that answers."""

from __future__ import annotations

import numpy as np
import pytest

from kg.errors import BadRequest, IndexMismatch
from kg.service import Service
from search.hybrid import Filters

CASES = [
    ("en", "What is the age limit for participants invited by the Sakura Science Program?", "40歳以下"),
    ("ja", "さくらサイエンスプログラムで招へいされる人の年齢制限は？", "40歳以下"),
    ("en", "How much is the Mineta Ambassador Program fund?", "1,200万ドル"),
    ("en", "Which agency runs the LOTUS Programme with India?", "LOTUS"),
    ("ja", "LOTUSプログラムはどの国との交流か", "インド"),
]


@pytest.mark.parametrize(("lang", "query", "evidence"), CASES)
def test_question_finds_evidence_in_top_5(service: Service, lang: str, query: str, evidence: str) -> None:
    hits = service.search(query, 5)["hits"]
    assert any(evidence in h["text"] for h in hits), [h["text"][:80] for h in hits]


def test_hit_shape_has_provenance(service: Service) -> None:
    hit = service.search("SICORP", 1)["hits"][0]
    text = service.document_text(hit["doc_id"])
    assert text[hit["start"] : hit["end"]] == hit["text"]
    assert hit["passage_id"].startswith(hit["doc_id"] + "#p")
    assert set(hit["components"]) <= {"bm25", "dense", "entity", "window", "english"} and hit["components"]
    assert hit["entities"] and all("iri" in e for e in hit["entities"])


def test_each_component_contributes(service: Service) -> None:
    index = service.index()
    searcher = service.searcher()
    import numpy as np

    allowed = np.ones(len(index.passages), dtype=bool)
    parts = searcher.components("MEXT international cooperation 文部科学省", allowed)
    assert parts["bm25"] and parts["dense"] and parts["entity"]


def test_english_entity_name_pulls_in_passages(service: Service) -> None:
    result = service.search("Sakura Science", 5)
    assert any(e["iri"].endswith("/sakura-science") for e in result["entities"])
    assert all("entity" in h["components"] for h in result["hits"][:3])


def test_filter_by_document(service: Service) -> None:
    hits = service.search("国際交流", 10, Filters(doc="003_2ece5078d4da90fd.txt"))["hits"]
    assert hits and {h["source"] for h in hits} == {"003_2ece5078d4da90fd.txt"}


def test_highlights_mark_query_terms(service: Service) -> None:
    hit = service.search("さくらサイエンスプログラム", 1)["hits"][0]
    assert any(hit["text"][s:e] == "さくらサイエンスプログラム" for s, e in hit["highlights"])


@pytest.mark.parametrize(("query", "k"), [("", 5), ("   ", 5), ("MEXT", 0), ("MEXT", 1000)])
def test_bad_search_input(service: Service, query: str, k: int) -> None:
    with pytest.raises(BadRequest):
        service.search(query, k)


def test_index_built_with_another_model_is_refused(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    svc = Service(replace(settings, embedding_model="sentence-transformers/all-MiniLM-L6-v2"))
    with pytest.raises(IndexMismatch) as info:
        svc.search("MEXT", 3)
    assert "python -m kg reindex" in info.value.hint


def test_english_words_become_the_corpus_japanese_words(service: Service) -> None:
    lexicon = service.searcher().lexicon
    assert "予算" in lexicon.translate("What was the budget?")
    assert "大学" in lexicon.translate("universities")  # plural back to the gloss form
    assert {"共同", "民間"} <= set(lexicon.translate("joint private-sector research"))  # a hyphenated word's parts
    assert "論文" in lexicon.translate("papers")  # the singular's renderings too, though JMdict glosses 「papers」 itself
    assert lexicon.translate("the of and") == []


def test_english_question_reaches_japanese_passages_through_bm25(service: Service) -> None:
    searcher = service.searcher()
    allowed = np.ones(len(service.index().passages), dtype=bool)
    rows = searcher.components("SICORP budget request for fiscal 2022", allowed)["bm25"]
    texts = [service.index().passages[r]["text"] for r, _ in rows[:5]]
    assert any("1,160百万円" in t or "11.6億円" in t for t in texts), texts


def test_english_reading_of_passages_ranks_japanese_evidence(service: Service) -> None:
    searcher = service.searcher()
    allowed = np.ones(len(service.index().passages), dtype=bool)
    rows = searcher.components("What is the budget request for SICORP in fiscal 2022?", allowed)["english"]
    texts = [service.index().passages[r]["text"] for r, _ in rows[:5]]
    assert any("1,160百万円" in t for t in texts), texts
    assert "english" not in searcher.components("さくらサイエンスプログラムの年齢制限", allowed)


# ------------------------------------------------------------------ filters named in issue 7, and facets


def _budget_passages(service: Service, year: int) -> set[str]:
    """Passage ids the graph says state a budget of the fiscal year (an independent SPARQL read)."""
    rows = service.select(
        f'SELECT DISTINCT ?p WHERE {{ ?b a stip:Budget ; stip:fiscalYear "{year}"^^xsd:gYear ; prov:wasDerivedFrom ?p }}'
    )
    return {r["p"]["value"].rsplit("/doc/", 1)[1] for r in rows}


@pytest.mark.parametrize("year", [2021, 2022])
def test_filter_by_fiscal_year_keeps_passages_stating_its_budgets(service: Service, year: int) -> None:
    expected = _budget_passages(service, year)
    hits = service.search("予算額", 20, service.filters(fiscal_year=str(year)))["hits"]
    assert expected and hits
    assert {h["passage_id"] for h in hits} <= expected


def test_fiscal_year_accepts_fy_prefix_and_refuses_nonsense(service: Service) -> None:
    assert service.filters(fiscal_year="FY2022").fiscal_year == 2022
    for bad in ("twenty", "22", "FY"):
        with pytest.raises(BadRequest):
            service.filters(fiscal_year=bad)


@pytest.mark.parametrize(("name", "iri_end"), [("India", "/country/IN"), ("インド", "/country/IN"), ("IN", "/country/IN")])
def test_filter_by_country_name_in_either_language(service: Service, name: str, iri_end: str) -> None:
    filters = service.filters(country=name)
    assert filters.country and filters.country.endswith(iri_end)
    hits = service.search("交流", 10, filters)["hits"]
    assert hits and all(any(e["iri"] == filters.country for e in h["entities"]) for h in hits)


@pytest.mark.parametrize("name", ["JST", "科学技術振興機構", "Japan Science and Technology Agency"])
def test_filter_by_agency(service: Service, name: str) -> None:
    filters = service.filters(agency=name)
    assert filters.agency and filters.agency.endswith("/agency/jst")
    hits = service.search("international exchange", 10, filters)["hits"]
    assert hits and all(any(e["iri"] == filters.agency for e in h["entities"]) for h in hits)


@pytest.mark.parametrize(("kind", "value"), [("country", "Narnia"), ("agency", "India"), ("country", "JST")])
def test_unknown_or_wrong_kind_of_name_is_a_bad_request(service: Service, kind: str, value: str) -> None:
    with pytest.raises(BadRequest) as info:
        service.filters(**{kind: value})
    assert info.value.hint


def test_facets_count_the_top_passages(service: Service) -> None:
    result = service.search("予算", 10)
    facets = result["facets"]
    assert facets["depth"] >= len(result["hits"])
    assert sum(v["count"] for v in facets["doc"]) == facets["depth"]
    years = {v["value"]: v["count"] for v in facets["fiscal_year"]}
    assert 2022 in years and 2021 in years
    assert all(v["labels"] for v in facets["country"] + facets["agency"])
    assert {v["value"] for v in facets["type"]} >= {"Program", "Agency"}


def test_a_facet_value_applied_as_filter_keeps_only_its_passages(service: Service) -> None:
    facets = service.search("研究交流", 10)["facets"]
    country = facets["country"][0]
    narrowed = service.search("研究交流", 50, service.filters(country=country["value"]))
    assert len(narrowed["hits"]) >= country["count"]  # every passage the facet counted is still found
    assert all(any(e["iri"] == country["value"] for e in h["entities"]) for h in narrowed["hits"])
    assert narrowed["filters"] == {"country": country["value"]}


def test_the_labelled_questions_rank_fusion_above_every_retriever_and_the_naive_baseline(service: Service) -> None:
    """`kg eval search` on bench/data/questions.jsonl: per language, the fused ranking beats each retriever alone
    and the naive RAG pipeline (500-character chunks, same model, flat cosine) run in the same process."""
    from pathlib import Path

    from search.evaluate import evaluate, load_questions

    questions = load_questions(Path(__file__).resolve().parent.parent / "bench" / "data" / "questions.jsonl")
    results = evaluate(service, questions)
    for lang in ("ja", "en"):
        systems = results[lang]
        assert systems["hybrid"]["n"] >= 45, (lang, systems["hybrid"])  # the evidence spans are found in the documents
        retrievers = [name for name in systems if name not in ("hybrid", "naive", "oracle")]
        assert {"bm25", "dense", "entity"} <= set(retrievers)
        assert all(systems["hybrid"]["mrr"] > systems[name]["mrr"] for name in retrievers), (lang, systems)
        assert systems["hybrid"]["recall@5"] > systems["naive"]["recall@5"], (lang, systems)
        assert systems["oracle"]["recall@5"] >= max(systems[name]["recall@5"] for name in retrievers)
