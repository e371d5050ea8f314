"""Read-only queries over the built reference database → models; search."""

from __future__ import annotations

import datetime as dt
import heapq
import json
import mmap
import os
import re
import sqlite3
import stat
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .buildinfo import (
    APPLICATION_ID,
    CHECKSUM_FROM_PAGE,
    SCHEMA_VERSION,
    shape,
    source_hash,
    source_stamp,
)
from .errors import (
    FIX,
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseOutdated,
    DatabaseProblem,
    DatabaseUnreadable,
)
from .models import CatalogTerms, Item, ItemClass, ItemKind, Level, Origin, Source, Tier
from .money import from_fen
from .rules import RegionFile
from .search_index import INSIDE, NAME, PREFIX, rank_of


def _unreadable(path: Path, what: str | None = None) -> DatabaseUnreadable:
    """Permission denied: name the owner and mode when they can be read, and the real fix."""
    try:
        st = path.stat()
        mode = f"mode {st.st_mode & 0o777:04o}, owner uid {st.st_uid}"
    except OSError:
        mode = "its folder cannot be entered"
    detail = what or mode
    return DatabaseUnreadable(
        f"the reference database {path} cannot be read by this user (permission denied; {detail})",
        f"当前用户无权读取参考数据库 {path}（权限不足；{detail}）",
        fix_en=f"ask its owner to make it readable (`chmod a+r {path}` and its folders a+x), or "
        "point --db / ESTIMATOR_DB at a copy you can read; rebuilding does not help",
        fix_zh=f"请文件所有者将其设为可读（`chmod a+r {path}`，所在文件夹 a+x），或用 --db / "
        "ESTIMATOR_DB 指向您可读取的副本；重新构建无济于事",
        path=path,
    )


def _damaged(path: Path, en: str, zh: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"the reference database {path} is damaged ({en})",
        f"参考数据库 {path} 已损坏（{zh}）",
        fix_en=f"rebuild it with `{FIX}`, or restore an intact copy of the file",
        fix_zh=f"运行 `{FIX}` 重新构建，或恢复该文件的完好副本",
        path=path,
    )


def _outdated(path: Path, en: str, zh: str) -> DatabaseOutdated:
    return DatabaseOutdated(en, zh, path=path)


def problem_from_sqlite(path: Path, exc: sqlite3.Error) -> DatabaseProblem:
    """What an sqlite3 error means for the user, by its result code: permission, damage, an older
    shape, a disk error."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc)
    if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return _damaged(path, text, f"SQLite：{text}")
    if code in (3, 23) or (code == 14 and path.exists() and not os.access(path, os.R_OK)):
        return _unreadable(path)  # SQLITE_PERM, SQLITE_AUTH, CANTOPEN on an unreadable file
    if code == 14:  # SQLITE_CANTOPEN
        if not path.exists():
            return _missing(path)
        return _damaged(path, f"SQLite cannot open it: {text}", f"SQLite 无法打开：{text}")
    if code == 10:  # SQLITE_IOERR
        return DatabaseDamaged(
            f"the reference database {path} could not be read from the disk ({text})",
            f"无法从磁盘读取参考数据库 {path}（{text}）",
            fix_en=f"check the disk, then restore a copy or rebuild it with `{FIX}`",
            fix_zh=f"请检查磁盘，然后恢复副本或运行 `{FIX}` 重新构建",
            path=path,
        )
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return DatabaseProblem(
            f"the reference database {path} is locked by another program ({text})",
            f"参考数据库 {path} 被其他程序锁定（{text}）",
            fix_en="close the other program (or wait for a build to finish) and try again",
            fix_zh="请关闭占用它的程序（或等待构建完成）后重试",
            path=path,
        )
    if "no such table" in text or "no such column" in text:
        return _outdated(
            path,
            f"{path} is of an older or altered shape ({text})",
            f"{path} 的结构较旧或已被改动（{text}）",
        )
    return _damaged(path, text, f"SQLite：{text}")


def _missing(path: Path) -> DatabaseMissing:
    return DatabaseMissing(
        f"the reference database {path} is missing", f"参考数据库 {path} 不存在", path=path
    )


SQLITE_MAGIC = b"SQLite format 3\x00"


def _inspect_file(path: Path) -> tuple[int, int, int]:
    """The file before SQLite sees it: there, a regular file, readable, a SQLite file of the size
    its header states. Returns the page size, the checksum the build wrote into the header, and
    the header's application id (the mark of a reference database)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    except PermissionError:
        raise _unreadable(path, "a folder on its path cannot be entered") from None
    except OSError as exc:
        raise _damaged(path, str(exc), str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DatabaseMissing(
            f"{path} is a folder, not a reference database file",
            f"{path} 是文件夹，不是参考数据库文件",
            fix_en=f"give the database file itself (--db FILE or ESTIMATOR_DB), or run `{FIX}`",
            fix_zh=f"请指定数据库文件本身（--db 文件 或 ESTIMATOR_DB），或运行 `{FIX}`",
            path=path,
        )
    if not stat.S_ISREG(st.st_mode):
        raise DatabaseMissing(
            f"{path} is not a regular file (a device or a pipe), not a reference database",
            f"{path} 不是普通文件（设备或管道），不是参考数据库",
            fix_en=f"give the database file (--db FILE or ESTIMATOR_DB), or run `{FIX}`",
            fix_zh=f"请指定数据库文件（--db 文件 或 ESTIMATOR_DB），或运行 `{FIX}`",
            path=path,
        )
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except PermissionError:
        raise _unreadable(path) from None
    except OSError as exc:
        raise _damaged(path, str(exc), str(exc)) from None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        what = "empty" if not head else "not a SQLite database"
        raise _damaged(
            path,
            f"{what}: {st.st_size} bytes without the SQLite header",
            f"{'空文件' if not head else '不是 SQLite 数据库'}：{st.st_size} 字节，没有 SQLite 文件头",
        )
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96]  # the header's page count is valid (SQLite ≥ 3.7)
    if counted and pages * page_size != st.st_size:
        raise _damaged(
            path,
            f"{st.st_size} bytes where its header states {pages} pages of {page_size} bytes: "
            "cut short or padded",
            f"文件大小 {st.st_size} 字节，文件头记载 {pages} 页 × {page_size} 字节：被截断或填充",
        )
    return page_size, int.from_bytes(head[60:64], "big"), int.from_bytes(head[68:72], "big")


def _foreign(path: Path) -> DatabaseOutdated:
    return _outdated(
        path,
        f"{path} is a SQLite file but not a reference database of this program",
        f"{path} 是 SQLite 文件，但不是本程序的参考数据库",
    )


def _stale(meta: dict[str, str], sources: Path) -> bool:
    """Do the sources differ from those the database was built from? Their paths, sizes and
    modification times first (cheap); only when those differ are the bytes hashed."""
    if meta.get("source_stamp") and meta["source_stamp"] == source_stamp(sources):
        return False
    return meta.get("source_hash") != source_hash(sources)


@dataclass(frozen=True)
class RegionRow:
    id: str
    name_zh: str
    name_en: str
    province: str
    province_en: str
    kind: str
    schemes: list[str]
    coverage_from: dt.date
    coverage_until: dt.date | None
    newest_from: dt.date
    official: int
    secondary: int
    estimate: int
    origin: str  # curated | template (the unverified national layer)
    levels: list[str] | None = None  # hospital levels that exist there (None: not stated)
    hotline: str | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class TreatmentLine:
    code: str
    qty: dict[str, Decimal] | None  # low / typical / high
    per_day: Decimal | None

    def quantity(self, variant: str, stay_days: Decimal) -> Decimal:
        if self.per_day is not None:
            return self.per_day * stay_days
        assert self.qty is not None
        return self.qty[variant]


@dataclass(frozen=True)
class Treatment:
    id: str
    name_zh: str
    name_en: str
    aliases: list[str]
    category: str
    setting: str
    stay_days: dict[str, Decimal]
    source: Source
    note_zh: str | None
    note_en: str | None
    lines: list[TreatmentLine]
    levels: list[str]  # hospital levels where it is done
    completeness_zh: str | None
    completeness_en: str | None
    calibration: list[dict[str, Any]]  # published figures its typical total is checked against

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True, eq=False)  # compared by identity: resolve() hands out the same objects
class ListEdition:
    """One edition of a catalogue or price list, as resolved for a date."""

    id: str  # <list>@<from>
    list_id: str
    kind: str  # catalog | price
    name_zh: str
    name_en: str
    start: dt.date
    in_force_from: dt.date
    parts: frozenset[str] | None  # drug parts this edition judges on the date (None: all items)
    local_to: tuple[str, ...]  # provinces, region ids, or "national"

    def local_for(self, region_id: str, province: str) -> bool:
        """Is this the treated place's own list (not a stand-in from elsewhere)?"""
        return bool({"national", region_id, province} & set(self.local_to))


@dataclass(frozen=True)
class Spread:
    """The measured price ratio between two real lists for a service category."""

    category: str
    n: int
    low: Decimal
    median: Decimal
    high: Decimal


@dataclass(frozen=True)
class Price:
    amount: Decimal
    source: Source
    method: str | None
    edition: ListEdition


@dataclass(frozen=True)
class SearchHit:
    kind: str  # drug / service / consumable / treatment
    ref: str
    name: str


_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Catalog:
    """The reference database, opened read-only and checked before use.

    Opening checks, in this order, each failure a DatabaseProblem naming the file, the cause and
    the fix: the file (exists, a regular file, readable, a SQLite file of the size its header
    states, marked as a reference database), the schema version, every table, column and index
    the migrations made (recorded in `meta` at build time), staleness against the sources, and
    the checksum of every page (`check_pages`, ≈10 ms for the bundled file; pass
    `check_pages=False` to run it later with `Catalog.check_pages()`). Every sqlite3 error of a
    later query becomes a DatabaseProblem too."""

    def __init__(
        self,
        path: Path,
        sources: Path | None = None,
        *,
        check_stale: bool = True,
        check_pages: bool = True,
    ) -> None:
        """Open `path` read-only. Staleness is checked against `sources`, or else against the
        folder the database was built from when it still exists (a checkout)."""
        self.path = path
        self._page_size, self._checksum, application_id = _inspect_file(path)
        try:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            meta = {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM meta")}
        except sqlite3.Error as exc:
            if application_id != APPLICATION_ID and "no such table" in str(exc):
                raise _foreign(path) from None
            raise problem_from_sqlite(path, exc) from None
        self.meta = {k: v for k, v in meta.items() if k not in ("shape", "source_stamp")}
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise _outdated(
                path,
                f"{path} has schema version {meta.get('schema_version')}, this program needs "
                f"{SCHEMA_VERSION}",
                f"{path} 的结构版本为 {meta.get('schema_version')}，本程序需要 {SCHEMA_VERSION}",
            )
        if application_id != APPLICATION_ID:
            raise _foreign(path)
        self._check_shape(meta.get("shape"))
        if sources is None and meta.get("sources_dir") and Path(meta["sources_dir"]).is_dir():
            sources = Path(meta["sources_dir"])
        if check_stale and sources is not None and _stale(meta, sources):
            raise _outdated(
                path,
                f"{path} is stale: db/sources changed since it was built on {meta.get('build_date')}",
                f"{path} 已过期：db/sources 在 {meta.get('build_date')} 构建后有改动",
            )
        self._run("PRAGMA case_sensitive_like = ON")  # lets LIKE 'x%' use an index
        self._region_files: dict[str, RegionFile] = {}
        self._regions: dict[str, RegionRow | None] = {}
        self._items: dict[str, Item | None] = {}
        self._entries: dict[tuple[str, str], sqlite3.Row | None] = {}  # (edition, code)
        self._prices: dict[tuple[str, str], dict[str, sqlite3.Row]] = {}  # (edition, code) → level
        self._sources: dict[str, Source] = {}
        self._ranks: list[int] | None = None  # search: the ranks in search_key, in order
        self._key_buckets: dict[tuple[int, int], tuple[int | None, int | None]] = {}
        if check_pages:
            self.check_pages()

    def close(self) -> None:
        self.conn.close()

    # --- checks and queries: every sqlite3 error becomes a DatabaseProblem ---------------------

    def _check_shape(self, recorded: str | None) -> None:
        """Every table, column and index the migrations made (as the build recorded them) is
        there: a dropped table or column is an older or altered database."""
        try:
            expected = json.loads(recorded) if recorded else None
        except ValueError:
            expected = None
        if not isinstance(expected, dict):
            raise _damaged(self.path, "its recorded shape is unreadable", "记录的结构无法读取")
        try:
            live = shape(self.conn)
        except sqlite3.Error as exc:
            raise problem_from_sqlite(self.path, exc) from None
        for table, columns in expected.get("tables", {}).items():
            have = live["tables"].get(table)
            lost = [c for c in columns if c not in have] if have is not None else []
            if have is None or lost:
                en = f"table {table}" if have is None else f"column {table}.{lost[0]}"
                zh = f"表 {table}" if have is None else f"列 {table}.{lost[0]}"
                raise _outdated(
                    self.path,
                    f"{self.path} lacks the {en}: it is an older or altered database",
                    f"{self.path} 缺少{zh}：这是较旧或被改动过的数据库",
                )
        for index in expected.get("indexes", []):
            if index not in live["indexes"]:
                raise _outdated(
                    self.path,
                    f"{self.path} lacks the index {index}: it is an older or altered database",
                    f"{self.path} 缺少索引 {index}：这是较旧或被改动过的数据库",
                )

    def check_pages(self) -> None:
        """Every page after the first matches the CRC-32 the build wrote into the header: a
        damaged page (zeroed, overwritten, a bad copy) is found before it is read."""
        crc = 0
        try:
            with (
                open(self.path, "rb") as handle,
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
                memoryview(data) as view,
            ):
                crc = zlib.crc32(view[self._page_size * (CHECKSUM_FROM_PAGE - 1) :])
        except PermissionError:
            raise _unreadable(self.path) from None
        except (OSError, ValueError) as exc:
            raise _damaged(self.path, str(exc), str(exc)) from None
        if crc != self._checksum:
            raise _damaged(
                self.path,
                "its pages do not match the checksum written when it was built",
                "数据页与构建时写入的校验和不符",
            )

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise problem_from_sqlite(self.path, exc) from None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """All rows of a query (fetched here, so an error while reading is caught here too)."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise problem_from_sqlite(self.path, exc) from None

    def _row(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        try:
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise problem_from_sqlite(self.path, exc) from None
        return row

    # --- regions ------------------------------------------------------------------------------

    def regions(self) -> list[RegionRow]:
        rows = self._rows(f"SELECT {_REGION_COLUMNS} FROM regions ORDER BY province_en, name_en")
        return [_region(row) for row in rows]

    def region(self, region_id: str) -> RegionRow | None:
        if region_id not in self._regions:
            row = self._row(f"SELECT {_REGION_COLUMNS} FROM regions WHERE id = ?", (region_id,))
            self._regions[region_id] = _region(row) if row else None
        return self._regions[region_id]

    def region_file(self, region_id: str) -> RegionFile | None:
        cached = self._region_files.get(region_id)
        if cached is None:
            row = self._row("SELECT file, rules_json FROM regions WHERE id = ?", (region_id,))
            if row is None:
                return None
            cached = RegionFile(json.loads(row["rules_json"]), row["file"], validate=False)
            self._region_files[region_id] = cached
        return cached

    # --- items, catalogues and prices ----------------------------------------------------------

    @lru_cache(maxsize=1024)  # noqa: B019
    def caveat(self, kind: str, list_id: str) -> dict[str, Any] | None:
        """What the data does not know about a list (its `caveat`), or None."""
        row = self._list(kind, list_id)
        if row is None or not row["caveat"]:
            return None
        found: dict[str, Any] = json.loads(row["caveat"])
        return found

    def real_price_lists(self, on: dt.date) -> list[ListEdition]:
        """The editions in force of the price lists local to a place (not national stand-ins)."""
        rows = self._rows(
            "SELECT id FROM lists WHERE kind = 'price' AND local_to IS NOT NULL "
            "AND local_to NOT LIKE '%national%'"
        )
        out = []
        for (list_id,) in rows:
            in_force = [e for e in self._editions("price", list_id) if e.start <= on]
            spec = self._list("price", list_id)
            if in_force and spec is not None and in_force[-1].name_zh != spec["name_zh"]:
                out.append(in_force[-1])  # a named edition (a dated book), not a small local list
        return out

    def has_list(self, kind: str, list_id: str) -> bool:
        return self._list(kind, list_id) is not None

    @lru_cache(maxsize=1024)  # noqa: B019
    def _list(self, kind: str, list_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._row(
            "SELECT * FROM lists WHERE id = ? AND kind = ?", (list_id, kind)
        )
        return row

    @lru_cache(maxsize=1024)  # noqa: B019
    def _editions(self, kind: str, list_id: str) -> tuple[ListEdition, ...]:
        spec = self._list(kind, list_id)
        if spec is None or not spec["local_to"]:
            return ()  # no such list, or a composite (it has no editions of its own)
        rows = self._rows(
            "SELECT * FROM list_editions WHERE kind = ? AND list_id = ? ORDER BY start",
            (kind, list_id),
        )
        return tuple(
            ListEdition(
                id=r["id"],
                list_id=list_id,
                kind=kind,
                name_zh=r["name_zh"],
                name_en=r["name_en"],
                start=dt.date.fromisoformat(r["start"]),
                in_force_from=dt.date.fromisoformat(r["in_force_from"]),
                parts=frozenset(json.loads(r["parts"])) if r["parts"] else None,
                local_to=tuple(json.loads(spec["local_to"])),
            )
            for r in rows
        )

    @lru_cache(maxsize=4096)  # noqa: B019
    def resolve(self, kind: str, list_id: str, on: dt.date) -> tuple[ListEdition, ...]:
        """The editions to search, in order, for a list a region names (a composite's members in
        turn), as in force on `on`. A list whose first edition starts later is skipped; for the drug
        list, each part is judged by the newest edition in force that covers it."""
        spec = self._list(kind, list_id)
        if spec is None:
            raise KeyError(f"no {kind} list {list_id!r}")
        members = json.loads(spec["search"]) if spec["search"] else [list_id]
        out: list[ListEdition] = []
        for member in members:
            in_force = [e for e in self._editions(kind, member) if e.start <= on]
            if not in_force:
                continue
            if all(e.parts is None for e in in_force):
                out.append(in_force[-1])
                continue
            covered: set[str] = set()
            for e in reversed(in_force):
                parts = set(e.parts or ()) - covered
                if parts:
                    out.append(replace(e, parts=frozenset(parts)))
                    covered |= parts
        return tuple(out)

    def source(self, source_id: str) -> Source:
        found = self._sources.get(source_id)
        if found is None:
            row = self._row("SELECT * FROM sources WHERE id = ?", (source_id,))
            if row is None:  # every row names a source the build checked: the file was altered
                raise _damaged(
                    self.path, f"source {source_id!r} is missing", f"缺少来源 {source_id!r}"
                )
            found = Source.model_validate(dict(zip(row.keys(), row, strict=True)))
            self._sources[source_id] = found
        return found

    def item(self, code: str) -> Item | None:
        if code not in self._items:
            self._items[code] = _item(self._row("SELECT * FROM items WHERE code = ?", (code,)))
        return self._items[code]

    def prefetch(
        self,
        codes: Sequence[str],
        price_editions: Sequence[ListEdition] = (),
        level: str | None = None,
        catalog_editions: Iterable[ListEdition] = (),
    ) -> None:
        """Read what a bill needs in a few queries — its items, their rows in the catalogue
        editions, their prices in the price editions — instead of one query per line and list
        (the first compare in a process is then close to a warm one)."""
        wanted = list(dict.fromkeys(codes))
        missing = [c for c in wanted if c not in self._items]
        for chunk in _chunks(missing):
            found = {
                r["code"]: r
                for r in self._rows(
                    f"SELECT * FROM items WHERE code IN ({','.join('?' * len(chunk))})", chunk
                )
            }
            for code in chunk:
                self._items[code] = _item(found.get(code))
        for e in catalog_editions:
            chunk_codes = [c for c in wanted if (e.id, c) not in self._entries]
            for chunk in _chunks(chunk_codes):
                for code in chunk:
                    self._entries[(e.id, code)] = None
                for r in self._rows(
                    "SELECT * FROM catalog_entries WHERE catalog = ? "
                    f"AND code IN ({','.join('?' * len(chunk))})",
                    [e.id, *chunk],
                ):
                    self._entries[(e.id, r["code"])] = r
        for e in price_editions if level is not None else ():
            chunk_codes = [c for c in wanted if (e.id, c) not in self._prices]
            for chunk in _chunks(chunk_codes):
                for code in chunk:
                    self._prices[(e.id, code)] = {}
                for r in self._rows(
                    "SELECT * FROM prices WHERE price_list = ? "
                    f"AND code IN ({','.join('?' * len(chunk))})",
                    [e.id, *chunk],
                ):
                    self._prices[(e.id, r["code"])][r["level"]] = r

    def _entry(self, edition_id: str, code: str) -> sqlite3.Row | None:
        key = (edition_id, code)
        if key not in self._entries:
            self._entries[key] = self._row(
                "SELECT * FROM catalog_entries WHERE catalog = ? AND code = ?", key
            )
        return self._entries[key]

    def _price_row(self, edition_id: str, code: str, level: str) -> sqlite3.Row | None:
        levels = self._prices.get((edition_id, code))
        if levels is None:
            levels = self._prices[(edition_id, code)] = {
                r["level"]: r
                for r in self._rows(
                    "SELECT * FROM prices WHERE price_list = ? AND code = ?", (edition_id, code)
                )
            }
        return levels.get(level)

    @lru_cache(maxsize=65536)  # noqa: B019
    def terms(
        self, editions: tuple[ListEdition, ...], code: str, part: str | None = None
    ) -> tuple[CatalogTerms, ListEdition | None]:
        """How the catalogue treats an item, and the edition that decided (None: in no list).

        The first edition with a row decides (class '-': not covered there); an edition that
        judges a part of the drug list decides for its part even without a row (not covered)."""
        for e in editions:
            if e.parts is not None and (part is None or part not in e.parts):
                continue
            row = self._entry(e.id, code)
            if row is None and e.parts is None:
                continue
            if row is None or row["class"] == "-":
                return CatalogTerms(catalogue=e.id, covered=False, item_class=None), e
            return (
                CatalogTerms(
                    catalogue=e.id,
                    covered=True,
                    item_class=ItemClass(row["class"]),
                    pay_cap=None if row["pay_cap_fen"] is None else from_fen(row["pay_cap_fen"]),
                    item_share=None if row["item_share"] is None else Decimal(row["item_share"]),
                    restriction=row["restriction"],
                    source=self.source(row["source_id"]),
                ),
                e,
            )
        first = editions[0].id if editions else "none"
        return CatalogTerms(catalogue=first, covered=False, item_class=None), None

    @lru_cache(maxsize=65536)  # noqa: B019
    def price(self, editions: tuple[ListEdition, ...], code: str, level: Level) -> Price | None:
        """The first price for the item at this level (or for every level) in the editions."""
        for e in editions:
            for lvl in (Level(level).value, "all"):
                row = self._price_row(e.id, code, lvl)
                if row is not None:
                    return Price(
                        amount=from_fen(row["price_fen"]),
                        source=self.source(row["source_id"]),
                        method=row["method"],
                        edition=e,
                    )
        return None

    @lru_cache(maxsize=256)  # noqa: B019
    def spread(self, category: str | None) -> Spread | None:
        """The spread for an item's service category (Jiangsu's first two digits), else for all
        services; None when no two real lists were compared."""
        head = (category or "").split(" ", 1)[0][:2]
        for key in (head, "all"):
            row = self._row("SELECT * FROM price_spread WHERE category = ?", (key,))
            if row is not None:
                return Spread(
                    category=key,
                    n=row["n"],
                    low=Decimal(row["low"]),
                    median=Decimal(row["median"]),
                    high=Decimal(row["high"]),
                )
        return None

    # --- treatments --------------------------------------------------------------------------

    def treatments(self) -> list[Treatment]:
        ids = [r[0] for r in self._rows("SELECT id FROM treatments ORDER BY category, id")]
        return [t for t in (self.treatment(i) for i in ids) if t is not None]

    @lru_cache(maxsize=1024)  # noqa: B019
    def treatment(self, treatment_id: str) -> Treatment | None:
        row = self._row("SELECT * FROM treatments WHERE id = ?", (treatment_id,))
        if row is None:
            return None
        lines = [
            TreatmentLine(
                code=r["code"],
                qty=None
                if r["per_day"]
                else {v: Decimal(r[f"qty_{v}"]) for v in ("low", "typical", "high")},
                per_day=Decimal(r["per_day"]) if r["per_day"] else None,
            )
            for r in self._rows(
                "SELECT * FROM treatment_lines WHERE treatment_id = ? ORDER BY seq", (treatment_id,)
            )
        ]
        return Treatment(
            id=row["id"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            aliases=[a for a in (row["aliases"] or "").split("|") if a],
            category=row["category"],
            setting=row["setting"],
            stay_days={v: Decimal(row[f"stay_{v}"]) for v in ("low", "typical", "high")},
            source=self.source(row["source_id"]),
            note_zh=row["note_zh"],
            note_en=row["note_en"],
            lines=lines,
            levels=json.loads(row["levels"]),
            completeness_zh=row["completeness_zh"],
            completeness_en=row["completeness_en"],
            calibration=json.loads(row["calibration"]),
        )

    # --- search ------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 30, kinds: tuple[str, ...] = ()) -> list[SearchHit]:
        """Find items and treatments by Chinese name (any characters), pinyin initials (at the
        start or inside a name) or full pinyin, code (prefix), or Latin letters in a name or alias.
        Treatments first, then matches at the start of the name, then shorter names, then by code.

        Every class of query reads an index in result order, about as many rows as it shows
        (schema.search_index, schema.ordered_keys): one or two characters the gram table; three
        or more the names that start with them (search_key), then the trigram index; Latin text
        the pinyin / code keys, then the tails of the initials and the gram or trigram index."""
        # a NUL ends an FTS5 query, a lone surrogate (bad bytes in argv) is not UTF-8: neither stays
        q = _CONTROL.sub(" ", text.encode("utf-8", "replace").decode("utf-8")).strip()
        if not q or limit <= 0:
            return []
        if _CJK.search(q) and len(q) <= 2:  # the gram table holds hits in result order
            kind_sql = f" AND s.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
            sql = (
                "SELECT s.kind, s.ref, s.name FROM search_gram g JOIN search s ON s.id = g.id "
                f"WHERE g.gram = ?{kind_sql} ORDER BY g.rank, g.pre, g.id LIMIT ?"
            )
            rows = self._rows(sql, [q, *kinds, limit])
            return [SearchHit(kind=r[0], ref=r[1], name=r[2]) for r in rows]
        ranks = self._search_ranks(kinds)
        # Each source yields (rank, later, id) in result order; merged, an item is listed at its
        # first (best) place. A source first yields a place holder (id -1) at each rank it
        # reads, and reads nothing until the merge gets there: a page filled by the first
        # sources never reads the later ones.
        if _CJK.search(q):  # names that start with it, then the others that hold it
            streams = [
                self._key_hits(q, q + "\U0010ffff", NAME, 0, ranks),
                self._trigram_hits(q, "instr(s.name, ?) != 1", (q,), ranks),
            ]
        else:  # pinyin initials, full pinyin, codes from the start; then initials inside a
            # name ("qcs" in 阑尾切除术) and Latin letters in a name or alias, as typed or in capitals
            low = q.lower().replace(" ", "")
            streams = [self._key_hits(low, low + "\uffff", PREFIX, 0, ranks)]
            if len(low) >= 3:
                streams.append(self._key_hits(low, low + "\uffff", INSIDE, 1, ranks))
            up = q.upper()
            if len(q) == 2:  # "CT" in 颈椎CT平扫
                streams += [
                    self._gram_hits(gram, pre, ranks)
                    for gram in dict.fromkeys((q, up))
                    for pre in (0, 1)
                ]
            elif len(q) >= 3:  # "TAVI", "aortic"
                streams.append(
                    self._trigram_hits(q, "(instr(s.text, ?) OR instr(s.text, ?))", (q, up), ranks)
                )
        try:
            return self._page(heapq.merge(*streams), limit, kinds)
        except sqlite3.Error as exc:
            raise problem_from_sqlite(self.path, exc) from None

    def _search_ranks(self, kinds: tuple[str, ...]) -> list[int]:
        """The ranks search reads, in order: those of the kinds asked for (all when none)."""
        if self._ranks is None:
            found: list[int] = []
            while True:  # one index lookup per rank (there are two)
                row = self._row(
                    "SELECT min(rank) FROM search_key WHERE rank > ?", (found[-1] if found else -1,)
                )
                if row is None or row[0] is None:
                    break
                found.append(row[0])
            self._ranks = found
        wanted = {rank_of(k) for k in kinds}
        return [r for r in self._ranks if not kinds or r in wanted]

    def _cursor(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples
        return cursor.execute(sql, params)

    def _key_hits(
        self, low: str, high: str, inside: int, later: int, ranks: list[int]
    ) -> Iterator[tuple[int, int, int]]:
        """Items with a key of this kind (search_index.PREFIX, INSIDE, NAME) from `low` up to
        `high` (those that start with the query), in id order: search_key is walked bucket by
        bucket (schema.ordered_keys), each bucket's matches sorted."""
        for rank in ranks:
            yield rank, later, -1
            span = self._key_buckets.get((rank, inside))
            if span is None:
                row = self._row(
                    "SELECT (SELECT min(bucket) FROM search_key WHERE rank = ?1 AND inside = ?2), "
                    "(SELECT max(bucket) FROM search_key WHERE rank = ?1 AND inside = ?2)",
                    (rank, inside),
                )
                span = self._key_buckets[(rank, inside)] = (row[0], row[1]) if row else (None, None)
            if span[0] is None:
                continue
            cursor = self._cursor(_KEY_WALK, (span[0], span[1], rank, inside, low, high))
            bucket, found = -1, set[int]()
            for n, ident in cursor:
                if n != bucket:
                    yield from ((rank, later, i) for i in sorted(found))
                    bucket, found = n, set[int]()
                found.add(ident)
            yield from ((rank, later, i) for i in sorted(found))

    def _gram_hits(self, gram: str, pre: int, ranks: list[int]) -> Iterator[tuple[int, int, int]]:
        """Items whose text holds the two characters `gram`, in id order (later 1)."""
        for rank in ranks:
            yield rank, 1, -1
            cursor = self._cursor(
                "SELECT id FROM search_gram WHERE gram = ? AND rank = ? AND pre = ? ORDER BY id",
                (gram, rank, pre),
            )
            for (ident,) in cursor:
                yield rank, 1, ident

    def _trigram_hits(
        self, q: str, keep: str, params: tuple[str, ...], ranks: list[int]
    ) -> Iterator[tuple[int, int, int]]:
        """Items whose text holds `q` and for which the SQL `keep` holds, in id order (later 1):
        the trigram index lists them by id, and ids follow rank (schema.ordered_keys)."""
        if not ranks:
            return
        current = ranks[0]
        yield current, 1, -1
        cursor = self._cursor(
            f"SELECT s.rank, s.id, {keep} FROM search_trigram t JOIN search s ON s.id = t.rowid "
            "WHERE search_trigram MATCH ? ORDER BY t.rowid",
            (*params, _phrase(q)),
        )
        for rank, ident, kept in cursor:
            if rank not in ranks:  # of kinds not asked for
                if rank > ranks[-1]:
                    return
                continue
            if rank != current:  # a place holder before reading on into the next rank
                current = rank
                yield rank, 1, -1
            if kept:
                yield rank, 1, ident

    def _page(
        self, hits: Iterator[tuple[int, int, int]], limit: int, kinds: tuple[str, ...]
    ) -> list[SearchHit]:
        """The first `limit` distinct items of merged hits (of the kinds asked for)."""
        seen: set[int] = set()
        out: list[SearchHit] = []
        size = limit
        while len(out) < limit:
            batch: list[int] = []
            for _, _, ident in hits:
                if ident >= 0 and ident not in seen:  # -1: a source's place holder
                    seen.add(ident)
                    batch.append(ident)
                    if len(batch) >= size:
                        break
            if not batch:
                break
            found: dict[int, tuple[str, str, str]] = {}
            for at in range(0, len(batch), 500):
                chunk = batch[at : at + 500]
                marks = ",".join("?" * len(chunk))
                cursor = self._cursor(
                    f"SELECT id, kind, ref, name FROM search WHERE id IN ({marks})", chunk
                )
                found.update((r[0], r[1:]) for r in cursor)
            for ident in batch:
                kind, ref, name = found[ident]
                if (not kinds or kind in kinds) and len(out) < limit:
                    out.append(SearchHit(kind=kind, ref=ref, name=name))
            size = min(size * 4, 4096)  # other kinds were left out: read on in larger steps
        return out


# search_key bucket by bucket, in order: one index lookup per bucket, reading in each only the
# keys that start with the query (CROSS JOIN: the buckets are the outer loop)
_KEY_WALK = (
    "WITH RECURSIVE b(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM b WHERE n < ?) "
    "SELECT b.n, k.id FROM b CROSS JOIN search_key k WHERE k.rank = ? AND k.inside = ? "
    "AND k.bucket = b.n AND k.key >= ? AND k.key < ?"
)


def _phrase(q: str) -> str:
    """A query as one FTS5 phrase (the trigram index finds it anywhere in the text)."""
    return '"' + q.replace('"', '""') + '"'


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _item(row: sqlite3.Row | None) -> Item | None:
    if row is None:
        return None
    return Item(
        code=row["code"],
        kind=ItemKind(row["kind"]),
        name_zh=row["name_zh"],
        name_en=row["name_en"] or None,
        unit=row["unit"] or None,
        category=row["category"] or None,
        origin=Origin(row["origin"]) if row["origin"] else None,
        part=row["part"] or None,
    )


# what a RegionRow holds: not the rules (4 MB of JSON for 350 places, read only when used)
_REGION_COLUMNS = (
    "id, name_zh, name_en, province, province_en, kind, schemes, coverage_from, coverage_until, "
    "newest_from, official, secondary, estimate, origin"
)


def _region(row: sqlite3.Row) -> RegionRow:
    return RegionRow(
        id=row["id"],
        name_zh=row["name_zh"],
        name_en=row["name_en"],
        province=row["province"],
        province_en=row["province_en"],
        kind=row["kind"],
        schemes=json.loads(row["schemes"]),
        coverage_from=dt.date.fromisoformat(row["coverage_from"]),
        coverage_until=dt.date.fromisoformat(row["coverage_until"])
        if row["coverage_until"]
        else None,
        newest_from=dt.date.fromisoformat(row["newest_from"]),
        official=row["official"],
        secondary=row["secondary"],
        estimate=row["estimate"],
        origin=row["origin"],
    )


__all__ = [
    "Catalog",
    "DatabaseProblem",
    "ListEdition",
    "Price",
    "RegionRow",
    "SearchHit",
    "Tier",
    "Treatment",
]
