"""The national layer: every pooling area answers, with its trust shown; the template's own
contradictions and gaps are reported at build time, never papered over."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from estimator_gui.core.estimator import Case, Estimator
from estimator_gui.core.loader import build
from estimator_gui.core.models import CareOption, Person

DAY = dt.date(2026, 11, 1)
ROOT = Path(__file__).resolve().parents[2]
PERSONS = (
    Person(scheme="employee", kind="employed", age=45),
    Person(scheme="resident", kind="adult", age=40),
)


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def test_every_pooling_area_of_the_template_is_a_region_and_curated_ones_keep_priority(est):
    regions = {r.id: r for r in est.regions()}
    template_files = list((ROOT / "db" / "sources" / "national").glob("*/*.json"))
    curated = [r for r in regions.values() if r.origin == "curated"]
    assert len(template_files) >= 340
    assert len(regions) >= len(template_files)  # every file, or its curated counterpart
    assert len(curated) >= 23
    # 合肥 has a curated file and a template file: the curated one is used, once
    hefei = [r for r in regions.values() if r.name_zh == "合肥市"]
    assert [(r.id, r.origin) for r in hefei] == [("hefei", "curated")]
    # two template cities share a file name with a curated region: both stay apart
    assert regions["suzhou"].name_zh == "苏州市" and regions["suzhou_anhui"].name_zh == "宿州市"


def test_every_region_answers_as_insured_place_and_the_template_says_it_is_unverified(est):
    failures, unlabelled = [], []
    for region in est.regions():
        for person in PERSONS:
            case = Case(
                insured_region=region.id,
                person=person,
                date=DAY,
                entries=est.bill_for("lap_appendectomy"),
            )
            options = [
                CareOption(treated_region=region.id, level="level3", date=DAY),
                CareOption(treated_region="shanghai", level="level3", filing="referral", date=DAY),
            ]
            for result in est.compare(case, options, with_choices=False).results:
                if result.estimate is None:
                    failures.append(f"{region.id} {person.scheme.value}: {result.error_en}")
                    continue
                labelled = any(w.code == "template_rules" for w in result.estimate.warnings) and any(
                    "未核实" in s.provenance.source.title
                    for s in result.estimate.steps
                    if s.provenance is not None
                )
                if (region.origin == "template") != labelled:
                    unlabelled.append(region.id)
    assert not failures, failures[:20]
    assert not unlabelled, sorted(set(unlabelled))[:20]


def test_every_provincial_capital_is_a_place_to_be_treated(est):
    capitals = ["石家庄市", "太原市", "呼和浩特市", "长春市", "哈尔滨市", "南京市", "杭州市", "合肥市",
                "福州市", "南昌市", "济南市", "郑州市", "武汉市", "长沙市", "广州市", "南宁市", "海口市",
                "成都市", "贵阳市", "昆明市", "拉萨市", "西安市", "兰州市", "西宁市", "银川市",
                "乌鲁木齐市", "沈阳市", "北京市", "上海市", "天津市", "重庆市"]
    by_name = {r.name_zh: r.id for r in est.regions()}
    missing = [c for c in capitals if c not in by_name]
    assert not missing
    case = Case(insured_region="fuyang", person=PERSONS[0], date=DAY,
                entries=est.bill_for("lap_appendectomy"))
    options = [CareOption(treated_region=by_name[c], level="level3", filing="referral", date=DAY)
               for c in capitals]
    results = est.compare(case, options, with_choices=False).results
    assert [r.option.treated_region for r in results if r.estimate is None] == []


def _fixture_with_city(tmp_path: Path, city: dict) -> Path:
    sources = shutil.copytree(ROOT / "tests" / "fixtures" / "sources", tmp_path / "sources")
    folder = sources / "national" / "testprov"
    folder.mkdir(parents=True)
    (folder / "testcity.json").write_text(json.dumps(city, ensure_ascii=False), encoding="utf-8")
    return sources


def _city(**changes) -> dict:
    tiers = {
        key: {"tierName": key, "deductible": d, "reimbursementRatio": r}
        for key, d, r in (("community", 100, 0.9), ("tier1", 200, 0.9), ("tier2", 400, 0.85),
                          ("tier3", 800, 0.8), ("tier3_top", 800, 0.8))
    }
    scheme = {
        "inpatient": {"sourceDocId": "d1", "annualCap": 300000, "tierBenefits": tiers},
        "catastrophic": {"sourceDocId": "d1", "name": "大病保险", "deductible": 15000,
                         "tiers": [{"minAmount": 15000, "ratio": 0.6}]},
        "remoteMedical": {"sourceDocId": "d1", "longTermFiledRatio": 1.0, "transferFiledRatio": 0.9,
                          "unfiledEmergencyRatio": 0.9, "unfiledNormalRatio": 0.7},
    }
    city = {
        "cityCode": "999901", "cityName": "测试城", "provinceName": "测试模板省",
        "hotline": "0999-12393",
        "sourceDocs": [{"docId": "d1", "title": "测试文件", "docNumber": "测〔2025〕1号",
                        "publishDate": "2025-01-01", "effectiveDate": "2025-01-01",
                        "summaryQuote": "住院起付线一级200元、二级400元、三级800元，支付比例90%、85%、80%，限额30万元。"}],
        "employee": json.loads(json.dumps(scheme)),
        "resident": json.loads(json.dumps(scheme)),
    }
    for path, value in changes.items():
        target = city
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return city


def test_a_value_that_contradicts_its_own_quote_is_a_build_finding(tmp_path):
    city = _city(**{"employee.inpatient.tierBenefits.tier3.deductible": 900})
    report = build(_fixture_with_city(tmp_path, city), tmp_path / "out.sqlite")
    found = [f.line() for f in report.findings if f.kind == "contradiction"]
    assert any("测试城" in line and "level3 deductible 900 is not in the quoted text" in line
               for line in found), found


def test_a_city_missing_a_required_value_is_reported_by_name_and_estimates_name_the_gap(tmp_path):
    city = _city(**{"resident.inpatient.tierBenefits.tier3": None})
    out = tmp_path / "out.sqlite"
    report = build(_fixture_with_city(tmp_path, city), out)
    missing = [f.line() for f in report.findings if f.kind == "missing"]
    assert any("测试城" in line and "tier3" in line for line in missing), missing
    est = Estimator.open(out)
    resident = Person(scheme="resident", kind="adult", age=40)
    case = Case(insured_region="testcity", person=resident, date=DAY,
                entries=est.bill_for("fx_appendectomy"))
    result = est.try_estimate(case, CareOption(treated_region="testcity", level="level3", date=DAY))
    assert result.estimate is None and "level3" in (result.error_field or "")
    result = est.try_estimate(case, CareOption(treated_region="testcity", level="level2", date=DAY))
    assert result.estimate is not None
