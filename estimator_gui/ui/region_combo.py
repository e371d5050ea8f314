"""A region picker for some 350 places: type any part of the city's or the province's name (in
either language) and pick from what matches; what is typed never becomes a region of its own."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..core.facade import RegionRow
from .combos import key, select
from .i18n import lang


def region_label(region: RegionRow, language: str) -> str:
    """The city and its province, so that same-named places and whole provinces can be told."""
    if language == "zh":
        return f"{region.name_zh} · {region.province}" if region.province else region.name_zh
    return f"{region.name_en} · {region.province_en}" if region.province_en else region.name_en


class RegionCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._pick_text)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._settle)
        line.installEventFilter(self)

    def set_regions(self, regions: Sequence[RegionRow]) -> None:
        current = key(self)
        self.blockSignals(True)
        self.clear()
        for r in regions:
            self.addItem(region_label(r, lang()), r.id)
        self.blockSignals(False)
        if not (current and select(self, current)) and self.count():
            self.setCurrentIndex(0)

    def relabel(self, regions: Sequence[RegionRow]) -> None:
        """The same regions in the current language."""
        for i, r in enumerate(regions):
            self.setItemText(i, region_label(r, lang()))
        line = self.lineEdit()
        if line is not None and self.currentIndex() >= 0:
            line.setText(self.itemText(self.currentIndex()))

    def _pick_text(self, text: str) -> None:
        at = self.findText(text, Qt.MatchFlag.MatchExactly)
        if at >= 0:
            self.setCurrentIndex(at)

    def _settle(self) -> None:
        """Typed text that names no region gives way to the region still chosen."""
        line = self.lineEdit()
        assert line is not None
        at = self.findText(line.text(), Qt.MatchFlag.MatchExactly)
        if at >= 0 and at != self.currentIndex():
            self.setCurrentIndex(at)
        elif self.currentIndex() >= 0:
            line.setText(self.itemText(self.currentIndex()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched is self.lineEdit():
            line = self.lineEdit()
            assert line is not None
            line.selectAll()  # typing replaces the name: start a search at once
        return super().eventFilter(watched, event)
