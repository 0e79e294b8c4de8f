"""The circumstances of an event: modality, date, place and attribution."""

from __future__ import annotations

import datetime as dt

from lagebild.events.context import Discourse, SentenceContext, TriggerHit
from lagebild.events.lexicon import Grammar
from lagebild.events.triggers import clause_verb_lemmas
from lagebild.model import DateSource, Modality, Place, TimeExpression, TimeValue, Token
from lagebild.time.dating import dates_events, long_before, stated_in_sentence
from lagebild.time.tagger import TimeTagger

# How many days before publication the day a sentence named may still be the occasion the next
# sentence goes on about (``_same_occasion``): news reports the last few days.
_OCCASION_REACH = dt.timedelta(days=7)


def modality_of(
    ctx: SentenceContext,
    hit: TriggerHit,
    content_mode: str | None,
    date: TimeValue | None,
    published: TimeValue | None,
) -> Modality:
    """Read whether an event happened, is planned, is denied or is only possible."""
    if content_mode == "planned":
        return "planned"
    if content_mode == "hypothetical":
        return "hypothetical"
    if content_mode == "negated":
        return "negated"
    grammar = ctx.lexicon.grammar
    words = [t.text.lower() for t in ctx.clause_tokens(hit.clause)]
    if _negated(ctx, hit, words, grammar):
        return "negated"
    if any(w in grammar.hypothetical for w in words) or _reported_perfect(words, grammar):
        return "hypothetical"
    if _opens_condition(words, grammar):
        return "hypothetical"
    if _planned(ctx, hit, words, grammar):
        return "planned"
    if date and published and date.earliest and published.latest and date.earliest > published.latest:
        return "planned"
    return "asserted"


def _negated(ctx: SentenceContext, hit: TriggerHit, words: list[str], grammar: Grammar) -> bool:
    """A verb is negated by a negation in its clause; a noun by one just before it ("keine Hilfe"),
    or by one in its clause when no event verb governs it ("Ein Treffen wird es nicht geben")."""
    if hit.trigger.kind == "verb":
        tokens = ctx.clause_tokens(hit.clause)
        own = hit.token - hit.clause.start  # "denied" denies what it reports, not itself
        negations = [i for i, w in enumerate(words) if w in grammar.negated and i != own]
        negations = [i for i in negations if not _negates_adjective(tokens, i, grammar)]
        negations = [i for i in negations if not _contrasts(tokens, i, grammar)]
        negations = [i for i in negations if not _beyond_contrast(words, i, own, grammar)]
        return any(not _focus_negation(words, i, grammar) for i in negations)
    if not hit.verb_in_clause and _clause_negated(ctx, hit, grammar):
        return True
    i = hit.token - 1
    while i >= 0 and ctx.tokens[i].pos in grammar.adjective_tags:
        i -= 1
    if i < 0 or ctx.tokens[i].text.lower() not in grammar.negated:
        return False
    # "keine neuen Sanktionen" negates the noun; "nicht genehmigte Kundgebungen" only the adjective
    return i == hit.token - 1 or ctx.tokens[i].pos in grammar.noun_phrase_tags


def _negates_adjective(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether the negation at ``tokens[i]`` belongs to an attributive adjective right after it
    ("nicht genehmigte Kundgebungen auflösen"), not to the clause. A negating determiner
    ("keine neuen Sanktionen") still negates the act."""
    if tokens[i].pos in grammar.noun_phrase_tags:
        return False
    return i + 1 < len(tokens) and tokens[i + 1].pos in grammar.adjective_tags


def _contrasts(tokens: tuple[Token, ...], i: int, grammar: Grammar) -> bool:
    """Whether the negation at ``tokens[i]`` sets one participant against another ("die
    Bundesregierung – und nicht die Bank Austria – auffordern"; "the army, not the police,")."""
    return (
        0 < i < len(tokens) - 1
        and tokens[i].text.lower() in grammar.contrast_negations
        and tokens[i - 1].text.lower() in grammar.contrast_openers
        and tokens[i + 1].pos in grammar.contrast_tags
    )


def _beyond_contrast(words: list[str], i: int, own: int, grammar: Grammar) -> bool:
    """Whether a contrasting coordinator stands between the negation at ``words[i]`` and the
    trigger: "gave no details but pledged to cut the deficit" pledges, "attacked but did not
    invade" attacks."""
    low, high = sorted((i, own))
    return any(w in grammar.negation_scope_breaks for w in words[low + 1 : high])


def _focus_negation(words: list[str], i: int, grammar: Grammar) -> bool:
    """Whether the negation at ``words[i]`` opens a phrase that negates nothing ("nicht nur")."""
    return i + 1 < len(words) and words[i + 1] in grammar.not_negating_after.get(words[i], ())


def _clause_negated(ctx: SentenceContext, hit: TriggerHit, grammar: Grammar) -> bool:
    """A negation of the clause itself ("nicht"), not the determiner of another noun ("keinen Durchbruch")."""
    phrase_tags = grammar.noun_tags | grammar.adjective_tags
    for i in range(hit.clause.start, hit.clause.end):
        if ctx.tokens[i].text.lower() not in grammar.negated:
            continue
        following = ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else None
        if following is None or following.pos not in phrase_tags:
            return True
    return False


def _reported_perfect(words: list[str], grammar: Grammar) -> bool:
    """ "soll ... angegriffen haben": an allegation, not a plan."""
    return (
        bool(words)
        and any(w in grammar.report_modals for w in words)
        and words[-1] in grammar.report_perfect
    )


def _opens_condition(words: list[str], grammar: Grammar) -> bool:
    """Whether a clause opens with a verb that makes it a condition ("Sollten die Griechen ...")."""
    first = next((w for w in words if w[:1].isalnum()), None)
    return first is not None and first in grammar.conditional_openers


def _planned(ctx: SentenceContext, hit: TriggerHit, words: list[str], grammar: Grammar) -> bool:
    """Words of intention, or a future auxiliary with the trigger as its infinitive."""
    trigger_is_infinitive = ctx.tokens[hit.token].pos in grammar.infinitive_tags
    governing = ctx.governing_clause(hit.clause) if hit.clause.is_controlled else None
    if governing is not None and clause_verb_lemmas(ctx, governing) & grammar.planned_governors:
        return True  # "kündigte an, die Ukraine anzugreifen": the attack is announced, not done
    if _after_phrase(ctx, hit.token, grammar.planned_before):
        return True  # "are due to meet"
    # An attributive "geplanten" plans its own noun only: not a verb ("telefonierte über den
    # geplanten Fonds"), nor another noun ("Kritik an der geplanten Reform" is criticism now).
    for i, word in enumerate(words, start=hit.clause.start):
        if word in grammar.planned and not _plans_another_noun(ctx, hit, i, grammar):
            return True
        if word in grammar.future_auxiliaries and trigger_is_infinitive:
            return True
    return False


def _plans_another_noun(ctx: SentenceContext, hit: TriggerHit, i: int, grammar: Grammar) -> bool:
    """Whether a word of intention is an attributive adjective of a noun other than the trigger."""
    if ctx.tokens[i].pos not in grammar.adjective_tags:
        return False
    if hit.trigger.kind == "verb":
        return True
    j = i + 1
    while j < hit.token and ctx.tokens[j].pos in grammar.adjective_tags:
        j += 1
    return j != hit.token


def _after_phrase(ctx: SentenceContext, token: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the word sequences stands right before a token."""
    if not phrases:
        return False
    reach = max(len(p) for p in phrases)
    before = tuple(t.text.lower() for t in ctx.tokens[max(0, token - reach) : token])
    return any(before[len(before) - len(p) :] == p for p in phrases if len(p) <= len(before))


def date_of(
    ctx: SentenceContext,
    hit: TriggerHit,
    discourse: Discourse,
    published: TimeValue | None,
    tagger: TimeTagger | None = None,
) -> tuple[TimeValue | None, DateSource]:
    """Date an event from the time expression governing it, else from the publication date.

    An event dated more than a year before publication needs that year stated in its own
    sentence ("im März 1992", "vor zehn Jahren"); a month that only the previous sentence puts
    in a far year does not date it (``tagger`` reads the sentence alone).
    """
    expression = governing_time(ctx, hit)
    if (
        expression is not None
        and tagger is not None
        and long_before(expression.value, published)
        and not stated_in_sentence(tagger, ctx.sentence, expression, published)
    ):
        expression = None
    if expression is not None:
        return expression.value, "text"
    last = discourse.last_text_date
    if last is not None and not long_before(last, published):
        goes_on = _continues_previous(ctx) or _same_occasion(ctx, hit, discourse, last, published)
        if goes_on:
            return last, "text"
    if published is not None:
        return published, "published"
    return None, "none"


def governing_time(ctx: SentenceContext, hit: TriggerHit) -> TimeExpression | None:
    """The calendar date expression nearest the trigger within its clause."""
    dated = [t for t in ctx.times if dates_events(t)]
    in_clause = [
        t
        for t in dated
        if _token_clause(ctx, t.start) == hit.clause.index
        and not _behind_subordinator(ctx, hit, t)
        and not _dates_earlier_verb(ctx, hit, t)
    ]
    return min(in_clause, key=lambda t: abs(t.start - hit.start), default=None)


def _dates_earlier_verb(ctx: SentenceContext, hit: TriggerHit, time: TimeExpression) -> bool:
    """Whether a time right after an earlier verb of saying, agreeing or demanding dates that
    verb, not the trigger after it.

    "Iran said on Monday that Israel would attack", "Russia agreed on Monday to withdraw": Monday
    is when it was said or agreed; the attack and the withdrawal are still to come. "will vote on
    Friday on a resolution to condemn" keeps Friday: voting carries no content.
    """
    if time.start >= hit.start:
        return False
    first = next((i for i, t in enumerate(ctx.tokens) if t.start >= time.start), None)
    if first is None or first == 0:
        return False
    grammar = ctx.lexicon.grammar
    before = first - 1
    if ctx.tokens[before].pos in grammar.preposition_tags and before > 0:
        before -= 1
    # Only a full verb: after an auxiliary the time dates the verb group ("hat am Montag ... getroffen").
    verb = ctx.tokens[before]
    is_full_verb = (verb.pos or "").startswith(grammar.full_verb_prefix)
    return is_full_verb and before != hit.token and ctx.lexicon.reports_content(verb.lemma)


def _behind_subordinator(ctx: SentenceContext, hit: TriggerHit, time: TimeExpression) -> bool:
    """Whether a condition or reason opened without a comma stands between a trigger and a time
    ("would strike Iran if Tehran attacked last week": last week dates the condition)."""
    low, high = sorted((hit.start, time.start))
    words = ctx.lexicon.grammar.unambiguous_subordinators
    return any(low < t.start < high and t.text.lower() in words for t in ctx.clause_tokens(hit.clause))


def _token_clause(ctx: SentenceContext, offset: int) -> int | None:
    """The clause holding a character offset."""
    for clause in ctx.clauses:
        if ctx.tokens[clause.start].start <= offset < ctx.tokens[clause.end - 1].end:
            return clause.index
    return None


def _same_occasion(
    ctx: SentenceContext, hit: TriggerHit, discourse: Discourse, last: TimeValue, published: TimeValue | None
) -> bool:
    """Whether a sentence without a time of its own goes on about the day the sentence before it
    named: "NATO foreign ministers gathered in Washington on Thursday ... The alliance agreed to
    step up its presence in the Black Sea." Only a past day of the days before publication, and
    only for an act the sentence reports as done (no word of plan or condition in its clause).
    """
    if ctx.times or discourse.last_text_sentence != ctx.sentence.index - 1 or published is None:
        return False
    if last.granularity != "day" or last.earliest is None or published.latest is None:
        return False
    if not dt.timedelta(days=1) <= published.latest - last.earliest <= _OCCASION_REACH:
        return False  # the publication day itself is the default date anyway
    grammar = ctx.lexicon.grammar
    words = {t.text.lower() for t in ctx.clause_tokens(hit.clause)}
    return not words & (grammar.planned | grammar.hypothetical | grammar.negated)


def _continues_previous(ctx: SentenceContext) -> bool:
    """Whether the sentence opens with a word that carries on the previous one ("Dabei ...")."""
    return ctx.sentence.text.startswith(ctx.lexicon.grammar.continuation_openers)


def place_of(ctx: SentenceContext, hit: TriggerHit) -> Place | None:
    """The place an event happened: a place after a locative preposition in its clause, nearest first."""
    grammar = ctx.lexicon.grammar
    places = [
        p for p in ctx.places if p.clause == hit.clause.index and p.preposition in grammar.place_prepositions
    ]
    nearest = min(places, key=lambda p: abs(p.first - hit.token), default=None)
    return None if nearest is None else nearest.place


def attribution_of(text: str, grammar: Grammar) -> tuple[str, int, int] | None:
    """Find who a sentence attributes its content to; return the name and the cue's span."""
    for pattern in grammar.attribution_patterns:
        match = pattern.search(text)
        if match:
            if _speaks_of_own_act(text, match.end(), grammar):
                return None
            return _strip_modifiers(match.group("source")), match.start(), match.end()
    return None


def _speaks_of_own_act(text: str, cue_end: int, grammar: Grammar) -> bool:
    """Whether the speaker goes on about their own act ("Turkey said it had begun ..."): then
    the speaker is the act's source, and the sentence attributes nothing to anybody else."""
    own_act = grammar.own_act_after_cue
    return own_act is not None and own_act.match(text, cue_end) is not None


def _strip_modifiers(name: str) -> str:
    """Drop leading lower-case modifiers ("deutschen Nato-Vertretung" → "Nato-Vertretung")."""
    words = name.split()
    while len(words) > 1 and words[0][:1].islower():
        words = words[1:]
    return " ".join(words)
