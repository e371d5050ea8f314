"""Local corrections over the bundled data: applied to a region's rules as they stand on a date, and
to the prices of the treated place; checked against the data before they are kept; and what they
say about themselves (confirms, corrects, the bundled value moved since, the target is gone).

**The path of a rule value** is the path the explanation's steps and the rule files use, into the
rules in force on a date: names joined by dots, list entries by [n], for example
``schemes.employee.persons.employed.settings.inpatient.deductible.amount.level3``,
``…ratios.bands.level3[0].ratio``, ``…cap.amount``, ``…layers[0].deductible``,
``item_shares[2].share``, ``elsewhere[3].adjustments[0].points``. It names exactly one value: a
dated policy value (inside a history of the rule file), ending with a field's name — not a block,
not an entry of a list of choices (``filings[0]``), not a block's ``kind``. An unknown path is
refused naming the first part that is unknown and what is there instead; a value is checked as the
rule file's own would be (the same models), and must be of the kind the field holds: a plain number
(digits, one decimal point), ``null`` (no value: no cap), ``true``/``false``, or a word the field
allows (``fund``, ``per_year``, …).

A correction's value gets its own provenance (models.Source with ``verified_by``), so the steps that
used it cite it as locally verified. A correction whose target is gone after a rebuild (the path,
the region, the item) changes nothing and is said, never dropped in silence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from .corrections import NUMBER, Correction, canonical_value, number_text
from .engine import EstimateError
from .errors import CorrectionError
from .models import Item, Provenance, RuleSet, Source, Tier
from .money import format_yuan
from .vocab import label

ROOTS = ("schemes", "item_shares", "elsewhere")
STRUCTURAL = {"kind"}  # says what a block is, not a policy value
_TOKEN = re.compile(r"[^.\[\]]+|\[\d+\]")


class BundledData(Protocol):
    """What checking a correction needs from the data (the Estimator provides it)."""

    def bundled_rules(self, region_id: str, on: dt.date) -> RuleSet: ...

    def bundled_price(
        self, region_id: str, code: str, level: str, on: dt.date
    ) -> Decimal | None: ...

    def item(self, code: str) -> Item | None: ...


# --- paths and values ---------------------------------------------------------------------------


def parse_path(path: str) -> list[str | int]:
    path = path.strip()
    tokens: list[str | int] = [
        int(t[1:-1]) if t.startswith("[") else t for t in _TOKEN.findall(path)
    ]
    if not tokens or format_path(tokens) != path or not isinstance(tokens[0], str):
        raise CorrectionError(
            "path",
            f"not a path: {path!r} (names joined by dots, list entries as [n])",
            f"路径格式有误：{path!r}（名称以点连接，列表项写作 [n]）",
        )
    return tokens


def format_path(tokens: Sequence[str | int]) -> str:
    out = ""
    for t in tokens:
        out += f"[{t}]" if isinstance(t, int) else (f".{t}" if out else t)
    return out


def value_text(value: object) -> str:
    """A value of the rules as a correction writes it (canonical_value's form)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return number_text(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _python(text: str) -> object:
    """A stored value as the rule models take it."""
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    return Decimal(text) if NUMBER.match(text) else text


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | Decimal):
        return "number"
    return "text"


_KIND_NAMES = {
    "null": ("null (no value)", "null（无）"),
    "bool": ("true or false", "true 或 false"),
    "number": (
        "a plain number (digits, one decimal point; no sign, exponent or commas)",
        "数字（只含数字和一个小数点，不带符号、指数或千分位）",
    ),
    "text": ("one of the words the field allows", "该字段允许的取值"),
}


def _prefixes(path: str) -> list[str]:
    cuts = [i for i, ch in enumerate(path) if ch in ".["]
    return [path, *(path[:i] for i in reversed(cuts))]


def _locate(data: Any, tokens: Sequence[str | int], rules: RuleSet) -> tuple[Any, str | int]:
    """The container and key of the one value `tokens` names in the rules' dump."""
    if tokens[0] not in ROOTS:
        raise CorrectionError(
            format_path(tokens[:1]),
            f"a rule value's path starts with {', '.join(ROOTS)}",
            f"规则取值的路径以 {'、'.join(ROOTS)} 开头",
        )
    node = data
    for n, token in enumerate(tokens):
        where = format_path(tokens[: n + 1])
        if isinstance(token, int):
            if not isinstance(node, list):
                raise CorrectionError(where, "not a list: no [n] here", "这里不是列表，不能用 [n]")
            if token >= len(node):
                raise CorrectionError(
                    where,
                    f"no such entry: the list has {len(node)} (from [0])",
                    f"没有这一项：该列表共 {len(node)} 项（从 [0] 起）",
                )
        else:
            if isinstance(node, list):
                raise CorrectionError(
                    where, "a list: give an entry, e.g. [0]", "这里是列表，请指明第几项，如 [0]"
                )
            if not isinstance(node, dict) or token not in node:
                known = (
                    ", ".join(str(getattr(k, "value", k)) for k in node)
                    if isinstance(node, dict)
                    else ""
                )
                raise CorrectionError(
                    where,
                    f"no such key {token!r}" + (f" (known: {known})" if known else ""),
                    f"没有 {token!r}" + (f"（可选：{known}）" if known else ""),
                )
        if n < len(tokens) - 1:
            node = node[token]
    path = format_path(tokens)
    last = tokens[-1]
    leaf = node[last]
    if isinstance(leaf, dict):
        keys = ", ".join(str(getattr(k, "value", k)) for k in leaf)
        raise CorrectionError(
            path,
            f"names a block, not one value; its keys: {keys}",
            f"这是一组取值，不是单个取值；其中有：{keys}",
        )
    if isinstance(leaf, list):
        raise CorrectionError(
            path,
            f"names a list, not one value; give an entry ([0]…[{max(len(leaf) - 1, 0)}]) and a field",
            f"这是列表，不是单个取值；请指明第几项（[0]…[{max(len(leaf) - 1, 0)}]）及其字段",
        )
    if isinstance(last, int):
        raise CorrectionError(
            path, "an entry of a list of choices, not a value", "这是选项列表中的一项，不是取值"
        )
    if last in STRUCTURAL:
        raise CorrectionError(
            path, "says what the block is, not a policy value", "说明该项的类别，不是政策取值"
        )
    if not any(p in rules.provenance for p in _prefixes(path)):
        raise CorrectionError(
            path,
            "not a dated policy value (it says which person type a column is for)",
            "不是有日期和来源的政策取值（它说明该列适用的人员）",
        )
    return node, last


def _read(model: object, tokens: Sequence[str | int]) -> object:
    node: Any = model
    for token in tokens:
        if isinstance(node, BaseModel) and isinstance(token, str):
            node = getattr(node, token)
        else:
            node = node[token]
    return node


def substitute(
    rules: RuleSet, path: str, text: str, provenance: Provenance | None = None
) -> tuple[RuleSet, str]:
    """The rules with one value replaced (validated as a rule file's would be), and the value it
    replaced. CorrectionError names the field when the path or the value is wrong."""
    tokens = parse_path(path)
    data = rules.model_dump()
    container, key = _locate(data, tokens, rules)
    before = container[key]
    container[key] = _python(text)
    if provenance is not None:
        data["provenance"][path] = provenance
    try:
        new = RuleSet.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = format_path([x for x in first["loc"] if isinstance(x, str | int)]) or path
        message = str(first["msg"]).removeprefix("Value error, ")
        raise CorrectionError(where, message, f"取值无效（{message}）") from None
    after = _read(new, tokens)
    wanted, got = _kind(_python(text)), _kind(after)
    if wanted != got and not (got == "text" and wanted == "number"):
        en, zh = _KIND_NAMES[got]
        raise CorrectionError(path, f"expects {en}, not {text!r}", f"应为{zh}，而不是 {text!r}")
    return new, value_text(before)


def read_value(rules: RuleSet, path: str) -> str:
    """The value one path names in the rules (CorrectionError when it names none)."""
    tokens = parse_path(path)
    container, key = _locate(rules.model_dump(), tokens, rules)
    return value_text(container[key])


def correctable(rules: RuleSet) -> list[tuple[str, str]]:
    """Every value of the rules a correction may name, with its value (path, text): for pickers."""
    data = rules.model_dump()
    dated = set(rules.provenance)

    def walk(node: Any, tokens: list[str | int], in_history: bool) -> Iterator[tuple[str, str]]:
        path = format_path(tokens)
        in_history = in_history or path in dated
        if isinstance(node, dict):
            for key, child in node.items():
                yield from walk(child, [*tokens, str(getattr(key, "value", key))], in_history)
        elif isinstance(node, list):
            for i, child in enumerate(node):
                if isinstance(child, dict | list):
                    yield from walk(child, [*tokens, i], in_history)
        elif in_history and isinstance(tokens[-1], str) and tokens[-1] not in STRUCTURAL:
            yield path, value_text(node)

    return [x for root in ROOTS for x in walk(data[root], [root], False)]


# --- a correction's own source --------------------------------------------------------------------


def source_of(c: Correction) -> Source:
    """The correction as a source: its document, date, tier, link, and who verified it."""
    # the title is what a patient may read: the document, never the link (kept in `url`)
    title = (c.document or "本地核实所附链接") + (f"，{c.page}" if c.page else "")
    return Source(
        id=f"local:{c.id}",
        title=title,
        document=c.document,
        url=c.url,
        date=c.document_date,
        tier=Tier(c.tier),
        note=c.note or None,
        verified_by=c.author,
    )


def provenance_of(c: Correction) -> Provenance:
    return Provenance(source=source_of(c), valid_from=c.valid_from, valid_until=None)


# --- applying them -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something to say about one correction where it applies (a data note of the estimate)."""

    correction: Correction
    code: Literal["gone", "bundled_changed"]
    text_zh: str
    text_en: str


def in_force(corrections: Sequence[Correction], on: dt.date) -> list[Correction]:
    """For each target, the correction in force on a date: the newest from-date not after it."""
    newest: dict[str, Correction] = {}
    for c in sorted(corrections, key=lambda c: (c.valid_from, c.created)):
        if c.valid_from <= on:
            newest[c.target] = c
    return [newest[t] for t in sorted(newest)]


def overlay(rules: RuleSet, corrections: Sequence[Correction]) -> tuple[RuleSet, list[Note]]:
    """The region's rules with its corrections in force on the rules' date, each value citing its
    correction; the corrections that could not be applied, and those whose bundled value moved
    since they were made, as notes."""
    mine = [c for c in corrections if c.kind == "rule" and c.region == rules.region.id]
    notes: list[Note] = []
    for c in in_force(mine, rules.on):
        assert c.path is not None
        names = (rules.region.name_zh, rules.region.name_en)
        try:  # one at a time: a correction that no longer fits cannot spoil the others
            rules, before = substitute(rules, c.path, c.value, provenance_of(c))
        except CorrectionError as exc:
            notes.append(gone(c, exc.text_en, exc.text_zh, names))
            continue
        if c.bundled is not None and before != c.bundled:
            notes.append(bundled_changed(c, before, names))
    return rules, notes


def price_in_force(
    corrections: Sequence[Correction], code: str, level: str, on: dt.date
) -> Correction | None:
    """The price correction for an item at a level on a date (one for the level itself before
    one for every level); `corrections` are the treated region's."""
    for wanted in (level, "all"):
        found = [c for c in corrections if c.code == code and c.level == wanted]
        chosen = in_force(found, on)
        if chosen:
            return chosen[0]
    return None


Names = tuple[str, str] | None  # the region's name (zh, en), where known


def gone(c: Correction, why_en: str, why_zh: str, region: Names = None) -> Note:
    what_zh, what_en = describe(c, "zh", region), describe(c, "en", region)
    return Note(
        c,
        "gone",
        f"本地更正未能使用（{c.author}：{what_zh}）：{why_zh}。数据可能已更新，请在“本地核实”中检查或删除",
        f"a local correction could not be used ({c.author}: {what_en}): {why_en}. The data may "
        "have been updated: check or remove it under Local corrections",
    )


def bundled_changed(c: Correction, now: str, region: Names = None) -> Note:
    then = c.bundled or "—"
    return Note(
        c,
        "bundled_changed",
        f"{describe(c, 'zh', region)}：随程序附带的数据现为 {now}（本地核实时为 {then}），本估算仍按"
        f"{c.author}核实的 {c.value} 计算，请核对",
        f"{describe(c, 'en', region)}: the bundled data now says {now} ({then} when it was verified "
        f"locally); this estimate uses {c.value} as verified by {c.author}: please check",
    )


def price_step(c: Correction, name: str, quantity: Decimal, amount: Decimal) -> tuple[str, str]:
    """The explanation's step for a line priced by a correction (zh, en)."""
    level_zh = label("level", c.level or "", "zh") if c.level != "all" else "各级"
    level_en = label("level", c.level or "", "en") if c.level != "all" else "every level"
    price = format_yuan(Decimal(c.value))
    return (
        f"本地核实价格：「{name}」单价 {price}（{level_zh}医院）× {number_text(quantity)} = "
        f"{format_yuan(amount)}",
        f"locally verified price: '{name}' {price} a unit ({level_en}) × "
        f"{number_text(quantity)} = {format_yuan(amount)}",
    )


# --- checking a correction against the data ----------------------------------------------------------


def _bundled_rules(data: BundledData, c: Correction, on: dt.date) -> RuleSet:
    try:
        return data.bundled_rules(c.region, on)
    except EstimateError as exc:
        field = "region" if exc.field == "region" else "valid_from"
        raise CorrectionError(field, exc.text_en, exc.text_zh) from None


def check(c: Correction, data: BundledData) -> Correction:
    """The correction as it is kept: its target exists in the data on its from-date, its value
    fits the field (canonical form), and the bundled value it replaces is recorded. Refused with
    the field named (CorrectionError), so nothing wrong is kept."""
    value = canonical_value(c.value)
    if c.kind == "rule":
        assert c.path is not None
        rules = _bundled_rules(data, c, c.valid_from)
        _, before = substitute(rules, c.path, value)
        return c.model_copy(update={"value": value, "bundled": before})
    assert c.code is not None and c.level is not None
    _bundled_rules(data, c, c.valid_from)  # the region exists and has rules then
    if data.item(c.code) is None:
        raise CorrectionError("code", f"unknown item code {c.code!r}", f"未知项目编码 {c.code!r}")
    before_price = data.bundled_price(c.region, c.code, c.level, c.valid_from)
    bundled = None if before_price is None else number_text(before_price)
    return c.model_copy(update={"value": value, "bundled": bundled})


@dataclass(frozen=True)
class Status:
    code: Literal["confirms", "corrects", "bundled_changed", "gone", "later"]
    text_zh: str
    text_en: str


def status(c: Correction, data: BundledData, today: dt.date | None = None) -> Status:
    """What a correction does now (on its from-date, or today once it is in force): confirms the
    bundled value, corrects it, the bundled value moved since it was made, or its target is gone."""
    today = today or dt.date.today()
    on = max(c.valid_from, today)
    try:
        if c.kind == "rule":
            assert c.path is not None
            _, now = substitute(_bundled_rules(data, c, on), c.path, c.value)
        else:
            assert c.code is not None and c.level is not None
            _bundled_rules(data, c, on)
            if data.item(c.code) is None:
                raise CorrectionError(
                    "code", f"unknown item code {c.code!r}", f"未知项目编码 {c.code!r}"
                )
            price = data.bundled_price(c.region, c.code, c.level, on)
            now = "—" if price is None else number_text(price)
    except CorrectionError as exc:
        return Status("gone", f"无法使用：{exc.text_zh}", f"cannot be used: {exc.text_en}")
    if c.bundled is not None and now != c.bundled and now != c.value:
        note = bundled_changed(c, now)
        return Status("bundled_changed", note.text_zh, note.text_en)
    if now == c.value:
        zh, en = f"确认随附数据（{now}）", f"confirms the bundled value ({now})"
        code: Literal["confirms", "corrects"] = "confirms"
    else:
        zh, en = (
            f"更正随附数据（{now} → {c.value}）",
            f"corrects the bundled value ({now} → {c.value})",
        )
        code = "corrects"
    if c.valid_from > today:
        return Status("later", f"{zh}，自 {c.valid_from} 起", f"{en}, from {c.valid_from}")
    return Status(code, zh, en)


# --- words for a target --------------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "year_start": ("医保年度起始", "insurance year start"),
    "deductible": ("起付线", "deductible"),
    "amount": ("金额", "amount"),
    "later_admissions": ("再次住院", "later admissions"),
    "from_admission": ("自第几次住院", "from admission"),
    "unit_price_from": ("单价下限", "unit price from"),
    "unit_price_to": ("单价上限", "unit price below"),
    "min_age": ("起始年龄", "from age"),
    "multiplier": ("倍数", "multiplier"),
    "step_down": ("递减", "step down"),
    "floor": ("最低", "floor"),
    "year_total_cap": ("年度起付线上限", "yearly deductible cap"),
    "percent_of_bill": ("按费用比例", "share of the bill"),
    "rate": ("比例", "rate"),
    "min": ("最低", "min"),
    "max": ("最高", "max"),
    "basis": ("口径", "basis"),
    "ratios": ("统筹支付比例", "ratios"),
    "bands": ("分段", "bands"),
    "ratio": ("比例", "ratio"),
    "upto": ("分段上限", "band edge"),
    "band_basis": ("分段口径", "band basis"),
    "age_adjustments": ("年龄加成", "age add-on"),
    "add_points": ("加百分点", "points added"),
    "cap": ("封顶线", "cap"),
    "layers": ("补充保障", "layer"),
    "include_preselfpay": ("含先行自付", "counts self-pay first"),
    "include_deductible": ("含起付线", "counts the deductible"),
    "item_shares": ("先行自付规则", "self-pay-first rule"),
    "share": ("自付比例", "share"),
    "pay_cap": ("支付限额", "payment cap"),
    "elsewhere": ("异地就医规则", "care-elsewhere rule"),
    "adjustments": ("调整", "adjustment"),
    "points": ("百分点", "points"),
    "factor": ("系数", "factor"),
    "merge_accumulators": ("累计合并", "year-to-date counts"),
    "catalogue": ("目录", "catalogue"),
    "shares_from": ("自付比例依据", "shares from"),
}
_SKIP = {"schemes", "persons", "settings"}


def describe_path(path: str, lang: str) -> str:
    """A rule path in words ("职工医保·在职·住院·起付线·金额·三级"); unknown parts as written."""
    zh = lang == "zh"
    try:
        tokens = parse_path(path)
    except CorrectionError:
        return path
    words: list[str] = []
    for n, token in enumerate(tokens):
        if isinstance(token, int):
            words[-1:] = [f"{words[-1]}第{token + 1}项" if zh else f"{words[-1]} #{token + 1}"]
            continue
        if token in _SKIP:
            continue
        parent = tokens[n - 1] if n else None
        group = {"schemes": "scheme", "persons": "person", "settings": "setting"}.get(str(parent))
        if group is not None:
            words.append(label(group, token, lang))
        elif token == "all":
            words.append("各级" if zh else "every level")
        elif token in ("community", "level1", "level2", "level3"):
            words.append(label("level", token, lang))
        else:
            pair = _WORDS.get(token)
            words.append(pair[0 if zh else 1] if pair else token)
    return ("·" if zh else " · ").join(words)


def describe(c: Correction, lang: str, region: Names = None) -> str:
    """A correction's target in words, with its region (by name where known)."""
    zh = lang == "zh"
    place = c.region if region is None else region[0 if zh else 1]
    if c.kind == "rule":
        what = describe_path(c.path or "", lang)
        return f"{place}：{what}" if zh else f"{place}: {what}"
    level = (
        ("各级" if zh else "every level")
        if c.level == "all"
        else label("level", c.level or "", lang)
    )
    return f"{place}：{c.code}（{level}）价格" if zh else f"{place}: price of {c.code} ({level})"
