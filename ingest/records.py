"""Records that flow between ingest stages. Plain dataclasses: no stage reaches into another's internals."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass
class Document:
    """A loaded (and later normalized) document. ``offset_map[i]`` is the raw offset of text[i]."""

    source: str  # file name or URL as given
    media_type: str
    text: str
    content_hash: str  # sha256 of the raw bytes
    offset_map: list[int] | None = None
    law: object | None = None  # an e-Gov law XML file, parsed (ingest.legal.egov.EgovLaw)

    @property
    def doc_id(self) -> str:
        return self.content_hash[:16]


@dataclass
class Section:
    title: str
    start: int
    end: int
    kind: str = "body"  # body | table | list | statute


@dataclass
class Passage:
    doc_id: str
    index: int
    start: int  # offsets into the normalized document text
    end: int
    text: str
    section: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}#p{self.index}"


@dataclass
class Metadata:
    title: str
    publisher: list[str]  # entity keys (type, slug) resolved by link; here as surface names
    issued: str | None  # ISO 8601 date
    issued_surface: str = ""


@dataclass
class Mention:
    """A span of a passage naming an entity; offsets are into the normalized document text."""

    start: int
    end: int
    surface: str
    type: str  # ontology class local name: Program, Agency, Country, ...
    passage: int  # passage index
    key: str = ""  # canonical key after linking (entity IRI)
    source: str = "ruler"  # which extractor found it


@dataclass
class Entity:
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)  # lang → prefLabel
    alt_labels: list[tuple[str, str]] = field(default_factory=list)  # (label, lang)
    curated: bool = False
    # Where the English label comes from when the entity is not curated: text (the document gives it),
    # translated (composed from the glossary, every word unambiguous), romanized (read, not translated).
    label_source: str = ""
    # Further ontology classes the entity is an instance of (OrganizationalUnit for a bureau of a ministry).
    extra_types: list[str] = field(default_factory=list)


@dataclass
class Fact:
    """A triple extracted from text, with the passage and span that state it."""

    subject: str
    predicate: str
    obj: str | int | float
    passage: int
    start: int
    end: int
    datatype: str | None = None  # set for literals
    extractor: str = "rules"


@dataclass
class Budget:
    iri: str
    value: str  # decimal string in base units
    currency: str
    fiscal_year: int | None
    subject: str | None  # program/agency IRI
    stated_as: str
    passage: int
    start: int
    end: int
    status: str = ""
    subject_rank: int = 0  # 3 named on the amount's line, 2 heading just above, 1 a few lines above, 0 weak or none
    also: list[tuple[int, int, int]] = field(default_factory=list)  # further statements: (passage, start, end)
    recipient: str | None = None  # an agency's share of a program's budget: the agency (JST:20億円)
    part_of: str | None = None  # the budget this amount is a share of (its IRI)
    fiscal_years: list[int] = field(default_factory=list)  # a total over several years: the years it spans


@dataclass
class Problem:
    """Something ingest could not do, reported rather than dropped."""

    stage: str
    message: str
    passage: int | None = None


@dataclass
class Observation:
    """One cell of a statistics table."""

    table: int  # table number within the document
    caption: str
    row: str
    column: str
    value: str  # decimal string
    unit: str
    passage: int
    start: int
    end: int
    country: str | None = None
    year: int | None = None


@dataclass
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    event_dates: dict[str, object] = field(default_factory=dict)  # event IRI → DateMention
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def drop(self, keys: set[str]) -> None:
        """Forget entities found wrongly: their mentions, facts and dates go with them."""
        self.mentions[:] = [m for m in self.mentions if m.key not in keys]
        self.facts[:] = [f for f in self.facts if f.subject not in keys and f.obj not in keys]
        for k in keys:
            self.entities.pop(k, None)
            self.event_dates.pop(k, None)

    def merge(self, old: str, new: str) -> None:
        """Make entity ``old`` another name of ``new``: its labels, mentions, facts and date move over."""
        gone, kept = self.entities.pop(old), self.entities[new]
        kept.alt_labels += [(label, lang) for lang, label in gone.labels.items()] + gone.alt_labels
        self.mentions[:] = [replace(m, key=new) if m.key == old else m for m in self.mentions]
        self.facts[:] = [
            replace(f, subject=new if f.subject == old else f.subject, obj=new if f.obj == old else f.obj) for f in self.facts
        ]
        date = self.event_dates.pop(old, None)
        if date is not None:
            self.event_dates.setdefault(new, date)
