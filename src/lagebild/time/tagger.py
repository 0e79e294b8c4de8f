"""The temporal tagger: one engine, per-language data files.

``load_time_tagger("de")`` reads ``lang/de/time*.toml``, compiles its rules once into a single
regular expression held on the tagger, and ``tag(text, anchor)`` returns the time expressions
of a text normalised to TIMEX3 values against the anchor (usually the publication date).

How a text is scanned: a cheap trigger expression (a prefix tree of month names, units,
weekdays ...) finds the places where a time expression can be; the rule alternation runs only
in windows around them.  Matches are taken left to right, non-overlapping; at one position the
first rule in file order wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Literal, cast

from lagebild.lang import load_text_rules
from lagebild.model import TimeExpression, TimeValue
from lagebild.nlp.sentences import SentenceSplitter
from lagebild.time.grammar import Grammar, compile_grammar
from lagebild.time.lexicon import TimeLexicon, available_languages, load_lexicon
from lagebild.time.normalise import Hit, Normaliser
from lagebild.time.scope import PossibilityCues, Scope, TenseMarkers

WINDOW_BEFORE = 32
"""How far before a trigger word an expression may start (determiners, modifiers, numbers)."""
WINDOW_AFTER = 24
"""How far after a trigger word an expression may go on (years, clock times)."""


class UnsupportedLanguageError(ValueError):
    """No time data ships for the requested language."""


class TimeTagger:
    """Finds and normalises time expressions of one language."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        self.language = lexicon.language
        self.grammar: Grammar = compile_grammar(lexicon)
        self.normaliser = Normaliser(lexicon)
        self.future_cues = frozenset(w.lower() for w in lexicon.lists.get("future_cues", ()))
        self.past_cues = frozenset(w.lower() for w in lexicon.lists.get("past_cues", ()))
        self.past_suffixes = tuple(sorted(lexicon.lists.get("past_suffixes", ())))
        self.markers = TenseMarkers.from_lists(lexicon.lists)
        self.clause_openers = frozenset(w.lower() for w in lexicon.lists.get("clause_openers", ()))
        self.passive_auxiliaries = frozenset(w.lower() for w in lexicon.lists.get("passive_auxiliaries", ()))
        lists = lexicon.lists
        self.possibility = PossibilityCues(
            frozenset(lists.get("possibility_modals", ())),
            frozenset(lists.get("modal_states", ())),
            frozenset(lists.get("modal_skips", ())),
        )
        self.splitter = SentenceSplitter(load_text_rules(lexicon.language))

    def tag(
        self, text: str, anchor: TimeValue | None, sentence_starts: Sequence[int] | None = None
    ) -> list[TimeExpression]:
        """Return the time expressions in ``text``, sorted and non-overlapping.

        ``anchor`` is the date the text speaks from (publication date, any precision) or
        ``None``; without it, relative expressions get placeholder values such as
        ``XXXX-03-30`` and no bounds.  ``sentence_starts`` are the offsets where the text's
        sentences start, for a caller that has split it already; else the tagger splits it
        with the language's sentence splitter (relative expressions count from dates of their
        own and the previous sentence).
        """
        if sentence_starts is None:
            sentence_starts = [s.start for s in self.splitter.split(text)]
        starts = tuple(sorted({0, *sentence_starts}))
        scope = Scope(
            text,
            anchor,
            self.future_cues,
            self.past_cues,
            self.past_suffixes,
            self.markers,
            starts,
            clause_openers=self.clause_openers,
            passive_auxiliaries=self.passive_auxiliaries,
            possibility=self.possibility,
        )
        matches = [
            m for start, end in self._windows(text) for m in self.grammar.pattern.finditer(text, start, end)
        ]
        found = self._read_all(matches, scope)
        if scope.reads_as_history():
            found = self._read_all(matches, scope.primed())
        return found

    def _read_all(self, matches: list[re.Match[str]], scope: Scope) -> list[TimeExpression]:
        """Normalise the matches in text order."""
        found = []
        for match in matches:
            expression = self._read(match.lastgroup or "", match, scope)
            if expression is not None:
                found.append(expression)
        return found

    def _read(self, group: str, match: re.Match[str], scope: Scope) -> TimeExpression | None:
        """Normalise one match and remember it as reference for the rest of the text."""
        rule = self.grammar.rules[group]
        slots = {short: match.group(name) for name, short in rule.slots if match.group(name) is not None}
        start, end = match.span()
        try:
            reading = self.normaliser.normalise(Hit(slots, rule, scope, start, end))
        except (ValueError, OverflowError):
            # Counting from an anchor at the calendar's ends (0001, 9999) leaves the years dates
            # can hold ("gestern" on 0001-01-01, "im Winter" of 9999): no value rather than a crash.
            reading = None
        if reading is None:
            return None
        if reading.type in ("DATE", "TIME"):
            scope.note(reading.value, start, end, reading.explicit_year, reading.from_anchor)
        elif reading.from_anchor:
            scope.note_from_anchor()
        if rule.spec.kind == "quarter":
            scope.note_reported(reading.value, end)
        kind = cast(Literal["DATE", "TIME", "DURATION", "SET"], reading.type)
        return TimeExpression(start, end, match.group(), kind, reading.value)

    def _windows(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield merged, sorted spans of text around trigger words."""
        current_start = current_end = -1
        for hit in self.grammar.trigger.finditer(text):
            start = max(0, hit.start() - WINDOW_BEFORE)
            end = min(len(text), hit.end() + WINDOW_AFTER)
            if start <= current_end:
                current_end = max(current_end, end)
                continue
            if current_end >= 0:
                yield current_start, current_end
            current_start, current_end = start, end
        if current_end >= 0:
            yield current_start, current_end


def load_time_tagger(language: str) -> TimeTagger:
    """Build the tagger for ``language`` ("de" or "en"); raises for languages without time data."""
    if language not in available_languages():
        raise UnsupportedLanguageError(
            f"no time tagger for language {language!r}; available: {', '.join(available_languages())}"
        )
    return TimeTagger(load_lexicon(language))
