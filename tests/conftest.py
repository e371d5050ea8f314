"""Shared test set-up: Qt renders offscreen, and databases are built into temporary folders."""

from __future__ import annotations

import os
import shutil
import tempfile

# Before any QApplication exists: without a display Qt would abort the whole session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app remembers the user's choices in their data folder: keep tests out of the real one.
os.environ.setdefault("ESTIMATOR_USER_DIR", tempfile.mkdtemp(prefix="estimator-user-"))

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real reference database, built from db/sources (a failing build fails the test;
    ESTIMATOR_TEST_SOURCES names another sources folder, e.g. a snapshot while data is edited).

    Built from a snapshot copy: the database is checked for staleness against the folder it was
    built from, and db/sources may be edited while the session runs."""
    from estimator_gui.core.loader import build

    folder = tmp_path_factory.mktemp("bundled")
    origin = Path(os.environ.get("ESTIMATOR_TEST_SOURCES", ROOT / "db" / "sources"))
    sources = shutil.copytree(origin, folder / "sources")
    out = folder / "reference.sqlite"
    build(sources, out)
    return out


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small synthetic database from tests/fixtures/sources: fast and precise."""
    from estimator_gui.core.loader import build

    out = tmp_path_factory.mktemp("fixture") / "fixture.sqlite"
    build(ROOT / "tests" / "fixtures" / "sources", out)
    return out
