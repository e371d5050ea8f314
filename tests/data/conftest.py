"""The real bundled database, built once per test session from db/sources into a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from estimator_gui.core.loader import build

SOURCES = Path(__file__).parents[2] / "db" / "sources"


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    build(SOURCES, out, dt.date.today())
    return out
