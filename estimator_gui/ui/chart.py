"""Stacked horizontal bars of who pays what per option, drawn with QPainter.

Dumb on purpose: it draws the segments and labels it is given; the same code paints on screen,
offscreen and into a PNG or PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .i18n import translate


@dataclass(frozen=True)
class Series:
    name: str  # English source string, translated in context "ResultsModel"
    color: str
    fund: bool = False


@dataclass(frozen=True)
class Bar:
    title: str
    segments: Sequence[Decimal]  # one per series; empty when there is no estimate
    total_label: str
    note: str | None  # why there is no bar


class StackedBarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: Sequence[Series] = ()
        self.bars: Sequence[Bar] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def needed_height(self) -> int:
        """Legend and every bar with its title, at the current font: below this they overlap."""
        fm = QFontMetrics(self.font())
        line = fm.height()
        pad = line * 0.6
        legend_bottom = self._legend(None, fm, pad, pad, self.width() - 2 * pad)
        return int(legend_bottom + line * 2.5 * max(len(self.bars), 1) + pad)

    def set_data(self, series: Sequence[Series], bars: Sequence[Bar]) -> None:
        self.series, self.bars = tuple(series), tuple(bars)
        self.setAccessibleDescription(
            "; ".join(f"{b.title}: {b.total_label or b.note}" for b in bars)
        )
        self._fit()

    def _fit(self) -> None:
        self.setMinimumHeight(max(160, self.needed_height()))
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the legend may wrap differently
            self.setMinimumHeight(max(160, self.needed_height()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._fit()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(480, max(int(line * (3 + 2.6 * max(len(self.bars), 3))), self.needed_height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        line = fm.height()
        pad = line * 0.6
        width = self.width() - 2 * pad
        y = pad
        if not self.bars:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                translate("StackedBarChart", "Compare to see who pays what."),
            )
            return
        y = self._legend(p, fm, pad, y, width)
        top = max(
            (sum(b.segments, Decimal(0)) for b in self.bars if b.segments), default=Decimal(0)
        )
        label_w = max((fm.horizontalAdvance(b.total_label) for b in self.bars), default=0) + pad
        row_h = (self.height() - y - pad) / len(self.bars)
        bar_h = max(min(row_h - line * 1.3, line * 2.0), line * 0.6)
        for bar in self.bars:
            p.setPen(self.palette().text().color())
            title = fm.elidedText(bar.title, Qt.TextElideMode.ElideRight, int(width))
            p.drawText(QRectF(pad, y, width, line), Qt.AlignmentFlag.AlignLeft, title)
            box = QRectF(pad, y + line * 1.1, width - label_w, bar_h)
            if not bar.segments:
                p.setPen(QColor("#9a3412"))
                note = fm.elidedText(bar.note or "", Qt.TextElideMode.ElideRight, int(width))
                p.drawText(box.adjusted(0, 0, label_w, 0), Qt.AlignmentFlag.AlignVCenter, note)
            else:
                self._bar(p, box, bar, top)
                p.setPen(self.palette().text().color())
                p.drawText(
                    QRectF(box.right() + pad / 2, box.top(), label_w, bar_h),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    bar.total_label,
                )
            y += row_h

    def _legend(
        self, p: QPainter | None, fm: QFontMetrics, x0: float, y: float, width: float
    ) -> float:
        line = fm.height()
        x = x0
        for s in self.series:
            name = fm.elidedText(  # a long name in a narrow pane: elided, not drawn over the edge
                translate("ResultsModel", s.name), Qt.TextElideMode.ElideRight, int(width - line)
            )
            w = line + fm.horizontalAdvance(name) + line
            if x + w > x0 + width and x > x0:
                x, y = x0, y + line * 1.3
            if p is None:  # measuring only
                x += w
                continue
            p.fillRect(QRectF(x, y + line * 0.2, line * 0.8, line * 0.8), QColor(s.color))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(x + line, y, w, line), Qt.AlignmentFlag.AlignVCenter, name)
            x += w
        return y + line * 1.6

    def _bar(self, p: QPainter, box: QRectF, bar: Bar, top: Decimal) -> None:
        if top <= 0:
            return
        x = box.left()
        for amount, s in zip(bar.segments, self.series, strict=False):
            if amount <= 0:
                continue
            w = float(amount / top) * box.width()
            p.fillRect(QRectF(x, box.top(), w, box.height()), QColor(s.color))
            x += w
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(box.left(), box.top(), x - box.left(), box.height()))
