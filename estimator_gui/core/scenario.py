"""Scenario files: a case and its options, from the database or fully inline.

Inline scenarios carry their own rules (the rule-file format) and an itemised bill with each
line's catalogue class, so a worked example from a policy document can be checked without
the database. An optional `expect` block makes the file a golden test.

A scenario file is a user's file: `load` reads it within stated bounds and refuses anything else
with one line naming the file and the field, in English and Chinese —

- the file: a regular file of at most 1 MiB of UTF-8 YAML or JSON, nested at most 32 deep, of
  at most 100,000 values (counting what YAML aliases repeat);
- every number anywhere in it: finite (no .nan, .inf), and within ±10⁹;
- money (unit prices, payment caps, amounts given or used this year): 0 to 10⁹ yuan; a
  quantity: above 0 and at most 10⁶; a line's amount (quantity × unit price): at most 10⁹ yuan;
- at most 100 options, 60 stays, 20 inline rule files and 5,000 lines in a bill.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, create_model, model_validator

from . import engine, yamlio
from .case import Place, care_options
from .engine import EstimateError
from .errors import ScenarioError
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

MAX_MONEY = Decimal(10) ** 9  # yuan: any amount, and a line's quantity × unit price
MAX_QUANTITY = Decimal(10) ** 6
MAX_NUMBER = Decimal(10) ** 9  # any number anywhere in the file (inline rules included)
MAX_VALUES = 100_000  # values in the file, counting what YAML aliases repeat
MAX_LINES = 5_000
MAX_OPTIONS = 100
MAX_STAYS = 60
MAX_RULES = 20


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
    quantity: Decimal = Field(gt=0, le=MAX_QUANTITY)
    unit_price: Decimal = Field(ge=0, le=MAX_MONEY)
    item_class: ItemClass | None = Field(alias="class")  # null: not in the catalogue
    pay_cap: Decimal | None = Field(default=None, ge=0, le=MAX_MONEY)
    item_share: Decimal | None = Field(default=None, ge=0, le=1)
    restriction: str | None = None
    restriction_met: bool | None = None
    category: str | None = None
    origin: Origin | None = None
    home_class: ItemClass | None = None  # in the insured region's catalogue, for manual claims
    home_pay_cap: Decimal | None = Field(default=None, ge=0, le=MAX_MONEY)

    @model_validator(mode="after")
    def _amount(self) -> InlineLine:
        if self.quantity * self.unit_price > MAX_MONEY:
            raise ValueError(LINE_TOO_LARGE)
        return self


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

    fund_basic: Decimal = Field(default=Decimal(0), ge=0, le=MAX_MONEY)
    burden: Decimal = Field(ge=0, le=MAX_MONEY)  # in-policy personal burden after the basic fund
    over_cap: Decimal = Field(default=Decimal(0), ge=0, le=MAX_MONEY)  # above the basic cap
    preselfpay: Decimal = Field(default=Decimal(0), ge=0, le=MAX_MONEY)
    deductible_paid: Decimal = Field(default=Decimal(0), ge=0, le=MAX_MONEY)


class Stay(Model):
    """One stay or outpatient setting of a chain: its own bill and place; the year's amounts
    carry from the stays before it."""

    option: Place
    setting: Setting = Setting.INPATIENT
    date: dt.date | None = None  # default: the scenario's
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] | None = Field(default=None, max_length=MAX_LINES)
    lines: list[InlineLine] | None = Field(default=None, max_length=MAX_LINES)
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
    options: list[Place] = Field(default_factory=list, max_length=MAX_OPTIONS)
    # from the database
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] | None = Field(default=None, max_length=MAX_LINES)
    # inline
    rules: list[dict[str, Any]] | None = Field(default=None, max_length=MAX_RULES)
    lines: list[InlineLine] | None = Field(default=None, max_length=MAX_LINES)
    # a case that starts after the basic fund, or a chain of stays and settings
    given: Given | None = None
    stays: list[Stay] | None = Field(default=None, max_length=MAX_STAYS)
    expect: list[Expect] | None = Field(default=None, max_length=MAX_OPTIONS)

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


LINE_TOO_LARGE = "a line's amount (quantity × unit price) must be at most 1,000,000,000 yuan"

# Chinese for pydantic's messages (by error type) and for the scenario's own checks.
_ZH_TYPES = {
    "missing": "缺少此项",
    "extra_forbidden": "未知字段",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "finite_number": "应为有限数字（不能是 NaN 或无穷大）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "date_parsing": "应为有效日期（YYYY-MM-DD）",
    "date_type": "应为有效日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为有效日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期，不带时间",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "too_long": "项数过多（最多 {max_length} 项）",
    "too_short": "项数过少（至少 {min_length} 项）",
    "string_too_long": "文本过长（最多 {max_length} 个字符）",
    "string_pattern_mismatch": "格式不符（应匹配 {pattern}）",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "整数位数过多",
}
_ZH_MESSAGES = {
    "give exactly one of treatment, bill (database), lines (inline), given or stays": (
        "treatment、bill（数据库）、lines（内嵌）、given、stays 须给出且只给出一项"
    ),
    "inline lines (or a given start) need inline rules": "内嵌明细（或 given 起点）需要内嵌规则 rules",
    "options: give at least one place": "options：至少给出一个就医地点",
    "with stays, each stay names its option and expectation": (
        "使用 stays 时，由每个 stay 给出地点与预期"
    ),
    "expect needs one entry per option": "expect 的条目数须与 options 相同",
    "a stay gives exactly one of treatment, bill or lines": (
        "每个 stay 须给出且只给出 treatment、bill、lines 之一"
    ),
    LINE_TOO_LARGE: "单行金额（数量 × 单价）不得超过 1,000,000,000 元",
}


def _zh_message(error: Any) -> str:
    ctx = error.get("ctx") or {}
    template = _ZH_TYPES.get(error["type"])
    if template is not None:
        try:
            return template.format(**ctx)
        except (KeyError, IndexError):
            return template.split("{", 1)[0].rstrip("（：")
    msg = str(error["msg"]).removeprefix("Value error, ")
    return _ZH_MESSAGES.get(msg, msg)


def parse(raw: Any, name: str) -> Scenario:
    """A scenario from its parsed document; ScenarioError names the file and the first field
    that is wrong."""
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "(top)"
        msg = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ScenarioError(
            f"{name}: {loc}: {msg.removeprefix('Value error, ')}",
            f"{name}：{loc}：{_zh_message(first)}",
        ) from None
    _check_bills(scenario, name)
    _check_numbers(scenario.model_dump(exclude={"rules"}), name)
    return scenario


def load(path: Path, name: str | None = None) -> Scenario:
    """Read a scenario file within the bounds the module states; ScenarioError otherwise."""
    name = name or str(path)
    try:
        raw = yamlio.load_document(path, name)
    except yamlio.DocumentError as exc:
        raise ScenarioError(exc.text_en, exc.text_zh) from None
    _check_numbers(raw, name)
    return parse(raw, name)


def _check_numbers(raw: Any, name: str, prefix: str = "") -> None:
    """Every number finite and within ±MAX_NUMBER; at most MAX_VALUES values (aliases counted)."""
    stack: list[tuple[Any, str]] = [(raw, prefix)]
    seen = 0
    while stack:
        node, path = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise ScenarioError(
                f"{name}: more than {MAX_VALUES:,} values (counting what aliases repeat)",
                f"{name}：数值项超过 {MAX_VALUES:,} 个（含别名重复的部分）",
            )
        if isinstance(node, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in node.items())
        elif isinstance(node, list | tuple):
            stack.extend((v, f"{path}.{i}" if path else str(i)) for i, v in enumerate(node))
        elif isinstance(node, int | float | Decimal) and not isinstance(node, bool):
            _check_number(node, name, path or "(top)")


def _check_number(value: int | float | Decimal, name: str, path: str) -> None:
    number = Decimal(value) if not isinstance(value, Decimal) else value
    if not number.is_finite():
        raise ScenarioError(
            f"{name}: {path}: {value} is not a finite number",
            f"{name}：{path}：{value} 不是有限数字",
        )
    if abs(number) > MAX_NUMBER:
        text = str(value) if len(str(value)) <= 24 else str(value)[:20] + "…"
        raise ScenarioError(
            f"{name}: {path}: {text} is outside ±1,000,000,000 (the bound of any number here)",
            f"{name}：{path}：{text} 超出允许范围（数值的绝对值不得超过 1,000,000,000）",
        )


def _check_bills(scenario: Scenario, name: str) -> None:
    """A bill line from the database: a quantity of at most 10⁶, a unit price and an amount of
    at most 10⁹ yuan (the facade's BillEntry bounds only their signs)."""
    bills = [("bill", scenario.bill or [])]
    bills += [(f"stays.{i}.bill", s.bill or []) for i, s in enumerate(scenario.stays or [])]
    for where, entries in bills:
        for n, entry in enumerate(entries):
            at = f"{name}: {where}.{n}"
            zh_at = f"{name}：{where}.{n}"
            if entry.quantity > MAX_QUANTITY:
                raise ScenarioError(
                    f"{at}.quantity: Input should be less than or equal to {MAX_QUANTITY}",
                    f"{zh_at}.quantity：应小于或等于 {MAX_QUANTITY}",
                )
            price = entry.unit_price
            if price is not None and price > MAX_MONEY:
                raise ScenarioError(
                    f"{at}.unit_price: Input should be less than or equal to {MAX_MONEY}",
                    f"{zh_at}.unit_price：应小于或等于 {MAX_MONEY}",
                )
            if price is not None and entry.quantity * price > MAX_MONEY:
                raise ScenarioError(
                    f"{at}: {LINE_TOO_LARGE}", f"{zh_at}：{_ZH_MESSAGES[LINE_TOO_LARGE]}"
                )


def run(
    scenario: Scenario, estimator: Estimator | None, name: str = "scenario"
) -> list[OptionResult]:
    """Estimate every option of the scenario (or every stay of its chain, in order)."""
    try:
        return _run(scenario, estimator, name)
    except ArithmeticError as exc:  # decimal overflow: numbers within bounds, rules extreme
        raise _computed(name, exc) from None


def _run(scenario: Scenario, estimator: Estimator | None, name: str) -> list[OptionResult]:
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
        raise ScenarioError(
            f"{name}: needs the reference database (or inline rules and lines)",
            f"{name}：需要参考数据库（或内嵌规则与明细）",
        )
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
            raise ScenarioError(
                str(exc), f"{exc.file}：{exc.path or '（顶层）'}：规则有误：{exc.message}"
            ) from None
        files[region.region.id] = region
    for needed in (scenario.insured_region, option.treated_region):
        if needed not in files:
            raise ScenarioError(
                f"{name}: no inline rules for region {needed!r} (have {sorted(files)})",
                f"{name}：没有地区 {needed!r} 的内嵌规则（已有：{sorted(files)}）",
            )
    try:
        rules = (
            files[scenario.insured_region].resolve(option.date),
            files[option.treated_region].resolve(option.date),
        )
    except RuleGapError as exc:
        raise ScenarioError(
            f"{name}: date: {exc}",
            f"{name}：date：{exc.name_zh}没有适用于 {exc.on} 的规则（缺少：{'、'.join(exc.gaps)}）",
        ) from None
    for region_id, ruleset in zip(
        (scenario.insured_region, option.treated_region), rules, strict=True
    ):
        _check_numbers(ruleset.model_dump(), name, f"rules({region_id} on {option.date})")
    return rules


def _computed(name: str, exc: ArithmeticError) -> ScenarioError:
    """Numbers that pass every bound can still overflow once multiplied by rules: one line, not a
    traceback."""
    return ScenarioError(
        f"{name}: its numbers cannot be computed with ({type(exc).__name__}): "
        "check for extreme amounts, ratios or multipliers",
        f"{name}：其中的数值无法计算（{type(exc).__name__}），请检查是否有极端的金额、比例或倍数",
    )


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
