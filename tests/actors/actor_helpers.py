"""Helpers for the actor tests: a fake office-holder list, a plain sentence splitter, short codes."""

from __future__ import annotations

import datetime as dt
import re

from lagebild.actors import ActorRecognizer
from lagebild.actors.office_holders import OfficeTerm
from lagebild.dates import parse_calendar_date
from lagebild.model import Mention, Sentence

FAKE_TERMS = [
    OfficeTerm("Jens Stoltenberg", ("Stoltenberg",), "NOR", None, "GOV", "prime_minister",
               dt.date(2005, 10, 17), dt.date(2013, 10, 16), "test"),
    OfficeTerm("Jens Stoltenberg", ("Stoltenberg",), None, "NATO", "IGO", "secretary_general",
               dt.date(2014, 10, 1), dt.date(2024, 9, 30), "test"),
    OfficeTerm("Wladimir Putin", ("Putin", "Vladimir Putin"), "RUS", None, "GOV", "prime_minister",
               dt.date(2008, 5, 8), dt.date(2012, 5, 7), "test"),
    OfficeTerm("Wladimir Putin", ("Putin", "Vladimir Putin"), "RUS", None, "GOV", "president",
               dt.date(2012, 5, 7), None, "test"),
    OfficeTerm("Angela Merkel", ("Merkel",), "DEU", None, "GOV", "chancellor",
               dt.date(2005, 11, 22), dt.date(2021, 12, 8), "test"),
]

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])")


def split_sentences(text: str) -> list[Sentence]:
    """A plain splitter for test texts: a new sentence after . ! ? and a capital letter."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        sentences.append(Sentence(len(sentences), start, match.start(), text[start:match.start()]))
        start = match.end()
    sentences.append(Sentence(len(sentences), start, len(text), text[start:]))
    return sentences


def find(recognizer: ActorRecognizer, text: str, published: str | None = "2017-03") -> list[Mention]:
    """Run the recognizer on ``text`` split into sentences, dated ``published``."""
    date = parse_calendar_date(published) if published else None
    return recognizer.find(text, split_sentences(text), date)


def codes(mentions: list[Mention]) -> list[tuple[str, str, str | None]]:
    """Return (text, root, sector) of each mention, for compact assertions."""
    return [(m.text, m.actor.root if m.actor else "", m.actor.sector if m.actor else None) for m in mentions]
