"""An agency breakdown under a program's block is a part of that program's line, however far above it stands.

A sheet states each program's request in a table at the top and, in the program's block below, the agencies that
receive it (「［執行機関別内訳］JST：9,100百万円、AMED：5,300百万円」, 「・配分機関：JST（10,900百万円）、AMED（…）」). Each
share gets the program line's year and
status and the agency its label names as recipient, also when the label and the bodies share one line and each body
stands right before its amount (「・実施機関別内訳：理化学研究所 1,985,000千円、…」). A breakdown set apart under a
program's numbered (「３．」「２　」) or ■-marked heading is of that program's request wherever the sheet states
it, and under a breakdown's label alone on its line (【実施機関別内訳】, 【研究推進法人への配分（予定）】) each
「body　amount」 line is that body's share, and so is
each pair of a line that lists several (「JST　14,200百万円　　NEDO　10,300百万円」). A うち line standing alone in
the block (「うち第4期新規課題分　9,600,000千円」), no whole on the lines above it, is a part of the program's line
too, not of the うち line before it. So is the amount after a body in a chart of how the money flows (「国 ─（運営費
交付金）→ …機構（JST）　4,150百万円」). Shares on one line that add up to another line than the one they were given
(「（配分先内訳）JST：2,050百万円　理研：3,380百万円」 under a table) are parts of the line they add up to. Runs after the
sheet's tables are read (``budget_tables``).

Reads: the document text, its Agency mentions and budget lines. Writes: part_of, status, fiscal year and recipient
of breakdown lines that had none.
"""

from __future__ import annotations

from ingest.extract.budgets import to_block_parts, to_breakdown_list, to_flow_chart, to_item_lines, to_summed_line
from ingest.extract.pipeline import Component, State


def _attach(state: State) -> None:
    to_flow_chart(state.text, state.result.mentions, state.result.budgets)
    to_breakdown_list(state.text, state.result.mentions, state.result.budgets)
    to_item_lines(state.text, state.result.mentions, state.result.budgets)
    to_block_parts(state.text, state.result.mentions, state.result.budgets)
    to_summed_line(state.text, state.result.budgets)


COMPONENT = Component(
    "item_shares",
    reads="document text, Agency mentions, result.budgets (with the table's lines)",
    writes="result.budgets: part_of, status, year, recipient of agency breakdown lines",
    doc=__doc__ or "",
    finish=_attach,
)
