"""The engine's structure and its newer rule shapes. Expected figures are worked out by hand in
comments from the rules each test states."""

from __future__ import annotations

import inspect
from decimal import Decimal as D
from typing import Literal

import pytest

from estimator_gui.core.engine import adjustments as adj
from estimator_gui.core.engine import estimate, settle_given, year_to_date_after
from estimator_gui.core.engine.text import STEPS, WARNINGS
from estimator_gui.core.models import LayerKind, Model, Setting, YearToDate

from .rulekit import EMPLOYED, RESIDENT, away, benefit, home, line, region, rules


def test_every_kind_of_care_elsewhere_adjustment_has_a_handler():
    assert set(adj.KINDS) <= set(adj.HANDLERS)
    adj.check_handled(adj.KINDS)  # does not raise


def test_a_planted_kind_without_a_handler_fails_the_check():
    class Planted(Model):
        kind: Literal["planted"]

    with pytest.raises(TypeError, match="Planted"):
        adj.check_handled([*adj.KINDS, Planted])


def _sample(parameter: inspect.Parameter) -> object:
    if parameter.name == "basis":
        return "fund"
    annotation = str(parameter.annotation)
    if "list" in annotation:
        return [] if "tuple" in annotation else ["x"]
    if "Decimal" in annotation:
        return D("1")
    if "int" in annotation:
        return 2
    if "bool" in annotation:
        return True
    return "x" if "None" not in annotation else None


@pytest.mark.parametrize("table", [STEPS, WARNINGS], ids=["steps", "warnings"])
def test_every_text_renders_in_both_languages(table):
    for key, render in table.items():
        values = {p.name: _sample(p) for p in inspect.signature(render).parameters.values()}
        zh, en = render(**values)
        assert zh and en and zh != en, key


def test_a_later_stay_deductible_derived_by_a_multiplier_keeps_its_minimum():
    # 3rd stay: 300 × 0.375 = 112.50, below the minimum 150 → 150
    later = [{"from_admission": 2, "multiplier": "0.75"},
             {"from_admission": 3, "multiplier": "0.375", "min": 150}]
    raw = region(employed=benefit({"level1": 300, "level3": 500}, later=later))
    e = estimate(rules(raw), rules(raw), EMPLOYED, home("level1"), [line(10000, "甲")],
                 YearToDate(admissions=2))
    assert (e.deductible_standard, e.deductible_paid) == (D(150), D(150))


def test_a_care_elsewhere_deductible_multiple_keeps_its_bounds():
    # home deductible 1,000 × 3 = 3,000, above the maximum 2,500 → 2,500
    rule = {"scopes": ["out_of_province"], "filings": ["referral"], "routes": ["direct"],
            "catalogue": "treated", "shares_from": "insured", "merge_accumulators": True,
            "adjustments": [{"kind": "deductible_override", "multiplier": 3, "max": 2500}]}
    raw = region(elsewhere=[rule])
    treated = rules(region("away", "乙省"))
    e = estimate(rules(raw), treated, EMPLOYED, away("away", "referral"), [line(10000, "甲")])
    assert e.deductible_standard == D(2500)


def test_a_class_paid_at_its_own_ratio_after_its_share():
    # imported implant 50,000: 50% first (25,000), the rest paid in full (ratio 1);
    # a 甲 line of 10,000 pays the deductible 1,000 and 80% of 9,000 = 7,200; fund 32,200
    shares = [{"kinds": ["consumable"], "classes": ["乙"], "origin": "imported", "share": "0.5",
               "ratio": 1},
              {"kinds": ["drug", "service", "consumable"], "classes": ["甲"], "share": 0},
              {"kinds": ["drug", "service", "consumable"], "classes": ["乙"], "share": "0.1"}]
    raw = region(shares=shares)
    implant = line(50000, "乙", kind="consumable", code="IMPLANT", origin="imported")
    e = estimate(rules(raw), rules(raw), EMPLOYED, home(), [implant, line(10000, "甲")])
    assert (e.preselfpay, e.deductible_paid, e.fund_basic) == (D(25000), D(1000), D(32200))


def test_two_layers_of_one_kind_each_pay_on_what_the_one_before_left():
    # in-policy burden after basic: a 20,000 bill, deductible 0, basic ratio 0 → 20,000;
    # layer A: above 10,000 at 50% = 5,000; layer B: on the 15,000 left, 40% = 6,000
    layers = [
        {"kind": "critical_illness", "name_zh": "大病保险", "name_en": "A", "base": "personal_burden",
         "include_preselfpay": False, "deductible": 10000, "band_basis": "absolute",
         "bands": [{"upto": None, "ratio": "0.5"}], "cap": None},
        {"kind": "critical_illness", "name_zh": "补充大病", "name_en": "B", "base": "personal_burden",
         "include_preselfpay": False, "deductible": 0, "band_basis": "absolute",
         "bands": [{"upto": None, "ratio": "0.4"}], "cap": None},
    ]
    raw = region(resident=benefit(0, [{"upto": None, "ratio": "0"}], layers=layers))
    e = estimate(rules(raw), rules(raw), RESIDENT, home(), [line(20000, "甲")])
    assert [p.amount for p in e.layers] == [D(5000), D(6000)]
    assert e.layer_amount(LayerKind.CRITICAL_ILLNESS) == D(11000)


def test_a_case_that_starts_after_the_basic_fund_settles_only_the_layers():
    # given: the basic fund paid 30,000 and left 50,000 of burden; 大病 above 15,000 at 60% = 21,000
    layers = [{"kind": "critical_illness", "name_zh": "大病保险", "name_en": "ci",
               "base": "personal_burden", "include_preselfpay": False, "deductible": 15000,
               "band_basis": "absolute", "bands": [{"upto": None, "ratio": "0.6"}], "cap": None}]
    raw = region(resident=benefit(layers=layers))
    e = settle_given(rules(raw), RESIDENT, home(), D(30000), D(50000))
    assert (e.total, e.fund_basic, e.layer_amount(LayerKind.CRITICAL_ILLNESS)) == (
        D(80000), D(30000), D(21000))
    assert e.patient_burden == D(29000)  # 80,000 − 30,000 − 21,000


def test_the_years_amounts_carry_from_one_stay_to_the_next():
    # stay 1: 10,000, deductible 1,000, 80% of 9,000 = 7,200; stay 2 (2nd admission, per-year
    # deductible already met): 80% of 10,000 = 8,000
    raw = region(employed=benefit(1000, basis="per_year"))
    first = estimate(rules(raw), rules(raw), EMPLOYED, home(), [line(10000, "甲")])
    ytd = year_to_date_after(YearToDate(), first, Setting.INPATIENT)
    assert (ytd.admissions, ytd.deductible_paid, ytd.eligible_amount, ytd.fund_paid) == (
        1, D(1000), D(10000), D(7200))
    second = estimate(rules(raw), rules(raw), EMPLOYED, home(), [line(10000, "甲")], ytd)
    assert (second.deductible_paid, second.fund_basic) == (D(0), D(8000))
