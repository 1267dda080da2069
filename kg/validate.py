"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH


@lru_cache(maxsize=4)
def _shapes(path: Path, base: str) -> Graph:
    return Graph().parse(path, format="turtle", publicID=f"{base}/")


@lru_cache(maxsize=4)
def _ontology(path: Path, base: str) -> Graph:
    return Graph().parse(path, format="turtle", publicID=f"{base}/")


def validate(data: Graph, ontology_dir: Path, base: str) -> list[str]:
    """Human-readable violations (focus node, path, message); empty when the graph conforms."""
    from pyshacl import validate as shacl_validate

    shapes = _shapes(ontology_dir / "shapes.ttl", base)
    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=_ontology(ontology_dir / "stip.ttl", base), inference="none", allow_warnings=True
    )
    if conforms:
        return []
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        problems.append(f"{focus} {path or ''}: {message}")
    return sorted(problems)
