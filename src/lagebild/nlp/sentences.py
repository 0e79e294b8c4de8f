"""Sentence splitting that respects abbreviations, ordinals and quotations.

No sentence is longer than ``MAX_SENTENCE_CHARS`` characters. A longer run (a legal text
without full stops, a table flattened into one line) is cut into pieces of at most that many
characters, each ending at the best break in its second half: after a semicolon, else a colon,
a dash between spaces, a comma, else at white space; a piece without any white space in its
second half is cut at the bound itself. The bound is far above news sentences (the longest in
the German and English corpora the project uses have under 1,400 characters), so it only
changes text that has no sentences to speak of, and it keeps the cost of every later stage
that works per sentence bounded: a document costs time in proportion to its length.

Every step here is linear in the length of the text: the quotation state of a sentence is
scanned once, not again for each candidate boundary, and the word before a period is looked
for in a bounded window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lagebild.lang import TextRules
from lagebild.model import Sentence

MAX_SENTENCE_CHARS = 2000
"""The most characters one sentence holds; longer runs are cut (see the module docstring)."""

# A candidate boundary: end punctuation, optional closing quotes or brackets, then white space.
# The look-behind and the possessive quantifiers keep a long run of marks from being tried again
# at each of its characters.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”“»«)\]]*+(?=\s)|\n\s*\n")
_WORD_BEFORE = re.compile(r"(\w+)\.$")
# Abbreviations, initials and ordinals are short: a longer word before a period is none of them.
_LONGEST_WORD = 40
_NEXT_WORD = re.compile(r"\s*[\"'„“”»«(\[]?(\w+)")
_OPENING = frozenset('„«“"')  # “ opens in English, closes in German; handled as a toggle below.
_QUOTES = re.compile(r"[„“”\"»«]")
# An unclosed quotation mark stops protecting text after this many characters, so one stray
# mark does not glue an article into a single sentence.
_MAX_QUOTE_SPAN = 600
# Where an over-long run is cut, best first; the cut falls right after the mark.
# A mark counts only before a space, so "10:30" and "3,5" are never cut.
_BREAK_MARKS: tuple[tuple[str, ...], ...] = (("; ",), (": ",), (" – ", " — ", " - "), (", ",))


@dataclass(frozen=True)
class SentenceSplitter:
    """Splits text into sentences using one language's abbreviations and ordinal rules."""

    rules: TextRules

    def split(self, text: str) -> tuple[Sentence, ...]:
        """Return the sentences of ``text`` with offsets into it (none longer than the bound)."""
        spans: list[tuple[int, int]] = []
        start = _skip_space(text, 0)
        quotes = _Quotes(text, start)
        for match in _BOUNDARY.finditer(text):
            end = match.end() if match.group().strip() else match.start()
            if end <= start or not self._is_boundary(text, start, match, quotes):
                continue
            spans.extend(_bounded(text, start, end))
            start = _skip_space(text, match.end())
            quotes = _Quotes(text, start)
        if start < len(text) and text[start:].strip():
            spans.extend(_bounded(text, start, len(text.rstrip())))
        return tuple(_sentence(text, index, start, end) for index, (start, end) in enumerate(spans))

    def _is_boundary(self, text: str, start: int, match: re.Match[str], quotes: _Quotes) -> bool:
        """Decide whether a candidate boundary really ends the sentence begun at ``start``."""
        if not match.group().strip():
            return True  # a blank line always ends a sentence
        next_word = _NEXT_WORD.match(text, match.end())
        if next_word is None:
            return True
        following = next_word.group(1)
        if following[0].islower():
            return False
        if match.group() == "." and self._period_is_part_of_word(text, start, match.start(), following):
            return False
        return not quotes.inside(match.end())

    def _period_is_part_of_word(self, text: str, start: int, position: int, following: str) -> bool:
        """Whether the period at ``position`` closes an abbreviation, initial or ordinal."""
        window = max(start, position - _LONGEST_WORD)
        before = _WORD_BEFORE.search(text, window, position + 1)
        if before is None or (before.start() == window > start and _is_word_char(text[window - 1])):
            return False  # no word, or one longer than the window: no abbreviation is that long
        word = before.group(1)
        if word in self.rules.abbreviations or (len(word) == 1 and word.isalpha()):
            return True
        return word.isdigit() and len(word) <= 2 and following in self.rules.ordinal_followers


class _Quotes:
    """The quotation marks of one sentence, read once from its start as boundaries are tried."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.scanned = start
        self.open_at: int | None = None

    def inside(self, position: int) -> bool:
        """Whether a quotation opened in this sentence is still open at ``position``.

        Positions must not decrease from one call to the next (boundaries are tried in order).
        """
        for mark in _QUOTES.finditer(self.text, self.scanned, position):
            char = mark.group()
            if self.open_at is None and char in _OPENING:
                self.open_at = mark.start()
            elif self.open_at is not None and char != "„":
                self.open_at = None
        self.scanned = max(self.scanned, position)
        return (
            self.open_at is not None
            and position - self.open_at < _MAX_QUOTE_SPAN
            and not _quote_closes_here(self.text, position)
        )


def _quote_closes_here(text: str, position: int) -> bool:
    """Whether the boundary itself already carries the closing mark (``… Ende.“ Dann``)."""
    return position > 0 and text[position - 1] in '“”"»«'


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``MAX_SENTENCE_CHARS`` characters."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = _best_break(text, start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        piece_end = cut
        while text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = _skip_space(text, cut)
    if start < end:
        yield start, end


def _best_break(text: str, low: int, high: int) -> int:
    """Where to cut between ``low`` and ``high``: right after the last mark of the best kind,
    else at the last white space, else at ``high``."""
    for marks in _BREAK_MARKS:
        ends = [at + len(mark) for mark in marks if (at := text.rfind(mark, low, high)) >= 0]
        if ends:
            return max(ends)
    for position in range(high - 1, low - 1, -1):
        if text[position].isspace():
            return position
    return high


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _skip_space(text: str, position: int) -> int:
    """Return the first index at or after ``position`` that is not white space."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _sentence(text: str, index: int, start: int, end: int) -> Sentence:
    """Build a sentence record (tokens are added by the tokenising stage)."""
    return Sentence(index=index, start=start, end=end, text=text[start:end])
