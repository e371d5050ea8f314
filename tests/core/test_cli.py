"""The `estimator` command line: readable tables, --json, and one-line errors with exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from estimator_gui.cli import main
from estimator_gui.core import yamlio
from estimator_gui.core.loader import build

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
GOLDEN = ROOT / "tests" / "scenarios" / "heilongjiang_9500_deductible_1300_80pct.yaml"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("cli") / "ref.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    return str(out)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_regions_json_lists_schemes_rule_year_and_source_tiers(capsys, db):
    code, out, _ = cli(capsys, "regions", "--json", "--db", db)
    regions = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and set(regions) == {"fixtown", "shanghai"}
    assert regions["fixtown"]["schemes"] == ["employee", "resident"]
    assert regions["fixtown"]["values"]["estimate"] > 0 and regions["fixtown"]["rule_year"] == 2026


def test_tables_are_in_chinese_by_default_and_english_on_request(capsys, db):
    _, zh, _ = cli(capsys, "treatments", "--db", db)
    _, en, _ = cli(capsys, "treatments", "--db", db, "--lang", "en")
    assert "腹腔镜阑尾切除术" in zh and "住院天数" in zh
    assert "Laparoscopic appendectomy" in en and "stay days" in en


def test_search_json(capsys, db):
    code, out, _ = cli(capsys, "search", "lwqcs", "--json", "--db", db)
    assert code == 0 and any(h["name"] == "阑尾切除术" for h in json.loads(out))


def test_compare_one_treatment_across_places_and_filings(capsys, db):
    code, out, _ = cli(
        capsys,
        "compare",
        "--db",
        db,
        "--insured",
        "fixtown",
        "--treatment",
        "fx_tavr",
        "--treated",
        "shanghai",
        "--filing",
        "referral,unfiled",
        "--date",
        "2026-05-01",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and len(data["results"]) == 3
    assert all(r["estimate"] for r in data["results"])
    assert data["results"][0]["delta_vs_home"] == "0.00"


def test_compare_table_shows_the_value_of_choices(capsys, db):
    code, out, _ = cli(
        capsys,
        "compare",
        "--db",
        db,
        "--insured",
        "fixtown",
        "--treatment",
        "fx_tavr",
        "--treated",
        "shanghai",
        "--filing",
        "unfiled",
        "--date",
        "2026-05-01",
    )
    assert code == 0 and "个人负担" in out and "办理转诊备案约可少付" in out


def test_an_inline_scenario_checks_a_published_example_without_the_database(capsys):
    code, out, _ = cli(capsys, "estimate", "--scenario", str(GOLDEN), "--db", "/nonexistent.sqlite")
    assert code == 0 and "¥6,560.00" in out and "与预期一致" in out


def test_a_scenario_that_misses_its_expectation_exits_1(capsys, tmp_path):
    raw = yamlio.load(GOLDEN)
    raw["expect"][0]["fund_basic"] = 1
    path = tmp_path / "wrong.yaml"
    path.write_text(json.dumps(raw, default=str, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(capsys, "estimate", "--scenario", str(path), "--lang", "en")
    assert code == 1 and "fund_basic: expected 1, estimated 6560.00" in out


def test_schema_prints_the_scenario_json_schema(capsys):
    code, out, _ = cli(capsys, "schema", "scenario")
    schema = json.loads(out)
    assert (
        code == 0 and "options" in schema["properties"] and schema["additionalProperties"] is False
    )


def scenario_file(tmp_path: Path, **changes) -> str:
    raw = {
        "date": "2026-05-01",
        "person": {"scheme": "employee", "kind": "employed", "age": 50},
        "insured_region": "fixtown",
        "options": [{"treated_region": "fixtown", "level": "level3"}],
        "bill": [{"code": "FX-S1", "quantity": 1}],
    }
    for key, value in changes.items():
        raw[key] = value
    path = tmp_path / "case.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "case.json: colour: unknown key"),
        (
            {"bill": [{"code": "FX-S1", "quantity": 1, "unit_price": -5}]},
            "case.json: bill.0.unit_price: Input should be greater than or equal to 0",
        ),
        (
            {"bill": [{"code": "FX-S1", "quantity": 0}]},
            "case.json: bill.0.quantity: Input should be greater than 0",
        ),
        ({"insured_region": "atlantis"}, "region: unknown region 'atlantis'"),
        ({"bill": [{"code": "NOPE", "quantity": 1}]}, "bill[1].code: unknown item code 'NOPE'"),
        ({"date": "2019-01-01"}, "date: no rules cover 2019-01-01 for fixtown"),
        ({"date": "2026-02-30"}, "case.json: date: Input should be a valid date"),
    ],
)
def test_bad_scenarios_exit_2_with_one_line_naming_the_field(
    capsys, db, tmp_path, changes, message
):
    code, out, err = cli(
        capsys,
        "estimate",
        "--scenario",
        scenario_file(tmp_path, **changes),
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 2, out
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message in err


def test_options_that_cannot_be_estimated_are_explained_in_the_output(capsys, db, tmp_path):
    options = [
        {"treated_region": "fixtown", "level": "level3"},
        {"treated_region": "atlantis", "level": "level3", "filing": "referral"},
    ]
    code, out, _ = cli(
        capsys,
        "estimate",
        "--scenario",
        scenario_file(tmp_path, options=options),
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 0 and "no estimate: unknown region 'atlantis'" in out


def test_a_missing_database_names_the_fix(capsys, tmp_path):
    code, _, err = cli(capsys, "regions", "--db", str(tmp_path / "none.sqlite"))
    assert code == 2 and "estimator build-db" in err and "不存在" in err


def test_the_installed_command_runs_as_a_process(db):
    proc = subprocess.run(
        [sys.executable, "-m", "estimator_gui.cli", "regions", "--db", db, "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "Fixtown" in proc.stdout
