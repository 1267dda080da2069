"""The candidate span that the naming components propose and linking accepts, and small helpers they share."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest.dates import DateMention
from ingest.extract.gazetteer import Gazetteer
from ingest.records import Passage
from ingest.vocab import VocabEntry

PLACES = ("Country", "Region")
LOCAL_GOVERNMENT = ("Prefecture", "Municipality")
_OFFICE = re.compile(r"(?:庁|役所|役場|事務所)$")


def owned_by_local(rest: str) -> bool:
    """What follows a prefecture or municipality opening a name (「宮城県」+「先端放射光利活用推進審議会」) names a body
    or program of its own: not its office (「長野県」+「庁」) nor a short word (「熊本県」+「負担金」)."""
    rest = rest.strip()
    return len(rest) >= 4 and not _OFFICE.search(rest)


ASCII_ABBR = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,11}$")
# A character a name is written in: a name found again inside a longer word (between two of these) is no use of it.
WORD_CHAR = r"[\u3005\u30a1-\u30fa\u30fc\u3400-\u9fffA-Za-z0-9]"


@dataclass
class Span:
    start: int
    end: int
    type: str
    surface: str
    iri: str | None
    source: str
    passage: int
    alias_of: int | None = None  # start offset of the name this abbreviation belongs to
    date: DateMention | None = None  # for events: the date their sentence gives
    name: str | None = None  # for an edition in a table row: 「第一回」 names 「第一回日印大学等フォーラム」


def known_tail(body: str, gazetteer: Gazetteer, suffixes: tuple[str, ...]) -> tuple[int, VocabEntry] | None:
    """Where the longest tail of ``body`` that the vocabulary knows (as is, or with one of ``suffixes``) starts,
    and its entry: a personal name before an office (松本|文部科学, マイケル・クラツィオス|OSTP) is cut off."""
    for i in range(len(body) - 1):
        for suffix in suffixes:
            entry = gazetteer.vocab.lookup(body[i:] + suffix)
            if entry is not None:
                return i, entry
    return None


def passage_at(passages: list[Passage], pos: int) -> int:
    """The index of the passage a document offset falls in."""
    starts = [p.start for p in passages]
    return passages[max(0, bisect_right(starts, pos) - 1)].index
