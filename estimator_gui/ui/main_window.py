"""The one window: who → what → where → results side by side, with the explanation of each option."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..core.facade import (
    BillEntry,
    CareOption,
    Case,
    CaseFileError,
    Comparison,
    DatabaseProblem,
    EstimateError,
    Estimator,
    Filing,
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
from .option_dialog import OptionExtras
from .options_panel import OptionsPanel
from .results_model import SERIES, ResultsModel, chart_bars
from .results_table import ResultsTable
from .who_panel import WhoPanel

if TYPE_CHECKING:
    from ..core.facade import CaseStore, SavedCase, Sheet
    from .corrections_dialog import CorrectionsDialog
    from .course_dialog import CourseDialog

# Saved cases, the sheet, the report and the dialogs are imported where they are first used: the
# window's first paint does not need them (start-up time, README "Performance").

T = TypeVar("T")

RECOMPUTE_DELAY_MS = 150  # after an edit, once results are showing


class MainWindow(QMainWindow):
    def __init__(
        self,
        estimator: Estimator,
        parent: QWidget | None = None,
        bundled: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.est = estimator
        self.comparison: Comparison | None = None
        self.case: Case | None = None
        self.case_id: int | None = None  # the saved case on the screen
        # the data shipped with the program, which imports start from (never written)
        self.bundled = bundled or paths.reference_db()
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
        self.use_local_corrections()
        self.resize(1400, 900)

    # --- construction ----------------------------------------------------------------------------

    def _build_inputs(self) -> None:
        self.data_problem_shown = False
        self.released = False  # the database closed for an import or a rollback to replace it
        self.who = WhoPanel()
        self.bill = BillPanel(
            BillLookups(
                search_treatments=lambda text: self._looked_up(
                    lambda: self.est.search(text, 15, ("treatment",))
                ),
                search_items=lambda text: self._looked_up(
                    lambda: self.est.search(text, 15, ("drug", "service", "consumable"))
                ),
                treatment_bill=self._treatment_bill,
                item_row=self._item_row,
            )
        )
        self.where = OptionsPanel()
        self.where.details_requested.connect(self.edit_option)
        self.compare_button = QPushButton()
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.compare)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c")
        self.message.hide()
        self.counsel_box = QGroupBox()
        self.counsellor = QLineEdit(self.counsel_box)
        self.counsellor.setMaxLength(40)
        self.counsel_notes = QLineEdit(self.counsel_box)
        self.counsel_notes.setMaxLength(300)
        counsel = QVBoxLayout(self.counsel_box)
        counsel.addWidget(self.counsellor)
        counsel.addWidget(self.counsel_notes)
        inputs = QWidget()
        layout = QVBoxLayout(inputs)
        for w in (self.who, self.bill, self.where, self.counsel_box):
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
        self.table = ResultsTable(self.results)
        self.table.selectionModel().currentColumnChanged.connect(
            lambda cur, _prev: self.explain(cur.column())
        )
        self.chart = StackedBarChart()
        self.explanation = ExplanationView()
        chart_scroll = QScrollArea()  # with a large font and many options the bars scroll
        chart_scroll.setWidget(self.chart)
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(chart_scroll)
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
        self.save_case_action = QAction(self)
        self.save_case_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_case_action.triggered.connect(self._save_case_dialog)
        self.open_cases_action = QAction(self)
        self.open_cases_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_cases_action.triggered.connect(self._cases_dialog)
        self.print_sheet_action = QAction(self)
        self.print_sheet_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.print_sheet_action.triggered.connect(self._print_sheet_dialog)
        self.save_sheet_action = QAction(self)
        self.save_sheet_action.triggered.connect(self._save_sheet_dialog)
        self.course_action = QAction(self)
        self.course_action.setEnabled(False)
        self.course_action.triggered.connect(self.show_course)
        self.file_menu.addActions(
            [self.compare_action, self.save_case_action, self.open_cases_action]
        )
        self.file_menu.addSeparator()
        self.file_menu.addActions(
            [self.print_sheet_action, self.save_sheet_action, self.export_action]
        )
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self._import_dialog)
        self.undo_update_action = QAction(self)
        self.undo_update_action.triggered.connect(self.undo_data_update)
        self.corrections_action = QAction(self)
        self.corrections_action.triggered.connect(self._corrections_dialog)
        self.file_menu.addSeparator()
        self.file_menu.addActions(
            [self.import_action, self.undo_update_action, self.corrections_action]
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
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
        self.view_menu.addAction(self.course_action)
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
        problems = self.who.problems()
        if problems:  # a number typed wrong is never taken as something else
            self.show_message(self.tr("Please correct: %1").replace("%1", "；".join(problems)))
            return None
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
        extras = self.where.extras()
        quotes = {i: x.quote for i, x in enumerate(extras) if x.quote is not None}
        try:
            self.comparison = self.est.compare(
                case, options, package=self._unedited_package(case), quotes=quotes
            )
        except DatabaseProblem as exc:  # damaged or unreadable data: say so, never fail silently
            self.database_problem(exc)
            return None
        self.case = case
        # the core says which items are restricted in the catalogue that judges each option
        self.bill.model.set_restrictions(self.comparison.restricted)
        self.show_message("")
        self.results.set_comparison(
            self.comparison,
            case.insured_region,
            trips={i: x.trip for i, x in enumerate(extras) if x.trip is not None},
            deposits={i: x.deposit for i, x in enumerate(extras) if x.deposit is not None},
            hotline=self.est.hotline(case.insured_region, case.date),
        )
        self._after_results(selected)
        self.course_action.setEnabled(case.setting.value.startswith("special_"))
        return self.comparison

    def check_data(self) -> bool:
        """The database's page checksum, then the one-off work of a first compare for the places
        on screen (run once the window is painted; a damaged file is said at once)."""
        try:
            self.est.check_database()
            built = self.case_and_options()
            if built is not None:
                case, options = built
                places = [case.insured_region, *(o.treated_region for o in options)]
                self.est.warm_up(list(dict.fromkeys(places)), case.date)
        except DatabaseProblem as exc:
            self.database_problem(exc)
            return False
        return True

    def database_problem(self, exc: DatabaseProblem) -> None:
        """Said in a dialog the first time, then in the window's message line (the inputs
        recompute as they change: one dialog per keystroke would be no help)."""
        text = exc.text_zh if i18n.lang() == "zh" else exc.text_en
        self.show_message(text)
        if not self.data_problem_shown:
            self.data_problem_shown = True
            QMessageBox.critical(self, self.tr("The reference data cannot be used"), text)

    def _looked_up(self, lookup: Callable[[], list[T]]) -> list[T]:
        """A search as the user types: a database problem is said, and nothing is found."""
        try:
            return lookup()
        except DatabaseProblem as exc:
            self.database_problem(exc)
            return []

    def edit_option(self, index: int) -> None:
        """The option's details dialog: the hospital's quote, its deposit, the trip."""
        extras = self.where.extras()[index]
        title = self.tr("Details of option %1").replace("%1", str(index + 1))
        from .option_dialog import OptionDialog

        dialog = OptionDialog(title, extras, self._item_name, self)
        if dialog.exec():
            self.where.set_extras(index, dialog.extras)
            if self.comparison is not None:
                self.compare()

    def _item_name(self, code: str) -> str | None:
        item = self.est.item(code)
        return (
            None
            if item is None
            else (item.name_zh if i18n.lang() == "zh" else item.name_en or item.name_zh)
        )

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
            # home first in view, then as much as it takes to show the chosen option
            self.table.scrollTo(self.results.index(0, 0))
            self.table.scrollTo(self.results.index(0, selected))
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
            self.results.title(column).replace("\n", " · "),
            result,
            choices,
            self.results.cash(column),
            self.results.trip(column),
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
        self.table.fit_columns()
        self._fit_table()

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
        self.export_action.setText(self.tr("&Export the full report (PDF)…"))
        self.save_case_action.setText(self.tr("&Save the case…"))
        self.open_cases_action.setText(self.tr("&Open a saved case…"))
        self.print_sheet_action.setText(self.tr("&Print the one-page sheet…"))
        self.save_sheet_action.setText(self.tr("Save the one-page sheet as P&DF…"))
        self.course_action.setText(self.tr("A &year month by month (special outpatient care)…"))
        self.import_action.setText(self.tr("&Import an official file…"))
        self.undo_update_action.setText(self.tr("&Undo the last data update"))
        self.corrections_action.setText(self.tr("&Local corrections…"))
        self.counsel_box.setTitle(self.tr("4  For the patient's sheet"))
        self.counsellor.setPlaceholderText(self.tr("Counsellor's name (on the sheet)"))
        self.counsellor.setAccessibleName(self.tr("Counsellor's name"))
        self.counsel_notes.setPlaceholderText(self.tr("Notes for the patient (on the sheet)"))
        self.counsel_notes.setAccessibleName(self.tr("Notes for the patient"))
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
        summary = self.data_summary()
        self.data_label.setText(summary)
        self.data_label.setToolTip(summary.replace(" · ", "\n"))  # whole, one per line
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
        from .report import report_document, write_pdf

        return write_pdf(report_document(lines, self.results, self.chart, footer), path)

    def _export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report (PDF)"), "estimate.pdf", self.tr("PDF files (*.pdf)")
        )
        if name and not self.export_pdf(Path(name)):
            self.show_message(self.tr("The report could not be written."))

    def _about(self) -> None:
        curated = [r for r in self._regions.values() if r.origin == "curated"]
        lines = [
            self.data_summary(),
            self.tr("%1 regions: %2 curated, the others from the unverified national template")
            .replace("%1", str(len(self._regions)))
            .replace("%2", str(len(curated))),
        ]
        for r in curated:
            lines.append(
                self.tr("%1: rules from %2 (official %3, secondary %4, estimated %5)")
                .replace("%1", r.name(i18n.lang()))
                .replace("%2", r.newest_from.isoformat())
                .replace("%3", str(r.official))
                .replace("%4", str(r.secondary))
                .replace("%5", str(r.estimate))
            )
        QMessageBox.information(self, self.tr("About the data"), "\n".join(lines))

    def data_summary(self) -> str:
        """The data's editions and dates (not when the file was built)."""
        parts = [i18n.pick(*x) for x in self.est.data_editions(self.who.value().date)]
        return self.tr("Data: %1").replace("%1", " · ".join(parts))

    # --- the reference data: imports and rollback ----------------------------------------------

    def set_estimator(self, estimator: Estimator) -> None:
        """Another database (after an import or a rollback): regions, status line and results
        follow it."""
        self.est = estimator
        self.released = False
        self._regions = {r.id: r for r in estimator.regions()}
        self.who.set_regions(list(self._regions.values()))
        self.where.set_regions(list(self._regions.values()))
        self.retranslate()
        self.use_local_corrections()  # they outrank whichever data is active

    # --- local corrections -----------------------------------------------------------------------

    def use_local_corrections(self) -> None:
        """The user's local corrections over the data (they outrank it), then the results again."""
        from ..core.facade import CorrectionStore

        store = CorrectionStore(paths.user_data_dir())
        if store.notice:
            self.show_message(i18n.pick(*store.notice))
        self.est.use_corrections(store.corrections)
        if self.comparison is not None:
            self.compare()

    def corrections_dialog(self) -> CorrectionsDialog:
        from .corrections_dialog import CorrectionsDialog

        dialog = CorrectionsDialog(
            self.est, paths.user_data_dir(), list(self._regions.values()), self
        )
        dialog.changed.connect(self.use_local_corrections)
        return dialog

    def _corrections_dialog(self) -> None:
        self.corrections_dialog().exec()

    def _release_database(self) -> None:
        self.est.catalog.close()  # an open file cannot be replaced on Windows
        self.released = True

    def _reopen(self, path: Path) -> bool:
        try:
            self.set_estimator(Estimator.open(path))
        except DatabaseProblem as exc:
            self.database_problem(exc)
            return False
        return True

    def _import_dialog(self) -> None:
        from .import_dialog import ImportDialog

        dialog = ImportDialog(self.bundled, paths.user_data_dir(), self, self._release_database)
        before = Path(self.est.catalog.path)
        dialog.applied.connect(lambda path: self._reopen(Path(path)))
        dialog.exec()
        if self.released:  # released for an apply that failed: the data is as it was
            self._reopen(before)

    def undo_data_update(self) -> bool:
        """One step back to the data before the last import (a second undo redoes)."""
        from ..core.facade import UpdateError, data_rollback

        self._release_database()
        try:
            result = data_rollback(self.bundled, paths.user_data_dir())
        except UpdateError as exc:
            self._reopen(Path(self.est.catalog.path))  # nothing changed: the same file again
            QMessageBox.information(
                self, self.tr("Undo the last data update"), i18n.pick(exc.text_zh, exc.text_en)
            )
            return False
        ok = self._reopen(result.active.path)
        if ok:
            self.statusBar().showMessage(
                i18n.pick(result.active.reason_zh, result.active.reason_en), 8000
            )
        return ok

    # --- saved cases -------------------------------------------------------------------------------

    def case_store(self) -> CaseStore:
        from ..core.facade import CaseStore

        store = CaseStore(paths.user_data_dir() / "cases.sqlite")
        if store.notice:
            QMessageBox.warning(self, self.tr("Saved cases"), i18n.pick(*store.notice))
        return store

    def saved_case(self, label: str) -> SavedCase | None:
        """What is on the screen as a saved case (compared first, so its figures are kept)."""
        from ..core.facade import SavedCase, snapshot

        comparison = self.comparison or self.compare()
        if comparison is None or self.case is None:
            return None
        extras = self.where.extras()
        titles = [
            self.results.title(c).replace("\n", " · ") for c in range(self.results.columnCount())
        ]
        return SavedCase(
            label=label,
            insured_region=self.case.insured_region,
            person=self.case.person,
            date=self.case.date,
            setting=self.case.setting,
            year_to_date=self.case.year_to_date,
            treatment=self.bill.treatment_id,
            variant=self.bill.current_variant(),
            bill=self.case.entries,
            home_level=self.where.home_level_value(),
            places=self.where.places(),
            quotes={i: x.quote for i, x in enumerate(extras) if x.quote is not None},
            trips={i: x.trip for i, x in enumerate(extras) if x.trip is not None},
            deposits={i: x.deposit for i, x in enumerate(extras) if x.deposit is not None},
            counsellor=self.counsellor.text().strip(),
            notes=self.counsel_notes.text().strip(),
            snapshot=snapshot(comparison, titles),
            data=self.est.data_info,
        )

    def save_case(self, label: str, case_id: int | None = None) -> int | None:
        saved = self.saved_case(label)
        if saved is None:
            return None
        self.case_id = self.case_store().save(saved, case_id)
        self.statusBar().showMessage(self.tr("Saved: %1").replace("%1", label), 5000)
        return self.case_id

    def open_case(self, case_id: int) -> list[str]:
        """Put a saved case back on the screen and compare it; returns what moved since (also
        shown to the user), each with why."""
        from ..core.facade import moved, snapshot

        saved = self.case_store().get(case_id)
        self.restore(saved)
        self.case_id = case_id
        comparison = self.compare()
        if comparison is None:
            return []
        titles = [
            self.results.title(c).replace("\n", " · ") for c in range(self.results.columnCount())
        ]
        changes = [
            i18n.pick(*x) for x in moved(saved, snapshot(comparison, titles), self.est.data_info)
        ]
        if changes:
            QMessageBox.information(
                self, self.tr("Numbers changed since the case was saved"), "\n".join(changes[:20])
            )
        return changes

    def restore(self, saved: SavedCase) -> None:
        self.who.select_region(saved.insured_region)
        self.who.select_person(saved.person.scheme.value, saved.person.kind.value)
        self.who.age.setValue(saved.person.age)
        self.who.set_date(saved.date)
        ytd = saved.year_to_date
        for field, value in (
            (self.who.admissions, ytd.admissions),
            (self.who.deductible_paid, ytd.deductible_paid),
            (self.who.fund_paid, ytd.fund_paid),
            (self.who.eligible_so_far, ytd.eligible_amount),
            (self.who.burden_so_far, ytd.personal_burden),
        ):
            field.setValue(value)
        if saved.treatment:
            self.bill.set_variant(saved.variant)
            treatment = self.est.treatment(saved.treatment)
            self.bill.choose_treatment(
                saved.treatment, treatment.name_zh if treatment else saved.treatment
            )
        rows = []
        for entry in saved.bill:
            row = self._item_row(entry.code, entry.quantity)
            if row is not None:
                rows.append(
                    replace(row, unit_price=entry.unit_price, restriction_met=entry.restriction_met)
                )
        self.bill.model.set_rows(rows)
        self.where.set_home_level(saved.home_level.value)
        self.where.clear_places()
        for place in saved.places:
            self.where.add_place(
                place.treated_region,
                place.level.value,
                (place.filing or Filing.REFERRAL).value,
                place.route.value,
            )
        for i in range(len(saved.places) + 1):
            self.where.set_extras(
                i, OptionExtras(saved.quotes.get(i), saved.trips.get(i), saved.deposits.get(i))
            )
        self.counsellor.setText(saved.counsellor)
        self.counsel_notes.setText(saved.notes)

    def _save_case_dialog(self) -> None:
        label, ok = QInputDialog.getText(
            self,
            self.tr("Save the case"),
            self.tr("A label for the case (no names or ID numbers needed):"),
        )
        if ok and label.strip():
            self.save_case(label.strip()[:80])

    def _cases_dialog(self) -> None:
        from .cases_dialog import CasesDialog

        dialog = CasesDialog(self.case_store(), self)
        if dialog.exec() and dialog.chosen is not None:
            try:
                self.open_case(dialog.chosen)
            except CaseFileError as exc:
                QMessageBox.warning(
                    self, self.tr("Saved cases"), i18n.pick(exc.text_zh, exc.text_en)
                )

    # --- the one-page sheet ------------------------------------------------------------------------

    def sheet(self) -> Sheet | None:
        from ..core.facade import build_sheet

        comparison = self.comparison or self.compare()
        if comparison is None or self.case is None:
            return None
        extras = self.where.extras()
        return build_sheet(
            self.est,
            self.case,
            comparison,
            i18n.lang(),
            treatment=self.bill.treatment_name or None,
            trips={i: x.trip for i, x in enumerate(extras) if x.trip is not None},
            deposits={i: x.deposit for i, x in enumerate(extras) if x.deposit is not None},
            counsellor=self.counsellor.text().strip(),
            notes=self.counsel_notes.text().strip(),
        )

    def save_sheet(self, path: Path) -> int:
        """The one-page sheet as PDF; returns its number of pages (0: nothing to write)."""
        from .sheet_pdf import write_sheet

        sheet = self.sheet()
        return 0 if sheet is None else write_sheet(sheet, path)

    def _save_sheet_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the one-page sheet"), "sheet.pdf", self.tr("PDF files (*.pdf)")
        )
        if name and not self.save_sheet(Path(name)):
            self.show_message(self.tr("The sheet could not be written."))

    def _print_sheet_dialog(self) -> None:
        sheet = self.sheet()
        if sheet is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when printing

        from .sheet_pdf import render as render_sheet

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            render_sheet(sheet, printer)

    # --- a year of special outpatient care -----------------------------------------------------------

    def show_course(self) -> CourseDialog | None:
        column = self.table.currentIndex().column()
        result = self.results.result(column)
        if result is None or self.case is None:
            return None
        course = self.est.course(self.case, result.option, 12)
        title = self.tr("A year month by month: %1").replace(
            "%1", self.results.title(column).replace("\n", " · ")
        )
        from .course_dialog import CourseDialog

        dialog = CourseDialog(title, course, self)
        dialog.show()
        return dialog
