"""Articles for the API and dashboard tests, and a small keyword coder standing in for the pipeline.

The coder finds a trigger word and up to two known actors in each sentence and codes one event
from them, so tests can post plain articles and know exactly which events will be stored. The
sentences are written for these tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.model import Actor, Article, Doc, Event, Evidence, Place, Sentence

ACTORS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    # word: (name, country, org, sector)
    "Nato": ("NATO", None, "NATO", None),
    "Russland": ("Russland", "RUS", None, "GOV"),
    "Moskau": ("Russland", "RUS", None, "GOV"),
    "russische Armee": ("Russische Streitkräfte", "RUS", None, "MIL"),
    "Bundesregierung": ("Bundesregierung", "DEU", None, "GOV"),
    "Frankreich": ("Frankreich", "FRA", None, "GOV"),
    "Litauen": ("Litauen", "LTU", None, "GOV"),
    "Polen": ("Polen", "POL", None, "GOV"),
}
TRIGGERS: dict[str, tuple[str, str, float, int]] = {
    # word: (PLOVER type, CAMEO, Goldstein, quad class)
    "forderte": ("REQUEST", "020", 3.0, 1),
    "traf": ("CONSULT", "040", 1.0, 1),
    "lieferte": ("AID", "070", 7.0, 2),
    "kritisierte": ("DISAPPROVE", "110", -2.0, 3),
    "drohte": ("THREATEN", "138", -7.0, 3),
    "beschoss": ("ASSAULT", "190", -10.0, 4),
}
PLACES: dict[str, tuple[str, float, float]] = {
    "Kaliningrad": ("RUS", 54.71, 20.51),
    "Vilnius": ("LTU", 54.687, 25.28),
    "Brüssel": ("BEL", 50.85, 4.35),
    "Warschau": ("POL", 52.23, 21.01),
    "Ukraine": ("UKR", 48.38, 31.17),  # a whole country, named as the gazetteer names it
}
TOKEN = "test-token-0a9f"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _spans(text: str) -> list[Sentence]:
    sentences = []
    start = 0
    for index, part in enumerate(_SENTENCE_END.split(text)):
        begin = text.index(part, start)
        sentences.append(Sentence(index, begin, begin + len(part), part))
        start = begin + len(part)
    return sentences


@dataclass
class KeywordCoder:
    """A stand-in for ``Processor``: one event per sentence with a trigger and a source actor."""

    calls: int = 0

    def process(self, article: Article) -> Doc:
        """Code the article's sentences."""
        self.calls += 1
        language = article.language or "de"
        sentences = _spans(article.text)
        events = []
        for sentence in sentences:
            event = self._event(article, sentence, len(events) + 1, language)
            if event is not None:
                events.append(event)
        return Doc(article=article, language=language, sentences=tuple(sentences), events=tuple(events))

    def _event(self, article: Article, sentence: Sentence, number: int, language: str) -> Event | None:
        trigger = next((word for word in TRIGGERS if word in sentence.text), None)
        found = sorted((sentence.text.find(word), word) for word in ACTORS if sentence.text.find(word) >= 0)
        if trigger is None or not found:
            return None
        actors = [self._actor(word, sentence.start + position) for position, word in found[:2]]
        kind, cameo, goldstein, quad = TRIGGERS[trigger]
        trigger_start = sentence.start + sentence.text.index(trigger)
        return Event(
            id=f"{article.id}-e{number}",
            doc_id=article.id,
            type=kind,
            mode=None,
            context=None,
            cameo=cameo,
            goldstein=goldstein,
            quad_class=quad,
            source=actors[0],
            target=actors[1] if len(actors) > 1 else None,
            modality="asserted",
            date=article.published,
            date_source="published" if article.published else "none",
            location=self._place(sentence),
            attribution=None,
            trigger=trigger,
            trigger_start=trigger_start,
            trigger_end=trigger_start + len(trigger),
            evidence=Evidence(sentence.text, sentence.start, sentence.end, sentence.index),
            published=article.published.value if article.published else None,
            language=language,
        )

    @staticmethod
    def _actor(word: str, start: int) -> Actor:
        name, country, org, sector = ACTORS[word]
        return Actor(word, name, country, org, sector, start, start + len(word))

    @staticmethod
    def _place(sentence: Sentence) -> Place | None:
        for name, (country, lat, lon) in PLACES.items():
            position = sentence.text.find(name)
            if position >= 0:
                start = sentence.start + position
                return Place(name, country, lat, lon, name, start, start + len(name))
        return None


SAMPLE_ARTICLES: list[dict[str, str]] = [
    {
        "id": "2017-03-nato-forderung",
        "published": "2017-03-30",
        "title": "Nato fordert Rückzug",
        "outlet": "Beispielblatt",
        "url": "https://example.org/nato-forderung",
        "text": (
            "Die Nato forderte Russland in Brüssel auf, seine Truppen von der Grenze abzuziehen. "
            "Der Generalsekretär sprach von einer ernsten Lage. "
            "Die Bundesregierung traf sich am Abend mit Frankreich zu Beratungen."
        ),
    },
    {
        "id": "2017-04-raketen",
        "published": "2017-04-12",
        "title": "Raketen nach Kaliningrad",
        "outlet": "Beispielblatt",
        "text": (
            "Die russische Armee drohte der Nato mit der Verlegung weiterer Raketen nach Kaliningrad. "
            "Litauen kritisierte Moskau daraufhin scharf."
        ),
    },
    {
        "id": "2017-04-hilfe",
        "published": "2017-04-20",
        "title": "Hilfe für Litauen",
        "outlet": "Morgenpost Beispiel",
        "text": (
            "Polen lieferte Litauen in Vilnius Ausrüstung für den Grenzschutz. "
            "Die Lieferung war lange geplant."
        ),
    },
    {
        "id": "2017-06-gespraech",
        "published": "2017-06-02",
        "title": "Gespräche in Warschau",
        "outlet": "Morgenpost Beispiel",
        "text": "Die Nato traf Russland in Warschau zu einem Gespräch über Manöver. Ergebnisse gab es keine.",
    },
    {
        "id": "2018-01-kritik",
        "published": "2018-01-15",
        "title": "Kritik an Manövern",
        "outlet": "Beispielblatt",
        "language": "de",
        "text": "Frankreich kritisierte Russland wegen der Manöver. Moskau drohte Polen mit Gegenmaßnahmen.",
    },
]
"""Five articles holding 8 events; NATO–RUS: one each in 2017-03, 2017-04 and 2017-06."""

SAMPLE_EVENTS = 8
