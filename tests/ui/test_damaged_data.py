"""A damaged or older-shape reference database in the window: said in a dialog naming the file
(once), then in the window's message line; never a silent Compare button, never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from estimator_gui.__main__ import main
from estimator_gui.core.estimator import Estimator
from estimator_gui.ui import fonts, i18n
from estimator_gui.ui.main_window import MainWindow


def zero_pages(path: Path, first: int, count: int) -> None:
    page = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as handle:
        handle.seek((first - 1) * page)
        handle.write(b"\0" * page * count)


@pytest.fixture
def copy(fixture_db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.sqlite"
    shutil.copy(fixture_db, out)
    return out


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def critical(_parent: object, title: str, text: str, *_a: object) -> object:
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return said


def window_on(qtbot: QtBot, db: Path) -> MainWindow:
    fonts.load()
    i18n.set_language("zh")
    window = MainWindow(Estimator.open(db, check_pages=False))  # as the app opens it
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_damaged_page_is_said_after_the_first_paint_and_compare_says_it_again_in_the_window(
    qtbot: QtBot, copy: Path, dialogs: list[str]
) -> None:
    with sqlite3.connect(copy) as conn:  # a page the compare reads: opening does not read it
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'prices'").fetchone()
    zero_pages(copy, root[0], 1)
    window = window_on(qtbot, copy)
    assert not window.check_data()  # the checksum after the first paint finds it
    assert len(dialogs) == 1 and str(copy) in dialogs[0] and "损坏" in dialogs[0]
    treatment = window.est.treatments()[0]
    window.bill.choose_treatment(treatment.id, treatment.name_zh)
    assert window.compare() is None
    assert len(dialogs) == 1  # not one dialog per keystroke
    assert str(copy) in window.message.text()


@pytest.mark.parametrize("damage", ["drop_table", "zero_pages"])
def test_an_older_shape_or_broken_database_is_refused_at_start_with_the_fix(
    damage: str,
    copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if damage == "drop_table":
        with sqlite3.connect(copy) as conn:
            conn.execute("DROP TABLE prices")
    else:  # twelve pages in the middle: the file's own structure is broken
        pages = copy.stat().st_size // int.from_bytes(copy.read_bytes()[16:18], "big")
        zero_pages(copy, pages // 2 - 6, 12)
    code = main(["--db", str(copy), "--quit-after-start", "--lang", "zh"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(copy) in err and "build-db" in err and "Traceback" not in err
