"""Who is treated: insured region, scheme, person type, age, date of care, and the year so far."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from ..core.facade import RegionRow
from .combos import key, keys, select
from .i18n import vocab
from .numbers import NumberField
from .region_combo import RegionCombo

# Person types per scheme, in the order a counter asks about them.
PERSONS = {"employee": ("employed", "retired"), "resident": ("adult", "elderly", "child")}


@dataclass(frozen=True)
class Who:
    region: str
    scheme: str
    person: str
    age: int
    date: dt.date
    deductible_paid: Decimal
    fund_paid: Decimal
    admissions: int
    eligible_so_far: Decimal = Decimal(0)  # 政策范围内费用 so far: where the ratio bands continue
    burden_so_far: Decimal = Decimal(0)  # in-policy own share so far: where 大病 continues


def money_field(parent: QWidget) -> NumberField:
    return NumberField(parent, maximum=Decimal(10_000_000))


class WhoPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._regions: list[RegionRow] = []
        self.region = RegionCombo(self)
        self.scheme = QComboBox(self)
        self.person = QComboBox(self)
        self.age = NumberField(self, whole=True, maximum=Decimal(120), value=60)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.deductible_paid = money_field(self)
        self.fund_paid = money_field(self)
        self.admissions = NumberField(self, whole=True, maximum=Decimal(99))
        self.eligible_so_far = money_field(self)
        self.burden_so_far = money_field(self)
        self.year_note = QLabel(self)
        self.year_note.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(10)]
        grid = QGridLayout(self)  # two label/field pairs a row keeps the input column short
        fields = (
            self.region,
            self.scheme,
            self.person,
            self.age,
            self.date,
            None,
            self.deductible_paid,
            self.fund_paid,
            self.admissions,
            self.eligible_so_far,
            self.burden_so_far,
        )
        labels = iter(self.labels)
        for n, field in enumerate(fields):
            row, col = (n // 2, (n % 2) * 2) if n < 6 else (4 + (n - 6) // 2, ((n - 6) % 2) * 2)
            if field is None:
                continue
            label = next(labels)
            label.setBuddy(field)  # Alt+letter in the label text jumps to the field
            grid.addWidget(label, row, col)
            grid.addWidget(field, row, col + 1)
        grid.addWidget(self.year_note, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for scheme in PERSONS:
            self.scheme.addItem("", scheme)
        self.scheme.currentIndexChanged.connect(self._fill_persons)
        for signal in (
            self.region.currentIndexChanged,
            self.scheme.currentIndexChanged,
            self.person.currentIndexChanged,
            self.date.dateChanged,
            *(field.textChanged for field in self.number_fields()),
        ):
            signal.connect(self.changed)
        self._fill_persons()
        self.retranslate()

    # --- data ------------------------------------------------------------------------------------

    def set_regions(self, regions: Sequence[RegionRow]) -> None:
        self._regions = list(regions)
        self.region.set_regions(self._regions)

    def select_region(self, region_id: str) -> None:
        select(self.region, region_id)

    def select_person(self, scheme: str, person: str) -> None:
        select(self.scheme, scheme)
        select(self.person, person)

    def set_date(self, date: dt.date) -> None:
        self.date.setDate(QDate(date.year, date.month, date.day))

    def number_fields(self) -> list[NumberField]:
        return [
            self.age,
            self.deductible_paid,
            self.fund_paid,
            self.admissions,
            self.eligible_so_far,
            self.burden_so_far,
        ]

    def problems(self) -> list[str]:
        """ "label: reason" for every number field whose text is not a valid number."""
        out = []
        for label, field in zip(self.labels, self._fields(), strict=True):
            if isinstance(field, NumberField) and field.value() is None:
                out.append(f"{label.text().replace('&', '')}：{field.reason()}")
        return out

    def value(self) -> Who:
        """What the panel holds; a number field that is not valid counts as 0 here — callers that
        compute ask `problems()` first and refuse (nothing typed is ever changed silently)."""
        d = self.date.date()
        return Who(
            region=key(self.region, ""),
            scheme=key(self.scheme, "employee"),
            person=key(self.person, "employed"),
            age=self.age.int_value() or 0,
            date=dt.date(d.year(), d.month(), d.day()),
            deductible_paid=self.deductible_paid.value() or Decimal(0),
            fund_paid=self.fund_paid.value() or Decimal(0),
            admissions=self.admissions.int_value() or 0,
            eligible_so_far=self.eligible_so_far.value() or Decimal(0),
            burden_so_far=self.burden_so_far.value() or Decimal(0),
        )

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.region,
            self.scheme,
            self.person,
            self.age,
            self.date,
            self.deductible_paid,
            self.fund_paid,
            self.admissions,
            self.eligible_so_far,
            self.burden_so_far,
        )

    def _fill_persons(self) -> None:
        current = key(self.person)
        self.person.blockSignals(True)
        self.person.clear()
        for kind in PERSONS.get(key(self.scheme, "employee"), ()):
            self.person.addItem(vocab("person", kind), kind)
        if not select(self.person, current) and self.person.count():
            self.person.setCurrentIndex(0)
        self.person.blockSignals(False)

    # --- language --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("1  Who"))
        texts = (
            self.tr("Insured &region"),
            self.tr("&Scheme"),
            self.tr("&Person"),
            self.tr("A&ge"),
            self.tr("&Date of care"),
            self.tr("Deductible paid"),
            self.tr("Fund paid"),
            self.tr("Admissions"),
            self.tr("Eligible so far"),
            self.tr("Own share so far"),
        )
        for label, field, text in zip(self.labels, self._fields(), texts, strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.eligible_so_far.setToolTip(
            self.tr(
                "Eligible (in-policy) expense this year so far: the ratio bands continue from it."
            )
        )
        self.burden_so_far.setToolTip(
            self.tr(
                "Your in-policy own share this year so far: critical-illness insurance continues from it."
            )
        )
        self.year_note.setText(self.tr("So far this insurance year, before this stay (optional):"))
        self.year_note.setAccessibleName(self.year_note.text())
        for i, scheme in enumerate(keys(self.scheme)):
            self.scheme.setItemText(i, vocab("scheme", scheme))
        for i, person in enumerate(keys(self.person)):
            self.person.setItemText(i, vocab("person", person))
        self.region.relabel(self._regions)
