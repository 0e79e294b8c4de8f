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
            hit = _verb_hit(ctx, clause, i) or _noun_hit(ctx, clause, i, lexicon)
            if hit is not None and _conditions_hold(ctx, hit):
                hits.append(hit)
    verb_clauses = {h.clause.index for h in hits if h.trigger.kind == "verb"}
    return [replace(h, verb_in_clause=h.clause.index in verb_clauses) for h in hits]


def _verb_hit(ctx: SentenceContext, clause: Clause, i: int) -> TriggerHit | None:
    """A full verb whose lemma (joined with a separable particle) is a trigger."""
    token = ctx.tokens[i]
    lexicon = ctx.lexicon
    if not (token.pos or "").startswith(lexicon.grammar.full_verb_prefix) or token.lemma is None:
        return None
    particles = _separable_particles(ctx, clause, i) if token.pos in lexicon.grammar.finite_tags else []
    if particles:
        joined = "".join(ctx.tokens[p].text.lower() for p in particles) + token.lemma
        trigger = lexicon.verbs.get(joined)
        if trigger is not None:
            text = " ... ".join([token.text, " ".join(ctx.tokens[p].text for p in particles)])
            return TriggerHit(trigger, i, clause, text, token.start, token.end)
    trigger = lexicon.verbs.get(token.lemma)
    return None if trigger is None else TriggerHit(trigger, i, clause, token.text, token.start, token.end)


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


def _noun_hit(ctx: SentenceContext, clause: Clause, i: int, lexicon: EventLexicon) -> TriggerHit | None:
    """A noun whose lemma, or the head of whose compound, is an event noun."""
    token = ctx.tokens[i]
    if token.pos not in lexicon.grammar.noun_tags or token.lemma is None:
        return None
    trigger = lexicon.noun_for(token.lemma)
    return None if trigger is None else TriggerHit(trigger, i, clause, token.text, token.start, token.end)


def _conditions_hold(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """Check a trigger's required objects and words, and words that rule it out."""
    trigger: Trigger = hit.trigger
    tokens = ctx.clause_tokens(hit.clause)
    nouns = ctx.lexicon.grammar.noun_tags
    if trigger.objects and not any(
        _noun_head_in(t, trigger.objects) for t in tokens if t is not ctx.tokens[hit.token] and t.pos in nouns
    ):
        return False
    if trigger.requires and not _has_word(ctx.tokens, trigger.requires):
        return False
    return not (trigger.forbid and _clause_verb_lemmas(ctx, hit.clause) & set(trigger.forbid))


def _noun_head_in(token: Token, heads: tuple[str, ...]) -> bool:
    """Whether a noun's lemma ends in one of the given nouns ("Friedensgespräche" → "Gespräch")."""
    lemma = (token.lemma or token.text).lower()
    return any(lemma.endswith(h.lower()) for h in heads)


def _has_word(tokens: tuple[Token, ...], prefixes: tuple[str, ...]) -> bool:
    """Whether any token's text or lemma starts with one of ``prefixes`` (case-insensitive)."""
    lowered = tuple(p.lower() for p in prefixes)
    return any(
        t.text.lower().startswith(lowered) or (t.lemma or "").lower().startswith(lowered) for t in tokens
    )


def _clause_verb_lemmas(ctx: SentenceContext, clause: Clause) -> set[str]:
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
