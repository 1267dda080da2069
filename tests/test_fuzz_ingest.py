"""Ingest fuzzing on the real pipeline (GiNZA, embedding model, Oxigraph): random bytes, mixed encodings, deeply
nested HTML, truncated and encrypted PDFs, an empty file, a 50 MB single line, 1,000 tiny files. Nothing
crashes; every file is either ingested (or skipped as a duplicate) or reported by name with a reason; a batch
with nothing good in it publishes nothing. Bounded: a few hypothesis examples, derandomized."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from kg.home import Home
from kg.settings import Settings, load_settings

ENCODINGS = ["utf-8", "shift_jis", "euc_jp", "utf-16", "iso2022_jp", "cp1252", "latin-1"]


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory: pytest.TempPathFactory, ingested) -> Settings:  # type: ignore[no-untyped-def]
    # ``ingested``: the session's ingest has loaded GiNZA and the embedding model in this process already
    return load_settings(home=tmp_path_factory.mktemp("fuzz_home"), base_iri="http://127.0.0.1:9", validate=False)


def _accounted(report, files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Every file is ingested, skipped or failed with a reason naming it: none is lost silently."""
    failed = {Path(name).name: reason for name, reason in report.failed}
    assert all(reason for reason in failed.values())
    handled = set(report.ingested) | set(report.skipped) | set(failed)
    assert {f.name for f in files} <= handled, {f.name for f in files} - handled


def _pdf(encrypted: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypted:
        writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=300)


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    blobs=st.lists(st.binary(max_size=400), min_size=1, max_size=3),
    texts=st.lists(st.tuples(text, st.sampled_from(ENCODINGS)), min_size=1, max_size=3),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_random_files_are_ingested_or_reported(fuzz_home: Settings, tmp_path_factory, blobs, texts, suffix) -> None:  # type: ignore[no-untyped-def]
    from ingest.run import ingest

    folder = tmp_path_factory.mktemp("random")
    files = []
    for n, blob in enumerate(blobs):
        files.append(folder / f"bytes{n}{suffix}")
        files[-1].write_bytes(blob)
    for n, (body, encoding) in enumerate(texts):
        files.append(folder / f"text{n}.txt")
        files[-1].write_bytes(body.encode(encoding, errors="ignore"))
    report = ingest([folder], fuzz_home, progress=False)
    _accounted(report, files)


def test_bad_files_are_reported_and_the_rest_of_the_batch_lands(fuzz_home: Settings, tmp_path: Path) -> None:
    from ingest.run import ingest

    good = tmp_path / "good.txt"
    good.write_text("さくらサイエンスプログラムは科学技術振興機構が実施する。\n", encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "nested.html": b"<div>" * 100_000 + "深い".encode() + b"</div>" * 100_000,
        "truncated.pdf": _pdf()[:200],
        "encrypted.pdf": _pdf(encrypted=True),
        "blank.pdf": _pdf(),
        "binary.md": bytes(range(256)) * 4,
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    with open(tmp_path / "huge.txt", "wb") as fh:  # a 50 MB single line, written without holding it in memory
        for _ in range(50):
            fh.write(b"a" * 1_000_000)
    report = ingest([tmp_path], fuzz_home, progress=False)
    failed = {Path(name).name: reason for name, reason in report.failed}
    assert "good.txt" in report.ingested and report.generation
    for name in ("empty.txt", "truncated.pdf", "encrypted.pdf", "blank.pdf", "huge.txt"):
        assert name in failed and failed[name], (name, report.failed)
    assert "limit" in failed["huge.txt"]
    _accounted(report, [*(tmp_path / n for n in bad), tmp_path / "huge.txt", good])


def test_a_batch_of_only_bad_files_publishes_nothing(fuzz_home: Settings, tmp_path: Path) -> None:
    from ingest.run import ingest

    home = Home(fuzz_home.home)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 50)
    before = home.current()
    report = ingest([tmp_path], fuzz_home, progress=False)
    assert len(report.failed) == 2 and not report.ingested and report.generation is None
    assert home.current() == before


def test_a_thousand_tiny_files(fuzz_home: Settings, tmp_path: Path) -> None:
    """1,000 files: 995 copies of one short document (one document, the copies mapped to it) and 5 empty ones."""
    from ingest.run import ingest

    for n in range(995):
        (tmp_path / f"tiny{n:04}.txt").write_text("日本学術振興会の小さな文書。\n", encoding="utf-8")
    for n in range(5):
        (tmp_path / f"void{n}.txt").write_bytes(b"  \n")
    report = ingest([tmp_path], fuzz_home, progress=False)
    assert len(report.failed) == 5 and all("void" in name for name, _ in report.failed)
    assert len(report.ingested) + len(report.skipped) == 995
    _accounted(report, sorted(tmp_path.iterdir()))
