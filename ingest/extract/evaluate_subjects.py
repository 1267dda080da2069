"""Whose money a budget line is, by the rules alone and with the subject ranker: `kg eval subjects`.

On the gold budget lines of development sets that the rules found (paired by value, as the extraction evaluation
pairs them), it counts the lines whose subject is right by the rules, right once the ranker (``budget_subjects``) has
had its say, and the lines the ranker changed: fixed, broken, or wrong before and after. The ranker is the shipped
model, or, with ``cross_validate``, one trained on the other half of the opened sets only, so that no line is scored
by a model that learned from its document.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.extract.budget_subjects import CONFIDENCE
from ingest.extract.subject_model import Case, SubjectModel, case_samples, cases, choose, train


@dataclass
class Tally:
    lines: int = 0  # gold lines naming a subject, found by the rules
    reachable: int = 0  # …whose subject is among the ranker's candidates
    rules: int = 0  # right by the rules alone
    ranked: int = 0  # right with the ranker
    fixed: int = 0  # changed, from wrong to right
    broken: int = 0  # changed, from right to wrong
    still_wrong: int = 0  # changed, wrong before and after

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score(model: SubjectModel, scored: Iterable[Case], confidence: float = CONFIDENCE) -> Tally:
    """The tally of ``scored`` cases with ``model`` deciding as the pipeline component decides."""
    t = Tally()
    for case in scored:
        if not case.gold_named:
            continue
        t.lines += 1
        t.reachable += bool(case.gold)
        t.rules += case.rule_right
        better = None
        if not case.share:
            better = choose(model.rank_described(case.candidates), case.rule, confidence)
        right = case.rule_right if better is None else better in case.gold
        t.ranked += right
        if better is not None:
            t.fixed += right and not case.rule_right
            t.broken += case.rule_right and not right
            t.still_wrong += not (right or case.rule_right)
    return t


def collect(sets: Iterable[str], root: Path | None = None) -> dict[str, list[Case]]:
    """Each set's cases (the documents run through the pipeline without the ranker)."""
    out: dict[str, list[Case]] = {}
    for set_name, case in cases(sets, root):
        out.setdefault(set_name, []).append(case)
    return out


def cross_validate(by_set: dict[str, list[Case]], sets: list[str], confidence: float = CONFIDENCE) -> Tally:
    """Two folds, alternate sets: each half scored by a model trained on the other half only."""
    total = Tally()
    halves = (sets[0::2], sets[1::2])
    with tempfile.TemporaryDirectory() as tmp:
        for k, (learn, held) in enumerate((halves, halves[::-1])):
            path = Path(tmp) / f"fold{k}.crfsuite"
            train((x for s in learn for c in by_set.get(s, []) for x in case_samples(c)), path)
            model = SubjectModel(path)
            total.add(score(model, (c for s in held for c in by_set.get(s, [])), confidence))
    return total


def report(rows: list[tuple[str, Tally]]) -> str:
    head = f"{'set':32s} {'lines':>5s} {'reach':>6s} {'rules':>6s} {'ranker':>6s}  fixed broken still-wrong"
    out = [head]
    for name, t in rows:
        n = max(t.lines, 1)
        out.append(
            f"{name:32s} {t.lines:5d} {t.reachable / n:6.3f} {t.rules / n:6.3f} {t.ranked / n:6.3f}  "
            f"{t.fixed:5d} {t.broken:6d} {t.still_wrong:11d}"
        )
    out.append(
        "lines: gold budget lines naming a subject that the rules found; reach: share whose subject is among the "
        "ranker's candidates; rules / ranker: share with the right subject without / with the ranker"
    )
    return "\n".join(out)
