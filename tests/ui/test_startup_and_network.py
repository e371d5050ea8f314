"""The app never goes online; a missing or stale database is explained, not a traceback;
the screenshot flag renders the sample comparison."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from estimator_gui import __main__ as app_main
from estimator_gui.core.loader import build
from estimator_gui.ui import fonts, i18n
from estimator_gui.ui.main_window import MainWindow

FIXTURE_SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise OSError("network use in an offline app")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return calls


def test_a_full_comparison_and_a_screenshot_open_no_connection(
    real_window: MainWindow, bundled_db: Path, tmp_path: Path, no_network: list[object]
) -> None:
    real_window.bill.choose_treatment("tavr", "")
    for region in ("shanghai", "beijing", "hangzhou"):
        real_window.where.add_place(region, "level3", "referral", "direct")
    assert real_window.compare() is not None
    for column in range(real_window.results.columnCount()):
        real_window.table.setCurrentIndex(real_window.results.index(0, column))
    png = tmp_path / "main.png"
    assert app_main.main(["--screenshot", str(png), "--db", str(bundled_db)]) == 0
    assert no_network == []
    assert QImage(str(png)).width() >= 1200
    i18n.set_language("zh")


def test_the_screenshot_flag_renders_both_languages(
    bundled_db: Path, tmp_path: Path, qapp: QApplication
) -> None:
    for lang in ("zh", "en"):
        png = tmp_path / f"main_{lang}.png"
        assert (
            app_main.main(["--screenshot", str(png), "--db", str(bundled_db), "--lang", lang]) == 0
        )
        image = QImage(str(png))
        assert not image.isNull() and image.height() >= 800
    i18n.set_language("zh")


@pytest.mark.parametrize("make", ["missing", "not_a_db", "stale"])
def test_a_bad_database_is_explained_in_a_dialog_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication, make: str
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    db = tmp_path / "reference.sqlite"
    if make == "not_a_db":
        db.write_text("not sqlite")
    if make == "stale":  # built from a copy of the fixture sources, which then changes
        sources = tmp_path / "sources"
        shutil.copytree(FIXTURE_SOURCES, sources)
        build(sources, db)
        readme = sources / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8") + "\nchanged\n", encoding="utf-8")
    assert app_main.main(["--db", str(db)]) == 2
    assert len(shown) == 1
    assert "estimator build-db" in shown[0]
    assert "解决办法" in shown[0]
    if make == "stale":
        assert "过期" in shown[0]


def test_the_bundled_sc_face_is_the_application_font(qapp: QApplication) -> None:
    assert fonts.load()
    fonts.apply(qapp)
    assert QFontInfo(qapp.font()).family() == fonts.FAMILY
    assert "Noto Sans CJK JP" not in qapp.font().families()
    assert fonts.FONT_FILE.stat().st_size <= 4_000_000


def test_start_up_imports_neither_pypinyin_nor_numpy(bundled_db: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "estimator_gui",
        "--quit-after-start",
        "--db",
        str(bundled_db),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "estimator_gui.ui.main_window" in imported
    assert not {m for m in imported if m.split(".")[0] in ("pypinyin", "numpy")}
