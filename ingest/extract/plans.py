"""Plans and strategies: a government plan, strategy or policy (第6期科学技術・イノベーション基本計画,
量子技術イノベーション戦略, 骨太の方針) is typed stip:Plan as well as Program.

A plan is what programs implement, not a program that funds or runs anything: its class says so, so that a
question for programs (who runs it, what it costs) can leave plans out and one for the policy behind a program
can find them. By the name's ending: 基本計画, 戦略, 方針, ビジョン, 大綱, 指針, ロードマップ. A project called 計画
(東北メディカル・メガバンク計画, アルテミス計画) is a program, so 計画 alone is not enough; a plan numbered by
its term (第N期…計画) is a plan.

Runs after every relation rule: a plan is adopted, not run, so an operatedBy read for one is dropped.

Reads: result.entities, result.facts. Writes: the entities' extra_types; drops plans' operatedBy facts.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State

# The ending may carry the plan's year (統合イノベーション戦略2025).
_PLAN = re.compile(
    r"(?:基本計画|戦略|方針|ビジョン|大綱|指針|ロードマップ|工程表)(?:\s?(?:19|20)\d{2})?$|^第[0-9一二三四五六七八九十]+期.+計画$"
)


def is_plan(name: str) -> bool:
    return bool(_PLAN.search(name.strip()))


def _type_plans(state: State) -> None:
    plans = set()
    for entity in state.result.entities.values():
        if entity.type == "Program" and is_plan(entity.labels.get("ja", "")):
            plans.add(entity.iri)
            if "Plan" not in entity.extra_types:
                entity.extra_types.append("Plan")
    # A plan is adopted, not run: the agency named with it did not operate it.
    operated_by = str(state.iris.ont.operatedBy)
    for facts in (state.result.facts, state.relation_facts):
        facts[:] = [f for f in facts if not (f.predicate == operated_by and f.subject in plans)]


COMPONENT = Component(
    "plans",
    reads="result.entities, result.facts",
    writes="entities' extra_types (Plan); drops operatedBy facts of plans",
    doc=__doc__ or "",
    finish=_type_plans,
)
