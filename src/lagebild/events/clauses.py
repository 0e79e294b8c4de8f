"""Clause segmentation of an analysed sentence.

A sentence is cut at punctuation into segments; segments without a finite verb (appositions,
participle tails) join the clause they belong to, and a segment with its own finite verb, or one
opened by a subordinating word, starts a clause of its own. This is enough structure to keep the
parties of one event apart from those of the next, without a parser.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.events.lexicon import Grammar
from lagebild.model import Token


@dataclass(frozen=True)
class Clause:
    """A run of token indices ``[start, end)`` with what kind of clause it is."""

    index: int
    start: int
    end: int
    subordinator: str | None  # the opening subordinating word, if any
    has_finite: bool
    is_infinitive: bool  # "..., zu unterstützen" / "um ... zu ..."
    relative: bool = False  # opened by a relative pronoun ("..., die den Einmarsch verurteilt")

    def __contains__(self, token_index: object) -> bool:
        return isinstance(token_index, int) and self.start <= token_index < self.end

    @property
    def is_controlled(self) -> bool:
        """An infinitive clause with no finite verb of its own: the clause it depends on names
        who does what it says ("Russland kündigte an, die Ukraine anzugreifen")."""
        return self.is_infinitive and not self.has_finite

    @property
    def is_reported(self) -> bool:
        """A finite clause without subordinator after another clause: reported speech (V2)."""
        return self.subordinator is None and self.has_finite and not self.is_infinitive


def segment_clauses(tokens: tuple[Token, ...], grammar: Grammar) -> list[Clause]:
    """Split a sentence's tokens into clauses."""
    clauses: list[Clause] = []
    for start, end in _segments(tokens, grammar):
        first = _first_word(tokens, start, end)
        subordinator = first.lower() if first and first.lower() in grammar.subordinators else None
        # "that" is a complementiser, but after a noun and before a finite verb a relative pronoun
        # ("his regime that has abolished ... and is killing Kurds").
        relative = (
            subordinator is None or subordinator in grammar.relatives_before_finite
        ) and _opens_relative_clause(tokens, start, grammar)
        if relative:
            subordinator = tokens[start].text.lower()
        has_finite = any(is_finite(tokens, i, grammar) for i in range(start, end))
        infinitive = not has_finite and _has_infinitive_with_marker(tokens, start, end, grammar)
        previous = clauses[-1] if clauses else None
        after_final_break = start > 0 and tokens[start - 1].text in grammar.final_breaks
        if (
            previous is not None
            and not after_final_break
            and _continues(previous, subordinator, has_finite, infinitive)
        ):
            clauses[-1] = Clause(
                previous.index,
                previous.start,
                end,
                previous.subordinator,
                previous.has_finite or has_finite,
                previous.is_infinitive,
                previous.relative,
            )
            continue
        clauses.append(Clause(len(clauses), start, end, subordinator, has_finite, infinitive, relative))
    return clauses


def is_finite(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether a token is a finite verb; a base form right after the infinitive marker is not.

    Taggers often read the auxiliary of a perfect infinitive as finite ("bombardiert zu haben").
    """
    token = tokens[i]
    if token.pos not in grammar.finite_tags:
        return False
    after_marker = i > 0 and tokens[i - 1].text.lower() == grammar.infinitive_marker
    return not (after_marker and token.text.lower() == (token.lemma or "").lower())


def is_finite_or_participle(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether a token is a finite verb or a participle: the verb of a clause, though English
    clauses run on without a comma ("claimed Assad's forces used chemical weapons")."""
    return is_finite(tokens, i, grammar) or tokens[i].pos in grammar.participle_tags


def _continues(previous: Clause, subordinator: str | None, has_finite: bool, infinitive: bool) -> bool:
    """Whether a segment is part of the previous clause rather than a clause of its own."""
    if subordinator is not None or infinitive:
        return False
    if previous.relative:
        return False  # a relative clause ends at the break: what follows resumes the clause around it
    if has_finite:
        return not previous.has_finite
    return not previous.is_infinitive


def _segments(tokens: tuple[Token, ...], grammar: Grammar) -> list[tuple[int, int]]:
    """Cut at clause-breaking punctuation and before subordinating words."""
    segments: list[tuple[int, int]] = []
    start = 0
    for i, token in enumerate(tokens):
        if token.text in grammar.breaks:
            if i > start:
                segments.append((start, i))
            start = i + 1
        elif i > start and (
            (token.text.lower() in grammar.subordinators and _is_clause_opening(tokens, i, grammar))
            or _opens_relative_clause(tokens, i, grammar)
            or _opens_clause_after_noun(tokens, i, grammar)
        ):
            segments.append((start, i))
            start = i
    if start < len(tokens):
        segments.append((start, len(tokens)))
    return segments


def _opens_relative_clause(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether a token is a relative pronoun opening a clause ("..., die den Einmarsch verurteilt").

    It must follow a break or a noun. A pronoun that can also be an article ("die") follows a
    break and is not followed by the noun phrase it would open; one that is also a complementiser
    ("that") follows a noun and comes before a finite verb ("fire that has killed").
    """
    word = tokens[i].text.lower()
    if i > 0 and word in grammar.relatives_before_finite:
        after_noun = tokens[i - 1].pos in grammar.noun_tags
        return after_noun and i + 1 < len(tokens) and is_finite(tokens, i + 1, grammar)
    if i == 0 or word not in grammar.relative_pronouns:
        return False
    before = tokens[i - 1]
    if word not in grammar.cases:
        # After a preposition it opens an embedded question ("evidence about who carried out").
        return before.text in grammar.breaks or before.pos in grammar.noun_tags | grammar.preposition_tags
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    opens_phrase = following is not None and (
        following.pos in grammar.noun_tags or following.pos in grammar.adjective_tags
    )
    return before.text in grammar.breaks and not opens_phrase


def _opens_clause_after_noun(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether a complementiser after a noun opens a clause with a subject of its own: a finite
    verb follows before the next break ("rejected reports that the president's decision had
    come", "the weapons that the US supplied"). Right before a finite verb it is a relative
    pronoun (``_opens_relative_clause``)."""
    if i == 0 or tokens[i].text.lower() not in grammar.clauses_after_noun:
        return False
    if tokens[i - 1].pos not in grammar.noun_tags or i + 1 >= len(tokens):
        return False
    if is_finite(tokens, i + 1, grammar):
        return False
    for j in range(i + 1, len(tokens)):
        if tokens[j].text in grammar.breaks:
            return False
        if is_finite(tokens, j, grammar):
            return True
    return False


def _is_clause_opening(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """A subordinating word opens a clause after punctuation or a coordinator, and a complement
    subordinator also right after a verb where the language allows it ("demanded that Turkey
    withdraw"), unless the word after it makes it a determiner ("rejected that proposal")."""
    before = tokens[i - 1].text.lower()
    if before in grammar.breaks or before in grammar.coordinators:
        return True
    return _opens_complement_after_verb(tokens, i, grammar)


def _opens_complement_after_verb(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether a complement subordinator right after a verb opens its content clause."""
    if tokens[i].text.lower() not in grammar.complement_subordinators:
        return False
    if tokens[i - 1].pos not in grammar.complement_after_tags:
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is not None and following.pos not in grammar.determiner_before_tags


def _first_word(tokens: tuple[Token, ...], start: int, end: int) -> str | None:
    """Return the first word of a segment, skipping punctuation."""
    for i in range(start, end):
        if tokens[i].text[0].isalnum():
            return tokens[i].text
    return None


def _has_infinitive_with_marker(tokens: tuple[Token, ...], start: int, end: int, grammar: Grammar) -> bool:
    """Whether the segment holds an infinitive with its marker ("zu unterstützen", "to support")."""
    marker = grammar.infinitive_marker
    for i in range(start, end - 1):
        following = tokens[i + 1]
        if tokens[i].text.lower() == marker and (
            following.pos in grammar.infinitive_tags
            or (following.pos in grammar.finite_tags and not is_finite(tokens, i + 1, grammar))
        ):
            return True
    return any(t.pos in grammar.marked_infinitive_tags for t in tokens[start:end])


def clause_of(clauses: list[Clause], token_index: int) -> Clause:
    """Return the clause holding a token."""
    for clause in clauses:
        if token_index in clause:
            return clause
    return clauses[-1]
