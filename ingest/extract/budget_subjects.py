"""Whose money a budget line is, re-decided by the statistical ranker (``subject_model``) where it is sure.

Reads result.budgets (their subjects as the budget rules chose them) and result.mentions; writes result.budgets'
subjects. Runs after the budget rules and their merge. For each amount it scores the programs and bodies named on its
line, in the lines above and the programs the document is about; where the likeliest one is not the rules' choice and
its probability is at least ``CONFIDENCE``, it becomes the subject. An agency's share of a program's budget is not
ranked: it takes the subject its whole line ends with.
"""

from __future__ import annotations

from ingest.extract.pipeline import Component, State
from ingest.extract.subject_model import Line, Named, choose, default_model
from ingest.records import Budget

# Chosen by the opened sets' two-fold cross-validation (`kg eval subjects --cv`: 0.5, 0.6 and 0.7 each one line better
# than the rules of 1,564, 0.8 three worse) and the blind sets, where 0.5 fixed six lines and broke one (README,
# eighteenth round).
CONFIDENCE = 0.5


def _finish(state: State) -> None:
    names = [Named(m.start, m.end, m.type, m.key) for m in state.result.mentions if m.key]
    if names:
        model = default_model()
        for b in state.result.budgets:
            if b.recipient is not None:
                continue
            better = choose(model.rank(state.text, Line(b.start, b.end, b.subject), names), b.subject, CONFIDENCE)
            if better is not None:
                b.subject = better
    shares_follow(state.result.budgets)


def shares_follow(budgets: list[Budget]) -> None:
    """A body's share is of its whole line's program: when that line's subject was re-decided after the share was
    read (the ranker, the document's program), the share takes it too."""
    wholes = {b.iri: b for b in budgets}
    for b in budgets:
        whole = wholes.get(b.part_of or "")
        if b.recipient is not None and whole is not None and whole.subject is not None:
            b.subject = whole.subject


COMPONENT = Component(
    "budget_subjects",
    reads="result.budgets, result.mentions (the subject ranker, ingest/extract/models/subjects.crfsuite)",
    writes="result.budgets: subject",
    doc=__doc__ or "",
    finish=_finish,
)
