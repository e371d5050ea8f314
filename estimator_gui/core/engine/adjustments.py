"""Care-elsewhere adjustments: every kind handled here, its effect and its explanation together.

Each kind of `Adjustment` (models.py) has one handler and the phase it acts in. A kind without a
handler fails at import (`check_handled`), so a new kind cannot be silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..models import (
    Adjustment,
    AsLevel,
    DeductibleOverride,
    NotPaid,
    RatioDrop,
    RatioFixed,
    RatioMultiplier,
    ShareFirst,
)
from ..money import ZERO, clamp, round_fen
from .choose import level_value
from .state import Settlement

# the order in which the phases consult the adjustments (engine/__init__.py)
Phase = Literal["after_split", "stop", "level", "deductible", "ratio"]


@dataclass(frozen=True)
class Handler:
    phase: Phase
    apply: Callable[[Settlement, Any, str], None]


HANDLERS: dict[type, Handler] = {}


def handles(kind: type, phase: Phase) -> Callable[[Callable[[Settlement, Any, str], None]], Any]:
    def register(
        fn: Callable[[Settlement, Any, str], None],
    ) -> Callable[[Settlement, Any, str], None]:
        HANDLERS[kind] = Handler(phase, fn)
        return fn

    return register


def apply(state: Settlement, phase: Phase) -> None:
    """Apply, in the rule's order, the adjustments that act in this phase."""
    for path, adj in state.adjustments:
        handler = HANDLERS[type(adj)]
        if handler.phase == phase:
            handler.apply(state, adj, path)


# --- the kinds ------------------------------------------------------------------------------


@handles(ShareFirst, "after_split")
def share_first(state: Settlement, adj: ShareFirst, path: str) -> None:
    """先自理: this share of the eligible amount moves to 先行自付 before the normal rules."""
    first = round_fen(state.inscp * adj.share)
    state.pre += first
    state.inscp -= first
    state.trace.step("share_first", first, path, share=adj.share, first=first, rest=state.inscp)


@handles(NotPaid, "stop")
def not_paid(state: Settlement, adj: NotPaid, path: str) -> None:
    """The fund pays nothing here: the later phases are skipped."""
    state.not_paid = adj
    state.trace.step("not_paid", ZERO, path, reason=adj.reason)
    state.trace.warn("not_paid", reason=adj.reason)


@handles(AsLevel, "level")
def as_level(state: Settlement, adj: AsLevel, path: str) -> None:
    """Settled as at a home hospital of a given level (its deductible and ratios)."""
    state.level = adj.level
    state.trace.step("as_level", None, path, level=adj.level.value)


@handles(DeductibleOverride, "deductible")
def deductible_override(state: Settlement, adj: DeductibleOverride, path: str) -> None:
    """A deductible of its own for care elsewhere: an amount, a multiple of the home one, or a
    share of the bill, within the rule's bounds."""
    if adj.amount is not None:
        standard = level_value(adj.amount, state.level, f"{path}.amount", state.insured)
    elif adj.multiplier is not None:
        standard = round_fen(state.standard * adj.multiplier)
    else:
        assert adj.percent_of_bill is not None
        pob = adj.percent_of_bill
        standard = clamp(round_fen(state.total * pob.rate), pob.min, pob.max)
    state.standard = clamp(standard, adj.min or ZERO, adj.max)
    state.trace.step(
        "deductible", state.standard, path, text="deductible_override", standard=state.standard
    )


@handles(RatioDrop, "ratio")
def ratio_drop(state: Settlement, adj: RatioDrop, path: str) -> None:
    """The ratio falls by a number of percentage points (80% − 10 points = 70%)."""
    state.ratio_adjusters.append(lambda ratio: max(ZERO, ratio - adj.points))
    state.trace.step("ratio_adjust", None, path, text="ratio_drop", points=adj.points)


@handles(RatioFixed, "ratio")
def ratio_fixed(state: Settlement, adj: RatioFixed, path: str) -> None:
    """The ratio for care elsewhere, whatever the home bands say."""
    state.ratio_adjusters.append(lambda ratio: adj.ratio)
    state.trace.step("ratio_adjust", None, path, text="ratio_fixed", ratio=adj.ratio)


@handles(RatioMultiplier, "ratio")
def ratio_multiplier(state: Settlement, adj: RatioMultiplier, path: str) -> None:
    """The ratio times a factor (80% × 0.9 = 72%), not the same as a drop in points."""
    state.ratio_adjusters.append(lambda ratio: ratio * adj.factor)
    state.trace.step("ratio_adjust", None, path, text="ratio_multiplier", factor=adj.factor)


# --- exhaustiveness ---------------------------------------------------------------------------

KINDS: tuple[type, ...] = get_args(get_args(Adjustment)[0])


def check_handled(kinds: Iterable[type]) -> None:
    """Every kind of adjustment has a handler; raises naming the ones that do not."""
    missing = [k.__name__ for k in kinds if k not in HANDLERS]
    if missing:
        raise TypeError(f"care-elsewhere adjustment kinds without a handler: {', '.join(missing)}")


check_handled(KINDS)

__all__ = ["HANDLERS", "KINDS", "apply", "check_handled"]
