"""Pinyin keys for search, computed when the database is built or items are imported (pypinyin
costs ~0.5 s to import: never at start-up)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Polyphones pypinyin's default data gets wrong in medical names (ecosystem.md §6), and readings
# medical staff use. Each entry is a phrase and its reading, one syllable per character.
PHRASE_FIXES: dict[str, list[str]] = {
    "颈椎": ["jing", "zhui"],
    "椎间盘": ["zhui", "jian", "pan"],
    "椎管": ["zhui", "guan"],
    "椎体": ["zhui", "ti"],
    "腰椎": ["yao", "zhui"],
    "胸椎": ["xiong", "zhui"],
    "脊椎": ["ji", "zhui"],
    "出血": ["chu", "xue"],
    "血管": ["xue", "guan"],
    "血液": ["xue", "ye"],
    "贫血": ["pin", "xue"],
    "输血": ["shu", "xue"],
    "膀胱": ["pang", "guang"],
    "贲门": ["ben", "men"],
    "重症": ["zhong", "zheng"],
    "单抗": ["dan", "kang"],
    "单侧": ["dan", "ce"],
    "呋塞米": ["fu", "sai", "mi"],
    "乳腺": ["ru", "xian"],
    "强的松": ["qiang", "de", "song"],
    "地塞米松": ["di", "sai", "mi", "song"],
}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_HAN_RUN = re.compile(r"([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


@cache
def _pypinyin() -> Any:
    import pypinyin

    pypinyin.load_phrases_dict({k: [[s] for s in v] for k, v in PHRASE_FIXES.items()})
    return pypinyin


def syllables(text: str) -> list[tuple[str, bool]]:
    """Lowercase pinyin syllables, each with True for a Han character; other runs kept whole."""
    py = _pypinyin()
    out = []
    chunks = py.lazy_pinyin(text, style=py.Style.NORMAL, errors=lambda x: ["\x00" + x])
    for chunk in chunks:
        han = not chunk.startswith("\x00")
        cleaned = _NON_ALNUM.sub("", chunk.lower())
        if cleaned:
            out.append((cleaned, han))
    return out


def keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name: 心脏手术 → ('xzss', 'xinzangshoushu'), CT平扫 → ('ctps', ...).
    Each run of Han characters is looked up once (cached), so a million names made of a few
    thousand words cost a few thousand pypinyin calls."""
    initials: list[str] = []
    full: list[str] = []
    for i, piece in enumerate(_HAN_RUN.split(text)):
        if not piece:
            continue
        if i % 2:  # a run of Han characters
            a, b = _han_run(piece)
        else:
            a = b = _NON_ALNUM.sub("", piece.lower())
        initials.append(a)
        full.append(b)
    return "".join(initials), "".join(full)


@cache
def _han_run(run: str) -> tuple[str, str]:
    parts = syllables(run)
    return "".join(p[0] if han else p for p, han in parts), "".join(p for p, _ in parts)
