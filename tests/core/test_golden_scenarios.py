"""Golden scenarios: published (or hand-calculated, cited) worked examples, run inline.

Every tests/scenarios/*.yaml carries its own rules and bill; its `expect` block holds figures taken
from the cited page or calculated by hand from the cited rule (see each file's `calculation`), never
copied from this program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from estimator_gui.core import scenario as sc
from estimator_gui.core import yamlio

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))


def _load(path: Path) -> sc.Scenario:
    return sc.parse(yamlio.load(path), path.name)


def test_there_are_golden_scenarios() -> None:
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_matches_expected_figures(path: Path) -> None:
    scenario = _load(path)
    assert scenario.inline, f"{path.name}: golden scenarios carry inline rules and lines"
    assert any(scenario.expectations), f"{path.name}: no expect block"
    results = sc.run(scenario, None, path.name)
    problems = sc.check(scenario, results)
    assert problems == [], f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_is_cited(path: Path) -> None:
    scenario = _load(path)
    assert scenario.title, f"{path.name}: no title"
    assert scenario.source is not None, f"{path.name}: no source"
    assert scenario.source.url or scenario.source.document, (
        f"{path.name}: source needs a url or document"
    )
    assert scenario.calculation and scenario.calculation.strip(), (
        f"{path.name}: no calculation note"
    )
    kind = scenario.calculation.strip().lower()
    assert kind.startswith(("published", "hand-calculated")) or "published" in kind, (
        f"{path.name}: calculation should say 'published' or 'hand-calculated from <rule, URL>'"
    )
