"""Provision references against the labelled list (tests/data/legal/references.jsonl): ours and jlawcite's.

For our parser a reference counts when it is found at the labelled offset with the labelled surface and
resolves to exactly the labelled provisions (from the labelled provision around it). jlawcite resolves
nothing without its e-Gov database (a download that cannot be reached here), so it is scored on reading
only: the same span, and the same article/paragraph/item numbers or relative word. It is run on the
normalized text as ingest sees it (NFKC: ASCII parentheses) and, to be fair to it, with full-width ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.extract import extract
from ingest.legal import read_legal
from ingest.legal.citations import squeeze
from ingest.legal.numbers import path_slug, to_int
from ingest.load import load_path
from ingest.normalize import normalize
from ingest.segment import passages as segment
from ingest.vocab import Vocabulary
from kg.iris import Iris


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # found but not labelled

    def to_json(self) -> dict[str, object]:
        return {"total": self.total, "correct": self.correct, "misses": self.misses, "extra": self.extra}


def load_gold(folder: Path) -> list[dict[str, object]]:
    lines = (folder / "references.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def evaluate(corpus: Path, gold: list[dict[str, object]], vocab: Vocabulary, iris: Iris) -> dict[str, Score]:
    """Scores of our parser+resolver and of jlawcite (two text variants) over every corpus document."""
    ours, jl_ascii, jl_wide = Score(), Score(), Score()
    by_doc: dict[str, list[dict[str, object]]] = {}
    for row in gold:
        by_doc.setdefault(str(row["doc"]), []).append(row)
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        doc = normalize(load_path(path))
        passages = segment(doc.doc_id, doc.text, 400)
        legal = read_legal(doc.text, passages, extract(doc.text, passages, vocab, iris, use_ginza=False), vocab, iris)
        found = {
            (r.ref.start, r.ref.surface): (
                f"{_slug(r.source.law.iri)}/{path_slug(r.source.node.path)}" if r.source else None,
                [f"{_slug(t.law.iri)}/{path_slug(t.path)}" for t in r.targets],
            )
            for r in legal.references
        }
        labelled = by_doc.get(path.name, [])
        for row in labelled:
            ours.total += 1
            got = found.get((int(row["start"]), str(row["surface"])))  # type: ignore[call-overload]
            if got == (row["in"], row["targets"]):
                ours.correct += 1
            else:
                ours.misses.append(f"{path.name}@{row['start']} {row['surface']!r}: expected {row['targets']}, got {got}")
        keys = {(int(row["start"]), str(row["surface"])) for row in labelled}  # type: ignore[call-overload]
        ours.extra += [f"{path.name}@{s} {surface!r}" for s, surface in found if (s, surface) not in keys]
        for score, wide in ((jl_ascii, False), (jl_wide, True)):
            _score_jlawcite(score, doc.text, labelled, path.name, wide)
    return {"ours": ours, "jlawcite (NFKC text)": jl_ascii, "jlawcite (full-width parentheses)": jl_wide}


def _score_jlawcite(score: Score, text: str, labelled: list[dict[str, object]], name: str, wide: bool) -> None:
    from jlawcite.citation import extract_all

    compact, offsets = squeeze(text, 0, len(text))
    if wide:
        compact = compact.replace("(", "（").replace(")", "）")
    found: dict[tuple[int, int], tuple[object, ...]] = {}
    for kind, refs in extract_all(compact).items():
        for r in refs:
            start, end = offsets[r.span[0]], offsets[r.span[1] - 1] + 1
            if kind == "referential":
                found[(start, end)] = (r.kind, r.paragraph, r.item)
            else:
                found[(start, end)] = (r.article_num, r.paragraph, r.item)
    for row in labelled:
        score.total += 1
        start = int(row["start"])  # type: ignore[call-overload]
        end = start + len(str(row["surface"]))
        expected = _expected_reading(str(row["surface"]), [str(t) for t in row["targets"]])  # type: ignore[union-attr]
        got = found.get((start, end))
        if got is not None and got == expected:
            score.correct += 1
        else:
            near = [f"{compact_text(text, a, b)!r} as {v}" for (a, b), v in found.items() if a < end and start < b]
            score.misses.append(f"{name}@{start} {row['surface']!r}: read {got if got else (near or 'nothing')}")


def compact_text(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", "", text[start:end])


_RELATIVE = re.compile(r"^(前条|次条|同条|前項|次項|同項|前号|次号|同号|この条|この項|この号)")
_TAIL = re.compile(r"第([0-9一二三四五六七八九十]+)(項|号)")
_NUMBERS = re.compile(r"(?:art|para|item)_(\d+)")


def _expected_reading(surface: str, targets: list[str]) -> tuple[object, ...] | None:
    """What a correct reading of the surface is in jlawcite's terms: (relative word, paragraph, item) or
    (article, paragraph, item). None when it has no such form (sub-items, ranges, 各号): then nothing
    jlawcite reads there can count as right."""
    flat = re.sub(r"\s+", "", surface)
    if re.search(r"[イロハニホ]|から|各号", flat) or len(targets) != 1:
        return None
    rel = _RELATIVE.match(flat)
    if rel:
        tail = {unit: to_int(num) for num, unit in _TAIL.findall(flat[rel.end() :])}
        return (rel.group(1), tail.get("項"), tail.get("号"))
    nums = [int(n) for n in _NUMBERS.findall(targets[0].split("/", 1)[1])]
    return (nums[0], nums[1] if len(nums) > 1 else None, nums[2] if len(nums) > 2 else None)
