"""Read-only queries over the built reference database → models; search."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .buildinfo import SCHEMA_VERSION, source_hash
from .models import CatalogTerms, Item, ItemClass, ItemKind, Level, Origin, Source, Tier
from .money import from_fen
from .rules import RegionFile

FIX = "estimator build-db"


class DatabaseProblem(RuntimeError):
    """The reference database cannot be used; says why and the command that fixes it."""

    def __init__(self, en: str, zh: str) -> None:
        self.text_en = f"{en}. Fix: run `{FIX}`"
        self.text_zh = f"{zh}。解决办法：运行 `{FIX}`"
        super().__init__(self.text_en)


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


class Catalog:
    """The reference database, opened read-only and checked before use."""

    def __init__(
        self, path: Path, sources: Path | None = None, *, check_stale: bool = True
    ) -> None:
        """Open `path` read-only. Staleness is checked against `sources`, or else against the
        folder the database was built from when it still exists (a checkout)."""
        self.path = path
        if not path.exists():
            raise DatabaseProblem(
                f"the reference database {path} is missing", f"参考数据库 {path} 不存在"
            )
        try:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise DatabaseProblem(
                f"{path} is not a reference database ({exc})", f"{path} 不是参考数据库（{exc}）"
            ) from None
        self.meta = meta
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise DatabaseProblem(
                f"{path} has schema version {meta.get('schema_version')}, this program needs "
                f"{SCHEMA_VERSION}",
                f"{path} 的结构版本为 {meta.get('schema_version')}，本程序需要 {SCHEMA_VERSION}",
            )
        if sources is None and meta.get("sources_dir") and Path(meta["sources_dir"]).is_dir():
            sources = Path(meta["sources_dir"])
        if check_stale and sources is not None and meta.get("source_hash") != source_hash(sources):
            raise DatabaseProblem(
                f"{path} is stale: db/sources changed since it was built on {meta.get('build_date')}",
                f"{path} 已过期：db/sources 在 {meta.get('build_date')} 构建后有改动",
            )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA case_sensitive_like = ON")  # lets LIKE 'x%' use an index
        self._region_files: dict[str, RegionFile] = {}
        self._sources: dict[str, Source] = {}

    def close(self) -> None:
        self.conn.close()

    # --- regions ------------------------------------------------------------------------------

    def regions(self) -> list[RegionRow]:
        rows = self.conn.execute("SELECT * FROM regions ORDER BY province_en, name_en").fetchall()
        return [_region(row) for row in rows]

    def region(self, region_id: str) -> RegionRow | None:
        row = self.conn.execute("SELECT * FROM regions WHERE id = ?", (region_id,)).fetchone()
        return _region(row) if row else None

    def region_file(self, region_id: str) -> RegionFile | None:
        cached = self._region_files.get(region_id)
        if cached is None:
            row = self.conn.execute(
                "SELECT file, rules_json FROM regions WHERE id = ?", (region_id,)
            ).fetchone()
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

    def has_list(self, kind: str, list_id: str) -> bool:
        return self._list(kind, list_id) is not None

    @lru_cache(maxsize=1024)  # noqa: B019
    def _list(self, kind: str, list_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM lists WHERE id = ? AND kind = ?", (list_id, kind)
        ).fetchone()
        return row

    @lru_cache(maxsize=1024)  # noqa: B019
    def _editions(self, kind: str, list_id: str) -> tuple[ListEdition, ...]:
        spec = self._list(kind, list_id)
        if spec is None or not spec["local_to"]:
            return ()  # no such list, or a composite (it has no editions of its own)
        rows = self.conn.execute(
            "SELECT * FROM list_editions WHERE kind = ? AND list_id = ? ORDER BY start",
            (kind, list_id),
        ).fetchall()
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
            row = self.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
            found = Source.model_validate(dict(zip(row.keys(), row, strict=True)))
            self._sources[source_id] = found
        return found

    @lru_cache(maxsize=65536)  # noqa: B019 - the catalog lives as long as the app
    def item(self, code: str) -> Item | None:
        row = self.conn.execute("SELECT * FROM items WHERE code = ?", (code,)).fetchone()
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
            row = self.conn.execute(
                "SELECT * FROM catalog_entries WHERE catalog = ? AND code = ?", (e.id, code)
            ).fetchone()
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
                row = self.conn.execute(
                    "SELECT * FROM prices WHERE price_list = ? AND code = ? AND level = ?",
                    (e.id, code, lvl),
                ).fetchone()
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
            row = self.conn.execute(
                "SELECT * FROM price_spread WHERE category = ?", (key,)
            ).fetchone()
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
        ids = [r[0] for r in self.conn.execute("SELECT id FROM treatments ORDER BY category, id")]
        return [t for t in (self.treatment(i) for i in ids) if t is not None]

    @lru_cache(maxsize=1024)  # noqa: B019
    def treatment(self, treatment_id: str) -> Treatment | None:
        row = self.conn.execute("SELECT * FROM treatments WHERE id = ?", (treatment_id,)).fetchone()
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
            for r in self.conn.execute(
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
        """Find items and treatments by Chinese name (any 2+ characters), pinyin initials or full
        pinyin (prefix), or code (prefix). Treatments first, then prefix matches, then shorter names."""
        q = text.strip()
        if not q:
            return []
        kind_sql = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        params_kinds = list(kinds)
        queries: list[tuple[str, list[Any]]] = []
        if _CJK.search(q):
            if len(q) >= 3:
                phrase = '"' + q.replace('"', '""') + '"'
                queries.append(
                    (
                        "SELECT s.kind, s.ref, s.name, s.rank, instr(s.name, ?) AS pos FROM search_trigram t "
                        f"JOIN search s ON s.id = t.rowid WHERE search_trigram MATCH ?{kind_sql}",
                        [q, phrase, *params_kinds],
                    )
                )
            else:  # trigram cannot find 1–2 characters: scan (small table, measured in the benchmark)
                queries.append(
                    (
                        "SELECT kind, ref, name, rank, instr(name, ?) AS pos FROM search "
                        f"WHERE text LIKE ?{kind_sql}",
                        [q, f"%{q}%", *params_kinds],
                    )
                )
        else:
            low = q.lower().replace(" ", "")
            up = q.upper()
            for column, key in (("py", low), ("pyfull", low)):
                queries.append(
                    (
                        f"SELECT kind, ref, name, rank, 1 AS pos FROM search WHERE {column} >= ? AND {column} < ?"
                        f"{kind_sql}",
                        [key, key + "\uffff", *params_kinds],
                    )
                )
            queries.append(
                (
                    f"SELECT kind, ref, name, rank, 1 AS pos FROM search WHERE codes >= ? AND codes < ?{kind_sql}",
                    [up, up + "\uffff", *params_kinds],
                )
            )
            if len(q) >= 2:  # Latin letters inside names and aliases: "CT" in 颈椎CT平扫, "TAVI"
                queries.append(
                    (
                        f"SELECT kind, ref, name, rank, 2 AS pos FROM search WHERE (text LIKE ? OR text LIKE ?){kind_sql}",
                        [f"%{q}%", f"%{up}%", *params_kinds],
                    )
                )
            if len(low) >= 3:  # initials or codes in the middle ("qcs" in 阑尾切除术)
                queries.append(
                    (
                        f"SELECT kind, ref, name, rank, 2 AS pos FROM search WHERE (py LIKE ? OR codes LIKE ?){kind_sql}",
                        [f"%{low}%", f"% {up}%", *params_kinds],
                    )
                )
        seen: dict[tuple[str, str], tuple[int, int, int, SearchHit]] = {}
        for sql, params in queries:
            for row in self.conn.execute(sql + " LIMIT 400", params):
                ident = (row["kind"], row["ref"])
                pos = row["pos"] or 99
                order = (row["rank"], 0 if pos == 1 else 1, len(row["name"]))
                hit = SearchHit(kind=row["kind"], ref=row["ref"], name=row["name"])
                if ident not in seen or order < seen[ident][:3]:
                    seen[ident] = (*order, hit)
        ranked = sorted(seen.values(), key=lambda x: (x[0], x[1], x[2], x[3].ref))
        return [x[3] for x in ranked[:limit]]


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
