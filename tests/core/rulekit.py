"""Small builders of rule files and bills for engine tests (synthetic rules, hand-checked figures)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from estimator_gui.core.models import (
    BillLine,
    CareOption,
    CatalogTerms,
    Item,
    ItemClass,
    ItemKind,
    Origin,
    Person,
    RuleSet,
)
from estimator_gui.core.rules import RegionFile

DAY = dt.date(2026, 3, 1)
SOURCE = {
    "title": "测试规则（合成）",
    "document": "tests (synthetic)",
    "date": "2026-01-01",
    "tier": "official",
}


def benefit(
    deductible: Any = 1000,
    bands: Any = None,
    *,
    basis: str = "per_admission",
    band_basis: str = "absolute",
    cap: Any = None,
    cap_basis: str = "fund",
    layers: list[dict[str, Any]] | None = None,
    later: list[dict[str, Any]] | None = None,
    year_total_cap: Any = None,
    exempt: list[str] | None = None,
) -> dict[str, Any]:
    amount = deductible if isinstance(deductible, dict) else {"all": deductible}
    if bands is None:
        bands = [{"upto": None, "ratio": "0.8"}]
    band_table = bands if isinstance(bands, dict) else {"all": bands}
    return {
        "deductible": {
            "basis": basis,
            "amount": amount,
            "later_admissions": later or [],
            "year_total_cap": year_total_cap,
            "exempt_groups": exempt or [],
        },
        "ratios": {"band_basis": band_basis, "bands": band_table},
        "cap": {"amount": cap, "basis": cap_basis},
        "layers": layers or [],
    }


def region(
    rid: str = "home",
    province: str = "甲省",
    *,
    employed: dict[str, Any] | None = None,
    retired: dict[str, Any] | None = None,
    resident: dict[str, Any] | None = None,
    shares: list[dict[str, Any]] | None = None,
    elsewhere: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    def hist(value: Any) -> list[dict[str, Any]]:
        return [{"from": "2025-01-01", "value": copy.deepcopy(value), "source": "s"}]

    persons: dict[str, Any] = {
        "employed": {
            "kind": "employed",
            "name_zh": "在职",
            "name_en": "employed",
            "settings": {"inpatient": hist(employed or benefit())},
        },
    }
    if retired is not None:
        persons["retired"] = {
            "kind": "retired",
            "name_zh": "退休",
            "name_en": "retired",
            "settings": {"inpatient": hist(retired)},
        }
    schemes: dict[str, Any] = {"employee": {"year_start": hist("01-01"), "persons": persons}}
    if resident is not None:
        schemes["resident"] = {
            "year_start": hist("01-01"),
            "persons": {
                "adult": {
                    "kind": "adult",
                    "name_zh": "成年",
                    "name_en": "adult",
                    "settings": {"inpatient": hist(resident)},
                }
            },
        }
    return {
        "region": {
            "id": rid,
            "name_zh": rid,
            "name_en": rid,
            "province": province,
            "province_en": province,
            "kind": "prefecture",
            "catalogs": {"drug": "c", "service": "c", "consumable": "c"},
            "price_lists": ["p"],
        },
        "sources": {"s": SOURCE},
        "schemes": schemes,
        "item_shares": hist(
            shares
            if shares is not None
            else [
                {"kinds": ["drug", "service", "consumable"], "classes": ["甲"], "share": 0},
                {"kinds": ["drug", "service", "consumable"], "classes": ["乙"], "share": "0.1"},
            ]
        ),
        "elsewhere": hist(elsewhere or []),
    }


def rules(raw: dict[str, Any], on: dt.date = DAY) -> RuleSet:
    return RegionFile(raw, "test.yaml").resolve(on)


def line(
    amount: Any,
    cls: str | None = "甲",
    *,
    qty: Any = 1,
    kind: str = "service",
    code: str = "X",
    cap: Any = None,
    share: Any = None,
    category: str | None = None,
    origin: str | None = None,
    restriction: str | None = None,
    restriction_met: bool | None = None,
    home_cls: str | None = "same",
) -> BillLine:
    def terms(c: str | None, which: str) -> CatalogTerms:
        return CatalogTerms(
            catalogue=which,
            covered=c is not None,
            item_class=ItemClass(c) if c else None,
            pay_cap=None if cap is None else Decimal(str(cap)),
            item_share=None if share is None else Decimal(str(share)),
            restriction=restriction,
        )

    return BillLine(
        item=Item(
            code=code,
            kind=ItemKind(kind),
            name_zh=code,
            category=category,
            origin=Origin(origin) if origin else None,
        ),
        quantity=Decimal(str(qty)),
        unit_price=Decimal(str(amount)),
        terms=terms(cls, "treated"),
        home_terms=terms(cls if home_cls == "same" else home_cls, "insured"),
        restriction_met=restriction_met,
    )


EMPLOYED = Person(scheme="employee", kind="employed", age=45)
RESIDENT = Person(scheme="resident", kind="adult", age=45)


def home(level: str = "level3", rid: str = "home") -> CareOption:
    return CareOption(treated_region=rid, level=level, date=DAY)


def away(
    rid: str, filing: str, route: str = "direct", level: str = "level3", **kw: Any
) -> CareOption:
    return CareOption(treated_region=rid, level=level, filing=filing, route=route, date=DAY, **kw)
