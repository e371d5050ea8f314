"""The reference database schema: sqlite-utils migrations are the only code that creates tables.

Bump buildinfo.SCHEMA_VERSION with every migration added here: the app refuses other versions.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("reference")


@migrations()
def create_tables(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("sources").create(
        {
            "id": str,
            "title": str,
            "url": str,
            "document": str,
            "date": str,
            "tier": str,
            "note": str,
        },
        pk="id",
    )
    db.table("regions").create(
        {
            "id": str,
            "name_zh": str,
            "name_en": str,
            "province": str,
            "province_en": str,
            "kind": str,
            "file": str,
            "rules_json": str,  # the validated rule file; resolved by date at run time
            "coverage_from": str,
            "coverage_until": str,
            "newest_from": str,
            "schemes": str,  # JSON list
            "official": int,
            "secondary": int,
            "estimate": int,
        },
        pk="id",
    )
    db.table("catalog_editions").create(
        {
            "catalog": str,
            "name_zh": str,
            "name_en": str,
            "in_force_from": str,
            "superseded_on": str,
            "successor_zh": str,
            "successor_en": str,
            "note_zh": str,
            "note_en": str,
            "source_id": str,
        },
        pk="catalog",
    )
    db.table("items").create(
        {
            "code": str,
            "kind": str,
            "name_zh": str,
            "name_en": str,
            "unit": str,
            "category": str,
            "origin": str,
            "aliases": str,
        },
        pk="code",
    )
    db.table("catalog_entries").create(
        {
            "catalog": str,
            "code": str,
            "class": str,
            "pay_cap_fen": int,
            "item_share": str,  # decimal as text: exact
            "restriction": str,
            "source_id": str,
        },
        pk=("catalog", "code"),
    )
    db.table("prices").create(
        {
            "price_list": str,
            "code": str,
            "level": str,
            "price_fen": int,
            "source_id": str,
            "method": str,
        },
        pk=("price_list", "code", "level"),
    )
    db.table("treatments").create(
        {
            "id": str,
            "name_zh": str,
            "name_en": str,
            "aliases": str,
            "category": str,
            "setting": str,
            "stay_low": str,
            "stay_typical": str,
            "stay_high": str,
            "source_id": str,
            "note_zh": str,
            "note_en": str,
        },
        pk="id",
    )
    db.table("treatment_lines").create(
        {
            "treatment_id": str,
            "seq": int,
            "code": str,
            "qty_low": str,
            "qty_typical": str,
            "qty_high": str,
            "per_day": str,
        },
        pk=("treatment_id", "seq"),
    )
    # search: one row per item or treatment; name for Chinese, py/pyfull for pinyin, code for codes
    db.table("search").create(
        {
            "id": int,
            "kind": str,  # drug / service / consumable / treatment
            "ref": str,  # item code or treatment id
            "name": str,
            "text": str,  # name and aliases: what the trigram index searches
            "py": str,  # pinyin initials, lowercase, no separators
            "pyfull": str,  # full pinyin, lowercase, no separators
            "codes": str,  # code and code-like aliases, upper case, space separated
            "rank": int,  # treatments first
        },
        pk="id",
    )
    db.table("search").create_index(["py"])
    db.table("search").create_index(["pyfull"])
    db.table("search").create_index(["codes"])
    db.execute(
        "CREATE VIRTUAL TABLE search_trigram USING fts5("
        "text, content='search', content_rowid='id', tokenize='trigram')"
    )


@migrations()
def dated_lists(db: Database) -> None:
    """Catalogues and price lists as registries of dated editions (catalog_entries.catalog and
    prices.price_list hold edition ids); drug items know their part of the list."""
    db.table("catalog_editions").drop()
    db.table("lists").create(
        {
            "id": str,
            "kind": str,  # catalog | price
            "name_zh": str,
            "name_en": str,
            "local_to": str,  # JSON list of provinces / region ids / "national" (base lists)
            "search": str,  # JSON list of list ids (composites)
            "note": str,
            "caveat": str,  # JSON: what the data does not know about this list
        },
        pk=("kind", "id"),  # a catalogue and a price list may share an id
    )
    db.table("list_editions").create(
        {
            "kind": str,
            "id": str,  # <list>@<from>
            "list_id": str,
            "start": str,
            "in_force_from": str,
            "parts": str,  # JSON list of drug parts, or null
            "name_zh": str,
            "name_en": str,
            "document": str,
            "source_id": str,
            "rows": int,
        },
        pk=("kind", "id"),
    )
    db.table("list_editions").create_index(["kind", "list_id", "start"])
    db.table("items").add_column("part", str)  # drugs: western / patent / herbal
    db.table("price_spread").create(
        {
            "category": str,  # service category (first two digits of Jiangsu's), or "all"
            "n": int,  # items both lists price
            "low": str,  # price ratio quantiles (decimal text)
            "median": str,
            "high": str,
            "between": str,  # the two lists compared
        },
        pk="category",
    )
    db.table("regions").add_column("origin", str)  # curated | template (the national layer)
    db.table("treatments").add_column("levels", str)  # JSON: hospital levels where it is done
    db.table("treatments").add_column("completeness_zh", str)  # what the bill holds and leaves out
    db.table("treatments").add_column("completeness_en", str)
    db.table("treatments").add_column(
        "calibration", str
    )  # JSON: published figures to check against


@migrations()
def search_index(db: Database) -> None:
    """Every search class uses an index (schema version 3). Rows of `search` are numbered in the
    order results are listed (treatments first, then shorter names, then by code), and each item
    is indexed once, under its first row's id:

    - search_gram: each character and each pair of adjacent characters of an item's text (name,
      aliases, English name), lower case — one- and two-character queries, which the trigram
      index cannot answer; `pre` is 0 where the name starts with the gram, so the primary key
      lists hits in result order and a query reads only the rows it shows;
    - search_key: pinyin initials, full pinyin and every code, lower case, for prefix queries
      (`inside` 0), and each tail of three or more letters of the initials (`inside` 1), for
      initials inside a name ("qcs" in 阑尾切除术).

    The trigram index keeps answering three or more characters (it now holds each item once)."""
    db.execute(
        "CREATE TABLE search_gram (gram TEXT NOT NULL, rank INTEGER NOT NULL, "
        "pre INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (gram, rank, pre, id)) "
        "WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE search_key (key TEXT NOT NULL, id INTEGER NOT NULL, "
        "inside INTEGER NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID"
    )
    for column in ("py", "pyfull", "codes"):  # replaced by search_key
        db.execute(f"DROP INDEX IF EXISTS idx_search_{column}")


@migrations()
def ordered_keys(db: Database) -> None:
    """Pinyin, code and name queries read about as many rows as they show (schema version 4).

    search_key holds, per item (under its first row's id), what prefix queries look for, by
    `inside` (search_index.PREFIX, INSIDE, NAME): 0 its pinyin initials, full pinyin and codes,
    lower case; 1 each tail of three or more letters of its initials ("qcs" in 阑尾切除术); 2 its
    name as written (Chinese queries of three or more characters: names that start with them
    are listed first). Rows are ordered as results are listed: by `rank`, `inside`, `bucket`
    (the id divided by search_index.BUCKET_SIZE: ids are numbered in result order, and follow
    rank — the build numbers treatments first, an import adds items after every row), then the
    key. A query walks the buckets in order, reading in each only the keys that start with what
    was typed (`key >= ? AND key < ?`), and stops once a bucket completes the page: a common
    prefix is answered from the first bucket, a rare one with one index lookup per bucket,
    never by gathering every matching key first."""
    db.execute("DROP TABLE search_key")
    db.execute(
        "CREATE TABLE search_key (rank INTEGER NOT NULL, inside INTEGER NOT NULL, "
        "bucket INTEGER NOT NULL, key TEXT NOT NULL, id INTEGER NOT NULL, "
        "PRIMARY KEY (rank, inside, bucket, key, id)) WITHOUT ROWID"
    )
