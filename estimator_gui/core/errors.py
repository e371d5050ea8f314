"""Errors about source files, shared by the build steps: each names the file, row or key, and column."""

from __future__ import annotations


class SourceError(ValueError):
    """A source file is wrong; the message names the file, the row or key, and the column."""

    def __init__(self, file: str, where: str, message: str) -> None:
        self.file, self.where, self.message = file, where, message
        super().__init__(f"{file}: {where}: {message}" if where else f"{file}: {message}")
