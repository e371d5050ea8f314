"""The one window: who → what → where → results side by side, with the explanation of each option."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import (
    BillEntry,
    CareOption,
    Case,
    Comparison,
    EstimateError,
    Estimator,
    Person,
    YearToDate,
    care_options,
    home_and_away,
)
from . import fonts, i18n, preferences
from .bill_model import BillRow
from .bill_panel import BillLookups, BillPanel
from .chart import StackedBarChart
from .explanation import ExplanationView
from .options_panel import OptionsPanel
from .report import report_document, write_pdf
from .results_model import SERIES, ResultsModel, chart_bars
from .who_panel import WhoPanel

RECOMPUTE_DELAY_MS = 150  # after an edit, once results are showing


class MainWindow(QMainWindow):
    def __init__(self, estimator: Estimator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.est = estimator
        self.comparison: Comparison | None = None
        self._regions = {r.id: r for r in estimator.regions()}
        self._build_inputs()
        self._build_results()
        self._build_menus()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.left)
        splitter.addWidget(self.results_split)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 880])
        self.setCentralWidget(splitter)
        self.data_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.data_label)
        self.recompute = QTimer(self)
        self.recompute.setSingleShot(True)
        self.recompute.setInterval(RECOMPUTE_DELAY_MS)
        self.recompute.timeout.connect(self.compare)
        for signal in (self.who.changed, self.bill.changed, self.where.changed):
            signal.connect(self._inputs_changed)
        self.where.changed.connect(lambda: QTimer.singleShot(0, self._fit_inputs))
        self.who.set_regions(list(self._regions.values()))
        self.where.set_regions(list(self._regions.values()))
        self._home_changed()
        self.who.region.currentIndexChanged.connect(self._home_changed)
        self._set_tab_order()
        self.retranslate()
        self.resize(1400, 900)

    # --- construction ----------------------------------------------------------------------------

    def _build_inputs(self) -> None:
        self.who = WhoPanel()
        self.bill = BillPanel(
            BillLookups(
                search_treatments=lambda text: self.est.search(text, 15, ("treatment",)),
                search_items=lambda text: self.est.search(
                    text, 15, ("drug", "service", "consumable")
                ),
                treatment_bill=self._treatment_bill,
                item_row=self._item_row,
            )
        )
        self.where = OptionsPanel()
        self.compare_button = QPushButton()
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.compare)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        self.message.hide()
        inputs = QWidget()
        layout = QVBoxLayout(inputs)
        for w in (self.who, self.bill, self.where):
            layout.addWidget(w)
        layout.addStretch(1)
        self.inputs_scroll = QScrollArea()
        self.inputs_scroll.setWidget(inputs)
        self.inputs_scroll.setWidgetResizable(True)
        self.inputs_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inputs = inputs
        # the compare button and its message stay in view below the scrolling inputs
        self.left = QWidget()
        column = QVBoxLayout(self.left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.inputs_scroll, 1)
        column.addWidget(self.compare_button)
        column.addWidget(self.message)

    def _build_results(self) -> None:
        self.results = ResultsModel(self._region_name, self)
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        # A light selection keeps the red/green of the difference row readable.
        self.table.setStyleSheet(
            "QTableView { selection-background-color: #dbeafe; selection-color: black; }"
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentColumnChanged.connect(
            lambda cur, _prev: self.explain(cur.column())
        )
        self.chart = StackedBarChart()
        self.explanation = ExplanationView()
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.chart)
        lower.addWidget(self.explanation)
        lower.setSizes([420, 510])
        self.results_split = QSplitter(Qt.Orientation.Vertical)
        self.results_split.addWidget(self.table)
        self.results_split.addWidget(lower)
        self.results_split.setSizes([380, 520])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.compare_action = QAction(self)
        self.compare_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("F5")])
        self.compare_action.triggered.connect(self.compare)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence.StandardKey.Print)
        self.export_action.triggered.connect(self._export_dialog)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.compare_action, self.export_action, self.quit_action])
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, text, key in (("zh", "中文", "Ctrl+Shift+C"), ("en", "English", "Ctrl+Shift+E")):
            action = QAction(text, self.lang_group)  # each language named in itself
            action.setCheckable(True)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _on, c=code: self.set_language(c))
            self.lang_actions[code] = action
        self.lang_menu = self.view_menu.addMenu("")
        self.lang_menu.addActions(list(self.lang_actions.values()))
        self.large_action = QAction(self)
        self.large_action.setCheckable(True)
        self.large_action.setShortcut(QKeySequence("Ctrl+L"))
        self.large_action.toggled.connect(self.set_large_font)
        self.view_menu.addAction(self.large_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def _set_tab_order(self) -> None:
        w = self.who
        chain = [
            w.region,
            w.scheme,
            w.person,
            w.age,
            w.date,
            w.deductible_paid,
            w.fund_paid,
            w.admissions,
            self.bill.treatment_search.edit,
            self.bill.variant,
            self.bill.setting,
            self.bill.item_search.edit,
            self.bill.table,
            self.bill.remove_button,
            self.where.home_level,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.where.add_button, self.compare_button)
        QWidget.setTabOrder(self.compare_button, self.table)
        QWidget.setTabOrder(self.table, self.explanation)

    # --- lookups for the panels (data only; the money stays in the core) -------------------------

    def _region_name(self, region_id: str) -> str:
        region = self._regions.get(region_id)
        return region.name(i18n.lang()) if region else region_id

    def _item_row(self, code: str, quantity: object = 1) -> BillRow | None:
        item = self.est.item(code)
        if item is None:
            return None
        who = self.who.value()
        try:
            restriction = self.est.terms(who.region, code, who.date).restriction
        except EstimateError:
            restriction = None
        return BillRow(
            item.code,
            item.name_zh,
            item.name_en,
            item.kind.value,
            item.unit,
            Decimal(str(quantity)),
            restriction=restriction,
        )

    def _treatment_bill(
        self, treatment_id: str, variant: str
    ) -> tuple[list[BillRow], str, str, str]:
        treatment = self.est.treatment(treatment_id)
        entries = self.est.bill_for(treatment_id, variant)  # type: ignore[arg-type]
        rows = [r for e in entries if (r := self._item_row(e.code, e.quantity)) is not None]
        if treatment is None:
            return rows, "inpatient", treatment_id, treatment_id
        return rows, treatment.setting, treatment.name_zh, treatment.name_en

    # --- the comparison --------------------------------------------------------------------------

    def case_and_options(self) -> tuple[Case, list[CareOption]] | None:
        """The inputs as the core's Case and options, or None with a message saying what is missing."""
        who = self.who.value()
        rows = self.bill.model.rows()
        if not rows:
            self.show_message(self.tr("Choose a treatment package or add items to the bill first."))
            return None
        try:
            case = Case(
                insured_region=who.region,
                person=Person(scheme=who.scheme, kind=who.person, age=who.age),
                date=who.date,
                entries=[
                    BillEntry(
                        code=r.code,
                        quantity=r.quantity,
                        unit_price=r.unit_price,
                        restriction_met=r.restriction_met,
                    )
                    for r in rows
                ],
                setting=self.bill.current_setting(),
                year_to_date=YearToDate(
                    admissions=who.admissions,
                    deductible_paid=who.deductible_paid,
                    fund_paid=who.fund_paid,
                    eligible_amount=who.eligible_so_far,
                    personal_burden=who.burden_so_far,
                ),
            )
            places = home_and_away(who.region, self.where.home_level_value(), self.where.places())
            options = care_options(places, who.date, case.setting)
        except ValidationError as exc:
            self.show_message(
                self.tr("Please check the inputs: %1").replace("%1", str(exc.errors()[0]["msg"]))
            )
            return None
        return case, options

    def compare(self) -> Comparison | None:
        self.recompute.stop()
        built = self.case_and_options()
        if built is None:
            return None
        case, options = built
        selected = self.table.currentIndex().column()
        self.comparison = self.est.compare(case, options, package=self._unedited_package(case))
        # the core says which items are restricted in the catalogue that judges each option
        self.bill.model.set_restrictions(self.comparison.restricted)
        self.show_message("")
        self.results.set_comparison(self.comparison, case.insured_region)
        self._after_results(selected)
        return self.comparison

    def _unedited_package(self, case: Case) -> str | None:
        """The treatment package the bill still is, line for line (then a low–high range is shown)."""
        package = self.bill.treatment_id
        if package is None:
            return None
        expected = self.est.bill_for(package, self.bill.current_variant())  # type: ignore[arg-type]
        same = [(e.code, e.quantity) for e in expected] == [
            (e.code, e.quantity) for e in case.entries
        ]
        untouched = all(e.unit_price is None and e.restriction_met is None for e in case.entries)
        return package if same and untouched else None

    def _after_results(self, selected: int = -1) -> None:
        self.table.clearSpans()
        rows = self.results.rowCount()
        for column in self.results.error_columns():
            self.table.setSpan(0, column, rows, 1)  # the reason reads down the whole column
        self.chart.set_data(SERIES, chart_bars(self.results))
        self._fit_table()
        count = self.results.columnCount()
        if count:
            if not 0 <= selected < count:
                selected = 1 if count > 1 else 0
            self.table.setCurrentIndex(self.results.index(rows - 1, selected))
            self.explain(selected)

    def _fit_table(self) -> None:
        """Give the table the height of its rows, and the chart and explanation the rest."""
        table = self.table
        table.resizeRowsToContents()
        wanted = (
            table.horizontalHeader().height()
            + table.verticalHeader().length()
            + 2 * table.frameWidth()
            + 2
        )
        total = sum(self.results_split.sizes())
        if total > 0:
            top = min(wanted, total * 3 // 5)
            self.results_split.setSizes([top, total - top])

    def explain(self, column: int) -> None:
        result = self.results.result(column)
        if result is None or self.comparison is None:
            self.explanation.show_result("", None)
            return
        choices = [c for c in self.comparison.choices if c.option_index == column]
        self.explanation.show_result(
            self.results.title(column).replace("\n", " · "), result, choices
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _inputs_changed(self) -> None:
        if self.comparison is not None:
            self.recompute.start()

    def _fit_inputs(self) -> None:
        """The input column as wide as its widest row (labels change width with the language)."""
        bar = self.inputs_scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * self.inputs_scroll.frameWidth()
        self.inputs_scroll.setMinimumWidth(self.inputs.minimumSizeHint().width() + bar + frame)

    def _home_changed(self) -> None:
        self.where.set_home(self._region_name(self.who.value().region))

    # --- keyboard, language, font ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Line edits and spin boxes pass Enter on; here it means "compare".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.compare()
            event.accept()
            return
        super().keyPressEvent(event)

    def set_language(self, code: str) -> None:
        preferences.save(lang=code)
        i18n.set_language(code)  # posts LanguageChange to every window ...
        QApplication.sendPostedEvents(
            None, QEvent.Type.LanguageChange
        )  # ... handled now, not later

    def set_large_font(self, on: bool) -> None:
        preferences.save(large_font=on)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            fonts.apply(app, large=on)
        if self.large_action.isChecked() != on:
            self.large_action.setChecked(on)
        self.table.resizeRowsToContents()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Medical cost estimator: home versus other cities"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.lang_menu.setTitle(self.tr("&Language"))
        self.compare_action.setText(self.tr("&Compare"))
        self.export_action.setText(self.tr("&Export report (PDF)…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.large_action.setText(self.tr("Lar&ge font"))
        self.about_action.setText(self.tr("&About the data"))
        self.lang_actions[i18n.lang()].setChecked(True)
        self.compare_button.setText(self.tr("Compare (Enter)"))
        self.compare_button.setAccessibleName(self.tr("Compare the options"))
        self.table.setAccessibleName(self.tr("Comparison: one column per option"))
        self.chart.setAccessibleName(self.tr("Chart: who pays what per option"))
        self.explanation.setAccessibleName(self.tr("Explanation of the selected option"))
        self.inputs_scroll.setAccessibleName(self.tr("Inputs"))
        self.message.setAccessibleName(self.tr("Message"))
        meta = self.est.data_info
        self.data_label.setText(
            self.tr("Reference data built %1 · %2 regions")
            .replace("%1", str(meta.get("build_date", "?")))
            .replace("%2", str(len(self._regions)))
        )
        self.who.set_regions(list(self._regions.values()))
        self.where.set_regions(list(self._regions.values()))
        self._home_changed()
        QTimer.singleShot(0, self._fit_inputs)  # once the new texts are laid out
        self.results.retranslate()
        if self.comparison is not None:
            self._after_results(self.table.currentIndex().column())
        else:
            self.chart.update()
            self.explanation.show_result("", None)

    # --- the printable report --------------------------------------------------------------------

    def export_pdf(self, path: Path) -> bool:
        """Write the current comparison as an A4 PDF report; False if there is nothing to report."""
        if self.comparison is None and self.compare() is None:
            return False
        who = self.who.value()
        person = (
            f"{i18n.vocab('scheme', who.scheme)} · {i18n.vocab('person', who.person)} · "
            + self.tr("%1 years").replace("%1", str(who.age))
        )
        rows = self.bill.model.rows()
        what = self.bill.treatment_name or self.tr("Bill entered line by line")
        lines = [
            self.tr("Insured in: %1").replace("%1", self._region_name(who.region)) + " · " + person,
            self.tr("Treatment: %1 (%2 lines) · date of care %3")
            .replace("%1", what)
            .replace("%2", str(len(rows)))
            .replace("%3", who.date.isoformat()),
        ]
        footer = self.tr(
            "An estimate from the rules and prices bundled with this program (reference data built %1), "
            "each step citing its source and how reliable it is. The hospital's settlement is what counts: "
            "check unclear points with your insurance bureau (12393)."
        ).replace("%1", str(self.est.data_info.get("build_date", "?")))
        return write_pdf(report_document(lines, self.results, self.chart, footer), path)

    def _export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report (PDF)"), "estimate.pdf", self.tr("PDF files (*.pdf)")
        )
        if name and not self.export_pdf(Path(name)):
            self.show_message(self.tr("The report could not be written."))

    def _about(self) -> None:
        meta = self.est.data_info
        lines = [
            self.tr("Reference data built %1 · %2 regions")
            .replace("%1", str(meta.get("build_date", "?")))
            .replace("%2", str(len(self._regions)))
        ]
        for r in self._regions.values():
            lines.append(
                self.tr("%1: rules from %2 (official %3, secondary %4, estimated %5)")
                .replace("%1", r.name(i18n.lang()))
                .replace("%2", r.newest_from.isoformat())
                .replace("%3", str(r.official))
                .replace("%4", str(r.secondary))
                .replace("%5", str(r.estimate))
            )
        QMessageBox.information(self, self.tr("About the data"), "\n".join(lines))
