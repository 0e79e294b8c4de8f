"""The store interface: what every backend (DuckDB now, PostgreSQL later) offers.

Front ends (CLI, HTTP API, batch runner) depend only on ``Store``, ``EventFilter`` and
``BatchResult``; a backend is chosen once, when the store is opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, Protocol, Self

from lagebild.model import Doc, Event
from lagebild.time.values import parse_calendar_date

TimelineGranularity = Literal["day", "week", "month"]
ExportFormat = Literal["jsonl", "csv", "parquet"]
ExportTarget = Path | str | IO[str] | IO[bytes]

TIMELINE_GRANULARITIES: tuple[TimelineGranularity, ...] = ("day", "week", "month")
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")


class StoreError(Exception):
    """The store cannot be opened or used as asked."""


class SchemaVersionError(StoreError):
    """The store's schema version does not fit this version of lagebild."""


class StoreLockedError(StoreError):
    """Another process holds the store file (DuckDB lets one process write, or several read).

    ``pid`` and ``holder`` (its command line, when it can be read) name that process.
    """

    def __init__(self, path: Path, pid: int | None, holder: str | None) -> None:
        who = f"process {pid}" if pid is not None else "another process"
        if holder:
            who += f" ({holder})"
        super().__init__(f"the store {path} is in use by {who}")
        self.path = path
        self.pid = pid
        self.holder = holder


@dataclass(frozen=True)
class BatchResult:
    """What one ``write_batch`` call changed."""

    articles_new: int
    articles_skipped_existing: int
    events_written: int

    def __add__(self, other: BatchResult) -> BatchResult:
        return BatchResult(
            self.articles_new + other.articles_new,
            self.articles_skipped_existing + other.articles_skipped_existing,
            self.events_written + other.events_written,
        )


@dataclass(frozen=True)
class ActorCode:
    """An actor as users type it in filters: a root code, optionally with a sector (``RUS.MIL``)."""

    root: str
    sector: str | None = None

    @classmethod
    def parse(cls, code: str) -> ActorCode:
        """Split ``RUS.MIL`` into root and sector; codes are compared case-insensitively."""
        root, _, sector = code.strip().upper().partition(".")
        if not root:
            raise ValueError(f"empty actor code: {code!r}")
        return cls(root, sector or None)


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field left at ``None`` does not filter.

    ``since`` and ``until`` take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a date); an event
    matches when the days its date may cover overlap the requested period, so
    ``until="2017-03"`` includes the whole of March. Events without any date bound never match a
    date filter.
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    text: str | None = None
    article: str | None = None
    language: str | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise ValueError(f"quad_class must be 1, 2, 3 or 4, not {self.quad_class}")
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must not be negative: {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must not be negative: {self.offset}")
        if self.actor is not None:
            ActorCode.parse(self.actor)
        # Parse early so a malformed date fails when the filter is built, not inside SQL.
        self.since_day()
        self.until_day()

    def actor_code(self) -> ActorCode | None:
        """The parsed ``actor`` field."""
        return ActorCode.parse(self.actor) if self.actor is not None else None

    def since_day(self) -> dt.date | None:
        """The first day of the ``since`` period."""
        if self.since is None or isinstance(self.since, dt.date):
            return self.since
        return parse_calendar_date(self.since).earliest

    def until_day(self) -> dt.date | None:
        """The last day of the ``until`` period."""
        if self.until is None or isinstance(self.until, dt.date):
            return self.until
        return parse_calendar_date(self.until).latest


class Store(Protocol):
    """The operations every store backend provides.

    Reads return plain dicts; an event is returned in its nested ``Event.to_dict()`` form.
    One store object may be shared by several threads.
    """

    def close(self) -> None:
        """Release the database; the object is unusable afterwards."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def schema_version(self) -> int:
        """The highest migration applied to this store."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (to skip work before processing)."""
        ...

    def write_batch(self, items: Sequence[tuple[Doc, Sequence[Event]]]) -> BatchResult:
        """Store articles with their events in one transaction; stored articles are skipped."""
        ...

    def query_events(self, f: EventFilter) -> list[dict[str, Any]]:
        """Events matching ``f`` ordered by date then id, paged by ``f.limit``/``f.offset``."""
        ...

    def count_events(self, f: EventFilter) -> int:
        """How many events match ``f`` (ignoring its limit and offset)."""
        ...

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its evidence and the article it comes from, or ``None``."""
        ...

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, sentences, mentions and events, or ``None``."""
        ...

    def actor_counts(self) -> list[dict[str, Any]]:
        """Per actor root and sector: events as source, as target and in total."""
        ...

    def dyad_timeline(self, a: str, b: str, granularity: TimelineGranularity) -> list[dict[str, Any]]:
        """Per period: events between ``a`` and ``b`` in either direction with their sums."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts of articles and events, events by type and language, and the date range."""
        ...

    def export(
        self, fmt: ExportFormat, out: ExportTarget, f: EventFilter | None = None, *, raw_csv: bool = False
    ) -> int:
        """Write the events matching ``f`` as JSON lines, CSV or Parquet; return how many.

        CSV text cells that a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``, tab,
        carriage return first) get a leading ``'``, unless ``raw_csv`` is true.
        """
        ...
