"""Local corrections: the list (region, target, value, document, date, who verified it, what it does
now), Add (correct or confirm one rule value or price, with its document), Remove (after asking),
Export pack…, Import pack… (what the pack changes is shown first; then Apply or Cancel).

The corrections live in the user data folder (core/corrections.py); the window applies them over
the data and computes again when `changed` is emitted. Every check is the core's: a field it
refuses is named in the form's message and nothing is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.facade import (
    PACK_SUFFIX,
    TERMS,
    Correction,
    CorrectionError,
    CorrectionStore,
    EstimateError,
    Estimator,
    PackPreview,
    RegionRow,
    apply_pack,
    describe_path,
    export_pack,
    make_correction,
    preview_pack,
    read_pack,
)
from .combos import key, select
from .i18n import lang, pick, vocab
from .numbers import NumberField
from .region_combo import RegionCombo


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _table(headers: list[str], wrap: int) -> QTableWidget:
    """A read-only table; column `wrap` (the target, in words: long in English) takes the width
    the others leave and wraps, so every column stays in view without scrolling sideways."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(wrap, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setVisible(False)
    return table


def target_text(c: Correction, est: Estimator) -> str:
    """What a correction is about, in words (rule values) or as item, code and level (prices)."""
    if c.kind == "rule":
        return describe_path(c.path or "", lang())
    level = vocab("level", c.level or "") if c.level != "all" else pick("各级", "every level")
    item = est.item(c.code or "")
    name = pick(item.name_zh, item.name_en) if item is not None else ""
    return " · ".join(x for x in (name, c.code or "", level) if x)


class CorrectionForm(QDialog):
    """Correct or confirm one rule value or price, with the document it rests on. `correction`
    holds what was kept after OK (checked by the core; a refused field is said here)."""

    def __init__(
        self, estimator: Estimator, regions: Sequence[RegionRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.est = estimator
        self.correction: Correction | None = None
        self.setWindowTitle(self.tr("Correct or confirm a value"))
        today = dt.date.today()
        self.region = RegionCombo(self)
        self.region.set_regions(regions)
        self.kind = QComboBox(self)
        self.kind.addItem(vocab("correction", "rule"), "rule")
        self.kind.addItem(vocab("correction", "price"), "price")
        # a rule value: its path, picked from the region's values (any part of the path or words)
        self.path = QComboBox(self)
        self.path.setEditable(True)
        self.path.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.path.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.path.setCompleter(completer)
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(self.tr("a number, null (no value), true/false, or a word"))
        # a price: the item, the hospital level (or every level), the price
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("item code, e.g. 003310000010000"))
        self.level = QComboBox(self)
        self.level.addItem(pick("各级", "every level"), "all")
        for level in ("level3", "level2", "level1", "community"):
            self.level.addItem(vocab("level", level), level)
        self.price = NumberField(self, maximum=Decimal(100_000_000), value=0)
        self.current = QLabel(self)  # what the target is, in words, and its bundled value
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = QPushButton(self.tr("Confirm the bundled value"), self)
        self.confirm_button.clicked.connect(self.confirm_current)
        current = QWidget(self)
        current_row = QHBoxLayout(current)
        current_row.setContentsMargins(0, 0, 0, 0)
        current_row.addWidget(self.current, 1)
        current_row.addWidget(self.confirm_button)
        self.start = _date_edit(today)
        self.document = QLineEdit(self)
        self.document.setPlaceholderText(self.tr("document number (文号) or title"))
        self.document_date = _date_edit(today)
        self.page = QLineEdit(self)
        self.page.setPlaceholderText(self.tr("page, article or section"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("link to the document (optional)"))
        self.tier = QComboBox(self)
        for tier in ("official", "secondary"):
            self.tier.addItem(vocab("tier", tier), tier)
        self.author = QLineEdit(self)
        self.author.setMaxLength(80)
        self.author.setPlaceholderText(
            self.tr("who verified it, e.g. a hospital's insurance office")
        )
        self.note = QLineEdit(self)
        self.note.setMaxLength(500)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b91c1c")

        form = QFormLayout()
        self.rows = form
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("What"), self.kind)
        form.addRow(self.tr("Value's path"), self.path)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Item code"), self.code)
        form.addRow(self.tr("Hospital level"), self.level)
        form.addRow(self.tr("Price (yuan)"), self.price)
        form.addRow(self.tr("Now in the data"), current)
        form.addRow(self.tr("In force from"), self.start)
        form.addRow(self.tr("Document"), self.document)
        form.addRow(self.tr("Document's date"), self.document_date)
        form.addRow(self.tr("Page"), self.page)
        form.addRow(self.tr("Link"), self.url)
        form.addRow(self.tr("The document is"), self.tier)
        form.addRow(self.tr("Verified by"), self.author)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.keep)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.region.currentIndexChanged.connect(self._fill_paths)
        self.start.dateChanged.connect(self._fill_paths)
        self.path.currentTextChanged.connect(self._show_current)
        self.code.textChanged.connect(self._show_current)
        self.level.currentIndexChanged.connect(self._show_current)
        self._fill_paths()
        self._kind_changed()
        self.resize(760, 560)

    # --- what is being corrected -----------------------------------------------------------------

    def set_region(self, region_id: str) -> None:
        select(self.region, region_id)

    def set_kind(self, kind: str) -> None:
        select(self.kind, kind)

    def _kind_changed(self) -> None:
        rule = key(self.kind) == "rule"
        for widget in (self.path, self.value):
            self.rows.setRowVisible(widget, rule)
        for widget in (self.code, self.level, self.price):
            self.rows.setRowVisible(widget, not rule)
        self._show_current()

    def _fill_paths(self) -> None:
        """The region's values a correction may name, on the from-date (path — words)."""
        typed = self.path.currentText()
        self.path.blockSignals(True)
        self.path.clear()
        try:
            values = self.est.correctable_values(str(key(self.region, "")), _date(self.start))
        except EstimateError:
            values = []
        for path, _value in values:
            self.path.addItem(path, path)
            self.path.setItemData(
                self.path.count() - 1, describe_path(path, lang()), Qt.ItemDataRole.ToolTipRole
            )
        self.path.setEditText(typed)
        self.path.blockSignals(False)
        self._show_current()

    def bundled_value(self) -> str | None:
        """The bundled value of what the form names (None: none, or the target is not known)."""
        try:
            if key(self.kind) == "rule":
                path = self.path.currentText().strip()
                if not path:
                    return None
                return self.est.bundled_value(
                    str(key(self.region, "")), _date(self.start), path=path
                )
            code = self.code.text().strip()
            if not code:
                return None
            return self.est.bundled_value(
                str(key(self.region, "")), _date(self.start), code=code, level=str(key(self.level))
            )
        except (CorrectionError, EstimateError, ValueError):
            return None

    def _show_current(self) -> None:
        value = self.bundled_value()
        if key(self.kind) == "rule":
            words = describe_path(self.path.currentText().strip(), lang())
        else:
            item = self.est.item(self.code.text().strip())
            words = pick(item.name_zh, item.name_en) if item is not None else ""
        shown = self.tr("Bundled value: %1").replace("%1", value if value is not None else "—")
        self.current.setText(f"{words}\n{shown}" if words else shown)
        self.confirm_button.setEnabled(value is not None)

    def confirm_current(self) -> None:
        """The bundled value as the value: kept, it says the value was verified locally."""
        value = self.bundled_value()
        if value is None:
            return
        if key(self.kind) == "rule":
            self.value.setText(value)
        else:
            self.price.setText(value)

    # --- keeping it ----------------------------------------------------------------------------

    def keep(self) -> bool:
        """Check the correction with the core and keep it in `correction`; else say why."""
        rule = key(self.kind) == "rule"
        if not rule and self.price.value() is None:
            self.message.setText(self.tr("Price: %1").replace("%1", self.price.reason()))
            return False
        try:
            made = make_correction(
                kind="rule" if rule else "price",
                region=str(key(self.region, "")),
                path=self.path.currentText().strip() if rule else None,
                code=None if rule else self.code.text().strip(),
                level=None if rule else str(key(self.level)),
                value=self.value.text() if rule else self.price.text(),
                valid_from=_date(self.start),
                document=self.document.text(),
                document_date=_date(self.document_date),
                page=self.page.text(),
                url=self.url.text(),
                tier=str(key(self.tier)),
                author=self.author.text(),
                note=self.note.text(),
            )
            self.correction = self.est.check_correction(made)
        except CorrectionError as exc:
            self.message.setText(pick(exc.text_zh, exc.text_en))
            return False
        self.message.setText("")
        self.accept()
        return True


class PackPreviewDialog(QDialog):
    """What a pack changes against the user's corrections; Apply takes it, Cancel changes nothing."""

    def __init__(
        self,
        preview: PackPreview,
        estimator: Estimator,
        names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        m = preview.pack.manifest
        self.setWindowTitle(self.tr("Import a correction pack"))
        summary = QLabel(
            self.tr(
                "%1: %2 corrections from %3, made %4. The content matches its SHA-256 manifest: "
                "it arrived as it was packed. This does not prove who made it: the author is what "
                "the pack says."
            )
            .replace("%1", preview.pack.name)
            .replace("%2", str(m.corrections))
            .replace("%3", m.author)
            .replace("%4", m.created.isoformat(sep=" ")),
            self,
        )
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)  # the author is the pack's text, not markup
        counts = QLabel(
            pick("；", "; ").join(
                f"{vocab('pack_change', k)} {preview.count(k)}"
                for k in ("added", "changed", "same", "conflicting")
            ),
            self,
        )
        self.table = _table(
            [
                self.tr("Change"),
                self.tr("Region"),
                self.tr("Target"),
                self.tr("Yours"),
                self.tr("The pack's"),
                self.tr("Verified by"),
                self.tr("Note"),
            ],
            wrap=2,
        )
        self.table.setRowCount(len(preview.entries))
        for i, e in enumerate(preview.entries):
            c = e.correction
            cells = [
                vocab("pack_change", e.change),
                names.get(c.region, c.region),
                target_text(c, estimator),
                "—" if e.current is None else e.current.value,
                c.value,
                c.author,
                "" if e.problem is None else pick(*e.problem),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.take_conflicting = QCheckBox(
            self.tr("Where the pack conflicts with your own corrections, take the pack's"), self
        )
        self.take_conflicting.setEnabled(preview.count("conflicting") > 0)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (summary, counts, self.table, self.take_conflicting, buttons):
            layout.addWidget(w)
        self.resize(900, 480)


class CorrectionsDialog(QDialog):
    """The user's local corrections; `changed` is emitted after every change that was kept."""

    changed = Signal()

    def __init__(
        self,
        estimator: Estimator,
        user_dir: Path,
        regions: Sequence[RegionRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.est, self.regions = estimator, list(regions)
        self.store = CorrectionStore(user_dir)
        self.setWindowTitle(self.tr("Local corrections"))
        term = pick(*TERMS["verified"])  # "locally verified: …", a sentence here
        intro = QLabel(term[:1].upper() + term[1:], self)
        intro.setWordWrap(True)
        self.table = _table(
            [
                self.tr("Region"),
                self.tr("Target"),
                self.tr("Value"),
                self.tr("From"),
                self.tr("Document"),
                self.tr("Date"),
                self.tr("Verified by"),
                self.tr("Status"),
            ],
            wrap=1,
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file names and pack texts as typed
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Add…"), self._add_dialog),
            (self.tr("&Remove…"), self._remove_dialog),
            (self.tr("&Undo last change…"), self._undo_dialog),
            (self.tr("&Export pack…"), self._export_dialog),
            (self.tr("&Import pack…"), self._import_dialog),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if slot == self._undo_dialog:
                self.undo_button = button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        if self.store.notice:
            self.say(pick(*self.store.notice))
        self.refresh()
        self.resize(1000, 520)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def names(self) -> dict[str, str]:
        return {r.id: r.name(lang()) for r in self.regions}

    def refresh(self) -> None:
        names = self.names()
        shown = self.store.corrections
        self.table.setRowCount(len(shown))
        for i, c in enumerate(shown):
            state = self.est.correction_status(c)
            cells = [
                names.get(c.region, c.region),
                target_text(c, self.est),
                c.value,
                c.valid_from.isoformat(),
                c.document or c.url or "",
                c.document_date.isoformat(),
                c.author,
                pick(state.text_zh, state.text_en),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                if j == 1 and c.path:
                    item.setToolTip(c.path)
                self.table.setItem(i, j, item)
        self.undo_button.setEnabled(self.store.can_undo())

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        items = [self.table.item(r, 0) for r in rows]
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    # --- actions (also called by tests, without the dialogs around them) --------------------------

    def form(self) -> CorrectionForm:
        form = CorrectionForm(self.est, self.regions, self)
        chosen = self.selected_ids()
        author = next((c.author for c in self.store.corrections if c.id in chosen), None)
        if author is None and self.store.corrections:
            author = self.store.corrections[-1].author  # the same office, most likely
        if author:
            form.author.setText(author)
        return form

    def add(self, correction: Correction) -> bool:
        """Keep a checked correction (one about the same value from the same date is replaced)."""
        try:
            replaced = self.store.add(correction)
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return False
        self.refresh()
        self.say(
            self.tr("Kept; it replaces the earlier correction of the same value.")
            if replaced is not None
            else self.tr("Kept: the next estimate uses it.")
        )
        self.changed.emit()
        return True

    def remove(self, ids: Sequence[str], confirmed: bool) -> bool:
        if not confirmed or not ids:
            return False
        try:
            self.store.remove(ids)
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def undo(self, confirmed: bool) -> bool:
        """Go back to the corrections as they were before the last change (one step)."""
        if not confirmed:
            return False
        try:
            restored = self.store.undo()
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return False
        self.refresh()
        self.say(
            self.tr("The last change was undone: %1 corrections now.").replace(
                "%1", str(len(restored))
            )
        )
        self.changed.emit()
        return True

    def export_to(self, path: Path, author: str, ids: Sequence[str] = ()) -> bool:
        """Write the chosen corrections (all when none is chosen) to a pack."""
        chosen = [c for c in self.store.corrections if not ids or c.id in ids]
        try:
            manifest = export_pack(chosen, path, author)
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return False
        self.say(
            self.tr("%1 corrections written to %2")
            .replace("%1", str(manifest.corrections))
            .replace("%2", path.name)
        )
        return True

    def open_pack(self, path: Path) -> PackPreviewDialog | None:
        """A pack checked against its manifest and shown against the user's corrections (not yet
        applied: its Apply button applies it); None, with the reason said, when it is refused."""
        try:
            preview = preview_pack(read_pack(path), self.store.reload(), self.est)
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return None
        dialog = PackPreviewDialog(preview, self.est, self.names(), self)
        dialog.accepted.connect(lambda: self.apply_preview(dialog))
        return dialog

    def apply_preview(self, dialog: PackPreviewDialog) -> int:
        try:
            taken = apply_pack(dialog.preview, self.store, dialog.take_conflicting.isChecked())
        except CorrectionError as exc:
            self.say(pick(exc.text_zh, exc.text_en))
            return 0
        self.refresh()
        self.say(self.tr("%1 corrections taken from the pack").replace("%1", str(taken)))
        if taken:
            self.changed.emit()
        return taken

    # --- the small dialogs -----------------------------------------------------------------------

    def _add_dialog(self) -> None:
        form = self.form()
        if form.exec() and form.correction is not None:
            self.add(form.correction)

    def _remove_dialog(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.say(self.tr("Choose the corrections to remove in the list first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove corrections?"),
            self.tr(
                "Remove %1 correction(s)? Estimates then use the bundled values again."
            ).replace("%1", str(len(ids))),
        )
        self.remove(ids, answer == QMessageBox.StandardButton.Yes)

    def _undo_dialog(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Undo the last change?"),
            self.tr(
                "Go back to the corrections as they were before the last change (an addition, "
                "a removal or a pack taken in)?"
            ),
        )
        self.undo(answer == QMessageBox.StandardButton.Yes)

    def _export_dialog(self) -> None:
        ids = self.selected_ids()
        mine = [c for c in self.store.corrections if not ids or c.id in ids]
        author, ok = QInputDialog.getText(
            self,
            self.tr("Export a correction pack"),
            self.tr("Who hands the pack over (your label):"),
            text=mine[-1].author if mine else "",
        )
        if not ok:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export a correction pack"),
            f"corrections{PACK_SUFFIX}",
            self.tr("Correction packs (*%1)").replace("%1", PACK_SUFFIX),
        )
        if name:
            self.export_to(Path(name), author, ids)

    def _import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a correction pack"),
            "",
            self.tr("Correction packs (*%1);;All files (*)").replace("%1", PACK_SUFFIX),
        )
        if name:
            dialog = self.open_pack(Path(name))
            if dialog is not None:
                dialog.exec()
