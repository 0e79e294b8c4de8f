"""Large reads: keyset pages in every order, aggregates counted by the database, streamed rows.

Every test runs on both backends (see conftest.py). The copies of the sample corpus tie on every
sort key (the same events in several articles), so page boundaries fall between equal keys.
"""

from __future__ import annotations

import dataclasses
import io
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from store_samples import sample_corpus

from lagebild.model import Doc, Event
from lagebild.store import DuckDBStore, EventFilter, export
from lagebild.store.base import SORT_KEYS
from lagebild.store.filters import keyset_values, order_keys
from lagebild.store.sql_store import SQLStore

COPIES = 3
ORDERS = [None, *SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)]


def copied_corpus(copies: int = COPIES) -> list[tuple[Doc, list[Event]]]:
    """The sample corpus several times over, each copy with ids of its own."""
    items = []
    for copy in range(copies):
        for doc, events in sample_corpus():
            article_id = f"{doc.article.id}-{copy}"
            article = dataclasses.replace(doc.article, id=article_id)
            copied = [dataclasses.replace(e, id=f"{e.id}-{copy}", doc_id=article_id) for e in events]
            items.append((dataclasses.replace(doc, article=article, events=tuple(copied)), copied))
    return items


@pytest.fixture
def copies(store: SQLStore) -> SQLStore:
    """A store holding the copied corpus."""
    store.write_batch(copied_corpus())
    return store


def _walk(store: SQLStore, f: EventFilter) -> list[list[str]]:
    """Every page of ``f``, each starting after the last row of the one before."""
    pages = []
    while True:
        page = store.page_rows(f)
        pages.append([row["event_id"] for row in page.rows])
        if page.after is None:
            return pages
        f = replace(f, after=page.after, offset=0)


def test_keyset_pages_give_every_event_once_in_every_order(copies: SQLStore) -> None:
    for sort in ORDERS:
        whole = [row["event_id"] for row in copies.query_rows(EventFilter(sort=sort))]
        assert len(whole) == len(set(whole)) == 8 * COPIES
        for size in (1, 5) if sort in (None, "-place") else (4,):
            pages = _walk(copies, EventFilter(sort=sort, limit=size))
            assert [event for page in pages for event in page] == whole, (sort, size)
            assert all(len(page) == size for page in pages[:-1])


def test_keyset_pages_follow_filters_and_offsets(copies: SQLStore) -> None:
    f = EventFilter(actor="RUS", sort="-goldstein")
    whole = [row["event_id"] for row in copies.query_rows(f)]
    assert [e for page in _walk(copies, replace(f, limit=2)) for e in page] == whole
    # A first page found by offset hands on a cursor like any other.
    assert [e for page in _walk(copies, replace(f, limit=2, offset=3)) for e in page] == whole[3:]
    assert copies.page_rows(replace(f, limit=len(whole))).after is None
    assert copies.page_rows(replace(f, limit=0)).rows == []


def test_the_order_always_ends_with_the_event_id() -> None:
    for sort in ORDERS:
        keys = order_keys(EventFilter(sort=sort))
        assert keys[-1].column == "id"
    with pytest.raises(ValueError, match="values"):
        keyset_values(EventFilter(), ["2017-03-01"])
    with pytest.raises(ValueError, match="date"):
        keyset_values(EventFilter(), ["soon", None, "a", 0, 0, "e"])
    with pytest.raises(ValueError, match="after or offset"):
        EventFilter(after=("x",), offset=2)


def test_network_counts_every_pair_in_the_database(copies: SQLStore) -> None:
    rows = copies.query_rows(EventFilter())
    pairs = Counter(
        (r["source_root"], r["target_root"]) for r in rows if r["source_root"] and r["target_root"]
    )
    network = copies.actor_network(EventFilter(), limit=100)
    assert {(e["source"], e["target"]): e["events"] for e in network["edges"]} == dict(pairs)
    assert network["events_with_pair"] == sum(pairs.values()) and network["events_total"] == len(rows)
    assert network["edges_total"] == len(pairs)
    involved: Counter[str] = Counter()
    for (source, target), count in pairs.items():
        involved[source] += count
        involved[target] += count
    assert {n["id"]: n["events"] for n in network["nodes"]} == dict(involved)
    top = copies.actor_network(EventFilter(), limit=1)
    assert top["edges"] == network["edges"][:1] and top["edges_total"] == network["edges_total"]
    assert {n["id"] for n in top["nodes"]} == {top["edges"][0]["source"], top["edges"][0]["target"]}
    for edge in network["edges"]:
        between = [
            r for r in rows if (r["source_root"], r["target_root"]) == (edge["source"], edge["target"])
        ]
        assert edge["goldstein_sum"] == pytest.approx(sum(r["goldstein"] or 0.0 for r in between))
        assert edge["cooperation"] == sum(r["quad_class"] in (1, 2) for r in between)
        assert edge["conflict"] == sum(r["quad_class"] in (3, 4) for r in between)


def test_places_count_every_event_in_the_database(copies: SQLStore) -> None:
    rows = copies.query_rows(EventFilter())
    dots = Counter(
        (r["place_name"], r["place_country"], r["place_lat"], r["place_lon"])
        for r in rows
        if r["place_precision"] != "country" and r["place_lat"] is not None and r["place_lon"] is not None
    )
    places = copies.event_places(EventFilter(), limit=100)
    assert {(p["name"], p["country"], p["lat"], p["lon"]): p["events"] for p in places["places"]} == dict(
        dots
    )
    assert places["places_total"] == len(dots) and places["events_with_place"] == sum(dots.values())
    assert places["events_total"] == len(rows)
    for place in places["places"]:
        here = [r for r in rows if (r["place_name"], r["place_lat"]) == (place["name"], place["lat"])]
        assert place["types"] == dict(Counter(r["plover_type"] or r["cameo_code"] for r in here))
    first = places["places"][0]
    one = copies.event_places(EventFilter(place=first["name"]), limit=1)
    assert one["places"] == [first] and one["events_with_place"] == first["events"]


def test_facets_count_every_matching_event(copies: SQLStore) -> None:
    f = EventFilter(since="2017")
    rows = copies.query_rows(f)
    facets = copies.facets(f, limit=3)
    assert all(facet["total"] == len(rows) for facet in facets.values())
    actors = Counter(a for r in rows for a in {r["source_root"], r["target_root"]} - {None})
    assert _counted(facets["actor"]) == _top(actors, 3)
    assert facets["actor"]["distinct"] == len(actors)
    assert facets["actor"]["with_value"] == sum(1 for r in rows if r["source_root"] or r["target_root"])
    types = Counter(r["plover_type"] for r in rows if r["plover_type"] is not None)
    assert _counted(facets["type"]) == _top(types, 3) and facets["type"]["distinct"] == len(types)
    assert facets["type"]["with_value"] == sum(types.values())
    months = Counter(
        str(r["event_date_earliest"])[:7]
        for r in rows
        if r["event_date_precision"] in ("time", "day", "week", "month")
    )
    assert [(v["value"], v["count"]) for v in facets["month"]["values"]] == sorted(months.items())
    countries = Counter(
        c for r in rows for c in {r["source_country"], r["target_country"], r["place_country"]} - {None}
    )
    assert _counted(facets["country"]) == _top(countries, 3)


def _counted(facet: dict[str, Any]) -> list[tuple[str, int]]:
    return [(v["value"], v["count"]) for v in facet["values"]]


def _top(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


@dataclasses.dataclass
class _Reads:
    """What a store's reads did: rows per fetch, the statements run, the streamed result types."""

    fetched: list[int] = dataclasses.field(default_factory=list)
    statements: list[str] = dataclasses.field(default_factory=list)
    streams: list[str] = dataclasses.field(default_factory=list)


class _Watched:
    """A query result that records how many rows each fetch handed out."""

    def __init__(self, result: Any, fetched: list[int]) -> None:
        self._result = result
        self._fetched = fetched

    def __getattr__(self, name: str) -> Any:
        return getattr(self._result, name)

    def fetchmany(self, size: int = 1) -> list[Any]:
        rows: list[Any] = self._result.fetchmany(size)
        self._fetched.append(len(rows))
        return rows

    def fetchall(self) -> list[Any]:
        rows: list[Any] = self._result.fetchall()
        self._fetched.append(len(rows))
        return rows

    def to_arrow_table(self) -> Any:
        table = self._result.to_arrow_table()
        self._fetched.append(table.num_rows)
        return table


def test_rows_are_streamed_in_bounded_chunks(copies: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading every row never fetches more than a chunk at a time, the first row comes before
    the rest is fetched, and the database never holds the whole sorted result for the reader:
    PostgreSQL streams it through a server-side cursor, DuckDB (whose results are materialised)
    is asked for pages of at most a chunk, one after the other."""
    monkeypatch.setattr(export, "CHUNK_ROWS", 5)
    monkeypatch.setattr("lagebild.store.duckdb_store.PAGE_ROWS", 5)
    reads = _Reads()
    _watch(copies, monkeypatch, reads)
    rows = copies.iter_rows(EventFilter(sort="place"))
    first = next(rows)
    # One page (DuckDB: its row ids, then its rows) before the first row comes out.
    assert 1 <= len(reads.fetched) <= 2 and 0 < max(reads.fetched) <= 5
    rest = list(rows)
    assert [first["event_id"], *(r["event_id"] for r in rest)] == [
        r["event_id"] for r in copies.query_rows(EventFilter(sort="place"))
    ]
    assert max(reads.fetched) <= 6 and len(reads.fetched) >= 8 * COPIES // 5
    for fmt in ("jsonl", "csv"):
        reads.fetched.clear()
        assert copies.export(fmt, io.StringIO(), EventFilter()) == 8 * COPIES
        assert 0 < max(reads.fetched) <= 6
    if isinstance(copies, DuckDBStore):
        row_reads = [sql for sql in reads.statements if "FROM events" in sql]
        assert row_reads and all("LIMIT ?" in sql or "rowid = ANY(?)" in sql for sql in row_reads)
    else:
        assert reads.streams and set(reads.streams) == {"ServerCursor"}


def _watch(store: SQLStore, monkeypatch: pytest.MonkeyPatch, reads: _Reads) -> None:
    """Record the fetches of the store's streamed results and cursors, and the statements run."""
    streamed, cursor = store._streamed, store._cursor

    @contextmanager
    def watched_stream(sql: str, params: Any) -> Iterator[Any]:
        with streamed(sql, params) as result:
            reads.streams.append(type(result).__name__)
            yield _Watched(result, reads.fetched)

    @contextmanager
    def watched_cursor() -> Iterator[Any]:
        with cursor() as cur:
            yield _CursorWatch(cur, reads)

    monkeypatch.setattr(store, "_streamed", watched_stream)
    monkeypatch.setattr(store, "_cursor", watched_cursor)


class _CursorWatch:
    """A cursor whose results record their fetches."""

    def __init__(self, cur: Any, reads: _Reads) -> None:
        self._cur = cur
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)

    def execute(self, sql: str, *args: Any) -> Any:
        self._reads.statements.append(sql)
        return _Watched(self._cur.execute(sql, *args), self._reads.fetched)

    def sql(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        self._reads.statements.append(sql)
        return _Watched(self._cur.sql(sql, *args, **kwargs), self._reads.fetched)
