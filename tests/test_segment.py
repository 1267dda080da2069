"""Passages are exact slices of the normalized text, cut on sentence boundaries, sized for retrieval."""

from __future__ import annotations

from ingest.load import load_path
from ingest.normalize import normalize
from ingest.segment import passages


def test_passages_are_exact_slices_and_bounded(corpus) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(corpus.glob("*.txt")):
        doc = normalize(load_path(path))
        ps = passages(doc.doc_id, doc.text, 400)
        assert ps, path.name
        assert [p.index for p in ps] == list(range(len(ps)))
        for p in ps:
            assert doc.text[p.start : p.end] == p.text
            assert len(p.text) <= 1000, (path.name, p.index, len(p.text))
        assert all(a.end <= b.start for a, b in zip(ps, ps[1:], strict=False)), "passages must not overlap"


def test_long_paragraph_is_cut_at_sentence_end() -> None:
    text = "見出し\n\n" + "これは長い文です。" * 100
    ps = passages("d", text, 200)
    assert len(ps) > 3
    assert all(p.text.endswith("。") for p in ps[:-1])
