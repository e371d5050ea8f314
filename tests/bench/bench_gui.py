"""GUI benchmark (a script, not a test): start-up, search-as-you-type, recomputing a comparison.

    python tests/bench/bench_gui.py [--runs 7] [--db resources/reference.sqlite]

Prints one table. Start-up is timed from process start to the end of the first event-loop pass
with the window shown (`--quit-after-start` prints the time then), against a bare PySide6 window
timed the same way; the package is byte-compiled first, as an installed copy or the bundle is.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
table = QTableWidget(14, 5)
for r in range(14):
    for c in range(5):
        table.setItem(r, c, QTableWidgetItem(f"¥{r * 1000 + c:,}.00"))
w = QMainWindow(); w.setCentralWidget(table); w.show()
def usable():
    import time
    print(f"usable {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, usable)
app.exec()
"""


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """From starting the process to the window usable (the time it prints at the end of its
    first event-loop pass; the process's exit, which no user waits for, is not counted)."""
    start = time.time()
    out = subprocess.run(
        cmd, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ).stdout
    stamp = next(line for line in out.splitlines() if line.startswith("usable "))
    return float(stamp.split()[1]) - start


def startup(db: Path, runs: int) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = [sys.executable, "-m", "estimator_gui", "--quit-after-start", "--db", str(db)]
    bare = [sys.executable, "-c", BARE]
    wall(app, env), wall(bare, env)  # warm the page cache
    apps, bares = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        apps.append(wall(app, env))
        bares.append(wall(bare, env))
    return statistics.median(apps), statistics.median(bares)


def queries(window: object, n: int = 240) -> list[str]:
    conn = window.est.catalog.conn  # type: ignore[attr-defined]
    rows = conn.execute("SELECT name, py, codes FROM search ORDER BY rowid").fetchall()
    rng = random.Random(7)
    out: list[str] = []
    while len(out) < n:
        name, py, codes = rng.choice(rows)
        kind = len(out) % 3
        size = rng.randint(1, 4)
        if kind == 0:
            out.append(name[:size])  # Chinese, 1-4 characters
        elif kind == 1 and py:
            out.append(py[:size])  # pinyin initials
        elif codes:
            code = codes.split()[0]
            out.append(code[: rng.randint(2, 8)])  # code prefixes
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--db", help="a built reference database (default: build one from db/sources)")
    args = p.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        from estimator_gui.core.loader import build

        tmp = Path(tempfile.mkdtemp(prefix="bench-gui-"))
        sources = shutil.copytree(ROOT / "db" / "sources", tmp / "sources")  # a stable snapshot
        db = tmp / "reference.sqlite"
        build(sources, db)

    # an installed copy and the bundle start from bytecode: so does this (PYTHONDONTWRITEBYTECODE
    # or a fresh checkout would otherwise compile the changed modules on every start)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "estimator_gui")], check=True
    )
    app_s, bare_s = startup(db, args.runs)

    from PySide6.QtWidgets import QApplication

    from estimator_gui.core.estimator import Estimator
    from estimator_gui.ui import fonts
    from estimator_gui.ui.main_window import MainWindow
    from estimator_gui.ui.sample import load_sample

    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts.load()
    fonts.apply(app)  # type: ignore[arg-type]
    window = MainWindow(Estimator.open(db))
    window.show()
    load_sample(window)
    box = window.bill.item_search
    qs = queries(window)
    times = []
    for q in qs:
        start = time.perf_counter()
        box.setText(q)  # search + suggestion model + list update, as one keystroke does
        times.append((time.perf_counter() - start) * 1000)
    hits = sum(1 for q in qs[:50] if window.est.search(q))

    options = window.results.columnCount()
    compare_ms = []
    for _ in range(20):
        start = time.perf_counter()
        window.compare()
        compare_ms.append((time.perf_counter() - start) * 1000)
    built = window.case_and_options()
    assert built is not None
    core_ms = []
    for _ in range(20):
        start = time.perf_counter()
        window.est.compare(*built)
        core_ms.append((time.perf_counter() - start) * 1000)

    rows = [
        ("start-up to usable window (median)", f"{app_s * 1000:.0f} ms", "within 1.5× bare"),
        ("bare PySide6 window (median)", f"{bare_s * 1000:.0f} ms", ""),
        ("ratio app / bare", f"{app_s / bare_s:.2f}×", "≤ 1.5×"),
        (f"search as you type, {len(qs)} queries, p50", f"{statistics.median(times):.1f} ms", ""),
        ("search as you type, p95", f"{percentile(times, 95):.1f} ms", "< 30 ms"),
        ("search as you type, max", f"{max(times):.1f} ms", ""),
        (
            f"recompute {options}-option comparison in the window (median)",
            f"{statistics.median(compare_ms):.1f} ms",
            "< 100 ms",
        ),
        ("  of which the core's compare (median)", f"{statistics.median(core_ms):.1f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>9}  aim")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 16}")
    for what, result, aim in rows:
        print(f"{what:<{width}}  {result:>9}  {aim}")
    print(
        f"(queries with hits among the first 50: {hits}; catalogue rows: "
        f"{window.est.catalog.conn.execute('SELECT count(*) FROM search').fetchone()[0]})"
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
