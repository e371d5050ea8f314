"""Check the treatment packages against the item master, and (optionally) price them.

Input: db/sources/treatments/*.yaml, db/sources/catalogs/items/*.csv, db/sources/sources.yaml,
       db/sources/prices/*.csv (for --totals).
Output: a report on stdout; exit status 1 when a line code is not in the item master or a package is
        malformed. Drops: nothing.

Usage:
  python db/tools/check_treatments.py                  # structure + codes
  python db/tools/check_treatments.py --totals [--level level3] [--lists a,b,c] [--variant typical]
      --lists: price lists searched in order (file stems under prices/); default: every *jiangsu*sunan*
      or *jiangsu*services* list, then jiangsu-consumables, then national-drug-prices.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from _common import SOURCES, read_csv

VARIANTS = ("low", "typical", "high")
SETTINGS = {"inpatient", "outpatient_chronic", "outpatient_general"}


def load_items() -> dict[str, dict]:
    items: dict[str, dict] = {}
    for p in sorted((SOURCES / "catalogs" / "items").glob("*.csv")):
        for r in read_csv(p):
            items[r["code"]] = {**r, "_file": p.name}
    return items


def load_treatments() -> list[tuple[Path, dict]]:
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((SOURCES / "treatments").glob("*.yaml"))]


def check(items: dict, treatments: list, source_ids: set[str]) -> int:
    errors = 0
    for path, t in treatments:
        where = path.name
        for key in ("id", "name_zh", "name_en", "category", "setting", "stay_days", "source", "lines"):
            if key not in t:
                print(f"ERROR {where}: missing key {key}")
                errors += 1
        if t.get("id") != path.stem:
            print(f"ERROR {where}: id {t.get('id')} does not match the file name")
            errors += 1
        if t.get("setting") not in SETTINGS:
            print(f"ERROR {where}: setting {t.get('setting')}")
            errors += 1
        if set(t.get("stay_days", {})) != set(VARIANTS):
            print(f"ERROR {where}: stay_days must have low/typical/high")
            errors += 1
        if t.get("source") not in source_ids:
            print(f"ERROR {where}: source {t.get('source')} not in sources.yaml")
            errors += 1
        codes = Counter()
        for i, ln in enumerate(t.get("lines", [])):
            code = str(ln.get("code", ""))
            codes[code] += 1
            if ("qty" in ln) == ("per_day" in ln):
                print(f"ERROR {where} line {i}: exactly one of qty / per_day")
                errors += 1
            if "qty" in ln and set(ln["qty"]) != set(VARIANTS):
                print(f"ERROR {where} line {i}: qty must have low/typical/high")
                errors += 1
            elif "qty" in ln and not (ln["qty"]["low"] <= ln["qty"]["typical"] <= ln["qty"]["high"]):
                print(f"ERROR {where} line {i}: {code} quantities fall from low to typical to high: {ln['qty']}")
                errors += 1
            if code not in items:
                print(f"ERROR {where}: code {code} not in catalogs/items/*.csv")
                errors += 1
        for code, n in codes.items():
            if n > 1:
                print(f"WARN  {where}: code {code} appears {n} times")
    return errors


def default_lists() -> list[str]:
    stems = sorted(p.stem for p in (SOURCES / "prices").glob("*.csv"))
    svc = [s for s in stems if "jiangsu" in s and "sunan" in s] or [s for s in stems if "jiangsu" in s and "serv" in s]
    return svc + [s for s in ("jiangsu-consumables", "national-drug-prices") if s in stems]


def load_prices(lists: list[str]) -> list[dict[tuple[str, str], float]]:
    out = []
    for stem in lists:
        table: dict[tuple[str, str], float] = {}
        for r in read_csv(SOURCES / "prices" / f"{stem}.csv"):
            with contextlib.suppress(ValueError):
                table[(r["code"], r["level"])] = float(r["price"])
        out.append(table)
    return out


def price_of(code: str, level: str, tables) -> float | None:
    for t in tables:
        for lv in (level, "all"):
            if (code, lv) in t:
                return t[(code, lv)]
    return None


def totals(items, treatments, lists, level, variant) -> None:
    tables = load_prices(lists)
    print(f"\nTotals ({variant}, level {level}; lists searched in order: {', '.join(lists)})")
    print(f"{'treatment':34s} {'total':>12s} {'service':>10s} {'drug':>10s} {'consumable':>11s}  unpriced lines")
    for _path, t in treatments:
        days = t["stay_days"][variant]
        parts = Counter()
        missing = []
        for ln in t["lines"]:
            code = str(ln["code"])
            qty = ln["per_day"] * days if "per_day" in ln else ln["qty"][variant]
            if not qty:
                continue
            p = price_of(code, level, tables)
            kind = items.get(code, {}).get("kind", "?")
            if p is None:
                missing.append(f"{code}({items.get(code, {}).get('name_zh', '?')[:14]})")
                continue
            parts[kind] += p * qty
        total = sum(parts.values())
        print(f"{t['id']:34s} {total:12,.0f} {parts['service']:10,.0f} {parts['drug']:10,.0f} "
              f"{parts['consumable']:11,.0f}  {len(missing)}: {' '.join(missing)}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--totals", action="store_true")
    ap.add_argument("--level", default="level3")
    ap.add_argument("--variant", default="typical", choices=VARIANTS)
    ap.add_argument("--lists", default="")
    a = ap.parse_args()
    items = load_items()
    treatments = load_treatments()
    sources = yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8")) or {}
    errors = check(items, treatments, set(sources))
    print(f"{len(treatments)} treatments, {sum(len(t['lines']) for _, t in treatments)} lines, "
          f"{len(items)} items known, {errors} errors")
    if a.totals:
        totals(items, treatments, [s for s in a.lists.split(",") if s] or default_lists(), a.level, a.variant)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
