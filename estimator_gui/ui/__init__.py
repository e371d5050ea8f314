"""The PySide6 desktop app: widgets and item models over the core facade, no business rules."""

from .pyside_fix import protect_none

protect_none()  # before any widget exists: see pyside_fix for the PySide6 bug it works around
