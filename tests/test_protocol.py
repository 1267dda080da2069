"""The SPARQL 1.1 Protocol, against the real server (waitress on a loopback port), as other tools reach it.

Cases follow the W3C SPARQL 1.1 Protocol test suite (query_* and bad_* of the protocol manifest, named in
each test), adapted to this dataset: its graphs are the document graphs, the vocabulary and the ontology,
and the endpoint is read-only, so the update_* cases become "update refused". Then the limits this
service adds: SERVICE refused, the timeout, the row cap, and the server serving on after each.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
import xml.etree.ElementTree as ET

import pytest
import requests
from rdflib import Graph

JSON = "application/sparql-results+json"
ASK_ALL = "ASK { ?s ?p ?o }"
PROGRAMS = "SELECT ?p WHERE { ?p a stip:Program } ORDER BY ?p LIMIT 3"
NEVER_ENDS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint(live_server: str) -> str:
    return f"{live_server}/sparql"


@pytest.fixture(scope="module")
def graphs(service) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Two document graphs and what identifies each: a document IRI, and a triple only that graph holds."""
    docs = sorted(d["iri"] for d in service.documents())
    return {"a": docs[0], "b": docs[1], "vocab": service.iris.vocab_graph()}


def get(endpoint: str, accept: str = JSON, **params: object) -> requests.Response:
    return requests.get(endpoint, params=params, headers={"Accept": accept}, timeout=60)


def boolean(r: requests.Response) -> bool:
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


def assert_error(r: requests.Response, status: int, code: str | None = None) -> dict:  # type: ignore[type-arg]
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    if code:
        assert body["code"] == code
    return body


# ---------------------------------------------------------------- positive cases of the W3C suite


def test_query_get(endpoint: str) -> None:
    assert boolean(get(endpoint, query=ASK_ALL)) is True


def test_query_post_form(endpoint: str) -> None:
    r = requests.post(endpoint, data={"query": ASK_ALL}, headers={"Accept": JSON}, timeout=60)
    assert r.headers["Content-Type"].startswith(JSON) and boolean(r) is True


def test_query_post_direct(endpoint: str) -> None:
    r = requests.post(endpoint, data=ASK_ALL.encode(), timeout=60,
                      headers={"Content-Type": "application/sparql-query", "Accept": JSON})  # fmt: skip
    assert boolean(r) is True


def test_query_post_direct_utf8_charset(endpoint: str) -> None:
    query = 'ASK { ?a skos:prefLabel "文部科学省"@ja }'
    r = requests.post(endpoint, data=query.encode("utf-8"), timeout=60,
                      headers={"Content-Type": "application/sparql-query; charset=UTF-8", "Accept": JSON})  # fmt: skip
    assert boolean(r) is True


def test_query_dataset_default_graph(endpoint: str, graphs: dict[str, str]) -> None:
    """default-graph-uri makes that graph the default graph: its document is there, the other's is not."""
    ask = "ASK {{ <{}> a stip:Document }}"
    r = requests.post(f"{endpoint}?default-graph-uri={graphs['a']}", data=ask.format(graphs["a"]).encode(), timeout=60,
                      headers={"Content-Type": "application/sparql-query", "Accept": JSON})  # fmt: skip
    assert boolean(r) is True
    assert boolean(get(endpoint, query=ask.format(graphs["b"]), **{"default-graph-uri": graphs["a"]})) is False


def test_query_dataset_default_graphs_get(endpoint: str, graphs: dict[str, str]) -> None:
    """Several default-graph-uri: the default graph is their merge."""
    both = f"ASK {{ <{graphs['a']}> a stip:Document . <{graphs['b']}> a stip:Document }}"
    r = requests.get(endpoint, params=[("query", both), ("default-graph-uri", graphs["a"]), ("default-graph-uri", graphs["b"])],
                     headers={"Accept": JSON}, timeout=60)  # fmt: skip
    assert boolean(r) is True
    assert boolean(get(endpoint, query=both, **{"default-graph-uri": graphs["a"]})) is False


def test_query_dataset_default_graphs_post(endpoint: str, graphs: dict[str, str]) -> None:
    both = f"ASK {{ <{graphs['a']}> a stip:Document . <{graphs['b']}> a stip:Document }}"
    form = [("query", both), ("default-graph-uri", graphs["a"]), ("default-graph-uri", graphs["b"])]
    assert boolean(requests.post(endpoint, data=form, headers={"Accept": JSON}, timeout=60)) is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_named_graphs(endpoint: str, graphs: dict[str, str], method: str) -> None:
    """named-graph-uri: GRAPH ?g ranges over exactly those graphs."""
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    params = [("query", q), ("named-graph-uri", graphs["a"]), ("named-graph-uri", graphs["b"])]
    if method == "GET":
        r = requests.get(endpoint, params=params, headers={"Accept": JSON}, timeout=60)
    else:
        r = requests.post(endpoint, data=params, headers={"Accept": JSON}, timeout=60)
    assert r.status_code == 200, r.text
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == sorted([graphs["a"], graphs["b"]])


def test_query_dataset_full(endpoint: str, graphs: dict[str, str]) -> None:
    """default-graph-uri and named-graph-uri together."""
    q = "SELECT DISTINCT ?x ?g WHERE { ?x a stip:Document . GRAPH ?g { ?d a stip:Document } }"
    params = [("query", q), ("default-graph-uri", graphs["a"]), ("named-graph-uri", graphs["b"])]
    r = requests.get(endpoint, params=params, headers={"Accept": JSON}, timeout=60)
    rows = [(b["x"]["value"], b["g"]["value"]) for b in r.json()["results"]["bindings"]]
    assert rows == [(graphs["a"], graphs["b"])]


def test_query_multiple_dataset(endpoint: str, graphs: dict[str, str]) -> None:
    """A dataset given both in the query (FROM) and by the protocol: the protocol's wins (§2.1.4)."""
    q = f"ASK FROM <{graphs['a']}> {{ <{graphs['b']}> a stip:Document }}"
    assert boolean(get(endpoint, query=q, **{"default-graph-uri": graphs["b"]})) is True
    assert boolean(get(endpoint, query=q)) is False  # without protocol dataset, FROM applies


def test_default_graph_is_union_and_each_document_graph_addressable(endpoint: str, graphs: dict[str, str]) -> None:
    q = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a stip:Document }"
    assert get(endpoint, query=q).json()["results"]["bindings"][0]["n"]["value"] == "5"
    q = f"ASK {{ GRAPH <{graphs['a']}> {{ <{graphs['a']}> a stip:Document }} }}"
    assert boolean(get(endpoint, query=q)) is True


@pytest.mark.parametrize(
    ("accept", "media", "parse"),
    [
        (JSON, JSON, lambda t: len(json.loads(t)["results"]["bindings"])),
        ("application/json", JSON, lambda t: len(json.loads(t)["results"]["bindings"])),
        ("application/sparql-results+xml", "application/sparql-results+xml",
         lambda t: len(ET.fromstring(t).findall(".//{http://www.w3.org/2005/sparql-results#}result"))),
        ("text/csv", "text/csv", lambda t: len(list(csv.reader(io.StringIO(t)))) - 1),
        ("text/tab-separated-values", "text/tab-separated-values", lambda t: len(t.strip().splitlines()) - 1),
        ("text/html;q=0.5, text/csv", "text/csv", lambda t: len(list(csv.reader(io.StringIO(t)))) - 1),
    ],
)  # fmt: skip
def test_query_content_type_select(endpoint: str, accept: str, media: str, parse) -> None:  # type: ignore[no-untyped-def]
    r = get(endpoint, accept=accept, query=PROGRAMS)
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == media
    assert parse(r.text) == 3


@pytest.mark.parametrize("accept", [JSON, "application/sparql-results+xml"])
def test_query_content_type_ask(endpoint: str, accept: str) -> None:
    r = get(endpoint, accept=accept, query="ASK { agency:mext a stip:Agency }")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
    assert "true" in r.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml"), ("application/trig", "trig"), ("application/n-quads", "nquads")],
)  # fmt: skip
@pytest.mark.parametrize("form", ["DESCRIBE agency:mext", "CONSTRUCT { agency:mext ?p ?o } WHERE { agency:mext ?p ?o }"])
def test_query_content_type_describe_and_construct(endpoint: str, service, accept: str, rdflib_format: str, form: str) -> None:  # type: ignore[no-untyped-def]
    r = get(endpoint, accept=accept, query=form)
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == accept
    g = Graph()
    g.parse(data=r.text, format=rdflib_format)
    labels = {str(o) for s, p, o in g if str(p).endswith("#prefLabel") and str(s).endswith("/agency/mext")}
    assert labels == {"文部科学省", "Ministry of Education, Culture, Sports, Science and Technology"}
    assert len(g) == len(set(g)), "a graph result repeats no triple"


def test_format_parameter_as_sent_by_sparqlwrapper(endpoint: str) -> None:
    """SPARQLWrapper adds format=/output=/results= with names such as turtle and json-ld."""
    r = requests.get(endpoint, params=[("query", "DESCRIBE agency:jst"), ("format", "turtle"), ("output", "turtle")], timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    tsv = [("query", PROGRAMS), ("format", "tsv"), ("format", "text/tab-separated-values")]
    r = requests.get(endpoint, params=tsv, timeout=60)
    assert r.headers["Content-Type"].startswith("text/tab-separated-values")


# ---------------------------------------------------------------- negative cases of the W3C suite


def test_bad_query_method(endpoint: str) -> None:
    assert_error(requests.put(endpoint, params={"query": ASK_ALL}, timeout=60), 405)


def test_bad_multiple_queries(endpoint: str) -> None:
    r = requests.get(endpoint, params=[("query", ASK_ALL), ("query", "SELECT * {}")], headers={"Accept": JSON}, timeout=60)
    assert_error(r, 400)


def test_bad_query_wrong_media_type(endpoint: str) -> None:
    r = requests.post(endpoint, data=ASK_ALL.encode(), headers={"Content-Type": "text/plain"}, timeout=60)
    assert_error(r, 415)


@pytest.mark.parametrize("body", [b"query=ASK%20%7B%7D", ASK_ALL.encode()])
def test_bad_query_missing_form_and_direct_type(endpoint: str, body: bytes) -> None:
    r = requests.post(endpoint, data=body, headers={"Content-Type": ""}, timeout=60)
    assert_error(r, 415)


def test_bad_query_non_utf8(endpoint: str) -> None:
    r = requests.post(endpoint, data=ASK_ALL.encode("utf-16"), timeout=60,
                      headers={"Content-Type": "application/sparql-query; charset=UTF-16"})  # fmt: skip
    assert_error(r, 415)
    r = requests.post(endpoint, data=b"ASK { ?s ?p \xff }", headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert_error(r, 400)


def test_bad_query_syntax_reports_the_position(endpoint: str) -> None:
    body = assert_error(get(endpoint, query="SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"), 400, "query_syntax")
    assert body["line"] == 3 and body["column"] > 0 and "line 3" in body["error"]
    assert "FILTER(?o = )" in body["hint"] and "^" in body["hint"]
    body = assert_error(get(endpoint, query="ASK {"), 400, "query_syntax")
    assert body["line"] == 1


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": {"update": "CLEAR ALL"}}),  # bad_update_get
        ("POST", {"data": [("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")]}),  # bad_multiple_updates
        ("POST", {"data": {"update": "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }"}}),  # update_post_form
        ("POST", {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}),  # update_post_direct
        ("POST", {"data": {"query": "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }"}}),
        ("POST", {"data": {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}}),
        ("POST", {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}}),
    ],
)  # fmt: skip
def test_updates_are_refused(endpoint: str, method: str, kwargs: dict) -> None:  # type: ignore[type-arg]
    body = assert_error(requests.request(method, endpoint, timeout=60, **kwargs), 403, "forbidden_query")
    assert "read-only" in body["error"]
    assert boolean(get(endpoint, query="ASK { ?s ?p ?o }")) is True  # nothing was changed, nothing is broken


def test_unsupported_accept_is_406(endpoint: str) -> None:
    assert_error(get(endpoint, accept="image/png", query=PROGRAMS), 406, "not_acceptable")
    assert_error(get(endpoint, accept="text/csv", query="DESCRIBE agency:mext"), 406, "not_acceptable")
    assert_error(get(endpoint, accept="text/turtle", query=PROGRAMS), 406, "not_acceptable")


# ---------------------------------------------------------------- what this service adds: no outbound requests, limits


class _Listener:
    """A TCP port on loopback that records whether anything connects to it (a would-be SERVICE target)."""

    def __init__(self) -> None:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.stop = True
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . SeRvIcE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} LIMIT 1",
        "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ VALUES ?e {{ <http://127.0.0.1:{port}/sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
)
def test_service_to_any_address_is_refused_and_nothing_connects(endpoint: str, template: str) -> None:
    listener = _Listener()
    try:
        body = assert_error(get(endpoint, query=template.format(port=listener.port)), 403, "forbidden_query")
        assert "SERVICE" in body["error"]
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()
    assert boolean(get(endpoint, query=ASK_ALL)) is True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as fh:  # a killed child not yet reaped is a zombie: not alive
        return fh.read().split(") ", 1)[1][0] != "Z"


def _worker_pids(app) -> set[int]:  # type: ignore[no-untyped-def]
    executor = app.extensions["kg"].executor()
    return {w.process.pid for w in list(executor._idle.queue)}


def test_query_past_the_timeout_is_stopped_and_its_worker_killed(endpoint: str, app, settings) -> None:  # type: ignore[no-untyped-def]
    get(endpoint, query=ASK_ALL)  # workers are up
    before = _worker_pids(app)
    started = time.monotonic()
    body = assert_error(get(endpoint, query=NEVER_ENDS), 503, "query_timeout")
    elapsed = time.monotonic() - started
    assert f"{settings.query_timeout:g} s" in body["error"]
    assert settings.query_timeout <= elapsed < settings.query_timeout + 5
    after = _worker_pids(app)
    killed = before - after
    assert len(killed) == 1 and not any(_alive(pid) for pid in killed), "the worker that ran the query is gone"
    assert len(after) == len(before) and all(_alive(pid) for pid in after), "and a fresh one took its place"
    r = get(endpoint, query=PROGRAMS)
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3


def test_timeout_parameter_lowers_the_timeout(endpoint: str) -> None:
    started = time.monotonic()
    body = assert_error(get(endpoint, query=NEVER_ENDS, timeout="1"), 503, "query_timeout")
    assert time.monotonic() - started < 1 + 5 and "1 s" in body["error"]
    assert_error(get(endpoint, query=PROGRAMS, timeout="soon"), 400)


def test_server_answers_while_a_query_runs_forever(endpoint: str) -> None:
    """One runaway query holds one worker until the timeout; the other worker keeps answering."""
    result: dict[str, requests.Response] = {}
    runaway = threading.Thread(target=lambda: result.setdefault("r", get(endpoint, query=NEVER_ENDS)))
    runaway.start()
    time.sleep(0.5)
    for _ in range(5):
        assert get(endpoint, query=PROGRAMS).status_code == 200
    assert runaway.is_alive(), "answered beside the runaway query, not after it was stopped"
    runaway.join(timeout=30)
    assert result["r"].status_code == 503


def test_more_rows_than_the_cap_is_422_with_a_hint(endpoint: str, settings) -> None:  # type: ignore[no-untyped-def]
    body = assert_error(get(endpoint, query="SELECT * WHERE { ?s ?p ?o }"), 422, "too_many_rows")
    assert body["limit"] == settings.max_rows and f"LIMIT {settings.max_rows}" in body["hint"]
    body = assert_error(get(endpoint, accept="text/turtle", query="CONSTRUCT WHERE { ?s ?p ?o }"), 422, "too_many_rows")
    assert "triples" in body["error"]
    r = get(endpoint, query=f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {settings.max_rows}")
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == settings.max_rows
    assert r.headers["X-Result-Rows"] == str(settings.max_rows)


def test_cors_for_tools_on_other_origins(endpoint: str) -> None:
    pre = requests.options(endpoint, headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"}, timeout=60)  # fmt: skip
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert get(endpoint, query=ASK_ALL).headers["Access-Control-Allow-Origin"] == "*"
