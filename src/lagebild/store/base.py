"""The store interface: what every backend (DuckDB, PostgreSQL) offers.

Front ends (CLI, HTTP API, batch runner) depend only on ``Store``, ``EventFilter`` and
``BatchResult``; a backend is chosen once, when the store is opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, Protocol, Self

from lagebild.dates import parse_calendar_date
from lagebild.model import Doc, Event

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
    """An actor as a filter matches it: a root code, optionally a sector (``RUS.MIL``).

    ``names`` narrows the root to one person: the actor's name must be one of them (compared
    case-insensitively), so ``ActorCode("RUS", names=("Wladimir Putin", "Putin"))`` matches the
    events of Putin and not those of other Russian actors; a person who held offices under
    several roots has an empty root and is matched by name alone. ``label`` says in words what
    the code stands for ("the person Vladimir Putin"), for messages.
    """

    root: str
    sector: str | None = None
    names: tuple[str, ...] = ()
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.root and not self.names:
            raise ValueError("an actor needs a root code or the names of a person")

    @classmethod
    def parse(cls, code: str) -> ActorCode:
        """Split ``RUS.MIL`` into root and sector; codes are compared case-insensitively."""
        root, _, sector = code.strip().upper().partition(".")
        if not root:
            raise ValueError(f"empty actor code: {code!r}")
        return cls(root, sector or None)

    @property
    def code(self) -> str:
        """The code as users type it: ``RUS`` or ``RUS.MIL``."""
        return f"{self.root}.{self.sector}" if self.sector else self.root


ActorInput = str | ActorCode
NONE_VALUE = "(none)"
"""The value of the outlet, attribution and place filters that asks for events without one."""
MODALITIES: tuple[str, ...] = ("asserted", "planned", "negated", "hypothetical")
PRECISIONS: tuple[str, ...] = (
    "time",
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "year",
    "decade",
    "century",
    "none",
)
"""How precisely an event is dated, finest first (the granularity of its TIMEX value); ``none``:
undated."""
SORT_KEYS: tuple[str, ...] = (
    "date",
    "type",
    "cameo",
    "source",
    "target",
    "modality",
    "goldstein",
    "quad_class",
    "language",
    "place",
    "attribution",
    "published",
)
"""What events can be sorted by; a leading ``-`` sorts descending."""


def as_actor(value: ActorInput) -> ActorCode:
    """An ``ActorCode`` as it is, or one parsed from ``RUS.MIL``."""
    return value if isinstance(value, ActorCode) else ActorCode.parse(value)


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field left at ``None`` does not filter.

    Fields hold codes (the layer that reads what people type, ``lagebild.query.understand``,
    turns "Russland" or "Putin" into them). ``actor`` takes one actor or two: with two, an event
    matches when one is its source and the other its target ("events between Russia and
    NATO"). ``type`` is a CAMEO code prefix (all digits) or one PLOVER type, or a tuple of
    PLOVER types any of which matches. ``since`` and ``until`` take ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD`` (or a date); an event matches when the days its date may cover overlap the
    requested period, so ``until="2017-03"`` includes the whole of March. Events without any
    date bound never match a date filter. ``outlet``, ``attribution`` and ``place`` match text
    case-insensitively anywhere in the field; ``NONE_VALUE`` asks for events without one.

    ``after`` pages by keyset: the values of the order's keys (``filters.order_keys``: the sort
    key, if any, then date, article, offsets and event id) of the last event of the previous
    page, as ``Store.page_rows`` returns them; the page starts right after that event, however
    deep it lies. ``offset`` skips rows instead, which costs as many rows as it skips.
    """

    actor: ActorInput | tuple[ActorInput, ...] | None = None
    country: str | None = None
    type: str | tuple[str, ...] | None = None
    quad_class: int | None = None
    modality: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    text: str | None = None
    article: str | None = None
    language: str | None = None
    limit: int | None = None
    offset: int = 0
    source: ActorInput | None = None
    target: ActorInput | None = None
    outlet: str | None = None
    attribution: str | None = None
    place: str | None = None
    precision: str | None = None
    sort: str | None = None
    after: tuple[object, ...] | None = None

    def __post_init__(self) -> None:
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise ValueError(f"quad_class must be 1, 2, 3 or 4, not {self.quad_class}")
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must not be negative: {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must not be negative: {self.offset}")
        if self.after is not None and (not isinstance(self.after, tuple) or not self.after):
            raise ValueError("after must be the tuple of the order's key values of the last event seen")
        if self.after is not None and self.offset:
            raise ValueError("give after or offset, not both: a page starts after a row or at a position")
        if len(self.actor_codes()) > 2:
            raise ValueError("at most two actors: an event has one source and one target")
        self.source_code()
        self.target_code()
        if self.modality is not None and self.modality.strip().lower() not in MODALITIES:
            raise ValueError(f"modality must be one of {', '.join(MODALITIES)}, not {self.modality!r}")
        if self.precision is not None and self.precision.strip().lower() not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {self.precision!r}")
        if self.sort is not None and self.sort.strip().lstrip("-").lower() not in SORT_KEYS:
            raise ValueError(
                f"sort must be one of {', '.join(SORT_KEYS)} (- first: descending), not {self.sort!r}"
            )
        # Parse early so a malformed date fails when the filter is built, not inside SQL.
        since, until = self.since_day(), self.until_day()
        if since is not None and until is not None and since > until:
            raise BackwardsRangeError(
                f"since {self.since} comes after until {self.until}: the period is backwards"
            )

    def actor_codes(self) -> tuple[ActorCode, ...]:
        """The actors that must take part, parsed."""
        if self.actor is None:
            return ()
        values = self.actor if isinstance(self.actor, tuple) else (self.actor,)
        return tuple(as_actor(value) for value in values)

    def actor_code(self) -> ActorCode | None:
        """The first of the actors that must take part (``None`` when no actor is asked for)."""
        codes = self.actor_codes()
        return codes[0] if codes else None

    def source_code(self) -> ActorCode | None:
        """The parsed ``source`` field."""
        return as_actor(self.source) if self.source is not None else None

    def target_code(self) -> ActorCode | None:
        """The parsed ``target`` field."""
        return as_actor(self.target) if self.target is not None else None

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

    def whole(self) -> EventFilter:
        """The same selection without order and paging: what counts and aggregates run over."""
        return replace(self, limit=None, offset=0, sort=None, after=None)


@dataclass(frozen=True)
class RowPage:
    """One page of event-table rows and where the next page starts.

    ``after`` holds the order's key values of the page's last row when more rows follow
    (pass it as ``EventFilter.after`` for the next page), else ``None``.
    """

    rows: list[dict[str, Any]]
    after: tuple[object, ...] | None


class BackwardsRangeError(ValueError):
    """``since`` comes after ``until``."""


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

    def actor_roots(self) -> set[str]:
        """The root codes of every stored source and target actor (upper case)."""
        ...

    def facets(self, f: EventFilter, limit: int = 10) -> dict[str, dict[str, Any]]:
        """Per facet (actor, pair, type, country, place, month, modality, quad_class, language,
        outlet, attribution, precision): ``values`` (value and count of events, most frequent
        first; months in order), ``with_value`` (events with any value) and ``distinct``."""
        ...

    def dyad_timeline(
        self, a: ActorInput, b: ActorInput, granularity: TimelineGranularity
    ) -> list[dict[str, Any]]:
        """Per period: events between ``a`` and ``b`` in either direction with their sums."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts of articles and events, events by type and language, and the date range."""
        ...

    def export(
        self,
        fmt: ExportFormat,
        out: ExportTarget,
        f: EventFilter | None = None,
        *,
        raw_csv: bool = False,
        profile: str = "lagebild",
    ) -> int:
        """Write the event-table rows matching ``f`` as JSON lines, CSV or Parquet; return how many.

        ``profile`` is ``lagebild`` (the table of docs/CODEBOOK.md), ``gdelt`` or ``plover``. CSV
        text cells that a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``, tab,
        carriage return first) get a leading ``'``, unless ``raw_csv`` is true.
        """
        ...

    def iter_rows(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        """The event-table rows matching ``f`` in order, streamed (dates as ``datetime.date``)."""
        ...

    def query_rows(self, f: EventFilter) -> list[dict[str, Any]]:
        """The event-table rows matching ``f``, JSON-ready (dates as ISO text)."""
        ...

    def get_row(self, event_id: str) -> dict[str, Any] | None:
        """One event's table row with ``extra`` (if any), or ``None``."""
        ...

    def page_rows(self, f: EventFilter) -> RowPage:
        """One page of the rows matching ``f`` (JSON-ready) and the keyset where the next begins."""
        ...

    def actor_network(self, f: EventFilter, limit: int = 200) -> dict[str, Any]:
        """Who acts on whom among the events matching ``f``: the ``limit`` most frequent directed
        pairs (``edges``) with counts and Goldstein sums, their actors (``nodes``), and totals."""
        ...

    def event_places(self, f: EventFilter, limit: int = 500) -> dict[str, Any]:
        """Where the events matching ``f`` happened: the ``limit`` most frequent places (dots) and
        countries (areas, events placed in a whole country) with counts, and totals."""
        ...
