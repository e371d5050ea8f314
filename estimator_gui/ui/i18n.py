"""The current language: Qt translators for the UI's own strings, zh/en picks for the core's texts.

UI strings are written in English with tr() and translated in resources/i18n/estimator_zh_CN.ts.
Texts from the core (steps, warnings, vocabulary) already exist in both languages: pick() chooses.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from .. import paths
from ..core.facade import label

QM = paths.RESOURCES / "i18n" / "estimator_zh_CN.qm"
LANGS = ("zh", "en")

_state = {"lang": "zh"}
_translators: list[QTranslator] = []


def lang() -> str:
    return _state["lang"]


def pick(text_zh: str | None, text_en: str | None) -> str:
    """The core's text in the current language (falls back to the other one if missing)."""
    if lang() == "zh":
        return text_zh or text_en or ""
    return text_en or text_zh or ""


def vocab(group: str, key: str) -> str:
    """A vocabulary label (level, filing, route, ...) in the current language."""
    return label(group, key, lang())


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def set_language(code: str) -> None:
    """Switch language at run time; every widget then gets a LanguageChange event."""
    if code not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {code!r}")
    _state["lang"] = code  # set first: LanguageChange handlers read it
    app = QCoreApplication.instance()
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators.clear()
    if code == "zh" and app is not None:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase_zh_CN", qt_dir), (QM.stem, str(QM.parent))):
            translator = QTranslator(app)
            if translator.load(name, folder):  # qtbase: the standard dialog buttons
                QCoreApplication.installTranslator(translator)
                _translators.append(translator)
