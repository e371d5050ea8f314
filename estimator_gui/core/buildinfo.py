"""What identifies a built reference database: its schema version, the hash of its sources, the
shape its migrations made, and the checksum of its pages.

Kept apart from schema.py so that opening a database does not import sqlite-utils (start-up time).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3
    import threading

SCHEMA_VERSION = 4  # bump with every migration added in schema.py; the app refuses other versions

# The SQLite header's application id (PRAGMA application_id): "this file is a reference database".
APPLICATION_ID = 0x45535446  # "ESTF"
# The header's user version (PRAGMA user_version) holds the CRC-32 of every page after the first,
# written by the build after its last write: a damaged page is found when the file is opened.
CHECKSUM_FROM_PAGE = 2


def pages_crc(path: Path, stop: threading.Event | None = None) -> int:
    """The CRC-32 of a database's pages from CHECKSUM_FROM_PAGE on (what its seal holds), read in
    large steps (the GIL is let go while each is read and summed: another thread can run
    meanwhile). `stop` set: give up early (the result is then meaningless)."""
    import zlib

    crc = 0
    with open(path, "rb", buffering=0) as handle:
        page = int.from_bytes(handle.read(18)[16:18], "big")
        handle.seek((65536 if page == 1 else page) * (CHECKSUM_FROM_PAGE - 1))
        buffer = bytearray(1 << 24)
        view = memoryview(buffer)
        while (n := handle.readinto(buffer)) and not (stop and stop.is_set()):
            crc = zlib.crc32(view[:n], crc)
    return crc


def seal(path: Path, crc: int | None = None) -> int:
    """Mark a finished file as a reference database and write the CRC-32 of its pages (`crc`, if
    summed already) into its header, which the app checks when it opens the file; make the file
    readable by others (0666 less the umask) and durable. Returns the checksum. Used by the build
    and by every update, the only writers of reference databases."""
    import sqlite3

    if crc is None:
        crc = pages_crc(path)
    conn = sqlite3.connect(path)
    try:  # the header is on the first page only: the pages the checksum covers do not change
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {crc - (1 << 32) if crc >= 1 << 31 else crc}")
        conn.commit()
    finally:
        conn.close()
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return crc


def source_hash(root: Path) -> str:
    """A hash of every source file (path and bytes): the built database is stale when it differs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def source_stamp(root: Path) -> str:
    """A hash of every source file's path, size and modification time: a cheap first test of
    staleness (≈2 ms against ≈20 ms for `source_hash`); only when it differs are the bytes hashed."""
    found: list[tuple[str, int, int]] = []
    stack = [str(root)]
    prefix = len(str(root))
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=True):
                    stack.append(entry.path)
                elif entry.is_file():
                    st = entry.stat()
                    found.append((entry.path[prefix:], st.st_size, st.st_mtime_ns))
    digest = hashlib.sha256()
    for name, size, mtime in sorted(found):
        digest.update(f"{name}\0{size}\0{mtime}\0".encode())
    return digest.hexdigest()


SHAPE_SQL = (
    "SELECT m.type, m.name, p.name FROM sqlite_master m "
    "LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table' "
    "WHERE m.type IN ('table', 'index') AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
)


def shape(conn: sqlite3.Connection) -> dict[str, Any]:
    """The tables (with their columns) and indexes of a database, as the migrations made them: the
    build records this in `meta`, and opening compares the file against it."""
    tables: dict[str, list[str]] = {}
    indexes: list[str] = []
    for kind, name, column in conn.execute(SHAPE_SQL).fetchall():
        if kind == "index":
            indexes.append(name)
        else:
            tables.setdefault(name, [])
            if column is not None:
                tables[name].append(column)
    return {"tables": tables, "indexes": sorted(indexes)}
