"""Stage 5: passages → mentions, entities, events, facts and budgets, each with the span that states it.

Extraction is a pipeline of named components (ingest/extract/pipeline.py declares their order; each is a module
here whose docstring says what it reads and writes):

1. naming, in order of precedence on the same text: directional regions, enumerated names, the gazetteer
   (curated names, exact), country compounds (日米 → Japan + US), short forms of curated names, events named
   by what happened (meetings between office holders, signings), named events, editions in a table, an
   agency's own line of a program, ministers, names by their shape, repeated names, defined abbreviations,
   GiNZA NER filtered to plausible names;
2. linking: the accepted spans become mentions of entities;
3. per passage: organisation units, event facts (date, participants, subject), budget lines;
4. whole document: relations; people and the posts they hold, municipalities, numbered meetings with their
   date, venue, agenda, chair and attendees, English names the text gives; the operator a title names, funding
   notes, budget lines placed by layout (announced by 以下, a title after its box, a scheme's parameters, the
   program the document is about), merging a line stated twice, tables.

``kg eval extraction --ablate`` measures each component's contribution.
"""

from __future__ import annotations

from ingest.extract.budget_merge import merge_budgets
from ingest.extract.pipeline import PIPELINE, Component, ComponentError, State, components, extract, register

__all__ = ["PIPELINE", "Component", "ComponentError", "State", "components", "extract", "merge_budgets", "register"]
