"""The passage index of one generation: passage table, dense vectors (FAISS), BM25 tokens, entity labels.

The dense vectors are of 300-character windows over each document, not of passages: a passage is ranked by
the window it sits in. Embedding the windows alone costs half the model time of embedding passages and
windows both, and ranks as well as the two together on the corpus and the unseen dev questions (README, Scale).

``manifest.json`` records the embedding model that built the vectors; opening the index with another
model is refused (the vectors would be meaningless) with the command that rebuilds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kg.errors import IndexMismatch
from kg.home import write_json
from search.embed import Embedder, EmbeddingCache
from search.keyword import KeywordIndex, tokenize
from search.vectors import VectorIndex

INDEX_DIR = "index"


WINDOW_CHARS = 300  # 500 ranked some short passages (a table row, a criterion) below their neighbours


def windows(passages: list[dict[str, Any]], size: int = WINDOW_CHARS) -> list[dict[str, Any]]:
    """Fixed windows of ``size`` characters over each document's text (rebuilt from its passages, the gaps
    between them being blank lines), each with the passage rows it overlaps."""
    by_doc: dict[str, list[int]] = {}
    for row, p in enumerate(passages):
        by_doc.setdefault(p["doc_id"], []).append(row)
    out = []
    for doc_id, rows in by_doc.items():
        end = max(passages[r]["end"] for r in rows)
        text = [" "] * end
        for r in rows:
            p = passages[r]
            text[p["start"] : p["end"]] = list(p["text"])
        joined = "".join(text)
        for start in range(0, end, size):
            overlapping = [r for r in rows if passages[r]["start"] < start + size and start < passages[r]["end"]]
            if overlapping and joined[start : start + size].strip():
                out.append({"doc_id": doc_id, "start": start, "text": joined[start : start + size], "rows": overlapping})
    return out


@dataclass
class PassageIndex:
    passages: list[dict[str, Any]]
    vectors: VectorIndex  # dense vectors of the windows
    keywords: KeywordIndex
    entities: dict[str, dict[str, Any]]  # IRI → {type, labels}
    manifest: dict[str, Any]
    window_rows: list[list[int]] = field(default_factory=list)  # window (vector row) → the passage rows it overlaps
    by_entity: dict[str, list[int]] = field(default_factory=dict)  # IRI → passage rows

    def __post_init__(self) -> None:
        for row, p in enumerate(self.passages):
            for iri in p.get("entities", []):
                self.by_entity.setdefault(iri, []).append(row)

    @classmethod
    def load(cls, generation: Path, model_id: str) -> PassageIndex:
        root = generation / INDEX_DIR
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        if manifest["model"] != model_id:
            raise IndexMismatch(
                f"the passage index was built with {manifest['model']!r} but KG_EMBEDDING_MODEL gives {model_id!r}",
                "rebuild it with `python -m kg reindex` (or set KG_EMBEDDING_MODEL back)",
            )
        if not (root / "windows.faiss").exists():
            raise IndexMismatch("the passage index predates window vectors", "rebuild it with `python -m kg reindex`")
        passages = json.loads((root / "passages.json").read_text(encoding="utf-8"))
        tokens = json.loads((root / "tokens.json").read_text(encoding="utf-8"))
        entities = json.loads((root / "entities.json").read_text(encoding="utf-8"))
        rows = json.loads((root / "windows.json").read_text(encoding="utf-8"))
        vectors = VectorIndex.load(root / "windows.faiss")
        return cls(passages, vectors, KeywordIndex(tokens), entities, manifest, rows)


def embedded_texts(passages: list[dict[str, Any]]) -> list[str]:
    """What the model embeds for these passages: their windows' texts (ingest's workers embed them ahead)."""
    return [w["text"] for w in windows(passages)]


def build_index(
    generation: Path,
    passages: list[dict[str, Any]],
    entities: dict[str, dict[str, Any]],
    embedder: Embedder,
    cache: EmbeddingCache,
    progress: object = None,
) -> dict[str, Any]:
    """Embed (through the cache), tokenize and write the index files of a new generation."""
    root = generation / INDEX_DIR
    root.mkdir(parents=True, exist_ok=True)
    groups = windows(passages)
    vectors = cache.embed(embedder, [w["text"] for w in groups], progress=progress)
    VectorIndex.build(vectors if groups else np.zeros((0, embedder.dim), dtype=np.float32)).save(root / "windows.faiss")
    write_json(root / "windows.json", [w["rows"] for w in groups])
    tokens = [tokenize(f"{p.get('section', '')}\n{p['text']}") for p in passages]
    write_json(root / "passages.json", passages)
    write_json(root / "tokens.json", tokens)
    write_json(root / "entities.json", entities)
    manifest = {"model": embedder.model_id, "dim": embedder.dim, "passages": len(passages), "windows": len(groups)}
    write_json(root / "manifest.json", manifest)
    return manifest
