"""Care elsewhere as it really works (the bundled rules): free-filing zones, bilateral agreements,
filing before discharge, emergencies counted as filed, advice only where real, and a year of
special outpatient care month by month."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

from estimator_gui.core.estimator import Case, Estimator
from estimator_gui.core.models import CareOption, Person

DAY = dt.date(2026, 11, 1)
EMPLOYED = Person(scheme="employee", kind="employed", age=50)
RESIDENT = Person(scheme="resident", kind="adult", age=50)


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def _case(est: Estimator, insured: str, person: Person = EMPLOYED, treatment: str = "lap_appendectomy"):
    t = est.treatment(treatment)
    return Case(insured_region=insured, person=person, date=DAY, entries=est.bill_for(treatment),
                setting=t.setting)


def _burdens(est, insured, treated, filings, person=EMPLOYED, route="direct"):
    case = _case(est, insured, person)
    options = [CareOption(treated_region=treated, level="level3", filing=f, route=route, date=DAY)
               for f in filings]
    results = est.compare(case, options, with_choices=True)
    for r in results.results:
        assert r.estimate is not None, r.error_en
    return results


@pytest.mark.parametrize("person", [EMPLOYED, RESIDENT], ids=["employee", "resident"])
@pytest.mark.parametrize("treated", ["beijing", "tianjin"])
def test_a_hebei_patient_in_beijing_or_tianjin_pays_the_same_filed_or_unfiled(est, person, treated):
    """京津冀: Hebei patients need no filing in Beijing and Tianjin (China Daily 2024-05-14)."""
    results = _burdens(est, "handan", treated, ["temporary", "unfiled"], person)
    filed, unfiled = (r.estimate for r in results.results)
    assert unfiled.patient_burden == filed.patient_burden
    assert unfiled.filing_free and not unfiled.late_filing
    options = [r.option for r in results.results]
    assert not [c for c in results.choices
                if c.alternative.filing != options[c.option_index].filing]  # no filing advice


def test_an_unfiled_patient_in_another_province_files_before_discharge_or_claims_at_home(est):
    results = _burdens(est, "fuyang", "shanghai", ["unfiled"])
    unfiled = results.results[0].estimate
    assert unfiled.late_filing
    assert any(s.key == "late_filing" and "出院结算前补办备案" in s.text_zh for s in unfiled.steps)
    assert any(w.code == "late_filing" for w in unfiled.warnings)
    # the other real path is shown: pay in full and claim at home
    claim = [c for c in results.choices if c.alternative.route.value == "manual"]
    assert claim and "全额垫付" in claim[0].text_zh
    # settled as a filed temporary patient, to the fen
    temporary = _burdens(est, "fuyang", "shanghai", ["temporary"]).results[0].estimate
    assert unfiled.patient_burden == temporary.patient_burden


@pytest.mark.parametrize("treated", ["kunming", "chongqing"])
def test_a_chengdu_patient_in_kunming_or_chongqing_keeps_the_home_ratio_without_filing(est, treated):
    """Chengdu's own source: no filing and the home ratio in Yunnan, Chongqing, Guizhou, Tibet,
    Guangzhou and Nanjing."""
    home = est.compare(_case(est, "chengdu"),
                       [CareOption(treated_region="chengdu", level="level3", date=DAY)]).results[0]
    results = _burdens(est, "chengdu", treated, ["unfiled", "referral"])
    for r in results.results:
        assert r.estimate.fund_ratio == home.estimate.fund_ratio
        assert r.estimate.filing_free
    options = [r.option for r in results.results]
    assert not [c for c in results.choices
                if c.alternative.filing != options[c.option_index].filing]  # no filing advice


@pytest.mark.parametrize("insured", ["fuyang", "shanghai", "hangzhou", "beijing", "chongqing", "xian"])
def test_emergencies_are_settled_as_filed(est, insured):
    """医保发〔2022〕22号: an emergency counts as filed — never worse than filed temporary care,
    and never the unfiled path (filing before discharge or a claim at home)."""
    results = _burdens(est, insured, "guangzhou", ["emergency", "temporary", "unfiled"])
    emergency, temporary, unfiled = (r.estimate for r in results.results)
    assert not emergency.late_filing
    assert emergency.patient_burden <= temporary.patient_burden <= unfiled.patient_burden


def test_no_advice_to_go_to_a_level_the_treatment_is_not_done_at(est):
    """TAVR is done at level-3 hospitals only: no "a level-2 hospital would save" advice."""
    case = _case(est, "fuyang", treatment="tavr")
    options = [CareOption(treated_region="shanghai", level="level3", filing="referral", date=DAY)]
    choices = est.compare(case, options, package="tavr").choices
    assert not [c for c in choices if c.alternative.level.value != "level3"]
    # an appendectomy is done at level 2 too: the advice is given where a level-2 hospital exists
    case = _case(est, "fuyang")
    choices = est.compare(case, options, package="lap_appendectomy").choices
    assert [c for c in choices if c.alternative.level.value == "level2"]


# --- a year of dialysis ------------------------------------------------------------------------

@pytest.mark.parametrize("insured", ["chongqing", "kunming", "beijing"])
def test_a_year_of_dialysis_month_by_month_names_the_month_the_cap_binds(insured, bundled_db):
    out = subprocess.run(
        [sys.executable, "-m", "estimator_gui.cli", "course", "--db", str(bundled_db),
         "--insured", insured,
         "--treatment", "haemodialysis_month", "--date", "2026-01-01", "--json"],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(out.stdout)
    months = data["months"]
    assert len(months) == 12 and all(m["error"] is None for m in months)
    assert D(data["total_patient_burden"]) == sum(D(m["patient_burden"]) for m in months)
    cap = data["cap_month"]
    assert cap is not None and 1 < cap <= 12
    assert [m["cap_reached"] for m in months] == [m["month"] >= cap for m in months]
    # the yearly deductible is paid in the first month only: it pays the most before the cap
    assert D(months[0]["patient_burden"]) == max(D(m["patient_burden"]) for m in months)
