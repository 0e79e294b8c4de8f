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
batch updates only the stories its mentions can change (see ``StoriesMixin._restory``: a walk over
the days of the lanes it touches, from the first story a change can reach until the stories
agree again with the stored ones) and ``rebuild_stories`` gives the same stories with the same
ids. A story's id is derived from its first mention's event id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
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


def _in_pair(column: Column) -> Column:
    """The column read from a pair (mention, story id) instead of an assigned mention."""
    if column.name == "story_id":
        return Column(column.name, column.type, lambda pair: pair[1])
    value = column.value
    return Column(column.name, column.type, lambda pair: value(pair[0]))


# The mention columns of pairs (mention, story id): written without copying each mention.
_PAIR_MENTION_COLUMNS = tuple(_in_pair(column) for column in MENTION_ROW_COLUMNS)
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


def _mode_earliest(values: Iterable[Any]) -> Any:
    """The most frequent value (the smallest on a tie), or ``None`` when there is none."""
    return _most_frequent(Counter(value for value in values if value is not None))


def _most_frequent(counts: Counter[Any]) -> Any:
    """The value counted most often (the smallest on a tie), or ``None`` when there is none."""
    if not counts:
        return None
    best = max(counts.values())
    return min(value for value, count in counts.items() if count == best)


def make_story(members: Sequence[StoryMention]) -> tuple[Story, list[StoryMention]]:
    """The story of a group of mentions (first by day and id), and the mentions carrying its id."""
    story = story_of(members)
    return story, [replace(m, story_id=story.id) for m in members]


def story_of(members: Sequence[StoryMention]) -> Story:
    """The story of a group of mentions (first by day and id)."""
    first = members[0]
    story_id = story_id_for(first.event_id)
    days = [m.event_date for m in members if m.event_date is not None]
    published_first = [m.published_earliest for m in members if m.published_earliest is not None]
    published_last = [m.published_latest for m in members if m.published_latest is not None]
    return Story(
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
        """Bring the stories up to date after mentions were added (not stored yet) or removed
        (their rows deleted already).

        Per lane that changed, the stories are walked from the first one a change can touch,
        over the days that hold stored or added mentions (the database gives one row per lane
        and day), until the walk meets a stored story that starts after the last change: from
        there on nothing differs. Stories the walk finds unchanged (same first day, no change
        within their span) stay as they are. The others are deleted and written anew: stored
        mentions that move take their new story's id, the added ones are stored with it, and a
        story holding stored mentions is counted by the database, one of added mentions only
        in hand.
        """
        if not added and not removed:
            return
        span = 2 * _window(cur)
        changes = _lane_changes(added, removed)
        walks = _walk_lanes(cur, changes, span, final=False)
        unfinished = {lane: changes[lane] for lane, walk in walks.items() if walk is None}
        walks.update(_walk_lanes(cur, unfinished, span, final=True))
        self._write_walks(cur, [walk for walk in walks.values() if walk is not None])

    def _write_walks(self, cur: Any, walks: Sequence[_LaneWalk]) -> None:
        """Delete the stories the walks replace and write the new ones with their mentions."""
        deleted = sorted({story_id for walk in walks for story_id in walk.delete})
        if deleted:
            run(cur, f"DELETE FROM stories WHERE id {_IN_LIST}", [deleted])
        recounts = [recount for walk in walks for recount in walk.recount]
        if not recounts:
            return
        firsts = _first_events(cur, recounts)
        ids = [story_id_for(first) for first in firsts]
        moved = [
            (r, story_id)
            for r, story_id in zip(recounts, ids, strict=True)
            if r.has_stored and (r.stored is None or r.stored.id != story_id)
        ]
        if moved:
            columns = ([r.lane for r, _ in moved], [r.start for r, _ in moved], [r.end for r, _ in moved])
            run(cur, _ASSIGN_SQL, [*columns, [story_id for _, story_id in moved]])
        self._insert(
            cur,
            "story_mentions",
            _PAIR_MENTION_COLUMNS,
            [(m, i) for r, i in zip(recounts, ids, strict=True) for m in r.added],
        )
        counted = [
            (r.lane, i, first) for r, i, first in zip(recounts, ids, firsts, strict=True) if r.has_stored
        ]
        made = [story_of(r.added) for r in recounts if not r.has_stored]
        self._insert(cur, "stories", STORY_ROW_COLUMNS, [*_counted_stories(cur, counted), *made])

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


# -- bringing lanes up to date ----------------------------------------------------------------

# Undated mentions take this day in SQL, as ``_day`` gives them in Python (a lane holds either
# dated or undated mentions, never both).
_NO_DAY = "DATE '0001-01-01'"
_MENTION_DAY = f"coalesce(m.event_date, {_NO_DAY})"
_STORY_DAY = f"coalesce(s.event_date_first, {_NO_DAY})"
_NO_TEXT = "CAST(NULL AS VARCHAR)"
# Per lane, what is stored from ``lo`` to ``hi``: the days holding a mention (kind 0) and the
# first days of stories with their ids and first events (kind 2); and the first of each after
# ``hi`` (kinds 1 and 3).
_LANE_READ_SQL = f"""
    WITH c AS (
        SELECT unnest(CAST(? AS VARCHAR[])) AS lane, unnest(CAST(? AS DATE[])) AS lo,
               unnest(CAST(? AS DATE[])) AS hi
    )
    SELECT DISTINCT 0, m.lane, {_MENTION_DAY}, {_NO_TEXT}, {_NO_TEXT}
    FROM story_mentions m JOIN c ON m.lane = c.lane WHERE {_MENTION_DAY} BETWEEN c.lo AND c.hi
    UNION ALL
    SELECT 1, m.lane, min(m.event_date), {_NO_TEXT}, {_NO_TEXT}
    FROM story_mentions m JOIN c ON m.lane = c.lane WHERE m.event_date > c.hi GROUP BY m.lane
    UNION ALL
    SELECT 2, s.lane, {_STORY_DAY}, s.id, s.first_event_id
    FROM stories s JOIN c ON s.lane = c.lane WHERE {_STORY_DAY} BETWEEN c.lo AND c.hi
    UNION ALL
    SELECT 3, s.lane, min(s.event_date_first), {_NO_TEXT}, {_NO_TEXT}
    FROM stories s JOIN c ON s.lane = c.lane WHERE s.event_date_first > c.hi GROUP BY s.lane
"""
# The smallest stored event id on a day of a lane: the first mention of a story starting then.
_FIRST_EVENTS_SQL = f"""
    WITH r AS (SELECT unnest(CAST(? AS VARCHAR[])) AS lane, unnest(CAST(? AS DATE[])) AS day)
    SELECT r.lane, r.day, min(m.event_id) FROM story_mentions m
    JOIN r ON m.lane = r.lane AND {_MENTION_DAY} = r.day GROUP BY r.lane, r.day
"""
# The stored mentions from ``lo`` to ``hi`` of a lane move to the story ``id``.
_ASSIGN_SQL = f"""
    UPDATE story_mentions SET story_id = r.id
    FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS lane, unnest(CAST(? AS DATE[])) AS lo,
                 unnest(CAST(? AS DATE[])) AS hi, unnest(CAST(? AS VARCHAR[])) AS id) AS r
    WHERE story_mentions.lane = r.lane
      AND coalesce(story_mentions.event_date, {_NO_DAY}) BETWEEN r.lo AND r.hi
      AND story_mentions.story_id <> r.id
"""


# What the rows of stories are counted from, per story (as ``make_story`` counts them): kind 0,
# per day and CAMEO root of its mentions, how many there are and their first and last publication
# days; kind 1, its distinct articles and its first mention's type and roots; kind 2, its
# distinct outlets. Only these groups travel, never the mentions themselves.
_STORY_COUNTS_SQL = f"""
    WITH n AS (SELECT unnest(CAST(? AS VARCHAR[])) AS id, unnest(CAST(? AS VARCHAR[])) AS first_event_id),
    members AS (SELECT m.* FROM story_mentions m JOIN n ON m.story_id = n.id)
    SELECT 0, story_id, event_date, cameo_root, count(*), min(published_earliest), max(published_latest),
           {_NO_TEXT}, {_NO_TEXT}, {_NO_TEXT}
    FROM members GROUP BY story_id, event_date, cameo_root
    UNION ALL
    SELECT 1, m.story_id, NULL, NULL, count(DISTINCT m.article_id), NULL, NULL, f.type, f.source_root,
           f.target_root
    FROM members m JOIN n ON n.id = m.story_id JOIN story_mentions f ON f.event_id = n.first_event_id
    GROUP BY m.story_id, f.type, f.source_root, f.target_root
    UNION ALL
    SELECT 2, story_id, NULL, NULL, count(DISTINCT outlet), NULL, NULL, {_NO_TEXT}, {_NO_TEXT}, {_NO_TEXT}
    FROM members GROUP BY story_id
"""
# How far past the last change of a lane it is read at first: a few spans, in which the walk
# meets an unchanged stored story in almost every lane (else the rest of the lane is read).
_SPANS_READ_AHEAD = 4


@dataclass(frozen=True)
class _LaneChange:
    """What changed in one lane: the days on which mentions were added or removed (in order),
    the days of the removed ones, and the added mentions (in order of day and id)."""

    days: tuple[dt.date, ...]
    removed_days: frozenset[dt.date]
    added: tuple[StoryMention, ...]
    added_days: tuple[dt.date, ...]

    @property
    def first(self) -> dt.date:
        return self.days[0]

    @property
    def last(self) -> dt.date:
        return self.days[-1]

    def within(self, first: dt.date, last: dt.date) -> bool:
        """Whether a change falls on a day from ``first`` to ``last``."""
        at = bisect_left(self.days, first)
        return at < len(self.days) and self.days[at] <= last

    def added_within(self, first: dt.date, last: dt.date) -> list[StoryMention]:
        """The added mentions dated from ``first`` to ``last``, in order."""
        days = self.added_days
        return list(self.added[bisect_left(days, first) : bisect_right(days, last)])


@dataclass(frozen=True)
class _StoredStory:
    """A stored story as the walk sees it: its id and its first event."""

    id: str
    first_event_id: str


@dataclass
class _LaneRead:
    """What was read of a lane: its stored days with mentions and the first days of its stored
    stories, up to ``hi``, and the first of each after ``hi`` (none: there is none)."""

    hi: dt.date
    days: set[dt.date] = field(default_factory=set)
    starts: dict[dt.date, _StoredStory] = field(default_factory=dict)
    next_day: dt.date | None = None
    next_start: dt.date | None = None


@dataclass(frozen=True)
class _Recount:
    """A story of a changed lane to write anew: its lane, first and last possible day, the
    added mentions it takes, whether stored mentions fall in its span, the stored story that
    started on its first day (if any), and what is known of the first stored mention of that
    day: ``stored_first`` when that story still holds it, ``first_unknown`` when it must be read."""

    lane: str
    start: dt.date
    end: dt.date
    added: tuple[StoryMention, ...]
    has_stored: bool
    stored: _StoredStory | None
    stored_first: str | None
    first_unknown: bool


@dataclass(frozen=True)
class _LaneWalk:
    """The outcome for one lane: its stories to write anew, and the stored stories to delete
    (those the walk passed and did not keep)."""

    recount: tuple[_Recount, ...]
    delete: tuple[str, ...]


@dataclass
class _Tally:
    """What a story's row is made of, gathered from the counts of ``_STORY_COUNTS_SQL``."""

    days: Counter[dt.date] = field(default_factory=Counter)
    roots: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    articles: int = 0
    outlets: int = 0
    seen: list[dt.date] = field(default_factory=list)
    seen_last: list[dt.date] = field(default_factory=list)
    first: tuple[Any, ...] = (None, None, None)

    def add(self, kind: int, row: Sequence[Any]) -> None:
        """Take one row of the counts (without its kind and story id)."""
        day, root, number, seen, seen_last, *first = row
        if kind == 1:
            self.articles, self.first = int(number), tuple(first)
        elif kind == 2:
            self.outlets = int(number)
        else:
            self.mentions += int(number)
            if day is not None:
                self.days[_as_date(day)] += int(number)
            if root is not None:
                self.roots[root] += int(number)
            self.seen.extend([_as_date(seen)] if seen is not None else [])
            self.seen_last.extend([_as_date(seen_last)] if seen_last is not None else [])

    def story(self, story_id: str, lane: str, first_event_id: str) -> Story:
        """The story's row, as ``make_story`` makes it."""
        type_, source_root, target_root = self.first
        return Story(
            id=story_id,
            lane=lane,
            type=type_,
            cameo_root=_most_frequent(self.roots),
            source_root=source_root,
            target_root=target_root,
            event_date=_most_frequent(self.days),
            event_date_first=min(self.days, default=None),
            event_date_last=max(self.days, default=None),
            mentions=self.mentions,
            articles=self.articles,
            outlets=self.outlets,
            first_seen=min(self.seen, default=None),
            last_seen=max(self.seen_last, default=None),
            first_event_id=first_event_id,
        )


def _counted_stories(cur: Any, stories: Sequence[tuple[str, str, str]]) -> list[Story]:
    """The rows of stories (lane, id, first event id) counted from their stored mentions."""
    if not stories:
        return []
    rows = cur.execute(_STORY_COUNTS_SQL, [[i for _, i, _ in stories], [f for _, _, f in stories]])
    tallies: dict[str, _Tally] = {story_id: _Tally() for _, story_id, _ in stories}
    for kind, story_id, *row in rows.fetchall():
        tallies[story_id].add(int(kind), row)
    return [tallies[story_id].story(story_id, lane, first) for lane, story_id, first in stories]


def _plus(day: dt.date, days: int) -> dt.date:
    """``day`` moved on by ``days`` days, at most to the last day there is."""
    return day + dt.timedelta(days=days) if day <= dt.date.max - dt.timedelta(days=days) else dt.date.max


def _minus(day: dt.date, days: int) -> dt.date:
    """``day`` moved back by ``days`` days, at least to the first day there is."""
    return day - dt.timedelta(days=days) if day >= dt.date.min + dt.timedelta(days=days) else dt.date.min


def _lane_changes(added: Iterable[StoryMention], removed: Iterable[StoryMention]) -> dict[str, _LaneChange]:
    """Per lane: what the added and removed mentions change."""
    adds: dict[str, list[StoryMention]] = {}
    removes: dict[str, set[dt.date]] = {}
    for mention in added:
        adds.setdefault(mention.lane, []).append(mention)
    for mention in removed:
        removes.setdefault(mention.lane, set()).add(_day(mention))
    changes = {}
    for lane in adds.keys() | removes.keys():
        lane_adds = sorted(adds.get(lane, []), key=_order)
        lane_removes = removes.get(lane, set())
        added_days = tuple(_day(m) for m in lane_adds)
        days = tuple(sorted(lane_removes | set(added_days)))
        changes[lane] = _LaneChange(days, frozenset(lane_removes), tuple(lane_adds), added_days)
    return changes


def _walk_lanes(
    cur: Any, changes: dict[str, _LaneChange], span: int, final: bool
) -> dict[str, _LaneWalk | None]:
    """Walk the changed lanes (see ``_walk``); a lane whose walk needs days that were not read
    is ``None``. ``final`` reads each lane to its end, so that no walk is left ``None``."""
    if not changes:
        return {}
    lanes = sorted(changes)
    reads = {
        lane: _LaneRead(dt.date.max if final else _plus(changes[lane].last, _SPANS_READ_AHEAD * (span + 1)))
        for lane in lanes
    }
    params = [
        lanes,
        [_minus(changes[lane].first, span) for lane in lanes],
        [reads[lane].hi for lane in lanes],
    ]
    for kind, lane, value, story_id, first_event_id in cur.execute(_LANE_READ_SQL, params).fetchall():
        read, day = reads[lane], _as_date(value)
        if kind == 0:
            read.days.add(day)
        elif kind == 1:
            read.next_day = day
        elif kind == 2:
            read.starts[day] = _StoredStory(story_id, first_event_id)
        else:
            read.next_start = day
    return {lane: _walk(lane, reads[lane], changes[lane], span) for lane in lanes}


def _walk(lane: str, read: _LaneRead, change: _LaneChange, span: int) -> _LaneWalk | None:
    """The stories of one lane that a change alters, found by the rule of ``_LaneWalker`` over
    the lane's days: ``None`` when a story reaches past the days that were read.

    The walk starts at the stored story whose span holds the first change (or at the first
    change, when none does): earlier stories cannot change. A story starting on a day a stored
    story starts on, with no change within its span, has the same mentions as that stored one
    and is kept; once such a story starts after the last change, all later ones are kept too.
    """
    begins = max((day for day in read.starts if day <= change.first), default=None)
    from_day = begins if begins is not None and change.first <= _plus(begins, span) else change.first
    days = sorted(read.days | {_day(m) for m in change.added})
    if read.next_day is not None:
        days.append(read.next_day)
    stored_starts = set(read.starts) | ({read.next_start} if read.next_start is not None else set())
    recount: list[_Recount] = []
    kept: set[dt.date] = set()
    until: dt.date | None = None
    at = bisect_left(days, from_day)
    while at < len(days):
        start = days[at]
        if start > change.last and start in stored_starts:
            until = start
            break
        end = _plus(start, span)
        if read.next_day is not None and end >= read.next_day:
            return None
        at = bisect_right(days, end)
        if start in stored_starts and not change.within(start, end):
            kept.add(start)
        else:
            stored_within = any(day in read.days for day in days[bisect_left(days, start) : at])
            recount.append(_recount(lane, start, end, read, change, stored_within))
    delete = tuple(
        story.id
        for day, story in read.starts.items()
        if day >= from_day and (until is None or day < until) and day not in kept
    )
    return _LaneWalk(tuple(recount), delete)


def _recount(
    lane: str, start: dt.date, end: dt.date, read: _LaneRead, change: _LaneChange, has_stored: bool
) -> _Recount:
    """A story the walk writes anew, with what is known of its first event."""
    stored = read.starts.get(start)
    holds = stored is not None and start not in change.removed_days
    return _Recount(
        lane,
        start,
        end,
        tuple(change.added_within(start, end)),
        has_stored,
        stored,
        stored.first_event_id if stored is not None and holds else None,
        first_unknown=start in read.days and not holds,
    )


def _first_events(cur: Any, recounts: Sequence[_Recount]) -> list[str]:
    """The first event of each story to write: the smallest event id on its first day, stored
    (known from the stored story, else read) or added."""
    unknown = [r for r in recounts if r.first_unknown]
    read: dict[tuple[str, dt.date], str] = {}
    if unknown:
        rows = cur.execute(_FIRST_EVENTS_SQL, [[r.lane for r in unknown], [r.start for r in unknown]])
        read = {(lane, _as_date(day)): event_id for lane, day, event_id in rows.fetchall()}
    firsts = []
    for r in recounts:
        candidates = [m.event_id for m in r.added[:1] if _day(m) == r.start]
        stored = read.get((r.lane, r.start)) if r.first_unknown else r.stored_first
        candidates.extend([stored] if stored is not None else [])
        firsts.append(min(candidates))
    return firsts


# -- helpers --------------------------------------------------------------------------------


def _day(mention: StoryMention) -> dt.date:
    """A mention's day for ordering; undated mentions come first."""
    return mention.event_date or dt.date.min


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
