"""GiNZA (spaCy) named-entity recognition, mapped onto the ontology's classes and filtered.

GiNZA alone is noisy on policy text (AMED as a person, programs as magazines), so only labels that map
to our classes are kept, and organisation names must look like organisation names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language

# GiNZA (Sekine's extended named entity) labels → ontology class.
LABEL_MAP = {
    "Country": "Country",
    "Government": "Agency",
    "Public_Institution": "Agency",
    "International_Organization": "Organization",
    "Political_Organization_Other": "Organization",
    "Organization_Other": "Organization",
    "Research_Institute": "ResearchInstitute",
    "School": "University",
    "Company": "Organization",
    "Corporation_Other": "Organization",
    "Law": "Law",
}

_ORG_NAME = re.compile(
    r"(?:省|庁|府|機構|振興会|会議|審議会|委員会|大学|大学院|研究所|研究機構|研究機関|財団|協会|学会|センター|本部|法人|"
    r"Agency|Foundation|Institute|University|Council|Ministry|Office|Center|Centre)$"
)
_ABBREVIATION = re.compile(r"^[A-Z][A-Z&\-]{1,9}$")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The GiNZA pipeline (ja_ginza), loaded once per process."""
    import spacy

    try:
        return spacy.load("ja_ginza", exclude=["compound_splitter", "bunsetu_recognizer"])
    except OSError as exc:  # Japanese support is required: fail loudly, never skip
        raise RuntimeError("GiNZA model missing: pip install -r requirements.txt (ja-ginza)") from exc


def plausible(type_name: str, surface: str) -> bool:
    """Keep a GiNZA entity only if its surface looks like what its class names."""
    surface = surface.strip()
    if len(surface) < 2 or len(surface) > 40 or re.search(r"[。、\n]", surface):
        return False
    if type_name in ("Agency", "Organization", "ResearchInstitute", "University"):
        return bool(_ORG_NAME.search(surface) or _ABBREVIATION.match(surface))
    if type_name == "Law":
        return surface.endswith(("法", "法律", "令", "規則", "条約", "協定"))
    return True


def ginza_entities(texts: list[str], batch_size: int = 32) -> list[list[tuple[int, int, str, str]]]:
    """For each text: (start, end, class, surface) of the GiNZA entities that map to our classes."""
    nlp = load_nlp()
    result = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        ents = []
        for ent in doc.ents:
            type_name = LABEL_MAP.get(ent.label_)
            if type_name and plausible(type_name, ent.text):
                ents.append((ent.start_char, ent.end_char, type_name, ent.text))
        result.append(ents)
    return result
