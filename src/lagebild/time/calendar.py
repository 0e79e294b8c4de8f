"""Calendar arithmetic behind TIMEX3 values: periods, their day bounds and shifts.

A *period* is a value string at one granularity (``2017-03-30``, ``2017-W12``, ``2017-W12-WE``,
``2017-03``, ``2016-SP``, ``2017-Q1``, ``2017-H2``, ``2017``, ``199``, ``19``).  Every function
here is pure; nothing is cached at module level.

Conventions (also in docs/TIME.md):
- weeks are ISO weeks (Monday to Sunday), ``-WE`` is that week's Saturday and Sunday;
- seasons are meteorological: SP = March–May, SU = June–August, FA = September–November,
  WI = December of the named year to the end of February of the next year;
- a decade ``199`` is 1990–1999, a century ``19`` is 1900–1999 (the value's digits, not the
  ordinal's strict 1901–2000).
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.dates import month_bounds
from lagebild.model import Granularity

Bounds = tuple[dt.date, dt.date]

SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER: tuple[str, ...] = ("SP", "SU", "FA", "WI")

_PERIOD = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?P<we>-WE)?|(?P<season>SP|SU|FA|WI)"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])))?)(?:T.*)?$"
)


def iso_week(day: dt.date) -> tuple[int, int]:
    """Return the ISO (year, week) a day belongs to."""
    year, week, _ = day.isocalendar()
    return year, week


def week_value(day: dt.date) -> str:
    """Return the ISO week value (``2017-W12``) of a day."""
    year, week = iso_week(day)
    return f"{year:04d}-W{week:02d}"


def week_bounds(year: int, week: int) -> Bounds:
    """Return Monday and Sunday of an ISO week."""
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """Shift a (year, month) pair by ``count`` months."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def season_of(day: dt.date) -> tuple[int, str]:
    """Return the (year, season code) a day falls in; January and February belong to last year's WI."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SU", "FA")[(day.month - 3) // 3]


def season_bounds(year: int, code: str) -> Bounds:
    """Return the first and last day of a meteorological season."""
    start_month = SEASON_START_MONTH[code]
    first = dt.date(year, start_month, 1)
    end_year, end_month = add_months(year, start_month, 2)
    return first, month_bounds(end_year, end_month)[1]


def shift_season(year: int, code: str, count: int) -> tuple[int, str]:
    """Move ``count`` seasons forward (or back) from a season."""
    index = year * 4 + SEASON_ORDER.index(code) + count
    return index // 4, SEASON_ORDER[index % 4]


def easter_sunday(year: int) -> dt.date:
    """Return Easter Sunday of a Gregorian year (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def period_bounds(value: str) -> Bounds | None:
    """Return the days a period value covers, or ``None`` for values without calendar bounds."""
    match = _PERIOD.match(value)
    if not match:
        return None
    parts = match.groupdict()
    if parts["century"]:
        century = int(parts["century"])
        return dt.date(max(century * 100, 1), 1, 1), dt.date(century * 100 + 99, 12, 31)
    if parts["decade"]:
        decade = int(parts["decade"])
        return dt.date(max(decade * 10, 1), 1, 1), dt.date(decade * 10 + 9, 12, 31)
    return _year_period_bounds(int(parts["year"]), parts)


def _year_period_bounds(year: int, parts: dict[str, str | None]) -> Bounds | None:
    """Bounds of a period inside (or equal to) one year; ``None`` for an impossible date
    (``2017-02-30``, ``2017-W54``) or one outside the years 1–9999 (``0000``, ``9999-W52``,
    whose Sunday falls in the year 10000)."""
    try:
        return _checked_year_period_bounds(year, parts)
    except (ValueError, OverflowError):
        return None


def _checked_year_period_bounds(year: int, parts: dict[str, str | None]) -> Bounds:
    """Bounds of a period inside one year; raises ``ValueError`` or ``OverflowError`` for bad dates."""
    if parts["day"] and parts["month"]:
        day = dt.date(year, int(parts["month"]), int(parts["day"]))
        return day, day
    if parts["month"]:
        return month_bounds(year, int(parts["month"]))
    if parts["week"]:
        monday, sunday = week_bounds(year, int(parts["week"]))
        return (sunday - dt.timedelta(days=1), sunday) if parts["we"] else (monday, sunday)
    if parts["season"]:
        return season_bounds(year, parts["season"])
    if parts["quarter"]:
        first_month = (int(parts["quarter"]) - 1) * 3 + 1
        return month_bounds(year, first_month)[0], month_bounds(year, first_month + 2)[1]
    if parts["half"]:
        first_month = 1 if parts["half"] == "1" else 7
        return month_bounds(year, first_month)[0], month_bounds(year, first_month + 5)[1]
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_granularity(value: str) -> Granularity:
    """Return the granularity a period value is written at."""
    if "T" in value:
        return "time"
    match = _PERIOD.match(value)
    if not match:
        return _placeholder_granularity(value)
    parts = match.groupdict()
    ordered: tuple[tuple[str, Granularity], ...] = (
        ("day", "day"),
        ("month", "month"),
        ("week", "week"),
        ("season", "season"),
        ("quarter", "quarter"),
        ("half", "quarter"),
        ("year", "year"),
        ("decade", "decade"),
        ("century", "century"),
    )
    for key, granularity in ordered:
        if parts[key]:
            return granularity
    return "none"


def _placeholder_granularity(value: str) -> Granularity:
    """Granularity of a value written with ``X`` placeholders such as ``2017-XX-XX``."""
    shapes: tuple[tuple[str, Granularity], ...] = (
        (r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$", "day"),
        (r"^[\dX]{4}-W[\dX]{2}(-WE)?$", "week"),
        (r"^[\dX]{4}-[\dX]{2}$", "month"),
        (r"^[\dX]{4}-(SP|SU|FA|WI)$", "season"),
        (r"^[\dX]{4}-[QH][\dX]$", "quarter"),
        (r"^[\dX]{4}$", "year"),
    )
    for shape, granularity in shapes:
        if re.match(shape, value):
            return granularity
    return "none"


def shift_period(value: str, unit: str, count: int) -> str | None:
    """Shift a period by ``count`` units of its own kind (``unit`` is one of D W WE M Q H Y DE CE SEA)."""
    bounds = period_bounds(value)
    if bounds is None:
        return None
    return period_of(bounds[0], unit, count)


def period_of(day: dt.date, unit: str, count: int = 0) -> str | None:
    """Return the period of kind ``unit`` that contains ``day``, moved by ``count`` periods.

    Dates run from 0001-01-01 to 9999-12-31 (``datetime``'s range): a period that would lie
    outside them, wholly or in part, is ``None`` ("gestern" from 0001-01-01, "next year" from
    9999, "this week" in the last days of 9999, whose Sunday is in the year 10000), as is an
    unknown ``unit``. Every value returned has calendar bounds (``period_bounds``).
    """
    try:
        value = _moved_period(day, unit, count)
    except OverflowError:  # the day moved before 0001-01-01 or after 9999-12-31
        return None
    return value if value is not None and period_bounds(value) is not None else None


def _moved_period(day: dt.date, unit: str, count: int) -> str | None:
    """The value of ``period_of``; may raise ``OverflowError`` or name a year outside 1–9999."""
    if unit == "D":
        return (day + dt.timedelta(days=count)).isoformat()
    if unit in ("W", "WE"):
        moved = day + dt.timedelta(weeks=count)
        return week_value(moved) + ("-WE" if unit == "WE" else "")
    if unit == "M":
        year, month = add_months(day.year, day.month, count)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        year, month = add_months(day.year, day.month, 3 * count)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "H":
        year, month = add_months(day.year, day.month, 6 * count)
        return f"{year:04d}-H{1 if month <= 6 else 2}"
    if unit == "SEA":
        year, code = shift_season(*season_of(day), count)
        return f"{year:04d}-{code}"
    if unit == "Y":
        return f"{day.year + count:04d}"
    if unit == "DE":
        decade = day.year // 10 + count
        return f"{decade:03d}" if 0 <= decade <= 999 else None
    if unit == "CE":
        century = day.year // 100 + count
        return f"{century:02d}" if 0 <= century <= 99 else None
    return None


def merge_values(first: str, second: str, named: bool = False) -> str:
    """Merge two values of the same shape, writing ``X`` where they differ.

    ``2017-W09`` and ``2017-W13`` give ``2017-WXX``.  For values found by counting from the
    anchor, everything below a differing part is unknown too (``2016-12-31`` and ``2017-12-30``
    give ``XXXX-XX-XX``).  For a *named* month, day or season (``named=True``) only the differing
    parts are unknown: "im Mai" from an anchor somewhere in 2017 is ``XXXX-05``.
    """
    if first == second:
        return first
    if "T" in first and "T" in second:
        first_day, first_clock = first.split("T", 1)
        second_day, second_clock = second.split("T", 1)
        if first_clock == second_clock:
            return merge_values(first_day, second_day, named) + "T" + first_clock
    left, right = re.split(r"([-T])", first), re.split(r"([-T])", second)
    if len(left) != len(right):
        return re.sub(r"\d", "X", first)
    merged: list[str] = []
    differed = False
    for a, b in zip(left, right, strict=True):
        # Once a larger unit differs, every smaller one is unknown too (2016-12-31 vs 2017-12-30).
        differed = (differed and not named) or (a != b and a not in "-T")
        merged.append(re.sub(r"\d", "X", a) if differed and a not in "-T" else a)
    return "".join(merged)


def narrow(bounds: Bounds, part: str, anchor: Bounds | None = None) -> Bounds:
    """Narrow a period's bounds to its start, middle or end third, or to before/after the anchor.

    ``start`` keeps the first third (rounded up), ``end`` the last third, ``mid`` drops a quarter
    at each side; ``before_anchor`` runs from the period start to the anchor's last day and
    ``after_anchor`` from the anchor's first day to the period end.
    """
    first, last = bounds
    length = (last - first).days + 1
    third = dt.timedelta(days=-(-length // 3) - 1)
    quarter = dt.timedelta(days=length // 4)
    if part == "start":
        return first, min(last, first + third)
    if part == "end":
        return max(first, last - third), last
    if part == "mid":
        return first + quarter, last - quarter
    if part == "before_anchor" and anchor:
        return first, max(first, min(last, anchor[1]))
    if part == "after_anchor" and anchor:
        return min(last, max(first, anchor[0])), last
    return bounds
