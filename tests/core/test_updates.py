"""Atomic, reversible updates: the active database is always a whole, checked file; the previous
one is kept for a one-step rollback; temporary files of an update that died are removed; a crash
at any point leaves the data as before or as after, never in between."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from estimator_gui.core import updates
from estimator_gui.core.catalog import Catalog
from estimator_gui.core.importer import apply, check_file
from estimator_gui.core.models import Level

ROOT = Path(__file__).resolve().parents[2]
CODE = "003310000010000"


def services_csv(path: Path, price: int, rows: int = 1) -> Path:
    lines = ["项目编码,项目名称,计价单位,价格(三级),价格(二级),医保类别,自付比例"]
    lines.append(f"{CODE},阑尾切除术,次,{price},{price - 100},乙,10%")
    lines += [f"0033{n:011d},测试手术{n},次,{100 + n % 900},90,乙,0.1" for n in range(1, rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_services(db: Path, user: Path, file: Path, start: dt.date) -> Path:
    plan = check_file(file, "services", bundled=db, user_dir=user, province="测试省", start=start)
    return apply(plan).path


def answer(db: Path) -> tuple[object, ...]:
    """What the app answers from a database: the price in force mid-2025 and the editions."""
    catalog = Catalog(db)
    try:
        rules = catalog.region_file("fixtown")
        assert rules is not None
        first = rules.region.price_lists[0]
        editions = catalog.resolve("price", first, dt.date(2025, 12, 1))
        price = catalog.price(editions, CODE, Level.LEVEL3) if editions else None
        count = catalog.conn.execute("SELECT COUNT(*) FROM list_editions").fetchone()[0]
        return (first, None if price is None else price.amount, count)
    finally:
        catalog.close()


def temp_files(user: Path) -> list[Path]:
    return sorted(user.glob(".reference-tmp-*"))


# --- which database is active ----------------------------------------------------------------


def test_without_updates_the_bundled_database_is_active(fixture_db, tmp_path):
    active = updates.resolve(fixture_db, tmp_path / "user")
    assert active.path == fixture_db and active.origin == "bundled"


def test_an_unreadable_or_other_schema_user_database_falls_back_to_the_bundled_one(
    fixture_db, tmp_path
):
    user = tmp_path / "user"
    user.mkdir()
    (user / "reference.sqlite").write_bytes(b"not a database")
    assert updates.resolve(fixture_db, user).path == fixture_db
    shutil.copyfile(fixture_db, user / "reference.sqlite")
    conn = sqlite3.connect(user / "reference.sqlite")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    active = updates.resolve(fixture_db, user)
    assert active.path == fixture_db and "schema" in active.reason_en


def test_imports_made_on_older_bundled_data_give_way_to_a_new_versions_data(fixture_db, tmp_path):
    bundled = tmp_path / "bundled.sqlite"
    shutil.copyfile(fixture_db, bundled)
    user = tmp_path / "user"
    import_services(bundled, user, services_csv(tmp_path / "a.csv", 900), dt.date(2025, 1, 1))
    assert updates.resolve(bundled, user).origin == "user"
    # a new program version: its bundled data was built from other sources
    conn = sqlite3.connect(bundled)
    conn.execute("UPDATE meta SET value = 'newer' WHERE key = 'source_hash'")
    conn.commit()
    conn.close()
    active = updates.resolve(bundled, user)
    assert active.path == bundled and "import the files again" in active.reason_en
    assert "重新导入" in active.reason_zh


# --- update, check, rollback ------------------------------------------------------------------


def test_an_update_keeps_the_previous_database_and_rollback_swaps_them(fixture_db, tmp_path):
    user = tmp_path / "user"
    import_services(fixture_db, user, services_csv(tmp_path / "a.csv", 900), dt.date(2025, 1, 1))
    first = answer(user / "reference.sqlite")
    assert first[1] == 900 and not (user / "reference.previous.sqlite").exists()
    import_services(fixture_db, user, services_csv(tmp_path / "b.csv", 950), dt.date(2025, 7, 1))
    second = answer(user / "reference.sqlite")
    assert second[1] == 950 and answer(user / "reference.previous.sqlite") == first

    result = updates.rollback(fixture_db, user)
    assert answer(result.active.path) == first and result.kept is not None
    result = updates.rollback(fixture_db, user)  # a second rollback redoes
    assert answer(result.active.path) == second

    updates.rollback(fixture_db, user)
    status = updates.status(fixture_db, user)
    assert status.active.origin == "user" and [u["file"] for u in status.updates] == ["a.csv"]
    assert [u["file"] for u in status.previous_updates] == ["a.csv", "b.csv"]


def test_rolling_back_the_first_update_returns_to_the_bundled_data(fixture_db, tmp_path):
    user = tmp_path / "user"
    import_services(fixture_db, user, services_csv(tmp_path / "a.csv", 900), dt.date(2025, 1, 1))
    result = updates.rollback(fixture_db, user)
    assert result.active.path == fixture_db and answer(fixture_db)[1] is None
    assert updates.rollback(fixture_db, user).active.origin == "user"  # and back


def test_nothing_to_roll_back_is_said(fixture_db, tmp_path):
    with pytest.raises(updates.UpdateError) as err:
        updates.rollback(fixture_db, tmp_path / "user")
    assert "no previous version" in err.value.text_en and "回退" in err.value.text_zh


def test_an_update_that_fails_its_checks_changes_nothing_and_leaves_no_file(fixture_db, tmp_path):
    user = tmp_path / "user"

    def break_it(conn: sqlite3.Connection) -> updates.Expect:
        conn.execute("INSERT INTO sources(id, title, tier) VALUES ('x', 'x', 'official')")
        return updates.Expect(counts={"sources": 0})

    with pytest.raises(updates.UpdateError) as err:
        updates.update(fixture_db, user, break_it, {"action": "test"})
    assert "sources" in err.value.text_en
    assert not (user / "reference.sqlite").exists() and not temp_files(user)


def test_an_update_that_raises_changes_nothing_and_leaves_no_file(fixture_db, tmp_path):
    user = tmp_path / "user"

    def fail(conn: sqlite3.Connection) -> updates.Expect:
        conn.execute("DELETE FROM prices")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        updates.update(fixture_db, user, fail, {"action": "test"})
    assert not (user / "reference.sqlite").exists() and not temp_files(user)


def test_one_update_at_a_time(fixture_db, tmp_path):
    user = tmp_path / "user"
    with updates.update_lock(user), pytest.raises(updates.UpdateError) as err:
        updates.update(fixture_db, user, lambda c: updates.Expect(), {"action": "test"})
    assert "another data update" in err.value.text_en


def test_leftovers_of_a_dead_update_are_removed_but_a_live_ones_are_kept(fixture_db, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    dead = user / ".reference-tmp-update-dead.sqlite"
    dead.write_bytes(b"half")
    (user / ".reference-tmp-update-dead.sqlite-journal").write_bytes(b"j")
    (user / ".reference-tmp-keep-x.sqlite-journal").write_bytes(b"orphan")
    live = updates.TempFile(user, "import")
    try:
        removed = updates.cleanup(user)
        assert {p.name for p in removed} == {
            dead.name,
            dead.name + "-journal",
            ".reference-tmp-keep-x.sqlite-journal",
        }
        assert live.path.exists() and temp_files(user) == [live.path]
    finally:
        live.release()
    assert not temp_files(user)


def test_the_updated_database_is_sealed_and_opens_like_the_built_one(fixture_db, tmp_path):
    user = tmp_path / "user"
    path = import_services(
        fixture_db, user, services_csv(tmp_path / "a.csv", 900), dt.date(2025, 1, 1)
    )
    catalog = Catalog(path)  # checks the shape, the schema version and every page's checksum
    try:
        assert catalog.meta["derived_from"] == "bundled" and catalog.meta["sources_dir"] == ""
        assert catalog.meta["base_source_hash"] == updates.read_meta(fixture_db)["source_hash"]  # type: ignore[index]
    finally:
        catalog.close()
    assert oct(path.stat().st_mode & 0o777) != "0o600"  # readable as the built file is


def test_a_large_database_is_checked_table_by_table_with_every_index_counted(
    fixture_db, tmp_path, monkeypatch
):
    # above FULL_CHECK_BYTES only the changed tables are checked (quick_check and index counts):
    # here every file counts as large, and an import adding new items (search tables too) passes
    monkeypatch.setattr(updates, "FULL_CHECK_BYTES", 0)
    user = tmp_path / "user"
    path = import_services(
        fixture_db, user, services_csv(tmp_path / "a.csv", 900, rows=40), dt.date(2025, 1, 1)
    )
    catalog = Catalog(path)
    try:
        found = catalog.conn.execute("SELECT COUNT(*) FROM items WHERE code = '003300000000001'")
        assert found.fetchone()[0] == 1  # a new item: items and the search tables were checked
    finally:
        catalog.close()


def test_an_index_missing_entries_is_found_although_quick_check_passes(tmp_path):
    db = tmp_path / "t.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE t(a TEXT, b INTEGER)")
    conn.execute("CREATE INDEX t_a ON t(a)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(f"x{i}", i) for i in range(20)])
    # hide the index from SQLite, add rows it then does not index, and show it again
    entry = conn.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = 't_a'"
    ).fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("DELETE FROM sqlite_master WHERE name = 't_a'")
    conn.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(f"y{i}", i) for i in range(5)])
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", entry)
    conn.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute('PRAGMA quick_check("t")').fetchall() == [("ok",)]
        problems = updates.check_database(conn, updates.Expect(changed=("t",)), whole=False)
        assert problems == ["index t_a: 20 entries for 25 rows of t"]
        assert updates.check_database(conn, updates.Expect(changed=("t",)))[0].startswith(
            "integrity_check"
        )
    finally:
        conn.close()


# --- faults: kill an import at random points --------------------------------------------------

IMPORT_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from estimator_gui.core.importer import apply, check_file
plan = check_file(Path(sys.argv[3]), "services", bundled=Path(sys.argv[1]), user_dir=Path(sys.argv[2]),
                  province="测试省", start=dt.date.fromisoformat(sys.argv[4]))
apply(plan)
print("done", flush=True)
"""


def run_import(db: Path, user: Path, file: Path, start: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, str(db), str(user), str(file), start],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_fifty_kills_at_random_points_leave_the_data_as_before_or_as_after(fixture_db, tmp_path):
    file = services_csv(tmp_path / "big.csv", 950, rows=4000)
    # two starting points: the bundled data (first update), and a user database (a later one)
    first_dir = tmp_path / "first"
    import_services(
        fixture_db, first_dir, services_csv(tmp_path / "a.csv", 900), dt.date(2025, 1, 1)
    )
    starts = {"bundled": None, "user": first_dir}
    expected: dict[str, tuple[tuple[object, ...], tuple[object, ...]]] = {}
    durations = []
    for name, origin in starts.items():
        user = tmp_path / f"ref-{name}"
        if origin is not None:
            shutil.copytree(origin, user)
        before = answer(updates.active_database(fixture_db, user))
        began = time.monotonic()
        proc = run_import(fixture_db, user, file, "2025-07-01")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        durations.append(time.monotonic() - began)
        after = answer(updates.active_database(fixture_db, user))
        assert before != after
        expected[name] = (before, after)
    span = max(durations)
    rng = random.Random(8)
    seen: dict[str, int] = {"before": 0, "after": 0}
    for n in range(50):
        name = "bundled" if n % 2 else "user"
        user = tmp_path / f"run-{n}"
        if starts[name] is not None:
            shutil.copytree(starts[name], user)  # type: ignore[arg-type]
        else:
            user.mkdir()
        proc = run_import(fixture_db, user, file, "2025-07-01")
        time.sleep(span * (n + rng.random()) / 50)  # spread over the whole run
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        active = updates.active_database(fixture_db, user)  # opening cleans up
        assert not temp_files(user), f"run {n}: {temp_files(user)} left behind"
        got = answer(active)
        before, after = expected[name]
        assert got in (before, after), f"run {n} ({name}): {got} is neither {before} nor {after}"
        seen["before" if got == before else "after"] += 1
        shutil.rmtree(user)
    assert seen["before"] and seen["after"], seen
