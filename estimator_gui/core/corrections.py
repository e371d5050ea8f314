"""Local corrections: a hospital's or a bureau's own confirmation or correction of one rule value or
one price for its region, kept in the user data folder apart from the bundled data, which they
outrank (the estimator applies them over the rules and prices it reads: correction_overlay.py).

A correction names its target — a value in a region's rules, by the path the explanation uses
(``schemes.employee.persons.employed.settings.inpatient.deductible.amount.level3``), or an item's
price at the treated place (code and hospital level, or ``all`` levels) — the value, the day it is
in force from, and its own source: the document (number or title) and its date, a page or a link,
the tier of that document, and the label of whoever verified it ("XX医院医保办"). "Confirming" is a
correction whose value is the bundled one: the value is then locally verified.

They live in one versioned file, ``corrections.json``, rewritten whole and atomically (a temporary
file, fsync, os.replace); the file as it was before the last change is kept beside it
(``corrections.previous.json``), so that change — an added pack included — can be undone in one step. A damaged file is set aside under a new name with a message, never silently
dropped; a file written by a newer program is neither used nor overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from .errors import CorrectionError
from .models import LEVEL_KEYS, Model

FORMAT = "estimator-corrections"
FORMAT_VERSION = 1
FILE_NAME = "corrections.json"
PREVIOUS_NAME = "corrections.previous.json"  # as it was before the last change (undo)
MAX_FILE_BYTES = 5_000_000
MAX_CORRECTIONS = 10_000
MAX_PRICE = Decimal(100_000_000)  # yuan per unit, as the price lists allow

# a plain, non-negative number (every policy value and price is one): no sign, exponent or commas
NUMBER = re.compile(r"^\d{1,12}(\.\d{1,8})?$")
MONEY = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
PATH = re.compile(r"^[^.\[\]\s]+(\.[^.\[\]\s]+|\[\d{1,4}\])*$")
_WORDS = {"null": "null", "none": "null", "无": "null", "空": "null"}
_WORDS |= {"true": "true", "是": "true", "false": "false", "否": "false"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def canonical_value(text: str) -> str:
    """The value as stored: a number without superfluous zeros ("1200.00" → "1200"), "null" for no
    value, "true"/"false", or the text as typed (trimmed)."""
    text = text.strip()
    word = _WORDS.get(text.lower())
    if word is not None:
        return word
    if NUMBER.match(text):
        return number_text(Decimal(text))
    return text


def number_text(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text if text != "-0" else "0"


# the model's own checks, each naming its field (English: Chinese)
_PATH_NEEDED = "path: give the value's path, e.g. schemes.employee.persons.employed.settings.inpatient.cap.amount"
_RULE_NO_CODE = "code: a rule value has a path, no item code or level"
_CODE_NEEDED = "code: a price needs the item's code"
_LEVEL_NEEDED = "level: a price needs a hospital level: community, level1, level2, level3 or all"
_PRICE_NO_PATH = "path: a price has an item code and a level, no path"
_PRICE_VALUE = "value: a price in yuan (digits, at most two decimals, at most 100 million)"
_SOURCE_NEEDED = "document: give the document (number or title) or a link to it"
_URL_FORM = "url: a web address starting with http:// or https://"
_ZH = {
    _PATH_NEEDED: "请填写取值的路径，如 schemes.employee.persons.employed.settings.inpatient.cap.amount",
    _RULE_NO_CODE: "规则取值只填路径，不填项目编码或医院级别",
    _CODE_NEEDED: "价格需要项目编码",
    _LEVEL_NEEDED: "价格需要医院级别：community、level1、level2、level3 或 all",
    _PRICE_NO_PATH: "价格只填项目编码和医院级别，不填路径",
    _PRICE_VALUE: "价格以元计（数字，最多两位小数，不超过1亿）",
    _SOURCE_NEEDED: "请填写文件（文号或标题）或其链接",
    _URL_FORM: "链接应以 http:// 或 https:// 开头",
}


class Correction(Model):
    """One local correction (or confirmation) with its own source."""

    id: str = Field(pattern=r"^[a-z0-9-]{4,40}$")
    kind: Literal["rule", "price"]
    region: str = Field(pattern=r"^[a-z0-9_]+$", max_length=60)
    path: str | None = Field(default=None, max_length=300)  # rule: the value's path
    code: str | None = Field(default=None, min_length=1, max_length=60)  # price: the item code
    level: str | None = None  # price: community level1 level2 level3, or all
    value: str = Field(min_length=1, max_length=200)  # canonical text (canonical_value)
    valid_from: dt.date  # in force from (estimates for earlier dates keep the bundled value)
    document: str | None = Field(default=None, max_length=200)  # 文号 or title
    document_date: dt.date
    page: str | None = Field(default=None, max_length=100)  # page, article or section
    url: str | None = Field(default=None, max_length=500)  # a link to the document
    tier: Literal["official", "secondary"] = "official"  # what the document is (models.Tier)
    author: str = Field(min_length=1, max_length=80)  # who verified it: "XX医院医保办"
    created: dt.datetime
    bundled: str | None = None  # the bundled value when the correction was made (None: none)
    note: str = Field(default="", max_length=500)

    @field_validator("document", "page", "url", "note", "author", "code", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if _CONTROL.search(value):
                raise ValueError("control characters are not allowed")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Correction:
        if self.kind == "rule":
            if not self.path or not PATH.match(self.path):
                raise ValueError(_PATH_NEEDED)
            if self.code is not None or self.level is not None:
                raise ValueError(_RULE_NO_CODE)
        else:
            if not self.code:
                raise ValueError(_CODE_NEEDED)
            if self.level not in LEVEL_KEYS:
                raise ValueError(_LEVEL_NEEDED)
            if self.path is not None:
                raise ValueError(_PRICE_NO_PATH)
            if not MONEY.match(self.value) or Decimal(self.value) > MAX_PRICE:
                raise ValueError(_PRICE_VALUE)
        if not self.document and not self.url:
            raise ValueError(_SOURCE_NEEDED)
        if self.url and not self.url.startswith(("http://", "https://")):
            raise ValueError(_URL_FORM)
        return self

    @property
    def target(self) -> str:
        """The path of a rule value, or code@level of a price."""
        return self.path if self.kind == "rule" and self.path else f"{self.code}@{self.level}"

    @property
    def key(self) -> tuple[str, str, str, dt.date]:
        """What a correction is about: two with one key say different things about one value."""
        return (self.kind, self.region, self.target, self.valid_from)

    @property
    def confirms(self) -> bool:
        """Its value is the bundled one (as the data stood when it was made)."""
        return self.bundled is not None and self.bundled == self.value

    def same_content(self, other: Correction) -> bool:
        """The same statement: the same value from the same document and author."""
        fields = ("value", "document", "document_date", "page", "url", "tier", "author", "note")
        return all(getattr(self, f) == getattr(other, f) for f in fields)


class CorrectionFile(Model):
    format: Literal["estimator-corrections"]
    version: int = Field(ge=1)
    corrections: list[Correction] = Field(max_length=MAX_CORRECTIONS)


def new_id() -> str:
    return "lc-" + secrets.token_hex(6)


def make(**fields: Any) -> Correction:
    """A new correction from the fields typed (CLI or window): an id and the time are given;
    refused with the field named (CorrectionError) when a field is wrong."""
    fields.setdefault("id", new_id())
    fields.setdefault("created", dt.datetime.now().replace(microsecond=0))
    if isinstance(fields.get("value"), str):
        fields["value"] = canonical_value(fields["value"])
    for name in ("document", "page", "url", "note", "path", "code"):
        if isinstance(fields.get(name), str) and not fields[name].strip():
            fields[name] = None if name != "note" else ""
    try:
        return Correction.model_validate(fields)
    except ValidationError as exc:
        raise validation_error(exc) from None


def validation_error(exc: ValidationError, prefix: str = "") -> CorrectionError:
    """Pydantic's first complaint as a CorrectionError naming the field."""
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    zh = _ZH.get(message, f"取值有误（{message}）")
    if message in _ZH:  # our own checks name their field first
        own, message = message.split(": ", 1)
        where = ".".join(x for x in (where, own) if x)
    field = ".".join(x for x in (prefix, where) if x)
    return CorrectionError(field, message, zh)


class NewerFormat(CorrectionError):
    """Written by a newer version of the program: neither read nor overwritten."""


def parse(data: bytes, name: str) -> list[Correction]:
    """The corrections of a file's bytes (the user's file, or a pack's content), validated."""
    if len(data) > MAX_FILE_BYTES:
        raise CorrectionError(name, "larger than 5 MB", "文件超过 5 MB")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorrectionError(
            name, f"not a corrections file ({exc.__class__.__name__})", "不是有效的本地核实文件"
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CorrectionError(
            name, f"not a corrections file (format {FORMAT!r})", "不是本地核实文件"
        )
    version = raw.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise NewerFormat(
            name,
            f"written by a newer version of the program (format {version}); update it",
            f"由更新版本的程序写入（格式 {version}），请先升级本程序",
        )
    try:
        found = CorrectionFile.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(exc, name) from None
    ids = [c.id for c in found.corrections]
    if len(set(ids)) != len(ids):
        raise CorrectionError(name, "two corrections share an id", "两条更正的编号相同")
    return found.corrections


def dump(corrections: Iterable[Correction]) -> bytes:
    body = CorrectionFile(format=FORMAT, version=FORMAT_VERSION, corrections=list(corrections))
    return body.model_dump_json(indent=2).encode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` by `data` whole: at every instant the file is the old one or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class CorrectionStore:
    """The user's corrections (corrections.json in the user data folder).

    Every change reads the file again first, so two programs (the window and the CLI) that change
    it one after the other both keep their changes."""

    def __init__(self, user_dir: Path) -> None:
        self.path = user_dir / FILE_NAME
        self.previous_path = user_dir / PREVIOUS_NAME
        self.notice: tuple[str, str] | None = None  # said once: a damaged or newer file
        self.read_only = False
        self.corrections: tuple[Correction, ...] = self._load()

    def _load(self) -> tuple[Correction, ...]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return ()
        except OSError as exc:
            self.read_only = True
            why = exc.strerror or str(exc)
            self.notice = (
                f"无法读取本地核实文件 {self.path.name}（{why}），本次未使用",
                f"the local corrections file {self.path.name} cannot be read ({why}); not used",
            )
            return ()
        try:
            return tuple(parse(data, self.path.name))
        except NewerFormat:
            self.read_only = True
            self.notice = (
                f"本地核实文件 {self.path.name} 由更新版本的程序写入：本程序不使用也不修改它",
                f"the local corrections file {self.path.name} was written by a newer version of "
                "the program: this one neither uses nor changes it",
            )
            return ()
        except CorrectionError:
            aside = self.path.with_name(
                f"{self.path.stem}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}{self.path.suffix}"
            )
            self.path.replace(aside)
            self.notice = (
                f"本地核实文件已损坏，已改名保留为 {aside.name}；本地更正需重新录入或从数据包导入",
                f"the local corrections file was damaged; it was kept as {aside.name}. Enter the "
                "corrections again or import them from a pack",
            )
            return ()

    def _writable(self) -> None:
        if self.read_only:
            raise CorrectionError(
                self.path.name,
                "not changed: written by a newer program, or unreadable",
                "未修改：该文件由更新版本的程序写入，或无法读取",
            )

    def _save(self, corrections: Sequence[Correction]) -> None:
        self._writable()
        if len(corrections) > MAX_CORRECTIONS:
            raise CorrectionError(
                self.path.name,
                f"at most {MAX_CORRECTIONS} corrections",
                f"最多 {MAX_CORRECTIONS} 条更正",
            )
        try:
            # what the file held before, kept first: a crash between the two writes leaves an
            # undo that changes nothing, never one that loses the change
            before = self.path.read_bytes() if self.path.exists() else dump(())
            write_atomically(self.previous_path, before)
            write_atomically(self.path, dump(corrections))
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise CorrectionError(
                str(self.path), f"cannot be written ({why})", f"无法写入（{why}）"
            ) from None
        self.corrections = tuple(corrections)

    def reload(self) -> tuple[Correction, ...]:
        if not self.read_only:
            self.corrections = self._load()
        return self.corrections

    def add(self, correction: Correction) -> Correction | None:
        """Keep a correction (checked against the data by the caller); one about the same value
        from the same date is replaced, and returned."""
        current = list(self.reload())
        replaced = next((c for c in current if c.key == correction.key), None)
        kept = [c for c in current if c.key != correction.key and c.id != correction.id]
        self._save([*kept, correction])
        return replaced

    def remove(self, ids: Iterable[str]) -> list[Correction]:
        """Remove these corrections; an unknown id is refused and nothing changes."""
        wanted = list(dict.fromkeys(ids))
        current = list(self.reload())
        known = {c.id for c in current}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise CorrectionError(
                "id",
                f"no correction {unknown[0]!r} (see the list)",
                f"没有编号为 {unknown[0]} 的更正",
            )
        self._save([c for c in current if c.id not in wanted])
        return [c for c in current if c.id in wanted]

    def can_undo(self) -> bool:
        return self.previous_path.exists() and not self.read_only

    def undo(self) -> tuple[Correction, ...]:
        """Go back to the corrections as they were before the last change (an add, a removal, a
        pack taken in): one step; the kept file is used up, so a second undo is refused."""
        self._writable()
        try:
            data = self.previous_path.read_bytes()
        except FileNotFoundError:
            raise CorrectionError(
                "",
                "nothing to undo: the last change was undone already, or none was made",
                "没有可撤销的更改：上一次更改已撤销，或尚未做过更改",
            ) from None
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise CorrectionError(
                PREVIOUS_NAME, f"cannot be read ({why})", f"无法读取（{why}）"
            ) from None
        restored = tuple(parse(data, PREVIOUS_NAME))  # a damaged file: refused, nothing changes
        try:
            write_atomically(self.path, data)
            self.previous_path.unlink()
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise CorrectionError(
                str(self.path), f"cannot be written ({why})", f"无法写入（{why}）"
            ) from None
        self.corrections = restored
        return restored

    def merge(self, incoming: Sequence[Correction]) -> None:
        """Take these corrections in: each replaces one of the same id or about the same value."""
        ids = {c.id for c in incoming}
        keys = {c.key for c in incoming}
        kept = [c for c in self.reload() if c.id not in ids and c.key not in keys]
        self._save([*kept, *incoming])


__all__ = [
    "FILE_NAME",
    "FORMAT",
    "FORMAT_VERSION",
    "PREVIOUS_NAME",
    "Correction",
    "CorrectionError",
    "CorrectionStore",
    "canonical_value",
    "make",
    "parse",
]
