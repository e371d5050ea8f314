"""Bad input is refused at the field with a message; an option without rules says why in its column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

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


@pytest.mark.parametrize(
    ("column", "typed"),
    [(COL_PRICE, "1e30"), (COL_PRICE, "150000000"), (COL_QTY, "1,5"), (COL_QTY, "-5")],
)
def test_the_bill_editors_give_the_model_exactly_what_was_typed(
    fx_window: MainWindow, column: int, typed: str
) -> None:
    """A spin box would quietly make 1e30 into 130, 150000000 into 15,000,000, 1,5 into 15."""
    fx_window.bill.choose_treatment("fx_tavr", "")
    table, model = fx_window.bill.table, fx_window.bill.model
    index = model.index(0, column)
    before = model.rows()[0]
    editor = table.itemDelegateForColumn(column).createEditor(
        table.viewport(), QStyleOptionViewItem(), index
    )
    assert isinstance(editor, QLineEdit)
    editor.setText(typed)
    table.itemDelegateForColumn(column).setModelData(editor, model, index)
    assert model.rows()[0] == before  # refused whole, nothing changed
    assert fx_window.bill.message.isVisible()
    editor.deleteLater()


@pytest.mark.parametrize(
    ("field", "typed"),
    [("admissions", "-500"), ("age", "1e30"), ("deductible_paid", "1,5"), ("fund_paid", "abc")],
)
def test_a_number_typed_wrong_is_kept_as_typed_marked_and_refused_with_its_field(
    fx_window: MainWindow, field: str, typed: str
) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    widget = getattr(fx_window.who, field)
    widget.setText(typed)
    assert widget.text() == typed and widget.value() is None  # not changed into another number
    assert "border" in widget.styleSheet() and widget.toolTip()
    assert fx_window.compare() is None
    assert fx_window.message.isVisible() and typed in fx_window.message.text()
    widget.setText("1")
    assert widget.value() == Decimal(1) and fx_window.compare() is not None


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
