"""A whole law from e-Gov XML (egov.py) → passages, the legal layer and its RDF.

The law is bound to the curated law of the same law number when there is one (so its provisions get the
IRIs documents already cite: ``{base}/law/504AC0000000051/art_4__para_3``), else minted from its e-Gov ID.
Every provision carries the official words (stip:officialText, and stip:officialWording for its own words
without its children's), never stip:text: a provision a document quotes keeps that quotation beside them,
and the read side (kg/legal.py) reports where the two differ. Supplementary provisions (附則) are parts
``{law}/suppl`` (the original act's) and ``{law}/suppl_505-act-10`` (an amending act's), their articles
below them; chapters and sections are stip:LawDivision resources ``{law}/chap_1__sec_2`` that articles
are stip:inDivision; appended tables are stip:AppendixTable with their text; 「X」とは…をいう and term /
definition columns are stip:DefinedTerm with skos:definition, linked from every provision using them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ingest.dates import DateMention
from ingest.legal import LegalExtraction, based_on, resolve_references
from ingest.legal.citations import Reference, find_references
from ingest.legal.egov import Division, EgovLaw
from ingest.legal.emit import _stated
from ingest.legal.laws import LawIndex, LawInfo
from ingest.legal.numbers import ARTICLE, NUMERAL, Step, ja_label, to_int
from ingest.legal.resolve import Provision, passage_at, provision_iri
from ingest.legal.structure import Node
from ingest.records import Extraction, Passage, Problem
from ingest.vocab import Vocabulary
from kg.iris import ELI, Iris, slugify

_LAW_TYPES = ("Law", "Ordinance")
_UNITS = {"編": "part", "章": "chap", "節": "sec", "款": "subsec", "目": "div"}
_RANK = {k: i for i, k in enumerate(_UNITS.values())}
# 第二章, 第二章第二節 (a chain from the outer level down), 次章, 前節, この章, 本章
_DIVISION_REF = re.compile(rf"(?P<chain>(?:第{NUMERAL}[編章節款目])+)|(?P<rel>前|次|この|本)(?P<unit>[編章節款目])")
_CHAIN_STEP = re.compile(rf"第(?P<num>{NUMERAL})(?P<unit>[編章節款目])")


@dataclass
class DivisionRef:
    """A reference to a part, chapter, section … of the law (次章, 第二章第二節), resolved to its division."""

    source: Provision
    target: str  # the division's IRI
    start: int
    end: int
    surface: str


_DIVISION_EN = {"part": "Part", "chap": "Chapter", "sec": "Section", "subsec": "Subsection", "div": "Division"}


def law_info(law: EgovLaw, index: LawIndex, iris: Iris) -> LawInfo:
    """The curated law of this law number, else a law minted from the file (its e-Gov ID as slug)."""
    if law.number is not None and law.number.key in index.by_number:
        return index.laws[index.by_number[law.number.key]]
    type_name = "Ordinance" if law.is_ordinance else "Law"
    made_under = None
    if law.is_ordinance:
        parent = index.by_name(law.title.removesuffix("施行規則").removesuffix("施行令"))
        made_under = parent.iri if parent else None
    iri = iris.entity(type_name, law.egov_id or slugify(law.title))
    info = LawInfo(iri, type_name, {"ja": law.title}, law.number, law.egov_id, False, made_under)
    index.minted[iri] = info
    return info


def law_issued(law: EgovLaw) -> DateMention | None:
    """The promulgation date, as the document's issue date; else the year of the law number (a law is
    numbered in the year it is promulgated)."""
    if law.promulgated is not None:
        year, month, day = law.promulgated
        return DateMention(0, 0, law.law_num, year, month, day)
    return DateMention(0, 0, law.law_num, law.number.western_year) if law.number else None


def law_publishers(law: EgovLaw, vocab: Vocabulary) -> list[str]:
    """Who makes the law: the Diet for an Act, the issuing ministry for an ordinance (when curated)."""
    issuer = "国会" if not law.is_ordinance else (law.number.issuer if law.number else "")
    entry = vocab.lookup(issuer, "Agency") if issuer else None
    return [entry.iri] if entry else []


def _parts(law: EgovLaw, info: LawInfo, iris: Iris) -> list[tuple[LawInfo, list[Node]]]:
    """The main provision under the law itself; each 附則 as a part whose key extends the law's."""
    parts = [(info, law.articles)]
    for sup in law.supplements:
        key = f"{info.key}/{sup.slug}"
        part = LawInfo(f"{iris.base}/law/{key}", info.type, {"ja": sup.label}, None, key, False, info.based_on, info.iri)
        parts.append((part, sup.nodes))
    return parts


def law_passages(doc_id: str, law: EgovLaw, chars: int) -> list[Passage]:
    """One passage per article (per paragraph when an article is long), so a search hit is a provision."""
    spans: list[tuple[int, int, str]] = []
    for node in [*law.articles, *(n for s in law.supplements for n in s.nodes)]:
        units = node.children if node.end - node.start > 2 * chars and node.children else [node]
        spans += [(u.start, u.end, ja_label(u.path)) for u in units]
    spans += [(t.start, t.end, t.title) for t in law.tables]
    passages = []
    for start, end, section in sorted(spans):
        text = law.text[start:end].rstrip()
        if text.strip():
            passages.append(Passage(doc_id, len(passages), start, start + len(text), text, section))
    return passages


def read_law(law: EgovLaw, passages: list[Passage], ex: Extraction, vocab: Vocabulary,
             iris: Iris) -> tuple[LawInfo, LegalExtraction]:  # fmt: skip
    """The law, and every provision of it with its references (inside the law and to other laws) resolved."""
    out = LegalExtraction(text=law.text, official=True)
    index = LawIndex(vocab, iris)
    info = law_info(law, index, iris)
    out.laws[info.iri] = info
    if info.based_on:
        out.laws[info.based_on] = index.get(info.based_on)
    for part, nodes in _parts(law, info, iris):
        index.minted.setdefault(part.iri, part)
        for top in nodes:
            for node in top.walk():
                out.provisions.append(Provision(part, node, provision_iri(iris.base, part, node.path)))
    law_mentions = sorted((m for m in ex.mentions if m.type in _LAW_TYPES), key=lambda m: m.start)
    names = {m.end: (m.start, m.surface) for m in law_mentions}
    found: list[tuple[Reference, Provision | None]] = [
        (ref, p) for p in out.provisions for ref in find_references(law.text, p.node.body, p.node.own_end, names, True)
    ]
    resolve_references(found, law.text, out, index, law_mentions, iris, passages)
    _neighbour_articles(out, iris)
    out.based_on = based_on(out, law.text)
    for part, _ in _parts(law, info, iris)[1:]:
        out.laws.pop(part.iri, None)  # supplementary provisions are parts of the law, emitted below
    return info, out


def _neighbour_articles(out: LegalExtraction, iris: Iris) -> None:
    """前条/次条 are the article before/after in the law as loaded: 次条 of 第三十六条 is 第三十六条の二 when there is
    one, 前条 of 第三十七条 the last branch of 第三十六条 (the resolver alone counts whole numbers)."""
    articles: dict[str, list[Step]] = {}
    for p in out.provisions:
        articles.setdefault(p.law.iri, []).append(p.node.path[0])
    for r in out.references:
        first = r.ref.locator[0]
        if r.source is None or first.level != ARTICLE or first.rel not in ("prev", "next") or not r.targets:
            continue
        known = sorted(set(articles.get(r.source.law.iri, [])))
        here = r.source.node.path[0]
        near = [a for a in known if a > here][:1] if first.rel == "next" else [a for a in known if a < here][-1:]
        if near and all(t.law.iri == r.source.law.iri for t in r.targets):
            for t in r.targets:
                t.path = (near[0], *t.path[1:])
                t.iri = provision_iri(iris.base, t.law, t.path)


def division_references(law: EgovLaw, legal: LegalExtraction, info: LawInfo, iris: Iris) -> list[DivisionRef]:
    """References to chapters and sections in the main provision's words; the unresolved become problems."""
    base = f"{iris.base}/law/{info.key}"
    found: list[DivisionRef] = []
    for p in legal.provisions:
        if p.law.iri != info.iri:
            continue  # 附則 speak of the law's chapters rarely, and never relative to their own
        context = _containing(law.divisions, p.node.start)
        for m in _DIVISION_REF.finditer(law.text, p.node.body, p.node.own_end):
            target = _resolve_division(m, context, law.divisions)
            if target is None:
                message = f"unresolved reference 「{m.group(0)}」: no such part, chapter or section (offset {m.start()})"
                legal.problems.append(Problem("legal", message))
                continue
            found.append(DivisionRef(p, f"{base}/{target.slug}", m.start(), m.end(), m.group(0)))
    return found


def _containing(divisions: list[Division], offset: int) -> list[Division]:
    """The divisions an offset stands in, outermost first."""
    for d in divisions:
        if d.start <= offset < d.end:
            return [d, *_containing(d.children, offset)]
    return []


def _resolve_division(m: re.Match[str], context: list[Division], roots: list[Division]) -> Division | None:
    if m.group("rel"):
        kind = _UNITS[m.group("unit")]
        here = next((d for d in reversed(context) if d.kind == kind), None)
        if here is None or m.group("rel") in ("この", "本"):
            return here
        above = context[context.index(here) - 1].children if context.index(here) else roots
        siblings = [d for d in above if d.kind == kind]
        i = siblings.index(here) + (1 if m.group("rel") == "次" else -1)
        return siblings[i] if 0 <= i < len(siblings) else None
    steps = [(_UNITS[s.group("unit")], to_int(s.group("num"))) for s in _CHAIN_STEP.finditer(m.group("chain"))]
    # The chain starts inside the innermost division of a higher level around the reference (第二節 in 第三章
    # is 第三章's), else at the top of the law.
    outer = [d for d in context if _RANK[d.kind] < _RANK[steps[0][0]]]
    scope = outer[-1].children if outer else roots
    found = None
    for kind, number in steps:
        found = next((d for d in scope if d.kind == kind and d.number[0] == number), None)
        if found is None:
            return None
        scope = found.children
    return found


def emit_law(g: Graph, doc_id: str, law: EgovLaw, info: LawInfo, legal: LegalExtraction, passages: list[Passage],
             iris: Iris) -> None:  # fmt: skip
    """What the XML says of the law beyond its provisions: version, structure, 附則, tables, definitions."""
    ont, doc = iris.ont, URIRef(iris.doc(doc_id))
    node = URIRef(info.iri)
    g.add((node, ont.officialTextIn, doc))
    if law.law_type:
        g.add((node, ont.lawType, Literal(law.law_type)))
    if law.egov_id:
        g.add((node, ont.egovLawId, Literal(law.egov_id)))
    if law.as_of:
        g.add((node, ont.versionDate, Literal(law.as_of, datatype=XSD.date)))
    if law.amending_id:
        g.add((node, ont.lastAmendedBy, Literal(law.amending_id)))
    base = f"{iris.base}/law/{info.key}"
    _divisions(g, law.divisions, node, base, iris)
    for sup in law.supplements:
        s = URIRef(f"{base}/{sup.slug}")
        g.add((s, RDF.type, ont.SupplementaryProvision))
        g.add((s, ELI.is_part_of, node))
        g.add((s, SKOS.prefLabel, Literal(f"附則({sup.amend_law_num})" if sup.amend_law_num else "附則", lang="ja")))
        en = "Supplementary Provisions" + (f" ({sup.amend_law_num})" if sup.amend_law_num else "")
        g.add((s, SKOS.prefLabel, Literal(en, lang="en")))
        if sup.amend_law_num:
            g.add((s, ont.amendLawNumber, Literal(sup.amend_law_num)))
        g.add((s, DCTERMS.source, doc))
    for table in law.tables:
        t = URIRef(f"{base}/{table.slug}")
        g.add((t, RDF.type, ont.AppendixTable))
        g.add((t, ELI.is_part_of, node))
        g.add((t, SKOS.prefLabel, Literal(table.title, lang="ja")))
        g.add((t, SKOS.prefLabel, Literal(f"Appended Table {table.slug.rsplit('_', 1)[-1]}", lang="en")))
        g.add((t, ont.officialText, Literal(law.text[table.start : table.end].strip(), lang="ja")))
    _definitions(g, law, legal, info, iris)
    for ref in division_references(law, legal, info, iris):
        passage = passage_at(passages, ref.start)
        if passage is not None:
            _stated(g, iris, doc_id, (URIRef(ref.source.iri), ELI.cites, URIRef(ref.target)), passage, ref.start, ref.end,
                    "legal:citation")  # fmt: skip


def _divisions(g: Graph, divisions: list[Division], parent: URIRef, base: str, iris: Iris) -> None:
    ont = iris.ont
    for d in divisions:
        node = URIRef(f"{base}/{d.slug}")
        g.add((node, RDF.type, ont.LawDivision))
        g.add((node, ELI.is_part_of, parent))
        g.add((node, ELI.number, Literal("-".join(str(n) for n in d.number))))
        g.add((node, ont.divisionKind, Literal(d.kind)))
        g.add((node, SKOS.prefLabel, Literal(d.title, lang="ja")))
        en = ", ".join(f"{_DIVISION_EN[p.split('_')[0]]} {p.split('_')[1]}" for p in d.slug.split("__"))
        g.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        direct = {id(a) for c in d.children for a in c.articles}
        for a in d.articles:
            if id(a) not in direct:
                g.add((URIRef(f"{base}/{a.path[0].slug()}"), ont.inDivision, node))
        _divisions(g, d.children, node, base, iris)


def _definitions(g: Graph, law: EgovLaw, legal: LegalExtraction, info: LawInfo, iris: Iris) -> None:
    """Defined terms, the provision defining each, and every provision whose own words use it."""
    ont = iris.ont
    by_node = {id(p.node): p for p in legal.provisions}
    for d in law.definitions:
        source = by_node.get(id(d.node))
        if source is None:
            continue
        term = URIRef(iris.entity("Term", f"{info.key}-{slugify(d.term)}"))
        g.add((term, RDF.type, ont.DefinedTerm))
        g.add((term, SKOS.prefLabel, Literal(d.term, lang="ja")))
        g.add((term, SKOS.definition, Literal(d.definition, lang="ja")))
        g.add((term, ont.definedIn, URIRef(source.iri)))
        for p in legal.provisions:
            if p is not source and d.term in law.text[p.node.body : p.node.own_end]:
                g.add((URIRef(p.iri), ont.usesTerm, term))
