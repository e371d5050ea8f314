"""Official files (XLSX, CSV) → a validation report → a new edition of a catalogue or price list.

Nothing changes until the user applies. `check_file()` reads the file once, streaming: it finds the
header row, maps columns by NAME through a mapping (estimator_gui/importmaps/<kind>.yaml, or the
user's own), validates every row, and stages the accepted rows in a temporary SQLite file in the user
data folder. It then compares them with the edition in force (items added, removed, re-classed,
re-priced). `apply()` adds the staged rows as a new edition through `updates.update()`: a new
database file, checked, then swapped in, the previous one kept for rollback.

Hostile files are refused or reported with bounded memory: XLSX members' sizes, counts and
compression ratios are checked before opening; a sheet is scanned for over-wide rows and for formula
cells without a cached value before openpyxl reads it (formulas are never evaluated: their cached
values are read); CSV lines are read with a length limit; encodings are detected (UTF-8 with or
without BOM, GBK, GB18030) and lines in a second encoding are rejected.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import re
import sqlite3
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from xml.parsers import expat

from . import updates, yamlio
from .search_index import GRAM_SQL, ITEM_RANK, KEY_SQL, index_rows, item_rows

KINDS = ("drugs", "drug-codes", "services", "consumables")
LEVELS = ("level3", "level2", "level1", "community", "all")
FIELDS = (
    "code",
    "name",
    "unit",
    "category",
    "class",
    "share",
    "pay_cap",
    "restriction",
    "grade",
    "price",
    "spec",
    "maker",
    "approval",
    "origin",
)
MAX_LINE_BYTES = 1 << 20  # a CSV line longer than this is rejected (read in bounded pieces)
MAX_COLUMNS = 2000  # a header or row with more columns is refused
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows
XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_TOTAL = 2 << 30  # uncompressed bytes of all members
XLSX_MAX_MEMBER = 1 << 30
XLSX_MAX_RATIO = 200  # uncompressed / compressed, for members above 1 MiB
XLSX_MAX_PENDING_FORMULAS = 100_000  # formula cells without a cached value tracked
MAX_PRICE_FEN = 10**10  # 100 million yuan
KEPT_IN_REPORT = 500  # rejected rows kept in memory for display (all are in the staging file)
CHUNK = 20_000
PRICE_WORDS = ("收费标准", "价格", "单价", "医疗机构", "医院", "元", "￥")

_FAST_PRICE = re.compile(r"(\d{1,9})(?:\.(\d{1,2}))?")
_SPACES = re.compile(r"[\s\u3000]+")
_ASCII_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{3,}")


# --- texts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A message in both languages (the core's texts; front ends pick one)."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


REASONS: dict[str, tuple[str, str]] = {
    "code_empty": ("编码为空", "the code is empty"),
    "bad_code": (
        "编码“{value}”不符合格式 {detail}",
        "code {value!r} does not have the expected shape {detail}",
    ),
    "name_empty": ("名称为空", "the name is empty"),
    "missing_price": ("没有价格", "no price"),
    "not_a_number": ("“{value}”不是数字", "{value!r} is not a number"),
    "not_finite": (
        "“{value}”不是有限数（NaN 或无穷）",
        "{value!r} is not a finite number (NaN or infinity)",
    ),
    "negative": ("“{value}”为负数", "{value!r} is negative"),
    "too_large": ("“{value}”超过1亿元", "{value!r} is above 100 million yuan"),
    "unknown_class": ("未知的医保类别“{value}”", "unknown insurance class {value!r}"),
    "class_empty": ("医保类别为空", "the insurance class is empty"),
    "share_range": ("自付比例“{value}”不在0–1之间", "share {value!r} is outside 0–1"),
    "grade_unmapped": (
        "医院等级“{value}”无法对应到本程序的级别（请在映射文件的 grades 中补充）",
        "hospital grade {value!r} does not map to a level (add it to the mapping's grades)",
    ),
    "duplicate": ("编码重复（首次出现在第{detail}行）", "duplicate code (first on row {detail})"),
    "conflict": (
        "同一编码与第{detail}行的目录信息不一致",
        "the same code has other catalogue terms on row {detail}",
    ),
    "formula_no_value": (
        "公式单元格没有计算结果（请在 Excel 中重新计算并保存）",
        "a formula cell without a cached value (recalculate and save it in Excel)",
    ),
    "line_too_long": ("该行超过1 MiB，未读取", "the line is longer than 1 MiB; not read"),
    "too_many_columns": (
        "该行有{value}列，多于表头列数",
        "the row has {value} columns, more than the header",
    ),
    "mixed_encoding": (
        "该行的编码（{value}）与文件（{detail}）不同",
        "the line is in another encoding ({value}) than the file ({detail})",
    ),
    "unknown_origin": ("未知的产地“{value}”", "unknown origin {value!r}"),
    "kind_differs": (
        "编码已用于另一类项目（{value}）",
        "the code already names an item of another kind ({value})",
    ),
}


def reason_text(reason: str, value: str = "", detail: str = "") -> Text:
    zh, en = REASONS[reason]
    return Text(zh.format(value=value, detail=detail), en.format(value=value, detail=detail))


class ImportFileError(Exception):
    """The file cannot be imported at all (not read, wrong headers, hostile); says why."""

    def __init__(self, zh: str, en: str) -> None:
        self.text = Text(zh, en)
        super().__init__(en)


# --- mappings ---------------------------------------------------------------------------------


def _norm_header(text: Any) -> str:
    """Header text as compared: no spaces, ASCII brackets, no trailing colon."""
    out = _SPACES.sub("", str(text if text is not None else ""))
    return out.replace("（", "(").replace("）", ")").replace("：", "").rstrip(":")


@dataclass
class Mapping:
    kind: str
    name_zh: str
    name_en: str
    item_kind: str
    slot: str
    outputs: tuple[str, ...]
    columns: dict[str, list[str]]
    required: tuple[str, ...]
    grades: dict[str, tuple[str, ...]]
    classes: dict[str, str]
    code_pattern: re.Pattern[str]
    origins: dict[str, str] = field(default_factory=dict)
    default_lists: dict[str, str] = field(default_factory=dict)
    new_list_suffix: str = "import"
    price_required: bool = False
    class_from_share: bool = False
    default_class: str | None = None
    share_percent: bool = False
    name_with_spec: bool = False
    source: str = ""  # which file(s) the mapping came from


MAPPING_KEYS = {
    "kind",
    "name_zh",
    "name_en",
    "item_kind",
    "slot",
    "outputs",
    "columns",
    "required",
    "grades",
    "classes",
    "code_pattern",
    "origins",
    "default_lists",
    "new_list_suffix",
    "price_required",
    "class_from_share",
    "default_class",
    "share_percent",
    "name_with_spec",
}


def default_mapping_path(kind: str) -> Path:
    return Path(str(resources.files("estimator_gui") / "importmaps" / f"{kind}.yaml"))


def load_mapping(kind: str, user_file: Path | None = None) -> Mapping:
    """The default mapping of a kind, with a user mapping file's keys over it (its `columns`,
    `grades`, `classes` and `origins` entries merged with the defaults, the rest replaced)."""
    if kind not in KINDS:
        raise ImportFileError(
            f"未知的导入类型 {kind}（可选：{'、'.join(KINDS)}）",
            f"unknown kind {kind!r} (one of {', '.join(KINDS)})",
        )
    raw: dict[str, Any] = yamlio.load(default_mapping_path(kind))
    source = f"importmaps/{kind}.yaml"
    if user_file is not None:
        try:
            extra = yamlio.load(user_file)
        except (OSError, ValueError) as exc:
            raise ImportFileError(
                f"无法读取映射文件 {user_file}：{exc}",
                f"cannot read the mapping {user_file}: {exc}",
            ) from None
        if not isinstance(extra, dict):
            raise ImportFileError(
                f"映射文件 {user_file} 应为键值映射", f"the mapping {user_file} must be a mapping"
            )
        unknown = sorted(set(extra) - MAPPING_KEYS)
        if unknown:
            raise ImportFileError(
                f"映射文件 {user_file}：未知的键 {unknown[0]}",
                f"mapping {user_file}: unknown key {unknown[0]!r}",
            )
        for key, value in extra.items():
            if key in ("columns", "grades", "classes", "origins") and isinstance(value, dict):
                raw[key] = {**(raw.get(key) or {}), **value}
            else:
                raw[key] = value
        source += f" + {user_file.name}"
    where = source
    try:
        columns = {
            str(k): [str(h) for h in (v or [])] for k, v in (raw.get("columns") or {}).items()
        }
        bad = sorted(set(columns) - set(FIELDS))
        if bad:
            raise ValueError(f"columns: unknown field {bad[0]!r} (fields: {', '.join(FIELDS)})")
        grades: dict[str, tuple[str, ...]] = {}
        for label, levels in (raw.get("grades") or {}).items():
            levels = [levels] if isinstance(levels, str) else list(levels or [])
            wrong = [lv for lv in levels if lv not in LEVELS]
            if wrong:
                raise ValueError(f"grades.{label}: {wrong[0]!r} is not one of {', '.join(LEVELS)}")
            grades[_norm_header(label)] = tuple(levels)
        classes = {_SPACES.sub("", str(k)): str(v) for k, v in (raw.get("classes") or {}).items()}
        wrong_classes = sorted(set(classes.values()) - {"甲", "乙", "丙", "-"})
        if wrong_classes:
            raise ValueError(f"classes: {wrong_classes[0]!r} is not 甲/乙/丙/-")
        mapping = Mapping(
            kind=kind,
            name_zh=str(raw["name_zh"]),
            name_en=str(raw["name_en"]),
            item_kind=str(raw["item_kind"]),
            slot=str(raw["slot"]),
            outputs=tuple(raw.get("outputs") or ()),
            columns=columns,
            required=tuple(raw.get("required") or ("code", "name")),
            grades=grades,
            classes=classes,
            code_pattern=re.compile(str(raw["code_pattern"])),
            origins={str(k): str(v) for k, v in (raw.get("origins") or {}).items()},
            default_lists={str(k): str(v) for k, v in (raw.get("default_lists") or {}).items()},
            new_list_suffix=str(raw.get("new_list_suffix") or "import"),
            price_required=bool(raw.get("price_required", False)),
            class_from_share=bool(raw.get("class_from_share", False)),
            default_class=raw.get("default_class"),
            share_percent=bool(raw.get("share_percent", False)),
            name_with_spec=bool(raw.get("name_with_spec", False)),
            source=source,
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ImportFileError(
            f"映射 {where} 有误：{exc}", f"mapping {where} is not valid: {exc}"
        ) from None
    if mapping.item_kind not in ("drug", "service", "consumable"):
        raise ImportFileError(
            f"映射 {where}：item_kind 有误",
            f"mapping {where}: item_kind must be drug/service/consumable",
        )
    return mapping


# --- reading tables ---------------------------------------------------------------------------

# A raw row: (row number as the spreadsheet or editor shows it, cell values as text or None,
# cells that cannot be read {column index: reason}, a problem with the whole row)
RawRow = tuple[int, list[str | None], dict[int, str] | None, tuple[str, str, str] | None]


@dataclass
class Table:
    file: str
    format: str  # csv | xlsx
    encoding: str | None  # csv: what was detected, said in the report
    sheet: str | None
    sheets: list[str]
    rows: Iterator[RawRow]
    notes: list[Text] = field(default_factory=list)
    close: Callable[[], None] = lambda: None


def _detect_encoding(path: Path) -> tuple[str, str, bool, bool]:
    """(codec, label, mixed, long_lines): UTF-8 (with or without BOM) when every line decodes as
    UTF-8, else GBK or GB18030; `mixed` when some lines are UTF-8 and others not; `long_lines` when
    a line is longer than MAX_LINE_BYTES (then lines are read one by one, in bounded pieces)."""
    long_lines = False
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8_ok = True
        run = 0  # bytes since the last newline
        while chunk := handle.read(1 << 22):
            if utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if not long_lines:
                first = chunk.find(b"\n")
                if first < 0:
                    run += len(chunk)
                else:
                    last = chunk.rfind(b"\n")
                    longest = max(run + first, len(chunk) - last - 1)
                    if last > first and not _newline_every(chunk, first, last, MAX_LINE_BYTES // 2):
                        longest = max(longest, max(map(len, chunk[first + 1 : last].split(b"\n"))))
                    run = len(chunk) - last - 1
                    if longest >= MAX_LINE_BYTES:
                        long_lines = True
                if run >= MAX_LINE_BYTES:
                    long_lines = True
        if utf8_ok:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
        if utf8_ok:
            label = ("utf-8-sig", "UTF-8 (BOM)") if bom else ("utf-8", "UTF-8")
            return label[0], label[1], False, long_lines
        handle.seek(0)
        utf8 = other = 0
        gbk = True
        while line := handle.readline(MAX_LINE_BYTES):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                utf8 += 1
            except UnicodeDecodeError:
                other += 1
                if gbk:
                    try:
                        line.decode("gbk")
                    except UnicodeDecodeError:
                        gbk = False
    gb = ("gbk", "GBK") if gbk else ("gb18030", "GB18030")
    if utf8 > other:
        return ("utf-8-sig" if bom else "utf-8", "UTF-8", other > 0, long_lines)
    return (gb[0], gb[1], utf8 > 0, long_lines)


def _newline_every(chunk: bytes, start: int, end: int, step: int) -> bool:
    """Does every `step` bytes of chunk[start:end] hold a newline? Then no line in it is as long
    as 2 × step (such a line would cover a whole step without one): a few finds per chunk
    instead of splitting it into lines."""
    return all(chunk.find(b"\n", at, at + step) >= 0 for at in range(start, end, step))


def _csv_rows(path: Path) -> Table:
    codec, label, mixed, long_lines = _detect_encoding(path)
    handle = path.open("rb")
    fast = not mixed and not long_lines  # one encoding, every line short: read at C speed
    wrapper: list[io.TextIOWrapper | None] = [None]

    def close() -> None:
        (wrapper[0] or handle).close()

    flagged: dict[int, tuple[str, str]] = {}  # line number → (reason, value)
    counter = [0]
    primary_utf8 = codec.startswith("utf-8")
    other_label = "GBK/GB18030" if primary_utf8 else "UTF-8"

    def lines() -> Iterator[str]:
        first = True
        while True:
            raw = handle.readline(MAX_LINE_BYTES)
            if not raw:
                return
            counter[0] += 1
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while True:  # skip the rest of the line in bounded pieces
                    more = handle.readline(MAX_LINE_BYTES)
                    if not more or more.endswith(b"\n"):
                        break
                flagged[counter[0]] = ("line_too_long", "")
                yield "\n"
                continue
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            first = False
            if mixed and not raw.isascii():
                try:
                    text = raw.decode("utf-8")
                    in_primary = primary_utf8
                except UnicodeDecodeError:
                    text = raw.decode("gb18030", errors="replace")
                    in_primary = not primary_utf8
                if not in_primary:
                    flagged[counter[0]] = ("mixed_encoding", other_label)
                yield text
                continue
            try:
                yield raw.decode(codec)
            except UnicodeDecodeError:
                flagged[counter[0]] = ("mixed_encoding", other_label)
                yield raw.decode(codec, errors="replace")

    csv.field_size_limit(MAX_LINE_BYTES)

    def rows() -> Iterator[RawRow]:
        source: Iterator[str]
        if fast:
            source = wrapper[0] = io.TextIOWrapper(
                handle, encoding=codec, errors="strict", newline=""
            )
        else:
            source = lines()
        reader = csv.reader(source)
        start = 1
        try:
            for values in reader:
                end = reader.line_num
                problem: tuple[str, str, str] | None = None
                if flagged:
                    for n in range(start, end + 1):
                        if n in flagged:
                            reason, value = flagged.pop(n)
                            problem = (reason, value, label)
                            break
                if problem is None and len(values) > MAX_COLUMNS:
                    problem = ("too_many_columns", str(len(values)), "")
                    values = []
                yield start, values, None, problem  # type: ignore[misc]  # (no cast call per row)
                start = end + 1
        except UnicodeDecodeError as exc:  # the file changed since its encoding was detected
            raise ImportFileError(
                f"CSV 第{start}行无法按 {label} 解码：{exc}",
                f"CSV row {start} cannot be decoded as {label}: {exc}",
            ) from None
        except csv.Error as exc:
            raise ImportFileError(
                f"CSV 第{start}行无法解析：{exc}", f"CSV row {start} cannot be parsed: {exc}"
            ) from None

    notes = [Text(f"文件编码：{label}", f"encoding: {label}")]
    if mixed:
        notes.append(
            Text(
                f"文件混用了两种编码：按 {label} 读取，其余编码的行被拒绝",
                f"the file mixes encodings: read as {label}; lines in the other encoding are rejected",
            )
        )
    return Table(path.name, "csv", label, None, [], rows(), notes, close)


def _check_zip(path: Path) -> zipfile.ZipFile:
    """Open an XLSX as a zip after checking its members (a zip bomb is refused before reading)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} 不是有效的 XLSX 文件（可能已截断或损坏）：{exc}",
            f"{path.name} is not a valid XLSX file (truncated or damaged?): {exc}",
        ) from None
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    problem = None
    if len(infos) > XLSX_MAX_MEMBERS:
        problem = (f"包含 {len(infos)} 个成员", f"it has {len(infos)} members")
    elif total > XLSX_MAX_TOTAL:
        problem = (f"解压后共 {total} 字节", f"it expands to {total} bytes")
    else:
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > XLSX_MAX_MEMBER or (
                info.file_size > (1 << 20) and ratio > XLSX_MAX_RATIO
            ):
                problem = (
                    f"成员 {info.filename} 解压后 {info.file_size} 字节（压缩比 {ratio:.0f}）",
                    f"member {info.filename} expands to {info.file_size} bytes (ratio {ratio:.0f})",
                )
                break
    if problem:
        archive.close()
        raise ImportFileError(
            f"{path.name} 疑似压缩炸弹，拒绝读取：{problem[0]}",
            f"{path.name} looks like a zip bomb and is refused: {problem[1]}",
        )
    if "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise ImportFileError(
            f"{path.name} 不是 Excel 工作簿（缺少 xl/workbook.xml）",
            f"{path.name} is not an Excel workbook (no xl/workbook.xml)",
        )
    return archive


def _sheet_members(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, member path) in workbook order."""
    ns_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ns_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    import xml.etree.ElementTree as ET

    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError) as exc:
        raise ImportFileError(
            f"工作簿结构无法读取：{exc}", f"the workbook's structure cannot be read: {exc}"
        ) from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = []
    for sheet in book.iter(f"{{{ns_main}}}sheet"):
        target = targets.get(sheet.get(f"{{{ns_rel}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out.append((sheet.get("name", ""), member))
    return out


def _column_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n


def _scan_sheet(archive: zipfile.ZipFile, member: str) -> set[tuple[int, int]]:
    """Stream a sheet's XML before openpyxl reads it: refuse rows wider than MAX_COLUMNS (openpyxl
    would hold a whole row in memory) and find formula cells without a cached value."""
    pending: set[tuple[int, int]] = set()
    state = {"row": 0, "col": 0, "cells": 0, "f": False, "v": False}
    too_wide: list[int] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "c":
            ref = attrs.get("r")
            state["col"] = _column_index(ref) if ref else state["col"] + 1
            state["cells"] += 1
            state["f"] = state["v"] = False
            if state["cells"] > MAX_COLUMNS or state["col"] > 16384:
                too_wide.append(state["row"])
                raise _Stop
        elif local == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = state["cells"] = 0
        elif local == "f":
            state["f"] = True
        elif local in ("v", "is"):
            state["v"] = True

    def end(name: str) -> None:
        if name.rsplit(":", 1)[-1] == "c" and state["f"] and not state["v"]:
            pending.add((state["row"], state["col"]))
            if len(pending) > XLSX_MAX_PENDING_FORMULAS:
                raise _Stop

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        if too_wide:
            raise ImportFileError(
                f"工作表第{too_wide[0]}行超过 {MAX_COLUMNS} 列，拒绝读取",
                f"sheet row {too_wide[0]} has more than {MAX_COLUMNS} columns; refused",
            ) from None
        raise ImportFileError(
            f"工作表中没有计算结果的公式单元格超过 {XLSX_MAX_PENDING_FORMULAS} 个（请在 Excel 中重新计算并保存）",
            f"more than {XLSX_MAX_PENDING_FORMULAS} formula cells have no cached value (recalculate and save in Excel)",
        ) from None
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(
            f"工作表 XML 无法读取（文件可能已截断或损坏）：{exc}",
            f"the sheet's XML cannot be read (truncated or damaged?): {exc}",
        ) from None
    return pending


class _Stop(Exception):
    pass


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path, sheet: str | None, mapping: Mapping) -> Table:
    archive = _check_zip(path)
    members = _sheet_members(archive)
    if not members:
        archive.close()
        raise ImportFileError(f"{path.name} 没有工作表", f"{path.name} has no sheet")
    names = [n for n, _ in members]
    if sheet is not None and sheet not in names:
        archive.close()
        raise ImportFileError(
            f"{path.name} 没有工作表“{sheet}”（有：{'、'.join(names)}）",
            f"{path.name} has no sheet {sheet!r} (it has {', '.join(names)})",
        )
    import openpyxl

    candidates = [m for m in members if sheet is None or m[0] == sheet]
    chosen: tuple[str, str] | None = None
    pending: set[tuple[int, int]] = set()
    for name, member in candidates:  # the first sheet whose header has the required columns
        if member not in archive.namelist():
            continue
        pending = _scan_sheet(archive, member)
        if len(candidates) == 1:
            chosen = (name, member)
            break
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            head = [
                list(r)
                for _, r in zip(
                    range(HEADER_SEARCH_ROWS), book[name].iter_rows(values_only=True), strict=False
                )
            ]
        finally:
            book.close()
        if _find_header([[_cell_text(v) for v in r] for r in head], mapping) is not None:
            chosen = (name, member)
            break
    archive.close()
    if chosen is None:
        chosen = candidates[0]
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ImportFileError(
            f"{path.name} 无法打开：{exc}", f"{path.name} cannot be opened: {exc}"
        ) from None
    worksheet = book[chosen[0]]

    def rows() -> Iterator[RawRow]:
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                bad = None
                if pending:
                    bad = {c - 1: "formula_no_value" for (r, c) in pending if r == number} or None
                yield number, cells, bad, None
        except (zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError, TypeError) as exc:
            raise ImportFileError(
                f"工作表读取中断（文件可能已截断或损坏）：{exc}",
                f"reading the sheet failed (truncated or damaged?): {exc}",
            ) from None

    notes = [
        Text(
            f"工作表：{chosen[0]}（共 {len(names)} 个：{'、'.join(names)}）",
            f"sheet: {chosen[0]} (of {len(names)}: {', '.join(names)})",
        )
    ]
    if pending:
        notes.append(
            Text(
                f"{len(pending)} 个公式单元格没有计算结果：所在行被拒绝",
                f"{len(pending)} formula cells have no cached value: their rows are rejected",
            )
        )
    notes.append(
        Text(
            "公式单元格按 Excel 保存的计算结果读取，从不重新计算",
            "formula cells are read as the values Excel saved; never evaluated",
        )
    )
    return Table(path.name, "xlsx", None, chosen[0], names, rows(), notes, book.close)


def open_table(path: Path, mapping: Mapping, sheet: str | None = None) -> Table:
    if not path.is_file():
        raise ImportFileError(f"找不到文件 {path}", f"file not found: {path}")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic.startswith(b"PK"):
        return _xlsx_rows(path, sheet, mapping)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFileError(
            f"{path.name} 不是有效的 XLSX 文件（可能已截断或损坏）",
            f"{path.name} is not a valid XLSX file (truncated or damaged?)",
        )
    if path.suffix.lower() == ".xls" or magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"{path.name} 是旧版 Excel（.xls）：请另存为 .xlsx 或 CSV",
            f"{path.name} is an old Excel file (.xls): save it as .xlsx or CSV",
        )
    return _csv_rows(path)


# --- headers ----------------------------------------------------------------------------------


@dataclass
class Columns:
    """Where each field is in the file (column indexes) and the grade columns (wide format)."""

    header_row: int
    headers: list[str]
    fields: dict[str, int]
    wide: list[tuple[int, tuple[str, ...]]]  # (column, levels) in file order
    unmapped_grades: list[tuple[int, str]]  # price columns whose grade does not map
    ignored: list[str]  # headers no field uses

    def preview(self) -> list[tuple[str, str]]:
        """(what, header) for the report: every field found and every grade column."""
        out = [(name, self.headers[i]) for name, i in self.fields.items()]
        out += [
            ("price:" + "+".join(levels or ("ignored",)), self.headers[i])
            for i, levels in self.wide
        ]
        out += [("price:?", self.headers[i]) for i, _ in self.unmapped_grades]
        return out


def _grade_token(header: str) -> str:
    token = header
    for word in PRICE_WORDS:
        token = token.replace(word, "")
    return token.replace("(", "").replace(")", "").replace("[", "").replace("]", "")


def _match_columns(
    headers: list[str], mapping: Mapping
) -> tuple[dict[str, int], list[tuple[int, tuple[str, ...]]], list[tuple[int, str]]]:
    norm = [_norm_header(h) for h in headers]
    fields: dict[str, int] = {}
    taken: set[int] = set()
    for name, aliases in mapping.columns.items():
        for alias in aliases:
            key = _norm_header(alias)
            if key in norm and norm.index(key) not in taken:
                fields[name] = norm.index(key)
                taken.add(fields[name])
                break
    wide: list[tuple[int, tuple[str, ...]]] = []
    unmapped: list[tuple[int, str]] = []
    if "price" in mapping.outputs or "price" in mapping.columns:
        for i, h in enumerate(norm):
            if i in taken or not h:
                continue
            token = _grade_token(h)
            if h in mapping.grades:
                wide.append((i, mapping.grades[h]))
            elif (token in mapping.grades and token != h) or (
                token in mapping.grades and any(w in h for w in PRICE_WORDS)
            ):
                wide.append((i, mapping.grades[token]))
            elif token and token != h and any(w in h for w in ("价格", "单价", "收费标准")):
                unmapped.append((i, token))
    return fields, wide, unmapped


def _find_header(rows: list[list[str | None]], mapping: Mapping) -> Columns | None:
    for index, row in enumerate(rows):
        headers = [str(v).strip() if v is not None else "" for v in row]
        fields, wide, unmapped = _match_columns(headers, mapping)
        if all(f in fields for f in mapping.required):
            used = set(fields.values()) | {i for i, _ in wide} | {i for i, _ in unmapped}
            return Columns(
                header_row=index,
                headers=headers,
                fields=fields,
                wide=wide,
                unmapped_grades=unmapped,
                ignored=[h for i, h in enumerate(headers) if h and i not in used],
            )
    return None


# --- values -----------------------------------------------------------------------------------


def parse_money(text: str) -> tuple[int | None, str | None]:
    """Yuan text → (fen, None) or (None, reason). Empty → (None, None)."""
    text = text.strip()
    m = _FAST_PRICE.fullmatch(text)
    if m:
        whole, frac = m.groups()
        fen = int(whole) * 100 + (int(frac.ljust(2, "0")) if frac else 0)
        return (fen, None) if fen <= MAX_PRICE_FEN else (None, "too_large")
    cleaned = (
        text.replace(",", "")
        .replace("，", "")
        .replace("元", "")
        .replace("￥", "")
        .replace("¥", "")
        .strip()
    )
    if cleaned in ("", "-", "—", "/", "－", "无"):
        return None, None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, "not_a_number"
    if not value.is_finite():
        return None, "not_finite"
    if value < 0:
        return None, "negative"
    if value > MAX_PRICE_FEN / 100:
        return None, "too_large"
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), None


@lru_cache(maxsize=4096)  # a list holds few distinct shares: parse each once
def parse_share(text: str, percent: bool) -> tuple[str | None, str | None]:
    """A share paid first → (decimal text in 0–1, None) or (None, reason). '10%' is 0.1."""
    text = text.strip()
    if text in ("", "-", "—", "/"):
        return None, None
    is_percent = text.endswith(("%", "％"))
    try:
        value = Decimal(text.rstrip("%％").strip())
    except InvalidOperation:
        return None, "not_a_number"
    if not value.is_finite():
        return None, "not_finite"
    if is_percent or percent:
        value = value / 100
    if value < 0 or value > 1:
        return None, "share_range"
    return str(value.normalize()) if value != 0 else "0", None


def drug_part(category: str | None, code: str) -> str:
    """Which part of the drug list: 西药 (X…), 中成药 (Z…), else 饮片 (as loader._drug_part)."""
    head = (category or code)[:1]
    return "western" if head == "X" else "patent" if head == "Z" else "herbal"


# --- the check ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejected:
    file: str
    sheet: str | None
    row: int
    column: str
    reason: str
    value: str
    detail: str = ""

    def text(self) -> Text:
        return reason_text(self.reason, self.value, self.detail)


@dataclass
class Target:
    """The list an import adds an edition to."""

    kind: str  # catalog | price
    list_id: str
    new: bool  # the list is created by this import
    name_zh: str  # the edition's name
    name_en: str
    list_name_zh: str
    list_name_en: str
    local_to: list[str]
    edition_id: str
    current: list[
        tuple[str, str | None]
    ]  # (edition id, part or None) in force before, compared with
    later: str | None  # a later edition that will supersede this one, if any


@dataclass
class Diff:
    added: int = 0
    removed: int = 0
    reclassed: int = 0
    repriced: int = 0
    unchanged: int = 0
    examples: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=dict
    )  # what → (code, name, change)


@dataclass
class Report:
    file: str
    kind: str
    format: str
    encoding: str | None
    sheet: str | None
    mapping: str
    header_row: int
    columns: list[tuple[str, str]]  # (field, header): the preview of the mapping
    ignored_headers: list[str]
    notes: list[Text]
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    rejected_rows: list[Rejected] = field(default_factory=list)  # the first KEPT_IN_REPORT
    new_items: int = 0
    targets: list[Target] = field(default_factory=list)
    diffs: dict[str, Diff] = field(default_factory=dict)  # catalog / price
    start: dt.date = dt.date(2000, 1, 1)

    @property
    def can_apply(self) -> bool:
        return self.accepted > 0


@dataclass
class Plan:
    """A checked file, its staged rows and the report: apply it or discard it."""

    report: Report
    mapping: Mapping
    staging: updates.TempFile
    source_id: str
    file_sha256: str
    label: str
    tier: str
    parts: list[str] | None
    active: Path
    active_stamp: str
    bundled: Path
    user_dir: Path
    place: Place
    links: list[tuple[str, str]]  # (region, what) linked to a new list
    copy: updates.Copy | None = None  # the active database, copied while the file was checked

    def iter_rejected(self) -> Iterator[Rejected]:
        """Every rejected row (not only those kept in the report)."""
        conn = sqlite3.connect(self.staging.path)
        try:
            for row in conn.execute(
                "SELECT row, sheet, col, reason, value, detail FROM rejected ORDER BY row, rowid"
            ):
                yield Rejected(self.report.file, row[1], row[0], row[2], row[3], row[4], row[5])
        finally:
            conn.close()

    def discard(self) -> None:
        # the copy first: its work reads the staging file (and ATTACH would create it anew)
        if self.copy is not None:
            self.copy.release()
        self.staging.release()


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Place:
    local_to: str  # a province (as region.province), a region id, or national
    slug: str
    regions: list[str]  # region ids whose lists an import for this place feeds


def find_place(conn: sqlite3.Connection, province: str | None) -> Place:
    regions = conn.execute("SELECT id, province, province_en FROM regions").fetchall()
    if province is None or province.lower() == "national":
        return Place("national", "national", [r[0] for r in regions])
    wanted = province.strip()
    english: dict[str, set[str]] = {}
    for _, prov, prov_en in regions:
        english.setdefault((prov_en or "").lower(), set()).add(prov)
    for rid, prov, prov_en in regions:
        if wanted == prov or (
            wanted.lower() == (prov_en or "").lower() and len(english[wanted.lower()]) == 1
        ):
            slug = _slug(prov_en or rid)
            if len(english[(prov_en or "").lower()]) > 1:  # two provinces, one English name
                slug += "-" + hashlib.sha1(prov.encode()).hexdigest()[:6]
            return Place(prov, slug, [r[0] for r in regions if r[1] == prov])
    if any(r[0] == wanted for r in regions):
        return Place(wanted, _slug(wanted), [wanted])
    provinces = sorted({r[1] for r in regions})
    raise ImportFileError(
        f"未知的省份或地区“{province}”（可选：{'、'.join(provinces)}，或地区编号）",
        f"unknown province or region {province!r} (one of {', '.join(provinces)}, or a region id)",
    )


def _editions(
    conn: sqlite3.Connection, kind: str, list_id: str
) -> list[tuple[str, str, list[str] | None]]:
    return [
        (r[0], r[1], json.loads(r[2]) if r[2] else None)
        for r in conn.execute(
            "SELECT id, start, parts FROM list_editions WHERE kind = ? AND list_id = ? ORDER BY start",
            (kind, list_id),
        )
    ]


def _lists(
    mapping: Mapping,
    outputs: list[str],
    place: Place,
    province: str | None,
    list_id: str | None,
) -> dict[str, str]:
    """The list each output goes to: the one named, else the province's own, else the mapping's."""
    if list_id is not None:
        return {k: list_id for k in outputs}
    if place.local_to != "national":
        return {k: f"{place.slug}-{mapping.new_list_suffix}" for k in outputs}
    lists = dict(mapping.default_lists)
    for out in outputs:
        if out not in lists:
            if province is None:
                raise ImportFileError(
                    f"{mapping.name_zh}需要指定省份（--province）或目录（--list）",
                    f"a {mapping.name_en} needs --province or --list",
                )
            lists[out] = f"{place.slug}-{mapping.new_list_suffix}"
    return lists


def _target(
    conn: sqlite3.Connection,
    kind: str,
    list_id: str,
    place: Place,
    start: dt.date,
    parts: list[str] | None,
    mapping: Mapping,
    name: str | None,
) -> Target:
    row = conn.execute(
        "SELECT name_zh, name_en, local_to, search FROM lists WHERE kind = ? AND id = ?",
        (kind, list_id),
    ).fetchone()
    if row is not None and row[3]:
        raise ImportFileError(
            f"{list_id} 是组合目录（依次查找 {row[3]}），请用 --list 指定其中的基础目录",
            f"{list_id} is a composite (it searches {row[3]}); name one of its base lists with --list",
        )
    editions = _editions(conn, kind, list_id) if row else []
    iso = start.isoformat()
    if any(s == iso for _, s, _ in editions):
        raise ImportFileError(
            f"{list_id} 已有 {iso} 起的版本：请换一个起始日期（--from），或先回退",
            f"{list_id} already has an edition from {iso}: choose another start date (--from) or roll back first",
        )
    before = [e for e in editions if e[1] < iso]
    later = next((e[0] for e in editions if e[1] > iso), None)
    current: list[tuple[str, str | None]] = []
    if before:
        if all(p is None for _, _, p in before) or parts is None:
            current = [(before[-1][0], None)]
        else:
            covered: set[str] = set()
            for eid, _, eparts in reversed(before):
                for p in eparts or []:
                    if p in parts and p not in covered:
                        current.append((eid, p))
                        covered.add(p)
    if row is None:
        where = "全国" if place.local_to == "national" else place.local_to
        title_zh = f"{where}{mapping.name_zh.split('（')[0]}（导入）"
        title_en = f"{mapping.name_en.split(' (')[0]} ({place.local_to}, imported)"
        local_to = [place.local_to]
    else:
        title_zh, title_en, local_to = row[0], row[1], json.loads(row[2] or "[]")
    label = name or ""
    return Target(
        kind=kind,
        list_id=list_id,
        new=row is None,
        name_zh=label or f"{title_zh.removesuffix('（导入）')}（{iso}起，导入）",
        name_en=label or f"{title_en.removesuffix(', imported)')}, from {iso}, imported)"
        if title_en.endswith(", imported)")
        else f"{title_en} (from {iso}, imported)",
        list_name_zh=title_zh,
        list_name_en=title_en,
        local_to=local_to,
        edition_id=f"{list_id}@{iso}",
        current=current,
        later=later,
    )


def _uses_parts(conn: sqlite3.Connection, list_id: str) -> bool:
    """Does the list judge drug parts (the drug list: each part by its newest edition)?"""
    return any(p is not None for _, _, p in _editions(conn, "catalog", list_id))


def _normalise_header_rows(table: Table, mapping: Mapping) -> tuple[Columns, list[RawRow]]:
    head: list[RawRow] = []
    for raw in table.rows:
        head.append(raw)
        if raw[3] is None and len(raw[1]) > MAX_COLUMNS:
            raise ImportFileError(
                f"第{raw[0]}行超过 {MAX_COLUMNS} 列",
                f"row {raw[0]} has more than {MAX_COLUMNS} columns",
            )
        found = _find_header([raw[1]], mapping)
        if found is not None:
            found.header_row = raw[0]
            return found, head
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    seen = [h for r in head[:5] for h in r[1] if h]
    needed = [f"{f}（{'/'.join(mapping.columns.get(f, [])[:4])}）" for f in mapping.required]
    raise ImportFileError(
        "找不到表头：需要列 "
        + "、".join(needed)
        + f"；文件前几行为：{'、'.join(seen[:20]) or '（空）'}",
        "no header row found: needs columns "
        + ", ".join(f"{f} ({'/'.join(mapping.columns.get(f, [])[:4])})" for f in mapping.required)
        + f"; the first rows hold: {', '.join(seen[:20]) or '(empty)'}",
    )


STAGING_SQL = """
CREATE TABLE st_row(row INTEGER PRIMARY KEY, code TEXT, name TEXT, unit TEXT, category TEXT,
    origin TEXT, part TEXT, aliases TEXT, extra TEXT, class TEXT, cap INTEGER, share TEXT,
    restriction TEXT);
CREATE TABLE st_price(row INTEGER, code TEXT, level TEXT, fen INTEGER);
CREATE TABLE rejected(row INTEGER, sheet TEXT, col TEXT, reason TEXT, value TEXT, detail TEXT);
"""


def check_file(
    path: Path,
    kind: str,
    *,
    bundled: Path,
    user_dir: Path,
    mapping_file: Path | None = None,
    province: str | None = None,
    list_id: str | None = None,
    start: dt.date | None = None,
    label: str = "",
    name: str | None = None,
    sheet: str | None = None,
    tier: str = "official",
    today: dt.date | None = None,
) -> Plan:
    """Read and validate `path` against the active database; stage the accepted rows. Changes
    nothing: apply the returned plan with `apply()`, or `plan.discard()` it."""
    mapping = load_mapping(kind, mapping_file)
    if tier not in ("official", "secondary", "estimate"):
        raise ImportFileError(f"未知的来源等级 {tier}", f"unknown tier {tier!r}")
    start = start or (today or dt.date.today())
    active = updates.resolve(bundled, user_dir)
    if not active.path.exists():
        raise ImportFileError(
            f"参考数据库 {active.path} 不存在", f"the reference database {active.path} is missing"
        )
    table = open_table(path, mapping, sheet)
    staging = updates.TempFile(user_dir, "import")
    copy: updates.Copy | None = None
    try:
        # the copy apply() changes is made meanwhile, in a thread (the kernel copies and zlib
        # sums while this one reads the file); apply() uses it if the data did not change
        copy = updates.Copy(user_dir, active.path)
        plan = _check(
            path,
            table,
            mapping,
            staging,
            copy,
            active,
            bundled,
            user_dir,
            province,
            list_id,
            start,
            label,
            name,
            tier,
            today,
        )
        plan.copy = copy
        return plan
    except BaseException:
        if copy is not None:  # first: its work reads the staging file (Plan.discard)
            copy.release()
        staging.release()
        raise
    finally:
        table.close()


def _check(
    path: Path,
    table: Table,
    mapping: Mapping,
    staging: updates.TempFile,
    copy: updates.Copy | None,
    active: updates.Active,
    bundled: Path,
    user_dir: Path,
    province: str | None,
    list_id: str | None,
    start: dt.date,
    label: str,
    name: str | None,
    tier: str,
    today: dt.date | None,
) -> Plan:
    columns, head = _normalise_header_rows(table, mapping)
    if (
        mapping.price_required
        and not columns.wide
        and "price" not in columns.fields
        and not columns.unmapped_grades
    ):
        raise ImportFileError(
            "找不到价格列（如 价格(三级)、三甲、价格）",
            "no price column found (e.g. 价格(三级), 三甲, 价格)",
        )
    outputs = []
    has_class = "class" in columns.fields or (
        mapping.class_from_share and ("share" in columns.fields or "pay_cap" in columns.fields)
    )
    if "catalog" in mapping.outputs and (
        has_class or (mapping.default_class and "class" not in mapping.required)
    ):
        outputs.append("catalog")
    if "price" in mapping.outputs and (
        columns.wide or "price" in columns.fields or columns.unmapped_grades
    ):
        outputs.append("price")
    if not outputs:
        raise ImportFileError(
            "文件中既没有医保类别也没有价格，无可导入的内容",
            "the file has neither an insurance class nor a price: nothing to import",
        )
    report = Report(
        file=table.file,
        kind=mapping.kind,
        format=table.format,
        encoding=table.encoding,
        sheet=table.sheet,
        mapping=mapping.source,
        header_row=columns.header_row,
        columns=columns.preview(),
        ignored_headers=columns.ignored,
        notes=list(table.notes),
        start=start,
    )
    if "class" not in columns.fields and "catalog" in outputs:
        report.notes.append(
            Text(
                "文件没有医保类别列：按自付比例推定（0 为甲类，大于0为乙类，缺省为"
                + str(mapping.default_class)
                + "）",
                f"no class column: the class follows from the share (0: 甲, above 0: 乙, none: {mapping.default_class})",
            )
        )
    if "catalog" in mapping.outputs and "catalog" not in outputs:
        report.notes.append(Text("文件没有医保类别列：只导入价格", "no class column: prices only"))
    for i, grade in columns.unmapped_grades:
        report.notes.append(
            Text(
                f"价格列“{columns.headers[i]}”的等级“{grade}”无法对应：该列有价格的行被拒绝",
                f"price column {columns.headers[i]!r}: grade {grade!r} does not map; rows with a price there are rejected",
            )
        )

    digest = updates.Background(_sha256, path).__enter__()  # the file's hash meanwhile
    # a long timeout: while the copy's thread reads the staged rows (below), a write here waits
    conn = sqlite3.connect(staging.path, isolation_level=None, timeout=600)
    settled = _Settled()
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        # the index's sort on two cores (0.52 → 0.38 s for 1,000,000 rows)
        conn.execute("PRAGMA threads = 2")
        conn.executescript(STAGING_SQL)
        conn.execute("BEGIN")
        _stage(conn, table, head, columns, mapping, outputs, report)
        conn.execute("COMMIT")
        # covering what the compare with the edition in force and the new edition's rows read:
        # both then go through the rows in code order, without a look-up per row (1,000,000
        # rows: 2.5 s for the edition's rows before, 0.9 s now; the compare 1.4 s, now 1.1 s)
        conn.execute("CREATE INDEX st_row_code ON st_row(code, class, cap, share, restriction)")
        conn.execute("CREATE INDEX st_price_key ON st_price(code, level, fen)")
        conn.execute("ATTACH DATABASE ? AS cur", (f"file:{active.path}?mode=ro",))
        place = find_place(conn, province)
        lists = _lists(mapping, outputs, place, province, list_id)
        # the editions (checked now; a drug list's parts, known below, change only what is compared)
        targets = [
            _target(conn, out, lists[out], place, start, None, mapping, name) for out in outputs
        ]
        sha = digest.result()
        now = today or dt.date.today()
        source_id = f"import-{now.isoformat()}-{mapping.kind}-{start.isoformat()}-{sha[:10]}"
        if copy is not None:
            # the new edition's rows go into the copy on another core while duplicates and
            # codes of another kind are looked for here; the codes those remove are then written
            # again (`settled`), so the copy ends with exactly the rows that stay
            editions = list(targets)  # (a drug list's targets are made again below)
            copy.prepare(
                lambda db, stop: _add_edition_rows(
                    db, staging.path, editions, source_id, settled, stop
                )
            )
        conn.execute("BEGIN")
        dropped = _dedupe(conn, columns, table, report)
        conn.execute("COMMIT")
        dropped += _kind_clashes(conn, mapping, table, report)
        settled.set(dropped)
        if mapping.item_kind == "drug":  # an item already known keeps its part of the list
            conn.execute("BEGIN")
            conn.execute(
                "UPDATE st_row SET part = (SELECT i.part FROM cur.items i WHERE i.code = st_row.code) "
                "WHERE EXISTS (SELECT 1 FROM cur.items i WHERE i.code = st_row.code AND i.part IS NOT NULL)"
            )
            conn.execute("COMMIT")
        report.accepted = conn.execute("SELECT COUNT(*) FROM st_row").fetchone()[0]
        report.rejected = conn.execute("SELECT COUNT(DISTINCT row) FROM rejected").fetchone()[0]
        report.rejected_rows = [
            Rejected(table.file, r[1], r[0], r[2], r[3], r[4], r[5])
            for r in conn.execute(
                f"SELECT row, sheet, col, reason, value, detail FROM rejected ORDER BY row, rowid LIMIT {KEPT_IN_REPORT}"
            )
        ]
        parts: list[str] | None = None
        if mapping.item_kind == "drug":
            parts = sorted(r[0] for r in conn.execute("SELECT DISTINCT part FROM st_row") if r[0])
            targets = [
                _target(
                    conn,
                    out,
                    lists[out],
                    place,
                    start,
                    parts if out == "catalog" else None,
                    mapping,
                    name,
                )
                for out in outputs
            ]
        report.targets = targets
        catalog_target = next((t for t in report.targets if t.kind == "catalog"), None)
        if catalog_target is None or not _uses_parts(conn, catalog_target.list_id):
            parts = None  # a list without parts judges only the items it has rows for
        for target in report.targets:
            if target.later:
                report.notes.append(
                    Text(
                        f"{target.list_id} 有更晚的版本 {target.later}：本版本只适用到其开始之前",
                        f"{target.list_id} has a later edition {target.later}: this one applies only until it starts",
                    )
                )
        for target in report.targets:
            report.diffs[target.kind] = _diff(conn, target, parts)
        links, _ = _links(conn, report.targets, mapping, place, dry=True)
        if links:
            report.notes.append(
                Text(
                    f"新目录将用于 {len({r for r, _ in links})} 个地区",
                    f"the new list is used by {len({r for r, _ in links})} regions",
                )
            )
        stamp = (updates.read_meta(active.path) or {}).get("updated_at", "")
    finally:
        conn.close()
        digest.__exit__()
    return Plan(
        report=report,
        mapping=mapping,
        staging=staging,
        source_id=source_id,
        file_sha256=sha,
        label=label,
        tier=tier,
        parts=parts or None,
        active=active.path,
        active_stamp=stamp,
        bundled=bundled,
        user_dir=user_dir,
        place=place,
        links=links,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _stage(
    conn: sqlite3.Connection,
    table: Table,
    head: list[RawRow],
    columns: Columns,
    mapping: Mapping,
    outputs: list[str],
    report: Report,
) -> None:
    """Validate every data row; write accepted rows to st_row/st_price, rejected ones to rejected."""
    f = columns.fields
    headers = columns.headers
    width = len(headers)
    c_code, c_name = f["code"], f.get("name")
    c_unit, c_cat, c_class = f.get("unit"), f.get("category"), f.get("class")
    c_share, c_cap, c_restr = f.get("share"), f.get("pay_cap"), f.get("restriction")
    c_grade, c_price = f.get("grade"), f.get("price")
    c_spec, c_maker, c_appr, c_origin = (
        f.get("spec"),
        f.get("maker"),
        f.get("approval"),
        f.get("origin"),
    )
    blank = width  # every row is padded so that v[blank] == ""
    i_code, i_name, i_unit, i_cat, i_class, i_share, i_cap, i_restr, i_grade, i_price = (
        blank if c is None else c
        for c in (c_code, c_name, c_unit, c_cat, c_class, c_share, c_cap, c_restr, c_grade, c_price)
    )
    i_spec, i_maker, i_appr, i_origin = (
        blank if c is None else c for c in (c_spec, c_maker, c_appr, c_origin)
    )
    catalog = "catalog" in outputs
    prices_out = "price" in outputs
    wide = columns.wide
    unmapped = columns.unmapped_grades
    long_format = c_grade is not None and c_price is not None
    single_price = c_price is not None and not long_format
    pattern = mapping.code_pattern.fullmatch
    classes = mapping.classes
    item_kind = mapping.item_kind
    is_drug = item_kind == "drug"
    is_consumable = item_kind == "consumable"
    share_percent, name_with_spec = mapping.share_percent, mapping.name_with_spec
    strip = str.strip
    texts_only = table.format == "csv"  # every cell a str (an XLSX cell may be None)
    sheet = table.sheet
    rows_out: list[tuple[Any, ...]] = []
    prices_buf: list[tuple[Any, ...]] = []
    rejected: list[tuple[Any, ...]] = []
    read = 0

    def flush() -> None:
        _insert_many(conn, "st_row", rows_out, ST_ROW_VALUES)
        _insert_many(conn, "st_price", prices_buf)
        _insert_many(conn, "rejected", rejected)
        rows_out.clear()
        prices_buf.clear()
        rejected.clear()

    def reject(
        number: int, col: int | None, reason: str, value: str = "", detail: str = ""
    ) -> None:
        rejected.append(
            (
                number,
                sheet,
                headers[col] if col is not None and col < width else "",
                reason,
                value[:200],
                detail,
            )
        )
        if len(rejected) >= CHUNK:
            flush()

    after_header = False
    source: Iterator[RawRow] = iter(head)
    for stream in (source, table.rows):
        for number, values, bad, problem in stream:
            if not after_header:
                if number == columns.header_row:
                    after_header = True
                continue
            if problem is not None:
                read += 1
                reject(number, None, problem[0], problem[1], problem[2])
                continue
            if not any(values):
                continue
            read += 1
            if bad:
                col = next(
                    (c for c in sorted(bad) if c in f.values() or any(c == w for w, _ in wide)),
                    None,
                )
                if col is not None:
                    reject(number, col, bad[col])
                    continue
            if len(values) > width and any(values[width:]):
                reject(number, None, "too_many_columns", str(len(values)))
                continue
            v = (
                list(map(strip, values))  # type: ignore[arg-type]  # (every cell a str)
                if texts_only
                else [x.strip() if x else "" for x in values]
            )
            n = len(v)
            if n == width:  # the usual row: one blank at v[width]
                v.append("")
            elif n < width:
                v.extend([""] * (width + 1 - n))
            code = v[i_code]
            if not code:
                reject(number, c_code, "code_empty")
                continue
            if not pattern(code):
                reject(number, c_code, "bad_code", code, mapping.code_pattern.pattern)
                continue
            name = v[i_name]
            if not name:
                reject(number, c_name, "name_empty")
                continue
            cls: str | None = None
            share: str | None = None
            cap: int | None = None
            if c_share is not None:
                text = v[i_share]
                share, why = parse_share(text, share_percent)
                if why:
                    reject(number, c_share, why, text)
                    continue
            if c_cap is not None and v[i_cap]:  # an empty cap is no cap (as parse_money says)
                text = v[i_cap]
                cap, why = parse_money(text)
                if why:
                    reject(number, c_cap, why, text)
                    continue
            if catalog:
                if c_class is not None:
                    text = _SPACES.sub("", v[i_class])
                    if not text and mapping.class_from_share:
                        cls = _class_from_share(share, mapping)
                    elif not text:
                        reject(number, c_class, "class_empty")
                        continue
                    else:
                        cls = classes.get(text)
                        if cls is None:
                            reject(number, c_class, "unknown_class", text)
                            continue
                else:
                    cls = _class_from_share(share, mapping)
            levels_prices: list[tuple[str, int]] = []
            if prices_out:
                failed = False
                if long_format:
                    grade = _norm_header(v[i_grade])
                    text = v[i_price]
                    fen, why = parse_money(text)
                    if why:
                        reject(number, c_price, why, text)
                        continue
                    levels = mapping.grades.get(grade) if grade else ("all",)
                    if levels is None:
                        reject(number, c_grade, "grade_unmapped", v[i_grade])
                        continue
                    if fen is not None:
                        levels_prices = [(lv, fen) for lv in levels]
                else:
                    seen: set[str] = set()
                    for col, levels in wide:
                        text = v[col]
                        if not text:
                            continue
                        fen, why = parse_money(text)
                        if why:
                            reject(number, col, why, text)
                            failed = True
                            break
                        if fen is None:
                            continue
                        for lv in levels:
                            if lv not in seen:
                                seen.add(lv)
                                levels_prices.append((lv, fen))
                    if failed:
                        continue
                    for col, grade in unmapped:
                        if v[col]:
                            reject(number, col, "grade_unmapped", grade)
                            failed = True
                            break
                    if failed:
                        continue
                    if single_price:
                        text = v[i_price]
                        fen, why = parse_money(text)
                        if why:
                            reject(number, c_price, why, text)
                            continue
                        if fen is not None and "all" not in seen:
                            levels_prices.append(("all", fen))
                if not levels_prices and mapping.price_required:
                    price_col = c_price if c_price is not None else (wide[0][0] if wide else None)
                    reject(number, price_col, "missing_price")
                    continue
            origin = None
            if c_origin is not None:
                text = v[i_origin]
                if text:
                    origin = mapping.origins.get(text)
                    if origin is None:
                        reject(number, c_origin, "unknown_origin", text)
                        continue
            category = v[i_cat] or None
            if category is None and (is_drug or is_consumable) and code[:1] in "XZC":
                category = code[:6] if is_drug else code[:10]
            spec = v[i_spec]
            item_name = f"{name}（{spec}）" if spec and name_with_spec else name
            approval = _ASCII_CODE.search(v[i_appr]) if c_appr is not None else None
            maker, extra_spec = v[i_maker], "" if name_with_spec else spec
            extra = f"{maker} {extra_spec}" if maker and extra_spec else maker or extra_spec
            rows_out.append(  # "" and -1 stand for NULL where ST_ROW_VALUES says (faster to bind)
                (
                    number,
                    code,
                    item_name,
                    v[i_unit],
                    category or "",
                    "\x00" if origin is None else origin,
                    drug_part(category, code) if is_drug else "",
                    approval.group(0) if approval else "",  # 国药准字H20003263 → H20003263
                    extra,
                    cls,
                    -1 if cap is None else cap,
                    share or "",
                    v[i_restr],
                )
            )
            if levels_prices:
                prices_buf += [(number, code, level, fen) for level, fen in levels_prices]
            if len(rows_out) >= CHUNK:
                flush()
    flush()
    report.rows_read = read


# a staged row as _stage binds it: None costs the sqlite3 module an adaptation look-up per value
# (≈0.2 µs), so the columns that are NULL or a non-empty text (or a cap ≥ 0) are bound as "" (or
# -1; the origin, any text the mapping names, as NUL) and turned back into NULL here
ST_ROW_VALUES = (
    "(?,?,?,NULLIF(?,''),NULLIF(?,''),NULLIF(?,char(0)),NULLIF(?,''),?,?,?,NULLIF(?,-1),"
    "NULLIF(?,''),NULLIF(?,''))"
)


def _insert_many(
    conn: sqlite3.Connection, table: str, rows: list[tuple[Any, ...]], one: str | None = None
) -> None:
    """Insert rows (tuples of one width; `one`: the VALUES of one row, else all bound as they
    are) in order, many to a statement: SQLite's cost per statement is paid once for up to 2,000
    rows (≈20% less than one row at a time)."""
    if not rows:
        return
    width = len(rows[0])
    one = one or "(" + ",".join("?" * width) + ")"
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(len(rows), limit // width, 2000))
    full = len(rows) // per * per
    chain = itertools.chain.from_iterable
    if full:
        conn.executemany(
            f"INSERT INTO {table} VALUES " + ",".join([one] * per),
            [tuple(chain(rows[i : i + per])) for i in range(0, full, per)],
        )
    if full < len(rows):
        conn.executemany(f"INSERT INTO {table} VALUES {one}", rows[full:])


def _class_from_share(share: str | None, mapping: Mapping) -> str | None:
    if share is None:
        return mapping.default_class
    return "甲" if share == "0" else "乙"  # parse_share writes a zero share as "0"


def _dedupe(conn: sqlite3.Connection, columns: Columns, table: Table, report: Report) -> list[str]:
    """Duplicate codes: a later row is rejected (naming the first). In the long format (a grade
    column) a code may repeat for other grades if its catalogue terms agree. Returns the codes
    of the rows rejected."""
    long_format = "grade" in columns.fields and "price" in columns.fields
    header = columns.headers[columns.fields["code"]]
    drop: list[tuple[int, str, str]] = []
    dups = conn.execute("SELECT code FROM st_row GROUP BY code HAVING COUNT(*) > 1").fetchall()
    for (code,) in dups:
        rows = conn.execute(
            "SELECT row, class, cap, share, restriction FROM st_row WHERE code = ? ORDER BY row",
            (code,),
        ).fetchall()
        first = rows[0]
        if not long_format:
            drop += [(r[0], "duplicate", str(first[0])) for r in rows[1:]]
            continue
        levels: dict[str, int] = {
            lv: first[0]
            for (lv,) in conn.execute("SELECT level FROM st_price WHERE row = ?", (first[0],))
        }
        for r in rows[1:]:
            if tuple(r[1:]) != tuple(first[1:]):
                drop.append((r[0], "conflict", str(first[0])))
                continue
            mine = [
                lv for (lv,) in conn.execute("SELECT level FROM st_price WHERE row = ?", (r[0],))
            ]
            clash = [lv for lv in mine if lv in levels]
            if clash:
                drop.append((r[0], "duplicate", str(levels[clash[0]])))
                continue
            for lv in mine:
                levels[lv] = r[0]
            conn.execute("DELETE FROM st_row WHERE row = ?", (r[0],))  # kept: its prices only
            conn.execute("UPDATE st_price SET row = ? WHERE row = ?", (first[0], r[0]))
    codes = []
    for row, reason, detail in drop:
        code = conn.execute("SELECT code FROM st_row WHERE row = ?", (row,)).fetchone()
        conn.execute(
            "INSERT INTO rejected VALUES (?,?,?,?,?,?)",
            (row, table.sheet, header, reason, code[0] if code else "", detail),
        )
        conn.execute("DELETE FROM st_row WHERE row = ?", (row,))
        conn.execute("DELETE FROM st_price WHERE row = ?", (row,))
        if code:
            codes.append(code[0])
    return codes


def _kind_clashes(
    conn: sqlite3.Connection, mapping: Mapping, table: Table, report: Report
) -> list[str]:
    """A code that already names an item of another kind is rejected (a service code in a
    consumables list would otherwise be re-read as a consumable). Counts the new items too.
    Returns the codes rejected."""
    new, clashing = conn.execute(
        "SELECT TOTAL(i.code IS NULL), TOTAL(i.kind != ?) FROM st_row s LEFT JOIN cur.items i ON i.code = s.code",
        (mapping.item_kind,),
    ).fetchone()
    report.new_items = int(new)
    if not clashing:
        return []
    clashes = conn.execute(
        "SELECT s.row, s.code, i.kind FROM st_row s JOIN cur.items i ON i.code = s.code WHERE i.kind != ?",
        (mapping.item_kind,),
    ).fetchall()
    if not clashes:
        return []
    conn.execute("BEGIN")
    for row, code, kind in clashes:
        conn.execute(
            "INSERT INTO rejected VALUES (?,?,?,?,?,?)",
            (row, table.sheet, "", "kind_differs", kind, code),
        )
        conn.execute("DELETE FROM st_row WHERE row = ?", (row,))
        conn.execute("DELETE FROM st_price WHERE row = ?", (row,))
    conn.execute("COMMIT")
    return [code for _, code, _ in clashes]


def _current_sql(target: Target) -> tuple[str, list[Any]]:
    """SQL selecting the compared-with rows (code, …) of the editions in force before the import."""
    table = "catalog_entries" if target.kind == "catalog" else "prices"
    key = "catalog" if target.kind == "catalog" else "price_list"
    pieces, params = [], []
    for eid, part in target.current:
        if part is None:
            pieces.append(f"SELECT c.* FROM cur.{table} c WHERE c.{key} = ?")
            params.append(eid)
        else:
            pieces.append(
                f"SELECT c.* FROM cur.{table} c JOIN cur.items i ON i.code = c.code WHERE c.{key} = ? AND i.part = ?"
            )
            params += [eid, part]
    if not pieces:
        pieces.append(f"SELECT c.* FROM cur.{table} c WHERE 0")
    return " UNION ALL ".join(pieces), params


def _drop_cur_rows(conn: sqlite3.Connection) -> None:
    for (kind,) in conn.execute(
        "SELECT type FROM temp.sqlite_master WHERE name = 'cur_rows'"
    ).fetchall():
        conn.execute(f"DROP {kind.upper()} temp.cur_rows")


def _diff(conn: sqlite3.Connection, target: Target, parts: list[str] | None) -> Diff:
    """The staged rows against the edition(s) in force before: one pass over each side, then a few
    examples of each kind of change that occurs."""
    cur_sql, params = _current_sql(target)
    _drop_cur_rows(conn)
    if len(target.current) == 1 and target.current[0][1] is None:  # one edition: read in place
        literal = cur_sql.replace("?", "'" + str(params[0]).replace("'", "''") + "'")
        conn.execute(f"CREATE TEMP VIEW cur_rows AS {literal}")
    else:  # drug parts: the union of each part's edition, copied once
        conn.execute(f"CREATE TEMP TABLE cur_rows AS {cur_sql}", params)
        conn.execute("CREATE INDEX temp.cur_rows_code ON cur_rows(code)")
    diff = Diff()

    def sample(sql: str) -> list[tuple[str, str, str]]:
        return [
            (str(r[0]), str(r[1] or ""), str(r[2] or "")) for r in conn.execute(sql + " LIMIT 8")
        ]

    if target.kind == "catalog":
        joined = (
            "FROM st_row s LEFT JOIN cur_rows c ON c.code = s.code AND c.class != '-' "
            "WHERE s.class IS NOT NULL"
        )
        # one pass over the staged rows; the rows the file no longer has follow from how many
        # rows in force were matched (codes are unique on both sides: deduplicated here, a
        # primary key there), not from a second pass looking each of them up
        row = conn.execute(
            "SELECT TOTAL(s.class IS NOT NULL AND c.code IS NULL), TOTAL(c.class != s.class), "
            "TOTAL(c.class = s.class AND c.pay_cap_fen IS NOT s.cap), "
            "TOTAL(c.class = s.class AND c.pay_cap_fen IS s.cap AND c.item_share IS s.share), "
            "TOTAL(c.code IS NOT NULL) "
            "FROM st_row s LEFT JOIN cur_rows c ON c.code = s.code AND c.class != '-'"
        ).fetchone()
        diff.added, diff.reclassed, diff.repriced, diff.unchanged, matched = (int(x) for x in row)
        in_force = conn.execute("SELECT COUNT(*) FROM cur_rows WHERE class != '-'").fetchone()[0]
        diff.removed = in_force - matched
        queries = {
            "added": f"SELECT s.code, s.name, s.class {joined} AND c.code IS NULL ORDER BY s.row",
            "removed": "SELECT c.code, i.name_zh, c.class FROM cur_rows c LEFT JOIN cur.items i ON "
            "i.code = c.code WHERE c.class != '-' AND NOT EXISTS (SELECT 1 FROM st_row s WHERE "
            "s.code = c.code) ORDER BY c.code",
            "reclassed": f"SELECT s.code, s.name, c.class || ' → ' || s.class {joined} "
            "AND c.class != s.class ORDER BY s.row",
            "repriced": "SELECT s.code, s.name, IFNULL(c.pay_cap_fen / 100.0, '—') || ' → ' || "
            f"IFNULL(s.cap / 100.0, '—') {joined} AND c.class = s.class AND c.pay_cap_fen IS NOT s.cap "
            "ORDER BY s.row",
        }
    else:
        joined = "FROM st_price s LEFT JOIN cur_rows c ON c.code = s.code AND c.level = s.level"
        row = conn.execute(
            f"SELECT TOTAL(c.price_fen != s.fen), TOTAL(c.price_fen = s.fen) {joined}"
        ).fetchone()
        diff.repriced, diff.unchanged = (int(x) for x in row)
        new = "FROM (SELECT DISTINCT code FROM st_price) s WHERE NOT EXISTS (SELECT 1 FROM cur_rows c WHERE c.code = s.code)"
        diff.added = conn.execute(f"SELECT COUNT(*) {new}").fetchone()[0]
        gone = "FROM (SELECT DISTINCT code FROM cur_rows) c WHERE NOT EXISTS (SELECT 1 FROM st_price s WHERE s.code = c.code)"
        diff.removed = conn.execute(f"SELECT COUNT(*) {gone}").fetchone()[0]
        queries = {
            "added": "SELECT s.code, r.name, s.level || ' ' || (s.fen / 100.0) FROM st_price s JOIN st_row r "
            "ON r.row = s.row WHERE NOT EXISTS (SELECT 1 FROM cur_rows c WHERE c.code = s.code) ORDER BY s.row",
            "removed": f"SELECT c.code, i.name_zh, '' {gone.replace('FROM (SELECT DISTINCT code FROM cur_rows) c', 'FROM (SELECT DISTINCT code FROM cur_rows) c LEFT JOIN cur.items i USING (code)')} ORDER BY c.code",
            "repriced": "SELECT s.code, r.name, s.level || ' ' || (c.price_fen / 100.0) || ' → ' || (s.fen / 100.0) "
            f"{joined} JOIN st_row r ON r.row = s.row WHERE c.price_fen != s.fen ORDER BY s.row",
        }
    counts = {
        "added": diff.added,
        "removed": diff.removed,
        "reclassed": diff.reclassed,
        "repriced": diff.repriced,
    }
    diff.examples = {k: sample(q) for k, q in queries.items() if counts[k]}
    _drop_cur_rows(conn)
    return diff


def _links(
    conn: sqlite3.Connection,
    targets: list[Target],
    mapping: Mapping,
    place: Place,
    *,
    dry: bool,
    prefix: str = "cur.",
) -> tuple[list[tuple[str, str]], list[str]]:
    """Make a NEW base list reachable: every region of the place searches it first. A price list is
    put first in each region's price_lists; a catalogue is put first in the region's composite for
    the slot (when only regions of the place use that composite), else the region gets a composite
    of its own: [the new list, what it searched before]. Returns ((region, what changed), the
    composites created)."""
    changes: list[tuple[str, str]] = []
    new = [t for t in targets if t.new]
    if not new:
        return changes, []
    rules = {
        r[0]: json.loads(r[1]) for r in conn.execute(f"SELECT id, rules_json FROM {prefix}regions")
    }
    composites = {
        r[0]: json.loads(r[1])
        for r in conn.execute(
            f"SELECT id, search FROM {prefix}lists WHERE kind = 'catalog' AND search IS NOT NULL"
        )
    }
    users: dict[str, set[str]] = {}
    for rid, raw in rules.items():
        users.setdefault(raw["region"]["catalogs"].get(mapping.slot, ""), set()).add(rid)
    in_place = set(place.regions)
    changed_regions: dict[str, Any] = {}
    changed_lists: dict[str, list[str]] = {}
    created_lists: dict[str, list[str]] = {}
    for target in new:
        for rid in place.regions:
            raw = changed_regions.get(rid) or rules[rid]
            region = raw["region"]
            if target.kind == "price":
                if target.list_id not in region["price_lists"]:
                    region["price_lists"] = [target.list_id, *region["price_lists"]]
                    changed_regions[rid] = raw
                    changes.append((rid, f"price_lists: +{target.list_id}"))
                continue
            current = region["catalogs"].get(mapping.slot)
            if current is None:
                region["catalogs"][mapping.slot] = target.list_id
                changed_regions[rid] = raw
                changes.append((rid, f"catalogs.{mapping.slot} = {target.list_id}"))
                continue
            members = (
                changed_lists.get(current) or created_lists.get(current) or composites.get(current)
            )
            if members is not None and target.list_id in members:
                continue
            if members is not None and users.get(current, set()) <= in_place:
                changed_lists[current] = [target.list_id, *members]
                changes.append((rid, f"{current}: +{target.list_id}"))
                continue
            own = f"{current}+{target.list_id}"
            if own not in created_lists:
                created_lists[own] = [
                    target.list_id,
                    *(members if members is not None else [current]),
                ]
            region["catalogs"][mapping.slot] = own
            changed_regions[rid] = raw
            changes.append((rid, f"catalogs.{mapping.slot} = {own}"))
    if not dry:
        for rid, raw in changed_regions.items():
            conn.execute(
                "UPDATE regions SET rules_json = ? WHERE id = ?",
                (json.dumps(raw, ensure_ascii=False, default=str), rid),
            )
        for lid, members in changed_lists.items():
            conn.execute(
                "UPDATE lists SET search = ? WHERE kind = 'catalog' AND id = ?",
                (json.dumps(members), lid),
            )
        for lid, members in created_lists.items():
            first = next(t for t in new if t.kind == "catalog")
            conn.execute(
                "INSERT INTO lists(id, kind, name_zh, name_en, local_to, search, note, caveat) VALUES (?,?,?,?,?,?,?,?)",
                (
                    lid,
                    "catalog",
                    first.list_name_zh,
                    first.list_name_en,
                    None,
                    json.dumps(members),
                    "made by an import",
                    None,
                ),
            )
    return changes, list(created_lists)


# --- apply -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    path: Path
    editions: list[str]
    new_items: int
    rows: dict[str, int]  # catalog / price rows added


def apply(plan: Plan) -> Applied:
    """Add the plan's accepted rows as new editions: build a new database file from the active
    one, check it, swap it in (the previous one is kept for rollback). Discards the plan."""
    try:
        return _apply(plan)
    finally:
        plan.discard()


def _apply(plan: Plan) -> Applied:
    if not plan.report.can_apply:
        raise ImportFileError("没有可导入的行", "no accepted rows to import")
    stamp = (updates.read_meta(updates.resolve(plan.bundled, plan.user_dir).path) or {}).get(
        "updated_at", ""
    )
    if (
        updates.resolve(plan.bundled, plan.user_dir).path != plan.active
        or stamp != plan.active_stamp
        or (plan.copy is not None and not plan.copy.of(plan.active))  # another file there now
    ):
        raise ImportFileError(
            "检查之后数据已有变化：请重新检查文件",
            "the data changed since the file was checked: check it again",
        )
    report = plan.report
    added: dict[str, int] = {}
    new_items = [0]

    def mutate(conn: sqlite3.Connection) -> updates.Expect:
        conn.execute("ATTACH DATABASE ? AS st", (str(plan.staging.path),))
        kinds = {t.kind for t in report.targets}
        tables: tuple[str, ...] = ("sources", "lists", "list_editions")
        tables += ("catalog_entries",) if "catalog" in kinds else ()
        tables += ("prices",) if "price" in kinds else ()
        present = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        # the check counted the new items on this very database (the data did not change since:
        # its stamp above, and an update's copy is of the same file)
        new_codes = plan.report.new_items > 0
        if new_codes:  # items and the search tables are counted only when the import adds to them
            tables += ("items", "search")
            tables += tuple(t for t in ("search_gram", "search_key") if t in present)
        before = updates.table_counts(conn, tables)
        # the copy check_file made, with the new rows added meanwhile (else None: add them here)
        prepared = plan.copy.prepared if plan.copy is not None else None
        if prepared is not None:
            before.update(prepared["before"])
        today = dt.date.today().isoformat()
        conn.execute(
            "INSERT INTO sources(id, title, url, document, date, tier, note) VALUES (?,?,?,?,?,?,?)",
            (
                plan.source_id,
                plan.label or report.file,
                None,
                report.file,
                today,
                plan.tier,
                f"导入 {report.file}（sha256 {plan.file_sha256[:16]}…，{report.format}"
                + (f"，工作表 {report.sheet}" if report.sheet else "")
                + f"，映射 {report.mapping}）于 {today}"
                + (f"，由 {plan.label}" if plan.label else "")
                + f"；{report.accepted} 行接受，{report.rejected} 行拒绝",
            ),
        )
        new_lists = 0
        checks: list[tuple[str, tuple[Any, ...], str]] = []
        for target in report.targets:
            if target.new:
                new_lists += 1
                conn.execute(
                    "INSERT INTO lists(id, kind, name_zh, name_en, local_to, search, note, caveat) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        target.list_id,
                        target.kind,
                        target.list_name_zh,
                        target.list_name_en,
                        json.dumps(target.local_to, ensure_ascii=False),
                        None,
                        f"made by importing {report.file}",
                        None,
                    ),
                )
            if prepared is not None:
                n = prepared["added"][(target.kind, target.edition_id)]
            else:
                n = _edition_rows(conn, target, plan.source_id)
            added[target.kind] = n
            conn.execute(
                "INSERT INTO list_editions(kind, id, list_id, start, in_force_from, parts, name_zh, name_en, document, source_id, rows) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    target.kind,
                    target.edition_id,
                    target.list_id,
                    report.start.isoformat(),
                    report.start.isoformat(),
                    json.dumps(plan.parts) if target.kind == "catalog" and plan.parts else None,
                    target.name_zh,
                    target.name_en,
                    report.file,
                    plan.source_id,
                    n,
                ),
            )
            table, key = EDITION_KEY[target.kind]
            checks.append(
                (
                    f"SELECT (SELECT rows FROM list_editions WHERE kind = ? AND id = ?) = (SELECT COUNT(*) FROM {table} WHERE {key} = ?) AND ? > 0",
                    (target.kind, target.edition_id, target.edition_id, n),
                    f"edition {target.edition_id}: row count does not match",
                )
            )
        _, composites = _links(
            conn, report.targets, plan.mapping, plan.place, dry=False, prefix="main."
        )
        created = len(composites)
        n_search = (
            _add_search_rows(conn, plan.mapping.item_kind)
            if new_codes
            else {"search": 0, "search_gram": 0, "search_key": 0}
        )
        n_items = 0
        if new_codes:
            n_items = conn.execute(
                "INSERT INTO items(code, kind, name_zh, name_en, unit, category, origin, aliases, part) "
                "SELECT s.code, ?, s.name, NULL, s.unit, s.category, s.origin, s.aliases, s.part "
                "FROM st.st_row s WHERE NOT EXISTS (SELECT 1 FROM main.items i WHERE i.code = s.code) "
                "ORDER BY s.code",
                (plan.mapping.item_kind,),
            ).rowcount
        new_items[0] = n_items
        return updates.Expect(
            counts={
                "sources": before["sources"] + 1,
                "lists": before["lists"] + new_lists + created,
                "list_editions": before["list_editions"] + len(report.targets),
                **{t: before[t] + added.get(k, 0) for t, k in TABLE_OF.items() if t in before},
                **({"items": before["items"] + n_items} if "items" in before else {}),
                **{
                    t: before[t] + n_search[t]
                    for t in ("search", "search_gram", "search_key")
                    if t in before
                },
            },
            checks=checks,
            changed=tuple(
                t
                for t in (
                    "meta",
                    "sources",
                    "lists",
                    "list_editions",
                    "catalog_entries",
                    "prices",
                    "regions",
                    "items",
                    "search",
                    "search_gram",
                    "search_key",
                    "search_trigram_data",
                    "search_trigram_idx",
                    "search_trigram_docsize",
                )
                if t in present
                and (
                    t in before
                    or t in ("meta", "regions")
                    or (t.startswith("search") and new_codes)
                )
                and (t != "regions" or plan.links)
            ),
        )

    record = {
        "action": "import",
        "kind": report.kind,
        "file": report.file,
        "sha256": plan.file_sha256,
        "label": plan.label,
        "source": plan.source_id,
        "editions": [t.edition_id for t in report.targets],
        "accepted": report.accepted,
        "rejected": report.rejected,
    }
    result = updates.update(
        plan.bundled, plan.user_dir, mutate, record, lambda p: _verify(p, plan), plan.copy
    )
    return Applied(result.path, [t.edition_id for t in report.targets], new_items[0], added)


TABLE_OF = {"catalog_entries": "catalog", "prices": "price"}  # where each kind of edition goes
EDITION_KEY = {"catalog": ("catalog_entries", "catalog"), "price": ("prices", "price_list")}


class _Settled:
    """The codes whose staged rows changed after the copy's thread began adding them (a
    duplicate or a code of another kind was rejected): set once the check knows them."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.codes: list[str] = []

    def set(self, codes: list[str]) -> None:
        self.codes = sorted(set(codes))
        self._done.set()

    def wait(self, stop: threading.Event) -> list[str]:
        while not self._done.wait(0.05):
            if stop.is_set():
                raise updates.UpdateError("检查已取消", "the check was given up")
        return self.codes


def _edition_rows(
    conn: sqlite3.Connection,
    target: Target,
    source_id: str,
    codes: list[str] | None = None,
    first_wins: bool = False,
) -> int:
    """Add the staged rows (the staging file attached as `st`) as the target's edition, in code
    order (read from the covering index); only those of `codes` if given. `first_wins`: a code
    (a code and level) already added keeps its row, for rows not yet deduplicated."""
    verb = "INSERT OR IGNORE" if first_wins else "INSERT"
    only = f" AND code IN ({','.join('?' * len(codes))})" if codes else ""
    if target.kind == "catalog":
        sql = (
            f"{verb} INTO catalog_entries(catalog, code, class, pay_cap_fen, item_share, restriction, source_id) "
            f"SELECT ?, code, class, cap, share, restriction, ? FROM st.st_row WHERE class IS NOT NULL{only} "
            "ORDER BY code"
        )
    else:
        sql = (
            f"{verb} INTO prices(price_list, code, level, price_fen, source_id, method) "
            f"SELECT ?, code, level, fen, ?, NULL FROM st.st_price WHERE 1{only} ORDER BY code, level"
        )
    return int(conn.execute(sql, (target.edition_id, source_id, *(codes or ()))).rowcount)


def _add_edition_rows(
    db: Path,
    staging: Path,
    targets: list[Target],
    source_id: str,
    settled: _Settled,
    stop: threading.Event,
) -> dict[str, Any]:
    """The bulk of an import, done on the update's copy while the check goes on (updates.Copy):
    each target's edition rows, added as staged (first row of a code wins), then those of the
    codes the check rejected a row of (`settled`) written again from the rows that stay. Returns
    the tables' counts before and the rows added, which apply() then takes instead of adding
    them itself. Gives up when `stop` is set."""
    # (a long timeout: the check may be writing the staging file for a moment)
    conn = sqlite3.connect(db, isolation_level=None, timeout=600)
    try:
        conn.set_progress_handler(stop.is_set, 10_000)
        conn.execute("PRAGMA journal_mode = OFF")  # the copy is thrown away on any failure
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("ATTACH DATABASE ? AS st", (str(staging),))  # (read only here)
        tables = sorted({t for t, kind in TABLE_OF.items() for x in targets if x.kind == kind})
        before = updates.table_counts(conn, tuple(tables))
        conn.execute("BEGIN")
        for target in targets:
            _edition_rows(conn, target, source_id, first_wins=True)
        conn.execute("COMMIT")  # (lets go of the staging file, which the check may now write)
        codes = settled.wait(stop)
        conn.execute("BEGIN")
        for target in targets:
            table, key = EDITION_KEY[target.kind]
            for i in range(0, len(codes), 500):
                chunk = codes[i : i + 500]
                conn.execute(
                    f"DELETE FROM {table} WHERE {key} = ? AND code IN ({','.join('?' * len(chunk))})",
                    (target.edition_id, *chunk),
                )
                _edition_rows(conn, target, source_id, chunk)
        conn.execute("COMMIT")
        added = {}
        for target in targets:
            table, key = EDITION_KEY[target.kind]
            added[(target.kind, target.edition_id)] = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {key} = ?", (target.edition_id,)
            ).fetchone()[0]
        return {"before": before, "added": added}
    finally:
        conn.close()


def _add_search_rows(conn: sqlite3.Connection, kind: str) -> dict[str, int]:
    """Search rows (with pinyin) for the items the import adds, and their index rows, made by the
    build's own functions (search_index), in chunks so memory stays bounded. New rows are
    numbered after the existing ones, shorter names first (the order search lists them in)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    indexed = {"search_gram", "search_key", "search_trigram"} <= tables
    first = (conn.execute("SELECT MAX(id) FROM search").fetchone()[0] or 0) + 1
    fields = ["id", "kind", "ref", "name", "text", "py", "pyfull", "codes", "rank"]
    sql = f"INSERT INTO search({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})"
    added = {"search": 0, "search_gram": 0, "search_key": 0}
    next_id = first
    cursor = conn.execute(
        "SELECT s.code, s.name, s.aliases, s.extra FROM st.st_row s WHERE NOT EXISTS "
        "(SELECT 1 FROM main.items i WHERE i.code = s.code) ORDER BY length(s.name), s.code"
    )
    while batch := cursor.fetchmany(CHUNK):
        rows: list[dict[str, Any]] = []
        for code, name, aliases, _extra in batch:
            for row in item_rows(
                kind, code, name, [a for a in (aliases or "").split("|") if a], "", ITEM_RANK
            ):
                row["id"] = next_id
                next_id += 1
                rows.append(row)
        conn.executemany(sql, [tuple(r[f] for f in fields) for r in rows])
        added["search"] += len(rows)
        if indexed:
            ids, grams, keys = index_rows(rows)
            conn.executemany(
                "INSERT INTO search_trigram(rowid, text) SELECT id, text FROM search WHERE id = ?",
                [(i,) for i in ids],
            )
            conn.executemany(GRAM_SQL, grams)
            conn.executemany(KEY_SQL, keys)
            added["search_gram"] += len(grams)
            added["search_key"] += len(keys)
    if not indexed and "search_trigram" in tables and next_id > first:  # an older schema
        conn.execute(
            "INSERT INTO search_trigram(rowid, text) SELECT id, text FROM search WHERE id >= ?",
            (first,),
        )
    return added


def _verify(path: Path, plan: Plan) -> list[str]:
    """Open the new file as the app does and ask it for the new editions and a sample row."""
    from .catalog import Catalog, DatabaseProblem

    problems: list[str] = []
    try:
        # the page checksum was written a moment ago: read the whole file again only when small
        catalog = Catalog(
            path, check_stale=False, check_pages=path.stat().st_size <= updates.FULL_CHECK_BYTES
        )
    except DatabaseProblem as exc:
        return [exc.text_en]
    try:
        for target in plan.report.targets:
            found = [e.id for e in catalog._editions(target.kind, target.list_id)]
            if target.edition_id not in found:
                problems.append(f"edition {target.edition_id} is not found by the app")
    finally:
        catalog.close()
    return problems


__all__ = [
    "KINDS",
    "Applied",
    "Diff",
    "ImportFileError",
    "Mapping",
    "Plan",
    "Rejected",
    "Report",
    "Target",
    "Text",
    "apply",
    "check_file",
    "load_mapping",
    "parse_money",
    "parse_share",
]
