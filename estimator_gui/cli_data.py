"""`estimator import` and `estimator data status|rollback`: official files into the reference data.

    estimator import FILE --kind drugs|drug-codes|services|consumables [--province P] [--list ID]
                     [--from DATE] [--mapping MAPPING.yaml] [--sheet NAME] [--label TEXT]
                     [--name TEXT] [--report-csv PATH] [--apply]
    estimator data status
    estimator data rollback

`import` prints the validation report and changes nothing unless --apply is given: then the
accepted rows become a new edition (a new database file in the user data folder, checked, swapped
in; the previous one kept for `estimator data rollback`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from . import paths
from .core.facade import (
    IMPORT_KINDS,
    ImportFileError,
    ImportPlan,
    UpdateError,
    apply_import,
    check_import,
    data_rollback,
    data_status,
)


def _bundled(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.reference_db()


def _user_dir(args: argparse.Namespace) -> Path:
    return Path(args.user_dir) if getattr(args, "user_dir", None) else paths.user_data_dir()


def _fail(args: argparse.Namespace, zh: str, en: str) -> int:
    word = "错误" if args.lang == "zh" else "error"
    print(f"estimator: {word}: {zh if args.lang == 'zh' else en}", file=sys.stderr)
    return 2


LABELS = {
    "catalog": ("目录", "catalogue"),
    "price": ("价格表", "price list"),
    "added": ("新增", "added"),
    "removed": (
        "移除（当前版本有、文件中没有）",
        "removed (in the current edition, not in the file)",
    ),
    "reclassed": ("类别变化", "re-classed"),
    "repriced": ("价格变化", "re-priced"),
}


def report_data(plan: ImportPlan, lang: str) -> dict[str, Any]:
    """The report as plain data (the --json output)."""
    r = plan.report
    return {
        "file": r.file,
        "kind": r.kind,
        "format": r.format,
        "encoding": r.encoding,
        "sheet": r.sheet,
        "mapping": r.mapping,
        "header_row": r.header_row,
        "columns": [{"field": f, "header": h} for f, h in r.columns],
        "ignored_headers": r.ignored_headers,
        "notes": [n.pick(lang) for n in r.notes],
        "rows_read": r.rows_read,
        "accepted": r.accepted,
        "rejected": r.rejected,
        "new_items": r.new_items,
        "from": r.start.isoformat(),
        "targets": [
            {
                "kind": t.kind,
                "list": t.list_id,
                "new_list": t.new,
                "edition": t.edition_id,
                "name": t.name_zh if lang == "zh" else t.name_en,
                "local_to": t.local_to,
                "compared_with": [e for e, _ in t.current],
                **{
                    k: getattr(r.diffs[t.kind], k)
                    for k in ("added", "removed", "reclassed", "repriced", "unchanged")
                },
            }
            for t in r.targets
        ],
        "rejected_rows": [
            {
                "file": x.file,
                "sheet": x.sheet,
                "row": x.row,
                "column": x.column,
                "reason": x.reason,
                "text": x.text().pick(lang),
                "value": x.value,
            }
            for x in plan.iter_rejected()
        ],
    }


def print_report(plan: ImportPlan, lang: str, limit: int | None) -> None:
    zh = lang == "zh"
    r = plan.report
    where = f"{r.file}" + (
        f"（工作表 {r.sheet}）" if zh and r.sheet else f" (sheet {r.sheet})" if r.sheet else ""
    )
    print(("检查 " if zh else "checked ") + where)
    for note in r.notes:
        print("  · " + note.pick(lang))
    print(
        ("映射 " if zh else "mapping ")
        + r.mapping
        + (f"，表头在第{r.header_row}行" if zh else f", header on row {r.header_row}")
    )
    for name, header in r.columns:
        print(f"  {name:<18} ← {header}")
    if r.ignored_headers:
        print(("  未使用的列：" if zh else "  columns not used: ") + ", ".join(r.ignored_headers))
    print(
        (f"读取 {r.rows_read} 行：接受 {r.accepted}，拒绝 {r.rejected}；新项目 {r.new_items}")
        if zh
        else f"rows read {r.rows_read}: accepted {r.accepted}, rejected {r.rejected}; new items {r.new_items}"
    )
    for t in r.targets:
        d = r.diffs[t.kind]
        kind = LABELS[t.kind][0 if zh else 1]
        name = t.name_zh if zh else t.name_en
        status = ("新建" if zh else "new list") if t.new else ("新版本" if zh else "new edition")
        print(
            f"{kind} {t.list_id} → {t.edition_id}（{status}）{name}"
            if zh
            else f"{kind} {t.list_id} → {t.edition_id} ({status}) {name}"
        )
        compared = ", ".join(e for e, _ in t.current) or ("无" if zh else "none")
        print(("  对比 " if zh else "  compared with ") + compared)
        counts = [("added", d.added), ("removed", d.removed), ("repriced", d.repriced)]
        if t.kind == "catalog":
            counts.insert(2, ("reclassed", d.reclassed))
        for key, n in counts:
            print(f"  {LABELS[key][0 if zh else 1]}: {n}")
            for code, item, change in d.examples.get(key, [])[:5]:
                print(f"      {code} {item} {change}".rstrip())
    if r.rejected:
        print(
            "被拒绝的行（文件 / 工作表 / 行 / 列 / 原因）："
            if zh
            else "rejected rows (file / sheet / row / column / reason):"
        )
        for n, x in enumerate(plan.iter_rejected()):
            if limit is not None and n >= limit:
                more = r.rejected - limit
                print(
                    f"  …另有 {more} 行（--all 全部列出）"
                    if zh
                    else f"  … {more} more (--all lists them)"
                )
                break
            print(
                f"  {x.file} / {x.sheet or '-'} / {x.row} / {x.column or '-'} / {x.text().pick(lang)}"
            )


def cmd_import(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        start = dt.date.fromisoformat(args.start) if args.start else None
    except ValueError:
        return _fail(
            args,
            f"--from：日期格式应为 YYYY-MM-DD：{args.start}",
            f"--from: not a date (YYYY-MM-DD): {args.start}",
        )
    try:
        plan = check_import(
            Path(args.file),
            args.kind,
            bundled=_bundled(args),
            user_dir=_user_dir(args),
            mapping_file=Path(args.mapping) if args.mapping else None,
            province=args.province,
            list_id=args.list,
            start=start,
            label=args.label or "",
            name=args.name,
            sheet=args.sheet,
            tier=args.tier,
        )
    except ImportFileError as exc:
        return _fail(args, exc.text.zh, exc.text.en)
    except UpdateError as exc:
        return _fail(args, exc.text_zh, exc.text_en)
    try:
        if args.report_csv:
            with open(args.report_csv, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "sheet", "row", "column", "reason", "value", "text"])
                for x in plan.iter_rejected():
                    writer.writerow(
                        [
                            x.file,
                            x.sheet or "",
                            x.row,
                            x.column,
                            x.reason,
                            x.value,
                            x.text().pick(lang),
                        ]
                    )
        if args.json:
            data = report_data(plan, lang)
        else:
            print_report(plan, lang, None if args.all else 50)
        if not args.apply:
            if args.json:
                print(json.dumps({**data, "applied": False}, ensure_ascii=False, indent=2))
            else:
                print(
                    "未作任何更改：加 --apply 导入接受的行"
                    if lang == "zh"
                    else "nothing changed: add --apply to import the accepted rows"
                )
            return 0
        if not plan.report.can_apply:
            return _fail(args, "没有可导入的行，未作任何更改", "no accepted rows; nothing changed")
        applied = apply_import(plan)
    except ImportFileError as exc:
        return _fail(args, exc.text.zh, exc.text.en)
    except UpdateError as exc:
        return _fail(args, exc.text_zh, exc.text_en)
    finally:
        plan.discard()
    if args.json:
        print(
            json.dumps(
                {
                    **data,
                    "applied": True,
                    "database": str(applied.path),
                    "editions": applied.editions,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif lang == "zh":
        print(
            f"已导入：{'、'.join(applied.editions)}，新项目 {applied.new_items}；数据库 {applied.path}（可用 estimator data rollback 回退）"
        )
    else:
        print(
            f"imported: {', '.join(applied.editions)}, {applied.new_items} new items; database {applied.path} (undo: estimator data rollback)"
        )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    state = data_status(_bundled(args), _user_dir(args))
    zh = args.lang == "zh"
    data = {
        "active": str(state.active.path),
        "origin": state.active.origin,
        "reason": state.active.reason_zh if zh else state.active.reason_en,
        "schema_version": state.meta.get("schema_version"),
        "build_date": state.meta.get("base_build_date") or state.meta.get("build_date"),
        "updated_at": state.meta.get("updated_at"),
        "updates": state.updates,
        "previous": str(state.previous) if state.previous else None,
        "previous_updates": len(state.previous_updates),
        "removed_temp_files": [str(p) for p in state.removed_temp_files],
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(("当前数据库 " if zh else "active database ") + data["active"] + f"（{data['reason']}）")
    print(
        ("构建日期 " if zh else "built ")
        + str(data["build_date"])
        + ("，更新于 " if zh else ", updated ")
        + str(data["updated_at"] or "—")
    )
    for u in state.updates:
        print(
            f"  {u.get('at')} {u.get('action')} {u.get('kind', '')} {u.get('file', '')} {u.get('label', '')} → {', '.join(u.get('editions', []))}"
        )
    if state.previous:
        print(
            ("可回退到 " if zh else "rollback returns to ")
            + str(state.previous)
            + (
                f"（{len(state.previous_updates)} 次更新）"
                if zh
                else f" ({len(state.previous_updates)} updates)"
            )
        )
    elif state.active.origin == "user":
        print("可回退到随程序附带的数据" if zh else "rollback returns to the bundled data")
    if state.removed_temp_files:
        print(
            (
                "已清理未完成更新的临时文件："
                if zh
                else "removed temporary files of unfinished updates: "
            )
            + ", ".join(data["removed_temp_files"])
        )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    try:
        result = data_rollback(_bundled(args), _user_dir(args))
    except UpdateError as exc:
        return _fail(args, exc.text_zh, exc.text_en)
    zh = args.lang == "zh"
    if args.json:
        print(
            json.dumps(
                {
                    "active": str(result.active.path),
                    "origin": result.active.origin,
                    "redo": str(result.kept) if result.kept else None,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            ("已回退；当前数据库 " if zh else "rolled back; active database ")
            + str(result.active.path)
            + f"（{result.active.reason_zh if zh else result.active.reason_en}）"
        )
        if result.kept:
            print("再次回退可恢复刚才的版本" if zh else "roll back again to redo")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `import` and `data` on the CLI's subparsers (called by cli.parser())."""
    s = sub.add_parser(
        "import", parents=[common], help="check (and with --apply import) an official XLSX/CSV file"
    )
    s.add_argument("file")
    s.add_argument("--kind", required=True, choices=list(IMPORT_KINDS))
    s.add_argument(
        "--province", help="the province (or region id) a services/consumables list is local to"
    )
    s.add_argument(
        "--list", help="the base list to add an edition to (default: by kind and province)"
    )
    s.add_argument("--from", dest="start", help="first day the edition is in force (default today)")
    s.add_argument(
        "--mapping", help="a mapping YAML over the default (estimator_gui/importmaps/<kind>.yaml)"
    )
    s.add_argument("--sheet", help="XLSX sheet (default: the first whose header matches)")
    s.add_argument("--label", help="who imports, e.g. a hospital's 医保办 (kept with the source)")
    s.add_argument("--name", help="the edition's name (default: the list's name and the date)")
    s.add_argument("--tier", default="official", choices=["official", "secondary", "estimate"])
    s.add_argument("--report-csv", help="write every rejected row to this CSV")
    s.add_argument(
        "--all", action="store_true", help="list every rejected row (default: the first 50)"
    )
    s.add_argument(
        "--apply", action="store_true", help="import the accepted rows (default: only check)"
    )
    s.add_argument("--user-dir", help=argparse.SUPPRESS)
    s.set_defaults(run=cmd_import)

    s = sub.add_parser("data", parents=[common], help="the reference data in use: status, rollback")
    data_sub = s.add_subparsers(dest="data_command", required=True)
    t = data_sub.add_parser(
        "status", parents=[common], help="which database is active, its updates"
    )
    t.add_argument("--user-dir", help=argparse.SUPPRESS)
    t.set_defaults(run=cmd_status)
    t = data_sub.add_parser("rollback", parents=[common], help="undo the last update (again: redo)")
    t.add_argument("--user-dir", help=argparse.SUPPRESS)
    t.set_defaults(run=cmd_rollback)


__all__ = ["add_parsers", "print_report", "report_data"]
