"""Stories: one event reported by several articles, kept as one record with its mentions.

Every stored event is a *mention* (one article's report). Mentions fall into *lanes*: the same
type (the PLOVER type, or the CAMEO root code when there is none), the same source root and the
same target root. Within a lane, mentions are taken in order of their event day (then event id)
and grouped greedily: a story starts at the earliest mention not yet in a story and takes every
mention of the lane dated up to ``2 * window`` days later, so all of its mentions lie within
``window`` days of the middle of its span (``story_window_days``, default 1: three days).

Only events dated to one day are placed by their date. An event without such a date (undated,
or dated to a week, month or year) joins a story only with other such events of its lane from
articles published on the same day; without a publication day it is a story of its own.

The grouping depends only on the set of mentions, not on the order they were written in, so a
batch updates the stories it touches (from the start of the first affected story of each lane
onwards) and ``rebuild_stories`` gives the same stories with the same ids. A story's id is
derived from its first mention's event id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from lagebild.model import Doc, Event
from lagebild.settings import DEFAULT_STORY_WINDOW_DAYS, MAX_STORY_WINDOW_DAYS
from lagebild.store import export as exports
from lagebild.store.base import EventFilter, ExportFormat, ExportTarget, StoreError
from lagebild.store.filters import event_where
from lagebild.store.hooks import SQLHooks
from lagebild.store.rows import Column
from lagebild.store.table import ColumnType

# -- the records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryMention:
    """What the grouping needs of one event: its lane, its day, its article's outlet and dates."""

    event_id: str
    article_id: str
    lane: str
    type: str | None
    cameo_root: str | None
    source_root: str | None
    target_root: str | None
    event_date: dt.date | None
    outlet: str | None
    published_earliest: dt.date | None
    published_latest: dt.date | None
    story_id: str = ""


@dataclass(frozen=True)
class Story:
    """One story: its lane, its dates and how widely it was reported."""

    id: str
    lane: str
    type: str | None
    cameo_root: str | None
    source_root: str | None
    target_root: str | None
    event_date: dt.date | None
    event_date_first: dt.date | None
    event_date_last: dt.date | None
    mentions: int
    articles: int
    outlets: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    first_event_id: str


def _columns(record: type, types: dict[str, Any]) -> tuple[Column, ...]:
    """Stored columns named like the record's fields, read from its attributes."""
    names = record.__dataclass_fields__  # type: ignore[attr-defined]
    return tuple(Column(name, types[name], _attribute(name)) for name in names)


def _attribute(name: str) -> Any:
    return lambda record: getattr(record, name)


_TEXT, _DATE, _INT = pa.string(), pa.date32(), pa.int32()
MENTION_ROW_COLUMNS: tuple[Column, ...] = _columns(
    StoryMention,
    {
        **dict.fromkeys(
            ("event_id", "article_id", "lane", "type", "cameo_root", "source_root", "target_root"), _TEXT
        ),
        **dict.fromkeys(("outlet", "story_id"), _TEXT),
        **dict.fromkeys(("event_date", "published_earliest", "published_latest"), _DATE),
    },
)
STORY_ROW_COLUMNS: tuple[Column, ...] = _columns(
    Story,
    {
        **dict.fromkeys(
            ("id", "lane", "type", "cameo_root", "source_root", "target_root", "first_event_id"), _TEXT
        ),
        **dict.fromkeys(
            ("event_date", "event_date_first", "event_date_last", "first_seen", "last_seen"), _DATE
        ),
        **dict.fromkeys(("mentions", "articles", "outlets"), _INT),
    },
)

# -- lanes and mentions ---------------------------------------------------------------------


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """Who published an article, for counting distinct outlets: its outlet, else its URL's host
    (lower-case, without ``www.``); ``None`` when neither is known."""
    if outlet and outlet.strip():
        return outlet.strip()
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def single_day(earliest: dt.date | None, latest: dt.date | None) -> dt.date | None:
    """The day a date names, when it names exactly one."""
    return earliest if earliest is not None and earliest == latest else None


def lane_of(
    event_id: str,
    type_: str | None,
    cameo: str,
    source_root: str | None,
    target_root: str | None,
    day: dt.date | None,
    published_day: dt.date | None,
) -> str:
    """The lane of a mention: type (or CAMEO root), source and target; mentions without a day
    also by their article's publication day, or alone when that is unknown too."""
    base = f"{type_ or 'CAMEO ' + cameo[:2]}|{source_root or ''}|{target_root or ''}"
    if day is not None:
        return base
    if published_day is not None:
        return f"{base}|published {published_day.isoformat()}"
    return f"{base}|event {event_id}"


def story_mention(
    event_id: str,
    article_id: str,
    type_: str | None,
    cameo: str,
    source_root: str | None,
    target_root: str | None,
    date_earliest: dt.date | None,
    date_latest: dt.date | None,
    outlet: str | None,
    url: str | None,
    published_earliest: dt.date | None,
    published_latest: dt.date | None,
) -> StoryMention:
    """The mention of an event from its stored values (roots upper-case, as the store keeps them)."""
    type_ = type_ or None
    day = single_day(date_earliest, date_latest)
    published_day = single_day(published_earliest, published_latest)
    return StoryMention(
        event_id=event_id,
        article_id=article_id,
        lane=lane_of(event_id, type_, cameo, source_root, target_root, day, published_day),
        type=type_,
        cameo_root=cameo[:2] or None,
        source_root=source_root,
        target_root=target_root,
        event_date=day,
        outlet=outlet_key(outlet, url),
        published_earliest=published_earliest,
        published_latest=published_latest,
    )


def mention_of_event(doc: Doc, event: Event) -> StoryMention:
    """The mention of an event in hand, with the same values the store would hold."""
    article = doc.article
    published = article.published
    return story_mention(
        event.id,
        article.id,
        event.type,
        event.cameo,
        _root(event.source.root if event.source else None),
        _root(event.target.root if event.target else None),
        event.date.earliest if event.date else None,
        event.date.latest if event.date else None,
        article.outlet,
        article.url,
        published.earliest if published else None,
        published.latest if published else None,
    )


def _root(root: str | None) -> str | None:
    """A root code as stored: upper-case, empty as none."""
    return root.upper() or None if root is not None else None


def mentions_of(items: Iterable[tuple[Doc, Iterable[Event]]]) -> list[StoryMention]:
    """The mentions of the events of documents, each event once."""
    seen: set[str] = set()
    mentions = []
    for doc, events in items:
        for event in events:
            if event.id not in seen:
                seen.add(event.id)
                mentions.append(mention_of_event(doc, event))
    return mentions


# -- grouping --------------------------------------------------------------------------------


def story_id_for(first_event_id: str) -> str:
    """A story's id, derived from its first mention's event id (so rebuilding gives the same)."""
    return hashlib.sha1(f"story|{first_event_id}".encode()).hexdigest()[:20]


def _order(mention: StoryMention) -> tuple[dt.date, str]:
    return (mention.event_date or dt.date.min, mention.event_id)


def group_lane(mentions: Iterable[StoryMention], window_days: int) -> list[list[StoryMention]]:
    """The stories of one lane's mentions: taken by day and id, each story spans at most
    ``2 * window_days + 1`` days from its first mention; undated lanes are one story."""
    ordered = sorted(mentions, key=_order)
    groups: list[list[StoryMention]] = []
    end: dt.date | None = None
    for mention in ordered:
        day = mention.event_date
        if groups and (day is None or (end is not None and day <= end)):
            groups[-1].append(mention)
            continue
        groups.append([mention])
        end = day + dt.timedelta(days=2 * window_days) if day is not None else None
    return groups


def _mode_earliest(values: Iterable[Any]) -> Any:
    """The most frequent value (the smallest on a tie), or ``None`` when there is none."""
    counts = Counter(value for value in values if value is not None)
    if not counts:
        return None
    best = max(counts.values())
    return min(value for value, count in counts.items() if count == best)


def make_story(members: Sequence[StoryMention]) -> tuple[Story, list[StoryMention]]:
    """The story of a group of mentions (first by day and id), and the mentions carrying its id."""
    first = members[0]
    story_id = story_id_for(first.event_id)
    days = [m.event_date for m in members if m.event_date is not None]
    published_first = [m.published_earliest for m in members if m.published_earliest is not None]
    published_last = [m.published_latest for m in members if m.published_latest is not None]
    story = Story(
        id=story_id,
        lane=first.lane,
        type=first.type,
        cameo_root=_mode_earliest(m.cameo_root for m in members),
        source_root=first.source_root,
        target_root=first.target_root,
        event_date=_mode_earliest(days),
        event_date_first=min(days, default=None),
        event_date_last=max(days, default=None),
        mentions=len(members),
        articles=len({m.article_id for m in members}),
        outlets=len({m.outlet for m in members if m.outlet is not None}),
        first_seen=min(published_first, default=None),
        last_seen=max(published_last, default=None),
        first_event_id=first.event_id,
    )
    return story, [replace(m, story_id=story_id) for m in members]


def build_stories(
    mentions: Iterable[StoryMention], window_days: int
) -> tuple[list[Story], list[StoryMention]]:
    """The stories of mentions from any number of lanes, with the mentions assigned to them."""
    lanes: dict[str, list[StoryMention]] = {}
    for mention in mentions:
        lanes.setdefault(mention.lane, []).append(mention)
    stories: list[Story] = []
    assigned: list[StoryMention] = []
    for lane in sorted(lanes):
        for group in group_lane(lanes[lane], window_days):
            story, members = make_story(group)
            stories.append(story)
            assigned.extend(members)
    return stories, assigned


class _LaneWalker:
    """Groups mentions that arrive in lane order (then day and id), one story at a time."""

    def __init__(self, window_days: int) -> None:
        self.window_days = window_days
        self.current: list[StoryMention] = []
        self.end: dt.date | None = None
        self.stories: list[Story] = []
        self.assigned: list[StoryMention] = []

    def add(self, mention: StoryMention) -> None:
        """Put the next mention into the open story, or close it and open another."""
        current = self.current
        day = mention.event_date
        if (
            current
            and current[0].lane == mention.lane
            and (day is None or (self.end is not None and day <= self.end))
        ):
            current.append(mention)
            return
        self.close()
        self.current = [mention]
        self.end = day + dt.timedelta(days=2 * self.window_days) if day is not None else None

    def close(self) -> None:
        """Finish the open story."""
        if self.current:
            story, members = make_story(self.current)
            self.stories.append(story)
            self.assigned.extend(members)
            self.current = []


# -- SQL --------------------------------------------------------------------------------------

_MENTION_FIELDS = ", ".join(f"m.{c.name}" for c in MENTION_ROW_COLUMNS)
_PAIRS = "SELECT unnest(CAST(? AS VARCHAR[])) AS lane, unnest(CAST(? AS DATE[])) AS day"
_IN_LIST = "IN (SELECT unnest(CAST(? AS VARCHAR[])))"
# The mentions of every stored event, in lane order and then by day and id, as ``story_mention``
# takes them: the order keys are the parts ``lane_of`` builds a lane from.
_REBUILD_SQL = """
    SELECT e.id, e.article_id, e.type, e.cameo, e.source_root, e.target_root,
           e.date_earliest, e.date_latest, a.outlet, a.url, a.published_earliest, a.published_latest
    FROM events e LEFT JOIN articles a ON a.id = e.article_id
    ORDER BY coalesce(nullif(e.type, ''), 'CAMEO ' || substr(e.cameo, 1, 2)),
             coalesce(e.source_root, ''), coalesce(e.target_root, ''),
             CASE WHEN e.date_earliest = e.date_latest THEN 0 ELSE 1 END,
             CASE WHEN e.date_earliest = e.date_latest THEN NULL
                  WHEN a.published_earliest = a.published_latest THEN a.published_earliest END NULLS FIRST,
             CASE WHEN e.date_earliest = e.date_latest THEN NULL
                  WHEN a.published_earliest = a.published_latest THEN NULL ELSE e.id END NULLS FIRST,
             CASE WHEN e.date_earliest = e.date_latest THEN e.date_earliest END NULLS FIRST,
             e.id
"""
_FLUSH_ROWS = 10_000

STORY_SORT_KEYS: dict[str, str] = {
    "date": "s.event_date_first",
    "mentions": "s.mentions",
    "articles": "s.articles",
    "outlets": "s.outlets",
    "first_seen": "s.first_seen",
    "last_seen": "s.last_seen",
    "type": "s.type",
    "source": "s.source_root",
    "target": "s.target_root",
}
"""What stories can be sorted by (a leading ``-`` sorts descending)."""
_STORY_ORDER = "s.event_date_first NULLS LAST, s.first_seen NULLS LAST, s.id"

STORY_TABLE: tuple[tuple[str, ColumnType, str], ...] = (
    ("story_id", "text", "s.id"),
    ("type", "text", "s.type"),
    ("cameo_root", "text", "s.cameo_root"),
    ("source_root", "text", "s.source_root"),
    ("target_root", "text", "s.target_root"),
    ("event_date", "date", "s.event_date"),
    ("event_date_first", "date", "s.event_date_first"),
    ("event_date_last", "date", "s.event_date_last"),
    ("mentions", "integer", "s.mentions"),
    ("articles", "integer", "s.articles"),
    ("outlets", "integer", "s.outlets"),
    ("first_seen", "date", "s.first_seen"),
    ("last_seen", "date", "s.last_seen"),
    ("first_event_id", "text", "s.first_event_id"),
    ("headline", "text", "e.evidence_text"),
    ("title", "text", "a.title"),
)
"""The columns of a story row (``lagebild stories``, ``GET /stories``): name, type, SQL."""
STORY_COLUMN_TYPES: list[tuple[str, ColumnType]] = [(name, kind) for name, kind, _ in STORY_TABLE]

_MENTION_TABLE: tuple[tuple[str, str], ...] = (
    ("event_id", "e.id"),
    ("article_id", "e.article_id"),
    ("title", "a.title"),
    ("url", "a.url"),
    ("outlet", "a.outlet"),
    ("published", "e.published"),
    ("event_date", "CASE WHEN e.date_earliest = e.date_latest THEN e.date_earliest END"),
    ("event_date_timex", "e.date_value"),
    ("type", "e.type"),
    ("cameo_code", "e.cameo"),
    ("source_code", "e.source_root"),
    ("source_text", "e.source_text"),
    ("target_code", "e.target_root"),
    ("target_text", "e.target_text"),
    ("modality", "e.modality"),
    ("trigger", "e.trigger"),
    ("evidence_text", "e.evidence_text"),
    ("evidence_start", "e.evidence_start"),
    ("evidence_end", "e.evidence_end"),
    ("coder_version", "e.coder_version"),
)


@dataclass(frozen=True)
class StoryRebuild:
    """What ``rebuild_stories`` made."""

    stories: int
    mentions: int
    window_days: int


class StoriesMixin(SQLHooks):
    """Stories over the hooks of ``SQLStore`` (see ``lagebild.store.sql_store``)."""

    # -- keeping stories up to date ------------------------------------------------------------

    def _add_to_stories(self, cur: Any, items: Sequence[tuple[Doc, Sequence[Event]]]) -> None:
        """Put the events of newly written documents into stories (inside the write transaction)."""
        mentions = mentions_of(items)
        stored = _present(cur, [m.event_id for m in mentions])
        self._restory(cur, [m for m in mentions if m.event_id not in stored], [])

    def _take_out_of_stories(self, cur: Any, article_ids: Sequence[str]) -> list[StoryMention]:
        """Remove the mentions of these articles' events (before their events are replaced)."""
        if not article_ids:
            return []
        ids = list(article_ids)
        rows = cur.execute(
            f"SELECT {_MENTION_FIELDS} FROM story_mentions m WHERE m.article_id {_IN_LIST}", [ids]
        ).fetchall()
        run(cur, f"DELETE FROM story_mentions WHERE article_id {_IN_LIST}", [ids])
        return [_mention_row(row) for row in rows]

    def _restory(self, cur: Any, added: Sequence[StoryMention], removed: Sequence[StoryMention]) -> None:
        """Bring the stories up to date after mentions were added or removed.

        A new mention inside the span of an existing story that it does not start only joins
        that story (a span is fixed by its first mention, so no boundary moves); only that
        story's numbers are recounted. Every other change recomputes its lane from the start of
        the first story it can touch; stories before it cannot change.
        """
        window = _window(cur)
        containing = _containing_stories(cur, added) if added else {}
        slow_lanes = {m.lane for m in removed} | {
            m.lane for m in added if not _joins(m, containing.get((m.lane, _day(m))), window)
        }
        joining = [m for m in added if m.lane not in slow_lanes]
        self._join_stories(cur, joining, containing)
        self._recompute_lanes(
            cur,
            [m for m in added if m.lane in slow_lanes],
            [m for m in removed if m.lane in slow_lanes],
            window,
        )

    def _join_stories(
        self, cur: Any, joining: Sequence[StoryMention], containing: dict[tuple[str, dt.date], _StoryStart]
    ) -> None:
        """Add mentions to the stories whose spans they fall into, and recount those stories."""
        if not joining:
            return
        assigned = [replace(m, story_id=containing[(m.lane, _day(m))].id) for m in joining]
        self._insert(cur, "story_mentions", MENTION_ROW_COLUMNS, assigned)
        ids = sorted({m.story_id for m in assigned})
        stories = _recounted(cur, ids)
        run(cur, f"DELETE FROM stories WHERE id {_IN_LIST}", [ids])
        self._insert(cur, "stories", STORY_ROW_COLUMNS, stories)

    def _recompute_lanes(
        self, cur: Any, added: Sequence[StoryMention], removed: Sequence[StoryMention], window: int
    ) -> None:
        """Recompute the stories of the lanes that gained or lost mentions, from the start of the
        first story each change can touch."""
        changed: dict[str, dt.date] = {}
        for mention in [*added, *removed]:
            day = _day(mention)
            changed[mention.lane] = min(day, changed.get(mention.lane, day))
        if not changed:
            return
        lanes = sorted(changed)
        starts = cur.execute(
            "SELECT c.lane, (SELECT max(s.event_date_first) FROM stories s "
            "WHERE s.lane = c.lane AND s.event_date_first <= c.day), "
            "EXISTS (SELECT 1 FROM stories s WHERE s.lane = c.lane) "
            f"FROM ({_PAIRS}) AS c",
            [lanes, [changed[lane] for lane in lanes]],
        ).fetchall()
        span = dt.timedelta(days=2 * window)
        from_day = {}
        for lane, start, stored in starts:
            if not stored:
                continue  # a lane new to the store: nothing stored to recompute
            # A change after the end of the last story before it cannot touch that story.
            begins = _as_date(start) if start is not None else None
            from_day[lane] = (
                begins if begins is not None and changed[lane] <= begins + span else changed[lane]
            )
        existing = _lane_mentions(cur, from_day)
        old_stories = sorted({m.story_id for m in [*existing, *removed] if m.story_id})
        if old_stories:
            run(cur, f"DELETE FROM stories WHERE id {_IN_LIST}", [old_stories])
        if existing:
            run(
                cur, f"DELETE FROM story_mentions WHERE event_id {_IN_LIST}", [[m.event_id for m in existing]]
            )
        stories, assigned = build_stories([*existing, *added], window)
        self._insert(cur, "stories", STORY_ROW_COLUMNS, stories)
        self._insert(cur, "story_mentions", MENTION_ROW_COLUMNS, assigned)

    def rebuild_stories(self, window_days: int | None = None) -> StoryRebuild:
        """Recompute every story from the stored events in one transaction, with ``window_days``
        (default: the window the store's stories were built with), and record that window."""
        if self.read_only:
            raise StoreError(f"the store {self.where} is open read-only")
        with self._transaction() as cur:
            window = _window(cur) if window_days is None else _check_window(window_days)
            for table in ("story_mentions", "stories", "story_settings"):
                run(cur, f"DELETE FROM {table}")
            run(cur, "INSERT INTO story_settings (window_days) VALUES (?)", [window])
            walker = _LaneWalker(window)
            stories = mentions = 0
            with self._streamed(_REBUILD_SQL, []) as result:
                while chunk := result.fetchmany(exports.CHUNK_ROWS):
                    for row in chunk:
                        walker.add(story_mention(*row))
                    if len(walker.assigned) >= _FLUSH_ROWS:
                        stories, mentions = self._flush(cur, walker, stories, mentions)
            walker.close()
            stories, mentions = self._flush(cur, walker, stories, mentions)
        return StoryRebuild(stories, mentions, window)

    def _flush(self, cur: Any, walker: _LaneWalker, stories: int, mentions: int) -> tuple[int, int]:
        """Write the finished stories and their mentions; return the running totals."""
        self._insert(cur, "stories", STORY_ROW_COLUMNS, walker.stories)
        self._insert(cur, "story_mentions", MENTION_ROW_COLUMNS, walker.assigned)
        totals = stories + len(walker.stories), mentions + len(walker.assigned)
        walker.stories, walker.assigned = [], []
        return totals

    # -- reading stories -----------------------------------------------------------------------

    def story_window(self) -> int:
        """The window (days) the store's stories are built with."""
        with self._cursor() as cur:
            return _window(cur)

    def events_without_story(self) -> int:
        """Stored events that belong to no story (a store written before stories existed)."""
        sql = (
            "SELECT count(*) FROM events e "
            "WHERE NOT EXISTS (SELECT 1 FROM story_mentions m WHERE m.event_id = e.id)"
        )
        with self._cursor() as cur:
            row = cur.execute(sql).fetchone()
        return int(row[0]) if row else 0

    def query_stories(self, f: EventFilter, sort: str | None = None) -> list[dict[str, Any]]:
        """Stories with at least one mention matching ``f`` (its limit and offset page them),
        ordered by ``sort`` (a key of ``STORY_SORT_KEYS``) or by date; JSON-ready."""
        return [exports.json_row(row) for row in self.iter_stories(f, sort)]

    def iter_stories(self, f: EventFilter, sort: str | None = None) -> Iterator[dict[str, Any]]:
        """The story rows of ``query_stories``, fetched in chunks (dates as dates)."""
        sql, params = _stories_sql(f, sort)
        with self._streamed(sql, params) as result:
            names = [d[0] for d in result.description or ()]
            while chunk := result.fetchmany(exports.CHUNK_ROWS):
                for values in chunk:
                    yield dict(zip(names, values, strict=True))

    def count_stories(self, f: EventFilter) -> int:
        """How many stories have a mention matching ``f`` (ignoring limit and offset)."""
        where, params = _story_where(f)
        with self._cursor() as cur:
            row = cur.execute(f"SELECT count(*) FROM stories s {where}", params).fetchone()
        return int(row[0]) if row else 0

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One story's row with ``mentions``: each event with its article and evidence, in order
        of publication."""
        select = ", ".join(f"{sql} AS {name}" for name, _, sql in STORY_TABLE)
        mention_select = ", ".join(f"{sql} AS {name}" for name, sql in _MENTION_TABLE)
        with self._cursor() as cur:
            found = cur.execute(
                f"SELECT {select} FROM stories s LEFT JOIN events e ON e.id = s.first_event_id "
                "LEFT JOIN articles a ON a.id = e.article_id WHERE s.id = ?",
                [story_id],
            )
            names = [d[0] for d in found.description or ()]
            rows = found.fetchall()
            if not rows:
                return None
            story = exports.json_row(dict(zip(names, rows[0], strict=True)))
            result = cur.execute(
                f"SELECT {mention_select} FROM story_mentions m JOIN events e ON e.id = m.event_id "
                "LEFT JOIN articles a ON a.id = e.article_id WHERE m.story_id = ? "
                "ORDER BY m.published_earliest NULLS LAST, m.article_id, e.evidence_start, e.id",
                [story_id],
            )
            mention_names = [d[0] for d in result.description or ()]
            story["events"] = [
                exports.json_row(dict(zip(mention_names, values, strict=True)))
                for values in result.fetchall()
            ]
        return story

    def export_stories(
        self,
        fmt: ExportFormat,
        out: ExportTarget,
        f: EventFilter | None = None,
        *,
        sort: str | None = None,
        raw_csv: bool = False,
    ) -> int:
        """Write the story rows matching ``f`` as JSON lines, CSV or Parquet; return how many."""
        fmt = exports.check_format(fmt)
        rows = self.iter_stories(f or EventFilter(), sort)
        return exports.write_rows(fmt, rows, out, STORY_COLUMN_TYPES, raw=raw_csv)


# -- helpers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StoryStart:
    """Where a stored story begins: its id, first day (none when undated) and first event."""

    id: str
    first_day: dt.date | None
    first_event_id: str


def _day(mention: StoryMention) -> dt.date:
    """A mention's day for ordering; undated mentions come first."""
    return mention.event_date or dt.date.min


def _joins(mention: StoryMention, story: _StoryStart | None, window: int) -> bool:
    """Whether a new mention only joins this stored story: it lies in the story's span and comes
    after the story's first mention (so the story keeps its start and its id)."""
    if story is None:
        return False
    if (_day(mention), mention.event_id) <= (story.first_day or dt.date.min, story.first_event_id):
        return False
    if story.first_day is None or mention.event_date is None:
        return story.first_day is None and mention.event_date is None
    return mention.event_date <= story.first_day + dt.timedelta(days=2 * window)


def _containing_stories(cur: Any, mentions: Sequence[StoryMention]) -> dict[tuple[str, dt.date], _StoryStart]:
    """Per (lane, day) of the mentions: the stored story of that lane that starts last on or
    before that day (for an undated lane: its one story)."""
    pairs = sorted({(m.lane, _day(m)) for m in mentions})
    rows = cur.execute(
        f"WITH c AS ({_PAIRS}), starts AS (SELECT c.lane, c.day, (SELECT max(s.event_date_first) "
        "FROM stories s WHERE s.lane = c.lane AND s.event_date_first <= c.day) AS start FROM c) "
        "SELECT starts.lane, starts.day, s.id, s.event_date_first, s.first_event_id FROM starts "
        "JOIN stories s ON s.lane = starts.lane AND (s.event_date_first = starts.start "
        "OR (starts.start IS NULL AND s.event_date_first IS NULL))",
        [[lane for lane, _ in pairs], [day for _, day in pairs]],
    ).fetchall()
    return {
        (lane, _as_date(day)): _StoryStart(
            story_id, _as_date(first) if first is not None else None, first_event
        )
        for lane, day, story_id, first, first_event in rows
    }


def _recounted(cur: Any, ids: Sequence[str]) -> list[Story]:
    """The stored stories with these ids, their numbers counted again from their mentions (as
    ``make_story`` counts them)."""
    stored = cur.execute(
        f"SELECT id, lane, type, source_root, target_root, first_event_id FROM stories WHERE id {_IN_LIST}",
        [list(ids)],
    ).fetchall()
    counts = {
        row[0]: row[1:]
        for row in cur.execute(
            "SELECT story_id, count(*), count(DISTINCT article_id), count(DISTINCT outlet), min(event_date), "
            "max(event_date), min(published_earliest), max(published_latest) FROM story_mentions "
            f"WHERE story_id {_IN_LIST} GROUP BY story_id",
            [list(ids)],
        ).fetchall()
    }
    days = _value_counts(cur, "event_date", ids)
    roots = _value_counts(cur, "cameo_root", ids)
    stories = []
    for story_id, lane, type_, source_root, target_root, first_event_id in stored:
        mentions, articles, outlets, first_day, last_day, first_seen, last_seen = counts[story_id]
        stories.append(
            Story(
                id=story_id,
                lane=lane,
                type=type_,
                cameo_root=_mode_earliest(roots.get(story_id, [])),
                source_root=source_root,
                target_root=target_root,
                event_date=_mode_earliest(days.get(story_id, [])),
                event_date_first=_optional_date(first_day),
                event_date_last=_optional_date(last_day),
                mentions=int(mentions),
                articles=int(articles),
                outlets=int(outlets),
                first_seen=_optional_date(first_seen),
                last_seen=_optional_date(last_seen),
                first_event_id=first_event_id,
            )
        )
    return stories


def _value_counts(cur: Any, column: str, ids: Sequence[str]) -> dict[str, list[Any]]:
    """Per story: the values of one mention column, each repeated as often as it occurs (for the
    most frequent); ``column`` is a fixed name of this module."""
    rows = cur.execute(
        f"SELECT story_id, {column}, count(*) FROM story_mentions WHERE story_id {_IN_LIST} "
        f"AND {column} IS NOT NULL GROUP BY story_id, {column}",
        [list(ids)],
    ).fetchall()
    found: dict[str, list[Any]] = {}
    for story_id, value, count in rows:
        value = _as_date(value) if column == "event_date" else value
        found.setdefault(story_id, []).extend([value] * int(count))
    return found


def _optional_date(value: Any) -> dt.date | None:
    return _as_date(value) if value is not None else None


def _lane_mentions(cur: Any, from_day: dict[str, dt.date]) -> list[StoryMention]:
    """The stored mentions of these lanes from their days on (undated ones: all)."""
    if not from_day:
        return []
    lanes = sorted(from_day)
    rows = cur.execute(
        f"SELECT {_MENTION_FIELDS} FROM story_mentions m JOIN ({_PAIRS}) AS c ON m.lane = c.lane "
        "WHERE m.event_date IS NULL OR m.event_date >= c.day",
        [lanes, [from_day[lane] for lane in lanes]],
    ).fetchall()
    return [_mention_row(row) for row in rows]


def run(cur: Any, sql: str, params: Sequence[object] = ()) -> None:
    """Run a statement that returns no rows to the caller; a result DuckDB gives back (the count
    of changed rows) is read to its end, as DuckDB wants before the cursor's next statement."""
    result = cur.execute(sql, list(params))
    if result is not None and result.description is not None:
        result.fetchall()


def _check_window(days: int) -> int:
    if not 0 <= days <= MAX_STORY_WINDOW_DAYS:
        raise ValueError(f"the story window must be between 0 and {MAX_STORY_WINDOW_DAYS} days, not {days}")
    return days


def _window(cur: Any) -> int:
    """The window recorded with the stories, or the default for a store that has none yet."""
    rows = cur.execute("SELECT max(window_days) FROM story_settings").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else DEFAULT_STORY_WINDOW_DAYS


def _present(cur: Any, event_ids: Sequence[str]) -> set[str]:
    """The event ids among these that already have a mention row."""
    if not event_ids:
        return set()
    rows = cur.execute(f"SELECT event_id FROM story_mentions WHERE event_id {_IN_LIST}", [list(event_ids)])
    return {row[0] for row in rows.fetchall()}


def _as_date(value: Any) -> dt.date:
    """A date from a driver (both give ``datetime.date``; text is read as ISO)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _mention_row(row: Sequence[Any]) -> StoryMention:
    """A ``story_mentions`` row (columns in ``MENTION_ROW_COLUMNS`` order) as a mention."""
    values = dict(zip((c.name for c in MENTION_ROW_COLUMNS), row, strict=True))
    for name in ("event_date", "published_earliest", "published_latest"):
        if values[name] is not None:
            values[name] = _as_date(values[name])
    return StoryMention(**values)


def _story_where(f: EventFilter) -> tuple[str, list[object]]:
    """``WHERE`` for the stories with a mention matching the filter (none without conditions)."""
    clause = event_where(replace(f, limit=None, offset=0, sort=None))
    if not clause.parts:
        return "", []
    sql = (
        "WHERE s.id IN (SELECT m.story_id FROM story_mentions m "
        f"WHERE m.event_id IN (SELECT id FROM events {clause.sql()}))"
    )
    return sql, list(clause.params)


def story_order(sort: str | None) -> str:
    """``ORDER BY`` for stories: the sort key first (missing values last), then by date."""
    if not sort:
        return f"ORDER BY {_STORY_ORDER}"
    key = sort.strip().lower()
    column = STORY_SORT_KEYS.get(key.lstrip("-"))
    if column is None:
        raise ValueError(
            f"sort must be one of {', '.join(STORY_SORT_KEYS)} (- first: descending), not {sort!r}"
        )
    direction = "DESC" if key.startswith("-") else "ASC"
    return f"ORDER BY {column} {direction} NULLS LAST, {_STORY_ORDER}"


def _stories_sql(f: EventFilter, sort: str | None) -> tuple[str, list[object]]:
    """The story rows of a filter, in order and paged, with the first mention's evidence."""
    where, params = _story_where(f)
    order = story_order(sort)
    paging, paging_params = "", []
    if f.limit is not None:
        paging, paging_params = "LIMIT ?", [f.limit]
    if f.offset:
        paging, paging_params = f"{paging} OFFSET ?", [*paging_params, f.offset]
    chosen = f"SELECT s.* FROM stories s {where} {order} {paging}"
    select = ", ".join(f"{sql} AS {name}" for name, _, sql in STORY_TABLE)
    sql = (
        f"SELECT {select} FROM ({chosen}) AS s LEFT JOIN events e ON e.id = s.first_event_id "
        f"LEFT JOIN articles a ON a.id = e.article_id {order}"
    )
    return sql, [*params, *paging_params]
