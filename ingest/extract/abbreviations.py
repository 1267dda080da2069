"""Abbreviations the document defines: after 「…イニシアティブ(NEXT-AFRICA)」, a bare 「NEXT-AFRICAの設計について
合意した」 names the same entity.

Reads the whole text (``prepare``: each 「name(ABBR)」 of three or more Latin characters, not for laws) and each
passage; writes spans of later bare uses (source ``pattern:abbr-again``), typed as the name they abbreviate. When a
passage break falls between the name and its bracket, the linker learns the abbreviation as an alias of the name's
entity, so the later uses name that entity rather than a new one.
"""

from __future__ import annotations

import re

from ingest.extract.names import find_names
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import ASCII_ABBR, Span
from ingest.vocab import key


def _prepare(state: State) -> None:
    text = state.text
    defined = []  # (end of the definition, abbreviation, type, the name, where the name starts)
    for n in find_names(text):
        if n.abbreviation and n.type != "Law":
            a, b = n.abbreviation
            if ASCII_ABBR.match(text[a:b]) and len(text[a:b]) >= 3:
                defined.append((b, text[a:b], n.type, n.surface, n.start))
    state.data["abbreviations"] = defined


def _spans(state: State) -> None:
    passage = state.passage
    for after, abbr, kind, name, name_start in state.data["abbreviations"]:
        if name_start < passage.start and key(abbr) not in state.linker.aliases:
            # Defined in an earlier passage (a passage break between the name and its bracket): the name's entity.
            target = state.linker.entity_for(kind, name)
            if target is not None:
                state.linker.learn_alias(abbr, target.iri)
        for m in re.finditer(rf"(?<![A-Za-z0-9\-]){re.escape(abbr)}(?![A-Za-z0-9\-])", passage.text):
            s = passage.start + m.start()
            if s >= after:
                state.spans.append(Span(s, s + len(abbr), kind, abbr, None, "pattern:abbr-again", passage.index))


COMPONENT = Component(
    "abbreviations",
    reads="whole text (names defining an abbreviation), passage text",
    writes="spans: pattern:abbr-again",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
