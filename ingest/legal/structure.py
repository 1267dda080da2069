"""Statute and ordinance text → a tree of provisions: Article → Paragraph → Item → SubItem.

Articles are found by their heading line 「第四条　…」, with the title in parentheses ending the line
before (「（国際卓越研究大学の認定）」, sometimes glued to a page number: 「7(国際卓越研究大学の認定)」).
Inside an article, a line starting 「2 」「3 」… opens the next paragraph, 「一 」「二 」… the next item and
「イ 」「ロ 」… the next sub-item. Only the *next* number opens a node, so a wrapped line that happens to
start with a numeral does not. The first paragraph starts right after the article heading (statutes print
no number for it).

Spans tile: inside an article every node runs to the start of the next node, so an article's text is its
heading plus its paragraphs' texts, and each parent's text is its own text plus its children's texts. The
last node of an article ends at the first 「。」 closing a line that is not continued (ただし…, この場合…),
so running text after a quoted statute is not taken into it.

Each article is then classed as a statute's or an ordinance's: ordinances cite their enabling law as a
bare 「法」 (「法第四条第三項第一号の文部科学省令で定める…」), statutes delegate (「文部科学省令で定める」)
and never call themselves 「法」. An article with neither sign takes the class of the article before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.legal.numbers import ARTICLE, IROHA, ITEM, NUMERAL, PARAGRAPH, SUBITEM, Path, Step, to_int

_HEADING = re.compile(rf"^第(?P<num>{NUMERAL})条(?P<branch>(?:の{NUMERAL})*)[ \u3000]+(?=\S)", re.M)
_TITLE_BEFORE = re.compile(r"[(（](?P<title>[^()（）\n]{1,40})[)）][ \t\u3000]*\n$")
_PARAGRAPH = re.compile(r"^(?P<num>[0-9０-９]{1,3})[ \u3000]+(?=\S)", re.M)
_ITEM = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,4})[ \u3000]+(?=\S)", re.M)
_SUBITEM = re.compile(rf"^(?P<num>[{IROHA}])[ \u3000]+(?=\S)", re.M)
_CONTINUED = re.compile(r"^\s*(?:ただし|この場合|前段|後段)")
# A bare 法/令 before 第: the enabling law of an ordinance (not 基本法第…, whose 法 ends a name).
_ORDINANCE_SIGN = re.compile(r"(?<![\u3040-\u30ff\u3400-\u9fff・])(?:法|令)第")
_DELEGATION = re.compile(r"(?:政令|省令|府令|規則)で定める")


@dataclass
class Node:
    """One provision found in a document: its path, its span and the offset where its own wording starts
    (after the number printed before it), its title (articles only) and its children."""

    path: Path
    start: int
    end: int
    body: int
    title: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.path[-1].level

    @property
    def own_end(self) -> int:
        """End of the node's own wording: where its first child starts."""
        return self.children[0].start if self.children else self.end

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out += c.walk()
        return out


@dataclass
class Article:
    node: Node
    kind: str  # "statute" | "ordinance"


def _branch(text: str) -> tuple[int, ...]:
    return tuple(to_int(b) for b in re.findall(NUMERAL, text))


def _sentence_end(text: str, start: int, limit: int) -> int:
    """End of the provision starting at ``start``: after the first 「。」 ending a line that is not continued."""
    for m in re.finditer(r"。[ \t\u3000]*(?=\n|$)", text[start:limit]):
        end = start + m.end()
        if not _CONTINUED.match(text[end:limit]):
            return start + m.start() + 1
    return limit


def _children(text: str, parent: Node, pattern: re.Pattern[str], level: int, first: int) -> list[Node]:
    """Nodes of one level inside [parent.body, parent.end): each must carry the next number in sequence."""
    starts: list[tuple[int, int, int]] = []  # (start, body, number)
    expected = first
    for m in pattern.finditer(text, parent.body, parent.end):
        raw = m.group("num")
        number = IROHA.index(raw) + 1 if level == SUBITEM else to_int(raw)
        if number == expected:
            starts.append((m.start(), m.end(), number))
            expected += 1
    nodes = []
    for i, (s, body, number) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else parent.end
        nodes.append(Node((*parent.path, Step(level, number)), s, end, body))
    return nodes


def _fill(text: str, node: Node) -> None:
    """Children of a node, then theirs: paragraphs of an article, items of a paragraph, sub-items of an item."""
    if node.level == ARTICLE:
        rest = _children(text, node, _PARAGRAPH, PARAGRAPH, 2)
        first_end = rest[0].start if rest else node.end
        node.children = [Node((*node.path, Step(PARAGRAPH, 1)), node.body, first_end, node.body), *rest]
    elif node.level == PARAGRAPH:
        node.children = _children(text, node, _ITEM, ITEM, 1)
    elif node.level == ITEM:
        node.children = _children(text, node, _SUBITEM, SUBITEM, 1)
    for child in node.children:
        _fill(text, child)


def _kind(text: str, previous: str) -> str:
    if _ORDINANCE_SIGN.search(text):
        return "ordinance"
    if _DELEGATION.search(text):
        return "statute"
    return previous


def parse_articles(text: str) -> list[Article]:
    """Every article quoted in a normalized document text, with its provision tree and class."""
    heads = list(_HEADING.finditer(text))
    articles: list[Article] = []
    kind = "statute"
    for i, m in enumerate(heads):
        title_m = _TITLE_BEFORE.search(text, 0, m.start())
        title = title_m.group("title") if title_m else ""
        start = title_m.start() if title_m else m.start()
        limit = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        if i + 1 < len(heads):
            nxt = _TITLE_BEFORE.search(text, 0, heads[i + 1].start())
            limit = nxt.start() if nxt and nxt.start() >= m.end() else limit
        step = Step(ARTICLE, to_int(m.group("num")), _branch(m.group("branch")))
        node = Node((step,), start, limit, m.end(), title)
        _fill(text, node)
        last = node.walk()[-1]
        _trim(node, _sentence_end(text, last.body, limit))
        kind = _kind(text[node.start : node.end], kind)
        articles.append(Article(node, kind))
    return articles


def _trim(node: Node, end: int) -> None:
    """Cut a node and its last descendants at ``end`` (nodes starting after it cannot exist: it is in the last one)."""
    node.end = min(node.end, end)
    if node.children:
        _trim(node.children[-1], end)


def group_laws(articles: list[Article]) -> list[list[Article]]:
    """Articles of one class belong to one law until an article number repeats (then another law starts)."""
    groups: list[list[Article]] = []
    for a in articles:
        home = next(
            (g for g in groups if g[0].kind == a.kind and all(b.node.path[0] != a.node.path[0] for b in g)),
            None,
        )
        if home is None:
            groups.append([a])
        else:
            home.append(a)
    return groups


def display_text(text: str) -> str:
    """A provision's wording for reading: PDF line wraps joined (Japanese needs no space between lines)."""
    return re.sub(r"\s*\n\s*", "", text).strip()
