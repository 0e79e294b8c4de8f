"""Build analysed documents with hand-placed mentions, to test the event coder on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from lagebild.dates import parse_calendar_date
from lagebild.events.coder import EventCoder
from lagebild.events.codes import load_event_codes
from lagebild.events.lexicon import load_event_lexicon
from lagebild.lang import load_text_rules
from lagebild.model import Actor, Article, Doc, Event, Mention, Place, TimeExpression, TimeValue
from lagebild.nlp.morphology import Morphology
from lagebild.nlp.sentences import SentenceSplitter
from lagebild.nlp.tokens import tokenize

ORGS = {"NATO", "EU", "UN", "TALIBAN", "HAMAS", "IS", "OSCE"}


@cache
def _coder(language: str) -> EventCoder:
    return EventCoder(load_event_lexicon(language), load_event_codes())


@cache
def _morphology(language: str) -> Morphology:
    return Morphology(load_text_rules(language), load_event_lexicon(language).verb_lemmas())


def code(
    text: str,
    actors: list[tuple[str, str, str | None]],
    places: list[tuple[str, str]] = (),  # type: ignore[assignment]
    times: list[tuple[str, str, str, dt.date, dt.date]] = (),  # type: ignore[assignment]
    published: str = "2017-03",
    language: str = "de",
) -> list[Event]:
    """Code ``text`` given its actor phrases (phrase, root, sector), places (phrase, country) and times."""
    rules = load_text_rules(language)
    sentences = tuple(
        replace(s, tokens=tokenize(text, s.start, s.end)) for s in SentenceSplitter(rules).split(text)
    )
    sentences = tuple(_morphology(language).analyse_sentence(s) for s in sentences)

    def sentence_of(start: int) -> int:
        return next(s.index for s in sentences if s.start <= start < s.end)

    mentions = []
    for phrase, root, sector in actors:
        for start in _occurrences(text, phrase):
            org = root if root in ORGS else None
            actor = Actor(phrase, root, None if org else root, org, sector, start, start + len(phrase))
            mentions.append(
                Mention("actor", start, start + len(phrase), phrase, sentence_of(start), actor=actor)
            )
    for phrase, country in places:
        for start in _occurrences(text, phrase):
            place = Place(phrase, country, 0.0, 0.0, phrase, start, start + len(phrase))
            mentions.append(
                Mention("place", start, start + len(phrase), phrase, sentence_of(start), place=place)
            )
    for phrase, value, granularity, earliest, latest in times:
        start = text.index(phrase)
        expression = TimeExpression(
            start, start + len(phrase), phrase, "DATE", TimeValue(value, granularity, earliest, latest)
        )  # type: ignore[arg-type]
        mentions.append(
            Mention("time", start, start + len(phrase), phrase, sentence_of(start), time=expression)
        )
    article = Article("test", text, parse_calendar_date(published) if published else None)
    doc = Doc(article, language, sentences, tuple(sorted(mentions, key=lambda m: m.start)))
    return list(_coder(language).code(doc))


def _occurrences(text: str, phrase: str) -> list[int]:
    found, start = [], text.find(phrase)
    while start != -1:
        if _word_bounded(text, start, start + len(phrase)):
            found.append(start)
        start = text.find(phrase, start + 1)
    return found


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def keys(events: list[Event]) -> list[tuple[str | None, str, str]]:
    """(type, source root, target root) of each event."""
    return [(e.type, e.source.root if e.source else "", e.target.root if e.target else "") for e in events]
