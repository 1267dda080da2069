"""Dense passage vectors in a FAISS inner-product index (vectors are L2-normalized: IP = cosine)."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# Queries are single vectors: extra OpenMP threads only contend with the web server.
faiss.omp_set_num_threads(1)


class VectorIndex:
    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        faiss.normalize_L2(vectors)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        return cls(faiss.read_index(str(path)))

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    def vectors(self) -> np.ndarray:
        """Every stored vector, in row order (for building larger synthetic indexes in the bench)."""
        return self._index.reconstruct_n(0, self.size)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, passage rows) of the k nearest passages."""
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        faiss.normalize_L2(q)
        scores, rows = self._index.search(q, min(k, self.size))
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]
