"""`estimator`: the command line over the same facade as the GUI.

Every command prints a readable table in Chinese (``--lang en`` for English) or, with ``--json``,
machine-readable output. Expected mistakes exit with code 2 and one line naming the field.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import paths
from .core.facade import (
    SLIP,
    CareOption,
    Case,
    CaseFileError,
    CaseStore,
    Comparison,
    CorrectionStore,
    DatabaseProblem,
    Estimate,
    EstimateError,
    Estimator,
    Filing,
    Level,
    Person,
    PersonKind,
    Place,
    Route,
    RuleFileError,
    Scenario,
    ScenarioError,
    Scheme,
    SourceError,
    YearToDate,
    active_database,
    build_database,
    build_sheet,
    care_options,
    check,
    format_yuan,
    grid,
    home_and_away,
    label,
    load_scenario,
    run,
    verified_by,
)


class Usage(Exception):
    """A bad command line (exit 2)."""


# --- output helpers ---------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[Sequence[str]], right: set[int] | None = None) -> str:
    """A plain text table that lines up Chinese (double-width) characters."""
    right = right or set()
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _option_name(option: CareOption, lang: str, est: Estimator | None) -> str:
    region = est.region(option.treated_region) if est else None
    name = region.name(lang) if region else option.treated_region
    parts = [name, label("level", option.level.value, lang)]
    if option.filing is not None:
        parts.append(label("filing", option.filing.value, lang))
        parts.append(label("route", option.route.value, lang))
    return (
        " ".join(parts)
        if lang != "zh"
        else "".join(parts[:2]) + ("·" + "·".join(parts[2:]) if parts[2:] else "")
    )


def _price_basis(est: Estimate, zh: bool) -> str:
    """Where the option's prices come from: the place's own list, or a stand-in named."""
    prices = [e for e in est.editions if e.kind == "price"]
    local = sum(e.lines for e in prices if e.local)
    standin = [e for e in prices if not e.local]
    if not standin:
        return "本地价格表" if zh else "local list"
    lines = sum(e.lines for e in standin)
    names = "、".join(e.name_zh for e in standin) if zh else ", ".join(e.name_en for e in standin)
    text = f"{names}（非本地，{lines}项）" if zh else f"{names} (not local, {lines} lines)"
    if local:
        text = (f"本地{local}项；" if zh else f"local {local} lines; ") + text
    return text


def _print_results(results: Sequence[Any], lang: str, est: Estimator | None, explain: bool) -> None:
    zh = lang == "zh"
    header = ["项目" if zh else "field", *(_option_name(r.option, lang, est) for r in results)]
    rows = [header]
    for field in SLIP:
        rows.append(
            [
                field.name(lang),
                *("—" if r.estimate is None else field.text(r.estimate) for r in results),
            ]
        )
    if any(r.burden_range is not None for r in results):
        rows.append(
            [
                "个人负担（低–高方案）" if zh else "patient pays (low–high)",
                *(
                    "—"
                    if r.burden_range is None
                    else f"{format_yuan(r.burden_range[0])}–{format_yuan(r.burden_range[1])}"
                    for r in results
                ),
            ]
        )
    rows.append(
        [
            "价格来源" if zh else "prices from",
            *("—" if r.estimate is None else _price_basis(r.estimate, zh) for r in results),
        ]
    )
    if any(r.delta_vs_home is not None for r in results):
        rows.append(
            [
                "比参保地多付" if zh else "vs home",
                *(
                    "—"
                    if r.delta_vs_home is None
                    else ("+" if r.delta_vs_home > 0 else "") + format_yuan(r.delta_vs_home)
                    for r in results
                ),
            ]
        )
    print(table(rows, right=set(range(1, len(header)))))
    notes: dict[str, list[int]] = {}  # each warning once, with the options it applies to
    for i, r in enumerate(results, start=1):
        if r.estimate is None:
            print(
                f"\n[{i}] {'无法估算' if zh else 'no estimate'}: {r.error_zh if zh else r.error_en}"
            )
            continue
        if explain:
            print(f"\n[{i}] {_option_name(r.option, lang, est)}")
            for step in r.estimate.steps:
                src = ""
                if step.provenance is not None:
                    s = step.provenance.source
                    tier = label("tier", s.tier.value, lang)
                    if s.verified_by:  # a local correction: who verified it, beside its tier
                        tier += ("，" if zh else ", ") + verified_by(s.verified_by, lang)
                    src = (
                        f"  〔{s.document or s.title}，{s.date}，{tier}〕"
                        if zh
                        else f"  [{s.document or s.title}, {s.date}, {tier}]"
                    )
                print(f"  · {step.text_zh if zh else step.text_en}{src}")
        for w in r.estimate.warnings:
            notes.setdefault(w.text_zh if zh else w.text_en, []).append(i)
    if notes:
        print("\n" + ("提示：" if zh else "Notes:"))
        for text, which in notes.items():
            where = "" if len(which) == len(results) else f"[{','.join(map(str, which))}] "
            print(f"  ! {where}{text}")


# --- commands -----------------------------------------------------------------------------------


def _estimator(args: argparse.Namespace) -> Estimator:
    """--db, else the active database: the user folder's after an import, else the bundled one;
    with the user's local corrections, which outrank it (`estimator corrections`)."""
    db = Path(args.db) if args.db else active_database(paths.reference_db(), paths.user_data_dir())
    est = Estimator.open(db)  # first: a database that cannot be used is the one thing said
    store = CorrectionStore(paths.user_data_dir())
    if store.notice:
        print(store.notice[0] if args.lang == "zh" else store.notice[1], file=sys.stderr)
    est.use_corrections(store.corrections)
    return est


def cmd_build_db(args: argparse.Namespace) -> int:
    out = Path(args.db) if args.db else paths.reference_db()
    sources = Path(args.sources) if args.sources else paths.SOURCES
    report, report_file = build_database(sources, out)
    kinds = Counter(f.kind for f in report.findings)
    data = {
        "path": str(report.path),
        "source_hash": report.source_hash,
        "regions": report.regions,
        "curated_regions": report.curated,
        "findings": dict(kinds),
        "report": str(report_file),
        "items": report.items,
        "catalogs": report.catalogs,
        "price_lists": report.price_lists,
        "treatments": report.treatments,
    }
    if args.json:
        _print_json(data)
    else:
        zh = args.lang == "zh"
        print(("已构建 " if zh else "built ") + str(report.path))
        print(
            table(
                [
                    ["内容" if zh else "what", "数量" if zh else "count"],
                    ["地区" if zh else "regions", str(report.regions)],
                    ["其中已核对整理" if zh else "of them curated", str(report.curated)],
                    ["项目" if zh else "items", str(report.items)],
                    ["目录" if zh else "catalogues", str(len(report.catalogs))],
                    ["价格表" if zh else "price lists", str(len(report.price_lists))],
                    ["治疗方案" if zh else "treatments", str(report.treatments)],
                ],
                right={1},
            )
        )
        notes = "、".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(
            f"全国模板发现：{notes}；详见 {report_file}"
            if zh
            else f"national template findings: {notes}; see {report_file}"
        )
    return 0


def cmd_regions(args: argparse.Namespace) -> int:
    est = _estimator(args)
    regions = est.regions()
    # the bundled data's tiers stay as they are; local corrections are counted apart
    local = Counter(c.region for c in est.corrections)
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "name_zh": r.name_zh,
                    "name_en": r.name_en,
                    "province": r.province,
                    "kind": r.kind,
                    "origin": r.origin,
                    "schemes": r.schemes,
                    "rules_from": r.coverage_from,
                    "rules_until": r.coverage_until,
                    "rule_year": r.newest_from.year,
                    "newest_value_from": r.newest_from,
                    "values": {
                        "official": r.official,
                        "secondary": r.secondary,
                        "estimate": r.estimate,
                    },
                    "local_corrections": local[r.id],
                }
                for r in regions
            ]
        )
        return 0
    zh = args.lang == "zh"
    origin = {
        "curated": ("核对整理", "curated"),
        "template": ("全国模板（未核实）", "national template (unverified)"),
    }
    rows = [
        [
            "编码" if zh else "id",
            "地区" if zh else "region",
            "省份" if zh else "province",
            "来源" if zh else "origin",
            "规则年份" if zh else "rule year",
            "官方/二手/估算" if zh else "official/secondary/estimate",
            *(["本地核实" if zh else "locally verified"] if local else []),
        ]
    ]
    for r in sorted(regions, key=lambda r: (r.origin != "curated", r.province_en, r.id)):
        rows.append(
            [
                r.id,
                r.name(args.lang),
                r.province if zh else r.province_en,
                origin[r.origin][0 if zh else 1],
                str(r.newest_from.year),
                f"{r.official}/{r.secondary}/{r.estimate}",
                *([str(local[r.id]) if local[r.id] else ""] if local else []),
            ]
        )
    print(table(rows))
    curated = [r for r in regions if r.origin == "curated"]
    totals = [sum(getattr(r, t) for r in regions) for t in ("official", "secondary", "estimate")]
    print(
        f"\n共 {len(regions)} 个地区：核对整理 {len(curated)} 个，全国模板 {len(regions) - len(curated)} 个；"
        f"取值 官方 {totals[0]} / 二手 {totals[1]} / 估算 {totals[2]}"
        if zh
        else f"\n{len(regions)} regions: {len(curated)} curated, {len(regions) - len(curated)} from the "
        f"national template; values official {totals[0]} / secondary {totals[1]} / estimate {totals[2]}"
    )
    return 0


def cmd_treatments(args: argparse.Namespace) -> int:
    treatments = _estimator(args).treatments()
    if args.json:
        _print_json(
            [
                {
                    "id": t.id,
                    "name_zh": t.name_zh,
                    "name_en": t.name_en,
                    "category": t.category,
                    "setting": t.setting,
                    "stay_days": t.stay_days,
                    "lines": len(t.lines),
                    "aliases": t.aliases,
                    "source": t.source.title,
                }
                for t in treatments
            ]
        )
        return 0
    zh = args.lang == "zh"
    rows = [
        [
            "编码" if zh else "id",
            "名称" if zh else "name",
            "住院天数" if zh else "stay days",
            "明细行" if zh else "lines",
        ]
    ]
    for t in treatments:
        days = "/".join(str(t.stay_days[v]) for v in ("low", "typical", "high"))
        rows.append([t.id, t.name(args.lang), days, str(len(t.lines))])
    print(table(rows))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    est = _estimator(args)
    hits = est.search(args.text, args.limit)
    if args.json:
        _print_json([{"kind": h.kind, "ref": h.ref, "name": h.name} for h in hits])
        return 0
    zh = args.lang == "zh"
    if not hits:
        print("未找到" if zh else "nothing found")
        return 0
    rows = [["类别" if zh else "kind", "编码" if zh else "code", "名称" if zh else "name"]]
    for h in hits:
        kind = (
            ("治疗方案" if zh else "treatment")
            if h.kind == "treatment"
            else label("kind", h.kind, args.lang)
        )
        rows.append([kind, h.ref, h.name])
    print(table(rows))
    return 0


def _load_scenario(path: str) -> Scenario:
    return load_scenario(Path(path))  # not found, too large, not UTF-8, …: a ScenarioError


def cmd_estimate(args: argparse.Namespace) -> int:
    scenario = _load_scenario(args.scenario)
    est = None if scenario.inline else _estimator(args)
    name = args.scenario
    try:
        results = run(scenario, est, name)
    except EstimateError as exc:  # e.g. an unknown treatment: name the file too
        raise ScenarioError(
            f"{name}: {exc.field}: {exc.text_en}", f"{name}：{exc.field}：{exc.text_zh}"
        ) from None
    if all(r.estimate is None for r in results):  # nothing to show: the input is wrong
        first = results[0]
        field = first.error_field or "scenario"
        raise ScenarioError(
            f"{name}: {field}: {first.error_en or ''}", f"{name}：{field}：{first.error_zh or ''}"
        )
    problems = check(scenario, results) if scenario.expect else []
    if args.json:
        _print_json(
            {
                "scenario": scenario.title,
                "results": [r.model_dump(mode="json") for r in results],
                "check": None
                if scenario.expect is None
                else {"ok": not problems, "problems": problems},
            }
        )
    else:
        if scenario.title:
            print(scenario.title)
        _print_results(results, args.lang, est, explain=True)
        if scenario.expect is not None:
            zh = args.lang == "zh"
            print()
            print(
                ("与预期一致" if zh else "matches the expected figures")
                if not problems
                else ("与预期不符：" if zh else "differs from the expected figures:")
            )
            for p in problems:
                print("  " + p)
    return 1 if problems else 0


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Usage(f"--date: not a date (YYYY-MM-DD): {text}") from None


def _enum_list(text: str, enum: Any, flag: str) -> list[Any]:
    out = []
    for part in filter(None, text.split(",")):
        try:
            out.append(enum(part))
        except ValueError:
            raise Usage(f"{flag}: {part!r} is not one of {[e.value for e in enum]}") from None
    return out


def _person(args: argparse.Namespace) -> Person:
    try:
        return Person(scheme=Scheme(args.scheme), kind=PersonKind(args.person), age=args.age)
    except (ValueError, ValidationError) as exc:
        raise Usage(f"--scheme/--person/--age: {exc}".splitlines()[0]) from None


YTD_FLAGS = (  # flag, YearToDate field, help
    ("--admissions", "admissions", "admissions earlier this insurance year"),
    ("--deductible-paid", "deductible_paid", "deductible already paid this year (yuan)"),
    ("--fund-paid", "fund_paid", "basic fund already paid this year (yuan)"),
    ("--eligible-so-far", "eligible_amount", "eligible (政策范围内) amount so far this year"),
    ("--burden-so-far", "personal_burden", "in-policy personal burden so far (大病 basis)"),
)


def _year_to_date_flags(parser: argparse.ArgumentParser) -> None:
    """The amounts the insurance year has already used, as the window asks for them."""
    for flag, _, text in YTD_FLAGS:
        parser.add_argument(flag, default="0", help=text)


def _year_to_date(args: argparse.Namespace) -> YearToDate:
    values = {field: getattr(args, flag[2:].replace("-", "_")) for flag, field, _ in YTD_FLAGS}
    try:
        return YearToDate.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        flag = next(f for f, field, _ in YTD_FLAGS if field == first["loc"][0])
        raise Usage(f"{flag}: {first['msg']}") from None


def cmd_compare(args: argparse.Namespace) -> int:
    est = _estimator(args)
    person = _person(args)
    date = _parse_date(args.date) if args.date else dt.date.today()
    levels = _enum_list(args.level, Level, "--level")
    filings = _enum_list(args.filing, Filing, "--filing")
    routes = _enum_list(args.route, Route, "--route")
    treatment = est.treatment(args.treatment)
    if treatment is None:
        raise Usage(
            f"--treatment: unknown treatment {args.treatment!r} (see `estimator treatments`)"
        )
    case = Case(
        insured_region=args.insured,
        person=person,
        date=date,
        entries=est.bill_for(args.treatment, args.variant),
        setting=treatment.setting,
        year_to_date=_year_to_date(args),
    )
    others = grid(list(filter(None, args.treated.split(","))), levels, filings, routes)
    options = care_options(home_and_away(args.insured, levels[0], others), date, case.setting)
    comparison: Comparison = est.compare(case, options, package=args.treatment)
    if args.sheet:
        pages = _write_sheet(est, case, comparison, treatment.name(args.lang), args)
        print(
            f"已写出一页纸：{args.sheet}（{pages}页）"
            if args.lang == "zh"
            else f"wrote the one-page sheet: {args.sheet} ({pages} page(s))",
            file=sys.stderr,
        )
    if args.json:
        _print_json(comparison.model_dump(mode="json"))
        return 0
    zh = args.lang == "zh"
    print(
        f"{treatment.name(args.lang)}（{label('variant', args.variant, args.lang)}）"
        if zh
        else f"{treatment.name_en} ({args.variant})"
    )
    if treatment.completeness_zh:  # what the package's total holds, next to it
        print(
            f"费用构成：{treatment.completeness_zh}"
            if zh
            else f"What the bill holds: {treatment.completeness_en}"
        )
    _print_results(comparison.results, args.lang, est, explain=args.explain)
    if comparison.choices:
        print("\n" + ("选择的金额影响：" if zh else "What choices are worth:"))
        for c in comparison.choices:
            name = _option_name(comparison.results[c.option_index].option, args.lang, est)
            print(f"  [{c.option_index + 1}] {name}: {c.text_zh if zh else c.text_en}")
    return 0


def cmd_course(args: argparse.Namespace) -> int:
    """A course of care month by month: where the yearly deductible is paid and the cap runs out."""
    est = _estimator(args)
    person = _person(args)
    date = _parse_date(args.date) if args.date else dt.date.today()
    treatment = est.treatment(args.treatment)
    if treatment is None:
        raise Usage(
            f"--treatment: unknown treatment {args.treatment!r} (see `estimator treatments`)"
        )
    if not 1 <= args.months <= 24:
        raise Usage("--months: a number of months from 1 to 24")
    level = _enum_list(args.level, Level, "--level")[0]
    treated = args.treated or args.insured
    filing = None if treated == args.insured else _enum_list(args.filing, Filing, "--filing")[0]
    route = _enum_list(args.route, Route, "--route")[0]
    case = Case(
        insured_region=args.insured,
        person=person,
        date=date,
        entries=est.bill_for(args.treatment, args.variant),
        setting=treatment.setting,
        year_to_date=_year_to_date(args),
    )
    place = Place(treated_region=treated, level=level, filing=filing, route=route)
    course = est.course(case, place.option(date, case.setting), args.months)
    zh = args.lang == "zh"
    if args.json:
        _print_json(
            {
                "treatment": treatment.id,
                "option": course.option.model_dump(mode="json"),
                "months": [
                    {
                        "month": m.month,
                        "date": m.date,
                        "total": None if m.result.estimate is None else m.result.estimate.total,
                        "fund_total": None
                        if m.result.estimate is None
                        else m.result.estimate.fund_total,
                        "patient_burden": None
                        if m.result.estimate is None
                        else m.result.estimate.patient_burden,
                        "cap_reached": m.cap_reached,
                        "error": m.result.error_zh if zh else m.result.error_en,
                    }
                    for m in course.months
                ],
                "total_bill": course.total_bill,
                "total_patient_burden": course.total_burden,
                "cap_month": course.cap_month,
            }
        )
        return 0
    print(f"{treatment.name(args.lang)} · {_option_name(course.option, args.lang, est)}")
    rows = [
        [
            "月" if zh else "month",
            "日期" if zh else "date",
            "医疗费总额" if zh else "total",
            "基金支付" if zh else "funds",
            "个人负担" if zh else "patient pays",
            "累计个人负担" if zh else "so far",
            "",
        ]
    ]
    so_far = Decimal(0)
    for m in course.months:
        e = m.result.estimate
        if e is None:
            rows.append(
                [
                    str(m.month),
                    m.date.isoformat(),
                    "—",
                    "—",
                    "—",
                    "—",
                    m.result.error_zh if zh else m.result.error_en or "",
                ]
            )
            continue
        so_far += e.patient_burden
        rows.append(
            [
                str(m.month),
                m.date.isoformat(),
                format_yuan(e.total),
                format_yuan(e.fund_total),
                format_yuan(e.patient_burden),
                format_yuan(so_far),
                ""
                if not m.cap_reached
                else ("封顶线在本月达到" if zh else "yearly cap reached")
                if m.month == course.cap_month
                else ("已超过封顶线" if zh else "above the yearly cap"),
            ]
        )
    print(table(rows, right={2, 3, 4, 5}))
    total = format_yuan(course.total_burden)
    if course.cap_month is None:
        print(
            f"\n{len(course.months)}个月个人负担合计 {total}；年度封顶线未达到"
            if zh
            else f"\n{len(course.months)} months: the patient pays {total}; the yearly cap is not reached"
        )
    else:
        print(
            f"\n{len(course.months)}个月个人负担合计 {total}；年度封顶线在第{course.cap_month}个月达到"
            if zh
            else f"\n{len(course.months)} months: the patient pays {total}; the yearly cap is reached in month {course.cap_month}"
        )
    return 0


def _write_sheet(
    est: Estimator, case: Case, comparison: Comparison, treatment: str, args: argparse.Namespace
) -> int:
    """The patient's one-page sheet as PDF, rendered by the window's own renderer (Qt, offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .ui import fonts
    from .ui.sheet_pdf import write_sheet

    app = QApplication.instance() or QApplication([])
    fonts.load()
    assert isinstance(app, QApplication)
    fonts.apply(app)
    sheet = build_sheet(
        est, case, comparison, args.lang, treatment=treatment, counsellor=args.counsellor or ""
    )
    return write_sheet(sheet, Path(args.sheet))


def cmd_cases(args: argparse.Namespace) -> int:
    """The saved cases of the user data folder: list them, or show one."""
    store = CaseStore(paths.user_data_dir() / "cases.sqlite")
    zh = args.lang == "zh"
    if store.notice:
        print(store.notice[0] if zh else store.notice[1], file=sys.stderr)
    if args.action == "list":
        rows = store.entries()
        if args.json:
            _print_json([{"id": i, "label": label, "saved_at": at} for i, label, at in rows])
            return 0
        if not rows:
            print("没有保存的案例" if zh else "no saved cases")
            return 0
        header = ["编号" if zh else "id", "标签" if zh else "label", "保存时间" if zh else "saved"]
        print(table([header, *([str(i), label, at] for i, label, at in rows)]))
        return 0
    if args.id is None:
        raise Usage("cases show: give the case's id (see `estimator cases list`)")
    case = store.get(args.id)
    if args.json:
        _print_json(case.model_dump(mode="json"))
        return 0
    print(case.label)
    print(
        f"{'参保地' if zh else 'insured in'}: {case.insured_region} · {case.date} · "
        f"{label('scheme', case.person.scheme.value, args.lang)} · "
        f"{label('person', case.person.kind.value, args.lang)} · {case.person.age}"
    )
    for snap in case.snapshot:
        pays = snap.figures.get("patient_burden")
        print(
            f"  {snap.title}: {'个人负担' if zh else 'patient pays'} "
            f"{'—' if pays is None else format_yuan(pays)}"
        )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    _print_json(Scenario.model_json_schema())
    return 0


# --- parser -------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    common.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="table language (default zh)"
    )
    common.add_argument("--db", help="reference database (default resources/reference.sqlite)")
    p = argparse.ArgumentParser(prog="estimator", description="医保自付费用估算：参保地与异地对比")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("estimate", parents=[common], help="estimate a scenario file (YAML/JSON)")
    s.add_argument("--scenario", required=True)
    s.set_defaults(run=cmd_estimate)

    s = sub.add_parser("compare", parents=[common], help="one treatment: home versus other places")
    s.add_argument("--insured", required=True, help="insured region id (参保地)")
    s.add_argument("--treatment", required=True)
    s.add_argument("--variant", choices=["low", "typical", "high"], default="typical")
    s.add_argument("--treated", default="", help="comma-separated region ids (就医地)")
    s.add_argument("--level", default="level3", help="hospital levels, comma-separated")
    s.add_argument("--filing", default="referral", help="filing types, comma-separated")
    s.add_argument("--route", default="direct", help="settlement routes, comma-separated")
    s.add_argument("--scheme", default="employee", choices=[e.value for e in Scheme])
    s.add_argument("--person", default="employed", choices=[e.value for e in PersonKind])
    s.add_argument("--age", type=int, default=45)
    s.add_argument("--date", help="date of care (default today)")
    s.add_argument("--explain", action="store_true", help="print every step with its source")
    s.add_argument("--sheet", help="also write the patient's one-page sheet (A4 PDF) to this file")
    s.add_argument("--counsellor", help="the counsellor's name on the sheet")
    _year_to_date_flags(s)
    s.set_defaults(run=cmd_compare)

    s = sub.add_parser(
        "course", parents=[common], help="a course of care month by month (the 12-month view)"
    )
    s.add_argument("--insured", required=True, help="insured region id (参保地)")
    s.add_argument("--treatment", required=True, help="a monthly package, e.g. haemodialysis_month")
    s.add_argument("--variant", choices=["low", "typical", "high"], default="typical")
    s.add_argument("--treated", default="", help="where treated (default: home)")
    s.add_argument("--level", default="level3")
    s.add_argument("--filing", default="referral")
    s.add_argument("--route", default="direct")
    s.add_argument("--months", type=int, default=12)
    s.add_argument("--scheme", default="employee", choices=[e.value for e in Scheme])
    s.add_argument("--person", default="employed", choices=[e.value for e in PersonKind])
    s.add_argument("--age", type=int, default=45)
    s.add_argument("--date", help="first month (default today)")
    _year_to_date_flags(s)
    s.set_defaults(run=cmd_course)

    s = sub.add_parser("cases", parents=[common], help="saved cases: list, show")
    s.add_argument("action", choices=["list", "show"])
    s.add_argument("id", nargs="?", type=int)
    s.set_defaults(run=cmd_cases)

    s = sub.add_parser("search", parents=[common], help="find items and treatments")
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=20)
    s.set_defaults(run=cmd_search)

    s = sub.add_parser(
        "regions", parents=[common], help="regions, schemes, rule years, source tiers"
    )
    s.set_defaults(run=cmd_regions)
    s = sub.add_parser("treatments", parents=[common], help="treatment packages")
    s.set_defaults(run=cmd_treatments)

    s = sub.add_parser(
        "build-db", parents=[common], help="build the reference database from db/sources"
    )
    s.add_argument("--sources", help="sources folder (default db/sources)")
    s.set_defaults(run=cmd_build_db)

    s = sub.add_parser("schema", parents=[common], help="print a JSON Schema")
    s.add_argument("what", choices=["scenario"])
    s.set_defaults(run=cmd_schema)

    from .cli_data import add_parsers as add_data_parsers  # import, data status|rollback (issue 8)

    add_data_parsers(sub, common)
    from .cli_corrections import add_parsers as add_correction_parsers  # local corrections

    add_correction_parsers(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # `estimator … | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0
    except DatabaseProblem as exc:
        message = exc.text_zh if args.lang == "zh" else exc.text_en
    except EstimateError as exc:
        message = f"{exc.field}: {exc.text_zh if args.lang == 'zh' else exc.text_en}"
    except CaseFileError as exc:
        message = exc.text_zh if args.lang == "zh" else exc.text_en
    except ScenarioError as exc:
        message = exc.text(args.lang)
    except (Usage, SourceError, RuleFileError, ValueError) as exc:
        message = str(exc)
    message = " ".join(message.split())  # one line, whatever the cause's text held
    print(f"estimator: {'错误' if args.lang == 'zh' else 'error'}: {message}", file=sys.stderr)
    return 2


__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
