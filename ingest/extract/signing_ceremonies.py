"""Signing ceremonies: a paper signed at a ceremony the document names (「研究協力覚書」 signed at 「日英…協力覚書
署名式」) is that ceremony's event, not an event of its own.

An instrument (覚書, 協定, 取決め, 議定書) is found as an event because it was signed; when the same document names
the ceremony it was signed at, both name one happening. The instrument's names become the ceremony's other
names, and every mention, fact and date of it moves to the ceremony. An instrument with no ceremony named, or
with two ceremonies it could belong to, stays as it is; but a paper named only by its kind (協力覚書, 連携覚書,
実施取決め) that no ceremony took and no date is no event: 「…と締結した連携覚書に基づき」 refers to a paper, it
tells of no happening.

Reads: result.entities, result.mentions, result.facts, result.event_dates. Writes: the same, merged, or dropped for a
bare paper.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State

_CEREMONY = re.compile(r"(?:覚書|協定|取決め|取極|議定書)(?:の)?(?:署名式|調印式|締結式)$")
_INSTRUMENT = re.compile(r"(?:覚書|協定|取決め|取極|議定書)$")
_KIND_ONLY = re.compile(r"(?:研究|学術|科学技術)?(?:協力|連携|交流|実施|了解)?(?:覚書|取決め|取極)")


def _kind(name: str) -> str:
    found = _INSTRUMENT.search(re.sub(r"の?(?:署名式|調印式|締結式)$", "", name))
    return found.group() if found else ""


def _ceremony_of(name: str, ceremonies: dict[str, str]) -> str | None:
    """The one ceremony of the instrument's kind; of several, the one whose name holds the instrument's."""
    same_kind = [iri for iri, label in ceremonies.items() if _kind(label) == _kind(name)]
    if len(same_kind) == 1:
        return same_kind[0]
    holding = [iri for iri in same_kind if name in ceremonies[iri]]
    return holding[0] if len(holding) == 1 else None


def _merge(state: State) -> None:
    result = state.result
    events = {iri: e.labels.get("ja", "") for iri, e in result.entities.items() if e.type == "Event" and not e.curated}
    ceremonies = {iri: name for iri, name in events.items() if _CEREMONY.search(name)}
    for iri, name in events.items():
        if iri in ceremonies or not _INSTRUMENT.search(name):
            continue
        ceremony = _ceremony_of(name, ceremonies)
        if ceremony is not None:
            result.merge(iri, ceremony)
        elif _KIND_ONLY.fullmatch(name) and iri not in result.event_dates:
            result.drop({iri})  # undated: the text refers to a paper, it tells of no signing


COMPONENT = Component(
    "signing_ceremonies",
    reads="result.entities (events), result.mentions, result.facts, result.event_dates",
    writes="the same: an instrument signed at a named ceremony merged into the ceremony's event, a bare paper dropped",
    doc=__doc__ or "",
    finish=_merge,
)
