"""Hubs a program forms are its projects: where a document names a program that forms hubs (…拠点形成事業,
ハブ形成タイプ, 拠点形成枠), a named hub in it (しなの精密医療機器拠点, …研究ハブ, …拠点「SEA-BRIDGE」) is one of the
hubs that program funds, a Program beneath it, not a body of its own.

Without such a program a named hub stays what its last word says, a body (「…拠点」を開設, a university's site).

Reads the whole text (prepare) and the passage's candidate spans; writes those spans' type (Organization → Program).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extract.names import HUB_NAME
from ingest.extract.pipeline import Component, State

# A program whose name says it forms hubs: 地域共創イノベーション拠点形成事業, ハブ形成タイプ, 拠点形成枠, 拠点形成型研究開発.
_HUB_PROGRAM = re.compile(r"(?:拠点|ハブ)(?:形成|整備|構築)(?:支援)?(?:型)?(?:事業|プログラム|制度|タイプ|枠|トラック|研究開発)")


def _find_hub_program(state: State) -> None:
    state.data["hub_projects"] = bool(_HUB_PROGRAM.search(state.text))


def _retype(state: State) -> None:
    if not state.data.get("hub_projects"):
        return
    state.spans[:] = [
        replace(sp, type="Program")
        if sp.type == "Organization" and sp.source.startswith("pattern") and HUB_NAME.search(sp.surface)
        else sp
        for sp in state.spans
    ]


COMPONENT = Component(
    "hub_projects",
    reads="the whole text (a program forming hubs), the passage's spans",
    writes="spans' type: a named hub under such a program is a Program",
    doc=__doc__ or "",
    prepare=_find_hub_program,
    passage=_retype,
)
