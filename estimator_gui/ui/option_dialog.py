"""One option's details: the treating hospital's own quote (totals by category, or lines at its
prices, typed or imported from its 费用清单), the deposit it asks, and the cost of getting there.
Nothing is taken until every field holds a valid value; a file with bad rows is reported row by
row and applies nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import CATEGORY_TERMS, Quote, QuoteCategory, QuoteLine, Trip
from .i18n import lang
from .numbers import NumberField


@dataclass(frozen=True)
class OptionExtras:
    """What the counsellor added to one option (all optional)."""

    quote: Quote | None = None
    trip: Trip | None = None
    deposit: Decimal | None = None  # what the hospital asks (None: the program's typical amount)

    @property
    def empty(self) -> bool:
        return self.quote is None and self.trip is None and self.deposit is None


TRIP_FIELDS = (  # Trip field, whole number?
    ("fare", False),
    ("trips", True),
    ("companions", True),
    ("nights", True),
    ("lodging_per_night", False),
    ("meal_days", True),
    ("meals_per_day", False),
    ("lost_income_days", True),
    ("income_per_day", False),
)


class OptionDialog(QDialog):
    def __init__(
        self,
        title: str,
        extras: OptionExtras,
        item_name: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item_name = item_name  # None: no such item in the catalogue
        self.extras = extras
        self.setWindowTitle(title)
        self.tabs = QTabWidget(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._quote_tab(extras.quote)
        self._cash_tab(extras.deposit)
        self._trip_tab(extras.trip)
        self.resize(640, 520)

    # --- the quote --------------------------------------------------------------------------------

    def _quote_tab(self, quote: Quote | None) -> None:
        tab = QWidget()
        form = QFormLayout()
        self.quote_label = QLineEdit(quote.label if quote else "", tab)
        self.quote_label.setMaxLength(80)
        self.quote_label.setPlaceholderText(self.tr("e.g. the hospital and the date of its quote"))
        form.addRow(self.tr("Quote from"), self.quote_label)
        self.categories: dict[QuoteCategory, NumberField] = {}
        for category, (_, cls, zh, en) in CATEGORY_TERMS.items():
            amount = quote.categories.get(category, Decimal(0)) if quote else Decimal(0)
            field = NumberField(tab, maximum=Decimal(10) ** 8, value=amount)
            self.categories[category] = field
            name = zh if lang() == "zh" else en
            form.addRow(
                self.tr("%1 total (taken as class %2)")
                .replace("%1", name)
                .replace("%2", cls.value),
                field,
            )
        self.lines = QTableWidget(0, 4, tab)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Item"), self.tr("Quantity"), self.tr("Unit price")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for line in quote.lines if quote else []:
            self._add_line(line.code, str(line.quantity), str(line.unit_price))
        add = QPushButton(self.tr("Add a line"), tab)
        add.clicked.connect(lambda: self._add_line("", "1", ""))
        remove = QPushButton(self.tr("Remove the line"), tab)
        remove.clicked.connect(lambda: self.lines.removeRow(self.lines.currentRow()))
        load = QPushButton(self.tr("Import the hospital's itemised bill (CSV/XLSX)…"), tab)
        load.clicked.connect(self._import_dialog)
        clear = QPushButton(self.tr("No quote (use the package)"), tab)
        clear.clicked.connect(self._clear_quote)
        row = QHBoxLayout()
        for button in (add, remove, load, clear):
            row.addWidget(button)
        note = QLabel(
            self.tr(
                "The quote replaces the package's bill for this option only. Totals by category "
                "are classed as shown (an assumption); lines with a catalogue code are classed by "
                "the catalogue of the place of care."
            ),
            tab,
        )
        note.setWordWrap(True)
        box = QVBoxLayout(tab)
        box.addLayout(form)
        box.addWidget(self.lines)
        box.addLayout(row)
        box.addWidget(note)
        self.tabs.addTab(tab, self.tr("Hospital quote"))

    def _add_line(self, code: str, quantity: str, price: str) -> None:
        n = self.lines.rowCount()
        self.lines.insertRow(n)
        name = self.item_name(code) if code else ""
        for col, text in enumerate((code, name or "", quantity, price)):
            self.lines.setItem(n, col, QTableWidgetItem(text))

    def import_file(self, path: Path) -> bool:
        """Read a 费用清单 into the lines; with any bad row nothing is taken and every row is named."""
        from ..core.facade import read_quote_file  # loaded when a file is imported

        lines, problems, encoding = read_quote_file(path, lambda c: self.item_name(c) is not None)
        if problems:
            text = "\n".join(
                self.tr("row %1, column %2: %3")
                .replace("%1", str(p.row))
                .replace("%2", p.column or "—")
                .replace("%3", p.reason_zh if lang() == "zh" else p.reason_en)
                for p in problems[:12]
            )
            more = len(problems) - 12
            if more > 0:
                text += "\n" + self.tr("… and %1 more").replace("%1", str(more))
            self.message.setText(
                self.tr("%1: nothing imported, %2 problem(s):")
                .replace("%1", path.name)
                .replace("%2", str(len(problems)))
                + "\n"
                + text
            )
            return False
        self.lines.setRowCount(0)
        for line in lines:
            self._add_line(line.code, str(line.quantity), str(line.unit_price))
        self.message.setText(
            self.tr("%1: %2 lines imported (%3)")
            .replace("%1", path.name)
            .replace("%2", str(len(lines)))
            .replace("%3", encoding)
        )
        return True

    def _import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("The hospital's itemised bill"), "", self.tr("Bills (*.csv *.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def _clear_quote(self) -> None:
        self.quote_label.clear()
        for field in self.categories.values():
            field.setValue(0)
        self.lines.setRowCount(0)

    # --- the deposit and the trip ---------------------------------------------------------------------

    def _cash_tab(self, deposit: Decimal | None) -> None:
        tab = QWidget()
        form = QFormLayout(tab)
        self.own_deposit = QCheckBox(self.tr("The hospital has said its deposit"), tab)
        self.own_deposit.setChecked(deposit is not None)
        self.deposit = NumberField(tab, maximum=Decimal(10) ** 8, value=deposit or 0)
        form.addRow(self.own_deposit)
        form.addRow(self.tr("Deposit at admission"), self.deposit)
        note = QLabel(
            self.tr(
                "Otherwise the program states a typical amount (your share, or the "
                "whole bill for a claim at home, rounded up to ¥1,000)."
            ),
            tab,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.tabs.addTab(tab, self.tr("Deposit"))

    def _trip_tab(self, trip: Trip | None) -> None:
        tab = QWidget()
        form = QFormLayout(tab)
        self.mode = QLineEdit(trip.mode if trip else "", tab)
        self.mode.setMaxLength(20)
        form.addRow(self.tr("Travel by (train, plane, car …)"), self.mode)
        labels = {
            "fare": self.tr("Fare, one way, per person"),
            "trips": self.tr("One-way journeys"),
            "companions": self.tr("Companions"),
            "nights": self.tr("Nights of lodging"),
            "lodging_per_night": self.tr("Lodging per night"),
            "meal_days": self.tr("Days of meals"),
            "meals_per_day": self.tr("Meals per day, all together"),
            "lost_income_days": self.tr("Days of income lost"),
            "income_per_day": self.tr("Income per day"),
        }
        self.trip_fields: dict[str, NumberField] = {}
        for name, whole in TRIP_FIELDS:
            value = getattr(trip, name) if trip else 0
            field = NumberField(
                tab, whole=whole, maximum=Decimal(366 if whole else 10**8), value=value
            )
            self.trip_fields[name] = field
            form.addRow(labels[name], field)
        self.tabs.addTab(tab, self.tr("Cost of the trip"))

    # --- the result -----------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        out = []
        fields: list[tuple[str, NumberField]] = [
            *((CATEGORY_TERMS[c][2], f) for c, f in self.categories.items()),
            (self.tr("Deposit at admission"), self.deposit),
            *((name, f) for name, f in self.trip_fields.items()),
        ]
        out += [f"{name}: {field.reason()}" for name, field in fields if field.value() is None]
        for n in range(self.lines.rowCount()):
            code = (self.lines.item(n, 0) or QTableWidgetItem()).text().strip()
            if self.item_name(code) is None:
                out.append(
                    self.tr("line %1: no item with code '%2'")
                    .replace("%1", str(n + 1))
                    .replace("%2", code)
                )
            for col, label in ((2, self.tr("quantity")), (3, self.tr("unit price"))):
                text = (self.lines.item(n, col) or QTableWidgetItem()).text().strip()
                probe = NumberField(maximum=Decimal(10) ** (6 if col == 2 else 8), value=0)
                probe.setText(text)
                zero = col == 2 and probe.value() == 0
                if probe.value() is None or zero:
                    out.append(
                        self.tr("line %1, %2: %3")
                        .replace("%1", str(n + 1))
                        .replace("%2", label)
                        .replace("%3", self.tr("more than 0, please") if zero else probe.reason())
                    )
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.message.setText("\n".join(problems[:12]))
            return
        quote = Quote(
            label=self.quote_label.text().strip(),
            categories={c: f.value() or Decimal(0) for c, f in self.categories.items()},
            lines=[
                QuoteLine(
                    code=(self.lines.item(n, 0) or QTableWidgetItem()).text().strip(),
                    quantity=Decimal((self.lines.item(n, 2) or QTableWidgetItem()).text().strip()),
                    unit_price=Decimal(
                        (self.lines.item(n, 3) or QTableWidgetItem()).text().strip()
                    ),
                )
                for n in range(self.lines.rowCount())
            ],
        )
        trip = Trip(
            mode=self.mode.text().strip(),
            **{name: f.value() or 0 for name, f in self.trip_fields.items()},
        )
        self.extras = OptionExtras(
            quote=None if quote.empty else quote,
            trip=None if trip.total == 0 else trip,
            deposit=self.deposit.value() if self.own_deposit.isChecked() else None,
        )
        super().accept()
