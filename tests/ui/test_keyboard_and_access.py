"""Usable by keyboard and by screen readers; a large-font mode; the chart paints."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from estimator_gui.ui import fonts
from estimator_gui.ui.main_window import MainWindow


def controls(window: MainWindow) -> list[QWidget]:
    """Every control a user can reach (not the parts inside spin boxes, combos and scroll bars)."""
    kinds = (
        QAbstractButton,
        QComboBox,
        QLineEdit,
        QAbstractSpinBox,
        QAbstractItemView,
        QTextBrowser,
    )
    out = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, kinds) or not w.isVisibleTo(window):
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox | QAbstractItemView):
            continue  # the line edit inside a spin box or combo, a table's header: named by the owner
        if type(w).__name__ in ("QScrollBar",) or w.objectName().startswith("qt_"):
            continue
        out.append(w)
    return out


def with_places(window: MainWindow) -> None:
    window.bill.choose_treatment("fx_tavr", "")
    window.where.add_place("shanghai", "level3", "referral", "direct")
    window.where.add_place("shanghai", "level3", "unfiled", "manual")
    assert window.compare() is not None


def test_every_control_has_an_accessible_name_in_both_languages(fx_window: MainWindow) -> None:
    with_places(fx_window)
    for lang in ("zh", "en"):
        fx_window.set_language(lang)
        unnamed = [
            (type(w).__name__, w.objectName())
            for w in controls(fx_window)
            if not w.accessibleName().strip()
        ]
        assert not unnamed, lang
    assert len(controls(fx_window)) > 15


def test_enter_in_a_field_starts_the_comparison(fx_window: MainWindow, qtbot: QtBot) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    fx_window.who.age.setFocus()
    qtbot.keyClick(fx_window.who.age, Qt.Key.Key_Return)
    assert fx_window.comparison is not None
    assert fx_window.results.columnCount() == 1


def test_enter_in_the_search_box_picks_a_suggestion_rather_than_comparing(
    fx_window: MainWindow, qtbot: QtBot
) -> None:
    box = fx_window.bill.treatment_search
    box.setText("tavi")
    assert box.list.isVisible()
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert fx_window.bill.treatment_id == "fx_tavr"
    assert fx_window.comparison is None
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)  # the list is closed now: Enter compares
    assert fx_window.comparison is not None


def test_arrow_keys_move_through_suggestions(fx_window: MainWindow, qtbot: QtBot) -> None:
    box = fx_window.bill.item_search
    box.setText("fx")
    assert len(box.hits()) > 2
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    assert box.list.hasFocus() or QApplication.focusWidget() is box.list
    qtbot.keyClick(box.list, Qt.Key.Key_Down)
    second = box.hits()[1]
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    assert second.ref in [r.code for r in fx_window.bill.model.rows()]


def test_shortcuts_compare_and_switch_language(fx_window: MainWindow, qtbot: QtBot) -> None:
    fx_window.bill.choose_treatment("fx_tavr", "")
    assert QEvent.Type.KeyPress  # the actions carry the shortcuts; trigger them as a user would
    assert "Ctrl+Return" in [s.toString() for s in fx_window.compare_action.shortcuts()]
    fx_window.compare_action.trigger()
    assert fx_window.comparison is not None
    assert fx_window.lang_actions["en"].shortcut().toString() == "Ctrl+Shift+E"
    fx_window.lang_actions["en"].trigger()
    assert fx_window.compare_button.text() == "Compare (Enter)"


def test_tab_moves_from_the_first_field_through_the_inputs_to_compare(
    fx_window: MainWindow,
) -> None:
    seen = []
    w: QWidget = fx_window.who.region
    for _ in range(60):
        seen.append(w)
        w = w.nextInFocusChain()
        while (
            w.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus
            or not w.isVisibleTo(fx_window)
        ):
            w = w.nextInFocusChain()
        if w is fx_window.compare_button:
            break
    assert w is fx_window.compare_button
    order = [
        fx_window.who.scheme,
        fx_window.who.age,
        fx_window.bill.treatment_search.edit,
        fx_window.bill.item_search.edit,
        fx_window.where.home_level,
    ]
    positions = [seen.index(x) for x in order]
    assert positions == sorted(positions)


def test_large_font_mode_enlarges_every_text(fx_window: MainWindow, qapp: QApplication) -> None:
    with_places(fx_window)
    small = fx_window.who.region.font().pointSizeF()
    fx_window.large_action.setChecked(True)
    QApplication.processEvents()
    assert fx_window.who.region.font().pointSizeF() == fonts.LARGE_POINTS > small
    assert fonts.is_large(qapp)
    fx_window.large_action.setChecked(False)
    QApplication.processEvents()
    assert fx_window.who.region.font().pointSizeF() == small


def test_the_chart_paints_one_bar_per_option_with_short_amounts(fx_window: MainWindow) -> None:
    with_places(fx_window)
    chart = fx_window.chart
    assert len(chart.bars) == 3
    assert all("万" in bar.total_label for bar in chart.bars)
    assert not chart.grab().isNull()


def test_key_events_with_chinese_text_do_not_crash(fx_window: MainWindow) -> None:
    edit = fx_window.bill.treatment_search.edit
    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "阑")
    QApplication.sendEvent(edit, event)
    assert edit.text() == "阑"
