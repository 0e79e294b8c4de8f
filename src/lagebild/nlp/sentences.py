"""Sentence splitting that respects abbreviations, ordinals and quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.lang import TextRules
from lagebild.model import Sentence

# A candidate boundary: end punctuation, optional closing quotes or brackets, then white space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”“»«)\]]*(?=\s)|\n\s*\n")
_WORD_BEFORE = re.compile(r"(\w+)\.$")
_NEXT_WORD = re.compile(r"\s*[\"'„“”»«(\[]?(\w+)")
_OPENING = frozenset('„«“"')  # “ opens in English, closes in German; handled as a toggle below.
_QUOTES = re.compile(r"[„“”\"»«]")
# An unclosed quotation mark stops protecting text after this many characters, so one stray
# mark does not glue an article into a single sentence.
_MAX_QUOTE_SPAN = 600


@dataclass(frozen=True)
class SentenceSplitter:
    """Splits text into sentences using one language's abbreviations and ordinal rules."""

    rules: TextRules

    def split(self, text: str) -> tuple[Sentence, ...]:
        """Return the sentences of ``text`` with offsets into it."""
        sentences: list[Sentence] = []
        start = _skip_space(text, 0)
        for match in _BOUNDARY.finditer(text):
            end = match.end() if match.group().strip() else match.start()
            if end <= start or not self._is_boundary(text, start, match):
                continue
            sentences.append(_sentence(text, len(sentences), start, end))
            start = _skip_space(text, match.end())
        if start < len(text) and text[start:].strip():
            sentences.append(_sentence(text, len(sentences), start, len(text.rstrip())))
        return tuple(sentences)

    def _is_boundary(self, text: str, start: int, match: re.Match[str]) -> bool:
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
        return not _inside_quotation(text, start, match.end())

    def _period_is_part_of_word(self, text: str, start: int, position: int, following: str) -> bool:
        """Whether the period at ``position`` closes an abbreviation, initial or ordinal."""
        before = _WORD_BEFORE.search(text, start, position + 1)
        if before is None:
            return False
        word = before.group(1)
        if word in self.rules.abbreviations or (len(word) == 1 and word.isalpha()):
            return True
        return word.isdigit() and len(word) <= 2 and following in self.rules.ordinal_followers


def _inside_quotation(text: str, start: int, position: int) -> bool:
    """Whether a quotation opened in this sentence is still open at ``position``."""
    open_at: int | None = None
    for mark in _QUOTES.finditer(text, start, position):
        char = mark.group()
        if open_at is None and char in _OPENING:
            open_at = mark.start()
        elif open_at is not None and char != "„":
            open_at = None
    return (
        open_at is not None
        and position - open_at < _MAX_QUOTE_SPAN
        and not _quote_closes_here(text, position)
    )


def _quote_closes_here(text: str, position: int) -> bool:
    """Whether the boundary itself already carries the closing mark (``… Ende.“ Dann``)."""
    return position > 0 and text[position - 1] in '“”"»«'


def _skip_space(text: str, position: int) -> int:
    """Return the first index at or after ``position`` that is not white space."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _sentence(text: str, index: int, start: int, end: int) -> Sentence:
    """Build a sentence record (tokens are added by the tokenising stage)."""
    return Sentence(index=index, start=start, end=end, text=text[start:end])
