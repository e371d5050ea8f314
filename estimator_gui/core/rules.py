"""Rule files: dated parameter histories with a source on every value → the rules in force.

A region's rule file is a tree. Wherever a policy value (or a whole block of them) lives, the
file holds a *history*: a list of entries ``{from, until?, value, source, note?}``. The rule
in force on a date replaces each history by the value of the entry that covers the date.
A number outside a history is an error: every figure must be dated and cited.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from .models import Provenance, RegionInfo, RuleSet, Source, Tier

TOP_KEYS = {"region", "sources", "schemes", "item_shares", "elsewhere", "notes"}
HISTORY_KEYS = {"from", "until", "value", "source", "note"}
# Numbers that say which column a block is for, not policy values: allowed outside histories.
STRUCTURAL_NUMBERS = {"min_age", "max_age"}
# Mappings whose entries may be absent on a date (a person type or setting not yet covered);
# anywhere else a gap makes the enclosing block unavailable.
COLLECTIONS = ("schemes", "schemes.*.persons", "schemes.*.persons.*.settings")
# who verified a value locally is said by local corrections (user data folder), never by bundled data
LOCAL_ONLY = "only a local correction says who verified it (verified_by); bundled sources do not"


class RuleFileError(ValueError):
    """A rule file is wrong: names the file, the key path and what is wrong."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file, self.path, self.message = file, path, message
        super().__init__(f"{file}: {path or '(top)'}: {message}")


class RuleGapError(LookupError):
    """No rule covers the date asked for: names the region, parameter and date."""

    def __init__(self, region_id: str, name_zh: str, on: dt.date, gaps: dict[str, str]) -> None:
        self.region_id, self.name_zh, self.on, self.gaps = region_id, name_zh, on, gaps
        detail = "; ".join(f"{p}: {m}" for p, m in gaps.items())
        super().__init__(f"no rules cover {on} for {region_id} ({detail})")


@dataclass(frozen=True)
class _Entry:
    start: dt.date
    until: dt.date | None
    value: Any
    source: Source


@dataclass
class _Resolution:
    on: dt.date
    provenance: dict[str, Provenance] = field(default_factory=dict)
    gaps: dict[str, str] = field(default_factory=dict)


_MISSING = object()


def _is_history(node: Any) -> bool:
    return (
        isinstance(node, list)
        and bool(node)
        and all(isinstance(x, dict) for x in node)
        and any("from" in x for x in node)
    )


def _as_date(value: Any, file: str, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RuleFileError(file, path, f"not a date (YYYY-MM-DD): {value!r}")


def _matches(path: str, pattern: str) -> bool:
    parts, pats = path.split("."), pattern.split(".")
    return len(parts) == len(pats) and all(
        p == "*" or p == q for p, q in zip(pats, parts, strict=True)
    )


class RegionFile:
    """One validated rule file; `resolve(date)` gives the RuleSet in force that day."""

    def __init__(self, raw: Any, file: str, *, validate: bool = True) -> None:
        self.file = file
        if not isinstance(raw, dict):
            raise RuleFileError(file, "", "a rule file is a mapping with region, sources, schemes")
        unknown = set(raw) - TOP_KEYS
        if unknown:
            raise RuleFileError(
                file, sorted(unknown)[0], f"unknown key; allowed: {sorted(TOP_KEYS)}"
            )
        for key in ("region", "sources", "schemes", "item_shares", "elsewhere"):
            if key not in raw:
                raise RuleFileError(file, key, "missing")
        try:
            self.region = RegionInfo.model_validate(raw["region"])
        except ValidationError as exc:
            raise _pydantic_error(file, "region", exc) from None
        self.sources = self._sources(raw["sources"])
        self._tree = {k: raw[k] for k in ("schemes", "item_shares", "elsewhere")}
        self._histories: dict[str, list[_Entry]] = {}
        self._tree = self._compile(self._tree, "", inside_history=False)
        if validate:  # built databases hold files validated at build time
            self.validate()

    # --- parsing ------------------------------------------------------------------------

    def _sources(self, raw: Any) -> dict[str, Source]:
        if not isinstance(raw, dict) or not raw:
            raise RuleFileError(self.file, "sources", "needs at least one source, keyed by id")
        out = {}
        for key, body in raw.items():
            if not isinstance(body, dict):
                raise RuleFileError(self.file, f"sources.{key}", "a source is a mapping")
            if "verified_by" in body:
                raise RuleFileError(self.file, f"sources.{key}.verified_by", LOCAL_ONLY)
            try:
                out[str(key)] = Source.model_validate({"id": str(key), **body})
            except ValidationError as exc:
                raise _pydantic_error(self.file, f"sources.{key}", exc) from None
        return out

    def _compile(self, node: Any, path: str, inside_history: bool) -> Any:
        """Check the tree; turn each history into a marker that `_resolve` looks up."""
        if _is_history(node):
            if inside_history:
                raise RuleFileError(self.file, path, "a history inside a history's value")
            self._histories[path] = self._history(node, path)
            return _HistoryRef(path)
        if isinstance(node, dict):
            return {
                str(k): self._compile(v, _join(path, str(k)), inside_history)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [self._compile(v, f"{path}[{i}]", inside_history) for i, v in enumerate(node)]
        if (
            isinstance(node, int | float | Decimal)
            and not isinstance(node, bool)
            and not inside_history
            and path.rsplit(".", 1)[-1] not in STRUCTURAL_NUMBERS
        ):
            raise RuleFileError(
                self.file, path, "a number outside a dated history: give it from/value/source"
            )
        return node

    def _history(self, entries: list[dict[str, Any]], path: str) -> list[_Entry]:
        out: list[_Entry] = []
        for i, entry in enumerate(entries):
            where = f"{path}[{i}]"
            unknown = set(entry) - HISTORY_KEYS
            if unknown:
                raise RuleFileError(
                    self.file, where, f"unknown key {sorted(unknown)[0]!r} in a history entry"
                )
            for key in ("from", "value", "source"):
                if key not in entry or (entry[key] is None and key != "value"):
                    raise RuleFileError(self.file, where, f"history entry needs {key!r}")
            if "value" not in entry:
                raise RuleFileError(self.file, where, "history entry needs 'value'")
            start = _as_date(entry["from"], self.file, f"{where}.from")
            until = (
                _as_date(entry["until"], self.file, f"{where}.until")
                if entry.get("until")
                else None
            )
            if until is not None and until < start:
                raise RuleFileError(self.file, where, f"until {until} is before from {start}")
            source = self.sources.get(str(entry["source"]))
            if source is None:
                raise RuleFileError(
                    self.file, f"{where}.source", f"unknown source id {entry['source']!r}"
                )
            value = self._compile(entry["value"], path, inside_history=True)
            out.append(_Entry(start, until, value, source))
        for prev, nxt in itertools.pairwise(out):
            if nxt.start <= prev.start:
                raise RuleFileError(
                    self.file, path, f"history not sorted: {nxt.start} after {prev.start}"
                )
            if prev.until is not None and prev.until >= nxt.start:
                raise RuleFileError(
                    self.file, path, f"date ranges overlap: until {prev.until} and from {nxt.start}"
                )
        return out

    # --- resolving ------------------------------------------------------------------------

    def _entry_on(self, path: str, on: dt.date) -> tuple[_Entry, dt.date | None] | None:
        entries = self._histories[path]
        for i, entry in enumerate(entries):
            end = entry.until
            if end is None and i + 1 < len(entries):
                end = entries[i + 1].start - dt.timedelta(days=1)
            if entry.start <= on and (end is None or on <= end):
                return entry, end
        return None

    def _resolve(self, node: Any, path: str, res: _Resolution) -> Any:
        if isinstance(node, _HistoryRef):
            found = self._entry_on(node.path, res.on)
            if found is None:
                spans = ", ".join(f"{e.start}..{e.until or ''}" for e in self._histories[node.path])
                res.gaps[path] = f"no value on {res.on} (history covers {spans})"
                return _MISSING
            entry, end = found
            res.provenance[path] = Provenance(
                source=entry.source, valid_from=entry.start, valid_until=end
            )
            return self._resolve(entry.value, path, res)
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            collection = any(_matches(path, pattern) for pattern in COLLECTIONS)
            for key, child in node.items():
                value = self._resolve(child, _join(path, key), res)
                if value is _MISSING:
                    if collection:
                        continue
                    return _MISSING
                out[key] = value
            return out
        if isinstance(node, list):
            items = [self._resolve(child, f"{path}[{i}]", res) for i, child in enumerate(node)]
            return _MISSING if any(x is _MISSING for x in items) else items
        return node

    def resolve(self, on: dt.date) -> RuleSet:
        """The rules in force on `on`. Raises RuleGapError when a required part has no value."""
        res = _Resolution(on)
        body = {key: self._resolve(self._tree[key], key, res) for key in self._tree}
        missing = [key for key, value in body.items() if value is _MISSING]
        if missing:
            raise RuleGapError(self.region.id, self.region.name_zh, on, res.gaps)
        try:
            rules = RuleSet.model_validate(
                {
                    "region": self.region,
                    "on": on,
                    "provenance": res.provenance,
                    "gaps": res.gaps,
                    **body,
                }
            )
        except ValidationError as exc:
            raise _pydantic_error(self.file, "", exc, f" (rules in force on {on})") from None
        return rules

    def gaps_on(self, on: dt.date) -> dict[str, str]:
        res = _Resolution(on)
        for key in self._tree:
            self._resolve(self._tree[key], key, res)
        return res.gaps

    # --- whole-file checks and facts ---------------------------------------------------------

    def change_dates(self) -> list[dt.date]:
        """Every date on which some value starts or ends: the dates worth validating."""
        dates = set()
        for entries in self._histories.values():
            for entry in entries:
                dates.add(entry.start)
                if entry.until is not None:
                    dates.add(entry.until)
        return sorted(dates)

    def validate(self) -> None:
        """Resolve and validate the rules on every change date, so no version hides an error."""
        for on in self.change_dates():
            try:
                self.resolve(on)
            except RuleGapError:
                continue  # a gap is allowed on a date; asking for that date names it

    def coverage(self) -> tuple[dt.date, dt.date | None]:
        """First date with complete top-level rules, and the last (None: open-ended)."""
        dates = self.change_dates()
        first = next((d for d in dates if self._complete(d)), None)
        if first is None:
            raise RuleFileError(self.file, "", "no date on which the rules are complete")
        ends = [
            e.until
            for entries in self._histories.values()
            for e in entries[-1:]
            if e.until is not None
        ]
        return first, (min(ends) if ends else None)

    def _complete(self, on: dt.date) -> bool:
        try:
            self.resolve(on)
        except RuleGapError:
            return False
        return True

    def tier_counts(self) -> dict[Tier, int]:
        """How many dated values (numbers) rest on official, secondary or estimated sources."""
        counts: Counter[Tier] = Counter()
        for entries in self._histories.values():
            for entry in entries:
                counts[entry.source.tier] += sum(1 for _ in _numbers(entry.value))
        return {tier: counts.get(tier, 0) for tier in Tier}

    def newest_start(self) -> dt.date:
        return max(self.change_dates())


@dataclass(frozen=True)
class _HistoryRef:
    path: str


def _numbers(node: Any) -> Iterator[object]:
    if isinstance(node, dict):
        for child in node.values():
            yield from _numbers(child)
    elif isinstance(node, list):
        for child in node:
            yield from _numbers(child)
    elif isinstance(node, int | float | Decimal) and not isinstance(node, bool):
        yield node


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _pydantic_error(
    file: str, prefix: str, exc: ValidationError, suffix: str = ""
) -> RuleFileError:
    first = exc.errors()[0]
    loc = ".".join(str(x) for x in first["loc"] if not str(x).startswith("function-"))
    # discriminated unions put the tag name in the location; keep it readable
    path = _join(prefix, loc) if loc else prefix
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "missing value"
    return RuleFileError(file, path, message + suffix)
