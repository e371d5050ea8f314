"""Number fields that take exactly what is valid and say why not otherwise.

A spin box quietly drops what it does not like (1e30 becomes 130, -500 becomes 50, 1,5 becomes
15). Here the text stays as typed; a field that does not hold a valid number turns red and says
why in its tooltip and through `problem`, and `value()` is None until it is fixed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from .i18n import translate

_MONEY = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
_WHOLE = re.compile(r"^\d{1,6}$")


class NumberField(QLineEdit):
    """An amount of money (yuan, two decimals at most) or a whole number, within bounds."""

    problem = Signal(str)  # the reason a text is not accepted ("" when it is)
    valueChanged = Signal()  # a valid new value

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        whole: bool = False,
        maximum: Decimal = Decimal(10_000_000),
        value: Decimal | int = 0,
    ) -> None:
        super().__init__(parent)
        self.whole, self.maximum = whole, Decimal(maximum)
        self.setText(str(value))
        self._good: Decimal | None = Decimal(value)
        self.textChanged.connect(self._check)
        self.setMaxLength(20)

    def value(self) -> Decimal | None:
        """The number typed, or None when the text is not a valid one."""
        return self._good

    def int_value(self) -> int | None:
        return None if self._good is None else int(self._good)

    def setValue(self, value: Decimal | int) -> None:
        self.setText(str(value))

    def reason(self) -> str:
        """Why the current text is not accepted ("" when it is)."""
        return self._reason(self.text().strip())

    def _reason(self, text: str) -> str:
        pattern = _WHOLE if self.whole else _MONEY
        if not text:
            return translate("NumberField", "empty: type a number (0 if none)")
        if not pattern.match(text):
            if self.whole:
                return translate("NumberField", "'%1' is not a whole number (digits only)").replace(
                    "%1", text
                )
            return translate(
                "NumberField", "'%1' is not an amount (digits, at most two decimals, no commas)"
            ).replace("%1", text)
        try:
            number = Decimal(text)
        except InvalidOperation:  # the pattern lets through only numbers: kept for safety
            return translate("NumberField", "'%1' is not a number").replace("%1", text)
        if number > self.maximum:
            return (
                translate("NumberField", "%1 is above the largest allowed, %2")
                .replace("%1", text)
                .replace("%2", f"{self.maximum:,.0f}")
            )
        return ""

    def _check(self, text: str) -> None:
        reason = self._reason(text.strip())
        self._good = None if reason else Decimal(text.strip())
        self.setStyleSheet("" if not reason else "QLineEdit { border: 2px solid #b91c1c; }")
        self.setToolTip(reason)
        self.problem.emit(reason)
        if not reason:
            self.valueChanged.emit()
