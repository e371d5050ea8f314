"""The comparison as a table: one column per option, the settlement fields as rows.

Cells show yuan as users read them (¥12,345.60); VALUE_ROLE gives the core's Decimal unchanged.
An option that cannot be estimated keeps its column and shows the reason in it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.facade import (
    TERMS,
    WINDOW,
    CareOption,
    CashPlan,
    Comparison,
    Estimate,
    Field,
    OptionResult,
    Trip,
    cash_plan,
    format_rate,
    format_yuan,
    format_yuan_short,
)
from .chart import Bar, Series
from .i18n import lang, pick, translate, vocab

Index = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole


# The window's rows: the settlement fields the core's registry marks for it, in slip order, then
# what the counselling desk adds (the range, where the bill and prices come from, the cash needed,
# the trip), and the difference to home last.
FIELDS: tuple[Field, ...] = WINDOW
EXTRA_ROWS = ("range", "basis", "deposit", "trip")
RANGE_ROW, BASIS_ROW, DEPOSIT_ROW, TRIP_ROW = range(len(FIELDS), len(FIELDS) + len(EXTRA_ROWS))
DELTA_ROW = len(FIELDS) + len(EXTRA_ROWS)  # the difference to home, last
BURDEN_ROW = next(i for i, f in enumerate(FIELDS) if f.key == "patient_burden")
EXTRA_LABELS = {
    "range": QT_TRANSLATE_NOOP("ResultsModel", "Patient pays, low–high"),
    "basis": QT_TRANSLATE_NOOP("ResultsModel", "Bill and prices from"),
    "deposit": QT_TRANSLATE_NOOP("ResultsModel", "Deposit at admission"),
    "trip": QT_TRANSLATE_NOOP("ResultsModel", "Travel, lodging, meals"),
}
TERM_OF_ROW = {"deductible_paid": "deductible", "major_layers": "critical_illness"}


def option_title(option: CareOption, region_name: str, is_home: bool) -> str:
    """Two header lines: place and level; filing and route (or "home")."""
    first = f"{region_name} {vocab('level', option.level.value)}"
    if is_home or option.filing is None:
        return first + "\n" + translate("ResultsModel", "home")
    how = (vocab("filing", option.filing.value), vocab("route", option.route.value))
    # English words are long: filing and route on their own lines keep five columns readable.
    return "\n".join((first, *how)) if lang() == "en" else f"{first}\n{how[0]}·{how[1]}"


class ResultsModel(QAbstractTableModel):
    def __init__(
        self, region_name: Callable[[str], str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.region_name = region_name or (lambda rid: rid)
        self._results: list[OptionResult] = []
        self._home: int | None = None
        self._home_region: str | None = None
        self._trips: dict[int, Trip] = {}
        self._deposits: dict[int, Decimal] = {}
        self._hotline: str | None = None

    def set_comparison(
        self,
        comparison: Comparison | None,
        home_region: str | None = None,
        trips: dict[int, Trip] | None = None,
        deposits: dict[int, Decimal] | None = None,
        hotline: str | None = None,
    ) -> None:
        self.beginResetModel()
        self._results = list(comparison.results) if comparison else []
        self._home = comparison.home_index if comparison else None
        self._home_region = home_region
        self._trips, self._deposits, self._hotline = trips or {}, deposits or {}, hotline
        self.endResetModel()

    def cash(self, column: int) -> CashPlan | None:
        """The cash the option needs (the deposit the hospital asks, or the typical one)."""
        result = self.result(column)
        if result is None or result.estimate is None:
            return None
        return cash_plan(result.estimate, self._hotline, self._deposits.get(column))

    def trip(self, column: int) -> Trip | None:
        return self._trips.get(column)

    def results(self) -> list[OptionResult]:
        return list(self._results)

    def result(self, column: int) -> OptionResult | None:
        return self._results[column] if 0 <= column < len(self._results) else None

    def is_home(self, column: int) -> bool:
        result = self.result(column)
        return (
            result is not None
            and result.option.treated_region == self._home_region
            and result.option.filing is None
        )

    def title(self, column: int) -> str:
        result = self._results[column]
        return option_title(
            result.option, self.region_name(result.option.treated_region), self.is_home(column)
        )

    def error_columns(self) -> list[int]:
        return [i for i, r in enumerate(self._results) if r.estimate is None]

    def retranslate(self) -> None:
        if self._results:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._results) - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, DELTA_ROW)
            self.dataChanged.emit(self.index(0, 0), self.index(DELTA_ROW, len(self._results) - 1))

    # --- Qt model --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or not self._results else DELTA_ROW + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._results):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.title(section)
            return None
        if not 0 <= section <= DELTA_ROW or not self._results:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == DELTA_ROW:
                return translate("ResultsModel", "Difference to home")
            if section >= len(FIELDS):
                return translate("ResultsModel", EXTRA_LABELS[EXTRA_ROWS[section - len(FIELDS)]])
            return FIELDS[section].name(lang())
        if role == Qt.ItemDataRole.ToolTipRole and section < len(FIELDS):
            key = FIELDS[section].key
            term = TERMS.get(TERM_OF_ROW.get(key, key))
            return None if term is None else pick(*term)
        if role == Qt.ItemDataRole.FontRole and section in (BURDEN_ROW, DELTA_ROW):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def value(self, row: int, column: int) -> Decimal | None:
        result = self.result(column)
        if result is None or result.estimate is None:
            return None
        if row == DELTA_ROW:
            return result.delta_vs_home
        if 0 <= row < len(FIELDS):
            return FIELDS[row].value(result.estimate)
        if row == DEPOSIT_ROW:
            plan = self.cash(column)
            return None if plan is None else plan.deposit
        if row == TRIP_ROW:
            trip = self.trip(column)
            return None if trip is None else trip.total
        return None

    def text(self, row: int, column: int) -> str:
        """What a cell shows (the same in the window and the report)."""
        result = self.result(column)
        if result is None or result.estimate is None:
            return ""
        if row == RANGE_ROW:
            if result.burden_range is None:
                return "—"
            low, high = result.burden_range
            return f"{format_yuan(low)}–{format_yuan(high)}"
        if row == BASIS_ROW:
            return basis_text(result)
        value = self.value(row, column)
        if value is None:
            return "—"
        if row == DELTA_ROW:
            return ("+" if value > 0 else "") + format_yuan(value)
        if row == DEPOSIT_ROW:
            plan = self.cash(column)
            typical = plan is not None and plan.deposit_typical
            # the marker on a line of its own: Chinese text would otherwise break inside it
            marker = translate("ResultsModel", " (typical)").strip()
            return format_yuan(value) + (f"\n{marker}" if typical else "")
        if row < len(FIELDS) and FIELDS[row].format == "rate":
            return format_rate(value)
        return format_yuan(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        result = self.result(col)
        if result is None or not 0 <= row <= DELTA_ROW:
            return None
        if result.estimate is None:  # the reason, in the first cell (the view spans it down)
            if (
                role
                in (
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole,
                )
                and row == 0
            ):
                reason = pick(result.error_zh, result.error_en)
                return translate("ResultsModel", "No estimate: %1").replace("%1", reason)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#9a3412"))
            return None
        value = self.value(row, col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and row == BASIS_ROW:
            return basis_text(result, full=True)
        if role == Qt.ItemDataRole.ToolTipRole and row == RANGE_ROW:
            return pick(result.range_note_zh, result.range_note_en)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row in (BURDEN_ROW, DELTA_ROW):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row == DELTA_ROW and value:
            return QBrush(QColor("#b91c1c" if value > 0 else "#15803d"))
        return None


def basis_text(result: OptionResult, full: bool = False) -> str:
    """Where an option's bill and prices come from: the hospital's quote or the package estimate,
    and prices from the place's own list or a stand-in from elsewhere."""
    est = result.estimate
    if est is None:
        return ""
    bill = {
        "quote": translate("ResultsModel", "hospital quote"),
        "package": translate("ResultsModel", "package estimate"),
        "bill": translate("ResultsModel", "bill entered"),
    }[result.bill_from]
    if full and result.bill_from == "quote" and result.quote_label:
        bill = (
            f"{bill}（{result.quote_label}）"
            if lang() == "zh"
            else f"{bill} ({result.quote_label})"
        )
    standin = [e for e in est.editions if e.kind == "price" and not e.local]
    if result.bill_from == "quote" or not standin:
        prices = translate("ResultsModel", "local prices")
    elif full:
        names = "、".join(pick(e.name_zh, e.name_en) for e in standin)
        prices = translate("ResultsModel", "prices: %1, not local").replace("%1", names)
    else:
        prices = translate("ResultsModel", "prices not local")
    return f"{bill} · {prices}"


# Who pays what, fund parts first: the chart's stacked segments.
SERIES = (
    Series(QT_TRANSLATE_NOOP("ResultsModel", "Basic fund"), "#2563eb", fund=True),
    Series(
        QT_TRANSLATE_NOOP("ResultsModel", "Critical illness, large amount, assistance"),
        "#60a5fa",
        fund=True,
    ),
    Series(QT_TRANSLATE_NOOP("ResultsModel", "Self-paid items"), "#b91c1c"),
    Series(QT_TRANSLATE_NOOP("ResultsModel", "Self-pay first"), "#f97316"),
    Series(QT_TRANSLATE_NOOP("ResultsModel", "Deductible and co-pay"), "#fbbf24"),
)


def _segments(e: Estimate) -> list[Decimal]:
    """Splits of the core's totals for drawing only; the labels show the core's own figures."""
    self_paid = e.fulamt_ownpay + e.overlmt_selfpay
    rest = e.patient_burden - self_paid - e.preselfpay
    return [
        e.fund_basic,
        e.fund_total - e.fund_basic,
        self_paid,
        e.preselfpay,
        max(rest, Decimal(0)),
    ]


def chart_bars(model: ResultsModel) -> list[Bar]:
    out = []
    for column, result in enumerate(model.results()):
        title = model.title(column).replace("\n", " · ")
        e = result.estimate
        if e is None:
            out.append(Bar(title, [], "", pick(result.error_zh, result.error_en)))
            continue
        label = translate("ResultsModel", "pays %1").replace(
            "%1", format_yuan_short(e.patient_burden, lang())
        )
        out.append(Bar(title, _segments(e), label, None))
    return out
