"""How the service names things: namespaces and IRI builders.

Entities: ``{BASE}/id/{type}/{slug}`` (slug from the canonical name, stable across runs);
documents: ``{BASE}/doc/{doc_id}``, passages ``{BASE}/doc/{doc_id}#p{n}``; the ontology: ``{BASE}/ontology#``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
M8G = Namespace("http://data.europa.eu/m8g/")
QB = Namespace("http://purl.org/linked-data/cube#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Entity type → path segment under /id/.
TYPE_SEGMENTS = {
    "Program": "program",
    "Agency": "agency",
    "Organization": "org",
    "University": "org",
    "ResearchInstitute": "org",
    "Council": "org",
    "Country": "country",
    "Region": "region",
    "Prefecture": "place",
    "Municipality": "place",
    "City": "place",
    "Law": "law",
    "Ordinance": "law",
    "Budget": "budget",
    "Event": "event",
    "Meeting": "event",
    "Person": "person",
    "Post": "post",
    "Observation": "obs",
}


@dataclass(frozen=True)
class Iris:
    """IRI builders bound to one base."""

    base: str

    @property
    def ont(self) -> Namespace:
        return Namespace(f"{self.base}/ontology#")

    @property
    def ontology(self) -> str:
        return f"{self.base}/ontology"

    def doc(self, doc_id: str) -> str:
        return f"{self.base}/doc/{doc_id}"

    def passage(self, doc_id: str, n: int) -> str:
        return f"{self.base}/doc/{doc_id}#p{n}"

    def mention(self, doc_id: str, start: int, end: int, n: int = 0) -> str:
        """A mention's IRI; ``n`` tells apart two names one span holds (基盤研究(S・A): (S) and (A))."""
        return f"{self.base}/doc/{doc_id}#m{start}-{end}" + (f".{n}" if n else "")

    def entity(self, type_name: str, slug: str) -> str:
        # IRIs may hold Unicode: a Japanese slug stays readable (browsers percent-encode it on the wire).
        return f"{self.base}/id/{TYPE_SEGMENTS.get(type_name, type_name.lower())}/{slug}"

    def vocab_graph(self) -> str:
        return f"{self.base}/graph/vocab"

    def ontology_graph(self) -> str:
        return f"{self.base}/graph/ontology"

    def prefixes(self) -> dict[str, str]:
        """Prefixes offered to SPARQL users (and used in serializations)."""
        return {
            "stip": str(self.ont),
            "doc": f"{self.base}/doc/",
            "program": f"{self.base}/id/program/",
            "agency": f"{self.base}/id/agency/",
            "org": str(ORG),
            "country": f"{self.base}/id/country/",
            "region": f"{self.base}/id/region/",
            "place": f"{self.base}/id/place/",
            "law": f"{self.base}/id/law/",
            "skos": str(SKOS),
            "dcterms": str(DCTERMS),
            "rdf": str(RDF),
            "rdfs": str(RDFS),
            "owl": str(OWL),
            "xsd": str(XSD),
            "prov": str(PROV),
            "schema": str(SCHEMA),
            "eli": str(ELI),
            "m8g": str(M8G),
            "qb": str(QB),
        }


_SLUG_DROP = re.compile(r"[^\w\-.~\u3040-\u30ff\u3400-\u9fff]+")


def slugify(name: str) -> str:
    """A stable, readable slug: NFKC, lowercase ASCII, Japanese kept as is (IRIs allow it)."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = _SLUG_DROP.sub("-", text).strip("-")
    return re.sub(r"-{2,}", "-", text) or "x"
