"""What an IRI of this service dereferences to, in RDF, and what to suggest when it names nothing.

- an entity or provision (``/id/…``, ``/law/…``): its facts, the labels of what it links to, the links
  pointing at it, the reified statements that give each fact's source span, and those passages with
  their text and document — so a client that fetches one IRI can cite the evidence without a second query;
- a document (``/doc/{id}``) and a shared graph (``/graph/vocab``): the named graph of that name, which
  also describes the document's fragment IRIs (``#p3`` passages, ``#m…`` mentions, ``#obs…`` cells).
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from kg.iris import TYPE_SEGMENTS

ENTITY_CONSTRUCT = """CONSTRUCT {{
  <{iri}> ?p ?o . ?o skos:prefLabel ?ol .
  ?in ?ip <{iri}> . ?in skos:prefLabel ?inl .
  ?st a rdf:Statement ; rdf:subject ?ss ; rdf:predicate ?sp ; rdf:object ?so ; prov:wasDerivedFrom ?sps ;
      stip:startOffset ?s0 ; stip:endOffset ?s1 ; stip:extractedBy ?sx .
  ?passage a stip:Passage ; stip:text ?text ; stip:inDocument ?doc ; stip:startOffset ?p0 ; stip:endOffset ?p1 .
  ?doc dcterms:title ?title .
}}
WHERE {{
  {{ <{iri}> ?p ?o . OPTIONAL {{ ?o skos:prefLabel ?ol }} }}
  UNION
  {{ ?in ?ip <{iri}> . FILTER(?ip NOT IN (rdf:subject, rdf:object, stip:refersTo)) OPTIONAL {{ ?in skos:prefLabel ?inl }} }}
  UNION
  {{ {{ ?st rdf:subject <{iri}> }} UNION {{ ?st rdf:object <{iri}> }}
    ?st rdf:subject ?ss ; rdf:predicate ?sp ; rdf:object ?so ; prov:wasDerivedFrom ?sps ;
        stip:startOffset ?s0 ; stip:endOffset ?s1 .
    OPTIONAL {{ ?st stip:extractedBy ?sx }} }}
  UNION
  {{ {{ <{iri}> stip:mentionedIn|prov:wasDerivedFrom ?passage }}
    UNION {{ ?stp rdf:subject|rdf:object <{iri}> ; prov:wasDerivedFrom ?passage }}
    ?passage stip:text ?text ; stip:inDocument ?doc ; stip:startOffset ?p0 ; stip:endOffset ?p1 .
    ?doc dcterms:title ?title }}
}}"""

GRAPH_CONSTRUCT = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"

EXISTS = "SELECT ?p WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }} LIMIT 1"

# Our own representations may be larger than a user's result cap; they are bounded by the data itself.
REPRESENTATION_ROWS = 1_000_000


def entity_query(iri: str) -> str:
    """The CONSTRUCT query whose result is an entity's RDF representation (``iri`` already checked)."""
    return ENTITY_CONSTRUCT.format(iri=iri)


def graph_query(iri: str) -> str:
    return GRAPH_CONSTRUCT.format(iri=iri)


def exists_query(iri: str) -> str:
    return EXISTS.format(iri=iri)


def graph_exists_query(iri: str) -> str:
    return f"SELECT ?s WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} LIMIT 1"


_FOLDER = re.compile(r"^/(id/(" + "|".join(sorted(set(TYPE_SEGMENTS.values()))) + r")|law/[0-9A-Z]+)$")


def suggestions(service: Any, iri: str, limit: int = 5) -> list[dict[str, Any]]:
    """IRIs of this service close to an unknown one: same path (``/id/agency/``), similar slug or label."""
    base = service.iris.base
    if not iri.startswith(base + "/"):
        return []
    folder, _, slug = iri.removeprefix(base).rpartition("/")
    if not _FOLDER.match(folder):  # only the folders IRIs are minted in (the folder goes into the query)
        return []
    prefix = f"{base}{folder}/"
    rows = service.select(
        f"""SELECT DISTINCT ?e ?l WHERE {{ ?e skos:prefLabel ?l .
            FILTER(STRSTARTS(STR(?e), {json.dumps(prefix)})) }}"""
    )
    labels: dict[str, dict[str, str]] = {}
    for r in rows:
        labels.setdefault(r["e"]["value"], {}).setdefault(r["l"]["lang"] or "", r["l"]["value"])
    wanted = slug.lower()
    scored: dict[str, float] = {}
    for candidate, names in labels.items():
        score = difflib.SequenceMatcher(None, wanted, candidate.removeprefix(prefix).lower()).ratio()
        for name in names.values():
            if wanted and (wanted in name.lower() or name.lower() in wanted):
                score = max(score, 0.9)
            score = max(score, difflib.SequenceMatcher(None, wanted, name.lower()).ratio())
        if score >= 0.5:
            scored[candidate] = score
    best = sorted(scored, key=lambda c: (-scored[c], c))[:limit]
    return [{"iri": c, "path": c.removeprefix(base), "labels": labels[c]} for c in best]
