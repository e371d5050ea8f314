"""The working state of one settlement, handed from phase to phase.

Each phase reads what the phases before it settled and adds its own part; nothing else passes
between them. A plain (mutable) dataclass: the engine makes one per estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..models import (
    Adjustment,
    Benefit,
    BillLine,
    CareOption,
    ElsewhereRule,
    LayerPayment,
    Level,
    LineSplit,
    NotPaid,
    Person,
    RuleSet,
    Scope,
    YearToDate,
)
from ..money import ZERO
from .trace import Trace


@dataclass
class Settlement:
    # the case
    insured: RuleSet
    treated: RuleSet
    person: Person
    option: CareOption
    lines: Sequence[BillLine]
    ytd: YearToDate
    trace: Trace
    # 1. the rules chosen for this option
    scope: Scope = Scope.HOME
    path: str = ""  # rule path of the benefit (person and setting)
    benefit: Benefit | None = None
    rule: ElsewhereRule | None = None  # care elsewhere
    catalogue_from: Literal["treated", "insured"] = "treated"
    shares_from: RuleSet | None = None
    adjustments: list[tuple[str, Adjustment]] = field(default_factory=list)
    late_filing: bool = False  # unfiled across provinces: files before discharge
    # 2. the lines
    splits: list[LineSplit] = field(default_factory=list)
    total: Decimal = ZERO
    fulamt: Decimal = ZERO
    overlmt: Decimal = ZERO
    pre: Decimal = ZERO
    inscp: Decimal = ZERO
    own_ratio: list[tuple[Decimal, Decimal]] = field(default_factory=list)  # (ratio, eligible)
    # 3. the deductible
    level: Level = Level.LEVEL3  # whose deductible and ratios apply (care elsewhere may change it)
    standard: Decimal = ZERO
    deductible_paid: Decimal = ZERO
    # 4. the basic fund
    ratio_adjusters: list[Callable[[Decimal], Decimal]] = field(default_factory=list)
    fund_basic: Decimal = ZERO
    ratio: Decimal = ZERO
    over_cap: Decimal = ZERO
    # 5. the layers
    layers: list[LayerPayment] = field(default_factory=list)
    burden_axis: Decimal | None = None  # the amount put on the 大病 axis (first such layer)
    not_paid: NotPaid | None = None

    @property
    def benefit_(self) -> Benefit:
        assert self.benefit is not None, "the benefit is chosen first"
        return self.benefit

    @property
    def own_ratio_eligible(self) -> Decimal:
        return sum((amount for _, amount in self.own_ratio), ZERO)
