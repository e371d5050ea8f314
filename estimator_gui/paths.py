"""The one place that knows where resources, sources and databases live.

From a checkout (or an editable install) resources/ and db/sources/ sit beside the package. In the
desktop bundle (PyInstaller, `packaging/`), `sys.frozen` is set and everything the app reads lies in
the bundle's own folder (`sys._MEIPASS`): resources/ with the fonts, translations and the reference
database built into it. A bundle has no db/sources (SOURCES names a folder that does not exist
there), and its database was built from a snapshot of the sources deleted afterwards, so it is never
checked for staleness and the folder can be moved anywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FROZEN = bool(getattr(sys, "frozen", False))
if FROZEN:  # a PyInstaller bundle: its data folder (`_internal/` beside the executables)
    ROOT = Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
else:
    ROOT = PACKAGE.parent
RESOURCES = ROOT / "resources"
SOURCES = ROOT / "db" / "sources"


def reference_db() -> Path:
    """The built reference database (override with ESTIMATOR_DB)."""
    return Path(os.environ.get("ESTIMATOR_DB", RESOURCES / "reference.sqlite"))


def user_data_dir() -> Path:
    """The user's own files (preferences): apart from the reference data, never touched by data
    updates. ESTIMATOR_USER_DIR overrides it (tests use a temporary folder)."""
    override = os.environ.get("ESTIMATOR_USER_DIR")
    if override:
        return Path(override)
    import platformdirs  # only needed when user data is read or written

    return Path(platformdirs.user_data_dir("estimator-gui", "estimator"))
