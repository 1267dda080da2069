"""Interface language (ja/en): the reader's choice, remembered in a cookie, and the words of the pages.

The choice applies to the interface text and to entity labels: ``label()`` picks the chosen language's
label and falls back to the other one, so a reader who knows no Japanese still reads English names
wherever the graph has them.
"""

from __future__ import annotations

from typing import Any

from flask import request

LANGS = ("ja", "en")
COOKIE = "lang"

# key: (ja, en)
TEXT: dict[str, tuple[str, str]] = {
    "brand": ("STIP ナレッジグラフ", "STIP Knowledge Graph"),
    "skip": ("本文へ移動", "Skip to content"),
    "nav.ask": ("質問・検索", "Ask & search"),
    "nav.browse": ("一覧", "Browse"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "lang.switch": ("English", "日本語"),
    "lang.switch.title": ("Show the interface and names in English", "画面と名称を日本語で表示"),
    "home.title": ("日本の科学技術政策を調べる", "Explore Japanese science and technology policy"),
    "home.lead": (
        "質問やキーワードを日本語または英語で入力してください。グラフからの回答と、その根拠となる文書の箇所を示します。",
        "Type a question or keywords in Japanese or English. Answers come from the knowledge graph or the documents, "
        "always with the passages they rest on.",
    ),
    "home.placeholder": ("例：さくらサイエンスプログラムの実施機関は？", "e.g. Who runs the Sakura Science Program?"),
    "home.examples": ("質問の例", "Try"),
    "ask.button": ("質問", "Ask"),
    "ask.query": ("質問またはキーワード", "Question or keywords"),
    "answer.title": ("回答", "Answer"),
    "answer.graph": ("ナレッジグラフから", "From the knowledge graph"),
    "answer.passage": ("文書の箇所から", "From a document passage"),
    "answer.none": (
        "文書にはこの質問を裏付ける記述が見つかりませんでした。下の関連箇所をご覧ください。",
        "Nothing in the documents supports an answer. The passages below are the closest matches.",
    ),
    "answer.rendered": ("システムによる表記", "the system's rendering"),
    "answer.quoted": ("文書の原文", "the document's words"),
    "answer.entities": ("質問中の名称", "Recognised in the question"),
    "answer.sparql": ("実行したSPARQL", "The SPARQL query behind this answer"),
    "answer.curated": ("整備済み語彙による", "from the curated vocabulary"),
    "citations": ("出典", "Sources"),
    "citation.open": ("文書で開く", "Open in document"),
    "passages": ("関連する箇所", "Passages"),
    "passages.none": ("該当する箇所はありません。", "No passages match."),
    "passages.count": ("上位{n}件の箇所", "Top {n} passages"),
    "filters": ("絞り込み", "Filters"),
    "filters.clear": ("すべて解除", "Clear all"),
    "filters.remove": ("この条件を外す", "Remove this filter"),
    "facets.note": ("件数は上位{n}件の箇所について", "Counts over the top {n} passages"),
    "facet.doc": ("文書", "Document"),
    "facet.type": ("エンティティの種類", "Entity type"),
    "facet.fiscal_year": ("年度（予算）", "Fiscal year (budgets)"),
    "facet.country": ("国・地域", "Country or region"),
    "facet.agency": ("機関", "Agency"),
    "facet.entity": ("エンティティ", "Entity"),
    "retrievers": ("検索手法", "found by"),
    "entity.types": ("種類", "Type"),
    "entity.labels": ("名称", "Names"),
    "entity.alt": ("別名", "Also called"),
    "entity.facts": ("事実", "Facts"),
    "entity.property": ("項目", "Property"),
    "entity.value": ("値", "Value"),
    "entity.source": ("根拠の文", "Source sentence"),
    "entity.incoming": ("この項目を参照するもの", "Referenced by"),
    "entity.budgets": ("年度別予算", "Budgets by fiscal year"),
    "entity.budget.year": ("年度", "Fiscal year"),
    "entity.budget.amount": ("金額", "Amount"),
    "entity.budget.status": ("区分", "Status"),
    "entity.budget.stated": ("記載", "As stated"),
    "entity.budget.for": ("対象", "For"),
    "entity.budget.nofy": ("年度不明", "year not stated"),
    "entity.events": ("出来事", "Events"),
    "entity.governing": ("根拠となる規定", "Governing provisions"),
    "entity.governing.via": ("関連する出来事", "through the event"),
    "entity.graph": ("周辺のつながり", "Neighbourhood"),
    "entity.graph.hint": (
        "ノードを選ぶとそのページを開きます。同じつながりは上の表にも一覧があります。",
        "Select a node to open its page; the same links are listed in the tables above.",
    ),
    "entity.passages": ("言及している箇所", "Mentioned in"),
    "entity.more": ("ほか{n}件", "and {n} more"),
    "entity.formats": ("他の形式", "Other formats"),
    "law.number": ("法令番号", "Law number"),
    "law.tree": ("条文（文書で引用・参照されたもの）", "Provisions quoted or cited in the documents"),
    "law.none": ("文書で引用された条文はありません。", "No provision of it is quoted in the documents."),
    "law.unquoted": ("文書に本文の引用なし（参照から判明）", "Not quoted in the documents: known from references to it"),
    "law.egov": ("e-Govで見る", "View on e-Gov"),
    "law.tree_full": ("条文（e-Gov法令XMLによる全文）", "Provisions (the whole law, from e-Gov law XML)"),
    "law.contents": ("目次", "Contents"),
    "law.suppl": ("附則", "Supplementary provisions"),
    "law.tables": ("別表", "Appended tables"),
    "law.terms": ("定義語", "Defined terms"),
    "law.as_of": ("時点", "As of"),
    "law.amended_by": ("最終改正", "Last amended by"),
    "law.official": ("全文の条文数", "Provisions in full text"),
    "prov.official": ("公定の本文（e-Gov）", "Official text (e-Gov)"),
    "prov.quoted": ("文書での引用", "As quoted in the document"),
    "prov.differs": ("文書の引用は公定の本文と異なります", "The document's quotation differs from the official text"),
    "prov.uses_terms": ("用いる定義語", "Uses defined terms"),
    "prov.defines": ("定義する用語", "Defines"),
    "prov.part_of": ("上位", "Part of"),
    "prov.law": ("法令", "Law"),
    "prov.contains": ("含まれる規定", "Contains"),
    "prov.cites": ("引用する規定", "Cites"),
    "prov.cited_by": ("引用されている規定", "Cited by"),
    "prov.based_on": ("委任元", "Made under"),
    "prov.implemented_by": ("委任先", "Implemented by"),
    "prov.governs": ("この規定に基づくもの", "Governs"),
    "prov.source": ("文書中の位置", "In the document"),
    "doc.issued": ("発行日", "Issued"),
    "doc.inferred": ("推定", "inferred"),
    "doc.publishers": ("発行者", "Publisher"),
    "doc.source": ("ファイル", "File"),
    "doc.passages": ("箇所数", "Passages"),
    "doc.entities": ("この文書に登場するもの", "Named in this document"),
    "doc.text": ("本文（正規化済み）", "Normalized text"),
    "doc.mentions.note": (
        "下線の語はエンティティへのリンクです。各箇所の番号はその箇所へのリンクです。",
        "Underlined names link to their entity pages; each passage number links to that passage.",
    ),
    "browse.title": ("一覧", "Browse"),
    "browse.programs": ("事業・制度", "Programs"),
    "browse.agencies": ("機関", "Agencies"),
    "browse.countries": ("国・地域", "Countries and regions"),
    "browse.laws": ("法令", "Laws"),
    "browse.documents": ("文書", "Documents"),
    "browse.budgets": ("年度別予算表", "Budgets by fiscal year"),
    "browse.name": ("名称", "Name"),
    "browse.mentions": ("言及箇所", "Passages"),
    "browse.operated_by": ("実施機関", "Run by"),
    "browse.partners": ("相手国", "Partners"),
    "browse.programs_of": ("関連事業", "Programs"),
    "browse.quoted": ("引用条文", "Quoted provisions"),
    "browse.cited": ("参照条文", "Cited provisions"),
    "browse.budget_lines": ("予算の記載", "Budget lines"),
    "browse.program": ("事業・制度", "Program"),
    "browse.budget.note": (
        "各欄は文書に記載された予算額（区分別）。年度の記載がない額は「年度不明」欄。",
        "Each cell lists the amounts the documents state (by status). Amounts without a stated year are under “year not stated”.",
    ),
    "notfound": ("見つかりません", "Not found"),
    "error.title": ("エラー", "Error"),
}


# Budget statuses as the graph states them (English), in Japanese budget vocabulary.
STATUSES = {
    "budget request": "予算額（案）",
    "previous-year budget": "前年度予算額",
    "supplementary budget": "補正予算額",
    "budget": "予算額",
    "fund size": "基金規模",
}


def current() -> str:
    """The reader's language: the cookie, else the browser's preference, else Japanese."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGS:
        return chosen
    best = request.accept_languages.best_match(LANGS)
    return best or "ja"


def other(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def text(key: str, lang: str, **values: Any) -> str:
    ja, en = TEXT[key]
    out = ja if lang == "ja" else en
    return out.format(**values) if values else out


def label(labels: dict[str, Any] | None, lang: str, fallback: str = "") -> str:
    """The label in ``lang``, else in the other language, else ``fallback``; lists (all labels) give their first."""
    labels = labels or {}
    for key in (lang, other(lang), ""):
        value = labels.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return str(value)
    return fallback


def status(value: str, lang: str) -> str:
    return STATUSES.get(value, value) if lang == "ja" else value


def fiscal_year(year: int, lang: str) -> str:
    """2022 → 「2022年度」 or 「FY2022」 (the April–March year)."""
    return f"{year}年度" if lang == "ja" else f"FY{year}"
