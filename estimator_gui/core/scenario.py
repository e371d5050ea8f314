"""Scenario files: a case and its options, from the database or fully inline.

Inline scenarios carry their own rules (the rule-file format) and an itemised bill with each
line's catalogue class, so a worked example from a policy document can be checked without
the database. An optional `expect` block makes the file a golden test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from . import engine
from .engine import EstimateError
from .estimator import BillEntry, Case, Estimator, OptionResult
from .models import (
    BillLine,
    CareOption,
    CatalogTerms,
    Estimate,
    Filing,
    Item,
    ItemClass,
    ItemKind,
    Level,
    Model,
    Origin,
    Person,
    Route,
    Setting,
    YearToDate,
)
from .rules import RegionFile, RuleFileError, RuleGapError

EXPECTABLE = (
    "total",
    "fulamt_ownpay",
    "overlmt_selfpay",
    "preselfpay",
    "inscp",
    "deductible_standard",
    "deductible_paid",
    "fund_basic",
    "fund_ratio",
    "fund_total",
    "patient_burden",
    "large_amount",
    "critical_illness",
    "assistance",
)


class ScenarioError(ValueError):
    """A scenario file is wrong: one line naming the field."""


class CitedSource(Model):
    title: str
    url: str | None = None
    document: str | None = None
    date: dt.date | None = None
    quote: str | None = None
    note: str | None = None


class OptionSpec(Model):
    treated_region: str
    level: Level
    filing: Filing | None = None
    route: Route = Route.DIRECT
    networked: bool = True


class InlineLine(Model):
    """A bill line with its catalogue terms, for scenarios without the database."""

    code: str
    name_zh: str
    kind: ItemKind
    quantity: Decimal = Field(gt=0)
    unit_price: Decimal = Field(ge=0)
    item_class: ItemClass | None = Field(alias="class")  # null: not in the catalogue
    pay_cap: Decimal | None = Field(default=None, ge=0)
    item_share: Decimal | None = Field(default=None, ge=0, le=1)
    restriction: str | None = None
    restriction_met: bool | None = None
    category: str | None = None
    origin: Origin | None = None
    home_class: ItemClass | None = None  # in the insured region's catalogue, for manual claims
    home_pay_cap: Decimal | None = Field(default=None, ge=0)


class Expect(Model):
    """Expected settlement fields (any subset), to the fen."""

    total: Decimal | None = None
    fulamt_ownpay: Decimal | None = None
    overlmt_selfpay: Decimal | None = None
    preselfpay: Decimal | None = None
    inscp: Decimal | None = None
    deductible_standard: Decimal | None = None
    deductible_paid: Decimal | None = None
    fund_basic: Decimal | None = None
    fund_ratio: Decimal | None = None
    fund_total: Decimal | None = None
    patient_burden: Decimal | None = None
    large_amount: Decimal | None = None
    critical_illness: Decimal | None = None
    assistance: Decimal | None = None


class Scenario(Model):
    title: str | None = None
    source: CitedSource | None = None
    calculation: str | None = None  # how the expected figures were obtained (published / by hand)
    date: dt.date
    person: Person
    year_to_date: YearToDate = YearToDate()
    setting: Setting = Setting.INPATIENT
    insured_region: str
    options: list[OptionSpec] = Field(min_length=1)
    # from the database
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] | None = None
    # inline
    rules: list[dict[str, Any]] | None = None
    lines: list[InlineLine] | None = None
    expect: list[Expect] | None = None

    @model_validator(mode="after")
    def _one_bill(self) -> Scenario:
        given = [x for x in (self.treatment, self.bill, self.lines) if x]
        if len(given) != 1:
            raise ValueError("give exactly one of treatment, bill (database) or lines (inline)")
        if self.lines is not None and self.rules is None:
            raise ValueError("inline lines need inline rules")
        if self.expect is not None and len(self.expect) != len(self.options):
            raise ValueError("expect needs one entry per option")
        return self

    @property
    def inline(self) -> bool:
        return self.rules is not None


def parse(raw: Any, name: str) -> Scenario:
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "(top)"
        msg = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ScenarioError(f"{name}: {loc}: {msg.removeprefix('Value error, ')}") from None


def care_options(scenario: Scenario) -> list[CareOption]:
    return [
        CareOption(date=scenario.date, setting=scenario.setting, **o.model_dump())
        for o in scenario.options
    ]


def run(
    scenario: Scenario, estimator: Estimator | None, name: str = "scenario"
) -> list[OptionResult]:
    """Estimate every option of the scenario."""
    options = care_options(scenario)
    if not scenario.inline:
        if estimator is None:
            raise ScenarioError(f"{name}: needs the reference database (or inline rules and lines)")
        entries = (
            estimator.bill_for(scenario.treatment, scenario.variant)
            if scenario.treatment
            else list(scenario.bill or [])
        )
        case = Case(
            insured_region=scenario.insured_region,
            person=scenario.person,
            date=scenario.date,
            entries=entries,
            setting=scenario.setting,
            year_to_date=scenario.year_to_date,
        )
        return estimator.compare(case, options, with_choices=False).results
    return [_run_inline(scenario, option, name) for option in options]


def _run_inline(scenario: Scenario, option: CareOption, name: str) -> OptionResult:
    files: dict[str, RegionFile] = {}
    for i, raw in enumerate(scenario.rules or []):
        try:
            region = RegionFile(raw, f"{name}: rules[{i}]")
        except RuleFileError as exc:
            raise ScenarioError(str(exc)) from None
        files[region.region.id] = region
    for needed in (scenario.insured_region, option.treated_region):
        if needed not in files:
            raise ScenarioError(
                f"{name}: no inline rules for region {needed!r} (have {sorted(files)})"
            )
    try:
        insured = files[scenario.insured_region].resolve(scenario.date)
        treated = files[option.treated_region].resolve(scenario.date)
    except RuleGapError as exc:
        raise ScenarioError(f"{name}: date: {exc}") from None
    lines = [_bill_line(line) for line in scenario.lines or []]
    try:
        est = engine.estimate(
            insured, treated, scenario.person, option, lines, scenario.year_to_date
        )
    except EstimateError as exc:
        return OptionResult.failed(option, exc)
    return OptionResult(option=option, estimate=est)


def _bill_line(line: InlineLine) -> BillLine:
    def terms(cls: ItemClass | None, cap: Decimal | None, which: str) -> CatalogTerms:
        return CatalogTerms(
            catalogue=f"inline-{which}",
            covered=cls is not None,
            item_class=cls,
            pay_cap=cap,
            item_share=line.item_share,
            restriction=line.restriction,
        )

    item = Item(
        code=line.code,
        kind=line.kind,
        name_zh=line.name_zh,
        category=line.category,
        origin=line.origin,
    )
    return BillLine(
        item=item,
        quantity=line.quantity,
        unit_price=line.unit_price,
        terms=terms(line.item_class, line.pay_cap, "treated"),
        home_terms=terms(
            line.home_class or line.item_class, line.home_pay_cap or line.pay_cap, "insured"
        ),
        restriction_met=line.restriction_met,
    )


def field_value(est: Estimate, key: str) -> Decimal:
    if key in ("large_amount", "critical_illness", "assistance"):
        from .models import LayerKind

        return est.layer_amount(LayerKind(key))
    value = getattr(est, key)
    assert isinstance(value, Decimal)
    return value


def check(scenario: Scenario, results: list[OptionResult]) -> list[str]:
    """Mismatches between the expected and the estimated fields (empty: all match)."""
    problems = []
    for i, (expect, result) in enumerate(zip(scenario.expect or [], results, strict=True)):
        if result.estimate is None:
            problems.append(f"option {i + 1}: no estimate: {result.error_en}")
            continue
        for key, wanted in expect.model_dump(exclude_none=True).items():
            got = field_value(result.estimate, key)
            if got != Decimal(wanted):
                problems.append(f"option {i + 1}: {key}: expected {wanted}, estimated {got}")
    return problems
