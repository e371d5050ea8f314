"""Saved cases: a local user database apart from the reference data, with its own migrations.

A case is what the counsellor entered (a label, no names or ID numbers), the figures it gave, and
the data it was computed with, so that reopening it after the reference data changed can say which
numbers moved and why. Cases travel between colleagues as files; a malformed file or one from a
newer version of the program is refused with a message and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from .case import Place
from .counsel import Quote, Trip
from .errors import CaseFileError
from .estimator import BillEntry, Case, Comparison
from .fields import WINDOW
from .models import Level, Model, Person, Setting, YearToDate

FORMAT_VERSION = 1  # of a case file and of a stored case
MAX_FILE_BYTES = 2_000_000
MIGRATIONS = [  # user_version n → n + 1
    """CREATE TABLE cases (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         label TEXT NOT NULL,
         saved_at TEXT NOT NULL,
         body TEXT NOT NULL)""",
]


class Snapshot(Model):
    """What one option came to when the case was saved."""

    title: str
    figures: dict[str, Decimal]  # settlement field key → amount (the window's fields)


class SavedCase(Model):
    version: int = FORMAT_VERSION
    label: str = Field(min_length=1, max_length=80)
    insured_region: str
    person: Person
    date: dt.date
    setting: Setting = Setting.INPATIENT
    year_to_date: YearToDate = YearToDate()
    treatment: str | None = None
    variant: Literal["low", "typical", "high"] = "typical"
    bill: list[BillEntry] = Field(default_factory=list, max_length=2000)
    home_level: Level = Level.LEVEL3
    places: list[Place] = Field(default_factory=list, max_length=8)
    quotes: dict[int, Quote] = Field(default_factory=dict)  # by option index (0: home)
    trips: dict[int, Trip] = Field(default_factory=dict)
    deposits: dict[int, Decimal] = Field(default_factory=dict)
    counsellor: str = Field(default="", max_length=40)
    notes: str = Field(default="", max_length=2000)
    snapshot: list[Snapshot] = Field(default_factory=list)
    data: dict[str, str] = Field(default_factory=dict)  # the reference data it was computed with

    def case(self) -> Case:
        return Case(
            insured_region=self.insured_region,
            person=self.person,
            date=self.date,
            entries=self.bill,
            setting=self.setting,
            year_to_date=self.year_to_date,
        )


def snapshot(comparison: Comparison, titles: list[str]) -> list[Snapshot]:
    out = []
    for title, result in zip(titles, comparison.results, strict=True):
        e = result.estimate
        figures = {} if e is None else {f.key: f.value(e) for f in WINDOW}
        out.append(Snapshot(title=title, figures=figures))
    return out


def moved(saved: SavedCase, now: list[Snapshot], data_now: dict[str, str]) -> list[tuple[str, str]]:
    """What changed since the case was saved, and why (zh, en): each moved figure of each option;
    the reason is the reference data's new version where it differs."""
    out: list[tuple[str, str]] = []
    labels = {f.key: (f.zh, f.en) for f in WINDOW}
    for before, after in zip(saved.snapshot, now, strict=False):
        for key, old in before.figures.items():
            new = after.figures.get(key)
            if new is not None and new != old and key in labels:
                zh, en = labels[key]
                out.append(
                    (
                        f"{after.title}：{zh} {old} → {new}",
                        f"{after.title}: {en} {old} → {new}",
                    )
                )
    if out and saved.data.get("source_hash") != data_now.get("source_hash"):
        then, since = saved.data.get("build_date", "?"), data_now.get("build_date", "?")
        out.insert(
            0,
            (
                f"参考数据已更新（{then} → {since}）：医保规则、目录或价格有变化，以下数字随之改变",
                f"the reference data was updated ({then} → {since}): rules, catalogues or prices "
                "changed, and with them these figures",
            ),
        )
    return out


def read_file(path: Path) -> SavedCase:
    """A case file from a colleague; refused whole when malformed or from a newer program."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CaseFileError(f"{path.name}: larger than 2 MB", f"{path.name}：文件超过 2 MB")
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CaseFileError(
            f"{path.name}: not a case file ({exc.__class__.__name__})",
            f"{path.name}：不是有效的案例文件",
        ) from None
    return _validate(raw, path.name)


def write_file(case: SavedCase, path: Path) -> None:
    path.write_text(case.model_dump_json(indent=2), encoding="utf-8")


def _validate(raw: Any, name: str) -> SavedCase:
    if not isinstance(raw, dict):
        raise CaseFileError(f"{name}: not a case file", f"{name}：不是有效的案例文件")
    version = raw.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise CaseFileError(
            f"{name}: made by a newer version of the program (case format {version}); update it",
            f"{name}：由更新版本的程序保存（格式 {version}），请先升级本程序",
        )
    try:
        return SavedCase.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise CaseFileError(
            f"{name}: {where}: {first['msg']}", f"{name}：字段 {where} 有误（{first['msg']}）"
        ) from None


class CaseStore:
    """The user's saved cases (cases.sqlite in the user data folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice: tuple[str, str] | None = None  # said once, when a damaged file was set aside
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._migrate()
        except sqlite3.DatabaseError:
            aside = path.with_name(
                f"{path.stem}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
            )
            path.replace(aside)
            self.notice = (
                f"保存的案例文件已损坏，已改名保留为 {aside.name}，并新建了一个空的案例库",
                f"the saved cases file was damaged; it was kept as {aside.name} and a new, empty "
                "one was made",
            )
            self._migrate()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path)
        try:
            with conn:  # one transaction: all of a change or nothing
                yield conn
        finally:
            conn.close()

    def _migrate(self) -> None:
        with self._db() as conn:
            conn.execute("PRAGMA quick_check").fetchone()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise CaseFileError(
                    f"{self.path.name}: made by a newer version of the program",
                    f"{self.path.name}：由更新版本的程序创建",
                )
            for n, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                conn.execute(sql)
                conn.execute(f"PRAGMA user_version = {n}")

    def entries(self) -> list[tuple[int, str, str]]:
        """(id, label, saved at), newest first."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT id, label, saved_at FROM cases ORDER BY saved_at DESC, id DESC"
            )
            return [(int(i), str(label), str(at)) for i, label, at in rows]

    def get(self, case_id: int) -> SavedCase:
        with self._db() as conn:
            row = conn.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise CaseFileError(f"no saved case {case_id}", f"没有编号为 {case_id} 的案例")
        try:
            raw = json.loads(row[0])
        except json.JSONDecodeError:
            raise CaseFileError(f"case {case_id} is damaged", f"案例 {case_id} 已损坏") from None
        return _validate(raw, f"#{case_id}")

    def save(self, case: SavedCase, case_id: int | None = None) -> int:
        body = case.model_dump_json()
        now = dt.datetime.now().isoformat(timespec="seconds")
        with self._db() as conn:
            if case_id is None:
                cur = conn.execute(
                    "INSERT INTO cases (label, saved_at, body) VALUES (?, ?, ?)",
                    (case.label, now, body),
                )
                return int(cur.lastrowid or 0)
            conn.execute(
                "UPDATE cases SET label = ?, saved_at = ?, body = ? WHERE id = ?",
                (case.label, now, body, case_id),
            )
            return case_id

    def rename(self, case_id: int, label: str) -> None:
        case = self.get(case_id).model_copy(update={"label": label})
        SavedCase.model_validate(case.model_dump())  # the label's own limits
        self.save(case, case_id)

    def duplicate(self, case_id: int, label: str) -> int:
        return self.save(self.get(case_id).model_copy(update={"label": label}))

    def delete(self, case_id: int) -> None:
        with self._db() as conn:
            conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
