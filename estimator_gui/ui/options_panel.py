"""Where: home (at a chosen hospital level) and up to four other places, each with level, filing
type and settlement route."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from ..core.facade import LABELS, Level, Place, RegionRow
from .combos import key, relabel, select, vocab_combo
from .option_dialog import OptionExtras
from .region_combo import RegionCombo

MAX_OTHERS = 4
LEVELS = ("level3", "level2", "level1", "community")
FILINGS = tuple(LABELS["filing"])
ROUTES = tuple(LABELS["route"])


class OptionRow:
    """One other place: the widgets of one grid row."""

    def __init__(self, parent: QWidget, regions: Sequence[RegionRow]) -> None:
        self.region = RegionCombo(parent)
        self.region.set_regions(regions)
        self.level = vocab_combo(parent, "level", LEVELS)
        self.filing = vocab_combo(parent, "filing", FILINGS)
        self.filing.setCurrentIndex(FILINGS.index("referral"))
        self.route = vocab_combo(parent, "route", ROUTES)
        for combo, chars in ((self.region, 7), (self.level, 5), (self.filing, 8), (self.route, 14)):
            # wide enough for the usual labels in either language; the popup shows the long ones
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(chars)
        self.details = QPushButton("…", parent)
        self.details.setFixedWidth(self.details.sizeHint().height())
        self.remove = QPushButton("×", parent)
        self.remove.setFixedWidth(self.remove.sizeHint().height())
        self.extras = OptionExtras()

    def widgets(self) -> list[QWidget]:
        return [self.region, self.level, self.filing, self.route, self.details, self.remove]

    def place(self) -> Place:
        return Place(
            treated_region=key(self.region, ""),
            level=key(self.level, "level3"),
            filing=key(self.filing, "referral"),
            route=key(self.route, "direct"),
        )


class OptionsPanel(QGroupBox):
    changed = Signal()
    details_requested = Signal(int)  # 0: home, n: the n-th other place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._regions: list[RegionRow] = []
        self.rows: list[OptionRow] = []
        self.grid = QGridLayout(self)
        self.home_label = QLabel(self)
        self.home_level = vocab_combo(self, "level", LEVELS)
        self.home_level.currentIndexChanged.connect(self.changed)
        self.home_details = QPushButton("…", self)
        self.home_details.setFixedWidth(self.home_details.sizeHint().height())
        self.home_details.clicked.connect(lambda: self.details_requested.emit(0))
        self.home_extras = OptionExtras()
        self.headers = [QLabel(self) for _ in range(4)]
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_place())
        for col, label in enumerate(self.headers):  # column heads above home and the others
            self.grid.addWidget(label, 0, col)
        self.grid.addWidget(self.home_label, 1, 0)
        self.grid.addWidget(self.home_level, 1, 1)
        self.grid.addWidget(self.home_details, 1, 4)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(2, 3)
        self._home_name = ""
        self._relayout()
        self.retranslate()

    # --- data ------------------------------------------------------------------------------------

    def set_regions(self, regions: Sequence[RegionRow]) -> None:
        self._regions = list(regions)
        for row in self.rows:
            row.region.set_regions(self._regions)

    def set_home(self, region_name: str) -> None:
        self._home_name = region_name
        self.retranslate()

    def add_place(
        self,
        region: str | None = None,
        level: str = "level3",
        filing: str = "referral",
        route: str = "direct",
    ) -> OptionRow | None:
        if len(self.rows) >= MAX_OTHERS:
            return None
        row = OptionRow(self, self._regions)
        if region is not None:
            select(row.region, region)
        select(row.level, level)
        select(row.filing, filing)
        select(row.route, route)
        for combo in (row.region, row.level, row.filing, row.route):
            combo.currentIndexChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self.remove_place(self.rows.index(row)))
        row.details.clicked.connect(lambda: self.details_requested.emit(self.rows.index(row) + 1))
        self.rows.append(row)
        self._relayout()
        self.retranslate()
        self.changed.emit()
        return row

    def remove_place(self, index: int) -> None:
        row = self.rows.pop(index)
        for w in row.widgets():
            self.grid.removeWidget(w)
            w.deleteLater()
        self._relayout()
        self.changed.emit()

    def clear_places(self) -> None:
        while self.rows:
            self.remove_place(len(self.rows) - 1)

    def set_home_level(self, level: str) -> None:
        select(self.home_level, level)

    def home_level_value(self) -> Level:
        return Level(key(self.home_level, "level3"))

    def places(self) -> list[Place]:
        return [row.place() for row in self.rows]

    def extras(self) -> list[OptionExtras]:
        """What the counsellor added per option, home first (the comparison's order)."""
        return [self.home_extras, *(row.extras for row in self.rows)]

    def set_extras(self, index: int, extras: OptionExtras) -> None:
        if index == 0:
            self.home_extras = extras
        else:
            self.rows[index - 1].extras = extras
        button = self.home_details if index == 0 else self.rows[index - 1].details
        button.setText("…" if extras.empty else "✎")
        self.changed.emit()

    def _relayout(self) -> None:
        for n, row in enumerate(self.rows):
            for col, w in enumerate(row.widgets()):
                self.grid.addWidget(w, n + 2, col)
        self.grid.addWidget(self.add_button, len(self.rows) + 2, 0, 1, 2)
        self.add_button.setEnabled(len(self.rows) < MAX_OTHERS)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.home_level, self.home_details]
        for row in self.rows:
            chain += row.widgets()
        chain.append(self.add_button)
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- language --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("3  Where"))
        self.home_label.setText(self.tr("%1 (home)").replace("%1", self._home_name))
        self.home_level.setAccessibleName(self.tr("Hospital level at home"))
        self.home_details.setAccessibleName(self.tr("Quote, deposit and trip at home"))
        self.home_details.setToolTip(
            self.tr("The hospital's own quote, its deposit, the cost of the trip")
        )
        heads = (
            self.tr("Place of care"),
            self.tr("Level"),
            self.tr("Filing"),
            self.tr("Settlement"),
        )
        for label, text in zip(self.headers, heads, strict=True):
            label.setText(text)
        self.add_button.setText(self.tr("&Add another place"))
        self.add_button.setAccessibleName(self.tr("Add another place (up to four)"))
        for combo in self.findChildren(QComboBox):
            relabel(combo)
        for n, row in enumerate(self.rows, start=1):
            row.region.relabel(self._regions)
            for widget, text in zip(
                row.widgets(),
                (
                    self.tr("Place %1"),
                    self.tr("Level at place %1"),
                    self.tr("Filing at place %1"),
                    self.tr("Settlement at place %1"),
                    self.tr("Quote, deposit and trip at place %1"),
                    self.tr("Remove place %1"),
                ),
                strict=True,
            ):
                widget.setAccessibleName(text.replace("%1", str(n)))
            row.remove.setToolTip(self.tr("Remove place %1").replace("%1", str(n)))
            row.details.setToolTip(
                self.tr("The hospital's own quote, its deposit, the cost of the trip")
            )
