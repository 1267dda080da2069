"""Stage 3: Document → sections → passages sized for retrieval, cut on sentence boundaries (。).

A passage is always an exact slice ``text[start:end]`` of the normalized document, so its offsets are
provenance. Passages never cross a section boundary; the section title travels with the passage (it is
prepended when embedding, so a short table row still knows what it is about).
"""

from __future__ import annotations

import re

from ingest.records import Passage, Section

_HEADING = re.compile(
    r"^(?:【[^】]{1,40}】|[0-9]{1,2}[.．]\s?\S|[（(][0-9一二三四五六七八九十]{1,3}[）)]\s?\S|第[0-9一二三四五六七八九十]+[章節部]|"
    r"[IVX]{1,4}[.．]\s|[■◆●□◇]\s?\S|参考|別添|別紙|概要)"
)
_BLOCK = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[」』)）]*|\n|$)")


def blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks separated by blank lines, as (start, end) offsets."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def _is_heading(text: str, start: int, end: int) -> bool:
    block = text[start:end]
    if "\n" in block or len(block) > 60 or block.endswith("。"):
        return False
    return bool(_HEADING.match(block)) or (len(block) <= 30 and not block.endswith(("、", "，")))


def sections(text: str) -> list[Section]:
    """Group blocks under the nearest preceding heading-like block."""
    result: list[Section] = []
    current: Section | None = None
    for start, end in blocks(text):
        if _is_heading(text, start, end):
            if current is not None and current.end > current.start and current.title != text[current.start : current.end]:
                result.append(current)
                current = None
            if current is None:
                current = Section(title=text[start:end], start=start, end=end)
            else:  # consecutive headings: keep the latest as title, extend the span
                current.title = f"{current.title} {text[start:end]}"[-80:]
                current.end = end
            continue
        if current is None:
            current = Section(title="", start=start, end=end)
        current.end = end
        if "\t" in text[start:end]:
            current.kind = "table"
    if current is not None:
        result.append(current)
    return result


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        if m.end() > m.start() and text[m.start() : m.end()].strip():
            spans.append((m.start(), m.end()))
    return spans


def _pieces(text: str, section: Section, target: int) -> list[tuple[int, int]]:
    """Sentence spans of a section, with over-long sentences split at the hard limit."""
    hard = target * 2
    pieces: list[tuple[int, int]] = []
    for s, e in _sentences(text, section.start, section.end):
        while e - s > hard:
            cut = text.rfind("、", s, s + hard)
            cut = cut + 1 if cut > s + target // 2 else s + hard
            pieces.append((s, cut))
            s = cut
        pieces.append((s, e))
    return pieces


def passages(doc_id: str, text: str, target: int = 400) -> list[Passage]:
    """Cut each section into passages of about ``target`` characters on sentence boundaries."""
    result: list[Passage] = []
    for section in sections(text):
        chunk_start: int | None = None
        chunk_end = 0
        for s, e in _pieces(text, section, target):
            if chunk_start is not None and e - chunk_start > target and chunk_end - chunk_start >= target // 3:
                result.append(_passage(doc_id, len(result), text, chunk_start, chunk_end, section.title))
                chunk_start = None
            if chunk_start is None:
                chunk_start = s
            chunk_end = e
        if chunk_start is not None:
            result.append(_passage(doc_id, len(result), text, chunk_start, chunk_end, section.title))
    return _merge_tiny(doc_id, text, result, target)


def _passage(doc_id: str, index: int, text: str, start: int, end: int, title: str) -> Passage:
    # Trim whitespace at both ends so offsets hug the text.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Passage(doc_id=doc_id, index=index, start=start, end=end, text=text[start:end], section=title)


def _merge_tiny(doc_id: str, text: str, items: list[Passage], target: int) -> list[Passage]:
    """Fold fragments (a lone heading, a one-word cell) into the following passage of the same area."""
    merged: list[Passage] = []
    pending: Passage | None = None
    for p in items:
        if pending is not None:
            if p.end - pending.start <= target * 2:
                p = Passage(doc_id, 0, pending.start, p.end, text[pending.start : p.end], pending.section or p.section)
            else:
                merged.append(pending)
            pending = None
        if len(p.text) < 40:
            pending = p
            continue
        merged.append(p)
    if pending is not None:
        if merged and pending.end - merged[-1].start <= target * 2:
            last = merged.pop()
            pending = Passage(doc_id, 0, last.start, pending.end, text[last.start : pending.end], last.section)
        merged.append(pending)
    for i, p in enumerate(merged):
        p.index = i
    return merged
