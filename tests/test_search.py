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
