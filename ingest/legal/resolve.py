"""References → the provisions they mean.

The law: a named law (by the gazetteer's name or the law number in parentheses); 「法」 inside an
ordinance is the law the ordinance is made under, and in running text the law named last before it
(「国際卓越研究大学法に基づく基本方針 … 法第4条第4項」); 「同法」 the law named last; no law at all, the law
of the provision the reference stands in.

The provision: an absolute number takes the levels above it from the provision around the reference
(第三項 in Article 4 is Article 4(3)); 前/次 count from it (前項 in 4(2) is 4(1), 前号 in item iii is item
ii); この項/この条 are the paragraph/article around it; 同号/同項/同条 repeat the last provision cited before
it in the same article (「法第四条第三項第三号の…基準は、同号に定めるもののほか」 is the Act's 4(3)(iii)).
A reference coordinated with the one before (第四項及び第五項) takes that one's upper levels and law.
What cannot be resolved is returned with a ``problem`` and reported by ingest, never dropped.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ingest.legal.citations import Locator, Part, Reference
from ingest.legal.laws import LawInfo
from ingest.legal.numbers import SUBITEM, Path, Step, ja_label, path_slug
from ingest.legal.structure import Node
from ingest.records import Passage


@dataclass
class Provision:
    """A provision quoted in the document, bound to its law."""

    law: LawInfo
    node: Node
    iri: str


@dataclass
class Target:
    law: LawInfo
    path: Path
    iri: str


@dataclass
class Resolved:
    ref: Reference
    source: Provision | None  # the provision whose wording holds the reference; None in running text
    targets: list[Target] = field(default_factory=list)
    each: bool = False  # 各号: every item of the target paragraph
    problem: str = ""

    @property
    def self_scope(self) -> bool:
        """この項, この条: the reference is to the provision around it (or to itself), not a citation."""
        if self.source is None or not self.targets:
            return False
        here = self.source.node.path
        return all(t.law.iri == self.source.law.iri and here[: len(t.path)] == t.path for t in self.targets)


def passage_at(passages: list[Passage], offset: int) -> int | None:
    """Index of the passage holding a document offset (None between passages)."""
    i = bisect.bisect_right([p.start for p in passages], offset) - 1
    return passages[i].index if i >= 0 and passages[i].start <= offset < max(passages[i].end, passages[i].start + 1) else None


def provision_iri(base: str, law: LawInfo, path: Path) -> str:
    return f"{base}/law/{law.key}/{path_slug(path)}"


class Unresolvable(ValueError):
    pass


def _shift(path: Path, level: int, delta: int, word: str) -> Path:
    if len(path) <= level:
        raise Unresolvable(f"「{word}」 outside a provision of that level")
    step = path[level]
    if step.branch and delta < 0:  # 前条 in 第三十六条の三 is 第三十六条の二; in 第三十六条の二, 第三十六条
        last = step.branch[-1] - 1
        return (*path[:level], Step(level, step.number, (*step.branch[:-1], *((last,) if last > 1 else ()))))
    number = step.number + delta
    if number < 1:
        raise Unresolvable(f"「{word}」 in the first {('article', 'paragraph', 'item', 'sub-item')[level]}: nothing before it")
    return (*path[:level], Step(level, number))


def _head(part: Part, ctx: Path | None, antecedent: Path | None, word: str) -> Path:
    """The path the first part of a locator means, given the provision around it and the last one cited."""
    level = part.level
    if part.rel == "same":
        if antecedent is None or len(antecedent) <= level:
            raise Unresolvable(f"「{word}」 with no provision of that level cited before it")
        return antecedent[: level + 1]
    if part.rel:
        if ctx is None:
            raise Unresolvable(f"relative reference 「{word}」 outside statute text")
        if part.rel == "this":
            if len(ctx) <= level:
                raise Unresolvable(f"「{word}」 outside a provision of that level")
            return ctx[: level + 1]
        return _shift(ctx, level, -1 if part.rel == "prev" else 1, word)
    if level > 0 and (ctx is None or len(ctx) < level):
        raise Unresolvable(f"「{word}」 names no article, and no provision around it gives one")
    assert part.number is not None
    return (*(ctx or ())[:level], Step(level, part.number, part.branch))


def locate(loc: Locator, ctx: Path | None, antecedent: Path | None, word: str) -> tuple[list[Path], bool]:
    """Paths a locator means (several for a sub-item range イからホまで), and whether it is 各号."""
    first = loc[0]
    if first.each and first.rel == "prev":  # 前各号: every item before this one
        if ctx is None or len(ctx) < 3:
            raise Unresolvable("「前各号」 outside an item")
        return [(*ctx[:2], Step(2, n)) for n in range(1, ctx[2].number)], False
    path = _head(first, ctx, antecedent, word)
    each = False
    for part in loc[1:]:
        if part.each:
            each = True
            break
        assert part.number is not None
        if part.level == SUBITEM and part.to is not None:
            return [(*path, Step(SUBITEM, n)) for n in range(part.number, part.to + 1)], False
        path = (*path, Step(part.level, part.number, part.branch))
    return [path], each


def expand_range(first: Path, last_loc: Locator, word: str) -> list[Path]:
    """第三項から第五項まで: every provision from the first to the last, at the level they share."""
    head = last_loc[0]
    if head.rel or head.number is None:
        raise Unresolvable(f"range end of 「{word}」 is not a number")
    last = (*first[: head.level], *(Step(p.level, p.number or 0, p.branch) for p in last_loc))
    if len(last) != len(first) or last[:-1] != first[:-1]:
        raise Unresolvable(f"range 「{word}」 does not stay within one provision")
    if last[-1].number < first[-1].number:
        raise Unresolvable(f"range 「{word}」 runs backwards")
    return [(*first[:-1], Step(first[-1].level, n)) for n in range(first[-1].number, last[-1].number + 1)]


def describe(paths: list[Path]) -> str:
    return ", ".join(ja_label(p) for p in paths)
