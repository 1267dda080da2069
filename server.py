"""HTTP service: JSON API, SPARQL 1.1 Protocol endpoint, dereferenceable entity IRIs and HTML pages.

``create_app(settings)`` builds the Flask app; ``main()`` serves it with waitress (a production WSGI
server) on KG_HOST:KG_PORT, 127.0.0.1 by default.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from flask import Flask, Response, g, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from kg import linked_data, openapi
from kg.admission import Admission
from kg.ask import Answerer
from kg.describe import serialize, service_description, void_description
from kg.errors import BadRequest, ForbiddenQuery, KGError, NotAcceptable, NotFound, UnsupportedDocument, URITooLong
from kg.gallery import load_gallery
from kg.iris import TYPE_SEGMENTS
from kg.legal import Legal
from kg.service import Service, _iri
from kg.settings import Settings, load_settings
from kg.sparql import GRAPH_TYPES, SOLUTION_TYPES, query_form
from search.hybrid import Filters
from web.pages import Pages
from web.site import Site

log = logging.getLogger("kg.server")

RDF_TYPES = {
    "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt", "application/rdf+xml": "rdfxml",
}  # fmt: skip
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "rdfxml", ".json": "json", ".html": "html"}
# Paths whose answer depends on Accept (so caches must Vary on it) and that other sites' tools (a YASGUI
# elsewhere, a notebook in a browser) may read: read-only and without credentials, so any origin may.
LINKED_PATHS = ("/sparql", "/.well-known/void", "/ontology", "/id/", "/law/", "/doc/", "/graph/")


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static", static_url_path="/static")
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    service = Service(settings)
    app.extensions["kg"] = service
    # one client never holds every SPARQL worker: another client's query always finds one free
    client_sparql = min(settings.client_sparql, max(1, settings.sparql_workers - 1))
    admission = Admission(settings.concurrency, settings.max_queue, settings.queue_wait, settings.client_requests,
                          client_sparql, settings.client_sparql_seconds)  # fmt: skip
    app.extensions["kg.admission"] = admission
    app.wsgi_app = _BasePath(app.wsgi_app, service)  # type: ignore[method-assign]
    if settings.proxies:  # only then are X-Forwarded-* believed (else any client could pose as any other)
        n = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n)  # type: ignore[method-assign]
    legal = Legal(service)
    answerers: list[Answerer] = []
    answerer_lock = threading.Lock()

    def answerer() -> Answerer:
        with answerer_lock:
            if not answerers:
                answerers.append(Answerer(service))
            return answerers[0]

    app.extensions["kg.answerer"] = answerer

    pages = Pages(Site(service, legal), answerer)  # the HTML pages (web/): home, browse, entity and document HTML
    pages.register(app)

    @app.errorhandler(KGError)
    def kg_error(exc: KGError) -> Any:
        if exc.status == 404:
            return not_found(exc.to_json())
        response = jsonify(exc.to_json())
        if "retry_after" in exc.extra:
            response.headers["Retry-After"] = str(exc.extra["retry_after"])
        return response, exc.status

    @app.before_request
    def guard() -> None:
        """Every input checked before any route reads it; then a work slot, or a 429 / 503."""
        _check_input(settings)
        if request.path.startswith(UNMETERED) or request.path in ("/health", "/openapi.json"):
            return
        slot = admission.request(request.remote_addr or "?")
        slot.__enter__()  # released in release_slot, whatever the route does
        g.slot = slot

    @app.teardown_request
    def release_slot(_exc: BaseException | None) -> None:
        slot = g.pop("slot", None)
        if slot is not None:
            slot.__exit__(None, None, None)

    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return jsonify(openapi.description(request.host_url.rstrip("/") + request.script_root))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int]:
        body = {"ok": False, "error": exc.description or exc.name, "status": exc.code, "code": exc.name.lower().replace(" ", "_")}
        if exc.code == 404:
            return not_found(body)
        return jsonify(body), exc.code or 500

    def not_found(body: dict[str, Any]) -> tuple[Response | str, int]:
        """A 404 that helps: IRIs close to the one asked for; an HTML page for browsers, JSON otherwise."""
        body.setdefault("hint", "search with /search?q=… or list entities with /api/entities?q=…")
        try:
            body["suggestions"] = linked_data.suggestions(service, service.iris.base + request.path)
        except KGError:  # nothing ingested yet, or a path that is no IRI: no suggestions, same 404
            body["suggestions"] = []
        if _wants_html():
            return render_template("not_found.html", error=body, path=request.path), 404
        return jsonify(body), 404

    @app.after_request
    def linked_data_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.path.startswith(LINKED_PATHS):
            response.vary.add("Accept")
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Expose-Headers"] = "X-Result-Rows"
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[Response, int]:
        log.exception("unhandled error on %s", request.path)
        return jsonify({"ok": False, "error": "internal error", "status": 500, "code": "internal"}), 500

    @app.get("/health")
    def health() -> Response:
        try:
            gen = service.generation().name
            return jsonify({"ok": True, "generation": gen})
        except KGError as exc:
            return jsonify({"ok": False, "error": exc.message}), 503  # type: ignore[return-value]

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/search")
    def api_search() -> Response:
        q = request.args.get("q", "")
        k = _int_arg("k", 10)
        return jsonify(service.search(q, k, _search_filters(service)))

    @app.get("/api/ask")
    def api_ask() -> Response:
        return jsonify(answerer().ask(request.args.get("q", "")).to_json())

    @app.get("/api/documents")
    def api_documents() -> Response:
        return jsonify({"documents": service.documents()})

    @app.get("/api/entities")
    def api_entities() -> Response:
        type_name = request.args.get("type") or None
        known = set(TYPE_SEGMENTS) - {"Budget", "Observation"}
        if type_name and type_name not in known:
            raise BadRequest(f"unknown type {type_name!r}", f"use one of {', '.join(sorted(known))}")
        return jsonify({"entities": service.entities(type_name, request.args.get("q") or None, _int_arg("limit", 200))})

    @app.get("/api/entity")
    def api_entity() -> Response:
        iri = request.args.get("iri", "")
        if not iri:
            raise BadRequest("missing iri parameter")
        return jsonify(service.entity(iri))

    @app.get("/api/stats")
    def api_stats() -> Response:
        return jsonify(service.stats())

    # ------------------------------------------------------------------ legal layer (kg/legal.py)

    @app.get("/api/laws")
    def api_laws() -> Response:
        return jsonify({"laws": legal.laws()})

    @app.get("/api/laws/<ident>")
    def api_law(ident: str) -> Response:
        return jsonify(legal.law(ident))

    @app.get("/api/provisions")
    def api_provisions() -> Response:
        args = request.args
        found = legal.provisions(args.get("cites") or None, args.get("based_on") or None, args.get("law") or None,
                                 _int_arg("limit", 500))  # fmt: skip
        return jsonify({"provisions": found})

    @app.get("/api/links")
    def api_links() -> Response:
        subject = request.args.get("subject", "")
        if not subject.strip():
            raise BadRequest("missing subject parameter", "give an entity IRI or a name, e.g. ?subject=国際卓越研究大学制度")
        return jsonify(legal.links(subject))

    # ------------------------------------------------------------------ SPARQL 1.1 Protocol

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        query, default_graphs, named_graphs = _protocol_params()
        if query is None:
            if request.method == "GET" and request.args.get("format"):  # ?format=turtle: the description, explicitly
                return service_description_response()
            if request.method == "GET" and _wants_html():
                return Response(sparql_page(), mimetype="text/html")
            if request.method == "GET" and _wants_rdf():
                return service_description_response()
            raise BadRequest(
                "missing query", "pass the SPARQL query as `query` (GET or form POST) or as application/sparql-query"
            )
        form = query_form(query)
        fmt = _negotiate(SOLUTION_TYPES if form in ("SELECT", "ASK") else {**GRAPH_TYPES, "application/json": "jsonld"})
        with admission.sparql(request.remote_addr or "?"):  # one client's runaway queries stay its own problem
            result = service.sparql(query, fmt, default_graphs, named_graphs, timeout=_timeout_arg())
        return Response(result.body, mimetype=result.media_type.split(";")[0], content_type=result.media_type,
                        headers={"X-Result-Rows": str(result.rows)})  # fmt: skip

    def sparql_page() -> str:
        """YASGUI (served from web/static/vendor), set up with this endpoint, its prefixes and the gallery."""
        prefixes = service.iris.prefixes()
        stats = service.dataset_stats()
        config = {
            "endpoint": f"{service.iris.base}/sparql",
            "prefixes": prefixes,
            "gallery": [ex.to_json(prefixes) for ex in load_gallery()],
            "classes": [c for c, _ in stats.classes],
            "properties": [p for p, _ in stats.properties],
            "timeout": settings.query_timeout,
            "maxRows": settings.max_rows,
        }
        return render_template("sparql.html", config=config, gallery=config["gallery"])

    def service_description_response() -> Response:
        fmt = _negotiate(RDF_TYPES)
        body = serialize(service_description(service.dataset_stats(), service.iris, settings), fmt)
        return Response(body, content_type=_RDF_MEDIA[fmt])

    @app.get("/.well-known/void")
    def void() -> Any:
        """VoID description of the dataset: counts, classes, properties, named graphs, examples."""
        graph = void_description(service.dataset_stats(), service.iris)
        fmt = _negotiate({**RDF_TYPES, "text/html": "html"})
        if fmt == "html":
            return render_template("rdf.html", title="VoID — STIP-KG dataset", path=request.path,
                                   intro="VoID description of the dataset served by this SPARQL endpoint.",
                                   turtle=serialize(graph, "ttl").decode())  # fmt: skip
        return Response(serialize(graph, fmt), content_type=_RDF_MEDIA[fmt])

    # ------------------------------------------------------------------ Linked Data and pages

    @app.get("/id/<path:rest>")
    def entity_page(rest: str) -> Any:
        return _describe(f"{service.iris.base}/id/", rest)

    @app.get("/law/<path:rest>")
    def provision_page(rest: str) -> Any:
        """Provision IRIs ({base}/law/{e-Gov law ID}/art_4__para_3) dereference like entity IRIs."""
        if "/" not in rest.strip("/"):  # /law/504AC0000000051: the law itself
            return redirect(_local(legal.law_iri(rest.strip("/")), service), code=303)
        return _describe(f"{service.iris.base}/law/", rest)

    def _describe(prefix: str, rest: str) -> Any:
        fmt, rest = _suffix_format(rest)
        iri = f"{prefix}{rest}"
        try:
            _iri(iri)
        except BadRequest:  # characters no minted IRI has: it names nothing here
            raise NotFound(f"no resource {iri}", "search for it with /search?q=…") from None
        fmt = fmt or _negotiate_page()
        if fmt in _RDF_MEDIA:
            return rdf_representation(iri, linked_data.entity_query(_iri(iri)), fmt)
        data = service.entity(iri)
        if fmt == "html":
            provision = legal.provision(iri) if prefix.endswith("/law/") else None
            law = legal.law(iri) if any(t.endswith(("#Law", "#Ordinance")) for t in data["types"]) else None
            return pages.entity(data, law, provision)
        return jsonify(data)

    def rdf_representation(iri: str, construct: str, fmt: str, probe: str | None = None) -> Response:
        """An IRI's RDF representation (a CONSTRUCT from kg/linked_data.py), or a 404 if the IRI names nothing."""
        if not service.select(probe or linked_data.exists_query(_iri(iri))):
            raise NotFound(f"no resource {iri}", "search for it with /search?q=… or GET /api/entities?q=…")
        result = service.sparql(construct, fmt, max_rows=linked_data.REPRESENTATION_ROWS)
        return Response(result.body, content_type=result.media_type)

    @app.get("/graph/<name>")
    def named_graph(name: str) -> Any:
        """Shared named graphs dereference to their content (the ontology graph to the ontology)."""
        fmt, name = _suffix_format(name)
        if name == "ontology":
            return redirect("/ontology", code=303)
        iri = f"{service.iris.base}/graph/{name}"
        fmt = fmt or _negotiate({**RDF_TYPES, "text/html": "html", "application/trig": "trig", "application/n-quads": "nq"})
        if fmt == "html":
            result = service.sparql(linked_data.graph_query(_iri(iri)), "ttl", max_rows=linked_data.REPRESENTATION_ROWS)
            if not result.rows:
                raise NotFound(f"no graph {iri}", "the named graphs are listed at /.well-known/void")
            return render_template("rdf.html", title=f"Graph {name} — STIP-KG", path=request.path, turtle=result.body.decode(),
                                   intro=f"The named graph <{iri}>, as Turtle.")  # fmt: skip
        return rdf_representation(iri, linked_data.graph_query(_iri(iri)), fmt, probe=linked_data.graph_exists_query(_iri(iri)))

    @app.get("/entity")
    def entity_by_iri() -> Any:
        iri = request.args.get("iri", "")
        if not iri.startswith(service.iris.base + "/"):
            raise NotFound(f"{iri!r} is not an IRI of this service")
        return redirect(_local(iri, service), code=303)

    @app.get("/doc/<doc_id>")
    def document_page(doc_id: str) -> Any:
        suffix_fmt, doc_id = _suffix_format(doc_id)
        if (suffix_fmt or _negotiate_page()) in _RDF_MEDIA:  # the document's named graph (its fragments too)
            iri = service.iris.doc(doc_id)
            return rdf_representation(iri, linked_data.graph_query(_iri(iri)), suffix_fmt or _negotiate_page())
        docs = {d["doc_id"]: d for d in service.documents()}
        if doc_id not in docs:
            raise NotFound(f"no document {doc_id!r}", "list documents with GET /api/documents")
        if (suffix_fmt or _negotiate_page()) == "json":
            return jsonify(docs[doc_id])
        return pages.document(doc_id)

    @app.get("/ontology")
    @app.get("/ontology<suffix>")
    def ontology(suffix: str = "") -> Any:
        """The ontology at its namespace IRI ({base}/ontology#Term): an HTML page for browsers, else RDF."""
        fmt = SUFFIXES.get(suffix) if suffix else None
        if suffix and fmt is None:
            raise NotFound(f"no ontology format {suffix!r}", "use /ontology.ttl, .jsonld, .nt or .rdf")
        fmt = fmt or _negotiate({"text/html": "html", **RDF_TYPES})
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{service.iris.ontology_graph()}> {{ ?s ?p ?o }} }}"
        if fmt == "html":
            return render_template("ontology.html", terms=ontology_terms(service), iri=service.iris.ontology,
                                   ns=str(service.iris.ont))  # fmt: skip
        if fmt == "json":
            fmt = "jsonld"
        result = service.sparql(construct, fmt, max_rows=linked_data.REPRESENTATION_ROWS)
        return Response(result.body, content_type=result.media_type)

    return app


UNMETERED = ("/static/",)  # files from disk: cheap, and a page loads several at once
MAX_PATH = 2000


class _BasePath:
    """WSGI middleware: a request for {base path}/… (a proxy that forwards /kg/id/… as is) is served as /id/…
    with the base path as SCRIPT_NAME, so the store's IRIs resolve whatever path prefix they were minted with."""

    def __init__(self, app: Any, service: Service) -> None:
        self.app, self.service = app, service

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        prefix = urlsplit(self.service.iris.base).path.rstrip("/")
        path = environ.get("PATH_INFO", "")
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
            environ["PATH_INFO"] = path[len(prefix) :] or "/"
        return self.app(environ, start_response)


def _local(iri: str, service: Service) -> str:
    """An IRI of this service as a link on this server (behind a proxy prefix too)."""
    return request.script_root + iri.removeprefix(service.iris.base)


def _check_input(settings: Settings) -> None:
    """NUL bytes, text that is not UTF-8, over-long or unknown parameters: a 400 (or 414) naming the problem."""
    raw_path = request.environ.get("PATH_INFO", "")
    if len(raw_path) > MAX_PATH:
        raise URITooLong(f"the path is longer than {MAX_PATH} characters")
    try:  # WSGI hands the path over as latin-1: its bytes must be UTF-8
        path = raw_path.encode("latin-1").decode("utf-8")
        query = unquote_to_bytes(request.query_string.replace(b"+", b" ")).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise BadRequest("the request is not valid UTF-8", "percent-encode text as UTF-8") from None
    if "\ufffd" in path:  # a replacement character: bytes that were not UTF-8 before some client decoded them
        raise BadRequest("the path is not valid UTF-8", "percent-encode text as UTF-8")
    if "\x00" in path or "\x00" in query:
        raise BadRequest("the request holds a NUL byte", "remove %00 from the path and parameters")
    if len(request.query_string) > settings.max_body:
        raise URITooLong(f"the query string is longer than {settings.max_body} bytes", "send a long query as a POST")
    for name, value in request.args.items(multi=True):
        limit = settings.max_body if (request.path == "/sparql" and name == "query") else settings.max_param_chars
        if len(value) > limit or len(name) > settings.max_param_chars:
            raise BadRequest(f"parameter {name[:40]!r} is longer than {limit} characters", "shorten it",
                             parameter=name[:40])  # fmt: skip
    allowed = openapi.allowed_params(request.path)
    if allowed is not None:
        unknown = sorted(set(request.args) - allowed)
        if unknown:
            raise BadRequest(f"unknown parameter {unknown[0][:40]!r} for {request.path}",
                             f"this route takes {', '.join(sorted(allowed)) or 'no parameters'} (see /openapi.json)")  # fmt: skip


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, got {raw!r}") from None


def _search_filters(service: Service) -> Filters:
    """Filters from the query string: doc, entity, type, fiscal_year, country, agency."""
    names = ("doc", "entity", "type", "fiscal_year", "country", "agency")
    return service.filters(**{name: request.args.get(name) for name in names})


def _protocol_params() -> tuple[str | None, list[str], list[str]]:
    """query, default-graph-uri and named-graph-uri from GET, form POST or a direct POST body (SPARQL 1.1
    Protocol §2.1); the operation errors of §2.1.4 as 4xx."""
    if request.method == "POST":
        ctype = (request.mimetype or "").lower()
        if ctype == "application/x-www-form-urlencoded":
            params = request.form
        elif ctype == "application/sparql-query":
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise UnsupportedDocument(f"the query must be UTF-8, not {charset}",
                                          "send application/sparql-query; charset=utf-8")  # fmt: skip
            try:
                body = request.get_data().decode("utf-8")
            except UnicodeDecodeError:
                raise BadRequest("the query is not valid UTF-8", "SPARQL queries are sent as UTF-8") from None
            return body, request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
        elif ctype == "application/sparql-update":
            raise ForbiddenQuery("SPARQL update is not allowed: this endpoint is read-only")
        else:
            raise UnsupportedDocument(f"unsupported POST content type {ctype or '(none)'!r}",
                                      "use application/x-www-form-urlencoded or application/sparql-query")  # fmt: skip
    else:
        params = request.args
    if "update" in params:
        raise ForbiddenQuery("SPARQL update is not allowed: this endpoint is read-only (query operation only)")
    queries = params.getlist("query")
    if len(queries) > 1:
        raise BadRequest(f"{len(queries)} query parameters given", "send exactly one query per request")
    return (queries[0] if queries else None), params.getlist("default-graph-uri"), params.getlist("named-graph-uri")


# `format=` values other clients send (SPARQLWrapper sends format=turtle, json-ld, rdf+xml …; Turtle is N3).
FORMAT_ALIASES = {"turtle": "ttl", "n3": "ttl", "json-ld": "jsonld", "rdf+xml": "rdfxml", "rdf": "rdfxml",
                  "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq"}  # fmt: skip


def _explicit_format(offers: dict[str, str]) -> str | None:
    """The `format` parameter, if any, as one of ``offers``' formats (a name, an alias or a media type)."""
    values = request.values.getlist("format")
    if not values:
        return None
    for raw in values:
        name = raw.strip().lower()
        fmt = offers.get(name) or FORMAT_ALIASES.get(name, name)
        if fmt not in offers.values():  # for a graph, plain xml/json mean RDF/XML and JSON-LD
            fmt = {"xml": "rdfxml", "json": "jsonld"}.get(fmt, fmt)
        if fmt in offers.values():
            return fmt
    raise NotAcceptable(f"unsupported format {values[0]!r} for this request",
                        f"use one of {', '.join(sorted(set(offers.values())))}")  # fmt: skip


def _negotiate(offers: dict[str, str]) -> str:
    """The format for the best media type the client accepts among ``offers`` (first is default)."""
    explicit = _explicit_format(offers)
    if explicit:
        return explicit
    accept = request.accept_mimetypes
    if not accept or accept.provided is False or str(accept) in ("", "*/*"):
        return next(iter(offers.values()))
    best = accept.best_match(list(offers))
    if best is None:
        raise NotAcceptable(f"cannot produce any of: {accept}", f"acceptable types: {', '.join(offers)}")
    return offers[best]


_RDF_MEDIA = {fmt: media for media, fmt in RDF_TYPES.items()}


def _timeout_arg() -> float | None:
    """An optional `timeout` parameter (seconds) that can only lower the configured timeout."""
    raw = request.values.get("timeout")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"timeout must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise BadRequest("timeout must be positive")
    return value


def _wants_rdf() -> bool:
    """No Accept, */*, or an RDF type preferred to SPARQL results: a client dereferencing the endpoint."""
    best = request.accept_mimetypes.best_match([*RDF_TYPES, *SOLUTION_TYPES])
    return not request.accept_mimetypes or best in RDF_TYPES


def ontology_terms(service: Service) -> list[dict[str, Any]]:
    """Classes and properties of the ontology with ja/en labels and comments, domain, range, parents."""
    rows = service.select(
        f"""SELECT ?t ?kind ?p ?o WHERE {{ GRAPH <{service.iris.ontology_graph()}> {{
              ?t a ?kind ; ?p ?o . FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{service.iris.ont}"))
              VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }} }} }}"""
    )
    terms: dict[str, dict[str, Any]] = {}
    for r in rows:
        t = terms.setdefault(r["t"]["value"], {"iri": r["t"]["value"], "name": r["t"]["value"].rsplit("#", 1)[-1],
                                               "kind": r["kind"]["value"].rsplit("#", 1)[-1], "label": {}, "comment": {},
                                               "domain": set(), "range": set(), "parents": set()})  # fmt: skip
        pred, obj = r["p"]["value"].rsplit("#", 1)[-1], r["o"]
        if pred in ("label", "comment") and obj["type"] == "literal":
            t[pred][obj["lang"] or ""] = obj["value"]
        elif pred in ("domain", "range") and obj["type"] == "uri":
            t[pred].add(obj["value"])
        elif pred in ("subClassOf", "subPropertyOf") and obj["type"] == "uri":
            t["parents"].add(obj["value"])
    order = {"Class": 0, "ObjectProperty": 1, "DatatypeProperty": 2, "AnnotationProperty": 3}
    return sorted(terms.values(), key=lambda t: (order.get(t["kind"], 9), t["name"]))


def _wants_html() -> bool:
    accept = request.accept_mimetypes
    return accept.best_match(["text/html", "application/sparql-results+json"]) == "text/html" and "text/html" in str(accept)


def _negotiate_page() -> str:
    return _negotiate({"text/html": "html", "application/json": "json", **RDF_TYPES})


def _suffix_format(rest: str) -> tuple[str | None, str]:
    for suffix, fmt in SUFFIXES.items():
        if rest.endswith(suffix):
            return fmt, rest[: -len(suffix)]
    return None, rest


def waitress_options(settings: Settings) -> dict[str, Any]:
    """waitress as `kg serve` runs it: bounded body and connections, no version in `Server`, and the
    X-Forwarded-* headers left for ProxyFix when KG_PROXIES trusts a proxy (waitress drops them otherwise)."""
    return {
        "threads": settings.server_threads,
        "ident": "stip-kg",
        "max_request_body_size": settings.max_body,
        "connection_limit": max(100, settings.server_threads * 2),
        "clear_untrusted_proxy_headers": not settings.proxies,
    }


def _warm(app: Flask) -> None:
    """Load the model, tables and romanizer while the server starts, so the first questions do not wait for them."""
    try:
        app.extensions["kg.answerer"]().warm()
    except KGError as exc:  # nothing ingested yet: the first question will say so
        log.info("warm-up skipped: %s", exc)


def main() -> None:
    """Serve with waitress on the configured address."""
    from waitress import serve

    settings = load_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    threading.Thread(target=_warm, args=(app,), daemon=True, name="warm-up").start()
    log.info("serving on http://%s:%d/", settings.host, settings.port)
    serve(app, host=settings.host, port=settings.port, **waitress_options(settings))


if __name__ == "__main__":
    main()
