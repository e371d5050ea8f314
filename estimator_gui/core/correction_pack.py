"""Correction packs: local corrections exported to one file to hand to other clinics, and imported
only when the file is exactly what its manifest says — after showing what it would change.

A pack (``*.estpack``) is a zip archive of two files:

- ``corrections.json``: the corrections, in the user file's own format (corrections.py);
- ``manifest.json``: ``{"format": "estimator-correction-pack", "version": 1, "created": …,
  "author": …, "note": …, "corrections": n, "files": {"corrections.json": {"sha256": …,
  "bytes": …}}}`` — the SHA-256 and size of every content file.

Reading refuses, with one message in both languages and nothing changed: a file that is not a zip,
too large or a zip bomb (sizes bounded before anything is inflated), a member outside the manifest
or one the manifest lists but the archive lacks, a hash or size that does not match, a manifest or
content that is not valid JSON of the format (each correction validated as the user's own file is),
a newer or unknown format version. The preview marks each correction as added, changed (a new
version of one the user has: the same id), the same, or conflicting (another statement about a
value the user corrected: kept as the user's unless asked), and says where one cannot be used with
this data (its region, path or item is not there).

The manifest proves the content is intact (what was packed is what arrives); it does not prove who
made the pack: there are no keys or signatures, and the author is what the pack says it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from .correction_overlay import BundledData, status
from .corrections import (
    FILE_NAME,
    Correction,
    CorrectionStore,
    dump,
    parse,
    validation_error,
    write_atomically,
)
from .errors import CorrectionError
from .models import Model

PACK_FORMAT = "estimator-correction-pack"
PACK_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = FILE_NAME  # corrections.json
SUFFIX = ".estpack"
MAX_PACK_BYTES = 10_000_000  # the pack file
MAX_MEMBER_BYTES = 5_000_000  # each member, inflated
MAX_MEMBERS = 16
MAX_RATIO = 100  # inflated / compressed, for members above 64 KiB


class FileEntry(Model):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0, le=MAX_MEMBER_BYTES)


class Manifest(Model):
    format: Literal["estimator-correction-pack"]
    version: int = Field(ge=1)
    created: dt.datetime
    author: str = Field(min_length=1, max_length=80)
    note: str = Field(default="", max_length=500)
    corrections: int = Field(ge=0)
    files: dict[str, FileEntry]


@dataclass(frozen=True)
class Pack:
    """A pack whose content matched its manifest."""

    name: str
    manifest: Manifest
    corrections: list[Correction]


Change = Literal["added", "changed", "same", "conflicting"]


@dataclass(frozen=True)
class Incoming:
    """One correction of a pack against the user's own: new, a new version of one the user has
    (the same id: it replaces it), the same statement, or another statement about a value the
    user has corrected themselves (kept unless asked to take the pack's)."""

    change: Change
    correction: Correction
    current: Correction | None = None
    problem: tuple[str, str] | None = None  # (zh, en): its target is not in this data


@dataclass(frozen=True)
class Preview:
    pack: Pack
    entries: list[Incoming] = field(default_factory=list)

    def count(self, change: Change) -> int:
        return sum(1 for e in self.entries if e.change == change)


def _refused(name: str, en: str, zh: str) -> CorrectionError:
    return CorrectionError(name, f"refused, nothing changed: {en}", f"已拒绝，未作任何更改：{zh}")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------------


def export(corrections: Sequence[Correction], path: Path, author: str, note: str = "") -> Manifest:
    """Write the corrections as a pack (atomically) and return its manifest."""
    if not corrections:
        raise CorrectionError("pack", "no corrections to export", "没有可导出的更正")
    content = dump(corrections)
    try:
        manifest = Manifest(
            format=PACK_FORMAT,
            version=PACK_VERSION,
            created=dt.datetime.now().replace(microsecond=0),
            author=author.strip(),
            note=note.strip(),
            corrections=len(corrections),
            files={CONTENT: FileEntry(sha256=_sha256(content), bytes=len(content))},
        )
    except ValidationError as exc:
        raise validation_error(exc) from None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest.model_dump_json(indent=2))
        archive.writestr(CONTENT, content)
    try:
        write_atomically(path, buffer.getvalue())
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise CorrectionError(
            str(path), f"cannot be written ({why})", f"无法写入（{why}）"
        ) from None
    return manifest


# --- reading ------------------------------------------------------------------------------------


def read(path: Path) -> Pack:
    """A pack, checked whole against its manifest (module docstring); CorrectionError otherwise."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise _refused(name, "larger than 10 MB", "文件超过 10 MB")
        data = path.read_bytes()
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise CorrectionError(name, f"cannot be read ({why})", f"无法读取（{why}）") from None
    members = _members(name, data)
    manifest = _manifest(name, members.pop(MANIFEST, None))
    listed, present = set(manifest.files), set(members)
    if present - listed:
        extra = sorted(present - listed)[0]
        raise _refused(name, f"{extra} is not in the manifest", f"{extra} 不在清单中")
    if listed - present:
        missing = sorted(listed - present)[0]
        raise _refused(name, f"{missing} is missing", f"缺少 {missing}")
    for member, entry in sorted(manifest.files.items()):
        body = members[member]
        if len(body) != entry.bytes or _sha256(body) != entry.sha256:
            raise _refused(
                name,
                f"{member} does not match its SHA-256 in the manifest (changed after packing)",
                f"{member} 与清单中的 SHA-256 不符（打包后被改动）",
            )
    if CONTENT not in members:
        raise _refused(name, f"no {CONTENT}", f"缺少 {CONTENT}")
    try:
        corrections = parse(members[CONTENT], CONTENT)
    except CorrectionError as exc:
        raise _refused(name, exc.text_en, exc.text_zh) from None
    if len(corrections) != manifest.corrections:
        raise _refused(
            name,
            f"the manifest says {manifest.corrections} corrections, the content holds "
            f"{len(corrections)}",
            f"清单写明 {manifest.corrections} 条更正，内容中有 {len(corrections)} 条",
        )
    return Pack(name=name, manifest=manifest, corrections=corrections)


def _members(name: str, data: bytes) -> dict[str, bytes]:
    """The archive's members, their sizes bounded before anything is inflated (a zip bomb is
    refused by what its headers say, and no read goes beyond the bound whatever they say)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise _refused(
            name, "not a correction pack (not a zip file)", "不是本地核实数据包（不是 zip 文件）"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refused(name, f"more than {MAX_MEMBERS} files", f"文件数超过 {MAX_MEMBERS} 个")
        if sum(i.file_size for i in infos) > MAX_PACK_BYTES:
            raise _refused(
                name, "looks like a zip bomb (too large inflated)", "疑似 zip 炸弹（解压后过大）"
            )
        out: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir() or "/" in info.filename or "\\" in info.filename:
                raise _refused(
                    name, f"unexpected entry {info.filename!r}", f"意外的条目 {info.filename!r}"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 65536 and ratio > MAX_RATIO):
                raise _refused(
                    name,
                    f"looks like a zip bomb ({info.filename}: {info.file_size} bytes inflated)",
                    f"疑似 zip 炸弹（{info.filename} 解压后 {info.file_size} 字节）",
                )
            if info.filename in out:
                raise _refused(name, f"{info.filename} twice", f"{info.filename} 出现两次")
            try:
                with archive.open(info) as handle:
                    body = handle.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
                raise _refused(
                    name, f"{info.filename} cannot be read ({exc})", f"{info.filename} 无法读取"
                ) from None
            if len(body) > MAX_MEMBER_BYTES:
                raise _refused(name, "looks like a zip bomb", "疑似 zip 炸弹")
            out[info.filename] = body
    return out


def _manifest(name: str, data: bytes | None) -> Manifest:
    if data is None:
        raise _refused(name, f"no {MANIFEST}", f"缺少 {MANIFEST}")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refused(
            name, f"{MANIFEST} is not valid JSON", f"{MANIFEST} 不是有效的 JSON"
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != PACK_FORMAT:
        raise _refused(
            name, f"{MANIFEST}: not a correction pack", f"{MANIFEST}：不是本地核实数据包"
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _refused(name, f"{MANIFEST}: no format version", f"{MANIFEST}：缺少格式版本")
    if version > PACK_VERSION:
        raise _refused(
            name,
            f"made by a newer version of the program (pack format {version}); update it",
            f"由更新版本的程序制作（数据包格式 {version}），请先升级本程序",
        )
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        err = validation_error(exc, MANIFEST)
        raise _refused(name, err.text_en, err.text_zh) from None


# --- what a pack changes, and applying it ---------------------------------------------------------


def preview(pack: Pack, current: Sequence[Correction], data: BundledData | None = None) -> Preview:
    """What the pack would change against the user's corrections, before anything is applied;
    with `data`, which of its corrections cannot be used with it."""
    by_id = {c.id: c for c in current}
    by_key = {c.key: c for c in current}
    entries = []
    for incoming in pack.corrections:
        mine = by_id.get(incoming.id) or by_key.get(incoming.key)
        change: Change
        if mine is None:
            change = "added"
        elif mine.id == incoming.id:  # a new version of the same correction, or the same again
            change = "same" if mine.same_content(incoming) else "changed"
        else:  # another statement about the same value: the same figure, or a conflict
            change = "same" if mine.value == incoming.value else "conflicting"
        problem = None
        if data is not None:
            found = status(incoming, data)
            if found.code == "gone":
                problem = (found.text_zh, found.text_en)
        entries.append(Incoming(change, incoming, mine, problem))
    return Preview(pack, entries)


def apply(preview: Preview, store: CorrectionStore, take_conflicting: bool = False) -> int:
    """Take the pack's added and changed corrections in (and, if asked, those that conflict with
    the user's own); returns how many. The store is written once, atomically."""
    taken = [
        e.correction
        for e in preview.entries
        if e.change in ("added", "changed") or (take_conflicting and e.change == "conflicting")
    ]
    if taken:
        store.merge(taken)
    return len(taken)
