"""Units of organisations: 「科学技術振興機構(JST) 国際部」 is a unit of JST, and 「科学技術・学術審議会 国際戦略
委員会」 a committee of the council its name begins with.

Reads the passage's organisation mentions and the text right after them; writes a mention and entity for each
unit (source ``rules:unit``), a mention of a parent named inside a unit's name, and partOf facts.
"""

from __future__ import annotations

import re

from ingest.extract import relations as rel
from ingest.extract.names import is_generic
from ingest.extract.pipeline import Component, State
from ingest.records import Fact, Mention

_UNIT_AFTER = re.compile(
    r"[ \t\u3000]?(?:[(（][A-Za-z]{2,10}[)）])?[ \t\u3000]?"  # on the same line: a unit on the next line may be anyone's
    r"(?P<unit>[\u30a0-\u30ff\u3400-\u9fff・]{1,12}?(?:部|局|課|室|本部|事務局|部会|分科会))"
    r"(?![\u3400-\u9fff])"
)
_UNIT_SUFFIX = re.compile(r"(?:委員会|部会|分科会|部|局|課|室|本部|事務局|センター|研究所)$")


def _units(state: State) -> None:
    text, passage, gazetteer, linker, result = state.text, state.passage, state.gazetteer, state.linker, state.result
    part_of = str(state.iris.ont.partOf)
    here = [m for m in result.mentions if m.passage == passage.index and m.type in ("Agency", "Organization", "Council",
                                                                                 "University", "ResearchInstitute")]  # fmt: skip
    for m in here:
        unit = _UNIT_AFTER.match(text, m.end, passage.end)
        if unit and not is_generic(unit.group("unit")) and not any(o.start == unit.start("unit") for o in here):
            parent = result.entities[m.key]
            name = f"{parent.labels.get('ja', m.surface)} {unit.group('unit')}"
            entity = linker.entity_for("Organization", name)
            if entity is not None and parent.labels.get("en"):  # "International Department, Japan Science and …"
                unit_en, source = linker.labels_with_source(unit.group("unit"))
                if unit_en.get("en"):
                    entity.labels["en"], entity.label_source = f"{unit_en['en']}, {parent.labels['en']}", source
            if entity is not None:
                result.entities.setdefault(entity.iri, entity)
                s, e = unit.start("unit"), unit.end("unit")
                result.mentions.append(Mention(s, e, unit.group("unit"), entity.type, passage.index, entity.iri, "rules:unit"))
                result.facts.append(Fact(entity.iri, part_of, m.key, passage.index, m.start, e, extractor="rules:partOf"))
        if _UNIT_SUFFIX.search(m.surface):
            inner = [h for h in gazetteer.find(m.surface[:-1], m.start) if h.start == m.start and h.type in rel.ORG_TYPES]
            if inner and inner[0].iri != m.key:
                parent_iri = inner[0].iri
                result.entities.setdefault(parent_iri, linker.entity_by_iri(parent_iri))
                result.mentions.append(Mention(m.start, inner[0].end, text[m.start : inner[0].end], inner[0].type,
                                               passage.index, parent_iri, "rules:unit"))  # fmt: skip
                result.facts.append(Fact(m.key, part_of, parent_iri, passage.index, m.start, m.end, extractor="rules:partOf"))


COMPONENT = Component(
    "organisation_units",
    reads="result.mentions of organisations in the passage, passage text, gazetteer",
    writes="result.mentions/entities (rules:unit), result.facts (partOf)",
    doc=__doc__ or "",
    passage=_units,
)
