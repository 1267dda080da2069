"""Typed answers over the corpus, on the shapes the issue lists: the answer line states the span of the asked
type in the asker's language, the document's sentence is quoted as its source, constraints are kept."""

from __future__ import annotations

import pytest

from kg.answer.render import is_english
from kg.ask import Answerer


@pytest.fixture(scope="module")
def answerer(service) -> Answerer:  # type: ignore[no-untyped-def]
    return Answerer(service)


def test_criteria_are_the_items_of_the_provision_listing_them(answerer: Answerer) -> None:
    for question in (
        "国際卓越研究大学の認定基準は？",
        "What are the certification criteria for an International Research University?",
    ):
        a = answerer.ask(question).to_json()
        slugs = [i["value"].rsplit("/", 1)[1] for i in a["items"]]
        assert slugs[:2] == ["art_4__para_3__item_1", "art_4__para_3__item_2"], (question, slugs)  # not Article 4(5)
        assert len(slugs) == 7


def test_english_count_answer_is_in_english_with_the_japanese_quoted(answerer: Answerer) -> None:
    a = answerer.ask("How many students did Japan receive from the US as of May 2024?").to_json()
    assert a["answer_type"] == "count" and a["answer"] == "about 4,000 students", a["answer"]
    assert a["answer_language"] == "en" and a["rendering"]["by"] == {"line": "system", "quote": "document"}
    assert "約4,000名" in a["rendering"]["quote"] and a["citations"][0]["text"] == a["rendering"]["quote"]


def test_english_date_answer(answerer: Answerer) -> None:
    a = answerer.ask("When did the minister hold a telephone meeting with OSTP Director Kratsios?")
    assert a.text == "3 April 2025" and is_english(a.text)
    assert "2025年4月3日" in a.citations[0].text


def test_budget_starts_with_the_programs_own_line(answerer: Answerer) -> None:
    for question in ("What is the budget of SICORP?", "SICORPの予算はいくらか"):
        a = answerer.ask(question)
        assert a.source == "graph" and a.kind == "budget"
        own = [i for i in a.items if not i["labels"]]
        assert own and a.items[: len(own)] == own, "the program's own lines come before its parts"
    english = answerer.ask("What is the budget of SICORP?").text
    assert "¥" in english and "billion" in english and is_english(english)


def test_not_found_when_no_span_meets_the_year(answerer: Answerer) -> None:
    a = answerer.ask("How many students did Japan receive from the US in FY2031?")
    assert a.analysis is not None and a.analysis.fiscal_year == 2031
    assert a.text.startswith("Not found") or a.source is None, a.text
