"""The budget-subject ranker (ingest/extract/subject_model.py) and the component that applies it where it is sure
(ingest/extract/budget_subjects.py): candidates and their features on invented text, a model trained here on invented
table rows, the shipped model, and `kg train subjects`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import name_model, subject_model
from ingest.extract.pipeline import extract
from ingest.extract.subject_model import Line, Named, SubjectModel, candidates, choose, features, samples, topics, train
from ingest.normalize import nfkc
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.__main__ import main
from kg.iris import Iris

_PLACES = ["北辺", "東雲", "南洋", "西峰", "白浜", "青葉", "緑川", "朝霧", "若葉", "紅葉"]


def _names(text: str, spans: list[tuple[str, str, str]]) -> list[Named]:
    """A Named for every occurrence of each (surface, type, key) in the text."""
    out = []
    for surface, kind, key in spans:
        at = text.find(surface)
        while at >= 0:
            out.append(Named(at, at + len(surface), kind, key))
            at = text.find(surface, at + 1)
    return out


def _row(place: str, k: int) -> tuple[str, list[tuple[str, str, str]]]:
    """An invented table row: a track of a program, the agency that runs it, the amount each project gets."""
    track, agency = f"{place}国際共同研究枠", f"{place}研究機構"
    text = f"{track}　{agency}　１課題当たり最大{k}億円　{k + 3}課題\n"
    return text, [(track, "Program", f"track-{place}"), (agency, "Agency", f"agency-{place}")]


def test_candidates_are_names_near_the_amount_and_the_programs_the_document_is_about() -> None:
    text = (
        "北辺海洋観測プログラム\n"  # the title
        + "本文。\n" * 10
        + "東雲研究機構が公募を行う。フランスとの共同研究である。\n"
        + "南洋基金　1課題当たり500万円\n"
    )
    names = _names(
        text,
        [
            ("北辺海洋観測プログラム", "Program", "p-title"),
            ("東雲研究機構", "Agency", "a"),
            ("フランス", "Country", "c"),
            ("南洋基金", "Program", "p-row"),
        ],
    )
    amount = text.index("500万円")
    found = candidates(text, Line(amount, amount + 5, None), names)
    assert set(found) == {"p-title", "a", "p-row"}  # a country is nobody's money; the title is named 11 lines up
    assert topics(text, names)[0] == "p-title"
    rivals = list(found.values())
    place = {k: features(text, Line(amount, amount + 5, "a"), n, rivals, 1, ["p-title"])["place"] for k, n in found.items()}
    assert place == {"p-row": "line-before", "a": "up<=1", "p-title": "up>8"}


def test_samples_label_the_candidate_naming_the_gold_subject() -> None:
    text, spans = _row("北辺", 5)
    names = _names(text, spans)
    amount = Line(text.index("5億円"), text.index("5億円") + 3, "agency-北辺")
    of = {"track-北辺": {"北辺国際共同研究枠"}, "agency-北辺": {"北辺研究機構"}}
    labelled = {f["type"]: y for f, y in samples(text, amount, names, {"北辺国際共同研究枠"}, of)}
    assert labelled == {"Program": "yes", "Agency": "no"}
    assert [y for _, y in samples(text, amount, names, {"どこにもない事業"}, of)] == ["no", "no"]


def test_a_model_trained_on_invented_rows_prefers_the_track_a_row_opens_with(tmp_path: Path) -> None:
    # Rows where the rules chose the agency standing nearer the amount; the gold says the track heading the row.
    data = []
    for i, place in enumerate(_PLACES[:8]):
        text, spans = _row(place, i + 1)
        amount = text.index(f"{i + 1}億円")
        of = {key: {surface} for surface, _, key in spans}
        data += samples(text, Line(amount, amount + 3, f"agency-{place}"), _names(text, spans), {spans[0][0]}, of)
    path = tmp_path / "subjects.crfsuite"
    assert train(iter(data), path) == 16
    text, spans = _row("紅葉", 7)
    amount = text.index("7億円")
    ranked = SubjectModel(path).rank(text, Line(amount, amount + 3, "agency-紅葉"), _names(text, spans))
    assert ranked[0][1] == "track-紅葉" and ranked[0][0] > 0.5 > ranked[1][0]


def _subjects(text: str, vocab: Vocabulary, iris: Iris, disable: frozenset[str] = frozenset()) -> dict[str, str | None]:
    """Each budget line's amount → the name of its subject, from the pipeline (no GiNZA) on invented text."""
    text = nfkc(text).text
    ex = extract(text, passages("t", text, 400), vocab, iris, use_ginza=False, disable=disable)
    surface = {m.key: m.surface for m in ex.mentions}
    return {b.stated_as: surface.get(b.subject or "") for b in ex.budgets}


def test_the_shipped_model_gives_a_part_named_after_its_amount_its_money(vocab: Vocabulary, iris: Iris) -> None:
    text = (
        "第３回北辺海洋産業推進会議　議事要旨\n\n２．報告事項\n"
        "・北辺ブルーエコノミー計画の令和7年度当初予算額は2億1,000万円。このうち「海藻資源ベンチャー育成枠(Kelp-Go)」は"
        "5,200万円で、県内企業4社を採択した。\n"
    )
    # 「このうち「X」は5,200万円」: X's money; the whole 2億1,000万円 is not X's (its plan is no entity here)
    assert _subjects(text, vocab, iris) == {"2億1,000万円": None, "5,200万円": "海藻資源ベンチャー育成枠"}
    assert _subjects(text, vocab, iris, disable=frozenset({"budget_subjects"}))["5,200万円"] is None


def test_training_on_nothing_fails_and_a_missing_model_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no training samples"):
        train(iter([]), tmp_path / "m.crfsuite")
    assert not (tmp_path / "m.crfsuite").exists()
    with pytest.raises(FileNotFoundError, match="kg train subjects"):
        SubjectModel(tmp_path / "m.crfsuite")


def test_the_shipped_model_exists_and_was_trained_only_on_opened_sets() -> None:
    assert subject_model.MODEL_PATH.is_file()
    assert not set(name_model.TRAINING_SETS) & set(name_model.HELD_OUT)


def test_kg_train_subjects_refuses_held_out_sets_and_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = subject_model.MODEL_PATH.read_bytes()
    assert main(["train", "subjects", "--set", "dev60", "--out", str(tmp_path / "m.crfsuite")]) == 2
    assert "held out" in capsys.readouterr().err
    assert main(["train", "subjects", "--set", "dev2", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert subject_model.MODEL_PATH.read_bytes() == shipped and list(tmp_path.iterdir()) == []


def test_kg_train_subjects_writes_a_model_that_tells_subjects_from_other_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.crfsuite"
    assert main(["train", "subjects", "--set", "dev2", "--out", str(out)]) == 0
    assert "candidates" in capsys.readouterr().out
    # on the candidates it learned from, the subjects score higher than the names that are not
    data = list(subject_model.training_data(["dev2"]))
    model = SubjectModel(out)
    yes = [model.probability(f) for f, label in data if label == "yes"]
    no = [model.probability(f) for f, label in data if label == "no"]
    assert len(yes) > 20 and len(no) > 20
    assert sum(yes) / len(yes) > 0.5 > sum(no) / len(no)


def test_the_ranker_replaces_the_rules_choice_only_with_another_name_it_is_sure_of() -> None:
    assert choose([(0.9, "track"), (0.1, "agency")], "agency", 0.5) == "track"
    assert choose([(0.4, "track"), (0.1, "agency")], "agency", 0.5) is None
    assert choose([(0.9, "agency"), (0.1, "track")], "agency", 0.5) is None
    assert choose([], None, 0.5) is None


def test_kg_eval_subjects_tallies_a_set_and_refuses_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "subjects", "--set", "dev59"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("dev59"))
    lines, reach, rules, ranked, fixed, broken, still_wrong = (float(x) for x in row.split()[1:])
    assert lines > 20 and 0 < rules <= 1 and 0 < reach <= 1
    # the ranker's right lines are the rules' right lines, plus those it fixed, less those it broke
    assert round(ranked * lines) == round(rules * lines) + fixed - broken
    assert main(["eval", "subjects", "--set", "dev999"]) == 2
    assert "dev999" in capsys.readouterr().err
    assert main(["eval", "subjects", "--set", ","]) == 2
    assert "give the development sets" in capsys.readouterr().err
    assert main(["eval", "subjects", "--cv", "--model", "m.crfsuite"]) == 2
    assert "--cv trains its own models" in capsys.readouterr().err


def test_kg_eval_subjects_refuses_a_file_that_is_no_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "m.crfsuite").write_text("not a model")
    assert main(["eval", "subjects", "--set", "dev59", "--model", str(tmp_path / "m.crfsuite")]) == 2
    assert "cannot load the model" in capsys.readouterr().err
