"""View models of the pages: plain dicts built from the Service, the legal layer and the answerer, in the
reader's language. Templates only lay them out (and escape them)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from kg.ask import Answerer
from kg.service import _iri
from search.hybrid import Filters
from web import i18n
from web.figures import bar_chart, money
from web.site import Site, segments

STIP = "/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
# Shown elsewhere on the page (names, description, budgets, the provision block) or bookkeeping.
HIDDEN_FACTS = ("prefLabel", "altLabel", "comment", "hasBudget", "startOffset", "endOffset", "text", "provisionNumber",
                "number", "mentionedIn", "inDocument", "passageIndex")  # fmt: skip
HIDDEN_INCOMING = ("budgetOf", "about", "refersTo", "mentionedIn", "subject", "object", "refCountry")
FILTER_NAMES = ("doc", "type", "fiscal_year", "country", "agency", "entity")
EXAMPLES = {
    "en": ["Who runs the Sakura Science Program?", "What is the budget of SATREPS in FY2022?",
           "Which provisions govern the system for Universities for International Research Excellence?",
           "LOTUS Programme India"],
    "ja": ["さくらサイエンスプログラムの実施機関は？", "SATREPSの令和4年度の予算は？", "国際卓越研究大学制度の根拠条文は？",
           "LOTUSプログラムはどの国との交流か"],
}  # fmt: skip
GRAPH_LIMIT = 40
CITATION_CONTEXT = 120  # characters of a cited passage shown around the cited sentence


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def status_text(status: str | None, lang: str) -> str:
    return i18n.status(status, lang) if status else ""


# ------------------------------------------------------------------ home: ask and search


def home(site: Site, answerer: Answerer, q: str, filters: Filters, raw: dict[str, str], lang: str) -> dict[str, Any]:
    """The answer card, its citations, and the ranked passages with facets for a question or keywords."""
    if not q.strip():
        docs = [{"text": d["title"], "href": f"/doc/{d['doc_id']}", "issued": d.get("issued")} for d in site.documents().values()]
        return {"q": q, "examples": EXAMPLES[lang] + EXAMPLES[i18n.other(lang)][:2], "documents": docs}
    answer = answerer.ask(q).to_json()
    result = site.service.search(q, 20, filters)
    return {"q": q, "answer": _answer(site, answer, lang), "hits": [_hit(site, h, lang) for h in result["hits"]],
            "facets": _facets(site, result["facets"], raw, lang), "applied": _applied(site, result["filters"], raw, lang),
            "depth": result["facets"]["depth"]}  # fmt: skip


def _answer(site: Site, answer: dict[str, Any], lang: str) -> dict[str, Any]:
    """Items in the reader's language, each pointing at its numbered sources; sources as whole passages with
    the cited span highlighted."""
    sources: list[dict[str, Any]] = []
    keys: dict[tuple[str, int, int], int] = {}

    def cite(c: dict[str, Any]) -> int | None:
        key = (c["passage_id"], c["start"], c["end"])
        if key not in keys:
            passage = site.passage_of("/doc/" + c["passage_id"])
            if passage is None:
                return None
            spans = [(c["start"] - passage["start"], c["end"] - passage["start"])] if c["role"] == "answer" else []
            sources.append({**site.passage_card(passage, spans, context=CITATION_CONTEXT), "n": len(sources) + 1})
            keys[key] = len(sources)
        return keys[key]

    items = []
    for item in answer["items"]:
        value = item["value"]
        is_iri = value.startswith(site.base + "/")
        amount = money(item["amount"], item.get("currency"), lang) if "amount" in item else None
        given = item.get("labels") or {}
        labels = (site.names(value) or given) if is_iri and amount is None else given
        items.append({
            "name": i18n.label(labels, lang, "" if amount else value),
            "other": i18n.label({k: v for k, v in labels.items() if k != lang}, lang),
            "href": site.href(value) if is_iri and "amount" not in item else None,
            "amount": amount, "stated": item.get("statedAs"), "status": status_text(item.get("status"), lang),
            "year": item.get("fiscalYear", "")[:4] if item.get("fiscalYear") else None, "text": item.get("text"),
            "sources": [n for n in (cite(c) for c in item.get("evidence", [])) if n],
            "curated": not item.get("evidence") and "text" not in item,
        })  # fmt: skip
    for c in answer["citations"]:
        if c["role"] == "answer":
            cite(c)
    return {
        "answered": answer["answered"],
        "source": answer["source"],
        "text": answer["answer"],
        "rendering": answer.get("rendering"),  # a passage answer's line (the system's) and quote (the document's)
        "kind": answer["kind"],
        "lines": items,
        "sources": sources,
        "sparql": answer["sparql"],
        "entities": [{"name": i18n.label(e["labels"], lang, e["iri"]), "href": site.href(e["iri"]),
                      "type": i18n.label(site.class_labels(e.get("type") or "Entity"), lang)} for e in answer["entities"]],
    }  # fmt: skip


def _hit(site: Site, hit: dict[str, Any], lang: str) -> dict[str, Any]:
    passage = site.passages()[(hit["doc_id"], int(hit["passage_id"].rsplit("#p", 1)[1]))]
    card = site.passage_card(passage, [tuple(h) for h in hit["highlights"]])  # type: ignore[misc]
    entities = {e["iri"]: {"name": i18n.label(e.get("labels"), lang, local(e["iri"])), "href": site.href(e["iri"])}
                for e in hit["entities"]}  # fmt: skip
    return {**card, "entities": list(entities.values())[:10], "components": list(hit["components"]), "score": hit["score"]}


def _url(raw: dict[str, str], **change: str | None) -> str:
    params = {k: v for k, v in raw.items() if v}
    for k, v in change.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    return "/?" + urlencode(params)


def _facets(site: Site, facets: dict[str, Any], raw: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """Each facet's values with counts and the link that applies (or, when applied, removes) it."""
    out = []
    for name in ("doc", "type", "fiscal_year", "country", "agency"):
        values = []
        for v in facets[name]:
            if name == "doc":
                key, text = v["value"], v.get("title") or v["value"]
            elif name == "type":
                key, text = v["value"], i18n.label(site.class_labels(v["value"]), lang)
            elif name == "fiscal_year":
                key, text = str(v["value"]), i18n.fiscal_year(int(v["value"]), lang)
            else:
                key, text = local(v["value"]), i18n.label(v.get("labels"), lang, local(v["value"]))
            on = raw.get(name) == key
            values.append({"text": text, "count": v["count"], "on": on, "href": _url(raw, **{name: None if on else key})})
        if values:
            out.append({"name": name, "title": i18n.text(f"facet.{name}", lang), "options": values})
    return out


def _applied(site: Site, applied: dict[str, Any], raw: dict[str, str], lang: str) -> list[dict[str, Any]]:
    out = []
    docs = site.documents()
    for name in FILTER_NAMES:
        if name not in applied:
            continue
        value = applied[name]
        if name in ("country", "agency", "entity"):
            text = i18n.label(site.labels(value), lang, local(value))
        elif name == "doc":
            text = next((d["title"] for d in docs.values() if d["doc_id"].startswith(value) or d["source"] == value), value)
        elif name == "type":
            text = i18n.label(site.class_labels(value), lang)
        else:
            text = i18n.fiscal_year(int(value), lang)
        out.append({"title": i18n.text(f"facet.{name}", lang), "text": text, "href": _url(raw, **{name: None})})
    return out


# ------------------------------------------------------------------ entity pages


def entity(site: Site, data: dict[str, Any], lang: str) -> dict[str, Any]:
    """An entity's names, type, facts with their sentences, budgets, events, governing provisions, neighbours."""
    iri = data["iri"]
    types = [local(t) for t in data["types"] if STIP in t]
    alt = sorted({f["object"]["value"] for f in data["facts"] if f["predicate"] == SKOS + "altLabel"})
    comments = [f["object"] for f in data["facts"] if f["predicate"] == RDFS_COMMENT]
    comment = next((c["value"] for c in comments if c.get("lang") == lang), comments[0]["value"] if comments else None)
    labels = site.provision_labels(iri) if site.is_provision(iri) else data["labels"]
    other = i18n.label({k: v for k, v in labels.items() if k != lang}, i18n.other(lang))
    if "Budget" in types:  # a budget page is headed by its amount and year; its graph label says what it is of
        labels, other = _budget_name(data), i18n.label(data["labels"], lang)
    view: dict[str, Any] = {
        "iri": iri,
        "href": site.href(iri),
        "name": i18n.label(labels, lang, local(iri)),
        "other": other,
        "types": [{"name": t, "text": i18n.label(site.class_labels(t), lang)} for t in types],
        "alt": alt,
        "comment": comment,
        "facts": _facts(site, data, lang),
        "stated_in": _stated_in(site, data),
        "incoming": _incoming(site, data, lang),
        "budgets": _budgets(site, iri, lang),
        "events": _events(site, iri, lang),
        "governing": _governing(site, iri, types, lang),
        "passages": _mentions(site, data, lang),
        "passage_count": len(data["passages"]),
        "search_href": "/?" + urlencode({"q": i18n.label(data["labels"], lang, local(iri)), "entity": iri}),
    }
    view["graph"] = _graph(site, view, data, lang)
    return view


def _budget_name(data: dict[str, Any]) -> dict[str, str]:
    values = {local(f["predicate"]): f["object"]["value"] for f in data["facts"]}
    amount = {lang: money(values.get("value"), values.get("currency"), lang) for lang in i18n.LANGS}
    year = values.get("fiscalYear", "")[:4]
    return {lang: f"{amount[lang]} · {i18n.fiscal_year(int(year), lang)}" if year.isdigit() else amount[lang] for lang in amount}


def _stated_in(site: Site, data: dict[str, Any]) -> list[dict[str, Any]]:
    """For a node read from one span of text (a budget line, a statistic): the sentence it was read from."""
    values = {local(f["predicate"]): f["object"]["value"] for f in data["facts"]}
    if "startOffset" not in values or "endOffset" not in values:
        return []
    start, end = int(values["startOffset"]), int(values["endOffset"])
    sources = [f["object"]["value"] for f in data["facts"] if local(f["predicate"]) == "wasDerivedFrom"]
    return _distinct([c for c in (site.evidence(p, start, end) for p in sources) if c])


def _facts(site: Site, data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """One row per (property, value): a value stated in the curated vocabulary and in a document is one fact
    with both provenances."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for f in data["facts"]:
        if local(f["predicate"]) in HIDDEN_FACTS:
            continue
        obj = f["object"]
        status = local(f["predicate"]) == "budgetStatus"
        row = rows.setdefault((f["predicate"], obj["value"]), {
            "property": i18n.label(site.property_labels(f["predicate"]), lang, local(f["predicate"])),
            "value": {"text": status_text(obj["value"], lang)} if status else _value(site, obj, lang),
            "curated": False, "evidence": [], "keys": set(),
        })  # fmt: skip
        row["curated"] = row["curated"] or f["curated"]
        for ev in f["evidence"]:
            card = site.evidence(ev["passage"], ev["start"], ev["end"])
            if card is not None and card["key"] not in row["keys"] and len(row["evidence"]) < 3:
                row["keys"].add(card["key"])
                row["evidence"].append(card)
    return sorted(rows.values(), key=lambda r: (r["property"], r["value"]["text"]))


def _value(site: Site, obj: dict[str, Any], lang: str) -> dict[str, Any]:
    if obj["type"] == "uri":
        iri = obj["value"]
        if iri.startswith(site.base + "/doc/"):  # a document or passage: its title (and passage number)
            doc_id, _, n = iri.removeprefix(site.base + "/doc/").partition("#p")
            title = site.documents().get(doc_id, {}).get("title", doc_id)
            return {"text": f"{title} ¶{n}" if n else title, "href": site.href(iri)}
        return {"text": i18n.label(site.names(iri), lang, iri), "href": site.href(iri)}
    return {"text": obj["value"], "lang": obj.get("lang")}


def _incoming(site: Site, data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for r in data["incoming"]:
        if local(r["predicate"]) in HIDDEN_INCOMING or "/id/budget/" in r["subject"] or "/id/obs/" in r["subject"]:
            continue
        labels = site.labels(r["subject"])
        if not labels:
            continue
        g = groups.setdefault(r["predicate"], {"property": i18n.label(site.property_labels(r["predicate"]), lang),
                                               "items": {}})  # fmt: skip
        g["items"][r["subject"]] = {"text": i18n.label(labels, lang), "href": site.href(r["subject"])}
    return [{"property": g["property"], "links": sorted(g["items"].values(), key=lambda x: x["text"])} for g in groups.values()]


_BUDGETS = """SELECT ?b ?part ?v ?c ?y ?st ?as ?passage ?start ?end WHERE {{
  {{ ?b stip:budgetOf <{x}> }} UNION {{ ?part stip:subProgramOf <{x}> . ?b stip:budgetOf ?part }}
  ?b schema:value ?v ; schema:currency ?c ; stip:statedAs ?as .
  OPTIONAL {{ ?b stip:fiscalYear ?y }} OPTIONAL {{ ?b stip:budgetStatus ?st }}
  OPTIONAL {{ ?b prov:wasDerivedFrom ?passage ; stip:startOffset ?start ; stip:endOffset ?end }} }}"""


def _budgets(site: Site, iri: str, lang: str) -> dict[str, Any] | None:
    """Budget lines of the entity and its sub-programs, by fiscal year, each with its sentence; the chart
    shows the lines in the currency most of them are stated in."""
    lines: dict[str, dict[str, Any]] = {}
    for r in site.service.select(_BUDGETS.format(x=_iri(iri))):
        b = lines.setdefault(r["b"]["value"], {
            "value": float(r["v"]["value"]), "currency": r["c"]["value"], "stated": r["as"]["value"],
            "year": int(r["y"]["value"][:4]) if r.get("y") else None, "status": status_text(_v(r, "st"), lang),
            "for": i18n.label(site.labels(r["part"]["value"]), lang) if r.get("part") else None,
            "for_href": site.href(r["part"]["value"]) if r.get("part") else None, "evidence": None,
        })  # fmt: skip
        if b["evidence"] is None and r.get("passage"):
            b["evidence"] = site.evidence(r["passage"]["value"], int(r["start"]["value"]), int(r["end"]["value"]))
    if not lines:
        return None
    rows = sorted(lines.values(), key=lambda b: (b["year"] or 9999, b["status"], b["for"] or "", -b["value"]))
    for b in rows:
        b["amount"] = money(b["value"], b["currency"], lang)
        b["year_text"] = i18n.fiscal_year(b["year"], lang) if b["year"] else i18n.text("entity.budget.nofy", lang)
    currency = Counter(b["currency"] for b in rows if b["year"]).most_common(1)
    charted = [b for b in rows if b["year"] and currency and b["currency"] == currency[0][0]]
    chart = bar_chart([{"value": b["value"], "label": b["year_text"], "text": b["amount"], "sublabel": b["status"],
                        "title": " · ".join(x for x in (b["year_text"], b["for"], b["status"], b["stated"]) if x)}
                       for b in charted])  # fmt: skip
    return {"rows": rows, "chart": chart}


def _v(row: dict[str, Any], key: str) -> str | None:
    return row[key]["value"] if row.get(key) else None


_EVENTS = """SELECT DISTINCT ?e ?role ?d ?passage ?start ?end WHERE {{
  {{ ?e stip:about <{x}> BIND("about" AS ?role) }} UNION {{ ?e stip:participant <{x}> BIND("participant" AS ?role) }}
  UNION {{ ?part stip:subProgramOf <{x}> . ?e stip:about ?part BIND("about" AS ?role) }}
  ?e a stip:Event . OPTIONAL {{ ?e schema:startDate ?d }}
  OPTIONAL {{ ?st rdf:subject ?e ; rdf:predicate schema:startDate ; prov:wasDerivedFrom ?passage ;
              stip:startOffset ?start ; stip:endOffset ?end }} }} LIMIT 200"""


def _events(site: Site, iri: str, lang: str) -> list[dict[str, Any]]:
    """Events about the entity (or one of its sub-programs) or with it as a participant, in date order, each
    with the sentence that dates it (else the first sentence naming it)."""
    events: dict[str, dict[str, Any]] = {}
    for r in site.service.select(_EVENTS.format(x=_iri(iri))):
        e = events.setdefault(r["e"]["value"], {"iri": r["e"]["value"], "date": _v(r, "d"), "evidence": None})
        if e["evidence"] is None and r.get("passage"):
            e["evidence"] = site.evidence(r["passage"]["value"], int(r["start"]["value"]), int(r["end"]["value"]))
    index = site.service.index()
    for e in events.values():
        e.update({"name": i18n.label(site.labels(e["iri"]), lang, local(e["iri"])), "href": site.href(e["iri"])})
        if e["evidence"] is None:
            e["evidence"] = _first_mention(site, index, e["iri"])
    return sorted(events.values(), key=lambda e: (e["date"] is None, e["date"] or "", e["name"]))


def _first_mention(site: Site, index: Any, iri: str) -> dict[str, Any] | None:
    for row in index.by_entity.get(iri, [])[:1]:
        p = index.passages[row]
        for start, end, target in p.get("mentions", []):
            if target == iri:
                return site.evidence(f"/doc/{p['doc_id']}#p{p['index']}", start, end)
    return None


def _governing(site: Site, iri: str, types: list[str], lang: str) -> list[dict[str, Any]]:
    """Provisions and laws that govern the entity, or an event about it, each with the sentence saying so."""
    if not set(types) & {"Program", "Event"}:
        return []
    links = site.legal.links(iri)
    entries = [(g, None) for g in links["governedBy"]]
    entries += [(g, e) for e in links.get("events", []) for g in e["governedBy"]]
    out = []
    for g, event in entries:
        evidence = []
        for ev in g["evidence"][:3]:
            card = site.evidence(ev["passage"], ev["start"], ev["end"])
            if card is None and ev.get("text"):  # a sentence running past its passage: the legal layer's text
                card = {"href": site.href(ev["passage"]), "title": "", "segments": [{"text": ev["text"], "mark": True}]}
            if card is not None:
                evidence.append(card)
        evidence = _distinct(evidence)
        via = {"name": i18n.label(event["labels"], lang), "href": site.href(event["iri"])} if event else None
        out.append({"name": i18n.label(site.names(g["iri"]), lang, g["iri"]), "href": site.href(g["iri"]),
                    "curated": g["curated"], "provision": site.is_provision(g["iri"]), "evidence": evidence,
                    "via": via})  # fmt: skip
    return out


def _mentions(site: Site, data: dict[str, Any], lang: str, limit: int = 10) -> list[dict[str, Any]]:
    """The sentences of the first passages that name the entity, the name highlighted."""
    out = []
    for r in data["passages"][:limit]:
        passage = site.passage_of(r["passage"]["value"])
        if passage is None:
            continue
        spans = [(s, e) for s, e, t in passage.get("mentions", []) if t == data["iri"]]
        card = site.evidence(r["passage"]["value"], *spans[0]) if spans else None
        if card is not None:
            out.append(card)
    return _distinct(out)


def _distinct(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence cards without repeats of the same sentence (documents restate things)."""
    seen, out = set(), []
    for card in cards:
        text = "".join(piece["text"] for piece in card["segments"])
        if text not in seen:
            seen.add(text)
            out.append(card)
    return out


def _graph(site: Site, view: dict[str, Any], data: dict[str, Any], lang: str) -> dict[str, Any]:
    """Nodes and edges for the neighbourhood drawing: the entity, what its facts point to, what points to it."""
    iri = data["iri"]
    nodes: dict[str, dict[str, Any]] = {iri: {"id": iri, "label": view["name"], "href": view["href"], "center": True,
                                             "type": view["types"][0]["name"] if view["types"] else "Entity"}}  # fmt: skip
    edges: list[dict[str, Any]] = []

    def add(other: str, predicate: str, outgoing: bool) -> None:
        if other not in nodes:
            if len(nodes) >= GRAPH_LIMIT or not other.startswith(site.base + "/") or "/id/budget/" in other or "/doc/" in other:
                return
            labels = site.names(other)
            if not labels:
                return
            nodes[other] = {"id": other, "label": i18n.label(labels, lang), "href": site.href(other),
                            "type": _type_of(site, other)}  # fmt: skip
        source, target = (iri, other) if outgoing else (other, iri)
        if not any(e["source"] == source and e["target"] == target for e in edges):
            edges.append({"id": f"e{len(edges)}", "source": source, "target": target,
                          "label": i18n.label(site.property_labels(predicate), lang)})  # fmt: skip

    for f in data["facts"]:
        if f["object"]["type"] == "uri" and local(f["predicate"]) not in HIDDEN_FACTS:
            add(f["object"]["value"], f["predicate"], True)
    for r in data["incoming"]:
        if local(r["predicate"]) not in ("budgetOf", "refersTo", "mentionedIn"):
            add(r["subject"], r["predicate"], False)
    return {"nodes": list(nodes.values()), "edges": edges}


def _type_of(site: Site, iri: str) -> str:
    info = site.service.index().entities.get(iri)
    if info:
        return str(info.get("type"))
    path = iri.removeprefix(site.base)
    return "Provision" if path.startswith("/law/") else "Entity"


# ------------------------------------------------------------------ laws and provisions


def law(site: Site, data: dict[str, Any], lang: str) -> dict[str, Any]:
    """A law's numbers and its provision tree (as quoted or cited, or whole from e-Gov XML), each provision
    with its relations; with the XML, its table of contents, 附則, appended tables and defined terms."""
    within = data.get("egovLawId") or data["id"]
    full = data.get("fullText") or {}
    return {
        "number": data["lawNumber"][lang] if data.get("lawNumber") and data["lawNumber"].get(lang) else
        (data["lawNumber"] or {}).get("ja"),
        "egov": data.get("egovUrl"),
        "egov_id": data.get("egovLawId"),
        "quoted": data.get("quotedProvisions", 0),
        "cited": data.get("citedProvisions", 0),
        "official": data.get("officialProvisions", 0),
        "as_of": full.get("asOf"),
        "amended_by": full.get("lastAmendedBy"),
        "full_text": site.href(full["document"]) if full.get("document") else None,
        "contents": [_division(site, d, lang) for d in data.get("contents", [])],
        "articles": [_provision_node(site, n, lang, within) for n in data.get("articles", [])],
        "suppl": [{"id": local(s["iri"]), "name": i18n.label(s["labels"], lang), "href": site.href(s["iri"]),
                   "articles": [_provision_node(site, n, lang, within) for n in s.get("articles", [])]}
                  for s in data.get("supplementaryProvisions", [])],
        "tables": [{"name": i18n.label(t["labels"], lang), "text": t["text"]} for t in data.get("tables", [])],
        "terms": [{"term": t["term"], "definition": t["definition"], "href": site.href(t["iri"]),
                   "defined_in": {"name": i18n.label(site.labels(t["definedIn"]), lang), "href": site.href(t["definedIn"])},
                   "used_by": [{"name": i18n.label(u["labels"], lang), "href": site.href(u["iri"])} for u in t["usedBy"]]}
                  for t in data.get("terms", [])],
    }  # fmt: skip


def _division(site: Site, d: dict[str, Any], lang: str) -> dict[str, Any]:
    """One entry of the table of contents: a chapter (section …), its articles and its sub-divisions."""
    return {
        "name": i18n.label(d["labels"], lang),
        "articles": [
            {"name": i18n.label(a["labels"], lang), "title": a.get("title"), "href": "#" + local(a["iri"])} for a in d["articles"]
        ],  # fmt: skip
        "divisions": [_division(site, c, lang) for c in d["divisions"]],
    }


def _provision_node(site: Site, n: dict[str, Any], lang: str, within: str) -> dict[str, Any]:
    return {
        "id": local(n["iri"]),
        "name": i18n.label(n["labels"], lang, local(n["iri"])),
        "href": site.href(n["iri"]),
        "title": n.get("title"),
        "wording": n.get("wording"),
        "quoted": n.get("quoted", False) or n.get("official", False),
        "differences": n.get("differences", []),
        "relations": _relations(site, n, lang, within),
        "children": [_provision_node(site, c, lang, within) for c in n.get("children", [])],
    }


def _relations(site: Site, n: dict[str, Any], lang: str, within: str | None = None) -> list[dict[str, Any]]:
    out = []
    for key, text in (("cites", "prov.cites"), ("citedBy", "prov.cited_by"), ("basedOn", "prov.based_on"),
                      ("implementedBy", "prov.implemented_by"), ("governs", "prov.governs"),
                      ("usesTerms", "prov.uses_terms"), ("defines", "prov.defines")):  # fmt: skip
        items = []
        for x in n.get(key, []):
            labels = site.provision_labels(x["iri"], within) if site.is_provision(x["iri"]) else x["labels"]
            items.append({"text": i18n.label(labels, lang, local(x["iri"])), "href": site.href(x["iri"])})
        if items:
            out.append({"title": i18n.text(text, lang), "links": items, "key": key})
    return out


def _law_key(site: Site, provision_iri: str) -> str:
    return provision_iri.removeprefix(site.base + "/law/").split("/", 1)[0]


def provision(site: Site, data: dict[str, Any], lang: str) -> dict[str, Any]:
    """A provision: where it sits, its words, its parts, citations, delegations and what it governs."""
    governs = []
    for g in data.get("governs", []):
        evidence = [c for c in (site.evidence(ev["passage"], ev["start"], ev["end"]) for ev in g["evidence"][:3]) if c]
        governs.append({"name": i18n.label(g["labels"], lang, local(g["iri"])), "href": site.href(g["iri"]),
                        "curated": g["curated"], "evidence": evidence})  # fmt: skip
    document = data.get("document")
    key = _law_key(site, data["iri"])
    return {
        "law": {"name": i18n.label(site.law_names().get(key) or data["law"]["labels"], lang),
                "href": site.href(data["law"]["iri"])},
        "parent": {"name": i18n.label(site.names(data["parent"]), lang), "href": site.href(data["parent"])},
        "own": i18n.label(site.labels(data["iri"]), lang),
        "title": data.get("title"),
        "text": data.get("displayText"),
        "official": data.get("officialText"),
        "differences": data.get("differences", []),
        "where": {"href": site.href(document), "start": data["start"], "end": data["end"],
                  "title": site.documents().get(local(document), {}).get("title")} if document else None,
        "children": [{"name": i18n.label(c["labels"], lang), "href": site.href(c["iri"]), "title": c.get("title"),
                      "wording": c.get("wording")} for c in data.get("children", [])],
        "relations": [r for r in _relations(site, data, lang, _law_key(site, data["iri"])) if r["key"] != "governs"],
        "governs": governs,
    }  # fmt: skip


# ------------------------------------------------------------------ documents


def document(site: Site, doc_id: str, lang: str) -> dict[str, Any]:
    """A document's metadata and its normalized text passage by passage, every entity mention a link."""
    record = site.documents()[doc_id]
    index = site.service.index()
    passages = [p for p in index.passages if p["doc_id"] == doc_id]
    counts: Counter[str] = Counter()
    out, section = [], None
    for p in passages:
        spans = [(s - p["start"], e - p["start"], site.href(t)) for s, e, t in p.get("mentions", [])]
        counts.update(t for _, _, t in p.get("mentions", []))
        heading = p.get("section") if p.get("section") and p.get("section") != section else None
        section = p.get("section") or section
        out.append({"n": p["index"], "start": p["start"], "end": p["end"], "heading": heading,
                    "segments": segments(p["text"], spans)})  # fmt: skip
    groups: dict[str, list[dict[str, Any]]] = {}
    for iri, n in counts.most_common():
        kind = index.entities.get(iri, {}).get("type") or "Entity"
        groups.setdefault(kind, []).append({"name": i18n.label(site.labels(iri), lang, local(iri)), "href": site.href(iri),
                                            "count": n})  # fmt: skip
    return {
        "doc_id": doc_id,
        "title": record["title"],
        "issued": record.get("issued"),
        "inferred": record.get("issued_inferred"),
        "publishers": [{"name": i18n.label(p["labels"], lang, p["iri"]), "href": site.href(p["iri"])}
                       for p in record["publishers"]],
        "source": record["source"],
        "media_type": record.get("media_type"),
        "counts": record.get("counts", {}),
        "passages": out,
        "entities": [{"type": i18n.label(site.class_labels(k), lang), "items": v[:30], "more": max(0, len(v) - 30)}
                     for k, v in sorted(groups.items(), key=lambda kv: -sum(x["count"] for x in kv[1]))],
    }  # fmt: skip


# ------------------------------------------------------------------ browse


def browse(site: Site, lang: str) -> dict[str, Any]:
    """Programs, agencies, countries and laws with their counts; the documents; budgets by fiscal year."""
    service = site.service
    programs = service.entities("Program", limit=1000)
    operated: Counter[str] = Counter(o["iri"] for p in programs for o in p["operatedBy"])
    partnered: Counter[str] = Counter(c["iri"] for p in programs for c in p["partnerCountries"])

    def name(x: dict[str, Any]) -> dict[str, Any]:
        return {"text": i18n.label(x.get("labels"), lang, local(x["iri"])), "href": site.href(x["iri"])}

    places = service.entities("Country", limit=1000) + service.entities("Region", limit=1000)
    return {
        "programs": [{**name(p), "mentions": p["mentions"], "operators": [name(o) for o in _unique(p["operatedBy"])],
                      "partners": [name(c) for c in _unique(p["partnerCountries"])], "budgets": len(p["budgets"])}
                     for p in programs],
        "agencies": [{**name(a), "mentions": a["mentions"], "programs": operated.get(a["iri"], 0)}
                     for a in service.entities("Agency", limit=1000)],
        "countries": [{**name(c), "mentions": c["mentions"], "programs": partnered.get(c["iri"], 0),
                       "type": i18n.label(site.class_labels(c["type"]), lang)}
                      for c in sorted(places, key=lambda c: -c["mentions"])],
        "laws": [{**name(x), "type": i18n.label(site.class_labels(x["type"]), lang), "quoted": x["quotedProvisions"],
                  "cited": x["citedProvisions"],
                  "number": (x["lawNumber"] or {}).get(lang) or (x["lawNumber"] or {}).get("ja")} for x in site.legal.laws()],
        "documents": [{"text": d["title"], "href": f"/doc/{d['doc_id']}", "issued": d.get("issued"),
                       "passages": d.get("counts", {}).get("passages")} for d in site.documents().values()],
        "budgets": _budget_table(site, lang),
    }  # fmt: skip


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({x["iri"]: x for x in items}.values())


_ALL_BUDGETS = """SELECT ?b ?e ?v ?c ?y ?st ?as ?passage WHERE {
  ?b stip:budgetOf ?e ; schema:value ?v ; schema:currency ?c ; stip:statedAs ?as .
  OPTIONAL { ?b stip:fiscalYear ?y } OPTIONAL { ?b stip:budgetStatus ?st } OPTIONAL { ?b prov:wasDerivedFrom ?passage } }"""


def _budget_table(site: Site, lang: str) -> dict[str, Any]:
    """Rows: what a budget belongs to; columns: fiscal years (then 'year not stated'); cells: the amounts."""
    lines: dict[str, dict[str, Any]] = {}
    for r in site.service.select(_ALL_BUDGETS):
        line = lines.setdefault(r["b"]["value"], {"owner": r["e"]["value"], "value": r["v"]["value"], "currency": r["c"]["value"],
                                                  "year": int(r["y"]["value"][:4]) if r.get("y") else None,
                                                  "status": status_text(_v(r, "st"), lang), "stated": r["as"]["value"],
                                                  "passages": []})  # fmt: skip
        if r.get("passage"):
            line["passages"].append(r["passage"]["value"])
    years = sorted({x["year"] for x in lines.values() if x["year"]})
    columns = [*years, None]
    rows: dict[str, dict[str, Any]] = {}
    for x in sorted(lines.values(), key=lambda x: (x["status"], -float(x["value"]))):
        owner = x["owner"]
        row = rows.setdefault(owner, {"text": i18n.label(site.labels(owner), lang, local(owner)), "href": site.href(owner),
                                      "cells": {y: [] for y in columns}})  # fmt: skip
        source = min(x["passages"], key=lambda p: int(p.rsplit("#p", 1)[1])) if x["passages"] else None
        row["cells"][x["year"]].append({"amount": money(x["value"], x["currency"], lang), "status": x["status"],
                                        "stated": x["stated"], "href": site.href(source) if source else None})  # fmt: skip
    ordered = sorted(rows.values(), key=lambda r: r["text"])
    return {
        "columns": [i18n.fiscal_year(y, lang) if y else i18n.text("entity.budget.nofy", lang) for y in columns],
        "rows": [{"text": r["text"], "href": r["href"], "cells": [r["cells"][y] for y in columns]} for r in ordered],
    }
