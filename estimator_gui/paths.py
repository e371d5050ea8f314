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


def sources_dir() -> Path | None:
    """db/sources when running from a checkout (used to detect a stale database)."""
    return SOURCES if SOURCES.is_dir() else None


def user_data_dir() -> Path:
    """Saved cases and settings: apart from the reference data, never touched by updates."""
    import platformdirs

    return Path(platformdirs.user_data_dir("estimator-gui", "estimator"))
