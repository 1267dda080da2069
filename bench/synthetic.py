"""Synthetic corpora N times the real one, for the growth benchmark: every document is a seeded variant.

A variant changes the numbers (same width, plausible ranges: years stay years, months months), swaps the
curated names (agencies, programs, universities, places…) for others of the same class, and swaps a few
policy words for synonyms; a line still unchanged gets a variant's organisation name, so no passage or
window of a variant is the corpus's text and none hits the embedding cache. Deterministic: same seed,
same bytes.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

VOCAB_DIR = Path(__file__).resolve().parent.parent / "ontology" / "vocab"
SYNONYMS = [("推進", "促進"), ("強化", "拡充"), ("支援", "援助"), ("重要", "肝要"), ("取組", "施策"),
            ("充実", "拡大"), ("構築", "整備"), ("展開", "実施"), ("連携", "協働"), ("活用", "利用")]  # fmt: skip
DIGITS = re.compile(r"[0-9０-９]+")
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@cache
def vocabulary_names() -> dict[str, tuple[str, ...]]:
    """Japanese names (3+ characters) of the curated vocabularies, by class."""
    graph = Graph()
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle", publicID="http://example.org/")
    by_class: dict[str, set[str]] = {}
    for subject, _, cls in graph.triples((None, RDF.type, None)):
        for label in graph.objects(subject, SKOS.prefLabel):
            if getattr(label, "language", None) == "ja" and len(str(label)) >= 3:
                by_class.setdefault(str(cls), set()).add(unicodedata.normalize("NFKC", str(label)))
    return {cls: tuple(sorted(names)) for cls, names in by_class.items() if len(names) >= 2}


def _number(match: re.Match[str], rng: random.Random) -> str:
    text = match.group()
    full = not text.isascii()
    value = int(unicodedata.normalize("NFKC", text))
    if 1900 <= value <= 2100:
        new = value + rng.choice([-3, -2, -1, 1, 2, 3])
    elif 1 <= value <= 12:
        new = rng.randint(1, 12)
    elif 13 <= value <= 31:
        new = rng.randint(13, 28)
    else:
        new = rng.randint(10 ** (len(text) - 1) if len(text) > 1 else 0, 10 ** len(text) - 1)
    out = str(new)
    return out.translate(FULL) if full else out


def variant(text: str, seed: int) -> str:
    """One variant of a document's text: numbers, curated names and some words changed, seeded."""
    rng = random.Random(seed)
    mapping: dict[str, str] = {}
    for names in vocabulary_names().values():
        shuffled = list(names)
        rng.shuffle(shuffled)
        mapping.update(zip(names, shuffled, strict=True))
    for old, new in SYNONYMS:
        if rng.random() < 0.5:
            mapping[old] = new
    names = [n for n in sorted(mapping, key=len, reverse=True) if mapping[n] != n]
    pattern = re.compile("|".join(map(re.escape, names))) if names else None
    orgs = vocabulary_names().get("http://example.org/ontology#ResearchAgency") or next(iter(vocabulary_names().values()))
    lines, source = [], text.split("\n")
    for i, line in enumerate(source):
        new = DIGITS.sub(lambda m: _number(m, rng), line)
        if pattern is not None:
            new = pattern.sub(lambda m: mapping[m.group()], new)
        if new == line and len(line.strip()) >= 10:  # nothing to swap: name a partner, so the text still differs
            org = rng.choice(orgs)  # at a clause or sentence end only: a PDF line may end inside a word
            if "、" in line:
                new = line.replace("、", f"、{org}と連携し、", 1)
            elif line.rstrip().endswith("。"):
                new = f"{line.rstrip()[:-1]}（{org}）。"
            elif i + 1 == len(source) or not source[i + 1].strip():  # a heading or a paragraph's last line
                new = f"{line.rstrip()}（{org}）"
        lines.append(new)
    return "\n".join(lines)


def sources(corpus: Path) -> list[Path]:
    """The corpus's documents, smallest first (a fractional factor takes the small ones)."""
    return sorted((p for p in corpus.iterdir() if p.is_file() and p.suffix in {".txt", ".md"}), key=lambda p: p.stat().st_size)


def build_corpus(corpus: Path, factor: float, out: Path, seed: int = 0) -> list[Path]:
    """Write round(factor × corpus size) variant documents into ``out``; returns their paths."""
    docs = sources(corpus)
    count = max(1, round(factor * len(docs)))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for j in range(count):
        src = docs[j % len(docs)]
        copy = j // len(docs) + 1  # copy 1, 2, …: never the corpus's own text
        path = out / f"{j:04d}_{src.stem}_v{copy}{src.suffix}"
        path.write_text(variant(src.read_text(encoding="utf-8"), seed * 100_003 + copy * 101 + j), encoding="utf-8")
        written.append(path)
    return written
