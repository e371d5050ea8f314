"""The national layer: every pooling area's parameters from a public, UNVERIFIED template
(`db/sources/national/<province>/<city>.json`), turned into rule files at build time.

Every value enters as tier `estimate`, its source titled "全国参数模板（未核实）", so every step an
estimate shows says so. What the template cannot tell (shares paid first, filing-free zones) is
taken by a stated method, and what it contradicts or leaves out is listed in the build report:
a value missing from its own quoted document text, a document the file cites but does not list,
a rule written only in words that could not be read, a required value that is missing (the region
then has a gap that names it). A curated region (`rules/*.yaml`) keeps priority: a template city
with the same province and name is not loaded; its curated file is the truth.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import SourceError

TEMPLATE_TITLE = "全国参数模板（未核实）"
LEVELS = {"community": "community", "tier1": "level1", "tier2": "level2", "tier3": "level3"}
NO_LIMIT = 9999999  # the template's stand-in for "no limit"
PROVINCE_EN = {
    "anhui": "Anhui",
    "beijing": "Beijing",
    "chongqing": "Chongqing",
    "fujian": "Fujian",
    "gansu": "Gansu",
    "guangdong": "Guangdong",
    "guangxi": "Guangxi",
    "guizhou": "Guizhou",
    "hainan": "Hainan",
    "hebei": "Hebei",
    "heilongjiang": "Heilongjiang",
    "henan": "Henan",
    "hubei": "Hubei",
    "hunan": "Hunan",
    "jiangsu": "Jiangsu",
    "jiangxi": "Jiangxi",
    "jilin": "Jilin",
    "liaoning": "Liaoning",
    "neimenggu": "Inner Mongolia",
    "ningxia": "Ningxia",
    "qinghai": "Qinghai",
    "shaanxi": "Shaanxi",
    "shandong": "Shandong",
    "shanghai": "Shanghai",
    "shanxi": "Shanxi",
    "sichuan": "Sichuan",
    "tianjin": "Tianjin",
    "xinjiang": "Xinjiang",
    "xizang": "Tibet",
    "yunnan": "Yunnan",
    "zhejiang": "Zhejiang",
}
MUNICIPALITIES = {"beijing", "shanghai", "tianjin", "chongqing"}
LISTS_KEYS = {
    "drug",
    "service",
    "consumable",
    "price_lists_after",
    "service_prices",
    "service_prices_by_city",
}


@dataclass
class Finding:
    """One line of the build report about the national layer."""

    region: str
    kind: str  # contradiction | missing | unread | uncited | skipped | method
    text: str

    def line(self) -> str:
        return f"{self.region}: {self.kind}: {self.text}"


@dataclass
class NationalLayer:
    raws: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (file name, rule file)
    findings: list[Finding] = field(default_factory=list)


def load(
    root: Path,
    curated: set[tuple[str, str]],
    curated_ids: set[str],
    province_shares: dict[str, Any],
    catalogs: set[str],
    price_lists: set[str],
) -> NationalLayer:
    """Every template city not curated, as a rule file; `curated` holds (province, name_zh)."""
    layer = NationalLayer()
    folder = root / "national"
    lists = _lists(folder, catalogs, price_lists)
    files = sorted(folder.glob("*/*.json"))
    stems: dict[str, int] = {}
    for path in files:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    for path in files:
        name = path.relative_to(root.parent).as_posix()
        raw = json.loads(path.read_text(encoding="utf-8"))
        province_key = path.parent.name
        city = str(raw.get("cityName", ""))
        province = str(raw.get("provinceName", ""))
        if (province, city) in curated:
            layer.findings.append(
                Finding(city, "skipped", "a curated rule file exists for this place; it is used")
            )
            continue
        region_id = path.stem
        if stems[path.stem] > 1 or region_id in curated_ids:
            region_id = f"{path.stem}_{province_key}"
        converter = _City(region_id, province_key, raw, name, layer.findings)
        layer.raws.append(
            (name, converter.rule_file(province_shares.get(province), lists, catalogs, price_lists))
        )
    return layer


def _lists(folder: Path, catalogs: set[str], price_lists: set[str]) -> dict[str, Any]:
    """national/lists.yaml: the stand-in lists of the template cities, checked to exist."""
    path = folder / "lists.yaml"
    name = f"sources/national/{path.name}"
    raw = yamlio.load(path) if path.exists() else None
    if not isinstance(raw, dict) or set(raw) != LISTS_KEYS:
        raise SourceError(name, "", f"a mapping with exactly {sorted(LISTS_KEYS)}")
    wanted = [
        ("catalog", raw["drug"]),
        ("catalog", raw["service"]),
        ("catalog", raw["consumable"]),
        ("price", raw["service_prices"]),
        *(("price", x) for x in raw["price_lists_after"]),
        *(("price", x) for by in raw["service_prices_by_city"].values() for x in by.values()),
    ]
    for kind, list_id in wanted:
        if list_id not in (catalogs if kind == "catalog" else price_lists):
            raise SourceError(name, str(list_id), f"no {kind} list of that id")
    return raw


class _City:
    def __init__(
        self,
        region_id: str,
        province_key: str,
        raw: dict[str, Any],
        file: str,
        findings: list[Finding],
    ) -> None:
        self.id, self.key, self.raw, self.file = region_id, province_key, raw, file
        self.name = str(raw["cityName"])
        self.findings = findings
        self.docs = {str(d["docId"]): d for d in raw.get("sourceDocs") or []}
        self.sources: dict[str, dict[str, Any]] = {}

    def note(self, kind: str, text: str) -> None:
        self.findings.append(Finding(f"{self.name}（{self.id}）", kind, text))

    # --- sources --------------------------------------------------------------------------

    def source(self, doc_id: str | None) -> tuple[str, dt.date]:
        """The source id (and first day in force) for a block citing `doc_id`."""
        doc = self.docs.get(str(doc_id))
        if doc is None:
            self.note("uncited", f"a block cites document {doc_id!r}, which the file does not list")
            doc = next(iter(self.docs.values()), None)
        if doc is None:
            key = "template"
            self.sources.setdefault(key, self._source_entry({}, "template"))
            return key, dt.date(2024, 1, 1)
        key = re.sub(r"[^A-Za-z0-9_-]", "-", str(doc["docId"]))
        self.sources.setdefault(key, self._source_entry(doc, key))
        start = doc.get("effectiveDate") or doc.get("publishDate") or "2024-01-01"
        return key, dt.date.fromisoformat(str(start)[:10])

    def _source_entry(self, doc: dict[str, Any], key: str) -> dict[str, Any]:
        origin = self.raw.get("_source", "good9527/china-medical-insurance")
        title = f"{TEMPLATE_TITLE}：{doc.get('title') or self.name + '医保参数'}"
        entry: dict[str, Any] = {
            "title": title,
            "document": (doc.get("docNumber") or "") + f"（数据：{origin}）",
            "date": str(doc.get("publishDate") or doc.get("effectiveDate") or "2026-03-01")[:10],
            "tier": "estimate",
            "note": "Unverified public template: values are converted unchanged and may contradict "
            "the document they cite (see the build report). Method: template value taken as is.",
        }
        if doc.get("officialUrl"):
            entry["url"] = str(doc["officialUrl"])
        return entry

    def history(
        self, value: Any, doc_id: str | None, note: str | None = None
    ) -> list[dict[str, Any]]:
        key, start = self.source(doc_id)
        entry: dict[str, Any] = {"from": start.isoformat(), "value": value, "source": key}
        if note:
            entry["note"] = note
        return [entry]

    # --- the rule file ----------------------------------------------------------------------

    def rule_file(
        self, shares: Any, lists: dict[str, Any], catalogs: set[str], price_lists: set[str]
    ) -> dict[str, Any]:
        schemes: dict[str, Any] = {}
        for scheme in ("employee", "resident"):
            block = self.raw.get(scheme)
            if not isinstance(block, dict):
                self.note("missing", f"no {scheme} block")
                continue
            schemes[scheme] = self.scheme(scheme, block)
        employee = self.raw.get("employee") or {}
        return {
            "region": self.region(lists, catalogs, price_lists),
            "sources": self.sources or {"template": self._source_entry({}, "template")},
            "schemes": schemes,
            "item_shares": self.item_shares(shares),
            "elsewhere": self.elsewhere(employee.get("remoteMedical") or {}),
            "notes": f"converted at build time from {self.file} (national template, unverified)",
        }

    def region(
        self, lists: dict[str, Any], catalogs: set[str], price_lists: set[str]
    ) -> dict[str, Any]:
        services = f"{self.key}-services"
        catalog = services if services in catalogs else lists["service"]
        by_city = lists["service_prices_by_city"].get(self.key) or {}
        prices = by_city.get(self.id.split("_")[0]) or (
            services if services in price_lists else lists["service_prices"]
        )
        if catalog == lists["service"]:
            self.note("method", f"classed by the stand-in catalogue {catalog}")
        if prices == lists["service_prices"]:
            self.note("method", f"priced by the stand-in list {prices}")
        consumables = f"{self.key}-consumables"
        out: dict[str, Any] = {
            "id": self.id,
            "name_zh": self.name,
            "name_en": _english(self.id, self.key),
            "province": str(self.raw["provinceName"]),
            "province_en": PROVINCE_EN.get(self.key, self.key.title()),
            "kind": "municipality" if self.key in MUNICIPALITIES else "prefecture",
            "catalogs": {
                "drug": lists["drug"],
                "service": catalog,
                "consumable": consumables if consumables in catalogs else lists["consumable"],
            },
            "price_lists": [prices, *lists["price_lists_after"]],
            "levels": [lv for key, lv in LEVELS.items() if key in self._tiers()],
        }
        if self.raw.get("hotline"):
            out["hotline"] = str(self.raw["hotline"]).split("/")[0].strip()
        return out

    def _tiers(self) -> set[str]:
        tiers: set[str] = set()
        for scheme in ("employee", "resident"):
            block = (self.raw.get(scheme) or {}).get("inpatient") or {}
            tiers |= set(block.get("tierBenefits") or {})
        return tiers

    def scheme(self, scheme: str, block: dict[str, Any]) -> dict[str, Any]:
        inpatient = block.get("inpatient") or {}
        doc = inpatient.get("sourceDocId")
        year_start = self.history("01-01", doc, "calendar year assumed (the template states none)")
        if scheme == "employee":
            persons = {
                "employed": self.person("employed", "在职职工", "employed", block, retired=False),
                "retired": self.person("retired", "退休人员", "retired", block, retired=True),
            }
        else:
            persons = {
                kind: self.person(kind, zh, en, block, retired=False)
                for kind, zh, en in (
                    ("adult", "城乡居民（成年）", "adult resident"),
                    ("elderly", "城乡居民（老年）", "elderly resident"),
                    ("child", "学生儿童", "student / child"),
                )
            }
        return {"year_start": year_start, "persons": persons}

    def person(
        self, kind: str, name_zh: str, name_en: str, block: dict[str, Any], *, retired: bool
    ) -> dict[str, Any]:
        inpatient = block.get("inpatient") or {}
        doc = inpatient.get("sourceDocId")
        tiers = inpatient.get("tierBenefits") or {}
        amounts: dict[str, Any] = {}
        bands: dict[str, Any] = {}
        for key, level in LEVELS.items():
            tier = tiers.get(key)
            if not tier or tier.get("deductible") is None or tier.get("reimbursementRatio") is None:
                self.note(
                    "missing", f"{kind}: inpatient {key} (level {level}) has no deductible or ratio"
                )
                continue
            ratio = Decimal(str(tier["reimbursementRatio"]))
            if retired:
                ratio = min(Decimal(1), ratio + Decimal(str(tier.get("retireeRatioBonus") or 0)))
            amounts[level] = tier["deductible"]
            bands[level] = [{"upto": None, "ratio": str(ratio)}]
        cap_value = inpatient.get("annualCapRetiree") if retired else None
        cap_value = cap_value or inpatient.get("annualCap")
        cap = None if cap_value in (None, NO_LIMIT) else cap_value
        if cap_value is None:
            self.note("missing", f"{kind}: no inpatient annual cap (treated as none stated)")
        settings: dict[str, Any] = {}
        if amounts:
            later, later_note = self.later(inpatient.get("repeatedDeductibleRule"))
            settings["inpatient"] = {
                "deductible": self.history(
                    {
                        "basis": "per_admission",
                        "amount": amounts,
                        "later_admissions": later,
                        "year_total_cap": None,
                        "exempt_groups": [],
                    },
                    doc,
                    later_note,
                ),
                "ratios": self.history({"band_basis": "absolute", "bands": bands}, doc),
                "cap": self.history({"amount": cap, "basis": "fund"}, doc),
                "layers": self.layers(block.get("catastrophic") or {}, kind),
            }
            self.check_quote(doc, kind, amounts, bands, cap)
        return {"kind": kind, "name_zh": name_zh, "name_en": name_en, "settings": settings}

    def later(self, text: Any) -> tuple[list[dict[str, Any]], str | None]:
        """Second and later admissions, read from the template's sentence where it is clear."""
        if not text:
            return [], None
        sentence = str(text)
        if m := re.search(r"每次递减(\d+)元，最低降至(\d+)", sentence):
            return [{"from_admission": 2, "step_down": int(m[1]), "floor": int(m[2])}], sentence
        if re.search(r"第二次.*减半.*第三次.*(免|不)", sentence):
            return [
                {"from_admission": 2, "multiplier": "0.5"},
                {"from_admission": 3, "amount": 0},
            ], sentence
        if re.search(r"(第二次|二次).*(减半|降低50%|递减50%)", sentence):
            return [{"from_admission": 2, "multiplier": "0.5"}], sentence
        if m := re.search(r"第二次住院起，起付标准降低(\d+)%", sentence):
            return [{"from_admission": 2, "multiplier": str(1 - Decimal(m[1]) / 100)}], sentence
        self.note("unread", f"later admissions not applied, the rule is only in words: {sentence}")
        return [], f"not applied (only in words): {sentence}"

    def layers(self, block: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        if kind not in ("employed", "adult"):  # the same block again: report it once per scheme
            findings, self.findings = self.findings, []
            try:
                return self.layers(block, "employed" if kind == "retired" else "adult")
            finally:
                self.findings = findings
        tiers = sorted(block.get("tiers") or [], key=lambda t: t.get("minAmount") or 0)
        if not tiers:
            return self.history([], block.get("sourceDocId"))
        deductible = block.get("deductible") or 0
        bands = []
        for i, tier in enumerate(tiers):
            upto = tier.get("maxAmount")
            if i + 1 < len(tiers):
                nxt = tiers[i + 1].get("minAmount")
                if upto != nxt:
                    self.note(
                        "contradiction",
                        f"{kind}: {block.get('name')} bands are not contiguous ({upto} then {nxt})",
                    )
                upto = nxt
            else:
                upto = None if upto in (None, NO_LIMIT) else upto
                if upto is not None:
                    self.note(
                        "missing",
                        f"{kind}: {block.get('name')} says nothing above {upto}; its last ratio is taken to go on",
                    )
                    upto = None
            bands.append({"upto": upto, "ratio": str(tier["ratio"])})
        if deductible and (tiers[0].get("minAmount") or 0) != deductible:
            self.note(
                "contradiction",
                f"{kind}: {block.get('name')} deductible {deductible} but its first band starts at {tiers[0].get('minAmount') or 0}; band edges read as amounts of the year's burden",
            )
        name = str(block.get("name") or "补充保险")
        over_cap = kind in ("employed", "retired") and (not deductible or "大额" in name)
        cap = block.get("annualCap")
        layer = {
            "kind": "large_amount" if over_cap else "critical_illness",
            "name_zh": name,
            "name_en": "large-amount layer" if over_cap else "critical-illness insurance",
            "base": "over_cap" if over_cap else "personal_burden",
            "include_preselfpay": False,
            "deductible": deductible,
            "band_basis": "absolute",
            "bands": bands,
            "cap": None if cap in (None, NO_LIMIT) else cap,
        }
        return self.history([layer], block.get("sourceDocId"))

    def item_shares(self, province: Any) -> list[dict[str, Any]]:
        """The template has no 乙类 shares: a curated region of the same province lends its own;
        otherwise the common 10% (an estimate with that method)."""
        if province is not None:
            self.sources["province-shares"] = {
                **province["source"],
                "note": f"the template states no 乙类 share; method: the shares of {province['from']} "
                "(curated, same province) applied here. "
                + str(province["source"].get("note") or ""),
                "tier": "estimate",
            }
            return [{"from": "2020-01-01", "value": province["rules"], "source": "province-shares"}]
        self.sources["common-share"] = {
            "title": "乙类先行自付比例 10%（常见取值；本地原文未找到）",
            "document": "DOMAIN.md §2 (10% is common)",
            "date": "2026-11-01",
            "tier": "estimate",
            "note": "the national template states no 乙类 share and no curated region of the province "
            "exists; method: the common 10% for every kind of item",
        }
        self.note("method", "乙类 shares: the common 10% (no source for this province)")
        return [
            {
                "from": "2020-01-01",
                "source": "common-share",
                "value": [
                    {"kinds": ["drug", "service", "consumable"], "classes": ["甲"], "share": 0},
                    {
                        "kinds": ["drug", "service", "consumable"],
                        "classes": ["乙"],
                        "share": "0.10",
                    },
                ],
            }
        ]

    def elsewhere(self, remote: dict[str, Any]) -> list[Any]:
        """Care elsewhere from the template's ratio multipliers; emergencies count as filed
        (医保发〔2022〕22号), an unfiled patient out of the province claims by hand."""
        doc = remote.get("sourceDocId")
        long_term = remote.get("longTermFiledRatio")
        filed = remote.get("transferFiledRatio")
        unfiled = remote.get("unfiledNormalRatio")
        emergency = remote.get("unfiledEmergencyRatio")
        if None in (long_term, filed, unfiled):
            self.note(
                "missing", "care elsewhere: a ratio multiplier is missing (rules not complete)"
            )
        if emergency is not None and filed is not None and emergency != filed:
            self.note(
                "method",
                f"emergency ratio {emergency} not used: emergencies count as filed ({filed})",
            )
        notes = "；".join(str(n) for n in remote.get("specialNotes") or [])

        def rule(scopes: list[str], filings: list[str], routes: list[str], factor: Any) -> Any:
            adjustments = (
                []
                if factor in (None, 1, 1.0)
                else [{"kind": "ratio_multiplier", "factor": str(factor)}]
            )
            value = {
                "scopes": scopes,
                "filings": filings,
                "routes": routes,
                "catalogue": "treated",
                "shares_from": "insured",
                "merge_accumulators": True,
                "adjustments": adjustments,
                "note_zh": "全国参数模板（未核实）的异地报销系数" + (f"；{notes}" if notes else ""),
                "note_en": "ratio multiplier of the unverified national template",
            }
            return self.history(value, doc)

        both = ["in_province", "out_of_province"]
        out = [
            rule(
                both,
                ["long_term_resident", "resettled_retiree", "posted_worker"],
                ["direct", "manual"],
                long_term,
            ),
            rule(both, ["referral", "emergency", "temporary"], ["direct", "manual"], filed),
            rule(["in_province"], ["unfiled"], ["direct", "manual"], unfiled),
            rule(["out_of_province"], ["unfiled"], ["manual"], unfiled),
        ]
        return out if None not in (long_term, filed, unfiled) else []

    # --- the template against its own quote ----------------------------------------------------

    def check_quote(
        self, doc_id: Any, kind: str, amounts: dict[str, Any], bands: dict[str, Any], cap: Any
    ) -> None:
        """A value the file's own quoted document text does not contain is a finding."""
        quote = str((self.docs.get(str(doc_id)) or {}).get("summaryQuote") or "")
        if not quote or kind in ("elderly", "child", "retired"):
            return
        numbers = {
            Decimal(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", quote)
        }
        wan = {Decimal(n) * 10000 for n in re.findall(r"(\d+(?:\.\d+)?)\s*万", quote)}
        if "起付" in quote:
            for level, amount in amounts.items():
                if amount and Decimal(str(amount)) not in numbers | wan:
                    self.note(
                        "contradiction",
                        f"{kind}: {level} deductible {amount} is not in the quoted text: {quote[:80]}…",
                    )
        if "%" in quote:
            for level, band in bands.items():
                pct = Decimal(band[0]["ratio"]) * 100
                if pct and pct.normalize() not in numbers:
                    self.note(
                        "contradiction",
                        f"{kind}: {level} ratio {pct.normalize()}% is not in the quoted text",
                    )
        if (
            cap is not None
            and ("限额" in quote or "封顶" in quote)
            and Decimal(str(cap)) not in numbers | wan
        ):
            self.note("contradiction", f"{kind}: annual cap {cap} is not in the quoted text")


def _english(region_id: str, key: str) -> str:
    stem, _, province = region_id.partition("_")
    name = stem.replace("-", " ").title()
    return f"{name} ({PROVINCE_EN.get(province, province.title())})" if province else name


def findings_report(findings: list[Finding]) -> Iterator[str]:
    kinds = ("contradiction", "missing", "uncited", "unread", "method", "skipped")
    for kind in kinds:
        chosen = [f for f in findings if f.kind == kind]
        if chosen:
            yield f"## {kind} ({len(chosen)})"
            yield from (f"- {f.region}: {f.text}" for f in chosen)
            yield ""
