"""Read-only queries over the built reference database → models; search."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .buildinfo import SCHEMA_VERSION, source_hash
from .models import CatalogTerms, Edition, Item, ItemClass, ItemKind, Level, Origin, Source, Tier
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

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Price:
    amount: Decimal
    source: Source
    method: str | None
    price_list: str


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

    @lru_cache(maxsize=256)  # noqa: B019
    def edition(self, catalog: str) -> Edition | None:
        """The edition of a catalogue, when the data says which it is."""
        row = self.conn.execute(
            "SELECT * FROM catalog_editions WHERE catalog = ?", (catalog,)
        ).fetchone()
        if row is None:
            return None
        return Edition(
            catalog=catalog,
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            superseded_on=dt.date.fromisoformat(row["superseded_on"])
            if row["superseded_on"]
            else None,
            successor_zh=row["successor_zh"],
            successor_en=row["successor_en"],
        )

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
        )

    @lru_cache(maxsize=65536)  # noqa: B019
    def terms(self, catalog: str, code: str) -> CatalogTerms:
        row = self.conn.execute(
            "SELECT * FROM catalog_entries WHERE catalog = ? AND code = ?", (catalog, code)
        ).fetchone()
        if row is None:
            return CatalogTerms(catalogue=catalog, covered=False, item_class=None)
        return CatalogTerms(
            catalogue=catalog,
            covered=True,
            item_class=ItemClass(row["class"]),
            pay_cap=None if row["pay_cap_fen"] is None else from_fen(row["pay_cap_fen"]),
            item_share=None if row["item_share"] is None else Decimal(row["item_share"]),
            restriction=row["restriction"],
            source=self.source(row["source_id"]),
        )

    @lru_cache(maxsize=65536)  # noqa: B019
    def price(self, price_lists: tuple[str, ...], code: str, level: Level) -> Price | None:
        for price_list in price_lists:
            for lvl in (Level(level).value, "all"):
                row = self.conn.execute(
                    "SELECT * FROM prices WHERE price_list = ? AND code = ? AND level = ?",
                    (price_list, code, lvl),
                ).fetchone()
                if row is not None:
                    return Price(
                        amount=from_fen(row["price_fen"]),
                        source=self.source(row["source_id"]),
                        method=row["method"],
                        price_list=price_list,
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
    )


__all__ = ["Catalog", "DatabaseProblem", "Price", "RegionRow", "SearchHit", "Tier", "Treatment"]
