"""Small helpers shared by the db/tools conversion scripts (stdlib + PyYAML only).

Input: none by itself. Output: none by itself. Drops: nothing.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]  # db/
SOURCES = ROOT / "sources"
# The public reference datasets the scripts convert (the team's shared/data folder beside the
# repository; ESTIMATOR_REFERENCE_DATA overrides). Only these scripts read them, never the app.
DATA = Path(os.environ.get("ESTIMATOR_REFERENCE_DATA", ROOT.parents[1] / "shared" / "data"))

ITEM_COLUMNS = ["code", "kind", "name_zh", "name_en", "unit", "category", "origin", "aliases"]
CATALOG_COLUMNS = ["code", "class", "pay_cap", "item_share", "restriction", "source"]
PRICE_COLUMNS = ["code", "level", "price", "source", "method"]

_CJK_SPACE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def clean_text(text: str) -> str:
    """Remove stray spaces next to Chinese characters / full-width punctuation (PDF artefacts);
    keep single spaces between Latin words ("PDGFRA D842V")."""
    text = (text or "").replace("\u3000", " ").strip()
    text = _CJK_SPACE.sub("", text)
    return re.sub(r"\s{2,}", " ", text)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


def fmt_price(value: float) -> str:
    return f"{value:.2f}"


def merge_sources(entries: dict[str, dict]) -> None:
    """Add (or replace) only these ids in db/sources/sources.yaml, keeping every other entry.

    The file is re-read immediately before writing and edited as text: other helpers' blocks
    (and comments) are kept byte for byte; a block of one of *our* ids is replaced in place,
    new ids are appended at the end.
    """
    path = SOURCES / "sources.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines(keepends=True)
    # split into top-level blocks: a block starts at a line "key:" in column 0
    blocks: list[tuple[str | None, list[str]]] = []
    for line in lines:
        m = re.match(r"^([^\s#:][^:]*):(\s|$)", line)
        if m:
            blocks.append((m.group(1).strip().strip("'\""), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            blocks.append((None, [line]))
    todo = dict(entries)
    out: list[str] = []
    for key, body in blocks:
        if key in todo:
            rendered = yaml.safe_dump({key: todo.pop(key)}, allow_unicode=True, sort_keys=False, width=110)
            out.append(rendered)
        else:
            out.append("".join(body))
    tail = "".join(out)
    if tail and not tail.endswith("\n"):
        tail += "\n"
    for key, body in todo.items():
        tail += yaml.safe_dump({key: body}, allow_unicode=True, sort_keys=False, width=110)
    yaml.safe_load(tail)  # must still parse
    path.write_text(tail, encoding="utf-8")
