"""File → Local corrections over the fixture database: a correction added in the dialog shows in
the window's next compare (its step citing it as locally verified), a pack's changes are shown
before Apply and taken after it, a tampered pack changes nothing, and removing asks first.

Fixtown's typical appendectomy at its own 三级 hospital costs the patient 1,200 (the hand
computation is in tests/core/test_corrections.py); with the deductible corrected from 1,000 to 800
the fund pays (1,425 − 800) × 80% = 500 and the patient 1,540 − 500 = 1,040."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from estimator_gui.core import correction_pack as packs
from estimator_gui.core.corrections import CorrectionStore, make
from estimator_gui.core.estimator import Estimator
from estimator_gui.ui import i18n
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import BURDEN_ROW

from .conftest import open_window

PATH = "schemes.employee.persons.employed.settings.inpatient.deductible.amount.level3"


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own corrections (the window reads them from the user data folder)."""
    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


@pytest.fixture
def window(user_dir: Path, qtbot: QtBot, fixture_db: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, fixture_db)
    w.who.select_region("fixtown")
    w.who.select_person("employee", "employed")
    w.who.set_date(dt.date(2026, 5, 1))
    w.bill.choose_treatment("fx_appendectomy", "")
    yield w
    i18n.set_language("zh")


def home_burden(window: MainWindow) -> Decimal:
    return window.results.data(window.results.index(BURDEN_ROW, 0), Qt.ItemDataRole.UserRole)


def test_a_correction_added_in_the_dialog_shows_in_the_next_compare(window: MainWindow):
    assert window.compare() is not None and home_burden(window) == Decimal("1200.00")
    dialog = window.corrections_dialog()
    form = dialog.form()
    form.set_region("fixtown")
    form.set_kind("rule")
    form.start.setDate(form.start.date().fromString("2026-01-01", "yyyy-MM-dd"))
    form.path.setEditText(PATH)
    assert "1000" in form.current.text()  # the bundled value, before anything is typed
    form.value.setText("八百")  # refused at the field, nothing kept
    form.document.setText("测试医保发〔2026〕1号")
    form.document_date.setDate(form.document_date.date().fromString("2025-12-20", "yyyy-MM-dd"))
    form.page.setText("第3页")
    form.author.setText("测试医院医保办")
    assert not form.keep() and PATH in form.message.text() and form.correction is None
    form.value.setText("800")
    assert form.keep() and form.correction is not None
    assert dialog.add(form.correction)
    assert dialog.table.rowCount() == 1
    assert "1000 → 800" in dialog.table.item(0, 7).text()
    assert "起付线" in dialog.table.item(0, 1).text()

    assert home_burden(window) == Decimal("1040.00")  # the window computed again at once
    window.explain(0)
    html = window.explanation.toHtml()
    assert "本地核实（测试医院医保办）" in html

    # a restart: the window reads them from the user data folder
    again = MainWindow(Estimator.open(Path(window.est.catalog.path)))
    assert len(again.est.corrections) == 1
    again.close()


def test_confirming_fills_in_the_bundled_value(window: MainWindow):
    form = window.corrections_dialog().form()
    form.set_region("fixtown")
    form.set_kind("price")
    form.code.setText("FX-S1")
    form.level.setCurrentIndex(form.level.findData("level3"))
    assert form.confirm_button.isEnabled()
    form.confirm_current()
    assert form.price.text() == "865"


def pack_of_two(fixture_db: Path, tmp_path: Path) -> Path:
    est = Estimator.open(fixture_db)
    source = {
        "valid_from": dt.date(2026, 1, 1),
        "document": "测试医保发〔2026〕1号",
        "document_date": dt.date(2025, 12, 20),
        "author": "测试医院医保办",
    }
    corrections = [
        est.check_correction(make(kind="rule", region="fixtown", path=PATH, value="800", **source)),
        est.check_correction(
            make(
                kind="price", region="fixtown", code="FX-S1", level="level3", value="1065", **source
            )
        ),
    ]
    pack = tmp_path / "fixtown.estpack"
    packs.export(corrections, pack, "测试医院医保办")
    return pack


def test_importing_a_pack_shows_what_it_changes_then_applies_it(
    window: MainWindow, user_dir: Path, fixture_db: Path, tmp_path: Path
):
    window.compare()
    pack = pack_of_two(fixture_db, tmp_path)
    dialog = window.corrections_dialog()
    preview = dialog.open_pack(pack)
    assert preview is not None and preview.table.rowCount() == 2
    assert {preview.table.item(r, 0).text() for r in range(2)} == {"新增"}
    assert not (user_dir / "corrections.json").exists()  # nothing before Apply
    assert home_burden(window) == Decimal("1200.00")
    preview.apply_button.click()
    assert len(CorrectionStore(user_dir).corrections) == 2 and dialog.table.rowCount() == 2
    assert home_burden(window) == Decimal("1080.00")  # (1,625 − 800) × 80% = 660; 1,740 − 660


def test_a_tampered_pack_is_refused_and_changes_nothing(
    window: MainWindow, user_dir: Path, fixture_db: Path, tmp_path: Path
):
    pack = pack_of_two(fixture_db, tmp_path)
    with zipfile.ZipFile(pack) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["corrections.json"] = members["corrections.json"].replace(b'"800"', b'"100"')
    tampered = tmp_path / "tampered.estpack"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    dialog = window.corrections_dialog()
    assert dialog.open_pack(tampered) is None
    assert "SHA-256" in dialog.message.text() and "未作任何更改" in dialog.message.text()
    assert not (user_dir / "corrections.json").exists()


def test_removing_asks_first(window: MainWindow, fixture_db: Path, tmp_path: Path):
    dialog = window.corrections_dialog()
    preview = dialog.open_pack(pack_of_two(fixture_db, tmp_path))
    assert preview is not None
    preview.apply_button.click()
    ids = [c.id for c in dialog.store.corrections]
    assert not dialog.remove(ids[:1], confirmed=False) and dialog.table.rowCount() == 2
    assert dialog.remove(ids[:1], confirmed=True) and dialog.table.rowCount() == 1


def test_taking_a_pack_can_be_undone_and_the_estimate_goes_back(
    window: MainWindow, fixture_db: Path, tmp_path: Path
):
    window.compare()
    dialog = window.corrections_dialog()
    assert not dialog.undo_button.isEnabled()  # nothing changed yet
    preview = dialog.open_pack(pack_of_two(fixture_db, tmp_path))
    assert preview is not None
    preview.apply_button.click()
    assert home_burden(window) == Decimal("1080.00") and dialog.undo_button.isEnabled()
    assert not dialog.undo(confirmed=False) and dialog.table.rowCount() == 2
    assert dialog.undo(confirmed=True) and dialog.table.rowCount() == 0
    assert home_burden(window) == Decimal("1200.00") and not dialog.undo_button.isEnabled()
    assert "0" in dialog.message.text()
