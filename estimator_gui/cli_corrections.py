"""`estimator corrections`: local corrections of rule values and prices, and packs of them.

    estimator corrections list [--region R]
    estimator corrections paths --region R [--date D] [--grep TEXT]
    estimator corrections add --region R (--path P | --code C [--level L]) (--value V | --confirm)
                              --author LABEL --doc-date D (--document DOC | --url URL)
                              [--page P] [--from D] [--tier official|secondary] [--note TEXT]
    estimator corrections remove ID [ID ...]
    estimator corrections export FILE --author LABEL [--id ID ...] [--region R] [--note TEXT]
    estimator corrections import FILE [--apply] [--take-conflicting]

Corrections live in the user data folder (corrections.json) and outrank the bundled data in every
estimate; `import` shows what a pack changes and applies it only with --apply.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from . import paths
from .core.facade import (
    Correction,
    CorrectionError,
    CorrectionStore,
    EstimateError,
    Estimator,
    PackPreview,
    active_database,
    apply_pack,
    describe_path,
    export_pack,
    label,
    make_correction,
    preview_pack,
    read_pack,
)


def _user_dir(args: argparse.Namespace) -> Path:
    return Path(args.user_dir) if getattr(args, "user_dir", None) else paths.user_data_dir()


def _estimator(args: argparse.Namespace) -> Estimator:
    db = Path(args.db) if args.db else active_database(paths.reference_db(), paths.user_data_dir())
    return Estimator.open(db)  # checks and statuses compare with the bundled values


def _store(args: argparse.Namespace) -> CorrectionStore:
    store = CorrectionStore(_user_dir(args))
    if store.notice:
        print(store.notice[0] if args.lang == "zh" else store.notice[1], file=sys.stderr)
    return store


def _fail(args: argparse.Namespace, zh: str, en: str) -> int:
    word = "错误" if args.lang == "zh" else "error"
    text = " ".join((zh if args.lang == "zh" else en).split())
    print(f"estimator: {word}: {text}", file=sys.stderr)
    return 2


def _date(text: str | None, flag: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CorrectionError(
            flag, f"not a date (YYYY-MM-DD): {text}", f"日期格式应为 YYYY-MM-DD：{text}"
        ) from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _region_name(est: Estimator, region_id: str, lang: str) -> str:
    region = est.region(region_id)
    return region.name(lang) if region else region_id


def target_text(c: Correction, lang: str) -> str:
    """What a correction is about, in words (the path or code stays visible, for checking)."""
    if c.kind == "rule":
        return f"{describe_path(c.path or '', lang)}  ({c.path})"
    level = (
        ("各级" if lang == "zh" else "every level")
        if c.level == "all"
        else label("level", c.level or "", lang)
    )
    return f"{c.code}（{level}）" if lang == "zh" else f"{c.code} ({level})"


def _row(c: Correction, lang: str, est: Estimator) -> dict[str, Any]:
    state = est.correction_status(c)
    return {
        **c.model_dump(mode="json"),
        "region_name": _region_name(est, c.region, lang),
        "target": target_text(c, lang),
        "status": state.code,
        "status_text": state.text_zh if lang == "zh" else state.text_en,
    }


# --- commands ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from .cli import table

    store, est, zh = _store(args), _estimator(args), args.lang == "zh"
    rows = [_row(c, args.lang, est) for c in store.corrections if args.region in (None, c.region)]
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("没有本地更正" if zh else "no local corrections")
        return 0
    header = (
        ["编号", "地区", "对象", "取值", "生效", "文件", "文件日期", "核实", "状态"]
        if zh
        else [
            "id",
            "region",
            "target",
            "value",
            "from",
            "document",
            "dated",
            "verified by",
            "status",
        ]
    )
    body = [
        [
            r["id"],
            r["region_name"],
            r["target"],
            r["value"],
            r["valid_from"],
            r["document"] or r["url"] or "",
            r["document_date"],
            r["author"],
            r["status_text"],
        ]
        for r in rows
    ]
    print(table([header, *body]))
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    """Every rule value of a region a correction may name, with its bundled value."""
    from .cli import table

    est = _estimator(args)
    on = _date(args.date, "--date") or dt.date.today()
    try:
        values = est.correctable_values(args.region, on)
    except EstimateError as exc:  # an unknown region, or no rules on the date
        return _fail(args, f"--region：{exc.text_zh}", f"--region: {exc.text_en}")
    grep = (args.grep or "").lower()
    found = [
        (path, value, describe_path(path, args.lang))
        for path, value in values
        if grep in path.lower() or grep in describe_path(path, args.lang).lower()
    ]
    if args.json:
        _print_json([{"path": p, "value": v, "words": w} for p, v, w in found])
        return 0
    zh = args.lang == "zh"
    print(
        table(
            [
                ["路径" if zh else "path", "取值" if zh else "value", "含义" if zh else "meaning"],
                *found,
            ]
        )
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    zh = args.lang == "zh"
    if (args.path is None) == (args.code is None):
        return _fail(
            args,
            "请给出 --path（规则取值）或 --code（价格）之一",
            "give --path (a rule value) or --code (a price)",
        )
    if (args.value is None) == (not args.confirm):
        return _fail(args, "请给出 --value 或 --confirm 之一", "give --value or --confirm")
    store, est = _store(args), _estimator(args)
    document_date = _date(args.doc_date, "--doc-date")
    assert document_date is not None
    valid_from = _date(args.start, "--from") or document_date
    kind = "rule" if args.path is not None else "price"
    value = args.value
    if args.confirm:
        value = est.bundled_value(
            args.region, valid_from, path=args.path, code=args.code, level=args.level
        )
        if value is None:
            return _fail(
                args,
                "随附数据在此没有可确认的取值，请用 --value 给出",
                "the bundled data has no value here to confirm: give --value",
            )
    correction = est.check_correction(
        make_correction(
            kind=kind,
            region=args.region,
            path=args.path,
            code=args.code,
            level=args.level if kind == "price" else None,
            value=value,
            valid_from=valid_from,
            document=args.document,
            document_date=document_date,
            page=args.page,
            url=args.url,
            tier=args.tier,
            author=args.author,
            note=args.note or "",
        )
    )
    replaced = store.add(correction)
    state = est.correction_status(correction)
    if args.json:
        _print_json({**_row(correction, args.lang, est), "replaced": replaced and replaced.id})
        return 0
    what = target_text(correction, args.lang)
    region = _region_name(est, correction.region, args.lang)
    print(
        f"已保存 {correction.id}：{region} {what} = {correction.value}（{state.text_zh}）"
        if zh
        else f"saved {correction.id}: {region} {what} = {correction.value} ({state.text_en})"
    )
    if replaced is not None:
        print(
            f"取代了 {replaced.id}（同一取值、同一生效日）"
            if zh
            else f"replaced {replaced.id} (same value, same date)"
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    removed = _store(args).remove(args.ids)
    zh = args.lang == "zh"
    if args.json:
        _print_json([c.id for c in removed])
    else:
        ids = ", ".join(c.id for c in removed)
        print(f"已删除：{ids}" if zh else f"removed: {ids}")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    store = _store(args)
    before = len(store.reload())
    now = store.undo()
    zh = args.lang == "zh"
    if args.json:
        _print_json([c.id for c in now])
    else:
        print(
            f"已撤销上一次更改：更正 {before} 条 → {len(now)} 条"
            if zh
            else f"the last change was undone: {before} → {len(now)} corrections"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    store = _store(args)
    chosen = [
        c
        for c in store.corrections
        if (not args.ids or c.id in args.ids) and args.region in (None, c.region)
    ]
    unknown = sorted(set(args.ids or ()) - {c.id for c in store.corrections})
    if unknown:
        return _fail(
            args, f"--id：没有编号为 {unknown[0]} 的更正", f"--id: no correction {unknown[0]!r}"
        )
    manifest = export_pack(chosen, Path(args.file), args.author, args.note or "")
    if args.json:
        _print_json({"file": args.file, **manifest.model_dump(mode="json")})
    elif args.lang == "zh":
        print(f"已导出 {manifest.corrections} 条更正到 {args.file}（作者：{manifest.author}）")
    else:
        print(
            f"exported {manifest.corrections} corrections to {args.file} (author: {manifest.author})"
        )
    return 0


def preview_rows(preview: PackPreview, lang: str) -> list[dict[str, Any]]:
    out = []
    for e in preview.entries:
        c = e.correction
        out.append(
            {
                "change": e.change,
                "change_text": label("pack_change", e.change, lang),
                "id": c.id,
                "region": c.region,
                "target": target_text(c, lang),
                "old": None if e.current is None else e.current.value,
                "new": c.value,
                "author": c.author,
                "document": c.document or c.url,
                "problem": None if e.problem is None else e.problem[0 if lang == "zh" else 1],
            }
        )
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from .cli import table

    zh = args.lang == "zh"
    store = _store(args)
    pack = read_pack(Path(args.file))
    preview = preview_pack(pack, store.corrections, _estimator(args))
    rows = preview_rows(preview, args.lang)
    applied = apply_pack(preview, store, args.take_conflicting) if args.apply else None
    m = pack.manifest
    if args.json:
        _print_json(
            {
                "file": args.file,
                "manifest": m.model_dump(mode="json"),
                "entries": rows,
                "applied": applied,
            }
        )
        return 0
    counts = {k: preview.count(k) for k in ("added", "changed", "same", "conflicting")}
    print(
        f"数据包 {pack.name}：{m.author} 制作于 {m.created}，{m.corrections} 条更正；内容与 SHA-256 清单一致"
        f"（只证明内容完整，不证明制作者身份）"
        if zh
        else f"pack {pack.name}: made by {m.author} on {m.created}, {m.corrections} corrections; the "
        "content matches its SHA-256 manifest (this proves integrity, not who made it)"
    )
    header = (
        ["变化", "地区", "对象", "原值", "新值", "核实", "备注"]
        if zh
        else ["change", "region", "target", "old", "new", "verified by", "note"]
    )
    body = [
        [
            r["change_text"],
            r["region"],
            r["target"],
            r["old"] or "—",
            r["new"],
            r["author"],
            r["problem"] or "",
        ]
        for r in rows
    ]
    print(table([header, *body]))
    print(
        "；".join(f"{label('pack_change', k, 'zh')} {n}" for k, n in counts.items())
        if zh
        else "; ".join(f"{label('pack_change', k, 'en')} {n}" for k, n in counts.items())
    )
    if applied is None:
        print(
            "未作任何更改：加 --apply 导入新增和更改的条目（--take-conflicting 同时以数据包取代冲突的本地更正）"
            if zh
            else "nothing changed: add --apply to take the added and changed entries "
            "(--take-conflicting: also replace your own corrections where they conflict)"
        )
    else:
        print(f"已导入 {applied} 条更正" if zh else f"imported {applied} corrections")
    return 0


def _run(command: Any) -> Any:
    """Expected mistakes (CorrectionError) as one line in the session's language, exit 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return int(command(args))
        except CorrectionError as exc:
            return _fail(args, exc.text_zh, exc.text_en)

    return run


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `corrections` on the CLI's subparsers (called by cli.parser())."""
    s = sub.add_parser(
        "corrections",
        parents=[common],
        help="local corrections of rule values and prices (list, paths, add, remove, undo, export, import)",
    )
    actions = s.add_subparsers(dest="corrections_command", required=True)

    def action(name: str, help_text: str, command: Any) -> argparse.ArgumentParser:
        t: argparse.ArgumentParser = actions.add_parser(name, parents=[common], help=help_text)
        t.add_argument("--user-dir", help=argparse.SUPPRESS)
        t.set_defaults(run=_run(command))
        return t

    t = action("list", "the corrections of the user data folder, and what each does now", cmd_list)
    t.add_argument("--region", help="only this region")

    t = action("paths", "every rule value of a region a correction may name", cmd_paths)
    t.add_argument("--region", required=True)
    t.add_argument("--date", help="rules in force on this date (default today)")
    t.add_argument("--grep", help="only paths or meanings containing this text")

    t = action("add", "correct or confirm one rule value or price", cmd_add)
    t.add_argument("--region", required=True, help="the region (for a price: where treated)")
    t.add_argument("--path", help="a rule value's path (see `estimator corrections paths`)")
    t.add_argument("--code", help="an item code (a price)")
    t.add_argument(
        "--level",
        default="all",
        choices=["community", "level1", "level2", "level3", "all"],
        help="a price's hospital level (default all)",
    )
    t.add_argument("--value", help="the value: a number, null, true/false, or a word")
    t.add_argument("--confirm", action="store_true", help="confirm the bundled value as it is")
    t.add_argument("--from", dest="start", help="in force from (default: the document's date)")
    t.add_argument("--document", help="the document's number (文号) or title")
    t.add_argument("--doc-date", required=True, help="the document's date (YYYY-MM-DD)")
    t.add_argument("--page", help="page, article or section")
    t.add_argument("--url", help="a link to the document")
    t.add_argument("--tier", default="official", choices=["official", "secondary"])
    t.add_argument("--author", required=True, help="who verified it, e.g. XX医院医保办")
    t.add_argument("--note")

    t = action("remove", "remove corrections by id", cmd_remove)
    t.add_argument("ids", nargs="+")

    action("undo", "undo the last change (an add, a removal or a pack taken in)", cmd_undo)

    t = action("export", "write corrections to a pack (*.estpack) for other clinics", cmd_export)
    t.add_argument("file")
    t.add_argument("--author", required=True, help="who hands the pack over")
    t.add_argument("--id", dest="ids", action="append", help="only this correction (repeatable)")
    t.add_argument("--region", help="only this region's corrections")
    t.add_argument("--note")

    t = action("import", "check a pack and show what it changes (--apply: take it)", cmd_import)
    t.add_argument("file")
    t.add_argument("--apply", action="store_true", help="take the added and changed entries")
    t.add_argument(
        "--take-conflicting",
        action="store_true",
        help="with --apply: the pack's value also where it conflicts with your own",
    )


__all__ = ["add_parsers", "preview_rows", "target_text"]
