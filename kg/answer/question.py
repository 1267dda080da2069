"""Question analysis, Japanese and English: the answer type asked for and the constraints on it.

Types: amount, fiscal_year, date, count, person, place, organization, provision, list, definition (and
description when nothing more specific is asked). Constraints: the fiscal year named, the document genre
a question points at (an ordinance, a law), the English noun a count is of (「how many projects」).
The entities named are recognised by the searcher; this module reads only the question's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import find_dates
from search.hybrid import query_language

# Order matters: the first type whose pattern matches is the one asked for.
_TYPES: list[tuple[str, re.Pattern[str]]] = [
    # 「Which German research organisation…」「Which minister…」「Which Japanese city…」: the head noun decides.
    (
        "organization",
        re.compile(
            r"\bwhich\s+(?:[A-Za-z-]+\s+){0,3}?(?:agency|agencies|organi[sz]ation|ministry|body|institution|institute"
            r"|university|company|council|committee|foundation)\b|どの(?:機関|組織|省庁|大学|法人|団体)",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"\bwhich\s+(?:[A-Za-z-]+\s+){0,2}?(?:minister|person|official|professor|director|chair\w*|president)\b", re.I
        ),
    ),
    ("place", re.compile(r"\bwhich\s+(?:[A-Za-z-]+\s+){0,2}?(?:city|prefecture|town|municipality|place|site)\b", re.I)),
    ("list", re.compile(r"\bwhich kinds? of\b|\bwhat kinds? of\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?:which|what|in what) fiscal year\b|何年度|どの年度|いつの年度", re.I)),
    (
        "count",
        re.compile(
            r"\bhow many\b|\bnumber of\b"
            r"|何(?:名|人|件|か国|カ国|ヶ国|課題|機関|校|社|拠点|回|本|チーム|大学|者|機|基|年間|か所|箇所)"
            r"|いくつ|何(?:つ|個)|件数|人数|採択数",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            r"\bhow much\b|\bbudget\w*|\bfunding\b|\bamount\b|\bcost\b|\bgrant (?:size|ceiling)|\bceiling\b"
            r"|\bhow (?:large|big)\b"
            r"|\ballowance\b|\bstipend\b|\bsalary\b|予算|金額|いくら|手当|支給額|どれだけの額|何円|上限額|規模|経費|補助額|助成額",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\bwhen\b|\bwhat date\b|\bdeadline\b|\bhow long\b|締切|締め切り|期限|期間"
            r"|\bon which (?:day|date)\b|\bwhich (?:day|month|year)\b|\bwhen\b|いつ|何月|何日|日付|何年",
            re.I,
        ),
    ),
    (
        "organization",
        re.compile(
            r"\bwho\b.*\b(?:runs?|operates?|administers?|manages?|implements?|funds?|issued|publishe[sd]|hosts?|hosted)\b"
            r"|\b(?:run|operated|administered|managed|funded|implemented|issued|hosted)\s+by\b"
            r"|\bwhich\s+(?:[A-Za-z-]+\s+)?(?:agency|organi[sz]ation|ministry|body|institution|university|institute|company|council|committee)\b"
            r"|実施機関|運営|所管|どこが|担当|どの(?:機関|組織|省庁|大学|法人|会社|団体)|主催|事務局|どこの",
            re.I,
        ),
    ),
    ("person", re.compile(r"^\s*who\b|\bwho\b|\bwhose\b|\bwhich person\b|誰|だれ|どなた|氏名|何という人", re.I)),
    (
        "place",
        re.compile(
            r"\bwhere\b|\bwhich (?:city|prefecture|town|place|site)\b"
            r"|どこに|どこで|どこへ|所在地|場所|どの(?:都市|県|市|町)",
            re.I,
        ),
    ),
    (
        "provision",
        re.compile(r"\bwhich (?:article|provision|paragraph|item)\b|\bunder which\b|どの条|何条|根拠条文|どの規定|どの号", re.I),
    ),
    (
        "list",
        re.compile(
            r"\bwhich (?:countries|fields|areas|regions|themes|topics|partners|members|universities|organi[sz]ations)\b"
            r"|\bwhat (?:are|were) the\b.*s\b|\blist\b|\bname the\b|\bcriteria\b|\brequirements\b"
            r"|どの国|基準|要件|どのような(?:分野|国|テーマ|領域)|どんな(?:分野|国)|挙げ",
            re.I,
        ),
    ),
    (
        "definition",
        re.compile(
            r"^\s*what (?:is|are|does)\b|\bmean\b|\bstands? for\b|\bdefin\w+|とは|何ですか|何か[。？?]?$|どのような|どんな", re.I
        ),
    ),
]
_ORDINANCE = re.compile(r"\bordinance\b|\bregulation\b|\benforcement\b|省令|施行規則|規則", re.I)
_LAW = re.compile(r"\bact\b|\blaw\b|\bstatute\b|法律|法第|法の", re.I)
_CITED = re.compile(r"\bArticle\s+\d+|第[0-9一二三四五六七八九十百]+条", re.I)
_PERIOD = re.compile(r"\bhow long\b|\bby when\b|\bwithin\b|\bperiod\b|期間|以内|いつまでに|何日以内|何年間", re.I)
_FISCAL_EN = re.compile(r"\b(?:FY|fiscal(?:\s+year)?)\s?(\d{4})\b", re.I)
_COUNTED_EN = re.compile(r"\bhow many\s+((?:[a-z-]+\s){0,2}?[a-z-]+s)\b", re.I)
_STATUS = {
    "supplementary": re.compile(r"\bsupplementary\b|補正", re.I),
    "request": re.compile(r"\brequest\w*|要求|要望", re.I),
    "actual": re.compile(r"\bactual\b|\bspent\b|決算|実績", re.I),
}


@dataclass(frozen=True)
class Question:
    text: str
    lang: str  # ja | en: the language the answer line is written in
    type: str
    fiscal_year: int | None = None
    genre: str | None = None  # ordinance | law, when the question points at one
    counted: str | None = None  # the English noun a count is of: 「how many projects」 → projects
    status: str | None = None  # budget status asked for: request, supplementary, actual
    period: bool = False  # a date question asking by when or for how long (「60日以内」 answers it), not a date


def analyse(text: str) -> Question:
    """The answer type and constraints of a question in either language."""
    kind = next((name for name, pattern in _TYPES if pattern.search(text)), "description")
    if kind in ("definition", "description") and _CITED.search(text):  # 「What does Article 4(3)(ii) require?」
        kind = "provision"
    if kind == "date" and re.search(r"年度", text) and not re.search(r"いつ|何月|何日", text):
        kind = "fiscal_year"
    counted = _COUNTED_EN.search(text)
    genre = "ordinance" if _ORDINANCE.search(text) else "law" if _LAW.search(text) else None
    status = next((name for name, pattern in _STATUS.items() if pattern.search(text)), None)
    period = _PERIOD.search(text) is not None
    return Question(text, query_language(text), kind, fiscal_year(text), genre,
                    counted.group(1).lower() if counted else None, status, period)  # fmt: skip


def fiscal_year(text: str) -> int | None:
    """The fiscal year a question names: FY2026, fiscal year 2026, 令和8年度, 2026年度."""
    m = _FISCAL_EN.search(text)
    if m:
        return int(m.group(1))
    fiscal = [d for d in find_dates(text) if d.fiscal]
    return fiscal[0].year if fiscal else None
