"""Small helpers for driving the window as a user would, without simulated Chinese typing."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def commit_text(edit: QLineEdit, text: str) -> None:
    """Type text the way an input method commits it (qtbot.keyClicks with Chinese aborts Python)."""
    edit.setFocus()
    edit.clear()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)
