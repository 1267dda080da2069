"""People and the posts they hold, found by shape: a personal name next to a post title.

A name is accepted only with two pieces of evidence (precision first): Sudachi's dictionary reads it as a
family name followed by a given name (「山田 太郎」「山田太郎」), and it stands in a slot that holds names — in
parentheses after a post (理事長（山田 太郎）), before or after a post title on the same line (内閣総理大臣 山田 太郎,
山田 太郎 文部科学大臣), before an honorific (山田太郎氏), as an entry of an attendance list (出席者: …) or of a
contact line (担当：…; or last on the line after the staff's unit: 「…機構 広報課　大森 拓郎」), as a minutes'
speaker label (【田淵室長】, family name only: it is the person the document names in full elsewhere when one full
name begins with it), or in the rows of a table whose header has a column of
people (研究代表者, 氏名; a foreign name in katakana there when its row names a person in kanji too or Sudachi knows a
part of it; a given name there may be written in hiragana), or after a post that ends a line inside an aside in
brackets (「（…研究科 教授」 ending a line, 「山口 航、…）」 opening the next). A letter-spaced label (「来　賓」) is never
a name. A dotted katakana name spelled in Latin letters in brackets after it is a person when Sudachi knows a part
of it. A foreign name needs no dictionary reading where its slot is plain: a dotted katakana name before
氏 or 博士, a Latin name after Prof./Dr./Mr./Ms. or after a post and a colon (理事長：Helena …) or with an academic title
written right after it (…のIngrid Solberg教授らの), or opening a list's row after its ditto (同). A name taking up a
post (山田 太郎が理事長に就任) is in a slot too, as is a list's entry marked ◎ or ○ or standing in its own cell before
its affiliation, and a family name in katakana with a given name in kanji after a post (企画官 ロペス 早紀).
The post's organisation is the body named right before the title (科学技術振興機構理事長, 東北大学 学長, or written
apart: ノルウェー研究会議 事務局長); a minister's is the ministry the title names (文部科学大臣 → 文部科学省); a member's
post written alone in a committee's minutes (委員, 主査) is a post of the committee the minutes record. 同 (ditto) is
never part of a name; an attendance list goes on under its groups' labels (（説明者）（事務局）).

Reads: the document text, its passages and the organisation mentions found before it. Writes: PersonHit
records, which the extraction component turns into Person mentions and org:holds facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib.namespace import XSD

from ingest.extract.meetings import find_meetings
from ingest.extract.pipeline import Component
from ingest.extract.spans import passage_at
from ingest.link import Linker
from ingest.records import Entity, Extraction, Fact, Mention, Passage
from ingest.romanize import looks_like_person, name_parts, part_of_speech, romanize_reading
from kg.iris import ORG, Iris, slugify

# Post titles, longest first so 副大臣 is not read as 大臣. English: the usual English title of the post.
POSTS: dict[str, str] = {
    "内閣総理大臣": "Prime Minister", "総理大臣": "Prime Minister", "首相": "Prime Minister",
    "内閣官房長官": "Chief Cabinet Secretary", "官房長官": "Chief Cabinet Secretary",
    "大臣政務官": "Parliamentary Vice-Minister", "副大臣": "State Minister", "大臣": "Minister",
    "事務次官": "Vice-Minister", "次官": "Vice-Minister", "審議官": "Deputy Director-General", "局長": "Director-General",
    "部長": "Director-General", "課長": "Director", "室長": "Director", "参事官": "Counsellor",
    "長官": "Commissioner", "大使": "Ambassador", "大統領": "President", "総裁": "President",
    "理事長": "President", "副理事長": "Executive Vice President", "理事": "Executive Director", "監事": "Auditor",
    "学長": "President", "総長": "President", "副学長": "Vice President", "学部長": "Dean", "研究科長": "Dean",
    "機構長": "Director-General", "所長": "Director", "センター長": "Director", "本部長": "Director-General",
    "会長": "President", "副会長": "Vice President", "社長": "President", "代表取締役社長": "President and CEO",
    "代表取締役": "Representative Director", "事務局長": "Secretary-General", "校長": "Principal",
    "議長": "Chair", "副議長": "Vice Chair", "座長": "Chair", "副座長": "Vice Chair", "委員長": "Chair",
    "副委員長": "Vice Chair", "部会長": "Chair", "分科会長": "Chair", "主査": "Chair", "委員": "Member",
    "有識者議員": "Expert Member", "議員": "Member", "臨時議員": "Ad hoc Member", "構成員": "Member",
    "教授": "Professor", "准教授": "Associate Professor", "特任教授": "Project Professor",
    "名誉教授": "Professor Emeritus", "主任研究員": "Senior Researcher", "研究員": "Researcher",
    "プログラムディレクター": "Program Director", "プログラムオフィサー": "Program Officer", "知事": "Governor",
    "市長": "Mayor", "町長": "Mayor", "村長": "Mayor", "副市長": "Deputy Mayor", "副知事": "Vice Governor",
    "特命全権大使": "Ambassador Extraordinary and Plenipotentiary", "首席次官": "Principal Secretary",
    "課長補佐": "Deputy Director", "室長補佐": "Deputy Director", "企画官": "Senior Coordinator", "調査官": "Senior Analyst",
    "専門官": "Specialist", "係長": "Section Chief", "顧問": "Adviser", "技術顧問": "Technical Adviser",
    "部会長代理": "Deputy Chair", "主査代理": "Deputy Chair", "座長代理": "Deputy Chair", "委員長代理": "Deputy Chair",
    "研究総括": "Research Supervisor", "研究代表者": "Principal Investigator", "プロジェクトリーダー": "Project Leader",
    "公使": "Minister", "主たる共同研究者": "Lead Co-Investigator", "共同研究者": "Co-Investigator", "職員": "Staff",
    "上級研究員": "Senior Researcher", "助教授": "Assistant Professor", "助教": "Assistant Professor", "講師": "Lecturer",
    "副長官": "Deputy Head", "副大統領": "Vice President", "副総裁": "Vice President", "副所長": "Deputy Director",
    "グループリーダー": "Group Leader", "チームリーダー": "Team Leader", "ユニットリーダー": "Unit Leader",
    "参事官補佐": "Deputy Counsellor", "主幹": "Senior Staff", "主任": "Chief",
    "博士後期課程学生": "Doctoral Student", "博士課程学生": "Doctoral Student", "大学院生": "Graduate Student",
    "博士研究員": "Postdoctoral Researcher", "執行役員": "Executive Officer",
    "部門長": "Division Director", "研究部長": "Research Director", "専務理事": "Senior Managing Director",
    "常務理事": "Managing Director", "代表理事": "Representative Director", "特任准教授": "Project Associate Professor",
    "特任助教": "Project Assistant Professor", "客員教授": "Visiting Professor", "客員研究員": "Visiting Researcher",
    "参与": "Senior Adviser", "統括官": "Director-General", "調査役": "Coordinator", "主任調査役": "Senior Coordinator",
    "マネージャー": "Manager", "マネジャー": "Manager", "コーディネーター": "Coordinator",
    "代表取締役CEO": "Representative Director and CEO", "最高経営責任者": "Chief Executive Officer",
    "次長": "Deputy Director-General", "課長代理": "Deputy Director", "班長": "Section Head", "係員": "Staff",
    "調査員": "Research Officer", "主任調査員": "Senior Research Officer", "研究官": "Research Officer",
    "ユニット長": "Unit Head", "グループ長": "Group Head", "チーム長": "Team Head", "主事": "Officer",
    "ディレクター": "Director", "総領事": "Consul-General", "領事": "Consul", "推進官": "Officer",
    "調整官": "Coordinator", "企画幹": "Planning Director", "専門職": "Specialist", "取締役": "Director",
}  # fmt: skip
_POST = "|".join(sorted(map(re.escape, POSTS), key=len, reverse=True))
_NAME = r"[\u3005\u3400-\u9fff][\u3005\u3040-\u30ff\u3400-\u9fff]{0,3}[ \u3000]?[\u3005\u3040-\u30ff\u3400-\u9fff]{1,4}"
_HONORIFIC = r"(?:氏|さん|様|君|先生)"
# A body's words written apart before a post (ノルウェー研究会議 事務局長, ベルゲン大学 地球物理学研究所 教授).
# Each word ends like a body's name, so a given name (「同 堀江 千里 …大臣」) is never read as one.
_BODY_END = (
    r"(?:大学|研究所|機構|大使館|省|庁|府|県|都|道|市|町|村|局|部|課|室|センター|研究科|研究院|学部|本部|法人|会社|財団|協会|会議|学会|院|所|会|校|部門|"
    r"グループ|チーム|ユニット|クラスター|コンソーシアム|学系|金庫|銀行|公庫|組合)"
)
# (a body's short name in brackets may follow it: 「…開発機構（JAMSTEC）　…部門 部門長」)
_BODY_WORDS = (
    rf"(?:(?:[^\s、,。()（）]{{1,24}}{_BODY_END}|株式会社[^\s、,。()（）]{{1,20}})"
    rf"(?:[(（][A-Za-z][A-Za-z\-]{{1,11}}[)）])?[ \u3000]+){{0,2}}"
)

# A family name in katakana, a given name in kanji (ミラー 由香, ロペス 早紀).
_MIXED = r"[\u30a1-\u30fa\u30fc]{2,6}[ \u3000][\u3005\u3400-\u9fff]{1,3}"
# 理事長（山田 太郎）: the name in parentheses after the post.
_POST_PAREN = re.compile(rf"(?P<post>{_POST})\s?[(（](?P<name>{_NAME})[)）]")
# 内閣総理大臣 山田 太郎 / 議長 山田太郎: the post, a space, then the name (a list entry or a signature); the post's
# remit may stand between (参事官（国際戦略担当） 山田 太郎).
_POST_NAME = re.compile(
    rf"(?P<post>{_POST})(?:[(（][^()（）\n]{{1,15}}[)）])?(?:[ \u3000]+|である|の|\s?[:：]\s?)"
    rf"(?P<name>{_NAME}|{_MIXED})(?=[ \u3000、,（()）】\n＞>]|$|が|は|を|に|と|の|氏)"  # (ロペス 早紀: a mixed name)
)
# 山田 太郎が理事長に就任: a name taking up a post.
_NAME_TAKES_POST = re.compile(
    rf"(?:^|(?<=[\s、,。：:（(「にはで]))(?P<name>{_NAME})が(?P<post>{_POST})に(?:就任|着任|選任|任命|再任)"
)
# 山田 太郎 文部科学大臣 / 山田太郎東北大学総長 / 山田太郎氏: the name, then (a body and) the post or an honorific.
_NAME_POST = re.compile(
    # 「日本側からは桐生 正人…大使」: after a particle too, or a list's mark (◎ the chair, ○ the vice-chair)
    # …or after any hiragana: a name starts with a kanji, so a verb or particle before it ends there (「務める松浦 玲子 氏」)
    rf"(?:^|(?<=[\s、,。：:（(「◎○◯●\u3041-\u3096]))(?P<name>{_NAME})"
    # 「国立研究開発法人…開発機構（NEDO）海洋技術室長」: a body's formal name, short name and unit before the post
    # (「松浦 玲子 氏」: the honorific may stand a space apart)
    rf"(?:[ \t\u3000]*(?P<post>{_BODY_WORDS}[^\s、,。]{{0,36}}?(?:{_POST}))|[ \u3000]?(?P<hon>{_HONORIFIC}))"
    # 「…理事【主査代理】」, 「…助教らの」, 「…学長による」, 「…教授も」
    rf"(?=[ \u3000、,。）)」(（【\n]|$|から|が|は|も|より|と|の|を|ら[のはがと]|に(?:よる|より))"
)
# 大森 和彦（国立がん研究センター 名誉総長）: the name, then its body and post in parentheses.
# …also in a row of cells split by slashes or bars (「1/課題名/佐久間 亮（東北大学 教授）/…」).
# A family name in katakana before a given name in kanji (ミラー 由香) is read in this slot too, and an honorific may
# stand between (「工藤 雅人 氏（秋田大学 教授）」).
_NAME_PAREN_POST = re.compile(
    rf"(?:^|(?<=[\s、,：:「/|]))(?P<name>{_NAME}|{_MIXED})(?:[ \u3000]?{_HONORIFIC})?"
    rf"\s?[(（](?P<post>[^()（）\n]{{0,30}}?(?:{_POST}))[)）]"
)
# 上條 美紀子 主査（京都大学 理事・副学長）: a member's post in the list, then the post they hold elsewhere.
_THEN_PAREN_POST = rf"[ \u3000]*(?:{_POST})\s?[(（](?P<post>[^()（）\n]{{0,30}}?(?:{_POST}))[)）]"
_NAME_POST_PAREN = re.compile(rf"(?:^|(?<=[\s、,：:/|]))(?P<name>{_NAME}){_THEN_PAREN_POST}")
# 山田 花子（北洋大学 大学院工学研究科）: a name before its affiliation in parentheses (a list of researchers; the
# bracket may close on the next line).
_NAME_PAREN_ORG = re.compile(
    rf"(?:^|(?<=[\s、,：:」/|]))(?P<name>{_NAME})\s?[(（][^()（）\n]{{0,30}}?"
    r"(?:大学|研究所|研究機構|機構|研究センター|株式会社|研究科|研究部|学部|病院)"
)
# A foreign name in katakana, its parts joined by ・ (グエン・ヴァン・ミン), in the same slots: before its body and post in
# parentheses or on the line, or after a post.
# マリセル・A・ドゥマラオ, レ・ホアン・フック
# ヘンドリク・デ・フリース, ジャン・ド・ラ・フォンテーヌ: a particle of one letter between its parts, never last
_KATA = r"[\u30a1-\u30fa\u30fc]+(?:・(?:[A-Z]\.?・)?[\u30a1-\u30fa\u30fc]+){0,3}・(?:[A-Z]\.?・)?[\u30a1-\u30fa\u30fc]{2,}"
_KATA_POST_PAREN = re.compile(rf"(?<![\u3005\u30a0-\u30ff\u3400-\u9fff])(?P<name>{_KATA}){_THEN_PAREN_POST}")
# Hanna Bergmann, David O'Connor, Marie-Claire Dubois: given name, family name (a middle name at most), in Latin letters.
_LOWER = "a-zà-öø-ÿ\u0100-\u017f"  # Martin Lefèvre, Søren Ågård, Tomáš Dvořák (Latin Extended-A: both cases)
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"  # Émile, Łukasz, Šimon
# 「Andrew McLeod University of Edinburgh」 (cells joined by a space): a body's word ends the name
_BODY_WORD = r"(?:University|Institute|College|Centre|Center|Laboratory|School|Foundation|Agency|Ministry|Council|Hospital)"
_LATIN = (
    rf"[{_UPPER}][{_LOWER}]+(?:-[A-Z][{_LOWER}]+)?(?: [A-Z]\.)?"
    rf"(?: (?!{_BODY_WORD}\b)(?:[A-Z][{_LOWER}]*['’]|Mc|Mac|van |von |de )?[{_UPPER}][{_LOWER}]+(?:-[A-Z][{_LOWER}]+)?){{1,2}}"
)
# A dotted katakana name with the same name in Latin letters in brackets after it (「ジョセフ・オティエノ（Joseph
# Otieno）」): a person when Sudachi knows a part of it as a name.
_KATA_THEN_LATIN = re.compile(rf"(?<![\u3005\u30a0-\u30ff\u3400-\u9fff])(?P<name>{_KATA})\s?[(（]{_LATIN}[)）]")
_FOREIGN = re.compile(
    rf"(?:(?<![\u3005\u30a0-\u30ff\u3400-\u9fff])(?P<name>{_KATA})"
    rf"|(?:^|(?<=[\s、,：:]))(?P<latin>{_LATIN})(?=\s?[(（]|[ \u3000](?:{_POST})))"  # 「Martin Lefèvre 教授」 in a table row
    rf"(?:\s?[(（](?P<post>[^()（）\n]{{0,30}}?(?:{_POST}))[)）]"
    rf"|[ \t\u3000]?(?P<post2>{_BODY_WORDS}[^\s、,。]{{0,24}}?(?:{_POST}))"
    rf"(?=[ \u3000、,。）)(（\n]|$|が|は|ら|と|の|を|も|より|から|による)"
    # 「アイシャ・ラーマン氏の」「アイノ・ヴィルタネン 博士（…）」: an honorific or a doctor's title after the name
    rf"|[ \u3000]?(?P<hon>氏|博士)(?=[ \u3000、,。）)(（\n]|$|[がはらとのをもに]))"
)
# A name in Latin letters opening a line of a list, its body and post after it: 「Priya Raghavan　全インド医科大学 教授」,
# also after the list's ditto or role (「同　Karin Lindqvist　オウル大学教授（オンライン出席）」, a note after the post).
_LATIN_LINE = re.compile(
    rf"^[ \t\u3000]*(?:(?:同|{_POST})[ \t\u3000]+)?(?P<latin>{_LATIN})[ \t\u3000]+"
    rf"(?P<post2>(?:[^\s、,。]{{1,30}}(?:{_BODY_END}|[)）])[ \u3000]){{0,3}}[^\s、,。]{{0,24}}?(?:{_POST}))"
    r"[ \t\u3000]*(?:[(（][^()（）\n]{1,20}[)）])?[ \t\u3000]*$",
    re.M,
)
# A foreign name after a post, in katakana or in Latin letters: 職員 ラジェシュ・クマール, 委員 Lena Hoffmann.
_POST_FOREIGN = re.compile(rf"(?P<post>{_POST})(?:[ \u3000]+|\s?[:：]\s?)(?P<name>{_KATA}|{_LATIN})(?=[ \u3000、,（()）\n]|$)")
# A name in Latin letters with an academic title or an honorific written right after it, in running text
# (「…大学（NTNU）のIngrid Solberg教授らの」; 「Ingrid Solberg 氏（…）」, the honorific a space apart). A body's head
# (「Business Finland理事長」) is no such title: a body's name in Latin letters may stand before it.
_LATIN_THEN_TITLE = re.compile(
    rf"(?:^|(?<=[\s、,：:のとは]))(?P<latin>{_LATIN})"
    r"(?=(?:(?:教授|准教授|助教|講師|主任研究員|研究員|主任研究官|研究官)|[ \u3000]?(?:博士|氏))"
    r"(?:ら|が|は|と|の|を|も|、|。|\s|$|[(（]))"
)
# 「Prof. Ingrid Solberg（…）」「Dr. Mikko Laaksonen」: a Latin name after a personal title.
_TITLED_LATIN = re.compile(rf"(?<![A-Za-z])(?:Prof|Dr|Mr|Ms|Mrs)\.?[ \u3000](?P<latin>{_LATIN})(?![A-Za-z])")
# A minutes' speaker label, family name and post (【田淵室長】, ○鶴田委員：), and a contact line's staff
# (担当：大河内 誠、真鍋 あかり; 担当：三好).
_SPEAKER = re.compile(rf"(?:【|^[○◯]\s?[(（]?)(?P<name>[\u3005\u3400-\u9fff]{{1,3}})(?P<post>{_POST})(?:】|[)）]|\s?[:：])", re.M)
# Members named by family name and post, two or more joined in prose (「原田委員及び湯川委員から」).
_MEMBER_ROLL = re.compile(
    r"(?:[\u3005\u3400-\u9fff]{1,3}(?:委員|主査|座長|議員)(?:及び|並びに|、|と)){1,8}"
    r"[\u3005\u3400-\u9fff]{1,3}(?:委員|主査|座長|議員)(?![\u3005\u30a0-\u30ff\u3400-\u9fff])"
)
_ROLL_ENTRY = re.compile(r"(?P<name>[\u3005\u3400-\u9fff]{1,3}?)(?:委員|主査|座長|議員)(?:及び|並びに|、|と|$)")
_CONTACT_POST = r"(?:[(（][\u3400-\u9fff]{1,6}[)）])?"  # 担当：松尾（課長）、吉富（係長）
_CONTACT = re.compile(
    rf"(?:担当者?|問い?合わせ先|連絡先)\s?[:：]\s?(?P<names>{_NAME}{_CONTACT_POST}(?:\s?[、,]\s?{_NAME}{_CONTACT_POST}){{0,4}})"
    r"(?![\u3005\u3040-\u30ff\u3400-\u9fff])",
    re.M,
)
_LIST_HEAD = re.compile(
    r"^\s*(?:[0-9０-９]{1,2}[.．、]\s*)?[【〔(（]?(?:出席者|出席議員|出席委員|構成員|委員|議員|参加者|登壇者|署名者|来賓)[】〕)）]?\s*[:：]?"
)
# A group's label inside the list (「（説明者）」「（事務局）」): the list goes on under it.
_LIST_GROUP = re.compile(r"^\s*[【〔(（][^】〕)）\n]{1,8}[】〕)）]\s*$")


@dataclass(frozen=True)
class PostHit:
    title: str  # the post title as written (理事長; 大臣 in 文部科学大臣)
    start: int
    end: int
    org: Mention | None  # the body the post belongs to
    org_text: str = ""  # the words before the title when no mention covers them (文部科学 in 文部科学大臣)


@dataclass
class PersonHit:
    start: int
    end: int
    name: str
    posts: list[PostHit]
    reading: str | None = None  # the reading the text gives in parentheses: 廣瀬 敬（ひろせ けい）


_KANA_READING = (
    r"[\u3041-\u3096ー]{1,10}[ \u3000][\u3041-\u3096ー]{1,10}|[\u30a1-\u30fa\u30fc]{1,10}[ \u3000][\u30a1-\u30fa\u30fc]{1,10}"
)
_READING = re.compile(rf"\s?[(（](?P<r>{_KANA_READING})[)）]")
# 高野 美咲（タカノ ミサキ） on a line of its own (a contact block): a name with its reading is a person.
_NAME_KANA = re.compile(rf"^[ \u3000]*(?P<name>{_NAME}|{_MIXED})\s?[(（](?P<r>{_KANA_READING})[)）]", re.M)


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, overlapping ones too: 「委員長：東北大学 名誉教授 佐野 敏明」 first reads 「東北大学 名誉教授」 as a
    name (refused later), and the real one starts inside it."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _clean(name: str) -> str:
    return re.sub(r"[ \u3000]+", " ", name).strip()


def _valid(name: str) -> bool:
    bare = name.replace(" ", "")
    words = re.split(r"[ \u3000]", name.strip())
    family = words[0]
    honorific = re.fullmatch(_HONORIFIC, words[-1])  # 「雅人 氏」: a given name and the honorific after it
    ditto = any(re.fullmatch(r"同|同上", word) for word in (family, words[-1]))
    if family in POSTS or words[-1] in POSTS or honorific or ditto or re.fullmatch(r"[一二三四五六七八九十]+", family):
        # 「座長 鷲尾」 and 「玲子 主査」: a post and a name in a list's columns; 「五 学…」: an item's number; 「同 研究…」
        # and 「美香 同」: ditto, the line above's body, in the next cell
        return False
    joined = "".join(words)
    if joined in POSTS or joined in _FIELD_LABELS:
        return False  # 「来　賓」「所　属」: a list's label letter-spaced, not a family and a given name
    return 2 <= len(bare) <= 7 and looks_like_person(name)


# Labels of a list's fields and groups, letter-spaced in a header column (「来　賓」「司　会」).
_FIELD_LABELS = frozenset("来賓 氏名 所属 役職 司会 陪席 随行 出席 欠席 傍聴 記者 説明 進行 挨拶 閉会 開会".split())


_POST_AT = re.compile(f"(?:{_POST})")


def _without_post_head(name: str, text: str, end: int) -> str:
    """「宮下 亜紀准教授」「小野寺 遥准教授」: the given name does not take the first character of the post written right
    after it (a one-character given name, set apart from the family name by a space, too)."""
    given = name.split()[-1]
    post = _POST_AT.match(text, end - 1)
    shortest = 2 if " " in name.strip() else 3
    return name[:-1] if len(given) >= shortest and post is not None and len(post.group()) > 1 else name


def _without_particle(name: str | None) -> str | None:
    """「岩城 直人と、…」「桜井 真理子氏が」: a particle or an honorific after a kanji given name is not part of it."""
    given = name.split()[-1] if name and " " in name.strip() else ""
    return name[:-1] if name and len(given) >= 3 and re.search(r"[\u3005\u3400-\u9fff][とがはをにの氏]$", given) else name


def _without_post_prefix(name: str | None) -> str | None:
    """「沢渡 洋平駐」 (…駐ケニア大使): a post's prefix (駐, 元, 前) is not the given name's last character."""
    given = name.split()[-1] if name else ""
    return name[:-1] if name and len(given) >= 3 and given.endswith(("駐", "元", "前")) else name


def _valid_prefix(name: str) -> str | None:
    """The name, or a shorter one when its given name took the next words (「田淵 健司国際」 → 「田淵 健司」)."""
    if name.split()[-1] in POSTS:
        return None  # 「玲子 主査」: the given name and the post of 「北沢 玲子 主査」, read from the middle
    if _valid(name):
        parts = name_parts(name)
        # A word after the given name (「田淵 健司国際」), not a given name read in two (「優斗」 → 優 + 斗).
        if len(parts) == 3 and [r for _, r, _ in parts] == ["姓", "名", ""] and len(parts[2][0]) >= 2:
            return name[: name.index(parts[1][0]) + len(parts[1][0])]
        return name
    family, _, given = name.partition(" ")
    if not given:  # 「三浦尚人文部科学…」 (…大臣政務官): a family and a given name the dictionary knows, then other words
        parts = name_parts(name)
        whole = "".join(w for w, _, _ in parts[:2])
        if [r for _, r, _ in parts[:2]] == ["姓", "名"] and len(parts) > 2 and _valid(whole):
            return whole
    for cut in range(len(given) - 1, 0, -1) if given else ():
        # (cut before a post title 「八重樫 航教授を…」, else only to a given name the dictionary knows: 「堤 科学技術」 is
        # no 「堤 科学」)
        known = _POST_AT.match(given, cut) is not None or _is_given_name(given[:cut])
        if known and _valid(f"{family} {given[:cut]}"):
            return f"{family} {given[:cut]}"
    return None


# 「…機構 広報課　大森 拓郎」「経営管理部　広報担当　宮川 瞬」: a contact line names its staff last, after their unit.
_UNIT_NAME = re.compile(
    r"(?:局|部|課|室|係|担当|グループ|チーム|センター)[ \u3000]+"
    rf"(?P<name>{_NAME})(?=[ \u3000]*(?:ほか|他)?[ \u3000]*$)",
    re.M,
)

# An aside in brackets wrapped between the post and the name: 「（…研究科 教授\n　山口 航、相手方：…）」.
_POST_WRAPPED_NAME = re.compile(rf"[(（][^()（）\n]*?(?P<post>{_POST})\n[ \u3000]*(?P<name>{_NAME})(?=[、,)）])")

# The slots a personal name stands in, in order: a name one slot found is not read again by a later one.
_NAME_SLOTS = (
    _POST_PAREN, _POST_NAME, _NAME_PAREN_POST, _NAME_POST, _NAME_POST_PAREN, _NAME_PAREN_ORG, _NAME_TAKES_POST, _UNIT_NAME,
    _POST_WRAPPED_NAME,
)  # fmt: skip


_LOCAL = ("Prefecture", "Municipality")


def find_people(text: str, passages: list[Passage], orgs: list[Mention], places: list[Mention] | None = None) -> list[PersonHit]:
    """Every person named in a name slot, with the post and organisation the text gives; ``places`` are the
    country and region mentions (a country written before a foreign name is not part of it)."""
    places = places or []
    hits: dict[tuple[int, int], PersonHit] = {}
    for p in passages:
        for pattern in _NAME_SLOTS:
            for m in _overlapping(pattern, p.text):
                name = _without_particle(
                    _without_post_prefix(_valid_prefix(_without_post_head(m.group("name"), p.text, m.end("name"))))
                )
                # 「山田 太郎 文部科学大臣」 read by _NAME_POST can swallow the previous entry's post: trim to the name.
                if name is None or (re.match(r"[\u30a1-\u30fa]", name) and not _mixed_name(m.group("name"))):
                    continue  # 「データ 連携」: a katakana word and a kanji word, not a family and a given name
                s = p.start + m.start("name")
                e = s + len(name)
                if any(o.start <= s < o.end for o in orgs):
                    continue  # 「財務省 マリセル…」: a body's name, not a person's family name
                # 「孝之　熊本県 商工労働部…」: a given name and a prefecture, not a person (but 「千葉 康弘」's family
                # name may be a place's name alone)
                if any(o.start < e and s < o.end and not (o.start == s and o.end < e) for o in places if o.type in _LOCAL):
                    continue
                # 「井筒 昌弘文部科学省…局長」: the name ends where a body's name begins.
                cut = min((o.start for o in orgs if s < o.start < e), default=e)
                if cut < e:
                    s, e, name = s, cut, text[s:cut]
                    if not _valid(name):
                        continue
                post = _post(text, m, p, orgs)
                if (s, e) in hits:  # 議長 佐藤 一郎 内閣総理大臣: a second post of the same person
                    held = hits[(s, e)].posts
                    if post and not any(x.start <= post.start and post.end <= x.end for x in held):
                        held[:] = [x for x in held if not (post.start <= x.start and x.end <= post.end)] + [post]
                    continue
                if any(s < b and a < e for a, b in hits):
                    continue
                reading = _READING.match(text, e)
                hits[(s, e)] = PersonHit(s, e, _clean(name), [post] if post else [], reading and reading.group("r"))
    for p in passages:
        foreign = (_FOREIGN, _POST_FOREIGN, _LATIN_LINE, _KATA_POST_PAREN, _TITLED_LATIN, _LATIN_THEN_TITLE, _KATA_THEN_LATIN)
        for m in [m for pattern in foreign for m in pattern.finditer(p.text)]:
            group = "latin" if m.groupdict().get("latin") else "name"
            s, e = p.start + m.start(group), p.start + m.end(group)
            # 「インド・モディ首相」: a country before the name is not part of it.
            for place in places:
                if place.start == s and place.end < e and text[place.end] == "・":
                    s = place.end + 1
            if (s, e) in hits:  # 研究代表者 レ・ミン・トゥアン 海浜大学 所長: both posts
                post = _post(text, m, p, orgs)
                if post and all(post.start != x.start for x in hits[(s, e)].posts):
                    hits[(s, e)].posts.append(post)
                continue
            if any(s < b and a < e for a, b in hits):
                continue
            latin = text[s:e].isascii()
            in_post_slot = m.re is _POST_FOREIGN or bool(m.groupdict().get("post2") or m.groupdict().get("post"))
            known = any(part_of_speech(part)[2:3] == ("人名",) for part in text[s:e].split("・"))
            honoured = bool(m.groupdict().get("hon"))  # 「…・…氏」: a dotted katakana name and an honorific
            if not (latin or known or honoured or (in_post_slot and _personal_post(m))):
                continue  # 「ゲノム・データ」: words, not a name (a foreign name has a part Sudachi knows as a name)
            post = _post(text, m, p, orgs)
            hits[(s, e)] = PersonHit(s, e, text[s:e], [post] if post else [])
    for p in passages:
        for m in _SPEAKER.finditer(p.text):
            s, e = p.start + m.start("name"), p.start + m.end("name")
            if _is_family_name(m.group("name")) and not any(s < b and a < e for a, b in hits):
                post = _post(text, m, p, orgs)
                hits[(s, e)] = PersonHit(s, e, m.group("name"), [post] if post else [])
        for m in _CONTACT.finditer(p.text):
            names = re.sub(r"[(（][^()（）]*[)）]", lambda b: " " * len(b.group()), m.group("names"))
            for n in re.finditer(rf"{_NAME}", names):
                s = p.start + m.start("names") + n.start()
                e = s + len(n.group())
                name = n.group().strip()
                if (_valid(name) or _is_family_name(name)) and not any(s < b and a < e for a, b in hits):
                    hits[(s, e)] = PersonHit(s, e, _clean(name), [])
    for p in passages:
        for roll in _MEMBER_ROLL.finditer(p.text):
            for m in _ROLL_ENTRY.finditer(roll.group()):
                s, e = p.start + roll.start() + m.start("name"), p.start + roll.start() + m.end("name")
                if _is_family_name(m.group("name")) and not any(s < b and a < e for a, b in hits):
                    hits[(s, e)] = PersonHit(s, e, m.group("name"), [])
    for p in passages:
        for m in _NAME_KANA.finditer(p.text):
            s, e = p.start + m.start("name"), p.start + m.end("name")
            name = m.group("name")
            mixed = bool(re.match(r"[\u30a1-\u30fa]", name)) and _mixed_name(name)  # モラレス 直美（モラレス ナオミ）
            if (_valid(name) or mixed) and not any(s < b and a < e for a, b in hits):
                hits[(s, e)] = PersonHit(s, e, _clean(name), [], m.group("r"))
    for s, e, name in _list_entries(text):
        if not any(s < b and a < e for a, b in hits) and (_valid(name) or _is_family_name(name)):
            hits[(s, e)] = PersonHit(s, e, _clean(name), [])
    for s, e, name in _column_people(text):
        if not any(s < b and a < e for a, b in hits):
            hits[(s, e)] = PersonHit(s, e, name, [])
    _complete_family_names(list(hits.values()))
    return sorted(hits.values(), key=lambda h: h.start)


def _mixed_name(name: str) -> bool:
    """A katakana family name and a kanji given name: Sudachi knows one of them as a name (ミラー, 絢子)."""
    family, _, given = name.partition(" ")
    return part_of_speech(family)[2:3] == ("人名",) or part_of_speech(given)[2:4] == ("人名", "名")


def _complete_family_names(hits: list[PersonHit]) -> None:
    """A family name alone (【田淵室長】, 担当：三好) is the person the document names in full elsewhere, when
    only one full name begins with it."""
    full = [h.name for h in hits if " " in h.name or len(h.name) > 3]
    for h in hits:
        if " " in h.name or not _is_family_name(h.name):
            continue
        matches = {f for f in full if f != h.name and f.replace(" ", "").startswith(h.name)}
        if len(matches) == 1:
            h.name = matches.pop()


def _personal_post(m: re.Match[str]) -> bool:
    """The post right next to a katakana name is a title alone (ファン・ミンチャウ委員, 職員 ラジェシュ・クマール), not
    a body's words before a title (ゲノム・データ基盤事業部長 is a department's head, not a person named ゲノム・データ)."""
    post = m.groupdict().get("post") or m.groupdict().get("post2") or ""
    # 「ノルウェー研究会議 事務局長」: a body, a space, then the title alone
    return post in POSTS or (len(post.split()) > 1 and post.split()[-1] in POSTS)


def _post(text: str, m: re.Match[str], p: Passage, orgs: list[Mention]) -> PostHit | None:
    group = "post" if m.groupdict().get("post") else "post2"
    post = m.groupdict().get(group)
    if not post:
        return None
    title = re.search(rf"(?:{_POST})$", post)
    assert title is not None
    ps = p.start + m.start(group) + title.start()
    pe = p.start + m.end(group)
    org = _org_before(text, ps, orgs)
    name_at = next((m.start(g) for g in ("name", "latin") if g in m.re.groupindex and m.start(g) >= 0), -1)
    if org is None and 0 <= name_at < m.start(group):
        # 「JSTの沖田 宗介理事」: the body is named before the person, the post after the name
        name_at += p.start
        org = _body_ending_before(text, name_at, orgs, lambda gap: bool(_GAP_TO_NAME.fullmatch(gap)), 30)
    org_text = ""
    if org is None:
        before = text[max(0, ps - 12) : ps]
        stem = re.search(r"[\u3400-\u9fff]{2,8}$", before)
        org_text = stem.group(0) if stem and title.group(0).endswith("大臣") else ""
    return PostHit(title.group(0), ps, pe, org, org_text)


# What may stand between a body's name and a post title: its short name in brackets, spaces, の, and up to two of
# its units (「科学技術・イノベーション推進事務局 参事官」「研究環境課 研究セキュリティ推進室 専門官」).
_UNIT_END = "局|部|課|室|研究科|研究院|学部|センター|研究所|本部"
_UNIT = rf"[\u3040-\u30ff\u3400-\u9fff・]{{0,14}}(?:{_UNIT_END})[ \u3000]*"
_GAP_TO_POST = re.compile(
    rf"(?:[(（][A-Za-zＡ-Ｚａ-ｚ\-－・]{{2,12}}[)）])?[)）]?[ \u3000の、,]*(?:{_UNIT}){{0,2}}(?:(?:{_POST})・)*"  # 理事・副学長
)
# Between a body's name and a person named after it: 「JSTの沖田 宗介理事」「北海道大学大学院農学研究院の三浦 沙織教授」.
_GAP_TO_NAME = re.compile(rf"[)）]?[ \u3000]*(?:{_UNIT})?(?:の|[ \u3000]+)")


def _org_before(text: str, post_start: int, orgs: list[Mention]) -> Mention | None:
    """The organisation named right before a post title (only its short name, spaces, の or its units between).
    A unit written onto its head's title (国際部長, 産業技術本部長) counts as a unit."""
    title = _POST_AT.match(text, post_start)
    unit = title.group()[:-1] if title and title.group().endswith("長") else ""
    head = unit if re.fullmatch(_UNIT_END, unit) else ""
    return _body_ending_before(text, post_start, orgs, lambda gap: bool(_GAP_TO_POST.fullmatch(gap + head)), 36)


def _body_ending_before(text: str, at: int, orgs: list[Mention], fits: Callable[[str], bool], reach: int) -> Mention | None:
    best = None
    for o in orgs:
        if o.end <= at and at - o.end <= reach:
            gap = text[o.end : at]
            if "\n" not in gap and fits(gap):
                best = o if best is None or o.end > best.end else best
    return best


def _list_entries(text: str) -> list[tuple[int, int, str]]:
    """Names standing alone as entries of an attendance or membership list (a line, or 、-separated)."""
    out = []
    in_list = 0
    pos = 0
    for line in text.split("\n"):
        if _LIST_HEAD.match(line) or (in_list and _LIST_GROUP.match(line)):
            in_list = 12  # lines after the list heading (or a group's label in it)
        elif in_list:
            in_list -= 1
            if not line.strip():
                in_list = min(in_list, 1)
        if in_list or _LIST_HEAD.match(line):
            body = _LIST_HEAD.sub("", line) if _LIST_HEAD.match(line) else line
            offset = pos + (len(line) - len(body))
            # a name ends the entry, or its cell (「◎大野木 康弘　　富山大学 …」: the affiliation after a gap, which
            # normalizing leaves one space wide)
            for m in re.finditer(rf"(?P<name>{_NAME})(?=(?P<end>[ \u3000]*(?:[、,（(]|$))?)(?=[ \u3000、,（(]|$)", body):
                if m.group("end") is None and " " not in m.group("name").strip():
                    continue  # 「真鍋 真一構成員」: a family name before a space is only a part of the name
                out.append((offset + m.start("name"), offset + m.end("name"), m.group("name")))
            for m in _SURNAME_ROLE.finditer(body):  # 「木下主査、岡田主査代理、秋山委員」: members by family name
                if _is_family_name(m.group("name")):
                    out.append((offset + m.start("name"), offset + m.end("name"), m.group("name")))
        pos += len(line) + 1
    return out


# A table whose header has a column of people (研究代表者, 氏名): its rows name them in their cells, a name's post
# often on the row's next line.
_PERSON_HEADER = re.compile(r"(?:研究代表者|代表者|責任者|氏名|研究者名)")
_KANJI = "\u3005\u3400-\u9fff"
# (a given name may be written in hiragana: 「今泉 さおり」)
_KANJI_NAME = re.compile(
    rf"(?<![{_KANJI}])[{_KANJI}]{{1,3}} (?:[{_KANJI}]{{1,3}}(?![{_KANJI}])|[\u3041-\u3096]{{2,4}}(?![\u3041-\u3096]))"
)
# a foreign name in a cell of its own: katakana words joined by ・, spaces or the line's ends around it
_KATAKANA_NAME = re.compile(r"(?:^|(?<=\s))[\u30a1-\u30fa\u30fc]{2,}(?:・[\u30a1-\u30fa\u30fc]{2,})+(?=\s|$)")


def _kanji_names(line: str) -> list[tuple[int, int, str]]:
    """The names in a row's cells, read from every start (「…の創出 吉永 真由」: not 「創出 吉永」, then 「吉永 真由」)."""
    found: list[tuple[int, int, str]] = []
    for start in range(len(line)):
        m = _KANJI_NAME.match(line, start)
        if m is not None and _valid(m.group()) and not any(a < m.end() and m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), m.group()))
    return found


def _column_people(text: str) -> list[tuple[int, int, str]]:
    """Names in the rows of a table with a column of people, up to the blank line that ends it."""
    out, pos, rows = [], 0, 0
    for line in text.split("\n"):
        if _PERSON_HEADER.search(line) and len(line.split()) >= 3 and "。" not in line:
            rows = MAX_TABLE_ROWS
        elif rows and not line.strip():
            rows = 0
        elif rows:
            rows -= 1
            kanji = _kanji_names(line)
            out += [(pos + a, pos + b, name) for a, b, name in kanji]
            for m in _KATAKANA_NAME.finditer(line):
                # in a row that names a person in kanji too, or with a part Sudachi knows as a name
                if kanji or any(part_of_speech(part)[2:3] == ("人名",) for part in m.group().split("・")):
                    out.append((pos + m.start(), pos + m.end(), m.group()))
        pos += len(line) + 1
    return out


MAX_TABLE_ROWS = 40
_SURNAME_ROLE = re.compile(
    r"(?:^|(?<=[\s、,]))(?P<name>[\u3005\u3400-\u9fff]{1,3})"
    r"(?=(?:主査代理|主査|委員長代理|委員長|委員|部会長代理|部会長|座長代理|座長|議員|議長|臨時議員)(?:[、,\s]|$))"
)


def _is_given_name(word: str) -> bool:
    """Sudachi's dictionary reads the word's last part as a given name (名)."""
    parts = name_parts(word)
    return bool(parts) and parts[-1][1] == "名"


def _is_family_name(word: str) -> bool:
    parts = name_parts(word)
    return len(parts) == 1 and parts[0][1] == "姓"


# --- into the graph ---------------------------------------------------------------------------------------

_ORG_TYPES = ("Agency", "Organization", "University", "ResearchInstitute", "Council")
_CABINET_POSTS = ("内閣総理大臣", "総理大臣", "首相", "内閣官房長官", "官房長官")


def add_people(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """Person mentions and entities, and for each post with a known organisation a Post entity the person
    org:holds (org:postIn the organisation)."""
    orgs = [m for m in result.mentions if m.type in _ORG_TYPES]
    places = [m for m in result.mentions if m.type in ("Country", "Region", "Prefecture", "Municipality")]
    body = meeting_body(text, orgs, linker, result)
    for hit in find_people(text, passages, orgs, places):
        passage = passage_at(passages, hit.start)
        person = linker.entity_for("Person", hit.name.replace(" ", ""))
        if person is None:
            continue
        bare = hit.name.replace(" ", "")
        if " " in hit.name:  # the name as written, with the space between family and given name
            person.labels["ja"] = hit.name
            if (bare, "ja") not in person.alt_labels:
                person.alt_labels.append((bare, "ja"))
        if hit.reading:  # the document's own reading beats the dictionary's guess
            person.labels["en"] = romanize_reading(hit.reading) or person.labels.get("en", "")
        result.entities.setdefault(person.iri, person)
        result.mentions.append(
            Mention(hit.start, hit.end, text[hit.start : hit.end], "Person", passage, person.iri, "rules:person")
        )
        for post in hit.posts:
            if post.org is None and body is not None and post.title in _COMMITTEE_POSTS:
                post = PostHit(post.title, post.start, post.end, body)  # 「委員」 in the minutes: of the body meeting
            _add_post(post, person, passage, hit, result, linker, iris)


# A member's post in a committee's minutes, written without its body: the body whose meeting it is.
_COMMITTEE_POSTS = {
    "委員", "主査", "主査代理", "座長", "座長代理", "委員長", "委員長代理", "副委員長", "部会長", "部会長代理", "分科会長",
    "議長", "副議長", "構成員", "臨時委員", "専門委員",
}  # fmt: skip
_COMMITTEE = re.compile(r"(?:委員会|部会|分科会|審議会|会議|ワーキンググループ|検討会|懇談会|協議会)$")


def meeting_body(text: str, orgs: list[Mention], linker: Linker, result: Extraction) -> Mention | None:
    """The committee whose session the document records (its header's 「…委員会（第4回）議事録」), as a mention."""
    recorded = next((h for h in find_meetings(text) if h.recorded), None)
    if recorded is None or not _COMMITTEE.search(recorded.body):
        return None
    at = text.find(recorded.body, recorded.start, recorded.end)
    named = [m for m in orgs if m.start <= at and at + len(recorded.body) <= m.end]
    if named:
        return named[0]
    entity = linker.entity_for("Organization", recorded.body)  # the meetings component names it the same
    if entity is None:
        return None
    result.entities.setdefault(entity.iri, entity)
    return Mention(at, at + len(recorded.body), recorded.body, entity.type, 0, entity.iri, "rules:meeting")


def _post_org(post: PostHit, linker: Linker) -> str | None:
    """The organisation a post belongs to: the body named before it, a minister's ministry, the Cabinet."""
    if post.org is not None:
        return post.org.key
    candidates = [f"{post.org_text}省", post.org_text] if post.org_text else []
    if post.title in _CABINET_POSTS or (post.title == "大臣" and post.org_text.endswith("内閣総理")):
        candidates = ["内閣", "内閣官房"]
    for name in candidates:
        entry = linker.vocab.lookup(name)
        if entry is not None:
            return entry.iri
    return None


def _add_post(post: PostHit, person: Entity, passage: int, hit: PersonHit, result: Extraction, linker: Linker,
              iris: Iris) -> None:  # fmt: skip
    foreign = re.fullmatch(r"[\u30a1-\u30fa\u30fc・]+", hit.name) is not None
    org_iri = None if foreign and post.org is None else _post_org(post, linker)  # モディ首相 is not Japan's
    if org_iri is None:
        return  # a post of no known body (委員, 教授 alone) stays a title in the text
    org = result.entities.get(org_iri) or linker.entity_by_iri(org_iri)
    result.entities.setdefault(org_iri, org)
    title = "内閣総理大臣" if post.title in ("総理大臣", "首相") else post.title
    title_en = POSTS.get(title, title)
    org_ja, org_en = org.labels.get("ja", ""), org.labels.get("en", "")
    iri = iris.entity("Post", slugify(f"{org_iri.rsplit('/', 1)[-1]}-{title}"))
    if iri not in result.entities:
        if title in _CABINET_POSTS:
            ja = title
        elif title == "大臣" and org_ja.endswith("省"):
            ja = f"{org_ja[:-1]}大臣"  # 文部科学省 → 文部科学大臣
        else:
            ja = f"{org_ja}{title}"
        en = f"{title_en}, {org_en}" if org_en and title not in _CABINET_POSTS else title_en
        result.entities[iri] = Entity(iri=iri, type="Post", labels={"ja": ja, "en": en}, label_source="translated")
        result.facts.append(Fact(iri, str(ORG.postIn), org_iri, passage, post.start, post.end, extractor="rules:post"))
        for text_ in (title, title_en):
            result.facts.append(Fact(iri, str(iris.ont.postTitle), text_, passage, post.start, post.end, str(XSD.string),
                                     "rules:post"))  # fmt: skip
    start, end = min(hit.start, post.start), max(hit.end, post.end)
    result.facts.append(Fact(person.iri, str(ORG.holds), iri, passage, start, end, extractor="rules:post"))


COMPONENT = Component(
    "people",
    reads="document text, passages, organisation mentions",
    writes="Person mentions and entities, Post entities, org:holds and org:postIn facts",
    doc=__doc__ or "",
    finish=lambda state: add_people(state.text, state.passages, state.result, state.linker, state.iris),
)
