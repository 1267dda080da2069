"""The growth benchmark's generator and a tiny growth run (one synthetic document), on the real components."""

from __future__ import annotations

from pathlib import Path

from bench.growth import bench_growth
from bench.synthetic import build_corpus, sources, variant
from ingest.load import load_path
from ingest.normalize import normalize
from ingest.segment import passages


def _passages(path: Path) -> list[str]:
    doc = normalize(load_path(path))
    return [p.text for p in passages(doc.doc_id, doc.text)]


def test_variants_are_deterministic_and_differ(corpus: Path, tmp_path: Path) -> None:
    text = sources(corpus)[0].read_text(encoding="utf-8")
    assert variant(text, 7) == variant(text, 7)
    assert variant(text, 7) != variant(text, 8)
    docs = build_corpus(corpus, 2, tmp_path / "c")
    assert len(docs) == 2 * len(sources(corpus))
    assert len({p.read_bytes() for p in docs}) == len(docs)


def test_generated_passages_differ_from_the_corpus(corpus: Path, tmp_path: Path) -> None:
    real = {t for src in sources(corpus) for t in _passages(src)}
    generated = [t for p in build_corpus(corpus, 1, tmp_path / "c") for t in _passages(p)]
    assert generated
    same = [t for t in generated if t in real and len(t) >= 20]
    assert len(same) <= 0.02 * len(generated), same[:3]  # at most a stray heading: no embedding reused


def test_tiny_growth_run_reports_every_figure(corpus: Path, tmp_path: Path) -> None:
    report = bench_growth(corpus, [0.2], tmp_path / "work", queries=3, repeat=1, out=tmp_path / "out")
    (row,) = report["sizes"]
    assert row["documents"] == 1
    for key in ("ingest_s_per_doc", "ingest_cpu_s_per_doc", "ingest_peak_rss_mb", "triples", "store_mb", "index_mb",
                "server_peak_rss_mb", "gallery_median_ms"):  # fmt: skip
        assert row[key] > 0, key
    for route in ("search", "ask"):
        assert row[route]["p95_ms"] >= row[route]["p50_ms"] > 0
    assert "projection" in report["projection"]["note"]
    assert (tmp_path / "out" / "growth.png").stat().st_size > 0
    assert (tmp_path / "out" / "growth.json").is_file()
