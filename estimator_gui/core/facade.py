"""The one module the window and the CLI import (an import contract enforces it).

Everything a front end names comes from here: the estimator, the case it builds, the settlement
fields, the vocabulary, money formatting, the errors it shows, scenario files and the database
build. What to pay, what is covered and which catalogue judges an item are decided behind it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import notes
from .case import Place, care_options, grid, home_and_away
from .catalog import DatabaseProblem, RegionRow, SearchHit, Treatment
from .correction_overlay import Status as CorrectionStatus
from .correction_overlay import describe as describe_correction
from .correction_overlay import describe_path
from .corrections import Correction, CorrectionStore
from .corrections import make as make_correction
from .counsel import (
    CATEGORY_TERMS,
    CashPlan,
    Quote,
    QuoteCategory,
    QuoteLine,
    Trip,
    cash_plan,
    typical_deposit,
)
from .engine import EstimateError
from .errors import (
    CaseFileError,
    CorrectionError,
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseOutdated,
    DatabaseUnreadable,
    DatabaseUnwritable,
    ScenarioError,
    SourceError,
)
from .estimator import (
    BillEntry,
    Case,
    ChoiceValue,
    Comparison,
    Course,
    Estimator,
    MonthResult,
    OptionResult,
    edition_title,
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
from .vocab import LABELS, label, verified_by

# Loaded on first use, not when the window starts: saved cases, a hospital's bill file, the sheet,
# scenario files, official-file imports and data updates (≈90 ms of imports, YAML and the importer's
# tables among them, that the first paint does not need). name → (module, attribute).
_LAZY: dict[str, tuple[str, str]] = {
    "CaseStore": ("cases", "CaseStore"),
    "SavedCase": ("cases", "SavedCase"),
    "moved": ("cases", "moved"),
    "snapshot": ("cases", "snapshot"),
    "read_case_file": ("cases", "read_file"),
    "write_case_file": ("cases", "write_file"),
    "IMPORT_KINDS": ("importer", "KINDS"),
    "ImportApplied": ("importer", "Applied"),
    "ImportFileError": ("importer", "ImportFileError"),
    "default_mapping_path": ("importer", "default_mapping_path"),
    "ImportPlan": ("importer", "Plan"),
    "ImportRejected": ("importer", "Rejected"),
    "ImportReport": ("importer", "Report"),
    "apply_import": ("importer", "apply"),
    "check_import": ("importer", "check_file"),
    "PACK_SUFFIX": ("correction_pack", "SUFFIX"),
    "PackPreview": ("correction_pack", "Preview"),
    "apply_pack": ("correction_pack", "apply"),
    "export_pack": ("correction_pack", "export"),
    "preview_pack": ("correction_pack", "preview"),
    "read_pack": ("correction_pack", "read"),
    "read_quote_file": ("quote_file", "read"),
    "MAX_MONEY": ("scenario", "MAX_MONEY"),
    "MAX_QUANTITY": ("scenario", "MAX_QUANTITY"),
    "Scenario": ("scenario", "Scenario"),
    "check": ("scenario", "check"),
    "run": ("scenario", "run"),
    "Sheet": ("sheet", "Sheet"),
    "build_sheet": ("sheet", "build"),
    "UpdateError": ("updates", "UpdateError"),
    "active_database": ("updates", "active_database"),
    "resolve_database": ("updates", "resolve"),
    "data_rollback": ("updates", "rollback"),
    "data_status": ("updates", "status"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __package__), attribute)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


if TYPE_CHECKING:  # the same names, for the type checker (a test checks both lists agree)
    from .cases import CaseStore, SavedCase, moved, snapshot
    from .cases import read_file as read_case_file
    from .cases import write_file as write_case_file
    from .correction_pack import SUFFIX as PACK_SUFFIX
    from .correction_pack import Preview as PackPreview
    from .correction_pack import apply as apply_pack
    from .correction_pack import export as export_pack
    from .correction_pack import preview as preview_pack
    from .correction_pack import read as read_pack
    from .importer import KINDS as IMPORT_KINDS
    from .importer import Applied as ImportApplied
    from .importer import ImportFileError, default_mapping_path
    from .importer import Plan as ImportPlan
    from .importer import Rejected as ImportRejected
    from .importer import Report as ImportReport
    from .importer import apply as apply_import
    from .importer import check_file as check_import
    from .loader import BuildReport
    from .quote_file import read as read_quote_file
    from .scenario import MAX_MONEY, MAX_QUANTITY, Scenario, check, run
    from .sheet import Sheet
    from .sheet import build as build_sheet
    from .updates import UpdateError, active_database
    from .updates import resolve as resolve_database
    from .updates import rollback as data_rollback
    from .updates import status as data_status


def load_scenario(path: Path) -> Scenario:
    """A scenario file (YAML or JSON), read within bounds and validated (scenario.py states the
    bounds); ScenarioError names the file and the field, in English and Chinese."""
    from .scenario import load

    return load(path)


def build_database(sources: Path, out: Path) -> tuple[BuildReport, Path]:
    """Validate db/sources and build the reference database (atomically), and write the national
    layer's report beside it. Imported here, not at start-up: building needs sqlite-utils and
    pypinyin, which the app never loads to run."""
    from . import national
    from .loader import build

    report = build(sources, out)
    report_file = out.with_name(out.stem + "-build-report.md")
    try:
        report_file.write_text(
            "# Build report: the national template layer\n\n"
            "Findings about the unverified national template (db/sources/national): values that\n"
            "contradict their own quoted document, missing values, rules only in words, methods used.\n\n"
            + "\n".join(national.findings_report(report.findings))
            + "\n",
            encoding="utf-8",
        )
    except OSError as exc:  # the database is built; its report could not be written
        why = exc.strerror or str(exc)
        raise DatabaseUnwritable(
            f"built {out}, but cannot write its report {report_file} ({why})",
            f"已构建 {out}，但无法写入其报告 {report_file}（{why}）",
            fix_en=f"make {report_file} writable, or build where you may write (--db PATH)",
            fix_zh=f"请使 {report_file} 可写，或在您有写权限的位置构建（--db 路径）",
            path=report_file,
        ) from None
    return report, report_file


EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    CaseFileError,
    CorrectionError,
    DatabaseProblem,
    EstimateError,
    ScenarioError,
    SourceError,
    RuleFileError,
)

__all__ = [
    "BY_KEY",
    "CATEGORY_TERMS",
    "EXPECTED_ERRORS",
    "FIELDS",
    "IMPORT_KINDS",
    "LABELS",
    "MAX_MONEY",
    "MAX_QUANTITY",
    "PACK_SUFFIX",
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
    "Correction",
    "CorrectionError",
    "CorrectionStatus",
    "CorrectionStore",
    "Course",
    "DatabaseDamaged",
    "DatabaseMissing",
    "DatabaseOutdated",
    "DatabaseProblem",
    "DatabaseUnreadable",
    "DatabaseUnwritable",
    "Estimate",
    "EstimateError",
    "Estimator",
    "Field",
    "Filing",
    "ImportApplied",
    "ImportFileError",
    "ImportPlan",
    "ImportRejected",
    "ImportReport",
    "ItemKind",
    "LayerKind",
    "Level",
    "MonthResult",
    "Notes",
    "OptionResult",
    "PackPreview",
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
    "UpdateError",
    "Warning",
    "YearToDate",
    "active_database",
    "apply_import",
    "apply_pack",
    "build_database",
    "build_sheet",
    "care_options",
    "cash_plan",
    "check",
    "check_import",
    "data_rollback",
    "data_status",
    "default_mapping_path",
    "describe_correction",
    "describe_path",
    "edition_title",
    "export_pack",
    "format_rate",
    "format_yuan",
    "format_yuan_short",
    "grid",
    "home_and_away",
    "label",
    "load_scenario",
    "make_correction",
    "moved",
    "notes",
    "preview_pack",
    "read_case_file",
    "read_pack",
    "read_quote_file",
    "resolve_database",
    "run",
    "snapshot",
    "typical_deposit",
    "verified_by",
    "write_case_file",
]
