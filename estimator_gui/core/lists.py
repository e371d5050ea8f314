"""Catalogue and price-list registries (`catalogs/lists.yaml`, `prices/lists.yaml`) at build time.

A base list has dated editions, each a whole CSV or the changes from the edition before; a
composite names lists to search in order. The build materialises every edition's rows (keyed by
the edition id `<list>@<from>`) and keeps the registry, so the app can pick the edition in force on
the date of care and say whether a list is local to the treated place.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import SourceError

DRUG_PARTS = ("western", "patent", "herbal")  # 西药, 中成药, 中药饮片
LIST_KEYS = {"name_zh", "name_en", "local_to", "note", "editions", "search", "caveat"}
CAVEAT_KEYS = {"zh", "en", "kinds", "unit_price_from", "source"}
EDITION_KEYS = {
    "from",
    "in_force_from",
    "file",
    "changes",
    "parts",
    "name_zh",
    "name_en",
    "document",
    "source",
}

RowReader = Callable[[Path, str], Iterator[tuple[dict[str, Any], str]]]
RowKey = Callable[[dict[str, Any]], Any]


@dataclass
class EditionSpec:
    list_id: str
    start: dt.date
    in_force_from: dt.date
    parts: list[str] | None
    name_zh: str | None
    name_en: str | None
    document: str | None
    source: str | None
    rows: dict[Any, dict[str, Any]] = field(default_factory=dict)
    where: dict[Any, tuple[str, str]] = field(default_factory=dict)  # row key → (file, row)

    @property
    def id(self) -> str:
        return f"{self.list_id}@{self.start.isoformat()}"


@dataclass
class ListSpec:
    id: str
    kind: str  # catalog | price
    name_zh: str
    name_en: str
    local_to: list[str] | None = None  # base lists
    search: list[str] | None = None  # composites
    note: str | None = None
    editions: list[EditionSpec] = field(default_factory=list)
    # what the data does not know about this list, said where it matters (e.g. payment limits on
    # high-value consumables whose figures were not found): zh, en, kinds, unit_price_from, source
    caveat: dict[str, Any] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "local_to": None
            if self.local_to is None
            else json.dumps(self.local_to, ensure_ascii=False),
            "search": None if self.search is None else json.dumps(self.search),
            "note": self.note,
            "caveat": None if self.caveat is None else json.dumps(self.caveat, ensure_ascii=False),
        }


def _date(value: Any, name: str, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(name, where, f"not a date (YYYY-MM-DD): {value!r}") from None


def load_registry(
    folder: Path,
    kind: str,
    name: str,
    read_rows: RowReader,
    key_of: RowKey,
    need_source: Callable[[str, str, str], object],
) -> dict[str, ListSpec]:
    """Read `<folder>/lists.yaml` and every file its editions name.

    `read_rows(path, name)` yields (row, where) for each row of one CSV, checked."""
    path = folder / "lists.yaml"
    raw = yamlio.load(path) if path.exists() else None
    if not isinstance(raw, dict) or not raw:
        raise SourceError(
            name, "", "a mapping of list id → list (name_zh, name_en, editions or search)"
        )
    specs: dict[str, ListSpec] = {}
    for list_id, body in raw.items():
        where = str(list_id)
        if not isinstance(body, dict):
            raise SourceError(name, where, "a list is a mapping")
        unknown = set(body) - LIST_KEYS
        if unknown:
            raise SourceError(name, f"{where}.{sorted(unknown)[0]}", "unknown key")
        for key in ("name_zh", "name_en"):
            if not body.get(key):
                raise SourceError(name, f"{where}.{key}", "missing")
        if ("editions" in body) == ("search" in body):
            raise SourceError(
                name, where, "give either editions (a base list) or search (a composite)"
            )
        spec = ListSpec(
            id=where,
            kind=kind,
            name_zh=str(body["name_zh"]),
            name_en=str(body["name_en"]),
            note=body.get("note"),
        )
        if "caveat" in body:
            spec.caveat = _caveat(body["caveat"], name, f"{where}.caveat", need_source)
        if "search" in body:
            if not isinstance(body["search"], list) or not body["search"]:
                raise SourceError(name, f"{where}.search", "a non-empty list of list ids")
            spec.search = [str(x) for x in body["search"]]
        else:
            local = body.get("local_to")
            if not isinstance(local, list) or not local:
                raise SourceError(
                    name, f"{where}.local_to", "missing: the provinces or regions it is local to"
                )
            spec.local_to = [str(x) for x in local]
            spec.editions = _editions(
                folder, name, where, body["editions"], kind, read_rows, key_of, need_source
            )
        specs[spec.id] = spec
    for spec in specs.values():
        for member in spec.search or []:
            if member not in specs:
                raise SourceError(name, f"{spec.id}.search", f"no list called {member!r}")
            if specs[member].search is not None:
                raise SourceError(
                    name, f"{spec.id}.search", f"{member!r} is itself a composite: name base lists"
                )
    return specs


def _caveat(
    raw: Any, name: str, where: str, need_source: Callable[[str, str, str], object]
) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != CAVEAT_KEYS:
        raise SourceError(name, where, f"a mapping with exactly {sorted(CAVEAT_KEYS)}")
    need_source(str(raw["source"]), name, f"{where}.source")
    return {**raw, "unit_price_from": str(raw["unit_price_from"]), "kinds": list(raw["kinds"])}


def _editions(
    folder: Path,
    name: str,
    where: str,
    raw: Any,
    kind: str,
    read_rows: RowReader,
    key_of: RowKey,
    need_source: Callable[[str, str, str], object],
) -> list[EditionSpec]:
    if not isinstance(raw, list) or not raw:
        raise SourceError(name, f"{where}.editions", "a non-empty list of editions")
    out: list[EditionSpec] = []
    previous: dict[Any, dict[str, Any]] = {}
    previous_where: dict[Any, tuple[str, str]] = {}
    for i, entry in enumerate(raw):
        at = f"{where}.editions[{i}]"
        if not isinstance(entry, dict):
            raise SourceError(name, at, "an edition is a mapping with from and file (or changes)")
        unknown = set(entry) - EDITION_KEYS
        if unknown:
            raise SourceError(name, f"{at}.{sorted(unknown)[0]}", "unknown key")
        if "from" not in entry:
            raise SourceError(name, f"{at}.from", "missing")
        start = _date(entry["from"], name, f"{at}.from")
        if out and start <= out[-1].start:
            raise SourceError(
                name, f"{at}.from", f"editions must be in date order: {start} after {out[-1].start}"
            )
        if ("file" in entry) == ("changes" in entry):
            raise SourceError(name, at, "give either file (the whole edition) or changes")
        if "changes" in entry and not out:
            raise SourceError(name, f"{at}.changes", "the first edition needs the whole file")
        parts = entry.get("parts")
        if parts is not None:
            if kind != "catalog" or not isinstance(parts, list) or not parts:
                raise SourceError(name, f"{at}.parts", "a list of drug parts (catalogues only)")
            bad = [p for p in parts if p not in DRUG_PARTS]
            if bad:
                raise SourceError(
                    name, f"{at}.parts", f"{bad[0]!r} is not one of {list(DRUG_PARTS)}"
                )
        if entry.get("source"):
            need_source(str(entry["source"]), name, f"{at}.source")
        edition = EditionSpec(
            list_id=where,
            start=start,
            in_force_from=_date(entry.get("in_force_from", start), name, f"{at}.in_force_from"),
            parts=None if parts is None else [str(p) for p in parts],
            name_zh=entry.get("name_zh"),
            name_en=entry.get("name_en"),
            document=entry.get("document"),
            source=entry.get("source"),
        )
        file = folder / str(entry.get("file") or entry["changes"])
        if not file.exists():
            raise SourceError(name, at, f"file not found: {file.name}")
        rows = {} if "file" in entry else dict(previous)
        where_rows: dict[Any, tuple[str, str]] = {} if "file" in entry else dict(previous_where)
        seen: set[Any] = set()
        file_name = f"{name.rsplit('/', 1)[0]}/{file.name}"
        for row, row_where in read_rows(file, file_name):
            key = key_of(row)
            if key in seen:
                raise SourceError(file_name, row_where, f"duplicate row for {key}")
            seen.add(key)
            rows[key] = row  # a catalogue row of class '-': not covered (from this edition on)
            where_rows[key] = (file_name, row_where)
        edition.rows, edition.where = rows, where_rows
        previous, previous_where = rows, where_rows
        out.append(edition)
    return out
