"""Bureaus and divisions named only in a contact or sign-off block are addresses, not subjects.

「【問い合わせ先】文部科学省 研究振興局 基礎・基盤研究課」「担当：科学技術・学術政策局 人材政策課」 say whom to call.
A unit (局, 部, 課, 室, 係) mentioned only on such lines is dropped with its facts; the body it belongs to stays,
and a unit the document also names elsewhere (it runs a program, it signs) stays too.

Reads: the document text, mentions, entities, facts. Writes: removes those mentions, entities and facts.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State

_CONTACT = re.compile(
    r"問い?合わせ|問合せ|照会先|連絡先|担\s*当\s*[:：】]|^\s*[(（【]?担当[)）】]?|文責|^\s*(?:TEL|Tel|電話|E-?mail|メール)"
)
_UNIT = re.compile(r"(?:局|部|課|室|係|担当)$")
_BLOCK = 4  # lines after a contact heading that still belong to it


def contact_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of contact blocks: a line with a contact label and the few lines after it."""
    spans, pos, left = [], 0, 0
    for line in text.split("\n"):
        if _CONTACT.search(line):
            left = _BLOCK + 1
        if left:
            spans.append((pos, pos + len(line)))
            left -= 1
            if not line.strip():
                left = 0
        pos += len(line) + 1
    return spans


def drop_contact_units(state: State) -> None:
    result = state.result
    spans = contact_lines(state.text)
    inside = lambda m: any(a <= m.start < b for a, b in spans)  # noqa: E731 - a one-line predicate
    units = {m.key for m in result.mentions if m.type in ("Organization", "Agency") and _UNIT.search(m.surface)}
    only_there = {k for k in units if all(inside(m) for m in result.mentions if m.key == k)}
    only_there = {k for k in only_there if not result.entities.get(k) or not result.entities[k].curated}
    if not only_there:
        return
    result.drop(only_there)


COMPONENT = Component(
    "contact_blocks",
    reads="document text (contact and sign-off lines), mentions of units",
    writes="removes units named only in contact blocks, with their mentions and facts",
    doc=__doc__ or "",
    finish=drop_contact_units,
)
