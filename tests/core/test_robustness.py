"""Nothing breaks and nothing lies (issue 10): a damaged, older or unreadable database, a build
killed half-way, and hostile scenario files each end in one clear line — the file, the cause and
the fix, in the session's language, exit code 2 — never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator_gui.cli import main
from estimator_gui.core import buildinfo, loader
from estimator_gui.core.catalog import (
    Catalog,
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseOutdated,
    DatabaseUnreadable,
)
from estimator_gui.core.loader import build
from estimator_gui.core.scenario import MAX_MONEY, MAX_QUANTITY

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
GOLDEN = ROOT / "tests" / "scenarios" / "heilongjiang_9500_deductible_1300_80pct.yaml"
CJK = range(0x3400, 0xA000)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("robust") / "ref.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    return out


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.sqlite"
    shutil.copy(built, out)
    return out


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_in(err: str, lang: str) -> str:
    """The single stderr line of a refused command, in the session's language."""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    line = err.rstrip("\n")
    if lang == "zh":
        assert line.startswith("estimator: 错误: ")
        assert any(ord(ch) in CJK for ch in line.removeprefix("estimator: 错误: ")), line
    else:
        assert line.startswith("estimator: error: ")
    return line


COMPARE = ["compare", "--insured", "fixtown", "--treatment", "fx_tavr", "--treated", "shanghai"]
COMPARE += ["--date", "2026-05-01"]


# --- the database --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_copy_without_its_prices_table_is_an_older_shape_and_build_db_fixes_it(
    capsys, copy, lang
):
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TABLE prices")
    with pytest.raises(DatabaseOutdated, match=r"table prices.*older or altered.*build-db"):
        Catalog(copy)
    code, _, err = cli(capsys, *COMPARE, "--db", str(copy), "--lang", lang)
    line = one_line_in(err, lang)
    assert code == 2 and str(copy) in line and "prices" in line and "estimator build-db" in line


def zero_pages(path: Path, first: int, count: int) -> None:
    page = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as handle:
        handle.seek((first - 1) * page)
        handle.write(b"\0" * page * count)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_twelve_zeroed_pages_in_the_middle_are_found_when_the_file_is_opened(capsys, copy, lang):
    pages = copy.stat().st_size // int.from_bytes(copy.read_bytes()[16:18], "big")
    zero_pages(copy, pages // 2 - 6, 12)
    with pytest.raises(DatabaseDamaged, match=r"is damaged .*rebuild.*restore"):
        Catalog(copy)
    code, _, err = cli(capsys, *COMPARE, "--db", str(copy), "--lang", lang)
    line = one_line_in(err, lang)
    assert code == 2 and str(copy) in line
    assert ("已损坏" in line and "恢复" in line) if lang == "zh" else "restore" in line


def test_a_damaged_page_read_later_is_a_database_problem_not_a_sqlite_error(copy):
    with sqlite3.connect(copy) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'prices'").fetchone()
    zero_pages(copy, root[0], 1)
    catalog = Catalog(copy, check_pages=False)  # the checksum would have found it here
    editions = catalog.resolve("price", "fx-prices", dt.date(2026, 5, 1))
    with pytest.raises(DatabaseDamaged, match=r"is damaged .*malformed"):
        catalog.price(editions, "FX-S1", "level3")
    with pytest.raises(DatabaseDamaged):
        Catalog(copy)  # and the checksum finds it when it runs


def test_a_truncated_copy_is_damaged_and_a_folder_or_a_device_is_not_a_database(copy, tmp_path):
    with copy.open("r+b") as handle:
        handle.truncate(copy.stat().st_size - 4096)
    with pytest.raises(DatabaseDamaged, match="cut short"):
        Catalog(copy)
    with pytest.raises(DatabaseMissing, match="is a folder"):
        Catalog(tmp_path)
    with pytest.raises(DatabaseMissing, match="not a regular file"):
        Catalog(Path("/dev/zero"))
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="empty"):
        Catalog(empty)


def test_another_sqlite_file_is_not_taken_for_a_reference_database(tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (a)")
    with pytest.raises(DatabaseOutdated, match="not a reference database"):
        Catalog(other)


def test_the_expected_shape_is_what_the_migrations_make(built, tmp_path):
    """The build records the tables, columns and indexes the migrations made; opening checks the
    file against that record (so the list is written once: in schema.py)."""
    from sqlite_utils import Database

    from estimator_gui.core.schema import migrations

    fresh = Database(tmp_path / "fresh.sqlite")
    migrations.apply(fresh)
    with sqlite3.connect(built) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'shape'").fetchone()
    recorded = json.loads(row[0])
    assert recorded == buildinfo.shape(fresh.conn)
    assert {"prices", "search_gram", "search_key"} <= set(recorded["tables"])


def test_a_touched_but_unchanged_source_is_not_stale(tmp_path):
    sources = shutil.copytree(FIXTURE, tmp_path / "sources")
    out = tmp_path / "ref.sqlite"
    build(sources, out)
    later = time.time() + 60
    os.utime(sources / "sources.yaml", (later, later))  # the cheap stamp differs, the bytes not
    Catalog(out, sources)
    (sources / "sources.yaml").write_text((sources / "sources.yaml").read_text() + "\n# edited\n")
    with pytest.raises(DatabaseOutdated, match="stale"):
        Catalog(out, sources)


def as_nobody(action) -> tuple[int, str]:
    """Run `action` in a child process as the user nobody; its exit status and what it wrote."""
    nobody = pwd.getpwnam("nobody")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no return from here
        status = 1
        try:
            os.close(read)
            os.dup2(write, 2)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            status = action()
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as handle:
        text = handle.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), text


def open_for_others(tmp_path: Path) -> Path:
    """A folder other users may enter (pytest's own is private to its user)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    for path in (folder, *folder.parents):
        if path == Path("/tmp") or path == Path("/"):
            break
        path.chmod(path.stat().st_mode | 0o711)
    return folder


@pytest.fixture
def nobody_can_enter(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("switching to another user needs root; see the chmod 000 test instead")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' here")
    return open_for_others(tmp_path)


def test_a_built_database_is_readable_by_another_user(nobody_can_enter, monkeypatch):
    out = nobody_can_enter / "ref.sqlite"
    old = os.umask(0o022)
    try:
        build(FIXTURE, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644

    def read() -> int:
        Catalog(out).regions()
        return 0

    status, err = as_nobody(read)
    assert status == 0, err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_database_this_user_may_not_read_says_so_and_not_to_rebuild(
    nobody_can_enter, built, lang
):
    private = nobody_can_enter / "private.sqlite"
    shutil.copy(built, private)
    private.chmod(0o600)

    def refused() -> int:
        try:
            Catalog(private)
        except DatabaseUnreadable:
            pass
        else:
            return 3
        return main(["regions", "--db", str(private), "--lang", lang])

    status, err = as_nobody(refused)
    line = one_line_in(err, lang)
    assert status == 2 and str(private) in line and "build-db" not in line
    assert (
        ("权限不足" in line and "chmod a+r" in line)
        if lang == "zh"
        else "permission denied" in line
    )


def test_an_unreadable_database_without_root(built, tmp_path):
    """As an ordinary user (chmod 000 does not stop root: the test above covers root)."""
    if os.geteuid() == 0:
        pytest.skip("root reads any file: covered by switching to nobody")
    private = tmp_path / "private.sqlite"
    shutil.copy(built, private)
    private.chmod(0)
    with pytest.raises(DatabaseUnreadable, match="permission denied"):
        Catalog(private)


# --- an interrupted build ----------------------------------------------------------------------

PAUSED_BUILD = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    from estimator_gui.core import loader

    # the signals' usual effect, even when the test runs under nohup (SIGHUP ignored, inherited)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)

    real = loader.index_rows

    def paused(rows):  # half-way through writing the temporary file
        print("writing", flush=True)
        time.sleep(60)
        return real(rows)

    loader.index_rows = paused
    loader.build(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


def start_paused_build(out: Path) -> subprocess.Popen[str]:
    """A build in its own process, stopped while it writes its temporary database."""
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BUILD, str(FIXTURE), str(out)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    return proc


def stop(proc: subprocess.Popen[str], signum: int) -> int:
    proc.send_signal(signum)
    code = proc.wait(timeout=30)
    assert proc.stdout is not None
    proc.stdout.close()
    return code


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(loader.TEMP_PREFIX))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_signal_removes_its_temporary_file(tmp_path, signum):
    out = tmp_path / "ref.sqlite"
    proc = start_paused_build(out)
    assert leftovers(tmp_path)  # the temporary database and its lock
    assert stop(proc, signum) == -signum  # ended by the signal, as it would have been
    assert leftovers(tmp_path) == [] and not out.exists()


def test_what_a_killed_build_left_is_removed_by_the_next_build(tmp_path):
    out = tmp_path / "ref.sqlite"
    proc = start_paused_build(out)
    stop(proc, signal.SIGKILL)  # nothing can clean up after this one
    assert any(name.endswith(".sqlite") for name in leftovers(tmp_path))
    legacy = tmp_path / ".reference-k2j4h8q1.sqlite"  # an older version's temp file and journal
    journal = tmp_path / ".reference-k2j4h8q1.sqlite-journal"
    for path in (legacy, journal):
        path.write_bytes(b"x" * 1000)
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    build(FIXTURE, out)
    assert leftovers(tmp_path) == [] and out.exists()


def test_a_running_build_is_left_alone_by_another(tmp_path):
    out = tmp_path / "ref.sqlite"
    proc = start_paused_build(out)
    try:
        theirs = leftovers(tmp_path)
        build(FIXTURE, tmp_path / "mine.sqlite")  # removes what dead builds left: not this one
        assert leftovers(tmp_path) == theirs
    finally:
        stop(proc, signal.SIGTERM)
    assert leftovers(tmp_path) == []


def test_a_folder_the_build_may_not_write_gives_one_line(capsys, tmp_path, monkeypatch):
    def refuse(folder: Path) -> tuple[int, Path]:
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(loader, "_claim_temp", refuse)
    code, _, err = cli(
        capsys, "build-db", "--sources", str(FIXTURE), "--db", str(tmp_path / "x.sqlite")
    )
    line = one_line_in(err, "zh")
    assert code == 2 and "无法写入" in line and "Permission denied" in line


# --- hostile scenario files --------------------------------------------------------------------

BASE = GOLDEN.read_text(encoding="utf-8")


def hostile(tmp_path: Path, kind: str) -> Path:
    """The hostile scenario files of the issue (and a few of their relatives)."""
    line = "  - {code: eligible, name_zh: 政策范围内费用, kind: service, quantity: 1, unit_price: 9500, class: 甲}\n"
    path = tmp_path / f"{kind}.yaml"
    if kind == "quantity_1e30":
        path.write_text(BASE.replace("quantity: 1,", "quantity: 1.0e+30,"), encoding="utf-8")
    elif kind == "quantity_1e30_text":  # YAML reads 1e30 (no dot) as text: the field bound holds
        path.write_text(BASE.replace("quantity: 1,", "quantity: 1e30,"), encoding="utf-8")
    elif kind == "price_1e400":
        path.write_text(BASE.replace("unit_price: 9500", "unit_price: 1.0e+400"), encoding="utf-8")
    elif kind in ("nan", "inf", "minus_inf"):
        value = {"nan": ".nan", "inf": ".inf", "minus_inf": "-.inf"}[kind]
        path.write_text(BASE.replace("unit_price: 9500", f"unit_price: {value}"), encoding="utf-8")
    elif kind == "rule_amount_1e30":
        path.write_text(BASE.replace("{all: 1300}", '{all: "1e30"}'), encoding="utf-8")
    elif kind == "line_above_1e9":  # 200,000 × 9,500 yuan
        path.write_text(BASE.replace("quantity: 1,", "quantity: 200000,"), encoding="utf-8")
    elif kind == "deep_flow":
        path.write_text(BASE + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    elif kind == "deep_block":
        path.write_text(BASE + "extra:\n" + "- " * 10_000 + "x\n", encoding="utf-8")
    elif kind == "deep_json":
        path = tmp_path / "deep.json"
        path.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    elif kind == "json_nan":
        path = tmp_path / "nan.json"
        path.write_text('{"date": "2026-01-01", "quantity": NaN}', encoding="utf-8")
    elif kind == "alias_bomb":  # a million values from a few hundred bytes
        rows = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for name, prev in zip("bcdef", "abcde", strict=True):
            rows.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    elif kind == "five_megabytes":
        path.write_text(BASE.replace("lines:\n", "lines:\n" + line * 52_000), encoding="utf-8")
    elif kind == "gbk":
        path.write_bytes(BASE.encode("gbk", errors="replace"))
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        return Path("/dev/zero")
    elif kind == "missing":
        pass
    return path


HOSTILE = {  # kind → what the English line says
    "quantity_1e30": "lines.0.quantity: 1.0E+30 is outside ±1,000,000,000",
    "quantity_1e30_text": f"lines.0.quantity: Input should be less than or equal to {MAX_QUANTITY}",
    "price_1e400": "lines.0.unit_price: 1.0E+400 is outside",
    "nan": "lines.0.unit_price: NaN is not a finite number",
    "inf": "lines.0.unit_price: Infinity is not a finite number",
    "minus_inf": "lines.0.unit_price: -Infinity is not a finite number",
    "rule_amount_1e30": "deductible.amount.all: 1E+30 is outside",
    "line_above_1e9": "lines.0: Value error, a line's amount",
    "deep_flow": "nested more than 32 levels deep",
    "deep_block": "nested more than 32 levels deep",
    "deep_json": "nested more than 32 levels deep",
    "json_nan": "quantity: NaN is not a finite number",
    "alias_bomb": "more than 100,000 values",
    "five_megabytes": "too large",
    "gbk": "not UTF-8 text",
    "folder": "is a folder",
    "device": "is not a regular file",
    "missing": "file not found",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_scenario_file_gets_one_line_naming_it_and_exit_2(capsys, tmp_path, kind, lang):
    path = hostile(tmp_path, kind)
    code, _, err = cli(capsys, "estimate", "--scenario", str(path), "--lang", lang)
    line = one_line_in(err, lang)
    assert code == 2 and str(path) in line, line
    if lang == "en":
        assert HOSTILE[kind].replace("Value error, ", "") in line


def test_the_stated_bounds_hold_at_their_edges(capsys, tmp_path):
    """A quantity of 10⁶ and a line of 10⁹ yuan are accepted; one fen more is not."""
    at_edge = BASE.replace("quantity: 1,", f"quantity: {MAX_QUANTITY},").replace(
        "unit_price: 9500", "unit_price: 1000"
    )
    ok = tmp_path / "edge.yaml"
    ok.write_text(at_edge.split("expect:")[0], encoding="utf-8")
    code, out, err = cli(capsys, "estimate", "--scenario", str(ok), "--lang", "en")
    assert code == 0 and err == "" and "1,000,000,000.00" in out
    over = tmp_path / "over.yaml"
    over.write_text(
        at_edge.split("expect:")[0].replace("unit_price: 1000", "unit_price: 1000.01"),
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "estimate", "--scenario", str(over), "--lang", "en")
    assert code == 2 and "at most 1,000,000,000 yuan" in err
    assert MAX_MONEY == 10**9


# --- search reads an index for every class of query ---------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["阑", "阑尾", "阑尾切除", "lwqcs", "qcs", "lanwei", "FX-S", "CT", "TAVI", "zzqxv", "龘"],
    ids=[
        "1 char",
        "2 chars",
        "3+ chars",
        "initials",
        "initials inside",
        "full pinyin",
        "code prefix",
        "2 Latin letters",
        "Latin text",
        "no hit Latin",
        "no hit Chinese",
    ],
)
def test_every_search_class_reads_an_index_not_the_whole_table(built, query):
    catalog = Catalog(built)
    tables = {r[0] for r in catalog.conn.execute("SELECT name FROM sqlite_master")}
    statements: list[str] = []
    catalog.conn.set_trace_callback(statements.append)
    catalog.search(query)
    catalog.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().startswith("SELECT")]
    assert selects
    for sql in selects:
        for row in catalog.conn.execute("EXPLAIN QUERY PLAN " + sql):
            words = row[-1].split()  # "SEARCH …", "SCAN (subquery-1)": fine; "SCAN search": not
            whole = words[0] == "SCAN" and (words[1] in tables or words[1] in {"s", "g"})
            assert not whole or ":M" in row[-1], (query, row[-1])  # an FTS MATCH is an index


def gathered(catalog: Catalog, q: str, limit: int, kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """What search lists, the slow way: every match gathered, grouped by item, then sorted
    (treatments first, then matches at the start, then by id) — as search did before it read
    its indexes in result order."""
    kind_sql = f" AND s.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
    phrase = '"' + q.replace('"', '""') + '"'
    if any(ord(ch) in CJK for ch in q):
        if len(q) <= 2:
            sql = (
                "SELECT s.kind, s.ref, s.name FROM search_gram g JOIN search s ON s.id = g.id "
                f"WHERE g.gram = ?{kind_sql} ORDER BY g.rank, g.pre, g.id LIMIT ?"
            )
            params: list[object] = [q, *kinds, limit]
        else:
            sql = (
                "SELECT s.kind, s.ref, s.name FROM search s WHERE s.id IN (SELECT rowid FROM "
                f"search_trigram WHERE search_trigram MATCH ?){kind_sql} "
                "ORDER BY s.rank, instr(s.name, ?) != 1, s.id LIMIT ?"
            )
            params = [phrase, *kinds, q, limit]
        return [tuple(r) for r in catalog.conn.execute(sql, params)]
    low = q.lower().replace(" ", "")
    parts = [
        "SELECT id, rank, 0 AS later FROM search_key WHERE inside = 0 AND key >= ? AND key < ?"
    ]
    params = [low, low + "\uffff"]
    if len(low) >= 3:
        parts.append("SELECT id, rank, 1 FROM search_key WHERE inside = 1 AND key >= ? AND key < ?")
        params += [low, low + "\uffff"]
    if len(q) == 2:
        parts.append("SELECT id, rank, 1 FROM search_gram WHERE gram IN (?, ?)")
        params += [q, q.upper()]
    elif len(q) >= 3:
        parts.append(
            "SELECT s.id, s.rank, 1 FROM search s WHERE s.id IN (SELECT rowid FROM search_trigram "
            "WHERE search_trigram MATCH ?) AND (instr(s.text, ?) OR instr(s.text, ?))"
        )
        params += [phrase, q, q.upper()]
    sql = (
        "SELECT s.kind, s.ref, s.name FROM (SELECT id, min(rank) AS rank, min(later) AS later "
        f"FROM ({' UNION ALL '.join(parts)}) GROUP BY id) u JOIN search s ON s.id = u.id "
        f"WHERE 1{kind_sql} ORDER BY u.rank, u.later, u.id LIMIT ?"
    )
    return [tuple(r) for r in catalog.conn.execute(sql, [*params, *kinds, limit])]


def test_search_read_in_order_lists_what_gathering_every_match_lists(tmp_path, monkeypatch):
    """Search walks search_key bucket by bucket and merges its sources; with buckets of two ids
    (many buckets, most queries spanning several) it lists exactly what gathering every match
    and sorting lists, for every class of query, kind filter and page size."""
    from estimator_gui.core import search_index

    monkeypatch.setattr(search_index, "BUCKET_SIZE", 2)
    out = tmp_path / "small-buckets.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    catalog = Catalog(out)
    try:
        assert catalog.conn.execute("SELECT max(bucket) FROM search_key").fetchone()[0] >= 5
        rows = catalog.conn.execute("SELECT name, py, pyfull, codes FROM search").fetchall()
        queries = {"CT", "ct", "Ct", "TAVI", "tavi", "qcs", "zzqxv", "龘", "x", "a b", "FX-"}
        for name, py, pyfull, codes in rows:
            for word in (name, py, pyfull, *codes.split()):
                for n in (1, 2, 3, 4, 6):
                    queries |= {word[:n], word[1 : 1 + n], word[-n:], word[:n].upper()}
        queries.discard("")
        assert len(queries) > 300
        for q in sorted(queries):
            for kinds in [(), ("treatment",), ("drug", "service", "consumable"), ("drug",)]:
                for limit in (30, 2):
                    found = [(h.kind, h.ref, h.name) for h in catalog.search(q, limit, kinds)]
                    assert found == gathered(catalog, q, limit, kinds), (q, kinds, limit)
    finally:
        catalog.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=12), kinds=st.sampled_from([(), ("drug",), ("treatment", "service")]))
def test_search_answers_any_text_without_an_error(built, text, kinds):
    """Quotes, FTS5 operators, control characters, mixed scripts: a list, never an error."""
    hits = Catalog(built, check_pages=False).search(text, 10, kinds)
    assert len(hits) <= 10 and all(not kinds or h.kind in kinds for h in hits)


def test_the_facade_gives_the_window_each_kind_of_database_problem():
    from estimator_gui.core import facade

    kinds = {
        name: getattr(facade, name)
        for name in (
            "DatabaseMissing",
            "DatabaseUnreadable",
            "DatabaseDamaged",
            "DatabaseOutdated",
            "DatabaseUnwritable",
        )
    }
    assert all(issubclass(cls, facade.DatabaseProblem) for cls in kinds.values())
    assert {cls.cause for cls in kinds.values()} == {
        "missing",
        "unreadable",
        "damaged",
        "outdated",
        "unwritable",
    }
    assert facade.DatabaseProblem in facade.EXPECTED_ERRORS


def test_a_compare_gives_what_each_estimate_and_choice_alone_gives(built):
    """A compare computes an estimate asked for twice once (an option's alternatives are often
    other options): the figures are those of each estimate made alone."""
    from estimator_gui.core.estimator import Case, Estimator
    from estimator_gui.core.models import CareOption, Person

    est = Estimator.open(built)
    day = dt.date(2026, 5, 1)
    person = Person(scheme="employee", kind="employed", age=50)
    case = Case(insured_region="fixtown", person=person, date=day, entries=est.bill_for("fx_tavr"))
    options = [CareOption(treated_region="fixtown", level="level3", date=day)] + [
        CareOption(treated_region="shanghai", level="level3", filing=f, route=r, date=day)
        for f in ("referral", "unfiled", "emergency")
        for r in ("direct", "manual")
    ]
    comparison = est.compare(case, options, package="fx_tavr")
    alone = Estimator.open(built)
    for result in comparison.results:
        single = alone.try_estimate(case, result.option)
        assert single.estimate is not None and result.estimate is not None
        assert single.estimate.patient_burden == result.estimate.patient_burden
        assert single.estimate.steps == result.estimate.steps
    assert alone.choice_values(case, comparison.results, "fx_tavr") == comparison.choices
