"""The bundled reference data: complete, cited, sane, and able to price every treatment everywhere.

Each test names what is missing, so a failure is a to-do list for the data author (db/README.md).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from decimal import Decimal as D
from pathlib import Path

import pytest

from estimator_gui.core import yamlio
from estimator_gui.core.engine import EstimateError, benefit_for, care_elsewhere, share_rule_for
from estimator_gui.core.estimator import BillEntry, Case, Estimator
from estimator_gui.core.models import (
    BillLine,
    CareOption,
    CatalogTerms,
    Filing,
    Item,
    ItemKind,
    LayerKind,
    Person,
    RegionInfo,
    Route,
    Scope,
    Setting,
)

TODAY = dt.date(2026, 11, 1)
EXAMPLES = Path(__file__).parent / "region_examples.yaml"
PERSONS = {
    "employed": Person(scheme="employee", kind="employed", age=45),
    "retired": Person(scheme="employee", kind="retired", age=66),
    "adult": Person(scheme="resident", kind="adult", age=40),
    "elderly": Person(scheme="resident", kind="elderly", age=72),
    "child": Person(scheme="resident", kind="child", age=8),
}


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


@pytest.fixture(scope="module")
def region_ids(est) -> list[str]:
    return [r.id for r in est.regions()]


def test_at_least_twelve_regions_including_the_required_ones(region_ids):
    required = {"shanghai", "beijing", "hangzhou", "suzhou", "wuhan", "guangzhou", "chengdu"}
    assert required <= set(region_ids), sorted(required - set(region_ids))
    assert len(region_ids) >= 12


def test_at_least_two_county_level_areas(est):
    counties = [r.id for r in est.regions() if r.kind == "county"]
    assert len(counties) >= 2, counties


def test_every_region_has_inpatient_rules_for_every_person_today(est, region_ids):
    missing = []
    for rid in region_ids:
        rules = est.rules(rid, TODAY)
        for name, person in PERSONS.items():
            try:
                benefit_for(rules, person, Setting.INPATIENT.value)
            except EstimateError as exc:
                missing.append(f"{rid}/{name}: {exc.text_en}")
    assert not missing, "\n".join(missing)


def test_every_region_has_a_rule_for_every_kind_of_care_elsewhere(est, region_ids):
    """Every scope, filing and route is settled by some rule; an unfiled patient in another
    province settles directly only by filing before discharge (the temporary rule)."""
    missing = []
    somewhere = RegionInfo(
        id="x", name_zh="x", name_en="x", province="x", province_en="x", kind="prefecture",
        catalogs={}, price_lists=[],
    )
    for rid in region_ids:
        rules = est.rules(rid, TODAY)
        for person in (PERSONS["employed"], PERSONS["adult"]):
            for scope in (Scope.IN_PROVINCE, Scope.OUT_OF_PROVINCE):
                for filing in Filing:
                    for route in Route:
                        option = CareOption(
                            treated_region="x",
                            level="level3",
                            filing=filing,
                            route=route,
                            date=TODAY,
                        )
                        try:
                            care_elsewhere(rules, scope, option, person, somewhere)
                        except EstimateError:
                            missing.append(
                                f"{rid}: {person.scheme.value} {scope.value} {filing.value} {route.value}"
                            )
    assert not missing, "\n".join(missing[:40])


def test_no_region_settles_an_unfiled_patient_directly_in_another_province_without_filing(
    est, region_ids
):
    """医保发〔2022〕22号: unfiled across provinces means filing before discharge or a manual
    claim; only a filing-free arrangement settles it directly."""
    wrong = []
    for rid in region_ids:
        for i, rule in enumerate(est.rules(rid, TODAY).elsewhere):
            if (
                Scope.OUT_OF_PROVINCE in rule.scopes
                and Filing.UNFILED in rule.filings
                and Route.DIRECT in rule.routes
                and not rule.filing_free
            ):
                wrong.append(f"{rid}: elsewhere[{i}]")
    assert not wrong, wrong


def test_every_region_states_a_share_for_class_yi_items_of_every_kind(est, region_ids):
    missing = []
    for rid in region_ids:
        rules = est.rules(rid, TODAY)
        for kind in ItemKind:
            terms = CatalogTerms(catalogue="c", covered=True, item_class="乙")
            line = BillLine(
                item=Item(code="x", kind=kind, name_zh="x"),
                quantity=D(1),
                unit_price=D(100),
                terms=terms,
            )
            if share_rule_for(rules.item_shares, line, terms) is None:
                missing.append(f"{rid}: {kind.value}")
    assert not missing, missing


def test_ratios_bands_and_dates_are_sane(est, region_ids):
    problems = []
    for rid in region_ids:
        rules = est.rules(rid, TODAY)
        for scheme, sr in rules.schemes.items():
            for key, person in sr.persons.items():
                for setting, b in person.settings.items():
                    where = f"{rid}/{scheme.value}/{key}/{setting.value}"
                    for level, bands in b.ratios.bands.items():
                        if any(band.ratio < D("0.3") for band in bands):
                            problems.append(f"{where}: a {level} ratio below 30%")
                    if any(v > 5000 for v in b.deductible.amount.values()):
                        problems.append(f"{where}: deductible above 5,000")
                    above_cap = any(layer.base == "over_cap" for layer in b.layers)
                    if (
                        setting is Setting.INPATIENT
                        and b.cap.amount is not None
                        and b.cap.amount < 50000
                        and not above_cap
                    ):
                        problems.append(f"{where}: cap below 50,000 and no layer above it")
        region = est.catalog.region(rid)
        assert region is not None
        if region.newest_from > TODAY:
            problems.append(f"{rid}: a value starts in the future ({region.newest_from})")
    assert not problems, "\n".join(problems)


def test_every_catalogue_row_and_price_names_an_existing_source(bundled_db):
    conn = sqlite3.connect(bundled_db)
    orphans = (
        conn.execute(
            "SELECT count(*) FROM catalog_entries WHERE source_id NOT IN (SELECT id FROM sources)"
        ).fetchone()[0]
        + conn.execute(
            "SELECT count(*) FROM prices WHERE source_id NOT IN (SELECT id FROM sources)"
        ).fetchone()[0]
    )
    unlocatable = conn.execute(
        "SELECT id FROM sources WHERE coalesce(url, '') = '' AND coalesce(document, '') = ''"
    ).fetchall()
    unexplained = conn.execute(
        "SELECT count(*) FROM prices p JOIN sources s ON s.id = p.source_id "
        "WHERE s.tier = 'estimate' AND coalesce(p.method, '') = ''"
    ).fetchone()[0]
    assert (orphans, unlocatable, unexplained) == (0, [], 0)


def test_drug_counts_match_the_published_totals_of_the_2024_catalogue(bundled_db):
    numbers: dict[str, set[str]] = defaultdict(set)
    conn = sqlite3.connect(bundled_db)
    for (aliases,) in conn.execute("SELECT aliases FROM items WHERE kind = 'drug'"):
        for alias in (aliases or "").split("|"):
            m = re.fullmatch(r"(西药|中成药|谈判西药|谈判中成药|竞价)(\d+)", alias)
            if m:
                numbers[m.group(1)].add(m.group(2))
    xiyao = len(numbers["西药"]) + len(numbers["谈判西药"]) + len(numbers["竞价"])
    zhongchengyao = len(numbers["中成药"]) + len(numbers["谈判中成药"])
    assert (xiyao, zhongchengyao) == (1765, 1394)


def test_at_least_100_consumables_including_the_high_value_ones(bundled_db):
    conn = sqlite3.connect(bundled_db)
    names = [n for (n,) in conn.execute("SELECT name_zh FROM items WHERE kind = 'consumable'")]
    assert len(names) >= 100
    for needle in ("瓣", "支架", "起搏器", "关节", "心室辅助", "晶状体"):
        assert any(needle in n for n in names), needle


def test_at_least_25_treatments_with_low_typical_high(est):
    treatments = est.treatments()
    assert len(treatments) >= 25
    for t in treatments:
        assert t.stay_days["low"] <= t.stay_days["typical"] <= t.stay_days["high"], t.id


def test_every_treatment_item_is_in_every_regions_catalogue(est, region_ids):
    missing = []
    for t in est.treatments():
        for rid in region_ids:
            for line in t.lines:
                item = est.catalog.item(line.code)
                assert item is not None
                if not est.terms(rid, line.code, TODAY).covered:
                    missing.append(f"{t.id} @ {rid}: {line.code} {item.name_zh}")
    assert not missing, f"{len(missing)} missing, e.g.\n" + "\n".join(missing[:40])


def test_every_treatment_can_be_priced_and_estimated_in_every_region(est, region_ids):
    failures = []
    for t in est.treatments():
        for rid in region_ids:
            case = Case(
                insured_region=rid,
                person=PERSONS["employed"],
                date=TODAY,
                entries=est.bill_for(t.id),
                setting=t.setting,
            )
            result = est.try_estimate(
                case, CareOption(treated_region=rid, level="level3", date=TODAY)
            )
            if result.estimate is None:
                failures.append(f"{t.id} @ {rid}: {result.error_en}")
    assert not failures, f"{len(failures)} failures, e.g.\n" + "\n".join(failures[:40])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("阿莫西林", "阿莫西林"),
        ("amxl", "阿莫西林"),
        ("曲妥珠单抗", "曲妥珠单抗"),
        ("阑尾切除", "阑尾切除术"),
        ("001201000030000", "Ⅰ级护理"),
        ("心脏", "心"),
        ("TAVI", "经导管主动脉瓣"),
        ("jzbtn", "颈椎病推拿治疗"),  # polyphone: 椎 read zhui (pypinyin alone says chui)
        ("zjpzy", "椎间盘造影"),
        ("赫赛汀", "曲妥珠单抗"),  # brand names (aliases.csv)
        ("波立维", "氯吡格雷"),
        ("诺欣妥", "沙库巴曲缬沙坦"),
    ],
)
def test_search_finds_catalogue_entries_by_name_initials_and_code(est, query, expected):
    names = [h.name for h in est.search(query, 50)]
    assert any(expected in n for n in names), names[:10]


def test_every_item_is_findable_by_its_code_and_by_its_name(bundled_db, est):
    conn = sqlite3.connect(bundled_db)
    rows = conn.execute("SELECT code, name_zh FROM items ORDER BY code").fetchall()
    sample = rows[:: max(1, len(rows) // 400)]
    lost = []
    for code, name in sample:
        by_code = {h.ref for h in est.catalog.search(code, 50)}
        by_name = {h.ref for h in est.catalog.search(name, 200)}
        if code not in by_code or code not in by_name:
            lost.append(f"{code} {name}")
    assert not lost, lost[:20]


# --- each region reproduces a published figure ------------------------------------------------

# region_examples.yaml, plus one file per region under region_examples/ (each a list of cases)
CASES = [
    *yamlio.load(EXAMPLES),
    *(case for f in sorted(EXAMPLES.with_suffix("").glob("*.yaml")) for case in yamlio.load(f)),
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_each_region_reproduces_a_published_figure(est, case):
    date = case["date"]
    entries = [BillEntry(code=case["item"], quantity=D(1), unit_price=D(str(case["unit_price"])))]
    c = Case(
        insured_region=case["insured_region"],
        person=Person(**case["person"]),
        date=date,
        entries=entries,
        setting=case.get("setting", "inpatient"),
        year_to_date=case.get("year_to_date", {}),
    )
    e = est.estimate(c, CareOption(date=date, setting=c.setting, **case["option"]))
    for key, wanted in case["expect"].items():
        got = (
            e.layer_amount(LayerKind(key))
            if key in {k.value for k in LayerKind}
            else getattr(e, key)
        )
        assert got == D(str(wanted)), (
            f"{key}: estimated {got}, published/hand {wanted} ({case['source']})"
        )


def test_every_curated_region_has_a_published_figure_to_reproduce(est):
    """Curated regions reproduce a figure; the national template's cities are labelled unverified
    instead (tests/data/test_national_layer.py)."""
    curated = {r.id for r in est.regions() if r.origin == "curated"}
    covered = {c["insured_region"] for c in CASES}
    assert curated <= covered, sorted(curated - covered)
