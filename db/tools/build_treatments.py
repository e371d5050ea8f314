"""Write the treatment packages db/sources/treatments/<id>.yaml and their sources.

Input: the service items of the Jiangsu list (/work/shared/data/medical-service-prices-jiangsu/
jiangsu_medical_service_items_prices.csv) to resolve each service line's code, and — if present —
db/sources/catalogs/items/*.csv (written by other helpers) to prefer the code form actually used there.
Output: db/sources/treatments/*.yaml; adds this script's source ids to db/sources/sources.yaml.
Drops: nothing.

Each service line is named here by its Jiangsu 收费编码 (item_code). The code written is the national
15-digit code of that row; where the service item master uses `JS` + item_code for that row (sub-items
that share a national code), that form is used instead. Quantities are a clinical judgment (tier
estimate): no national 临床路径 text with item-level quantities was available offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, SOURCES, merge_sources, read_csv

JS_CSV = DATA / "medical-service-prices-jiangsu" / "jiangsu_medical_service_items_prices.csv"

SOURCE_ENTRIES = {
    "tx-bill-estimate": {
        "title": "治疗包费用构成（按江苏省医疗服务项目内涵逐项组成的典型住院/门诊账单，估算）",
        "document": "estimate by this project (db/tools/build_treatments.py)",
        "date": "2026-11-23",
        "tier": "estimate",
        "note": "Quantities (days, tests, drug doses, implants) are a clinical judgment of a typical bill for an adult "
                "at a 三级 hospital, written line by line against the Jiangsu item definitions (项目内涵/除外内容). "
                "National 临床路径 documents could not be consulted offline. Each treatment's note_zh records the "
                "published total used as a cross-check, where one was found.",
    },
    "tx-js-maternity-memo": {
        "title": "江苏省医疗服务价格项目说明：单胎顺产接生、剖宫产术 医保类别“丙/甲”（居民、灵活就业和退休参保人员符合生育政策的按甲类支付）",
        "document": "DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : pythonProject/江苏/江苏省医保诊疗信息查询_copy.txt "
                    "(item 331400002 / 331400012, memo)",
        "date": "2024-05-27",
        "tier": "secondary",
        "note": "Scrape of the Jiangsu 医保 诊疗信息查询 service. For 职工 the delivery items are 丙 in basic insurance "
                "because 生育保险 pays them.",
    },
    "tx-x-robot-healthcarechn": {
        "title": "手术机器人收费立项指南解读：机器人辅助前列腺癌根治术一线城市三甲医院3万多、周边城市约2万",
        "url": "https://m.healthcarechn.com/h-nd-2986.html",
        "date": "2026-01-20",
        "tier": "secondary",
        "note": "Cross-check only; the figures are the robot-related charge difference quoted by patients, not a full bill. "
                "Date = the NHSA guide's publication date given in domain-rules §5.",
    },
    "tx-x-xian-tavr": {
        "title": "西安交大一附院TAVR病例（2020）：住院总费用61.32万元，其中介入生物瓣膜及配套器械28万元（含ICU 17天并发症）",
        "url": "http://61.152.230.22/news,cjpl,58795548.html",
        "date": "2025-12-05",
        "tier": "secondary",
        "note": "华夏时报 via 股吧. A complicated case; cross-check only.",
    },
    "tx-x-pci": {
        "title": "冠心病支架术费用一般在2万至5万元之间",
        "url": "http://m.hichamedd4.com/zhishi/956713.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator [agg], undated; cross-check only.",
    },
    "tx-x-cabg": {
        "title": "心脏搭桥费用：北京三甲医院约10–12万元（阜外医院医师科普）",
        "url": "http://www.cnkang.com/video/article/2606A2czTY.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Undated; another page gives 6–10万 (https://hant.120ask.com/zhishi/detail/953632.html).",
    },
    "tx-x-dialysis": {
        "title": "尿毒症血液透析：每周3次，单次约200–500元，月均约6000–15000元",
        "url": "https://nature.bio1000.com/bzawd/202511/2797019.html",
        "date": "2025-11-01",
        "tier": "secondary",
        "note": "Aggregator [agg]; cross-check only.",
    },
    "tx-x-hip-fracture": {
        "title": "股骨骨折手术一般需要3万到8万元",
        "url": "https://m.fh21.com.cn/iask/view/2170136.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator Q&A, undated; cross-check only.",
    },
    "tx-x-dbs": {
        "title": "帕金森病DBS手术总费用大致10万至30万元",
        "url": "https://cell.bio1000.com/jkajy/202506/1470018.html",
        "date": "2025-06-01",
        "tier": "secondary",
        "note": "Aggregator [agg]; cross-check only.",
    },
    "tx-x-tha-xinhua": {
        "title": "Centralized procurement of artificial joints boosts healthcare accessibility in China (Xinhua): a Zhejiang "
                 "patient's 2023 hip replacement totalled slightly over 10,000 yuan (over 50,000 in 2020)",
        "url": "https://govt.chinadaily.com.cn/s/202405/31/WS6659a3b2498ed2d7b7eaef3f/centralized-procurement-of-artificial-joints-boosts-healthcare-accessibility-in-china.html",
        "date": "2024-05-31",
        "tier": "secondary",
        "note": "Xinhua via China Daily. One patient's whole bill (hip replacement, 2023, Zhejiang), 2,000+ paid from her "
                "personal account; average VBP hip/knee implant prices 7,000/5,000. Cross-check only.",
    },
    "tx-x-radiotherapy": {
        "title": "北京普通调强放疗约5万元、图像引导放疗约6万元；质子治疗27–30万元/疗程（瑞金医院国产质子17万元）",
        "url": "https://chuguo.paoguo.com/article/7600869",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator [agg]; cross-check only. No proton item exists in the Jiangsu list, so no proton package "
                "was written.",
    },
}

# --------------------------------------------------------------------------------------------------------
# code resolution
# --------------------------------------------------------------------------------------------------------
_js = {r["item_code"]: r for r in read_csv(JS_CSV) if r["row_type"] != "category"}
_known: set[str] = set()
for p in (SOURCES / "catalogs" / "items").glob("*.csv"):
    _known |= {r["code"] for r in read_csv(p)}


def S(item_code: str) -> str:
    """Service line code for a Jiangsu item_code."""
    if "JS" + item_code in _known:
        return "JS" + item_code
    row = _js[item_code]
    nat = row["national_item_code"].strip()
    if nat and len(nat) == 15 and nat.isdigit():
        return nat
    return "JS" + item_code


def D(n: int) -> str:
    return f"YP24-{n:04d}"


def q(low, typ, high) -> dict:
    return {"qty": {"low": low, "typical": typ, "high": high}}


def line(code: str, low=None, typ=None, high=None, per_day=None, note=None) -> dict:
    d = {"code": code}
    if per_day is not None:
        d["per_day"] = per_day
    else:
        d.update(q(low, typ, high))
    if note:
        d["note"] = note
    return d


# reusable blocks ----------------------------------------------------------------------------------------
def ward(nursing="120100004", iv=1.0, drip=True):
    """bed + nursing (+ one infusion a day) per day of stay"""
    out = [line(S("110900001-a"), per_day=1), line(S(nursing), per_day=1)]
    if drip:
        out.append(line(S("120400006"), per_day=iv))
    return out


def preop_labs(crossmatch=False):
    out = [line(S("250101015"), 2, 3, 5), line(S("250102001"), 1, 1, 2), line(S("250305007"), 1, 2, 3),
           line(S("250307002"), 1, 2, 3), line(S("250307001"), 1, 2, 3), line(S("250304001"), 1, 2, 4),
           line(S("250304002"), 1, 2, 4), line(S("250302001"), 1, 2, 3), line(S("250203020"), 1, 1, 2),
           line(S("250203025"), 1, 1, 2), line(S("250403004"), 1, 1, 1), line(S("250403019"), 1, 1, 1),
           line(S("250403053"), 1, 1, 1), line(S("310701001"), 1, 1, 2), line(S("210102015"), 1, 1, 2)]
    if crossmatch:
        out += [line(S("260000002"), 1, 1, 1), line(S("260000004"), 1, 1, 1), line(S("260000011"), 0, 1, 2)]
    return out


def general_anaesthesia(hours_low, hours_typ, hours_high):
    """全身麻醉 (2 h base) + 加收 per extra hour + the usual drugs"""
    extra = lambda h: max(0, h - 2)  # noqa: E731
    return [line(S("330100005"), 1, 1, 1),
            line(S("330100005-b"), extra(hours_low), extra(hours_typ), extra(hours_high)),
            line(D(1410), 2, 3, 4),            # 丙泊酚 20ml:0.2g 支
            line(D(1380), 1, 2, 3),            # 罗库溴铵 50mg 支
            line(D(1405), 0.2, 0.3, 0.5),      # 七氟烷 250ml 瓶 (part of a bottle)
            line(D(71), 1, 1, 2),              # 昂丹司琼 4mg 支
            line(D(823), 1, 1, 2)]             # 地塞米松磷酸钠 5mg 支


# 椎管内麻醉 in every variant; the high variant adds a conversion to 全身麻醉 (330100005 0/0/1). Quantities never fall
# from low to typical to high (a variant is "more of the bill", checked in main()).
SPINAL = (1, 1, 1)


def saline(low, typ, high):
    return line(D(413), low, typ, high)        # 氯化钠 250ml 袋


T: list[dict] = []


def add(**kw):
    T.append(kw)


# --------------------------------------------------------------------------------------------------------
# cardiology / cardiac surgery
# --------------------------------------------------------------------------------------------------------
add(id="pci_stent", name_zh="经皮冠状动脉介入治疗（PCI，置入1–2枚药物洗脱支架）",
    name_en="Percutaneous coronary intervention with 1–2 drug-eluting stents", aliases=["PCI", "心脏支架", "冠脉支架"],
    category="cardiology", setting="inpatient", stay={"low": 3, "typical": 5, "high": 8},
    note_zh="典型：1支病变、1枚集采支架（约700元）；高值变体2枚支架。导管鞘、导引导管、导丝、PTCA球囊用海南挂网价的进口产品。"
            "对照：冠心病支架术费用一般2–5万元（tx-x-pci，二手聚合页）；集采后支架本身仅约700元（cons-vbp-stent-2020）。",
    note_en="Typical: one lesion, one VBP stent (about 700 yuan); high: two stents. Published range 20,000–50,000 (tx-x-pci).",
    lines=ward("120100003") + preop_labs() + [
        line(S("250306009"), 2, 3, 4), line(S("220600002"), 1, 1, 2), line(S("310701008"), 24, 48, 96),
        line(S("320500001"), 1, 1, 1), line(S("320500002"), 0, 0, 1), line(S("320500003"), 1, 1, 1),
        line("C02071001500000089050000222", 1, 1, 2),     # 导管鞘
        line("C02062600400000113250000629", 1, 1, 2),     # 导引导管
        line("C02022200300001047440000021", 1, 2, 3),     # 导丝
        line("C02020500200004113250000059", 1, 1, 2),     # PTCA 球囊
        line("C020202001-DESVBPD", 1, 1, 2),
        line(D(1933), 1, 2, 3), line(D(276), 1, 1, 2), line(D(282), 3, 5, 8), line(D(295), 6, 10, 16),
        line(D(611), 3, 5, 8), saline(3, 5, 8)])

add(id="cabg", name_zh="冠状动脉旁路移植术（CABG，体外循环下，3支桥）",
    name_en="Coronary artery bypass grafting (on-pump, 3 grafts)", aliases=["CABG", "心脏搭桥", "搭桥手术"],
    category="cardiac_surgery", setting="inpatient", stay={"low": 10, "typical": 14, "high": 21},
    note_zh="吻合3支（低2、高4）；体外循环按2小时计价；ICU 2–5天。体外循环管路/氧合器等专用耗材未找到价格，未列入，"
            "实际账单会更高。对照：北京三甲约10–12万元（tx-x-cabg），另一来源6–10万元。",
    note_en="2/3/4 grafts; bypass circuit and oxygenator not itemised (no price found), so the bill is understated. "
            "Published: 100,000–120,000 in Beijing (tx-x-cabg).",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("110900003"), 2, 3, 5), line(S("120100001"), 48, 72, 120), line(S("220600002"), 1, 2, 3),
        line(S("210300002"), 0, 1, 1), line(S("320500001"), 1, 1, 1), line(S("330802003"), 1, 1, 1), line(S("330802003-a"), 1, 2, 3),
        line(S("330100017"), 1, 2, 2), line(S("310603001"), 12, 24, 72), line(S("310602006"), 4, 8, 15),
        line(S("220600006"), 1, 1, 1)] + general_anaesthesia(4, 5, 6) + [
        line(D(374), 0, 4, 10), line(D(887), 6, 9, 15), line(D(276), 2, 3, 4), line(D(502), 2, 6, 12),
        line(D(438), 2, 5, 10), line(D(282), 7, 10, 15), line(D(611), 7, 10, 15), saline(20, 30, 50),
        line("C140301005-HAR", 0, 0, 1)])

add(id="tavr", name_zh="经导管主动脉瓣置换术（TAVR/TAVI）", name_en="Transcatheter aortic valve replacement (TAVR)",
    aliases=["TAVI", "介入换瓣"], category="cardiology", setting="inpatient", stay={"low": 5, "typical": 7, "high": 12},
    note_zh="国产瓣膜系统按苏州2023例21万元计；2026年1月TAVR价格治理后多数产品13–16万元（cons-tavr-governance-2026），"
            "用新价时总额约低5–8万元。江苏“经皮导管主动脉瓣植入术”为丙类、市场调节价（省表无价），手术费按外科“主动脉瓣置换术”价格估算（jiangsu-prices-estimate）。"
            "对照：公开说法TAVR总费用约30万元；西安2020年并发症病例总计61.32万元、瓣膜28万元（tx-x-xian-tavr）。",
    note_en="Domestic valve at 210,000 (Suzhou 2023); about 130,000–160,000 after the 2026 price governance. The Jiangsu "
            "TAVR procedure item is 丙 with a market price; its fee is estimated at the open aortic valve replacement price. Cross-check: ~300,000 total quoted; a "
            "complicated 2020 Xi'an case 613,200 (tx-x-xian-tavr).",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("110900003"), 1, 1, 3), line(S("120100001"), 24, 24, 72), line(S("210300002"), 2, 2, 3),
        line(S("220600002"), 2, 2, 3), line(S("220600006"), 1, 1, 1), line(S("250306009"), 2, 3, 4),
        line(S("330801029"), 1, 1, 1), line(S("310702005"), 1, 1, 1), line(S("320500001"), 0, 1, 1),
        line("LOCAL-TAVR-D", 1, 1, 1), line("C02071001500000089050000222", 2, 3, 4),
        line("C02022200300001047440000021", 2, 3, 4), line(D(1933), 1, 2, 3), line(D(276), 1, 1, 2),
        line(D(887), 2, 3, 6), saline(6, 10, 16)] + general_anaesthesia(2, 2, 3))

add(id="vad_implant", name_zh="植入式心室辅助装置（人工心脏）植入术", name_en="Implantable ventricular assist device (artificial heart)",
    aliases=["LVAD", "人工心脏", "心室辅助"], category="cardiac_surgery", setting="inpatient",
    stay={"low": 21, "typical": 30, "high": 45},
    note_zh="装置按国家医保局沟通后企业承诺价49.9万元/套。对照：整体费用由百万元级降至约70万元（cons-vad-nhsa）。"
            "北京2024-09-21起在4家医院按甲类支付（cons-vad-beijing-2024）。",
    note_en="Device at the committed 499,000 per set; whole procedure about 700,000 after NHSA talks (cons-vad-nhsa). "
            "Beijing pays the pump as 甲 from 2024-09-21 in 4 pilot hospitals.",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("110900003"), 5, 8, 14), line(S("120100001"), 120, 192, 336), line(S("330803022"), 1, 1, 1),
        line(S("330100017"), 2, 2, 3), line(S("310603001"), 24, 48, 120), line(S("310602006"), 10, 20, 40),
        line(S("220600002"), 3, 5, 8), line(S("220600006"), 1, 1, 1), line(S("210300002"), 1, 1, 2),
        line("LOCAL-VAD", 1, 1, 1)] + general_anaesthesia(5, 6, 8) + [
        line(D(374), 6, 10, 20), line(D(887), 9, 15, 24), line(D(985), 0, 0, 20), line(D(276), 5, 10, 20),
        line(D(442), 3, 6, 12), line(D(502), 6, 12, 24), saline(40, 60, 100)])

add(id="pacemaker_implant", name_zh="永久心脏起搏器植入术（双腔）", name_en="Permanent pacemaker implantation (dual-chamber)",
    aliases=["起搏器", "pacemaker"], category="cardiology", setting="inpatient", stay={"low": 4, "typical": 6, "high": 9},
    note_zh="双腔进口起搏器按上海最高支付标准25,000元估价（cons-sh-pacemaker-cap，估算）；电极导线未找到价格，未列入。"
            "江苏“单腔永久起搏器安置术”的双腔子项按本项编码计价。未找到公开的总费用对照。",
    note_en="Imported dual-chamber device priced at Shanghai's 25,000 cap (estimate); leads not itemised (no price). "
            "No published total found.",
    lines=ward("120100003") + preop_labs() + [
        line(S("310702007-a"), 1, 1, 1), line(S("310701003"), 1, 1, 2), line(S("220600002"), 1, 1, 2),
        line(S("310701008"), 24, 48, 96), line("C020402058-PM2I", 1, 1, 1),
        line("C02071001500000089050000222", 2, 2, 3), line(D(880), 2, 4, 6), line(D(432), 1, 2, 2),
        saline(3, 5, 8)])

add(id="icd_implant", name_zh="植入式心律转复除颤器（ICD）植入术", name_en="Implantable cardioverter-defibrillator implantation",
    aliases=["ICD", "除颤器"], category="cardiology", setting="inpatient", stay={"low": 4, "typical": 6, "high": 10},
    note_zh="ICD按苏州2023年“除颤器单价超过5万元”取5万元为下限估价（估算）。未找到公开的总费用对照。",
    note_en="ICD priced at the 50,000 floor implied by Suzhou 2023 (estimate). No published total found.",
    lines=ward("120100003") + preop_labs() + [
        line(S("310702009"), 1, 1, 1), line(S("310701003"), 1, 1, 2), line(S("220600002"), 1, 1, 2),
        line(S("310701008"), 24, 48, 96), line("C020402058-ICD", 1, 1, 1),
        line("C02071001500000089050000222", 2, 2, 3), line(D(880), 2, 4, 6), line(D(432), 1, 2, 2),
        saline(3, 5, 8)])

# --------------------------------------------------------------------------------------------------------
# surgery
# --------------------------------------------------------------------------------------------------------
add(id="robot_prostatectomy", name_zh="机器人辅助腹腔镜前列腺癌根治术", name_en="Robot-assisted radical prostatectomy",
    aliases=["RARP", "达芬奇前列腺", "机器人前列腺癌根治"], category="urology", setting="inpatient",
    stay={"low": 5, "typical": 7, "high": 12},
    note_zh="机器人专用器械及耗材按上海报道每台约2.59万元（进口）计，江苏旧文（2015）称不予支付，按丙类处理；"
            "机器人设备摊销/开机费未列入（2026年国家立项指南起按主手术加收系数计费）。"
            "对照：上海一台达芬奇手术约4.4万元（含耗材2.59万+摊销约1.8万，cons-sh-davinci）；一线城市三甲机器人前列腺癌根治术“3万多”、周边约2万（tx-x-robot-healthcarechn）。",
    note_en="Robot instruments 25,900 per operation (Shanghai report); robot amortisation/usage fee not itemised. "
            "Cross-check: about 44,000 per Da Vinci operation in Shanghai (cons-sh-davinci); '30,000+' vs '20,000' "
            "(tx-x-robot-healthcarechn).",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("250404005"), 1, 1, 1), line(S("210200002"), 1, 1, 1), line(S("210300002"), 0, 1, 1),
        line(S("331201001"), 1, 1, 1), line(S("33-a"), 1, 1, 1), line(S("270300003"), 1, 2, 3),
        line(S("121600001"), 1, 1, 2), line(S("121600001-a"), 5, 7, 12), line(S("120600002"), 1, 2, 4),
        line("LOCAL-ROBOT-DV", 1, 1, 1), line("C11010817600002084550000020", 1, 2, 3)]
    + general_anaesthesia(3, 4, 5) + [line(D(887), 3, 6, 12), line(D(1358), 2, 4, 6), saline(10, 16, 28)])

add(id="vats_lobectomy", name_zh="胸腔镜肺叶切除术（VATS）", name_en="Video-assisted thoracoscopic lobectomy",
    aliases=["VATS", "胸腔镜肺叶切除", "肺癌手术"], category="thoracic_surgery", setting="inpatient",
    stay={"low": 5, "typical": 8, "high": 14},
    note_zh="腔镜切割吻合器按海南挂网价（国产直线型切割吻合器4,704元/把，另钉仓以国产直线型吻合器1,449元/把代），"
            "超声刀头按进口HAR约2000元。未找到公开的总费用对照。",
    note_en="Endo staplers at Hainan hanging prices; ultrasonic blade about 2,000. No published total found.",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("210300002"), 1, 1, 2), line(S("310601001"), 1, 1, 1), line(S("310602006"), 1, 2, 4),
        line(S("330702006"), 1, 1, 1), line(S("31-b"), 1, 1, 1), line(S("270400001"), 1, 1, 2),
        line(S("270300003"), 1, 2, 3), line("C11020517200001033700000008", 1, 1, 1),
        line("C11020517200001015640000003", 2, 3, 5), line("C140301005-HAR", 1, 1, 1),
        line(S("120600002"), 1, 2, 4)] + general_anaesthesia(2, 3, 4) + [
        line(D(887), 3, 6, 12), line(D(1358), 2, 4, 6), line(D(3826), 6, 10, 20), saline(10, 16, 28)])

add(id="lap_appendectomy", name_zh="腹腔镜阑尾切除术", name_en="Laparoscopic appendectomy",
    aliases=["阑尾炎手术"], category="general_surgery", setting="inpatient", stay={"low": 3, "typical": 4, "high": 7},
    note_zh="穿刺器（trocar）未找到价格，未列入。未找到公开的总费用对照。",
    note_en="Trocars not itemised (no price). No published total found.",
    lines=ward() + preop_labs() + [
        line(S("220201002"), 1, 1, 1), line(S("210300001"), 0, 0, 1), line(S("250301017"), 1, 1, 2),
        line(S("331003022"), 1, 1, 1), line(S("31-b"), 1, 1, 1), line(S("270300003"), 1, 1, 1),
        line("C11010817600002084550000020", 1, 1, 2)] + general_anaesthesia(1, 1, 2) + [
        line(D(887), 4, 6, 12), line(D(996), 2, 3, 6), saline(6, 8, 14)])

add(id="lap_cholecystectomy", name_zh="腹腔镜胆囊切除术", name_en="Laparoscopic cholecystectomy",
    aliases=["LC", "胆囊切除"], category="general_surgery", setting="inpatient", stay={"low": 2, "typical": 4, "high": 7},
    note_zh="结扎夹按海南挂网价；穿刺器未找到价格，未列入。未找到公开的总费用对照。",
    note_en="Clips at the Hainan hanging price; trocars not itemised. No published total found.",
    lines=ward() + preop_labs() + [
        line(S("220201002"), 1, 1, 1), line(S("210200001"), 0, 0, 1), line(S("331006002"), 1, 1, 1),
        line(S("31-b"), 1, 1, 1), line(S("270300003"), 1, 1, 1), line("C11010817600002084550000020", 1, 1, 2)]
    + general_anaesthesia(1, 2, 2) + [line(D(887), 2, 3, 6), saline(4, 6, 12)])

add(id="thyroidectomy", name_zh="甲状腺（次全）切除术", name_en="Thyroidectomy (subtotal)",
    aliases=["甲状腺手术"], category="general_surgery", setting="inpatient", stay={"low": 3, "typical": 5, "high": 7},
    note_zh="单侧计价，高值变体为双侧；术中冰冻病理1次。未找到公开的总费用对照。",
    note_en="Priced per side; high = both sides. No published total found.",
    lines=ward() + preop_labs() + [
        line(S("220301002"), 1, 1, 2), line(S("250310001"), 1, 2, 2), line(S("330300009"), 1, 1, 2),
        line(S("270400001"), 1, 1, 1), line(S("270300003"), 1, 1, 2), line("C140301005-HAR", 1, 1, 1)]
    + general_anaesthesia(2, 2, 3) + [line(D(887), 0, 2, 4), saline(4, 6, 10)])

add(id="inguinal_hernia_repair", name_zh="腹股沟疝修补术（无张力）", name_en="Inguinal hernia repair (tension-free)",
    aliases=["疝气手术", "疝修补"], category="general_surgery", setting="inpatient", stay={"low": 2, "typical": 3, "high": 5},
    note_zh="疝修补补片未找到价格，未列入，实际账单会高出补片价格。对照：一聚合页称三甲医院开放手术8000–12000元（儿童，参考价值有限）。",
    note_en="Mesh not itemised (no price found): the bill is understated by the mesh price.",
    lines=ward() + preop_labs() + [line(S("331008001"), 1, 1, 1), line(S("330100003"), *SPINAL),
                                   line(S("330100005"), 0, 0, 1), line(D(880), 0, 2, 4), saline(2, 3, 6)])

add(id="lumbar_disc_decompression", name_zh="腰椎间盘突出症 腰椎间盘突出摘除术（后路，单节段）",
    name_en="Lumbar disc herniation: posterior discectomy (one level)",
    aliases=["腰椎间盘", "椎间盘手术", "椎间盘摘除", "腰突手术"], category="orthopaedics", setting="inpatient",
    stay={"low": 5, "typical": 7, "high": 10},
    note_zh="原为经皮椎间盘射频减压术包；现按更常见的后路腰椎间盘突出摘除术（单节段，高值变体2个节段）计，全麻。"
            "江苏2024清单缺该手术（国家编码003315010380000取自MediModel限制规则表），类别与价格为估算（svc-missing-ops-estimate："
            "按同一清单“椎管内脓肿切开引流术”价格）。融合手术另需脊柱集采耗材（胸腰椎后路固定融合系统约4500元/套，cons-vbp-spine-2023），未列入。"
            "未找到公开的总费用对照。",
    note_en="Now a posterior lumbar discectomy (one level; high: two) under general anaesthesia instead of the "
            "percutaneous decompression. The operation is missing from the Jiangsu list: national code from the MediModel "
            "restriction table, class and price estimated (analogue: 椎管内脓肿切开引流术). Fusion (VBP set ~4,500) not included. "
            "No published total found.",
    lines=ward() + preop_labs() + [line(S("210200001"), 1, 1, 2), line("003315010380000", 1, 1, 2),
                                   line(S("330100008"), 0, 1, 2), line(S("120600002"), 1, 2, 3)]
    + general_anaesthesia(2, 2, 3) + [line(D(887), 2, 3, 6), line(D(1358), 2, 4, 6), saline(6, 8, 12)])

add(id="total_knee_replacement", name_zh="人工全膝关节置换术（单侧）", name_en="Total knee replacement (one side)",
    aliases=["TKA", "膝关节置换"], category="orthopaedics", setting="inpatient", stay={"low": 6, "typical": 9, "high": 14},
    note_zh="关节假体按国家集采膝关节均价约5000元（cons-vbp-joint-2021）。江苏价格表缺“人工膝关节置换术”手术项目，"
            "手术费按估算项目SVC-TKA（以同一清单“胫骨高位截骨术”价格代替，svc-missing-ops-estimate）。骨水泥、氨甲环酸未找到价格，未列入；"
            "床位费为市定价，按公开床位分等定价表代替（jiangsu-prices-estimate）。对照：公开说法集采后全膝置换总费用约5–6万元，未找到可引用原文；"
            "新华社2024报道浙江一例集采后髋关节置换总费用1万余元（tx-x-tha-xinhua），膝关节应在同一量级。",
    note_en="Implant at the VBP average of about 5,000. The Jiangsu list has no knee-replacement operation item, so the "
            "operation fee is an estimate (SVC-TKA, priced as Jiangsu's high tibial osteotomy). Cross-check: a Xinhua "
            "2024 report of a post-VBP hip replacement totalling just over 10,000 yuan (tx-x-tha-xinhua).",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("210102015"), 2, 3, 4), line(S("220302006"), 1, 1, 2), line("C034401107-KNEED", 1, 1, 1),
        line("SVC-TKA", 1, 1, 1),
        line(S("330100003"), *SPINAL), line(S("330100005"), 0, 0, 1), line(S("330100002"), 1, 1, 1),
        line(S("330100008"), 1, 2, 3), line(D(887), 3, 6, 9), line(D(281), 6, 9, 14),
        line(D(1358), 4, 6, 10), saline(8, 12, 20), line(S("120600002"), 2, 3, 5)])

add(id="total_hip_replacement", name_zh="人工全髋关节置换术（单侧）", name_en="Total hip replacement (one side)",
    aliases=["THA", "髋关节置换"], category="orthopaedics", setting="inpatient", stay={"low": 6, "typical": 9, "high": 14},
    note_zh="髋关节假体按国家集采均价约7000元（cons-vbp-joint-2021）。江苏价格表缺“人工全髋关节置换术”手术项目，"
            "手术费按估算项目SVC-THA（以同一清单“髋臼旋转截骨术”价格代替，svc-missing-ops-estimate）。"
            "对照：新华社（2024-05-31）报道浙江一名患者2023年集采后髋关节置换总费用“1万余元”（2020年集采前为5万余元）（tx-x-tha-xinhua）。",
    note_en="Implant at the VBP average of about 7,000. The operation is missing from the Jiangsu list; its fee is an "
            "estimate (SVC-THA, priced as Jiangsu's rotational acetabular osteotomy). Published: a Zhejiang patient's "
            "2023 hip replacement totalled 'slightly over 10,000 yuan' (tx-x-tha-xinhua).",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("210102015"), 2, 3, 4), line(S("220302006"), 1, 1, 2), line("C034201107-HIPD", 1, 1, 1),
        line("SVC-THA", 1, 1, 1),
        line(S("330100003"), *SPINAL), line(S("330100005"), 0, 0, 1), line(S("330100002"), 1, 1, 1),
        line(S("330100008"), 1, 2, 3), line(D(887), 3, 6, 9), line(D(281), 6, 9, 14),
        line(D(374), 0, 0, 4), line(D(1358), 4, 6, 10), saline(8, 12, 20), line(S("120600002"), 2, 3, 5)])

add(id="hip_fracture_fixation", name_zh="老年股骨粗隆间骨折 髓内钉内固定术", name_en="Hip (intertrochanteric) fracture: intramedullary nail fixation",
    aliases=["髋部骨折", "股骨粗隆间骨折", "PFNA"], category="orthopaedics", setting="inpatient",
    stay={"low": 7, "typical": 10, "high": 16},
    note_zh="髓内钉用贵州集采清单的医保编码，未找到价格：按国家脊柱集采后路固定融合系统均价4500元/套估算，含锁钉"
            "（cons-price-estimate，不再单列锁钉）。江苏2024清单缺股骨骨折内固定手术项目，手术费按估算项目SVC-HIPFX-NAIL"
            "（以同一清单“股骨颈楔形截骨术”价格代替，svc-missing-ops-estimate）。对照：股骨骨折手术一般3–8万元（tx-x-hip-fracture，"
            "聚合页，未分集采前后），本包明显偏低：髓内钉为估算价，亦未计输血。",
    note_en="The nail carries a Guizhou NHSA code but no price: estimated at the national spine-VBP set average of 4,500, "
            "locking screws included (no separate screw line). The fixation operation is missing from the Jiangsu list; its "
            "fee is an estimate (SVC-HIPFX-NAIL, priced as a femoral-neck osteotomy). Published range 30,000–80,000 "
            "(tx-x-hip-fracture) — this package is well below it.",
    lines=ward("120100003") + preop_labs(crossmatch=True) + [
        line(S("210102015"), 2, 3, 5), line(S("210300001"), 1, 1, 1), line(S("220302006"), 1, 2, 2),
        line(S("210101004"), 1, 2, 3), line("C03130608603004104990000421", 1, 1, 1),
        line("SVC-HIPFX-NAIL", 1, 1, 1), line(S("330100003"), *SPINAL), line(S("330100005"), 0, 0, 1),
        line(D(887), 3, 6, 9), line(D(281), 7, 10, 16), line(D(374), 0, 2, 6), saline(10, 15, 25),
        line(S("120600002"), 2, 3, 5)])

# --------------------------------------------------------------------------------------------------------
# eye, kidney, oncology, neuro
# --------------------------------------------------------------------------------------------------------
add(id="cataract_phaco_iol", name_zh="白内障超声乳化摘除+人工晶体植入术（单眼）", name_en="Cataract phacoemulsification with IOL (one eye)",
    aliases=["白内障手术", "phaco"], category="ophthalmology", setting="inpatient", stay={"low": 1, "typical": 2, "high": 3},
    note_zh="国产单焦点晶体约2000元（cons-iol-bohe 区间下限）；多焦点晶体为丙类自费。术后滴眼液在药品价格表中无价，未列入。江苏该手术与人工晶体度数测量为“市定价”（省表无价）：手术费按公开总费用反推为3800元（三类；一线城市三甲超声乳化+普通晶体"
            "6000–10000元的下限，svc-cataract-39yst），度数测量按眼部A超×2估算（jiangsu-prices-estimate）。因手术费由总额反推，"
            "总额与该对照相符不算独立验证。其他对照：超声乳化手术约5000–12000元（cons-iol-bohe）；三甲8000–15000元（mfk.com，见svc-cataract-39yst）。",
    note_en="Domestic monofocal IOL about 2,000. The Jiangsu operation and biometry items are city-priced: the "
            "operation fee (3,800 at level3) is back-solved from the low end of a published 6,000–10,000 total, so the "
            "total matching it is not an independent check. Other published range 5,000–12,000.",
    lines=[*ward(drip=False), line(S("250101015"), 1, 1, 1), line(S("250203020"), 1, 1, 1), line(S("250302001"), 1, 1, 1), line(S("310701001"), 1, 1, 1), line(S("310300045"), 1, 1, 1), line(S("330406010"), 1, 1, 1), line("LOCAL-IOL-MONO-D", 1, 1, 1)])

add(id="haemodialysis_month", name_zh="维持性血液透析（1个月，每周3次）", name_en="Maintenance haemodialysis (one month, 3 sessions a week)",
    aliases=["透析", "尿毒症透析", "血透"], category="nephrology", setting="outpatient_chronic",
    stay={"low": 0, "typical": 0, "high": 0},
    note_zh="每月12–14次；国产透析器每次1支（cons-dialyser-sq15，聚合页区间中值400元，可能偏高）；透析管路未找到价格未列入。"
            "对照：月均约6000–15000元（tx-x-dialysis）。",
    note_en="12–14 sessions a month; one domestic dialyser per session (price from an aggregator range, may be high); "
            "blood lines not itemised. Published 6,000–15,000 a month (tx-x-dialysis).",
    lines=[line(S("311000006"), 12, 13, 14), line("LOCAL-DIALYSER-D", 12, 13, 14), line(D(276), 12, 13, 14),
           line(D(369), 8, 12, 16), line(D(360), 0, 4, 8), line(S("250101015"), 1, 1, 2),
           line(S("250307002"), 1, 1, 2), line(S("250307001"), 2, 2, 4), line(S("250304001"), 1, 1, 2),
           saline(12, 13, 14)])

add(id="breast_cancer_trastuzumab_cycle", name_zh="乳腺癌化疗1周期（多西他赛+曲妥珠单抗，日间/短期住院）",
    name_en="Breast cancer chemotherapy cycle (docetaxel + trastuzumab)", aliases=["靶向治疗", "赫赛汀", "HER2"],
    category="oncology", setting="inpatient", stay={"low": 1, "typical": 2, "high": 3},
    note_zh="体表面积约1.6 m²：多西他赛75 mg/m²（40mg支×3），曲妥珠单抗维持6 mg/kg（60 kg，150mg瓶×3；首剂8 mg/kg 为高值变体4瓶）。"
            "未找到公开的单周期总费用对照。",
    note_en="BSA 1.6 m²: docetaxel 3 × 40 mg; trastuzumab 3 × 150 mg (loading dose: 4). No published per-cycle total found.",
    lines=[*ward(), line(S("250101015"), 1, 1, 2), line(S("250305007"), 1, 1, 1), line(S("250307002"), 1, 1, 1), line(S("220600002"), 0, 1, 1), line(S("120400013"), 2, 2, 3), line(D(1179), 3, 3, 4), line(D(1223), 3, 3, 4), line(D(823), 2, 3, 4), line(D(71), 1, 2, 2), saline(3, 4, 6)])

add(id="imrt_course", name_zh="调强放射治疗（IMRT）1个疗程（25–30次）", name_en="Intensity-modulated radiotherapy course (25–30 fractions)",
    aliases=["放疗", "IMRT"], category="oncology", setting="outpatient_chronic", stay={"low": 0, "typical": 0, "high": 0},
    note_zh="按江苏“适型调强放射治疗(IMRT)”每次计价；计划与定位费用未单列。质子治疗在江苏价格表中无项目，未建包（质子约27–30万元/疗程自费，tx-x-radiotherapy）。"
            "对照：北京普通调强放疗约5万元（tx-x-radiotherapy）。",
    note_en="Priced per IMRT fraction; planning not itemised. No proton item exists in the Jiangsu list. Published: "
            "IMRT about 50,000 in Beijing; proton 270,000–300,000 self-paid.",
    lines=[line(S("240300015"), 25, 28, 30), line(S("240100005"), 5, 6, 6), line(S("210300002"), 1, 1, 2),
           line(S("250101015"), 4, 5, 6)])

add(id="stroke_thrombolysis", name_zh="急性缺血性脑卒中静脉溶栓（住院）", name_en="Acute ischaemic stroke: intravenous thrombolysis admission",
    aliases=["溶栓", "脑梗溶栓", "中风"], category="neurology", setting="inpatient", stay={"low": 7, "typical": 10, "high": 14},
    note_zh="溶栓药按替奈普酶（16mg支，国家谈判支付标准）；阿替普酶的支付标准保密，未取得价格。江苏“急性缺血性脑卒中超早期静脉溶栓术”为丙类、市场调节价（省表无价），按同一清单“经皮动脉内溶栓术”价格估算（jiangsu-prices-estimate，可能偏高）。"
            "未找到公开的总费用对照。",
    note_en="Tenecteplase (priced by its national payment standard); alteplase's standard is confidential. The Jiangsu "
            "thrombolysis item is 丙 with a market price; its fee is estimated at the intra-arterial thrombolysis price (may be high). No published total found.",
    lines=[*ward("120100003"), line(S("210300001"), 2, 2, 3), line(S("210200001"), 0, 1, 1), line(S("220302003"), 2, 4, 4), line(S("250101015"), 2, 3, 4), line(S("250203020"), 1, 2, 3), line(S("250203025"), 1, 2, 3), line(S("250302001"), 2, 3, 5), line(S("250307002"), 1, 2, 3), line(S("250303001"), 1, 1, 1), line(S("310701001"), 1, 2, 3), line(S("310701008"), 24, 48, 72), line(S("310100037"), 1, 1, 1), line(D(3441), 1, 1, 2), line(D(282), 5, 8, 12), line(D(611), 5, 8, 12), saline(7, 10, 14)])

add(id="dbs_implant", name_zh="脑深部电刺激器（脑起搏器）植入术", name_en="Deep brain stimulation implantation",
    aliases=["DBS", "脑起搏器", "帕金森手术"], category="neurosurgery", setting="inpatient", stay={"low": 5, "typical": 8, "high": 12},
    note_zh="刺激系统按苏州2023年“神经刺激器单价超过5万元”取5万元为下限估价（估算），实际多为十余万元。"
            "对照：帕金森DBS总费用10–30万元（tx-x-dbs，聚合页）。",
    note_en="Stimulation system at a 50,000 floor (estimate); real prices are often well above. Published 100,000–300,000.",
    lines=ward("120100003") + preop_labs() + [
        line(S("210200001"), 1, 1, 2), line(S("210300001"), 1, 1, 2), line(S("330201061"), 1, 1, 1),
        line("LOCAL-DBS", 1, 1, 1)] + general_anaesthesia(3, 4, 5) + [line(D(887), 3, 6, 9), saline(6, 10, 14)])

# --------------------------------------------------------------------------------------------------------
# medicine, obstetrics, endoscopy
# --------------------------------------------------------------------------------------------------------
add(id="cap_admission", name_zh="社区获得性肺炎住院", name_en="Community-acquired pneumonia admission",
    aliases=["肺炎", "CAP"], category="respiratory", setting="inpatient", stay={"low": 5, "typical": 7, "high": 12},
    note_zh="头孢曲松1–2g/日（1g瓶），重症高值变体改哌拉西林他唑巴坦。未找到公开的总费用对照。",
    note_en="Ceftriaxone 1–2 g a day; high variant adds piperacillin/tazobactam. No published total found.",
    lines=[*ward(), line(S("210300001"), 1, 2, 2), line(S("210102015"), 0, 0, 1), line(S("250101015"), 2, 3, 5), line(S("250301017"), 2, 3, 4), line(S("250310054"), 1, 2, 3), line(S("250501009"), 1, 1, 2), line(S("250501011"), 0, 1, 2), line(S("310602006"), 0, 1, 3), line(S("250305007"), 1, 2, 2), line(S("250307002"), 1, 2, 2), line(S("310701001"), 1, 1, 1), line(S("120300001"), 0, 48, 192), line(S("120700001"), 0, 14, 24), line(D(905), 5, 10, 12), line(D(875), 0, 0, 24), line(D(3826), 5, 14, 24), saline(5, 10, 20)])

add(id="copd_exacerbation", name_zh="慢性阻塞性肺疾病急性加重住院", name_en="COPD exacerbation admission",
    aliases=["慢阻肺", "COPD", "老慢支"], category="respiratory", setting="inpatient", stay={"low": 6, "typical": 9, "high": 14},
    note_zh="全身激素以地塞米松计、雾化以吸入用氨溴索计；雾化支气管扩张剂（异丙托溴铵、布地奈德）在药品价格表中无价，未列入。抗菌药用左氧氟沙星；高值变体含呼吸机辅助通气。未找到公开的总费用对照。",
    note_en="Systemic steroid as dexamethasone, nebulised ambroxol; nebulised bronchodilators (ipratropium, budesonide) have no price in the drug list and are not itemised. Levofloxacin; high variant adds ventilator support. No published total.",
    lines=[*ward(), line(S("210300001"), 1, 1, 2), line(S("250101015"), 2, 3, 5), line(S("250301017"), 1, 2, 3), line(S("310602006"), 1, 3, 6), line(S("310601001"), 0, 1, 1), line(S("250501009"), 0, 1, 2), line(S("310701001"), 1, 1, 2), line(S("120300001"), 72, 144, 312), line(S("120700001"), 12, 18, 28), line(S("310603001"), 0, 0, 72), line(D(823), 5, 10, 14), line(D(971), 5, 7, 10), line(D(3826), 12, 18, 28), saline(6, 9, 14)])

MATERNITY_ZH = ("生育保险说明：职工参保的分娩费用由生育保险支付（多为定额包干或按其专门规则，不走基本医疗保险的起付线和比例），"
                "本估算只显示基本医疗保险口径；江苏目录对分娩项目标“丙/甲”——居民、灵活就业和退休人员符合生育政策的按甲类支付（tx-js-maternity-memo）。")
MATERNITY_EN = ("Maternity insurance: for employees (职工) the birth is paid by maternity insurance (生育保险), often as a lump sum "
                "or under its own rules, not by basic medical insurance; this estimate shows basic medical insurance only. "
                "Jiangsu classes the delivery items 丙/甲: 甲 for residents, the flexibly employed and retirees within the birth "
                "policy (tx-js-maternity-memo).")

add(id="vaginal_delivery", name_zh="阴道分娩（单胎顺产）", name_en="Vaginal delivery (singleton)",
    aliases=["顺产", "自然分娩", "生孩子"], category="obstetrics", setting="inpatient", stay={"low": 2, "typical": 3, "high": 5},
    note_zh="新生儿护理按住院天数计。" + MATERNITY_ZH + "未找到公开的总费用对照。",
    note_en="Newborn care per day. " + MATERNITY_EN,
    lines=[*ward(drip=False), line(S("250101015"), 1, 2, 3), line(S("250102001"), 1, 1, 1), line(S("250403004"), 0, 1, 1), line(S("311201026"), 2, 4, 8), line(S("220201002"), 1, 1, 1), line(S("331400002"), 1, 1, 1), line(S("120100007"), per_day=1), line(D(812), 1, 2, 4), line(S("120400006"), 0, 1, 3), saline(0, 1, 3)])

add(id="caesarean_section", name_zh="剖宫产术", name_en="Caesarean section",
    aliases=["剖腹产"], category="obstetrics", setting="inpatient", stay={"low": 4, "typical": 5, "high": 7},
    note_zh="椎管内麻醉，头孢唑林预防用药，术后镇痛1–2天。" + MATERNITY_ZH + "未找到公开的总费用对照。",
    note_en="Neuraxial anaesthesia, cefazolin prophylaxis, 1–2 days of post-operative analgesia. " + MATERNITY_EN,
    lines=ward() + preop_labs(crossmatch=True) + [
        line(S("311201026"), 1, 2, 4), line(S("220201002"), 1, 1, 1), line(S("331400012"), 1, 1, 1),
        line(S("330100003"), 1, 1, 1), line(S("330100008"), 1, 2, 2), line(S("121600001"), 1, 1, 1),
        line(S("120100007"), per_day=1), line(D(880), 2, 4, 6), line(D(812), 2, 3, 6), line(D(1427), 1, 1, 2),
        saline(6, 8, 12), line(S("120600003"), 1, 2, 3)])

add(id="colonoscopy_polypectomy", name_zh="结肠镜下息肉切除术（短期住院）", name_en="Colonoscopic polypectomy (short stay)",
    aliases=["肠镜息肉", "结肠息肉"], category="gastroenterology", setting="inpatient", stay={"low": 1, "typical": 2, "high": 3},
    note_zh="按江苏“经肠镜特殊治疗”计治疗费，病理每个标本1次；圈套器、钛夹及肠道准备用复方聚乙二醇（大包装）未找到价格，未列入。未找到公开的总费用对照。",
    note_en="Snares and clips not itemised (no price). No published total found.",
    lines=[*ward(drip=False), line(S("250101015"), 1, 1, 1), line(S("250203020"), 1, 1, 1), line(S("310701001"), 1, 1, 1), line(S("310903005"), 1, 1, 1), line(S("310903010"), 1, 1, 1), line(S("270300002"), 1, 2, 3), line(D(1410), 1, 2, 2), saline(1, 2, 3)])


# --------------------------------------------------------------------------------------------------------
def num(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def package_totals(t: dict) -> dict[str, float]:
    """typical total per level with the Jiangsu 苏南 lists (the lists check_treatments.py --totals uses)."""
    import check_treatments as ct
    tables = ct.load_prices(ct.default_lists())
    out = {}
    days = t["stay"]["typical"]
    for level in ("level3", "level2", "level1"):
        total = 0.0
        for ln in t["lines"]:
            qty = ln["per_day"] * days if "per_day" in ln else ln["qty"]["typical"]
            if not qty:
                continue
            price = ct.price_of(ln["code"], level, tables)
            if price is None:
                raise SystemExit(f"{t['id']}: no {level} price for {ln['code']} in {ct.default_lists()}")
            total += price * qty
        out[level] = total
    return out


def main() -> None:
    out_dir = SOURCES / "treatments"
    out_dir.mkdir(parents=True, exist_ok=True)
    for t in T:
        tot = package_totals(t)
        zh = (f"本库价格合计（典型变体，江苏苏南价，含估算价）：三级约{tot['level3']:,.0f}元、二级约{tot['level2']:,.0f}元、"
              f"一级/社区约{tot['level1']:,.0f}元。")
        en = (f" Bill at this database's prices (typical variant, Jiangsu 苏南 prices, estimates included): level3 about "
              f"{tot['level3']:,.0f}, level2 {tot['level2']:,.0f}, level1/community {tot['level1']:,.0f} yuan.")
        doc = {"id": t["id"], "name_zh": t["name_zh"], "name_en": t["name_en"], "aliases": t["aliases"],
               "category": t["category"], "setting": t["setting"], "stay_days": t["stay"],
               "source": "tx-bill-estimate", "note_zh": t["note_zh"] + zh, "note_en": t["note_en"] + en,
               "lines": [dict(x) for x in t["lines"] if not ("qty" in x and x["qty"] == {"low": 0, "typical": 0, "high": 0})]}
        lines = doc.pop("lines")
        for ln in lines:
            qq = ln.get("qty")
            if qq and not (qq["low"] <= qq["typical"] <= qq["high"]):
                raise SystemExit(f"{t['id']}: {ln['code']} quantities must not fall from low to typical to high: {qq}")
        text = "# generated by db/tools/build_treatments.py — edit the script, not this file\n"
        text += yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
        text += "lines:\n"
        for ln in lines:
            if "per_day" in ln:
                body = f"per_day: {num(ln['per_day'])}"
            else:
                qq = ln["qty"]
                body = f"qty: {{low: {num(qq['low'])}, typical: {num(qq['typical'])}, high: {num(qq['high'])}}}"
            text += f'  - {{code: "{ln["code"]}", {body}}}\n'
        yaml.safe_load(text)
        (out_dir / f"{t['id']}.yaml").write_text(text, encoding="utf-8")
    merge_sources(SOURCE_ENTRIES)
    print(f"wrote {len(T)} treatments")


if __name__ == "__main__":
    main()
