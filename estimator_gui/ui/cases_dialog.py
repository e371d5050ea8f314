"""Saved cases: open, duplicate, rename, delete (after asking), and files for a colleague.

The list is the user's local case database (core/cases.py); nothing here asks for names or ID
numbers — a label is enough."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import CaseFileError, CaseStore, read_case_file, write_case_file
from .i18n import pick


class CasesDialog(QDialog):
    """Pick a saved case to open (`chosen` holds its id after Open)."""

    def __init__(self, store: CaseStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.chosen: int | None = None
        self.setWindowTitle(self.tr("Saved cases"))
        self.list = QListWidget(self)
        self.list.itemDoubleClicked.connect(lambda _item: self._open())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Open"), self._open),
            (self.tr("D&uplicate"), self.duplicate),
            (self.tr("&Rename…"), self._rename_dialog),
            (self.tr("&Delete…"), self._delete_dialog),
            (self.tr("&Export to a file…"), self._export_dialog),
            (self.tr("&Import a file…"), self._import_dialog),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()
        self.resize(720, 420)

    def refresh(self) -> None:
        self.list.clear()
        for case_id, label, saved_at in self.store.entries():
            item = QListWidgetItem(f"{label}    ({saved_at.replace('T', ' ')})")
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def current(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def say(self, error: CaseFileError | str) -> None:
        text = error if isinstance(error, str) else pick(error.text_zh, error.text_en)
        self.message.setText(text)

    # --- actions (also called by tests, without the dialogs around them) ---------------------------

    def _open(self) -> None:
        self.chosen = self.current()
        if self.chosen is not None:
            self.accept()

    def duplicate(self) -> int | None:
        case_id = self.current()
        if case_id is None:
            return None
        label = self.store.get(case_id).label
        new = self.store.duplicate(case_id, self.tr("%1 (copy)").replace("%1", label)[:80])
        self.refresh()
        return new

    def rename(self, case_id: int, label: str) -> bool:
        try:
            self.store.rename(case_id, label.strip())
        except (CaseFileError, ValueError):
            self.say(self.tr("A label of 1 to 80 characters, please."))
            return False
        self.refresh()
        return True

    def delete(self, case_id: int, confirmed: bool) -> bool:
        if not confirmed:
            return False
        self.store.delete(case_id)
        self.refresh()
        return True

    def export_to(self, case_id: int, path: Path) -> None:
        write_case_file(self.store.get(case_id), path)
        self.say(self.tr("Written to %1").replace("%1", path.name))

    def import_from(self, path: Path) -> int | None:
        """A colleague's case file; a malformed or newer-version file changes nothing."""
        try:
            case = read_case_file(path)
        except CaseFileError as exc:
            self.say(exc)
            return None
        new = self.store.save(case)
        self.refresh()
        self.say(self.tr("Imported: %1").replace("%1", case.label))
        return new

    # --- the small dialogs ---------------------------------------------------------------------------

    def _rename_dialog(self) -> None:
        case_id = self.current()
        if case_id is None:
            return
        label, ok = QInputDialog.getText(
            self, self.tr("Rename"), self.tr("New label:"), text=self.store.get(case_id).label
        )
        if ok:
            self.rename(case_id, label)

    def _delete_dialog(self) -> None:
        case_id = self.current()
        if case_id is None:
            return
        label = self.store.get(case_id).label
        answer = QMessageBox.question(
            self,
            self.tr("Delete the case?"),
            self.tr("Delete “%1”? This cannot be undone.").replace("%1", label),
        )
        self.delete(case_id, answer == QMessageBox.StandardButton.Yes)

    def _export_dialog(self) -> None:
        case_id = self.current()
        if case_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the case"), "case.json", self.tr("Case files (*.json)")
        )
        if name:
            self.export_to(case_id, Path(name))

    def _import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a case"), "", self.tr("Case files (*.json)")
        )
        if name:
            self.import_from(Path(name))
