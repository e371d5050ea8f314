"""Local prices where a real list exists, an honest stand-in where none does, each list dated."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import defaultdict
from decimal import Decimal as D
from pathlib import Path

import pytest

from estimator_gui.core.estimator import BillEntry, Case, Estimator
from estimator_gui.core.models import CareOption, Person

DAY = dt.date(2026, 11, 1)
ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ESTIMATOR_REFERENCE_DATA", ROOT.parent / "shared" / "data"))
BOOK = DATA / "medical-service-prices-chengdu-2024" / "chengdu_service_prices_2024.csv"
EMPLOYED = Person(scheme="employee", kind="employed", age=50)


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def _book_lines() -> dict[str, dict[str, str]]:
    """Each national code's own line (no suffix) with a 三甲 price, as printed in the book."""
    own: dict[str, dict[str, str]] = {}
    with BOOK.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            price = row["price_三甲"].strip()
            if "-" not in row["local_code"] and price and not price.endswith("%"):
                own.setdefault(row["national_code"], row)
    return own


def _price(est: Estimator, region: str, code: str, level: str) -> D:
    rules = est.rules(region, DAY)
    line = est.price_lines([BillEntry(code=code, quantity=D(1))], rules, rules, level, DAY)[0]
    return line.unit_price


@pytest.mark.skipif(not BOOK.exists(), reason="the Chengdu price book is not beside the repository")
def test_twenty_chengdu_prices_across_categories_equal_the_book_at_their_grade(est):
    book = _book_lines()
    by_chapter: dict[str, list[str]] = defaultdict(list)
    for code in sorted(book):
        if est.item(code) is not None:
            by_chapter[code[:4]].append(code)
    picked = []
    while len(picked) < 20 and any(by_chapter.values()):  # round-robin over the book's chapters
        for chapter in sorted(by_chapter):
            if by_chapter[chapter] and len(picked) < 20:
                picked.append(by_chapter[chapter].pop(len(by_chapter[chapter]) // 2))
    assert len(picked) == 20 and len({c[:4] for c in picked}) >= 8
    for code in picked:
        row = book[code]
        assert _price(est, "chengdu", code, "level3") == D(row["price_三甲"]), (code, row["name"])
        if row["price_二甲"].strip():
            assert _price(est, "chengdu", code, "level2") == D(row["price_二甲"]), code
        if row["price_二乙以下"].strip():
            assert _price(est, "chengdu", code, "level1") == D(row["price_二乙以下"]), code


def test_the_same_treatment_costs_differently_in_sichuan_and_jiangsu(est):
    case = Case(insured_region="chengdu", person=EMPLOYED, date=DAY,
                entries=est.bill_for("lap_appendectomy"))
    options = [CareOption(treated_region=r, level="level3", filing=f, date=DAY)
               for r, f in (("chengdu", None), ("nanjing", "referral"))]
    chengdu, nanjing = (r.estimate for r in est.compare(case, options).results)
    assert chengdu.total != nanjing.total
    assert any(e.kind == "price" and e.local and e.edition.startswith("chengdu-2024@")
               for e in chengdu.editions)
    assert all(e.local for e in nanjing.editions if e.kind == "price")


def test_a_place_without_its_own_list_says_so_and_widens_its_range_by_the_measured_spread(est):
    case = Case(insured_region="fuyang", person=EMPLOYED, date=DAY,
                entries=est.bill_for("lap_appendectomy"))
    option = CareOption(treated_region="beijing", level="level3", filing="referral", date=DAY)
    result = est.compare(case, [option], package="lap_appendectomy").results[0]
    assert any(w.code == "standin_price" and "不是北京市本地价格" in w.text_zh
               for w in result.estimate.warnings)
    low, high = result.burden_range
    # the package's own low and high variants at the stand-in prices, for comparison
    plain = [est.try_estimate(case.model_copy(update={"entries": est.bill_for("lap_appendectomy", v)}),
                              option).estimate.patient_burden for v in ("low", "high")]
    assert low < plain[0] and high > plain[1]
    assert "实测价格差" in result.range_note_zh and "成都与江苏" in result.range_note_zh


def test_a_bill_uses_the_price_list_in_force_on_its_date(est):
    """The TAVR valve: 210,000 until 2026-01-15, the 2026-01-16 price after (price governance)."""
    rules = est.rules("shanghai", DAY)

    def valve(day):
        entry = BillEntry(code="LOCAL-TAVR-D", quantity=D(1))
        return est.price_lines([entry], rules, rules, "level3", day)[0].unit_price

    before, after = valve(dt.date(2026, 1, 15)), valve(dt.date(2026, 1, 16))
    assert before == D("210000.00") and D(130000) <= after <= D(160000)


def test_zhejiangs_unknown_limits_on_high_value_consumables_are_said_plainly(est):
    """The limits exist but their figures were not found: the comparison says so, with its source."""
    case = Case(insured_region="fuyang", person=EMPLOYED, date=DAY, entries=est.bill_for("tavr"))
    places = [("hangzhou", "referral"), ("shanghai", "referral")]
    options = [CareOption(treated_region=r, level="level3", filing=f, date=DAY) for r, f in places]
    hangzhou, shanghai = (r.estimate for r in est.compare(case, options).results)
    notes = [w for w in hangzhou.warnings if w.code == "unknown_limit"]
    assert notes and "浙江" in notes[0].text_zh and "未取得具体数额" in notes[0].text_zh
    assert not [w for w in shanghai.warnings if w.code == "unknown_limit"]
