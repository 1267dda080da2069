"""e-Gov law XML (法令標準XMLスキーマ) → the law's text and its whole provision tree.

e-Gov publishes every law and ordinance as XML: ``Law`` (attributes Era, Year, Num, LawType) holding
``LawNum`` and ``LawBody`` → ``LawTitle``, ``MainProvision`` (``Part``/``Chapter``/``Section``/``Subsection``/
``Division`` → ``Article`` → ``Paragraph`` → ``Item`` → ``Subitem1`` … ``Subitem10``), ``SupplProvision``
(附則; ``AmendLawNum`` on those of amending acts) and ``AppdxTable``. The e-Gov API wraps ``Law`` in
``DataRoot/ApplData/LawFullText``.

The law is rendered as text laid out as statutes are printed and quoted (「(見出し)\\n第四条 …\\n2 …\\n一 …」,
NFKC like every ingested text), so a provision's official words compare directly with a document's
quotation of it, and every provision is a ``Node`` with offsets into that text, the same record the
quotation parser (structure.py) gives: the rest of the legal layer (references, emit) works on both.
Ruby readings (``Rt``) are not text; the columns of a sentence (a term and its definition) are joined by a
space; tables are rendered one row a line, cells separated by 「 | 」.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ingest.legal.lawnum import LawNumber, parse_law_number
from ingest.legal.numbers import ARTICLE, ITEM, PARAGRAPH, SUBITEM, Step
from ingest.legal.structure import Node
from kg.errors import UnsupportedDocument

MEDIA_TYPE = "application/vnd.egov.law+xml"
_DIVISIONS = {"Part": "part", "Chapter": "chap", "Section": "sec", "Subsection": "subsec", "Division": "div"}
_SUBITEMS = {f"Subitem{n}": SUBITEM + n - 1 for n in range(1, 11)}
# e-Gov's file names: {law ID}_{as-of date YYYYMMDD}_{amending law ID or 000000000000000}.xml
_FILE_NAME = re.compile(r"(?P<id>\d{3}[A-Z][0-9A-Z]{11})_(?P<asof>\d{8})_(?P<amend>[0-9A-Z]{15})")
_LAW_ID = re.compile(r"\d{3}[A-Z][0-9A-Z]{11}")  # 504AC0000000051, 504M60000080037


@dataclass
class Division:
    """A chapter, section … of the main provision: structure, not a provision."""

    kind: str  # part | chap | sec | subsec | div
    number: tuple[int, ...]  # Num="2_3" → (2, 3)
    title: str
    slug: str  # chap_1__sec_2
    start: int
    end: int
    children: list[Division] = field(default_factory=list)
    articles: list[Node] = field(default_factory=list)


@dataclass
class Supplement:
    """附則: of the original act (amend_law_num empty) or of an amending act."""

    slug: str  # suppl, or suppl_505-act-10 for 令和五年法律第十号
    label: str
    amend_law_num: str
    start: int
    end: int
    nodes: list[Node] = field(default_factory=list)  # articles, or paragraphs when it has no articles


@dataclass
class Table:
    """An appended table (別表) as text."""

    slug: str  # appdx_table_1
    title: str
    start: int
    end: int


@dataclass
class Definition:
    term: str
    definition: str
    node: Node  # the provision that defines it


@dataclass
class EgovLaw:
    title: str
    law_num: str  # as written: 令和四年法律第五十一号
    number: LawNumber | None
    law_type: str  # Act, CabinetOrder, MinisterialOrdinance … (the LawType attribute)
    promulgated: tuple[int, int, int] | None
    egov_id: str | None
    as_of: str | None  # YYYY-MM-DD of the version, from e-Gov's file name
    amending_id: str | None  # the last amending act's law ID
    text: str
    articles: list[Node] = field(default_factory=list)  # the main provision's articles (or paragraphs)
    divisions: list[Division] = field(default_factory=list)
    supplements: list[Supplement] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)

    @property
    def is_ordinance(self) -> bool:
        return self.law_type not in ("Act", "Constitution")


def looks_like_law_xml(data: bytes) -> bool:
    """Whether bytes are XML at all (the root element decides later whether it is a law)."""
    head = data.lstrip()[:200]
    return head.startswith(b"<?xml") or head.startswith(b"<Law") or head.startswith(b"<DataRoot")


def _law_element(root: ET.Element, source: str) -> ET.Element:
    if root.tag == "Law":
        return root
    found = root.find("ApplData/LawFullText/Law") if root.tag == "DataRoot" else None
    if found is None:
        raise UnsupportedDocument(f"{source}: XML but not an e-Gov law (root element <{root.tag}>)",
                                  "expected <Law> or <DataRoot><ApplData><LawFullText><Law>")  # fmt: skip
    return found


def parse_law(data: bytes, source: str) -> EgovLaw:
    """Read one e-Gov law XML file; UnsupportedDocument names the file when it is not one."""
    if b"<!DOCTYPE" in data[:2000] or b"<!ENTITY" in data[:2000]:
        raise UnsupportedDocument(f"{source}: XML with a DOCTYPE or entities is refused", "e-Gov law XML has none")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise UnsupportedDocument(f"{source}: not well-formed XML ({exc})") from None
    law_el = _law_element(root, source)
    body = law_el.find("LawBody")
    title_el = body.find("LawTitle") if body is not None else None
    if body is None or title_el is None:
        raise UnsupportedDocument(f"{source}: e-Gov law without LawBody/LawTitle")
    law_num = _nfkc(_plain(law_el.find("LawNum")))
    title = _nfkc(_plain(title_el))
    renderer = _Renderer()
    renderer.line(title)
    renderer.line(law_num)
    number = parse_law_number(law_num)
    law = EgovLaw(title, law_num, number, law_el.get("LawType", ""), _promulgated(law_el, number), None, None, None, "")
    law.egov_id, law.as_of, law.amending_id = _version(root, source)
    main = body.find("MainProvision")
    if main is None:
        raise UnsupportedDocument(f"{source}: e-Gov law without MainProvision")
    law.articles = renderer.provisions(main, law.divisions, "")
    for n, suppl in enumerate(body.findall("SupplProvision")):
        law.supplements.append(renderer.supplement(suppl, n))
    for n, table in enumerate(body.findall("AppdxTable"), 1):
        law.tables.append(renderer.appendix(table, n))
    law.text = renderer.text()
    law.definitions = renderer.definitions
    return law


def _promulgated(law_el: ET.Element, number: LawNumber | None) -> tuple[int, int, int] | None:
    """Promulgation date from the Law element's PromulgateMonth/Day and the law number's year."""
    month, day = law_el.get("PromulgateMonth", ""), law_el.get("PromulgateDay", "")
    if number is None or not (month.isdigit() and day.isdigit()):
        return None
    return number.western_year, int(month), int(day)


def _version(root: ET.Element, source: str) -> tuple[str | None, str | None, str | None]:
    """Law ID, as-of date and amending act from e-Gov's file name, else from the API's LawId element."""
    m = _FILE_NAME.search(source)
    if m:
        asof = m.group("asof")
        amend = m.group("amend")
        return m.group("id"), f"{asof[:4]}-{asof[4:6]}-{asof[6:]}", None if set(amend) == {"0"} else amend
    law_id = root.findtext("ApplData/LawId") if root.tag == "DataRoot" else None
    if law_id and _LAW_ID.fullmatch(law_id.strip()):
        return law_id.strip(), None, None
    return None, None, None


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _plain(el: ET.Element | None) -> str:
    """The text of an element without ruby readings; columns separated by a space."""
    if el is None:
        return ""
    out: list[str] = [el.text or ""]
    columns = 0
    for child in el:
        if child.tag == "Rt":
            pass
        else:
            if child.tag == "Column":
                out.append(" " if columns else "")
                columns += 1
            out.append(_plain(child))
        out.append(child.tail or "")
    return "".join(out)


def _num(el: ET.Element) -> tuple[int, tuple[int, ...]]:
    """Num="36_2" → (36, (2,)); a missing Num is 1."""
    parts = [int(p) for p in re.findall(r"\d+", el.get("Num", "1"))] or [1]
    return parts[0], tuple(parts[1:])


class _Renderer:
    """Writes the law's text line by line, recording the span of every provision as it goes."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.definitions: list[Definition] = []

    def line(self, text: str) -> tuple[int, int]:
        start = self.size
        self.lines.append(text + "\n")
        self.size += len(text) + 1
        return start, start + len(text)

    def text(self) -> str:
        return "".join(self.lines)

    # ---------------------------------------------------------------- structure

    def provisions(self, parent: ET.Element, divisions: list[Division], prefix: str) -> list[Node]:
        """Articles (or bare paragraphs) under a provision body, with chapters and sections recorded."""
        nodes: list[Node] = []
        for child in parent:
            if child.tag in _DIVISIONS:
                nodes += self._division(child, divisions, prefix)
            elif child.tag == "Article":
                nodes.append(self.article(child))
            elif child.tag == "Paragraph":
                nodes.append(self.paragraph(child, (), first_body=None))
        return nodes

    def _division(self, el: ET.Element, divisions: list[Division], prefix: str) -> list[Node]:
        kind = _DIVISIONS[el.tag]
        number, branch = _num(el)
        slug = f"{prefix}__" if prefix else ""
        slug += f"{kind}_{number}" + "".join(f"-{b}" for b in branch)
        title = _nfkc(_plain(el.find(f"{el.tag}Title")))
        start, _ = self.line(title)
        div = Division(kind, (number, *branch), title, slug, start, start)
        div.articles = self.provisions(el, div.children, slug)
        div.end = self.size
        divisions.append(div)
        return div.articles

    def supplement(self, el: ET.Element, n: int) -> Supplement:
        amend = _nfkc(el.get("AmendLawNum", ""))
        label = _nfkc(_plain(el.find("SupplProvisionLabel"))) or "附則"
        start, _ = self.line(f"{label}({amend})" if amend else label)
        number = parse_law_number(amend) if amend else None
        if number is not None:
            kind = {"法律": "act", "政令": "co"}.get(number.kind, "m")
            slug = f"suppl_{'明大昭平令'.index(number.era[0]) + 1}{number.year:02d}-{kind}-{number.number}"
        else:
            slug = "suppl" if not amend and n == 0 else f"suppl_{n}"
        sup = Supplement(slug, label, amend, start, start)
        sup.nodes = self.provisions(el, [], "")
        for child in el.findall("SupplProvisionAppdxTable"):
            self.appendix(child, 0)
        sup.end = self.size
        return sup

    def appendix(self, el: ET.Element, n: int) -> Table:
        title = _nfkc(_plain(el.find(f"{el.tag}Title")))
        related = _nfkc(_plain(el.find("RelatedArticleNum")))
        start, _ = self.line(title + related)
        for struct in el.iter("TableStruct"):
            self._table(struct)
        return Table(f"appdx_table_{n}", title, start, self.size)

    def _table(self, struct: ET.Element) -> None:
        title = _nfkc(_plain(struct.find("TableStructTitle")))
        if title:
            self.line(title)
        for row in struct.iter("TableRow"):
            self.line(" | ".join(_nfkc(_plain(col)) for col in row.findall("TableColumn")))

    # ---------------------------------------------------------------- provisions

    def article(self, el: ET.Element) -> Node:
        number, branch = _num(el)
        caption = _nfkc(_plain(el.find("ArticleCaption")))
        start = self.size
        if caption:
            self.line(caption)
        heading = _nfkc(_plain(el.find("ArticleTitle")))
        node = Node((Step(ARTICLE, number, branch),), start, start, start + len(caption) + (1 if caption else 0),
                    caption.strip("()（）"))  # fmt: skip
        # The heading shares a line with the first paragraph's words: 「第四条 大学の設置者は…」.
        node.body += len(heading) + 1
        first = True
        for para in el.findall("Paragraph"):
            child = self.paragraph(para, node.path, first_body=heading if first else None)
            if first:
                child.start = child.body = node.body
            node.children.append(child)
            first = False
        node.end = self.size
        return node

    def paragraph(self, el: ET.Element, above: tuple[Step, ...], first_body: str | None) -> Node:
        number, _ = _num(el)
        mark = _nfkc(_plain(el.find("ParagraphNum")))
        # Paragraph 1 prints no number and follows the article heading; a lone paragraph (附則) prints none either.
        lead = f"{first_body} " if first_body is not None else (f"{mark} " if mark else "")
        return self._provision(el, (*above, Step(PARAGRAPH, number)), lead, "ParagraphSentence")

    def _provision(self, el: ET.Element, path: tuple[Step, ...], lead: str, sentence_tag: str) -> Node:
        start = self.size
        words = _nfkc(_plain(el.find(sentence_tag)))
        self.line(lead + words)
        node = Node(path, start, start, start + len(lead))
        self._maybe_definition(el.find(sentence_tag), node)
        for struct in el.findall("TableStruct"):
            self._table(struct)
        for child in el:
            if child.tag == "Item":
                number, branch = _num(child)
                title = _nfkc(_plain(child.find("ItemTitle")))
                node.children.append(self._provision(child, (*path, Step(ITEM, number, branch)), f"{title} ", "ItemSentence"))
            elif child.tag in _SUBITEMS:
                number, _ = _num(child)
                title = _nfkc(_plain(child.find(f"{child.tag}Title")))
                step = Step(_SUBITEMS[child.tag], number)
                node.children.append(self._provision(child, (*path, step), f"{title} ", f"{child.tag}Sentence"))
        node.end = self.size
        return node

    def _maybe_definition(self, sentence: ET.Element | None, node: Node) -> None:
        """Definitions: an item with a term column and a definition column, or 「X」とは、…をいう。"""
        if sentence is None:
            return
        columns = sentence.findall("Column")
        if len(columns) == 2:
            term, definition = (_nfkc(_plain(c)) for c in columns)
            if term and definition:
                self.definitions.append(Definition(term.strip("「」"), definition, node))
                return
        for m in _DEFINES.finditer(_nfkc(_plain(sentence))):
            self.definitions.append(Definition(m.group("term"), m.group("definition"), node))


_DEFINES = re.compile(r"「(?P<term>[^「」]{1,30})」とは、(?P<definition>[^。]{2,300}?)をいう")
