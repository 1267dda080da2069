"""The CLI as a user runs it: real subprocesses, exit codes, one-line errors with hints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(settings, *args: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KG_HOME": str(settings.home), "KG_BASE_IRI": settings.base_iri, "KG_CORPUS": str(settings.corpus)}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_stats(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    r = run(settings, "stats", "--json")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["documents"] == 5 and stats["classes"]["Document"] == 5


def test_search_json(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    r = run(settings, "search", "Sakura Science age limit", "--json")
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)["hits"]
    assert len(hits) == 10, "the default page is 10 passages"
    assert any("40歳以下" in h["text"] for h in hits), "the age limit is on the first page"


def test_sparql_csv_and_file(settings, ingested, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?d ?t WHERE { ?d a stip:Document ; dcterms:title ?t }", encoding="utf-8")
    r = run(settings, "sparql", f"@{q}", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "d,t" and len(r.stdout.splitlines()) == 6


def test_export_formats(settings, ingested, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import rdflib

    for fmt, parse_as in (("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        r = run(settings, "export", "--format", fmt, "-o", str(out))
        assert r.returncode == 0, r.stderr
        graph = rdflib.Dataset() if fmt in ("trig", "nquads", "jsonld") else rdflib.Graph()
        graph.parse(out, format=parse_as)
        assert len(graph) > 1000 if fmt == "turtle" else sum(1 for _ in graph.quads()) > 1000


def test_errors_are_one_line_with_hint(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    r = run(settings, "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert r.returncode == 2 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr
    r = run(settings, "remove", "no-such-doc")
    assert r.returncode == 2 and "hint:" in r.stderr
    r = run(settings, "search", "x", "--k", "0")
    assert r.returncode == 2 and "k must be" in r.stderr


def test_search_before_any_ingest_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "KG_HOME": str(tmp_path / "empty")}
    r = subprocess.run([sys.executable, "-m", "kg", "search", "MEXT"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "python -m kg ingest" in r.stderr


def test_a_closed_pipe_ends_quietly(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KG_HOME": str(settings.home), "KG_CORPUS": str(settings.corpus)}
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 9000"
    proc = subprocess.run(
        f"{sys.executable} -m kg sparql '{query}' --format csv | head -1",
        shell=True, capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parent.parent, timeout=300,
    )  # fmt: skip
    assert proc.stdout.strip() == "s,p,o"
    assert "Traceback" not in proc.stderr


def test_ask_prints_answer_and_citation(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    proc = run(settings, "ask", "さくらサイエンスプログラムの令和4年度予算は？")
    assert proc.returncode == 0, proc.stderr
    assert "1,371百万円" in proc.stdout and "stip:budgetOf" in proc.stdout


def test_search_filters_and_facets(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    r = run(settings, "search", "予算額", "--fiscal-year", "FY2022", "--agency", "科学技術振興機構", "--facets", "--k", "3")
    assert r.returncode == 0, r.stderr
    facets = r.stdout.split("facets over the top ", 1)[1]
    depth = int(facets.split()[0])
    assert depth >= 1 and f"2022 ({depth})" in facets  # every passage kept states an FY2022 budget
    assert f"agency: Japan Science and Technology Agency ({depth})" in facets
    r = run(settings, "search", "予算額", "--agency", "Nobody")
    assert r.returncode == 2 and "no agency named 'Nobody'" in r.stderr and "hint:" in r.stderr
