"""Convert the Chengdu service price book 2024 (成都市医疗服务项目价格汇编（2024版）) into a price list.

Input (read-only reference data, beside the repository; ESTIMATOR_REFERENCE_DATA points elsewhere):
  * db/tools/pulled/chengdu_service_prices_2024_complete.csv when present (the shared copy completed
    from the public source, see db/tools/complete_chengdu_prices.py), else
  * medical-service-prices-chengdu-2024/chengdu_service_prices_2024.csv (about 80% of the book).
  * db/sources/catalogs/items/*.csv: only items of the item master get a price.
Output:
  * db/sources/prices/chengdu-2024.csv   code, level, price, source, method (source chengdu-prices-2024)
  * prints counts: lines read, national codes, codes priced, codes not in the item master.

Rules (stated in README and db/README.md):
  * Grades → the app's levels: 三甲 → level3, 二甲 → level2, 二乙以下 → level1 and community (a judgement:
    most patients travelling for care go to 三甲 hospitals; 三乙 and 二乙 columns are not used).
  * One base price per national code: the book line whose local code has no suffix, when it has a
    price; otherwise the first priced line of that code that is not a surcharge (加收, 每增加, a "%"
    price), preferring a line named for inpatients (住院) — the packages are inpatient bills. The
    method column names the line taken whenever it is not the code's own line.
  * Surcharges ("50%" 加收, county add-ons) are rules, not prices: not converted.
Dropped: lines without a numeric price at any used grade; codes that are not in the item master.
"""

from __future__ import annotations

import csv
import os
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ESTIMATOR_REFERENCE_DATA", ROOT.parent / "shared" / "data"))
COMPLETE = ROOT / "db" / "tools" / "pulled" / "chengdu_service_prices_2024_complete.csv"
SHARED = DATA / "medical-service-prices-chengdu-2024" / "chengdu_service_prices_2024.csv"
ITEMS = ROOT / "db" / "sources" / "catalogs" / "items"
OUT = ROOT / "db" / "sources" / "prices" / "chengdu-2024.csv"
SOURCE = "chengdu-prices-2024"
GRADES = {"level3": "price_三甲", "level2": "price_二甲", "level1": "price_二乙以下", "community": "price_二乙以下"}
SURCHARGE = ("加收", "每增加", "增加一", "陪伴")


def price(text: str) -> Decimal | None:
    text = (text or "").strip()
    if not text or text.endswith("%"):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def priced(line: dict[str, str]) -> bool:
    return any(price(line[col]) is not None for col in GRADES.values())


def base_line(lines: list[dict[str, str]]) -> tuple[dict[str, str] | None, str]:
    """The line whose prices stand for the code, and how it was chosen (empty: its own line)."""
    own = [x for x in lines if "-" not in x["local_code"]]
    if own and priced(own[0]):
        return own[0], ""
    candidates = [
        x for x in lines if priced(x) and not any(word in x["name"] for word in SURCHARGE)
    ]
    if not candidates:
        return None, ""
    inpatient = [x for x in candidates if "住院" in x["name"]]
    chosen = (inpatient or candidates)[0]
    why = "住院行" if inpatient else "首个有价格的非加收行"
    return chosen, (
        f"成都价格汇编（2024）第{chosen['page_no']}页：该编码共{len(lines)}行，本编码行无价格，"
        f"取{why} {chosen['local_code']}「{chosen['name']}」；加收行不计"
    )


def main() -> int:
    source = COMPLETE if COMPLETE.exists() else SHARED
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = set()
    for path in ITEMS.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            items |= {r["code"] for r in csv.DictReader(handle)}
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_code[row["national_code"]].append(row)
    out = []
    missing = 0
    for code, lines in sorted(by_code.items()):
        if code not in items:
            missing += 1
            continue
        line, method = base_line(lines)
        if line is None:
            continue
        for level, column in GRADES.items():
            value = price(line[column])
            if value is not None:
                out.append(
                    {"code": code, "level": level, "price": f"{value:.2f}", "source": SOURCE,
                     "method": method}
                )
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "level", "price", "source", "method"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    codes = {r["code"] for r in out}
    print(f"read {len(rows)} lines from {source.name}; {len(by_code)} national codes; "
          f"{len(codes)} codes priced ({len(out)} rows); {missing} codes not in the item master")
    return 0


if __name__ == "__main__":
    sys.exit(main())
