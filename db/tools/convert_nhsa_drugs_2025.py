"""Convert the 2025 national drug catalogue (国家医保药品目录 2025年版, 医保发〔2025〕33号, in force
2026-01-01), Western part only, into a catalogue beside the 2024 one.

Input (read-only reference data, /work/shared/data; ESTIMATOR_REFERENCE_DATA overrides):
  * nhsa-drug-catalog-2025/nhsa_drug_catalog_2025_west.csv   2,411 rows, one per printed row of
    西药部分 (2,000), 协议期内谈判药品部分（一）西药 (399) and 竞价药品部分 (12); parsed from the official PDF
    (zwbao/zebra-mod @ 944b50f… : zebra/data/china_nrdl.json, see the folder's README.md).
  * nhsa-drug-catalog-2025/china_nrdl_2025_west.json.gz        the same file unchanged: only its `fanli`
    (凡例 clauses, verbatim) and `provenance` (PDF sha256, URLs, stated counts) are read.
  * nhsa-drug-catalog-2024/nhsa_drug_catalog_2024.csv           the 2024 rows behind the YP24-<id> items
    (Western rows only: 西药部分, 协议期内谈判药品-西药, 竞价药品部分 = 2,324 rows).
  * db/sources/catalogs/items/*.csv (all but our own output)    existing item codes and names.

Output:
  * db/sources/catalogs/nhsa-drugs-2025-west.csv   one row per printed 2025 row (2,411): code, class,
    pay_cap, item_share (empty), restriction, source nhsa-drugs-2025.
  * db/sources/catalogs/items/drugs_nhsa_2025.csv  the NEW items only (2025 rows without a 2024 row).
  * db/sources/sources-drugs-2025.yaml              the source `nhsa-drugs-2025` (written as text, so
    this script needs no YAML library).
  * prints a count summary that reproduces the published totals (西药部分 1,446 numbers, 甲 393, 谈判
    399, 竞价 12, 西药 1,857, 2,411 rows, 631 restricted rows) and the 2024→2025 comparison.

Rules:
  * Matching (match_rows, pure): a 2025 row is the 2024 item YP24-<id> when their keys are equal:
    key = name + "|" + 医保剂型, both normalised (Unicode NFKC, so full-width brackets and Roman numerals
    become ASCII; all spaces and "、" removed — the 2024 list writes stacked names with a space, 2025
    with "、"). 2024 items whose name_zh is "name（剂型）" are the same rows (the 2024 script appended the
    form to repeated names); the 2024 CSV keeps name and form apart, and the script checks that every
    YP24 name_zh is name or name（剂型）. Rows left over on both sides are then compared once more with a
    trailing Chinese alias in brackets stripped (聚桂醇(聚多卡醇) → 聚桂醇), only where that key is unique
    among the left-over rows of both years. Rows that still do not match are NEW items, even where they
    are evidently renames of a 2024 entry (the 目录 does not say so; they are listed as "probable
    renames" for the reader, the codes are not merged).
  * New item codes: YP25-X<no> (西药部分), YP25-T<no> (谈判), YP25-J<no> (竞价), <no> = printed number
    (primary number for ★ rows) zero-padded to 4 digits like YP24-0001; where one number has several
    new rows (★ rows of other dosage forms) each gets a suffix letter a, b, c… in printed order.
    Codes are checked against every code in catalogs/items/*.csv.
  * New items: kind drug; name_zh = the printed name; where that name (normalised) already names an
    item, or several new rows share it, the form is appended as "name（剂型）" (as the 2024 script does)
    and the plain name is kept as an alias; unit = 医保剂型, or for 谈判/竞价 rows with one clear payment
    standard the standard's unit text (e.g. "10mg/瓶"); category = category_code; aliases = printed
    number ("2025西药204", "2025谈判西药12", "2025竞价3"), the plain name (see above), and the single
    names of a stacked row ("A、B、C" → A, B, C) so each stays findable.
  * class: 甲/乙 as printed (every 谈判/竞价 row is printed 乙).
  * restriction: the 备注 verbatim (empty if none). The four "◇" rows (207, 806, 1244, 1303) get the
    group definition of 凡例（十）, verbatim, after the "◇" (207 and 1303 with the `includes` list; 806
    also the first sentence of 凡例（十三）, its payment rule). Rows 292–309 and 1367–1381 (`see_fanli`)
    get the 凡例（十四）/（十五） clause appended verbatim (nutritional-risk screening required).
  * pay_cap: the numeric 医保支付标准 when the text gives exactly one price for one unit (as in 2024;
    a trailing bracketed remark after the unit, e.g. the free 索磷布韦片 of 可洛派韦, is not part of the
    unit). For a MATCHED item the cap is written only when the standard's unit equals the unit of the
    2024 item (items are shared by both catalogues and a cap is per the item's unit); otherwise empty and
    listed in the summary.

Dropped / left empty, and why:
  * no row is dropped: all 2,411 rows are in the catalogue, and no two rows map to one item (the
    matching keys are unique in both years; the script asserts it).
  * 中成药, 谈判中成药 and 饮片 are not in this data: they stay with the 2024 catalogue.
  * 商业健康保险创新药品目录 (19 drugs, in the JSON only) is not paid by the basic medical insurance fund.
  * pay_cap stays empty for confidential standards ("*", 316 rows), standards with several prices for
    several specifications, "见备注2" (碘[131I]化钠, tiered price), and matched items whose 2024 unit
    differs from the 2025 standard's unit.
  * matched 2024 items are not edited (their 2024 aliases stay; the 2025 numbers are not added).
  * payment_standard_note and agreement_period are not carried (the catalogue format has no column).
"""

from __future__ import annotations

import collections
import csv
import gzip
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # db/
SOURCES = ROOT / "sources"
DATA = Path(os.environ.get("ESTIMATOR_REFERENCE_DATA", ROOT.parents[1] / "shared" / "data"))

CSV_2025 = DATA / "nhsa-drug-catalog-2025" / "nhsa_drug_catalog_2025_west.csv"
JSON_2025 = DATA / "nhsa-drug-catalog-2025" / "china_nrdl_2025_west.json.gz"
CSV_2024 = DATA / "nhsa-drug-catalog-2024" / "nhsa_drug_catalog_2024.csv"

ITEMS_DIR = SOURCES / "catalogs" / "items"
OUT_ITEMS = ITEMS_DIR / "drugs_nhsa_2025.csv"
OUT_CATALOG = SOURCES / "catalogs" / "nhsa-drugs-2025-west.csv"
OUT_SOURCES = SOURCES / "sources-drugs-2025.yaml"
ITEMS_2024 = ITEMS_DIR / "drugs_nhsa_2024.csv"
CATALOG_2024 = SOURCES / "catalogs" / "nhsa-drugs-2024.csv"

SOURCE_ID = "nhsa-drugs-2025"
ITEM_COLUMNS = ["code", "kind", "name_zh", "name_en", "unit", "category", "origin", "aliases"]
CATALOG_COLUMNS = ["code", "class", "pay_cap", "item_share", "restriction", "source"]

WEST = "西药部分"
NEGO = "协议期内谈判药品部分（一）西药"
BID = "竞价药品部分"
SECTIONS_2025 = (WEST, NEGO, BID)
SECTIONS_2024 = ("西药部分", "协议期内谈判药品-西药", "竞价药品部分")
CODE_LETTER = {WEST: "X", NEGO: "T", BID: "J"}
ALIAS_LABEL = {WEST: "2025西药", NEGO: "2025谈判西药", BID: "2025竞价"}
SHORT = {WEST: "西药部分", NEGO: "谈判", BID: "竞价",
         "协议期内谈判药品-西药": "谈判", "竞价药品部分": "竞价"}

# published counts (凡例（一）（二）, NHSA statistics sheet; the JSON's provenance.counts)
PUBLISHED = {"西药部分 numbers": 1446, "西药部分 甲 numbers": 393, "谈判 numbers": 399, "竞价 numbers": 12,
             "西药 numbers": 1857, "rows": 2411, "restricted rows": 631}


# --- small stdlib helpers -----------------------------------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


def nz(text: str) -> str:
    """The README's normalisation: NFKC, all whitespace and "、" removed."""
    return re.sub(r"[\s、]", "", unicodedata.normalize("NFKC", text or ""))


_TRAILING_CJK_ALIAS = re.compile(r"\([^()]*[\u3400-\u9fff][^()]*\)$")


def strip_alias(normalised_name: str) -> str:
    """聚桂醇(聚多卡醇) → 聚桂醇: drop a trailing bracket that contains Chinese (on a normalised name)."""
    return _TRAILING_CJK_ALIAS.sub("", normalised_name)


def key_of(name: str, form: str) -> str:
    return nz(name) + "|" + nz(form)


# --- matching (pure) --------------------------------------------------------------------------

def match_rows(rows25: list[dict[str, str]], rows24: list[dict[str, str]]) -> dict:
    """Pair 2025 rows with 2024 Western rows by normalised name + dosage form.

    rows25: the 2025 CSV rows (all three sections). rows24: the 2024 CSV rows (any sections; only the
    Western ones are used). Returns {"pairs": list (index = 2025 row index) of the 2024 row or None,
    "how": list of "exact" / "alias" / "", "gone": 2024 Western rows without a 2025 row, "counts": …}.
    """
    west24 = [r for r in rows24 if r["section"] in SECTIONS_2024]
    idx24: dict[str, dict] = {}
    for r in west24:
        k = key_of(r["name"], r["dosage_form"])
        assert k not in idx24, f"2024 key not unique: {k}"
        idx24[k] = r
    seen25: set[str] = set()
    pairs: list[dict | None] = []
    how: list[str] = []
    used: set[str] = set()
    for r in rows25:
        k = key_of(r["name_zh"], r["dosage_form"])
        assert k not in seen25, f"2025 key not unique: {k}"
        seen25.add(k)
        hit = idx24.get(k)
        pairs.append(hit)
        how.append("exact" if hit else "")
        if hit:
            used.add(hit["id"])
    # second pass: trailing Chinese alias in brackets stripped, 1:1 among the left-overs only
    left25 = [i for i, p in enumerate(pairs) if p is None]
    left24 = [r for r in west24 if r["id"] not in used]

    def skey(name: str, form: str) -> str:
        return strip_alias(nz(name)) + "|" + nz(form)

    c25 = collections.Counter(skey(rows25[i]["name_zh"], rows25[i]["dosage_form"]) for i in left25)
    c24 = collections.Counter(skey(r["name"], r["dosage_form"]) for r in left24)
    by24 = {skey(r["name"], r["dosage_form"]): r for r in left24}
    for i in left25:
        k = skey(rows25[i]["name_zh"], rows25[i]["dosage_form"])
        if c25[k] == 1 and c24.get(k) == 1:
            pairs[i] = by24[k]
            how[i] = "alias"
            used.add(by24[k]["id"])
    hits = [p["id"] for p in pairs if p is not None]
    assert len(hits) == len(set(hits)), "two 2025 rows matched one 2024 row"
    gone = [r for r in west24 if r["id"] not in used]

    counts: collections.Counter = collections.Counter()
    numbers: dict[str, set[int]] = collections.defaultdict(set)
    jia_numbers: set[int] = set()
    for r, p, h in zip(rows25, pairs, how, strict=True):
        numbers[r["section"]].add(int(r["primary_no"]))
        if r["section"] == WEST and r["class"] == "甲":
            jia_numbers.add(int(r["primary_no"]))
        counts["rows"] += 1
        counts[f"rows {SHORT[r['section']]}"] += 1
        counts[f"class {r['class']} rows"] += 1
        if r["restriction"].strip():
            counts["restricted rows"] += 1
        if p is None:
            counts["new rows"] += 1
            counts[f"new rows {SHORT[r['section']]}"] += 1
        else:
            counts["matched rows"] += 1
            counts[f"matched by {h}"] += 1
            counts[f"moves {SHORT[p['section']]} → {SHORT[r['section']]}"] += 1
            if p["insurance_class"] != r["class"]:
                counts["class changes 甲↔乙"] += 1
    counts["西药部分 numbers"] = len(numbers[WEST])
    counts["西药部分 甲 numbers"] = len(jia_numbers)
    counts["谈判 numbers"] = len(numbers[NEGO])
    counts["竞价 numbers"] = len(numbers[BID])
    counts["西药 numbers"] = sum(len(numbers[s]) for s in SECTIONS_2025)
    counts["2024 Western rows"] = len(west24)
    counts["2024 rows without a 2025 row"] = len(gone)
    for r in gone:
        counts[f"gone {SHORT[r['section']]}"] += 1
    return {"pairs": pairs, "how": how, "gone": gone, "counts": counts}


# --- payment standard -------------------------------------------------------------------------

def _balanced(text: str, start: int) -> int | None:
    """Index just after the bracket group opening at text[start] (round brackets, either width)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "(（":
            depth += 1
        elif text[i] in ")）":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def parse_standard(text: str) -> tuple[str, str | None, str | None, str | None]:
    """→ (kind, price, unit, unit as the 2024 script's regex would read it).

    kind: none | confidential | single | multi | other. "single" = one price for one unit, e.g.
    "52.60元(10mg/瓶)" → 52.60 per "10mg/瓶"; "479.00元/盒(…)" → per "盒（…）"."""
    text = (text or "").strip()
    if not text:
        return "none", None, None, None
    if text == "*" or "保密" in text:
        return "confidential", None, None, None
    if text.count("元") == 0:
        return "other", None, None, None  # "见备注2(…)": the tiered price of 碘[131I]化钠
    if text.count("元") > 1:
        return "multi", None, None, None
    m = re.match(r"([\d.]+)元(/[^(（]+)?", text)
    if not m or m.end() >= len(text) or text[m.end()] not in "(（":
        return "other", None, None, None
    end = _balanced(text, m.end())
    if end is None:
        return "other", None, None, None
    rest = text[end:].strip()
    if rest and not (rest[0] in "(（" and _balanced(rest, 0) == len(rest)):
        return "other", None, None, None  # something else than one trailing remark in brackets
    price, per = m.group(1), m.group(2)
    inner = text[m.end() + 1:end - 1]
    unit = (per[1:] + "（" + inner + "）") if per else inner
    legacy = re.fullmatch(r"([\d.]+)元(/[^(（]+)?[(（](.*)[)）]", text)
    legacy_unit = None
    if legacy:
        _lp, lper, linner = legacy.groups()
        legacy_unit = (lper[1:] + "（" + linner + "）") if lper else linner
    return "single", f"{float(price):.2f}", unit.strip(), legacy_unit


# --- restriction text -------------------------------------------------------------------------

def group_texts(fanli: dict[str, str]) -> dict[int, str]:
    """凡例（十） numbered clauses → {207: "西药部分第207号…", 806: …, 1244: …, 1303: …}."""
    out = {}
    for part in re.split(r"(?=\d\.西药部分第)", fanli["（十）"]):
        m = re.match(r"\d\.(西药部分第(\d+)号.*)$", part.strip())
        if m:
            out[int(m.group(2))] = m.group(1)
    assert set(out) == {207, 806, 1244, 1303}, sorted(out)
    return out


def restriction_for(r: dict[str, str], fanli: dict[str, str], groups: dict[int, str]) -> str:
    text = r["restriction"].strip()
    if text == "◇":
        no = int(r["primary_no"])
        group = groups[no]
        if r["includes"]:
            if group.endswith("见下表："):
                group = group + r["includes"] + "。"
            else:  # 207: the clause already lists them; the includes column must agree
                assert r["includes"] in group, (no, r["includes"])
        text = f"◇ 凡例（十）：{group}"
        if no == 806:
            first = fanli["（十三）"].split("。")[0] + "。"
            assert "806" in first
            text += f" 凡例（十三）：{first}"
    if r["see_fanli"]:
        clause = fanli[r["see_fanli"]]
        text = (text + " " if text else "") + f"凡例{r['see_fanli']}：{clause}"
    return text


# --- build (pure apart from reading nothing) ------------------------------------------------

def build(rows25: list[dict[str, str]], rows24: list[dict[str, str]], fanli: dict[str, str],
          existing_items: list[dict[str, str]], items24: dict[str, dict[str, str]]) -> dict:
    """All output rows and the summary data. existing_items: every item row of catalogs/items/*.csv
    except drugs_nhsa_2025.csv; items24: code → row of drugs_nhsa_2024.csv."""
    m = match_rows(rows25, rows24)
    pairs = m["pairs"]
    groups = group_texts(fanli)
    stats: collections.Counter = collections.Counter()

    existing_codes = {r["code"] for r in existing_items}
    existing_names: set[str] = set()
    for r in existing_items:
        existing_names.add(nz(r["name_zh"]))
        if r["unit"] and r["name_zh"].endswith(f"（{r['unit']}）"):
            existing_names.add(nz(r["name_zh"][: -len(r["unit"]) - 2]))

    # new-item codes: YP25-<letter><no:04d>, suffix a, b, … when a number has several new rows
    new_idx = [i for i, p in enumerate(pairs) if p is None]
    per_number = collections.Counter((rows25[i]["section"], int(rows25[i]["primary_no"])) for i in new_idx)
    seen_number: collections.Counter = collections.Counter()
    codes: dict[int, str] = {}
    for i in new_idx:
        r = rows25[i]
        key = (r["section"], int(r["primary_no"]))
        code = f"YP25-{CODE_LETTER[r['section']]}{key[1]:04d}"
        if per_number[key] > 1:
            code += "abcdefghij"[seen_number[key]]
            seen_number[key] += 1
        assert code not in existing_codes, code
        codes[i] = code
    assert len(set(codes.values())) == len(codes)
    new_names = collections.Counter(nz(rows25[i]["name_zh"]) for i in new_idx)

    items: list[dict[str, str]] = []
    catalog: list[dict[str, str]] = []
    cap_withheld: list[tuple] = []
    for i, (r, p) in enumerate(zip(rows25, pairs, strict=True)):
        kind, price, unit_text, legacy_unit = parse_standard(r["payment_standard"])
        stats[f"payment standard: {kind}"] += 1
        form = r["dosage_form"].strip()
        name = r["name_zh"].strip()
        pay_cap = price if kind == "single" else ""
        if p is not None:
            code = f"YP24-{int(p['id']):04d}"
            item = items24[code]
            if pay_cap and item["unit"] not in {unit_text, legacy_unit}:
                cap_withheld.append((code, item["name_zh"], r["payment_standard"], item["unit"]))
                pay_cap = ""
        else:
            code = codes[i]
            aliases = [f"{ALIAS_LABEL[r['section']]}{r['primary_no']}"]
            name_zh = name
            if nz(name) in existing_names or new_names[nz(name)] > 1:
                assert form, ("a repeated name without a dosage form", name)
                name_zh = f"{name}（{form}）"
                aliases.append(name)
                stats["new names with 剂型 appended"] += 1
            if "、" in name:
                aliases += [n for n in name.split("、") if n]
            unit = form or (unit_text if kind == "single" else "")
            seen: set[str] = set()
            aliases = [a for a in aliases if a and a != name_zh and not (a in seen or seen.add(a))]
            items.append({"code": code, "kind": "drug", "name_zh": name_zh, "name_en": "", "unit": unit,
                          "category": r["category_code"], "origin": "", "aliases": "|".join(aliases)})
        if pay_cap:
            stats["rows with pay_cap"] += 1
        assert r["class"] in {"甲", "乙"}, (r["section"], r["no"], r["class"])
        catalog.append({"code": code, "class": r["class"], "pay_cap": pay_cap, "item_share": "",
                        "restriction": restriction_for(r, fanli, groups), "source": SOURCE_ID})
    catalog_codes = [c["code"] for c in catalog]
    assert len(catalog_codes) == len(set(catalog_codes)), "two printed rows map to one item"
    return {"match": m, "items": items, "catalog": catalog, "stats": stats, "cap_withheld": cap_withheld}


def probable_renames(rows25: list[dict], m: dict) -> list[tuple[dict, dict]]:
    """For the reader only: a gone 2024 row whose name (alias stripped) occurs in a new 2025 row's
    name with the same dosage form."""
    out = []
    new = [r for r, p in zip(rows25, m["pairs"], strict=True) if p is None]
    for g in m["gone"]:
        base = strip_alias(nz(g["name"])).split("[")[0]
        for r in new:
            if nz(r["dosage_form"]) == nz(g["dosage_form"]) and base and base in nz(r["name_zh"]):
                out.append((g, r))
    return out


def load_inputs() -> tuple[list, list, dict, dict, list, dict]:
    rows25 = read_csv(CSV_2025)
    rows24 = read_csv(CSV_2024)
    with gzip.open(JSON_2025, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    existing = []
    for path in sorted(ITEMS_DIR.glob("*.csv")):
        if path.resolve() != OUT_ITEMS.resolve():
            existing += read_csv(path)
    items24 = {r["code"]: r for r in read_csv(ITEMS_2024)}
    return rows25, rows24, doc["fanli"], doc["provenance"], existing, items24


def sources_yaml(prov: dict, c: collections.Counter) -> str:
    src = prov["sources"]["nrdl2025"]
    note = (
        f"Western part only of the 2025 目录: every printed row of 西药部分 ({c['rows 西药部分']:,}), "
        f"协议期内谈判药品部分（一）西药 ({c['rows 谈判']}) and 竞价药品部分 ({c['rows 竞价']}), {c['rows']:,} rows; "
        f"the counts reproduce the official ones (西药部分 {c['西药部分 numbers']:,} numbers, 甲 "
        f"{c['西药部分 甲 numbers']}, 谈判 {c['谈判 numbers']}, 竞价 {c['竞价 numbers']}, 西药 "
        f"{c['西药 numbers']:,}; {c['restricted rows']} rows with a 备注). 中成药, 谈判中成药 and 中药饮片 are not in this "
        "data and stay with the 2024 catalogue (nhsa-drugs-2024). Date = first day in force. restriction = 备注 "
        "verbatim, plus the 凡例 text for the four ◇ group rows and for 西药部分 292–309 / 1367–1381 (凡例（十四）（十五）, "
        "nutritional-risk screening). pay_cap = the 医保支付标准 only where it gives one price for one unit (and, for an "
        "item kept from 2024, only where that unit is the item's unit); \"*\" (confidential) and multi-price standards "
        f"are left empty. Items: {c['matched rows']:,} rows are the 2024 items (YP24-…) matched by normalised name + "
        f"dosage form, {c['new rows']} are new items YP25-X/T/J<no> (some of them renamed 2024 entries); "
        f"{c['2024 rows without a 2025 row']} Western 2024 items have no 2025 row. "
        "Converted by db/tools/convert_nhsa_drugs_2025.py."
    )
    document = (
        f"{src['document_no']}; data: zwbao/zebra-mod @ 944b50fc75f152cd3a3473d3190883df4b1af2cf : "
        f"zebra/data/china_nrdl.json (parsed from the official PDF, sha256 {src['sha256']})"
    )
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731  (a JSON string is a YAML scalar)
    return (
        "# Written by db/tools/convert_nhsa_drugs_2025.py (re-run it rather than editing by hand).\n"
        f"{SOURCE_ID}:\n"
        f"  title: {q(src['title'] + ' — 西药部分、协议期内谈判药品部分（一）西药、竞价药品部分')}\n"
        f"  url: {q(src['url'])}\n"
        f"  document: {q(document)}\n"
        f"  date: {prov['effective']}\n"
        "  tier: official\n"
        f"  note: {q(note)}\n"
    )


def main() -> None:
    rows25, rows24, fanli, prov, existing, items24 = load_inputs()
    assert len(rows25) == 2411, len(rows25)
    # the 2024 items "name（剂型）" are the 2024 CSV rows name + form: check, so matching on the CSV is enough
    for r in rows24:
        if r["section"] in SECTIONS_2024:
            it = items24[f"YP24-{int(r['id']):04d}"]
            plain = re.sub(r"\s+", " ", r["name"]).strip()
            assert it["name_zh"] in {plain, f"{plain}（{r['dosage_form'].strip()}）"}, (it, r["name"])
    out = build(rows25, rows24, fanli, existing, items24)
    m, c = out["match"], out["match"]["counts"]

    write_csv(OUT_ITEMS, ITEM_COLUMNS, out["items"])
    write_csv(OUT_CATALOG, CATALOG_COLUMNS, out["catalog"])
    OUT_SOURCES.write_text(sources_yaml(prov, c), encoding="utf-8")

    # --- summary ---
    print("published count                 counted  published")
    for k, v in PUBLISHED.items():
        print(f"  {k:28s} {c[k]:8,} {v:9,}  {'ok' if c[k] == v else 'MISMATCH'}")
    print(f"rows by section: 西药部分 {c['rows 西药部分']}, 谈判 {c['rows 谈判']}, 竞价 {c['rows 竞价']}; "
          f"甲 rows {c['class 甲 rows']}, 乙 rows {c['class 乙 rows']}")
    print(f"catalogue rows written: {len(out['catalog']):,} (no two printed rows map to one item)")
    print(f"matched to 2024 items: {c['matched rows']:,} of {c['rows']:,} rows ({c['matched rows'] / c['rows']:.1%}; "
          f"exact {c['matched by exact']}, alias stripped {c['matched by alias']})")
    print(f"new items: {c['new rows']} (西药部分 {c['new rows 西药部分']}, 谈判 {c['new rows 谈判']}, "
          f"竞价 {c['new rows 竞价']}) → {OUT_ITEMS.relative_to(ROOT.parent)}")
    print("moves among matched rows (2024 → 2025):",
          {k[6:]: v for k, v in sorted(c.items()) if k.startswith("moves ")})
    print(f"class changes 甲↔乙 among matched rows: {c['class changes 甲↔乙']}")
    cat24 = {r["code"]: r for r in read_csv(CATALOG_2024)}
    print(f"2024 Western items with no 2025 row (not covered from 2026-01-01): {len(m['gone'])} "
          f"(西药部分 {c['gone 西药部分']}, 谈判 {c['gone 谈判']}, 竞价 {c['gone 竞价']}); first 30:")
    for r in m["gone"][:30]:
        code = f"YP24-{int(r['id']):04d}"
        print(f"   {code} {items24[code]['name_zh']} [{SHORT[r['section']]}, {cat24[code]['class']}]")
    ren = probable_renames(rows25, m)
    print(f"of these, probable renames (2024 name inside a new 2025 name, same form; NOT merged): {len(ren)}")
    for g, r in ren:
        new_code = next(it["code"] for it in out["items"]
                        if f"{ALIAS_LABEL[r['section']]}{r['primary_no']}" in it["aliases"].split("|")
                        and (not r["dosage_form"] or it["unit"] == r["dosage_form"]))
        print(f"   YP24-{int(g['id']):04d} {g['name']} ({g['dosage_form']}) → {new_code} {r['name_zh']}")
    print(f"pay_cap withheld for matched items whose 2024 unit differs from the 2025 standard's unit: "
          f"{len(out['cap_withheld'])}")
    for x in out["cap_withheld"]:
        print("   ", x)
    print("stats:", dict(out["stats"]))
    print(f"restriction non-empty in the catalogue: {sum(1 for r in out['catalog'] if r['restriction'])} "
          f"(631 printed 备注 + the 凡例（十四）（十五） rows that have no 备注)")
    bad = [k for k, v in PUBLISHED.items() if c[k] != v]
    if bad:
        sys.exit(f"published counts not reproduced: {bad}")


if __name__ == "__main__":
    main()
