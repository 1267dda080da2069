"""Question analysis, Japanese and English: the answer type asked for and the constraints on it.

Types: amount, fiscal_year, date, count, person, place, organization, provision, list, definition (and
description when nothing more specific is asked). Constraints: the fiscal year named, the document genre
a question points at (an ordinance, a law), the English noun a count is of (「how many projects」).
The entities named are recognised by the searcher; this module reads only the question's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import find_dates

# Order matters: the first type whose pattern matches is the one asked for.
_TYPES: list[tuple[str, re.Pattern[str]]] = [
    # 「Which German research organisation…」「Which minister…」「Which Japanese city…」: the head noun decides.
    (
        "organization",
        re.compile(
            r"\bwhich\s+(?:[A-Za-z-]+\s+){0,3}?(?:agency|agencies|organi[sz]ation|ministry|body|institution|institute"
            r"|university|company|council|committee|foundation)\b|どの(?:機関|組織|省庁|大学|法人|団体)"
            r"|(?:機関|組織|団体|法人|省庁)(?:は|が)どこ",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"\bwhich\s+(?:[A-Za-z-]+\s+){0,2}?(?:minister|person|official|professor|director|chair\w*|president)\b", re.I
        ),
    ),
    ("place", re.compile(r"\bwhich\s+(?:[A-Za-z-]+\s+){0,2}?(?:city|prefecture|town|municipality|place|site)\b", re.I)),
    ("list", re.compile(r"\bwhich kinds? of\b|\bwhat kinds? of\b", re.I)),
    ("fiscal_year", re.compile(r"\b(?:which|what|in what) fiscal years?\b|何年度|どの年度|いつの年度", re.I)),
    (
        "count",
        re.compile(
            r"\bhow many\b|\bnumber of\b"
            r"|何(?:名|人|件|か国|カ国|ヶ国|課題|機関|校|社|拠点|回|本|チーム|大学|者|機|基|年間|か所|箇所)"
            r"|いくつ|何(?:つ|個)|件数|人数|採択数",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            r"\bhow much\b|\bbudget\w*|\bfunding\b|\bamount\b|\bcost\b|\bgrant (?:size|ceiling)|\bceiling\b"
            r"|\bhow (?:large|big)\b"
            r"|\ballowance\b|\bstipend\b|\bsalary\b|予算|金額|いくら|手当|支給額|どれだけの額|何円|上限額|規模|経費|補助額|助成額",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\bwhen\b|\bwhat date\b|\bdeadline\b|\bhow long\b|締切|締め切り|期限|期間"
            r"|\bon which (?:day|date)\b|\bwhich (?:day|month|year)\b|\bwhen\b|いつ|何月|何日|日付|何年",
            re.I,
        ),
    ),
    (
        "organization",
        re.compile(
            r"\bwho\b.*\b(?:runs?|operates?|administers?|manages?|implements?|funds?|issued|publishe[sd]|hosts?|hosted)\b"
            r"|\b(?:run|operated|administered|managed|funded|implemented|issued|hosted)\s+by\b"
            r"|\bwhich\s+(?:[A-Za-z-]+\s+)?(?:agency|organi[sz]ation|ministry|body|institution|university|institute|company|council|committee)\b"
            r"|実施機関|運営|所管|どこが|担当|どの(?:機関|組織|省庁|大学|法人|会社|団体)|主催|事務局|どこの",
            re.I,
        ),
    ),
    ("person", re.compile(r"^\s*who\b|\bwho\b|\bwhose\b|\bwhich person\b|誰|だれ|どなた|氏名|何という人", re.I)),
    (
        "place",
        re.compile(
            r"\bwhere\b|\bwhich (?:city|prefecture|town|place|site)\b"
            r"|どこに|どこで|どこへ|所在地|場所|どの(?:都市|県|市|町)",
            re.I,
        ),
    ),
    (
        "provision",
        re.compile(r"\bwhich (?:article|provision|paragraph|item)\b|\bunder which\b|どの条|何条|根拠条文|どの規定|どの号", re.I),
    ),
    (
        "list",
        re.compile(
            r"\bwhich (?:countries|fields|areas|regions|themes|topics|partners|members|universities|organi[sz]ations)\b"
            r"|\bwhat (?:are|were) the\b.*s\b|\blist\b|\bname the\b|\bcriteria\b|\brequirements\b"
            r"|どの国|基準|要件|どのような(?:分野|国|テーマ|領域)|どんな(?:分野|国)|挙げ",
            re.I,
        ),
    ),
    (
        "definition",
        re.compile(
            r"^\s*what (?:is|are|does)\b|\bmean\b|\bstands? for\b|\bdefin\w+|とは|何ですか|何か[。？?]?$|どのような|どんな", re.I
        ),
    ),
]
_ORDINANCE = re.compile(r"\bordinance\b|\bregulation\b|\benforcement\b|省令|施行規則|規則", re.I)
_LAW = re.compile(r"\bact\b|\blaw\b|\bstatute\b|法律|法第|法の", re.I)
_CITED = re.compile(r"\bArticle\s+\d+|第[0-9一二三四五六七八九十百]+条", re.I)
_PERIOD = re.compile(r"\bhow long\b|\bby when\b|\bwithin\b|\bperiod\b|期間|以内|いつまでに|何日以内|何年間", re.I)
_FISCAL_EN = re.compile(r"\b(?:FY|fiscal(?:\s+year)?)\s?(\d{4})\b", re.I)
_COUNTED_EN = re.compile(r"\b(?:how many|number of)\s+((?:[a-z-]+\s){0,2}?[a-z-]+s)\b", re.I)
_STATUS = {
    "supplementary": re.compile(r"\bsupplementary\b|補正", re.I),
    "request": re.compile(r"\brequest\w*|要求|要望", re.I),
    "actual": re.compile(r"\bactual\b|\bspent\b|決算|実績", re.I),
}


@dataclass(frozen=True)
class Question:
    text: str
    lang: str  # ja | en: the language the answer line is written in
    type: str
    fiscal_year: int | None = None
    genre: str | None = None  # ordinance | law, when the question points at one
    counted: str | None = None  # the English noun a count is of: 「how many projects」 → projects
    status: str | None = None  # budget status asked for: request, supplementary, actual
    period: bool = False  # a date question asking by when or for how long (「60日以内」 answers it), not a date
    roles: tuple[str, ...] = ()  # Japanese words of the post a person is asked by (chair → 委員長, 主査…)
    country: tuple[str, ...] = ()  # names of the country an adjective asks for (「which Kenyan body」 → ケニア, Kenya)
    counters: tuple[str, ...] = ()  # Japanese counters a count is asked in (何か国 → か国; how many projects → 課題…)
    per: str | None = None  # month | year: an amount asked per month or per year (月額, annual)
    end: bool = False  # a deadline: the end of a stated period (〜令和7年11月7日) answers it
    total: bool = False  # a total or cumulative count (合計, これまでに, in all)
    ordinal: int | None = None  # the edition asked: 第6回, 「the 6th forum」「the second call」「the fourth phase」
    approx: bool = False  # 「roughly how many」「何人くらい」: a count the document states as about N
    minimum: bool = False  # 「the minimum number」「at least」: a count the document states as N以上


def analyse(text: str) -> Question:
    """The answer type and constraints of a question in either language."""
    kind = next((name for name, pattern in _TYPES if pattern.search(text)), "description")
    if kind in ("definition", "description") and _CITED.search(text):  # 「What does Article 4(3)(ii) require?」
        kind = "provision"
    if kind == "date" and re.search(r"年度", text) and not re.search(r"いつ|何月|何日", text):
        kind = "fiscal_year"
    if kind == "amount" and _RATIO.search(text):  # 「…収入の割合がどれ以上か」 asks a ratio, not a sum of money
        kind = "description"
    counted = _COUNTED_EN.search(text)
    genre = "ordinance" if _ORDINANCE.search(text) else "law" if _LAW.search(text) else None
    status = next((name for name, pattern in _STATUS.items() if pattern.search(text)), None)
    period = _PERIOD.search(text) is not None
    noun = counted.group(1).lower() if counted else None
    return Question(text, asker_language(text), kind, fiscal_year(text), genre, noun, status, period,
                    roles(text), country(text), counters(text, noun), per(text), _END.search(text) is not None,
                    _TOTAL.search(text) is not None, ordinal(text), _APPROX.search(text) is not None,
                    _MINIMUM.search(text) is not None)  # fmt: skip


# English words for posts and the Japanese words documents write them with (a Japanese question names the post
# in the document's own words, which the sentence scoring already meets).
_ROLES_EN: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"\bchair\w*|\bpresid(?:es|ed|ing)\b", re.I), ("委員長", "主査", "座長", "議長", "部会長", "会長")),
    (re.compile(r"\bprincipal investigator|\bproject leader|\blead researcher", re.I), ("研究代表者", "代表者")),
    (re.compile(r"\bprogram(?:me)? director\b", re.I), ("プログラムディレクター", "PD")),
    (re.compile(r"\bprogram(?:me)? supervisor\b", re.I), ("プログラムスーパーバイザー", "PS")),
    (re.compile(r"\bprogram(?:me)? officer\b", re.I), ("プログラムオフィサー", "PO")),
    (re.compile(r"\bminister\b", re.I), ("大臣",)),
    (re.compile(r"\bpresident\b", re.I), ("理事長", "学長", "総長", "会長", "社長")),
    (re.compile(r"\b(?:director|head)\b", re.I), ("センター長", "拠点長", "所長", "室長", "部長", "局長", "長")),
    (re.compile(r"\bsecretariat\b", re.I), ("事務局",)),
]
# 「Which Kenyan body…」: the adjective names a country the answer belongs to (its name in either language).
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "kenyan": ("ケニア", "Kenya"), "german": ("ドイツ", "独", "Germany", "German"), "finnish": ("フィンランド", "Finland"),
    "vietnamese": ("ベトナム", "Viet Nam", "Vietnam"), "american": ("米国", "アメリカ", "United States", "US"),
    "british": ("英国", "イギリス", "United Kingdom", "UK"), "french": ("フランス", "仏", "France"),
    "chinese": ("中国", "China"), "korean": ("韓国", "Korea"), "indian": ("インド", "India"),
    "australian": ("豪州", "オーストラリア", "Australia"), "thai": ("タイ", "Thailand"),
    "indonesian": ("インドネシア", "Indonesia"), "philippine": ("フィリピン", "Philippines"),
    "filipino": ("フィリピン", "Philippines"), "malaysian": ("マレーシア", "Malaysia"), "italian": ("イタリア", "Italy"),
    "canadian": ("カナダ", "Canada"), "swedish": ("スウェーデン", "Sweden"), "dutch": ("オランダ", "Netherlands"),
    "swiss": ("スイス", "Switzerland"), "singaporean": ("シンガポール", "Singapore"), "norwegian": ("ノルウェー", "Norway"),
    "danish": ("デンマーク", "Denmark"), "spanish": ("スペイン", "Spain"), "brazilian": ("ブラジル", "Brazil"),
    "israeli": ("イスラエル", "Israel"), "taiwanese": ("台湾", "Taiwan"), "european": ("欧州", "EU", "Europe"),
    "japanese": ("日本", "Japan"),
}  # fmt: skip
_DEMONYM = re.compile(r"\b(" + "|".join(_DEMONYMS) + r")\b", re.I)
# The counters a document writes a count of the asked noun with.
_COUNTERS_JA = re.compile(r"何(か国|カ国|ヶ国|拠点|課題|機関|大学|チーム|件|名|人|社|校|回|本|か所|箇所|台|者)")
_NOUN_COUNTERS: list[tuple[str, tuple[str, ...]]] = [
    ("countr", ("か国", "カ国", "ヶ国")), ("project", ("課題", "件", "プロジェクト")), ("proposal", ("件", "課題")),
    ("application", ("件",)), ("people", ("人", "名")), ("person", ("人", "名")), ("member", ("人", "名")),
    ("researcher", ("人", "名")), ("fellow", ("人", "名")), ("participant", ("人", "名")), ("student", ("人", "名")),
    ("compan", ("社",)), ("firm", ("社",)), ("universit", ("大学", "校")), ("school", ("校",)),
    ("institution", ("機関",)), ("hub", ("拠点",)), ("cent", ("拠点",)), ("site", ("か所", "箇所", "拠点")),
    ("point", ("か所", "箇所", "点")), ("location", ("か所", "箇所")), ("station", ("台", "か所", "基")),
    ("unit", ("台", "基", "機")), ("team", ("チーム",)), ("case", ("件", "症例")), ("time", ("回",)),
    ("meeting", ("回",)), ("field", ("分野",)), ("area", ("領域", "分野")),
]  # fmt: skip
_PER_MONTH = re.compile(r"\bmonthly\b|\bper month\b|\ba month\b|\beach month\b|月額|月いくら|毎月|1か月あたり", re.I)
_PER_YEAR = re.compile(r"\bannual\w*|\bper year\b|\ba year\b|\byearly\b|年額|年間|1年あたり", re.I)
_END = re.compile(r"\bdeadline\b|\bclos(?:e|es|ing)\b|\buntil\b|締切|締め切り|期限|いつまで", re.I)
_TOTAL = re.compile(r"合わせ|合計|全体|累計|これまで|総数|\btotal\b|\bin all\b|\baltogether\b|\boverall\b|\bso far\b"
                    r"|\bcumulative\w*|\bto date\b", re.I)  # fmt: skip


_RATIO = re.compile(r"割合|比率|\bshare\b|\bratio\b|\bpercentage\b|\bproportion\b|\brate\b", re.I)
_APPROX = re.compile(r"\broughly\b|\babout\b|\bapproximately\b|\baround\b|くらい|ぐらい|およそ|程度|約", re.I)
_MINIMUM = re.compile(r"\bminimum\b|\bat least\b|最低|以上", re.I)
_ORDINALS_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                "ninth": 9, "tenth": 10}  # fmt: skip
# 「the 6th Japan-ASEAN STI Forum」「the second Q-LINKS call」「the fourth phase」: an ordinal before the noun it numbers
_ORDINAL_EN = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_ORDINALS_EN) + r")\b(?=(?:\s+[\w'’-]+){0,5}?\s+"
                         r"(?:meeting|call|forum|dialogue|committee|round|session|symposium|conference|workshop|phase"
                         r"|period|term|plan|trial|council|summit|review)s?\b)", re.I)  # fmt: skip
_ORDINAL_JA = re.compile(r"第\s?([0-9]+|[一二三四五六七八九十]+)\s?(?:回|期|段階|次)")


def ordinal(text: str) -> int | None:
    """The edition a question asks about: 第18回, 「the 6th forum」, 「the second call」 (not 「first come into force」)."""
    m = _ORDINAL_JA.search(text)
    if m:
        from kanjize import kanji2number

        return int(m.group(1)) if m.group(1).isdigit() else int(kanji2number(m.group(1)))
    m = _ORDINAL_EN.search(text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else _ORDINALS_EN[m.group(2).lower()]


_ROLES_JA = re.compile(
    r"プログラムディレクター|プログラムスーパーバイザー|プログラムオフィサー|研究代表者|委員長|部会長|主査|座長|議長|会長|理事長|学長"
    r"|総長|センター長|拠点長|所長|室長|部長|局長|課長|大臣|政務官|事務局長|PD|PS|PO"
)


def roles(text: str) -> tuple[str, ...]:
    """The Japanese post words a question asks a person by: 「Who chairs…」 → 委員長, 主査, 座長…; a Japanese question's
    own (プログラムスーパーバイザー)."""
    own = tuple(dict.fromkeys(_ROLES_JA.findall(text)))
    return own or tuple(dict.fromkeys(w for pattern, words in _ROLES_EN if pattern.search(text) for w in words))


def country(text: str) -> tuple[str, ...]:
    """The names of the country a demonym in the question points at (「which Kenyan body」 → ケニア, Kenya)."""
    m = _DEMONYM.search(text)
    return _DEMONYMS[m.group(1).lower()] if m else ()


# Counters a document may write the same count with (何人 is answered by 60名).
_SAME_COUNTER = [("人", "名", "者"), ("か国", "カ国", "ヶ国"), ("か所", "箇所"), ("課題", "件")]


def counters(text: str, noun: str | None) -> tuple[str, ...]:
    """The Japanese counters a count is asked in: 何か国 → か国; 「how many projects」 → 課題, 件, プロジェクト."""
    m = _COUNTERS_JA.search(text)
    if m:
        return next((group for group in _SAME_COUNTER if m.group(1) in group), (m.group(1),))
    head = (noun or "").split()[-1] if noun else ""
    return next((c for stem, c in _NOUN_COUNTERS if head.startswith(stem)), ())


def per(text: str) -> str | None:
    """Per month or per year, when an amount is asked so (「月いくら」「annual funding」)."""
    return "month" if _PER_MONTH.search(text) else "year" if _PER_YEAR.search(text) else None


_LATIN = re.compile(r"[A-Za-z]")
_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def asker_language(text: str) -> str:
    """The language to answer in: English when the question is mostly written in Latin letters, though it quotes a
    Japanese name (「When was JSPS's International Affairs Headquarters (国際統括本部) set up?」)."""
    return "en" if len(_LATIN.findall(text)) > 2 * len(_KANA_KANJI.findall(text)) else "ja"


def fiscal_year(text: str) -> int | None:
    """The fiscal year a question names: FY2026, fiscal year 2026, 令和8年度, 2026年度."""
    m = _FISCAL_EN.search(text)
    if m:
        return int(m.group(1))
    fiscal = [d for d in find_dates(text) if d.fiscal]
    return fiscal[0].year if fiscal else None
