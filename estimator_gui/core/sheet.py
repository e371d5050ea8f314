"""The one-page sheet a patient takes home: the options side by side in plain words (what it costs,
the ratio applied, the cash needed and when), what to do next, how far to trust the data, the
hotline, and a line for the counsellor. Its content, in one language; the window and the CLI
render the same content (estimator_gui/printing.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .counsel import Trip, cash_plan
from .estimator import Case, Comparison, Estimator, OptionResult, edition_title
from .models import Estimate
from .money import ZERO, format_rate, format_yuan
from .notes import plain, sort
from .vocab import label

ROWS = (
    ("bill", "费用依据", "bill from"),
    ("total", "医疗费总额", "total medical cost"),
    ("ratio", "报销比例", "ratio applied"),
    ("pays", "个人负担", "you pay"),
    ("deposit", "入院押金（估）", "deposit at admission (typical)"),
    ("discharge", "出院时再付（负数为退还）", "at discharge (negative: refunded)"),
    ("claim", "先垫付 / 回参保地可报回", "paid up front / claimed back at home"),
    ("trip", "路费、食宿、误工", "travel, lodging, meals, lost income"),
    ("all", "合计（自付 + 路费等）", "all in (you pay + the trip)"),
)


@dataclass
class Sheet:
    lang: str
    title: str
    case_line: str
    row_labels: list[tuple[str, str]]  # (key, label)
    columns: list[tuple[str, dict[str, str]]]  # (option title, row key → cell)
    next_steps: list[str]
    for_patient: list[str]
    data_line: str
    hotline: str
    counsellor: str
    notes: str
    footer: str
    labels: dict[str, str] = field(default_factory=dict)  # headings


def build(
    est: Estimator,
    case: Case,
    comparison: Comparison,
    lang: str = "zh",
    *,
    treatment: str | None = None,
    trips: Mapping[int, Trip] | None = None,
    deposits: Mapping[int, Decimal] | None = None,
    counsellor: str = "",
    notes: str = "",
) -> Sheet:
    zh = lang == "zh"
    insured = est.rules(case.insured_region, case.date).region
    person = (
        f"{label('scheme', case.person.scheme.value, lang)} · "
        f"{label('person', case.person.kind.value, lang)} · "
        + (f"{case.person.age}岁" if zh else f"{case.person.age} years")
    )
    what = treatment or ("逐项录入的账单" if zh else "a bill entered line by line")
    case_line = (
        f"参保地：{insured.name_zh} · {person} · 治疗：{what} · 就医日期 {case.date}"
        if zh
        else f"Insured in {insured.name_en} · {person} · treatment: {what} · date of care {case.date}"
    )
    columns = []
    steps: list[str] = []
    patient: dict[str, list[str]] = {}  # a note → the places it concerns
    for i, result in enumerate(comparison.results):
        title = option_title(est, result, case.insured_region, lang)
        cells = _cells(
            est, result, insured.hotline, lang, (trips or {}).get(i), (deposits or {}).get(i)
        )
        columns.append((title, cells))
        e = result.estimate
        if e is None:
            continue
        plan = cash_plan(e, insured.hotline, (deposits or {}).get(i))
        for zh_text, en_text in plan.steps:
            text = zh_text if zh else en_text
            if text not in steps:
                steps.append(text)
        papers = (
            "、".join(z for z, _ in plan.papers) if zh else ", ".join(x for _, x in plan.papers)
        )
        keep = f"保存好：{papers}" if zh else f"Keep: {papers}"
        if (e.route.value == "manual" or e.scope.value != "home") and keep not in steps:
            steps.append(keep)
        region = est.region(result.option.treated_region)
        place = region.name(lang) if region else result.option.treated_region
        for w in sort(e).for_patient:
            places = patient.setdefault(w.text_zh if zh else w.text_en, [])
            if place not in places:
                places.append(place)
    priced = {
        (r.name(lang) if (r := est.region(x.option.treated_region)) else x.option.treated_region)
        for x in comparison.results
        if x.estimate is not None
    }
    line = insured.hotline or "12393"
    keys = [k for k, _, _ in ROWS if any(c.get(k, "—") not in ("—", "") for _, c in columns)]
    steps = sorted(steps, key=_step_order)
    return Sheet(
        lang=lang,
        title="看病花多少钱：参保地与外地对比（估算）"
        if zh
        else "What care will cost: home and elsewhere (estimate)",
        case_line=case_line,
        row_labels=[(key, z if zh else e) for key, z, e in ROWS if key in keys],
        columns=columns,
        next_steps=steps,
        for_patient=[_concerning(text, places, priced, zh) for text, places in patient.items()][:3],
        data_line=data_line(est, comparison, lang),
        hotline=(
            f"医保服务热线：{line}（全国统一 12393）"
            if zh
            else f"Insurance line: {line} (nationwide 12393)"
        ),
        counsellor=counsellor,
        notes=notes,
        footer=(
            "本页为估算，仅供参考：实际以医院结算和参保地医保经办机构为准。"
            if zh
            else "An estimate for guidance only: the hospital's settlement and the home bureau decide."
        ),
        labels={
            "next": "下一步怎么办" if zh else "What to do next",
            "patient": "请特别注意" if zh else "Please note",
            "counsellor": "咨询人员" if zh else "Counsellor",
            "notes": "备注" if zh else "Notes",
        },
    )


def _step_order(text: str) -> int:
    """Filing first, then settling or claiming, then the papers."""
    for n, words in enumerate((("备案", "file", "filing"), ("结算", "claim", "settle"))):
        if any(w in text for w in words) and not text.startswith(("保存好", "Keep")):
            return n
    return 2


def _concerning(text: str, places: list[str], priced: set[str], zh: bool) -> str:
    """A note for the patient, naming the places it concerns unless it concerns them all."""
    text = _short(text)
    if set(places) >= priced:
        return text
    return f"{'、'.join(places)}：{text}" if zh else f"{', '.join(places)}: {text}"


def _short(text: str, limit: int = 110) -> str:
    """Whole sentences up to the limit; a cut mid-sentence only when the first is too long."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in ("。", "；", ". ", "; "))
    return text[: cut + 1].rstrip() if cut > limit // 3 else text[: limit - 1] + "…"


def option_title(est: Estimator, result: OptionResult, insured_region: str, lang: str) -> str:
    option = result.option
    region = est.region(option.treated_region)
    name = region.name(lang) if region else option.treated_region
    first = f"{name} {label('level', option.level.value, lang)}"
    if option.treated_region == insured_region and option.filing is None:
        return f"{first}（参保地）" if lang == "zh" else f"{first} (home)"
    how = f"{label('filing', option.filing.value, lang) if option.filing else ''}·{label('route', option.route.value, lang)}"
    return f"{first} {how}"


def _cells(
    est: Estimator,
    result: OptionResult,
    hotline: str | None,
    lang: str,
    trip: Trip | None,
    deposit: Decimal | None,
) -> dict[str, str]:
    zh = lang == "zh"
    e: Estimate | None = result.estimate
    if e is None:
        reason = plain((result.error_zh if zh else result.error_en) or "")
        return {"total": ("无法估算：" if zh else "no estimate: ") + reason}
    plan = cash_plan(e, hotline, deposit)
    pays = format_yuan(e.patient_burden)
    if result.burden_range is not None:
        low, high = result.burden_range
        pays += (
            f"（约 {format_yuan(low)}–{format_yuan(high)}）"
            if zh
            else f" (about {format_yuan(low)}–{format_yuan(high)})"
        )
    bill = {
        "quote": ("医院报价" if zh else "hospital quote")
        + (f"：{result.quote_label}" if result.quote_label else ""),
        "package": "方案估算" if zh else "package estimate",
        "bill": "录入的账单" if zh else "bill entered",
    }[result.bill_from]
    trip_total = trip.total if trip is not None else ZERO
    cells = {
        "bill": bill,
        "total": format_yuan(e.total),
        "ratio": format_rate(e.fund_ratio),
        "pays": pays,
        "deposit": format_yuan(plan.deposit) + ("（估）" if zh and plan.deposit_typical else ""),
        "discharge": format_yuan(plan.at_discharge),
        "claim": (
            f"{format_yuan(plan.fronted)} / {format_yuan(plan.claimed_back)}"
            if plan.claimed_back
            else "—"
        ),
        "trip": format_yuan(trip_total) if trip_total else "—",
        "all": format_yuan(e.patient_burden + trip_total) if trip_total else "—",
    }
    return cells


def data_line(est: Estimator, comparison: Comparison, lang: str) -> str:
    """The data's dates and trust in one line."""
    zh = lang == "zh"
    estimates: Sequence[Estimate] = [r.estimate for r in comparison.results if r.estimate]
    editions = sorted(
        {
            edition_title(e, lang)
            for x in estimates
            for e in x.editions
            if e.kind == "catalog" and e.parts
        }
    )
    standin = any(not e.local for x in estimates for e in x.editions if e.kind == "price")
    template = any(w.code == "template_rules" for x in estimates for w in x.warnings)
    tiers = {"official": 0, "secondary": 0, "estimate": 0}
    verified: set[str] = set()  # who verified values used here (local corrections)
    for x in estimates:
        for step in x.steps:
            if step.provenance is not None:
                tiers[step.provenance.source.tier.value] += 1
                if step.provenance.source.verified_by:
                    verified.add(step.provenance.source.verified_by)
    parts: list[tuple[str, str]] = [
        (
            "所用规则：官方 {official} 项、二手转述 {secondary} 项、估算 {estimate} 项".format(
                **tiers
            ),
            "rules used: official {official}, secondary {secondary}, estimate {estimate}".format(
                **tiers
            ),
        )
    ]
    if verified:
        who = "、".join(sorted(verified))
        parts.append((f"部分数值经本地核实（{who}）", f"some values locally verified ({who})"))
    if editions:
        parts.append(("药品目录：" + "、".join(editions), "drug list: " + ", ".join(editions)))
    if standin:
        parts.append(
            (
                "部分地区价格用外省价格表代替（已放宽范围）",
                "some prices from another province's list (range widened)",
            )
        )
    if template:
        parts.append(
            (
                "部分参保地规则来自未核实的全国模板",
                "some home rules from the unverified national template",
            )
        )
    if estimates:
        newest = max(x.rules_from for x in estimates)
        parts.append((f"所用规则最新生效于 {newest}", f"newest rule in force from {newest}"))
    if zh:
        return "；".join(zh_text for zh_text, _ in parts) + "。"
    return "; ".join(en_text for _, en_text in parts) + "."
