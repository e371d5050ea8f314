"""The payment engine, one behaviour per test. Expected figures are worked out by hand in comments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from estimator_gui.core.engine import EstimateError, estimate
from estimator_gui.core.models import LayerKind, Person, Scope, YearToDate

from .rulekit import EMPLOYED, RESIDENT, away, benefit, home, line, region, rules


def run(raw, lines, ytd=None, option=None, person=EMPLOYED, treated_raw=None):
    insured = rules(raw)
    treated = rules(treated_raw) if treated_raw else insured
    return estimate(insured, treated, person, option or home(), lines, ytd)


# --- the split ------------------------------------------------------------------------------


def test_a_jia_line_is_wholly_eligible():
    e = run(region(), [line(5000, "甲")])
    assert (e.fulamt_ownpay, e.overlmt_selfpay, e.preselfpay, e.inscp) == (0, 0, 0, D(5000))


def test_a_yi_line_pays_its_share_first():
    # 乙类 2,000 × 10% = 200 paid first; 1,800 eligible
    e = run(region(), [line(2000, "乙")])
    assert (e.preselfpay, e.inscp) == (D(200), D(1800))


def test_a_bing_line_and_an_uncovered_line_are_fully_self_paid():
    e = run(region(), [line(300, "丙", code="A"), line(700, None, code="B")])
    assert e.fulamt_ownpay == D(1000)
    assert e.fund_total == 0 and e.patient_burden == D(1000)
    assert any(w.code == "not_covered" for w in e.warnings)


def test_the_part_above_a_unit_payment_cap_is_self_paid_and_the_share_applies_to_the_capped_amount():
    # 2 pacemakers at 40,000 with a 25,000 cap: 30,000 above the cap; 50,000 × 10% = 5,000 first
    e = run(region(), [line(40000, "乙", qty=2, kind="consumable", cap=25000)])
    assert (e.total, e.overlmt_selfpay, e.preselfpay, e.inscp) == (
        D(80000),
        D(30000),
        D(5000),
        D(45000),
    )


def test_a_per_item_share_overrides_the_regions_rule():
    e = run(region(), [line(1000, "乙", share="0.05")])
    assert e.preselfpay == D(50)


@pytest.mark.parametrize(
    ("category", "expected_share"),
    [("XA10BA", D("0.01")), ("XC09AA", D("0.01")), ("XJ06BA", D("0.05")), ("XJ01DC", D("0.03"))],
)
def test_zhejiang_style_drug_shares_pick_the_rule_by_drug_class(category, expected_share):
    shares = [
        {
            "kinds": ["drug"],
            "classes": ["乙"],
            "category_prefixes": ["XA10", "XC09"],
            "share": "0.01",
        },
        {
            "kinds": ["drug"],
            "classes": ["乙"],
            "category_prefixes": ["XJ06B", "XB05A"],
            "share": "0.05",
        },
        {"kinds": ["drug"], "classes": ["乙"], "share": "0.03"},
    ]
    e = run(region(shares=shares), [line(1000, "乙", kind="drug", category=category)])
    assert e.lines[0].share == expected_share


@pytest.mark.parametrize(
    ("price", "share"), [(20000, D("0.3")), (30000, D("0.1")), (49999, D("0.1")), (50000, D("0.2"))]
)
def test_consumable_shares_by_unit_price_band(price, share):
    # Suzhou 2023 shape: 3–5万 10%, above 5万 20%, others 30%
    shares = [
        {
            "kinds": ["consumable"],
            "classes": ["乙"],
            "unit_price_from": 30000,
            "unit_price_to": 50000,
            "share": "0.1",
        },
        {"kinds": ["consumable"], "classes": ["乙"], "unit_price_from": 50000, "share": "0.2"},
        {"kinds": ["consumable"], "classes": ["乙"], "share": "0.3"},
    ]
    e = run(region(shares=shares), [line(price, "乙", kind="consumable")])
    assert e.lines[0].share == share


def test_consumable_share_by_origin():
    shares = [
        {"kinds": ["consumable"], "classes": ["乙"], "origin": "imported", "share": "0.4"},
        {"kinds": ["consumable"], "classes": ["乙"], "share": "0.2"},
    ]
    e = run(
        region(shares=shares),
        [
            line(1000, "乙", kind="consumable", origin="imported", code="I"),
            line(1000, "乙", kind="consumable", origin="domestic", code="D"),
        ],
    )
    assert [x.share for x in e.lines] == [D("0.4"), D("0.2")]


def test_a_yi_line_without_any_share_rule_is_an_error_naming_the_item():
    shares = [{"kinds": ["drug", "service", "consumable"], "classes": ["甲"], "share": 0}]
    with pytest.raises(EstimateError, match=r"no self-pay-first share.*X"):
        run(region(shares=shares), [line(100, "乙")])


def test_a_restricted_item_is_flagged_and_self_paid_when_the_condition_does_not_hold():
    flagged = run(region(), [line(1000, "乙", restriction="限HER2阳性")])
    refused = run(region(), [line(1000, "乙", restriction="限HER2阳性", restriction_met=False)])
    assert any(w.code == "restricted" for w in flagged.warnings) and flagged.inscp == D(900)
    assert refused.fulamt_ownpay == D(1000) and refused.inscp == 0


# --- deductible ---------------------------------------------------------------------------------


def test_deductible_then_single_ratio():
    # (9,500 − 1,300) × 80% = 6,560
    e = run(region(employed=benefit(1300)), [line(9500)])
    assert (e.deductible_paid, e.fund_basic, e.patient_burden) == (D(1300), D(6560), D(2940))


def test_deductible_by_hospital_level():
    raw = region(employed=benefit({"level3": 800, "level2": 600, "all": 300}))
    assert run(raw, [line(5000)], option=home("level2")).deductible_paid == D(600)
    assert run(raw, [line(5000)], option=home("level1")).deductible_paid == D(300)


def test_a_missing_level_is_an_error_naming_it():
    raw = region(employed=benefit({"level3": 800}))
    with pytest.raises(EstimateError) as err:
        run(raw, [line(5000)], option=home("level2"))
    assert err.value.field.endswith("deductible.amount.level2")


def test_second_admission_halves_the_deductible():
    raw = region(employed=benefit(1300, later=[{"from_admission": 2, "multiplier": "0.5"}]))
    assert run(raw, [line(5000)], YearToDate(admissions=1)).deductible_paid == D(650)


def test_third_admission_pays_a_flat_amount():
    later = [{"from_admission": 2, "multiplier": "0.5"}, {"from_admission": 3, "amount": 100}]
    raw = region(employed=benefit(800, later=later))
    assert run(raw, [line(5000)], YearToDate(admissions=2)).deductible_paid == D(100)


def test_stepwise_reduction_stops_at_its_floor():
    # 700 → 600 (2nd) → 500 (3rd) → 400 → 300 → floor 300
    later = [{"from_admission": 2, "step_down": 100, "floor": 300}]
    raw = region(employed=benefit(700, later=later))
    got = [run(raw, [line(5000)], YearToDate(admissions=n)).deductible_paid for n in range(6)]
    assert got == [D(700), D(600), D(500), D(400), D(300), D(300)]


def test_an_annual_deductible_counts_what_was_already_paid_this_year():
    raw = region(employed=benefit(1500, basis="per_year"))
    assert run(raw, [line(5000)], YearToDate(deductible_paid=D(1000))).deductible_paid == D(500)
    assert run(raw, [line(5000)], YearToDate(deductible_paid=D(1500))).deductible_paid == 0


def test_a_year_total_cap_stops_further_deductibles():
    raw = region(employed=benefit(800, year_total_cap=1200))
    assert run(
        raw, [line(5000)], YearToDate(admissions=1, deductible_paid=D(800))
    ).deductible_paid == D(400)


def test_an_exempt_group_pays_no_deductible():
    raw = region(employed=benefit(800, exempt=["low_income"]))
    poor = Person(scheme="employee", kind="employed", age=45, groups=["low_income"])
    assert run(raw, [line(5000)], person=poor).deductible_paid == 0


def test_a_bill_below_the_deductible_gets_nothing_from_the_fund():
    e = run(region(employed=benefit(1300)), [line(1000)])
    assert (e.deductible_paid, e.fund_basic, e.patient_burden) == (D(1000), 0, D(1000))


# --- bands and caps -----------------------------------------------------------------------------

BEIJING_L3 = [
    {"upto": 30000, "ratio": "0.85"},
    {"upto": 40000, "ratio": "0.9"},
    {"upto": None, "ratio": "0.95"},
]


def test_banded_ratios_on_the_absolute_axis():
    # 50,000 eligible, deductible 1,300: (30,000−1,300)×85% + 10,000×90% + 10,000×95%
    # = 24,395 + 9,000 + 9,500 = 42,895
    e = run(region(employed=benefit(1300, BEIJING_L3)), [line(50000)])
    assert e.fund_basic == D(42895)


def test_flattening_the_bands_gives_a_different_answer():
    # the same bill at the first band's 85% for everything: 48,700 × 85% = 41,395 ≠ 42,895
    flat = run(region(employed=benefit(1300, [{"upto": None, "ratio": "0.85"}])), [line(50000)])
    assert flat.fund_basic == D(41395)


def test_bands_measured_above_the_deductible():
    # edges on the amount above 1,300: 30,000×85% + 10,000×90% + 8,700×95% = 25,500 + 9,000 + 8,265 = 42,765
    e = run(
        region(employed=benefit(1300, BEIJING_L3, band_basis="above_deductible")), [line(50000)]
    )
    assert e.fund_basic == D(42765)


def test_bands_continue_from_the_year_to_date_amount():
    # already 35,000 eligible and the deductible met: 5,000 at 90% + 5,000 at 95% = 9,250
    ytd = YearToDate(admissions=1, eligible_amount=D(35000), deductible_paid=D(1300))
    raw = region(employed=benefit(1300, BEIJING_L3, basis="per_year"))
    assert run(raw, [line(10000)], ytd).fund_basic == D(9250)


def test_a_fund_cap_binds_and_the_large_amount_layer_pays_above_it():
    # 800,000 eligible, annual deductible 1,500, 85%, fund cap 590,000:
    # the fund reaches 590,000 after 590,000/0.85 = 694,117.647… of expense above the deductible,
    # leaving 798,500 − 694,117.647… = 104,382.35 above the cap; 附加基金 80% = 83,505.88
    layer = {
        "kind": "large_amount",
        "name_zh": "附加基金",
        "name_en": "supplementary fund",
        "base": "over_cap",
        "include_preselfpay": False,
        "deductible": 0,
        "band_basis": "absolute",
        "bands": [{"upto": None, "ratio": "0.8"}],
        "cap": None,
    }
    raw = region(
        employed=benefit(
            1500, [{"upto": None, "ratio": "0.85"}], basis="per_year", cap=590000, layers=[layer]
        )
    )
    e = run(raw, [line(800000)])
    assert e.fund_basic == D(590000)
    assert e.layer_amount(LayerKind.LARGE_AMOUNT) == D("83505.88")
    assert e.patient_burden == D(800000) - D(590000) - D("83505.88")


def test_a_cap_already_used_this_year_leaves_only_what_remains():
    raw = region(employed=benefit(0, cap=100000))
    e = run(raw, [line(50000)], YearToDate(fund_paid=D(90000)))
    assert e.fund_basic == D(10000)


def test_a_cap_on_the_eligible_expense_stops_the_fund_at_that_expense():
    # Wuhan-style: eligible expense counted up to 240,000; already 200,000 this year;
    # this stay 60,000 (deductible 0): only 40,000 is within the limit → 40,000 × 86% = 34,400
    raw = region(
        employed=benefit(0, [{"upto": None, "ratio": "0.86"}], cap=240000, cap_basis="eligible")
    )
    e = run(raw, [line(60000)], YearToDate(admissions=1, eligible_amount=D(200000)))
    assert e.fund_basic == D(34400)


# --- supplementary layers -----------------------------------------------------------------------


def dabing(basis: str, deductible=20000, bands=None, cap=None, **kw):
    return {
        "kind": "critical_illness",
        "name_zh": "大病保险",
        "name_en": "critical illness",
        "base": "personal_burden",
        "include_preselfpay": False,
        "deductible": deductible,
        "band_basis": basis,
        "bands": bands or [{"upto": 50000, "ratio": "0.3"}, {"upto": None, "ratio": "0.4"}],
        "cap": cap,
        **kw,
    }


def test_critical_illness_bands_above_their_deductible():
    # personal in-policy burden 50,000 (fund 0): 30,000 above the 20,000 deductible →
    # with edges above the deductible: 30,000 × 30% (band to 50,000 not exceeded) = 9,000
    raw = region(
        resident=benefit(0, [{"upto": None, "ratio": 0}], layers=[dabing("above_deductible")])
    )
    e = run(raw, [line(50000)], person=RESIDENT)
    assert e.layer_amount(LayerKind.CRITICAL_ILLNESS) == D(9000)


def test_critical_illness_bands_on_the_absolute_amount():
    # the same burden with absolute edges: 20,000–50,000 at 30% = 9,000; then a 70,000 burden:
    # 30,000 × 30% + 20,000 × 40% = 17,000
    raw = region(resident=benefit(0, [{"upto": None, "ratio": 0}], layers=[dabing("absolute")]))
    assert run(raw, [line(70000)], person=RESIDENT).layer_amount(LayerKind.CRITICAL_ILLNESS) == D(
        17000
    )
    above = region(
        resident=benefit(0, [{"upto": None, "ratio": 0}], layers=[dabing("above_deductible")])
    )
    # above the deductible: 50,000 → 50,000 × 30% = 15,000 (band edge 50,000 counted above 20,000)
    assert run(above, [line(70000)], person=RESIDENT).layer_amount(LayerKind.CRITICAL_ILLNESS) == D(
        15000
    )


def test_critical_illness_respects_its_annual_cap_and_what_it_paid_before():
    raw = region(
        resident=benefit(0, [{"upto": None, "ratio": 0}], layers=[dabing("absolute", cap=10000)])
    )
    ytd = YearToDate(layer_paid={LayerKind.CRITICAL_ILLNESS: D(4000)})
    assert run(raw, [line(70000)], ytd, person=RESIDENT).layer_amount(
        LayerKind.CRITICAL_ILLNESS
    ) == D(6000)


def test_assistance_only_for_its_groups():
    assist = {
        "kind": "assistance",
        "name_zh": "医疗救助",
        "name_en": "medical assistance",
        "base": "personal_burden",
        "include_preselfpay": False,
        "deductible": 0,
        "band_basis": "absolute",
        "bands": [{"upto": None, "ratio": "0.7"}],
        "cap": 30000,
        "eligible_groups": ["low_income"],
    }
    raw = region(resident=benefit(1000, [{"upto": None, "ratio": "0.6"}], layers=[assist]))
    poor = Person(scheme="resident", kind="adult", age=45, groups=["low_income"])
    # 11,000: fund (11,000 − 1,000) × 60% = 6,000; burden 5,000 × 70% = 3,500
    assert run(raw, [line(11000)], person=poor).layer_amount(LayerKind.ASSISTANCE) == D(3500)
    assert run(raw, [line(11000)], person=RESIDENT).layer_amount(LayerKind.ASSISTANCE) == 0


# --- care elsewhere -----------------------------------------------------------------------------


def elsewhere_rule(
    *adjustments, filings=("referral",), routes=("direct", "manual"), catalogue="treated", **kw
):
    return {
        "scopes": ["in_province", "out_of_province"],
        "filings": list(filings),
        "routes": list(routes),
        "catalogue": catalogue,
        "shares_from": "insured",
        "merge_accumulators": True,
        "adjustments": list(adjustments),
        **kw,
    }


def pair(*rules_, employed=None):
    insured = region("home", "甲省", employed=employed or benefit(1000), elsewhere=list(rules_))
    treated = region("away", "乙省")
    return insured, treated


def test_a_percentage_point_drop_and_a_multiplier_are_different_things():
    # 80% − 10 points = 70% → (11,000 − 1,000) × 70% = 7,000; 80% × 0.9 = 72% → 7,200
    drop, treated = pair(elsewhere_rule({"kind": "ratio_drop", "points": "0.1"}))
    mult, _ = pair(elsewhere_rule({"kind": "ratio_multiplier", "factor": "0.9"}))
    a = run(drop, [line(11000)], option=away("away", "referral"), treated_raw=treated)
    b = run(mult, [line(11000)], option=away("away", "referral"), treated_raw=treated)
    assert (a.fund_basic, b.fund_basic) == (D(7000), D(7200))
    assert a.scope is Scope.OUT_OF_PROVINCE


def test_a_share_paid_first_then_the_normal_rules():
    # Hangzhou shape: 20% of 50,000 first = 10,000; (40,000 − 800) × 82% = 32,144
    insured, treated = pair(
        elsewhere_rule({"kind": "share_first", "share": "0.2"}, filings=("temporary",)),
        employed=benefit(800, [{"upto": 40000, "ratio": "0.82"}, {"upto": None, "ratio": "0.88"}]),
    )
    e = run(insured, [line(50000)], option=away("away", "temporary"), treated_raw=treated)
    assert (e.preselfpay, e.inscp, e.fund_basic) == (D(10000), D(40000), D(32144))
    assert e.total == e.fulamt_ownpay + e.overlmt_selfpay + e.preselfpay + e.inscp


@pytest.mark.parametrize(("total", "deductible"), [(5000, 2000), (30000, 6000), (80000, 10000)])
def test_a_deductible_as_a_percent_of_the_bill_with_min_and_max(total, deductible):
    rule = elsewhere_rule(
        {
            "kind": "deductible_override",
            "percent_of_bill": {"rate": "0.2", "min": 2000, "max": 10000},
        }
    )
    insured, treated = pair(rule)
    e = run(insured, [line(total)], option=away("away", "referral"), treated_raw=treated)
    assert e.deductible_standard == D(deductible)


def test_a_fixed_deductible_by_level_for_care_elsewhere():
    rule = elsewhere_rule(
        {"kind": "deductible_override", "amount": {"level1": 2000, "level2": 2500, "level3": 3000}}
    )
    insured, treated = pair(rule)
    e = run(
        insured, [line(10000)], option=away("away", "referral", level="level2"), treated_raw=treated
    )
    assert e.deductible_paid == D(2500)


def test_treat_as_a_home_level_uses_that_levels_deductible_and_ratio():
    employed = benefit(
        {"level3": 1000, "level2": 500},
        {"level3": [{"upto": None, "ratio": "0.7"}], "level2": [{"upto": None, "ratio": "0.8"}]},
    )
    insured, treated = pair(
        elsewhere_rule({"kind": "as_level", "level": "level3"}), employed=employed
    )
    e = run(
        insured, [line(11000)], option=away("away", "referral", level="level2"), treated_raw=treated
    )
    # settled as 三级: (11,000 − 1,000) × 70% = 7,000
    assert (e.settled_level.value, e.fund_basic) == ("level3", D(7000))


def test_a_non_networked_hospital_is_not_paid_at_all():
    insured, treated = pair(
        elsewhere_rule({"kind": "not_paid", "reason": "non_networked"}, networked=False),
        elsewhere_rule(),
    )
    e = run(
        insured,
        [line(10000)],
        option=away("away", "referral", networked=False),
        treated_raw=treated,
    )
    assert (e.fund_total, e.patient_burden) == (0, D(10000))
    paid = run(insured, [line(10000)], option=away("away", "referral"), treated_raw=treated)
    assert paid.fund_basic == D(7200)


def test_a_manual_claim_can_use_the_home_catalogue():
    # the item is 甲 where treated but not covered at home: a manual claim judged by the home catalogue
    insured, treated = pair(
        elsewhere_rule(routes=("manual",), catalogue="insured"), elsewhere_rule(routes=("direct",))
    )
    lines = [line(10000, "甲", home_cls=None)]
    manual = run(
        insured, lines, option=away("away", "referral", route="manual"), treated_raw=treated
    )
    direct = run(
        insured, lines, option=away("away", "referral", route="direct"), treated_raw=treated
    )
    assert manual.fulamt_ownpay == D(10000) and direct.fulamt_ownpay == 0
    assert any(w.code == "manual_claim" for w in manual.warnings)


def test_accumulators_not_merged_start_the_year_afresh():
    insured, treated = pair(elsewhere_rule(merge_accumulators=False))
    e = run(
        insured,
        [line(5000)],
        YearToDate(admissions=3, deductible_paid=D(1000)),
        option=away("away", "referral"),
        treated_raw=treated,
    )
    assert e.deductible_paid == D(1000)


def test_care_elsewhere_without_a_matching_rule_is_an_error():
    insured, treated = pair(elsewhere_rule(filings=("referral",)))
    with pytest.raises(EstimateError, match="no rule for out_of_province care, filing unfiled"):
        run(insured, [line(100)], option=away("away", "unfiled"), treated_raw=treated)


def test_care_elsewhere_needs_a_filing_type():
    insured, treated = pair(elsewhere_rule())
    with pytest.raises(EstimateError) as err:
        run(insured, [line(100)], option=home(rid="away"), treated_raw=treated)
    assert err.value.field == "option.filing"


def test_in_province_is_decided_by_the_province():
    insured = region("home", "甲省", elsewhere=[elsewhere_rule()])
    neighbour = region("near", "甲省")
    e = run(insured, [line(100)], option=away("near", "referral"), treated_raw=neighbour)
    assert e.scope is Scope.IN_PROVINCE


# --- persons ------------------------------------------------------------------------------------


def test_retirees_get_their_own_column():
    raw = region(
        employed=benefit(1500, [{"upto": None, "ratio": "0.85"}]),
        retired=benefit(1200, [{"upto": None, "ratio": "0.92"}]),
    )
    retiree = Person(scheme="employee", kind="retired", age=66)
    assert run(raw, [line(11200)], person=retiree).fund_basic == D(9200)


def test_a_person_type_the_region_does_not_have_is_an_error_naming_it():
    with pytest.raises(EstimateError) as err:
        run(region(), [line(100)], person=Person(scheme="employee", kind="retired", age=70))
    assert "retired" in err.value.text_en and "退休" in err.value.text_zh


def test_every_step_cites_a_source_where_a_rule_was_applied():
    e = run(region(employed=benefit(1300)), [line(9500)])
    ruled = [s for s in e.steps if s.rule]
    assert ruled and all(s.provenance is not None and s.provenance.source.title for s in ruled)


def test_a_fixed_ratio_for_care_elsewhere_replaces_the_home_bands():
    # Dali shape: outside the prefecture 50% whatever the level: (11,000 − 1,000) × 50% = 5,000
    insured, treated = pair(elsewhere_rule({"kind": "ratio_fixed", "ratio": "0.5"}))
    e = run(insured, [line(11000)], option=away("away", "referral"), treated_raw=treated)
    assert e.fund_basic == D(5000)


def test_care_elsewhere_rules_can_differ_by_scheme_and_level():
    rules_ = [
        elsewhere_rule({"kind": "ratio_drop", "points": "0.3"}, schemes=["resident"]),
        elsewhere_rule({"kind": "ratio_drop", "points": "0.2"}, levels=["level2"]),
        elsewhere_rule(),
    ]
    insured, treated = pair(*rules_)
    # employee at 三级: the third rule (no drop): (11,000 − 1,000) × 80% = 8,000; at 二级: 60% → 6,000
    assert run(
        insured, [line(11000)], option=away("away", "referral"), treated_raw=treated
    ).fund_basic == D(8000)
    assert run(
        insured, [line(11000)], option=away("away", "referral", level="level2"), treated_raw=treated
    ).fund_basic == D(6000)


def test_a_block_cited_value_by_value_is_accepted_and_each_step_names_its_own_source():
    raw = region(employed=benefit(1300))
    block = raw["schemes"]["employee"]["persons"]["employed"]["settings"]["inpatient"][0]["value"]
    raw["schemes"]["employee"]["persons"]["employed"]["settings"]["inpatient"] = {
        key: [{"from": "2025-01-01", "value": value, "source": "s"}] for key, value in block.items()
    }
    raw["sources"]["s2"] = {**raw["sources"]["s"], "title": "另一份文件"}
    raw["schemes"]["employee"]["persons"]["employed"]["settings"]["inpatient"]["ratios"][0][
        "source"
    ] = "s2"
    e = run(raw, [line(9500)])
    cited = {s.key: s.provenance.source.title for s in e.steps if s.provenance}
    assert e.fund_basic == D(6560)
    assert cited["band"] == "另一份文件" and cited["deductible"] == "测试规则（合成）"


def test_the_self_pay_first_step_cites_the_share_history():
    e = run(region(), [line(2000, "乙")])
    step = next(s for s in e.steps if s.key == "preselfpay")
    assert step.amount == D(200) and step.provenance is not None


def test_a_non_networked_hospital_stops_before_any_level_lookup():
    # the home rules have no 二级 column; nothing is paid, so none is needed
    insured, treated = pair(
        elsewhere_rule({"kind": "not_paid", "reason": "non_networked"}, networked=False),
        employed=benefit({"level3": 1000}),
    )
    e = run(
        insured,
        [line(20000)],
        option=away("away", "referral", level="level2", networked=False),
        treated_raw=treated,
    )
    assert (e.fund_total, e.patient_burden, e.deductible_paid) == (0, D(20000), 0)


def test_care_elsewhere_steps_cite_the_adjustment_not_the_whole_rule_list():
    insured, treated = pair(elsewhere_rule({"kind": "ratio_drop", "points": "0.1"}))
    e = run(insured, [line(11000)], option=away("away", "referral"), treated_raw=treated)
    step = next(s for s in e.steps if s.key == "ratio_adjust")
    assert step.rule == "elsewhere[0].adjustments[0]" and step.provenance is not None


def test_a_critical_illness_layer_may_leave_the_basic_deductible_out_of_its_base():
    # burden 50,000 with a 1,000 basic deductible (fund 0): with the deductible left out the base is 49,000;
    # absolute bands above 20,000: 29,000 × 30% = 8,700 (9,000 with it)
    raw = region(
        resident=benefit(
            1000,
            [{"upto": None, "ratio": 0}],
            layers=[dabing("absolute", include_deductible=False)],
        )
    )
    assert run(raw, [line(50000)], person=RESIDENT).layer_amount(LayerKind.CRITICAL_ILLNESS) == D(
        8700
    )


def test_a_home_deductible_as_a_percent_of_the_bill():
    # 10% of 30,000 = 3,000 within 1,000–5,000; (30,000 − 3,000) × 80% = 21,600
    raw = region(employed=benefit({}, [{"upto": None, "ratio": "0.8"}]))
    ded = raw["schemes"]["employee"]["persons"]["employed"]["settings"]["inpatient"][0]["value"][
        "deductible"
    ]
    ded["percent_of_bill"] = {"rate": "0.1", "min": 1000, "max": 5000}
    e = run(raw, [line(30000)])
    assert (e.deductible_paid, e.fund_basic) == (D(3000), D(21600))


def test_a_deductible_paid_earlier_counts_as_eligible_amount_so_far():
    # only "1,300 deductible already paid" is known: the year's eligible amount is at least 1,300, so
    # a 30,000 stay sits at 1,300–31,300: 28,700 × 85% + 1,300 × 90% = 24,395 + 1,170 = 25,565
    raw = region(employed=benefit(1300, BEIJING_L3, basis="per_year"))
    e = run(raw, [line(30000)], YearToDate(admissions=1, deductible_paid=D(1300)))
    assert (e.deductible_paid, e.fund_basic) == (0, D(25565))
