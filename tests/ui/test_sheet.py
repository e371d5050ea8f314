"""The one-page sheet, rendered to PDF as the CLI (and the window) write it, read back as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from estimator_gui.cli import main


def _sheet(bundled_db: Path, tmp_path: Path, lang: str) -> tuple[str, int]:
    out = tmp_path / f"sheet-{lang}.pdf"
    code = main([
        "compare", "--db", str(bundled_db), "--insured", "fuyang", "--treatment", "tavr",
        "--treated", "shanghai,hefei,hangzhou,beijing", "--filing", "referral",
        "--date", "2026-11-01", "--lang", lang, "--sheet", str(out), "--counsellor", "王医生",
    ])
    assert code == 0 and out.exists()
    reader = PdfReader(out)
    return "".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sheet_is_one_page_for_five_options_with_totals_ratio_cash_steps_and_hotline(
    bundled_db, tmp_path, lang
):
    text, pages = _sheet(bundled_db, tmp_path, lang)
    assert pages == 1
    compact = re.sub(r"\s+", "", text).lower()
    words = (
        ["阜阳市", "上海市", "合肥市", "杭州市", "北京市", "医疗费总额", "报销比例", "个人负担",
         "入院押金", "下一步怎么办", "备案", "12393", "王医生"]
        if lang == "zh"
        else ["Fuyang", "Shanghai", "Hefei", "Hangzhou", "Beijing", "totalmedicalcost",
              "ratioapplied", "youpay", "depositatadmission", "Whattodonext", "file", "12393"]
    )
    missing = [w for w in words if w.lower() not in compact]
    assert not missing, (missing, compact[:400])
    assert "http" not in text and ".yaml" not in text
