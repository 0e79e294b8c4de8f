"""The parties of a sentence: actor (and place) mentions with their grammatical standing."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TypeVar

from lagebild.events.clauses import Clause
from lagebild.events.lexicon import Grammar
from lagebild.model import Actor, Mention, Place, TimeExpression, Token

ALL_CASES = frozenset({"nom", "acc", "dat", "gen"})
# Mention labels of persons, named or by office (actors.resolve), as against states and bodies.
_PERSON_LABELS = frozenset({"person", "office_holder"})
# Mention labels of states and bodies named as such: a country, its capital or seat, an organisation.
_BODY_LABELS = frozenset({"country", "capital", "seat", "org"})
T = TypeVar("T")


@dataclass(frozen=True)
class Party:
    """An actor mention placed in its sentence: tokens, clause, governing preposition, case."""

    actor: Actor
    first: int  # first token index
    last: int  # last token index (inclusive)
    clause: int
    preposition: str | None
    cases: frozenset[str]
    after_noun: bool  # stands right after a noun: a genitive attribute, not a clause argument
    place: Place | None = None
    person: bool = False  # names a person (by name or office), not a state, body or group
    body: bool = False  # names a state or body by its name ("Russia", "Moskau", "die Nato"), no person

    @property
    def from_place(self) -> bool:
        """Whether the party is a place standing for its country."""
        return self.place is not None

    @property
    def is_argument(self) -> bool:
        """Whether the party can be a subject or object of its clause's verb."""
        return self.preposition is None and not self.after_noun and not self.is_genitive

    @property
    def is_genitive(self) -> bool:
        """Whether the party is marked genitive only ("des Bündnisses", "Moskaus")."""
        return self.cases == frozenset({"gen"})


def build_parties(
    tokens: tuple[Token, ...],
    mentions: list[Mention],
    clauses: list[Clause],
    grammar: Grammar,
    times: list[TimeExpression] | None = None,
) -> list[Party]:
    """Place each mention in the sentence's tokens and read its preposition and case.

    ``times`` are the sentence's time expressions: a name after one is not in its phrase
    ("am Freitag Kiew besuchen").

    Each look-up (tokens of a mention, clause of a token) is a binary search, so a sentence
    with many mentions costs about linear time in its length.
    """
    parties: list[Party] = []
    time_words = _time_words(tokens, times or [])
    for mention in sorted(mentions, key=lambda m: m.start):
        span = _token_span(tokens, mention.start, mention.end)
        actor = mention.actor if mention.actor is not None else _place_actor(mention)
        if span is None or actor is None:
            continue
        first, last = span
        if mention.label == "person" and not _has_noun(tokens[first : last + 1], grammar):
            continue  # "Unterdessen kritisierte ...": a word the actors stage took for a surname
        if parties and _bracket_label(tokens, parties[-1], first, last):
            continue  # "Sozialminister Alois Stöger (SPÖ)": the party of the person, no party of its own
        after = parties[-1].last if parties else -1
        preposition = _governing_preposition(tokens, first, grammar, after, time_words)
        if preposition is None and parties:
            preposition = _shared_preposition(parties[-1], tokens, first, grammar)
        cases = phrase_cases(tokens, first, last, grammar, _feminine_name(actor, tokens[last], grammar))
        after_noun = (
            preposition is None
            and tokens[first].text.lower() in grammar.cases
            and "gen" in cases
            and _follows_noun(tokens, first, grammar)
        )
        parties.append(
            Party(
                actor,
                first,
                last,
                _clause_index(clauses, first),
                preposition,
                frozenset({"gen"}) if after_noun else cases,
                after_noun,
                mention.place,
                mention.label in _PERSON_LABELS,
                mention.label in _BODY_LABELS,
            )
        )
    return parties


def _has_noun(words: tuple[Token, ...], grammar: Grammar) -> bool:
    """Whether any of the words is tagged as a noun or name."""
    return any(t.pos in grammar.noun_tags for t in words)


def _place_actor(mention: Mention) -> Actor | None:
    """A place can stand for its country when it is the target of an event ("Annexion der Krim")."""
    place = mention.place
    if place is None or place.country is None:
        return None
    return Actor(
        text=mention.text, name=place.name, country=place.country, start=mention.start, end=mention.end
    )


def _token_span(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int] | None:
    """Return the first and last token index inside ``[start, end)`` (tokens are in text order)."""
    first = bisect_right(tokens, start, key=lambda token: token.end)  # first token ending after start
    last = bisect_left(tokens, end, key=lambda token: token.start) - 1  # last token starting before end
    return (first, last) if first <= last else None


def _clause_index(clauses: list[Clause], token_index: int) -> int:
    """The index of the clause holding a token (the last clause if none does), as ``clause_of``."""
    position = bisect_right(clauses, token_index, key=lambda clause: clause.start) - 1
    if position >= 0 and token_index in clauses[position]:
        return clauses[position].index
    return clauses[-1].index


def _time_words(tokens: tuple[Token, ...], times: list[TimeExpression]) -> frozenset[int]:
    """The indices of the tokens inside time expressions."""
    words: set[int] = set()
    for time in times:
        span = _token_span(tokens, time.start, time.end)
        if span is not None:
            words.update(range(span[0], span[1] + 1))
    return frozenset(words)


def _governing_preposition(
    tokens: tuple[Token, ...],
    first: int,
    grammar: Grammar,
    previous_end: int = -1,
    time_words: frozenset[int] = frozenset(),
) -> str | None:
    """Return the preposition before a mention, if any ("von Moskau", "mit dem Kreml").

    Determiners, numbers and adjectives the mention does not include may stand between them
    ("mit seinem ukrainischen Amtskollegen", "of four Ukrainian regions").
    """
    i = first - 1
    bare = tokens[first].pos in grammar.noun_tags
    if bare and _apposition_to(tokens, i, grammar, time_words):
        i -= 1
    while i >= 0 and tokens[i].pos in grammar.noun_phrase_tags:
        i -= 1
    if bare and i == first - 1:
        i = _before_list(tokens, i, grammar, previous_end)
    if i < 0:
        return None
    before = tokens[i]
    if i > 0 and tokens[i - 1].text.lower() in grammar.comparatives:
        return None  # "mehr als 50 Aktivisten": a comparison, not a preposition
    if before.pos in grammar.preposition_tags or before.text.lower() in grammar.contractions:
        return grammar.preposition(before.text)
    return None


def _apposition_to(tokens: tuple[Token, ...], i: int, grammar: Grammar, time_words: frozenset[int]) -> bool:
    """Whether a bare name after token ``i`` is in apposition to the noun of a full phrase.

    "in der Hauptstadt Mogadischu": the name is in the phrase of "Hauptstadt". A noun right after
    its preposition ("am Freitag Kiew besuchen") or a time is a phrase of its own.
    """
    return (
        i > 0
        and i not in time_words
        and _common_noun(tokens[i], grammar)
        and tokens[i - 1].pos in grammar.noun_phrase_tags
    )


def _common_noun(token: Token, grammar: Grammar) -> bool:
    """Whether a token is a noun and, where the language tags names apart, not a name.

    Without name tags a common noun cannot be told from a name ("on Monday Russia said").
    """
    return bool(grammar.name_tags) and token.pos in grammar.noun_tags and token.pos not in grammar.name_tags


def _before_list(tokens: tuple[Token, ...], i: int, grammar: Grammar, previous_end: int) -> int:
    """The token before a list of bare nouns that ends at token ``i`` with a coordinator.

    "in Afrika, Asien und Haiti": the last conjunct, a bare noun too, is in the phrase of the
    first, which no mention covers. Only nouns without determiners, commas and coordinators are
    looked through (the first conjunct may have its own: "aus der Industrie, Wissenschaft und
    Medien"), so a new phrase ("mit der Opposition und die Regierung") stops the walk; so
    does an earlier mention (``previous_end``), whose preposition is shared instead
    ("with Assad's allies, Russia and Iran"). Else ``i`` itself.
    """
    if i < 1 or tokens[i].text.lower() not in grammar.coordinators or tokens[i - 1].text == ",":
        return i  # ", and" joins clauses more often than it closes a list
    j = i - 1
    while j > previous_end and (tokens[j].pos in grammar.noun_tags or tokens[j].text == ","):
        j -= 1
    crossed_noun = any(t.pos in grammar.noun_tags for t in tokens[j + 1 : i])
    while j > previous_end and tokens[j].pos in grammar.noun_phrase_tags:
        j -= 1  # the first conjunct's determiner and adjectives ("aus der Industrie, ... und Medien")
    return j if crossed_noun and j >= 0 and tokens[j].pos in grammar.preposition_tags else i


def _bracket_label(tokens: tuple[Token, ...], previous: Party, first: int, last: int) -> bool:
    """Whether a mention stands alone in brackets right after another party ("Stöger (SPÖ)")."""
    opens = first >= 1 and tokens[first - 1].text == "(" and previous.last == first - 2
    return opens and last + 1 < len(tokens) and tokens[last + 1].text == ")"


def _shared_preposition(
    previous: Party, tokens: tuple[Token, ...], first: int, grammar: Grammar
) -> str | None:
    """A conjunct shares the preposition of the party it is joined to ("zwischen Israel und dem Libanon")."""
    i = first - 1
    while i >= 0 and tokens[i].pos in grammar.noun_phrase_tags:
        i -= 1
    joined = i > 0 and tokens[i].text.lower() in grammar.coordinators and previous.last == i - 1
    # A list joined by commas before its coordinator: "in Somalia, Nigeria and Yemen".
    listed = i > 0 and tokens[i].text == "," and previous.last == i - 1 and _in_list(tokens, first, grammar)
    joined = joined or listed
    # A word that may also open a clause ("after the government and the opposition signed")
    # is not shared: the conjuncts may be that clause's subjects.
    if not joined or previous.preposition in grammar.subordinators:
        return None
    return previous.preposition


def _in_list(tokens: tuple[Token, ...], first: int, grammar: Grammar) -> bool:
    """Whether the noun phrase at ``first``, after a comma, is a member of a list that a
    coordinator closes and no verb follows ("in Somalia, Nigeria and Yemen."): not an apposition
    ("im Parlament, Heinz Becker, hat") nor the subject after an opening phrase ("reported by the
    Guardian, Canada and the Kurdish administration struck a deal")."""
    i = _phrase_end(tokens, first, grammar)
    closed = False
    while i < len(tokens) and not closed and (tokens[i].text == "," or _coordinates(tokens[i], grammar)):
        closed = _coordinates(tokens[i], grammar)
        after = _phrase_end(tokens, i + 1, grammar)
        if after == i + 1:
            return False  # no member after the comma or coordinator
        i = after
    verbs = grammar.finite_tags | grammar.infinitive_tags | grammar.participle_tags
    return closed and (i >= len(tokens) or tokens[i].pos not in verbs)


def _coordinates(token: Token, grammar: Grammar) -> bool:
    """Whether a token is a coordinator ("und", "and")."""
    return token.text.lower() in grammar.coordinators


def _phrase_end(tokens: tuple[Token, ...], start: int, grammar: Grammar) -> int:
    """The index after the noun phrase that starts at ``start`` (``start`` when none does)."""
    phrase_tags = grammar.noun_phrase_tags | grammar.noun_tags
    i = start
    while i < len(tokens) and tokens[i].pos in phrase_tags:
        i += 1
    return i


def phrase_cases(
    tokens: tuple[Token, ...], first: int, last: int, grammar: Grammar, feminine_name: bool = False
) -> frozenset[str]:
    """Read the cases a noun phrase can be in from its determiner or its genitive ending.

    ``feminine_name``: the phrase names an actor by a feminine noun its words do not show ("der SPÖ").
    """
    head = tokens[first].text.lower()
    if head in grammar.feminine_cases and (feminine_name or _feminine(tokens[first + 1 : last + 1], grammar)):
        return grammar.feminine_cases[head]
    if head in grammar.cases:
        return grammar.cases[head]
    if first == last and _genitive_name(tokens[first]):
        return frozenset({"gen"})
    return ALL_CASES


def _feminine(words: tuple[Token, ...], grammar: Grammar) -> bool:
    """Whether the noun a determiner opens has a feminine ending ("der Partei", "der neuen Regierung")."""
    noun = next((t for t in words if t.pos in grammar.noun_tags), None)
    return noun is not None and (noun.lemma or noun.text).lower().endswith(grammar.feminine_suffixes)


def _feminine_name(actor: Actor, last: Token, grammar: Grammar) -> bool:
    """Whether an abbreviation names the actor by a feminine noun its sector implies: a party is
    "die SPÖ", so "der SPÖ" is dative or genitive ("der SPÖ vorgeworfen"), never the subject.
    Words for members ("der Republikaner John McCain", "der ÖVP-Politiker") are no abbreviation."""
    capitals = sum(c.isupper() for c in last.text)
    abbreviation = capitals >= 2 and capitals >= sum(c.islower() for c in last.text) and "-" not in last.text
    return (
        abbreviation
        and actor.sector in grammar.feminine_sectors
        and actor.name not in grammar.not_feminine_names
    )


def _genitive_name(token: Token) -> bool:
    """A name in the s-genitive: "Moskaus", "Russlands" (the lemma drops the ending)."""
    text, lemma = token.text, token.lemma or token.text
    return text.endswith("s") and lemma != text and text[:-1] == lemma


def _follows_noun(tokens: tuple[Token, ...], first: int, grammar: Grammar) -> bool:
    """Whether the token before a mention is a noun, making the mention its genitive attribute."""
    return first > 0 and tokens[first - 1].pos in grammar.noun_tags


def coordinated_with(
    party: Party, parties: list[Party], tokens: tuple[Token, ...], grammar: Grammar
) -> tuple[Party, list[Party]]:
    """The parties joined to ``party`` by a coordinator ("der Kreml und die Allianz"), as one
    list, with the party that stands for ``party`` in it.

    A comma joins parties only in a list that a coordinator closes ("Israel, die Emirate und Bahrain").
    An apposition ("the Russian president, Vladimir Putin,") is one member, standing in the list
    by its last party. A party that is none of ``parties`` stands alone.
    """
    chains = _apposition_chains(parties, tokens)
    head = next((chain[-1] for chain in chains if party in chain), party)
    for group in _coordinated_chains(chains, tokens, grammar):
        if head in group:
            return head, group
    return party, [party]


def _coordinated_chains(
    chains: list[list[Party]], tokens: tuple[Token, ...], grammar: Grammar
) -> list[list[Party]]:
    """Group apposition chains joined by coordinators or listing commas; each group lists the
    last party of each of its chains."""
    groups: list[list[list[Party]]] = []
    links: list[list[str]] = []
    for chain in chains:
        link = _link(groups[-1][-1][-1], chain[0], tokens, grammar) if groups else None
        if link is not None:
            groups[-1].append(chain)
            links[-1].append(link)
        else:
            groups.append([chain])
            links.append([])
    return [
        [chain[-1] for chain in part]
        for group, kinds in zip(groups, links, strict=True)
        for part in _close_lists(group, kinds)
    ]


def _apposition_chains(parties: list[Party], tokens: tuple[Token, ...]) -> list[list[Party]]:
    """Parties in order, those in apposition to each other chained: a role and a person's name
    of one actor, a comma between ("the Russian president, Vladimir Putin")."""
    chains: list[list[Party]] = []
    for party in sorted(parties, key=lambda p: p.first):
        if chains and _in_apposition(chains[-1][-1], party, tokens):
            chains[-1].append(party)
        else:
            chains.append([party])
    return chains


def _in_apposition(left: Party, right: Party, tokens: tuple[Token, ...]) -> bool:
    """Whether two neighbouring parties name one actor, once by role and once by name."""
    if right.first != left.last + 2 or left.clause != right.clause or tokens[left.last + 1].text != ",":
        return False
    same_actor = left.actor.root == right.actor.root and left.actor.sector == right.actor.sector
    return bool(left.actor.root) and same_actor and left.person != right.person


def _close_lists(group: list[T], links: list[str]) -> list[list[T]]:
    """Split a group after a trailing comma link that no coordinator closes."""
    end = len(links)
    while end > 0 and links[end - 1] == ",":
        end -= 1
    return [group[: end + 1]] + [[p] for p in group[end + 1 :]]


def _link(left: Party, right: Party, tokens: tuple[Token, ...], grammar: Grammar) -> str | None:
    """The word joining two neighbouring parties of one clause: a coordinator (a comma may stand
    before it: "..., Hassan Rouhani, and ...") or a comma."""
    if left.clause != right.clause:
        return None
    if right.first == left.last + 3 and tokens[left.last + 1].text == ",":
        word = tokens[left.last + 2].text.lower()
        return word if word in grammar.coordinators else None
    if right.first != left.last + 2:
        return None  # not exactly one word between them (checked without copying what lies between)
    word = tokens[left.last + 1].text.lower()
    if word in grammar.coordinators:
        return word
    return "," if word == "," and left.preposition == right.preposition else None
