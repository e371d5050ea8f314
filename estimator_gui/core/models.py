"""Frozen pydantic models: the vocabulary shared by rules, engine, database, CLI and GUI.

Policy values have no defaults: a rule file that omits one fails validation with the key's
name. Defaults exist only for scope selectors ("applies to every level") and user inputs
("nothing paid so far this year").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SkipValidation,
    field_validator,
    model_validator,
)

Rate = Annotated[Decimal, Field(ge=0, le=1)]
Amount = Annotated[Decimal, Field(ge=0)]


class Model(BaseModel):
    # defer_build: schemas are built on first use, not at import (saves ~50 ms of start-up)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- the fixed vocabulary (README glossary) ------------------------------------------


class Scheme(StrEnum):
    EMPLOYEE = "employee"  # 职工基本医疗保险
    RESIDENT = "resident"  # 城乡居民基本医疗保险


class PersonKind(StrEnum):
    EMPLOYED = "employed"  # 在职
    RETIRED = "retired"  # 退休
    ADULT = "adult"  # 居民 成年
    ELDERLY = "elderly"  # 居民 老年
    CHILD = "child"  # 居民 学生儿童


class Level(StrEnum):
    COMMUNITY = "community"  # 社区/基层
    LEVEL1 = "level1"  # 一级
    LEVEL2 = "level2"  # 二级
    LEVEL3 = "level3"  # 三级


class Setting(StrEnum):
    INPATIENT = "inpatient"  # 住院
    OUTPATIENT_CHRONIC = "outpatient_chronic"  # 门诊慢特病
    OUTPATIENT_GENERAL = "outpatient_general"  # 普通门诊
    # 门诊特殊疾病 (门特): each its own deductible, ratio and yearly cap where a region sets them
    SPECIAL_DIALYSIS = "special_dialysis"  # 尿毒症透析
    SPECIAL_CANCER = "special_cancer"  # 恶性肿瘤门诊放化疗
    SPECIAL_TRANSPLANT = "special_transplant"  # 器官移植术后抗排异


class ItemKind(StrEnum):
    DRUG = "drug"  # 药品
    SERVICE = "service"  # 医疗服务项目
    CONSUMABLE = "consumable"  # 医用耗材


class ItemClass(StrEnum):
    JIA = "甲"
    YI = "乙"
    BING = "丙"


class Origin(StrEnum):
    DOMESTIC = "domestic"  # 国产
    IMPORTED = "imported"  # 进口


class Filing(StrEnum):
    LONG_TERM_RESIDENT = "long_term_resident"  # 异地长期居住
    RESETTLED_RETIREE = "resettled_retiree"  # 异地安置退休
    POSTED_WORKER = "posted_worker"  # 常驻异地工作
    REFERRAL = "referral"  # 异地转诊
    EMERGENCY = "emergency"  # 异地急诊抢救
    TEMPORARY = "temporary"  # 其他临时外出就医（已备案）
    UNFILED = "unfiled"  # 未备案


class Route(StrEnum):
    DIRECT = "direct"  # 直接结算
    MANUAL = "manual"  # 手工报销（回参保地）


class Scope(StrEnum):
    HOME = "home"  # 参保地
    IN_PROVINCE = "in_province"  # 省内异地
    OUT_OF_PROVINCE = "out_of_province"  # 跨省异地


class Tier(StrEnum):
    OFFICIAL = "official"  # 官方文件
    SECONDARY = "secondary"  # 二手转述
    ESTIMATE = "estimate"  # 估算


class BandBasis(StrEnum):
    ABSOLUTE = "absolute"  # 分段按年度累计金额
    ABOVE_DEDUCTIBLE = "above_deductible"  # 分段按起付线以上金额


class LayerKind(StrEnum):
    LARGE_AMOUNT = "large_amount"  # 大额/附加基金（职工）
    CRITICAL_ILLNESS = "critical_illness"  # 大病保险
    ASSISTANCE = "assistance"  # 医疗救助


LEVEL_KEYS = {"all", *(level.value for level in Level)}


# --- sources -------------------------------------------------------------------------


class Source(Model):
    """Where a figure comes from: every policy value and price carries one."""

    id: str
    title: str
    url: str | None = None
    document: str | None = None  # 文号, e.g. 医保发〔2022〕22号
    date: dt.date
    tier: Tier
    note: str | None = None
    # the label of whoever confirmed or corrected the value locally (a hospital's 医保办, a
    # bureau): set only on the sources of local corrections (user data folder), never bundled
    verified_by: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not self.url and not self.document:
            raise ValueError("a source needs a url or a document number")
        return self


class Provenance(Model):
    """The source of one resolved parameter and the dates its value is in force."""

    source: Source
    valid_from: dt.date
    valid_until: dt.date | None


# --- rules in force on a date --------------------------------------------------------


def _check_level_keys(table: dict[str, object]) -> None:
    unknown = set(table) - LEVEL_KEYS
    if unknown:
        raise ValueError(f"unknown hospital level(s) {sorted(unknown)}; use {sorted(LEVEL_KEYS)}")
    if not table:
        raise ValueError("needs at least one hospital level (or 'all')")


class Band(Model):
    """One band of a banded ratio: applies up to `upto` (null: no upper edge)."""

    upto: Amount | None
    ratio: Rate


def _check_bands(bands: list[Band]) -> None:
    if not bands:
        raise ValueError("needs at least one band")
    edges = [b.upto for b in bands[:-1]]
    if any(edge is None for edge in edges):
        raise ValueError("only the last band may have upto: null")
    if bands[-1].upto is not None:
        raise ValueError("the last band must have upto: null (say what applies above the top edge)")
    for lower, upper in itertools.pairwise(edges):
        assert lower is not None and upper is not None
        if upper <= lower:
            raise ValueError(f"band edges must increase: {lower} then {upper}")


class PercentOfBill(Model):
    rate: Rate
    min: Amount
    max: Amount

    @model_validator(mode="after")
    def _ordered(self) -> PercentOfBill:
        if self.max < self.min:
            raise ValueError("max must not be below min")
        return self


class LaterAdmission(Model):
    """Deductible for the n-th and later admissions of the insurance year."""

    from_admission: int = Field(ge=2)
    multiplier: Rate | None = None  # of the first admission's deductible
    amount: Amount | None = None  # a flat amount
    step_down: Amount | None = None  # minus this per admission ...
    floor: Amount | None = None  # ... not below this
    levels: list[Level] | None = None  # only at these levels (None: all)
    min: Amount | None = None  # bounds on the result, whatever the method ("不低于150元")
    max: Amount | None = None

    @model_validator(mode="after")
    def _one_method(self) -> LaterAdmission:
        given = [x for x in (self.multiplier, self.amount, self.step_down) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of multiplier, amount, step_down")
        if self.step_down is not None and self.floor is None:
            raise ValueError("step_down needs a floor")
        _check_bounds(self.min, self.max)
        return self


def _check_bounds(low: Decimal | None, high: Decimal | None) -> None:
    if low is not None and high is not None and high < low:
        raise ValueError("max must not be below min")


class Deductible(Model):
    """起付线."""

    basis: Literal["per_admission", "per_year"]
    amount: dict[str, Amount]  # by hospital level, or "all" ({} when percent_of_bill says it)
    later_admissions: list[LaterAdmission]
    year_total_cap: Amount | None  # no further deductible once this much is paid in a year
    exempt_groups: list[str]  # e.g. low_income: no deductible

    percent_of_bill: PercentOfBill | None = None  # a % of the stay's total, with min and max

    @field_validator("amount")
    @classmethod
    def _levels(cls, v: dict[str, Decimal]) -> dict[str, Decimal]:
        if v:  # empty only with percent_of_bill (checked below)
            _check_level_keys(dict(v))
        return v

    @model_validator(mode="after")
    def _some_amount(self) -> Deductible:
        if not self.amount and self.percent_of_bill is None:
            raise ValueError(
                "amount needs at least one hospital level (or 'all'), or give percent_of_bill"
            )
        return self

    @field_validator("later_admissions")
    @classmethod
    def _sorted(cls, v: list[LaterAdmission]) -> list[LaterAdmission]:
        starts = [x.from_admission for x in v]
        if starts != sorted(starts):
            raise ValueError("later_admissions must be sorted by from_admission")
        return v


class AgeAdjustment(Model):
    """Ratio add-on by age (Chengdu 职工: +2 pp at 50, ...). The highest matching applies."""

    min_age: int = Field(ge=0)
    add_points: Rate


class Ratios(Model):
    """统筹支付比例, by hospital level and amount band."""

    band_basis: BandBasis
    bands: dict[str, list[Band]]
    age_adjustments: list[AgeAdjustment] = []

    @field_validator("bands")
    @classmethod
    def _bands(cls, v: dict[str, list[Band]]) -> dict[str, list[Band]]:
        _check_level_keys(dict(v))
        for level, bands in v.items():
            try:
                _check_bands(bands)
            except ValueError as exc:
                raise ValueError(f"{level}: {exc}") from None
        return v


class Cap(Model):
    """封顶线: on what the fund pays, on the eligible expense (Wuhan), or on the eligible expense
    above the deductible (one reading of Shanghai's 《办法》)."""

    amount: Amount | None  # null: no cap
    basis: Literal["fund", "eligible", "eligible_above_deductible"]


class Layer(Model):
    """A supplementary layer: 大额/附加基金, 大病保险, 医疗救助."""

    kind: LayerKind
    name_zh: str
    name_en: str
    base: Literal["over_cap", "personal_burden"]
    include_preselfpay: bool  # personal_burden only: does 乙类先行自付 count
    include_deductible: bool = True  # personal_burden only: does the basic deductible count
    deductible: Amount
    band_basis: BandBasis
    bands: list[Band]
    cap: Amount | None
    eligible_groups: list[str] | None = None  # None: everyone in the scheme

    @field_validator("bands")
    @classmethod
    def _bands(cls, v: list[Band]) -> list[Band]:
        _check_bands(v)
        return v


class Benefit(Model):
    """What a scheme pays for one person type in one care setting."""

    deductible: Deductible
    ratios: Ratios
    cap: Cap
    layers: list[Layer]


class PersonRules(Model):
    kind: PersonKind
    name_zh: str
    name_en: str
    min_age: int | None = None
    max_age: int | None = None
    settings: dict[Setting, Benefit]


class SchemeRules(Model):
    year_start: str = Field(pattern=r"^\d\d-\d\d$")  # insurance year start, MM-DD
    persons: dict[str, PersonRules]


class ShareRule(Model):
    """先行自付 share for catalogue items: the first rule that matches a line applies."""

    kinds: list[ItemKind]
    classes: list[ItemClass]
    share: Rate
    category_prefixes: list[str] | None = None  # e.g. ATC-like XA10 (insulin and diabetes)
    origin: Origin | None = None
    unit_price_from: Amount | None = None  # inclusive, yuan per unit
    unit_price_to: Amount | None = None  # exclusive
    pay_cap: Amount | None = None  # most a unit may count for (最高支付标准); above: 超限价
    # paid at its own ratio after the share, not at the banded ratio (an implant: 50% first,
    # the rest in full: ratio 1); None: the normal deductible and bands
    ratio: Rate | None = None
    note: str | None = None


class RatioDrop(Model):
    kind: Literal["ratio_drop"]
    points: Rate  # 0.10 = ten percentage points


class RatioMultiplier(Model):
    kind: Literal["ratio_multiplier"]
    factor: Rate


class RatioFixed(Model):
    kind: Literal["ratio_fixed"]
    ratio: Rate  # the ratio for care elsewhere, whatever the home bands say (e.g. a flat 50%)


class ShareFirst(Model):
    kind: Literal["share_first"]
    share: Rate  # 先自理: this share of the eligible amount is paid by the patient first


class DeductibleOverride(Model):
    kind: Literal["deductible_override"]
    amount: dict[str, Amount] | None = None  # by level or "all"
    multiplier: Decimal | None = Field(default=None, gt=0)  # of the home deductible
    percent_of_bill: PercentOfBill | None = None
    min: Amount | None = None  # bounds on the result (a multiple of the home deductible, …)
    max: Amount | None = None

    @model_validator(mode="after")
    def _one(self) -> DeductibleOverride:
        given = [x for x in (self.amount, self.multiplier, self.percent_of_bill) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of amount, multiplier, percent_of_bill")
        if self.amount is not None:
            _check_level_keys(dict(self.amount))
        _check_bounds(self.min, self.max)
        return self


class AsLevel(Model):
    kind: Literal["as_level"]
    level: Level  # settle as at a home hospital of this level


class NotPaid(Model):
    kind: Literal["not_paid"]
    reason: Literal["general_outpatient", "non_networked", "unfiled"]


Adjustment = Annotated[
    RatioDrop | RatioMultiplier | RatioFixed | ShareFirst | DeductibleOverride | AsLevel | NotPaid,
    Field(discriminator="kind"),
]


class ElsewhereRule(Model):
    """The insured region's rule for care elsewhere (异地就医), matched in order."""

    scopes: list[Literal[Scope.IN_PROVINCE, Scope.OUT_OF_PROVINCE]]
    filings: list[Filing]
    routes: list[Route]
    settings: list[Setting] | None = None  # None: every setting
    schemes: list[Scheme] | None = None  # None: both schemes
    levels: list[Level] | None = None  # hospital level where treated; None: every level
    networked: bool | None = None  # None: networked or not
    # provinces (as in region.province, e.g. 重庆市) or region ids where the rule applies; None:
    # anywhere in its scopes. The most specific matching rule wins: a region, then a province.
    destinations: list[str] | None = None
    # no filing needed there (京津冀, a bilateral agreement, a province without in-province
    # filing): an unfiled patient settles directly as this rule says
    filing_free: bool = False
    catalogue: Literal["treated", "insured"]  # whose catalogue judges the bill
    shares_from: Literal["treated", "insured"]  # whose 乙类 shares apply
    merge_accumulators: bool  # do home year-to-date amounts count
    adjustments: list[Adjustment]
    note_zh: str | None = None
    note_en: str | None = None


class RegionInfo(Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name_zh: str
    name_en: str
    province: str  # 省级 name in Chinese, decides in/out of province
    province_en: str
    kind: Literal["municipality", "prefecture", "county"]
    catalogs: dict[ItemKind, str]  # catalogue id per item kind (whose class and caps apply)
    price_lists: list[str]  # price list ids, searched in order
    # hospital levels that exist there (a county may have no 三级 hospital); None: not stated, so
    # the app gives no advice about going to another level there
    levels: list[Level] | None = None
    hotline: str | None = None  # the bureau's service line (区号-12393)


class RuleSet(Model):
    """A region's rules as they stood on one date, with the provenance of every value."""

    region: RegionInfo
    on: dt.date
    schemes: dict[Scheme, SchemeRules]
    item_shares: list[ShareRule]
    elsewhere: list[ElsewhereRule]
    provenance: dict[str, Provenance]  # parameter path -> source and dates
    gaps: dict[str, str] = {}  # parts with no value on this date (person types, settings)

    def source_for(self, path: str) -> Provenance | None:
        """The provenance of a parameter: its own history, its nearest dated ancestor, or
        (when the block is cited value by value) the first dated value inside it."""
        memo = rule_memo(self)
        key = ("for", path)
        if key not in memo:
            found = next(
                (self.provenance[p] for p in _prefixes(path) if p in self.provenance), None
            )
            if found is None:
                inside = sorted(
                    p for p in self.provenance if p.startswith((path + ".", path + "["))
                )
                found = self.provenance[inside[0]] if inside else None
            memo[key] = found
        return memo[key]  # type: ignore[return-value]

    def verified_at(self, paths: Sequence[str]) -> Provenance | None:
        """A locally verified value (a local correction) at or under one of `paths`: it outranks
        the block's own source in the explanation of a step that used it."""
        memo = rule_memo(self)
        local = memo.get(("verified",))
        if local is None:
            local = memo[("verified",)] = tuple(
                sorted((p, v) for p, v in self.provenance.items() if v.source.verified_by)
            )
        for path in paths if local else ():
            for p, prov in local:  # type: ignore[attr-defined]
                if p == path or p.startswith((path + ".", path + "[")):
                    return prov  # type: ignore[no-any-return]
        return None

    def sources_under(self, path: str) -> list[Provenance]:
        """Every provenance that applies to a block: its ancestors' and its own values'."""
        memo = rule_memo(self)
        key = ("under", path)
        if key not in memo:
            found = [self.provenance[p] for p in _prefixes(path) if p in self.provenance]
            found += [
                v
                for p, v in sorted(self.provenance.items())
                if p.startswith((path + ".", path + "["))
            ]
            memo[key] = found
        return memo[key]  # type: ignore[return-value]


# Lookups of provenance by path, remembered per rule set: an estimate asks the same paths every
# time, and scanning the provenance of a finely cited region costs more than the estimate itself.
_MEMOS: OrderedDict[int, tuple[RuleSet, dict[tuple[str, ...], object]]] = OrderedDict()


def rule_memo(rules: RuleSet) -> dict[tuple[str, ...], object]:
    entry = _MEMOS.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = (rules, {})  # holding the rule set keeps its id from being reused
        _MEMOS[id(rules)] = entry
        if len(_MEMOS) > 256:
            _MEMOS.popitem(last=False)
    return entry[1]


def _prefixes(path: str) -> list[str]:
    """a.b[2].c → [a.b[2].c, a.b[2], a.b, a]: the path and its ancestors, nearest first."""
    cuts = [i for i, ch in enumerate(path) if ch in ".["]
    return [path, *(path[:i] for i in reversed(cuts))]


# --- the bill ------------------------------------------------------------------------


class Item(Model):
    code: str
    kind: ItemKind
    name_zh: str
    name_en: str | None = None
    unit: str | None = None
    category: str | None = None  # ATC-like drug class or service/consumable category code
    origin: Origin | None = None
    part: str | None = None  # drugs: western / patent / herbal (which part of the drug list)


class CatalogTerms(Model):
    """How one catalogue treats one item: class, payment cap, per-item share, restriction."""

    catalogue: str  # the catalogue (edition) that judged the item
    covered: bool
    item_class: ItemClass | None  # None when not covered
    pay_cap: Amount | None = None  # per unit (支付标准/限价)
    item_share: Rate | None = None  # per-item 先行自付 share, overrides the region's rule
    restriction: str | None = None  # 限定支付范围
    source: Source | None = None

    @model_validator(mode="after")
    def _class_when_covered(self) -> CatalogTerms:
        if self.covered and self.item_class is None:
            raise ValueError("a covered item needs its class 甲/乙/丙")
        return self


class BillLine(Model):
    item: Item
    quantity: Decimal = Field(gt=0)
    unit_price: Amount
    price_source: Source | None = None
    price_edition: str | None = None  # the price list (edition) the price came from
    terms: CatalogTerms  # in the catalogue of the treated region (home: the home catalogue)
    home_terms: CatalogTerms | None = None  # in the insured region's catalogue, for manual claims
    restriction_met: bool | None = None  # None: not stated by the user

    @property
    def price_estimated(self) -> bool:
        return self.price_source is not None and self.price_source.tier is Tier.ESTIMATE


class Person(Model):
    scheme: Scheme
    kind: PersonKind
    age: int = Field(ge=0, le=130)
    groups: list[str] = []  # e.g. low_income, for exemptions and 医疗救助


class YearToDate(Model):
    """What the insurance year has already used, before this episode (all optional, default 0)."""

    admissions: int = Field(default=0, ge=0)
    deductible_paid: Amount = Decimal(0)
    eligible_amount: Amount = Decimal(0)  # cumulative 政策范围内 amount
    fund_paid: Amount = Decimal(0)  # basic pooled fund paid
    personal_burden: Amount = Decimal(0)  # cumulative in-policy personal burden (大病 basis)
    layer_paid: dict[LayerKind, Amount] = {}


class CareOption(Model):
    """Where and how the care happens."""

    treated_region: str
    level: Level
    setting: Setting = Setting.INPATIENT
    filing: Filing | None = None  # None at home
    route: Route = Route.DIRECT
    networked: bool = True
    date: dt.date


# --- the result ----------------------------------------------------------------------


class Step(Model):
    """One step of the explanation: what was done, the amount, the rule and its source."""

    key: str
    amount: Decimal | None
    text_zh: str
    text_en: str
    rule: str | None = None  # parameter path in the rule set
    provenance: Provenance | None = None


WarningCode = Literal[
    "restricted",
    "estimated_price",
    "stale_rule",
    "not_covered",
    "not_paid",
    "secondary_source",
    "estimated_rule",
    "manual_claim",
    "late_filing",
    "template_rules",
    "package_scope",
    "unknown_limit",
    "edition_date",
    "standin_price",
    "standin_catalogue",
    "local_correction",
]


class Warning(Model):
    code: WarningCode
    text_zh: str
    text_en: str


@dataclass(slots=True)
class LineSplit:
    """One bill line split into the settlement parts. A plain (not frozen) dataclass: the engine
    makes one per line, and validating or freezing each would halve the engine's speed."""

    code: str
    name_zh: str
    kind: ItemKind
    item_class: ItemClass | None
    amount: Decimal
    fulamt_ownpay: Decimal
    overlmt_selfpay: Decimal
    preselfpay: Decimal
    inscp: Decimal
    share: Decimal  # 先行自付 share applied
    pay_cap: Decimal | None = None  # unit payment cap applied
    own_ratio: Decimal | None = None  # paid at its own ratio, not the banded one


class Edition(Model):
    """An edition of a catalogue or price list that an estimate used, and for which lines."""

    kind: Literal["catalog", "price"]
    edition: str  # <list>@<from>
    name_zh: str
    name_en: str
    in_force_from: dt.date  # official start (a snapshot may be used for earlier dates)
    parts: list[str] | None = None  # drug list parts judged by this edition
    local: bool  # the treated place's own list (False: a stand-in from elsewhere)
    lines: int  # how many bill lines it classed or priced


class LayerPayment(Model):
    kind: LayerKind
    name_zh: str
    name_en: str
    amount: Decimal


class Estimate(Model):
    """An estimate with the NHSA settlement fields and its explanation."""

    insured_region: str
    treated_region: str
    scope: Scope
    level: Level
    settled_level: Level  # level whose deductible and ratio applied
    filing: Filing | None
    route: Route
    catalogue_from: Literal["treated", "insured"]
    late_filing: bool = False  # unfiled across provinces: filed before discharge (补办备案)
    filing_free: bool = False  # settled under a rule that needs no filing there
    total: Decimal  # 医疗费总额 medfee_sumamt
    fulamt_ownpay: Decimal  # 全自费 fulamt_ownpay_amt
    overlmt_selfpay: Decimal  # 超限价自费 overlmt_selfpay
    preselfpay: Decimal  # 先行自付 preselfpay_amt
    inscp: Decimal  # 符合政策范围 inscp_amt
    deductible_standard: Decimal  # 起付标准 dedc_std
    deductible_paid: Decimal  # 实际支付起付线 act_pay_dedc
    fund_basic: Decimal  # 统筹基金支付 hifp_pay
    fund_ratio: Decimal  # ratio applied (effective, for banded ratios)
    layers: list[LayerPayment]
    fund_total: Decimal  # fund_pay_sumamt
    patient_burden: Decimal  # 个人负担 psn_pay
    lines: SkipValidation[list[LineSplit]]  # built by the engine from validated lines
    steps: list[Step]
    warnings: list[Warning]
    rules_from: dt.date  # the newest valid_from among the insured rules used
    burden_axis: Decimal = Decimal(0)  # what this episode adds to the year's 大病 burden axis
    editions: list[Edition] = []  # catalogues and price lists used (filled by the facade)

    def layer_amount(self, kind: LayerKind) -> Decimal:
        return sum((x.amount for x in self.layers if x.kind is kind), Decimal(0))
