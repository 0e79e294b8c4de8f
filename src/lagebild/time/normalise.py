"""Language-neutral normalisation: a rule's matched slots → a TIMEX3 type and value.

Each rule ``kind`` names one method here.  Methods read only the *meaning* of the slots (the
month number behind ``{month}``, the unit code behind ``{unit}``), never the words, so the
same code serves every language.  Slots every kind understands:

- ``boundary`` (Anfang, Mitte, Ende, early, late ...): keeps the value, narrows the bounds;
- ``approx`` and other unnamed parts of a pattern only widen the extent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from lagebild.model import TimeValue
from lagebild.time.calendar import (
    Bounds,
    easter_sunday,
    merge_values,
    narrow,
    period_bounds,
    period_granularity,
    period_of,
    season_bounds,
    season_of,
)
from lagebild.time.grammar import CompiledRule
from lagebild.time.lexicon import KINDS, TimeLexicon
from lagebild.time.scope import Period, Scope, make_value, merge_periods

Slots = Mapping[str, str]

_DURATION_UNITS: Mapping[str, tuple[str, int, bool]] = {
    "Y": ("Y", 1, False),
    "M": ("M", 1, False),
    "W": ("W", 1, False),
    "D": ("D", 1, False),
    "H": ("H", 1, True),
    "MIN": ("M", 1, True),
    "S": ("S", 1, True),
    "DE": ("Y", 10, False),
    "CE": ("Y", 100, False),
    "Q": ("M", 3, False),
    "HY": ("M", 6, False),
    "WE": ("WE", 1, False),
    "SEA": ("M", 3, False),
    "NI": ("NI", 1, True),
    "EV": ("EV", 1, True),
}
"""Unit code → (TIMEX3 duration unit, multiplier, written after ``T``)."""

_FROM_ANCHOR_KINDS = frozenset({"deictic", "relative", "weekday", "weekend", "ago"})
"""Kinds whose expressions speak from the anchor: they tell that a text is news, not history."""
_PERIOD_UNITS = frozenset({"D", "W", "WE", "M", "Q", "Y", "DE", "CE", "SEA"})
_REF_BY_SIGN = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}
_PAIR_GAP = 10
"""The most characters between a date and the bare day that closes its pair (" through ")."""


class Hit(NamedTuple):
    """One rule match to normalise: its slots, the rule, the text's scope and the span."""

    slots: Slots
    rule: CompiledRule
    scope: Scope
    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    """The normalised result of one match."""

    type: str
    value: TimeValue
    explicit_year: bool = False
    from_anchor: bool = False


class Normaliser:
    """Turns rule matches into readings using a language's tables."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        self._kinds: Mapping[str, Callable[[Hit], Reading | None]] = {
            name: getattr(self, f"_kind_{name}") for name in sorted(KINDS)
        }

    def normalise(self, hit: Hit) -> Reading | None:
        """Normalise one match; ``None`` when the match turns out not to be a valid expression."""
        slots, rule, scope = hit.slots, hit.rule, hit.scope
        reading = self._kinds[rule.spec.kind](hit)
        if reading is None:
            return None
        if "boundary" in slots:
            reading = self._narrowed(reading, self.lexicon.lookup("boundary", slots["boundary"]), scope)
        elif "boundary" in rule.spec.params:
            reading = self._narrowed(reading, rule.spec.params["boundary"], scope)
        if rule.spec.kind in _FROM_ANCHOR_KINDS and not rule.spec.params.get("narrative"):
            reading = Reading(reading.type, reading.value, reading.explicit_year, from_anchor=True)
        return reading

    # --- slot meanings -------------------------------------------------------------------

    def _value(self, table: str, slots: Slots, slot: str | None = None) -> Any:
        word = slots.get(slot or table)
        return None if word is None else self.lexicon.lookup(table, word)

    def _month(self, slots: Slots) -> int | None:
        if "month_num" in slots:
            return int(slots["month_num"])
        month = self._value("month", slots) or self._value("month_abbr", slots)
        return int(month) if month else None

    def _year(self, slots: Slots, scope: Scope) -> int | None:
        if "year_hi" in slots or "year_base" in slots:
            return self._spoken_year(slots)
        for slot in ("year", "bare_year", "old_year", "year2"):
            if slot in slots:
                return int(slots[slot])
        if "yy" in slots:
            short = int(slots["yy"])
            limit = (scope.anchor_year or 2030) + 10
            return 2000 + short if 2000 + short <= limit else 1900 + short
        return None

    def _spoken_year(self, slots: Slots) -> int | None:
        """A year in words: "nineteen ninety-six" (hundreds + tens + ones), "two thousand one"."""

        def number(slot: str) -> int:
            value = self._value("number", slots, slot)
            return int(value) if value is not None and value == int(value) else -1

        base = number("year_base") if "year_base" in slots else number("year_hi") * 100
        tens = number("year_tens") if "year_tens" in slots else 0
        ones = number("year_ones") if "year_ones" in slots else 0
        teens_or_tens = 10 <= tens <= 19 or tens in range(20, 100, 10)
        tens_valid = teens_or_tens or (tens == 0 and "year_hi" not in slots)
        if base not in (1900, 2000) or not tens_valid or not 0 <= ones <= 9:
            return None
        if tens < 20 and ones:
            return None
        return base + tens + ones

    def _count(self, slots: Slots) -> float | None:
        if "num" in slots:
            try:
                number = float(slots["num"].replace(",", "."))
            except ValueError:
                return None
        elif "number" in slots:
            number = float(self._value("number", slots))
        else:
            return None
        fraction = self._value("fraction", slots)
        return number + float(fraction) if fraction is not None else number

    def _unit(self, slots: Slots) -> str | None:
        for table in ("unit", "unit_plural", "unit_adj"):
            unit = self._value(table, slots)
            if unit:
                return str(unit)
        return None

    def _ordinal(self, slots: Slots) -> int | None:
        if "ordinal_num" in slots:
            return int(slots["ordinal_num"])
        ordinal = self._value("ordinal", slots)
        return int(ordinal) if ordinal is not None else None

    def _part(self, slots: Slots) -> str | None:
        part = self._value("part", slots) or self._value("part_suffix", slots)
        return str(part) if part else None

    # --- kinds -----------------------------------------------------------------------------

    def _kind_date(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, end = hit
        month = self._month(slots)
        if month is None:
            if rule.spec.params.get("day_of_month"):
                return self._day_of_anchor_month(hit)
            return self._day_after_date(hit) if rule.spec.params.get("after_date") else None
        day = int(slots["day"]) if "day" in slots else None
        year = self._year(slots, scope)
        shift = self._value("shift", slots)
        fixed = year or (scope.narrative_year(start, end) if shift is None else None)
        weekday = self._value("weekday", slots)
        if year is None and day is not None and weekday is not None and scope.anchor_days:
            # "Monday, Oct. 26": the weekday tells the year.
            fixed = _year_of_weekday(scope.anchor_days[0], month, day, int(weekday), fixed) or fixed
        if fixed is not None:
            value = _month_day_value(fixed, month, day)
            if value is None or period_bounds(value) is None:
                return None
            return _with_part(rule.spec.type, make_value(value), self._part(slots), year is not None)
        if not scope.anchor_days:
            return Reading(rule.spec.type, _unknown_year(month, day))
        tense = scope.tense(start, end) if shift is None else 0

        month_shift = bool(rule.spec.params.get("month_shift"))

        def resolve(anchor: dt.date) -> Period | None:
            if shift is not None and month_shift:
                chosen = _shifted_month_year(anchor, month, int(shift))
            elif shift is not None:
                chosen = anchor.year + int(shift)
            else:
                chosen = _closest_year(anchor, month, tense)
            value = _month_day_value(chosen, month, day)
            return (value, period_bounds(value)) if value and period_bounds(value) else None

        resolved = scope.over_anchor(resolve, named=True)
        return _with_part(rule.spec.type, resolved, self._part(slots)) if resolved else None

    def _day_of_anchor_month(self, hit: Hit) -> Reading | None:
        """A day named without its month ("on the 20th"): the day of the anchor's month, or of
        the month before (a past clause) or after (a future clause) when the day lies beyond."""
        scope = hit.scope
        if "day" not in hit.slots:
            return None
        day = int(hit.slots["day"])
        if not scope.anchor_days:
            return Reading(hit.rule.spec.type, TimeValue(f"XXXX-XX-{day:02d}", "day", None, None))
        anchor = scope.anchor_days[0]
        tense = scope.tense(hit.start, hit.end)
        month = anchor.year * 12 + anchor.month - 1
        if tense < 0 and day > anchor.day:
            month -= 1
        elif tense > 0 and day < anchor.day:
            month += 1
        value = _month_day_value(month // 12, month % 12 + 1, day)
        return Reading(hit.rule.spec.type, make_value(value)) if value else None

    def _day_after_date(self, hit: Hit) -> Reading | None:
        """A bare day closing a pair or range ("April 24 and 25"): a later day of the date just read."""
        last = hit.scope.last_day_value
        if last is None or "day" not in hit.slots or last[1] < hit.start - _PAIR_GAP:
            return None
        first, day = last[0], int(hit.slots["day"])
        if day <= int(first[8:10]):
            return None
        if first.startswith("X"):
            return Reading(hit.rule.spec.type, TimeValue(f"{first[:8]}{day:02d}", "day", None, None))
        value = _month_day_value(int(first[:4]), int(first[5:7]), day)
        return Reading(hit.rule.spec.type, make_value(value)) if value else None

    def _kind_year(self, hit: Hit) -> Reading | None:
        slots, rule, scope, _start, _end = hit
        year = self._year(slots, scope)
        if year is None:
            return None
        return Reading(rule.spec.type, make_value(f"{year:04d}"), explicit_year=True)

    def _explicit(self, slots: Slots) -> bool:
        return any(
            slot in slots for slot in ("year", "bare_year", "old_year", "year2", "yy", "year_hi", "year_base")
        )

    def _kind_decade(self, hit: Hit) -> Reading | None:
        slots, rule, scope, _start, _end = hit
        digits = slots.get("decade_digits")
        if digits and len(digits) == 4:
            decade = int(digits) // 10
        else:
            tens = int(digits) // 10 if digits else self._value("decade_word", slots)
            if tens is None:
                return None
            century = self._value("ordinal", slots)
            if "century_num" in slots:
                century = int(slots["century_num"])
            if century is not None:
                decade = (int(century) - 1) * 10 + int(tens)
            else:
                this_year = scope.anchor_year or 2030
                decade = 200 + int(tens) if 2000 + int(tens) * 10 <= this_year else 190 + int(tens)
        return Reading(rule.spec.type, make_value(f"{decade:03d}"))

    def _kind_century(self, hit: Hit) -> Reading | None:
        slots, rule, _scope, _start, _end = hit
        number = int(slots["century_num"]) if "century_num" in slots else self._ordinal(slots)
        if number is None or not 1 <= number <= 21:
            return None
        return Reading(rule.spec.type, make_value(f"{number - 1:02d}"))

    def _kind_season(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, end = hit
        code = self._value("season", slots)
        if code is None:
            return None
        year = self._year(slots, scope)
        fixed = year or scope.narrative_year(start, end)
        if fixed is not None:
            return Reading(rule.spec.type, make_value(f"{fixed:04d}-{code}"), explicit_year=year is not None)
        shift = self._value("shift", slots)
        tense = scope.tense(start, end) if shift is None else 0
        resolved = scope.over_anchor(lambda anchor: _choose_season(anchor, code, shift, tense), named=True)
        if resolved is None:
            return Reading(rule.spec.type, TimeValue(f"XXXX-{code}", "season", None, None))
        return Reading(rule.spec.type, resolved)

    def _kind_relative(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, _end = hit
        if "reported_years" in rule.spec.params:
            reported = self._reported(hit)
            if reported is not None or rule.spec.params.get("reported_only"):
                return reported
        shift = self._value("shift", slots)
        shift = int(rule.spec.params.get("shift", 0)) if shift is None else int(shift)
        unit = self._unit(slots) or rule.spec.params.get("unit")
        if unit is None:
            return None
        if "unit_plural" in slots:
            return Reading(rule.spec.type, ref_value(_REF_BY_SIGN[max(-1, min(1, shift))], scope))
        if unit not in _PERIOD_UNITS:
            return None
        if rule.spec.params.get("narrative"):
            # "Ende des Jahres" speaks of the year just named, wherever the text is.
            year = scope.narrative_year(start, anaphoric=True)
            if year is not None and unit == "Y":
                return Reading(rule.spec.type, make_value(f"{year + shift:04d}"))
        if rule.spec.params.get("from_anchor"):
            # "last week", "this year" speak from the publication date even inside a history.
            resolved = scope.over_anchor(lambda anchor: _period(anchor, unit, shift))
        else:
            resolved = scope.over_base(lambda anchor: _period(anchor, unit, shift), start)
        return Reading(rule.spec.type, resolved or _unknown_period(unit))

    def _kind_deictic(self, hit: Hit) -> Reading | None:
        slots, rule, scope, _start, _end = hit
        word_meaning = self._value("deictic", slots) or rule.spec.params.get("deictic")
        shift, unit, part = _parse_deictic(str(word_meaning))
        part = self._part(slots) or part
        if scope.history and (shift, unit, part) == (0, "D", None):
            # A history does not speak from its date: its "heute" is the present (TimeML).
            return Reading(rule.spec.type, ref_value("PRESENT_REF", scope))
        resolved = scope.over_anchor(lambda anchor: _period(anchor, unit, shift))
        return _with_part(rule.spec.type, resolved or _unknown_period(unit), part)

    def _kind_ref_deictic(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, _end = hit
        shift, unit, part = _parse_deictic(str(self._value("ref_deictic", slots)))
        base = scope.reference_day(start, anaphoric=True) if unit == "D" else None
        if base is not None:
            resolved = merge_periods([_period(base, unit, shift)])
        else:
            resolved = scope.over_base(lambda anchor: _period(anchor, unit, shift), start)
        return _with_part(rule.spec.type, resolved or _unknown_period(unit), self._part(slots) or part)

    def _kind_ago(self, hit: Hit) -> Reading | None:
        """``n units`` before or after the anchor: vor drei Jahren, two years ago, in zwei Wochen.

        ``params.as_duration``: the TimeML habit of German corpora, the length (``P3Y``) is
        the expression, its bounds the period it dates (2014).  ``params.past_is_duration``: in
        a past clause "in zwei Wochen" is a length (within two weeks), not a date.
        """
        _slots, rule, scope, start, end = hit
        params = rule.spec.params
        if params.get("past_is_duration") and scope.tense(start, end) < 0:
            return self._length(hit)
        dated = self._dated_offset(hit, int(params.get("direction", -1)))
        if dated is None or not params.get("as_duration"):
            return dated
        length = self._length(hit)
        if length is None:
            return None
        bounds = TimeValue(
            length.value.value, length.value.granularity, dated.value.earliest, dated.value.latest
        )
        return Reading("DURATION", bounds)

    def _dated_offset(self, hit: Hit, direction: int) -> Reading | None:
        slots, rule, scope, _start, _end = hit
        unit = self._unit(slots)
        count = self._count(slots)
        if unit is None:
            return None
        kind = "DATE" if rule.spec.type == "DURATION" else rule.spec.type
        if count is None:
            return Reading(kind, ref_value(_REF_BY_SIGN[direction], scope))
        steps, period_unit = _steps(count, unit)
        if steps is None:
            return None
        same_period = self._year_before_reported(period_unit, direction * steps, hit)
        if same_period is not None:
            return same_period
        resolved = scope.over_anchor(lambda anchor: _period(anchor, period_unit, direction * steps))
        return Reading(kind, resolved or _unknown_period(period_unit))

    def _length(self, hit: Hit) -> Reading | None:
        """The match read as a plain duration (``P2W``)."""
        reading = self._kind_duration(hit)
        return Reading("DURATION", reading.value) if reading else None

    def _kind_ref_offset(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, _end = hit
        direction = self._value("direction", slots)
        if direction is None:
            direction = self._value("shift", slots)
        direction = int(rule.spec.params.get("direction", 0)) if direction is None else int(direction)
        unit = self._unit(slots) or str(rule.spec.params.get("unit", "D"))
        count = self._count(slots)
        count = float(rule.spec.params.get("count", 1)) if count is None else count
        steps, period_unit = _steps(count, unit)
        if steps is None:
            return None
        same_period = self._year_before_reported(period_unit, direction * steps, hit)
        if same_period is not None:
            return same_period
        if period_unit not in ("D", "W", "M", "Y"):
            return Reading(rule.spec.type, TimeValue("XXXX-XX-XXTXX:XX", "time", None, None))
        base = scope.reference_start(start, period_unit)
        if base is None:
            return Reading(rule.spec.type, _unknown_period(period_unit))
        return Reading(
            rule.spec.type,
            merge_periods([_period(base, period_unit, direction * steps)]) or _unknown_period(period_unit),
        )

    def _year_before_reported(self, unit: str, shift: int, hit: Hit) -> Reading | None:
        """Read "a year ago/earlier" in a report on a quarter as the same quarter a year before."""
        if unit != "Y" or shift != -1:
            return None
        period = hit.scope.reported_period(hit.start, -1)
        return Reading(hit.rule.spec.type, make_value(period)) if period else None

    def _reported(self, hit: Hit) -> Reading | None:
        """Rules with ``params.reported_years``: the reporting period named last, moved by years."""
        params = hit.rule.spec.params
        period = hit.scope.reported_period(hit.start, int(params["reported_years"]))
        year = self._year(hit.slots, hit.scope)
        if period is not None and year is not None:
            # "the 1988 period": the reported part of the year, in the year named.
            period = f"{year:04d}{period[4:]}"
        elif period is None and year is not None:
            period = f"{year:04d}"
        if period is not None:
            return Reading(hit.rule.spec.type, make_value(period), explicit_year=year is not None)
        return None

    def _kind_duration(self, hit: Hit) -> Reading | None:
        slots, rule, _scope, _start, _end = hit
        unit = self._unit(slots)
        if unit is None or unit not in _DURATION_UNITS:
            return None
        count = self._count(slots)
        if count is None and "count" in rule.spec.params:
            count = float(rule.spec.params["count"])
        if count is None and "number" not in slots and "num" not in slots:
            amount = "X"
        elif count is None or count <= 0:
            return None
        else:
            amount = ""
        name, factor, clock = _DURATION_UNITS[unit]
        if not amount:
            amount = _format_number((count or 0) * factor)
        value = f"PT{amount}{name}" if clock else f"P{amount}{name}"
        return Reading(rule.spec.type, TimeValue(value, _unit_granularity(unit), None, None))

    def _kind_set(self, hit: Hit) -> Reading | None:
        slots, rule, _scope, _start, _end = hit
        value = self._value("set", slots)
        if value is None and "weekday" in slots:
            part = self._part(slots)
            value = f"XXXX-WXX-{self._value('weekday', slots)}" + (f"T{part}" if part else "")
        if value is None and self._month(slots):
            value = f"XXXX-{self._month(slots):02d}"
        if value is None:
            unit = self._unit(slots)
            if unit is None or unit not in _DURATION_UNITS:
                return None
            count = self._count(slots) or 1
            name, factor, clock = _DURATION_UNITS[unit]
            value = ("PT" if clock else "P") + _format_number(count * factor) + name
        return Reading(rule.spec.type, TimeValue(str(value), _set_granularity(str(value)), None, None))

    def _kind_ref(self, hit: Hit) -> Reading | None:
        slots, rule, scope, _start, _end = hit
        value = self._value("ref", slots) or rule.spec.params.get("value")
        if value is None:
            return None
        return Reading(rule.spec.type, ref_value(str(value), scope))

    def _kind_time(self, hit: Hit) -> Reading | None:
        slots, rule, scope = hit.slots, hit.rule, hit.scope
        clock = self._value("clock_word", slots)
        if clock:
            hour, minute = (int(x) for x in str(clock).split(":"))
        elif "hour" in slots:
            hour, minute = int(slots["hour"]), int(slots.get("minute", "0"))
        else:
            return None
        clock_hour = _twelve_hour(hour, self._value("ampm", slots), self._part(slots))
        if clock_hour is None or not _valid_clock(clock_hour, minute):
            return None
        day_value = self._day_of_time(hit)
        return Reading(rule.spec.type, _at_day(day_value, f"{clock_hour:02d}:{minute:02d}", scope))

    def _day_of_time(self, hit: Hit) -> TimeValue | None:
        """The day a clock time belongs to: a date or deictic in the same match, else the reference day.

        ``weekday_ahead`` is a weekday the rule saw just after the match ("10:35 a.m. (0735 GMT)
        Friday") without taking it into the expression.
        """
        if "weekday_ahead" in hit.slots:
            hit = hit._replace(slots={**hit.slots, "weekday": hit.slots["weekday_ahead"]})
        slots, scope = hit.slots, hit.scope
        if "deictic" in slots:
            reading = self._kind_deictic(hit)
            return reading.value if reading else None
        if self._month(slots) is not None:
            reading = self._kind_date(hit)
            return reading.value if reading else None
        if "weekday" in slots:
            reading = self._kind_weekday(hit)
            return reading.value if reading else None
        base = scope.reference_day(hit.start)
        return make_value(base.isoformat()) if base else None

    def _kind_part(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, _end = hit
        part = self._part(slots)
        if part is None:
            return None
        base = scope.reference_day(start)
        day = make_value(base.isoformat()) if base else None
        return Reading(rule.spec.type, _at_day(day, part, scope))

    def _kind_weekday(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, end = hit
        weekday = self._value("weekday", slots)
        if weekday is None:
            return None
        shift = self._value("shift", slots)
        tense = scope.tense(start, end) if shift is None else 0

        def resolve(anchor: dt.date) -> Period:
            day = _choose_weekday(anchor, int(weekday), shift, tense)
            return day.isoformat(), (day, day)

        resolved = scope.over_base(resolve, start)
        if resolved is None:
            resolved = TimeValue(f"XXXX-WXX-{weekday}", "day", None, None)
        return _with_part(rule.spec.type, resolved, self._part(slots))

    def _kind_quarter(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, end = hit
        number = self._ordinal(slots)
        unit = self._unit(slots)
        letter = {"Q": "Q", "HY": "H"}.get(unit or "")
        if number is None or letter is None or number > (4 if letter == "Q" else 2):
            return None
        year = self._year(slots, scope) or scope.narrative_year(start, end)
        if year is not None:
            return Reading(rule.spec.type, make_value(f"{year:04d}-{letter}{number}"), self._explicit(slots))
        shift = self._value("shift", slots)
        first_month = (number - 1) * (3 if letter == "Q" else 6) + 1
        tense = scope.tense(start, end) if shift is None else 0

        def resolve(anchor: dt.date) -> Period | None:
            span = 3 if letter == "Q" else 6
            year = (
                anchor.year + int(shift)
                if shift is not None
                else _closest_year(anchor, first_month, tense, span)
            )
            return _period_value(f"{year:04d}-{letter}{number}")

        resolved = scope.over_anchor(resolve, named=True)
        return Reading(rule.spec.type, resolved or TimeValue(f"XXXX-{letter}{number}", "quarter", None, None))

    def _kind_holiday(self, hit: Hit) -> Reading | None:
        slots, rule, scope, start, end = hit
        rule_text = self._value("holiday", slots)
        if rule_text is None:
            return None
        year = self._year(slots, scope) or scope.narrative_year(start, end)
        if year is not None:
            day = _holiday_date(str(rule_text), year)
            if day is None:
                return None
            return Reading(rule.spec.type, make_value(day.isoformat()), self._explicit(slots))
        tense = scope.tense(start, end)

        def resolve(anchor: dt.date) -> Period | None:
            options = [d for d in (_holiday_date(str(rule_text), anchor.year + k) for k in (-1, 0, 1)) if d]
            chosen = _choose_by_tense(options, anchor, tense)
            return (chosen.isoformat(), (chosen, chosen)) if chosen else None

        resolved = scope.over_anchor(resolve, named=True)
        return Reading(rule.spec.type, resolved or TimeValue("XXXX-XX-XX", "day", None, None))

    def _kind_weekend(self, hit: Hit) -> Reading | None:
        _slots, rule, scope, start, end = hit
        tense = scope.tense(start, end)

        def resolve(anchor: dt.date) -> Period | None:
            return _period(_weekend_saturday(anchor, tense), "WE", 0)

        resolved = scope.over_anchor(resolve)
        return Reading(rule.spec.type, resolved or TimeValue("XXXX-WXX-WE", "week", None, None))

    # --- boundaries ----------------------------------------------------------------------------

    def _narrowed(self, reading: Reading, part: Any, scope: Scope) -> Reading:
        value = reading.value
        if part is None or value.earliest is None or value.latest is None:
            return reading
        anchor: Bounds | None = None
        if scope.anchor_days:
            anchor = (scope.anchor_days[0], scope.anchor_days[-1])
        earliest, latest = narrow((value.earliest, value.latest), str(part), anchor)
        narrowed = TimeValue(value.value, value.granularity, earliest, latest)
        return Reading(reading.type, narrowed, reading.explicit_year, reading.from_anchor)


# --- helpers (pure functions) ------------------------------------------------------------------


def ref_value(value: str, scope: Scope) -> TimeValue:
    """PAST_REF / PRESENT_REF / FUTURE_REF with bounds open on the side the words leave open."""
    earliest = scope.anchor_days[0] if scope.anchor_days else None
    latest = scope.anchor_days[-1] if scope.anchor_days else None
    if value == "PAST_REF":
        return TimeValue(value, "none", None, latest)
    if value == "FUTURE_REF":
        return TimeValue(value, "none", earliest, None)
    return TimeValue(value, "none", earliest, latest)


def _month_day_value(year: int, month: int, day: int | None) -> str | None:
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _unknown_year(month: int, day: int | None) -> TimeValue:
    value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    return TimeValue(value, "day" if day else "month", None, None)


def _closest_year(anchor: dt.date, month: int, tense: int, months: int = 1) -> int:
    """Pick the year for a month (or a span of ``months`` from it) named without a year.

    Past clauses take the latest span starting by the anchor's month, future clauses the
    earliest span not ended before it, others the nearest span (ties go to the future).
    The rule is documented in docs/TIME.md.
    """
    now = anchor.year * 12 + anchor.month - 1
    starts = [(anchor.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if tense < 0:
        chosen = max(c for c in starts if c <= now + 1)
    elif tense > 0:
        # A quarter just ended is still spoken of in the future until its results are out
        # (reports come within three months).
        grace = min(months, 3) if months > 1 else 0
        chosen = min(c for c in starts if c + months - 1 + grace >= now)
    else:
        chosen = min(starts, key=lambda c: (max(c - now, now - (c + months - 1), 0), -c))
    return chosen // 12


def _year_of_weekday(anchor: dt.date, month: int, day: int, weekday: int, guess: int | None) -> int | None:
    """The year nearest the anchor (then ``guess``) in which month/day falls on ``weekday``."""
    near = _closest_year(anchor, month, 0)
    centres = [near, guess] if guess is not None else [near]
    for offset in (0, -1, 1, -2, 2, -3, 3):
        for centre in centres:
            try:
                if dt.date(centre + offset, month, day).isoweekday() == weekday:
                    return centre + offset
            except ValueError:
                continue
    return None


def _shifted_month_year(anchor: dt.date, month: int, shift: int) -> int:
    """The year of "last/this/next May": the latest before, the one of, or the first after the anchor."""
    if shift < 0:
        return anchor.year if month < anchor.month else anchor.year - 1
    if shift > 0:
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year


# A holiday named in a past clause may still lie just ahead of the anchor, as a month may
# (``_closest_year``): "announced a ceasefire over the Christmas holidays" four days before them.
_PAST_HOLIDAY_GRACE = dt.timedelta(days=31)


def _choose_by_tense(options: list[dt.date], anchor: dt.date, tense: int) -> dt.date | None:
    """The occurrence of a holiday a clause speaks of: by its tense, else the nearest."""
    if not options:
        return None
    if tense < 0:
        past = [d for d in options if d <= anchor + _PAST_HOLIDAY_GRACE]
        return max(past) if past else None
    if tense > 0:
        future = [d for d in options if d >= anchor]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - anchor).days), -d.toordinal()))


def _choose_season(anchor: dt.date, code: str, shift: int | None, tense: int) -> Period | None:
    candidates = [(anchor.year + k, season_bounds(anchor.year + k, code)) for k in (-2, -1, 0, 1)]
    current = season_bounds(*season_of(anchor))
    if shift is not None and shift < 0:
        chosen = [c for c in candidates if c[1][1] < current[0]][-1]
    elif shift is not None and shift > 0:
        chosen = next(c for c in candidates if c[1][0] > current[1])
    elif shift is None and tense < 0:
        chosen = [c for c in candidates if c[1][0] <= anchor][-1]
    elif shift is None and tense > 0:
        chosen = next(c for c in candidates if c[1][1] >= anchor)
    else:
        chosen = min(candidates, key=lambda c: (_distance(c[1], anchor), -c[0]))
    return f"{chosen[0]:04d}-{code}", chosen[1]


def _distance(bounds: Bounds, day: dt.date) -> int:
    if bounds[0] <= day <= bounds[1]:
        return 0
    return min(abs((bounds[0] - day).days), abs((bounds[1] - day).days))


def _choose_weekday(anchor: dt.date, weekday: int, shift: int | None, tense: int) -> dt.date:
    back = (anchor.isoweekday() - weekday) % 7
    forward = (weekday - anchor.isoweekday()) % 7
    if shift is not None and shift < 0:
        return anchor - dt.timedelta(days=back or 7)
    if shift is not None and shift > 0:
        return anchor + dt.timedelta(days=forward or 7)
    if shift == 0:
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    if tense > 0:
        return anchor + dt.timedelta(days=forward)
    if tense == 0 and forward == 1:
        return anchor + dt.timedelta(days=1)
    return anchor - dt.timedelta(days=back)


def _period(anchor: dt.date, unit: str, shift: int) -> Period | None:
    value = period_of(anchor, unit, shift)
    return _period_value(value) if value else None


def _period_value(value: str) -> Period | None:
    bounds = period_bounds(value)
    return (value, bounds) if bounds else None


def _unknown_period(unit: str) -> TimeValue:
    shapes = {
        "D": "XXXX-XX-XX",
        "W": "XXXX-WXX",
        "WE": "XXXX-WXX-WE",
        "M": "XXXX-XX",
        "Q": "XXXX-QX",
        "Y": "XXXX",
        "DE": "XXX",
        "CE": "XX",
        "SEA": "XXXX-XX",
    }
    value = shapes.get(unit, "XXXX-XX-XX")
    return TimeValue(value, period_granularity(value), None, None)


def _parse_deictic(text: str) -> tuple[int, str, str | None]:
    parts = text.split()
    return int(parts[0]), parts[1], parts[2] if len(parts) > 2 else None


def _with_part(kind: str, value: TimeValue, part: str | None, explicit_year: bool = False) -> Reading:
    if part is None or value.granularity != "day":
        return Reading(kind, value, explicit_year)
    timed = TimeValue(f"{value.value}T{part}", "time", value.earliest, value.latest)
    return Reading("TIME", timed, explicit_year)


def _nth_weekday(year: int, rule_text: str) -> dt.date:
    """``MM-W#N``: the N-th weekday W (1 = Monday) of month MM; N = -1 is the last one."""
    month_text, rest = rule_text.split("-", 1)
    weekday_text, nth_text = rest.split("#")
    month, weekday, nth = int(month_text), int(weekday_text), int(nth_text)
    first = dt.date(year, month, 1)
    first_match = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    if nth > 0:
        return first_match + dt.timedelta(weeks=nth - 1)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _valid_clock(hour: int, minute: int) -> bool:
    return 0 <= minute <= 59 and (0 <= hour < 24 or (hour == 24 and minute == 0))


def _weekend_saturday(anchor: dt.date, tense: int) -> dt.date:
    """Saturday of the weekend meant: the coming one for future clauses, else the last one.

    A Sunday anchor belongs to the weekend that started the day before.
    """
    to_saturday = 6 - anchor.isoweekday()
    if tense > 0:
        return anchor + dt.timedelta(days=to_saturday if to_saturday >= -1 else 6)
    return anchor + dt.timedelta(days=to_saturday if to_saturday <= 0 else to_saturday - 7)


def _at_day(day: TimeValue | None, clock: str, scope: Scope) -> TimeValue:
    if day is not None and day.granularity == "day":
        return TimeValue(f"{day.value}T{clock}", "time", day.earliest, day.latest)
    if day is not None:
        return TimeValue(f"XXXX-XX-XXT{clock}", "time", day.earliest, day.latest)
    if not scope.anchor_days:
        return TimeValue(f"XXXX-XX-XXT{clock}", "time", None, None)
    first, last = scope.anchor_days[0], scope.anchor_days[-1]
    value = merge_values(f"{first.isoformat()}T{clock}", f"{last.isoformat()}T{clock}")
    return TimeValue(value, "time", first, last)


def _twelve_hour(hour: int, ampm: Any, part: str | None) -> int | None:
    if ampm == "pm":
        return hour + 12 if hour < 12 else hour if hour == 12 else None
    if ampm == "am":
        return 0 if hour == 12 else hour if hour < 12 else None
    if part in ("AF", "EV") and hour < 12:
        return hour + 12
    if part == "NI" and 6 <= hour < 12:
        return hour + 12
    return hour


def _steps(count: float, unit: str) -> tuple[int | None, str]:
    """Whole steps of a calendar unit for ``count`` units (hours count as the same day)."""
    if unit in ("H", "MIN", "S", "NI", "EV"):
        return 0, "D"
    if unit == "HY":
        count, unit = count * 6, "M"
    if count != int(count):
        return None, unit
    return int(count), unit


def _format_number(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def _unit_granularity(unit: str) -> Any:
    return {
        "Y": "year",
        "M": "month",
        "W": "week",
        "WE": "week",
        "D": "day",
        "Q": "quarter",
        "HY": "quarter",
        "DE": "decade",
        "CE": "century",
        "SEA": "season",
    }.get(unit, "time")


def _set_granularity(value: str) -> Any:
    if value.startswith("XXXX-WXX"):
        return "time" if "T" in value else "day"
    if value.startswith("XXXX-"):
        return "month"
    return _unit_granularity({"Y": "Y", "M": "M", "W": "W", "D": "D"}.get(value[-1], "H"))


def _holiday_date(rule_text: str, year: int) -> dt.date | None:
    if rule_text.startswith("easter"):
        return easter_sunday(year) + dt.timedelta(days=int(rule_text[6:]))
    if "#" in rule_text:
        return _nth_weekday(year, rule_text)
    day_text, _, weekday_text = rule_text.partition(">")
    month, day = (int(x) for x in day_text.split("-"))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if weekday_text:
        # "MM-DD>W": the first weekday W on or after that day (US Election Day: 11-02>2).
        date += dt.timedelta(days=(int(weekday_text) - date.isoweekday()) % 7)
    return date
