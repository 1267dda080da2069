"""Load on loopback: 1, 16 and 64 clients, each a thread with its own address (X-Forwarded-For, the server
trusting one proxy), sending a mix of ask, search, SPARQL and pages for a bounded time against `kg serve` in its
own process, as users reach it. Per level: requests per second, p50 / p95 / p99 latency, status counts, and
errors other than the designed 429 / 503 (which must carry Retry-After)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
MIX = [
    ("/api/ask", {"q": "Who runs SICORP?"}, {}),
    ("/api/search", {"q": "さくらサイエンスプログラムの対象年齢", "k": "10"}, {}),
    ("/api/search", {"q": "international joint research budget", "k": "10"}, {}),
    ("/sparql", {"query": "SELECT ?p ?l WHERE { ?p a stip:Program ; skos:prefLabel ?l } LIMIT 50"},
     {"Accept": "application/sparql-results+json"}),
    ("/id/program/sakura-science", {}, {"Accept": "text/html"}),
    ("/browse", {}, {"Accept": "text/html"}),
]  # fmt: skip


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def _serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "KG_HOME": str(home), "KG_PROXIES": "1", "KG_THREADS": os.environ.get("KG_THREADS", "1")}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(900):
        try:
            if requests.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not come up")


def _level(url: str, clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    codes: Counter[int] = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        session = requests.Session()
        i = n
        while time.monotonic() < deadline:
            path, params, headers = MIX[i % len(MIX)]
            i += 1
            started = time.perf_counter()
            try:
                r = session.get(url + path, params=params, timeout=60,
                                headers={**headers, "X-Forwarded-For": f"10.9.{n // 250}.{n % 250 + 1}"})  # fmt: skip
                status, retry = r.status_code, r.headers.get("Retry-After")
            except requests.RequestException as exc:
                status, retry = 0, None
                with lock:
                    errors.append(type(exc).__name__)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                codes[status] += 1
                if status == 200:
                    latencies.append(elapsed)
                elif status in (429, 503) and retry:
                    pass  # the designed refusals
                else:
                    errors.append(f"{status} {path}")
            if status in (429, 503) and retry:
                time.sleep(min(float(retry), 1.0))  # a polite client backs off

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": sum(codes.values()),
        "ok_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(_pct(latencies, 0.5), 1),
        "p95_ms": round(_pct(latencies, 0.95), 1),
        "p99_ms": round(_pct(latencies, 0.99), 1),
        "max_ms": round(max(latencies, default=0.0), 1),
        "status": dict(sorted(codes.items())),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def bench_load(settings: Any, seconds: float = 20.0, levels: tuple[int, ...] = (1, 16, 64)) -> dict[str, Any]:
    process, url = _serve(settings.home)
    try:
        for path, params, headers in MIX:  # warm: models loaded, caches filled, workers started
            requests.get(url + path, params=params, headers=headers, timeout=120)
        return {"levels": [_level(url, n, seconds) for n in levels], "mix": [m[0] for m in MIX],
                "settings": {k: getattr(settings, k) for k in ("concurrency", "max_queue", "queue_wait", "server_threads",
                                                                "client_requests", "client_sparql")}}  # fmt: skip
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
