"""Research projects: an individual project's title (研究課題「…」, a title in quotes standing alone under the team
that proposes it) is typed stip:ResearchProject as well as Program.

A project is funded under a program; its title names what it studies. Its class lets a query for programs leave
projects out, and one for what a program funds find them.

Reads: result.mentions (source ``pattern:project``) and entities. Writes: the entities' extra_types.
"""

from __future__ import annotations

from ingest.extract.pipeline import Component, State


def _type_projects(state: State) -> None:
    for m in state.result.mentions:
        entity = state.result.entities.get(m.key)
        if m.source == "pattern:project" and entity is not None and not entity.curated and entity.type == "Program":
            if "ResearchProject" not in entity.extra_types:
                entity.extra_types.append("ResearchProject")


COMPONENT = Component(
    "research_projects",
    reads="result.mentions, result.entities",
    writes="entities' extra_types (ResearchProject)",
    doc=__doc__ or "",
    finish=_type_projects,
)
