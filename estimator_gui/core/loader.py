"""db/sources (YAML/CSV) → validated models → rows of the reference SQLite file.

The build writes to a temporary file and renames it into place only when everything validated,
so a failed build never leaves a half-written database; nor does an interrupted one leave its
temporary file behind (`write_atomically`). Errors name the file, row and column.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from . import national, spread, yamlio
from .buildinfo import (
    SCHEMA_VERSION,
    pages_crc,
    seal,
    shape,
    source_hash,
    source_stamp,
)
from .errors import DatabaseUnwritable, SourceError
from .lists import EditionSpec, ListSpec, load_registry
from .models import ItemClass, ItemKind, Level, Origin, Setting, Source, Tier
from .money import to_fen
from .rules import LOCAL_ONLY, RegionFile, RuleFileError
from .schema import migrations
from .search_index import (
    GRAM_SQL,
    ITEM_RANK,
    KEY_SQL,
    TREATMENT_RANK,
    index_rows,
    item_rows,
)

ITEM_COLUMNS = ["code", "kind", "name_zh", "name_en", "unit", "category", "origin", "aliases"]
CATALOG_COLUMNS = ["code", "class", "pay_cap", "item_share", "restriction", "source"]
PRICE_COLUMNS = ["code", "level", "price", "source", "method"]
PRICE_LEVELS = {"all", *(level.value for level in Level)}
VARIANTS = ("low", "typical", "high")
MAX_PRICE = Decimal(10) ** 8  # yuan per unit: no real price is above 100 million


# --- reading ------------------------------------------------------------------------------


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix()


def read_csv(path: Path, columns: list[str], name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV with exactly these columns (row numbers as a spreadsheet shows them)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        if missing:
            raise SourceError(name, "header", f"missing column {missing[0]!r}; expected {columns}")
        if extra:
            raise SourceError(name, "header", f"unknown column {extra[0]!r}; expected {columns}")
        for number, row in enumerate(reader, start=2):
            yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}


def _decimal(
    text: str,
    name: str,
    where: str,
    column: str,
    *,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Decimal | None:
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise SourceError(name, where, f"column {column}: not a number: {text!r}") from None
    if (
        not value.is_finite()
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        bounds = f"{low if low is not None else '-∞'}..{high if high is not None else '∞'}"
        raise SourceError(name, where, f"column {column}: {text} is outside {bounds}")
    return value


@dataclass
class Sources:
    by_id: dict[str, Source]

    def need(self, source_id: str, name: str, where: str) -> Source:
        if not source_id:
            raise SourceError(name, where, "column source: every row needs a source id")
        found = self.by_id.get(source_id)
        if found is None:
            raise SourceError(
                name, where, f"column source: unknown source id {source_id!r} (sources.yaml)"
            )
        return found


def load_sources(root: Path) -> Sources:
    """sources.yaml and any sources-<topic>.yaml beside it: source id → source (ids unique)."""
    out: dict[str, Source] = {}
    where: dict[str, str] = {}
    for path in sorted(root.glob("sources*.yaml")):
        name = _rel(root, path)
        raw = yamlio.load(path) or {}
        if not isinstance(raw, dict):
            raise SourceError(name, "", "a mapping of source id → source")
        for key, body in raw.items():
            if str(key) in out:
                raise SourceError(name, str(key), f"source id already defined in {where[str(key)]}")
            if isinstance(body, dict) and "verified_by" in body:
                raise SourceError(name, f"{key}.verified_by", LOCAL_ONLY)
            try:
                out[str(key)] = Source.model_validate({"id": str(key), **(body or {})})
            except ValidationError as exc:
                first = exc.errors()[0]
                loc = ".".join(str(x) for x in first["loc"])
                raise SourceError(name, f"{key}.{loc}" if loc else str(key), first["msg"]) from None
            where[str(key)] = name
    return Sources(out)


def load_regions(root: Path) -> list[tuple[RegionFile, Any]]:
    out = []
    seen: dict[str, str] = {}
    for path in sorted((root / "rules").glob("*.yaml")):
        name = _rel(root, path)
        raw = yamlio.load(path)
        region = RegionFile(raw, name)
        if region.region.id in seen:
            raise RuleFileError(
                name, "region.id", f"{region.region.id!r} is also in {seen[region.region.id]}"
            )
        if path.stem != region.region.id:
            raise RuleFileError(name, "region.id", f"must equal the file name ({path.stem!r})")
        seen[region.region.id] = name
        out.append((region, raw))
    if not out:
        raise SourceError("sources/rules", "", "no region rule files")
    return out


def load_national(
    root: Path,
    curated: list[tuple[RegionFile, Any]],
    catalogs: dict[str, ListSpec],
    prices: dict[str, ListSpec],
) -> tuple[list[tuple[RegionFile, Any]], list[national.Finding]]:
    """The national template layer (db/sources/national): every pooling area not curated."""
    if not (root / "national").is_dir():
        return [], []
    shares: dict[str, Any] = {}
    for region, raw in curated:  # a province's 乙类 shares, lent to its template cities
        info = region.region
        history = raw["item_shares"]
        if info.province in shares or not history or not isinstance(history[-1], dict):
            continue  # shares cited rule by rule: not lent (the first curated region with one list is)
        latest = history[-1]
        shares[info.province] = {
            "from": info.name_zh,
            "rules": latest["value"],
            "source": region.sources[str(latest["source"])].model_dump(
                mode="json", exclude={"id"}, exclude_none=True
            ),
        }
    layer = national.load(
        root,
        {(r.region.province, r.region.name_zh) for r, _ in curated},
        {r.region.id for r, _ in curated},
        shares,
        set(catalogs),
        set(prices),
    )
    out = []
    for name, raw in layer.raws:
        try:
            out.append((RegionFile(raw, name), raw))
        except (
            RuleFileError
        ) as exc:  # a template city that does not validate is reported, not loaded
            layer.findings.append(
                national.Finding(name, "missing", f"not loaded: {exc.message} ({exc.path})")
            )
    return out, layer.findings


def load_items(root: Path) -> dict[str, dict[str, str]]:
    items: dict[str, dict[str, str]] = {}
    where_first: dict[str, str] = {}
    kinds = {k.value for k in ItemKind}
    origins = {"", *(o.value for o in Origin)}
    for path in sorted((root / "catalogs" / "items").glob("*.csv")):
        name = _rel(root, path)
        for number, row in read_csv(path, ITEM_COLUMNS, name):
            where = f"row {number}"
            code = row["code"]
            if not code:
                raise SourceError(name, where, "column code: empty")
            if code in items:
                raise SourceError(
                    name, where, f"column code: {code} already defined in {where_first[code]}"
                )
            if row["kind"] not in kinds:
                raise SourceError(
                    name, where, f"column kind: {row['kind']!r} is not one of {sorted(kinds)}"
                )
            if not row["name_zh"]:
                raise SourceError(name, where, "column name_zh: empty")
            if row["origin"] not in origins:
                raise SourceError(
                    name, where, f"column origin: {row['origin']!r} is not domestic/imported"
                )
            items[code] = row
            where_first[code] = f"{name} {where}"
    return items


ALIAS_COLUMNS = ["name_zh", "aliases", "source"]


def apply_aliases(root: Path, items: dict[str, dict[str, str]], sources: Sources) -> None:
    """aliases.csv: search aliases (brand names) for every item named `name_zh` or `name_zh（剂型）`."""
    path = root / "aliases.csv"
    if not path.exists():
        return
    name = _rel(root, path)
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in items.values():
        base = row["name_zh"].split("（", 1)[0]
        by_name.setdefault(base, []).append(row)
    for number, row in read_csv(path, ALIAS_COLUMNS, name):
        where = f"row {number}"
        sources.need(row["source"], name, where)
        targets = by_name.get(row["name_zh"])
        if not targets:
            raise SourceError(name, where, f"column name_zh: no item is called {row['name_zh']!r}")
        new = [a for a in row["aliases"].split("|") if a]
        for item in targets:
            known = [a for a in item["aliases"].split("|") if a]
            item["aliases"] = "|".join(known + [a for a in new if a not in known])


def _catalog_row(
    row: dict[str, str], name: str, where: str, items: dict[str, Any], sources: Sources
) -> dict[str, Any]:
    code = row["code"]
    if code not in items:
        raise SourceError(name, where, f"column code: {code!r} is not in catalogs/items")
    if row["class"] not in {"-", *(c.value for c in ItemClass)}:
        raise SourceError(
            name, where, f"column class: {row['class']!r} is not 甲/乙/丙 (or - : not covered)"
        )
    sources.need(row["source"], name, where)
    cap = _decimal(row["pay_cap"], name, where, "pay_cap", low=Decimal(0))
    share = _decimal(row["item_share"], name, where, "item_share", low=Decimal(0), high=Decimal(1))
    return {
        "code": code,
        "class": row["class"],
        "pay_cap_fen": None if cap is None else to_fen(cap),
        "item_share": None if share is None else str(share),
        "restriction": row["restriction"] or None,
        "source_id": row["source"],
    }


def _price_row(
    row: dict[str, str], name: str, where: str, items: dict[str, Any], sources: Sources
) -> dict[str, Any]:
    if row["code"] not in items:
        raise SourceError(name, where, f"column code: {row['code']!r} is not in catalogs/items")
    if row["level"] not in PRICE_LEVELS:
        raise SourceError(
            name, where, f"column level: {row['level']!r} is not one of {sorted(PRICE_LEVELS)}"
        )
    source = sources.need(row["source"], name, where)
    price = _decimal(row["price"], name, where, "price", low=Decimal(0), high=MAX_PRICE)
    if price is None:
        raise SourceError(name, where, "column price: empty")
    if source.tier is Tier.ESTIMATE and not row["method"]:
        raise SourceError(
            name, where, "column method: an estimated price must say how it was derived"
        )
    return {
        "code": row["code"],
        "level": row["level"],
        "price_fen": to_fen(price),
        "source_id": row["source"],
        "method": row["method"] or None,
    }


def load_catalogs(root: Path, items: dict[str, Any], sources: Sources) -> dict[str, ListSpec]:
    """catalogs/lists.yaml and the catalogue editions it names."""

    def rows(path: Path, name: str) -> Iterator[tuple[dict[str, Any], str]]:
        for number, row in read_csv(path, CATALOG_COLUMNS, name):
            yield _catalog_row(row, name, f"row {number}", items, sources), f"row {number}"

    return load_registry(
        root / "catalogs",
        "catalog",
        _rel(root, root / "catalogs" / "lists.yaml"),
        rows,
        lambda r: r["code"],
        sources.need,
    )


def load_prices(root: Path, items: dict[str, Any], sources: Sources) -> dict[str, ListSpec]:
    """prices/lists.yaml and the price-list editions it names."""

    def rows(path: Path, name: str) -> Iterator[tuple[dict[str, Any], str]]:
        for number, row in read_csv(path, PRICE_COLUMNS, name):
            yield _price_row(row, name, f"row {number}", items, sources), f"row {number}"

    return load_registry(
        root / "prices",
        "price",
        _rel(root, root / "prices" / "lists.yaml"),
        rows,
        lambda r: (r["code"], r["level"]),
        sources.need,
    )


TREATMENT_KEYS = {
    "id",
    "name_zh",
    "name_en",
    "aliases",
    "category",
    "setting",
    "stay_days",
    "source",
    "note_zh",
    "note_en",
    "lines",
    "levels",
    "completeness_zh",
    "completeness_en",
    "calibration",
}
STRICT_TREATMENTS = True  # every package states its levels and completeness
CALIBRATION_KEYS = {
    "figure",
    "low",
    "high",
    "region",
    "level",
    "date",
    "tolerance",
    "why_zh",
    "why_en",
    "gap_zh",
    "gap_en",
    "source",
}


def load_treatments(root: Path, items: dict[str, Any], sources: Sources) -> list[dict[str, Any]]:
    out = []
    settings = {s.value for s in Setting}
    for path in sorted((root / "treatments").glob("*.yaml")):
        name = _rel(root, path)
        raw = yamlio.load(path)
        if not isinstance(raw, dict):
            raise SourceError(name, "", "a treatment is a mapping")
        unknown = set(raw) - TREATMENT_KEYS
        if unknown:
            raise SourceError(name, sorted(unknown)[0], "unknown key")
        for key in (
            "id",
            "name_zh",
            "name_en",
            "category",
            "setting",
            "stay_days",
            "source",
            "lines",
        ):
            if key not in raw or raw[key] in (None, "", []):
                raise SourceError(name, key, "missing")
        if raw["id"] != path.stem:
            raise SourceError(name, "id", f"must equal the file name ({path.stem!r})")
        if raw["setting"] not in settings:
            raise SourceError(
                name, "setting", f"{raw['setting']!r} is not one of {sorted(settings)}"
            )
        sources.need(str(raw["source"]), name, "source")
        for key in ("completeness_zh", "completeness_en"):
            if not raw.get(key) and STRICT_TREATMENTS:
                raise SourceError(
                    name, key, "missing: say what the bill holds and what it leaves out"
                )
        levels = raw.get("levels") or ([] if STRICT_TREATMENTS else [lv.value for lv in Level])
        known_levels = {lv.value for lv in Level}
        if not isinstance(levels, list) or not levels or set(levels) - known_levels:
            raise SourceError(
                name, "levels", f"the hospital levels where it is done, of {sorted(known_levels)}"
            )
        calibration = [
            _calibration(c, name, f"calibration[{i}]", sources)
            for i, c in enumerate(raw.get("calibration") or [])
        ]
        stay = _variants(raw["stay_days"], name, "stay_days")
        lines = []
        for i, line in enumerate(raw["lines"]):
            where = f"lines[{i}]"
            if not isinstance(line, dict) or set(line) - {"code", "qty", "per_day", "note"}:
                raise SourceError(
                    name, where, "a line is {code, qty: {low, typical, high}} or {code, per_day}"
                )
            code = str(line.get("code", ""))
            if code not in items:
                raise SourceError(name, f"{where}.code", f"{code!r} is not in catalogs/items")
            if ("qty" in line) == ("per_day" in line):
                raise SourceError(name, where, "give exactly one of qty and per_day")
            if "qty" in line:
                qty = _variants(line["qty"], name, f"{where}.qty")
                lines.append(
                    {"code": code, **{f"qty_{v}": str(qty[v]) for v in VARIANTS}, "per_day": None}
                )
            else:
                per_day = _positive(line["per_day"], name, f"{where}.per_day")
                lines.append(
                    {"code": code, **{f"qty_{v}": None for v in VARIANTS}, "per_day": str(per_day)}
                )
        out.append(
            {
                "id": raw["id"],
                "name_zh": raw["name_zh"],
                "name_en": raw["name_en"],
                "aliases": "|".join(str(a) for a in raw.get("aliases") or []),
                "category": raw["category"],
                "setting": raw["setting"],
                **{f"stay_{v}": str(stay[v]) for v in VARIANTS},
                "source_id": str(raw["source"]),
                "note_zh": raw.get("note_zh"),
                "note_en": raw.get("note_en"),
                "levels": json.dumps(levels),
                "completeness_zh": raw.get("completeness_zh"),
                "completeness_en": raw.get("completeness_en"),
                "calibration": json.dumps(calibration, ensure_ascii=False),
                "lines": lines,
            }
        )
    return out


def _calibration(raw: Any, name: str, where: str, sources: Sources) -> dict[str, Any]:
    """A published figure a package's typical total is checked against (tests/data)."""
    if not isinstance(raw, dict) or set(raw) - CALIBRATION_KEYS:
        extra = sorted(set(raw) - CALIBRATION_KEYS)[0] if isinstance(raw, dict) else ""
        raise SourceError(name, f"{where}.{extra}" if extra else where, "unknown key")
    for key in ("figure", "low", "high", "region", "level", "date", "tolerance", "source"):
        if raw.get(key) in (None, ""):
            raise SourceError(name, f"{where}.{key}", "missing")
    if raw["figure"] != "total":
        raise SourceError(name, f"{where}.figure", "only 'total' (the typical bill) is checked")
    low, high = (_positive(raw[k], name, f"{where}.{k}") for k in ("low", "high"))
    if high < low:
        raise SourceError(name, where, "high is below low")
    tolerance = _positive(raw["tolerance"], name, f"{where}.tolerance")
    if tolerance > 1:
        raise SourceError(name, f"{where}.tolerance", "a share of the figure, 0–1")
    if not (raw.get("why_zh") and raw.get("why_en")) and not (
        raw.get("gap_zh") and raw.get("gap_en")
    ):
        raise SourceError(
            name, where, "say why the tolerance (why_zh/why_en) or explain the gap (gap_zh/gap_en)"
        )
    sources.need(str(raw["source"]), name, f"{where}.source")
    return {
        **{k: raw[k] for k in raw if k not in ("low", "high", "tolerance", "date")},
        "low": str(low),
        "high": str(high),
        "tolerance": str(tolerance),
        "date": str(raw["date"]),
    }


def _positive(value: Any, name: str, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise SourceError(name, where, f"not a number: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise SourceError(name, where, f"must be a number ≥ 0, not {value!r}")
    return number


def _variants(value: Any, name: str, where: str) -> dict[str, Decimal]:
    if not isinstance(value, dict) or set(value) != set(VARIANTS):
        raise SourceError(name, where, "needs exactly low, typical, high")
    out = {v: _positive(value[v], name, f"{where}.{v}") for v in VARIANTS}
    if not out["low"] <= out["typical"] <= out["high"]:
        raise SourceError(name, where, "must satisfy low ≤ typical ≤ high")
    return out


# --- search rows ---------------------------------------------------------------------------


def _search_rows(items: dict[str, Any], treatments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per name or alias of each item and treatment, numbered in the order search lists
    its results: treatments first, then shorter names, then by code (the first row of an item is
    the one its index entries point at)."""
    rows: list[dict[str, Any]] = []
    for t in treatments:
        aliases = [a for a in t["aliases"].split("|") if a]
        rows += item_rows(
            "treatment", t["id"], t["name_zh"], aliases, t["name_en"] or "", TREATMENT_RANK
        )
    for code, row in items.items():
        aliases = [a for a in row["aliases"].split("|") if a]
        rows += item_rows(row["kind"], code, row["name_zh"], aliases, row["name_en"], ITEM_RANK)
    order = sorted(
        range(len(rows)), key=lambda i: (rows[i]["rank"], len(rows[i]["name"]), rows[i]["ref"], i)
    )
    return [{"id": n, **rows[i]} for n, i in enumerate(order, start=1)]


# --- the build ------------------------------------------------------------------------------


@dataclass
class BuildReport:
    path: Path
    source_hash: str
    regions: int
    items: int
    catalogs: dict[str, int] = field(default_factory=dict)
    price_lists: dict[str, int] = field(default_factory=dict)
    treatments: int = 0
    curated: int = 0
    findings: list[national.Finding] = field(default_factory=list)  # about the national layer


def build(root: Path, out: Path, today: dt.date | None = None) -> BuildReport:
    """Validate every source under `root` and write the database to `out` (atomically)."""
    stamp = source_stamp(root)
    digest = source_hash(root)
    sources = load_sources(root)
    regions = load_regions(root)
    items = load_items(root)
    apply_aliases(root, items, sources)
    catalogs = load_catalogs(root, items, sources)
    prices = load_prices(root, items, sources)
    _every_priced_item_is_catalogued(root, catalogs, prices)
    spreads = spread.measure(root, prices, items)
    template, findings = load_national(root, regions, catalogs, prices)
    curated = len(regions)
    regions = [*regions, *template]
    treatments = load_treatments(root, items, sources)
    for region, _ in regions:
        info = region.region
        for kind, catalog in info.catalogs.items():
            if catalog not in catalogs:
                raise RuleFileError(
                    region.file, f"region.catalogs.{kind.value}", f"no catalogue {catalog!r}"
                )
        for price_list in info.price_lists:
            if price_list not in prices:
                raise RuleFileError(
                    region.file, "region.price_lists", f"no price list {price_list!r}"
                )

    def fill(db: Database) -> None:
        migrations.apply(db)
        made = shape(db.conn)  # what the migrations made: opening checks the file against it
        with db.atomic():
            db.table("meta").insert_all(
                [
                    {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                    {"key": "source_hash", "value": digest},
                    {"key": "build_date", "value": (today or dt.date.today()).isoformat()},
                    {"key": "sources_dir", "value": str(root.resolve())},
                    {"key": "source_stamp", "value": stamp},
                    {"key": "shape", "value": json.dumps(made, sort_keys=True)},
                ]
            )
            db.table("sources").insert_all(
                {**s.model_dump(mode="json", exclude={"verified_by"}), "date": s.date.isoformat()}
                for s in sources.by_id.values()
            )
            db.table("regions").insert_all(
                _region_row(region, raw, "curated" if i < curated else "template")
                for i, (region, raw) in enumerate(regions)
            )
            specs = [*catalogs.values(), *prices.values()]
            db.table("lists").insert_all(spec.row() for spec in specs)
            db.table("list_editions").insert_all(
                _edition_row(spec, e) for spec in specs for e in spec.editions
            )
            db.table("items").insert_all({**row, "part": _drug_part(row)} for row in items.values())
            db.table("price_spread").insert_all(spreads)
            db.table("catalog_entries").insert_all(
                {"catalog": e.id, **row}
                for spec in catalogs.values()
                for e in spec.editions
                for row in e.rows.values()
            )
            db.table("prices").insert_all(
                {"price_list": e.id, **row}
                for spec in prices.values()
                for e in spec.editions
                for row in e.rows.values()
            )
            db.table("treatments").insert_all(
                {k: v for k, v in t.items() if k != "lines"} for t in treatments
            )
            db.table("treatment_lines").insert_all(
                {"treatment_id": t["id"], "seq": i, **line}
                for t in treatments
                for i, line in enumerate(t["lines"])
            )
            rows = _search_rows(items, treatments)
            db.table("search").insert_all(rows)
            first, grams, keys = index_rows(rows)
            db.conn.executemany(
                "INSERT INTO search_trigram(rowid, text) SELECT id, text FROM search WHERE id = ?",
                ((i,) for i in first),
            )
            db.conn.executemany(GRAM_SQL, grams)
            db.conn.executemany(KEY_SQL, keys)

    write_atomically(out, fill)
    return BuildReport(
        path=out,
        source_hash=digest,
        regions=len(regions),
        items=len(items),
        catalogs={e.id: len(e.rows) for v in catalogs.values() for e in v.editions},
        price_lists={e.id: len(e.rows) for v in prices.values() for e in v.editions},
        treatments=len(treatments),
        curated=curated,
        findings=findings,
    )


# --- writing the file: atomically, readable by others, nothing left behind -------------------

TEMP_PREFIX = ".reference-"  # <prefix><pid>-<token>.sqlite (+ -journal), and its .lock
TEMP_SUFFIXES = (".sqlite-journal", ".sqlite-wal", ".sqlite-shm", ".sqlite", ".lock")
LEGACY_AGE = 60.0  # seconds: a temp file of an older version (no pid in its name) is stale after


class _Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived while the build wrote its temporary file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_atomically(out: Path, fill: Callable[[Database], None]) -> None:
    """Write the database through `fill` into a temporary file beside `out`, then check-sum it,
    make it readable by others (0666 less the umask: 0644 as usual), and rename it into place.

    Nothing is left behind: an error, Ctrl+C, SIGTERM or SIGHUP removes the temporary file (the
    signal is then delivered again, so the process ends as it would have); after SIGKILL or a
    power cut, the next build removes what the dead one left (`remove_leftovers`). A build that
    is running is never disturbed: its temporary file carries its pid and a lock held while it
    lives."""
    folder = out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    with _cleaned_on_signals() as state:
        lock_fd = -1
        tmp = folder / "unset"
        try:
            lock_fd, tmp = _claim_temp(folder)
            db = Database(tmp)
            db.execute("PRAGMA journal_mode = OFF")  # nothing to roll back into: a temp file
            db.execute("PRAGMA synchronous = OFF")  # made durable once, below, before the rename
            fill(db)
            db.execute("VACUUM")
            db.close()
            crc = seal(tmp)
            if pages_crc(tmp) != crc:  # the header is on page 1 only: the rest must not change
                raise RuntimeError("writing the checksum changed the pages it covers")
            os.replace(tmp, out)
            _sync_folder(folder)
        except OSError as exc:
            raise _unwritable(out, exc) from None
        finally:
            state.cleaning = True
            _remove_temp(tmp)
            if lock_fd >= 0:
                _remove_temp(tmp.with_suffix(".lock"))
                os.close(lock_fd)


def _claim_temp(folder: Path) -> tuple[int, Path]:
    """A fresh temporary name carrying this process's pid, and its lock file, held (flock) while
    the build runs: another build sees it is alive."""
    while True:
        stem = f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        lock = folder / f"{stem}.lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        _flock(fd, blocking=True)
        return fd, folder / f"{stem}.sqlite"


def _flock(fd: int, blocking: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # not POSIX: the pid alone says whether the build lives
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what builds that died in this folder left (temporary database, journal, lock): a
    temporary file is stale when the process named in it is gone, or when its lock is free and
    old (the pid was reused); one of an older version (no pid in its name) when it is older than
    a minute. A running build's files are kept. Returns what was removed."""
    stems: dict[str, list[Path]] = {}
    for path in folder.glob(f"{TEMP_PREFIX}*"):
        name = path.name
        for suffix in TEMP_SUFFIXES:
            if name.endswith(suffix):
                stems.setdefault(name[: -len(suffix)], []).append(path)
                break
    removed: list[Path] = []
    now = time.time()
    for stem, paths in stems.items():
        pid_text = stem[len(TEMP_PREFIX) :].split("-", 1)[0]
        lock = folder / f"{stem}.lock"
        if pid_text.isdigit() and "-" in stem[len(TEMP_PREFIX) :]:
            stale = not _alive(int(pid_text)) or (_lock_free(lock) and _age(lock, now) > LEGACY_AGE)
        else:
            stale = all(_age(p, now) > LEGACY_AGE for p in paths)
        if stale:
            for path in paths:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _lock_free(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return True
    try:
        return _flock(fd, blocking=False)
    finally:
        os.close(fd)  # closing releases a lock taken here


def _age(path: Path, now: float) -> float:
    try:
        return now - path.stat().st_mtime
    except OSError:
        return 0.0


def _remove_temp(tmp: Path) -> None:
    for path in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


class _SignalState:
    cleaning = False


@contextlib.contextmanager
def _cleaned_on_signals() -> Iterator[_SignalState]:
    """SIGTERM and SIGHUP raise inside the build, so its `finally` removes the temporary file;
    then the signal is delivered again with the handler the process had before."""
    state = _SignalState()
    signums = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    if threading.current_thread() is not threading.main_thread():
        yield state  # only the main thread may set handlers: an error still cleans up
        return
    caught: list[int] = []

    def handler(signum: int, frame: object) -> None:
        caught.append(signum)
        if not state.cleaning:
            raise _Interrupted(signum)

    previous = {n: signal.signal(n, handler) for n in signums}
    try:
        yield state
    except _Interrupted:
        pass
    finally:
        for n, old in previous.items():
            signal.signal(n, old)
    if caught:
        os.kill(os.getpid(), caught[0])  # as if the build had not been running
        raise SystemExit(128 + caught[0])  # the signal was ignored or handled: stop here


def _sync_folder(folder: Path) -> None:
    """The rename is durable too (where the system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unwritable(out: Path, exc: OSError) -> DatabaseUnwritable:
    folder = out.parent
    why = exc.strerror or str(exc)
    return DatabaseUnwritable(
        f"cannot write the reference database {out} ({why}: {exc.filename or folder})",
        f"无法写入参考数据库 {out}（{why}：{exc.filename or folder}）",
        fix_en=f"build it where you may write (--db PATH), or as the owner of {folder}",
        fix_zh=f"请在您有写权限的位置构建（--db 路径），或以 {folder} 的所有者身份运行",
        path=out,
    )


def _every_priced_item_is_catalogued(
    root: Path, catalogs: dict[str, ListSpec], prices: dict[str, ListSpec]
) -> None:
    """A price for an item no catalogue judges (not even as not covered) is a data error: the app
    could price it but not say whether it is paid."""
    judged = {code for spec in catalogs.values() for e in spec.editions for code in e.rows}
    for spec in prices.values():
        for e in spec.editions:
            for key in e.rows:
                if key[0] not in judged:
                    file, row = e.where[key]
                    raise SourceError(
                        file,
                        row,
                        f"column code: {key[0]} is priced but in no catalogue (add it to one; "
                        "class - if it is not covered)",
                    )


def _edition_row(spec: ListSpec, e: EditionSpec) -> dict[str, Any]:
    return {
        "kind": spec.kind,
        "id": e.id,
        "list_id": spec.id,
        "start": e.start.isoformat(),
        "in_force_from": e.in_force_from.isoformat(),
        "parts": None if e.parts is None else json.dumps(e.parts),
        "name_zh": e.name_zh or spec.name_zh,
        "name_en": e.name_en or spec.name_en,
        "document": e.document,
        "source_id": e.source,
        "rows": len(e.rows),
    }


def _drug_part(item: dict[str, str]) -> str | None:
    """Which part of the drug list an item is in: 西药 (X… classes), 中成药 (Z…), else 饮片."""
    if item["kind"] != "drug":
        return None
    category = item["category"] or ""
    return (
        "western"
        if category.startswith("X")
        else "patent"
        if category.startswith("Z")
        else "herbal"
    )


def _region_row(region: RegionFile, raw: Any, origin: str) -> dict[str, Any]:
    first, last = region.coverage()
    counts = region.tier_counts()
    info = region.region
    return {
        "id": info.id,
        "name_zh": info.name_zh,
        "name_en": info.name_en,
        "province": info.province,
        "province_en": info.province_en,
        "kind": info.kind,
        "file": region.file,
        "rules_json": json.dumps(raw, default=str, ensure_ascii=False),
        "coverage_from": first.isoformat(),
        "coverage_until": last.isoformat() if last else None,
        "newest_from": region.newest_start().isoformat(),
        "schemes": json.dumps(sorted(raw.get("schemes") or {})),
        "official": counts[Tier.OFFICIAL],
        "secondary": counts[Tier.SECONDARY],
        "estimate": counts[Tier.ESTIMATE],
        "origin": origin,
    }
