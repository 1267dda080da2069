"""Editions of a series listed in a table: 「「日印大学等フォーラム」を開催 … 回 開催日・場所 …\n第一回 2023年1月23日 東京」.

Reads the whole text (``prepare``: the series the document names in quotes) and each passage's table rows;
writes an Event span per edition row (source ``event-row``) named 「第一回日印大学等フォーラム」 with its row's
date.
"""

from __future__ import annotations

import re

from ingest.dates import find_dates
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import Span

_QUOTED_SERIES = re.compile(
    r"「([^「」\n]{2,30}?(?:フォーラム|会議|シンポジウム|ミーティング|サミット|交流会))」(?=を開催|が開催|は)"
)
_EDITION_ROW = re.compile(r"第(?:[一二三四五六七八九十]+|\d+)回(?=\s*\d{4}年\d{1,2}月(?:\d{1,2}日)?)")


def _prepare(state: State) -> None:
    state.data["editions"] = [(m.start(), m.group(1)) for m in _QUOTED_SERIES.finditer(state.text)]


def _spans(state: State) -> None:
    passage, series = state.passage, state.data["editions"]
    for m in _EDITION_ROW.finditer(passage.text):
        at = passage.start + m.start()
        named = [name for start, name in series if at - 1500 <= start < at]
        if not named:
            continue
        row = passage.text[m.end() : m.end() + 40]
        date = next((d for d in find_dates(row) if d.month and not d.fiscal), None)
        state.spans.append(Span(at, at + len(m.group(0)), "Event", m.group(0), None, "event-row", passage.index, date=date,
                                name=m.group(0) + named[-1]))  # fmt: skip


COMPONENT = Component(
    "editions",
    reads="whole text (quoted series), passage table rows and their dates",
    writes="spans: Event (event-row) with date and name",
    doc=__doc__ or "",
    prepare=_prepare,
    passage=_spans,
)
