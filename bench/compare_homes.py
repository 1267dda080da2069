"""Do two KG_HOMEs hold the same output? Window vectors, passages, windows, BM25 tokens, entities and the
store's triples (those without blank nodes, whose labels differ per run), of each home's newest generation.
Used to check that a faster ingest produces exactly what the previous one did.

    python -m bench.compare_homes HOME_A HOME_B
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import faiss
import numpy as np
import pyoxigraph as ox


def newest(home: Path) -> Path:
    return max((home / "generations").glob("gen-*"), key=lambda p: int(p.name.split("-")[1]))


def triples(generation: Path) -> list[str]:
    store = ox.Store.read_only(str(generation / "store"))
    quads = store.quads_for_pattern(None, None, None, None)
    return sorted(str(q) for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode))


def compare(a: Path, b: Path) -> bool:
    same = True
    for name in ("windows.faiss",):
        xa, xb = (faiss.read_index(str(g / "index" / name)) for g in (a, b))
        va, vb = xa.reconstruct_n(0, xa.ntotal), xb.reconstruct_n(0, xb.ntotal)
        diff = float(np.abs(va - vb).max()) if va.shape == vb.shape else float("inf")
        print(f"{name}: {va.shape} vs {vb.shape}, max |difference| {diff}")
        same &= diff == 0.0
    for name in ("passages.json", "windows.json", "tokens.json", "entities.json"):
        equal = json.loads((a / "index" / name).read_text()) == json.loads((b / "index" / name).read_text())
        print(f"{name}: {'identical' if equal else 'DIFFERENT'}")
        same &= equal
    ta, tb = triples(a), triples(b)
    print(f"store: {len(ta)} vs {len(tb)} triples without blank nodes, {'identical' if ta == tb else 'DIFFERENT'}")
    return same and ta == tb


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.compare_homes HOME_A HOME_B")
    sys.exit(0 if compare(newest(Path(sys.argv[1])), newest(Path(sys.argv[2]))) else 1)
