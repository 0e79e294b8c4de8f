"""Per-text state of normalisation: the anchor, the dates already read, tense cues.

A ``Scope`` lives for one ``TimeTagger.tag`` call.  It answers "relative to what?":

- deictic words (gestern, last week) are resolved against the *anchor* (publication date).  An
  anchor coarser than a day (``2017-03``) is handled by resolving at its first and its last day
  and merging: equal results are kept, differing parts become ``X`` (``2017-WXX``) and the
  bounds cover both;
- under-specified dates (``im April``, ``am 18. September``) take their year from the anchor,
  unless the text is narrating another time: when the last explicit year in the text lies more
  than a year away from the anchor, that year is used if it was written close enough before, or
  anywhere before in a text that so far names more far-away years than near ones (a history);
- anaphoric words (Vortag, am selben Tag, zwei Tage später) and clock times refer to the last
  day-precise date read in the text, or else the anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from lagebild.model import TimeValue
from lagebild.time.calendar import Bounds, merge_values, period_bounds, period_granularity

Period = tuple[str, Bounds | None]
"""A value string with the days it covers (``None`` when unknown)."""

_CLAUSE_END = re.compile(r"[.!?;:\n]")
_WORD = re.compile(r"\w+")
_REPORTED = re.compile(r"^(\d{4})-([QH]\d)$")
_MARKER_REACH = 30
"""How many characters before an expression are searched for a tense marker (as soon as ...)."""


@dataclass(frozen=True)
class TenseMarkers:
    """Words right before an expression that fix its tense (until Friday, payable Dec. 7, since May).

    They outweigh the clause's tense cues: the governing word stands next to the expression.
    The longest marker wins, so "up until" (past) can override "until" (future).
    """

    phrases: tuple[tuple[str, int], ...] = ()

    @classmethod
    def from_lists(cls, lists: Mapping[str, frozenset[str]]) -> TenseMarkers:
        """Build from the ``future_markers`` / ``past_markers`` lists of a language."""
        signed = [(p, 1) for p in _phrases(lists.get("future_markers", ()))]
        signed += [(p, -1) for p in _phrases(lists.get("past_markers", ()))]
        return cls(tuple(sorted(signed, key=lambda item: -len(item[0]))))

    def tense_before(self, text: str, start: int) -> int:
        """+1 / -1 when a future / past marker ends right before ``start``, else 0."""
        before = " " + " ".join(text[max(0, start - _MARKER_REACH) : start].lower().split())
        for phrase, sign in self.phrases:
            if before.endswith(" " + phrase):
                return sign
        return 0


def _phrases(words: frozenset[str] | tuple[str, ...]) -> list[str]:
    return sorted({" ".join(w.lower().split()) for w in words})


@dataclass
class Scope:
    """The anchor and what the text has said so far, for one text."""

    text: str
    anchor: TimeValue | None
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    past_suffixes: tuple[str, ...] = ()
    markers: TenseMarkers = field(default_factory=TenseMarkers)
    strong_reach: int = 1500
    weak_reach: int = 300
    ref_day: dt.date | None = None
    ref_day_end: int = -1
    clock_reach: int = 400
    ref_year: int | None = None
    ref_year_end: int = -1
    ref_year_strong: bool = False
    far_years: int = 0
    near_mentions: int = 0
    first_far_year: int | None = None
    reported: str | None = None
    reported_end: int = -1
    reported_reach: int = 2500
    anchor_days: tuple[dt.date, ...] = field(default=())

    def __post_init__(self) -> None:
        anchor = self.anchor
        if anchor is None or anchor.earliest is None or anchor.latest is None:
            self.anchor_days = ()
        elif anchor.earliest == anchor.latest:
            self.anchor_days = (anchor.earliest,)
        else:
            self.anchor_days = (anchor.earliest, anchor.latest)

    @property
    def anchor_year(self) -> int | None:
        """The anchor's year when it is one year, else ``None``."""
        years = {d.year for d in self.anchor_days}
        return years.pop() if len(years) == 1 else None

    def over_anchor(
        self, resolve: Callable[[dt.date], Period | None], named: bool = False
    ) -> TimeValue | None:
        """Resolve against every extreme day of the anchor and merge the answers honestly.

        ``named`` marks values that name a calendar unit (a month, a season) rather than count
        from the anchor; see ``merge_values``.
        """
        if not self.anchor_days:
            return None
        periods = [resolve(day) for day in self.anchor_days]
        return merge_periods(periods, named)

    def over_base(self, resolve: Callable[[dt.date], Period | None], position: int) -> TimeValue | None:
        """Like ``over_anchor``, but a history counts from the last day it narrated.

        Only a text in narrating mode (see ``narrating``) moves the base: in news, "nächste Woche"
        after a historical date still counts from the publication date.
        """
        narrative = self.narrative_day(position) if self.narrating else None
        if narrative is not None:
            return merge_periods([resolve(narrative)])
        return self.over_anchor(resolve)

    def narrative_year(self, position: int, anaphoric: bool = False) -> int | None:
        """The year a narrating text is at, if it is far from the anchor (see module doc).

        A year written alone (not in a full date) counts only for ``anaphoric`` expressions
        such as "Ende des Jahres": in news a bare year is mostly background.
        """
        if self.ref_year is None:
            return None
        anchor_year = self.anchor_days[0].year if self.anchor_days else None
        if anchor_year is None:
            return self.ref_year
        if abs(anchor_year - self.ref_year) <= 1:
            return None
        if self.narrating:
            return self.ref_year
        if not (self.ref_year_strong or anaphoric):
            return None
        reach = self.strong_reach if self.ref_year_strong else self.weak_reach
        return self.ref_year if position - self.ref_year_end <= reach else None

    @property
    def narrating(self) -> bool:
        """Whether the text so far names more far-away years than it speaks from the anchor.

        News speaks from its date (gestern, am Freitag, this week, a year near the anchor);
        a history names year after year far from it.
        """
        return self.far_years >= 2 and self.far_years > self.near_mentions

    def narrative_day(self, position: int) -> dt.date | None:
        """The last day read, when the text narrates a year far from the anchor."""
        year = self.narrative_year(position)
        if year is not None and self.ref_day is not None and self.ref_day.year == year:
            return self.ref_day
        return None

    def reference_day(self, position: int | None = None) -> dt.date | None:
        """The last day-precise date in the text, else the anchor day if the anchor is one day.

        With ``position`` (clock times), a day read long before no longer counts: beyond
        ``clock_reach`` characters the anchor day is taken instead (not in a history).
        """
        recent = position is None or self.narrating or position - self.ref_day_end <= self.clock_reach
        if self.ref_day is not None and recent:
            return self.ref_day
        return self.anchor_days[0] if len(self.anchor_days) == 1 else self.ref_day

    def note(self, value: TimeValue, end: int, explicit_year: bool, from_anchor: bool = False) -> None:
        """Remember a resolved date as reference for what follows.

        ``from_anchor`` marks expressions that speak from the anchor (gestern, last week).
        """
        self.near_mentions += from_anchor
        if value.earliest is not None and value.earliest == value.latest:
            self.ref_day = value.earliest
            self.ref_day_end = end
        if explicit_year and value.earliest is not None:
            self.ref_year = value.earliest.year
            if self.anchor_days and abs(self.anchor_days[0].year - self.ref_year) > 1:
                self.far_years += 1
                if self.first_far_year is None:
                    self.first_far_year = self.ref_year
            else:
                self.near_mentions += 1
            self.ref_year_end = end
            self.ref_year_strong = value.granularity in ("day", "month", "week", "time", "season", "quarter")

    def primed(self) -> Scope:
        """A fresh scope for a second reading of a history: it starts in the first year it names.

        Histories often name their years only after the first dates ("Am 4. Juli …" under a
        heading with the year); the second reading gives those dates the story's year.
        """
        fresh = Scope(
            self.text, self.anchor, self.future_cues, self.past_cues, self.past_suffixes, self.markers
        )
        fresh.ref_year = self.first_far_year
        fresh.ref_year_strong = True
        fresh.far_years = 2
        return fresh

    def note_reported(self, value: TimeValue, end: int) -> None:
        """Remember a named quarter or half-year as the period a report speaks of."""
        if _REPORTED.match(value.value):
            self.reported, self.reported_end = value.value, end

    def reported_period(self, position: int, years: int = 0) -> str | None:
        """The quarter or half-year the text last named (financial reporting), moved by ``years``.

        Company results speak of one period: "the quarter", "a year ago" and "the year-ago
        period" then mean that period (or the same period a year before).
        """
        if self.reported is None or position - self.reported_end > self.reported_reach:
            return None
        found = _REPORTED.match(self.reported)
        return f"{int(found.group(1)) + years:04d}-{found.group(2)}" if found else None

    def tense(self, start: int, end: int) -> int:
        """Return -1 for a past, +1 for a future, 0 for an undecided clause around a span.

        A tense marker right before the span (until, since ...) decides alone.
        """
        marked = self.markers.tense_before(self.text, start)
        if marked:
            return marked
        clause = self.text[_clause_start(self.text, start) : _clause_end(self.text, end)]
        past = future = 0
        for word in _WORD.findall(clause):
            lowered = word.lower()
            if lowered in self.future_cues:
                future += 1
            elif lowered in self.past_cues or (len(lowered) > 4 and lowered.endswith(self.past_suffixes)):
                past += 1
        return (future > past) - (past > future)


def _clause_start(text: str, position: int) -> int:
    window_start = max(0, position - 200)
    found = [m.end() for m in _CLAUSE_END.finditer(text, window_start, position)]
    return found[-1] if found else window_start


def _clause_end(text: str, position: int) -> int:
    match = _CLAUSE_END.search(text, position, position + 200)
    return match.start() if match else min(len(text), position + 200)


def make_value(value: str, bounds: Bounds | None = None) -> TimeValue:
    """Build a TimeValue from a value string, computing its bounds when not given."""
    if bounds is None:
        bounds = period_bounds(value.split("T", 1)[0])
    earliest, latest = bounds if bounds else (None, None)
    return TimeValue(value, period_granularity(value), earliest, latest)


def merge_periods(periods: Sequence[Period | None], named: bool = False) -> TimeValue | None:
    """Merge the periods found for each anchor extreme into one honest TimeValue."""
    if not periods or any(p is None for p in periods):
        return None
    values = [p[0] for p in periods if p is not None]
    merged = values[0]
    for other in values[1:]:
        merged = merge_values(merged, other, named)
    bounds = [p[1] for p in periods if p is not None]
    if any(b is None for b in bounds):
        return TimeValue(merged, period_granularity(values[0]), None, None)
    earliest = min(b[0] for b in bounds if b)
    latest = max(b[1] for b in bounds if b)
    return TimeValue(merged, period_granularity(values[0]), earliest, latest)
