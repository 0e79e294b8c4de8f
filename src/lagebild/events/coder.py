"""The event coder: from an analysed document with its mentions to coded event records."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lagebild.actors.home import ArticleCountries, Outlets, article_countries, load_outlets
from lagebild.events.circumstances import attribution_of, date_of, modality_of, place_of
from lagebild.events.clauses import Clause, is_finite_or_participle, segment_clauses

if TYPE_CHECKING:
    from lagebild.events.codes import EventCodes
from lagebild.events.context import Discourse, SentenceContext, TriggerHit
from lagebild.events.dependencies import Dependencies
from lagebild.events.lexicon import EventLexicon, Grammar
from lagebild.events.parties import build_parties
from lagebild.events.roles import assign_roles
from lagebild.events.triggers import find_triggers
from lagebild.model import Actor, Doc, Event, Evidence, Mention, Sentence
from lagebild.syntax import analyse_tokens
from lagebild.time.tagger import TimeTagger

# Event codes whose parties form "the meeting" later sentences may refer back to.
_MEETING_ROOT = "04"


@dataclass(frozen=True)
class EventCoder:
    """Codes the events of documents in one language."""

    lexicon: EventLexicon
    codes: EventCodes
    outlets: Outlets = field(default_factory=load_outlets)
    # Reads a sentence alone to check that a far-away date is stated in it (time/dating.py).
    time_tagger: TimeTagger | None = None

    def code(self, doc: Doc) -> tuple[Event, ...]:
        """Return the events of a document, in text order, with stable ids."""
        discourse = Discourse()
        countries: ArticleCountries | None = None  # worked out on the first sentence that may hold an event
        events: list[Event] = []
        grammar = self.lexicon.grammar
        mentions = _by_sentence(doc.mentions)
        article_cues: int | None = None  # counted only when an event needs it
        for sentence in doc.sentences:
            actors = mentions.get(("actor", sentence.index), [])
            if not actors or not sentence.tokens or sentence.tokens[0].lemma is None:
                continue
            if countries is None:
                countries = article_countries(doc, self.outlets)
            discourse.expire(sentence.index)
            actors = actors + _names(sentence, actors, mentions, grammar, doc.datelines)
            ctx = self._context(sentence, actors, mentions, countries)
            found = self._code_sentence(doc, ctx, discourse)
            bare: set[tuple[int | None, int | None]] = {
                (m.start, m.end)
                for m in actors
                if m.label in grammar.bare_labels or (m.actor and m.actor.sector in grammar.bare_sectors)
            }
            if any(_only_bare_names(e, bare) for e in found):
                if article_cues is None:
                    article_cues = _count_words(doc.article.text, grammar.non_political)
                whole_article = article_cues >= grammar.non_political_threshold
                if whole_article or (article_cues and _count_words(sentence.text, grammar.non_political)):
                    found = [e for e in found if not _only_bare_names(e, bare)]
            _remember(discourse, ctx, found)
            events.extend(found)
        return tuple(events)

    def _context(
        self,
        sentence: Sentence,
        actors: list[Mention],
        mentions: dict[tuple[str, int], list[Mention]],
        countries: ArticleCountries,
    ) -> SentenceContext:
        """Gather what coding one sentence needs."""
        grammar = self.lexicon.grammar
        clauses = segment_clauses(sentence.tokens, grammar)
        attribution = attribution_of(sentence.text, grammar)
        if attribution is not None:
            cue_start, cue_end = sentence.start + attribution[1], sentence.start + attribution[2]
            actors = [m for m in actors if m.end <= cue_start or m.start >= cue_end]
        places = mentions.get(("place", sentence.index), [])
        times = [m.time for m in mentions.get(("time", sentence.index), []) if m.time is not None]
        return SentenceContext(
            sentence=sentence,
            tokens=sentence.tokens,
            clauses=clauses,
            parties=build_parties(sentence.tokens, actors, clauses, grammar, times),
            places=build_parties(sentence.tokens, places, clauses, grammar, times),
            times=times,
            attribution=attribution[0] if attribution else None,
            lexicon=self.lexicon,
            home_country=countries.home,
            office_countries=countries.for_offices,
            foreign_sectors=self.outlets.foreign_sectors,
            unknown_sectors=self.outlets.unknown_sectors,
        )

    def _code_sentence(self, doc: Doc, ctx: SentenceContext, discourse: Discourse) -> list[Event]:
        """Code every trigger of one sentence."""
        events: list[Event] = []
        content_modes: dict[int, str] = {}
        seen: set[tuple[str, ...]] = set()
        governing: TriggerHit | None = None  # the last trigger whose content is not asserted
        hits = find_triggers(ctx)
        if hits and self.lexicon.grammar.roles_from_analysis:
            ctx = replace(ctx, dependencies=Dependencies.from_words(analyse_tokens(ctx.tokens, doc.language)))
        for hit in hits:
            mode = (
                content_modes.get(hit.clause.index)
                or _infinitive_content(ctx, hit, governing)
                or _object_noun_content(ctx, hit, governing)
                or _noun_infinitive(ctx, hit)
            )
            if hit.trigger.content:
                governing = hit
            if mode == "omit":
                continue
            content = _content_clause(ctx, hit)
            if hit.trigger.content and content is not None:
                _mark_content(ctx, content, hit.trigger.content, content_modes)
            content = content or _fronted_content(ctx, hit)
            for source, target in assign_roles(ctx, hit, discourse, content):
                key = _event_key(hit, source, target)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self._event(doc, ctx, hit, source, target, mode, discourse))
        return events

    def _event(
        self,
        doc: Doc,
        ctx: SentenceContext,
        hit: TriggerHit,
        source: Actor | None,
        target: Actor | None,
        content_mode: str | None,
        discourse: Discourse,
    ) -> Event:
        """Build the record of one coded event."""
        published = doc.article.published
        info = self.codes.describe(hit.trigger.cameo)
        date, date_source = date_of(ctx, hit, discourse, published, self.time_tagger)
        sentence = ctx.sentence
        return Event(
            id=event_id(doc.article.id, sentence.start, hit.start, info.cameo, source, target),
            doc_id=doc.article.id,
            type=info.plover_type,
            mode=info.plover_mode,
            context=info.plover_context,
            cameo=info.cameo,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            source=source,
            target=target,
            modality=modality_of(ctx, hit, content_mode, date, published),
            date=date,
            date_source=date_source,
            location=place_of(ctx, hit),
            attribution=ctx.attribution,
            trigger=hit.text,
            trigger_start=hit.start,
            trigger_end=hit.end,
            evidence=Evidence(sentence.text, sentence.start, sentence.end, sentence.index),
            published=published.value if published else None,
            language=doc.language,
            plover_score=info.plover_score,
        )


def _by_sentence(mentions: tuple[Mention, ...]) -> dict[tuple[str, int], list[Mention]]:
    """Group a document's mentions by kind and sentence, once per document."""
    grouped: dict[tuple[str, int], list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault((mention.kind, mention.sentence), []).append(mention)
    return grouped


def _names(
    sentence: Sentence,
    actors: list[Mention],
    mentions: dict[tuple[str, int], list[Mention]],
    grammar: Grammar,
    datelines: tuple[tuple[int, int], ...] = (),
) -> list[Mention]:
    """Proper names no actor list knows, as actors without a code ("fordert Wolff").

    A name inside another mention (an actor, a place, a time) or a dateline ("Berlin (Reuters) -")
    is not one; nor is the first word of a sentence, which any word may be, nor a name after a
    place preposition ("nach Hamburg"), nor one after an article ("Ein Polster": a noun the word
    list does not know).
    """
    name_tags, place_words = grammar.name_tags, grammar.place_prepositions
    covered = [
        (m.start, m.end) for kind in ("place", "time") for m in mentions.get((kind, sentence.index), [])
    ]
    covered += [(m.start, m.end) for m in actors]
    covered += list(datelines)
    names: list[Mention] = []
    tokens = sentence.tokens
    i = 1
    while i < len(tokens):
        end = i
        while end < len(tokens) and tokens[end].pos in name_tags:
            end += 1
        if end == i:
            i += 1
            continue
        start_char, end_char = tokens[i].start, tokens[end - 1].end
        after_place_word = tokens[i - 1].text.lower() in place_words
        after_article = tokens[i - 1].pos in grammar.names_not_after_tags
        overlaps = any(s < end_char and start_char < e for s, e in covered)
        if not after_place_word and not after_article and not overlaps:
            text = sentence.text[start_char - sentence.start : end_char - sentence.start]
            actor = Actor(text=text, name=text, start=start_char, end=end_char)
            names.append(
                Mention("actor", start_char, end_char, text, sentence.index, actor=actor, label="name")
            )
        i = end
    return names


def _only_bare_names(event: Event, bare: set[tuple[int | None, int | None]]) -> bool:
    """Whether an event's parties are only names (teams and markets in sport and business text)."""

    def is_bare(actor: Actor | None) -> bool:
        return actor is None or (actor.start, actor.end) in bare

    return is_bare(event.source) and is_bare(event.target)


_WORD = re.compile(r"\w+")


def _count_words(text: str, words: frozenset[str]) -> int:
    """How many words of ``text`` are among ``words`` (compared in lower case)."""
    return sum(1 for word in _WORD.findall(text) if word.lower() in words)


def _content_clause(ctx: SentenceContext, hit: TriggerHit) -> Clause | None:
    """The complement clause right after a trigger's clause: "dass ...", "..., zu ...", or
    reported speech.

    Not when a verb stands between the trigger and that clause: what was said is then
    in the trigger's own clause ("The UK has claimed Assad's forces used chemical weapons, an
    attack that ...").
    """
    clause = hit.clause
    following = clause.index + 1
    if following >= len(ctx.clauses):
        return None
    candidate = ctx.clauses[following]
    if _opens_with_coordinator(ctx, candidate):
        return None  # "... and is accusing Washington": a second verb phrase, not the content
    grammar = ctx.lexicon.grammar
    if any(is_finite_or_participle(ctx.tokens, i, grammar) for i in range(hit.token + 1, candidate.start)):
        return None
    complement_words = ctx.lexicon.grammar.complement_subordinators
    is_complement = candidate.subordinator in complement_words or candidate.is_infinitive
    return candidate if is_complement or candidate.is_reported else None


def _fronted_content(ctx: SentenceContext, hit: TriggerHit) -> Clause | None:
    """The clause before an inverted report: "Behörden haben zu helfen, fordert Wolff."

    A report verb that opens the last clause after a comma has what was said before it.
    """
    clause = hit.clause
    if clause.index == 0 or clause.index != len(ctx.clauses) - 1 or hit.trigger.kind != "verb":
        return None
    first = next((i for i in range(clause.start, clause.end) if ctx.tokens[i].text[0].isalnum()), None)
    after_comma = clause.start > 0 and ctx.tokens[clause.start - 1].text == ","
    comma_opens = ctx.tokens[clause.start].text == ","
    return ctx.clauses[clause.index - 1] if first == hit.token and (after_comma or comma_opens) else None


def _infinitive_content(ctx: SentenceContext, hit: TriggerHit, governing: TriggerHit | None) -> str | None:
    """The content mode of an infinitive or gerund governed by an earlier trigger of its clause.

    "urged Turkey to seize Afrin": the seizure is what was demanded, not what happened;
    "accused Israel of killing": the killing is alleged.
    """
    if governing is None or governing.clause.index != hit.clause.index or hit.trigger.kind != "verb":
        return None
    grammar = ctx.lexicon.grammar
    before = ctx.tokens[hit.token - 1].text.lower() if hit.token > 0 else ""
    gerund = before in grammar.gerund_markers and ctx.tokens[hit.token].pos in grammar.gerund_tags
    return governing.trigger.content if before == grammar.infinitive_marker or gerund else None


def _noun_infinitive(ctx: SentenceContext, hit: TriggerHit) -> str | None:
    """ "omit" for an infinitive that a noun of need, will or chance governs ("is under no pressure
    to negotiate", "has every reason to attack"): what it names is no act (``omit_after_nouns``)."""
    grammar = ctx.lexicon.grammar
    if hit.trigger.kind != "verb" or hit.token < 2 or not grammar.omit_after_nouns:
        return None
    marker, noun = ctx.tokens[hit.token - 1], ctx.tokens[hit.token - 2]
    if marker.text.lower() != grammar.infinitive_marker:
        return None
    return "omit" if (noun.lemma or "").lower() in grammar.omit_after_nouns else None


def _object_noun_content(ctx: SentenceContext, hit: TriggerHit, governing: TriggerHit | None) -> str | None:
    """The content mode of an event noun that is the object of an earlier trigger of its clause.

    "forderte den Abzug der Truppen": the withdrawal is what was demanded; "warf Moskau den
    Beschuss vor": the shelling is alleged. A noun in a prepositional phrase ("nach dem Angriff
    forderte ...") is not the object and keeps its own reading.
    """
    if governing is None or governing.clause.index != hit.clause.index or hit.trigger.kind != "noun":
        return None
    if hit.token < governing.token or ctx.in_prepositional_phrase(hit.token):
        return None
    return governing.trigger.content


def _event_key(hit: TriggerHit, source: Actor | None, target: Actor | None) -> tuple[str, ...]:
    """What makes two readings of a sentence the same event: code family and parties' roots.

    Parties of one country are told apart by their words too, so that "FPÖ und Grüne warfen
    sich gegenseitig ... vor" gives both domestic events.
    """
    roots = (source.root if source else "", target.root if target else "")
    words = (source.text, target.text) if source and target and roots[0] == roots[1] else ()
    return (hit.trigger.cameo[:2], *roots, *words)


def _opens_with_coordinator(ctx: SentenceContext, clause: Clause) -> bool:
    """Whether a clause's first word is a coordinator ("und", "and")."""
    first = next((t for t in ctx.tokens[clause.start : clause.end] if t.text[0].isalnum()), None)
    return first is not None and first.text.lower() in ctx.lexicon.grammar.coordinators


def _mark_content(ctx: SentenceContext, content: Clause, mode: str, modes: dict[int, str]) -> None:
    """Give the complement clause, and infinitive clauses that continue it, the trigger's content mode."""
    modes[content.index] = mode
    for clause in ctx.clauses[content.index + 1 :]:
        if not clause.is_infinitive:
            break
        modes[clause.index] = mode


def _remember(discourse: Discourse, ctx: SentenceContext, events: list[Event]) -> None:
    """Keep what later sentences may refer back to: the last meeting and the last date named."""
    for event in events:
        if event.cameo.startswith(_MEETING_ROOT) and event.target is not None and event.source is not None:
            discourse.meeting = (event.source, event.target)
            discourse.meeting_sentence = ctx.sentence.index
            if event.date_source == "text":
                discourse.meeting_date = event.date
    dated = [e.date for e in events if e.date_source == "text" and e.date is not None]
    if dated:
        discourse.last_text_date = dated[0]
        discourse.last_text_sentence = ctx.sentence.index
    elif ctx.times:
        first = next((t for t in ctx.times if t.type == "DATE" and t.value.value[:1].isdigit()), None)
        if first is not None:
            discourse.last_text_date = first.value
            discourse.last_text_sentence = ctx.sentence.index


def event_id(
    doc_id: str,
    sentence_start: int,
    trigger_start: int,
    cameo: str,
    source: Actor | None,
    target: Actor | None,
) -> str:
    """A stable id: the same article and reading always give the same id."""
    key = "|".join(
        (
            doc_id,
            str(sentence_start),
            str(trigger_start),
            cameo,
            source.root if source else "",
            target.root if target else "",
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


__all__ = ["EventCoder", "event_id"]
