"""Local corrections over the fixture database: a corrected price or rule value changes the next
estimate by the amount worked out by hand and its step cites the correction as locally verified; the
corrections survive a restart and a rebuild of the bundled data, travel to another user folder in a
pack, and a pack that is not what its manifest says is refused with nothing changed.

The fixture (tests/fixtures/sources): Fixtown employee, employed, inpatient 2026 — deductible 1,000
at 三级, bands 80% to 50,000 then 90%. The typical appendectomy at a Fixtown 三级 hospital:
  FX-S1 appendectomy 865 (甲) · FX-S2 bed 80 × 5 = 400, capped at 60 a day: 100 above the cap,
  300 eligible (甲) · FX-D1 cefuroxime 12.50 × 10 = 125 (甲) · FX-S4 CT 150 (乙, 10% first: 15).
  total 1,540; eligible 865 + 300 + 125 + 135 = 1,425; fund (1,425 − 1,000) × 80% = 340;
  the patient pays 1,540 − 340 = 1,200.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from estimator_gui.core import correction_pack as packs
from estimator_gui.core import notes
from estimator_gui.core.correction_overlay import describe_path
from estimator_gui.core.corrections import (
    FILE_NAME,
    Correction,
    CorrectionError,
    CorrectionStore,
    make,
)
from estimator_gui.core.estimator import Case, Estimator
from estimator_gui.core.loader import build
from estimator_gui.core.models import CareOption, Level, Person, PersonKind, Scheme
from estimator_gui.core.rules import RegionFile, RuleFileError

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sources"
DAY = dt.date(2026, 5, 1)
BENEFIT = "schemes.employee.persons.employed.settings.inpatient"
DEDUCTIBLE_3 = f"{BENEFIT}.deductible.amount.level3"
LABEL = "测试医院医保办"
SOURCE = {
    "valid_from": dt.date(2026, 1, 1),
    "document": "测试医保发〔2026〕1号",
    "document_date": dt.date(2025, 12, 20),
    "page": "第3页",
    "author": LABEL,
}


def case(est: Estimator) -> Case:
    person = Person(scheme=Scheme.EMPLOYEE, kind=PersonKind.EMPLOYED, age=45)
    return Case(
        insured_region="fixtown", person=person, date=DAY, entries=est.bill_for("fx_appendectomy")
    )


def at_home(est: Estimator):
    return est.estimate(
        case(est), CareOption(treated_region="fixtown", level=Level.LEVEL3, date=DAY)
    )


def rule(est: Estimator, path: str, value: str, **extra: object) -> Correction:
    return est.check_correction(
        make(kind="rule", region="fixtown", path=path, value=value, **{**SOURCE, **extra})
    )


def price(est: Estimator, code: str, level: str, value: str, **extra: object) -> Correction:
    fields = {**SOURCE, **extra}
    return est.check_correction(
        make(kind="price", region="fixtown", code=code, level=level, value=value, **fields)
    )


@pytest.fixture
def est(fixture_db: Path) -> Estimator:
    return Estimator.open(fixture_db)


def step(estimate, key: str):
    return next(s for s in estimate.steps if s.key == key)


def test_the_fixture_case_costs_what_the_hand_computation_says(est):
    assert at_home(est).patient_burden == Decimal("1200.00")


# --- corrections change the next estimate and cite themselves --------------------------------------


def test_a_corrected_price_changes_the_next_estimate_and_its_step_cites_the_correction(est):
    correction = price(est, "FX-S1", "level3", "1065.00")
    assert correction.value == "1065" and correction.bundled == "865"
    est.use_corrections([correction])
    estimate = at_home(est)
    # 200 more of 甲: eligible 1,625; fund (1,625 − 1,000) × 80% = 500; pays 1,740 − 500 = 1,240
    assert (estimate.total, estimate.fund_basic) == (Decimal("1740.00"), Decimal("500.00"))
    assert estimate.patient_burden == Decimal("1240.00")
    local = step(estimate, "local_price")
    assert local.amount == Decimal("1065.00") and "阑尾切除术" in local.text_zh
    source = local.provenance.source
    assert source.verified_by == LABEL and source.document == "测试医保发〔2026〕1号"
    assert source.date == dt.date(2025, 12, 20) and "第3页" in source.title
    assert local.provenance.valid_from == dt.date(2026, 1, 1)
    # named as a local price list; not an estimated price any more
    assert any(e.edition == "local-corrections" and e.local for e in estimate.editions)
    assert not any(
        "阑尾切除术" in w.text_zh for w in estimate.warnings if w.code == "estimated_price"
    )


def test_a_price_for_every_level_applies_where_no_level_of_its_own_is_corrected(est):
    everywhere = price(est, "FX-S1", "all", "965")
    own = price(est, "FX-S1", "level2", "700")
    est.use_corrections([everywhere, own])
    assert at_home(est).patient_burden == Decimal("1220.00")  # 100 more: fund +80, pays +20


def test_a_corrected_deductible_changes_the_next_estimate_and_its_step_cites_the_correction(est):
    est.use_corrections([rule(est, DEDUCTIBLE_3, "800")])
    estimate = at_home(est)
    # fund (1,425 − 800) × 80% = 500; pays 1,540 − 500 = 1,040
    assert estimate.deductible_paid == Decimal(800) and estimate.patient_burden == Decimal(
        "1040.00"
    )
    deductible = step(estimate, "deductible")
    assert deductible.provenance.source.verified_by == LABEL
    assert deductible.provenance.source.tier.value == "official"
    assert step(estimate, "band").provenance.source.verified_by is None  # not what it used


def test_a_corrected_band_ratio_is_cited_by_the_band_it_changed_only(est):
    est.use_corrections([rule(est, f"{BENEFIT}.ratios.bands.level3[0].ratio", "0.9")])
    estimate = at_home(est)
    # fund 425 × 90% = 382.50; pays 1,540 − 382.50 = 1,157.50
    assert estimate.patient_burden == Decimal("1157.50")
    assert step(estimate, "band").provenance.source.verified_by == LABEL
    assert step(estimate, "deductible").provenance.source.verified_by is None


def test_a_correction_of_another_level_changes_nothing_here_and_is_not_cited(est):
    est.use_corrections([rule(est, f"{BENEFIT}.deductible.amount.level2", "100")])
    estimate = at_home(est)
    assert estimate.patient_burden == Decimal("1200.00")
    assert all(s.provenance is None or not s.provenance.source.verified_by for s in estimate.steps)


def test_a_confirmation_keeps_the_figure_and_marks_it_locally_verified(est):
    confirmation = rule(est, DEDUCTIBLE_3, est.bundled_value("fixtown", DAY, path=DEDUCTIBLE_3))
    assert confirmation.confirms and est.correction_status(confirmation, DAY).code == "confirms"
    est.use_corrections([confirmation])
    estimate = at_home(est)
    assert estimate.patient_burden == Decimal("1200.00")
    assert step(estimate, "deductible").provenance.source.verified_by == LABEL


def test_a_correction_applies_from_its_date_only(est):
    later = rule(est, DEDUCTIBLE_3, "800", valid_from=dt.date(2026, 6, 1))
    est.use_corrections([later])
    assert at_home(est).patient_burden == Decimal("1200.00")  # care on 1 May: the bundled value
    assert est.correction_status(later, DAY).code == "later"


def test_care_elsewhere_values_can_be_corrected(est):
    # Fixtown's referral rule cuts the ratio by 10 points; a bureau says 5
    drop = rule(est, "elsewhere[2].adjustments[0].points", "0.05")
    est.use_corrections([drop])
    option = CareOption(treated_region="fixtown", level=Level.LEVEL3, date=DAY, filing="referral")
    # at home no care-elsewhere rule applies: unchanged
    assert est.estimate(case(est), option.model_copy(update={"filing": None})).patient_burden == (
        Decimal("1200.00")
    )
    away = est.estimate(
        case(est),
        CareOption(treated_region="shanghai", level=Level.LEVEL3, date=DAY, filing="referral"),
    )
    adjust = next(s for s in away.steps if s.key == "ratio_adjust")
    assert adjust.provenance.source.verified_by == LABEL and "5" in adjust.text_zh


# --- kept in the user data folder: a restart, a rebuild ---------------------------------------------


def test_corrections_survive_a_restart(fixture_db: Path, tmp_path: Path):
    first = Estimator.open(fixture_db)
    store = CorrectionStore(tmp_path)
    store.add(rule(first, DEDUCTIBLE_3, "800"))
    store.add(price(first, "FX-S1", "level3", "1065"))
    assert json.loads((tmp_path / FILE_NAME).read_text("utf-8"))["version"] == 1

    again = CorrectionStore(tmp_path)  # the program started again
    est = Estimator.open(fixture_db, corrections=again.corrections)
    # eligible 1,625; fund (1,625 − 800) × 80% = 660; pays 1,740 − 660 = 1,080
    assert at_home(est).patient_burden == Decimal("1080.00")
    assert not list(tmp_path.glob(".corrections-*"))  # no temporary file left behind


def rebuilt(tmp_path: Path, old: str, new: str) -> Path:
    """The fixture with one text of Fixtown's rules changed, built again."""
    sources = shutil.copytree(FIXTURE, tmp_path / "sources")
    rules = sources / "rules" / "fixtown.yaml"
    text = rules.read_text("utf-8")
    assert old in text
    rules.write_text(text.replace(old, new), "utf-8")
    out = tmp_path / "rebuilt.sqlite"
    build(sources, out)
    return out


def test_a_correction_outranks_a_rebuilt_bundled_value_and_says_it_moved(est, tmp_path: Path):
    correction = rule(est, DEDUCTIBLE_3, "800")
    db = rebuilt(tmp_path, "amount: {level3: 1000,", "amount: {level3: 1100,")
    plain = Estimator.open(db)
    assert at_home(plain).patient_burden == Decimal("1280.00")  # (1,425 − 1,100) × 80% = 260
    corrected = Estimator.open(db, corrections=[correction])
    estimate = at_home(corrected)
    assert estimate.patient_burden == Decimal("1040.00")
    moved = [w for w in estimate.warnings if w.code == "local_correction"]
    assert len(moved) == 1 and "1100" in moved[0].text_zh and "1000" in moved[0].text_zh
    assert corrected.correction_status(correction, DAY).code == "bundled_changed"


def test_a_correction_whose_target_is_gone_is_reported_not_dropped(est, tmp_path: Path):
    correction = rule(est, DEDUCTIBLE_3, "800")
    gone_item = make(
        kind="price", region="fixtown", code="FX-GONE", level="all", value="5", **SOURCE
    )
    db = rebuilt(
        tmp_path,
        "amount: {level3: 1000, level2: 600, level1: 300, community: 200}",
        "amount: {all: 900}",
    )
    after = Estimator.open(db, corrections=[correction, gone_item])
    estimate = at_home(after)  # computed with the bundled value: (1,425 − 900) × 80% = 420
    assert estimate.patient_burden == Decimal("1120.00")
    said = " ".join(w.text_zh for w in estimate.warnings if w.code == "local_correction")
    assert "level3" in said and "FX-GONE" in said and LABEL in said
    assert after.correction_status(correction, DAY).code == "gone"
    assert after.correction_status(gone_item, DAY).code == "gone"
    data_notes = " ".join(zh for zh, _ in notes.sort(estimate).about_data)
    assert "本地更正未能使用" in data_notes  # about the data, not for the patient


# --- packs ----------------------------------------------------------------------------------------


def two_corrections(est: Estimator) -> list[Correction]:
    return [rule(est, DEDUCTIBLE_3, "800"), price(est, "FX-S1", "level3", "1065")]


def test_an_exported_pack_brings_the_corrections_to_another_user_folder(est, tmp_path: Path):
    mine = CorrectionStore(tmp_path / "clinic-a")
    for c in two_corrections(est):
        mine.add(c)
    pack_file = tmp_path / "fixtown.estpack"
    manifest = packs.export(mine.corrections, pack_file, "测试医院医保办")
    assert manifest.corrections == 2 and set(manifest.files) == {"corrections.json"}

    theirs = CorrectionStore(tmp_path / "clinic-b")
    preview = packs.preview(packs.read(pack_file), theirs.corrections, est)
    assert [e.change for e in preview.entries] == ["added", "added"]
    assert theirs.corrections == ()  # nothing before Apply
    assert packs.apply(preview, theirs) == 2
    again = CorrectionStore(tmp_path / "clinic-b")
    assert {c.id for c in again.corrections} == {c.id for c in mine.corrections}
    assert at_home(
        Estimator.open(est.catalog.path, corrections=again.corrections)
    ).patient_burden == (Decimal("1080.00"))


def test_the_preview_says_what_is_added_changed_the_same_or_conflicting(est, tmp_path: Path):
    same, changed, conflict, added = (
        rule(est, DEDUCTIBLE_3, "800"),
        price(est, "FX-S1", "level3", "1065"),
        rule(est, f"{BENEFIT}.cap.amount", "300000"),
        price(est, "FX-S2", "all", "90"),
    )
    ours = CorrectionStore(tmp_path / "ours")
    ours.add(same)
    ours.add(changed)
    their_view = rule(est, f"{BENEFIT}.cap.amount", "320000", author="另一医院医保办")
    ours.add(their_view)
    newer = changed.model_copy(update={"value": "1100"})  # the same correction, a new value
    pack_file = tmp_path / "p.estpack"
    packs.export([same, newer, conflict, added], pack_file, "测试医院医保办")
    preview = packs.preview(packs.read(pack_file), ours.corrections, est)
    by_change = {e.change: e for e in preview.entries}
    assert set(by_change) == {"same", "changed", "conflicting", "added"}
    assert (by_change["changed"].current.value, by_change["changed"].correction.value) == (
        "1065",
        "1100",
    )
    assert by_change["conflicting"].current.author == "另一医院医保办"
    assert packs.apply(preview, ours) == 2  # added and changed; the conflict stays ours
    values = {c.target: c.value for c in ours.corrections}
    assert values["FX-S1@level3"] == "1100" and values[f"{BENEFIT}.cap.amount"] == "320000"
    assert values["FX-S2@all"] == "90"
    packs.apply(packs.preview(packs.read(pack_file), ours.corrections), ours, take_conflicting=True)
    assert {c.target: c.value for c in ours.corrections}[f"{BENEFIT}.cap.amount"] == "300000"


def rewrite(pack_file: Path, out: Path, change) -> Path:
    """A copy of the pack with its members changed by `change(dict of name → bytes)`."""
    with zipfile.ZipFile(pack_file) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    change(members)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out


def _edit_content(m):
    m["corrections.json"] = m["corrections.json"].replace(b'"800"', b'"700"')


def _edit_manifest_hash(m):
    manifest = json.loads(m["manifest.json"])
    manifest["files"]["corrections.json"]["sha256"] = "0" * 64
    m["manifest.json"] = json.dumps(manifest).encode()


def _newer(m):
    manifest = json.loads(m["manifest.json"])
    manifest["version"] = 2
    m["manifest.json"] = json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (_edit_content, "SHA-256"),
        (_edit_manifest_hash, "SHA-256"),
        (lambda m: m.update({"extra.txt": b"hello"}), "extra.txt"),
        (lambda m: m.pop("corrections.json"), "corrections.json"),
        (lambda m: m.pop("manifest.json"), "manifest.json"),
        (_newer, "newer version"),
        (lambda m: m.update({"manifest.json": b"{not json"}), "not valid JSON"),
    ],
    ids=[
        "content-changed",
        "manifest-changed",
        "file-added",
        "content-removed",
        "manifest-removed",
        "newer-version",
        "malformed-manifest",
    ],
)
def test_a_pack_that_is_not_what_its_manifest_says_is_refused_and_changes_nothing(
    est, tmp_path: Path, change, said
):
    store = CorrectionStore(tmp_path / "user")
    store.add(price(est, "FX-S2", "all", "90"))
    before = (tmp_path / "user" / FILE_NAME).read_bytes()
    good = tmp_path / "good.estpack"
    packs.export(two_corrections(est), good, LABEL)
    bad = rewrite(good, tmp_path / "bad.estpack", change)
    with pytest.raises(CorrectionError) as refused:
        packs.read(bad)
    assert said in refused.value.text_en and "nothing changed" in refused.value.text_en
    assert "未作任何更改" in refused.value.text_zh
    assert (tmp_path / "user" / FILE_NAME).read_bytes() == before


def test_a_file_that_is_not_a_zip_or_is_a_zip_bomb_is_refused(tmp_path: Path):
    not_zip = tmp_path / "x.estpack"
    not_zip.write_text("这不是数据包", "utf-8")
    with pytest.raises(CorrectionError, match="not a zip"):
        packs.read(not_zip)
    bomb = tmp_path / "bomb.estpack"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr("corrections.json", b"\0" * 50_000_000)  # 50 MB of zeros, ~50 KB packed
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(CorrectionError, match="zip bomb"):
        packs.read(bomb)


# --- refused with the field named -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "field", "said"),
    [
        (
            f"{BENEFIT}.deductible.amount.level9",
            "800",
            f"{BENEFIT}.deductible.amount.level9",
            "level3",
        ),
        (
            "schemes.employee.persons.nobody.settings",
            "1",
            "schemes.employee.persons.nobody",
            "employed",
        ),
        (DEDUCTIBLE_3, "八百", DEDUCTIBLE_3, "decimal"),
        (DEDUCTIBLE_3, "1e3", DEDUCTIBLE_3, "plain number"),
        (DEDUCTIBLE_3, "-800", DEDUCTIBLE_3, "greater than or equal to 0"),
        (
            f"{BENEFIT}.ratios.bands.level3[0].ratio",
            "1.5",
            f"{BENEFIT}.ratios.bands.level3[0].ratio",
            "1",
        ),
        (f"{BENEFIT}.cap.basis", "monthly", f"{BENEFIT}.cap.basis", "fund"),
        (
            f"{BENEFIT}.layers[0].include_preselfpay",
            "1",
            f"{BENEFIT}.layers[0].include_preselfpay",
            "true or false",
        ),
        (f"{BENEFIT}.deductible", "800", f"{BENEFIT}.deductible", "block"),
        ("elsewhere[0].filings[0]", "referral", "elsewhere[0].filings[0]", "choices"),
        ("region.name_zh", "x", "region", "schemes"),
    ],
)
def test_a_wrong_path_or_value_is_refused_naming_the_field(est, path, value, field, said):
    with pytest.raises(CorrectionError) as refused:
        rule(est, path, value)
    assert refused.value.field == field
    assert said in refused.value.text_en
    assert refused.value.text_zh.startswith(field)


def test_a_price_correction_is_refused_for_an_unknown_item_region_or_a_bad_amount(est):
    with pytest.raises(CorrectionError) as unknown:
        price(est, "FX-NONE", "all", "10")
    assert unknown.value.field == "code"
    with pytest.raises(CorrectionError) as region:
        est.check_correction(
            make(kind="price", region="atlantis", code="FX-S1", level="all", value="10", **SOURCE)
        )
    assert region.value.field == "region"
    for amount in ("-5", "10.005", "1,000", "2e9"):
        with pytest.raises(CorrectionError) as bad:
            price(est, "FX-S1", "all", amount)
        assert bad.value.field == "value"


def test_a_correction_needs_its_document_or_a_link_and_an_author():
    fields = {**SOURCE, "document": None}
    with pytest.raises(CorrectionError) as no_source:
        make(kind="rule", region="fixtown", path=DEDUCTIBLE_3, value="800", **fields)
    assert no_source.value.field == "document"
    with pytest.raises(CorrectionError) as no_author:
        make(
            kind="rule",
            region="fixtown",
            path=DEDUCTIBLE_3,
            value="800",
            **{**SOURCE, "author": " "},
        )
    assert no_author.value.field == "author"
    linked = make(
        kind="rule",
        region="fixtown",
        path=DEDUCTIBLE_3,
        value="800",
        **{**fields, "url": "https://example.org/doc"},
    )
    assert linked.url and linked.document is None


def test_what_a_patient_reads_of_a_correction_carries_no_address(est):
    linked = price(est, "FX-S1", "level3", "1065", document=None, url="https://example.org/d.pdf")
    est.use_corrections([linked])
    estimate = at_home(est)
    local = step(estimate, "local_price")
    assert "http" not in local.provenance.source.title and "http" not in local.text_zh
    assert local.provenance.source.url == "https://example.org/d.pdf"  # kept for the data notes
    patient = notes.sort(estimate).for_patient
    assert all("http" not in w.text_zh and "http" not in w.text_en for w in patient)


def test_paths_read_in_words():
    assert describe_path(DEDUCTIBLE_3, "zh") == "职工医保·在职·住院·起付线·金额·三级"
    assert describe_path(f"{BENEFIT}.ratios.bands.level3[0].ratio", "en") == (
        "employee scheme · employed · inpatient · ratios · bands · level 3 #1 · ratio"
    )


def test_every_correctable_value_is_a_path_the_checks_accept(est):
    values = est.correctable_values("fixtown", DAY)
    assert (DEDUCTIBLE_3, "1000") in values and (
        "elsewhere[2].adjustments[0].points",
        "0.1",
    ) in values
    paths = {p for p, _ in values}
    assert not any(p.endswith(".kind") for p in paths)  # what a block is, not a value
    assert "schemes.employee.persons.employed.name_zh" not in paths  # outside any history
    for path, value in values[::7]:
        rule(est, path, value)  # its own value is always accepted


# --- the user's file --------------------------------------------------------------------------------


def test_a_damaged_file_is_set_aside_with_a_message(tmp_path: Path):
    (tmp_path / FILE_NAME).write_text("{ not json", "utf-8")
    store = CorrectionStore(tmp_path)
    assert store.corrections == () and store.notice is not None
    assert "damaged" in store.notice[1] and list(tmp_path.glob("corrections.damaged-*.json"))
    assert not (tmp_path / FILE_NAME).exists()


def test_a_file_from_a_newer_program_is_neither_used_nor_overwritten(est, tmp_path: Path):
    newer = json.dumps({"format": "estimator-corrections", "version": 9, "corrections": []})
    (tmp_path / FILE_NAME).write_text(newer, "utf-8")
    store = CorrectionStore(tmp_path)
    assert store.read_only and "newer" in store.notice[1]
    with pytest.raises(CorrectionError):
        store.add(rule(est, DEDUCTIBLE_3, "800"))
    assert (tmp_path / FILE_NAME).read_text("utf-8") == newer


def test_a_second_correction_of_the_same_value_and_date_replaces_the_first(est, tmp_path: Path):
    store = CorrectionStore(tmp_path)
    first = rule(est, DEDUCTIBLE_3, "800")
    store.add(first)
    assert store.add(rule(est, DEDUCTIBLE_3, "850")) == first
    assert [c.value for c in store.corrections] == ["850"]
    with pytest.raises(CorrectionError) as unknown:
        store.remove(["lc-nope"])
    assert unknown.value.field == "id" and len(store.corrections) == 1


def test_the_last_change_a_pack_included_is_undone_in_one_step(est, tmp_path: Path):
    store = CorrectionStore(tmp_path / "ours")
    assert not store.can_undo()
    store.add(rule(est, DEDUCTIBLE_3, "800"))
    pack_file = tmp_path / "p.estpack"
    packs.export([price(est, "FX-S1", "level3", "1065")], pack_file, "另一医院医保办")
    assert packs.apply(packs.preview(packs.read(pack_file), store.corrections, est), store) == 1
    assert len(store.corrections) == 2
    restored = CorrectionStore(tmp_path / "ours").undo()  # another program (a restart) undoes
    assert [(c.target, c.value) for c in restored] == [(DEDUCTIBLE_3, "800")]
    assert [c.value for c in CorrectionStore(tmp_path / "ours").corrections] == ["800"]
    with pytest.raises(CorrectionError) as twice:
        store.undo()  # one step only
    assert "没有可撤销的更改" in twice.value.text_zh
    assert [c.value for c in store.reload()] == ["800"]


def test_undoing_the_first_change_leaves_no_corrections(est, tmp_path: Path):
    store = CorrectionStore(tmp_path)
    store.add(rule(est, DEDUCTIBLE_3, "800"))
    assert store.undo() == () and CorrectionStore(tmp_path).corrections == ()
    assert at_home(Estimator.open(est.catalog.path, corrections=())).patient_burden == Decimal(
        "1200.00"
    )


def test_bundled_sources_cannot_claim_local_verification():
    raw = {
        "region": {
            "id": "x",
            "name_zh": "x",
            "name_en": "x",
            "province": "p",
            "province_en": "p",
            "kind": "prefecture",
            "catalogs": {},
            "price_lists": [],
        },
        "sources": {
            "s": {
                "title": "t",
                "document": "d",
                "date": "2026-01-01",
                "tier": "official",
                "verified_by": "某医院",
            }
        },
        "schemes": {},
        "item_shares": [],
        "elsewhere": [],
    }
    with pytest.raises(RuleFileError, match="verified_by"):
        RegionFile(raw, "x.yaml")


def test_the_vocabulary_names_local_verification_in_both_languages():
    from estimator_gui.core.vocab import label, verified_by

    assert (label("trust", "verified", "zh"), label("trust", "verified", "en")) == (
        "本地核实",
        "locally verified",
    )
    assert verified_by(LABEL, "zh") == f"本地核实（{LABEL}）"
    assert verified_by(LABEL, "en") == f"locally verified by {LABEL}"
    zh, en = notes.TERMS["verified"]
    assert "本地核实" in zh and "locally verified" in en


def test_packs_are_loaded_only_when_used():
    import subprocess
    import sys

    code = (
        "import sys, estimator_gui.core.facade as f\n"
        "print('estimator_gui.core.correction_pack' in sys.modules)\n"
        "f.read_pack\n"
        "print('estimator_gui.core.correction_pack' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_the_sheets_trust_line_names_who_verified_values_it_used(est):
    from estimator_gui.core.sheet import data_line

    est.use_corrections([rule(est, DEDUCTIBLE_3, "800")])
    option = CareOption(treated_region="fixtown", level=Level.LEVEL3, date=DAY)
    comparison = est.compare(case(est), [option])
    assert f"部分数值经本地核实（{LABEL}）" in data_line(est, comparison, "zh")
    assert f"locally verified ({LABEL})" in data_line(est, comparison, "en")
    est.use_corrections([])
    assert "本地核实" not in data_line(est, est.compare(case(est), [option]), "zh")
