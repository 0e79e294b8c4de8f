"""Calendar arithmetic: periods, bounds, seasons, weeks, Easter, merging."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.time.calendar import (
    easter_sunday,
    merge_values,
    narrow,
    period_bounds,
    period_granularity,
    period_of,
    season_of,
)

D = dt.date


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "granularity"),
    [
        ("2017-03-30", D(2017, 3, 30), D(2017, 3, 30), "day"),
        ("2017-02", D(2017, 2, 1), D(2017, 2, 28), "month"),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29), "month"),
        ("2017-W12", D(2017, 3, 20), D(2017, 3, 26), "week"),
        ("2017-W12-WE", D(2017, 3, 25), D(2017, 3, 26), "week"),
        ("2016-SP", D(2016, 3, 1), D(2016, 5, 31), "season"),
        ("2016-WI", D(2016, 12, 1), D(2017, 2, 28), "season"),
        ("2015-WI", D(2015, 12, 1), D(2016, 2, 29), "season"),
        ("2017-Q2", D(2017, 4, 1), D(2017, 6, 30), "quarter"),
        ("2017-H2", D(2017, 7, 1), D(2017, 12, 31), "quarter"),
        ("2017", D(2017, 1, 1), D(2017, 12, 31), "year"),
        ("199", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("19", D(1900, 1, 1), D(1999, 12, 31), "century"),
    ],
)
def test_period_bounds_and_granularity(
    value: str, earliest: dt.date, latest: dt.date, granularity: str
) -> None:
    assert period_bounds(value) == (earliest, latest)
    assert period_granularity(value) == granularity


def test_values_without_calendar_bounds() -> None:
    assert period_bounds("PAST_REF") is None
    assert period_bounds("P3D") is None
    assert period_bounds("2017-02-30") is None
    assert period_granularity("2017-XX-XX") == "day"
    assert period_granularity("2017-03-30T14:00") == "time"


def test_january_belongs_to_the_previous_winter() -> None:
    assert season_of(D(2017, 1, 15)) == (2016, "WI")
    assert season_of(D(2017, 12, 1)) == (2017, "WI")
    assert season_of(D(2017, 6, 1)) == (2017, "SU")


def test_shifting_periods() -> None:
    assert period_of(D(2017, 1, 2), "W", -1) == "2016-W52"
    assert period_of(D(2017, 1, 31), "M", -1) == "2016-12"
    assert period_of(D(2017, 3, 15), "Q", 1) == "2017-Q2"
    assert period_of(D(2017, 3, 15), "SEA", -1) == "2016-WI"
    assert period_of(D(2017, 3, 15), "DE", 0) == "201"


@pytest.mark.parametrize(
    ("year", "easter"), [(2016, D(2016, 3, 27)), (2017, D(2017, 4, 16)), (2019, D(2019, 4, 21))]
)
def test_easter(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_merging_values_of_a_coarse_anchor() -> None:
    assert merge_values("2017-W09", "2017-W13") == "2017-WXX"
    assert merge_values("2016-12-31", "2017-12-30") == "XXXX-XX-XX"
    assert merge_values("2017-05", "2018-05", named=True) == "XXXX-05"
    assert merge_values("2017-03-01T14:00", "2017-03-31T14:00") == "2017-03-XXT14:00"


def test_narrowing_to_start_middle_end_and_before_the_anchor() -> None:
    march = (D(2017, 3, 1), D(2017, 3, 31))
    assert narrow(march, "start") == (D(2017, 3, 1), D(2017, 3, 11))
    assert narrow(march, "end") == (D(2017, 3, 21), D(2017, 3, 31))
    assert narrow(march, "mid") == (D(2017, 3, 8), D(2017, 3, 24))
    year = (D(2017, 1, 1), D(2017, 12, 31))
    assert narrow(year, "before_anchor", (D(2017, 3, 16), D(2017, 3, 16))) == (D(2017, 1, 1), D(2017, 3, 16))
