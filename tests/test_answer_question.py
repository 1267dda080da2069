"""Question analysis: the answer type and constraints, in both languages, on the shapes the issue lists."""

from __future__ import annotations

import pytest

from kg.answer.question import analyse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("国際卓越研究大学の認定基準は？", "list"),  # the criteria of Article 4(3), not the notification
        ("What are the certification criteria for International Research Universities?", "list"),
        ("What is the budget of SICORP?", "amount"),
        ("SICORPの予算はいくらか", "amount"),
        ("Which countries does Japan cooperate with on quantum?", "list"),
        ("量子分野で日本が協力している国はどの国か", "list"),
        ("How many projects were selected in FY2024?", "count"),
        ("令和6年度に採択された課題は何件か", "count"),
        ("AACRIの採択課題の相手国は何か国にのぼりますか。", "count"),
        ("G-QuATはどこに設置されていますか。", "place"),
        ("Where is G-QuAT located?", "place"),
        ("琉球量子ファウンドリの初代センター長に就いたのは誰ですか。", "person"),
        ("Who became the first director of the Ryukyu Quantum Foundry?", "person"),
        ("Who runs SICORP?", "organization"),
        ("SICORPの実施機関はどこか", "organization"),
        ("When did the minister hold the telephone meeting?", "date"),
        ("電話会談を行ったのはいつか", "date"),
        ("In which fiscal year did the program start?", "fiscal_year"),
        ("事業は何年度に始まったか", "fiscal_year"),
        ("What does the ordinance prescribe for Article 4(3)(ii) of the Act?", "provision"),
        ("Q-ACCELとは何ですか", "definition"),
    ],
)
def test_answer_type(question: str, kind: str) -> None:
    assert analyse(question).type == kind


def test_constraints() -> None:
    q = analyse("How many projects were selected in FY2024?")
    assert (q.lang, q.fiscal_year, q.counted) == ("en", 2024, "projects")
    q = analyse("令和8年度の概算要求額はいくらか")
    assert (q.lang, q.fiscal_year, q.status) == ("ja", 2026, "request")
    assert analyse("What does the ordinance prescribe for Article 4(3)(ii)?").genre == "ordinance"
    assert analyse("Which article of the Act sets the criteria?").genre == "law"
    assert analyse("How much supplementary budget did Q-ACCEL receive?").status == "supplementary"


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("Who chairs the evaluation committee?", "roles", ("委員長", "主査", "座長", "議長", "部会長", "会長")),
        ("RD-BOOSTのプログラムスーパーバイザーは誰ですか。", "roles", ("プログラムスーパーバイザー",)),
        ("Which Kenyan body leads the project?", "country", ("ケニア", "Kenya")),
        ("AACRIの相手国は何か国ですか。", "counters", ("か国", "カ国", "ヶ国")),
        ("How many observation points does the network have?", "counters", ("か所", "箇所", "点")),
        ("What is the minimum number of committee members?", "counters", ("人", "名")),
        ("GSLフェローの研究奨励金は月いくらですか。", "per", "month"),
        ("What is the maximum annual funding per project?", "per", "year"),
        ("What is the deadline for applications?", "end", True),
        ("RICH事業ではこれまでに何拠点が採択されていますか。", "total", True),
        ("In which city is the 6th Japan-ASEAN STI Forum held?", "ordinal", 6),
        ("What is the deadline for the second Q-LINKS call?", "ordinal", 2),
        ("英国との第18回合同委員会はいつ開催されましたか。", "ordinal", 18),
        ("When did the rules first come into force?", "ordinal", None),  # 「first」 numbers no meeting here
        ("Roughly how many projects will be selected?", "approx", True),
    ],
)
def test_constraints_on_the_answer(question: str, field: str, value: object) -> None:
    assert getattr(analyse(question), field) == value


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("ゲノム医療研究部会にオブザーバーとして出席した機関はどこですか。", "organization"),  # a body, not a place
        ("Which fiscal years does the fourth phase cover?", "fiscal_year"),
        ("What share of its income came from fees?", "description"),  # a ratio, not a sum of money
        ("When was JSPS's International Affairs Headquarters (国際統括本部) set up?", "date"),
    ],
)
def test_more_answer_types(question: str, kind: str) -> None:
    assert analyse(question).type == kind


def test_an_english_question_quoting_a_japanese_name_is_answered_in_english() -> None:
    assert analyse("When was JSPS's International Affairs Headquarters (国際統括本部) set up?").lang == "en"
    assert analyse("Q-LINKSの第2回公募の説明会はいつ開かれますか。").lang == "ja"
