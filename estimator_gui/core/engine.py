"""The payment engine: bill + rules → estimate with explanation. Pure functions, no I/O.

Order of computation (DOMAIN.md §2–§4):
  1. choose the insured region's rule for this place and filing (care elsewhere);
  2. split each line under the applicable catalogue: 全自费 / 超限价 / 先行自付 / 政策范围内;
  3. a share paid first for care elsewhere (先自理), if the rule says so;
  4. deductible (起付线), with later-admission reductions, overrides and year-to-date;
  5. banded ratios on the year's cumulative amount, up to the annual cap;
  6. supplementary layers: 大额/附加基金 above the cap, 大病保险, 医疗救助;
  7. patient burden = total − all fund payments.
Rounding: each line to the fen; each fund payment to the fen once it is summed.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeVar

from .models import (
    AsLevel,
    Band,
    BandBasis,
    Benefit,
    BillLine,
    CareOption,
    CatalogTerms,
    DeductibleOverride,
    ElsewhereRule,
    Estimate,
    ItemClass,
    Layer,
    LayerPayment,
    Level,
    LineSplit,
    NotPaid,
    Person,
    Provenance,
    RatioDrop,
    RatioFixed,
    RatioMultiplier,
    RegionInfo,
    RuleSet,
    Scope,
    ShareFirst,
    ShareRule,
    Source,
    Step,
    Tier,
    Warning,
    WarningCode,
    YearToDate,
    rule_memo,
)
from .money import ONE, ZERO, clamp, format_rate, format_yuan, round_fen
from .vocab import zh

STALE_AFTER = dt.timedelta(days=365)
T = TypeVar("T")


class EstimateError(ValueError):
    """An estimate cannot be made: says which field or rule is missing, in both languages."""

    def __init__(self, field: str, en: str, zh: str) -> None:
        self.field, self.text_en, self.text_zh = field, en, zh
        super().__init__(f"{field}: {en}")


@dataclass
class _Trace:
    rules: RuleSet
    steps: list[Step] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    used: list[Provenance] = field(default_factory=list)
    estimated_prices: list[tuple[str, str]] = field(default_factory=list)  # (中文名, English name)
    share_rules: set[str] = field(default_factory=set)  # item_shares rules that set a share
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def step(
        self, key: str, amount: Decimal | None, zh: str, en: str, rule: str | None = None
    ) -> None:
        prov = self.rules.source_for(rule) if rule else None
        if prov is not None:
            self.used.append(prov)
        self.steps.append(
            Step(key=key, amount=amount, text_zh=zh, text_en=en, rule=rule, provenance=prov)
        )

    def warn(self, code: WarningCode, zh: str, en: str) -> None:
        if (code, en) not in self._seen:
            self._seen.add((code, en))
            self.warnings.append(Warning(code=code, text_zh=zh, text_en=en))

    def finish(self, on: dt.date) -> None:
        """One warning for all estimated prices, then the warnings about the rules used."""
        if self.estimated_prices:
            names_zh = "、".join(zh for zh, _ in self.estimated_prices[:5])
            names_en = ", ".join(en for _, en in self.estimated_prices[:5])
            more = len(self.estimated_prices) - 5
            self.warn(
                "estimated_price",
                f"{len(self.estimated_prices)}项价格为估算值（方法见来源）：{names_zh}"
                + ("等" if more > 0 else ""),
                f"{len(self.estimated_prices)} prices are estimates (method in the source): {names_en}"
                + (f" and {more} more" if more > 0 else ""),
            )
        _rule_warnings(self, on)


# --- choosing the rules --------------------------------------------------------------


def scope_of(insured: RuleSet, treated: RuleSet) -> Scope:
    if insured.region.id == treated.region.id:
        return Scope.HOME
    if insured.region.province == treated.region.province:
        return Scope.IN_PROVINCE
    return Scope.OUT_OF_PROVINCE


def person_rules_path(rules: RuleSet, person: Person) -> str:
    """The key of the person type that fits the person's kind and age."""
    scheme = rules.schemes.get(person.scheme)
    name = rules.region.name_zh
    if scheme is None:
        raise EstimateError(
            f"schemes.{person.scheme.value}",
            f"{rules.region.name_en} has no {person.scheme.value} scheme rules on {rules.on}",
            f"{name}在{rules.on}没有{zh('scheme', person.scheme.value)}的规则",
        )
    fits = [
        key
        for key, p in scheme.persons.items()
        if p.kind is person.kind
        and (p.min_age is None or person.age >= p.min_age)
        and (p.max_age is None or person.age <= p.max_age)
    ]
    if not fits:
        raise EstimateError(
            f"schemes.{person.scheme.value}.persons",
            f"{rules.region.name_en} has no rules for a {person.kind.value} person aged "
            f"{person.age} on {rules.on}",
            f"{name}在{rules.on}没有适用于{person.age}岁{zh('person', person.kind.value)}人员的规则",
        )

    # the narrowest age range wins (a 70+ retiree column over the general one)
    def width(key: str) -> int:
        p = scheme.persons[key]
        return (p.max_age if p.max_age is not None else 200) - (p.min_age or 0)

    return f"schemes.{person.scheme.value}.persons.{min(fits, key=width)}"


def benefit_for(rules: RuleSet, person: Person, setting_path: str) -> tuple[str, Benefit]:
    person_path = person_rules_path(rules, person)
    scheme = rules.schemes[person.scheme]
    key = person_path.rsplit(".", 1)[1]
    setting = setting_path
    benefit = scheme.persons[key].settings.get(setting)  # type: ignore[call-overload]
    path = f"{person_path}.settings.{setting}"
    if benefit is None:
        gap = rules.gaps.get(path, "not in the rule file")
        raise EstimateError(
            path,
            f"{rules.region.name_en}: no {setting} rules for this person on {rules.on} ({gap})",
            f"{rules.region.name_zh}：{rules.on}没有该人员的{zh('setting', setting)}规则（{gap}）",
        )
    return path, benefit


def elsewhere_rule(
    insured: RuleSet,
    scope: Scope,
    option: CareOption,
    person: Person,
    treated: RegionInfo | None = None,
) -> tuple[int, ElsewhereRule]:
    """The insured region's rule for this care elsewhere: of the rules that match, the one naming
    the treated region wins over one naming its province, which wins over one naming neither;
    among equals, the first in the file."""
    if option.filing is None:
        raise EstimateError(
            "option.filing",
            "care elsewhere needs a filing type (referral, unfiled, ...)",
            "异地就医需要选择备案类型（转诊、未备案等）",
        )
    best: tuple[int, int, ElsewhereRule] | None = None
    for i, rule in enumerate(insured.elsewhere):
        if not (
            scope in rule.scopes
            and option.filing in rule.filings
            and option.route in rule.routes
            and (rule.settings is None or option.setting in rule.settings)
            and (rule.schemes is None or person.scheme in rule.schemes)
            and (rule.levels is None or option.level in rule.levels)
            and (rule.networked is None or rule.networked == option.networked)
        ):
            continue
        rank = _destination_rank(rule, treated)
        if rank is not None and (best is None or rank > best[0]):
            best = (rank, i, rule)
    if best is not None:
        return best[1], best[2]
    raise EstimateError(
        "elsewhere",
        f"{insured.region.name_en} has no rule for {scope.value} care, filing "
        f"{option.filing.value}, route {option.route.value} on {insured.on}",
        f"{insured.region.name_zh}在{insured.on}没有{zh('scope', scope.value)}、"
        f"{zh('filing', option.filing.value)}、{zh('route', option.route.value)}的规则",
    )


def _destination_rank(rule: ElsewhereRule, treated: RegionInfo | None) -> int | None:
    """How specifically a rule names the treated place: 2 the region, 1 its province, 0 anywhere;
    None when it names other places only."""
    if rule.destinations is None:
        return 0
    if treated is None:
        return None
    if treated.id in rule.destinations:
        return 2
    if treated.province in rule.destinations:
        return 1
    return None


def _level_value(table: Mapping[str, T], level: Level, path: str, rules: RuleSet) -> T:
    if level.value in table:
        return table[level.value]
    if "all" in table:
        return table["all"]
    raise EstimateError(
        f"{path}.{level.value}",
        f"{rules.region.name_en}: no value for hospital level {level.value}",
        f"{rules.region.name_zh}：没有{zh('level', level.value)}医院的取值",
    )


# --- 1. per-line split -----------------------------------------------------------------


def share_rule_for(rules: Sequence[ShareRule], line: BillLine, terms: CatalogTerms) -> int | None:
    """Index of the first share rule that matches the line, or None."""
    item = line.item
    category = item.category or ""
    for i, rule in enumerate(rules):
        if item.kind not in rule.kinds or terms.item_class not in rule.classes:
            continue
        if rule.category_prefixes is not None and not category.startswith(
            tuple(rule.category_prefixes)
        ):
            continue
        if rule.origin is not None and item.origin is not rule.origin:
            continue
        if rule.unit_price_from is not None and line.unit_price < rule.unit_price_from:
            continue
        if rule.unit_price_to is not None and line.unit_price >= rule.unit_price_to:
            continue
        return i
    return None


class _ShareMemo:
    """share_rule_for, remembered per rule list: the same item at the same price always matches
    the same rule, and a compare asks the same questions for every option (engine hot path)."""

    def __init__(self, shares: Sequence[ShareRule]) -> None:
        self.shares = shares  # holding the list keeps its id from being reused
        self.memo: dict[tuple[str, Decimal, bool], int | None] = {}
        # most lines are 甲; when no rule gives 甲 a share or a cap, they need no lookup
        self.jia_is_free = all(
            r.share == 0 and r.pay_cap is None for r in shares if ItemClass.JIA in r.classes
        )

    def find(self, line: BillLine, terms: CatalogTerms) -> int | None:
        # kind, category and origin follow from the code; the class is 甲 or 乙 here (丙 never asks)
        key = (line.item.code, line.unit_price, terms.item_class is ItemClass.YI)
        found = self.memo.get(key, -1)
        if found == -1:
            found = self.memo[key] = share_rule_for(self.shares, line, terms)
        return found


_SHARE_MEMOS: OrderedDict[int, _ShareMemo] = OrderedDict()


def _share_memo(rules: RuleSet) -> _ShareMemo:
    shares = rules.item_shares
    memo = _SHARE_MEMOS.get(id(shares))
    if memo is None or memo.shares is not shares:
        memo = _SHARE_MEMOS[id(shares)] = _ShareMemo(shares)
        if len(_SHARE_MEMOS) > 256:
            _SHARE_MEMOS.popitem(last=False)
    return memo


def split_line(
    n: int, line: BillLine, terms: CatalogTerms, share_rules: RuleSet, trace: _Trace
) -> LineSplit:
    """Split one line into 全自费 / 超限价 / 先行自付 / 政策范围内."""
    item = line.item
    amount = round_fen(line.quantity * line.unit_price)
    name = item.name_zh
    fulamt = overlmt = pre = inscp = share = ZERO
    cap: Decimal | None = None
    cls = terms.item_class
    if line.price_source is not None and line.price_source.tier is Tier.ESTIMATE:
        trace.estimated_prices.append((name, item.name_en or name))
    if not terms.covered or cls is ItemClass.BING:
        fulamt = amount
        if not terms.covered:
            trace.warn(
                "not_covered",
                f"「{name}」不在适用目录（{terms.catalogue}）内，全自费",
                f"'{item.name_en or name}' is not in the applicable catalogue "
                f"({terms.catalogue}): fully self-paid",
            )
    elif terms.restriction and line.restriction_met is False:
        fulamt = amount
        trace.warn(
            "restricted",
            f"「{name}」限定支付（{terms.restriction}），您表示不符合，按全自费",
            f"'{item.name_en or name}' is restricted ({terms.restriction}); "
            "you said the condition does not hold: fully self-paid",
        )
    else:
        if terms.restriction and line.restriction_met is None:
            trace.warn(
                "restricted",
                f"「{name}」限定支付：{terms.restriction.rstrip('。.')}。按符合条件估算，不符合则全自费",
                f"'{item.name_en or name}' is restricted: {terms.restriction.rstrip('。.')}. "
                "Estimated as if the condition holds; otherwise it is fully self-paid",
            )
        cap = terms.pay_cap
        memo = _share_memo(share_rules)
        if terms.item_share is not None:
            share = terms.item_share
        elif cls is ItemClass.JIA and memo.jia_is_free:
            pass  # 甲: no share, no rule cap
        else:
            found = memo.find(line, terms)
            if found is None and cls is ItemClass.YI:
                raise EstimateError(
                    "item_shares",
                    f"{share_rules.region.name_en} states no self-pay-first share for "
                    f"class 乙 {item.kind.value} {item.code} ({name})",
                    f"{share_rules.region.name_zh}没有乙类{zh('kind', item.kind.value)}"
                    f"「{name}」的先行自付比例",
                )
            if found is not None:
                rule = share_rules.item_shares[found]
                share = rule.share
                if rule.pay_cap is not None:
                    cap = rule.pay_cap if cap is None else min(cap, rule.pay_cap)
                if share:
                    trace.share_rules.add(f"item_shares[{found}]")
        capped = amount if cap is None else min(amount, round_fen(cap * line.quantity))
        overlmt = amount - capped
        pre = round_fen(capped * share) if share else ZERO
        inscp = capped - pre
    return LineSplit(
        code=item.code,
        name_zh=name,
        kind=item.kind,
        item_class=cls,
        amount=amount,
        fulamt_ownpay=fulamt,
        overlmt_selfpay=overlmt,
        preselfpay=pre,
        inscp=inscp,
        share=share,
        pay_cap=cap,
    )


# --- 2. deductible ------------------------------------------------------------------------


def deductible_due(
    benefit: Benefit,
    path: str,
    level: Level,
    person: Person,
    admission_no: int,
    ytd: YearToDate,
    override: tuple[str, DeductibleOverride] | None,
    total: Decimal,
    rules: RuleSet,
    trace: _Trace,
) -> Decimal:
    """The deductible standard (起付标准) that applies to this admission, before what is met."""
    rule = benefit.deductible
    if set(person.groups) & set(rule.exempt_groups):
        trace.step(
            "deductible",
            ZERO,
            "属于免起付线人群：起付线为 0",
            "exempt group: no deductible",
            f"{path}.deductible.exempt_groups",
        )
        return ZERO
    if rule.percent_of_bill is not None:
        pob = rule.percent_of_bill
        first = clamp(round_fen(total * pob.rate), pob.min, pob.max)
    else:
        first = _level_value(rule.amount, level, f"{path}.deductible.amount", rules)
    standard = first
    if rule.basis == "per_admission" and admission_no > 1:
        later = [
            x
            for x in rule.later_admissions
            if x.from_admission <= admission_no and (x.levels is None or level in x.levels)
        ]
        if later:
            x = later[-1]
            if x.multiplier is not None:
                standard = round_fen(first * x.multiplier)
            elif x.amount is not None:
                standard = x.amount
            elif x.step_down is not None and x.floor is not None:
                steps = admission_no - x.from_admission + 1
                standard = max(x.floor, first - x.step_down * steps)
            trace.step(
                "deductible",
                standard,
                f"本年度第{admission_no}次住院：起付线由 {format_yuan(first)} 调整为 {format_yuan(standard)}",
                f"admission no. {admission_no} this year: deductible {format_yuan(first)} "
                f"becomes {format_yuan(standard)}",
                f"{path}.deductible.later_admissions",
            )
    if override is not None:
        opath, rule_o = override
        if rule_o.amount is not None:
            standard = _level_value(rule_o.amount, level, f"{opath}.amount", rules)
        elif rule_o.multiplier is not None:
            standard = round_fen(standard * rule_o.multiplier)
        elif rule_o.percent_of_bill is not None:
            pob = rule_o.percent_of_bill
            standard = clamp(round_fen(total * pob.rate), pob.min, pob.max)
        trace.step(
            "deductible",
            standard,
            f"异地就医起付线按参保地规定调整为 {format_yuan(standard)}",
            f"deductible for care elsewhere set by the insured region: {format_yuan(standard)}",
            opath,
        )
    return standard


# --- 3. bands -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    low: Decimal
    high: Decimal
    ratio: Decimal
    paid: Decimal


def pay_bands(
    bands: Sequence[Band], start: Decimal, width: Decimal, cap_left: Decimal | None
) -> tuple[Decimal, Decimal, list[_Segment]]:
    """Pay `width` yuan sitting at [start, start+width) of the band axis, up to `cap_left`.

    Returns (payment, the part of width left unpaid because the cap binds, segments).
    """
    paid = ZERO
    segments: list[_Segment] = []
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
            segments.append(_Segment(seg_low, seg_low + covered, band.ratio, room))
            paid = cap_left
            return paid, end - (seg_low + covered), segments
        paid += pay
        segments.append(_Segment(seg_low, seg_high, band.ratio, pay))
    return paid, ZERO, segments


def adjusted_bands(
    bands: Sequence[Band],
    person: Person,
    age_adjustments: Sequence[tuple[int, Decimal]],
    drops: Sequence[RatioDrop | RatioMultiplier | RatioFixed],
) -> list[Band]:
    """Band ratios after the age add-on, then the care-elsewhere adjustments in their order."""
    bonus = max((add for min_age, add in age_adjustments if person.age >= min_age), default=ZERO)
    out = []
    for band in bands:
        ratio = min(ONE, band.ratio + bonus)
        for adj in drops:
            if isinstance(adj, RatioDrop):
                ratio = max(ZERO, ratio - adj.points)
            elif isinstance(adj, RatioFixed):
                ratio = adj.ratio
            else:
                ratio = ratio * adj.factor
        out.append(Band(upto=band.upto, ratio=ratio))
    return out


# --- 4. layers ----------------------------------------------------------------------------


def pay_layer(
    layer: Layer, amount: Decimal, position: Decimal, paid_before: Decimal
) -> tuple[Decimal, list[_Segment]]:
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


# --- the estimate ---------------------------------------------------------------------------


@dataclass
class _Settled:
    """What the insured region's deductible, ratios, cap and layers make of the eligible amount."""

    level: Level
    standard: Decimal = ZERO
    deductible_paid: Decimal = ZERO
    fund_basic: Decimal = ZERO
    ratio: Decimal = ZERO
    layers: list[LayerPayment] = field(default_factory=list)


Adjusted = list[tuple[str, object]]  # (rule path of the adjustment, the adjustment)


def estimate(
    insured: RuleSet,
    treated: RuleSet,
    person: Person,
    option: CareOption,
    lines: Sequence[BillLine],
    ytd: YearToDate | None = None,
) -> Estimate:
    """Estimate one option: the settlement fields and every step that produced them."""
    ytd = ytd or YearToDate()
    trace = _Trace(insured)
    scope = scope_of(insured, treated)
    path, benefit = benefit_for(insured, person, option.setting.value)
    trace.used.extend(insured.sources_under(path))

    # care elsewhere: which catalogue, whose shares, which adjustments
    catalogue_from: Literal["treated", "insured"] = "treated"
    shares_from = insured
    adjusted: Adjusted = []
    if scope is not Scope.HOME:
        index, rule = elsewhere_rule(insured, scope, option, person, treated.region)
        catalogue_from = rule.catalogue
        shares_from = treated if rule.shares_from == "treated" else insured
        adjusted = [
            (f"elsewhere[{index}].adjustments[{j}]", a) for j, a in enumerate(rule.adjustments)
        ]
        if not rule.merge_accumulators:
            ytd = YearToDate()
        filing = option.filing.value if option.filing else ""
        trace.step(
            "elsewhere",
            None,
            f"{zh('scope', scope.value)}就医，{zh('filing', filing)}，{zh('route', option.route.value)}："
            f"按{'就医地' if rule.catalogue == 'treated' else '参保地'}目录，参保地（{insured.region.name_zh}）待遇"
            + (f"；{rule.note_zh}" if rule.note_zh else "")
            + ("" if rule.merge_accumulators else "；本年已发生费用不累计"),
            f"{scope.value.replace('_', ' ')} care, {filing}, {option.route.value} settlement: "
            f"{rule.catalogue} region's catalogue, {insured.region.name_en}'s benefits"
            + (f"; {rule.note_en}" if rule.note_en else "")
            + ("" if rule.merge_accumulators else "; amounts from earlier this year do not count"),
            f"elsewhere[{index}]",
        )
        if option.route.value == "manual":
            trace.warn(
                "manual_claim",
                "手工报销：需先全额垫付，回参保地报销",
                "manual claim: you pay the whole bill first and claim it back at home",
            )

    # 1. lines
    splits = []
    for n, line in enumerate(lines, start=1):
        terms = line.terms if catalogue_from == "treated" else line.home_terms
        if terms is None:
            raise EstimateError(
                f"lines[{n}].home_terms",
                f"line {n} ({line.item.code}): no terms in the insured region's catalogue",
                f"第{n}行（{line.item.code}）：缺少参保地目录中的支付类别",
            )
        splits.append(split_line(n, line, terms, shares_from, trace))
    total = fulamt = overlmt = pre = inscp = ZERO
    for x in splits:
        total += x.amount
        fulamt += x.fulamt_ownpay
        overlmt += x.overlmt_selfpay
        pre += x.preselfpay
        inscp += x.inscp
    _explain_split(trace, splits, total, fulamt, overlmt, pre, inscp)

    # 2. share paid first for care elsewhere
    for apath, adj in adjusted:
        if isinstance(adj, ShareFirst):
            first = round_fen(inscp * adj.share)
            pre += first
            inscp -= first
            trace.step(
                "share_first",
                first,
                f"异地就医个人先自理 {format_rate(adj.share)}：{format_yuan(first)}，"
                f"余 {format_yuan(inscp)} 按规定结算",
                f"care elsewhere: patient first pays {format_rate(adj.share)} = {format_yuan(first)}; "
                f"{format_yuan(inscp)} is settled normally",
                apath,
            )

    # 3–5. deductible, bands and cap, layers — unless the fund pays nothing at all here
    not_paid = next(((p, a) for p, a in adjusted if isinstance(a, NotPaid)), None)
    if not_paid is not None:
        apath, adj = not_paid
        assert isinstance(adj, NotPaid)
        settled = _Settled(level=option.level)
        trace.step(
            "not_paid",
            ZERO,
            f"参保地规定此情形基金不予支付（{zh('not_paid', adj.reason)}）",
            f"the insured region pays nothing in this case ({adj.reason.replace('_', ' ')})",
            apath,
        )
        trace.warn(
            "not_paid",
            f"基金不予支付：{zh('not_paid', adj.reason)}",
            f"the fund pays nothing: {adj.reason.replace('_', ' ')}",
        )
    else:
        settled = _settle(
            trace, benefit, path, insured, person, option, adjusted, ytd, total, inscp, pre
        )

    fund_total = settled.fund_basic + sum((x.amount for x in settled.layers), ZERO)
    burden = total - fund_total
    trace.step(
        "burden",
        burden,
        f"个人负担 = 总额 {format_yuan(total)} − 基金支付合计 {format_yuan(fund_total)} = {format_yuan(burden)}",
        f"patient pays = total {format_yuan(total)} − all fund payments {format_yuan(fund_total)} "
        f"= {format_yuan(burden)}",
    )
    trace.finish(option.date)
    return Estimate(
        insured_region=insured.region.id,
        treated_region=treated.region.id,
        scope=scope,
        level=option.level,
        settled_level=settled.level,
        filing=option.filing,
        route=option.route,
        catalogue_from=catalogue_from,
        total=total,
        fulamt_ownpay=fulamt,
        overlmt_selfpay=overlmt,
        preselfpay=pre,
        inscp=inscp,
        deductible_standard=settled.standard,
        deductible_paid=settled.deductible_paid,
        fund_basic=settled.fund_basic,
        fund_ratio=settled.ratio,
        layers=settled.layers,
        fund_total=fund_total,
        patient_burden=burden,
        lines=splits,
        steps=trace.steps,
        warnings=trace.warnings,
        rules_from=max((p.valid_from for p in trace.used), default=insured.on),
    )


def _explain_split(
    trace: _Trace,
    splits: Sequence[LineSplit],
    total: Decimal,
    fulamt: Decimal,
    overlmt: Decimal,
    pre: Decimal,
    inscp: Decimal,
) -> None:
    if overlmt:
        capped = sum(1 for x in splits if x.overlmt_selfpay)
        trace.step(
            "overlmt",
            overlmt,
            f"{capped}项超出支付标准（限价）的部分自付：{format_yuan(overlmt)}（逐项见明细）",
            f"{capped} lines above their payment cap: {format_yuan(overlmt)} self-paid (see the lines)",
        )
    if pre:
        shared = sum(1 for x in splits if x.preselfpay)
        rules = trace.share_rules
        trace.step(
            "preselfpay",
            pre,
            f"{shared}项乙类等先行自付合计 {format_yuan(pre)}（比例逐项见明细）",
            f"{shared} class-乙 lines pay {format_yuan(pre)} first (shares per line in the lines)",
            (min(rules) if len(rules) == 1 else "item_shares") if rules else None,
        )
    trace.step(
        "split",
        inscp,
        f"医疗费总额 {format_yuan(total)} = 全自费 {format_yuan(fulamt)} + 超限价 {format_yuan(overlmt)}"
        f" + 先行自付 {format_yuan(pre)} + 符合政策范围 {format_yuan(inscp)}",
        f"total {format_yuan(total)} = fully self-paid {format_yuan(fulamt)} + above cap "
        f"{format_yuan(overlmt)} + self-pay-first {format_yuan(pre)} + eligible {format_yuan(inscp)}",
    )


def _settle(
    trace: _Trace,
    benefit: Benefit,
    path: str,
    insured: RuleSet,
    person: Person,
    option: CareOption,
    adjusted: Adjusted,
    ytd: YearToDate,
    total: Decimal,
    inscp: Decimal,
    pre: Decimal,
) -> _Settled:
    """Deductible, banded ratios up to the cap, then the supplementary layers."""
    # 3. deductible
    level = option.level
    for apath, adj in adjusted:
        if isinstance(adj, AsLevel):
            level = adj.level
            trace.step(
                "as_level",
                None,
                f"按参保地{zh('level', level.value)}医院标准结算",
                f"settled as at a home {level.value} hospital",
                apath,
            )
    override = next(((p, a) for p, a in adjusted if isinstance(a, DeductibleOverride)), None)
    standard = deductible_due(
        benefit, path, level, person, ytd.admissions + 1, ytd, override, total, insured, trace
    )
    ded = benefit.deductible
    left = standard
    if ded.basis == "per_year":
        left = max(ZERO, standard - ytd.deductible_paid)
    if ded.year_total_cap is not None:
        left = min(left, max(ZERO, ded.year_total_cap - ytd.deductible_paid))
    deductible_paid = min(left, inscp)
    per_year = ded.basis == "per_year"
    trace.step(
        "deductible",
        deductible_paid,
        f"起付线：标准 {format_yuan(standard)}"
        + (
            f"（按年度累计，本年已付 {format_yuan(ytd.deductible_paid)}）"
            if per_year
            else "（按次）"
        )
        + f"，本次实际支付 {format_yuan(deductible_paid)}",
        f"deductible: standard {format_yuan(standard)}"
        + (
            f" (per insurance year, {format_yuan(ytd.deductible_paid)} already paid)"
            if per_year
            else " (per admission)"
        )
        + f"; paid now {format_yuan(deductible_paid)}",
        f"{path}.deductible",
    )

    # 4. basic fund over bands, up to the cap
    base = inscp - deductible_paid
    ratios = benefit.ratios
    drops = [(p, a) for p, a in adjusted if isinstance(a, RatioDrop | RatioMultiplier | RatioFixed)]
    bands = adjusted_bands(
        _level_value(ratios.bands, level, f"{path}.ratios.bands", insured),
        person,
        [(a.min_age, a.add_points) for a in ratios.age_adjustments],
        [a for _, a in drops],
    )
    for apath, adj in drops:
        if isinstance(adj, RatioDrop):
            text = (
                f"降低 {format_rate(adj.points)}（百分点）",
                f"lowered by {format_rate(adj.points)} points",
            )
        elif isinstance(adj, RatioFixed):
            text = (f"定为 {format_rate(adj.ratio)}", f"set to {format_rate(adj.ratio)}")
        else:
            assert isinstance(adj, RatioMultiplier)
            text = (f"乘以 {adj.factor}", f"multiplied by {adj.factor}")
        trace.step(
            "ratio_adjust",
            None,
            f"异地就医报销比例{text[0]}",
            f"care elsewhere: ratio {text[1]}",
            apath,
        )
    cap = benefit.cap
    over_cap = ZERO
    # the year's eligible amount so far is at least what went to deductibles (users often know only that)
    eligible_before = max(ytd.eligible_amount, ytd.deductible_paid)
    if ratios.band_basis is BandBasis.ABSOLUTE:
        start = eligible_before + deductible_paid
    else:
        start = eligible_before - ytd.deductible_paid
    cap_left: Decimal | None = None
    if cap.amount is not None:
        if cap.basis == "fund":
            cap_left = max(ZERO, cap.amount - ytd.fund_paid)
        else:  # cap on the eligible expense: what lies above it is not paid by the basic fund
            over_cap = clamp(eligible_before + inscp - cap.amount, ZERO, base)
    paid, unpaid, segments = pay_bands(bands, start, base - over_cap, cap_left)
    over_cap += unpaid
    fund_basic = round_fen(paid)
    for seg in segments:
        trace.step(
            "band",
            round_fen(seg.paid),
            f"统筹基金：{format_yuan(seg.low)}–{format_yuan(seg.high)} 段 {format_yuan(seg.high - seg.low)} × "
            f"{format_rate(seg.ratio)} = {format_yuan(seg.paid)}",
            f"basic fund: band {format_yuan(seg.low)}–{format_yuan(seg.high)}: "
            f"{format_yuan(seg.high - seg.low)} × {format_rate(seg.ratio)} = {format_yuan(seg.paid)}",
            f"{path}.ratios",
        )
    if over_cap:
        on_fund = cap.basis == "fund"
        trace.step(
            "cap",
            round_fen(over_cap),
            f"封顶线 {format_yuan(cap.amount or ZERO)}（{'基金支付' if on_fund else '政策范围内费用'}）"
            f"已到：{format_yuan(over_cap)} 不由统筹基金支付",
            f"annual cap {format_yuan(cap.amount or ZERO)} (on {'fund payment' if on_fund else 'eligible expense'}) "
            f"reached: {format_yuan(over_cap)} is not paid by the basic fund",
            f"{path}.cap",
        )
    layers = _pay_layers(
        trace,
        benefit,
        path,
        person,
        ytd,
        round_fen(over_cap),
        inscp - fund_basic,
        pre,
        deductible_paid,
    )
    ratio = (fund_basic / base).quantize(Decimal("0.0001")) if base > 0 else bands[0].ratio
    return _Settled(level, standard, deductible_paid, fund_basic, ratio, layers)


def _pay_layers(
    trace: _Trace,
    benefit: Benefit,
    path: str,
    person: Person,
    ytd: YearToDate,
    over_cap: Decimal,
    burden_in_policy: Decimal,
    pre: Decimal,
    deductible_paid: Decimal,
) -> list[LayerPayment]:
    """5. Supplementary layers, in order: each pays on what the previous ones left."""
    payments: list[LayerPayment] = []
    over_cap_left = over_cap
    for i, layer in enumerate(benefit.layers):
        if layer.eligible_groups is not None and not set(layer.eligible_groups) & set(
            person.groups
        ):
            continue
        if layer.base == "over_cap":
            amount, position = over_cap_left, ZERO
        else:
            amount = burden_in_policy + (pre if layer.include_preselfpay else ZERO)
            if not layer.include_deductible:
                amount = max(ZERO, amount - deductible_paid)
            position = ytd.personal_burden
        pay, segs = pay_layer(layer, amount, position, ytd.layer_paid.get(layer.kind, ZERO))
        pay = round_fen(min(pay, amount))
        if layer.base == "over_cap":
            over_cap_left -= pay
        burden_in_policy -= pay
        payments.append(
            LayerPayment(kind=layer.kind, name_zh=layer.name_zh, name_en=layer.name_en, amount=pay)
        )
        if not amount:
            continue  # nothing reached this layer: no step to explain
        parts = [f"{format_yuan(s.high - s.low)} × {format_rate(s.ratio)}" for s in segs]
        base_zh = "封顶线以上费用" if layer.base == "over_cap" else "政策范围内个人负担"
        base_en = (
            "expense above the cap" if layer.base == "over_cap" else "in-policy personal burden"
        )
        trace.step(
            f"layer_{layer.kind.value}",
            pay,
            f"{layer.name_zh}：{base_zh} {format_yuan(amount)}，起付 {format_yuan(layer.deductible)}，"
            f"{'；'.join(parts) or '未达起付线'} = {format_yuan(pay)}",
            f"{layer.name_en}: {base_en} {format_yuan(amount)}, deductible "
            f"{format_yuan(layer.deductible)}; {'; '.join(parts) or 'below its deductible'} = {format_yuan(pay)}",
            f"{path}.layers[{i}]",
        )
    return payments


def _rule_warnings(trace: _Trace, on: dt.date) -> None:
    """Old, secondary or estimated sources among the rules used (worked out once per rule set,
    date and set of sources: a compare asks the same question for every option)."""
    sources = {p.source.id: p.source for p in trace.used}
    memo = rule_memo(trace.rules)
    key = ("warnings", on.isoformat(), "|".join(sorted(sources)))
    found = memo.get(key)
    if found is None:
        found = memo[key] = [w for src in sources.values() for w in _source_warnings(src, on)]
    for code, zh_text, en_text in found:  # type: ignore[attr-defined]
        trace.warn(code, zh_text, en_text)


def _source_warnings(src: Source, on: dt.date) -> list[tuple[WarningCode, str, str]]:
    out: list[tuple[WarningCode, str, str]] = []
    if on - src.date > STALE_AFTER:
        out.append(
            (
                "stale_rule",
                f"规则来源「{src.title}」日期为 {src.date}，已超过一年，请核实是否仍然有效",
                f"the rule source '{src.title}' is dated {src.date}, more than a year old: "
                "check it is still in force",
            )
        )
    if src.tier is Tier.SECONDARY:
        out.append(
            (
                "secondary_source",
                f"「{src.title}」为二手转述，非官方原文",
                f"'{src.title}' is a secondary restatement, not the official document",
            )
        )
    elif src.tier is Tier.ESTIMATE:
        out.append(("estimated_rule", f"「{src.title}」为估算值", f"'{src.title}' is an estimate"))
    return out
