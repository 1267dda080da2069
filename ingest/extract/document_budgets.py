"""Budget lines that name no program of their own belong to the program the document is about.

A program's page or budget sheet states 「予算案 24億円」 with the program named only in its header or
breadcrumb; a line whose only candidate subject was an organisation, or a name found far above, is given that
program instead. A white paper's chapter and a meeting's minutes are about many programs, so not there. In
every genre, a sentence about 同プログラム (同事業) spends the money of the program named last before it. A table's row
that opens with a letter (「A　1課題当たり年間 30,000千円」) states the award of the kind that letter labels
(「【区分A】一般枠」).

Reads: the document text, its mentions and budget lines. Writes: budget subjects.
"""

from __future__ import annotations

from ingest.extract.budgets import attach_to_document_program, to_program_referred_to
from ingest.extract.pipeline import Component, State
from ingest.genre import classify

# Genres about many programs at once: a chapter of a white paper or a meeting's minutes is about no one program.
_SURVEYS = ("white-paper", "meeting-minutes")


def _attach(state: State) -> None:
    to_program_referred_to(state.text, state.result.mentions, state.result.budgets)  # 同プログラムは…: in every genre
    if classify(state.text)[0] not in _SURVEYS:
        attach_to_document_program(state.text, state.result.mentions, state.result.budgets)


COMPONENT = Component(
    "document_budgets",
    reads="document text (its header), mentions, result.budgets",
    writes="result.budgets: subject of lines that name none",
    doc=__doc__ or "",
    finish=_attach,
)
