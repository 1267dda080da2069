"""Speed of the product on the corpus, measured in one process on this machine.

- ingest time per document (fresh KG_HOME, cold embedding cache) and a no-op re-ingest;
- search latency (median, p95) for 100 queries: the labelled questions of bench/data/questions.jsonl,
  in Japanese and English, in process;
- ask latency (median, p95) in process, and search and ask over HTTP (waitress, as `kg serve` runs);
- the naive RAG baseline's search latency in the same process, and hybrid search's ratio to it;
- embedding throughput of the configured model (passages and queries per second, uncached);
- search latency on a corpus 20x larger, synthetic: every passage replicated with its numbers changed,
  re-tokenized for BM25, its vectors jittered (flat FAISS costs the same whatever the values), beside
  the 1x index in the same process;
- SPARQL latency for a few typical queries;
- the example gallery (kg/queries/*.rq) on the service's store and on rdflib's in-memory store loaded with
  the same data, in the same run: medians and the ratio (bench/gallery.py);
- HTML page latency over HTTP (waitress) for each kind of page of the web interface, beside the JSON
  representation of the same entity in the same run (the rendering's cost as a ratio).
- growth (bench/growth.py): seeded synthetic corpora at ``--factors`` × the corpus (default 1 5 20), each
  ingested cold in its own home: ingest time per document, peak memory, store and index size, search, ask and
  gallery latency, a plot (bench/out/growth.png) and a projection to 1,000 and 10,000 documents.
Results are printed and written to bench/out/results.json. ``--only gallery pages`` (or any section names) runs
just those sections; sections other than ingest need an ingested home (``--home``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

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


def _questions(n: int) -> list[dict]:  # type: ignore[type-arg]
    questions = [
        json.loads(line)
        for line in (ROOT / "bench/data/questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return (questions * (n // len(questions) + 1))[:n]


def _alternating(n: int, first, second) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Milliseconds of two searches over the same n questions, taken in turn so both see the same machine load."""
    times: tuple[list[float], list[float]] = ([], [])
    for q in _questions(n):
        for fn, out in zip((first, second), times, strict=True):
            started = time.perf_counter()
            fn(q["question"])
            out.append((time.perf_counter() - started) * 1000)
    return times


def bench_ask(settings, n: int) -> dict:  # type: ignore[no-untyped-def]
    from kg.ask import Answerer
    from kg.service import Service
    from search.evaluate import NaiveBaseline

    service = Service(settings)
    answerer = Answerer(service)
    answerer.warm()  # model, index, lexicon, romanizer: one-time loads are not latency
    by_lang: dict[str, list[float]] = {}
    for q in _questions(n):
        started = time.perf_counter()
        answerer.ask(q["question"])
        by_lang.setdefault(q["lang"], []).append((time.perf_counter() - started) * 1000)
    naive = NaiveBaseline(service)
    naive_ms, hybrid_ms = _alternating(n, lambda q: naive.search(q, 10), lambda q: service.search(q, 10))
    return {
        "ask": {"all": summary([t for ts in by_lang.values() for t in ts]), **{k: summary(v) for k, v in by_lang.items()}},
        "naive_search": summary(naive_ms),
        "hybrid_search_same_run": summary(hybrid_ms),
        "hybrid_over_naive_median": round(statistics.median(hybrid_ms) / statistics.median(naive_ms), 2),
    }


@contextmanager
def _served(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app under waitress on a free loopback port, for as long as the block runs; yields its base URL."""
    import socket
    import threading

    from waitress.server import create_server

    from server import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = create_server(create_app(settings), host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


def bench_http(settings, n: int) -> dict:  # type: ignore[no-untyped-def]
    import requests

    out = {}
    with _served(settings) as base:
        for route in ("search", "ask"):
            requests.get(f"{base}/api/{route}", params={"q": "Who runs SICORP?"}, timeout=60)  # warm
            times = []
            for q in _questions(n):
                started = time.perf_counter()
                r = requests.get(f"{base}/api/{route}", params={"q": q["question"]}, timeout=60)
                times.append((time.perf_counter() - started) * 1000)
                r.raise_for_status()
            out[route] = summary(times)
    return out


PAGES = [
    ("home", "/"),
    ("ask_en", "/?q=" + quote("Who runs the Sakura Science Program?")),
    ("ask_ja", "/?q=" + quote("国際卓越研究大学制度の根拠条文は？")),
    ("search_filtered", "/?q=" + quote("予算額") + "&fiscal_year=2022&agency=jst"),
    ("program", "/id/program/sakura-science"),
    ("program_governed", "/id/program/iur-system"),
    ("agency", "/id/agency/mext"),
    ("country", "/id/country/JP"),
    ("law", "/id/law/iur-act"),
    ("provision", "/law/504AC0000000051/art_4"),
    ("document", "/doc/{doc}"),
    ("browse", "/browse"),
]


def bench_pages(settings, n: int) -> dict:  # type: ignore[no-untyped-def]
    """Each page's median and p95 over HTTP, in both languages alternately; entity pages beside their JSON."""
    import requests

    out: dict[str, dict] = {}  # type: ignore[type-arg]
    with _served(settings) as base:
        docs = requests.get(f"{base}/api/documents", timeout=60).json()["documents"]
        pages = [(name, path.format(doc=docs[0]["doc_id"])) for name, path in PAGES]
        html, json_ = {"Accept": "text/html"}, {"Accept": "application/json"}
        for _, path in pages:  # warm: the first ask loads the answerer's tables, the first page the label caches
            requests.get(base + path, headers=html, timeout=60).raise_for_status()
        times: dict[str, list[float]] = {name: [] for name, _ in pages}
        as_json: dict[str, list[float]] = {name: [] for name, path in pages if path.startswith(("/id/", "/law/"))}
        for i in range(n):
            cookies = {"lang": "ja" if i % 2 else "en"}
            for name, path in pages:
                started = time.perf_counter()
                requests.get(base + path, headers=html, cookies=cookies, timeout=60).raise_for_status()
                times[name].append((time.perf_counter() - started) * 1000)
                if name in as_json:
                    started = time.perf_counter()
                    requests.get(base + path, headers=json_, timeout=60).raise_for_status()
                    as_json[name].append((time.perf_counter() - started) * 1000)
        for name, ms in times.items():
            out[name] = summary(ms)
            if name in as_json:
                out[name]["json_median_ms"] = round(statistics.median(as_json[name]), 2)
                out[name]["html_over_json_median"] = round(statistics.median(ms) / statistics.median(as_json[name]), 2)
        out["slowest_p95_ms"] = max(v["p95_ms"] for v in out.values())  # type: ignore[index]
    return out


def bench_embedding(settings) -> dict:  # type: ignore[no-untyped-def]
    from kg.service import Service

    service = Service(settings)
    embedder = service.searcher().embedder
    texts = [p["text"] for p in service.index().passages[:32]]
    started = time.perf_counter()
    embedder.embed_passages(texts)
    passages_s = time.perf_counter() - started
    queries = [q["question"] for q in _questions(32)]
    started = time.perf_counter()
    embedder.embed_queries(queries)
    queries_s = time.perf_counter() - started
    return {
        "threads": settings.threads,
        "passages_per_s": round(len(texts) / passages_s, 2),
        "mean_passage_chars": round(sum(map(len, texts)) / len(texts)),
        "queries_per_s": round(len(queries) / queries_s, 2),
    }


def _scaled_index(index, factor: int):  # type: ignore[no-untyped-def]
    """The passage index replicated ``factor`` times, each copy's numbers changed (二〇二二 → 2022+k …)."""
    import re

    import numpy as np

    from search.index import PassageIndex
    from search.keyword import KeywordIndex, tokenize
    from search.vectors import VectorIndex

    rng = np.random.default_rng(0)
    n, passages, tokens = len(index.passages), [], []
    for k in range(factor):
        for p in index.passages:
            text = re.sub(r"\d", lambda m: str((int(m.group()) + k) % 10), p["text"]) if k else p["text"]  # noqa: B023
            passages.append({**p, "doc_id": f"{p['doc_id']}-{k}", "text": text})
            tokens.append(tokenize(f"{p.get('section', '')}\n{text}"))

    def jitter(vectors: np.ndarray) -> np.ndarray:
        return np.vstack([vectors + (rng.normal(0, 0.01, vectors.shape) if k else 0) for k in range(factor)]).astype(np.float32)

    rows = [[r + k * n for r in rows] for k in range(factor) for rows in index.window_rows]
    return PassageIndex(passages, VectorIndex.build(jitter(index.vectors.vectors())), KeywordIndex(tokens),
                        index.entities, {**index.manifest, "passages": len(passages)}, rows)  # fmt: skip


def bench_scale(settings, n: int, factor: int = 20) -> dict:  # type: ignore[no-untyped-def]
    from kg.service import Service
    from search.hybrid import Searcher

    service = Service(settings)
    base = service.searcher()
    started = time.perf_counter()
    big = Searcher(_scaled_index(service.index(), factor), base.embedder)
    build_s = time.perf_counter() - started
    big.search("warm up", 5)
    small_ms, big_ms = _alternating(n, lambda q: base.search(q, 10), lambda q: big.search(q, 10))
    return {
        "factor": factor,
        "passages": len(big.index.passages),
        "synthetic_index_build_s": round(build_s, 1),
        "search_1x": summary(small_ms),
        f"search_{factor}x": summary(big_ms),
        "median_ratio": round(statistics.median(big_ms) / statistics.median(small_ms), 2),
    }


SECTIONS = ("ingest", "search", "ask", "http", "embedding", "scale", "sparql", "gallery", "pages", "load", "growth")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--home", help="KG_HOME to use (default: a fresh temporary one)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections (default: all)")
    parser.add_argument("--rounds", type=int, default=20, help="rounds over the web pages (default 20)")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="seconds per load level (default 20)")
    parser.add_argument("--factors", nargs="+", type=float, default=[1, 5, 20],
                        help="growth: sizes as multiples of the corpus (default 1 5 20)")  # fmt: skip
    args = parser.parse_args()
    from bench.gallery import bench_gallery
    from kg.settings import load_settings

    only = set(args.only or SECTIONS)
    results: dict = {}  # type: ignore[type-arg]
    if only == {"growth"}:  # its own homes, one per size: no corpus ingest first
        from bench.growth import bench_growth

        with tempfile.TemporaryDirectory(prefix="kg-growth-") as tmp:
            growth = bench_growth(load_settings().corpus, args.factors, Path(tmp), args.queries, out=ROOT / "bench" / "out")
        print(json.dumps(growth, ensure_ascii=False, indent=1))
        return
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(home=Path(args.home or tmp).resolve())
        if "ingest" in only or not args.home:
            results["ingest"] = bench_ingest(settings)
        if "search" in only:
            results["search"] = bench_search(settings, args.queries)
        if "ask" in only:
            results["ask_and_baseline"] = bench_ask(settings, args.queries)
        if "http" in only:
            results["http"] = bench_http(settings, args.queries)
        if "embedding" in only:
            results["embedding"] = bench_embedding(settings)
        if "scale" in only:
            results["scale"] = bench_scale(settings, args.queries)
        if "sparql" in only:
            results["sparql"] = bench_sparql(settings, 20)
        if "gallery" in only:
            results["sparql_gallery"] = bench_gallery(settings, 20)
        if "pages" in only:
            results["pages"] = bench_pages(settings, args.rounds)
        if "growth" in only:
            from bench.growth import bench_growth

            results["growth"] = bench_growth(settings.corpus, args.factors, Path(tmp) / "growth", args.queries,
                                             out=ROOT / "bench" / "out")  # fmt: skip
        if "load" in only:  # 1, 16, 64 clients on loopback against `kg serve` (bench/load.py)
            from bench.load import bench_load

            results["load"] = bench_load(settings, args.load_seconds)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
