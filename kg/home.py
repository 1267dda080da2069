"""The data directory (KG_HOME) and how a new state is published atomically.

```
KG_HOME/
  documents/{doc_id}-{run}/  per-document artifacts (immutable): text.txt, graph.nt, passages.json, record.json
  generations/gen-N/    a complete state: store/ (Oxigraph), index/ (FAISS, BM25 tokens), catalog.json
  current -> generations/gen-N
  cache/embeddings.sqlite
```
A generation is built in a temporary sibling and published by swapping the ``current`` symlink
(``rename`` is atomic), so readers and an interrupted ingest only ever see a complete state.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import BaseMismatch, KGError
from kg.settings import Settings

ONTOLOGY_GRAPH = "/graph/ontology"  # every store holds {base}/graph/ontology: its IRI records the base


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, obj: Any) -> None:
    write_atomic(path, json.dumps(obj, ensure_ascii=False, indent=1))


class Home:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.documents = root / "documents"
        self.generations = root / "generations"
        self.cache = root / "cache"
        self.current_link = root / "current"

    def current(self) -> Path | None:
        """The published generation, or None before the first ingest."""
        if not self.current_link.is_symlink():
            return None
        target = self.current_link.resolve()
        return target if target.is_dir() else None

    def catalog(self) -> dict[str, Any]:
        current = self.current()
        if current is None:
            return {"pipeline": None, "documents": {}, "sources": {}}
        return json.loads((current / "catalog.json").read_text(encoding="utf-8"))

    def document_dir(self, name: str) -> Path:
        return self.documents / name

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """One writer at a time; a second ingest fails fast instead of interleaving."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise KGError("another ingest is running on this KG_HOME", "wait for it to finish") from None
            self._clean_temporaries()
            yield

    def _clean_temporaries(self) -> None:
        """Remove what an interrupted run left behind (never the published generation)."""
        for parent in (self.generations, self.documents):
            if parent.is_dir():
                for tmp in parent.glob(".tmp-*"):
                    shutil.rmtree(tmp, ignore_errors=True)

    def new_temporary(self, parent: Path) -> Path:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=parent, prefix=".tmp-"))

    def publish_document(self, tmp: Path, doc_id: str) -> str:
        """Move finished artifacts to a new immutable folder; returns its name for the catalog."""
        name = f"{doc_id}-{uuid.uuid4().hex[:8]}"
        os.replace(tmp, self.document_dir(name))
        return name

    def publish_generation(self, tmp: Path) -> Path:
        """Rename a finished generation into place and point ``current`` at it; prune old ones."""
        numbers = [int(p.name.split("-")[1]) for p in self.generations.glob("gen-*") if p.name.split("-")[1].isdigit()]
        final = self.generations / f"gen-{max(numbers, default=0) + 1}"
        os.replace(tmp, final)
        link_tmp = self.root / ".current.tmp"
        link_tmp.unlink(missing_ok=True)
        link_tmp.symlink_to(final.relative_to(self.root))
        os.replace(link_tmp, self.current_link)
        self._prune(keep={final.name})
        return final

    def _prune(self, keep: set[str]) -> None:
        # Keep the previous generation too: a server may still be answering from it.
        gens = sorted(self.generations.glob("gen-*"), key=lambda p: int(p.name.split("-")[1]))
        for old in gens[:-2]:
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
        referenced: set[str] = set()
        for gen in gens[-2:]:
            catalog = json.loads((gen / "catalog.json").read_text(encoding="utf-8"))
            referenced |= {info["dir"] for info in catalog["documents"].values()}
        for folder in self.documents.glob("*"):
            if folder.is_dir() and not folder.name.startswith(".") and folder.name not in referenced:
                shutil.rmtree(folder, ignore_errors=True)


def recorded_base(generation: Path) -> str | None:
    """The base IRI a generation's store was built with, read from its ontology graph's name."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(generation / "store"))
    except OSError:  # a damaged store: `kg reindex` rebuilds it, and the error is reported where it is opened
        return None
    try:
        for graph in store.named_graphs():
            if isinstance(graph, ox.NamedNode) and graph.value.endswith(ONTOLOGY_GRAPH):
                return graph.value.removesuffix(ONTOLOGY_GRAPH)
    finally:
        del store
    return None


def settle_base(settings: Settings, generation: Path | None = None, rebuilding: bool = False) -> Settings:
    """Settings whose base IRI is the published store's: IRIs stay what they were minted as, whatever host,
    port or proxy serves them. An explicit KG_BASE_IRI that differs is refused (unless ``rebuilding``)."""
    import dataclasses

    generation = generation or Home(settings.home).current()
    recorded = recorded_base(generation) if generation is not None else None
    if recorded is None or recorded == settings.base_iri:
        return settings
    if settings.base_iri_set and rebuilding:
        return settings
    if settings.base_iri_set:
        raise BaseMismatch(
            f"KG_BASE_IRI is {settings.base_iri} but the store in {settings.home} was built with {recorded}",
            f"rebuild it: KG_BASE_IRI={settings.base_iri} python -m kg ingest --force PATH… "
            "(or unset KG_BASE_IRI to serve the store's own IRIs)",
        )
    return dataclasses.replace(settings, base_iri=recorded)


MAX_DOCUMENT_BYTES = 20_000_000  # far above any policy document; a 50 MB line would hold GiNZA for hours

_F = TypeVar("_F", bound=Callable[..., Any])


def check_size(path: Path) -> Path:
    """Refuse a file too large to be a document before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise KGError(f"{path}: cannot read file ({exc.strerror})") from None
    if size > MAX_DOCUMENT_BYTES:
        raise KGError(f"{path}: {size:,} bytes is over the {MAX_DOCUMENT_BYTES:,}-byte limit for one document",
                      "split it into smaller documents")  # fmt: skip
    return path


def disk_errors(build: _F) -> _F:
    """A generation that cannot be written (disk full, file-size limit, permissions) is a clear error; the
    temporary folder is left for the next run to clean, and ``current`` still points at the previous generation."""

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return build(*args, **kwargs)
        except OSError as exc:
            raise KGError(f"could not write the new generation: {exc.strerror or exc}; the previous one is still served",
                          "free disk space (or raise the file-size limit) and run the command again") from None  # fmt: skip

    return wrapper  # type: ignore[return-value]
