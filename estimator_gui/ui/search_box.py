"""A line edit that suggests matches as you type (names, pinyin initials, codes).

The owner gives the search function; this widget only shows hits and reports the one picked.
Keyboard: type, Down to enter the list, Enter to pick (the first hit if none is selected), Esc to close.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from ..core.facade import SearchHit
from .i18n import translate, vocab

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole


def kind_label(kind: str) -> str:
    if kind == "treatment":
        return translate("SearchBox", "treatment")
    return vocab("kind", kind)


class SuggestionModel(QAbstractListModel):
    """The hits for the current text: name, kind and code."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.name}　·　{kind_label(hit.kind)}　{hit.ref}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.name} ({kind_label(hit.kind)} {hit.ref})"
        if role == HIT_ROLE:
            return hit
        return None


class SearchBox(QWidget):
    picked = Signal(object)  # the SearchHit chosen

    def __init__(
        self,
        searcher: Callable[[str], Sequence[SearchHit]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.searcher = searcher
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.model = SuggestionModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setMaximumHeight(150)
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self.search)
        self.edit.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.activated.connect(lambda index: self.pick(index.row()))

    def setText(self, text: str) -> None:  # named like QLineEdit.setText
        """Set the text and search, as typing would (tests and the IME path use this)."""
        self.edit.setText(text)
        self.search(text)

    def search(self, text: str) -> None:
        hits = self.searcher(text) if self.searcher is not None and text.strip() else []
        self.model.set_hits(hits)
        self.list.setVisible(bool(hits))
        if hits:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def hits(self) -> list[SearchHit]:
        return [self.model.hit(r) for r in range(self.model.rowCount())]

    def pick(self, row: int = -1) -> SearchHit | None:
        """Pick a suggestion (the current one by default) and close the list."""
        if row < 0:
            row = max(self.list.currentIndex().row(), 0)
        if not 0 <= row < self.model.rowCount():
            return None
        hit = self.model.hit(row)
        self.close_suggestions()
        self.picked.emit(hit)
        return hit

    def close_suggestions(self) -> None:
        self.model.set_hits([])
        self.list.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        open_list = self.list.isVisible() and self.model.rowCount() > 0
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and open_list:
            self.pick()
            return True  # consumed: Enter picks here and does not start a comparison
        if key == Qt.Key.Key_Escape and open_list:
            self.close_suggestions()
            self.edit.setFocus()
            return True
        if watched is self.edit and key == Qt.Key.Key_Down and open_list:
            self.list.setFocus()
            return True
        if watched is self.list and key == Qt.Key.Key_Up and self.list.currentIndex().row() <= 0:
            self.edit.setFocus()
            return True
        return False
