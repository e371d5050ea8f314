"""Phase 5: the supplementary layers — 大额/附加基金 above the basic cap, 大病保险 on the in-policy
personal burden, 医疗救助 for eligible groups — each on what the layers before it left."""

from __future__ import annotations

from decimal import Decimal

from ..models import BandBasis, Layer, LayerPayment
from ..money import ZERO, round_fen
from .bands import Segment, pay_bands
from .state import Settlement


def pay_layer(
    layer: Layer, amount: Decimal, position: Decimal, paid_before: Decimal
) -> tuple[Decimal, list[Segment]]:
    """A supplementary layer on `amount` sitting at cumulative `position` of its axis."""
    low = max(position, layer.deductible)
    high = position + amount
    if high <= low:
        return ZERO, []
    if layer.band_basis is BandBasis.ABOVE_DEDUCTIBLE:
        low, high = low - layer.deductible, high - layer.deductible
    cap_left = None if layer.cap is None else max(ZERO, layer.cap - paid_before)
    paid, _, segments = pay_bands(layer.bands, low, high - low, cap_left)
    return paid, segments


def supplementary(state: Settlement) -> None:
    """Phase 5: the layers in their order, each paying on what the previous ones left."""
    benefit, person, ytd, trace = state.benefit_, state.person, state.ytd, state.trace
    over_cap_left = state.over_cap
    burden_in_policy = state.inscp - state.fund_basic
    for i, layer in enumerate(benefit.layers):
        if layer.eligible_groups is not None and not set(layer.eligible_groups) & set(
            person.groups
        ):
            continue
        if layer.base == "over_cap":
            amount, position = over_cap_left, ZERO
        else:
            amount = burden_in_policy + (state.pre if layer.include_preselfpay else ZERO)
            if not layer.include_deductible:
                amount = max(ZERO, amount - state.deductible_paid)
            position = ytd.personal_burden
            if state.burden_axis is None:
                state.burden_axis = amount  # what the year's burden axis grows by
        pay, segments = pay_layer(layer, amount, position, ytd.layer_paid.get(layer.kind, ZERO))
        pay = round_fen(min(pay, amount))
        if layer.base == "over_cap":
            over_cap_left -= pay
        burden_in_policy -= pay
        state.layers.append(
            LayerPayment(kind=layer.kind, name_zh=layer.name_zh, name_en=layer.name_en, amount=pay)
        )
        if not amount:
            continue  # nothing reached this layer: no step to explain
        trace.step(
            f"layer_{layer.kind.value}",
            pay,
            f"{state.path}.layers[{i}]",
            text="layer",
            name_zh=layer.name_zh,
            name_en=layer.name_en,
            over_cap=layer.base == "over_cap",
            amount=amount,
            deductible=layer.deductible,
            parts=[(s.high - s.low, s.ratio) for s in segments],
            paid=pay,
        )
