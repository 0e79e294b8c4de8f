"""Roles read from the clause analysis: the subject of a trigger verb, or a passive's agent.

The clause analysis (``lagebild.syntax``) gives every token of a sentence a head and a Universal
Dependencies relation. A verb trigger's source is its subject (``nsubj``); a passive's source is
its agent (the oblique with an agent preposition) and its target the passive subject. A verb
without a subject of its own that is coordinated with or governed by another verb ("... and is
accusing Washington", "wants to meet Putin") shares that verb's subject. A party is never read
from inside a content clause, a relative clause or an apposition of another party: only the
argument itself, its conjuncts and the attributes of its noun ("the Turkish invasion") count.
Which languages read roles this way is language data (``roles_from_analysis`` in grammar.toml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.syntax.conllu import Word

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubj:pass", "csubj:pass"})
_OBLIQUES = frozenset({"obl", "obl:arg", "obl:agent", "nmod"})
# Relations through which a verb passes its subject on to a verb without one.
_SHARING = frozenset({"conj", "xcomp"})
# The attributes of an argument's noun that may stand for it when the noun names no actor.
_ATTRIBUTES = frozenset({"amod", "nmod", "nmod:poss", "compound", "flat", "flat:name", "det:poss"})
# How many verbs up a shared subject is looked for.
_SHARE_REACH = 3


@dataclass(frozen=True)
class Dependencies:
    """The analysis of one sentence: each token's head (-1 for the root), relation and preposition."""

    heads: tuple[int, ...]
    relations: tuple[str, ...]
    cases: tuple[str, ...]  # the lower-case 'case' word of each token ('' when none)

    @classmethod
    def from_words(cls, words: Sequence[Word]) -> Dependencies:
        """Read the analysed words of a sentence (word k is token k)."""
        heads = tuple(w.head - 1 for w in words)
        relations = tuple(w.deprel for w in words)
        cases = ["" for _ in words]
        for k, word in enumerate(words):
            if word.deprel in ("case", "case:det") and 0 <= heads[k] < len(words):
                cases[heads[k]] = cases[heads[k]] or word.form.lower()
        return cls(heads, relations, tuple(cases))

    def children(self, token: int, relations: frozenset[str]) -> list[int]:
        """The dependents of a token with one of ``relations``, in text order."""
        return [k for k, head in enumerate(self.heads) if head == token and self.relations[k] in relations]

    def conjuncts(self, token: int) -> list[int]:
        """A token and the tokens coordinated with it ("Russland und China")."""
        found = [token]
        for k in found:
            found.extend(c for c in self.children(k, frozenset({"conj"})) if c not in found)
        return found

    def subjects(self, verb: int) -> list[int]:
        """The subject of a verb with its conjuncts, shared from a governing verb if it has none."""
        for _ in range(_SHARE_REACH):
            own = self.children(verb, _SUBJECTS)
            if own:
                return self.conjuncts(own[0])
            if self.relations[verb] not in _SHARING or self.heads[verb] < 0:
                return []
            verb = self.heads[verb]
        return []

    def is_passive(self, verb: int) -> bool:
        """Whether a verb has a passive subject or auxiliary."""
        return bool(self.children(verb, _PASSIVE_SUBJECTS | frozenset({"aux:pass"})))

    def passive_subjects(self, verb: int) -> list[int]:
        """The passive subject of a verb with its conjuncts."""
        own = self.children(verb, _PASSIVE_SUBJECTS)
        return self.conjuncts(own[0]) if own else []

    def obliques(self, head: int, prepositions: frozenset[str]) -> list[int]:
        """The obliques (and noun modifiers) of a token opened by one of ``prepositions``."""
        own = [k for k in self.children(head, _OBLIQUES) if self.cases[k] in prepositions]
        return [c for k in own for c in self.conjuncts(k)]

    def attributes(self, token: int) -> list[int]:
        """The attributes of a noun that may name the actor behind it, nearest first."""
        return sorted(self.children(token, _ATTRIBUTES), key=lambda k: abs(k - token))


__all__ = ["Dependencies"]
