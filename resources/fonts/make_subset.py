"""Rebuild NotoSansSC-Subset.otf: Noto Sans CJK SC cut down to what this app can show.

Characters kept: GB2312 (all 6,763 hanzi plus its symbols), ASCII and Latin-1, the punctuation
Chinese text uses, and every character found in db/sources and resources/i18n (so region, item and
rule names always render). The family is renamed "Noto Sans SC Subset" so the app can select this
exact face by name and never meet a Japanese face of the same family. Licence: SIL OFL 1.1
(OFL.txt next to this file; "Noto" is not a Reserved Font Name).

    python resources/fonts/make_subset.py [--source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "NotoSansSC-Subset.otf"
FAMILY = "Noto Sans SC Subset"
SC_FACE = "Noto Sans CJK SC"


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def project_text() -> set[str]:
    chars: set[str] = set()
    folders = [ROOT / "db" / "sources", ROOT / "resources" / "i18n", ROOT / "estimator_gui"]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".yaml", ".yml", ".csv", ".ts", ".py", ".md"}:
                chars.update(path.read_text(encoding="utf-8", errors="ignore"))
    return chars


def wanted() -> str:
    chars = gb2312() | project_text()
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2010, 0x2070)}  # general punctuation: – — ‘ ’ “ ” … ‰
    chars |= {
        chr(c) for c in range(0x3000, 0x3040)
    }  # CJK punctuation: 、。〈〉《》「」『』【】〔〕
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms: ，：；（）
    chars |= set("¥×÷−±≤≥→←↑↓▲▼●○■□✓✗…·")
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", default="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    args = p.parse_args()
    collection = TTCollection(args.source)
    index = next(i for i, f in enumerate(collection.fonts) if f["name"].getDebugName(1) == SC_FACE)
    options = subset.Options()
    options.font_number = index
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints add size and Qt renders well without them
    font = subset.load_font(args.source, options, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted())
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    if "CFF " in font:  # the PostScript name inside CFF must agree with name ID 6
        font["CFF "].cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]
    font.save(OUT)
    print(f"{OUT.name}: {len(font.getGlyphOrder())} glyphs, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
