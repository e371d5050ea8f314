"""Atomic, reversible updates of the reference database in the user's data folder.

The bundled database is read-only. An update (an import today; local corrections and data packs
later) never writes the database in use:

1. copy the active database to a temporary file in the user data folder (same file system), in
   the kernel, and check the copy against the database's page checksum — or take such a copy
   made ahead (`Copy`: an import copies while it checks its file), if it is of the database
   active now;
2. change the copy in one transaction (the caller's `mutate`);
3. check the copy: PRAGMA integrity_check, the schema version, the expected tables, row counts
   (and whatever the caller's checks add, e.g. the new edition's counts), while another thread
   sums its pages for the seal (written only if the checks pass);
4. fsync the copy, keep the active user database as `reference.previous.sqlite` (a hard link: the
   same bytes, no copy), os.replace the copy into place, fsync the folder.

At every instant `reference.sqlite` in the user folder is either the old file or the new one, each
complete and checked, so a crash or power cut leaves a working database. Temporary files of an update
that did not finish are removed by the next update, or by `active_database()` when the app or CLI
opens the data (never while another process still works on them: each holds a lock).

Rollback is one step and reversible: it swaps the active and the previous file (a second rollback
redoes). The first update from the bundled database has no previous user file: rolling it back moves
the user database aside, so the bundled one is active again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .buildinfo import SCHEMA_VERSION, pages_crc, seal

USER_DB = "reference.sqlite"
PREVIOUS_DB = "reference.previous.sqlite"
LOCK = ".reference.lock"
TEMP_PREFIX = ".reference-tmp-"  # every temporary file of an update, import or rollback
# the tables every reference database must have (schema.py), checked after each update
EXPECTED_TABLES = (
    "meta",
    "sources",
    "regions",
    "items",
    "catalog_entries",
    "prices",
    "treatments",
    "treatment_lines",
    "search",
    "lists",
    "list_editions",
    "price_spread",
)


class UpdateError(RuntimeError):
    """An update could not be made; nothing changed. Says why in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        self.text_zh = zh
        self.text_en = en
        super().__init__(en)


# --- where the active database lives -----------------------------------------------------------


def user_database(user_dir: Path) -> Path:
    return user_dir / USER_DB


def previous_database(user_dir: Path) -> Path:
    return user_dir / PREVIOUS_DB


def read_meta(path: Path) -> dict[str, str] | None:
    """The meta table of a database, or None when it cannot be read (missing, damaged, other)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _schema(meta: dict[str, str] | None) -> int | None:
    try:
        return int(meta["schema_version"]) if meta else None
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Active:
    """Which database the app and the CLI should open, and why."""

    path: Path
    origin: str  # user | bundled
    reason_zh: str
    reason_en: str


def resolve(bundled: Path, user_dir: Path, *, clean: bool = True) -> Active:
    """The database to open: the user folder's (updated) database if it is present, readable, of
    this program's schema and made on the bundled data as it is now; else the bundled one (a new
    program version's data is never hidden behind imports made on the old).

    Removes the temporary files of an update that did not finish (unless `clean` is False)."""
    if clean:
        cleanup(user_dir)
    user = user_database(user_dir)
    if not user.exists():
        return Active(
            bundled, "bundled", "使用随程序附带的参考数据", "using the bundled reference data"
        )
    meta = read_meta(user)
    mine = _schema(meta)
    theirs = _schema(read_meta(bundled))
    if mine is None:
        return Active(
            bundled,
            "bundled",
            f"用户数据 {user} 无法读取，改用随程序附带的参考数据",
            f"the user database {user} cannot be read; using the bundled reference data",
        )
    if mine != SCHEMA_VERSION or (theirs is not None and mine < theirs):
        return Active(
            bundled,
            "bundled",
            f"用户数据的结构版本 {mine} 与本程序（{SCHEMA_VERSION}）不符，改用随程序附带的参考数据；"
            "请重新导入",
            f"the user database has schema version {mine}, this program needs {SCHEMA_VERSION}; "
            "using the bundled reference data (import the files again)",
        )
    base = (meta or {}).get("base_source_hash", "")
    bundled_hash = (read_meta(bundled) or {}).get("source_hash", "")
    if base and bundled_hash and base != bundled_hash:
        # a new version of the program ships newer data: the imports were made on the old one
        return Active(
            bundled,
            "bundled",
            f"随程序附带的参考数据已更新（新版本），用户数据 {user} 是在旧数据上导入的，改用新数据；"
            "请重新导入所需文件",
            f"the bundled reference data is newer than the data your imports were made on ({user}); "
            "using the bundled data (import the files again)",
        )
    return Active(
        user,
        "user",
        "使用已更新的参考数据（用户数据文件夹）",
        "using the updated reference data (user folder)",
    )


def active_database(bundled: Path, user_dir: Path) -> Path:
    """The path the app and the CLI open (see `resolve`)."""
    return resolve(bundled, user_dir).path


# --- locks and temporary files -------------------------------------------------------------------


def _try_lock(handle: IO[bytes]) -> bool:
    """An exclusive, non-blocking lock on an open file (released when it closes)."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _lock_folder(user_dir: Path) -> IO[bytes] | None:
    """The folder's update lock (an open, locked file), or None when another process holds it."""
    user_dir.mkdir(parents=True, exist_ok=True)
    handle = open(user_dir / LOCK, "a+b")  # noqa: SIM115 - closed by the caller
    if _try_lock(handle):
        return handle
    handle.close()
    return None


@contextmanager
def update_lock(user_dir: Path) -> Iterator[None]:
    """One update at a time per user folder; another process's update is refused, not waited for."""
    handle = _lock_folder(user_dir)
    if handle is None:
        raise UpdateError(
            "另一个数据更新正在进行，请稍后再试", "another data update is running; try again later"
        )
    try:
        yield
    finally:
        handle.close()


class TempFile:
    """A temporary file in the user folder, locked by its owner while it lives: cleanup() removes
    it only once no process holds it (the owner finished, failed or was killed)."""

    def __init__(self, user_dir: Path, tag: str) -> None:
        user_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{tag}-", suffix=".sqlite", dir=user_dir)
        self.path = Path(name)
        self._handle: IO[bytes] | None = os.fdopen(fd, "r+b")
        _try_lock(self._handle)

    def release(self) -> None:
        """Drop the lock and delete the file and SQLite's side files (if still there)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        for path in _with_side_files(self.path):
            with suppress(FileNotFoundError):
                path.unlink()

    def __del__(self) -> None:  # a plan dropped without discard() still lets its file go
        self.release()

    def __enter__(self) -> TempFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


SIDE_SUFFIXES = ("-journal", "-wal", "-shm")


def _with_side_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)]


def _owned(path: Path) -> bool:
    """Is a temporary file still held by a live process (its owner's lock)?"""
    try:
        with open(path, "r+b") as handle:
            return not _try_lock(handle)
    except FileNotFoundError:
        return False
    except PermissionError:  # pragma: no cover - Windows: open elsewhere, so alive
        return True


def cleanup(user_dir: Path) -> list[Path]:
    """Remove temporary files left by updates that did not finish; returns what was removed.

    Does nothing while an update runs; a file still locked by a live process (an import being
    previewed) stays."""
    if not user_dir.is_dir():
        return []
    handle = _lock_folder(user_dir)
    if handle is None:
        return []
    try:
        return _cleanup(user_dir)
    finally:
        handle.close()


def _cleanup(user_dir: Path) -> list[Path]:
    removed: list[Path] = []
    for path in sorted(user_dir.glob(TEMP_PREFIX + "*")):
        if path.name.endswith(SIDE_SUFFIXES):
            main = path.with_name(path.name[: path.name.rindex("-")])
            if main.exists():
                continue  # goes with its main file
            victims = [path]
        elif _owned(path):
            continue
        else:
            victims = _with_side_files(path)
        for victim in victims:
            try:
                victim.unlink()
                removed.append(victim)
            except FileNotFoundError:
                pass
            except PermissionError:  # pragma: no cover - Windows: still open
                pass
    return removed


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - no directory handles to sync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_or_copy(src: Path, dst: Path) -> None:
    """dst becomes the same file as src (a hard link; a copy where links are not possible)."""
    with suppress(FileNotFoundError):
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
        _fsync_file(dst)


# --- checks -------------------------------------------------------------------------------------


@dataclass
class Expect:
    """What the updated database must hold beyond a sound schema: exact row counts per table
    (before + added) and further checks (SQL returning one row whose first value must be 1, with a
    message)."""

    counts: dict[str, int] = field(default_factory=dict)
    checks: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)
    # the tables the update wrote: above FULL_CHECK_BYTES only these are checked (the copy's
    # other pages are proven intact by the source's page checksum), see check_database
    changed: tuple[str, ...] = ()


FULL_CHECK_BYTES = 256 << 20  # the bundled database is ≈25 MB: always checked whole


def check_database(
    conn: sqlite3.Connection, expect: Expect | None = None, *, whole: bool = True
) -> list[str]:
    """Problems found in an open database (empty: sound). `whole=False` checks only the tables
    `expect.changed` names, each by quick_check (its pages and the order of its rows and of its
    indexes' entries) and by counting its rows through the table and through each index. The
    part of integrity_check this leaves out, matching every index entry with its row, took 1.3 of
    1.4 s on a table of 2,000,000 rows; SQLite writes a row and its index entries together."""
    problems: list[str] = []
    if whole or expect is None or not expect.changed:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return ["integrity_check: " + "; ".join(str(r) for r in result[:5])]
    else:
        for table in expect.changed:
            result = [r[0] for r in conn.execute(f'PRAGMA quick_check("{table}")')]
            if result != ["ok"]:
                return [f"quick_check({table}): " + "; ".join(str(r) for r in result[:5])]
            problems += _index_counts(conn, table)
        if problems:
            return problems
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems += [f"table {t} is missing" for t in EXPECTED_TABLES if t not in tables]
    if problems:
        return problems
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        problems.append(f"schema version {meta.get('schema_version')} (expected {SCHEMA_VERSION})")
    for table, count in (expect.counts if expect else {}).items():
        found = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        if found != count:
            problems.append(f"{table}: {found} rows, expected {count}")
    for sql, params, message in expect.checks if expect else []:
        row = conn.execute(sql, params).fetchone()
        if row is None or row[0] != 1:
            problems.append(message)
    return problems


def _index_counts(conn: sqlite3.Connection, table: str) -> list[str]:
    """Does each full index of `table` hold as many entries as the table has rows?"""
    rows: int | None = None
    problems = []
    for index in conn.execute(f'PRAGMA index_list("{table}")').fetchall():
        name, partial = index[1], index[4]
        if partial:
            continue
        if rows is None:
            rows = conn.execute(f'SELECT COUNT(*) FROM "{table}" NOT INDEXED').fetchone()[0]
        entries = conn.execute(f'SELECT COUNT(*) FROM "{table}" INDEXED BY "{name}"').fetchone()[0]
        if entries != rows:
            problems.append(f"index {name}: {entries} entries for {rows} rows of {table}")
    return problems


def table_counts(conn: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, int]:
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


# --- the update ---------------------------------------------------------------------------------

Mutate = Callable[[sqlite3.Connection], Expect]


@dataclass(frozen=True)
class UpdateResult:
    path: Path  # the active database now
    previous: Path | None  # kept for rollback (None: rollback returns to the bundled data)
    record: dict[str, Any]


def update(
    bundled: Path,
    user_dir: Path,
    mutate: Mutate,
    record: dict[str, Any],
    verify: Callable[[Path], list[str]] | None = None,
    copy: Copy | None = None,
) -> UpdateResult:
    """Make a new database from the active one with `mutate` (which runs inside one transaction
    and returns what to expect), check it, and make it the active one; keep the previous one.

    `record` (kind, file, label, ...) is appended to the database's update history (meta
    `updates`, JSON); `verify(path)` may check the finished file as the app opens it (returns
    problems); `copy` is a copy of the active database made ahead (`Copy`: while an import was
    checked), used when it is of the database active now (else a new copy is made). Raises
    UpdateError when the result fails a check; nothing changes then."""
    with update_lock(user_dir):
        _cleanup(user_dir)
        active = resolve(bundled, user_dir, clean=False)
        ahead = copy.take(active.path) if copy is not None else None
        with ahead or TempFile(user_dir, "update") as tmp:
            whole = active.path.stat().st_size <= FULL_CHECK_BYTES
            if ahead is None and not _copy(active.path, tmp.path):
                raise _bad_copy(active.path)
            conn = sqlite3.connect(tmp.path, isolation_level=None)
            try:
                # the copy is thrown away on any failure, so it needs no journal of its own
                conn.execute("PRAGMA journal_mode = OFF")
                conn.execute("PRAGMA synchronous = OFF")
                conn.execute("BEGIN")
                expect = mutate(conn)
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                history = json.loads(meta.get("updates") or "[]")
                stamp = dt.datetime.now().isoformat(timespec="seconds")
                history.append({"at": stamp, **record})
                derived = "bundled" if active.origin == "bundled" else "user"
                for key, value in (
                    ("updates", json.dumps(history, ensure_ascii=False)),
                    ("updated_at", stamp),
                    ("derived_from", derived),
                    # not built from db/sources any more: never compared with them for staleness
                    ("sources_dir", ""),
                    (
                        "base_source_hash",
                        meta.get("base_source_hash") or meta.get("source_hash", ""),
                    ),
                    ("base_build_date", meta.get("base_build_date") or meta.get("build_date", "")),
                ):
                    conn.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value)
                    )
                conn.execute("COMMIT")
                for row in conn.execute("PRAGMA database_list").fetchall():
                    if row[1] not in ("main", "temp"):  # what mutate attached (a staging file)
                        conn.execute(f'DETACH DATABASE "{row[1]}"')
                # the checksum of the finished pages is read while SQLite checks them (each on
                # a core of its own); it is written only if the checks pass
                with Background(pages_crc, tmp.path) as crc:
                    problems = check_database(conn, expect, whole=whole)
            except BaseException:
                conn.close()
                raise
            conn.close()
            if not problems:
                seal(tmp.path, crc.result())
            if not problems and verify is not None:
                problems = verify(tmp.path)
            if problems:
                raise UpdateError(
                    "更新后的数据库未通过检查，未作任何更改：" + "；".join(problems),
                    "the updated database failed its checks; nothing changed: "
                    + "; ".join(problems),
                )
            previous = _install(tmp.path, user_dir, active.origin)
        return UpdateResult(user_database(user_dir), previous, record)


def _bad_copy(path: Path) -> UpdateError:
    return UpdateError(
        f"数据库 {path} 的副本与其校验和不符（磁盘错误？），未作任何更改",
        f"the copy of {path} does not match its checksum (a disk error?); nothing changed",
    )


def _copy(src: Path | int, dst: Path, stop: threading.Event | None = None) -> bool:
    """Copy a database (a path, or a file open for reading: the file as it was opened, even if
    it was replaced since) in the kernel, and check that the copy's pages match the checksum in
    its header (as the app checks when it opens one). A file without the seal passes. `stop`
    set: give up early (returns False)."""
    from .buildinfo import APPLICATION_ID

    with open(src, "rb", closefd=isinstance(src, Path)) as source, open(dst, "wb") as target:
        size = os.fstat(source.fileno()).st_size
        done = 0
        try:  # a copy in the kernel (no round trip through this process), in large steps
            while done < size and not (stop and stop.is_set()):
                n = os.copy_file_range(
                    source.fileno(), target.fileno(), min(size - done, 1 << 26), done, done
                )
                if n <= 0:
                    raise OSError("copy_file_range copied nothing")
                done += n
        except (OSError, AttributeError):  # not on this system or file system: copy here
            source.seek(0)
            target.seek(0)
            target.truncate()
            shutil.copyfileobj(source, target, 1 << 24)
    if stop and stop.is_set():
        return False
    with open(dst, "rb") as handle:
        head = handle.read(100)
    if len(head) < 100 or int.from_bytes(head[68:72], "big") != APPLICATION_ID:
        return True
    return pages_crc(dst, stop) == int.from_bytes(head[60:64], "big")


class Background:
    """Run fn(*args) in a thread while the `with` block runs; result() waits for it (and raises
    what it raised). Leaving the block on an error waits for the thread too."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._out: list[Any] = []
        self._error: list[BaseException] = []

        def run() -> None:
            try:
                self._out.append(fn(*args))
            except BaseException as exc:  # handed to the caller by result()
                self._error.append(exc)

        self._thread = threading.Thread(target=run, name="estimator-update", daemon=True)

    def __enter__(self) -> Background:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._thread.join()

    def result(self) -> Any:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._out[0]


class Copy:
    """A copy of the active database made ahead of an update, in a thread (the kernel copies,
    zlib sums: the GIL is free for the caller meanwhile): an import starts one while it checks
    its file, and `update()` uses it when the database it copied is still the active one (the
    same file: files are replaced, never changed in place). The copy is checked against the
    seal as `update()` checks its own, and made durable, so the update writes only what it
    changes. A temporary file in the user folder, locked while it lives: release() it."""

    def __init__(self, user_dir: Path, source: Path) -> None:
        self._temp: TempFile | None = None
        self._stop = threading.Event()
        self._job: Background | None = None
        self._then: Background | None = None
        self.prepared: Any = None  # what prepare()'s work returned, once take() used the copy
        self._fd = os.open(source, os.O_RDONLY)  # the file as it is now, whatever replaces it
        try:
            self._identity = _identity(os.fstat(self._fd))
            self._temp = TempFile(user_dir, "update")
        except BaseException:
            os.close(self._fd)
            raise
        self._job = Background(self._run, self._temp.path)
        self._job.__enter__()

    def _run(self, path: Path) -> bool:
        try:
            ok = _copy(self._fd, path, self._stop)
            if ok:
                _fsync_file(path)
            return ok
        finally:
            os.close(self._fd)

    def prepare(self, work: Callable[[Path, threading.Event], Any]) -> None:
        """Once the copy is made, run work(copy, stop) in a thread too: the part of the update
        that needs only the copy and files that no longer change (an import's new rows). If it
        fails, take() leaves the copy and the update starts from a new one. `stop` is set when
        the copy is released (the work should give up)."""
        self._then = Background(self._prepared, work).__enter__()

    def _prepared(self, work: Callable[[Path, threading.Event], Any]) -> Any:
        assert self._job is not None and self._temp is not None
        if not self._job.result() or self._stop.is_set():
            raise UpdateError("副本未完成", "the copy was not made")
        return work(self._temp.path, self._stop)

    def of(self, path: Path) -> bool:
        """Is this a copy of `path` as it is now (the same file)?"""
        try:
            return _identity(path.stat()) == self._identity
        except OSError:
            return False

    def take(self, active: Path) -> TempFile | None:
        """The finished copy if it is of `active` as it is now (the caller then owns the file and
        releases it), else None (and the copy is released)."""
        if not self.of(active) or self._temp is None or self._job is None:
            self.release()
            return None
        if not self._job.result():
            self.release()
            raise _bad_copy(active)
        prepared: Any = None
        if self._then is not None:
            try:
                prepared = self._then.result()
            except Exception:  # the work failed half-way: start from a new copy
                self.release()
                return None
        temp, self._temp = self._temp, None
        self.prepared = prepared
        return temp

    def release(self, wait: bool = True) -> None:
        """Stop the work (and wait for it to stop: a moment) and delete the copy."""
        self._stop.set()
        for job in (self._then, self._job) if wait else ():
            if job is not None:
                job.__exit__()
        if self._temp is not None:
            self._temp.release()
            self._temp = None

    def __del__(self) -> None:  # a plan dropped without discard() still lets its copy go
        if hasattr(self, "_job"):
            self.release(wait=False)  # (no join: at exit, threads may be gone)


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _install(new: Path, user_dir: Path, origin: str) -> Path | None:
    """Make `new` the active user database; keep the active one as the previous one."""
    user, previous = user_database(user_dir), previous_database(user_dir)
    kept: Path | None = None
    if origin == "user":
        with TempFile(user_dir, "keep") as link:  # under the update lock: cleanup waits
            _link_or_copy(user, link.path)
            os.replace(link.path, previous)
        kept = previous
    else:  # updating the bundled data: rolling back returns to it, so no previous user file
        with suppress(FileNotFoundError):
            previous.unlink()
    os.replace(new, user)
    _fsync_dir(user_dir)
    return kept


# --- rollback and status ------------------------------------------------------------------------


@dataclass(frozen=True)
class RollbackResult:
    active: Active
    kept: Path | None  # what a second rollback returns to


def rollback(bundled: Path, user_dir: Path) -> RollbackResult:
    """One step back: the previous database becomes the active one and the active one the previous
    (so a second rollback redoes). After the first update from the bundled data, rolling back makes
    the bundled data active again (the update is kept as the previous file)."""
    with update_lock(user_dir):
        _cleanup(user_dir)
        user, previous = user_database(user_dir), previous_database(user_dir)
        has_user, has_previous = user.exists(), previous.exists()
        if has_user and has_previous:
            with TempFile(user_dir, "swap") as swap:
                _link_or_copy(user, swap.path)
                os.replace(previous, user)
                os.replace(swap.path, previous)
        elif has_previous:  # the bundled data is active: bring the update back
            os.replace(previous, user)
        elif has_user and (read_meta(user) or {}).get("derived_from") == "bundled":
            os.replace(user, previous)
        else:
            raise UpdateError(
                "没有可以回退的上一版本", "there is no previous version to roll back to"
            )
        _fsync_dir(user_dir)
        return RollbackResult(
            resolve(bundled, user_dir, clean=False), previous if previous.exists() else None
        )


@dataclass(frozen=True)
class Status:
    active: Active
    meta: dict[str, str]
    updates: list[dict[str, Any]]  # the active database's update history, oldest first
    previous: Path | None
    previous_updates: list[dict[str, Any]]
    removed_temp_files: list[Path]


def status(bundled: Path, user_dir: Path) -> Status:
    removed = cleanup(user_dir)
    active = resolve(bundled, user_dir, clean=False)
    meta = read_meta(active.path) or {}
    previous = previous_database(user_dir)
    previous_meta = read_meta(previous)
    return Status(
        active=active,
        meta=meta,
        updates=json.loads(meta.get("updates") or "[]"),
        previous=previous if previous_meta is not None else None,
        previous_updates=json.loads((previous_meta or {}).get("updates") or "[]"),
        removed_temp_files=removed,
    )


__all__ = [
    "Active",
    "Copy",
    "Expect",
    "RollbackResult",
    "Status",
    "TempFile",
    "UpdateError",
    "UpdateResult",
    "active_database",
    "check_database",
    "cleanup",
    "resolve",
    "rollback",
    "status",
    "update",
]
