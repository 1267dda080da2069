"""Budget lines that name no program of their own belong to the program the document is about.

A program's page or budget sheet states 「予算案 24億円」 with the program named only in its header or
breadcrumb; a line whose only candidate subject was an organisation, or a name found far above, is given that
program instead.

Reads: the document text, its mentions and budget lines. Writes: budget subjects.
"""

from __future__ import annotations

from ingest.extract.budgets import attach_to_document_program
from ingest.extract.pipeline import Component

COMPONENT = Component(
    "document_budgets",
    reads="document text (its header), mentions, result.budgets",
    writes="result.budgets: subject of lines that name none",
    doc=__doc__ or "",
    finish=lambda state: attach_to_document_program(state.text, state.result.mentions, state.result.budgets),
)
