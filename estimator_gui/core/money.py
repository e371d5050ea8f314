"""Money and rates: Decimal everywhere, one rounding function."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

FEN = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")


def to_decimal(value: object) -> Decimal:
    """Exact Decimal from int, str or Decimal; floats go through str so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | str):
        return Decimal(value)
    raise TypeError(f"not a number: {value!r}")


def round_fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up, as settlement slips do."""
    return amount.quantize(FEN, ROUND_HALF_UP)  # positional: measurably faster on the hot path


def to_fen(amount: Decimal) -> int:
    """Integer fen for storage in SQLite."""
    return int(round_fen(amount) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def clamp(amount: Decimal, low: Decimal = ZERO, high: Decimal | None = None) -> Decimal:
    if amount < low:
        return low
    if high is not None and amount > high:
        return high
    return amount


@lru_cache(maxsize=8192)  # explanations repeat the same amounts in both languages
def format_yuan(amount: Decimal, lang: str = "zh") -> str:
    """¥12,345.60 — the form users read on a settlement slip (the same in both languages)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(round_fen(amount)):,.2f}"


def format_yuan_short(amount: Decimal, lang: str = "zh") -> str:
    """Compact form for charts and headlines: ¥1.23万 in Chinese, ¥12.3k in English."""
    value = round_fen(amount)
    if lang == "zh" and abs(value) >= 10000:
        return f"¥{value / 10000:,.2f}万"
    if lang != "zh" and abs(value) >= 1000:
        return f"¥{value / 1000:,.1f}k"
    return f"¥{value:,.0f}"


@lru_cache(maxsize=1024)
def format_rate(rate: Decimal) -> str:
    """0.85 → 85%, 0.925 → 92.5%."""
    pct = (rate * 100).normalize()
    text = f"{pct:f}"
    return f"{text}%"
