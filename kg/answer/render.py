"""The answer line in the asker's language, composed from typed spans and the graph's labels.

No translation model runs here: an English line is made only of what the system can render itself (numbers,
dates, fiscal years, article numbers, entity labels, romanized names), and the Japanese sentence it came from
is quoted beneath as the document's words. ``Rendering.by`` says which part is which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.answer.question import Question
from kg.answer.spans import Span

_STATUS_EN = {"request": "request", "supplementary": "supplementary budget", "actual": "actual",
              "previous-year": "previous year's budget", "budget": "budget"}  # fmt: skip
_STATUS_JA = {"request": "要求", "supplementary": "補正予算", "actual": "実績", "previous-year": "前年度予算",
              "budget": "予算"}  # fmt: skip
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass
class Rendering:
    line: str  # the system's rendering, in the asker's language
    language: str  # ja | en: the language the line is in
    quote: str  # the document's words the line was read from
    answer_type: str
    found: bool  # a span of the asked type satisfied the constraints
    by: str = "system"  # who wrote the line: system (rules over spans and labels) or translator (KG_TRANSLATOR)

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "language": self.language, "answer_type": self.answer_type, "found": self.found,
                "by": {"line": self.by, "quote": "document"}, "quote": self.quote}  # fmt: skip


def span_text(span: Span, question: Question) -> str:
    """One span in the asker's language, with the fiscal year and status an amount's line states."""
    if question.lang != "en":
        if span.type == "amount" and (span.year or span.status):
            context = "・".join(x for x in (f"{span.year}年度" if span.year else "", _STATUS_JA.get(span.status or "", "")) if x)
            return f"{span.ja}（{context}）"
        return span.ja
    if span.type == "amount" and (span.year or span.status):
        context = " ".join(x for x in (f"FY{span.year}" if span.year else "", _STATUS_EN.get(span.status or "", "")) if x)
        return f"{span.en} ({context})"
    if span.type == "count" and question.counted:  # 「how many projects」: the asker's own noun, the qualifier kept
        words = span.en.split(" ")
        number = next((i for i, w in enumerate(words) if w[:1].isdigit()), 0)
        return " ".join([*words[: number + 1], question.counted])
    return span.en


def line(spans: list[Span], question: Question) -> str:
    """The answer line: the best span first, a list's items joined."""
    texts = list(dict.fromkeys(span_text(s, question) for s in spans))
    return ("; " if question.lang == "en" else "、").join(texts)


def is_english(text: str) -> bool:
    """A line an English reader can read: at most a fifth of its letters Japanese (a bare number or year, 「2010」,
    has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return bool(text.strip())
    return sum(1 for c in letters if _JAPANESE.match(c)) <= len(letters) / 5


def not_found(question: Question) -> str:
    names = {"amount": "amount", "count": "count", "date": "date", "fiscal_year": "fiscal year", "person": "person",
             "place": "place", "organization": "organisation", "provision": "provision", "list": "list"}  # fmt: skip
    what = names.get(question.type, "answer")
    year = f" for FY{question.fiscal_year}" if question.fiscal_year else ""
    if question.lang == "en":
        return f"Not found: no {what}{year} stated in the best passages; the closest sentence is quoted below."
    return "該当なし：上位の箇所に問いの型に合う記述が見つかりません。最も近い文を下に引用します。"
