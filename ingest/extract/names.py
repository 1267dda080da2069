"""Pattern rules that find names the vocabularies do not know: programs and organisations.

They generalise by shape, not by list: a program is a compound ending in 事業・プログラム・制度・基金… that
is quoted, followed by its abbreviation in parentheses, set as a heading, said to be run/started, or written without
particles as a long subject of its sentence (…基盤強化事業には48億円を計上し), or a row of a table of a call's kinds; an
organisation is a compound ending in 省・庁・機構・大学・研究所・会議…. Generic words (大学, 両大学, 本事業)
are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ingest.extract.place_words import is_place_name
from ingest.romanize import part_of_speech

# (「ライン＝ネッカー…」: a double hyphen, = after NFKC, joins the parts of a foreign name in katakana)
_NAME_CHARS = r"(?:[\u3005\u3040-\u30ff\u3400-\u9fffA-Za-z0-9&\-・ー]|(?<=[\u30a1-\u30fa\u30fc])=(?=[\u30a1-\u30fa]))"
PROGRAM_SUFFIX = (
    r"(?:プログラム|プロジェクト|事業|制度|基金|イニシアティブ|イニシアチブ|枠組み|ファンド|フェローシップ|補助金|交付金|スキーム|"
    r"Programme|Program|Initiative|コース)"
)
ORG_SUFFIX = (
    r"(?:省|庁|機構|振興会|研究所|研究機構|研究センター|センター|大学[\u30a1-\u30fa\u30fc・]{2,12}校(?![舎長内庭])|大学院?(?![\u30a1-\u30fa\u30fc・]{2,12}校)|高等専門学校|会議|審議会|委員会|本部|財団|協会|"
    r"学会|評議会|アカデミー|公社|銀行|信用金庫|信用組合|公庫|局|協議会|審査会|調査会|分科会|部会|検討会|ワーキンググループ|事務所)"
)
_GENERIC_HEAD = re.compile(
    r"^(?:本(?!格)|同|当|両|各|全(?!国|[\u30a0-\u30ff]|固体|日本)|他|我が国の?|一部の?|その他の?|これらの?|こうした|主な|新たな|新規|既存の?|上記の?|下記の?|関係|関連|"
    r"国内外の|海外の|国内の|日本の|我が国|全国の|多くの|複数の|個別の?|様々な|次の|以下の|本学|本会|各種|所管|学内|学外|省内|庁内|社内)"
)
_GENERIC_WHOLE = re.compile(
    rf"^(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX}|運営費交付金|国際事業|国際交流事業|国際共同研究(?:事業|プログラム)|共同研究(?:事業|プログラム)|支援事業|補助事業|交流事業|研究事業|委託事業|公募事業|"
    r"大学等|研究機関|資金配分機関|国立大学|私立大学|公立大学|地方大学|地方国立大学|外国機関|関係機関|行政機関|政府機関|受入れ機関|送出し機関|"
    r"教育研究機関|研究開発法人|国立研究開発法人|独立行政法人|大学共同利用機関|高等教育機関|審査委員会|選考委員会|運営委員会|"
    r"合議制の機関|連絡会議|関係府省|各府省|府省|事務局|国公私立大学|研究推進法人|地方独立行政法人|評価委員会|課題評価委員会|"
    r"推進委員会|検討委員会|有識者会議|選定委員会|Web会議|オンライン会議|日本法人|外国法人|研究プロジェクト|共同研究プロジェクト|"
    r"本プロジェクト|同プロジェクト|当該プロジェクト|技術協力プロジェクト|技術協力プログラム|事業スキーム|支援スキーム|マッチングファンド|作業部会|専門部会|有識者検討会|研究会|分科会|部会|検討会|研究開発プログラム|研究開発事業|ODA事業|共同研究機関|協力機関|実施機関|代表機関|参画機関|相手国機関|"
    # the frames of the government's budget-request rules, in every ministry's sheet: a share of a request, no program
    r"重要政策推進枠|優先課題推進枠|新しい日本のための優先課題推進枠|特別枠|要望枠|"
    # a kind word before a body's head: 小規模大学, 担当府省, 共同事務局, 公益法人, 技術委員会, 合同委員会
    rf"(?:小規模|大規模|中小規模|中規模|担当|所管|主管|共同|合同|公益|一般|民間|外部|第三者|技術|専門|地方)(?:{ORG_SUFFIX}|府省|法人|事務局)|"
    # a hub's role in a network (サテライト拠点, 地方ブロック拠点) and a kind of facility (寒冷地データセンター)
    r"(?:サテライト|バックアップ|サブ|コア|中核|地方ブロック|ブロック|広域|地域)(?:拠点|ハブ|ラボ|オフィス)|"
    r"(?:寒冷地|地方分散型?|分散型?|地方|地域|大規模|国内|海外|次世代)?データセンター)$"
)


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    type: str  # Program or Organization
    surface: str
    abbreviation: tuple[int, int] | None = None  # span of an abbreviation in parentheses right after
    holds_names: bool = False  # a whole name that contains other names (国際卓越研究大学法に基づく基本方針)
    project: bool = False  # an individual research project's title (研究課題「…」, a listed project)


# A section's label ends in what the section gives: its contents, details, targets, scale, outline, requirements.
_SECTION_LABEL = re.compile(r"(?:内容|詳細|目標|規模|概要|要件)$")
_GENERIC_PART = re.compile(
    r"外国|海外|国内|内外|トップ|主要|正規|当該|対象|候補|有力|一流|既存|新規|関係|相手|連携先|受入れ|送出し|派遣先|各国|諸外国|"
    r"一定|複数|個別|該当|所属|申請|認定|選定|中核|拠点|参加|協定校|審査|意思決定"
)


# 「掲げる事業」「新しい制度」: a verb or adjective before the head noun; 招へい (a noun written in kana) is not one.
_VERB_HEAD = re.compile(rf"(?:[るたうくすつぬむれ]|(?<!へ)い)(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX})$")


def kind_of(name: str) -> str:
    """Program or Organization by a name's ending; 「ケニア国立研究基金」 is a national funding body, not a fund."""
    if re.search(f"(?:{PROGRAM_SUFFIX}|計画)$", name):
        national_body = re.search(r"国立|国家|National", name) and name.endswith(("基金", "財団"))
        return "Organization" if national_body else "Program"
    return "Organization"


def is_province_abroad(name: str) -> bool:
    """「ベンチェ省」「バイエルン州」「パトゥムターニー県」: a province or state abroad, a place (a Japanese
    ministry's or prefecture's name is in kanji)."""
    return re.fullmatch(r"(?:[東西南北]|中部)?[ァ-ヶー・]+[省州県]", name) is not None


_COUNT_OF_THINGS = re.compile(rf"[0-9０-９一二三四五六七八九十数]+(?:つの)?(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX}|府省|機関|法人)")


def is_generic(name: str) -> bool:
    """True for words that name a kind of thing, not one thing (大学, 本事業, 国内外の研究機関, 掲げる事業)."""
    name = name.strip()
    if len(name) < 3 or _GENERIC_HEAD.match(name) or _GENERIC_WHOLE.match(name) or name.startswith(("・", "-", "※")):
        return True
    if _SECTION_LABEL.search(name):
        return True  # 「事業規模・支援内容」「成果目標」「採択テーマ詳細」: a section's label, not a name
    if _COUNT_OF_THINGS.fullmatch(name):
        return True  # 「以下の3事業」「5大学」: a count of things
    # Q-LINKS…, フィンランド・アカデミー, 国際頭脳循環ブリッジ・フェローシップ
    proper = re.match(r"[A-Z][A-Za-z0-9\-]+[^・]", name) or re.search(r"[ァ-ヶー]{3,}・", name)
    if "・" in name and _GENERIC_WHOLE.match(name.rsplit("・", 1)[-1]) and not proper:
        return True  # 「大学・高等専門学校」「政策・審議会」: kinds of things listed together, not a name
    return bool(_VERB_HEAD.search(name)) and not re.search(r"[\u30a0-\u30ff]", name[:-2])


# What a budget line does with what it funds (…網の構築, …基盤の整備): an activity, not a name of its own.
ACTIVITY = re.compile(
    r"の(?:[\u3400-\u9fff]{1,3}的)?(?:構築|開発|整備|実証|推進|強化|創出|育成|確保|展開|充実|導入|運用|実施|促進|高度化|形成|普及|支援|"
    r"拡充|検討|加速)$"
)
# …after a thing with a name of its own, quoted or with its short name in brackets: 「観測網「みおつくし」の構築」,
# 「統合基盤（JODIS）の整備」. The line names the thing; the activity is what the money does with it.
_NAMED_THING = re.compile(r"(?P<thing>.{2,}?(?:「[^「」]{1,30}」|[(（][A-Za-z][A-Za-z0-9\-&・ ]{0,30}[)）]))" + ACTIVITY.pattern)


def without_activity(name: str) -> str:
    """A named thing without the activity that follows its name (「…網「SeaMesh」の整備」 → 「…網「SeaMesh」」); any
    other name as it is."""
    m = _NAMED_THING.fullmatch(name)
    return m.group("thing") if m else name


# Where a row's money comes from, not what it is for: a ministry's or a local government's grant or share
# (文部科学省補助金, 熊本県負担金), the state's or the prefecture's money, the bodies' own funds.
FUNDING_SOURCE = re.compile(
    r"^(?:[\u3400-\u9fff]{1,8}(?:省|庁|府|都|道|県|市|町|村)(?:補助金|負担金|交付金|拠出金|助成金)|国費|県費|市費|自己負担|自己資金)"
    r"(?:[(（][^()（）]{1,8}[)）])?$"
)


def is_descriptive(name: str) -> bool:
    """Names built from descriptive words (海外トップ大学, 外国大学, 認定対象候補の大学) are categories."""
    return bool(_GENERIC_PART.search(name))


# Quoted plans and strategies are policy instruments too: 「統合イノベーション戦略2021」「SDGsアクションプラン2021」.
# Inside quotes a Latin phrase keeps its spaces: 「AI for Science推進プログラム」.
# …and, quoted, a scheme named for what it funds or does: 「…推進費」「…調整費」「…スタートアップ支援」「…活用実証」
# 「…加速パッケージ」「…人材育成講座」「…技術開発」「…の構築」 (unquoted these are activities; quotes make them a name).
_QUOTED_HEAD = r"推進費|調整費|整備費|支援|実証|パッケージ|講座|養成塾|技術開発|研究開発|の構築"
_QUOTED_CHARS = rf"(?:{_NAME_CHARS}|(?<=[A-Za-z]) (?=[A-Za-z]))"
_QUOTED = re.compile(
    rf"[「『](?P<name>{_QUOTED_CHARS}{{2,40}}?(?:{PROGRAM_SUFFIX}|トラック|タイプ|枠|構想|戦略|基本方針|基本計画|アクションプラン|プラン|対策|"
    rf"共同公募|共同研究公募|{_QUOTED_HEAD})(?:\d{{4}})?)(?:[(（]仮称[)）])?[」』]"  # 「…フェローシップ（仮称）」: a working name
)
# A scheme an act defines by a short name: 「…を助成する事業（以下「国際共同研究強化助成」という。）」.
_DEFINED_SCHEME = re.compile(r"(?:事業|制度|プログラム|助成|補助)\s?[(（]以下[「『](?P<name>[^「」『』\n]{2,30})[」』]という")
# A name and its short name in brackets: 「…事業（RICH事業）」「…プログラム「R-MAP」」 (a Latin short name may carry the
# program's head noun).
_WITH_ABBR = re.compile(
    # 「…プログラム」\n（Global Research Network Program：GRNP）: the English name before the short one, a wrap between
    rf"(?P<name>{_NAME_CHARS}{{2,40}}?(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX}))」?\s?"
    rf"(?:[(（](?:[A-Za-z][A-Za-z ,.'&\-]{{3,80}}[:：]\s?)?(?P<abbr>[A-Za-z][A-Za-z0-9\-&]{{1,11}}"
    rf"(?:{PROGRAM_SUFFIX})?)[)）]|「(?P<quoted>[A-Za-z][A-Za-z0-9\-&]{{1,11}})」"
    # 「…事業（GSB：Global Science Bridge）」: the short name first, then the English name
    rf"|[(（](?P<first>[A-Z][A-Za-z0-9\-&]{{1,11}})[:：]\s?[A-Za-z][A-Za-z ,.'&\-]{{3,80}}[)）]"
    # 「…構築事業（通称「GeoFusion」）」: the nickname the text gives in brackets
    rf"|[(（](?:通称|略称|愛称)[:：]?\s?[「『](?P<nick>[^「」『』()（）\n]{{2,20}})[」』][)）]"
    # 「…事業（英語名称 Japan-Africa …、略称「JARH」。以下「本事業」という。）」: its names defined in one bracket
    rf"|[(（](?:英語名称|英文名称|英語名|英語表記)[:：]?\s?[^()（）「」\n]{{2,100}}?[、,]\s?略称[:：]?\s?[「『]?"
    rf"(?P<defined>[A-Za-z][A-Za-z0-9\-&]{{1,11}}))"
)
# Policy plans named with their year, quoted or not: 統合イノベーション戦略2021, 経済財政運営と改革の基本方針2021.
_DATED_PLAN = re.compile(
    r"(?<![\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー])(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z・ーとの]{2,30}?"
    r"(?:戦略|基本方針|基本計画|アクションプラン|フォローアップ|ビジョン)(?:20\d{2}|\d{4}))"
)
# Government plans and policy packages, by how the text cites them: with the date of the cabinet decision
# (「コロナ克服・新時代開拓のための経済対策（令和３年11月19日閣議決定）」), as made under a law
# (「国際卓越研究大学法に基づく基本方針」), with a dated reference (「令和3年6月の成長戦略フォローアップ」), or as a
# framework on a quoted theme (「「AI for Science」に係る日米連携枠組み」).
_CABINET_DECISION = re.compile(
    r"(?:^|(?<=[【「『、\s(（]))(?P<name>[\u3005\u3040-\u30ff\u3400-\u9fffA-Za-z0-9・ー]{4,40}?)\s?[(（](?:令和|平成)[^()（）\n]{2,15}閣議決定[)）]",
    re.M,
)
_UNDER_LAW = re.compile(r"(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fff・]{2,30}法に基づく(?:基本方針|基本計画|指針))")
_DATED_REFERENCE = re.compile(
    r"(?<=月の)(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{2,20}(?:フォローアップ|戦略|基本方針|基本計画))"
)
_THEMED_FRAMEWORK = re.compile(
    r"(?P<name>「[^「」\n]{2,30}」に係る[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{2,20}?(?:枠組み|プログラム|事業))"
)
# 「GLOFIELD-CR」トラック, 「Blue-Link」枠: a quoted short name in Latin letters right before the kind of scheme it
# names.
_QUOTED_BEFORE_KIND = re.compile(
    r"[「『](?P<name>(?=[^」』]*[A-Z][^」』]*[A-Z])[A-Za-z][A-Za-z0-9\-&+ ]{1,30})[」』]"  # two capitals at least
    r"(?=トラック|枠|コース|タイプ|プログラム|事業|プロジェクト|スキーム)"
)
_HOLDS_NAMES = (_QUOTED, _CABINET_DECISION, _UNDER_LAW, _THEMED_FRAMEWORK)  # names quoted whole hold names
# A name the text gives something: 「…」と名付けた, 「…」と命名, 「…」と称する (not 「…」という, which quotes any phrase).
_NAMED = re.compile(r"[「『](?P<name>[^「」『』\n]{2,40})[」』]\s?と(?:名付け|名づけ|命名|称し|称する|銘打)")
# A name quoted right after the head noun that says what it is: 共同研究プログラム「Q-BRIDGE」, 新事業「みらい共創」,
# 派遣スキーム「…」.
# サブトラックA「…」, サブプログラム1「…」, 若手研究者枠「OH-Youth」: a kind with its letter or number, then the name;
# a call: 共同公募「…」.
_SCHEME_HEAD = rf"(?:{PROGRAM_SUFFIX}|スキーム|トラック|タイプ|枠|公募)"
_HEAD_THEN_QUOTE = re.compile(rf"{_SCHEME_HEAD}[A-ZＡ-Ｚ0-9０-９]?\s?[「『](?P<name>[^「」『』\n]{{2,50}})[」』]")
# A hub's own name: its last word, or its nickname quoted after it (…拠点「SEA-BRIDGE」); under a program that forms
# hubs, one of the hubs it funds (hub_projects, budgets).
HUB_NAME = re.compile(r"(?:拠点|ハブ)(?:「[^「」]+」)?$")
# A hub, lab or consortium with a name of its own: 九州シリコンアイランド人材ハブ, 能登復興スマート防災研究拠点. The
# head must hold a proper element (a katakana or Latin word): 研究拠点 or 国際ネットワーク alone are kinds of things.
_HUB = re.compile(
    rf"(?<![\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9ー])(?P<name>{_NAME_CHARS}{{3,30}}?(?:ハブ|拠点|ラボ|コンソーシアム))"
    rf"(?![\u3400-\u9fff\u30a0-\u30ff])"
)
# A program named once, without quotes, where what is said of it shows it is one: 「…推進事業の一環として」「…事業に
# 係る」「…事業と連携し」, 「現に振興会が実施している…事業」「JAMSTECが創設した…制度」.
_HEADED = rf"[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{{4,30}}?{PROGRAM_SUFFIX}"
_SAID_OF_PROGRAM = re.compile(
    rf"(?:(?<=[のはがを、「(（\s])|^)(?P<name>{_HEADED})"
    r"(?=の一環|の一部|の枠組み|に採択|で採択|の採択|の支援を受け|の助成を受け|の公募|として実施|を財源|と連携し|に係る|[(（]以下[「『])"
    rf"|(?:(?:実施|創設|運営|所管|開始|推進)(?:している|した|してきた))(?P<run>{_HEADED})"  # not 「実施する…」, a kind
    # 「文部科学省の…整備事業として」: a ministry's or agency's own program, its name whole up to its head
    rf"|(?<=[省庁府]の)(?P<owned>{_HEADED})(?![\u3005\u30a0-\u30ff\u3400-\u9fff・ー])",
    re.M,
)
_PROPER = re.compile(r"[\u30a1-\u30fa]{2,}|[A-Za-z]{2,}")
# A quoted title of a work (a survey, a report) under a program is not the program: 「…に関する調査」.
_TALK = re.compile(r"(?:講演|ディスカッション|セッション|討論|挨拶|あいさつ|発表|講話|対談|鼎談)$")
_WORK_TITLE = re.compile(r"に関する|について|における|のための|調査|報告|事例集|白書|ガイドライン|手引き")
# A research project quoted after the word for one (研究課題「…」, 新規課題「…」, プロジェクト「…」), and a quoted
# name given a nickname or short name (「…」（通称：DRYWATCH）, 「…」（以下「GSL」という。）): each is a named thing.
_PROJECT_QUOTE = re.compile(
    r"(?:課題|プロジェクト|研究テーマ|研究開発項目|(?<=[\u3041-\u3096、\s])共同研究)(?:名)?\s?[IVXⅠ-Ⅹ0-9]{0,3}\s?[「『](?P<name>[^「」『』\n]{4,60})[」』]"
    # …with its short and English names inside the quotes, which may wrap: 「…の構築(SALINA-Mekong:\nSalinity …)」
    r"|(?:課題|プロジェクト)\s?[「『](?P<titled>[^「」『』\n(（]{4,60})[(（][A-Za-z][\w\-]{1,20}\s?[:：][^「」『』()（）]{4,160}[)）][」』]"
    r"|[「『](?P<named>[^「」『』\n]{4,60})[」』]\s?[(（](?:(?:通称|略称)\s?[:：]|以下[「『])"
    # …and a quoted name that holds its own short (and English) name: 「…共同研究(GEMINI-Mat)」「…(GBCA:Global …)」.
    r"|[「『](?P<defined>[^「」『』\n(（]{4,60}?)\s?[(（][A-Za-z][\w\-]{1,20}(?:\s?[:：][^「」『』()（）]{4,160})?[)）][」』]"
    # A list of selected projects: a title in quotes standing alone on its line under the team that proposed it.
    r"|^[ \t\u3000]*[「『](?P<listed>[^「」『』\n]{6,60})[」』][ \t\u3000]*$"
    # …or ending the line after it (「・株式会社阿蘇テック（菊陽町）　「…の開発」」「（１）信州大学「…拠点」」)
    r"|^[ \t\u3000]*(?:[・●○■◆]|[（(][0-9０-９]{1,2}[)）])?[ \t\u3000]*[^「」『』\n。、は]{0,30}"
    r"(?:株式会社|有限会社|合同会社|大学|機構|研究所|センター|法人|協会|組合)[^「」『』\n。、\s]{0,15}"
    r"(?:[(（][^()（）\n]{1,15}[)）])?[ \t\u3000]*[「『](?P<proposed>[^「」『』\n]{6,60})[」』][ \t\u3000]*$",
    re.M,
)
# A line of links (関連リンク：…基金 ｜ …パートナーシップ（J-SPARC）): each step ending in a program's head noun is one.
_LINKS_LINE = re.compile(r"^[^\n]*?[｜|][^\n]*$", re.M)
_LINK = re.compile(
    rf"(?:^|[｜|:：])\s*(?P<name>{_NAME_CHARS}{{3,40}}?{PROGRAM_SUFFIX})(?=\s*(?:[(（][^)）\n]{{1,20}}[)）])?\s*(?:[｜|]|$))"
)
# A body by its legal form (株式会社北陸テック, 公益財団法人海洋研究基金, 北陸テック株式会社) and a mission abroad
# (在ケニア日本国大使館): the form or the word for a mission says what it is.
_LEGAL_FORM = r"(?:株式会社|有限会社|合同会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人|特定非営利活動法人)"
_FIRM = re.compile(
    # 「公益財団法人みやぎイノベーション振興財団」: a name may open with a place written in hiragana (not a particle)
    rf"(?P<name>{_LEGAL_FORM}(?:(?![のはがをにでとへもや])[\u3041-\u3096]{{2,5}}(?=[\u30a0-\u30ff\u3400-\u9fff]))?"
    rf"[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー&]{{2,20}}"
    # 「北陸テック株式会社」「九州グリーン合同会社」, or after a bullet opening its line (「・肥後精密化学株式会社」)
    r"|(?:(?<=^・)|(?<=\n・)|(?<![\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー&]))(?!・)"
    # …whose name may open with a word in hiragana after a colon or a space (「実施者：みどり電子工業株式会社」)
    r"(?:(?<![\u3041-\u3096])(?!および|ならびに|または|もしくは|その他)[\u3041-\u3096]{2,5}(?<![のはがをにでへもや])(?=[\u30a0-\u30ff\u3400-\u9fff]))?"
    r"[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー&]{2,20}?(?:株式会社|合同会社|有限会社)"
    r"(?![\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]))"
)
_PROGRAM_THEN_PART = re.compile(rf"(?P<whole>{_NAME_CHARS}{{2,30}}?{PROGRAM_SUFFIX})[ \u3000]?(?P<part>{_NAME_CHARS}{{4,40}})")
_QUOTED_PAIR = re.compile(
    rf"[「『](?P<whole>{_NAME_CHARS}{{2,30}}?{PROGRAM_SUFFIX})[ \u3000](?P<part>{_NAME_CHARS}{{2,30}}?{PROGRAM_SUFFIX})[」』]"
)
# A web page's breadcrumb: a line of two or more ＞-separated steps; its steps ending in a program's head noun are
# the program and the programs it is part of.
_BREADCRUMB_LINE = re.compile(r"^[^\n。、]{0,80}?(?:\s?[>＞›»]\s?[^\n>＞›»。、]{2,40}){2,}$", re.M)
_CRUMB = re.compile(rf"(?<=[>＞›»])\s?(?P<name>{_NAME_CHARS}{{2,40}})(?=\s?(?:[(（][^)）\n]{{1,20}}[)）])?\s?(?:[>＞›»]|$))")
# An institute or graduate school written as one word with its university (京都大学防災研究所, 大阪大学大学院医学系
# 研究科): the whole is the unit's name, and holds the university's.
_UNIVERSITY_UNIT = re.compile(
    r"(?<![\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー])(?P<name>[\u30a0-\u30ff\u3400-\u9fffA-Za-z・ー]{2,12}?大学(?:大学院)?"
    r"(?:[\u30a0-\u30ff\u3400-\u9fffA-Za-z・ー]{2,20}?(?:研究所|研究科|研究センター|研究院|研究部|学術院|病院|校)|病院))"
    r"(?=教授|准教授|講師|助教|研究員|所長|研究科長|院長|校長|[のとがはをにでや、。()（）:：\s]|$)"  # (…研究所：150百万円)
)
_POST_AFTER = re.compile(
    r"(?:代表取締役社長|代表取締役|取締役|技術顧問|顧問|社長|会長|理事長|理事|部長|主任研究員|研究員|フェロー)$"
)
_MISSION = re.compile(r"(?P<name>在[\u30a0-\u30ff\u3400-\u9fff]{1,12}?(?:日本国)?(?:大使館|総領事館|領事館|政府代表部))")
# A body's office abroad, its short name then the country or city (JICAベトナム事務所, JSPSボン研究連絡センター).
_OFFICE = re.compile(
    r"(?<![A-Za-z0-9\-])(?P<name>[A-Z][A-Za-z]{1,7}[\u30a1-\u30fa\u30fc]{2,12}(?:駐在員事務所|事務所|研究連絡センター|代表部))"
)
# A program written in capitals before its head noun: ASPIRE事業, NEXT-Qプログラム.
_CAPS_PROGRAM = re.compile(rf"(?<![A-Za-z0-9\-])(?P<name>[A-Z][A-Z0-9][A-Z0-9\-&]{{1,14}}\s?{PROGRAM_SUFFIX})")
# A program named by an English phrase written with its spaces, then Japanese words and the head
# (「AI for Science人材育成プログラム」).
_LATIN_PHRASE_PROGRAM = re.compile(
    rf"(?<![A-Za-z0-9\-])(?P<name>[A-Z][A-Za-z0-9\-]*(?: (?:for|of|and|in|on|the|to|[A-Z][A-Za-z0-9\-]*)){{1,3}}"
    rf"[\u3005\u30a0-\u30ff\u3400-\u9fff・ー]{{2,20}}?{PROGRAM_SUFFIX})(?![\u30a0-\u30ff\u3400-\u9fff])"
)
# A body the text names in quotes: after a word for a kind of body (同窓会ネットワーク「NEXT-AFRICAアラムナイ」),
# or as what is set up (ナイロビ大学に「日・ケニア共同研究ハブ」を設置).
_QUOTED_BODY = re.compile(r"(?:ネットワーク|同窓会|拠点|組織|センター|機関|コンソーシアム)「(?P<name>[^「」\n]{2,30})」")
_QUOTED_SET_UP = re.compile(r"「(?P<name>[^「」\n]{2,30})」(?:を|の)(?:設置|設立|創設|開設|発足)")  # 「…アライアンス」の設立
# A body named by a Latin short name right after the word for its kind: 「ノルウェーの研究機関SINTEFと…」.
_KIND_THEN_ACRONYM = re.compile(r"(?:研究機関|研究所|大学|企業|財団|機関)(?P<name>[A-Z][A-Z0-9]{2,9})(?![A-Za-z0-9])")
# A joint call named by its partners and theme: 日仏共同研究「分子技術(第1期)」, 日本-ドイツ共同研究「…」,
# 日伯共同公募「…」; after its year, by its theme alone: 令和8年度共同公募「…」.
_CALL_THEME = r"(?:共同研究|共同公募|共同研究公募)「[^」\n]{2,40}」"  # a joint call's kind and its quoted theme
_JOINT_CALL = re.compile(
    r"(?P<name>(?:(?<=年度)|(?<![\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー])"
    r"(?:[\u30a0-\u30ff\u3400-\u9fffA-Za-z・ー\-]|[0-9](?=か国)|か(?=国)){1,15}?)"  # 日本・北欧3か国共同公募「…」
    rf"{_CALL_THEME})"
)


def is_call(name: str) -> bool:
    """A joint call named by its theme (日伯共同公募「…」, 共同研究「…」): the scheme a call's awards are offered in."""
    return re.search(f"{_CALL_THEME}$", name) is not None


# A heading line that is a program's name, after its bullet or number (「④ …推進事業 【一部新規】」「（1）…タイプ（…）」).
_NUMBERING = (  # a bullet, a number, or both (◆1.)
    r"(?:[○●・▶■◆◇](?:\s?[0-9０-９]{1,2}[.．)）])?|[\u2460-\u2473]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．)）]|"
    r"【[0-9０-９]{1,2}】|第[0-9０-９一二三四五六七八九十]{1,3}号|[(（]参考[0-9０-９]{0,2}[)）])"  # 「（参考１）…基金」
)
# …its name may hold its short name in quotes: 「研究データ基盤「DATA-Bridge」構築事業」.
_HEADING = re.compile(
    rf"^(?:{_NUMBERING}\s?)?(?P<name>(?:{_NAME_CHARS}{{2,20}}「[^「」\s]{{2,20}}」{_NAME_CHARS}{{0,20}}?|{_NAME_CHARS}{{3,40}}?)(?:{PROGRAM_SUFFIX}|タイプ))"
    # …or a row of a list going on with its period (「第1号　…プロジェクト　2025年度～2031年度　…」)
    r"(?=\s*$|\s?[(（]|\s*【[^】\n]{1,10}】\s*$|\s(?:(?:19|20)\d{2}年度?|(?:令和|平成)[0-9０-９元]{1,2}年度?)\s?[～〜~\-－])",
    re.M,
)
# A quoted name the text sets up or runs, or places a program under (「…枠」を新設, 「…研究」を開始, 「…」（5年間の総額…）を
# 実施, 「…パッケージ」の一環): the verb says a program is meant, whatever its last word.
# (…or its English name of a few words: 「…形成事業（RegiTech Valley）」)
_OWN_ABBR = re.compile(r"\s?[(（][A-Za-z][\w\-]{1,20}(?: [A-Za-z][\w\-&]{0,20}){0,5}(?:\s?[:：][^()（）]{4,160})?[)）]$")
# A list item naming a part of a program by its name and short name or nickname, before what it does:
# 「① 沿岸防災ツイン（Coast-Twin）：…」「■テーマA　寒冷地型PEM水電解実証「ColdLyzer」」.
_ITEM_NAMED = re.compile(
    r"^[ \t\u3000]*(?:[①-⑳]|[(（][0-9０-９]{1,2}[)）]|[■◆●○・])[ \t\u3000]*"
    r"(?:(?:テーマ|サブテーマ|課題|領域|サブプログラム|プロジェクト)[A-ZＡ-Ｚ0-9０-９]{1,2}[ \t\u3000:：]*)?"
    rf"(?P<name>{_NAME_CHARS}{{3,30}}?)"
    r"(?:[(（](?P<abbr>[A-Za-z][A-Za-z0-9\-& ]{1,20})[)）]|「(?P<nick>[^「」\n]{2,20})」)[ \t\u3000]*(?:[:：]|$)",
    re.M,
)
_QUOTED_RUN = re.compile(
    r"[「『](?P<name>[^「」『』\n]{3,40})[」』](?:[(（][^()（）\n]{1,30}[)）])?"
    r"(?:を(?:新設|創設|実施|開始|立ち上げ)|の一環|構想)"  # 「…アカデミー」構想: a planned program
    # …or opens a list item and is said what it does: 「○「量子計算基盤フラッグシップ」：…の開発」
    r"|^[ \t\u3000]*[○●■◆・][ \t\u3000]*[「『](?P<item>[^「」『』\n]{3,40})[」』][ \t\u3000]*[:：]",
    re.M,
)
# Quoted names the text counts as programs of one kind: 「A型」と「B型」の二つの公募枠, 「A」「B」の2プログラム.
_QUOTED_SET = re.compile(
    r"(?P<names>(?:[「『][^「」『』\n]{2,30}[」』](?:(?:と|、|及び)+[^「」『』\n。]{0,40}?(?:\n[ \t\u3000]*)?)?){2,6})"
    r"の(?:[二三四五六七八九2-9２-９]つの)?(?:公募枠|枠|タイプ|区分|類型|サブプログラム|プログラム|コース|部門|事業|制度)"
)
# The kinds a call offers, as numbered lines under a heading that says so (「募集する研究課題の類型」 then
# 「(1)共同研究型」「(2)フィージビリティ・スタディ型(FS型)」).
# A line that is a program's name and its short name, nothing else (a title block's program line):
# 「日本-北欧 国際共同研究プログラム(NORDIC-J)」.
_NAMED_LINE = re.compile(
    r"^[ \t\u3000]*(?:[◇◆■□●○・※]|[0-9０-９]{1,2}[.．]|[(（][0-9０-９]{1,2}[)）])?[ \t\u3000]*"
    r"(?P<name>(?:[^\s「」()（）。、]{2,20}[ \u3000])?"
    rf"[\u30a1-\u30fa\u3400-\u9fffA-Za-z][^\s「」()（）。、]{{1,30}}{PROGRAM_SUFFIX})"
    r"[ \t\u3000]*[(（][A-Za-z][\w\-]{1,20}[)）][ \t\u3000]*$",
    re.M,
)
# A call's title line names the program it calls for: 「インド太平洋…フェローシップ募集要項」「令和9年度 …事業 公募要領」.
_CALL_TITLE = re.compile(
    r"^[ \t\u3000]*(?:(?:令和|平成)\S{1,3}年度(?:[(（]\d{4}年度[)）])?[ \t\u3000]*)?"
    rf"(?P<name>[\u3041-\u3096\u30a1-\u30fa\u3400-\u9fffA-Za-z]{_NAME_CHARS}{{3,40}}?)[ \t\u3000]*"
    r"(?:(?:令和|平成)\S{1,3}年度(?:[(（]\d{4}年度[)）])?分?[ \t\u3000]*)?"  # 「…事業 令和9年度(2027年度)分募集要項」
    r"(?:募集要項|公募要領|公募要項|実施要項|募集案内)[ \t\u3000]*$",
    re.M,
)
# A budget sheet's title line names its program, before or after the year and the kind of budget:
# 「令和9年度概算要求 …プログラム」「…事業 令和9年度予算案」.
_SHEET_YEAR = r"(?:令和|平成)\S{1,3}年度[ \t\u3000]*(?:概算要求|予算案|予算[(（]案[)）]|補正予算案?|当初予算|予算)額?"
_SHEET_TITLE = re.compile(
    rf"^[ \t\u3000]*(?:{_SHEET_YEAR}[ \t\u3000]+(?P<after>[^\s、。「」]{{3,40}}?{PROGRAM_SUFFIX})"
    rf"|(?P<before>[^\s、。「」]{{3,40}}?{PROGRAM_SUFFIX})[ \t\u3000]+{_SHEET_YEAR})[ \t\u3000]*$",
    re.M,
)
_KIND_HEADING = re.compile(r"類型|タイプ|区分|枠|コース|トラック")
# …its description may follow after leader dots: 「■共創研究トラック(Track R)……3年間の共同研究」.
_KIND_ITEM = re.compile(
    # 「【共同研究タイプ】(Joint …)」; a label in lenticular brackets may come first: 「【区分A】一般枠（標準型）」
    r"^[ \t\u3000]*(?:[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[■◆●○□◇・]|(?P<label>【[^】\n]{1,8}】)|【)[ \t\u3000]*"
    # …a kind with its letter is a name too: 「■タイプS（シーズ探索型）」
    r"(?P<name>[^\s()（）、。「」【】:：]{2,24}(?:型|枠|コース|タイプ|トラック)|(?:タイプ|コース|トラック)[A-ZＡ-Ｚ])"
    r"】?[ \t\u3000]*"
    r"(?:[(（](?:[^()（）\n]{1,40}|[A-Za-z][A-Za-z \-]{1,40})[)）]】?)?"  # what it is: 「（満40歳未満の研究者）」
    # leader dots (NFKC turns … into ...), or a colon and what the kind is: 「・沿岸防災トラック　：津波の…」
    r"(?:[…‥.]{2,}[^\n]*|[ \t\u3000]*[:：][^\n]*)?[ \t\u3000]*$",
    re.M,
)
# A table's rows of kinds, each a label letter or number, the kind and its cells (「Ａ　共同研究開発枠　　1,000万円/年
# 2/3以内　最長2年」; its short name in brackets may come before the cells: 「Ｃ　海外連携枠（Bio-X Global）1,500万円/年」).
# Without a label, the kind's English name in brackets marks the row's first cell as a name: 「国際共同研究加速枠（Bridge
# Track）　JST　１課題当たり最大５億円」「シーズ育成ステージ（Stage S）　…　年間3,000万円以内」; a part's row may open with
# うち (「うち基盤研究枠（…-Core）　3,100,000」).
_KIND_ROW = re.compile(
    r"^[ \t\u3000]*(?:(?:[A-ZＡ-Ｚ]|[(（]?[0-9０-９]{1,2}[)）.．]?|[①-⑳])[ \t\u3000]+"
    r"(?P<name>[^\s()（）、。「」【】:：]{2,24}(?:型|枠|コース|タイプ|トラック))"
    r"(?:[(（][^()（）\n]{1,40}[)）][ \t\u3000]*|[ \t\u3000]+)"
    r"|(?:うち[ \t\u3000]*)?(?P<bare>[^\s()（）、。「」【】:：]{2,24}(?:型|枠|コース|タイプ|トラック|ステージ))"
    r"[(（][A-Za-z][A-Za-z0-9 .\-]{0,40}[)）][ \t\u3000]+"
    r")(?=[^\n]*[0-9０-９])\S",
    re.M,
)
# A budget line names its item first, on its line or as the heading just above: 「7.科学技術イノベーションの
# 戦略的国際展開\n令和4年度予算額(案) 138億円」「グローバルに活躍する若手研究者の育成等 令和4年度予算額(案)」.
_BUDGET_ITEM = re.compile(
    r"^(?:[○●◇◆■▶・]\s?|\d{1,2}[.．]\s?)?(?P<name>[\u3005\u3040-\u30ff\u3400-\u9fffA-Za-z・ー]{4,40}?)[ \t]*\n?[ \t]*"
    r"(?<![のはがを])(?=(?:令和|平成)\S{1,3}年度(?:補正)?予算額)",
    re.M,
)
_RUN = re.compile(
    rf"(?P<name>{_NAME_CHARS}{{3,40}}?{PROGRAM_SUFFIX})(?=[をの](?:実施|開始|創設|運営|推進|新設|立ち上げ|展開|設立)|により|において)"
)
# A long compound ending in a program's head noun, the subject of its sentence (「研究セキュリティ基盤強化事業には48億円を
# 計上し」「グローバル研究者往還支援事業は令和7年度予算額が」): written without particles, a name.
_NAMED_SUBJECT = re.compile(
    r"(?<![\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー])(?P<name>[\u30a0-\u30ff\u3400-\u9fff・ー]{6,30}(?:事業|プログラム|基金))"
    r"(?=(?:に|で)?は|が|の(?:予算|令和|平成))"
)
# A named share money is allocated to within a breakdown: 「うち基盤モデル開発枠に30億円、分野別応用研究枠に15億円」.
_ALLOCATED = re.compile(
    rf"(?:、?うち|、)[\s\u3000]?(?P<name>{_NAME_CHARS}{{3,20}}?(?:枠|{PROGRAM_SUFFIX}))(?:に|へ)[\s\u3000]*(?:約)?[0-9０-９]"
)
# (a conjunction may follow the name: 「…、崇城大学及び県内企業」「…大学等」)
_ORG = re.compile(
    rf"(?<![\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー])(?P<name>{_NAME_CHARS}{{2,30}}?{ORG_SUFFIX})"
    r"(?!(?!及び|並びに|又は|若しくは|等)[\u3400-\u9fff])"
)
# Laws: a name followed by its law number, or a name ending in 法/法律 (or 条例, a local ordinance) that is not a
# common noun (方法, 手法, 本条例).
_LAW_NUMBER = (
    r"[(（](?:令和|平成|昭和|大正|明治)[0-9一二三四五六七八九十元]+年"
    r"(?:法律|政令|[^\s()（）]{1,8}省令|内閣府令|規則|[^\s()（）]{0,8}条例)第[0-9一二三四五六七八九十百千]+号[)）]"
)
_LAW_WITH_NUMBER = re.compile(rf"(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fff・]{{3,60}}?)(?={_LAW_NUMBER})")
# Okurigana inside a word (組換え, 取扱い, 引上げ) is part of the name; a particle (が, は, を) is not. Nor are the words
# in kana ordinances are named with (ものづくり, まちづくり, 脱炭素社会づくり, ふるさと, こども).
_LAW_CHAR = (
    r"(?:[\u3005\u30a0-\u30ff\u3400-\u9fff・]|及び|並びに|(?<=[\u3400-\u9fff])[えいげしりきちみせけ](?=[\u3400-\u9fff])"
    r"|(?:もの|まち|ひと|むら|くに)?づくり|ふるさと|こども|くらし|みどり)"
)
# Inside a law's name, の and に関する join its words: 特定先端大型研究施設の共用の促進に関する法律施行規則.
_LAW_JOIN = r"(?:の|に関する|に対する|のための|等の|における|等に係る|に係る|による|が行う)"
# A bullet 「・」 opening a line is not part of the name after it; 「…に関する法律」 ends on its joining words; an
# article may follow the name directly (外国為替及び外国貿易法第25条).
_LAW_NAME = re.compile(
    rf"(?:(?<=\n・)|(?<=^・)|(?<![\u3005\u30a0-\u30ff\u3400-\u9fff・]))"
    rf"(?P<name>(?!・){_LAW_CHAR}{{2,30}}(?:{_LAW_JOIN}(?:{_LAW_CHAR}{{1,30}}?|(?=法律|省令))){{0,8}}?"
    rf"(?:法律|法|施行令|施行規則|交付規則|条約|規程|条例|(?<=に関する)省令))"
    rf"(?:(?![\u3400-\u9fff])|(?<=法)(?=上の)|(?<=規則)(?=及び|並びに)|(?<!及び法)(?<!並びに法)(?=第[0-9一二三四五六七八九十百]+条))"
)
_NOT_LAW = re.compile(
    r"(?:(?:学内|内部|社内|関係|各種|当該|諸|本|同|所定の|既存の|業務|運営|会計|倫理|服務)(?:規程|規則)|"
    r"(?:本|同|当該|関係|各種|諸|県|都|道|府|市|町|村|区|自治体の?|地方公共団体の)条例|方法|手法|用法|技法|寸法|文法|製法|工法|療法|論法|作法|話法|説法|兵法|司法|立法|違法|合法|適法|国際法|憲法上|"
    r"(?:判定|培養|測定|解析|分析|診断|検出|評価|治療|合成|計算|推定|予測|抽出|精製|育種|栽培|試験|実験|計測|算出|透析|電解|吸着|"
    r"蒸留|濾過|ろ過|分離|観測|探査|処理|製造|加工|撮影|染色|検査|変換|近似|従来)法)$"
)
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_PARTICLE = re.compile(r"及び|および|並びに|ならびに|又は|または|若しくは|もしくは|[のはがをにでとへもや、]")


# What someone said, quoted: a sentence (。) or a polite predicate at its end is no name.
_SPEECH = re.compile(r"。|、.*(?:ます|ました|です|でした|ません|ください)$")


_FIRM_HIRAGANA = re.compile(rf"{_LEGAL_FORM}[\u3041-\u3096]{{2,5}}(?=[\u30a0-\u30ff\u3400-\u9fff])")


@lru_cache(maxsize=8192)  # asked once per particle while trimming, and again by the clause and body checks
def hiragana_place(name: str) -> int:
    """Where the place name in hiragana a name opens with ends (「しなの精密計測バレー協議会」: after しなの; a bullet
    may come first), else 0."""
    run = re.match(r"・?([\u3041-\u3096]{2,8})", name)
    if run is None:
        return 0
    start = run.start(1)
    return next((k for k in range(run.end(), start + 1, -1) if is_place_name(name[start:k])), 0)


def _inside_hiragana_word(name: str, particle: re.Match[str]) -> bool:
    """「みやぎ」's や: a particle character between two hiragana is part of a word, not a particle."""
    a, b = particle.start(), particle.end()
    if b - a == 1 and a >= 3 and all(_HIRAGANA.match(c) for c in name[:b]):
        return True  # 「くまもと半導体…」: a name opening with a word in hiragana (a place), not a clause
    if b <= hiragana_place(name):
        return True  # 「しなの精密…」's の: inside the place name the name opens with
    firm = _FIRM_HIRAGANA.match(name)
    if firm is not None and b <= firm.end():
        return True  # 「公益財団法人ふじのくに先端…」: after a legal form, the name's own opening word
    return b - a == 1 and a > 0 and bool(_HIRAGANA.match(name, a - 1)) and bool(_HIRAGANA.match(name, b))


def _trim(name: str) -> tuple[int, str]:
    """Drop a leading clause ending in a particle: 「JSTが実施するさくら事業」 keeps the name only;
    what is left of 「…我が国の大学」 is a generic word, refused later."""
    cut = max(
        (m.end() for m in _PARTICLE.finditer(name) if m.end() < len(name) and not _inside_hiragana_word(name, m)),
        default=0,
    )
    # 「…と連携して実施する日本・アフリカ…事業」: a verb ending a clause before a long name (a short rest such as
    # 研修プログラム is a kind of thing, and the clause says which)
    cut = max([cut, *(m.end() for m in _VERB_END.finditer(name) if len(name) - m.end() >= 10)])
    return cut, name[cut:]


_VERB_END = re.compile(r"(?:する|した|される|された|している|できる)(?=[\u3005\u30a0-\u30ff\u3400-\u9fffA-Za-z])")


# 「A法及びB法」: two laws listed, when the first ends in 法 on its own (外国為替及び外国貿易法 holds 及び in its name).
_LAW_LIST_JOIN = re.compile(r"(?<=[\u3400-\u9fff]{2}法)(?:及び|並びに|又は|若しくは)(?=[\u3005\u30a0-\u30ff\u3400-\u9fff])")


def _laws_listed(start: int, name: str) -> list[tuple[int, str]]:
    """The laws a matched law name lists, with their offsets: itself unless it is 「A法及びB法」."""
    join = _LAW_LIST_JOIN.search(name)
    if join is None:
        return [(start, name)]
    return [(start, name[: join.start()]), *_laws_listed(start + join.end(), name[join.end() :])]


def find_names(text: str, offset: int = 0, before: str = "") -> list[NameSpan]:
    """Program and organisation names in a passage text, with their abbreviations when given. ``before`` is the
    document text just before the passage: a heading there still says what a list of kinds under it is."""
    spans: list[NameSpan] = []
    for m in _WITH_ABBR.finditer(text):
        cut, name = _trim(m.group("name"))
        if is_generic(name):
            continue
        kind = kind_of(name)
        s = offset + m.start("name") + cut
        abbr = next(g for g in ("abbr", "quoted", "first", "nick", "defined") if m.group(g))
        spans.append(NameSpan(s, s + len(name), kind, name, (offset + m.start(abbr), offset + m.end(abbr))))
    laws = [m for pattern in (_LAW_WITH_NUMBER, _LAW_NAME) for m in pattern.finditer(text)]
    # 「…の促進に関する法律施行規則（令和6年…第20号）」: the whole name, not the tail before the number.
    laws = [m for m in laws if not any(o.start("name") < m.start("name") and m.end("name") <= o.end("name") for o in laws)]
    for m in laws:
        name = m.group("name")  # law names hold 及び: no particle trimming, but one does not open with it
        # …nor with the word saying it was amended (改正種苗法 is 種苗法).
        conjunction = re.match(r"・*(?:(?:及び|並びに|又は|若しくは|改正(?=[\u3400-\u9fff]{2}))|(?=.))", name)
        start = m.start("name") + (conjunction.end() if conjunction else 0)
        name = name[conjunction.end() :] if conjunction else name
        shortest = 3 if m.re is _LAW_WITH_NUMBER else 4  # 種苗法（令和2年法律第74号）: its number says it is a law
        for part_start, part in _laws_listed(start, name):  # 「感染症法及び外為法」: two laws
            plausible = len(part) >= shortest and not _NOT_LAW.search(part) and not is_generic(part)
            if plausible and not wrapped_tail(text, m.start("name")):
                s = offset + part_start
                spans.append(NameSpan(s, s + len(part), "Law", part))
    for pattern, kind in ((_QUOTED, "Program"), (_DATED_PLAN, "Program"), (_JOINT_CALL, "Program"), (_HEADING, "Program"),
                          (_CABINET_DECISION, "Program"), (_UNDER_LAW, "Program"), (_DATED_REFERENCE, "Program"),
                          (_THEMED_FRAMEWORK, "Program"), (_RUN, "Program"), (_ALLOCATED, "Program"),
                          (_NAMED_SUBJECT, "Program"), (_QUOTED_BEFORE_KIND, "Program"), (_ORG, "Organization")):  # fmt: skip
        for m in pattern.finditer(text):
            # Quotation marks delimit a name exactly, a plan's name holds particles (経済財政運営と改革の基本方針2021);
            # elsewhere a leading clause is cut off.
            whole = pattern in (
                _QUOTED,
                _QUOTED_BEFORE_KIND,
                _DATED_PLAN,
                _JOINT_CALL,
                _CABINET_DECISION,
                _UNDER_LAW,
                _DATED_REFERENCE,
                _THEMED_FRAMEWORK,
            )
            cut, name = (0, m.group("name")) if whole else _trim(m.group("name"))
            at = m.start("name") + cut
            if name.startswith("・") and (at == 0 or text[at - 1] in "\n \u3000"):  # 「・量子…推進会議における」: a bullet
                cut, name = cut + 1, name[1:]
            if not whole:  # 「宮城県・仙台市・東北大学」: coordinated names are separate names; keep the last
                more, name = last_coordinated(name)
                cut += more
            if is_generic(name) or re.search(r"\d+[億万千百]?円", name) or (cut == 0 and wrapped_tail(text, m.start("name"))):
                continue
            if not whole and _clause(name):
                continue  # 「連携して事業」: a verb phrase, not a name
            dated = re.match(r"20\d{2}", text[m.end("name") : m.end("name") + 4])  # アジア太平洋…会議2025: an event
            planned = text.startswith(("」構想", "』構想"), m.end("name"))  # 「…アカデミー」構想: a plan, not a body yet
            if kind == "Organization" and (not _plausible_org(name) or dated or planned):
                continue
            s = offset + m.start("name") + cut
            # A name heading its own line (「３．ホライズン・ヨーロッパ連携加速プログラム」) holds the curated name it opens with.
            holds = pattern in _HOLDS_NAMES or pattern is _HEADING
            spans.append(NameSpan(s, s + len(name), kind, name, holds_names=holds))
    for pattern in (_NAMED, _HEAD_THEN_QUOTE, _CAPS_PROGRAM, _LATIN_PHRASE_PROGRAM, _DEFINED_SCHEME):
        for m in pattern.finditer(text):
            # プログラム「グローバル・リサーチ・ブリッジ（GRB）」: the name without its short name
            name = _OWN_ABBR.sub("", m.group("name")) if pattern is _HEAD_THEN_QUOTE else m.group("name")
            if not is_generic(name) and not (pattern is _HEAD_THEN_QUOTE and _WORK_TITLE.search(name)):
                s = offset + m.start("name")
                body = re.search(f"(?:{ORG_SUFFIX}|ラボ|ハブ|拠点|コンソーシアム|ネットワーク|クラブ)$", name)
                # 人材育成制度「Qアカデミー」: a program's own name, whatever word it ends in
                kind = "Organization" if body and pattern is not _HEAD_THEN_QUOTE else "Program"
                spans.append(NameSpan(s, s + len(name), kind, name, holds_names=pattern is not _CAPS_PROGRAM))
    for m in _ITEM_NAMED.finditer(text):
        name = m.group("name")
        # 「○…派遣スキーム「メープル」」: the quoted name is the scheme's (_HEAD_THEN_QUOTE); a post is no part
        headed = m.group("nick") and re.search(f"{_SCHEME_HEAD}$", name)
        post = re.search(r"(?:ディレクター|オフィサー|スーパーバイザー|マネージャー|コーディネーター|委員長|委員|者|長)$", name)
        clause = _clause(name.replace("向け", ""))  # 港湾向け…実証 is a name
        talk = _TALK.search(name)  # 「・基調講演「…」」「・パネルディスカッション「…」」: a part of a programme of talks
        if not (headed or post or clause or talk or is_generic(name) or _WORK_TITLE.search(name)):
            s = offset + m.start("name")
            short = "abbr" if m.group("abbr") else "nick"
            nick = m.group("nick") or ""
            if len(nick) >= 6 and re.search(f"(?:{PROGRAM_SUFFIX}|{ORG_SUFFIX}|拠点)$", nick) and not is_generic(nick):
                # 「（１）信州大学「高原型ウェルネス産業創出拠点」」: the body and the hub it runs, two names
                spans.append(NameSpan(s, s + len(name), kind_of_quoted(name), name))
                n = offset + m.start("nick")
                spans.append(NameSpan(n, n + len(nick), kind_of_quoted(nick), nick))
                continue
            spans.append(NameSpan(s, s + len(name), kind_of_quoted(name), name, (offset + m.start(short), offset + m.end(short))))
    for m in _QUOTED_RUN.finditer(text):
        group = "name" if m.group("name") else "item"
        name = _OWN_ABBR.sub("", m.group(group))  # 「…共同研究(GEMINI-Mat)」を開始: the name without its short form
        paired = re.search(r"[\u3005\u30a0-\u30ff\u3400-\u9fff][ \u3000]", name)  # 「…事業 …プログラム」: two names
        if not (is_generic(name) or paired or _WORK_TITLE.search(name) or re.search(r"\d+[億万千百]?円", name)):
            s = offset + m.start(group)
            kind = "Program" if m.group().endswith("構想") else kind_of_quoted(name)  # a plan, whatever its last word
            spans.append(NameSpan(s, s + len(name), kind, name, holds_names=True))
    for m in _NAMED_LINE.finditer(text):
        name = m.group("name")
        # 「令和8年度 …」: a year, not the name. A name in two words only in the document's title block: elsewhere
        # the first word is a table's cell (「ベトナム 国家科学技術開発基金(NAFOSTED)」).
        spaced = re.search(r"[ \u3000]", name) is not None
        in_title_block = offset == 0 and text.count("\n", 0, m.start()) < 6
        if not (is_generic(name) or re.search(r"年度?[ \u3000]", name) or (spaced and not in_title_block)):
            s = offset + m.start("name")
            spans.append(NameSpan(s, s + len(name), "Program", name, holds_names=True))
    for m in _CALL_TITLE.finditer(text):
        if not is_generic(m.group("name")) and not re.search(r"年度|課題$", m.group("name")):  # 共同研究課題 公募要領
            s = offset + m.start("name")
            spans.append(NameSpan(s, s + len(m.group("name")), "Program", m.group("name"), holds_names=True))
    for m in _SHEET_TITLE.finditer(text):
        group = "after" if m.group("after") else "before"
        if not is_generic(m.group(group)):
            s = offset + m.start(group)
            spans.append(NameSpan(s, s + len(m.group(group)), "Program", m.group(group), holds_names=True))
    for m in _SAID_OF_PROGRAM.finditer(text):
        group = next(g for g in ("name", "run", "owned") if m.group(g))
        cut, name = _trim(m.group(group))
        if len(name) >= 5 and not (is_generic(name) or is_descriptive(name) or _clause(name)):
            s = offset + m.start(group) + cut
            spans.append(NameSpan(s, s + len(name), kind_of(name), name))
    kind_items = [(m, text.count("\n", 0, m.start())) for m in _KIND_ITEM.finditer(text)]
    kind_lines = {line for _, line in kind_items}
    for m, line in kind_items:
        above = (before + text[: m.start()]).rsplit("\n", 7)[-7:-1]  # the six lines above, the passage before's too
        # …under a heading naming the kinds, or one of a list of kinds (「【本格型】」, its terms on a few lines, then
        # 「【FS型（…）】」: kinds a few lines apart)
        listed = any(0 < abs(line - other) <= 7 for other in kind_lines)
        cues = [*above, m.group("label") or "", m.group("name")[:3]]
        heading = any(_KIND_HEADING.search(cue) for cue in cues)
        if (listed or heading) and not is_generic(m.group("name")):
            s = offset + m.start("name")
            spans.append(NameSpan(s, s + len(m.group("name")), "Program", m.group("name"), holds_names=True))
    kind_rows = [(m, text.count("\n", 0, m.start())) for m in _KIND_ROW.finditer(text)]
    for m, line in kind_rows:  # two or more rows of kinds a few lines apart: a table of a call's kinds
        group = "name" if m.group("name") else "bare"
        if any(0 < abs(line - other) <= 3 for _, other in kind_rows) and not is_generic(m.group(group)):
            s = offset + m.start(group)
            spans.append(NameSpan(s, s + len(m.group(group)), "Program", m.group(group), holds_names=True))
    for m in _QUOTED_SET.finditer(text):
        for q in re.finditer(r"[「『](?P<name>[^「」『』\n]{2,30})[」』]", m.group("names")):
            if not is_generic(q.group("name")):
                s = offset + m.start("names") + q.start("name")
                spans.append(NameSpan(s, s + len(q.group("name")), "Program", q.group("name"), holds_names=True))
    for m in _QUOTED_PAIR.finditer(text):  # 「…事業 …プログラム」: a program and its part, quoted as one
        for group in ("whole", "part"):
            s = offset + m.start(group)
            spans.append(NameSpan(s, s + len(m.group(group)), "Program", m.group(group), holds_names=True))
    for line in _LINKS_LINE.finditer(text):
        for m in _LINK.finditer(line.group()):
            if not is_generic(m.group("name")):
                s = offset + line.start() + m.start("name")
                spans.append(NameSpan(s, s + len(m.group("name")), "Program", m.group("name")))
    for line in _BREADCRUMB_LINE.finditer(text):  # ホーム ＞ 事業紹介 ＞ …事業 ＞ …プログラム
        for m in _CRUMB.finditer(line.group(), 1):
            if re.search(f"{PROGRAM_SUFFIX}$", m.group("name")) and not is_generic(m.group("name")):
                s = offset + line.start() + m.start("name")
                spans.append(NameSpan(s, s + len(m.group("name")), "Program", m.group("name"), holds_names=True))
    for m in _UNIVERSITY_UNIT.finditer(text):
        cut, name = _trim(m.group("name"))
        if "大学" in name and not is_generic(name):  # 「連携する京都大学防災研究所」: the clause is cut, not the name
            s = offset + m.start("name") + cut
            spans.append(NameSpan(s, s + len(name), "Organization", name, holds_names=True))
    for pattern in (_FIRM, _MISSION, _OFFICE):
        for m in pattern.finditer(text):
            whole = pattern is not _FIRM or re.match(_LEGAL_FORM, m.group("name"))
            cut, name = (0, m.group("name")) if whole else _trim(m.group("name"))
            name = _POST_AFTER.sub("", name)  # 「株式会社北陸テック技術顧問」: the post is the person's
            if len(name) > 4 and not is_generic(name):
                s = offset + m.start("name") + cut
                spans.append(NameSpan(s, s + len(name), "Organization", name, holds_names=pattern is _OFFICE))
    for m in _PROJECT_QUOTE.finditer(text):
        group = next(g for g in ("name", "titled", "named", "defined", "listed", "proposed") if m.group(g))
        if group == "listed" and _WORK_TITLE.search(m.group(group)[-6:]):
            continue  # 「…に関する調査」 alone on a line is a work's title
        if group == "defined" and re.search(r"(?:役員|担当|責任者|[官長員者])$", m.group(group)):
            continue  # 「包括的国際化担当役員(CGO)」: a post and its short name
        for at, quoted in _quoted_names(m, group):
            if _SPEECH.search(quoted):
                continue  # 「…世界の課題解決に生かしてまいります。」: a quoted remark, not a name
            name = _OWN_ABBR.sub("", quoted)  # 「…の開発(TIDE-Re:Tidal …)」: the name without its short names
            if not is_generic(name) and not re.search(r"\d+[億万千百]?円", name):
                body = re.search(f"(?:{ORG_SUFFIX}|ラボ|ハブ|拠点|コンソーシアム|ネットワーク|クラブ)$", name)
                # a proposal listed under its proposer is a project, whatever its last word (…拠点, …ネットワーク)
                kind = "Organization" if body and group != "proposed" else "Program"
                project = group in ("name", "titled", "listed", "proposed") and kind == "Program"
                spans.append(NameSpan(offset + at, offset + at + len(name), kind, name, holds_names=True, project=project))
    for m in _HUB.finditer(text):
        cut, name = _trim(m.group("name"))
        if name.startswith("・"):  # a bullet before the name
            cut, name = cut + 1, name[1:]
        more, name = last_coordinated(name)
        head = re.sub(r"(?:ハブ|拠点|ラボ|コンソーシアム)$", "", name)
        proper = _PROPER.search(head) or hiragana_place(head)  # …or a place in hiragana (くまもと…コンソーシアム)
        abroad = is_place_name(head)  # 「ケニア拠点」: a site in a country, not a hub with a name
        if proper and not abroad and not is_generic(name) and not _clause(name) and not is_descriptive(head):
            s = offset + m.start("name") + cut + more
            spans.append(NameSpan(s, s + len(name), "Organization", name))
    for pattern in (_QUOTED_BODY, _QUOTED_SET_UP, _KIND_THEN_ACRONYM):
        for m in pattern.finditer(text):
            name = m.group("name")
            if not is_generic(name) and not re.search(f"{PROGRAM_SUFFIX}$", name):
                s = offset + m.start("name")
                scheme = pattern is _QUOTED_SET_UP and re.search(r"(?:計画|構想)$", name)  # 「…交流計画」の創設
                spans.append(NameSpan(s, s + len(name), "Program" if scheme else "Organization", name, holds_names=True))
    for m in _BUDGET_ITEM.finditer(text):
        name = m.group("name")  # a heading is a whole name: no particle trimming
        if not is_generic(name) and not re.search(r"予算|年度", name):
            s = offset + m.start("name")
            spans.append(NameSpan(s, s + len(name), "Organization" if re.search(f"{ORG_SUFFIX}$", name) else "Program", name))
    return _merged(spans)


def _merged(spans: list[NameSpan]) -> list[NameSpan]:
    """One span per name found twice (quoted, and with its short name after the quote): what each rule knew."""
    out: dict[tuple[int, int, str], NameSpan] = {}
    for n in spans:
        seen = out.get((n.start, n.end, n.type))
        if seen is None:
            out[(n.start, n.end, n.type)] = n
            continue
        out[(n.start, n.end, n.type)] = replace(
            seen,
            abbreviation=seen.abbreviation or n.abbreviation,
            holds_names=seen.holds_names or n.holds_names,
            project=seen.project or n.project,
        )
    return list(out.values())


_COORDINATED = re.compile(rf"^(?P<left>.+?(?:東京都|道|府|県|市|町|村|区|{ORG_SUFFIX}|{PROGRAM_SUFFIX}))・(?=.)")


def last_coordinated(name: str) -> tuple[int, str]:
    """「A県・B市・C大学」 names three things: how many characters to drop, and the last name."""
    cut = 0
    while (m := _COORDINATED.match(name[cut:])) is not None and not is_generic(m.group("left")):
        cut += m.end()
    return cut, name[cut:]


# Hiragana other than の inside an unquoted name marks a clause (連携して事業, 取り組む大学), not a name.
_CLAUSE = re.compile(r"(?!の)[\u3041-\u3096]")


def _clause(name: str) -> bool:
    return bool(_CLAUSE.search(name, hiragana_place(name)))  # a place in hiragana opening it is a word, no clause


def wrapped_tail(text: str, at: int) -> bool:
    """A name starting a line that continues a long line ending mid-word is the tail of a wrapped name
    (「統合イノ\nベーション戦略2021」)."""
    if at < 2 or text[at - 1] != "\n":
        return False
    end = at - 1
    if re.match(r"[ァ-ヶー]", text[at]):  # a katakana tail may follow a page break's blank lines
        while end > 0 and text[end - 1] == "\n":
            end -= 1
    if end == 0 or text[end - 1] in "。、)）」 ":
        return False
    previous = text[text.rfind("\n", 0, end) + 1 : end]
    if not previous or previous[-1].isdigit() or previous.count(" ") >= 2 or len(re.findall(r"[|｜\t]", previous)) >= 2:
        return False  # a flattened table's header or row (「事業名 令和4年度 令和5年度」「…事業|84|91」): cells, not a wrap
    if not re.match(r"[^\W\d_]", previous[-1]):
        return False  # a rule line (「──────」) or a symbol ends nothing mid-word
    if re.search(r"(?:する|した|される|された|ている|できる|行う|なる|ある)$", previous):
        return False  # 「…と連携して実施する\n日本・…事業」: a clause ends there, no word is cut
    return len(previous) >= 20


def _quoted_names(m: re.Match[str], group: str) -> list[tuple[int, str]]:
    """The names a quoted, defined name holds: 「…推進事業 戦略的…プログラム」「…制度 …特別研究員」 name a program
    and the part the text goes on to define; otherwise the quoted name is one."""
    pair = _PROGRAM_THEN_PART.fullmatch(m.group(group)) if group == "named" else None
    if pair is None:
        return [(m.start(group), m.group(group))]
    return [(m.start(group) + pair.start(g), pair.group(g)) for g in ("whole", "part")]


def kind_of_quoted(name: str) -> str:
    """A quoted name is a body when its last word says so (…センター, …コンソーシアム), else a program."""
    body = re.search(f"(?:{ORG_SUFFIX}|ラボ|ハブ|コンソーシアム|ネットワーク|クラブ)$", name)
    return "Organization" if body else "Program"


def _plausible_org(name: str) -> bool:
    # A bare suffix pattern over-generates (「研究機関」「連絡会議」); ask for a proper-name-like head:
    # no clause fragments (two hiragana in a row: 「整理しつつ他大学」), no amounts.
    head = re.sub(f"{ORG_SUFFIX}$", "", name)
    # (a place in hiragana opening it is a word of the name: 「とやま創薬オープンラボ推進協議会」)
    # (a head of two letters Sudachi knows as a proper noun is a name: 崇城大学, 東海大学; 女子大学 is a kind)
    proper_head = len(head) == 2 and part_of_speech(head)[1:2] == ("固有名詞",)
    if len(head) < 2 or (is_generic(head) and not proper_head) or re.search(r"[ぁ-ん]{2,}|\d", name[hiragana_place(name) :]):
        return False
    if re.match(r"^[ァ-ヶー][\u4e00-\u9fff]", name):  # 「ス国立大学」: the tail of a name cut by a line break
        return False
    if is_province_abroad(name):
        return False
    proper = re.match(r"[A-Z][A-Za-z0-9\-]+(?=[\u3040-\u9fff])", name)  # 「Q-LINKS審査・評価委員会」: named by its program
    if (is_descriptive(name) and not proper) or re.search(r"[A-Z]大学|[A-Z]機関", name):  # 海外トップ大学, 国内A大学
        return False
    return True


_COMPOUND = re.compile(
    r"(?<![\u3005\u30a0-\u30ff\u3400-\u9fff・])(?P<name>[\u3005\u30a0-\u30ff\u3400-\u9fff・]{6,30}(?:計画|制度|基金|事業|プログラム))"
    r"(?![\u3400-\u9fff])"
)


def repeated_names(text: str, minimum: int = 2) -> set[str]:
    """Long program-like compounds a document repeats (国際卓越研究大学研究等体制強化計画): a name it keeps
    using is the name of one thing, even without quotes or abbreviation."""
    counts: dict[str, int] = {}
    for m in _COMPOUND.finditer(text):
        name = m.group("name")
        if not is_generic(name) and not is_descriptive(name):
            counts[name] = counts.get(name, 0) + 1
    return {n for n, c in counts.items() if c >= minimum}
