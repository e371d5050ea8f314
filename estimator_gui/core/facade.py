"""The one module the window and the CLI import (an import contract enforces it).

Everything a front end names comes from here: the estimator, the case it builds, the settlement
fields, the vocabulary, money formatting, the errors it shows, scenario files and the database
build. What to pay, what is covered and which catalogue judges an item are decided behind it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import notes, yamlio
from .case import Place, care_options, grid, home_and_away
from .cases import CaseFileError, CaseStore, SavedCase, moved, read_file, snapshot, write_file
from .catalog import DatabaseProblem, RegionRow, SearchHit, Treatment
from .counsel import CashPlan, Quote, QuoteCategory, QuoteLine, Trip, cash_plan, typical_deposit
from .engine import EstimateError
from .errors import SourceError
from .estimator import (
    BillEntry,
    Case,
    ChoiceValue,
    Comparison,
    Estimator,
    OptionResult,
)
from .fields import BY_KEY, FIELDS, SLIP, WINDOW, Field
from .models import (
    CareOption,
    Estimate,
    Filing,
    ItemKind,
    LayerKind,
    Level,
    Person,
    PersonKind,
    Route,
    Scheme,
    Setting,
    Source,
    Step,
    Tier,
    Warning,
    YearToDate,
)
from .money import format_rate, format_yuan, format_yuan_short
from .notes import TERMS, Notes
from .rules import RuleFileError
from .scenario import Scenario, ScenarioError, check, parse, run
from .sheet import Sheet
from .sheet import build as build_sheet
from .vocab import LABELS, label

if TYPE_CHECKING:
    from .loader import BuildReport


def load_scenario(path: Path) -> Scenario:
    """A scenario file (YAML or JSON), validated; errors name the file and the field."""
    return parse(yamlio.load(path), path.name)


def build_database(sources: Path, out: Path) -> tuple[BuildReport, Path]:
    """Validate db/sources and build the reference database (atomically), and write the national
    layer's report beside it. Imported here, not at start-up: building needs sqlite-utils and
    pypinyin, which the app never loads to run."""
    from . import national
    from .loader import build

    report = build(sources, out)
    report_file = out.with_name(out.stem + "-build-report.md")
    report_file.write_text(
        "# Build report: the national template layer\n\n"
        "Findings about the unverified national template (db/sources/national): values that\n"
        "contradict their own quoted document, missing values, rules only in words, methods used.\n\n"
        + "\n".join(national.findings_report(report.findings))
        + "\n",
        encoding="utf-8",
    )
    return report, report_file


EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    CaseFileError,
    DatabaseProblem,
    EstimateError,
    ScenarioError,
    SourceError,
    RuleFileError,
)

__all__ = [
    "BY_KEY",
    "EXPECTED_ERRORS",
    "FIELDS",
    "LABELS",
    "SLIP",
    "TERMS",
    "WINDOW",
    "BillEntry",
    "CareOption",
    "Case",
    "CaseFileError",
    "CaseStore",
    "CashPlan",
    "ChoiceValue",
    "Comparison",
    "DatabaseProblem",
    "Estimate",
    "EstimateError",
    "Estimator",
    "Field",
    "Filing",
    "ItemKind",
    "LayerKind",
    "Level",
    "Notes",
    "OptionResult",
    "Person",
    "PersonKind",
    "Place",
    "Quote",
    "QuoteCategory",
    "QuoteLine",
    "RegionRow",
    "Route",
    "RuleFileError",
    "SavedCase",
    "Scenario",
    "ScenarioError",
    "Scheme",
    "SearchHit",
    "Setting",
    "Sheet",
    "Source",
    "SourceError",
    "Step",
    "Tier",
    "Treatment",
    "Trip",
    "Warning",
    "YearToDate",
    "build_database",
    "build_sheet",
    "care_options",
    "cash_plan",
    "check",
    "format_rate",
    "format_yuan",
    "format_yuan_short",
    "grid",
    "home_and_away",
    "label",
    "load_scenario",
    "moved",
    "notes",
    "read_file",
    "run",
    "snapshot",
    "typical_deposit",
    "write_file",
]
