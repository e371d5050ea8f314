"""What identifies a built reference database: its schema version and the hash of its sources.

Kept apart from schema.py so that opening a database does not import sqlite-utils (start-up time).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SCHEMA_VERSION = 2  # bump with every migration added in schema.py; the app refuses other versions


def source_hash(root: Path) -> str:
    """A hash of every source file (path and bytes): the built database is stale when it differs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
