"""Which law a quoted statute or ordinance is, and which law a reference names.

A quoted statute is identified by its title: statutes are titled after what they do, so the law whose
title (without 「に関する法律」) shares most of its character trigrams with the quoted text is the one
quoted, with a small bonus for laws the document names elsewhere (国際卓越研究大学法に基づき…). An
ordinance is the one made under the law its bare 「法」 means: the statute quoted in the same document, or
else the law whose title its text matches best; the curated ordinance based on that law (eli:based_on in
ontology/vocab/laws.ttl) is taken when there is one, else one is minted as 「<law>施行規則」 (a ministerial
ordinance, 「…省令で定める」) or 「<law>施行令」 (a Cabinet Order, 「政令で定める」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from ingest.legal.lawnum import LawNumber, egov_law_id, parse_law_number
from ingest.vocab import Vocabulary, key
from kg.iris import ELI, Iris, slugify

_TITLE_TAIL = re.compile(r"(?:に関する(?:特別措置)?法律|に関する法律施行規則|施行規則|施行令|法律|法)$")
MIN_COVERAGE = 0.5


@dataclass
class LawInfo:
    """A law or ordinance the legal layer talks about: curated (from the vocabulary) or minted here."""

    iri: str
    type: str  # Law | Ordinance
    labels: dict[str, str] = field(default_factory=dict)
    number: LawNumber | None = None
    egov_id: str | None = None
    curated: bool = False
    based_on: str | None = None  # for an ordinance: the law it is made under
    part_of: str | None = None  # for supplementary provisions (附則): the law they belong to

    @property
    def key(self) -> str:
        """The segment provision IRIs are built on: the e-Gov law ID, else the law's slug."""
        return self.egov_id or self.iri.rstrip("/").rsplit("/", 1)[-1]


class LawIndex:
    """The curated laws, by IRI, by name and by law number; mints laws found only in text."""

    def __init__(self, vocab: Vocabulary, iris: Iris) -> None:
        self.vocab, self.iris = vocab, iris
        self.laws: dict[str, LawInfo] = {}
        self.by_number: dict[tuple[str, int, str, int], str] = {}
        ont = str(iris.ont)
        for entry in vocab.entries.values():
            if entry.type not in ("Law", "Ordinance"):
                continue
            node = URIRef(entry.iri)
            raw_number = next(iter(vocab.graph.objects(node, URIRef(ont + "lawNumber"))), None)
            egov = next(iter(vocab.graph.objects(node, URIRef(ont + "egovLawId"))), None)
            based = next(iter(vocab.graph.objects(node, ELI.based_on)), None)
            number = parse_law_number(str(raw_number)) if raw_number is not None else None
            info = LawInfo(entry.iri, entry.type, dict(entry.labels), number, str(egov) if egov else None, True,
                           str(based) if based else None)  # fmt: skip
            self.laws[entry.iri] = info
            if number is not None:
                self.by_number[number.key] = entry.iri
        self.minted: dict[str, LawInfo] = {}

    def get(self, iri: str) -> LawInfo:
        return self.laws.get(iri) or self.minted[iri]

    def by_name(self, name: str) -> LawInfo | None:
        entry = self.vocab.lookup(name, "Law") or self.vocab.lookup(name, "Ordinance")
        return self.laws.get(entry.iri) if entry else None

    def find(self, name: str, number: LawNumber | None) -> LawInfo | None:
        """The law a name and/or law number means; a law known only from its number is minted."""
        if number is not None and number.key in self.by_number:
            return self.laws[self.by_number[number.key]]
        if name:
            found = self.by_name(name)
            if found is not None:
                return found
        if number is None:
            return None
        return self.mint(name or "", number)

    def mint(self, name: str, number: LawNumber | None, type_name: str = "Law", based_on: str | None = None) -> LawInfo:
        """A law seen only in text: named by its law number (its e-Gov ID when the number fixes it)."""
        egov = egov_law_id(number) if number else None
        slug = egov or slugify(name or "unnamed-law")
        iri = self.iris.entity(type_name, slug)
        info = self.minted.get(iri) or LawInfo(iri, type_name, {"ja": name} if name else {}, number, egov, False, based_on)
        self.minted[iri] = info
        return info

    def ordinance_for(self, law: LawInfo, kind: str) -> LawInfo:
        """The ordinance of ``kind`` (施行規則 or 施行令) made under ``law``: curated, or minted from its title."""
        made_under = [o for o in self.laws.values() if o.type == "Ordinance" and o.based_on == law.iri]
        for o in sorted(made_under, key=lambda o: not o.labels.get("ja", "").endswith(kind)):
            return o
        ja = law.labels.get("ja", "") + kind
        en_law = law.labels.get("en")
        labels = {"ja": ja}
        if en_law:
            labels["en"] = ("Regulation for Enforcement of " if kind == "施行規則" else "Order for Enforcement of ") + en_law
        slug = f"{law.iri.rsplit('/', 1)[-1]}-{'enforcement-regulation' if kind == '施行規則' else 'enforcement-order'}"
        iri = self.iris.entity("Ordinance", slug)
        info = self.minted.get(iri) or LawInfo(iri, "Ordinance", labels, None, None, False, law.iri)
        self.minted[iri] = info
        return info


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


def coverage(title: str, text: str) -> float:
    """Share of the title's character trigrams (without its 「…に関する法律」 tail) found in the text."""
    core = _TITLE_TAIL.sub("", key(title))
    grams = _trigrams(core)
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in text) / len(grams)


def identify_statute(text: str, index: LawIndex, mentions: dict[str, int]) -> tuple[LawInfo | None, float]:
    """The curated law whose title the quoted statute text matches best (see module doc), with its score."""
    squeezed = re.sub(r"\s+", "", text)
    best: tuple[float, LawInfo | None] = (0.0, None)
    for law in index.laws.values():
        if law.type != "Law":
            continue
        titles = [law.labels.get("ja", "")] + [a for a, lang in _aliases(index, law.iri) if lang == "ja"]
        cov = max(coverage(t, squeezed) for t in titles if t) if any(titles) else 0.0
        if cov < MIN_COVERAGE:
            continue
        score = cov + 0.1 * min(mentions.get(law.iri, 0), 5)
        if score > best[0]:
            best = (score, law)
    return best[1], best[0]


def _aliases(index: LawIndex, iri: str) -> list[tuple[str, str]]:
    return [(str(a), a.language or "") for a in index.vocab.graph.objects(URIRef(iri), SKOS.altLabel) if isinstance(a, Literal)]


def delegation_kind(text: str) -> str:
    """施行令 when an ordinance fills 「…政令で定める」, else 施行規則 (ministerial ordinances)."""
    return "施行令" if re.search(r"法第[^。]{0,40}?の政令で定める", re.sub(r"\s+", "", text)) else "施行規則"
