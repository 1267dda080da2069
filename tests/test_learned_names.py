"""The statistical name tagger (ingest/extract/name_model.py) and the pipeline component that keeps what it is sure of
(ingest/extract/learned_names.py): a model trained here on invented lines, the shipped model on invented text, the
filters that keep its names whole, and `kg train names`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import name_model
from ingest.extract.evaluate_sets import documents
from ingest.extract.learned_names import _kind, _one_name
from ingest.extract.name_model import Found, NameModel, labels, sequences, tokens, train, training_names
from ingest.extract.pipeline import extract
from ingest.load import load_path
from ingest.normalize import nfkc, normalize
from ingest.records import Mention
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.__main__ import main
from kg.iris import Iris

_PLACES = ["北辺", "東雲", "南洋", "西峰", "白浜", "青葉", "緑川", "朝霧"]
_FIELDS = ["海洋観測", "量子計測", "水素利用", "防災情報", "農業データ", "感染症対策"]


def _training_text() -> tuple[str, dict[str, str]]:
    """Invented lines: programs (…推進プログラム) and bodies (…研究センター) in a few sentence shapes."""
    lines, names = [], {}
    for i, place in enumerate(_PLACES[:6]):
        for j, field in enumerate(_FIELDS[:5]):
            program, body = f"{place}{field}推進プログラム", f"{place}{field}研究センター"
            names[program], names[body] = "Program", "Organization"
            shape = (i + j) % 3
            if shape == 0:
                lines.append(f"令和{j + 5}年度より{program}を開始し、{body}が事務局を務める。")
            elif shape == 1:
                lines.append(f"{body}は、{program}の採択課題を公募する。")
            else:
                lines.append(f"実施機関：{body}　対象事業：{program}")
    return "\n".join(lines), names


def _mentions(text: str, vocab: Vocabulary, iris: Iris, chars: int = 400, disable: frozenset[str] = frozenset()) -> list[Mention]:
    """The rule-based pipeline with the model (no GiNZA) on invented text, normalized as ingest normalizes it."""
    text = nfkc(text).text
    return extract(text, passages("t", text, chars), vocab, iris, use_ginza=False, disable=disable).mentions


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> NameModel:
    text, names = _training_text()
    path = tmp_path_factory.mktemp("model") / "names.crfsuite"
    assert train(sequences(text, names), path) == len(text.splitlines())
    return NameModel(path)


def test_labels_mark_a_gold_name_token_by_token() -> None:
    line = "協力機関として北辺工科大学が参画した。"
    toks = tokens(line)
    tagged = [(t.surface, tag) for t, tag in zip(toks, labels(line, toks, {"北辺工科大学": "Organization"}), strict=True)]
    inside = [tag for _, tag in tagged if tag != "O"]
    assert inside[0] == "B-Organization" and set(inside[1:]) == {"I-Organization"}
    assert "".join(s for s, tag in tagged if tag != "O") == "北辺工科大学"


def test_gold_agencies_are_organisations_and_other_types_are_left_out() -> None:
    gold = {"entities": [
        {"type": "Agency", "names": ["科学技術振興機構", "JST"]},
        {"type": "Program", "names": ["ＡＢＣ－Ｌｉｎｋ"]},
        {"type": "Person", "names": ["山田 太郎"]},
    ]}  # fmt: skip
    assert training_names(gold) == {"科学技術振興機構": "Organization", "JST": "Organization", "ABC-Link": "Program"}


def test_a_model_trained_on_invented_lines_finds_new_names_of_the_same_shape(small_model: NameModel) -> None:
    line = "令和9年度より朝霧海洋観測推進プログラムを開始し、青葉量子計測研究センターが事務局を務める。"
    found = {(line[f.start : f.end], f.type) for f in small_model.find(line)}
    assert ("朝霧海洋観測推進プログラム", "Program") in found
    assert ("青葉量子計測研究センター", "Organization") in found
    assert all(0.0 < f.confidence <= 1.0 for f in small_model.find(line))
    assert small_model.find("") == [] and small_model.find("   ") == []


def test_training_on_nothing_fails_and_writes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "names.crfsuite"
    with pytest.raises(ValueError, match="no training sequences"):
        train(iter([]), path)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_model_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="kg train names"):
        NameModel(tmp_path / "absent.crfsuite")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("北辺海洋観測推進プログラム", True),
        ("RARE-Link", True),
        ("精密農業データ連携プラットフォーム「アグリ・ツイン", False),  # brackets not balanced
        ("ELSI", False),  # a bare acronym
        ("Leading-edge", False),  # a phrase
        ("Kawarabayashi-Toft", False),  # two persons' names
        ("本プログラム", False),  # generic
        ("特別研究員", False),  # a person's role
        ("基盤的なフェローシップ型", False),  # descriptive
        ("東雲大学と北辺大学", False),  # two names
        ("北辺県の防災研究センター", False),  # a phrase joined by の
    ],
)
def test_only_whole_names_are_kept(line: str, kept: bool) -> None:
    assert (_one_name(line, Found(0, len(line), "Program", 0.99)) == line) is kept


def test_a_name_the_model_is_unsure_of_or_that_runs_into_a_longer_word_is_dropped() -> None:
    assert _one_name("北辺海洋観測推進プログラム", Found(0, 13, "Program", 0.6)) is None
    line = "J-KEN乾燥地アグリテック・フェローシップ"
    assert _one_name(line, Found(0, 5, "Program", 0.99)) is None
    line = "J-KEN Bridgeの第2期"
    assert _one_name(line, Found(0, 5, "Program", 0.99)) is None
    line = "5件程度タイプB"
    assert _one_name(line, Found(1, len(line), "Program", 0.99)) is None


@pytest.mark.parametrize(
    ("name", "tagged", "kind"),
    [
        ("北辺量子産業化タスクフォース", "Program", "Organization"),  # a body's head word
        ("東雲臨床検査センター", "Program", "Organization"),
        ("北辺海洋観測基金", "Organization", "Program"),  # a program's head word
        ("東雲スマートオーシャン構想", "Program", "Program"),  # no head word: the model's guess stands
        ("北辺気候適応研究推進費補助金交付要綱", "Program", None),  # a rulebook, not a program
        ("東雲データ連携基盤Q&A", "Program", None),  # a page of the site
    ],
)
def test_a_names_head_word_decides_its_type(name: str, tagged: str, kind: str | None) -> None:
    assert _kind(name, tagged) == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("また、東雲湾スマートオーシャン構想の一環として、観測網を整備する。", "東雲湾スマートオーシャン構想", "Program"),
        ("構成員として東雲臨床検査センターが参加した。", "東雲臨床検査センター", "Organization"),
    ],
)
def test_the_shipped_model_finds_names_no_rule_finds(text: str, name: str, kind: str, vocab: Vocabulary, iris: Iris) -> None:
    def found(disable: frozenset[str]) -> set[tuple[str, str]]:
        return {(m.surface, m.type) for m in _mentions(text, vocab, iris, disable=disable)}

    assert (name, kind) in found(frozenset())
    assert (name, kind) not in found(frozenset({"learned_names"}))


def test_the_shipped_model_was_trained_only_on_opened_sets() -> None:
    assert name_model.MODEL_PATH.is_file()
    assert not set(name_model.TRAINING_SETS) & set(name_model.HELD_OUT)
    assert "test" in name_model.HELD_OUT


def test_kg_train_names_refuses_held_out_sets_and_unknown_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.crfsuite"
    assert main(["train", "names", "--set", "test", "--out", str(out)]) == 2
    assert "held out" in capsys.readouterr().err
    assert main(["train", "names", "--set", "dev999", "--out", str(out)]) == 2
    assert "dev999" in capsys.readouterr().err
    assert not out.exists()


def test_kg_train_names_writes_a_model_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.crfsuite"
    assert main(["train", "names", "--set", "dev", "--out", str(out)]) == 0
    assert "trained on" in capsys.readouterr().out
    # the model it wrote tags most of the names of the documents it learned from
    model, named, found = NameModel(out), 0, 0
    for path, gold in documents("dev"):
        names = training_names(gold)
        for line in normalize(load_path(path)).text.split("\n"):
            inside = {n for n in names if n in line}
            named += len(inside)
            found += len(inside & {line[f.start : f.end] for f in model.find(line)})
    assert named > 50 and found / named > 0.5


def test_a_name_the_model_found_is_found_again_where_the_model_is_not_sure(vocab: Vocabulary, iris: Iris) -> None:
    name = "東雲湾スマートオーシャン構想"
    filler = "観測データは関係機関で共有し、防災と漁業の両面で活用する。" * 8
    text = f"また、{name}の一環として、観測網を整備する。\n\n{filler}\n\n同構想（{name}）を推進する。\n"
    assert {m.passage for m in _mentions(text, vocab, iris, chars=200) if m.surface == name} == {0, 1}


def test_a_name_in_brackets_right_after_a_found_name_is_its_short_name(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "１　北辺沿岸防災協働研究（COAST-H）\n"
        "　「北辺沿岸防災協働研究（COAST-H: Northern Coastal Partnership）」は、途上国の研究機関と共同研究を行うものである。\n"
    )
    keys = {m.surface: m.key for m in _mentions(text, vocab, iris)}
    assert keys["COAST-H"] == keys["北辺沿岸防災協働研究"]


def test_kg_train_names_refuses_a_folder_or_an_unwritable_place_and_keeps_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = name_model.MODEL_PATH.read_bytes()
    assert main(["train", "names", "--set", "dev", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["train", "names", "--set", "dev", "--out", str(blocker / "m.crfsuite")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert name_model.MODEL_PATH.read_bytes() == shipped and list(tmp_path.iterdir()) == [blocker]
