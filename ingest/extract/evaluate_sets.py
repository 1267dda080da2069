"""Extraction on documents nobody tuned to: the unseen-document sets in ``tests/data/unseen/{dev,test}``.

Each document ``NN_genre.txt`` has a gold file ``NN_genre.gold.json`` written by an annotator who did not write
the rules (format: ``tests/data/unseen/GUIDE.md``). This scores, per set: document metadata per field (genre,
title, publisher, issue date), entities per type (Person, Place and Event included), budgets (value, subject,
fiscal year and status all right), relations, the junk rate (extracted names that match no gold name of any
type) and the English labels by source (curated, from the text, translated with the glossary, romanized).

The ``test`` split is sealed: rule writers run it, never read it.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.extract.evaluate import Score, gold_names, norm
from ingest.load import load_path
from ingest.pipeline import Processed, process
from ingest.vocab import Vocabulary
from kg.iris import Iris

ROOT = Path(__file__).resolve().parents[2] / "tests" / "data" / "unseen"

# System classes → the groups the gold uses.
GROUPS = {
    "Program": "Program", "Agency": "Organization", "Organization": "Organization", "University": "Organization",
    "ResearchInstitute": "Organization", "Council": "Organization", "Country": "Country", "Region": "Region",
    "Law": "Law", "Ordinance": "Law", "Event": "Event", "Meeting": "Event", "Person": "Person",
    "Place": "Place", "Prefecture": "Place", "Municipality": "Place", "City": "Place",
    "IntergovernmentalOrganization": "Organization",
}  # fmt: skip
GOLD_GROUPS = {"Agency": "Organization"}
# Gold budget statuses → the extractor's names for them.
STATUS = {
    "request": "budget request", "budget": "budget", "supplementary": "supplementary budget", "actual": "actual",
    "previous-year": "previous-year budget", "total": "total", "per-award": "per-award", "other": "other",
}  # fmt: skip
PREDICATES = {"holds": "holds", "chair": "chair", "participant": "participant", "location": "location"}
METADATA_FIELDS = ("genre", "title", "publisher", "issued")


@dataclass
class SetReport:
    name: str
    documents: int = 0
    metadata: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in METADATA_FIELDS})
    entities: dict[str, Score] = field(default_factory=dict)
    budgets: Score = field(default_factory=Score)
    budget_misses: Counter[str] = field(default_factory=Counter)  # why each missed gold line was missed
    entity_misses: dict[str, Counter[str]] = field(default_factory=dict)  # type → why its gold names were missed
    entity_wrong: dict[str, Counter[str]] = field(default_factory=dict)  # type → why its extracted names were wrong
    relations: Score = field(default_factory=Score)
    names: int = 0
    junk: list[str] = field(default_factory=list)
    label_sources: Counter[str] = field(default_factory=Counter)
    apart: list[str] = field(default_factory=list)  # divisions, plans, names inside names: outside this guide

    def as_dict(self) -> dict[str, Any]:
        return {
            "set": self.name,
            "documents": self.documents,
            "metadata": {f: round(s.recall, 3) for f, s in self.metadata.items()},
            "entities": {t: s.row() for t, s in sorted(self.entities.items())},
            "budgets": self.budgets.row(),
            "budget_misses": dict(self.budget_misses),
            "entity_misses": {t: dict(c) for t, c in sorted(self.entity_misses.items())},
            "entity_wrong": {t: dict(c) for t, c in sorted(self.entity_wrong.items())},
            "relations": self.relations.row(),
            "junk_rate": round(len(self.junk) / self.names, 3) if self.names else 0.0,
            "english_labels": dict(self.label_sources),
            "not_scored": len(self.apart),
        }


def documents(set_name: str, root: Path = ROOT) -> list[tuple[Path, dict[str, Any]]]:
    """(document, gold) pairs of a set, in file order."""
    folder = root / set_name
    if not folder.is_dir():
        raise FileNotFoundError(f"no document set {set_name!r} at {folder}")
    pairs = []
    for doc in sorted(folder.glob("*.txt")):
        gold = doc.with_suffix(".gold.json")
        if gold.exists():
            pairs.append((doc, json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


def evaluate_set(
    set_name: str, vocab: Vocabulary, iris: Iris, root: Path = ROOT, disable: frozenset[str] = frozenset()
) -> SetReport:
    report = SetReport(set_name)
    for path, gold in documents(set_name, root):
        processed = process(load_path(path), vocab, iris, disable=disable)
        report.documents += 1
        _score_metadata(report, processed, gold.get("metadata", {}), path.name, vocab)
        _score_entities(report, processed, gold.get("entities", []), path.name)
        known = _gold_entity_names(gold.get("entities", []))
        _score_budgets(report, processed, gold.get("budgets", []), path.name, known)
        _score_relations(report, processed, gold.get("relations", []), path.name, known)
    return report


def _gold_entity_names(entities: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Each gold entity's canonical name → all its names: a budget's subject or a relation's end is an entity, named
    in the gold by its canonical name, and any of its names identifies it (「…プログラム「J-DEEP」」 is J-DEEP)."""
    return {norm(e["names"][0]): gold_names(e["names"]) for e in entities if e.get("names")}


def _named(names: list[str], known: dict[str, set[str]]) -> set[str]:
    """The normalized names of the gold entities these names stand for."""
    out = gold_names(names)
    return out.union(*(known.get(n, set()) for n in list(out)))


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").replace(" ", "").replace("\u3000", "").strip()


def _score_metadata(report: SetReport, p: Processed, gold: dict[str, Any], doc: str, vocab: Vocabulary) -> None:
    meta = p.metadata
    names = set().union(set(), *(_entity_names(p, iri, vocab) for iri in meta.publishers))
    issued = meta.issued.iso if meta.issued is not None and not meta.issued_inferred else None
    checks = {
        "genre": meta.genre == gold.get("genre"),
        "title": _nfkc(meta.title) == _nfkc(gold.get("title", "")),
        "publisher": bool(names & gold_names(gold.get("publisher") or [])) or (not gold.get("publisher") and not names),
        "issued": issued == gold.get("issued"),
    }
    for f, ok in checks.items():
        score = report.metadata[f]
        score.gold += 1
        score.tp_gold += ok
        if not ok:
            got = {"genre": meta.genre, "title": meta.title, "publisher": sorted(names), "issued": issued}[f]
            score.misses.append(f"{doc}: {f} {got!r} ≠ {gold.get(f)!r}")


def _system_entities(p: Processed, apart: list[str] | None = None) -> list[tuple[tuple[str, ...], set[str], str]]:
    """Entities mentioned in the document as (group, names, label). Left out into ``apart``, as this set's guide
    does not annotate them (they are real names, not junk): a body's divisions (研究振興局, 人材政策課), plans
    (基本計画, 戦略), a budget sheet's activities (…の構築: budget subjects only), and a country or region named
    only inside another name (フィリピン in フィリピン大学). An entity of two natures (the EU: a region and a body
    of states) has both groups, its main one first."""
    surfaces: dict[str, set[str]] = {}
    for m in p.extraction.mentions:
        surfaces.setdefault(m.key, set()).add(norm(m.surface))
    out = []
    for iri, e in p.extraction.entities.items():
        if iri not in surfaces:
            continue
        if {"OrganizationalUnit", "Plan", "BudgetItem"} & set(e.extra_types) or (
            e.type in ("Country", "Region") and _only_inside(p, iri)
        ):
            if apart is not None:
                apart.append(e.labels.get("ja", iri))
            continue
        names = {norm(x) for x in e.labels.values()} | {norm(a) for a, _ in e.alt_labels} | surfaces[iri]
        groups = (GROUPS.get(e.type, e.type), *(GROUPS[x] for x in e.extra_types if x in GROUPS))
        out.append((groups, names, e.labels.get("ja", iri)))
    return out


def _only_inside(p: Processed, iri: str) -> bool:
    """Every mention of the entity lies inside a longer mention of another entity."""
    mentions = p.extraction.mentions
    own = [m for m in mentions if m.key == iri]
    return all(any(o.key != iri and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                   for o in mentions) for m in own)  # fmt: skip


def _score_entities(report: SetReport, p: Processed, gold: list[dict[str, Any]], doc: str) -> None:
    system = _system_entities(p, report.apart)
    text = norm(p.doc.text)
    gold_items = [(GOLD_GROUPS.get(g["type"], g["type"]), gold_names(g["names"]), g["names"][0]) for g in gold]
    for group, names, label in gold_items:
        s = report.entities.setdefault(group, Score())
        s.gold += 1
        if any(group in sg and sn & names for sg, sn, _ in system):
            s.tp_gold += 1
        else:
            why = _why_missed(group, names, system, text)
            report.entity_misses.setdefault(group, Counter())[why] += 1
            s.misses.append(f"{doc}: {label} ({why})")
    for groups, names, label in system:
        # An entity of two natures counts once, in the group the gold gives it, else in its main group.
        group = next((g for g in groups if any(gg == g and gn & names for gg, gn, _ in gold_items)), groups[0])
        s = report.entities.setdefault(group, Score())
        s.system += 1
        if any(gg == group and gn & names for gg, gn, _ in gold_items):
            s.tp_sys += 1
        else:
            why = _why_wrong(group, names, gold_items)
            report.entity_wrong.setdefault(group, Counter())[why] += 1
            s.wrong.append(f"{doc}: {label} ({why})")
        report.names += 1
        if not any(gn & names for _, gn, _ in gold_items):
            report.junk.append(f"{doc}: {group} {label}")
    for e in p.extraction.entities.values():
        if not e.curated and "en" in e.labels:
            report.label_sources[getattr(e, "label_source", "") or "unmarked"] += 1


def _inside(a: set[str], b: set[str]) -> bool:
    """A name of ``a`` lies inside a longer name of ``b``."""
    return any(len(x) >= 2 and x in y and x != y for x in a for y in b)


def _why_missed(group: str, names: set[str], system: list[tuple[tuple[str, ...], set[str], str]], text: str) -> str:
    """Why a gold entity was missed, from the closest extracted entity: its name typed otherwise, cut short or run
    on (same type), named only inside another entity's name, or only a part of it extracted as another entity;
    else whether the gold's name is written in the text as it stands (not extracted) or not."""
    if any(sn & names for _, sn, _ in system):
        return "another type"
    same = [sn for sg, sn, _ in system if group in sg]
    if any(_inside(sn, names) or _inside(names, sn) for sn in same):
        return "cut or run on"
    if any(_inside(names, sn) for _, sn, _ in system):
        return "only inside another name"
    if any(_inside(sn, names) for _, sn, _ in system):
        return "only a part extracted"
    return "not extracted" if any(n in text for n in names) else "not written as named"


def _why_wrong(group: str, names: set[str], gold: list[tuple[str, set[str], str]]) -> str:
    """Why an extracted entity is wrong: a gold entity of another type, a gold name of its type cut short or run
    on, a piece of another type's gold name or a name running into one, or no gold entity at all (junk)."""
    if any(gn & names for _, gn, _ in gold):
        return "another type"
    if any(_inside(gn, names) or _inside(names, gn) for gg, gn, _ in gold if gg == group):
        return "cut or run on"
    if any(_inside(gn, names) or _inside(names, gn) for _, gn, _ in gold):
        return "overlaps another type's name"
    return "no gold name"


def _entity_names(p: Processed, iri: str | None, vocab: Vocabulary | None = None) -> set[str]:
    """Every name of an entity: its labels, aliases and surfaces in the document, and the curated names
    (a publisher read as a council's ministry may not be named in the document at all)."""
    if not iri:
        return set()
    names: set[str] = set()
    e = p.extraction.entities.get(iri)
    if e is not None:
        names |= {norm(x) for x in e.labels.values()} | {norm(a) for a, _ in e.alt_labels}
        names |= {norm(m.surface) for m in p.extraction.mentions if m.key == iri}
    entry = vocab.entries.get(iri) if vocab is not None else None
    if entry is not None:
        names |= {norm(x) for x in entry.labels.values()} | {norm(a) for a, _ in entry.aliases}
        names |= {norm(a) for a in entry.abbreviations}
    return names


def _score_budgets(report: SetReport, p: Processed, gold: list[dict[str, Any]], doc: str, known: dict[str, set[str]]) -> None:
    """Gold lines are stated amounts; a system budget stated twice (merged, with ``also``) stands for as many lines,
    so it may match as many gold lines as it has statements, and counts that many towards precision."""
    s = report.budgets
    budgets = p.extraction.budgets
    slots = {i: 1 + len(b.also) for i, b in enumerate(budgets)}
    s.gold += len(gold)
    s.system += sum(slots.values())
    used: dict[int, int] = {}
    for g in gold:
        want_status = STATUS.get(g.get("status", ""), g.get("status", ""))
        match, failed = None, ("value",)
        for i, b in enumerate(budgets):
            if used.get(i, 0) >= slots[i] or (b.value, b.currency) != (str(g["value"]), g.get("currency", "JPY")):
                continue
            years_ok = b.fiscal_year == g.get("fiscal_year") or sorted(b.fiscal_years) == sorted(g.get("fiscal_years") or [])
            subject_ok = bool(_entity_names(p, b.subject) & _named(g.get("subject_names") or [], known))
            status_ok = (b.status or "budget") == want_status or (want_status == "other" and b.status in ("", "other"))
            if years_ok and subject_ok and status_ok:
                match = i
                break
            checks = (("year", years_ok), ("subject", subject_ok), ("status", status_ok))
            wrong = tuple(n for n, ok in checks if not ok)
            if failed == ("value",) or len(wrong) < len(failed):  # the closest candidate says why
                failed = wrong
        if match is None:
            why = "no such value" if failed == ("value",) else "wrong " + ", ".join(failed)
            report.budget_misses[why] += 1
            subject = g.get("subject_names", [""])[:1]
            s.misses.append(f"{doc}: {g.get('stated_as')} {g.get('status')} FY{g.get('fiscal_year')} {subject} ({why})")
        else:
            used[match] = used.get(match, 0) + 1
            s.tp_gold += 1
    s.tp_sys += sum(used.values())
    for i, b in enumerate(budgets):
        for _ in range(slots[i] - used.get(i, 0)):
            subject = sorted(_entity_names(p, b.subject))[:1] if b.subject else []
            s.wrong.append(f"{doc}: {b.stated_as} {b.status} FY{b.fiscal_year} {subject}")


def _score_relations(report: SetReport, p: Processed, gold: list[dict[str, Any]], doc: str, known: dict[str, set[str]]) -> None:
    local = {p_: p_ for p_ in ("operatedBy", "partnerCountry", "subProgramOf", "partOf", "about", "participant",
                               "chair", "location", "holds", "locatedIn")}  # fmt: skip
    names_of: dict[str, set[str]] = {}
    for iri in p.extraction.entities:
        names_of[iri] = _entity_names(p, iri)
    system = []
    for f in p.extraction.facts:
        pred = f.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if pred in local and isinstance(f.obj, str):
            # A person holds a post: the gold names the post's organisation, so the post is scored by it.
            obj = (_post_org(p, f.obj, names_of) if pred == "holds" else set()) or names_of.get(f.obj, set())
            system.append((pred, names_of.get(f.subject, set()), obj))
    s = report.relations
    s.gold += len(gold)
    s.system += len(system)
    ends = [(_named(g["subject_names"], known), _named(g["object_names"], known)) for g in gold]
    for g, (gs, go) in zip(gold, ends, strict=True):
        if any(pr == g["predicate"] and sn & gs and on & go for pr, sn, on in system):
            s.tp_gold += 1
        else:
            s.misses.append(f"{doc}: {g['predicate']} {g['subject_names'][0]} → {g['object_names'][0]}")
    for pr, sn, on in system:
        if any(pr == g["predicate"] and sn & gs and on & go for g, (gs, go) in zip(gold, ends, strict=True)):
            s.tp_sys += 1
        else:
            s.wrong.append(f"{doc}: {pr} {sorted(sn)[:1]} → {sorted(on)[:1]}")


def _post_org(p: Processed, post: str, names_of: dict[str, set[str]]) -> set[str]:
    """A person holds a post; the gold names the post's organisation."""
    for f in p.extraction.facts:
        if f.subject == post and f.predicate.endswith("postIn") and isinstance(f.obj, str):
            return names_of.get(f.obj, set())
    return set()


def format_report(r: SetReport, verbose: bool = False) -> str:
    """The set's figures as a table: metadata per field, entities per type, budgets, relations, junk, labels."""
    lines = [f"{r.name} set: {r.documents} documents (tests/data/unseen/{r.name})", "metadata (share right)"]
    lines += [f"  {f:<10} {s.recall:.3f}  ({s.tp_gold}/{s.gold})" for f, s in r.metadata.items()]
    lines.append(f"{'type':<14} {'P':>6} {'R':>6} {'gold':>5} {'sys':>5}")
    for name, s in [*sorted(r.entities.items()), ("budgets", r.budgets), ("relations", r.relations)]:
        lines.append(f"{name:<14} {s.precision:6.3f} {s.recall:6.3f} {s.gold:5d} {s.system:5d}")
    if r.budget_misses:
        lines.append("budget lines missed, by what was wrong: " + ", ".join(f"{k} {v}" for k, v in r.budget_misses.most_common()))
    for title, table in (("missed", r.entity_misses), ("wrong", r.entity_wrong)):
        if table:
            causes = "; ".join(f"{t} " + ", ".join(f"{k} {v}" for k, v in c.most_common()) for t, c in sorted(table.items()))
            lines.append(f"entities {title}, by what was wrong: {causes}")
    junk = len(r.junk) / r.names if r.names else 0.0
    lines.append(f"junk: {len(r.junk)} of {r.names} extracted names match no gold name of any type ({junk:.1%})")
    lines.append(
        f"not annotated by this guide, not scored: {len(r.apart)} (divisions, plans, budget activities, countries inside names)"
    )
    lines.append(
        "English labels of minted entities by source: " + ", ".join(f"{k} {v}" for k, v in sorted(r.label_sources.items()))
    )
    if verbose:
        for s in r.metadata.values():
            lines += [f"  miss metadata {m}" for m in s.misses]
        for name, s in [*sorted(r.entities.items()), ("budgets", r.budgets), ("relations", r.relations)]:
            lines += [f"  miss {name}: {m}" for m in s.misses] + [f"  wrong {name}: {w}" for w in s.wrong]
        lines += [f"  junk {j}" for j in r.junk]
        lines += [f"  not scored: {u}" for u in r.apart]
    return "\n".join(lines)


def _micro(r: SetReport) -> tuple[float, float]:
    tp_sys = sum(s.tp_sys for s in r.entities.values())
    tp_gold = sum(s.tp_gold for s in r.entities.values())
    system = sum(s.system for s in r.entities.values())
    gold = sum(s.gold for s in r.entities.values())
    return (tp_sys / system if system else 0.0), (tp_gold / gold if gold else 0.0)


def ablate_set(set_name: str, vocab: Vocabulary, iris: Iris, root: Path = ROOT) -> str:
    """Each optional component's contribution on a set: entities (all types), budgets and junk without it."""
    from ingest.extract.pipeline import components

    full = evaluate_set(set_name, vocab, iris, root)
    p0, r0 = _micro(full)
    junk0 = len(full.junk) / full.names if full.names else 0.0
    lines = [f"{set_name} set, each component left out (Δ against the full pipeline)",
             f"{'component':<22} {'entities P':>10} {'entities R':>10} {'budgets R':>10} {'junk':>7}",
             f"{'(full pipeline)':<22} {p0:10.3f} {r0:10.3f} {full.budgets.recall:10.3f} {junk0:7.1%}"]  # fmt: skip
    for c in components():
        if c.required:
            continue
        r = evaluate_set(set_name, vocab, iris, root, disable=frozenset({c.name}))
        p, rec = _micro(r)
        junk = len(r.junk) / r.names if r.names else 0.0
        lines.append(
            f"{c.name:<22} {p - p0:+10.3f} {rec - r0:+10.3f} {r.budgets.recall - full.budgets.recall:+10.3f} {junk - junk0:+7.1%}"
        )
    return "\n".join(lines)
