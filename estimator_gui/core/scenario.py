"""Scenario files: a case and its options, from the database or fully inline.

Inline scenarios carry their own rules (the rule-file format) and an itemised bill with each
line's catalogue class, so a worked example from a policy document can be checked without
the database. An optional `expect` block makes the file a golden test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, ValidationError, create_model, model_validator

from . import engine
from .case import Place, care_options
from .engine import EstimateError
from .estimator import BillEntry, Case, Estimator, OptionResult
from .fields import BY_KEY, EXPECTABLE
from .models import (
    BillLine,
    CareOption,
    CatalogTerms,
    Estimate,
    Item,
    ItemClass,
    ItemKind,
    Model,
    Origin,
    Person,
    RuleSet,
    Setting,
    YearToDate,
)
from .rules import RegionFile, RuleFileError, RuleGapError


class ScenarioError(ValueError):
    """A scenario file is wrong: one line naming the field."""


class CitedSource(Model):
    title: str
    url: str | None = None
    document: str | None = None
    date: dt.date | None = None
    quote: str | None = None
    note: str | None = None


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


class _ExpectBase(Model):
    """Expected settlement fields (any subset, to the fen; fields.py names them), and the
    payment of each supplementary layer in order (two layers of one kind stay apart)."""

    layers: list[Decimal] | None = None


Expect = create_model(  # type: ignore[call-overload]
    "Expect",
    __base__=_ExpectBase,
    **{key: (Decimal | None, None) for key in EXPECTABLE},
)


class Given(Model):
    """A case that starts after the basic fund (published 大病 and 救助 examples do): what the basic
    fund paid and what it left; only the supplementary layers are settled."""

    fund_basic: Decimal = Field(default=Decimal(0), ge=0)
    burden: Decimal = Field(ge=0)  # in-policy personal burden left after the basic fund
    over_cap: Decimal = Field(default=Decimal(0), ge=0)  # expense above the basic cap
    preselfpay: Decimal = Field(default=Decimal(0), ge=0)
    deductible_paid: Decimal = Field(default=Decimal(0), ge=0)


class Stay(Model):
    """One stay or outpatient setting of a chain: its own bill and place; the year's amounts
    carry from the stays before it."""

    option: Place
    setting: Setting = Setting.INPATIENT
    date: dt.date | None = None  # default: the scenario's
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] | None = None
    lines: list[InlineLine] | None = None
    expect: Expect | None = None

    @model_validator(mode="after")
    def _one_bill(self) -> Stay:
        if len([x for x in (self.treatment, self.bill, self.lines) if x]) != 1:
            raise ValueError("a stay gives exactly one of treatment, bill or lines")
        return self


class Scenario(Model):
    title: str | None = None
    source: CitedSource | None = None
    calculation: str | None = None  # how the expected figures were obtained (published / by hand)
    date: dt.date
    person: Person
    year_to_date: YearToDate = YearToDate()
    setting: Setting = Setting.INPATIENT
    insured_region: str
    options: list[Place] = Field(default_factory=list)
    # from the database
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] | None = None
    # inline
    rules: list[dict[str, Any]] | None = None
    lines: list[InlineLine] | None = None
    # a case that starts after the basic fund, or a chain of stays and settings
    given: Given | None = None
    stays: list[Stay] | None = None
    expect: list[Expect] | None = None

    @model_validator(mode="after")
    def _one_bill(self) -> Scenario:
        bills = [x for x in (self.treatment, self.bill, self.lines, self.given, self.stays) if x]
        if len(bills) != 1:
            raise ValueError(
                "give exactly one of treatment, bill (database), lines (inline), given or stays"
            )
        inline = (
            self.lines is not None
            or self.given is not None
            or any(s.lines for s in self.stays or [])
        )
        if inline and self.rules is None:
            raise ValueError("inline lines (or a given start) need inline rules")
        if self.stays is None and not self.options:
            raise ValueError("options: give at least one place")
        if self.stays is not None and (self.options or self.expect):
            raise ValueError("with stays, each stay names its option and expectation")
        if self.expect is not None and len(self.expect) != len(self.options):
            raise ValueError("expect needs one entry per option")
        return self

    @property
    def expectations(self) -> list[Any]:
        """One expectation (or None) per result, in order."""
        if self.stays is not None:
            return [s.expect for s in self.stays]
        return list(self.expect or [])

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


def run(
    scenario: Scenario, estimator: Estimator | None, name: str = "scenario"
) -> list[OptionResult]:
    """Estimate every option of the scenario (or every stay of its chain, in order)."""
    if scenario.stays is not None:
        return _run_stays(scenario, estimator, name)
    options = care_options(scenario.options, scenario.date, scenario.setting)
    if scenario.given is not None:
        return [_run_given(scenario, option, name) for option in options]
    if not scenario.inline:
        estimator = _need_database(estimator, name)
        case = _case(
            scenario,
            estimator,
            scenario.treatment,
            scenario.variant,
            scenario.bill,
            scenario.setting,
            scenario.date,
            scenario.year_to_date,
        )
        return estimator.compare(case, options, with_choices=False).results
    return [
        _run_inline(scenario, option, name, scenario.lines or [], scenario.year_to_date)
        for option in options
    ]


def _need_database(estimator: Estimator | None, name: str) -> Estimator:
    if estimator is None:
        raise ScenarioError(f"{name}: needs the reference database (or inline rules and lines)")
    return estimator


def _case(
    scenario: Scenario,
    estimator: Estimator,
    treatment: str | None,
    variant: Literal["low", "typical", "high"],
    bill: list[BillEntry] | None,
    setting: Setting,
    date: dt.date,
    ytd: YearToDate,
) -> Case:
    entries = estimator.bill_for(treatment, variant) if treatment else list(bill or [])
    return Case(
        insured_region=scenario.insured_region,
        person=scenario.person,
        date=date,
        entries=entries,
        setting=setting,
        year_to_date=ytd,
    )


def _run_stays(scenario: Scenario, estimator: Estimator | None, name: str) -> list[OptionResult]:
    """The stays in order, each starting from the year's amounts the ones before it left."""
    ytd = scenario.year_to_date
    results = []
    for i, stay in enumerate(scenario.stays or []):
        date = stay.date or scenario.date
        option = stay.option.option(date, stay.setting)
        if stay.lines:
            result = _run_inline(scenario, option, f"{name}: stays[{i}]", stay.lines, ytd)
        else:
            est = _need_database(estimator, name)
            case = _case(
                scenario, est, stay.treatment, stay.variant, stay.bill, stay.setting, date, ytd
            )
            result = est.try_estimate(case, option)
        results.append(result)
        if result.estimate is None:
            break  # the chain stops where a stay cannot be settled
        ytd = engine.year_to_date_after(ytd, result.estimate, stay.setting)
    return results


def _run_given(scenario: Scenario, option: CareOption, name: str) -> OptionResult:
    given = scenario.given
    assert given is not None
    insured, _ = _inline_rules(scenario, option, name)
    try:
        est = engine.settle_given(
            insured,
            scenario.person,
            option,
            given.fund_basic,
            given.burden,
            given.over_cap,
            given.preselfpay,
            given.deductible_paid,
            scenario.year_to_date,
        )
    except EstimateError as exc:
        return OptionResult.failed(option, exc)
    return OptionResult(option=option, estimate=est)


def _inline_rules(scenario: Scenario, option: CareOption, name: str) -> tuple[RuleSet, RuleSet]:
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
        return (
            files[scenario.insured_region].resolve(option.date),
            files[option.treated_region].resolve(option.date),
        )
    except RuleGapError as exc:
        raise ScenarioError(f"{name}: date: {exc}") from None


def _run_inline(
    scenario: Scenario,
    option: CareOption,
    name: str,
    lines: list[InlineLine],
    ytd: YearToDate,
) -> OptionResult:
    insured, treated = _inline_rules(scenario, option, name)
    try:
        est = engine.estimate(
            insured, treated, scenario.person, option, [_bill_line(x) for x in lines], ytd
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
    return BY_KEY[key].value(est)


def check(scenario: Scenario, results: list[OptionResult]) -> list[str]:
    """Mismatches between the expected and the estimated fields (empty: all match)."""
    problems = []
    expectations = scenario.expectations
    if len(results) < len(expectations):
        problems.append(f"only {len(results)} of {len(expectations)} stays could be settled")
    for i, (expect, result) in enumerate(zip(expectations, results, strict=False)):
        if expect is None:
            continue
        if result.estimate is None:
            problems.append(f"option {i + 1}: no estimate: {result.error_en}")
            continue
        wanted_fields = expect.model_dump(exclude_none=True)
        layers = wanted_fields.pop("layers", None)
        for key, wanted in wanted_fields.items():
            got = field_value(result.estimate, key)
            if got != Decimal(wanted):
                problems.append(f"option {i + 1}: {key}: expected {wanted}, estimated {got}")
        if layers is not None:
            got_layers = [p.amount for p in result.estimate.layers]
            if got_layers != [Decimal(x) for x in layers]:
                problems.append(
                    f"option {i + 1}: layers: expected {layers}, estimated {got_layers}"
                )
    return problems
