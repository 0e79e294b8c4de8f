"""The embedded default store: one DuckDB file.

Thread safety: DuckDB connection objects must not be shared between threads, so every call
works on its own cursor (a cheap child connection of the same database). Writes are serialised
by a lock, which keeps DuckDB's optimistic concurrency from aborting one of two racing batches.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from lagebild.model import Doc, Event
from lagebild.store import export as exports
from lagebild.store.base import (
    TIMELINE_GRANULARITIES,
    ActorInput,
    BatchResult,
    EventFilter,
    ExportFormat,
    ExportTarget,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    TimelineGranularity,
    as_actor,
)
from lagebild.store.filters import (
    actor_condition,
    dyad_condition,
    event_order,
    event_where,
)
from lagebild.store.migrations import MIGRATIONS, Migration, apply_migrations, pending, stored_version
from lagebild.store.rows import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    Column,
    arrow_table,
    article_columns,
    mention_rows,
    sentence_rows,
)
from lagebild.store.table import in_profile, profile_types, select_sql

# Nothing may be fetched at run time: an extension that is not built in must fail loudly
# instead of being downloaded on first use.
CONNECTION_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class DuckDBStore:
    """A lagebild store in one DuckDB file (see ``lagebild.store.base.Store``)."""

    def __init__(
        self,
        path: Path | str,
        read_only: bool = False,
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only)
        try:
            self._prepare_schema(migrations)
        except BaseException:
            self.close()
            raise

    def _prepare_schema(self, migrations: Sequence[Migration]) -> None:
        """Bring the schema up to date, or check that it is when opened read-only."""
        with self._cursor() as cur:
            if not self.read_only:
                apply_migrations(cur, migrations)
                return
            missing = pending(cur, migrations)
            if missing:
                raise SchemaVersionError(
                    f"the store {self.path} needs migrations up to version {missing[-1].version}; "
                    "open it once without read_only to upgrade it"
                )

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database file; the object is unusable afterwards."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A private cursor for one call, so calls from several threads do not interfere."""
        with self._lock:
            if self._con is None:
                raise StoreError(f"the store {self.path} is closed")
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def schema_version(self) -> int:
        """The highest migration applied to this store."""
        with self._cursor() as cur:
            return stored_version(cur)

    # -- writing ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        with self._cursor() as cur:
            row = cur.execute("SELECT 1 FROM articles WHERE id = ? LIMIT 1", [article_id]).fetchone()
        return row is not None

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        with self._cursor() as cur:
            return _known_ids(cur, ids)

    def write_batch(self, items: Sequence[tuple[Doc, Sequence[Event]]]) -> BatchResult:
        """Store new articles with their sentences, mentions and events in one transaction.

        An article whose id is stored already (or repeated within the batch) is skipped with its
        events. On any error the whole batch is rolled back and the error re-raised.
        """
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        _check_event_owners(items)
        with self._write_lock, self._cursor() as cur:
            cur.begin()
            try:
                result = self._write_new(cur, items)
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
        return result

    def _write_new(
        self, cur: duckdb.DuckDBPyConnection, items: Sequence[tuple[Doc, Sequence[Event]]]
    ) -> BatchResult:
        """Insert the articles of ``items`` that are not stored yet (inside a transaction)."""
        fresh = _new_items(items, _known_ids(cur, (doc.article.id for doc, _ in items)))
        docs = [doc for doc, _ in fresh]
        events = _unique_events(event for _, evs in fresh for event in evs)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        _insert(cur, "articles", article_columns(now), docs)
        _insert(cur, "sentences", SENTENCE_COLUMNS, [row for doc in docs for row in sentence_rows(doc)])
        _insert(cur, "mentions", MENTION_COLUMNS, [row for doc in docs for row in mention_rows(doc)])
        written = _insert(cur, "events", EVENT_COLUMNS, events, ignore_existing=True)
        return BatchResult(len(docs), len(items) - len(docs), written)

    # -- reading events ---------------------------------------------------------------------

    def query_events(self, f: EventFilter) -> list[dict[str, Any]]:
        """Events matching ``f`` as nested records, ordered by date then id."""
        clause = event_where(f)
        paging, paging_params = _paging(f)
        sql = f"SELECT record FROM events {clause.sql()} {event_order(f)} {paging}"
        with self._cursor() as cur:
            rows = cur.execute(sql, [*clause.params, *paging_params]).fetchall()
        return [json.loads(row[0]) for row in rows]

    def count_events(self, f: EventFilter) -> int:
        """How many events match ``f``, ignoring its limit and offset."""
        clause = event_where(f)
        with self._cursor() as cur:
            return _scalar(cur, f"SELECT count(*) FROM events {clause.sql()}", clause.params)

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One event record with ``article`` (id, title, url, outlet, published) added."""
        sql = """
            SELECT e.record, e.extra, a.id, a.title, a.url, a.outlet, a.published_value
            FROM events e LEFT JOIN articles a ON a.id = e.article_id
            WHERE e.id = ?
        """
        with self._cursor() as cur:
            row = cur.execute(sql, [event_id]).fetchone()
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row[0])
        keys = ("id", "title", "url", "outlet", "published")
        record["article"] = dict(zip(keys, row[2:], strict=True)) if row[2] is not None else None
        if row[1] is not None:
            record["extra"] = json.loads(row[1])
        return record

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, sentences, mentions and event records."""
        with self._cursor() as cur:
            articles = _dicts(cur.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
            if not articles:
                return None
            sentences = _dicts(
                cur.execute(
                    'SELECT "index", "start", "end", text FROM sentences '
                    'WHERE article_id = ? ORDER BY "index"',
                    [article_id],
                )
            )
            mentions = _dicts(
                cur.execute(
                    "SELECT * EXCLUDE (article_id) FROM mentions WHERE article_id = ? ORDER BY ordinal",
                    [article_id],
                )
            )
            events = cur.execute(
                "SELECT record FROM events WHERE article_id = ? ORDER BY evidence_start, trigger_start, id",
                [article_id],
            ).fetchall()
        article = _article_dict(articles[0])
        article.update(sentences=sentences, mentions=mentions, events=[json.loads(r[0]) for r in events])
        return article

    # -- summaries --------------------------------------------------------------------------

    def facets(self, f: EventFilter, limit: int = 10) -> dict[str, dict[str, Any]]:
        """Per facet (``FACETS``): the most frequent values among the events matching ``f`` with
        their counts, how many events have a value at all, and how many distinct values there are.

        Months come all of them, in order (events dated to a month or finer, by their first day);
        the other facets give their ``limit`` most frequent values.
        """
        where = event_where(replace(f, limit=None, offset=0, sort=None))
        base = f"SELECT * FROM events {where.sql()}"
        result: dict[str, dict[str, Any]] = {}
        with self._cursor() as cur:
            for name, template in FACET_SQL.items():
                top = None if name == "month" else limit
                params = where.params * template.count("{base}")
                result[name] = _facet(cur, template.format(base=base), params, top, name == "month")
        return result

    def actor_roots(self) -> set[str]:
        """The root codes of every stored source and target actor."""
        sql = """
            SELECT DISTINCT source_root FROM events WHERE source_root IS NOT NULL
            UNION SELECT DISTINCT target_root FROM events WHERE target_root IS NOT NULL
        """
        with self._cursor() as cur:
            return {row[0] for row in cur.execute(sql).fetchall()}

    def actor_counts(self) -> list[dict[str, Any]]:
        """Per actor root and sector: events as source, as target and in total."""
        sql = """
            WITH roles AS (
                SELECT source_root AS root, source_sector AS sector, 1 AS as_source, 0 AS as_target
                FROM events WHERE source_root IS NOT NULL
                UNION ALL
                SELECT target_root, target_sector, 0, 1
                FROM events WHERE target_root IS NOT NULL
            )
            SELECT root, sector, CAST(sum(as_source) AS BIGINT) AS as_source,
                   CAST(sum(as_target) AS BIGINT) AS as_target, count(*) AS total
            FROM roles GROUP BY root, sector
            ORDER BY total DESC, root, sector NULLS FIRST
        """
        with self._cursor() as cur:
            return _dicts(cur.execute(sql))

    def dyad_timeline(
        self, a: ActorInput, b: ActorInput, granularity: TimelineGranularity
    ) -> list[dict[str, Any]]:
        """Events between ``a`` and ``b`` (either direction) per day, week or month.

        Each period has ``events``, ``goldstein_sum``, ``cooperation`` (quad classes 1-2),
        ``conflict`` (3-4) and the counts per direction. An event falls into the period of its
        earliest possible day; events without any date are left out.
        """
        if granularity not in TIMELINE_GRANULARITIES:
            raise ValueError(f"granularity must be one of {', '.join(TIMELINE_GRANULARITIES)}")
        code_a, code_b = as_actor(a), as_actor(b)
        a_to_b = _both(actor_condition("source", code_a), actor_condition("target", code_b))
        b_to_a = _both(actor_condition("source", code_b), actor_condition("target", code_a))
        dyad_sql, dyad_params = dyad_condition(code_a, code_b)
        sql = f"""
            SELECT CAST(date_trunc(?, day) AS DATE) AS period, count(*) AS events,
                   coalesce(sum(goldstein), 0.0) AS goldstein_sum,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE {a_to_b[0]}) AS a_to_b,
                   count(*) FILTER (WHERE {b_to_a[0]}) AS b_to_a
            FROM (SELECT *, coalesce(date_earliest, date_latest) AS day FROM events WHERE {dyad_sql})
            WHERE day IS NOT NULL
            GROUP BY period ORDER BY period
        """
        params = [granularity, *a_to_b[1], *b_to_a[1], *dyad_params]
        with self._cursor() as cur:
            rows = _dicts(cur.execute(sql, params))
        for row in rows:
            row["label"] = _period_label(dt.date.fromisoformat(row["period"]), granularity)
        return rows

    def stats(self) -> dict[str, Any]:
        """Counts of articles, sentences, mentions and events; events by type and language;
        the range of event dates and of publication dates."""
        with self._cursor() as cur:
            events_range = cur.execute("SELECT min(date_earliest), max(date_latest) FROM events").fetchone()
            published_range = cur.execute(
                "SELECT min(published_earliest), max(published_latest) FROM articles"
            ).fetchone()
            return {
                "schema_version": stored_version(cur),
                "articles": _scalar(cur, "SELECT count(*) FROM articles"),
                "sentences": _scalar(cur, "SELECT count(*) FROM sentences"),
                "mentions": _scalar(cur, "SELECT count(*) FROM mentions"),
                "events": _scalar(cur, "SELECT count(*) FROM events"),
                "by_type": _counts(cur, "events", "type"),
                "by_language": _counts(cur, "events", "language"),
                "articles_by_language": _counts(cur, "articles", "language"),
                "date_range": _range(events_range),
                "published_range": _range(published_range),
            }

    def export(
        self,
        fmt: ExportFormat,
        out: ExportTarget,
        f: EventFilter | None = None,
        *,
        raw_csv: bool = False,
        profile: str = "lagebild",
    ) -> int:
        """Write the rows of the events matching ``f`` (the event table of ``lagebild.store.table``,
        or one of its profiles) as JSON lines, CSV or Parquet; return how many were written.

        CSV cells that a spreadsheet would run as formulas get a leading ``'`` unless ``raw_csv``.
        """
        fmt = exports.check_format(fmt)
        columns = profile_types(profile)
        f = f or EventFilter()
        if profile != "lagebild":
            rows = in_profile(self.iter_rows(f), profile)
            return exports.write_rows(fmt, rows, out, columns, raw=raw_csv)
        sql, params = _rows_sql(f)
        with self._cursor() as cur:
            if fmt == "parquet":
                return exports.write_arrow(
                    cur.sql(sql, params=params).to_arrow_reader(exports.CHUNK_ROWS), out, columns
                )
            if fmt == "jsonl":
                # DuckDB writes each row as JSON itself (dates as ISO text, nulls as null).
                return exports.write_json_lines(cur.execute(f"SELECT to_json(t) FROM ({sql}) t", params), out)
            return exports.write_csv_result(
                cur.execute(exports.csv_sql(sql, columns, raw=raw_csv), params), out
            )

    def iter_rows(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        """The event-table rows matching ``f`` in its order, fetched in chunks (dates as dates)."""
        sql, params = _rows_sql(f)
        with self._cursor() as cur:
            result = cur.execute(sql, params)
            names = [d[0] for d in result.description or ()]
            while chunk := result.fetchmany(exports.CHUNK_ROWS):
                for values in chunk:
                    yield dict(zip(names, values, strict=True))

    def query_rows(self, f: EventFilter) -> list[dict[str, Any]]:
        """The event-table rows matching ``f``, JSON-ready (dates as ISO text)."""
        return [exports.json_row(row) for row in self.iter_rows(f)]

    def get_row(self, event_id: str) -> dict[str, Any] | None:
        """One event's table row (JSON-ready) with ``extra`` added when the coder left any, or ``None``."""
        with self._cursor() as cur:
            found = cur.execute("SELECT article_id, extra FROM events WHERE id = ?", [event_id]).fetchone()
        if found is None:
            return None
        rows = [row for row in self.query_rows(EventFilter(article=found[0])) if row["event_id"] == event_id]
        if not rows:
            return None
        if found[1] is not None:
            rows[0]["extra"] = json.loads(found[1])
        return rows[0]


FACETS: tuple[str, ...] = (
    "actor",
    "pair",
    "type",
    "country",
    "place",
    "month",
    "modality",
    "quad_class",
    "language",
    "outlet",
    "attribution",
    "precision",
)
"""What the dashboard's facets count, each as (event id, value) pairs of the filtered events."""
FACET_SQL: dict[str, str] = {
    "actor": "SELECT id, source_root AS value FROM ({base}) UNION SELECT id, target_root FROM ({base})",
    "pair": "SELECT id, least(source_root, target_root) || ' ' || greatest(source_root, target_root) "
    "AS value FROM ({base}) WHERE source_root IS NOT NULL AND target_root IS NOT NULL",
    "type": "SELECT id, type AS value FROM ({base})",
    "country": "SELECT id, source_country AS value FROM ({base}) "
    "UNION SELECT id, target_country FROM ({base}) UNION SELECT id, location_country FROM ({base})",
    "place": "SELECT id, location_name AS value FROM ({base})",
    "month": "SELECT id, strftime(date_earliest, '%Y-%m') AS value FROM ({base}) "
    "WHERE date_granularity IN ('time', 'day', 'week', 'month')",
    "modality": "SELECT id, modality AS value FROM ({base})",
    "quad_class": "SELECT id, CAST(quad_class AS VARCHAR) AS value FROM ({base})",
    "language": "SELECT id, language AS value FROM ({base})",
    "outlet": "SELECT e.id, nullif(a.outlet, '') AS value "
    "FROM ({base}) e LEFT JOIN articles a ON a.id = e.article_id",
    "attribution": "SELECT id, nullif(attribution, '') AS value FROM ({base})",
    "precision": "SELECT id, coalesce(date_granularity, 'none') AS value FROM ({base})",
}


def _facet(
    cur: duckdb.DuckDBPyConnection, pairs_sql: str, params: list[object], limit: int | None, ordered: bool
) -> dict[str, Any]:
    """Counts of one facet: ``values`` (value, count), ``with_value`` (events), ``distinct``."""
    order = "value" if ordered else "count DESC, value"
    paging = f"LIMIT {int(limit)}" if limit is not None else ""
    sql = f"""
        WITH pairs AS ({pairs_sql}), valued AS (SELECT * FROM pairs WHERE value IS NOT NULL)
        SELECT value, count(DISTINCT id) AS count FROM valued GROUP BY value ORDER BY {order} {paging}
    """
    values = [{"value": row[0], "count": int(row[1])} for row in cur.execute(sql, params).fetchall()]
    summary = cur.execute(
        f"WITH pairs AS ({pairs_sql}) SELECT count(DISTINCT id) FILTER (WHERE value IS NOT NULL), "
        "count(DISTINCT value) FROM pairs",
        params,
    ).fetchone()
    with_value, distinct = (int(summary[0]), int(summary[1])) if summary else (0, 0)
    return {"values": values, "with_value": with_value, "distinct": distinct}


def _rows_sql(f: EventFilter) -> tuple[str, list[object]]:
    """The query giving the event-table rows of a filter, in its order, with its parameters.

    The events are chosen (and paged) first and the columns computed for those only, so a page
    of 50 costs 50 rows of work, not one per matching event.
    """
    select, select_params = select_sql()
    clause = event_where(f)
    paging, paging_params = _paging(f)
    order = event_order(f)
    chosen = f"SELECT * FROM events {clause.sql()} {order} {paging}"
    sql = f"SELECT {select} FROM ({chosen}) AS events {order}"
    return sql, [*select_params, *clause.params, *paging_params]


def open_duckdb(path: Path | str, read_only: bool = False) -> DuckDBStore:
    """Open (creating and migrating if needed) the DuckDB store at ``path``."""
    return DuckDBStore(path, read_only)


# -- helpers ---------------------------------------------------------------------------------


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the database file with downloads of extensions switched off."""
    if read_only and not path.exists():
        raise StoreError(f"there is no store at {path}")
    try:
        return duckdb.connect(str(path), read_only=read_only, config=CONNECTION_CONFIG)
    except (duckdb.IOException, duckdb.ConnectionException) as exc:
        # Another process holds the write lock on the file, or this process has the file open
        # already with a different mode (read-only next to read-write).
        locked = _LOCK_HOLDER.search(str(exc))
        if locked is not None:
            pid = int(locked.group(2))
            raise StoreLockedError(path, pid, _command_line(pid) or locked.group(1)) from None
        raise StoreError(f"cannot open the store {path}: {exc}") from exc


# DuckDB: 'Could not set lock on file "...": Conflicting lock is held in /usr/bin/python3 (PID 42)'
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _command_line(pid: int, limit: int = 160) -> str | None:
    """The command line of a process (Linux ``/proc``), shortened; None when it cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [word.decode("utf-8", "replace") for word in raw.split(b"\0") if word]
    if not words:
        return None
    # "/path/to/.venv/bin/python /path/to/.venv/bin/lagebild serve" reads better as "lagebild serve".
    for index, word in enumerate(words):
        if Path(word).name == "lagebild":
            words = ["lagebild", *words[index + 1 :]]
            break
    line = " ".join(" ".join(words).split())  # one line, even for `python -c "..."`
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _known_ids(cur: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that have an article row."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    rows = cur.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [wanted])
    return {row[0] for row in rows.fetchall()}


def _check_event_owners(items: Sequence[tuple[Doc, Sequence[Event]]]) -> None:
    """Refuse events paired with an article they do not come from."""
    for doc, events in items:
        for event in events:
            if event.doc_id != doc.article.id:
                raise ValueError(
                    f"event {event.id} has doc_id {event.doc_id!r} but is paired with "
                    f"article {doc.article.id!r}"
                )


def _new_items(
    items: Sequence[tuple[Doc, Sequence[Event]]], known: set[str]
) -> list[tuple[Doc, Sequence[Event]]]:
    """The items whose article is neither stored nor earlier in the same batch."""
    seen = set(known)
    fresh = []
    for doc, events in items:
        if doc.article.id not in seen:
            seen.add(doc.article.id)
            fresh.append((doc, events))
    return fresh


def _unique_events(events: Iterable[Event]) -> list[Event]:
    """Events with repeated ids dropped (the first is kept): ids are stable, so a repeat is the same event."""
    seen: set[str] = set()
    unique = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            unique.append(event)
    return unique


def _insert(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[Column],
    records: Sequence[Any],
    ignore_existing: bool = False,
) -> int:
    """Insert records through an Arrow table in one statement; return the rows inserted.

    ``table`` and the column names are fixed by this module; the values travel as data.
    """
    if not records:
        return 0
    view = f"incoming_{table}"
    names = ", ".join(f'"{c.name}"' for c in columns)
    verb = "INSERT OR IGNORE INTO" if ignore_existing else "INSERT INTO"
    cur.register(view, arrow_table(columns, records))
    try:
        row = cur.execute(f"{verb} {table} ({names}) SELECT {names} FROM {view}").fetchone()
    finally:
        cur.unregister(view)
    return int(row[0]) if row else 0


def _paging(f: EventFilter) -> tuple[str, list[object]]:
    """``LIMIT``/``OFFSET`` text and parameters for a filter."""
    sql = ""
    params: list[object] = []
    if f.limit is not None:
        sql, params = "LIMIT ?", [f.limit]
    if f.offset:
        sql, params = f"{sql} OFFSET ?", [*params, f.offset]
    return sql, params


def _both(first: tuple[str, list[object]], second: tuple[str, list[object]]) -> tuple[str, list[object]]:
    """Two conditions joined with ``AND``."""
    return f"({first[0]}) AND ({second[0]})", [*first[1], *second[1]]


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> int:
    """The single integer a query returns."""
    row = cur.execute(sql, list(params)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO text, so results are JSON-ready."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """All rows of a result as dicts keyed by column name."""
    names = [d[0] for d in result.description or ()]
    return [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in result.fetchall()]


def _counts(cur: duckdb.DuckDBPyConnection, table: str, column: str) -> list[dict[str, Any]]:
    """Rows per value of one column, most frequent first (table and column are fixed names)."""
    sql = f"SELECT {column}, count(*) AS count FROM {table} GROUP BY {column} ORDER BY count DESC, {column}"
    return _dicts(cur.execute(sql))


def _range(row: tuple[Any, ...] | None) -> dict[str, str | None]:
    """A (min, max) row as ``earliest``/``latest`` ISO dates."""
    first, last = row if row else (None, None)
    return {"earliest": _plain(first), "latest": _plain(last)}


def _article_dict(row: dict[str, Any]) -> dict[str, Any]:
    """An article row with its publication date nested like a ``TimeValue``."""
    published = {key: row.pop(f"published_{key}") for key in ("value", "granularity", "earliest", "latest")}
    warnings = row.pop("warnings")
    row["published"] = published if published["value"] is not None else None
    row["warnings"] = json.loads(warnings) if warnings else []
    return row


def _period_label(start: dt.date, granularity: TimelineGranularity) -> str:
    """A readable period name: ``2017-03-30``, ``2017-W13`` or ``2017-03``."""
    if granularity == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()
