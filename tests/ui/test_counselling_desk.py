"""The counselling desk in the window, over the real bundled database: a hospital's quote for one
option, its itemised bill imported from a GBK file, the cash a patient needs, saved cases across a
restart and a data rebuild, the one-page sheet, twelve months of special outpatient care, the large
font on a small screen, plain words on terms and the data's editions in the status line."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from estimator_gui.core.facade import Quote, QuoteCategory, Trip
from estimator_gui.ui.cases_dialog import CasesDialog
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.option_dialog import OptionDialog, OptionExtras
from estimator_gui.ui.results_model import (
    BASIS_ROW,
    BURDEN_ROW,
    DEPOSIT_ROW,
    TRIP_ROW,
    VALUE_ROLE,
)
from estimator_gui.ui.sample import load_sample

from .conftest import open_window

ROOT = Path(__file__).resolve().parents[2]


def cell(window: MainWindow, row: int, column: int) -> Decimal | None:
    return window.results.index(row, column).data(VALUE_ROLE)


def column_values(window: MainWindow, column: int) -> list[object]:
    return [window.results.index(r, column).data() for r in range(window.results.rowCount())]


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own saved cases."""
    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered at once; what they said is kept."""
    said: list[str] = []

    def record(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        said.append(" ".join(str(a) for a in args[1:]))
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return said


def test_a_quote_for_one_option_changes_only_that_option(real_window: MainWindow) -> None:
    load_sample(real_window)
    before = [column_values(real_window, c) for c in range(real_window.results.columnCount())]
    # Beijing (option 3) quotes ¥8,000 of beds and ¥52,000 of drugs: its bill is that, ¥60,000
    quote = Quote(
        label="某医院 2026-11-20",
        categories={QuoteCategory.BED: Decimal(8000), QuoteCategory.DRUGS: Decimal(52000)},
    )
    real_window.where.set_extras(2, OptionExtras(quote=quote))
    real_window.compare()
    assert cell(real_window, 0, 2) == Decimal("60000.00")  # 医疗费总额, the quote's sum
    for column in (0, 1, 3, 4):
        assert column_values(real_window, column) == before[column]
    basis = real_window.results.text(BASIS_ROW, 2)
    assert "医院报价" in basis
    real_window.table.setCurrentIndex(real_window.results.index(0, 2))
    real_window.explain(2)
    assert "某医院 2026-11-20" in real_window.explanation.toPlainText()


def test_a_gbk_itemised_bill_is_imported_through_the_option_dialog(
    real_window: MainWindow, tmp_path: Path
) -> None:
    load_sample(real_window)
    codes = [e.code for e in real_window.case.entries[:3]]
    bill = tmp_path / "费用清单.csv"
    rows = ["医保编码,项目名称,数量,单价,金额"] + [
        f"{code},项目{n},2,{100 + n}.50,{2 * (100 + n) + 1}" for n, code in enumerate(codes)
    ]
    bill.write_bytes("\r\n".join(rows).encode("gbk"))
    dialog = OptionDialog("t", OptionExtras(), real_window._item_name, real_window)
    assert dialog.import_file(bill)
    assert dialog.lines.rowCount() == 3
    assert "GBK" in dialog.message.text().upper() or "GB18030" in dialog.message.text().upper()
    dialog.accept()
    assert dialog.extras.quote is not None
    assert [(q.code, q.quantity, q.unit_price) for q in dialog.extras.quote.lines] == [
        (c, Decimal(2), Decimal(f"{100 + n}.50")) for n, c in enumerate(codes)
    ]
    real_window.where.set_extras(1, dialog.extras)
    real_window.compare()
    # 2 × 100.50 + 2 × 101.50 + 2 × 102.50 = 609.00, by hand
    assert cell(real_window, 0, 1) == Decimal("609.00")


def test_a_bill_with_bad_rows_names_each_and_takes_nothing(
    real_window: MainWindow, tmp_path: Path
) -> None:
    load_sample(real_window)
    code = real_window.case.entries[0].code
    bill = tmp_path / "bad.csv"
    bill.write_bytes(
        f"医保编码,项目名称,数量,单价\r\n{code},床位,2,100\r\nNOPE-1,某项,1,5\r\n{code},床位,两,100\r\n".encode(
            "gbk"
        )
    )
    dialog = OptionDialog("t", OptionExtras(), real_window._item_name, real_window)
    dialog._add_line(code, "1", "50")
    assert not dialog.import_file(bill)
    text = dialog.message.text()
    assert "第 3 行" in text and "第 4 行" in text and "NOPE-1" in text
    assert dialog.lines.rowCount() == 1  # what was there stays; nothing half-read


def test_the_cash_figures_add_up_and_the_trip_is_counted(real_window: MainWindow) -> None:
    load_sample(real_window)
    trip = Trip(mode="高铁", fare=Decimal(300), trips=2, companions=1, nights=3,
                lodging_per_night=Decimal(250))
    real_window.where.set_extras(1, OptionExtras(trip=trip, deposit=Decimal(50000)))
    real_window.compare()
    for column in range(real_window.results.columnCount()):
        plan = real_window.results.cash(column)
        assert plan is not None
        assert plan.deposit + plan.at_discharge == plan.fronted
    assert cell(real_window, DEPOSIT_ROW, 1) == Decimal(50000)
    assert "常见" not in real_window.results.text(DEPOSIT_ROW, 1)  # the hospital's own figure
    assert "常见" in real_window.results.text(DEPOSIT_ROW, 0)
    # 300 × 2 journeys × 2 travellers + 3 nights × 250 = 1,950, by hand
    assert cell(real_window, TRIP_ROW, 1) == Decimal(1950)
    assert cell(real_window, TRIP_ROW, 0) is None


def test_a_saved_case_survives_a_restart_and_says_what_moved_after_a_rebuild(
    qtbot: QtBot, real_window: MainWindow, user_dir: Path, quiet: list[str], tmp_path: Path,
    bundled_db: Path,
) -> None:
    load_sample(real_window)
    real_window.counsellor.setText("王医生")
    case_id = real_window.save_case("阜阳 TAVR 对比")
    assert case_id is not None
    burden = [cell(real_window, BURDEN_ROW, c) for c in range(real_window.results.columnCount())]
    real_window.close()

    again = open_window(qtbot, bundled_db)  # a restart: a new window on the same files
    assert again.open_case(case_id) == []  # nothing moved
    assert [cell(again, BURDEN_ROW, c) for c in range(again.results.columnCount())] == burden
    assert again.counsellor.text() == "王医生"
    again.close()

    # a rebuilt database where Fuyang's deductible at level 3 is ¥100 higher
    sources = shutil.copytree(
        Path(os.environ.get("ESTIMATOR_TEST_SOURCES", ROOT / "db" / "sources")),
        tmp_path / "sources",
    )
    rules = sources / "rules" / "fuyang.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "level2: 400, level3: 600}" in text
    rules.write_text(text.replace("level2: 400, level3: 600}", "level2: 400, level3: 700}"),
                     encoding="utf-8")
    from estimator_gui.core.loader import build

    build(sources, tmp_path / "rebuilt.sqlite")
    rebuilt = open_window(qtbot, tmp_path / "rebuilt.sqlite")
    changes = rebuilt.open_case(case_id)
    assert changes and "参考数据已更新" in changes[0]
    assert any("个人负担" in c for c in changes)
    assert quiet and "个人负担" in quiet[-1]  # and the counsellor was told


def test_deleting_a_saved_case_asks_first(real_window: MainWindow, user_dir: Path) -> None:
    load_sample(real_window)
    case_id = real_window.save_case("to go")
    assert case_id is not None
    dialog = CasesDialog(real_window.case_store(), real_window)
    assert not dialog.delete(case_id, confirmed=False)
    assert [i for i, _label, _at in dialog.store.entries()] == [case_id]
    assert dialog.delete(case_id, confirmed=True)
    assert dialog.store.entries() == []


def test_a_damaged_case_database_is_set_aside_and_the_user_told(
    real_window: MainWindow, user_dir: Path, quiet: list[str]
) -> None:
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "cases.sqlite").write_bytes(b"this is not a database" * 50)
    store = real_window.case_store()
    assert store.entries() == []
    assert quiet, "the user is told the file was set aside"
    assert any(p.name != "cases.sqlite" for p in user_dir.iterdir())  # the damaged copy kept


def test_the_sheet_from_the_window_is_one_page_in_the_window_language(
    real_window: MainWindow, tmp_path: Path
) -> None:
    load_sample(real_window)
    real_window.counsellor.setText("王医生")
    out = tmp_path / "sheet.pdf"
    assert real_window.save_sheet(out) == 1
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "个人负担" in text and "王医生" in text and "12393" in text.replace(" ", "")


def test_a_year_of_dialysis_month_by_month(real_window: MainWindow) -> None:
    load_sample(real_window)
    treatment = real_window.est.treatment("haemodialysis_month")
    assert treatment is not None
    real_window.bill.choose_treatment("haemodialysis_month", treatment.name_zh)
    assert real_window.bill.current_setting() == "special_dialysis"
    real_window.compare()
    assert real_window.course_action.isEnabled()
    real_window.table.setCurrentIndex(real_window.results.index(0, 0))
    dialog = real_window.show_course()
    assert dialog is not None and dialog.table.rowCount() == 12
    so_far = [
        Decimal(dialog.table.item(r, 4).text().replace("¥", "").replace(",", ""))
        for r in range(12)
    ]
    monthly = [
        Decimal(dialog.table.item(r, 3).text().replace("¥", "").replace(",", ""))
        for r in range(12)
    ]
    assert so_far == sorted(so_far) and so_far[-1] == sum(monthly)
    assert "12 个月" in dialog.summary.text()
    dialog.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_large_font_on_a_small_screen_clips_no_amount(real_window: MainWindow, lang: str) -> None:
    load_sample(real_window)
    real_window.set_language(lang)
    real_window.set_large_font(True)
    try:
        real_window.resize(1366, 768)
        real_window.compare()
        QApplication.processEvents()
        table = real_window.table
        for column in range(real_window.results.columnCount()):
            widths = (table.needed_width(column), table.needed_width(column, title_by_word=True))
            assert table.columnWidth(column) >= min(widths)  # every amount whole
        assert table.horizontalHeader().height() >= table.title_height()  # every title line
        chart = real_window.chart
        assert chart.height() >= chart.needed_height()
    finally:
        real_window.set_large_font(False)


def test_terms_have_plain_words_and_the_status_line_names_the_data(
    real_window: MainWindow,
) -> None:
    load_sample(real_window)
    tips = [
        real_window.results.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        for r in range(real_window.results.rowCount())
    ]
    deductible = next(
        r for r in range(real_window.results.rowCount())
        if real_window.results.headerData(r, Qt.Orientation.Vertical) == "实际起付线"
    )
    assert tips[deductible] and "起付线" in tips[deductible]
    assert "2025" in real_window.data_label.text() and "药品目录" in real_window.data_label.text()
    real_window.set_language("en")
    assert "drug list" in real_window.data_label.text()


@pytest.mark.parametrize(
    ("field", "typed"),
    [("fare", "abc"), ("fare", "-300"), ("fare", "1e30"), ("fare", "999999999999"),
     ("trips", "2.5"), ("nights", "400"), ("deposit", "5,000")],
)
def test_bad_input_in_the_option_dialog_is_refused_at_the_field_and_nothing_applied(
    real_window: MainWindow, field: str, typed: str
) -> None:
    before = OptionExtras(trip=Trip(fare=Decimal(100), trips=2))
    dialog = OptionDialog("t", before, real_window._item_name, real_window)
    target = dialog.deposit if field == "deposit" else dialog.trip_fields[field]
    target.setText(typed)
    assert target.value() is None and target.reason()  # the field says why
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.extras == before  # nothing taken
    assert dialog.message.text()  # and the dialog says what is wrong, by field


def test_a_quote_line_with_a_bad_quantity_or_unknown_code_is_named(
    real_window: MainWindow,
) -> None:
    load_sample(real_window)
    code = real_window.case.entries[0].code
    dialog = OptionDialog("t", OptionExtras(), real_window._item_name, real_window)
    dialog._add_line(code, "0", "10")
    dialog._add_line("NO-SUCH", "1", "10")
    dialog._add_line(code, "1", "-5")
    dialog.accept()
    text = dialog.message.text()
    assert "第 1 行" in text and "NO-SUCH" in text and "第 3 行" in text
    assert dialog.extras == OptionExtras()
