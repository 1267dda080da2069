"""Administrative divisions: a bureau, department, division or office of a body (研究振興局, 科学技術振興機構 国際部,
人材政策課) is typed stip:OrganizationalUnit as well as Organization.

A division is a real name and a user looks it up (who runs a program, who to call), but it is an office inside
a body, not a body of its own: its class says so, and queries and evaluations that want bodies only can leave it
out. The body's own headquarters, centres, institutes, committees and secretariats (本部, センター, 研究所, 部会,
事務局) are bodies. A foreign agency named with its country (ケニア気象局, 米国…局) is a body too, and so is a ministry's
regional bureau named by its region (九州経済産業局).

Reads: result.entities. Writes: the entities' extra_types.
"""

from __future__ import annotations

import re

from ingest.extract.pipeline import Component, State

_DIVISION = re.compile(r"(?:(?<!事務)局|課|室|係|(?<![本学])部)$")
_FOREIGN_HEAD = re.compile(r"^(?:米国|英国|欧州|EU|国連|[\u30a1-\u30fa\u30fc]{2,})")


def is_division(name: str) -> bool:
    """A division of a Japanese body: its name ends in 局・部・課・室・係 and does not open with a foreign name."""
    name = name.split()[-1] if name.split() else name  # 「科学技術振興機構 国際部」: the unit's own name
    return bool(_DIVISION.search(name)) and not _FOREIGN_HEAD.match(name) and not is_regional_bureau(name)


# A ministry's regional bureau (九州経済産業局, 関東農政局, 近畿地方整備局): an office with its own region, head and staff,
# named by the region it serves, a body of its own.
_REGIONAL_BUREAU = re.compile(r"^(?:北海道|東北|関東|中部|北陸|近畿|中国|四国|九州|沖縄|東海|信越)[\u3400-\u9fff]{1,8}局$")


def is_regional_bureau(name: str) -> bool:
    return _REGIONAL_BUREAU.match(name) is not None


def _type_divisions(state: State) -> None:
    for entity in state.result.entities.values():
        name = entity.labels.get("ja", "")
        if not entity.curated and entity.type == "Organization" and is_division(name):
            if "OrganizationalUnit" not in entity.extra_types:
                entity.extra_types.append("OrganizationalUnit")


COMPONENT = Component(
    "divisions",
    reads="result.entities",
    writes="entities' extra_types (OrganizationalUnit)",
    doc=__doc__ or "",
    finish=_type_divisions,
)
