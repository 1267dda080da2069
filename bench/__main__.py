"""Speed of the product on the corpus, measured in one process on this machine.

- ingest time per document (fresh KG_HOME, cold embedding cache) and a no-op re-ingest;
- search latency (median, p95) for 100 queries: the labelled questions of bench/data/questions.jsonl,
  in Japanese and English, in process;
- SPARQL latency for a few typical queries.
Results are printed and written to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 2), "p95_ms": round(pct(ms, 0.95), 2)}


def bench_ingest(settings) -> dict:  # type: ignore[no-untyped-def]
    from ingest.run import ingest

    started = time.perf_counter()
    report = ingest([settings.corpus], settings, progress=False)
    total = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest([settings.corpus], settings, progress=False)
    noop = time.perf_counter() - started
    assert again.ingested == []
    return {"per_document_s": report.seconds, "total_s_with_index_build": round(total, 2), "reingest_unchanged_s": round(noop, 3)}


def bench_search(settings, n: int) -> dict:  # type: ignore[no-untyped-def]
    from kg.service import Service

    questions = [
        json.loads(line)
        for line in (ROOT / "bench/data/questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    queries = [q["question"] for q in questions]
    queries = (queries * (n // len(queries) + 1))[:n]
    service = Service(settings)
    service.search("warm up", 5)  # loads the model and index once, as a running server has
    times = []
    for q in queries:
        started = time.perf_counter()
        service.search(q, 10)
        times.append((time.perf_counter() - started) * 1000)
    by_lang: dict[str, list[float]] = {}
    for q, t in zip((questions * (n // len(questions) + 1))[:n], times, strict=True):
        by_lang.setdefault(q["lang"], []).append(t)
    return {"all": summary(times), **{lang: summary(ts) for lang, ts in by_lang.items()}}


SPARQL = {
    "programs_with_labels": "SELECT ?p ?l WHERE { ?p a stip:Program ; skos:prefLabel ?l }",
    "mentions_per_entity": "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m stip:refersTo ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 20",
    "budgets_by_year": (
        "SELECT ?y (SUM(?v) AS ?total) WHERE { ?b a stip:Budget ; schema:value ?v ; stip:fiscalYear ?y } GROUP BY ?y"
    ),
    "passages_mentioning_mext": "SELECT ?p WHERE { agency:mext stip:mentionedIn ?p }",
}


def bench_sparql(settings, repeat: int) -> dict:  # type: ignore[no-untyped-def]
    from kg.service import Service

    service = Service(settings)
    out = {}
    try:
        for name, query in SPARQL.items():
            service.sparql(query)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                service.sparql(query)
                times.append((time.perf_counter() - started) * 1000)
            out[name] = summary(times)
    finally:
        service.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--home", help="KG_HOME to use (default: a fresh temporary one)")
    args = parser.parse_args()
    from kg.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(home=Path(args.home or tmp).resolve())
        results = {"ingest": bench_ingest(settings)}
        results["search"] = bench_search(settings, args.queries)
        results["sparql"] = bench_sparql(settings, 20)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
