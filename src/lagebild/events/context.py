"""What the event coder knows about one sentence while coding it, and about the text so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.events.clauses import Clause
from lagebild.events.dependencies import Dependencies
from lagebild.events.lexicon import EventLexicon, Trigger
from lagebild.events.parties import Party
from lagebild.model import Actor, Sentence, TimeExpression, TimeValue, Token


@dataclass(frozen=True)
class SentenceContext:
    """An analysed sentence with its clauses, parties, places, times and attribution."""

    sentence: Sentence
    tokens: tuple[Token, ...]
    clauses: list[Clause]
    parties: list[Party]
    places: list[Party]
    times: list[TimeExpression]
    attribution: str | None
    lexicon: EventLexicon
    # The country the article is about, for its actors named without one (actors/home.py).
    home_country: str | None = None
    # The countries an office word several countries use is read in, in order of preference:
    # the dateline's, the outlet's, the one most named (actors/home.py).
    office_countries: tuple[str, ...] = ()
    foreign_sectors: frozenset[str] = frozenset()
    unknown_sectors: frozenset[str] = frozenset()  # actors that stand for an unnamed agent
    # The clause analysis of the sentence, where the language reads roles from it.
    dependencies: Dependencies | None = None

    def clause_parties(self, clause: int) -> list[Party]:
        """Return the parties of one clause in text order."""
        return [p for p in self.parties if p.clause == clause]

    def clause_tokens(self, clause: Clause) -> tuple[Token, ...]:
        """Return the tokens of one clause."""
        return self.tokens[clause.start : clause.end]

    def governing_clause(self, clause: Clause) -> Clause | None:
        """The clause an infinitive clause depends on: the nearest earlier finite, non-relative one."""
        return next(
            (c for c in reversed(self.clauses[: clause.index]) if not c.is_infinitive and not c.relative),
            None,
        )

    def before_phrase(self, word: int) -> int:
        """The index of the word before the noun phrase whose words run up to ``word`` (its
        determiners and adjectives walked back over); -1 at the sentence's start."""
        phrase_tags = self.lexicon.grammar.noun_phrase_tags
        i = word - 1
        while i >= 0 and self.tokens[i].pos in phrase_tags:
            i -= 1
        return i

    def in_prepositional_phrase(self, noun: int) -> bool:
        """Whether a noun stands inside a prepositional phrase ("über die Stationierung")."""
        i = self.before_phrase(noun)
        return i >= 0 and self.tokens[i].pos in self.lexicon.grammar.preposition_tags


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in a sentence: which entry, which token, and its surface text."""

    trigger: Trigger
    token: int
    clause: Clause
    text: str
    start: int
    end: int
    # Whether an event verb shares the clause: an event noun is then most often that verb's
    # object ("wies die Forderung zurück"), and the clause's subject is not the noun's source.
    verb_in_clause: bool = False


# How many sentences after a meeting is named later sentences may still refer back to it
# ("the ambassadors met again", "he is to report there"): references reach no further.
MEETING_REACH = 3


@dataclass
class Discourse:
    """What earlier sentences of the same article leave for later ones.

    ``meeting`` holds the two parties of the last meeting or talks mentioned, so that "the
    ambassadors met again" or "he is to report" can be read against it.
    """

    meeting: tuple[Actor, Actor] | None = None
    meeting_date: TimeValue | None = None
    meeting_sentence: int = 0  # the sentence that named the meeting

    def expire(self, sentence: int) -> None:
        """Forget a meeting named too long ago to be what a sentence refers back to."""
        if self.meeting is not None and sentence - self.meeting_sentence > MEETING_REACH:
            self.meeting = self.meeting_date = None

    last_text_date: TimeValue | None = None
    last_text_sentence: int = -1  # the sentence that named ``last_text_date``
    dates_by_sentence: dict[int, TimeValue] = field(default_factory=dict)
