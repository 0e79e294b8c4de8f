"""Per-text state of normalisation: the anchor, the dates already read, tense cues.

A ``Scope`` lives for one ``TimeTagger.tag`` call.  It answers "relative to what?":

- deictic words (gestern, last week, vor drei Jahren) are resolved against the *anchor*
  (publication date).  An anchor coarser than a day (``2017-03``) is handled by resolving at
  its first and its last day and merging: equal results are kept, differing parts become ``X``
  (``2017-WXX``) and the bounds cover both;
- under-specified dates (``im April``, ``am 18. September``, ``am Montag``) take their year
  from the anchor, or from a date far in the past that the text narrates *close by*: in the
  same sentence, or in the sentence before when the expression opens its sentence ("Im März
  1992 verlor die Statue ihre Nase. Im April ...").  Never from a year named elsewhere in the
  article: "March's attack on Skripal" stays in the publication year whatever "the 1925
  Geneva Protocol" further down says;
- clock times take the day of the last day-precise date of the same or the previous sentence,
  else the publication date; anaphoric words (Vortag, am selben Tag, zwei Tage später) also
  the last day read further back if it is within a year of the anchor;
- a text that, read as a whole, narrates far-away dates again and again and hardly speaks
  from its date is a *history* (an encyclopaedia article whose date is when it was copied):
  it is read a second time, counting from the year its story is at.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from lagebild.model import TimeValue
from lagebild.time.calendar import Bounds, merge_values, period_bounds, period_granularity

Period = tuple[str, Bounds | None]
"""A value string with the days it covers (``None`` when unknown)."""

_CLAUSE_END = re.compile(r"[.!?;:\n]")
_WORD = re.compile(r"\w+")
_PART_MARK = re.compile(r",|\s(?:_|--|–|—)\s")
"""Marks that cut a clause into parts: commas and dashes (" _ " in agency copy, " -- ")."""
_REPORTED = re.compile(r"^(\d{4})-([QH]\d)$")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")
_MARKER_REACH = 30
"""How many characters before an expression are searched for a tense marker (as soon as ...)."""
_NARRATED = frozenset({"day", "time", "week", "month", "season", "quarter"})
"""Granularities of a narrated date: finer than a year."""
_OPENING_WORDS = 2
"""At most this many words before an expression that opens its sentence (Noch im April ...)."""
_HEADING_CHARS = 100
"""The longest line that can be a heading ("1862", "Der deutsche Angriff auf Polen 1939")."""
HISTORY_MIN_NARRATED = 3
"""A history names at least this many far-away dates finer than a year (Juni 1941, 22. Juni 1941)."""
HISTORY_RATIO = 2
"""... and more than this many times as many far-away years as expressions speaking from the anchor."""


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


@dataclass(frozen=True)
class PossibilityCues:
    """Modals of possibility that look ahead when an act follows them ("Iran could attack Israel
    on Friday": the coming Friday), but not before a state ("could be located Wednesday")."""

    modals: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()  # words between the modal and its verb ("not", "also")

    def plans(self, words: list[str], index: int) -> bool:
        """Whether ``words[index]`` is such a modal (in lower case: "May" is the month) before an act."""
        if words[index] not in self.modals:
            return False
        following = index + 1
        while following < len(words) and words[following].lower() in self.skipped:
            following += 1
        return following < len(words) and words[following].lower() not in self.states


@dataclass(frozen=True)
class Mark:
    """A date read in the text, kept as what later expressions may count from."""

    first: dt.date
    last: dt.date
    sentence: int
    end: int
    narrated: bool
    """Month precision or finer (a narrated date), not a bare year or decade."""
    far: bool
    """More than one year away from the anchor's year (always true without an anchor)."""

    @property
    def year(self) -> int:
        """The year the date lies in."""
        return self.first.year

    @property
    def day(self) -> dt.date | None:
        """The day, for a day-precise date."""
        return self.first if self.first == self.last else None


@dataclass
class Scope:
    """The anchor and what the text has said so far, for one text.

    ``history`` is decided for the whole text (see ``reads_as_history``): a news text counts
    only from its anchor and from dates of the same or the previous sentence; a history counts
    from the year it narrates.
    """

    text: str
    anchor: TimeValue | None
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    past_suffixes: tuple[str, ...] = ()
    markers: TenseMarkers = field(default_factory=TenseMarkers)
    sentence_starts: tuple[int, ...] = (0,)
    history: bool = False
    clause_openers: frozenset[str] = frozenset()
    """Words that open a clause of their own (that, when; dass, wenn): they bound the tense cues."""
    passive_auxiliaries: frozenset[str] = frozenset()
    """Present forms of *be* (is, are, be): a participle after them is no past cue ("is heard")."""
    possibility: PossibilityCues = field(default_factory=PossibilityCues)
    last_date: Mark | None = None
    last_day: Mark | None = None
    last_year: Mark | None = None
    story_year: Mark | None = None
    far_years: int = 0
    far_narrated: int = 0
    near_mentions: int = 0
    first_far_year: int | None = None
    first_story_year: int | None = None
    last_day_value: tuple[str, int] | None = None
    """The value and end of the last day-precise date read, also without bounds (XXXX-04-24)."""
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

    def sentence_of(self, position: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def opens_sentence(self, position: int) -> bool:
        """Whether an expression at ``position`` opens its sentence (Im April ..., On May 3, ...).

        A fronted time adverbial carries on the timeline of the sentence before.
        """
        before = self.text[self.sentence_starts[self.sentence_of(position)] : position]
        return len(_WORD.findall(before)) <= _OPENING_WORDS

    def _near(self, mark: Mark | None, position: int) -> Mark | None:
        """``mark`` if it was read in the same sentence as ``position`` or in the one before."""
        if mark is None or mark.sentence < self.sentence_of(position) - 1:
            return None
        return mark

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
        """Like ``over_anchor``, but count from a far-away day the text is narrating.

        In news that day must be in the same or the previous sentence ("Am 3. Mai 1992 ... Am
        Montag darauf"); "nächste Woche" after a historical date two paragraphs up still counts
        from the publication date.
        """
        narrative = self.narrative_day(position)
        if narrative is not None:
            return merge_periods([resolve(narrative)])
        return self.over_anchor(resolve)

    def narrative_year(self, start: int, end: int | None = None, anaphoric: bool = False) -> int | None:
        """The far-away year an expression without a year takes from the text, if any.

        News (see ``_narrated``): the year of a date (month precision or finer) read close
        before, unless the clause speaks of the future (``end`` given); a year written alone
        counts only for ``anaphoric`` expressions such as "Ende des Jahres".  History: the
        year the story is at.
        """
        if self.history:
            return self._history_year(start if anaphoric else None)
        candidates = [self.last_date, self.last_year if anaphoric else None]
        marks = [m for m in candidates if m is not None]
        mark = self._narrated(max(marks, key=lambda m: m.end), start) if marks else None
        if mark is None:
            return None
        if end is not None and self.anchor_days and self.tense(start, end, since=mark.end) > 0:
            return None
        return mark.year

    def _narrated(self, mark: Mark | None, start: int) -> Mark | None:
        """``mark`` if a news text narrates it at ``start``, else ``None``.

        It must lie more than a year before the anchor (a far future date, such as a bond's
        maturity, starts no story) and stand in the same sentence, or in the previous one
        when the expression opens its sentence ("Im März 1992 verlor ... Im April brachte").
        """
        if mark is None or not mark.far:
            return None
        if self.anchor_days and mark.year > self.anchor_days[0].year:
            return None
        sentence = self.sentence_of(start)
        if mark.sentence == sentence or (mark.sentence == sentence - 1 and self.opens_sentence(start)):
            return mark
        return None

    def _history_year(self, start: int | None = None) -> int | None:
        """The year a history is at: that of its last narrated date or year heading.

        A year written alone in running text ("die Deklaration von Paris von 1856", "bis 1915")
        is mostly background or a look ahead; it counts only within its own and the next
        sentence, and only when ``start`` is given (anaphoric expressions).
        """
        mark = self.story_year
        if start is not None:
            near = self._near(self.last_year, start)
            if near is not None and (mark is None or near.end > mark.end):
                mark = near
        return mark.year if mark is not None and mark.far else None

    def narrative_day(self, position: int) -> dt.date | None:
        """The far-away day last read, if the text narrates it (see ``narrative_year``)."""
        if self.history:
            year = self._history_year()
            day = self.last_day
            return day.day if year is not None and day is not None and day.year == year else None
        mark = self._narrated(self.last_day, position)
        return mark.day if mark is not None else None

    def reference_start(self, position: int, unit: str) -> dt.date | None:
        """The first day of the period "the following month", "a year earlier" count from.

        Days count from ``reference_day``; weeks, months and years from the last date read
        (a year named alone counts for years), under the same conditions as anaphoric days.
        """
        if unit == "D":
            return self.reference_day(position, anaphoric=True)
        marks = [m for m in (self.last_date, self.last_year if unit == "Y" else None) if m is not None]
        mark = max(marks, key=lambda m: m.end) if marks else None
        if mark is not None and (self.history or self._near(mark, position) or not mark.far):
            return mark.first
        return self.anchor_days[0] if len(self.anchor_days) == 1 else None

    def reference_day(self, position: int, anaphoric: bool = False) -> dt.date | None:
        """The day clock times and ``anaphoric`` words (Vortag, the next day) count from.

        News: the last day-precise date of the same or the previous sentence, else the anchor
        day (``None`` for a coarser anchor); anaphoric words also take a day read further back
        if it lies within a year of the anchor (they always speak of the day in focus, but a
        far-away year must be named close by).  History: the last day-precise date read.
        """
        mark = self.last_day if self.history else self._near(self.last_day, position)
        if mark is None and anaphoric and self.last_day is not None and not self.last_day.far:
            mark = self.last_day
        if mark is not None:
            return mark.day
        return self.anchor_days[0] if len(self.anchor_days) == 1 else None

    def note(
        self, value: TimeValue, start: int, end: int, explicit_year: bool, from_anchor: bool = False
    ) -> None:
        """Remember a resolved date as reference for what follows.

        ``from_anchor`` marks expressions that speak from the anchor (gestern, last week).
        """
        self.near_mentions += from_anchor
        if _DAY_VALUE.match(value.value):
            self.last_day_value = (value.value, end)
        earliest, latest = value.earliest, value.latest
        if earliest is None or latest is None or earliest.year != latest.year:
            return
        narrated = value.granularity in _NARRATED
        far = not self.anchor_days or abs(self.anchor_days[0].year - earliest.year) > 1
        mark = Mark(earliest, latest, self.sentence_of(start), end, narrated, far)
        if narrated:
            self.last_date = mark
        if mark.day is not None:
            self.last_day = mark
        if explicit_year:
            self.last_year = mark
            if narrated or _in_heading(self.text, start, end):
                self.story_year = mark
                if mark.far and self.first_story_year is None:
                    self.first_story_year = mark.year
            self._count_year(mark)

    def note_from_anchor(self) -> None:
        """Count an expression that speaks from the anchor but dates nothing (vor drei Jahren)."""
        self.near_mentions += 1

    def _count_year(self, mark: Mark) -> None:
        if not self.anchor_days:
            return
        if mark.far:
            self.far_years += 1
            self.far_narrated += mark.narrated
            if self.first_far_year is None:
                self.first_far_year = mark.year
        else:
            self.near_mentions += 1

    def reads_as_history(self) -> bool:
        """Whether the whole text, once read, is a history rather than news.

        A history narrates dates (a day or a month with its year) far from the anchor, again
        and again, and hardly speaks from the anchor (gestern, am Freitag, last week, a year
        near the anchor).  News that mentions old years ("the 1925 Geneva Protocol") is not one.
        """
        return (
            self.first_far_year is not None
            and self.far_narrated >= HISTORY_MIN_NARRATED
            and self.far_years > HISTORY_RATIO * self.near_mentions
        )

    def primed(self) -> Scope:
        """A fresh scope for reading a history: it starts in the first year it names.

        Histories often name their years only after the first dates ("Am 4. Juli …" under a
        heading with the year); reading them again from that year gives those dates the
        story's year.
        """
        fresh = Scope(
            self.text,
            self.anchor,
            self.future_cues,
            self.past_cues,
            self.past_suffixes,
            self.markers,
            self.sentence_starts,
            history=True,
            clause_openers=self.clause_openers,
            passive_auxiliaries=self.passive_auxiliaries,
            possibility=self.possibility,
        )
        if self.first_story_year is not None:
            year = self.first_story_year
            fresh.story_year = Mark(dt.date(year, 1, 1), dt.date(year, 12, 31), 0, -1, True, True)
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

    def tense(self, start: int, end: int, since: int = 0) -> int:
        """Return -1 for a past, +1 for a future, 0 for an undecided clause around a span.

        A tense marker right before the span (until, since ...) decides alone.  Otherwise the
        tense cues of the part of the clause around the span decide, else those of the whole
        clause.  A part ends at commas and at words that open a clause of their own ("said
        Tuesday that he would leave Thursday": *Tuesday* is read with *said*, *Thursday* with
        *would*).  ``since`` cuts off the words before it (those of a date the expression
        might count from).
        """
        marked = self.markers.tense_before(self.text, start)
        if marked:
            return marked
        clause_start = max(since, _clause_start(self.text, start))
        clause_end = _clause_end(self.text, end)
        opener = self._last_opener(clause_start, start)
        part_start = max(clause_start, _last_part_mark(self.text, clause_start, start), opener)
        part_end = min(_first_part_mark(self.text, end, clause_end), self._first_opener(end, clause_end))
        part = self._cues(self.text[part_start:part_end])
        if part or (opener > clause_start and opener == part_start):
            # A clause of its own ("when the case is heard in May") has its own tense.
            return part
        if part_start == clause_start and part_end < clause_end and self.text[part_end] == ",":
            # A fronted adverbial ("On Tuesday, the league plans to ...") takes the main clause's tense.
            following = self.text[part_end + 1 : _first_part_mark(self.text, part_end + 1, clause_end)]
            main = self._cues(following)
            if main:
                return main
        return self._cues(self.text[clause_start:clause_end])

    def _last_opener(self, begin: int, stop: int) -> int:
        """Where the last clause-opening word between ``begin`` and ``stop`` starts, else ``begin``."""
        found = begin
        for word in _WORD.finditer(self.text, begin, stop):
            if word.group().lower() in self.clause_openers:
                found = word.start()
        return found

    def _first_opener(self, begin: int, stop: int) -> int:
        """Where the first clause-opening word between ``begin`` and ``stop`` starts, else ``stop``."""
        for word in _WORD.finditer(self.text, begin, stop):
            if word.group().lower() in self.clause_openers:
                return word.start()
        return stop

    def _cues(self, clause: str) -> int:
        past = future = 0
        previous = ""
        words = _WORD.findall(clause)
        for index, word in enumerate(words):
            lowered = word.lower()
            if lowered in self.future_cues or self.possibility.plans(words, index):
                future += 1
            elif lowered in self.past_cues:
                past += 1
            elif _past_form(word, self.past_suffixes) and previous not in self.passive_auxiliaries:
                # "is heard", "will be held": a participle after a present auxiliary is no past.
                past += 1
            previous = lowered
        return (future > past) - (past > future)


def _last_part_mark(text: str, begin: int, stop: int) -> int:
    """Where the part after the last comma or dash between ``begin`` and ``stop`` starts."""
    marks = [m.end() for m in _PART_MARK.finditer(text, begin, stop)]
    return marks[-1] if marks else begin


def _first_part_mark(text: str, begin: int, stop: int) -> int:
    """Where the first comma or dash between ``begin`` and ``stop`` is, else ``stop``."""
    found = _PART_MARK.search(text, begin, stop)
    return found.start() if found else stop


def _past_form(word: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a word of five letters or more has a past-tense ending (*announced*).

    Capitalised words are names ("United States", "Reed"), not verbs.
    """
    return len(word) > 4 and word[0].islower() and word.endswith(suffixes)


def _in_heading(text: str, start: int, end: int) -> bool:
    """Whether a span stands in a heading: a short line that does not end like a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return len(line) <= _HEADING_CHARS and not line.endswith((".", "!", "?", ":", ";", ",", '"', "“", "»"))


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
