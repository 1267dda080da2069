"""Official English names the text gives: 「国際青年交流事業（International Youth Exchange Program）」,
「…センター（英語名：Center for …、略称：CXX）」. Such a name becomes the entity's English label, marked as
coming from the text (``stip:labelSource "text"``), in place of a machine translation or romanization.

Reads: the document text, the mentions and the minted entities. Writes: English labels.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component
from ingest.records import Extraction

# An English name in parentheses right after the Japanese one: capitalised words with at least one space,
# optionally followed by its abbreviation (「（Research Council of Norway、RCN）」).
_ENGLISH_AFTER = re.compile(
    r"\s?[(（](?:英語名|英文名|英名|English)?\s?[:：]?\s?"
    r"(?P<en>[A-Z][A-Za-z0-9&.'’\-]*(?: (?:[A-Za-z0-9&.'’\-]+))+?)"
    r"(?:\s?[、,;；]\s?(?:略称\s?[:：]\s?)?[A-Z][A-Za-z0-9\-&]{1,11})?[)）]"
)


def add_english_names(text: str, result: Extraction) -> None:
    """Give each minted entity the English name the text writes after its Japanese name."""
    for m in result.mentions:
        entity = result.entities.get(m.key)
        if entity is None or entity.curated or entity.label_source == "text":
            continue
        found = _ENGLISH_AFTER.match(text, m.end)
        if found is not None and len(found.group("en")) <= 100:
            entity.labels["en"] = found.group("en").strip()
            entity.label_source = "text"


COMPONENT = Component(
    "english_names",
    reads="document text, mentions, minted entities",
    writes="English labels the text gives (labelSource text)",
    doc=__doc__ or "",
    finish=lambda state: add_english_names(state.text, state.result),
)
