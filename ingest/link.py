"""Entity linking: a (type, surface) → one IRI per real-world entity, with its bilingual labels.

Curated entities (ontology/vocab, ISO 3166) keep their IRIs and labels; names not in the vocabularies get
an IRI from their normalized surface, so the same name yields the same IRI in every document and run.
"""

from __future__ import annotations

import re

from ingest.gloss import english_gloss
from ingest.records import Entity
from ingest.romanize import romanize_name, romanize_text
from ingest.vocab import Vocabulary, key
from kg.iris import Iris, slugify

_ORG_TYPES = {"Agency", "Organization", "University", "ResearchInstitute", "Council"}
_LATIN = re.compile(r"^[\x00-\x7f]+$")
_PLACE_TYPES = {"Place", "Prefecture", "Municipality", "City"}
# Honorific or generic prefixes that do not change which organisation is meant.
_PREFIXES = re.compile(r"^(?:国立研究開発法人|独立行政法人|一般財団法人|公益財団法人|国立大学法人|学校法人|米国|英国)")


class Linker:
    def __init__(self, vocab: Vocabulary, iris: Iris) -> None:
        self.vocab = vocab
        self.iris = iris
        self.aliases: dict[str, str] = {}  # surface key → IRI learned within a document, e.g. NAME(ABBR)
        self.minted: dict[str, Entity] = {}  # entities not in the vocabularies, by IRI

    def entity_for(self, type_name: str, surface: str) -> Entity | None:
        """The entity a surface of a given type names; None when it cannot be a real entity."""
        surface = key(surface)
        if surface in self.aliases:
            return self.entity_by_iri(self.aliases[surface])
        for candidate in (surface, _PREFIXES.sub("", surface)):
            entry = self.vocab.lookup(candidate)
            if entry is not None:
                return self.entity_by_iri(entry.iri)
        if type_name == "Country":  # unknown countries are not minted: ISO 3166 is the authority
            return None
        # Minted organisations share one namespace whatever subclass NER guessed, so a name has one IRI.
        segment_type = "Organization" if type_name in _ORG_TYPES else type_name
        iri = self.iris.entity(segment_type, slugify(surface))
        if iri not in self.minted:
            labels, source = self.labels_with_source(surface, type_name)
            self.minted[iri] = Entity(iri=iri, type=type_name, labels=labels, label_source=source)
        return self.minted[iri]

    def _english_of(self, word: str) -> str | None:
        entry = self.vocab.lookup(word)
        return entry.labels.get("en") if entry is not None else None

    def labels_for(self, surface: str) -> dict[str, str]:
        """Labels of a name seen only in text (see ``labels_with_source``)."""
        return self.labels_with_source(surface)[0]

    def labels_with_source(self, surface: str, type_name: str = "") -> tuple[dict[str, str], str]:
        """The name itself in Japanese and an English label with where it comes from: a Latin-script name is
        written the same in both; a person's name and a place are romanized (never translated); any other name
        is translated only when every word has one unambiguous gloss, else romanized."""
        if _LATIN.match(surface):
            return {"ja": surface, "en": surface}, "text"
        labels = {"ja": surface}
        if type_name == "Person":
            english, source = romanize_name(surface), "romanized"
        elif type_name in _PLACE_TYPES:
            english, source = romanize_text(surface), "romanized"
        else:
            english, source = english_gloss(surface, self._english_of), "translated"
            if english is None:
                english, source = romanize_text(surface), "romanized"
        if english:
            labels["en"] = english
        return labels, source if english else ""

    def entity_by_iri(self, iri: str) -> Entity:
        if iri in self.minted:
            return self.minted[iri]
        entry = self.vocab.entries[iri]
        return Entity(
            iri=iri, type=entry.type, labels=dict(entry.labels), alt_labels=list(entry.aliases), curated=True,
            extra_types=list(entry.extra_types),
        )  # fmt: skip

    def learn_alias(self, surface: str, iri: str) -> None:
        """Remember, for this document, that a surface (an abbreviation in parentheses) names an entity."""
        self.aliases[key(surface)] = iri
