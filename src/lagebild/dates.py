"""Calendar arithmetic for TIMEX3 values: parsing dates and computing their day bounds."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from lagebild.model import Granularity, TimeValue

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date string is malformed or names a day that does not exist."""


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_calendar_date(text: str) -> TimeValue:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` keeping its precision.

    A full timestamp (``2017-03-30T10:00:00``) is cut to its day. Raises ``DateError`` for
    malformed or impossible dates such as ``2017-02-30`` or ``2017-13``.
    """
    cleaned = text.strip()
    if "T" in cleaned:
        cleaned = cleaned.split("T", 1)[0]
    match = _DATE.match(cleaned)
    if not match:
        raise DateError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return TimeValue(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
        first, last = month_bounds(year, month)
        if day is None:
            return TimeValue(f"{year:04d}-{month:02d}", "month", first, last)
        exact = dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"impossible date {text!r}: {exc}") from exc
    return TimeValue(exact.isoformat(), "day", exact, exact)


def day_value(day: dt.date) -> TimeValue:
    """Return the TimeValue of one calendar day."""
    return TimeValue(day.isoformat(), "day", day, day)


def contains(outer: TimeValue, inner: TimeValue) -> bool:
    """Whether every day ``inner`` may cover lies within ``outer``'s bounds."""
    if None in (outer.earliest, outer.latest, inner.earliest, inner.latest):
        return outer.value == inner.value
    assert outer.earliest and outer.latest and inner.earliest and inner.latest
    return outer.earliest <= inner.earliest and inner.latest <= outer.latest


GRANULARITY_ORDER: tuple[Granularity, ...] = (
    "time", "day", "week", "month", "season", "quarter", "year", "decade", "century", "none",
)
