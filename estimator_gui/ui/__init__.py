"""The PySide6 desktop app: widgets and item models over the core facade, no business rules."""
