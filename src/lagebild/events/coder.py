"""The event coder: from an analysed document with its mentions to coded event records."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.events.circumstances import attribution_of, date_of, governing_time, modality_of, place_of
from lagebild.events.clauses import Clause, segment_clauses

if TYPE_CHECKING:
    from lagebild.events.codes import EventCodes
from lagebild.events.context import Discourse, SentenceContext, TriggerHit
from lagebild.events.lexicon import EventLexicon
from lagebild.events.parties import build_parties
from lagebild.events.roles import assign_roles
from lagebild.events.triggers import find_triggers
from lagebild.model import Actor, Doc, Event, Evidence, Mention, Sentence

# Event codes whose parties form "the meeting" later sentences may refer back to.
_MEETING_ROOT = "04"


@dataclass(frozen=True)
class EventCoder:
    """Codes the events of documents in one language."""

    lexicon: EventLexicon
    codes: EventCodes

    def code(self, doc: Doc) -> tuple[Event, ...]:
        """Return the events of a document, in text order, with stable ids."""
        discourse = Discourse()
        events: list[Event] = []
        grammar = self.lexicon.grammar
        article_cues = len(grammar.non_political.findall(doc.article.text))
        whole_article = article_cues >= grammar.non_political_threshold
        for sentence in doc.sentences:
            actors = doc.mentions_of("actor", sentence.index)
            if not actors or not sentence.tokens or sentence.tokens[0].lemma is None:
                continue
            ctx = self._context(doc, sentence, actors)
            found = self._code_sentence(doc, ctx, discourse)
            if whole_article or (article_cues and grammar.non_political.search(sentence.text)):
                found = _without_bare_names(found, actors, grammar.bare_labels)
            _remember(discourse, ctx, found)
            events.extend(found)
        return tuple(events)

    def _context(self, doc: Doc, sentence: Sentence, actors: list[Mention]) -> SentenceContext:
        """Gather what coding one sentence needs."""
        grammar = self.lexicon.grammar
        clauses = segment_clauses(sentence.tokens, grammar)
        attribution = attribution_of(sentence.text, grammar)
        if attribution is not None:
            cue_start, cue_end = sentence.start + attribution[1], sentence.start + attribution[2]
            actors = [m for m in actors if m.end <= cue_start or m.start >= cue_end]
        places = doc.mentions_of("place", sentence.index)
        times = [m.time for m in doc.mentions_of("time", sentence.index) if m.time is not None]
        return SentenceContext(
            sentence=sentence,
            tokens=sentence.tokens,
            clauses=clauses,
            parties=build_parties(sentence.tokens, actors, clauses, grammar),
            places=build_parties(sentence.tokens, places, clauses, grammar),
            times=times,
            attribution=attribution[0] if attribution else None,
            lexicon=self.lexicon,
        )

    def _code_sentence(self, doc: Doc, ctx: SentenceContext, discourse: Discourse) -> list[Event]:
        """Code every trigger of one sentence."""
        events: list[Event] = []
        content_modes: dict[int, str] = {}
        seen: set[tuple[str, str, str]] = set()
        for hit in find_triggers(ctx):
            mode = content_modes.get(hit.clause.index)
            if mode == "omit":
                continue
            content = _content_clause(ctx, hit.clause)
            if hit.trigger.content and content is not None:
                _mark_content(ctx, content, hit.trigger.content, content_modes)
            for source, target in assign_roles(ctx, hit, discourse, content):
                key = (hit.trigger.cameo[:2], source.root, target.root if target else "")
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
        source: Actor,
        target: Actor | None,
        content_mode: str | None,
        discourse: Discourse,
    ) -> Event:
        """Build the record of one coded event."""
        published = doc.article.published
        info = self.codes.describe(hit.trigger.cameo)
        date, date_source = date_of(ctx, hit, discourse, published)
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


def _without_bare_names(
    events: list[Event], actors: list[Mention], bare_labels: frozenset[str]
) -> list[Event]:
    """Drop events whose parties are only names (teams and markets in sport and business text)."""
    bare = {(m.start, m.end) for m in actors if m.label in bare_labels}

    def is_bare(actor: Actor | None) -> bool:
        return actor is None or (actor.start, actor.end) in bare

    return [e for e in events if not (is_bare(e.source) and is_bare(e.target))]


def _content_clause(ctx: SentenceContext, clause: Clause) -> Clause | None:
    """The complement clause right after a clause: "dass ...", "..., zu ...", or reported speech."""
    following = clause.index + 1
    if following >= len(ctx.clauses):
        return None
    candidate = ctx.clauses[following]
    is_complement = candidate.subordinator in ("dass", "ob", "that", "whether") or candidate.is_infinitive
    return candidate if is_complement or candidate.is_reported else None


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
            if event.date_source == "text":
                discourse.meeting_date = event.date
    dated = [e.date for e in events if e.date_source == "text" and e.date is not None]
    if dated:
        discourse.last_text_date = dated[0]
    elif ctx.times:
        first = next((t for t in ctx.times if t.type == "DATE" and t.value.value[:1].isdigit()), None)
        if first is not None:
            discourse.last_text_date = first.value


def event_id(
    doc_id: str, sentence_start: int, trigger_start: int, cameo: str, source: Actor, target: Actor | None
) -> str:
    """A stable id: the same article and reading always give the same id."""
    key = "|".join(
        (doc_id, str(sentence_start), str(trigger_start), cameo, source.root, target.root if target else "")
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


__all__ = ["EventCoder", "event_id", "governing_time"]
