"""The counselling desk in the core: a hospital's quote per option, the cash a patient needs, the
cost of going, warnings sorted for the patient, saved cases, and the one-page sheet's content."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from estimator_gui.core import notes
from estimator_gui.core.cases import CaseFileError, CaseStore, SavedCase, moved, read_file, snapshot
from estimator_gui.core.counsel import Quote, QuoteLine, Trip, cash_plan, typical_deposit
from estimator_gui.core.estimator import Case, Estimator
from estimator_gui.core.models import CareOption, Person, Route
from estimator_gui.core.sheet import build as build_sheet

DAY = dt.date(2026, 5, 1)
EMPLOYED = Person(scheme="employee", kind="employed", age=45)


@pytest.fixture(scope="module")
def est(fixture_db) -> Estimator:
    return Estimator.open(fixture_db)


def _case(est: Estimator) -> Case:
    return Case(insured_region="fixtown", person=EMPLOYED, date=DAY,
                entries=est.bill_for("fx_appendectomy"))


OPTIONS = [
    CareOption(treated_region="fixtown", level="level3", date=DAY),
    CareOption(treated_region="shanghai", level="level3", filing="referral", date=DAY),
]


def test_a_quote_for_one_option_changes_only_that_option(est):
    case = _case(est)
    plain = est.compare(case, OPTIONS, package="fx_appendectomy")
    quote = Quote(label="某医院报价", categories={"bed": D(1000), "drugs": D(2000)},
                  lines=[QuoteLine(code="FX-S1", quantity=D(1), unit_price=D(3000))])
    quoted = est.compare(case, OPTIONS, package="fx_appendectomy", quotes={1: quote})
    assert quoted.results[0].estimate.patient_burden == plain.results[0].estimate.patient_burden
    away = quoted.results[1]
    assert away.bill_from == "quote" and away.quote_label == "某医院报价"
    assert plain.results[1].bill_from == "package"
    assert away.estimate.total == D(6000)  # 1,000 + 2,000 + 3,000: the hospital's own figures
    assert away.burden_range is None  # no package variants or stand-in spread for a quote
    # drugs by category are taken as 乙 (the assumption, shown): the region's share is paid first
    drugs = next(x for x in away.estimate.lines if x.code == "QUOTE-DRUGS")
    assert drugs.item_class == "乙" and drugs.preselfpay > 0


def test_a_quote_line_with_an_unknown_code_is_refused_by_name(est):
    quote = Quote(lines=[QuoteLine(code="NO-SUCH", quantity=D(1), unit_price=D(10))])
    result = est.compare(_case(est), OPTIONS, quotes={1: quote}).results[1]
    assert result.estimate is None and "NO-SUCH" in result.error_en


@pytest.mark.parametrize("bad", [{"unit_price": D("-1")}, {"unit_price": D("1e30")},
                                 {"quantity": D(0)}, {"unit_price": D("NaN")}])
def test_absurd_quote_figures_are_refused(bad):
    with pytest.raises(ValueError):
        QuoteLine(**{"code": "X", "quantity": D(1), "unit_price": D(1), **bad})


def test_the_cash_needed_adds_up_for_direct_settlement_and_for_a_claim_at_home(est):
    case = _case(est)
    direct = est.estimate(case, OPTIONS[1])
    plan = cash_plan(direct, "0999-12393")
    assert plan.deposit == typical_deposit(direct) and plan.deposit % 1000 == 0
    assert plan.deposit + plan.at_discharge == direct.patient_burden == plan.fronted
    assert plan.claimed_back == 0
    manual = est.estimate(case, OPTIONS[1].model_copy(update={"route": Route.MANUAL}))
    plan = cash_plan(manual, "0999-12393", deposit=D(5000))
    assert not plan.deposit_typical and plan.fronted == manual.total
    assert plan.fronted - plan.claimed_back == manual.patient_burden
    assert plan.deposit + plan.at_discharge == manual.total
    assert any("发票" in z for z, _ in plan.papers)
    assert any("备案" in z for z, _ in plan.steps) and any("12393" in z for z, _ in plan.steps)


def test_the_cost_of_going_is_its_parts():
    trip = Trip(mode="高铁", fare=D(300), trips=2, companions=1, nights=5,
                lodging_per_night=D(200), meal_days=6, meals_per_day=D(100),
                lost_income_days=7, income_per_day=D(150))
    # 300 × 2 × 2 + 5 × 200 + 6 × 100 + 7 × 150 = 1,200 + 1,000 + 600 + 1,050
    assert trip.total == D(3850)
    with pytest.raises(ValueError):
        Trip(fare=D(-5))


def test_warnings_are_sorted_for_the_patient_and_data_notes_grouped_without_addresses(est):
    case = _case(est)
    e = est.compare(case, OPTIONS, package="fx_appendectomy").results[1].estimate
    sorted_ = notes.sort(e)
    assert all(w.code in notes.FOR_PATIENT for w in sorted_.for_patient)
    assert any(w.code == "package_scope" for w in sorted_.for_patient)
    titles = [zh.split("」")[0] for zh, _ in sorted_.about_data if zh.startswith("「")]
    assert len(titles) == len(set(titles))  # one line per source
    for w in sorted_.for_patient:
        assert "http" not in w.text_zh and ".yaml" not in w.text_zh
    assert notes.plain("见 https://x.cn/a.html 与 db/sources/rules/x.yaml（来源）") == "见 与 （来源）"


def test_every_term_on_screen_has_plain_words_in_both_languages():
    for key, (zh, en) in notes.TERMS.items():
        assert len(zh) > 10 and len(en) > 20, key


def test_the_sheet_holds_the_options_totals_ratio_cash_next_steps_and_the_hotline(est):
    case = _case(est)
    comparison = est.compare(case, OPTIONS, package="fx_appendectomy")
    sheet = build_sheet(est, case, comparison, "zh", treatment="腹腔镜阑尾切除术",
                        trips={1: Trip(fare=D(100), trips=2)}, counsellor="王")
    keys = [k for k, _ in sheet.row_labels]
    assert {"total", "ratio", "pays", "deposit", "discharge", "trip", "all"} <= set(keys)
    away = sheet.columns[1][1]
    assert away["trip"] == "¥200.00" and "¥" in away["all"]
    assert any("备案" in s for s in sheet.next_steps) and "12393" in sheet.hotline
    assert "http" not in json.dumps(sheet.__dict__, ensure_ascii=False, default=str)
    english = build_sheet(est, case, comparison, "en")
    assert english.title.startswith("What care") and "12393" in english.hotline


# --- saved cases ---------------------------------------------------------------------------------


def _saved(est: Estimator, comparison=None) -> SavedCase:
    case = _case(est)
    comparison = comparison or est.compare(case, OPTIONS)
    return SavedCase(
        label="张先生 TAVR 对比",
        insured_region=case.insured_region, person=case.person, date=case.date,
        bill=case.entries, places=[], snapshot=snapshot(comparison, ["home", "shanghai"]),
        data=est.data_info,
    )


def test_cases_are_saved_reopened_renamed_duplicated_and_deleted(est, tmp_path):
    store = CaseStore(tmp_path / "cases.sqlite")
    first = store.save(_saved(est))
    second = store.duplicate(first, "复制")
    store.rename(first, "改名")
    labels = {i: label for i, label, _ in store.entries()}
    assert labels == {first: "改名", second: "复制"}
    again = CaseStore(tmp_path / "cases.sqlite").get(first)  # survives a restart
    assert again.bill == _saved(est).bill and again.snapshot == _saved(est).snapshot
    store.delete(second)
    assert [i for i, _, _ in store.entries()] == [first]


def test_a_damaged_case_database_is_set_aside_and_a_fresh_one_made(tmp_path):
    path = tmp_path / "cases.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = CaseStore(path)
    assert store.notice is not None and "damaged" in store.notice[1]
    assert store.entries() == []
    assert list(tmp_path.glob("cases.damaged-*.sqlite"))  # nothing silently lost


def test_a_case_file_from_a_colleague_round_trips_and_bad_ones_are_refused(est, tmp_path):
    good = tmp_path / "case.json"
    good.write_text(_saved(est).model_dump_json(), encoding="utf-8")
    assert read_file(good).label == "张先生 TAVR 对比"
    newer = json.loads(good.read_text(encoding="utf-8")) | {"version": 99}
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    with pytest.raises(CaseFileError, match="newer version"):
        read_file(tmp_path / "newer.json")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CaseFileError, match="not a case file"):
        read_file(tmp_path / "broken.json")
    bad = json.loads(good.read_text(encoding="utf-8")) | {"date": "yesterday"}
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CaseFileError, match="date"):
        read_file(tmp_path / "bad.json")


def test_a_case_reopened_after_the_data_changed_says_which_numbers_moved_and_why(
    est, tmp_path
):
    saved = _saved(est)
    # the same case after a data update that raises Fixtown's prices (a copy of the sources)
    sources = shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "sources",
                              tmp_path / "sources")
    prices = sources / "prices" / "fx-prices.csv"
    prices.write_text(prices.read_text(encoding="utf-8").replace("FX-S1,level3,865", "FX-S1,level3,965"),
                      encoding="utf-8")
    from estimator_gui.core.loader import build

    build(sources, tmp_path / "new.sqlite")
    newer = Estimator.open(tmp_path / "new.sqlite")
    now = snapshot(newer.compare(saved.case(), OPTIONS), ["home", "shanghai"])
    changes = moved(saved, now, newer.data_info)
    assert changes and "参考数据已更新" in changes[0][0]
    assert any("home：医疗费总额" in zh for zh, _ in changes)
    assert not moved(saved, saved.snapshot, est.data_info)  # nothing moved: nothing said
