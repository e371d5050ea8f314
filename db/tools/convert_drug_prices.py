"""Unit prices for the drugs treatment packages use → db/sources/prices/national-drug-prices.csv.

Input (read-only reference data, /work/shared/data/README.md §1, §2):
  * db/sources/catalogs/items/drugs_nhsa_2024.csv and the API catalogue CSV (run
    convert_nhsa_drugs_2024.py first) — the YP24 codes, names, 剂型, categories, 支付标准.
  * nhsa-drug-codes/hainan_drug_hanging_prices.csv — Hainan 药品挂网价格 (17,885 product rows with the
    23-char NHSA code, 剂型, 包装, 规格, price per package), scraped before 2024-06-17 by DXQLS/DXQLS.

Output:
  * db/sources/prices/national-drug-prices.csv   code, level (always `all`), price, source, method.
  * db/sources/DRUG_CODES.md                      generic → YP24 code(s) priced, for treatment authors.

Method:
  1. Official: every 谈判/竞价 row whose 医保支付标准 is a number becomes a price (source
     nhsa-drugs-2024) — per the unit the standard names (e.g. per 10mg/支). Where the standard lists
     several specifications, the FIRST listed one is used and named in `method`.
  2. Secondary (Hainan, source hainan-drug-hanging-prices-2024) for the generics in TARGETS that have no
     official standard. A Hainan product row is assigned to one catalogue row when: its NHSA code
     is a western-drug code (X…), the dosage-form letter of the code fits the catalogue 剂型, the
     catalogue name (or a name in its brackets) is contained in the product name, and what remains of
     the product name is only salt / form words (RESIDUAL_OK: 盐酸, 钠, 注射用, 肠溶, 片 …; so 人工牛黄甲硝唑
     or 门冬胰岛素30 do not count as 甲硝唑 / 门冬胰岛素) — the LONGEST such catalogue name wins, so
     依诺肝素钠注射液 goes to 依诺肝素, not 肝素 (equal names with the same form letter share the product).
     The category code is not required to match: the API files some rows under another class
     (人促红素 under XB03B, Hainan XB03XA).
     缓释/控释 products only go to 缓释控释 rows, 封管 products only to 封管液 rows.
     Price per dosage unit (片/粒/支/瓶/袋) = package price ÷ units per package (parsed from 包装).
     Among the assigned products the most frequent 规格 is taken and the MEDIAN per-unit price of
     that 规格 is the price; `method` names the 规格, the unit, the number of listings and the range.

Dropped, and why:
  * Hainan rows with price 0 (confidential / not listed, e.g. 注射用阿替普酶) or a 包装 that names no
    unit count; products of other 规格 than the most frequent one (they would mix strengths).
  * Catalogue rows with confidential standards and no Hainan listing get no price (listed in DRUG_CODES.md).
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, PRICE_COLUMNS, SOURCES, merge_sources, read_csv, write_csv  # noqa: E402
from convert_nhsa_drugs_2024 import API, FORM_LETTERS, parse_standard  # noqa: E402

HAINAN = DATA / "nhsa-drug-codes" / "hainan_drug_hanging_prices.csv"
OFFICIAL = "nhsa-drugs-2024"
HAINAN_SRC = "hainan-drug-hanging-prices-2024"

# generic asked for → catalogue rows (name, 医保剂型) to price. 剂型 "" = 谈判/竞价 rows named with their form.
TARGETS: list[tuple[str, list[tuple[str, str]]]] = [
    ("头孢呋辛", [("头孢呋辛", "注射剂"), ("头孢呋辛酯", "口服常释剂型")]),
    ("头孢曲松", [("头孢曲松", "注射剂"), ("注射用头孢曲松钠/氯化钠注射液", "")]),
    ("阿莫西林", [("阿莫西林", "口服常释剂型")]),
    ("左氧氟沙星", [("左氧氟沙星", "注射剂"), ("左氧氟沙星", "口服常释剂型"), ("左氧氟沙星氯化钠", "注射剂")]),
    ("哌拉西林他唑巴坦", [("哌拉西林他唑巴坦", "注射剂")]),
    ("奥美拉唑", [("奥美拉唑", "注射剂"), ("奥美拉唑", "口服常释剂型")]),
    ("泮托拉唑", [("泮托拉唑", "注射剂"), ("泮托拉唑", "口服常释剂型")]),
    ("氯化钠注射液", [("氯化钠", "注射剂")]),
    ("葡萄糖注射液", [("葡萄糖", "注射剂"), ("葡萄糖氯化钠", "注射剂")]),
    ("低分子肝素", [("低分子肝素", "注射剂")]),
    ("依诺肝素", [("依诺肝素", "注射剂")]),
    ("肝素", [("肝素", "注射剂")]),
    ("阿司匹林", [("阿司匹林", "口服常释剂型(不含分散片)")]),
    ("氯吡格雷", [("氯吡格雷", "口服常释剂型")]),
    ("替格瑞洛", [("替格瑞洛", "口服常释剂型")]),
    ("阿托伐他汀", [("阿托伐他汀", "口服常释剂型")]),
    ("瑞舒伐他汀", [("瑞舒伐他汀", "口服常释剂型")]),
    ("阿替普酶", [("注射用阿替普酶", "")]),
    ("替奈普酶（重组人TNK组织型纤溶酶原激活剂）", [("注射用重组人TNK组织型纤溶酶原激活剂", "")]),
    ("尿激酶", [("尿激酶", "注射剂")]),
    ("丙泊酚", [("丙泊酚", "注射剂"), ("丙泊酚中/长链脂肪乳", "注射剂")]),
    ("舒芬太尼", [("舒芬太尼", "注射剂")]),
    ("瑞芬太尼", [("瑞芬太尼", "注射剂")]),
    ("罗库溴铵", [("罗库溴铵", "注射剂")]),
    ("七氟烷", [("七氟烷", "吸入用溶液剂"), ("七氟烷", "吸入溶液剂")]),
    ("利多卡因", [("利多卡因", "注射剂")]),
    ("布比卡因", [("布比卡因", "注射剂")]),
    ("罗哌卡因", [("罗哌卡因", "注射剂")]),
    ("帕瑞昔布", [("帕瑞昔布", "注射剂")]),
    ("氟比洛芬酯", [("氟比洛芬酯", "注射剂")]),
    ("地塞米松", [("地塞米松磷酸钠", "注射剂"), ("地塞米松", "注射剂"), ("地塞米松", "口服常释剂型")]),
    ("昂丹司琼", [("昂丹司琼", "注射剂"), ("昂丹司琼", "口服常释剂型")]),
    ("托烷司琼", [("托烷司琼", "注射剂")]),
    ("甲氧氯普胺", [("甲氧氯普胺", "注射剂"), ("甲氧氯普胺", "口服常释剂型")]),
    ("呋塞米", [("呋塞米", "注射剂"), ("呋塞米", "口服常释剂型")]),
    ("多巴胺", [("多巴胺", "注射剂")]),
    ("去甲肾上腺素", [("去甲肾上腺素", "注射剂")]),
    ("胺碘酮", [("胺碘酮", "注射剂"), ("胺碘酮", "口服常释剂型")]),
    ("硝酸甘油", [("硝酸甘油", "注射剂"), ("硝酸甘油", "口服常释剂型")]),
    ("人血白蛋白", [("人血白蛋白", "注射剂")]),
    ("曲妥珠单抗", [("曲妥珠单抗", "注射剂")]),
    ("帕妥珠单抗", [("帕妥珠单抗注射液", "")]),
    ("多西他赛", [("多西他赛", "注射剂")]),
    ("紫杉醇", [("紫杉醇", "注射剂"), ("紫杉醇(白蛋白结合型)", "注射剂")]),
    ("表柔比星", [("表柔比星", "注射剂")]),
    ("环磷酰胺", [("环磷酰胺", "注射剂")]),
    ("卡铂", [("卡铂", "注射剂")]),
    ("顺铂", [("顺铂", "注射剂")]),
    ("奥沙利铂", [("奥沙利铂", "注射剂")]),
    ("氟尿嘧啶", [("氟尿嘧啶", "注射剂")]),
    ("贝伐珠单抗", [("贝伐珠单抗", "注射剂")]),
    ("利妥昔单抗", [("利妥昔单抗", "注射剂")]),
    ("重组人促红素", [("人促红素[重组人促红素(CHO细胞)]", "注射剂")]),
    ("蔗糖铁", [("蔗糖铁", "注射剂")]),
    ("缩宫素", [("缩宫素", "注射剂")]),
    ("头孢唑林", [("头孢唑林", "注射剂")]),
    ("甲硝唑", [("甲硝唑", "注射剂"), ("甲硝唑氯化钠", "注射剂"), ("甲硝唑", "口服常释剂型")]),
    ("万古霉素", [("万古霉素", "注射剂")]),
    ("美罗培南", [("美罗培南", "注射剂")]),
    ("胰岛素", [("胰岛素", "注射剂"), ("人胰岛素(重组人胰岛素)", "注射剂"), ("门冬胰岛素", "注射剂"),
              ("甘精胰岛素", "注射剂")]),
    ("二甲双胍", [("二甲双胍", "口服常释剂型")]),
    ("氨氯地平", [("氨氯地平", "口服常释剂型")]),
    ("碘克沙醇（造影剂）", [("碘克沙醇", "注射剂")]),
    ("碘海醇（造影剂）", [("碘海醇", "注射剂")]),
    ("左甲状腺素", [("左甲状腺素", "口服常释剂型")]),
    # added for the completed treatment packages (2026-12; see sources-treatments.yaml tx-* notes)
    ("他克莫司", [("他克莫司", "口服常释剂型")]),
    ("吗替麦考酚酯", [("吗替麦考酚酯", "口服常释剂型")]),
    ("泼尼松", [("泼尼松", "口服常释剂型")]),
    ("甲泼尼龙", [("甲泼尼龙", "注射剂")]),
    ("氨甲环酸", [("氨甲环酸", "注射剂")]),
    ("鱼精蛋白", [("鱼精蛋白", "注射剂")]),
    ("利伐沙班", [("利伐沙班", "口服常释剂型")]),
    ("华法林", [("华法林", "口服常释剂型")]),
    ("氯化钾", [("氯化钾", "注射剂"), ("氯化钾", "缓释控释剂型")]),
    ("硫酸镁", [("硫酸镁", "注射剂")]),
    ("葡萄糖酸钙", [("葡萄糖酸钙", "注射剂")]),
    ("碳酸氢钠", [("碳酸氢钠", "注射剂")]),
    ("甘露醇", [("甘露醇", "注射剂")]),
    ("米力农", [("米力农", "注射剂")]),
    ("多巴酚丁胺", [("多巴酚丁胺", "注射剂")]),
    ("肾上腺素", [("肾上腺素", "注射剂")]),
    ("左西孟旦", [("左西孟旦", "注射剂")]),
    ("咪达唑仑", [("咪达唑仑", "注射剂")]),
    ("美托洛尔", [("美托洛尔", "口服常释剂型"), ("美托洛尔", "注射剂")]),
    ("替罗非班", [("替罗非班", "注射剂")]),
    ("磺达肝癸钠", [("磺达肝癸钠", "注射剂")]),
    ("布地奈德（吸入）", [("布地奈德", "吸入剂")]),
    ("异丙托溴铵（吸入）", [("异丙托溴铵", "吸入剂")]),
]

UNIT_WORDS = "片粒支瓶袋丸包贴枚喷揿套盒"
SYNONYMS = [("低分子量肝素", "低分子肝素"), ("哌拉西林钠他唑巴坦钠", "哌拉西林他唑巴坦"), ("（", "("), ("）", ")")]
# what may remain of a product name once the catalogue name is taken out: salts, forms, packaging words.
# Anything else (another active ingredient, 复方, a number such as 门冬胰岛素30) means another product.
RESIDUAL_OK = re.compile(
    r"注射用|注射液|注射剂|粉针|无菌粉末|冻干|乳状|吸入用|溶液|片|胶囊|软|肠溶|分散|缓释|控释|薄膜衣|普通|素|"
    r"重酒石酸|酒石酸|盐酸|硫酸氢|硫酸|甲磺酸|苯磺酸|马来酸|磷酸|枸橼酸|醋酸|乳酸|氢溴酸|富马酸|琥珀酸|"
    r"二钠|钠|钾|钙|镁|水合|一|二|半|无水|封管|\(.*?\)|\[.*?\]")
FORM_LETTERS = dict(FORM_LETTERS, **{"吸入用溶液剂": "L", "吸入溶液剂": "L"})


def norm(text: str) -> str:
    text = re.sub(r"\s+", "", text or "")
    for a, b in SYNONYMS:
        text = text.replace(a, b)
    return text


def cores(name: str, form: str) -> list[str]:
    """Names a product must contain: the catalogue name and the names in its brackets."""
    name = norm(name)
    out = {name}
    for part in re.split(r"[\[\]()]", name):
        if len(part) >= 2:
            out.add(part)
    base = re.sub(r"[\[(].*?[\])]", "", name)
    if len(base) >= 2:
        out.add(base)
    if not form:  # 谈判/竞价 rows carry the product name: strip the form words
        for c in list(out):
            s = re.sub(r"^注射用", "", c)
            s = re.sub(r"(注射液|片|胶囊|颗粒|干混悬剂)$", "", s)
            if len(s) >= 2:
                out.add(s)
    return sorted(out, key=len, reverse=True)


def form_letters(form: str, name: str) -> str:
    if form:
        return FORM_LETTERS.get(form, "")
    if "注射" in name:
        return "B"
    if name.endswith("片"):
        return "A"
    if "胶囊" in name:
        return "E"
    return ""


def units_per_pack(packing: str) -> tuple[int, str] | None:
    packing = norm(packing).replace("х", "×")
    m = list(re.finditer(rf"(?:^|[*×xX])(\d+)([{UNIT_WORDS}])(?:/|$)", packing))
    if not m:
        return None
    n, unit = int(m[-1].group(1)), m[-1].group(2)
    return (n, unit) if n > 0 else None


def norm_spec(spec: str) -> str:
    s = norm(spec).lower().replace("：", ":").replace("∶", ":").replace("ⅰ", "i").replace("Ⅰ", "i")
    s = re.sub(r"/(支|瓶|袋|片|粒)$", "", s)
    return s


def main() -> None:
    api = sorted(read_csv(API), key=lambda r: int(r["id"]))
    code_of = {r["id"]: f"YP24-{int(r['id']):04d}" for r in api}
    western = [r for r in api if r["category_code"].startswith("X")]
    by_key = {(norm(r["name"]), r["dosage_form"]): r for r in western}

    # --- Hainan: assign each product row to one catalogue row ---
    cand = []  # (core, row) for every western catalogue row
    for r in western:
        for c in cores(r["name"], r["dosage_form"]):
            cand.append((c, r))
    hainan = read_csv(HAINAN)
    assigned: dict[str, list[dict]] = collections.defaultdict(list)
    dropped = collections.Counter()
    for h in hainan:
        try:
            price = float(h["hanging_price"])
        except ValueError:
            dropped["price not a number (shifted CSV row)"] += 1
            continue
        if price <= 0:
            dropped["price 0"] += 1
            continue
        code, hname = h["nhsa_drug_code"], norm(h["drug_name"])
        htext = hname + norm(h["dosage_form"])
        best: list = []
        for c, r in cand:
            if c not in hname or not code.startswith("X"):
                continue
            if code[10:11] not in form_letters(r["dosage_form"], r["name"]):
                continue
            f = r["dosage_form"]
            sr = ("缓释" in htext or "控释" in htext)
            if f and sr != (f in {"缓释控释剂型", "肠溶缓释片"}):
                continue
            if ("封管" in htext) != (f == "封管液"):
                continue
            if RESIDUAL_OK.sub("", hname.replace(c, "", 1)):
                continue
            if not best or len(c) > len(best[0][0]):
                best = [(c, r)]
            elif len(c) == len(best[0][0]) and r not in [b[1] for b in best]:
                best.append((c, r))
        if not best:
            dropped["no catalogue row fits"] += 1
            continue
        for _, r in best:
            assigned[r["id"]].append(h)

    prices, lines = [], []
    official_done = set()
    # 1. official standards (all 谈判/竞价 rows with a number)
    for r in api:
        kind, p, unit = parse_standard(r["payment_standard"])
        std = re.sub(r"\s+", "", r["payment_standard"])
        if kind == "multi":
            m = re.match(r"([\d.]+)元[(（](.*?)[)）](；|;|$)", std)
            if not m:
                continue
            p, unit = f"{float(m.group(1)):.2f}", m.group(2)
            method = f"医保支付标准 per {unit} (first of several specifications listed: {std[:120]})"
        elif kind == "single":
            method = f"医保支付标准 per {unit}"
        else:
            continue
        prices.append({"code": code_of[r["id"]], "level": "all", "price": p, "source": OFFICIAL,
                       "method": method})
        official_done.add(r["id"])

    # 2. Hainan for the targets
    for generic, rows in TARGETS:
        for name, form in rows:
            r = by_key.get((norm(name), form))
            if r is None:
                lines.append((generic, "—", f"{name}（{form}）not in the 2024 catalogue", "", "", ""))
                continue
            code = code_of[r["id"]]
            cls = r["insurance_class"]
            label = f"{r['name']}（{form or '谈判/竞价'}）"
            if r["id"] in official_done:
                row = next(x for x in prices if x["code"] == code)
                lines.append((generic, code, label, cls, f"{row['price']} ({row['method'][:60]})", OFFICIAL))
                continue
            hs = []
            for h in assigned.get(r["id"], []):
                u = units_per_pack(h["packing"])
                if u is None:
                    dropped["no unit count in 包装"] += 1
                    continue
                hs.append((norm_spec(h["spec"]), u[1], float(h["hanging_price"]) / u[0], h))
            if not hs:
                why = "confidential standard, no Hainan listing with a price" if r["price_confidential"] else \
                    "no Hainan listing matched"
                lines.append((generic, code, label, cls, f"not priced: {why}", ""))
                continue
            groups = collections.defaultdict(list)
            for spec, unit, pu, h in hs:
                groups[(spec, unit)].append(pu)
            (spec, unit), vals = max(groups.items(), key=lambda kv: (len(kv[1]), -statistics.median(kv[1])))
            med = statistics.median(vals)
            method = (f"Hainan 挂网价 (2024 scrape): median of {len(vals)} listings of 规格 {spec}, per {unit} "
                      f"(package price ÷ {unit} per package; range {min(vals):.2f}–{max(vals):.2f}; "
                      f"{len(hs)} listings of this generic+剂型 in all, other 规格 not used)")
            prices.append({"code": code, "level": "all", "price": f"{med:.2f}", "source": HAINAN_SRC,
                           "method": method})
            lines.append((generic, code, label, cls, f"{med:.2f} per {unit} of {spec} (n={len(vals)})", HAINAN_SRC))

    prices.sort(key=lambda x: x["code"])
    write_csv(SOURCES / "prices" / "national-drug-prices.csv", PRICE_COLUMNS, prices)

    md = ["# Drug codes for treatment authors (国家医保药品目录 2024 → YP24 codes)", "",
          "Generated by `db/tools/convert_drug_prices.py`. Prices are in `prices/national-drug-prices.csv` "
          "(level `all`). Official prices are 医保支付标准 of 谈判/竞价 drugs, per the unit the standard names; "
          "Hainan prices (tier secondary) are the median price **per dosage unit** (片/粒/支/瓶/袋) of the most "
          "frequent 规格 — check the 规格 below when you set quantities (e.g. 人血白蛋白 per bottle of the "
          "given strength).", "",
          "| generic | code | catalogue row | class | price (yuan) | source |", "|---|---|---|---|---|---|"]
    for g, code, label, cls, price, src in lines:
        md.append(f"| {g} | {code} | {label} | {cls} | {price} | {src} |")
    md += ["", f"All {len(official_done)} 谈判/竞价 rows with a numeric 支付标准 are priced as well (source "
           f"`{OFFICIAL}`); rows with 企业申请价格保密 are not.", ""]
    (SOURCES / "DRUG_CODES.md").write_text("\n".join(md), encoding="utf-8")

    n_h = sum(1 for p in prices if p["source"] == HAINAN_SRC)
    print(f"prices: {len(prices)} rows ({len(official_done)} official, {n_h} Hainan)")
    print("Hainan rows assigned to catalogue rows:", sum(len(v) for v in assigned.values()), "dropped:", dict(dropped))
    for ln in lines:
        print("  ", " | ".join(ln))

    merge_sources({
        HAINAN_SRC: {
            "title": "海南省医疗保障局 药品挂网价格查询（公开查询服务）",
            "document": "data: DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : "
                        "pythonProject/海南药品耗材集采/海南药品集采.xlsx",
            "date": dt.date(2024, 6, 17),
            "tier": "secondary",
            "note": "Third-party scrape (before 2024-06-17) of Hainan's public hanging-price query, 17,885 product "
                    "rows with 23-char NHSA codes and package prices. Used as a proxy price for all regions: median "
                    "per-dosage-unit price of the most frequent 规格 (see each row's method). Prices change; "
                    "Hainan's level may differ from other provinces.",
        },
    })


if __name__ == "__main__":
    main()
