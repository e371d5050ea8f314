"""Import an official file (XLSX or CSV) into the reference data: pick the file and its kind, see how
its columns were mapped and the validation report (rows read / accepted / rejected, each rejected
row with file, sheet, row, column and reason; items added, removed, re-classed, re-priced against
the current data), then Apply or Cancel. Nothing changes before Apply.

The window opens it from its menu and, on `applied`, reopens the database at the path it gives
(`release_database`, if given, is called just before the files are swapped: on Windows a database
that is open cannot be replaced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import (
    IMPORT_KINDS,
    ImportFileError,
    ImportPlan,
    UpdateError,
    apply_import,
    check_import,
)
from .i18n import lang, pick, translate

ROWS_SHOWN = 500  # rejected rows listed in the dialog (the CLI's --report-csv writes them all)


def kind_name(kind: str) -> str:
    names = {
        "drugs": translate("ImportDialog", "National drug list (药品目录)"),
        "drug-codes": translate("ImportDialog", "NHSA drug codes (药品分类与代码)"),
        "services": translate("ImportDialog", "Service price list of a province (医疗服务价格)"),
        "consumables": translate("ImportDialog", "Consumables list (医用耗材)"),
    }
    return names.get(kind, kind)


class ImportDialog(QDialog):
    """Check an official file, show the report, apply or cancel."""

    applied = Signal(str)  # the path of the database now active

    def __init__(
        self,
        bundled: Path,
        user_dir: Path,
        parent: QWidget | None = None,
        release_database: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.bundled, self.user_dir = bundled, user_dir
        self.release_database = release_database
        self.plan: ImportPlan | None = None
        self.error_text = ""
        self.setWindowTitle(self.tr("Import an official file"))
        self.resize(900, 640)

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("XLSX or CSV (UTF-8, GBK, GB18030)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        self.kind_box = QComboBox()
        for kind in IMPORT_KINDS:
            self.kind_box.addItem(kind_name(kind), kind)
        self.province_edit = QLineEdit()
        self.province_edit.setPlaceholderText(
            self.tr("e.g. 四川省 (services and provincial consumables)")
        )
        self.start_edit = QDateEdit(QDate.currentDate())
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(
            self.tr("who imports it, e.g. a hospital's insurance office")
        )
        self.mapping_edit = QLineEdit()
        self.mapping_edit.setPlaceholderText(self.tr("optional: your own column mapping (YAML)"))

        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(self.tr("Province"), self.province_edit)
        form.addRow(self.tr("In force from"), self.start_edit)
        form.addRow(self.tr("Your label"), self.label_edit)
        form.addRow(self.tr("Mapping"), self.mapping_edit)

        self.check_button = QPushButton(self.tr("Check the file"))
        self.check_button.clicked.connect(self.check)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mapping_table = self._table([self.tr("Field"), self.tr("Column in the file")])
        self.rejected_table = self._table(
            [
                self.tr("File"),
                self.tr("Sheet"),
                self.tr("Row"),
                self.tr("Column"),
                self.tr("Reason"),
            ]
        )

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Columns mapped")))
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(QLabel(self.tr("Rejected rows")))
        layout.addWidget(self.rejected_table, 2)
        layout.addWidget(self.buttons)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        table.verticalHeader().setVisible(False)
        return table

    # --- values (tests and the window set them through these) -----------------------------------

    def set_file(self, path: Path | str) -> None:
        self.file_edit.setText(str(path))
        self._forget()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self._forget()

    def set_province(self, text: str) -> None:
        self.province_edit.setText(text)
        self._forget()

    def set_start(self, day: dt.date) -> None:
        self.start_edit.setDate(QDate(day.year, day.month, day.day))
        self._forget()

    def set_label(self, text: str) -> None:
        self.label_edit.setText(text)

    def set_mapping(self, path: Path | str) -> None:
        self.mapping_edit.setText(str(path))
        self._forget()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Official file"), "", self.tr("Tables (*.xlsx *.csv);;All files (*)")
        )
        if name:
            self.set_file(name)

    def _forget(self) -> None:
        """Any change of input makes the last check void."""
        if self.plan is not None:
            self.plan.discard()
            self.plan = None
        self.apply_button.setEnabled(False)

    # --- check and apply ---------------------------------------------------------------------------

    def check(self) -> bool:
        """Read and validate the file; show the mapping and the report. Changes nothing."""
        self._forget()
        self.error_text = ""
        self.mapping_table.setRowCount(0)
        self.rejected_table.setRowCount(0)
        path = self.file_edit.text().strip()
        if not path:
            self._show_error(self.tr("Choose a file first."))
            return False
        qdate = self.start_edit.date()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = check_import(
                Path(path),
                str(self.kind_box.currentData()),
                bundled=self.bundled,
                user_dir=self.user_dir,
                mapping_file=Path(self.mapping_edit.text())
                if self.mapping_edit.text().strip()
                else None,
                province=self.province_edit.text().strip() or None,
                start=dt.date(qdate.year(), qdate.month(), qdate.day()),
                label=self.label_edit.text().strip(),
            )
        except ImportFileError as exc:
            self._show_error(pick(exc.text.zh, exc.text.en))
            return False
        except UpdateError as exc:
            self._show_error(pick(exc.text_zh, exc.text_en))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_report(self.plan)
        self.apply_button.setEnabled(self.plan.report.can_apply)
        return True

    def _show_error(self, text: str) -> None:
        self.error_text = text
        self.summary.setText(f"<b>{self.tr('Cannot import')}:</b> {text}")

    def _show_report(self, plan: ImportPlan) -> None:
        r = plan.report
        zh = lang() == "zh"
        lines = [
            self.tr("Rows read: %1, accepted: %2, rejected: %3; new items: %4")
            .replace("%1", str(r.rows_read))
            .replace("%2", str(r.accepted))
            .replace("%3", str(r.rejected))
            .replace("%4", str(r.new_items))
        ]
        for target in r.targets:
            d = r.diffs[target.kind]
            what = self.tr("catalogue") if target.kind == "catalog" else self.tr("price list")
            name = target.name_zh if zh else target.name_en
            counts = (
                self.tr("added %1, removed %2, re-classed %3, re-priced %4")
                .replace("%1", str(d.added))
                .replace("%2", str(d.removed))
                .replace("%3", str(d.reclassed))
                .replace("%4", str(d.repriced))
            )
            lines.append(f"{what} {target.list_id} → {target.edition_id} ({name}): {counts}")
        lines += [note.pick("zh" if zh else "en") for note in r.notes]
        self.summary.setText("<br>".join(_html(line) for line in lines))
        self.mapping_table.setRowCount(len(r.columns))
        for i, (name, header) in enumerate(r.columns):
            self.mapping_table.setItem(i, 0, QTableWidgetItem(name))
            self.mapping_table.setItem(i, 1, QTableWidgetItem(header))
        shown = r.rejected_rows[:ROWS_SHOWN]
        self.rejected_table.setRowCount(len(shown))
        for i, x in enumerate(shown):
            cells = [x.file, x.sheet or "", str(x.row), x.column, pick(x.text().zh, x.text().en)]
            for j, cell in enumerate(cells):
                self.rejected_table.setItem(i, j, QTableWidgetItem(cell))

    def apply(self) -> bool:
        """Import the accepted rows (a new, checked database file; the previous one kept)."""
        if self.plan is None or not self.plan.report.can_apply:
            return False
        plan, self.plan = self.plan, None
        if self.release_database is not None:
            self.release_database()
        try:
            done = apply_import(plan)
        except ImportFileError as exc:
            self._show_error(pick(exc.text.zh, exc.text.en))
            self.apply_button.setEnabled(False)
            return False
        except UpdateError as exc:
            self._show_error(pick(exc.text_zh, exc.text_en))
            self.apply_button.setEnabled(False)
            return False
        self.applied.emit(str(done.path))
        self.accept()
        return True

    def done(self, result: int) -> None:  # closing in any way discards an unapplied check
        self._forget()
        super().done(result)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
