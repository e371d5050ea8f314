"""Every item model passes Qt's model tester, empty and filled."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from estimator_gui.ui.bill_model import BillModel, BillRow
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import ResultsModel
from estimator_gui.ui.search_box import SuggestionModel


def test_the_suggestion_model_passes_the_model_tester(fx_window: MainWindow, qtmodeltester) -> None:
    model = SuggestionModel()
    qtmodeltester.check(model)
    fx_window.bill.treatment_search.setText("jd")
    qtmodeltester.check(fx_window.bill.treatment_search.model)
    model.set_hits(fx_window.est.search("FX"))
    qtmodeltester.check(model)


def test_the_bill_model_passes_the_model_tester(fx_window: MainWindow, qtmodeltester) -> None:
    qtmodeltester.check(BillModel())
    fx_window.bill.choose_treatment("fx_tavr", "")
    qtmodeltester.check(fx_window.bill.model)
    fx_window.bill.model.add_row(
        BillRow("FX-D1", "头孢呋辛", "cefuroxime", "drug", None, Decimal(2))
    )
    qtmodeltester.check(fx_window.bill.model)


def test_the_results_model_passes_the_model_tester(
    fx_window: MainWindow, qtmodeltester, qtbot: QtBot
) -> None:
    qtmodeltester.check(ResultsModel())
    fx_window.bill.choose_treatment("fx_tavr", "")
    fx_window.where.add_place("shanghai", "level3", "referral", "direct")
    fx_window.where.add_place("fixtown", "level3", "unfiled", "direct")
    assert fx_window.compare() is not None
    qtmodeltester.check(fx_window.results)


def test_the_real_results_model_passes_the_model_tester(
    real_window: MainWindow, qtmodeltester
) -> None:
    real_window.bill.choose_treatment("tavr", "")
    real_window.where.add_place("shanghai", "level3", "referral", "direct")
    assert real_window.compare() is not None
    qtmodeltester.check(real_window.results)
    qtmodeltester.check(real_window.bill.model)
