"""Growth: synthetic corpora at several multiples of the corpus, each ingested cold in its own home.

Per size: ingest wall and CPU time per document, peak RSS of the ingest (largest process, workers
included) and of the server, store triples and bytes on disk, index bytes, search and ask p50/p95 over
HTTP (``kg serve``), the SPARQL gallery's median (endpoint path, in process). Then each figure at 1,000 and
10,000 documents (totals from their mean per document, memory and latency from a straight line): a projection,
not a measurement.
Writes bench/out/growth.json and bench/out/growth.png.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

from bench.synthetic import build_corpus

ROOT = Path(__file__).resolve().parent.parent
PROJECT_TO = (1_000, 10_000)
ROW_CAP = 10_000_000  # past KG_MAX_ROWS: at 5x a gallery listing passes the endpoint's default cap of 10,000 rows


def _bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _summary(ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(_pct(ms, 0.95), 1)}


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KG_HOME": str(home), "KG_THREADS": os.environ.get("KG_THREADS", "1"), "HF_HUB_OFFLINE": "1"}


def timed_ingest(corpus: Path, home: Path) -> dict[str, float]:
    """`kg ingest` in a child process on a fresh home: wall, CPU and peak RSS (its largest process)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(corpus), "--quiet"], env=_env(home), cwd=ROOT,
                            stdout=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)  # the child's usage includes its reaped workers'
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"kg ingest failed with exit code {proc.returncode}")
    wall = time.perf_counter() - started
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _questions(n: int) -> list[str]:
    rows = [json.loads(x) for x in (ROOT / "bench/data/questions.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [q["question"] for q in (rows * (n // len(rows) + 1))[:n]]


def served_latency(home: Path, n: int) -> dict[str, Any]:
    """Search and ask p50/p95 over HTTP against `kg serve`, and the server's peak RSS (VmHWM) after them."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)], env=_env(home), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                requests.get(f"{base}/health", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        out: dict[str, Any] = {}
        for route in ("search", "ask"):
            requests.get(f"{base}/api/{route}", params={"q": "Who runs SICORP?"}, timeout=120)  # warm: model, tables
            times = []
            for q in _questions(n):
                started = time.perf_counter()
                requests.get(f"{base}/api/{route}", params={"q": q}, timeout=120).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            out[route] = _summary(times)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        out["server_peak_rss_mb"] = round(int(status.split("VmHWM:")[1].split()[0]) / 1024, 1)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def gallery_median(home: Path, repeat: int) -> tuple[float, list[str]]:
    """Median over the gallery's queries of each query's median time on the endpoint path (in process), and the
    queries that hit the endpoint's timeout (left out of the median, and reported)."""
    from kg.errors import QueryTimeout
    from kg.gallery import load_gallery
    from kg.service import Service
    from kg.settings import load_settings

    service = Service(load_settings(home=home))
    try:
        prefixes = service.iris.prefixes()
        medians, timed_out = [], []
        for ex in load_gallery():
            text = ex.text(prefixes)
            run = lambda t=text: service.sparql(t, "json", max_rows=ROW_CAP)  # noqa: E731 - the whole result, as at 1x
            try:
                run()
            except QueryTimeout:
                timed_out.append(ex.name)
                continue
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                run()
                times.append((time.perf_counter() - started) * 1000)
            medians.append(statistics.median(times))
        return round(statistics.median(medians), 2), timed_out
    finally:
        service.close()


def store_figures(home: Path) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.home import Home
    from kg.store import STORE_DIR, statement_count
    from search.index import INDEX_DIR

    generation = Home(home).current()
    assert generation is not None, "no generation published"
    store = ox.Store.read_only(str(generation / STORE_DIR))
    passages = json.loads((generation / INDEX_DIR / "manifest.json").read_text()).get("passages")
    return {
        "triples": statement_count(store),
        "store_mb": round(_bytes(generation / STORE_DIR) / 2**20, 2),
        "index_mb": round(_bytes(generation / INDEX_DIR) / 2**20, 2),
        "passages": passages,
    }


def measure(corpus: Path, factor: float, work: Path, queries: int, repeat: int) -> dict[str, Any]:
    """Build the synthetic corpus at ``factor``, ingest it cold, and take every figure of one size."""
    docs = build_corpus(corpus, factor, work / f"corpus-{factor:g}")
    home = work / f"home-{factor:g}"
    ingest = timed_ingest(docs[0].parent, home)
    row: dict[str, Any] = {
        "factor": factor,
        "documents": len(docs),
        "corpus_kb": round(sum(p.stat().st_size for p in docs) / 1024),
        "ingest_s": round(ingest["wall_s"], 1),
        "ingest_s_per_doc": round(ingest["wall_s"] / len(docs), 2),
        "ingest_cpu_s_per_doc": round(ingest["cpu_s"] / len(docs), 2),
        "ingest_peak_rss_mb": round(ingest["peak_rss_mb"], 1),
        **store_figures(home),
    }
    served = served_latency(home, queries)
    row.update(search=served["search"], ask=served["ask"], server_peak_rss_mb=served["server_peak_rss_mb"])
    row["gallery_median_ms"], row["gallery_timed_out"] = gallery_median(home, repeat)
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


PER_DOCUMENT = ("ingest_s", "triples", "store_mb", "index_mb")  # totals that grow with the documents
RATES = ("ingest_s_per_doc", "ingest_cpu_s_per_doc")  # per-document figures, flat if the design scales
GROWING = ("ingest_peak_rss_mb", "server_peak_rss_mb")  # memory held for the whole collection


def projection(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure at 1,000 and 10,000 documents: totals from the mean per document, per-document rates as
    their mean, memory and latency from a least-squares line against documents (needs two sizes)."""
    import numpy as np

    docs = np.array([r["documents"] for r in rows], dtype=float)
    out: dict[str, Any] = {"note": "projection from the measured sizes, not a measurement: totals = mean per "
                                   "document x documents; rates = their mean; memory and latency = a straight line"}  # fmt: skip
    if len(set(docs)) < 2:
        return out
    for name in PER_DOCUMENT:
        per_doc = float(np.mean([r[name] / r["documents"] for r in rows]))
        out[name] = {str(n): round(per_doc * n, 2) for n in PROJECT_TO}
    for name in RATES:
        out[name] = {str(n): round(float(np.mean([r[name] for r in rows])), 2) for n in PROJECT_TO}
    lines: dict[str, list[float]] = {k: [r[k] for r in rows] for k in GROWING}
    lines["search_p95_ms"] = [r["search"]["p95_ms"] for r in rows]
    lines["ask_p95_ms"] = [r["ask"]["p95_ms"] for r in rows]
    for name, values in lines.items():
        slope, intercept = np.polyfit(docs, np.array(values, dtype=float), 1)
        out[name] = {str(n): round(float(slope * n + intercept), 2) for n in PROJECT_TO}
    return out


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    docs = [r["documents"] for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    panels = [
        ("ingest time per document (s)", {"wall": [r["ingest_s_per_doc"] for r in rows],
                                          "CPU": [r["ingest_cpu_s_per_doc"] for r in rows]}),
        ("size on disk (MB)", {"store": [r["store_mb"] for r in rows], "index": [r["index_mb"] for r in rows]}),
        ("peak RSS (MB)", {"ingest": [r["ingest_peak_rss_mb"] for r in rows], "server": [r["server_peak_rss_mb"] for r in rows]}),
        ("latency p95 (ms)", {"search": [r["search"]["p95_ms"] for r in rows], "ask": [r["ask"]["p95_ms"] for r in rows],
                              "gallery median": [r["gallery_median_ms"] for r in rows]}),
    ]  # fmt: skip
    for ax, (title, series) in zip(axes.flat, panels, strict=True):
        for label, values in series.items():
            ax.plot(docs, values, marker="o", label=label)
        ax.set_title(title)
        ax.set_xlabel("documents")
        ax.legend()
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def bench_growth(corpus: Path, factors: list[float], work: Path, queries: int = 100, repeat: int = 10,
                 out: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Every size's figures, the projection, and the plot (when ``out`` is given)."""
    rows: list[dict[str, Any]] = []
    for factor in factors:  # written after every size: a long run that stops keeps what it measured
        rows.append(measure(corpus, factor, work, queries, repeat))
        report = {"sizes": rows, "projection": projection(rows)}
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            plot(rows, out / "growth.png")
            (out / "growth.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report
