"""Phase 3: the deductible (起付线) — the standard that applies to this admission, and what of it
is paid now."""

from __future__ import annotations

from ..models import Deductible, LaterAdmission, Level
from ..money import ZERO, clamp, round_fen
from . import adjustments
from .choose import level_key, level_value
from .state import Settlement


def later_admission(rule: Deductible, level: Level, admission: int) -> LaterAdmission | None:
    """The reduction for the n-th admission of the year at this level (the last that applies)."""
    if rule.basis != "per_admission" or admission <= 1:
        return None
    later = [
        x
        for x in rule.later_admissions
        if x.from_admission <= admission and (x.levels is None or level in x.levels)
    ]
    return later[-1] if later else None


def deductible(state: Settlement) -> None:
    """Phase 3: the standard (by level, share of the bill, later admissions and their bounds, a
    care-elsewhere override), then what is paid now against what this year already paid."""
    adjustments.apply(state, "level")
    benefit, trace, path = state.benefit_, state.trace, state.path
    rule = benefit.deductible
    admission = state.ytd.admissions + 1
    if set(state.person.groups) & set(rule.exempt_groups):
        trace.step("deductible", ZERO, f"{path}.deductible.exempt_groups", text="deductible_exempt")
        state.standard = ZERO
    else:
        if rule.percent_of_bill is not None:
            pob = rule.percent_of_bill
            first = clamp(round_fen(state.total * pob.rate), pob.min, pob.max)
        else:
            first = level_value(
                rule.amount, state.level, f"{path}.deductible.amount", state.insured
            )
        standard = first
        later = later_admission(rule, state.level, admission)
        if later is not None:
            if later.multiplier is not None:
                standard = round_fen(first * later.multiplier)
            elif later.amount is not None:
                standard = later.amount
            elif later.step_down is not None and later.floor is not None:
                steps = admission - later.from_admission + 1
                standard = max(later.floor, first - later.step_down * steps)
            later_path = f"{path}.deductible.later_admissions"
            later_cite = (f"{later_path}[{rule.later_admissions.index(later)}]",)
            trace.step(
                "deductible",
                standard,
                later_path,
                cite=later_cite,
                text="deductible_later",
                admission=admission,
                first=first,
                standard=standard,
            )
            bounded = clamp(standard, later.min or ZERO, later.max)
            if bounded != standard:
                trace.step(
                    "deductible",
                    bounded,
                    later_path,
                    cite=later_cite,
                    text="deductible_bounded",
                    before=standard,
                    standard=bounded,
                    low=later.min,
                )
                standard = bounded
        state.standard = standard
        adjustments.apply(state, "deductible")
    per_year = rule.basis == "per_year"
    ytd = state.ytd
    left = max(ZERO, state.standard - ytd.deductible_paid) if per_year else state.standard
    if rule.year_total_cap is not None:
        left = min(left, max(ZERO, rule.year_total_cap - ytd.deductible_paid))
    state.deductible_paid = min(left, state.inscp)
    used = (  # the values of the block this deductible rests on (not other levels')
        f"{path}.deductible.percent_of_bill"
        if rule.percent_of_bill is not None
        else f"{path}.deductible.amount.{level_key(rule.amount, state.level)}",
        f"{path}.deductible.basis",
        f"{path}.deductible.year_total_cap",
    )
    trace.step(
        "deductible",
        state.deductible_paid,
        f"{path}.deductible",
        cite=used,
        standard=state.standard,
        per_year=per_year,
        paid_before=ytd.deductible_paid,
        paid=state.deductible_paid,
    )
