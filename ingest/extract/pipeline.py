"""Extraction as a pipeline of named components, in the manner of spaCy's ``nlp.pipeline``.

A component is a module of ``ingest/extract/`` that defines ``COMPONENT``: its name, a one-line contract of what
it reads and writes, and up to three hooks run by ``extract``:

- ``prepare(state)`` once per document before any passage (a pass over the whole text: names it defines);
- ``passage(state)`` once per passage, in passage order, with ``state.passage`` set. The naming components
  append candidate ``Span``s to ``state.spans``; the order of the pipeline is the order of precedence (a later
  span never overrides an earlier one on the same text), and ``linking`` turns the accepted ones into mentions;
- ``finish(state)`` once per document after the last passage (rules that need the whole document).

``PIPELINE`` declares the order. A new component lives in its own module and is added either to ``PIPELINE`` or
with ``register(component)`` and a declared position (``after="event_facts"``). ``extract(..., disable=...)``
leaves components out (the ablation in ``kg eval extraction --ablate``); a component others cannot run without is
marked ``required`` and cannot be disabled. A failing component is named in the error it raises.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ingest.extract.gazetteer import Gazetteer, Hit
from ingest.extract.spans import Span
from ingest.link import Linker
from ingest.records import Extraction, Fact, Passage
from ingest.vocab import Vocabulary
from kg.iris import Iris

Hook = Callable[["State"], None]

# The declared order: each name is the module ingest/extract/<name>.py defining COMPONENT.
PIPELINE: tuple[str, ...] = (
    # Naming components, in order of precedence on overlapping text.
    "directional_regions",
    "geographic_features",
    "enumerated_names",
    "gazetteer_pass",
    "named_columns",
    "budget_items",
    "country_compounds",
    "short_forms",
    "office_events",
    "event_mentions",
    "editions",
    "agency_programs",
    "ministers",
    "name_patterns",
    "repeated_names",
    "known_names",
    "abbreviations",
    "ginza_ner",
    "learned_names",
    "hub_projects",
    "cost_heads",
    # Spans → mentions and entities; then what each passage states about them.
    "linking",
    "organisation_units",
    "event_facts",
    "budgets",
    # Whole-document rules.
    "signing_ceremonies",
    "contact_blocks",
    "divisions",
    "relations",
    "people",
    "places",
    "cities_abroad",
    "meetings",
    "locations",
    "english_names",
    "title_operator",
    "funding_notes",
    "announced_budgets",
    "titles_after_blocks",
    "scheme_parameters",
    "document_budgets",
    "budget_tables",
    "item_shares",
    "budget_merge",
    "budget_subjects",
    "plans",
    "research_projects",
    "observations",
)


@dataclass(frozen=True)
class Component:
    """One named step of extraction. ``reads``/``writes`` name the parts of ``State`` it uses, in one line each."""

    name: str
    reads: str
    writes: str
    doc: str
    prepare: Hook | None = None
    passage: Hook | None = None
    finish: Hook | None = None
    required: bool = False  # others cannot run without it: never disabled
    after: str | None = None  # position of a registered component: right after this one…
    before: str | None = None  # …or right before this one

    def __post_init__(self) -> None:
        if not (self.prepare or self.passage or self.finish):
            raise ValueError(f"component {self.name!r} has no hook")
        if not self.doc.strip() or not self.reads.strip() or not self.writes.strip():
            raise ValueError(f"component {self.name!r} needs a docstring and a reads/writes contract")


class ComponentError(RuntimeError):
    """A component raised: the message names it and the document position it was at."""

    def __init__(self, component: str, stage: str, passage: int | None, exc: BaseException) -> None:
        where = f" on passage {passage}" if passage is not None else ""
        super().__init__(f"extraction component {component!r} failed in {stage}{where}: {exc!r}")
        self.component = component


@dataclass
class State:
    """Everything the components of one document share."""

    text: str
    passages: list[Passage]
    vocab: Vocabulary
    iris: Iris
    gazetteer: Gazetteer
    linker: Linker
    result: Extraction = field(default_factory=Extraction)
    data: dict[str, Any] = field(default_factory=dict)  # what a component's prepare keeps for its other hooks, by name
    relation_facts: list[Fact] = field(default_factory=list)  # relations before one-per-triple-and-sentence merging
    position: int = -1  # index of the current passage in ``passages``
    spans: list[Span] = field(default_factory=list)  # the current passage's candidate spans, in precedence order
    _hits: dict[int, list[Hit]] = field(default_factory=dict)

    @property
    def passage(self) -> Passage:
        return self.passages[self.position]

    @property
    def hits(self) -> list[Hit]:
        """The gazetteer's hits in the current passage, found once and read by several components."""
        if self.position not in self._hits:
            self._hits = {self.position: self.gazetteer.find(self.passage.text, self.passage.start)}
        return self._hits[self.position]

    @cached_property
    def japan(self) -> str:
        return self.iris.entity("Country", "JP")


_REGISTERED: list[Component] = []


def register(component: Component) -> None:
    """Add a component defined outside ``PIPELINE`` at its declared position (``after`` or ``before`` a name)."""
    if (component.after is None) == (component.before is None):
        raise ValueError(f"component {component.name!r} needs exactly one of after= or before=")
    if any(c.name == component.name for c in _REGISTERED) or component.name in PIPELINE:
        raise ValueError(f"component {component.name!r} is already registered")
    _REGISTERED.append(component)


def unregister(name: str) -> None:
    _REGISTERED[:] = [c for c in _REGISTERED if c.name != name]


def components() -> list[Component]:
    """The pipeline in running order: ``PIPELINE``, with registered components placed where they declared."""
    ordered = [_load(name) for name in PIPELINE]
    pending = list(_REGISTERED)
    while pending:
        placed = False
        for c in list(pending):
            names = [x.name for x in ordered]
            anchor = c.after or c.before
            if anchor in names:
                i = names.index(anchor)
                ordered.insert(i + 1 if c.after else i, c)
                pending.remove(c)
                placed = True
        if not placed:
            raise ValueError(f"no component named {', '.join(repr(c.after or c.before) for c in pending)} to place after/before")
    return ordered


def _load(name: str) -> Component:
    component = importlib.import_module(f"ingest.extract.{name}").COMPONENT
    if not isinstance(component, Component) or component.name != name:
        raise ValueError(f"ingest/extract/{name}.py must define COMPONENT named {name!r}")
    return component


def optional_components() -> list[str]:
    """Names of the components that may be disabled (for the ablation)."""
    return [c.name for c in components() if not c.required]


def extract(
    text: str,
    passages: list[Passage],
    vocab: Vocabulary,
    iris: Iris,
    use_ginza: bool = True,
    disable: frozenset[str] = frozenset(),
) -> Extraction:
    """Run the pipeline over the passages of one normalized document text, leaving out ``disable``."""
    pipeline = components()
    known = {c.name for c in pipeline}
    if unknown := disable - known:
        raise ValueError(f"no extraction component named {', '.join(sorted(unknown))}")
    if required := {c.name for c in pipeline if c.required} & disable:
        raise ValueError(f"component {', '.join(sorted(required))} is required and cannot be disabled")
    if not use_ginza:
        disable = disable | {"ginza_ner"}
    active = [c for c in pipeline if c.name not in disable]
    state = State(text, passages, vocab, iris, Gazetteer(vocab), Linker(vocab, iris))
    for c in active:
        _run(c, "prepare", state)
    for state.position in range(len(passages)):
        state.spans = []
        for c in active:
            _run(c, "passage", state)
    for c in active:
        _run(c, "finish", state)
    state.result.facts += _one_per_sentence(state.relation_facts)
    return state.result


def _run(c: Component, stage: str, state: State) -> None:
    hook = getattr(c, stage)
    if hook is None:
        return
    try:
        hook(state)
    except ComponentError:
        raise
    except Exception as exc:
        raise ComponentError(c.name, stage, state.passage.index if stage == "passage" else None, exc) from exc


def _one_per_sentence(facts: list[Fact]) -> list[Fact]:
    """One relation fact per triple and sentence (several rules may read the same one)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for f in facts:
        key = (f.subject, f.predicate, str(f.obj) + str(f.start))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
