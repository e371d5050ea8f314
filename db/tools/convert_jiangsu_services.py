"""Jiangsu medical service items, 医保支付类别 and prices → db/sources.

Input (read-only reference data, /work/shared/data/README.md §3a):
  * medical-service-prices-jiangsu/jiangsu_medical_service_items_prices.csv — 6,254 rows (6,103 items +
    151 category rows) built from the Jiangsu 医保 "诊疗信息查询" service's JSON (DXQLS/DXQLS @ 42fa238… :
    pythonProject/江苏/江苏省医保诊疗信息查询_copy.txt, scraped 2024-05-27).

Output:
  * db/sources/catalogs/items/services_jiangsu.csv   one row per distinct Jiangsu item.
  * db/sources/catalogs/jiangsu-services-2024.csv     class 甲/乙/丙 per item.
  * db/sources/prices/jiangsu-sunan.csv, jiangsu-suzhong.csv, jiangsu-subei.csv
        level3 ← 三类 price, level2 ← 二类, level1 ← 一类, community ← 一类 (Jiangsu classes its public
        hospitals 一/二/三类; 社区卫生服务中心 are priced as 一类 — the mapping is stated in the source note).

Codes: the national 15-digit code (national_item_code) when exactly one Jiangsu item carries it, or when
exactly one of the items sharing it is the main item (code without "-a/-b" suffix); every other item gets
`JS` + the Jiangsu item code (the national code is then kept as an alias). Where one Jiangsu code covers
several named items (120100008 新生儿特殊护理/抚触/…) or price tiers (33-i 微创手术加收 by the base price
of the open operation), a "-2", "-3"… suffix keeps codes unique and the tier text goes into the name.

Class: insurance_class; mixed values ("丙/乙", "丙/甲", "乙/甲": the class depends on conditions the list
does not spell out) take the LESS favourable class (丙 over 乙 over 甲) and the restriction column says so.

Dropped, and why:
  * the 151 category rows and 4 rows without an item name ("说明", "......" placeholders);
  * exact duplicate rows and rows that repeat an item under a second category path (the item is the same);
  * items with an empty insurance_class are items but are NOT put in the catalogue (not covered → the app
    warns): Jiangsu gives them no class;
  * price cells that are not numbers: "市定价" (set by the city), "市场调节价", empty and text cells — counted
    and printed per list.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (CATALOG_COLUMNS, DATA, ITEM_COLUMNS, PRICE_COLUMNS, SOURCES, clean_text,  # noqa: E402
                     merge_sources, read_csv, write_csv)

SRC = DATA / "medical-service-prices-jiangsu" / "jiangsu_medical_service_items_prices.csv"
CATALOG_SOURCE = "jiangsu-services-2024"
REGIONS = {"sunan": "苏南", "suzhong": "苏中", "subei": "苏北"}
LEVEL_COLUMNS = [("level3", "price_class3_{}"), ("level2", "price_class2_{}"), ("level1", "price_class1_{}"),
                 ("community", "price_class1_{}")]
PRICE_COLS = [f"price_class{c}_{r}" for c in (3, 2, 1) for r in REGIONS]
RANK = {"甲": 0, "乙": 1, "丙": 2}


def number(text: str) -> str | None:
    text = (text or "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return f"{float(text):.2f}"
    return None


def main() -> None:
    raw = read_csv(SRC)
    stats = collections.Counter()
    items_src = []
    seen_full = set()
    by_code_name: dict[tuple, list[dict]] = collections.defaultdict(list)
    for r in raw:
        if r["row_type"] == "category":
            stats["category rows dropped"] += 1
            continue
        name = clean_text(r["item_name"])
        if not name or name == "说明" or not re.match(r"^[0-9A-Za-z]", r["item_code"]):
            stats["rows without an item (说明 / placeholders) dropped"] += 1
            continue
        content = tuple((k, v) for k, v in r.items() if k != "category_path")
        if content in seen_full:
            stats["duplicate rows dropped (same item, or same item under a 2nd category)"] += 1
            continue
        seen_full.add(content)
        by_code_name[(r["item_code"], name)].append(r)
        items_src.append(r)
    # same code + name but different prices → price tiers: put the memo in the name
    for (code, name), rs in by_code_name.items():
        for r in rs:
            r["_name"] = name if len(rs) == 1 else f"{name}（{clean_text(r['memo']) or '档' + str(rs.index(r) + 1)}）"

    # national code assignment
    nat_groups: dict[str, list[dict]] = collections.defaultdict(list)
    for r in items_src:
        n = r["national_item_code"].strip()
        if re.fullmatch(r"\d{15}", n):
            nat_groups[n].append(r)
    code_of: dict[int, str] = {}
    for n, rs in nat_groups.items():
        if len(rs) == 1:
            code_of[id(rs[0])] = n
        else:
            base = [r for r in rs if "-" not in r["item_code"]]
            if len(base) == 1 and len({r["item_code"] for r in base}) == 1:
                code_of[id(base[0])] = n
    used = collections.Counter()
    items, catalog = [], []
    prices = {reg: [] for reg in REGIONS}
    skipped = {reg: collections.Counter() for reg in REGIONS}
    for r in items_src:
        code = code_of.get(id(r))
        if code is None:
            code = "JS" + r["item_code"]
            stats["items with a JS code"] += 1
        else:
            stats["items with the national code"] += 1
        used[code] += 1
        if used[code] > 1:
            code = f"{code}-{used[code]}"
        nat = r["national_item_code"].strip()
        aliases = [r["item_code"]]
        if nat and nat != code:
            aliases.append(nat)
        nat_name = clean_text(r["national_item_name"])
        if nat_name and nat_name != r["_name"]:
            aliases.append(nat_name)
        path = [clean_text(p) for p in r["category_path"].split(">")]
        prefix = re.match(r"\d{4}", r["item_code"])
        category = ((prefix.group(0) + " ") if prefix else "") + (path[-1] if path else "")
        items.append({"code": code, "kind": "service", "name_zh": r["_name"], "name_en": "",
                      "unit": clean_text(r["unit"]), "category": category, "origin": "",
                      "aliases": "|".join(dict.fromkeys(a for a in aliases if a))})
        cls_raw = r["insurance_class"].strip()
        if cls_raw:
            parts = [p for p in re.split(r"[/／、]", cls_raw) if p in RANK]
            cls = max(parts, key=RANK.get)
            restriction = ""
            if len(parts) > 1:
                restriction = f"江苏医保类别为“{cls_raw}”（视情形而定，清单未写明条件）；此处按较不利的{cls}类处理。"
                stats[f"mixed class {cls_raw} → {cls}"] += 1
            catalog.append({"code": code, "class": cls, "pay_cap": "", "item_share": "",
                            "restriction": restriction, "source": CATALOG_SOURCE})
            stats[f"class {cls}"] += 1
        else:
            stats["items without a class (left out of the catalogue)"] += 1
        for reg in REGIONS:
            for level, col in LEVEL_COLUMNS:
                cell = r[col.format(reg)]
                value = number(cell)
                if value is None:
                    if level != "community":
                        skipped[reg][cell.strip() if cell.strip() in ("市定价", "市场调节价", "") else "other text"] += 1
                    continue
                prices[reg].append({"code": code, "level": level, "price": value,
                                    "source": f"jiangsu-prices-{reg}-2024", "method": ""})

    write_csv(SOURCES / "catalogs" / "items" / "services_jiangsu.csv", ITEM_COLUMNS, items)
    write_csv(SOURCES / "catalogs" / "jiangsu-services-2024.csv", CATALOG_COLUMNS, catalog)
    for reg in REGIONS:
        write_csv(SOURCES / "prices" / f"jiangsu-{reg}.csv", PRICE_COLUMNS, prices[reg])
    print("items:", len(items), "catalogue rows:", len(catalog))
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    for reg in REGIONS:
        print(f"prices jiangsu-{reg}: {len(prices[reg])} rows; skipped cells (三/二/一类 columns): {dict(skipped[reg])}")

    doc = ("data: DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : "
           "pythonProject/江苏/江苏省医保诊疗信息查询_copy.txt")
    entries = {
        CATALOG_SOURCE: {
            "title": "江苏省医疗服务项目医保支付类别（江苏医保“诊疗信息查询”服务，2024-05-27 抓取）",
            "document": doc,
            "date": dt.date(2024, 5, 27),
            "tier": "secondary",
            "note": "Raw JSON answers of the Jiangsu 医保 public query service, saved by a third party (26 pages, "
                    "6,103 items). 甲/乙/丙 as given; mixed classes (丙/乙 124, 丙/甲 52, 乙/甲 38) are taken as the "
                    "less favourable class; 217 items without a class are left out (not covered). Snapshot of "
                    "2024-05; Jiangsu has revised items since. Converted by db/tools/convert_jiangsu_services.py.",
        },
    }
    for reg, zh in REGIONS.items():
        entries[f"jiangsu-prices-{reg}-2024"] = {
            "title": f"江苏省医疗服务价格（{zh}地区，三类/二类/一类医院）— 江苏医保“诊疗信息查询”服务，2024-05-27 抓取",
            "document": doc,
            "date": dt.date(2024, 5, 27),
            "tier": "secondary",
            "note": f"{zh} price columns of the Jiangsu list. Level mapping: level3 ← 三类, level2 ← 二类, "
                    "level1 ← 一类, community ← 一类 (Jiangsu prices 社区/基层 institutions in its 一类 band; "
                    "an assumption of this conversion). Cells marked 市定价 (city-set, mostly 一类), 市场调节价 or "
                    "empty are not included. Snapshot of 2024-05.",
        }
    merge_sources(entries)


if __name__ == "__main__":
    main()
