"""Exceptions of the core. Each carries the HTTP status the server maps it to and a fix hint for the CLI."""

from __future__ import annotations


class KGError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message: str, hint: str = "", **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.extra = extra  # further fields of the JSON error body (e.g. a syntax error's line and column)

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {"ok": False, "error": self.message, "status": self.status, "code": self.code}
        if self.hint:
            body["hint"] = self.hint
        body.update(self.extra)
        return body


class BadRequest(KGError):
    status = 400
    code = "bad_request"


class URITooLong(KGError):
    status = 414
    code = "uri_too_long"


class QuerySyntaxError(BadRequest):
    code = "query_syntax"


class ForbiddenQuery(KGError):
    """An update, LOAD or SERVICE: the endpoint is read-only and makes no outbound requests."""

    status = 403
    code = "forbidden_query"


class NotFound(KGError):
    status = 404
    code = "not_found"


class NotAcceptable(KGError):
    status = 406
    code = "not_acceptable"


class UnsupportedDocument(KGError):
    status = 415
    code = "unsupported_document"


class QueryTimeout(KGError):
    status = 503
    code = "query_timeout"


class TooManyRows(KGError):
    """More rows (or triples) than KG_MAX_ROWS. 422: the query is well formed but asks for more than the
    endpoint gives in one answer (413 would blame the size of the request)."""

    status = 422
    code = "too_many_rows"


class IndexMismatch(KGError):
    status = 409
    code = "index_mismatch"


class NotIngested(KGError):
    status = 503
    code = "not_ingested"


class ConfigError(KGError):
    status = 500
    code = "config"


class TooManyRequests(KGError):
    """One client asks more than its share (in flight, or SPARQL seconds per minute): retry after ``retry_after``."""

    status = 429
    code = "too_many_requests"


class Saturated(KGError):
    """Every slot busy and the queue full (or the wait for a slot too long): the server, not the client, is at its limit."""

    status = 503
    code = "saturated"


class BaseMismatch(KGError):
    """KG_BASE_IRI differs from the base the published store was built with: its IRIs would all 404."""

    status = 503
    code = "base_mismatch"


class Damaged(KGError):
    """A file of the published generation is missing or truncated: `kg reindex` rebuilds it from the documents."""

    status = 503
    code = "damaged"
