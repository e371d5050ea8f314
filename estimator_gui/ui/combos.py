"""Combo boxes keyed by a vocabulary key: read, select and relabel in the current language.

Item data is read only for existing items: an empty combo's currentData() is an invalid QVariant,
which PySide6 6.12 hands to Python 3.11 without a reference (see pyside_fix).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from .i18n import vocab

_VOCAB_GROUP: dict[int, str] = {}  # id(combo) -> vocabulary group, for relabelling


def key(combo: QComboBox, default: Any = None) -> Any:
    """The current item's key, or `default` when the combo is empty."""
    at = combo.currentIndex()
    return combo.itemData(at) if at >= 0 else default


def keys(combo: QComboBox) -> list[Any]:
    return [combo.itemData(i) for i in range(combo.count())]


def select(combo: QComboBox, value: Any) -> bool:
    at = combo.findData(value)
    if at >= 0:
        combo.setCurrentIndex(at)
    return at >= 0


def vocab_combo(parent: QWidget, group: str, values: Iterable[str]) -> QComboBox:
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(vocab(group, value), value)
    _VOCAB_GROUP[id(combo)] = group
    combo.destroyed.connect(lambda *_: _VOCAB_GROUP.pop(id(combo), None))
    return combo


def relabel(combo: QComboBox) -> None:
    """Show a vocabulary combo's items in the current language."""
    group = _VOCAB_GROUP.get(id(combo))
    if group is not None:
        for i, value in enumerate(keys(combo)):
            combo.setItemText(i, vocab(group, value))
