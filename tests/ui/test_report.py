"""The printable report: a real A4 PDF with the comparison, the chart and every explanation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from estimator_gui.ui.main_window import MainWindow


def test_the_report_is_a_pdf_with_the_bundled_sc_font_embedded(
    fx_window: MainWindow, tmp_path: Path
) -> None:
    fx_window.who.select_region("fixtown")
    fx_window.who.set_date(dt.date(2026, 5, 1))
    fx_window.bill.choose_treatment("fx_tavr", "")
    out = tmp_path / "report.pdf"
    assert fx_window.export_pdf(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert (
        b"NotoSansSCSubset" in data
    )  # Chinese set in the bundled SC face, embedded, not a JP fallback
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2  # table and chart, then the explanations


def test_a_report_needs_something_to_compare(fx_window: MainWindow, tmp_path: Path) -> None:
    assert not fx_window.export_pdf(tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
    assert fx_window.message.isVisible()
