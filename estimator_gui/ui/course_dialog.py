"""A year of special outpatient care month by month (门特: dialysis, cancer therapy, anti-rejection):
what the patient pays each month, the running total, and the month where the yearly cap binds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import Course, format_yuan
from .i18n import pick


class CourseDialog(QDialog):
    def __init__(self, title: str, course: Course, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = QTableWidget(len(course.months), 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Month"),
                self.tr("Bill"),
                self.tr("Funds pay"),
                self.tr("Patient pays"),
                self.tr("So far"),
                self.tr("Note"),
            ]
        )
        so_far = 0
        for n, month in enumerate(course.months):
            e = month.result.estimate
            if e is None:
                cells = [
                    month.date.isoformat(),
                    "—",
                    "—",
                    "—",
                    "—",
                    pick(month.result.error_zh, month.result.error_en),
                ]
            else:
                so_far += e.patient_burden
                note = ""
                if month.cap_reached:
                    note = (
                        self.tr("yearly cap reached")
                        if month.month == course.cap_month
                        else self.tr("above the yearly cap")
                    )
                cells = [
                    month.date.isoformat(),
                    format_yuan(e.total),
                    format_yuan(e.fund_total),
                    format_yuan(e.patient_burden),
                    format_yuan(so_far),
                    note,
                ]
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        total = format_yuan(course.total_burden)
        if course.cap_month is None:
            text = self.tr("%1 months: the patient pays %2; the yearly cap is not reached.")
        else:
            text = self.tr("%1 months: the patient pays %2; the yearly cap is reached in month %3.")
        self.summary = QLabel(
            text.replace("%1", str(len(course.months)))
            .replace("%2", total)
            .replace("%3", str(course.cap_month)),
            self,
        )
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 480)
