"""A statistical ranker of whose money a budget line is: of the programs and bodies named near an amount, which one.

The budget rules pick an amount's subject by where names stand (on its line, in the heading above, a few lines
up) and were written from the opened development sets; on unseen layouts they pick the body on a table row
(国際共同研究加速枠 JST 最大5億円 → JST) or a name from the paragraph before. This model scores each candidate from what
the blind annotators marked: where the candidate stands relative to the amount (same line before or after it, lines
above), what lies between (other amounts, other names, a sentence end, the words joining them), whether it gives or
takes the money, its type, how often the document names it, whether it is a program the document is about (such a
program is a candidate wherever it is named), and whether the rules chose it. It is a maximum-entropy classifier
(CRFsuite on sequences of one item) giving the probability that a candidate is the subject.

It is trained on the opened sets' gold (``name_model.TRAINING_SETS``) by ``kg train subjects`` and ships as
``MODEL_PATH``.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.extract import crf
from ingest.extract.name_model import tokens

MODEL_PATH = Path(__file__).parent / "models" / "subjects.crfsuite"
SUBJECT_TYPES = ("Program", "Agency", "Organization", "ResearchInstitute", "University", "Council")
LINES_ABOVE = 8  # candidates named up to this many lines above the amount's line
TOPIC_SHARE = 0.2  # chosen by the cross-validation (0.15–0.3 alike); the corpus's surveys of many programs stay below it
# Strong L1 (chosen by cross-validation, 0.2 fitted the opened sets' layouts): few features decide.
TRAINING_PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 200}
# (the text is NFKC-normalized: half-width digits and brackets, ideographic spaces as spaces)
_AMOUNT = re.compile(r"\d[\d,.]*\s*(?:億|万|千|百万)?円|\d{1,3}(?:,\d{3})+")
# 「米国カブリ財団からの約14億円」「…補助金を財源として」: whose money it was; 「…への」「…に対する」: who gets it
_GIVER = re.compile(r"\s*(?:\([^)]{1,20}\))?(?:から|[」』]?を財源)")
_TAKER = re.compile(r"\s*(?:\([^)]{1,20}\))?(?:への|に対する|に対し)")
_HEADING = re.compile(r"^\s*(?:[■□●○◆◇▼▽・※【\[(]|\d+[.)]|第[\d一二三四五六七八九十]+)")

Sample = tuple[dict[str, Any], str]  # one candidate's features, "yes" if it is the gold subject else "no"


@dataclass(frozen=True)
class Named:
    """A name in the document: its offsets, type and the entity it names."""

    start: int
    end: int
    type: str
    key: str


@dataclass(frozen=True)
class Line:
    """A budget amount to find the subject of: its offsets and the subject the rules chose."""

    start: int
    end: int
    rule: str | None


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _words(text: str) -> set[str]:
    """Sudachi's short units of a text, digits folded."""
    return {re.sub(r"\d+", "0", t.surface) for t in tokens(text) if t.surface.strip()} if text.strip() else set()


def candidates(text: str, amount: Line, names: list[Named]) -> dict[str, Named]:
    """The entities named on the amount's line or up to ``LINES_ABOVE`` lines above it, each by its mention nearest
    the amount (before it if any)."""
    first = _line_start(text, amount.start)
    top = first
    for _ in range(LINES_ABOVE):
        if top == 0:
            break
        top = _line_start(text, top - 1)
    last = _line_end(text, amount.end)
    out: dict[str, Named] = {}
    for n in sorted(names, key=lambda n: n.start):
        if n.type not in SUBJECT_TYPES or not (top <= n.start < last) or (n.start < amount.end and n.end > amount.start):
            continue
        held = out.get(n.key)
        if held is None or (n.end <= amount.start and (held.end > amount.start or n.end > held.end)):
            out[n.key] = n
    for key in topics(text, names):  # the program the document is about, wherever it is named
        out.setdefault(key, next(n for n in names if n.key == key))
    return out


def topics(text: str, names: list[Named]) -> list[str]:
    """The programs the document is about: those named in its first lines (the title), and the one named most if it
    is named in at least ``TOPIC_SHARE`` of the places a program is (a long survey of many programs has none)."""
    programs = [n for n in names if n.type == "Program"]
    if not programs:
        return []
    title_end = 0
    for _ in range(4):
        title_end = _line_end(text, title_end) + 1
    counts: dict[str, int] = {}
    for n in programs:
        counts[n.key] = counts.get(n.key, 0) + 1
    most = max(counts, key=lambda k: counts[k])
    dominant = [most] if counts[most] >= 2 and counts[most] >= TOPIC_SHARE * len(programs) else []
    return list(dict.fromkeys([*(n.key for n in programs if n.start < title_end), *dominant]))


def features(text: str, amount: Line, n: Named, rivals: list[Named], mentions: int, topic: list[str]) -> dict[str, Any]:
    """Where a candidate stands relative to the amount, what lies between, its type, words and salience in the
    document (``mentions``: how often it is named; ``topic``: the programs the document is about), and whether the
    rules chose it."""
    first, last = _line_start(text, amount.start), _line_end(text, amount.end)
    before = n.end <= amount.start
    if first <= n.start < last:
        place = "line-before" if before else "line-after"
    elif n.start < first:
        place = f"up{_bucket(text.count(chr(10), n.start, first), (1, 2, 4, 8))}"
    else:
        place = "below"
    gap = text[n.end : amount.start] if before else text[amount.end : n.start]
    lo, hi = (n.end, amount.start) if before else (amount.end, n.start)
    between = [r for r in rivals if r.key != n.key and lo <= r.start and r.end <= hi]
    kind = "Program" if n.type == "Program" else "Body"
    f: dict[str, Any] = {
        "bias": 1.0,
        "type": n.type,
        "place": place,
        "type|place": f"{kind}|{place}",
        "chars": _bucket(len(gap), (0, 2, 6, 15, 40, 100, 400)),
        "amounts_between": _bucket(len(_AMOUNT.findall(gap)), (0, 1, 2)),
        "names_between": _bucket(len(between), (0, 1, 3)),
        "programs_between": _bucket(sum(r.type == "Program" for r in between), (0, 1)),
        "sentence_end_between": "。" in gap,
        "heads_line": not text[_line_start(text, n.start) : n.start].strip(" 　・○●■□◆◇-"),
        "heading_line": _HEADING.match(text, _line_start(text, n.start)) is not None,
        "giver": _GIVER.match(text, n.end) is not None,
        "taker": _TAKER.match(text, n.end) is not None,
        "after": text[n.end : n.end + 1] or "<end>",
        "after2": text[n.end : n.end + 2],
        "before1": text[n.start - 1 : n.start] if n.start else "<start>",
        "rule": amount.rule == n.key,
        "rule_none": amount.rule is None,
        "nearest_of_kind": not any(r.type == n.type for r in between),
        "mentions": _bucket(mentions, (1, 2, 4, 8)),
        "topic": n.key in topic,
        "topic_first": bool(topic) and n.key == topic[0],
    }
    # 「このうち」「を通じて」「負担額として」: what joins name and amount (sorted: the same features in the same order
    # give the same model bytes)
    for w in sorted(_words(gap[:12]) | _words(gap[-12:])):
        f[f"gap:{w}"] = 1.0
    f["rule|place"] = f"{f['rule']}|{place}"
    f["topic|place"] = f"{f['topic']}|{place}"
    return f


@dataclass(frozen=True)
class Case:
    """A gold budget line the rules also found (same value and currency): its candidates' features, which of them
    name the gold's subject, and the rules' choice."""

    doc: str
    candidates: tuple[tuple[str, dict[str, Any]], ...]  # (entity key, features)
    gold: frozenset[str]  # the candidates naming the gold's subject (none: the subject is not named nearby)
    gold_named: bool  # the gold names a subject at all
    rule: str | None
    rule_right: bool
    share: bool  # an agency's share of a program's budget (the ranker leaves those alone)


def described(text: str, amount: Line, names: list[Named]) -> list[tuple[str, dict[str, Any]]]:
    """(entity key, features) of each candidate subject of an amount."""
    found = candidates(text, amount, names)
    rivals, topic = list(found.values()), topics(text, names)
    counts = Counter(n.key for n in names)
    return [(key, features(text, amount, n, rivals, counts[key], topic)) for key, n in found.items()]


def samples(text: str, amount: Line, names: list[Named], gold: set[str], names_of: dict[str, set[str]]) -> Iterator[Sample]:
    """One sample per candidate of an amount: "yes" if it names the gold's subject. An amount none of whose candidates
    is its subject teaches the model too: there, the best candidate is still not the subject."""
    for key, f in described(text, amount, names):
        yield f, "yes" if names_of.get(key, set()) & gold else "no"


def cases(sets: Iterable[str], root: Path | None = None) -> Iterator[tuple[str, Case]]:
    """(set, case) for every gold budget line of ``sets`` that the rules found, paired by value and currency (the same
    fiscal year first) as the extraction evaluation pairs them; the ranker itself is left out of the pipeline."""
    from tqdm import tqdm

    from ingest.extract.evaluate_sets import ROOT, _entity_names, _gold_entity_names, _named, documents
    from ingest.load import load_path
    from ingest.pipeline import process
    from ingest.vocab import load_vocabulary
    from kg.iris import Iris
    from kg.settings import load_settings

    settings = load_settings()
    iris = Iris(settings.base_iri)
    vocab = load_vocabulary(settings.ontology_dir, iris)
    pairs = [(s, pair) for s in sets for pair in documents(s, root or ROOT)]
    for set_name, (path, gold) in tqdm(pairs, desc="documents", unit="doc", disable=None):
        p = process(load_path(path), vocab, iris, disable=frozenset({"budget_subjects"}))
        names = [Named(m.start, m.end, m.type, m.key) for m in p.extraction.mentions if m.key]
        names_of = {key: _entity_names(p, key) for key in {n.key for n in names}}
        known = _gold_entity_names(gold.get("entities", []))
        budgets = p.extraction.budgets
        used: set[int] = set()
        for g in gold.get("budgets", []):
            want = (str(g.get("value")), g.get("currency", "JPY"))
            same = [i for i, b in enumerate(budgets) if i not in used and (b.value, b.currency) == want]
            if not same:
                continue
            i = min(same, key=lambda j: budgets[j].fiscal_year != g.get("fiscal_year"))
            used.add(i)
            b, subject = budgets[i], _named(g.get("subject_names") or [], known)
            found = described(p.doc.text, Line(b.start, b.end, b.subject), names)
            yield (
                set_name,
                Case(
                    path.name,
                    tuple(found),
                    frozenset(key for key, _ in found if names_of.get(key, set()) & subject),
                    bool(subject),
                    b.subject,
                    bool(_entity_names(p, b.subject) & subject),
                    b.recipient is not None,
                ),
            )


def case_samples(case: Case) -> Iterator[Sample]:
    """A case's training samples: each candidate, "yes" if it names the gold's subject."""
    for key, f in case.candidates:
        yield f, "yes" if key in case.gold else "no"


def training_data(sets: Iterable[str], root: Path | None = None) -> Iterator[Sample]:
    """The samples of every case of ``sets``."""
    for _, case in cases(sets, root):
        yield from case_samples(case)


def train(data: Iterable[Sample], path: Path = MODEL_PATH) -> int:
    """Train on (features, yes/no) samples and write the model atomically; returns the number of samples."""
    return crf.train((([x], [y]) for x, y in data), TRAINING_PARAMS, path, "no training samples")


class SubjectModel:
    """A trained model: ``rank(text, amount, names)`` scores each candidate subject of an amount."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        self._tagger = crf.open_tagger(path, f"no subject model at {path}: run `kg train subjects`")
        self._lock = threading.Lock()  # the probability reads the tagger's last item

    def probability(self, f: dict[str, Any]) -> float:
        """The probability that the candidate these features describe is the amount's subject."""
        with self._lock:
            self._tagger.set([f])
            return self._tagger.marginal("yes", 0)

    def rank(self, text: str, amount: Line, names: list[Named]) -> list[tuple[float, str]]:
        """(probability of being the subject, entity key) of each candidate, likeliest first."""
        return self.rank_described(described(text, amount, names))

    def rank_described(self, found: Iterable[tuple[str, dict[str, Any]]]) -> list[tuple[float, str]]:
        """The same for candidates already described: (entity key, features)."""
        return sorted(((self.probability(f), key) for key, f in found), reverse=True)


def choose(ranked: list[tuple[float, str]], rule: str | None, confidence: float) -> str | None:
    """The subject the ranker puts in place of the rules' one: its likeliest candidate, if it is another and at least
    ``confidence`` probable; else None (the rules' choice stands)."""
    if ranked and ranked[0][0] >= confidence and ranked[0][1] != rule:
        return ranked[0][1]
    return None


@lru_cache(maxsize=1)
def default_model() -> SubjectModel:
    """The shipped model, loaded once per process."""
    return SubjectModel()
