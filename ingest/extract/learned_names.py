"""Program and organisation names the statistical tagger (``name_model``) is sure of, where no rule found one.

Reads each passage's lines; writes candidate spans (source ``model``) after every rule and after GiNZA, so a rule, a
curated name or GiNZA always wins on the same text. Precision first: a name is kept only when every one of its
tokens' labels has a marginal probability of at least ``CONFIDENCE``, and only if it reads as one whole name —
brackets balanced, no generic or descriptive words (本事業, 連携大学), no particle の joining two phrases, no spaces
(two table cells). A name in brackets right after a name a rule found is that name's short name (source
``pattern-abbr``), not a second entity.
"""

from __future__ import annotations

import re

from ingest.extract.name_model import Found, default_model
from ingest.extract.names import ORG_SUFFIX, PROGRAM_SUFFIX, is_descriptive, is_generic, is_province_abroad
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import WORD_CHAR, Span

_KINDS = ("Program", "Organization", "Agency", "University", "Council", "ResearchInstitute")
CONFIDENCE = 0.9  # chosen by two-fold cross-validation on the opened sets: 0.8 lost precision and gained nothing
_PAIRS = {"「": "」", "『": "』", "(": ")", "【": "】", "[": "]"}
_EDGE_MARKS = "・-/,、。:;※*"
_WORD = re.compile(WORD_CHAR)
_LATIN_GOES_ON = re.compile(rf"{WORD_CHAR}| [A-Za-z0-9]")  # 「J-KEN乾燥地…」「J-KEN Bridge」
_LATIN_WORDS = re.compile(r"[-0-9a-z]")  # a bare acronym (ELSI) has none of these
_CAPITALISED = re.compile(r"[A-Z]{2}|(?:^|[-\s])[A-Z](?:$|[-\s])")  # Q-FORGE, RDE-Link, Ocean-DTx, O-Hub
_NOT_ONE_NAME = re.compile(r"\s|の|及び|および|並びに|と(?=[\u3400-\u9fff])")
_NOT_A_BODY = re.compile(r"[\u3400-\u9fff]な|員$|子会社$")
_NOT_OURS = re.compile(r"(?:要綱|要領|規程|規則|条例|法|指針|ガイドライン|Q&A|FAQ|問い合わせ|窓口|一覧|概要)$")
_ORG_HEAD = re.compile(rf"(?:{ORG_SUFFIX}|タスクフォース|法人|会社|組合|連合会|病院)$")
_PROGRAM_HEAD = re.compile(rf"{PROGRAM_SUFFIX}$")


def _balanced(name: str) -> bool:
    """Every bracket the name opens it closes, in order: 「…「アグリ・ツイン」 is half a name."""
    stack: list[str] = []
    for c in name:
        if c in _PAIRS:
            stack.append(_PAIRS[c])
        elif c in _PAIRS.values():
            if not stack or stack.pop() != c:
                return False
    return not stack


def _one_name(line: str, f: Found) -> str | None:
    """The tagged text if the model is sure of it and it reads as one whole name, else None."""
    name = line[f.start : f.end]
    if f.confidence < CONFIDENCE or name != name.strip(_EDGE_MARKS) or not _balanced(name):
        return None
    if line[f.start - 1 : f.start].isdigit():
        return None  # 「5件程度…」: a count's word, not a name's start
    if name[-1].isascii() and name[-1].isalnum() and _LATIN_GOES_ON.match(line, f.end):
        return None  # 「J-KEN乾燥地…」「J-KEN Bridge」: the head of a longer name
    if name.isascii() and not (_LATIN_WORDS.search(name) and _CAPITALISED.search(name)):
        # a bare acronym (ELSI) is a term until the text defines it, and the abbreviation rules read those;
        # words without a capitalised part (Leading-edge, Kawarabayashi-Toft) are a phrase or a person's names
        return None
    if len(name) < 4 or _NOT_ONE_NAME.search(name) or is_generic(name) or is_descriptive(name):
        return None
    if _NOT_A_BODY.search(name) or is_province_abroad(name):
        return None  # 「基盤的なフェローシップ型」 describes; 「特別研究員」 is a person's role; 「…子会社」 relates two bodies
    return name


def _kind(name: str, tagged: str) -> str | None:
    """The type a name's head word says, over the model's guess: a task force is a body, a fund a program; a name
    ending in a rulebook's or a page's word (…交付要綱, …Q&A, …問い合わせ) is none of ours."""
    if _NOT_OURS.search(name):
        return None
    if _ORG_HEAD.search(name):
        return "Organization"
    if _PROGRAM_HEAD.search(name):
        return "Program"
    return tagged


def _fragment(state: State, start: int, name: str) -> bool:
    """The tail of a curated name whose head the text wrote on the line before (文 / 部科学省, vertical text)."""
    before = re.sub(r"\s", "", state.text[max(0, start - 8) : start])
    return any(state.vocab.lookup(before[-k:] + name) is not None for k in range(1, min(3, len(before)) + 1))


def _named_before(state: State, start: int, line: str, f: Found) -> Span | None:
    """The name a rule found right before the bracket this one opens (沿岸防災国際協働研究(COAST-G)): this is its short
    or other name, not a second thing."""
    if line[f.start - 1 : f.start] not in ("(", "（"):
        return None
    return next((s for s in state.spans if s.end == start - 1 and s.type in _KINDS and s.alias_of is None), None)


def _spans(state: State) -> None:
    passage, model = state.passage, default_model()
    at = passage.start  # where the current line starts in the document
    for line in passage.text.split("\n"):
        for f in model.find(line):
            name = _one_name(line, f)
            kind = _kind(name, f.type) if name else None
            start, end = at + f.start, at + f.end
            if not (name and kind) or _fragment(state, start, name):
                continue
            if named := _named_before(state, start, line, f):
                state.spans.append(Span(start, end, named.type, name, None, "pattern-abbr", passage.index, alias_of=named.start))
            else:
                state.spans.append(Span(start, end, kind, name, None, "model", passage.index))
        at += len(line) + 1


COMPONENT = Component(
    "learned_names",
    reads="passages' text (the CRF name model, ingest/extract/models/names.crfsuite)",
    writes="spans: model",
    doc=__doc__ or "",
    passage=_spans,
)
