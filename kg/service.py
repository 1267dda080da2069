"""The read side of the product, shared by the HTTP server and the CLI.

It follows the published generation: when an ingest publishes a new one, the next call reopens the
store and the passage index, so a running server never needs a restart and never sees a half state.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.describe import DatasetStats, dataset_stats
from kg.errors import BadRequest, BaseMismatch, Damaged, KGError, NotFound, NotIngested
from kg.home import Home, settle_base
from kg.iris import Iris
from kg.settings import Settings
from kg.sparql import SparqlExecutor
from kg.store import RemoteStore, class_counts, open_store, statement_count
from search.embed import get_embedder, model_id_for
from search.facets import AGENCY_TYPES, COUNTRY_TYPES, FACET_DEPTH, facets, resolve
from search.facets import fiscal_year as parse_fiscal_year
from search.hybrid import Filters, Searcher, check_k
from search.index import PassageIndex

ENTITY_CLASSES = ("Program", "Agency", "Organization", "University", "ResearchInstitute", "Council", "Country", "Region",
                  "Prefecture", "Municipality", "City", "Law", "Ordinance", "Event", "Meeting", "Person")  # fmt: skip
LABEL_PRED = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _damaged(generation: Path, what: str, exc: Exception) -> Damaged:
    return Damaged(f"the {what} of {generation.name} cannot be read ({type(exc).__name__}: {str(exc)[:200]})",
                   "rebuild it from the stored documents: python -m kg reindex")  # fmt: skip


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = Home(settings.home)
        self.iris = Iris(settings.base_iri)
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._store: ox.Store | RemoteStore | None = None
        self._index: PassageIndex | None = None
        self._searcher: Searcher | None = None
        self._executor: SparqlExecutor | None = None
        self._stats: DatasetStats | None = None
        self._mismatch: BaseMismatch | None = None
        current = self.home.current()
        if current is not None:
            self._settle(current)

    # ------------------------------------------------------------ state

    def _settle(self, generation: Path) -> None:
        """Serve the IRIs the store was minted with, whatever host or port this process listens on."""
        try:
            settled = settle_base(self.settings, generation)
        except BaseMismatch as exc:  # answered on every request, with the command that rebuilds
            self._mismatch = exc
            return
        self._mismatch = None
        if settled.base_iri != self.iris.base:
            self.settings, self.iris = settled, Iris(settled.base_iri)

    def generation(self) -> Path:
        current = self.home.current()
        if current is None:
            raise NotIngested("nothing has been ingested yet", "run `python -m kg ingest` (or `make run`)")
        with self._lock:
            if current != self._generation:
                self._store, self._index, self._searcher, self._stats = None, None, None, None
                self._generation = current
                self._settle(current)
        if self._mismatch is not None:
            raise self._mismatch
        return current

    def store(self) -> ox.Store | RemoteStore:
        gen = self.generation()
        with self._lock:
            if self._store is None:
                try:
                    self._store = open_store(gen, self.settings.store)
                except Exception as exc:  # noqa: BLE001 - whatever a broken file raises, the fix is the same
                    raise _damaged(gen, "store", exc) from None
            return self._store

    def index(self) -> PassageIndex:
        gen = self.generation()
        with self._lock:
            if self._index is None:
                try:
                    self._index = PassageIndex.load(gen, model_id_for(self.settings.embedding_model))
                except KGError:
                    raise
                except Exception as exc:  # noqa: BLE001 - whatever a broken file raises, the fix is the same
                    raise _damaged(gen, "passage index", exc) from None
            return self._index

    def searcher(self) -> Searcher:
        index = self.index()
        with self._lock:
            if self._searcher is not None:
                return self._searcher
        years = self.passage_fiscal_years(index)  # a store query: outside the lock, which store() takes
        with self._lock:
            if self._searcher is None:
                self._searcher = Searcher(index, get_embedder(self.settings.embedding_model, self.settings.threads), years)
            return self._searcher

    def passage_fiscal_years(self, index: PassageIndex) -> dict[int, frozenset[int]]:
        """Passage row → the fiscal years of the budgets the graph says were read from it."""
        rows = {self.iris.passage(p["doc_id"], p["index"]): row for row, p in enumerate(index.passages)}
        years: dict[int, set[int]] = {}
        for r in self.select("SELECT DISTINCT ?p ?y WHERE { ?b a stip:Budget ; stip:fiscalYear ?y ; prov:wasDerivedFrom ?p }"):
            row = rows.get(r["p"]["value"])
            if row is not None and r["y"]["value"][:4].isdigit():
                years.setdefault(row, set()).add(int(r["y"]["value"][:4]))
        return {row: frozenset(ys) for row, ys in years.items()}

    def executor(self) -> SparqlExecutor:
        with self._lock:
            if self._executor is None:
                s = self.settings
                self._executor = SparqlExecutor(s.sparql_workers, s.query_timeout, s.max_rows, s.queue_wait)
            return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.close()

    # ------------------------------------------------------------ search and SPARQL

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> dict[str, Any]:
        """The k best passages, the entities the query names, and facet counts over the best FACET_DEPTH."""
        check_k(k)
        searcher = self.searcher()
        filters = filters or Filters()
        ranked = searcher.ranked(query, filters)
        hits = searcher.top(query, ranked, k)
        entities = self.index().entities
        return {
            "query": query,
            "filters": {name: value for name, value in vars(filters).items() if value not in (None, "")},
            "entities": [{"iri": e, **entities.get(e, {})} for e in searcher.query_entities(query)],
            "hits": [h.to_json(entities) for h in hits],
            "facets": facets(ranked[:FACET_DEPTH], entities, searcher.fiscal_years),
        }

    def filters(self, doc: str | None = None, entity: str | None = None, type: str | None = None,
                fiscal_year: str | int | None = None, country: str | None = None,
                agency: str | None = None) -> Filters:  # fmt: skip
        """Search filters from what a user typed: a country or agency by IRI or name, a year as 2022 or FY2022."""
        entities = self.index().entities
        return Filters(
            doc=doc or None,
            entity=entity or None,
            type=type or None,
            fiscal_year=parse_fiscal_year(fiscal_year),
            country=resolve(country, COUNTRY_TYPES, entities, "country or region"),
            agency=resolve(agency, AGENCY_TYPES, entities, "agency"),
        )

    def sparql(self, query: str, fmt: str = "json", default_graphs: list[str] | None = None,
               named_graphs: list[str] | None = None, timeout: float | None = None,
               max_rows: int | None = None) -> Any:  # fmt: skip
        """A query in a worker process: bounded by the timeout and (unless ``max_rows`` says otherwise) the row cap."""
        from kg.store import STORE_DIR, is_external

        gen = self.generation()
        self.store()  # a damaged store is reported as such, not as a failed query
        location = self.settings.store if is_external(self.settings.store) else gen / STORE_DIR
        return self.executor().run(location, query, fmt, self.iris.prefixes(), default_graphs, named_graphs,
                                   base_iri=f"{self.iris.base}/", timeout=timeout, max_rows=max_rows)  # fmt: skip

    def dataset_stats(self) -> DatasetStats:
        """Counts for the Service Description and VoID, computed once per published generation."""
        store = self.store()
        with self._lock:
            stats = self._stats
        if stats is None:
            titles = {self.iris.doc(d): v["title"] for d, v in self.catalog()["documents"].items()}
            stats = dataset_stats(store, self.iris, titles)
            with self._lock:
                self._stats = stats
        return stats

    def select(self, query: str) -> list[dict[str, Any]]:
        """Our own bounded queries, run in-process on the read-only store: rows of Python values."""
        try:
            result = self.store().query(query, prefixes=self.iris.prefixes())  # the default graph: the merge
        except SyntaxError:  # a name or IRI from the request that no query can hold: the request is at fault
            raise BadRequest("the request names something that is not a valid IRI") from None
        rows = []
        for solution in result:  # type: ignore[union-attr]
            rows.append({v.value: _py(solution[v]) for v in result.variables})  # type: ignore[union-attr]
        return rows

    # ------------------------------------------------------------ documents and entities

    def catalog(self) -> dict[str, Any]:
        self.generation()
        return self.home.catalog()

    def documents(self) -> list[dict[str, Any]]:
        docs = []
        catalog = self.catalog()["documents"]  # read once: each call reads the catalog file
        for doc_id in sorted(catalog, key=lambda d: catalog[d]["source"]):
            folder = self.home.document_dir(catalog[doc_id]["dir"])
            record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
            record["iri"] = self.iris.doc(doc_id)
            record["publishers"] = [{"iri": p, "labels": self.labels(p)} for p in record["publishers"]]
            docs.append(record)
        return docs

    def document_text(self, doc_id: str) -> str:
        if doc_id not in self.catalog()["documents"]:
            raise NotFound(f"no document {doc_id!r}")
        folder = self.home.document_dir(self.catalog()["documents"][doc_id]["dir"])
        return (folder / "text.txt").read_text(encoding="utf-8")

    def labels(self, iri: str) -> dict[str, str]:
        rows = self.select(f"SELECT ?l WHERE {{ <{_iri(iri)}> skos:prefLabel ?l }}")
        out: dict[str, str] = {}
        for row in rows:
            label = row["l"]
            out.setdefault(label["lang"] or "", label["value"])
        return out

    def entities(self, type_name: str | None = None, q: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Entities of a class (or all), optionally whose label contains q, with mention counts;
        programs also list their operating organisations, partner countries and budgets."""
        if type_name is not None and not type_name.isidentifier():
            raise BadRequest(f"unknown entity type {type_name!r}")
        if not 1 <= limit <= 5000:
            raise BadRequest("limit must be between 1 and 5000")
        classes = [type_name] if type_name else list(ENTITY_CLASSES)
        filt = ""
        if q:
            needle = json.dumps(q.lower(), ensure_ascii=False)
            filt = f"FILTER EXISTS {{ ?e skos:prefLabel|skos:altLabel ?any . FILTER(CONTAINS(LCASE(STR(?any)), {needle})) }}"
        query = f"""SELECT ?e (SAMPLE(?type) AS ?t) (COUNT(DISTINCT ?p) AS ?n) WHERE {{
            VALUES ?type {{ {" ".join("stip:" + c for c in classes)} }}
            ?e a ?type ; stip:mentionedIn ?p . {filt} }} GROUP BY ?e ORDER BY DESC(?n) LIMIT {limit}"""
        rows = self.select(query)
        labels = self.all_labels()
        out = [
            {
                "iri": r["e"]["value"],
                "type": r["t"]["value"].rsplit("#", 1)[-1],
                "mentions": int(r["n"]["value"]),
                "labels": labels.get(r["e"]["value"], {}),
            }  # fmt: skip
            for r in rows
        ]
        if type_name == "Program":
            self._add_program_facts(out, labels)
        return out

    def all_labels(self) -> dict[str, dict[str, str]]:
        """IRI → {lang: prefLabel} for everything labelled (one query: pages look many names up)."""
        labels: dict[str, dict[str, str]] = {}
        for r in self.select("SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }"):
            labels.setdefault(r["e"]["value"], {}).setdefault(r["l"]["lang"] or "", r["l"]["value"])
        return labels

    def _add_program_facts(self, programs: list[dict[str, Any]], labels: dict[str, dict[str, str]]) -> None:
        by_iri = {p["iri"]: p for p in programs}
        for p in programs:
            p.update({"operatedBy": [], "partnerCountries": [], "budgets": []})
        for key, prop in (("operatedBy", "stip:operatedBy"), ("partnerCountries", "stip:partnerCountry")):
            for r in self.select(f"SELECT DISTINCT ?e ?o WHERE {{ ?e {prop} ?o }}"):
                if r["e"]["value"] in by_iri:
                    o = r["o"]["value"]
                    by_iri[r["e"]["value"]][key].append({"iri": o, "labels": labels.get(o, {})})
        budgets = self.select(
            """SELECT ?e ?b ?v ?c ?y ?st ?as WHERE { ?b stip:budgetOf ?e ; schema:value ?v ; schema:currency ?c ;
               stip:statedAs ?as . OPTIONAL { ?b stip:fiscalYear ?y } OPTIONAL { ?b stip:budgetStatus ?st } }"""
        )
        for r in budgets:
            if r["e"]["value"] in by_iri:
                by_iri[r["e"]["value"]]["budgets"].append(
                    {
                        "iri": r["b"]["value"],
                        "value": r["v"]["value"],
                        "currency": r["c"]["value"],
                        "fiscalYear": r["y"]["value"] if r["y"] else None,
                        "status": r["st"]["value"] if r["st"] else None,
                        "statedAs": r["as"]["value"],
                    }  # fmt: skip
                )

    def entity(self, iri: str) -> dict[str, Any]:
        """Everything the graph says about an entity: types, labels, facts both ways, source passages."""
        iri_q = _iri(iri)
        out_rows = self.select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri_q}> ?p ?o }} }} LIMIT 2000")
        in_rows = self.select(
            f"SELECT ?s ?p WHERE {{ ?s ?p <{iri_q}> . FILTER(?p NOT IN (rdf:subject, rdf:object, stip:refersTo)) }} LIMIT 500"
        )
        if not out_rows and not in_rows:
            raise NotFound(f"no entity {iri}", "search for it with GET /api/entities?q=…")
        types = sorted({r["o"]["value"] for r in out_rows if r["p"]["value"].endswith("22-rdf-syntax-ns#type")})
        labels: dict[str, list[str]] = {}
        for r in out_rows:
            if r["p"]["value"] == LABEL_PRED:
                labels.setdefault(r["o"]["lang"] or "", []).append(r["o"]["value"])
        facts = [
            {"predicate": r["p"]["value"], "object": r["o"], "graph": r["g"]["value"]}
            for r in out_rows
            if not r["p"]["value"].endswith(("#mentionedIn", "22-rdf-syntax-ns#type"))
        ]
        provenance = self.select(
            f"""SELECT ?p ?o ?passage ?start ?end ?text WHERE {{
                ?st rdf:subject <{iri_q}> ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?passage ;
                    stip:startOffset ?start ; stip:endOffset ?end .
                ?passage stip:startOffset ?ps ; stip:text ?ptext .
                BIND(SUBSTR(?ptext, ?start - ?ps + 1, ?end - ?start) AS ?text) }} LIMIT 500"""
        )
        passages = self.select(
            f"""SELECT ?passage ?doc ?title ?text ?start ?end WHERE {{
                <{iri_q}> stip:mentionedIn ?passage . ?passage stip:inDocument ?doc ; stip:text ?text ;
                stip:startOffset ?start ; stip:endOffset ?end . ?doc dcterms:title ?title }}
                ORDER BY ?doc ?start LIMIT 200"""
        )
        evidence: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in provenance:
            evidence.setdefault((r["p"]["value"], r["o"]["value"]), []).append(
                {
                    "passage": r["passage"]["value"],
                    "start": int(r["start"]["value"]),
                    "end": int(r["end"]["value"]),
                    "text": r["text"]["value"],
                }  # fmt: skip
            )
        for f in facts:
            f["evidence"] = evidence.get((f["predicate"], f["object"]["value"]), [])
            f["curated"] = f["graph"] == self.iris.vocab_graph()
        return {
            "iri": iri,
            "types": types,
            "labels": labels,
            "facts": facts,
            "incoming": [{"subject": r["s"]["value"], "predicate": r["p"]["value"]} for r in in_rows],
            "provenance": provenance,
            "passages": passages,
        }

    def stats(self) -> dict[str, Any]:
        store = self.store()
        catalog = self.catalog()
        index = self.index()
        return {
            "generation": self.generation().name,
            "documents": len(catalog["documents"]),
            "triples": statement_count(store),
            "named_graphs": sum(1 for _ in store.named_graphs()),
            "classes": class_counts(store, self.iris),
            "passages": len(index.passages),
            "embedding_model": index.manifest["model"],
        }


def _iri(iri: str) -> str:
    """An IRI safe to put between <> in a query (refuses characters that could break out)."""
    if any(c in iri for c in '<>"{}|^`\\ \n\t') or not iri.startswith(("http://", "https://")):
        raise BadRequest(f"not a valid IRI: {iri!r}")
    return iri


def _py(term: Any) -> dict[str, Any] | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return {"type": "literal", "value": term.value, "lang": term.language, "datatype": term.datatype.value}
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    return {"type": "bnode", "value": str(term)}
