"""Curated bilingual authority data: the vocabularies in ``ontology/vocab/`` plus ISO 3166 from pycountry.

One ``Vocabulary`` object answers: which entity does this surface name, what are its labels, what type is
it. It feeds the gazetteer in extraction and the labels emitted into the graph.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.iris import Iris

# Entity classes the gazetteer knows, most specific first.
ENTITY_TYPES = (
    "Program", "Agency", "University", "ResearchInstitute", "Council", "Organization",
    "Country", "Prefecture", "Municipality", "Region", "Ordinance", "Law", "Event",
)  # fmt: skip


@dataclass
class VocabEntry:
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    ambiguous: set[str] = field(default_factory=set)  # names shared with other entities: labels, never matched alone
    extra_types: list[str] = field(default_factory=list)  # a second nature: the EU is a region and a body of states

    def surfaces(self) -> set[str]:
        names = set(self.labels.values()) | {a for a, _ in self.aliases} | set(self.abbreviations)
        return {key(n) for n in names if len(key(n)) >= 2} - {key(n) for n in self.ambiguous}


def key(surface: str) -> str:
    """Normalized lookup key: NFKC, single spaces, no surrounding whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", surface)).strip()


@dataclass
class Vocabulary:
    entries: dict[str, VocabEntry]
    graph: Graph  # the curated triples themselves, emitted into the store's vocabulary graph
    by_surface: dict[str, list[str]] = field(default_factory=dict)
    country_abbr: dict[str, str] = field(default_factory=dict)  # 米 → country IRI
    parents: dict[str, str] = field(default_factory=dict)  # unit or council → the body it is part of
    successors: dict[str, str] = field(default_factory=dict)  # former body → the body that replaced it

    def __post_init__(self) -> None:
        for s, p, o in self.graph:
            if str(p).endswith("ontology#partOf"):
                self.parents[str(s)] = str(o)
        for entry in self.entries.values():
            for s in entry.surfaces():
                self.by_surface.setdefault(s, []).append(entry.iri)
            if entry.type in ("Country", "Region"):  # 米 → United States, 欧 → Europe (日欧)
                for abbr in entry.abbreviations:
                    if len(abbr) == 1:
                        self.country_abbr[abbr] = entry.iri

    def parent_of(self, iri: str) -> str | None:
        """The curated body a council or unit belongs to (科学技術・学術審議会 → 文部科学省), or None."""
        return self.parents.get(iri)

    def lookup(self, surface: str, type_name: str | None = None) -> VocabEntry | None:
        """The entry a surface names (optionally of a given type), or None."""
        for iri in self.by_surface.get(key(surface), []):
            entry = self.entries[iri]
            if type_name is None or entry.type == type_name:
                return entry
        return None

    def current(self, iri: str) -> str:
        """The body an entity became (総合科学技術会議 → 総合科学技術・イノベーション会議); itself if it still exists."""
        seen = {iri}
        while iri in self.successors and self.successors[iri] not in seen:
            iri = self.successors[iri]
            seen.add(iri)
        return iri


def _local_type(g: Graph, subject: URIRef, ont: str) -> str | None:
    types = {str(t).removeprefix(ont) for t in g.objects(subject, RDF.type) if str(t).startswith(ont)}
    for name in ENTITY_TYPES:
        if name in types:
            return name
    return None


# Classes an entity may carry beside its main type, read from the vocabulary.
ALSO_TYPES = ("IntergovernmentalOrganization",)


def _also_types(g: Graph, subject: URIRef, ont: str) -> list[str]:
    return [name for name in ALSO_TYPES if (subject, RDF.type, URIRef(ont + name)) in g]


_OFFICIAL_FORM = re.compile(
    r"(?:連合共和国|民主社会主義共和国|人民民主共和国|民主共和国|人民共和国|社会主義共和国|イスラム共和国|共和国|連合王国|王国|大公国|首長国連邦|連邦)$"
)


def _country_entries(iris: Iris) -> dict[str, VocabEntry]:
    import pycountry

    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    entries = {}
    for c in pycountry.countries:
        iri = iris.entity("Country", c.alpha_2)
        en = getattr(c, "common_name", None) or c.name
        entry = VocabEntry(iri, "Country", {"en": en})
        ja_name = ja.gettext(c.name)
        if ja_name != c.name:  # 「大韓民国 (韓国)」 carries its short form in parentheses
            m = re.match(r"^(.*?)\s*[(（](.+)[)）]$", ja_name)
            entry.labels["ja"] = m.group(1) if m else ja_name
            if m:
                entry.aliases.append((m.group(2), "ja"))
            # 「ラオス人民民主共和国」 is written 「ラオス」 in running text.
            short = _OFFICIAL_FORM.sub("", entry.labels["ja"])
            if len(short) >= 2 and short != entry.labels["ja"]:
                entry.aliases.append((short, "ja"))
        if en != c.name:
            entry.aliases.append((c.name, "en"))
        entries[iri] = entry
    # A short form two countries share (コンゴ, ドミニカ) names neither on its own.
    owners: dict[str, set[str]] = {}
    for entry in entries.values():
        for name in {*entry.labels.values(), *(a for a, _ in entry.aliases)}:
            owners.setdefault(key(name), set()).add(entry.iri)
    for name, shared in owners.items():
        for iri in shared if len(shared) > 1 else ():
            entries[iri].ambiguous.add(name)
    return entries


def load_vocabulary(ontology_dir: Path, iris: Iris) -> Vocabulary:
    """Read every ``ontology/vocab/*.ttl`` (relative IRIs resolved against the base) plus pycountry."""
    graph = Graph()
    for path in sorted((ontology_dir / "vocab").glob("*.ttl")):
        graph.parse(path, format="turtle", publicID=f"{iris.base}/")
    ont = str(iris.ont)
    entries = _country_entries(iris)
    for subject in set(graph.subjects()):
        if not isinstance(subject, URIRef):
            continue
        iri = str(subject)
        type_name = _local_type(graph, subject, ont) or (entries[iri].type if iri in entries else None)
        if type_name is None:
            continue
        entry = entries.get(iri) or VocabEntry(iri, type_name)
        entry.type = type_name
        entry.extra_types = _also_types(graph, subject, ont)
        for label in graph.objects(subject, SKOS.prefLabel):
            if isinstance(label, Literal) and label.language:
                old = entry.labels.get(label.language)
                if old and old != str(label):
                    entry.aliases.append((old, label.language))  # a curated prefLabel beats ISO's
                entry.labels[label.language] = str(label)
        for alias in graph.objects(subject, SKOS.altLabel):
            entry.aliases.append((str(alias), alias.language or "") if isinstance(alias, Literal) else (str(alias), ""))
        entry.abbreviations += [str(a) for a in graph.objects(subject, URIRef(ont + "abbreviation"))]
        entry.ambiguous |= {str(a) for a in graph.objects(subject, URIRef(ont + "ambiguousName"))}
        entries[iri] = entry
    # Successions are stated either way round (new dcterms:replaces old, old dcterms:isReplacedBy new).
    successors = {str(old): str(new) for new, old in graph.subject_objects(DCTERMS.replaces)}
    successors |= {str(old): str(new) for old, new in graph.subject_objects(DCTERMS.isReplacedBy)}
    return Vocabulary(entries, graph, successors=successors)


@lru_cache(maxsize=4)
def cached_vocabulary(ontology_dir: Path, base: str) -> Vocabulary:
    return load_vocabulary(ontology_dir, Iris(base))


def vocabulary_graph(vocab: Vocabulary, iris: Iris) -> Graph:
    """The curated triples plus every ISO 3166 country with its code and bilingual labels."""
    g = Graph()
    for triple in vocab.graph:
        g.add(triple)
    ont = iris.ont
    for entry in vocab.entries.values():
        if entry.type != "Country":
            continue
        node = URIRef(entry.iri)
        g.add((node, RDF.type, ont.Country))
        g.add((node, ont.isoCode, Literal(entry.iri.rsplit("/", 1)[-1])))
        for lang, label in entry.labels.items():
            if (node, SKOS.prefLabel, Literal(label, lang=lang)) not in g:
                for old in list(g.objects(node, SKOS.prefLabel)):
                    if isinstance(old, Literal) and old.language == lang:
                        g.remove((node, SKOS.prefLabel, old))
                g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
        for alias, lang in entry.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang=lang or None)))
    return g
