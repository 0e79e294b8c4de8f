"""Finding the words that express events: verbs (with separable particles) and event nouns."""

from __future__ import annotations

from dataclasses import replace

from lagebild.events.clauses import Clause
from lagebild.events.context import SentenceContext, TriggerHit
from lagebild.events.lexicon import EventLexicon, Trigger
from lagebild.model import Token

_MAX_PARTICLES = 2


def find_triggers(ctx: SentenceContext) -> list[TriggerHit]:
    """Return the verb and noun triggers of a sentence in text order."""
    lexicon = ctx.lexicon
    inside_party = {i for p in ctx.parties for i in range(p.first, p.last + 1)}
    hits = []
    for clause in ctx.clauses:
        for i in range(clause.start, clause.end):
            if i in inside_party:
                continue
            candidates = _verb_hits(ctx, clause, i) or _noun_hits(ctx, clause, i, lexicon)
            for candidate in candidates:
                if _conditions_hold(ctx, candidate):
                    hits.append(candidate)
                    break
    verb_clauses = {h.clause.index for h in hits if h.trigger.kind == "verb"}
    return [replace(h, verb_in_clause=h.clause.index in verb_clauses) for h in hits]


def is_verb(ctx: SentenceContext, i: int) -> bool:
    """A full verb, or a participle the tagger read as an adjective at the end of its clause."""
    token = ctx.tokens[i]
    grammar = ctx.lexicon.grammar
    if (token.pos or "").startswith(grammar.full_verb_prefix):
        return True
    return token.pos in grammar.adjective_tags and _ends_clause(ctx, i)


def _modifies_noun(ctx: SentenceContext, i: int) -> bool:
    """Whether a verb form stands between a determiner and its noun, as an attribute: "at a
    welcoming ceremony", "the besieged city"."""
    grammar = ctx.lexicon.grammar
    return (
        0 < i < len(ctx.tokens) - 1
        and ctx.tokens[i - 1].pos in grammar.determiner_tags
        and ctx.tokens[i + 1].pos in grammar.noun_tags
    )


def _ends_clause(ctx: SentenceContext, i: int) -> bool:
    """Whether a token is the last word before punctuation or the sentence end."""
    following = ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else None
    return following is None or not following.text[0].isalnum()


def _verb_hits(ctx: SentenceContext, clause: Clause, i: int) -> list[TriggerHit]:
    """Entries for a full verb whose lemma (joined with a separable particle) is a trigger."""
    token = ctx.tokens[i]
    lexicon = ctx.lexicon
    may_join = token.pos in lexicon.grammar.finite_tags  # a finite verb may join a particle
    following = _following_particle(ctx, clause, i)
    if token.lemma is None or (token.lemma not in lexicon.verbs and not may_join and following is None):
        return []
    if not is_verb(ctx, i) or _modifies_noun(ctx, i):
        return []
    hits = []
    if following is not None:
        phrasal = f"{token.lemma} {ctx.tokens[following].text.lower()}"
        text = f"{token.text} {ctx.tokens[following].text}"
        end = ctx.tokens[following].end
        hits = [TriggerHit(t, i, clause, text, token.start, end) for t in lexicon.verbs.get(phrasal, ())]
    particles = _separable_particles(ctx, clause, i) if token.pos in lexicon.grammar.finite_tags else []
    if particles:
        joined = "".join(ctx.tokens[p].text.lower() for p in particles) + token.lemma
        text = " ... ".join([token.text, " ".join(ctx.tokens[p].text for p in particles)])
        hits += [
            TriggerHit(t, i, clause, text, token.start, token.end) for t in lexicon.verbs.get(joined, ())
        ]
        if joined in lexicon.verbs:
            # With its particle the verb is another verb: "spricht sich ... aus" is not "sprechen".
            # A particle no entry joins may be an adverb ("warnt immer wieder"): the verb stays.
            return hits
    plain = lexicon.verbs.get(token.lemma, ())
    return hits + [TriggerHit(t, i, clause, token.text, token.start, token.end) for t in plain]


def _following_particle(ctx: SentenceContext, clause: Clause, verb: int) -> int | None:
    """The particle right after a verb that makes a phrasal verb ("pulled out", "cracked down")."""
    following = verb + 1
    particles = ctx.lexicon.grammar.following_particles
    if following < clause.end and ctx.tokens[following].text.lower() in particles:
        return following
    return None


def _separable_particles(ctx: SentenceContext, clause: Clause, verb: int) -> list[int]:
    """Particles at the end of a verb-second clause that belong to its finite verb ("warf ... vor")."""
    grammar = ctx.lexicon.grammar
    particles: list[int] = []
    end = clause.end
    while end > verb + 1 and not ctx.tokens[end - 1].text[0].isalnum():
        end -= 1
    for j in range(end - 1, verb, -1):
        if ctx.tokens[j].text.lower() in grammar.separable_particles and len(particles) < _MAX_PARTICLES:
            particles.insert(0, j)
        else:
            break
    return particles


def _noun_hits(ctx: SentenceContext, clause: Clause, i: int, lexicon: EventLexicon) -> list[TriggerHit]:
    """Entries for a noun whose lemma, or the head of whose compound, is an event noun."""
    token = ctx.tokens[i]
    if token.pos not in lexicon.grammar.noun_tags or token.lemma is None:
        return []
    return [
        TriggerHit(t, i, clause, token.text, token.start, token.end) for t in lexicon.noun_for(token.lemma)
    ]


def _conditions_hold(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """Check a trigger's required objects and words, and words that rule it out."""
    trigger: Trigger = hit.trigger
    tokens = ctx.clause_tokens(hit.clause)
    nouns = ctx.lexicon.grammar.noun_tags
    if trigger.objects and not any(
        _noun_head_in(t, trigger.objects) for t in tokens if t is not ctx.tokens[hit.token] and t.pos in nouns
    ):
        return False
    if trigger.requires and not _has_word(ctx, trigger.requires):
        return False
    if trigger.forbid and clause_verb_lemmas(ctx, hit.clause) & set(trigger.forbid):
        return False
    return not _ruled_out(ctx, hit, tokens)


def _ruled_out(ctx: SentenceContext, hit: TriggerHit, tokens: tuple[Token, ...]) -> bool:
    """Whether the clause holds a noun or a word sequence that makes the word no event."""
    trigger = hit.trigger
    nouns = ctx.lexicon.grammar.noun_tags
    if trigger.unless_objects and any(
        _inflected_head_in(ctx.tokens[i], trigger.unless_objects)
        for i in range(hit.clause.start, _next_break(ctx, hit))
        # a noun in a prepositional phrase is no object: "droht mit Strafe" is a threat
        if i != hit.token and ctx.tokens[i].pos in nouns and not ctx.in_prepositional_phrase(i)
    ):
        return True
    if trigger.unless_infinitive and _infinitive_follows(ctx, hit):
        return True
    if not trigger.unless_phrases:
        return False
    words = [t.text.lower() for t in tokens]
    return any(
        tuple(words[i : i + len(phrase)]) == phrase
        for phrase in trigger.unless_phrases
        for i in range(len(words))
    )


def _next_break(ctx: SentenceContext, hit: TriggerHit) -> int:
    """Where the trigger's stretch of its clause ends: at the first break after it.

    A noun phrase set off by a comma after the trigger is an apposition, no object of it
    ("claimed Assad's forces used chemical weapons, an attack that ...").
    """
    breaks = ctx.lexicon.grammar.breaks
    after = range(hit.token + 1, hit.clause.end)
    return next((i for i in after if ctx.tokens[i].text in breaks), hit.clause.end)


def _noun_head_in(token: Token, heads: tuple[str, ...]) -> bool:
    """Whether a noun's lemma ends in one of the given nouns ("Friedensgespräche" → "Gespräch")."""
    lemma = (token.lemma or token.text).lower()
    return any(lemma.endswith(h.lower()) for h in heads)


def _infinitive_follows(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """Whether an infinitive with its marker follows the trigger in its own clause."""
    grammar = ctx.lexicon.grammar
    for i in range(hit.token + 1, hit.clause.end):
        token = ctx.tokens[i]
        marked = ctx.tokens[i - 1].text.lower() == grammar.infinitive_marker
        if (marked and token.pos in grammar.infinitive_tags) or token.pos in grammar.marked_infinitive_tags:
            return True
    return False


def _inflected_head_in(token: Token, heads: tuple[str, ...]) -> bool:
    """Like ``_noun_head_in``, also for a plural the lemmatiser left alone ("Seniorenturniere")."""
    if _noun_head_in(token, heads):
        return True
    text = token.text.lower()
    stems = (text, text[:-1], text[:-2])
    return any(stem.endswith(h.lower()) for h in heads for stem in stems)


def _has_word(ctx: SentenceContext, prefixes: tuple[str, ...]) -> bool:
    """Whether any word's text or lemma starts with one of ``prefixes`` (case-insensitive).

    A prefix written in lower case (a function word, verb or adjective) is not matched by a
    capitalised word of an actor's name: "mit" is not in "Vize Reinhold Mitterlehner", while
    "Soldat" is in "Die letzten amerikanischen Soldaten". A required reflexive or short function
    word (``exact_required``: "sich", "mit", "war") is matched only by itself, not by "sicher",
    "Mittwoch" or "warned".
    """
    exact_words = ctx.lexicon.grammar.exact_required
    exact = {p.lower() for p in prefixes if p.lower() in exact_words}
    if exact and any(t.text.lower() in exact for t in ctx.tokens):
        return True
    prefixes = tuple(p for p in prefixes if p.lower() not in exact)
    nouns = tuple(p.lower() for p in prefixes if p[:1].isupper())
    lowered = tuple(p.lower() for p in prefixes)
    named = {i for p in ctx.parties for i in range(p.first, p.last + 1) if ctx.tokens[i].text[:1].isupper()}
    return any(_starts_with(t, nouns if i in named else lowered) for i, t in enumerate(ctx.tokens))


def _starts_with(token: Token, prefixes: tuple[str, ...]) -> bool:
    """Whether a token's text or lemma starts with one of the (lower-case) prefixes."""
    if not prefixes:
        return False
    return token.text.lower().startswith(prefixes) or (token.lemma or "").lower().startswith(prefixes)


def clause_verb_lemmas(ctx: SentenceContext, clause: Clause) -> set[str]:
    """The verb lemmas of a clause, separable particles joined on."""
    lemmas = set()
    for i in range(clause.start, clause.end):
        token = ctx.tokens[i]
        if (token.pos or "").startswith(ctx.lexicon.grammar.full_verb_prefix) and token.lemma:
            lemmas.add(token.lemma)
            particles = _separable_particles(ctx, clause, i)
            if particles and token.pos in ctx.lexicon.grammar.finite_tags:
                lemmas.add("".join(ctx.tokens[p].text.lower() for p in particles) + token.lemma)
    return lemmas
