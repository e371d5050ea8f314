"""Each part of the drug list is judged by the edition in force on the date of care, and the
estimate says which edition judged which part."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from estimator_gui.core.estimator import BillEntry, Case, Estimator
from estimator_gui.core.models import CareOption, Person

AMOXICILLIN = "YP24-0853"  # 西药 (XJ01…), in both editions
PATENT = "YP24-3748"  # 牛黄清感胶囊, a negotiated 中成药 (2024 edition only: the 2025 file has none)


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def _drug_editions(est: Estimator, day: dt.date) -> dict[str, list[str]]:
    case = Case(
        insured_region="hangzhou",
        person=Person(scheme="employee", kind="employed", age=50),
        date=day,
        entries=[BillEntry(code=AMOXICILLIN, quantity=D(2)), BillEntry(code=PATENT, quantity=D(1))],
    )
    e = est.estimate(case, CareOption(treated_region="hangzhou", level="level3", date=day))
    return {x.name_zh: x.parts or [] for x in e.editions if x.kind == "catalog"}


def test_care_in_2026_names_the_2025_list_for_western_drugs_and_2024_for_patent_medicines(est):
    editions = _drug_editions(est, dt.date(2026, 3, 1))
    assert editions == {
        "国家医保药品目录（2025年版）西药部分": ["western"],
        "国家医保药品目录（2024年版）": ["herbal", "patent"],
    }


def test_care_in_2025_names_the_2024_list_for_every_part(est):
    editions = _drug_editions(est, dt.date(2025, 6, 1))
    assert list(editions) == ["国家医保药品目录（2024年版）"]
    assert editions["国家医保药品目录（2024年版）"] == ["herbal", "patent", "western"]
