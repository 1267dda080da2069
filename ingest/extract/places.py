"""Places below the country: prefectures and municipalities, found by shape.

The curated vocabulary knows the 47 prefectures and the designated cities (ontology/vocab); this component
finds the other municipalities: a word Sudachi's dictionary knows as a place name (地名) followed by 市・町・村・区
(仙台市, つくば市), or any name followed by 市・町・村 right after a prefecture (茨城県つくば市, 〇〇県△△町). A generic
word (都市, 市町村, 同市, 各市) is never a place, nor is a katakana name before 市 (オウル市: a city abroad, the
cities-abroad component's). Each municipality names the prefecture written before it, so
the component can link it (stip:locatedIn); so is a city the vocabulary knows, when the document writes it after its
prefecture (東京都千代田区). A town or village written after its county (茨城県那珂郡東海村) is named without the
county, in the prefecture before it; a designated city's ward written after its city (川崎市幸区) is a place named
with its city (one city's 中央区 is not another's) and located in the city. A town or village listed beside a
municipality found (苫小牧市、白老町) needs no prefecture of its own and lies in that one's; a name in hiragana right
after its prefecture (宮崎県えびの市) is a municipality; 町 or 市 followed by 市 is part of a city's name (大町市).

Reads: the document text and the prefecture mentions already found. Writes: PlaceHit records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.extract.pipeline import Component
from ingest.extract.place_words import is_place_name
from ingest.extract.spans import passage_at
from ingest.link import Linker
from ingest.records import Extraction, Fact, Mention, Passage
from kg.iris import Iris

_MUNICIPALITY = re.compile(
    r"(?P<stem>[\u3005\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]{1,5}?)(?P<suffix>市|町|村|区)(?![\u3400-\u9fff]{0,1}(?:場|民|長|役所|議会|町村|立|内|外|域|販|況|街|政)|市)"
)
_PREFECTURE = re.compile(r"(?:北海道|東京都|京都府|大阪府|[\u3400-\u9fff]{2,3}県)$")
_NOT_STEM = re.compile(
    r"^(?:都|大都|各|同|本|当|他|全|市|区|町|村|市町|近隣|周辺|地元|特別|政令|中核|指定|都道府県|国内|海外|下|城下|門前|港|宿場)$"
)


_HOLDS_PREFECTURE = re.compile(r"^(?:北海道|東京都|京都府|大阪府|[\u3400-\u9fff]{1,3}県).")
_ADDRESS_AFTER = re.compile(r"[0-9０-９]|[一二三四五六七八九十]+(?:丁目|番地?)")
_IDEOGRAPH = re.compile(r"[\u3005\u3400-\u9fff]")
_CITY_BEFORE = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]{1,3}市$|(?<=[都道府県])[\u3400-\u9fff]{1,3}市$")
# 「長野県及び松本市」: the city is 松本市, not 「及び松本市」
_JOIN = re.compile(r"及び|および|並びに|ならびに|[とや](?=[\u3005\u3400-\u9fff\u30a1-\u30fa])")
# Japanese municipalities are written in kanji or hiragana (南アルプス市 has its kanji): a katakana name before 市 is
# a city abroad (オウル市, カラサ市), the cities-abroad component's.
_LIST_SEP = re.compile(r"[、,・]|及び|および|並びに|ならびに|や|と")  # between two places of a list
_KATAKANA_STEM = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_PREFECTURE_END = re.compile(r"(?:都|道|府|県|郡)$")  # a name that begins after its prefecture or county


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    name: str
    kind: str  # Municipality
    prefecture: str | None  # the prefecture written right before it (茨城県 in 茨城県つくば市)
    prefecture_start: int | None = None
    city: str | None = None  # the designated city a ward is of (川崎市 for 幸区 in 川崎市幸区)


def _candidate(
    text: str, m: re.Match[str], cut: int, ends: dict[int, tuple[int, str]], hits: Sequence[PlaceHit] = ()
) -> PlaceHit | None:
    stem, start, suffix = m.group("stem")[cut:], m.start() + cut, m.group("suffix")
    pref = ends.get(start)
    # 「苫小牧市、白老町」「合志市及び大津町」: listed beside a municipality found, a town needs no prefecture of its own
    beside = (h for h in hits if _LIST_SEP.fullmatch(text, h.end, start) or _LIST_SEP.fullmatch(text, m.end(), h.start))
    listed = next(beside, None)
    if pref is None and listed is not None and listed.prefecture and listed.prefecture_start is not None:
        pref = (listed.prefecture_start, listed.prefecture)
    if _NOT_STEM.match(stem) or _PREFECTURE.search(stem + suffix) or _HOLDS_PREFECTURE.match(stem) or _JOIN.match(stem):
        return None  # 「埼玉県和光」: the municipality starts after its prefecture
    if re.search(r".郡", stem):
        return None  # 「那珂郡東海村」: …and after its county (郡山市, 郡上市 open with the letter)
    if _KATAKANA_STEM.fullmatch(stem):
        return None
    ward_of = _CITY_BEFORE.search(text, 0, start) if suffix == "区" else None
    if ward_of is not None and ward_of.group()[0] not in "本同当各" and not _NOT_STEM.match(stem) and len(stem) <= 3:
        # 「川崎市幸区」「静岡市葵区」: a designated city's ward, a place of its own within the city
        return PlaceHit(start, m.end(), stem + suffix, "Municipality", None, None, ward_of.group())
    if _ADDRESS_AFTER.match(text, m.end()) or text[:start].rstrip()[-1:] in ("区", "市", "町", "村"):
        return None  # 千代田区四番町5-3: a district in an address, not a municipality
    if re.search(r"[\u3041-\u3096]{2,}", stem) and not is_place_name(stem) and ends.get(start) is None:
        return None  # 「および松本」: a particle, not part of the name (「宮崎県えびの市」: a name after its prefecture)
    county = re.search(r"[\u3400-\u9fff]{1,4}郡$", text[:start])  # 南宇和郡愛南町: a county's town or village
    after_county = county is not None
    # 茨城県那珂郡東海村: the prefecture written before the county is the village's
    if pref is None and county is not None:
        pref = next((ends[k] for k in range(county.start(), start - 1) if k in ends), None)
    if not (is_place_name(stem) or is_place_name(stem + suffix) or after_county or listed) and pref is None:
        return None
    if suffix in ("町", "村") and pref is None and not (after_county or listed):
        return None  # a town or village is written with its prefecture or county; alone, 〇〇町 is a district
    return PlaceHit(start, m.end(), stem + suffix, "Municipality", pref and pref[1], pref and pref[0])


def find_places(text: str, prefectures: list[tuple[int, int, str]]) -> list[PlaceHit]:
    """Municipalities in the text; ``prefectures`` are the (start, end, name) of prefecture mentions."""
    ends = {e: (s, name) for s, e, name in prefectures}
    ends |= {e + 1: (s, name) for s, e, name in prefectures if text[e : e + 1] == "・"}  # 宮城県・仙台市
    joined = ((s, e, name, _JOIN.match(text, e)) for s, e, name in prefectures)
    ends |= {j.end(): (s, name) for s, e, name, j in joined if j is not None}  # 長野県及び松本市
    hits: list[PlaceHit] = []
    first = True  # then again with the places found, until none is added: a town listed beside one (「…市、白老町」)
    while True:
        count = len(hits)
        for m in _MUNICIPALITY.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits) or (not first and m.group("suffix") == "区"):
                continue  # (a ward is read on the first pass, with its city)
            for cut in range(len(m.group("stem"))):  # 「城県つくば市」: the longest tail that is a place wins
                at = m.start() + cut
                if cut and at not in ends and _IDEOGRAPH.match(text[at - 1]) and not _PREFECTURE_END.search(text[:at]):
                    continue  # a tail inside a word (番町 in 五番町) is not a name of its own
                hit = _candidate(text, m, cut, ends, [] if first else hits)
                if hit is not None:
                    hits.append(hit)
                    break
        if len(hits) == count:
            break
        first = False
    return sorted(hits, key=lambda h: h.start)


# --- into the graph ---------------------------------------------------------------------------------------


_WRITTEN_PREFECTURE = re.compile(r"^(?:北海道|東京都|京都府|大阪府|[\u3400-\u9fff]{1,3}県)")


def add_written_prefectures(passages: list[Passage], result: Extraction, linker: Linker) -> None:
    """The prefecture written at the head of a curated municipality's name (愛知県名古屋市, 東京都千代田区):
    the vocabulary matches the whole as the city, but the text names the prefecture too."""
    for m in list(result.mentions):
        head = _WRITTEN_PREFECTURE.match(m.surface) if m.type == "Municipality" else None
        if head is None or head.end() == len(m.surface):
            continue
        entry = linker.vocab.lookup(head.group())
        if entry is None or entry.type != "Prefecture":
            continue
        entity = linker.entity_by_iri(entry.iri)
        result.entities.setdefault(entity.iri, entity)
        end = m.start + head.end()
        result.mentions.append(Mention(m.start, end, head.group(), "Prefecture", passage_at(passages, m.start),
                                       entity.iri, "rules:place"))  # fmt: skip


def add_places(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """Municipality mentions and entities, each stip:locatedIn the prefecture written before it."""
    add_written_prefectures(passages, result, linker)
    prefectures = [m for m in result.mentions if m.type == "Prefecture"]
    taken = [(m.start, m.end) for m in result.mentions]
    for hit in find_places(text, [(m.start, m.end, m.key) for m in prefectures]):
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue  # a designated city the vocabulary knows, or part of a longer name
        # a ward is named with its city (中央区 of 熊本市 is not Tokyo's 中央区)
        entity = linker.entity_for("Municipality", (hit.city or "") + hit.name)
        if entity is None:
            continue
        passage = passage_at(passages, hit.start)
        result.entities.setdefault(entity.iri, entity)
        result.mentions.append(Mention(hit.start, hit.end, hit.name, "Municipality", passage, entity.iri, "rules:place"))
        city = next((m for m in result.mentions if m.end == hit.start and m.type == "Municipality"), None) if hit.city else None
        if city is not None:
            result.facts.append(Fact(entity.iri, str(iris.ont.locatedIn), city.key, passage, city.start, hit.end,
                                     extractor="rules:place"))  # fmt: skip
        if hit.prefecture:  # the prefecture mention's IRI
            start = hit.prefecture_start if hit.prefecture_start is not None else hit.start
            result.facts.append(Fact(entity.iri, str(iris.ont.locatedIn), hit.prefecture, passage, start, hit.end,
                                     extractor="rules:place"))  # fmt: skip
    _written_with_prefecture(text, result, iris)


def _written_with_prefecture(text: str, result: Extraction, iris: Iris) -> None:
    """A city the vocabulary knows, written after its prefecture (東京都千代田区, 宮城県 仙台市): the document states
    where it is."""
    located = str(iris.ont.locatedIn)
    stated = {(f.subject, f.obj) for f in result.facts if f.predicate == located}
    prefectures = [m for m in result.mentions if m.type == "Prefecture"]
    for m in [m for m in result.mentions if m.type == "Municipality"]:
        # the prefecture opens the city's mention (「東京都千代田区」) or stands right before it, a space at most between
        before = [p for p in prefectures if p.start == m.start or (p.end <= m.start and not text[p.end : m.start].strip())]
        prefecture = next((p for p in before if m.start - p.end <= 1 or p.start == m.start), None)
        if prefecture is None or prefecture.key == m.key or (m.key, prefecture.key) in stated:
            continue
        stated.add((m.key, prefecture.key))
        result.facts.append(Fact(m.key, located, prefecture.key, m.passage, min(prefecture.start, m.start), m.end,
                                 extractor="rules:place"))  # fmt: skip


COMPONENT = Component(
    "places",
    reads="document text, passages, prefecture mentions",
    writes="Municipality mentions and entities, stip:locatedIn facts",
    doc=__doc__ or "",
    finish=lambda state: add_places(state.text, state.passages, state.result, state.linker, state.iris),
)
