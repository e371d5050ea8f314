"""The one registry of settlement fields: key, Chinese and English names, order, format, and how
each is read off an estimate. The CLI's table, the window's table, the report and the scenario
files' `expect` all take their fields from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .models import Estimate, LayerKind
from .money import ZERO, format_rate, format_yuan


def _layers(*kinds: LayerKind) -> Callable[[Estimate], Decimal]:
    return lambda e: sum((e.layer_amount(k) for k in kinds), ZERO)


@dataclass(frozen=True)
class Field:
    key: str
    zh: str
    en: str
    value: Callable[[Estimate], Decimal]
    format: Literal["yuan", "rate"] = "yuan"
    slip: bool = True  # a field of the settlement slip: the CLI's table and the report
    window: bool = False  # a row of the window's table
    expect: bool = True  # may be expected in a scenario file

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def text(self, est: Estimate) -> str:
        value = self.value(est)
        return format_rate(value) if self.format == "rate" else format_yuan(value)


# Settlement-slip order (NHSA field names in the comments).
FIELDS: tuple[Field, ...] = (
    Field(
        "total", "医疗费总额", "Total medical cost", lambda e: e.total, window=True
    ),  # medfee_sumamt
    Field("fulamt_ownpay", "全自费", "Fully self-paid", lambda e: e.fulamt_ownpay, window=True),
    Field(
        "overlmt_selfpay", "超限价自费", "Above price cap", lambda e: e.overlmt_selfpay, window=True
    ),
    Field("preselfpay", "先行自付", "Self-pay first", lambda e: e.preselfpay, window=True),
    Field("inscp", "符合政策范围", "Eligible amount", lambda e: e.inscp),  # inscp_amt
    Field(
        "deductible_standard",
        "起付标准",
        "Deductible standard",
        lambda e: e.deductible_standard,
        slip=False,
    ),  # dedc_std
    Field(
        "deductible_paid", "实际起付线", "Deductible", lambda e: e.deductible_paid, window=True
    ),  # act_pay_dedc
    Field(
        "fund_basic", "统筹基金支付", "Basic fund pays", lambda e: e.fund_basic, window=True
    ),  # hifp_pay
    Field(
        "fund_ratio", "统筹支付比例", "Ratio applied", lambda e: e.fund_ratio, "rate", window=True
    ),
    Field("large_amount", "大额/附加", "Large-amount layer", _layers(LayerKind.LARGE_AMOUNT)),
    Field("critical_illness", "大病保险", "Critical illness", _layers(LayerKind.CRITICAL_ILLNESS)),
    Field(
        "major_layers",
        "大病/大额",
        "Critical illness / large amount",
        _layers(LayerKind.CRITICAL_ILLNESS, LayerKind.LARGE_AMOUNT),
        slip=False,
        window=True,
        expect=False,
    ),
    Field(
        "assistance", "医疗救助", "Medical assistance", _layers(LayerKind.ASSISTANCE), window=True
    ),
    Field("fund_total", "基金支付合计", "All funds", lambda e: e.fund_total),  # fund_pay_sumamt
    Field(
        "patient_burden", "个人负担", "Patient pays", lambda e: e.patient_burden, window=True
    ),  # psn_pay
    # derived figures that published slips and examples often print
    Field(
        "copay",
        "政策范围内自付",
        "In-policy co-pay",
        lambda e: e.inscp - e.deductible_paid - e.fund_basic,
        slip=False,
    ),
    Field(
        "overlmt_preselfpay",
        "超限价与先行自付合计",
        "Above cap plus self-pay first",
        lambda e: e.overlmt_selfpay + e.preselfpay,
        slip=False,
    ),
)
BY_KEY = {f.key: f for f in FIELDS}
SLIP = tuple(f for f in FIELDS if f.slip)
WINDOW = tuple(f for f in FIELDS if f.window)
EXPECTABLE = tuple(f.key for f in FIELDS if f.expect)
