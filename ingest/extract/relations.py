"""Relations between mentioned entities, read from the sentence that states them.

Each rule looks at one sentence (or table line) and the typed mentions in it, and emits a Fact whose span
is that sentence, so every relation can be shown with its evidence:
- operatedBy:  「JSTが…プログラムを実施」, 「プログラム(JST)」, 「JSTの…事業」, 「JST さくらサイエンスプログラム」,
  「JSTが実施する「…」」, 「…振興会(JSPS)は、「…」により」, a field 「配分機関：JST（…）、AMED（…）」 (for the program on
  its line or whose block it stands in)
- partnerCountry: a program and a foreign country/region with a cue (との, 日印, 対象国, 招へい…)
- subProgramOf: 「NEXUSの若手人材交流プログラム(Y-tec)」, courses listed under a program heading, headings
  under 「Xの内容」, joint calls on a program's budget page, categories after 「…公募要領」
- partnerCountry also from a description (「日欧共同プロジェクトのJT-60SA」, 「東アジア(e-ASIA:日+14か国…)」)
- partOf:      an organisation unit right after its parent (「内閣府 総合科学技術・イノベーション会議」)

As the pipeline component ``relations`` (a ``finish`` hook) it reads the document's mentions (not events, nor a
place inside an event's name), the programs by name and the passages' sentences, carries the program a numbered
heading or a budget sheet's page is about from sentence to sentence, and writes relation_facts (merged to one
fact per triple and sentence by the runner). The rules a document's title or a budget note implies are the
components ``title_operator`` and ``funding_notes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.budgets import BUDGET_LABEL
from ingest.extract.cost_heads import without_heads
from ingest.extract.country_compounds import country_compounds
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import PLACES
from ingest.records import Extraction, Fact, Mention, Passage

ORG_TYPES = {"Agency", "Organization", "University", "ResearchInstitute", "Council"}
_RUN_VERBS = r"(?:実施|運営|開始|推進|創設|支援|募集|公募|採択|主催|設置|設立|立ち上げ|実施し|展開|招へい|派遣|運用|構築|新設)"
_PARTNER_CUES = re.compile(r"との|と共同|と連携|間|対象国|相手国|招へい|派遣|協力|連携|交流|共同|から|参加|参画|出身|向け|留学")
_UNIT = re.compile(r"(?:会議|審議会|部|局|本部|委員会|センター|研究所|研究科|事務局|室|課|オフィス|拠点)$")
_SENTENCE = re.compile(r"[^。\n]+[。]?")


def sentences(passage: Passage) -> Iterator[tuple[int, int]]:
    """Document offsets of each sentence (or line) of a passage."""
    for m in _SENTENCE.finditer(passage.text):
        if m.group(0).strip():
            yield passage.start + m.start(), passage.start + m.end()


def _between(text: str, a: Mention, b: Mention) -> str:
    return text[a.end : b.start] if a.end <= b.start else ""


def operated_by(text: str, s: int, e: int, ms: list[Mention], op: str, passage: int) -> list[Fact]:
    # A program named inside another (SICORP in 「AMED SICORP」) is run by whoever runs the whole.
    programs = [
        m
        for m in ms
        if m.type == "Program"
        and not any(q is not m and q.start <= m.start and m.end <= q.end for q in ms if q.type == "Program")
    ]
    orgs = [m for m in ms if m.type in ORG_TYPES]
    facts = []
    for p in programs:
        for o in orgs:
            if o.key == p.key:
                continue
            before = _between(text, o, p)
            after = _between(text, p, o)
            tail = text[p.end : min(e, p.end + 40)]
            if tail.startswith("の下") or re.match(r"^\s?(?:が|は)?[^。]{0,30}(?:参画|参加|協力)", after):
                continue  # 「日米医学協力計画の下、…」 is a framework; 「JT-60SAに…が参画」 takes part, does not run it
            short = re.match(r"\s?[(（][A-Za-z&\-]{2,10}[)）]", before)
            before = before[short.end() :] if short and short.end() < len(before) else before  # 「…振興会(JSPS)は、「…」
            stated = (
                (
                    o.end <= p.start and before.strip() in ("", "の", ":", "が", "は") and len(before) <= 3
                )  # 「JSTの…」「JST : さくら…」
                or re.fullmatch(r"\s?[(（][A-Za-z&\-]{2,10}[)）]\s?", before) is not None  # 「科学技術振興機構(JST)創発…」
                or _RUNS_BEFORE.fullmatch(before) is not None  # 「JSTが実施する「さくらサイエンスプログラム」」
                or (re.search(r"間で", before) is not None and re.search(_RUN_VERBS, tail) is not None)  # 「A-B間で…を構築」
                or (re.fullmatch(r"\s?[(（]", after) is not None)  # 「…プログラム(JST)」
                or (re.match(r"^(?:が|は|では|において|により)", before) and re.search(_RUN_VERBS, tail))
                or (re.search(r"^(?:が|は|では)[^。]{0,40}$", before) and re.search(_RUN_VERBS, tail))
            )
            if stated:
                facts.append(Fact(p.key, op, o.key, passage, s, e, extractor="rules:operatedBy"))
    return facts


# 「JSTが実施する「…」」「JICAの運営する…」: the body, a verb saying it runs what follows, the program.
_RUNS_BEFORE = re.compile(r"(?:が|の)(?:実施|運営|所管|主催|推進)(?:する|している|中の)[「『]?")
# 「実施機関：AMED」「配分機関：JST（…）、AMED（…）」: a field naming who runs the program on its line or block.
_FIELD_BODIES = re.compile(r"(?:実施機関|配分機関|運営機関|実施主体|事業実施主体)\s?[:：]\s?")


def field_operators(text: str, s: int, e: int, ms: list[Mention], program: Mention | None, op: str,
                    passage: int) -> list[Fact]:  # fmt: skip
    """The bodies a field line lists after its label (「配分機関：JST（…）、AMED（…）」) run the program on its line,
    else the program whose block it stands in."""
    label = _FIELD_BODIES.search(text, s, e)
    if label is None:
        return []
    on_line = [m for m in ms if m.type == "Program" and m.end <= label.start()]
    subject = on_line[-1] if on_line else program
    if subject is None:
        return []
    facts, at = [], label.end()
    for o in sorted((m for m in ms if m.type in ORG_TYPES and m.start >= label.end()), key=lambda m: m.start):
        gap = re.sub(r"[(（][^()（）]*[)）]", "", text[at : o.start])  # 「JST（10,900百万円）、AMED」
        if gap.strip(" 、,・及びと") or o.key == subject.key:
            break
        facts.append(Fact(subject.key, op, o.key, passage, s, e, extractor="rules:operatedBy(field)"))
        at = o.end
    return facts


def partner_country(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int, japan: str) -> list[Fact]:
    programs = [m for m in ms if m.type == "Program"]
    places = [m for m in ms if m.type in ("Country", "Region") and m.key != japan]
    if not programs or not places or len(programs) > 2:
        return []
    sentence = text[s:e]
    compound = any(m.source == "compound" for m in places)
    if not (compound or _PARTNER_CUES.search(sentence)):
        return []
    # With two programs on a line (a flattened table row), a place belongs to the program before it.
    owner = {c.key: max((p for p in programs if p.end <= c.start), key=lambda p: p.end, default=programs[0]) for c in places}
    return [Fact(owner[c.key].key, rel, c.key, passage, s, e, extractor="rules:partnerCountry") for c in places]


# 「NEXUSの若手人材交流プログラム」「科研費に新種目「国際先導研究」」「科研費「国際先導研究」」
_PART_OF_LINK = re.compile(r"(?:の|における|の一環として|の中の)|(?:に|の)?(?:新たな|新)?(?:種目|区分|枠)?「")
_TITLE_GAP = re.compile(r"(?:\s?[(（][A-Za-z][A-Za-z0-9\-&]{1,11}[)）])? ")
_ABBR_TAIL = re.compile(r"^\s?(?:[(（][A-Za-z][A-Za-z0-9\-&]{1,11}[)）])?\s*$")


def sub_program(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int) -> list[Fact]:
    """A program named as part of another: joined by の/における/「, or set after it on a title line
    (「日ASEAN…協働連携事業(NEXUS) 若手人材交流プログラム(Y-tec)」)."""
    programs: list[Mention] = []
    for m in (m for m in ms if m.type == "Program"):
        if programs and programs[-1].key == m.key and _between(text, programs[-1], m).strip() in ("(", "（"):
            continue  # 「…協働連携事業(NEXUS)」: the abbreviation is part of the name before it
        if programs and programs[-1].start <= m.start and m.end <= programs[-1].end:
            continue  # a name inside the name before it is not the next program
        programs.append(m)
    facts = []
    for a, b in zip(programs, programs[1:], strict=False):
        if a.key == b.key:
            continue
        between = _between(text, a, b)
        title_line = (
            not _PART_NAME.search(a.surface)
            and _TITLE_GAP.fullmatch(between) is not None
            and text.rfind("\n", 0, a.start) + 1 == a.start
            and _ABBR_TAIL.match(text[b.end : text.find("\n", b.end)]) is not None
        )
        quoted = text[a.start - 1 : a.start] in ("「", "『") and text[b.end : b.end + 1] in ("」", "』")
        quoted_pair = quoted and between in ("", " ", "\u3000")
        if _PART_OF_LINK.fullmatch(between) or title_line or quoted_pair or _BREADCRUMB_GAP.fullmatch(between):
            facts.append(Fact(b.key, rel, a.key, passage, s, e, extractor="rules:subProgramOf"))
    return facts


_PART_NAME = re.compile(r"(?:コース|タイプ|枠|部門)$")
# 「国際頭脳循環拠点形成事業 海外トップ研究機関連携プログラム」 quoted as one, and a breadcrumb (…事業 ＞ …プログラム):
# the second is a part of the first.
_BREADCRUMB_GAP = re.compile(r"\s?[>＞›»]\s?")


def is_part_name(key: str, by_passage: dict[int, list[Mention]]) -> bool:
    """Whether the entity is a course or type of a program (named …コース, …タイプ, …枠)."""
    return any(m.key == key and _PART_NAME.search(m.surface) for ms in by_passage.values() for m in ms)


_COURSE_REACH = 1500  # characters: a course table continues across a passage break


def section_courses(
    passage: Passage,
    ms: list[Mention],
    heading: list[Mention],
    rel: str,
    page: Mention | None = None,
    earlier: list[Mention] | None = None,
) -> list[Fact]:
    """Courses and types (…コース, …タイプ) listed under a program: the program the section heading
    names, else the last other program named before them (in the passage, or just before it when a course
    table runs on past a passage break), else the program of the budget sheet page they are on. A course
    is never a part of another course (a row of a course table is not its neighbour's part)."""
    facts = []
    before = [p for p in (earlier or []) if p.type == "Program" and not _PART_NAME.search(p.surface)]
    for m in ms:
        if m.type != "Program" or not _PART_NAME.search(m.surface):
            continue
        parents = (
            [h for h in heading if h.key != m.key and not _PART_NAME.search(h.surface)]
            or [
                p for p in ms if p.type == "Program" and p.end <= m.start and p.key != m.key and not _PART_NAME.search(p.surface)
            ][-1:]
            or [p for p in before if p.end <= m.start and m.start - p.end <= _COURSE_REACH and p.key != m.key][-1:]
            or ([page] if page is not None and page.key != m.key else [])
        )
        if parents:
            facts.append(Fact(m.key, rel, parents[-1].key, passage.index, m.start, m.end, extractor="rules:subProgramOf"))
    return facts


def page_program(text: str, s: int, e: int, ms: list[Mention]) -> Mention | None:
    """A budget sheet page opens with its program and amount on one line: 「戦略的国際共同研究プログラム(SICORP)
    令和4年度予算額(案) 1,160百万円」. The program, when this sentence is such a line."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", s)
    line = text[line_start : line_end if line_end >= 0 else e]
    m = BUDGET_LABEL.search(line)
    if not m:
        return None
    named = [x for x in ms if x.type == "Program" and x.end <= line_start + m.start() and not _PART_NAME.search(x.surface)]
    return named[-1] if named else None


def part_of(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int) -> list[Fact]:
    """An organisation named right after another is its unit when it looks like one (…会議, …センター) or
    when the first is a university (東京大学Kavli IPMU, 大阪大学IFReC)."""
    orgs = [m for m in ms if m.type in ORG_TYPES]
    facts = []
    for a, b in zip(orgs, orgs[1:], strict=False):
        between = _between(text, a, b)
        if a.key == b.key or b.start < a.end or between not in ("", " ", "の", "・"):
            continue
        if between == "・" and not _UNIT.search(b.surface):
            continue  # 「A・B」 lists two bodies unless B is a unit (経団連・デジタルエコノミー推進委員会)
        if _UNIT.search(b.surface) or (a.type == "University" and b.type in ("ResearchInstitute", "Organization")):
            facts.append(Fact(b.key, rel, a.key, passage, s, e, extractor="rules:partOf"))
    return facts


def set_up(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int) -> list[Fact]:
    """「東北大学が運営方針会議を設置」「ナイロビ大学に「日・ケニア共同研究ハブ」を設置」: a body set up by or at an
    organisation is part of it."""
    orgs = [m for m in ms if m.type in ORG_TYPES]
    facts = []
    for a, b in zip(orgs, orgs[1:], strict=False):
        between = _between(text, a, b)
        subject_set_up = re.fullmatch(r"(?:が|は)", between) and text.startswith("を設置", b.end)
        set_up_at = between == "に「" and text.startswith("」を設置", b.end)  # 「ナイロビ大学に「…ハブ」を設置」
        if a.key != b.key and (subject_set_up or set_up_at):
            facts.append(Fact(b.key, rel, a.key, passage, s, e, extractor="rules:partOf(set up)"))
    return facts


def named_partners(s: int, e: int, ms: list[Mention], rel: str, passage: int, japan: str) -> list[Fact]:
    """A program whose name holds a place (日チリ…連携事業, 日・北欧…プログラム) partners with that place."""
    facts = []
    for p in (m for m in ms if m.type == "Program"):
        for c in ms:
            if c.type in ("Country", "Region") and c.key != japan and p.start <= c.start and c.end <= p.end:
                facts.append(Fact(p.key, rel, c.key, passage, s, e, extractor="rules:partnerCountry"))
    return facts


_NUMBERED_HEADING = re.compile(r"^\s*(?:[0-9０-９]{1,2}[.．、]\s?|[(（][0-9０-９]{1,2}[)）]\s?|[①-⑳]\s?)")
_SECTION_HEADING = re.compile(r"^\s*【")
_BULLET_START = re.compile(r"^\s*(?:[○●◎・•▶\-]\s?)?")


def heading_program(line: str, line_start: int, ms: list[Mention]) -> Mention | None | bool:
    """For a numbered heading line, the program it announces (None if it announces none); False if the
    line is not a heading. A 【…】 line ends the previous program's block."""
    if _SECTION_HEADING.match(line):
        return None
    m = _NUMBERED_HEADING.match(line)
    if not m:
        return False
    first = [x for x in ms if x.type == "Program" and line_start + m.end() <= x.start <= line_start + m.end() + 2]
    return first[0] if first else None


# On a budget sheet page only a plain statement of partnership counts: the page also lists where past
# researchers came from (「米国、カナダ…から」), which is not a partnership.
_STRICT_PARTNER_CUES = re.compile(r"との間で|と共同で|との共同|相手国")


def implicit_subject(text: str, s: int, e: int, ms: list[Mention], program: Mention, rels: dict[str, str],
                     passage: int, japan: str, strict: bool = False) -> list[Fact]:  # fmt: skip
    """Bullets under a program heading speak of that program without naming it:
    「○JSTが、…と共同で、…を公募する。」 → program operatedBy JST, partnerCountry the places named."""
    facts = []
    sentence = text[s:e]
    lead = _BULLET_START.match(sentence)
    head = s + (lead.end() if lead else 0)
    if any(m.type == "Program" and m.start <= head + 2 for m in ms):
        return []  # the sentence names its own subject
    actor = next((m for m in ms if m.type in ORG_TYPES and m.start <= head + 1), None)
    if actor is not None and re.match(r"^(?:が|は)", text[actor.end : actor.end + 2]) and re.search(_RUN_VERBS, sentence):
        facts.append(Fact(program.key, rels["operatedBy"], actor.key, passage, s, e, extractor="rules:operatedBy(heading)"))
    if (_STRICT_PARTNER_CUES if strict else _PARTNER_CUES).search(sentence):
        for c in ms:
            if c.type in ("Country", "Region") and c.key != japan:
                facts.append(
                    Fact(program.key, rels["partnerCountry"], c.key, passage, s, e, extractor="rules:partnerCountry(heading)")
                )
    return facts


def place_labels_program(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int, japan: str) -> list[Fact]:
    """A place right before a program labels it (「欧州 EIG CONCERT-Japan」, 「東アジア(e-ASIA」)."""
    facts = []
    for a, b in zip(ms, ms[1:], strict=False):
        if a.type in ("Country", "Region") and a.key != japan and b.type == "Program":
            if re.fullmatch(r"\s?[(（]?\s?", text[a.end : b.start]):
                facts.append(Fact(b.key, rel, a.key, passage, s, e, extractor="rules:partnerCountry"))
    return facts


# 「さくらサイエンスプログラムの内容」 opens a section whose heading lines are the program's parts.
_CONTENTS = re.compile(r"の(?:内容|種類|構成|概要|体系|メニュー|仕組み)$")
_SECTION_END = re.compile(r"の(?:活動事例|事例|成果|これまでの成果|実績|実施体制|予算|沿革)$")
_KIND = re.compile(r"(?:招へい|プログラム|事業|コース|制度|交流|研究|基金|計画)$")
_HEADING_MARK = re.compile(r"^[\s▶■●◆○・•\-]*")
_SECTION_SPAN = 6000


def _line_program(line: str, start: int, ms: list[Mention]) -> Mention | None:
    """The program a line holds and nothing else (an optional (ABBR) and 。 after it)."""
    body = _HEADING_MARK.sub("", line)
    offset = start + len(line) - len(body)
    inside = [m for m in ms if m.type == "Program" and offset <= m.start and m.end <= start + len(line)]
    if not inside or inside[0].start != offset:
        return None
    rest = body[inside[0].end - offset :]
    return inside[0] if re.fullmatch(r"\s?(?:[(（][A-Za-z][A-Za-z0-9\-&]{1,11}[)）])?[。]?\s*", rest) else None


def section_tree(text: str, ms: list[Mention], rel: str) -> list[Fact]:
    """Parts listed as headings under 「Xの内容」: the first heading is a part of X, a later heading of the same
    kind (一般公募招へい, 直接招へい) is its sibling, and a heading of another kind (ハイスクールプログラム) is a part
    of the last sibling. The section ends at 「…の活動事例」「…の成果」 or after a few pages."""
    programs = sorted((m for m in ms if m.type == "Program"), key=lambda m: m.start)
    facts: list[Fact] = []
    parent: Mention | None = None
    kind, last, opened = "", None, 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if parent is not None and (start - opened > _SECTION_SPAN or _SECTION_END.search(stripped)):
            parent = None
        if _CONTENTS.search(stripped):
            named = _line_program(stripped[: _CONTENTS.search(stripped).start()], start + line.find(stripped), programs)
            if named is not None and (parent is None or named.key == parent.key):
                parent, kind, last, opened = named, "", None, start
            continue
        caption = stripped.endswith("。")  # a photo caption names an example, not a part
        heading = _line_program(line, start, programs) if parent is not None and len(stripped) <= 40 and not caption else None
        if heading is None or heading.key == parent.key or _PART_NAME.search(heading.surface):
            continue
        tail = (_KIND.search(heading.surface) or re.search(r".{2}$", heading.surface)).group(0)
        if not kind or tail == kind:
            kind, last, whole = kind or tail, heading, parent
        else:
            whole = last
        if whole is not None and whole.key != heading.key:
            facts.append(
                Fact(
                    heading.key,
                    rel,
                    whole.key,
                    heading.passage,
                    heading.start,
                    heading.end,
                    extractor="rules:subProgramOf(section)",
                )
            )
    return facts


def course_programs(facts: list[Fact], ms: list[Mention], rel: str) -> list[Fact]:
    """A course of a part of a program is a course of that program too (Sakura Science's course A, listed
    under its open-application invitations, is a Sakura Science course), with the course's own evidence."""
    courses = {m.key for m in ms if _PART_NAME.search(m.surface)}
    parents = {(f.subject, str(f.obj)) for f in facts if f.predicate == rel}
    extra = []
    for f in facts:
        if f.predicate != rel or f.subject not in courses:
            continue
        for child, grand in parents:
            if child == str(f.obj) and grand != f.subject and (f.subject, grand) not in parents:
                extra.append(Fact(f.subject, rel, grand, f.passage, f.start, f.end, extractor="rules:subProgramOf(course)"))
    return extra


_JOINT_NAME = re.compile(r"共同研究「|JRP$")
_CALL_CUE = re.compile(r"joint call|共同公募|ジョイントコール", re.I)


def page_calls(text: str, s: int, e: int, ms: list[Mention], page: Mention, rel: str, passage: int) -> list[Fact]:
    """On a program's budget sheet page, the joint calls it lists are its parts: calls named as such
    (「日仏共同研究「分子技術(第1期)」」, 「e-ASIA JRP」) and short list lines after 「…共同公募を強力に推進」 or
    「joint callの構築」 (「CONCERT-Japan(水管理、ICT)、AJ-CORE(環境科学)等」)."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", s)
    short_line = (line_end if line_end >= 0 else e) - line_start <= 60
    cued = short_line and _CALL_CUE.search(text[max(0, s - 300) : s]) is not None
    return [
        Fact(m.key, rel, page.key, passage, s, e, extractor="rules:subProgramOf(call)")
        for m in ms
        if m.type == "Program"
        and m.key != page.key
        and not _PART_NAME.search(m.surface)
        and (_JOINT_NAME.search(m.surface) or cued)
    ]


def described_partners(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int, japan: str) -> list[Fact]:
    """Partners a program's description gives: 「日欧共同プロジェクトのJT-60SA」 (a compound just before 「…の」),
    「東アジア(e-ASIA:日+14か国、東南アジアが主)」 (places after a colon inside the program's parentheses)."""
    facts = []
    places = [m for m in ms if m.type in ("Country", "Region") and m.key != japan]
    for m in (m for m in ms if m.type == "Program"):
        lead = text[max(s, m.start - 15) : m.start]
        if lead.endswith("の") and not re.search(r"[、。]", lead):
            facts += [
                Fact(m.key, rel, c.key, passage, s, e, extractor="rules:partnerCountry(described)")
                for c in places
                if m.start - len(lead) <= c.start and c.end <= m.start and c.source == "compound"
            ]
        if text[m.end : m.end + 1] in (":", "："):
            close = text.find(")", m.end)
            if 0 <= close - m.end <= 40:
                facts += [
                    Fact(m.key, rel, c.key, passage, s, e, extractor="rules:partnerCountry(described)")
                    for c in places
                    if m.end < c.start and c.end <= close
                ]
    return facts


_CATEGORY_CUE = re.compile(r"^(?:の)?\s?(?:公募要領|研究種目|種目|区分)\s?[:：]?\s?$")


def listed_categories(text: str, s: int, e: int, ms: list[Mention], rel: str, passage: int) -> list[Fact]:
    """Categories listed after a program's call guidelines or category word: 「科学研究費助成事業 公募要領
    特別推進研究、基盤研究(S・A)」 → each is a part of 科学研究費助成事業."""
    programs = [m for m in ms if m.type == "Program"]
    facts = []
    for i, a in enumerate(programs):
        if i + 1 >= len(programs) or not _CATEGORY_CUE.match(_between(text, a, programs[i + 1])):
            continue
        prev = a
        for b in programs[i + 1 :]:
            gap = _between(text, prev, b)
            if prev is not a and gap not in ("、", ",", "・", "") and not _CATEGORY_CUE.match(gap):
                break
            if b.key != a.key:
                facts.append(Fact(b.key, rel, a.key, passage, s, e, extractor="rules:subProgramOf(category)"))
            prev = b
    return facts


def _agency_in_names(ms: list[Mention], gazetteer: Gazetteer, rel_iri: str, passage: int, s: int, e: int) -> list[Fact]:
    """A program whose name begins with an agency's name is that agency's (NSF Global Centers, JSPS 国際共同研究)."""
    facts = []
    for m in ms:
        if m.type != "Program":
            continue
        lead = [h for h in gazetteer.find_all(m.surface) if h.start == 0 and h.type in ORG_TYPES]
        if lead and lead[0].iri != m.key:
            facts.append(Fact(m.key, rel_iri, lead[0].iri, passage, s, e, extractor="rules:operatedBy(name)"))
    return facts


def _agency_part(ms: list[Mention], rel_iri: str, passage: int, s: int, e: int) -> list[Fact]:
    """「AMED SICORP」 is AMED's part of SICORP."""
    parts = [m for m in ms if m.source == "pattern:agency-program"]
    return [
        Fact(part.key, rel_iri, whole.key, passage, s, e, extractor="rules:subProgramOf(agency)")
        for part in parts
        for whole in ms
        if whole.type == "Program" and whole.key != part.key and part.start < whole.start and whole.end <= part.end
    ]


_CERTIFY = re.compile(
    r"が(?P<object>[^、。を]{2,20})を(?P<status>[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{2,20})に(?:認定|選定|指定)"
)


def _certifier(text: str, s: int, e: int, ms: list[Mention], systems: dict[str, str], op: str, passage: int) -> list[Fact]:
    """「文部科学大臣が東北大学を国際卓越研究大学に認定」: the body that certifies runs the system of that status
    (国際卓越研究大学制度), when the document names such a system (``systems``: programs by Japanese name)."""
    facts = []
    for m in _CERTIFY.finditer(text, s, e):
        actor = next((o for o in ms if o.type in ORG_TYPES and o.end == m.start()), None)
        program = next(
            (systems[n] for n in (m.group("status") + x for x in ("制度", "事業", "プログラム")) if n in systems), None
        )
        if actor is not None and program is not None:
            facts.append(Fact(program, op, actor.key, passage, s, e, extractor="rules:operatedBy(certifies)"))
    return facts


def _places_in_names(ms: list[Mention], gazetteer: Gazetteer, rel_iri: str, passage: int, s: int, e: int,
                     japan: str) -> list[Fact]:  # fmt: skip
    """A curated program whose name holds a place (インド大学生招へいプログラム) partners with it, and any program
    whose name pairs Japan with a country in one-kanji compounds (日米医学協力計画 → United States)."""
    facts = []
    for m in ms:
        if m.type != "Program":
            continue
        places = {h.iri for h in gazetteer.find_all(m.surface) if h.type in PLACES} if m.source == "gazetteer" else set()
        places |= {span.iri for span in country_compounds(m.surface, 0, 0, gazetteer.vocab) if span.iri}
        for iri in sorted(places - {japan}):
            facts.append(Fact(m.key, rel_iri, iri, passage, s, e, extractor="rules:partnerCountry"))
    return facts


def mentions_by_passage(result: Extraction) -> dict[int, list[Mention]]:
    """The mentions relations are read between, by passage: not events, nor a place inside an event's name
    (日印首脳会談: who met, not a program's partner)."""
    by_passage: dict[int, list[Mention]] = {}
    events = [m for m in result.mentions if m.type == "Event"]
    for m in result.mentions:
        inside_event = m.type in PLACES and any(ev.start <= m.start and m.end <= ev.end for ev in events)
        if m.type != "Event" and not inside_event:
            by_passage.setdefault(m.passage, []).append(m)
    return by_passage


def _relations(state: State) -> None:
    text, passages, result, gazetteer = state.text, state.passages, state.result, state.gazetteer
    ont = state.iris.ont
    japan = state.japan
    by_passage = mentions_by_passage(result)
    events = [m for m in result.mentions if m.type == "Event"]
    facts: list[Fact] = []
    systems = {x.labels["ja"]: iri for iri, x in result.entities.items() if x.type == "Program" and x.labels.get("ja")}
    programs_in_order = sorted((m for ms in by_passage.values() for m in ms if m.type == "Program"), key=lambda m: m.start)
    rels = {"operatedBy": str(ont.operatedBy), "partnerCountry": str(ont.partnerCountry)}
    current: Mention | None = None  # the program whose numbered heading the text is under
    page: Mention | None = None  # the program a budget sheet's page is about (「SICORP 令和4年度予算額(案)…」)
    for passage in passages:
        ms = by_passage.get(passage.index, [])
        heading = [m for m in ms if m.type == "Program" and m.start < passage.start + len(passage.section) and passage.section]
        earlier = [m for m in programs_in_order if m.end <= passage.start]
        facts += section_courses(passage, ms, heading, str(ont.subProgramOf), page, earlier)
        for s, e in sentences(passage):
            sentence = [m for m in ms if s <= m.start < e]
            page = page_program(text, s, e, sentence) or page
            # A numbered heading line starts (or ends) the block a program's bullets belong to.
            line_heading = heading_program(text[s:e], s, sentence) if text.rfind("\n", 0, s) + 1 == s else False
            if line_heading is not False:
                current = line_heading if isinstance(line_heading, Mention) else None
            elif current is not None or page is not None:
                # Bullets under a numbered program heading, else on a program's budget sheet page, speak of it.
                subject, strict = (current, False) if current is not None else (page, True)
                facts += implicit_subject(text, s, e, sentence, subject, rels, passage.index, japan, strict)
            if page is not None and current is None:
                facts += page_calls(text, s, e, sentence, page, str(ont.subProgramOf), passage.index)
            facts += operated_by(text, s, e, sentence, str(ont.operatedBy), passage.index)
            facts += field_operators(text, s, e, sentence, current or page, str(ont.operatedBy), passage.index)
            # In a sentence reporting an event (「…大臣会合を開催し、…の担当大臣が…共同声明に署名した」) the places are
            # who met, not the partners of a program it mentions.
            if not any(s <= ev.start < e for ev in events):
                facts += partner_country(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
                facts += named_partners(s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += _places_in_names(sentence, gazetteer, str(ont.partnerCountry), passage.index, s, e, japan)
            facts += _agency_in_names(sentence, gazetteer, str(ont.operatedBy), passage.index, s, e)
            facts += place_labels_program(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += described_partners(text, s, e, sentence, str(ont.partnerCountry), passage.index, japan)
            facts += sub_program(text, s, e, sentence, str(ont.subProgramOf), passage.index)
            facts += listed_categories(text, s, e, sentence, str(ont.subProgramOf), passage.index)
            facts += _certifier(text, s, e, sentence, systems, str(ont.operatedBy), passage.index)
            facts += _agency_part(sentence, str(ont.subProgramOf), passage.index, s, e)
            facts += part_of(text, s, e, sentence, str(ont.partOf), passage.index)
            facts += set_up(text, s, e, sentence, str(ont.partOf), passage.index)
    all_mentions = [m for ms in by_passage.values() for m in ms]
    facts += section_tree(text, all_mentions, str(ont.subProgramOf))
    facts += course_programs(facts, all_mentions, str(ont.subProgramOf))
    state.relation_facts += without_heads(state, facts)  # 拠点運営費, 一般会計: money, not a program


COMPONENT = Component(
    "relations",
    reads="result.mentions (not events), result.entities (programs by name), passage sentences, gazetteer, "
    "the cost heads (cost_heads)",
    writes="relation_facts: operatedBy, partnerCountry, subProgramOf, partOf",
    doc=__doc__ or "",
    finish=_relations,
)
