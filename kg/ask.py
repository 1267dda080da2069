"""Question answering: from the graph when the question asks for a fact it holds, else from the best passage.

1. The entities the question names (in either language) and the kind of question are recognised:
   who runs X, the budget of X (in fiscal year Y), the partner countries of X (or the programs with
   country Z), the provisions that govern X, who took part in event E, when event E happened. The entity
   the question asks about is the one it names first, a part before the program it belongs to.
2. A graph answer runs one SPARQL query (returned with the answer) and cites the passage and span each
   fact was read from. Facts from the curated vocabulary are cited as such. A question that cites a
   statute or ordinance provision (Article 4(3)(ii), 第四条第三項第二号, 省令第二条第一項) gets its wording
   (an article quoted paragraph by paragraph, its paragraphs'), or what an ordinance made under it requires
   (eli:based_on). One that asks what a law or ordinance says without naming an article gets the provisions
   whose wording matches it (kg/provision_search.py), each named with its law.
3. Otherwise the best passage of hybrid search answers, with the sentence that shares most with the
   question picked out. When no passage supports an answer, the answer says so instead of guessing.

Everything returned carries Japanese and English labels. A local generator could later rewrite the
cited sentence into prose; the citations would stay the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ingest.dates import find_dates
from ingest.legal.structure import display_text
from kg.answer import models, render
from kg.answer.extract import PASSAGES, pick, runs
from kg.answer.question import Question, analyse
from kg.answer.spans import render_money
from kg.errors import BadRequest
from kg.legal import Legal
from kg.provision_search import ProvisionFinder
from kg.service import Service, _iri
from search.crosslingual import english_words
from search.keyword import tokenize

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "provisions",
        re.compile(
            r"\b(?:provisions?|articles?|legal basis|laws?|govern(?!ment)\w*|statut\w*|ordinances?)\b"
            r"|法令|根拠|条文|規定|法律|省令|第.+条",
            re.I,
        ),
    ),
    (
        "participants",
        re.compile(
            r"\bbetween which\b|\bwho (?:signed|attended|took part|participated|organi[sz]ed|held|hosted)\b"
            r"|\bwhich (?:[A-Za-z-]+ )?(?:bodies|parties|countries|organi[sz]ations|universities)"
            r" (?:signed|attended|took part|participated)"
            r"|参加した|出席した|署名した|実施した機関|開催した機関|主催",
            re.I,
        ),
    ),
    (
        "operator",
        re.compile(
            r"\bwho\b.*\b(?:runs?|operates?|administers?|manages?|implements?)\b|\b(?:run|operated|administered|managed)\s+by\b"
            r"|\bwhich\s+(?:[A-Za-z-]+\s+)?(?:agency|organi[sz]ation|ministry)\b|実施機関|運営|所管|どこが|担当|どの(?:機関|組織|省庁)",
            re.I,
        ),
    ),
    ("budget", re.compile(r"\bbudget\w*|\bhow much\b|\bhow (?:large|big)\b|\bfunding\b|予算|金額|いくら|規模", re.I)),
    (
        "partners",
        re.compile(
            r"\bpartner\w*|\bcountr(?:y|ies)\b|\bregions?\b|\binvolv\w*|\bcollaborat\w*|\bcooperat\w*"
            r"|相手国|対象国|どの国|国・地域|パートナー|関わる|連携",
            re.I,
        ),
    ),
    ("when", re.compile(r"^\s*when\b|\bwhat date\b|\bwhich (?:day|month|year)\b|いつ|何月|何日|日付", re.I)),
]
_ASKS_PROGRAMS = re.compile(
    r"\b(?:programs?|programmes?|projects?|schemes?|initiatives?|activities)\b|プログラム|事業|制度|計画|取組", re.I
)
_FISCAL_EN = re.compile(r"\b(?:FY|fiscal(?:\s+year)?)\s?(\d{4})\b", re.I)
_SENTENCE = re.compile(r"[^。\n]+。?")
_WORD = re.compile(r"[A-Za-z0-9]{2,}|[\u3400-\u9fff]{2,}|[\u30a0-\u30ff]{2,}")
_NUMERIC = re.compile(
    r"\bhow (?:many|much|old|long)\b|\bwhen\b|\bage\b|\bnumber\b|何人|何件|人数|件数|金額|いくら|いつ|何歳|何年", re.I
)
MIN_DENSE = 0.82  # e5 cosine below which a passage with no query words in it is not an answer
CONTEXT = 5  # passages search ranks first, cited beside a passage answer as context


@dataclass
class Citation:
    doc_id: str
    passage_id: str
    start: int
    end: int
    text: str
    title: str | None = None
    role: str = "answer"  # answer: states the answer; context: a passage search ranks next to it

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Answer:
    question: str
    kind: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = None  # graph | passage | None (no support)
    text: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)  # structured answer rows, with ja/en labels
    sparql: str | None = None
    citations: list[Citation] = field(default_factory=list)
    analysis: Question | None = None  # the answer type and constraints read from the question
    rendering: render.Rendering | None = None  # a passage answer's line and the document's words it came from

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "kind": self.kind,
            "entities": self.entities,
            "answered": self.source is not None,
            "source": self.source,
            "answer": self.text,
            "items": self.items,
            "sparql": self.sparql,
            "citations": [c.to_json() for c in self.citations],
            "answer_type": self.analysis.type if self.analysis else None,
            "answer_language": self.language(),
            "rendering": self.rendering.to_json() if self.rendering else None,
        }

    def language(self) -> str | None:
        """The language of the answer line (en when an English reader can read it)."""
        if self.source is None:
            return None
        return "en" if render.is_english(self.text) else "ja"


class Answerer:
    def __init__(self, service: Service) -> None:
        self.service = service
        self._index: object = None
        self._passages: dict[tuple[str, int], dict[str, Any]] = {}
        self._entities: dict[str, dict[str, Any]] = {}
        self._documents: dict[str, set[str]] = {}  # document → the entities ingest found in it
        self._finder: ProvisionFinder | None = None  # built on first use: most questions cite no provision
        self._criteria_rows: list[dict[str, Any]] | None = None  # provisions listing criteria, read on first use

    def _follow(self) -> None:
        """Passage and entity tables of the published generation (a re-ingest publishes a new one)."""
        index = self.service.index()
        if index is not self._index:
            self._passages = {(p["doc_id"], p["index"]): p for p in index.passages}
            self._documents = {}
            for p in index.passages:
                self._documents.setdefault(p["doc_id"], set()).update(p.get("entities", []))
            self._entities, self._index = index.entities, index
            self._finder, self._criteria_rows = None, None  # the provisions may have changed too

    # ------------------------------------------------------------------ entry point

    def warm(self) -> None:
        """Load what the first questions would otherwise wait for: the model, index, lexicon, provision finder,
        romanizer, date parser."""
        from ingest.romanize import warm as warm_romanizer

        self.ask("Who runs the program?")
        self._finder = ProvisionFinder(self.service)  # reads every provision's wording (60 ms at 20x the corpus)
        warm_romanizer()
        find_dates("2024年5月1日")  # ja-timex compiles its patterns on first use (about 0.3 s)

    def ask(self, question: str) -> Answer:
        question = question.strip()
        if not question:
            raise BadRequest("empty question", "ask something, e.g. 'Who runs SICORP?'")
        if len(question) > 1000:
            raise BadRequest("question too long", "keep it under 1000 characters")
        self._follow()
        entities = self.service.searcher().query_entities(question)
        kind = next((k for k, pattern in _KINDS if pattern.search(question)), "passage")
        analysis = analyse(question)
        if analysis.type not in _GRAPH_TYPES.get(kind, ()):  # 「How many countries…?」 asks a count, not the partner list
            # 「Which minister issued the ordinance…?」 asks for a person, which no provision's wording names.
            kind = "passage" if kind != "provisions" or analysis.type in _NOT_IN_WORDING else kind
        answer = Answer(question, kind, [self._describe(e) for e in entities], analysis=analysis)
        slug = _provision_slug(question)
        if slug is not None:  # 「What does the ordinance require for Article 4(3)(ii)?」「第四条第三項第二号の省令の基準は」
            provision = self._from_provision(answer, slug)
            if provision is not None and _states_type(provision, analysis):
                return provision
            answer = Answer(question, kind, answer.entities, analysis=analysis)
        graph = self._from_graph(answer, entities, _fiscal_year(question)) if kind != "passage" else None
        if graph is None and kind == "provisions":  # 「What threshold does the ordinance set for …?」: no article named
            graph = self._from_wording(answer)
        if graph is not None and graph.kind == "provisions" and not _states_type(graph, analysis):
            graph, answer = None, Answer(question, kind, answer.entities, analysis=analysis)
        if graph is None and analysis.type == "list" and _CRITERIA.search(question):
            graph = self._criteria(answer)  # 「国際卓越研究大学の認定基準は？」: the items of the provision listing them
        if graph is None:
            return self._from_passage(answer)
        graph.citations += self._context(question, graph.citations, k=5)
        return graph

    def _context(self, question: str, have: list[Citation], k: int = 3) -> list[Citation]:
        """The passages search ranks first for the question, as context beside the answer's own citations."""
        out = []
        for h in self.service.searcher().search(question, k=k):
            p = h.passage
            if any(c.doc_id == p["doc_id"] and p["start"] <= c.start < p["end"] for c in have):
                continue
            out.append(_passage_citation(p, "context"))
        return out

    # ------------------------------------------------------------------ graph answers

    def _from_graph(self, answer: Answer, entities: list[str], year: int | None) -> Answer | None:
        entities = self._parts_first(self.service.searcher().first_named(answer.question, entities))
        typed = [(e, self._entities.get(e, {}).get("type")) for e in entities]
        programs = [e for e, t in typed if t in ("Program", "Event")]
        places = [e for e, t in typed if t in ("Country", "Region")]
        subjects = programs or [e for e, t in typed if t not in ("Country", "Region")]
        if answer.kind == "participants":  # who took part in an event: the events named come first
            types = dict(typed)
            subjects = sorted(subjects, key=lambda e: types.get(e) != "Event")
        if answer.kind == "partners" and not programs and places:
            # 「Which programs involve Kenya?」; not 「which US laboratory works with RIKEN?」, which asks for no program
            if not _ASKS_PROGRAMS.search(answer.question):
                return None
            return self._run(answer, _PROGRAMS_WITH_PLACE, places[0], reverse=True)
        if not subjects:
            return None
        query = {
            "operator": _OPERATOR,
            "participants": _PARTICIPANTS,
            "budget": _BUDGET,
            "partners": _PARTNERS,
            "provisions": _PROVISIONS,
            "when": _WHEN,
        }[answer.kind]
        for subject in subjects:
            found = self._run(answer, query, subject, year=year)
            if found is not None:
                return found
        return None

    def _parts_first(self, entities: list[str]) -> list[str]:
        """「KAKENHI's 'International Leading Research'」: a program named beside the program it is part of is the
        subject, ahead of its parent."""
        if len(entities) < 2:
            return entities
        values = " ".join(f"<{_iri(e)}>" for e in entities)
        rows = self.service.select(
            f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?a stip:subProgramOf ?b }}"
        )
        parents = {r["b"]["value"] for r in rows}
        return [e for e in entities if e not in parents] + [e for e in entities if e in parents]

    def _run(self, answer: Answer, template: str, iri: str, reverse: bool = False, year: int | None = None) -> Answer | None:
        sparql = template.replace("__X__", f"<{_iri(iri)}>")
        rows = []
        if year is not None and "__YEAR__" in sparql:  # the year asked first: a program's history grows with the documents
            dated = sparql.replace("__YEAR__", f'?o stip:fiscalYear ?y . FILTER(STRSTARTS(STR(?y), "{year:04d}"))')
            rows = self.service.select(dated)
            sparql = dated if rows else sparql
        if not rows:
            sparql = sparql.replace("__YEAR__", "")
            rows = self.service.select(sparql)
        if year is not None and rows and "y" in rows[0]:
            rows = [r for r in rows if r.get("y") and r["y"]["value"].startswith(f"{year:04d}")] or rows
        if not rows:
            return None
        items: dict[str, dict[str, Any]] = {}
        for r in rows:
            key = r["o"]["value"]
            item = items.setdefault(key, {"value": key, "labels": {}, "evidence": []})
            for lang_key in ("ja", "en"):
                if r.get(lang_key):
                    item["labels"].setdefault(lang_key, r[lang_key]["value"])
            for extra in ("v", "c", "y", "st", "as"):
                if r.get(extra):
                    item[_EXTRA_NAMES[extra]] = r[extra]["value"]
            citation = self._citation(r)
            if citation is not None and citation not in item["evidence"]:
                item["evidence"].append(citation)
        ordered = list(items.values())
        if template is _BUDGET:  # the program's own line for the latest year first, then its parts and history
            ordered.sort(key=lambda i: (bool(i["labels"]), -int((i.get("fiscalYear") or "0")[:4] or 0)))
        answer.items = [{**i, "evidence": [c.to_json() for c in i["evidence"]]} for i in ordered]
        answer.citations = [c for i in ordered for c in i["evidence"]]
        answer.source, answer.sparql = "graph", sparql
        answer.text = _summary(answer, self._describe(iri)["labels"], reverse)
        return answer

    def _citation(self, row: dict[str, Any]) -> Citation | None:
        if not row.get("passage"):
            return None
        m = re.search(r"/doc/([^/#]+)#p(\d+)$", row["passage"]["value"])
        passage = self._passages.get((m.group(1), int(m.group(2)))) if m else None
        if passage is None:
            return None
        start, end = int(row["start"]["value"]), int(row["end"]["value"])
        if not passage["start"] <= start < passage["end"]:
            return None  # a budget restated in another passage keeps the offsets of its first statement
        s, e = _sentence_around(passage, start, end)
        return Citation(passage["doc_id"], f"{passage['doc_id']}#p{passage['index']}", s, e,
                        passage["text"][s - passage["start"] : e - passage["start"]], passage.get("title"))  # fmt: skip

    # ------------------------------------------------------------------ passage answers

    def _from_passage(self, answer: Answer) -> Answer:
        hits = self.service.searcher().search(answer.question, k=PASSAGES)
        if not hits:
            return answer
        best = hits[0]
        dense = best.components.get("dense", {}).get("score", 0.0)
        searcher = self.service.searcher()
        # What the question asks: its words, numbers and their Japanese, less the words of the names it gives.
        names = {w for e in answer.entities for n in e["labels"].values() for w in [n.lower(), *english_words(n)]}
        japanese = {w for w in _WORD.findall(answer.question) if not w.isascii()}
        numbers = set(re.findall(r"\d{2,}", answer.question))  # 「by 2024」 must meet 「2024年度までに」
        words = set(english_words(answer.question)) | japanese | numbers | set(searcher.lexicon.translate(answer.question))
        words = {w for w in words if w not in names}
        question = answer.analysis or analyse(answer.question)
        named = {n.lower() for e in answer.entities for n in e["labels"].values()} | {e["iri"] for e in answer.entities}
        reranker = models.reranker(self.service.settings.reranker)
        picked = pick(question, hits, words, named, searcher, self._entities, reranker, self._documents)
        if picked is None:
            return answer
        cand, spans = picked
        p, s, e = cand.passage, cand.start, cand.end
        sentence = cand.text.lower()
        tokens = set(tokenize(sentence))  # Sudachi's normalized forms: 打上げ meets the translation 打ち上げる
        passage_text = p["text"].lower()
        # A span of the asked type that meets the constraints (the year asked) is support enough beside one shared word.
        shared = sum(1 for w in words if w in passage_text)
        if (dense < MIN_DENSE and sum(1 for w in words if w in sentence or w in tokens) < 2 and shared < 3
                and not (spans and shared >= 1)):  # fmt: skip
            return answer  # close to nothing the question asks, beyond its names: say there is no answer
        answer.source = "passage"
        quote = cand.text.strip()
        citation = Citation(p["doc_id"], f"{p['doc_id']}#p{p['index']}", s, e, quote, p.get("title"))
        answer.citations = [citation, *(_passage_citation(h.passage, "context") for h in hits[:CONTEXT])]
        chosen = _chosen(spans, question, cand.text)
        translator, by = models.translator(self.service.settings.translator), "system"
        typed = question.type not in ("definition", "description")
        if chosen:
            text = render.line(chosen, question)
        elif typed:
            text = render.not_found(question)
        elif question.lang == "en" and translator is not None:  # KG_TRANSLATOR: a model's rendering, marked as such
            text, by = translator.translate(quote), "translator"
        elif question.lang == "en":
            text = _key_facts(cand.text, question, searcher, self._entities) or quote
        else:
            text = quote
        answer.text = text
        cited = [citation.to_json()]
        answer.items = [{"value": sp.ja, "labels": {"ja": sp.ja, "en": sp.en}, "type": sp.type, "rendered": True,
                         **({"entity": sp.iri} if sp.iri else {}), "evidence": cited} for sp in chosen]  # fmt: skip
        answer.rendering = render.Rendering(
            text, "en" if render.is_english(text) else "ja", quote, question.type, bool(chosen), by
        )
        return answer

    def _from_provision(self, answer: Answer, slug: str) -> Answer | None:
        """The wording of a statute or ordinance provision the question cites (or of its parts, when only they
        are quoted), or, when it asks what an ordinance requires for a statute provision, the ordinance
        provisions made under it (eli:based_on)."""
        # 「省令第二条第一項第一号」「Article 2(1) of the ordinance」 cite the ordinance itself, not the Act it serves.
        own = _ORDINANCE_CITED.search(answer.question) is not None
        law_class = "stip:Ordinance" if own else "stip:Law"
        found = self.service.select(
            f'SELECT ?p WHERE {{ ?p eli:is_part_of+ ?law . ?law a {law_class} . FILTER(STRENDS(STR(?p), "/{slug}")) }} LIMIT 1'
        )
        if not found:
            return None
        target = _iri(found[0]["p"]["value"])
        delegated = not own and _DELEGATION.search(answer.question) is not None
        # What the ordinance made under it, if the question asks for that; else its wording; else, for an article
        # quoted paragraph by paragraph, its paragraphs' wording.
        rows, sparql = [], ""
        for template in ([_BASED_ON] if delegated else []) + [_PROVISION, _PARTS]:
            sparql = template.replace("__X__", f"<{target}>")
            rows = self.service.select(sparql)
            if rows:
                break
        return self._provision_answer(answer, rows, sparql) if rows else None

    def _from_wording(self, answer: Answer) -> Answer | None:
        """The provisions whose wording matches a question that names none, each named with its law."""
        if self._finder is None:
            self._finder = ProvisionFinder(self.service)
        found = self._finder.find(answer.question)
        if not found:
            return None
        sparql = _PROVISION.replace("__X__", " ".join(f"<{_iri(p)}>" for p in found))
        rows = self.service.select(sparql)
        legal = Legal(self.service)
        names = {p: legal.full_labels(p) for p in found}
        for r in rows:  # 「第二条第二項第二号」 alone does not say of which law
            for lang in ("ja", "en"):
                if names[r["o"]["value"]].get(lang):
                    r[lang] = {"value": names[r["o"]["value"]][lang]}
        rows.sort(key=lambda r: found.index(r["o"]["value"]))  # best match first
        return self._provision_answer(answer, rows, sparql) if rows else None

    def _criteria(self, answer: Answer) -> Answer | None:
        """The items of the provision that lists criteria or requirements (「次に掲げる基準に適合する」), the one
        whose wording and law share most with the question; its items' wording is the answer."""
        if self._criteria_rows is None:  # the same for every question until the next generation
            self._criteria_rows = self.service.select(_CRITERIA_PROVISIONS)
        rows = self._criteria_rows
        if not rows:
            return None
        words = set(tokenize(answer.question)) | set(self.service.searcher().lexicon.translate(answer.question))
        named = {n for e in answer.entities for n in e["labels"].values()}

        ordinance = answer.analysis is not None and answer.analysis.genre == "ordinance"

        def score(r: dict[str, Any]) -> tuple[int, bool, int]:
            text, law = r["text"]["value"], (r.get("law") or {}).get("value", "")
            # The Act sets the criteria its ordinance details, unless the question asks for the ordinance.
            act = re.search(r"規則|省令|政令", law) is None
            return (sum(1 for n in named if n and n in law + text), act != ordinance, len(words & set(tokenize(text))))

        best = max(rows, key=score)
        if score(best)[0] == 0 and score(best)[2] == 0:
            return None
        sparql = _PARTS.replace("__X__", f"<{_iri(best['p']['value'])}>")
        parts = self.service.select(sparql)
        return self._provision_answer(answer, parts, sparql) if parts else None

    def _provision_answer(self, answer: Answer, rows: list[dict[str, Any]], sparql: str) -> Answer:
        """A graph answer listing provisions with their wording, each cited where it is quoted."""
        answer.kind = "provisions"
        answer.source, answer.sparql = "graph", sparql
        answer.items, answer.citations = [], []
        by_provision: dict[str, list[dict[str, Any]]] = {}
        quoted_in: dict[str, str] = {}  # provision → the one document graph its rows are read from
        for r in rows:  # a provision spanning passages comes back once per passage (and per quoting document)
            iri, graph = r["o"]["value"], (r.get("g") or {}).get("value", "")
            if quoted_in.setdefault(iri, graph) == graph:
                by_provision.setdefault(iri, []).append(r)
        for iri, rs in by_provision.items():
            r = rs[0]
            labels = {k: r[k]["value"] for k in ("ja", "en") if r.get(k)}
            answer.items.append({"value": iri, "labels": labels, "text": display_text(r["text"]["value"])})
            citation = self._provision_citation(rs)
            if citation is not None:
                answer.citations.append(citation)
        english = answer.analysis is not None and answer.analysis.lang == "en"
        # An English reader gets the provisions' English names; their Japanese wording stays in the items, quoted.
        answer.text = "\n".join(
            (i["labels"].get("en") or i["value"]) if english else f"{i['labels'].get('ja') or i['value']}: {i['text'].strip()}"
            for i in answer.items
        )
        return answer

    def _provision_citation(self, rows: list[dict[str, Any]]) -> Citation | None:
        """The provision's span, cited in the passage where it starts."""
        for r in rows:
            m = re.search(r"/doc/([^/#]+)#p(\d+)$", r["passage"]["value"]) if r.get("passage") else None
            passage = self._passages.get((m.group(1), int(m.group(2)))) if m else None
            start, end = (int(r["start"]["value"]), int(r["end"]["value"])) if r.get("start") else (-1, -1)
            if passage is not None and passage["start"] <= start < passage["end"]:
                pid = f"{passage['doc_id']}#p{passage['index']}"
                return Citation(passage["doc_id"], pid, start, end, display_text(r["text"]["value"]), passage.get("title"))
        return None

    def _describe(self, iri: str) -> dict[str, Any]:
        info = self._entities.get(iri, {})
        return {"iri": iri, "type": info.get("type"), "labels": info.get("labels", {})}


# Answer types a provision's wording does not state as such: a question about a law asking for one asks its passages.
_NOT_IN_WORDING = ("person", "place")
_SPANNED = ("amount", "count", "date", "fiscal_year")  # types whose spans the rules find reliably in any wording


def _states_type(answer: Answer, question: Question) -> bool:
    """Whether the provisions quoted state a value of the type asked: 「改正後の第4条第2項は何年度の採択者から適用
    されますか」 cites an article whose wording holds no fiscal year; the answer is in the passage about it."""
    from kg.answer.spans import find_spans

    if question.type not in _SPANNED:
        return True
    return any(find_spans(str(i.get("text", "")), question.type, []) for i in answer.items)


# Which answer types each graph question kind can answer; other types go to the passages.
_GRAPH_TYPES = {
    "operator": ("organization", "person", "description", "definition", "list"),
    "participants": ("list", "organization", "person", "description", "definition", "place"),
    "budget": ("amount", "description", "definition", "list"),
    "partners": ("list", "place", "description", "definition", "organization"),
    "provisions": ("provision", "list", "description", "definition"),
    "when": ("date", "fiscal_year", "description"),
}


def _chosen(spans: list[Any], question: Question, sentence: str) -> list[Any]:
    """The spans the answer line states (``spans`` come best first): for a list, the enumeration holding the best
    item (名古屋大学（愛知県名古屋市）、岡山大学…); else the best span (a date rather than a period unless the question
    asks by when or for how long)."""
    if not spans:
        return spans
    if question.type == "list":
        return _run(spans, sentence)
    if question.type == "date":
        spans = sorted(spans, key=lambda sp: (sp.status == "period") != question.period)
    return spans[:1]


def _run(spans: list[Any], sentence: str) -> list[Any]:
    """The enumeration (items joined only by separators) that holds the best item."""
    return next(r for r in runs(spans, sentence) if spans[0] in r)


def _key_facts(sentence: str, question: Question, searcher: Any, entities: dict[str, dict[str, Any]]) -> str:
    """For an English reader of a sentence no rule can render: the facts the system can render from it
    (entity labels, amounts, dates, counts), in the order the sentence gives them."""
    from kg.answer.extract import entity_names
    from kg.answer.spans import find_spans

    facts = [(s, en) for s, _e, _iri, _t, _ja, en in entity_names(sentence, getattr(searcher, "_labels", []), entities) if en]
    for kind in ("amount", "count", "fiscal_year", "date", "provision"):
        facts += [(sp.start, render.span_text(sp, question)) for sp in find_spans(sentence, kind, [])]
    texts = list(dict.fromkeys(t for _, t in sorted(facts)))
    return "Key facts in the source sentence: " + "; ".join(texts) if texts else ""


_EXTRA_NAMES = {"v": "amount", "c": "currency", "y": "fiscalYear", "st": "status", "as": "statedAs"}
# Query templates: __X__ is replaced by the entity's IRI (checked by _iri).
_LABELS = """OPTIONAL { ?o skos:prefLabel ?ja FILTER(LANG(?ja) = "ja") }
  OPTIONAL { ?o skos:prefLabel ?en FILTER(LANG(?en) = "en") }"""


def _evidence(s: str, p: str, o: str) -> str:
    return (f"OPTIONAL {{ ?st rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; prov:wasDerivedFrom ?passage ;\n"
            "      stip:startOffset ?start ; stip:endOffset ?end }")  # fmt: skip


def _related(pattern: str, s: str, p: str, o: str) -> str:
    return f"SELECT ?o ?ja ?en ?passage ?start ?end WHERE {{\n  {pattern} .\n  {_LABELS}\n  {_evidence(s, p, o)}\n}}"


_OPERATOR = _related("__X__ stip:operatedBy ?o", "__X__", "stip:operatedBy", "?o")
_PARTICIPANTS = _related("__X__ stip:participant ?o", "__X__", "stip:participant", "?o")
_PARTNERS = _related("__X__ stip:partnerCountry ?o", "__X__", "stip:partnerCountry", "?o")
_PROGRAMS_WITH_PLACE = _related("?o stip:partnerCountry __X__", "?o", "stip:partnerCountry", "__X__")
_PROVISIONS = _related("__X__ stip:governedBy ?o", "__X__", "stip:governedBy", "?o")
_BUDGET = """SELECT ?o ?v ?c ?y ?st ?as ?passage ?start ?end ?part ?ja ?en WHERE {
  { ?o stip:budgetOf __X__ } UNION { ?part stip:subProgramOf __X__ . ?o stip:budgetOf ?part .
    OPTIONAL { ?part skos:prefLabel ?ja FILTER(LANG(?ja) = "ja") }
    OPTIONAL { ?part skos:prefLabel ?en FILTER(LANG(?en) = "en") } }
  __YEAR__
  ?o schema:value ?v ; schema:currency ?c ; stip:statedAs ?as ;
     prov:wasDerivedFrom ?passage ; stip:startOffset ?start ; stip:endOffset ?end .
  OPTIONAL { ?o stip:fiscalYear ?y } OPTIONAL { ?o stip:budgetStatus ?st }
} ORDER BY DESC(?y)"""
_WHEN = """SELECT ?o ?passage ?start ?end WHERE {
  __X__ schema:startDate ?o .
  OPTIONAL { ?st rdf:subject __X__ ; rdf:predicate schema:startDate ; prov:wasDerivedFrom ?passage ;
      stip:startOffset ?start ; stip:endOffset ?end }
}"""


_ARTICLE_EN = re.compile(r"\bArticle\s+(\d+)(?:\s*\((\d+)\))?(?:\s*\(([ivxlc]+)\))?", re.I)
_ARTICLE_JA = re.compile(
    r"第([0-9一二三四五六七八九十百]+)条(?:第([0-9一二三四五六七八九十]+)項)?(?:第([0-9一二三四五六七八九十]+)号)?"
)
_CRITERIA = re.compile(r"\bcriteria\b|\brequirements\b|\bconditions\b|基準|要件|条件", re.I)
_CRITERIA_PROVISIONS = """SELECT DISTINCT ?p ?text ?law WHERE {
  ?p stip:text ?text . ?item eli:is_part_of ?p . FILTER(REGEX(STR(?p), "__para_[0-9]+$"))
  FILTER(REGEX(?text, "次\\\\s*の\\\\s*各\\\\s*号|掲\\\\s*げ\\\\s*る\\\\s*(基|要|条)"))
  OPTIONAL { ?p eli:is_part_of+ ?l . ?l a ?cls ; skos:prefLabel ?law
             FILTER(?cls IN (stip:Law, stip:Ordinance) && LANG(?law) = "ja") }
}"""
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_DELEGATION = re.compile(r"\bordinance\b|\bregulation\b|\brequire|省令|施行規則|基準|定める", re.I)
# A provision quoted by several documents has a text, offsets and passages in each document's graph: read them
# within one graph, or every document's offsets would pair with every other's (and the rows multiply).
# The pattern that binds ?o comes first: the store joins in the order written, and labels read before ?o is bound
# scan every label in the graph (230 ms at 20x the corpus, for four rows).
_PROVISION_FIELDS = """
  GRAPH ?g { ?o stip:text ?text .
             OPTIONAL { ?o prov:wasDerivedFrom ?passage ; stip:startOffset ?start ; stip:endOffset ?end } }
  OPTIONAL { ?o skos:prefLabel ?ja FILTER(LANG(?ja) = "ja") } OPTIONAL { ?o skos:prefLabel ?en FILTER(LANG(?en) = "en") }
}"""
_SELECT_PROVISIONS = "SELECT DISTINCT ?o ?ja ?en ?text ?passage ?start ?end ?g WHERE {\n  "
_BASED_ON = _SELECT_PROVISIONS + "?o eli:based_on __X__ ." + _PROVISION_FIELDS + " ORDER BY ?o"
_PROVISION = _SELECT_PROVISIONS + "VALUES ?o { __X__ }" + _PROVISION_FIELDS
_PARTS = _SELECT_PROVISIONS + "?o eli:is_part_of __X__ ." + _PROVISION_FIELDS + " ORDER BY ?o"
_ORDINANCE_CITED = re.compile(
    r"(?:省令|施行規則)\s*(?:の)?\s*第|\bArticle\s+\d+[^.?]{0,20}\bof\s+the\s+(?:\w+\s+)?ordinance", re.I
)


def _roman(text: str) -> int:
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _number(text: str) -> int:
    from kanjize import kanji2number

    return int(text) if text.isdigit() else kanji2number(text)


def _provision_slug(question: str) -> str | None:
    """art_4__para_3__item_2 for 「Article 4(3)(ii)」 or 「第四条第三項第二号」 in a question."""
    m = _ARTICLE_EN.search(question)
    if m:
        parts = [int(m.group(1)), int(m.group(2)) if m.group(2) else None, _roman(m.group(3)) if m.group(3) else None]
    else:
        m = _ARTICLE_JA.search(question)
        if not m:
            return None
        parts = [_number(g) if g else None for g in m.groups()]
    names = ("art", "para", "item")
    return "__".join(f"{n}_{v}" for n, v in zip(names, parts, strict=True) if v is not None)


def _passage_citation(p: dict[str, Any], role: str) -> Citation:
    return Citation(p["doc_id"], f"{p['doc_id']}#p{p['index']}", p["start"], p["end"], p["text"], p.get("title"), role)


def _fiscal_year(question: str) -> int | None:
    m = _FISCAL_EN.search(question)
    if m:
        return int(m.group(1))
    fiscal = [d for d in find_dates(question) if d.fiscal]
    return fiscal[0].year if fiscal else None


def _summary(answer: Answer, subject: dict[str, str], reverse: bool) -> str:
    """One line in the asker's language: English labels and amounts for an English question (the Japanese stay
    in the items and the cited sources), Japanese labels with the English beside them for a Japanese one."""
    english = answer.analysis is not None and answer.analysis.lang == "en"
    names = []
    for item in answer.items:
        labels = item.get("labels", {})
        if "amount" in item:
            part = (labels.get("en") or labels.get("ja")) if english else (labels.get("ja") or labels.get("en"))
            names.append(_money_line(item, english) + (f" for {part}" if part and english else f"（{part}）" if part else ""))
        elif labels:
            if english:
                names.append(labels.get("en") or labels.get("ja") or item["value"])
            else:
                first, second = labels.get("ja"), labels.get("en")
                names.append(f"{first or second}" + (f" ({second})" if first and second and first != second else ""))
        else:
            names.append(item["value"])
        if not item.get("evidence"):
            names[-1] += " [curated vocabulary]" if english else "［整備済み語彙］"
    about = (subject.get("en") or subject.get("ja")) if english else (subject.get("ja") or subject.get("en"))
    return f"{about}: " + "; ".join(names) if about and not reverse else "; ".join(names)


def _money_line(item: dict[str, Any], english: bool) -> str:
    """¥3.0 billion (FY2026 request) for an English reader; 30億円（2026年度・request） as the document states it."""
    year, status = (item.get("fiscalYear") or "")[:4], item.get("status") or ""
    if not english:
        context = "・".join(x for x in (f"{year}年度" if year else "", status) if x)
        return f"{item['statedAs']}" + (f"（{context}）" if context else "")
    try:
        money = render_money(Decimal(item["amount"]), item["currency"])
    except (InvalidOperation, ValueError):
        money = f"{item['amount']} {item['currency']}"
    context = " ".join(x for x in (f"FY{year}" if year else "", status) if x)
    return money + (f" ({context})" if context else "")


def _sentence_around(passage: dict[str, Any], start: int, end: int) -> tuple[int, int]:
    """Document offsets of the sentence (or line) holding [start, end) inside a passage."""
    text, base = passage["text"], passage["start"]
    for m in _SENTENCE.finditer(text):
        s, e = base + m.start(), base + m.end()
        if s <= start < e or (start <= s and e <= end):
            return s, max(e, min(end, base + len(text)))
    return max(start, base), min(end, base + len(text))


def _best_sentence(passage: dict[str, Any], highlights: list[tuple[int, int]], words: set[str],
                   numeric: bool = False) -> tuple[tuple[int, int], float]:  # fmt: skip
    """The sentence of the passage that shares most with the question: its words (or their Japanese
    renderings) count most, highlighted names less; a heading-like line counts little, and a question
    asking for a number or date prefers a sentence that states one."""
    text, base = passage["text"], passage["start"]
    best, best_score = (base, base + len(text)), -1.0
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if not sentence.strip():
            continue
        covered = sum(max(0, min(e, m.end()) - max(s, m.start())) for s, e in highlights)
        # Words are compared as Sudachi's normalized tokens too: 「招へい」 in the text is 招聘 in the lexicon.
        tokens = set(tokenize(sentence)) | {w for w in words if w in sentence.lower()}
        score = 0.05 * covered + 5 * len(words & tokens)
        score += 5 if numeric and re.search(r"\d", sentence) else 0
        score *= 0.3 if len(sentence.strip()) < 20 else 1.0
        if score > best_score:
            best, best_score = (base + m.start(), base + m.end()), score
    return best, best_score
