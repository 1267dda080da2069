"""Names found earlier in the document, found again: a name a pattern established once (quoted, abbreviated, allocated
money) names the same thing wherever the document writes it again, without the cue that found it first.

Reads the passage text, the mentions of earlier passages and this passage's spans that a shape rule found
(``pattern…`` sources); writes
spans (source ``pattern:known``) of the same type at each later use standing as a word of its own.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State
from ingest.extract.spans import WORD_CHAR, Span

KINDS = ("Program", "Organization")
_ITEM_NUMBER = re.compile(r"\s*[(（][0-9０-９]{1,2}[)）]\s*")


def _earlier(state: State) -> dict[str, str]:
    """Surface → type of the names earlier passages' shape rules established, longest first."""
    found = {
        m.surface: m.type
        for m in state.result.mentions
        if m.passage < state.passage.index and m.type in KINDS and m.source.startswith("pattern") and len(m.surface) >= 4
    }
    for s in state.spans:  # this passage's own, proposed by the shape rules before this component
        if s.type in KINDS and s.source.startswith("pattern") and s.source != "pattern:known" and len(s.surface) >= 4:
            found.setdefault(s.surface, s.type)
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _spans(state: State) -> None:
    passage = state.passage
    for name, kind in _earlier(state).items():
        # After a closing quote the name is the tail of a longer one (「…プログラム(MAP)」教育交流基金).
        for m in re.finditer(rf"(?<!{WORD_CHAR})(?<![」』]){re.escape(name)}(?!{WORD_CHAR})", passage.text):
            line = passage.text[passage.text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if line.endswith((")", "）")) and not _ITEM_NUMBER.fullmatch(line):
                continue  # 「(1)…」 numbers an item; after any other bracket the name is a longer one's tail
            s = passage.start + m.start()
            state.spans.append(Span(s, s + len(name), kind, name, None, "pattern:known", passage.index))


COMPONENT = Component(
    "known_names",
    reads="passage text, shape-rule spans so far and result.mentions of earlier passages found by shape rules",
    writes="spans: pattern:known",
    doc=__doc__ or "",
    passage=_spans,
)
