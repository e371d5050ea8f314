"""The comparison table: one column per option, every amount shown whole.

Stretching columns to the window clips amounts once the font is large or the options many; here
each column is at least as wide as its widest amount and its title, the spare width is shared out,
and beyond that the table scrolls sideways. Free-text rows (where the bill comes from) wrap
instead of widening their column.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .results_model import BASIS_ROW, DEPOSIT_ROW, RANGE_ROW, ResultsModel

# rows of words or ranges: they wrap, so only their longest unbreakable piece sets the width
WRAPPED_ROWS = frozenset({BASIS_ROW, DEPOSIT_ROW, RANGE_ROW})
BREAKS = re.compile(r"\s+|(?<=–)|(?=（)|(?= \()")


class ResultsTable(QTableView):
    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A light selection keeps the red/green of the difference row readable.
        self.setStyleSheet(
            "QTableView { selection-background-color: #dbeafe; selection-color: black; }"
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # titles wrap between words when the room is short (the header grows to hold them)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap  # type: ignore[operator]
        )
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self.fit_columns)
        model.dataChanged.connect(self.fit_columns)
        model.headerDataChanged.connect(self.fit_columns)

    def needed_width(self, column: int, title_by_word: bool = False) -> int:
        """The width that shows the column's title and every amount without clipping (with
        `title_by_word`, the title may wrap between words)."""
        model = self.model()
        fm = QFontMetrics(self.font())
        header_fm = QFontMetrics(self.horizontalHeader().font())
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        pieces = title.split() if title_by_word else title.splitlines()
        widths = [header_fm.horizontalAdvance(piece) for piece in pieces]
        for row in range(model.rowCount()):
            if self.rowSpan(row, column) > 1:
                continue
            text = str(model.index(row, column).data() or "")
            if row in WRAPPED_ROWS:
                text = "\n".join(BREAKS.split(text))
            bold = model.index(row, column).data(Qt.ItemDataRole.FontRole)
            metrics = fm
            if bold is not None:
                font = self.font()
                font.setBold(True)
                metrics = QFontMetrics(font)
            widths.append(max((metrics.horizontalAdvance(t) for t in text.splitlines()), default=0))
        padding = fm.averageCharWidth() + 10  # the cell's margins and the grid line, with air
        return max(widths, default=0) + padding

    def fit_columns(self) -> None:
        count = self.model().columnCount()
        if not count:
            return
        needed = [self.needed_width(c) for c in range(count)]
        # room for the vertical scroll bar is kept: it comes and goes as rows wrap
        room = (
            self.width()
            - 2 * self.frameWidth()
            - self.verticalHeader().width()
            - self.verticalScrollBar().sizeHint().width()
        )
        if sum(needed) > room:  # short of room: titles wrap between words if then all columns fit
            by_word = [self.needed_width(c, title_by_word=True) for c in range(count)]
            if sum(by_word) <= room:
                needed = by_word  # (else the table scrolls sideways, titles kept on their lines)
        spare = room - sum(needed)
        share = max(spare, 0) // count
        header = self.horizontalHeader()
        for column, width in enumerate(needed):
            header.resizeSection(column, width + share)
        header.setMinimumHeight(self.title_height())
        self.resizeRowsToContents()

    def title_height(self) -> int:
        """The height the column titles take once wrapped to their widths (in bold, as the chosen
        option's is): the header is never shorter, so no title loses a line."""
        font = self.horizontalHeader().font()
        font.setBold(True)
        fm = QFontMetrics(font)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        margin = fm.averageCharWidth()
        heights = [
            fm.boundingRect(
                QRect(0, 0, max(self.columnWidth(c) - margin, 1), 10_000),
                flags,
                str(self.model().headerData(c, Qt.Orientation.Horizontal) or ""),
            ).height()
            for c in range(self.model().columnCount())
        ]
        return max(heights, default=0) + fm.height() // 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.fit_columns()
