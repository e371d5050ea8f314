"""The import dialog over the fixture database: the report before anything changes, Apply makes the
new edition active (and says where), Cancel and a bad file change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from estimator_gui.ui import i18n
from estimator_gui.ui.import_dialog import ImportDialog

CSV = """项目编码,项目名称,计价单位,价格(三级),价格(二级),医保类别,自付比例
001101000010000,普通门诊诊察费,次,10,8,甲,0
003310000010000,阑尾切除术,次,900,800,乙,10%
003310000020000,负价手术,次,-5,,乙,0.1
003310000030000,丁类手术,次,5,,丁,0.1
"""


def dialog(qtbot: QtBot, fixture_db: Path, user: Path, tmp_path: Path) -> ImportDialog:
    i18n.set_language("zh")
    dlg = ImportDialog(fixture_db, user)
    qtbot.addWidget(dlg)
    path = tmp_path / "svc.csv"
    path.write_bytes(CSV.encode("gbk"))
    dlg.set_file(path)
    dlg.set_kind("services")
    dlg.set_province("测试省")
    dlg.set_start(dt.date(2025, 1, 1))
    dlg.set_label("测试医院医保办")
    return dlg


def test_checking_shows_the_mapping_and_every_rejected_row_and_changes_nothing(
    qtbot: QtBot, fixture_db: Path, tmp_path: Path
):
    user = tmp_path / "user"
    dlg = dialog(qtbot, fixture_db, user, tmp_path)
    assert not dlg.apply_button.isEnabled()
    assert dlg.check()
    summary = dlg.summary.text()  # the dialog's own words come from the translation (zh by default)
    assert "GBK" in summary and "testprovince-services-import@2025-01-01" in summary
    assert dlg.rejected_table.rowCount() == 2
    cells = [dlg.rejected_table.item(0, c).text() for c in range(5)]
    assert cells[:4] == ["svc.csv", "", "4", "价格(三级)"] and "负数" in cells[4]
    assert "未知的医保类别" in dlg.rejected_table.item(1, 4).text()
    fields = {
        dlg.mapping_table.item(r, 0).text(): dlg.mapping_table.item(r, 1).text()
        for r in range(dlg.mapping_table.rowCount())
    }
    assert fields["code"] == "项目编码" and fields["price:level3"] == "价格(三级)"
    assert dlg.apply_button.isEnabled()
    dlg.reject()
    assert not (user / "reference.sqlite").exists() and not list(user.glob(".reference-tmp-*"))


def test_apply_makes_the_new_edition_active_and_says_where(
    qtbot: QtBot, fixture_db: Path, tmp_path: Path
):
    user = tmp_path / "user"
    dlg = dialog(qtbot, fixture_db, user, tmp_path)
    released: list[bool] = []
    dlg.release_database = lambda: released.append(True)
    assert dlg.check()
    with qtbot.waitSignal(dlg.applied) as signal:
        assert dlg.apply()
    assert signal.args == [str(user / "reference.sqlite")] and released == [True]
    assert (user / "reference.sqlite").exists()


def test_a_wrong_file_is_explained_in_the_current_language(
    qtbot: QtBot, fixture_db: Path, tmp_path: Path
):
    user = tmp_path / "user"
    dlg = dialog(qtbot, fixture_db, user, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    dlg.set_file(bad)
    assert not dlg.check() and "找不到表头" in dlg.error_text
    i18n.set_language("en")
    try:
        assert not dlg.check() and "no header row" in dlg.error_text
    finally:
        i18n.set_language("zh")
    assert not dlg.apply_button.isEnabled()


def test_changing_an_input_voids_the_last_check(qtbot: QtBot, fixture_db: Path, tmp_path: Path):
    dlg = dialog(qtbot, fixture_db, tmp_path / "user", tmp_path)
    assert dlg.check() and dlg.apply_button.isEnabled()
    dlg.set_start(dt.date(2025, 7, 1))
    assert not dlg.apply_button.isEnabled() and dlg.plan is None


def test_the_window_imports_through_its_menu_and_undoes_the_update(
    qtbot: QtBot, fixture_db: Path, tmp_path: Path, monkeypatch
):
    """File → Import an official file… then File → Undo the last data update: the window works on
    the new database at once, then on the one before, and says so."""
    from estimator_gui.core.estimator import Estimator
    from estimator_gui.ui.main_window import MainWindow

    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path / "user"))
    i18n.set_language("zh")
    window = MainWindow(Estimator.open(fixture_db), bundled=fixture_db)
    qtbot.addWidget(window)
    path = tmp_path / "svc.csv"
    path.write_bytes(CSV.encode("gbk"))

    def run(self: ImportDialog) -> int:  # the user fills the dialog and presses Check, then Apply
        self.set_file(path)
        self.set_kind("services")
        self.set_province("测试省")
        self.set_start(dt.date(2025, 1, 1))
        assert self.check()
        return int(self.apply())

    monkeypatch.setattr(ImportDialog, "exec", run)
    window._import_dialog()
    assert Path(window.est.catalog.path) == tmp_path / "user" / "reference.sqlite"
    rules = window.est.rules("fixtown", dt.date(2025, 6, 1))
    assert rules.region.price_lists[0] == "testprovince-services-import"
    assert window.undo_data_update()
    assert Path(window.est.catalog.path) == fixture_db
    assert window.est.rules("fixtown", dt.date(2025, 6, 1)).region.price_lists[0] != (
        "testprovince-services-import"
    )


def test_an_import_that_fails_to_apply_leaves_the_window_on_its_data(
    qtbot: QtBot, fixture_db: Path, tmp_path: Path, monkeypatch
):
    from estimator_gui.core.estimator import Estimator
    from estimator_gui.ui.main_window import MainWindow

    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path / "user"))
    window = MainWindow(Estimator.open(fixture_db), bundled=fixture_db)
    qtbot.addWidget(window)
    path = tmp_path / "svc.csv"
    path.write_bytes(CSV.encode("gbk"))

    def run(self: ImportDialog) -> int:
        self.set_file(path)
        self.set_kind("services")
        self.set_province("测试省")
        self.set_start(dt.date(2025, 1, 1))
        assert self.check()
        self.release_database()  # as Apply does first; then the import fails (no `applied`)
        return 0

    monkeypatch.setattr(ImportDialog, "exec", run)
    window._import_dialog()
    assert Path(window.est.catalog.path) == fixture_db
    assert window.est.regions()  # open and answering
