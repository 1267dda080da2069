"""Ingest in worker processes: one line per document off a terminal, the same content ingested once, and
two workers build exactly what one builds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np

from ingest.run import ingest
from kg.home import Home
from kg.settings import Settings, load_settings

NOTES = {
    "a.txt": "文部科学省の国際共同研究について\n\n令和6年4月1日\n\n文部科学省はさくらサイエンスプログラムを推進する。",
    "b.txt": "日本学術振興会の二国間交流について\n\n令和5年3月1日\n\n日本学術振興会は二国間交流事業を実施する。",
}


def _notes(folder: Path) -> Path:
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _local(settings: Settings, home: Path, workers: int) -> Settings:
    return replace(load_settings(home=home, base_iri=settings.base_iri), ingest_workers=workers)


def test_one_flushed_line_per_document_off_a_terminal(tmp_path: Path, settings: Settings, capsys) -> None:  # type: ignore[no-untyped-def]
    report = ingest([_notes(tmp_path / "notes")], _local(settings, tmp_path / "home", 1), progress=True)
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("ingested ")]
    assert sorted(report.ingested) == ["a.txt", "b.txt"]
    assert len(lines) == 2 and "2/2" in lines[1] and "passages" in lines[1] and "left" in lines[1]


def test_same_content_twice_in_a_batch_is_processed_once(tmp_path: Path, settings: Settings) -> None:
    notes = _notes(tmp_path / "notes")
    (notes / "a-copy.txt").write_text(NOTES["a.txt"], encoding="utf-8")
    report = ingest([notes], _local(settings, tmp_path / "home", 1), progress=False)
    assert "b.txt" in report.ingested and len(report.ingested) == 2 and len(report.skipped) == 1
    assert {*report.ingested, *report.skipped} == {"a.txt", "a-copy.txt", "b.txt"}
    catalog = json.loads((Home(tmp_path / "home").current() / "catalog.json").read_text())
    assert len(catalog["documents"]) == 2 and len(catalog["sources"]) == 3


def test_two_workers_build_what_one_process_builds(tmp_path: Path, settings: Settings) -> None:
    notes = _notes(tmp_path / "notes")
    ingest([notes], _local(settings, tmp_path / "one", 1), progress=False)
    report = ingest([notes], _local(settings, tmp_path / "many", 2), progress=False)
    assert sorted(report.ingested) == ["a.txt", "b.txt"]
    one, many = Home(tmp_path / "one").current(), Home(tmp_path / "many").current()
    assert one is not None and many is not None
    for name in ("passages.json", "windows.json", "tokens.json", "entities.json"):
        assert json.loads((one / "index" / name).read_text()) == json.loads((many / "index" / name).read_text()), name
    for name in ("windows.faiss",):
        a, b = (faiss.read_index(str(g / "index" / name)) for g in (one, many))
        assert np.array_equal(a.reconstruct_n(0, a.ntotal), b.reconstruct_n(0, b.ntotal)), name
