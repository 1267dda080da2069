"""Programs, systems, plans and events → the provisions (or laws) that govern them, each with the sentence
that states or implies it. Rules, in order of how directly the text says it:

cited        a running-text sentence cites a provision (「…国際卓越研究大学制度の重要性に鑑み、… 法第4条第4項
             の規定に基づき…」): the programs and events the sentence names are governed by it.
law          a sentence says a law is the basis (「国際卓越研究大学法に基づき、国際卓越研究大学の認定…」):
             its programs and events are governed by the law.
defined      a statute defines a term (「(以下「国際卓越研究大学研究等体制強化計画」という。)」) that names a
             program: the program is governed by the article that defines it.
act          a sentence reports a legal act a statute provides for — 「文部科学大臣が東北大学を国際卓越研究大学に
             認定(令和6年11月)」, where Article 4(1) says 「…の認定を受けることができる」: an event
             (the certification) is minted with its date and participant, governed by that article.
restates     a sentence restates a provision's duty: it names at least two of the bodies the provision names
             and one of its legal acts (認定, 認可, 意見を聴く, 協議 …), and that provision is the single best
             match (「CSTI及び科学技術・学術審議会の意見を聴き、…認定」 restates Article 4(4)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.dates import DateMention, find_dates
from ingest.legal.numbers import PARAGRAPH, Path
from ingest.legal.resolve import passage_at, provision_iri
from ingest.link import Linker
from ingest.records import Extraction, Mention, Passage
from ingest.vocab import Vocabulary
from kg.iris import Iris, slugify

if TYPE_CHECKING:
    from ingest.legal import LegalExtraction

SUBJECT_TYPES = ("Program", "Event")
_ORG_TYPES = ("University", "Organization", "ResearchInstitute", "Agency", "Council")
_BASIS = re.compile(r"\s*(?:\([^)]{0,30}\))?\s*(?:の規定)?(?:に基づ|により|の下で)")
_DEFINED = re.compile(r"以下(?:この(?:条|項|号)において)?(?:単に)?「(?P<term>[^」]{2,40})」という")
_ACT_ESTABLISHED = re.compile(r"(?P<act>[\u4e00-\u9fff]{2})を受けることができる")
_ACT_EN = {"認定": "Certification", "認可": "Approval", "指定": "Designation", "選定": "Selection", "登録": "Registration"}
_WRAP_CHARS = 40  # a PDF line this long that breaks before a blank line was wrapped, not ended
_CLOSERS = ("。", ")", "）", "」")
_WRAPS = ("の", "を", "に", "は", "が", "で", "と", "、", "・", "及び", "並びに")
_ACT_WORDS = ("認定", "認可", "意見を聴", "協議", "公表", "取り消", "取消し", "指定", "届出", "報告")


@dataclass
class Link:
    subject: str  # entity IRI
    target: str  # provision or law IRI
    passage: int
    start: int  # the evidence sentence
    end: int
    rule: str


@dataclass
class LegalEvent:
    """A legal act reported in running text (a certification, an approval), minted as an event."""

    iri: str
    labels: dict[str, str]
    passage: int
    start: int
    end: int
    date: DateMention | None = None
    participants: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of running text: up to each 「。」, and a line break ends one unless it is a PDF wrap — the
    line ends mid-phrase (の, を, 、 …), the next starts with 「・」「、」, or a blank line follows a long line
    that does not close (「…法第4条第4項の\n\n規定に基づき…」). Offsets exclude surrounding whitespace."""
    out: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(r"。(?![)）」])|\n\s*", text[start:end]):
        pos = start + m.start()
        if m.group(0) == "。":
            out.append((s, pos + 1))
            s = pos + 1
            continue
        line = text[text.rfind("\n", 0, pos) + 1 : pos].strip()
        nxt = text[start + m.end() : start + m.end() + 1]
        blank = m.group(0).count("\n") > 1
        wrapped = (
            line.endswith(_WRAPS)
            or nxt in ("・", "、", "。", ")", "）")
            or (blank and len(line) >= _WRAP_CHARS and not line.endswith(_CLOSERS))
        )
        if not wrapped:
            out.append((s, pos))
            s = start + m.end()
    out.append((s, end))
    spans = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in out]
    return [(a, b) for a, b in spans if a < b]


def find_links(text: str, passages: list[Passage], ex: Extraction, legal: LegalExtraction, iris: Iris,
               vocab: Vocabulary) -> tuple[list[Link], list[LegalEvent]]:  # fmt: skip
    """Governing links and minted legal events of one document (see module doc)."""
    quoted = sorted((p.node.start, p.node.end) for p in legal.provisions if len(p.node.path) == 1)
    running = _running_sentences(text, passages, quoted)
    mentions = sorted(ex.mentions, key=lambda m: m.start)
    links: list[Link] = []
    links += _cited(running, mentions, legal)
    links += _law_basis(running, mentions, text)
    links += _defined(text, legal, ex, vocab, passages)
    events = _acts(running, mentions, text, legal, ex, iris, vocab)
    links += [Link(ev.iri, t, ev.passage, ev.start, ev.end, "legal:act") for ev, t in events]
    legal_events = list({ev.iri: ev for ev, _ in events}.values())
    links += _restates(running, mentions, legal, legal_events)
    seen: set[tuple[str, str, int]] = set()
    unique = []
    for link in links:
        if (link.subject, link.target, link.start) not in seen:
            seen.add((link.subject, link.target, link.start))
            unique.append(link)
    return unique, legal_events


@dataclass
class _Sentence:
    passage: int
    start: int
    end: int


def _running_sentences(text: str, passages: list[Passage], quoted: list[tuple[int, int]]) -> list[_Sentence]:
    """Sentences outside quoted statute text; a sentence may run past a passage boundary, so its passage is
    the one it starts in (its offsets stay exact)."""
    out = []
    cursor = 0
    for a, b in [*quoted, (len(text), len(text))]:
        for s, e in sentences(text, cursor, a):
            passage = passage_at(passages, s)
            if passage is not None:
                out.append(_Sentence(passage, s, e))
        cursor = max(cursor, b)
    return out


def _in(ms: list[Mention], s: _Sentence, types: tuple[str, ...]) -> list[Mention]:
    return [m for m in ms if s.start <= m.start < s.end and m.type in types]


def _subjects(ms: list[Mention], s: _Sentence) -> list[str]:
    return list(dict.fromkeys(m.key for m in _in(ms, s, SUBJECT_TYPES)))


def _cited(running: list[_Sentence], ms: list[Mention], legal: LegalExtraction) -> list[Link]:
    links = []
    refs = [r for r in legal.references if r.source is None and r.targets]
    for s in running:
        here = [r for r in refs if s.start <= r.ref.start < s.end]
        for subject in _subjects(ms, s) if here else []:
            links += [Link(subject, t.iri, s.passage, s.start, s.end, "legal:cited") for r in here for t in r.targets]
    return links


def _law_basis(running: list[_Sentence], ms: list[Mention], text: str) -> list[Link]:
    links = []
    for s in running:
        laws = [m for m in _in(ms, s, ("Law", "Ordinance")) if _BASIS.match(text, m.end, s.end)]
        for law in laws:
            links += [Link(k, law.key, s.passage, s.start, s.end, "legal:law") for k in _subjects(ms, s)]
    return links


def _entity_named(term: str, ex: Extraction, vocab: Vocabulary) -> str | None:
    """The program a defined term names: one the document mentions under that name, or a curated one."""
    for e in ex.entities.values():
        if e.type == "Program" and (e.labels.get("ja") == term or any(a == term for a, _ in e.alt_labels)):
            return e.iri
    entry = vocab.lookup(term, "Program")
    return entry.iri if entry else None


def _defined(text: str, legal: LegalExtraction, ex: Extraction, vocab: Vocabulary, passages: list[Passage]) -> list[Link]:
    links = []
    for p in legal.provisions:
        if p.law.type != "Law":
            continue
        for m in _DEFINED.finditer(text, p.node.body, p.node.own_end):
            subject = _entity_named(m.group("term"), ex, vocab)
            passage = passage_at(passages, m.start())
            if subject is None or passage is None:
                continue
            s = max(text.rfind("。", p.node.body, m.start()) + 1, p.node.body)
            close = re.compile(r"。(?![)）])").search(text, m.end(), p.node.own_end)
            article = provision_iri(legal_base(p.iri), p.law, p.node.path[:1])
            links.append(Link(subject, article, passage, s, close.end() if close else p.node.own_end, "legal:defined"))
    return links


def legal_base(provision: str) -> str:
    """The service base of a provision IRI ({base}/law/{law}/{path})."""
    return provision.rsplit("/law/", 1)[0]


def _established_acts(legal: LegalExtraction, text: str) -> dict[str, tuple[str, Path, str]]:
    """Legal acts a quoted statute provides for — 「…の認定を受けることができる」 — by act word:
    (law IRI, article path, provision IRI of that article)."""
    acts: dict[str, tuple[str, Path, str]] = {}
    for p in legal.provisions:
        if p.law.type == "Law" and p.node.level == PARAGRAPH:
            for m in _ACT_ESTABLISHED.finditer(re.sub(r"\s+", "", text[p.node.body : p.node.own_end])):
                article = p.node.path[:1]
                acts.setdefault(m.group("act"), (p.law.iri, article, provision_iri(legal_base(p.iri), p.law, article)))
    return acts


def _acts(running: list[_Sentence], ms: list[Mention], text: str, legal: LegalExtraction, ex: Extraction, iris: Iris,
          vocab: Vocabulary) -> list[tuple[LegalEvent, str]]:  # fmt: skip
    """「<大臣>が<organisation>を<term>に<act>」 where a quoted statute provides for <act>: an event."""
    acts = _established_acts(legal, text)
    if not acts:
        return []
    pattern = re.compile(rf"を(?P<term>[^、。を]{{2,30}}?)に(?P<act>{'|'.join(map(re.escape, acts))})")
    linker = Linker(vocab, iris)
    out = []
    for s in running:
        for org in _in(ms, s, _ORG_TYPES):
            m = pattern.match(text, org.end, s.end)
            if not m or not re.search(r"が\s*$", text[max(s.start, org.start - 3) : org.start]):
                continue
            act, term = m.group("act"), m.group("term")
            # The act's own line is its evidence: a sentence in a PDF timeline may hold several events.
            start = max(s.start, text.rfind("\n", 0, org.start) + 1)
            line_end = text.find("\n", m.end(), s.end)
            end = line_end if line_end >= 0 else s.end
            entity = ex.entities.get(org.key)
            org_en = entity.labels.get("en") if entity else None  # curated or glossed by the linker
            program = _entity_named(term, ex, vocab)
            name = f"{org.surface}の{term}{act}"
            dates = [d for d in find_dates(text[m.end() : s.end]) if d.start < 12]
            date = dates[0] if dates else None
            labels = {"ja": name}
            program_en = vocab.entries[program].labels.get("en") if program in vocab.entries else None
            what = f"under the {program_en}" if program_en else f"as {linker.labels_for(term).get('en', term)}"
            labels["en"] = f"{_ACT_EN.get(act, act)} of {org_en or linker.labels_for(org.surface).get('en', org.surface)} {what}"
            iri = iris.entity("Event", slugify(f"{name}-{date.iso}" if date else name))
            ev = LegalEvent(iri, labels, s.passage, start, end, date, [org.key], [program] if program else [])
            out.append((ev, acts[act][2]))
    return out


def _features(ms: list[Mention], start: int, end: int, text: str) -> tuple[set[str], set[str]]:
    bodies = {m.key for m in ms if start <= m.start < end and m.type in _ORG_TYPES}
    squeezed = re.sub(r"\s+", "", text[start:end])
    return bodies, {w for w in _ACT_WORDS if w in squeezed}


def _restates(running: list[_Sentence], ms: list[Mention], legal: LegalExtraction, events: list[LegalEvent]) -> list[Link]:
    candidates = []
    for p in legal.provisions:
        if p.law.type == "Law" and p.node.level >= PARAGRAPH:
            bodies, acts = _features(ms, p.node.body, p.node.own_end, legal.text)
            if len(bodies) >= 2 and acts:
                candidates.append((p, bodies, acts))
    units = [(s, _subjects(ms, s)) for s in running] + [(_Sentence(ev.passage, ev.start, ev.end), [ev.iri]) for ev in events]
    links = []
    for s, subjects in units:
        bodies, acts = _features(ms, s.start, s.end, legal.text)
        scored = sorted(
            ((len(bodies & b) + len(acts & a), p) for p, b, a in candidates if len(bodies & b) >= 2 and acts & a),
            key=lambda x: -x[0],
        )
        if not subjects or not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue
        links += [Link(k, scored[0][1].iri, s.passage, s.start, s.end, "legal:restates") for k in subjects]
    return links
