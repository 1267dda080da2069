"""The legal layer of a document: quoted statute and ordinance text as a provision tree, every provision
reference resolved, and what the provisions govern.

    structure.py  statute/ordinance text → Article → Paragraph → Item → SubItem (spans that tile)
    laws.py       which law a quoted text is; laws named in references; minted laws
    citations.py  provision references in text (法第四条第三項第一号, 同号, 第二項第二号イからホまで …)
    resolve.py    references → provisions (relative, 同-, coordinated, ranges)
    links.py      programs, systems and events → the provisions that govern them, with evidence
    emit.py       all of it → RDF (ELI terms + stip:) in the document's graph

``read_legal`` runs after entity extraction (it uses the law, program and organisation mentions).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.legal.citations import Reference, find_references
from ingest.legal.laws import LawIndex, LawInfo, delegation_kind, identify_statute
from ingest.legal.links import LegalEvent, Link, find_links
from ingest.legal.resolve import (
    Provision,
    Resolved,
    Target,
    Unresolvable,
    expand_range,
    locate,
    passage_at,
    provision_iri,
)
from ingest.legal.structure import Article, group_laws, parse_articles
from ingest.records import Extraction, Passage, Problem
from ingest.vocab import Vocabulary
from kg.iris import Iris

_LAW_TYPES = ("Law", "Ordinance")
# What an ordinance provision says when it fills a delegation of the law: 「法第四条第三項第一号の文部科学省令で定める」.
_FILLS = re.compile(r"^の(?:[\u4e00-\u9fff]{0,8}省令|政令|内閣府令|府令|[\u4e00-\u9fff]{0,8}規則)で定める|^の規定に基づ")
_NOT_PROVISION = re.compile(r"(?:様式|別表|別記|書式|附録)$")


@dataclass
class BasedOn:
    source: Provision
    target: Target
    ref: Resolved


@dataclass
class LegalExtraction:
    laws: dict[str, LawInfo] = field(default_factory=dict)  # every law the layer speaks of, by IRI
    provisions: list[Provision] = field(default_factory=list)
    references: list[Resolved] = field(default_factory=list)
    based_on: list[BasedOn] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    events: list[LegalEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""  # the normalized document text the offsets point into
    official: bool = False  # the law's own text (e-Gov XML), not a document quoting it

    def summary(self) -> dict[str, object]:
        """Counts for the ingest report: references found, resolved and not, and each problem."""
        resolved = [r for r in self.references if not r.problem]
        return {
            "provisions": len(self.provisions),
            "references": len(self.references),
            "resolved": len(resolved),
            "unresolved": len(self.references) - len(resolved),
            "based_on": len(self.based_on),
            "links": len(self.links),
            "problems": [p.message for p in self.problems],
        }


def _group_text(text: str, group: list[Article]) -> str:
    return "".join(text[a.node.start : a.node.end] for a in group)


def _bind_laws(text: str, groups: list[list[Article]], index: LawIndex, counts: Counter[str],
               out: LegalExtraction, passages: list[Passage]) -> list[tuple[LawInfo, list[Article]]]:  # fmt: skip
    """Each group of quoted articles with the law it belongs to; groups of no known law are reported."""
    bound: list[tuple[LawInfo, list[Article]]] = []
    statutes: list[LawInfo] = []
    for group in (g for g in groups if g[0].kind == "statute"):
        law, _ = identify_statute(_group_text(text, group), index, counts)
        if law is None:
            out.problems.append(_problem(passages, group[0].node.start, "statute text of a law not in the vocabulary"
                                         f" (articles {', '.join(str(a.node.path[0].number) for a in group)})"))  # fmt: skip
            continue
        statutes.append(law)
        bound.append((law, group))
    for group in (g for g in groups if g[0].kind == "ordinance"):
        body = _group_text(text, group)
        parent = statutes[0] if len(statutes) == 1 else identify_statute(body, index, counts)[0]
        if parent is None:
            out.problems.append(_problem(passages, group[0].node.start, "ordinance text whose enabling law is unknown"))
            continue
        bound.append((index.ordinance_for(parent, delegation_kind(body)), group))
        out.laws[parent.iri] = parent
    for law, _ in bound:
        out.laws[law.iri] = law
    return bound


def _problem(passages: list[Passage], offset: int, message: str) -> Problem:
    return Problem("legal", f"{message} (offset {offset})", passage_at(passages, offset))


def read_legal(text: str, passages: list[Passage], ex: Extraction, vocab: Vocabulary, iris: Iris) -> LegalExtraction:
    """Provision trees, resolved references and governing links of one normalized document."""
    out = LegalExtraction(text=text)
    index = LawIndex(vocab, iris)
    law_mentions = sorted((m for m in ex.mentions if m.type in _LAW_TYPES), key=lambda m: m.start)
    counts = Counter(m.key for m in law_mentions)
    bound = _bind_laws(text, group_laws(parse_articles(text)), index, counts, out, passages)
    for law, group in bound:
        for article in group:
            for node in article.node.walk():
                out.provisions.append(Provision(law, node, provision_iri(iris.base, law, node.path)))
    names = {m.end: (m.start, m.surface) for m in law_mentions}
    law_at = {m.start: m.key for m in law_mentions}
    found: list[tuple[Reference, Provision | None]] = []
    for p in out.provisions:
        for ref in find_references(text, p.node.body, p.node.own_end, names, in_statute=True):
            found.append((ref, p))
    spans = sorted((a.node.start, a.node.end) for _, g in bound for a in g)
    cursor = 0
    for s, e in [*spans, (len(text), len(text))]:
        for ref in find_references(text, cursor, s, names, in_statute=False):
            if not _NOT_PROVISION.search(text[max(0, ref.start - 4) : ref.start]):
                found.append((ref, None))
        cursor = max(cursor, e)
    found.sort(key=lambda f: f[0].start)
    _resolve_all(found, text, out, index, law_mentions, law_at, iris, passages)
    for r in out.references:
        for t in r.targets:
            out.laws.setdefault(t.law.iri, t.law)
    out.based_on = based_on(out, text)
    out.links, out.events = find_links(text, passages, ex, out, iris, vocab)
    for ev in out.events:  # the extractor may have found the same act: one event, with the legal layer's labels
        if ev.iri in ex.entities:
            ex.entities[ev.iri].labels = dict(ev.labels)
    return out


def based_on(out: LegalExtraction, text: str) -> list[BasedOn]:
    """Ordinance provisions that fill a delegation of their law's provisions (「法第四条第三項第一号の…省令で定める」)."""
    return [
        BasedOn(r.source, t, r)
        for r in out.references
        if r.source is not None and r.source.law.type == "Ordinance" and not r.problem
        and _FILLS.search(re.sub(r"\s+", "", text[r.ref.end : r.ref.end + 40]))
        for t in r.targets
        if t.law.iri == r.source.law.based_on
    ]  # fmt: skip


def resolve_references(found: list[tuple[Reference, Provision | None]], text: str, out: LegalExtraction,
                       index: LawIndex, law_mentions: list, iris: Iris, passages: list[Passage]) -> None:  # fmt: skip
    """Resolve references found in text (sorted by offset) into ``out.references``, reporting the unresolved."""
    law_at = {m.start: m.key for m in law_mentions}
    _resolve_all(sorted(found, key=lambda f: f[0].start), text, out, index, law_mentions, law_at, iris, passages)
    for r in out.references:
        for t in r.targets:
            out.laws.setdefault(t.law.iri, t.law)


def _resolve_all(found: list[tuple[Reference, Provision | None]], text: str, out: LegalExtraction, index: LawIndex,
                 law_mentions: list, law_at: dict[int, str], iris: Iris, passages: list[Passage]) -> None:  # fmt: skip
    cited_in_article: dict[tuple[str, int], list[Target]] = {}  # (law, article) → provisions cited there, in order
    previous: Resolved | None = None
    named_before: list[tuple[int, LawInfo]] = [(m.start, index.get(m.key)) for m in law_mentions if m.key in index.laws]
    for ref, source in found:
        r = Resolved(ref, source)
        try:
            if ref.problem:
                raise Unresolvable(ref.problem)
            law = _law_of(ref, source, previous, index, law_at, named_before)
            if law is None:
                raise Unresolvable(_no_law_reason(ref, source))
            scope = (source.law.iri, source.node.path[0].number) if source else None
            level = ref.locator[0].level
            earlier = cited_in_article.get(scope, []) if scope else []
            antecedent = next((t for t in reversed(earlier) if len(t.path) > level), None)
            if ref.follows and previous and previous.targets and not ref.locator[0].rel:
                ctx = previous.targets[-1].path
            else:
                ctx = source.node.path if source and law.iri == source.law.iri else None
            if antecedent is not None and ref.locator[0].rel == "same":
                law = antecedent.law
            paths, r.each = locate(ref.locator, ctx, antecedent.path if antecedent else None, ref.surface)
            if ref.range_to is not None:
                paths = expand_range(paths[0], ref.range_to, ref.surface)
            r.targets = [Target(law, p, provision_iri(iris.base, law, p)) for p in paths]
            if law.number is None and not law.curated:
                out.laws.setdefault(law.iri, law)
            if ref.law.kind == "named":
                named_before.append((ref.start, law))
            if scope and r.targets and not r.self_scope:
                cited_in_article.setdefault(scope, []).extend(r.targets)
        except Unresolvable as exc:
            r.problem = str(exc)
            out.problems.append(_problem(passages, ref.start, f"unresolved reference 「{_oneline(ref.surface)}」: {exc}"))
        out.references.append(r)
        previous = r


def _oneline(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _law_of(ref: Reference, source: Provision | None, previous: Resolved | None, index: LawIndex, law_at: dict[int, str],
            named_before: list[tuple[int, LawInfo]]) -> LawInfo | None:  # fmt: skip
    """The law a reference means (see resolve.py)."""
    if ref.follows and previous is not None and previous.targets:
        return previous.targets[0].law
    kind = ref.law.kind
    if kind == "named":
        curated = law_at.get(ref.law.start)
        if curated in index.laws:  # a name the gazetteer knew; other law names go by name and number
            return index.get(curated)  # type: ignore[arg-type]
        return index.find(ref.law.name, ref.law.number)
    if kind == "bare":
        if source is not None:
            return index.get(source.law.based_on) if source.law.based_on else None
        before = [law for start, law in named_before if start < ref.start and law.type == "Law"]
        return before[-1] if before else None
    if kind == "same":
        before = [law for start, law in named_before if start < ref.start]
        return before[-1] if before else None
    if source is not None and source.law.part_of and not ref.locator[0].rel:
        return index.get(source.law.part_of)  # 第三条 in a 附則 is the main provision's
    return source.law if source is not None else None


def _no_law_reason(ref: Reference, source: Provision | None) -> str:
    if ref.law.kind == "named":
        return f"law 「{ref.law.name}」 is not known and no law number is given"
    if ref.law.kind == "bare":
        return "「法」 with no law named before it" if source is None else "「法」 in a statute that is not an ordinance"
    if ref.law.kind == "same":
        return "「同法」 with no law named before it"
    return "no law named, outside statute text"
