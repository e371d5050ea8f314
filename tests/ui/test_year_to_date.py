"""What the insurance year already used reaches the estimate: bands and 大病 continue from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from estimator_gui.core.estimator import BillEntry, Case
from estimator_gui.core.models import CareOption, Person, YearToDate
from estimator_gui.ui.main_window import MainWindow
from estimator_gui.ui.results_model import BURDEN_ROW


def test_amounts_so_far_this_year_are_used_as_the_core_uses_them(fx_window: MainWindow) -> None:
    who = fx_window.who
    who.select_region("fixtown")
    who.set_date(dt.date(2026, 5, 1))
    who.admissions.setValue(1)
    who.deductible_paid.setValue(1000)
    who.eligible_so_far.setValue(48000)  # Fixtown 三级 bands: 80% to 50,000, then 90%
    fx_window.bill.choose_treatment("fx_tavr", "")
    comparison = fx_window.compare()
    assert comparison is not None

    ytd = YearToDate(admissions=1, deductible_paid=Decimal(1000), eligible_amount=Decimal(48000))
    value = who.value()
    entries = [BillEntry(code=r.code, quantity=r.quantity) for r in fx_window.bill.model.rows()]
    case = Case(
        insured_region="fixtown",
        person=Person(scheme=value.scheme, kind=value.person, age=value.age),
        date=value.date,
        entries=entries,
        year_to_date=ytd,
    )
    core = fx_window.est.estimate(
        case, CareOption(treated_region="fixtown", level="level3", date=value.date)
    )
    shown = fx_window.results.data(fx_window.results.index(BURDEN_ROW, 0), Qt.ItemDataRole.UserRole)
    assert shown == core.patient_burden
    assert any(
        s.key == "band" and "90%" in s.text_zh for s in core.steps
    )  # the bands went on from 48,000
