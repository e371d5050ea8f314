"""Bad input is refused at the field with a message; an option without rules says why in its column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QStyleOptionViewItem

from estimator_gui.ui.bill_model import COL_PRICE, COL_QTY
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import DELTA_ROW


@pytest.mark.parametrize("value", ["-1", "abc", "", "0", -3, "1e999999", "NaN"])
def test_a_bad_quantity_is_refused_with_a_message(fx_window: MainWindow, value: object) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    model = fx_window.bill.model
    before = model.rows()
    assert not model.setData(model.index(0, COL_QTY), value)
    assert model.rows() == before
    assert fx_window.bill.message.isVisible()
    assert fx_window.bill.message.text() == "数量必须是大于 0、不超过 100,000 的数字。"


@pytest.mark.parametrize("value", ["-0.01", "twelve", "¥-5", "inf"])
def test_a_bad_price_is_refused_with_a_message_in_the_current_language(
    fx_window: MainWindow, value: str
) -> None:
    fx_window.set_language("en")
    fx_window.bill.choose_treatment("fx_tavr", "")
    model = fx_window.bill.model
    assert not model.setData(model.index(0, COL_PRICE), value)
    assert model.rows()[0].unit_price is None
    assert "Unit price must be a number" in fx_window.bill.message.text()


def test_good_edits_are_taken_and_clear_the_message(fx_window: MainWindow) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    model = fx_window.bill.model
    model.setData(model.index(0, COL_QTY), "abc")
    assert model.setData(model.index(0, COL_QTY), "2")
    assert model.setData(model.index(0, COL_PRICE), "¥1,234.5")
    assert model.rows()[0].quantity == Decimal(2)
    assert model.rows()[0].unit_price == Decimal("1234.50")
    assert not fx_window.bill.message.isVisible()
    assert model.setData(model.index(0, COL_PRICE), "")  # emptied: back to the list price
    assert model.rows()[0].unit_price is None


def test_the_editors_cannot_go_below_their_minimum(fx_window: MainWindow) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    table = fx_window.bill.table
    for column, minimum in ((COL_QTY, 0.01), (COL_PRICE, 0.0)):
        index = fx_window.bill.model.index(0, column)
        editor = table.itemDelegateForColumn(column).createEditor(
            table.viewport(), QStyleOptionViewItem(), index
        )
        assert isinstance(editor, QDoubleSpinBox)
        assert editor.minimum() == minimum
        editor.setValue(-5)
        assert editor.value() == minimum
        editor.deleteLater()


def test_a_region_without_rules_for_the_date_is_explained_in_its_column(
    fx_window: MainWindow,
) -> None:
    # Shanghai's rules cover 2023, the synthetic Fixtown's start in 2024.
    fx_window.who.select_region("shanghai")
    fx_window.who.set_date(dt.date(2023, 6, 1))
    fx_window.bill.choose_treatment("fx_tavr", "")
    fx_window.where.add_place("fixtown", "level3", "referral", "direct")
    comparison = fx_window.compare()
    assert comparison is not None
    home, away = comparison.results
    assert home.estimate is not None and away.estimate is None
    cell = fx_window.results.data(fx_window.results.index(0, 1))
    assert cell.startswith("无法估算：") and "2023-06-01" in cell
    assert fx_window.table.rowSpan(0, 1) == DELTA_ROW + 1  # the reason reads down the column
    fx_window.table.setCurrentIndex(fx_window.results.index(0, 1))
    assert away.error_zh in fx_window.explanation.toPlainText()
    assert "2023-06-01" in fx_window.chart.accessibleDescription()


def test_an_empty_bill_asks_for_a_treatment_instead_of_comparing(fx_window: MainWindow) -> None:
    assert fx_window.compare() is None
    assert fx_window.message.isVisible()
    assert "治疗方案" in fx_window.message.text()
