"""What every page needs from the graph and the passage index, cached per generation: labels of entities,
classes and properties, documents, passages by id, and the sentence a fact was read from.

Texts are handed to templates as segments (plain, marked or linked pieces) so that Jinja's autoescaping
escapes every character from a document or a query; no page builds HTML in Python.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from flask import has_request_context, request

from kg.legal import Legal
from kg.service import Service

_PASSAGE = re.compile(r"/doc/(?P<doc>[^/#]+)#p(?P<n>\d+)$")
_SENTENCE = re.compile(r"[^。\n]+。?")
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# Properties people know by their common names, whose ontologies are not loaded into the store.
KNOWN_PROPERTIES = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": {"ja": "名称", "en": "name"},
    "http://www.w3.org/2004/02/skos/core#altLabel": {"ja": "別名", "en": "also called"},
    "http://www.w3.org/2000/01/rdf-schema#comment": {"ja": "説明", "en": "description"},
    "http://www.w3.org/2000/01/rdf-schema#label": {"ja": "ラベル", "en": "label"},
    "http://schema.org/startDate": {"ja": "日付", "en": "date"},
    "http://schema.org/value": {"ja": "金額", "en": "amount"},
    "http://schema.org/currency": {"ja": "通貨", "en": "currency"},
    "http://purl.org/dc/terms/title": {"ja": "表題", "en": "title"},
    "http://purl.org/dc/terms/issued": {"ja": "発行日", "en": "issued"},
    "http://purl.org/dc/terms/publisher": {"ja": "発行者", "en": "publisher"},
    "http://purl.org/dc/terms/source": {"ja": "出典", "en": "source"},
    "http://purl.org/dc/terms/relation": {"ja": "関連", "en": "related to"},
    "http://purl.org/dc/terms/isReplacedBy": {"ja": "後継", "en": "succeeded by"},
    "http://www.w3.org/ns/prov#wasDerivedFrom": {"ja": "抽出元", "en": "derived from"},
    "http://data.europa.eu/eli/ontology#is_part_of": {"ja": "上位", "en": "part of"},
    "http://data.europa.eu/eli/ontology#cites": {"ja": "引用", "en": "cites"},
    "http://data.europa.eu/eli/ontology#based_on": {"ja": "委任元", "en": "made under"},
    "http://data.europa.eu/eli/ontology#number": {"ja": "番号", "en": "number"},
    "http://data.europa.eu/eli/ontology#title": {"ja": "見出し", "en": "heading"},
    "http://www.w3.org/2002/07/owl#sameAs": {"ja": "同一", "en": "same as"},
}


_BLANK_LINES = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")


def segments(text: str, spans: list[tuple[int, int, str | None]]) -> list[dict[str, Any]]:
    """The text cut at non-overlapping spans (start, end, href or None): pieces a template renders as
    plain text, a link (href) or a highlight (no href). Overlapping spans after the first are dropped.
    Runs of blank lines (PDF extraction leaves one after every line) show as one line break."""
    out = [{**piece, "text": _BLANK_LINES.sub("\n", piece["text"])} for piece in _cut(text, spans)]
    return [piece for piece in out if piece["text"]]


def _cut(text: str, spans: list[tuple[int, int, str | None]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, href in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, 0), min(end, len(text))
        if start < pos or start >= end:
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "mark": href is None, "href": href})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


class Site:
    """Shared lookups of the HTML pages over one Service (and its Legal layer)."""

    def __init__(self, service: Service, legal: Legal) -> None:
        self.service = service
        self.legal = legal
        self.base = service.iris.base
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self._generation: object = None

    def cached(self, name: str, build: Callable[[], Any]) -> Any:
        """A table built once per published generation (a re-ingest publishes a new one)."""
        generation = self.service.generation()
        with self._lock:
            if generation != self._generation:
                self._cache, self._generation = {}, generation
            if name in self._cache:
                return self._cache[name]
        value = build()
        with self._lock:
            self._cache[name] = value
        return value

    # ------------------------------------------------------------ links and names

    def href(self, iri: str) -> str:
        """A link to an IRI of this service as a path on this server (whatever host the reader used; behind a
        proxy's path prefix too)."""
        if not iri.startswith(self.base + "/"):
            return iri
        return (request.script_root if has_request_context() else "") + (iri.removeprefix(self.base) or "/")

    def labels(self, iri: str) -> dict[str, str]:
        return self.cached("labels", self.service.all_labels).get(iri, {})

    def term_labels(self) -> dict[str, dict[str, str]]:
        """Labels of the ontology's classes and properties (from the ontology graph), ja and en."""

        def build() -> dict[str, dict[str, str]]:
            out: dict[str, dict[str, str]] = {k: dict(v) for k, v in KNOWN_PROPERTIES.items()}
            graph = self.service.iris.ontology_graph()
            for r in self.service.select(f"SELECT ?c ?l WHERE {{ GRAPH <{graph}> {{ ?c <{RDFS_LABEL}> ?l }} }}"):
                out.setdefault(r["c"]["value"], {}).setdefault(r["l"]["lang"] or "", r["l"]["value"])
            return out

        return self.cached("terms", build)

    def class_labels(self, name: str) -> dict[str, str]:
        """Labels of a class given its local name (Program → 事業・制度 / Program)."""
        return self.term_labels().get(f"{self.base}/ontology#{name}", {"ja": name, "en": name})

    def property_labels(self, iri: str) -> dict[str, str]:
        local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return self.term_labels().get(iri, {"ja": local, "en": local})

    def law_names(self) -> dict[str, dict[str, str]]:
        """A law's key in provision IRIs (its e-Gov ID, else its slug) and its IRI → its short names, ja and en:
        国際卓越研究大学法 / Universities for International Research Excellence Act rather than the titles."""

        def build() -> dict[str, dict[str, str]]:
            laws = self.legal.laws()
            alts: dict[str, dict[str, list[str]]] = {}
            for r in self.service.select(
                "SELECT ?law ?l WHERE { ?law a ?t ; skos:altLabel ?l . VALUES ?t { stip:Law stip:Ordinance } }"
            ):
                alts.setdefault(r["law"]["value"], {}).setdefault(r["l"]["lang"] or "", []).append(r["l"]["value"])
            short: dict[str, dict[str, str]] = {}
            for law in laws:
                names = dict(law["labels"])
                for lang, options in alts.get(law["iri"], {}).items():
                    fits = [o for o in options if o.endswith(("法", "規則", "令", "Act", "Law", "Regulation"))]
                    best = min(fits, key=len) if fits else None
                    if best and len(best) < len(names.get(lang, best + "_")):
                        names[lang] = best
                short[law["iri"]] = names
            for law in laws:  # 「Regulation for Enforcement of the <long title>」: the base law's short name inside
                base = law.get("basedOn")
                if base in short:
                    for lang, title in law["labels"].items():
                        full = next((x["labels"].get(lang) for x in laws if x["iri"] == base), None)
                        if full and full in title and short[law["iri"]].get(lang) == title:
                            short[law["iri"]][lang] = title.replace(full, short[base][lang])
            return {**{(law["egovLawId"] or law["id"]): short[law["iri"]] for law in laws}, **short}

        return self.cached("law_names", build)

    def provision_labels(self, iri: str, within: str | None = None) -> dict[str, str]:
        """A provision's names, with its law's short name unless it belongs to ``within`` (a law key):
        第四条第一項 on its own law's page, 国際卓越研究大学法第四条第一項 / Article 4(1), Universities for
        International Research Excellence Act elsewhere."""
        own = self.labels(iri)
        key = iri.removeprefix(self.base + "/law/").split("/", 1)[0]
        law = self.law_names().get(key)
        if key == within or not law:
            return own
        return {lang: f"{law[lang]}{own[lang]}" if lang == "ja" else f"{own[lang]}, {law[lang]}" for lang in own if lang in law}

    def is_provision(self, iri: str) -> bool:
        return iri.startswith(self.base + "/law/")

    def names(self, iri: str) -> dict[str, str]:
        """Labels to show for a link to any IRI: a law's short name, a provision's with its law's short name."""
        if self.is_provision(iri):
            return self.provision_labels(iri)
        return self.law_names().get(iri) or self.labels(iri)

    # ------------------------------------------------------------ documents and passages

    def documents(self) -> dict[str, dict[str, Any]]:
        return self.cached("documents", lambda: {d["doc_id"]: d for d in self.service.documents()})

    def passages(self) -> dict[tuple[str, int], dict[str, Any]]:
        index = self.service.index()
        return self.cached("passages", lambda: {(p["doc_id"], p["index"]): p for p in index.passages})

    def passage_of(self, passage_iri: str) -> dict[str, Any] | None:
        m = _PASSAGE.search(passage_iri)
        return self.passages().get((m.group("doc"), int(m.group("n")))) if m else None

    def passage_href(self, doc_id: str, n: int) -> str:
        return f"/doc/{doc_id}#p{n}"

    def evidence(self, passage_iri: str, start: int, end: int) -> dict[str, Any] | None:
        """The sentence holding a fact's span (document offsets) in its passage, the span highlighted, with the
        document's title and date and a link to the passage."""
        passage = self.passage_of(passage_iri)
        if passage is None:
            return None
        base, text = passage["start"], passage["text"]
        if not base <= start < passage["end"]:  # a restated fact keeps the offsets of its first statement
            return None
        s, e = sentence_around(text, start - base, min(end, passage["end"]) - base)
        doc = self.documents().get(passage["doc_id"], {})
        return {
            "href": self.passage_href(passage["doc_id"], passage["index"]),
            "passage_id": f"{passage['doc_id']}#p{passage['index']}",
            "title": doc.get("title") or passage.get("title"),
            "issued": doc.get("issued"),
            "segments": segments(text[s:e].strip("\n"), [(start - base - s, end - base - s, None)]),
            "key": (passage["doc_id"], start, end),
        }

    def passage_card(self, passage: dict[str, Any], spans: list[tuple[int, int]], context: int | None = None) -> dict[str, Any]:
        """A passage with spans (offsets within its text) highlighted: whole, or only the lines within
        ``context`` characters of the spans, cut ends marked with …."""
        doc = self.documents().get(passage["doc_id"], {})
        text, pieces = passage["text"], [(s, e, None) for s, e in spans]
        if context is not None and spans:
            start = text.rfind("\n", 0, max(0, min(s for s, _ in spans) - context)) + 1
            end = text.find("\n", max(e for _, e in spans) + context)
            end = len(text) if end < 0 else end
            cut = [(s - start, e - start, h) for s, e, h in pieces]
            text = ("…" if start else "") + text[start:end] + ("…" if end < len(passage["text"]) else "")
            pieces = [(s + (1 if start else 0), e + (1 if start else 0), h) for s, e, h in cut]
        return {
            "href": self.passage_href(passage["doc_id"], passage["index"]),
            "passage_id": f"{passage['doc_id']}#p{passage['index']}",
            "title": doc.get("title") or passage.get("title"),
            "issued": doc.get("issued"),
            "section": passage.get("section"),
            "segments": segments(text, pieces),
        }


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets (within ``text``) of the sentences or lines that hold [start, end)."""
    s, e = start, end
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < m.end():
            s = m.start()
        if m.start() < end <= m.end():
            e = m.end()
            break
    return s, max(e, end)
