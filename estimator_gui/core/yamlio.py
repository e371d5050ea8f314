"""Reading YAML and JSON files with exact decimals (0.1 stays 0.1, never a float).

`load` reads the project's own source files. `load_document` reads a file a user hands over (a
scenario): it is refused, with one line naming the file and the cause in English and Chinese, when
it is not a regular file, larger than `MAX_BYTES`, not UTF-8, not valid YAML/JSON, or nested
deeper than `MAX_DEPTH` — before the parser could run out of memory, time or stack.
"""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1 << 20  # 1 MiB: a scenario with inline rules and a long itemised bill is ≈10 KB
MAX_DEPTH = 32  # nested mappings and lists: a scenario's inline rules go ≈12 deep

_SPECIAL = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}


class DocumentError(ValueError):
    """A file that cannot be read as a document: names the file and the cause, in both languages."""

    def __init__(self, name: str, en: str, zh: str) -> None:
        self.name = name
        self.text_en = f"{name}: {en}"
        self.text_zh = f"{name}：{zh}"
        super().__init__(self.text_en)


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(_SPECIAL.get(text.lower(), text))  # .nan / .inf: refused where they land
    except InvalidOperation:  # a YAML 1.1 float Decimal does not read, e.g. 1:30.5 (base 60)
        raise yaml.constructor.ConstructorError(
            None, None, f"cannot read {text!r} as a number", node.start_mark
        ) from None


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal: money and ratios must not go through binary floats."""


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)

_Fast: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastDecimalLoader(_Fast):  # type: ignore[misc]
    """The same, on libyaml where it is installed (4× faster on a large file)."""


_FastDecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def loads(text: str, name: str = "<text>") -> Any:
    """Parse YAML (JSON is YAML too) with decimals; errors name the line."""
    try:
        if name.endswith(".json"):
            return json.loads(text, parse_float=Decimal)
        return yaml.load(text, Loader=_DecimalLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ValueError(f"{name}: not valid YAML/JSON: {exc}".replace("\n", " ")) from None


def load(path: Path) -> Any:
    return loads(path.read_text(encoding="utf-8"), str(path))


def load_document(
    path: Path, name: str | None = None, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Any:
    """A user's YAML or JSON file (by its suffix), read within bounds; DocumentError otherwise."""
    name = name or str(path)
    text = _read_text(path, name, max_bytes)
    if path.suffix.lower() == ".json":
        return _load_json(text, name, max_depth)
    _yaml_depth(text, name, max_depth)  # first: libyaml's composer recurses and can crash
    try:
        return yaml.load(text, Loader=_FastDecimalLoader)
    except yaml.YAMLError as exc:
        raise _syntax(name, exc) from None
    except (ValueError, OverflowError) as exc:  # a date such as 2026-02-30, a 5,000-digit int
        raise DocumentError(
            name,
            f"not valid YAML: {exc}".replace("\n", " "),
            f"不是有效的 YAML：{exc}".replace("\n", " "),
        ) from None


def _read_text(path: Path, name: str, max_bytes: int) -> str:
    limit = f"{max_bytes:,} bytes"
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentError(name, "file not found", "文件不存在") from None
    except OSError as exc:
        raise DocumentError(
            name, f"cannot be read ({exc.strerror})", f"无法读取（{exc.strerror}）"
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(name, "is a folder, not a file", "是文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(
            name, "is not a regular file (a device or a pipe)", "不是普通文件（设备或管道）"
        )
    if st.st_size > max_bytes:
        raise DocumentError(
            name,
            f"too large: {st.st_size:,} bytes (the limit is {limit})",
            f"文件过大：{st.st_size:,} 字节（上限为 {max_bytes:,} 字节）",
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise DocumentError(
            name, "cannot be read (permission denied)", "无法读取（权限不足）"
        ) from None
    except OSError as exc:
        raise DocumentError(
            name, f"cannot be read ({exc.strerror})", f"无法读取（{exc.strerror}）"
        ) from None
    if len(data) > max_bytes:  # it grew while being read
        raise DocumentError(
            name, f"too large (the limit is {limit})", f"文件过大（上限为 {max_bytes:,} 字节）"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise DocumentError(
            name,
            f"not UTF-8 text (byte 0x{byte:02x} at offset {exc.start}): save it as UTF-8",
            f"不是 UTF-8 文本（第 {exc.start} 字节为 0x{byte:02x}），请另存为 UTF-8 编码"
            "（例如 GBK 文件需转换）",
        ) from None


def _yaml_depth(text: str, name: str, max_depth: int) -> None:
    """Walk the parser's events (libyaml's parser does not recurse) and stop at `max_depth`."""
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=_Fast):
            if isinstance(event, starts):
                depth += 1
                if depth > max_depth:
                    raise _too_deep(name, max_depth, event.start_mark)
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax(name, exc) from None


def _too_deep(name: str, max_depth: int, mark: Any = None) -> DocumentError:
    where_en = f" (line {mark.line + 1})" if mark is not None else ""
    where_zh = f"（第 {mark.line + 1} 行）" if mark is not None else ""
    return DocumentError(
        name,
        f"nested more than {max_depth} levels deep{where_en}",
        f"嵌套超过 {max_depth} 层{where_zh}",
    )


def _syntax(name: str, exc: yaml.YAMLError) -> DocumentError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return DocumentError(name, f"not valid YAML: {problem}", f"不是有效的 YAML：{problem}")
    return DocumentError(
        name,
        f"not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}",
        f"第 {mark.line + 1} 行第 {mark.column + 1} 列不是有效的 YAML：{problem}",
    )


def _json_constant(text: str) -> Decimal:
    return Decimal(text)  # NaN, Infinity, -Infinity: refused where they land


def _load_json(text: str, name: str, max_depth: int) -> Any:
    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            name,
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            f"第 {exc.lineno} 行第 {exc.colno} 列不是有效的 JSON：{exc.msg}",
        ) from None
    except RecursionError:
        raise _too_deep(name, max_depth) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise DocumentError(name, f"not valid JSON: {exc}", f"不是有效的 JSON：{exc}") from None
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > max_depth:
                raise _too_deep(name, max_depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return value
