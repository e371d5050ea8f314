"""Service catalogues and price lists of 10 more provinces, derived from Jiangsu's → db/sources.

Input:
  * db/sources/catalogs/items/services_jiangsu.csv, catalogs/jiangsu-services-2024.csv (run
    convert_jiangsu_services.py first) and the raw Jiangsu CSV (for the plain item names).
  * /work/shared/data/city-insurance-catalogs-2022/service_items_7_cities.csv — sheets 浙江省-杭州市 and
    云南省-昆明市 (DXQLS/DXQLS @ 42fa238… : pythonProject/sqlCreate/诊疗库-（7个）(1)(1)20240507.xlsx, "目录亿保2022").
  * a few news/government pages for real coverage differences (URLs in sources.yaml).

Output (beside the other catalogues / price lists):
  * catalogs/<slug>-services.yaml (+ <slug>-services.overrides.csv where there is real data):
    derived_from jiangsu-services-2024, source <slug>-services-derived (tier estimate).
  * prices/<slug>-services.yaml: derived_from jiangsu-sunan (richer provinces), jiangsu-suzhong (middle) or
    jiangsu-subei (poorer), factor 1.0, tier estimate (+ overrides for items priced from a cited page).
  * catalogs/items/services_extra.csv: service items that are not in Jiangsu's list but that a coverage
    difference needs (robot-assisted surgery, proton/heavy-ion therapy). No national code is known for
    them, so they get `SVC-` codes (the format has no convention for this case).
  * adds 丙 rows for those items to catalogs/jiangsu-services-2024.csv where a source says so.
  * MISSING_OPS: four operations a treatment package needs that the scraped Jiangsu list lacks (its chapter
    3315 has no 331501 spine, 331505 fracture or 331507 joint-replacement items): the lumbar discectomy under
    its national 15-digit code (from medical-service-items/medimodel_service_item_restriction_rules.csv), the
    others under SVC- codes (no national code is in any dataset held). Each gets a Jiangsu catalogue row (class
    estimated: the most common class among Jiangsu's 3315 items) and Jiangsu price rows copied from a stated
    analogue item of the same list (its 三类/二类 prices and its 一类 estimate), source svc-missing-ops-estimate.
    Run convert_jiangsu_services.py first (it rewrites the Jiangsu files this script appends to).

Overrides:
  * Zhejiang ← Hangzhou sheet, Yunnan ← Kunming sheet: fee_level 1/2/3 → 甲/乙/丙, common_ratio → item_share
    (only for 甲/乙 rows with 0 < ratio < 1), matched by exact item name (spaces and bracket width
    normalised) to the Jiangsu item name; a name shared by several Jiangsu items (sub-items, price tiers)
    applies to all of them. Rows of fee category 材料费 are consumables and are not matched.
    The one Hangzhou name with two conflicting rows (可吸收缝线, a consumable) is skipped.
  * Shanghai: robot-assisted surgery covered (乙 assumed: the source gives no class) — proton/heavy-ion
    therapy 丙 (not covered by basic insurance) and its price per course.
  * Beijing: 左右心室辅助泵安装术 (Jiangsu JS330803022/JS330803024 — the implantable VAD pump operation)
    甲 from 2024-09-21 in 4 pilot hospitals (the catalogue format has no start date: stated in the restriction).

Dropped, and why: city rows whose name is not exactly a Jiangsu item name (reported as the match rate);
no fuzzy matching (too easy to map a service to the wrong item).
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (CATALOG_COLUMNS, DATA, ITEM_COLUMNS, PRICE_COLUMNS, SOURCES, merge_sources,  # noqa: E402
                     read_csv, write_csv)

CITY = DATA / "city-insurance-catalogs-2022" / "service_items_7_cities.csv"
TODAY = dt.date(2026, 11, 23)  # when the pages were read

PROVINCES = {  # slug → (中文, English, Jiangsu price band used as proxy)
    "shanghai": ("上海市", "Shanghai", "sunan"),
    "beijing": ("北京市", "Beijing", "sunan"),
    "zhejiang": ("浙江省", "Zhejiang", "sunan"),
    "guangdong": ("广东省", "Guangdong", "sunan"),
    "hubei": ("湖北省", "Hubei", "suzhong"),
    "sichuan": ("四川省", "Sichuan", "suzhong"),
    "anhui": ("安徽省", "Anhui", "suzhong"),
    "hebei": ("河北省", "Hebei", "suzhong"),
    "yunnan": ("云南省", "Yunnan", "subei"),
    "heilongjiang": ("黑龙江省", "Heilongjiang", "subei"),
}
BAND_ZH = {"sunan": "苏南", "suzhong": "苏中", "subei": "苏北"}
FEE_LEVEL = {"1": "甲", "2": "乙", "3": "丙"}

ROBOT = "SVC-ROBOT-ASSIST"
PROTON = "SVC-PROTON-HEAVY-ION"
EXTRA_ITEMS = [
    {"code": ROBOT, "kind": "service", "name_zh": "手术机器人辅助操作（达芬奇等腔镜手术机器人）",
     "name_en": "robot-assisted surgery (da Vinci etc.), the robot's share of the bill", "unit": "次",
     "category": "手术辅助操作", "origin": "",
     "aliases": "达芬奇|达芬奇手术|机器人手术|手术机器人辅助|robot-assisted surgery|da Vinci"},
    {"code": PROTON, "kind": "service", "name_zh": "质子重离子放射治疗（疗程）",
     "name_en": "proton / heavy-ion radiotherapy (per course)", "unit": "疗程", "category": "放射治疗",
     "origin": "", "aliases": "质子治疗|重离子治疗|质子重离子|proton therapy|heavy ion therapy|particle therapy"},
]

# code → (name_zh, name_en, unit, category, aliases, analogue Jiangsu item_code, why that analogue)
MISSING_OPS: dict[str, tuple] = {
    "SVC-TKA": ("人工全膝关节置换术", "total knee arthroplasty (operation fee)", "单侧", "3315 人工关节置换手术",
                "人工膝关节置换术|膝关节置换|全膝置换|TKA", "331510008",
                "膝部截骨类手术中与之最接近的“胫骨高位截骨术”"),
    "SVC-THA": ("人工全髋关节置换术", "total hip arthroplasty (operation fee)", "单侧", "3315 人工关节置换手术",
                "人工髋关节置换术|髋关节置换|全髋置换|THA", "331510004",
                "髋部手术中与之最接近的“髋臼旋转截骨术”"),
    "SVC-HIPFX-NAIL": ("股骨转子间骨折闭合复位髓内钉内固定术", "closed reduction and intramedullary nailing of an "
                       "intertrochanteric femoral fracture (operation fee)", "次", "3315 四肢骨折手术",
                       "股骨粗隆间骨折内固定术|髓内钉内固定术|股骨颈骨折闭合复位内固定术|PFNA", "331510005",
                       "股骨近端手术中与之最接近的“股骨颈楔形截骨术”"),
    "003315010380000": ("腰椎间盘突出摘除术", "lumbar disc herniation excision (discectomy)", "间盘",
                        "3315 脊柱骨关节手术", "腰椎间盘摘除术|椎间盘摘除术|椎间盘切除术|discectomy", "330204006",
                        "需椎板开窗进入椎管的“椎管内脓肿切开引流术”"),
}
MISSING_SOURCE = "svc-missing-ops-estimate"
JS_RAW = DATA / "medical-service-prices-jiangsu" / "jiangsu_medical_service_items_prices.csv"


def missing_ops(js_cat: list[dict]) -> tuple[list[dict], list[dict], str]:
    """items, Jiangsu catalogue rows and (via the files) Jiangsu price rows for MISSING_OPS."""
    raw = [r for r in read_csv(JS_RAW) if r["row_type"] != "category"]
    counts = collections.Counter()
    seen: set[str] = set()
    for r in raw:
        if r["item_code"].startswith("3315") and r["item_code"] not in seen:
            seen.add(r["item_code"])
            cls = r["insurance_class"].strip()
            counts[cls if cls in ("甲", "乙", "丙") else (cls or "无")] += 1
    cls, n = counts.most_common(1)[0]
    total = sum(counts.values())
    how = (f"江苏清单缺此手术项目，类别为估算：江苏3315章（肌肉骨骼系统手术）{total}项中{n}项为{cls}类"
           f"（{dict(counts)}），取最常见类别。")
    items, cat = [], []
    code_of = {r["item_code"]: r["national_item_code"].strip() for r in raw}
    js_items = {r["code"]: r for r in read_csv(SOURCES / "catalogs" / "items" / "services_jiangsu.csv")}
    for code, (zh, en, unit, category, aliases, analogue, why) in MISSING_OPS.items():
        items.append({"code": code, "kind": "service", "name_zh": zh, "name_en": en, "unit": unit,
                      "category": category, "origin": "", "aliases": aliases})
        cat.append({"code": code, "class": cls, "pay_cap": "", "item_share": "", "restriction": how,
                    "source": MISSING_SOURCE})
    # price rows: copy the analogue's rows from each Jiangsu band list
    for band, zh_band in BAND_ZH.items():
        path = SOURCES / "prices" / f"jiangsu-{band}.csv"
        rows = [r for r in read_csv(path) if r["code"] not in MISSING_OPS]
        by_code: dict[str, dict[str, dict]] = collections.defaultdict(dict)
        for r in rows:
            by_code[r["code"]][r["level"]] = r
        for code, (zh, _en, _u, _c, _a, analogue, why) in MISSING_OPS.items():
            acode = code_of[analogue] if code_of.get(analogue) in js_items else "JS" + analogue
            if acode not in by_code:
                raise SystemExit(f"analogue {analogue} ({acode}) has no price in jiangsu-{band}")
            for level in ("level3", "level2", "level1", "community"):
                a = by_code[acode].get(level)
                if a is None:
                    raise SystemExit(f"analogue {analogue} has no {level} price in jiangsu-{band}")
                what = "江苏省表价" if a["source"].startswith("jiangsu-prices-") and not a["method"] else \
                    "其一类估算：" + a["method"]
                rows.append({"code": code, "level": level, "price": a["price"], "source": MISSING_SOURCE,
                             "method": f"江苏清单（2024-05抓取）缺“{zh}”项目；以同一清单{why}（{analogue}）"
                                       f"的{zh_band}同档价格代替（{what}）。未找到此手术的公开价格。"})
        write_csv(path, PRICE_COLUMNS, rows)
    return items, cat, how


def norm(text: str) -> str:
    text = re.sub(r"\s+", "", text or "")
    return text.replace("（", "(").replace("）", ")").replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III")


def city_overrides(sheet_prefix: str, source_id: str, js_by_name: dict[str, list[str]],
                   js_class: dict[str, str]) -> tuple[list[dict], dict]:
    rows = [r for r in read_csv(CITY) if r["sheet"].startswith(sheet_prefix)]
    services = [r for r in rows if r["item_name"] != "材料费"]
    by_name: dict[str, set] = collections.defaultdict(set)
    for r in services:
        by_name[norm(r["common_name"])].add((r["fee_level"], r["common_ratio"]))
    out, stats = [], collections.Counter()
    for name, values in by_name.items():
        if len(values) != 1:
            stats["names with conflicting rows (skipped)"] += 1
            continue
        level, ratio = next(iter(values))
        cls = FEE_LEVEL.get(level)
        if cls is None:
            stats["unknown fee_level"] += 1
            continue
        codes = js_by_name.get(name)
        if not codes:
            stats["names not in the Jiangsu list"] += 1
            continue
        stats["names matched"] += 1
        share = ""
        try:
            r = float(ratio)
            if cls != "丙" and 0 < r < 1:
                share = f"{r:.2f}"
        except ValueError:
            pass
        for code in codes:
            stats["Jiangsu items overridden"] += 1
            if js_class.get(code) != cls:
                stats["of which class differs from Jiangsu"] += 1
            out.append({"code": code, "class": cls, "pay_cap": "", "item_share": share, "restriction": "",
                        "source": source_id})
    stats["city service names"] = len(by_name)
    stats["city rows (材料费 excluded)"] = len(services)
    return out, stats


def write_yaml(path: Path, body: dict) -> None:
    path.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def main() -> None:
    items = read_csv(SOURCES / "catalogs" / "items" / "services_jiangsu.csv")
    js_cat = read_csv(SOURCES / "catalogs" / "jiangsu-services-2024.csv")
    js_class = {r["code"]: r["class"] for r in js_cat}
    js_by_name: dict[str, list[str]] = collections.defaultdict(list)
    for it in items:
        # price-tier items (JS33-i…) carry their tier in brackets: match on the plain name
        plain = it["name_zh"].split("（")[0] if it["code"].startswith("JS33-i") else it["name_zh"]
        js_by_name[norm(plain)].append(it["code"])

    # Jiangsu: robot-assisted surgery not paid (2015 report; the 2024 list has no such item)
    js_cat = [r for r in js_cat if r["code"] not in {ROBOT, PROTON} and r["code"] not in MISSING_OPS]
    op_items, op_cat, op_how = missing_ops(js_cat)
    write_csv(SOURCES / "catalogs" / "items" / "services_extra.csv", ITEM_COLUMNS, EXTRA_ITEMS + op_items)
    js_cat += op_cat
    js_cat.append({"code": ROBOT, "class": "丙", "pay_cap": "", "item_share": "",
                   "restriction": "江苏2024年5月医疗服务项目清单中无机器人辅助手术项目；2015年报道称达芬奇机器人手术费用医保不予支付。",
                   "source": "svc-js-davinci-2015"})
    write_csv(SOURCES / "catalogs" / "jiangsu-services-2024.csv", CATALOG_COLUMNS, js_cat)

    overrides: dict[str, list[dict]] = collections.defaultdict(list)
    reports = {}
    rows, stats = city_overrides("浙江省-杭州市", "hangzhou-services-2022", js_by_name, js_class)
    overrides["zhejiang"] += rows
    reports["zhejiang (Hangzhou sheet)"] = stats
    rows, stats = city_overrides("云南省-昆明市", "kunming-services-2022", js_by_name, js_class)
    overrides["yunnan"] += rows
    reports["yunnan (Kunming sheet)"] = stats

    # 全身麻醉加收 (Jiangsu 330100005-b, no class in the Jiangsu list): the city catalogues name the add-on
    # differently from Jiangsu, so the exact-name match above misses it
    overrides["zhejiang"].append({"code": "003301000050001", "class": "甲", "pay_cap": "", "item_share": "",
                                  "restriction": "杭州2022目录“气管插管全身麻醉超过2小时加收”为甲类（按含义对应）。",
                                  "source": "hangzhou-services-2022"})
    overrides["yunnan"].append({"code": "003301000050001", "class": "甲", "pay_cap": "", "item_share": "",
                                "restriction": "昆明2022目录“全身麻醉(2小时以上)”为甲类（按含义对应）。",
                                "source": "kunming-services-2022"})

    overrides["shanghai"] += [
        {"code": ROBOT, "class": "乙", "pay_cap": "", "item_share": "",
         "restriction": "上海已将达芬奇机器人辅助手术纳入基本医保支付范围（报道未写明甲乙类别、自付比例和限定条件；按乙类处理）。",
         "source": "svc-sh-davinci"},
        {"code": PROTON, "class": "丙", "pay_cap": "", "item_share": "",
         "restriction": "质子重离子治疗不在上海基本医保支付范围内（沪惠保等补充保险可报销一部分）。",
         "source": "svc-sh-proton-2024"},
    ]
    for code in ("JS330803022", "JS330803024"):
        overrides["beijing"].append(
            {"code": code, "class": "甲", "pay_cap": "", "item_share": "",
             "restriction": "北京自2024-09-21起植入式心室辅助泵安装术按甲类支付，试点医院：阜外、安贞、北医三院、朝阳；"
                            "此前及其他医院按江苏推导的类别。",
             "source": "svc-bj-vad-2024"})

    price_overrides = {
        "shanghai": [{"code": PROTON, "level": "level3", "price": "300000.00", "source": "svc-sh-proton-2024",
                      "method": ""}],
    }

    sources = {}
    for slug, (zh, en, band) in PROVINCES.items():
        cat = {"derived_from": "jiangsu-services-2024", "source": f"{slug}-services-derived",
               "method": f"{zh}医疗服务项目医保类别未取得完整清单：沿用江苏省2024年清单的甲/乙/丙（估算）"
                         + ("；有实际资料的项目见 overrides（来源各自标注）" if overrides.get(slug) else "")}
        if overrides.get(slug):
            name = f"{slug}-services.overrides.csv"
            write_csv(SOURCES / "catalogs" / name, CATALOG_COLUMNS, overrides[slug])
            cat["overrides"] = name
        write_yaml(SOURCES / "catalogs" / f"{slug}-services.yaml", cat)
        price = {"derived_from": f"jiangsu-{band}", "factor": 1.0, "source": f"{slug}-services-prices-derived",
                 "method": f"Jiangsu {BAND_ZH[band]} price used as a proxy (factor 1.0): {zh}'s own price list was "
                           f"not available and no consistent price relation to Jiangsu was found. Where the Jiangsu "
                           f"row is itself an estimate (一类/社区 cells, city-set or market-priced items, operations "
                           f"missing from Jiangsu's list: sources jiangsu-prices-estimate, svc-missing-ops-estimate), "
                           f"the Jiangsu row's method says how it was made"}
        if price_overrides.get(slug):
            name = f"{slug}-services.overrides.csv"
            write_csv(SOURCES / "prices" / name, PRICE_COLUMNS, price_overrides[slug])
            price["overrides"] = name
        write_yaml(SOURCES / "prices" / f"{slug}-services.yaml", price)
        note_cat = (f"{en}: every item keeps the class of Jiangsu's 2024-05 list (an estimate: service catalogues are "
                    f"provincial and differ). Items absent from Jiangsu's list are absent here too.")
        if slug == "zhejiang":
            note_cat += " Items matched by name in the 2022 Hangzhou catalogue are overridden (source hangzhou-services-2022)."
        if slug == "yunnan":
            note_cat += " Items matched by name in the 2022 Kunming catalogue are overridden (source kunming-services-2022)."
        sources[f"{slug}-services-derived"] = {
            "title": f"{zh}医疗服务项目医保类别（由江苏省2024年清单推导，估算）",
            "document": "derived from jiangsu-services-2024 by db/tools/derive_province_services.py",
            "date": TODAY, "tier": "estimate", "note": note_cat}
        rel = {
            "beijing": " Relation found but not used: Beijing's 2017 reform prices (ecns.cn, 2017-04-07: 阑尾切除术 560, "
                       "CT 135, MRI at most 600) against Jiangsu 苏南 三类 2024 (865 / 80 / 245) give ratios 0.65, 1.69 "
                       "and 2.45 — no single factor; the Beijing figures are also 7 years older.",
            "sichuan": " Relation found but not used: Sichuan provincial hospitals' price-structure notice (restated "
                       "by lfasc.com, undated): permanent pacemaker implantation 1,220 → 1,525 and emergency fee 15 → 18, "
                       "against Jiangsu 苏南 三类 单腔永久起搏器安置术 1,200 and 急诊诊察费 25 (ratios 1.27 and 0.72).",
        }.get(slug, "")
        sources[f"{slug}-services-prices-derived"] = {
            "title": f"{zh}医疗服务价格（以江苏{BAND_ZH[band]}价格代替，估算）",
            "document": f"derived from jiangsu-{band} by db/tools/derive_province_services.py",
            "date": TODAY, "tier": "estimate",
            "note": f"Every {en} price = the Jiangsu {BAND_ZH[band]} price of the same item and hospital level × 1.0. "
                    f"Band chosen by the province's income level (苏南 for Shanghai, Beijing, Zhejiang, Guangdong; "
                    f"苏中 for Hubei, Sichuan, Anhui, Hebei; 苏北 for Yunnan, Heilongjiang) — a judgement, not a "
                    f"measured relation." + rel,
        }

    sources.update({
        MISSING_SOURCE: {
            "title": "江苏清单缺少的手术项目（人工膝/髋关节置换、股骨转子间骨折髓内钉内固定、腰椎间盘突出摘除）的类别与价格估算",
            "document": "estimate by this project (db/tools/derive_province_services.py, MISSING_OPS); method in each row",
            "date": TODAY, "tier": "estimate",
            "note": "The scraped Jiangsu list (2024-05) has no 331501/331505/331507 items. Class: " + op_how + " Price: "
                    "the Jiangsu price of a named analogue operation of the same list, band by band and level by level "
                    "(its 一类 is itself the step-rule estimate). No published price of these operations was found "
                    "(searched: 人工全膝/全髋关节置换术 价格, 股骨骨折内固定 手术费). The national 15-digit code of "
                    "腰椎间盘突出摘除术 is from medimodel_service_item_restriction_rules.csv (jdzwq/MediModel); the others "
                    "have no code in any dataset held (SVC- codes).",
        },
        "hangzhou-services-2022": {
            "title": "杭州市基本医疗保险诊疗项目目录（目录亿保2022，杭州市 sheet）",
            "document": "data: DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : "
                        "pythonProject/sqlCreate/诊疗库-（7个）(1)(1)20240507.xlsx",
            "date": dt.date(2022, 1, 1), "tier": "secondary",
            "note": "Insurer-side compilation (亿保) of Hangzhou's 2022 catalogue: fee_level 1/2/3 → 甲/乙/丙, "
                    "common_ratio = 先行自付 share. Used for Zhejiang (province-wide list since 2021; Hangzhou assumed "
                    "representative). Matched to Jiangsu items by exact name only. Date = year of the catalogue.",
        },
        "kunming-services-2022": {
            "title": "昆明市基本医疗保险诊疗项目目录（目录亿保2022，昆明市 sheet）",
            "document": "data: DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : "
                        "pythonProject/sqlCreate/诊疗库-（7个）(1)(1)20240507.xlsx",
            "date": dt.date(2022, 1, 1), "tier": "secondary",
            "note": "Insurer-side compilation (亿保) of Kunming's 2022 catalogue, used for Yunnan (Kunming assumed "
                    "representative). fee_level 1/2/3 → 甲/乙/丙, common_ratio → item_share. Exact-name match to Jiangsu.",
        },
        "svc-sh-davinci": {
            "title": "Shanghai to promote da Vinci surgical robot with public insurance fund",
            "url": "https://cnrobopedia.com/shanghai-to-promote-da-vinci-surgical-robot-with-public-insurance-fund/",
            "date": TODAY, "tier": "secondary",
            "note": "Shanghai added the da Vinci system to basic-insurance coverage among 76 devices and services; an "
                    "operation cost about 44,000 (25,900 imported consumables + about 18,000 maintenance/amortisation). "
                    "Year not on the page (probably 2019, domain-rules §6); date = when read. The class (甲/乙) and "
                    "self-pay share are not stated: 乙 assumed.",
        },
        "svc-js-davinci-2015": {
            "title": "江苏：达芬奇机器人手术费用医保不予支付（2015）",
            "url": "http://www.baoxianwx.cn/news/201506/08/21113.html",
            "date": dt.date(2015, 6, 8), "tier": "secondary",
            "note": "Old report (domain-rules §6). The Jiangsu 2024-05 service list itself has no robot-assisted "
                    "surgery item (only 下肢康复机器人训练, 丙), which is consistent with 'not covered'.",
        },
        "svc-sh-proton-2024": {
            "title": "Insurance eases burden of patients receiving cutting-edge treatment (Shanghai Proton and Heavy Ion Center)",
            "url": "http://www.shine.cn/news/metro/2402023824/",
            "date": dt.date(2024, 2, 2), "tier": "secondary",
            "note": "Shanghai Daily: the treatment costs up to about 300,000 yuan and 'is not covered by the "
                    "government-run medical insurance plan'; 沪惠保 (private) reimburses up to 70 %, at most 300,000 a "
                    "year. Price 300,000 per course taken as the level3 price in Shanghai. The same paper (2024-03, "
                    "https://www.shine.cn/news/metro/2403266703/) gives 40,000 + 15,000 per follow-up, at most 170,000 "
                    "per course, for the domestic proton machine at Ruijin Hospital — not used (one price per item).",
        },
        "svc-bj-vad-2024": {
            "title": "北京：植入式心室辅助泵安装术及心室辅助泵、导线固定装置按甲类纳入医保（2024-09-21起，4家医院试点）",
            "url": "http://paper.people.com.cn/jksb/pc/content/202410/08/content_30027678.html",
            "date": dt.date(2024, 10, 8), "tier": "secondary",
            "note": "人民日报·健康时报 (domain-rules §6). Mapped to Jiangsu's 左右心室辅助泵安装术 items (JS330803022, "
                    "JS330803024) by meaning; from 2024-09-21, pilot hospitals 阜外, 安贞, 北医三院, 朝阳.",
        },
    })
    merge_sources(sources)

    for k, st in reports.items():
        matched, total = st["names matched"], st["city service names"]
        print(f"{k}: {dict(st)}")
        print(f"   match rate: {matched}/{total} city service names = {matched / total:.1%}; "
              f"{st['Jiangsu items overridden']}/{len(items)} Jiangsu items overridden")
    for slug in PROVINCES:
        print(slug, "catalogue overrides:", len(overrides.get(slug, [])), "price overrides:",
              len(price_overrides.get(slug, [])))


if __name__ == "__main__":
    main()
