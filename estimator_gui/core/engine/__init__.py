"""The payment engine: bill + rules → estimate with explanation. Pure functions, no I/O.

An estimate is settled in phases, each a module, around one working state (`state.Settlement`):
  1. choose   the insured region's benefit and, for care elsewhere, its rule for this place and
              filing (whose catalogue, whose shares, which adjustments; filing before discharge);
  2. split    each line under the applicable catalogue: 全自费 / 超限价 / 先行自付 / 政策范围内,
              then a share paid first for care elsewhere (先自理);
  3. deductible  (起付线), with later admissions, bounds, overrides and year-to-date;
  4. bands    banded ratios on the year's cumulative amount, up to the annual cap;
  5. layers   大额/附加基金 above the cap, 大病保险, 医疗救助;
  then patient burden = total − all fund payments.
Care-elsewhere adjustments act in the phase their kind belongs to (`adjustments.py`); every text
lives in `text.py`. Rounding: each line to the fen; each fund payment to the fen once summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..models import (
    BillLine,
    CareOption,
    Estimate,
    LayerKind,
    Person,
    RuleSet,
    Setting,
    YearToDate,
)
from ..money import ZERO, round_fen
from . import adjustments
from .bands import adjusted_bands, basic_fund, pay_bands
from .choose import benefit_for, care_elsewhere, choose, elsewhere_rule, scope_of
from .deductible import deductible
from .layers import pay_layer, supplementary
from .split import share_rule_for, split, split_line
from .state import Settlement
from .trace import EstimateError, Trace


def estimate(
    insured: RuleSet,
    treated: RuleSet,
    person: Person,
    option: CareOption,
    lines: Sequence[BillLine],
    ytd: YearToDate | None = None,
) -> Estimate:
    """Estimate one option: the settlement fields and every step that produced them."""
    state = Settlement(
        insured=insured,
        treated=treated,
        person=person,
        option=option,
        lines=lines,
        ytd=ytd or YearToDate(),
        trace=Trace(insured),
    )
    choose(state)
    split(state)
    adjustments.apply(state, "after_split")
    adjustments.apply(state, "stop")
    if state.not_paid is None:
        deductible(state)
        basic_fund(state)
        supplementary(state)
    return _finish(state)


def settle_given(
    insured: RuleSet,
    person: Person,
    option: CareOption,
    fund_basic: Decimal,
    burden: Decimal,
    over_cap: Decimal = ZERO,
    preselfpay: Decimal = ZERO,
    deductible_paid: Decimal = ZERO,
    ytd: YearToDate | None = None,
) -> Estimate:
    """A case that starts after the basic fund (as published 大病 and 救助 examples do): the basic
    fund paid `fund_basic`, leaving `burden` of in-policy personal burden and `over_cap` above the
    basic cap; only the supplementary layers are settled."""
    state = Settlement(
        insured=insured,
        treated=insured,
        person=person,
        option=option,
        lines=[],
        ytd=ytd or YearToDate(),
        trace=Trace(insured),
    )
    choose(state)
    state.trace.step("given", None, fund_basic=fund_basic, burden=burden, over_cap=over_cap)
    state.fund_basic = fund_basic
    state.pre = preselfpay
    state.deductible_paid = deductible_paid
    state.inscp = fund_basic + burden
    state.over_cap = over_cap
    state.total = state.inscp + preselfpay + over_cap
    supplementary(state)
    return _finish(state)


def _finish(state: Settlement) -> Estimate:
    trace = state.trace
    fund_total = state.fund_basic + sum((x.amount for x in state.layers), ZERO)
    burden = state.total - fund_total
    trace.step("burden", burden, total=state.total, funds=fund_total, burden=burden)
    trace.finish(state.option.date)
    return Estimate(
        insured_region=state.insured.region.id,
        treated_region=state.treated.region.id,
        scope=state.scope,
        level=state.option.level,
        settled_level=state.level,
        filing=state.option.filing,
        route=state.option.route,
        catalogue_from=state.catalogue_from,
        late_filing=state.late_filing,
        filing_free=state.rule is not None and state.rule.filing_free,
        total=state.total,
        fulamt_ownpay=state.fulamt,
        overlmt_selfpay=state.overlmt,
        preselfpay=state.pre,
        inscp=state.inscp,
        deductible_standard=state.standard,
        deductible_paid=state.deductible_paid,
        fund_basic=state.fund_basic,
        fund_ratio=state.ratio,
        layers=state.layers,
        fund_total=fund_total,
        patient_burden=burden,
        lines=state.splits,
        steps=trace.steps,
        warnings=trace.warnings,
        rules_from=max((p.valid_from for p in trace.used), default=state.insured.on),
        burden_axis=(
            state.burden_axis
            if state.burden_axis is not None
            else state.inscp - state.fund_basic  # no such layer: the in-policy burden
        ),
    )


def year_to_date_after(ytd: YearToDate, est: Estimate, setting: Setting) -> YearToDate:
    """The insurance year's amounts after this episode: what the next stay or month starts from.

    An inpatient stay counts as an admission; the eligible amount, deductible and basic fund paid
    add up; the 大病 axis (the year's in-policy personal burden, as the region's layer measures
    it) grows by what this episode put on it; each layer adds its payment."""
    layer_paid: dict[LayerKind, Decimal] = dict(ytd.layer_paid)
    for payment in est.layers:
        layer_paid[payment.kind] = layer_paid.get(payment.kind, ZERO) + payment.amount
    return YearToDate(
        admissions=ytd.admissions + (1 if setting is Setting.INPATIENT else 0),
        deductible_paid=ytd.deductible_paid + est.deductible_paid,
        eligible_amount=ytd.eligible_amount + est.inscp,
        fund_paid=ytd.fund_paid + est.fund_basic,
        personal_burden=ytd.personal_burden + max(ZERO, round_fen(est.burden_axis)),
        layer_paid=layer_paid,
    )


__all__ = [
    "EstimateError",
    "adjusted_bands",
    "benefit_for",
    "care_elsewhere",
    "elsewhere_rule",
    "estimate",
    "pay_bands",
    "pay_layer",
    "scope_of",
    "settle_given",
    "share_rule_for",
    "split_line",
    "year_to_date_after",
]
