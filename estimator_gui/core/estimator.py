"""The facade the GUI and the CLI call: regions, treatments, search, estimate, compare.

Both front ends go through here, so they can never disagree about a number.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from pydantic import Field

from . import engine
from .catalog import Catalog, ListEdition, RegionRow, SearchHit, Treatment
from .correction_overlay import (
    Note,
    Status,
    bundled_changed,
    check,
    correctable,
    gone,
    overlay,
    price_in_force,
    price_step,
    read_value,
    source_of,
    status,
)
from .corrections import Correction, number_text
from .counsel import Quote
from .engine import EstimateError
from .errors import CorrectionError
from .models import (
    BillLine,
    CareOption,
    CatalogTerms,
    Edition,
    Estimate,
    Filing,
    Item,
    ItemKind,
    Level,
    Model,
    Person,
    PersonKind,
    Provenance,
    Route,
    RuleSet,
    Scheme,
    Scope,
    Setting,
    Source,
    Step,
    Warning,
    YearToDate,
)
from .money import ZERO, format_yuan, round_fen
from .rules import RuleGapError
from .vocab import label

Variant = Literal["low", "typical", "high"]
PriceSide = Literal["low", "high"]
_P = ParamSpec("_P")
_R = TypeVar("_R")

# the prices of local corrections, named as a price list in an estimate's editions (local)
LOCAL_PRICES = ListEdition(
    id="local-corrections",
    list_id="local-corrections",
    kind="price",
    name_zh="本地核实价格",
    name_en="locally verified prices",
    start=dt.date.min,
    in_force_from=dt.date.min,
    parts=None,
    local_to=("national",),
)


def _one_computation(
    method: Callable[Concatenate[Estimator, _P], _R],
) -> Callable[Concatenate[Estimator, _P], _R]:
    """Within one call (a compare), an estimate or a priced bill asked for twice is computed once:
    an option's alternatives are often other options of the same compare, and its low and high
    variants price the bill again at the same place. Nothing is kept after the call.

    The cyclic garbage collector waits until the call ends (reference counting still frees what
    the call drops): a compare makes tens of thousands of short-lived objects, and collections
    triggered among them cost a sixth of its time."""

    @functools.wraps(method)
    def run(self: Estimator, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self._memo is not None:  # nested: the outer call's memo holds
            return method(self, *args, **kwargs)
        self._memo = {}
        collecting = gc.isenabled()
        gc.disable()
        try:
            return method(self, *args, **kwargs)
        finally:
            self._memo = None
            if collecting:
                gc.enable()

    return run


class BillEntry(Model):
    """One line the user wants on the bill: an item, a quantity, and optionally their own price."""

    code: str
    quantity: Decimal = Field(gt=0)
    unit_price: Decimal | None = Field(default=None, ge=0)  # None: the treated region's list price
    restriction_met: bool | None = None


class Case(Model):
    """Who is treated, for what, and when."""

    insured_region: str
    person: Person
    date: dt.date
    entries: list[BillEntry]
    setting: Setting = Setting.INPATIENT
    year_to_date: YearToDate = YearToDate()


class OptionResult(Model):
    option: CareOption
    estimate: Estimate | None
    error_field: str | None = None  # which input or rule stopped the estimate
    error_zh: str | None = None
    error_en: str | None = None
    delta_vs_home: Decimal | None = None  # patient burden minus the home option's
    # low–high patient burden: the package's variants and/or stand-in prices across the spread
    burden_range: tuple[Decimal, Decimal] | None = None
    range_note_zh: str | None = None  # what the range spans and how it was measured
    range_note_en: str | None = None
    bill_from: Literal["package", "bill", "quote"] = "bill"  # the package, an edited bill, a quote
    quote_label: str | None = None

    @classmethod
    def failed(cls, option: CareOption, exc: EstimateError) -> OptionResult:
        """No estimate for this option, and why: a region without rules is explained, not hidden."""
        return cls(
            option=option,
            estimate=None,
            error_field=exc.field,
            error_zh=exc.text_zh,
            error_en=exc.text_en,
        )


class ChoiceValue(Model):
    """What another filing, route or level would change for one option, in yuan."""

    option_index: int
    alternative: CareOption
    saving: Decimal  # positive: the alternative costs the patient less
    text_zh: str
    text_en: str


class Comparison(Model):
    results: list[OptionResult]
    choices: list[ChoiceValue]
    home_index: int | None
    # items restricted (限定支付) in the catalogue that judges the bill in any option: code → text
    restricted: dict[str, str] = Field(default_factory=dict)


@dataclass
class Estimator:
    """Estimates over the bundled reference database."""

    catalog: Catalog
    _rules: dict[tuple[str, dt.date], RuleSet] = field(default_factory=dict)
    _seen_editions: dict[str, ListEdition] = field(default_factory=dict)
    _catalogue_memo: dict[tuple[str, dt.date], dict[ItemKind, tuple[ListEdition, ...]]] = field(
        default_factory=dict
    )
    _bills: dict[tuple[str, str], tuple[BillEntry, ...]] = field(default_factory=dict)
    _memo: dict[Any, Any] | None = None  # during one compare (_one_computation)
    _region_rows: tuple[RegionRow, ...] | None = None  # read once: the database is read-only
    # local corrections (corrections.py): they outrank the bundled rules and prices they name
    _corrections: tuple[Correction, ...] = ()
    _bundled: dict[tuple[str, dt.date], RuleSet] = field(default_factory=dict)
    _rule_notes: dict[tuple[str, dt.date], list[Note]] = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        db: Path,
        sources: Path | None = None,
        *,
        check_pages: bool = True,
        corrections: Sequence[Correction] = (),
    ) -> Estimator:
        """Open the reference database, checked (catalog.Catalog says how); it is refused when
        stale against `sources` (default: the folder it was built from, when that still exists).
        Every problem is a DatabaseProblem naming the file, the cause and the fix. With
        `check_pages=False` the checksum of its pages (≈10 ms) waits for `check_database()`.
        `corrections` (the user's local corrections) outrank the rules and prices they name."""
        estimator = cls(Catalog(db, sources, check_pages=check_pages))
        estimator.use_corrections(corrections)
        return estimator

    # --- local corrections -------------------------------------------------------------------------

    def use_corrections(self, corrections: Sequence[Correction]) -> None:
        """Estimate with these local corrections from now on (the window calls it after a change)."""
        self._corrections = tuple(corrections)
        self._rules.clear()  # the rules as corrected; the bundled ones stay cached
        self._rule_notes.clear()

    @property
    def corrections(self) -> tuple[Correction, ...]:
        return self._corrections

    def bundled_rules(self, region_id: str, on: dt.date) -> RuleSet:
        """The region's rules on a date as the bundled data has them, without local corrections."""
        key = (region_id, on)
        cached = self._bundled.get(key)
        if cached is None:
            region = self.catalog.region_file(region_id)
            if region is None:
                known = ", ".join(r.id for r in self.catalog.regions())
                raise EstimateError(
                    "region",
                    f"unknown region {region_id!r} (known: {known})",
                    f"未知地区 {region_id!r}（可选：{known}）",
                )
            try:
                cached = region.resolve(on)
            except RuleGapError as exc:
                raise EstimateError(
                    "date",
                    str(exc),
                    f"{exc.name_zh}没有适用于 {on} 的规则（缺少：{'、'.join(exc.gaps)}）",
                ) from None
            self._bundled[key] = cached
        return cached

    def bundled_price(self, region_id: str, code: str, level: str, on: dt.date) -> Decimal | None:
        """The price of an item at a level (or, for "all", the one price every level has) in the
        price lists the region treats with, as bundled."""
        editions = self._editions("price", self.bundled_rules(region_id, on).region.price_lists, on)
        levels = list(Level) if level == "all" else [Level(level)]
        found = {p.amount for lv in levels if (p := self.catalog.price(editions, code, lv))}
        return found.pop() if len(found) == 1 else None

    def bundled_value(
        self,
        region_id: str,
        on: dt.date,
        *,
        path: str | None = None,
        code: str | None = None,
        level: str | None = None,
    ) -> str | None:
        """The bundled value a correction would confirm: a rule value's (CorrectionError when the
        path names none), or an item's price at a level (None: the lists have none)."""
        if path is not None:
            try:
                rules = self.bundled_rules(region_id, on)
            except EstimateError as exc:
                raise CorrectionError("region", exc.text_en, exc.text_zh) from None
            return read_value(rules, path)
        price = self.bundled_price(region_id, code or "", level or "all", on)
        return None if price is None else number_text(price)

    def check_correction(self, correction: Correction) -> Correction:
        """The correction as it is kept (its target exists, its value fits, the bundled value it
        replaces noted); CorrectionError names the field otherwise."""
        return check(correction, self)

    def correction_status(self, correction: Correction, today: dt.date | None = None) -> Status:
        """What a correction does now: confirms, corrects, the bundled value moved, or gone."""
        return status(correction, self, today)

    def correctable_values(self, region_id: str, on: dt.date) -> list[tuple[str, str]]:
        """Every rule value of a region a correction may name (path, bundled value)."""
        return correctable(self.bundled_rules(region_id, on))

    def _price_corrections(self, region_id: str) -> list[Correction]:
        return [c for c in self._corrections if c.kind == "price" and c.region == region_id]

    def _with_local_corrections(
        self, est: Estimate, insured: RuleSet, treated: RuleSet, lines: Sequence[BillLine]
    ) -> Estimate:
        """A step for each line priced by a local correction (citing it), and data notes for the
        corrections of these places that could not be used or whose bundled value moved since."""
        if not self._corrections:
            return est
        on = insured.on
        notes = list(self._rule_notes.get((insured.region.id, on), ()))
        if treated.region.id != insured.region.id:
            notes += self._rule_notes.get((treated.region.id, on), ())
        names = (treated.region.name_zh, treated.region.name_en)
        steps: list[Step] = []
        priced = {c.id: c for c in self._price_corrections(treated.region.id)}
        for gone_item in priced.values():
            if self.catalog.item(gone_item.code or "") is None:
                why = ("the item is no longer in the data", "数据中已没有该项目")
                notes.append(gone(gone_item, *why, names))
        for line in lines:
            source = line.price_source
            if source is None or not source.verified_by:
                continue
            c = priced.get(source.id.removeprefix("local:"))
            if c is None:
                continue
            amount = round_fen(line.quantity * line.unit_price)
            zh, en = price_step(c, line.item.name_zh, line.quantity, amount)
            provenance = Provenance(source=source, valid_from=c.valid_from, valid_until=None)
            steps.append(
                Step(
                    key="local_price", amount=amount, text_zh=zh, text_en=en, provenance=provenance
                )
            )
            now = self.bundled_price(treated.region.id, line.item.code, c.level or "all", on)
            now_text = "—" if now is None else number_text(now)
            if c.bundled is not None and now_text != c.bundled:
                notes.append(bundled_changed(c, now_text, names))
        if not steps and not notes:
            return est
        at = next((i for i, s in enumerate(est.steps) if s.key == "split"), 0)
        warnings = list(est.warnings)
        seen = {w.text_en for w in warnings}
        for note in notes:
            if note.text_en not in seen:
                seen.add(note.text_en)
                warnings.append(
                    Warning(code="local_correction", text_zh=note.text_zh, text_en=note.text_en)
                )
        return est.model_copy(
            update={"steps": [*est.steps[:at], *steps, *est.steps[at:]], "warnings": warnings}
        )

    def check_database(self) -> None:
        """The checksum of every page of the database (DatabaseDamaged when one differs)."""
        self.catalog.check_pages()

    # --- lookups -------------------------------------------------------------------------------

    def regions(self) -> list[RegionRow]:
        if self._region_rows is None:
            self._region_rows = tuple(self.catalog.regions())
        return list(self._region_rows)

    def region(self, region_id: str) -> RegionRow | None:
        return self.catalog.region(region_id)

    def treatment(self, treatment_id: str) -> Treatment | None:
        return self.catalog.treatment(treatment_id)

    def item(self, code: str) -> Item | None:
        return self.catalog.item(code)

    def data_editions(self, on: dt.date) -> list[tuple[str, str]]:
        """What the data is, for the status line (zh, en): the drug list's editions in force and
        the parts each judges, the real local price lists with their dates, the newest curated rule."""
        out: list[tuple[str, str]] = []
        for e in (
            self.catalog.resolve("catalog", "nhsa-drugs", on)
            if self.catalog.has_list("catalog", "nhsa-drugs")
            else ()
        ):
            out.append((edition_title(e, "zh"), edition_title(e, "en")))
        for e in self.catalog.real_price_lists(on):
            dated = any(str(y) in e.name_zh for y in range(1990, 2100))
            suffix = "" if dated else f" {e.start}"
            out.append((e.name_zh + suffix, e.name_en + suffix))
        curated = [r.newest_from for r in self.regions() if r.origin == "curated"]
        if curated:
            newest = max(curated)
            out.append((f"规则最新生效 {newest}", f"newest rule in force from {newest}"))
        return out

    def hotline(self, region_id: str, on: dt.date) -> str | None:
        """The insured region's service line (区号-12393), where the data has it."""
        try:
            return self.rules(region_id, on).region.hotline
        except EstimateError:
            return None

    @property
    def data_info(self) -> dict[str, str]:
        """What the reference database says of itself (build date, schema, source hash)."""
        return dict(self.catalog.meta)

    def treatments(self) -> list[Treatment]:
        return self.catalog.treatments()

    def search(self, text: str, limit: int = 30, kinds: tuple[str, ...] = ()) -> list[SearchHit]:
        """Items and treatments (or only `kinds`: treatment, drug, service, consumable)."""
        return self.catalog.search(text, limit, kinds)

    def rules(self, region_id: str, on: dt.date) -> RuleSet:
        """The region's rules on a date, with the local corrections in force then (each corrected
        value citing its correction); what could not be applied is noted for the estimate."""
        key = (region_id, on)
        cached = self._rules.get(key)
        if cached is None:
            cached = self.bundled_rules(region_id, on)
            mine = [c for c in self._corrections if c.kind == "rule" and c.region == region_id]
            if mine:
                cached, self._rule_notes[key] = overlay(cached, mine)
            self._rules[key] = cached
        return cached

    def bill_for(self, treatment_id: str, variant: Variant = "typical") -> list[BillEntry]:
        cached = self._bills.get((treatment_id, variant))
        if cached is None:
            treatment = self.catalog.treatment(treatment_id)
            if treatment is None:
                raise EstimateError(
                    "treatment",
                    f"unknown treatment {treatment_id!r}",
                    f"未知治疗项目 {treatment_id!r}",
                )
            stay = treatment.stay_days[variant]
            cached = self._bills[(treatment_id, variant)] = tuple(
                BillEntry(code=line.code, quantity=q)
                for line in treatment.lines
                if (q := line.quantity(variant, stay)) > 0
            )
        return list(cached)  # the entries are frozen; the list is the caller's

    # --- pricing a bill --------------------------------------------------------------------------

    def price_lines(
        self,
        entries: Sequence[BillEntry],
        insured: RuleSet,
        treated: RuleSet,
        level: Level,
        on: dt.date | None = None,
        price_side: PriceSide | None = None,
    ) -> list[BillLine]:
        """Price each entry at the treated place, with the terms of both regions' catalogues, from
        the editions in force on `on` (default: the date the rules were resolved for). With
        `price_side`, a price from a stand-in list moves to that end of the measured spread."""
        on = on or treated.on
        level = Level(level)
        memo = self._memo
        if memo is not None:
            key = (
                "lines",
                self._entries_key(entries),
                id(insured),
                id(treated),
                level,
                on,
                price_side,
            )
            found = memo.get(key)
            if found is not None and found[0] is insured and found[1] is treated:
                return list(found[2])
        price_editions = self._editions("price", treated.region.price_lists, on)
        treated_lists = self._catalogues(treated, on)
        home_lists = self._catalogues(insured, on)
        codes = [entry.code for entry in entries]
        self.catalog.prefetch(  # one query per list for the whole bill, not one per line
            codes,
            (price_editions if any(e.unit_price is None for e in entries) else ()),
            level,
            {e for lists in (treated_lists, home_lists) for es in lists.values() for e in es},
        )
        lines = []
        local_prices = self._price_corrections(treated.region.id) if self._corrections else []
        for n, entry in enumerate(entries, start=1):
            item = self.catalog.item(entry.code)
            if item is None:
                raise EstimateError(
                    f"bill[{n}].code",
                    f"unknown item code {entry.code!r}",
                    f"未知项目编码 {entry.code!r}",
                )
            price_source: Source | None = None
            price_edition: str | None = None
            local = (
                price_in_force(local_prices, entry.code, level.value, on)
                if local_prices and entry.unit_price is None
                else None
            )
            if entry.unit_price is not None:
                unit_price = entry.unit_price
            elif local is not None:  # a locally verified price outranks the lists
                unit_price, price_source = Decimal(local.value), source_of(local)
                price_edition = LOCAL_PRICES.id
                self._seen_editions[LOCAL_PRICES.id] = LOCAL_PRICES
            else:
                price = self.catalog.price(price_editions, entry.code, level)
                if price is None:
                    raise EstimateError(
                        f"bill[{n}].unit_price",
                        f"no price for {item.name_zh} ({entry.code}) at a {level.value} hospital in "
                        f"{treated.region.name_en}: enter a price",
                        f"{treated.region.name_zh}{label('level', level.value)}医院没有「{item.name_zh}」"
                        f"（{entry.code}）的价格，请手动输入",
                    )
                unit_price, price_source = price.amount, price.source
                price_edition = price.edition.id
                region = treated.region
                if price_side and not price.edition.local_for(region.id, region.province):
                    unit_price = self._spread_price(unit_price, item, price_side)
            terms = self.catalog.terms(treated_lists[item.kind], item.code, item.part)[0]
            home_terms = self.catalog.terms(home_lists[item.kind], item.code, item.part)[0]
            lines.append(  # every part is validated already: the entry, the catalogue's models
                BillLine.model_construct(
                    item=item,
                    quantity=entry.quantity,
                    unit_price=unit_price,
                    price_source=price_source,
                    price_edition=price_edition,
                    terms=terms,
                    home_terms=home_terms,
                    restriction_met=entry.restriction_met,
                )
            )
        if memo is not None:
            memo[key] = (insured, treated, tuple(lines))
        return lines

    def _entries_key(self, entries: Sequence[BillEntry]) -> tuple[Any, ...]:
        """What identifies a bill's entries, computed once per list during a compare."""
        memo = self._memo
        found = memo.get(("entries", id(entries))) if memo is not None else None
        if found is not None and found[0] is entries:
            key: tuple[Any, ...] = found[1]
            return key
        key = tuple((e.code, e.quantity, e.unit_price, e.restriction_met) for e in entries)
        if memo is not None:
            memo[("entries", id(entries))] = (entries, key)  # holds the list: its id stays its own
        return key

    def _editions(self, kind: str, list_ids: Sequence[str], on: dt.date) -> tuple[ListEdition, ...]:
        found = tuple(e for list_id in list_ids for e in self.catalog.resolve(kind, list_id, on))
        for e in found:
            self._seen_editions[e.id] = e
        return found

    def terms(self, region_id: str, code: str, on: dt.date) -> CatalogTerms:
        """How the catalogue a region treats with judges an item on a date."""
        memo = self._memo
        found: CatalogTerms | None = (
            memo.get(("terms", region_id, code, on)) if memo is not None else None
        )
        if found is not None:
            return found
        item = self.catalog.item(code)
        if item is None:
            raise EstimateError("code", f"unknown item code {code!r}", f"未知项目编码 {code!r}")
        found = self._terms(self.rules(region_id, on), item.kind, code, item.part, on)
        if memo is not None:
            memo[("terms", region_id, code, on)] = found
        return found

    def _catalogues(self, region: RuleSet, on: dt.date) -> dict[ItemKind, tuple[ListEdition, ...]]:
        """The catalogue editions a region judges each kind of item by on a date."""
        key = (region.region.id, on)
        found = self._catalogue_memo.get(key)
        if found is None:
            found = self._catalogue_memo[key] = {
                kind: self._editions("catalog", (list_id,), on)
                for kind, list_id in region.region.catalogs.items()
            }
        return found

    def _terms(
        self, region: RuleSet, kind: ItemKind, code: str, part: str | None, on: dt.date
    ) -> CatalogTerms:
        return self.catalog.terms(self._catalogues(region, on)[kind], code, part)[0]

    # --- estimates ---------------------------------------------------------------------------------

    def estimate(
        self,
        case: Case,
        option: CareOption,
        price_side: PriceSide | None = None,
        quote: Quote | None = None,
    ) -> Estimate:
        """One option. `price_side` low or high moves every stand-in price to the low or high end
        of the spread measured between real lists (the low–high range). A `quote` (the treating
        hospital's own estimate) replaces the case's bill for this option."""
        insured = self.rules(case.insured_region, case.date)
        treated = self.rules(option.treated_region, case.date)
        if quote is not None:
            lines = self.quote_lines(quote, case, insured, treated, option.level)
        else:
            lines = self.price_lines(
                case.entries, insured, treated, option.level, case.date, price_side
            )
        est = engine.estimate(insured, treated, case.person, option, lines, case.year_to_date)
        judged_by = insured if est.catalogue_from == "insured" else treated
        est = self._with_editions(est, judged_by, treated, lines, case.date)
        est = self._with_caveats(est, judged_by, lines)
        est = self._with_trust(est, insured)
        return self._with_local_corrections(est, insured, treated, lines)

    def _with_caveats(
        self, est: Estimate, judged_by: RuleSet, lines: Sequence[BillLine]
    ) -> Estimate:
        """Say plainly what the data does not know where it matters to this bill (a catalogue's
        caveat, e.g. Zhejiang's unknown limits on high-value consumables)."""
        warnings = []
        for kind, list_id in judged_by.region.catalogs.items():
            caveat = self.catalog.caveat("catalog", list_id)
            if caveat is None or kind.value not in caveat["kinds"]:
                continue
            floor = Decimal(caveat["unit_price_from"])
            hits = [x for x in lines if x.item.kind is kind and x.unit_price >= floor]
            if hits:
                names = "、".join(x.item.name_zh for x in hits[:3])
                warnings.append(
                    Warning(
                        code="unknown_limit",
                        text_zh=f"{caveat['zh']}（本单涉及：{names}）",
                        text_en=f"{caveat['en']} (this bill: {len(hits)} items)",
                    )
                )
        if not warnings:
            return est
        return est.model_copy(update={"warnings": [*warnings, *est.warnings]})

    def _with_trust(self, est: Estimate, insured: RuleSet) -> Estimate:
        """Say so when the insured region's rules come from the unverified national template."""
        region = self.catalog.region(insured.region.id)
        if region is None or region.origin != "template":
            return est
        line = insured.region.hotline or "12393"
        warning = Warning(
            code="template_rules",
            text_zh=f"{insured.region.name_zh}的医保待遇取自未经核实的全国参数模板（估算），"
            f"可能与当地现行规定不符，请向当地医保局核实（{line}）",
            text_en=f"{insured.region.name_en}'s benefits come from an unverified national template "
            f"(estimates) and may differ from the rules in force: check with the local bureau ({line})",
        )
        return est.model_copy(update={"warnings": [warning, *est.warnings]})

    def _with_editions(
        self,
        est: Estimate,
        judged_by: RuleSet,
        treated: RuleSet,
        lines: Sequence[BillLine],
        date: dt.date,
    ) -> Estimate:
        """Name the catalogue and price-list editions used (and for how many lines); say where an
        edition is a stand-in from elsewhere or older than the date of care."""
        catalogue_use: Counter[str] = Counter(
            (
                line.terms if est.catalogue_from == "treated" else line.home_terms or line.terms
            ).catalogue
            for line in lines
        )
        price_use: Counter[str] = Counter(
            line.price_edition for line in lines if line.price_edition is not None
        )
        editions: list[Edition] = []
        warnings = list(est.warnings)
        for kind, use, place in (
            ("catalog", catalogue_use, judged_by),
            ("price", price_use, treated),
        ):
            standin = 0
            standin_names: list[str] = []
            standin_names_en: list[str] = []
            for edition_id, count in sorted(use.items()):
                e = self._seen_editions.get(edition_id)
                if e is None:  # an item in no list: not covered, nothing to name
                    continue
                local = e.local_for(place.region.id, place.region.province)
                editions.append(
                    Edition(
                        kind=kind,
                        edition=e.id,
                        name_zh=e.name_zh,
                        name_en=e.name_en,
                        in_force_from=e.in_force_from,
                        parts=sorted(e.parts) if e.parts is not None else None,
                        local=local,
                        lines=count,
                    )
                )
                if not local:
                    standin += count
                    standin_names.append(e.name_zh)
                    standin_names_en.append(e.name_en)
                if e.in_force_from > date:
                    warnings.append(
                        Warning(
                            code="edition_date",
                            text_zh=f"{e.name_zh}自{e.in_force_from}起执行，本估算用于更早的日期（更早的版本不在本数据中）",
                            text_en=f"the {e.name_en} is in force from {e.in_force_from}; it is used for an "
                            "earlier date (the older edition is not in this data)",
                        )
                    )
            if standin:
                where_zh, where_en = place.region.name_zh, place.region.name_en
                if kind == "price":
                    warnings.append(
                        Warning(
                            code="standin_price",
                            text_zh=f"价格：{standin}项按{'、'.join(standin_names)}估算，不是{where_zh}本地价格",
                            text_en=f"prices: {standin} lines priced from the {', '.join(standin_names_en)}, "
                            f"not {where_en}'s own prices",
                        )
                    )
                else:
                    warnings.append(
                        Warning(
                            code="standin_catalogue",
                            text_zh=f"医保类别：{standin}项按{'、'.join(standin_names)}判定，不是{where_zh}本地目录",
                            text_en=f"classes: {standin} lines classed by the {', '.join(standin_names_en)}, "
                            f"not {where_en}'s own catalogue",
                        )
                    )
        return est.model_copy(update={"editions": editions, "warnings": warnings})

    def quote_lines(
        self, quote: Quote, case: Case, insured: RuleSet, treated: RuleSet, level: Level
    ) -> list[BillLine]:
        """A hospital's quote as bill lines: its totals by category (the class assumed per category,
        shown in the explanation) and its itemised lines at its own prices, judged by the
        catalogues as any line is."""
        lines = [
            BillLine(
                item=item, quantity=Decimal(1), unit_price=amount, terms=terms, home_terms=terms
            )
            for item, terms, amount in quote.category_lines()
        ]
        met = {e.code: e.restriction_met for e in case.entries}
        entries = [
            BillEntry(
                code=x.code,
                quantity=x.quantity,
                unit_price=x.unit_price,
                restriction_met=met.get(x.code),
            )
            for x in quote.lines
        ]
        return lines + self.price_lines(entries, insured, treated, level, case.date)

    def try_estimate(
        self,
        case: Case,
        option: CareOption,
        price_side: PriceSide | None = None,
        quote: Quote | None = None,
    ) -> OptionResult:
        """An estimate, or the reason there is none (a region without rules is explained, not hidden)."""
        memo = self._memo
        if memo is None:
            return self._try_estimate(case, option, price_side, quote)
        # during a compare every case shares all but its entries: they, the option, the side and
        # the quote say which estimate it is
        key = ("estimate", self._entries_key(case.entries), option, price_side, id(quote))
        found = memo.get(key)
        if found is None or found[0] is not quote:
            found = memo[key] = (quote, self._try_estimate(case, option, price_side, quote))
        result: OptionResult = found[1]
        return result

    def _try_estimate(
        self,
        case: Case,
        option: CareOption,
        price_side: PriceSide | None,
        quote: Quote | None,
    ) -> OptionResult:
        try:
            estimate = self.estimate(case, option, price_side, quote)
            if quote is not None:
                return OptionResult(
                    option=option,
                    estimate=estimate,
                    bill_from="quote",
                    quote_label=quote.label or None,
                )
            return OptionResult(option=option, estimate=estimate)
        except EstimateError as exc:
            return OptionResult.failed(option, exc)

    @_one_computation
    def compare(
        self,
        case: Case,
        options: Sequence[CareOption],
        with_choices: bool = True,
        package: str | None = None,
        quotes: Mapping[int, Quote] | None = None,
    ) -> Comparison:
        """Several options side by side, the difference to home, and what each choice is worth.

        With `package` (the treatment the bill is, unedited), each option also gets the patient's
        burden for the package's low and high variants: a range where the bill's content is
        uncertain. `quotes` (by option index) replace the bill for those options with the treating
        hospital's own estimate."""
        options = [
            o.model_copy(update={"date": case.date, "setting": case.setting}) for o in options
        ]
        quotes = {i: q for i, q in (quotes or {}).items() if not q.empty}
        results = [self.try_estimate(case, o, quote=quotes.get(i)) for i, o in enumerate(options)]
        if package is not None:
            scope = self._package_scope(package)
            results = [
                r
                if r.bill_from == "quote"
                else r.model_copy(update={"bill_from": "package"})
                if r.estimate is None or scope is None
                else r.model_copy(
                    update={
                        "bill_from": "package",
                        "estimate": r.estimate.model_copy(
                            update={"warnings": [scope, *r.estimate.warnings]}
                        ),
                    }
                )
                for r in results
            ]
        home_index = next(
            (
                i
                for i, r in enumerate(results)
                if r.option.treated_region == case.insured_region and r.estimate is not None
            ),
            None,
        )
        if home_index is not None:
            home = results[home_index].estimate
            assert home is not None
            results = [
                r.model_copy(
                    update={"delta_vs_home": r.estimate.patient_burden - home.patient_burden}
                )
                if r.estimate is not None
                else r
                for r in results
            ]
        results = [
            r if r.bill_from == "quote" else self._with_range(case, package, r) for r in results
        ]
        choices = self.choice_values(case, results, package, quotes) if with_choices else []
        return Comparison(
            results=results,
            choices=choices,
            home_index=home_index,
            restricted=self.restricted(case, results),
        )

    def _package_scope(self, package: str) -> Warning | None:
        """What the package's bill holds and leaves out, and where its total stays away from the
        published figures, said next to its total."""
        treatment = self.catalog.treatment(package)
        if treatment is None or not treatment.completeness_zh:
            return None
        gaps = [c for c in treatment.calibration if c.get("gap_zh")]
        zh = f"费用构成：{treatment.completeness_zh}"
        en = f"what the bill holds: {treatment.completeness_en}"
        if gaps:
            zh += f"。与公开数据的差距：{gaps[0]['gap_zh']}"
            en += f". Against published figures: {gaps[0]['gap_en']}"
        return Warning(code="package_scope", text_zh=zh, text_en=en)

    def restricted(self, case: Case, results: Sequence[OptionResult]) -> dict[str, str]:
        """The items whose payment is restricted (限定支付范围) in the catalogue that judges the bill
        of any option (the treated place's, or home's for a claim judged by home's list)."""
        out: dict[str, str] = {}
        for result in results:
            est = result.estimate
            if est is None:
                continue
            region = case.insured_region if est.catalogue_from == "insured" else est.treated_region
            for entry in est.lines:
                if entry.code.startswith("QUOTE-"):
                    continue  # a quote's total by category: no item to ask about
                terms = self.terms(region, entry.code, case.date)
                if terms.covered and terms.restriction and entry.code not in out:
                    out[entry.code] = terms.restriction
        return out

    def _package_bill(self, package: str, variant: Variant) -> list[BillEntry]:
        """The package's bill for a variant: during a compare one list for every option, so its
        priced lines and estimates are found again (see _one_computation)."""
        if self._memo is None:
            return self.bill_for(package, variant)
        found: list[BillEntry] | None = self._memo.get(("bill", package, variant))
        if found is None:
            found = self._memo[("bill", package, variant)] = self.bill_for(package, variant)
        return found

    def warm_up(self, region_ids: Sequence[str] = (), on: dt.date | None = None) -> None:
        """Do now what the first compare in a process would otherwise do: build the validators
        of the result models and resolve the rules of `region_ids` on `on` (default today) — the
        places a window shows, say, in an idle moment after its first paint. A region that
        cannot be resolved is left for the compare to explain."""
        on = on or dt.date.today()
        for region_id in region_ids:
            try:
                self.rules(region_id, on)
            except EstimateError:
                continue
        treatments = self.catalog.treatments()
        if not region_ids or not treatments:
            return
        entries = self.bill_for(treatments[0].id)[:1]
        person = Person(scheme=Scheme.EMPLOYEE, kind=PersonKind.EMPLOYED, age=50)
        case = Case(insured_region=region_ids[0], person=person, date=on, entries=entries)
        option = CareOption(treated_region=region_ids[0], level=Level.LEVEL3, date=on)
        self.compare(case, [option])  # one small compare: every model it returns is built

    def _spread_price(self, price: Decimal, item: Item, side: PriceSide) -> Decimal:
        spread = self.catalog.spread(item.category if item.kind is ItemKind.SERVICE else None)
        if spread is None:
            return price
        return round_fen(price * (spread.low if side == "low" else spread.high))

    def _with_range(self, case: Case, package: str | None, result: OptionResult) -> OptionResult:
        """The low–high range of an option: the package's low and high variants where the bill is
        an unedited package, and stand-in prices moved to the ends of the measured spread where
        the place has no price list of its own; the note says which and how."""
        est = result.estimate
        if est is None:
            return result
        standin = [e for e in est.editions if e.kind == "price" and not e.local]
        if package is None and not standin:
            return result
        burdens = []
        for side in ("low", "high"):
            entries = self._package_bill(package, side) if package else case.entries
            other = case.model_copy(update={"entries": entries})
            estimate = self.try_estimate(other, result.option, side if standin else None).estimate
            if estimate is None:
                return result
            burdens.append(estimate.patient_burden)
        notes_zh, notes_en = [], []
        if package:
            notes_zh.append("低/高方案的数量与住院天数")
            notes_en.append("the package's low and high quantities and stays")
        if standin:
            lines = sum(e.lines for e in standin)
            s = self.catalog.spread(None)
            notes_zh.append(
                f"{lines}项价格按非本地价格表估算，按实测价格差放宽：成都与江苏共有项目的价格比"
                f"（按项目类别，总体第10–90百分位 {s.low}–{s.high} 倍，{s.n}项）"
                if s
                else f"{lines}项价格按非本地价格表估算"
            )
            notes_en.append(
                f"{lines} prices come from a list that is not local, widened by the measured spread: "
                f"the Chengdu/Jiangsu price ratio of the items both list (by category; overall "
                f"10th–90th percentile {s.low}–{s.high}×, {s.n} items)"
                if s
                else f"{lines} prices come from a list that is not local"
            )
        return result.model_copy(
            update={
                "burden_range": (min(burdens), max(burdens)),
                "range_note_zh": "；".join(notes_zh),
                "range_note_en": "; ".join(notes_en),
            }
        )

    def choice_values(
        self,
        case: Case,
        results: Sequence[OptionResult],
        package: str | None = None,
        quotes: Mapping[int, Quote] | None = None,
    ) -> list[ChoiceValue]:
        """For each option: the yuan a different filing, route or hospital level would save or cost
        — only choices that exist there (no filing advice where none is needed, no level that the
        place or the treatment does not have)."""
        out: list[ChoiceValue] = []
        treatment = self.catalog.treatment(package) if package else None
        for i, result in enumerate(results):
            est = result.estimate
            if est is None:
                continue
            region = self.catalog.region_file(result.option.treated_region)
            levels = region.region.levels if region is not None else None
            quote = (quotes or {}).get(i)
            for alt, what_zh, what_en in _alternatives(
                result.option,
                est,
                None if quote else levels,
                treatment.levels if treatment else None,
            ):  # a hospital's quote is that hospital's: no advice to go to another level
                alt_result = self.try_estimate(case, alt, quote=quote)
                if alt_result.estimate is None:
                    continue
                saving = est.patient_burden - alt_result.estimate.patient_burden
                claim_instead = est.late_filing and alt.route is Route.MANUAL
                if saving == ZERO and not claim_instead:
                    continue
                if (
                    claim_instead and saving <= 0
                ):  # the other real path: shown even when it costs the same
                    fronted = format_yuan(alt_result.estimate.total)
                    zh = (
                        f"不补办备案：先全额垫付 {fronted}，回参保地手工报销后个人负担约 "
                        f"{format_yuan(alt_result.estimate.patient_burden)}"
                    )
                    en = (
                        f"not filing: pay the whole {fronted} first, claim at home; you then bear "
                        f"about {format_yuan(alt_result.estimate.patient_burden)}"
                    )
                elif saving > 0:
                    zh = f"{what_zh}约可少付 {format_yuan(saving)}"
                    en = f"{what_en} would save about {format_yuan(saving)}"
                else:
                    zh = f"{what_zh}约多付 {format_yuan(-saving)}"
                    en = f"{what_en} would cost about {format_yuan(-saving)} more"
                out.append(
                    ChoiceValue(
                        option_index=i, alternative=alt, saving=saving, text_zh=zh, text_en=en
                    )
                )
        return out

    # --- a course of care over the insurance year -------------------------------------------------

    def course(self, case: Case, option: CareOption, months: int = 12) -> Course:
        """The same monthly bill (a month of dialysis, a chemotherapy cycle) month by month from the
        date of care: each month starts from the year's amounts the months before left, so a yearly
        deductible is paid once and the yearly cap runs out in the month where it binds. A new
        insurance year starts the amounts again."""
        out: list[MonthResult] = []
        ytd = case.year_to_date
        year_start: dt.date | None = None
        for n in range(months):
            date = _add_months(case.date, n)
            start = self._year_start(case, date)
            if year_start is not None and start != year_start:
                ytd = YearToDate()  # a new insurance year
            year_start = start
            month_case = case.model_copy(update={"date": date, "year_to_date": ytd})
            month_option = option.model_copy(update={"date": date, "setting": case.setting})
            result = self.try_estimate(month_case, month_option)
            est = result.estimate
            if est is None:
                out.append(MonthResult(month=n + 1, date=date, result=result, cap_reached=False))
                break
            cap = any(step.key == "cap" for step in est.steps)
            out.append(MonthResult(month=n + 1, date=date, result=result, cap_reached=cap))
            ytd = engine.year_to_date_after(ytd, est, case.setting)
        return Course(option=option, months=out)

    def _year_start(self, case: Case, on: dt.date) -> dt.date:
        """The first day of the insurance year that `on` falls in (Shanghai's starts on 1 July)."""
        rules = self.rules(case.insured_region, on)
        scheme = rules.schemes.get(case.person.scheme)
        month, day = (int(x) for x in (scheme.year_start if scheme else "01-01").split("-"))
        start = dt.date(on.year, month, day)
        return start if start <= on else dt.date(on.year - 1, month, day)


class MonthResult(Model):
    month: int  # 1 = the month of the date of care
    date: dt.date
    result: OptionResult
    cap_reached: bool  # the yearly cap binds this month


class Course(Model):
    """A course of care month by month (the 12-month view)."""

    option: CareOption
    months: list[MonthResult]

    @property
    def total_bill(self) -> Decimal:
        return sum((m.result.estimate.total for m in self.months if m.result.estimate), ZERO)

    @property
    def total_burden(self) -> Decimal:
        return sum(
            (m.result.estimate.patient_burden for m in self.months if m.result.estimate), ZERO
        )

    @property
    def cap_month(self) -> int | None:
        """The first month in which the yearly cap binds (None: it never does)."""
        return next((m.month for m in self.months if m.cap_reached), None)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _alternatives(
    option: CareOption,
    est: Estimate,
    place_levels: Sequence[Level] | None,
    treatment_levels: Sequence[str] | None,
) -> list[tuple[CareOption, str, str]]:
    """The choices worth pricing for an option, where they exist: the other filing (not where no
    filing is needed), the other route, a level down (only where the place has that level and the
    treatment is done at it)."""
    out = []
    if est.scope is not Scope.HOME:
        if not est.filing_free:
            for filing in (Filing.REFERRAL, Filing.UNFILED):
                if option.filing is not filing:
                    out.append(
                        (
                            option.model_copy(update={"filing": filing}),
                            "办理转诊备案" if filing is Filing.REFERRAL else "不备案",
                            "filing a referral" if filing is Filing.REFERRAL else "not filing",
                        )
                    )
        other = Route.MANUAL if option.route is Route.DIRECT else Route.DIRECT
        out.append(
            (
                option.model_copy(update={"route": other}),
                f"改为{label('route', other.value, 'zh')}",
                f"{label('route', other.value, 'en')} instead",
            )
        )
    order = [Level.COMMUNITY, Level.LEVEL1, Level.LEVEL2, Level.LEVEL3]
    at = order.index(option.level)
    lower = next(
        (
            lv
            for lv in reversed(order[:at])
            if place_levels is not None
            and lv in place_levels
            and (treatment_levels is None or lv.value in treatment_levels)
        ),
        None,
    )
    if lower is not None:  # the usual advice ("a 二级 hospital would cost ...")
        out.append(
            (
                option.model_copy(update={"level": lower}),
                f"改到{label('level', lower.value, 'zh')}医院",
                f"a {label('level', lower.value, 'en')} hospital",
            )
        )
    return out


def edition_title(edition: ListEdition | Edition, lang: str) -> str:
    """A drug-list edition's name with the parts it judges, unless the name says them already."""
    name = edition.name_zh if lang == "zh" else edition.name_en
    labels = [label("part", p, lang) for p in sorted(edition.parts or ())]
    if all(x.casefold() in name.casefold() for x in labels):
        return name
    return f"{name}（{'、'.join(labels)}）" if lang == "zh" else f"{name} ({', '.join(labels)})"
