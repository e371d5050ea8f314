"""Fuzzing the scenario format: hostile mutations of valid scenario files — huge, negative, NaN
and infinite numbers, deep nesting, wrong types, unknown keys, huge strings, long bills — run
through `estimator estimate --scenario FILE` (in-process). Each either succeeds or exits 2 with
one stderr line naming the file: never a traceback, never another exit code, and each within
the time bound hypothesis' deadline sets."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator_gui.cli import main
from estimator_gui.core import yamlio
from estimator_gui.core.loader import build

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
GOLDEN = ROOT / "tests" / "scenarios" / "heilongjiang_9500_deductible_1300_80pct.yaml"

BASES: dict[str, Any] = {
    "inline": yamlio.load(GOLDEN),  # its own rules and lines, and an expectation
    "bill": {
        "date": dt.date(2026, 5, 1),
        "person": {"scheme": "employee", "kind": "employed", "age": 50},
        "insured_region": "fixtown",
        "options": [
            {"treated_region": "fixtown", "level": "level3"},
            {"treated_region": "shanghai", "level": "level3", "filing": "referral"},
        ],
        "bill": [
            {"code": "FX-S1", "quantity": 1},
            {"code": "FX-S4", "quantity": Decimal("2"), "unit_price": Decimal("150.5")},
        ],
        "year_to_date": {"admissions": 1, "deductible_paid": Decimal("300")},
    },
    "treatment": {
        "date": dt.date(2026, 5, 1),
        "person": {"scheme": "resident", "kind": "elderly", "age": 70},
        "insured_region": "fixtown",
        "options": [{"treated_region": "shanghai", "level": "level3", "filing": "unfiled"}],
        "treatment": "fx_tavr",
        "variant": "high",
    },
}

HOSTILE_NUMBERS = [
    Decimal("1e30"),
    Decimal("1e400"),
    Decimal("-1e30"),
    Decimal("1e9") + 1,
    Decimal("-1"),
    Decimal("0"),
    Decimal("1e-400"),
    Decimal("NaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    10**400,
    -(10**18),
]

Path_ = tuple[Any, ...]


def paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every place in a document a value sits (mapping keys and list indexes)."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


values = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.integers(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(["1e30", "NaN", "-5", "", "2026-02-30", "level9", "甲", "\x00"]),
    st.integers(1, 2_000_000).map(lambda n: "长" * n),  # up to 6 MB of UTF-8
    st.sampled_from([None, True, False, [], {}, dt.date(1900, 1, 1), [1, 2, 3], {"a": 1}]),
    st.integers(1, 200).map(nested),  # deep nesting
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(sorted(BASES)))
    doc = json.loads(json.dumps(BASES[name], default=_plain))  # a deep copy, numbers as text
    doc = _numbers(doc)
    for _ in range(draw(st.integers(1, 3))):
        places = paths(doc)
        where = draw(st.sampled_from(places))
        parent, key = _locate(doc, where)
        action = draw(st.sampled_from(["replace", "unknown key", "drop", "repeat"]))
        if action == "replace" and parent is not None:
            parent[key] = draw(values)
        elif action == "unknown key":
            target = _get(doc, where)
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=12))] = draw(values)
        elif action == "drop" and isinstance(parent, dict):
            del parent[key]
        elif action == "repeat":
            target = _get(doc, where)
            if isinstance(target, list) and target:
                target.extend(target[-1:] * draw(st.integers(1, 12_000)))
    return name, doc


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    raise TypeError(type(value))


def _numbers(node: Any) -> Any:
    if isinstance(node, dict):
        if set(node) == {"__decimal__"}:
            return Decimal(node["__decimal__"])
        if set(node) == {"__date__"}:
            return dt.date.fromisoformat(node["__date__"])
        return {k: _numbers(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_numbers(v) for v in node]
    return node


def _get(doc: Any, where: Path_) -> Any:
    for key in where:
        doc = doc[key]
    return doc


def _locate(doc: Any, where: Path_) -> tuple[Any, Any]:
    if not where:
        return None, None
    return _get(doc, where[:-1]), where[-1]


class _Dumper(yaml.SafeDumper):
    """YAML with exact numbers: a Decimal as a YAML float (.nan, .inf included)."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value.is_nan():
        text = ".nan"
    elif value.is_infinite():
        text = "-.inf" if value < 0 else ".inf"
    else:
        text = f"{value:E}".replace("E", ".0E") if "." not in f"{value:E}" else f"{value:E}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _decimal)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):  # NaN and ±Infinity are written as JSON's NaN / Infinity
        return float("nan") if value.is_nan() else float(value)
    return str(value)


def write(doc: Any, folder: Path, as_json: bool, n: int) -> Path:
    if as_json:
        path = folder / f"case{n}.json"
        text = json.dumps(doc, ensure_ascii=False, default=_json_value)
    else:
        path = folder / f"case{n}.yaml"
        text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("fuzz") / "ref.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    return str(out)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-cases")


COUNTER = iter(range(10**9))


@settings(
    max_examples=100,
    deadline=dt.timedelta(seconds=20),  # the time bound: a 1 MiB file parses in about a second
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=mutated(), as_json=st.booleans(), lang=st.sampled_from(["zh", "en"]))
def test_a_mutated_scenario_succeeds_or_exits_2_with_one_line_naming_the_file(
    db: str, folder: Path, case: tuple[str, Any], as_json: bool, lang: str
) -> None:
    name, doc = case
    path = write(doc, folder, as_json, next(COUNTER))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["estimate", "--scenario", str(path), "--db", db, "--lang", lang])
    text = err.getvalue()
    if code == 2:
        assert text.count("\n") == 1 and text.endswith("\n"), text
        prefix = "estimator: 错误: " if lang == "zh" else "estimator: error: "
        assert text.startswith(prefix) and str(path) in text, text
    else:  # it ran: 0, or 1 where the expectation of the inline example no longer holds
        assert code == 0 or (code == 1 and name == "inline"), (code, text)
        assert text == ""
    path.unlink()
