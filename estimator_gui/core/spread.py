"""The measured spread between two real price lists (prices/spread.yaml), at build time: how far a
stand-in price may sit from the real local one, by service category."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import SourceError
from .lists import ListSpec

KEYS = {"between", "levels", "quantiles", "min_items"}


def service_category(item: dict[str, str]) -> str:
    """Two digits of Jiangsu's category code (11 一般医疗服务, 25 检验, 33 手术, ...), or "all"."""
    head = (item.get("category") or "").split(" ", 1)[0]
    return head[:2] if len(head) >= 2 and head[:2].isdigit() else "all"


def measure(
    root: Path, prices: dict[str, ListSpec], items: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    path = root / "prices" / "spread.yaml"
    if not path.exists():
        return []
    name = "sources/prices/spread.yaml"
    raw = yamlio.load(path)
    if not isinstance(raw, dict) or set(raw) != KEYS:
        raise SourceError(name, "", f"a mapping with exactly {sorted(KEYS)}")
    first, second = (str(x) for x in raw["between"])
    for list_id in (first, second):
        if list_id not in prices or not prices[list_id].editions:
            raise SourceError(name, "between", f"no base price list {list_id!r}")
    low_q, high_q = (Decimal(str(q)) for q in raw["quantiles"])
    a, b = prices[first].editions[-1].rows, prices[second].editions[-1].rows
    ratios: dict[str, list[Decimal]] = defaultdict(list)
    for level in raw["levels"]:
        for (code, lvl), row in a.items():
            other = b.get((code, lvl))
            if lvl != level or other is None or not other["price_fen"] or not row["price_fen"]:
                continue
            if items[code]["kind"] != "service":
                continue
            ratio = Decimal(row["price_fen"]) / Decimal(other["price_fen"])
            ratios[service_category(items[code])].append(ratio)
            ratios["all"].append(ratio)
    out = []
    for category, values in sorted(ratios.items()):
        if len(values) < int(raw["min_items"]) and category != "all":
            continue
        values.sort()
        out.append(
            {
                "category": category,
                "n": len(values),
                "low": str(_quantile(values, low_q)),
                "median": str(_quantile(values, Decimal("0.5"))),
                "high": str(_quantile(values, high_q)),
                "between": f"{first}/{second}",
            }
        )
    return out


def _quantile(values: list[Decimal], q: Decimal) -> Decimal:
    """Nearest-rank quantile, to two decimals."""
    index = min(len(values) - 1, max(0, int((q * len(values)).to_integral_value()) - 1))
    return values[index].quantize(Decimal("0.01"))
