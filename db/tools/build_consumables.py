"""Build the consumables item master, the regional consumable catalogues and price lists.

Input (read-only, not used at run time):
  /work/shared/data/medical-consumables/hainan_consumable_hanging_prices_sample.csv   (27-char codes + 挂网价)
  /work/shared/data/medical-consumables/guizhou_consumables_codes.csv                 (27-char codes, no prices)
  /work/shared/data/medical-consumables/medimodel_consumable_category_dict.csv        (10-char class codes)
  plus the hand-entered figures in CURATED below, each with the source id it came from.
Output:
  db/sources/catalogs/items/consumables.csv
  db/sources/catalogs/<slug>-consumables.csv   for every slug in SLUGS
  db/sources/prices/<slug>-consumables.csv     for every slug in SLUGS (level all)
  adds this script's source ids to db/sources/sources.yaml (other ids are left alone)
Drops: Guizhou rows beyond one representative code per product (the other codes are other sizes of the
same registered product); no Hainan row is dropped.

Codes: the NHSA 27-character code where a dataset gives one for the product; otherwise the 10-character
class code of medimodel_consumable_category_dict.csv + "-" + a suffix; where no class code for the product
type exists in any dataset we hold (heart valves, IOLs, VADs, dialysers, ...), "LOCAL-" + a suffix, so
that no NHSA class code is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    CATALOG_COLUMNS,
    DATA,
    ITEM_COLUMNS,
    PRICE_COLUMNS,
    SOURCES,
    fmt_price,
    merge_sources,
    read_csv,
    write_csv,
)

SLUGS = ["shanghai", "beijing", "zhejiang", "jiangsu", "hubei", "guangdong", "sichuan", "anhui", "hebei",
         "yunnan", "heilongjiang"]

CONS = DATA / "medical-consumables"

SOURCE_ENTRIES: dict[str, dict] = {
    "cons-hainan-hanging-2024": {
        "title": "海南省医用耗材挂网价格（医保耗材查询，第一页 50 条样本）",
        "document": "DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : pythonProject/海南药品耗材集采/海南耗材集采_500.xlsx "
                    "(copied to /work/shared/data/medical-consumables/hainan_consumable_hanging_prices_sample.csv)",
        "date": "2024-06-17",
        "tier": "secondary",
        "note": "Scraped by a third party before 2024-06-17 from the Hainan 医保局 public query; 27-char NHSA codes, "
                "product, maker, 注册证, hanging price per unit. Only the first page (50 rows) was saved. Hainan's "
                "挂网价 is used as the national reference price for these products in every region (no other "
                "region's price list was available); origin from the 注册证 (国械注进 = imported).",
    },
    "cons-guizhou-codes": {
        "title": "贵州省医用耗材集采产品医保编码清单（27位耗材代码、注册证号，无价格）",
        "document": "DXQLS/DXQLS @ 42fa23868d3fbb78bf7062bcf1003f3c5416e9f8 : pythonProject/贵州药品耗材集采/贵州耗材集采.xlsx "
                    "(copied to /work/shared/data/medical-consumables/guizhou_consumables_codes.csv)",
        "date": "2024-06-17",
        "tier": "secondary",
        "note": "Only 4 distinct products (接骨板, 髓内钉, 锁钉, 敷贴); one representative code per product kept. No prices.",
    },
    "cons-medimodel-classes": {
        "title": "医保医用耗材分类代码（10位类目码）字典",
        "document": "jdzwq/MediModel @ 573b603d13a83f8e8d44d054aa0da80e8afd048e : 数据作业/B-字典生成/b.1.01-生成材料分类字典.sql",
        "date": "2024-01-01",
        "tier": "secondary",
        "note": "185 class codes; used only to build codes of products without a 27-char code. Date = approximate "
                "(the repository gives none). The dictionary names C0342…/C0344… both 人工关节; taking C034201107 for "
                "hip and C034401107 for knee systems, C140301005 (刀头) for ultrasonic blades and C032901097 (融合器) "
                "for spinal fixation-fusion sets is this project's reading, not verified against the NHSA spec. "
                "Product types with no class code in any dataset held get LOCAL- codes.",
    },
    "cons-vbp-stent-2020": {
        "title": "首次国家组织冠脉支架集中带量采购拟中选结果：均价由1.3万元左右降至700元左右",
        "url": "https://workercn.cn/32850/202011/06/201106100814274.shtml",
        "date": "2020-11-06",
        "tier": "secondary",
        "note": "央视网 restatement of the NHSA result (10 products selected, 7 domestic, 3 imported, cobalt/platinum-"
                "chromium with sirolimus-family drug). The 700 yuan is the average 中选 price; it is used for both the "
                "domestic and the imported item (individual 中选 prices differ). The 2nd round (2022-2023 续约) was not "
                "checked.",
    },
    "cons-vbp-joint-2021": {
        "title": "国家组织人工关节集中带量采购拟中选结果：髋关节均价3.5万降至7000元左右，膝关节3.2万降至5000元左右",
        "url": "https://m.yybnet.net/news/china/202109/11526534.html",
        "date": "2021-09-15",
        "tier": "secondary",
        "note": "新华社 via 大江晚报. Average prices of the selected 初次置换 systems; used for domestic and imported items alike.",
    },
    "cons-vbp-spine-2023": {
        "title": "国家组织骨科脊柱类耗材集采中选结果落地：胸腰椎后路固定融合耗材每套3.3万降至约4500元，微创约5600元",
        "url": "https://www.cdrb.com.cn/epaper/cdrbpc/202305/14/c114831.html",
        "date": "2023-05-14",
        "tier": "secondary",
        "note": "成都日报 restating 央视新闻; average price per system (套).",
    },
    "cons-suzhou-2023": {
        "title": "苏州高值医用耗材医保支付调整（2023-08-10）：国产TAVI瓣膜21万元，纳入支付由3.5万元增至16.8万元",
        "url": "http://jinrigansu.3news.com.cn/hd/2023/0813/7750.html",
        "date": "2023-08-13",
        "tier": "secondary",
        "note": "Restated in domain-rules §2.3 and §6; second page http://m.ddtbk.com/techan/bc8aa1a7a7a907b7bfaf750329859c36.html . "
                "Gives the price of one domestic TAVI valve (21万) and says 158 products cost more than 5万 "
                "(defibrillators, stents, pacemakers, valves, skull repair, neurostimulators; highest 29.75万).",
    },
    "cons-tavr-governance-2026": {
        "title": "TAVR价格谈判（价格治理）后市场格局：多数产品13–16万元，两款套装15.2万、19.9万元",
        "url": "https://www.mffb.com.cn/news/show-506285.html",
        "date": "2026-01-16",
        "tier": "secondary",
        "note": "Industry call summary: a price governance action announced in December (2025) took effect 2026-01-08/16; "
                "11 of 15 TAVR products took part. Makers and origin of each price not given. Page date not shown; "
                "date = the last date the text mentions.",
    },
    "cons-vad-nhsa": {
        "title": "国家医保局《心血管系统类医疗服务价格项目立项指南（试行）》新增人工心脏价格项目；企业承诺人工心脏降至49.9万元/套",
        "url": "https://www.yuhaojiang.com/redian/541176.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "央视新闻 restatement: one of 5 makers committed to 49.9万/套; whole procedure from about 1,000,000 to about "
                "700,000. The maker (and so domestic/imported) is not named, so the item carries no origin. Page date "
                "not shown; date = when read.",
    },
    "cons-vad-beijing-2024": {
        "title": "北京：植入式心室辅助泵安装术及心室辅助泵、导线固定装置按甲类纳入医保（2024-09-21起，4家医院试点）",
        "url": "http://paper.people.com.cn/jksb/pc/content/202410/08/content_30027678.html",
        "date": "2024-10-08",
        "tier": "secondary",
        "note": "人民日报·健康时报. Pilot hospitals: 阜外, 安贞, 北医三院, 朝阳.",
    },
    "cons-sh-pacemaker-cap": {
        "title": "上海：心脏起搏器医保最高支付标准25000元（限上海中标产品）",
        "url": "https://191i.com/i/1373993247916902539.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Undated Q&A page (domain-rules §2.3); date = when read. Above the standard is self-paid.",
    },
    "cons-sh-davinci": {
        "title": "上海将达芬奇机器人手术纳入医保：一台手术约4.4万元，其中进口耗材约2.59万元",
        "url": "https://cnrobopedia.com/shanghai-to-promote-da-vinci-surgical-robot-with-public-insurance-fund/",
        "date": "2019-01-01",
        "tier": "secondary",
        "note": "Year not on the page (probably 2019; domain-rules §6); 25,900 = imported consumables per operation, "
                "about 18,000 = maintenance and amortisation.",
    },
    "cons-js-davinci-2015": {
        "title": "江苏：达芬奇机器人手术费用医保不予支付（2015）",
        "url": "http://www.baoxianwx.cn/news/201506/08/21113.html",
        "date": "2015-06-08",
        "tier": "secondary",
        "note": "Old (2015); whether Jiangsu later covered robot consumables was not found.",
    },
    "cons-iol-bohe": {
        "title": "白内障手术费用：单焦点人工晶体约2000–5000元，双焦点8000–12000元，三焦点15000元以上",
        "url": "https://www.bohe.cn/zx/999967.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator page (no date; date = when read); ranges only. IOL 集采 (省际联盟) prices were searched "
                "for but not found.",
    },
    "cons-iol-sh-premium": {
        "title": "上海眼科晶体手术价格与医保：三焦点/散光矫正型人工晶体等高端选择医保不予报销",
        "url": "https://www.sdgdhg.com/article/mPPdwRiKXEFRzSeH.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator page; date = when read.",
    },
    "cons-dialyser-sq15": {
        "title": "首次血液透析费用：三甲医院多用进口透析器单支800–1200元，基层国产耗材单支300–500元",
        "url": "http://www.sq15.cn/show-9-73674-0.html",
        "date": "2026-11-23",
        "tier": "secondary",
        "note": "Aggregator Q&A [agg]; ranges only; treat as a lead. Date = when read.",
    },
    "cons-ultrasonic-2022": {
        "title": "超声刀刀头价格：强生ACE系列约5000元，HAR系列2000元以内",
        "url": "http://anytesting.com/news/1929964.html",
        "date": "2022-02-23",
        "tier": "secondary",
        "note": "Industry article (嘉峪检测网).",
    },
    "cons-class-estimate": {
        "title": "医用耗材甲乙丙分类（各地目录未取得时的估算规则）",
        "document": "estimate by this project (db/tools/build_consumables.py)",
        "date": "2026-11-23",
        "tier": "estimate",
        "note": "No region's own consumables catalogue was available. Method: separately chargeable implants and "
                "high-value consumables → 乙 (the usual treatment: paid after a 先行自付 share set by the region); "
                "ordinary low-value consumables → 甲; premium or non-therapeutic choices (multifocal IOLs) and "
                "robot-dedicated instruments where no source says they are covered → 丙. Exceptions that a source "
                "gives are listed with their own source in the catalogue rows.",
    },
    "cons-price-estimate": {
        "title": "耗材价格估算（以公开文件中的支付标准或价格下限为锚）",
        "document": "estimate by this project (db/tools/build_consumables.py); method in each price row",
        "date": "2026-11-23",
        "tier": "estimate",
        "note": "Used only where no price was found; each row's method names the anchor figure and its source id.",
    },
}

# ---------------------------------------------------------------------------------------------------------
# Curated items: (code, name_zh, name_en, unit, category, origin, aliases, price, price_source, method, cls)
#   price None → no price row (the item exists in the master and catalogues, price still to be found)
#   cls: default class under cons-class-estimate
# ---------------------------------------------------------------------------------------------------------
E = "cons-price-estimate"
CURATED: list[tuple] = [
    # coronary / structural heart
    ("C020202001-DESVBPD", "冠状动脉药物洗脱支架（国家集采中选，国产，钴铬/铂铬合金雷帕霉素类）",
     "coronary drug-eluting stent, national VBP, domestic", "个", "C020202001", "domestic", "DES|冠脉支架|心脏支架",
     700, "cons-vbp-stent-2020", "", "乙"),
    ("C020202001-DESVBPI", "冠状动脉药物洗脱支架（国家集采中选，进口）",
     "coronary drug-eluting stent, national VBP, imported", "个", "C020202001", "imported", "DES|冠脉支架|心脏支架",
     700, "cons-vbp-stent-2020", "", "乙"),
    ("LOCAL-TAVR-D", "经导管主动脉瓣膜系统（TAVR/TAVI，国产，含输送系统）",
     "transcatheter aortic valve system (TAVR), domestic", "套", "", "domestic", "TAVI|介入瓣膜|主动脉瓣",
     210000, "cons-suzhou-2023", "", "乙"),
    ("LOCAL-TAVR-I", "经导管主动脉瓣膜系统（TAVR/TAVI，进口，含输送系统）",
     "transcatheter aortic valve system (TAVR), imported", "套", "", "imported", "TAVI|SAPIEN|Evolut",
     199000, E, "anchor: the higher of the two set prices (19.9万) reported after the 2026-01 TAVR price governance "
     "(cons-tavr-governance-2026); the source does not say which products are imported, so this is an assumption",
     "乙"),
    ("LOCAL-VALVE-MECH-D", "人工心脏瓣膜（外科，机械瓣，国产）", "surgical mechanical heart valve, domestic", "个", "",
     "domestic", "机械瓣", None, "", "", "乙"),
    ("LOCAL-VALVE-MECH-I", "人工心脏瓣膜（外科，机械瓣，进口）", "surgical mechanical heart valve, imported", "个", "",
     "imported", "机械瓣", None, "", "", "乙"),
    ("LOCAL-VALVE-BIO-D", "人工心脏瓣膜（外科，生物瓣，国产）", "surgical bioprosthetic heart valve, domestic", "个",
     "", "domestic", "生物瓣", None, "", "", "乙"),
    ("LOCAL-VALVE-BIO-I", "人工心脏瓣膜（外科，生物瓣，进口）", "surgical bioprosthetic heart valve, imported", "个",
     "", "imported", "生物瓣", None, "", "", "乙"),
    ("LOCAL-VAD", "植入式心室辅助装置（人工心脏，含血泵、驱动线及控制器）",
     "implantable ventricular assist device (artificial heart)", "套", "", "", "人工心脏|LVAD|心室辅助泵",
     499000, "cons-vad-nhsa", "", "乙"),
    ("C020402058-PM1D", "单腔永久心脏起搏器（国产）", "single-chamber pacemaker, domestic", "台", "C020402058",
     "domestic", "起搏器", None, "", "", "乙"),
    ("C020402058-PM1I", "单腔永久心脏起搏器（进口）", "single-chamber pacemaker, imported", "台", "C020402058",
     "imported", "起搏器", None, "", "", "乙"),
    ("C020402058-PM2D", "双腔永久心脏起搏器（国产）", "dual-chamber pacemaker, domestic", "台", "C020402058",
     "domestic", "起搏器", None, "", "", "乙"),
    ("C020402058-PM2I", "双腔永久心脏起搏器（进口）", "dual-chamber pacemaker, imported", "台", "C020402058",
     "imported", "起搏器", 25000, E,
     "anchor: Shanghai's 最高支付标准 for pacemakers, 25,000 (cons-sh-pacemaker-cap), taken as the price; real "
     "imported dual-chamber prices may be higher (the part above a cap is self-paid)", "乙"),
    ("C020402058-LEAD", "心脏起搏电极导线（永久）", "permanent pacing lead", "根", "C020402058", "imported",
     "电极导线", None, "", "", "乙"),
    ("C020402058-ICD", "植入式心律转复除颤器（ICD，进口）", "implantable cardioverter-defibrillator, imported", "台",
     "C020402058", "imported", "ICD|除颤器", 50000, E,
     "anchor: Suzhou 2023 lists defibrillators among the products priced above 5万 (cons-suzhou-2023); 5万 is "
     "used as a floor", "乙"),
    ("C020402058-CRTD", "心脏再同步化治疗除颤器（CRT-D，进口）", "CRT-D, imported", "台", "C020402058", "imported",
     "CRT-D|三腔起搏器", None, "", "", "乙"),
    # neuro
    ("LOCAL-DBS", "脑深部电刺激系统（脑起搏器，含刺激器、电极、延伸导线）", "deep brain stimulation system", "套", "",
     "domestic", "DBS|脑起搏器|神经刺激器", 50000, E,
     "anchor: Suzhou 2023 lists neurostimulators among the products priced above 5万 (cons-suzhou-2023); 5万 "
     "is used as a floor", "乙"),
    ("LOCAL-SCS", "脊髓电刺激系统（进口）", "spinal cord stimulation system, imported", "套", "", "imported",
     "SCS|神经刺激器", None, "", "", "乙"),
    # orthopaedics
    ("C034201107-HIPD", "人工髋关节系统（初次置换，国家集采中选，国产）", "primary total hip system, national VBP, domestic",
     "套", "C034201107", "domestic", "人工髋关节|全髋", 7000, "cons-vbp-joint-2021", "", "乙"),
    ("C034201107-HIPI", "人工髋关节系统（初次置换，国家集采中选，进口）", "primary total hip system, national VBP, imported",
     "套", "C034201107", "imported", "人工髋关节|全髋", 7000, "cons-vbp-joint-2021", "", "乙"),
    ("C034401107-KNEED", "人工膝关节系统（初次置换，国家集采中选，国产）",
     "primary total knee system, national VBP, domestic", "套", "C034401107", "domestic", "人工膝关节|全膝",
     5000, "cons-vbp-joint-2021", "", "乙"),
    ("C034401107-KNEEI", "人工膝关节系统（初次置换，国家集采中选，进口）",
     "primary total knee system, national VBP, imported", "套", "C034401107", "imported", "人工膝关节|全膝",
     5000, "cons-vbp-joint-2021", "", "乙"),
    ("C034705111-CEM", "骨水泥", "bone cement", "包", "C034705111", "imported", "骨水泥", None, "", "", "乙"),
    ("C032901097-TLPF", "胸腰椎后路固定融合系统（国家集采中选，每套）",
     "thoracolumbar posterior fixation-fusion system, national VBP", "套", "C032901097", "domestic",
     "椎弓根钉|融合器|脊柱内固定", 4500, "cons-vbp-spine-2023", "", "乙"),
    ("C032901097-TLMIS", "胸腰椎微创固定融合系统（国家集采中选，每套）",
     "thoracolumbar minimally invasive fixation-fusion system, national VBP", "套", "C032901097", "domestic",
     "微创脊柱内固定", 5600, "cons-vbp-spine-2023", "", "乙"),
    ("C033201103-ADR", "人工椎间盘", "artificial intervertebral disc", "个", "C033201103", "imported",
     "人工椎间盘", None, "", "", "乙"),
    ("C033101101-PKP", "椎体成形（后凸成形）工具包含骨水泥", "kyphoplasty kit", "套", "C033101101", "domestic",
     "PKP|PVP", None, "", "", "乙"),
    ("C033301104-RF", "射频刀头（脊柱内镜）", "radiofrequency probe (spinal endoscopy)", "个", "C033301104",
     "imported", "射频刀头", None, "", "", "乙"),
    # eye
    ("LOCAL-IOL-MONO-D", "人工晶状体（单焦点，国产）", "intraocular lens, monofocal, domestic", "枚", "", "domestic",
     "人工晶体|IOL", 2000, "cons-iol-bohe", "", "乙"),
    ("LOCAL-IOL-MONO-I", "人工晶状体（单焦点非球面，进口）", "intraocular lens, monofocal aspheric, imported", "枚", "",
     "imported", "人工晶体|IOL", 5000, "cons-iol-bohe", "", "乙"),
    ("LOCAL-IOL-MULTI-I", "人工晶状体（多焦点/三焦点，进口）", "intraocular lens, multifocal/trifocal, imported", "枚",
     "", "imported", "人工晶体|IOL|三焦点", 15000, "cons-iol-bohe", "", "丙"),
    ("LOCAL-OVD", "眼用粘弹剂", "ophthalmic viscosurgical device", "支", "", "imported", "粘弹剂", None, "", "", "乙"),
    # dialysis
    ("LOCAL-DIALYSER-D", "血液透析器（国产）", "haemodialyser, domestic", "支", "", "domestic", "透析器",
     400, "cons-dialyser-sq15", "", "乙"),
    ("LOCAL-DIALYSER-I", "血液透析器（进口）", "haemodialyser, imported", "支", "", "imported", "透析器",
     1000, "cons-dialyser-sq15", "", "乙"),
    ("LOCAL-BLOODLINE", "血液透析管路", "haemodialysis blood line set", "套", "", "domestic", "透析管路", None, "",
     "", "乙"),
    ("LOCAL-AVF-NEEDLE", "动静脉内瘘穿刺针", "AV fistula needle", "支", "", "domestic", "内瘘针", None, "", "", "甲"),
    # robot / minimally invasive
    ("LOCAL-ROBOT-DV", "达芬奇手术机器人专用器械及耗材（每台手术）", "da Vinci dedicated instruments and consumables, per operation",
     "台次", "", "imported", "机器人手术耗材|达芬奇", 25900, "cons-sh-davinci", "", "丙"),
    ("C140301005-HAR", "超声刀头（一次性，进口，HAR系列）", "ultrasonic scalpel blade, imported (HAR)", "把", "C140301005",
     "imported", "超声刀", 2000, "cons-ultrasonic-2022", "", "乙"),
    ("C140301005-ACE", "超声刀头（一次性，进口，ACE系列）", "ultrasonic scalpel blade, imported (ACE)", "把",
     "C140301005", "imported", "超声刀", 5000, "cons-ultrasonic-2022", "", "乙"),
    ("LOCAL-TROCAR", "一次性使用腹腔镜穿刺器（套）", "disposable trocar set", "套", "", "domestic", "穿刺器|trocar",
     None, "", "", "乙"),
    ("LOCAL-HERNIA-MESH", "疝修补补片", "hernia repair mesh", "片", "", "imported", "补片", None, "", "", "乙"),
    ("LOCAL-SUTURE-ABS", "可吸收缝线", "absorbable suture", "根", "", "imported", "缝线", None, "", "", "甲"),
    ("LOCAL-SKIN-STAPLER", "一次性皮肤缝合器", "disposable skin stapler", "把", "", "domestic", "皮肤吻合器", None,
     "", "", "甲"),
    ("LOCAL-CLOSURE", "血管闭合装置（股动脉穿刺点）", "vascular closure device", "个", "", "imported",
     "血管缝合器|闭合器", None, "", "", "乙"),
    ("LOCAL-HEMOSTAT", "可吸收止血材料", "absorbable haemostat", "片", "", "imported", "止血纱布", None, "", "", "乙"),
    # ordinary consumables (codes from the class dictionary where it has the type)
    ("C142301202-IVSET", "一次性使用输液器", "disposable infusion set", "套", "C142301202", "domestic", "输液器",
     None, "", "", "甲"),
    ("LOCAL-IVCANNULA", "一次性使用静脉留置针", "IV cannula", "支", "", "domestic", "留置针", None, "", "", "甲"),
    ("LOCAL-SYRINGE", "一次性使用无菌注射器", "disposable syringe", "支", "", "domestic", "注射器", None, "", "", "甲"),
    ("LOCAL-FOLEY", "一次性使用导尿管（含集尿袋）", "urinary catheter with bag", "套", "", "domestic", "导尿管", None,
     "", "", "甲"),
    ("LOCAL-CVC", "中心静脉导管包", "central venous catheter kit", "套", "", "domestic", "CVC|深静脉导管", None, "",
     "", "乙"),
    ("LOCAL-PICC", "经外周置入中心静脉导管（PICC）", "PICC line", "套", "", "imported", "PICC", None, "", "", "乙"),
    ("LOCAL-ETT", "气管插管（带囊）", "endotracheal tube", "根", "", "domestic", "气管导管", None, "", "", "甲"),
    ("LOCAL-DRAIN", "一次性引流管（含引流袋）", "surgical drain with bag", "套", "", "domestic", "引流管", None, "", "",
     "甲"),
    ("LOCAL-ECG-ELECTRODE", "一次性心电电极片", "ECG electrode", "片", "", "domestic", "电极片", None, "", "", "甲"),
    ("LOCAL-O2-CANNULA", "一次性吸氧管（鼻导管）", "nasal oxygen cannula", "根", "", "domestic", "吸氧管", None, "",
     "", "甲"),
    ("LOCAL-SNARE", "内镜圈套器（息肉切除）", "endoscopic polypectomy snare", "个", "", "imported", "圈套器", None, "",
     "", "乙"),
    ("LOCAL-HEMOCLIP", "内镜止血夹（钛夹）", "endoscopic haemoclip", "个", "", "domestic", "钛夹|止血夹", None, "", "",
     "乙"),
    ("LOCAL-EPIDURAL-KIT", "一次性使用麻醉穿刺包（硬膜外/腰麻）", "epidural/spinal anaesthesia kit", "套", "",
     "domestic", "麻醉包", None, "", "", "甲"),
    ("LOCAL-DRESSING", "医用敷料（纱布/敷贴）", "wound dressing", "片", "", "domestic", "敷料", None, "", "", "甲"),
]

# Guizhou VBP products (27-char codes, no price in the dataset) that a treatment package needs.
GUIZHOU_PRICES: dict[str, tuple] = {
    "C03130608603004104990000421": (
        4500, E,
        "No price found for trauma intramedullary nails (their VBP is by provincial alliances; the results were "
        "searched for and not found). Anchor: the national VBP average for a thoracolumbar posterior "
        "fixation-fusion set, 4,500 per set (cons-vbp-spine-2023) — the only national VBP price found for a "
        "metal internal-fixation set. Priced per nail SET including its helical blade/lag screw and locking "
        "screws (the hip-fracture package bills no separate locking screws)."),
}


def origin_of(reg: str) -> str:
    return "imported" if "进" in reg else "domestic"


def build() -> None:
    classes = {r["类目编码"]: r["类目名称"] for r in read_csv(CONS / "medimodel_consumable_category_dict.csv")}
    items: list[dict] = []
    prices: list[dict] = []
    defaults: dict[str, str] = {}

    # 1. Hainan hanging prices: every row (27-char code, price)
    for r in read_csv(CONS / "hainan_consumable_hanging_prices_sample.csv"):
        code = r["nhsa_consumable_code"].strip()
        name = r["consumable_name"].strip()
        items.append({"code": code, "kind": "consumable", "name_zh": name, "name_en": "", "unit": "个",
                      "category": code[:10], "origin": origin_of(r["registration_no"]),
                      "aliases": "|".join(x for x in [r["manufacturer"].strip(), r["registration_no"].strip(),
                                                       r["spec"].strip()[:60]] if x)})
        prices.append({"code": code, "level": "all", "price": fmt_price(float(r["hanging_price"])),
                       "source": "cons-hainan-hanging-2024", "method": ""})
        high = float(r["hanging_price"]) >= 500 or code[:3] in ("C02", "C03", "C11")
        defaults[code] = "乙" if high else "甲"

    # 2. Guizhou: one representative code per product (no price, except the estimates in GUIZHOU_PRICES)
    seen: set[str] = set()
    for r in read_csv(CONS / "guizhou_consumables_codes.csv"):
        name = r["product_name"].strip()
        if name in seen:
            continue
        seen.add(name)
        code = r["nhsa_consumable_code"].strip()
        items.append({"code": code, "kind": "consumable", "name_zh": name, "name_en": "", "unit": "个",
                      "category": code[:10], "origin": origin_of(r["registration_no"]),
                      "aliases": r["registration_no"].strip() + "|other sizes share the product, see Guizhou list"})
        defaults[code] = "甲" if code.startswith("C14") else "乙"
        if code in GUIZHOU_PRICES:
            price, psrc, method = GUIZHOU_PRICES[code]
            prices.append({"code": code, "level": "all", "price": fmt_price(price), "source": psrc,
                           "method": method})

    # 3. curated items
    for (code, zh, en, unit, cat, origin, aliases, price, psrc, method, cls) in CURATED:
        if cat and cat not in classes:
            raise SystemExit(f"class code {cat} of {code} is not in the MediModel dictionary")
        items.append({"code": code, "kind": "consumable", "name_zh": zh, "name_en": en, "unit": unit,
                      "category": cat, "origin": origin, "aliases": aliases})
        defaults[code] = cls
        if price is not None:
            prices.append({"code": code, "level": "all", "price": fmt_price(price), "source": psrc,
                           "method": method})

    codes = [i["code"] for i in items]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise SystemExit(f"duplicate codes: {dup}")
    write_csv(SOURCES / "catalogs" / "items" / "consumables.csv", ITEM_COLUMNS, items)

    # catalogues: default class from the estimate rule, then source-backed exceptions per region
    overrides: dict[str, dict[str, dict]] = {s: {} for s in SLUGS}
    pm_codes = ["C020402058-PM1D", "C020402058-PM1I", "C020402058-PM2D", "C020402058-PM2I"]
    for c in pm_codes:
        overrides["shanghai"][c] = {"class": "乙", "pay_cap": "25000", "source": "cons-sh-pacemaker-cap",
                                    "restriction": "限上海市中标产品；超过最高支付标准部分医保不予支付"}
    overrides["beijing"]["LOCAL-VAD"] = {"class": "甲", "source": "cons-vad-beijing-2024",
                                         "restriction": "2024-09-21起在阜外、安贞、北医三院、朝阳医院试点"}
    overrides["shanghai"]["LOCAL-ROBOT-DV"] = {"class": "乙", "source": "cons-sh-davinci",
                                               "restriction": "达芬奇机器人手术纳入上海医保支付范围"}
    overrides["jiangsu"]["LOCAL-ROBOT-DV"] = {"class": "丙", "source": "cons-js-davinci-2015",
                                              "restriction": "2015年报道：机器人手术费用医保不予支付（后续政策未核实）"}
    overrides["jiangsu"]["LOCAL-TAVR-D"] = {"class": "乙", "source": "cons-suzhou-2023",
                                            "restriction": "苏州2023-08-10起按挂网价纳入支付（价格分段先行自付见地区规则）"}
    overrides["shanghai"]["LOCAL-IOL-MULTI-I"] = {"class": "丙", "source": "cons-iol-sh-premium",
                                                  "restriction": "三焦点/散光矫正等高端晶体医保不予报销"}
    for slug in SLUGS:
        rows = []
        for it in items:
            o = overrides[slug].get(it["code"])
            if o:
                rows.append({"code": it["code"], "class": o["class"], "pay_cap": o.get("pay_cap", ""),
                             "item_share": "", "restriction": o.get("restriction", ""), "source": o["source"]})
            else:
                rows.append({"code": it["code"], "class": defaults[it["code"]], "pay_cap": "", "item_share": "",
                             "restriction": "", "source": "cons-class-estimate"})
        write_csv(SOURCES / "catalogs" / f"{slug}-consumables.csv", CATALOG_COLUMNS, rows)
        write_csv(SOURCES / "prices" / f"{slug}-consumables.csv", PRICE_COLUMNS, prices)

    merge_sources(SOURCE_ENTRIES)
    print(f"items {len(items)}, priced {len(prices)}, catalogues {len(SLUGS)}")


if __name__ == "__main__":
    build()
