"""The counselling desk: a hospital's own quote for an option, the cash a patient needs and when,
and the whole cost of going (travel, lodging, meals, lost income)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from .models import (
    Amount,
    CatalogTerms,
    Estimate,
    Filing,
    Item,
    ItemClass,
    ItemKind,
    Model,
    Route,
    Scope,
    Source,
    Tier,
)
from .money import ZERO

MAX_AMOUNT = Decimal(10) ** 8  # a quote line or a trip figure above 100 million yuan is a typo
MAX_QUANTITY = Decimal(10) ** 6


class QuoteCategory(StrEnum):
    BED = "bed"  # 床位
    TESTS = "tests"  # 检查化验
    TREATMENT = "treatment"  # 手术治疗
    DRUGS = "drugs"  # 药品
    CONSUMABLES = "consumables"  # 耗材


# What a total by category is taken to be: the kind of item and the class assumed for all of it
# (a judgement, shown to the user): beds, tests and operations are mostly 甲; drugs and
# consumables are taken as 乙, paying the region's share first — the cautious reading.
CATEGORY_TERMS: dict[QuoteCategory, tuple[ItemKind, ItemClass, str, str]] = {
    QuoteCategory.BED: (ItemKind.SERVICE, ItemClass.JIA, "床位费", "bed"),
    QuoteCategory.TESTS: (ItemKind.SERVICE, ItemClass.JIA, "检查化验费", "tests"),
    QuoteCategory.TREATMENT: (
        ItemKind.SERVICE,
        ItemClass.JIA,
        "手术治疗费",
        "surgery and treatment",
    ),
    QuoteCategory.DRUGS: (ItemKind.DRUG, ItemClass.YI, "药品费", "drugs"),
    QuoteCategory.CONSUMABLES: (ItemKind.CONSUMABLE, ItemClass.YI, "耗材费", "consumables"),
}
ASSUMPTION = Source(
    id="quote-category-assumption",
    title="医院报价按类别合计时的医保类别假设（床位、检查化验、手术治疗按甲类；药品、耗材按乙类）",
    document="本程序的假设（估算），见 README「医院报价」",
    date=dt.date(2026, 12, 1),
    tier=Tier.ESTIMATE,
    note="a total by category cannot be classed item by item; the cautious reading is taken",
)


QuoteAmount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]


class QuoteLine(Model):
    """One line of a hospital's quote or 费用清单: an item (by code) at the hospital's price."""

    code: str = Field(min_length=1, max_length=40)
    quantity: Decimal = Field(gt=0, le=MAX_QUANTITY, allow_inf_nan=False)
    unit_price: Decimal = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)


class Quote(Model):
    """The treating hospital's own estimate, replacing the package's bill for one option: totals by
    category (classes assumed per category, shown), lines at its prices, or both."""

    label: str = Field(default="", max_length=80)  # e.g. "瑞金医院 2026-11-20 报价"
    categories: dict[QuoteCategory, QuoteAmount] = Field(default_factory=dict)
    lines: list[QuoteLine] = Field(default_factory=list, max_length=5000)

    def category_lines(self) -> list[tuple[Item, CatalogTerms, Decimal]]:
        """(item, assumed terms, amount) per category with an amount."""
        out = []
        for category, amount in self.categories.items():
            if amount <= 0:
                continue
            kind, cls, zh, en = CATEGORY_TERMS[category]
            item = Item(code=f"QUOTE-{category.value.upper()}", kind=kind, name_zh=zh, name_en=en)
            terms = CatalogTerms(
                catalogue="quote-assumption", covered=True, item_class=cls, source=ASSUMPTION
            )
            out.append((item, terms, amount))
        return out

    @property
    def empty(self) -> bool:
        return not any(v > 0 for v in self.categories.values()) and not self.lines


class Trip(Model):
    """The cost of going, apart from the medical bill (all optional, all per this episode)."""

    mode: str = Field(default="", max_length=20)  # 高铁, 飞机, 自驾 …
    fare: Decimal = Field(
        default=ZERO, ge=0, le=MAX_AMOUNT, allow_inf_nan=False
    )  # one way, one person
    trips: int = Field(default=0, ge=0, le=100)  # one-way journeys of each traveller
    companions: int = Field(default=0, ge=0, le=10)
    nights: int = Field(default=0, ge=0, le=366)  # of lodging (companions, or before admission)
    lodging_per_night: Decimal = Field(default=ZERO, ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    meal_days: int = Field(default=0, ge=0, le=366)
    meals_per_day: Decimal = Field(default=ZERO, ge=0, le=MAX_AMOUNT, allow_inf_nan=False)  # all
    lost_income_days: int = Field(default=0, ge=0, le=366)
    income_per_day: Decimal = Field(default=ZERO, ge=0, le=MAX_AMOUNT, allow_inf_nan=False)

    def parts(self) -> dict[str, Decimal]:
        travellers = 1 + self.companions
        return {
            "travel": self.fare * self.trips * travellers,
            "lodging": self.lodging_per_night * self.nights,
            "meals": self.meals_per_day * self.meal_days,
            "lost_income": self.income_per_day * self.lost_income_days,
        }

    @property
    def total(self) -> Decimal:
        return sum(self.parts().values(), ZERO)


class CashPlan(Model):
    """The money a patient needs for one option, and when: the deposit at admission, what is paid
    or given back at discharge, and for a manual claim the amount fronted and claimed back."""

    route: Route
    deposit: Decimal  # 押金（预交金）at admission
    deposit_typical: bool  # True: the program's typical amount (editable), not the hospital's
    at_discharge: Decimal  # paid at discharge (negative: money given back)
    fronted: Decimal  # all the patient pays out before any claim
    claimed_back: Decimal  # a manual claim: what the home bureau should pay back
    papers: list[tuple[str, str]]  # the papers to keep (zh, en)
    steps: list[tuple[str, str]]  # filing and claiming steps (zh, en)


PAPERS = [
    ("医疗费用发票（原件）", "the invoice (original)"),
    ("费用明细清单", "the itemised bill (费用清单)"),
    ("诊断证明", "the diagnosis certificate"),
    ("出院小结", "the discharge summary"),
]
FILING_PAPER = ("异地就医备案凭证（备案记录截图或回执）", "proof of filing (the record or receipt)")


def typical_deposit(est: Estimate) -> Decimal:
    """A typical deposit, stated as such: what the patient is expected to pay — the whole bill for
    a claim by hand, the own share for direct settlement — rounded up to the next ¥1,000 (at least
    ¥2,000). A rule of thumb; the hospital says the real amount."""
    base = est.total if est.route is Route.MANUAL else est.patient_burden
    return Decimal(max(2000, math.ceil(base / 1000) * 1000))


def cash_plan(est: Estimate, hotline: str | None, deposit: Decimal | None = None) -> CashPlan:
    typical = deposit is None
    paid_first = typical_deposit(est) if deposit is None else deposit
    manual = est.route is Route.MANUAL
    fronted = est.total if manual else est.patient_burden
    papers = list(PAPERS)
    steps: list[tuple[str, str]] = []
    line = hotline or "12393"
    elsewhere = est.scope is not Scope.HOME
    if elsewhere and not est.filing_free and est.filing is not Filing.UNFILED:
        papers.append(FILING_PAPER)
        steps.append(
            (
                "出发前办理异地就医备案：国家医保服务平台APP或“国家异地就医备案”小程序，"
                f"也可通过参保地医保经办窗口或电话（{line}）办理",
                "file before you go: the national insurance service app or mini-program, or the "
                f"home bureau's counter or line ({line})",
            )
        )
    if est.late_filing:
        papers.append(FILING_PAPER)
        steps.append(
            (
                "未备案：最迟在出院结算前补办备案（国家医保服务平台APP或参保地经办渠道），"
                "才能在医院直接结算；否则全额垫付后回参保地报销",
                "not filed: file at the latest before discharge (the national app or the home "
                "bureau) to settle directly at the hospital; otherwise pay in full and claim at home",
            )
        )
    if elsewhere and est.filing_free:
        steps.append(
            (
                "此地就医无需备案，持医保电子凭证或社保卡直接结算",
                "no filing is needed here: settle directly with the insurance card or app",
            )
        )
    if manual:
        steps.append(
            (
                "出院时全额结清；回参保地医保经办机构（或线上渠道）申请手工报销，按当地时限办理"
                "（经验上多为一至数月，以当地为准）",
                "pay the whole bill at discharge; claim at the home bureau (or online); its own "
                "time limits apply (in practice often one to a few months; ask locally)",
            )
        )
    else:
        steps.append(
            (
                "出院时医院直接结算，只付个人负担部分，多退少补押金",
                "at discharge the hospital settles directly: you pay your own share; the "
                "deposit is set against it",
            )
        )
    return CashPlan(
        route=est.route,
        deposit=paid_first,
        deposit_typical=typical,
        at_discharge=fronted - paid_first,
        fronted=fronted,
        claimed_back=est.fund_total if manual else ZERO,
        papers=papers,
        steps=steps,
    )


__all__ = [
    "ASSUMPTION",
    "CATEGORY_TERMS",
    "PAPERS",
    "Amount",
    "CashPlan",
    "Quote",
    "QuoteCategory",
    "QuoteLine",
    "Trip",
    "cash_plan",
    "typical_deposit",
]
