"""Treatment packages: what each typical bill holds, and how it compares with the published figures it names.

Every package states the hospital levels where it is done, what its bill includes and leaves out, and at least
one published figure (calibration) with its source. For each figure the typical bill is priced where and when the
figure applies (the entry's region, level and date: the price and catalogue editions of that date) and must lie
within [low × (1 − tolerance), high × (1 + tolerance)] — unless the entry explains the gap (gap_zh/gap_en), which
the app shows next to the total. The figures, tolerances and reasons are in db/sources/treatments/*.yaml with their
sources (db/sources/sources-treatments.yaml); nothing here is taken from running the program.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from estimator_gui.core import yamlio
from estimator_gui.core.estimator import BillEntry, Estimator

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(os.environ.get("ESTIMATOR_TEST_SOURCES", ROOT / "db" / "sources"))
RULES_ON = dt.date(
    2026, 11, 1
)  # a date every region has rules for; prices come from the entry's own date


def _packages() -> list[dict]:
    return [yamlio.load(p) for p in sorted((SOURCES / "treatments").glob("*.yaml"))]


PACKAGES = _packages()
CALIBRATIONS = [(p["id"], i, c) for p in PACKAGES for i, c in enumerate(p.get("calibration") or [])]


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def typical_total(est: Estimator, treatment: str, region: str, level: str, on: dt.date) -> D:
    rules = est.rules(region, RULES_ON)
    lines = est.price_lines(est.bill_for(treatment), rules, rules, level, on)
    return sum((line.quantity * line.unit_price for line in lines), D(0))


def test_every_package_states_levels_completeness_and_a_published_figure():
    missing = []
    for p in PACKAGES:
        for key in ("levels", "completeness_zh", "completeness_en", "calibration"):
            if not p.get(key):
                missing.append(f"{p['id']}: {key}")
        for c in p.get("calibration") or []:
            if not ((c.get("why_zh") and c.get("why_en")) or (c.get("gap_zh") and c.get("gap_en"))):
                missing.append(
                    f"{p['id']}: calibration {c.get('source')} says neither why nor the gap"
                )
    assert not missing, "\n".join(missing)


def test_the_database_keeps_levels_completeness_and_calibration(est):
    for t in est.treatments():
        assert t.levels and t.completeness_zh and t.completeness_en and t.calibration, t.id


def test_treatments_done_only_in_tertiary_hospitals_say_so(est):
    # Clinical judgement: these operations need a cardiac-surgery, hybrid-theatre or robot programme.
    for tid in ("tavr", "cabg", "vad_implant", "dbs_implant", "robot_prostatectomy"):
        assert est.catalog.treatment(tid).levels == ["level3"], tid
    assert "level2" in est.catalog.treatment("lap_appendectomy").levels


@pytest.mark.parametrize(
    ("treatment", "index", "entry"),
    CALIBRATIONS,
    ids=[f"{t}-{i}-{c['source']}" for t, i, c in CALIBRATIONS],
)
def test_typical_total_is_near_its_published_figure_or_the_gap_is_explained(
    est, treatment, index, entry
):
    on = dt.date.fromisoformat(str(entry["date"]))
    total = typical_total(est, treatment, entry["region"], entry["level"], on)
    low, high, tol = (D(str(entry[k])) for k in ("low", "high", "tolerance"))
    inside = low * (1 - tol) <= total <= high * (1 + tol)
    if entry.get("gap_zh"):
        assert total > 0  # the gap is explained and shown next to the total; nothing more to check
        return
    assert inside, (
        f"{treatment} at {entry['region']}/{entry['level']} on {on}: typical total {total:,.0f} is outside "
        f"{low:,.0f}–{high:,.0f} ± {tol:.0%} ({entry['source']})"
    )


# --- the packages the issue named: no longer far below their published totals -------------------


def test_tavr_valve_follows_the_2026_price_governance(est):
    # cons-suzhou-2023: a domestic TAVI valve set 210,000; cons-tavr-governance-2026: most products
    # 130,000–160,000 from 2026-01-16 (the middle, 145,000, is the estimate used).
    rules = est.rules("shanghai", RULES_ON)

    def valve(on: dt.date) -> D:
        lines = est.price_lines(est.bill_for("tavr"), rules, rules, "level3", on)
        return next(line.unit_price for line in lines if line.item.code == "LOCAL-TAVR-D")

    assert valve(dt.date(2026, 1, 15)) == D("210000")
    assert D("130000") <= valve(dt.date(2026, 1, 16)) <= D("160000")


@pytest.mark.parametrize(
    ("code", "before", "after", "day"),
    [
        # cons-stent-prevbp-2024 (Xinhua 2024-03-12): about 13,000 before, imported nearly 20,000;
        # cons-vbp-stent-2020: about 700 after, used from 2021-01.
        ("C020202001-DESVBPD", "13000", "700", dt.date(2021, 1, 1)),
        ("C020202001-DESVBPI", "20000", "700", dt.date(2021, 1, 1)),
        # cons-vbp-joint-2021: hip 35,000 → about 7,000, knee 32,000 → about 5,000 (from about 2022-04).
        ("C034201107-HIPD", "35000", "7000", dt.date(2022, 4, 1)),
        ("C034401107-KNEED", "32000", "5000", dt.date(2022, 4, 1)),
        # cons-vbp-spine-2023: thoracolumbar posterior fixation 33,000 → about 4,500 (by 2023-05).
        ("C032901097-TLPF", "33000", "4500", dt.date(2023, 5, 1)),
        # cons-vad-2021-sichuan: about 1,000,000; cons-vad-nhsa: 499,000 from the 2025-03-07 guideline.
        ("LOCAL-VAD", "1000000", "499000", dt.date(2025, 3, 7)),
    ],
)
def test_device_prices_change_on_the_day_of_the_purchasing_or_pricing_action(
    est, code, before, after, day
):
    rules = est.rules("suzhou", RULES_ON)

    def price(on: dt.date) -> D:
        return est.price_lines([BillEntry(code=code, quantity=1)], rules, rules, "level3", on)[
            0
        ].unit_price

    assert price(day - dt.timedelta(days=1)) == D(before)
    assert price(day) == D(after)


def test_robot_use_charge_is_its_own_line_at_the_shanghai_figure(est):
    # cons-sh-davinci / svc-sh-davinci: about 18,000 maintenance and amortisation per da Vinci operation in
    # Shanghai, besides 25,900 of instruments.
    rules = est.rules("shanghai", RULES_ON)
    lines = est.price_lines(est.bill_for("robot_prostatectomy"), rules, rules, "level3", RULES_ON)
    prices = {line.item.code: line.unit_price for line in lines}
    assert prices["SVC-ROBOT-ASSIST"] == D("18000")
    assert prices["LOCAL-ROBOT-DV"] == D("25900")


def test_packages_the_issue_named_are_checked_against_their_published_totals():
    named = {
        "cabg",
        "tavr",
        "vad_implant",
        "robot_prostatectomy",
        "total_knee_replacement",
        "total_hip_replacement",
        "pci_stent",
        "pacemaker_implant",
        "icd_implant",
        "lumbar_disc_decompression",
    }
    by_id = {p["id"]: p for p in PACKAGES}
    assert named <= set(by_id)
    for tid in named:
        assert by_id[tid]["calibration"], tid
    # these four reach their figures within the stated tolerance (no gap text)
    for tid in ("tavr", "vad_implant", "robot_prostatectomy", "pci_stent"):
        assert any(not c.get("gap_zh") for c in by_id[tid]["calibration"]), tid


# The issue also names CABG and the joint replacements: each must reach at least one published figure within its
# tolerance (an entry without a gap text, so the range check above applies). Hip replacement does (the Xinhua case,
# tx-x-tha-xinhua). CABG and knee replacement do not yet: their theatre consumables (bypass circuit, oxygenator,
# cannulae, cardioplegia sets, sutures, haemostats, sternal wires; bone cement, lavage, saw blades) have no price in
# any source searched (2026-12, see the packages' gap texts). Marked strict: the day they reach a figure and lose
# the gap text, this test passes and the mark must go.
_MISSING_CONSUMABLE_PRICES = (
    "theatre consumables (CPB circuit/oxygenator/sutures; bone cement/lavage) have no sourced price yet"
)


@pytest.mark.parametrize(
    "treatment",
    [
        pytest.param(
            "cabg", marks=pytest.mark.xfail(strict=True, reason=_MISSING_CONSUMABLE_PRICES)
        ),
        pytest.param(
            "total_knee_replacement",
            marks=pytest.mark.xfail(strict=True, reason=_MISSING_CONSUMABLE_PRICES),
        ),
        "total_hip_replacement",
    ],
)
def test_cabg_and_joint_replacements_reach_a_published_figure_without_a_gap_text(treatment):
    by_id = {p["id"]: p for p in PACKAGES}
    assert any(not c.get("gap_zh") for c in by_id[treatment]["calibration"]), treatment


@pytest.mark.parametrize(
    ("treatment", "region", "code", "price"),
    [
        # 成都市医疗服务项目价格汇编（2024版）, 三甲 column: 体外循环 1,400 per 2 hours (p. 594); 持续有创性血压监测 18 an
        # hour (p. 474).
        ("cabg", "chengdu", "003301000170000", "1400"),
        ("cabg", "chengdu", "003107020020000", "18"),
        # 江苏省医疗服务价格（2024-05）, 三类: 麻醉中监测 80 an hour (a Jiangsu code: Chengdu's book has no line
        # for it, so the stand-in prices it).
        ("cabg", "chengdu", "JS330100015", "80"),
        # 成都 2024 book, 三甲: 血栓弹力图试验（TEG）290 (a page the completed book recovered; Jiangsu's is 300).
        ("cabg", "chengdu", "002502030800000", "290"),
        ("cabg", "suzhou", "002502030800000", "300"),
        # Hainan listing prices (cons-hainan-hanging-2024): wound protector 450 a set; Teleflex ligation clips 278 a
        # pack of six.
        ("vats_lobectomy", "suzhou", "C14020226400011000130000036", "450"),
        ("vats_lobectomy", "suzhou", "C11010817600002084550000020", "278"),
    ],
)
def test_lines_added_to_close_the_gaps_carry_the_prices_of_their_sources(
    est, treatment, region, code, price
):
    rules = est.rules(region, RULES_ON)
    lines = est.price_lines(est.bill_for(treatment), rules, rules, "level3", RULES_ON)
    prices = {line.item.code: line.unit_price for line in lines}
    assert prices[code] == D(price), (treatment, code)


def test_cabg_bills_one_two_hour_unit_of_bypass():
    # tx-cpb-fuwai-2011: bypass under 120 minutes in more than 70 % of Fuwai's patients; 体外循环 is priced per 2 hours.
    by_id = {p["id"]: p for p in PACKAGES}
    qty = {ln["code"]: ln.get("qty") for ln in by_id["cabg"]["lines"]}
    assert qty["003301000170000"]["typical"] == 1
    assert qty["003301000170001"]["typical"] == 0


def test_special_outpatient_packages_use_their_own_settings():
    by_id = {p["id"]: p for p in PACKAGES}
    assert by_id["haemodialysis_month"]["setting"] == "special_dialysis"
    assert by_id["imrt_course"]["setting"] == "special_cancer"
    assert by_id["breast_cancer_trastuzumab_cycle"]["setting"] == "special_cancer"
    assert by_id["anti_rejection_month"]["setting"] == "special_transplant"
    for tid in (
        "haemodialysis_month",
        "imrt_course",
        "breast_cancer_trastuzumab_cycle",
        "anti_rejection_month",
    ):
        assert by_id[tid]["stay_days"]["typical"] == 0, tid


def test_birth_packages_say_plainly_that_maternity_insurance_is_not_modelled():
    by_id = {p["id"]: p for p in PACKAGES}
    for tid in ("caesarean_section", "vaginal_delivery"):
        assert "生育保险" in by_id[tid]["completeness_zh"], tid
        assert "maternity insurance" in by_id[tid]["completeness_en"], tid
