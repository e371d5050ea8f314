"""The bundled Simplified Chinese face, selected by name so Qt never falls back to a JP face."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import paths

FONT_FILE = paths.RESOURCES / "fonts" / "NotoSansSC-Subset.otf"
FAMILY = "Noto Sans SC Subset"  # the name make_subset.py gives the subset
# Only SC faces after ours, for characters outside the subset (never "Noto Sans CJK JP").
FALLBACKS = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
]
NORMAL_POINTS = 10.0
LARGE_POINTS = 14.0


def load() -> bool:
    """Register the bundled font; False if the file is missing (then system SC faces are used)."""
    if not FONT_FILE.exists():
        return False
    return QFontDatabase.addApplicationFont(str(FONT_FILE)) >= 0


def app_font(large: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([FAMILY, *FALLBACKS])
    font.setPointSizeF(LARGE_POINTS if large else NORMAL_POINTS)
    return font


# For paper: Latin letters and digits from a system Latin face first — the CJK subset's Latin
# glyphs lose their text in a PDF (a copy or a screen reader reads garbage) — Chinese from ours.
LATIN_FACES = ["DejaVu Sans", "Segoe UI", "Arial", "Helvetica"]


def document_font(points: float) -> QFont:
    """The font of a printed page (the report, the one-page sheet)."""
    font = app_font()
    font.setFamilies([*LATIN_FACES, *font.families()])
    font.setPointSizeF(points)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters in the PDF's text
    return font


def apply(app: QApplication, large: bool = False) -> None:
    app.setFont(app_font(large))


def is_large(app: QApplication) -> bool:
    return app.font().pointSizeF() >= LARGE_POINTS
