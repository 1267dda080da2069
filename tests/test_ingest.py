"""Ingest of the real corpus: complete metadata, valid graph, idempotent, atomic under interruption."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.run import ingest, remove
from kg.home import Home
from kg.service import Service
from kg.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_ingested_without_failures(ingested) -> None:  # type: ignore[no-untyped-def]
    assert len(ingested.ingested) == 5
    assert ingested.failed == []
    assert ingested.violations == {}, "SHACL must report zero violations"


def test_every_document_has_title_date_publisher(service: Service) -> None:
    docs = service.documents()
    assert len(docs) == 5
    for d in docs:
        assert d["title"] and len(d["title"]) >= 6, d
        assert d["issued"] and d["issued"][:2] in ("19", "20"), d
        assert d["publishers"], d
        assert d["shacl_violations"] == []


@pytest.mark.parametrize(
    ("prefix", "title", "issued", "publisher"),
    [
        ("000_", "科学技術の国際展開の戦略的推進に向けて", "2021-06-30", "文部科学省"),
        (
            "001_",
            "日本学術振興会第5期中期目標・中期計画期間における国際関係事業の戦略的展開に向けた総合指針",
            "2024-03-29",
            "日本学術振興会",
        ),
        ("002_", "人的交流・科学技術分野における日米協力について", "2025-12-18", "文部科学省"),
        ("003_", "JSTの国際青少年交流", None, "科学技術振興機構"),
        ("004_", "国際卓越研究大学制度について", None, "文部科学省"),
    ],
)
def test_document_metadata(service: Service, prefix: str, title: str, issued: str | None, publisher: str) -> None:
    (doc,) = [d for d in service.documents() if d["source"].startswith(prefix)]
    assert doc["title"] == title
    if issued:
        assert doc["issued"] == issued and not doc["issued_inferred"]
    assert any(publisher in p["labels"].get("ja", "") for p in doc["publishers"]), doc["publishers"]


def test_stats_counts_per_class(service: Service) -> None:
    stats = service.stats()
    classes = stats["classes"]
    assert classes["Document"] == 5
    assert classes["Passage"] == stats["passages"] > 100
    for cls in ("Program", "Agency", "Country", "Budget", "Mention"):
        assert classes.get(cls, 0) > 0, cls


def test_one_iri_for_mext_across_documents(service: Service) -> None:
    rows = service.select(
        """SELECT DISTINCT ?e WHERE { ?m stip:surface ?s ; stip:refersTo ?e . FILTER(?s IN ("文部科学省", "文科省")) }"""
    )
    assert [r["e"]["value"] for r in rows] == [f"{service.iris.base}/id/agency/mext"]


def test_mentions_carry_offsets_into_the_document(service: Service) -> None:
    rows = service.select(
        """SELECT ?doc ?s ?start ?end WHERE { ?m a stip:Mention ; stip:surface ?s ; stip:startOffset ?start ;
           stip:endOffset ?end ; stip:inPassage/stip:inDocument ?doc }"""
    )
    assert rows
    texts = {}
    for r in rows:
        doc_id = r["doc"]["value"].rsplit("/", 1)[-1]
        text = texts.setdefault(doc_id, service.document_text(doc_id))
        assert text[int(r["start"]["value"]) : int(r["end"]["value"])] == r["s"]["value"]


def test_every_fact_cites_a_span_inside_its_passage(service: Service) -> None:
    """Provenance an analyst can follow: each extracted statement points at a passage and at character offsets
    that lie inside that passage (not in the next one, not past the text)."""
    rows = service.select(
        """SELECT ?by ?start ?end ?ps ?pe WHERE { ?st a rdf:Statement ; prov:wasDerivedFrom ?p ; stip:startOffset ?start ;
           stip:endOffset ?end ; stip:extractedBy ?by . ?p a stip:Passage ; stip:startOffset ?ps ; stip:endOffset ?pe }"""
    )
    assert len(rows) > 300

    def inside(r: dict) -> bool:  # type: ignore[type-arg]
        ps, start, end, pe = (int(r[k]["value"]) for k in ("ps", "start", "end", "pe"))
        return ps <= start <= end <= pe

    outside = [r["by"]["value"] for r in rows if not inside(r)]
    assert not outside, f"{len(outside)} statements cite spans outside their passage, by {sorted(set(outside))}"


def test_reingest_unchanged_corpus_does_no_work(settings, ingested) -> None:  # type: ignore[no-untyped-def]
    home = Home(settings.home)
    before = home.current()
    started = time.perf_counter()
    report = ingest([settings.corpus], settings, progress=False)
    assert report.ingested == [] and len(report.skipped) == 5
    assert report.generation is None and home.current() == before
    assert time.perf_counter() - started < 30


def test_bad_file_in_batch_is_reported_and_rest_goes_on(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04")
    report = ingest([bad, settings.corpus], settings, progress=False)
    assert report.failed and "bad.docx" in report.failed[0][0]
    assert len(report.skipped) == 5


def _copy_home(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns(".lock"))


def test_killed_ingest_leaves_previous_state_queryable(tmp_path: Path, settings, ingested) -> None:  # type: ignore[no-untyped-def]
    home_dir = tmp_path / "home"
    _copy_home(settings.home, home_dir)
    home = Home(home_dir)
    before = home.current()
    env = {**os.environ, "KG_HOME": str(home_dir), "KG_CORPUS": str(settings.corpus), "KG_BASE_IRI": settings.base_iri}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "ingest", "--force", "--quiet"], cwd=ROOT, env=env)
    # Kill it while it works: once it has started writing document artifacts.
    deadline = time.time() + 120
    while time.time() < deadline and not list((home_dir / "documents").glob(".tmp-*")) and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert home.current() == before, "the published generation must not change"
    svc = Service(load_settings(home=home_dir, base_iri=settings.base_iri))
    try:
        rows = svc.select("SELECT (COUNT(*) AS ?n) WHERE { ?d a stip:Document }")
        assert int(rows[0]["n"]["value"]) == 5
        assert svc.search("さくらサイエンスプログラム", 3)["hits"]
    finally:
        svc.close()
    # The next ingest cleans up and finds nothing to do.
    report = ingest(
        [settings.corpus], load_settings(home=home_dir, corpus=settings.corpus, base_iri=settings.base_iri), progress=False
    )
    assert report.ingested == [] and not list((home_dir / "documents").glob(".tmp-*"))


def test_remove_and_reingest_a_document(tmp_path: Path, settings, ingested) -> None:  # type: ignore[no-untyped-def]
    home_dir = tmp_path / "home"
    _copy_home(settings.home, home_dir)
    local = load_settings(home=home_dir, corpus=settings.corpus, base_iri=settings.base_iri)
    remove("002_c3c29cea94f6f165.txt", local, progress=False)
    svc = Service(local)
    try:
        assert len(svc.documents()) == 4
        assert all(h["source"] != "002_c3c29cea94f6f165.txt" for h in svc.search("日米 留学生交流", 10)["hits"])
        rows = svc.select("SELECT (COUNT(*) AS ?n) WHERE { ?d a stip:Document }")
        assert int(rows[0]["n"]["value"]) == 4
    finally:
        svc.close()
    report = ingest([settings.corpus], local, progress=False)
    assert report.ingested == ["002_c3c29cea94f6f165.txt"]


def test_changed_document_replaces_its_graph(tmp_path: Path, settings, ingested) -> None:  # type: ignore[no-untyped-def]
    home_dir = tmp_path / "home"
    _copy_home(settings.home, home_dir)
    local = load_settings(home=home_dir, base_iri=settings.base_iri)
    doc = tmp_path / "note.txt"
    doc.write_text(
        "文部科学省の国際共同研究について\n\n令和6年4月1日\n\n文部科学省はさくらサイエンスプログラムを推進する。",
        encoding="utf-8",
    )
    ingest([doc], local, progress=False)
    doc.write_text("文部科学省の国際共同研究について\n\n令和7年4月1日\n\n文部科学省はLOTUSを推進する。", encoding="utf-8")
    report = ingest([doc], local, progress=False)
    assert report.ingested == ["note.txt"] and len(report.removed) == 1
    catalog = json.loads((Home(home_dir).current() / "catalog.json").read_text())
    assert sum(1 for d in catalog["documents"].values() if d["source"] == "note.txt") == 1
    svc = Service(local)
    try:
        issued = svc.select('SELECT ?i WHERE { ?d stip:sourceName "note.txt" ; dcterms:issued ?i }')
        assert [r["i"]["value"] for r in issued] == ["2025-04-01"]
    finally:
        svc.close()


def test_every_mentioned_entity_has_japanese_and_english_labels(service: Service) -> None:
    rows = service.select(
        """SELECT DISTINCT ?e WHERE { ?e stip:mentionedIn ?p .
           OPTIONAL { ?e skos:prefLabel ?ja . FILTER(LANG(?ja) = "ja") }
           OPTIONAL { ?e skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
           FILTER(!BOUND(?ja) || !BOUND(?en)) }"""
    )
    assert rows == [], [r["e"]["value"] for r in rows][:20]


def test_statistics_table_cells_are_observations(service: Service) -> None:
    rows = service.select(
        """SELECT ?v ?row ?col WHERE { ?o a stip:Observation ; stip:refCountry country:IN ; stip:refPeriod ?y ;
           schema:value ?v ; stip:rowLabel ?row ; stip:columnLabel ?col . FILTER(STR(?y) = "2010") }"""
    )
    assert any(r["v"]["value"] in ("2142", "2142.0") and r["row"]["value"] == "インド" for r in rows), rows


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("「AI for Science」に係る日米連携枠組み", "Japan and the United States Partnership Framework on AI for Science"),
        (
            "科学技術協力に関する日米合同委員会",
            "Japan and the United States Joint Committee on Science and Technology Cooperation",
        ),
        ("国際青少年サイエンス交流事業", "International Youth Science Exchange Program"),
    ],
)
def test_english_labels_put_the_topic_after_the_head(name: str, english: str) -> None:
    from ingest.gloss import english_gloss

    assert english_gloss(name) == english


def test_machine_made_english_labels_are_marked_and_never_word_by_word(service: Service) -> None:
    """Every English label of an entity not in the curated data says where it comes from; a translated one
    uses only the glossary and single-sense dictionary words (市 → "Market" or 手 → "Hand" never appear)."""
    from ingest.gloss import english_gloss
    from ingest.vocab import load_vocabulary

    vocab = load_vocabulary(service.settings.ontology_dir, service.iris)

    def known(word: str) -> str | None:
        entry = vocab.lookup(word)
        return entry.labels.get("en") if entry is not None else None

    classes = "stip:Program, stip:Organization, stip:Event, stip:Person, stip:Municipality"
    rows = service.select(
        f"""SELECT ?e ?ja ?en ?src WHERE {{
              ?e a ?type ; skos:prefLabel ?en , ?ja . FILTER(?type IN ({classes}))
              FILTER(LANG(?en) = "en" && LANG(?ja) = "ja")
              FILTER NOT EXISTS {{ GRAPH ?g {{ ?e a ?t }} FILTER(STRENDS(STR(?g), "/graph/vocab")) }}
              OPTIONAL {{ ?e stip:labelSource ?src }} }}"""
    )
    assert len(rows) > 50
    sources = {r.get("src", {}).get("value") for r in rows}
    assert sources <= {"text", "translated", "romanized"}, sources
    for r in rows:
        ja, en, src = r["ja"]["value"], r["en"]["value"], r.get("src", {}).get("value")
        assert not set(en.split()) & {"Market", "Hand", "Cherry", "Birch"}, en
        # A translated label is the glossary rendering of its name (every word unambiguous), or a rule composed it
        # from labels it already had (a unit of a body, a meeting's session, a certification of a university).
        composed = "," in en or " of " in en or " under " in en
        if src == "translated" and not composed:
            assert english_gloss(ja, known) == en, (ja, en)


def test_dictionary_glosses_from_several_threads() -> None:
    """The server answers on several threads: a JMdict lookup on one must not break the next on another
    (sqlite refuses a connection made in another thread)."""
    import threading

    from ingest.gloss import word_gloss

    word_gloss.cache_clear()
    found = [word_gloss("望遠鏡")]  # on this thread, which stays alive (a dead thread's id can be reused)
    word_gloss.cache_clear()
    worker = threading.Thread(target=lambda: found.append(word_gloss("顕微鏡")))
    worker.start()
    worker.join()
    assert found == ["telescope", "microscope"]
