"""The one place that knows where resources, sources and databases live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
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
