"""Windows over the real bundled database and over the synthetic fixture database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from estimator_gui.core.estimator import Estimator
from estimator_gui.ui import fonts, i18n
from estimator_gui.ui.main_window import MainWindow


def open_window(qtbot: QtBot, db: Path) -> MainWindow:
    fonts.load()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    fonts.apply(app)  # as __main__ does: the bundled SC face at the normal size
    i18n.set_language("zh")
    window = MainWindow(Estimator.open(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def real_window(qtbot: QtBot, bundled_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, bundled_db)
    yield window
    i18n.set_language("zh")  # the language is app-wide: leave it as the next test expects


@pytest.fixture
def fx_window(qtbot: QtBot, fixture_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, fixture_db)
    yield window
    i18n.set_language("zh")
