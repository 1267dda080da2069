"""Kinds of names the graph tells apart from bodies and programs (ingest/extract/divisions.py, plans.py): a
bureau is a division of its body, a basic plan or strategy is a plan, on invented text through the pipeline."""

from __future__ import annotations

from functools import lru_cache

from ingest.extract.divisions import is_division
from ingest.extract.plans import is_plan
from ingest.pipeline import Processed, process
from ingest.records import Document
from ingest.vocab import Vocabulary, load_vocabulary
from kg.iris import Iris
from kg.settings import load_settings


@lru_cache(maxsize=1)
def _vocab() -> tuple[Vocabulary, Iris]:
    settings = load_settings()
    iris = Iris(settings.base_iri)
    return load_vocabulary(settings.ontology_dir, iris), iris


def _process(text: str) -> Processed:
    vocab, iris = _vocab()
    return process(Document(source="t.txt", media_type="text/plain", text=text, content_hash="0" * 64), vocab, iris)


def test_a_bureau_is_a_division_of_its_body_and_a_foreign_agency_is_a_body() -> None:
    text = "文部科学省 研究振興局\n\n研究振興局は、海洋研究推進本部と協力して観測を行う。\n"
    p = _process(text)
    kinds = {e.labels.get("ja"): e.extra_types for e in p.extraction.entities.values() if e.type == "Organization"}
    assert kinds.get("研究振興局") == ["OrganizationalUnit"]
    assert kinds.get("海洋研究推進本部") == []  # a headquarters is a body
    assert not is_division("ケニア気象局") and is_division("科学技術振興機構 国際部") and not is_division("理学部")
    assert not is_division("九州経済産業局") and not is_division("関東農政局")  # a ministry's regional bureau


def test_plans_and_strategies_are_plans_and_projects_are_programs() -> None:
    assert is_plan("第7期科学技術・イノベーション基本計画") and is_plan("海洋観測イノベーション戦略")
    assert not is_plan("東北メディカル・メガバンク計画") and not is_plan("海洋観測基盤強化事業")
    text = "政府は「海洋観測イノベーション戦略」を策定し、「海洋観測基盤強化事業」を開始した。\n"
    p = _process(text)
    kinds = {e.labels.get("ja"): e.extra_types for e in p.extraction.entities.values() if e.type == "Program"}
    assert kinds == {"海洋観測イノベーション戦略": ["Plan"], "海洋観測基盤強化事業": []}


def test_a_breadcrumb_and_a_quoted_pair_make_the_second_program_a_part_of_the_first() -> None:
    text = (
        "ホーム ＞ 事業紹介 ＞ 海洋研究推進事業 ＞ 海洋観測加速プログラム\n\n"
        "文部科学省は、「深海研究拠点形成事業 海外深海連携プログラム」を令和6年度より実施している。\n"
    )
    p = _process(text)
    names = {iri: e.labels.get("ja") for iri, e in p.extraction.entities.items()}
    parts = {(names.get(f.subject), names.get(f.obj)) for f in p.extraction.facts if f.predicate.endswith("subProgramOf")}
    assert {("海洋観測加速プログラム", "海洋研究推進事業"), ("海外深海連携プログラム", "深海研究拠点形成事業")} <= parts


def test_a_listed_research_project_is_a_research_project() -> None:
    text = "採択課題\n・東北工業研究機構 × バンドン工科大学\n　「浮標網による高潮予測の高度化」\n"
    p = _process(text)
    kinds = {e.labels.get("ja"): e.extra_types for e in p.extraction.entities.values() if e.type == "Program"}
    assert kinds == {"浮標網による高潮予測の高度化": ["ResearchProject"]}


def test_a_strategy_named_with_its_year_is_a_plan() -> None:
    assert is_plan("統合イノベーション戦略2025") and is_plan("海洋開発ビジョン 2040")
    assert not is_plan("国際共同研究プログラム2025")


def test_a_curated_foreign_body_keeps_the_country_it_is_named_with_but_that_country_attends_nothing() -> None:
    text = (
        "○JSTが、ノルウェー研究評議会と共同で、北洋海洋観測共同研究を公募する。\n"
        "2027年3月、北洋シンポジウムを開催し、米国国務省の担当官が登壇した。\n"
    )
    ex = _process(text).extraction
    _, iris = _vocab()
    surfaces = {(m.surface, m.type) for m in ex.mentions}
    assert {("ノルウェー研究評議会", "Agency"), ("ノルウェー", "Country"), ("米国国務省", "Agency")} <= surfaces
    us = iris.entity("Country", "US")
    assert not [f for f in ex.facts if f.predicate == str(iris.ont.participant) and f.obj == us]


def test_a_named_hub_is_a_project_of_the_program_that_forms_hubs_else_a_body() -> None:
    under_program = (
        "文部科学省は、令和6年度から「北海岸イノベーション拠点形成事業」を実施している。\n"
        "令和7年度には、北浜大学による「潮風スマート養殖拠点」など3拠点を採択した。"
        "各拠点には、最長8年間にわたり年間最大3億円を支援する。\n"
    )
    p = _process(under_program)
    kinds = {e.labels.get("ja"): e.type for e in p.extraction.entities.values()}
    assert kinds.get("潮風スマート養殖拠点") == "Program"
    (award,) = [b for b in p.extraction.budgets if b.stated_as == "3億円"]
    assert p.extraction.entities[award.subject].labels["ja"] == "北海岸イノベーション拠点形成事業"  # the scheme's, no hub's
    opened = "北浜大学と海辺市は、「潮風スマート養殖拠点」を港湾地区に開設した。\n"
    kinds = {e.labels.get("ja"): e.type for e in _process(opened).extraction.entities.values()}
    assert kinds.get("潮風スマート養殖拠点") == "Organization"  # no program forms it: a body with a site
