"""The explanation of one option: each step with its amount and the rule's source, the warnings,
and what other choices would be worth. Plain HTML in a read-only browser that opens no links."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.facade import ChoiceValue, OptionResult, Source, format_yuan
from .i18n import pick, translate, vocab


def source_text(source: Source) -> str:
    """Title and document, date, tier; the url as text (nothing here opens a connection)."""
    parts = [source.title]
    if source.document and source.document != source.title:
        parts.append(source.document)
    parts += [source.date.isoformat(), vocab("tier", source.tier.value)]
    text = " · ".join(escape(p) for p in parts)
    if source.url:
        text += f"<br><span style='color:#555'>{escape(source.url)}</span>"
    return text


def explanation_html(title: str, result: OptionResult, choices: Sequence[ChoiceValue]) -> str:
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
    settled = (
        translate("Explanation", "Settled as: %1, %2 hospital level; rules in force from %3.")
        .replace("%1", vocab("scope", est.scope.value))
        .replace("%2", vocab("level", est.settled_level.value))
        .replace("%3", est.rules_from.isoformat())
    )
    if result.burden_range is not None:
        low, high = result.burden_range
        headline += (
            translate("Explanation", "; low–high variant of the package: %1–%2")
            .replace("%1", format_yuan(low))
            .replace("%2", format_yuan(high))
        )
    editions = ""
    if est.editions:
        names = "、".join(pick(e.name_zh, e.name_en) for e in est.editions)
        editions = "<br>" + escape(
            translate("Explanation", "Catalogue editions used: %1").replace("%1", names)
        )
    out.append(f"<p><b>{escape(headline)}</b><br>{escape(settled)}{editions}</p>")
    if choices:
        heading = escape(translate("Explanation", "What other choices are worth"))
        out.append(f"<h4>{heading}</h4><ul>")
        out += [f"<li>{escape(pick(c.text_zh, c.text_en))}</li>" for c in choices]
        out.append("</ul>")
    if est.warnings:
        heading = escape(translate("Explanation", "Warnings"))
        out.append(f"<h4>{heading}</h4><ul>")
        out += [
            f"<li style='color:#9a3412'>{escape(pick(w.text_zh, w.text_en))}</li>"
            for w in est.warnings
        ]
        out.append("</ul>")
    heading = escape(translate("Explanation", "How it is computed"))
    step_h = escape(translate("Explanation", "Step"))
    amount_h = escape(translate("Explanation", "Amount"))
    rule_h = escape(translate("Explanation", "Rule"))
    out.append(f"<h4>{heading}</h4><table cellspacing='0' cellpadding='3' width='100%'>")
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

    def show_result(
        self, title: str, result: OptionResult | None, choices: Sequence[ChoiceValue] = ()
    ) -> None:
        if result is None:
            hint = escape(translate("Explanation", "Select an option to see how it is computed."))
            self.setHtml(f"<p style='color:#666'>{hint}</p>")
        else:
            self.setHtml(explanation_html(title, result, choices))
