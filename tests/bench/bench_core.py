"""Core benchmark (a script, not a timed test): `python tests/bench/bench_core.py [--db PATH]`.

Prints, in one run, on the bundled reference database:
  1. the time to open the database (every check included), in a fresh process and warm;
  2. a 61-option compare (home + 10 places × 6 filing types), the first in a fresh process against
     a warm one: plain (no choice values, no range) and as the CLI and the window run it (choice
     values, and the low–high range of the package);
  3. each search class (1, 2, 3+ Chinese characters, pinyin initials at the start and inside a
     name, full pinyin, code prefix, no hit) against a naive scan of the search table in the same
     run: p50 / p95, the ratio, and whether every statement the search ran used an index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 11, 1)
HOME = "hangzhou"
TARGETS = [
    "fuyang",
    "beijing",
    "guangzhou",
    "handan",
    "harbin",
    "wuhan",
    "liyang",
    "suzhou",
    "shanghai",
    "chengdu",
]
FILINGS = ["long_term_resident", "referral", "emergency", "temporary", "unfiled", "posted_worker"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def database(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    from estimator_gui import paths
    from estimator_gui.core.catalog import Catalog, DatabaseProblem

    try:
        Catalog(paths.reference_db()).close()
        return paths.reference_db()
    except DatabaseProblem:  # missing or stale: build a fresh copy from a snapshot of the sources
        from estimator_gui.core.loader import build

        folder = Path(tempfile.mkdtemp(prefix="bench-core-"))
        snapshot = shutil.copytree(paths.SOURCES, folder / "sources")
        build(snapshot, folder / "reference.sqlite")
        return folder / "reference.sqlite"


# --- children: one measurement in a fresh process -------------------------------------------------


def child_open(db: Path) -> dict[str, float]:
    import inspect

    from estimator_gui.core.catalog import Catalog

    start = time.perf_counter()
    Catalog(db).close()
    first = (time.perf_counter() - start) * 1000
    warm, unchecked = [], []
    checks = "check_pages" in inspect.signature(Catalog).parameters
    for _ in range(9):
        start = time.perf_counter()
        Catalog(db).close()
        warm.append((time.perf_counter() - start) * 1000)
        if checks:  # the same without the page checksum (which the window may run later)
            start = time.perf_counter()
            Catalog(db, check_pages=False).close()  # type: ignore[call-arg]
            unchecked.append((time.perf_counter() - start) * 1000)
    return {
        "first": first,
        "warm": statistics.median(warm),
        "unchecked": statistics.median(unchecked) if unchecked else float("nan"),
    }


def compare_inputs(est: Any) -> tuple[Any, list[Any], str]:
    from estimator_gui.core.estimator import Case
    from estimator_gui.core.models import CareOption, Person

    person = Person(scheme="employee", kind="employed", age=55)
    treatment = max(est.treatments(), key=lambda t: len(t.lines)).id
    case = Case(insured_region=HOME, person=person, date=DAY, entries=est.bill_for(treatment))
    options = [CareOption(treated_region=HOME, level="level3", date=DAY)] + [
        CareOption(treated_region=r, level="level3", filing=f, date=DAY)
        for r in TARGETS
        for f in FILINGS
    ]
    return case, options, treatment


def child_compare(db: Path, full: bool, warmed: bool = False) -> dict[str, float]:
    from estimator_gui.core.estimator import Estimator

    est = Estimator.open(db)
    case, options, treatment = compare_inputs(est)
    if warmed:  # what the window can do in an idle moment after its first paint
        est.warm_up([HOME, *TARGETS], DAY)
    kwargs: dict[str, Any] = (
        {"with_choices": True, "package": treatment} if full else {"with_choices": False}
    )
    start = time.perf_counter()
    first = est.compare(case, options, **kwargs)
    cold = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(7):
        start = time.perf_counter()
        est.compare(case, options, **kwargs)
        warm.append((time.perf_counter() - start) * 1000)
    return {
        "cold": cold,
        "warm": statistics.median(warm),
        "options": len(options),
        "estimated": sum(r.estimate is not None for r in first.results),
        "choices": len(first.choices),
        "ranges": sum(r.burden_range is not None for r in first.results),
    }


def in_child(db: Path, what: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--db", str(db), "--child", what],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# --- search ---------------------------------------------------------------------------------------


def search_classes(conn: Any) -> dict[str, list[str]]:
    """Queries of each class, drawn from the catalogue itself (fixed seed: runs compare alike)."""
    rows = conn.execute("SELECT name, py, pyfull, codes FROM search ORDER BY id").fetchall()
    rng = random.Random(7)
    sample = [rng.choice(rows) for _ in range(400)]
    han = [r for r in sample if len(r[0]) >= 4 and all("\u4e00" <= c <= "\u9fff" for c in r[0][:4])]

    def take(values: list[str], n: int = 40) -> list[str]:
        seen: list[str] = []
        for v in values:
            if v and v not in seen:
                seen.append(v)
            if len(seen) == n:
                break
        return seen

    return {
        "1 character": take([r[0][rng.randrange(4)] for r in han]),
        "2 characters": take([r[0][i : i + 2] for r in han for i in (rng.randrange(3),)]),
        "3+ characters": take([r[0][:4] if rng.random() < 0.5 else r[0][1:4] for r in han]),
        "pinyin initials (start)": take([r[1][:3] for r in sample if len(r[1]) >= 4]),
        "pinyin initials (inside)": take([r[1][1:5] for r in sample if len(r[1]) >= 6]),
        "full pinyin": take([r[2][:8] for r in sample if len(r[2]) >= 8]),
        "code prefix": take([r[3].split()[0][:7] for r in sample if r[3]]),
        "no hit": ["qxzqv", "zzqxj", "龘齉", "龘", "XQZ9Q", "ppqqzx", "齉龘龘", "vvqq"],
    }


NAIVE_HAN = "SELECT kind, ref, name, rank FROM search WHERE instr(text, ?) > 0"
NAIVE_LATIN = (
    "SELECT kind, ref, name, rank FROM search WHERE instr(lower(text), ?) > 0 "
    "OR instr(py, ?) > 0 OR instr(pyfull, ?) > 0 OR instr(codes, ?) > 0"
)


def naive(conn: Any, q: str) -> list[Any]:
    """The scan an index must beat: every row's text (and pinyin, codes) searched for `q`."""
    if any("\u3400" <= c <= "\u9fff" for c in q):
        rows = conn.execute(NAIVE_HAN, (q,)).fetchall()
    else:
        low = q.lower()
        rows = conn.execute(NAIVE_LATIN, (low, low, low, q.upper())).fetchall()
    rows.sort(key=lambda r: (r[3], len(r[2]), r[1]))
    return rows[:30]


TABLE_ALIASES = {"s", "g", "t"}  # the aliases catalog.search gives tables


def plans(conn: Any, catalog: Any, q: str) -> list[str]:
    """The query plan of every statement the search ran: lines that scan a whole table."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        catalog.search(q)
    finally:
        conn.set_trace_callback(None)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    scans = []
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall():
            words = row[-1].split()  # "SCAN search", "SCAN s", "SCAN (subquery-1)", "SEARCH …"
            whole = words[0] == "SCAN" and (words[1] in tables or words[1] in TABLE_ALIASES)
            if whole and ":M" not in row[-1]:  # an FTS5 MATCH ("INDEX 0:M1") reads its index
                scans.append(row[-1])  # a whole table read (a subquery's rows are not)
    return scans


def bench_search(db: Path, repeat: int) -> list[tuple[str, int, float, float, float, float, str]]:
    from estimator_gui.core.catalog import Catalog

    catalog = Catalog(db)
    conn = getattr(catalog, "raw", catalog.conn)
    classes = search_classes(conn)
    for qs in classes.values():  # warm the page cache and the statement cache
        for q in qs:
            catalog.search(q)
            naive(conn, q)
    out = []
    for name, qs in classes.items():
        ours: list[float] = []
        scan: list[float] = []
        for _ in range(repeat):
            for q in qs:  # interleaved, so both see the same machine load
                start = time.perf_counter()
                catalog.search(q)
                ours.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                naive(conn, q)
                scan.append((time.perf_counter() - start) * 1000)
        scans = sorted({s for q in qs for s in plans(conn, catalog, q)})
        out.append(
            (
                name,
                len(qs),
                statistics.median(ours),
                percentile(ours, 95),
                statistics.median(scan),
                percentile(scan, 95),
                "yes" if not scans else "no: " + "; ".join(scans),
            )
        )
    return out


def _has_warm_up() -> bool:
    from estimator_gui.core.estimator import Estimator

    return hasattr(Estimator, "warm_up")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", help="a built reference database (default: resources/, else build one)")
    p.add_argument("--runs", type=int, default=5, help="fresh processes per cold measurement")
    p.add_argument("--repeat", type=int, default=5, help="rounds over each search query set")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    db = database(args.db)
    if args.child:
        result = (
            child_open(db)
            if args.child == "open"
            else child_compare(db, args.child != "plain", args.child == "warmed")
        )
        print(json.dumps(result))
        return 0

    size = db.stat().st_size / 1e6
    opens = [in_child(db, "open") for _ in range(args.runs)]
    plain = [in_child(db, "plain") for _ in range(args.runs)]
    full = [in_child(db, "full") for _ in range(args.runs)]
    warmed = [in_child(db, "warmed") for _ in range(args.runs)] if _has_warm_up() else []
    searches = bench_search(db, args.repeat)

    def med(runs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"database: {db} ({size:.1f} MB); {args.runs} fresh processes per cold figure")
    print("\n| measure | result | aim |")
    print("|---|---|---|")
    print(
        f"| open the database, first in a process (median) | {med(opens, 'first'):.1f} ms | cheap |"
    )
    print(f"| open the database again, warm (median) | {med(opens, 'warm'):.1f} ms | |")
    print(
        f"| … of which without the page checksum (check_pages=False) | "
        f"{med(opens, 'unchecked'):.1f} ms | |"
    )
    for label, runs in (
        ("compare, 61 options, no choices or range", plain),
        ("compare, 61 options, choice values and ranges", full),
    ):
        cold, warm = med(runs, "cold"), med(runs, "warm")
        colds = ", ".join(f"{r['cold']:.0f}" for r in runs)
        aim = "< 150 ms warm; cold ≤ 1.5× warm" if runs is full else "cold ≤ 1.5× warm"
        print(f"| {label}: first in a process (median; runs {colds}) | {cold:.1f} ms | |")
        print(f"| {label}: warm (median of 7) | {warm:.1f} ms | |")
        print(f"| {label}: cold / warm | {cold / warm:.2f}× | {aim} |")
    if warmed:
        cold, warm = med(warmed, "cold"), med(full, "warm")
        print(
            f"| compare with choices and ranges, first after `warm_up` of its 11 places "
            f"(median) | {cold:.1f} ms | |"
        )
        print(f"| … / warm | {cold / warm:.2f}× | ≤ 1.5× |")
    r = full[0]
    print(
        f"\n(compare: {r['options']} options, {r['estimated']} estimated, {r['choices']} choice "
        f"values, {r['ranges']} ranges)"
    )
    print(
        "\n| search class | queries | p50 | p95 | naive scan p50 | p95 | scan / search (p50) | index |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, n, p50, p95, s50, s95, index in searches:
        print(
            f"| {name} | {n} | {p50:.2f} ms | {p95:.2f} ms | {s50:.2f} ms | {s95:.2f} ms | "
            f"{s50 / p50:.1f}× | {index} |"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
