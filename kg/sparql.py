"""Safe SPARQL execution: read-only, no outbound requests, a timeout that really stops work, a row cap.

- Updates, LOAD and SERVICE are refused before execution (Oxigraph would otherwise fetch a SERVICE
  IRI over HTTP). The check runs on the query with strings, IRIs and comments blanked out and with
  SPARQL codepoint escapes (\\u0053ERVICE) decoded, so it cannot be smuggled past.
- Queries run in worker processes that open the published store read-only. pyoxigraph has no query
  timeout, so a worker that overruns is killed and replaced: a query that never ends pins nothing.
- Results are capped at KG_MAX_ROWS; a larger answer is refused with a hint to add LIMIT.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import BadRequest, ForbiddenQuery, KGError, QuerySyntaxError, QueryTimeout, Saturated, TooManyRows

# Media types per result kind; the first is the default.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/trig": "trig",
    "application/n-quads": "nq",
    "application/rdf+xml": "rdfxml",
}
FORMAT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "rdfxml": "application/rdf+xml",
}

_BLANK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORBIDDEN = re.compile(r"(?<![\w:?$])(SERVICE|LOAD|INSERT|DELETE|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:])", re.I)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.I)


def _decode_escapes(query: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def blank_literals(query: str) -> str:
    """The query with strings, IRIs and comments blanked out, so keywords and prefixes can be read safely."""
    return _BLANK.sub(" ", query)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; refuses updates, LOAD and SERVICE with a clear message."""
    if not query or not query.strip():
        raise BadRequest("missing query", "pass the SPARQL query in the `query` parameter")
    bare = _BLANK.sub(" ", _decode_escapes(query))
    bad = _FORBIDDEN.search(bare)
    if bad:
        word = bad.group(1).upper()
        if word == "SERVICE":
            raise ForbiddenQuery("SERVICE is not allowed: this endpoint makes no outbound requests")
        raise ForbiddenQuery(f"{word} is not allowed: this endpoint is read-only (SPARQL query operation only)")
    form = _FORM.search(bare)
    if form is None:
        raise QuerySyntaxError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form.group(1).upper()


_POSITION = re.compile(r"error at (\d+):(\d+)")
# Oxigraph lists the Unicode ranges of name characters in full; one phrase says the same.
_CHAR_CLASS = re.compile(r"\[[^\]]*\\u\{[^\]]*\]|\['A' \.\.= 'Z'[^\]]*\]", re.S)


def syntax_error(query: str, message: str) -> QuerySyntaxError:
    """A 400 that says where: line and column (1-based) and the offending line with a caret under the spot."""
    found = _POSITION.search(message)
    detail = _CHAR_CLASS.sub("a name character", _POSITION.sub("", message)).lstrip(": ")
    detail = re.sub(r"\s+", " ", detail).strip()
    if len(detail) > 300:
        detail = detail[:300] + "…"
    if not found:
        return QuerySyntaxError(f"SPARQL syntax error: {detail}")
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1]
    hint = f"line {line}: {text}\n{' ' * (len(str(line)) + 6 + column)}^"
    if "Prefix not found" in message:
        hint += "\nan undeclared prefix: declare it with PREFIX, or use one of the endpoint's (see GET /sparql)"
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {column}: {detail}", hint, line=line, column=column)


@dataclass
class QueryResult:
    body: bytes
    media_type: str
    form: str
    rows: int


# ---------------------------------------------------------------- worker process side


def _term_json(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _solutions(variables: list[str], rows: list[Any], fmt: str) -> bytes:
    import csv
    import io
    import json
    from xml.sax.saxutils import escape, quoteattr

    if fmt == "json":
        bindings = [{v: _term_json(r[v]) for v in variables if r[v] is not None} for r in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for r in rows:
            writer.writerow(["" if r[v] is None else r[v].value for v in variables])
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if r[v] is None else str(r[v]) for v in variables) for r in rows]
        return ("\n".join(lines) + "\n").encode()
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += ["</head>", "<results>"]
    for r in rows:
        out.append("<result>")
        for v in variables:
            if r[v] is None:
                continue
            t = _term_json(r[v])
            if t["type"] == "uri":
                inner = f"<uri>{escape(t['value'])}</uri>"
            elif t["type"] == "bnode":
                inner = f"<bnode>{escape(t['value'])}</bnode>"
            else:
                attr = f" xml:lang={quoteattr(t['xml:lang'])}" if "xml:lang" in t else ""
                attr += f" datatype={quoteattr(t['datatype'])}" if "datatype" in t else ""
                inner = f"<literal{attr}>{escape(str(t['value']))}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode()


def _execute(store: Any, request: dict[str, Any]) -> tuple[str, Any]:
    import pyoxigraph as ox

    fmt_rdf = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "rdfxml": ox.RdfFormat.RDF_XML}  # fmt: skip
    kwargs: dict[str, Any] = {"prefixes": request["prefixes"], "base_iri": request.get("base_iri")}
    if request["default_graphs"]:  # the protocol's dataset wins over the query's (SPARQL 1.1 Protocol 2.1.4)
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graphs"]]
    # else the store's default graph, which is the merge of the document graphs (kg/store.py)
    if request["named_graphs"]:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    try:
        result = store.query(request["query"], **kwargs)
    except SyntaxError as exc:
        return "syntax", str(exc)
    except (OSError, ValueError, TypeError) as exc:
        return "error", str(exc)
    cap = request["max_rows"]
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        value = bool(result)
        if request["format"] in ("csv", "tsv"):
            return "ok", (("true\n" if value else "false\n").encode(), 1)
        if request["format"] == "xml":
            body = f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{str(value).lower()}</boolean></sparql>'
            return "ok", (body.encode(), 1)
        import json

        return "ok", (json.dumps({"head": {}, "boolean": value}).encode(), 1)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for row in result:
            rows.append(row)
            if len(rows) > cap:
                return "too_many", cap
        return "ok", (_solutions(variables, rows, request["format"]), len(rows))
    # A graph is a set: a triple held by several named graphs comes once (the union default graph of
    # Oxigraph 0.5 yields it once per graph).
    triples = list(dict.fromkeys(result))
    if len(triples) > cap:
        return "too_many", cap
    fmt = fmt_rdf[request["format"]]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):  # grouped by subject, Turtle reads as one block per resource
        triples.sort(key=lambda t: (str(t.subject), str(t.predicate)))
    items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples] if fmt.supports_datasets else triples
    prefixes = request["prefixes"] if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return "ok", (ox.serialize(items, format=fmt, prefixes=prefixes), len(triples))


def _worker(conn: Any) -> None:
    """Worker loop: open the requested generation's store (cached) and answer requests."""
    from kg.store import open_location

    stores: dict[str, Any] = {}
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        path = request["store"]
        try:
            if path not in stores:
                stores.clear()
                stores[path] = open_location(path)  # an embedded store's folder or an external server's URL
            conn.send(_execute(stores[path], request))
        except Exception as exc:  # noqa: BLE001 - any failure goes back to the caller as a message
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------- server side


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class SparqlExecutor:
    """A small pool of query processes; a query past the timeout kills its process."""

    def __init__(self, workers: int, timeout: float, max_rows: int, wait: float | None = None) -> None:
        self._ctx = mp.get_context("spawn")  # never fork a threaded server
        self.timeout = timeout
        self.wait = timeout if wait is None else wait  # how long a query may wait for a free worker
        self.max_rows = max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._idle.put(_Worker(self._ctx))

    def run(
        self,
        store_path: Path | str,
        query: str,
        fmt: str,
        prefixes: dict[str, str],
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run one query in a worker; ``timeout`` may only lower the configured one, ``max_rows`` (for the
        service's own bounded queries, e.g. a document's graph) replaces the user-facing cap."""
        form = query_form(query)
        if form in ("SELECT", "ASK") and fmt not in ("json", "xml", "csv", "tsv"):
            raise BadRequest(f"{form} results cannot be given as {fmt}")
        if form in ("CONSTRUCT", "DESCRIBE") and fmt not in ("ttl", "nt", "jsonld", "trig", "nq", "rdfxml"):
            raise BadRequest(f"{form} results cannot be given as {fmt}")
        limit = self.timeout if timeout is None else min(timeout, self.timeout)
        request = {
            "store": str(store_path), "query": query, "format": fmt, "prefixes": prefixes, "base_iri": base_iri,
            "default_graphs": default_graphs or [], "named_graphs": named_graphs or [],
            "max_rows": self.max_rows if max_rows is None else max_rows,
        }  # fmt: skip
        deadline = time.monotonic() + limit  # waiting for a free worker counts against the timeout too
        wait = min(limit, self.wait)
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:  # a bounded wait: the server is saturated, say when to come back
            raise Saturated(f"all SPARQL workers stayed busy for {wait:g} s", "retry after the Retry-After delay",
                            retry_after=max(1, round(wait))) from None  # fmt: skip
        try:
            worker.conn.send(request)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.kill()
                worker = _Worker(self._ctx)
                raise QueryTimeout(f"query exceeded the {limit:g} s timeout and was stopped", "narrow the query or add LIMIT")
            status, payload = worker.conn.recv()
        except (EOFError, BrokenPipeError, OSError):
            worker.kill()
            worker = _Worker(self._ctx)
            raise KGError("the query worker crashed; it has been restarted") from None
        finally:
            self._idle.put(worker)
        if status == "syntax":
            raise syntax_error(query, payload)
        if status == "too_many":
            what = "rows" if form in ("SELECT", "ASK") else "triples"
            hint = f"add LIMIT {payload} (or less) to the query, and OFFSET to page through it"
            raise TooManyRows(f"the result has more than {payload} {what} (KG_MAX_ROWS)", hint, limit=payload)
        if status == "error":
            raise BadRequest(f"query failed: {payload}")
        body, rows = payload
        return QueryResult(body, FORMAT_MEDIA[fmt], form, rows)

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().kill()
