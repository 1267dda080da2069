"""Facets of a result list (how many passages per document, entity type, fiscal year, country, agency) and
the resolution of the names people give filters ("India", 「インド」, "JST") to the IRIs passages mention.

Counts are taken over the best ``FACET_DEPTH`` candidates of a query, after its filters: the passages a
reader would page through, not every passage a dense retriever returns for any query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from typing import Any

from kg.errors import BadRequest
from search.hybrid import Hit

FACET_DEPTH = 50
COUNTRY_TYPES = ("Country", "Region")
AGENCY_TYPES = ("Agency",)
MAX_VALUES = 20  # per facet: the long tail of one-passage countries helps no one


def facets(hits: list[Hit], entities: Mapping[str, dict[str, Any]],
           fiscal_years: Mapping[int, Collection[int]]) -> dict[str, Any]:  # fmt: skip
    """Value counts over the given hits (each passage counted once per value)."""
    docs: Counter[str] = Counter()
    titles: dict[str, str | None] = {}
    types: Counter[str] = Counter()
    years: Counter[int] = Counter()
    countries: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    for hit in hits:
        p = hit.passage
        docs[p["doc_id"]] += 1
        titles[p["doc_id"]] = p.get("title")
        mentioned = set(p.get("entities", []))
        types.update({entities.get(e, {}).get("type") for e in mentioned} - {None})
        years.update(set(fiscal_years.get(hit.row, ())))
        countries.update(e for e in mentioned if entities.get(e, {}).get("type") in COUNTRY_TYPES)
        agencies.update(e for e in mentioned if entities.get(e, {}).get("type") in AGENCY_TYPES)

    def named(counter: Counter[str]) -> list[dict[str, Any]]:
        return [{"value": iri, "labels": entities.get(iri, {}).get("labels", {}), "count": n}
                for iri, n in _top(counter)]  # fmt: skip

    return {
        "depth": len(hits),
        "doc": [{"value": d, "title": titles[d], "count": n} for d, n in _top(docs)],
        "type": [{"value": t, "count": n} for t, n in _top(types)],
        "fiscal_year": [{"value": y, "count": n} for y, n in sorted(years.items())],
        "country": named(countries),
        "agency": named(agencies),
    }


def _top(counter: Counter[Any]) -> list[tuple[Any, int]]:
    return sorted(counter.items(), key=lambda t: (-t[1], str(t[0])))[:MAX_VALUES]


def resolve(value: str | None, kinds: tuple[str, ...], entities: Mapping[str, dict[str, Any]], what: str) -> str | None:
    """The IRI of the entity of one of ``kinds`` that ``value`` names: its IRI, its slug, or a label or alias in
    either language (case-insensitive). Unknown names are a bad request with a hint, not an empty result."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    candidates = {iri: info for iri, info in entities.items() if info.get("type") in kinds}
    if value in candidates:
        return value
    needle = value.lower()
    for iri, info in candidates.items():
        names = [*info.get("labels", {}).values(), *info.get("aliases", []), iri.rsplit("/", 1)[-1]]
        if any(needle == n.lower() for n in names):
            return iri
    example = "India, インド or IN" if kinds == COUNTRY_TYPES else "JST, 文部科学省 or mext"
    raise BadRequest(f"no {what} named {value!r}", f"give its IRI or a name such as {example}")


def fiscal_year(value: str | int | None) -> int | None:
    """A fiscal year filter from 2022 or FY2022."""
    if value is None or value == "":
        return None
    text = str(value).strip().upper().removeprefix("FY")
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise BadRequest(f"not a fiscal year: {value!r}", "give a four-digit year such as 2022 (or FY2022)")
    return int(text)
