"""Extraction quality against the hand-labelled gold set in ``tests/data/extraction/``.

Entities are compared per document: a gold entity is found when the system has an entity of the same
group in that document one of whose names (labels, aliases, surfaces) equals one of the gold names.
Budgets must match on value and currency, and are correct only if fiscal year and subject match too.
Relations must match on predicate and on a name of each side. GiNZA alone is the baseline.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.extract.ner import LABEL_MAP, load_nlp
from ingest.load import load_path
from ingest.pipeline import Processed, process
from ingest.vocab import Vocabulary
from kg.iris import Iris

GROUPS = {
    "Program": "Program",
    "Agency": "Organization",
    "Organization": "Organization",
    "University": "Organization",
    "ResearchInstitute": "Organization",
    "Council": "Organization",
    "Country": "Country",
    "Region": "Region",
    "Place": "Place",  # places below the country: one group, whichever class the gold names
    "Prefecture": "Place",
    "Municipality": "Place",
    "Law": "Law",
    "Ordinance": "Law",
    "Event": "Event",
}


# Gold names of dated events end in their date, 「第一回日印大学等フォーラム (2023年1月23日)」; the pipeline keeps
# the date as the event's schema:startDate, not in its name.
_DATE_QUALIFIER = re.compile(r"\s*[(（](?:\d{4}年|令和|平成)[^()（）]*[)）]$")


def norm(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().replace(" ", "").strip()


def gold_names(names: list[str]) -> set[str]:
    return {norm(n) for n in names} | {norm(_DATE_QUALIFIER.sub("", n)) for n in names}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Score:
    tp_gold: int = 0  # gold items found
    gold: int = 0
    tp_sys: int = 0  # system items that are right
    system: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp_sys / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    def row(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "gold": self.gold, "system": self.system}


SystemEntities = dict[str, list[tuple[str, set[str]]]]  # doc → [(group, names)]


def system_entities(p: Processed) -> list[tuple[str, set[str]]]:
    """(group, names) for each entity the pipeline found in a processed document."""
    surfaces: dict[str, set[str]] = defaultdict(set)
    for m in p.extraction.mentions:
        surfaces[m.key].add(norm(m.surface))
    out = []
    for iri, e in p.extraction.entities.items():
        if iri not in surfaces:
            continue
        names = {norm(x) for x in e.labels.values()} | {norm(a) for a, _ in e.alt_labels} | surfaces[iri]
        out.append((GROUPS.get(e.type, e.type), names))
    for ev in getattr(p.extraction, "events", []):
        out.append(("Event", {norm(x) for x in ev.labels.values()}))
    return out


def legal_laws(p: Processed, vocab: Vocabulary) -> list[tuple[str, set[str]]]:
    """Laws and ordinances the legal layer found the document quoting or citing (「法第四条第三項第一号の文部科学省令」
    is the Act's enforcement regulation), with their curated names."""
    out = []
    for iri, law in p.legal.laws.items() if p.legal else []:
        names = {norm(x) for x in law.labels.values()}
        entry = vocab.entries.get(iri)
        if entry is not None:
            names |= {norm(x) for x in entry.labels.values()} | {norm(a) for a, _ in entry.aliases}
        out.append(("Law", names))
    return out


def ginza_entities(text: str) -> list[tuple[str, set[str]]]:
    """The baseline: GiNZA's own entities, mapped to our classes, nothing else."""
    nlp = load_nlp()
    found: dict[tuple[str, str], set[str]] = {}
    paragraphs = [t for t in text.split("\n") if t.strip()]
    for doc in nlp.pipe(paragraphs, batch_size=64):
        for ent in doc.ents:
            cls = LABEL_MAP.get(ent.label_) or ("Event" if ent.label_.startswith("Event") else None)
            if cls:
                group = GROUPS[cls] if cls in GROUPS else cls
                found.setdefault((group, norm(ent.text)), {norm(ent.text)})
    return [(g, names) for (g, _), names in found.items()]


def score_entities(gold: list[dict[str, Any]], system: SystemEntities) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    by_doc: dict[str, list[tuple[str, set[str], str]]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append((GROUPS[g["type"]], gold_names(g["names"]), g["names"][0]))
    for doc, items in by_doc.items():
        sys_items = system.get(doc, [])
        for group, names, label in items:
            s = scores[group]
            s.gold += 1
            if any(sg == group and names & sn for sg, sn in sys_items):
                s.tp_gold += 1
            else:
                s.misses.append(f"{doc[:3]} {label}")
        for group, names in sys_items:
            if group not in {GROUPS[g["type"]] for g in gold}:
                continue
            s = scores[group]
            s.system += 1
            if any(gg == group and names & gn for gg, gn, _ in items):
                s.tp_sys += 1
            else:
                s.wrong.append(f"{doc[:3]} {sorted(names)[0]}")
    return scores


def score_budgets(gold: list[dict[str, Any]], processed: dict[str, Processed], vocab: Vocabulary | None = None) -> Score:
    s = Score()
    for doc, p in processed.items():
        golds = [g for g in gold if g["doc"] == doc]
        names = _names_by_iri(p, vocab)
        used: set[int] = set()
        for b in p.extraction.budgets:
            s.system += 1
            candidates = [i for i, g in enumerate(golds) if i not in used and _same_amount(g, b.value, b.currency)]
            # Among equal amounts prefer the gold line whose evidence surrounds this one.
            near = [i for i in candidates if golds[i].get("evidence") and norm(b.stated_as) in norm(golds[i]["evidence"])]
            match = (near or candidates or [None])[0]
            if match is None:
                s.wrong.append(f"{doc[:3]} {b.stated_as} (not a gold budget)")
                continue
            used.add(match)
            g = golds[match]
            subject_ok = (not g.get("subject_names") and b.subject is None) or (
                bool(g.get("subject_names"))
                and b.subject is not None
                and bool({norm(n) for n in g["subject_names"]} & names.get(b.subject, set()))
            )
            if g.get("fiscal_year") == b.fiscal_year and subject_ok:
                s.tp_sys += 1
                s.tp_gold += 1
            else:
                verdict = "ok" if subject_ok else "wrong"
                s.wrong.append(f"{doc[:3]} {b.stated_as}: fy {b.fiscal_year} vs {g.get('fiscal_year')}, subject {verdict}")
        s.gold += len(golds)
        s.misses += [f"{doc[:3]} {g['stated_as']}" for i, g in enumerate(golds) if i not in used]
    return s


def _same_amount(g: dict[str, Any], value: str, currency: str) -> bool:
    from decimal import Decimal

    return g["currency"] == currency and Decimal(str(g["value"])) == Decimal(value)


def _names_by_iri(p: Processed, vocab: Vocabulary | None = None) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for iri, e in p.extraction.entities.items():
        names[iri] |= {norm(x) for x in e.labels.values()} | {norm(a) for a, _ in e.alt_labels}
        # A curated entity is also known by its abbreviation (stip:abbreviation in the graph): NSF, JST.
        entry = vocab.entries.get(iri) if vocab is not None else None
        names[iri] |= {norm(a) for a in entry.abbreviations} if entry is not None else set()
    for m in p.extraction.mentions:
        names[m.key].add(norm(m.surface))
    return names


def score_relations(
    gold: list[dict[str, Any]], processed: dict[str, Processed], iris: Iris, vocab: Vocabulary | None = None
) -> Score:
    s = Score()
    ont = str(iris.ont)
    for doc, p in processed.items():
        names = _names_by_iri(p, vocab)
        # Relations between entities only: attribute facts (an event's date) are not in the relation gold.
        facts = [
            (f.predicate.removeprefix(ont), names.get(f.subject, set()), names.get(str(f.obj), set()))
            for f in p.extraction.facts
            if f.datatype is None
        ]
        facts = list({(pr, frozenset(a), frozenset(b)) for pr, a, b in facts})
        golds = [(g["predicate"], gold_names(g["subject_names"]), gold_names(g["object_names"])) for g in gold if g["doc"] == doc]
        s.gold += len(golds)
        for pred, subj, obj in golds:
            if any(pred == fp and subj & fs and obj & fo for fp, fs, fo in facts):
                s.tp_gold += 1
            else:
                s.misses.append(f"{doc[:3]} {pred} {sorted(subj)[0]} → {sorted(obj)[0]}")
        for fp, fs, fo in facts:
            s.system += 1
            if any(fp == pred and fs & subj and fo & obj for pred, subj, obj in golds):
                s.tp_sys += 1
            else:
                s.wrong.append(f"{doc[:3]} {fp} {sorted(fs)[:1]} → {sorted(fo)[:1]}")
    return s


def evaluate(corpus: Path, gold_dir: Path, vocab: Vocabulary, iris: Iris, heldout: bool = False) -> dict[str, Any]:
    """Scores of the pipeline and of the GiNZA baseline on the corpus (or on the held-out fixture)."""
    if heldout:
        gold = json.loads((gold_dir / "heldout_gold.json").read_text(encoding="utf-8"))
        paths = [gold_dir / "heldout.txt"]
        ent_gold, budget_gold, rel_gold = gold["entities"], gold["budgets"], gold["relations"]
    else:
        ent_gold = read_jsonl(gold_dir / "entities.jsonl")
        budget_gold = read_jsonl(gold_dir / "budgets.jsonl")
        rel_gold = read_jsonl(gold_dir / "relations.jsonl")
        paths = sorted(corpus.glob("*.txt"))
    processed = {path.name: process(load_path(path), vocab, iris) for path in paths}
    ours = score_entities(ent_gold, {doc: system_entities(p) + legal_laws(p, vocab) for doc, p in processed.items()})
    baseline = score_entities(ent_gold, {doc: ginza_entities(p.doc.text) for doc, p in processed.items()})
    return {
        "entities": {group: {"pipeline": ours[group], "ginza": baseline[group]} for group in sorted(set(ours) | set(baseline))},
        "budgets": score_budgets(budget_gold, processed, vocab),
        "relations": score_relations(rel_gold, processed, iris, vocab),
    }


def report(results: dict[str, Any], verbose: bool = False) -> str:
    lines = [f"{'type':14s} {'P':>6s} {'R':>6s} {'gold':>5s} {'sys':>5s}   | GiNZA alone {'P':>6s} {'R':>6s} {'sys':>5s}"]
    for group, pair in results["entities"].items():
        ours, base = pair["pipeline"], pair["ginza"]
        lines.append(
            f"{group:14s} {ours.precision:6.3f} {ours.recall:6.3f} {ours.gold:5d} {ours.system:5d}   |             "
            f"{base.precision:6.3f} {base.recall:6.3f} {base.system:5d}"
        )
    for name in ("budgets", "relations"):
        s = results[name]
        lines.append(
            f"{name:14s} {s.precision:6.3f} {s.recall:6.3f} {s.gold:5d} {s.system:5d}   |   (no baseline: GiNZA has none)"
        )
    if verbose:
        for group, pair in results["entities"].items():
            lines += [f"  miss {group}: {m}" for m in pair["pipeline"].misses]
            lines += [f"  wrong {group}: {w}" for w in pair["pipeline"].wrong]
        for name in ("budgets", "relations"):
            lines += [f"  miss {name}: {m}" for m in results[name].misses]
            lines += [f"  wrong {name}: {w}" for w in results[name].wrong]
    return "\n".join(lines)
