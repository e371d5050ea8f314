"""The user's interface choices (language, large font), remembered between sessions in the user's
data folder — apart from the reference data, so a data update never touches them."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from .. import paths

FILE = "preferences.json"


def load() -> dict[str, Any]:
    """The saved choices, or none when the file is missing or unreadable (never an error)."""
    try:
        data = json.loads((paths.user_data_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    """Merge and write atomically; a read-only home folder only means nothing is remembered."""
    folder = paths.user_data_dir()
    data = {**load(), **changes}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".preferences-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, folder / FILE)
    except OSError:
        return
