"""Refresh the Chinese translation: lupdate (keeps existing translations), check, lrelease.

    python resources/i18n/update_translations.py

Translate new entries in estimator_zh_CN.ts (Qt Linguist, or by hand), then run this again: it
refuses to compile while any entry is unfinished, so no English string ships untranslated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "estimator_zh_CN.ts"


def unfinished() -> list[str]:
    out = []
    for context in ET.parse(TS).getroot():
        for message in context.findall("message"):
            tr = message.find("translation")
            if (
                tr is None
                or tr.get("type") in ("unfinished", "obsolete", "vanished")
                or not tr.text
            ):
                if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                    continue
                out.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return out


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "estimator_gui" / "ui").glob("*.py"))
    sources.append(str(ROOT / "estimator_gui" / "__main__.py"))
    subprocess.run(
        ["pyside6-lupdate", *sources, "-no-obsolete", "-target-language", "zh_CN", "-ts", str(TS)],
        check=True,
    )
    missing = unfinished()
    if missing:
        print("untranslated:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
