"""Jiangsu medical service items, 医保支付类别 and prices → db/sources.

Input (read-only reference data, /work/shared/data/README.md §3a):
  * medical-service-prices-jiangsu/jiangsu_medical_service_items_prices.csv — 6,254 rows (6,103 items +
    151 category rows) built from the Jiangsu 医保 "诊疗信息查询" service's JSON (DXQLS/DXQLS @ 42fa238… :
    pythonProject/江苏/江苏省医保诊疗信息查询_copy.txt, scraped 2024-05-27).

Output:
  * db/sources/catalogs/items/services_jiangsu.csv   one row per distinct Jiangsu item.
  * db/sources/catalogs/jiangsu-services.csv          class 甲/乙/丙 per item (the edition file of the
        `jiangsu-services` list in catalogs/lists.yaml; derive_province_services.py adds rows for items the
        scraped list lacks — run it after this script).
  * db/sources/prices/jiangsu-sunan.csv, jiangsu-suzhong.csv, jiangsu-subei.csv
        level3 ← 三类 price, level2 ← 二类, level1 ← 一类, community ← 一类 (Jiangsu classes its public
        hospitals 一/二/三类; 社区卫生服务中心 are priced as 一类 — the mapping is stated in the source note).

Codes: the national 15-digit code (national_item_code) when exactly one Jiangsu item carries it, or when
exactly one of the items sharing it is the main item (code without "-a/-b" suffix); every other item gets
`JS` + the Jiangsu item code (the national code is then kept as an alias). Where one Jiangsu code covers
several named items (120100008 新生儿特殊护理/抚触/…) or price tiers (33-i 微创手术加收 by the base price
of the open operation), a "-2", "-3"… suffix keeps codes unique and the tier text goes into the name.

Class: insurance_class. Mixed values ("丙/乙", "丙/甲", "乙/甲") depend on a condition the item's memo states
(mixed_class() below):
  * the memo names who gets the better class — "居民、灵活就业和退休参保人员符合生育政策的按甲类支付" (births
    within the birth policy), "甲类/乙类适用6周岁及以下儿童" — and the other class is 丙: the better class,
    with the condition as the restriction (限定支付范围), so the app asks whether it holds and treats the line
    as self-paid when it does not. (Until 2026-12 the less favourable class was taken, which made the
    caesarean operation and the delivery fully self-paid everywhere Jiangsu's list is used.)
  * "生育保险按甲类支付" (sterilisation, contraception: paid by maternity insurance only): 丙 in basic
    medical insurance, restriction says so;
  * "乙/甲" (乙 for everyone, 甲 for births within the policy): 乙 without a restriction (a restriction would
    make the line fully self-paid when the user says it does not hold; the 甲 for births is not modelled);
  * anything else: the less favourable class, the restriction says what the list prints.
Blood and blood components (1204-6-*) carry their price in the supply_price column (供应价, the same in every
band and hospital class): written as level `all` (source jiangsu-blood-supply-2024).

Dropped, and why:
  * the 151 category rows and 4 rows without an item name ("说明", "......" placeholders);
  * exact duplicate rows and rows that repeat an item under a second category path (the item is the same);
  * items with an empty insurance_class are items but are NOT put in the catalogue (not covered → the app
    warns): Jiangsu gives them no class;
  * price cells that are not numbers: "市定价" (set by the city), "市场调节价", empty and text cells — counted
    and printed per list; some of them are then filled by an estimate (next section).

Estimates for cells without a provincial price (source jiangsu-prices-estimate, tier estimate; each row's
`method` says how it was made):
  * 一类 (level1, and community, which is priced as 一类) where the cell says 市定价 and the same item has
    numeric 三类 and 二类 prices in the band: 一类 = 二类 × (二类/三类), i.e. the item's own step from 三类 to
    二类 taken once more. The brief's suggestion — the median 一类/二类 ratio over items that have both — could
    not be used: only ONE item in the whole list has a numeric 一类 price (蝶窦加收 225/225/225, ratio 1.0,
    which the step rule reproduces). The median 二类/三类 ratio is printed (1.0 over all items; 0.8 over
    surgery, chapter 33).
  * PRICE_SUPPLEMENT below: a few items a treatment package needs whose every column is 市定价 or 市场调节价
    (bed fees, cataract operation, biometry, TAVR and thrombolysis procedures) — a published proxy price or an
    in-list analogue, stated per item; their 一类 cell then follows the step rule.
Classes for items the list leaves without one: CLASS_SUPPLEMENT below (source jiangsu-class-estimate).
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
EST = "jiangsu-prices-estimate"
CLASS_EST = "jiangsu-class-estimate"
BLOOD = "jiangsu-blood-supply-2024"  # in sources-treatments.yaml
BANDS = list(REGIONS)

# Items with no provincial price in any column that a treatment package needs (hand-written; reviewed here).
#   kind "fixed":    the same level3/level2(/level1) prices in every band (from a cited proxy or a stated sum)
#   kind "analogue": copy the 三类/二类 cells of another Jiangsu item, band by band
#   kind "surgery":  a level3 price; level2 = level3 × the median 二类/三类 ratio of chapter 33 (computed below)
PRICE_SUPPLEMENT: dict[str, dict] = {
    "110900001-a": {  # 四人及以上多人间床位费 (市定价 in every column)
        "kind": "fixed", "level3": 48, "level2": 37, "level1": 25,
        "method": "江苏床位费为市定价（省表无价）。取公开的“普通病房床位分等定价”表 C 等（3人间无独立卫生设施、4人及以上"
                  "病房）价格：三级48、二级37、一级25元/日（svc-bedfee-21hros；该页未写明城市与日期，页面为上海一家公司"
                  "网站）；社区按一级。三苏地区同价。"},
    "110900003": {  # 重症监护病房床位费 (市定价 in every column)
        "kind": "analogue", "item": "110300001",
        "method": "江苏重症监护病房床位费为市定价（省表无价），未找到公开的城市价格；以同一清单“急诊监护费”（110300001，"
                  "监护病房条件下按日计价）的同档价格代替，可能偏高或偏低。"},
    "330406010": {  # 白内障超声乳化摘除术+人工晶体植入术 (市定价 in every column; the whole 3304 chapter is)
        "kind": "surgery", "level3": 3800,
        "method": "江苏眼科手术（3304章）全部为市定价。三类价按公开总费用反推：一线城市三甲医院超声乳化+普通人工晶体"
                  "约6000–10000元（svc-cataract-39yst），取下限6000元，减去国产单焦点晶体2000元（cons-iol-bohe）及"
                  "本项目白内障包其余项目（床位、护理、化验、心电图、度数测量，三类约200元），取整为3800元；二类 = 三类 × 0.8（江苏手术类项目二类/三类比值的中位数）。"
                  "因由总额反推，白内障包的总额不再是独立对照。"},
    "310300045": {  # 人工晶体度数测量 (市定价 in every column; the whole 3103 chapter is)
        "kind": "fixed", "level3": 12, "level2": 12,
        "method": "江苏眼科检查（3103章）全部为市定价。按同一清单“眼部A超”（220100003，6元/单侧）×2眼计（人工晶体度数"
                  "测量以A超眼轴测量为基础；角膜曲率与计算未计价，可能偏低）。"},
    "330801029": {  # 经皮导管主动脉瓣植入术 (丙, 市场调节价)
        "kind": "analogue", "item": "330801009",
        "method": "江苏TAVR手术项目为丙类、市场调节价（省表无价），未找到医院公示价；以同一清单外科“主动脉瓣置换术”"
                  "（330801009）的同档价格代替。"},
    "310100037": {  # 急性缺血性脑卒中超早期静脉溶栓术 (丙, 市场调节价)
        "kind": "analogue", "item": "320200015",
        "method": "江苏静脉溶栓术为丙类、市场调节价（省表无价），未找到医院公示价；以同一清单“经皮动脉内溶栓术”"
                  "（320200015）的价格代替（后者需导管操作，可能偏高）。"},
}

# Items the list gives no class, that a treatment package needs: class, restriction text (method).
CLASS_SUPPLEMENT: dict[str, tuple[str, str]] = {
    "330100005-b": ("甲", "江苏清单未标医保类别。估算：按主项“全身麻醉”（甲）；杭州2022目录“气管插管全身麻醉超过2小时加收”"
                         "与昆明2022目录“全身麻醉(2小时以上)”均为甲类（hangzhou-services-2022、kunming-services-2022）。"),
    "120100007": ("甲", "江苏清单未标医保类别。估算：杭州、湖州、宁波、瑞安、台州、温州（浙江各市2022目录）及昆明2022目录"
                       "“新生儿护理”均为甲类（hangzhou-services-2022、kunming-services-2022）。"),
}


def number(text: str) -> str | None:
    text = (text or "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return f"{float(text):.2f}"
    return None


BIRTH_POLICY = "居民、灵活就业和退休参保人员符合生育政策的按甲类支付"
BIRTH_RESTRICTION = ("限符合生育政策的分娩及相关诊疗（江苏：居民、灵活就业和退休参保人员符合生育政策的按甲类支付；"
                     "在职职工的生育医疗费用由生育保险按其规定支付）")
CHILD_RESTRICTION = "限6周岁及以下儿童（江苏：{cls}类适用6周岁及以下儿童，其他人员丙类）"


def mixed_class(cls_raw: str, memo: str) -> tuple[str, str]:
    """(class, restriction) for an insurance_class like "丙/甲" and the item's memo (see the docstring)."""
    parts = [p for p in re.split(r"[/／、]", cls_raw) if p in RANK]
    if len(parts) < 2:
        return parts[0], ""
    best, worst = min(parts, key=RANK.get), max(parts, key=RANK.get)
    memo = clean_text(memo)
    if worst == "丙" and BIRTH_POLICY in memo:
        return best, BIRTH_RESTRICTION
    if worst == "丙" and ("适用6周岁及以下儿童" in memo or "限六周岁及以下儿童" in memo):
        return best, CHILD_RESTRICTION.format(cls=best)
    if worst == "丙" and "生育保险按甲类支付" in memo:
        return "丙", f"江苏医保类别为“{cls_raw}”：生育保险按甲类支付，基本医疗保险不予支付（按丙类）。"
    if worst == "乙":  # 乙 applies to everyone: no restriction (a restriction would make "not met" self-paid)
        return "乙", ""
    return worst, f"江苏医保类别为“{cls_raw}”（{memo or '清单未写明条件'}）；此处按较不利的{worst}类处理。"


def blood_price(r: dict) -> str | None:
    """Jiangsu prices blood and blood components (1204-6-*) by their supply price only."""
    return number(r.get("supply_price", "")) if r["item_code"].startswith("1204-6-") else None


def supplement_prices(sup: dict, reg: str, raw_by_code: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """level → (price, method) for one PRICE_SUPPLEMENT entry in one band."""
    out: dict[str, tuple[str, str]] = {}
    if sup["kind"] == "fixed":
        for level in ("level3", "level2", "level1"):
            if level in sup:
                out[level] = (f"{float(sup[level]):.2f}", sup["method"])
        if "level1" in sup:
            out["community"] = out["level1"]
    elif sup["kind"] == "surgery":
        out["level3"] = (f"{float(sup['level3']):.2f}", sup["method"])
        out["level2"] = (f"{float(sup['level3']) * SURGERY_STEP:.2f}", sup["method"])
    elif sup["kind"] == "analogue":
        a = raw_by_code[sup["item"]]
        for level, col in (("level3", "price_class3_{}"), ("level2", "price_class2_{}")):
            v = number(a[col.format(reg)])
            if v is None:
                raise SystemExit(f"analogue {sup['item']} has no {level} price in {reg}")
            out[level] = (v, sup["method"] + f"（{REGIONS[reg]}：{float(v):g}元）")
    return out


def step_ratios(raw: list[dict]) -> tuple[float, float, list[tuple]]:
    """median 二类/三类 (all items, surgery chapter 33) over 苏南 cells; items with a numeric 一类."""
    import statistics
    allr, surg, with1 = [], [], []
    for r in raw:
        if r["row_type"] == "category":
            continue
        p3, p2, p1 = (number(r[f"price_class{c}_sunan"]) for c in (3, 2, 1))
        if p1 is not None:
            with1.append((r["item_code"], clean_text(r["item_name"]), p3, p2, p1))
        if p3 and p2 is not None and float(p3) > 0:
            allr.append(float(p2) / float(p3))
            if r["item_code"].startswith("33"):
                surg.append(float(p2) / float(p3))
    return statistics.median(allr), statistics.median(surg), with1


SURGERY_STEP = 0.8  # checked against step_ratios() in main(): median 二类/三类 of chapter 33


def main() -> None:
    raw = read_csv(SRC)
    med_all, med_surg, with1 = step_ratios(raw)
    print(f"median 二类/三类 (苏南): all items {med_all:.4g}, surgery (33) {med_surg:.4g}; "
          f"items with a numeric 一类 price: {with1}")
    if abs(med_surg - SURGERY_STEP) > 1e-9:
        raise SystemExit(f"SURGERY_STEP {SURGERY_STEP} differs from the computed median {med_surg}")
    raw_by_code: dict[str, dict] = {}
    for r in raw:
        if r["row_type"] != "category":
            raw_by_code.setdefault(r["item_code"], r)
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
            cls, restriction = mixed_class(cls_raw, r["memo"])
            if restriction:
                stats[f"mixed class {cls_raw} → {cls}"] += 1
            catalog.append({"code": code, "class": cls, "pay_cap": "", "item_share": "",
                            "restriction": restriction, "source": CATALOG_SOURCE})
            stats[f"class {cls}"] += 1
        elif r["item_code"] in CLASS_SUPPLEMENT and used[code] == 1:
            cls, why = CLASS_SUPPLEMENT[r["item_code"]]
            catalog.append({"code": code, "class": cls, "pay_cap": "", "item_share": "", "restriction": why,
                            "source": CLASS_EST})
            stats["items without a class, class estimated (CLASS_SUPPLEMENT)"] += 1
        else:
            stats["items without a class (left out of the catalogue)"] += 1
        for reg in REGIONS:
            got: dict[str, tuple[str, str, str]] = {}   # level → (price, source, method)
            for level, col in LEVEL_COLUMNS:
                cell = r[col.format(reg)]
                value = number(cell)
                if value is None:
                    if level != "community":
                        skipped[reg][cell.strip() if cell.strip() in ("市定价", "市场调节价", "") else "other text"] += 1
                    continue
                got[level] = (value, f"jiangsu-prices-{reg}-2024", "")
            sup = PRICE_SUPPLEMENT.get(r["item_code"]) if used[code] == 1 else None
            if sup:
                for level, (value, method) in supplement_prices(sup, reg, raw_by_code).items():
                    if level not in got:
                        got[level] = (value, EST, method)
                        stats[f"supplement prices ({reg})"] += 1
            if not got and blood_price(r) is not None:
                got["all"] = (blood_price(r), BLOOD, "")
                stats[f"blood supply prices ({reg})"] += 1
            if "level1" not in got and "level3" in got and "level2" in got \
                    and r[f"price_class1_{reg}"].strip() == "市定价":
                p3, p2 = float(got["level3"][0]), float(got["level2"][0])
                if p3 > 0:
                    step = p2 / p3
                    p1 = f"{p2 * step:.2f}"
                    src = "估算" if got["level2"][1] == EST else "江苏省表"
                    method = (f"江苏一类为市定价（省表无价）。一类 = 二类 {p2:g} × 本项目二类/三类之比 {step:.4g}"
                              f"（三类 {p3:g}，{REGIONS[reg]}，{src}），即由三类到二类的同一步再降一次；社区按一类。")
                    got["level1"] = (p1, EST, method)
                    got["community"] = (p1, EST, method)
                    stats[f"一类/社区 estimated by the step rule ({reg})"] += 1
            elif "level1" in got and "community" not in got:
                got["community"] = got["level1"]
            for level in ("all", "level3", "level2", "level1", "community"):
                if level in got:
                    value, source, method = got[level]
                    prices[reg].append({"code": code, "level": level, "price": value, "source": source,
                                        "method": method})

    write_csv(SOURCES / "catalogs" / "items" / "services_jiangsu.csv", ITEM_COLUMNS, items)
    write_csv(SOURCES / "catalogs" / "jiangsu-services.csv", CATALOG_COLUMNS, catalog)
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
    entries[EST] = {
        "title": "江苏省表无价格（市定价/市场调节价）项目的估算价格",
        "document": "estimate by this project (db/tools/convert_jiangsu_services.py); method in each price row",
        "date": dt.date(2026, 11, 23),
        "tier": "estimate",
        "note": "Jiangsu leaves 一类 prices (and some items' every column) to the cities (市定价) or the market "
                "(市场调节价). 一类/社区 cells: 二类 × the item's own 二类/三类 ratio (the only item in the list with a "
                "numeric 一类 price, 蝶窦加收 225/225/225, agrees). Items with no price in any column that a treatment "
                "needs: a published proxy price or an in-list analogue, named in the row's method "
                "(PRICE_SUPPLEMENT in the script).",
    }
    entries[CLASS_EST] = {
        "title": "江苏清单未标医保类别项目的类别估算",
        "document": "estimate by this project (db/tools/convert_jiangsu_services.py); method in each row's restriction",
        "date": dt.date(2026, 11, 23),
        "tier": "estimate",
        "note": "Only for items a treatment package needs (CLASS_SUPPLEMENT): 全身麻醉加收 and 新生儿护理 → 甲, from their "
                "main item's class and the class the 2022 Hangzhou/Kunming (and other Zhejiang cities') catalogues give "
                "the same item. Every other unclassed item stays out of the catalogue (not covered).",
    }
    entries["svc-bedfee-21hros"] = {
        "title": "普通病房床位分等定价与医保分类给付表（C等：3人间无独立卫生设施、4人及以上病房 一级25/二级37/三级48元）",
        "url": "http://21hros.com/news/hynews/301.html",
        "date": dt.date(2026, 11, 23),
        "tier": "secondary",
        "note": "Table on the news page of a Shanghai HR-outsourcing firm (上海人事外包网); the page does not name the city "
                "or the date of the table (date = when read). Other rows: A等 (2人间) price set by the hospital; B等 (3人间 "
                "with own bathroom) 二级44/三级55; the insurance payment standard of every grade equals the C等 price. "
                "Used only as a proxy for Jiangsu's city-set 四人及以上多人间床位费.",
    }
    entries["svc-cataract-39yst"] = {
        "title": "白内障手术费多少钱：一线城市三甲医院超声乳化+普通人工晶体约6000–10000元，三四线城市同级医院3000–8000元",
        "url": "http://www.39yst.com:8080/ask/4998692.shtml",
        "date": dt.date(2026, 11, 23),
        "tier": "secondary",
        "note": "Health Q&A page (undated; date = when read); ranges only. Another page gives 8000–15000 for 三甲 phaco "
                "(https://mip.mfk.com/article/10027077.shtml).",
    }
    merge_sources(entries)


def patch() -> None:
    """`--patch`: apply mixed_class() and the blood supply prices to the files in place, leaving every other
    row (including those other scripts added) untouched. Used in 2026-12 instead of a full re-run."""
    raw = read_csv(SRC)
    raw_by_code: dict[str, dict] = {}
    for r in raw:
        if r["row_type"] != "category":
            raw_by_code.setdefault(r["item_code"], r)
    items = read_csv(SOURCES / "catalogs" / "items" / "services_jiangsu.csv")
    js_code = {i["code"]: i["aliases"].split("|")[0] for i in items}
    path = SOURCES / "catalogs" / "jiangsu-services.csv"
    rows = read_csv(path)
    changed = collections.Counter()
    for row in rows:
        r = raw_by_code.get(js_code.get(row["code"], ""))
        if r is None or row["source"] != CATALOG_SOURCE:
            continue
        cls_raw = r["insurance_class"].strip()
        if len(re.split(r"[/／、]", cls_raw)) < 2:
            continue
        cls, restriction = mixed_class(cls_raw, r["memo"])
        if (cls, restriction) != (row["class"], row["restriction"]):
            changed[f"{cls_raw} → {cls}"] += 1
            row["class"], row["restriction"] = cls, restriction
    write_csv(path, CATALOG_COLUMNS, rows)
    print("classes changed:", dict(changed))
    for reg in REGIONS:
        ppath = SOURCES / "prices" / f"jiangsu-{reg}.csv"
        prows = read_csv(ppath)
        have = {(p["code"], p["level"]) for p in prows}
        added = 0
        for code, item_code in js_code.items():
            r = raw_by_code.get(item_code)
            if r is None or blood_price(r) is None or any(k[0] == code for k in have):
                continue
            prows.append({"code": code, "level": "all", "price": blood_price(r), "source": BLOOD, "method": ""})
            added += 1
        write_csv(ppath, PRICE_COLUMNS, prows)
        print(f"jiangsu-{reg}: {added} blood supply prices added")


if __name__ == "__main__":
    patch() if "--patch" in sys.argv else main()
