"""The explanation of one option: each step with its amount and the rule's source, the warnings,
and what other choices would be worth. Plain HTML in a read-only browser that opens no links."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.facade import (
    CashPlan,
    ChoiceValue,
    Estimate,
    OptionResult,
    Source,
    Trip,
    edition_title,
    format_rate,
    format_yuan,
    notes,
    verified_by,
)
from .i18n import lang, pick, translate, vocab
from .results_model import basis_text


def source_text(source: Source, full: bool = False) -> str:
    """The rule's title, date and tier in plain words; `full` adds the document and its address
    as text (for the data notes, apart from what the patient reads; nothing here opens a link)."""
    parts = [source.title if full else notes.plain(source.title)]
    if full and source.document and source.document != source.title:
        parts.append(source.document)
    parts += [source.date.isoformat(), vocab("tier", source.tier.value)]
    if source.verified_by:  # a local correction: who verified it (a label, never an address)
        parts.append(verified_by(notes.plain(source.verified_by), lang()))
    text = " · ".join(escape(p) for p in parts)
    if full and source.url:
        text += f"<br><span style='color:#555'>{escape(source.url)}</span>"
    return text


def explanation_html(
    title: str,
    result: OptionResult,
    choices: Sequence[ChoiceValue],
    cash: CashPlan | None = None,
    trip: Trip | None = None,
    show_data: bool = False,
) -> str:
    """What a counsellor reads out: what the patient pays and why it may differ, what matters to
    this patient, what choices are worth, the cash and the next steps, the trip; then how it is
    computed with every source; the notes about the data last, folded unless asked for."""
    out = [f"<h3>{escape(title)}</h3>"]
    est = result.estimate
    if est is None:
        label = escape(translate("Explanation", "No estimate"))
        reason = escape(pick(result.error_zh, result.error_en))
        out.append(f"<p style='color:#9a3412'><b>{label}</b>: {reason}</p>")
        return "".join(out)
    headline = translate("Explanation", "Patient pays %1").replace(
        "%1", format_yuan(est.patient_burden)
    )
    if result.delta_vs_home is not None and result.delta_vs_home != 0:
        sign = "+" if result.delta_vs_home > 0 else ""
        headline += translate("Explanation", " (%1 compared with home)").replace(
            "%1", sign + format_yuan(result.delta_vs_home)
        )
    lines = [f"<b>{escape(headline)}</b>"]
    if result.burden_range is not None:
        low, high = result.burden_range
        lines.append(
            escape(
                translate("Explanation", "Likely between %1 and %2: %3")
                .replace("%1", format_yuan(low))
                .replace("%2", format_yuan(high))
                .replace("%3", pick(result.range_note_zh, result.range_note_en) or "")
            )
        )
    lines.append(escape(basis_text(result, full=True)))
    lines.append(
        escape(
            translate(
                "Explanation",
                "Settled as: %1, %2 hospital level; ratio applied %4; rules in force from %3.",
            )
            .replace("%1", vocab("scope", est.scope.value))
            .replace("%2", vocab("level", est.settled_level.value))
            .replace("%3", est.rules_from.isoformat())
            .replace("%4", format_rate(est.fund_ratio))
        )
    )
    catalogues = [e for e in est.editions if e.kind == "catalog" and e.parts]
    if catalogues:
        names = "；".join(edition_title(e, lang()) for e in catalogues)
        lines.append(escape(translate("Explanation", "Drug list: %1").replace("%1", names)))
    out.append(f"<p>{'<br>'.join(lines)}</p>")
    sorted_notes = notes.sort(est)
    if sorted_notes.for_patient:
        heading = escape(translate("Explanation", "For this patient"))
        out.append(f"<h4>{heading}</h4><ul>")
        out += [
            f"<li style='color:#9a3412'>{escape(pick(w.text_zh, w.text_en))}</li>"
            for w in sorted_notes.for_patient
        ]
        out.append("</ul>")
    if choices:
        heading = escape(translate("Explanation", "What other choices are worth"))
        out.append(f"<h4>{heading}</h4><ul>")
        out += [f"<li>{escape(pick(c.text_zh, c.text_en))}</li>" for c in choices]
        out.append("</ul>")
    if cash is not None:
        out.append(_cash_html(cash))
    if trip is not None:
        out.append(_trip_html(trip, est.patient_burden))
    out.append(_steps_html(est))
    data = sorted_notes.about_data
    cited = list(
        {id(s.provenance.source): s.provenance.source for s in est.steps if s.provenance}.values()
    )
    if data or cited:
        count = str(len(data) + len(cited))
        toggle = (
            translate("Explanation", "About the data (%1 notes): hide")
            if show_data
            else translate("Explanation", "About the data (%1 notes): show")
        )
        out.append(f"<h4><a href='data:toggle'>{escape(toggle.replace('%1', count))}</a></h4>")
        if show_data:
            out.append("<ul style='color:#555'>")
            out += [f"<li>{escape(pick(zh, en))}</li>" for zh, en in data]
            out += [f"<li>{source_text(source, full=True)}</li>" for source in cited]
            out.append("</ul>")
    return "".join(out)


def _cash_html(cash: CashPlan) -> str:
    rows = [
        (
            translate("Explanation", "Deposit at admission")
            + (
                translate("Explanation", " (typical; ask the hospital)")
                if cash.deposit_typical
                else ""
            ),
            format_yuan(cash.deposit),
        ),
        (
            translate("Explanation", "Paid at discharge (negative: refunded)"),
            format_yuan(cash.at_discharge),
        ),
    ]
    if cash.claimed_back:
        rows.append((translate("Explanation", "Paid up front in all"), format_yuan(cash.fronted)))
        rows.append(
            (translate("Explanation", "Claimed back at home"), format_yuan(cash.claimed_back))
        )
    heading = escape(translate("Explanation", "Cash needed and what to do"))
    table = "".join(
        f"<tr><td>{escape(a)}</td><td align='right'>{escape(b)}</td></tr>" for a, b in rows
    )
    steps = "".join(f"<li>{escape(pick(zh, en))}</li>" for zh, en in cash.steps)
    papers = "、".join(pick(zh, en) for zh, en in cash.papers)
    keep = escape(translate("Explanation", "Keep: %1").replace("%1", papers))
    return (
        f"<h4>{heading}</h4><table cellpadding='2'>{table}</table><ul>{steps}<li>{keep}</li></ul>"
    )


def _trip_html(trip: Trip, burden: Decimal) -> str:
    names = {
        "travel": translate("Explanation", "Travel"),
        "lodging": translate("Explanation", "Lodging"),
        "meals": translate("Explanation", "Meals"),
        "lost_income": translate("Explanation", "Income lost"),
    }
    rows = "".join(
        f"<tr><td>{escape(names[k])}</td><td align='right'>{escape(format_yuan(v))}</td></tr>"
        for k, v in trip.parts().items()
        if v
    )
    heading = escape(translate("Explanation", "The cost of the trip (apart from the medical bill)"))
    total = escape(
        translate("Explanation", "Trip %1; with what the patient pays: %2")
        .replace("%1", format_yuan(trip.total))
        .replace("%2", format_yuan(trip.total + burden))
    )
    return f"<h4>{heading}</h4><table cellpadding='2'>{rows}</table><p><b>{total}</b></p>"


def _steps_html(est: Estimate) -> str:
    heading = escape(translate("Explanation", "How it is computed"))
    step_h = escape(translate("Explanation", "Step"))
    amount_h = escape(translate("Explanation", "Amount"))
    rule_h = escape(translate("Explanation", "Rule"))
    out = [f"<h4>{heading}</h4><table cellspacing='0' cellpadding='3' width='100%'>"]
    out.append(f"<tr><th align='left'>{step_h}</th><th align='right'>{amount_h}</th></tr>")
    cell = "style='border-top:1px solid #ddd'"
    for step in est.steps:
        amount = "" if step.amount is None else format_yuan(step.amount)
        rule = ""
        if step.provenance is not None:
            rule = f"<br><span style='color:#555'>{rule_h}: {source_text(step.provenance.source)}</span>"
        out.append(
            f"<tr><td {cell}>{escape(pick(step.text_zh, step.text_en))}{rule}</td>"
            f"<td align='right' {cell}>{escape(amount)}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


class ExplanationView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # sources are shown as text; the app never goes online
        self.setOpenExternalLinks(False)
        self.show_data = False  # the notes about the data start folded
        self._last: tuple[
            str, OptionResult | None, Sequence[ChoiceValue], CashPlan | None, Trip | None
        ] = (
            "",
            None,
            (),
            None,
            None,
        )
        self.anchorClicked.connect(self._anchor)

    def show_result(
        self,
        title: str,
        result: OptionResult | None,
        choices: Sequence[ChoiceValue] = (),
        cash: CashPlan | None = None,
        trip: Trip | None = None,
    ) -> None:
        self._last = (title, result, choices, cash, trip)
        if result is None:
            hint = escape(translate("Explanation", "Select an option to see how it is computed."))
            self.setHtml(f"<p style='color:#666'>{hint}</p>")
        else:
            scroll = self.verticalScrollBar().value()
            self.setHtml(explanation_html(title, result, choices, cash, trip, self.show_data))
            self.verticalScrollBar().setValue(scroll)

    def _anchor(self, url: QUrl) -> None:
        if url.toString() == "data:toggle":
            self.show_data = not self.show_data
            self.show_result(*self._last)
