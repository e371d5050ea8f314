"""The bill as an editable table: one row per item, quantity, (optional) own unit price, and for
items with a restricted indication (限定支付范围) whether the patient meets the condition.

Values are checked here, at the field: a non-numeric, zero or negative quantity or a negative
price is refused and `rejected` says why, in the current language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..core.facade import format_yuan
from .i18n import pick, translate, vocab

Index = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the Decimal behind a cell (None: the list price)

MAX_QUANTITY = Decimal(100_000)  # far above any real bill, below what would overflow a spin box
MAX_PRICE = Decimal(100_000_000)
COL_ITEM, COL_CODE, COL_KIND, COL_QTY, COL_PRICE, COL_CONDITION = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("BillModel", "Item"),
    QT_TRANSLATE_NOOP("BillModel", "Code"),
    QT_TRANSLATE_NOOP("BillModel", "Kind"),
    QT_TRANSLATE_NOOP("BillModel", "Quantity"),
    QT_TRANSLATE_NOOP("BillModel", "Unit price"),
    QT_TRANSLATE_NOOP("BillModel", "Condition"),
)
# restriction_met → the cell's check state: not stated (estimated as met, with a warning), met, not met
CHECK = {
    None: Qt.CheckState.PartiallyChecked,
    True: Qt.CheckState.Checked,
    False: Qt.CheckState.Unchecked,
}
CONDITION_TEXT = {
    None: QT_TRANSLATE_NOOP("BillModel", "not stated"),
    True: QT_TRANSLATE_NOOP("BillModel", "met"),
    False: QT_TRANSLATE_NOOP("BillModel", "not met"),
}


@dataclass(frozen=True)
class BillRow:
    code: str
    name_zh: str
    name_en: str | None
    kind: str
    unit: str | None
    quantity: Decimal
    unit_price: Decimal | None = None  # None: the list price where the care happens
    restriction: str | None = None  # 限定支付范围, in the insured region's catalogue
    restriction_met: bool | None = None  # None: not stated by the user


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def parse_number(value: Any) -> Decimal | None:
    """A Decimal from what an editor gives (str, int, float, Decimal); None if it is not a number."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int | float | str):
        text = str(value).strip().lstrip("¥￥").strip()
        if "," in text or "，" in text:  # thousands separators only where they belong: 1,234.5
            if not _GROUPED.match(text.replace("，", ",")):
                return None
            text = text.replace(",", "").replace("，", "")
        if not _PLAIN.match(text):  # no exponents, no signs: what a price or quantity looks like
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


class BillModel(QAbstractTableModel):
    changed = Signal()
    rejected = Signal(str)  # a refused edit, with the reason in the current language

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BillRow] = []

    # --- the bill --------------------------------------------------------------------------------

    def rows(self) -> list[BillRow]:
        return list(self._rows)

    def set_rows(self, rows: list[BillRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.changed.emit()

    def set_restrictions(self, restricted: dict[str, str]) -> None:
        """Show the condition of every item the core says is restricted in some option (its text
        as the catalogue gives it); what the user said about a condition is kept."""
        for i, row in enumerate(self._rows):
            text = restricted.get(row.code, row.restriction)
            if text != row.restriction:
                self._rows[i] = replace(row, restriction=text)
                self.dataChanged.emit(self.index(i, COL_CONDITION), self.index(i, COL_CONDITION))

    def add_row(self, row: BillRow) -> int:
        """Add an item; an item already on the bill gets one more of it instead."""
        for n, existing in enumerate(self._rows):
            if existing.code == row.code:
                self._rows[n] = replace(existing, quantity=existing.quantity + row.quantity)
                self.dataChanged.emit(self.index(n, COL_QTY), self.index(n, COL_QTY))
                self.changed.emit()
                return n
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self.endInsertRows()
        self.changed.emit()
        return at

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.changed.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1)
            )

    # --- Qt model --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return translate("BillModel", HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_QTY, COL_PRICE):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_CONDITION and self._rows[index.row()].restriction:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == COL_ITEM:
                return pick(row.name_zh, row.name_en)
            if col == COL_CODE:
                return row.code
            if col == COL_KIND:
                return vocab("kind", row.kind)
            if col == COL_QTY:
                unit = f" {row.unit}" if row.unit else ""
                return f"{row.quantity.normalize():f}{unit}"
            if col == COL_PRICE:
                if row.unit_price is None:
                    return translate("BillModel", "list price")
                return format_yuan(row.unit_price)
            if col == COL_CONDITION:
                return (
                    translate("BillModel", CONDITION_TEXT[row.restriction_met])
                    if row.restriction
                    else ""
                )
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_CONDITION and row.restriction:
            return CHECK[row.restriction_met]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CONDITION and row.restriction:
            return translate(
                "BillModel",
                "Paid only if: %1. Tick if the patient meets it; untick if not (fully self-paid); "
                "half-ticked: not stated (estimated as met, with a warning).",
            ).replace("%1", row.restriction)
        if role == Qt.ItemDataRole.EditRole:  # exact text for the editor (no float rounding)
            if col == COL_QTY:
                return str(row.quantity.normalize())
            if col == COL_PRICE:
                return None if row.unit_price is None else str(row.unit_price)
        if role == VALUE_ROLE:
            return {COL_QTY: row.quantity, COL_PRICE: row.unit_price}.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_PRICE:
            return translate("BillModel", "Leave at 0 to use the list price of the place of care.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_QTY, COL_PRICE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid():
            return self._set_condition(index, value)
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows) or index.column() not in (COL_QTY, COL_PRICE):
            return False
        row = self._rows[index.row()]
        if index.column() == COL_PRICE and isinstance(value, str) and not value.strip():
            value = 0  # an emptied price field: back to the list price
        number = parse_number(value)
        if index.column() == COL_QTY:
            if number is None or not 0 < number <= MAX_QUANTITY:
                self.rejected.emit(
                    translate("BillModel", "Quantity must be a number above 0 and up to 100,000.")
                )
                return False
            new = replace(row, quantity=number)
        else:
            if number is None or not 0 <= number <= MAX_PRICE:
                self.rejected.emit(
                    translate(
                        "BillModel",
                        "Unit price must be a number of yuan from 0 to 100,000,000 (0: list price).",
                    )
                )
                return False
            new = replace(row, unit_price=None if number == 0 else number.quantize(Decimal("0.01")))
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def _set_condition(self, index: Index, value: Any) -> bool:
        if index.column() != COL_CONDITION or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        if not row.restriction:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        met = {v: k for k, v in CHECK.items()}.get(state)
        if met is None and state is not Qt.CheckState.PartiallyChecked:
            return False
        self._rows[index.row()] = replace(row, restriction_met=met)
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True
