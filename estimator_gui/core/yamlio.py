"""Reading YAML and JSON source files with exact decimals (0.1 stays 0.1, never a float)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal: money and ratios must not go through binary floats."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def loads(text: str, name: str = "<text>") -> Any:
    """Parse YAML (JSON is YAML too) with decimals; errors name the line."""
    try:
        if name.endswith(".json"):
            return json.loads(text, parse_float=Decimal)
        return yaml.load(text, Loader=_DecimalLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ValueError(f"{name}: not valid YAML/JSON: {exc}".replace("\n", " ")) from None


def load(path: Path) -> Any:
    return loads(path.read_text(encoding="utf-8"), str(path))
