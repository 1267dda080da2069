"""Sentence picking: which candidate sentence answers a typed question, and which of its spans, on the shapes
that failed on unseen documents (a heading sharing more words than the value under it, another edition of
a meeting, a person in another post, a count in another counter, a period's start for a deadline)."""

from __future__ import annotations

import pytest

from kg.answer.extract import pick
from kg.answer.question import analyse
from search.hybrid import Hit
from search.keyword import tokenize


def _hits(*texts: str) -> list[Hit]:
    """Passages of one document, one after another, each ranked as given; no dense score, so only the rules decide."""
    hits, start = [], 0
    for i, text in enumerate(texts):
        hits.append(Hit(i, {"doc_id": "d", "index": i, "start": start, "end": start + len(text), "text": text}, 1.0))
        start += len(text) + 1
    return hits


def _answer(question: str, *texts: str) -> tuple[str, list[str]]:
    q = analyse(question)
    words = set(tokenize(question)) | {w for w in tokenize(question) if len(w) >= 2}
    picked = pick(q, _hits(*texts), words, set(), searcher=None, entities={})
    assert picked is not None
    cand, spans = picked
    return cand.text.strip(), [s.ja for s in spans]


@pytest.mark.parametrize(
    ("question", "texts", "sentence", "first"),
    [
        # A heading repeating the question's words states no date; the value under its label does.
        (
            "Q-LINKSの第2回公募の説明会はいつ開かれますか。",
            [
                "「Q-LINKS」第2回公募の説明会の開催について",
                "3．公募説明会\n以下のとおり説明会を開催します。\n日時：令和7年9月26日（金）14時",
            ],
            "日時：令和7年9月26日（金）14時",
            "令和7年9月26日",
        ),
        # The edition asked (第6回), not the one the page is about (第5回).
        (
            "第6回フォーラムはどこで開催されますか。",
            [
                "第5回フォーラム 開催概要\n会場：福井県敦賀市の会議場で開催",
                "第6回フォーラムは、福岡県福岡市で開催する方向で調整する。",
            ],
            "第6回フォーラムは、福岡県福岡市で開催する方向で調整する。",
            "福岡県福岡市",
        ),
        # A count in the counter asked: 17か国, not 3領域.
        (
            "AACRIの相手国は何か国ですか。",
            ["AACRIは防災など3領域を対象とし、相手国は17か国に及ぶ。"],
            "AACRIは防災など3領域を対象とし、相手国は17か国に及ぶ。",
            "17か国",
        ),
        # The person in the post asked: the chair, not the official who greeted.
        (
            "Who chairs the evaluation committee?",
            ["評価委員会には政務官の橋本 優斗が出席した。", "評価委員会（委員長：東北大学 名誉教授 佐野 敏明）を置く。"],
            "評価委員会（委員長：東北大学 名誉教授 佐野 敏明）を置く。",
            "佐野 敏明",
        ),
        # A deadline is the end of the application period.
        (
            "Q-LINKSの公募の締切はいつですか。",
            ["Q-LINKSの公募期間：令和7年9月12日（金）〜令和7年11月7日（金）正午"],
            "Q-LINKSの公募期間：令和7年9月12日（金）〜令和7年11月7日（金）正午",
            "令和7年11月7日",
        ),
        # An amount asked per month: 月額45万円, not the year's budget.
        (
            "GSLフェローの研究奨励金は月いくらですか。",
            ["GSLフェローの予算額は12億6千万円です。", "研究奨励金：月額45万円（年額540万円）"],
            "研究奨励金：月額45万円（年額540万円）",
            "45万円",
        ),
    ],
)
def test_the_sentence_and_span_that_answer(question: str, texts: list[str], sentence: str, first: str) -> None:
    got, spans = _answer(question, *texts)
    assert got == sentence and spans[0] == first, (got, spans)


def test_a_rule_comes_into_force_on_the_date_it_says_so() -> None:
    question = "When did the rules come into force?"
    _, spans = _answer(question, "令和5年3月15日\n若手研究者派遣規程", "この規程は、令和5年4月1日から施行する。")
    assert spans[0] == "令和5年4月1日"


def test_a_list_is_the_enumeration_of_the_noun_asked() -> None:
    from kg.answer.extract import runs

    q = analyse("AACRIが対象とする領域を挙げてください。")
    text = "AACRIは、防災、感染症、食料安全保障の3領域を対象とし、JSTとJICAが支援する。"
    cand, found = pick(q, _hits(text), {"領域", "対象"}, set(), None, {})  # type: ignore[misc]
    assert [s.ja for s in next(r for r in runs(found, cand.text) if found[0] in r)] == ["防災", "感染症", "食料安全保障"]
