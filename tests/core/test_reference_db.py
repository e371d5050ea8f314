"""The reference database: built from sources atomically, opened read-only, refused when stale."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from estimator_gui.core.catalog import Catalog, DatabaseProblem
from estimator_gui.core.estimator import Case, Estimator
from estimator_gui.core.loader import SourceError, build
from estimator_gui.core.models import CareOption, Person

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sources"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("db") / "ref.sqlite"
    build(FIXTURE, out, dt.date(2026, 11, 1))
    return out


@pytest.fixture
def sources(tmp_path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_the_build_records_its_sources_hash_and_date(built):
    cat = Catalog(built, FIXTURE)
    assert cat.meta["build_date"] == "2026-11-01" and len(cat.meta["source_hash"]) == 64


def test_the_database_is_opened_read_only(built):
    cat = Catalog(built)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        cat.conn.execute("DELETE FROM items")


def test_a_missing_database_is_refused_with_the_fix(tmp_path):
    with pytest.raises(DatabaseProblem, match=r"missing.*estimator build-db"):
        Catalog(tmp_path / "nothing.sqlite")


def test_a_stale_database_is_refused(built, sources):
    (sources / "sources.yaml").write_text((sources / "sources.yaml").read_text() + "\n# edited\n")
    with pytest.raises(DatabaseProblem, match="stale"):
        Catalog(built, sources)


def test_a_database_of_another_schema_version_is_refused(built, tmp_path):
    other = tmp_path / "other.sqlite"
    shutil.copy(built, other)
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(DatabaseProblem, match="schema version 999"):
        Catalog(other)


@pytest.mark.parametrize(
    ("file", "append", "message"),
    [
        (
            "catalogs/fx-drugs.csv",
            "FX-D9,甲,,,,fixture\n",
            "catalogs/fx-drugs.csv: row 4: column code: 'FX-D9' is not in",
        ),
        ("catalogs/fx-drugs.csv", "FX-S1,丁,,,,fixture\n", "row 4: column class: '丁'"),
        (
            "prices/fx-prices.csv",
            "FX-S4,level2,-5,fixture,x\n",
            "prices/fx-prices.csv: row 12: column price: -5 is outside",
        ),
        (
            "prices/fx-prices.csv",
            "FX-S4,level2,abc,fixture,x\n",
            "column price: not a number: 'abc'",
        ),
        (
            "prices/fx-prices.csv",
            "FX-S4,level2,5,nosuch,x\n",
            "column source: unknown source id 'nosuch'",
        ),
        (
            "prices/fx-prices.csv",
            "FX-S4,level2,5,fixture,\n",
            "column method: an estimated price must say how",
        ),
        (
            "catalogs/items/fixture.csv",
            "FX-S1,service,重复,,,,,\n",
            "column code: FX-S1 already defined",
        ),
        (  # a grade of a price book that does not map to a hospital level
            "prices/fx-prices.csv",
            "FX-S4,三甲,5,fixture,x\n",
            "prices/fx-prices.csv: row 12: column level: '三甲' is not one of",
        ),
        (  # two editions of one list starting on the same day
            "prices/lists.yaml",
            "fx-twice:\n  name_zh: x\n  name_en: x\n  local_to: [national]\n  editions:\n"
            "    - {from: 2026-01-01, file: fx-prices.csv}\n    - {from: 2026-01-01, file: fx-prices.csv}\n",
            "fx-twice.editions[1].from: editions must be in date order",
        ),
        (  # a price for an item that no catalogue judges
            "catalogs/items/fixture.csv",
            "FX-NEW,service,未入目录项目,,,,,\n",
            None,
        ),
    ],
)
def test_bad_source_rows_name_the_file_row_and_column_and_write_nothing(
    sources, tmp_path, file, append, message
):
    path = sources / file
    path.write_text(path.read_text(encoding="utf-8") + append, encoding="utf-8")
    if message is None:  # the new item gets a price but no catalogue row
        prices = sources / "prices" / "fx-prices.csv"
        prices.write_text(prices.read_text(encoding="utf-8") + "FX-NEW,all,5,fixture,x\n",
                          encoding="utf-8")
        message = "prices/fx-prices.csv: row 12: column code: FX-NEW is priced but in no catalogue"
    out = tmp_path / "out.sqlite"
    with pytest.raises(SourceError) as err:
        build(sources, out)
    assert message in str(err.value)
    assert not out.exists() and not list(tmp_path.glob(".reference-*"))


def test_a_failed_build_leaves_the_previous_database_untouched(built, sources, tmp_path):
    out = tmp_path / "keep.sqlite"
    shutil.copy(built, out)
    before = out.read_bytes()
    (sources / "treatments" / "fx_tavr.yaml").write_text(
        "id: fx_tavr\nname_zh: x\n", encoding="utf-8"
    )
    with pytest.raises(SourceError, match=r"fx_tavr\.yaml: name_en: missing"):
        build(sources, out)
    assert out.read_bytes() == before


ON = dt.date(2026, 5, 1)


def test_a_composite_catalogue_searches_its_lists_in_order(built):
    cat = Catalog(built)
    shanghai = cat.resolve("catalog", "fx-services-sh", ON)
    assert cat.terms(shanghai, "FX-S1")[0].item_class == "甲"  # from the list behind
    robot, edition = cat.terms(shanghai, "FX-S3")
    assert robot.covered and robot.item_share == D("0.3") and edition.id.startswith("fx-services-sh-local@")
    assert not cat.terms(cat.resolve("catalog", "fx-services", ON), "FX-S3")[0].covered


def test_a_price_list_names_its_method_and_whose_list_it_is(built):
    cat = Catalog(built)
    price = cat.price(cat.resolve("price", "fx-prices-sh", ON), "FX-S1", "level3")
    assert price.amount == D("1038.00")  # 865 × 1.2
    assert price.method == "synthetic: fixture prices × 1.2"
    assert price.edition.local_for("shanghai", "上海市")
    assert not price.edition.local_for("fixtown", "测试省")


def _with_lists(sources, folder, text):
    (sources / folder / "lists.yaml").write_text(
        (sources / folder / "lists.yaml").read_text(encoding="utf-8") + text, encoding="utf-8"
    )


def test_a_price_list_edition_is_used_from_its_date_and_changes_only_what_it_names(
    sources, tmp_path
):
    (sources / "prices" / "fx-later.csv").write_text(
        "code,level,price,source,method\nFX-C1,all,150000,fixture,synthetic\n", encoding="utf-8"
    )
    _with_lists(
        sources,
        "prices",
        "fx-dated:\n  name_zh: 测试\n  name_en: test\n  local_to: [national]\n  editions:\n"
        "    - {from: 2020-01-01, file: fx-prices.csv}\n"
        "    - {from: 2026-01-16, changes: fx-later.csv}\n",
    )
    out = tmp_path / "dated.sqlite"
    build(sources, out)
    cat = Catalog(out)

    def price(day, code):
        return cat.price(cat.resolve("price", "fx-dated", day), code, "level3").amount

    assert price(dt.date(2026, 1, 15), "FX-C1") == D("210000.00")
    assert price(dt.date(2026, 1, 16), "FX-C1") == D("150000.00")
    assert price(dt.date(2026, 1, 16), "FX-C2") == D("40000.00")  # unchanged rows carry over


def test_each_part_of_the_drug_list_is_judged_by_the_newest_edition_that_covers_it(
    sources, tmp_path
):
    (sources / "catalogs" / "fx-drugs-2025.csv").write_text(
        "code,class,pay_cap,item_share,restriction,source\nFX-D2,甲,,,,fixture\n", encoding="utf-8"
    )
    lists = sources / "catalogs" / "lists.yaml"
    lists.write_text(
        lists.read_text(encoding="utf-8").replace(
            "name_en: test drug list 2024}\n",
            "name_en: test drug list 2024}\n"
            "    - {from: 2026-01-01, file: fx-drugs-2025.csv, parts: [western], name_zh: 测试药品目录（2025年版）, name_en: test drug list 2025}\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "parts.sqlite"
    build(sources, out)
    cat = Catalog(out)
    before = cat.resolve("catalog", "fx-drugs", dt.date(2025, 6, 1))
    after = cat.resolve("catalog", "fx-drugs", dt.date(2026, 5, 1))
    assert [e.name_zh for e in before] == ["测试药品目录（2024年版）"]
    assert [(e.name_zh, sorted(e.parts)) for e in after] == [
        ("测试药品目录（2025年版）", ["western"]),
        ("测试药品目录（2024年版）", ["herbal", "patent"]),
    ]
    # in 2026 a western drug is judged by the 2025 edition: listed there → covered, absent → not
    assert cat.terms(after, "FX-D2", "western")[0].item_class == "甲"
    assert not cat.terms(after, "FX-D1", "western")[0].covered
    assert cat.terms(before, "FX-D1", "western")[0].covered
    # a patent medicine is still judged by the 2024 edition
    assert cat.terms(after, "FX-D1", "patent")[0].covered


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("阑尾", "阑尾切除术"),  # two characters: beyond the trigram index
        ("阑尾切除", "阑尾切除术"),  # trigram
        ("lwqcs", "阑尾切除术"),  # pinyin initials
        ("lanwei", "阑尾切除术"),  # full pinyin
        ("jzct", "颈椎CT平扫"),  # the polyphone 椎 read zhui
        ("FX-S4", "颈椎CT平扫"),  # code
        ("CT", "颈椎CT平扫"),  # Latin letters inside a name
        ("达芬奇", "手术机器人辅助操作"),  # alias
        ("赫赛汀", "曲妥珠单抗"),  # brand name
    ],
)
def test_search_finds_items_by_name_pinyin_code_and_alias(built, query, expected):
    names = [h.name for h in Catalog(built).search(query)]
    assert expected in names


def test_search_lists_treatments_before_items(built):
    hits = Catalog(built).search("阑尾")
    assert hits[0].kind == "treatment"


def fixtown_case(est: Estimator, treatment: str, day: dt.date) -> Case:
    """An employee insured in the synthetic Fixtown, for a fixture treatment on a day."""
    person = Person(scheme="employee", kind="employed", age=50)
    return Case(insured_region="fixtown", person=person, date=day, entries=est.bill_for(treatment))


def test_the_facade_prices_a_treatment_at_the_treated_place_and_level(built):
    est = Estimator.open(built)
    case = fixtown_case(est, "fx_appendectomy", dt.date(2026, 5, 1))
    home = est.estimate(case, CareOption(treated_region="fixtown", level="level3", date=case.date))
    sh = est.estimate(
        case,
        CareOption(treated_region="shanghai", level="level3", filing="referral", date=case.date),
    )
    # typical: surgery 865 + 5 bed days × 80 + 10 × 12.5 + CT 150 = 1,540; Shanghai prices × 1.2 = 1,848
    assert (home.total, sh.total) == (D("1540.00"), D("1848.00"))


def test_an_option_without_rules_for_the_date_is_explained_not_hidden(built):
    est = Estimator.open(built)
    case = fixtown_case(est, "fx_appendectomy", dt.date(2021, 5, 1))
    result = est.compare(
        case, [CareOption(treated_region="fixtown", level="level3", date=case.date)]
    ).results[0]
    assert result.estimate is None and "2021-05-01" in result.error_en and result.error_zh


def test_compare_gives_the_difference_to_home_and_what_filing_is_worth(built):
    est = Estimator.open(built)
    case = fixtown_case(est, "fx_tavr", dt.date(2026, 5, 1))
    options = [
        CareOption(treated_region="fixtown", level="level3", date=case.date),
        CareOption(treated_region="shanghai", level="level3", filing="unfiled", date=case.date),
    ]
    comparison = est.compare(case, options)
    home, away = comparison.results
    assert home.delta_vs_home == 0
    assert away.delta_vs_home == away.estimate.patient_burden - home.estimate.patient_burden
    referral = [
        c for c in comparison.choices if c.option_index == 1 and c.alternative.filing == "referral"
    ]
    assert referral and referral[0].saving > 0 and "办理转诊备案约可少付" in referral[0].text_zh


def test_an_estimate_names_the_editions_it_used_and_whether_they_are_local(built):
    est = Estimator.open(built)
    day = dt.date(2026, 5, 1)
    case = fixtown_case(est, "fx_appendectomy", day)
    home = est.estimate(case, CareOption(treated_region="fixtown", level="level3", date=day))
    kinds = {(e.kind, e.edition.split("@")[0], e.local) for e in home.editions}
    assert ("price", "fx-prices", True) in kinds and ("catalog", "fx-drugs", True) in kinds
    assert sum(e.lines for e in home.editions if e.kind == "price") == len(case.entries)
    assert not any(w.code in {"standin_price", "standin_catalogue"} for w in home.warnings)


def test_brand_name_aliases_must_name_an_existing_item(sources, tmp_path):
    (sources / "aliases.csv").write_text(
        "name_zh,aliases,source\n不存在的药,某牌,fixture\n", encoding="utf-8"
    )
    with pytest.raises(
        SourceError, match=r"aliases\.csv: row 2: column name_zh: no item is called '不存在的药'"
    ):
        build(sources, tmp_path / "out.sqlite")


def test_brand_name_aliases_make_items_findable(sources, tmp_path):
    (sources / "aliases.csv").write_text(
        "name_zh,aliases,source\n头孢呋辛,西力欣,fixture\n", encoding="utf-8"
    )
    out = tmp_path / "out.sqlite"
    build(sources, out)
    assert "头孢呋辛" in [h.name for h in Catalog(out).search("西力欣")]


def test_compare_gives_a_low_high_range_for_an_unedited_package(built):
    est = Estimator.open(built)
    case = fixtown_case(est, "fx_appendectomy", dt.date(2026, 5, 1))
    option = CareOption(treated_region="fixtown", level="level3", date=case.date)
    result = est.compare(case, [option], package="fx_appendectomy").results[0]
    low = est.estimate(
        fixtown_case(est, "fx_appendectomy", case.date).model_copy(
            update={"entries": est.bill_for("fx_appendectomy", "low")}
        ),
        option,
    )
    high = est.estimate(
        case.model_copy(update={"entries": est.bill_for("fx_appendectomy", "high")}), option
    )
    assert result.burden_range == (low.patient_burden, high.patient_burden)
    assert low.patient_burden <= result.estimate.patient_burden <= high.patient_burden
