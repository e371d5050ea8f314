"""`estimator corrections`: add, list, paths, remove, export and import (preview, then --apply); a
correction reaches the next `estimator compare`; expected mistakes exit 2 with one line in the
session's language. Each test has its own user data folder."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from estimator_gui.cli import main
from estimator_gui.core.loader import build

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
PATH = "schemes.employee.persons.employed.settings.inpatient.deductible.amount.level3"
SOURCE = ["--doc-date", "2025-12-20", "--from", "2026-01-01", "--document", "测试医保发〔2026〕1号"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("cli-corrections") / "ref.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    return str(out)


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ESTIMATOR_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def home_burden(capsys, db: str) -> str:
    code, out, _ = cli(
        capsys, "compare", "--db", db, "--insured", "fixtown", "--treatment", "fx_appendectomy",
        "--date", "2026-05-01", "--json",
    )  # fmt: skip
    assert code == 0
    return str(json.loads(out)["results"][0]["estimate"]["patient_burden"])


def add(capsys, db: str, *args: str) -> tuple[int, str, str]:
    return cli(
        capsys, "corrections", "add", "--db", db, "--region", "fixtown", *args, *SOURCE,
        "--author", "测试医院医保办",
    )  # fmt: skip


def test_a_correction_added_on_the_command_line_changes_the_next_compare(capsys, db, user):
    assert home_burden(capsys, db) == "1200.00"
    code, out, _ = add(capsys, db, "--path", PATH, "--value", "800")
    assert code == 0 and "1000 → 800" in out
    assert home_burden(capsys, db) == "1040.00"  # (1,425 − 800) × 80% = 500; 1,540 − 500
    code, out, _ = cli(
        capsys, "compare", "--db", db, "--insured", "fixtown", "--treatment", "fx_appendectomy",
        "--date", "2026-05-01", "--explain",
    )  # fmt: skip
    assert "本地核实（测试医院医保办）" in out and "测试医保发〔2026〕1号" in out
    code, out, _ = cli(capsys, "corrections", "list", "--db", db, "--json")
    (listed,) = json.loads(out)
    assert (
        listed["status"] == "corrects" and listed["bundled"] == "1000" and listed["value"] == "800"
    )
    code, out, _ = cli(capsys, "regions", "--db", db, "--json")
    counts = {r["id"]: r["local_corrections"] for r in json.loads(out)}
    assert counts == {"fixtown": 1, "shanghai": 0}
    code, out, _ = cli(capsys, "corrections", "remove", listed["id"], "--db", db)
    assert code == 0 and home_burden(capsys, db) == "1200.00"


def test_a_price_can_be_corrected_and_a_value_confirmed(capsys, db, user):
    code, _, _ = add(capsys, db, "--code", "FX-S1", "--level", "level3", "--value", "1065")
    assert code == 0 and home_burden(capsys, db) == "1240.00"  # 200 more, the fund pays 160 of it
    code, out, _ = add(capsys, db, "--path", PATH, "--confirm", "--lang", "en")
    assert code == 0 and "confirms the bundled value (1000)" in out
    assert home_burden(capsys, db) == "1240.00"


def test_paths_lists_what_may_be_corrected_with_its_value(capsys, db, user):
    code, out, _ = cli(capsys, "corrections", "paths", "--db", db, "--region", "fixtown", "--grep",
                       "起付线", "--json")  # fmt: skip
    found = {r["path"]: r for r in json.loads(out)}
    assert code == 0 and found[PATH]["value"] == "1000" and "三级" in found[PATH]["words"]


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--path", PATH + "x", "--value", "1"], "没有 'level3x'", "no such key 'level3x'"),
        (["--path", PATH, "--value", "1e3"], "应为数字", "expects a plain number"),
        (["--code", "FX-NONE", "--value", "10"], "code：未知项目编码", "code: unknown item code"),
        (["--path", PATH], "--value 或 --confirm", "--value or --confirm"),
    ],
)
def test_a_bad_correction_exits_2_with_one_line_naming_the_field(capsys, db, user, args, zh, en):
    for lang, said in (("zh", zh), ("en", en)):
        code, out, err = add(capsys, db, *args, "--lang", lang)
        assert code == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1
    assert not (user / "corrections.json").exists()


def test_a_pack_travels_to_another_user_folder_after_its_preview(capsys, db, user, tmp_path):
    add(capsys, db, "--path", PATH, "--value", "800")
    add(capsys, db, "--code", "FX-S1", "--level", "level3", "--value", "1065")
    pack = tmp_path / "fixtown.estpack"
    code, out, _ = cli(capsys, "corrections", "export", str(pack), "--author", "测试医院医保办")
    assert code == 0 and "2 条更正" in out

    other = tmp_path / "other"
    code, out, _ = cli(capsys, "corrections", "import", str(pack), "--db", db, "--user-dir",
                       str(other))  # fmt: skip
    assert code == 0 and "新增 2" in out and "未作任何更改" in out and "SHA-256" in out
    assert not (other / "corrections.json").exists()
    code, out, _ = cli(capsys, "corrections", "import", str(pack), "--db", db, "--user-dir",
                       str(other), "--apply", "--json")  # fmt: skip
    data = json.loads(out)
    assert data["applied"] == 2 and {e["change"] for e in data["entries"]} == {"added"}
    code, out, _ = cli(
        capsys, "corrections", "list", "--db", db, "--user-dir", str(other), "--json"
    )
    assert {r["value"] for r in json.loads(out)} == {"800", "1065"}


def test_a_tampered_pack_exits_2_and_changes_nothing(capsys, db, user, tmp_path):
    add(capsys, db, "--path", PATH, "--value", "800")
    pack = tmp_path / "p.estpack"
    cli(capsys, "corrections", "export", str(pack), "--author", "测试医院医保办")
    with zipfile.ZipFile(pack) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["corrections.json"] = members["corrections.json"].replace(b'"800"', b'"500"')
    tampered = tmp_path / "tampered.estpack"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    other = tmp_path / "other"
    code, out, err = cli(capsys, "corrections", "import", str(tampered), "--db", db, "--user-dir",
                         str(other), "--apply")  # fmt: skip
    assert code == 2 and out == "" and "SHA-256" in err and "未作任何更改" in err
    assert not (other / "corrections.json").exists()


def test_undo_takes_back_the_last_change_once(capsys, db, user):
    add(capsys, db, "--path", PATH, "--value", "800")
    add(capsys, db, "--path", PATH, "--value", "900")  # replaces 800 (the same value and date)
    assert home_burden(capsys, db) == "1120.00"  # (1,425 − 900) × 80% = 420; 1,540 − 420
    code, out, _ = cli(capsys, "corrections", "undo", "--db", db)
    assert code == 0 and "更正 1 条 → 1 条" in out
    assert home_burden(capsys, db) == "1040.00"  # 800 again: (1,425 − 800) × 80% = 500
    code, out, err = cli(capsys, "corrections", "undo", "--db", db, "--lang", "en")
    assert code == 2 and out == "" and "nothing to undo" in err
