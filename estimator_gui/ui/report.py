"""The comparison as a printable A4 report (PDF): the case, the table, the chart, and for every option
its explanation with sources — what an admission counsellor hands to a patient."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from . import fonts
from .chart import StackedBarChart
from .explanation import explanation_html
from .i18n import translate
from .results_model import ResultsModel

CHART_URL = QUrl("report://chart.png")


def table_html(model: ResultsModel) -> str:
    """The results table as the window shows it (same strings, same order)."""
    cols, rows = model.columnCount(), model.rowCount()
    if not cols:
        return ""
    head = "".join(
        f"<th>{escape(str(model.headerData(c, Qt.Orientation.Horizontal) or ''))}</th>"
        for c in range(cols)
    )
    out = [
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th></th>{head}</tr>"
    ]
    for r in range(rows):
        label = escape(str(model.headerData(r, Qt.Orientation.Vertical) or ""))
        cells = "".join(
            f"<td align='right'>{escape(str(model.data(model.index(r, c)) or ''))}</td>"
            for c in range(cols)
        )
        out.append(f"<tr><th align='left'>{label}</th>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def chart_image(chart: StackedBarChart, width: int = 900) -> QImage:
    """The chart drawn at a fixed size for paper, through the widget itself (grab) so its text is
    measured and drawn on the same device."""
    old = chart.size()
    chart.resize(QSize(width, max(chart.sizeHint().height(), 200)))
    image = chart.grab().toImage()
    chart.resize(old)
    return image


def report_document(
    case_lines: list[str], model: ResultsModel, chart: StackedBarChart, footer: str
) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(fonts.document_font(9.0))
    doc.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart_image(chart))
    parts = [
        f"<h2>{escape(translate('Report', 'Out-of-pocket estimate: home and elsewhere'))}</h2>"
    ]
    parts += [f"<p>{escape(line)}</p>" for line in case_lines]
    parts.append(table_html(model))
    parts.append(f"<p><img src='{CHART_URL.toString()}' width='600'></p>")  # of 640 px text width
    for column, result in enumerate(model.results()):
        title = model.title(column).replace("\n", " · ")
        parts.append(explanation_html(title, result, []))
    parts.append(f"<p style='color:#555'>{escape(footer)}</p>")
    doc.setHtml("".join(parts))
    return doc


def write_pdf(doc: QTextDocument, path: Path) -> bool:
    """A4 portrait; the app's font (the bundled SC face) is embedded. The page margins are
    QTextDocument.print_'s own 2 cm (it adds them to a document without a page size)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(translate("Report", "Out-of-pocket estimate: home and elsewhere"))
    writer.setCreator("estimator-gui")
    doc.print_(writer)  # paginates to the writer's page
    return path.exists() and path.stat().st_size > 0
