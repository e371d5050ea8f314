"""Chinese by default, English at run time, and no visible string left in the other language."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from estimator_gui.core.vocab import LABELS
from estimator_gui.ui import i18n
from estimator_gui.ui.main_window import MainWindow

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) for every label, button, group box, tab, menu, placeholder and model header."""
    out: list[tuple[str, str]] = [("title", window.windowTitle())]
    for w in window.findChildren(QWidget):
        name = type(w).__name__
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QMenu):
            out.append((name, w.title()))
            out += [(name + " action", a.text()) for a in w.actions()]
        if isinstance(w, QComboBox):
            out += [(name + " item", w.itemText(i)) for i in range(w.count())]
        if w.accessibleName():
            out.append((name + " accessible", w.accessibleName()))
        if isinstance(w, QAbstractItemView) and isinstance(w.model(), QAbstractItemModel):
            model = w.model()
            columns = (
                1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
            )
            out += [
                (name + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(columns)
            ]
            out += [
                (name + " row header", str(model.headerData(r, Qt.Orientation.Vertical) or ""))
                for r in range(model.rowCount(QModelIndex()))
            ]
    return [(where, text) for where, text in out if text]


def data_names(window: MainWindow) -> set[str]:
    """Region, item and treatment names: data, shown as they are in either language."""
    names = {r.name_zh for r in window.est.regions()} | {t.name_zh for t in window.est.treatments()}
    names |= {row.name_zh for row in window.bill.model.rows()}
    return names


def strip_data(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def run_sample(window: MainWindow) -> None:
    window.bill.choose_treatment("fx_tavr", "")
    window.where.add_place("shanghai", "level3", "referral", "direct")
    assert window.compare() is not None


def test_the_app_starts_in_chinese_and_no_english_ui_word_remains(fx_window: MainWindow) -> None:
    run_sample(fx_window)
    english_names = {r.name_en for r in fx_window.est.regions()}
    # data and file-format names, not UI words: Chinese software writes "PDF" too
    allowed = {"TAVR", "TAVI", "PDF", "CSV", "XLSX"} | english_names
    offenders = []
    for where, text in visible_texts(fx_window):
        if where.startswith("QMenu action") and text in ("English",):
            continue  # each language is named in itself in the language menu
        words = [w for w in ENGLISH_WORD.findall(text) if w not in allowed]
        if words:
            offenders.append((where, text))
    assert not offenders


def test_switching_to_english_leaves_no_chinese_ui_string(fx_window: MainWindow) -> None:
    run_sample(fx_window)
    fx_window.lang_actions["en"].trigger()
    assert i18n.lang() == "en"
    names = data_names(fx_window)
    offenders = []
    for where, text in visible_texts(fx_window):
        if where.startswith("QMenu action") and text == "中文":
            continue
        if CJK.search(strip_data(text, names)):
            offenders.append((where, text))
    assert not offenders
    assert fx_window.who.scheme.currentText() == LABELS["scheme"]["employee"][1]
    assert "Patient pays" in fx_window.explanation.toPlainText()
    header = fx_window.results.headerData(0, Qt.Orientation.Vertical)
    assert header == "Total medical cost"


def test_switching_back_to_chinese_restores_the_chinese_texts(fx_window: MainWindow) -> None:
    run_sample(fx_window)
    fx_window.set_language("en")
    fx_window.set_language("zh")
    assert fx_window.results.headerData(0, Qt.Orientation.Vertical) == "医疗费总额"
    assert fx_window.compare_button.text() == "对比（回车）"
    assert "个人负担" in fx_window.explanation.toPlainText()
