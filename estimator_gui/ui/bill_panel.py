"""What is treated: a treatment package (found as you type) in a low/typical/high variant, and the
bill it gives, edited line by line. The owner supplies the lookups; this panel holds no rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import SearchHit
from .bill_model import COL_PRICE, COL_QTY, BillModel, BillRow
from .combos import key, relabel, vocab_combo
from .i18n import pick
from .search_box import SearchBox

VARIANTS = ("low", "typical", "high")
SETTINGS = (
    "inpatient",
    "outpatient_chronic",
    "outpatient_general",
    "special_dialysis",
    "special_cancer",
    "special_transplant",
)


@dataclass
class BillLookups:
    """What the panel may ask of the catalogue (wired to the facade by the main window)."""

    search_treatments: Callable[[str], Sequence[SearchHit]]
    search_items: Callable[[str], Sequence[SearchHit]]
    # (id, variant) → bill rows, care setting, name in Chinese, name in English
    treatment_bill: Callable[[str, str], tuple[list[BillRow], str, str, str]]
    item_row: Callable[[str], BillRow | None]


class NumberDelegate(QStyledItemDelegate):
    """A plain text editor: the model takes exactly a valid number and says why not otherwise
    (a spin box would quietly drop characters: -5 → 5, 1e30 → 130)."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(24)
        if index.column() == COL_PRICE:
            editor.setPlaceholderText(self.tr("list price"))  # empty: the list price
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            value = index.model().data(index, Qt.ItemDataRole.EditRole)
            editor.setText("" if value in (None, 0) else str(value))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class BillPanel(QGroupBox):
    changed = Signal()

    def __init__(self, lookups: BillLookups | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.treatment_id: str | None = None
        self.treatment_name = ""
        self._names: tuple[str, str] = ("", "")
        self.treatment_search = SearchBox(parent=self)
        self.treatment_search.picked.connect(self._treatment_picked)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.variant = vocab_combo(self, "variant", VARIANTS)
        self.variant.setCurrentIndex(VARIANTS.index("typical"))
        self.variant.currentIndexChanged.connect(self._reload)
        self.setting = vocab_combo(self, "setting", SETTINGS)
        self.setting.currentIndexChanged.connect(self.changed)
        self.model = BillModel(self)
        self.model.changed.connect(self._bill_changed)
        self.model.rejected.connect(self.show_message)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_QTY, NumberDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_PRICE, NumberDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # 15-digit codes: elided
        header.resizeSection(1, 80)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(150)
        self.item_search = SearchBox(parent=self)
        self.item_search.picked.connect(self._item_picked)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        self.message.hide()
        self.labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels,
            (self.treatment_search, self.variant, self.setting, self.item_search),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.treatment_search:
                form.addRow(self.chosen)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.set_lookups(lookups)
        self.retranslate()

    def set_lookups(self, lookups: BillLookups | None) -> None:
        self.lookups = lookups
        self.treatment_search.searcher = lookups.search_treatments if lookups else None
        self.item_search.searcher = lookups.search_items if lookups else None

    # --- actions ---------------------------------------------------------------------------------

    def choose_treatment(self, treatment_id: str, name: str) -> None:
        self.treatment_id, self.treatment_name = treatment_id, name
        self._reload()

    def set_variant(self, variant: str) -> None:
        self.variant.setCurrentIndex(VARIANTS.index(variant))

    def current_setting(self) -> str:
        return key(self.setting, "inpatient")

    def current_variant(self) -> str:
        return key(self.variant, "typical")

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        for row in rows:
            self.model.remove_row(row)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _treatment_picked(self, hit: SearchHit) -> None:
        self.choose_treatment(hit.ref, hit.name)
        self.treatment_search.edit.setText(self.treatment_name)

    def _item_picked(self, hit: SearchHit) -> None:
        if self.lookups is None:
            return
        row = self.lookups.item_row(hit.ref)
        self.item_search.edit.clear()
        if row is not None:
            at = self.model.add_row(row)
            self.table.selectRow(at)

    def _reload(self) -> None:
        if self.lookups is None or self.treatment_id is None:
            return
        rows, setting, *names = self.lookups.treatment_bill(
            self.treatment_id, key(self.variant, "typical")
        )
        self._names = (names[0], names[1])
        self.treatment_name = self._name()
        self.setting.setCurrentIndex(max(SETTINGS.index(setting) if setting in SETTINGS else 0, 0))
        self.model.set_rows(rows)
        self.retranslate()

    def _name(self) -> str:
        return pick(*self._names) or self.treatment_name

    def _bill_changed(self) -> None:
        self.show_message("")
        self.changed.emit()

    # --- language --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("2  What"))
        texts = (
            self.tr("&Treatment"),
            self.tr("&Variant"),
            self.tr("Setti&ng"),
            self.tr("Add &item"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.treatment_search.edit.setPlaceholderText(self.tr("Name, pinyin initials or code"))
        self.treatment_search.edit.setAccessibleName(self.tr("Search treatment packages"))
        self.treatment_search.list.setAccessibleName(self.tr("Matching treatment packages"))
        self.item_search.edit.setPlaceholderText(self.tr("Drug, service or consumable to add"))
        self.item_search.edit.setAccessibleName(self.tr("Search items to add to the bill"))
        self.item_search.list.setAccessibleName(self.tr("Matching items"))
        self.variant.setAccessibleName(self.tr("Variant of the package"))
        self.setting.setAccessibleName(self.tr("Care setting"))
        self.table.setAccessibleName(self.tr("Bill lines"))
        self.table.setAccessibleDescription(
            self.tr("Edit quantity or unit price in place; Delete removes the selected line.")
        )
        self.remove_button.setText(self.tr("&Remove line"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected bill line"))
        if self.treatment_id:
            self.chosen.setText(
                self.tr("Package: %1 (%2 lines)")
                .replace("%1", self._name())
                .replace("%2", str(self.model.rowCount()))
            )
        else:
            self.chosen.setText(self.tr("No package chosen: search one, or add items one by one."))
        self.chosen.setAccessibleName(self.chosen.text())
        relabel(self.variant)
        relabel(self.setting)
        self.model.retranslate()
