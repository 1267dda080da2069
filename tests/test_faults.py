"""Faults, each on a copy of the session's ingested KG_HOME: a damaged store or index (a clear error naming
`kg reindex`, which recovers), the disk filling while a generation is written (a file-size limit: the previous
generation stays published and intact), two writers at once (the second refused with a message), `kill -9` of a
loaded server and its restart, and a new generation published while 32 clients query (no failed request)."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from conftest import ROOT, free_port

from kg.errors import Damaged, KGError
from kg.home import Home
from kg.service import Service
from kg.settings import Settings, load_settings

PROGRAMS = "SELECT (COUNT(*) AS ?n) WHERE { ?p a stip:Program }"


@pytest.fixture()
def home_copy(tmp_path: Path, settings: Settings, ingested) -> Settings:  # type: ignore[no-untyped-def]
    target = tmp_path / "home"
    shutil.copytree(settings.home, target, symlinks=True)
    return load_settings(home=target, corpus=settings.corpus, base_iri=settings.base_iri, query_timeout=5,
                         port=free_port())  # fmt: skip


def _programs(s: Settings) -> int:
    service = Service(s)
    try:
        return int(service.select(PROGRAMS)[0]["n"]["value"])
    finally:
        service.close()


def test_deleted_store_file_names_reindex_which_recovers(home_copy: Settings) -> None:
    from ingest.run import reindex

    before = _programs(home_copy)
    (Home(home_copy.home).current() / "store" / "CURRENT").unlink()  # type: ignore[operator]
    service = Service(home_copy)
    with pytest.raises(Damaged) as info:
        service.select(PROGRAMS)
    assert "kg reindex" in info.value.hint and "store" in info.value.message
    service.close()
    reindex(home_copy, progress=False)
    assert _programs(home_copy) == before


def test_truncated_index_names_reindex_which_recovers(home_copy: Settings) -> None:
    from ingest.run import reindex

    vectors = Home(home_copy.home).current() / "index" / "windows.faiss"  # type: ignore[operator]
    vectors.write_bytes(vectors.read_bytes()[:100])
    service = Service(home_copy)
    with pytest.raises(Damaged) as info:
        service.search("さくらサイエンス")
    assert "kg reindex" in info.value.hint
    service.close()
    reindex(home_copy, progress=False)
    service = Service(home_copy)
    try:
        assert service.search("さくらサイエンス", 3)["hits"]
    finally:
        service.close()


def test_disk_filling_during_a_rebuild_leaves_the_published_generation(home_copy: Settings) -> None:
    """`kg reindex` under a 256 KB file-size limit (as a full disk would stop it): it fails with a message, and
    `current` still names the same, intact generation."""
    home = Home(home_copy.home)
    before, programs = home.current(), _programs(home_copy)
    generations = sorted(p.name for p in home.generations.glob("gen-*"))

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (256_000, 256_000))

    env = {**os.environ, "KG_HOME": str(home_copy.home), "KG_BASE_IRI": home_copy.base_iri, "KG_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "kg", "reindex", "--quiet"], cwd=ROOT, env=env, preexec_fn=limit,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    assert "could not write the new generation" in done.stderr and "Traceback" not in done.stderr
    assert home.current() == before and _programs(home_copy) == programs
    assert sorted(p.name for p in home.generations.glob("gen-*")) == generations  # nothing half-built published


def test_a_second_writer_is_refused_with_a_message(home_copy: Settings) -> None:
    from ingest.run import ingest

    with Home(home_copy.home).writer_lock():
        with pytest.raises(KGError) as info:
            ingest([home_copy.corpus], home_copy, progress=False)
    assert "another ingest is running" in info.value.message and info.value.hint


def _serve(s: Settings) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KG_HOME": str(s.home), "KG_BASE_IRI": s.base_iri, "KG_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(s.port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip


def _wait_up(url: str, process: subprocess.Popen[bytes], limit: float = 180) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        assert process.poll() is None, "the server exited"
        try:
            if requests.get(f"{url}/health", timeout=2).status_code == 200:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not come up")


def test_kill_9_under_load_then_restart(home_copy: Settings) -> None:
    url = f"http://127.0.0.1:{home_copy.port}"
    server = _serve(home_copy)
    try:
        _wait_up(url, server)
        stats = requests.get(f"{url}/api/stats", timeout=30).json()
        stop = threading.Event()

        def load() -> None:
            while not stop.is_set():
                try:
                    requests.get(f"{url}/sparql", params={"query": PROGRAMS}, timeout=5)
                except requests.RequestException:
                    pass  # the server is killed mid-request: that is the point

        threads = [threading.Thread(target=load) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(2)
        os.killpg(server.pid, signal.SIGKILL)  # the server and its SPARQL workers, as an OOM killer would
        server.wait(10)
        stop.set()
        for t in threads:
            t.join()
        server = _serve(home_copy)
        _wait_up(url, server)
        assert requests.get(f"{url}/api/stats", timeout=30).json() == stats  # nothing lost
        r = requests.get(f"{url}/id/program/sakura-science", headers={"Accept": "application/json"}, timeout=30)
        assert r.status_code == 200
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)


def test_publishing_while_32_clients_query(home_copy: Settings) -> None:
    """A reindex publishes a new generation while 32 clients query: not one request fails across the switch."""
    from waitress.server import create_server

    from ingest.run import reindex
    from server import create_app, waitress_options

    served = load_settings(home=home_copy.home, corpus=home_copy.corpus, base_iri=home_copy.base_iri, port=free_port(),
                           proxies=1, queue_wait=60, max_queue=64)  # fmt: skip
    app = create_app(served)
    server = create_server(app, host="127.0.0.1", port=served.port, **{**waitress_options(served), "threads": 40})
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{served.port}"
    before = requests.get(f"{url}/health", timeout=30).json()["generation"]
    stop = threading.Event()
    paths = ["/api/stats", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "/id/program/sakura-science.json", "/api/documents"]

    def client(n: int) -> tuple[Counter[int], set[str]]:
        codes: Counter[int] = Counter()
        generations: set[str] = set()
        session = requests.Session()
        while not stop.is_set():
            r = session.get(url + paths[n % len(paths)], headers={"X-Forwarded-For": f"10.2.0.{n}"}, timeout=120)
            codes[r.status_code] += 1
            generations.add(session.get(f"{url}/health", timeout=120).json()["generation"])
        return codes, generations

    try:
        with ThreadPoolExecutor(32) as pool:
            futures = [pool.submit(client, n) for n in range(32)]
            time.sleep(1)
            reindex(served, progress=False)
            time.sleep(2)
            stop.set()
            results = [f.result() for f in futures]
        codes = sum((c for c, _ in results), Counter())
        seen = set().union(*(g for _, g in results))
        assert set(codes) == {200}, codes
        assert before in seen and len(seen) == 2, seen  # requests were answered from both sides of the switch
    finally:
        server.close()
        app.extensions["kg"].close()
