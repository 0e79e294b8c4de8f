"""Turning Docs and Events into column-oriented rows for bulk inserts.

Rows are built as Arrow tables with explicit types, so the database receives the values as
data (never as SQL text) and large batches go in with one statement per table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from lagebild.model import Actor, Doc, Event, Mention, Place, TimeValue


@dataclass(frozen=True)
class Column:
    """A stored column: its name, its Arrow type and how to read its value from a record."""

    name: str
    type: Any
    value: Callable[[Any], Any]


def _actor_columns(role: str, pick: Callable[[Event], Actor | None]) -> list[Column]:
    """The flat columns of one actor role (``source`` or ``target``) of an event."""

    def field(attr: str) -> Callable[[Event], Any]:
        return lambda e: getattr(actor, attr) if (actor := pick(e)) is not None else None

    def root(e: Event) -> str | None:
        actor = pick(e)
        # Upper-cased so the actor filter can use equality (and the index) while still
        # matching case-insensitively.
        return actor.root.upper() or None if actor is not None else None

    return [
        Column(f"{role}_root", pa.string(), root),
        *(Column(f"{role}_{a}", pa.string(), field(a)) for a in ("text", "name", "country", "org", "sector")),
        Column(f"{role}_start", pa.int32(), field("start")),
        Column(f"{role}_end", pa.int32(), field("end")),
    ]


def _date_field(attr: str) -> Callable[[Event], Any]:
    return lambda e: getattr(e.date, attr) if e.date is not None else None


def _place_field(attr: str) -> Callable[[Event], Any]:
    return lambda e: getattr(e.location, attr) if e.location is not None else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("id", pa.string(), lambda e: e.id),
    Column("article_id", pa.string(), lambda e: e.doc_id),
    Column("type", pa.string(), lambda e: e.type),
    Column("mode", pa.string(), lambda e: e.mode),
    Column("context", pa.string(), lambda e: e.context),
    Column("cameo", pa.string(), lambda e: e.cameo),
    Column("goldstein", pa.float64(), lambda e: e.goldstein),
    Column("plover_score", pa.float64(), lambda e: e.plover_score),
    Column("quad_class", pa.int32(), lambda e: e.quad_class),
    *_actor_columns("source", lambda e: e.source),
    *_actor_columns("target", lambda e: e.target),
    Column("modality", pa.string(), lambda e: e.modality),
    Column("date_value", pa.string(), _date_field("value")),
    Column("date_granularity", pa.string(), _date_field("granularity")),
    Column("date_earliest", pa.date32(), _date_field("earliest")),
    Column("date_latest", pa.date32(), _date_field("latest")),
    Column("date_source", pa.string(), lambda e: e.date_source),
    Column("location_name", pa.string(), _place_field("name")),
    Column("location_text", pa.string(), _place_field("text")),
    Column("location_country", pa.string(), _place_field("country")),
    Column("location_lat", pa.float64(), _place_field("lat")),
    Column("location_lon", pa.float64(), _place_field("lon")),
    Column("location_start", pa.int32(), _place_field("start")),
    Column("location_end", pa.int32(), _place_field("end")),
    Column("attribution", pa.string(), lambda e: e.attribution),
    Column("trigger", pa.string(), lambda e: e.trigger),
    Column("trigger_start", pa.int32(), lambda e: e.trigger_start),
    Column("trigger_end", pa.int32(), lambda e: e.trigger_end),
    Column("evidence_text", pa.string(), lambda e: e.evidence.text),
    Column("evidence_start", pa.int32(), lambda e: e.evidence.start),
    Column("evidence_end", pa.int32(), lambda e: e.evidence.end),
    Column("evidence_sentence", pa.int32(), lambda e: e.evidence.sentence),
    Column("published", pa.string(), lambda e: e.published),
    Column("language", pa.string(), lambda e: e.language),
    Column("record", pa.string(), lambda e: _json(e.to_dict())),
    Column("extra", pa.string(), lambda e: _json(e.extra) if e.extra else None),
)


@dataclass(frozen=True)
class StoredEvent:
    """An event as the store writes it: with the coder version of the document it came from."""

    event: Event
    coder_version: str | None


def _of_event(column: Column) -> Column:
    """An event column read through a ``StoredEvent``."""
    return Column(column.name, column.type, lambda stored: column.value(stored.event))


STORED_EVENT_COLUMNS: tuple[Column, ...] = (
    *(_of_event(column) for column in EVENT_COLUMNS),
    Column("coder_version", pa.string(), lambda stored: stored.coder_version),
)
"""The columns of the ``events`` table: ``EVENT_COLUMNS`` plus the coder version."""


def stored_events(items: Iterable[tuple[Doc, Iterable[Event]]]) -> list[StoredEvent]:
    """The events of the documents with their coder versions; a repeated id is kept once (the
    first), since ids are stable and a repeat is the same event."""
    seen: set[str] = set()
    stored = []
    for doc, events in items:
        for event in events:
            if event.id not in seen:
                seen.add(event.id)
                stored.append(StoredEvent(event, doc.coder_version))
    return stored


def _published(attr: str) -> Callable[[Doc], Any]:
    return lambda d: getattr(d.article.published, attr) if d.article.published is not None else None


def article_columns(ingested_at: dt.datetime) -> tuple[Column, ...]:
    """The article columns; every article of one batch shares its ingest time."""
    return (
        Column("id", pa.string(), lambda d: d.article.id),
        Column("title", pa.string(), lambda d: d.article.title),
        Column("url", pa.string(), lambda d: d.article.url),
        Column("outlet", pa.string(), lambda d: d.article.outlet),
        Column("language", pa.string(), lambda d: d.language or d.article.language),
        Column("published_value", pa.string(), _published("value")),
        Column("published_granularity", pa.string(), _published("granularity")),
        Column("published_earliest", pa.date32(), _published("earliest")),
        Column("published_latest", pa.date32(), _published("latest")),
        Column("source_path", pa.string(), lambda d: d.article.source_path),
        Column("text", pa.string(), lambda d: d.article.text),
        Column("warnings", pa.string(), lambda d: _json(list(d.warnings)) if d.warnings else None),
        Column("ingested_at", pa.timestamp("us"), lambda d: ingested_at),
        Column("coder_version", pa.string(), lambda d: d.coder_version),
    )


@dataclass(frozen=True)
class SentenceRow:
    """A sentence with the id of its article."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


SENTENCE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", pa.string(), lambda s: s.article_id),
    Column("index", pa.int32(), lambda s: s.index),
    Column("start", pa.int32(), lambda s: s.start),
    Column("end", pa.int32(), lambda s: s.end),
    Column("text", pa.string(), lambda s: s.text),
)


@dataclass(frozen=True)
class MentionRow:
    """A mention with the id of its article and its position in the article's mention list."""

    article_id: str
    ordinal: int
    mention: Mention

    @property
    def place(self) -> Place | None:
        """The mention's place, if it names one."""
        return self.mention.place

    @property
    def time(self) -> TimeValue | None:
        """The normalised time of a time mention."""
        return self.mention.time.value if self.mention.time is not None else None

    @property
    def name(self) -> str | None:
        """The canonical name of the actor or place."""
        if self.mention.actor is not None:
            return self.mention.actor.name
        return self.place.name if self.place is not None else None

    @property
    def country(self) -> str | None:
        """The actor's or place's country code."""
        if self.mention.actor is not None:
            return self.mention.actor.country
        return self.place.country if self.place is not None else None


def _mention_time(attr: str) -> Callable[[MentionRow], Any]:
    return lambda r: getattr(r.time, attr) if r.time is not None else None


def _mention_actor(attr: str) -> Callable[[MentionRow], Any]:
    return lambda r: getattr(r.mention.actor, attr) if r.mention.actor is not None else None


def _mention_place(attr: str) -> Callable[[MentionRow], Any]:
    return lambda r: getattr(r.place, attr) if r.place is not None else None


MENTION_COLUMNS: tuple[Column, ...] = (
    Column("article_id", pa.string(), lambda r: r.article_id),
    Column("ordinal", pa.int32(), lambda r: r.ordinal),
    Column("sentence", pa.int32(), lambda r: r.mention.sentence),
    Column("kind", pa.string(), lambda r: r.mention.kind),
    Column("start", pa.int32(), lambda r: r.mention.start),
    Column("end", pa.int32(), lambda r: r.mention.end),
    Column("text", pa.string(), lambda r: r.mention.text),
    Column("label", pa.string(), lambda r: r.mention.label),
    Column("name", pa.string(), lambda r: r.name),
    Column("country", pa.string(), lambda r: r.country),
    Column("org", pa.string(), _mention_actor("org")),
    Column("sector", pa.string(), _mention_actor("sector")),
    Column("lat", pa.float64(), _mention_place("lat")),
    Column("lon", pa.float64(), _mention_place("lon")),
    Column("time_type", pa.string(), lambda r: r.mention.time.type if r.mention.time else None),
    Column("time_value", pa.string(), _mention_time("value")),
    Column("time_granularity", pa.string(), _mention_time("granularity")),
    Column("time_earliest", pa.date32(), _mention_time("earliest")),
    Column("time_latest", pa.date32(), _mention_time("latest")),
)


def sentence_rows(doc: Doc) -> list[SentenceRow]:
    """The sentences of a doc, tagged with its article id."""
    return [SentenceRow(doc.article.id, s.index, s.start, s.end, s.text) for s in doc.sentences]


def mention_rows(doc: Doc) -> list[MentionRow]:
    """The mentions of a doc, tagged with its article id and their order."""
    return [MentionRow(doc.article.id, i, m) for i, m in enumerate(doc.mentions)]


def arrow_table(columns: Iterable[Column], records: Iterable[Any]) -> Any:
    """Build an Arrow table with one row per record and one typed column per ``Column``."""
    columns = tuple(columns)
    records = list(records)
    data = {c.name: [c.value(r) for r in records] for c in columns}
    schema = pa.schema([pa.field(c.name, c.type) for c in columns])
    return pa.Table.from_pydict(data, schema=schema)
