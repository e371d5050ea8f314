"""The explanation an estimate carries: its steps (each citing the rule it applied), its warnings,
and the sources it used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Provenance, RuleSet, Source, Step, Tier, Warning, WarningCode, rule_memo
from .text import step_text, warning_text

STALE_AFTER = dt.timedelta(days=365)


class EstimateError(ValueError):
    """An estimate cannot be made: says which field or rule is missing, in both languages."""

    def __init__(self, field: str, en: str, zh: str) -> None:
        self.field, self.text_en, self.text_zh = field, en, zh
        super().__init__(f"{field}: {en}")


@dataclass
class Trace:
    rules: RuleSet
    steps: list[Step] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    used: list[Provenance] = field(default_factory=list)
    estimated_prices: list[tuple[str, str]] = field(default_factory=list)  # (中文名, English name)
    share_rules: set[str] = field(default_factory=set)  # item_shares rules that set a share
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def step(
        self,
        key: str,
        amount: Decimal | None,
        rule: str | None = None,
        /,
        provenance: Provenance | None = None,
        text: str | None = None,
        cite: Sequence[str] = (),
        **values: object,
    ) -> None:
        """A step of the explanation: its text (text.STEPS[text or key]) and the rule it applied
        (a path in the insured region's rules, or a national rule's own provenance).

        A locally verified value (a local correction) the step used outranks the rule's own
        source: one at or under the paths in `cite` (the values of a block the step really used,
        e.g. the deductible of the level settled), else at or under `rule`."""
        zh, en = step_text(text or key, **values)
        prov = provenance
        if prov is None and rule:
            prov = self.rules.verified_at(cite or (rule,)) or self.rules.source_for(rule)
        if prov is not None:
            self.used.append(prov)
        self.steps.append(
            Step(key=key, amount=amount, text_zh=zh, text_en=en, rule=rule, provenance=prov)
        )

    def warn(self, code: WarningCode, key: str | None = None, /, **values: object) -> None:
        """A warning (text.WARNINGS[key or code]), once per text."""
        zh, en = warning_text(key or code, **values)
        if (code, en) not in self._seen:
            self._seen.add((code, en))
            self.warnings.append(Warning(code=code, text_zh=zh, text_en=en))

    def add(self, warning: Warning) -> None:
        """A warning already written (the same for every estimate that uses the same sources)."""
        if (warning.code, warning.text_en) not in self._seen:
            self._seen.add((warning.code, warning.text_en))
            self.warnings.append(warning)

    def finish(self, on: dt.date) -> None:
        """One warning for all estimated prices, then the warnings about the rules used."""
        if self.estimated_prices:
            self.warn(
                "estimated_price",
                names_zh=[z for z, _ in self.estimated_prices],
                names_en=[e for _, e in self.estimated_prices],
            )
        self._rule_warnings(on)

    def _rule_warnings(self, on: dt.date) -> None:
        """Old, secondary or estimated sources among the rules used (worked out once per rule set,
        date and set of sources: a compare asks the same question for every option)."""
        sources = {p.source.id: p.source for p in self.used}
        memo = rule_memo(self.rules)
        key = ("warnings", on.isoformat(), "|".join(sorted(sources)))
        found = memo.get(key)
        if found is None:
            found = memo[key] = [w for src in sources.values() for w in _source_warnings(src, on)]
        for warning in found:  # type: ignore[attr-defined]
            self.add(warning)


def _source_warnings(src: Source, on: dt.date) -> list[Warning]:
    out: list[tuple[WarningCode, dict[str, str]]] = []
    if on - src.date > STALE_AFTER:
        out.append(("stale_rule", {"title": src.title, "date": src.date.isoformat()}))
    if src.tier is Tier.SECONDARY:
        out.append(("secondary_source", {"title": src.title}))
    elif src.tier is Tier.ESTIMATE:
        out.append(("estimated_rule", {"title": src.title}))
    return [
        Warning(code=code, text_zh=zh, text_en=en)
        for code, values in out
        for zh, en in [warning_text(code, **values)]
    ]
