"""Extraction quality against the hand-labelled gold set in ``tests/data/extraction/``.

Entities are compared per document: a gold entity is found when the system has an entity of the same
group in that document one of whose names (labels, aliases, surfaces) equals one of the gold names.
Budgets must match on value and currency, and are correct only if fiscal year and subject match too.
Relations must match on predicate and on a name of each side. GiNZA alone is the baseline.

An evaluation set is a directory of documents and their gold (``load_set``): ``corpus`` is the five corpus
documents with the gold in ``tests/data/extraction/*.jsonl``, plus the held-out fixture written for it; any other
name is a folder ``tests/data/extraction/sets/<name>/`` (or a path) holding documents (``*.txt``, ``*.html``,
``*.pdf`` …) with a gold JSON per document (``<stem>_gold.json``: ``{"entities", "budgets", "relations"}`` as in
``heldout_gold.json``) and/or ``entities.jsonl``/``budgets.jsonl``/``relations.jsonl`` naming each line's ``doc``.
``ablate`` runs a set with each optional extraction component disabled in turn.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.extract.ner import LABEL_MAP, load_nlp
from ingest.extract.pipeline import optional_components
from ingest.load import MEDIA_TYPES, load_path
from ingest.pipeline import Processed, process
from ingest.records import Document
from ingest.vocab import Vocabulary
from kg.errors import BadRequest
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
    "City": "Place",
    "Law": "Law",
    "Ordinance": "Law",
    "Event": "Event",
    "Meeting": "Event",
    "Person": "Person",
    "Post": "Post",
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
    missed_in: Counter[str] = field(default_factory=Counter)  # document → gold items not found
    wrong_in: Counter[str] = field(default_factory=Counter)  # document → system items that are wrong

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
        if iri not in surfaces or "ResearchProject" in e.extra_types:
            continue  # this guide does not annotate individual research-project titles
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
                s.missed_in[doc] += 1
        for group, names in sys_items:
            if group not in {GROUPS[g["type"]] for g in gold}:
                continue
            s = scores[group]
            s.system += 1
            if any(gg == group and names & gn for gg, gn, _ in items):
                s.tp_sys += 1
            else:
                s.wrong.append(f"{doc[:3]} {sorted(names)[0]}")
                s.wrong_in[doc] += 1
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
                s.wrong_in[doc] += 1
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
                s.wrong_in[doc] += 1
                s.missed_in[doc] += 1
        s.gold += len(golds)
        s.misses += [f"{doc[:3]} {g['stated_as']}" for i, g in enumerate(golds) if i not in used]
        s.missed_in[doc] += len(golds) - len(used)
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
    labelled = {g["predicate"] for g in gold}
    for doc, p in processed.items():
        names = _names_by_iri(p, vocab)
        # Relations between entities only: attribute facts (an event's date) are not in the relation gold, and
        # neither are kinds of relation this gold set does not label (a person's post, a meeting's chair).
        facts = [
            (f.predicate.removeprefix(ont), names.get(f.subject, set()), names.get(str(f.obj), set()))
            for f in p.extraction.facts
            if f.datatype is None and f.predicate.removeprefix(ont) in labelled
        ]
        facts = list({(pr, frozenset(a), frozenset(b)) for pr, a, b in facts})
        golds = [(g["predicate"], gold_names(g["subject_names"]), gold_names(g["object_names"])) for g in gold if g["doc"] == doc]
        s.gold += len(golds)
        for pred, subj, obj in golds:
            if any(pred == fp and subj & fs and obj & fo for fp, fs, fo in facts):
                s.tp_gold += 1
            else:
                s.misses.append(f"{doc[:3]} {pred} {sorted(subj)[0]} → {sorted(obj)[0]}")
                s.missed_in[doc] += 1
        for fp, fs, fo in facts:
            s.system += 1
            if any(fp == pred and fs & subj and fo & obj for pred, subj, obj in golds):
                s.tp_sys += 1
            else:
                s.wrong.append(f"{doc[:3]} {fp} {sorted(fs)[:1]} → {sorted(fo)[:1]}")
                s.wrong_in[doc] += 1
    return s


@dataclass
class EvalSet:
    """Documents and their gold: entities, budgets and relations, each line naming its ``doc``."""

    name: str
    title: str
    documents: list[Path]
    entities: list[dict[str, Any]]
    budgets: list[dict[str, Any]]
    relations: list[dict[str, Any]]


def load_set(name: str, gold_dir: Path, corpus: Path) -> list[EvalSet]:
    """The evaluation set(s) a name stands for: ``corpus`` (the five documents, then the held-out fixture written
    for them), a folder under ``<gold_dir>/sets/``, or a path to such a folder."""
    if name == "corpus":
        paths = sorted(corpus.glob("*.txt"))
        if not paths:
            raise BadRequest(f"no *.txt documents in the corpus folder {corpus}", "set KG_CORPUS to the corpus folder")
        docs = {p.name for p in paths}
        return [
            EvalSet(
                "corpus",
                f"corpus ({corpus})",
                paths,
                *(
                    [g for g in read_jsonl(gold_dir / f"{part}.jsonl") if g["doc"] in docs]
                    for part in ("entities", "budgets", "relations")
                ),
            ),
            set_from_directory("heldout", gold_dir, only=[gold_dir / "heldout.txt"]),
        ]
    folder = gold_dir / "sets" / name if (gold_dir / "sets" / name).is_dir() else Path(name)
    if not folder.is_dir():
        known = sorted(p.name for p in (gold_dir / "sets").iterdir() if p.is_dir()) if (gold_dir / "sets").is_dir() else []
        raise BadRequest(
            f"no evaluation set {name!r}: not a folder under {gold_dir / 'sets'} nor a path",
            f"use --set corpus{''.join(', ' + k for k in known)}, or a folder of documents with <name>_gold.json files",
        )
    return [set_from_directory(folder.name, folder)]


def set_from_directory(name: str, folder: Path, only: list[Path] | None = None) -> EvalSet:
    """A folder of documents, each with its ``<stem>_gold.json`` and/or the folder's ``*.jsonl`` gold."""
    documents = only or sorted(
        p for p in folder.iterdir() if p.suffix.lower() in MEDIA_TYPES and not p.name.upper().startswith("README")
    )
    names = {doc.name for doc in documents}
    gold: dict[str, list[dict[str, Any]]] = {"entities": [], "budgets": [], "relations": []}
    for part in gold:
        if (folder / f"{part}.jsonl").is_file():  # lines of documents outside the set are not its gold
            gold[part] += [g for g in read_jsonl(folder / f"{part}.jsonl") if g.get("doc") in names]
    for doc in documents:
        path = folder / f"{doc.stem}_gold.json"
        if not path.is_file():
            if not any(g.get("doc") == doc.name for part in gold.values() for g in part):
                raise BadRequest(f"{doc} has no gold: expected {path.name} or lines with doc={doc.name!r} in *.jsonl")
            continue
        try:
            per_doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise BadRequest(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        for part in gold:
            gold[part] += [{"doc": doc.name, **g} for g in per_doc.get(part, [])]
    if not documents:
        raise BadRequest(f"evaluation set {name!r} ({folder}) holds no documents", f"use one of {', '.join(sorted(MEDIA_TYPES))}")
    where = ", ".join(str(p) for p in only) if only else str(folder)
    return EvalSet(name, f"{name} ({where})", documents, gold["entities"], gold["budgets"], gold["relations"])


def evaluate_set(
    s: EvalSet,
    vocab: Vocabulary,
    iris: Iris,
    baseline: bool = True,
    disable: frozenset[str] = frozenset(),
    loaded: dict[Path, Document] | None = None,
) -> dict[str, Any]:
    """Scores of the pipeline (with ``disable`` left out) and, with ``baseline``, of GiNZA alone on one set."""
    loaded = loaded if loaded is not None else {}
    for path in s.documents:
        if path not in loaded:
            loaded[path] = load_path(path)
    processed = {path.name: process(loaded[path], vocab, iris, disable=disable) for path in s.documents}
    ours = score_entities(s.entities, {doc: system_entities(p) + legal_laws(p, vocab) for doc, p in processed.items()})
    base = score_entities(s.entities, {doc: ginza_entities(p.doc.text) for doc, p in processed.items()}) if baseline else {}
    groups = sorted(set(ours) | set(base))
    return {
        "entities": {group: {"pipeline": ours[group], "ginza": base.get(group, Score())} for group in groups},
        "budgets": score_budgets(s.budgets, processed, vocab),
        "relations": score_relations(s.relations, processed, iris, vocab),
    }


def evaluate(corpus: Path, gold_dir: Path, vocab: Vocabulary, iris: Iris, heldout: bool = False) -> dict[str, Any]:
    """Scores of the pipeline and of the GiNZA baseline on the corpus (or on the held-out fixture)."""
    corpus_set, heldout_set = load_set("corpus", gold_dir, corpus)
    return evaluate_set(heldout_set if heldout else corpus_set, vocab, iris)


def figures(results: dict[str, Any]) -> dict[str, Score]:
    """The pipeline's score per figure: each entity group, budgets, relations."""
    return {**{g: pair["pipeline"] for g, pair in results["entities"].items()}, "budgets": results["budgets"],
            "relations": results["relations"]}  # fmt: skip


def ablate(
    s: EvalSet, vocab: Vocabulary, iris: Iris, names: list[str] | None = None
) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """The full pipeline's figures on a set, and the figures with each optional component disabled in turn."""
    loaded: dict[Path, Document] = {}
    full = figures(evaluate_set(s, vocab, iris, baseline=False, loaded=loaded))
    ablated = {
        name: figures(evaluate_set(s, vocab, iris, baseline=False, disable=frozenset({name}), loaded=loaded))
        for name in (names if names is not None else optional_components())
    }
    return full, ablated


def _short(doc: str) -> str:
    """000_0333332f07b89a48.txt → 000, heldout.txt → heldout."""
    return doc.split("_")[0].rsplit(".", 1)[0]


def _docs(counts: Counter[str]) -> str:
    return " ".join(f"{_short(doc)}:{n:+d}" for doc, n in sorted(counts.items()) if n)


def ablation_report(title: str, full: dict[str, Score], ablated: dict[str, dict[str, Score]], documents: int) -> str:
    """Per component, the figures that change when it is disabled, with the deltas against the full pipeline and
    the documents where gold items are lost or wrong items appear; a component whose effect is confined to one
    document is listed at the end (a rule that may fit only that document)."""
    lines = [
        f"ablation on {title}: each optional component disabled in turn; only the figures that change are shown",
        f"{'full pipeline':22s} " + "  ".join(f"{g} {sc.precision:.3f}/{sc.recall:.3f}" for g, sc in full.items()),
        f"{'component':22s} {'figure':13s} {'P':>6s} {'R':>6s} {'ΔP':>7s} {'ΔR':>7s}   documents: gold items lost (+) / wrong items added (+)",  # noqa: E501
    ]
    one_document: list[str] = []
    for name, scores in ablated.items():
        lost: Counter[str] = Counter()
        added: Counter[str] = Counter()
        changed = []
        for g, sc in scores.items():
            base = full.get(g, Score())
            lost.update({d: sc.missed_in[d] - base.missed_in[d] for d in set(sc.missed_in) | set(base.missed_in)})
            added.update({d: sc.wrong_in[d] - base.wrong_in[d] for d in set(sc.wrong_in) | set(base.wrong_in)})
            dp, dr = sc.precision - base.precision, sc.recall - base.recall
            if (sc.tp_gold, sc.tp_sys, sc.system) != (base.tp_gold, base.tp_sys, base.system):
                changed.append(f"{g:13s} {sc.precision:6.3f} {sc.recall:6.3f} {dp:+7.3f} {dr:+7.3f}")
        docs = {d for d, n in lost.items() if n} | {d for d, n in added.items() if n}
        where = f"lost {_docs(lost) or '-'}; wrong {_docs(added) or '-'}"
        if not changed:
            lines.append(f"{name:22s} (no figure changes{'' if not docs else ': ' + where})")
            continue
        lines.append(f"{name:22s} {changed[0]}   {where}")
        lines += [f"{'':22s} {row}" for row in changed[1:]]
        if len(docs) == 1:
            one_document.append(f"{name} ({_short(next(iter(docs)))})")
    if documents > 1:
        lines.append(f"effect confined to one document: {', '.join(one_document) or 'none'}")
    return "\n".join(lines)


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
