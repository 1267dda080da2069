"""The gallery of example SPARQL queries: one ``kg/queries/*.rq`` file per example.

The same files feed the query editor at ``/sparql``, the tests that check each example's answer and the
SPARQL benchmark, so an example that stops working is caught. Each file starts with comment lines::

    # ja: 年度・実施機関別の予算
    # en: Budgets by fiscal year and operating agency
    # One or more lines of description (English).

and then the query, written with the endpoint's predefined prefixes (``stip:``, ``agency:`` …). The
PREFIX lines are added per deployment by ``Example.text``, because the project prefixes depend on the
base IRI; the text a user copies from the page is then a complete query any SPARQL client can send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent / "queries"

_HEADER = re.compile(r"^#\s*(ja|en):\s*(.+?)\s*$")
_PNAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*):")


@dataclass(frozen=True)
class Example:
    name: str  # file stem, e.g. "01-budgets-by-year-and-agency"
    title_ja: str
    title_en: str
    description: str
    body: str  # the query without PREFIX lines

    def text(self, prefixes: dict[str, str]) -> str:
        """The query with PREFIX lines for the prefixes it uses, ready for any SPARQL client."""
        from kg.sparql import blank_literals

        used = {m.group(1) for m in _PNAME.finditer(blank_literals(self.body))}
        lines = [f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p in used]
        return "\n".join([*lines, "", self.body]) if lines else self.body

    def to_json(self, prefixes: dict[str, str]) -> dict[str, str]:
        return {"name": self.name, "title_ja": self.title_ja, "title_en": self.title_en,
                "description": self.description, "query": self.text(prefixes)}  # fmt: skip


def parse_example(name: str, source: str) -> Example:
    """One gallery file: ja/en title lines, description comment lines, then the query."""
    titles: dict[str, str] = {}
    description: list[str] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        m = _HEADER.match(lines[i])
        if m:
            titles[m.group(1)] = m.group(2)
        else:
            description.append(lines[i].lstrip("#").strip())
        i += 1
    missing = {"ja", "en"} - set(titles)
    if missing:
        raise ValueError(f"{name}.rq: missing title line(s) {', '.join(f'# {m}: …' for m in sorted(missing))}")
    body = "\n".join(lines[i:]).strip()
    if not body:
        raise ValueError(f"{name}.rq: no query after the header")
    return Example(name, titles["ja"], titles["en"], " ".join(d for d in description if d), body)


@cache
def load_gallery(folder: Path = QUERY_DIR) -> tuple[Example, ...]:
    """Every example, in file-name order."""
    return tuple(parse_example(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq")))


def example(name: str) -> Example:
    for ex in load_gallery():
        if ex.name == name:
            return ex
    raise KeyError(name)
