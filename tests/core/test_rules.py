"""Rule files: strict validation that names the file and key, and the rule in force by date."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from estimator_gui.core.models import Tier
from estimator_gui.core.rules import RegionFile, RuleFileError, RuleGapError

from .rulekit import benefit, region


def inpatient(raw):
    return raw["schemes"]["employee"]["persons"]["employed"]["settings"]["inpatient"]


def error_of(raw) -> RuleFileError:
    with pytest.raises(RuleFileError) as err:
        RegionFile(raw, "rules/test.yaml")
    return err.value


def test_a_valid_file_resolves_on_a_date():
    rules = RegionFile(region(), "rules/test.yaml").resolve(dt.date(2026, 1, 1))
    assert rules.region.id == "home"


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (lambda r: r.update(extra=1), "extra", "unknown key"),
        (lambda r: r.pop("elsewhere"), "elsewhere", "missing"),
        (
            lambda r: inpatient(r)[0]["value"]["deductible"].update(colour="red"),
            "schemes.employee.persons.employed.settings.inpatient.deductible.colour",
            "unknown key",
        ),
        (
            lambda r: inpatient(r)[0]["value"]["deductible"].pop("basis"),
            "schemes.employee.persons.employed.settings.inpatient.deductible.basis",
            "missing value",
        ),
        (
            lambda r: inpatient(r)[0]["value"]["ratios"]["bands"]["all"][0].update(ratio="1.2"),
            "schemes.employee.persons.employed.settings.inpatient.ratios.bands.all.0.ratio",
            "less than or equal to 1",
        ),
        (
            lambda r: inpatient(r)[0]["value"].update(
                ratios={
                    "band_basis": "absolute",
                    "bands": {
                        "all": [
                            {"upto": 50000, "ratio": "0.8"},
                            {"upto": 30000, "ratio": "0.9"},
                            {"upto": None, "ratio": "0.95"},
                        ]
                    },
                }
            ),
            "schemes.employee.persons.employed.settings.inpatient.ratios.bands",
            "band edges must increase",
        ),
        (
            lambda r: inpatient(r)[0]["value"]["deductible"].update(amount={"level9": 100}),
            "schemes.employee.persons.employed.settings.inpatient.deductible.amount",
            "unknown hospital level",
        ),
        (
            lambda r: inpatient(r)[0].update(source="nowhere"),
            "schemes.employee.persons.employed.settings.inpatient[0].source",
            "unknown source id",
        ),
        (
            lambda r: r["schemes"]["employee"].update(weight=70),
            "schemes.employee.weight",
            "a number outside a dated history",
        ),
        (
            lambda r: inpatient(r)[0].pop("source"),
            "schemes.employee.persons.employed.settings.inpatient[0]",
            "needs 'source'",
        ),
    ],
)
def test_bad_rule_files_name_the_file_and_the_key(mutate, path, message):
    raw = region()
    mutate(raw)
    err = error_of(raw)
    assert err.file == "rules/test.yaml"
    assert err.path == path
    assert message in err.message


def two_entries(first_until=None, second_from="2026-01-01"):
    raw = region()
    hist = inpatient(raw)
    later = copy.deepcopy(hist[0])
    later["from"] = second_from
    later["value"]["deductible"]["amount"] = {"all": 2000}
    if first_until:
        hist[0]["until"] = first_until
    hist.append(later)
    return raw


def test_unsorted_histories_are_refused():
    err = error_of(two_entries(second_from="2024-06-01"))
    assert "not sorted" in err.message


def test_overlapping_date_ranges_are_refused():
    err = error_of(two_entries(first_until="2026-03-01"))
    assert "overlap" in err.message and err.path.endswith("settings.inpatient")


def test_the_value_in_force_is_picked_by_the_date_of_care():
    file = RegionFile(two_entries(), "rules/test.yaml")

    def deductible(day):
        return (
            file.resolve(day)
            .schemes["employee"]
            .persons["employed"]
            .settings["inpatient"]
            .deductible.amount["all"]
        )

    assert deductible(dt.date(2025, 12, 31)) == 1000
    assert deductible(dt.date(2026, 1, 1)) == 2000


def test_the_provenance_says_which_version_applied():
    file = RegionFile(two_entries(), "rules/test.yaml")
    prov = file.resolve(dt.date(2026, 5, 1)).source_for(
        "schemes.employee.persons.employed.settings.inpatient.deductible.amount"
    )
    assert prov is not None and prov.valid_from == dt.date(2026, 1, 1)


def test_a_date_before_any_rule_is_a_gap_naming_the_parameter():
    file = RegionFile(region(), "rules/test.yaml")
    with pytest.raises(
        RuleGapError,
        match=r"no rules cover 2020-01-01 for home .*item_shares: no value on 2020-01-01",
    ):
        file.resolve(dt.date(2020, 1, 1))


def test_a_value_that_ended_leaves_a_gap_after_its_until_date():
    raw = region()
    inpatient(raw)[0]["until"] = "2025-12-31"
    rules = RegionFile(raw, "rules/test.yaml").resolve(dt.date(2026, 2, 1))
    assert "schemes.employee.persons.employed.settings.inpatient" in rules.gaps
    assert "inpatient" not in rules.schemes["employee"].persons["employed"].settings


def test_every_version_is_validated_not_only_the_latest():
    raw = two_entries()
    inpatient(raw)[0]["value"]["ratios"]["bands"]["all"][0]["ratio"] = "7"
    err = error_of(raw)
    assert "2025-01-01" in err.message


def test_tier_counts_count_the_dated_numbers_by_source_tier():
    raw = region(employed=benefit(1000))
    counts = RegionFile(raw, "rules/test.yaml").tier_counts()
    assert counts[Tier.OFFICIAL] > 0 and counts[Tier.ESTIMATE] == 0
