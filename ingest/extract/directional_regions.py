"""Parts of a known region named by a direction: 「東アフリカ」「西アジア」.

Reads the gazetteer's Region hits and the characters before them; writes Region spans (source ``pattern``).
It runs first so that the whole name wins over the bare region inside it. The vocabulary decides when the
whole name is something else (南アフリカ is a country, 東南アジア a curated region).
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

_DIRECTION = re.compile(r"(?:東南|北東|南東|北西|南西|中央|東|西|南|北|中)$")


def _spans(state: State) -> None:
    passage, hits = state.passage, state.hits
    for h in hits:
        if h.type != "Region":
            continue
        direction = _DIRECTION.search(passage.text[max(0, h.start - passage.start - 2) : h.start - passage.start])
        if direction is None:
            continue
        start = h.start - len(direction.group(0))
        end = h.end - len(re.search(r"(?:諸国|地域)?$", passage.text[: h.end - passage.start]).group(0))  # type: ignore[union-attr]
        name = passage.text[start - passage.start : end - passage.start]  # 東アフリカ諸国 → 東アフリカ
        if state.vocab.lookup(name) is None and not any(o.start < h.start <= o.end and o is not h for o in hits):
            state.spans.append(Span(start, end, "Region", name, None, "pattern", passage.index))


COMPONENT = Component(
    "directional_regions",
    reads="gazetteer hits (Region), passage text",
    writes="spans: Region (pattern)",
    doc=__doc__ or "",
    passage=_spans,
)
