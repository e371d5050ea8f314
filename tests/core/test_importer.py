"""Importing official files: columns by name, every rejected row with its reason, the comparison
with the edition in force, hostile files refused with bounded memory, and nothing changed until
the plan is applied."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from estimator_gui.core import importer, pinyin, updates
from estimator_gui.core.catalog import Catalog
from estimator_gui.core.importer import ImportFileError, apply, check_file
from estimator_gui.core.models import Level

from .xlsx import Formula, sheet_xml, write

DAY = dt.date(2025, 1, 1)
SERVICES = """项目编码,项目名称,计价单位,价格(三级),价格(二级),价格(一级),医保类别,自付比例
001101000010000,普通门诊诊察费,次,10,8,6,甲,0
003310000010000,阑尾切除术,次,900,800,,乙,10%
003310000020000,负价手术,次,-5,,,乙,0.1
003310000030000,天价手术,次,1e30,,,乙,0.1
003310000040000,非数手术,次,NaN,,,乙,0.1
00331000005000,短编码,次,5,,,乙,0.1
003310000010000,阑尾切除术重复,次,900,800,,乙,10%
003310000060000,无价手术,次,,,,乙,0.1
003310000070000,丁类手术,次,5,,,丁,0.1
003310000080000,超比例手术,次,5,,,乙,1.5
"""
EXPECTED_REASONS = {
    4: "negative",
    5: "too_large",
    6: "not_finite",
    7: "bad_code",
    8: "duplicate",
    9: "missing_price",
    10: "unknown_class",
    11: "share_range",
}


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def check(path: Path, kind: str, db: Path, user: Path, **kw) -> importer.Plan:
    kw.setdefault("start", DAY)
    return check_file(path, kind, bundled=db, user_dir=user, **kw)


def no_change(user: Path) -> None:
    assert not (user / "reference.sqlite").exists()
    assert not [p for p in user.glob(".reference-tmp-*")], "a temporary file was left behind"


def test_a_service_price_list_in_gbk_is_read_and_every_bad_row_named_with_its_reason(
    fixture_db, tmp_path
):
    user = tmp_path / "user"
    plan = check(
        write_csv(tmp_path / "svc.csv", SERVICES, "gbk"),
        "services",
        fixture_db,
        user,
        province="测试省",
    )
    r = plan.report
    assert r.encoding == "GBK" and r.format == "csv"
    assert (r.rows_read, r.accepted, r.rejected) == (10, 2, 8)
    reasons = {x.row: x.reason for x in plan.iter_rejected()}
    assert reasons == EXPECTED_REASONS
    first = next(x for x in plan.iter_rejected() if x.reason == "duplicate")
    assert first.file == "svc.csv" and first.column == "项目编码" and first.detail == "3"
    assert "第3行" in first.text().zh and "row 3" in first.text().en
    assert dict(r.columns)["price:level3"] == "价格(三级)"
    assert {t.kind for t in r.targets} == {"catalog", "price"} and all(t.new for t in r.targets)
    assert r.diffs["catalog"].added == 2 and r.diffs["price"].added == 2 and r.new_items == 2
    plan.discard()
    no_change(user)


@pytest.mark.parametrize(
    ("encoding", "bom", "label"),
    [("utf-8", False, "UTF-8"), ("utf-8", True, "UTF-8 (BOM)"), ("gb18030", False, "GB18030")],
)
def test_the_encoding_is_detected_and_said(fixture_db, tmp_path, encoding, bom, label):
    text = (
        SERVICES.splitlines()[0] + "\n001101000010000,㐀诊察费,次,10,8,6,甲,0\n"
    )  # 㐀: not in GBK
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    plan = check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    assert plan.report.encoding == label and plan.report.accepted == 1
    plan.discard()


def test_lines_in_a_second_encoding_are_rejected_not_misread(fixture_db, tmp_path):
    lines = SERVICES.splitlines()[:3]
    data = (lines[0] + "\n" + lines[1] + "\n").encode("utf-8") + (lines[2] + "\n").encode("gbk")
    data += "003310000090000,手术九,次,5,,,乙,0.1\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    plan = check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    assert [(x.row, x.reason) for x in plan.iter_rejected()] == [(3, "mixed_encoding")]
    assert plan.report.accepted == 2 and any("mixes" in n.en for n in plan.report.notes)
    plan.discard()


def test_wrong_headers_are_refused_naming_what_is_needed(fixture_db, tmp_path):
    path = write_csv(tmp_path / "w.csv", "编号,名字,钱\n1,a,2\n")
    with pytest.raises(ImportFileError) as err:
        check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    assert "项目编码" in err.value.text.zh and "no header row" in err.value.text.en
    no_change(tmp_path / "u")


def test_a_million_column_row_is_rejected_with_bounded_memory(fixture_db, tmp_path):
    head, first = SERVICES.splitlines()[:2]
    path = write_csv(tmp_path / "wide.csv", f"{head}\n{first}\n" + "," * 1_000_000 + "x\n")
    tracemalloc.start()
    plan = check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [x.reason for x in plan.iter_rejected()] == ["too_many_columns"]
    assert plan.report.accepted == 1 and peak < 64 << 20
    plan.discard()


def test_a_line_longer_than_the_limit_is_skipped_in_pieces(fixture_db, tmp_path):
    head, first = SERVICES.splitlines()[:2]
    path = write_csv(tmp_path / "long.csv", f"{head}\n" + "9" * (3 << 20) + f"\n{first}\n")
    plan = check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    assert [(x.row, x.reason) for x in plan.iter_rejected()] == [(2, "line_too_long")]
    assert plan.report.accepted == 1
    plan.discard()


# --- XLSX ---------------------------------------------------------------------------------------

HEAD = ["项目编码", "项目名称", "计价单位", "价格(三甲)", "价格(二甲)", "医保类别", "自付比例"]


def test_xlsx_formulas_are_read_as_their_saved_values_and_never_evaluated(fixture_db, tmp_path):
    path = write(
        tmp_path / "f.xlsx",
        {
            "说明": [["本表为测试"]],
            "价格": [
                ["某省医疗服务价格（测试）"],
                HEAD,
                ["001101000010000", "诊察费", "次", Formula("B9*2", 12.5), 10, "甲", 0],
                ["003310000010000", "阑尾切除术", "次", Formula("1/0"), 800, "乙", 0.1],
                ["003310000020000", "某手术", "次", 1000.0, 900, "乙类", "10%"],
            ],
        },
    )
    plan = check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    r = plan.report
    assert r.format == "xlsx" and r.sheet == "价格" and r.header_row == 2
    assert [(x.sheet, x.row, x.column, x.reason) for x in plan.iter_rejected()] == [
        ("价格", 4, "价格(三甲)", "formula_no_value")
    ]
    conn = sqlite3.connect(plan.staging.path)
    prices = dict(
        ((c, lv), f) for c, lv, f in conn.execute("SELECT code, level, fen FROM st_price")
    )
    conn.close()
    assert prices[("001101000010000", "level3")] == 1250  # the cached value, not B9*2
    assert prices[("003310000020000", "level3")] == 100000
    plan.discard()


def test_a_truncated_xlsx_is_refused(fixture_db, tmp_path):
    good = write(
        tmp_path / "g.xlsx", {"S": [HEAD, ["001101000010000", "诊察费", "次", 1, 1, "甲", 0]]}
    )
    data = good.read_bytes()
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError) as err:
        check(bad, "services", fixture_db, tmp_path / "u", province="测试省")
    assert "truncated" in err.value.text.en and "截断" in err.value.text.zh


def test_a_zip_bomb_is_refused_before_it_is_expanded(fixture_db, tmp_path):
    path = write(tmp_path / "bomb.xlsx", {"S": [HEAD]})
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/media/bomb.bin", "w") as member,
    ):
        for _ in range(300):
            member.write(b"\0" * (1 << 20))
    tracemalloc.start()
    with pytest.raises(ImportFileError) as err:
        check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "zip bomb" in err.value.text.en and peak < 16 << 20


def test_an_xlsx_row_of_a_million_cells_is_refused_without_reading_it(fixture_db, tmp_path):
    wide = "".join(f"<c><v>{i * 7919 % 1000003}</v></c>" for i in range(1_000_000))  # no bomb
    xml = sheet_xml([HEAD]).replace("</sheetData>", f'<row r="2">{wide}</row></sheetData>')
    path = write(tmp_path / "wide.xlsx", {"S": xml})
    tracemalloc.start()
    with pytest.raises(ImportFileError) as err:
        check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "row 2" in err.value.text.en and peak < 32 << 20


def test_an_old_xls_file_is_refused_with_the_fix(fixture_db, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportFileError) as err:
        check(path, "services", fixture_db, tmp_path / "u", province="测试省")
    assert ".xlsx" in err.value.text.en


# --- formats and kinds --------------------------------------------------------------------------


def test_a_long_list_with_a_grade_column_maps_grades_and_rejects_unknown_ones(fixture_db, tmp_path):
    text = (
        "项目编码,项目名称,医院等级,价格,医保类别\n"
        "001101000010000,诊察费,三甲,10,甲\n"
        "001101000010000,诊察费,二甲,8,甲\n"
        "001101000010000,诊察费,一级及以下,6,甲\n"
        "001101000010000,诊察费,特需,30,甲\n"
        "001101000010000,诊察费,二乙,7,甲\n"
        "001101000010000,诊察费,三乙,9,乙\n"
    )
    plan = check(
        write_csv(tmp_path / "long.csv", text),
        "services",
        fixture_db,
        tmp_path / "u",
        province="测试省",
    )
    assert [(x.row, x.reason) for x in plan.iter_rejected()] == [
        (5, "grade_unmapped"),
        (6, "duplicate"),
        (7, "conflict"),
    ]
    conn = sqlite3.connect(plan.staging.path)
    levels = dict(conn.execute("SELECT level, fen FROM st_price").fetchall())
    conn.close()
    assert levels == {"level3": 1000, "level2": 800, "level1": 600, "community": 600}
    plan.discard()


def test_a_consumables_list_takes_caps_and_shares_and_derives_the_class(fixture_db, tmp_path):
    text = (
        "医保耗材代码,耗材名称,限价,自付比例\n"
        "C02071001500000089050000222,导管鞘,1200,0.2\n"
        "C0207100150000008905000022X,导管鞘X,300,0\n"
        "C020710015,类别代码,,\n"
        "C0207,坏代码,5,0.1\n"
        "C02071001500000089050000333,天价,100000001,0.1\n"
    )
    plan = check(write_csv(tmp_path / "c.csv", text), "consumables", fixture_db, tmp_path / "u")
    assert [(x.row, x.reason) for x in plan.iter_rejected()] == [(5, "bad_code"), (6, "too_large")]
    conn = sqlite3.connect(plan.staging.path)
    rows = conn.execute("SELECT code, class, cap, share FROM st_row ORDER BY row").fetchall()
    conn.close()
    assert rows == [
        ("C02071001500000089050000222", "乙", 120000, "0.2"),
        ("C0207100150000008905000022X", "甲", 30000, "0"),
        ("C020710015", "乙", None, None),  # no share: the mapping's default class
    ]
    assert [t.list_id for t in plan.report.targets] == ["fx-consumables"] or plan.report.targets
    plan.discard()


def test_the_compare_counts_each_kind_of_change_against_the_edition_in_force(fixture_db, tmp_path):
    # the edition in force (imported first): A..D covered, E not covered ('-'), H not covered
    first = (
        "医保耗材代码,耗材名称,限价,自付比例,医保类别\n"
        "C0207100150000000000000000A,甲耗材,100,0,甲\n"
        "C0207100150000000000000000B,乙耗材,100,0.1,乙\n"
        "C0207100150000000000000000C,丙耗材,100,0.1,乙\n"
        "C0207100150000000000000000D,丁耗材,100,0.1,乙\n"
        "C0207100150000000000000000E,戊耗材,,,不予支付\n"
        "C0207100150000000000000000H,己耗材,,,不予支付\n"
    )
    user = tmp_path / "u"
    apply(check(write_csv(tmp_path / "a.csv", first), "consumables", fixture_db, user))
    # the next edition: A the same, B re-classed, C re-capped, D gone, E now covered, F new, G new
    # twice (the second rejected as a duplicate), H gone but it was not covered
    second = (
        "医保耗材代码,耗材名称,限价,自付比例,医保类别\n"
        "C0207100150000000000000000A,甲耗材,100,0,甲\n"
        "C0207100150000000000000000B,乙耗材,100,0,甲\n"
        "C0207100150000000000000000C,丙耗材,90,0.1,乙\n"
        "C0207100150000000000000000E,戊耗材,50,0.2,乙\n"
        "C0207100150000000000000000F,庚耗材,50,0.2,乙\n"
        "C0207100150000000000000000G,辛耗材,50,0.2,乙\n"
        "C0207100150000000000000000G,辛耗材,60,0.2,乙\n"
    )
    plan = check(
        write_csv(tmp_path / "b.csv", second),
        "consumables",
        fixture_db,
        user,
        start=DAY + dt.timedelta(days=365),
    )
    d = plan.report.diffs["catalog"]
    assert (d.added, d.removed, d.reclassed, d.repriced, d.unchanged) == (3, 1, 1, 1, 1)
    assert [r[0] for r in d.examples["removed"]] == ["C0207100150000000000000000D"]
    assert [x.reason for x in plan.iter_rejected()] == ["duplicate"]
    plan.discard()


def test_a_user_mapping_adds_header_names_and_a_code_shape(fixture_db, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "code_pattern: '^FX-D\\d+$'\ncolumns:\n  code: [本院编码]\n", encoding="utf-8"
    )
    text = "本院编码,药品名称,剂型,甲乙类,备注\nFX-D1,测试药一,片剂,乙,限二线\n"
    plan = check(
        write_csv(tmp_path / "d.csv", text),
        "drugs",
        fixture_db,
        tmp_path / "u",
        mapping_file=mapping,
        list_id="fx-drugs",
    )
    d = plan.report.diffs["catalog"]
    assert (d.reclassed, d.removed, d.added) == (1, 1, 0)  # FX-D1 甲 → 乙; FX-D2 not in the file
    assert d.examples["reclassed"][0] == ("FX-D1", "测试药一", "甲 → 乙")
    assert "m.yaml" in plan.report.mapping
    plan.discard()


def test_an_edition_on_a_date_that_already_has_one_is_refused(fixture_db, tmp_path):
    text = "药品代码,注册名称,甲乙类\nXA01ABD075A001010100445,某药,甲\n"
    with pytest.raises(ImportFileError) as err:
        check(
            write_csv(tmp_path / "d.csv", text),
            "drugs",
            fixture_db,
            tmp_path / "u",
            list_id="fx-drugs",
            start=dt.date(2020, 1, 1),
        )
    assert "2020-01-01" in err.value.text.en


def test_a_services_list_needs_a_province_or_a_list(fixture_db, tmp_path):
    with pytest.raises(ImportFileError) as err:
        check(write_csv(tmp_path / "s.csv", SERVICES), "services", fixture_db, tmp_path / "u")
    assert "--province" in err.value.text.en


@pytest.mark.parametrize(
    ("text", "fen", "reason"),
    [
        ("12.5", 1250, None),
        ("1,234.56元", 123456, None),
        ("0.125", 13, None),
        ("", None, None),
        ("-", None, None),
        ("abc", None, "not_a_number"),
        ("-1", None, "negative"),
        ("nan", None, "not_finite"),
        ("Infinity", None, "not_finite"),
        ("1e30", None, "too_large"),
        ("100000000.01", None, "too_large"),
        ("100000000", 10_000_000_000, None),
    ],
)
def test_money_is_parsed_exactly_or_refused_with_a_reason(text, fen, reason):
    assert importer.parse_money(text) == (fen, reason)


@pytest.mark.parametrize(
    ("text", "share", "reason"),
    [
        ("10%", "0.1", None),
        ("0.3", "0.3", None),
        ("0", "0", None),
        ("1.5", None, "share_range"),
        ("-0.1", None, "share_range"),
        ("x", None, "not_a_number"),
    ],
)
def test_shares_accept_percent_and_refuse_values_outside_0_1(text, share, reason):
    assert importer.parse_share(text, False) == (share, reason)


def test_pinyin_keys_by_run_equal_the_whole_names_syllables(fixture_db):
    """pinyin.keys looks each run of Han characters up once (cached, for a million imported
    names): it must give what the syllables of the whole name give."""
    conn = sqlite3.connect(fixture_db)
    names = [r[0] for r in conn.execute("SELECT name_zh FROM items")]
    conn.close()
    names += [
        "阿莫西林胶囊0.25g×24粒",
        "颈椎CT平扫（单侧）",
        "重症监护",
        "ＰＴＡ球囊扩张导管",
        "维生素B12注射液",
    ]
    for name in names:
        parts = pinyin.syllables(name)
        whole = ("".join(p[0] if han else p for p, han in parts), "".join(p for p, _ in parts))
        assert pinyin.keys(name) == whole, name


# --- apply ----------------------------------------------------------------------------------------


def test_applying_adds_a_new_edition_the_app_finds_for_the_province(fixture_db, tmp_path):
    user = tmp_path / "user"
    plan = check(
        write_csv(tmp_path / "svc.csv", SERVICES),
        "services",
        fixture_db,
        user,
        province="测试省",
        label="测试医院医保办",
    )
    done = apply(plan)
    assert done.path == user / "reference.sqlite" and done.new_items == 2
    assert updates.active_database(fixture_db, user) == done.path
    catalog = Catalog(done.path)
    try:
        rules = catalog.region_file("fixtown")
        assert rules is not None
        first = rules.region.price_lists[0]
        editions = catalog.resolve("price", first, dt.date(2025, 6, 1))
        price = catalog.price(editions, "003310000010000", Level.LEVEL3)
        assert (
            price is not None
            and price.amount == 900
            and price.edition.local_for("fixtown", "测试省")
        )
        assert price.source.title == "测试医院医保办" and price.source.document == "svc.csv"
        terms, _ = catalog.terms(
            catalog.resolve("catalog", rules.region.catalogs["service"], DAY), "003310000010000"
        )
        assert (
            terms.covered
            and terms.item_class
            and terms.item_class.value == "乙"
            and str(terms.item_share) == "0.1"
        )
        assert catalog.resolve("price", first, dt.date(2024, 12, 31)) == ()  # not before its date
        assert any(h.ref == "003310000010000" for h in catalog.search("阑尾切除"))
        assert any(h.ref == "001101000010000" for h in catalog.search("ptmz"))
        assert any(h.ref == "001101000010000" for h in catalog.search("诊察"))
        history = json.loads(catalog.meta["updates"])
        assert history[-1]["file"] == "svc.csv" and history[-1]["label"] == "测试医院医保办"
    finally:
        catalog.close()
    assert not list(user.glob(".reference-tmp-*"))


def test_the_other_regions_do_not_see_a_provinces_list(fixture_db, tmp_path):
    user = tmp_path / "user"
    done = apply(
        check(
            write_csv(tmp_path / "svc.csv", SERVICES),
            "services",
            fixture_db,
            user,
            province="测试省",
        )
    )
    catalog = Catalog(done.path)
    try:
        shanghai = catalog.region_file("shanghai")
        assert shanghai is not None
        assert not any(lid.startswith("testprovince") for lid in shanghai.region.price_lists)
    finally:
        catalog.close()


def test_a_new_drug_list_judges_only_its_own_rows(fixture_db, tmp_path):
    user = tmp_path / "user"
    text = "药品代码,注册名称,剂型,甲乙类,备注\nXA02BCA211E001010102925,奥美拉唑肠溶胶囊,胶囊剂,乙,限二线\n"
    plan = check(write_csv(tmp_path / "d.csv", text), "drugs", fixture_db, user)
    assert plan.parts is None and plan.report.targets[0].new  # the fixture has no nhsa-drugs
    done = apply(plan)
    catalog = Catalog(done.path)
    try:
        rules = catalog.region_file("fixtown")
        assert rules is not None
        editions = catalog.resolve("catalog", rules.region.catalogs["drug"], DAY)
        terms, used = catalog.terms(editions, "XA02BCA211E001010102925", "western")
        assert terms.covered and terms.restriction == "限二线" and used is not None
        old, _ = catalog.terms(
            editions, "FX-D1", "western"
        )  # the fixture's own list still judges it
        assert old.covered
    finally:
        catalog.close()


def test_a_drug_list_edition_judges_the_parts_its_rows_belong_to(fixture_db, tmp_path):
    user = tmp_path / "user"
    mapping = tmp_path / "m.yaml"
    mapping.write_text("code_pattern: '^(FX-D\\d+|X[A-Z0-9]+)$'\n", encoding="utf-8")
    text = (
        "药品代码,注册名称,甲乙类\nFX-D1,头孢呋辛,乙\nXA02BCA211E001010102925,奥美拉唑肠溶胶囊,甲\n"
    )
    plan = check(
        write_csv(tmp_path / "d.csv", text),
        "drugs",
        fixture_db,
        user,
        list_id="fx-drugs",
        mapping_file=mapping,
    )
    assert plan.parts == ["western"]
    done = apply(plan)
    catalog = Catalog(done.path)
    try:
        editions = catalog.resolve("catalog", "fx-drugs", DAY)
        assert [(e.id, sorted(e.parts or ())) for e in editions] == [
            ("fx-drugs@2025-01-01", ["western"]),
            ("fx-drugs@2020-01-01", ["herbal", "patent"]),
        ]
        gone, used = catalog.terms(editions, "FX-D2", "western")  # western, not in the new edition
        assert not gone.covered and used is not None and used.id == "fx-drugs@2025-01-01"
        kept, _ = catalog.terms(editions, "FX-D1", "western")
        assert kept.item_class is not None and kept.item_class.value == "乙"
    finally:
        catalog.close()


def test_a_plan_checked_before_another_update_must_be_checked_again(fixture_db, tmp_path):
    user = tmp_path / "user"
    first = check(
        write_csv(tmp_path / "a.csv", SERVICES), "services", fixture_db, user, province="测试省"
    )
    second = check(
        write_csv(tmp_path / "b.csv", SERVICES),
        "services",
        fixture_db,
        user,
        province="测试省",
        start=dt.date(2025, 7, 1),
    )
    apply(first)
    with pytest.raises(ImportFileError) as err:
        apply(second)
    assert "check it again" in err.value.text.en


# --- the command line ----------------------------------------------------------------------------


def test_the_cli_checks_then_applies_then_rolls_back(fixture_db, tmp_path, capsys):
    from estimator_gui.cli import main

    user = tmp_path / "user"
    path = write_csv(tmp_path / "svc.csv", SERVICES, "gbk")
    common = ["--db", str(fixture_db), "--user-dir", str(user)]
    args = [
        "import",
        str(path),
        "--kind",
        "services",
        "--province",
        "测试省",
        "--from",
        "2025-01-01",
    ]
    assert main([*args, *common]) == 0
    out = capsys.readouterr().out
    assert "文件编码：GBK" in out and "svc.csv / - / 4 / 价格(三级) / “-5”为负数" in out
    assert "未作任何更改" in out
    no_change(user)

    report = tmp_path / "rejected.csv"
    assert (
        main(
            [*args, *common, "--apply", "--label", "医保办", "--report-csv", str(report), "--json"]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["applied"] and data["accepted"] == 2 and len(data["rejected_rows"]) == 8
    assert report.read_text(encoding="utf-8-sig").count("\n") == 9  # a header and 8 rows

    assert main(["data", "status", *common, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "updated reference data" in out and "svc.csv" in out and "bundled data" in out

    assert main(["data", "rollback", *common]) == 0
    assert "已回退" in capsys.readouterr().out
    assert updates.active_database(fixture_db, user) == fixture_db


def test_the_cli_names_a_bad_file_in_one_line_with_exit_code_2(fixture_db, tmp_path, capsys):
    from estimator_gui.cli import main

    path = write_csv(tmp_path / "w.csv", "a,b\n1,2\n")
    code = main(
        [
            "import",
            str(path),
            "--kind",
            "drugs",
            "--db",
            str(fixture_db),
            "--user-dir",
            str(tmp_path / "u"),
            "--lang",
            "en",
        ]
    )
    err = capsys.readouterr().err
    assert (
        code == 2
        and err.startswith("estimator: error: no header row found")
        and err.count("\n") == 1
    )


def test_drug_codes_become_searchable_products_judged_before_the_drug_list(fixture_db, tmp_path):
    user = tmp_path / "user"
    text = (
        "药品代码,注册名称,注册剂型,注册规格,药品企业,批准文号,甲乙类,备注\n"
        "XJ01CAA040A001010104463,阿莫西林胶囊,胶囊剂,0.25g×24粒,某某制药有限公司,国药准字H20003263,甲,\n"
    )
    plan = check(write_csv(tmp_path / "codes.csv", text), "drug-codes", fixture_db, user)
    assert [t.list_id for t in plan.report.targets] == ["nhsa-drug-codes"]
    done = apply(plan)
    catalog = Catalog(done.path)
    try:
        item = catalog.item("XJ01CAA040A001010104463")
        assert (
            item is not None
            and item.name_zh == "阿莫西林胶囊（0.25g×24粒）"
            and item.part == "western"
        )
        for query in ("阿莫西林", "amxljn", "H20003263", "XJ01CAA"):
            assert any(h.ref == "XJ01CAA040A001010104463" for h in catalog.search(query)), query
        for region in ("fixtown", "shanghai"):
            rules = catalog.region_file(region)
            assert rules is not None
            editions = catalog.resolve("catalog", rules.region.catalogs["drug"], DAY)
            assert editions[0].list_id == "nhsa-drug-codes"
            terms, _ = catalog.terms(editions, "XJ01CAA040A001010104463", "western")
            assert terms.covered and terms.item_class is not None and terms.item_class.value == "甲"
            old, _ = catalog.terms(editions, "FX-D2", "western")
            assert old.covered  # the drug list still judges what the code list does not name
    finally:
        catalog.close()


def test_rows_added_to_the_copy_before_duplicates_are_known_end_as_the_first_row_of_each_code(
    fixture_db, tmp_path, monkeypatch
):
    """The copy's thread adds the staged rows while the check still looks for duplicates and codes
    of another kind; the codes those reject are then written again from the rows that stay."""
    import threading

    added, real_rows, real_dedupe = threading.Event(), importer._edition_rows, importer._dedupe

    def rows(conn, target, source_id, codes=None, first_wins=False):
        n = real_rows(conn, target, source_id, codes, first_wins)
        if first_wins:
            added.set()
        return n

    def dedupe(*args):
        assert added.wait(10)  # the copy's thread has read the rows before they are deduplicated
        return real_dedupe(*args)

    monkeypatch.setattr(importer, "_edition_rows", rows)
    monkeypatch.setattr(importer, "_dedupe", dedupe)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("code_pattern: '^FX-[A-Z]\\d+$'\n", encoding="utf-8")
    text = (
        "医保耗材代码,耗材名称,限价,自付比例,医保类别\n"
        "FX-C9,新耗材,100,0,甲\n"
        "FX-C1,已有耗材,200,0.1,乙\n"
        "FX-C9,新耗材重复,50,0.3,乙\n"  # rejected; in code order (then class) it comes first
        "FX-S1,服务项目,10,0,甲\n"  # a service's code: rejected
    )
    user = tmp_path / "u"
    plan = check(
        write_csv(tmp_path / "c.csv", text), "consumables", fixture_db, user, mapping_file=mapping
    )
    assert [(x.row, x.reason) for x in plan.iter_rejected()] == [(4, "duplicate"), (5, "kind_differs")]
    edition = plan.report.targets[0].edition_id
    copy = plan.copy
    done = apply(plan)
    assert copy is not None and copy.prepared is not None  # the copy's rows were used
    conn = sqlite3.connect(done.path)
    try:
        rows_now = conn.execute(
            "SELECT code, class, pay_cap_fen, item_share FROM catalog_entries WHERE catalog = ? "
            "ORDER BY code",
            (edition,),
        ).fetchall()
    finally:
        conn.close()
    assert rows_now == [("FX-C1", "乙", 20000, "0.1"), ("FX-C9", "甲", 10000, "0")]


def test_a_check_discarded_while_its_copy_is_still_being_prepared_leaves_nothing(
    fixture_db, tmp_path, monkeypatch
):
    """The check starts the update's copy and adds the new rows to it in a thread; dropping the
    check meanwhile stops that work first, then removes the staging file it reads (a reader that
    opened the staging file after its removal would create it anew)."""
    user = tmp_path / "user"
    started, real = [], importer._add_edition_rows

    def slow(db, staging, targets, source_id, settled, stop):
        started.append(True)
        stop.wait(5)  # still at work when the check is dropped (stop is set by the drop)
        return real(db, staging, targets, source_id, settled, stop)

    monkeypatch.setattr(importer, "_add_edition_rows", slow)
    for _ in range(3):
        plan = check(write_csv(tmp_path / "svc.csv", SERVICES), "services", fixture_db, user,
                     province="测试省")  # fmt: skip
        plan.discard()
        no_change(user)
    assert started  # the work did start before each drop (at least once)
