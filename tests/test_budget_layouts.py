"""Budget lines in layouts a sheet or a page may take: tables whose cells carry their unit or that a converter wrote
one cell per line, rows labelled only 当初 or 補正, breakdowns after a bracketed label or after a table, items of the same
amount, a table of contents over several sheets (ingest/extract/budget_tables.py, budgets.py, budget_merge.py,
item_shares.py), on invented text through the rule-based pipeline."""

from __future__ import annotations

from ingest.extract.budget_subjects import shares_follow
from ingest.extract.budgets import document_program
from ingest.extract.pipeline import extract
from ingest.normalize import normalize
from ingest.records import Budget, Document, Extraction, Mention
from ingest.segment import passages
from ingest.vocab import Vocabulary
from kg.iris import Iris


def _extract(raw: str, vocab: Vocabulary, iris: Iris) -> tuple[str, Extraction]:
    text = normalize(Document("t.txt", "text/plain", raw, "0" * 64)).text
    return text, extract(text, passages("t", text, 2000), vocab, iris, use_ginza=False)


def _label(result: Extraction, key: str | None) -> str | None:
    return result.entities[key].labels.get("ja") if key else None


def _whole_and_shares(result: Extraction, whole: str, shares: tuple[str, ...]) -> tuple[Budget, list[Budget]]:
    """The line stated as ``whole`` and the lines stated as each of ``shares`` (the first of each)."""
    lines = _by_amount(result)
    return lines[whole][0], [lines[share][0] for share in shares]


def _meanings(result: Extraction) -> dict[str, tuple[str, int | None, str | None]]:
    """Each line's (status, fiscal year, subject's Japanese label), by the amount as stated."""
    return {b.stated_as: (b.status, b.fiscal_year, _label(result, b.subject)) for b in result.budgets}


def _parts_of(whole: Budget, parts: list[Budget]) -> set[tuple[bool, str, int | None]]:
    """For each part: whether it is a part of ``whole``, with its status and fiscal year."""
    return {(p.part_of == whole.iri, p.status, p.fiscal_year) for p in parts}


def _by_amount(result: Extraction) -> dict[str, list[Budget]]:
    out: dict[str, list[Budget]] = {}
    for b in result.budgets:
        out.setdefault(b.stated_as, []).append(b)
    return out


def test_a_table_of_past_years_with_rows_labelled_only_initial_and_supplementary(vocab: Vocabulary, iris: Iris) -> None:
    """「当初」「補正」 rows under 「令和5年度決算額　令和6年度予算額」: the sheet's program's money, a supplementary
    budget under a year's budget column."""
    raw = (
        "潮見火山観測推進事業\n令和8年度予算額（案） 2,480百万円\n\n"
        "【予算の推移】　　　　　　　　　　（単位：百万円）\n"
        "区分　　　令和５年度決算額　　令和６年度予算額\n"
        "当初　　　　　１，５１２　　　　　１，８２０\n"
        "補正　　　　　　　－　　　　　　　　３５０\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = _meanings(result)
    assert rows["1,512"] == ("actual", 2023, "潮見火山観測推進事業")
    assert rows["1,820"] == ("budget", 2024, "潮見火山観測推進事業")
    assert rows["350"] == ("supplementary budget", 2024, "潮見火山観測推進事業")


def test_a_breakdown_after_its_bracketed_label_names_each_bodys_share(vocab: Vocabulary, iris: Iris) -> None:
    """「（内訳）海洋研究開発機構：400百万円　防災科学技術研究所：140百万円」 under an item: each body's part of the item's
    line, the first body (right after the label's bracket) too."""
    raw = (
        "潮見火山防災研究推進事業\n令和8年度予算額（案）　2,480百万円\n\n【事業概要】\n"
        "①　潮見観測データ統合解析プロジェクト　　980百万円\n"
        "（内訳）防災科学技術研究所：620百万円　海洋研究開発機構：360百万円\n"
        "②　潮見海域火山監視技術開発プログラム「シオミ・ウォッチ」（新規）　　540百万円（　　－　　）\n"
        "　　自律型無人潜水機と海底ケーブル観測網を組み合わせ、島しょや海底の火山の常時監視の手法を開発する。\n"
        "（内訳）海洋研究開発機構：400百万円　防災科学技術研究所：140百万円\n"
    )
    _, result = _extract(raw, vocab, iris)
    lines = _by_amount(result)
    for item, shares in (("980百万円", ("620百万円", "360百万円")), ("540百万円", ("400百万円", "140百万円"))):
        whole = lines[item][0]
        for share in shares:
            b = lines[share][0]
            assert (b.part_of, b.subject) == (whole.iri, whole.subject)
            assert b.recipient is not None, share


def test_two_items_of_the_same_amount_stay_two_lines(vocab: Vocabulary, iris: Iris) -> None:
    raw = (
        "潮見防災研究推進事業\n令和8年度予算額（案）　2,480百万円\n\n【事業概要】\n"
        "①　潮見海域火山監視プログラム（新規）　　540百万円\n"
        "②　潮見観測拠点整備事業（継続）　　540百万円（885百万円）\n"
    )
    _, result = _extract(raw, vocab, iris)
    subjects = {_label(result, b.subject) for b in _by_amount(result)["540百万円"]}
    assert subjects == {"潮見海域火山監視プログラム", "潮見観測拠点整備事業"}


def test_a_table_of_contents_names_no_one_program_for_the_document() -> None:
    """A document of two sheets lists them in its contents: the program it is about is the first sheet's, named
    under the contents, not the one its contents list last."""
    text = (
        "研究基盤関係施策の令和8年度予算(案)について\n令和7年12月26日\n文部科学省研究振興局\n\n(目次)\n"
        "1.潮見データ駆動型研究加速プロジェクト ・・・・ 1\n2.潮見研究設備共用推進事業 ・・・・ 2\n\n-0-\n"
        "令和8年度予算(案) 主要事項\n潮見データ駆動型研究加速プロジェクト\n\n令和8年度予算額(案) 7,480百万円\n"
    )

    def at(surface: str, nth: int, key: str) -> Mention:
        start = -1
        for _ in range(nth):
            start = text.index(surface, start + 1)
        return Mention(start, start + len(surface), surface, "Program", 0, key)

    mentions = [
        at("潮見データ駆動型研究加速プロジェクト", 1, "A"),
        at("潮見研究設備共用推進事業", 1, "B"),
        at("潮見データ駆動型研究加速プロジェクト", 2, "A"),
    ]
    assert document_program(text, mentions) == "A"
    assert document_program(text, mentions[:2]) is None  # the contents alone name no program of the document


def test_a_bodys_portion_written_with_bun_is_its_share(vocab: Vocabulary, iris: Iris) -> None:
    """「令和6年度予算額は35億円（JST分19億円、JICA分16億円）」: each body's part of the 35億円, the body its recipient, the
    program its subject as the whole line's is (the line above names the bodies paying, not whose money it is)."""
    raw = (
        "2　多国間の枠組みによる国際共同研究\n（1）潮見共創研究プログラム\n"
        "　アフリカ、中南米、南アジア等の新興国・途上国との間で、現地の社会課題の解決に資する共同研究を\n"
        "推進するため、令和4年度から「潮見共創研究プログラム（SKP）」を、科学技術振興機構\n"
        "（JST）と国際協力機構（JICA）の連携により実施している。同プログラムでは、国内で必要な研究費をJSTが、\n"
        "相手国での活動に要する経費をJICAが負担しており、\n"
        "令和６年度予算額は３５億円（ＪＳＴ分１９億円、ＪＩＣＡ分１６億円）となっている。\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, shares = _whole_and_shares(result, "35億円", ("19億円", "16億円"))
    assert _label(result, whole.subject) == "潮見共創研究プログラム"
    for b, body in zip(shares, ("科学技術振興機構", "国際協力機構"), strict=True):
        assert (b.part_of, b.status, b.fiscal_year, _label(result, b.recipient)) == (whole.iri, "budget", 2024, body)
        assert b.subject == whole.subject


def test_shares_after_a_table_are_parts_of_the_line_they_add_up_to(vocab: Vocabulary, iris: Iris) -> None:
    """「（配分先内訳）JST：2,050百万円　理化学研究所：3,380百万円」 under a table of items: they add up to the sheet's
    request (5,430百万円), not to the table's last row."""
    raw = (
        "潮見科学データ加速プロジェクト\n\n令和８年度予算額（案）　　５，４３０百万円\n\n"
        "■　事業内訳　　　　　　　　　　　　　（単位：百万円）\n"
        "区分　　　　　　　　　　　　令和７年度予算額　　令和８年度予算額（案）\n"
        "①潮見データ基盤の高度化　　　　　１，８２０　　２，０５０\n"
        "②潮見基盤モデルの開発　　　　　　２，９００　　３，３８０\n\n"
        "（配分先内訳）　ＪＳＴ：２，０５０百万円　理化学研究所：３，３８０百万円\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, shares = _whole_and_shares(result, "5,430百万円", ("2,050百万円", "3,380百万円"))
    for b in shares:
        assert (b.part_of, _label(result, b.subject)) == (whole.iri, "潮見科学データ加速プロジェクト")


def test_a_table_whose_cells_carry_their_unit_is_read_by_its_columns(vocab: Vocabulary, iris: Iris) -> None:
    """A page's table with no caption, each figure with its unit, its header written one cell per line: each cell
    takes its column's year and kind (the month of a supplementary budget in the column's name)."""
    raw = (
        "潮見宇宙・海洋イノベーション創出事業について\n\n予算\n区分\n令和７年度当初予算額\n令和６年度２月補正予算額\n"
        "潮見宇宙技術開発補助金　　６０，０００千円　　２０，０００千円\n"
        "潮見スペースアカデミー事業　　９，５００千円　　―\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {(b.stated_as, b.status, b.fiscal_year, b.value) for b in result.budgets}
    assert ("60,000千円", "budget", 2025, "60000000") in rows
    assert ("20,000千円", "supplementary budget", 2024, "20000000") in rows
    assert ("9,500千円", "budget", 2025, "9500000") in rows
    assert len(result.budgets) == 3  # the figures are not read a second time as running text


def test_a_sheets_title_with_its_field_between_spaces_dates_its_table(vocab: Vocabulary, iris: Iris) -> None:
    """「令和８年度　潮見分野　概算要求の概要」 heads the sheet: a table of kinds (要求・要望額　前年度予算額) below takes
    its year."""
    raw = (
        "令和８年度　海洋・潮見分野　概算要求の概要\n\n【主要事業一覧】\n"
        "事業名　　要求・要望額　　前年度予算額　　備考\n"
        "１　潮見観測フロート網整備事業　　１，２８０百万円　　１，１００百万円　　継続\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows["1,280百万円"] == ("budget request", 2026)
    assert rows["1,100百万円"] == ("previous-year budget", 2025)


def test_a_table_written_one_cell_per_line_is_read_by_its_columns(vocab: Vocabulary, iris: Iris) -> None:
    """The header and each row one cell per line, a new item's change written 皆増: each figure takes its column."""
    raw = (
        "潮見社会課題解決型研究開発プログラム\n\n■予算の内訳（単位：百万円）\n区分\n令和7年度予算額\n令和8年度予算額（案）\n"
        "対前年度増減\n潮見課題領域Ⅰ\n―\n4,200\n皆増\n潮見課題領域Ⅱ\n6,300\n5,800\n▲500\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year) for b in result.budgets}
    assert rows["4,200"] == ("budget request", 2026)
    assert rows["5,800"] == ("budget request", 2026)
    assert rows["6,300"][1] == 2025


def test_a_share_follows_its_whole_lines_final_subject() -> None:
    """A share read while its line's subject was still a body (the line above named who pays) takes the program the
    line ends with, once the ranker or the document's program has re-decided it."""
    whole = Budget("w", "2800000000", "JPY", 2024, "program", "28億円", 0, 10, 14, "budget", 2)
    share = Budget("s", "800000000", "JPY", 2024, "jica", "8億円", 0, 30, 33, "budget", 2, recipient="jica", part_of="w")
    other = Budget("o", "100000000", "JPY", 2024, "jica", "1億円", 0, 50, 53, "budget", 3)
    shares_follow([whole, share, other])
    assert (share.subject, other.subject) == ("program", "jica")


def test_a_table_of_fiscal_years_down_its_side_gives_each_years_money_by_kind(vocab: Vocabulary, iris: Iris) -> None:
    """「年度　当初予算額　補正予算額　執行額」 over one row per year and a 累計 row: each cell the sheet's program's
    money for its row's year, of its column's kind; the 累計 row a total over the rows' years."""
    raw = (
        "波浪発電国際実証推進事業\n令和8年度概算要求額 1,900百万円\n\n"
        "（参考）予算額と執行額の推移\n（単位：百万円）\n年度\n当初予算額\n補正予算額\n執行額\n"
        "令和5年度　　1,210　　　－　　　1,150\n令和6年度　　1,430　　　300　　1,702\n"
        "累計（令和5～6年度）　2,640　　300　　2,852\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = _meanings(result)
    assert rows["1,210"] == ("budget", 2023, "波浪発電国際実証推進事業")
    assert rows["1,150"] == ("actual", 2023, "波浪発電国際実証推進事業")
    assert rows["300"] == ("supplementary budget", 2024, "波浪発電国際実証推進事業")
    assert rows["2,852"] == ("total", None, "波浪発電国際実証推進事業")
    assert _by_amount(result)["2,852"][0].fiscal_years == [2023, 2024]
    assert next(b for b in result.budgets if b.stated_as == "1,150").value == "1150000000"


def test_a_years_down_table_whose_second_column_names_each_rows_kind(vocab: Vocabulary, iris: Iris) -> None:
    """「年度　区分　予算額」: a row's 区分 cell (当初予算, 2月補正予算) gives its amount's kind; the 合計 row, with no
    区分 cell, is a total."""
    raw = (
        "さくら湾藻場再生研究事業\n\n予算\n（単位：千円）\n年度 区分 予算額\n"
        "令和6年度 当初予算 120,000\n令和6年度 2月補正予算 40,000\n令和7年度 当初予算 135,500\n合計 295,500\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = _meanings(result)
    assert rows["120,000"] == ("budget", 2024, "さくら湾藻場再生研究事業")
    assert rows["40,000"] == ("supplementary budget", 2024, "さくら湾藻場再生研究事業")
    assert rows["135,500"] == ("budget", 2025, "さくら湾藻場再生研究事業")
    assert rows["295,500"][0] == "total"


def test_a_header_written_one_cell_per_line_with_each_years_kind_below_it(vocab: Vocabulary, iris: Iris) -> None:
    """「区　分 / 令和7年度 / 当初予算額 / 令和8年度 / 概算要求額 / 対前年度比 / （％）」 each on a line over rows written
    across: each row's figures by the columns the stacked header names (the ratio read past)."""
    raw = (
        "１．総括表\n（単位：百万円）\n区　　分\n令和7年度\n当初予算額\n令和8年度\n概算要求額\n対前年度比\n（％）\n"
        "（１）しおさい海流観測網整備事業　　1,204　　1,530　　127.1\n"
        "（２）みさき沿岸防災研究推進事業　　　880　　　902　　102.5\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = _meanings(result)
    assert rows["1,530"] == ("budget request", 2026, "しおさい海流観測網整備事業")
    assert rows["902"] == ("budget request", 2026, "みさき沿岸防災研究推進事業")
    assert rows["1,204"][1:] == (2025, "しおさい海流観測網整備事業")
    assert "127.1" not in rows


def test_a_bare_figure_in_brackets_after_a_request_is_last_years_budget(vocab: Vocabulary, iris: Iris) -> None:
    """「【令和8年度概算要求額 2,310,000（1,870,000）千円】」: the bracket shares the unit and is the year before's
    budget."""
    raw = "ひびき海底地形調査事業\n【令和8年度概算要求額 2,310,000（1,870,000）千円】\n\n事業の内容\n海底地形を調査する。\n"
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: (b.status, b.fiscal_year, b.value) for b in result.budgets}
    assert rows["2,310,000千円"] == ("budget request", 2026, "2310000000")
    assert rows["1,870,000千円"] == ("previous-year budget", 2025, "1870000000")


def test_a_years_down_table_with_a_part_column_and_remarks_naming_each_rows_kind(vocab: Vocabulary, iris: Iris) -> None:
    """「年　度　予算額　うち県負担額　備　考」: the remark (当初予算, 9月補正予算（…）) gives the row's kind and the うち
    column is a part of the row's budget."""
    raw = (
        "ちくま川流域水循環研究プロジェクト\n\n４　予算\n（単位：千円）\n年　度　　予算額　　うち県負担額　　備　考\n"
        "令和6年度　　180,000　　60,000　　当初予算\n令和6年度　　 22,000　　　―　　　9月補正予算（観測機器の追加）\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: b for b in result.budgets}
    assert (rows["180,000"].status, rows["180,000"].fiscal_year) == ("budget", 2024)
    assert _label(result, rows["180,000"].subject) == "ちくま川流域水循環研究プロジェクト"
    assert (rows["60,000"].status, rows["60,000"].part_of) == ("budget", rows["180,000"].iri)
    assert (rows["22,000"].status, rows["22,000"].fiscal_year) == ("supplementary budget", 2024)


def test_an_items_tag_with_a_note_is_no_part_of_its_name(vocab: Vocabulary, iris: Iris) -> None:
    """「４．潮見若手研究者派遣プログラム（新規枠の拡大）　400百万円（200百万円）」: the bracket opens with the item's tag
    (新規), so it is a note on the item, not a part of its name."""
    raw = (
        "潮見防災研究推進事業\n【令和8年度予算概算要求額　2,480百万円（前年度予算額　2,010百万円）】\n\n＜事業の内容＞\n"
        "１．潮見海域観測プログラム　　1,400百万円（1,300百万円）\n"
        "２．潮見若手研究者派遣プログラム（新規枠の拡大）　　400百万円（200百万円）\n"
    )
    _, result = _extract(raw, vocab, iris)
    assert _label(result, _by_amount(result)["400百万円"][0].subject) == "潮見若手研究者派遣プログラム"


def test_a_row_of_figures_under_a_header_of_years_and_their_sum(vocab: Vocabulary, iris: Iris) -> None:
    """「2020年度 / … / 2022年度 / 合計」 one per line over a row of figures with no label, under 「…事業費（実績）」 and a
    unit alone in brackets: each figure the document's project's money spent that year, the last their total."""
    raw = (
        "潮見深部地熱実証プロジェクト\n\n本プロジェクトは地熱資源を調べる。\n\n第1期の年度別事業費（実績）\n（単位：億円）\n"
        "2020年度\n2021年度\n2022年度\n合計\n4.5　　6.1　　7.2　　17.8\n\n【問い合わせ先】\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: b for b in result.budgets}
    assert (rows["4.5"].status, rows["4.5"].fiscal_year, rows["4.5"].value) == ("actual", 2020, "450000000")
    assert _label(result, rows["6.1"].subject) == "潮見深部地熱実証プロジェクト"
    assert (rows["17.8"].status, rows["17.8"].fiscal_years) == ("total", [2020, 2021, 2022])


def test_a_table_of_years_with_a_last_column_summing_them(vocab: Vocabulary, iris: Iris) -> None:
    """「区分　令和6年度　令和7年度　合計」: each row's last cell is the total over the years before it."""
    raw = (
        "潮見海洋観測推進事業\n\n表　年度別事業費　　（単位：百万円）\n区分　令和6年度　令和7年度　合計\n"
        "潮見海洋観測推進事業　　120　　150　　270\n"
    )
    _, result = _extract(raw, vocab, iris)
    rows = {b.stated_as: b for b in result.budgets}
    assert (rows["120"].status, rows["120"].fiscal_year) == ("budget", 2024)
    assert (rows["270"].status, rows["270"].fiscal_year, rows["270"].fiscal_years) == ("total", None, [2024, 2025])


def test_a_sentence_opening_with_uchi_lists_parts_of_the_request_before_it(vocab: Vocabulary, iris: Iris) -> None:
    """「…総額3億1,000万円程度を要求する方向で調整している。・うち「…」は7,400万円」: the request is said after its
    amount (an approximate one), and a sentence opening with うち (or ・このうち) names a part of it, of its year and
    status."""
    raw = (
        "第４回　ひびき海洋研究推進協議会　議事要旨\n\n（２）令和8年度当初予算要求の方向性について\n"
        "　事務局から資料２に基づき説明があった。\n"
        "　・ひびき海藻計画関係は、令和8年度に総額3億1,000万円程度を要求する方向で調整している。\n"
        "　・うち「ひびき藻場再生モデル事業」は7,400万円に拡充する。\n"
        "　・このうち「ひびき藻類人材講座」には1,200万円を充てる。\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, parts = _whole_and_shares(result, "3億1,000万円", ("7,400万円", "1,200万円"))
    assert (whole.status, whole.fiscal_year) == ("budget request", 2026)
    assert _parts_of(whole, parts) == {(True, "budget request", 2026)}
    assert _label(result, parts[0].subject) == "ひびき藻場再生モデル事業"


def test_an_initial_budget_said_requested_after_the_amount_is_a_request(vocab: Vocabulary, iris: Iris) -> None:
    """「県の令和8年度当初予算として、総額2億4,800万円を要求する予定」: money asked for the initial budget, not yet
    granted."""
    raw = "ちくま川水循環研究推進事業\n\n・県の令和8年度当初予算として、総額2億4,800万円を要求する予定であること。\n"
    _, result = _extract(raw, vocab, iris)
    line = _by_amount(result)["2億4,800万円"][0]
    assert (line.status, line.fiscal_year) == ("budget request", 2026)


def test_a_breakdown_by_body_labelled_with_a_nested_bracket_is_of_the_line_its_rows_add_up_to(
    vocab: Vocabulary, iris: Iris
) -> None:
    """「【実施機関別内訳（令和8年度予算額（案））】」 under a sheet's last numbered item: the rows add up to the sheet's
    own request, so each is the body's share of that line (its year and status, the body its recipient), not of the
    item the block stands under."""
    raw = (
        "ひびき創薬研究基盤プログラム\n【令和8年度予算額（案）　52億円（前年度予算額　48億円）】\n\n＜事業の内容＞\n"
        "１．ひびき創薬モダリティ探索研究　　　　　　3,000,000千円\n"
        "２．ひびき研究基盤共用事業　　　　　　　　　2,200,000千円\n"
        "　・先端解析装置の共用体制を全国の拠点で整備。\n\n"
        "【実施機関別内訳（令和8年度予算額（案））】\n"
        "　日本医療研究開発機構（AMED）　　　4,000,000千円（補助金）\n"
        "　理化学研究所　　　　　　　　　　　1,200,000千円（運営費交付金）\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, shares = _whole_and_shares(result, "52億円", ("4,000,000千円", "1,200,000千円"))
    assert _parts_of(whole, shares) == {(True, "budget request", 2026)}
    assert {_label(result, s.subject) for s in shares} == {"ひびき創薬研究基盤プログラム"}
    assert [_label(result, s.recipient) for s in shares] == ["日本医療研究開発機構", "理化学研究所"]


def test_an_increase_said_after_its_amount_is_no_line_and_the_breakdown_after_it_is_of_the_request(
    vocab: Vocabulary, iris: Iris
) -> None:
    """「…6億1,000万円の増額となります。内訳でございますが、…「Aプログラム」に21億円」: the increase is a change
    between two years, not money of its own, and the breakdown that follows divides the request."""
    raw = (
        "第９回　北洋国際研究部会　議事録\n\n【事務局】　令和8年度予算案では、北洋国際研究ネットワーク事業全体として"
        "48億円を計上しております。前年度予算額は42億円でございますので、\n6億円の増額となります。\n"
        "　内訳でございますが、「北洋先端研究協働プログラム」に21億円、\n「北洋研究交流強化プログラム」に19億円、\n"
        "若手研究者の派遣枠である「北洋フェローシップ」に8億円を計上しております。\n"
    )
    _, result = _extract(raw, vocab, iris)
    assert "6億円" not in _by_amount(result)
    whole, parts = _whole_and_shares(result, "48億円", ("21億円", "19億円", "8億円"))
    assert _parts_of(whole, parts) == {(True, "budget request", 2026)}


def test_a_count_in_brackets_after_an_items_name_is_a_note_not_part_of_the_name(vocab: Vocabulary, iris: Iris) -> None:
    """「(2)研究者・大学院生の相互派遣(年間20名程度)　16,800千円」: the bracket counts what the item funds."""
    raw = (
        "ひびき・リガ科学技術協力推進事業\n令和8年度当初予算案　48,300千円（前年度　31,500千円）\n\n■事業内容\n"
        "(1)ひびき・リガ共同研究支援　18,000千円\n(2)研究者・大学院生の相互派遣(年間20名程度)　16,800千円\n"
    )
    _, result = _extract(raw, vocab, iris)
    assert _label(result, _by_amount(result)["16,800千円"][0].subject) == "研究者・大学院生の相互派遣"


def test_a_uchi_sentence_wrapped_after_a_comma_lists_parts_on_its_next_line_too(vocab: Vocabulary, iris: Iris) -> None:
    """「うち、サブ事業「A」に9,600万円、\\n　　人材育成プログラム「B」に3,200万円を計上する。」: one sentence wrapped,
    both parts of the request before it."""
    raw = (
        "第３回　ひびき海洋推進会議　議事要旨\n\n（１）令和8年度事業計画について\n"
        "　・県の令和8年度当初予算として、総額2億4,800万円を要求する予定であること。\n"
        "　　うち、サブ事業「ひびき沿岸点検モデル事業」に9,600万円、\n"
        "　　人材育成プログラム「ひびき海洋DXアカデミー」に3,200万円を計上する。\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, parts = _whole_and_shares(result, "2億4,800万円", ("9,600万円", "3,200万円"))
    assert _parts_of(whole, parts) == {(True, "budget request", 2026)}


def test_rows_under_a_label_saying_how_a_request_is_shared_out_are_each_bodys_share(vocab: Vocabulary, iris: Iris) -> None:
    """「令和8年度要求額の配分見込み」 over one row per body: shares of the request they add up to."""
    raw = (
        "ひびき防災研究推進費\n【令和8年度要求額　9,500百万円（前年度予算額　8,000百万円）】\n\n【事業スキーム】\n"
        "　内閣府（推進費を計上）　→（配分）→　関係府省・研究開発法人\n"
        "　　令和8年度要求額の配分見込み\n"
        "　　　科学技術振興機構（JST）　　　　　　　　　62億円\n"
        "　　　防災科学技術研究所（NIED）　　　　　　　 33億円\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, shares = _whole_and_shares(result, "9,500百万円", ("62億円", "33億円"))
    assert _parts_of(whole, shares) == {(True, "budget request", 2026)}
    assert [_label(result, s.recipient) for s in shares] == ["科学技術振興機構", "防災科学技術研究所"]


def test_an_amount_labelled_as_executed_is_money_spent(vocab: Vocabulary, iris: Iris) -> None:
    """「・2024年度執行額：2,784,512千円（執行率 92.8％）」 under a sheet's past results."""
    raw = (
        "ひびき光ネットワーク実証事業\n令和8年度概算要求額　3,120,000千円\n\n6. これまでの実績\n"
        "   ・2024年度執行額：2,784,512千円（執行率 92.8％）\n"
    )
    _, result = _extract(raw, vocab, iris)
    assert _meanings(result)["2,784,512千円"] == ("actual", 2024, "ひびき光ネットワーク実証事業")


def test_the_budget_an_amount_is_put_in_said_after_it_gives_its_status_and_its_parts(vocab: Vocabulary, iris: Iris) -> None:
    """「…「ひびき共創推進事業費」として48,600千円を\\n令和8年度11月補正予算案に計上し、…」 then 「うち　…　30,000千円」
    lines: a supplementary budget of that year, and its parts."""
    raw = (
        "ひびき海洋バイオ共創拠点を形成します\n\n３　県の支援\n"
        "　県では、拠点の立ち上げを支援するため、「ひびき共創推進事業費」として48,600千円を\n"
        "令和8年度11月補正予算案に計上し、11月定例県議会に提案しています。\n"
        "　　　うち　研究設備整備費補助　　　　　　　　30,000千円\n"
        "　　　うち　国際連携推進費　　　　　　　　　　18,600千円\n"
    )
    _, result = _extract(raw, vocab, iris)
    whole, parts = _whole_and_shares(result, "48,600千円", ("30,000千円", "18,600千円"))
    assert (whole.status, whole.fiscal_year) == ("supplementary budget", 2026)
    assert _parts_of(whole, parts) == {(True, "supplementary budget", 2026)}
