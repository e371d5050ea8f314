"""Convert the 2024 national drug catalogue (国家医保药品目录 2024, 医保发〔2024〕33号) into db/sources.

Input (read-only reference data, see /work/shared/data/README.md §1, §2):
  * nhsa-drug-catalog-2024/nhsa_drug_catalog_2024.csv          4,750 rows, the NHSA catalogue service's
    answer (jellyqwq/goodyeah @ aabf66d… : 4750.json) — the primary file: every row becomes one item.
  * nhsa-drug-catalog-2024/nhsa_drug_catalog_2024_from_pdf_xlsx.csv   PDF→xlsx conversion of the printed
    catalogue (shijianzhong/medicine @ 7db253b… : yao.xlsx) — used only for the printed 编号 and ★ rows
    (and as a cross-check of 甲/乙).
  * nhsa-drug-codes/medimodel_drug_restriction_rules.csv   12-char NHSA code prefixes (jdzwq/MediModel).

Output:
  * db/sources/catalogs/items/drugs_nhsa_2024.csv   one item per API row: code YP24-<4-digit API id>.
  * db/sources/catalogs/nhsa-drugs-2024.csv          class 甲/乙/丙, pay_cap, restriction, source.
  * prints a count summary that reproduces the published totals.

Rules:
  * name_zh = the catalogue name; where several rows share a name (different 医保剂型) the form is
    appended as "name（剂型）" and the plain name is kept as an alias so it stays findable.
  * unit = the 医保剂型; for 谈判/竞价 rows (no separate 剂型) with ONE clear payment standard the
    standard's unit text (e.g. "10mg/支") — pay_cap is then the price for that unit.
  * aliases = printed catalogue number ("西药632", "中成药12", "谈判西药1", "谈判中成药1", "竞价1"),
    the plain name (see above), NHSA 12-char code prefixes from MediModel (exact name match, the code
    must lie in the row's category and its dosage-form letter must fit the row's 剂型; others dropped), and the
    English INN for a short hand-made list of generics where it is unambiguous.
  * class: 甲/乙 as printed; 饮片 positive list → 乙 (the catalogue does not class 饮片; provinces
    decide, 乙 is the conservative default; its own estimate source); 饮片 excluded list → 丙.
  * pay_cap: the numeric 医保支付标准 when the text gives exactly one price (e.g. "63.00元(10mg/支)").

Dropped / left empty, and why:
  * nothing is dropped: all 4,750 API rows become items.
  * pay_cap stays empty for confidential standards ("企业申请价格保密", 255 rows), for standards with
    several prices for several specifications (one per-unit cap cannot be chosen) and for "见备注2".
  * the printed 编号 alias is missing for the 饮片 lists (the conversion has none).
"""

from __future__ import annotations

import collections
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (CATALOG_COLUMNS, DATA, ITEM_COLUMNS, SOURCES, clean_text, merge_sources,  # noqa: E402
                     read_csv, write_csv)

API = DATA / "nhsa-drug-catalog-2024" / "nhsa_drug_catalog_2024.csv"
PDF = DATA / "nhsa-drug-catalog-2024" / "nhsa_drug_catalog_2024_from_pdf_xlsx.csv"
MEDIMODEL = DATA / "nhsa-drug-codes" / "medimodel_drug_restriction_rules.csv"

SOURCE_ID = "nhsa-drugs-2024"
YINPIAN_SOURCE_ID = "nhsa-drugs-2024-yinpian-class"

SECTION_TO_SHEET = {
    "西药部分": "西药部分",
    "中成药部分": "中成药部分",
    "协议期内谈判药品-西药": "协议西药",
    "协议期内谈判药品-中成药": "协议中成药",
    "竞价药品部分": "竞价药品部分",
}
SHEET_LABEL = {"西药部分": "西药", "中成药部分": "中成药", "协议西药": "谈判西药",
               "协议中成药": "谈判中成药", "竞价药品部分": "竞价"}

# English INN, only where the catalogue name is exactly this generic and the INN is unambiguous.
INN = {
    "头孢呋辛": "cefuroxime", "头孢呋辛酯": "cefuroxime axetil", "头孢曲松": "ceftriaxone",
    "阿莫西林": "amoxicillin", "左氧氟沙星": "levofloxacin", "哌拉西林他唑巴坦": "piperacillin/tazobactam",
    "奥美拉唑": "omeprazole", "泮托拉唑": "pantoprazole", "氯化钠": "sodium chloride", "葡萄糖": "glucose",
    "低分子肝素": "low-molecular-weight heparin", "依诺肝素": "enoxaparin", "肝素": "heparin",
    "阿司匹林": "aspirin", "氯吡格雷": "clopidogrel", "替格瑞洛": "ticagrelor", "阿托伐他汀": "atorvastatin",
    "瑞舒伐他汀": "rosuvastatin", "注射用阿替普酶": "alteplase", "尿激酶": "urokinase", "丙泊酚": "propofol",
    "舒芬太尼": "sufentanil", "瑞芬太尼": "remifentanil", "罗库溴铵": "rocuronium bromide",
    "七氟烷": "sevoflurane", "利多卡因": "lidocaine", "布比卡因": "bupivacaine", "罗哌卡因": "ropivacaine",
    "帕瑞昔布": "parecoxib", "氟比洛芬酯": "flurbiprofen axetil", "地塞米松": "dexamethasone",
    "昂丹司琼": "ondansetron", "托烷司琼": "tropisetron", "甲氧氯普胺": "metoclopramide",
    "呋塞米": "furosemide", "多巴胺": "dopamine", "去甲肾上腺素": "norepinephrine", "胺碘酮": "amiodarone",
    "硝酸甘油": "nitroglycerin", "人血白蛋白": "human albumin", "曲妥珠单抗": "trastuzumab",
    "帕妥珠单抗注射液": "pertuzumab", "多西他赛": "docetaxel", "紫杉醇": "paclitaxel",
    "表柔比星": "epirubicin", "环磷酰胺": "cyclophosphamide", "卡铂": "carboplatin", "顺铂": "cisplatin",
    "奥沙利铂": "oxaliplatin", "氟尿嘧啶": "fluorouracil", "贝伐珠单抗": "bevacizumab",
    "利妥昔单抗": "rituximab", "蔗糖铁": "iron sucrose", "缩宫素": "oxytocin", "头孢唑林": "cefazolin",
    "甲硝唑": "metronidazole", "万古霉素": "vancomycin", "美罗培南": "meropenem", "胰岛素": "insulin",
    "二甲双胍": "metformin", "氨氯地平": "amlodipine", "碘克沙醇": "iodixanol", "碘海醇": "iohexol",
    "左甲状腺素": "levothyroxine", "吗啡": "morphine", "芬太尼": "fentanyl", "咪达唑仑": "midazolam",
    "右美托咪定": "dexmedetomidine", "肾上腺素": "epinephrine", "阿托品": "atropine", "新斯的明": "neostigmine",
    "顺阿曲库铵": "cisatracurium", "维库溴铵": "vecuronium bromide", "氨甲环酸": "tranexamic acid",
    "头孢他啶": "ceftazidime", "头孢哌酮舒巴坦": "cefoperazone/sulbactam", "亚胺培南西司他丁": "imipenem/cilastatin",
    "莫西沙星": "moxifloxacin", "阿奇霉素": "azithromycin", "利奈唑胺": "linezolid", "氟康唑": "fluconazole",
    "伏立康唑": "voriconazole", "阿昔洛韦": "aciclovir", "华法林": "warfarin", "利伐沙班": "rivaroxaban",
    "达比加群酯": "dabigatran etexilate", "美托洛尔": "metoprolol", "比索洛尔": "bisoprolol",
    "硝苯地平": "nifedipine", "缬沙坦": "valsartan", "厄贝沙坦": "irbesartan", "氯沙坦": "losartan",
    "培哚普利": "perindopril", "螺内酯": "spironolactone", "地高辛": "digoxin", "格列美脲": "glimepiride",
    "阿卡波糖": "acarbose", "西格列汀": "sitagliptin", "甲泼尼龙": "methylprednisolone",
    "泼尼松": "prednisone", "氢化可的松": "hydrocortisone", "布洛芬": "ibuprofen",
    "对乙酰氨基酚": "paracetamol", "曲马多": "tramadol", "氨溴索": "ambroxol", "沙丁胺醇": "salbutamol",
    "布地奈德": "budesonide", "异丙托溴铵": "ipratropium bromide", "他克莫司": "tacrolimus",
    "环孢素": "ciclosporin", "吉西他滨": "gemcitabine", "培美曲塞": "pemetrexed", "伊立替康": "irinotecan",
    "卡培他滨": "capecitabine", "来曲唑": "letrozole", "阿那曲唑": "anastrozole", "他莫昔芬": "tamoxifen",
    "甲氨蝶呤": "methotrexate", "阿糖胞苷": "cytarabine", "长春新碱": "vincristine", "多柔比星": "doxorubicin",
    "依托泊苷": "etoposide", "昂丹司琼口溶膜": "ondansetron", "氯吡格雷阿司匹林片": "clopidogrel/aspirin",
}

FORM_LETTERS = {  # 医保剂型 → NHSA code dosage-form letters (11th character of the code) that fit it
    "口服常释剂型": "AE", "缓释控释剂型": "AE", "口服常释剂型(不含分散片)": "AE", "肠溶缓释片": "A",
    "口腔崩解片": "A", "咀嚼片": "A", "舌下片剂": "A", "片剂": "A", "双释放肠溶胶囊": "E",
    "注射剂": "B", "脂质体注射剂": "B", "微球注射剂": "B", "缓释微球注射剂": "B", "封管液": "B",
    "颗粒剂": "N", "口服液体剂": "X", "吸入剂": "L", "软膏剂": "F", "乳膏剂": "F", "滴眼剂": "G",
}


def norm(text: str) -> str:
    text = re.sub(r"\s+", "", text or "")
    return text.replace("（", "(").replace("）", ")")


def parse_standard(text: str) -> tuple[str, str | None, str | None]:
    """→ (kind, price, unit): kind is none | confidential | single | multi | other."""
    text = (text or "").strip()
    if not text:
        return "none", None, None
    if "保密" in text:
        return "confidential", None, None
    if text.count("元") != 1:
        return "multi", None, None
    m = re.fullmatch(r"([\d.]+)元(/[^(（]+)?[(（](.*)[)）]", text)
    if not m:
        return "other", None, None
    price, per, inner = m.groups()
    unit = (per[1:] + "（" + inner + "）") if per else inner
    return "single", f"{float(price):.2f}", clean_text(unit)


def align(api_rows: list[dict], pdf_rows: list[dict]) -> dict[str, dict]:
    """API id → matching PDF row, section by section, in catalogue order (difflib on name|剂型).

    PDF rows left unmatched are then paired with unmatched API rows of any section that carry the same
    name (this is how the 2 extra 谈判西药 API rows find their printed 西药部分 numbers)."""
    out: dict[str, dict] = {}
    left_api: list[dict] = []
    left_pdf: list[dict] = []
    for section, sheet in SECTION_TO_SHEET.items():
        a = [r for r in api_rows if r["section"] == section]
        p = [r for r in pdf_rows if r["sheet"] == sheet]
        ka = [norm(r["name"]) + "|" + norm(r["dosage_form"]) for r in a]
        kp = [norm(r["name"]) + "|" + norm(r["dosage_form"]) for r in p]
        sm = difflib.SequenceMatcher(None, ka, kp, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    out[a[i]["id"]] = p[j]
            else:
                left_api += a[i1:i2]
                left_pdf += p[j1:j2]
    for prow in left_pdf:
        for arow in left_api:
            if arow["id"] not in out and norm(arow["name"]) == norm(prow["name"]):
                out[arow["id"]] = prow
                break
    return out


def main() -> None:
    api = sorted(read_csv(API), key=lambda r: int(r["id"]))
    pdf = read_csv(PDF)
    assert len(api) == 4750, len(api)
    matched = align(api, pdf)

    # --- NHSA 12-char code prefixes (MediModel), by exact name ---
    mm_codes: dict[str, list[str]] = collections.defaultdict(list)
    for r in read_csv(MEDIMODEL):
        code = r["药品编码"].strip()
        if code and code not in mm_codes[norm(r["药品名称"])]:
            mm_codes[norm(r["药品名称"])].append(code)

    by_name = collections.Counter(norm(r["name"]) for r in api)
    items, catalog = [], []
    stats = collections.Counter()
    numbers: dict[str, set[str]] = collections.defaultdict(set)
    api_sections_of_printed: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    class_mismatch = []
    price_mismatch = []
    for r in api:
        rid = r["id"]
        code = f"YP24-{int(rid):04d}"
        section = r["section"]
        name = re.sub(r"\s+", " ", r["name"]).strip()  # keep "二甲双胍 二甲双胍Ⅱ" (two variants)
        form = clean_text(r["dosage_form"])
        aliases: list[str] = []
        name_zh = name
        if by_name[norm(r["name"])] > 1 and form:
            name_zh = f"{name}（{form}）"
            aliases.append(name)
            stats["names with 剂型 appended"] += 1

        # printed number from the PDF conversion
        prow = matched.get(rid)
        if prow is not None:
            no = re.sub(r"\D", "", prow["catalog_no"])
            sheet = prow["sheet"]
            aliases.insert(0, f"{SHEET_LABEL[sheet]}{no}")
            numbers[sheet].add(no)
            api_sections_of_printed[sheet][section] += 1
            if prow["insurance_class"] and r["insurance_class"] and prow["insurance_class"] != r["insurance_class"]:
                class_mismatch.append((code, name, r["insurance_class"], prow["insurance_class"]))
            k1, p1, _ = parse_standard(r["payment_standard"])
            k2, p2, _ = parse_standard(clean_text(prow["payment_standard"]))
            if k1 == "single" and (k2 != "single" or p1 != p2):
                price_mismatch.append((code, name, r["payment_standard"], prow["payment_standard"]))
        elif section in SECTION_TO_SHEET:
            stats["API rows without a printed number"] += 1

        # NHSA code prefixes: same name, ATC-like class within the row's category, fitting form letter
        for c in mm_codes.get(norm(r["name"]), []):
            if not c.startswith(r["category_code"] or "-"):
                stats["NHSA code prefixes rejected (class)"] += 1
                continue
            if form and c[10:11] not in FORM_LETTERS.get(form, ""):
                stats["NHSA code prefixes rejected (form)"] += 1
                continue
            aliases.append(c)
            stats["NHSA code prefixes added"] += 1

        inn = INN.get(name, "")
        if inn:
            aliases.append(inn)
            stats["English INN added"] += 1

        # class, cap, unit
        kind, price, unit_text = parse_standard(r["payment_standard"])
        stats[f"payment standard: {kind}"] += 1
        unit = form
        pay_cap = ""
        if kind == "single":
            pay_cap = price
            if not unit:
                unit = unit_text
        source = SOURCE_ID
        if section == "中药饮片-基金予以支付":
            cls, category, source = "乙", "饮片", YINPIAN_SOURCE_ID
        elif section == "中药饮片-不得纳入基金支付":
            cls, category = "丙", "饮片"
        else:
            cls, category = r["insurance_class"], r["category_code"]
        assert cls in {"甲", "乙", "丙"}, (rid, cls)

        seen = set()
        aliases = [a for a in aliases if a and a != name_zh and not (a in seen or seen.add(a))]
        items.append({"code": code, "kind": "drug", "name_zh": name_zh, "name_en": inn, "unit": unit,
                      "category": category, "origin": "", "aliases": "|".join(aliases)})
        catalog.append({"code": code, "class": cls, "pay_cap": pay_cap, "item_share": "",
                        "restriction": clean_text(r["restriction_remark"]), "source": source})
        stats[f"class {cls}"] += 1

    write_csv(SOURCES / "catalogs" / "items" / "drugs_nhsa_2024.csv", ITEM_COLUMNS, items)
    write_csv(SOURCES / "catalogs" / "nhsa-drugs-2024.csv", CATALOG_COLUMNS, catalog)

    # --- count summary ---
    sec = collections.Counter(r["section"] for r in api)
    print("API rows by section:", dict(sec))
    print("printed numbers by sheet:", {k: len(v) for k, v in numbers.items()})
    for sheet, c in api_sections_of_printed.items():
        print(f"  printed sheet {sheet}: API rows from sections {dict(c)}")
    xi = len(numbers["西药部分"]) + len(numbers["协议西药"]) + len(numbers["竞价药品部分"])
    zc = len(numbers["中成药部分"]) + len(numbers["协议中成药"])
    print(f"西药 = 西药部分 {len(numbers['西药部分'])} + 谈判西药 {len(numbers['协议西药'])} "
          f"+ 竞价 {len(numbers['竞价药品部分'])} = {xi} (published 1,765)")
    print(f"中成药 = 中成药部分 {len(numbers['中成药部分'])} + 谈判中成药 {len(numbers['协议中成药'])} "
          f"= {zc} (published 1,394)")
    print(f"饮片 positive {sec['中药饮片-基金予以支付']} (published 892), excluded {sec['中药饮片-不得纳入基金支付']}")
    extra = [r for r in api if r["section"] == "协议期内谈判药品-西药"
             and matched.get(r["id"], {}).get("sheet") == "西药部分"]
    for r in extra:
        print(f"  谈判西药 API row {r['id']} {r['name']} is printed in 西药部分 as No. "
              f"{matched[r['id']]['catalog_no']} (API still lists it as 谈判, "
              f"{r['payment_standard']}, {r['agreement_period']})")
    print("stats:", dict(stats))
    print("甲/乙 mismatches API vs PDF:", len(class_mismatch), class_mismatch[:5])
    print("single-price standards that differ from the PDF conversion:", len(price_mismatch))
    for x in price_mismatch[:8]:
        print("   ", x)
    assert xi == 1765 and zc == 1394, (xi, zc)

    merge_sources({
        SOURCE_ID: {
            "title": "国家基本医疗保险、工伤保险和生育保险药品目录（2024年）— 国家医保局药品目录查询服务（微信小程序 wx.nhsa.gov.cn）的应答",
            "document": "医保发〔2024〕33号; data: jellyqwq/goodyeah @ aabf66da0085639330867e9c93c250cf673e0fb0 : 4750.json"
                        " (cross-check: shijianzhong/medicine @ 7db253be8bee76349cebfa6405235f067cb75bad : yao.xlsx)",
            "date": __import__("datetime").date(2025, 1, 1),
            "tier": "official",
            "note": "Verbatim answer of the NHSA catalogue service (4,750 rows), saved by a third party; totals reproduce "
                    "the published ones (西药 1,765, 中成药 1,394, 饮片 892 + 32 excluded) and 甲/乙 agree with a "
                    "conversion of the printed PDF. Date = first day in force (replaced by the 2025 edition on "
                    "2026-01-01). pay_cap only where the 支付标准 gives one price; confidential standards left empty. "
                    "Converted by db/tools/convert_nhsa_drugs_2024.py.",
        },
        YINPIAN_SOURCE_ID: {
            "title": "中药饮片（基金予以支付）的甲乙分类：按乙类处理（估算）",
            "document": "医保发〔2024〕33号 中药饮片部分; 甲乙分类由省级医保部门确定",
            "date": __import__("datetime").date(2025, 1, 1),
            "tier": "estimate",
            "note": "The national list names the 892 饮片 the fund pays for but does not class them 甲/乙; the split "
                    "is left to the provinces (《基本医疗保险用药管理暂行办法》, not re-read in this conversion). "
                    "乙 is used as the conservative default until a province's own split is entered.",
        },
    })


if __name__ == "__main__":
    main()
