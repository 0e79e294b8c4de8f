"""Typed records that flow through the pipeline.

Every record is a frozen dataclass: stages never mutate what they receive, they return a new
record (``dataclasses.replace``).  Character offsets are Python string indices into
``Article.text`` throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Granularity = Literal[
    "century", "decade", "year", "season", "quarter", "month", "week", "day", "time", "none"
]
Modality = Literal["asserted", "planned", "negated", "hypothetical"]
DateSource = Literal["text", "published", "none"]


@dataclass(frozen=True)
class TimeValue:
    """A normalised point or period in time with the days it may cover.

    ``value`` is a TIMEX3 value (``2017-03-30``, ``2016-SP``, ``2014``, ``PAST_REF``, ``P3D``).
    ``earliest`` and ``latest`` are the widest true bounds in days; either is ``None`` when it
    cannot be known (for example the lower bound of ``PAST_REF``).
    """

    value: str
    granularity: Granularity
    earliest: dt.date | None
    latest: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used in records and exports."""
        return {
            "value": self.value,
            "granularity": self.granularity,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
        }


@dataclass(frozen=True)
class Article:
    """One input document after reading: the unit the pipeline processes."""

    id: str
    text: str
    published: TimeValue | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    source_path: str | None = None


@dataclass(frozen=True)
class ReadProblem:
    """A document that could not be read, or was read with a warning.

    ``fatal`` problems mean the document was skipped; the rest of the batch goes on.
    """

    where: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        level = "skipped" if self.fatal else "warning"
        return f"{self.where}: {level}: {self.reason}"


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark; analysis fields are filled by the morphology stage."""

    start: int
    end: int
    text: str
    lemma: str | None = None
    pos: str | None = None
    morph: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence span with its tokens."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Actor:
    """A coded actor: CAMEO-style root (country or organisation) plus sector."""

    text: str
    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None
    # Other countries a national office word may belong to ("Bundeskanzler": also AUT); internal,
    # settled by the article's home country and not exported.
    alternatives: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        """The actor's root code: the organisation if set, else the country, else empty."""
        return self.org or self.country or ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used in records."""
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "org": self.org,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Place:
    """A geocoded place."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    text: str = ""
    start: int | None = None
    end: int | None = None
    kind: str = "place"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used in records."""
        return {
            "name": self.name,
            "text": self.text,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in text, normalised against an anchor date."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: TimeValue

    def to_dict(self) -> dict[str, Any]:
        """Return the flat JSON form written by ``lagebild times``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            **self.value.to_dict(),
        }


MentionKind = Literal["actor", "place", "time", "attribution"]


@dataclass(frozen=True)
class Mention:
    """A span of text that the pipeline understood: an actor, place, time or attribution cue."""

    kind: MentionKind
    start: int
    end: int
    text: str
    sentence: int
    actor: Actor | None = None
    place: Place | None = None
    time: TimeExpression | None = None
    label: str | None = None


@dataclass(frozen=True)
class Doc:
    """An article with its linguistic analysis and the mentions found in it."""

    article: Article
    language: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    # Character spans of the datelines that open sentences ("Wien – "): places, never actors.
    datelines: tuple[tuple[int, int], ...] = ()
    # What coded the document: lagebild's version and a digest of the language data in use
    # (``Processor.coder_version``); stored with the article and each of its events.
    coder_version: str | None = None

    def mentions_of(self, kind: MentionKind, sentence: int | None = None) -> list[Mention]:
        """Return the mentions of one kind, optionally only those in one sentence."""
        return [m for m in self.mentions if m.kind == kind and (sentence is None or m.sentence == sentence)]


@dataclass(frozen=True)
class Evidence:
    """The sentence an event was read from, with offsets into the article text."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Event:
    """One coded event: the record users see, search and export."""

    id: str
    doc_id: str
    type: str | None
    mode: str | None
    context: str | None
    cameo: str
    goldstein: float | None
    quad_class: int | None
    source: Actor | None
    target: Actor | None
    modality: Modality
    date: TimeValue | None
    date_source: DateSource
    location: Place | None
    attribution: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    evidence: Evidence
    published: str | None
    language: str
    plover_score: float | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the nested JSON form of the record."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "plover_score": self.plover_score,
            "quad_class": self.quad_class,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "modality": self.modality,
            "date": self.date.to_dict() if self.date else None,
            "date_source": self.date_source,
            "location": self.location.to_dict() if self.location else None,
            "attribution": self.attribution,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
                "sentence": self.evidence.sentence,
            },
            "published": self.published,
            "language": self.language,
        }

    def to_flat_dict(self) -> dict[str, Any]:
        """Return the record with actors, date and place as flat dotted fields.

        This is the ``lagebild extract`` contract: ``source.country``, ``source.org``, ...
        """
        return flatten(self.to_dict())


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts into dotted keys; a ``None`` sub-record yields ``None`` leaves."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif value is None and key in _NESTED_KEYS and not prefix:
            flat.update({f"{name}.{sub}": None for sub in _NESTED_KEYS[key]})
        else:
            flat[name] = value
    return flat


_ACTOR_KEYS = ("text", "name", "country", "org", "sector", "start", "end")
_NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "source": _ACTOR_KEYS,
    "target": _ACTOR_KEYS,
    "date": ("value", "granularity", "earliest", "latest"),
    "location": ("name", "text", "country", "lat", "lon", "start", "end"),
}
