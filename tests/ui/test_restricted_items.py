"""A restricted item (限定支付范围): the user says whether the patient meets the condition."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from estimator_gui.core.estimator import BillEntry, Case
from estimator_gui.core.models import CareOption, Person
from estimator_gui.ui.bill_model import COL_CONDITION
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import BURDEN_ROW


def trastuzumab_row(window: MainWindow) -> int:
    return next(i for i, r in enumerate(window.bill.model.rows()) if r.code == "FX-D2")


def test_a_restricted_item_shows_its_condition_and_starts_as_not_stated(
    fx_window: MainWindow,
) -> None:
    fx_window.who.select_region("fixtown")
    fx_window.bill.choose_treatment("fx_tavr", "")
    model = fx_window.bill.model
    row = trastuzumab_row(fx_window)
    index = model.index(row, COL_CONDITION)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert model.data(index) == "未说明"
    assert "限HER2阳性的乳腺癌" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    other = next(i for i, r in enumerate(model.rows()) if not r.restriction)
    assert model.data(model.index(other, COL_CONDITION), Qt.ItemDataRole.CheckStateRole) is None


def test_saying_the_condition_does_not_hold_makes_the_item_self_paid(fx_window: MainWindow) -> None:
    fx_window.who.select_region("fixtown")
    fx_window.who.set_date(dt.date(2026, 5, 1))
    fx_window.bill.choose_treatment("fx_tavr", "")
    model = fx_window.bill.model
    row = trastuzumab_row(fx_window)
    assert model.setData(
        model.index(row, COL_CONDITION), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    comparison = fx_window.compare()
    assert comparison is not None
    home = comparison.results[0].estimate
    assert home is not None and any(
        w.code == "restricted" and "不符合" in w.text_zh for w in home.warnings
    )

    # the same case through the core, with the condition not met, gives the same burden to the fen
    est = fx_window.est
    entries = [
        BillEntry(code=r.code, quantity=r.quantity, restriction_met=r.restriction_met)
        for r in model.rows()
    ]
    who = fx_window.who.value()
    case = Case(
        insured_region="fixtown",
        person=Person(scheme=who.scheme, kind=who.person, age=who.age),
        date=who.date,
        entries=entries,
    )
    core = est.estimate(
        case,
        CareOption(
            treated_region="fixtown", level=comparison.results[0].option.level, date=who.date
        ),
    )
    shown = fx_window.results.data(fx_window.results.index(BURDEN_ROW, 0), Qt.ItemDataRole.UserRole)
    assert shown == core.patient_burden
    assert any(line.code == "FX-D2" and line.fulamt_ownpay == line.amount for line in core.lines)


def test_an_unedited_package_shows_its_low_high_range_and_an_edited_one_does_not(
    fx_window: MainWindow,
) -> None:
    fx_window.who.select_region("fixtown")
    fx_window.who.set_date(dt.date(2026, 5, 1))
    fx_window.bill.choose_treatment("fx_appendectomy", "")
    comparison = fx_window.compare()
    assert comparison is not None and comparison.results[0].burden_range is not None
    assert "套餐低/高方案" in fx_window.explanation.toPlainText()
    model = fx_window.bill.model
    assert model.setData(model.index(0, 3), "2")  # quantity edited: no longer the package
    comparison = fx_window.compare()
    assert comparison is not None and comparison.results[0].burden_range is None


def test_an_item_restricted_only_where_treated_gets_its_condition_box_after_comparing(
    fx_window: MainWindow,
) -> None:
    """The catalogue that judges the bill decides (the treated place's, here Shanghai's), not the
    window: the condition box appears for an item restricted only there."""
    fx_window.who.select_region("fixtown")
    fx_window.who.set_date(dt.date(2026, 5, 1))
    fx_window.bill.choose_treatment("fx_appendectomy", "")
    model = fx_window.bill.model
    ct = next(i for i, r in enumerate(model.rows()) if r.code == "FX-S4")
    assert model.rows()[ct].restriction is None  # not restricted in the home catalogue
    fx_window.where.add_place("shanghai", "level3", "referral", "direct")
    comparison = fx_window.compare()
    assert comparison is not None and "FX-S4" in comparison.restricted
    index = model.index(ct, COL_CONDITION)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert "仅上海目录限定" in model.data(index, Qt.ItemDataRole.ToolTipRole)
