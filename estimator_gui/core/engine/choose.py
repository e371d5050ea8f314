"""Phase 1: the rules that apply to this option — whose benefit, and which care-elsewhere rule.

Care elsewhere follows the national arrangement (医保发〔2022〕22号 and its 经办规程): the insured
region's most specific rule for the destination applies; a patient unfiled in another province
cannot settle directly unless no filing is needed there — he files before discharge and is then a
filed temporary patient, or pays in full and claims at home (the manual route).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TypeVar

from ..models import (
    Benefit,
    CareOption,
    ElsewhereRule,
    Filing,
    Level,
    Person,
    Provenance,
    RegionInfo,
    Route,
    RuleSet,
    Scope,
    Source,
    Tier,
    YearToDate,
)
from ..vocab import zh
from .state import Settlement
from .trace import EstimateError

T = TypeVar("T")

# The national rule on filing before discharge (cited in the explanation of a late filing).
FILING_RULE = Provenance(
    source=Source(
        id="nhsa-2022-22",
        title="国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知（及跨省异地就医直接结算经办规程）",
        document="医保发〔2022〕22号",
        url="http://www.nhsa.gov.cn/art/2022/7/26/art_104_8629.html",
        date=dt.date(2022, 7, 26),
        tier=Tier.SECONDARY,
        note="filing before discharge settlement (补办备案) and emergencies counted as filed, as "
        "restated by secondary sources; the official text was not retrievable offline",
    ),
    valid_from=dt.date(2023, 1, 1),
    valid_until=None,
)


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


def benefit_for(rules: RuleSet, person: Person, setting: str) -> tuple[str, Benefit]:
    person_path = person_rules_path(rules, person)
    key = person_path.rsplit(".", 1)[1]
    benefit = rules.schemes[person.scheme].persons[key].settings.get(setting)  # type: ignore[call-overload]
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
    *,
    filing_free_only: bool = False,
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
            and (rule.filing_free or not filing_free_only)
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


def care_elsewhere(
    insured: RuleSet, scope: Scope, option: CareOption, person: Person, treated: RegionInfo
) -> tuple[int, ElsewhereRule, bool]:
    """The rule that settles this care elsewhere, and whether the patient files late.

    Unfiled in another province and settled directly: where no filing is needed there, the
    region's filing-free rule applies; otherwise the patient files before discharge and is
    settled as a filed temporary patient (True)."""
    if (
        scope is Scope.OUT_OF_PROVINCE
        and option.filing is Filing.UNFILED
        and option.route is Route.DIRECT
    ):
        try:
            index, rule = elsewhere_rule(
                insured, scope, option, person, treated, filing_free_only=True
            )
            return index, rule, False
        except EstimateError:
            late = option.model_copy(update={"filing": Filing.TEMPORARY})
            try:
                index, rule = elsewhere_rule(insured, scope, late, person, treated)
            except EstimateError as exc:
                raise EstimateError(
                    "elsewhere",
                    f"{insured.region.name_en} has no rule for {scope.value} care, filing unfiled "
                    "(filed before discharge, so settled as other temporary care), route direct "
                    f"on {insured.on}",
                    f"{exc.text_zh}（未备案者出院前补办备案后按其他临时外出就医结算）",
                ) from None
            return index, rule, True
    index, rule = elsewhere_rule(insured, scope, option, person, treated)
    return index, rule, False


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


def level_key(table: Mapping[str, object], level: Level) -> str:
    """The key of a by-level table that applies at a level: the level's own, else "all"."""
    return level.value if level.value in table else "all"


def level_value(table: Mapping[str, T], level: Level, path: str, rules: RuleSet) -> T:
    if level.value in table:
        return table[level.value]
    if "all" in table:
        return table["all"]
    raise EstimateError(
        f"{path}.{level.value}",
        f"{rules.region.name_en}: no value for hospital level {level.value}",
        f"{rules.region.name_zh}：没有{zh('level', level.value)}医院的取值",
    )


def choose(state: Settlement) -> None:
    """Phase 1: the benefit, and for care elsewhere whose catalogue, whose shares, which
    adjustments, and whether this year's earlier amounts count."""
    insured, option = state.insured, state.option
    state.scope = scope_of(insured, state.treated)
    state.path, state.benefit = benefit_for(insured, state.person, option.setting.value)
    state.trace.used.extend(insured.sources_under(state.path))
    state.shares_from = insured
    state.level = option.level
    if state.scope is Scope.HOME:
        return
    index, rule, late = care_elsewhere(
        insured, state.scope, option, state.person, state.treated.region
    )
    state.rule, state.late_filing = rule, late
    state.catalogue_from = rule.catalogue
    state.shares_from = state.treated if rule.shares_from == "treated" else insured
    state.adjustments = [
        (f"elsewhere[{index}].adjustments[{j}]", a) for j, a in enumerate(rule.adjustments)
    ]
    if not rule.merge_accumulators:
        state.ytd = YearToDate()  # nothing from earlier this year counts
    if late:
        state.trace.step(
            "late_filing",
            None,
            provenance=FILING_RULE,
            insured_zh=insured.region.name_zh,
            insured_en=insured.region.name_en,
        )
        state.trace.warn("late_filing")
    elif rule.filing_free and option.filing is Filing.UNFILED:
        state.trace.step(
            "filing_free",
            None,
            f"elsewhere[{index}]",
            cite=(f"elsewhere[{index}].filing_free",),
            insured_zh=insured.region.name_zh,
            insured_en=insured.region.name_en,
        )
    filing = (Filing.TEMPORARY if late else option.filing or Filing.UNFILED).value
    state.trace.step(
        "elsewhere",
        None,
        f"elsewhere[{index}]",
        # the rule's own values; its adjustments are cited by their own steps
        cite=tuple(
            f"elsewhere[{index}].{key}"
            for key in ("catalogue", "shares_from", "merge_accumulators", "filing_free")
        ),
        scope=state.scope.value,
        filing=filing,
        route=option.route.value,
        catalogue=rule.catalogue,
        insured_zh=insured.region.name_zh,
        insured_en=insured.region.name_en,
        note_zh=rule.note_zh,
        note_en=rule.note_en,
        merged=rule.merge_accumulators,
    )
    if option.route is Route.MANUAL:
        state.trace.warn("manual_claim")
