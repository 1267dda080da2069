"""The curated authority data (ontology/vocab/*.ttl): every entry well formed, the domain lists complete.

Runs on the vocabulary files alone (no ingest), so it is quick. The lists are a gazetteer, not answers:
what they must guarantee is that each name points to one entity of a known type with both labels.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from ingest.extract.gazetteer import Gazetteer
from ingest.vocab import ENTITY_TYPES, Vocabulary, key, load_vocabulary, vocabulary_graph
from kg.iris import TYPE_SEGMENTS, Iris
from kg.validate import validate

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
BASE = "http://stip.test"
# The files that carry the domain's authority lists; each of their entries cites its source list.
DOMAIN_FILES = ("government.ttl", "research_agencies.ttl", "universities.ttl", "places.ttl", "international.ttl")


@pytest.fixture(scope="module")
def iris() -> Iris:
    return Iris(BASE)


@pytest.fixture(scope="module")
def vocab(iris: Iris) -> Vocabulary:
    return load_vocabulary(ONTOLOGY, iris)


def _typed(vocab: Vocabulary, class_name: str, iris: Iris) -> set[str]:
    return {str(s) for s in vocab.graph.subjects(RDF.type, iris.ont[class_name])}


def test_every_entry_has_both_labels_a_known_type_and_its_types_path(vocab: Vocabulary, iris: Iris) -> None:
    curated = {str(s) for s in vocab.graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    assert len(curated) > 500
    for iri in curated:
        entry = vocab.entries.get(iri)
        assert entry is not None and entry.type in ENTITY_TYPES, f"{iri}: no known entity type"
        if entry.type != "Country":  # ISO 3166 supplies the countries' labels
            for lang in ("ja", "en"):
                labels = [o for o in vocab.graph.objects(URIRef(iri), SKOS.prefLabel) if o.language == lang]
                assert len(labels) == 1, f"{iri}: {len(labels)} {lang} prefLabels"
        assert iri.startswith(f"{BASE}/id/{TYPE_SEGMENTS[entry.type]}/"), f"{iri}: not under its type's path"


def test_an_iri_has_one_entity_type(vocab: Vocabulary, iris: Iris) -> None:
    for iri in vocab.entries:
        kinds = {t for t in vocab.graph.objects(URIRef(iri), RDF.type) if str(t).removeprefix(str(iris.ont)) in ENTITY_TYPES}
        assert len(kinds) <= 1, f"{iri} is typed {kinds}"


def test_no_surface_names_two_entries_unless_declared_ambiguous(vocab: Vocabulary) -> None:
    shared = {s: iris_ for s, iris_ in vocab.by_surface.items() if len(set(iris_)) > 1}
    assert not shared
    for entry in vocab.entries.values():  # a declared ambiguous name is one of the entry's own names
        names = {key(n) for n in (*entry.labels.values(), *(a for a, _ in entry.aliases), *entry.abbreviations)}
        assert {key(a) for a in entry.ambiguous} <= names, entry.iri
    jma = vocab.lookup("気象庁")
    assert jma is not None and "JMA" in jma.abbreviations and vocab.lookup("JMA") is None


def test_domain_entries_cite_their_source(vocab: Vocabulary) -> None:
    for name in DOMAIN_FILES:
        g = Graph().parse(ONTOLOGY / "vocab" / name, format="turtle", publicID=f"{BASE}/")
        subjects = {s for s in g.subjects(RDF.type, None)}
        assert subjects, name
        for s in subjects:
            assert (s, DCTERMS.source, None) in g or (s, DCTERMS.source, None) in vocab.graph, f"{s} ({name}) has no source"


def test_the_ministries_and_agencies_are_all_there(vocab: Vocabulary) -> None:
    names = (
        "内閣官房", "内閣府", "デジタル庁", "復興庁", "こども家庭庁", "宮内庁", "公正取引委員会", "国家公安委員会", "警察庁",
        "個人情報保護委員会", "カジノ管理委員会", "金融庁", "消費者庁", "総務省", "消防庁", "法務省", "出入国在留管理庁",
        "公安調査庁", "外務省", "財務省", "国税庁", "文部科学省", "スポーツ庁", "文化庁", "厚生労働省", "中央労働委員会",
        "農林水産省", "林野庁", "水産庁", "経済産業省", "資源エネルギー庁", "特許庁", "中小企業庁", "国土交通省", "観光庁",
        "気象庁", "運輸安全委員会", "海上保安庁", "環境省", "原子力規制委員会", "防衛省", "防衛装備庁",
    )  # fmt: skip
    for name in names:
        entry = vocab.lookup(name)
        assert entry is not None and entry.type == "Agency" and entry.labels.get("en"), name
    assert vocab.lookup("特許庁").labels["en"] == "Japan Patent Office"  # type: ignore[union-attr]


def test_all_27_national_rd_agencies_are_flagged(vocab: Vocabulary, iris: Iris) -> None:
    flagged = _typed(vocab, "NationalResearchAndDevelopmentAgency", iris)
    assert len(flagged) == 27
    for iri in flagged:
        assert vocab.entries[iri].type in ("Agency", "ResearchInstitute"), iri
    for abbr in ("RIKEN", "AIST", "JAXA", "NIMS", "QST", "NIES", "NICT", "JAMSTEC", "JAEA", "NIED", "JST", "AMED", "NEDO"):
        entry = vocab.lookup(abbr)
        assert entry is not None and entry.iri in flagged, abbr
    riken = vocab.lookup("国立研究開発法人理化学研究所")
    assert riken is not None and riken.labels["en"] == "RIKEN"
    for abbr in ("JSPS", "JICA", "JASSO", "JETRO"):  # independent administrative institutions, not R&D agencies
        entry = vocab.lookup(abbr)
        assert entry is not None and entry.type == "Agency" and entry.iri not in flagged, abbr


def test_the_ministries_research_facilities_are_there_under_their_ministry(vocab: Vocabulary) -> None:
    for name, en, ministry in (
        ("国土地理院", "Geospatial Information Authority of Japan", "国土交通省"),
        ("国土技術政策総合研究所", "National Institute for Land and Infrastructure Management", "国土交通省"),
        ("気象庁気象研究所", "Meteorological Research Institute", "気象庁"),
        ("国立教育政策研究所", "National Institute for Educational Policy Research", "文部科学省"),
        ("地震調査研究推進本部", "Headquarters for Earthquake Research Promotion", "文部科学省"),
        ("国立医薬品食品衛生研究所", "National Institute of Health Sciences", "厚生労働省"),
        ("防衛研究所", "National Institute for Defense Studies", "防衛省"),
    ):
        entry, parent = vocab.lookup(name), vocab.lookup(ministry)
        assert entry is not None and parent is not None and entry.labels["en"] == en, name
        assert vocab.parent_of(entry.iri) == parent.iri, name
    assert vocab.lookup("MRI") is None  # magnetic resonance imaging, not the meteorological institute


def test_all_national_universities_with_their_corporate_form(vocab: Vocabulary, iris: Iris) -> None:
    national = _typed(vocab, "NationalUniversity", iris)
    assert len(national) == 85  # 86 until the Institute of Science Tokyo was formed from two of them (Oct 2024)
    for iri in national:
        entry = vocab.entries[iri]
        assert entry.type == "University" and entry.labels["en"], iri
        assert vocab.lookup(f"国立大学法人{entry.labels['ja']}") is entry
    for name, en in (
        ("琉球大学", "University of the Ryukyus"),
        ("北陸先端科学技術大学院大学", "Japan Advanced Institute of Science and Technology"),
    ):
        assert vocab.lookup(name).labels["en"] == en  # type: ignore[union-attr]
    for corp in ("人間文化研究機構", "自然科学研究機構", "高エネルギー加速器研究機構", "情報・システム研究機構"):
        assert vocab.lookup(f"大学共同利用機関法人{corp}") is vocab.lookup(corp) is not None


def test_former_names_resolve_to_their_successors(vocab: Vocabulary) -> None:
    for former, current in (
        ("総合科学技術会議", "総合科学技術・イノベーション会議"),
        ("CSTP", "総合科学技術・イノベーション会議"),
        ("東京工業大学", "東京科学大学"),
        ("東京医科歯科大学", "東京科学大学"),
        ("教育再生実行会議", "教育未来創造会議"),
        ("国立国際医療研究センター", "国立健康危機管理研究機構"),
        ("国立感染症研究所", "国立健康危機管理研究機構"),
    ):
        old, new = vocab.lookup(former), vocab.lookup(current)
        assert old is not None and new is not None and old is not new, former
        assert vocab.current(old.iri) == new.iri and vocab.current(new.iri) == new.iri, former
    for old, new in vocab.successors.items():
        assert old in vocab.entries and new in vocab.entries, (old, new)


def test_the_47_prefectures_are_in_japan(vocab: Vocabulary, iris: Iris) -> None:
    prefectures = [e for e in vocab.entries.values() if e.type == "Prefecture"]
    assert len(prefectures) == 47
    japan = URIRef(iris.entity("Country", "JP"))
    located = iris.ont.locatedIn
    codes = Counter(str(vocab.graph.value(URIRef(p.iri), DCTERMS.identifier)) for p in prefectures)
    assert sorted(codes) == [f"{n:02d}" for n in range(1, 48)]
    for p in prefectures:
        assert list(vocab.graph.objects(URIRef(p.iri), located)) == [japan], p.iri
        assert p.iri.startswith(f"{BASE}/id/place/")
        en = p.labels["en"]  # one official form: Hokkaido, Tokyo Metropolis, ○○ Prefecture
        assert en in ("Hokkaido", "Tokyo Metropolis") or en.endswith(" Prefecture"), en
        assert p.labels["ja"][-1] in "都道府県"
    assert vocab.lookup("Aomori Prefecture") is vocab.lookup("青森県")


def test_designated_cities_and_special_wards_lie_in_their_prefecture(vocab: Vocabulary, iris: Iris) -> None:
    municipalities = [e for e in vocab.entries.values() if e.type == "Municipality"]
    assert len(municipalities) == 43  # 20 designated cities + 23 special wards
    for m in municipalities:
        (parent,) = vocab.graph.objects(URIRef(m.iri), iris.ont.locatedIn)
        assert vocab.entries[str(parent)].type == "Prefecture", m.iri
    yokohama, kanagawa = vocab.lookup("横浜市"), vocab.lookup("神奈川県")
    assert yokohama is not None and kanagawa is not None
    assert vocab.graph.value(URIRef(yokohama.iri), iris.ont.locatedIn) == URIRef(kanagawa.iri)
    assert vocab.lookup("中央区") is None and vocab.lookup("東京都中央区").type == "Municipality"  # type: ignore[union-attr]


def test_vocabulary_graph_conforms_to_the_shapes(vocab: Vocabulary, iris: Iris) -> None:
    assert validate(vocabulary_graph(vocab, iris), ONTOLOGY, BASE) == []


def test_the_ontology_defines_the_new_classes_and_property(iris: Iris) -> None:
    onto = Graph().parse(ONTOLOGY / "stip.ttl", format="turtle", publicID=f"{BASE}/")
    names = ("Place", "Prefecture", "Municipality", "NationalResearchAndDevelopmentAgency", "NationalUniversity", "locatedIn")
    for name in names:
        labels = {o.language for o in onto.objects(iris.ont[name], RDFS.label)}
        assert labels == {"ja", "en"}, name
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle", publicID=f"{BASE}/")
    assert (None, URIRef("http://www.w3.org/ns/shacl#targetClass"), iris.ont.Prefecture) in shapes


def test_gazetteer_builds_quickly_and_finds_places(vocab: Vocabulary) -> None:
    start = time.perf_counter()
    gazetteer = Gazetteer(vocab)
    built = time.perf_counter() - start
    assert built < 2.0, f"gazetteer took {built:.2f}s to build"  # it is built per ingest; ~0.01s on a quiet machine
    text = "青森県・弘前市・弘前大学が連携し、東京都中央区と横浜市で国立研究開発法人理化学研究所と実施する。"
    found = {(text[h.start : h.end], h.type) for h in gazetteer.find(text)}
    assert {("青森県", "Prefecture"), ("弘前大学", "University"), ("東京都中央区", "Municipality"), ("横浜市", "Municipality"),
            ("国立研究開発法人理化学研究所", "ResearchInstitute")} <= found  # fmt: skip


COMMON_WORDS = ["東大寺の大仏", "北京大学と南京大学", "千葉大会と大阪大会", "数理研究所の物理研究", "中央区役所と北区"]


@pytest.mark.parametrize("text", COMMON_WORDS)
def test_no_short_form_fires_inside_common_words(vocab: Vocabulary, text: str) -> None:
    """Short forms that are parts of other words (東大, 京大, 千葉大, 理研, 中央区 of another city) are not listed."""
    hits = [(text[h.start : h.end], h.type) for h in Gazetteer(vocab).find(text)]
    assert not [h for h in hits if h[1] not in ("Country", "Region")], hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大阪府立大学と横浜市立大学", []),  # a place that opens an organisation's name is left to that name
        ("青森県産業技術センターが", []),
        ("北海道科学大学と北海道大学", [("北海道大学", "University")]),
        ("青森県内の大学と横浜市", [("青森県", "Prefecture"), ("横浜市", "Municipality")]),
    ],
)
def test_a_place_opening_an_organisation_name_is_left_to_it(vocab: Vocabulary, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert [(text[h.start : h.end], h.type) for h in Gazetteer(vocab).find(text)] == expected


def test_asia_and_oceania_joined_is_one_region_and_other_pairs_stay_two(vocab: Vocabulary) -> None:
    text = "アジア・大洋州、アジア・オセアニア地域、欧州・北米"
    hits = [(text[h.start : h.end], h.iri.rsplit("/", 1)[-1]) for h in Gazetteer(vocab).find(text)]
    assert hits[:2] == [("アジア・大洋州", "asia-oceania"), ("アジア・オセアニア地域", "asia-oceania")]
    assert [s for s, _ in hits[2:]] == ["欧州", "北米"]  # a list of two regions


def test_international_bodies_and_foreign_funders_are_found_by_their_japanese_names(vocab: Vocabulary) -> None:
    text = "ユネスコ政府間海洋学委員会、国連環境計画、ノルウェー研究評議会、ビジネス・フィンランド及びCSIROと連携する。"
    found = {text[h.start : h.end]: h.type for h in Gazetteer(vocab).find(text)}
    assert found == {
        "ユネスコ政府間海洋学委員会": "Council",
        "国連環境計画": "Organization",
        "ノルウェー研究評議会": "Agency",
        "ビジネス・フィンランド": "Agency",
        "CSIRO": "ResearchInstitute",
    }


def test_a_one_word_ministry_at_the_tail_of_a_foreign_ministrys_name_is_not_found(vocab: Vocabulary) -> None:
    # 「エネルギー省」 is the U.S. Department of Energy's short name; at the tail of 「連邦経済エネルギー省」 it is part of
    # a ministry abroad, while written alone or after 米国 it is the U.S. one
    text = "ドイツ連邦経済エネルギー省と協力する。エネルギー省、米国エネルギー省と連携する。"
    hits = [text[h.start : h.end] for h in Gazetteer(vocab).find(text) if h.type == "Agency"]
    assert hits == ["エネルギー省", "米国エネルギー省"]
