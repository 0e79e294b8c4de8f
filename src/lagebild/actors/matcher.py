"""One Aho-Corasick pass over an article finds every vocabulary word with its word boundaries.

The text is lower-cased and every character that is not a letter, digit, hyphen or apostrophe
becomes a space (same length, so offsets stay valid). Keys carry their boundaries: a whole word
``Russland`` is stored as `` russland `` / `` russland-`` / ``-russland `` ..., so raw hits are
already whole words and the automaton does not report every ``un`` inside ``und``. Role nouns
that may end a closed compound (``…minister``) are stored without the left boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from lagebild.actors.lexicon import KIND_PRIORITY, Entry

_NON_WORD = re.compile(r"[^\w '’\-‐‑]")  # the plain space needs no replacing: much faster
_FOLD = (("’", "'"), ("‐", "-"), ("‑", "-"), ("_", " "))
_LEFT = (" ", "-")
_RIGHT = (" ", "-", "'")


@dataclass(frozen=True)
class Hit:
    """A vocabulary word found in the text with the entries whose spelling fits it.

    ``entries`` are ordered by ``KIND_PRIORITY``: the first speaks for the hit.
    ``lead`` is the character before the word (`` `` or ``-``, or a letter when a role noun ends
    a closed compound); ``trail`` is the character after it (`` ``, ``-`` or ``'``).
    """

    start: int
    end: int
    entries: tuple[Entry, ...]
    lead: str
    trail: str

    @property
    def interior(self) -> bool:
        """Whether the word is the head of a closed compound (Verteidigungs|minister)."""
        return self.lead not in _LEFT


def normalize(text: str) -> str:
    """Lower-case ``text`` and blank out everything but letters, digits, hyphens and apostrophes."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower-case to two (İ -> i̇); keep those as they are so offsets hold.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    folded = _NON_WORD.sub(" ", lowered)
    for old, new in _FOLD:  # str.replace is much faster than str.translate on long texts
        folded = folded.replace(old, new)
    return folded


def case_fits(surface: str, form: str, interior: bool) -> bool:
    """Whether the text's spelling fits the entry's spelling.

    Lower-case forms (adjectives, English role nouns) fit any capitalisation; capitalised forms
    (names, German nouns) fit as written or in capitals; acronyms (all capitals) fit only as
    written, so English "us" and "is" never read as US or IS.
    """
    if surface == form or interior or form.islower():
        return True
    if form.isupper():
        return False
    return surface.isupper() or surface == form[0].upper() + form[1:]


class Matcher:
    """A compiled automaton over every surface form of a lexicon."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        grouped: dict[str, list[Entry]] = {}
        for entry in entries:
            for key in self._keys(entry):
                grouped.setdefault(key, []).append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, key_entries in grouped.items():
            ordered = tuple(sorted(key_entries, key=lambda e: KIND_PRIORITY[e.kind]))
            self._automaton.add_word(key, (len(key), ordered))
        self._empty = not grouped
        if grouped:
            self._automaton.make_automaton()

    @staticmethod
    def _keys(entry: Entry) -> list[str]:
        """Return the automaton keys of one entry, boundaries included."""
        core = normalize(entry.form)
        if not core.strip():
            return []
        if entry.role is not None and entry.role.compound and " " not in core:
            return [core + right for right in _RIGHT]
        return [left + core + right for left in _LEFT for right in _RIGHT]

    def scan(self, text: str) -> list[Hit]:
        """Return the non-overlapping hits in ``text``, leftmost-longest first, sorted by start."""
        if self._empty or not text:
            return []
        padded = " " + normalize(text) + " "
        candidates: list[Hit] = []
        for last, (length, entries) in self._automaton.iter(padded):
            hit = self._hit(text, padded, last, length, entries)
            if hit is not None:
                candidates.append(hit)
        candidates.sort(key=lambda h: (h.start, -h.end))
        chosen: list[Hit] = []
        reach = 0
        for hit in candidates:
            if hit.start >= reach:
                chosen.append(hit)
                reach = hit.end
        return chosen

    @staticmethod
    def _hit(text: str, padded: str, last: int, length: int, entries: tuple[Entry, ...]) -> Hit | None:
        """Turn one raw automaton match into a hit, keeping the entries whose spelling fits."""
        first = last - length + 1
        trail = padded[last]
        lead_char = padded[first]
        if lead_char in _LEFT:
            start, lead = first, lead_char  # padded index first+1 is text index first
        else:
            start, lead = first - 1, padded[first - 1]
        end = last - 1
        surface = text[start:end]
        interior = lead not in _LEFT
        fitting = tuple(e for e in entries if case_fits(surface, e.form, interior))
        if not fitting:
            return None
        return Hit(start=start, end=end, entries=fitting, lead=lead, trail=trail)
