"""HTTP service: JSON API, SPARQL 1.1 Protocol endpoint, dereferenceable entity IRIs and HTML pages.

``create_app(settings)`` builds the Flask app; ``main()`` serves it with waitress (a production WSGI
server) on KG_HOST:KG_PORT, 127.0.0.1 by default.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from kg.ask import Answerer
from kg.errors import BadRequest, KGError, NotAcceptable, NotFound
from kg.iris import TYPE_SEGMENTS
from kg.legal import Legal
from kg.service import Service
from kg.settings import Settings, load_settings
from kg.sparql import GRAPH_TYPES, SOLUTION_TYPES
from search.hybrid import Filters
from web.pages import Pages
from web.site import Site

log = logging.getLogger("kg.server")

RDF_TYPES = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt"}
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".json": "json", ".html": "html"}


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static", static_url_path="/static")
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    service = Service(settings)
    app.extensions["kg"] = service
    legal = Legal(service)
    answerers: list[Answerer] = []

    def answerer() -> Answerer:
        if not answerers:
            answerers.append(Answerer(service))
        return answerers[0]

    pages = Pages(Site(service, legal), answerer)  # the HTML pages (web/): home, browse, entity and document HTML
    pages.register(app)

    @app.errorhandler(KGError)
    def kg_error(exc: KGError) -> tuple[Response, int]:
        return jsonify(exc.to_json()), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        body = {"ok": False, "error": exc.description or exc.name, "status": exc.code, "code": exc.name.lower().replace(" ", "_")}
        return jsonify(body), exc.code or 500

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
            if _wants_html():
                return Response(render_template("sparql.html", prefixes=service.iris.prefixes()), mimetype="text/html")
            raise BadRequest(
                "missing query", "pass the SPARQL query as `query` (GET or form POST) or as application/sparql-query"
            )
        from kg.sparql import query_form

        form = query_form(query)
        fmt = _negotiate(SOLUTION_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES)
        result = service.sparql(query, fmt, default_graphs, named_graphs)
        return Response(result.body, mimetype=result.media_type.split(";")[0], content_type=result.media_type,
                        headers={"X-Result-Rows": str(result.rows)})  # fmt: skip

    # ------------------------------------------------------------------ Linked Data and pages

    @app.get("/id/<path:rest>")
    def entity_page(rest: str) -> Any:
        return _describe(f"{settings.base_iri}/id/", rest)

    @app.get("/law/<path:rest>")
    def provision_page(rest: str) -> Any:
        """Provision IRIs ({base}/law/{e-Gov law ID}/art_4__para_3) dereference like entity IRIs."""
        if "/" not in rest.strip("/"):  # /law/504AC0000000051: the law itself
            return redirect(legal.law_iri(rest.strip("/")).removeprefix(settings.base_iri), code=303)
        return _describe(f"{settings.base_iri}/law/", rest)

    def _describe(prefix: str, rest: str) -> Any:
        fmt, rest = _suffix_format(rest)
        iri = f"{prefix}{rest}"
        data = service.entity(iri)
        fmt = fmt or _negotiate_page()
        if fmt == "html":
            provision = legal.provision(iri) if prefix.endswith("/law/") else None
            law = legal.law(iri) if any(t.endswith(("#Law", "#Ordinance")) for t in data["types"]) else None
            return pages.entity(data, law, provision)
        if fmt == "json":
            return jsonify(data)
        result = service.sparql(f"DESCRIBE <{iri}>", fmt)
        return Response(result.body, content_type=result.media_type)

    @app.get("/entity")
    def entity_by_iri() -> Any:
        iri = request.args.get("iri", "")
        if not iri.startswith(settings.base_iri + "/"):
            raise NotFound(f"{iri!r} is not an IRI of this service")
        return redirect(iri.removeprefix(settings.base_iri), code=303)

    @app.get("/doc/<doc_id>")
    def document_page(doc_id: str) -> Any:
        docs = {d["doc_id"]: d for d in service.documents()}
        if doc_id not in docs:
            raise NotFound(f"no document {doc_id!r}", "list documents with GET /api/documents")
        fmt = _negotiate_page()
        if fmt == "json":
            return jsonify(docs[doc_id])
        return pages.document(doc_id)

    @app.get("/ontology")
    def ontology() -> Response:
        fmt = _negotiate({**RDF_TYPES, "text/html": "ttl"})
        result = service.sparql(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{service.iris.ontology_graph()}> {{ ?s ?p ?o }} }}", fmt
        )
        return Response(result.body, content_type=result.media_type)

    return app


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
    """query, default-graph-uri and named-graph-uri from GET, form POST or a direct POST body."""
    args = request.args
    if request.method == "POST":
        ctype = (request.mimetype or "").lower()
        if ctype == "application/x-www-form-urlencoded":
            form = request.form
            if "update" in form:
                from kg.errors import ForbiddenQuery

                raise ForbiddenQuery("SPARQL update is not allowed: this endpoint is read-only")
            return form.get("query"), form.getlist("default-graph-uri"), form.getlist("named-graph-uri")
        if ctype == "application/sparql-query":
            body = request.get_data(as_text=True)
            return body, args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
        if ctype == "application/sparql-update":
            from kg.errors import ForbiddenQuery

            raise ForbiddenQuery("SPARQL update is not allowed: this endpoint is read-only")
        from kg.errors import UnsupportedDocument

        raise UnsupportedDocument(f"unsupported POST content type {ctype or '(none)'!r}",
                                  "use application/x-www-form-urlencoded or application/sparql-query")  # fmt: skip
    return args.get("query"), args.getlist("default-graph-uri"), args.getlist("named-graph-uri")


def _negotiate(offers: dict[str, str]) -> str:
    """The format for the best media type the client accepts among ``offers`` (first is default)."""
    explicit = request.args.get("format")
    if explicit:
        if explicit in offers.values():
            return explicit
        raise NotAcceptable(f"unsupported format {explicit!r}", f"use one of {', '.join(sorted(set(offers.values())))}")
    accept = request.accept_mimetypes
    if not accept or accept.provided is False or str(accept) in ("", "*/*"):
        return next(iter(offers.values()))
    best = accept.best_match(list(offers))
    if best is None:
        raise NotAcceptable(f"cannot produce any of: {accept}", f"acceptable types: {', '.join(offers)}")
    return offers[best]


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


def main() -> None:
    """Serve with waitress on the configured address."""
    from waitress import serve

    settings = load_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    log.info("serving on http://%s:%d/", settings.host, settings.port)
    serve(app, host=settings.host, port=settings.port, threads=8, ident="stip-kg")


if __name__ == "__main__":
    main()
