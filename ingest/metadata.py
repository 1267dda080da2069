"""Stage 4: title, publisher and issue date of a document, read from its text.

Government documents put the title, the date and the issuing body in the first lines; when the date is
not there, the latest date the document mentions is used (a document cannot predate what it reports) and
marked as inferred.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.dates import DateMention, find_dates
from ingest.records import Mention

_TITLE_WORDS = re.compile(r"(?:について|に向けて|に向けた|指針|戦略|方針|計画|報告|概要|制度|交流|ガイドライン|要綱|構想|白書)")
_NOT_TITLE = re.compile(r"^(?:[○●◎・•▶\-※*]|\d+[.)]|目次|はじめに|【)")
_CONTINUES = re.compile(r"(?:における|の|に関する|及び|並びに|と|、|・)$")
_CJK = r"\u3040-\u30ff\u3400-\u9fff"
_PAREN_NOTE = re.compile(r"\s*[(（](?:概要|案|素案|本文)[)）]")


@dataclass
class DocumentMetadata:
    title: str
    issued: DateMention | None
    issued_inferred: bool
    publishers: list[str]  # entity IRIs


def find_title(text: str) -> str:
    """The most title-like line near the top: short, not a bullet, naming a policy document."""
    lines = [ln.strip() for ln in text[:4000].split("\n")]
    best, best_score, best_rank = "", -1.0, 0
    nonempty = [ln for ln in lines if ln]
    for rank, line in enumerate(nonempty):
        if rank > 40:
            break
        bare = _strip_date(line)
        if not 6 <= len(bare) <= 80 or _NOT_TITLE.match(bare) or bare.endswith("。"):
            continue
        score = 2.0 * bool(_TITLE_WORDS.search(bare)) + 1.0 * (bare != line) - rank * 0.05
        score += 0.5 if len(bare) >= 10 else 0.0
        if score > best_score:
            best, best_score, best_rank = bare, score, rank
    # A title broken over two lines: 「…期間における」 + 「国際関係事業の…総合指針」.
    if _CONTINUES.search(best) and best_rank + 1 < len(nonempty) and len(nonempty[best_rank + 1]) <= 60:
        best += nonempty[best_rank + 1]
    best = re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", best)
    return _PAREN_NOTE.sub("", best).strip() or nonempty[0][:80]


def _strip_date(line: str) -> str:
    for d in reversed(find_dates(line)):
        if d.day:
            line = (line[: d.start] + line[d.end :]).strip()
    return re.sub(r"[(（][月火水木金土日][)）]", "", line).strip()


def find_issued(text: str) -> tuple[DateMention | None, bool]:
    """A full date in the first lines, else the latest date mentioned (inferred)."""
    head = find_dates(text[:1500])
    full = [d for d in head if d.day and not d.fiscal]
    if full:
        return full[0], False
    dated = [d for d in find_dates(text) if d.month and not d.fiscal]
    if not dated:
        years = [d for d in find_dates(text)]
        return (max(years, key=lambda d: d.year), True) if years else (None, True)
    return max(dated, key=lambda d: (d.year, d.month or 0, d.day or 0)), True


def find_publishers(text: str, title: str, mentions: list[Mention], labels: dict[str, dict[str, str]]) -> list[str]:
    """The issuing body: an agency standing alone on a line near the top, else one named in the title,
    else the ministry (省・府・庁) named most, else the agency named most."""
    agencies = [m for m in mentions if m.type == "Agency"]
    for m in agencies:
        if m.start > 300:  # the header block, not a diagram further down
            break
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if line == m.surface:
            return [m.key]
    in_title = [m.key for m in agencies if m.surface in title]
    if in_title:
        return [in_title[0]]
    counts = Counter(m.key for m in agencies)
    ministries = [k for k, _ in counts.most_common() if labels.get(k, {}).get("ja", "").endswith(("省", "府", "庁"))]
    if ministries:
        return [ministries[0]]
    return [counts.most_common(1)[0][0]] if counts else []


def read_metadata(text: str, mentions: list[Mention], labels: dict[str, dict[str, str]]) -> DocumentMetadata:
    """Title, issue date and publisher; ``labels`` are the entity labels by IRI."""
    issued, inferred = find_issued(text)
    title = find_title(text)
    return DocumentMetadata(title, issued, inferred, find_publishers(text, title, mentions, labels))
