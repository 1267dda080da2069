"""The genre of a document (press release, minutes, budget request, white paper, statute, guideline, web page),
read from the shape of its text: the words its genre puts in headers and labels, not its topic.

Each genre has cues weighted by where they stand: a cue in the header block (the first lines) says more than
the same word in the body. The genre with the highest score wins when it clears a floor; otherwise the document
is a ``report`` (a policy paper, strategy or overview, the corpus's usual kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GENRES = (
    "press-release", "meeting-minutes", "budget-request", "white-paper", "statute", "guideline", "web-page", "report",
)  # fmt: skip


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    head: float  # weight when found in the header block
    body: float  # weight when found anywhere else


def _cue(pattern: str, head: float, body: float = 0.0) -> Cue:
    return Cue(re.compile(pattern, re.MULTILINE), head, body)


_ENUM = r"(?:[0-9０-９]{1,2}\s?[.．、]\s*|[(（][0-9０-９]{1,2}[)）]\s*)?"

_CUES: dict[str, tuple[Cue, ...]] = {
    "press-release": (
        _cue(r"報道発表|(?:プレス|ニュース)・?リリース|記者発表|(?i:(?:press|news) release)|報道関係者各位|お知らせ$", 3.0, 1.0),
        # A headline that reports an act: 「…共同研究を開始」「…拠点を開設」「…覚書を締結」
        _cue(
            r"(?:(?:を|が)(?:開始|開設|締結|発表|公開|決定|採択|設立|発足|開催|署名|受賞)(?:しました|します)?"
            r"|の(?:開始|開設|締結|公開|決定|採択|開催|公募)について)$",
            2.0,
            0.0,
        ),
        # It opens with its date, then the issuing body: 「2024年2月8日 / 独立行政法人国際協力機構」
        _cue(r"\A\s*(?:\d{4}|令和|平成)\S{0,4}年\s?\d{1,2}月\s?\d{1,2}日\S{0,5}\s*\n\s*\S", 1.5, 0.0),
        _cue(r"^\s*(?:発表日|公表日|解禁)", 3.0, 1.0),
        # a numbered release (「科学技術振興機構報　第2231号」) or its points for the press (【発表のポイント】)
        _cue(r"^\s*\S{2,20}報\s?第\s?[0-9０-９]+号|^\s*[【〔]?(?:発表|本件)の?ポイント[】〕]?\s*$", 3.0, 0.0),
        # The lead sentence: 「○○機構（理事長：…）は、…を開始しました。」
        _cue(r"^\s*\S.{1,60}?(?:は|では)、.{0,200}?(?:しました|します|いたしました|いたします|されました)。", 1.5, 0.0),
        _cue(r"【?(?:本件|お)?問い?合わせ先】?|問合せ先", 0.5, 1.0),
    ),
    "meeting-minutes": (
        # The minutes word closes a title line (…委員会（第9回） 議事録), not a mention of an R/D (討議議事録に署名).
        _cue(r"(?:議事録|議事要旨|議事概要|会議録)(?:[(（][^)）\n]*[)）])?\s*$", 4.0, 1.0),
        # Labelled lines, numbered or not (１．日時, (2) 場所): a meeting's record.
        _cue(rf"^\s*{_ENUM}[【〔]?(?:開催)?日\s*時[】〕]?\s*[:：]?", 1.5, 1.5),
        _cue(rf"^\s*{_ENUM}[【〔]?(?:場\s*所|会\s*場)[】〕]?\s*[:：]?", 1.0, 1.0),
        _cue(rf"^\s*{_ENUM}[【〔]?出席者[】〕]?|^\s*[【〔]?(?:委員|議員)[】〕]?\s*[:：]", 1.0, 1.5),
        _cue(rf"^\s*{_ENUM}[【〔]?議\s*題[】〕]?|^\s*[【〔]?議事[】〕]?\s*$|配付資料", 1.0, 1.5),
        _cue(r"第[0-9一二三四五六七八九十百]+回.{0,30}(?:会議|委員会|部会|分科会|審議会|懇談会)", 1.5, 0.5),
    ),
    "budget-request": (
        _cue(r"概算要求|要求・要望額|予算案|予算額\s*[(（]案[)）]", 3.0, 1.5),
        _cue(r"前年度予算額|補正予算額?|予算額", 1.0, 1.0),
        _cue(r"事業概要|事業の概要|背景・課題|事業内容", 0.5, 0.5),
    ),
    "white-paper": (
        _cue(r"白書", 4.0, 0.5),
        _cue(r"^\s*第\s*[0-9一二三四五六七八九十]+\s*[部章節]", 3.5, 1.0),
        _cue(r"^\s*(?:図表|第[0-9一二三四五六七八九十]+-[0-9]+-[0-9]+図|図\s*[0-9]+-[0-9]+)", 1.0, 1.0),
    ),
    "statute": (
        _cue(r"^\s*第[一二三四五六七八九十百]+条(?:の[一二三四五六七八九十]+)?\s", 2.0, 1.5),
        _cue(r"^\s*附\s*則", 2.0, 2.0),
        _cue(r"(?:省令|政令|規則|告示|規程|法律|条例)第[一二三四五六七八九十百千〇0-9]+号", 2.0, 0.5),
        # a gazette's promulgation formula: 「…条例をここに公布する。」
        _cue(r"をここに公布する", 4.0, 2.0),
        _cue(r"(?:施行規則|施行令|を定める省令|を定める政令)$", 3.0, 0.0),
    ),
    "guideline": (
        _cue(r"公募要領|募集要項|募集要領|実施要項|実施要領|実施要綱|応募要領|申請要領|ガイドライン|指針$", 4.0, 1.0),
        # …closing a header line, the document's own title (「…第3回公募 公募要領」), not a reference to one
        _cue(r"(?:公募要領|募集要項|募集要領|実施要項|実施要領|実施要綱|応募要領|申請要領)\s*$", 2.0, 0.0),
        _cue(r"応募資格|申請資格|応募方法|申請方法|応募期間|提出期限|審査(?:方法|基準)|採択予定", 0.5, 1.0),
    ),
    "web-page": (
        _cue(r"(?:ホーム|トップページ|TOP)\s*[>＞›»]|[>＞›»]\s*\S+\s*[>＞›»]", 4.0, 1.0),
        _cue(r"ページの先頭へ|サイトマップ|このページのトップへ|文字サイズ|Copyright|©|All Rights Reserved", 2.0, 2.0),
        _cue(r"^\s*(?:よくある(?:ご)?質問|FAQ|Q\s*[0-9]+[.:：]|Q[.．]\s)", 1.5, 1.0),
    ),
}

_TITLE_CUE = 3.0  # a cue this strong in the header names the genre
_FLOOR = 2.5  # a lone weak cue (one 予算額 in a strategy paper) does not make a genre
_HEAD_LINES = 12


def classify(text: str) -> tuple[str, dict[str, float]]:
    """The genre and every genre's score (for explaining the choice)."""
    lines = [ln for ln in text.split("\n") if len(ln.strip()) > 1]  # a lone character: vertical text, no line
    head = "\n".join(lines[:_HEAD_LINES])
    body = "\n".join(lines[_HEAD_LINES:])
    scores = {g: _score(head, body, cues) for g, cues in _CUES.items()}
    # A header that says what the document is (…議事要旨, 報道発表, …公募要領) outweighs what its body talks about:
    # minutes of a meeting on budget requests are minutes.
    titled = [g for g, cues in _CUES.items() if any(c.head >= _TITLE_CUE and c.pattern.search(head) for c in cues)]
    best = max(titled or scores, key=lambda g: scores[g])
    return (best if scores[best] >= _FLOOR else "report"), scores


def _score(head: str, body: str, cues: tuple[Cue, ...]) -> float:
    total = 0.0
    for cue in cues:
        if cue.pattern.search(head):
            total += cue.head
        # Each body cue counts at most three times, so a long document does not outvote a short header.
        total += cue.body * min(3, len(cue.pattern.findall(body)))
    return total
