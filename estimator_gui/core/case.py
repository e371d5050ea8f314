"""One way to describe a case and the places it is compared at: the window, the CLI and scenario
files all build the core's Case and CareOptions here."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

from .models import CareOption, Filing, Level, Model, Route, Setting


class Place(Model):
    """A place the case is compared at: where, at which hospital level, how it is filed and
    settled (home: no filing)."""

    treated_region: str
    level: Level
    filing: Filing | None = None
    route: Route = Route.DIRECT
    networked: bool = True

    def option(self, date: dt.date, setting: Setting) -> CareOption:
        return CareOption(date=date, setting=setting, **self.model_dump())


def care_options(
    places: Iterable[Place], date: dt.date, setting: Setting = Setting.INPATIENT
) -> list[CareOption]:
    return [place.option(date, setting) for place in places]


def home_and_away(insured_region: str, home_level: Level, others: Iterable[Place]) -> list[Place]:
    """Home first (no filing), then the other places as given."""
    return [Place(treated_region=insured_region, level=home_level), *others]


def grid(
    regions: Sequence[str],
    levels: Sequence[Level],
    filings: Sequence[Filing],
    routes: Sequence[Route],
) -> list[Place]:
    """Every combination of the other places, levels, filings and routes (the CLI's compare)."""
    return [
        Place(treated_region=r, level=lv, filing=f, route=rt)
        for r, lv, f, rt in itertools.product(regions, levels, filings, routes)
    ]
