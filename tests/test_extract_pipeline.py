"""Extraction as a pipeline of named components: a declared order, a contract and docstring for each component,
every optional component can be left out without breaking the others, and a failing component is named."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from ingest.extract import pipeline
from ingest.extract.evaluate import ablate, ablation_report, evaluate_set, figures, load_set
from ingest.extract.pipeline import PIPELINE, Component, ComponentError, State, components, extract, register, unregister
from ingest.records import Extraction
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.__main__ import main
from kg.errors import BadRequest
from kg.iris import Iris
from kg.settings import Settings

HELDOUT = Path(__file__).resolve().parent / "data" / "extraction" / "heldout.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return HELDOUT.read_text(encoding="utf-8")


def run(text: str, vocab: Vocabulary, iris: Iris, disable: frozenset[str] = frozenset()) -> Extraction:
    # GiNZA is left out (use_ginza=False) to keep the test fast; its own ablation runs in `kg eval extraction --ablate`.
    return extract(text, passages("heldout", text, 400), vocab, iris, use_ginza=False, disable=disable)


def test_order_is_declared_and_each_component_is_its_own_module() -> None:
    names = [c.name for c in components()]
    assert names == list(PIPELINE)
    assert len(set(names)) == len(names)
    folder = Path(pipeline.__file__).parent
    for name in names:
        assert (folder / f"{name}.py").is_file(), name
    # Precedence among naming components: curated names before patterns, GiNZA last; linking after all of them.
    assert names.index("gazetteer_pass") < names.index("name_patterns") < names.index("ginza_ner") < names.index("linking")
    assert names.index("linking") < names.index("event_facts") < names.index("relations") < names.index("title_operator")
    assert names.index("budgets") < names.index("funding_notes") < names.index("budget_merge")


def test_every_component_has_a_docstring_and_a_contract() -> None:
    for c in components():
        module = importlib.import_module(f"ingest.extract.{c.name}")
        assert module.__doc__ and len(module.__doc__.strip()) > 40, c.name
        assert c.doc == module.__doc__, c.name
        assert "\n" not in c.reads and "\n" not in c.writes, f"{c.name}: reads/writes are one line each"
        assert c.reads.strip() and c.writes.strip(), c.name
        assert c.prepare or c.passage or c.finish, c.name
    assert [c.name for c in components() if c.required] == ["linking"]


def test_a_component_without_contract_is_refused() -> None:
    with pytest.raises(ValueError, match="contract"):
        Component("x", reads="", writes="mentions", doc="Does x.", finish=lambda s: None)
    with pytest.raises(ValueError, match="no hook"):
        Component("x", reads="text", writes="mentions", doc="Does x.")


def test_disabling_any_optional_component_leaves_the_others_running(text: str, vocab: Vocabulary, iris: Iris) -> None:
    full = run(text, vocab, iris)
    assert full.mentions and full.facts and full.budgets
    changed = []
    for c in components():
        if c.required or c.name == "ginza_ner":
            continue
        ablated = run(text, vocab, iris, frozenset({c.name}))
        assert ablated.mentions, f"without {c.name} nothing is named"
        if (len(ablated.mentions), len(ablated.facts), len(ablated.budgets)) != (
            len(full.mentions),
            len(full.facts),
            len(full.budgets),
        ):
            changed.append(c.name)
    # The components that name what this document holds, or read its budgets, do show up.
    assert {"gazetteer_pass", "name_patterns", "budgets", "relations", "event_facts"} <= set(changed)


def test_disabled_component_writes_nothing(text: str, vocab: Vocabulary, iris: Iris) -> None:
    assert not run(text, vocab, iris, frozenset({"budgets"})).budgets
    without_gazetteer = run(text, vocab, iris, frozenset({"gazetteer_pass"}))
    assert not [m for m in without_gazetteer.mentions if m.source == "gazetteer"]
    without_relations = run(text, vocab, iris, frozenset({"relations", "title_operator", "funding_notes"}))
    assert not [f for f in without_relations.facts if f.extractor.startswith(("rules:operatedBy", "rules:partnerCountry"))]


def test_required_and_unknown_components_cannot_be_disabled(text: str, vocab: Vocabulary, iris: Iris) -> None:
    with pytest.raises(ValueError, match="required"):
        run(text, vocab, iris, frozenset({"linking"}))
    with pytest.raises(ValueError, match="no extraction component named nonesuch"):
        run(text, vocab, iris, frozenset({"nonesuch"}))


def test_runner_names_the_failing_component(text: str, vocab: Vocabulary, iris: Iris) -> None:
    def broken(state: State) -> None:
        raise KeyError("boom")

    register(
        Component("broken_rule", reads="passage text", writes="nothing", doc="Always fails.", passage=broken, after="budgets")
    )
    try:
        names = [c.name for c in components()]
        assert names.index("broken_rule") == names.index("budgets") + 1
        with pytest.raises(ComponentError, match=r"'broken_rule' failed in passage on passage 0") as err:
            run(text, vocab, iris)
        assert err.value.component == "broken_rule"
        # Left out, it is as if it were not there.
        assert run(text, vocab, iris, frozenset({"broken_rule"})).mentions
    finally:
        unregister("broken_rule")
    assert "broken_rule" not in [c.name for c in components()]


def test_register_needs_a_known_position() -> None:
    def noop(state: State) -> None:
        return None

    with pytest.raises(ValueError, match="exactly one"):
        register(Component("a_new_step", reads="text", writes="spans", doc="A new step.", finish=noop))
    register(Component("a_new_step", reads="text", writes="spans", doc="A new step.", finish=noop, after="no_such_step"))
    try:
        with pytest.raises(ValueError, match="no_such_step"):
            components()
    finally:
        unregister("a_new_step")


GOLD = HELDOUT.parent


@pytest.fixture(scope="module")
def folder_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The held-out fixture laid out as an evaluation set of its own: a folder of documents with their gold."""
    folder = tmp_path_factory.mktemp("sets") / "dev"
    folder.mkdir()
    (folder / "heldout.txt").write_text(HELDOUT.read_text(encoding="utf-8"), encoding="utf-8")
    gold = json.loads((GOLD / "heldout_gold.json").read_text(encoding="utf-8"))
    for part in gold.values():
        for g in part:
            del g["doc"]  # a per-document gold file may leave its document implicit
    (folder / "heldout_gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (folder / "README.md").write_text("not a document of the set\n", encoding="utf-8")
    return folder


def test_a_folder_is_an_evaluation_set(folder_set: Path, settings: Settings, vocab: Vocabulary, iris: Iris) -> None:
    (dev,) = load_set(str(folder_set), GOLD, settings.corpus)
    assert dev.name == "dev"
    assert [p.name for p in dev.documents] == ["heldout.txt"]
    _, heldout = load_set("corpus", GOLD, settings.corpus)
    assert heldout.name == "heldout" and len(dev.entities) == len(heldout.entities) > 0
    full, ablated = ablate(dev, vocab, iris, ["budgets", "gazetteer_pass", "editions"])
    expected = figures(evaluate_set(heldout, vocab, iris, baseline=False))
    assert {g: (s.tp_gold, s.gold, s.tp_sys, s.system) for g, s in full.items()} == {
        g: (s.tp_gold, s.gold, s.tp_sys, s.system) for g, s in expected.items()
    }
    assert full["budgets"].recall == 1.0 and ablated["budgets"]["budgets"].recall == 0.0
    assert ablated["gazetteer_pass"]["Country"].recall < full["Country"].recall
    out = ablation_report(dev.title, full, ablated, len(dev.documents))
    budgets_line = next(line for line in out.splitlines() if line.startswith("budgets "))
    assert "-1.000" in budgets_line and "lost heldout:+" in budgets_line
    assert "editions               (no figure changes)" in out
    assert "effect confined" not in out  # meaningless with one document
    two = ablation_report("two documents", full, ablated, 2)
    assert "effect confined to one document: budgets (heldout), gazetteer_pass (heldout)" in two


def test_bad_sets_are_clear_errors(folder_set: Path, tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(BadRequest, match="no evaluation set 'nonesuch'"):
        load_set("nonesuch", GOLD, settings.corpus)
    (tmp_path / "a.txt").write_text("文部科学省", encoding="utf-8")
    with pytest.raises(BadRequest, match="a.txt has no gold"):
        load_set(str(tmp_path), GOLD, settings.corpus)
    (tmp_path / "a_gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BadRequest, match="not valid JSON"):
        load_set(str(tmp_path), GOLD, settings.corpus)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BadRequest, match="holds no documents"):
        load_set(str(empty), GOLD, settings.corpus)


def test_cli_names_an_unknown_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "extraction", "--set", "nonesuch", "--ablate"]) == 2
    err = capsys.readouterr().err
    assert "error: no evaluation set 'nonesuch'" in err and "Traceback" not in err


def test_a_name_a_shape_rule_found_is_found_again_where_no_cue_is(vocab: Vocabulary, iris: Iris) -> None:
    doc = (
        "要求額は総額60億円であり、うち観測基盤整備枠に35億円を計上。\n\n"
        "・観測基盤整備枠では、1課題あたり5,000万円を上限とする。\n\n"
        "「海洋データ統合推進」観測基盤整備枠の説明。"
    )
    # (the name model left out: it may find the name itself, and this is the rule's work)
    found = [m for m in run(doc, vocab, iris, frozenset({"learned_names"})).mentions if m.surface == "観測基盤整備枠"]
    assert len(found) == 2  # not the tail after a closing quote
    assert len({m.key for m in found}) == 1
    without = run(doc, vocab, iris, frozenset({"known_names", "learned_names"})).mentions
    assert len([m for m in without if m.surface == "観測基盤整備枠"]) == 1


def test_a_building_after_a_street_address_is_not_an_organisation(vocab: Vocabulary, iris: Iris) -> None:
    doc = "【問い合わせ先】\n沿岸防災研究所 広報室\n〒102-8012 東京都千代田区二番町5-25 二番町センタービル\n"
    orgs = {m.surface for m in run(doc, vocab, iris).mentions if m.type == "Organization"}
    assert "沿岸防災研究所" in orgs and not any("二番町" in o for o in orgs)


def test_a_name_a_passage_boundary_cuts_is_not_minted(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.records import Passage

    text = "協定校は次のとおり。北洋州立大学\nボストン校と連携する。"
    cut = text.index("\n")
    split = [Passage("d", 0, 0, cut, text[:cut]), Passage("d", 1, cut + 1, len(text), text[cut + 1 :])]
    whole = [Passage("d", 0, 0, len(text), text)]
    assert "北洋州立大学" not in {m.surface for m in extract(text, split, vocab, iris, use_ginza=False).mentions}
    assert "北洋州立大学" in {m.surface for m in extract(text, whole, vocab, iris, use_ginza=False).mentions}


def test_a_countrys_government_is_the_country_not_a_body_of_its_own(vocab: Vocabulary, iris: Iris) -> None:
    text = "本事業はフィリピン政府及びケニア共和国政府と協議して実施する。"
    result = extract(text, passages("g", text, 400), vocab, iris)  # with GiNZA, which reads 「…政府」 as a body
    assert {m.surface for m in result.mentions if m.type == "Country"} >= {"フィリピン", "ケニア共和国"}
    assert not [m for m in result.mentions if m.surface.endswith("政府")]


def test_the_body_whose_session_minutes_record_is_an_organisation(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "海洋開発審議会 沿岸観測・データ利活用推進分科会\n沿岸観測データ統合委員会（第14回）議事要旨\n\n"
        "1.日時 令和8年7月9日(木) 10:00~12:00\n2.議題\n(1)概算要求について\n"
    )
    result = extract(text, passages("m", text, 400), vocab, iris, use_ginza=False)
    types = {(m.surface, m.type) for m in result.mentions}
    assert ("沿岸観測データ統合委員会", "Organization") in types
    assert any(t == "Meeting" for _, t in types)


def test_a_budgets_subject_is_scored_by_any_name_of_the_gold_entity(tmp_path, vocab, iris) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract.evaluate_sets import evaluate_set

    folder = tmp_path / "devx"
    folder.mkdir()
    (folder / "01_budget-request.txt").write_text(
        "令和9年度概算要求\n\n沿岸観測推進プログラム「ZETA」\n令和9年度要求額 30億円\n", encoding="utf-8"
    )
    gold = {
        "metadata": {},
        "entities": [{"type": "Program", "names": ["沿岸観測推進プログラム「ZETA」", "ZETA", "沿岸観測推進プログラム"]}],
        "budgets": [
            {"value": "3000000000", "currency": "JPY", "fiscal_year": 2027, "status": "request",
             "subject_names": ["沿岸観測推進プログラム「ZETA」"], "stated_as": "30億円"}
        ],
        "relations": [],
    }  # fmt: skip
    (folder / "01_budget-request.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_set("devx", vocab, iris, root=tmp_path)
    assert (report.budgets.tp_gold, report.budgets.gold) == (1, 1)


def test_an_amount_stated_twice_is_one_budget_that_scores_as_both_stated_lines(tmp_path, vocab, iris) -> None:  # type: ignore[no-untyped-def]
    """The gold counts each statement; the graph keeps one budget with two sources: both lines are found, and a
    third gold line of the same value is not."""
    from ingest.extract.evaluate_sets import evaluate_set

    folder = tmp_path / "devx"
    folder.mkdir()
    (folder / "01_budget-request.txt").write_text(
        "令和9年度概算要求\n\n沿岸観測推進プログラム\n令和9年度要求額 30億円\n\n"
        "（参考）沿岸観測推進プログラムの令和9年度要求額は30億円。\n",
        encoding="utf-8",
    )
    line = {"value": "3000000000", "currency": "JPY", "fiscal_year": 2027, "status": "request",
            "subject_names": ["沿岸観測推進プログラム"], "stated_as": "30億円"}  # fmt: skip
    gold = {"metadata": {}, "entities": [{"type": "Program", "names": ["沿岸観測推進プログラム"]}], "relations": []}
    gold["budgets"] = [line, line, line]
    (folder / "01_budget-request.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_set("devx", vocab, iris, root=tmp_path)
    assert (report.budgets.tp_gold, report.budgets.gold, report.budgets.tp_sys, report.budgets.system) == (2, 3, 2, 2)


def test_a_missed_budget_line_is_counted_by_what_its_closest_candidate_got_wrong(tmp_path, vocab, iris) -> None:  # type: ignore[no-untyped-def]
    """A sealed set shows only aggregates: the report says whether its budget lines were missed for their subject,
    year, status or value, without naming a line."""
    from ingest.extract.evaluate_sets import evaluate_set, format_report

    folder = tmp_path / "devx"
    folder.mkdir()
    (folder / "01_budget-request.txt").write_text(
        "令和9年度概算要求\n\n沿岸観測推進プログラム\n令和9年度要求額 30億円\n", encoding="utf-8"
    )
    line = {"value": "3000000000", "currency": "JPY", "fiscal_year": 2027, "status": "request",
            "subject_names": ["沿岸観測推進プログラム"], "stated_as": "30億円"}  # fmt: skip
    gold = {"metadata": {}, "entities": [{"type": "Program", "names": ["沿岸観測推進プログラム"]}], "relations": []}
    gold["budgets"] = [{**line, "status": "actual"}, {**line, "value": "4000000000", "stated_as": "40億円"}]
    (folder / "01_budget-request.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_set("devx", vocab, iris, root=tmp_path)
    assert report.budget_misses == {"wrong status": 1, "no such value": 1}
    assert "budget lines missed, by what was wrong: wrong status 1, no such value 1" in format_report(report)


@pytest.mark.parametrize("gold_type", ["Organization", "Region"])
def test_a_body_of_states_is_scored_as_the_gold_types_it(tmp_path, vocab, iris, gold_type: str) -> None:  # type: ignore[no-untyped-def]
    """The EU is both a grouping of countries and an intergovernmental body: either gold type is right, and it
    counts once, never as a wrong entity of the other type."""
    from ingest.extract.evaluate_sets import evaluate_set

    assert "IntergovernmentalOrganization" in vocab.lookup("欧州連合").extra_types
    folder = tmp_path / "devx"
    folder.mkdir()
    (folder / "01_web-page.txt").write_text("本事業は欧州連合との共同公募を行う。\n", encoding="utf-8")
    gold = {"metadata": {}, "entities": [{"type": gold_type, "names": ["欧州連合", "EU"]}], "budgets": [], "relations": []}
    (folder / "01_web-page.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_set("devx", vocab, iris, root=tmp_path)
    scores = {g: (s.tp_gold, s.gold, s.tp_sys, s.system) for g, s in report.entities.items()}
    assert scores == {gold_type: (1, 1, 1, 1)}


def test_a_body_said_to_run_a_quoted_program_and_a_field_listing_the_bodies_that_run_it(vocab: Vocabulary, iris: Iris) -> None:
    from ingest.normalize import nfkc

    text = nfkc(
        "科学技術振興機構（JST）が実施する「北洋サイエンス交流プログラム」と連携する。\n"
        "日本学術振興会（JSPS）は、「沿岸先導研究者交流プログラム」により若手を派遣する。\n\n"
        "１．沿岸データ連携強化事業\n・配分機関：JST（1,200百万円）、AMED（300百万円）\n"
    ).text
    result = run(text, vocab, iris)
    labels = {iri: e.labels.get("ja", "") for iri, e in result.entities.items()}
    operated = {(labels[f.subject], labels[f.obj]) for f in result.facts if f.predicate.endswith("operatedBy")}
    assert ("北洋サイエンス交流プログラム", "科学技術振興機構") in operated
    assert ("沿岸先導研究者交流プログラム", "日本学術振興会") in operated  # its short name stands between
    assert {("沿岸データ連携強化事業", "科学技術振興機構"), ("沿岸データ連携強化事業", "日本医療研究開発機構")} <= operated


def test_a_missed_or_wrong_entity_is_counted_by_what_went_wrong(tmp_path, vocab, iris) -> None:  # type: ignore[no-untyped-def]
    """A sealed set shows only aggregates: the report says, per type, whether gold names were cut short, typed
    otherwise or never extracted, and whether extracted names were junk, without naming an entity."""
    from ingest.extract.evaluate_sets import evaluate_set, format_report

    folder = tmp_path / "devx"
    folder.mkdir()
    (folder / "01_press-release.txt").write_text(
        "科学技術振興機構は、沿岸観測推進プログラムの採択課題を決定しました。\n", encoding="utf-8"
    )
    gold = {"metadata": {}, "budgets": [], "relations": [], "entities": [
        {"type": "Program", "names": ["沿岸観測推進プログラム採択課題"]},
        {"type": "Program", "names": ["海洋観測強化事業"]},
        {"type": "Organization", "names": ["採択課題"]},
    ]}  # fmt: skip
    (folder / "01_press-release.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate_set("devx", vocab, iris, root=tmp_path)
    assert report.entity_misses["Program"] == {"cut or run on": 1, "not written as named": 1}
    assert report.entity_misses["Organization"] == {"not extracted": 1}
    assert report.entity_wrong["Program"] == {"cut or run on": 1}
    assert report.entity_wrong["Organization"] == {"no gold name": 1}
    assert "entities missed, by what was wrong: Organization not extracted 1; Program" in format_report(report)
