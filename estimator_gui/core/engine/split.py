"""Phase 2: each bill line split into 全自费 / 超限价 / 先行自付 / 政策范围内 under the catalogue
that judges it, and the shares and caps of the region whose shares apply."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from decimal import Decimal

from ..models import BillLine, CatalogTerms, ItemClass, LineSplit, RuleSet, ShareRule, Tier
from ..money import ZERO, round_fen
from ..vocab import zh
from .state import Settlement
from .trace import EstimateError, Trace


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
        # most lines are 甲; when no rule gives 甲 a share, a cap or a ratio, they need no lookup
        self.jia_is_free = all(
            r.share == 0 and r.pay_cap is None and r.ratio is None
            for r in shares
            if ItemClass.JIA in r.classes
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
    line: BillLine,
    terms: CatalogTerms,
    share_rules: RuleSet,
    trace: Trace,
    memo: _ShareMemo | None = None,
) -> LineSplit:
    """Split one line into 全自费 / 超限价 / 先行自付 / 政策范围内."""
    item = line.item
    amount = round_fen(line.quantity * line.unit_price)
    name = item.name_zh
    name_en = item.name_en or name
    fulamt = overlmt = pre = inscp = share = ZERO
    cap: Decimal | None = None
    own_ratio: Decimal | None = None
    cls = terms.item_class
    if line.price_source is not None and line.price_source.tier is Tier.ESTIMATE:
        trace.estimated_prices.append((name, name_en))
    if not terms.covered or cls is ItemClass.BING:
        fulamt = amount
        if not terms.covered:
            trace.warn("not_covered", name_zh=name, name_en=name_en)
    elif terms.restriction and line.restriction_met is False:
        fulamt = amount
        trace.warn(
            "restricted",
            "restricted_not_met",
            name_zh=name,
            name_en=name_en,
            restriction=terms.restriction,
        )
    else:
        if terms.restriction and line.restriction_met is None:
            trace.warn("restricted", name_zh=name, name_en=name_en, restriction=terms.restriction)
        cap = terms.pay_cap
        memo = memo or _share_memo(share_rules)
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
                own_ratio = rule.ratio
                if rule.pay_cap is not None:
                    cap = rule.pay_cap if cap is None else min(cap, rule.pay_cap)
                if share or own_ratio is not None:
                    trace.share_rules.add(f"item_shares[{found}]")
        # (most lines have no cap and no share: no arithmetic for them)
        capped = amount if cap is None else min(amount, round_fen(cap * line.quantity))
        if capped is not amount:
            overlmt = amount - capped
        if share:
            pre = round_fen(capped * share)
            inscp = capped - pre
        else:
            inscp = capped
    # positional, in LineSplit's field order (the engine's hot path)
    return LineSplit(
        item.code, name, item.kind, cls, amount, fulamt, overlmt, pre, inscp, share, cap, own_ratio
    )


def split(state: Settlement) -> None:
    """Phase 2: every line under the catalogue that judges it, then the sums and their step."""
    trace = state.trace
    shares_from = state.shares_from or state.insured
    memo = _share_memo(shares_from)
    treated = state.catalogue_from == "treated"
    for n, line in enumerate(state.lines, start=1):
        terms = line.terms if treated else line.home_terms
        if terms is None:
            raise EstimateError(
                f"lines[{n}].home_terms",
                f"line {n} ({line.item.code}): no terms in the insured region's catalogue",
                f"第{n}行（{line.item.code}）：缺少参保地目录中的支付类别",
            )
        state.splits.append(split_line(line, terms, shares_from, trace, memo))
    total = fulamt = overlmt = pre = inscp = ZERO
    own: dict[Decimal, Decimal] = {}
    for x in state.splits:  # (most parts are zero: adding only the others is faster)
        total += x.amount
        if x.fulamt_ownpay:
            fulamt += x.fulamt_ownpay
        if x.overlmt_selfpay:
            overlmt += x.overlmt_selfpay
        if x.preselfpay:
            pre += x.preselfpay
        if x.inscp:
            inscp += x.inscp
            if x.own_ratio is not None:
                own[x.own_ratio] = own.get(x.own_ratio, ZERO) + x.inscp
    state.total, state.fulamt, state.overlmt, state.pre, state.inscp = (
        total,
        fulamt,
        overlmt,
        pre,
        inscp,
    )
    state.own_ratio = sorted(own.items())
    if state.overlmt:
        capped = sum(1 for x in state.splits if x.overlmt_selfpay)
        trace.step("overlmt", state.overlmt, lines=capped, amount=state.overlmt)
    if state.pre:
        shared = sum(1 for x in state.splits if x.preselfpay)
        rules = trace.share_rules
        rule = (min(rules) if len(rules) == 1 else "item_shares") if rules else None
        trace.step(
            "preselfpay", state.pre, rule, cite=tuple(sorted(rules)), lines=shared, amount=state.pre
        )
    trace.step(
        "split",
        state.inscp,
        total=state.total,
        fulamt=state.fulamt,
        overlmt=state.overlmt,
        pre=state.pre,
        inscp=state.inscp,
    )
