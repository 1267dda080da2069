"""Provision references in running and statute text: 法第四条第三項第一号, 第二項第二号イからホまで, 同号 …

Written by hand rather than with ``jlawcite``, because jlawcite is wrong on most of them: on the 51
labelled references of the corpus (tests/data/legal/references.jsonl; ``python -m kg eval legal``) it
reads 22 right and misses or misreads 29, with ASCII and full-width parentheses alike. It has no pattern
for a reference that starts at a paragraph or an item (第一項, 第三項第一号), for sub-items (ニ, 第二号イから
ホまで), for ranges other than 第N条から第M条まで, for 各号 after a number, or for この項; it reads law numbers
only in full-width parentheses, so after NFKC 「基本法(平成七年法律第百三十号)第二条第四項」 loses its law
(and finds 「本法」 inside 「基本法」), and with full-width ones it cuts 「科学技術・イノベーション基本法」
at 「・」. What it does well (kanji numerals, branch numbers 第三十四条の八, relative words) is simple
enough to keep in one grammar here; numerals go through ``kanjize`` (ingest/legal/numbers.py).

Grammar, on the text with whitespace removed (PDF wraps split 「イか\\n\\nらホまで」):

    reference := law? locator ( "から" locator "まで" )?      coordinated by 及び/並びに/又は/若しくは/、
    law       := NAME? "(" LAW-NUMBER ")" | "法" | "同法" | "令" | "同令"     (or a law name the gazetteer found)
    locator   := head ( 第N項 | 第N号(のN)* | 各号 )* sub?
    head      := 第N条(のN)* | 第N項 | 第N号(のN)* | (前|次|同|この|本)(条|項|号) | 前各号
    sub       := イ ( "から" ホ "まで" )?                             only after an item

「次の各号」「次に掲げる」 introduce a provision's own list and are not references. A bare sub-item letter
(「(ニにおいて…」) is read only inside statute text, where an item around it gives it meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.legal.lawnum import LAW_NUMBER, LawNumber, law_number_of
from ingest.legal.numbers import ARTICLE, IROHA, ITEM, NUMERAL, PARAGRAPH, SUBITEM, to_int

_REL = {"前": "prev", "次": "next", "同": "same", "この": "this", "本": "this"}
_LEVEL_OF = {"条": ARTICLE, "項": PARAGRAPH, "号": ITEM}
_N = NUMERAL
_STEP = re.compile(
    rf"第(?P<num>{_N})(?P<unit>条|項|号)(?P<branch>(?:の{_N})*)"
    r"|(?P<rel>前|次|同|この|本)(?P<relunit>条|項|号)"
    r"|(?P<prev_each>前各号)"
    r"|(?P<each>各号)"
)
_SUB = re.compile(rf"(?P<sub>[{IROHA}])(?:から(?P<subto>[{IROHA}])(?=まで))?(?![\u30a0-\u30ff])")
_CONJ = re.compile(r"(?:及び|並びに|又は|若しくは|、)")
_BARE_SUB = re.compile(rf"(?<=[(（「、])(?P<sub>[{IROHA}])(?=において|に掲げる|から[{IROHA}]まで)")
_NAME_CHARS = r"[\u4e00-\u9fff\u3041-\u3096\u30a1-\u30fa\u30fc・]"
_LAW_WORD = re.compile(r"(?<![\u3040-\u30ff\u4e00-\u9fff・])(?P<word>同法|同令|法|令)$")
_NAMED_LAW = re.compile(rf"(?P<name>{_NAME_CHARS}{{1,60}}?(?:法律|法|令|規則))$")
_LAWNUM_PAREN = re.compile(rf"\((?P<num>{LAW_NUMBER.pattern})\)$")


@dataclass(frozen=True)
class Part:
    """One level of a locator: an absolute number, a relative word (前/次/同/この), or 各号 (every item)."""

    level: int
    number: int | None = None
    branch: tuple[int, ...] = ()
    rel: str = ""  # prev | next | same | this
    to: int | None = None  # a sub-item range: イからホまで
    each: bool = False


Locator = tuple[Part, ...]


@dataclass
class LawRef:
    """How a reference names its law: not at all, 法/同法 (bare/same), by name, by law number."""

    kind: str  # none | bare | same | named
    name: str = ""
    number: LawNumber | None = None
    start: int = -1  # document offset where the law's name starts


@dataclass
class Reference:
    """A provision reference in a document: offsets into the normalized text, what it says, and what
    was wrong with it (``problem``) when it cannot be read."""

    start: int
    end: int
    surface: str
    law: LawRef
    locator: Locator
    range_to: Locator | None = None
    follows: bool = False  # coordinated with the reference before it (第四項及び第五項): inherits its upper levels
    problem: str = ""


def squeeze(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The text with whitespace removed, and the document offset of each remaining character."""
    chars, offsets = [], []
    for i in range(start, end):
        if not text[i].isspace():
            chars.append(text[i])
            offsets.append(i)
    return "".join(chars), offsets


def _part(m: re.Match[str]) -> Part:
    if m.group("num"):
        branch = tuple(to_int(b) for b in re.findall(_N, m.group("branch") or ""))
        return Part(_LEVEL_OF[m.group("unit")], to_int(m.group("num")), branch)
    if m.group("rel"):
        return Part(_LEVEL_OF[m.group("relunit")], rel=_REL[m.group("rel")])
    if m.group("prev_each"):
        return Part(ITEM, rel="prev", each=True)
    return Part(ITEM, each=True)


def _locator(s: str, pos: int) -> tuple[Locator, int, str] | None:
    """A locator starting at ``pos`` of the squeezed text: its parts, where it ends, and a problem if any."""
    parts: list[Part] = []
    problem = ""
    while True:
        m = _STEP.match(s, pos)
        if not m:
            break
        try:
            part = _part(m)
        except ValueError as exc:
            return None if not parts else (tuple(parts), pos, str(exc))
        if part.each and not parts and not part.rel:
            break  # a bare 各号 (次の各号) is a list's own lead-in
        if parts and part.level <= parts[-1].level:
            break  # a new locator starts (第四条第一項第二項 does not occur; 第二項第三項 would be two)
        if part.number == 0:
            problem = f"number 0 in {m.group(0)!r}"
        parts.append(part)
        pos = m.end()
        if part.each:
            break
    if not parts:
        return None
    if parts[-1].level == ITEM and not parts[-1].each:
        sub = _SUB.match(s, pos)
        if sub and (s.startswith("まで", sub.end()) if sub.group("subto") else True):
            start, to = IROHA.index(sub.group("sub")) + 1, None
            if sub.group("subto"):
                to = IROHA.index(sub.group("subto")) + 1
                if to <= start:
                    problem = f"sub-item range runs backwards: {sub.group(0)}"
            parts.append(Part(SUBITEM, start, to=to))
            pos = sub.end()
    return tuple(parts), pos, problem


def _law_before(s: str, pos: int, offsets: list[int], law_names: dict[int, tuple[int, str]]) -> LawRef:
    """The law named right before a reference (compact position ``pos``)."""
    head = s[:pos]
    number = None
    m = _LAWNUM_PAREN.search(head)
    if m:
        number = law_number_of(LAW_NUMBER.fullmatch(m.group("num")))  # type: ignore[arg-type]
        head = head[: m.start()]
    end = offsets[len(head) - 1] + 1 if head else -1
    if end in law_names:  # a law the gazetteer found ends right here
        start, name = law_names[end]
        return LawRef("named", name, number, start)
    w = _LAW_WORD.search(head)
    if w and number is None:
        kind = "same" if w.group("word").startswith("同") else "bare"
        return LawRef(kind, w.group("word"), None, offsets[w.start()])
    n = _NAMED_LAW.search(head)
    if n and (number is not None or not n.group("name").endswith(("令", "規則"))):
        name = _trim_name(n.group("name"))
        if name:
            return LawRef("named", name, number, offsets[len(head) - len(name)])
    if number is not None:
        return LawRef("named", "", number, offsets[m.start()])  # type: ignore[union-attr]
    return LawRef("none")


def _trim_name(name: str) -> str:
    """A law name without the clause before it: 「…に規定する研究開発法人との連携」 is not one; keep the
    part after the last particle that cannot be inside a title (は、が、を …)."""
    cut = max((name.rfind(p) + len(p) for p in ("は", "が", "を", "、", "及び", "並びに", "において") if p in name), default=0)
    return name[cut:]


def find_references(
    text: str, start: int, end: int, law_names: dict[int, tuple[int, str]] | None = None, in_statute: bool = False
) -> list[Reference]:
    """Every provision reference in text[start:end]. ``law_names`` maps the end offset of each law name the
    gazetteer found to (start, name), so a name like 科学技術・イノベーション基本法 is taken whole."""
    s, offsets = squeeze(text, start, end)
    names = law_names or {}
    refs: list[Reference] = []
    pos = 0
    taken_until = 0
    while pos < len(s):
        m = _STEP.search(s, pos)
        bare = _BARE_SUB.search(s, pos) if in_statute else None
        if bare and (m is None or bare.start() < m.start()):
            idx = IROHA.index(bare.group("sub")) + 1
            refs.append(_make(text, s, offsets, bare.start(), bare.end(), LawRef("none"), (Part(SUBITEM, idx),), None, False, ""))
            pos = bare.end()
            continue
        if m is None:
            break
        if m.start() < taken_until or _inside_law_number(s, m.start()):
            pos = m.end()
            continue
        if m.group("each") and s[: m.start()].endswith("次の"):
            pos = m.end()
            continue
        parsed = _locator(s, m.start())
        if parsed is None:
            pos = m.end()
            continue
        loc, loc_end, problem = parsed
        law = _law_before(s, m.start(), offsets, names)
        first = len(refs)
        ref, pos = _range_or_single(text, s, offsets, m.start(), loc, loc_end, law, False, problem)
        refs.append(ref)
        # Coordinated references share the law and the upper levels of the first: 第四項及び第五項.
        while True:
            c = _CONJ.match(s, pos)
            nxt = _STEP.match(s, c.end()) if c else None
            if not c or not nxt:
                break
            parsed = _locator(s, nxt.start())
            if parsed is None:
                break
            loc, loc_end, problem = parsed
            shared = LawRef(refs[first].law.kind, refs[first].law.name, refs[first].law.number)
            ref, pos = _range_or_single(text, s, offsets, nxt.start(), loc, loc_end, shared, True, problem)
            refs.append(ref)
        taken_until = pos
    return refs


def _inside_law_number(s: str, pos: int) -> bool:
    """第百三十号 in 平成七年法律第百三十号 is part of a law number, not an item."""
    return any(m.start() <= pos < m.end() for m in LAW_NUMBER.finditer(s, max(0, pos - 20), min(len(s), pos + 20)))


def _range_or_single(text: str, s: str, offsets: list[int], start: int, loc: Locator, loc_end: int, law: LawRef,
                     follows: bool, problem: str) -> tuple[Reference, int]:  # fmt: skip
    """The reference starting at compact position ``start`` (a range when 「から…まで」 follows), and where it ends."""
    range_to = None
    end = loc_end
    if s.startswith("から", loc_end) and not (loc[-1].level == SUBITEM and loc[-1].to):
        second = _locator(s, loc_end + 2)
        if second is not None:
            range_to, second_end, second_problem = second
            problem = problem or second_problem
            if s.startswith("まで", second_end):
                end = second_end + 2
            else:
                end, problem = second_end, problem or "range without まで"
            if range_to[-1].level != loc[-1].level:
                problem = problem or "range ends at another level than it starts"
    elif loc[-1].level == SUBITEM and loc[-1].to is not None:
        end = loc_end + 2  # the まで closing イからホまで
    return _make(text, s, offsets, start, end, law, loc, range_to, follows, problem), end


def _make(text: str, s: str, offsets: list[int], cstart: int, cend: int, law: LawRef, loc: Locator,
          range_to: Locator | None, follows: bool, problem: str) -> Reference:  # fmt: skip
    start = law.start if law.start >= 0 and not follows else offsets[cstart]
    end = offsets[cend - 1] + 1
    return Reference(start, end, text[start:end], law, loc, range_to, follows, problem)
