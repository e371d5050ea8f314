"""A hospital's itemised bill (费用清单) from a CSV (UTF-8 with or without BOM, GBK, GB18030) or XLSX
file, read into quote lines. Every bad row is reported with its row, column and reason; the file
is taken whole or not at all (the caller applies nothing when there are problems)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .counsel import MAX_AMOUNT, MAX_QUANTITY, QuoteLine

MAX_BYTES = 5_000_000
MAX_ROWS = 5000
HEADERS = {  # the column names hospitals print, to the field they mean
    "code": ("医保编码", "项目编码", "编码", "国家编码", "医保代码", "code"),
    "name": ("项目名称", "名称", "费用名称", "药品名称", "name"),
    "quantity": ("数量", "quantity"),
    "unit_price": ("单价", "价格", "unit price", "unit_price"),
    "amount": ("金额", "合计", "amount"),
}


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet shows it (the header is row 1)
    column: str
    reason_zh: str
    reason_en: str


def read(path: Path, known: Callable[[str], bool]) -> tuple[list[QuoteLine], list[Problem], str]:
    """The file's lines, its problems, and the encoding read (or "xlsx"); `known(code)` says
    whether an item code is in the catalogue."""
    if not path.is_file():
        return [], [Problem(0, "", "不是文件", "not a file")], ""
    if path.stat().st_size > MAX_BYTES:
        return [], [Problem(0, "", "文件超过 5 MB", "larger than 5 MB")], ""
    data = path.read_bytes()
    if data[:2] == b"PK":
        try:
            table = list(_xlsx_rows(data))
        except Exception as exc:  # a damaged or hostile workbook: reported, never half-read
            return (
                [],
                [
                    Problem(
                        0,
                        "",
                        f"无法读取该 XLSX 文件（{exc.__class__.__name__}）",
                        f"the XLSX file cannot be read ({exc})",
                    )
                ],
                "xlsx",
            )
        return (*_lines(iter(table), known), "xlsx")
    text, encoding = _decode(data)
    if text is None:
        return (
            [],
            [
                Problem(
                    0,
                    "",
                    "无法识别的文字编码（支持 UTF-8、GBK、GB18030）",
                    "unknown text encoding (UTF-8, GBK and GB18030 are read)",
                )
            ],
            "",
        )
    try:
        return (*_lines(csv.reader(io.StringIO(text)), known), encoding)
    except csv.Error as exc:
        return [], [Problem(0, "", f"CSV 格式有误（{exc}）", f"malformed CSV ({exc})")], encoding


def _decode(data: bytes) -> tuple[str | None, str]:
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 reads GBK too
        try:
            return data.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "GBK/GB18030"
        except UnicodeDecodeError:
            continue
    return None, ""


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # refuse a zip bomb before opening it
        if sum(info.file_size for info in archive.infolist()) > 50 * MAX_BYTES:
            raise ValueError("the XLSX file unpacks to more than 250 MB")
    from openpyxl import load_workbook  # only when an XLSX is read

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)  # values, never formulas
    sheet = book.worksheets[0]
    for n, row in enumerate(sheet.iter_rows(values_only=True)):
        if n > MAX_ROWS + 1:
            break
        yield ["" if v is None else str(v) for v in row[:20]]


def _lines(
    rows: Iterator[list[str]], known: Callable[[str], bool]
) -> tuple[list[QuoteLine], list[Problem]]:
    problems: list[Problem] = []
    header = next(rows, None)
    if header is None:
        return [], [Problem(1, "", "文件是空的", "the file is empty")]
    columns = {field: _find(header, names) for field, names in HEADERS.items()}
    for field in ("code", "quantity"):
        if columns[field] is None:
            names = "、".join(HEADERS[field][:3])
            return [], [Problem(1, field, f"缺少“{names}”列", f"no {field} column ({names})")]
    if columns["unit_price"] is None and columns["amount"] is None:
        return [], [
            Problem(1, "unit_price", "缺少“单价”或“金额”列", "no unit price or amount column")
        ]
    lines: list[QuoteLine] = []
    for n, row in enumerate(rows, start=2):
        if n > MAX_ROWS + 1:
            problems.append(Problem(n, "", f"超过 {MAX_ROWS} 行", f"more than {MAX_ROWS} rows"))
            break
        if not any(cell.strip() for cell in row):
            continue
        cells = {f: _cell(row, columns[f]) for f in HEADERS}
        code = cells["code"]
        if not code:
            problems.append(Problem(n, "code", "编码为空", "the code is empty"))
            continue
        if not known(code):
            problems.append(
                Problem(n, "code", f"目录中没有编码 {code}", f"no item with code {code}")
            )
            continue
        quantity = _number(cells["quantity"], n, "quantity", MAX_QUANTITY, problems, positive=True)
        price = (
            _number(cells["unit_price"], n, "unit_price", MAX_AMOUNT, problems)
            if cells["unit_price"]
            else None
        )
        if price is None and cells["amount"] and quantity:
            amount = _number(cells["amount"], n, "amount", MAX_AMOUNT, problems)
            price = None if amount is None else (amount / quantity).quantize(Decimal("0.0001"))
        if quantity is None or price is None:
            if not problems or problems[-1].row != n:
                problems.append(Problem(n, "unit_price", "缺少单价", "no unit price"))
            continue
        lines.append(QuoteLine(code=code, quantity=quantity, unit_price=price))
    return lines, problems


def _cell(row: list[str], column: int | None) -> str:
    return row[column].strip() if column is not None and column < len(row) else ""


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [h.strip().lower() for h in header]
    return next((cleaned.index(n.lower()) for n in names if n.lower() in cleaned), None)


def _number(
    text: str, row: int, column: str, high: Decimal, problems: list[Problem], positive: bool = False
) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").replace("¥", "").replace("￥", ""))
    except InvalidOperation:
        problems.append(Problem(row, column, f"不是数字：{text!r}", f"not a number: {text!r}"))
        return None
    if not value.is_finite() or value < 0 or value > high or (positive and value == 0):
        problems.append(
            Problem(
                row,
                column,
                f"数值超出范围（0–{high:,.0f}）：{text}",
                f"out of range (0–{high:,.0f}): {text}",
            )
        )
        return None
    return value
