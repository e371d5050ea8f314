"""Every step and warning the engine writes, in Chinese and English, keyed by what it says.

The arithmetic modules never compose sentences: they name a key and its values; this module turns
them into the two texts. A test renders every key, so a missing or broken text fails there.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..money import format_rate as rate
from ..money import format_yuan as yuan
from ..vocab import zh

Texts = tuple[str, str]


def _share_first(share: Decimal, first: Decimal, rest: Decimal) -> Texts:
    return (
        f"异地就医个人先自理 {rate(share)}：{yuan(first)}，余 {yuan(rest)} 按规定结算",
        f"care elsewhere: patient first pays {rate(share)} = {yuan(first)}; "
        f"{yuan(rest)} is settled normally",
    )


def _not_paid(reason: str) -> Texts:
    return (
        f"参保地规定此情形基金不予支付（{zh('not_paid', reason)}）",
        f"the insured region pays nothing in this case ({reason.replace('_', ' ')})",
    )


def _as_level(level: str) -> Texts:
    return (f"按参保地{zh('level', level)}医院标准结算", f"settled as at a home {level} hospital")


def _ratio_drop(points: Decimal) -> Texts:
    return (
        f"异地就医报销比例降低 {rate(points)}（百分点）",
        f"care elsewhere: ratio lowered by {rate(points)} points",
    )


def _ratio_fixed(ratio: Decimal) -> Texts:
    return (f"异地就医报销比例定为 {rate(ratio)}", f"care elsewhere: ratio set to {rate(ratio)}")


def _ratio_multiplier(factor: Decimal) -> Texts:
    return (f"异地就医报销比例乘以 {factor}", f"care elsewhere: ratio multiplied by {factor}")


def _deductible_override(standard: Decimal) -> Texts:
    return (
        f"异地就医起付线按参保地规定调整为 {yuan(standard)}",
        f"deductible for care elsewhere set by the insured region: {yuan(standard)}",
    )


def _deductible_exempt() -> Texts:
    return ("属于免起付线人群：起付线为 0", "exempt group: no deductible")


def _deductible_later(admission: int, first: Decimal, standard: Decimal) -> Texts:
    return (
        f"本年度第{admission}次住院：起付线由 {yuan(first)} 调整为 {yuan(standard)}",
        f"admission no. {admission} this year: deductible {yuan(first)} becomes {yuan(standard)}",
    )


def _deductible_bounded(before: Decimal, standard: Decimal, low: Decimal | None) -> Texts:
    if low is not None and standard == low:
        return (
            f"起付线 {yuan(before)} 低于最低标准，按 {yuan(standard)}",
            f"deductible {yuan(before)} is below its minimum: {yuan(standard)}",
        )
    return (
        f"起付线 {yuan(before)} 高于最高标准，按 {yuan(standard)}",
        f"deductible {yuan(before)} is above its maximum: {yuan(standard)}",
    )


def _deductible(standard: Decimal, per_year: bool, paid_before: Decimal, paid: Decimal) -> Texts:
    return (
        f"起付线：标准 {yuan(standard)}"
        + (f"（按年度累计，本年已付 {yuan(paid_before)}）" if per_year else "（按次）")
        + f"，本次实际支付 {yuan(paid)}",
        f"deductible: standard {yuan(standard)}"
        + (
            f" (per insurance year, {yuan(paid_before)} already paid)"
            if per_year
            else " (per admission)"
        )
        + f"; paid now {yuan(paid)}",
    )


def _band(low: Decimal, high: Decimal, ratio: Decimal, paid: Decimal) -> Texts:
    return (
        f"统筹基金：{yuan(low)}–{yuan(high)} 段 {yuan(high - low)} × {rate(ratio)} = {yuan(paid)}",
        f"basic fund: band {yuan(low)}–{yuan(high)}: {yuan(high - low)} × {rate(ratio)} = {yuan(paid)}",
    )


def _own_ratio(amount: Decimal, ratio: Decimal, paid: Decimal, lines: int) -> Texts:
    return (
        f"{lines}项按其单独比例支付：{yuan(amount)} × {rate(ratio)} = {yuan(paid)}",
        f"{lines} lines paid at their own ratio: {yuan(amount)} × {rate(ratio)} = {yuan(paid)}",
    )


def _cap(amount: Decimal, basis: str, over: Decimal) -> Texts:
    on_zh = {
        "fund": "基金支付",
        "eligible": "政策范围内费用",
        "eligible_above_deductible": "起付线以上政策范围内费用",
    }
    on_en = {
        "fund": "fund payment",
        "eligible": "eligible expense",
        "eligible_above_deductible": "eligible expense above the deductible",
    }
    return (
        f"封顶线 {yuan(amount)}（{on_zh[basis]}）已到：{yuan(over)} 不由统筹基金支付",
        f"annual cap {yuan(amount)} (on {on_en[basis]}) reached: {yuan(over)} is not paid by the basic fund",
    )


def _layer(
    name_zh: str,
    name_en: str,
    over_cap: bool,
    amount: Decimal,
    deductible: Decimal,
    parts: list[tuple[Decimal, Decimal]],
    paid: Decimal,
) -> Texts:
    parts_zh = "；".join(f"{yuan(width)} × {rate(r)}" for width, r in parts)
    parts_en = "; ".join(f"{yuan(width)} × {rate(r)}" for width, r in parts)
    base_zh = "封顶线以上费用" if over_cap else "政策范围内个人负担"
    base_en = "expense above the cap" if over_cap else "in-policy personal burden"
    return (
        f"{name_zh}：{base_zh} {yuan(amount)}，起付 {yuan(deductible)}，{parts_zh or '未达起付线'} = {yuan(paid)}",
        f"{name_en}: {base_en} {yuan(amount)}, deductible {yuan(deductible)}; "
        f"{parts_en or 'below its deductible'} = {yuan(paid)}",
    )


def _given(fund_basic: Decimal, burden: Decimal, over_cap: Decimal) -> Texts:
    return (
        f"本例从基本医保结算之后开始：统筹基金已付 {yuan(fund_basic)}，政策范围内个人负担 {yuan(burden)}，"
        f"封顶线以上 {yuan(over_cap)}",
        f"this case starts after the basic fund: it paid {yuan(fund_basic)}; in-policy personal "
        f"burden {yuan(burden)}, above the cap {yuan(over_cap)}",
    )


def _burden(total: Decimal, funds: Decimal, burden: Decimal) -> Texts:
    return (
        f"个人负担 = 总额 {yuan(total)} − 基金支付合计 {yuan(funds)} = {yuan(burden)}",
        f"patient pays = total {yuan(total)} − all fund payments {yuan(funds)} = {yuan(burden)}",
    )


def _overlmt(lines: int, amount: Decimal) -> Texts:
    return (
        f"{lines}项超出支付标准（限价）的部分自付：{yuan(amount)}（逐项见明细）",
        f"{lines} lines above their payment cap: {yuan(amount)} self-paid (see the lines)",
    )


def _preselfpay(lines: int, amount: Decimal) -> Texts:
    return (
        f"{lines}项乙类等先行自付合计 {yuan(amount)}（比例逐项见明细）",
        f"{lines} class-乙 lines pay {yuan(amount)} first (shares per line in the lines)",
    )


def _split(
    total: Decimal, fulamt: Decimal, overlmt: Decimal, pre: Decimal, inscp: Decimal
) -> Texts:
    return (
        f"医疗费总额 {yuan(total)} = 全自费 {yuan(fulamt)} + 超限价 {yuan(overlmt)}"
        f" + 先行自付 {yuan(pre)} + 符合政策范围 {yuan(inscp)}",
        f"total {yuan(total)} = fully self-paid {yuan(fulamt)} + above cap {yuan(overlmt)} "
        f"+ self-pay-first {yuan(pre)} + eligible {yuan(inscp)}",
    )


def _elsewhere(
    scope: str,
    filing: str,
    route: str,
    catalogue: str,
    insured_zh: str,
    insured_en: str,
    note_zh: str | None,
    note_en: str | None,
    merged: bool,
) -> Texts:
    return (
        f"{zh('scope', scope)}就医，{zh('filing', filing)}，{zh('route', route)}："
        f"按{'就医地' if catalogue == 'treated' else '参保地'}目录，参保地（{insured_zh}）待遇"
        + (f"；{note_zh}" if note_zh else "")
        + ("" if merged else "；本年已发生费用不累计"),
        f"{scope.replace('_', ' ')} care, {filing}, {route} settlement: "
        f"{catalogue} region's catalogue, {insured_en}'s benefits"
        + (f"; {note_en}" if note_en else "")
        + ("" if merged else "; amounts from earlier this year do not count"),
    )


def _late_filing(insured_zh: str, insured_en: str) -> Texts:
    return (
        "未备案的跨省就医不能直接结算：按规定可在出院结算前补办备案（国家医保服务平台APP、参保地经办渠道或12393），"
        f"补办后按{insured_zh}“其他临时外出就医（已备案）”的待遇直接结算；不补办则需全额垫付、回参保地手工报销",
        "an unfiled patient cannot settle directly in another province: he may file before "
        "discharge (national insurance app, the home bureau, or 12393) and is then settled directly "
        f"under {insured_en}'s rule for other temporary care (filed); otherwise he pays the whole "
        "bill and claims it back at home",
    )


def _filing_free(insured_zh: str, insured_en: str) -> Texts:
    return (
        f"此地就医无需备案：按{insured_zh}的规定直接结算",
        f"no filing is needed here: settled directly under {insured_en}'s rule",
    )


STEPS: dict[str, Callable[..., Texts]] = {
    "share_first": _share_first,
    "not_paid": _not_paid,
    "as_level": _as_level,
    "ratio_drop": _ratio_drop,
    "ratio_fixed": _ratio_fixed,
    "ratio_multiplier": _ratio_multiplier,
    "deductible_override": _deductible_override,
    "deductible_exempt": _deductible_exempt,
    "deductible_later": _deductible_later,
    "deductible_bounded": _deductible_bounded,
    "deductible": _deductible,
    "band": _band,
    "own_ratio": _own_ratio,
    "cap": _cap,
    "layer": _layer,
    "given": _given,
    "burden": _burden,
    "overlmt": _overlmt,
    "preselfpay": _preselfpay,
    "split": _split,
    "elsewhere": _elsewhere,
    "late_filing": _late_filing,
    "filing_free": _filing_free,
}


# --- warnings -------------------------------------------------------------------------------


def _w_not_covered(name_zh: str, name_en: str) -> Texts:
    return (
        f"「{name_zh}」不在适用的医保目录内，全自费",
        f"'{name_en}' is not in the applicable catalogue: fully self-paid",
    )


def _w_restricted_not_met(name_zh: str, name_en: str, restriction: str) -> Texts:
    return (
        f"「{name_zh}」限定支付（{restriction}），您表示不符合，按全自费",
        f"'{name_en}' is restricted ({restriction}); you said the condition does not hold: "
        "fully self-paid",
    )


def _w_restricted(name_zh: str, name_en: str, restriction: str) -> Texts:
    text = restriction.rstrip("。.")
    return (
        f"「{name_zh}」限定支付：{text}。按符合条件估算，不符合则全自费",
        f"'{name_en}' is restricted: {text}. Estimated as if the condition holds; otherwise it "
        "is fully self-paid",
    )


def _w_estimated_prices(names_zh: list[str], names_en: list[str]) -> Texts:
    more = len(names_zh) - 5
    return (
        f"{len(names_zh)}项价格为估算值（方法见来源）：{'、'.join(names_zh[:5])}"
        + ("等" if more > 0 else ""),
        f"{len(names_en)} prices are estimates (method in the source): {', '.join(names_en[:5])}"
        + (f" and {more} more" if more > 0 else ""),
    )


def _w_not_paid(reason: str) -> Texts:
    return (
        f"基金不予支付：{zh('not_paid', reason)}",
        f"the fund pays nothing: {reason.replace('_', ' ')}",
    )


def _w_manual_claim() -> Texts:
    return (
        "手工报销：需先全额垫付，回参保地报销",
        "manual claim: you pay the whole bill first and claim it back at home",
    )


def _w_late_filing() -> Texts:
    return (
        "未备案：须在出院结算前补办异地就医备案才能直接结算，否则全额垫付后回参保地报销",
        "not filed: file before discharge to settle directly; otherwise pay in full and claim at home",
    )


def _w_stale_rule(title: str, date: str) -> Texts:
    return (
        f"规则来源「{title}」日期为 {date}，已超过一年，请核实是否仍然有效",
        f"the rule source '{title}' is dated {date}, more than a year old: check it is still in force",
    )


def _w_secondary_source(title: str) -> Texts:
    return (
        f"「{title}」为二手转述，非官方原文",
        f"'{title}' is a secondary restatement, not the official document",
    )


def _w_estimated_rule(title: str) -> Texts:
    return (f"「{title}」为估算值", f"'{title}' is an estimate")


WARNINGS: dict[str, Callable[..., Texts]] = {
    "not_covered": _w_not_covered,
    "restricted_not_met": _w_restricted_not_met,
    "restricted": _w_restricted,
    "estimated_price": _w_estimated_prices,
    "not_paid": _w_not_paid,
    "manual_claim": _w_manual_claim,
    "late_filing": _w_late_filing,
    "stale_rule": _w_stale_rule,
    "secondary_source": _w_secondary_source,
    "estimated_rule": _w_estimated_rule,
}


def step_text(key: str, **values: object) -> Texts:
    return STEPS[key](**values)


def warning_text(key: str, **values: object) -> Texts:
    return WARNINGS[key](**values)
