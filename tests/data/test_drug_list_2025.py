"""The 2025 national drug list (Western part): the converted catalogue reproduces the published counts.

Reads db/sources/catalogs/nhsa-drugs-2025-west.csv, catalogs/items/*.csv and the shared source CSV
(nhsa-drug-catalog-2025/nhsa_drug_catalog_2025_west.csv), and re-runs the pure matching and build
functions of db/tools/convert_nhsa_drugs_2025.py. Skipped when the shared reference data is absent.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "db" / "tools" / "convert_nhsa_drugs_2025.py"
SOURCES = ROOT / "db" / "sources"
CATALOG = SOURCES / "catalogs" / "nhsa-drugs-2025-west.csv"
NEW_ITEMS = SOURCES / "catalogs" / "items" / "drugs_nhsa_2025.csv"

# published: 凡例（一）（二） and NHSA's statistics sheet
PUBLISHED = {
    "西药部分 numbers": 1446,
    "西药部分 甲 numbers": 393,
    "谈判 numbers": 399,
    "竞价 numbers": 12,
    "西药 numbers": 1857,
    "rows": 2411,
    "restricted rows": 631,
}
# printed rows that map to one item (none: the matching keys are unique in both years)
MERGED_ROWS = 0


def _load_script():
    spec = importlib.util.spec_from_file_location("convert_nhsa_drugs_2025", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


conv = _load_script()
if not conv.CSV_2025.exists() or not conv.CSV_2024.exists():
    pytest.skip(f"shared reference data not found under {conv.DATA}", allow_module_level=True)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def inputs():
    return conv.load_inputs()


@pytest.fixture(scope="module")
def rows25(inputs):
    return inputs[0]


@pytest.fixture(scope="module")
def match(inputs):
    rows25, rows24 = inputs[0], inputs[1]
    return conv.match_rows(rows25, rows24)


@pytest.fixture(scope="module")
def catalog():
    return _read(CATALOG)


@pytest.fixture(scope="module")
def all_items():
    items: dict[str, dict[str, str]] = {}
    for path in sorted((SOURCES / "catalogs" / "items").glob("*.csv")):
        for r in _read(path):
            assert r["code"] not in items, f"{r['code']} defined twice ({path.name})"
            items[r["code"]] = r
    return items


def test_source_rows_reproduce_the_published_counts(match):
    counts = match["counts"]
    assert {k: counts[k] for k in PUBLISHED} == PUBLISHED


def test_cross_check_against_2024_as_in_the_readme(match):
    c = match["counts"]
    assert c["matched rows"] == 2297
    assert (c["new rows"], c["new rows 谈判"], c["new rows 西药部分"], c["new rows 竞价"]) == (
        114,
        98,
        9,
        7,
    )
    assert (c["2024 rows without a 2025 row"], c["gone 西药部分"], c["gone 谈判"]) == (27, 19, 8)
    assert c["class changes 甲↔乙"] == 0
    assert c["moves 谈判 → 西药部分"] == 39 and c["moves 竞价 → 西药部分"] == 16
    assert c["moves 谈判 → 谈判"] == 301 and c["moves 竞价 → 竞价"] == 5


def test_one_catalogue_row_per_printed_row(catalog, rows25):
    assert len(catalog) == PUBLISHED["rows"] - MERGED_ROWS == len(rows25)
    codes = [r["code"] for r in catalog]
    assert len(set(codes)) == len(codes)
    assert {r["source"] for r in catalog} == {"nhsa-drugs-2025"}
    assert Counter(r["class"] for r in catalog) == {"甲": 510, "乙": 1901}


def test_every_code_is_an_item_and_new_items_do_not_collide(catalog, all_items):
    missing = [r["code"] for r in catalog if r["code"] not in all_items]
    assert not missing, missing[:10]
    new = _read(NEW_ITEMS)
    assert len(new) == 114
    assert all(r["code"].startswith(("YP25-X", "YP25-T", "YP25-J")) for r in new)
    assert all(r["kind"] == "drug" for r in new)
    used = {r["code"] for r in catalog}
    assert {r["code"] for r in new} <= used  # no new item without a catalogue row


def test_catalogue_rows_carry_the_published_numbers_and_classes(catalog, rows25):
    """Row i of the catalogue is printed row i: its class reproduces 甲 393, and the numbers 1,857."""
    numbers = Counter()
    jia = set()
    for src, row in zip(rows25, catalog, strict=True):
        assert row["class"] == src["class"]
        numbers[(src["section"], src["primary_no"])] += 1
        if src["section"] == "西药部分" and row["class"] == "甲":
            jia.add(src["primary_no"])
    assert len(numbers) == PUBLISHED["西药 numbers"]
    assert len(jia) == PUBLISHED["西药部分 甲 numbers"]
    by_section = Counter(section for section, _ in numbers)
    assert by_section == {
        "西药部分": 1446,
        "协议期内谈判药品部分（一）西药": 399,
        "竞价药品部分": 12,
    }


def test_new_items_carry_their_printed_number(catalog, rows25, match):
    new = {r["code"]: r for r in _read(NEW_ITEMS)}
    label = conv.ALIAS_LABEL
    for src, row, pair in zip(rows25, catalog, match["pairs"], strict=True):
        if pair is None:
            assert row["code"] in new, row["code"]
            assert f"{label[src['section']]}{src['primary_no']}" in new[row["code"]][
                "aliases"
            ].split("|")
        else:
            assert row["code"] == f"YP24-{int(pair['id']):04d}"


def test_restrictions(catalog, rows25):
    restricted = 0
    for src, row in zip(rows25, catalog, strict=True):
        if src["restriction"]:
            restricted += 1
            assert row["restriction"].startswith(src["restriction"])
        if src["see_fanli"]:
            assert "营养风险筛查" in row["restriction"], src["no"]
        if src["restriction"] == "◇":
            assert "凡例（十）" in row["restriction"] and len(row["restriction"]) > 20
        if not src["restriction"] and not src["see_fanli"]:
            assert row["restriction"] == ""
    assert restricted == PUBLISHED["restricted rows"]


def test_written_files_are_what_the_script_builds(inputs, catalog):
    rows25, rows24, fanli, _prov, existing, items24 = inputs
    out = conv.build(rows25, rows24, fanli, existing, items24)
    assert out["catalog"] == catalog
    assert out["items"] == _read(NEW_ITEMS)
