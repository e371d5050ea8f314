"""A national-scale catalogue as official-format CSV files (tests and benchmarks only; never shipped).

    python tests/bench/gen_national.py OUT_DIR [--consumables 1000000] [--drugs 200000]
                                               [--services 20000] [--provinces 31]

Writes, in the column names of the real files (estimator_gui/importmaps):
  consumables.csv       医保耗材代码, 耗材名称, 规格型号, 生产企业, 单位, 限价, 自付比例 (27-character
                        NHSA consumable codes: C + a real 9-digit class code + 17 digits)
  drug-codes.csv        药品代码, 注册名称, 注册剂型, 注册规格, 药品企业, 批准文号, 甲乙类, 备注 (23-character
                        drug codes: X/Z + a real class + generic, form, strength and maker numbers)
  services-<prov>.csv   项目编码, 项目名称, 计价单位, 价格(三级), 价格(二级), 价格(一级), 价格(社区),
                        医保类别, 自付比例 — one per province, the same 15-digit codes, prices that
                        differ by province
Names are composed from real fragments (the bundled item names, dosage forms and categories) with
suffixes for specifications, so a million names come from a few thousand distinct words: the
importer computes their pinyin once per run of Han characters (pypinyin is slow: ≈6,000 names/s).
Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ITEMS = ROOT / "db" / "sources" / "catalogs" / "items"
CITIES = [
    "北京", "天津", "上海", "重庆", "成都", "杭州", "南京", "武汉", "广州", "深圳", "西安", "郑州",
    "济南", "长沙", "沈阳", "哈尔滨", "昆明", "贵阳", "南宁", "福州", "合肥", "南昌", "太原", "石家庄",
    "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "海口", "长春", "呼和浩特", "苏州", "无锡", "常州",
]  # fmt: skip
MAKER_WORDS = ["康", "华", "济", "仁", "和", "正", "恒", "信", "泰", "安", "瑞", "德", "博", "益", "源", "达"]
DRUG_MAKERS = ["制药有限公司", "药业股份有限公司", "生物制药有限公司", "医药有限公司"]
DEVICE_MAKERS = ["医疗器械有限公司", "医疗科技股份有限公司", "生物材料有限公司", "医用材料有限公司"]
STRENGTHS = ["0.1g", "0.25g", "0.5g", "1g", "5mg", "10mg", "20mg", "40mg", "50mg", "100mg", "2ml:10mg",
             "5ml:0.1g", "10ml:0.5g", "100ml:0.5g", "250ml:12.5g", "1ml:5mg", "3ml:300单位"]  # fmt: skip
PACKS = ["片", "粒", "支", "瓶", "袋", "盒"]
DEVICE_SIZES = ["直径{a}mm", "长度{b}cm", "{c}F", "规格{a}×{b}mm", "内径{a}.{c}mm", "容量{b}ml"]
DEVICE_MODELS = ["型号{L}{n}", "{L}-{n}", "{L}{n}-{m}"]
CLASSES = ["甲", "乙", "乙", "乙", "丙"]
SERVICE_QUALIFIERS = ["", "", "（单侧）", "（双侧）", "（每增加一个部位）", "（加收）", "（床旁）", "（急诊）",
                      "（儿童）", "（复杂）", "（简单）", "（经腹腔镜）"]  # fmt: skip
GRADES = [("价格(三级)", 1.0), ("价格(二级)", 0.88), ("价格(一级)", 0.78), ("价格(社区)", 0.72)]


def fragments() -> dict[str, list[tuple[str, str, str]]]:
    """(name, unit/form, category) of the bundled items, by kind: the real fragments."""
    out: dict[str, list[tuple[str, str, str]]] = {"drug": [], "service": [], "consumable": []}
    for path in sorted(ITEMS.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                name = row["name_zh"].split("（")[0].split("(")[0].strip()
                if name:
                    out[row["kind"]].append((name, row["unit"], row["category"]))
    return out


def provinces(db: Path | None) -> list[tuple[str, str]]:
    """31 provinces (Chinese, English) from a built reference database, else a fixed list."""
    if db is not None and db.exists():
        conn = sqlite3.connect(db)
        try:
            rows = conn.execute("SELECT DISTINCT province, province_en FROM regions ORDER BY province_en").fetchall()
        finally:
            conn.close()
        return [(p, e) for p, e in rows if p != "新疆生产建设兵团"]
    return [("四川省", "Sichuan"), ("江苏省", "Jiangsu")]


def maker(rng: random.Random, tails: list[str]) -> str:
    return rng.choice(CITIES) + rng.choice(MAKER_WORDS) + rng.choice(MAKER_WORDS) + rng.choice(tails)


def write_consumables(out: Path, n: int, frag: dict[str, list[tuple[str, str, str]]], rng: random.Random) -> None:
    bases = frag["consumable"] + [(name, "个", "") for name, _, _ in frag["service"] if "术" not in name][:2000]
    classes = sorted({c for _, _, c in frag["consumable"] if c.startswith("C") and len(c) == 10}) or ["C020710015"]
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["医保耗材代码", "耗材名称", "规格型号", "生产企业", "单位", "限价", "自付比例"])
        for i in range(n):
            name, unit, _ = bases[i % len(bases)]
            cls = classes[i % len(classes)]
            size = rng.choice(DEVICE_SIZES).format(a=rng.randint(1, 40), b=rng.randint(1, 300), c=rng.randint(4, 24))
            model = rng.choice(DEVICE_MODELS).format(L=rng.choice("ABCDEFGHKMPRSTX"), n=rng.randint(10, 999), m=rng.randint(1, 99))
            cap = "" if i % 3 else f"{rng.randint(50, 500000) / 10:.1f}"
            share = rng.choice(["0", "0.1", "0.2", "30%", ""])
            w.writerow([f"{cls}{i:017d}", f"{name}（{size}）", model, maker(rng, DEVICE_MAKERS), unit or "个", cap, share])


def write_drugs(out: Path, n: int, frag: dict[str, list[tuple[str, str, str]]], rng: random.Random) -> None:
    drugs = [d for d in frag["drug"] if d[2][:1] in ("X", "Z")]
    with out.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["药品代码", "注册名称", "注册剂型", "注册规格", "药品企业", "批准文号", "甲乙类", "备注"])
        for i in range(n):
            generic = i % len(drugs)
            name, form, category = drugs[generic]
            head = (category + "AAAAA")[:6]  # X + the real class, padded to 5 letters
            strength = f"{rng.choice(STRENGTHS)}×{rng.choice((6, 10, 12, 20, 24, 30, 36, 48))}{rng.choice(PACKS)}"
            code = f"{head}{generic:04d}E{i % 1000:03d}{(i // 1000) % 10000:04d}{i % 100000:05d}"[:23]
            approval = f"国药准字{'HZ'[category[:1] == 'Z']}{20000000 + i % 9999999:08d}"
            note = "限二线用药" if i % 17 == 0 else ""
            w.writerow([code, name, form or "片剂", strength, maker(rng, DRUG_MAKERS), approval, rng.choice(CLASSES[:4]), note])


def write_services(folder: Path, n: int, frag: dict[str, list[tuple[str, str, str]]], rng: random.Random, provs: list[tuple[str, str]]) -> list[Path]:
    bases = frag["service"]
    rows = []
    for i in range(n):
        name, unit, category = bases[i % len(bases)]
        qualifier = SERVICE_QUALIFIERS[(i // len(bases)) % len(SERVICE_QUALIFIERS)]
        head = "".join(ch for ch in category[:4] if ch.isdigit()).ljust(4, "0")
        code = f"00{head}{i:09d}"[:15]
        rows.append((code, name + qualifier, unit or "次", 10 ** rng.uniform(0, 4), rng.choice(CLASSES), rng.choice(["0", "0.1", "", "20%"])))
    files = []
    for prov, prov_en in provs:
        factor = rng.uniform(0.7, 1.3)
        path = folder / f"services-{prov_en.lower().replace(' ', '-')}.csv"
        files.append(path)
        with path.open("w", encoding="utf-8", newline="") as handle:
            w = csv.writer(handle)
            w.writerow(["项目编码", "项目名称", "计价单位", *(g for g, _ in GRADES), "医保类别", "自付比例"])
            for code, name, unit, base, cls, share in rows:
                prices = [f"{base * factor * f:.2f}" if rng.random() > 0.1 else "" for _, f in GRADES]
                if not any(prices):
                    prices[0] = f"{base * factor:.2f}"
                w.writerow([code, name, unit, *prices, cls, share])
        (folder / f"{path.stem}.province").write_text(prov, encoding="utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--consumables", type=int, default=1_000_000)
    p.add_argument("--drugs", type=int, default=200_000)
    p.add_argument("--services", type=int, default=20_000)
    p.add_argument("--provinces", type=int, default=31)
    p.add_argument("--db", help="a built reference database to take the provinces from")
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    frag = fragments()
    write_consumables(out / "consumables.csv", args.consumables, frag, rng)
    write_drugs(out / "drug-codes.csv", args.drugs, frag, rng)
    provs = provinces(Path(args.db) if args.db else None)[: args.provinces]
    write_services(out, args.services, frag, rng, provs)
    print(f"wrote {out}: {args.consumables} consumables, {args.drugs} drugs, {args.services} services × {len(provs)} provinces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
