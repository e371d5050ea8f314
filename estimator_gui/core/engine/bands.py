"""Phase 4: the basic fund — banded ratios on the year's cumulative amount, up to the annual cap;
lines with a ratio of their own are paid at it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..models import Band, BandBasis, Person
from ..money import ONE, ZERO, clamp, round_fen
from . import adjustments
from .choose import level_key, level_value
from .state import Settlement


@dataclass(frozen=True)
class Segment:
    low: Decimal
    high: Decimal
    ratio: Decimal
    paid: Decimal


def pay_bands(
    bands: Sequence[Band], start: Decimal, width: Decimal, cap_left: Decimal | None
) -> tuple[Decimal, Decimal, list[Segment]]:
    """Pay `width` yuan sitting at [start, start+width) of the band axis, up to `cap_left`.

    Returns (payment, the part of width left unpaid because the cap binds, segments).
    """
    paid = ZERO
    segments: list[Segment] = []
    low = start
    end = start + width
    lower_edge = ZERO
    for band in bands:
        upper_edge = band.upto
        seg_low = max(low, lower_edge)
        seg_high = end if upper_edge is None else min(end, upper_edge)
        if upper_edge is not None:
            lower_edge = upper_edge
        if seg_high <= seg_low:
            continue
        portion = seg_high - seg_low
        pay = portion * band.ratio
        if cap_left is not None and paid + pay > cap_left:
            room = cap_left - paid
            covered = room / band.ratio if band.ratio else portion
            segments.append(Segment(seg_low, seg_low + covered, band.ratio, room))
            paid = cap_left
            return paid, end - (seg_low + covered), segments
        paid += pay
        segments.append(Segment(seg_low, seg_high, band.ratio, pay))
    return paid, ZERO, segments


def adjusted_bands(
    bands: Sequence[Band],
    person: Person,
    age_adjustments: Sequence[tuple[int, Decimal]],
    adjusters: Sequence[Callable[[Decimal], Decimal]],
) -> list[Band]:
    """Band ratios after the age add-on, then the care-elsewhere adjustments in their order."""
    bonus = max((add for min_age, add in age_adjustments if person.age >= min_age), default=ZERO)
    out = []
    for band in bands:
        ratio = min(ONE, band.ratio + bonus)
        for adjust in adjusters:
            ratio = adjust(ratio)
        out.append(Band(upto=band.upto, ratio=ratio))
    return out


def basic_fund(state: Settlement) -> None:
    """Phase 4: what the basic pooled fund pays, and what lies above its cap."""
    adjustments.apply(state, "ratio")
    benefit, trace, path, ytd = state.benefit_, state.trace, state.path, state.ytd
    ratios = benefit.ratios
    bands = adjusted_bands(
        level_value(ratios.bands, state.level, f"{path}.ratios.bands", state.insured),
        state.person,
        [(a.min_age, a.add_points) for a in ratios.age_adjustments],
        state.ratio_adjusters,
    )
    own_total = state.own_ratio_eligible
    # the deductible is met from the ordinary eligible amount first, then from own-ratio lines
    ordinary = state.inscp - own_total
    base = max(ZERO, ordinary - state.deductible_paid)
    own_after_deductible = own_total - max(ZERO, state.deductible_paid - ordinary)
    cap = benefit.cap
    over_cap = ZERO
    # the year's eligible amount so far is at least what went to deductibles (users often know only that)
    eligible_before = max(ytd.eligible_amount, ytd.deductible_paid)
    if ratios.band_basis is BandBasis.ABSOLUTE:
        start = eligible_before + state.deductible_paid
    else:
        start = eligible_before - ytd.deductible_paid
    cap_left: Decimal | None = None
    if cap.amount is not None:
        if cap.basis == "fund":
            cap_left = max(ZERO, cap.amount - ytd.fund_paid)
        else:  # a cap on the eligible expense: what lies above it is not paid by the basic fund
            measured = eligible_before + state.inscp
            if cap.basis == "eligible_above_deductible":
                measured -= ytd.deductible_paid + state.deductible_paid
            over_cap = clamp(measured - cap.amount, ZERO, base)
    paid, unpaid, segments = pay_bands(bands, start, base - over_cap, cap_left)
    over_cap += unpaid
    # the values each segment rests on: its own band, the basis, the age add-on that applied
    bands_path = f"{path}.ratios.bands.{level_key(ratios.bands, state.level)}"
    ages = [i for i, a in enumerate(ratios.age_adjustments) if state.person.age >= a.min_age]
    age = max(ages, key=lambda i: ratios.age_adjustments[i].add_points, default=None)
    shared = (f"{path}.ratios.band_basis",) + (
        (f"{path}.ratios.age_adjustments[{age}]",) if age is not None else ()
    )
    for seg in segments:
        band = next(
            (i for i, b in enumerate(bands) if b.upto is None or seg.high <= b.upto),
            len(bands) - 1,
        )
        trace.step(
            "band",
            round_fen(seg.paid),
            f"{path}.ratios",
            cite=(f"{bands_path}[{band}]", *shared),
            low=seg.low,
            high=seg.high,
            ratio=seg.ratio,
            paid=seg.paid,
        )
    own_paid = ZERO
    if own_after_deductible > 0:
        share = own_after_deductible / own_total
        for ratio_own, amount in ((r, a * share) for r, a in state.own_ratio):
            pay = amount * ratio_own
            if cap_left is not None:
                room = max(ZERO, cap_left - paid - own_paid)
                if pay > room:
                    over_cap += (pay - room) / ratio_own if ratio_own else ZERO
                    pay = room
            own_paid += pay
            lines = sum(1 for x in state.splits if x.own_ratio == ratio_own and x.inscp)
            trace.step(
                "own_ratio",
                round_fen(pay),
                "item_shares",
                cite=tuple(sorted(trace.share_rules)),
                amount=round_fen(amount),
                ratio=ratio_own,
                paid=round_fen(pay),
                lines=lines,
            )
    if over_cap:
        trace.step(
            "cap",
            round_fen(over_cap),
            f"{path}.cap",
            amount=cap.amount or ZERO,
            basis=cap.basis,
            over=over_cap,
        )
    state.fund_basic = round_fen(paid + own_paid)
    state.over_cap = round_fen(over_cap)
    eligible_after = base + own_after_deductible
    state.ratio = (
        (state.fund_basic / eligible_after).quantize(Decimal("0.0001"))
        if eligible_after > 0
        else bands[0].ratio
    )
