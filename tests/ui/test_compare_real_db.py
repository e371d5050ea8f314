"""The real window over the real bundled database shows the core's numbers, to the fen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytestqt.qtbot import QtBot

from estimator_gui.core.estimator import BillEntry, Case, Comparison
from estimator_gui.core.models import CareOption, Filing, Level, Person, PersonKind, Route, Scheme
from estimator_gui.core.money import format_yuan
from estimator_gui.ui.bill_model import COL_PRICE
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import DELTA_ROW, FIELDS, VALUE_ROLE

from .helpers import commit_text

HOME = "fuyang"
PLACES = [("shanghai", Filing.REFERRAL, Route.DIRECT), ("beijing", Filing.UNFILED, Route.MANUAL)]


def set_up_case(window: MainWindow, treatment_id: str) -> None:
    who = window.who
    who.select_region(HOME)
    who.select_person("employee", "employed")
    who.age.setValue(58)
    who.set_date(dt.date.today())
    name = window.est.catalog.treatment(treatment_id).name_zh
    commit_text(window.bill.treatment_search.edit, name[:4])  # search as you type, in Chinese
    refs = [h.ref for h in window.bill.treatment_search.hits()]
    assert treatment_id in refs, refs
    window.bill.treatment_search.pick(refs.index(treatment_id))
    assert window.bill.treatment_id == treatment_id
    window.where.set_home_level("level3")
    window.where.clear_places()
    for region, filing, route in PLACES:
        window.where.add_place(region, "level3", filing.value, route.value)


def expected(
    window: MainWindow, treatment_id: str, prices: dict[str, Decimal] | None = None
) -> Comparison:
    """The same case, built here from the inputs (not from the window) and run through the facade."""
    today = dt.date.today()
    entries = window.est.bill_for(treatment_id, "typical")
    if prices is not None:
        entries = [
            BillEntry(code=e.code, quantity=e.quantity, unit_price=prices[e.code]) for e in entries
        ]
    treatment = window.est.catalog.treatment(treatment_id)
    case = Case(
        insured_region=HOME,
        person=Person(scheme=Scheme.EMPLOYEE, kind=PersonKind.EMPLOYED, age=58),
        date=today,
        entries=entries,
        setting=treatment.setting,
    )
    options = [CareOption(treated_region=HOME, level=Level.LEVEL3, date=today)]
    options += [
        CareOption(treated_region=r, level=Level.LEVEL3, filing=f, route=rt, date=today)
        for r, f, rt in PLACES
    ]
    return window.est.compare(case, options)


def assert_table_matches(window: MainWindow, want: Comparison) -> None:
    model = window.results
    assert model.columnCount() == len(want.results)
    for column, result in enumerate(want.results):
        if result.estimate is None:
            shown = model.data(model.index(0, column))
            assert result.error_zh in shown  # the reason, in its column
            continue
        for row, field in enumerate(FIELDS):
            value = field.value(result.estimate)
            index = model.index(row, column)
            assert model.data(index, VALUE_ROLE) == value, (field.key, column)
            assert model.data(index) == field.text(result.estimate)  # yuan, or the ratio as a %
        assert model.data(model.index(DELTA_ROW, column), VALUE_ROLE) == result.delta_vs_home


def test_a_treatment_found_by_search_compares_to_the_same_figures_as_the_core(
    real_window: MainWindow,
) -> None:
    set_up_case(real_window, "tavr")
    got = real_window.compare()
    assert got is not None
    assert_table_matches(real_window, expected(real_window, "tavr"))


def test_entered_prices_give_estimates_equal_to_the_core_to_the_fen(
    real_window: MainWindow,
) -> None:
    set_up_case(real_window, "pci_stent")
    model = real_window.bill.model
    prices = {}
    for row, line in enumerate(model.rows()):
        price = Decimal(100 + 7 * row) + Decimal("0.35")
        assert model.setData(model.index(row, COL_PRICE), str(price))
        prices[line.code] = price
    assert real_window.compare() is not None
    want = expected(real_window, "pci_stent", prices)
    assert any(r.estimate is not None for r in want.results)
    assert_table_matches(real_window, want)
    home = real_window.results.result(0)
    assert home is not None and home.estimate is not None
    assert real_window.results.data(real_window.results.index(DELTA_ROW, 0)) == format_yuan(
        Decimal(0)
    )


def test_pinyin_initials_and_codes_find_packages_and_items(
    real_window: MainWindow, qtbot: QtBot
) -> None:
    conn = real_window.est.catalog.conn
    py = conn.execute("SELECT py FROM search WHERE kind = 'treatment' AND ref = 'tavr'").fetchone()[
        0
    ]
    real_window.bill.treatment_search.setText(py)
    assert "tavr" in [h.ref for h in real_window.bill.treatment_search.hits()]
    code = conn.execute("SELECT code FROM items WHERE kind = 'drug' LIMIT 1").fetchone()[0]
    real_window.bill.item_search.setText(code[:8])
    hits = real_window.bill.item_search.hits()
    assert hits and all(h.kind != "treatment" for h in hits)
    before = real_window.bill.model.rowCount()
    real_window.bill.item_search.pick(0)
    assert real_window.bill.model.rowCount() == before + 1


def test_choice_values_of_the_selected_option_are_shown(real_window: MainWindow) -> None:
    set_up_case(real_window, "tavr")
    model = real_window.bill.model
    for row in range(model.rowCount()):
        model.setData(model.index(row, COL_PRICE), "88.8")
    comparison = real_window.compare()
    assert comparison is not None
    for column in range(len(comparison.results)):
        real_window.table.setCurrentIndex(real_window.results.index(0, column))
        text = real_window.explanation.toPlainText()
        for choice in comparison.choices:
            if choice.option_index == column:
                assert choice.text_zh in text
