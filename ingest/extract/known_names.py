"""Names found earlier in the document, found again: a name a pattern established once (quoted, abbreviated, allocated
money), or that the name model was sure of (``learned_names``, in an earlier passage), names the same thing wherever
the document writes it again, without the cue that found it first.

Reads the passage text, the mentions of earlier passages and this passage's spans that a shape rule found
(``pattern…`` sources); writes
spans (source ``pattern:known``) of the same type at each later use standing as a word of its own. Once the
document is read, a use in a passage before the one that established the name (a summary table's row above the
item's own block) becomes a mention of the same entity too.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import WORD_CHAR, Span, passage_at
from ingest.records import Mention

KINDS = ("Program", "Organization")
_ITEM_NUMBER = re.compile(r"\s*[(（][0-9０-９]{1,2}[)）]\s*")


def _earlier(state: State) -> dict[str, str]:
    """Surface → type of the names earlier passages' shape rules established, longest first."""
    found = {
        m.surface: m.type
        for m in state.result.mentions
        if m.passage < state.passage.index and m.type in KINDS and _establishes(m.source) and len(m.surface) >= 4
    }
    for s in state.spans:  # this passage's own, proposed by the shape rules before this component
        if s.type in KINDS and s.source.startswith("pattern") and s.source != "pattern:known" and len(s.surface) >= 4:
            found.setdefault(s.surface, s.type)
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _establishes(source: str) -> bool:
    """A shape rule's name, or one the name model was sure of (``learned_names``), names the same thing again."""
    return source.startswith("pattern") or source == "model"


def _uses(text: str, name: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where a name stands as a word of its own in text[start:end]."""
    found = []
    # After a closing quote the name is the tail of a longer one (「…プログラム(MAP)」教育交流基金).
    for m in re.compile(rf"(?<!{WORD_CHAR})(?<![」』]){re.escape(name)}(?!{WORD_CHAR})").finditer(text, start, end or len(text)):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if line.endswith((")", "）")) and not _ITEM_NUMBER.fullmatch(line):
            continue  # 「(1)…」 numbers an item; after any other bracket the name is a longer one's tail
        found.append(m.start())
    return found


def _spans(state: State) -> None:
    passage = state.passage
    for name, kind in _earlier(state).items():
        for at in _uses(passage.text, name):
            s = passage.start + at
            state.spans.append(Span(s, s + len(name), kind, name, None, "pattern:known", passage.index))


def _before_first(state: State) -> None:
    """A name used before the passage that established it (a summary table's row above the item's own block)."""
    result, passages = state.result, state.passages
    first: dict[str, Mention] = {}
    for m in sorted(result.mentions, key=lambda m: m.start):
        if m.type in KINDS and _establishes(m.source) and m.source != "pattern:known" and len(m.surface) >= 4:
            first.setdefault(m.surface, m)
    taken = [(m.start, m.end) for m in result.mentions]
    for name, m in sorted(first.items(), key=lambda kv: -len(kv[0])):
        opening = passages[m.passage].start
        for s in _uses(state.text, name, 0, opening):
            e = s + len(name)
            if not any(a < e and s < b for a, b in taken):
                result.mentions.append(Mention(s, e, name, m.type, passage_at(passages, s), m.key, "pattern:known"))
                taken.append((s, e))


COMPONENT = Component(
    "known_names",
    reads="passage text, shape-rule spans so far and result.mentions of earlier passages found by shape rules",
    writes="spans: pattern:known; mentions (pattern:known) of such names in the passages before the one establishing them",
    doc=__doc__ or "",
    passage=_spans,
    finish=_before_first,
)
