"""Reliability and security over the real app: IRIs that do not depend on where the server listens, every bad
input answered with a 4xx JSON error, headers, and admission control (429 / 503 with Retry-After) on a real
waitress server on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from conftest import ROOT, free_port

from kg.admission import Admission
from kg.errors import Saturated, TooManyRequests
from kg.settings import Settings, load_settings

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 25k³ rows: only the timeout ends it
SIMPLE = "ASK { ?s ?p ?o }"


@pytest.fixture(autouse=True)
def _no_base_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)


def _app(settings: Settings):  # type: ignore[no-untyped-def]
    from server import create_app

    application = create_app(settings)
    application.config["TESTING"] = True
    return application


# ---------------------------------------------------------------- stable IRIs


def test_server_on_another_port_serves_the_store_iris(settings: Settings, ingested) -> None:  # type: ignore[no-untyped-def]
    other = load_settings(home=settings.home, corpus=settings.corpus, port=free_port(), query_timeout=3)
    assert other.base_iri != settings.base_iri and not other.base_iri_set
    app = _app(other)
    try:
        client = app.test_client()
        page = client.get("/id/program/sakura-science", headers={"Accept": "application/json"})
        assert page.status_code == 200, page.get_json()
        assert page.get_json()["iri"] == f"{settings.base_iri}/id/program/sakura-science"
        answer = client.get("/api/ask", query_string={"q": "Who runs SICORP?"}).get_json()
        assert answer["answered"] and "JST" in str(answer)
    finally:
        app.extensions["kg"].close()


def test_changed_base_iri_is_answered_with_the_rebuild_command(settings: Settings, ingested) -> None:  # type: ignore[no-untyped-def]
    changed = load_settings(home=settings.home, corpus=settings.corpus, base_iri="https://example.org/other")
    app = _app(changed)
    try:
        r = app.test_client().get("/api/stats")
        body = r.get_json()
        assert r.status_code == 503 and body["code"] == "base_mismatch"
        assert "kg ingest --force" in body["hint"] and settings.base_iri in body["error"]
    finally:
        app.extensions["kg"].close()


@pytest.fixture(scope="module")
def proxied_home(tmp_path_factory: pytest.TempPathFactory, ingested) -> Settings:  # type: ignore[no-untyped-def]
    """A store built elsewhere, with KG_BASE_IRI=https://example.org/kg (one small document)."""
    from ingest.run import ingest

    home = tmp_path_factory.mktemp("proxied")
    built = load_settings(home=home, base_iri="https://example.org/kg", validate=False)
    report = ingest([ROOT / "tests" / "data" / "extraction" / "heldout.txt"], built, progress=False)
    assert report.generation and not report.failed
    return load_settings(home=home, port=free_port(), query_timeout=3, proxies=1)  # served here, KG_BASE_IRI unset


def _an_entity(client) -> str:  # type: ignore[no-untyped-def]
    entities = client.get("/api/entities", query_string={"limit": 1}).get_json()["entities"]
    return entities[0]["iri"]


def test_proxy_path_prefix_as_forwarded(proxied_home: Settings) -> None:
    """A proxy that forwards https://example.org/kg/id/… as /kg/id/… to a server on any port."""
    app = _app(proxied_home)
    try:
        client = app.test_client()
        iri = _an_entity(client)
        assert iri.startswith("https://example.org/kg/id/")
        r = client.get(iri.removeprefix("https://example.org"), headers={"Accept": "text/html"})
        assert r.status_code == 200 and 'href="/kg/' in r.get_data(as_text=True)
    finally:
        app.extensions["kg"].close()


def test_proxy_that_strips_the_prefix(proxied_home: Settings) -> None:
    """A proxy that strips /kg and says so in X-Forwarded-Prefix (trusted: KG_PROXIES=1)."""
    app = _app(proxied_home)
    try:
        client = app.test_client()
        iri = _an_entity(client)
        headers = {"Accept": "application/json", "X-Forwarded-Prefix": "/kg", "X-Forwarded-Host": "example.org"}
        r = client.get(iri.removeprefix("https://example.org/kg"), headers=headers)
        assert r.status_code == 200 and r.get_json()["iri"] == iri
        spec = client.get("/openapi.json", headers=headers).get_json()
        assert spec["servers"][0]["url"] == "http://example.org/kg"
    finally:
        app.extensions["kg"].close()


# ---------------------------------------------------------------- every input answered


BAD = [
    ("/id/program/%00", 400),
    ("/api/search?q=a%00b", 400),
    ("/api/ask?q=%ff%fe", 400),
    ("/id/program/%ff", 400),
    ("/api/search?q=" + "x" * 100_000, 400),
    ("/api/entities?q=" + "y" * 5000, 400),
    ("/sparql?query=" + "z" * 3000 + "&format=" + "j" * 3000, 400),
    ("/api/search?q=x&nonsense=1", 400),
    ("/api/stats?x=1", 400),
    ("/" + "a" * 3000, 414),
]


@pytest.mark.parametrize(("url", "status"), BAD, ids=[u[:40] for u, _ in BAD])
def test_bad_input_is_a_json_4xx(client, url: str, status: int) -> None:  # type: ignore[no-untyped-def]
    r = client.get(url)
    assert r.status_code == status, r.get_data(as_text=True)[:200]
    body = r.get_json()
    assert body["ok"] is False and body["status"] == status and body["error"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_odd_methods_are_405_json(client, method: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/search", "/sparql", "/id/program/sakura-science"):
        r = client.open(path, method=method)
        assert r.status_code == 405 and r.get_json()["status"] == 405


def test_huge_body_is_413(live_server: str) -> None:
    body = b"query=" + b"S" * 2_000_000
    r = requests.post(f"{live_server}/sparql", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"},
                      timeout=30)  # fmt: skip
    assert r.status_code == 413 and r.json()["status"] == 413


def test_long_sparql_query_is_allowed(client) -> None:  # type: ignore[no-untyped-def]
    """A SPARQL query may be long (comments, VALUES): only the body limit bounds it."""
    query = "# " + "c" * 5000 + "\nASK { ?s ?p ?o }"
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.get_json()["boolean"] is True


def test_security_headers_and_no_version(live_server: str) -> None:
    for path in ("/", "/api/stats", "/sparql?query=ASK%7B%7D", "/nope"):
        r = requests.get(live_server + path, timeout=30)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
        assert not any(ch.isdigit() for ch in r.headers.get("Server", "")), r.headers.get("Server")


@pytest.mark.parametrize("path", ["/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py",
                                  "/doc/..%2F..%2Fetc%2Fpasswd", "/static//etc/passwd"])  # fmt: skip
def test_no_path_outside_home_or_static(client, path: str) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, follow_redirects=True)
    assert r.status_code in (400, 404) and b"def create_app" not in r.data and b"root:" not in r.data


def test_openapi_is_served_and_lists_every_api_route(app, client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    routes = {r.rule.replace("<ident>", "{ident}") for r in app.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert routes == {p for p in spec["paths"] if p.startswith("/api/")}
    assert "/openapi.json" in (ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- admission control


def test_admission_queue_is_bounded() -> None:
    admission = Admission(concurrency=1, max_queue=1, queue_wait=0.5, client_requests=10, client_sparql=1,
                          client_sparql_seconds=30)  # fmt: skip
    held, release = threading.Event(), threading.Event()

    def hold(client: str) -> None:
        with admission.request(client):
            held.set()
            release.wait(5)

    worker = threading.Thread(target=hold, args=("a",))
    worker.start()
    held.wait(5)
    started = time.monotonic()
    with pytest.raises(Saturated) as waited:  # a slot does not free within queue_wait
        with admission.request("b"):
            pass
    assert 0.4 < time.monotonic() - started < 2 and waited.value.extra["retry_after"] >= 1
    outcome: list[str] = []

    def wait_in_queue() -> None:
        try:
            with admission.request("c"):
                outcome.append("served")
        except Saturated:
            outcome.append("refused")

    waiter = threading.Thread(target=wait_in_queue)
    waiter.start()
    time.sleep(0.1)
    with pytest.raises(Saturated):  # the one waiting place is taken: refused at once
        admission.request("d").__enter__()
    release.set()
    worker.join()
    waiter.join()
    assert outcome == ["served"]  # the waiting request got the slot once it was freed
    with admission.request("e"):
        pass


def test_admission_per_client_limits() -> None:
    admission = Admission(concurrency=8, max_queue=8, queue_wait=1, client_requests=2, client_sparql=1,
                          client_sparql_seconds=0.2)  # fmt: skip
    with admission.request("a"), admission.request("a"):
        with pytest.raises(TooManyRequests):
            admission.request("a").__enter__()
        with admission.request("b"):  # another client is not affected
            pass
    with admission.sparql("a"):
        with pytest.raises(TooManyRequests):
            admission.sparql("a").__enter__()
        time.sleep(1.1)
    with pytest.raises(TooManyRequests) as spent:  # a 1.1 s query used up a 0.2 s budget per minute
        admission.sparql("a").__enter__()
    assert spent.value.extra["retry_after"] >= 1
    with admission.sparql("b"):
        pass


@pytest.fixture(scope="module")
def guarded(settings: Settings, ingested) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app behind waitress as `kg serve` runs it, one trusted proxy so each test client has its own address."""
    from waitress.server import create_server

    from server import waitress_options

    served = load_settings(home=settings.home, corpus=settings.corpus, port=free_port(), query_timeout=3, proxies=1,
                           base_iri=settings.base_iri)  # fmt: skip
    app = _app(served)
    server = create_server(app, host="127.0.0.1", port=served.port, **{**waitress_options(served), "threads": 32})
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.port}"
    server.close()
    app.extensions["kg"].close()


def _sparql(base: str, query: str, client: str) -> tuple[int, float, requests.Response]:
    started = time.perf_counter()
    r = requests.get(f"{base}/sparql", params={"query": query}, timeout=60,
                     headers={"Accept": "application/sparql-results+json", "X-Forwarded-For": client})  # fmt: skip
    return r.status_code, time.perf_counter() - started, r


def test_runaway_queries_of_one_client_do_not_delay_another(guarded: str) -> None:
    _sparql(guarded, SIMPLE, "10.0.0.9")  # warm: workers started, store open
    baseline = min(_sparql(guarded, SIMPLE, "10.0.0.2")[1] for _ in range(3))
    with ThreadPoolExecutor(9) as pool:
        runaway = [pool.submit(_sparql, guarded, RUNAWAY, "10.0.0.1") for _ in range(8)]
        time.sleep(0.5)
        status, elapsed, _ = _sparql(guarded, SIMPLE, "10.0.0.2")
        results = [f.result() for f in runaway]
    assert status == 200
    assert elapsed - baseline < 1.0, f"simple query took {elapsed:.2f} s (baseline {baseline:.2f} s)"
    codes = sorted(code for code, _, _ in results)
    # KG_CLIENT_SPARQL=2 of the 3 workers: two ran into the timeout (503), the rest were refused at once
    assert codes.count(429) >= 6 and set(codes) <= {429, 503}, codes
    refused = next(r for code, _, r in results if code == 429)
    assert int(refused.headers["Retry-After"]) >= 1 and refused.json()["code"] == "too_many_requests"


def test_saturated_server_answers_503_with_retry_after(settings: Settings, ingested) -> None:  # type: ignore[no-untyped-def]
    """One work slot, no waiting place: concurrent requests beyond it get a 503 at once, never wait unboundedly."""
    from waitress.server import create_server

    from server import waitress_options

    tight = load_settings(home=settings.home, corpus=settings.corpus, port=free_port(), query_timeout=3, proxies=1,
                          base_iri=settings.base_iri, concurrency=1, max_queue=0, queue_wait=1)  # fmt: skip
    app = _app(tight)
    server = create_server(app, host="127.0.0.1", port=tight.port, **{**waitress_options(tight), "threads": 16})
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{tight.port}"
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda i: _sparql(base, RUNAWAY if i == 0 else SIMPLE, f"10.1.0.{i}"), range(8)))
        codes = [code for code, _, _ in results]
        assert 503 in codes and set(codes) <= {200, 503}, codes
        quick = [(elapsed, r) for code, elapsed, r in results if code == 503 and r.json()["code"] == "saturated"]
        assert quick and all(r.headers["Retry-After"] for _, r in quick)
        assert all(elapsed < 2.5 for elapsed, _ in quick)
    finally:
        server.close()
        app.extensions["kg"].close()


def test_readme_has_reliability_section() -> None:
    text = Path(ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Reliability" in text and "python -m bench --only load" in text
