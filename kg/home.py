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
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import KGError


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
