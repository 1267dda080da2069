"""Statistical tables: each numeric cell (ingest/extract/tables.py) as an Observation with its row, column, unit,
country and year, cited by the passage that holds it.

Reads the whole text and the vocabulary (countries as row names); writes result.observations.
"""

from __future__ import annotations

import bisect

from ingest.extract.pipeline import Component, State
from ingest.extract.tables import find_tables
from ingest.records import Observation, Passage
from ingest.vocab import Vocabulary


def _observations(text: str, passages: list[Passage], vocab: Vocabulary) -> list[Observation]:
    starts = [p.start for p in passages]
    out = []
    for n, table in enumerate(find_tables(text, vocab)):
        for c in table.cells:
            i = max(0, bisect.bisect_right(starts, c.start) - 1)
            if not passages or not passages[i].start <= c.start < passages[i].end:
                continue  # a cell outside every passage cannot be cited
            out.append(
                Observation(
                    n, table.caption, c.row, c.column, str(c.value), c.unit, passages[i].index, c.start, c.end, c.country, c.year
                )
            )
    return out


def _finish(state: State) -> None:
    state.result.observations = _observations(state.text, state.passages, state.vocab)


COMPONENT = Component(
    "observations",
    reads="whole text (tables), vocabulary",
    writes="result.observations",
    doc=__doc__ or "",
    finish=_finish,
)
