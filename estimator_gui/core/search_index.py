"""What search reads, made from names: one row per name or alias of an item or treatment (with its
pinyin keys), and the index rows of those (schema.search_index says what each table holds). The
build makes them for the whole catalogue, an import for the items it adds: one definition."""

from __future__ import annotations

from typing import Any

from . import pinyin

CJK = range(0x3400, 0xA000)  # the characters a one-character query may be (catalog._CJK)
# ranks order kinds in results: treatments first, then items (search ids follow rank, then name)
TREATMENT_RANK = 0
ITEM_RANK = 1
# search_key groups keys by bucket of ids (id // BUCKET_SIZE), so a prefix query walks them in
# result order (schema.ordered_keys): a rare prefix costs one lookup per bucket (≈300 at a
# million items), a common one reads about one bucket's matching keys
PREFIX, INSIDE, NAME = 0, 1, 2  # search_key.inside: what a key is (schema.ordered_keys)
BUCKET_SIZE = 4096
GRAM_SQL = "INSERT INTO search_gram(gram, rank, pre, id) VALUES (?, ?, ?, ?)"
KEY_SQL = "INSERT INTO search_key(rank, inside, bucket, key, id) VALUES (?, ?, ?, ?, ?)"


def rank_of(kind: str) -> int:
    """The rank of a kind of search row (what item_rows' callers pass)."""
    return TREATMENT_RANK if kind == "treatment" else ITEM_RANK


def item_rows(
    kind: str, ref: str, name: str, aliases: list[str], extra: str, rank: int
) -> list[dict[str, Any]]:
    """The search rows of one item or treatment: one per name and non-Latin alias, all holding
    its text (name, aliases, `extra` — the English name) and its codes (the ref and code-like
    aliases). `rank` orders kinds (treatments 0, items 1); ids are the caller's."""
    codes = " ".join(
        sorted(
            {
                ref.upper(),
                *(a.upper() for a in aliases if a.isascii() and any(ch.isdigit() for ch in a)),
            }
        )
    )
    text = " ".join([name, *aliases, extra]).strip()
    out = []
    for label in [name, *(a for a in aliases if not a.isascii())]:
        py, pyfull = pinyin.keys(label)
        out.append(
            {
                "kind": kind,
                "ref": ref,
                "name": name,
                "text": text,
                "py": py,
                "pyfull": pyfull,
                "codes": codes,
                "rank": rank,
            }
        )
    return out


def index_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[int], list[tuple[str, int, int, int]], list[tuple[int, int, int, str, int]]]:
    """The rows the trigram index holds (each item once), and the rows of search_gram (GRAM_SQL)
    and search_key (KEY_SQL), each sorted as its primary key (schema.search_index and
    schema.ordered_keys say what each holds)."""
    first: dict[tuple[str, str], int] = {}
    keys: dict[tuple[str, int], tuple[int, int]] = {}  # (key, id) → (inside, rank)
    grams: set[tuple[str, int, int, int]] = set()
    names: list[tuple[int, int, int, str, int]] = []

    def key(value: str, item: int, inside: int, rank: int) -> None:
        if value and keys.get((value, item), (2,))[0] > inside:
            keys[(value, item)] = (inside, rank)

    for row in rows:
        ident = (row["kind"], row["ref"])
        item = first.setdefault(ident, row["id"])
        rank = row["rank"]
        if item == row["id"]:  # the item's text, codes: once
            text, name = row["text"], row["name"]  # case kept: "CT" is not "ct" in "section"
            for i, ch in enumerate(text):
                if ch.isspace():
                    continue
                if ord(ch) in CJK:
                    grams.add((ch, rank, 0 if name.startswith(ch) else 1, item))
                pair = text[i : i + 2]
                if len(pair) == 2 and not pair[1].isspace():
                    grams.add((pair, rank, 0 if name.startswith(pair) else 1, item))
            for code in row["codes"].lower().split():
                key(code, item, PREFIX, rank)
            if name:  # as written: Chinese queries of three or more characters from the start
                names.append((rank, NAME, item // BUCKET_SIZE, name, item))
        py = row["py"]
        key(py, item, PREFIX, rank)
        key(row["pyfull"], item, PREFIX, rank)
        for i in range(1, len(py) - 2):  # tails of three or more letters: initials inside
            key(py[i:], item, INSIDE, rank)
    return (
        sorted(first.values()),
        sorted(grams),
        sorted(
            [
                *(
                    (rank, inside, item // BUCKET_SIZE, k, item)
                    for (k, item), (inside, rank) in keys.items()
                ),
                *names,
            ]
        ),
    )
