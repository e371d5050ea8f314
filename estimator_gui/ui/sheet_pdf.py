"""The one-page sheet (core/sheet.py) on A4: large type, the options side by side, what to do next,
the data's trust in one line, the hotline and a line for the counsellor. To a PDF file, or to a
printer through the system dialog. The CLI's `--sheet` uses the same page."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from ..core.facade import Sheet
from . import fonts

MARGIN_MM = 10
BODY_POINTS = 10.0  # large type for reading at home; the table shrinks for five options


def sheet_html(sheet: Sheet, scale: float = 1.0) -> str:
    """The sheet as HTML; `scale` shrinks every type size (to fit one page)."""
    cols = len(sheet.columns)
    cell_pt = (11 if cols <= 2 else 10 if cols <= 3 else 9 if cols == 4 else 8.5) * scale
    head = "".join(
        f"<td bgcolor='#e0e7ff' style='font-size:{cell_pt}pt'>{escape(t)}</td>"
        for t, _ in sheet.columns
    )
    rows = []
    for key, label in sheet.row_labels:
        cells = "".join(
            f"<td align='right' style='font-size:{cell_pt}pt'>{escape(c.get(key, ''))}</td>"
            for _, c in sheet.columns
        )
        # emphasis by colour, not weight: a synthesised bold face loses its text in the PDF
        shade = " bgcolor='#fef3c7'" if key in ("pays", "all") else ""
        rows.append(
            f"<tr{shade}><td align='left' style='font-size:{cell_pt}pt'>"
            f"{escape(label)}</td>{cells}</tr>"
        )
    steps = "".join(f"<li>{escape(s)}</li>" for s in sheet.next_steps)
    notes = "".join(f"<li>{escape(s)}</li>" for s in sheet.for_patient)
    counsellor = escape(sheet.counsellor) or "&nbsp;" * 40
    written = escape(sheet.notes) or "&nbsp;"
    return (
        f"<h2 style='font-size:{16 * scale:.1f}pt'>{escape(sheet.title)}</h2>"
        f"<p style='font-size:{10.5 * scale:.1f}pt'>{escape(sheet.case_line)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr><td></td>{head}</tr>{''.join(rows)}</table>"
        f"<h3 style='font-size:{13 * scale:.1f}pt'>{escape(sheet.labels['next'])}</h3><ul>{steps}</ul>"
        + (
            f"<h3 style='font-size:{13 * scale:.1f}pt'>{escape(sheet.labels['patient'])}</h3><ul>{notes}</ul>"
            if notes
            else ""
        )
        + f"<p style='font-size:10pt;color:#333'>{escape(sheet.data_line)}</p>"
        f"<p style='font-size:{13 * scale:.1f}pt;color:#1d4ed8'>{escape(sheet.hotline)}</p>"
        f"<p style='font-size:{11 * scale:.1f}pt'>{escape(sheet.labels['counsellor'])}：<u>{counsellor}</u>"
        f"<br>{escape(sheet.labels['notes'])}：{written}</p>"
        f"<p style='font-size:9pt;color:#555'>{escape(sheet.footer)}</p>"
    )


def sheet_document(sheet: Sheet, page: QSizeF, scale: float = 1.0) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(fonts.document_font(BODY_POINTS * scale))
    doc.setHtml(sheet_html(sheet, scale))
    doc.setPageSize(page)
    return doc


def render(sheet: Sheet, device: QPagedPaintDevice) -> int:
    """Lay the sheet out on the device's page (A4) and print it; returns the number of pages."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    page = QSizeF(rect.width(), rect.height())
    scale = 1.0
    doc = sheet_document(sheet, page, scale)
    while (
        doc.pageCount() > 1 and scale > 0.7
    ):  # large type, but one page: shrink a little at a time
        scale -= 0.05
        doc = sheet_document(sheet, page, scale)
    doc.print_(device)
    return doc.pageCount()


def write_sheet(sheet: Sheet, path: Path) -> int:
    """The sheet as a PDF file (the bundled SC face embedded); returns the number of pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(sheet.title)
    writer.setCreator("estimator-gui")
    return render(sheet, writer)
