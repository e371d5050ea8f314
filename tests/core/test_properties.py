"""Invariants of the engine over generated bills and rules (hypothesis)."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from estimator_gui.core.engine import estimate
from estimator_gui.core.models import LayerKind, YearToDate

from .rulekit import EMPLOYED, RESIDENT, away, benefit, home, line, region, rules

money = st.decimals(min_value=D("0"), max_value=D("200000"), places=2)
classes = st.sampled_from(["甲", "乙", "丙", None])

LARGE = {
    "kind": "large_amount",
    "name_zh": "大额",
    "name_en": "large",
    "base": "over_cap",
    "include_preselfpay": False,
    "deductible": 0,
    "band_basis": "absolute",
    "bands": [{"upto": None, "ratio": "0.8"}],
    "cap": 200000,
}
DABING = {
    "kind": "critical_illness",
    "name_zh": "大病",
    "name_en": "critical",
    "base": "personal_burden",
    "include_preselfpay": True,
    "deductible": 15000,
    "band_basis": "absolute",
    "bands": [{"upto": 100000, "ratio": "0.6"}, {"upto": None, "ratio": "0.75"}],
    "cap": 300000,
}
BANDS = [
    {"upto": 40000, "ratio": "0.82"},
    {"upto": 360000, "ratio": "0.88"},
    {"upto": None, "ratio": "0.9"},
]

EMP = rules(region(employed=benefit(800, BANDS, cap=300000, layers=[LARGE])))
RES = rules(
    region(resident=benefit(600, [{"upto": None, "ratio": "0.6"}], cap=150000, layers=[DABING]))
)
ELSEWHERE = [
    {
        "scopes": ["out_of_province"],
        "filings": ["unfiled"],
        "routes": ["manual"],  # unfiled across provinces: the manual-claim path
        "catalogue": "treated",
        "shares_from": "insured",
        "merge_accumulators": True,
        "adjustments": [
            {"kind": "share_first", "share": "0.2"},
            {"kind": "ratio_drop", "points": "0.2"},
            {
                "kind": "deductible_override",
                "percent_of_bill": {"rate": "0.2", "min": 2000, "max": 10000},
            },
        ],
    }
]
AWAY_HOME = rules(
    region(
        "home",
        "甲省",
        employed=benefit(800, BANDS, cap=300000, layers=[LARGE]),
        elsewhere=ELSEWHERE,
    )
)
AWAY = rules(region("away", "乙省"))


@st.composite
def bills(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    return [
        line(
            draw(money),
            draw(classes),
            qty=draw(st.integers(1, 3)),
            code=f"L{i}",
            cap=draw(st.one_of(st.none(), money)),
            kind=draw(st.sampled_from(["drug", "service", "consumable"])),
        )
        for i in range(n)
    ]


ytds = st.builds(
    YearToDate,
    admissions=st.integers(0, 3),
    deductible_paid=st.decimals(0, 800, places=2),
    eligible_amount=st.decimals(0, 400000, places=2),
    fund_paid=st.decimals(0, 300000, places=2),
    personal_burden=st.decimals(0, 100000, places=2),
)

SETUPS = [
    (EMP, EMP, EMPLOYED, home()),
    (RES, RES, RESIDENT, home()),
    (AWAY_HOME, AWAY, EMPLOYED, away("away", "unfiled", "manual")),
]
setups = st.sampled_from(SETUPS)


@settings(max_examples=300, deadline=None)
@given(bill=bills(), ytd=ytds, setup=setups)
def test_the_money_identities_hold_to_the_fen(bill, ytd, setup):
    insured, treated, person, option = setup
    e = estimate(insured, treated, person, option, bill, ytd)
    assert e.total == e.fulamt_ownpay + e.overlmt_selfpay + e.preselfpay + e.inscp
    assert e.total == e.fund_total + e.patient_burden
    assert e.fund_total == e.fund_basic + sum((x.amount for x in e.layers), D(0))
    for x in (
        e.fulamt_ownpay,
        e.overlmt_selfpay,
        e.preselfpay,
        e.inscp,
        e.fund_basic,
        e.patient_burden,
    ):
        assert x >= 0 and x == x.quantize(D("0.01"))


@settings(max_examples=300, deadline=None)
@given(
    bill=bills(),
    ytd=ytds,
    setup=setups,
    which=st.integers(0, 7),
    rise=st.decimals(D("0.01"), D("50000"), places=2),
)
def test_patient_burden_never_falls_when_a_lines_price_rises(bill, ytd, setup, which, rise):
    insured, treated, person, option = setup
    before = estimate(insured, treated, person, option, bill, ytd)
    i = which % len(bill)
    dearer = [*bill]
    dearer[i] = bill[i].model_copy(update={"unit_price": bill[i].unit_price + rise})
    after = estimate(insured, treated, person, option, dearer, ytd)
    assert after.patient_burden >= before.patient_burden


@settings(max_examples=300, deadline=None)
@given(bill=bills(), ytd=ytds, setup=setups)
def test_no_layer_pays_above_its_cap(bill, ytd, setup):
    insured, treated, person, option = setup
    e = estimate(insured, treated, person, option, bill, ytd)
    benefit_ = next(iter(insured.schemes[person.scheme].persons.values())).settings["inpatient"]
    if benefit_.cap.amount is not None:
        assert ytd.fund_paid + e.fund_basic <= max(benefit_.cap.amount, ytd.fund_paid)
    for layer in benefit_.layers:
        if layer.cap is not None:
            assert e.layer_amount(layer.kind) <= layer.cap - ytd.layer_paid.get(layer.kind, D(0))
    assert e.fund_basic <= e.inscp


@settings(max_examples=200, deadline=None)
@given(amounts=st.lists(money, min_size=1, max_size=8), ytd=ytds, setup=setups)
def test_a_bill_of_only_bing_items_is_fully_self_paid(amounts, ytd, setup):
    insured, treated, person, option = setup
    bill = [line(a, "丙", code=f"B{i}") for i, a in enumerate(amounts)]
    e = estimate(insured, treated, person, option, bill, ytd)
    assert e.fund_total == 0
    assert e.patient_burden == e.total == e.fulamt_ownpay
    assert e.layer_amount(LayerKind.CRITICAL_ILLNESS) == 0
