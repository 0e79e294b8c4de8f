"""What both backends share: every query of the ``Store`` protocol, written once in SQL that DuckDB
and PostgreSQL both run.

A backend (``duckdb_store``, ``postgres_store``) subclasses ``SQLStore`` and supplies only the
connection handling: a cursor for reads, a transaction for writes, a streamed result for large
reads, and bulk inserts. Queries are written with ``?`` placeholders; the PostgreSQL backend turns
them into psycopg's ``%s``. What the two databases spell differently (bulk loading, Arrow
results, migrations' column types) stays in the backends; the SQL here avoids dialect-only
functions (``x = ANY(?)`` instead of ``list_contains``, ``ON CONFLICT``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Protocol, Self

from lagebild.model import Doc, Event
from lagebild.store import export as exports
from lagebild.store.base import (
    TIMELINE_GRANULARITIES,
    ActorInput,
    BatchResult,
    EventFilter,
    ExportFormat,
    ExportTarget,
    RowPage,
    StoreError,
    TimelineGranularity,
    as_actor,
)
from lagebild.store.filters import (
    Clause,
    actor_condition,
    dyad_condition,
    event_order,
    event_where,
    keyset_branches,
    order_keys,
)
from lagebild.store.migrations import stored_version
from lagebild.store.recode import RecodeMixin
from lagebild.store.rows import (
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    STORED_EVENT_COLUMNS,
    Column,
    article_columns,
    mention_rows,
    sentence_rows,
    stored_events,
)
from lagebild.store.stories import StoriesMixin
from lagebild.store.table import in_profile, place_precision, profile_types, select_sql


class Result(Protocol):
    """A query result as both drivers give it."""

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...


class Cursor(Protocol):
    """Runs one statement with ``?`` placeholders and returns its result."""

    def execute(self, query: str, parameters: Any = ...) -> Any: ...


class SQLStore(StoriesMixin, RecodeMixin):
    """The shared part of a store backend (see ``lagebild.store.base.Store``).

    Subclasses set ``read_only`` and ``where`` (the store's name in messages) and implement the
    hooks below; everything else is shared.
    """

    read_only: bool
    where: str

    # -- hooks of the backends --------------------------------------------------------------

    def close(self) -> None:
        """Release the database; the object is unusable afterwards."""
        raise NotImplementedError

    def _cursor(self) -> AbstractContextManager[Cursor]:
        """A cursor of this thread's own for the reads of one call."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Cursor]:
        """A cursor inside one write transaction (committed on success, rolled back on error);
        write transactions of one store never run at the same time."""
        raise NotImplementedError

    def _streamed(self, sql: str, params: Sequence[object]) -> AbstractContextManager[Result]:
        """The result of a large query, fetched in chunks with ``fetchmany``."""
        raise NotImplementedError

    def _insert(
        self,
        cur: Cursor,
        table: str,
        columns: Sequence[Column],
        records: Sequence[Any],
        ignore_existing: bool = False,
    ) -> int:
        """Insert records (one row per record, one value per column) in bulk; return the rows
        inserted. With ``ignore_existing``, rows whose primary key is stored are skipped."""
        raise NotImplementedError

    def _write_parquet(self, sql: str, params: Sequence[object], out: ExportTarget) -> int:
        """Write the event-table rows of ``sql`` as Parquet (backends with Arrow results override)."""
        return exports.write_parquet(self._iter_sql(sql, params), out, profile_types("lagebild"))

    def _write_jsonl(self, sql: str, params: Sequence[object], out: ExportTarget) -> int:
        """Write the event-table rows of ``sql`` as JSON lines (a backend whose JSON keeps the
        column types may let the database write them)."""
        return exports.write_jsonl(self._iter_sql(sql, params), out)

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

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
            raise StoreError(f"the store {self.where} is open read-only")
        _check_event_owners(items)
        with self._transaction() as cur:
            return self._write_new(cur, items)

    def _write_new(self, cur: Cursor, items: Sequence[tuple[Doc, Sequence[Event]]]) -> BatchResult:
        """Insert the articles of ``items`` that are not stored yet (inside a transaction)."""
        fresh = _new_items(items, _known_ids(cur, (doc.article.id for doc, _ in items)))
        docs = [doc for doc, _ in fresh]
        events = stored_events(fresh)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self._insert(cur, "articles", article_columns(now), docs)
        self._insert(cur, "sentences", SENTENCE_COLUMNS, [row for doc in docs for row in sentence_rows(doc)])
        self._insert(cur, "mentions", MENTION_COLUMNS, [row for doc in docs for row in mention_rows(doc)])
        written = self._insert(cur, "events", STORED_EVENT_COLUMNS, events, ignore_existing=True)
        self._add_to_stories(cur, fresh)
        return BatchResult(len(docs), len(items) - len(docs), written)

    # -- reading events ---------------------------------------------------------------------

    def query_events(self, f: EventFilter) -> list[dict[str, Any]]:
        """Events matching ``f`` as nested records, ordered by date then id."""
        clause = _selection(f)
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
                    f"SELECT {_MENTION_FIELDS} FROM mentions WHERE article_id = ? ORDER BY ordinal",
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
        their counts, how many events have a value at all, how many distinct values there are,
        and how many events match (``total``).

        Months come all of them, in order (events dated to a month or finer, by their first day);
        the other facets give their ``limit`` most frequent values. Everything is counted by the
        database over all matching events (grouping sets, one scan for the single-valued facets).
        """
        where = event_where(f.whole())
        with self._cursor() as cur:
            total = _scalar(cur, f"SELECT count(*) FROM events {where.sql()}", where.params)
            result = _single_facets(cur, where, limit)
            for name, columns in MULTI_FACETS.items():
                result[name] = _multi_facet(cur, where, columns, limit)
        for facet in result.values():
            facet["total"] = total
        return {name: result[name] for name in FACETS}

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
            SELECT CAST(date_trunc(?, CAST(day AS TIMESTAMP)) AS DATE) AS period, count(*) AS events,
                   coalesce(sum(goldstein), 0.0) AS goldstein_sum,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE {a_to_b[0]}) AS a_to_b,
                   count(*) FILTER (WHERE {b_to_a[0]}) AS b_to_a
            FROM (
                SELECT *, coalesce(date_earliest, date_latest) AS day FROM events WHERE {dyad_sql}
            ) AS dyad
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

    # -- event-table rows -------------------------------------------------------------------

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
        return self._export_table(fmt, f, out, raw_csv)

    def _export_table(self, fmt: ExportFormat, f: EventFilter, out: ExportTarget, raw_csv: bool) -> int:
        """Write the event-table rows of ``f``: one query whose result is streamed (a backend whose
        results are not streamed when sorted reads them page by page instead)."""
        sql, params = _rows_sql(f)
        if fmt == "parquet":
            return self._write_parquet(sql, params, out)
        if fmt == "jsonl":
            return self._write_jsonl(sql, params, out)
        with self._streamed(exports.csv_sql(sql, profile_types("lagebild"), raw=raw_csv), params) as result:
            return exports.write_csv_result(result, out)

    def iter_rows(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        """The event-table rows matching ``f`` in its order, fetched in chunks (dates as dates)."""
        return self._iter_sql(*_rows_sql(f))

    def _page_query(self, cur: Cursor, f: EventFilter, with_keys: bool = False) -> tuple[str, list[object]]:
        """The query of one page of the event-table rows of ``f`` (with the order's key values
        last, if asked). A backend may find the page's events first, with ``cur``."""
        return _rows_sql(f, with_keys)

    def _iter_sql(self, sql: str, params: Sequence[object]) -> Iterator[dict[str, Any]]:
        """The rows of a query as dicts, fetched in chunks."""
        with self._streamed(sql, params) as result:
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

    def page_rows(self, f: EventFilter) -> RowPage:
        """One page of the rows matching ``f`` (JSON-ready) and, when more follow, the order's key
        values of its last row: pass them as ``EventFilter.after`` to get the next page.

        One row more than the page is read to know whether another page follows.
        """
        if f.limit is None:
            return RowPage(self.query_rows(f), None)
        keys = len(order_keys(f))
        with self._cursor() as cur:
            sql, params = self._page_query(cur, replace(f, limit=f.limit + 1), with_keys=True)
            result = cur.execute(sql, params)
            names = [d[0] for d in result.description or ()][:-keys]
            fetched = result.fetchall()
        rows = [
            exports.json_row(dict(zip(names, values[:-keys], strict=True))) for values in fetched[: f.limit]
        ]
        more = len(fetched) > f.limit and f.limit > 0
        return RowPage(rows, tuple(fetched[f.limit - 1][-keys:]) if more else None)

    def actor_network(self, f: EventFilter, limit: int = 200) -> dict[str, Any]:
        """Who acts on whom among the events matching ``f``, counted by the database.

        ``edges``: the ``limit`` most frequent directed pairs (source → target) with ``events``,
        ``goldstein_sum``, ``goldstein_mean``, ``cooperation`` (quad classes 1-2) and ``conflict``
        (3-4); ``nodes``: the actors of those edges with the events they take part in as source
        or target of a pair (over all pairs, not only the ones shown) and their most frequent
        name. ``edges_total`` and ``nodes_total`` count all pairs and actors; ``events_with_pair``
        the events that have both a source and a target (the only ones drawn).
        """
        where = event_where(f.whole())
        pairs = (
            "SELECT source_root AS source, target_root AS target, source_name, target_name, "
            f"goldstein, quad_class FROM events {_and(where, _PAIR_CONDITION)}"
        )
        edges_sql = f"""
            WITH pairs AS ({pairs}), edges AS ({_grouped("pairs", "source, target")})
            SELECT *, count(*) OVER () AS edges_total, sum(events) OVER () AS events_with_pair
            FROM edges ORDER BY events DESC, source, target LIMIT ?
        """
        nodes_sql = f"""
            WITH pairs AS ({pairs}),
            roles AS (SELECT source AS id, source_name AS name FROM pairs
                      UNION ALL SELECT target, target_name FROM pairs),
            named AS (SELECT id, name, count(*) AS n FROM roles GROUP BY id, name),
            ranked AS (
                SELECT id, name, sum(n) OVER (PARTITION BY id) AS events,
                       row_number() OVER (PARTITION BY id ORDER BY name IS NULL, n DESC, name) AS rank
                FROM named
            ),
            nodes AS (SELECT id, name, events, count(*) OVER () AS nodes_total FROM ranked WHERE rank = 1)
            SELECT * FROM nodes WHERE id = ANY(?) OR nodes_total = 0
        """
        with self._cursor() as cur:
            total = _scalar(cur, f"SELECT count(*) FROM events {where.sql()}", where.params)
            edges = _dicts(cur.execute(edges_sql, [*where.params, limit]))
            actors = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
            nodes = _dicts(cur.execute(nodes_sql, [*where.params, actors])) if edges else []
        edges_total = int(edges[0]["edges_total"]) if edges else 0
        with_pair = int(edges[0]["events_with_pair"]) if edges else 0
        return {
            "nodes": sorted(
                ({"id": n["id"], "name": n["name"] or n["id"], "events": int(n["events"])} for n in nodes),
                key=lambda n: (-n["events"], n["id"]),
            ),
            "edges": [_group(e, {"source": e["source"], "target": e["target"]}) for e in edges],
            "edges_total": edges_total,
            "nodes_total": int(nodes[0]["nodes_total"]) if nodes else 0,
            "events_with_pair": with_pair,
            "events_total": total,
            "limit": limit,
        }

    def event_places(self, f: EventFilter, limit: int = 500) -> dict[str, Any]:
        """Where the events matching ``f`` happened, counted by the database.

        ``places``: the ``limit`` most frequent cities and regions (drawn as dots; name, country,
        ``lat``, ``lon``); ``areas``: countries that events are placed in as a whole (drawn as
        that country; at most ``limit``). Each has ``events``, ``goldstein_sum``,
        ``goldstein_mean``, ``cooperation``, ``conflict`` and ``types`` (events per PLOVER type,
        else CAMEO code, most frequent first). ``places_total`` and ``areas_total`` count them
        all; ``events_with_place`` the events drawn either way, ``events_in_countries`` those
        drawn as areas.
        """
        where = event_where(f.whole())
        with self._cursor() as cur:
            total = _scalar(cur, f"SELECT count(*) FROM events {where.sql()}", where.params)
            rows = _dicts(
                cur.execute(
                    _PLACES_SQL.format(where=where.sql()), [*where.params, *place_precision.params(), limit]
                )
            )
        shapes: dict[str, dict[int, dict[str, Any]]] = {"dot": {}, "area": {}}
        totals = {"dot": (0, 0), "area": (0, 0)}
        for row in rows:
            totals[row["shape"]] = (int(row["places_total"]), int(row["events_placed"]))
            start = {"name": row["name"], "country": row["country"], "lat": row["lat"], "lon": row["lon"]}
            place = shapes[row["shape"]].setdefault(row["rank"], {**_group(row, start), "types": {}})
            place["types"][row["kind"] or "?"] = int(row["n"])
        areas = [
            {**area, "numeric": None} for area in shapes["area"].values()
        ]  # the API adds the outline's id
        return {
            "places": list(shapes["dot"].values()),
            "areas": areas,
            "places_total": totals["dot"][0],
            "areas_total": totals["area"][0],
            "events_with_place": totals["dot"][1] + totals["area"][1],
            "events_in_countries": totals["area"][1],
            "events_total": total,
            "limit": limit,
        }


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


@dataclass(frozen=True)
class SingleFacet:
    """A facet with at most one value per event, counted in two steps: events are grouped by
    plain columns (``columns``, named ``a``, ``b``; only events meeting ``condition``), then the
    groups, few by comparison, are turned into values (``value``) and summed. Grouping by a
    computed text (a date cut to its month, a pair joined to one text) would compute it for
    every event."""

    columns: str
    value: str = "a"
    condition: str | None = None


SINGLE_FACETS: dict[str, SingleFacet] = {
    "pair": SingleFacet(
        "source_root AS a, target_root AS b",
        "least(a, b) || ' ' || greatest(a, b)",
        "source_root IS NOT NULL AND target_root IS NOT NULL",
    ),
    "type": SingleFacet("type AS a"),
    "place": SingleFacet("location_name AS a"),
    # The first seven characters of the ISO date: both databases write dates as ISO text.
    "month": SingleFacet(
        "date_earliest AS a",
        "substr(CAST(a AS VARCHAR), 1, 7)",
        "date_granularity IN ('time', 'day', 'week', 'month')",
    ),
    "modality": SingleFacet("modality AS a"),
    "quad_class": SingleFacet("quad_class AS a", "CAST(a AS VARCHAR)"),
    "language": SingleFacet("language AS a"),
    "attribution": SingleFacet("attribution AS a", "nullif(a, '')"),
    "precision": SingleFacet("date_granularity AS a", "coalesce(a, 'none')"),
}
"""Facets with at most one value per event (the outlet, an article's field, is counted apart)."""
MULTI_FACETS: dict[str, tuple[str, ...]] = {
    "actor": ("source_root", "target_root"),
    "country": ("source_country", "target_country", "location_country"),
}
"""Facets whose value an event may have in several columns; it counts once per distinct value."""
UNLIMITED_FACETS = ("month",)
"""Facets that give all their values, in order of value."""


def _single_facets(cur: Cursor, where: Clause, limit: int) -> dict[str, dict[str, Any]]:
    """The single-valued facets and the outlet: per facet one grouping of the matching events,
    ranked by count (months by value) and cut to ``limit`` values in the database."""
    sources: dict[str, tuple[str, list[object]]] = {}
    for name, facet in SINGLE_FACETS.items():
        condition = _and(where, facet.condition) if facet.condition else where.sql()
        names = ", ".join(part.split(" AS ")[1] for part in facet.columns.split(", "))
        grouped = f"SELECT {facet.columns}, count(*) AS n FROM events {condition} GROUP BY {names}"
        sources[name] = (f"SELECT {facet.value} AS value, n FROM ({grouped}) AS grouped", where.params)
    # Events per article first, then the articles' outlets: one join per article, not per event.
    per_article = f"SELECT article_id, count(*) AS n FROM events {where.sql()} GROUP BY article_id"
    sources["outlet"] = (
        f"SELECT nullif(a.outlet, '') AS value, e.n FROM ({per_article}) AS e "
        "LEFT JOIN articles a ON a.id = e.article_id",
        where.params,
    )
    result: dict[str, dict[str, Any]] = {}
    for name, (source, params) in sources.items():
        order = "value" if name in UNLIMITED_FACETS else "n DESC, value"
        paging = "" if name in UNLIMITED_FACETS else "LIMIT ?"
        sql = f"""
            SELECT value, n, count(*) OVER () AS distinct_values, sum(n) OVER () AS with_value
            FROM (SELECT value, sum(n) AS n FROM ({source}) AS valued GROUP BY value) AS counted
            WHERE value IS NOT NULL ORDER BY {order} {paging}
        """
        rows = cur.execute(sql, [*params] if not paging else [*params, limit]).fetchall()
        result[name] = {
            "values": [{"value": row[0], "count": int(row[1])} for row in rows],
            "distinct": int(rows[0][2]) if rows else 0,
            "with_value": int(rows[0][3]) if rows else 0,
        }
    return result


def _multi_facet(cur: Cursor, where: Clause, columns: tuple[str, ...], limit: int) -> dict[str, Any]:
    """A facet whose value may be in several columns: an event counts once per distinct value
    (a column's value is counted only where no earlier column holds the same)."""
    parts = []
    for index, column in enumerate(columns):
        earlier = [f"{column} IS DISTINCT FROM {other}" for other in columns[:index]]
        condition = f"WHERE {' AND '.join(earlier)}" if earlier else ""
        parts.append(f"SELECT {column} AS value FROM chosen {condition}")
    anyone = " OR ".join(f"{column} IS NOT NULL" for column in columns)
    sql = f"""
        WITH chosen AS (SELECT {", ".join(columns)} FROM events {where.sql()}),
        counted AS (
            SELECT value, count(*) AS n FROM ({" UNION ALL ".join(parts)}) AS valued
            WHERE value IS NOT NULL GROUP BY value
        )
        SELECT value, n, count(*) OVER () AS distinct_values FROM counted ORDER BY n DESC, value LIMIT ?
    """
    rows = cur.execute(sql, [*where.params, limit]).fetchall()
    with_value = _scalar(cur, f"SELECT count(*) FROM events {_and(where, anyone)}", where.params)
    return {
        "values": [{"value": row[0], "count": int(row[1])} for row in rows],
        "with_value": with_value,
        "distinct": int(rows[0][2]) if rows else 0,
    }


_MENTION_FIELDS = ", ".join(f'"{c.name}"' for c in MENTION_COLUMNS if c.name != "article_id")


def _rows_sql(f: EventFilter, with_keys: bool = False) -> tuple[str, list[object]]:
    """The query giving the event-table rows of a filter, in its order, with its parameters.

    The events are chosen (and paged) first and the columns computed for those only, so a page
    of 50 costs 50 rows of work, not one per matching event. ``with_keys`` adds the values of
    the order's keys as the last columns (for the next page's keyset).
    """
    chosen, chosen_params = chosen_sql(f)
    return _table_of(chosen, chosen_params, f, with_keys)


def handle_rows_sql(
    f: EventFilter, handles: list[object], articles: list[str], handle: str, with_keys: bool
) -> tuple[str, list[object]]:
    """The event-table rows of the events whose ``handle`` column (DuckDB's ``rowid``) is one of
    ``handles``, in the order of ``f``: the second step of a page whose rows were found first.

    The articles of the page (``articles``: their ids) stand in for the table of all articles,
    whose title, URL and outlet the rows carry: joining a page to every article would read them all.
    """
    sql, params = _table_of(f"SELECT * FROM events WHERE {handle} = ANY(?)", [handles], f, with_keys)
    # Inside its own definition, "articles" is still the table (the WITH is not recursive).
    return f"WITH articles AS (SELECT * FROM articles WHERE id = ANY(?)) {sql}", [articles, *params]


def _table_of(
    chosen: str, chosen_params: list[object], f: EventFilter, with_keys: bool
) -> tuple[str, list[object]]:
    """The event-table columns of the chosen events, in the order of ``f``."""
    select, select_params = select_sql()
    if with_keys:
        keys = ", ".join(f"{key.column} AS order_key_{n}" for n, key in enumerate(order_keys(f)))
        select = f"{select}, {keys}"
    sql = f"SELECT {select} FROM ({chosen}) AS events {event_order(f)}"
    return sql, [*select_params, *chosen_params]


def order_columns(f: EventFilter) -> list[str]:
    """The columns the order of ``f`` reads, each once."""
    return list(dict.fromkeys(key.column for key in order_keys(f)))


def chosen_sql(f: EventFilter, columns: str = "*") -> tuple[str, list[object]]:
    """``columns`` of the events of a page: the filter's, ordered and paged (``columns`` must
    include the order's columns).

    A keyset page whose cursor has a first key splits into the rows with a first key from the
    cursor's on and those without one (``keyset_branches``), each a range an index can serve;
    the page takes from both, in order.
    """
    where = event_where(f)
    order = event_order(f)
    paging, paging_params = _paging(f)
    branches = keyset_branches(f) or [Clause()]
    parts: list[str] = []
    params: list[object] = []
    for branch in branches:
        clause = Clause([*where.parts, *branch.parts], [*where.params, *branch.params])
        parts.append(f"SELECT {columns} FROM events {clause.sql()} {order} {paging}")
        params.extend([*clause.params, *paging_params])
    if len(parts) == 1:
        return parts[0], params
    united = " UNION ALL ".join(f"({part})" for part in parts)
    return f"SELECT * FROM ({united}) AS events {order} {paging}", [*params, *paging_params]


def _selection(f: EventFilter) -> Clause:
    """The filter's conditions plus, when it pages by keyset, the condition "after the cursor"
    (both branches of ``keyset_branches`` joined)."""
    clause = event_where(f)
    branches = keyset_branches(f)
    if branches:
        clause.add(
            " OR ".join(f"({' AND '.join(b.parts)})" for b in branches),
            *[param for b in branches for param in b.params],
        )
    return clause


def _and(where: Clause, condition: str) -> str:
    """A ``WHERE`` clause with one more fixed condition (no parameters)."""
    return f"{where.sql()} AND ({condition})" if where.parts else f"WHERE {condition}"


_PAIR_CONDITION = "coalesce(source_root, '') <> '' AND coalesce(target_root, '') <> ''"


def _grouped(table: str, keys: str, extra: str = "") -> str:
    """Events per group of ``keys``: count, Goldstein sum, cooperation (quad classes 1-2), conflict (3-4)."""
    return (
        f"SELECT {keys}{extra}, count(*) AS events, coalesce(sum(goldstein), 0.0) AS goldstein_sum, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
        f"FROM {table} GROUP BY {keys}"
    )


def _group(row: dict[str, Any], start: dict[str, Any]) -> dict[str, Any]:
    """A counted group (edge, place, area) as the API gives it, with the mean Goldstein score."""
    events = int(row["events"])
    goldstein_sum = round(float(row["goldstein_sum"]), 3)
    return {
        **start,
        "events": events,
        "goldstein_sum": goldstein_sum,
        "cooperation": int(row["cooperation"]),
        "conflict": int(row["conflict"]),
        "goldstein_mean": round(goldstein_sum / events, 3) if events else 0.0,
    }


_PLACES_SQL = """
    WITH grouped AS MATERIALIZED (
        SELECT location_name, location_country, location_lat, location_lon,
               coalesce(nullif(type, ''), nullif(cameo, '')) AS kind, count(*) AS n,
               coalesce(sum(goldstein), 0.0) AS goldstein_sum,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM events {where}
        GROUP BY location_name, location_country, location_lat, location_lon, kind
    ),
    shaped AS (
        SELECT grouped.*,
               CASE WHEN (%(precision)s) = 'country' AND coalesce(location_country, '') <> '' THEN 'area'
                    WHEN location_lat IS NOT NULL AND location_lon IS NOT NULL THEN 'dot' END AS shape
        FROM grouped
    ),
    keyed AS (
        SELECT shaped.*,
               CASE WHEN shape = 'dot' THEN coalesce(location_name, '') ELSE '' END AS name_key,
               coalesce(location_country, '') AS country_key,
               CASE WHEN shape = 'dot' THEN location_lat ELSE 0 END AS lat_key,
               CASE WHEN shape = 'dot' THEN location_lon ELSE 0 END AS lon_key
        FROM shaped WHERE shape IS NOT NULL
    ),
    placed AS (
        SELECT shape, name_key, country_key, lat_key, lon_key, min(location_name) AS name,
               min(location_country) AS country, min(location_lat) AS lat, min(location_lon) AS lon,
               sum(n) AS events, sum(goldstein_sum) AS goldstein_sum, sum(cooperation) AS cooperation,
               sum(conflict) AS conflict
        FROM keyed GROUP BY shape, name_key, country_key, lat_key, lon_key
    ),
    ranked AS (
        SELECT placed.*,
               row_number() OVER (PARTITION BY shape ORDER BY events DESC, name NULLS LAST,
                                  country NULLS LAST, lat NULLS LAST, lon NULLS LAST) AS rank,
               count(*) OVER (PARTITION BY shape) AS places_total,
               sum(events) OVER (PARTITION BY shape) AS events_placed
        FROM placed
    )
    SELECT r.shape, r.rank, r.name, r.country, r.lat, r.lon, r.events, r.goldstein_sum, r.cooperation,
           r.conflict, r.places_total, r.events_placed, k.kind, sum(k.n) AS n
    FROM ranked r JOIN keyed k
      ON k.shape = r.shape AND k.name_key = r.name_key AND k.country_key = r.country_key
         AND k.lat_key = r.lat_key AND k.lon_key = r.lon_key
    WHERE r.rank <= ?
    GROUP BY r.shape, r.rank, r.name, r.country, r.lat, r.lon, r.events, r.goldstein_sum, r.cooperation,
             r.conflict, r.places_total, r.events_placed, k.kind
    ORDER BY r.shape, r.rank, n DESC, k.kind NULLS LAST
""".replace("%(precision)s", place_precision.sql)
"""Places of the matching events in one scan: the events are grouped by place and type first, the
groups (few) are told apart into dots and areas (a whole country), counted per place, ranked
within each shape and cut to the limit, with their types. The ``{where}`` clause is filled in."""


def _known_ids(cur: Cursor, ids: Iterable[str]) -> set[str]:
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


def _scalar(cur: Cursor, sql: str, params: Sequence[object] = ()) -> int:
    """The single integer a query returns."""
    row = cur.execute(sql, list(params)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO text, so results are JSON-ready."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _dicts(result: Result) -> list[dict[str, Any]]:
    """All rows of a result as dicts keyed by column name."""
    names = [d[0] for d in result.description or ()]
    return [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in result.fetchall()]


def _counts(cur: Cursor, table: str, column: str) -> list[dict[str, Any]]:
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
