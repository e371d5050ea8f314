"""The window remembers the user's language and large-font choice between sessions."""

from __future__ import annotations

import json
import os
from pathlib import Path

from estimator_gui.ui import i18n, preferences
from estimator_gui.ui.main_window import MainWindow


def saved() -> dict:
    return json.loads(
        (Path(os.environ["ESTIMATOR_USER_DIR"]) / preferences.FILE).read_text(encoding="utf-8")
    )


def test_switching_language_and_large_font_is_remembered(fx_window: MainWindow) -> None:
    fx_window.set_language("en")
    fx_window.set_large_font(True)
    try:
        assert saved() == {"lang": "en", "large_font": True}
        assert preferences.load()["lang"] == "en"
    finally:
        fx_window.set_large_font(False)
        fx_window.set_language("zh")
        i18n.set_language("zh")
    assert saved() == {"lang": "zh", "large_font": False}


def test_an_unreadable_preferences_file_is_ignored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path))
    (tmp_path / preferences.FILE).write_text("{not json", encoding="utf-8")
    assert preferences.load() == {}
    preferences.save(lang="en")
    assert preferences.load() == {"lang": "en"}
