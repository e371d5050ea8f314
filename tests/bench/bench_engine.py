"""Engine benchmark (a script, not a timed test): `python tests/bench/bench_engine.py`.

Measures, on the bundled reference database:
  1. estimates per second of the pure engine for a 50-line bill (one core);
  2. the time of a `compare` of one treatment across 10 regions × 6 filing types (60 options),
     cold (first call: rules resolved, catalogue rows read) and warm (repeated).
Prints a table of medians; the figures go into README.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from estimator_gui import paths  # noqa: E402
from estimator_gui.core import engine  # noqa: E402
from estimator_gui.core.estimator import BillEntry, Case, Estimator  # noqa: E402
from estimator_gui.core.loader import build  # noqa: E402
from estimator_gui.core.models import CareOption, Filing, Person, RuleSet  # noqa: E402

DAY = dt.date(2026, 11, 1)
FILINGS = [
    Filing.LONG_TERM_RESIDENT,
    Filing.REFERRAL,
    Filing.EMERGENCY,
    Filing.TEMPORARY,
    Filing.UNFILED,
    Filing.POSTED_WORKER,
]


def open_estimator() -> Estimator:
    db = paths.reference_db()
    try:
        return Estimator.open(db)
    except Exception:  # missing or stale: build a fresh copy (from a snapshot of the sources)
        folder = Path(tempfile.mkdtemp(prefix="bench-"))
        snapshot = shutil.copytree(paths.SOURCES, folder / "sources")
        build(snapshot, folder / "reference.sqlite")
        return Estimator.open(folder / "reference.sqlite")


def fifty_line_bill(est: Estimator, insured: RuleSet) -> list[BillEntry]:
    """The longest treatment's priced lines, topped up with priced drugs and services to 50 lines."""
    longest = max(est.treatments(), key=lambda t: len(t.lines))
    editions = tuple(
        e for list_id in insured.region.price_lists for e in est.catalog.resolve("price", list_id, DAY)
    )
    entries = {
        e.code: e
        for e in est.bill_for(longest.id, "high")
        if est.catalog.price(editions, e.code, "level3")
    }
    codes = [
        r[0]
        for r in est.catalog.conn.execute(
            "SELECT DISTINCT code FROM prices WHERE (price_list LIKE 'national-drug-prices@%' "
            "OR price_list LIKE 'jiangsu-sunan@%') AND level IN ('all', 'level3') ORDER BY code"
        )
    ]
    for code in codes:
        if len(entries) >= 50:
            break
        entries.setdefault(code, BillEntry(code=code, quantity=Decimal(2)))
    return list(entries.values())[:50]


# the ten places the benchmark compares (fixed, so runs before and after a change compare alike)
TARGETS = ["fuyang", "beijing", "guangzhou", "handan", "harbin", "wuhan", "liyang", "suzhou",
           "shanghai", "chengdu"]


def main() -> None:
    est = open_estimator()
    person = Person(scheme="employee", kind="employed", age=55)
    regions = [r.id for r in est.regions()]
    home = "hangzhou" if "hangzhou" in regions else regions[0]
    insured = est.rules(home, DAY)
    bill = fifty_line_bill(est, insured)
    lines = est.price_lines(bill, insured, insured, "level3")
    option = CareOption(treated_region=home, level="level3", date=DAY)

    # 1. pure engine
    n = 2000
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            engine.estimate(insured, insured, person, option, lines)
        runs.append(n / (time.perf_counter() - start))
    per_second = statistics.median(runs)

    # 2. compare across 10 regions × 6 filing types
    treatment = max(est.treatments(), key=lambda t: len(t.lines)).id
    case = Case(insured_region=home, person=person, date=DAY, entries=est.bill_for(treatment))
    targets = [r for r in TARGETS if r in regions and r != home][:10]
    options = [
        CareOption(treated_region=r, level="level3", filing=f, date=DAY)
        for r in targets
        for f in FILINGS
    ]
    fresh = Estimator.open(est.catalog.path)
    start = time.perf_counter()
    fresh.compare(case, options, with_choices=False)
    cold = (time.perf_counter() - start) * 1000
    warm_runs = []
    for _ in range(7):
        start = time.perf_counter()
        result = fresh.compare(case, options, with_choices=False)
        warm_runs.append((time.perf_counter() - start) * 1000)
    estimated = sum(r.estimate is not None for r in result.results)

    print(
        f"bill: {len(lines)} lines; insured region: {home}; compare: {treatment}, "
        f"{len(targets)} regions × {len(FILINGS)} filings = {len(options)} options ({estimated} estimated)"
    )
    print("| measure | result |")
    print("|---|---|")
    print(f"| engine, 50-line bill, one core | {per_second:,.0f} estimates/s |")
    print(f"| compare 60 options, cold (first call) | {cold:.1f} ms |")
    print(f"| compare 60 options, warm (median of 7) | {statistics.median(warm_runs):.1f} ms |")


if __name__ == "__main__":
    main()
